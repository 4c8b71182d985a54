// The normalize stage: text -> one spelling that the rules can rely on.
//   1. invalid UTF-8 is replaced by U+FFFD and counted, never a failure;
//   2. "Ð"/"ð" (U+00D0/U+00F0) read as "Đ"/"đ"; no-break and other odd spaces
//      become ' ', and a run of spaces one; zero-width characters, soft
//      hyphens and BOMs are dropped;
//      CRLF and lone CR become '\n' (line structure is kept);
//   3. NFC (ICU);
//   4. one tone-mark placement: "hoá"/"Uỷ"/"Thuý" -> "hóa"/"Ủy"/"Thúy"
//      (the mark on the first vowel of a final oa/oe/uy; "quý" is untouched).
// A map from every byte of the output back to the input is kept.
// The decode step that comes before the clean stage is in decode.h.
// Wraps ICU; icu_normalize.cc is the only file that includes <unicode/...>.
// Thread-safe: ICU's NFC instance is immutable and shared.
#ifndef VNREFORM_NORMALIZE_NORMALIZE_H_
#define VNREFORM_NORMALIZE_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace vnreform {

struct NormalizeResult {
  std::string text;
  // For every byte of `text`, plus one past its end: the byte offset in the
  // input it came from. Non-decreasing.
  std::vector<uint32_t> to_input;
  int invalid_utf8 = 0;  // ill-formed sequences replaced by U+FFFD
};

// Never fails: any byte string yields a valid UTF-8 result.
// REQUIRES: input.size() < 4 GiB.
void NormalizeText(std::string_view input, NormalizeResult* out);

// The stage: doc->text -> doc->norm, doc->invalid_utf8, doc->sentence_starts;
// warns (not fails) when UTF-8 had to be repaired.
void Normalize(Document* doc);

// Sentence starts of UTF-8 `text` (ICU sentence break, Vietnamese rules;
// every line end also ends a sentence): byte offsets, the first 0.
std::vector<uint32_t> SentenceStarts(std::string_view text);

// Convenience for rules, tests and lexicons: the normalized form of `s`.
std::string NormalizeString(std::string_view s);

// Unicode case folding of the normalized form (ICU full folding): for
// comparing names and lexicon entries regardless of case.
std::string FoldCase(std::string_view s);

// The search fold (vnreform serve): lower case, letters without their
// marks, 'đ' as 'd' ("Đà Nẵng" -> "da nang"). A query without diacritics
// matches every spelling. With `to_input`, for every byte of the result,
// plus one past its end, the byte offset in `s` it came from.
std::string FoldForSearch(std::string_view s, std::vector<uint32_t>* to_input = nullptr);

// Whether `s` has a letter the search fold changes other than by case
// (a diacritic or 'đ'): such a query term is matched exactly.
bool HasDiacritics(std::string_view s);

// Number of code points in the UTF-8 string s[0, byte_end).
uint32_t CodePointCount(std::string_view s, uint32_t byte_end);

}  // namespace vnreform

#endif  // VNREFORM_NORMALIZE_NORMALIZE_H_
