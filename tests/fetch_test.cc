// Tests for src/fetch and the crawl (src/pipeline/fetch_pipeline.cc), all on
// 127.0.0.1 against tests/support/http_server: URL canonicalisation,
// robots.txt, sitemap/feed parsing, and a server that misbehaves on purpose
// (slow, 500s, 429 + Retry-After, redirect loops, huge bodies...). The crash
// test kills a `vnreform fetch` child with SIGKILL and resumes it.
#include "fetch/fetch.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "input/zstd_reader.h"
#include "pipeline/fetch_pipeline.h"
#include "pipeline/pipeline.h"
#include "store/frontier.h"
#include "store/store.h"
#include "support/http_server.h"
#include "support/temp_dir.h"

extern char** environ;

namespace vnreform {
namespace {

namespace fs = std::filesystem;
const std::string kRules = std::string(VNREFORM_SOURCE_DIR) + "/rules";

using testing::TempDir;

const Extractor& Rules() {
  static std::unique_ptr<Extractor> ex = [] {
    std::unique_ptr<Extractor> e;
    std::vector<std::string> problems;
    REQUIRE(LoadExtractor(kRules, false, 1, &e, &problems).ok());
    return e;
  }();
  return *ex;
}

std::string Page(int n) {
  return "<html><head><title>Tin " + std::to_string(n) +
         "</title></head><body><article><h1>Cải cách hành chính số " + std::to_string(n) +
         "</h1><p>Năm 2023, tỉnh đã hoàn thành 296/845 nhiệm vụ cải cách hành chính,"
         " đạt 35,03%. Bài số " +
         std::to_string(n) +
         ".</p><p>Chỉ số PAR INDEX của tỉnh"
         " tăng so với năm trước, theo Quyết định số "
         "422/QĐ-TTg.</p></article></body></html>";
}

HttpReply Html(std::string body) {
  HttpReply r;
  r.body = std::move(body);
  return r;
}

// Options for fast tests: no host delay, short backoff and timeouts.
CrawlOptions FastOptions(const TempDir& dir) {
  CrawlOptions o;
  o.db_path = dir.Db();
  o.command_line = "fetch_test";
  o.host_delay = 0;
  o.backoff = 0.05;
  o.threads = 2;
  o.fetch.timeout_ms = 5000;
  o.fetch.connect_timeout_ms = 2000;
  return o;
}

CrawlReport MustCrawl(const CrawlOptions& o) {
  CrawlReport r;
  Status s = Crawl(o, Rules(), &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return r;
}

std::unique_ptr<Store> OpenStore(const std::string& db) {
  std::unique_ptr<Store> st;
  REQUIRE(Store::Open(db, &st).ok());
  return st;
}

TEST_CASE("canonical URLs: one form per page", "[fetch]") {
  static const struct {
    const char* in;
    const char* want;
  } kCases[] = {
      {"HTTP://Example.COM/a", "http://example.com/a"},
      {"http://example.com", "http://example.com/"},
      {"http://example.com:80/a", "http://example.com/a"},
      {"https://example.com:443/a", "https://example.com/a"},
      {"http://example.com:8080/a", "http://example.com:8080/a"},
      {"http://example.com/a#top", "http://example.com/a"},
      {"http://example.com/a?utm_source=x&id=3&fbclid=y", "http://example.com/a?id=3"},
      {"http://example.com/a?gclid=1&UTM_MEDIUM=2", "http://example.com/a"},
      {"http://example.com/a/./b/../c", "http://example.com/a/c"},
      {"http://example.com/%7euser/%2f", "http://example.com/~user/%2F"},
      {"  http://example.com/tin tuc  ", "http://example.com/tin%20tuc"},
      {"http://example.com./x", "http://example.com/x"},
  };
  for (const auto& c : kCases) {
    INFO(c.in);
    std::string out;
    REQUIRE(CanonicalUrl(c.in, &out).ok());
    CHECK(out == c.want);
  }
  std::string out;
  CHECK_FALSE(CanonicalUrl("ftp://example.com/", &out).ok());
  CHECK_FALSE(CanonicalUrl("/relative", &out).ok());
  CHECK(UrlHost("http://example.com:8080/a?b") == "example.com:8080");
  CHECK(UrlPathQuery("http://example.com:8080/a?b") == "/a?b");
  CHECK(UrlOrigin("https://example.com/a") == "https://example.com");
}

// What libcurl's URL API (src/fetch/curl_url.h) gives under the project's
// own rules.
TEST_CASE("canonical URLs: what curl_url parses", "[fetch]") {
  static const struct {
    const char* in;
    const char* want;
  } kCases[] = {
      {"http://Example.COM:0080/a", "http://example.com/a"},  // default port
      {"HTTPS://example.com:08443/a", "https://example.com:8443/a"},
      {"http://example.com/a/b/../../../c", "http://example.com/c"},
      {"http://example.com/a/.", "http://example.com/a/"},
      {"http://example.com/a/..", "http://example.com/"},
      {"http://example.com/a/%2E%2E/b", "http://example.com/b"},  // decoded dots
      {"http://example.com/a//b", "http://example.com/a//b"},
      {"http://[::1]:8080/x", "http://[::1]:8080/x"},
      {"http://User:Pw@Example.com/x", "http://User:Pw@example.com/x"},
      {"http://example.com/a?b=1#c?d", "http://example.com/a?b=1"},
      {"http://example.com/a\tb", "http://example.com/a%09b"},
      {"http://example.com?x=1", "http://example.com/?x=1"},
      // IDN hosts stay as written (no punycode: see curl_url.h).
      {"http://bộ.vn/đ", "http://bộ.vn/%C4%91"},
      // Three slashes: the host is what follows, as browsers read it.
      {"http:///example.com/x", "http://example.com/x"},
  };
  for (const auto& c : kCases) {
    INFO(c.in);
    std::string out;
    REQUIRE(CanonicalUrl(c.in, &out).ok());
    CHECK(out == c.want);
  }
  for (const char* bad : {"http://example.com:99999/", "http://example.com:8o/",
                          "http://ex ample.com/", "http://"}) {
    INFO(bad);
    std::string out;
    Status s = CanonicalUrl(bad, &out);
    CHECK(s.code() == Status::kInvalidArgument);
  }
}

TEST_CASE("robots.txt: groups, longest match, wildcards, crawl-delay", "[fetch]") {
  const std::string txt =
      "User-agent: *\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\n"
      "Crawl-delay: 2\n\nUser-agent: OtherBot\nDisallow: /\n";
  Robots r = Robots::Parse(txt, "vnreform");
  CHECK(r.Allowed("/"));
  CHECK_FALSE(r.Allowed("/private/x"));
  CHECK(r.Allowed("/private/open/1"));
  CHECK_FALSE(r.Allowed("/a/b.pdf"));
  CHECK(r.Allowed("/a/b.pdf?x=1"));
  CHECK(r.crawl_delay() == 2);
  Robots other = Robots::Parse(txt, "otherbot");
  CHECK_FALSE(other.Allowed("/anything"));
  CHECK(other.Allowed("/robots.txt"));
  CHECK(Robots::Parse("User-agent: vnreform\nDisallow:\n", "vnreform").Allowed("/x"));
  CHECK(Robots().Allowed("/x"));
  CHECK_FALSE(Robots::DisallowAll().Allowed("/x"));
}

TEST_CASE("sitemaps, sitemap indexes and feeds are scanned for URLs", "[fetch]") {
  std::vector<std::string> pages, maps;
  ParseSitemap(
      "<?xml version=\"1.0\"?><urlset "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<url><loc> http://a.vn/1?x=1&amp;y=2 </loc><lastmod>2024-01-01</lastmod></url>"
      "<url><loc><![CDATA[http://a.vn/2]]></loc></url></urlset>",
      &pages, &maps);
  CHECK(pages == std::vector<std::string>{"http://a.vn/1?x=1&y=2", "http://a.vn/2"});
  CHECK(maps.empty());
  pages.clear();
  ParseSitemap(
      "<sitemapindex><sitemap><loc>http://a.vn/s1.xml</loc></sitemap>"
      "<sitemap><loc>http://a.vn/s2.xml</loc></sitemap></sitemapindex>",
      &pages, &maps);
  CHECK(pages.empty());
  CHECK(maps == std::vector<std::string>{"http://a.vn/s1.xml", "http://a.vn/s2.xml"});

  std::vector<std::string> links;
  ParseFeed(
      "<rss><channel><link>http://a.vn/</link><item><title>x</title>"
      "<link>http://a.vn/tin-1</link></item><item><link>http://a.vn/tin-2</link>"
      "</item></channel></rss>",
      &links);
  CHECK(links == std::vector<std::string>{"http://a.vn/tin-1", "http://a.vn/tin-2"});
  links.clear();
  ParseFeed(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"http://a.vn/\"/>"
      "<entry><link rel=\"alternate\" href=\"http://a.vn/e1\"/>"
      "<link rel=\"edit\" href=\"http://a.vn/edit\"/></entry>"
      "<entry><link href='http://a.vn/e2'/></entry></feed>",
      &links);
  CHECK(links == std::vector<std::string>{"http://a.vn/e1", "http://a.vn/e2"});
  CHECK(ParseUrlList("# seeds\nhttp://a.vn/1\n\n  http://a.vn/2  \r\n") ==
        std::vector<std::string>{"http://a.vn/1", "http://a.vn/2"});
}

TEST_CASE("header values: charset, Retry-After; zstd buffers", "[fetch]") {
  CHECK(CharsetOf("text/html; charset=UTF-8") == "utf-8");
  CHECK(CharsetOf("text/html;charset=\"windows-1258\"") == "windows-1258");
  CHECK(CharsetOf("text/html") == "");
  CHECK(ParseRetryAfter("120", 0) == 120);
  CHECK(ParseRetryAfter("Thu, 01 Jan 1970 00:01:40 GMT", 40) == 60);
  CHECK(ParseRetryAfter("soon", 0) == -1);
  std::string z, back;
  const std::string text = Page(1) + Page(2);
  REQUIRE(ZstdCompress(text, &z).ok());
  REQUIRE(ZstdDecompress(z, &back).ok());
  CHECK(back == text);
  CHECK_FALSE(ZstdDecompress(z, &back, 10).ok());
  CHECK_FALSE(ZstdDecompress("not zstd", &back).ok());
}

TEST_CASE("fetch stores each response before processing, once per canonical URL",
          "[fetch]") {
  HttpServer server;
  REQUIRE(server.ok());
  for (int i = 0; i < 5; ++i) server.Serve("/tin/" + std::to_string(i), Html(Page(i)));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  for (int i = 0; i < 5; ++i) o.urls.push_back(server.Url("/tin/" + std::to_string(i)));
  o.urls.push_back(server.Url("/tin/0?utm_source=fb#x"));  // the same page
  o.urls.push_back("not a url");
  o.fetch.user_agent = "vnreform/test (+ops@example.org)";
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 5);
  CHECK(r.articles == 5);
  CHECK(r.records > 0);
  CHECK(r.failed == 0);
  CHECK(server.Hits("/tin/0") == 1);
  CHECK(server.Hits("/robots.txt") == 1);
  for (const HttpRequest& req : server.Requests()) {
    CHECK(req.headers.at("user-agent") == "vnreform/test (+ops@example.org)");
    CHECK(req.headers.count("accept-encoding") == 1);
  }
  auto st = OpenStore(dir.Db());
  StoredPage p;
  REQUIRE(Frontier(st.get()).GetPage(server.Url("/tin/3"), &p).ok());
  CHECK(p.http_status == 200);
  CHECK(p.charset == "utf-8");
  CHECK(p.content_type == "text/html; charset=utf-8");
  std::string body;
  REQUIRE(ZstdDecompress(p.body_zstd, &body).ok());
  CHECK(body == Page(3));
  FetchStats fs;
  REQUIRE(Frontier(st.get()).GetStats(&fs).ok());
  CHECK(fs.pages == 5);
  CHECK(fs.hosts == 1);
  StoreStats ss;
  REQUIRE(st->GetStats(&ss).ok());
  CHECK(ss.articles == 5);

  // A second run finds nothing to do.
  const CrawlReport again = MustCrawl(o);
  CHECK(again.fetched == 0);
  CHECK(server.Hits("/tin/0") == 1);
}

TEST_CASE("500 then success is retried with backoff; 4xx is not", "[fetch]") {
  HttpServer server;
  server.Route("/flaky", [](const HttpRequest&, int hit) {
    HttpReply r = Html(Page(1));
    if (hit <= 2) r.status = 500;
    return r;
  });
  server.Route("/broken", [](const HttpRequest&, int) {
    HttpReply r;
    r.status = 500;
    return r;
  });
  server.Serve("/gone", [] {
    HttpReply r;
    r.status = 404;
    return r;
  }());
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.urls = {server.Url("/flaky"), server.Url("/broken"), server.Url("/gone")};
  const CrawlReport r = MustCrawl(o);
  CHECK(server.Hits("/flaky") == 3);
  CHECK(server.Hits("/broken") == 4);  // 1 + 3 retries
  CHECK(server.Hits("/gone") == 1);
  CHECK(r.fetched == 1);
  CHECK(r.failed == 2);
  CHECK(r.retries == 2 + 3);
  FetchStats fs;
  REQUIRE(Frontier(OpenStore(dir.Db()).get()).GetStats(&fs).ok());
  CHECK(fs.pages == 1);
  CHECK(fs.pages_failed == 2);
}

TEST_CASE("429 with Retry-After is honoured", "[fetch]") {
  HttpServer server;
  std::vector<std::chrono::steady_clock::time_point> times;
  std::mutex mu;
  server.Route("/busy", [&](const HttpRequest&, int hit) {
    std::lock_guard<std::mutex> l(mu);
    times.push_back(std::chrono::steady_clock::now());
    HttpReply r = Html(Page(2));
    if (hit == 1) {
      r.status = 429;
      r.Header("Retry-After", "1");
    }
    return r;
  });
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.urls = {server.Url("/busy")};
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 1);
  REQUIRE(times.size() == 2);
  CHECK(times[1] - times[0] >= std::chrono::milliseconds(950));
}

TEST_CASE("slow responses pass, timeouts and stalls fail after retries", "[fetch]") {
  HttpServer server;
  server.Serve("/slow", [] {
    HttpReply r = Html(Page(3));
    r.delay_ms = 300;
    return r;
  }());
  server.Serve("/hang", [] {
    HttpReply r = Html(Page(4));
    r.delay_ms = 3000;
    return r;
  }());
  server.Serve("/stall", [] {
    HttpReply r = Html(Page(5) + std::string(20000, ' '));
    r.stall_ms = 5000;
    return r;
  }());
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.fetch.timeout_ms = 1000;
  o.max_retries = 1;
  o.urls = {server.Url("/slow"), server.Url("/hang")};
  CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 1);
  CHECK(r.failed == 1);
  CHECK(server.Hits("/hang") == 2);

