// Links each record to the entities it names: a ranking to its unit, index
// and edition; a ratio to its indicator, unit and as-of date; an official
// to a person and a post; a legal reference to its document. Writes
// article_sites, record_links, people, posts, tenures and documents, and
// returns the observations the facts are consolidated from.
#include "facts/link.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/hash.h"
#include "store/store.h"

namespace vnreform {
namespace {

std::string Str(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    if (*d == std::floor(*d) && std::fabs(*d) < 1e15)
      return std::to_string(static_cast<int64_t>(*d));
    return std::to_string(*d);
  }
  return "";
}
std::optional<double> Num(const SqlValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) {
    try {
      size_t used = 0;
      double d = std::stod(*s, &used);
      if (used == s->size()) return d;
    } catch (...) {
    }
  }
  return std::nullopt;
}
std::optional<int64_t> Int(const SqlValue& v) {
  auto d = Num(v);
  if (!d || *d != std::floor(*d) || std::fabs(*d) > 1e12) return std::nullopt;
  return static_cast<int64_t>(*d);
}
bool IsDay(const std::string& s) {
  return s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         s[4] == '-' && s[7] == '-';
}
std::string DayOf(const std::string& s) { return IsDay(s) ? s.substr(0, 10) : ""; }

std::string Host(const std::string& url) {
  size_t b = url.find("://");
  if (b == std::string::npos) return "";
  b += 3;
  size_t e = url.find_first_of("/:?#", b);
  std::string h = url.substr(b, e == std::string::npos ? std::string::npos : e - b);
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (h.rfind("www.", 0) == 0) h.erase(0, 4);
  return h;
}

struct ArticleInfo {
  std::string day, locality;
};

// Every unit an alias names in `text` (folded words, longest first), in
// order of position; aggregates and aliases of fewer than 4 letters are
// left out (they need a subject, not a passing mention).
std::vector<std::string> UnitsIn(const Reference& ref, const std::string& text,
                                 const std::string& day) {
  const Reference::Impl& r = ref.impl();
  std::string spaced = FoldName(text, true);
  std::vector<std::string> words;
  for (size_t i = 0, j; i < spaced.size(); i = j + 1) {
    j = spaced.find(' ', i);
    if (j == std::string::npos) j = spaced.size();
    words.push_back(spaced.substr(i, j - i));
  }
  std::vector<std::string> found;
  for (size_t i = 0; i < words.size();) {
    size_t used = 0;
    for (size_t n = std::min(r.max_alias_words, words.size() - i); n >= 1 && !used; --n) {
      std::string key;
      for (size_t k = 0; k < n; ++k) key += words[i + k];
      if (key.size() < 4) continue;
      UnitMatch m;
      if (!r.ResolveFolded(key, day, &m)) continue;
      const RefUnit* u = r.Unit(m.code);
      if (!u || u->kind == "aggregate") continue;
      if (std::find(found.begin(), found.end(), m.code) == found.end())
        found.push_back(m.code);
      used = n;
    }
    i += used ? used : 1;
  }
  return found;
}

// Writes record_links rows through one cached statement.
class LinkWriter {
 public:
  LinkWriter(Store* store, LinkStats* stats) : store_(store), stats_(stats) {}
  Status Add(int64_t record, const char* role, const std::string& entity,
             const std::string& surface, const std::string& method, double score) {
    ++stats_->links;
    if (entity.empty()) ++stats_->unresolved;
    return store_->QuerySql(
        "INSERT OR REPLACE INTO record_links(record_id, role, entity, surface, method, "
        "score)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
        {record, std::string(role), entity.empty() ? SqlValue() : SqlValue(entity),
         surface.empty() ? SqlValue() : SqlValue(surface), method, score});
  }

 private:
  Store* store_;
  LinkStats* stats_;
};

// ---- rankings ----

// The edition a ranking without a stated year belongs to: the last one
// published by the article's day (per ref_index_editions.published_on,
// else assumed published the year after its data year).
std::optional<int64_t> EditionYear(const Reference::Impl& r, const std::string& index,
                                   const std::string& level, const std::string& day) {
  if (day.size() < 4) return std::nullopt;
  int year = std::stoi(day.substr(0, 4));
  const RefEdition* e = r.Edition(index, level, year - 1);
  if (e && !e->published_on.empty() && day < e->published_on) return year - 2;
  return year - 1;
}

// The day whose unit names apply to an edition: its unit set's era.
std::string EditionDay(const RefEdition* e, int64_t year) {
  if (e && e->unit_set == "34") return "2025-07-01";
  std::string d = std::to_string(year + 1) + "-06-30";
  return std::min(d, std::string("2025-06-30"));
}

// "xếp thứ 21/63": the N after the rank's slash, if the text has one.
std::optional<int64_t> OfN(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 ||
      !std::isdigit(static_cast<unsigned char>(text[slash - 1])))
    return std::nullopt;
  size_t e = slash + 1;
  while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) ++e;
  if (e == slash + 1 || e - slash > 4) return std::nullopt;
  return std::stoll(text.substr(slash + 1, e - slash - 1));
}

