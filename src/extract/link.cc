// Links between records, declared in rule files as [[link]]: a ratio's
// stated percent, its subject and "as of" date, a ranking's index and year.
// O((records + ';'s) log) per link: scopes and nearest records are found by
// binary search, so a long one-line text with many records stays cheap.
// Tested by tests/extract_test.cc.
#include <algorithm>
#include <cstdint>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

// Whether link `l` may set a field of record `r`: its type, and one of the
// link's rules when it names any.
bool Target(const LinkSpec& l, const Record& r) {
  return r.type == l.type && (l.rules.empty() || std::find(l.rules.begin(), l.rules.end(),
                                                           r.rule_id) != l.rules.end());
}

// The [begin, end) of the scope around byte `pos`. `semis`: the offsets of
// every ';' in doc.norm, ascending.
std::pair<uint32_t, uint32_t> ScopeOf(const Document& doc,
                                      const std::vector<uint32_t>& semis,
                                      const std::string& scope, uint32_t pos) {
  const uint32_t size = static_cast<uint32_t>(doc.norm.size());
  if (scope == "article") return {0, size};
  if (scope == "paragraph") {  // the line: a heading or a paragraph
    const size_t nl = pos == 0 ? std::string::npos : doc.norm.rfind('\n', pos - 1);
    const size_t next = doc.norm.find('\n', pos);
    return {nl == std::string::npos ? 0 : static_cast<uint32_t>(nl + 1),
            next == std::string::npos ? size : static_cast<uint32_t>(next)};
  }
  const std::vector<uint32_t>& s = doc.sentence_starts;
  auto it = std::upper_bound(s.begin(), s.end(), pos);
  uint32_t b = it == s.begin() ? 0 : *(it - 1);
  uint32_t e = it == s.end() ? size : *it;
  if (scope == "clause") {
    // The last ';' at or before pos, and the first at or after it.
    const auto after = std::lower_bound(semis.begin(), semis.end(), pos);
    const auto past = std::upper_bound(after, semis.end(), pos);
    if (past != semis.begin() && *(past - 1) >= b) b = *(past - 1) + 1;
    if (after != semis.end() && *after < e) e = *after;
  }
  return {b, e};
}

// A `from` record that has the link's value: its key position (end for
// "before", begin for "after") and its index in doc->records.
struct Source {
  uint32_t pos;
  size_t index;
  bool operator<(const Source& o) const {
    return pos != o.pos ? pos < o.pos : index < o.index;
  }
};

// The previous, pairwise-comparing version: used only when a link feeds
// its own sources (type == from and field == value), where records set by
// the link become sources for the later ones.
void ApplyLinkPairwise(const LinkSpec& l, const std::vector<uint32_t>& semis,
                       Document* doc) {
  std::vector<Record>& recs = doc->records;
  for (Record& r : recs) {
    if (!Target(l, r) || r.Has(l.field)) continue;
    const auto [sb, se] = ScopeOf(*doc, semis, l.scope, r.begin);
    const Record* best = nullptr;
    uint32_t best_gap = 0;
    for (const Record& f : recs) {
      if (&f == &r || f.type != l.from || !f.Has(l.value)) continue;
      // A record before counts if it ends inside the scope, one after if it
      // begins inside: a subject match may start at the ';' before its clause.
      if (l.where == "before" ? (f.end <= sb || f.end > se)
                              : (f.begin < sb || f.begin >= se))
        continue;
      uint32_t gap;
      if (l.where == "before" && f.end <= r.begin)
        gap = r.begin - f.end;
      else if (l.where == "after" && f.begin >= r.end)
        gap = f.begin - r.end;
      else
        continue;
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

// The source nearest record `ri` (the smallest gap; on a tie the first in
// record order), or nullptr.
const Source* Nearest(const LinkSpec& l, const std::vector<Source>& sources, size_t ri,
                      const Record& r, uint32_t sb, uint32_t se) {
  if (l.where == "before") {
    // Sources ending in (sb, se] and at or before r.begin: the largest end.
    const uint32_t hi = std::min(se, r.begin);
    auto it = std::upper_bound(sources.begin(), sources.end(), Source{hi, SIZE_MAX});
    while (it != sources.begin()) {
      // The first source (lowest index) with the largest end not past hi.
      const uint32_t pos = (it - 1)->pos;
      if (pos <= sb) return nullptr;
      auto first = std::lower_bound(sources.begin(), it, Source{pos, 0});
      for (auto f = first; f != it; ++f)
        if (f->index != ri) return &*f;
      it = first;  // only r itself ends there
    }
    return nullptr;
  }
  // Sources beginning in [sb, se) and at or after r.end: the smallest begin.
  auto it =
      std::lower_bound(sources.begin(), sources.end(), Source{std::max(sb, r.end), 0});
  for (; it != sources.end() && it->pos < se; ++it)
    if (it->index != ri) return &*it;
  return nullptr;
}

void ApplyLink(const LinkSpec& l, const std::vector<uint32_t>& semis, Document* doc) {
  if (l.type == l.from && l.field == l.value) return ApplyLinkPairwise(l, semis, doc);
  std::vector<Record>& recs = doc->records;
  const bool before = l.where == "before";
  std::vector<Source> sources;
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].type == l.from && recs[i].Has(l.value))
      sources.push_back({before ? recs[i].end : recs[i].begin, i});
  if (sources.empty()) return;
  std::sort(sources.begin(), sources.end());
  for (size_t ri = 0; ri < recs.size(); ++ri) {
    Record& r = recs[ri];
    if (!Target(l, r) || r.Has(l.field)) continue;
    const auto [sb, se] = ScopeOf(*doc, semis, l.scope, r.begin);
    const Source* best = Nearest(l, sources, ri, r, sb, se);
    if (best == nullptr) continue;
    const uint32_t gap = before ? r.begin - best->pos : best->pos - r.end;
    if (l.max_gap > 0 && gap > static_cast<uint32_t>(l.max_gap)) continue;
    for (const Field& f : recs[best->index].fields)
      if (f.name == l.value) r.Set(l.field, f.value, f.kind);
  }
}

}  // namespace

void ApplyLinks(const std::vector<LinkSpec>& links, Document* doc) {
  std::vector<uint32_t> semis;
  for (const LinkSpec& l : links) {
    if (l.scope != "clause") continue;
    for (size_t p = doc->norm.find(';'); p != std::string::npos;
         p = doc->norm.find(';', p + 1))
      semis.push_back(static_cast<uint32_t>(p));
    break;
  }
  for (const LinkSpec& l : links) ApplyLink(l, semis, doc);
}

}  // namespace vnreform
