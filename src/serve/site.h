// vnreform serve without the HTTP server: a request (method, path, query
// parameters) in, a response (status, type, body) out, so that every page
// is tested without a socket. Opens the database read-only and never
// writes it; every query is bounded in time and rows. Pages: home, search,
// article, record and, where the facts tables exist, indices, units,
// people, documents and facts; each also as .json and .csv.
// Thread-safe: requests are answered one at a time (one connection).
// Tested by tests/serve_test.cc.
#ifndef VNREFORM_SERVE_SITE_H_
#define VNREFORM_SERVE_SITE_H_

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace vnreform {

struct Request {
  std::string method = "GET";
  std::string path;
  std::vector<std::pair<std::string, std::string>> params;  // decoded, in order
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct SiteOptions {
  int64_t max_limit = 500;  // rows a page shows at most (?limit is clamped). Default: 500
  long query_ms = 2000;     // each query's time limit. Default: 2 s
  // Build the search index in memory when the database has none. Default: true.
  bool build_search = true;
};

class Site {
 public:
  // Opens `db` read-only (immutable when its directory cannot be written);
  // notes say what was done (the immutable read, the search index built in
  // memory and how long it took).
  static Status Open(const std::string& db, const SiteOptions& options,
                     std::unique_ptr<Site>* out, std::vector<std::string>* notes);
  ~Site();

  Response Handle(const Request& request);

 private:
  Site() = default;
  struct State;
  std::unique_ptr<State> state_;
  std::mutex mu_;
};

}  // namespace vnreform

#endif  // VNREFORM_SERVE_SITE_H_
