// The search index of vnreform serve (search.h): one FTS5 row per article
// (title and text) and per record (its words), each in two columns, as
// normalized and folded; the facets on each row of search_docs. Folding is
// the normalize stage's FoldForSearch (ICU). Tested by tests/serve_test.cc.
#include "serve/search.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "normalize/normalize.h"
#include "store/query.h"

namespace vnreform {
namespace {

struct ArticleFacets {
  std::string year, province, site;
  std::set<std::string> indices;
};

// '|A|B|' for the indices column ("" when none).
std::string JoinIndices(const std::set<std::string>& indices) {
  if (indices.empty()) return "";
  std::string s = "|";
  for (const std::string& i : indices) s += i + "|";
  return s;
}

Value TextOrNull(const std::string& s) { return s.empty() ? Value() : Value::Text(s); }

// Facet counts per kind ('article', 'record'), facet and value.
using FacetCounts = std::map<std::tuple<std::string, std::string, std::string>, int64_t>;

Status AddDoc(Store* into, int64_t doc, int64_t article, const Value& record,
              const Value& type, const ArticleFacets& f,
              const std::set<std::string>& indices, const std::string& text,
              FacetCounts* counts) {
  VNREFORM_RETURN_IF_ERROR(into->Execute(
      "INSERT INTO search_docs(id, article_id, record_id, type, year, province, site, "
      "indices)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      {Value::Int(doc), Value::Int(article), record, type, TextOrNull(f.year),
       TextOrNull(f.province), TextOrNull(f.site), TextOrNull(JoinIndices(indices))}));
  const std::string kind = record.null() ? "article" : "record";
  for (const auto& [facet, v] :
       {std::pair<const char*, const std::string*>{"year", &f.year},
        {"province", &f.province},
        {"site", &f.site}})
    if (!v->empty()) ++(*counts)[{kind, facet, *v}];
  for (const std::string& i : indices) ++(*counts)[{kind, "index", i}];
  if (!type.null()) ++(*counts)[{kind, "type", type.s}];
  return into->Execute(
      "INSERT INTO search_fts(rowid, exact, folded) VALUES (?1, ?2, ?3)",
      {Value::Int(doc), Value::Text(text), Value::Text(FoldForSearch(text))});
}

// The index each ranking record names, per article.
Status IndicesByArticle(Store* from, std::map<int64_t, std::set<std::string>>* out,
                        std::map<int64_t, std::string>* by_record) {
  return from->ForEachRow(
      "SELECT article_id, id, json_extract(fields, '$.index') FROM records"
      " WHERE type = 'ranking' AND json_extract(fields, '$.index') IS NOT NULL",
      {}, [&](const std::vector<Value>& r) {
        (*out)[r[0].i].insert(r[2].ToString());
        (*by_record)[r[1].i] = r[2].ToString();
        return true;
      });
}

Status Build(Store* from, Store* into, const std::string& source, SearchBuildStats* st) {
  for (const char* sql : {"INSERT INTO search_fts(search_fts) VALUES ('delete-all')",
                          "DELETE FROM search_docs", "DELETE FROM search_meta",
                          "DELETE FROM search_facet_counts"})
    VNREFORM_RETURN_IF_ERROR(into->Execute(sql, {}));
  std::map<int64_t, std::set<std::string>> indices;
  std::map<int64_t, std::string> record_index;
  VNREFORM_RETURN_IF_ERROR(IndicesByArticle(from, &indices, &record_index));
  std::map<int64_t, ArticleFacets> facets;
  FacetCounts counts;
  int64_t doc = 0;
  Status s;
  VNREFORM_RETURN_IF_ERROR(from->ForEachRow(
      "SELECT id, coalesce(title, ''), norm, substr(published, 1, 4), locality, site, url"
      " FROM articles ORDER BY id",
      {}, [&](const std::vector<Value>& r) {
        ArticleFacets& f = facets[r[0].i];
        const std::string year = r[3].ToString();
        if (year.size() == 4 && year >= "1900" && year <= "2100") f.year = year;
        f.province = r[4].ToString();
        f.site = SiteOf(r[5].ToString(), r[6].ToString());
        ++doc;
        s = AddDoc(into, doc, r[0].i, Value(), Value(), f, indices[r[0].i],
                   r[1].s + "\n" + r[2].s, &counts);
        ++st->articles;
        return s.ok();
      }));
  VNREFORM_RETURN_IF_ERROR(s);
  VNREFORM_RETURN_IF_ERROR(from->ForEachRow(
      "SELECT id, article_id, type, text FROM records ORDER BY id", {},
      [&](const std::vector<Value>& r) {
        ++doc;
        std::set<std::string> own;
        if (auto it = record_index.find(r[0].i); it != record_index.end())
          own.insert(it->second);
        s = AddDoc(into, doc, r[1].i, r[0], r[2], facets[r[1].i], own, r[3].ToString(),
                   &counts);
        ++st->records;
        return s.ok();
      }));
  VNREFORM_RETURN_IF_ERROR(s);
  for (const auto& [key, n] : counts) {
    const auto& [kind, facet, value] = key;
    VNREFORM_RETURN_IF_ERROR(into->Execute(
        "INSERT INTO search_facet_counts(kind, facet, value, n) VALUES (?1, ?2, ?3, ?4)",
        {Value::Text(kind), Value::Text(facet), Value::Text(value), Value::Int(n)}));
  }
  for (const auto& [k, v] : {std::pair<const char*, std::string>{"source", source},
                             {"articles", std::to_string(st->articles)},
                             {"records", std::to_string(st->records)}})
    VNREFORM_RETURN_IF_ERROR(
        into->Execute("INSERT INTO search_meta(key, value) VALUES (?1, ?2)",
                      {Value::Text(k), Value::Text(v)}));
  return Status::Ok();
}

bool WordByte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

}  // namespace

