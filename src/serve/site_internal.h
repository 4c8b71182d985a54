// Internal to src/serve: what the page builders (site_pages.cc,
// facts_pages.cc) share with the router (site.cc).
#ifndef VNREFORM_SERVE_SITE_INTERNAL_H_
#define VNREFORM_SERVE_SITE_INTERNAL_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "serve/page.h"
#include "serve/site.h"
#include "store/query.h"
#include "store/store.h"

namespace vnreform {

// The query parameters of a request, checked as the page reads them: the
// first failure is kept in `status` (a 400), so a page reads all it needs
// and then checks status once.
class Params {
 public:
  explicit Params(const std::vector<std::pair<std::string, std::string>>& p);
  // The value of `name` ("" when absent); at most `max_bytes`.
  std::string Text(const std::string& name, size_t max_bytes = 200);
  // An integer in [min, max] (larger values are clamped to max), `def` when absent.
  int64_t Int(const std::string& name, int64_t def, int64_t min, int64_t max);
  bool Has(const std::string& name) const;
  // Fails on a parameter none of the page's reads asked for.
  Status Check() const;
  Status status;

 private:
  std::multimap<std::string, std::string> p_;
  std::vector<std::string> asked_;
};

// What a page builder needs: the database, the search index (the database
// itself or an in-memory one), the limits, the request's parameters.
struct PageContext {
  Store* db = nullptr;
  Store* search = nullptr;
  QueryLimits limits;  // query time; max_rows set per query
  int64_t max_limit = 500;
  Params* params = nullptr;
  std::vector<std::string> tables;  // of the database (and the search index)
  bool Has(const std::string& table) const;
  // Runs a bounded query; rows at most `max_rows` (default: limits.max_rows).
  Status Query(Store* store, const std::string& sql, const std::vector<Value>& args,
               QueryResult* out, int64_t max_rows = -1) const;
  Status Query(const std::string& sql, const std::vector<Value>& args, QueryResult* out,
               int64_t max_rows = -1) const {
    return Query(db, sql, args, out, max_rows);
  }
};

// The byte offset of code point `chars` in UTF-8 `s` (records count code points).
size_t ByteOffset(std::string_view s, int64_t chars);

// A sentence with the record's words marked: `start`, `end` in code points
// from the sentence's start.
Cell SentenceCell(const std::string& sentence, int64_t start, int64_t end);

// The id of a path segment ("12"): NotFound when it is no positive integer.
Status PathId(const std::string& segment, int64_t* id);

// A table of the query's rows as they are; columns named in `links` link
// each cell to prefix + the value of the paired column.
struct ColumnLink {
  std::string column, prefix, id_column;
};
Table TableOf(const std::string& name, const std::string& title, const QueryResult& r,
              const std::vector<ColumnLink>& links = {},
              const std::vector<std::string>& hide = {});

// Pages over the tables every database has (site_pages.cc).
Status HomePage(const PageContext& c, Page* p);
Status SearchPage(const PageContext& c, Page* p);
Status ArticlePage(const PageContext& c, int64_t id, Page* p);
Status RecordPage(const PageContext& c, int64_t id, Page* p);

// Pages over the facts tables (facts_pages.cc): NotFound when absent.
Status FactsPage(const PageContext& c, const std::string& kind, const std::string& id,
                 Page* p);

}  // namespace vnreform

#endif  // VNREFORM_SERVE_SITE_INTERNAL_H_
