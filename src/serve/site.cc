// The router of vnreform serve (site.h): method and parameter checks,
// /path[.json|.csv] to a page builder, the page rendered as asked, errors
// as pages with their HTTP status; the data version of every response.
// Tested by tests/serve_test.cc.
#include "serve/site.h"

#include <chrono>
#include <cstdlib>

#include "core/hash.h"
#include "serve/assets.h"
#include "serve/search.h"
#include "serve/site_internal.h"

namespace vnreform {

struct Site::State {
  std::unique_ptr<Store> db;
  std::unique_ptr<Store> memory;  // the search index when the database has none
  Store* search = nullptr;
  SiteOptions options;
  std::vector<std::string> tables;
};

namespace {

const char* const kTypes[] = {"", "application/json", "text/csv; charset=utf-8"};

Response ErrorPage(int status, const std::string& message, const DataVersion& v,
                   int format) {
  Page p;
  p.title = status == 404   ? "Not found"
            : status == 400 ? "Bad request"
            : status == 405 ? "Method not allowed"
            : status == 503 ? "Too slow"
                            : "Error";
  p.meta.emplace_back("error", Cell(message));
  Response r;
  r.status = status;
  if (format == 1) {
    r.content_type = kTypes[1];
    r.body = "{\"error\":" + JsonString(message) +
             ",\"status\":" + std::to_string(status) +
             ",\"data_version\":" + JsonString(v.id) + "}\n";
  } else {
    r.body = RenderHtml(p, v);
  }
  return r;
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::kNotFound:
      return 404;
    case Status::kInvalidArgument:
      return 400;
    case Status::kInternal:
      return s.message().find("query took longer") != std::string::npos ? 503 : 500;
    default:
      return 500;
  }
}

Status ComputeVersion(const PageContext& c, DataVersion* v) {
  QueryResult runs, schema, search;
  VNREFORM_RETURN_IF_ERROR(c.Query(
      "SELECT count(*), coalesce(max(id), 0), coalesce(max(finished), ''),"
      " coalesce((SELECT ruleset FROM runs ORDER BY id DESC LIMIT 1), ''),"
      " (SELECT count(*) FROM articles), (SELECT coalesce(max(id), 0) FROM records)"
      " FROM runs",
      {}, &runs));
  VNREFORM_RETURN_IF_ERROR(c.Query("PRAGMA user_version", {}, &schema));
  // The facts build: its reference data's version and the records it saw.
  std::string facts;
  if (c.Has("ref_meta")) {
    QueryResult f;
    VNREFORM_RETURN_IF_ERROR(
        c.Query("SELECT key, value FROM ref_meta WHERE key IN ('data_version', "
                "'records') ORDER BY key",
                {}, &f));
    for (const auto& row : f.rows)
      facts += (facts.empty() ? "" : " ") +
               std::string(row[0].s == "records" ? "records " : "reference ") +
               row[1].ToString();
  }
  const auto& r = runs.rows.at(0);
  v->detail = "runs " + r[0].ToString() + " (last " + r[1].ToString() + ", finished " +
              (r[2].s.empty() ? "-" : r[2].s) + "), rules " + r[3].ToString() +
              ", articles " + r[4].ToString() + ", schema " +
              schema.rows.at(0)[0].ToString() + (facts.empty() ? "" : ", facts " + facts);
  v->id = Fnv64().Add(v->detail).Hex().substr(0, 12);
  return Status::Ok();
}

// "/unit/79.json" -> segments {"unit", "79"}, format 1.
int SplitPath(std::string path, std::vector<std::string>* segments) {
  int format = 0;
  for (const auto& [ext, f] : {std::pair<const char*, int>{".json", 1}, {".csv", 2}}) {
    const std::string e = ext;
    if (path.size() > e.size() &&
        path.compare(path.size() - e.size(), e.size(), e) == 0) {
      path.resize(path.size() - e.size());
      format = f;
    }
  }
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t e = path.find('/', i);
    if (e == std::string::npos) e = path.size();
    if (e > i) segments->push_back(path.substr(i, e - i));
    i = e;
  }
  return format;
}

}  // namespace

// ---- Params, PageContext ----

Params::Params(const std::vector<std::pair<std::string, std::string>>& p)
    : p_(p.begin(), p.end()) {}

bool Params::Has(const std::string& name) const { return p_.count(name) > 0; }

std::string Params::Text(const std::string& name, size_t max_bytes) {
  asked_.push_back(name);
  auto it = p_.find(name);
  if (it == p_.end()) return "";
  if (p_.count(name) > 1 && status.ok())
    status = Status::InvalidArgument("parameter '" + name + "' given more than once");
  if (it->second.size() > max_bytes && status.ok())
    status = Status::InvalidArgument("parameter '" + name + "' longer than " +
                                     std::to_string(max_bytes) + " bytes");
  if (ValidUtf8(it->second) != it->second && status.ok())
    status = Status::InvalidArgument("parameter '" + name + "' is not UTF-8");
  return status.ok() ? it->second : "";
}

