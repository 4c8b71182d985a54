// The pipeline: stage order for one document, and the batch run that reads
// inputs, processes them on all cores and stores them through one writer.
// Includes only stage headers. Tested by tests/pipeline_test.cc.
#ifndef VNREFORM_PIPELINE_PIPELINE_H_
#define VNREFORM_PIPELINE_PIPELINE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/plan.h"
#include "extract/extract.h"
#include "store/store.h"

namespace vnreform {

// Loads, compiles and self-tests the rules: a rule whose examples fail makes
// the set unusable, so `run` refuses to start. Messages name file:line.
// `threads` run the examples (0: all cores).
Status LoadExtractor(const std::string& rules_path, bool check_examples, int threads,
                     std::unique_ptr<Extractor>* out, std::vector<std::string>* problems);

// RunRuleExamples (extract.h) with the normalize stage.
std::vector<ExampleFailure> TestRuleExamples(const Extractor& extractor,
                                             const std::vector<std::string>& files,
                                             int threads = 1);

// Largest article text (after clean) that is normalized and extracted: those
// stages take about 20 bytes of memory per byte of text, and linking the
// records grows faster than linearly in time and memory.
// A larger text fails the document with a message naming its input.
constexpr size_t kMaxTextBytes = 10u << 20;

// clean (HTML only) -> normalize -> extract, for one document. A failure
// sets doc->status; the document is then not stored. With `candidates`
// (for `explain`), the extract stage also returns every candidate match and
// why it won or lost (Extractor::Explain), from the same single pass.
void Process(const Extractor& extractor, Document* doc,
             std::vector<Candidate>* candidates = nullptr);

// Stores the rule files of `rules` under their version (once), so that a
// later `reextract` can tell what changed since.
Status StoreRuleFiles(Store* store, const RuleSet& rules);

// A file of the run, reported in input order when its first document is
// written (done = false) and after its last one (done = true, with counts).
struct FileEvent {
  std::string path;
  bool done = false;
  int64_t articles = 0, unchanged = 0, failed = 0, records = 0;
};

struct RunOptions {
  std::vector<std::string> inputs;  // files and directories
  // Without inputs: exactly these files and line ranges (a shard of a
  // plan, pipeline/shard.h).
  std::vector<InputPiece> pieces;
  std::string db_path;
  std::string command_line;  // recorded in the run log
  int threads = 0;           // Default: 0 = all cores.
  int batch = 256;           // articles per transaction. Default: 256.
  bool force = false;        // reprocess unchanged articles too
  // A progress line on stderr (articles, MB read, rates, and an ETA from
  // the inputs' total size), redrawn at most twice a second.
  bool progress = false;
  // Called for each failed input and each warning, in input order.
  std::function<void(const std::string& input, const Issue&)> on_issue;
  // Called as each input file starts and ends, in input order.
  std::function<void(const FileEvent&)> on_file;
};

struct RunReport {
  RunSummary summary;
  std::map<std::string, int64_t> records;  // per type, this run
  int64_t errors = 0;
  int64_t run_id = 0;
  double mbytes = 0;  // input consumed
  // reextract: articles re-extracted to the records they had, which were
  // left as they were (Store::ReplaceRecords).
  int64_t same = 0;
};

// Runs the whole pipeline over options.inputs into options.db_path. Inputs
// that fail are recorded and skipped; the returned status is non-OK only
// when the run could not go on (database unwritable).
Status Run(const RunOptions& options, const Extractor& extractor, RunReport* report);

struct ReextractOptions {
  std::string db_path;
  std::string command_line;  // recorded in the run log
  int threads = 0;           // Default: 0 = all cores.
  int batch = 256;           // articles per transaction. Default: 256.
  bool force = false;        // also articles already made with these rules
  bool progress = false;     // a progress line on stderr
  // Called for each failed article and each warning, in id order.
  std::function<void(const std::string& input, const Issue&)> on_issue;
};

// Reruns only the extract stage, from the stored normalized text, for the
// articles of options.db_path whose rule-set version is not the extractor's
// (all with force), replacing their records in batched transactions. Reads
// a batch at a time, so memory is bounded. report->summary.unchanged counts
// nothing here; mbytes is the norm text re-read. Implemented in reextract.cc.
Status Reextract(const ReextractOptions& options, const Extractor& extractor,
                 RunReport* report);

// ---- Previewing a rule file (vnreform rules try) ----

// The rule set of `rules_path` with `file` in it: replacing the file of the
// same name, else added. Messages name file:line. Implemented in rule_try.cc.
Status RulesWithFile(const std::string& rules_path, const std::string& file,
                     RuleSet* out);

// A record the tried rules would add, change or remove in a stored article.
struct RecordChange {
  enum Kind { kAdded, kChanged, kRemoved };
  Kind kind = kAdded;
  std::string article;   // key
  Record before, after;  // before: kChanged, kRemoved; after: kAdded, kChanged
  std::string sentence;  // the one the record stands in
};

struct RuleTryReport {
  int64_t articles = 0;               // read
  std::vector<RecordChange> changes;  // by article id, then offset
};

// Extracts the stored articles of `store` (the first `sample` by id, 0 =
// all) with `now` and with `tried`, and reports where their records differ
// (same type and span: changed). Reads only: nothing is written.
Status TryRules(Store* store, const Extractor& now, const Extractor& tried, int sample,
                int threads, RuleTryReport* report);

}  // namespace vnreform

#endif  // VNREFORM_PIPELINE_PIPELINE_H_
