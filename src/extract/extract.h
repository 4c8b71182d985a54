// The extract stage: rules read from TOML files at run time, matched with RE2
// over the normalized text, overlaps resolved, values normalized.
//
// A rule (see rules/README.md) has an id, a record type, a priority, an RE2
// pattern with named groups, field productions such as "int(num)" or
// "date(d, m, y)", optional context guards, and examples. The engine never
// names a rule or a record type: what a record means lives in rules/.
//
// toml_rules.cc (toml++) loads a RuleSet; re2_extract.cc (RE2) runs it.
// values.cc holds the field converters. Tested by tests/extract_test.cc and
// tests/rules_test.cc.
#ifndef VNREFORM_EXTRACT_EXTRACT_H_
#define VNREFORM_EXTRACT_EXTRACT_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace vnreform {

// "numerator = int(num)": converter `int` applied to group `num`.
struct FieldSpec {
  std::string name;
  std::string converter;            // int, number, text, date, const, ...
  std::vector<std::string> args;    // group names, or the constant
};

struct RuleExample {
  std::string text;
  std::string match;  // expected record text ("" = any)
  std::vector<Field> fields;  // expected field values (subset)
  int line = 0;
};

struct Rule {
  std::string id;
  std::string type;  // record type; see TypeDecl for what a type may mean
  std::string description;
  std::string pattern;  // RE2, after {{def}} expansion
  int priority = 50;    // higher wins an overlap
  std::string anchor;   // group whose span takes part in overlaps ("" = all)
  std::string not_before;  // RE2: must not match the text just before
  std::string not_after;   // RE2: must not match the text just after
  int max_line = 0;        // match must start within the first N lines (0=any)
  bool once = false;       // only the first record of this rule counts
  bool exclusive = true;   // false: neither competes in overlaps nor blocks
  // A field whose value, when it is a prefix of its group's text, ends the
  // record's span there: a trimmed "phrase(unit)" drops the words after it.
  std::string end_with;
  // A field name: records of this rule's type with equal values of it are
  // one record (the first), the other fields' distinct comma-separated parts
  // joined ("one official per name, all titles"). Same-span matches of such
  // rules do not compete.
  std::string merge;
  // false: the record feeds [[link]]s but is not kept (a subject phrase, an
  // "as of" cue, an index name).
  bool emit = true;
  // Record types this rule is only worth running for: it runs in an article
  // only when a rule of one of these types has a candidate there (a helper
  // that feeds [[link]]s of those types). Empty: always runs.
  std::vector<std::string> needs;
  std::vector<FieldSpec> fields;
  std::vector<RuleExample> examples;
  std::vector<RuleExample> counter_examples;
  std::string file;  // where it was defined, for messages
  int line = 0;
};

// [[link]]: sets field `field` of each `type` record from field `value` of
// the nearest `from` record `where` ("before"/"after") it, within `scope`
// ("clause": the sentence up to ';', "sentence", "article"), at most
// `max_gap` bytes away (0: any). From records lacking `value` are passed by.
struct LinkSpec {
  std::string type, field, from, value;
  std::string where = "before", scope = "sentence";
  int max_gap = 0;
  std::string file;
  int line = 0;
};

// [maps.NAME] tables: string -> string, for the map(g, NAME) converter.
using Maps = std::map<std::string, std::map<std::string, std::string>>;

// [types.NAME]: what the document-level steps do with records of type NAME.
struct TypeDecl {
  enum Role {
    kNone,
    // "publication_date": one record per article, whose `field` is the
    // article's publication date (Document::published) and anchors the year
    // of dates written without one. The input's metadata wins: its record
    // carries the rule id `metadata_rule` and Record::from_metadata.
    kPublicationDate,
    // "locality": the `field` named at least twice as often as any other is
    // the article's locality (Document::locality), `field_2025` its
    // Document::locality_2025.
    kLocality,
    // "furniture": a record of the type wins its span (by priority, as any
    // other) and is never kept: page furniture such as visitor counters,
    // whose numbers would otherwise become records.
    kFurniture,
  };
  std::string type;
  Role role = kNone;
  std::string field, field_2025, metadata_rule;
  // A record of the type that lost this field (a day whose year nothing in
  // the article gives) is dropped. "" = none.
  std::string drop_without;
  bool operator==(const TypeDecl&) const = default;
};

// [lexicon]: the word lists the converters and the year inference read.
// A missing list is empty.
struct Lexicons {
  std::map<std::string, double, std::less<>> scale;  // scaled(): "triệu" = 1e6
  std::set<std::string, std::less<>> negative;       // signed_int(): "giảm"
  std::map<std::string, int, std::less<>> quarter;   // quarter(): "III" = 3
  std::set<std::string, std::less<>> phrase_stop;    // phrase() ends before
  std::set<std::string, std::less<>> phrase_list;    // phrase(): after a comma
  std::vector<std::string> year_cue;                 // "năm" in "năm 2023"
  std::vector<std::string> year_target;              // "đến" in "đến năm 2030"
  bool operator==(const Lexicons&) const = default;
};

// A rule file as loaded: its name (no directory) and its text.
struct RuleSource {
  std::string name, text;
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<LinkSpec> links;
  Maps maps;
  std::vector<TypeDecl> types;  // in file order, one per type at most
  Lexicons lexicons;
  std::vector<std::string> files;
  std::vector<RuleSource> sources;  // per file; stored with the records' runs
  std::string version;  // "r-" + hash of the sources' names and contents
};

