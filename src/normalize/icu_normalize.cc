// Everything the normalize stage asks of ICU, in the one file that includes
// it (scripts/check_includes):
// - normalization: UTF-8 repair, look-alike and space folding, NFC, and one
//   tone-mark placement, keeping a byte map back to the input; sentences;
// - decoding page bytes to UTF-8 (DecodeToUtf8, the ICU part of the decode
//   step, decode.h): BOM, then the declared charset (ucnv), then detection
//   (ucsdet, plus a windows-1258 check ICU lacks, and TCVN3/VNI font
//   encodings: legacy_vn.cc); NFC afterwards, so that decomposed Vietnamese
//   is composed before any text heuristic sees it.
// Tested by tests/normalize_test.cc and tests/clean_test.cc.
#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <bit>
#include <bitset>
#include <cassert>
#include <climits>
#include <cstring>
#include <memory>

#include "normalize/decode.h"
#include "normalize/legacy_vn.h"
#include "normalize/normalize.h"

namespace vnreform {
namespace {

// Byte string plus, for each byte, the offset in the previous form.
struct Mapped {
  std::string text;
  std::vector<uint32_t> map;

  void Append(UChar32 c, uint32_t from) {
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    text.append(buf, n);
    map.insert(map.end(), n, from);
  }

  // Appends the valid UTF-8 `len` bytes unchanged from offset `from` on:
  // each byte maps to the start of its code point, as Append does.
  void AppendRun(const char* p, size_t len, uint32_t from) {
    text.append(p, len);
    const size_t old = map.size();
    map.resize(old + len);
    uint32_t* m = map.data() + old;
    uint32_t cp = from;
    auto one = [&](size_t k) {
      if ((static_cast<uint8_t>(p[k]) & 0xC0) != 0x80)
        cp = from + static_cast<uint32_t>(k);
      m[k] = cp;
    };
    size_t k = 0;
    for (; k + 8 <= len; k += 8) {
      uint64_t w;
      std::memcpy(&w, p + k, 8);
      if ((w & ~(w << 1) & 0x8080808080808080ull) == 0) {  // no 10xxxxxx byte
        for (uint32_t t = 0; t < 8; ++t) m[k + t] = from + static_cast<uint32_t>(k) + t;
        cp = from + static_cast<uint32_t>(k) + 7;
      } else {
        for (size_t t = k; t < k + 8; ++t) one(t);
      }
    }
    for (; k < len; ++k) one(k);
  }
};

// What step 2 does with one code point.
enum class Fold { kKeep, kDrop, kSpace, kNewline };

Fold Classify(UChar32 c) {
  if (c < 0x80) {
    if (c == '\t' || c == '\n' || c >= 0x20) return c == 0x7f ? Fold::kDrop : Fold::kKeep;
    return c == '\r' ? Fold::kNewline : Fold::kDrop;  // other C0 controls
  }
  switch (c) {
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return Fold::kSpace;
    case 0x00AD:
    case 0x180E:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return Fold::kDrop;
    case 0x0085:
    case 0x2028:
    case 0x2029:
      return Fold::kNewline;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return Fold::kSpace;
  if (c >= 0x80 && c < 0xA0) return Fold::kDrop;  // C1 controls
  return Fold::kKeep;
}

// Whether a string of such code points is NFC for sure: NFC_QC = Yes and
// combining class 0, so ICU's quick check would answer yes. Tabled below
// U+3000 (Latin, Vietnamese, punctuation); above, "not sure".
bool SurelyNfc(UChar32 c) {
  constexpr UChar32 kEnd = 0x3000;
  static const std::bitset<kEnd> yes = [] {
    std::bitset<kEnd> b;
    for (UChar32 k = 0; k < kEnd; ++k)
      b[k] = u_getIntPropertyValue(k, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
             u_getCombiningClass(k) == 0;
    return b;
  }();
  return c < kEnd && yes[c];
}

// Whether step 2 leaves the (valid, non-ASCII) code point c as it is.
inline bool KeptAsIs(UChar32 c) {
  if (c < 0x1680) return c > 0xA0 && c != 0xAD && c != 0xD0 && c != 0xF0;
  return Classify(c) == Fold::kKeep;
}

// Steps 1 and 2: decode (repairing), fold look-alikes, spaces, controls.
// Most text needs no change: runs of such bytes are copied, with their
// identity map, in one append each.
// Sets *surely_nfc when every code point kept is SurelyNfc.
void DecodeAndFold(std::string_view in, Mapped* out, int* invalid, bool* surely_nfc) {
  out->text.reserve(in.size());
  out->map.reserve(in.size() + 1);
  const uint8_t* s = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  int32_t run = 0;   // start of the pending run of unchanged bytes
  uint8_t last = 0;  // the last output byte (0: none yet)
  bool nfc = true;   // the slow path below keeps only ASCII, Đ, đ and U+FFFD
  auto flush = [&](int32_t end) {
    if (end == run) return;
    out->AppendRun(in.data() + run, end - run, static_cast<uint32_t>(run));
    last = s[end - 1];
  };
  while (i < n) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      // A run of spaces is one space: rules write one.
      if ((b >= 0x20 && b != 0x7f && (b != ' ' || (i > run ? s[i - 1] : last) != ' ')) ||
          b == '\t' || b == '\n') {
        ++i;
        continue;
      }
    } else {
      int32_t j = i;
      UChar32 c;
      U8_NEXT(s, j, n, c);
      if (c >= 0 && KeptAsIs(c)) {
        if (!SurelyNfc(c)) nfc = false;
        i = j;
        continue;
      }
    }
    // Something to change at i: the slow path, one code point.
    flush(i);
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      ++*invalid;
      c = 0xFFFD;
    }
    if (c == 0x00D0) c = 0x0110;  // Ð (eth) written for Đ
    if (c == 0x00F0) c = 0x0111;
    switch (c == ' ' ? Fold::kSpace : Classify(c)) {
      case Fold::kKeep:
        out->Append(c, start);
        break;
      case Fold::kDrop:
        break;
      case Fold::kSpace:
        if (out->text.empty() || out->text.back() != ' ') out->Append(' ', start);
        break;
      case Fold::kNewline:
        // CRLF: one '\n' at the CR, so a span ending the line maps back
        // without the CR.
        out->Append('\n', start);
        if (c == '\r' && i < n && s[i] == '\n') ++i;
        break;
    }
    run = i;
    last = out->text.empty() ? 0 : static_cast<uint8_t>(out->text.back());
  }
  flush(n);
  out->map.push_back(static_cast<uint32_t>(n));
  *surely_nfc = nfc;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
    assert(U_SUCCESS(err));
    return n;
  }();
  return nfc;
}

