// The facts layer (issue 16): from the records of many articles to one fact
// per natural key, linked to reference entities (units by GSO code, indices
// and their editions, people and posts, documents), with its candidate
// values, their support, a status, checks between facts, and researchers'
// overrides that survive rebuilds. Tables and views: schemas/011_reference.sql
// and schemas/012_facts.sql. The reference data is rules/reference/*.tsv,
// read at every rebuild (editable without recompiling).
// The facts layer is a consumer of the records: it names record types
// ("ranking", "official", "ratio", "legal_ref") and their fields, which the
// extract engine and the store never do.
#ifndef VNREFORM_FACTS_FACTS_H_
#define VNREFORM_FACTS_FACTS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace vnreform {

class Store;

struct FactsOptions {
  // The reference files (units.tsv, indices.tsv ...). Required; the
  // project's are FindRulesPath(rules_flag, argv0) + "/reference"
  // (extract/extract.h), as `vnreform facts` uses them.
  std::string reference_dir;
};

struct FactsSummary {
  std::string data_version;  // hash of the reference files loaded
  int64_t records = 0;       // records read (ranking, ratio, official, legal_ref)
  int64_t links = 0;         // record_links rows
  int64_t unresolved = 0;    // of them, entity NULL
  std::map<std::string, int64_t> facts;   // per kind
  std::map<std::string, int64_t> status;  // per status, all kinds
  int64_t checks = 0, failed_checks = 0;
  int64_t overrides = 0;  // fact_overrides rows applied
  double seconds = 0;
};

// Rebuilds every table of the facts layer in one transaction: reloads the
// reference data, links the records, consolidates the facts, runs the
// checks and applies fact_overrides (never written). Deterministic: the
// same records and reference files give the same rows and ids.
Status RebuildFacts(Store* store, const FactsOptions& options, FactsSummary* summary);

// Same, opening (or creating) the database at `db_path`: for the CLI and
// the merge command.
Status RebuildFacts(const std::string& db_path, const FactsOptions& options,
                    FactsSummary* summary);

enum class SeriesFormat { kTable, kCsv, kJsonl };

struct SeriesOptions {
  std::string index;               // ref_indices.code or an alias ("PAR INDEX")
  std::string level = "province";  // Default: "province"; or "ministry"
  SeriesFormat format = SeriesFormat::kTable;
};

// Writes the rank series of one index and level (view rank_series), one row
// per edition and unit, ordered by edition then rank. Needs a rebuilt
// database; NotFound names the known indices when `index` is unknown.
Status WriteRankSeries(Store* store, const SeriesOptions& options, std::ostream* out);

// ---- The reference data, for tests and tools ----

// Lower case, no diacritics, đ → d, only [a-z0-9]; with `spaces` a run of
// anything else becomes one space (words kept apart), else nothing.
std::string FoldName(std::string_view s, bool spaces = false);

struct UnitMatch {
  std::string code;    // ref_units.code
  std::string method;  // 'alias', 'alias_successor', 'alias_out_of_validity'
  double score = 0;
};

class Reference {
 public:
  // Reads the TSV files of `dir`; errors name file:line.
  static Status Load(const std::string& dir, std::unique_ptr<Reference>* out);
  ~Reference();

  // The unit `name` names on `day` (YYYY-MM-DD; "" = today's units): false
  // when none. Tries the name as written, then without a leading "tỉnh",
  // "thành phố", "TP", "UBND", "Thủ đô".
  bool ResolveUnit(std::string_view name, const std::string& day, UnitMatch* out) const;
  // The index an alias names: false when none. *needs_context: ambiguous alone.
  bool ResolveIndex(std::string_view name, std::string* code, bool* needs_context) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit Reference(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnreform

#endif  // VNREFORM_FACTS_FACTS_H_
