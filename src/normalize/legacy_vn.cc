// TCVN3 (ABC) and VNI-Windows to UTF-8, and their detection. TCVN3 puts each
// lower-case Vietnamese letter in one byte (upper case came from a second
// font, .VnTimeH, on the same bytes); VNI writes a base letter followed by
// a mark byte from the Latin-1 range. Tables after TCVN 5712:1993 (VN3) and
// the VNI-Windows font layout. Tested by tests/normalize_test.cc.
#include "normalize/legacy_vn.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace vnreform {
namespace {

// windows-1252 0x80-0x9F; 0xA0-0xFF are the Latin-1 code points.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void AppendCp1252(unsigned char b, std::string* out) {
  const uint32_t c = b < 0x80 ? b : b < 0xA0 ? kCp1252High[b - 0x80] : b;
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

struct ByteLetter {
  unsigned char byte;
  const char* utf8;
};

// TCVN 5712:1993 VN3: the letters; every other byte is read as windows-1252.
constexpr ByteLetter kTcvn3[] = {
    {0xA1, "Ă"}, {0xA2, "Â"}, {0xA3, "Ê"}, {0xA4, "Ô"}, {0xA5, "Ơ"}, {0xA6, "Ư"},
    {0xA7, "Đ"}, {0xA8, "ă"}, {0xA9, "â"}, {0xAA, "ê"}, {0xAB, "ô"}, {0xAC, "ơ"},
    {0xAD, "ư"}, {0xAE, "đ"}, {0xB5, "à"}, {0xB6, "ả"}, {0xB7, "ã"}, {0xB8, "á"},
    {0xB9, "ạ"}, {0xBB, "ằ"}, {0xBC, "ẳ"}, {0xBD, "ẵ"}, {0xBE, "ắ"}, {0xC6, "ặ"},
    {0xC7, "ầ"}, {0xC8, "ẩ"}, {0xC9, "ẫ"}, {0xCA, "ấ"}, {0xCB, "ậ"}, {0xCC, "è"},
    {0xCE, "ẻ"}, {0xCF, "ẽ"}, {0xD0, "é"}, {0xD1, "ẹ"}, {0xD2, "ề"}, {0xD3, "ể"},
    {0xD4, "ễ"}, {0xD5, "ế"}, {0xD6, "ệ"}, {0xD7, "ì"}, {0xD8, "ỉ"}, {0xDC, "ĩ"},
    {0xDD, "í"}, {0xDE, "ị"}, {0xDF, "ò"}, {0xE1, "ỏ"}, {0xE2, "õ"}, {0xE3, "ó"},
    {0xE4, "ọ"}, {0xE5, "ồ"}, {0xE6, "ổ"}, {0xE7, "ỗ"}, {0xE8, "ố"}, {0xE9, "ộ"},
    {0xEA, "ờ"}, {0xEB, "ở"}, {0xEC, "ỡ"}, {0xED, "ớ"}, {0xEE, "ợ"}, {0xEF, "ù"},
    {0xF1, "ủ"}, {0xF2, "ũ"}, {0xF3, "ú"}, {0xF4, "ụ"}, {0xF5, "ừ"}, {0xF6, "ử"},
    {0xF7, "ữ"}, {0xF8, "ứ"}, {0xF9, "ự"}, {0xFA, "ỳ"}, {0xFB, "ỷ"}, {0xFC, "ỹ"},
    {0xFD, "ý"}, {0xFE, "ỵ"},
};

const std::array<const char*, 256>& Tcvn3Table() {
  static const std::array<const char*, 256> table = [] {
    std::array<const char*, 256> t{};
    for (const ByteLetter& l : kTcvn3) t[l.byte] = l.utf8;
    return t;
  }();
  return table;
}

// VNI: vowels by tone: none, sắc, huyền, hỏi, ngã, nặng.
enum Vowel {
  kA,
  kACirc,
  kABreve,
  kE,
  kECirc,
  kI,
  kO,
  kOCirc,
  kOHorn,
  kU,
  kUHorn,
  kY,
  kVowels
};
constexpr const char* kLower[kVowels][6] = {
    {"a", "á", "à", "ả", "ã", "ạ"}, {"â", "ấ", "ầ", "ẩ", "ẫ", "ậ"},
    {"ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"}, {"e", "é", "è", "ẻ", "ẽ", "ẹ"},
    {"ê", "ế", "ề", "ể", "ễ", "ệ"}, {"i", "í", "ì", "ỉ", "ĩ", "ị"},
    {"o", "ó", "ò", "ỏ", "õ", "ọ"}, {"ô", "ố", "ồ", "ổ", "ỗ", "ộ"},
    {"ơ", "ớ", "ờ", "ở", "ỡ", "ợ"}, {"u", "ú", "ù", "ủ", "ũ", "ụ"},
    {"ư", "ứ", "ừ", "ử", "ữ", "ự"}, {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"}};
constexpr const char* kUpper[kVowels][6] = {
    {"A", "Á", "À", "Ả", "Ã", "Ạ"}, {"Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ"},
    {"Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ"}, {"E", "É", "È", "Ẻ", "Ẽ", "Ẹ"},
    {"Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ"}, {"I", "Í", "Ì", "Ỉ", "Ĩ", "Ị"},
    {"O", "Ó", "Ò", "Ỏ", "Õ", "Ọ"}, {"Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ"},
    {"Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ"}, {"U", "Ú", "Ù", "Ủ", "Ũ", "Ụ"},
    {"Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự"}, {"Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ"}};

const char* VowelUtf8(int v, int tone, bool upper) {
  return upper ? kUpper[v][tone] : kLower[v][tone];
}

// Mark bytes, lower- and upper-case forms: tone 1..5, circumflex (+tone
// 0..5 after a/e/o), breve (+tone 0..5 after a).
int VniTone(unsigned char b) {
  switch (b) {
    case 0xF9:
    case 0xD9:
      return 1;
    case 0xF8:
    case 0xD8:
      return 2;
    case 0xFB:
    case 0xDB:
      return 3;
    case 0xF5:
    case 0xD5:
      return 4;
    case 0xEF:
    case 0xCF:
      return 5;
    default:
      return -1;
  }
}
int VniCircumflex(unsigned char b) {
  switch (b) {
    case 0xE2:
    case 0xC2:
      return 0;
    case 0xE1:
    case 0xC1:
      return 1;
    case 0xE0:
    case 0xC0:
      return 2;
    case 0xE5:
    case 0xC5:
      return 3;
    case 0xE3:
    case 0xC3:
      return 4;
    case 0xE4:
    case 0xC4:
      return 5;
    default:
      return -1;
  }
}
int VniBreve(unsigned char b) {
  switch (b) {
    case 0xEA:
    case 0xCA:
      return 0;
    case 0xE9:
    case 0xC9:
      return 1;
    case 0xE8:
    case 0xC8:
      return 2;
    case 0xFA:
    case 0xDA:
      return 3;
    case 0xFC:
    case 0xDC:
      return 4;
    case 0xEB:
    case 0xCB:
      return 5;
    default:
      return -1;
  }
}

// Letters VNI writes in one byte: đ, ơ/ư (which may take a tone byte), the
// toned i's and ỵ.
const char* VniSingle(unsigned char b) {
  switch (b) {
    case 0xF1:
      return "đ";
    case 0xD1:
      return "Đ";
    case 0xF4:
      return "ơ";
    case 0xD4:
      return "Ơ";
    case 0xF6:
      return "ư";
    case 0xD6:
      return "Ư";
    case 0xED:
      return "í";
    case 0xEC:
      return "ì";
    case 0xE6:
      return "ỉ";
    case 0xF3:
      return "ĩ";
    case 0xF2:
      return "ị";
    case 0xCD:
      return "Í";
    case 0xCC:
      return "Ì";
    case 0xC6:
      return "Ỉ";
    case 0xD3:
      return "Ĩ";
    case 0xD2:
      return "Ị";
    case 0xEE:
      return "ỵ";
    case 0xCE:
      return "Ỵ";
    default:
      return nullptr;
  }
}

// The VNI letter at bytes[i]: sets *len to the bytes used (1 or 2) and
// returns its UTF-8, or nullptr when bytes[i] starts no VNI letter.
const char* VniLetterAt(std::string_view bytes, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(bytes[i]);
  const unsigned char n =
      i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
  const bool upper = c < 0x80 ? (c >= 'A' && c <= 'Z') : (c < 0xE0);
  int v = -1;
  switch (c | 0x20) {  // ASCII lower case; 0xD4/0xD6 fold to 0xF4/0xF6
    case 'a':
      v = kA;
      break;
    case 'e':
      v = kE;
      break;
    case 'o':
      v = kO;
      break;
    case 'u':
      v = kU;
      break;
    case 'y':
      v = kY;
      break;
    case 0xF4:
      v = kOHorn;
      break;
    case 0xF6:
      v = kUHorn;
      break;
    default:
      break;
  }
  *len = 2;
  if (v == kA && VniBreve(n) >= 0) return VowelUtf8(kABreve, VniBreve(n), upper);
  if ((v == kA || v == kE || v == kO) && VniCircumflex(n) >= 0)
    return VowelUtf8(v == kA   ? kACirc
                     : v == kE ? kECirc
                               : kOCirc,
                     VniCircumflex(n), upper);
  if (v >= 0 && VniTone(n) >= 0) return VowelUtf8(v, VniTone(n), upper);
  *len = 1;
  return c >= 0x80 ? VniSingle(c) : nullptr;
}

// Common Vietnamese words that carry diacritics.
bool CommonWord(std::string_view w) {
  static const char* const kWords[] = {
      "của", "và",   "các",  "được", "người", "không", "những", "là",   "có",  "một",
      "với", "này",  "đã",   "để",   "đến",   "tại",   "về",    "cũng", "như", "từ",
      "nhà", "việc", "nước", "năm",  "trên",  "đó",    "sự",    "hơn",  "đây", "nhiều"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

// Whether UTF-8 `text` reads as Vietnamese: common words make up a
// plausible share of the words with non-ASCII letters.
bool ReadsVietnamese(const std::string& text) {
  size_t words = 0, hits = 0;
  std::string w;
  bool non_ascii = false;
  auto flush = [&] {
    if (non_ascii) {
      ++words;
      hits += CommonWord(w);
    }
    w.clear();
    non_ascii = false;
  };
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && c < 0x80) {
      flush();
      continue;
    }
    non_ascii = non_ascii || c >= 0x80;
    w.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch);
  }
  flush();
  return hits >= 3 && hits * 100 >= words * 8;
}

// Share of high bytes that are letters of the encoding, in percent.
int LetterShare(LegacyVn e, std::string_view bytes, size_t* high) {
  size_t letters = 0;
  *high = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (e == LegacyVn::kTcvn3) {
      if (c >= 0x80) ++*high, letters += Tcvn3Table()[c] != nullptr;
      continue;
    }
    size_t len = 1;
    const bool letter = VniLetterAt(bytes, i, &len) != nullptr;
    for (size_t k = 0; k < len; ++k)
      if (static_cast<unsigned char>(bytes[i + k]) >= 0x80) ++*high, letters += letter;
    i += len - 1;
  }
  return *high == 0 ? 0 : static_cast<int>(letters * 100 / *high);
}

}  // namespace

