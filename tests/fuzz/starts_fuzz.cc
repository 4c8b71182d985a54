// libFuzzer target: vnreform::fuzz::StartsEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz starts SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::StartsEntry(data, size);
  return 0;
}
