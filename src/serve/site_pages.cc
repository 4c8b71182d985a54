// The pages of vnreform serve over the tables every database has (home,
// search, article, record). Each builds a Page (page.h) from bounded
// queries; site.cc renders it. Tested by tests/serve_test.cc.
#include <algorithm>
#include <map>

#include "serve/search.h"
#include "serve/site_internal.h"

namespace vnreform {
namespace {

const char* const kFacets[][2] = {
    {"year", "Year"}, {"province", "Province"}, {"index", "Index"}, {"site", "Site"}};

std::string SearchHref(const std::map<std::string, std::string>& args) {
  std::string q;
  for (const auto& [k, v] : args)
    if (!v.empty()) q += (q.empty() ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  return "/search" + q;
}

}  // namespace

size_t ByteOffset(std::string_view s, int64_t chars) {
  size_t i = 0;
  for (int64_t n = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == chars) return i;
      ++n;
    }
  }
  return s.size();
}

Cell SentenceCell(const std::string& sentence, int64_t start, int64_t end) {
  Cell c(sentence);
  if (start >= 0 && end > start) {
    const size_t b = ByteOffset(sentence, start), e = ByteOffset(sentence, end);
    if (e > b) c.marks.emplace_back(b, e);
  }
  return c;
}

Status HomePage(const PageContext& c, Page* p) {
  p->title = "vnreform: the facts of Vietnam's administrative reform";
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles "
              "WHERE reform = 1),"
              " (SELECT count(*) FROM records), (SELECT count(*) FROM runs)",
              {}, &r));
  p->meta.emplace_back("articles", Cell::Num(r.rows[0][0].ToString()));
  p->meta.emplace_back("reform articles", Cell::Num(r.rows[0][1].ToString()));
  p->meta.emplace_back("records", Cell::Num(r.rows[0][2].ToString()));
  p->meta.emplace_back("runs", Cell::Num(r.rows[0][3].ToString()));
  // Articles per year from the search index's stored counts (counting them
  // here would read every article).
  r = QueryResult();
  if (c.search != c.db || c.Has("search_facet_counts"))
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search,
                "SELECT value AS year, n FROM search_facet_counts WHERE kind = 'article'"
                " AND facet = 'year' ORDER BY value",
                {}, &r));
  Chart years;
  years.id = "chart-years";
  years.title = "Articles by year of publication";
  years.type = "bar";
  years.series = {{"articles", {}}};
  for (const auto& row : r.rows) {
    years.labels.push_back(row[0].ToString());
    years.series[0].values.push_back(static_cast<double>(row[1].i));
  }
  if (!years.labels.empty()) p->charts.push_back(std::move(years));
  // Records per type: stored with the search index, else counted.
  r = QueryResult();
  if (c.search != c.db || c.Has("search_facet_counts"))
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search,
                "SELECT value AS type, n AS records FROM search_facet_counts"
                " WHERE kind = 'record' AND facet = 'type' ORDER BY n DESC",
                {}, &r));
  if (r.rows.empty())
    VNREFORM_RETURN_IF_ERROR(
        c.Query("SELECT type, count(*) AS records FROM records GROUP BY type ORDER BY "
                "records DESC",
                {}, &r));
  Table types = TableOf("types", "Records by type", r);
  for (auto& row : types.rows)
    row[0].href = "/search?kind=records&type=" + UrlEncode(row[0].text);
  p->tables.push_back(std::move(types));
  const int64_t limit = c.params->Int("limit", 20, 1, c.max_limit);
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT id, title, published, locality AS province, coalesce(site, url) AS site"
      " FROM articles WHERE reform = 1 ORDER BY published DESC, id DESC LIMIT ?1",
      {Value::Int(limit)}, &r));
  p->tables.push_back(TableOf("reform_articles", "Latest reform articles", r,
                              {{"title", "/article/", "id"}}));
  return Status::Ok();
}

// The facet counts of the hits in temp.search_hits, as (facet, value, n) rows.
Status HitFacets(const PageContext& c, QueryResult* counts) {
  VNREFORM_RETURN_IF_ERROR(
      c.Query(c.search,
              "SELECT 'year', year, count(*) AS n FROM temp.search_hits WHERE year IS "
              "NOT NULL GROUP BY 2"
              " UNION ALL SELECT 'province', province, count(*) FROM temp.search_hits"
              " WHERE province IS NOT NULL GROUP BY 2"
              " UNION ALL SELECT 'site', site, count(*) FROM temp.search_hits WHERE site "
              "IS NOT NULL"
              " GROUP BY 2 ORDER BY n DESC",
              {}, counts, 100000));
  QueryResult idx;
  VNREFORM_RETURN_IF_ERROR(c.Query(c.search,
                                   "SELECT indices, count(*) FROM temp.search_hits"
                                   " WHERE indices IS NOT NULL GROUP BY 1",
                                   {}, &idx, 100000));
  std::map<std::string, int64_t> by_index;
  for (const auto& row : idx.rows) {
    const std::string& s = row[0].s;  // '|A|B|'
    for (size_t b = 1, e; b < s.size() && (e = s.find('|', b)) != std::string::npos;
         b = e + 1)
      by_index[s.substr(b, e - b)] += row[1].i;
  }
  std::vector<std::pair<int64_t, std::string>> sorted;
  for (const auto& [k, n] : by_index) sorted.emplace_back(-n, k);
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [n, k] : sorted)
    counts->rows.push_back({Value::Text("index"), Value::Text(k), Value::Int(-n)});
  return Status::Ok();
}

