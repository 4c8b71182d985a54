// The clean stage's date reading on strings, no gumbo: dates in URLs and
// datelines written out in text, numeric ("21/3/2019", "2019-03-21") or with
// a month name in English, German, French, Spanish, Italian, Portuguese,
// Dutch, Vietnamese ("21 tháng 3 năm 2019") and CJK ("2019年3月21日").
// Tested by tests/meta_test.cc.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/html_text.h"
#include "clean/page_meta.h"

namespace vnreform {
namespace {

// Earliest year taken from text or a URL: older numbers are not dates of a
// web page (street numbers, "1952" in a story).
constexpr int kMinYear = 1990, kMaxYear = 2100;
// Two time stamps this close tell of the same publication (a page's UTC
// stamp and its local one, written minutes apart by different plugins).
constexpr long kSameMomentMinutes = 12 * 60;

// Month names and their common abbreviations, lower-case. "out" (Portuguese
// October) and "mar" clashes are left out where the word is common English.
const std::unordered_map<std::string_view, int>& MonthNames() {
  static const auto* table =
      new std::unordered_map<std::string_view, int>{// English
                                                    {"jan", 1},
                                                    {"january", 1},
                                                    {"feb", 2},
                                                    {"february", 2},
                                                    {"mar", 3},
                                                    {"march", 3},
                                                    {"apr", 4},
                                                    {"april", 4},
                                                    {"may", 5},
                                                    {"jun", 6},
                                                    {"june", 6},
                                                    {"jul", 7},
                                                    {"july", 7},
                                                    {"aug", 8},
                                                    {"august", 8},
                                                    {"sep", 9},
                                                    {"sept", 9},
                                                    {"september", 9},
                                                    {"oct", 10},
                                                    {"october", 10},
                                                    {"nov", 11},
                                                    {"november", 11},
                                                    {"dec", 12},
                                                    {"december", 12},
                                                    // German
                                                    {"januar", 1},
                                                    {"jänner", 1},
                                                    {"jän", 1},
                                                    {"februar", 2},
                                                    {"märz", 3},
                                                    {"mrz", 3},
                                                    {"mai", 5},
                                                    {"juni", 6},
                                                    {"juli", 7},
                                                    {"okt", 10},
                                                    {"oktober", 10},
                                                    {"dez", 12},
                                                    {"dezember", 12},
                                                    // French
                                                    {"janvier", 1},
                                                    {"janv", 1},
                                                    {"février", 2},
                                                    {"fevrier", 2},
                                                    {"févr", 2},
                                                    {"fév", 2},
                                                    {"mars", 3},
                                                    {"avril", 4},
                                                    {"avr", 4},
                                                    {"juin", 6},
                                                    {"juillet", 7},
                                                    {"juil", 7},
                                                    {"août", 8},
                                                    {"aout", 8},
                                                    {"septembre", 9},
                                                    {"octobre", 10},
                                                    {"novembre", 11},
                                                    {"décembre", 12},
                                                    {"decembre", 12},
                                                    {"déc", 12},
                                                    // Spanish
                                                    {"enero", 1},
                                                    {"ene", 1},
                                                    {"febrero", 2},
                                                    {"marzo", 3},
                                                    {"abril", 4},
                                                    {"abr", 4},
                                                    {"mayo", 5},
                                                    {"junio", 6},
                                                    {"julio", 7},
                                                    {"agosto", 8},
                                                    {"ago", 8},
                                                    {"septiembre", 9},
                                                    {"setiembre", 9},
                                                    {"octubre", 10},
                                                    {"noviembre", 11},
                                                    {"diciembre", 12},
                                                    {"dic", 12},
                                                    // Italian
                                                    {"gennaio", 1},
                                                    {"gen", 1},
                                                    {"febbraio", 2},
                                                    {"aprile", 4},
                                                    {"maggio", 5},
                                                    {"mag", 5},
                                                    {"giugno", 6},
                                                    {"giu", 6},
                                                    {"luglio", 7},
                                                    {"lug", 7},
                                                    {"settembre", 9},
                                                    {"set", 9},
                                                    {"ottobre", 10},
                                                    {"ott", 10},
                                                    {"dicembre", 12},
                                                    // Portuguese
                                                    {"janeiro", 1},
                                                    {"fevereiro", 2},
                                                    {"fev", 2},
                                                    {"março", 3},
                                                    {"maio", 5},
                                                    {"junho", 6},
                                                    {"julho", 7},
                                                    {"setembro", 9},
                                                    {"outubro", 10},
                                                    {"novembro", 11},
                                                    {"dezembro", 12},
                                                    // Dutch
                                                    {"januari", 1},
                                                    {"februari", 2},
                                                    {"maart", 3},
                                                    {"mrt", 3},
                                                    {"mei", 5},
                                                    {"augustus", 8}};
  return *table;
}

bool IsLetterByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80);
}

