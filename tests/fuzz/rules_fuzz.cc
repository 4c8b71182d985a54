// libFuzzer target: vnreform::fuzz::RulesEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz rules SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::RulesEntry(data, size);
  return 0;
}
