// The pages of vnreform serve over the facts tables of schemas 11 and 12
// (issue 16): the lists (indices, units, people, documents, facts) and one
// page per index (units x editions, a rank chart), unit (ranks, ratios and
// officials over time), person (posts and tenures), document (citations
// per year) and fact (candidates, status, checks, every source sentence
// with its words marked and its link). Tested by tests/serve_test.cc and
// tests/serve_browser_test.py.
#include <algorithm>
#include <map>
#include <set>

#include "serve/site_internal.h"

namespace vnreform {
namespace {

std::optional<double> Num(const Value& v) {
  if (v.kind == Value::kInt) return static_cast<double>(v.i);
  if (v.kind == Value::kReal) return v.d;
  return std::nullopt;
}

// A chart of one line per series key over sorted labels, from rows of
// (label, series, value).
Chart LineChart(const std::string& id, const std::string& title, const QueryResult& r,
                int label_col, int series_col, int value_col, bool reverse_y) {
  Chart ch;
  ch.id = id;
  ch.title = title;
  ch.reverse_y = reverse_y;
  std::set<std::string> labels;
  std::map<std::string, std::map<std::string, double>> series;
  for (const auto& row : r.rows) {
    const auto v = Num(row[value_col]);
    if (!v) continue;
    labels.insert(row[label_col].ToString());
    series[row[series_col].ToString()][row[label_col].ToString()] = *v;
  }
  ch.labels.assign(labels.begin(), labels.end());
  for (const auto& [name, points] : series) {
    Chart::Series s{name, {}};
    for (const std::string& l : ch.labels) {
      auto it = points.find(l);
      s.values.push_back(it == points.end() ? std::nullopt
                                            : std::optional<double>(it->second));
    }
    ch.series.push_back(std::move(s));
  }
  return ch;
}

void StatusCss(Table* t, const std::string& column) {
  for (size_t i = 0; i < t->columns.size(); ++i)
    if (t->columns[i] == column)
      for (auto& row : t->rows)
        if (row[i].text == "conflict") row[i].css = "status-conflict";
}

Status RequireFacts(const PageContext& c) {
  if (!c.Has("facts") || !c.Has("ref_units"))
    return Status::NotFound(
        "this database has no facts tables (vnreform facts builds them)");
  return Status::Ok();
}

Status IndicesPage(const PageContext& c, Page* p) {
  p->title = "Indices";
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT i.code, i.name, i.vi_name, i.publisher,"
      " (SELECT count(*) FROM ref_index_editions e WHERE e.index_code = i.code) AS "
      "editions,"
      " coalesce(n.ranks, 0) AS ranks FROM ref_indices i LEFT JOIN (SELECT index_code,"
      " count(*) AS ranks FROM facts WHERE kind = 'rank' GROUP BY index_code) n"
      " ON n.index_code = i.code ORDER BY ranks DESC, i.code",
      {}, &r));
  p->tables.push_back(TableOf(
      "indices", "", r, {{"code", "/index/", "code"}, {"name", "/index/", "code"}}));
  return Status::Ok();
}