// Whether the entity is written as a district, ward or department of a
// province ("huyện Quảng Ninh", "Sở Nội vụ"): not the province.
bool IsSubUnit(const std::string& text, const std::string& entity) {
  const std::string t = " " + FoldName(text, true) + " ";
  const std::string e = FoldName(entity, true);
  for (const char* p : {"huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ",
                        "ubnd huyen ", "ubnd quan ", "ubnd thi xa ", "so "})
    if (t.find(" " + std::string(p) + e + " ") != std::string::npos) return true;
  const std::string ef = " " + e + " ";
  return ef.rfind(" so ", 0) == 0 || ef.rfind(" van phong ", 0) == 0 ||
         ef.rfind(" ban ", 0) == 0 || ef.rfind(" cuc ", 0) == 0;
}

// "Thành phố Thanh Hóa", "TP Huế" before 2025: a city inside a province
// (kind province, type Tỉnh) whose name it shares.
bool IsProvincialCity(const std::string& text, const std::string& entity,
                      const RefUnit& u) {
  if (u.kind != "province" || u.type.rfind("Tỉnh", 0) != 0) return false;
  const std::string t = " " + FoldName(text, true) + " ";
  const std::string e = FoldName(entity, true);
  return t.find(" thanh pho " + e + " ") != std::string::npos ||
         t.find(" tp " + e + " ") != std::string::npos;
}

// A rank in one of an index's components ("chính quyền số ở vị trí thứ
// 12", PCI's "tính năng động"), not in the index: kept as a mention, not
// a rank of the index.
bool IsComponentRank(const std::string& text) {
  const std::string t = " " + FoldName(text, true) + " ";
  for (const char* c : {" chinh quyen so ",
                        " kinh te so ",
                        " xa hoi so ",
                        " thanh phan ",
                        " tieu chi ",
                        " linh vuc ",
                        " nang dong ",
                        " canh tranh binh dang ",
                        " chi phi ",
                        " tiep can dat dai ",
                        " minh bach ",
                        " dao tao lao dong ",
                        " thiet che phap ly ",
                        " ho tro doanh nghiep ",
                        " gia nhap thi truong ",
                        " quan tri moi truong ",
                        " quan tri dien tu ",
                        " kiem soat tham nhung ",
                        " trach nhiem giai trinh ",
                        " cung ung dich vu cong "})
    if (t.find(c) != std::string::npos) return true;
  return false;
}

Status LinkRankings(const Reference& ref, Store* store,
                    const std::unordered_map<int64_t, ArticleInfo>& articles,
                    LinkWriter* links, std::vector<Observation>* obs, LinkStats* stats) {
  const Reference::Impl& r = ref.impl();
  Status inner;
  Status s = store->QuerySql(
      "SELECT r.id, r.article_id, r.text, json_extract(r.fields, '$.index'),"
      " json_extract(r.fields, '$.entity'), json_extract(r.fields, '$.rank'),"
      " json_extract(r.fields, '$.change'), json_extract(r.fields, '$.year'),"
      " json_extract(r.fields, '$.score'),"
      // The record with up to 60 characters either side, within its
      // sentence: where a component's name stands ("dẫn đầu cả nước ở
      // các tiêu chí ...").
      " (SELECT substr(a.norm, max(coalesce(r.sentence_start, r.start), r.start - 60) + "
      "1,"
      "         min(coalesce(r.sentence_end, r.end), r.end + 60)"
      "         - max(coalesce(r.sentence_start, r.start), r.start - 60))"
      "    FROM articles a WHERE a.id = r.article_id)"
      " FROM records r WHERE r.type = 'ranking' ORDER BY r.id",
      {}, [&](const std::vector<SqlValue>& row) {
        if (!inner.ok()) return;
        ++stats->records;
        const int64_t id = std::get<int64_t>(row[0]), article = std::get<int64_t>(row[1]);
        const std::string text = Str(row[2]), index_text = Str(row[3]),
                          entity = Str(row[4]);
        auto a = articles.find(article);
        const std::string day = a == articles.end() ? "" : a->second.day;
        // Index.
        std::string index;
        bool needs_context = false;
        if (!index_text.empty() && ref.ResolveIndex(index_text, &index, &needs_context))
          inner = links->Add(id, "index", index, index_text, "alias", 1.0);
        else
          inner = links->Add(id, "index", "", index_text,
                             index_text.empty() ? "none" : "unresolved", 0);
        // Unit, on a first pass at the article's day for its kind.
        UnitMatch unit;
        bool have_unit = !entity.empty() && !IsSubUnit(text, entity) &&
                         ref.ResolveUnit(entity, day, &unit);
        const RefUnit* u = have_unit ? r.Unit(unit.code) : nullptr;
        if (u && IsProvincialCity(text, entity, *u)) {
          have_unit = false;
          u = nullptr;
        }
        std::string level;
        if (u && u->kind == "province") level = "province";
        if (u && (u->kind == "ministry" || u->kind == "agency")) level = "ministry";
        // Edition: the stated year, else the publication date's.
        std::optional<int64_t> year = Int(row[7]);
        std::string year_method = "record_field";
        double year_score = 1.0;
        if (!year && !index.empty() && !level.empty()) {
          year = EditionYear(r, index, level, day);
          year_method = "publication_date";
          year_score = 0.6;
        }
        const RefEdition* edition = (year && !index.empty() && !level.empty())
                                        ? r.Edition(index, level, *year)
                                        : nullptr;
        if (have_unit && year && !index.empty()) {
          UnitMatch again;  // the unit names of the edition's era
          if (ref.ResolveUnit(entity, EditionDay(edition, *year), &again) &&
              again.code != unit.code && r.Unit(again.code)) {
            unit = again;
            u = r.Unit(unit.code);
          }
        }
        if (inner.ok())
          inner = links->Add(
              id, "unit", have_unit ? unit.code : "", entity,
              have_unit ? unit.method : (entity.empty() ? "none" : "unresolved"),
              have_unit ? unit.score : 0);
        if (inner.ok() && !index.empty() && year && !level.empty())
          inner =
              links->Add(id, "edition", index + "|" + level + "|" + std::to_string(*year),
                         "", edition ? year_method : year_method + "_no_edition",
                         edition ? year_score : year_score / 2);
        std::optional<int64_t> rank = Int(row[5]);
        if (inner.ok() && !index.empty() && IsComponentRank(Str(row[9]))) {
          inner = links->Add(id, "component", index, text, "component_words", 0.8);
          return;
        }
        if (!inner.ok() || index.empty() || !year || level.empty() || !rank) return;
        Observation o;
        o.kind = "rank";
        o.index_code = index;
        o.level = level;
        o.data_year = year;
        o.unit_code = unit.code;
        o.natural_key =
            "rank|" + index + "|" + level + "|" + std::to_string(*year) + "|" + unit.code;
        o.value = std::to_string(*rank);
        o.value_num = static_cast<double>(*rank);
        o.record_id = id;
        o.article_id = article;
        o.change = Int(row[6]);
        o.of_n = OfN(text);
        o.score = Num(row[8]);
        obs->push_back(std::move(o));
      });
  return s.ok() ? inner : s;
}

