// Identities of the things records name (the [types] role "identity": legal
// documents by their number): a year from the date, a short mention ("Nghị
// định số 86") tied to the full number the article gives ("86/2015/NĐ-CP"),
// and a key to count the thing by. Which type and fields, the rule file says.
// Tested by tests/extract_test.cc.
#include <string>
#include <vector>

#include "extract/extract_internal.h"

namespace vnreform {
namespace {

// Whether `full` extends `v`: "86/2015/NĐ-CP" extends "86", "219/2013/TT-BTC"
// extends "219/2013"; "860/QĐ-TTg" does not extend "86".
bool Extends(const std::string& full, const std::string& v) {
  return full.size() > v.size() + 1 && full.compare(0, v.size(), v) == 0 &&
         (full[v.size()] == '/' || full[v.size()] == '-');
}

// Whether the key fields both records have agree (the identity's own field
// aside).
bool Agree(const TypeDecl& d, const Record& a, const Record& b) {
  for (const std::string& k : d.key_fields)
    if (k != d.field && a.Has(k) && b.Has(k) && a.Get(k) != b.Get(k)) return false;
  return true;
}

void Identify(const TypeDecl& d, Document* doc) {
  std::vector<Record*> recs;
  for (Record& r : doc->records)
    if (r.type == d.type && r.Has(d.field)) recs.push_back(&r);
  if (!d.year.empty() && !d.date.empty())
    for (Record* r : recs) {
      const std::string& date = r->Get(d.date);
      if (!r->Has(d.year) && date.size() >= 4 && date[0] != '-')
        r->Set(d.year, date.substr(0, 4), Field::kInt);
    }
  if (!d.refine.empty() && !d.refine_from.empty())
    for (Record* r : recs) {
      const std::string &v = r->Get(d.refine), &more = r->Get(d.refine_from);
      if (!v.empty() && more.size() > v.size() + 1 && more.compare(0, v.size(), v) == 0 &&
          more[v.size()] == ' ')
        r->Set(d.refine, more);
    }
  // Short mentions, against the full values as the rules found them.
  std::vector<const Record*> full(recs.size(), nullptr);
  for (size_t i = 0; i < recs.size(); ++i) {
    const std::string& v = recs[i]->Get(d.field);
    auto fits = [&](size_t j) {
      return Extends(recs[j]->Get(d.field), v) && Agree(d, *recs[i], *recs[j]);
    };
    for (size_t j = i; j-- > 0 && full[i] == nullptr;)
      if (fits(j)) full[i] = recs[j];
    for (size_t j = i + 1; j < recs.size() && full[i] == nullptr; ++j)
      if (fits(j)) full[i] = recs[j];
  }
  for (size_t i = 0; i < recs.size(); ++i) {
    Record* r = recs[i];
    if (const Record* f = full[i]) {
      if (!d.refers.empty()) r->Set(d.refers, f->Get(d.field));
      for (const std::string& k : d.key_fields)
        if (k != d.field && !r->Has(k) && f->Has(k))
          for (const Field& x : f->fields)
            if (x.name == k) r->Set(k, x.value, x.kind);
    }
    std::string key;
    for (size_t k = 0; k < d.key_fields.size(); ++k) {
      if (k > 0) key += '|';
      key += d.key_fields[k] == d.field && full[i] ? full[i]->Get(d.field)
                                                   : r->Get(d.key_fields[k]);
    }
    r->Set(d.key, key);
  }
}

}  // namespace

void ApplyIdentity(const RuleSet& rules, Document* doc) {
  for (const TypeDecl& d : rules.types)
    if (d.role == TypeDecl::kIdentity) Identify(d, doc);
}

}  // namespace vnreform