Status IndexPage(const PageContext& c, const std::string& code, Page* p) {
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT code, name, vi_name, publisher, scale_kind, scale_max, note FROM "
              "ref_indices"
              " WHERE code = ?1",
              {Value::Text(code)}, &r));
  if (r.rows.empty()) return Status::NotFound("no index '" + ValidUtf8(code) + "'");
  p->title = r.rows[0][1].s + " (" + r.rows[0][2].s + ")";
  p->meta.emplace_back("code", Cell(code));
  p->meta.emplace_back("publisher", Cell(r.rows[0][3].s));
  p->meta.emplace_back("scale", Cell(r.rows[0][4].s + " " + r.rows[0][5].ToString()));
  if (!r.rows[0][6].s.empty()) p->meta.emplace_back("note", Cell(r.rows[0][6].s));
  QueryResult levels;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT level, count(*) FROM facts WHERE kind = 'rank' AND index_code = ?1"
              " GROUP BY level ORDER BY count(*) DESC",
              {Value::Text(code)}, &levels));
  std::string level = c.params->Text("level", 20);
  if (level.empty()) level = levels.rows.empty() ? "province" : levels.rows[0][0].s;
  Facet lf;
  lf.name = "level";
  lf.title = "Level";
  for (const auto& row : levels.rows)
    lf.values.push_back({row[0].s,
                         "/index/" + UrlEncode(code) + "?level=" + UrlEncode(row[0].s),
                         row[1].i, row[0].s == level});
  p->facets.push_back(std::move(lf));
  QueryResult s;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT unit_code, unit, edition, rank, of_n, status, fact_id FROM rank_series"
      " WHERE \"index\" = ?1 AND level = ?2 ORDER BY unit, edition",
      {Value::Text(code), Value::Text(level)}, &s, 20000));
  // Units x editions.
  std::set<int64_t> editions;
  std::map<std::string,
           std::pair<std::string, std::map<int64_t, std::pair<std::string, int64_t>>>>
      units;  // code -> (name, edition -> (rank, fact))
  for (const auto& row : s.rows) {
    editions.insert(row[2].i);
    auto& u = units[row[0].ToString()];
    u.first = row[1].s.empty() ? row[0].ToString() : row[1].s;
    std::string rank = row[3].ToString();
    if (row[5].s == "conflict") rank += " ?";
    u.second[row[2].i] = {rank, row[6].i};
  }
  Table t;
  t.name = "ranks";
  t.title = "Rank by unit and edition (" + level + ")";
  t.note = "A rank compares only within one edition; '?' marks sources in conflict.";
  t.truncated = s.truncated;
  t.columns = {"unit"};
  for (int64_t e : editions) t.columns.push_back(std::to_string(e));
  for (const auto& [ucode, u] : units) {
    std::vector<Cell> row{Cell::Link(u.first, "/unit/" + UrlEncode(ucode))};
    for (int64_t e : editions) {
      auto it = u.second.find(e);
      Cell cell = it == u.second.end()
                      ? Cell("")
                      : Cell::Link(it->second.first,
                                   "/fact/" + std::to_string(it->second.second));
      cell.number = true;
      row.push_back(cell);
    }
    t.rows.push_back(std::move(row));
  }
  std::sort(t.rows.begin(), t.rows.end(),
            [](const auto& a, const auto& b) { return a[0].text < b[0].text; });
  p->charts.push_back(
      LineChart("chart-ranks", "Rank by edition (1 = top)", s, 2, 1, 3, true));
  p->charts.back().y_label = "rank";
  p->tables.push_back(std::move(t));
  QueryResult ed;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT data_year AS edition, level, published_on, n_units, unit_set, top_n, "
      "scale_max,"
      " note FROM ref_index_editions WHERE index_code = ?1 ORDER BY level, data_year",
      {Value::Text(code)}, &ed));
  p->tables.push_back(TableOf("editions", "Editions", ed));
  return Status::Ok();
}

Status UnitsPage(const PageContext& c, Page* p) {
  p->title = "Units";
  const std::string kind = c.params->Text("kind", 20);
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT u.code, u.name, u.kind, u.valid_from, u.valid_to, coalesce(n.facts, 0) AS "
      "facts"
      " FROM ref_units u LEFT JOIN (SELECT unit_code, count(*) AS facts FROM facts"
      " WHERE unit_code IS NOT NULL GROUP BY unit_code) n ON n.unit_code = u.code"
      " WHERE ?1 = '' OR u.kind = ?1 ORDER BY u.kind, u.code",
      {Value::Text(kind)}, &r, 5000));
  QueryResult kinds;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT kind, count(*) FROM ref_units GROUP BY kind ORDER BY 2 DESC", {}, &kinds));
  Facet f;
  f.name = "kind";
  f.title = "Kind";
  for (const auto& row : kinds.rows)
    f.values.push_back(
        {row[0].s, row[0].s == kind ? "/units" : "/units?kind=" + UrlEncode(row[0].s),
         row[1].i, row[0].s == kind});
  p->facets.push_back(std::move(f));
  p->tables.push_back(
      TableOf("units", "", r, {{"code", "/unit/", "code"}, {"name", "/unit/", "code"}}));
  return Status::Ok();
}

