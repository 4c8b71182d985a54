// The facts layer (src/facts): folding, the reference data and its aliases
// (every province name of ../shared/data must resolve), and rebuilds over
// constructed records: one fact per unit and edition whatever the spelling,
// statuses, checks that fail where they should, determinism, overrides.
#include "facts/facts.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "store/store.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;
const std::string kReference = std::string(VNREFORM_SOURCE_DIR) + "/rules/reference";
const std::string kShared = std::string(VNREFORM_SOURCE_DIR) + "/../shared/data/vn_admin";

const Reference& Ref() {
  static std::unique_ptr<Reference> ref = [] {
    std::unique_ptr<Reference> r;
    Status s = Reference::Load(kReference, &r);
    if (!s.ok()) FAIL(s.ToString());
    return r;
  }();
  return *ref;
}

std::string Unit(const std::string& name, const std::string& day) {
  UnitMatch m;
  return Ref().ResolveUnit(name, day, &m) ? m.code : "";
}

TEST_CASE("FoldName drops case, diacritics, tone placement and punctuation", "[facts]") {
  CHECK(FoldName("TP.HCM") == "tphcm");
  CHECK(FoldName("TP HCM") == "tphcm");
  CHECK(FoldName("Tp. Hồ Chí Minh") == "tphochiminh");
  CHECK(FoldName("Hoà Bình") == FoldName("Hòa Bình"));
  CHECK(FoldName("Đắk Lắk") == "daklak");
  CHECK(FoldName("Bà Rịa - Vũng Tàu", true) == "ba ria vung tau");
  CHECK(FoldName("Ho\xcc\x80"
                 "a") == "hoa");  // decomposed: o + combining grave
}

TEST_CASE("units resolve by alias and date", "[facts]") {
  for (const char* hcm : {"TPHCM", "TP.HCM", "TP HCM", "Sài Gòn", "Hồ Chí Minh",
                          "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Tp.HCM"})
    CHECK(Unit(hcm, "2023-05-01") == "79");
  CHECK(Unit("Thừa Thiên - Huế", "2023-05-01") == "46");
  CHECK(Unit("tỉnh Thừa Thiên Huế", "2023-05-01") == "46");
  CHECK(Unit("Huế", "2023-05-01") == "46");
  CHECK(Unit("thành phố Huế", "2023-05-01") == "D474");  // a district then
  CHECK(Unit("thành phố Huế", "2025-03-01") == "46");
  CHECK(Unit("Bà Rịa - Vũng Tàu", "2023-05-01") == "77");
  CHECK(Unit("Bà Rịa - Vũng Tàu", "2025-09-01") == "79");  // merged into HCM
  CHECK(Unit("Đắc Lắc", "2020-01-01") == "66");
  CHECK(Unit("Hoà Bình", "2024-01-01") == "17");
  CHECK(Unit("Hòa Bình", "2026-01-01") == "25");
  CHECK(Unit("Gia Lai", "2023-01-01") == "64");
  CHECK(Unit("Gia Lai", "2026-01-01") == "52");  // the merged Gia Lai keeps 52
  CHECK(Unit("Bình Định", "2023-01-01") == "52");
  CHECK(Unit("UBND tỉnh Quảng Ninh", "") == "22");
  CHECK(Unit("Thủ đô Hà Nội", "") == "01");
  CHECK(Unit("Bộ KH&ĐT", "2023-01-01") == "BKHĐT");
  CHECK(Unit("Bộ Nội vụ", "2023-01-01") == "BNV");
  CHECK(Unit("các bộ, ngành", "") == "ALL_MINISTRIES");
  CHECK(Unit("Phúc Giang", "") == "");
  std::string index;
  bool context = false;
  CHECK((Ref().ResolveIndex("Chỉ số CCHC", &index, &context) && index == "PAR_INDEX"));
  CHECK((Ref().ResolveIndex("PAR Index", &index, &context) && index == "PAR_INDEX"));
  CHECK((Ref().ResolveIndex("PCI", &index, &context) && index == "PCI" && context));
  CHECK((Ref().ResolveIndex("Chỉ số SIPAS 2022", &index, &context) && index == "SIPAS"));
}