// Step 3: NFC, composing the byte map through ICU's edits.
void ToNfc(Mapped* m) {
  const icu::Normalizer2* nfc = Nfc();
  UErrorCode err = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(m->text, err) && U_SUCCESS(err)) return;
  err = U_ZERO_ERROR;
  Mapped out;
  out.text.reserve(m->text.size());
  icu::StringByteSink<std::string> sink(&out.text);
  icu::Edits edits;
  nfc->normalizeUTF8(0, m->text, sink, &edits, err);
  if (U_FAILURE(err)) return;  // input is valid UTF-8: cannot happen; keep it
  out.map.reserve(out.text.size() + 1);
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(err)) {
    const auto src = m->map.begin() + it.sourceIndex();
    if (it.hasChange())
      out.map.insert(out.map.end(), it.newLength(), *src);
    else
      out.map.insert(out.map.end(), src, src + it.newLength());
  }
  out.map.push_back(m->map.back());
  *m = std::move(out);
}

// Step 4: old-style tone placement in a final oa/oe/uy moves to the first
// vowel. Tones are the five Vietnamese combining marks.
constexpr std::array<UChar32, 5> kTones = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323};

struct ToneMove {
  UChar32 first_toned;  // e.g. ó
  UChar32 second_bare;  // e.g. a
};

// If `first` + `second` is an old-style final cluster, the new-style pair.
bool NewStyle(UChar32 first, UChar32 second, ToneMove* out) {
  const icu::Normalizer2* nfc = Nfc();
  const UChar32 lower = u_tolower(first);
  const char* seconds = lower == 'o' ? "aAeE" : lower == 'u' ? "yY" : nullptr;
  if (seconds == nullptr) return false;
  for (const char* b = seconds; *b; ++b) {
    for (UChar32 tone : kTones) {
      if (nfc->composePair(*b, tone) != second) continue;
      const UChar32 toned = nfc->composePair(first, tone);
      if (toned < 0) return false;
      *out = ToneMove{toned, static_cast<UChar32>(*b)};
      return true;
    }
  }
  return false;
}

constexpr uint64_t kHighBits = 0x8080808080808080ull;
static_assert(std::endian::native == std::endian::little,
              "byte k of a load is bits 8k..8k+7");

