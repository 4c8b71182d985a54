// `vnreform reextract`: the extract stage alone over the stored norm, for
// articles made with other rules. Each batch is read by id (bounded memory),
// extracted on all cores, and written in one transaction in id order, so the
// database does not depend on the thread count. When the database holds the
// rule files an article's records were made with, only the rules that
// changed since are looked for: an article none of them matches keeps its
// records (RuleChanges). Tested by tests/pipeline_test.cc.
#include <algorithm>
#include <map>
#include <thread>

#include "core/parallel.h"
#include "normalize/normalize.h"
#include "pipeline/document_writer.h"
#include "pipeline/pipeline.h"
#include "pipeline/progress.h"

namespace vnreform {
namespace {

// The document extract sees in `run`, rebuilt from the stored article.
void ExtractStored(const Extractor& extractor, StoredArticle* a, Document* doc) {
  doc->key = std::move(a->key);
  doc->source = std::move(a->source);
  doc->url = std::move(a->url);
  doc->title = std::move(a->title);
  doc->published = std::move(a->published);
  doc->input_date = std::move(a->input_date);
  doc->norm = std::move(a->norm);
  doc->sentence_starts = SentenceStarts(doc->norm);
  extractor.Extract(doc);
}

// What changed since rule-set version `old` (null: unknown, rerun all).
// Caches one RuleChanges per old version.
class ChangesSince {
 public:
  ChangesSince(Store* store, const RuleSet& now) : store_(store), now_(now) {}

  Status Get(const std::string& old, const RuleChanges** out) {
    auto it = cache_.find(old);
    if (it == cache_.end()) {
      std::unique_ptr<RuleChanges> c;
      Store::RuleFiles files;
      bool found = false;
      VNREFORM_RETURN_IF_ERROR(store_->GetRuleFiles(old, &files, &found));
      RuleSet before;
      std::vector<RuleSource> sources;
      for (auto& [name, text] : files) sources.push_back({name, text});
      // A stored set that no longer loads (rule syntax changed) means: all.
      if (found && LoadRulesFromSources(sources, &before).ok() && before.version == old)
        c = RuleChanges::Create(before, now_);
      it = cache_.emplace(old, std::move(c)).first;
    }
    *out = it->second.get();
    return Status::Ok();
  }

 private:
  Store* store_;
  const RuleSet& now_;
  std::map<std::string, std::unique_ptr<RuleChanges>> cache_;
};

// The articles of one transaction: read by id, extracted, written.
struct Batch {
  std::vector<StoredArticle> articles;
  std::vector<Document> docs;
  std::vector<const RuleChanges*> changes;  // since the article's rules; null: all
  std::vector<char> untouched;              // no changed rule matches: records stay
};

// Reads, extracts and writes the batches. The database is one connection,
// used by the calling thread only; extraction runs on options.threads.
class Reextractor {
 public:
  Reextractor(const ReextractOptions& o, const Extractor& extractor, Store* store,
              RunReport* report, Progress* progress)
      : o_(o),
        extractor_(extractor),
        store_(store),
        report_(report),
        progress_(progress),
        ruleset_(extractor.rules().version),
        batch_(std::max(1, o.batch)),
        threads_(ThreadCount(o.threads)),
        changes_since_(store, extractor.rules()),
        writer_(store, ruleset_, batch_, &o.on_issue, report) {}

  // One core: read, extract and write in turn.
  Status RunInline() {
    Batch b;
    Status s = Read(&b);
    while (s.ok() && !b.articles.empty()) {
      Extract(&b);
      s = Write(&b);
      if (s.ok()) s = Read(&b);
    }
    return s;
  }

  // While the workers extract one batch, this thread writes the one before
  // and reads the one after.
  Status RunOverlapped() {
    Batch current, previous, following;
    Status s = Read(&current);
    bool pending = false;  // `previous` waits to be written
    while (s.ok() && !current.articles.empty()) {
      std::thread extracting([&] { Extract(&current); });
      if (pending) s = Write(&previous);
      if (s.ok()) s = Read(&following);
      extracting.join();
      std::swap(previous, current);
      std::swap(current, following);
      pending = true;
    }
    if (s.ok() && pending) s = Write(&previous);
    return s;
  }

 private:
  // The next batch by id; none at the end.
  Status Read(Batch* b) {
    b->articles.clear();
    Status s =
        store_->ArticlesToReextract(ruleset_, o_.force, after_id_, batch_, &b->articles);
    if (!s.ok() || b->articles.empty()) return s;
    after_id_ = b->articles.back().id;
    b->docs.assign(b->articles.size(), Document());
    b->changes.assign(b->articles.size(), nullptr);
    b->untouched.assign(b->articles.size(), 0);
    for (size_t i = 0; i < b->articles.size(); ++i) {
      const StoredArticle& a = b->articles[i];
      report_->mbytes += a.norm.size() / 1e6;
      if (!o_.force && a.ruleset != ruleset_)
        VNREFORM_RETURN_IF_ERROR(changes_since_.Get(a.ruleset, &b->changes[i]));
    }
    return Status::Ok();
  }

  void Extract(Batch* b) {
    ParallelFor(b->articles.size(), threads_, [&](size_t i) {
      if (b->changes[i] != nullptr && !b->changes[i]->Affects(b->articles[i].norm))
        b->untouched[i] = 1;
      else
        ExtractStored(extractor_, &b->articles[i], &b->docs[i]);
    });
  }

  // One transaction, in id order.
  Status Write(Batch* b) {
    Status s;
    for (size_t i = 0; s.ok() && i < b->docs.size(); ++i) {
      const int64_t id = b->articles[i].id;
      s = b->untouched[i] ? writer_.MarkCurrent(id) : writer_.Replace(id, b->docs[i]);
    }
    if (s.ok()) s = writer_.Commit();
    if (!s.ok()) s = s.Then(writer_.Rollback());
    const int64_t articles = report_->summary.articles;
    progress_->Update(articles, [&](double seconds) {
      return StringPrintf("%lld articles re-extracted, %.0f articles/s",
                          static_cast<long long>(articles),
                          articles / std::max(seconds, 1e-9));
    });
    return s;
  }

  const ReextractOptions& o_;
  const Extractor& extractor_;
  Store* store_;
  RunReport* report_;
  Progress* progress_;
  const std::string& ruleset_;
  const int batch_, threads_;
  ChangesSince changes_since_;
  DocumentWriter writer_;
  int64_t after_id_ = 0;
};

}  // namespace

Status Reextract(const ReextractOptions& o, const Extractor& extractor,
                 RunReport* report) {
  *report = RunReport();
  Progress progress(o.progress);
  std::unique_ptr<Store> store;
  VNREFORM_RETURN_IF_ERROR(
      StartRun(o.db_path, o.command_line, extractor, &store, &report->run_id));
  Reextractor reextractor(o, extractor, store.get(), report, &progress);
  Status s =
      ThreadCount(o.threads) == 1 ? reextractor.RunInline() : reextractor.RunOverlapped();
  progress.Clear();
  report->summary.seconds = progress.seconds();
  Status fin = store->FinishRun(report->run_id, report->summary);
  return s.ok() ? fin : s;
}

}  // namespace vnreform
