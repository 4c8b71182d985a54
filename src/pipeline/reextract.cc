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

  Status status;
  double last_progress = 0;
  std::vector<StoredArticle> articles;
  std::vector<Document> docs;
  for (int64_t after_id = 0;;) {
    status = store->ArticlesToReextract(ruleset, o.force, after_id, batch, &articles);
    if (!status.ok() || articles.empty()) break;
    after_id = articles.back().id;
    docs.assign(articles.size(), Document());
    std::vector<int64_t> ids;
    std::vector<const RuleChanges*> changes(articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      const StoredArticle& a = articles[i];
      ids.push_back(a.id);
      report->mbytes += a.norm.size() / 1e6;
      if (!o.force && a.ruleset != ruleset)
        VNREFORM_RETURN_IF_ERROR(changes_since.Get(a.ruleset, &changes[i]));
    }
    std::vector<char> untouched(articles.size(), 0);
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i; (i = next++) < articles.size();) {
        if (changes[i] != nullptr && !changes[i]->Affects(articles[i].norm)) {
          untouched[i] = 1;
          continue;
        }
        ExtractStored(extractor, &articles[i], &docs[i]);
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();

    status = store->Begin();
    for (size_t i = 0; status.ok() && i < docs.size(); ++i) {
      if (untouched[i]) {
        status = store->MarkCurrent(report->run_id, ruleset, ids[i]);
        ++report->summary.unchanged;
        continue;
      }
      const Document& d = docs[i];
      for (const Issue& issue : d.issues) {
        status = store->PutIssue(report->run_id, d.source, issue);
        if (!status.ok()) break;
        if (o.on_issue) o.on_issue(d.source, issue);
        (issue.severity == Issue::kError ? report->errors : report->summary.warnings)++;
      }
      if (!status.ok()) break;
      if (!d.ok()) {  // the old records stay
        ++report->summary.failed;
        continue;
      }
      status = store->ReplaceRecords(report->run_id, ruleset, ids[i], d);
      ++report->summary.articles;
      report->summary.records += static_cast<int64_t>(d.records.size());
      for (const Record& r : d.records) ++report->records[r.type];
    }
    if (status.ok()) status = store->Commit();
    if (!status.ok()) {
      store->Rollback();
      break;
    }
    if (o.progress && seconds() - last_progress >= 0.5) {
      last_progress = seconds();
      std::fprintf(stderr, "\r%lld articles re-extracted, %.0f articles/s   ",
                   static_cast<long long>(report->summary.articles),
                   report->summary.articles / std::max(last_progress, 1e-9));
      std::fflush(stderr);
    }
  }
  if (o.progress) std::fputs("\r\033[K", stderr);
  report->summary.seconds = seconds();
  Status fin = store->FinishRun(report->run_id, report->summary);
  return status.ok() ? fin : status;
}

}  // namespace vnreform
