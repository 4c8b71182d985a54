// Field converters: the productions a rule's fields are written with
// ("int(num)", "iso_date(d, m, y)", ...). Pure functions over matched text and
// the rules' lexicons (rules/words.toml). Tested by tests/extract_test.cc.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// "1.384" -> "1384"; "35" -> "35". Only digits and '.'/' ' separators.
bool ParseInt(std::string_view s, long long* out) {
  std::string digits;
  for (char c : s) {
    if (IsDigit(c))
      digits.push_back(c);
    else if (c != '.' && c != ' ' && c != ',')
      return false;
  }
  if (digits.empty() || digits.size() > 18) return false;
  *out = std::strtoll(digits.c_str(), nullptr, 10);
  return true;
}

// Vietnamese numbers: ',' is the decimal mark and '.' groups thousands
// ("1.384,5"); a lone '.' followed by other than 3 digits is a decimal point
// ("35.03"), as is a lone ',' ("35,03"); several ',' group thousands.
bool ParseNumber(std::string_view s, double* out) {
  std::string t = Trim(s);
  size_t dots = 0, commas = 0;
  for (char c : t) {
    if (c == '.')
      ++dots;
    else if (c == ',')
      ++commas;
    else if (!IsDigit(c))
      return false;
  }
  if (t.empty() || !IsDigit(t.front()) || !IsDigit(t.back())) return false;
  std::string c_locale;
  auto digits_after = [&](char sep) { return t.size() - t.rfind(sep) - 1; };
  for (char c : t) {
    if (IsDigit(c)) {
      c_locale.push_back(c);
      continue;
    }
    const bool decimal = (c == ',' && commas == 1) ||
                         (c == '.' && dots == 1 && commas == 0 && digits_after('.') != 3);
    if (decimal) c_locale.push_back('.');
  }
  *out = std::strtod(c_locale.c_str(), nullptr);
  return true;
}

std::string FormatNumber(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Scale words written after a number: "79,5 triệu" = 79 500 000.
double ScaleOf(const Lexicons& words, std::string_view word) {
  auto it = words.scale.find(Trim(word));
  return it == words.scale.end() ? 1.0 : it->second;
}

int DaysIn(int month, int year) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2 || year == 0) return kDays[month - 1];
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return leap ? 29 : 28;
}

