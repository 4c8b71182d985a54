// libFuzzer target: vnreform::fuzz::ChangesEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz changes SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::ChangesEntry(data, size);
  return 0;
}
