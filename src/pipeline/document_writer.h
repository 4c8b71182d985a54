// The one way a processed Document reaches the store: `run`, `fetch` and
// `reextract` all write through a DocumentWriter, which stores the document's
// issues and its article (or, for reextract, its records), batches the writes
// into transactions and counts what it wrote into a RunReport.
// Tested by tests/pipeline_test.cc and tests/fetch_test.cc.
#ifndef VNREFORM_PIPELINE_DOCUMENT_WRITER_H_
#define VNREFORM_PIPELINE_DOCUMENT_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/document.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace vnreform {

// Opens `db_path`, logs the start of a run of `command` with the extractor's
// rules, and stores those rules' files (StoreRuleFiles).
Status StartRun(const std::string& db_path, const std::string& command,
                const Extractor& extractor, std::unique_ptr<Store>* store,
                int64_t* run_id);

// Not thread-safe: one writer thread, as the Store is one connection.
class DocumentWriter {
 public:
  using IssueFn = std::function<void(const std::string& input, const Issue&)>;

  // Writes into `store` under run report->run_id and rule-set version
  // `ruleset`, committing every `batch` documents (0: only in Commit()).
  // Calls on_issue (when set) for each issue it stores. Not owned: all.
  DocumentWriter(Store* store, const std::string& ruleset, int batch,
                 const IssueFn* on_issue, RunReport* report);

  // Stores doc's issues and, when doc.ok(), doc as an article with its
  // records (Store::PutArticle); a failed document is counted and what is
  // stored under its key stays. A listing page (doc.listing) and a copy of
  // a stored article (doc.same_as) are counted, not stored.
  Status Put(const Document& doc);
  // As Put, for reextract: the records of stored article `id` are replaced
  // by doc's (Store::ReplaceRecords; report->same counts those that were
  // the same already).
  Status Replace(int64_t id, const Document& doc);
  // A document stored already with the same content and rules: counted,
  // nothing written.
  void Unchanged() { ++report_->summary.unchanged; }
  // Article `id`, which the rules' changes leave as it is, is current under
  // this rule set (Store::MarkCurrent); counted as unchanged.
  Status MarkCurrent(int64_t id);

  // Commits the open transaction, if any. After an error, Rollback().
  Status Commit();
  [[nodiscard]] Status Rollback();

 private:
  // Begins a transaction if none is open, and stores doc's issues.
  Status Start(const Document& doc);
  // Counts doc's records, and commits when the batch is full.
  Status Done(const Document& doc);
  Status Counted();

  Store* store_;
  const std::string& ruleset_;
  int batch_;
  const IssueFn* on_issue_;
  RunReport* report_;
  bool in_tx_ = false;
  int in_batch_ = 0;
};

}  // namespace vnreform

#endif  // VNREFORM_PIPELINE_DOCUMENT_WRITER_H_