  // The low-speed limit ends a transfer that stops sending.
  TempDir dir2;
  CrawlOptions o2 = FastOptions(dir2);
  o2.fetch.low_speed_bytes = 1000000;  // the half sent is far below 1 MB/s
  o2.fetch.low_speed_seconds = 1;
  o2.max_retries = 0;
  o2.urls = {server.Url("/stall")};
  const auto t0 = std::chrono::steady_clock::now();
  r = MustCrawl(o2);
  CHECK(r.failed == 1);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(4000));
}

TEST_CASE("redirects are followed, loops are bounded and not retried", "[fetch]") {
  HttpServer server;
  auto redirect = [](const std::string& to) {
    HttpReply r;
    r.status = 302;
    r.Header("Location", to);
    return r;
  };
  server.Serve("/old", redirect("/new"));
  server.Serve("/new", Html(Page(6)));
  server.Serve("/loop-a", redirect("/loop-b"));
  server.Serve("/loop-b", redirect("/loop-a"));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.fetch.max_redirects = 4;
  o.urls = {server.Url("/old"), server.Url("/loop-a")};
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 1);
  CHECK(r.failed == 1);
  CHECK(server.Hits("/loop-a") + server.Hits("/loop-b") == 5);  // 1 + 4 redirects
  StoredPage p;
  REQUIRE(Frontier(OpenStore(dir.Db()).get()).GetPage(server.Url("/old"), &p).ok());
  CHECK(p.final_url == server.Url("/new"));
}

