// Document: the one data type that flows through the stages, and the Record
// an extraction produces. Each stage fills its own fields (see the comments)
// and never touches another stage's; the first failure sets `status` and
// `failed_stage`, and later stages skip the document. No third-party types.
#ifndef VNREFORM_CORE_DOCUMENT_H_
#define VNREFORM_CORE_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace vnreform {

// One normalized field of a record, e.g. numerator=296 or value="2023-07-19".
struct Field {
  enum Kind { kString, kInt, kNumber };
  std::string name;
  std::string value;  // the value as text: "296", "35.03", "2023-07-19"
  Kind kind = kString;
};

// A problem with one input that did not stop it from being stored
// ("invalid UTF-8 repaired") or that did ("not JSON"); see Document::issues.
struct Issue {
  enum Severity { kWarning, kError };
  Severity severity = kWarning;
  std::string stage;    // "input", "clean", "normalize", ...
  std::string message;  // names its input: "a.jsonl:12: not JSON: ..."
};

struct Record {
  std::string type;            // "ratio", "percent", "date", ...
  std::string rule_id;         // the rule that produced it
  bool from_metadata = false;  // made from the input's metadata, not a match
  uint32_t begin = 0;          // byte offsets of `text` in Document::norm
  uint32_t end = 0;
  std::string text;             // norm.substr(begin, end - begin)
  uint32_t sentence_begin = 0;  // the sentence it stands in, bytes in norm
  uint32_t sentence_end = 0;
  std::vector<Field> fields;

  // The value of field `name`, or "" when the record has none.
  const std::string& Get(const std::string& name) const;
  bool Has(const std::string& name) const;
  void Set(const std::string& name, std::string value, Field::Kind kind = Field::kString);
};

struct Document {
  // input
  std::string key;     // the article's key: relative path, JSONL id or URL
  std::string source;  // where it came from: "corpus/a.jsonl:12", a path
  std::string url;
  std::string title;
  std::string published;  // ISO date-time from the input's metadata, if any
  // When the input was dated by whoever stored it, not by the article: the
  // first of a JSONL line's "date", "first_committed_at", "fetched_at", or
  // a fetched page's fetch time (ISO, as given). Gives the year of a date
  // written without one when the article has no publication date; for a
  // crawl it is an upper bound on the publication date.
  std::string input_date;
  std::string body;  // raw bytes as read (text or HTML)
  bool is_html = false;
  // The charset the input declared (HTTP Content-Type), lower-case; "" if
  // none. Decoding to UTF-8 is the normalize stage's.
  std::string charset;
  std::string content_hash;  // of the input (key-independent), hex

  // clean: visible text, one block a line (for .txt inputs: the body), and
  // what an HTML page says of itself ("" when it does not, or not HTML):
  // its author, site name (og:site_name) and language (<html lang>).
  std::string text;
  std::string author, site, language;
  // A listing or home page (teasers, no article text): an outcome, not a
  // failure. The document stays ok() with no text; it is counted, not stored.
  bool listing = false;
  // run: the key of the stored article with this content under another key
  // (the same file read under another root): not stored again, counted as
  // unchanged.
  std::string same_as;

  // normalize: NFC text with folded spellings.
  std::string norm;
  int invalid_utf8 = 0;  // sequences replaced by U+FFFD
  // Byte offsets in `norm` where sentences start (ICU sentence break and
  // line ends), ascending, the first 0.
  std::vector<uint32_t> sentence_starts;

  // extract
  std::vector<Record> records;
  // The province the article is about, when one dominates its mentions, as
  // written ("Nam Định") and as it is from 1 July 2025 ("Ninh Bình").
  std::string locality, locality_2025;
  // The rules' [relevance] lexicon's score of the article (its title and
  // text), and whether it reaches the threshold: 1 or 0; -1 when the rules
  // have no such lexicon.
  double relevance = 0;
  int relevant = -1;

  // any stage
  std::vector<Issue> issues;
  Status status;
  std::string failed_stage;

  bool ok() const { return status.ok(); }
  // Marks the document failed at `stage`; later stages skip it.
  void Fail(const std::string& stage, Status s);
  void Warn(const std::string& stage, std::string message);
};

}  // namespace vnreform

#endif  // VNREFORM_CORE_DOCUMENT_H_
