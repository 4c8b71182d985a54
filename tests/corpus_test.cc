// End to end over corpus/: the seed articles through the whole pipeline into
// SQLite, scored against corpus/seeds.gold (a copy of the gold file)
// with the scorer's logic. The bars are those of the issues; raise them when
// the scores rise, never lower them to get green.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "pipeline/pipeline.h"
#include "support/score.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;
const std::string kSource = VNREFORM_SOURCE_DIR;

struct TempDb {
  fs::path path = fs::temp_directory_path() /
                  ("vnreform_corpus_" + std::to_string(::getpid()) + ".db");
  ~TempDb() {
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path.string() + ext);
  }
};

std::vector<testing::ScoreRecord> RunSeeds(int threads) {
  std::unique_ptr<Extractor> ex;
  std::vector<std::string> problems;
  REQUIRE(LoadExtractor(kSource + "/rules", true, 0, &ex, &problems).ok());
  TempDb db;
  RunOptions o;
  o.inputs = {kSource + "/corpus/seeds"};
  o.db_path = db.path.string();
  o.threads = threads;
  RunReport report;
  REQUIRE(Run(o, *ex, &report).ok());
  CHECK(report.summary.articles == 5);
  CHECK(report.errors == 0);
  std::unique_ptr<Store> store;
  REQUIRE(Store::Open(o.db_path, &store).ok());
  std::vector<testing::ScoreRecord> pred;
  REQUIRE(store
              ->ForEachRecord("",
                              [&](const StoredRecord& r) {
                                pred.push_back({r.article, r.type, r.fields, false});
                              })
              .ok());
  return pred;
}

TEST_CASE("seeds score at or above the bar", "[corpus]") {
  const auto gold = testing::LoadRecords(kSource + "/corpus/seeds.gold");
  const auto scores = testing::Score(gold, RunSeeds(2));
  for (const auto& [type, s] : scores)
    WARN(type << ": tp " << s.tp << " fp " << s.fp << " fn " << s.fn << " P "
              << s.precision() << " R " << s.recall() << " F1 " << s.f1());
  // Issue 2's bar.
  CHECK(scores.at("ratio").precision() == 1.0);
  CHECK(scores.at("ratio").recall() == 1.0);
  CHECK(scores.at("percent").f1() >= 0.95);
  CHECK(scores.at("date").f1() >= 0.90);
  // Reached since; keep them.
  CHECK(scores.at("published").f1() >= 0.95);
  CHECK(scores.at("legal_ref").f1() >= 0.95);
}

TEST_CASE("the database does not depend on the thread count", "[corpus]") {
  auto key = [](const std::vector<testing::ScoreRecord>& v) {
    std::vector<std::string> out;
    for (const auto& r : v) {
      std::string s = r.article + "|" + r.type;
      for (const Field& f : r.fields) s += "|" + f.name + "=" + f.value;
      out.push_back(s);
    }
    return out;
  };
  const auto one = key(RunSeeds(1));
  CHECK(one == key(RunSeeds(2)));
  CHECK(one == key(RunSeeds(7)));
}

}  // namespace
}  // namespace vnreform