// ---- ratios ----

Status LinkRatios(const Reference& ref, Store* store,
                  const std::unordered_map<int64_t, ArticleInfo>& articles,
                  LinkWriter* links, std::vector<Observation>* obs, LinkStats* stats) {
  const Reference::Impl& r = ref.impl();
  Status inner;
  // The nearest date record of the same sentence stands for "as of"
  // (distance, then position: the first of two equally near).
  std::unordered_map<int64_t, std::pair<std::pair<int64_t, int64_t>, std::string>> dates;
  VNREFORM_RETURN_IF_ERROR(store->QuerySql(
      "SELECT r.id, abs(d.start - r.start), d.start, json_extract(d.fields, '$.value')"
      " FROM records r JOIN records d ON d.article_id = r.article_id AND d.type = 'date'"
      " AND d.sentence_start = r.sentence_start WHERE r.type = 'ratio'",
      {}, [&](const std::vector<SqlValue>& row) {
        const auto* v = std::get_if<std::string>(&row[3]);
        if (!v) return;
        const std::pair<int64_t, int64_t> at = {std::get<int64_t>(row[1]),
                                                std::get<int64_t>(row[2])};
        auto [it, fresh] = dates.try_emplace(std::get<int64_t>(row[0]), at, *v);
        if (!fresh && at < it->second.first) it->second = {at, *v};
      }));
  Status s = store->QuerySql(
      "SELECT r.id, r.article_id, json_extract(r.fields, '$.numerator'),"
      " json_extract(r.fields, '$.denominator'), json_extract(r.fields, '$.indicator'),"
      " json_extract(r.fields, '$.subject'), json_extract(r.fields, '$.percent'),"
      " json_extract(r.fields, '$.as_of'), NULL,"
      " substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start)"
      " FROM records r JOIN articles a ON a.id = r.article_id"
      " WHERE r.type = 'ratio' ORDER BY r.id",
      {}, [&](const std::vector<SqlValue>& row) {
        if (!inner.ok()) return;
        ++stats->records;
        const int64_t id = std::get<int64_t>(row[0]), article = std::get<int64_t>(row[1]);
        auto a = articles.find(article);
        const ArticleInfo info = a == articles.end() ? ArticleInfo() : a->second;
        const std::string indicator_text = Str(row[4]), subject = Str(row[5]);
        // Indicator.
        std::string indicator;
        const std::string folded = FoldName(indicator_text, true);
        if (!folded.empty()) {
          indicator = r.Indicator(folded);
          if (indicator.empty()) indicator = "other:" + folded.substr(0, 60);
        }
        inner = links->Add(id, "indicator", indicator, indicator_text,
                           indicator.empty()                   ? "none"
                           : indicator.rfind("other:", 0) == 0 ? "folded_text"
                                                               : "indicator_prefix",
                           indicator.rfind("other:", 0) == 0 ? 0.5 : 1.0);
        // As of: the record's field, the sentence's date, the article's day.
        std::string as_of = Str(row[7]), as_of_method = "record_field";
        double as_of_score = 1.0;
        if (auto d = dates.find(id); as_of.empty() && d != dates.end()) {
          as_of = d->second.second;
          as_of_method = "sentence_date";
          as_of_score = 0.8;
        }
        if (as_of.empty() && !info.day.empty()) {
          as_of = info.day;
          as_of_method = "publication_date";
          as_of_score = 0.5;
        }
        if (as_of.size() > 10) as_of = as_of.substr(0, 10);
        if (inner.ok())
          inner =
              links->Add(id, "as_of", as_of, "", as_of.empty() ? "none" : as_of_method,
                         as_of.empty() ? 0 : as_of_score);
        // Unit: the subject, a unit the sentence names, the article's place.
        const std::string day = as_of.size() >= 10 ? as_of : info.day;
        UnitMatch unit;
        std::string method;
        const std::string fs = " " + FoldName(subject, true) + " ";
        const bool sub_unit =  // "các sở, ban, ngành, UBND các huyện": not the province
            fs.find(" so ban nganh ") != std::string::npos ||
            fs.find(" cac so ") != std::string::npos ||
            fs.find(" cac huyen ") != std::string::npos ||
            fs.find(" cac xa ") != std::string::npos ||
            fs.find(" cac phong ") != std::string::npos;
        if (!subject.empty() && ref.ResolveUnit(subject, day, &unit)) {
          method = "subject_" + unit.method;
        } else if (sub_unit) {
          // left unresolved: a unit the reference data does not hold
        } else {
          std::vector<std::string> named = UnitsIn(ref, Str(row[9]), day);
          if (named.size() == 1) {
            unit = {named[0], "sentence_unit", 0.8};
            method = unit.method;
          } else if (!info.locality.empty() &&
                     ref.ResolveUnit(info.locality, day, &unit)) {
            method = "article_locality";
            unit.score = 0.6;
          }
        }
        if (inner.ok())
          inner = links->Add(
              id, "unit", method.empty() ? "" : unit.code, subject,
              method.empty() ? (sub_unit ? "subject_sub_unit" : "unresolved") : method,
              method.empty() ? 0 : unit.score);
        auto num = Num(row[2]), den = Num(row[3]);
        if (!inner.ok() || method.empty() || indicator.empty() || as_of.empty() || !num ||
            !den || *den <= 0)
          return;
        Observation o;
        o.kind = "ratio";
        o.indicator = indicator;
        o.unit_code = unit.code;
        o.as_of = as_of;
        o.natural_key = "ratio|" + indicator + "|" + unit.code + "|" + as_of;
        o.value = Str(row[2]) + "/" + Str(row[3]);
        o.value_num = std::round(10000.0 * *num / *den) / 100.0;
        o.record_id = id;
        o.article_id = article;
        o.numerator = num;
        o.denominator = den;
        o.percent = Num(row[6]);
        obs->push_back(std::move(o));
      });
  return s.ok() ? inner : s;
}

