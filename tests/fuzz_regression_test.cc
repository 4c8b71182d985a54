// Replays the inputs that once crashed a fuzz target
// (tests/fuzz/regressions/TARGET/*) through the same entry functions, so
// the fixes stay fixed in every build, sanitized or not.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/fuzz_entries.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;

void Replay(const std::string& target, void (*entry)(const uint8_t*, size_t)) {
  const fs::path dir = fs::path(VNREFORM_SOURCE_DIR) / "tests/fuzz/regressions" / target;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    INFO(e.path().string());
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    SUCCEED();
  }
}

TEST_CASE("fuzz regressions: clean", "[fuzz]") { Replay("clean", fuzz::CleanEntry); }
TEST_CASE("fuzz regressions: normalize", "[fuzz]") {
  Replay("normalize", fuzz::NormalizeEntry);
}
TEST_CASE("fuzz regressions: rules", "[fuzz]") { Replay("rules", fuzz::RulesEntry); }
TEST_CASE("fuzz regressions: jsonl", "[fuzz]") { Replay("jsonl", fuzz::JsonlEntry); }
TEST_CASE("fuzz regressions: extract", "[fuzz]") {
  Replay("extract", fuzz::ExtractEntry);
}
TEST_CASE("fuzz regressions: changes", "[fuzz]") {
  Replay("changes", fuzz::ChangesEntry);
}
TEST_CASE("fuzz regressions: starts", "[fuzz]") { Replay("starts", fuzz::StartsEntry); }

}  // namespace
}  // namespace vnreform
