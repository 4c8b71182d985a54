// Stable 64-bit FNV-1a hashing for content and rule-set fingerprints.
// Same value on every platform and run. Tested by tests/core_test.cc.
#ifndef VNREFORM_CORE_HASH_H_
#define VNREFORM_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace vnreform {

class Fnv64 {
 public:
  Fnv64& Add(std::string_view bytes);
  uint64_t value() const { return h_; }
  std::string Hex() const;  // 16 lowercase hex digits

 private:
  uint64_t h_ = 0xcbf29ce484222325ull;
};

}  // namespace vnreform

#endif  // VNREFORM_CORE_HASH_H_
