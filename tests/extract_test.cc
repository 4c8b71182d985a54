// Tests for src/extract: the rule loader's errors, the converters, overlap
// resolution, guards, and document-level inference.
#include "extract/extract.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extract_internal.h"
#include "normalize/normalize.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;

// Writes `toml` to a temp rule file and loads it.
struct RuleFile {
  fs::path path;
  explicit RuleFile(const std::string& toml, const std::string& name = "r.toml") {
    path = fs::temp_directory_path() / ("vnreform_rules_" + std::to_string(::getpid()));
    fs::create_directories(path);
    std::ofstream(path / name) << toml;
  }
  ~RuleFile() { fs::remove_all(path); }
  Status Load(RuleSet* rs) const { return LoadRules(path.string(), rs); }
};

std::unique_ptr<Extractor> Make(const std::string& toml) {
  RuleFile f(toml);
  RuleSet rs;
  Status s = f.Load(&rs);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::unique_ptr<Extractor> ex;
  s = Extractor::Create(std::move(rs), &ex);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return ex;
}

Document Run(const Extractor& ex, const std::string& text) {
  Document d;
  d.text = text;
  Normalize(&d);
  ex.Extract(&d);
  return d;
}

TEST_CASE("malformed rule files are refused with file:line", "[extract]") {
  struct Case {
    const char* toml;
    const char* message;  // a part of the expected message
  } cases[] = {
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a\n", "r.toml:4"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\n[[rule]]\nid = \"a\"\ntype = "
       "\"x\"\npattern = 'b'\n",
       "r.toml:5: rule \"a\": id defined twice"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\npaterns = 'b'\n",
       "r.toml:5: rule \"a\": unknown key \"paterns\""},
      // Found by the rules fuzzer: a float here was cast to int (UB).
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\npriority = 3.5e44\n",
       "r.toml:1: rule \"a\": priority: a whole number"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\nmax_line = 9999999999\n",
       "rule \"a\": max_line: a whole number"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\n",
       "r.toml:1: rule \"a\": rule has no pattern"},
      {"[[rule]]\ntype = \"x\"\npattern = 'a'\n", "rule has no id"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = '(?P<n>\\d+)'\nfields = { v = "
       "\"nosuch(n)\" }\n",
       "unknown converter \"nosuch\""},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = '(?P<n>\\d+)'\nfields = { v = "
       "\"int(n, n)\" }\n",
       "int() takes 1 argument(s), got 2"},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = '{{nosuch}}'\n",
       "unknown definition {{nosuch}}"},
      {"rules = 1\n", "unknown top-level key \"rules\""},
      {"[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = '(?P<l>a)'\nlist = \"l\"\n",
       "r.toml:1: rule \"a\": list and item go together"},
  };
  for (const Case& c : cases) {
    INFO(c.toml);
    RuleFile f(c.toml);
    RuleSet rs;
    Status s = f.Load(&rs);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}

TEST_CASE("patterns that do not compile are refused with file:line", "[extract]") {
  RuleFile f("[[rule]]\nid = \"bad\"\ntype = \"x\"\npattern = '(?P<n>\\d+'\n");
  RuleSet rs;
  REQUIRE(f.Load(&rs).ok());
  std::unique_ptr<Extractor> ex;
  Status s = Extractor::Create(std::move(rs), &ex);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("r.toml:1: rule \"bad\": pattern: missing )"));

  RuleFile g(
      "[[rule]]\nid = \"g\"\ntype = \"x\"\npattern = '(?P<n>\\d+)'\nfields = { v = "
      "\"int(m)\" }\n");
  REQUIRE(g.Load(&rs).ok());
  s = Extractor::Create(std::move(rs), &ex);
  CHECK_THAT(s.message(), Catch::Contains("no group (?P<m>...)"));
}

TEST_CASE("converters normalize values", "[extract]") {
  struct Case {
    const char* converter;
    std::vector<std::string> args;
    bool ok;
    const char* value;
  } cases[] = {
      {"int", {"1.384"}, true, "1384"},
      {"int", {"296"}, true, "296"},
      {"int", {"12a"}, false, ""},
      {"number", {"35,03"}, true, "35.03"},
      {"number", {"1.384,5"}, true, "1384.5"},
      {"number", {"2.189"}, true, "2189"},
      {"number", {"2.5"}, true, "2.5"},
      {"number", {"100"}, true, "100"},
      {"scaled", {"79,5", "triệu"}, true, "79500000"},
      {"scaled", {"2", "tỷ"}, true, "2000000000"},
      {"iso_date", {"4", "4", "2022"}, true, "2022-04-04"},
      {"iso_date", {"29", "2", "2024"}, true, "2024-02-29"},
      {"iso_date", {"29", "2", "2023"}, false, ""},
      {"iso_date", {"31", "4", "2023"}, false, ""},
      {"iso_date", {"19", "7", ""}, true, "--07-19"},
      {"iso_date", {"1", "13", "2023"}, false, ""},
      {"month", {"9", "2022"}, true, "2022-09"},
      {"datetime", {"19", "04", "2023", "20", "02"}, true, "2023-04-19T20:02"},
      {"datetime", {"8", "5", "2024", "", ""}, true, "2024-05-08"},
      {"datetime", {"8", "5", "2024", "25", "00"}, false, ""},
      {"datetime", {"21", "7", "2023", "07", "01", "PM"}, true, "2023-07-21T19:01"},
      {"datetime", {"21", "7", "2023", "12", "30", "CH"}, true, "2023-07-21T12:30"},
      {"datetime", {"10", "9", "2021", "10", "22", ""}, true, "2021-09-10T10:22"},
      {"datetime", {"27", "3", "2014", "12", "00", "", "AM"}, true, "2014-03-27T00:00"},
      {"datetime", {"27", "3", "2014", "10", "00", "", "AM"}, true, "2014-03-27T10:00"},
      {"compact", {" 73/2019/ NĐ-CP "}, true, "73/2019/NĐ-CP"},
      {"signed_int", {"giảm", "7"}, true, "-7"},
      {"signed_int", {"tăng", "12"}, true, "12"},
      // issue 14: a count is no larger than its whole; '.' read as a decimal.
      {"part_of", {"42", "43"}, true, "42"},
      {"part_of", {"1.384", "3.003"}, true, "1384"},
      {"part_of", {"45", "45"}, true, "45"},
      {"part_of", {"30", "4"}, false, ""},
      {"part_of", {"1", "0"}, false, ""},
      {"dot_decimal", {"91.651"}, true, "91.651"},
      {"dot_decimal", {"92.83"}, true, "92.83"},
      {"dot_decimal", {"1.384,5"}, false, ""},
      {"dot_decimal", {"91"}, false, ""},
  };
  // The scale and sign words are the rules' lexicons.
  RuleSet words;
  REQUIRE(LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules/words.toml", &words).ok());
  for (const Case& c : cases) {
    INFO(c.converter << " " << c.args[0]);
    FieldSpec spec{"v", c.converter, c.args};
    Field f;
    REQUIRE(ConvertField(spec, c.args, &f, &words) == c.ok);
    if (c.ok) CHECK(f.value == c.value);
  }
}

const char kRatioDate[] = R"toml(
[defs]
int = '\d+'
[[rule]]
id = "ratio"
type = "ratio"
priority = 50
pattern = '(?P<a>{{int}})/(?P<b>{{int}})'
not_after = '/'
fields = { numerator = "int(a)", denominator = "int(b)" }
[[rule]]
id = "date"
type = "date"
priority = 70
pattern = '(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?'
fields = { value = "iso_date(d, m, y)" }
[[rule]]
id = "noise"
type = "ignore"
priority = 100
pattern = 'Online: \d+'
[[rule]]
id = "dateline"
type = "published"
exclusive = false
pattern = 'Đăng ngày (?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})'
fields = { value = "iso_date(d, m, y)" }
[types.published]
role = "publication_date"
field = "value"
metadata_rule = "input.metadata"
[types.date]
drop_without = "value"
[types.ignore]
role = "furniture"
[lexicon]
year_cue = ["năm"]
year_target = ["đến", "tới", "đoạn", "nhìn", "tiêu", "hoạch"]
year_edition = ["Chỉ số", "PCI"]
)toml";