// ---- officials ----

struct OfficialRecord {
  int64_t id = 0, article = 0;
  std::string day, name, folded_name, title;
  std::string post_title;  // the title's part the post is read from
  std::string office, body, unit_code, unit_method, post_key, scope;
  double unit_score = 0;
  bool former = false, acting = false, start = false;
};

// The words that begin the body of a title ("Chủ tịch | UBND tỉnh X"),
// folded, each a sequence of folded words.
const std::vector<std::vector<std::string>>& BodyWords() {
  static const auto* words =
      new std::vector<std::vector<std::string>>{{"bo", "chinh", "tri"},
                                                {"ban", "bi", "thu"},
                                                {"ubnd"},
                                                {"uy", "ban", "nhan", "dan"},
                                                {"hdnd"},
                                                {"hoi", "dong", "nhan", "dan"},
                                                {"tinh", "uy"},
                                                {"thanh", "uy"},
                                                {"huyen", "uy"},
                                                {"quan", "uy"},
                                                {"dang", "uy"},
                                                {"bo"},
                                                {"so"},
                                                {"ban"},
                                                {"cong", "an"},
                                                {"vien"},
                                                {"toa", "an"},
                                                {"mttq"},
                                                {"uy", "ban"},
                                                {"doan", "dbqh"},
                                                {"doan", "dai", "bieu"},
                                                {"quoc", "hoi"},
                                                {"chinh", "phu"},
                                                {"van", "phong"},
                                                {"tong", "cuc"},
                                                {"cuc"},
                                                {"vu"},
                                                {"thanh", "tra"},
                                                {"kiem", "toan"},
                                                {"ngan", "hang"},
                                                {"bhxh"},
                                                {"bao", "hiem"},
                                                {"tap", "doan"},
                                                {"tong", "cong", "ty"},
                                                {"hoi"},
                                                {"lien", "doan"},
                                                {"truong"},
                                                {"benh", "vien"}};
  return *words;
}

