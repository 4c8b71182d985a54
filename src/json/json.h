// JSON in one place: reading JSONL input lines and writing records/stats.
// Lines are read with simdjson (Debian libsimdjson-dev; simdjson_read.cc),
// records written and read back with nlohmann/json (nlohmann-json3-dev;
// json.cc); each library is included by that one file.
// Thread-safe: no shared state (each thread has its own simdjson parser).
#ifndef VNREFORM_JSON_JSON_H_
#define VNREFORM_JSON_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/plan.h"

namespace vnreform {

// The fields of a JSONL input line. `has_html` tells whether the article came
// as "html" (to be cleaned) or as "text".
struct JsonArticle {
  std::string id, url, title, published, body;
  // The first string of "date", "first_committed_at", "fetched_at".
  std::string input_date;
  bool has_html = false;
};

// Parses one JSONL line. Errors: not JSON, not an object, no "text"/"html"
// string, or no "id"/"url" to key the article by. Non-string "published"
// and input dates (null, numbers) are ignored.
Status ParseJsonArticle(std::string_view line, JsonArticle* out);

// Builds one JSON object with keys in insertion order; Dump() writes it on one
// line, UTF-8 kept as is (invalid UTF-8 replaced by U+FFFD, never a throw).
class JsonObject {
 public:
  JsonObject& Add(std::string key, std::string value);
  JsonObject& AddInt(std::string key, int64_t value);
  JsonObject& AddNumber(std::string key, double value);
  JsonObject& AddRaw(std::string key, std::string json);  // already JSON
  // Adds a record field with its kind (numbers unquoted).
  JsonObject& AddField(const Field& f);
  std::string Dump() const;

 private:
  struct Entry {
    std::string key;
    std::string value;
    enum { kString, kInt, kNumber, kRaw } kind;
  };
  std::vector<Entry> entries_;
};

// Fields as a JSON object ({"numerator":296,"indicator":"nhiệm vụ"}) and back.
std::string FieldsToJson(const std::vector<Field>& fields);
Status FieldsFromJson(std::string_view json, std::vector<Field>* out);

// A shard plan (core/plan.h) as the pretty-printed JSON of plan.json, and
// back. PlanToJson(p, false) leaves out the id: the id is a hash of that
// text. Reading checks the kinds and ranges of every value; errors name the
// field.
std::string PlanToJson(const Plan& plan, bool with_id = true);
Status PlanFromJson(std::string_view text, Plan* out);

}  // namespace vnreform

#endif  // VNREFORM_JSON_JSON_H_
