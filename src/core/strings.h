// Small string helpers shared by the stages. Tested by tests/core_test.cc.
#ifndef VNREFORM_CORE_STRINGS_H_
#define VNREFORM_CORE_STRINGS_H_

#include <cctype>
#include <string>
#include <string_view>

namespace vnreform {

// `s` without leading and trailing ASCII white space.
inline std::string TrimSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace vnreform

#endif  // VNREFORM_CORE_STRINGS_H_
