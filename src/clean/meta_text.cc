// The clean stage's pure metadata helpers: site names cut from titles, dates
// in URLs and visible datelines, person-like bylines. On strings, no gumbo.
// Tested by tests/meta_test.cc.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/html_text.h"
#include "clean/page_meta.h"

namespace vnreform {
namespace {

// Decodes the UTF-8 code point at s[*i] and advances; U+FFFD on bad bytes.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[(*i)++];
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (*i >= s.size() || (s[*i] & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (s[(*i)++] & 0x3F);
  }
  return extra == 0 ? 0xFFFD : cp;
}

// Vietnamese (and Latin-1) letters -> their base letter, lower-case.
const std::unordered_map<char32_t, char>& FoldTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<char32_t, char>;
    const std::pair<char, std::string_view> rows[] = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậäåÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅ"},
        {'e', "èéẻẽẹêềếểễệëÈÉẺẼẸÊỀẾỂỄỆË"},
        {'i', "ìíỉĩịïÌÍỈĨỊÏ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợöøÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØ"},
        {'u', "ùúủũụưừứửữựüÙÚỦŨỤƯỪỨỬỮỰÜ"},
        {'y', "ỳýỷỹỵÿỲÝỶỸỴ"},
        {'d', "đĐ"},
        {'n', "ñÑ"},
        {'c', "çÇ"},
        {'s', "ß"}};
    for (const auto& [base, letters] : rows)
      for (size_t i = 0; i < letters.size();) (*t)[NextCodePoint(letters, &i)] = base;
    return t;
  }();
  return *table;
}

bool IsUpperInitial(std::string_view word) {
  if (word.empty()) return false;
  unsigned char c = word[0];
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  size_t i = 0;
  char32_t cp = NextCodePoint(word, &i);
  // Latin-1 / Latin Extended capitals are even code points below U+0180 or
  // in U+1EA0..U+1EF9 (Vietnamese), lower-case ones odd; À..Þ are capitals.
  if (cp >= 0xC0 && cp <= 0xDE) return true;
  if ((cp >= 0x100 && cp < 0x180) || (cp >= 0x1EA0 && cp <= 0x1EF9)) return cp % 2 == 0;
  // Greek and Cyrillic capitals.
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F)) return true;
  return cp == 0x1A0 || cp == 0x1AF;  // Ơ, Ư
}

// In "Headline | Section | Site", sections this short are cut too.
constexpr size_t kMaxSectionWords = 3;

// The separators sites put between a headline and their name.
constexpr std::string_view kTitleSeparators[] = {" | ",  " - ", " – ", " — ", " • ",
                                                 " :: ", " « ", " » ", " · ", " / "};

// True if every word of `a` (folded, space-separated) is a word of `b`.
bool WordSubset(std::string_view a, std::string_view b) {
  std::string padded = " " + std::string(b) + " ";
  for (size_t i = 0, j; i < a.size(); i = j + 1) {
    j = a.find(' ', i);
    if (j == std::string_view::npos) j = a.size();
    if (padded.find(" " + std::string(a.substr(i, j - i)) + " ") == std::string::npos)
      return false;
  }
  return !a.empty();
}

// "Báo Dân trí" is site-like for the site "Báo điện tử Dân Trí" or the host
// label "dantri".
bool IsSiteLike(std::string_view part, const std::vector<std::string>& sites) {
  std::string p = FoldForMatch(part, /*squash=*/true);
  if (p.size() < 3) return false;
  for (const std::string& site : sites) {
    std::string s = FoldForMatch(site, /*squash=*/true);
    if (s.size() >= 3 &&
        (p.find(s) != std::string::npos || s.find(p) != std::string::npos))
      return true;
    if (WordSubset(FoldForMatch(part), FoldForMatch(site))) return true;
  }
  return false;
}

// True if every word of `s` is capitalized, as names are ("Sở Thông Tin Và
// Truyền Thông") and sentence-case headlines are not.
bool IsNameCase(std::string_view s) {
  size_t words = 0;
  for (size_t i = 0, j; i < s.size(); i = j + 1) {
    for (j = i; j < s.size() && !IsSpace(s[j]);) ++j;
    if (j == i) continue;
    if (!IsUpperInitial(s.substr(i, j - i))) return false;
    ++words;
  }
  return words > 0 && words <= 7;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    n += !IsSpace(s[i]) && (i == 0 || IsSpace(s[i - 1]));
  return n;
}

}  // namespace

