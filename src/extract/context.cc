// Document-level inference after overlaps are resolved, as the rule files'
// [types] declare it: one publication date per article (the input's metadata
// first, else the first a rule found), the article's province, and the year
// of dates written without one ("Ngày 19-7"), with where it came from in the
// record's field year_from. Names no record type.
// Tested by tests/extract_test.cc.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

// The declaration with `role`, or null.
const TypeDecl* WithRole(const RuleSet& rules, TypeDecl::Role role) {
  for (const TypeDecl& t : rules.types)
    if (t.role == role) return &t;
  return nullptr;
}

bool IsDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2023-07-19", "2023-07", "2023-07-19T20:02" -> 2023; else 0.
int YearOf(std::string_view v) {
  if (v.size() < 7 || v[4] != '-' || !IsDigits(v.substr(0, 4))) return 0;
  return std::atoi(std::string(v.substr(0, 4)).c_str());
}

bool IsPartial(std::string_view v) {  // "--07-19"
  return v.size() == 7 && v[0] == '-' && v[1] == '-' && v[4] == '-';
}

// One publication-date record: metadata wins; otherwise the first in the
// text.
void KeepOnePublished(const TypeDecl& decl, Document* doc) {
  const std::string& type = decl.type;
  auto first = std::find_if(doc->records.begin(), doc->records.end(),
                            [&](const Record& r) { return r.type == type; });
  if (!doc->published.empty()) {
    std::erase_if(doc->records, [&](const Record& r) { return r.type == type; });
    Record r;
    r.type = type;
    r.rule_id = decl.metadata_rule;
    r.from_metadata = true;
    r.text = doc->published;
    r.Set(decl.field, doc->published);
    doc->records.insert(doc->records.begin(), std::move(r));
    return;
  }
  if (first == doc->records.end()) return;
  doc->published = first->Get(decl.field);
  const uint32_t keep = first->begin;
  std::erase_if(doc->records,
                [&](const Record& r) { return r.type == type && r.begin != keep; });
}

// Whether a sentence of the text, up to `p`, names an index's edition
// (`year_edition`: "Chỉ số CCHC năm 2024", "PCI 2016 ... so với năm 2015"):
// its years are the index's, and the index year is not the year of the
// events the article reports (PAR INDEX 2024 is announced in 2025).
bool InEditionSentence(const Lexicons& words, std::string_view text, size_t p) {
  if (words.year_edition.empty()) return false;
  const size_t stop = text.find_last_of(".!?\n", p == 0 ? 0 : p - 1);
  const size_t from = stop == std::string_view::npos || p == 0 ? 0 : stop + 1;
  const std::string_view sentence = text.substr(from, p - from);
  return std::any_of(
      words.year_edition.begin(), words.year_edition.end(),
      [&](const std::string& w) { return sentence.find(w) != std::string_view::npos; });
}

// The latest year the text states with a year cue ("năm 2023"), for
// articles with no publication date and no full date: 0 if none.
int LatestStatedYear(const Lexicons& words, std::string_view text) {
  int best = 0;
  for (const std::string& cue_word : words.year_cue) {
    const std::string cue = cue_word + " ";
    for (size_t p = text.find(cue); p != std::string_view::npos;
         p = text.find(cue, p + 1)) {
      std::string_view y = text.substr(p + cue.size(), 5);
      // A target ("đến năm 2030", "tầm nhìn năm 2045") is no year of the text.
      const std::string_view before = text.substr(0, p);
      const bool target =
          std::any_of(words.year_target.begin(), words.year_target.end(),
                      [&](const std::string& w) { return before.ends_with(w + " "); }) ||
          InEditionSentence(words, text, p);
      if (!target && y.size() >= 4 && IsDigits(y.substr(0, 4)) &&
          (y.size() == 4 || !IsDigits(y.substr(4, 1)))) {
        const int v = std::atoi(std::string(y.substr(0, 4)).c_str());
        if (v >= 1900 && v < 2200) best = std::max(best, v);
      }
    }
  }
  return best;
}