TEST_CASE("overlaps: the higher priority wins; invalid values give way", "[extract]") {
  auto ex = Make(kRatioDate);
  Document d = Run(*ex, "Ngày 30/9/2023 đạt 62/63 tỉnh; 8/5 ngày. Online: 23/45");
  REQUIRE(d.records.size() == 3);
  CHECK(d.records[0].type == "date");
  CHECK(d.records[0].Get("value") == "2023-09-30");
  // 62/63 is no date (the converter rejects day 62), so the ratio wins.
  CHECK(d.records[1].type == "ratio");
  CHECK(d.records[1].text == "62/63");
  CHECK(d.records[2].type == "date");  // 8/5: valid date, higher priority
  std::vector<Candidate> cands;
  ex->Explain(&d, &cands);
  bool lost = false;
  for (const Candidate& c : cands)
    if (!c.won && c.why.find("lost to rule \"date\"") != std::string::npos) lost = true;
  CHECK(lost);
}

TEST_CASE("guards, anchors, once and exclusive", "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "num"
type = "n"
pattern = '(?P<v>\d+)'
not_before = '[\d.]'
not_after = '\s*%'
fields = { value = "int(v)" }
[[rule]]
id = "doc"
type = "doc"
priority = 80
anchor = "num"
pattern = 'QĐ (?P<num>\d+) ngày (?P<d>\d+)'
fields = { number = "text(num)" }
[[rule]]
id = "head"
type = "head"
priority = 90
once = true
exclusive = false
max_line = 1
pattern = '(?m)^H(?P<v>\d)'
fields = { value = "int(v)" }
)toml");
  Document d = Run(*ex, "H1 QĐ 12 ngày 30 và 5% và 7\nH2 x");
  std::vector<std::string> got;
  for (const Record& r : d.records) got.push_back(r.type + ":" + r.text);
  // "1" in H1 is not blocked by the non-exclusive head; 12 is the doc's
  // anchor; 30 is outside the anchor; 5 is followed by %; H2 is on line 2,
  // so only its digit is a number.
  CHECK(got == std::vector<std::string>{"head:H1", "n:1", "doc:QĐ 12 ngày 30", "n:30",
                                        "n:7", "n:2"});
}

TEST_CASE("issue 14: only_after keeps a match only after its context", "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "count"
type = "count"
pattern = '(?P<n>\d+)/(?P<m>\d+)'
only_after = '(?:đạt|cả)\s+'
fields = { numerator = "part_of(n, m)" }
)toml");
  // The cue is not part of the record's text; 30/4 is no part of a whole.
  Document d = Run(*ex, "đạt 12/12, ngày 2/9, cả 9/9 và cả 30/4");
  std::vector<std::string> got;
  for (const Record& r : d.records) got.push_back(r.text + "=" + r.Get("numerator"));
  CHECK(got == std::vector<std::string>{"12/12=12", "9/9=9"});
}

TEST_CASE("needs: a helper rule runs only where its types matched", "[extract]") {
  const std::string toml = R"toml(
[[rule]]
id = "ratio"
type = "ratio"
pattern = '(?P<a>\d+)/(?P<b>\d+)'
fields = { a = "int(a)", b = "int(b)" }
[[rule]]
id = "subject"
type = "subject"
exclusive = false
needs = ["ratio"]
pattern = '(?P<s>Bộ \p{L}+)'
fields = { s = "text(s)" }
)toml";
  auto ex = Make(toml);
  auto types = [&](const std::string& text) {
    std::vector<std::string> got;
    for (const Record& r : Run(*ex, text).records) got.push_back(r.type);
    return got;
  };
  CHECK(types("Bộ Nội vụ hoàn thành 3/4 nhiệm vụ") ==
        std::vector<std::string>{"subject", "ratio"});
  CHECK(types("Bộ Nội vụ hoàn thành các nhiệm vụ").empty());
  SECTION("a ratio the converter rejects does not count") {
    auto strict = Make(R"toml(
[[rule]]
id = "ratio"
type = "ratio"
pattern = '(?P<a>\d+)/(?P<b>\d+)'
fields = { d = "iso_date(a, b, a)" }
[[rule]]
id = "subject"
type = "subject"
needs = "ratio"
pattern = 'Bộ \p{L}+'
)toml");
    CHECK(Run(*strict, "Bộ Nội vụ 40/50").records.empty());
  }
  SECTION("an unknown type is refused") {
    RuleFile f(R"toml(
[[rule]]
id = "subject"
type = "subject"
needs = ["ratios"]
pattern = 'Bộ'
)toml");
    RuleSet rs;
    REQUIRE(f.Load(&rs).ok());
    std::unique_ptr<Extractor> out;
    const Status s = Extractor::Create(std::move(rs), &out);
    CHECK_FALSE(s.ok());
    CHECK_THAT(s.message(),
               Catch::Contains("r.toml:2: rule \"subject\": needs \"ratios\""));
  }
}

TEST_CASE("iso_date reads days and months written as lexicon words", "[extract]") {
  auto ex = Make(R"toml(
[lexicon]
day_word = { "rằm" = 15 }
month_word = { "Giêng" = 1, "Chạp" = 12 }
[[rule]]
id = "lunar"
type = "date"
pattern = '(?P<d>\d{1,2}|rằm) tháng (?P<m>Giêng|Chạp|\d{1,2}) năm (?P<y>\d{4})'
fields = { value = "iso_date(d, m, y)" }
)toml");
  auto value = [&](const std::string& text) {
    const Document d = Run(*ex, text);
    return d.records.empty() ? std::string("none") : d.records[0].Get("value");
  };
  CHECK(value("rằm tháng Giêng năm 2024") == "2024-01-15");
  CHECK(value("23 tháng Chạp năm 2023") == "2023-12-23");
  CHECK(value("rằm tháng 7 năm 2023") == "2023-07-15");
  CHECK(value("32 tháng Giêng năm 2024") == "none");
}