// The length of a no-break or typographic space at s[j] (U+00A0, U+2000 to
// U+200A, U+202F: "4.&thinsp;2.&thinsp;2022"), else 0.
size_t WideSpaceAt(std::string_view s, size_t j) {
  auto byte = [&](size_t k) {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
  };
  if (byte(j) == 0xC2 && byte(j + 1) == 0xA0) return 2;
  if (byte(j) == 0xE2 && byte(j + 1) == 0x80 &&
      ((byte(j + 2) >= 0x80 && byte(j + 2) <= 0x8A) || byte(j + 2) == 0xAF))
    return 3;
  return 0;
}

// The month named by the word at s[*i] ("März", "Sept.", "January"), or 0;
// advances *i past the word and a '.' after it.
int ReadMonthName(std::string_view s, size_t* i) {
  size_t j = *i;
  auto letter = [&](size_t k) { return IsLetterByte(s[k]) && WideSpaceAt(s, k) == 0; };
  while (j < s.size() && letter(j) && j - *i < 12) ++j;
  if (j - *i < 3 || (j < s.size() && letter(j))) return 0;
  std::string word;
  AppendLower(s.substr(*i, j - *i), &word);
  auto it = MonthNames().find(word);
  if (it == MonthNames().end()) return 0;
  if (j < s.size() && s[j] == '.') ++j;
  *i = j;
  return it->second;
}

// A run of 1-4 digits at s[*i], not part of a longer number.
bool ReadInt(std::string_view s, size_t* i, int* v, size_t max_digits = 4) {
  size_t j = *i;
  for (*v = 0; j < s.size() && IsDigit(s[j]) && j - *i < max_digits; ++j)
    *v = *v * 10 + s[j] - '0';
  if (j == *i || (j < s.size() && IsDigit(s[j]))) return false;
  *i = j;
  return true;
}

// Skips blanks, commas and the words `words` (" de ", "del", "năm" ...).
size_t SkipFiller(std::string_view s, size_t j,
                  std::initializer_list<std::string_view> words = {}) {
  for (bool again = true; again;) {
    again = false;
    for (size_t wide; j < s.size();) {
      if (IsSpace(s[j]) || s[j] == ',') {
        ++j;
      } else if ((wide = WideSpaceAt(s, j)) > 0) {
        j += wide;
      } else {
        break;
      }
    }
    for (std::string_view w : words) {
      if (s.substr(j, w.size()) == w &&
          (j + w.size() == s.size() || !IsLetterByte(s[j + w.size()]))) {
        j += w.size();
        again = true;
        break;
      }
    }
  }
  return j;
}

// An ordinal suffix after a day: "21st", "2nd", "3rd", "4th", "21." .
size_t SkipOrdinal(std::string_view s, size_t j) {
  for (std::string_view suffix : {"st", "nd", "rd", "th", "."})
    if (s.substr(j, suffix.size()) == suffix &&
        (suffix == "." || j + 2 == s.size() || !IsLetterByte(s[j + 2])))
      return j + suffix.size();
  return j;
}