// Every province name in ../shared/data resolves: both lists (full and
// short names), the old names each new province lists, the sapnhap CSV
// and the converter's slugs.
TEST_CASE("every province alias of ../shared/data resolves", "[facts]") {
  if (!fs::exists(kShared)) {
    WARN("skipped: " << kShared << " is missing");
    return;
  }
  std::vector<std::string> names;
  auto tsv_column = [&](const std::string& file, size_t col, bool split) {
    std::ifstream in(kShared + "/" + file);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream ss(line);
      for (std::string c; std::getline(ss, c, '\t');) cells.push_back(c);
      if (cells.size() <= col) continue;
      if (!split) {
        names.push_back(cells[col]);
        continue;
      }
      std::stringstream parts(cells[col]);
      for (std::string p; std::getline(parts, p, ';');) names.push_back(p);
    }
  };
  tsv_column("provinces_63_before_2025-07-01.tsv", 1, false);
  tsv_column("provinces_63_before_2025-07-01.tsv", 2, false);
  tsv_column("provinces_63_before_2025-07-01.tsv", 5, false);
  tsv_column("provinces_63_before_2025-07-01.tsv", 6, false);
  tsv_column("provinces_34_from_2025-07-01.tsv", 1, false);
  tsv_column("provinces_34_from_2025-07-01.tsv", 2, false);
  tsv_column("provinces_34_from_2025-07-01.tsv", 6, true);
  {
    std::ifstream in(kShared + "/sapnhap_bando_34_provinces_2025-07-17.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string id, mahc, name;
      if (std::getline(ss, id, ',') && std::getline(ss, mahc, ',') &&
          std::getline(ss, name, ',') && !id.empty() && std::isdigit(id[0]))
        names.push_back(name);
    }
  }
  {
    // The converter's province slugs ("tinhhaugiang"), read as quoted keys.
    std::ifstream in(kShared + "/converter_2025_old_to_new.json");
    std::string json((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
    const size_t end = json.find("DICT_PROVINCE_WARD");
    for (size_t i = json.find('"', json.find("DICT_PROVINCE") + 15); i < end;) {
      size_t j = json.find('"', i + 1);
      if (j == std::string::npos || j > end) break;
      names.push_back(json.substr(i + 1, j - i - 1));
      i = json.find('"', j + 1);
    }
  }
  REQUIRE(names.size() > 200);
  std::set<std::string> failed;
  for (const std::string& n : names) {
    if (Unit(n, "2024-01-01").empty() || Unit(n, "2026-01-01").empty()) failed.insert(n);
  }
  INFO(names.size() << " names");
  CHECK(failed.empty());
  for (const std::string& n : failed) WARN("unresolved: " << n);
}

// ---- rebuilds over constructed records ----

struct Db {
  std::unique_ptr<Store> store;
  int64_t next_article = 1;
  Db() { REQUIRE(Store::Open(":memory:", &store).ok()); }

  int64_t Article(const std::string& url, const std::string& title,
                  const std::string& published, const std::string& norm) {
    const int64_t id = next_article++;
    REQUIRE(
        store
            ->QuerySql("INSERT INTO articles(id, key, source, url, title, published,"
                       " content_hash, ruleset, norm) VALUES(?1, ?2, 'test', ?3, ?4, ?5,"
                       " 'h', 'r', ?6)",
                       {id, "a" + std::to_string(id), url, title, published, norm})
            .ok());
    return id;
  }
  // A record over the whole norm of its article.
  void Record(int64_t article, const std::string& type, const std::string& text,
              const std::string& fields, int start = 0) {
    REQUIRE(
        store
            ->QuerySql("INSERT INTO records(article_id, type, start, end, text, rule_id,"
                       " ruleset, fields, sentence_start, sentence_end)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, 'r', 'r', ?6, 0, ?4)",
                       {article, type, int64_t{start},
                        static_cast<int64_t>(start + text.size()), text, fields})
            .ok());
  }
  FactsSummary Rebuild() {
    FactsOptions o;
    o.reference_dir = kReference;
    FactsSummary sum;
    Status s = RebuildFacts(store.get(), o, &sum);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return sum;
  }
  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> rows;
    Status s = store->QuerySql(sql, {}, [&](const std::vector<SqlValue>& row) {
      std::string r;
      for (const SqlValue& v : row) {
        if (!r.empty()) r += "|";
        if (const auto* t = std::get_if<std::string>(&v))
          r += *t;
        else if (const auto* i = std::get_if<int64_t>(&v))
          r += std::to_string(*i);
        else if (const auto* d = std::get_if<double>(&v))
          r += std::to_string(*d);
        else
          r += "NULL";
      }
      rows.push_back(r);
    });
    INFO(sql << ": " << s.ToString());
    REQUIRE(s.ok());
    return rows;
  }
  // Every row of every table the rebuild writes, for comparing rebuilds.
  std::string Dump() {
    std::string out;
    for (const char* t :
         {"ref_units", "ref_unit_aliases", "ref_index_editions", "article_sites",
          "record_links", "people", "posts", "tenures", "documents", "facts",
          "fact_candidates", "fact_sources", "fact_checks"})
      for (const std::string& r :
           Rows(std::string("SELECT * FROM ") + t + " ORDER BY rowid"))
        out += std::string(t) + ": " + r + "\n";
    return out;
  }
};

