// The entry functions of the fuzz targets (tests/fuzz/*_fuzz.cc), shared with
// tests/fuzz_regression_test.cc, which replays tests/fuzz/regressions/TARGET/
// through them in the normal test run. Each must return without crashing
// for any bytes; statuses are ignored.
#ifndef VNREFORM_TESTS_FUZZ_FUZZ_ENTRIES_H_
#define VNREFORM_TESTS_FUZZ_FUZZ_ENTRIES_H_

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "json/json.h"
#include "normalize/normalize.h"

namespace vnreform::fuzz {

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void CleanEntry(const uint8_t* data, size_t size) {
  CleanResult result;
  (void)CleanHtml(CleanOptions(), Bytes(data, size), &result);
  (void)result.Text();
}

inline void NormalizeEntry(const uint8_t* data, size_t size) {
  NormalizeResult result;
  NormalizeText(Bytes(data, size), &result);
  // Invariants of the contract in normalize.h.
  if (result.to_input.size() != result.text.size() + 1) __builtin_trap();
  for (size_t i = 1; i < result.to_input.size(); ++i)
    if (result.to_input[i] < result.to_input[i - 1]) __builtin_trap();
  (void)SentenceStarts(result.text);
}

// LoadRules reads a file: the bytes go to a per-process temp file.
inline void RulesEntry(const uint8_t* data, size_t size) {
  static const std::string path =
      "/tmp/vnreform_rules_fuzz_" + std::to_string(::getpid()) + ".toml";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  RuleSet rules;
  if (LoadRules(path, &rules).ok()) {
    std::unique_ptr<Extractor> extractor;
    (void)Extractor::Create(std::move(rules), &extractor);
  }
  std::remove(path.c_str());
}

// The project's rules (rules/), which must load.
inline const RuleSet& ProjectRules() {
  static const RuleSet rules = [] {
    RuleSet r;
    if (!LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &r).ok())
      __builtin_trap();
    return r;
  }();
  return rules;
}

inline bool SameFields(const std::vector<Field>& a, const std::vector<Field>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (a[k].name != b[k].name || a[k].value != b[k].value) return false;
  return true;
}

// Rule, span, fields, and why each won or lost.
inline bool SameCandidates(const std::vector<Candidate>& a,
                           const std::vector<Candidate>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].rule != b[i].rule || a[i].begin != b[i].begin || a[i].end != b[i].end ||
        a[i].why != b[i].why || !SameFields(a[i].fields, b[i].fields))
      return false;
  return true;
}

// The bytes as an article's text through the project's rules: the scan
// groups and narrowed letters must find every candidate one pass per rule
// with the exact patterns finds, and nothing else.
inline void ExtractEntry(const uint8_t* data, size_t size) {
  static const auto make = [](bool fast) {
    std::unique_ptr<Extractor> ex;
    ExtractorOptions o;
    o.scan_groups = o.narrow_letters = fast;
    if (!Extractor::Create(ProjectRules(), o, &ex).ok()) __builtin_trap();
    return ex;
  };
  static const std::unique_ptr<Extractor> fast = make(true), plain = make(false);
  Document doc;
  doc.text.assign(Bytes(data, size));
  Normalize(&doc);
  Document other = doc;
  std::vector<Candidate> a, b;
  fast->Explain(&doc, &a);
  plain->Explain(&other, &b);
  if (!SameCandidates(a, b)) __builtin_trap();
}

// Splits bytes laid out as four header bytes, a fragment up to the first
// newline, then a text; false when they are not.
inline bool FragmentAndText(const uint8_t* data, size_t size, std::string* fragment,
                            std::string_view* text) {
  if (size < 4) return false;
  std::string_view rest = Bytes(data + 4, size - 4);
  const size_t nl = rest.find('\n');
  if (nl == std::string_view::npos) return false;
  fragment->assign(rest.substr(0, nl));
  *text = rest.substr(nl + 1);
  return true;
}