TEST_CASE("a body over the limit fails without being stored", "[fetch]") {
  HttpServer server;
  server.Serve("/huge", Html(Page(7) + std::string(200000, 'x')));
  server.Serve("/small", Html(Page(8)));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.fetch.max_body_bytes = 100000;
  o.urls = {server.Url("/huge"), server.Url("/small")};
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 1);
  CHECK(r.failed == 1);
  CHECK(server.Hits("/huge") == 1);
  StoredPage p;
  CHECK(Frontier(OpenStore(dir.Db()).get()).GetPage(server.Url("/huge"), &p).code() ==
        Status::kNotFound);
}

TEST_CASE("robots.txt is fetched once per host, cached and obeyed", "[fetch]") {
  HttpServer server;
  server.Serve("/robots.txt", [] {
    HttpReply r;
    r.body = "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n";
    r.Header("Content-Type", "text/plain");
    return r;
  }());
  for (int i = 0; i < 3; ++i) server.Serve("/pub/" + std::to_string(i), Html(Page(i)));
  server.Serve("/private/x", Html(Page(9)));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.fetch.max_host_connections = 4;
  o.urls = {server.Url("/pub/0"), server.Url("/pub/1"), server.Url("/pub/2"),
            server.Url("/private/x")};
  const auto t0 = std::chrono::steady_clock::now();
  const CrawlReport r = MustCrawl(o);
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(550));
  CHECK(r.fetched == 3);
  CHECK(r.disallowed == 1);
  CHECK(server.Hits("/private/x") == 0);
  CHECK(server.Hits("/robots.txt") == 1);

  o.urls = {server.Url("/pub/3")};
  server.Serve("/pub/3", Html(Page(3)));
  MustCrawl(o);
  CHECK(server.Hits("/robots.txt") == 1);  // cached in the database
  CHECK(server.Hits("/pub/3") == 1);
}