void Ranking(Db* db, const std::string& site, const std::string& title,
             const std::string& published, const std::string& entity, int rank,
             const std::string& extra = "", const std::string& text = "") {
  const std::string t = text.empty() ? entity + " xếp thứ " + std::to_string(rank) : text;
  const int64_t a = db->Article("https://" + site + "/x", title, published, t);
  db->Record(a, "ranking", t,
             "{\"index\":\"PAR INDEX\",\"entity\":\"" + entity +
                 "\",\"rank\":" + std::to_string(rank) + extra + "}");
}

TEST_CASE("one fact per unit and edition whatever the spelling", "[facts]") {
  Db db;
  Ranking(&db, "a.vn", "TP.HCM tăng hạng chỉ số cải cách hành chính", "2024-04-20",
          "TP.HCM", 5, ",\"year\":2023");
  Ranking(&db, "b.vn", "Thành phố mang tên Bác tăng hạng PAR INDEX", "2024-04-21",
          "TPHCM", 5, ",\"year\":2023");
  Ranking(&db, "c.vn", "Sài Gòn trong bảng xếp hạng cải cách", "2024-04-22", "Sài Gòn",
          6);
  db.Rebuild();
  // The third has no year: published 2024-04-22, after PAR INDEX 2023 came
  // out (2024-04-17), so it is the 2023 edition.
  CHECK(db.Rows(
            "SELECT unit_code, edition, rank, of_n, status, sources FROM rank_series") ==
        std::vector<std::string>{"79|2023|5|63|majority|2"});
  CHECK(db.Rows("SELECT value, n_articles FROM fact_candidates ORDER BY position") ==
        std::vector<std::string>{"5|2", "6|1"});
  CHECK(db.Rows("SELECT count(*) FROM fact_evidence WHERE natural_key ="
                " 'rank|PAR_INDEX|province|2023|79'") == std::vector<std::string>{"3"});
}

TEST_CASE("syndicated copies count once; a tie is a conflict", "[facts]") {
  Db db;
  Ranking(&db, "a.vn", "Quảng Ninh dẫn đầu chỉ số cải cách hành chính năm 2023",
          "2024-04-20", "Quảng Ninh", 1, ",\"year\":2023");
  Ranking(&db, "b.vn", "Quảng Ninh dẫn đầu chỉ số cải cách hành chính năm 2023",
          "2024-04-20", "Quảng Ninh", 1, ",\"year\":2023");
  Ranking(&db, "c.vn", "Bảng xếp hạng PAR INDEX 2023 công bố", "2024-04-20", "Quảng Ninh",
          2, ",\"year\":2023");
  db.Rebuild();
  CHECK(db.Rows("SELECT value, n_articles, n_sites, n_independent FROM fact_candidates"
                " ORDER BY position") == std::vector<std::string>{"1|2|2|1", "2|1|1|1"});
  CHECK(db.Rows("SELECT status FROM facts") == std::vector<std::string>{"conflict"});
}

