// NowUtc. Tested by tests/core_test.cc.
#include "core/clock.h"

#include <ctime>

namespace vnreform {

std::string NowUtc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace vnreform