std::string FormatDay(int y, int m, int d) {
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// "21 March 2019", "21. März 2019", "21 de marzo de 2019", "21 tháng 3 năm
// 2019", "2019年3月21日" / "2019년 3월 21일" at the digit s[i].
std::string DayFirstAt(std::string_view s, size_t i) {
  int day = 0, month = 0, year = 0;
  size_t j = i;
  if (!ReadInt(s, &j, &day)) return "";
  if (day >= kMinYear) {  // CJK: year 年 month 月 day 日
    for (std::string_view year_mark : {"年", "년"}) {
      size_t k = SkipFiller(s, j);
      if (s.substr(k, year_mark.size()) != year_mark) continue;
      k = SkipFiller(s, k + year_mark.size());
      if (!ReadInt(s, &k, &month, 2)) return "";
      k = SkipFiller(s, k, {"月", "월"});
      if (!ReadInt(s, &k, &year, 2)) return "";
      return FormatDay(day, month, year);
    }
    return "";
  }
  const bool dotted = j < s.size() && s[j] == '.';
  j = SkipOrdinal(s, j);
  j = SkipFiller(s, j, {"de", "tháng"});
  if (j < s.size() && IsDigit(s[j])) {
    if (dotted && j > i + 2) {  // German "4. 2. 2022": day. month. year, spaced
      if (!ReadInt(s, &j, &month, 2) || j >= s.size() || s[j] != '.') return "";
      j = SkipFiller(s, j + 1);
      if (!ReadInt(s, &j, &year) || year < 1000) return "";
      return FormatDay(year, month, day);
    }
    // Vietnamese "21 tháng 3 năm 2019"
    if (s.substr(i, j - i).find("tháng") == std::string_view::npos) return "";
    if (!ReadInt(s, &j, &month, 2)) return "";
  } else if (!(month = ReadMonthName(s, &j))) {
    return "";
  }
  j = SkipFiller(s, j, {"de", "del", "năm"});
  if (!ReadInt(s, &j, &year)) return "";
  return FormatDay(year, month, day);
}

// "March 21, 2019", "Sep 15 2020", "March 21st, 2019" at the letter s[i].
std::string MonthFirstAt(std::string_view s, size_t i) {
  size_t j = i;
  int month = ReadMonthName(s, &j), day = 0, year = 0;
  if (!month) return "";
  j = SkipFiller(s, j);
  if (!ReadInt(s, &j, &day, 2)) return "";
  j = SkipFiller(s, SkipOrdinal(s, j));
  if (!ReadInt(s, &j, &year)) return "";
  return FormatDay(year, month, day);
}

// "03/21/2019": the American order, taken only when the day-first reading
// is impossible (the middle number is above 12).
std::string MonthDayYearAt(std::string_view s, size_t i) {
  int m = 0, d = 0, y = 0;
  size_t j = i;
  if (!ReadInt(s, &j, &m, 2) || j >= s.size() || s[j] != '/') return "";
  ++j;
  if (!ReadInt(s, &j, &d, 2) || d <= 12 || j >= s.size() || s[j] != '/') return "";
  ++j;
  if (!ReadInt(s, &j, &y, 4) || y < 100) return "";
  return FormatDay(y, m, d);
}

}  // namespace

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
    // Three numbers joined by one separator, not part of a longer run.
    auto triple = [&](size_t digits_a, size_t digits_b, size_t digits_c, int* a, int* b,
                      int* c) {
      size_t j = i;
      if (!ReadInt(p, &j, a, digits_a) || j - i < (digits_a == 4 ? 4 : 1) ||
          j >= p.size() || (p[j] != '/' && p[j] != '-'))
        return false;
      const char sep = p[j++];
      size_t k = j;
      if (!ReadInt(p, &j, b, digits_b) || j >= p.size() || p[j] != sep) return false;
      k = ++j;
      if (!ReadInt(p, &j, c, digits_c) || (digits_c == 4 && j - k != 4)) return false;
      // "/2023/10/3-fragen-an-..." is a month's folder and a title; a
      // one-digit day or month ends its path segment ("/2017/7/12/").
      const bool short_part = j - k == 1 || k - i < (digits_a == 4 ? 8u : 6u);
      if (short_part && j < p.size() && p[j] != '/' && p[j] != sep) return false;
      return j == p.size() || !IsDigit(p[j]);
    };
    if (n == 8) {  // -20240229
      std::sscanf(std::string(p.substr(i, 8)).c_str(), "%4d%2d%2d", &y, &m, &d);
    } else if (n == 4) {  // /2024/02/29/, /2017/7/12/
      if (!triple(4, 2, 2, &y, &m, &d)) y = 0;
    } else if (n <= 2) {  // /meldungen/29-10-2021
      if (!triple(2, 2, 4, &d, &m, &y)) y = 0;
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
    // A number may follow a CJK or Vietnamese letter ("ngày21", "于2019年"),
    // a month name only a blank or punctuation.
    const char prev = i == 0 ? ' ' : text[i - 1];
    const bool digit = IsDigit(text[i]);
    if (IsDigit(prev) || (prev & 0x80 ? !digit : IsLetterByte(prev))) continue;
    std::string found;
    if (digit) {
      std::string numeric = NormalizeDate(text.substr(i, 40));
      if (!numeric.empty() &&
          NormalizeDate(text.substr(i, 10)).substr(0, 10) == numeric.substr(0, 10) &&
          numeric.compare(0, 4, "1990") >= 0)
        return numeric;
      if (!(found = MonthDayYearAt(text, i)).empty()) return found;
      found = DayFirstAt(text, i);
    } else {
      found = MonthFirstAt(text, i);
    }
    if (!found.empty()) return found;
  }
  return "";
}