TEST_CASE("rule changes: which articles a new rule set can touch", "[extract]") {
  const std::string base = R"toml(
[[rule]]
id = "pct"
type = "percent"
pattern = '(?P<v>\d+)%'
fields = { v = "int(v)" }
examples = ["5%"]
[[rule]]
id = "law"
type = "legal_ref"
pattern = 'Luật (?P<n>\p{L}+)'
fields = { n = "text(n)" }
)toml";
  auto load = [](const std::string& toml) {
    RuleFile f(toml);
    RuleSet rs;
    REQUIRE(f.Load(&rs).ok());
    return rs;
  };
  auto changes = [&](const std::string& after) {
    std::unique_ptr<RuleChanges> c = RuleChanges::Create(load(base), load(after));
    return c;
  };
  SECTION("examples and descriptions change nothing") {
    std::string after = base;
    const std::string from = "examples = [\"5%\"]";
    after.replace(after.find(from), from.size(), "examples = [\"7%\"]");
    auto c = changes(after);
    CHECK(c->changed() == 0);
    CHECK_FALSE(c->all());
    CHECK_FALSE(c->Affects("đạt 5% và Luật Đất đai"));
  }
  SECTION("a changed pattern touches texts where its matches differ") {
    std::string after = base;
    const std::string from = "'Luật (?P";
    after.replace(after.find(from), from.size(), "'Bộ luật (?P");
    auto c = changes(after);
    CHECK(c->changed() == 1);
    CHECK_FALSE(c->all());
    CHECK(c->Affects("theo Luật Đất đai"));
    CHECK(c->Affects("theo Bộ luật Dân sự"));
    CHECK_FALSE(c->Affects("đạt 5%"));
  }
  SECTION("a pattern that matches the same in a text leaves it") {
    // `base` with rule pct's pattern replaced.
    auto pct = [&](const std::string& pattern) {
      std::string after = base;
      const std::string from = "'(?P<v>\\d+)%'";
      REQUIRE(after.find(from) != std::string::npos);
      return after.replace(after.find(from), from.size(), "'" + pattern + "'");
    };
    auto c = changes(pct("(?P<v>\\d+)(?:%|‰)"));
    CHECK(c->changed() == 1);
    CHECK_FALSE(c->all());
    CHECK_FALSE(c->Affects("đạt 5% và 12%, theo Luật Đất đai"));
    CHECK(c->Affects("đạt 5% và 12‰"));
    CHECK(c->Affects("12‰"));

    // A named group's span counts, not only the whole match's.
    c = changes(pct("(?P<v>\\d)\\d*%"));
    CHECK_FALSE(c->Affects("đạt 5% và 7%"));
    CHECK(c->Affects("đạt 5% và 17%"));

    // The pattern and anything else changed: every text it matches.
    std::string after = pct("(?P<v>\\d+)(?:%|‰)");
    const std::string field = "fields = { v = \"int(v)\" }";
    REQUIRE(after.find(field) != std::string::npos);
    c = changes(
        after.replace(after.find(field), field.size(), "fields = { v = \"text(v)\" }"));
    CHECK(c->Affects("đạt 5%"));
    CHECK_FALSE(c->Affects("theo Luật Đất đai"));

    // Moved as well (its index breaks overlap ties): every text it matches.
    after = pct("(?P<v>\\d+)(?:%|‰)");
    const size_t split = after.find("[[rule]]\nid = \"law\"");
    c = changes(after.substr(split) + after.substr(0, split));
    CHECK_FALSE(c->all());
    CHECK(c->Affects("đạt 5%"));
    CHECK_FALSE(c->Affects("theo Luật Đất đai"));
  }
  SECTION("an added rule touches what it matches") {
    auto c = changes(
        base + "[[rule]]\nid = \"ratio\"\ntype = \"ratio\"\npattern = '\\d+/\\d+'\n");
    CHECK(c->changed() == 1);
    CHECK(c->Affects("đạt 3/4"));
    CHECK_FALSE(c->Affects("đạt 5%"));
  }
  SECTION("links or a new order of the rules touch every article") {
    auto linked = changes(base +
                          "[[link]]\ntype = \"percent\"\nfield = \"law\"\nfrom = "
                          "\"legal_ref\"\nvalue = \"n\"\n");
    CHECK(linked->all());
    CHECK(linked->Affects("nothing here"));
    const size_t split = base.find("[[rule]]\nid = \"law\"");
    auto reordered = changes(base.substr(split) + base.substr(0, split));
    CHECK(reordered->changed() == 0);
    CHECK(reordered->all());
  }
}

// Every candidate of `text` (rule, span, fields, why it won or lost): what
// the search strategies must agree on.
std::vector<std::string> Candidates(const Extractor& ex, const std::string& text) {
  Document d;
  d.text = text;
  Normalize(&d);
  std::vector<Candidate> cands;
  ex.Explain(&d, &cands);
  std::vector<std::string> out;
  for (const Candidate& c : cands) {
    std::string line = ex.rules().rules[c.rule].id + " " + std::to_string(c.begin) + "-" +
                       std::to_string(c.end) + " " + c.why;
    for (const Field& f : c.fields) line += " " + f.name + "=" + f.value;
    out.push_back(line);
  }
  return out;
}

std::unique_ptr<Extractor> Create(const RuleSet& rules, bool groups, bool narrow) {
  ExtractorOptions o;
  o.scan_groups = groups;
  o.narrow_letters = narrow;
  std::unique_ptr<Extractor> ex;
  REQUIRE(Extractor::Create(rules, o, &ex).ok());
  return ex;
}

TEST_CASE("scan groups and narrowed letters find what one pass per rule finds",
          "[extract]") {
  RuleSet rules;
  REQUIRE(LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &rules).ok());
  const auto plain = Create(rules, false, false), grouped = Create(rules, true, false),
             narrowed = Create(rules, false, true), both = Create(rules, true, true);
  // The rules' own examples, alone, run together, and with letters outside
  // Vietnamese (the exact patterns' path) next to and inside the matches.
  std::vector<std::string> texts, all;
  for (const Rule& r : rules.rules) {
    for (const RuleExample& e : r.examples) texts.push_back(e.text);
    for (const RuleExample& e : r.counter_examples) texts.push_back(e.text);
  }
  std::string joined;
  for (const std::string& t : texts) joined += t + (joined.size() % 3 ? ". " : "\n");
  texts.push_back(joined);
  texts.push_back("Müller " + joined);
  texts.push_back(
      "Ông Nguyễn Văn Ωmega, Chủ tịch UBND tỉnh Quảng Ninh; 12 chiếc Škoda, 3 "
      "ngôi nhà 中文 và 40/50 xã đạt chuẩn. Ngày 4-4-2022, Straße 5 tàu, 7 ſtep");
  texts.push_back("");
  for (const std::string& t : texts) {
    INFO(t);
    const std::vector<std::string> want = Candidates(*plain, t);
    CHECK(Candidates(*grouped, t) == want);
    CHECK(Candidates(*narrowed, t) == want);
    CHECK(Candidates(*both, t) == want);
  }
}

TEST_CASE("ScanGroupMembers groups small rules by file, large ones by type",
          "[extract]") {
  RuleSet set;
  auto add = [&](const char* file, const char* type, bool needs) {
    Rule r;
    r.id = std::string(file) + "." + type + std::to_string(set.rules.size());
    r.file = file;
    r.type = type;
    if (needs) r.needs = {"cue"};
    set.rules.push_back(r);
  };
  add("a.toml", "date", false);   // 0 small
  add("b.toml", "date", false);   // 1 small
  add("a.toml", "ratio", false);  // 2 small
  add("a.toml", "name", false);   // 3 large
  add("b.toml", "name", false);   // 4 large
  add("b.toml", "date", true);    // 5 small, needs: no group
  add("b.toml", "ratio", false);  // 6 small
  const std::vector<int> sizes = {10, 10, 10, 900, 900, 10, 10};
  const std::vector<std::vector<int>> want = {{0, 2}, {1, 6}, {3, 4}};
  CHECK(ScanGroupMembers(set, sizes, 800) == want);
}