// The article's province: the place named most, when it is named at least
// twice as often as any other (an article from one province's portal names
// others in passing).
void InferLocality(const TypeDecl& decl, Document* doc) {
  std::map<std::string, std::pair<int, std::string>> count;  // name -> n, 2025
  for (const Record& r : doc->records)
    if (r.type == decl.type && r.Has(decl.field)) {
      auto& c = count[r.Get(decl.field)];
      ++c.first;
      c.second = r.Get(decl.field_2025);
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

void InferFromContext(const RuleSet& rules, Document* doc) {
  const TypeDecl* published = WithRole(rules, TypeDecl::kPublicationDate);
  if (published != nullptr) KeepOnePublished(*published, doc);
  if (const TypeDecl* place = WithRole(rules, TypeDecl::kLocality))
    InferLocality(*place, doc);
  const int pub_year = YearOf(doc->published);
  const bool any_partial =
      std::any_of(doc->records.begin(), doc->records.end(), [](const Record& r) {
        return std::any_of(r.fields.begin(), r.fields.end(),
                           [](const Field& f) { return IsPartial(f.value); });
      });
  if (!any_partial) return;
  // Where the year comes from, in order: the article's publication date,
  // the date the input carried (a crawl's), the years the text gives.
  std::string ref_day = doc->published.substr(0, 10);
  std::string from = "publication_date";
  if (!pub_year && YearOf(doc->input_date)) {
    ref_day = doc->input_date.substr(0, 10);
    from = "input_date";
  } else if (!pub_year) {
    ref_day.clear();
    from = "text";
  }
  const int ref_year = YearOf(ref_day);
  // The latest year of the article's full dates; not a date that lies
  // inside another kept record ("Nghị quyết số 48-NQ/TW ngày 24/5/2005":
  // the document's date, not the article's). A cue that is not kept ("Đến
  // ngày 21-6-2023", a count's as-of date) is no such record.
  int max_year = 0;
  if (!ref_year) {
    std::set<std::string_view> cues;  // ids of the rules whose records go
    for (const Rule& rule : rules.rules)
      if (!rule.emit) cues.insert(rule.id);
    for (const Record& r : doc->records) {
      if (published != nullptr && r.type == published->type) continue;
      const int y = YearOf(r.Get("value"));
      if (y <= max_year) continue;
      const bool inside =
          std::any_of(doc->records.begin(), doc->records.end(), [&](const Record& o) {
            return &o != &r && o.type != r.type && o.begin <= r.begin && r.end <= o.end &&
                   o.end - o.begin > r.end - r.begin && !cues.count(o.rule_id);
          });
      if (!inside) max_year = y;
    }
  }
  // The input's date may be a crawl's, months after the article: a day more
  // than four months after it is last year's ("14/11" in a May crawl), one
  // less far ahead a plan ("22/6" exams in a February crawl).
  const int months_ahead = from == "input_date" ? 4 : 6;
  const int year = ref_year   ? ref_year
                   : max_year ? max_year
                              : LatestStatedYear(rules.lexicons, doc->norm);
  if (year == 0) {  // "--07-19" can never be right: leave such values out
    // Only a record that lost a value here may be dropped for lacking its
    // type's required field: others (a rank whose entity a link gives
    // later) wait for the links.
    std::vector<Record> kept;
    kept.reserve(doc->records.size());
    for (Record& r : doc->records) {
      const bool lost =
          std::erase_if(r.fields, [](const Field& f) { return IsPartial(f.value); }) > 0;
      if (lost &&
          std::any_of(rules.types.begin(), rules.types.end(), [&](const TypeDecl& t) {
            return !t.drop_without.empty() && t.type == r.type && !r.Has(t.drop_without);
          }))
        continue;
      kept.push_back(std::move(r));
    }
    doc->records = std::move(kept);
    return;
  }
  for (Record& r : doc->records) {
    bool filled = false;
    for (Field& f : r.fields) {
      if (!IsPartial(f.value)) continue;
      std::string full = std::to_string(year) + f.value.substr(1);
      // A "28/12" in an article of 3 January is last year's.
      if (ref_year && full.substr(5) > ref_day.substr(5) &&
          std::atoi(full.substr(5, 2).c_str()) - std::atoi(ref_day.substr(5, 2).c_str()) >
              months_ahead)
        full = std::to_string(year - 1) + f.value.substr(1);
      f.value = std::move(full);
      filled = true;
    }
    if (filled) r.Set("year_from", from);
  }
}

}  // namespace vnreform