uint64_t Load64(const uint8_t* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The high bit of each byte of w that is 0.
uint64_t ZeroBytes(uint64_t w) {
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  return ~(((w & kLow7) + kLow7) | w | kLow7);
}

// The high bit of each byte k of p[0, 8) that is o, O, u or U and followed
// by a non-ASCII byte p[k + 1]. REQUIRES: p[0, 9) readable.
uint64_t ToneCandidates(const uint8_t* p) {
  const uint64_t lower = Load64(p) | 0x2020202020202020ull;
  const uint64_t ou =
      ZeroBytes(lower ^ 0x6f6f6f6f6f6f6f6full) | ZeroBytes(lower ^ 0x7575757575757575ull);
  return ou & Load64(p + 1) & kHighBits;
}

// Candidates are an ASCII o/u followed by a non-ASCII byte; the text
// between moves is copied in bulk, and not at all when nothing moves.
void FixTonePlacement(Mapped* m) {
  const uint8_t* s = reinterpret_cast<const uint8_t*>(m->text.data());
  const int32_t n = static_cast<int32_t>(m->text.size());
  Mapped out;
  int32_t copied = 0;  // m's [0, copied) is in `out`
  int32_t i = 0;
  while (i + 1 < n) {
    if (i + 9 <= n) {  // jump to the next candidate within 8 bytes, or past them
      const uint64_t c = ToneCandidates(s + i);
      if (c == 0) {
        i += 8;
        continue;
      }
      i += std::countr_zero(c) / 8;
    }
    const uint8_t lower = s[i] | 0x20;
    if ((lower != 'o' && lower != 'u') || s[i + 1] < 0x80) {
      ++i;
      continue;
    }
    int32_t j = i + 1;
    UChar32 second;
    U8_NEXT_UNSAFE(s, j, second);
    UChar32 next = 0;
    if (j < n) {
      int32_t k = j;
      U8_NEXT_UNSAFE(s, k, next);
    }
    // The code point before an ASCII byte is 'q' only if the byte before is.
    const bool after_q = lower == 'u' && i > 0 && (s[i - 1] | 0x20) == 'q';
    ToneMove mv;
    // A combining mark after the cluster would compose with the bare
    // vowel on a second pass: leave such (stray-mark) text alone.
    const bool next_is_mark = (U_GET_GC_MASK(next) & U_GC_M_MASK) != 0;
    if (after_q || u_isalpha(next) || next_is_mark || !NewStyle(s[i], second, &mv)) {
      ++i;
      continue;
    }
    if (copied == 0) {
      out.text.reserve(n + 4);
      out.map.reserve(n + 5);
    }
    out.text.append(m->text, copied, i - copied);
    out.map.insert(out.map.end(), m->map.begin() + copied, m->map.begin() + i);
    out.Append(mv.first_toned, m->map[i]);
    out.Append(mv.second_bare, m->map[i + 1]);
    copied = j;
    i = j;
  }
  if (copied == 0) return;
  out.text.append(m->text, copied, n - copied);
  out.map.insert(out.map.end(), m->map.begin() + copied, m->map.end());
  *m = std::move(out);
}

}  // namespace

void NormalizeText(std::string_view input, NormalizeResult* out) {
  Mapped m;
  out->invalid_utf8 = 0;
  bool surely_nfc = false;
  DecodeAndFold(input, &m, &out->invalid_utf8, &surely_nfc);
  if (!surely_nfc) ToNfc(&m);
  FixTonePlacement(&m);
  out->text = std::move(m.text);
  out->to_input = std::move(m.map);
}

namespace {

// A BreakIterator is costly to create and not thread-safe: one per thread.
icu::BreakIterator* SentenceIterator(UErrorCode* err) {
  thread_local std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale("vi"), *err));
  return it.get();
}

// `text` as UTF-16 in u16[0, *len), with at[k] the byte offset where unit
// k's code point starts. False if `text` is not valid UTF-8.
bool ToUtf16(std::string_view text, std::vector<UChar>* u16, std::vector<uint32_t>* at,
             int32_t* len) {
  if (text.size() > static_cast<size_t>(INT32_MAX)) return false;
  const uint8_t* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  if (u16->size() < text.size()) {  // no more units than bytes
    u16->resize(text.size());
    at->resize(text.size());
  }
  UChar* u = u16->data();
  uint32_t* a = at->data();
  int32_t k = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    if (s[i] < 0x80) {
      u[k] = s[i++];
      a[k++] = static_cast<uint32_t>(start);
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
    if (c > 0xFFFF) {
      u[k] = U16_LEAD(c);
      a[k++] = static_cast<uint32_t>(start);
      c = U16_TRAIL(c);
    }
    u[k] = static_cast<UChar>(c);
    a[k++] = static_cast<uint32_t>(start);
  }
  *len = k;
  return true;
}

// Texts up to this size go through UTF-16 buffers kept per thread (6 bytes
// per byte); longer ones keep the UTF-8 UText, which needs no copy, so the
// memory a 10 MB text costs (see kMaxTextBytes in pipeline.h) does not grow.
constexpr size_t kMaxUtf16Bytes = 1u << 20;