const char* LegacyVnName(LegacyVn e) {
  return e == LegacyVn::kTcvn3 ? "tcvn3" : e == LegacyVn::kVni ? "vni" : "";
}

LegacyVn DetectLegacyVn(std::string_view bytes) {
  // Latin-1 text is mostly TCVN3 letters too, and VNI marks are TCVN3
  // letters: the byte share only selects candidates; the words decide.
  for (LegacyVn e : {LegacyVn::kVni, LegacyVn::kTcvn3}) {
    size_t high = 0;
    if (LetterShare(e, bytes, &high) < 85 || high < 8) continue;
    std::string text;
    LegacyVnToUtf8(e, bytes, &text);
    if (ReadsVietnamese(text)) return e;
  }
  return LegacyVn::kNone;
}

void LegacyVnToUtf8(LegacyVn e, std::string_view bytes, std::string* out) {
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 4);
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    const char* letter = nullptr;
    size_t len = 1;
    if (e == LegacyVn::kTcvn3)
      letter = Tcvn3Table()[c];
    else if (e == LegacyVn::kVni)
      letter = VniLetterAt(bytes, i, &len);
    if (letter == nullptr) {
      AppendCp1252(c, out);
      continue;
    }
    out->append(letter);
    i += len - 1;
  }
}

bool Utf8ToLegacyVn(LegacyVn e, std::string_view utf8, std::string* out) {
  // The inverse of the decoder, by enumerating what it decodes: the single
  // bytes, then base + mark pairs (a mark in the base's case first).
  static const auto* const inverse = [] {
    auto* m = new std::map<LegacyVn, std::map<std::string, std::string>>();
    for (int b = 0x80; b < 0x100; ++b)
      if (const char* l = Tcvn3Table()[b])
        (*m)[LegacyVn::kTcvn3].emplace(l, std::string(1, static_cast<char>(b)));
    // Singles first: ỵ is "î", though the decoder also reads "yï".
    auto& vni = (*m)[LegacyVn::kVni];
    for (int b = 0x80; b < 0x100; ++b)
      if (const char* l = VniSingle(static_cast<unsigned char>(b)))
        vni.emplace(l, std::string(1, static_cast<char>(b)));
    for (int pass = 0; pass < 2; ++pass)
      for (const char* base : {"a", "e", "o", "u", "y", "A", "E", "O", "U", "Y", "\xF4",
                               "\xF6", "\xD4", "\xD6"})
        for (int mark = 0xC0; mark < 0x100; ++mark) {
          const unsigned char b0 = static_cast<unsigned char>(base[0]);
          const bool base_upper = b0 < 0x80 ? b0 < 'a' : b0 < 0xE0;
          if ((mark < 0xE0) != (base_upper != (pass == 1))) continue;
          const std::string bytes = std::string(base) + static_cast<char>(mark);
          size_t len = 0;
          if (const char* l = VniLetterAt(bytes, 0, &len); l != nullptr && len == 2)
            vni.emplace(l, bytes);
        }
    return m;
  }();
  const auto it = inverse->find(e);
  if (it == inverse->end()) return false;
  out->clear();
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    const auto found = it->second.find(std::string(utf8.substr(i, n)));
    if (found == it->second.end()) return false;
    out->append(found->second);
    i += n;
  }
  return true;
}

}  // namespace vnreform