// The texts of corpus/seeds/ (the five seed articles).
std::vector<std::string> SeedTexts() {
  std::vector<std::string> texts;
  for (const auto& e :
       fs::directory_iterator(fs::path(VNREFORM_SOURCE_DIR) / "corpus/seeds")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

// A text to compare where patterns can start: `odd` lines, then every rule's
// examples and the seeds, normalized.
std::string ProbeText(const RuleSet& rules, const std::string& odd) {
  std::string text = odd;
  for (const Rule& r : rules.rules)
    for (const RuleExample& e : r.examples) text += "\n" + NormalizeString(e.text);
  for (const std::string& seed : SeedTexts()) text += "\n" + NormalizeString(seed);
  return text;
}

TEST_CASE("StartsOnly cuts a pattern to where its matches start", "[extract]") {
  struct Case {
    const char* pattern;
    const char* cut;
  } cases[] = {
      {"\\d+ [a-z]+( [a-z]+)*", "\\d+ [a-z]"},
      {"(?P<n>\\d+)\\s+(?P<u>\\p{Ll}[\\p{L}-]*(?: \\p{L}+)*)",
       "(?P<n>\\d+)\\s+(?P<u>\\p{Ll})"},
      {"ab|c(?:d|e+f?)", "ab|c(?:d|e)"},
      {"x(?:ab|c*)", "x"},        // the group can match nothing
      {"a{2,}", "a{2,}"},         // needs two: kept
      {"(?:ab){1,3}", "(?:ab)"},  // one is enough
      {"ab\\b", "ab\\b"},         // assertions hold only in places: kept
      {"(?m)a[b]$", "(?m)a[b]$"},
      {"ay(?i)", "ay"},     // flags alone match nothing
      {"[]a]+b*", "[]a]"},  // ']' first in a class is a literal
      {"[[:alpha:]]+x?", "[[:alpha:]]"},
      {"ư?ơ+", "ư?ơ"},     // a repetition takes the whole character
      {"a{,2}", "a{,2}"},  // not a repetition: "{" is a literal
      {"\\x{41}+\\pL*", "\\x{41}"},
      {"a*", ""},
      {"\\Qa+\\E", "\\Qa+\\E"},  // beyond the parser: kept whole
      {"(a", "(a"},
  };
  for (const Case& c : cases) {
    INFO(c.pattern);
    CHECK(StartsOnly(c.pattern) == c.cut);
  }
  // Nested deeper than RE2 allows: kept whole, without running out of stack.
  const std::string deep = std::string(100000, '(') + "ab*" + std::string(100000, ')');
  CHECK(StartsOnly(deep) == deep);
  CHECK(StartsOnly("((ab*))") == "((a))");
  // In any text, the cut pattern can start a match exactly where the
  // pattern can: each rule's, and some harder ones, over the rules'
  // examples, the seeds, and a few odd lines.
  RuleSet rules;
  REQUIRE(LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &rules).ok());
  std::vector<std::string> patterns = {
      "(a|b(c)?)+d?", "x(?:y)+?z*",      "(?U)a+b*",       "a|",     "(?:a|b)?",
      "\\d{2,}\\.?",  "(?i:đ)[ạa]{0,2}", "(?:)",           "a{0}",   "(?s:.)*x",
      "[^]a]x?",      "(?:\\b\\w+)?\\s", "24/(?:7|24)\\b", "\\B\\d*"};
  for (const Rule& r : rules.rules) patterns.push_back(r.pattern);
  const std::string text =
      ProbeText(rules,
                "abc ab a aab ]]a xyz x]y 123 4 5678 AA ab\n cd 24/7 24/24x Đạ đaa ĐA\n"
                "a\nb ư ơơ ươ 1.384 2/3 3/4 tỉnh");
  int cut = 0;
  for (const std::string& p : patterns) {
    INFO(p);
    const std::string c = StartsOnly(p);
    cut += c != p;
    std::vector<size_t> want, got;
    REQUIRE(MatchStarts(text, p, &want));
    REQUIRE(MatchStarts(text, c, &got));
    CHECK(got == want);
  }
  CHECK(cut > 30);
}

TEST_CASE("PrefixOnly keeps a prefix that matches wherever the pattern starts",
          "[extract]") {
  struct Case {
    const char* pattern;
    const char* prefix;
  } cases[] = {
      {"abcdefghij", "abcdefgh"},            // eight atoms
      {"(?P<n>\\d+) ab", "(?P<n>\\d+) ab"},  // a small group: one atom, whole
      // A large one: each alternative's prefix, the short ones followed by
      // the rest's.
      {"(?:Bộ trưởng Bộ Tư pháp|Giám đốc công ty|Phó Thủ tướng|Chủ tịch|Bí thư) "
       "[A-Z]\\w+",
       "(?:(?:Bộ trưởn)|(?:Giám đốc)|(?:Phó Thủ )|(?:Chủ tịch)|(?:Bí thư) [A-Z])"},
      {"(?:Ông )?Ba", "(?:Ông )?Ba"},           // a small optional group: kept whole
      {"(?:a|b)+cdefghij", "(?:(?:a)|(?:b))"},  // a repetition stops there
      {"\\bab", "\\bab"},
      {"a*", ""},  // may match nothing: no prefix
      {"\\b", ""},
      {"\\Qab\\E", ""},  // beyond the parser
  };
  for (const Case& c : cases) {
    INFO(c.pattern);
    CHECK(PrefixOnly(c.pattern) == c.prefix);
  }
  // A large optional group is split: the rest follows it or stands alone.
  const std::string big = "(?:" + std::string(70, 'x') + " )?abcdefghij";
  CHECK(PrefixOnly(big) == "(?:(?:xxxxxxxx)|abcdefgh)");
  // In any text, the prefix matches wherever the pattern can start (it may
  // match elsewhere too): each rule's pattern and some harder ones, over
  // the rules' examples, the seeds and a few odd lines.
  RuleSet rules;
  REQUIRE(LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &rules).ok());
  std::vector<std::string> patterns = {"(a|b(c)?)+d?",
                                       "x(?:y)+?z*",
                                       "(?U)a+b*",
                                       "(?:a|b)?c",
                                       "\\d{2,}\\.?",
                                       "(?i:đ)[ạa]{0,2}",
                                       "(?s:.)*x",
                                       "(?:\\b\\w+)?\\s",
                                       "24/(?:7|24)\\b",
                                       "\\B\\d+",
                                       "(?:(?m:^)|[.;] )(?i:ngày) \\d+",
                                       "(?:ab|a)(?:c|)d(?:ef)?g"};
  for (const Rule& r : rules.rules) patterns.push_back(r.pattern);
  const std::string text =
      ProbeText(rules,
                "abc ab a aab ]]a xyz x]y 123 4 5678 AA ab\n cd 24/7 24/24x Đạ đaa ĐA\n"
                "a\nb ư ơơ ươ 1.384 2/3 3/4 tỉnh acdg abg. ngày 5\nNgày 7");
  int cut = 0;
  for (const std::string& p : patterns) {
    INFO(p);
    const std::string c = PrefixOnly(p);
    if (c.empty()) continue;
    ++cut;
    std::vector<size_t> want, got;
    REQUIRE(MatchStarts(text, p, &want));
    REQUIRE(MatchStarts(text, c, &got));
    CHECK(std::includes(got.begin(), got.end(), want.begin(), want.end()));
  }
  CHECK(cut > 80);
}

TEST_CASE("where RuleChanges says a pattern change cannot matter, it does not",
          "[extract]") {
  RuleSet before;
  REQUIRE(LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &before).ok());
  const auto old_ex = Create(before, false, false);
  std::vector<std::string> texts = SeedTexts();
  std::string joined;
  for (const Rule& r : before.rules)
    for (const RuleExample& e : r.examples) joined += e.text + "\n";
  texts.push_back(joined);
  REQUIRE(texts.size() == 6);
  // Each rule's pattern in turn with an optional suffix that lengthens
  // some of its matches (a comma or semicolon right after them: often; a
  // number: seldom; a per mille sign: never), and every rule's with an
  // alternative that never occurs.
  // Rules with `merge` touch every article (RuleChanges::all).
  std::vector<RuleSet> afters;
  for (size_t ri = 0; ri < before.rules.size(); ++ri) {
    if (!before.rules[ri].merge.empty()) continue;
    afters.push_back(before);
    std::string& p = afters.back().rules[ri].pattern;
    static const char* const kSuffixes[] = {")(?:\\s*‰)?", ")(?: \\d+)?", ")[,;]?"};
    p = "(?:" + p + kSuffixes[ri % 3];
  }
  afters.push_back(before);
  for (Rule& r : afters.back().rules)
    if (r.merge.empty()) r.pattern += "|ĐĐĐ‰";
  int same = 0, differ = 0;
  for (const RuleSet& after : afters) {
    std::unique_ptr<RuleChanges> changes = RuleChanges::Create(before, after);
    REQUIRE_FALSE(changes->all());
    const auto new_ex = Create(after, false, false);
    for (const std::string& t : texts) {
      INFO(t.substr(0, 80));
      if (changes->Affects(NormalizeString(t))) {
        ++differ;
        continue;
      }
      ++same;
      CHECK(Candidates(*new_ex, t) == Candidates(*old_ex, t));
    }
  }
  // Both ways were taken.
  CHECK(same > differ);
  CHECK(differ > 0);
}