Status UnitPage(const PageContext& c, const std::string& code, Page* p) {
  QueryResult u;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT name, kind, type, valid_from, valid_to, parent_code, note FROM ref_units"
      " WHERE code = ?1",
      {Value::Text(code)}, &u));
  if (u.rows.empty()) return Status::NotFound("no unit '" + ValidUtf8(code) + "'");
  const auto& x = u.rows[0];
  p->title = x[0].s;
  p->meta.emplace_back("code", Cell(code));
  p->meta.emplace_back("kind",
                       Cell(x[1].s + (x[2].s.empty() ? "" : " (" + x[2].s + ")")));
  p->meta.emplace_back("valid", Cell((x[3].s.empty() ? "…" : x[3].s) + " – " +
                                     (x[4].s.empty() ? "today" : x[4].s)));
  QueryResult succ;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT s.new_code, n.name, s.effective FROM ref_unit_succession s"
              " LEFT JOIN ref_units n ON n.code = s.new_code"
              " WHERE s.old_code = ?1 AND s.new_code <> ?1",
              {Value::Text(code)}, &succ));
  for (const auto& row : succ.rows)
    p->meta.emplace_back("from " + row[2].s, Cell::Link("part of " + row[1].s,
                                                        "/unit/" + UrlEncode(row[0].s)));
  const int64_t limit = c.params->Int("limit", 200, 1, c.max_limit);
  QueryResult ranks;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT \"index\", level, edition, rank, of_n, score, change, "
              "change_in_series, status,"
              " sources, fact_id FROM rank_series WHERE unit_code = ?1 ORDER BY "
              "\"index\", edition"
              " LIMIT ?2",
              {Value::Text(code), Value::Int(limit)}, &ranks));
  if (!ranks.rows.empty()) {
    p->charts.push_back(
        LineChart("chart-ranks", "Ranks by edition (1 = top)", ranks, 2, 0, 3, true));
    p->charts.back().y_label = "rank";
  }
  Table rt = TableOf("ranks", "Ranks", ranks,
                     {{"index", "/index/", "index"}, {"rank", "/fact/", "fact_id"}},
                     {"fact_id"});
  StatusCss(&rt, "status");
  p->tables.push_back(std::move(rt));
  QueryResult ratios;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT indicator, indicator_name, as_of, numerator, denominator, percent, "
              "status, sources,"
              " fact_id FROM task_completion_series WHERE unit_code = ?1 ORDER BY "
              "indicator, as_of"
              " LIMIT ?2",
              {Value::Text(code), Value::Int(limit)}, &ratios));
  if (!ratios.rows.empty()) {
    QueryResult pct = ratios;
    for (auto& row : pct.rows)
      if (row[5].null() && Num(row[3]) && Num(row[4]) && *Num(row[4]) > 0)
        row[5] = Value::Real(100 * *Num(row[3]) / *Num(row[4]));
    p->charts.push_back(
        LineChart("chart-ratios", "Completion (%) by date", pct, 2, 0, 5, false));
    p->charts.back().y_label = "%";
  }
  Table tt = TableOf("ratios", "Ratios (tasks completed...)", ratios,
                     {{"as_of", "/fact/", "fact_id"}}, {"fact_id"});
  StatusCss(&tt, "status");
  p->tables.push_back(std::move(tt));
  QueryResult off;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT name, person_id, title, first_seen, last_seen, start_seen, "
              "former_seen, acting,"
              " n_articles FROM office_holders WHERE unit_code = ?1 ORDER BY first_seen, "
              "name LIMIT ?2",
              {Value::Text(code), Value::Int(limit)}, &off));
  p->tables.push_back(TableOf("officials", "Officials over time", off,
                              {{"name", "/person/", "person_id"}}, {"person_id"}));
  return Status::Ok();
}

Status PeoplePage(const PageContext& c, Page* p) {
  p->title = "People";
  const int64_t limit = c.params->Int("limit", 100, 1, c.max_limit);
  const int64_t offset = c.params->Int("offset", 0, 0, 10000000);
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT id, name, scope, first_seen, last_seen, n_records FROM people"
              " ORDER BY n_records DESC, id LIMIT ?1 OFFSET ?2",
              {Value::Int(limit), Value::Int(offset)}, &r));
  p->tables.push_back(
      TableOf("people", "", r, {{"name", "/person/", "id"}, {"id", "/person/", "id"}}));
  return Status::Ok();
}

