// Tests for src/json/json.cc: JSONL article parsing, the JSON writer and
// record fields to JSON and back.
#include "json/json.h"

#include <catch2/catch.hpp>

namespace vnreform {
namespace {

TEST_CASE("ParseJsonArticle reads the fields", "[json]") {
  JsonArticle a;
  REQUIRE(
      ParseJsonArticle(R"({"id": "dt-1", "url": "https://dantri.com.vn/a.htm", )"
                       R"("title": "Cải cách hành chính", "published": "2020-10-01", )"
                       R"("text": "Dòng 1\nDòng 2", "origin": {"repo": "x"}})",
                       &a)
          .ok());
  CHECK(a.id == "dt-1");
  CHECK(a.url == "https://dantri.com.vn/a.htm");
  CHECK(a.title == "Cải cách hành chính");
  CHECK(a.published == "2020-10-01");
  CHECK(a.body == "Dòng 1\nDòng 2");
  CHECK_FALSE(a.has_html);
}

TEST_CASE("ParseJsonArticle keys, bodies and optional fields", "[json]") {
  struct Case {
    const char* line;
    const char* id;
    const char* url;
    const char* body;
    bool has_html;
    const char* published;
  };
  static const Case kCases[] = {
      {R"({"id": 42, "text": "t"})", "42", "", "t", false, ""},
      {R"({"id": -7, "text": "t"})", "-7", "", "t", false, ""},
      {R"({"url": "u", "text": "t"})", "", "u", "t", false, ""},
      {R"({"id": null, "url": "u", "text": "t"})", "", "u", "t", false, ""},
      {R"({"id": "i", "html": "<p>h</p>", "text": "t"})", "i", "", "<p>h</p>", true, ""},
      {R"({"id": "i", "html": "", "text": "t"})", "i", "", "t", false, ""},
      {R"({"id": "i", "html": null, "text": "t"})", "i", "", "t", false, ""},
      {R"({"id": "i", "text": "", "published": null})", "i", "", "", false, ""},
      {R"({"id": "i", "text": "t", "published": 2017})", "i", "", "t", false, ""},
      {R"({"id": "i", "text": "t", "title": null, "published": "2021"})", "i", "", "t",
       false, "2021"},
  };
  for (const Case& c : kCases) {
    INFO(c.line);
    JsonArticle a;
    Status s = ParseJsonArticle(c.line, &a);
    REQUIRE(s.ok());
    CHECK(a.id == c.id);
    CHECK(a.url == c.url);
    CHECK(a.body == c.body);
    CHECK(a.has_html == c.has_html);
    CHECK(a.published == c.published);
    CHECK(a.title.empty());
  }
}

TEST_CASE("issue 14: ParseJsonArticle reads the input's own date", "[json]") {
  struct Case {
    const char* line;
    const char* input_date;
  };
  // The first string of "date", "first_committed_at", "fetched_at"; the
  // last of a key given twice. Short lines go to simdjson and long ones to
  // nlohmann: both must read the same.
  static const Case kCases[] = {
      {R"({"id": "i", "text": "t"})", ""},
      {R"({"id": "i", "text": "t", "published": null, "first_committed_at": "2017-05-08"})",
       "2017-05-08"},
      {R"({"id": "i", "text": "t", "fetched_at": "2025-08-09T09:06", "date": "2020-10-01"})",
       "2020-10-01"},
      {R"({"id": "i", "text": "t", "date": null, "fetched_at": "2025-08-09"})",
       "2025-08-09"},
      {R"({"id": "i", "text": "t", "date": 2017, "first_committed_at": "2017-05"})",
       "2017-05"},
      {R"({"id": "i", "text": "t", "date": "a", "date": "b"})", "b"},
  };
  for (const Case& c : kCases) {
    for (const bool long_line : {false, true}) {
      std::string line = c.line;
      // Past simdjson's 1 MiB line limit (simdjson_read.cc).
      if (long_line)
        line.insert(line.size() - 1, ", \"pad\": \"" + std::string(1 << 20, 'x') + "\"");
      INFO(c.line << (long_line ? " (nlohmann)" : " (simdjson)"));
      JsonArticle a;
      REQUIRE(ParseJsonArticle(line, &a).ok());
      CHECK(a.input_date == c.input_date);
    }
  }
}

TEST_CASE("ParseJsonArticle errors are short and clear", "[json]") {
  struct Case {
    const char* line;
    const char* message;
  };
  static const Case kCases[] = {
      {R"({"id": "a", "text": )", "not JSON: syntax error at byte 21"},
      {"not json", "not JSON: syntax error at byte 2"},
      {R"({"id": "a", "text": "t"} extra)", "not JSON: syntax error at byte 26"},
      {R"(["id", "text"])", "not a JSON object"},
      {R"("text")", "not a JSON object"},
      {R"({"id": "a"})", "no \"text\" or \"html\" string"},
      {R"({"id": "a", "text": 5})", "no \"text\" or \"html\" string"},
      {R"({"id": "a", "html": ""})", "no \"text\" or \"html\" string"},
      {R"({"text": "t"})", "no \"id\" or \"url\""},
      {R"({"id": "", "url": "", "text": "t"})", "no \"id\" or \"url\""},
      {R"({"id": true, "text": "t"})", "no \"id\" or \"url\""},
      {R"({"id": 1e999, "text": "t"})", "not JSON: number overflow parsing '1e999'"},
  };
  for (const Case& c : kCases) {
    INFO(c.line);
    JsonArticle a;
    Status s = ParseJsonArticle(c.line, &a);
    CHECK(s.code() == Status::kParse);
    CHECK(s.message() == c.message);
  }
}

TEST_CASE("ParseJsonArticle keeps an article with invalid UTF-8", "[json]") {
  // nlohmann rejects ill-formed UTF-8; json.cc repairs the line and retries.
  JsonArticle a;
  Status s = ParseJsonArticle("{\"id\": \"x\", \"text\": \"a\xC3\x28 b\xFF\"}", &a);
  REQUIRE(s.ok());
  CHECK(a.body == "a\xEF\xBF\xBD( b\xEF\xBF\xBD");
}

TEST_CASE("JsonObject escapes and keeps UTF-8", "[json]") {
  std::string json = JsonObject()
                         .Add("q", "say \"hi\"\nnext\ttab\\ \x01 end")
                         .Add("vi", "Thủ tục hành chính – Đà Nẵng")
                         .AddInt("n", -296)
                         .AddNumber("r", 35.03)
                         .AddRaw("raw", R"([1,{"a":null}])")
                         .Dump();
  CHECK(json == R"({"q":"say \"hi\"\nnext\ttab\\ \u0001 end",)"
                R"("vi":"Thủ tục hành chính – Đà Nẵng","n":-296,"r":35.03,)"
                R"("raw":[1,{"a":null}]})");
  CHECK(JsonObject().Dump() == "{}");
}

TEST_CASE("JsonObject replaces invalid UTF-8 and never throws", "[json]") {
  std::string json;
  REQUIRE_NOTHROW(json = JsonObject().Add("k\xFF", "a\xC3(b\xE1\xBA").Dump());
  CHECK(json == "{\"k\xEF\xBF\xBD\":\"a\xEF\xBF\xBD(b\xEF\xBF\xBD\"}");
}

TEST_CASE("JsonObject writes non-finite numbers as null", "[json]") {
  CHECK(JsonObject().AddNumber("x", 1.0 / 0.0).Dump() == R"({"x":null})");
}

TEST_CASE("FieldsToJson writes numbers unquoted", "[json]") {
  std::vector<Field> fields = {
      {"numerator", "296", Field::kInt},
      {"ratio", "35.03", Field::kNumber},
      {"indicator", "nhiệm vụ", Field::kString},
      {"big", "123456789012345678901234567890", Field::kInt},
      {"bad_int", "12abc", Field::kInt},      // not a number: a string
      {"bad_number", "1,5", Field::kNumber},  // ditto
      {"date", "2023-07-19", Field::kString},
  };
  CHECK(FieldsToJson(fields) ==
        R"({"numerator":296,"ratio":35.03,"indicator":"nhiệm vụ",)"
        R"("big":123456789012345678901234567890,"bad_int":"12abc",)"
        R"("bad_number":"1,5","date":"2023-07-19"})");
  CHECK(FieldsToJson({}) == "{}");
}

TEST_CASE("FieldsFromJson round-trips FieldsToJson with kinds", "[json]") {
  std::vector<Field> fields = {
      {"numerator", "296", Field::kInt},
      {"denominator", "-3", Field::kInt},
      {"ratio", "35.03", Field::kNumber},
      {"percent", "0.5", Field::kNumber},
      {"indicator", "nhiệm vụ \"đúng hạn\"", Field::kString},
      {"a", "2023-07-19", Field::kString},
  };
  std::vector<Field> back;
  REQUIRE(FieldsFromJson(FieldsToJson(fields), &back).ok());
  REQUIRE(back.size() == fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    INFO(fields[i].name);
    CHECK(back[i].name == fields[i].name);
    CHECK(back[i].value == fields[i].value);
    CHECK(back[i].kind == fields[i].kind);
  }
}

TEST_CASE("FieldsFromJson turns other types into strings", "[json]") {
  std::vector<Field> out;
  REQUIRE(FieldsFromJson(R"({"n":null,"b":true,"l":[1,"x"],"o":{"k":1}})", &out).ok());
  REQUIRE(out.size() == 4);
  CHECK(out[0].value == "null");
  CHECK(out[1].value == "true");
  CHECK(out[2].value == R"([1,"x"])");
  CHECK(out[3].value == R"({"k":1})");
  for (const Field& f : out) CHECK(f.kind == Field::kString);
}

TEST_CASE("FieldsFromJson errors", "[json]") {
  std::vector<Field> out = {{"stale", "1", Field::kInt}};
  CHECK(FieldsFromJson("[1]", &out).message() == "not a JSON object");
  CHECK(out.empty());
  CHECK(FieldsFromJson("{", &out).message() == "not JSON: syntax error at byte 2");
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("whole numbers are written without a fraction", "[json]") {
  CHECK(FieldsToJson({{"v", "63", Field::kNumber}}) == "{\"v\":63}");
  CHECK(FieldsToJson({{"v", "35.03", Field::kNumber}}) == "{\"v\":35.03}");
  CHECK(FieldsToJson({{"v", "79500000", Field::kNumber}}) == "{\"v\":79500000}");
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

// simdjson reads the lines it can (src/json/simdjson_read.cc); these are the
// edges where it refuses or would read differently from nlohmann, and the
// result nlohmann gives, which is kept.
TEST_CASE("ParseJsonArticle reads edge cases as nlohmann did", "[json]") {
  struct Case {
    std::string line;
    const char* id;
    std::string body;
  };
  static const Case kCases[] = {
      // A key given twice: the last value counts.
      {R"({"id": "a", "text": "1", "text": "2", "id": "b"})", "b", "2"},
      {R"({"id": "a", "html": "<p>h</p>", "html": 5, "text": "t"})", "a", "t"},
      // A UTF-8 BOM before the object (simdjson refuses it).
      {"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"t\"}", "a", "t"},
      // Integer ids past 64 bits, and ids with a fraction or an exponent,
      // keyed by nlohmann's number text.
      {R"({"id": 18446744073709551615, "text": "t"})", "18446744073709551615", "t"},
      {R"({"id": 18446744073709551616, "text": "t"})", "1.8446744073709552e+19", "t"},
      {R"({"id": -9223372036854775808, "text": "t"})", "-9223372036854775808", "t"},
      {R"({"id": -0, "text": "t"})", "0", "t"},
      {R"({"id": 1.0, "text": "t"})", "1.0", "t"},
      {R"({"id": 1E2, "text": "t"})", "100.0", "t"},
      // A number too big for simdjson in a field nobody reads.
      {R"({"id": "a", "n": 123456789012345678901234567890, "text": "t"})", "a", "t"},
      // Escapes: a surrogate pair, NUL, solidus, an escaped key.
      {R"({"id": "a", "text": "\ud83d\ude00 \u0000 \/ \u1EA1"})", "a",
       "\xF0\x9F\x98\x80 " + std::string(1, '\0') + " / \xE1\xBA\xA1"},
      {R"({"i\u0064": "a", "text": "t"})", "a", "t"},
      // Ill-formed UTF-8 in a key and in a value, repaired.
      {"{\"id\": \"a\xFF\", \"te\xC3xt\": \"x\", \"text\": \"\xE1\xBA\"}",
       "a\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD"},  // one per bad byte
  };
  for (const Case& c : kCases) {
    INFO(c.line);
    JsonArticle a;
    Status s = ParseJsonArticle(c.line, &a);
    REQUIRE(s.ok());
    CHECK(a.id == c.id);
    CHECK(a.body == c.body);
  }
}

TEST_CASE("ParseJsonArticle errors simdjson and nlohmann both refuse", "[json]") {
  struct Case {
    std::string line;
    const char* message;
  };
  static const Case kCases[] = {
      // Lone and reversed surrogates.
      {R"({"id": "a", "text": "\ud800"})", "not JSON: syntax error at byte 28"},
      {R"({"id": "a", "text": "\udc00"})", "not JSON: syntax error at byte 27"},
      {R"({"id": "a", "text": "\ud800\u0041"})", "not JSON: syntax error at byte 33"},
      // Control characters must be escaped.
      {"{\"id\": \"a\", \"text\": \"x\ty\"}", "not JSON: syntax error at byte 23"},
      {"{\"id\": \"a\", \"text\": tru}", "not JSON: syntax error at byte 24"},
      // Ill-formed UTF-8 and another fault: the other fault, after repair.
      {"{\"id\": \"a\", \"text\": \"\xFF\"} x", "not JSON: syntax error at byte 28"},
      {"{\"id\": \"a\xFF\", \"text\": 5}", "no \"text\" or \"html\" string"},
  };
  for (const Case& c : kCases) {
    INFO(c.line);
    JsonArticle a;
    Status s = ParseJsonArticle(c.line, &a);
    CHECK(s.code() == Status::kParse);
    CHECK(s.message() == c.message);
  }
}

TEST_CASE("ParseJsonArticle reads a line over 1 MiB", "[json]") {
  const std::string text(3 << 20, 'x');
  JsonArticle a;
  REQUIRE(ParseJsonArticle("{\"id\": \"a\", \"text\": \"" + text + "\"}", &a).ok());
  CHECK(a.body == text);
}

TEST_CASE("a plan survives JSON and names a bad field", "[json]") {
  Plan p;
  p.id = "p-1";
  p.schema_version = 13;
  p.ruleset = "r-x";
  p.rules_path = "/r";
  p.rule_files = {{"a.toml", "00ff"}};
  p.inputs = {"in/"};
  p.dir = "/work";
  InputPiece whole{"in/a.txt", "a.txt", 10, 10, 0, 0, 0};
  InputPiece lines{"in/b.jsonl", "b.jsonl", 99, 40, 3, 7, 55};
  p.shards = {PlanShard{{whole, lines}, 50, 5}, PlanShard{}};
  Plan q;
  REQUIRE(PlanFromJson(PlanToJson(p), &q).ok());
  CHECK(PlanToJson(q) == PlanToJson(p));
  CHECK(q.shards[0].pieces[1].offset == 55);
  CHECK(q.shards[0].pieces[0].end_line == 0);
  CHECK(PlanToJson(p, false).find("p-1") == std::string::npos);
  std::string text = PlanToJson(p);
  text.replace(text.find("\"units\": 5"), 10, "\"units\": \"5\"");
  Status s = PlanFromJson(text, &q);
  CHECK(s.message() == "plan: shard 0: \"units\" has the wrong kind of value");
  CHECK(!PlanFromJson("{\"format\": \"other\"}", &q).ok());
}

}  // namespace
}  // namespace vnreform
