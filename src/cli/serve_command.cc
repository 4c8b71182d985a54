// vnreform serve: opens the database read-only (site.h) and serves it
// (serve.h) until Ctrl-C. Tested by tests/serve_http_test.sh.
#include <cstdio>

#include "cli/commands.h"

namespace vnreform {

int CmdServe(const ServeFlags& f) {
  std::unique_ptr<Site> site;
  std::vector<std::string> notes;
  if (f.site.build_search)
    std::fprintf(stderr, "vnreform serve: opening %s\n", f.db.c_str());
  Status s = Site::Open(f.db, f.site, &site, &notes);
  for (const std::string& n : notes) std::fprintf(stderr, "note: %s\n", n.c_str());
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform serve: %s\n", s.ToString().c_str());
    return 2;
  }
  s = Serve(site.get(), f.serve, [](const std::string& url) {
    std::printf("vnreform serve: listening on %s (Ctrl-C stops)\n", url.c_str());
    std::fflush(stdout);
  });
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform serve: %s\n", s.ToString().c_str());
    return 2;
  }
  return 0;
}

}  // namespace vnreform