TEST_CASE("checks between facts catch a wrong change, a rank beyond N, a percent off",
          "[facts]") {
  Db db;
  // Đồng Nai: 32 in 2022, 8 in 2023 "tăng 24 bậc" (right) and "tăng 20 bậc" (wrong).
  Ranking(&db, "a.vn", "Đồng Nai PAR INDEX 2022", "2023-05-01", "Đồng Nai", 32,
          ",\"year\":2022");
  Ranking(&db, "b.vn", "Đồng Nai tăng 24 bậc", "2024-04-20", "Đồng Nai", 8,
          ",\"year\":2023,\"change\":24");
  Ranking(&db, "c.vn", "Đồng Nai tăng 20 bậc", "2024-04-21", "Đồng Nai", 8,
          ",\"year\":2023,\"change\":20");
  // A rank beyond the 63 provinces, and a stated "N/64".
  Ranking(&db, "d.vn", "Hà Giang", "2024-04-20", "Hà Giang", 70, ",\"year\":2023");
  Ranking(&db, "e.vn", "Lào Cai", "2024-04-20", "Lào Cai", 21, ",\"year\":2023",
          "Lào Cai xếp thứ 21/64");
  // 296/845 is 35.03%: a stated 40% is off, 35,03% is right.
  const int64_t r1 =
      db.Article("https://f.vn/1", "Nhiệm vụ CCHC", "2023-06-25",
                 "các bộ, ngành đã hoàn thành 296/845 nhiệm vụ CCHC, đạt 40%");
  db.Record(r1, "ratio", "296/845 nhiệm vụ CCHC",
            "{\"numerator\":296,\"denominator\":845,\"indicator\":\"nhiệm vụ CCHC\","
            "\"subject\":\"các bộ, ngành\",\"percent\":40,\"as_of\":\"2023-06-21\"}");
  const int64_t r2 =
      db.Article("https://g.vn/1", "Hoàn thành nhiệm vụ", "2023-06-26",
                 "các bộ, ngành đã hoàn thành 296/845 nhiệm vụ, đạt 35,03%");
  db.Record(r2, "ratio", "296/845 nhiệm vụ",
            "{\"numerator\":296,\"denominator\":845,\"indicator\":\"nhiệm vụ\","
            "\"subject\":\"các bộ, ngành\",\"percent\":35.03,\"as_of\":\"2023-06-21\"}");
  // Departments and districts of a province are not the province: no fact.
  const int64_t r3 =
      db.Article("https://h.vn/1", "Vĩnh Phúc hoàn thành nhiệm vụ", "2023-10-02",
                 "tỉnh Vĩnh Phúc: các sở, ban, ngành hoàn thành 46/71 nhiệm vụ");
  db.Record(r3, "ratio", "46/71 nhiệm vụ",
            "{\"numerator\":46,\"denominator\":71,\"indicator\":\"nhiệm vụ\","
            "\"subject\":\"các sở, ban, ngành\",\"as_of\":\"2023-09-30\"}");
  FactsSummary sum = db.Rebuild();
  CHECK(db.Rows("SELECT method FROM unlinked_mentions WHERE role = 'unit'") ==
        std::vector<std::string>{"subject_sub_unit"});
  CHECK(db.Rows(
            "SELECT check_name, passed FROM fact_checks WHERE check_name = 'rank_change'"
            " ORDER BY passed") ==
        std::vector<std::string>{"rank_change|0", "rank_change|1"});
  CHECK(db.Rows("SELECT detail FROM failed_checks WHERE check_name = 'rank_change'") ==
        std::vector<std::string>{
            "stated +20; PAR_INDEX 2022 rank 32 -> 2023 rank 8 gives +24"});
  CHECK(
      db.Rows("SELECT natural_key FROM failed_checks WHERE check_name = 'rank_range'") ==
      std::vector<std::string>{"rank|PAR_INDEX|province|2023|02"});
  CHECK(db.Rows("SELECT natural_key FROM failed_checks WHERE check_name = 'rank_of_n'") ==
        std::vector<std::string>{"rank|PAR_INDEX|province|2023|10"});
  CHECK(db.Rows("SELECT passed FROM fact_checks WHERE check_name = 'percent_ratio'"
                " ORDER BY passed") == std::vector<std::string>{"0", "1"});
  CHECK(db.Rows(
            "SELECT indicator, unit_code, as_of, numerator, denominator, percent, status"
            " FROM task_completion_series") ==
        std::vector<std::string>{"tasks|ALL_MINISTRIES|2023-06-21|296.000000|845.000000|"
                                 "35.030000|agreed"});
  CHECK(sum.failed_checks == 4);
  // Stated changes tie (one source each): the smaller is shown, beside
  // the series' own change, and its check fails.
  CHECK(db.Rows("SELECT change, change_in_series FROM rank_series WHERE unit_code = '75'"
                " AND edition = 2023") == std::vector<std::string>{"20|24"});
}

