// ParseJsonArticle over simdjson's DOM API, the only file that includes
// simdjson. simdjson is stricter than nlohmann or equal on every input
// tried (tests/json_test.cc), so a line it reads is read here, and any line
// it refuses, or whose fields it would read differently, goes to
// NlohmannParseArticle: same values and same error messages as before.
// Tested by tests/json_test.cc.
#include <simdjson.h>

#include <string>
#include <string_view>

#include "json/json.h"
#include "json/nlohmann_read.h"

namespace vnreform {
namespace {

// Larger lines go to nlohmann: the DOM parser keeps buffers of about 14
// bytes per input byte for the largest line it has seen, per thread.
constexpr size_t kMaxSimdjsonLine = 1 << 20;

// The last value of each key ParseJsonArticle reads: for a key given twice
// nlohmann keeps the last, simdjson's lookup would find the first.
struct Fields {
  simdjson::dom::element id, url, title, published, text, html;
  bool has_id = false, has_url = false, has_title = false, has_published = false,
       has_text = false, has_html = false;
  // "date", "first_committed_at", "fetched_at", in the order they are tried.
  simdjson::dom::element dates[3];
  bool has_date[3] = {false, false, false};
};

void Collect(simdjson::dom::object obj, Fields* f) {
  for (simdjson::dom::key_value_pair kv : obj) {
    const std::string_view k = kv.key;
    if (k == "id") {
      f->id = kv.value, f->has_id = true;
    } else if (k == "url") {
      f->url = kv.value, f->has_url = true;
    } else if (k == "title") {
      f->title = kv.value, f->has_title = true;
    } else if (k == "published") {
      f->published = kv.value, f->has_published = true;
    } else if (k == "text") {
      f->text = kv.value, f->has_text = true;
    } else if (k == "html") {
      f->html = kv.value, f->has_html = true;
    } else if (k == "date") {
      f->dates[0] = kv.value, f->has_date[0] = true;
    } else if (k == "first_committed_at") {
      f->dates[1] = kv.value, f->has_date[1] = true;
    } else if (k == "fetched_at") {
      f->dates[2] = kv.value, f->has_date[2] = true;
    }
  }
}

// "" when absent or not a string.
std::string StringOrEmpty(bool present, simdjson::dom::element e) {
  std::string_view s;
  if (!present || e.get_string().get(s)) return std::string();
  return std::string(s);
}

// Reads `text` (valid UTF-8) into *out as NlohmannParseArticle would. False
// when the line must go to nlohmann instead: any error, and an "id" that is
// not a string or an integer (nlohmann's number text is what keys it).
bool SimdjsonParseArticle(std::string_view text, JsonArticle* out) {
  thread_local simdjson::dom::parser parser(kMaxSimdjsonLine);
  simdjson::dom::object obj;
  if (parser.parse(text.data(), text.size()).get_object().get(obj)) return false;
  Fields f;
  Collect(obj, &f);
  *out = JsonArticle();
  out->body = StringOrEmpty(f.has_html, f.html);
  out->has_html = !out->body.empty();
  if (!out->has_html) {
    std::string_view body;
    if (!f.has_text || f.text.get_string().get(body)) return false;
    out->body = std::string(body);
  }
  if (f.has_id) {
    std::string_view s;
    int64_t i = 0;
    uint64_t u = 0;
    if (!f.id.get_string().get(s)) {
      out->id = std::string(s);
    } else if (!f.id.get_int64().get(i)) {
      out->id = std::to_string(i);
    } else if (!f.id.get_uint64().get(u)) {
      out->id = std::to_string(u);
    } else if (f.id.is_number()) {
      return false;
    }
  }
  out->url = StringOrEmpty(f.has_url, f.url);
  if (out->id.empty() && out->url.empty()) return false;
  out->title = StringOrEmpty(f.has_title, f.title);
  out->published = StringOrEmpty(f.has_published, f.published);
  for (int i = 0; i < 3 && out->input_date.empty(); ++i)
    out->input_date = StringOrEmpty(f.has_date[i], f.dates[i]);
  return true;
}

}  // namespace

Status ParseJsonArticle(std::string_view line, JsonArticle* out) {
  if (line.size() <= kMaxSimdjsonLine) {
    if (simdjson::validate_utf8(line.data(), line.size())) {
      if (SimdjsonParseArticle(line, out)) return Status::Ok();
    } else {
      // nlohmann repairs a line whose only fault is ill-formed UTF-8 in a
      // string; simdjson refuses it. The same repair, then simdjson.
      const std::string repaired = RepairUtf8(line);
      if (SimdjsonParseArticle(repaired, out)) return Status::Ok();
    }
  }
  return NlohmannParseArticle(line, out);
}

}  // namespace vnreform