int64_t Params::Int(const std::string& name, int64_t def, int64_t min, int64_t max) {
  const std::string v = Text(name, 40);
  if (v.empty()) {
    if (Has(name) && status.ok())
      status = Status::InvalidArgument("parameter '" + name + "' is empty");
    return def;
  }
  bool digits = v.size() <= 30;
  for (size_t i = 0; i < v.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(v[i])) && !(i == 0 && v[i] == '-'))
      digits = false;
  if (!digits || v == "-") {
    if (status.ok())
      status =
          Status::InvalidArgument("parameter '" + name + "' is no integer: '" + v + "'");
    return def;
  }
  // Beyond int64 (a huge limit) is the maximum, as any large value.
  const bool huge = v.size() > 18;
  const int64_t n =
      huge ? (v[0] == '-' ? min - 1 : max) : std::strtoll(v.c_str(), nullptr, 10);
  if (n < min) {
    if (status.ok())
      status = Status::InvalidArgument("parameter '" + name + "' below " +
                                       std::to_string(min));
    return def;
  }
  return std::min(n, max);
}

Status Params::Check() const {
  VNREFORM_RETURN_IF_ERROR(status);
  for (const auto& [k, v] : p_) {
    bool known = false;
    for (const std::string& a : asked_) known = known || a == k;
    if (!known)
      return Status::InvalidArgument("unknown parameter '" + ValidUtf8(k) + "'");
  }
  return Status::Ok();
}

bool PageContext::Has(const std::string& table) const {
  for (const std::string& t : tables)
    if (t == table) return true;
  return false;
}

Status PageContext::Query(Store* store, const std::string& sql,
                          const std::vector<Value>& args, QueryResult* out,
                          int64_t max_rows) const {
  QueryLimits l = limits;
  if (max_rows >= 0) l.max_rows = max_rows;
  return store->Query(sql, args, l, out);
}

Status PathId(const std::string& segment, int64_t* id) {
  bool ok = !segment.empty() && segment.size() <= 18;
  for (char c : segment) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  if (!ok) return Status::NotFound("no such id: '" + ValidUtf8(segment) + "'");
  *id = std::strtoll(segment.c_str(), nullptr, 10);
  return Status::Ok();
}

