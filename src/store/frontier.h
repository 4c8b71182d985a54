// The crawl frontier and fetched pages (schemas/003_fetch.sql): the
// crawler's queue lives in table `pages` of the store's database, so a
// killed fetch resumes, and robots.txt files are cached in table `robots`.
// Tested by tests/fetch_test.cc.
#ifndef VNREFORM_STORE_FRONTIER_H_
#define VNREFORM_STORE_FRONTIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace vnreform {

struct FrontierEntry {
  int64_t id = 0;
  std::string url, host, kind;  // kind: "page", "sitemap" or "feed"
  std::string etag, last_modified;
  int attempts = 0;
};

// What RecordFetch writes. state "done" with keep_body (a 304) updates the
// fetch time only and keeps the stored body and validators.
struct PageFetch {
  std::string state;  // "queued" (a retry), "done" or "failed"
  int http_status = 0;
  std::string final_url, headers, body_zstd, content_type, charset, etag, last_modified;
  std::string error;
  int attempts = 0;
  double next_attempt_at = 0;  // Unix seconds, for a retry
  bool processed = false;      // nothing for the pipeline to do
  bool keep_body = false;
};

struct StoredPage {
  int64_t id = 0;
  std::string url, final_url, content_type, charset, body_zstd, fetched_at;
  int http_status = 0;
};

struct FetchStats {
  int64_t pages = 0;         // kind 'page', fetched
  int64_t pages_failed = 0;  // kind 'page', given up
  int64_t queued = 0;        // any kind, still to fetch
  int64_t hosts = 0;
};

// The frontier of `store`'s database, on its connection: its writes join
// the store's open transaction (Store::Begin/Commit), so a page can be
// marked processed together with its article. Not thread-safe, as Store.
class Frontier {
 public:
  // REQUIRES: `store` outlives the Frontier.
  explicit Frontier(Store* store) : store_(store) {}

  // Adds `url` (canonical) to the frontier unless present; *added says
  // whether it was new. With `requeue`, a done or failed page is queued
  // again (a refetch; its etag/last_modified make the request conditional).
  Status EnqueuePage(const std::string& url, const std::string& host,
                     const std::string& kind, const std::string& source, bool requeue,
                     bool* added);
  // Up to `limit` queued pages due at `now` (Unix seconds) with id > after_id,
  // by id.
  Status TakeDuePages(double now, int64_t after_id, int limit,
                      std::vector<FrontierEntry>* out);
  // The earliest next_attempt_at of the queued pages and how many there are.
  Status QueuedPages(double* earliest, int64_t* count);
  // Stores the outcome of fetching page `id` (see PageFetch).
  Status RecordFetch(int64_t id, const PageFetch& fetch);
  // Fetched pages (kind 'page') not yet through the pipeline, up to `limit`.
  Status UnprocessedPages(int limit, std::vector<StoredPage>* out);
  // A stored page by canonical URL; kNotFound if absent or not fetched.
  Status GetPage(const std::string& url, StoredPage* out);
  Status MarkProcessed(int64_t id);
  // The cached robots.txt of `host`; *found is false when none is cached.
  Status GetRobots(const std::string& host, bool* found, int* status, std::string* body,
                   double* fetched_at);
  Status PutRobots(const std::string& host, int status, const std::string& body,
                   double fetched_at);
  Status GetStats(FetchStats* out);

 private:
  Store* store_;
};

}  // namespace vnreform

#endif  // VNREFORM_STORE_FRONTIER_H_
