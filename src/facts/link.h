// Internal to src/facts: linking records to reference entities (link.cc)
// and what the linking hands to the consolidation (facts.cc): one
// observation per record and fact it supports.
#ifndef VNREFORM_FACTS_LINK_H_
#define VNREFORM_FACTS_LINK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/reference.h"

namespace vnreform {

// A record's support for one value of one fact (temp table obs).
struct Observation {
  std::string kind;         // 'rank', 'ratio', 'tenure', 'citation'
  std::string natural_key;  // facts.natural_key
  std::string value;
  std::optional<double> value_num;
  int64_t record_id = 0, article_id = 0;
  // The key's parts (facts columns).
  std::string index_code, level, unit_code, indicator, as_of, doc_key;
  std::optional<int64_t> data_year, person_id, post_id;
  // What the record states besides the value, for the checks.
  std::optional<int64_t> change, of_n;
  std::optional<double> score, percent, numerator, denominator;
};

struct LinkStats {
  int64_t records = 0, links = 0, unresolved = 0;
};

// Fills article_sites, record_links, people, posts, tenures and documents
// (emptied first) from the records, and appends the observations.
Status LinkRecords(const Reference& ref, Store* store, std::vector<Observation>* obs,
                   LinkStats* stats);

}  // namespace vnreform

#endif  // VNREFORM_FACTS_LINK_H_