TEST_CASE("same-name officials in different provinces are two people", "[facts]") {
  Db db;
  auto official = [&](const std::string& title, const std::string& published,
                      const std::string& extra = "") {
    const int64_t a =
        db.Article("https://x.vn/" + std::to_string(db.next_article), title + " làm việc",
                   published, title + " Nguyễn Văn An");
    db.Record(a, "official", title + " Nguyễn Văn An",
              "{\"name\":\"Nguyễn Văn An\",\"title\":\"" + title + "\"" + extra + "}");
  };
  official("Chủ tịch UBND tỉnh Bạc Liêu", "2022-01-05");
  official("Chủ tịch UBND tỉnh Bạc Liêu", "2023-03-05");
  official("Chủ tịch UBND tỉnh Cà Mau", "2023-01-05");
  official("Chủ tịch UBND tỉnh Bạc Liêu", "2024-02-01", ",\"former\":1");
  db.Rebuild();
  CHECK(db.Rows("SELECT name, unit_code, first_seen, last_seen, former_seen, n_mentions"
                " FROM office_holders ORDER BY unit_code") ==
        std::vector<std::string>{"Nguyễn Văn An|95|2022-01-05|2023-03-05|2024-02-01|3",
                                 "Nguyễn Văn An|96|2023-01-05|2023-01-05|NULL|1"});
  CHECK(db.Rows("SELECT count(DISTINCT person_id) FROM office_holders") ==
        std::vector<std::string>{"2"});
}

TEST_CASE("legal citations count documents by key and year", "[facts]") {
  Db db;
  for (const char* day : {"2022-05-01", "2022-06-01", "2023-01-01"}) {
    const int64_t a = db.Article(std::string("https://x.vn/") + day, "QĐ", day, "QĐ 422");
    db.Record(
        a, "legal_ref", "Quyết định số 422/QĐ-TTg",
        "{\"doc_type\":\"Quyết định\",\"number\":\"422/QĐ-TTg\",\"year\":2022,"
        "\"issuer\":\"Thủ tướng Chính phủ\",\"doc_key\":\"Quyết định|422/QĐ-TTg|2022|"
        "Thủ tướng Chính phủ\"}");
  }
  const int64_t a = db.Article("https://y.vn/1", "NĐ", "2023-02-01", "Nghị định 86");
  db.Record(
      a, "legal_ref", "Nghị định số 86",
      "{\"doc_type\":\"Nghị định\",\"number\":\"86\",\"doc_key\":\"Nghị định|86||\"}");
  db.Rebuild();
  CHECK(db.Rows("SELECT number, cited_year, n_mentions FROM legal_citations_by_year"
                " ORDER BY n_mentions DESC, number, cited_year") ==
        std::vector<std::string>{"422/QĐ-TTg|2022|2", "422/QĐ-TTg|2023|1", "86|2023|1"});
  CHECK(db.Rows("SELECT resolved FROM documents ORDER BY doc_key") ==
        std::vector<std::string>{"0", "1"});
}

