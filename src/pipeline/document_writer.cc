// DocumentWriter: stores processed documents in batched transactions and
// counts them. Tested by tests/pipeline_test.cc and tests/fetch_test.cc.
#include "pipeline/document_writer.h"

namespace vnreform {

Status StartRun(const std::string& db_path, const std::string& command,
                const Extractor& extractor, std::unique_ptr<Store>* store,
                int64_t* run_id) {
  VNREFORM_RETURN_IF_ERROR(Store::Open(db_path, store));
  VNREFORM_RETURN_IF_ERROR(
      (*store)->BeginRun(command, extractor.rules().version, run_id));
  return StoreRuleFiles(store->get(), extractor.rules());
}

DocumentWriter::DocumentWriter(Store* store, const std::string& ruleset, int batch,
                               const IssueFn* on_issue, RunReport* report)
    : store_(store),
      ruleset_(ruleset),
      batch_(batch),
      on_issue_(on_issue),
      report_(report) {}

Status DocumentWriter::Put(const Document& doc) {
  VNREFORM_RETURN_IF_ERROR(Start(doc));
  if (doc.ok() && !doc.listing && doc.same_as.empty())
    VNREFORM_RETURN_IF_ERROR(store_->PutArticle(report_->run_id, ruleset_, doc));
  return Done(doc);
}

Status DocumentWriter::Replace(int64_t id, const Document& doc) {
  VNREFORM_RETURN_IF_ERROR(Start(doc));
  if (doc.ok()) {
    bool same = false;
    VNREFORM_RETURN_IF_ERROR(
        store_->ReplaceRecords(report_->run_id, ruleset_, id, doc, &same));
    report_->same += same;
  }
  return Done(doc);
}

Status DocumentWriter::MarkCurrent(int64_t id) {
  if (!in_tx_) {
    VNREFORM_RETURN_IF_ERROR(store_->Begin());
    in_tx_ = true;
  }
  VNREFORM_RETURN_IF_ERROR(store_->MarkCurrent(ruleset_, id));
  Unchanged();
  return Counted();
}

Status DocumentWriter::Commit() {
  in_batch_ = 0;
  if (!in_tx_) return Status::Ok();
  in_tx_ = false;
  return store_->Commit();
}

Status DocumentWriter::Rollback() {
  in_batch_ = 0;
  in_tx_ = false;
  return store_->Rollback();
}

Status DocumentWriter::Start(const Document& doc) {
  if (!in_tx_) {
    VNREFORM_RETURN_IF_ERROR(store_->Begin());
    in_tx_ = true;
  }
  for (const Issue& i : doc.issues) {
    VNREFORM_RETURN_IF_ERROR(store_->PutIssue(report_->run_id, doc.source, i));
    if (on_issue_ && *on_issue_) (*on_issue_)(doc.source, i);
    (i.severity == Issue::kError ? report_->errors : report_->summary.warnings)++;
  }
  return Status::Ok();
}

Status DocumentWriter::Done(const Document& doc) {
  if (doc.ok() && doc.listing) {
    ++report_->summary.listings;
  } else if (doc.ok() && !doc.same_as.empty()) {
    ++report_->summary.unchanged;
  } else if (doc.ok()) {
    ++report_->summary.articles;
    report_->summary.records += static_cast<int64_t>(doc.records.size());
    for (const Record& r : doc.records) ++report_->records[r.type];
  } else {
    ++report_->summary.failed;
  }
  return Counted();
}

Status DocumentWriter::Counted() {
  if (batch_ > 0 && ++in_batch_ >= batch_) return Commit();
  return Status::Ok();
}

}  // namespace vnreform
