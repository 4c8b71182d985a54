// libFuzzer target: vnreform::fuzz::ExtractEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz extract SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::ExtractEntry(data, size);
  return 0;
}