TEST_CASE("rebuilds are deterministic and keep overrides", "[facts]") {
  Db db;
  Ranking(&db, "a.vn", "Đà Nẵng trong bảng xếp hạng, bài A", "2024-04-20", "Đà Nẵng", 3,
          ",\"year\":2023");
  Ranking(&db, "b.vn", "Đà Nẵng trong bảng xếp hạng, bài B", "2024-04-21", "Đà Nẵng", 4,
          ",\"year\":2023");
  Ranking(&db, "c.vn", "Đà Nẵng trong bảng xếp hạng, bài C", "2024-04-22", "Đà Nẵng", 4,
          ",\"year\":2023");
  db.Rebuild();
  const std::string first = db.Dump();
  db.Rebuild();
  CHECK(db.Dump() == first);
  const std::string key = "rank|PAR_INDEX|province|2023|48";
  CHECK(db.Rows("SELECT value, status, overridden FROM facts") ==
        std::vector<std::string>{"4|majority|0"});
  // A researcher rejects 4 and notes why: 3 is chosen, the note shown.
  REQUIRE(db.store
              ->QuerySql("INSERT INTO fact_overrides(natural_key, action, value, note)"
                         " VALUES(?1, 'reject', '4', 'the ministry''s report says 3')",
                         {key})
              .ok());
  FactsSummary sum = db.Rebuild();
  CHECK(sum.overrides == 1);
  CHECK(db.Rows("SELECT value, overridden, note FROM facts") ==
        std::vector<std::string>{"3|1|the ministry's report says 3"});
  CHECK(
      db.Rows("SELECT value, chosen, rejected FROM fact_candidates ORDER BY position") ==
      std::vector<std::string>{"3|1|0", "4|0|1"});
  // Accepting a value no source gives makes it the fact's value.
  REQUIRE(db.store
              ->QuerySql("INSERT INTO fact_overrides(natural_key, action, value)"
                         " VALUES(?1, 'accept', '2')",
                         {key})
              .ok());
  db.Rebuild();
  CHECK(db.Rows("SELECT value, overridden FROM facts") ==
        std::vector<std::string>{"2|1"});
  CHECK(db.Rows("SELECT rank FROM rank_series") == std::vector<std::string>{"2"});
  const std::string with_overrides = db.Dump();
  db.Rebuild();
  CHECK(db.Dump() == with_overrides);
}

TEST_CASE("a ranking without index or unit stays queryable, unlinked", "[facts]") {
  Db db;
  const int64_t a =
      db.Article("https://x.vn/1", "CLB", "2024-01-01", "CLB Sông Lam xếp thứ 2");
  db.Record(a, "ranking", "CLB Sông Lam xếp thứ 2",
            "{\"entity\":\"Sông Lam\",\"rank\":2}");
  db.Rebuild();
  CHECK(db.Rows("SELECT role, surface, method FROM unlinked_mentions ORDER BY role") ==
        std::vector<std::string>{"index|NULL|none", "unit|Sông Lam|unresolved"});
  CHECK(db.Rows("SELECT count(*) FROM facts") == std::vector<std::string>{"0"});
  // A component's rank is a mention of the index, not a rank in it.
  const int64_t b = db.Article("https://x.vn/2", "DTI Quảng Ngãi", "2024-01-01",
                               "Trong đó, chính quyền số ở vị trí thứ 12");
  db.Record(b, "ranking", "chính quyền số ở vị trí thứ 12",
            "{\"index\":\"DTI\",\"entity\":\"Quảng Ngãi\",\"rank\":12,\"year\":2023}",
            10);
  db.Rebuild();
  CHECK(db.Rows("SELECT entity FROM record_links WHERE role = 'component'") ==
        std::vector<std::string>{"DTI"});
  CHECK(db.Rows("SELECT count(*) FROM facts") == std::vector<std::string>{"0"});
}

TEST_CASE("a bad reference file is an error naming it", "[facts]") {
  const fs::path dir = fs::temp_directory_path() / "vnreform_facts_bad_ref";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(kReference))
    fs::copy_file(e.path(), dir / e.path().filename());
  std::ofstream(dir / "unit_aliases.tsv", std::ios::app) << "Nowhere\tXX\t\t\t\n";
  std::unique_ptr<Reference> r;
  Status s = Reference::Load(dir.string(), &r);
  CHECK(!s.ok());
  CHECK(s.ToString().find("unit_aliases.tsv:") != std::string::npos);
  CHECK(s.ToString().find("XX") != std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vnreform
