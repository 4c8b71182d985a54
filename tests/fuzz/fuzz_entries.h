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
#include <string>
#include <string_view>

#include "clean/clean.h"
#include "extract/extract.h"
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

// The bytes as an article's text through the project's rules: the scan
// groups and narrowed letters must find every candidate one pass per rule
// with the exact patterns finds, and nothing else.
inline void ExtractEntry(const uint8_t* data, size_t size) {
  static const auto make = [](bool fast) {
    RuleSet rules;
    std::unique_ptr<Extractor> ex;
    ExtractorOptions o;
    o.scan_groups = o.narrow_letters = fast;
    if (!LoadRules(std::string(VNREFORM_SOURCE_DIR) + "/rules", &rules).ok() ||
        !Extractor::Create(std::move(rules), o, &ex).ok())
      __builtin_trap();  // the project's own rules must load
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
  if (a.size() != b.size()) __builtin_trap();
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].rule != b[i].rule || a[i].begin != b[i].begin || a[i].end != b[i].end ||
        a[i].why != b[i].why || a[i].fields.size() != b[i].fields.size())
      __builtin_trap();
}

inline void JsonlEntry(const uint8_t* data, size_t size) {
  JsonArticle article;
  (void)ParseJsonArticle(Bytes(data, size), &article);
}

}  // namespace vnreform::fuzz

#endif  // VNREFORM_TESTS_FUZZ_FUZZ_ENTRIES_H_