// National offices: a person holding one needs no unit to be told apart.
// Returns the words of the longest one `folded_title` begins with, or 0.
size_t NationalOffice(const std::string& folded_title) {
  size_t best = 0, words = 0;
  for (const char* t :
       {"thu tuong", "pho thu tuong", "pho thu tuong thuong truc", "chu tich nuoc",
        "pho chu tich nuoc", "tong bi thu", "chu tich quoc hoi", "pho chu tich quoc hoi",
        "pho chu tich thuong truc quoc hoi", "thuong truc ban bi thu",
        "tong thu ky quoc hoi", "uy vien bo chinh tri", "bi thu trung uong"}) {
    const std::string o = t;
    if ((folded_title == o || folded_title.rfind(o + " ", 0) == 0) && o.size() > best) {
      best = o.size();
      words = static_cast<size_t>(std::count(o.begin(), o.end(), ' ') + 1);
    }
  }
  return words;
}

// Offices whose words would otherwise read as a body ("Bộ trưởng" is not
// "Bộ" + "trưởng"): the body is looked for after them. Folded words.
size_t OfficeWords(const std::vector<std::string>& folded) {
  static const auto* offices =
      new std::vector<std::vector<std::string>>{{"tong", "cuc", "truong"},
                                                {"pho", "tong", "cuc", "truong"},
                                                {"bo", "truong"},
                                                {"thu", "truong"},
                                                {"vu", "truong"},
                                                {"pho", "vu", "truong"},
                                                {"cuc", "truong"},
                                                {"pho", "cuc", "truong"},
                                                {"truong", "ban"},
                                                {"pho", "truong", "ban"},
                                                {"truong", "phong"},
                                                {"pho", "truong", "phong"},
                                                {"truong", "doan"},
                                                {"pho", "truong", "doan"},
                                                {"vien", "truong"},
                                                {"pho", "vien", "truong"},
                                                {"hieu", "truong"},
                                                {"so", "truong"},
                                                {"chanh", "van", "phong"},
                                                {"pho", "chanh", "van", "phong"},
                                                {"chanh", "thanh", "tra"},
                                                {"pho", "chanh", "thanh", "tra"},
                                                {"tong", "thanh", "tra"},
                                                {"pho", "tong", "thanh", "tra"},
                                                {"uy", "vien"},
                                                {"dai", "bieu", "quoc", "hoi"}};
  size_t best = 0;
  for (const auto& o : *offices)
    if (o.size() > best && o.size() <= folded.size() &&
        std::equal(o.begin(), o.end(), folded.begin()))
      best = o.size();
  return best;
}

// Splits `title` into office, body and unit: "Chủ tịch UBND tỉnh Bạc Liêu" →
// "Chủ tịch", "UBND", '95'.
void ParsePost(const Reference& ref, const ArticleInfo& info, OfficialRecord* o) {
  // Several titles ("Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội"): the
  // first that names a unit, else the first.
  std::string title = o->title;
  if (title.find(',') != std::string::npos) {
    std::vector<std::string> parts;
    for (size_t i = 0, j;; i = j + 1) {
      j = title.find(',', i);
      std::string p = title.substr(i, j == std::string::npos ? std::string::npos : j - i);
      while (!p.empty() && p[0] == ' ') p.erase(0, 1);
      if (!p.empty()) parts.push_back(p);
      if (j == std::string::npos) break;
    }
    title = parts.empty() ? title : parts[0];
    for (const std::string& p : parts)
      if (!UnitsIn(ref, p, o->day).empty()) {
        title = p;
        break;
      }
  }
  o->post_title = title;
  std::vector<std::string> words, folded;
  for (size_t i = 0, j; i < title.size(); i = j + 1) {
    j = title.find(' ', i);
    if (j == std::string::npos) j = title.size();
    std::string w = title.substr(i, j - i);
    std::string f = FoldName(w);
    if (f.empty()) continue;
    words.push_back(w);
    folded.push_back(f);
  }
  size_t body_at = words.size();
  size_t body_len = 0;
  for (size_t i = std::max<size_t>(1, OfficeWords(folded));
       i < folded.size() && body_at == words.size(); ++i) {
    for (const auto& b : BodyWords()) {
      if (i + b.size() > folded.size()) continue;
      if (std::equal(b.begin(), b.end(), folded.begin() + static_cast<long>(i))) {
        body_at = i;
        body_len = b.size();
        break;
      }
    }
  }
  // "Phó Chủ tịch Thường trực UBND": the office keeps its qualifiers.
  o->office.clear();
  for (size_t i = 0; i < body_at; ++i) o->office += (i ? " " : "") + words[i];
  o->body.clear();
  for (size_t i = body_at; i < body_at + body_len && i < words.size(); ++i)
    o->body += (o->body.empty() ? "" : " ") + words[i];
  const std::string folded_title = FoldName(title, true);
  const std::string day = o->day;
  std::vector<std::string> units = UnitsIn(ref, title, day);
  if (!units.empty()) {
    o->unit_code = units[0];
    o->unit_method = "title_alias";
    o->unit_score = 1.0;
  } else if (!info.locality.empty() &&
             (folded_title.find(" tinh") != std::string::npos ||
              folded_title.find(" thanh pho") != std::string::npos ||
              folded_title.find("tinh uy") != std::string::npos ||
              folded_title.find("thanh uy") != std::string::npos)) {
    UnitMatch m;
    if (ref.ResolveUnit(info.locality, day, &m)) {
      o->unit_code = m.code;
      o->unit_method = "article_locality";
      o->unit_score = 0.6;
    }
  }
  const size_t national = NationalOffice(folded_title);
  if (national > 0 && national <= words.size() && o->unit_code.empty()) {
    // "Thủ tướng" and "Thủ tướng Chính phủ" are one post, "Chủ tịch Quốc
    // hội" one office.
    o->office.clear();
    for (size_t i = 0; i < national; ++i) o->office += (i ? " " : "") + words[i];
    o->body.clear();
  }
  o->post_key =
      FoldName(o->office, true) + "|" + FoldName(o->body, true) + "|" + o->unit_code;
  if (!o->unit_code.empty())
    o->scope = o->unit_code;
  else if (national)
    o->scope = "VN";
}