Status PersonPage(const PageContext& c, int64_t id, Page* p) {
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT name, scope, first_seen, last_seen, n_records FROM people WHERE id = ?1",
      {Value::Int(id)}, &r));
  if (r.rows.empty()) return Status::NotFound("no person " + std::to_string(id));
  p->title = r.rows[0][0].s;
  p->meta.emplace_back("scope", Cell(r.rows[0][1].s));
  p->meta.emplace_back("seen", Cell(r.rows[0][2].s + " – " + r.rows[0][3].s));
  p->meta.emplace_back("records", Cell::Num(r.rows[0][4].ToString()));
  QueryResult t;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT title, office, body, unit_code, unit, first_seen, last_seen, start_seen,"
      " former_seen, acting, n_mentions, n_articles, status, fact_id FROM office_holders"
      " WHERE person_id = ?1 ORDER BY first_seen",
      {Value::Int(id)}, &t));
  p->tables.push_back(TableOf(
      "tenures", "Posts and tenures", t,
      {{"unit", "/unit/", "unit_code"}, {"title", "/fact/", "fact_id"}}, {"fact_id"}));
  return Status::Ok();
}

Status DocumentsPage(const PageContext& c, Page* p) {
  p->title = "Documents, most cited first";
  const int64_t limit = c.params->Int("limit", 100, 1, c.max_limit);
  const int64_t offset = c.params->Int("offset", 0, 0, 10000000);
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT rowid AS id, doc_type, number, year, issuer, resolved, first_seen, "
      "n_mentions,"
      " n_articles FROM documents ORDER BY n_articles DESC, doc_key LIMIT ?1 OFFSET ?2",
      {Value::Int(limit), Value::Int(offset)}, &r));
  p->tables.push_back(TableOf(
      "documents", "", r, {{"number", "/document/", "id"}, {"id", "/document/", "id"}}));
  return Status::Ok();
}

Status DocumentPage(const PageContext& c, int64_t id, Page* p) {
  QueryResult d;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT doc_key, doc_type, number, year, issuer, resolved, first_seen, n_mentions,"
      " n_articles FROM documents WHERE rowid = ?1",
      {Value::Int(id)}, &d));
  if (d.rows.empty()) return Status::NotFound("no document " + std::to_string(id));
  const auto& x = d.rows[0];
  p->title = x[1].s + " " + x[2].s;
  p->meta.emplace_back("key", Cell(x[0].s));
  p->meta.emplace_back("year", Cell(x[5].i ? x[3].ToString() : "unresolved"));
  p->meta.emplace_back("issuer", Cell(x[4].s));
  p->meta.emplace_back("cited", Cell(x[7].ToString() + " times in " + x[8].ToString() +
                                     " articles, first " + x[6].s));
  QueryResult y;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT CAST(substr(s.day, 1, 4) AS INTEGER) AS year, count(*) AS mentions,"
              " count(DISTINCT fs.article_id) AS articles FROM facts f"
              " JOIN fact_candidates k ON k.fact_id = f.id JOIN fact_sources fs ON "
              "fs.candidate_id = k.id"
              " LEFT JOIN article_sites s ON s.article_id = fs.article_id"
              " WHERE f.kind = 'citation' AND f.doc_key = ?1 GROUP BY 1 ORDER BY 1",
              {Value::Text(x[0].s)}, &y));
  Chart ch;
  ch.id = "chart-citations";
  ch.title = "Citing articles per year";
  ch.type = "bar";
  ch.series = {{"articles", {}}};
  for (const auto& row : y.rows) {
    ch.labels.push_back(row[0].null() ? "undated" : row[0].ToString());
    ch.series[0].values.push_back(Num(row[2]));
  }
  if (!ch.labels.empty()) p->charts.push_back(std::move(ch));
  p->tables.push_back(TableOf("citations", "Citations per year", y));
  QueryResult f;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT id FROM facts WHERE kind = 'citation' AND doc_key = ?1",
              {Value::Text(x[0].s)}, &f));
  if (!f.rows.empty())
    p->meta.emplace_back("fact", Cell::Link("the citation fact and its sources",
                                            "/fact/" + f.rows[0][0].ToString()));
  return Status::Ok();
}

