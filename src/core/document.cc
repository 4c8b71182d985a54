// Record field access and Document failure bookkeeping.
// Tested by tests/core_test.cc.
#include "core/document.h"

namespace vnreform {

const std::string& Record::Get(const std::string& name) const {
  static const std::string kEmpty;
  for (const Field& f : fields)
    if (f.name == name) return f.value;
  return kEmpty;
}

bool Record::Has(const std::string& name) const {
  for (const Field& f : fields)
    if (f.name == name) return true;
  return false;
}

void Record::Set(const std::string& name, std::string value, Field::Kind kind) {
  for (Field& f : fields) {
    if (f.name == name) {
      f.value = std::move(value);
      f.kind = kind;
      return;
    }
  }
  fields.push_back(Field{name, std::move(value), kind});
}

void Document::Fail(const std::string& stage, Status s) {
  if (!status.ok()) return;  // keep the first failure
  issues.push_back(Issue{Issue::kError, stage, s.message()});
  status = std::move(s);
  failed_stage = stage;
}

void Document::Warn(const std::string& stage, std::string message) {
  issues.push_back(Issue{Issue::kWarning, stage, std::move(message)});
}

}  // namespace vnreform