std::string FindShortYearDate(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == '.' ||
                                        IsLetterByte(text[i - 1]))))
      continue;  // not "v1.2.10", "1.2.10"
    int d = 0, m = 0, y = 0;
    size_t j = i;
    if (!ReadInt(text, &j, &d, 2) || j >= text.size() || text[j] != '.') continue;
    ++j;
    if (!ReadInt(text, &j, &m, 2) || j >= text.size() || text[j] != '.') continue;
    const size_t year_at = ++j;
    if (!ReadInt(text, &j, &y, 2) || j - year_at != 2) continue;
    // Not a longer number: "1.2.10.4", "8.5.12.".
    if (j + 1 < text.size() && text[j] == '.' && IsDigit(text[j + 1])) continue;
    std::string day = FormatDay(y + (y < 70 ? 2000 : 1900), m, d);
    if (!day.empty()) return day;
  }
  return "";
}

namespace {

// Minutes east of UTC written after the clock of an ISO date-time ("+07:00",
// "-0500", "Z" = 0); false if it states none.
bool ReadOffset(std::string_view value, int* minutes) {
  if (value.size() < 16) return false;
  std::string_view rest = value.substr(16);
  size_t sign = rest.find_first_of("+-Z");
  if (sign == std::string_view::npos) return false;
  *minutes = 0;
  if (rest[sign] == 'Z') return true;
  int h = 0, m = 0;
  size_t j = sign + 1;
  if (!ReadInt(rest, &j, &h, 2) && !(j + 4 <= rest.size() && IsDigit(rest[j + 3])))
    return false;
  if (j == sign + 1) {  // "+0500"
    std::sscanf(std::string(rest.substr(j, 4)).c_str(), "%2d%2d", &h, &m);
  } else if (j < rest.size() && rest[j] == ':') {
    ++j;
    ReadInt(rest, &j, &m, 2);
  }
  *minutes = (rest[sign] == '-' ? -1 : 1) * (h * 60 + m);
  return h < 15 && m < 60;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

// Minutes since the epoch, in UTC, of an ISO date-time with an offset.
bool UtcMinutes(std::string_view value, long* out) {
  int offset = 0, y, mo, d, h, mi;
  std::string iso = NormalizeDate(value);
  if (iso.size() < 16 || !ReadOffset(value, &offset) ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
    return false;
  *out = DaysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offset;
  return true;
}

}  // namespace

bool IsUtcStamp(std::string_view value) {
  int minutes = 0;
  return ReadOffset(value, &minutes) && minutes == 0;
}

long DaysApart(std::string_view a, std::string_view b) {
  int ya, ma, da, yb, mb, db;
  if (a.size() < 10 || b.size() < 10 ||
      std::sscanf(std::string(a.substr(0, 10)).c_str(), "%4d-%2d-%2d", &ya, &ma, &da) !=
          3 ||
      std::sscanf(std::string(b.substr(0, 10)).c_str(), "%4d-%2d-%2d", &yb, &mb, &db) !=
          3)
    return kNotDays;
  return std::labs(DaysFromCivil(ya, ma, da) - DaysFromCivil(yb, mb, db));
}

bool HasLocalOffset(std::string_view value) {
  int minutes = 0;
  return ReadOffset(value, &minutes) && minutes != 0;
}

std::string LocalDayOf(std::string_view utc_value,
                       const std::vector<std::string>& others) {
  long at = 0, other_at = 0;
  if (HasLocalOffset(utc_value) || !UtcMinutes(utc_value, &at)) return "";
  std::string day;
  long best = kSameMomentMinutes + 1;
  for (const std::string& other : others) {
    if (HasLocalOffset(other) && UtcMinutes(other, &other_at) &&
        std::labs(other_at - at) < best) {
      best = std::labs(other_at - at);
      day = NormalizeDate(other).substr(0, 10);
    }
  }
  return day;
}

std::string ParseDateValue(std::string_view value) {
  std::string iso = NormalizeDate(value);
  if (!iso.empty() && iso.compare(0, 4, "1990") >= 0) return iso;
  return FindDateline(value.substr(0, 200));
}

}  // namespace vnreform