TEST_CASE("narrowed letters: the same characters as \\p{L}, \\p{Lu} and \\p{Ll}",
          "[extract]") {
  // The 186 letters of Vietnamese and ASCII, by case (Unicode categories).
  const std::string upper =
      "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú "
      "Ý Ă "
      "Đ Ĩ Ũ Ơ Ư Ạ Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ẹ Ẻ Ẽ Ế Ề Ể Ễ Ệ Ỉ Ị Ọ Ỏ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ụ Ủ "
      "Ứ "
      "Ừ Ử Ữ Ự Ỳ Ỵ Ỷ Ỹ";
  const std::string lower =
      "a b c d e f g h i j k l m n o p q r s t u v w x y z à á â ã è é ê ì í ò ó ô õ ù ú "
      "ý ă "
      "đ ĩ ũ ơ ư ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ "
      "ứ "
      "ừ ử ữ ự ỳ ỵ ỷ ỹ";
  const std::string others = " 0 9 _ × ÷ ° – “ ” … · ² ½ \t";
  struct Case {
    const char* pattern;
    size_t matches;  // of the 186 letters and the others
  } cases[] = {{"\\p{Lu}", 93},      {"\\p{Ll}", 93},      {"\\p{L}", 186},
               {"[\\p{Lu}\\d]", 95}, {"[^\\p{L}\\s]", 13}, {"(?i:\\p{Lu})", 186}};
  for (const Case& c : cases) {
    INFO(c.pattern);
    RuleSet rules;
    RuleFile f(std::string("[[rule]]\nid = \"l\"\ntype = \"l\"\npattern = '") +
               c.pattern + "'\n");
    REQUIRE(f.Load(&rules).ok());
    const auto exact = Create(rules, false, false), narrow = Create(rules, false, true);
    const std::string text = upper + " " + lower + others;
    CHECK(Run(*exact, text).records.size() == c.matches);
    CHECK(Candidates(*narrow, text) == Candidates(*exact, text));
  }
  // A letter outside the set anywhere in the text: the exact patterns serve it.
  auto ex = Make("[[rule]]\nid = \"w\"\ntype = \"w\"\npattern = '\\p{Lu}\\p{Ll}+'\n");
  std::vector<std::string> got;
  for (const Record& r : Run(*ex, "Über Straße, Ωmega và Nguyễn Ðức").records)
    got.push_back(r.text);
  CHECK(got == std::vector<std::string>{"Über", "Straße", "Ωmega", "Nguyễn", "Đức"});
}

TEST_CASE("a field whose optional groups missed is left out", "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "q"
type = "q"
pattern = '(?P<n>\d+)(?: ngày (?P<d>\d+)/(?P<m>\d+)/(?P<y>\d{4}))?'
fields = { n = "int(n)", date = "iso_date(d, m, y)" }
)toml");
  Document d = Run(*ex, "số 5 và số 6 ngày 1/2/2023");
  REQUIRE(d.records.size() == 2);
  CHECK_FALSE(d.records[0].Has("date"));
  CHECK(d.records[1].Get("date") == "2023-02-01");
}

TEST_CASE("a day without a year takes the article's year", "[extract]") {
  auto ex = Make(kRatioDate);
  SECTION("from the publication date") {
    Document d;
    d.text = "Ngày 19/7, họp.";
    d.published = "2023-08-01T10:00";
    Normalize(&d);
    ex->Extract(&d);
    CHECK(d.records[1].Get("value") == "2023-07-19");
    CHECK(d.records[1].Get("year_from") == "publication_date");
    CHECK(d.records[0].type == "published");
    CHECK(d.records[0].rule_id == "input.metadata");
    CHECK(d.records[0].from_metadata);
  }
  SECTION("a late-December day in a January article is last year's") {
    Document d;
    d.text = "Ngày 28/12, họp.";
    d.published = "2024-01-03";
    Normalize(&d);
    ex->Extract(&d);
    CHECK(d.records[1].Get("value") == "2023-12-28");
  }
  SECTION("from the latest full date in the text") {
    Document d = Run(*ex, "Ngày 19/7, họp; đến 21/6/2023 và 4/4/2022.");
    CHECK(d.records[0].Get("value") == "2023-07-19");
    CHECK(d.records[0].Get("year_from") == "text");
    CHECK_FALSE(d.records[1].Has("year_from"));
  }
  SECTION("issue 14: from the input's date when there is no publication date") {
    Document d;
    d.text = "Ngày 19/7, họp; đến 21/6/2016.";
    d.input_date = "2017-05-08T17:13:39+07:00";  // baomoi's first_committed_at
    Normalize(&d);
    ex->Extract(&d);
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].Get("value") == "2017-07-19");
    CHECK(d.records[0].Get("year_from") == "input_date");
  }
  SECTION("issue 14: a day long after the input's date is last year's") {
    Document d;
    d.text = "Ngày 28/12, họp.";
    d.input_date = "2017-05-08T17:13:39+07:00";
    Normalize(&d);
    ex->Extract(&d);
    CHECK(d.records[0].Get("value") == "2016-12-28");
  }
  SECTION("issue 14: a day months after a crawl's date is last year's") {
    Document d;
    d.text = "Ngày 14/11, phiên tòa phúc thẩm; ngày 6/2, họp.";
    d.input_date = "2017-05-08T17:13:39+07:00";
    Normalize(&d);
    ex->Extract(&d);
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[0].Get("value") == "2016-11-14");
    CHECK(d.records[1].Get("value") == "2017-02-06");
  }
  SECTION("issue 14: the publication date wins over the input's date") {
    Document d;
    d.text = "Ngày 19/7, họp.";
    d.published = "2023-08-01";
    d.input_date = "2025-08-09T09:06:00+07:00";
    Normalize(&d);
    ex->Extract(&d);
    CHECK(d.records[1].Get("value") == "2023-07-19");
    CHECK(d.records[1].Get("year_from") == "publication_date");
  }
  SECTION("from a stated year when there is no full date") {
    Document d = Run(*ex, "Chiều 19/10, đoàn kiểm tra năm 2023 làm việc.");
    CHECK(d.records[0].Get("value") == "2023-10-19");
  }
  SECTION("left out when nothing says the year: --07-19 is never right") {
    Document d = Run(*ex, "Ngày 19/7, họp.");
    CHECK(d.records.empty());
  }
  SECTION("a target year is not the article's year") {
    Document d = Run(*ex, "Chiều 19/10, kế hoạch đến năm 2030 của năm 2023.");
    CHECK(d.records[0].Get("value") == "2023-10-19");
  }
  SECTION("issue 14: an index's edition year is not the article's year") {
    // PAR INDEX 2024 is announced in 2025: "Ngày 6/4" is not 2024's.
    Document d =
        Run(*ex, "Ngày 6/4, Bộ công bố Chỉ số CCHC năm 2024, tăng so với năm 2023.");
    CHECK(d.records.empty());
    d = Run(*ex, "Ngày 6/4, Bộ công bố Chỉ số CCHC năm 2024. Hội nghị năm 2025 diễn ra.");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].Get("value") == "2025-04-06");
  }
}

// A day/month rule, with or without the year, as the tests below start with.
const std::string kDayDate = R"toml(
[[rule]]
id = "date"
type = "date"
priority = 70
pattern = '(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?'
fields = { value = "iso_date(d, m, y)" }
)toml";

TEST_CASE(
    "issue 14: a yearless day drops only its own record, not a rank awaiting a link",
    "[extract]") {
  // "(15/06)" with no year anywhere is left out; the rank after it, whose
  // entity a link gives from the record before it, must wait for the links.
  auto ex = Make(kDayDate + R"toml(
[[rule]]
id = "who"
type = "who"
exclusive = false
emit = false
pattern = 'Theo (?P<c>[A-Z]\w+)'
fields = { name = "text(c)" }
[[rule]]
id = "rank"
type = "rank"
priority = 70
pattern = 'thứ (?P<r>\d+)'
fields = { rank = "int(r)" }
[types.date]
drop_without = "value"
[types.rank]
drop_without = "entity"
[[link]]
type = "rank"
field = "entity"
from = "who"
value = "name"
where = "before"
scope = "sentence"
)toml");
  Document d = Run(*ex, "Theo Hanoi (15/06), xếp thứ 4.");
  REQUIRE(d.records.size() == 1);
  CHECK(d.records[0].type == "rank");
  CHECK(d.records[0].Get("entity") == "Hanoi");
  CHECK(d.records[0].Get("rank") == "4");
}

