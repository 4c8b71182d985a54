// Tests for src/pipeline: bad inputs recorded and skipped, reruns that add
// nothing, changed content replacing records, rule examples.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "pipeline/pipeline.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;
const std::string kRules = std::string(VNREFORM_SOURCE_DIR) + "/rules";

struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("vnreform_pipe_" + std::to_string(::getpid()) + "_" +
                   std::to_string(counter++));
  static inline int counter = 0;
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

const Extractor& Rules() {
  static std::unique_ptr<Extractor> ex = [] {
    std::unique_ptr<Extractor> e;
    std::vector<std::string> problems;
    Status s = LoadExtractor(kRules, true, &e, &problems);
    REQUIRE(s.ok());
    return e;
  }();
  return *ex;
}

struct Result {
  RunReport report;
  std::vector<std::pair<std::string, Issue>> issues;
  std::vector<StoredRecord> records;
  StoreStats stats;
};

Result RunOn(const std::vector<std::string>& inputs, const std::string& db, bool force = false) {
  Result r;
  RunOptions o;
  o.inputs = inputs;
  o.db_path = db;
  o.threads = 2;
  o.force = force;
  o.on_issue = [&](const std::string& in, const Issue& i) { r.issues.push_back({in, i}); };
  Status s = Run(o, Rules(), &r.report);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(db, &store).ok());
  REQUIRE(store->ForEachRecord("", [&](const StoredRecord& x) { r.records.push_back(x); }).ok());
  REQUIRE(store->GetStats(&r.stats).ok());
  return r;
}

TEST_CASE("bad inputs are recorded, named, and the run goes on", "[pipeline]") {
  TempDir dir;
  dir.Write("in/empty.txt", "");
  dir.Write("in/bad_utf8.txt", "đạt \xff\xfe 35,5%\n");
  dir.Write("in/lines.jsonl",
            "{\"id\":\"a1\",\"text\":\"đạt 10/20 tỉnh\"}\n"
            "not json\n"
            "{\"id\":\"a2\"}\n"
            "{\"id\":\"a3\",\"text\":\"tăng 5%\"}\n");
  dir.Write("in/page.html", "<html><body><article><p>Tỷ lệ đạt 45%</p></article></body></html>");
  dir.Write("in/listing.html", "<html><body><script>x()</script></body></html>");
  const std::string missing = (dir.path / "nonexistent.txt").string();
  Result r = RunOn({(dir.path / "in").string(), missing}, (dir.path / "db").string());

  CHECK(r.report.summary.articles == 4);  // bad_utf8, a1, a3, page
  CHECK(r.report.errors == 5);            // empty, not json, no text, no page text, missing
  CHECK(r.report.summary.warnings == 1);  // repaired UTF-8
  CHECK(r.stats.errors == 5);
  CHECK(r.stats.warnings == 1);
  auto has = [&](const std::string& needle) {
    for (const auto& [in, i] : r.issues)
      if (i.message.find(needle) != std::string::npos) return true;
    return false;
  };
  CHECK(has("empty.txt: empty file"));
  CHECK(has("lines.jsonl:2: not JSON"));
  CHECK(has("lines.jsonl:3: no \"text\" or \"html\""));
  CHECK(has("listing.html: no article text"));
  CHECK(has("bad_utf8.txt: 2 invalid UTF-8 sequence(s) replaced by U+FFFD"));
  CHECK(has("nonexistent.txt"));
  // The repaired file still yields its record.
  bool percent = false;
  for (const StoredRecord& x : r.records)
    if (x.article == "bad_utf8.txt" && x.type == "percent") percent = true;
  CHECK(percent);
}

TEST_CASE("a rerun adds nothing; changed content replaces its records", "[pipeline]") {
  TempDir dir;
  const std::string a = dir.Write("in/a.txt", "Ngày 19/7/2023, đạt 296/845 nhiệm vụ, đạt 35,03%.");
  dir.Write("in/b.txt", "đạt 10/21 bộ, ngành");
  const std::string db = (dir.path / "db").string();
  Result first = RunOn({(dir.path / "in").string()}, db);
  CHECK(first.report.summary.articles == 2);
  CHECK(first.records.size() == 4);

  Result again = RunOn({(dir.path / "in").string()}, db);
  CHECK(again.report.summary.articles == 0);
  CHECK(again.report.summary.unchanged == 2);
  CHECK(again.records.size() == first.records.size());
  CHECK(again.stats.articles == 2);

  dir.Write("in/a.txt", "đạt 1/2 tỉnh");
  Result changed = RunOn({(dir.path / "in").string()}, db);
  CHECK(changed.report.summary.articles == 1);
  CHECK(changed.report.summary.unchanged == 1);
  CHECK(changed.records.size() == 2);
  CHECK(changed.stats.articles == 2);

  Result forced = RunOn({(dir.path / "in").string()}, db, true);
  CHECK(forced.report.summary.articles == 2);
  CHECK(forced.records.size() == 2);
  (void)a;
}

TEST_CASE("an unwritable database stops the run with a clear status", "[pipeline]") {
  RunOptions o;
  o.inputs = {std::string(VNREFORM_SOURCE_DIR) + "/corpus/seeds"};
  o.db_path = "/nonexistent-dir/x.db";
  RunReport r;
  Status s = Run(o, Rules(), &r);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("/nonexistent-dir/x.db"));
}

TEST_CASE("every rule has examples and they all pass", "[pipeline][rules]") {
  const auto failures = TestRuleExamples(Rules(), {});
  for (const ExampleFailure& f : failures) FAIL_CHECK(f.ToString());
  CHECK(failures.empty());
}

TEST_CASE("a failing example is reported as file:line: rule id", "[pipeline][rules]") {
  TempDir dir;
  const std::string file = dir.Write("r.toml", R"toml([[rule]]
id = "pct"
type = "percent"
pattern = '(?P<v>\d+)%'
fields = { value = "number(v)" }
examples = [{ text = "đạt 5%", fields = { value = 6 } }]
counter_examples = ["đạt 7%"]
)toml");
  std::unique_ptr<Extractor> ex;
  std::vector<std::string> problems;
  Status s = LoadExtractor(file, true, &ex, &problems);
  CHECK_FALSE(s.ok());
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0], Catch::Contains("r.toml:6: rule \"pct\": example \"đạt 5%\": field value"));
  CHECK_THAT(problems[1], Catch::Contains("r.toml:7: rule \"pct\": counter-example \"đạt 7%\" matched"));
}

}  // namespace
}  // namespace vnreform
