// The extract engine's internals, shared by its .cc files and reached by
// tests and benchmarks: search options, field converters, the
// document-level steps, links, pattern analysis, and the RE2-backed pieces
// that rule_changes.cc uses without including RE2. Not a contract for the
// other stages: they include extract/extract.h.
#ifndef VNREFORM_EXTRACT_EXTRACT_INTERNAL_H_
#define VNREFORM_EXTRACT_EXTRACT_INTERNAL_H_

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extract/extract.h"
#include "extract/rule_set.h"

namespace vnreform {

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

// Field converters (values.cc). Each returns false when the matched text is
// not a valid value (a 31st of February, a month 13); the candidate is then
// dropped. `args` are the matched texts of the production's groups ("" for
// a group that did not take part), or the constant for const/const_int.
// `rules` serves map(g, NAME) and the lexicons; may be null when the
// converter reads neither.
bool ConvertField(const FieldSpec& spec, const std::vector<std::string>& args, Field* out,
                  const RuleSet* rules = nullptr);
// Whether `converter` exists and takes `nargs` arguments.
bool KnownConverter(const std::string& converter, size_t nargs, std::string* error);

// Document-level inference after overlaps (context.cc), as the rules'
// [types] declare it: keeps one publication-date record, preferring the
// input's metadata; sets the locality; fills a date's missing year
// ("--07-19") from the publication date or the years the article states.
void InferFromContext(const RuleSet& rules, Document* doc);

// The identities of the types with role "identity" (identity.cc), after the
// links: a year from the date, short mentions resolved to the full value,
// the key (rule_set.h, TypeDecl::kIdentity).
void ApplyIdentity(const RuleSet& rules, Document* doc);

// Applies the links (link.cc), after InferFromContext. REQUIRES: records
// sorted by position, doc->sentence_starts set (else one sentence).
void ApplyLinks(const std::vector<LinkSpec>& links, Document* doc);

// For relevance.cc (re2_extract.cc): counts the non-overlapping matches of a
// pattern (RE2, UTF-8) in a text, up to `max`. Thread-safe.
class PatternCounter {
 public:
  // Returns false, with RE2's message in *error, when the pattern does not
  // compile.
  static bool Create(const std::string& pattern, std::unique_ptr<PatternCounter>* out,
                     std::string* error);
  ~PatternCounter();
  size_t Count(std::string_view text, size_t max) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An article's score under the rules' [relevance] lexicon (relevance.cc):
// sets doc->relevance and doc->relevant from its title and normalized text.
// The patterns are compiled once; Create fails naming the pattern that does
// not compile. Thread-safe.
class RelevanceScorer {
 public:
  static Status Create(const Relevance& spec, std::unique_ptr<RelevanceScorer>* out);
  ~RelevanceScorer();
  void Score(Document* doc) const;

 private:
  RelevanceScorer();
  Relevance spec_;
  std::vector<std::unique_ptr<PatternCounter>> counters_;
};

// `pattern` (RE2 syntax) cut to where its matches start: a match of the
// result starts exactly where one of `pattern` can, in any text, and ends
// sooner or at the same place. The pieces that can match nothing at the end
// of each alternative are dropped, and the last piece left is cut in turn
// ("\d+ [a-z]+( [a-z]+)*" becomes "\d+ [a-z]"). `pattern` itself where
// its syntax is beyond the parser (pattern_starts.cc).
std::string StartsOnly(const std::string& pattern);

// A prefix of `pattern` (RE2 syntax): each alternative up to its first piece
// that must match something, that piece cut so in turn
// ("(?:Ông )?(?:Chủ tịch|Giám đốc) \p{Lu}+" becomes "(?:Ông )?(?:Chủ
// tịch|Giám đốc)"). Every match of `pattern` begins with a match of the
// result, so the result matches at least wherever `pattern` can start, in
// any text: a small program that finds where a large one may match. ""
// when the result could match the empty string (it would be found
// everywhere) or the syntax is beyond the parser (pattern_starts.cc).
std::string PrefixOnly(const std::string& pattern);

// For tests: where in `text` (each character's start, and its end) a match
// of `pattern` (RE2, UTF-8, the text before as context) can begin, into
// *starts; false when the pattern does not compile.
bool MatchStarts(std::string_view text, const std::string& pattern,
                 std::vector<size_t>* starts);

// Which rules (indices into set.rules) share a scan group, given each
// rule's program size: rules with `needs` are in none; rules whose program
// is smaller than `small_program` share one group per rule file; the others
// one group per type. In rule order within a group, groups in the order of
// their first rule.
std::vector<std::vector<int>> ScanGroupMembers(const RuleSet& set,
                                               const std::vector<int>& program_size,
                                               int small_program);

// For benchmarks: compiles `pattern` (RE2, UTF-8) once per call and counts
// its unanchored, non-overlapping matches in `text`; an empty match advances
// one byte. Returns 0 when the pattern does not compile.
size_t Re2ScanCount(std::string_view text, const std::string& pattern);

// For rule_changes.cc (re2_extract.cc): whether any of a set of patterns
// (RE2, UTF-8) matches somewhere in a text. Small programs are looked for
// in one pass, their union (as the scan groups are); the others one by one.
// Thread-safe.
class AnyPattern {
 public:
  // Returns false when a pattern does not compile (or the union does not):
  // *out then cannot tell, and the caller must assume a match.
  static bool Create(const std::set<std::string>& patterns,
                     std::unique_ptr<AnyPattern>* out);
  ~AnyPattern();
  bool Matches(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// For rule_changes.cc (re2_extract.cc): a rule whose pattern alone changed
// gives an article the same candidates under both patterns when their
// successive matches (as one rule's scan finds them) have the same spans,
// whole and per named group: nothing else of a match is read. Thread-safe.
class SameMatches {
 public:
  // Returns false when either pattern fails or their named groups differ.
  static bool Create(const std::string& before, const std::string& after,
                     std::unique_ptr<SameMatches>* out);
  ~SameMatches();
  bool Same(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnreform

#endif  // VNREFORM_EXTRACT_EXTRACT_INTERNAL_H_
