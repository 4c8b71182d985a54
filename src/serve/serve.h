// `vnreform serve`: the Site (site.h) over HTTP, with cpp-httplib (Debian's
// libcpp-httplib-dev; httplib_server.cc is the one file that includes it).
// Binds to 127.0.0.1 unless told otherwise; answers GET and HEAD only.
#ifndef VNREFORM_SERVE_SERVE_H_
#define VNREFORM_SERVE_SERVE_H_

#include <functional>
#include <string>

#include "core/status.h"
#include "serve/site.h"

namespace vnreform {

struct ServeOptions {
  std::string host = "127.0.0.1";  // Default: loopback only
  int port = 8080;                 // Default: 8080; 0 = any free port
  int threads = 4;                 // connections served at once. Default: 4
  bool log = false;                // one line per request on stderr. Default: false
};

// Serves `site` until SIGINT or SIGTERM, then returns Ok. Calls `listening`
// with the URL once the port is bound. Fails when the port cannot be bound.
Status Serve(Site* site, const ServeOptions& options,
             const std::function<void(const std::string& url)>& listening);

}  // namespace vnreform

#endif  // VNREFORM_SERVE_SERVE_H_
