// Decoding of page bytes to UTF-8 with ICU (DecodeToUtf8, the ICU part of
// the decode step, decode.h): BOM, then the declared charset
// (ucnv), then detection (ucsdet, plus a windows-1258 check ICU lacks, and
// TCVN3/VNI font encodings: legacy_vn.cc);
// NFC afterwards, so that decomposed Vietnamese is composed before any text
// heuristic sees it. Tested by tests/clean_test.cc and normalize_test.cc.
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <climits>
#include <memory>
#include <string>

#include "normalize/decode.h"
#include "normalize/legacy_vn.h"

namespace vnreform {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '"' || c == '\'') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  return out;
}

// How the non-ASCII bytes of `s` read as UTF-8: characters well formed and
// bytes that are not.
struct Utf8Counts {
  int32_t valid = 0, invalid = 0;
};

Utf8Counts CountUtf8(std::string_view s) {
  Utf8Counts n;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t size = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < size;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, size, c);
    ++(c < 0 ? n.invalid : n.valid);
  }
  return n;
}

// True if `s` is well-formed UTF-8; *ascii tells whether it is all ASCII.
bool IsValidUtf8(std::string_view s, bool* ascii) {
  const Utf8Counts n = CountUtf8(s);
  *ascii = n.valid == 0 && n.invalid == 0;
  return n.invalid == 0;
}

// True if `s` is UTF-8 but for a few stray bytes: at most one invalid byte
// for every kMinValidPerInvalid valid multi-byte characters.
bool IsMostlyUtf8(std::string_view s) {
  constexpr int32_t kMinValidPerInvalid = 20;
  const Utf8Counts n = CountUtf8(s);
  return n.valid >= n.invalid * kMinValidPerInvalid;
}

// ICU has no detector for windows-1258. Vietnamese text in it is dense in a
// few high bytes (ă đ ơ ư Ă Đ Ơ Ư and the five combining tone marks), which
// Western European text rarely uses.
bool LooksLikeWindows1258(std::string_view s) {
  size_t high = 0, viet = 0;
  for (unsigned char c : s) {
    if (c < 0x80) continue;
    ++high;
    switch (c) {
      case 0xC3:
      case 0xD0:
      case 0xD5:
      case 0xDD:
      case 0xE3:
      case 0xF0:
      case 0xF5:
      case 0xFD:
      case 0xCC:
      case 0xD2:
      case 0xDE:
      case 0xEC:
      case 0xF2:
        ++viet;
        break;
      default:
        break;
    }
  }
  return viet >= 3 && viet * 2 > high;
}

// The charset ICU's detector is most confident of, "" if none.
std::string Detect(std::string_view bytes) {
  if (LooksLikeWindows1258(bytes)) return "windows-1258";
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err),
                                                                 ucsdet_close);
  if (U_FAILURE(err)) return "";
  ucsdet_enableInputFilter(det.get(), true);  // ignore markup
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &err);
  return U_FAILURE(err) || name == nullptr ? "" : name;
}

// Converts with ICU; invalid bytes become U+FFFD. False if ICU does not know
// `charset`.
bool Convert(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(
      ucnv_open(charset.c_str(), &err), ucnv_close);
  if (U_FAILURE(err)) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open("UTF-8", &err),
                                                        ucnv_close);
  if (U_FAILURE(err)) return false;
  out->resize(bytes.size() * 3 + 16);
  char* target = out->data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out->data() + out->size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true,
                 true, &err);
  if (U_FAILURE(err)) return false;
  out->resize(target - out->data());
  return true;
}

// The name ICU should open for a declared label, following the WHATWG
// encoding standard where it differs (latin1 and ASCII mean windows-1252;
// a UTF-16 label on bytes without a BOM means UTF-8).
std::string CanonicalLabel(const std::string& declared) {
  std::string l = LowerAscii(declared);
  if (l == "iso-8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii" ||
      l == "iso8859-1" || l == "l1")
    return "windows-1252";
  if (l == "utf8" || l.rfind("utf-16", 0) == 0 || l.rfind("utf16", 0) == 0)
    return "utf-8";
  if (l == "tis-620") return "windows-874";
  return l;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
    return U_FAILURE(err) ? nullptr : n;
  }();
  return nfc;
}

// NFC of valid UTF-8 `s`, in place; a no-op (and cheap) when it already is.
void ComposeUtf8(std::string* s) {
  const icu::Normalizer2* nfc = Nfc();
  UErrorCode err = U_ZERO_ERROR;
  if (nfc == nullptr || nfc->isNormalizedUTF8(*s, err) || U_FAILURE(err)) return;
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed, static_cast<int32_t>(s->size()));
  err = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, *s, sink, nullptr, err);
  if (U_SUCCESS(err)) s->swap(composed);
}

}  // namespace

Status DecodeToUtf8(std::string_view bytes, const std::string& declared_charset,
                    std::string* out, std::string* charset_used) {
  if (bytes.size() >= INT32_MAX)
    return Status::InvalidArgument("decode: input over 2 GiB");
  auto has_prefix = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  std::string charset;
  if (has_prefix("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    charset = "utf-8";
  } else if (has_prefix("\xFF\xFE")) {
    charset = "UTF-16LE";  // ICU's converter consumes the BOM itself
  } else if (has_prefix("\xFE\xFF")) {
    charset = "UTF-16BE";
  }
  bool ascii = true;
  const bool valid_utf8 = charset.empty() && IsValidUtf8(bytes, &ascii);
  if (charset.empty()) {
    // Multi-byte sequences that happen to form valid UTF-8 are very unlikely
    // in a legacy 8-bit text, while a wrong declaration is common: valid UTF-8
    // wins over any label.
    if (valid_utf8) {
      charset = "utf-8";
    } else if (const std::string label = CanonicalLabel(declared_charset);
               label.empty() || label == "windows-1252") {
      // Pages set in .VnTime or VNI-Times fonts declare nothing or Latin-1.
      if (const LegacyVn legacy = DetectLegacyVn(bytes); legacy != LegacyVn::kNone) {
        LegacyVnToUtf8(legacy, bytes, out);
        ComposeUtf8(out);
        *charset_used = LegacyVnName(legacy);
        return Status::Ok();
      }
      charset = label.empty() ? Detect(bytes) : label;
      if (charset.empty() || LowerAscii(charset) == "utf-8") charset = "utf-8";
    } else if (!declared_charset.empty() && CanonicalLabel(declared_charset) != "utf-8") {
      charset = CanonicalLabel(declared_charset);
    } else {
      // Declared UTF-8 with a few broken bytes (a truncated character pasted
      // in) is still UTF-8: detection would read it as a legacy charset.
      charset = IsMostlyUtf8(bytes) ? "" : Detect(bytes);
      if (charset.empty() || LowerAscii(charset) == "utf-8") charset = "utf-8";
    }
  }
  if (LowerAscii(charset) != "utf-8" && !Convert(bytes, charset, out)) {
    charset = Detect(bytes);  // an unknown label: fall back to detection
    if (charset.empty() || LowerAscii(charset) == "utf-8" ||
        !Convert(bytes, charset, out))
      charset = "utf-8";
  }
  if (LowerAscii(charset) == "utf-8") {
    // Invalid sequences stay as they are: the normalize stage repairs and
    // counts them.
    out->assign(bytes.data(), bytes.size());
    if (!valid_utf8) {
      *charset_used = "utf-8";
      return Status::Ok();
    }
  }
  if (!ascii || !valid_utf8) ComposeUtf8(out);
  *charset_used = LowerAscii(charset);
  return Status::Ok();
}

}  // namespace vnreform
