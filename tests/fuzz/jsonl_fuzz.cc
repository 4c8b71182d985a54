// libFuzzer target: vnreform::fuzz::JsonlEntry (tests/fuzz/fuzz_entries.h).
// Run with scripts/fuzz jsonl SECONDS.
#include "fuzz/fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vnreform::fuzz::JsonlEntry(data, size);
  return 0;
}
