// Tests for src/pipeline: bad inputs recorded and skipped, reruns that add
// nothing, changed content replacing records, rule examples.
#include "pipeline/pipeline.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "core/parallel.h"
#include "pipeline/document_writer.h"
#include "support/temp_dir.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;
const std::string kRules = std::string(VNREFORM_SOURCE_DIR) + "/rules";

using testing::TempDir;

const Extractor& Rules() {
  static std::unique_ptr<Extractor> ex = [] {
    std::unique_ptr<Extractor> e;
    std::vector<std::string> problems;
    Status s = LoadExtractor(kRules, true, 2, &e, &problems);
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

Result RunOn(const std::vector<std::string>& inputs, const std::string& db,
             bool force = false) {
  Result r;
  RunOptions o;
  o.inputs = inputs;
  o.db_path = db;
  o.threads = 2;
  o.force = force;
  o.on_issue = [&](const std::string& in, const Issue& i) {
    r.issues.push_back({in, i});
  };
  Status s = Run(o, Rules(), &r.report);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(db, &store).ok());
  REQUIRE(store->ForEachRecord("", [&](const StoredRecord& x) { r.records.push_back(x); })
              .ok());
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
  dir.Write("in/page.html",
            "<html><body><article><p>Tỷ lệ đạt 45%</p></article></body></html>");
  dir.Write("in/listing.html", "<html><body><script>x()</script></body></html>");
  const std::string missing = (dir.path / "nonexistent.txt").string();
  Result r = RunOn({(dir.path / "in").string(), missing}, (dir.path / "db").string());

  CHECK(r.report.summary.articles == 4);  // bad_utf8, a1, a3, page
  CHECK(r.report.errors == 5);  // empty, not json, no text, no page text, missing
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

TEST_CASE("issue 6: inputs over the size limits are refused by name, the rest stored",
          "[pipeline]") {
  TempDir dir;
  // A text over kMaxTextBytes in a JSONL row and as a .txt, two documents
  // that together exceed the bytes in flight, and small ones around them.
  const std::string huge(kMaxTextBytes + 1, 'a');
  const std::string big = std::string(5u << 20, ' ') + "đạt 10/20 tỉnh";
  dir.Write("in/a.txt", "đạt 1/2 tỉnh");
  dir.Write("in/b.jsonl", "{\"id\":\"b1\",\"text\":\"" + huge +
                              "\"}\n"
                              "{\"id\":\"b2\",\"text\":\"tăng 5%\"}\n");
  dir.Write("in/c.txt", huge);
  dir.Write("in/d1.txt", big);
  dir.Write("in/d2.txt", big + " ");  // the same content would be d1's article
  Result r = RunOn({(dir.path / "in").string()}, (dir.path / "db").string());
  CHECK(r.report.summary.articles == 4);  // a, b2, d1, d2
  CHECK(r.report.summary.failed == 2);
  CHECK(r.report.errors == 2);
  auto has = [&](const std::string& needle) {
    for (const auto& [in, i] : r.issues)
      if (i.message.find(needle) != std::string::npos) return true;
    return false;
  };
  CHECK(has("b.jsonl:1: article text is 10485761 bytes, over the 10 MiB limit"));
  CHECK(has("c.txt: article text is 10485761 bytes, over the 10 MiB limit"));
  int ratios = 0;
  for (const StoredRecord& x : r.records) ratios += x.type == "ratio";
  CHECK(ratios == 3);
}

TEST_CASE("a rerun adds nothing; changed content replaces its records", "[pipeline]") {
  TempDir dir;
  const std::string a =
      dir.Write("in/a.txt", "Ngày 19/7/2023, đạt 296/845 nhiệm vụ, đạt 35,03%.");
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

TEST_CASE("the rules' reform lexicon flags reform articles in the store", "[pipeline]") {
  TempDir dir;
  dir.Write("in/a.txt", "Tỉnh đẩy mạnh cải cách hành chính, giảm thủ tục hành chính.");
  dir.Write("in/b.txt",
            "Bộ phận một cửa liên thông tiếp nhận hồ sơ; một cửa liên thông.");
  dir.Write("in/c.txt", "Giá vàng hôm nay tăng 2%, đạt 70 triệu đồng một lượng.");
  dir.Write("in/d.txt", "Khai trương một cửa hàng mới tại Hà Nội.");
  const std::string db = (dir.path / "db").string();
  Result r = RunOn({(dir.path / "in").string()}, db);
  CHECK(r.stats.articles == 4);
  CHECK(r.stats.relevant == 2);  // a by its name, b by a part twice
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
  Status s = LoadExtractor(file, true, 2, &ex, &problems);
  CHECK_FALSE(s.ok());
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0],
             Catch::Contains("r.toml:6: rule \"pct\": example \"đạt 5%\": field value"));
  CHECK_THAT(
      problems[1],
      Catch::Contains("r.toml:7: rule \"pct\": counter-example \"đạt 7%\" matched"));
}

// ---- reextract (issue 6) ----

// The project's rules with rule "percent.words" renamed, so that its records
// differ: a changed rule set with a different version.
std::unique_ptr<Extractor> ChangedRules(const TempDir& dir) {
  const fs::path rules = dir.path / "rules_b";
  fs::copy(kRules, rules, fs::copy_options::recursive);
  std::ifstream in(rules / "percent.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string from = "id = \"percent.words\"";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "id = \"percent.in_words\"");
  std::ofstream(rules / "percent.toml", std::ios::binary) << text;
  std::unique_ptr<Extractor> e;
  std::vector<std::string> problems;
  REQUIRE(LoadExtractor(rules.string(), true, 1, &e, &problems).ok());
  return e;
}

std::vector<StoredRecord> RecordsOf(const std::string& db) {
  std::vector<StoredRecord> out;
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(db, &store).ok());
  REQUIRE(
      store->ForEachRecord("", [&](const StoredRecord& x) { out.push_back(x); }).ok());
  return out;
}