TEST_CASE("at most max_host_connections transfers to one host at once", "[fetch]") {
  HttpServer server;
  std::atomic<int> now{0}, peak{0};
  server.Fallback([&](const HttpRequest& req, int) {
    if (req.path == "/robots.txt") return HttpReply{404, {}, "", 0, 0};
    const int n = ++now;
    for (int p = peak; n > p && !peak.compare_exchange_weak(p, n);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    --now;
    return Html(Page(1) + req.path);
  });
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  for (int i = 0; i < 12; ++i) o.urls.push_back(server.Url("/p" + std::to_string(i)));
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == 12);
  CHECK(peak <= 2);
  CHECK(peak >= 1);
}

TEST_CASE("a sitemap index leads to its sitemaps and their pages", "[fetch]") {
  HttpServer server;
  auto xml = [](std::string body) {
    HttpReply r;
    r.body = std::move(body);
    r.Header("Content-Type", "application/xml");
    return r;
  };
  server.Serve("/sitemap.xml",
               xml("<sitemapindex><sitemap><loc>" + server.Url("/s1.xml") +
                   "</loc></sitemap><sitemap><loc>" + server.Url("/s2.xml") +
                   "</loc></sitemap></sitemapindex>"));
  server.Serve("/s1.xml",
               xml("<urlset><url><loc>" + server.Url("/a") + "</loc></url><url><loc>" +
                   server.Url("/b") + "</loc></url></urlset>"));
  server.Serve("/s2.xml",
               xml("<urlset><url><loc>" + server.Url("/c") + "</loc></url><url><loc>" +
                   server.Url("/a?utm_campaign=z") + "</loc></url></urlset>"));
  for (const char* p : {"/a", "/b", "/c"}) server.Serve(p, Html(Page(p[1])));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.sitemaps = {server.Url("/sitemap.xml")};
  const CrawlReport r = MustCrawl(o);
  CHECK(r.discovered == 5);  // 2 sitemaps + 3 pages
  CHECK(r.articles == 3);
  CHECK(server.Hits("/a") == 1);
  FetchStats fs;
  REQUIRE(Frontier(OpenStore(dir.Db()).get()).GetStats(&fs).ok());
  CHECK(fs.pages == 3);
}

