// The fetch stage: HTTP transfers (many at once), URL canonicalisation,
// robots.txt rules and discovery (URL lists, sitemaps, RSS/Atom feeds).
// libcurl is included only by curl_fetch.cc; no curl type appears here.
// The crawl loop that schedules hosts and keeps the frontier in the database
// is src/pipeline/fetch_pipeline.cc. Tested by tests/fetch_test.cc.
#ifndef VNREFORM_FETCH_FETCH_H_
#define VNREFORM_FETCH_FETCH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace vnreform {

// ---- URLs (url.cc) ----

// The canonical form of an absolute http(s) URL, so that a page is fetched
// once (parsed by libcurl's URL API, which refuses malformed hosts and
// ports): lower-case scheme and host, no default port, no fragment, "/" for an
// empty path, dot segments resolved, %xx upper-cased (unreserved ones
// decoded), and tracking parameters (utm_*, fbclid, gclid, ...) dropped.
// Fails (kInvalidArgument) on anything else.
Status CanonicalUrl(const std::string& url, std::string* out);
// "host" or "host:port" of a canonical URL: the unit of politeness.
std::string UrlHost(const std::string& canonical);
// "scheme://host[:port]" of a canonical URL.
std::string UrlOrigin(const std::string& canonical);
// Path and query of a canonical URL ("/a/b?x=1"), as robots.txt matches it.
std::string UrlPathQuery(const std::string& canonical);

// ---- robots.txt (robots.cc) ----

class Robots {
 public:
  // Allows everything (no robots.txt, or a 4xx for it).
  Robots() = default;
  // The group for `agent` (case-insensitive product token), else "*".
  static Robots Parse(const std::string& body, const std::string& agent);
  static Robots DisallowAll();
  // Longest match wins; Allow wins a tie. `*` and a final `$` are honoured.
  bool Allowed(const std::string& path_query) const;
  double crawl_delay() const { return crawl_delay_; }  // seconds, 0 = none

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  double crawl_delay_ = 0;
};

// ---- Discovery (discover.cc): tolerant tag scanners, no XML library ----

// <urlset><url><loc> go to *pages, <sitemapindex><sitemap><loc> to
// *sitemaps. Entities and CDATA are decoded. Never fails; junk yields none.
void ParseSitemap(const std::string& xml, std::vector<std::string>* pages,
                  std::vector<std::string>* sitemaps);
// RSS <item><link>, and Atom <entry><link href> (rel="alternate" or none).
void ParseFeed(const std::string& xml, std::vector<std::string>* links);
// One URL a line; blank lines and lines starting with '#' are skipped.
std::vector<std::string> ParseUrlList(const std::string& text);
// Whether `bytes` start like gzip data (a .xml.gz sitemap served as is).
bool LooksGzipped(const std::string& bytes);

// ---- gzip files (gzip.cc; zlib) ----

// Decompresses gzip data `in` (one or more concatenated members) into *out.
// Fails with kInvalidArgument, leaving *out empty, once the output would
// exceed `max_out` bytes (gzip bombs), and with kParse on data that is not
// gzip, corrupt or truncated.
Status GunzipBuffer(std::string_view in, size_t max_out, std::string* out);
// Compresses `in` as one gzip member (for tests and tools).
Status GzipBuffer(std::string_view in, std::string* out);

// ---- HTTP transfers ----

struct FetchOptions {
  int max_transfers = 50;           // at once, all hosts. Default: 50.
  int max_host_connections = 2;     // per host. Default: 2.
  long connect_timeout_ms = 10000;  // Default: 10 s.
  long timeout_ms = 60000;          // whole transfer. Default: 60 s.
  // Abort when slower than low_speed_bytes/s for low_speed_seconds.
  long low_speed_bytes = 100;         // Default: 100.
  long low_speed_seconds = 20;        // Default: 20.
  long max_redirects = 5;             // Default: 5.
  size_t max_body_bytes = 16u << 20;  // decoded. Default: 16 MiB.
  std::string user_agent;             // Default: "vnreform/VERSION (+contact)"
};

struct FetchRequest {
  uint64_t id = 0;  // the caller's; returned in the response
  std::string url;
  std::string etag, last_modified;  // for a conditional request
};

struct FetchResponse {
  uint64_t id = 0;
  std::string url;  // as requested
  // Non-OK when no HTTP response was completed: timeouts, refused
  // connections, too many redirects, a body over the limit.
  Status error;
  bool transient = false;  // the error may go away on retry (timeouts...)
  long http_status = 0;
  std::string final_url;  // after redirects
  std::string headers;    // the final response's header lines, raw
  std::string content_type, charset, etag, last_modified;
  double retry_after = -1;  // seconds from a Retry-After header, -1 = none
  std::string body;         // decoded (gzip, deflate, br)
};

// Runs transfers concurrently. Not thread-safe: one thread drives it.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Starts `request` (non-blocking).
  virtual void Add(FetchRequest request) = 0;
  // Moves transfers on for at most `wait_ms` and appends the finished ones
  // to *out. Returns non-OK only if the fetcher itself broke.
  virtual Status Poll(int wait_ms, std::vector<FetchResponse>* out) = 0;
  virtual size_t active() const = 0;
};

// Process-wide set-up of the HTTP library (curl_global_init): call once,
// from main(), before any thread starts. NewCurlFetcher works without it
// (libcurl then initialises lazily, which is not thread-safe).
Status FetchGlobalInit();

Status NewCurlFetcher(const FetchOptions& options, std::unique_ptr<Fetcher>* out);

// The charset parameter of a Content-Type value, lower-cased; "" if none.
std::string CharsetOf(const std::string& content_type);
// Seconds from a Retry-After value (delta-seconds or an HTTP date, relative
// to `now_unix`); -1 when it is neither.
double ParseRetryAfter(const std::string& value, double now_unix);

}  // namespace vnreform

#endif  // VNREFORM_FETCH_FETCH_H_
