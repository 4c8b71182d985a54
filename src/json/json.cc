// JSON reading and writing over nlohmann/json, the only file that includes
// it: records and their fields, and the JSONL lines simdjson_read.cc hands
// over (those simdjson refuses or reads differently). nlohmann throws;
// every call that can is wrapped here and its exception turned into a
// Status, so callers never see one.
// Tested by tests/json_test.cc.
#include "json/json.h"

#include <charconv>
#include <cmath>
#include <exception>
#include <nlohmann/json.hpp>

#include "json/nlohmann_read.h"

namespace vnreform {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Never throws on invalid UTF-8: such bytes are written as U+FFFD.
template <typename J>
std::string DumpValue(const J& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Quote(const std::string& s) { return DumpValue(json(s)); }

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is not one
// (Unicode 15, table 3-7: no overlongs, surrogates or values past U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  if (b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  return n;
}

}  // namespace

// nlohmann rejects a document with ill-formed UTF-8 in a string. Input must
// not lose an article for one bad byte, so such lines are repaired (each bad
// byte becomes U+FFFD) and parsed again.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

namespace {

template <typename J>
Status Parse(std::string_view text, J* out) {
  try {
    *out = J::parse(text);
    return Status::Ok();
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (what.find("ill-formed UTF-8") != std::string::npos) {
      std::string repaired = RepairUtf8(text);
      if (repaired != text) return Parse(repaired, out);
    }
    // e.byte is 1-based: the offending byte, or one past the end.
    return Status::Parse("not JSON: syntax error at byte " + std::to_string(e.byte));
  } catch (const json::exception& e) {  // e.g. "number overflow parsing"
    std::string what = e.what();        // "[json.exception.x.n] reason"
    size_t skip = what.find("] ");
    if (skip != std::string::npos) what.erase(0, skip + 2);
    return Status::Parse("not JSON: " + what);
  } catch (const std::exception& e) {
    return Status::Parse(std::string("not JSON: ") + e.what());
  }
}

// "" when `j` is absent or not a string.
std::string StringOrEmpty(json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::string();
  return std::move(it->get_ref<std::string&>());
}

std::string KeyText(json& obj) {
  auto it = obj.find("id");
  if (it == obj.end()) return std::string();
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return DumpValue(*it);  // decimal text
  return std::string();
}

// JSON's integer syntax: -?(0|[1-9][0-9]*), any length.
bool IsJsonInteger(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty() || (s[0] == '0' && s.size() > 1)) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool ParseDouble(std::string_view s, double* out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end && std::isfinite(*out);
}

}  // namespace

Status NlohmannParseArticle(std::string_view line, JsonArticle* out) {
  *out = JsonArticle();
  json j;
  VNREFORM_RETURN_IF_ERROR(Parse(line, &j));
  if (!j.is_object()) return Status::Parse("not a JSON object");
  out->body = StringOrEmpty(j, "html");
  out->has_html = !out->body.empty();
  if (!out->has_html) {
    auto it = j.find("text");
    if (it == j.end() || !it->is_string())
      return Status::Parse("no \"text\" or \"html\" string");
    out->body = std::move(it->get_ref<std::string&>());
  }
  out->id = KeyText(j);
  out->url = StringOrEmpty(j, "url");
  if (out->id.empty() && out->url.empty()) return Status::Parse("no \"id\" or \"url\"");
  out->title = StringOrEmpty(j, "title");
  out->published = StringOrEmpty(j, "published");
  for (const char* key : {"date", "first_committed_at", "fetched_at"})
    if (out->input_date.empty()) out->input_date = StringOrEmpty(j, key);
  return Status::Ok();
}

JsonObject& JsonObject::Add(std::string key, std::string value) {
  entries_.push_back(Entry{std::move(key), std::move(value), Entry::kString});
  return *this;
}

JsonObject& JsonObject::AddInt(std::string key, int64_t value) {
  entries_.push_back(Entry{std::move(key), std::to_string(value), Entry::kInt});
  return *this;
}