TEST_CASE("gzip buffers: round trip, members, size limit, corrupt data", "[fetch]") {
  std::string xml = "<urlset>";
  for (int i = 0; i < 2000; ++i)
    xml += "<url><loc>http://a.vn/" + std::to_string(i) + "</loc></url>";
  xml += "</urlset>";
  std::string gz, back;
  REQUIRE(GzipBuffer(xml, &gz).ok());
  CHECK(LooksGzipped(gz));
  CHECK(gz.size() < xml.size() / 4);
  REQUIRE(GunzipBuffer(gz, xml.size(), &back).ok());
  CHECK(back == xml);
  // gzip -c a b > ab.gz: concatenated members are one file.
  std::string gz2;
  REQUIRE(GzipBuffer("<!-- tail -->", &gz2).ok());
  REQUIRE(GunzipBuffer(gz + gz2, 1 << 20, &back).ok());
  CHECK(back == xml + "<!-- tail -->");
  // A bomb: 8 MiB of zeros compress to ~8 KiB.
  std::string zeros(8u << 20, '\0'), bomb;
  REQUIRE(GzipBuffer(zeros, &bomb).ok());
  Status s = GunzipBuffer(bomb, 1u << 20, &back);
  CHECK(s.code() == Status::kInvalidArgument);
  CHECK(s.message().find("limit") != std::string::npos);
  CHECK(back.empty());
  // Not gzip, corrupt, truncated.
  CHECK(GunzipBuffer("<urlset/>", 1 << 20, &back).code() == Status::kParse);
  std::string corrupt = gz;
  for (size_t i = 12; i < 40; ++i) corrupt[i] = static_cast<char>(0xff);
  s = GunzipBuffer(corrupt, 1 << 20, &back);
  INFO(s.ToString());
  CHECK(s.code() == Status::kParse);
  s = GunzipBuffer(gz.substr(0, gz.size() / 2), 1 << 20, &back);
  CHECK(s.code() == Status::kParse);
  CHECK(s.message().find("truncated") != std::string::npos);
  CHECK(GunzipBuffer(gz.substr(0, 2), 1 << 20, &back).code() == Status::kParse);
}