bool SmallInt(const std::string& s, int lo, int hi, int* out) {
  long long v;
  if (s.empty() || s.size() > 4 || !ParseInt(s, &v) || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

// A day or month number, or a word the lexicon gives one for ("rằm" = 15,
// "Giêng" = 1).
bool DayOrMonth(const std::map<std::string, int, std::less<>>& word_table,
                const std::string& s, int hi, int* out) {
  if (SmallInt(s, 1, hi, out)) return true;
  auto it = word_table.find(Trim(s));
  if (it == word_table.end() || it->second < 1 || it->second > hi) return false;
  *out = it->second;
  return true;
}

// iso_date(d, m[, y]): "2023-07-19", or "--07-19" without a year (an optional
// group that did not match): InferFromContext fills the year in. A day or
// month written as a word takes its number from [lexicon] day_word and
// month_word ("rằm tháng Giêng" = --01-15).
// month(m, y): "2022-09".
bool MakeDate(const Lexicons& words, const std::vector<std::string>& a,
              std::string* out) {
  int d = 0, m = 0, y = 0;
  const bool has_d = !a[0].empty(), has_y = a.size() > 2 && !a[2].empty();
  if (!has_d) return false;
  if (!DayOrMonth(words.month_word, a[1], 12, &m)) return false;
  if (has_y && !SmallInt(a[2], 1900, 2199, &y)) return false;
  if (!DayOrMonth(words.day_word, a[0], 31, &d) || d > DaysIn(m, y)) return false;
  char buf[32];
  if (!has_y)
    std::snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  *out = buf;
  return true;
}

bool MakeMonth(const std::vector<std::string>& a, std::string* out) {
  int m = 0, y = 0;
  if (!SmallInt(a[0], 1, 12, &m) || !SmallInt(a[1], 1900, 2199, &y)) return false;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  *out = buf;
  return true;
}

// datetime(d, m, y, H, M[, pm[, am]]): "2023-04-19T20:02"; without H/M the
// date alone. `pm`, a group that takes part only after an afternoon mark
// ("PM", "CH"), puts an hour before 12 on the 24-hour clock: "07:01 PM" ->
// T19:01; `am`, one after a morning mark, makes 12 midnight: "12:00 AM" ->
// T00:00.
bool MakeDateTime(const std::vector<std::string>& a, std::string* out) {
  if (a[2].empty() || a[0].empty()) return false;
  static const Lexicons kNoWords;
  if (!MakeDate(kNoWords, {a[0], a[1], a[2]}, out)) return false;
  int h = 0, mi = 0;
  if (a[3].empty()) return true;
  if (!SmallInt(a[3], 0, 23, &h) || !SmallInt(a[4], 0, 59, &mi)) return false;
  if (a.size() > 5 && !a[5].empty() && h < 12) h += 12;
  if (a.size() > 6 && !a[6].empty() && h == 12) h = 0;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", h, mi);
  *out += buf;
  return true;
}

// phrase(g): the noun phrase at the start of g, cut at punctuation and at
// the first function word, at most 8 words: "nhiệm vụ CCHC, đạt 35%" ->
// "nhiệm vụ CCHC"; "tỉnh, thành phố đã triển khai" -> "tỉnh, thành phố".
// The words that end a phrase and those that continue a list after a comma
// ("tỉnh, thành phố", "bộ, ngành") are the lexicons phrase_stop, phrase_list;
// phrase_head holds the words that end a phrase but may begin one ("35.268
// người", yet "27 tuổi người Thổ Nhĩ Kỳ" is "tuổi"); phrase_word the
// two-syllable words read as one, whose syllables alone would end it
// ("thiết bị", "đối tượng").
bool MakePhrase(const Lexicons& lex, std::string_view g, std::string* out) {
  std::string text = Trim(g);
  std::vector<std::string> words;
  size_t i = 0;
  bool after_comma = false;
  while (i < text.size() && words.size() < 8) {
    size_t j = text.find_first_of(" ,;:.()\"\n!?", i);
    if (j == std::string::npos) j = text.size();
    std::string w = text.substr(i, j - i);
    if (j < text.size() && text[j] == ' ') {
      size_t k = text.find_first_of(" ,;:.()\"\n!?", j + 1);
      if (k == std::string::npos) k = text.size();
      std::string pair = w + text.substr(j, k - j);
      if (lex.phrase_word.count(pair) > 0) {
        w = std::move(pair);
        j = k;
      }
    }
    const bool head = words.empty() && lex.phrase_head.count(w) > 0;
    if (w.empty() || (lex.phrase_stop.count(w) > 0 && !head) ||
        (after_comma && lex.phrase_list.count(w) == 0))
      break;
    if (after_comma) words.back() += ",";
    words.push_back(w);
    after_comma = false;
    if (j >= text.size()) break;
    if (text[j] == ',' && j + 1 < text.size() && text[j + 1] == ' ') {
      after_comma = true;
      i = j + 2;
    } else if (text[j] == ' ') {
      i = j + 1;
    } else {
      break;
    }
  }
  if (words.empty()) return false;
  out->clear();
  for (const std::string& w : words) *out += (out->empty() ? "" : " ") + w;
  return true;
}

// A quarter's number as the lexicon writes it ("III", "3"); 0 if none.
int QuarterOf(const Lexicons& words, std::string_view s) {
  auto it = words.quarter.find(Trim(s));
  return it == words.quarter.end() ? 0 : it->second;
}

// Periods as ISO 8601 intervals:
//   first_months(n, y)  "6 tháng đầu năm 2023" -> 2023-01/2023-06
//   quarter(q, y)       "quý III/2023"         -> 2023-07/2023-09
//   years(a, b)         "giai đoạn 2022 - 2025" -> 2022/2025
bool MakePeriod(const Lexicons& words, const std::string& kind,
                const std::vector<std::string>& a, std::string* out) {
  int y = 0, n = 0;
  char buf[32];
  if (kind == "years") {
    int b = 0;
    if (!SmallInt(a[0], 1900, 2199, &y) || !SmallInt(a[1], 1900, 2199, &b) || b <= y)
      return false;
    std::snprintf(buf, sizeof buf, "%04d/%04d", y, b);
  } else if (kind == "quarter") {
    n = QuarterOf(words, a[0]);
    if (n == 0 || !SmallInt(a[1], 1900, 2199, &y)) return false;
    std::snprintf(buf, sizeof buf, "%04d-%02d/%04d-%02d", y, 3 * n - 2, y, 3 * n);
  } else {
    if (!SmallInt(a[0], 1, 12, &n) || !SmallInt(a[1], 1900, 2199, &y)) return false;
    std::snprintf(buf, sizeof buf, "%04d-01/%04d-%02d", y, y, n);
  }
  *out = buf;
  return true;
}

struct ConverterInfo {
  size_t min_args, max_args;
};

const std::map<std::string, ConverterInfo>& Converters() {
  static const std::map<std::string, ConverterInfo> kConverters = {
      {"int", {1, 1}},         {"number", {1, 1}},     {"scaled", {1, 2}},
      {"text", {1, 3}},        {"compact", {1, 1}},    {"const", {1, 1}},
      {"const_int", {1, 1}},   {"signed_int", {2, 2}}, {"phrase", {1, 1}},
      {"map", {2, 2}},         {"lookup", {2, 2}},     {"first_months", {2, 2}},
      {"quarter", {2, 2}},     {"years", {2, 2}},      {"iso_date", {2, 3}},
      {"month", {2, 2}},       {"datetime", {5, 7}},   {"part_of", {2, 2}},
      {"dot_decimal", {1, 1}}, {"int_or_map", {2, 3}},
  };
  return kConverters;
}

}  // namespace

bool KnownConverter(const std::string& converter, size_t nargs, std::string* error) {
  auto it = Converters().find(converter);
  if (it == Converters().end()) {
    *error = "unknown converter \"" + converter +
             "\" (known: int, number, "
             "scaled, text, compact, phrase, map, lookup, const, const_int, signed_int, "
             "iso_date, month, datetime, first_months, quarter, years, part_of, "
             "dot_decimal, int_or_map)";
    return false;
  }
  if (nargs < it->second.min_args || nargs > it->second.max_args) {
    *error = converter + "() takes " + std::to_string(it->second.min_args) +
             (it->second.max_args > it->second.min_args
                  ? " to " + std::to_string(it->second.max_args)
                  : "") +
             " argument(s), got " + std::to_string(nargs);
    return false;
  }
  return true;
}

bool ConvertField(const FieldSpec& spec, const std::vector<std::string>& args, Field* out,
                  const RuleSet* rules) {
  static const Lexicons kNoWords;
  const Lexicons& words = rules ? rules->lexicons : kNoWords;
  out->name = spec.name;
  const std::string& c = spec.converter;
  // map(g, TABLE): the table's value for the text; lookup(g, TABLE) the same,
  // but the caller leaves the field out where the table has no entry.
  if (c == "map" || c == "lookup") {
    if (rules == nullptr) return false;
    auto table = rules->maps.find(spec.args[1]);
    if (table == rules->maps.end()) return false;
    auto it = table->second.find(Trim(args[0]));
    if (it == table->second.end()) return false;
    *out = Field{spec.name, it->second, Field::kString};
    return true;
  }
  if (c == "int_or_map") {  // int_or_map(g[, g2], TABLE): "12", or "ba" -> 3
    std::string t;          // the first group that matched
    for (size_t k = 0; k + 1 < args.size() && t.empty(); ++k) t = Trim(args[k]);
    long long v;
    if (!ParseInt(t, &v)) {
      if (rules == nullptr) return false;
      auto table = rules->maps.find(spec.args.back());
      if (table == rules->maps.end()) return false;
      auto it = table->second.find(t);
      if (it == table->second.end() || !ParseInt(it->second, &v)) return false;
    }
    *out = Field{spec.name, std::to_string(v), Field::kInt};
    return true;
  }
  if (c == "text" || c == "compact") {  // text(a, b, c): the first that matched
    std::string t;
    for (const std::string& a : args)
      if (t.empty()) t = Trim(a);
    if (t.empty()) return false;
    // A value is one line: a line break inside it (a title split by a
    // <br>), with the spaces around it, is one space.
    for (size_t nl; (nl = t.find('\n')) != std::string::npos;) {
      size_t b = nl, e = nl + 1;
      while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\r')) --b;
      while (e < t.size() && t[e] == ' ') ++e;
      t.replace(b, e - b, " ");
    }
    if (c == "compact") std::erase(t, ' ');
    *out = Field{spec.name, t, Field::kString};
    return true;
  }
  if (c == "const" || c == "const_int") {
    *out = Field{spec.name, args[0], c == "const" ? Field::kString : Field::kInt};
    return true;
  }
  if (c == "int") {
    long long v;
    if (!ParseInt(args[0], &v)) return false;
    *out = Field{spec.name, std::to_string(v), Field::kInt};
    return true;
  }
  if (c == "part_of") {  // part_of(n, whole): n, a count no larger than its whole
    long long v, whole;
    if (!ParseInt(args[0], &v) || !ParseInt(args[1], &whole) || whole == 0 || v > whole)
      return false;
    *out = Field{spec.name, std::to_string(v), Field::kInt};
    return true;
  }
  if (c == "dot_decimal") {  // "91.651" -> 91.651: the rule knows '.' is a decimal mark
    std::string t = Trim(args[0]);
    double v;
    const size_t dot = t.find('.');
    if (dot == std::string::npos || t.find_first_of(".,", dot + 1) != std::string::npos)
      return false;
    t[dot] = ',';
    if (!ParseNumber(t, &v)) return false;
    *out = Field{spec.name, FormatNumber(v), Field::kNumber};
    return true;
  }
  if (c == "signed_int") {  // signed_int(sign_word, n): "giảm" -> negative
    long long v;
    if (!ParseInt(args[1], &v)) return false;
    const bool negative = words.negative.count(Trim(args[0])) > 0;
    *out = Field{spec.name, std::to_string(negative ? -v : v), Field::kInt};
    return true;
  }
  if (c == "number" || c == "scaled") {
    double v;
    if (!ParseNumber(args[0], &v)) return false;
    if (c == "scaled" && args.size() > 1) v *= ScaleOf(words, args[1]);
    *out = Field{spec.name, FormatNumber(v), Field::kNumber};
    return true;
  }
  std::string value;
  if (c == "phrase" && MakePhrase(words, args[0], &value)) {
    *out = Field{spec.name, value, Field::kString};
    return true;
  }
  if ((c == "first_months" || c == "quarter" || c == "years") &&
      MakePeriod(words, c, args, &value)) {
    *out = Field{spec.name, value, Field::kString};
    return true;
  }
  if (c == "iso_date" && MakeDate(words, args, &value)) {
    *out = Field{spec.name, value, Field::kString};
    return true;
  }
  if (c == "month" && MakeMonth(args, &value)) {
    *out = Field{spec.name, value, Field::kString};
    return true;
  }
  if (c == "datetime" && MakeDateTime(args, &value)) {
    *out = Field{spec.name, value, Field::kString};
    return true;
  }
  return false;
}

}  // namespace vnreform