Status SearchPage(const PageContext& c, Page* p) {
  Params& in = *c.params;
  const std::string q = in.Text("q", 500);
  const std::string kind = in.Text("kind", 20);
  if (!kind.empty() && kind != "articles" && kind != "records")
    return Status::InvalidArgument("kind is articles or records, not '" +
                                   ValidUtf8(kind) + "'");
  const bool records = kind == "records";
  std::map<std::string, std::string> args{{"q", q}, {"kind", kind}};
  std::string where = records ? "d.record_id IS NOT NULL" : "d.record_id IS NULL";
  std::vector<Value> binds;
  const std::vector<SearchTerm> terms = ParseQuery(q);
  const std::string match = FtsExpression(terms);
  if (!match.empty()) binds.push_back(Value::Text(match));
  bool filtered = false;
  for (const auto& f : kFacets) {
    const std::string v = in.Text(f[0], 200);
    args[f[0]] = v;
    if (v.empty()) continue;
    filtered = true;
    const bool index = f[0] == std::string("index");
    binds.push_back(Value::Text(index ? "|" + v + "|" : v));
    where += index
                 ? " AND instr(d.indices, ?" + std::to_string(binds.size()) + ") > 0"
                 : std::string(" AND d.") + f[0] + " = ?" + std::to_string(binds.size());
  }
  const std::string type = in.Text("type", 100);
  args["type"] = type;
  if (!type.empty()) {
    binds.push_back(Value::Text(type));
    where += " AND d.type = ?" + std::to_string(binds.size());
    filtered = true;
  }
  const int64_t limit = in.Int("limit", 20, 1, c.max_limit);
  const int64_t offset = in.Int("offset", 0, 0, 100000);
  VNREFORM_RETURN_IF_ERROR(in.status);
  p->title = q.empty() ? (records ? "All records" : "All articles") : "Search: " + q;
  p->search = q;
  // The hits, then their articles and records from the database. With a
  // query or a filter the matches are gathered once into temp.search_hits
  // and counted, paged and faceted there; without, the indexes and the
  // stored facet counts answer.
  QueryResult hits, total, counts, none;
  const std::vector<Value> page_args{Value::Int(limit), Value::Int(offset)};
  if (!match.empty() || filtered) {
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search, "DELETE FROM temp.search_hits", {}, &none));
    const std::string from =
        match.empty() ? "search_docs d"
                      : "(SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ?1) m"
                        " CROSS JOIN search_docs d ON d.id = m.id";
    VNREFORM_RETURN_IF_ERROR(c.Query(
        c.search,
        "INSERT INTO temp.search_hits SELECT d.id, d.article_id, d.record_id, d.year,"
        " d.province, d.site, d.indices FROM " +
            from + " WHERE " + where,
        binds, &none));
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search, "SELECT count(*) FROM temp.search_hits", {}, &total));
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search,
                "SELECT article_id, record_id FROM temp.search_hits"
                " ORDER BY record_id DESC, id DESC LIMIT ?1 OFFSET ?2",
                page_args, &hits));
    VNREFORM_RETURN_IF_ERROR(HitFacets(c, &counts));
  } else {
    VNREFORM_RETURN_IF_ERROR(c.Query(
        c.search, "SELECT count(*) FROM search_docs d WHERE " + where, {}, &total));
    VNREFORM_RETURN_IF_ERROR(
        c.Query(c.search,
                "SELECT d.article_id, d.record_id FROM search_docs d WHERE " + where +
                    " ORDER BY d.record_id DESC, d.id DESC LIMIT ?1 OFFSET ?2",
                page_args, &hits));
    VNREFORM_RETURN_IF_ERROR(c.Query(
        c.search,
        "SELECT facet, value, n FROM search_facet_counts WHERE kind = ?1 ORDER BY n DESC",
        {Value::Text(records ? "record" : "article")}, &counts, 100000));
  }
  for (const auto& f : kFacets) {
    Facet facet;
    facet.name = f[0];
    facet.title = f[1];
    for (const auto& row : counts.rows) {
      if (row[0].s != f[0] || facet.values.size() >= 15) continue;
      Facet::Value v;
      v.value = row[1].ToString();
      v.count = row[2].i;
      v.selected = args[f[0]] == v.value;
      auto next = args;
      next[f[0]] = v.selected ? "" : v.value;
      v.href = SearchHref(next);
      facet.values.push_back(std::move(v));
    }
    if (f[0] == std::string("year"))
      std::sort(
          facet.values.begin(), facet.values.end(),
          [](const Facet::Value& a, const Facet::Value& b) { return a.value > b.value; });
    p->facets.push_back(std::move(facet));
  }
  p->meta.emplace_back("matches", Cell::Num(total.rows.at(0)[0].ToString()));
  if (!p->facets.empty() && !p->facets[0].values.empty()) {
    Chart years;
    years.id = "chart-years";
    years.title = "Matches by year";
    years.type = "bar";
    years.series = {{"matches", {}}};
    for (auto it = p->facets[0].values.rbegin(); it != p->facets[0].values.rend(); ++it) {
      years.labels.push_back(it->value);
      years.series[0].values.push_back(static_cast<double>(it->count));
    }
    p->charts.push_back(std::move(years));
  }
  auto other = args;
  other["kind"] = records ? "" : "records";
  p->meta.emplace_back(
      "show",
      Cell::Link(records ? "articles instead" : "records instead", SearchHref(other)));
  if (!terms.empty()) {
    std::string how;
    for (const SearchTerm& t : terms)
      how += (how.empty() ? "" : ", ") + t.text +
             (t.exact ? " (exact)" : " (any diacritics)");
    p->meta.emplace_back("terms", Cell(how));
  }

  std::string ids = "[";
  for (size_t i = 0; i < hits.rows.size(); ++i)
    ids += (i ? "," : "") + hits.rows[i][records ? 1 : 0].ToString();
  ids += "]";
  Table t;
  t.name = "results";
  t.truncated = static_cast<int64_t>(hits.rows.size()) == limit &&
                total.rows.at(0)[0].i > offset + limit;
  QueryResult rows;
  if (records) {
    VNREFORM_RETURN_IF_ERROR(
        c.Query("SELECT r.id, r.type, r.text, a.id AS article_id, a.title, a.published, "
                "a.site, a.url"
                " FROM records r JOIN articles a ON a.id = r.article_id"
                " WHERE r.id IN (SELECT value FROM json_each(?1)) ORDER BY r.id DESC",
                {Value::Text(ids)}, &rows));
    t.columns = {"record", "type", "text", "article", "published", "site"};
    for (size_t i = 0; i < rows.rows.size(); ++i) {
      const auto& r = rows.rows[i];
      Cell text = Snippet(r[2].s, terms, 300);
      text.href = "/record/" + r[0].ToString();
      t.rows.push_back({Cell::Link(r[0].ToString(), "/record/" + r[0].ToString()), r[1].s,
                        text, Cell::Link(r[4].s, "/article/" + r[3].ToString()), r[5].s,
                        SiteOf(r[6].s, r[7].s)});
    }
  } else {
    VNREFORM_RETURN_IF_ERROR(c.Query(
        "SELECT id, coalesce(title, key) AS title, published, locality, site, url, norm"
        " FROM articles WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id DESC",
        {Value::Text(ids)}, &rows));
    t.columns = {"article", "title", "published", "province", "site", "excerpt"};
    for (const auto& r : rows.rows)
      t.rows.push_back({Cell::Link(r[0].ToString(), "/article/" + r[0].ToString()),
                        Cell::Link(r[1].s, "/article/" + r[0].ToString()), r[2].s, r[3].s,
                        SiteOf(r[4].s, r[5].s), Snippet(r[6].s, terms)});
  }
  if (offset + limit < total.rows.at(0)[0].i) {
    auto next = args;
    next["offset"] = std::to_string(offset + limit);
    next["limit"] = limit == 20 ? "" : std::to_string(limit);
    p->meta.emplace_back("next",
                         Cell::Link("next " + std::to_string(limit), SearchHref(next)));
  }
  t.title = std::to_string(offset + 1) + "–" + std::to_string(offset + rows.rows.size()) +
            " of " + total.rows.at(0)[0].ToString();
  if (rows.rows.empty()) t.title = "No match";
  p->tables.push_back(std::move(t));
  return Status::Ok();
}

