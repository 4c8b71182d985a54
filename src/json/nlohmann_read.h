// Internal to src/json: what simdjson_read.cc takes from json.cc, the
// nlohmann side. Not for use outside src/json.
#ifndef VNREFORM_JSON_NLOHMANN_READ_H_
#define VNREFORM_JSON_NLOHMANN_READ_H_

#include <string>
#include <string_view>

#include "json/json.h"

namespace vnreform {

// ParseJsonArticle over nlohmann/json, the reference behaviour: every line
// simdjson refuses or reads differently (big numbers, a leading BOM, a
// non-integer "id", any error with its message) is read here.
Status NlohmannParseArticle(std::string_view line, JsonArticle* out);

// `s` with each byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

}  // namespace vnreform

#endif  // VNREFORM_JSON_NLOHMANN_READ_H_