TEST_CASE("issue 14: a document's date is not the article's year", "[extract]") {
  auto ex = Make(kDayDate + R"toml(
[[rule]]
id = "doc"
type = "doc"
exclusive = false
pattern = 'Nghị quyết số \d+-NQ/TW ngày \d+/\d+/\d{4}'
[types.date]
drop_without = "value"
[lexicon]
year_cue = ["năm"]
)toml");
  // "ngày 24/5/2005" dates the resolution; "Sáng 1/11" has no year.
  Document d = Run(*ex, "Sáng 1/11, họp về Nghị quyết số 48-NQ/TW ngày 24/5/2005.");
  REQUIRE(d.records.size() == 2);
  CHECK(d.records[0].type == "doc");
  CHECK(d.records[1].Get("value") == "2005-05-24");
  // A cue that is not kept does not hide its date: "đến 30/9/2020" counts.
  {
    auto cue = Make(kDayDate + R"toml(
[[rule]]
id = "as_of"
type = "as_of"
exclusive = false
emit = false
pattern = 'đến \d+/\d+/\d{4}'
[types.date]
drop_without = "value"
)toml");
    Document c = Run(*cue, "Sáng 1/11, họp; đến 30/9/2020 xong.");
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].Get("value") == "2020-11-01");
  }
  // A full date of the article's own still gives the year.
  d = Run(*ex,
          "Sáng 1/11, họp về Nghị quyết số 48-NQ/TW ngày 24/5/2005; đến 30/9/2020 xong.");
  REQUIRE(d.records.size() == 4);
  CHECK(d.records[0].Get("value") == "2020-11-01");
}

TEST_CASE("rule set version changes with the rules", "[extract]") {
  RuleSet a, b;
  RuleFile f1("[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\n");
  REQUIRE(f1.Load(&a).ok());
  RuleFile f2("[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'b'\n");
  REQUIRE(f2.Load(&b).ok());
  CHECK(a.version != b.version);
  CHECK(a.version.rfind("r-", 0) == 0);
}

// Before the rule files declared them, year inference, the one publication
// date and the locality were tied to the types "published", "date" and
// "place": renamed, they silently stopped.
TEST_CASE("renamed types keep their declared document-level roles", "[extract]") {
  auto ex = Make(R"toml(
[types.ngay_dang]
role = "publication_date"
field = "gia_tri"
metadata_rule = "tu_nguon"
[types.noi]
role = "locality"
field = "ten"
field_2025 = "tinh"
[types.ngay]
drop_without = "gia_tri"
[[rule]]
id = "dateline"
type = "ngay_dang"
exclusive = false
pattern = '(?m)^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$'
fields = { gia_tri = "iso_date(d, m, y)" }
[[rule]]
id = "day"
type = "ngay"
pattern = '[Nn]gày (?P<d>\d{1,2})/(?P<m>\d{1,2})'
fields = { gia_tri = "iso_date(d, m)" }
[[rule]]
id = "place"
type = "noi"
emit = false
exclusive = false
pattern = '(?P<p>Nam Định|Hà Nội)'
fields = { ten = "text(p)", tinh = "const(Ninh Bình)" }
)toml");
  Document d =
      Run(*ex, "03/01/2024\nNgày 28/12, Nam Định họp; Nam Định và Hà Nội.\n02/01/2024");
  CHECK(d.published == "2024-01-03");
  CHECK(d.locality == "Nam Định");
  CHECK(d.locality_2025 == "Ninh Bình");
  REQUIRE(d.records.size() == 2);  // one ngay_dang, the day
  CHECK(d.records[0].type == "ngay_dang");
  CHECK(d.records[1].Get("gia_tri") == "2023-12-28");
  Document meta;
  meta.text = "Ngày 19/7, họp.";
  meta.published = "2023-08-01";
  Normalize(&meta);
  ex->Extract(&meta);
  REQUIRE(meta.records.size() == 2);
  CHECK(meta.records[0].rule_id == "tu_nguon");
  CHECK(meta.records[0].Get("gia_tri") == "2023-08-01");
  CHECK(meta.records[1].Get("gia_tri") == "2023-07-19");
  // No year anywhere: the day's value goes, and with it the ngay record.
  CHECK(Run(*ex, "Ngày 19/7, họp.").records.empty());
}

TEST_CASE("a declaration for a type no rule has is refused", "[extract]") {
  RuleSet rules;
  RuleFile f(
      "[types.date]\ndrop_without = \"value\"\n"
      "[[rule]]\nid = \"a\"\ntype = \"ngay\"\npattern = 'a'\n");
  REQUIRE(f.Load(&rules).ok());
  std::unique_ptr<Extractor> ex;
  const Status s = Extractor::Create(std::move(rules), &ex);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("[types.date]") != std::string::npos);
}

TEST_CASE("a changed lexicon or declaration reaches every article", "[extract]") {
  const std::string rule = "[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\n";
  auto load = [](const std::string& text) {
    RuleSet r;
    REQUIRE(LoadRulesFromSources({{"r.toml", text}}, &r).ok());
    return r;
  };
  const RuleSet base = load(rule + "[lexicon]\nnegative = [\"giảm\"]\n");
  for (const std::string& after :
       {rule + "[lexicon]\nnegative = [\"giảm\", \"tụt\"]\n",
        rule + "[lexicon]\nnegative = [\"giảm\"]\n[types.x]\ndrop_without = \"v\"\n"}) {
    INFO(after);
    const RuleSet b = load(after);
    CHECK(b.version != base.version);
    std::unique_ptr<RuleChanges> c = RuleChanges::Create(base, b);
    CHECK(c->all());
  }
}

TEST_CASE("rule set version tells a file's name from its text", "[extract]") {
  const std::string rule = "[[rule]]\nid = \"a\"\ntype = \"x\"\npattern = 'a'\n";
  RuleSet a, b;
  REQUIRE(LoadRulesFromSources({{"a.toml", "\n" + rule}}, &a).ok());
  REQUIRE(LoadRulesFromSources({{"a.toml\n", rule}}, &b).ok());
  CHECK(a.version != b.version);
}

TEST_CASE("int_or_map reads the first group that matched", "[extract]") {
  RuleSet rs;
  rs.maps["nth"] = {{"ba", "3"}};
  const FieldSpec spec{"rank", "int_or_map", {"a", "b", "nth"}};
  Field f;
  REQUIRE(ConvertField(spec, {"", "ba", "nth"}, &f, &rs));
  CHECK(f.value == "3");
  CHECK(f.kind == Field::kInt);
  REQUIRE(ConvertField(spec, {"12", "", "nth"}, &f, &rs));
  CHECK(f.value == "12");
  CHECK_FALSE(ConvertField(spec, {"", "tư", "nth"}, &f, &rs));
}

