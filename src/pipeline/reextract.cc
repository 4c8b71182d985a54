// `vnreform reextract`: the extract stage alone over the stored norm, for
// articles made with other rules. Each batch is read by id (bounded memory),
// extracted on all cores, and written in one transaction in id order, so the
// database does not depend on the thread count. When the database holds the
// rule files an article's records were made with, only the rules that
// changed since are looked for: an article none of them matches keeps its
// records (RuleChanges). Tested by tests/pipeline_test.cc.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

#include "normalize/normalize.h"
#include "pipeline/pipeline.h"

namespace vnreform {
namespace {

// The document extract sees in `run`, rebuilt from the stored article.
void ExtractStored(const Extractor& extractor, StoredArticle* a, Document* doc) {
  doc->key = std::move(a->key);
  doc->source = std::move(a->source);
  doc->url = std::move(a->url);
  doc->title = std::move(a->title);
  doc->published = std::move(a->published);
  doc->norm = std::move(a->norm);
  doc->sentence_starts = SentenceStarts(doc->norm);
  Status s = extractor.Extract(doc);
  if (!s.ok()) doc->Fail("extract", Status(s.code(), doc->source + ": " + s.message()));
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
        VNREFORM_RETURN_IF_ERROR(RuleChanges::Create(before, now_, &c));
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

}  // namespace

Status Reextract(const ReextractOptions& o, const Extractor& extractor,
                 RunReport* report) {
  *report = RunReport();
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::unique_ptr<Store> store;
  VNREFORM_RETURN_IF_ERROR(Store::Open(o.db_path, &store));
  const std::string& ruleset = extractor.rules().version;
  VNREFORM_RETURN_IF_ERROR(store->BeginRun(o.command_line, ruleset, &report->run_id));
  const int threads = o.threads > 0 ? o.threads
                                    : std::max(1u, std::thread::hardware_concurrency());
  const int batch = std::max(1, o.batch);

  VNREFORM_RETURN_IF_ERROR(StoreRuleFiles(store.get(), extractor.rules()));
  ChangesSince changes_since(store.get(), extractor.rules());

  // Batches in a pipeline: while the workers extract one, this thread
  // writes the one before and reads the one after (the database is one
  // connection, used by this thread only).
  struct Batch {
    std::vector<StoredArticle> articles;
    std::vector<Document> docs;
    std::vector<const RuleChanges*> changes;
    std::vector<char> untouched;
  };
  int64_t after_id = 0;
  auto read = [&](Batch* b) {
    b->articles.clear();
    Status s = store->ArticlesToReextract(ruleset, o.force, after_id, batch, &b->articles);
    if (!s.ok() || b->articles.empty()) return s;
    after_id = b->articles.back().id;
    b->docs.assign(b->articles.size(), Document());
    b->changes.assign(b->articles.size(), nullptr);
    b->untouched.assign(b->articles.size(), 0);
    for (size_t i = 0; i < b->articles.size(); ++i) {
      const StoredArticle& a = b->articles[i];
      report->mbytes += a.norm.size() / 1e6;
      if (!o.force && a.ruleset != ruleset)
        VNREFORM_RETURN_IF_ERROR(changes_since.Get(a.ruleset, &b->changes[i]));
    }
    return Status::Ok();
  };
  auto extract = [&](Batch* b) {
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next++) < b->articles.size();) {
        if (b->changes[i] != nullptr && !b->changes[i]->Affects(b->articles[i].norm)) {
          b->untouched[i] = 1;
          continue;
        }
        ExtractStored(extractor, &b->articles[i], &b->docs[i]);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
  };
  double last_progress = 0;
  auto write = [&](Batch* b) {
    Status s = store->Begin();
    for (size_t i = 0; s.ok() && i < b->docs.size(); ++i) {
      const int64_t id = b->articles[i].id;
      if (b->untouched[i]) {
        s = store->MarkCurrent(ruleset, id);
        ++report->summary.unchanged;
        continue;
      }
      const Document& d = b->docs[i];
      for (const Issue& issue : d.issues) {
        s = store->PutIssue(report->run_id, d.source, issue);
        if (!s.ok()) break;
        if (o.on_issue) o.on_issue(d.source, issue);
        (issue.severity == Issue::kError ? report->errors : report->summary.warnings)++;
      }
      if (!s.ok()) break;
      if (!d.ok()) {  // the old records stay
        ++report->summary.failed;
        continue;
      }
      bool same = false;
      s = store->ReplaceRecords(report->run_id, ruleset, id, d, &same);
      report->same += same;
      ++report->summary.articles;
      report->summary.records += static_cast<int64_t>(d.records.size());
      for (const Record& r : d.records) ++report->records[r.type];
    }
    if (s.ok()) s = store->Commit();
    if (!s.ok()) store->Rollback();
    if (o.progress && seconds() - last_progress >= 0.5) {
      last_progress = seconds();
      std::fprintf(stderr, "\r%lld articles re-extracted, %.0f articles/s   ",
                   static_cast<long long>(report->summary.articles),
                   report->summary.articles / std::max(last_progress, 1e-9));
      std::fflush(stderr);
    }
    return s;
  };

  Batch current, previous, following;
  Status status = read(&current);
  bool pending = false;  // `previous` waits to be written
  while (status.ok() && !current.articles.empty()) {
    if (threads == 1) {
      extract(&current);
      status = write(&current);
      if (status.ok()) status = read(&current);
      continue;
    }
    std::thread worker([&] { extract(&current); });
    if (pending) status = write(&previous);
    if (status.ok()) status = read(&following);
    worker.join();
    std::swap(previous, current);
    std::swap(current, following);
    pending = true;
  }
  if (status.ok() && pending) status = write(&previous);
  if (o.progress) std::fputs("\r\033[K", stderr);
  report->summary.seconds = seconds();
  Status fin = store->FinishRun(report->run_id, report->summary);
  return status.ok() ? fin : status;
}

}  // namespace vnreform