std::string FoldForMatch(std::string_view s, bool squash) {
  std::string out;
  const auto& table = FoldTable();
  for (size_t i = 0; i < s.size();) {
    char32_t cp = NextCodePoint(s, &i);
    char c = 0;
    if (cp < 0x80) {
      c = Lower(static_cast<char>(cp));
      if (!IsDigit(c) && (c < 'a' || c > 'z')) c = ' ';
    } else if (auto it = table.find(cp); it != table.end()) {
      c = it->second;
    } else {
      c = ' ';
    }
    if (c == ' ' && (squash || out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string_view> SplitTitle(std::string_view title) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < title.size(); ++i) {
    for (std::string_view sep : kTitleSeparators) {
      if (title.compare(i, sep.size(), sep) != 0) continue;
      parts.push_back(title.substr(start, i - start));
      start = i + sep.size();
      i = start - 1;
      break;
    }
  }
  parts.push_back(title.substr(start));
  return parts;
}

std::string StripSiteName(std::string_view title, const std::vector<std::string>& sites) {
  std::vector<std::string_view> parts = SplitTitle(title);
  size_t begin = 0, end = parts.size();
  while (end - begin > 1 && IsSiteLike(parts[end - 1], sites)) --end;
  while (end - begin > 1 && IsSiteLike(parts[begin], sites)) ++begin;
  if (end == parts.size() && begin == 0 && parts.size() >= 3) {
    --end;  // "Headline | Section | Site": the site, then short sections
    // ("Phòng Báo chí - Xuất bản - Truyền thông - Sở X" keeps its hyphens).
    bool pipes = title.find(" | ") != title.rfind(" | ");
    while (pipes && end > 1 && CountWords(parts[end - 1]) <= kMaxSectionWords) --end;
  } else if (end == 2 && begin == 0 && IsNameCase(parts[1]) && !IsNameCase(parts[0])) {
    --end;  // "Lãnh đạo Sở - Sở Thông Tin Và Truyền Thông"
  }
  if (begin == 0 && end == parts.size()) return Collapse(title);
  const char* from = parts[begin].data();
  const char* to = parts[end - 1].data() + parts[end - 1].size();
  return Collapse(std::string_view(from, to - from));
}

bool IsSiteName(std::string_view part, const std::vector<std::string>& sites) {
  std::string p = FoldForMatch(part, /*squash=*/true);
  if (p.size() < 3) return false;
  for (const std::string& site : sites) {
    std::string s = FoldForMatch(site, /*squash=*/true);
    if (s.size() >= 3 && s.find(p) != std::string::npos) return true;
    if (WordSubset(FoldForMatch(part), FoldForMatch(site))) return true;
  }
  return false;
}

bool LooksLikePersonName(std::string_view name, const std::vector<std::string>& sites) {
  // Joined names ("Orhan Coskun and Suleiman Al-Khalidi") are read one by
  // one, each of kMinNameWords..kMaxNameWords words.
  constexpr size_t kMinNameWords = 2, kMaxNameWords = 5, kMaxNames = 3;
  constexpr size_t kMaxNameBytes = 60;
  size_t words = CountWords(name);
  if (words < kMinNameWords || words > kMaxNames * kMaxNameWords + kMaxNames - 1 ||
      name.size() > kMaxNames * kMaxNameBytes)
    return false;
  // A '.' only ends an initial ("J.R. Stone", "Kenneth P. Vogel"), not
  // a host ("dantri.com.vn").
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (IsDigit(c) || c == '@' || c == '/' || c == ':' || c == '|') return false;
    if (c == '.' && !(i > 0 && name[i - 1] >= 'A' && name[i - 1] <= 'Z' &&
                      (i == 1 || IsSpace(name[i - 2]) || name[i - 2] == '.')))
      return false;
  }
  std::string folded = FoldForMatch(name, false);
  // Newsrooms, agencies ("Agencia Efe"), companies ("Arya Group"), police
  // press offices ("Polizei Steinfurt"), and share buttons ("Facebook
  // Twitter Linkedin") under a byline: no person.
  for (std::string_view org :
       {"bao ",      "tap chi",   "cong thong tin", "redaktion", "redaccion", "redacao",
        "redazione", "redactie",  "redaction",      "newsroom",  "admin",     "staff",
        "editor",    "news",      "online",         "agenc",     "agentur",   "group",
        "gruppe",    "polizei",   "police",         "facebook",  "twitter",   "linkedin",
        "whatsapp",  "instagram", "pinterest"})
    if (folded.rfind(org, 0) == 0 ||
        folded.find(std::string(" ") + std::string(org)) != std::string::npos)
      return false;
  size_t lower = 0, names = 1, name_words = 0;
  bool ok = true;
  for (size_t i = 0, j; i < name.size() && ok; i = j + 1) {
    for (j = i; j < name.size() && !IsSpace(name[j]);) ++j;
    std::string_view w = name.substr(i, j - i);
    if (w.empty()) continue;
    // "Posted By", "More About This Recipe", "Alle Meldungen": words of a
    // label, not a name.
    for (std::string_view label :
         {"About",   "This",    "More",   "The",     "Our",    "Your", "All",
          "Read",    "View",    "See",    "With",    "For",    "From", "Posted",
          "Written", "Share",   "Follow", "Contact", "Recipe", "Alle", "Alles",
          "Mehr",    "Weitere", "Zum",    "Zur"})
      ok = ok && w != label;
    const bool joint = w == "and" || w == "und" || w == "&" || w == "et" || w == "và";
    if (joint) {
      ok = name_words >= kMinNameWords;
      ++names, name_words = 0;
      continue;
    }
    ++name_words;
    ok = ok && name_words <= kMaxNameWords;
    bool particle = w == "de" || w == "van" || w == "von" || w == "la" || w == "da" ||
                    w == "del" || w == "der" || w == "y";
    if (!IsUpperInitial(w) && !particle) ++lower;
  }
  ok = ok && name_words >= kMinNameWords && names <= kMaxNames &&
       (names > 1 || name.size() <= kMaxNameBytes);
  return ok && lower == 0 && !IsSiteLike(name, sites);
}

}  // namespace vnreform