// Over valid UTF-8 only: the text as UTF-16, which ICU's rules run over
// faster than over a UTF-8 UText (that refills a small chunk over and
// over). False if `text` is not valid UTF-8 or is longer than
// kMaxUtf16Bytes.
bool SentenceStartsUtf16(std::string_view text, std::vector<uint32_t>* starts) {
  if (text.size() > kMaxUtf16Bytes) return false;
  thread_local std::vector<UChar> u16;
  thread_local std::vector<uint32_t> at;
  int32_t len = 0;
  if (!ToUtf16(text, &u16, &at, &len)) return false;
  UErrorCode err = U_ZERO_ERROR;
  icu::BreakIterator* it = SentenceIterator(&err);
  UText* ut = utext_openUChars(nullptr, u16.data(), len, &err);
  if (U_SUCCESS(err) && it) {
    it->setText(ut, err);
    for (int32_t b = it->next();
         U_SUCCESS(err) && b != icu::BreakIterator::DONE && b < len; b = it->next())
      starts->push_back(at[b]);
  }
  utext_close(ut);
  return true;
}

}  // namespace

std::vector<uint32_t> SentenceStarts(std::string_view text) {
  std::vector<uint32_t> starts{0};
  if (SentenceStartsUtf16(text, &starts)) return starts;
  UErrorCode err = U_ZERO_ERROR;
  icu::BreakIterator* it = SentenceIterator(&err);
  UText* ut =
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
  if (U_SUCCESS(err) && it) {
    it->setText(ut, err);
    for (int32_t b = it->next(); U_SUCCESS(err) && b != icu::BreakIterator::DONE &&
                                 b < static_cast<int32_t>(text.size());
         b = it->next())
      starts.push_back(static_cast<uint32_t>(b));
  }
  utext_close(ut);
  return starts;
}

void Normalize(Document* doc) {
  NormalizeResult r;
  NormalizeText(doc->text, &r);
  doc->norm = std::move(r.text);
  doc->invalid_utf8 = r.invalid_utf8;
  doc->sentence_starts = SentenceStarts(doc->norm);
  if (r.invalid_utf8 > 0) {
    doc->Warn("normalize", doc->source + ": " + std::to_string(r.invalid_utf8) +
                               " invalid UTF-8 sequence(s) replaced by U+FFFD");
  }
}

std::string NormalizeString(std::string_view s) {
  NormalizeResult r;
  NormalizeText(s, &r);
  return std::move(r.text);
}

std::string FoldCase(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(NormalizeString(s));
  std::string out;
  u.foldCase().toUTF8String(out);
  return out;
}

namespace {

// The search fold of one code point: lower case (simple, one to one), the
// base letter without marks (NFD's first code point when the rest are
// marks), 'đ' -> 'd'; 0 for a mark on its own (dropped).
UChar32 FoldCodePoint(UChar32 c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  c = u_tolower(c);
  if (c == 0x111) return 'd';  // đ: a letter of its own, not d plus a mark
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) return 0;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString d;
  if (nfd && nfd->getDecomposition(c, d) && d.length() > 0) {
    const UChar32 base = d.char32At(0);
    bool marks = true;
    for (int32_t i = U16_LENGTH(base); i < d.length();) {
      const UChar32 m = d.char32At(i);
      if (u_charType(m) != U_NON_SPACING_MARK) marks = false;
      i += U16_LENGTH(m);
    }
    if (marks) return base == 0x111 ? 'd' : u_tolower(base);
  }
  return c;
}

// FoldCodePoint for the code points Vietnamese uses (to U+1EFF), computed
// once: the fold runs over every article's text.
const std::array<UChar32, 0x1F00>& FoldTable() {
  static const std::array<UChar32, 0x1F00> table = [] {
    std::array<UChar32, 0x1F00> t{};
    for (UChar32 c = 0; c < 0x1F00; ++c) t[c] = FoldCodePoint(c);
    return t;
  }();
  return table;
}

}  // namespace

std::string FoldForSearch(std::string_view s, std::vector<uint32_t>* to_input) {
  const auto& table = FoldTable();
  std::string out;
  out.reserve(s.size());
  if (to_input) to_input->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    const UChar32 f = c < 0x1F00 ? table[c] : FoldCodePoint(c);
    if (f == 0) continue;
    const size_t before = out.size();
    if (f < 0x80) {
      out.push_back(static_cast<char>(f));
    } else {
      uint8_t buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(buf, len, 4, f, error);
      if (!error) out.append(reinterpret_cast<const char*>(buf), len);
    }
    if (to_input)
      for (size_t b = before; b < out.size(); ++b) to_input->push_back(start);
  }
  if (to_input) to_input->push_back(static_cast<uint32_t>(s.size()));
  return out;
}

bool HasDiacritics(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0x80 && FoldCodePoint(c) != u_tolower(c)) return true;
  }
  return false;
}

uint32_t CodePointCount(std::string_view s, uint32_t byte_end) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < byte_end && i < s.size(); ++i)
    n += (static_cast<uint8_t>(s[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace vnreform

// ---- Decoding page bytes (decode.h) ----

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