Status FactListPage(const PageContext& c, Page* p) {
  p->title = "Facts";
  const std::string kind = c.params->Text("kind", 20),
                    status = c.params->Text("status", 20);
  const int64_t limit = c.params->Int("limit", 100, 1, c.max_limit);
  const int64_t offset = c.params->Int("offset", 0, 0, 10000000);
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT id, kind, natural_key, value, status, n_candidates, n_articles, "
      "n_independent"
      " FROM facts WHERE (?1 = '' OR kind = ?1) AND (?2 = '' OR status = ?2)"
      " ORDER BY n_independent DESC, id LIMIT ?3 OFFSET ?4",
      {Value::Text(kind), Value::Text(status), Value::Int(limit), Value::Int(offset)},
      &r));
  for (const char* facet : {"kind", "status"}) {
    QueryResult counts;
    VNREFORM_RETURN_IF_ERROR(
        c.Query(std::string("SELECT ") + facet +
                    ", count(*) FROM facts WHERE (?1 = '' OR kind = ?1)"
                    " AND (?2 = '' OR status = ?2) GROUP BY 1 ORDER BY 2 DESC",
                {Value::Text(kind), Value::Text(status)}, &counts));
    Facet f;
    f.name = facet;
    f.title = facet == std::string("kind") ? "Kind" : "Status";
    for (const auto& row : counts.rows) {
      const bool sel = row[0].s == (f.name == "kind" ? kind : status);
      std::string k = f.name == "kind" ? (sel ? "" : row[0].s) : kind;
      std::string s = f.name == "status" ? (sel ? "" : row[0].s) : status;
      std::string href = "/facts";
      if (!k.empty()) href += "?kind=" + UrlEncode(k);
      if (!s.empty())
        href += (k.empty() ? "?" : "&") + std::string("status=") + UrlEncode(s);
      f.values.push_back({row[0].s, href, row[1].i, sel});
    }
    p->facets.push_back(std::move(f));
  }
  Table t =
      TableOf("facts", "", r, {{"natural_key", "/fact/", "id"}, {"id", "/fact/", "id"}});
  StatusCss(&t, "status");
  p->tables.push_back(std::move(t));
  return Status::Ok();
}