JsonObject& JsonObject::AddNumber(std::string key, double value) {
  // nlohmann writes the shortest text that round-trips, and null for NaN/inf.
  entries_.push_back(Entry{std::move(key), DumpValue(json(value)), Entry::kRaw});
  return *this;
}

JsonObject& JsonObject::AddRaw(std::string key, std::string json_text) {
  entries_.push_back(Entry{std::move(key), std::move(json_text), Entry::kRaw});
  return *this;
}

// A value whose text is not a valid number of its kind is written as a
// string rather than as broken JSON.
JsonObject& JsonObject::AddField(const Field& f) {
  double d = 0;
  // A whole number is written without ".0" whatever its kind (79500000).
  if ((f.kind == Field::kInt || f.kind == Field::kNumber) && IsJsonInteger(f.value)) {
    entries_.push_back(Entry{f.name, f.value, Entry::kInt});
  } else if (f.kind == Field::kNumber && ParseDouble(f.value, &d)) {
    AddNumber(f.name, d);
  } else {
    Add(f.name, f.value);
  }
  return *this;
}

std::string JsonObject::Dump() const {
  std::string out = "{";
  for (const Entry& e : entries_) {
    if (out.size() > 1) out += ',';
    out += Quote(e.key);
    out += ':';
    out += e.kind == Entry::kString ? Quote(e.value) : e.value;
  }
  out += '}';
  return out;
}

std::string FieldsToJson(const std::vector<Field>& fields) {
  JsonObject obj;
  for (const Field& f : fields) obj.AddField(f);
  return obj.Dump();
}

Status FieldsFromJson(std::string_view text, std::vector<Field>* out) {
  out->clear();
  ordered_json j;  // keeps the fields in their written order
  VNREFORM_RETURN_IF_ERROR(Parse(text, &j));
  if (!j.is_object()) return Status::Parse("not a JSON object");
  for (auto& [key, value] : j.items()) {
    Field f{key, std::string(), Field::kString};
    if (value.is_number_integer()) {
      f.kind = Field::kInt;
      f.value = DumpValue(value);
    } else if (value.is_number_float()) {
      f.kind = Field::kNumber;
      f.value = DumpValue(value);
    } else if (value.is_string()) {
      f.value = value.get<std::string>();
    } else {
      f.value = DumpValue(value);
    }
    out->push_back(std::move(f));
  }
  return Status::Ok();
}

