// Vietnamese legacy font encodings: TCVN3 (ABC, TCVN 5712:1993 VN3, shown
// with .VnTime fonts) and VNI-Windows (VNI-Times: an ASCII base letter then
// a mark byte). Both are 8-bit text that browsers show as windows-1252
// mojibake unless the font is installed. Pure tables, no library.
// Internal to the normalize stage (used by icu_normalize.cc's decoding).
// Tested by tests/normalize_test.cc.
#ifndef VNREFORM_NORMALIZE_LEGACY_VN_H_
#define VNREFORM_NORMALIZE_LEGACY_VN_H_

#include <string>
#include <string_view>

namespace vnreform {

enum class LegacyVn { kNone, kTcvn3, kVni };

// "tcvn3", "vni" or "".
const char* LegacyVnName(LegacyVn e);

// Which legacy encoding `bytes` are in, if any: most high bytes must be
// letters of the encoding, and the converted text must be rich in common
// Vietnamese words. kNone for short or ambiguous input. The caller checks
// the rest (not valid UTF-8; declared charset absent or Latin-1).
LegacyVn DetectLegacyVn(std::string_view bytes);

// Converts to NFC UTF-8. Bytes that are not letters of the encoding are
// read as windows-1252 (undefined ones as U+FFFD). Never fails.
void LegacyVnToUtf8(LegacyVn e, std::string_view bytes, std::string* out);

// The inverse, for tests and tools: false if `utf8` holds a character the
// encoding lacks (TCVN3 has no upper-case toned letters).
bool Utf8ToLegacyVn(LegacyVn e, std::string_view utf8, std::string* out);

}  // namespace vnreform

#endif  // VNREFORM_NORMALIZE_LEGACY_VN_H_