// A rule's pattern changed, and a text: where RuleChanges says the change
// cannot affect the text, the old and the new rules must give it the same
// candidates and records (reextract leaves such articles as they are).
// Bytes: the rule (index), how its pattern changes, where, a fragment up to
// the first newline, then the text. The rules are those of the changed
// rule's file and of one other, with the links among them: building the
// whole set twice per input would make this too slow to fuzz (3 inputs/s).
inline void ChangesEntry(const uint8_t* data, size_t size) {
  const RuleSet& all = ProjectRules();
  std::string fragment;
  std::string_view rest;
  if (!FragmentAndText(data, size, &fragment, &rest)) return;

  const Rule& changed = all.rules[data[0] % all.rules.size()];
  const std::string& other_file = all.rules[data[3] % all.rules.size()].file;
  RuleSet before;
  before.maps = all.maps;
  std::set<std::string> types;
  for (const Rule& r : all.rules)
    if (r.file == changed.file || r.file == other_file) {
      before.rules.push_back(r);
      types.insert(r.type);
    }
  for (const LinkSpec& l : all.links)
    if (types.count(l.type) && types.count(l.from)) before.links.push_back(l);
  RuleSet after = before;
  std::string* p = nullptr;
  for (Rule& r : after.rules)
    if (r.id == changed.id) p = &r.pattern;
  switch (data[1] % 5) {
    case 0:
      *p += "|" + fragment;
      break;  // another alternative
    case 1:
      *p = "(?:" + fragment + ")?" + *p;
      break;  // an optional prefix
    case 2:
      *p += "(?:" + fragment + ")?";
      break;  // an optional suffix
    case 3:   // a piece replaced
      p->replace(data[2] % p->size(), std::min<size_t>(data[2] % 8, p->size()), fragment);
      break;
    default:
      p->insert(data[2] % (p->size() + 1), fragment);
      break;
  }
  // One pass per rule, exact patterns: the same candidates as the default
  // search (ExtractEntry checks that), and quicker to build.
  static const ExtractorOptions plain{.scan_groups = false, .narrow_letters = false};
  std::unique_ptr<RuleChanges> changes = RuleChanges::Create(before, after);
  std::unique_ptr<Extractor> old_ex, new_ex;
  if (!Extractor::Create(std::move(before), plain, &old_ex).ok()) __builtin_trap();
  if (!Extractor::Create(std::move(after), plain, &new_ex).ok())
    return;  // not a valid rule

  Document doc;
  doc.text.assign(rest);
  Normalize(&doc);
  if (changes->Affects(doc.norm)) return;
  Document other = doc;
  std::vector<Candidate> a, b;
  old_ex->Explain(&doc, &a);
  new_ex->Explain(&other, &b);
  if (!SameCandidates(a, b)) __builtin_trap();
  if (doc.records.size() != other.records.size() || doc.published != other.published ||
      doc.locality != other.locality)
    __builtin_trap();
  for (size_t i = 0; i < doc.records.size(); ++i) {
    const Record& x = doc.records[i];
    const Record& y = other.records[i];
    if (x.type != y.type || x.begin != y.begin || x.end != y.end ||
        x.rule_id != y.rule_id || x.text != y.text || !SameFields(x.fields, y.fields))
      __builtin_trap();
  }
}

// A pattern and a text: the pattern cut by StartsOnly (what the scan groups
// search for) must compile wherever the pattern does, and begin a match at
// exactly the places the pattern can. Bytes: as ChangesEntry's (four, a
// fragment up to the first newline, then the text); the pattern is the
// fragment alone, or a project rule's pattern with the fragment appended or
// put in.
inline void StartsEntry(const uint8_t* data, size_t size) {
  std::string fragment;
  std::string_view text;
  if (!FragmentAndText(data, size, &fragment, &text)) return;
  const std::vector<Rule>& rules = ProjectRules().rules;
  std::string p = rules[data[1] % rules.size()].pattern;
  switch (data[0] % 3) {
    case 0:
      p = fragment;
      break;
    case 1:
      p += fragment;
      break;
    default:
      p.insert(data[2] % (p.size() + 1), fragment);
      break;
  }
  std::vector<size_t> want, got;
  if (!MatchStarts(text, p, &want)) return;  // not a pattern
  if (!MatchStarts(text, StartsOnly(p), &got) || got != want) __builtin_trap();
}

inline void JsonlEntry(const uint8_t* data, size_t size) {
  JsonArticle article;
  (void)ParseJsonArticle(Bytes(data, size), &article);
}

}  // namespace vnreform::fuzz

#endif  // VNREFORM_TESTS_FUZZ_FUZZ_ENTRIES_H_
