// The crawl loop. One thread drives the Fetcher and is the only SQLite
// writer; worker threads run Process() on fetched pages. Every response is
// stored (body zstd-compressed) before it is processed, and a page is marked
// processed in the transaction that stores its article, so a crash loses
// neither fetches nor articles: the next run processes what it finds
// unprocessed and fetches what is still queued. Tested by tests/fetch_test.cc.
#include "pipeline/fetch_pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/clock.h"
#include "core/parallel.h"
#include "input/input.h"
#include "input/zstd_reader.h"
#include "pipeline/document_writer.h"
#include "pipeline/pipeline.h"
#include "pipeline/progress.h"
#include "store/frontier.h"
#include "store/store.h"

namespace vnreform {
namespace {

double Now() {
  return std::chrono::duration<double>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr double kRobotsMaxAge = 24 * 3600;  // seconds a cached robots.txt is used
constexpr double kMaxCrawlDelay = 60;
constexpr size_t kRefillBelow = 500;  // pending URLs in memory before a refill
constexpr int kRefillBatch = 1000;
constexpr uint64_t kRobotsIdBase = uint64_t{1} << 62;
// The sitemaps protocol caps a sitemap at 50 MB uncompressed; more from a
// .gz is a gzip bomb or not a sitemap.
constexpr size_t kMaxSitemapBytes = 50u << 20;

// Fetched pages waiting for, or back from, Process() on the worker threads.
struct Job {
  int64_t page_id = 0;
  std::unique_ptr<Document> doc;
};

struct Host {
  enum RobotsState { kUnknown, kFetching, kReady };
  std::deque<FrontierEntry> pending;
  int active = 0;
  double next_start = 0;
  double delay = 0;
  RobotsState robots_state = kUnknown;
  Robots robots;
  int robots_failures = 0;
};

bool IsHtml(const std::string& content_type, const std::string& body) {
  if (content_type.find("html") != std::string::npos) return true;
  if (!content_type.empty()) return false;
  const size_t p = body.find_first_not_of(" \t\r\n");
  return p != std::string::npos && body[p] == '<';
}

class Crawler {
 public:
  // Counts the crawl into *r, and the pages' documents into *docs.
  Crawler(const CrawlOptions& o, const Extractor& ex, Store* store, Fetcher* fetcher,
          CrawlReport* r, RunReport* docs)
      : o_(o),
        ex_(ex),
        store_(store),
        frontier_(store),
        fetcher_(fetcher),
        r_(r),
        writer_(store, ex.rules().version, 0, &o.on_issue, docs),
        workers_(ThreadCount(o.threads),
                 [&ex](Job* job) { Process(ex, job->doc.get()); }),
        max_jobs_(static_cast<size_t>(std::max(1, o.threads)) * 8 + 64),
        rng_(std::random_device{}()),
        progress_(o.progress) {}

  Status Seed();
  Status ProcessBacklog();
  Status Loop();
  Status WriteJobs(bool wait_all);

 private:
  Status Refill(double now);
  Status Dispatch(double now);
  Status StartRobots(const std::string& name, Host* h, double now);
  Status OnRobots(const std::string& name, const FetchResponse& resp, double now);
  Status OnPage(FetchResponse resp, double now);
  // Stores a 2xx response, then discovers (sitemap, feed) or queues the
  // page for processing.
  Status Store200(const FrontierEntry& e, FetchResponse* resp, PageFetch* f);
  // Enqueues the pages and sitemaps a sitemap or feed lists.
  Status Discover(const FrontierEntry& e, const FetchResponse& resp);
  // Hands a fetched page to the workers, unless stored already with the
  // same content and rules.
  Status QueuePage(const FrontierEntry& e, FetchResponse* resp, bool html);
  Status Fail(const FrontierEntry& e, PageFetch f, const std::string& why);
  Status Enqueue(const std::string& raw, const std::string& kind,
                 const std::string& source, bool requeue, bool* added);
  // Counts an issue, stores it with the run and shows it; the store's error
  // if that write failed.
  Status Report(const std::string& url, Issue::Severity sev, const std::string& msg);
  void ShowProgress(bool final);
  double Backoff(int attempt) {
    const double base = std::min(o_.max_wait, o_.backoff * std::pow(2.0, attempt - 1));
    return base * std::uniform_real_distribution<double>(0.5, 1.5)(rng_);
  }

  const CrawlOptions& o_;
  const Extractor& ex_;
  Store* store_;
  Frontier frontier_;  // on store_'s connection
  Fetcher* fetcher_;
  CrawlReport* r_;
  DocumentWriter writer_;  // commits in WriteJobs
  WorkerPool<Job> workers_;
  size_t max_jobs_;
  std::mt19937_64 rng_;
  std::map<std::string, Host> hosts_;
  std::unordered_set<int64_t> known_;  // pending in hosts_ or in flight
  std::unordered_map<int64_t, FrontierEntry> in_flight_;
  std::unordered_map<uint64_t, std::string> robots_requests_;  // id -> host
  uint64_t next_robots_id_ = kRobotsIdBase;
  size_t pending_ = 0;
  int64_t cursor_ = 0;
  double next_refill_ = 0;
  Progress progress_;
};

Status Crawler::Report(const std::string& url, Issue::Severity sev,
                       const std::string& msg) {
  vnreform::Issue i{sev, "fetch", msg};
  (sev == Issue::kError ? r_->errors : r_->warnings)++;
  if (o_.on_issue) o_.on_issue(url, i);
  return store_->PutIssue(r_->run_id, url, i);
}

Status Crawler::Enqueue(const std::string& raw, const std::string& kind,
                        const std::string& source, bool requeue, bool* added) {
  std::string url;
  *added = false;
  Status s = CanonicalUrl(raw, &url);
  if (!s.ok())
    return Report(raw, Issue::kWarning,
                  (source.empty() ? "" : source + ": ") + s.message());
  return frontier_.EnqueuePage(url, UrlHost(url), kind, source, requeue, added);
}

Status Crawler::Seed() {
  VNREFORM_RETURN_IF_ERROR(store_->Begin());
  bool added;
  Status s;
  for (const std::string& u : o_.urls)
    if (s.ok()) s = Enqueue(u, "page", "", o_.refetch, &added);
  for (const std::string& u : o_.sitemaps)
    if (s.ok()) s = Enqueue(u, "sitemap", "", true, &added);  // always re-read
  for (const std::string& u : o_.feeds)
    if (s.ok()) s = Enqueue(u, "feed", "", true, &added);
  if (!s.ok()) return s.Then(store_->Rollback());
  return store_->Commit();
}

// Pages a killed run stored but did not process: no network needed.
Status Crawler::ProcessBacklog() {
  int64_t last = -1;
  while (true) {
    std::vector<StoredPage> pages;
    VNREFORM_RETURN_IF_ERROR(frontier_.UnprocessedPages(64, &pages));
    if (pages.empty() || pages.back().id == last) return Status::Ok();
    last = pages.back().id;
    for (StoredPage& p : pages) {
      auto doc = std::make_unique<Document>();
      Status s = ZstdDecompress(p.body_zstd, &doc->body);
      if (!s.ok())
        doc->Fail("fetch", Status(s.code(), p.url + ": stored body: " + s.message()));
      doc->key = doc->source = p.url;
      doc->url = p.final_url.empty() ? p.url : p.final_url;
      doc->charset = p.charset;
      doc->input_date = p.fetched_at;
      doc->is_html = IsHtml(p.content_type, doc->body);
      doc->content_hash = ContentHash(doc->body);
      workers_.Push({p.id, std::move(doc)});
    }
    VNREFORM_RETURN_IF_ERROR(WriteJobs(true));
  }
}

Status Crawler::WriteJobs(bool wait_all) {
  while (true) {
    std::vector<Job> jobs;
    workers_.Take(&jobs, wait_all && workers_.outstanding() > 0);
    if (jobs.empty()) return Status::Ok();
    Status s;
    for (Job& j : jobs) {  // a page is processed in the transaction of its article
      if (s.ok()) s = writer_.Put(*j.doc);
      if (s.ok()) s = frontier_.MarkProcessed(j.page_id);
    }
    if (s.ok()) s = writer_.Commit();
    if (!s.ok()) return s.Then(writer_.Rollback());
    if (!wait_all) return Status::Ok();
  }
}

Status Crawler::Refill(double now) {
  if (pending_ >= kRefillBelow || now < next_refill_) return Status::Ok();
  std::vector<FrontierEntry> batch;
  VNREFORM_RETURN_IF_ERROR(frontier_.TakeDuePages(now, cursor_, kRefillBatch, &batch));
  if (static_cast<int>(batch.size()) < kRefillBatch) {
    cursor_ = 0;
    next_refill_ = now + 0.2;  // nothing more is due yet: do not ask every turn
  } else {
    cursor_ = batch.back().id;
  }
  for (FrontierEntry& e : batch) {
    if (!known_.insert(e.id).second) continue;
    Host& h = hosts_[e.host];
    h.pending.push_back(std::move(e));
    ++pending_;
  }
  return Status::Ok();
}

Status Crawler::StartRobots(const std::string& name, Host* h, double now) {
  bool found = false;
  int status = 0;
  std::string body;
  double at = 0;
  VNREFORM_RETURN_IF_ERROR(frontier_.GetRobots(name, &found, &status, &body, &at));
  if (found && now - at < kRobotsMaxAge) {
    h->robots =
        status >= 200 && status < 300 ? Robots::Parse(body, o_.robots_agent) : Robots();
    h->delay = std::max(o_.host_delay, std::min(kMaxCrawlDelay, h->robots.crawl_delay()));
    h->robots_state = Host::kReady;
    return Status::Ok();
  }
  const uint64_t id = next_robots_id_++;
  robots_requests_[id] = name;
  FetchRequest req;
  req.id = id;
  req.url = UrlOrigin(h->pending.front().url) + "/robots.txt";
  fetcher_->Add(std::move(req));
  h->robots_state = Host::kFetching;
  ++h->active;
  return Status::Ok();
}

Status Crawler::OnRobots(const std::string& name, const FetchResponse& resp, double now) {
  Host& h = hosts_[name];
  --h.active;
  const long code = resp.http_status;
  const bool unreachable = (!resp.error.ok() && resp.transient) ||
                           (resp.error.ok() && (code >= 500 || code == 429));
  if (unreachable) {
    // RFC 9309: an unreachable robots.txt means "disallow all"; try again
    // later, and give up on the host's pages after the retries.
    if (++h.robots_failures <= o_.max_retries) {
      h.robots_state = Host::kUnknown;
      h.next_start =
          now + (resp.retry_after >= 0 ? std::min(resp.retry_after, o_.max_wait)
                                       : Backoff(h.robots_failures));
      return Status::Ok();
    }
    h.robots = Robots::DisallowAll();
    h.robots_state = Host::kReady;
    return Report(resp.url, Issue::kWarning,
                  resp.url + ": unreachable; not crawling " + name);
  }
  // Redirect loops and other hard errors count as "no robots.txt".
  const int status = resp.error.ok() ? static_cast<int>(code) : 404;
  h.robots = status >= 200 && status < 300 ? Robots::Parse(resp.body, o_.robots_agent)
                                           : Robots();
  h.delay = std::max(o_.host_delay, std::min(kMaxCrawlDelay, h.robots.crawl_delay()));
  h.robots_state = Host::kReady;
  return frontier_.PutRobots(name, status, status < 300 ? resp.body : "", now);
}

Status Crawler::Dispatch(double now) {
  for (auto& [name, h] : hosts_) {
    while (!h.pending.empty() &&
           fetcher_->active() < static_cast<size_t>(o_.fetch.max_transfers) &&
           workers_.outstanding() < max_jobs_) {
      if (o_.obey_robots && h.robots_state != Host::kReady) {
        if (h.robots_state == Host::kUnknown && now >= h.next_start)
          VNREFORM_RETURN_IF_ERROR(StartRobots(name, &h, now));
        if (h.robots_state != Host::kReady) break;
      }
      if (h.active >= o_.fetch.max_host_connections || now < h.next_start) break;
      FrontierEntry e = std::move(h.pending.front());
      h.pending.pop_front();
      --pending_;
      if (o_.obey_robots && !h.robots.Allowed(UrlPathQuery(e.url))) {
        ++r_->disallowed;
        PageFetch f;
        f.attempts = e.attempts;
        VNREFORM_RETURN_IF_ERROR(Fail(e, f, e.url + ": disallowed by robots.txt"));
        continue;
      }
      FetchRequest req{static_cast<uint64_t>(e.id), e.url, e.etag, e.last_modified};
      fetcher_->Add(std::move(req));
      ++h.active;
      h.next_start = now + std::max(h.delay, o_.host_delay);
      in_flight_.emplace(e.id, std::move(e));
    }
  }
  return Status::Ok();
}

Status Crawler::Fail(const FrontierEntry& e, PageFetch f, const std::string& why) {
  known_.erase(e.id);
  f.state = "failed";
  f.error = why;
  f.processed = true;
  ++r_->failed;
  VNREFORM_RETURN_IF_ERROR(Report(e.url, Issue::kError, why));
  return frontier_.RecordFetch(e.id, f);
}

Status Crawler::OnPage(FetchResponse resp, double now) {
  auto it = in_flight_.find(static_cast<int64_t>(resp.id));
  if (it == in_flight_.end()) return Status::Ok();
  const FrontierEntry e = std::move(it->second);
  in_flight_.erase(it);
  Host& h = hosts_[e.host];
  --h.active;
  PageFetch f;
  f.attempts = e.attempts + 1;
  f.http_status = static_cast<int>(resp.http_status);
  f.final_url = resp.final_url;
  f.headers = resp.headers;
  const long code = resp.http_status;
  std::string why;
  bool retry = false;
  double wait = -1;
  if (!resp.error.ok()) {
    why = resp.error.message();
    retry = resp.transient;
    f.http_status = 0;
  } else if (code == 429 || code == 503) {
    why = e.url + ": HTTP " + std::to_string(code);
    retry = true;
    if (resp.retry_after >= 0) {
      wait = std::min(resp.retry_after, o_.max_wait);
      h.next_start = std::max(h.next_start, now + wait);  // the whole host waits
    }
  } else if (code >= 500 || code == 408) {
    why = e.url + ": HTTP " + std::to_string(code);
    retry = true;
  } else if (code == 304) {
    known_.erase(e.id);
    ++r_->not_modified;
    f.state = "done";
    f.keep_body = true;
    return frontier_.RecordFetch(e.id, f);
  } else if (code >= 200 && code < 300) {
    known_.erase(e.id);
    return Store200(e, &resp, &f);
  } else {
    return Fail(e, f, e.url + ": HTTP " + std::to_string(code));
  }
  if (!retry || f.attempts > o_.max_retries) {
    if (retry) why += " (after " + std::to_string(f.attempts) + " attempts)";
    return Fail(e, f, why);
  }
  known_.erase(e.id);
  ++r_->retries;
  f.state = "queued";
  f.error = why;
  f.next_attempt_at = now + (wait >= 0 ? wait : Backoff(f.attempts));
  next_refill_ = std::min(next_refill_, f.next_attempt_at);
  return frontier_.RecordFetch(e.id, f);
}

Status Crawler::Store200(const FrontierEntry& e, FetchResponse* resp, PageFetch* f) {
  ++r_->fetched;
  r_->bytes += static_cast<int64_t>(resp->body.size());
  f->state = "done";
  f->content_type = resp->content_type;
  f->charset = resp->charset;
  f->etag = resp->etag;
  f->last_modified = resp->last_modified;
  VNREFORM_RETURN_IF_ERROR(ZstdCompress(resp->body, &f->body_zstd));
  const bool html = IsHtml(resp->content_type, resp->body);
  const bool text = resp->content_type.rfind("text/plain", 0) == 0;
  f->processed = e.kind != "page" || (!html && !text);
  VNREFORM_RETURN_IF_ERROR(store_->Begin());
  // Discovery: the children and the response commit together.
  Status s = e.kind != "page" ? Discover(e, *resp) : Status::Ok();
  if (s.ok()) s = frontier_.RecordFetch(e.id, *f);
  if (!s.ok()) return s.Then(store_->Rollback());
  VNREFORM_RETURN_IF_ERROR(store_->Commit());
  if (f->processed) return Status::Ok();
  return QueuePage(e, resp, html);
}

Status Crawler::Discover(const FrontierEntry& e, const FetchResponse& resp) {
  std::vector<std::string> pages, sitemaps;
  // A .xml.gz file served as application/(x-)gzip: curl decodes only a
  // Content-Encoding, so the magic bytes tell. The stored body stays
  // compressed, as fetched.
  std::string gunzipped;
  const std::string* xml = &resp.body;
  Status gz;
  if (LooksGzipped(resp.body)) {
    gz = GunzipBuffer(resp.body, kMaxSitemapBytes, &gunzipped);
    xml = &gunzipped;
    if (!gz.ok())
      VNREFORM_RETURN_IF_ERROR(Report(e.url, Issue::kError, e.url + ": " + gz.message()));
  }
  if (gz.ok() && e.kind == "sitemap")
    ParseSitemap(*xml, &pages, &sitemaps);
  else if (gz.ok())
    ParseFeed(*xml, &pages);
  bool added;
  Status s;
  for (const std::string& u : sitemaps)
    if (s.ok() && (s = Enqueue(u, "sitemap", e.url, false, &added)).ok())
      r_->discovered += added;
  for (const std::string& u : pages)
    if (s.ok() && (s = Enqueue(u, "page", e.url, o_.refetch, &added)).ok())
      r_->discovered += added;
  return s;
}

Status Crawler::QueuePage(const FrontierEntry& e, FetchResponse* resp, bool html) {
  auto doc = std::make_unique<Document>();
  doc->key = doc->source = e.url;
  doc->url = resp->final_url;
  doc->charset = resp->charset;
  doc->input_date = NowUtc();
  doc->is_html = html;
  doc->body = std::move(resp->body);
  doc->content_hash = ContentHash(doc->body);
  bool current = false;
  VNREFORM_RETURN_IF_ERROR(
      store_->IsCurrent(doc->key, doc->content_hash, ex_.rules().version, &current));
  if (current) {
    writer_.Unchanged();
    return frontier_.MarkProcessed(e.id);
  }
  workers_.Push({e.id, std::move(doc)});
  return Status::Ok();
}

void Crawler::ShowProgress(bool final) {
  progress_.Update(
      static_cast<double>(r_->fetched),
      [&](double s) {
        return StringPrintf(
            "%lld fetched, %lld failed, %lld retrying, %zu in flight, %zu pending,"
            " %.1f pages/s, %.1f MB",
            static_cast<long long>(r_->fetched), static_cast<long long>(r_->failed),
            static_cast<long long>(r_->retries), fetcher_->active(), pending_,
            s > 0 ? r_->fetched / s : 0.0, r_->bytes / 1e6);
      },
      final);
}

Status Crawler::Loop() {
  while (!(o_.stop && o_.stop->load())) {
    double now = Now();
    VNREFORM_RETURN_IF_ERROR(Refill(now));
    VNREFORM_RETURN_IF_ERROR(Dispatch(now));
    if (fetcher_->active() == 0 && pending_ == 0 && workers_.outstanding() == 0) {
      double earliest = 0;
      int64_t queued = 0;
      VNREFORM_RETURN_IF_ERROR(frontier_.QueuedPages(&earliest, &queued));
      if (queued == 0) break;
      // Only retries that are not due yet are left: sleep towards them.
      const double nap = std::clamp(earliest - now, 0.0, 0.2);
      std::this_thread::sleep_for(std::chrono::duration<double>(nap));
      cursor_ = 0;
      next_refill_ = 0;
      continue;
    }
    std::vector<FetchResponse> responses;
    if (fetcher_->active() > 0) {
      VNREFORM_RETURN_IF_ERROR(fetcher_->Poll(pending_ > 0 ? 10 : 50, &responses));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    now = Now();
    for (FetchResponse& resp : responses) {
      auto robots = robots_requests_.find(resp.id);
      if (robots != robots_requests_.end()) {
        const std::string host = robots->second;
        robots_requests_.erase(robots);
        VNREFORM_RETURN_IF_ERROR(OnRobots(host, resp, now));
      } else {
        VNREFORM_RETURN_IF_ERROR(OnPage(std::move(resp), now));
      }
    }
    VNREFORM_RETURN_IF_ERROR(WriteJobs(false));
    ShowProgress(false);
  }
  r_->stopped = o_.stop && o_.stop->load();
  Status s = WriteJobs(true);
  ShowProgress(true);
  return s;
}

}  // namespace

Status Crawl(const CrawlOptions& o, const Extractor& extractor, CrawlReport* report) {
  *report = CrawlReport();
  std::unique_ptr<Fetcher> own;
  Fetcher* fetcher = o.fetcher;
  if (!fetcher) {
    VNREFORM_RETURN_IF_ERROR(NewCurlFetcher(o.fetch, &own));
    fetcher = own.get();
  }
  std::unique_ptr<Store> store;
  VNREFORM_RETURN_IF_ERROR(
      StartRun(o.db_path, o.command_line, extractor, &store, &report->run_id));
  const double start = Now();
  RunReport docs;  // the pages' documents
  docs.run_id = report->run_id;
  Status s;
  {
    Crawler crawler(o, extractor, store.get(), fetcher, report, &docs);
    s = crawler.Seed();
    if (s.ok()) s = crawler.ProcessBacklog();
    if (s.ok()) s = crawler.Loop();
    if (!s.ok()) s = s.Then(crawler.WriteJobs(true));  // keep what was processed
  }
  report->seconds = Now() - start;
  double earliest;
  s = s.Then(Frontier(store.get()).QueuedPages(&earliest, &report->queued));
  report->articles = docs.summary.articles;
  report->unchanged = docs.summary.unchanged;
  report->process_failed = docs.summary.failed;
  report->listings = docs.summary.listings;
  report->records = docs.summary.records;
  report->errors += docs.errors;
  report->warnings += docs.summary.warnings;
  RunSummary sum = docs.summary;
  sum.failed += report->failed;
  sum.warnings = report->warnings;
  sum.seconds = report->seconds;
  Status fin = store->FinishRun(report->run_id, sum);
  return s.Then(fin);
}

}  // namespace vnreform
