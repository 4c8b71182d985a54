// The extract stage: rules read from TOML files at run time, matched with RE2
// over the normalized text, overlaps resolved, values normalized.
//
// A rule (see rules/README.md) has an id, a record type, a priority, an RE2
// pattern with named groups, field productions such as "int(num)" or
// "iso_date(d, m, y)", optional context guards, and examples. The engine never
// names a rule or a record type: what a record means lives in rules/.
//
// toml_rules.cc (toml++) loads a RuleSet (rule_set.h); re2_extract.cc (RE2)
// runs it. The engine's internals are in extract_internal.h. Tested by
// tests/extract_test.cc and tests/rules_test.cc.
#ifndef VNREFORM_EXTRACT_EXTRACT_H_
#define VNREFORM_EXTRACT_EXTRACT_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extract/rule_set.h"

namespace vnreform {

// Loads every *.toml under `path` (a directory, sorted) or the file `path`.
// Refuses the set (returns non-OK naming file:line) when TOML is malformed,
// a required key is missing, an id repeats, or a field production is bad.
// Patterns are compiled by Extractor::Create.
Status LoadRules(const std::string& path, RuleSet* out);
// The same from the files' texts (a rule set stored in a database); messages
// name the sources.
Status LoadRulesFromSources(const std::vector<RuleSource>& sources, RuleSet* out);

// Where the rules are: `flag` if given, else $VNREFORM_RULES, else rules/
// next to the binary's parent (build/../rules), else ./rules, else the
// source tree's rules/ the binary was built from.
std::string FindRulesPath(const std::string& flag, const std::string& argv0);

// One match of one rule before overlaps are resolved, for `explain`.
struct Candidate {
  int rule = -1;                // index into RuleSet::rules
  uint32_t begin = 0, end = 0;  // the record's span in norm
  uint32_t anchor_begin = 0, anchor_end = 0;
  std::vector<Field> fields;
  bool won = false;
  std::string why;  // why it won or lost, or why it was dropped
};

struct ExtractorOptions;  // extract_internal.h

// Compiled rules. Thread-safe: Extract() may run on many threads at once.
class Extractor {
 public:
  // Compiles every pattern (RE2, UTF-8); errors name file:line and rule id.
  static Status Create(RuleSet rules, std::unique_ptr<Extractor>* out);
  // The same, searching as `options` say (extract_internal.h; for
  // benchmarks and tests: the records are the same whatever they are).
  static Status Create(RuleSet rules, const ExtractorOptions& options,
                       std::unique_ptr<Extractor>* out);
  ~Extractor();

  // doc->norm -> doc->records (sorted by position, each with its sentence),
  // after overlaps, merges, the document-level steps the rules' [types]
  // declare (publication date, locality, a date's missing year) and links.
  // Sets doc->published (when the input gave none), doc->locality and
  // doc->locality_2025. REQUIRES: doc->norm and doc->sentence_starts set
  // (the normalize stage).
  void Extract(Document* doc) const;

  // Like Extract, also returning every candidate with the reason it won,
  // lost or was dropped.
  void Explain(Document* doc, std::vector<Candidate>* candidates) const;

  const RuleSet& rules() const;  // as passed to Create

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ExampleFailure {
  std::string file;
  int line = 0;
  std::string rule_id;
  std::string message;
  std::string ToString() const;  // "file:line: rule id: message"
};

// How an example's text becomes what the rules match: the normalize stage,
// which the caller passes in (rule_examples.cc).
struct ExampleNormalizer {
  std::function<void(Document*)> document;            // doc->text -> norm, sentences
  std::function<std::string(std::string_view)> text;  // an expected match
};

// Runs the examples and counter-examples of the rules defined in `files`
// (all when empty) through the whole rule set, on `threads` threads (0: all
// cores). Returns the failures in rule order; a rule without examples or
// counter-examples fails too.
std::vector<ExampleFailure> RunRuleExamples(const Extractor& extractor,
                                            const ExampleNormalizer& normalize,
                                            const std::vector<std::string>& files,
                                            int threads);

// What changed between two rule sets, for `reextract` (rule_changes.cc): an article in
// which no changed rule (pattern, guards, fields, options, the maps it reads; added or
// removed) matches, in its old or new form, gets the same records from both sets. Where
// only a rule's pattern changed (and no rule moved), the article gets the same records
// unless the old and new patterns' matches differ in it, whole or by named group. Changed
// links, or a changed order of the unchanged rules (which breaks overlap ties), changed
// [types] declarations or lexicons affect every article.
class RuleChanges {
 public:
  static std::unique_ptr<RuleChanges> Create(const RuleSet& before, const RuleSet& after);
  ~RuleChanges();
  bool all() const { return all_; }
  size_t changed() const { return changed_.size(); }  // rules changed, added or removed
  // Whether the records of an article with normalized text `norm` may differ.
  // Thread-safe.
  bool Affects(std::string_view norm) const;

 private:
  RuleChanges() = default;
  bool all_ = false;
  std::vector<std::string> changed_;
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
};

}  // namespace vnreform

#endif  // VNREFORM_EXTRACT_EXTRACT_H_