template <typename T>
std::string MostFrequent(const std::map<std::string, T>& counts) {
  std::string best;
  T n = 0;
  for (const auto& [k, c] : counts)
    if (c > n) best = k, n = c;
  return best;
}

Status LinkOfficials(const Reference& ref, Store* store,
                     const std::unordered_map<int64_t, ArticleInfo>& articles,
                     LinkWriter* links, std::vector<Observation>* obs, LinkStats* stats) {
  std::vector<OfficialRecord> recs;
  // The few characters before the record: "tân" (newly appointed).
  Status s = store->QuerySql(
      "SELECT r.id, r.article_id, json_extract(r.fields, '$.name'),"
      " json_extract(r.fields, '$.title'), json_extract(r.fields, '$.former'),"
      " json_extract(r.fields, '$.acting'), r.text"
      " FROM records r WHERE r.type = 'official' ORDER BY r.id",
      {}, [&](const std::vector<SqlValue>& row) {
        ++stats->records;
        OfficialRecord o;
        o.id = std::get<int64_t>(row[0]);
        o.article = std::get<int64_t>(row[1]);
        o.name = Str(row[2]);
        o.title = Str(row[3]);
        o.former = Str(row[4]) == "1" || Str(row[4]) == "true";
        o.acting = Str(row[5]) == "1" || Str(row[5]) == "true";
        const std::string text = FoldName(Str(row[6]), true) + " ";
        o.start =
            text.rfind("tan ", 0) == 0 || FoldName(o.title, true).rfind("tan ", 0) == 0;
        o.folded_name = FoldName(o.name, true);
        auto a = articles.find(o.article);
        const ArticleInfo info = a == articles.end() ? ArticleInfo() : a->second;
        o.day = info.day;
        if (!o.title.empty()) ParsePost(ref, info, &o);
        recs.push_back(std::move(o));
      });
  VNREFORM_RETURN_IF_ERROR(s);

  // People: a name within a scope (a unit, or national office). A record
  // without a scope joins the one scoped person of its name, if only one.
  std::map<std::string, std::set<std::string>> scopes;  // folded name -> scopes
  for (const OfficialRecord& o : recs)
    if (!o.folded_name.empty() && !o.scope.empty()) scopes[o.folded_name].insert(o.scope);
  std::map<std::string, std::vector<size_t>> by_person;  // "name|scope" -> records
  std::map<int64_t, std::pair<std::string, double>> person_method;
  for (size_t i = 0; i < recs.size(); ++i) {
    OfficialRecord& o = recs[i];
    if (o.folded_name.empty()) continue;
    std::string method = "name_scope";
    double score = 1.0;
    if (o.scope.empty()) {
      auto it = scopes.find(o.folded_name);
      if (it != scopes.end() && it->second.size() == 1) {
        o.scope = *it->second.begin();
        method = "name_single_scope";
        score = 0.7;
      } else {
        o.scope = "?";
        method = "name_only";
        score = 0.3;
      }
    }
    by_person[o.folded_name + "|" + o.scope].push_back(i);
    person_method[o.id] = {method, score};
  }
  std::map<std::string, int64_t> person_id;
  int64_t next_person = 1;
  for (const auto& [key, idx] : by_person) {
    std::map<std::string, int> spellings;
    std::string first, last;
    for (size_t i : idx) {
      ++spellings[recs[i].name];
      const std::string& d = recs[i].day;
      if (!d.empty() && (first.empty() || d < first)) first = d;
      if (!d.empty() && d > last) last = d;
    }
    const int64_t pid = next_person++;
    person_id[key] = pid;
    const OfficialRecord& o = recs[idx[0]];
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO people(id, name, folded, scope, first_seen, last_seen, n_records)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        {pid, MostFrequent(spellings), o.folded_name, o.scope,
         first.empty() ? SqlValue() : SqlValue(first),
         last.empty() ? SqlValue() : SqlValue(last), static_cast<int64_t>(idx.size())}));
  }
  // Posts.
  std::map<std::string, std::map<std::string, int>> post_titles;
  std::map<std::string, const OfficialRecord*> post_example;
  for (const OfficialRecord& o : recs)
    if (!o.title.empty() && !o.office.empty()) {
      ++post_titles[o.post_key][o.post_title];
      if (!post_example.count(o.post_key)) post_example[o.post_key] = &o;
    }
  std::map<std::string, int64_t> post_id;
  std::map<std::string, std::string> post_title;
  int64_t next_post = 1;
  for (const auto& [key, titles] : post_titles) {
    const OfficialRecord& o = *post_example[key];
    const int64_t id = next_post++;
    post_id[key] = id;
    post_title[key] = MostFrequent(titles);
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO posts(id, title, office, body, unit_code, folded)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
        {id, post_title[key], o.office, o.body.empty() ? SqlValue() : SqlValue(o.body),
         o.unit_code.empty() ? SqlValue() : SqlValue(o.unit_code), key}));
  }
  // Links and tenures.
  struct Tenure {
    std::string first, last, start, former;
    bool acting = false;
    int64_t mentions = 0;
    std::set<int64_t> articles;
  };
  std::map<std::pair<int64_t, int64_t>, Tenure> tenures;
  for (const OfficialRecord& o : recs) {
    if (o.folded_name.empty()) {
      VNREFORM_RETURN_IF_ERROR(links->Add(o.id, "person", "", o.name, "no_name", 0));
      continue;
    }
    const std::string pkey = o.folded_name + "|" + o.scope;
    const int64_t pid = person_id[pkey];
    const auto& pm = person_method[o.id];
    VNREFORM_RETURN_IF_ERROR(
        links->Add(o.id, "person", std::to_string(pid), o.name, pm.first, pm.second));
    auto post = post_id.find(o.post_key);
    if (o.title.empty() || o.office.empty() || post == post_id.end()) {
      VNREFORM_RETURN_IF_ERROR(links->Add(o.id, "post", "", o.title, "no_title", 0));
      continue;
    }
    VNREFORM_RETURN_IF_ERROR(links->Add(o.id, "post", std::to_string(post->second),
                                        o.title,
                                        o.unit_code.empty() ? "title" : o.unit_method,
                                        o.unit_code.empty() ? 0.8 : o.unit_score));
    if (!o.unit_code.empty())
      VNREFORM_RETURN_IF_ERROR(
          links->Add(o.id, "unit", o.unit_code, o.title, o.unit_method, o.unit_score));
    Tenure& t = tenures[{pid, post->second}];
    ++t.mentions;
    t.articles.insert(o.article);
    t.acting = t.acting || o.acting;
    const std::string& d = o.day;
    if (!d.empty()) {
      if (o.former) {
        if (t.former.empty() || d < t.former) t.former = d;
      } else {
        if (t.first.empty() || d < t.first) t.first = d;
        if (d > t.last) t.last = d;
      }
      if (o.start && (t.start.empty() || d < t.start)) t.start = d;
    }
    Observation ob;
    ob.kind = "tenure";
    ob.person_id = pid;
    ob.post_id = post->second;
    ob.natural_key = "tenure|" + pkey + "|" + o.post_key;
    ob.value = post_title[o.post_key];
    ob.record_id = o.id;
    ob.article_id = o.article;
    obs->push_back(std::move(ob));
  }
  auto text_or_null = [](const std::string& s) {
    return s.empty() ? SqlValue() : SqlValue(s);
  };
  for (const auto& [key, t] : tenures)
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO tenures(person_id, post_id, first_seen, last_seen, start_seen,"
        " former_seen, acting, n_mentions, n_articles) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9)",
        {key.first, key.second, text_or_null(t.first), text_or_null(t.last),
         text_or_null(t.start), text_or_null(t.former), static_cast<int64_t>(t.acting),
         t.mentions, static_cast<int64_t>(t.articles.size())}));
  return Status::Ok();
}

