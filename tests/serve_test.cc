// Tests for src/serve: the search fold, query parsing, escaping, and every
// page of the Site answered without a socket, on a database with hostile
// article text (script tags), Vietnamese spellings and bad requests.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "serve/page.h"
#include "serve/search.h"
#include "serve/site.h"
#include "store/query.h"
#include "support/temp_dir.h"

namespace vnreform {
namespace {

using testing::TempDir;

TEST_CASE("the search fold drops marks, folds case and reads đ as d", "[serve]") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"Hà Nội", "ha noi"},
      {"Đà Nẵng", "da nang"},
      {"ĐỒNG", "dong"},
      {"Thừa Thiên Huế", "thua thien hue"},
      {"PAR INDEX 2023", "par index 2023"},
      {"quyết định", "quyet dinh"},
      {"e\xCC\x81", "e"},  // a lone combining mark is dropped
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(FoldForSearch(c.in) == c.out);
  }
  std::vector<uint32_t> map;
  const std::string s = "Nội vụ";
  CHECK(FoldForSearch(s, &map) == "noi vu");
  REQUIRE(map.size() == 7);
  CHECK(map[1] == 1);  // 'o' comes from "ộ" at byte 1
  CHECK(map[2] == 4);  // 'i' after the three bytes of "ộ"
  CHECK(map.back() == s.size());
  CHECK(HasDiacritics("Nội"));
  CHECK(HasDiacritics("đo"));
  CHECK_FALSE(HasDiacritics("Noi VU 2024"));
}

TEST_CASE("a query is words: folded without diacritics, exact with them", "[serve]") {
  auto t = ParseQuery("Hà noi \"OR\" NEAR(x) *");
  REQUIRE(t.size() == 5);
  CHECK(t[0].text == "hà");
  CHECK(t[0].exact);
  CHECK(t[1].text == "noi");
  CHECK_FALSE(t[1].exact);
  CHECK(
      FtsExpression(t) ==
      "exact : \"hà\" AND folded : \"noi\" AND folded : \"or\" AND folded : \"near\" AND "
      "folded : \"x\"");
  CHECK(FtsExpression(ParseQuery("  ,;  ")).empty());
  CHECK(ParseQuery(std::string(100, 'a') + std::string(" b", 0)).size() == 1);
}

TEST_CASE("snippets mark every spelling of a term", "[serve]") {
  Cell c = Snippet("Thủ đô Hà Nội và thành phố Hà Nội mới", ParseQuery("ha noi"));
  REQUIRE(c.marks.size() == 4);
  CHECK(c.text.substr(c.marks[0].first, c.marks[0].second - c.marks[0].first) == "Hà");
  CHECK(c.text.substr(c.marks[1].first, c.marks[1].second - c.marks[1].first) == "Nội");
}

