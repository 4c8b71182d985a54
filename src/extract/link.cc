// Links between records, declared in rule files as [[link]]: a ratio's
// stated percent, its subject and "as of" date, a ranking's index and year.
// Tested by tests/extract_test.cc.
#include <algorithm>

#include "extract/extract.h"

namespace vnreform {
namespace {

// The [begin, end) of the scope around byte `pos`.
std::pair<uint32_t, uint32_t> ScopeOf(const Document& doc, const std::string& scope,
                                      uint32_t pos) {
  const uint32_t size = static_cast<uint32_t>(doc.norm.size());
  if (scope == "article") return {0, size};
  const std::vector<uint32_t>& s = doc.sentence_starts;
  auto it = std::upper_bound(s.begin(), s.end(), pos);
  uint32_t b = it == s.begin() ? 0 : *(it - 1);
  uint32_t e = it == s.end() ? size : *it;
  if (scope == "clause") {
    const size_t before = doc.norm.rfind(';', pos);
    if (before != std::string::npos && before >= b) b = static_cast<uint32_t>(before + 1);
    const size_t after = doc.norm.find(';', pos);
    if (after != std::string::npos && after < e) e = static_cast<uint32_t>(after);
  }
  return {b, e};
}

void ApplyLink(const LinkSpec& l, Document* doc) {
  std::vector<Record>& recs = doc->records;
  for (Record& r : recs) {
    if (r.type != l.type || r.Has(l.field)) continue;
    const auto [sb, se] = ScopeOf(*doc, l.scope, r.begin);
    const Record* best = nullptr;
    uint32_t best_gap = 0;
    for (const Record& f : recs) {
      if (&f == &r || f.type != l.from || !f.Has(l.value)) continue;
      // A record before counts if it ends inside the scope, one after if it
      // begins inside: a subject match may start at the ';' before its clause.
      if (l.where == "before" ? (f.end <= sb || f.end > se) : (f.begin < sb || f.begin >= se))
        continue;
      uint32_t gap;
      if (l.where == "before" && f.end <= r.begin) gap = r.begin - f.end;
      else if (l.where == "after" && f.begin >= r.end) gap = f.begin - r.end;
      else continue;
      if (l.max_gap > 0 && gap > static_cast<uint32_t>(l.max_gap)) continue;
      if (best == nullptr || gap < best_gap) {
        best = &f;
        best_gap = gap;
      }
    }
    if (best == nullptr) continue;
    for (const Field& f : best->fields)
      if (f.name == l.value) r.Set(l.field, f.value, f.kind);
  }
}

}  // namespace

void ApplyLinks(const std::vector<LinkSpec>& links, Document* doc) {
  for (const LinkSpec& l : links) ApplyLink(l, doc);
}

}  // namespace vnreform