// Loads every *.toml under `path` (a directory, sorted) or the file `path`.
// Refuses the set (returns non-OK naming file:line) when TOML is malformed,
// a required key is missing, an id repeats, or a field production is bad.
// Patterns are compiled by Extractor::Create.
Status LoadRules(const std::string& path, RuleSet* out);
// The same from the files' texts (a rule set stored in a database); messages
// name the sources.
Status LoadRulesFromSources(const std::vector<RuleSource>& sources, RuleSet* out);

// What changed between two rule sets, for `reextract`: an article in which
// no changed rule (pattern, guards, fields, options, the maps it reads; added
// or removed) matches, in its old or new form, gets the same records from
// both sets. Where only a rule's pattern changed (and no rule moved), the
// article gets the same records unless the old and new patterns' matches
// differ in it, whole or by named group. Changed links, or a changed order
// of the unchanged rules (which breaks overlap ties), affect every article.
class RuleChanges {
 public:
  static Status Create(const RuleSet& before, const RuleSet& after,
                       std::unique_ptr<RuleChanges>* out);
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

// One match of one rule before overlaps are resolved, for `explain`.
struct Candidate {
  int rule = -1;  // index into RuleSet::rules
  uint32_t begin = 0, end = 0;          // the record's span in norm
  uint32_t anchor_begin = 0, anchor_end = 0;
  std::vector<Field> fields;
  bool won = false;
  std::string why;  // why it won or lost, or why it was dropped
};

struct ExampleFailure {
  std::string file;
  int line = 0;
  std::string rule_id;
  std::string message;
  std::string ToString() const;  // "file:line: rule id: message"
};

class Extractor;

// How an example's text becomes what the rules match: the normalize stage,
// which the caller passes in (rule_examples.cc).
struct ExampleNormalizer {
  std::function<Status(Document*)> document;  // doc->text -> norm, sentences
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

// Where the rules are: `flag` if given, else $VNREFORM_RULES, else rules/
// next to the binary's parent (build/../rules), else ./rules, else the
// source tree's rules/ the binary was built from (rule_examples.cc).
std::string FindRulesPath(const std::string& flag, const std::string& argv0);

// How the rules are searched for. Speed only: the records are the same
// whatever these are (tests/extract_test.cc compares them).
struct ExtractorOptions {
  // One pass over the text finds where any rule of a group may match, instead
  // of one pass per rule. Default: true.
  bool scan_groups = true;
  // A text with no letter outside Vietnamese and ASCII is searched with
  // \p{L}, \p{Lu} and \p{Ll} narrowed to those letters (smaller, faster
  // programs). Default: true.
  bool narrow_letters = true;
};

// Compiled rules. Thread-safe: Extract() may run on many threads at once.
class Extractor {
 public:
  // Compiles every pattern (RE2, UTF-8); errors name file:line and rule id.
  static Status Create(RuleSet rules, std::unique_ptr<Extractor>* out);
  static Status Create(RuleSet rules, const ExtractorOptions& options,
                       std::unique_ptr<Extractor>* out);
  ~Extractor();

  // doc->norm -> doc->records (sorted by position), with document-level
  // inference (a date's missing year, the publication date).
  Status Extract(Document* doc) const;

  // Like Extract, also returning every candidate with the reason it won,
  // lost or was dropped.
  void Explain(Document* doc, std::vector<Candidate>* candidates) const;

  const RuleSet& rules() const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Field converters (values.cc). Each returns false when the matched text is
// not a valid value (a 31st of February, a month 13); the candidate is then
// dropped. `args` are the matched texts of the production's groups ("" for
// a group that did not take part), or the constant for const/const_int.
// `rules` serves map(g, NAME) and the lexicons; may be null when the
// converter reads neither.
bool ConvertField(const FieldSpec& spec, const std::vector<std::string>& args,
                  Field* out, const RuleSet* rules = nullptr);
// Whether `converter` exists and takes `nargs` arguments.
bool KnownConverter(const std::string& converter, size_t nargs,
                    std::string* error);

// Document-level inference after overlaps (context.cc), as the rules'
// [types] declare it: keeps one publication-date record, preferring the
// input's metadata; sets the locality; fills a date's missing year
// ("--07-19") from the publication date or the years the article states.
void InferFromContext(const RuleSet& rules, Document* doc);

// Applies the links (link.cc), after InferFromContext. REQUIRES: records
// sorted by position, doc->sentence_starts set (else one sentence).
void ApplyLinks(const std::vector<LinkSpec>& links, Document* doc);

// `pattern` (RE2 syntax) cut to where its matches start: a match of the
// result starts exactly where one of `pattern` can, in any text, and ends
// sooner or at the same place. The pieces that can match nothing at the end
// of each alternative are dropped, and the last piece left is cut in turn
// ("\d+ [a-z]+( [a-z]+)*" becomes "\d+ [a-z]"). `pattern` itself where
// its syntax is beyond the parser (pattern_starts.cc).
std::string StartsOnly(const std::string& pattern);

// For tests: where in `text` (each character's start, and its end) a match
// of `pattern` (RE2, UTF-8, the text before as context) can begin, into
// *starts; false when the pattern does not compile.
bool MatchStarts(std::string_view text, const std::string& pattern,
                 std::vector<size_t>* starts);

// For benchmarks: compiles `pattern` (RE2, UTF-8) once per call and counts
// its unanchored, non-overlapping matches in `text`; an empty match advances
// one byte. Returns 0 when the pattern does not compile.
size_t Re2ScanCount(std::string_view text, const std::string& pattern);

}  // namespace vnreform

#endif  // VNREFORM_EXTRACT_EXTRACT_H_
