// libFuzzer target: vnreform::fuzz::NormalizeEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz normalize SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::NormalizeEntry(data, size);
  return 0;
}
