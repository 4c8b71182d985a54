// Tests for src/store (SqliteStore): schema, articles, records, runs, two connections.
#include "store/store.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace vnreform {
namespace {

namespace fs = std::filesystem;

// A database file in the temp directory, removed with its -wal and -shm.
struct TempDb {
  TempDb() {
    static std::atomic<int> counter{0};
    path = (fs::temp_directory_path() /
            ("vnreform_store_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++) + ".db"))
               .string();
    Remove();
  }
  ~TempDb() { Remove(); }
  void Remove() {
    std::error_code ec;
    for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove(path + ext, ec);
  }
  std::string path;
};

std::unique_ptr<Store> MustOpen(const std::string& path) {
  std::unique_ptr<Store> store;
  const Status s = Store::Open(path, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(store != nullptr);
  return store;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A record over the first `needle` in `norm`, at byte offsets.
Record MakeRecord(const std::string& norm, const std::string& type,
                  const std::string& needle, std::vector<Field> fields = {}) {
  const size_t at = norm.find(needle);
  REQUIRE(at != std::string::npos);
  Record r;
  r.type = type;
  r.rule_id = type + ".r1";
  r.begin = static_cast<uint32_t>(at);
  r.end = static_cast<uint32_t>(at + needle.size());
  r.text = needle;
  r.fields = std::move(fields);
  return r;
}

Document MakeDoc(const std::string& key, const std::string& norm,
                 const std::string& hash = "h1") {
  Document d;
  d.key = key;
  d.source = "corpus/" + key + ".txt";
  d.url = "https://example.vn/" + key;
  d.title = "Tiêu đề " + key;
  d.published = "2024-05-01";
  d.content_hash = hash;
  d.text = norm;
  d.norm = norm;
  return d;
}

std::vector<StoredRecord> AllRecords(Store* store, const std::string& type = "") {
  std::vector<StoredRecord> out;
  const Status s =
      store->ForEachRecord(type, [&](const StoredRecord& r) { out.push_back(r); });
  INFO(s.ToString());
  REQUIRE(s.ok());
  return out;
}

StoreStats Stats(Store* store) {
  StoreStats st;
  const Status s = store->GetStats(&st);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return st;
}

int64_t MustBeginRun(Store* store, const std::string& ruleset = "rules-1") {
  int64_t run = 0;
  REQUIRE(store->BeginRun("vnreform run test", ruleset, &run).ok());
  return run;
}

bool IsCurrent(Store* store, const std::string& key, const std::string& hash,
               const std::string& ruleset) {
  bool current = true;
  const Status s = store->IsCurrent(key, hash, ruleset, &current);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return current;
}

bool HaveSqlite3Cli() { return std::system("command -v sqlite3 >/dev/null 2>&1") == 0; }

TEST_CASE("the schema version is 14", "[store]") { CHECK(Store::SchemaVersion() == 14); }

TEST_CASE("Open creates the schema; an empty database has no stats", "[store]") {
  auto store = MustOpen(":memory:");
  const StoreStats st = Stats(store.get());
  CHECK(st.articles == 0);
  CHECK(st.records.empty());
  CHECK(st.runs == 0);
  CHECK(st.errors == 0);
  CHECK(st.warnings == 0);
  CHECK(st.schema_version == Store::SchemaVersion());
  CHECK(AllRecords(store.get()).empty());
  CHECK_FALSE(IsCurrent(store.get(), "nope", "h1", "rules-1"));
}

TEST_CASE("records come back in (article, start, end, type) order with their fields",
          "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());

  const std::string norm_b = "Tỷ lệ 35,03% ngày 19/7/2023 đạt 296/300 nhiệm vụ";
  Document b = MakeDoc("b", norm_b);
  b.records.push_back(MakeRecord(norm_b, "ratio", "296/300 nhiệm vụ",
                                 {{"numerator", "296", Field::kInt},
                                  {"denominator", "300", Field::kInt},
                                  {"percent", "98.67", Field::kNumber},
                                  {"indicator", "nhiệm vụ", Field::kString}}));
  b.records.push_back(
      MakeRecord(norm_b, "percent", "35,03%", {{"value", "35.03", Field::kNumber}}));
  b.records.push_back(
      MakeRecord(norm_b, "date", "19/7/2023", {{"value", "2023-07-19", Field::kString}}));
  // Same start, shorter end: sorts first. Same span, type "a": before "ratio".
  b.records.push_back(
      MakeRecord(norm_b, "ratio", "296/300", {{"numerator", "296", Field::kInt}}));
  b.records.push_back(
      MakeRecord(norm_b, "a_type", "296/300", {{"code", "007", Field::kString}}));

  const std::string norm_a = "Năm 2023: 12%";
  Document a = MakeDoc("a", norm_a);
  a.records.push_back(
      MakeRecord(norm_a, "percent", "12%", {{"value", "12", Field::kInt}}));

  REQUIRE(store->PutArticle(run, "rules-1", b).ok());  // "b" first: order is by key
  REQUIRE(store->PutArticle(run, "rules-1", a).ok());

  const std::vector<StoredRecord> all = AllRecords(store.get());
  struct Want {
    const char* article;
    const char* type;
    const char* text;
    int64_t start, end;
  };
  static const Want kWant[] = {
      {"a", "percent", "12%", 10, 13},    {"b", "percent", "35,03%", 6, 12},
      {"b", "date", "19/7/2023", 18, 27}, {"b", "a_type", "296/300", 32, 39},
      {"b", "ratio", "296/300", 32, 39},  {"b", "ratio", "296/300 nhiệm vụ", 32, 48},
  };
  REQUIRE(all.size() == std::size(kWant));
  for (size_t i = 0; i < all.size(); ++i) {
    INFO("record " << i << ": " << all[i].article << " " << all[i].type << " "
                   << all[i].text);
    CHECK(all[i].article == kWant[i].article);
    CHECK(all[i].type == kWant[i].type);
    CHECK(all[i].text == kWant[i].text);
    CHECK(all[i].start == kWant[i].start);
    CHECK(all[i].end == kWant[i].end);
    CHECK(all[i].ruleset == "rules-1");
    CHECK(all[i].rule_id == std::string(kWant[i].type) + ".r1");
  }

  SECTION("fields keep their names, values, kinds and order") {
    const StoredRecord& ratio = all[5];
    REQUIRE(ratio.fields.size() == 4);
    struct WantField {
      const char* name;
      const char* value;
      Field::Kind kind;
    };
    static const WantField kFields[] = {
        {"numerator", "296", Field::kInt},
        {"denominator", "300", Field::kInt},
        {"percent", "98.67", Field::kNumber},
        {"indicator", "nhiệm vụ", Field::kString},
    };
    for (size_t i = 0; i < std::size(kFields); ++i) {
      INFO(kFields[i].name);
      CHECK(ratio.fields[i].name == kFields[i].name);
      CHECK(ratio.fields[i].value == kFields[i].value);
      CHECK(ratio.fields[i].kind == kFields[i].kind);
    }
    REQUIRE(all[1].fields.size() == 1);
    CHECK(all[1].fields[0].value == "35.03");
    CHECK(all[1].fields[0].kind == Field::kNumber);
    REQUIRE(all[0].fields.size() == 1);
    CHECK(all[0].fields[0].value == "12");
    CHECK(all[0].fields[0].kind == Field::kInt);
    REQUIRE(all[3].fields.size() == 1);
    CHECK(all[3].fields[0].value == "007");  // a numeric-looking string stays one
    CHECK(all[3].fields[0].kind == Field::kString);
    REQUIRE(all[2].fields.size() == 1);
    CHECK(all[2].fields[0].value == "2023-07-19");
    CHECK(all[2].fields[0].kind == Field::kString);
  }

  SECTION("a type filter returns only that type, in the same order") {
    const std::vector<StoredRecord> percents = AllRecords(store.get(), "percent");
    REQUIRE(percents.size() == 2);
    CHECK(percents[0].article == "a");
    CHECK(percents[1].article == "b");
    CHECK(AllRecords(store.get(), "ratio").size() == 2);
    CHECK(AllRecords(store.get(), "no_such_type").empty());
  }

  SECTION("stats count articles and records per type") {
    const StoreStats st = Stats(store.get());
    CHECK(st.articles == 2);
    CHECK(st.runs == 1);
    CHECK(st.records == std::map<std::string, int64_t>{
                            {"a_type", 1}, {"date", 1}, {"percent", 2}, {"ratio", 2}});
  }
}

TEST_CASE("record offsets are stored in code points of the norm", "[store]") {
  const std::string norm = "Đạt 35,03% năm";
  struct OffsetCase {
    const char* needle;
    int64_t start, end;
  };
  static const OffsetCase kCases[] = {
      {"35,03%", 4, 10},     {"Đạt", 0, 3},  {"năm", 11, 14},
      {"35,03% năm", 4, 14}, {"ạt 3", 1, 5}, {"Đạt 35,03% năm", 0, 14},
  };
  for (const OffsetCase& c : kCases) {
    INFO(c.needle);
    auto store = MustOpen(":memory:");
    const int64_t run = MustBeginRun(store.get());
    Document d = MakeDoc("k", norm);
    d.records.push_back(MakeRecord(norm, "t", c.needle));
    REQUIRE(store->PutArticle(run, "rules-1", d).ok());
    const std::vector<StoredRecord> all = AllRecords(store.get());
    REQUIRE(all.size() == 1);
    CHECK(all[0].start == c.start);
    CHECK(all[0].end == c.end);
    CHECK(all[0].text == c.needle);
  }
}

TEST_CASE("putting a key again replaces the article and its records", "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());
  const std::string norm1 = "Tỷ lệ 35,03% và 12% ngày 19/7/2023";
  Document d1 = MakeDoc("k", norm1, "hash-1");
  d1.records.push_back(MakeRecord(norm1, "percent", "35,03%"));
  d1.records.push_back(MakeRecord(norm1, "percent", "12%"));
  d1.records.push_back(MakeRecord(norm1, "date", "19/7/2023"));
  REQUIRE(store->PutArticle(run, "rules-1", d1).ok());
  REQUIRE(AllRecords(store.get()).size() == 3);

  const std::string norm2 = "Chỉ còn 50%";
  Document d2 = MakeDoc("k", norm2, "hash-2");
  d2.records.push_back(MakeRecord(norm2, "percent", "50%"));
  REQUIRE(store->PutArticle(run, "rules-2", d2).ok());

  const std::vector<StoredRecord> all = AllRecords(store.get());
  REQUIRE(all.size() == 1);
  CHECK(all[0].text == "50%");
  CHECK(all[0].start == 8);
  CHECK(all[0].ruleset == "rules-2");
  const StoreStats st = Stats(store.get());
  CHECK(st.articles == 1);
  CHECK(st.records == std::map<std::string, int64_t>{{"percent", 1}});

  SECTION("the same key with the same records again adds nothing") {
    REQUIRE(store->PutArticle(run, "rules-2", d2).ok());
    CHECK(AllRecords(store.get()).size() == 1);
    CHECK(Stats(store.get()).articles == 1);
  }

  SECTION("IsCurrent needs the same hash and rule set") {
    struct CurrentCase {
      const char* key;
      const char* hash;
      const char* ruleset;
      bool current;
    };
    static const CurrentCase kCases[] = {
        {"k", "hash-2", "rules-2", true},
        {"k", "hash-1", "rules-2", false},  // old content
        {"k", "hash-2", "rules-1", false},  // old rules
        {"k", "hash-1", "rules-1", false},
        {"k", "", "", false},
        {"other", "hash-2", "rules-2", false},  // unknown key
        {"K", "hash-2", "rules-2", false},      // keys are case-sensitive
    };
    for (const CurrentCase& c : kCases) {
      INFO(c.key << " " << c.hash << " " << c.ruleset);
      CHECK(IsCurrent(store.get(), c.key, c.hash, c.ruleset) == c.current);
    }
  }

  SECTION("marked current under a later rule set, the records keep their version") {
    auto to_reextract = [&](const std::string& ruleset) {
      std::vector<StoredArticle> out;
      REQUIRE(store->ArticlesToReextract(ruleset, false, 0, 10, &out).ok());
      return out;
    };
    REQUIRE(to_reextract("rules-3").size() == 1);
    CHECK(to_reextract("rules-3")[0].ruleset == "rules-2");
    const int64_t id = to_reextract("rules-3")[0].id;
    REQUIRE(store->MarkCurrent("rules-3", id).ok());
    CHECK(IsCurrent(store.get(), "k", "hash-2", "rules-3"));
    CHECK_FALSE(IsCurrent(store.get(), "k", "hash-2", "rules-2"));
    CHECK(to_reextract("rules-3").empty());
    REQUIRE(to_reextract("rules-4").size() == 1);
    CHECK(to_reextract("rules-4")[0].ruleset == "rules-3");  // the latest
    CHECK(AllRecords(store.get())[0].ruleset == "rules-2");  // made with

    // Marked again: one row, the latest version.
    REQUIRE(store->MarkCurrent("rules-4", id).ok());
    CHECK(IsCurrent(store.get(), "k", "hash-2", "rules-4"));
    CHECK_FALSE(IsCurrent(store.get(), "k", "hash-2", "rules-3"));

    // Records made again, the same as stored: only marked current.
    bool same = false;
    REQUIRE(store->ReplaceRecords(run, "rules-5", id, d2, &same).ok());
    CHECK(same);
    CHECK(IsCurrent(store.get(), "k", "hash-2", "rules-5"));
    CHECK(AllRecords(store.get())[0].ruleset == "rules-2");

    // Different: the version they are made with, nothing else.
    Document d3 = d2;
    d3.records[0].fields.push_back({"note", "x"});
    REQUIRE(store->ReplaceRecords(run, "rules-6", id, d3, &same).ok());
    CHECK_FALSE(same);
    CHECK(IsCurrent(store.get(), "k", "hash-2", "rules-6"));
    CHECK_FALSE(IsCurrent(store.get(), "k", "hash-2", "rules-5"));
    CHECK(AllRecords(store.get())[0].ruleset == "rules-6");
    REQUIRE(store->MarkCurrent("rules-7", id).ok());
    REQUIRE(store->PutArticle(run, "rules-8", d2).ok());
    CHECK(IsCurrent(store.get(), "k", "hash-2", "rules-8"));
    CHECK_FALSE(IsCurrent(store.get(), "k", "hash-2", "rules-7"));
  }

  SECTION("records are the same only when everything WriteRecords writes is") {
    const int64_t id = [&] {
      std::vector<StoredArticle> out;
      REQUIRE(store->ArticlesToReextract("rules-3", false, 0, 10, &out).ok());
      REQUIRE(out.size() == 1);
      return out[0].id;
    }();
    auto same_as = [&](const Document& d) {
      bool same = true;
      REQUIRE(store->ReplaceRecords(run, "rules-3", id, d, &same).ok());
      REQUIRE(store->ReplaceRecords(run, "rules-2", id, d2).ok());  // back
      return same;
    };
    CHECK(same_as(d2));
    Document d = d2;
    d.records.push_back(d.records[0]);  // a repeat is not stored: the same
    CHECK(same_as(d));
    d = d2;
    d.records.clear();
    CHECK_FALSE(same_as(d));
    d = d2;
    d.records.push_back(MakeRecord(norm2, "quantity", "50"));
    CHECK_FALSE(same_as(d));
    d = d2;
    d.records[0].rule_id = "other";
    CHECK_FALSE(same_as(d));
    d = d2;
    d.records[0].sentence_begin = 0;  // stored without its sentence
    d.records[0].sentence_end = static_cast<uint32_t>(norm2.size());
    CHECK_FALSE(same_as(d));
    d = d2;
    d.published = "2023-07-19";
    CHECK_FALSE(same_as(d));
    d = d2;
    d.locality = "Cần Thơ";
    CHECK_FALSE(same_as(d));
    d = d2;
    d.relevant = 1;  // the reform flag and score are the article's
    d.relevance = 1.5;
    CHECK_FALSE(same_as(d));
  }
}

TEST_CASE("the reform flag is stored with the article, NULL without a lexicon",
          "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());
  Document a = MakeDoc("a", "cải cách hành chính");
  a.relevant = 1;
  a.relevance = 2;
  Document b = MakeDoc("b", "giá vàng");
  b.relevant = 0;
  Document c = MakeDoc("c", "không có lexicon");  // relevant = -1
  for (const Document* d : {&a, &b, &c})
    REQUIRE(store->PutArticle(run, "rules-1", *d).ok());
  CHECK(Stats(store.get()).articles == 3);
  CHECK(Stats(store.get()).relevant == 1);
  a.relevant = 0;
  REQUIRE(store->PutArticle(run, "rules-2", a).ok());
  CHECK(Stats(store.get()).relevant == 0);
}

TEST_CASE("identical spans of one type in one article are stored once", "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());
  const std::string norm = "Đạt 35,03%";
  Document d = MakeDoc("k", norm);
  d.records.push_back(MakeRecord(norm, "percent", "35,03%"));
  d.records.push_back(MakeRecord(norm, "percent", "35,03%"));
  d.records.push_back(MakeRecord(norm, "number", "35,03%"));
  REQUIRE(store->PutArticle(run, "rules-1", d).ok());
  CHECK(AllRecords(store.get()).size() == 2);
}

TEST_CASE("an article without records or optional metadata is stored", "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());
  Document d;
  d.key = "bare";
  d.source = "bare.txt";
  d.content_hash = "h";
  d.text = "x\ny";
  d.norm = "x\ny";
  REQUIRE(store->PutArticle(run, "rules-1", d).ok());
  CHECK(Stats(store.get()).articles == 1);
  CHECK(AllRecords(store.get()).empty());
  CHECK(IsCurrent(store.get(), "bare", "h", "rules-1"));
}

TEST_CASE("a page's author, site and language are stored, NULL when it has none",
          "[store]") {
  if (!HaveSqlite3Cli()) {
    WARN("skipped: no sqlite3 on PATH to read the columns");
    return;
  }
  TempDb db;
  {
    auto store = MustOpen(db.path);
    const int64_t run = MustBeginRun(store.get());
    Document page = MakeDoc("page", "đạt 1/2");
    page.author = "Nguyễn Văn A";
    page.site = "Báo Mới";
    page.language = "vi";
    REQUIRE(store->PutArticle(run, "rules-1", page).ok());
    REQUIRE(store->PutArticle(run, "rules-1", MakeDoc("text", "đạt 1/3")).ok());
  }
  const std::string out = db.path + ".out";
  const std::string cmd = "sqlite3 '" + db.path +
                          "' \"SELECT key, quote(author), quote(site), quote(language)"
                          " FROM articles ORDER BY key\" > '" +
                          out + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  const std::string got((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
  fs::remove(out);
  CHECK(got == "page|'Nguyễn Văn A'|'Báo Mới'|'vi'\ntext|NULL|NULL|NULL\n");
}

TEST_CASE("Begin/Rollback leaves nothing; Begin/Commit persists", "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run = MustBeginRun(store.get());
  const std::string norm = "Đạt 35,03%";
  Document d = MakeDoc("k", norm);
  d.records.push_back(MakeRecord(norm, "percent", "35,03%"));

  REQUIRE(store->Begin().ok());
  REQUIRE(store->PutArticle(run, "rules-1", d).ok());
  REQUIRE(
      store->PutIssue(run, "k", Issue{Issue::kWarning, "normalize", "k: repaired"}).ok());
  CHECK(AllRecords(store.get()).size() == 1);  // visible inside the transaction
  REQUIRE(store->Rollback().ok());
  CHECK(AllRecords(store.get()).empty());
  StoreStats st = Stats(store.get());
  CHECK(st.articles == 0);
  CHECK(st.warnings == 0);
  CHECK_FALSE(IsCurrent(store.get(), "k", "h1", "rules-1"));

  CHECK(store->Rollback().ok());  // no transaction: harmless

  REQUIRE(store->Begin().ok());
  CHECK_FALSE(store->Begin().ok());  // no nesting
  REQUIRE(store->PutArticle(run, "rules-1", d).ok());
  REQUIRE(store->Commit().ok());
  CHECK(store->Rollback().ok());  // after the commit: changes nothing
  CHECK(AllRecords(store.get()).size() == 1);
  st = Stats(store.get());
  CHECK(st.articles == 1);
  CHECK(IsCurrent(store.get(), "k", "h1", "rules-1"));

  CHECK_FALSE(store->Commit().ok());  // nothing to commit
}

TEST_CASE("issue counts in the stats are those of the latest run", "[store]") {
  auto store = MustOpen(":memory:");
  const int64_t run1 = MustBeginRun(store.get());
  REQUIRE(
      store->PutIssue(run1, "a.jsonl:1", {Issue::kError, "input", "a.jsonl:1: not JSON"})
          .ok());
  REQUIRE(
      store->PutIssue(run1, "a.jsonl:2", {Issue::kError, "input", "a.jsonl:2: no text"})
          .ok());
  REQUIRE(store
              ->PutIssue(run1, "a.jsonl:3",
                         {Issue::kWarning, "normalize", "a.jsonl:3: repaired"})
              .ok());
  RunSummary sum;
  sum.articles = 1;
  sum.failed = 2;
  sum.warnings = 1;
  sum.seconds = 0.5;
  REQUIRE(store->FinishRun(run1, sum).ok());

  StoreStats st = Stats(store.get());
  CHECK(st.runs == 1);
  CHECK(st.errors == 2);
  CHECK(st.warnings == 1);

  const int64_t run2 = MustBeginRun(store.get(), "rules-2");
  CHECK(run2 > run1);
  st = Stats(store.get());
  CHECK(st.runs == 2);
  CHECK(st.errors == 0);
  CHECK(st.warnings == 0);

  REQUIRE(
      store->PutIssue(run2, "b.txt", {Issue::kWarning, "clean", "b.txt: empty"}).ok());
  // A late issue of the older run does not count for the latest.
  REQUIRE(store->PutIssue(run1, "a.jsonl:4", {Issue::kError, "input", "late"}).ok());
  REQUIRE(store->FinishRun(run2, RunSummary()).ok());
  st = Stats(store.get());
  CHECK(st.runs == 2);
  CHECK(st.errors == 0);
  CHECK(st.warnings == 1);
}

TEST_CASE("a second Store on the same file sees committed data", "[store]") {
  TempDb db;
  auto writer = MustOpen(db.path);
  auto reader = MustOpen(db.path);
  const int64_t run = MustBeginRun(writer.get());
  const std::string norm = "Đạt 35,03%";
  Document d = MakeDoc("k1", norm);
  d.records.push_back(MakeRecord(norm, "percent", "35,03%"));

  REQUIRE(writer->Begin().ok());
  REQUIRE(writer->PutArticle(run, "rules-1", d).ok());
  CHECK(fs::exists(db.path + "-wal"));  // journal_mode = WAL
  // Uncommitted: the reader is not blocked and sees nothing yet.
  CHECK(AllRecords(reader.get()).empty());
  CHECK_FALSE(IsCurrent(reader.get(), "k1", "h1", "rules-1"));
  REQUIRE(writer->Commit().ok());

  const std::vector<StoredRecord> seen = AllRecords(reader.get());
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].article == "k1");
  CHECK(seen[0].start == 4);
  CHECK(IsCurrent(reader.get(), "k1", "h1", "rules-1"));
  CHECK(Stats(reader.get()).articles == 1);
  CHECK(Stats(reader.get()).runs == 1);

  SECTION("data survives closing and reopening") {
    writer.reset();
    reader.reset();
    auto again = MustOpen(db.path);
    CHECK(AllRecords(again.get()).size() == 1);
    CHECK(Stats(again.get()).articles == 1);
    CHECK(Stats(again.get()).schema_version == Store::SchemaVersion());
  }
}

TEST_CASE("a reader's lookups do not pin it to an old snapshot", "[store]") {
  // IsCurrent and GetStats step a statement to its first row; if the
  // statement is not reset, the connection keeps a read transaction open and
  // neither sees later commits of another connection nor can write.
  TempDb db;
  auto a = MustOpen(db.path);
  auto b = MustOpen(db.path);
  const int64_t run = MustBeginRun(a.get());
  REQUIRE(a->PutArticle(run, "rules-1", MakeDoc("k1", "một")).ok());

  REQUIRE(IsCurrent(b.get(), "k1", "h1", "rules-1"));  // b reads a row
  CHECK(Stats(b.get()).articles == 1);
  REQUIRE(a->PutArticle(run, "rules-1", MakeDoc("k2", "hai")).ok());
  CHECK(Stats(b.get()).articles == 2);
  CHECK(IsCurrent(b.get(), "k2", "h1", "rules-1"));

  // b now writes after a's commit.
  REQUIRE(IsCurrent(b.get(), "k1", "h1", "rules-1"));
  REQUIRE(a->PutArticle(run, "rules-1", MakeDoc("k3", "ba")).ok());
  const Status s = b->Begin();
  INFO(s.ToString());
  CHECK(s.ok());
  if (s.ok()) {
    CHECK(b->PutArticle(run, "rules-1", MakeDoc("k4", "bốn")).ok());
    CHECK(b->Commit().ok());
  }
  CHECK(Stats(a.get()).articles == (s.ok() ? 4 : 3));
}

TEST_CASE("Open fails clearly on a path in a missing directory", "[store]") {
  const std::string path = "/nonexistent-vnreform-dir/sub/x.db";
  std::unique_ptr<Store> store;
  const Status s = Store::Open(path, &store);
  CHECK_FALSE(s.ok());
  CHECK(Contains(s.message(), path));
  CHECK(store == nullptr);
}

TEST_CASE("Open refuses a database newer than this binary", "[store]") {
  if (!HaveSqlite3Cli()) {
    WARN("skipped: no sqlite3 on PATH to set user_version");
    return;
  }
  TempDb db;
  MustOpen(db.path).reset();  // creates the file at version 1
  const std::string cmd = "sqlite3 '" + db.path + "' 'PRAGMA user_version=99'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::unique_ptr<Store> store;
  const Status s = Store::Open(db.path, &store);
  INFO(s.ToString());
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::kInvalidArgument);
  CHECK(Contains(s.message(), db.path));
  CHECK(Contains(s.message(), "99"));
  CHECK(store == nullptr);
}

TEST_CASE("Open fails clearly on a file that is not a database", "[store]") {
  TempDb db;
  {
    std::ofstream out(db.path, std::ios::binary);
    for (int i = 0; i < 256; ++i) out << "not a database, just text\x01\xff\n";
  }
  std::unique_ptr<Store> store;
  const Status s = Store::Open(db.path, &store);
  INFO(s.ToString());
  CHECK_FALSE(s.ok());
  CHECK(Contains(s.message(), db.path));
  CHECK(Contains(s.message(), "not a database"));
  CHECK(store == nullptr);
}

TEST_CASE("Open turns an empty file into a database", "[store]") {
  TempDb db;
  { std::ofstream out(db.path, std::ios::binary); }
  auto store = MustOpen(db.path);
  CHECK(Stats(store.get()).articles == 0);
  CHECK(Stats(store.get()).schema_version == Store::SchemaVersion());
}

// Not tested here: that articles.text is NULL when doc.text == doc.norm; the
// column is not readable through the Store interface.

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("rule files are stored once per rule-set version", "[store]") {
  TempDb db;
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(db.path, &store).ok());
  const Store::RuleFiles files = {{"a.toml", "[[rule]]\n"}, {"b.toml", "# b\n"}};
  REQUIRE(store->PutRuleFiles("r-1", files).ok());
  REQUIRE(
      store->PutRuleFiles("r-1", {{"a.toml", "changed"}}).ok());  // kept as first stored
  Store::RuleFiles got;
  bool found = false;
  REQUIRE(store->GetRuleFiles("r-1", &got, &found).ok());
  CHECK(found);
  CHECK(got == files);
  REQUIRE(store->GetRuleFiles("r-2", &got, &found).ok());
  CHECK_FALSE(found);
  CHECK(got.empty());
}

TEST_CASE("a version 1 database is migrated with its data kept", "[store]") {
  if (!HaveSqlite3Cli()) {
    WARN("skipped: no sqlite3 on PATH to build a version 1 database");
    return;
  }
  TempDb db;
  const std::string v1 = std::string(VNREFORM_SOURCE_DIR) + "/schemas/001_init.sql";
  const std::string cmd =
      "sqlite3 '" + db.path + "' < '" + v1 + "' && sqlite3 '" + db.path +
      "' \"PRAGMA user_version=1; INSERT INTO runs(command, ruleset, started)"
      " VALUES('x','r','t'); INSERT INTO articles(key, source, content_hash, ruleset,"
      " norm) VALUES('a','a','h','r','đạt 1/2'); INSERT INTO records(article_id, type,"
      " start, end, text, rule_id, ruleset, fields) VALUES(1,'ratio',4,7,'1/2','x','r',"
      " '{\\\"numerator\\\":1,\\\"denominator\\\":2}')\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::unique_ptr<Store> store = MustOpen(db.path);
  StoreStats st;
  REQUIRE(store->GetStats(&st).ok());
  CHECK(st.schema_version == Store::SchemaVersion());
  bool current = false;  // current_rules (v5) is there and empty
  REQUIRE(store->IsCurrent("a", "h", "r", &current).ok());
  CHECK(current);
  CHECK(st.articles == 1);
  CHECK(st.records["ratio"] == 1);
  std::vector<StoredRecord> recs;
  REQUIRE(store->ForEachRecord("ratio", [&](const StoredRecord& r) { recs.push_back(r); })
              .ok());
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].text == "1/2");
}

}  // namespace
}  // namespace vnreform