Status FactPage(const PageContext& c, int64_t id, Page* p) {
  QueryResult f;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT natural_key, kind, value, status, overridden, note, index_code, level, "
      "data_year,"
      " unit_code, person_id, doc_key, n_candidates, n_mentions, n_articles, n_sites,"
      " n_independent, score, change FROM facts WHERE id = ?1",
      {Value::Int(id)}, &f));
  if (f.rows.empty()) return Status::NotFound("no fact " + std::to_string(id));
  const auto& x = f.rows[0];
  p->title = x[1].s + ": " + x[0].s;
  p->meta.emplace_back("value", Cell(x[2].s));
  Cell status(x[3].s);
  if (x[3].s == "conflict") status.css = "status-conflict";
  p->meta.emplace_back("status", status);
  if (x[4].i)
    p->meta.emplace_back("overridden", Cell("yes: " + x[5].s));
  else if (!x[5].s.empty())
    p->meta.emplace_back("note", Cell(x[5].s));
  if (!x[6].s.empty())
    p->meta.emplace_back("index", Cell::Link(x[6].s, "/index/" + UrlEncode(x[6].s)));
  if (!x[8].null()) p->meta.emplace_back("edition", Cell(x[7].s + " " + x[8].ToString()));
  if (!x[9].s.empty())
    p->meta.emplace_back("unit", Cell::Link(x[9].s, "/unit/" + UrlEncode(x[9].s)));
  if (!x[10].null())
    p->meta.emplace_back("person",
                         Cell::Link(x[10].ToString(), "/person/" + x[10].ToString()));
  if (!x[17].null()) p->meta.emplace_back("score", Cell(x[17].ToString()));
  if (!x[18].null()) p->meta.emplace_back("stated change", Cell(x[18].ToString()));
  p->meta.emplace_back(
      "support",
      Cell(x[13].ToString() + " mentions, " + x[14].ToString() + " articles, " +
           x[15].ToString() + " sites, " + x[16].ToString() + " independent stories"));
  QueryResult cands;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT position, value, chosen, rejected, n_mentions, n_articles, "
              "n_sites, n_independent"
              " FROM fact_candidates WHERE fact_id = ?1 ORDER BY position",
              {Value::Int(id)}, &cands));
  p->tables.push_back(TableOf("candidates", "Candidates", cands));
  QueryResult checks;
  VNREFORM_RETURN_IF_ERROR(
      c.Query("SELECT check_name, CASE passed WHEN 1 THEN 'passed' ELSE 'FAILED' END AS "
              "result, detail,"
              " record_id FROM fact_checks WHERE fact_id = ?1 ORDER BY passed, id",
              {Value::Int(id)}, &checks));
  Table ct =
      TableOf("checks", "Checks", checks, {{"record_id", "/record/", "record_id"}});
  for (auto& row : ct.rows)
    if (row[1].text == "FAILED") row[1].css = "check-fail";
  p->tables.push_back(std::move(ct));
  const int64_t limit = c.params->Int("limit", 200, 1, c.max_limit);
  QueryResult src;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT k.value, r.id, r.text, r.start - r.sentence_start, r.end - "
      "r.sentence_start,"
      " substr(a.norm, r.sentence_start + 1, r.sentence_end - r.sentence_start), a.id,"
      " coalesce(a.title, a.key), a.url, a.published, s.site FROM fact_candidates k"
      " JOIN fact_sources fs ON fs.candidate_id = k.id JOIN records r ON r.id = "
      "fs.record_id"
      " JOIN articles a ON a.id = fs.article_id LEFT JOIN article_sites s ON "
      "s.article_id = a.id"
      " WHERE k.fact_id = ?1 ORDER BY k.position, a.published, r.id LIMIT ?2",
      {Value::Int(id), Value::Int(limit)}, &src));
  Table t;
  t.name = "sources";
  t.title = "Sources: every supporting sentence";
  t.truncated = static_cast<int64_t>(src.rows.size()) == limit;
  t.columns = {"value",     "record", "sentence",  "article",
               "published", "site",   "source URL"};
  for (const auto& r : src.rows) {
    Cell sentence = r[5].null() ? SentenceCell(r[2].s, 0, 1 << 30)
                                : SentenceCell(r[5].s, r[3].i, r[4].i);
    if (r[5].null()) sentence.marks = {{0, r[2].s.size()}};
    t.rows.push_back({r[0].s, Cell::Link(r[1].ToString(), "/record/" + r[1].ToString()),
                      sentence, Cell::Link(r[7].s, "/article/" + r[6].ToString()), r[9].s,
                      r[10].s, Cell::Link(r[8].s, r[8].s)});
  }
  p->tables.push_back(std::move(t));
  return Status::Ok();
}

}  // namespace

Status FactsPage(const PageContext& c, const std::string& kind, const std::string& id,
                 Page* p) {
  static const std::set<std::string> kPages = {
      "indices", "index",     "units",    "unit",  "people",
      "person",  "documents", "document", "facts", "fact"};
  if (!kPages.count(kind)) return Status::NotFound("no page '" + ValidUtf8(kind) + "'");
  VNREFORM_RETURN_IF_ERROR(RequireFacts(c));
  const bool list = id.empty();
  if (kind == "indices" && list) return IndicesPage(c, p);
  if (kind == "units" && list) return UnitsPage(c, p);
  if (kind == "people" && list) return PeoplePage(c, p);
  if (kind == "documents" && list) return DocumentsPage(c, p);
  if (kind == "facts" && list) return FactListPage(c, p);
  if (list) return Status::NotFound("which " + kind + "? (/" + kind + "/ID)");
  if (kind == "index") return IndexPage(c, id, p);
  if (kind == "unit") return UnitPage(c, id, p);
  int64_t n = 0;
  VNREFORM_RETURN_IF_ERROR(PathId(id, &n));
  if (kind == "person") return PersonPage(c, n, p);
  if (kind == "document") return DocumentPage(c, n, p);
  if (kind == "fact") return FactPage(c, n, p);
  return Status::NotFound("no page '" + ValidUtf8(kind) + "/" + ValidUtf8(id) + "'");
}

}  // namespace vnreform
