// Internal to src/facts: the reference data as loaded from rules/reference/
// (Reference::Impl), and how it is written to the ref_* tables.
#ifndef VNREFORM_FACTS_REFERENCE_H_
#define VNREFORM_FACTS_REFERENCE_H_

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/facts.h"

namespace vnreform {

struct RefUnit {
  std::string code, kind, name, short_name, type, valid_from, valid_to, parent_code, note;
};
struct RefUnitName {
  std::string code, name, short_name, valid_from, valid_to;
};
struct RefAlias {
  std::string folded, code, alias, valid_from, valid_to, source;
};
struct RefIndex {
  std::string code, name, vi_name, publisher, scale_kind, scale_max, note;
};
struct RefEdition {
  std::string index_code, level;
  int data_year = 0;
  std::string published_on, n_units, unit_set, top_n, scale_max, note;
};
struct RefIndexAlias {
  std::string folded, index_code, alias;
  bool needs_context = false;
};
struct RefIndicator {
  std::string folded, code, name;
};

struct Reference::Impl {
  std::vector<RefUnit> units;
  std::map<std::string, size_t> unit_by_code;
  std::vector<RefUnitName> names;
  std::vector<RefAlias> aliases;  // official names and unit_aliases.tsv
  std::unordered_map<std::string, std::vector<size_t>> alias_by_folded;
  // old code -> (effective, new code)
  std::multimap<std::string, std::pair<std::string, std::string>> successors;
  std::vector<std::pair<std::string, std::string>> succession_rows;  // old, new
  std::vector<std::string> succession_effective;
  std::vector<RefIndex> indices;
  std::vector<RefEdition> editions;
  std::map<std::string, size_t> edition_by_key;  // "INDEX|level|year"
  std::vector<RefIndexAlias> index_aliases;
  std::unordered_map<std::string, size_t> index_alias_by_folded;
  std::vector<RefIndicator> indicators;  // longest folded prefix first
  size_t max_alias_words = 1;            // words of the longest folded alias
  std::string version;                   // hash of the files
  std::vector<std::string> files;

  const RefUnit* Unit(const std::string& code) const {
    auto it = unit_by_code.find(code);
    return it == unit_by_code.end() ? nullptr : &units[it->second];
  }
  const RefEdition* Edition(const std::string& index, const std::string& level,
                            int year) const {
    auto it = edition_by_key.find(index + "|" + level + "|" + std::to_string(year));
    return it == edition_by_key.end() ? nullptr : &editions[it->second];
  }
  // The unit an alias key (folded, no spaces) names on `day`.
  bool ResolveFolded(const std::string& folded, const std::string& day,
                     UnitMatch* out) const;
  // The indicator code of a folded (spaced) indicator phrase, "" if none.
  std::string Indicator(const std::string& folded_spaced) const;
};

// Replaces the ref_* tables with `ref` and sets ref_meta's data_version.
Status WriteReference(const Reference& ref, Store* store);

}  // namespace vnreform

#endif  // VNREFORM_FACTS_REFERENCE_H_