// ---- legal references ----

Status LinkLegalRefs(Store* store,
                     const std::unordered_map<int64_t, ArticleInfo>& articles,
                     LinkWriter* links, std::vector<Observation>* obs, LinkStats* stats) {
  struct Doc {
    std::string type, number, issuer, first;
    std::optional<int64_t> year;
    int64_t mentions = 0;
    std::set<int64_t> articles;
  };
  std::map<std::string, Doc> docs;
  Status inner;
  Status s = store->QuerySql(
      "SELECT id, article_id, json_extract(fields, '$.doc_key'),"
      " json_extract(fields, '$.doc_type'), json_extract(fields, '$.number'),"
      " json_extract(fields, '$.year'), json_extract(fields, '$.issuer'),"
      " json_extract(fields, '$.refers_to'), text"
      " FROM records WHERE type = 'legal_ref' ORDER BY id",
      {}, [&](const std::vector<SqlValue>& row) {
        if (!inner.ok()) return;
        ++stats->records;
        const int64_t id = std::get<int64_t>(row[0]), article = std::get<int64_t>(row[1]);
        std::string key = Str(row[2]);
        const std::string refers = Str(row[7]);
        std::string method = "doc_key";
        if (!refers.empty() && refers.find('|') != std::string::npos) {
          key = refers;  // a short mention resolved to the full number
          method = "refers_to";
        }
        if (key.empty()) {
          inner = links->Add(id, "document", "", Str(row[8]), "no_key", 0);
          return;
        }
        Doc& d = docs[key];
        if (method == "doc_key") {
          d.type = Str(row[3]);
          d.number = Str(row[4]);
          d.issuer = Str(row[6]);
          if (auto y = Int(row[5])) d.year = y;
        }
        ++d.mentions;
        d.articles.insert(article);
        auto a = articles.find(article);
        const std::string day = a == articles.end() ? "" : a->second.day;
        if (!day.empty() && (d.first.empty() || day < d.first)) d.first = day;
        inner = links->Add(id, "document", key, Str(row[8]), method,
                           method == "refers_to" ? 0.9 : 1.0);
        Observation o;
        o.kind = "citation";
        o.doc_key = key;
        o.natural_key = "citation|" + key;
        o.value = key;
        o.record_id = id;
        o.article_id = article;
        obs->push_back(std::move(o));
      });
  VNREFORM_RETURN_IF_ERROR(s);
  VNREFORM_RETURN_IF_ERROR(inner);
  for (auto& [key, d] : docs) {
    // A key written only as a short mention: its parts from the key.
    if (d.number.empty()) {
      std::vector<std::string> parts;
      for (size_t i = 0, j;; i = j + 1) {
        j = key.find('|', i);
        parts.push_back(
            key.substr(i, j == std::string::npos ? std::string::npos : j - i));
        if (j == std::string::npos) break;
      }
      if (parts.size() == 4) {
        d.type = parts[0];
        d.number = parts[1];
        if (!parts[2].empty()) d.year = std::atoll(parts[2].c_str());
        d.issuer = parts[3];
      }
    }
    auto t = [](const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); };
    const bool resolved = !d.type.empty() && !d.number.empty() && d.year.has_value();
    VNREFORM_RETURN_IF_ERROR(store->QuerySql(
        "INSERT INTO documents(doc_key, doc_type, number, year, issuer, resolved, "
        "first_seen,"
        " n_mentions, n_articles) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        {key, t(d.type), t(d.number), d.year ? SqlValue(*d.year) : SqlValue(),
         t(d.issuer), static_cast<int64_t>(resolved), t(d.first), d.mentions,
         static_cast<int64_t>(d.articles.size())}));
  }
  return Status::Ok();
}

}  // namespace

