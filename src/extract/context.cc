// Document-level inference after overlaps are resolved: one publication date
// per article (the input's metadata first, else the first dateline a rule
// found), the article's province from "place" records, and the year of
// dates written without one ("Ngày 19-7").
// Tested by tests/extract_test.cc.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "extract/extract.h"

namespace vnreform {
namespace {

const char kPublished[] = "published";

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2023-07-19", "2023-07", "2023-07-19T20:02" -> 2023; else 0.
int YearOf(std::string_view v) {
  if (v.size() < 7 || v[4] != '-' || !IsDigits(v.substr(0, 4))) return 0;
  return std::atoi(std::string(v.substr(0, 4)).c_str());
}

bool IsPartial(std::string_view v) {  // "--07-19"
  return v.size() == 7 && v[0] == '-' && v[1] == '-' && v[4] == '-';
}

// One published record: metadata wins; otherwise the first in the text.
void KeepOnePublished(Document* doc) {
  auto first = std::find_if(doc->records.begin(), doc->records.end(),
                            [](const Record& r) { return r.type == kPublished; });
  if (!doc->published.empty()) {
    std::erase_if(doc->records, [](const Record& r) { return r.type == kPublished; });
    Record r;
    r.type = kPublished;
    r.rule_id = "input.metadata";
    r.text = doc->published;
    r.Set("value", doc->published);
    doc->records.insert(doc->records.begin(), std::move(r));
    return;
  }
  if (first == doc->records.end()) return;
  doc->published = first->Get("value");
  const uint32_t keep = first->begin;
  std::erase_if(doc->records, [&](const Record& r) {
    return r.type == kPublished && r.begin != keep;
  });
}

// The latest year the text states as "năm 2023", for articles with no
// publication date and no full date: 0 if none.
int LatestStatedYear(std::string_view text) {
  static const std::string_view kNam = "năm ";
  int best = 0;
  for (size_t p = text.find(kNam); p != std::string_view::npos;
       p = text.find(kNam, p + 1)) {
    std::string_view y = text.substr(p + kNam.size(), 5);
    // A target ("đến năm 2030", "tầm nhìn năm 2045") is no year of the text.
    const std::string_view before = text.substr(p >= 16 ? p - 16 : 0, p >= 16 ? 16 : p);
    const bool target = before.ends_with("đến ") || before.ends_with("tới ") ||
                        before.ends_with("đoạn ") || before.ends_with("nhìn ") ||
                        before.ends_with("tiêu ") || before.ends_with("hoạch ");
    if (!target && y.size() >= 4 && IsDigits(y.substr(0, 4)) &&
        (y.size() == 4 || !IsDigits(y.substr(4, 1)))) {
      const int v = std::atoi(std::string(y.substr(0, 4)).c_str());
      if (v >= 1900 && v < 2200) best = std::max(best, v);
    }
  }
  return best;
}

// The article's province: the place named most, when it is named at least
// twice as often as any other (an article from one province's portal names
// others in passing).
void InferLocality(Document* doc) {
  std::map<std::string, std::pair<int, std::string>> count;  // name -> n, 2025
  for (const Record& r : doc->records)
    if (r.type == "place" && r.Has("name")) {
      auto& c = count[r.Get("name")];
      ++c.first;
      c.second = r.Get("province_2025");
    }
  const std::pair<int, std::string>* top = nullptr;
  const std::string* top_name = nullptr;
  int second = 0;
  for (const auto& [name, c] : count) {
    if (top == nullptr || c.first > top->first) {
      if (top) second = std::max(second, top->first);
      top = &c;
      top_name = &name;
    } else {
      second = std::max(second, c.first);
    }
  }
  if (top == nullptr || top->first < 2 * second) return;
  doc->locality = *top_name;
  doc->locality_2025 = top->second;
}

}  // namespace

void InferFromContext(Document* doc) {
  KeepOnePublished(doc);
  InferLocality(doc);
  const int pub_year = YearOf(doc->published);
  int max_year = 0;
  for (const Record& r : doc->records)
    if (r.type != kPublished) max_year = std::max(max_year, YearOf(r.Get("value")));
  const bool any_partial = std::any_of(doc->records.begin(), doc->records.end(), [](const Record& r) {
    return std::any_of(r.fields.begin(), r.fields.end(), [](const Field& f) { return IsPartial(f.value); });
  });
  if (!any_partial) return;
  const int year = pub_year ? pub_year : max_year ? max_year : LatestStatedYear(doc->norm);
  if (year == 0) {  // "--07-19" can never be right: leave such values out
    for (Record& r : doc->records) std::erase_if(r.fields, [](const Field& f) { return IsPartial(f.value); });
    std::erase_if(doc->records, [](const Record& r) { return r.type == "date" && !r.Has("value"); });
    return;
  }
  const std::string pub_day = doc->published.substr(0, 10);
  for (Record& r : doc->records) {
    for (Field& f : r.fields) {
      if (!IsPartial(f.value)) continue;
      std::string full = std::to_string(year) + f.value.substr(1);
      // A "28/12" in an article of 3 January is last year's.
      if (pub_year && full.substr(5) > pub_day.substr(5) &&
          std::atoi(full.substr(5, 2).c_str()) - std::atoi(pub_day.substr(5, 2).c_str()) > 6)
        full = std::to_string(year - 1) + f.value.substr(1);
      f.value = std::move(full);
    }
  }
}

}  // namespace vnreform
