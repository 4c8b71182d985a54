// What changed between two rule sets, for `reextract`: which rules changed
// and in which articles that can change the records. Pattern matching goes
// through extract_internal.h (AnyPattern, SameMatches), as only
// re2_extract.cc includes RE2. Tested by tests/extract_test.cc and fuzzed
// (changes_fuzz).
#include <map>
#include <set>

#include "extract/extract.h"
#include "extract/extract_internal.h"

namespace vnreform {
namespace {

// Everything about a rule that can change its candidates: not its examples,
// description or where it is written.
std::string Fingerprint(const Rule& r, const Maps& maps) {
  std::string f;
  auto add = [&](const std::string& v) { f += v, f += '\x1f'; };
  for (const std::string* v :
       {&r.type, &r.pattern, &r.anchor, &r.not_before, &r.not_after, &r.only_after,
        &r.end_with, &r.merge, &r.list, &r.item})
    add(*v);
  add(std::to_string(r.priority) + "/" + std::to_string(r.max_line) + "/" +
      std::to_string(r.once) + std::to_string(r.exclusive) + std::to_string(r.emit));
  for (const std::string& t : r.needs) add(t);
  for (const FieldSpec& spec : r.fields) {
    add(spec.name + "=" + spec.converter);
    for (const std::string& a : spec.args) add(a);
    if ((spec.converter == "map" || spec.converter == "lookup" ||
         spec.converter == "int_or_map") &&
        spec.args.size() >= 2) {
      auto m = maps.find(spec.args.back());
      if (m != maps.end())
        for (const auto& [k, v] : m->second) add(k + "\x1e" + v);
    }
  }
  return f;
}

std::string LinkKey(const LinkSpec& l) {
  std::string key = l.type + '\x1f' + l.field + '\x1f' + l.from + '\x1f' + l.value +
                    '\x1f' + l.where + '\x1f' + l.scope + '\x1f' +
                    std::to_string(l.max_gap);
  for (const std::string& r : l.rules) key += '\x1f' + r;
  return key;
}

}  // namespace

struct RuleChanges::Patterns {
  // Of changed rules: any match of these may change the records.
  std::unique_ptr<AnyPattern> any;
  // Of rules whose pattern alone changed (the rules in the same order):
  // the records may change where their matches differ.
  std::vector<std::unique_ptr<SameMatches>> pattern_only;
};

RuleChanges::~RuleChanges() = default;

std::unique_ptr<RuleChanges> RuleChanges::Create(const RuleSet& before,
                                                 const RuleSet& after) {
  std::unique_ptr<RuleChanges> c(new RuleChanges());
  c->patterns_ = std::make_unique<Patterns>();
  std::map<std::string, const Rule*> old_rules, new_rules;
  for (const Rule& r : before.rules) old_rules[r.id] = &r;
  for (const Rule& r : after.rules) new_rules[r.id] = &r;
  std::vector<std::string> old_order, new_order;  // unchanged rules, in order
  std::vector<std::string> old_ids, new_ids;      // every rule, in order
  for (const Rule& r : before.rules) old_ids.push_back(r.id);
  for (const Rule& r : after.rules) new_ids.push_back(r.id);
  std::set<std::string> patterns;
  for (const auto& [id, r] : old_rules) {
    auto n = new_rules.find(id);
    if (n != new_rules.end() &&
        Fingerprint(*r, before.maps) == Fingerprint(*n->second, after.maps))
      continue;
    c->changed_.push_back(id);
    if (n != new_rules.end() && old_ids == new_ids) {
      Rule a = *r, b = *n->second;
      a.pattern = b.pattern = "";
      std::unique_ptr<SameMatches> same;
      if (Fingerprint(a, before.maps) == Fingerprint(b, after.maps) &&
          SameMatches::Create(r->pattern, n->second->pattern, &same)) {
        c->patterns_->pattern_only.push_back(std::move(same));
        c->all_ |= !r->merge.empty();
        continue;
      }
    }
    patterns.insert(r->pattern);
    // `merge` joins the records of every rule of the type: not local.
    c->all_ |= !r->merge.empty();
    if (n != new_rules.end()) {
      patterns.insert(n->second->pattern);
      c->all_ |= !n->second->merge.empty();
    }
  }
  for (const auto& [id, r] : new_rules)
    if (!old_rules.count(id)) {
      c->changed_.push_back(id);
      patterns.insert(r->pattern);
      c->all_ |= !r->merge.empty();
    }
  const std::set<std::string> changed(c->changed_.begin(), c->changed_.end());
  for (const Rule& r : before.rules)
    if (!changed.count(r.id)) old_order.push_back(r.id);
  for (const Rule& r : after.rules)
    if (!changed.count(r.id)) new_order.push_back(r.id);
  std::vector<std::string> old_links, new_links;
  for (const LinkSpec& l : before.links) old_links.push_back(LinkKey(l));
  for (const LinkSpec& l : after.links) new_links.push_back(LinkKey(l));
  // The document-level steps and the converters' word lists reach every
  // article.
  c->all_ |= old_order != new_order || old_links != new_links ||
             before.types != after.types || before.lexicons != after.lexicons ||
             before.relevance != after.relevance;
  if (!AnyPattern::Create(patterns, &c->patterns_->any)) c->all_ = true;  // cannot tell
  return c;
}

bool RuleChanges::Affects(std::string_view norm) const {
  if (all_) return true;
  if (patterns_->any->Matches(norm)) return true;
  for (const std::unique_ptr<SameMatches>& same : patterns_->pattern_only)
    if (!same->Same(norm)) return true;
  return false;
}

}  // namespace vnreform
