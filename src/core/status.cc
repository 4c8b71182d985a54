// Status::ToString. Tested by tests/core_test.cc.
#include "core/status.h"

namespace vnreform {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case kOk:
      return "OK";
    case kInvalidArgument:
      name = "invalid argument";
      break;
    case kNotFound:
      name = "not found";
      break;
    case kIOError:
      name = "I/O error";
      break;
    case kNetwork:
      name = "network error";
      break;
    case kParse:
      name = "parse error";
      break;
    case kInternal:
      name = "internal error";
      break;
  }
  return std::string(name) + ": " + message_;
}

Status Status::Then(const Status& later) const {
  if (ok()) return later;
  if (later.ok()) return *this;
  return Status(code_, message_ + "; then " + later.ToString());
}

}  // namespace vnreform