Status ArticlePage(const PageContext& c, int64_t id, Page* p) {
  QueryResult a;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT key, url, title, published, locality, locality_2025, site, author, "
              "reform, norm,"
              " source FROM articles WHERE id = ?1",
              {Value::Int(id)}, &a));
  if (a.rows.empty()) return Status::NotFound("no article " + std::to_string(id));
  const auto& r = a.rows[0];
  p->title = r[2].s.empty() ? r[0].s : r[2].s;
  p->meta.emplace_back("key", Cell(r[0].s));
  if (!r[1].s.empty()) p->meta.emplace_back("source URL", Cell::Link(r[1].s, r[1].s));
  p->meta.emplace_back("input", Cell(r[10].s));
  p->meta.emplace_back("published", Cell(r[3].s));
  p->meta.emplace_back("province", Cell(r[4].s));
  if (r[5].s != r[4].s) p->meta.emplace_back("province after 2025", Cell(r[5].s));
  p->meta.emplace_back("site", Cell(SiteOf(r[6].s, r[1].s)));
  if (!r[7].s.empty()) p->meta.emplace_back("author", Cell(r[7].s));
  p->meta.emplace_back("reform article", Cell(r[8].i == 1 ? "yes" : "no"));
  const int64_t limit = c.params->Int("limit", c.max_limit, 1, c.max_limit);
  QueryResult recs;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT id, type, text, fields, start, end, sentence_start, sentence_end, rule_id"
      " FROM records WHERE article_id = ?1 ORDER BY start, end, type LIMIT ?2",
      {Value::Int(id), Value::Int(limit)}, &recs));
  const std::string& norm = r[9].s;
  Table t;
  t.name = "records";
  t.title = "Records (" + std::to_string(recs.rows.size()) + ")";
  t.columns = {"record", "type", "text", "fields", "sentence", "rule"};
  Cell text;
  text.text = norm;
  size_t last = 0;
  for (const auto& x : recs.rows) {
    const size_t b = ByteOffset(norm, x[4].i), e = ByteOffset(norm, x[5].i);
    if (b >= last && e > b) {
      text.marks.emplace_back(b, e);
      last = e;
    }
    Cell sentence;
    if (!x[6].null()) {
      const size_t sb = ByteOffset(norm, x[6].i), se = ByteOffset(norm, x[7].i);
      sentence.text = norm.substr(sb, se > sb ? se - sb : 0);
      if (b >= sb && e <= se && e > b) sentence.marks.emplace_back(b - sb, e - sb);
    }
    t.rows.push_back({Cell::Link(x[0].ToString(), "/record/" + x[0].ToString()), x[1].s,
                      x[2].s, x[3].s, sentence, x[8].s});
  }
  t.truncated = recs.rows.size() == static_cast<size_t>(limit);
  p->tables.push_back(std::move(t));
  p->text_title = "Text (records highlighted)";
  p->text = std::move(text);
  return Status::Ok();
}

