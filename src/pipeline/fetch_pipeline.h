// The crawl: a polite, resumable loop that takes due URLs from the frontier
// in the database (table pages), fetches them through a Fetcher with
// per-host limits, delays and robots.txt, retries what may succeed later,
// stores every response before processing it, and sends each HTML page
// through Process() into the articles. Tested by tests/fetch_test.cc.
#ifndef VNREFORM_PIPELINE_FETCH_PIPELINE_H_
#define VNREFORM_PIPELINE_FETCH_PIPELINE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "extract/extract.h"
#include "fetch/fetch.h"

namespace vnreform {

struct CrawlOptions {
  std::string db_path;
  std::string command_line;  // recorded in the run log
  // Seeds, added to the frontier unless already there (any URL form: they
  // are canonicalised). With none, the crawl resumes the stored frontier.
  std::vector<std::string> urls, sitemaps, feeds;
  bool refetch = false;     // queue seeds again even when fetched (conditionally)
  FetchOptions fetch;       // transfers; fetch.max_host_connections is per host
  double host_delay = 1.0;  // seconds between requests to one host. Default: 1.
  int max_retries = 3;      // for timeouts, 5xx, 429. Default: 3.
  double backoff = 1.0;     // first retry after ~this many seconds, doubling,
                            // with +-50% jitter. Default: 1.
  double max_wait = 3600;   // cap on a backoff or a Retry-After. Default: 1 h.
  bool obey_robots = true;
  std::string robots_agent = "vnreform";  // our robots.txt product token
  int threads = 0;                        // processing threads. Default: 0 = all cores.
  bool progress = false;                  // a progress line on stderr
  // Set (e.g. by a SIGINT handler) to stop: transfers in flight stay queued.
  const std::atomic<bool>* stop = nullptr;
  // Each failed page and each warning, as it happens.
  std::function<void(const std::string& url, const Issue&)> on_issue;
  // For tests: the fetcher to use (not owned). Default: NewCurlFetcher(fetch).
  Fetcher* fetcher = nullptr;
};

struct CrawlReport {
  int64_t fetched = 0;       // responses stored (2xx)
  int64_t not_modified = 0;  // 304 to a conditional request
  int64_t failed = 0;        // given up: 4xx, retries used up, robots
  int64_t disallowed = 0;    // of which robots.txt forbade
  int64_t retries = 0;       // retries scheduled
  int64_t discovered = 0;    // new URLs from sitemaps and feeds
  int64_t articles = 0, unchanged = 0, process_failed = 0, records = 0;
  int64_t listings = 0;  // listing and home pages: counted, not stored
  int64_t errors = 0, warnings = 0;
  int64_t bytes = 0;   // bodies received, decoded
  int64_t queued = 0;  // left in the frontier at the end
  int64_t run_id = 0;
  double seconds = 0;
  bool stopped = false;  // by options.stop
};

// Runs the crawl until the frontier is empty (or options.stop is set).
// Pages that fail are recorded and skipped; a non-OK status means the crawl
// could not go on (database unwritable, bad options).
Status Crawl(const CrawlOptions& options, const Extractor& extractor,
             CrawlReport* report);

}  // namespace vnreform

#endif  // VNREFORM_PIPELINE_FETCH_PIPELINE_H_