TEST_CASE("escaping: HTML, JSON inside a script, CSV", "[serve]") {
  CHECK(HtmlEscape("<script>alert('x')</script>&\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
  CHECK(JsonString("</script><!--") == "\"\\u003c/script\\u003e\\u003c!--\"");
  CHECK(JsonString("a\"b\\\n") == "\"a\\\"b\\\\\\n\"");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"\r\n") == "\"say \"\"hi\"\"\r\n\"");
  CHECK(CsvField("plain") == "plain");
  CHECK(ValidUtf8("a\xFF"
                  "b\xC3") ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(HtmlEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

// A database of three articles, one of them hostile, run through the rules.
class SiteFixture {
 public:
  SiteFixture() {
    const std::string rows =
        R"j({"id": "hn", "url": "https://vnexpress.net/ha-noi-1.html", "title": "Hà Nội cải cách hành chính", "published": "2023-05-04", "text": "Năm 2023, Hà Nội đứng thứ 2 về Chỉ số cải cách hành chính PAR INDEX. Thành phố đã hoàn thành 296/845 nhiệm vụ cải cách hành chính."})j"
        "\n"
        R"j({"id": "dn", "url": "https://tuoitre.vn/da-nang.html", "title": "Đà Nẵng dẫn đầu", "published": "2022-03-01", "text": "Đà Nẵng tiếp tục dẫn đầu cả nước về chỉ số PAR INDEX 2021 với 91,05%. Đồng chí Nguyễn Văn A, Chủ tịch UBND thành phố phát biểu."})j"
        "\n"
        R"j({"id": "evil", "url": "javascript:alert(1)", "title": "<script>alert('title')</script>", "published": "2024-01-01", "text": "Tin <script>alert('text')</script> <img src=x onerror=alert(1)> về thủ tục hành chính: hoàn thành 5/10 nhiệm vụ."})j"
        "\n";
    input = dir.Write("in/a.jsonl", rows);
    RunOptions o;
    o.inputs = {input};
    o.db_path = dir.Db();
    o.threads = 1;
    std::unique_ptr<Extractor> ex;
    std::vector<std::string> problems;
    REQUIRE(LoadExtractor(std::string(VNREFORM_SOURCE_DIR) + "/rules", false, 1, &ex,
                          &problems)
                .ok());
    RunReport report;
    REQUIRE(Run(o, *ex, &report).ok());
    std::vector<std::string> notes;
    Status s = Site::Open(dir.Db(), SiteOptions(), &site, &notes);
    INFO(s.ToString());
    REQUIRE(s.ok());
    REQUIRE(notes.size() == 1);  // the search index built in memory
    CHECK(notes[0].find("built one in memory, 3 articles") != std::string::npos);
  }
  Response Get(const std::string& path,
               std::vector<std::pair<std::string, std::string>> params = {},
               const std::string& method = "GET") {
    Request r;
    r.method = method;
    r.path = path;
    r.params = std::move(params);
    return site->Handle(r);
  }
  int64_t ArticleId(const std::string& key) {
    std::unique_ptr<Store> store;
    std::string note;
    REQUIRE(Store::OpenForReading(dir.Db(), &store, &note).ok());
    QueryResult r;
    REQUIRE(store
                ->Query("SELECT id FROM articles WHERE key = ?1", {Value::Text(key)},
                        QueryLimits(), &r)
                .ok());
    REQUIRE(r.rows.size() == 1);
    return r.rows[0][0].i;
  }

  TempDir dir;
  std::string input;
  std::unique_ptr<Site> site;
};

TEST_CASE("serve: search folds diacritics, facets narrow, every format", "[serve]") {
  SiteFixture f;
  Response r = f.Get("/search", {{"q", "ha noi"}});
  CHECK(r.status == 200);
  CHECK(r.body.find("Hà Nội cải cách hành chính</a>") != std::string::npos);
  CHECK(r.body.find("Đà Nẵng dẫn đầu") == std::string::npos);
  // "đ" is "d" in a query without diacritics; with diacritics, exact.
  CHECK(f.Get("/search", {{"q", "da nang"}}).body.find("Đà Nẵng dẫn đầu") !=
        std::string::npos);
  CHECK(f.Get("/search", {{"q", "dan dau"}}).body.find("Đà Nẵng dẫn đầu") !=
        std::string::npos);
  CHECK(f.Get("/search", {{"q", "Đà Nẵng"}}).body.find("Đà Nẵng dẫn đầu") !=
        std::string::npos);
  CHECK(f.Get("/search", {{"q", "Da Nẵng"}}).body.find("Đà Nẵng dẫn đầu") !=
        std::string::npos);
  CHECK(f.Get("/search", {{"q", "Nang"}}).body.find("Đà Nẵng dẫn đầu") !=
        std::string::npos);
  CHECK(f.Get("/search", {{"q", "Nàng"}}).body.find("Đà Nẵng dẫn đầu") ==
        std::string::npos);
  // Facets: by year and site, and a click narrows.
  Response all = f.Get("/search.json", {{"q", "hanh chinh"}});
  CHECK(all.content_type == "application/json");
  CHECK(all.body.find("\"year\":[") != std::string::npos);
  CHECK(all.body.find("{\"value\":\"2023\",\"count\":1") != std::string::npos);
  CHECK(all.body.find("\"site\":[") != std::string::npos);
  CHECK(all.body.find("\"vnexpress.net\"") != std::string::npos);
  Response narrowed = f.Get("/search.json", {{"q", "hanh chinh"}, {"year", "2024"}});
  CHECK(narrowed.body.find("\"matches\":1") != std::string::npos);
  Response recs = f.Get("/search", {{"q", "nhiem vu"}, {"kind", "records"}});
  CHECK(recs.status == 200);
  CHECK(recs.body.find("296/845") != std::string::npos);
  Response csv = f.Get("/search.csv", {{"q", "noi"}});
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body.rfind("\xEF\xBB\xBF"
                       "article,title,published,province,site,excerpt,data_version\r\n",
                       0) == 0);
}

TEST_CASE("serve: hostile text is data, never markup", "[serve]") {
  SiteFixture f;
  const int64_t evil = f.ArticleId("evil");
  for (const std::string& path :
       {"/article/" + std::to_string(evil), std::string("/search")}) {
    Response r = f.Get(
        path,
        path == "/search"
            ? std::vector<std::pair<std::string, std::string>>{{"q", "script alert"}}
            : std::vector<std::pair<std::string, std::string>>{});
    INFO(path);
    CHECK(r.status == 200);
    CHECK(r.body.find("<script>alert") == std::string::npos);
    CHECK(r.body.find("<img") == std::string::npos);
    CHECK(r.body.find("&lt;script&gt;alert(") != std::string::npos);
  }
  // The javascript: URL is shown as text, never as a link target that runs.
  Response a = f.Get("/article/" + std::to_string(evil));
  CHECK(a.body.find("href=\"javascript:") == std::string::npos);
  Response j = f.Get("/article/" + std::to_string(evil) + ".json");
  CHECK(j.body.find("<script") == std::string::npos);
  CHECK(j.body.find("\\u003cscript\\u003ealert('title')") != std::string::npos);
}

TEST_CASE("serve: article and record pages highlight the words", "[serve]") {
  SiteFixture f;
  const int64_t hn = f.ArticleId("hn");
  Response a = f.Get("/article/" + std::to_string(hn));
  REQUIRE(a.status == 200);
  CHECK(a.body.find("<mark>296/845 nhiệm vụ") != std::string::npos);
  CHECK(a.body.find("href=\"https://vnexpress.net/ha-noi-1.html\"") != std::string::npos);
  std::unique_ptr<Store> store;
  std::string note;
  REQUIRE(Store::OpenForReading(f.dir.Db(), &store, &note).ok());
  QueryResult r;
  REQUIRE(store
              ->Query("SELECT id FROM records WHERE text LIKE '296/845%'", {},
                      QueryLimits(), &r)
              .ok());
  REQUIRE(r.rows.size() == 1);
  Response rec = f.Get("/record/" + r.rows[0][0].ToString());
  CHECK(rec.status == 200);
  CHECK(rec.body.find("<mark>296/845") != std::string::npos);
  CHECK(rec.body.find(">https://vnexpress.net/ha-noi-1.html</a>") != std::string::npos);
  Response csv = f.Get("/record/" + r.rows[0][0].ToString() + ".csv");
  CHECK(csv.body.find("numerator,296,") != std::string::npos);
  CHECK(csv.headers.size() >= 2);
}

TEST_CASE("serve: bad requests are 400, unknown ids 404, writes 405", "[serve]") {
  SiteFixture f;
  CHECK(f.Get("/article/999999").status == 404);
  CHECK(f.Get("/article/abc").status == 404);
  CHECK(f.Get("/article/99999999999999999999999").status == 404);
  CHECK(f.Get("/record/0.json").status == 404);
  CHECK(f.Get("/nowhere/1/2").status == 404);
  CHECK(f.Get("/static/nothing.js").status == 404);
  CHECK(f.Get("/search", {{"limit", "abc"}}).status == 400);
  CHECK(f.Get("/search", {{"limit", "-5"}}).status == 400);
  CHECK(f.Get("/search", {{"offset", "1e9"}}).status == 400);
  CHECK(f.Get("/search", {{"kind", "tables"}}).status == 400);
  CHECK(f.Get("/search", {{"q", "a"}, {"q", "b"}}).status == 400);
  CHECK(f.Get("/search", {{"q", std::string(600, 'a')}}).status == 400);
  CHECK(f.Get("/search", {{"q", "\xFF\xFE"}}).status == 400);
  CHECK(f.Get("/search", {{"drop", "table"}}).status == 400);
  CHECK(f.Get("/search.csv", {{"table", "nope"}}).status == 400);
  // A huge limit is clamped to --max-rows, not an error.
  Response huge = f.Get("/search.json", {{"limit", "99999999999999999999999999"}});
  CHECK(huge.status == 200);
  for (const char* m : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    Response r = f.Get("/search", {}, m);
    INFO(m);
    CHECK(r.status == 405);
  }
  CHECK(f.Get("/search", {}, "HEAD").status == 200);
  Response err = f.Get("/article/999999.json");
  CHECK(err.content_type == "application/json");
  CHECK(err.body.find("\"error\":\"no article 999999\"") != std::string::npos);
}

TEST_CASE("serve: every page carries the data version", "[serve]") {
  SiteFixture f;
  Response html = f.Get("/");
  REQUIRE(html.status == 200);
  const size_t at = html.body.find("<code id=\"data-version\">");
  REQUIRE(at != std::string::npos);
  const std::string id = html.body.substr(at + 24, 12);
  CHECK(f.Get("/home.json").body.find("\"data_version\":\"" + id + "\"") !=
        std::string::npos);
  CHECK(f.Get("/home.csv").body.find("," + id + "\r\n") != std::string::npos);
  bool header = false;
  for (const auto& [k, v] : html.headers)
    header = header || (k == "X-Vnreform-Data-Version" && v == id);
  CHECK(header);
  Response js = f.Get("/static/chart.js");
  CHECK(js.status == 200);
  CHECK(js.body.find("Chart.js v") != std::string::npos);
}

TEST_CASE("serve: a query past its time limit fails, not hangs", "[serve]") {
  TempDir dir;
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(dir.Db(), &store).ok());
  QueryResult r;
  QueryLimits l;
  l.max_ms = 50;
  Status s = store->Query(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) "
      "FROM n",
      {}, l, &r);
  CHECK_FALSE(s.ok());
  CHECK(r.timed_out);
  l.max_rows = 3;
  l.max_ms = 2000;
  REQUIRE(
      store
          ->Query(
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10)"
              " SELECT i FROM n",
              {}, l, &r)
          .ok());
  CHECK(r.rows.size() == 3);
  CHECK(r.truncated);
}

}  // namespace
}  // namespace vnreform