Status RecordPage(const PageContext& c, int64_t id, Page* p) {
  QueryResult q;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT r.type, r.text, r.fields, r.start, r.end, r.sentence_start, r.sentence_end,"
      " r.rule_id, r.ruleset, a.id, coalesce(a.title, a.key), a.url, a.published, a.norm"
      " FROM records r JOIN articles a ON a.id = r.article_id WHERE r.id = ?1",
      {Value::Int(id)}, &q));
  if (q.rows.empty()) return Status::NotFound("no record " + std::to_string(id));
  const auto& r = q.rows[0];
  p->title = r[0].s + ": " + r[1].s;
  const std::string& norm = r[13].s;
  const size_t b = ByteOffset(norm, r[3].i), e = ByteOffset(norm, r[4].i);
  size_t sb = 0, se = norm.size();
  if (!r[5].null()) {
    sb = ByteOffset(norm, r[5].i);
    se = ByteOffset(norm, r[6].i);
  } else {  // no sentence stored: 200 bytes either side
    sb = b > 200 ? ByteOffset(norm, std::max<int64_t>(0, r[3].i - 80)) : 0;
    se = ByteOffset(norm, r[4].i + 80);
  }
  Cell sentence;
  sentence.text = norm.substr(sb, se > sb ? se - sb : 0);
  if (b >= sb && e <= se && e > b) sentence.marks.emplace_back(b - sb, e - sb);
  p->meta.emplace_back("type", Cell(r[0].s));
  p->meta.emplace_back("sentence", sentence);
  p->meta.emplace_back("article", Cell::Link(r[10].s, "/article/" + r[9].ToString()));
  if (!r[11].s.empty()) p->meta.emplace_back("source URL", Cell::Link(r[11].s, r[11].s));
  p->meta.emplace_back("published", Cell(r[12].s));
  p->meta.emplace_back("offsets", Cell(r[3].ToString() + "–" + r[4].ToString() +
                                       " (characters of the normalized text)"));
  p->meta.emplace_back("rule", Cell(r[7].s + " (rules " + r[8].s + ")"));
  QueryResult f;
  VNREFORM_RETURN_IF_ERROR(c.Query("SELECT key AS field, value FROM json_each(?1)",
                                   {Value::Text(r[2].s)}, &f));
  p->tables.push_back(TableOf("fields", "Fields", f));
  return Status::Ok();
}

}  // namespace vnreform