TEST_CASE("int_or_map, text of the first group, paragraph links, drop_with(out)",
          "[extract]") {
  auto ex = Make(R"toml(
[maps.nth]
"ba" = "3"
[types.place]
drop_without = "who"
drop_with = "bad"
[[rule]]
id = "q"
type = "place"
pattern = 'hạng (?P<n>\d+)'
fields = { rank = "int(n)" }
[[rule]]
id = "cue"
type = "cue"
emit = false
exclusive = false
pattern = 'bóng'
fields = { bad = "const(1)" }
[[link]]
type = "place"
field = "bad"
from = "cue"
value = "bad"
where = "after"
[[link]]
type = "place"
field = "who"
from = "who"
value = "name"
rules = ["q"]
where = "after"
[[rule]]
id = "r"
type = "place"
pattern = '(?:(?P<a>An|Bình) )?thứ (?P<n>\d+|ba|tư)'
fields = { who = "text(a)", rank = "int_or_map(n, nth)" }
[[rule]]
id = "w"
type = "who"
emit = false
exclusive = false
pattern = '(?:tỉnh (?P<p>Cao)|huyện (?P<d>Thấp))'
fields = { name = "text(p, d)" }
[[link]]
type = "place"
field = "who"
from = "who"
value = "name"
scope = "paragraph"
rules = ["r"]
)toml");
  // "hạng 5": rule q is not among the paragraph link's rules; "thứ tư" is no
  // integer; the last line has no unit; "hạng 7" is in a sentence with a cue.
  Document d = Run(*ex,
                   "Bình thứ 12. Tỉnh này, huyện Thấp. Nó thứ ba. Mà hạng 5.\nKhác: thứ "
                   "tư.\nBình thứ 9 bóng.\nhạng 7 huyện Thấp.");
  REQUIRE(d.records.size() == 3);
  CHECK(d.records[0].Get("who") == "Bình");
  CHECK(d.records[0].Get("rank") == "12");
  CHECK(d.records[1].Get("who") == "Thấp");  // from the paragraph, by text(p, d)
  CHECK(d.records[1].Get("rank") == "3");
  CHECK(d.records[2].Get("who") == "Thấp");  // rule q, linked after
  CHECK(d.records[2].Get("rank") == "7");
  d = Run(*ex, "tỉnh Cao\nthứ 2");  // another line: no link, dropped
  CHECK(d.records.empty());
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

const char kLinked[] = R"toml(
[[rule]]
id = "r"
type = "ratio"
pattern = '(?P<a>\d+)/(?P<b>\d+)'
fields = { numerator = "int(a)", denominator = "int(b)" }
[[rule]]
id = "p"
type = "percent"
pattern = '(?P<v>\d+(?:,\d+)?)%'
fields = { value = "number(v)" }
[[rule]]
id = "cue"
type = "as_of"
emit = false
exclusive = false
pattern = 'Đến (?P<d>\d+)-(?P<m>\d+)-(?P<y>\d{4})'
fields = { value = "iso_date(d, m, y)" }
[[rule]]
id = "person"
type = "official"
merge = "name"
anchor = "n"
pattern = '(?P<t>Chủ tịch|Bí thư) (?P<n>An|Bình)'
fields = { name = "text(n)", title = "text(t)" }
[[link]]
type = "ratio"
field = "percent"
from = "percent"
value = "value"
where = "after"
scope = "clause"
max_gap = 20
[[link]]
type = "ratio"
field = "as_of"
from = "as_of"
value = "value"
scope = "sentence"
)toml";

TEST_CASE("links join facts within their scope", "[extract]") {
  auto ex = Make(kLinked);
  Document d = Run(
      *ex,
      "Đến 21-6-2023, xong 3/4 việc, đạt 75%; còn 1/4 việc. Sau đó 2/5 việc, đạt 40%.");
  std::vector<const Record*> ratios;
  for (const Record& r : d.records)
    if (r.type == "ratio") ratios.push_back(&r);
  REQUIRE(ratios.size() == 3);
  CHECK(ratios[0]->Get("percent") == "75");
  CHECK(ratios[0]->Get("as_of") == "2023-06-21");
  CHECK_FALSE(ratios[1]->Has("percent"));  // the next clause has none
  CHECK(ratios[1]->Get("as_of") == "2023-06-21");
  CHECK(ratios[2]->Get("percent") == "40");
  CHECK_FALSE(ratios[2]->Has("as_of"));                        // another sentence
  for (const Record& r : d.records) CHECK(r.type != "as_of");  // emit = false
  // Every record knows its sentence.
  CHECK(d.norm.substr(ratios[2]->sentence_begin, 3) == "Sau");
}

// Linking used to compare every record with every other one (a 10 MB line
// with 17,634 ratios took 114 s): 20,000 ratios on one line must link as
// the few in the case above do.
TEST_CASE("issue 6: links on a line of 20000 ratios", "[extract]") {
  auto ex = Make(kLinked);
  const int kSentences = 10000;
  std::string text;
  for (int i = 0; i < kSentences; ++i) {
    text += "Đến " + std::to_string(i % 28 + 1) + "-" + std::to_string(i % 12 + 1) + "-" +
            std::to_string(2000 + i % 20) + ", xong " + std::to_string(i % 9 + 1) +
            "/10 việc, đạt " + std::to_string(i % 90 + 10) + "%; còn 1/4 việc. ";
  }
  Document d = Run(*ex, text);
  std::vector<const Record*> ratios;
  for (const Record& r : d.records)
    if (r.type == "ratio") ratios.push_back(&r);
  REQUIRE(ratios.size() == 2 * kSentences);
  int wrong = 0, first_wrong = -1;
  for (int i = 0; i < kSentences; ++i) {
    char as_of[16];
    std::snprintf(as_of, sizeof(as_of), "%04d-%02d-%02d", 2000 + i % 20, i % 12 + 1,
                  i % 28 + 1);
    const Record& done = *ratios[2 * i];
    const Record& left = *ratios[2 * i + 1];
    if (done.Get("percent") != std::to_string(i % 90 + 10) ||
        done.Get("as_of") != as_of || left.Has("percent") || left.Get("as_of") != as_of) {
      if (wrong++ == 0) first_wrong = i;
    }
  }
  INFO("first wrong sentence: " << first_wrong);
  CHECK(wrong == 0);
}

TEST_CASE("list and item: a record per item of a list, each with the shared fields",
          "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "list"
type = "person"
anchor = "name"
pattern = '(?P<title>Chief|Judge): (?P<names>(?P<name>[A-Z][a-z]+)(?:(?:, | and )[A-Z][a-z]+)*)'
list = "names"
item = '(?P<name>[A-Z][a-z]+)'
not_after = ' ?[0-9]'
fields = { name = "text(name)", title = "text(title)" }
)toml");
  Document d = Run(*ex, "Chief: Ann, Bo and Cy came. Judge: Dee. Chief: Ed 5.");
  std::vector<std::string> got;
  for (const Record& r : d.records)
    got.push_back(r.Get("name") + ":" + r.Get("title") + ":" + r.text);
  // Each item's span runs from the match's start to the item; the guard
  // sees the whole match (Ed's "5" drops it).
  CHECK(got == std::vector<std::string>{"Ann:Chief:Chief: Ann", "Bo:Chief:Chief: Ann, Bo",
                                        "Cy:Chief:Chief: Ann, Bo and Cy",
                                        "Dee:Judge:Judge: Dee"});

  // An item's group must be a group of the pattern.
  RuleFile f(
      "[[rule]]\nid = \"l\"\ntype = \"x\"\npattern = '(?P<l>a+)'\nlist = \"l\"\n"
      "item = '(?P<z>a)'\n");
  RuleSet rs;
  REQUIRE(f.Load(&rs).ok());
  std::unique_ptr<Extractor> bad;
  Status s = Extractor::Create(std::move(rs), &bad);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(),
             Catch::Contains("item: group \"z\" is no group of the pattern"));
}

TEST_CASE("text() puts a value split by a line break on one line", "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "t"
type = "t"
pattern = '(?P<v>UBND ?\n ?tỉnh)'
fields = { v = "text(v)" }
)toml");
  Document d = Run(*ex, "Chủ tịch UBND\ntỉnh. Chủ tịch UBND \n tỉnh");
  REQUIRE(d.records.size() == 2);
  CHECK(d.records[0].Get("v") == "UBND tỉnh");
  CHECK(d.records[1].Get("v") == "UBND tỉnh");
}

TEST_CASE("merge makes one record per name with all titles", "[extract]") {
  auto ex = Make(kLinked);
  Document d = Run(*ex, "Chủ tịch An họp. Bí thư An nói. Chủ tịch An về. Chủ tịch Bình.");
  std::vector<std::string> got;
  for (const Record& r : d.records) got.push_back(r.Get("name") + ":" + r.Get("title"));
  CHECK(got == std::vector<std::string>{"An:Chủ tịch, Bí thư", "Bình:Chủ tịch"});
}

