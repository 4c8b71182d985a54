// libFuzzer target: vnreform::fuzz::CleanEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz clean SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::CleanEntry(data, size);
  return 0;
}
