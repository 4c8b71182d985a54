// The clean stage's pure metadata helpers: site names cut from titles, dates
// in URLs and visible datelines, person-like bylines. On strings, no gumbo.
// Tested by tests/meta_test.cc.
#include <cstdio>
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
  return cp == 0x1A0 || cp == 0x1AF;  // Ơ, Ư
}

// In "Headline | Section | Site", sections this short are cut too.
constexpr size_t kMaxSectionWords = 3;

// The separators sites put between a headline and their name.
constexpr std::string_view kTitleSeparators[] = {" | ",  " - ", " – ", " — ", " • ",
                                                 " :: ", " « ", " » ", " · ", " / "};

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

int MonthNumber(std::string_view word) {
  static constexpr std::string_view kMonths[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  std::string w;
  AppendLower(word.substr(0, 3), &w);
  for (int m = 0; m < 12; ++m)
    if (w == kMonths[m]) return m + 1;
  return 0;
}

// "January 13, 2020", "Feb 8, 2020", "13 January 2020" at s[i]; "" if none.
std::string EnglishDateAt(std::string_view s, size_t i) {
  auto word_end = [&](size_t j) {
    while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
      ++j;
    return j;
  };
  auto number = [&](size_t* j, int* v) {
    size_t k = *j;
    for (*v = 0; k < s.size() && IsDigit(s[k]) && k - *j < 4; ++k)
      *v = *v * 10 + s[k] - '0';
    bool ok = k > *j && (k == s.size() || !IsDigit(s[k]));
    *j = k;
    return ok;
  };
  auto skip = [&](size_t j) {
    while (j < s.size() && (IsSpace(s[j]) || s[j] == ',' || s[j] == '.')) ++j;
    return j;
  };
  int day = 0, month = 0, year = 0;
  size_t j = i;
  if (IsDigit(s[i])) {  // 13 January 2020
    if (!number(&j, &day)) return "";
    j = skip(j);
    size_t e = word_end(j);
    month = MonthNumber(s.substr(j, e - j));
    j = skip(e);
    if (!month || !number(&j, &year)) return "";
  } else {  // January 13, 2020
    size_t e = word_end(j);
    if (e - j > 9) return "";
    month = MonthNumber(s.substr(j, e - j));
    j = skip(e);
    if (!month || !number(&j, &day)) return "";
    j = skip(j);
    if (!number(&j, &year)) return "";
  }
  if (year < 1990 || year > 2100 || day < 1 || day > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
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

bool LooksLikePersonName(std::string_view name, const std::vector<std::string>& sites) {
  size_t words = CountWords(name);
  if (words < 2 || words > 5 || name.size() > 60) return false;
  for (char c : name)
    if (IsDigit(c) || c == '@' || c == '/' || c == '.' || c == ':' || c == '|')
      return false;
  std::string folded = FoldForMatch(name, false);
  for (std::string_view org :
       {"bao ", "tap chi", "cong thong tin", "redaktion", "redaccion", "newsroom",
        "admin", "staff", "editor", "news", "online"})
    if (folded.rfind(org, 0) == 0 ||
        folded.find(std::string(" ") + std::string(org)) != std::string::npos)
      return false;
  size_t lower = 0;
  for (size_t i = 0, j; i < name.size(); i = j + 1) {
    for (j = i; j < name.size() && !IsSpace(name[j]);) ++j;
    std::string_view w = name.substr(i, j - i);
    if (w.empty()) continue;
    bool particle = w == "de" || w == "van" || w == "von" || w == "la" || w == "da" ||
                    w == "del" || w == "der" || w == "y";
    if (!IsUpperInitial(w) && !particle) ++lower;
  }
  return lower == 0 && !IsSiteLike(name, sites);
}

std::string DateFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return "";
  std::string_view p = url.substr(path);
  for (size_t i = 0; i < p.size(); ++i) {
    if (!IsDigit(p[i]) || (i > 0 && IsDigit(p[i - 1]))) continue;
    int y = 0, m = 0, d = 0;
    size_t n = 0;
    while (i + n < p.size() && IsDigit(p[i + n])) ++n;
    if (n == 8) {  // -20240229
      std::sscanf(std::string(p.substr(i, 8)).c_str(), "%4d%2d%2d", &y, &m, &d);
    } else if (n == 4 && i + 10 <= p.size() && (p[i + 4] == '/' || p[i + 4] == '-') &&
               p[i + 7] == p[i + 4] && IsDigit(p[i + 5]) && IsDigit(p[i + 6]) &&
               IsDigit(p[i + 8]) && IsDigit(p[i + 9]) &&
               (i + 10 == p.size() || !IsDigit(p[i + 10]))) {  // /2024/02/29/
      std::sscanf(std::string(p.substr(i, 10)).c_str(), "%4d%*c%2d%*c%2d", &y, &m, &d);
    }
    if (y >= 1995 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
  }
  return "";
}

std::string FindDateline(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    bool start = i == 0 || !(IsDigit(text[i - 1]) || (text[i - 1] | 0x20) >= 'a');
    if (!start) continue;
    if (IsDigit(text[i])) {
      std::string numeric = NormalizeDate(text.substr(i, 40));
      if (!numeric.empty() &&
          NormalizeDate(text.substr(i, 10)).substr(0, 10) == numeric.substr(0, 10))
        return numeric;
    }
    if (std::string english = EnglishDateAt(text, i); !english.empty()) return english;
  }
  return "";
}

}  // namespace vnreform
