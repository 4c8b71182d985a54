// `vnreform fetch`: parsed flags -> CrawlOptions, a SIGINT handler that
// stops the crawl cleanly, and the summary. The flags are declared in
// main.cc; the crawl itself is src/pipeline/fetch_pipeline.cc.
// Tested by tests/fetch_test.cc and tests/cli_test.sh.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "fetch/fetch.h"
#include "pipeline/fetch_pipeline.h"
#include "pipeline/pipeline.h"

namespace vnreform {
namespace {

constexpr int kOk = 0, kInputsFailed = 1, kUsage = 2;

std::atomic<bool> g_stop{false};

void OnSigint(int) { g_stop = true; }

// The URLs of the --urls files, appended to *urls.
bool ReadUrlFiles(const std::vector<std::string>& files, std::vector<std::string>* urls) {
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "vnreform fetch: %s: cannot read the URL list\n",
                   file.c_str());
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    for (std::string& u : ParseUrlList(ss.str())) urls->push_back(std::move(u));
  }
  return true;
}

void PrintSummary(const CrawlReport& r) {
  std::fprintf(
      stderr,
      "vnreform: %lld pages fetched, %lld not modified, %lld failed (%lld disallowed"
      " by robots.txt), %lld retries, %lld discovered; %lld articles stored,"
      " %lld unchanged, %lld not processed%s; %lld records; %.1f MB in %.2f s"
      " (%.1f pages/s); %lld queued%s\n",
      static_cast<long long>(r.fetched), static_cast<long long>(r.not_modified),
      static_cast<long long>(r.failed), static_cast<long long>(r.disallowed),
      static_cast<long long>(r.retries), static_cast<long long>(r.discovered),
      static_cast<long long>(r.articles), static_cast<long long>(r.unchanged),
      static_cast<long long>(r.process_failed),
      r.listings > 0
          ? (", " + std::to_string(r.listings) + " listing pages not stored").c_str()
          : "",
      static_cast<long long>(r.records), r.bytes / 1e6, r.seconds,
      r.seconds > 0 ? r.fetched / r.seconds : 0.0, static_cast<long long>(r.queued),
      r.stopped ? " (stopped: 'vnreform fetch --resume' goes on)" : "");
}

}  // namespace

int CmdFetch(FetchFlags* flags, const char* argv0) {
  CrawlOptions& o = flags->crawl;
  if (!ReadUrlFiles(flags->url_files, &o.urls)) return kUsage;
  if (o.urls.empty() && o.sitemaps.empty() && o.feeds.empty() && !flags->resume) {
    std::fprintf(stderr,
                 "vnreform fetch: give --urls FILE, --sitemap URL or --feed URL,"
                 " or --resume\n(see 'vnreform fetch --help')\n");
    return kUsage;
  }
  const std::string& contact = flags->contact;
  o.fetch.user_agent = "vnreform/0.1 (administrative-reform research crawler";
  o.fetch.user_agent += contact.empty() ? ")" : "; +" + contact + ")";
  o.progress = !flags->quiet && (flags->progress || isatty(STDERR_FILENO));
  if (!flags->quiet) {
    if (contact.empty())
      std::fprintf(stderr,
                   "vnreform fetch: no --contact given; sites cannot reach you\n");
    o.on_issue = [&](const std::string&, const Issue& i) {
      if (o.progress) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "%s: %s\n", i.severity == Issue::kError ? "error" : "warning",
                   i.message.c_str());
    };
  }

  std::unique_ptr<Extractor> extractor;
  std::vector<std::string> problems;
  const std::string rules = FindRulesPath(flags->rules, argv0);
  Status s = LoadExtractor(rules, true, 0, &extractor, &problems);
  if (!s.ok()) {
    for (const std::string& p : problems) std::fprintf(stderr, "%s\n", p.c_str());
    std::fprintf(stderr, "vnreform: cannot use the rules in %s: %s\n", rules.c_str(),
                 s.message().c_str());
    return kUsage;
  }

  struct sigaction sa {};
  sa.sa_handler = OnSigint;
  sa.sa_flags = SA_RESETHAND;  // a second Ctrl-C kills at once
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  o.stop = &g_stop;

  CrawlReport r;
  s = Crawl(o, *extractor, &r);
  PrintSummary(r);
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform fetch: %s\n", s.ToString().c_str());
    return kUsage;
  }
  return r.errors > 0 ? kInputsFailed : kOk;
}

}  // namespace vnreform