TEST_CASE("malformed links are refused with file:line", "[extract]") {
  RuleFile f(
      "[[link]]\ntype = \"ratio\"\nfield = \"x\"\nfrom = \"p\"\nvalue = \"v\"\nwhere = "
      "\"near\"\n");
  RuleSet rs;
  Status s = f.Load(&rs);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("r.toml:1: [[link]]: where is"));
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("the article's locality is the province that dominates", "[extract]") {
  auto ex = Make(R"toml(
[[rule]]
id = "place"
type = "place"
emit = false
exclusive = false
pattern = '(?P<p>Nam Định|Ninh Bình|Hà Nội)'
fields = { name = "text(p)", province_2025 = "const(Ninh Bình)" }
[types.place]
role = "locality"
field = "name"
field_2025 = "province_2025"
)toml");
  struct Case {
    const char* text;
    const char* locality;
  } cases[] = {
      {"tỉnh Nam Định họp; Nam Định đạt; Hà Nội dự.", "Nam Định"},  // 2 vs 1
      {"Nam Định và Hà Nội.", ""},                                  // a tie: none
      {"Ninh Bình.", "Ninh Bình"},
      {"không có tỉnh nào.", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Document d = Run(*ex, c.text);
    CHECK(d.locality == c.locality);
    if (*c.locality) CHECK(d.locality_2025 == "Ninh Bình");
    CHECK(d.records.empty());  // places are not stored
  }
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("map() reads a [maps] table; an unknown key drops the match", "[extract]") {
  auto ex = Make(R"toml(
[maps.color]
"đỏ" = "red"
[[rule]]
id = "c"
type = "color"
pattern = '(?P<c>đỏ|xanh)'
fields = { en = "map(c, color)" }
)toml");
  Document d = Run(*ex, "đỏ và xanh");
  REQUIRE(d.records.size() == 1);
  CHECK(d.records[0].Get("en") == "red");

  RuleFile f(
      "[[rule]]\nid = \"c\"\ntype = \"x\"\npattern = '(?P<c>a)'\nfields = { v = \"map(c, "
      "nosuch)\" }\n");
  RuleSet rs;
  REQUIRE(f.Load(&rs).ok());
  std::unique_ptr<Extractor> bad;
  Status s = Extractor::Create(std::move(rs), &bad);
  CHECK_THAT(s.message(), Catch::Contains("no [maps.nosuch]"));
}

TEST_CASE("map() of an optional group that missed leaves the field out", "[extract]") {
  auto ex = Make(R"toml(
[maps.color]
"đỏ" = "red"
[[rule]]
id = "c"
type = "color"
pattern = 'áo(?: (?P<c>đỏ))?'
fields = { en = "map(c, color)" }
)toml");
  Document d = Run(*ex, "áo đỏ, áo");
  REQUIRE(d.records.size() == 2);
  CHECK(d.records[0].Get("en") == "red");
  CHECK_FALSE(d.records[1].Has("en"));
}

TEST_CASE("relevance: scores an article with its weighted terms", "[extract]") {
  auto ex = Make(R"toml(
[relevance]
threshold = 1.0
max_count = 2
[relevance.terms]
'(?i:cải cách hành chính)' = 1.0
'\bTTHC\b' = 1.0
'(?i:một cửa liên thông)' = 0.4
[[rule]]
id = "n"
type = "n"
pattern = '\d+'
examples = ["1"]
counter_examples = ["a"]
)toml");
  struct Case {
    const char* text;
    int relevant;
    double score;
  } cases[] = {
      {"Đẩy mạnh Cải cách hành chính năm 2023", 1, 1.0},
      {"giải quyết TTHC, TTHC, TTHC đúng hạn", 1, 2.0},  // counted twice at most
      {"bộ phận một cửa liên thông", 0, 0.4},
      {"một cửa liên thông; một cửa liên thông và cải cách hành chính", 1, 1.8},
      {"giá vàng tăng 2%", 0, 0.0},
      {"TTHCx không phải", 0, 0.0},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Document d = Run(*ex, c.text);
    CHECK(d.relevant == c.relevant);
    CHECK(d.relevance == Approx(c.score));
  }
  Document titled;
  titled.title = "Cải cách hành chính";
  titled.norm = "Nội dung";
  titled.sentence_starts = {0};
  ex->Extract(&titled);
  CHECK(titled.relevant == 1);

  auto none = Make("[[rule]]\nid = \"n\"\ntype = \"n\"\npattern = '\\d+'\n");
  CHECK(Run(*none, "cải cách hành chính").relevant == -1);
}

TEST_CASE("relevance: refuses a bad table or pattern", "[extract]") {
  RuleSet rs;
  {
    RuleFile bad("[relevance]\nthreshold = 1\nweights = 2\n");
    CHECK_THAT(bad.Load(&rs).message(), Catch::Contains("[relevance]"));
  }
  {
    RuleFile empty("[relevance]\nthreshold = 1\n");
    CHECK_THAT(empty.Load(&rs).message(), Catch::Contains("no terms"));
  }
  RuleFile pattern(
      "[relevance.terms]\n'(a' = 1.0\n[[rule]]\nid = \"n\"\ntype = \"n\"\npattern = "
      "'x'\n");
  REQUIRE(pattern.Load(&rs).ok());
  std::unique_ptr<Extractor> ex;
  CHECK_THAT(Extractor::Create(std::move(rs), &ex).message(),
             Catch::Contains("[relevance.terms] '(a'"));
}

TEST_CASE("lookup() leaves the field out where its table has no entry", "[extract]") {
  auto ex = Make(R"toml(
[maps.color]
"đỏ" = "red"
[[rule]]
id = "c"
type = "color"
pattern = '(?P<c>đỏ|xanh)'
fields = { en = "lookup(c, color)", vi = "text(c)" }
)toml");
  Document d = Run(*ex, "đỏ và xanh");
  REQUIRE(d.records.size() == 2);
  CHECK(d.records[0].Get("en") == "red");
  CHECK_FALSE(d.records[1].Has("en"));
  CHECK(d.records[1].Get("vi") == "xanh");
}

TEST_CASE("role identity: year from the date; short mentions; refine; key", "[extract]") {
  auto ex = Make(R"toml(
[types.doc]
role = "identity"
field = "number"
key = "key"
key_fields = ["kind", "number", "year", "issuer"]
refers = "refers_to"
year = "year"
year_from = "date"
refine = "issuer"
refine_from = "near"
[[rule]]
id = "full"
type = "doc"
pattern = '(?P<k>ND|QD) (?P<n>\d+/(?P<o>CP|UB))(?: ngày (?P<y>\d{4}))?(?: của (?P<b>UB \pL+))?'
fields = { kind = "text(k)", number = "text(n)", issuer = "text(o)", date = "text(y)", near = "text(b)" }
[[rule]]
id = "short"
type = "doc"
pattern = '(?P<k>ND|QD) (?P<n>\d+)\b'
not_after = '/'
fields = { kind = "text(k)", number = "text(n)" }
)toml");
  Document d = Run(*ex,
                   "QD 86 trước; ND 86/CP ngày 2015 ban hành; theo ND 86 và ND 860; "
                   "QD 5/UB của UB Huế.");
  std::vector<const Record*> docs;
  for (const Record& r : d.records) docs.push_back(&r);
  REQUIRE(docs.size() == 5);
  // "QD 86": the only 86/... is an ND: no reference.
  CHECK_FALSE(docs[0]->Has("refers_to"));
  CHECK(docs[0]->Get("key") == "QD|86||");
  CHECK(docs[1]->Get("year") == "2015");
  CHECK(docs[1]->Get("key") == "ND|86/CP|2015|CP");
  CHECK(docs[2]->Get("refers_to") == "86/CP");
  CHECK(docs[2]->Get("number") == "86");  // as written
  CHECK(docs[2]->Get("key") == "ND|86/CP|2015|CP");
  CHECK_FALSE(docs[3]->Has("refers_to"));  // 860 is not 86
  CHECK(docs[4]->Get("issuer") == "UB Huế");
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("map() as a flag: a missed optional group keeps the match, without the field",
          "[extract]") {
  auto ex = Make(R"toml(
[maps.flag]
"nguyên" = "true"
[[rule]]
id = "o"
type = "official"
pattern = '(?:(?P<f>nguyên) )?(?P<t>Bộ trưởng)'
fields = { title = "text(t)", former = "map(f, flag)" }
)toml");
  struct Case {
    const char* text;
    const char* former;
  } cases[] = {
      {"nguyên Bộ trưởng", "true"}, {"Bộ trưởng", ""},  // kept, without the field
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Document d = Run(*ex, c.text);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].Get("title") == "Bộ trưởng");
    CHECK(d.records[0].Get("former") == c.former);
  }
}

}  // namespace
}  // namespace vnreform