std::string PlanToJson(const Plan& p, bool with_id) {
  ordered_json j;
  j["format"] = "vnreform plan 1";
  if (with_id) j["id"] = p.id;
  j["schema_version"] = p.schema_version;
  j["ruleset"] = p.ruleset;
  j["rules_path"] = p.rules_path;
  ordered_json files = ordered_json::array();
  for (const auto& [name, hash] : p.rule_files)
    files.push_back(ordered_json{{"name", name}, {"hash", hash}});
  j["rule_files"] = files;
  j["inputs"] = p.inputs;
  j["dir"] = p.dir;
  ordered_json shards = ordered_json::array();
  for (size_t i = 0; i < p.shards.size(); ++i) {
    const PlanShard& s = p.shards[i];
    ordered_json pieces = ordered_json::array();
    for (const InputPiece& piece : s.pieces) {
      ordered_json o{{"path", piece.path},
                     {"key", piece.key},
                     {"file_size", piece.file_size},
                     {"bytes", piece.bytes}};
      if (piece.end_line > 0) {
        o["first_line"] = piece.first_line;
        o["end_line"] = piece.end_line;
        o["offset"] = piece.offset;
      }
      pieces.push_back(std::move(o));
    }
    shards.push_back(ordered_json{
        {"shard", i}, {"bytes", s.bytes}, {"units", s.units}, {"pieces", pieces}});
  }
  j["shards"] = shards;
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

namespace {

// Reads j[key] as T, or says which field is wrong.
template <typename T>
Status Get(const json& j, const char* key, const std::string& where, T* out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::Parse(where + ": no \"" + key + "\"");
  try {
    *out = it->get<T>();
  } catch (const std::exception&) {
    return Status::Parse(where + ": \"" + key + "\" has the wrong kind of value");
  }
  return Status::Ok();
}

}  // namespace

Status PlanFromJson(std::string_view text, Plan* out) {
  *out = Plan();
  json j;
  VNREFORM_RETURN_IF_ERROR(Parse(text, &j));
  if (!j.is_object()) return Status::Parse("not a JSON object");
  std::string format;
  VNREFORM_RETURN_IF_ERROR(Get(j, "format", "plan", &format));
  if (format != "vnreform plan 1")
    return Status::Parse("not a vnreform plan (format \"" + format + "\")");
  VNREFORM_RETURN_IF_ERROR(Get(j, "id", "plan", &out->id));
  VNREFORM_RETURN_IF_ERROR(Get(j, "schema_version", "plan", &out->schema_version));
  VNREFORM_RETURN_IF_ERROR(Get(j, "ruleset", "plan", &out->ruleset));
  VNREFORM_RETURN_IF_ERROR(Get(j, "rules_path", "plan", &out->rules_path));
  VNREFORM_RETURN_IF_ERROR(Get(j, "inputs", "plan", &out->inputs));
  VNREFORM_RETURN_IF_ERROR(Get(j, "dir", "plan", &out->dir));
  json files, shards;
  VNREFORM_RETURN_IF_ERROR(Get(j, "rule_files", "plan", &files));
  VNREFORM_RETURN_IF_ERROR(Get(j, "shards", "plan", &shards));
  if (!files.is_array() || !shards.is_array() || shards.empty())
    return Status::Parse("plan: \"rule_files\" and \"shards\" must be arrays");
  for (const json& f : files) {
    std::string name, hash;
    VNREFORM_RETURN_IF_ERROR(Get(f, "name", "plan: rule_files", &name));
    VNREFORM_RETURN_IF_ERROR(Get(f, "hash", "plan: rule_files", &hash));
    out->rule_files.emplace_back(std::move(name), std::move(hash));
  }
  for (size_t i = 0; i < shards.size(); ++i) {
    const json& s = shards[i];
    const std::string where = "plan: shard " + std::to_string(i);
    PlanShard shard;
    json pieces;
    if (!s.is_object()) return Status::Parse(where + ": not an object");
    VNREFORM_RETURN_IF_ERROR(Get(s, "bytes", where, &shard.bytes));
    VNREFORM_RETURN_IF_ERROR(Get(s, "units", where, &shard.units));
    VNREFORM_RETURN_IF_ERROR(Get(s, "pieces", where, &pieces));
    if (!pieces.is_array()) return Status::Parse(where + ": \"pieces\" is no array");
    for (const json& p : pieces) {
      InputPiece piece;
      if (!p.is_object()) return Status::Parse(where + ": a piece is no object");
      VNREFORM_RETURN_IF_ERROR(Get(p, "path", where, &piece.path));
      VNREFORM_RETURN_IF_ERROR(Get(p, "key", where, &piece.key));
      VNREFORM_RETURN_IF_ERROR(Get(p, "file_size", where, &piece.file_size));
      VNREFORM_RETURN_IF_ERROR(Get(p, "bytes", where, &piece.bytes));
      if (p.contains("end_line")) {
        VNREFORM_RETURN_IF_ERROR(Get(p, "first_line", where, &piece.first_line));
        VNREFORM_RETURN_IF_ERROR(Get(p, "end_line", where, &piece.end_line));
        VNREFORM_RETURN_IF_ERROR(Get(p, "offset", where, &piece.offset));
        if (piece.first_line < 1 || piece.end_line <= piece.first_line)
          return Status::Parse(where + ": " + piece.path + ": bad line range");
      }
      shard.pieces.push_back(std::move(piece));
    }
    out->shards.push_back(std::move(shard));
  }
  return Status::Ok();
}

}  // namespace vnreform