TEST_CASE("a gzipped sitemap file is decoded; a corrupt one is an error", "[fetch]") {
  HttpServer server;
  auto gzipped = [](const std::string& body, const char* type) {
    HttpReply r;
    REQUIRE(GzipBuffer(body, &r.body).ok());
    r.Header("Content-Type", type);
    return r;
  };
  server.Serve("/sitemap_index.xml.gz",
               gzipped("<sitemapindex><sitemap><loc>" + server.Url("/s1.xml.gz") +
                           "</loc></sitemap><sitemap><loc>" + server.Url("/bad.xml.gz") +
                           "</loc></sitemap></sitemapindex>",
                       "application/x-gzip"));
  server.Serve("/s1.xml.gz", gzipped("<urlset><url><loc>" + server.Url("/g1") +
                                         "</loc></url><url><loc>" + server.Url("/g2") +
                                         "</loc></url></urlset>",
                                     "application/gzip"));
  HttpReply bad;
  bad.body = std::string("\x1f\x8b\x08\x00garbage, not deflate data at all", 36);
  bad.Header("Content-Type", "application/octet-stream");
  server.Serve("/bad.xml.gz", bad);
  for (const char* p : {"/g1", "/g2"}) server.Serve(p, Html(Page(p[2])));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.sitemaps = {server.Url("/sitemap_index.xml.gz")};
  std::vector<std::string> issues;
  std::mutex mu;
  o.on_issue = [&](const std::string& url, const Issue& i) {
    std::lock_guard<std::mutex> l(mu);
    issues.push_back(url + " " + i.message);
  };
  const CrawlReport r = MustCrawl(o);
  CHECK(r.discovered == 4);  // 2 sitemaps + 2 pages
  CHECK(r.articles == 2);
  CHECK(server.Hits("/g1") == 1);
  CHECK(server.Hits("/g2") == 1);
  CHECK(server.Hits("/bad.xml.gz") == 1);
  CHECK(r.errors == 1);
  bool reported = false;
  for (const std::string& i : issues) {
    INFO(i);
    if (i.find("bad.xml.gz") != std::string::npos && i.find("gzip") != std::string::npos)
      reported = true;
  }
  CHECK(reported);
}

