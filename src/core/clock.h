// The current time as the project writes it. Tested by tests/core_test.cc.
#ifndef VNREFORM_CORE_CLOCK_H_
#define VNREFORM_CORE_CLOCK_H_

#include <string>

namespace vnreform {

// The current time, UTC, to the second: "2024-05-01T08:30:00Z". The store
// writes run and fetch times so, and a fetched page's input date is one.
std::string NowUtc();

}  // namespace vnreform

#endif  // VNREFORM_CORE_CLOCK_H_