std::string Show(const std::vector<StoredRecord>& records) {
  std::string s;
  for (const StoredRecord& r : records) {
    s += r.article + " " + r.type + " " + std::to_string(r.start) + "-" +
         std::to_string(r.end) + " " + r.rule_id + " \"" + r.text + "\"";
    for (const Field& f : r.fields) s += " " + f.name + "=" + f.value;
    s += "\n";
  }
  return s;
}

RunReport RunWith(const Extractor& ex, const std::vector<std::string>& inputs,
                  const std::string& db) {
  RunOptions o;
  o.inputs = inputs;
  o.db_path = db;
  o.threads = 2;
  RunReport r;
  Status s = Run(o, ex, &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return r;
}

RunReport ReextractWith(const Extractor& ex, const std::string& db, bool force = false,
                        int threads = 2) {
  ReextractOptions o;
  o.db_path = db;
  o.threads = threads;  // 2: batches extracted while others are read and written
  o.batch = 2;          // several transactions and pages
  o.force = force;
  RunReport r;
  Status s = Reextract(o, ex, &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return r;
}

TEST_CASE("reextract with changed rules equals a fresh run with them", "[pipeline]") {
  TempDir dir;
  dir.Write("in/a.txt",
            "Hà Nội, ngày 19/7/2023: giảm 20 phần trăm thời gian, đạt 296/845 nhiệm vụ.");
  dir.Write("in/b.jsonl",
            "{\"id\":\"m1\",\"published\":\"2021-03-04T08:00:00+07:00\","
            "\"text\":\"Ngày 2/3, tỉnh Nam Định giảm 15 phần trăm hồ sơ, đạt 35,03%.\"}\n"
            "{\"id\":\"m2\",\"text\":\"Ngày 5/6/2022 tăng 7 phần trăm; đạt 10/21 bộ, "
            "ngành.\"}\n");
  const std::vector<std::string> inputs = {
      (dir.path / "in").string(), std::string(VNREFORM_SOURCE_DIR) + "/corpus/seeds"};
  std::unique_ptr<Extractor> b = ChangedRules(dir);
  REQUIRE(b->rules().version != Rules().rules().version);

  const std::string db = (dir.path / "re.db").string(),
                    fresh = (dir.path / "fresh.db").string();
  const std::string one = (dir.path / "one.db").string();
  const RunReport first = RunWith(Rules(), inputs, db);
  RunWith(Rules(), inputs, one);
  const std::vector<StoredRecord> with_a = RecordsOf(db);
  RunWith(*b, inputs, fresh);
  const std::vector<StoredRecord> want = RecordsOf(fresh);
  REQUIRE(Show(with_a) != Show(want));  // the change shows in the records

  const RunReport re = ReextractWith(*b, db);
  // Only articles where the renamed rule matches ("phần trăm") are redone;
  // the others keep their records and move to the new version.
  CHECK(re.summary.articles + re.summary.unchanged == first.summary.articles);
  CHECK(re.summary.articles == 3);  // a.txt, m1, m2; not the seeds
  CHECK(re.summary.failed == 0);
  CHECK(Show(RecordsOf(db)) == Show(want));
  // The redone articles' records are made with the new rules; the others'
  // keep the version they were made with (and are current under the new
  // one: the rerun at the end skips them).
  std::set<std::string> remade, kept;
  for (const StoredRecord& r : with_a) CHECK(r.ruleset == Rules().rules().version);
  for (const StoredRecord& r : RecordsOf(db)) {
    if (r.ruleset == b->rules().version)
      remade.insert(r.article);
    else if (r.ruleset == Rules().rules().version)
      kept.insert(r.article);
    else
      FAIL("record with rule set " << r.ruleset);
  }
  CHECK(remade.size() == 3);
  CHECK_FALSE(kept.empty());
  for (const std::string& a : remade) CHECK(kept.count(a) == 0);
  // One thread, batch after batch, ends the same.
  CHECK(ReextractWith(*b, one, false, 1).summary.articles == 3);
  CHECK(Show(RecordsOf(one)) == Show(want));

  // Nothing left to do; --force redoes all and changes nothing.
  CHECK(ReextractWith(*b, db).summary.articles == 0);
  CHECK(Show(RecordsOf(db)) == Show(want));
  CHECK(ReextractWith(*b, db, true).summary.articles == first.summary.articles);
  CHECK(Show(RecordsOf(db)) == Show(want));
  // And a plain rerun with the new rules finds every article current.
  CHECK(RunWith(*b, inputs, db).summary.unchanged == first.summary.articles);
}

TEST_CASE("ParallelFor calls every index once, whatever the thread count", "[pipeline]") {
  for (int threads : {1, 2, 8}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
      INFO("threads " << threads << ", n " << n);
      std::vector<std::atomic<int>> calls(n);
      ParallelFor(n, threads, [&](size_t i) { ++calls[i]; });
      for (size_t i = 0; i < n; ++i) CHECK(calls[i] == 1);
    }
  }
}

TEST_CASE("WorkerPool hands every item back, worked, then ends", "[pipeline]") {
  WorkerPool<int> pool(3, [](int* i) { *i *= 2; });
  for (int i = 1; i <= 100; ++i) pool.Push(i);
  pool.Close();
  std::multiset<int> got;
  while (std::optional<int> i = pool.Pop()) got.insert(*i);
  CHECK(got.size() == 100);
  CHECK(*got.begin() == 2);
  CHECK(*got.rbegin() == 200);
  CHECK(pool.outstanding() == 0);
}

TEST_CASE("DocumentWriter commits every batch and counts what it writes", "[pipeline]") {
  TempDir dir;
  std::unique_ptr<Store> store, reader;
  int64_t run = 0;
  REQUIRE(StartRun(dir.Db(), "test", Rules(), &store, &run).ok());
  REQUIRE(Store::Open(dir.Db(), &reader).ok());
  RunReport report;
  report.run_id = run;
  std::vector<std::string> seen;
  const DocumentWriter::IssueFn on_issue = [&](const std::string& input, const Issue&) {
    seen.push_back(input);
  };
  const std::string& ruleset = Rules().rules().version;
  DocumentWriter writer(store.get(), ruleset, 2, &on_issue, &report);
  auto doc = [](const std::string& key) {
    Document d;
    d.key = d.source = key;
    d.content_hash = "h";
    d.text = d.norm = "x";
    Record r;
    r.type = "ratio";
    r.rule_id = "r";
    r.end = 1;
    r.text = "x";
    d.records.push_back(r);
    return d;
  };
  auto stored = [&] {
    StoreStats st;
    REQUIRE(reader->GetStats(&st).ok());
    return st.articles;
  };
  REQUIRE(writer.Put(doc("a")).ok());
  CHECK(stored() == 0);  // in the open transaction
  Document bad = doc("b");
  bad.Fail("clean", Status::Parse("b: no text"));
  bad.Warn("clean", "b: odd");
  REQUIRE(writer.Put(bad).ok());
  CHECK(stored() == 1);  // the batch of two committed; the failed one is not stored
  REQUIRE(writer.Put(doc("c")).ok());
  writer.Unchanged();
  REQUIRE(writer.Commit().ok());
  CHECK(stored() == 2);
  CHECK(report.summary.articles == 2);
  CHECK(report.summary.failed == 1);
  CHECK(report.summary.unchanged == 1);
  CHECK(report.summary.records == 2);
  CHECK(report.records["ratio"] == 2);
  CHECK(report.errors == 1);
  CHECK(report.summary.warnings == 1);
  CHECK(seen == std::vector<std::string>{"b", "b"});
}

}  // namespace
}  // namespace vnreform