TEST_CASE("RSS and Atom feeds lead to their items", "[fetch]") {
  HttpServer server;
  server.Serve("/rss",
               Html("<rss><channel><link>" + server.Url("/") + "</link><item><link>" +
                    server.Url("/r1") + "</link></item><item><link>" + server.Url("/r2") +
                    "</link></item></channel></rss>"));
  server.Serve("/atom", Html("<feed><entry><link href=\"" + server.Url("/r3") +
                             "\"/></entry></feed>"));
  for (const char* p : {"/r1", "/r2", "/r3"}) server.Serve(p, Html(Page(p[2])));
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.feeds = {server.Url("/rss"), server.Url("/atom")};
  const CrawlReport r = MustCrawl(o);
  CHECK(r.articles == 3);
  CHECK(server.Hits("/") == 0);
}

TEST_CASE("a refetch is conditional: If-None-Match / If-Modified-Since", "[fetch]") {
  HttpServer server;
  server.Route("/tin", [](const HttpRequest& req, int) {
    HttpReply r = Html(Page(10));
    r.Header("ETag", "\"v1\"").Header("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
    auto it = req.headers.find("if-none-match");
    if (it != req.headers.end() && it->second == "\"v1\"") r.status = 304;
    return r;
  });
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  o.urls = {server.Url("/tin")};
  CHECK(MustCrawl(o).fetched == 1);
  o.refetch = true;
  const CrawlReport r = MustCrawl(o);
  CHECK(r.not_modified == 1);
  CHECK(server.Hits("/tin") == 2);
  const HttpRequest last = server.Requests().back();
  CHECK(last.headers.at("if-modified-since") == "Mon, 01 Jan 2024 00:00:00 GMT");
  StoredPage p;
  REQUIRE(Frontier(OpenStore(dir.Db()).get()).GetPage(server.Url("/tin"), &p).ok());
  std::string body;
  REQUIRE(ZstdDecompress(p.body_zstd, &body).ok());
  CHECK(body == Page(10));  // the stored body stays
}

TEST_CASE("stored but unprocessed pages are processed without the network", "[fetch]") {
  TempDir dir;
  {
    auto st = OpenStore(dir.Db());
    bool added;
    const std::string url = "http://127.0.0.1:9/offline";
    REQUIRE(Frontier(st.get())
                .EnqueuePage(url, UrlHost(url), "page", "", false, &added)
                .ok());
    PageFetch f;
    f.state = "done";
    f.http_status = 200;
    f.content_type = "text/html";
    REQUIRE(ZstdCompress(Page(11), &f.body_zstd).ok());
    REQUIRE(Frontier(st.get()).RecordFetch(1, f).ok());
  }
  CrawlOptions o = FastOptions(dir);
  const CrawlReport r = MustCrawl(o);
  CHECK(r.articles == 1);
  CHECK(r.fetched == 0);
  StoreStats ss;
  REQUIRE(OpenStore(dir.Db())->GetStats(&ss).ok());
  CHECK(ss.articles == 1);
}

TEST_CASE("real pages from ../shared/html go through the pipeline", "[fetch][shared]") {
  const fs::path html = fs::path(VNREFORM_SOURCE_DIR) / "../shared/html";
  if (!fs::is_directory(html)) {
    WARN("skipped: " << html << " is absent");
    return;
  }
  HttpServer server;
  TempDir dir;
  CrawlOptions o = FastOptions(dir);
  int n = 0;
  for (const auto& e : fs::directory_iterator(html)) {
    if (e.path().extension() != ".html" || n >= 10) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string path = "/" + e.path().filename().string();
    server.Serve(path, Html(ss.str()));
    o.urls.push_back(server.Url(path));
    ++n;
  }
  const CrawlReport r = MustCrawl(o);
  CHECK(r.fetched == n);
  // Issue 15: a listing page is counted as one, not as a failure.
  CHECK(r.articles + r.process_failed + r.listings == n);
  CHECK(r.process_failed == 0);
  CHECK(r.articles >= n / 2);
}

// Runs `vnreform` with `args`; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string bin = VNREFORM_BINARY;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  REQUIRE(rc == 0);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("a fetch killed with SIGKILL resumes: every page exactly once", "[fetch]") {
  constexpr int kPages = 120;
  HttpServer server;
  server.Fallback([](const HttpRequest& req, int) {
    if (req.path == "/robots.txt") return HttpReply{404, {}, "", 0, 0};
    HttpReply r = Html(Page(std::atoi(req.path.c_str() + 3)));
    r.delay_ms = 25;
    return r;
  });
  TempDir dir;
  std::vector<std::string> urls;
  {
    std::ofstream list(dir.path / "urls.txt");
    for (int i = 0; i < kPages; ++i) {
      urls.push_back(server.Url("/p/" + std::to_string(i)));
      list << urls.back() << "\n";
    }
  }
  const std::vector<std::string> common = {"--db",    dir.Db(),    "--rules",    kRules,
                                           "--delay", "0",         "--per-host", "4",
                                           "--quiet", "--threads", "2"};
  std::vector<std::string> args = {"fetch", "--urls", (dir.path / "urls.txt").string()};
  args.insert(args.end(), common.begin(), common.end());
  const pid_t pid = Spawn(args);
  int total = 0;
  for (int i = 0; i < 1000; ++i) {
    total = 0;
    for (const HttpRequest& r : server.Requests()) total += r.path != "/robots.txt";
    if (total >= 40) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(total >= 40);
  ::kill(pid, SIGKILL);
  CHECK(Wait(pid) == -1);

  std::set<std::string> stored;
  {
    auto st = OpenStore(dir.Db());
    for (const std::string& u : urls) {
      StoredPage p;
      if (Frontier(st.get()).GetPage(u, &p).ok()) stored.insert(u);
    }
  }
  INFO("stored before the kill: " << stored.size());
  CHECK(stored.size() >= 30);
  CHECK(stored.size() < kPages);

  std::vector<std::string> resume = {"fetch", "--resume"};
  resume.insert(resume.end(), common.begin(), common.end());
  CHECK(Wait(Spawn(resume)) == 0);

  auto st = OpenStore(dir.Db());
  FetchStats fs;
  REQUIRE(Frontier(st.get()).GetStats(&fs).ok());
  CHECK(fs.pages == kPages);
  CHECK(fs.queued == 0);
  CHECK(fs.pages_failed == 0);
  StoreStats ss;
  REQUIRE(st->GetStats(&ss).ok());
  CHECK(ss.articles == kPages);
  for (const std::string& u : stored) {
    INFO(u);
    CHECK(server.Hits(u.substr(u.find("/p/"))) == 1);  // not fetched again
  }
  int hits = 0;
  for (int i = 0; i < kPages; ++i) hits += server.Hits("/p/" + std::to_string(i));
  CHECK(hits <= kPages + 4);  // at most the transfers in flight at the kill

  // stats --json reports the crawl.
  const std::string out = (dir.path / "stats.json").string();
  const std::string cmd =
      std::string(VNREFORM_BINARY) + " stats --json --db " + dir.Db() + " > " + out;
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  std::stringstream ss2;
  ss2 << in.rdbuf();
  CHECK(ss2.str().find("\"pages\":" + std::to_string(kPages)) != std::string::npos);
  CHECK(ss2.str().find("\"pages_failed\":0") != std::string::npos);
  CHECK(ss2.str().find("\"hosts\":1") != std::string::npos);
}

}  // namespace
}  // namespace vnreform
