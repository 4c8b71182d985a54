// `vnreform fetch`: flags -> CrawlOptions, a SIGINT handler that stops the
// crawl cleanly, and the summary. The crawl itself is
// src/pipeline/fetch_pipeline.cc. Tested by tests/fetch_test.cc.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
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

int Usage(const std::string& message) {
  std::fprintf(stderr,
               "vnreform fetch: %s\n(see 'vnreform fetch --help')\n", message.c_str());
  return kUsage;
}

bool ParseNumber(const std::string& s, double lo, double hi, double* out) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !(v >= lo && v <= hi)) return false;
  *out = v;
  return true;
}

}  // namespace

int CmdFetch(int argc, char** argv, const char* argv0) {
  static const char* const kWithValue[] = {
      "db", "urls", "sitemap", "feed", "contact", "concurrency", "per-host", "delay",
      "retries", "backoff", "timeout", "connect-timeout", "max-body", "max-redirects",
      "threads", "rules"};
  static const char* const kSwitches[] = {"resume", "refetch", "quiet", "progress",
                                          "ignore-robots"};
  std::multimap<std::string, std::string> flags;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) return Usage("unexpected argument " + a);
    std::string name = a.substr(2), value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    bool known = false;
    for (const char* w : kWithValue) {
      if (name != w) continue;
      known = true;
      if (eq == std::string::npos) {
        if (i + 1 >= argc) return Usage("--" + name + " needs a value");
        value = argv[++i];
      }
    }
    for (const char* w : kSwitches) known = known || name == w;
    if (!known) return Usage("unknown option --" + name);
    flags.emplace(name, value);
  }
  auto has = [&](const char* f) { return flags.count(f) > 0; };
  auto get = [&](const char* f) { return has(f) ? flags.find(f)->second : std::string(); };

  CrawlOptions o;
  if (!has("db")) return Usage("--db FILE is required");
  o.db_path = get("db");
  o.command_line = "vnreform fetch";
  for (int i = 0; i < argc; ++i) o.command_line += std::string(" ") + argv[i];
  for (auto [it, end] = flags.equal_range("urls"); it != end; ++it) {
    std::ifstream in(it->second, std::ios::binary);
    if (!in) return Usage(it->second + ": cannot read the URL list");
    std::stringstream ss;
    ss << in.rdbuf();
    for (std::string& u : ParseUrlList(ss.str())) o.urls.push_back(std::move(u));
  }
  for (auto [it, end] = flags.equal_range("sitemap"); it != end; ++it)
    o.sitemaps.push_back(it->second);
  for (auto [it, end] = flags.equal_range("feed"); it != end; ++it)
    o.feeds.push_back(it->second);
  if (o.urls.empty() && o.sitemaps.empty() && o.feeds.empty() && !has("resume"))
    return Usage("give --urls FILE, --sitemap URL or --feed URL, or --resume");
  o.refetch = has("refetch");
  o.obey_robots = !has("ignore-robots");

  struct NumFlag {
    const char* name;
    double lo, hi;
    std::function<void(double)> set;
  };
  const NumFlag nums[] = {
      {"concurrency", 1, 1000, [&](double v) { o.fetch.max_transfers = static_cast<int>(v); }},
      {"per-host", 1, 100,
       [&](double v) { o.fetch.max_host_connections = static_cast<int>(v); }},
      {"delay", 0, 3600, [&](double v) { o.host_delay = v; }},
      {"retries", 0, 100, [&](double v) { o.max_retries = static_cast<int>(v); }},
      {"backoff", 0, 3600, [&](double v) { o.backoff = v; }},
      {"timeout", 0.001, 86400, [&](double v) { o.fetch.timeout_ms = static_cast<long>(v * 1000); }},
      {"connect-timeout", 0.001, 3600,
       [&](double v) { o.fetch.connect_timeout_ms = static_cast<long>(v * 1000); }},
      {"max-body", 1, 1e10, [&](double v) { o.fetch.max_body_bytes = static_cast<size_t>(v); }},
      {"max-redirects", 0, 50, [&](double v) { o.fetch.max_redirects = static_cast<long>(v); }},
      {"threads", 0, 1024, [&](double v) { o.threads = static_cast<int>(v); }},
  };
  for (const NumFlag& n : nums) {
    if (!has(n.name)) continue;
    double v;
    if (!ParseNumber(get(n.name), n.lo, n.hi, &v))
      return Usage(std::string("--") + n.name + " takes a number");
    n.set(v);
  }
  std::string contact = get("contact");
  if (contact.empty())
    if (const char* env = std::getenv("VNREFORM_CONTACT")) contact = env;
  o.fetch.user_agent = "vnreform/0.1 (administrative-reform research crawler";
  o.fetch.user_agent += contact.empty() ? ")" : "; +" + contact + ")";

  const bool quiet = has("quiet");
  o.progress = !quiet && (has("progress") || isatty(STDERR_FILENO));
  if (!quiet) {
    if (contact.empty())
      std::fprintf(stderr, "vnreform fetch: no --contact given; sites cannot reach you\n");
    o.on_issue = [&](const std::string&, const Issue& i) {
      if (o.progress) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "%s: %s\n", i.severity == Issue::kError ? "error" : "warning",
                   i.message.c_str());
    };
  }

  std::unique_ptr<Extractor> extractor;
  std::vector<std::string> problems;
  const std::string rules = FindRulesPath(get("rules"), argv0);
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
  std::fprintf(stderr,
               "vnreform: %lld pages fetched, %lld not modified, %lld failed (%lld disallowed"
               " by robots.txt), %lld retries, %lld discovered; %lld articles stored,"
               " %lld unchanged, %lld not processed; %lld records; %.1f MB in %.2f s"
               " (%.1f pages/s); %lld queued%s\n",
               static_cast<long long>(r.fetched), static_cast<long long>(r.not_modified),
               static_cast<long long>(r.failed), static_cast<long long>(r.disallowed),
               static_cast<long long>(r.retries), static_cast<long long>(r.discovered),
               static_cast<long long>(r.articles), static_cast<long long>(r.unchanged),
               static_cast<long long>(r.process_failed), static_cast<long long>(r.records),
               r.bytes / 1e6, r.seconds, r.seconds > 0 ? r.fetched / r.seconds : 0.0,
               static_cast<long long>(r.queued),
               r.stopped ? " (stopped: 'vnreform fetch --resume' goes on)" : "");
  if (!s.ok()) {
    std::fprintf(stderr, "vnreform fetch: %s\n", s.ToString().c_str());
    return kUsage;
  }
  return r.errors > 0 ? kInputsFailed : kOk;
}

}  // namespace vnreform
