// FNV-1a 64. Tested by tests/core_test.cc.
#include "core/hash.h"

#include <cstdio>

namespace vnreform {

Fnv64& Fnv64::Add(std::string_view bytes) {
  for (unsigned char c : bytes) {
    h_ ^= c;
    h_ *= 0x100000001b3ull;
  }
  return *this;
}

std::string Fnv64::Hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

}  // namespace vnreform
