// The rule set as loaded from rules/*.toml: rules, links, maps, type
// declarations and lexicons. Plain data, read by the engine and by callers
// that show or store rules (explain, rules test, reextract). The fields are
// documented for rule authors in rules/README.md.
#ifndef VNREFORM_EXTRACT_RULE_SET_H_
#define VNREFORM_EXTRACT_RULE_SET_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/document.h"

namespace vnreform {

// "numerator = int(num)": converter `int` applied to group `num`.
struct FieldSpec {
  std::string name;
  std::string converter;          // int, number, text, date, const, ...
  std::vector<std::string> args;  // group names, or the constant
};

struct RuleExample {
  std::string text;
  std::string match;          // expected record text ("" = any)
  std::vector<Field> fields;  // expected field values (subset)
  int line = 0;
};

struct Rule {
  std::string id;
  std::string type;  // record type; see TypeDecl for what a type may mean
  std::string description;
  std::string pattern;     // RE2, after {{def}} expansion
  int priority = 50;       // higher wins an overlap
  std::string anchor;      // group whose span takes part in overlaps ("" = all)
  std::string not_before;  // RE2: must not match the text just before
  std::string not_after;   // RE2: must not match the text just after
  std::string only_after;  // RE2: must match the text just before
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
  // A list: `list` names a group of the pattern, `item` is RE2 for one item
  // of it. The rule makes one candidate per match of `item` in that group's
  // text (searched alone), the item's named groups standing for the
  // pattern's groups of the same names: "a title given once for a list of
  // names", one record per name. Both empty: one candidate per match.
  std::string list, item;
  std::vector<FieldSpec> fields;
  std::vector<RuleExample> examples;
  std::vector<RuleExample> counter_examples;
  std::string file;  // where it was defined: for messages; small rules share a scan group
                     // per file
  int line = 0;
};

// [[link]]: sets field `field` of each `type` record from field `value` of
// the nearest `from` record `where` ("before"/"after") it, within `scope`
// ("clause": the sentence up to ';', "sentence", "paragraph": its line,
// "article"), at most
// `max_gap` bytes away (0: any). From records lacking `value` are passed by.
struct LinkSpec {
  std::string type, field, from, value;
  std::string where = "before", scope = "sentence";
  int max_gap = 0;
  // Only records of these rules are set (empty: every `type` record).
  std::vector<std::string> rules;
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
    // "identity": records of the type name a thing (a legal document) by
    // `field` (its number). A record without `year` takes its `date`'s
    // year; a record whose `field` another record's extends ("86" and
    // "86/2015/NĐ-CP", the nearest before, else after) and whose other
    // `key_fields` do not contradict it refers to that one: `refers` is set
    // to the full value and its missing key fields are copied. `key` is the
    // key fields joined with '|', the full value in place of `field`: a
    // stable string to count the thing by. See also refine.
    kIdentity,
  };
  std::string type;
  Role role = kNone;
  std::string field, field_2025, metadata_rule;
  // A record of the type that lost this field (a day whose year nothing in
  // the article gives) is dropped. "" = none.
  std::string drop_without;
  // Role "identity" (see kIdentity); `date` is the TOML key year_from.
  std::string key, refers, year, date;
  // A field (`refine`) whose value another (`refine_from`, set by a link
  // from the text) begins with, then a space, takes that value: the
  // symbol's "UBND" becomes "UBND tỉnh Thanh Hóa".
  std::string refine, refine_from;
  std::vector<std::string> key_fields;
  // A record of the type that has this field once the links have run (a
  // link from a cue that rules the record out) is dropped. "" = none.
  std::string drop_with;
  bool operator==(const TypeDecl&) const = default;
};

// [lexicon]: the word lists the converters and the year inference read.
// A missing list is empty.
struct Lexicons {
  std::map<std::string, double, std::less<>> scale;    // scaled(): "triệu" = 1e6
  std::set<std::string, std::less<>> negative;         // signed_int(): "giảm"
  std::map<std::string, int, std::less<>> quarter;     // quarter(): "III" = 3
  std::map<std::string, int, std::less<>> day_word;    // iso_date(): "rằm" = 15
  std::map<std::string, int, std::less<>> month_word;  // iso_date(): "Giêng" = 1
  std::set<std::string, std::less<>> phrase_stop;      // phrase() ends before
  std::set<std::string, std::less<>> phrase_list;      // phrase(): after a comma
  std::set<std::string, std::less<>> phrase_head;      // phrase(): may start one
  std::set<std::string, std::less<>> phrase_word;      // phrase(): "thiết bị"
  std::vector<std::string> year_cue;                   // "năm" in "năm 2023"
  std::vector<std::string> year_target;                // "đến" in "đến năm 2030"
  std::vector<std::string> year_edition;  // "Chỉ số" in "Chỉ số CCHC năm 2024"
  bool operator==(const Lexicons&) const = default;
};

// [relevance]: a weighted lexicon that scores each article for a topic (what
// the topic is, the rule file says). An article's score is the sum over the
// terms of weight x matches, each term's matches counted at most
// `max_count` times; it is relevant when the score reaches `threshold`.
// No terms: no score (Document::relevant stays -1).
struct Relevance {
  std::vector<std::pair<std::string, double>> terms;  // RE2 pattern, weight
  double threshold = 1;
  int max_count = 1;
  bool operator==(const Relevance&) const = default;
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
  Relevance relevance;
  std::vector<std::string> files;
  std::vector<RuleSource> sources;  // per file; stored with the records' runs
  std::string version;              // "r-" + hash of the sources' names and contents
};

}  // namespace vnreform

#endif  // VNREFORM_EXTRACT_RULE_SET_H_