Status SearchSource(Store* from, std::string* source) {
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(from->Query(
      "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(max(id), 0) FROM "
      "articles),"
      " (SELECT count(*) FROM records), (SELECT coalesce(max(id), 0) FROM records),"
      " (SELECT coalesce(max(id), 0) FROM runs)",
      {}, QueryLimits{1, 60000}, &r));
  *source = "";
  for (const Value& v : r.rows.at(0))
    source->append((source->empty() ? "" : "/") + v.ToString());
  return Status::Ok();
}

Status SearchIndexCurrent(Store* from, Store* into, bool* current, std::string* source) {
  *current = false;
  VNREFORM_RETURN_IF_ERROR(SearchSource(from, source));
  bool has = false;
  VNREFORM_RETURN_IF_ERROR(into->HasTable("search_meta", &has));
  if (!has) return Status::Ok();
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(into->Query(
      "SELECT value FROM search_meta WHERE key = 'source'", {}, QueryLimits(), &r));
  *current = !r.rows.empty() && r.rows[0][0].s == *source;
  return Status::Ok();
}

Status BuildSearchIndex(Store* from, Store* into, SearchBuildStats* stats, bool force) {
  SearchBuildStats local;
  SearchBuildStats* st = stats ? stats : &local;
  *st = SearchBuildStats();
  const auto t0 = std::chrono::steady_clock::now();
  std::string source;
  bool current = false;
  VNREFORM_RETURN_IF_ERROR(SearchIndexCurrent(from, into, &current, &source));
  if (current && !force) {
    st->skipped = true;
    return Status::Ok();
  }
  VNREFORM_RETURN_IF_ERROR(into->Begin());
  Status s = Build(from, into, source, st);
  if (!s.ok())
    return Status(s.code(), "search index: " + s.message()).Then(into->Rollback());
  VNREFORM_RETURN_IF_ERROR(into->Commit());
  st->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return Status::Ok();
}

std::vector<SearchTerm> ParseQuery(std::string_view q) {
  std::vector<SearchTerm> terms;
  const std::string norm = NormalizeString(q);
  size_t i = 0;
  while (i < norm.size() && terms.size() < 16) {
    while (i < norm.size() && !WordByte(norm[i])) ++i;
    size_t e = i;
    while (e < norm.size() && WordByte(norm[e])) ++e;
    if (e > i) {
      const std::string word = norm.substr(i, e - i);
      SearchTerm t;
      t.exact = HasDiacritics(word);
      t.text = t.exact ? FoldCase(word) : FoldForSearch(word);
      // Punctuation outside ASCII (“ ” – …) is no word: keep letters only.
      if (!FoldForSearch(word).empty()) terms.push_back(std::move(t));
    }
    i = e;
  }
  return terms;
}

std::string FtsExpression(const std::vector<SearchTerm>& terms) {
  std::string e;
  for (const SearchTerm& t : terms) {
    std::string quoted = "\"";
    for (char c : t.text) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    quoted += '"';
    e += (e.empty() ? "" : " AND ") + std::string(t.exact ? "exact" : "folded") + " : " +
         quoted;
  }
  return e;
}

Cell Snippet(std::string_view text, const std::vector<SearchTerm>& terms, size_t width) {
  std::vector<uint32_t> to_input;
  const std::string folded = FoldForSearch(text, &to_input);
  std::vector<std::pair<size_t, size_t>> hits;  // in text's bytes
  for (const SearchTerm& t : terms) {
    const std::string f = FoldForSearch(t.text);
    if (f.empty()) continue;
    for (size_t at = folded.find(f); at != std::string::npos;
         at = folded.find(f, at + 1)) {
      if (at > 0 && WordByte(folded[at - 1]) && (folded[at - 1] & 0xC0) != 0x80) continue;
      hits.emplace_back(to_input[at], to_input[at + f.size()]);
      if (hits.size() > 200) break;
    }
  }
  std::sort(hits.begin(), hits.end());
  size_t begin = 0;
  if (!hits.empty() && hits[0].first > width / 3) begin = hits[0].first - width / 3;
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  size_t end = std::min(text.size(), begin + width);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    ++end;
  Cell c;
  const std::string pre = begin > 0 ? "…" : "";
  c.text =
      pre + std::string(text.substr(begin, end - begin)) + (end < text.size() ? "…" : "");
  size_t last = 0;
  for (const auto& [b, e] : hits) {
    if (b < begin || e > end || b < last) continue;
    c.marks.emplace_back(b - begin + pre.size(), e - begin + pre.size());
    last = e;
  }
  for (char& ch : c.text)
    if (ch == '\n') ch = ' ';
  return c;
}

std::string SiteOf(std::string_view site, std::string_view url) {
  if (!site.empty()) return std::string(site);
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  std::string out(host);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace vnreform