Status LinkRecords(const Reference& ref, Store* store, std::vector<Observation>* obs,
                   LinkStats* stats) {
  VNREFORM_RETURN_IF_ERROR(store->ExecSql(
      "DELETE FROM article_sites; DELETE FROM record_links; DELETE FROM people;"
      " DELETE FROM posts; DELETE FROM tenures; DELETE FROM documents;"));
  // Articles: site, story, day.
  std::unordered_map<int64_t, ArticleInfo> articles;
  Status inner;
  Status s = store->QuerySql(
      "SELECT id, url, source, site, title, published, input_date, locality,"
      " CASE WHEN length(coalesce(title, '')) < 20 THEN substr(norm, 1, 300) END"
      " FROM articles ORDER BY id",
      {}, [&](const std::vector<SqlValue>& row) {
        if (!inner.ok()) return;
        const int64_t id = std::get<int64_t>(row[0]);
        std::string site = Host(Str(row[1]));
        if (site.empty()) site = Str(row[3]);
        if (site.empty()) {
          site = Str(row[2]);
          site = site.substr(
              0, site.rfind(':') == std::string::npos ? site.size() : site.rfind(':'));
          site =
              site.substr(site.rfind('/') == std::string::npos ? 0 : site.rfind('/') + 1);
        }
        const std::string title = Str(row[4]);
        std::string basis = FoldName(title.size() >= 20 ? title : Str(row[8]));
        const std::string story =
            Fnv64().Add(basis.empty() ? std::to_string(id) : basis).Hex();
        std::string day = DayOf(Str(row[5]));
        if (day.empty()) day = DayOf(Str(row[6]));
        articles[id] = {day, Str(row[7])};
        inner = store->QuerySql(
            "INSERT INTO article_sites(article_id, site, story, day) VALUES(?1, ?2, ?3, "
            "?4)",
            {id, site, story, day.empty() ? SqlValue() : SqlValue(day)});
      });
  VNREFORM_RETURN_IF_ERROR(s);
  VNREFORM_RETURN_IF_ERROR(inner);
  LinkWriter links(store, stats);
  VNREFORM_RETURN_IF_ERROR(LinkRankings(ref, store, articles, &links, obs, stats));
  VNREFORM_RETURN_IF_ERROR(LinkRatios(ref, store, articles, &links, obs, stats));
  VNREFORM_RETURN_IF_ERROR(LinkOfficials(ref, store, articles, &links, obs, stats));
  VNREFORM_RETURN_IF_ERROR(LinkLegalRefs(store, articles, &links, obs, stats));
  return Status::Ok();
}

}  // namespace vnreform