Table TableOf(const std::string& name, const std::string& title, const QueryResult& r,
              const std::vector<ColumnLink>& links,
              const std::vector<std::string>& hide) {
  Table t;
  t.name = name;
  t.title = title;
  t.truncated = r.truncated;
  std::vector<int> shown;
  for (size_t i = 0; i < r.columns.size(); ++i) {
    bool hidden = false;
    for (const std::string& h : hide) hidden = hidden || h == r.columns[i];
    if (hidden) continue;
    shown.push_back(static_cast<int>(i));
    t.columns.push_back(r.columns[i]);
  }
  for (size_t row = 0; row < r.rows.size(); ++row) {
    std::vector<Cell> cells;
    for (int i : shown) {
      const Value& v = r.rows[row][i];
      Cell c(v.ToString());
      c.number = v.kind == Value::kInt || v.kind == Value::kReal;
      for (const ColumnLink& l : links)
        if (l.column == r.columns[i]) {
          const Value& id = r.Get(row, l.id_column);
          if (!id.null() && !c.text.empty()) c.href = l.prefix + UrlEncode(id.ToString());
        }
      cells.push_back(std::move(c));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

// ---- Site ----

Site::~Site() = default;

Status Site::Open(const std::string& db, const SiteOptions& options,
                  std::unique_ptr<Site>* out, std::vector<std::string>* notes) {
  auto state = std::make_unique<State>();
  state->options = options;
  std::string note;
  VNREFORM_RETURN_IF_ERROR(
      Store::OpenForReading(db, &state->db, &note, /*update_schema=*/false));
  if (!note.empty()) notes->push_back(note);
  QueryResult r;
  VNREFORM_RETURN_IF_ERROR(
      state->db->Query("SELECT name FROM pragma_table_list WHERE schema = 'main'", {},
                       QueryLimits{100000, 10000}, &r));
  for (const auto& row : r.rows) state->tables.push_back(row[0].ToString());
  state->search = state->db.get();
  bool has_index = false;
  for (const std::string& t : state->tables) has_index = has_index || t == "search_meta";
  if (has_index) {
    bool current = false;
    std::string source;
    VNREFORM_RETURN_IF_ERROR(
        SearchIndexCurrent(state->db.get(), state->db.get(), &current, &source));
    VNREFORM_RETURN_IF_ERROR(
        state->db->Query("SELECT 1 FROM search_meta LIMIT 1", {}, QueryLimits(), &r));
    has_index = !r.rows.empty();
    if (has_index && !current)
      notes->push_back(db +
                       ": its search index is older than its articles (vnreform facts"
                       " rebuilds it); searching the older index");
  }
  if (!has_index && options.build_search) {
    VNREFORM_RETURN_IF_ERROR(Store::Open(":memory:", &state->memory));
    SearchBuildStats st;
    VNREFORM_RETURN_IF_ERROR(BuildSearchIndex(state->db.get(), state->memory.get(), &st));
    state->search = state->memory.get();
    char buf[300];
    std::snprintf(
        buf, sizeof buf,
        "%s has no search index (vnreform facts builds it): built one in memory,"
        " %lld articles and %lld records in %.1f s",
        db.c_str(), static_cast<long long>(st.articles),
        static_cast<long long>(st.records), st.seconds);
    notes->push_back(buf);
  }
  // A search's matches go to a temporary table (memory, never the file).
  if (has_index || state->memory) {
    for (const char* sql :
         {"PRAGMA temp_store = MEMORY",
          "CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY,"
          " article_id INTEGER, record_id INTEGER, year TEXT, province TEXT, site TEXT,"
          " indices TEXT)"})
      VNREFORM_RETURN_IF_ERROR(state->search->Query(sql, {}, QueryLimits(), &r));
  }
  out->reset(new Site());
  (*out)->state_ = std::move(state);
  return Status::Ok();
}

Response Site::Handle(const Request& req) {
  std::lock_guard<std::mutex> lock(mu_);
  State& st = *state_;
  Params params(req.params);
  PageContext c;
  c.db = st.db.get();
  c.search = st.search;
  c.limits.max_ms = st.options.query_ms;
  c.limits.max_rows = st.options.max_limit;
  c.max_limit = st.options.max_limit;
  c.params = &params;
  c.tables = st.tables;
  std::vector<std::string> seg;
  const int format = SplitPath(req.path, &seg);
  DataVersion version;
  Status s = ComputeVersion(c, &version);
  if (!s.ok()) return ErrorPage(HttpStatus(s), s.message(), version, format);
  if (req.method != "GET" && req.method != "HEAD") {
    Response r = ErrorPage(405, "only GET and HEAD: this server reads, never writes",
                           version, format);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (seg.size() == 2 && seg[0] == "static" && format == 0) {
    Response r;
    if (seg[1] == "chart.js" || seg[1] == "app.js") {
      r.content_type = "text/javascript; charset=utf-8";
      r.body = seg[1] == "app.js" ? AppJs() : ChartJs();
    } else if (seg[1] == "style.css") {
      r.content_type = "text/css; charset=utf-8";
      r.body = StyleCss();
    } else {
      return ErrorPage(404, "no such file", version, format);
    }
    r.headers.emplace_back("Cache-Control", "max-age=3600");
    return r;
  }
  Page page;
  const std::string table = format == 2 ? params.Text("table", 100) : "";
  if (seg.empty() || (seg.size() == 1 && seg[0] == "home")) {
    s = HomePage(c, &page);
  } else if (seg[0] == "search" && seg.size() == 1) {
    s = SearchPage(c, &page);
  } else if ((seg[0] == "article" || seg[0] == "record") && seg.size() == 2) {
    int64_t id = 0;
    s = PathId(seg[1], &id);
    if (s.ok())
      s = seg[0] == "article" ? ArticlePage(c, id, &page) : RecordPage(c, id, &page);
  } else if (seg.size() <= 2) {
    s = FactsPage(c, seg[0], seg.size() == 2 ? seg[1] : "", &page);
  } else {
    s = Status::NotFound("no such page");
  }
  if (s.ok()) s = params.Check();
  if (!s.ok()) return ErrorPage(HttpStatus(s), s.message(), version, format);
  page.path = "/";
  for (size_t i = 0; i < seg.size(); ++i) page.path += (i ? "/" : "") + UrlEncode(seg[i]);
  if (page.path == "/") page.path = "/home";
  for (const auto& [k, v] : req.params)
    if (k != "table")
      page.query += (page.query.empty() ? "" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  Response r;
  r.headers.emplace_back("X-Vnreform-Data-Version", version.id);
  if (format == 1) {
    r.content_type = kTypes[1];
    r.body = RenderJson(page, version);
  } else if (format == 2) {
    r.content_type = kTypes[2];
    if (!RenderCsv(page, table, version, &r.body))
      return ErrorPage(400, "no table '" + ValidUtf8(table) + "' on this page", version,
                       format);
    std::string name =
        seg.empty() ? "index" : seg[0] + (seg.size() > 1 ? "-" + UrlEncode(seg[1]) : "");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"vnreform-" +
                                                      name + "-" + version.id + ".csv\"");
  } else {
    r.body = RenderHtml(page, version);
  }
  return r;
}

}  // namespace vnreform
