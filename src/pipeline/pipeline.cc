// Stage order and the batch loop: one reader thread, N worker threads, and
// the calling thread as the single SQLite writer. Documents are written in
// input order (a reorder buffer), so the database does not depend on the
// thread count; in-flight documents are bounded, so memory is too.
// Tested by tests/pipeline_test.cc.
#include "pipeline/pipeline.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "clean/clean.h"
#include "core/parallel.h"
#include "input/input.h"
#include "normalize/decode.h"
#include "normalize/normalize.h"
#include "pipeline/document_writer.h"
#include "pipeline/progress.h"

namespace vnreform {
Status LoadExtractor(const std::string& rules_path, bool check_examples, int threads,
                     std::unique_ptr<Extractor>* out,
                     std::vector<std::string>* problems) {
  RuleSet rules;
  VNREFORM_RETURN_IF_ERROR(LoadRules(rules_path, &rules));
  VNREFORM_RETURN_IF_ERROR(Extractor::Create(std::move(rules), out));
  if (!check_examples) return Status::Ok();
  for (const ExampleFailure& f : TestRuleExamples(**out, {}, threads))
    problems->push_back(f.ToString());
  if (!problems->empty())
    return Status::InvalidArgument(std::to_string(problems->size()) +
                                   " rule example(s) fail; run 'vnreform rules test'");
  return Status::Ok();
}

std::vector<ExampleFailure> TestRuleExamples(const Extractor& extractor,
                                             const std::vector<std::string>& files,
                                             int threads) {
  ExampleNormalizer normalize;
  normalize.document = [](Document* d) { Normalize(d); };
  normalize.text = [](std::string_view t) { return NormalizeString(t); };
  return RunRuleExamples(extractor, normalize, files, threads);
}

Status StoreRuleFiles(Store* store, const RuleSet& rules) {
  Store::RuleFiles files;
  for (const RuleSource& src : rules.sources) files.emplace_back(src.name, src.text);
  return store->PutRuleFiles(rules.version, files);
}

void Process(const Extractor& extractor, Document* doc,
             std::vector<Candidate>* candidates) {
  if (!doc->ok()) return;
  if (const std::string why = NotText(doc->body); !why.empty())
    return doc->Fail("input",
                     Status::Parse(doc->source + ": not text (" + why + "); refused"));
  if (doc->is_html) {
    // Bytes -> NFC UTF-8 before any text heuristic.
    Status s = Decode(doc);
    if (!s.ok())
      return doc->Fail("clean", Status(s.code(), doc->source + ": " + s.message()));
    s = Clean(CleanOptions(), doc);
    if (!s.ok())
      return doc->Fail("clean", Status(s.code(), doc->source + ": " + s.message()));
    doc->body.clear();
    doc->body.shrink_to_fit();
    if (doc->listing) {  // Clean() leaves a listing's text empty
      doc->Warn("clean", doc->source + ": a listing or home page; not stored");
      return;
    }
    if (doc->text.empty())
      return doc->Fail("clean",
                       Status::Parse(doc->source + ": no article text in the page"));
  } else {
    doc->text = std::move(doc->body);
    doc->body.clear();
  }
  if (const size_t n = doc->text.size(); n > kMaxTextBytes) {
    std::string().swap(doc->text);  // it waits for the writer: free it now
    return doc->Fail("normalize",
                     Status::InvalidArgument(doc->source + ": article text is " +
                                             std::to_string(n) + " bytes, over the " +
                                             std::to_string(kMaxTextBytes >> 20) +
                                             " MiB limit; not processed"));
  }
  Normalize(doc);
  if (candidates != nullptr) {
    extractor.Explain(doc, candidates);
    return;
  }
  extractor.Extract(doc);
}

namespace {

// A document between reader and writer.
struct Item {
  uint64_t seq = 0;
  bool unchanged = false;  // already stored: nothing to process or write
  std::unique_ptr<Document> doc;
  size_t bytes = 0;                         // input bytes, counted against kBytesInFlight
  std::shared_ptr<const std::string> file;  // one per input file
  std::string key, source;                  // of an unchanged doc, once it is freed
};

// Input bytes read but not yet written, beyond which the reader waits (one
// document always goes, however large). A document costs about 20 times its
// size while processed, so this bounds memory when large documents follow
// one another: two workers on two 10 MB texts would need over 400 MB.
constexpr size_t kBytesInFlight = 8u << 20;

// Reads the inputs in order into Items; Check() tells those stored already
// with the same content and rules, whose work is skipped.
class Reader {
 public:
  Reader(const RunOptions& o, Store* lookup, const std::string& ruleset)
      : o_(o),
        in_(o.inputs.empty() ? std::make_unique<InputReader>(o.pieces)
                             : std::make_unique<InputReader>(o.inputs)),
        lookup_(lookup),
        ruleset_(ruleset) {}

  // Reads the next document into *item; false at the end.
  bool Next(Item* item) {
    *item = Item{seq_++, false, std::make_unique<Document>(), 0, nullptr, {}, {}};
    if (!in_->Next(item->doc.get())) return false;
    bytes_ = in_->bytes_read();
    item->bytes = item->doc->body.size();
    if (!file_ || *file_ != in_->current_file())
      file_ = std::make_shared<const std::string>(in_->current_file());
    item->file = file_;
    return true;
  }
  void Check(Item* item) {
    if (o_.force || !item->doc->ok()) return;
    Status s = lookup_->IsCurrent(item->doc->key, item->doc->content_hash, ruleset_,
                                  &item->unchanged);
    if (!s.ok()) status_ = s;
    if (!item->unchanged) return;
    item->key = std::move(item->doc->key);
    item->source = std::move(item->doc->source);
    item->doc.reset();
  }
  double mbytes() const { return bytes_ / 1e6; }  // read so far; any thread
  // The first lookup error. REQUIRES: reading has ended.
  const Status& status() const { return status_; }

 private:
  const RunOptions& o_;
  std::unique_ptr<InputReader> in_;
  Store* lookup_;
  const std::string& ruleset_;
  uint64_t seq_ = 0;
  std::atomic<uint64_t> bytes_{0};
  std::shared_ptr<const std::string> file_;
  Status status_;
};

// Writes items in sequence order through a DocumentWriter, and reports
// each input file's start and end (RunOptions::on_file).
class OrderedWriter {
 public:
  OrderedWriter(const RunOptions& o, Store* store, const std::string& ruleset,
                RunReport* r)
      : o_(o),
        report_(r),
        store_(store),
        ruleset_(ruleset),
        writer_(store, ruleset, o.batch, &o.on_issue, r) {}

  Status Write(Item item) {
    pending_.emplace(item.seq, std::move(item));
    for (auto it = pending_.find(next_); it != pending_.end();
         it = pending_.find(next_)) {
      Status s = WriteOne(&it->second);
      released_bytes_ += it->second.bytes;
      pending_.erase(it);
      ++next_;
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  // Items written (or skipped) so far, in order, and their input bytes.
  uint64_t written() const { return next_; }
  uint64_t released_bytes() const { return released_bytes_; }

  Status Finish() {
    EndFile();
    return writer_.Commit();
  }
  Status Rollback() { return writer_.Rollback(); }

 private:
  // Reports the end of the current file and the start of item's, if new.
  void TrackFile(const Item& item) {
    if (!o_.on_file || item.file == file_.first) return;
    EndFile();
    file_ = {item.file, FileEvent{*item.file}};
    before_ = report_->summary;
    o_.on_file(file_.second);
  }
  void EndFile() {
    if (!o_.on_file || !file_.first) return;
    FileEvent& e = file_.second;
    const RunSummary& now = report_->summary;
    e.done = true;
    e.articles = now.articles - before_.articles;
    e.unchanged = now.unchanged - before_.unchanged;
    e.failed = now.failed - before_.failed;
    e.records = now.records - before_.records;
    o_.on_file(e);
    file_.first.reset();
  }

  Status WriteOne(Item* item) {
    TrackFile(*item);
    if (!item->unchanged) {
      VNREFORM_RETURN_IF_ERROR(CheckKey(item->doc.get(), &item->unchanged));
      if (!item->unchanged) return writer_.Put(*item->doc);
    } else {
      keys_.emplace(item->key, item->source);
    }
    writer_.Unchanged();
    return Status::Ok();
  }

  // Never a silent overwrite. A key read from another input earlier in
  // this run: a file under another root (x/article.html in a/ and b/) takes
  // its root's name in its key (b/x/article.html), and a repeated JSONL id
  // is refused. The same content stored under another key (corpus/ and
  // then corpus/seeds) is that article, not stored again. A key stored from
  // another input by an earlier run is replaced with a warning. Sets
  // *unchanged when a renamed key is stored already with this content.
  Status CheckKey(Document* doc, bool* unchanged) {
    if (!doc->ok() || doc->listing) return Status::Ok();
    auto [it, added] = keys_.emplace(doc->key, doc->source);
    if (!added && it->second != doc->source) {
      const std::string first = it->second;  // emplace below may rehash
      const std::string& key = doc->key;
      const std::string& src = doc->source;
      // A walked file's source is its root followed by its key.
      const bool file = src.size() > key.size() + 1 &&
                        src.compare(src.size() - key.size(), key.size(), key) == 0 &&
                        src[src.size() - key.size() - 1] == '/';
      std::string root;
      if (file) {
        root = src.substr(0, src.size() - key.size() - 1);
        root = root.substr(root.find_last_of('/') + 1);
      }
      if (root.empty() || root == "." || root == ".." ||
          !keys_.emplace(root + "/" + key, src).second) {
        doc->Fail("input", Status::InvalidArgument(src + ": duplicate key \"" + key +
                                                   "\", already read from " + first +
                                                   " in this run; not stored"));
        return Status::Ok();
      }
      doc->Warn("input", src + ": key \"" + key + "\" was read from " + first +
                             "; stored as \"" + root + "/" + key + "\"");
      doc->key = root + "/" + key;
      VNREFORM_RETURN_IF_ERROR(
          store_->IsCurrent(doc->key, doc->content_hash, ruleset_, unchanged));
      if (*unchanged) return Status::Ok();
    }
    std::string key_source, same_key, same_source;
    VNREFORM_RETURN_IF_ERROR(store_->FindInput(doc->key, doc->content_hash, &key_source,
                                               &same_key, &same_source));
    if (!same_key.empty() && key_source.empty()) {
      doc->same_as = same_key;
      doc->Warn("input", doc->source + ": same content as article \"" + same_key +
                             "\" (" + same_source + "); not stored again");
    } else if (!key_source.empty() && key_source != doc->source && added) {
      doc->Warn("input", doc->source + ": replaces article \"" + doc->key +
                             "\", read from " + key_source + " before");
    }
    return Status::Ok();
  }

  const RunOptions& o_;
  RunReport* report_;
  Store* store_;
  const std::string& ruleset_;
  std::unordered_map<std::string, std::string> keys_;  // key -> source, this run
  DocumentWriter writer_;
  std::map<uint64_t, Item> pending_;
  uint64_t next_ = 0;
  uint64_t released_bytes_ = 0;
  std::pair<std::shared_ptr<const std::string>, FileEvent> file_;  // being written
  RunSummary before_;  // the counts when file_ started
};

// Bounds the documents between reader and writer, and their input bytes.
class InFlight {
 public:
  explicit InFlight(size_t slots) : slots_(slots) {}
  // Waits for a free slot and takes it.
  void TakeSlot() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return slots_ > 0; });
    --slots_;
  }
  // Waits until `bytes` more fit (or nothing is in flight) and adds them.
  void TakeBytes(size_t bytes) {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return bytes_ == 0 || bytes_ + bytes <= kBytesInFlight; });
    bytes_ += bytes;
  }
  void Release(size_t slots, size_t bytes) {
    {
      std::lock_guard<std::mutex> l(mu_);
      slots_ += slots;
      bytes_ -= bytes;
    }
    cv_.notify_all();
  }
  // After a write error the run is only draining: items stuck in the
  // reorder buffer must not hold the reader back.
  void Drain() {
    {
      std::lock_guard<std::mutex> l(mu_);
      ++slots_;
      bytes_ = 0;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t slots_;
  size_t bytes_ = 0;
};

// One core: read, process and write in turn, no threads.
Status RunInline(const Extractor& extractor, Reader* reader, OrderedWriter* writer,
                 const std::function<void()>& progress) {
  Status s;
  Item item;
  while (s.ok() && reader->Next(&item)) {
    reader->Check(&item);
    if (!item.unchanged) Process(extractor, item.doc.get());
    s = writer->Write(std::move(item));
    progress();
  }
  return s;
}

// A reader thread, `threads` workers, and the calling thread as the single
// writer.
Status RunThreaded(const Extractor& extractor, int threads, Reader* reader,
                   OrderedWriter* writer, const std::function<void()>& progress) {
  // The writer writes in input order, so one slow document holds back those
  // after it: with 8 a thread the workers waited for slots (5,000 articles
  // on 2 threads: 1.00 s; with 64, 0.95 s). kBytesInFlight still bounds the
  // memory they take.
  InFlight in_flight(static_cast<size_t>(threads) * 64 + 64);
  WorkerPool<Item> pool(threads, [&](Item* item) {
    if (!item->unchanged) Process(extractor, item->doc.get());
  });
  std::thread read([&] {
    for (Item item;;) {
      in_flight.TakeSlot();
      if (!reader->Next(&item)) break;
      in_flight.TakeBytes(item.bytes);
      reader->Check(&item);
      pool.Push(std::move(item));
    }
    pool.Close();
  });
  Status s;
  while (std::optional<Item> item = pool.Pop()) {
    const uint64_t items = writer->written(), bytes = writer->released_bytes();
    if (s.ok()) s = writer->Write(std::move(*item));
    if (s.ok())
      in_flight.Release(writer->written() - items, writer->released_bytes() - bytes);
    else
      in_flight.Drain();
    progress();
  }
  read.join();
  return s;
}

void ShowProgress(Progress* progress, const RunReport& r, double mbytes, bool final) {
  const int64_t articles = r.summary.articles + r.summary.unchanged + r.summary.failed;
  progress->Update(
      mbytes,
      [&](double s) {
        return StringPrintf("%lld articles, %.1f MB, %.0f articles/s, %.2f MB/s",
                            static_cast<long long>(articles), mbytes,
                            s > 0 ? articles / s : 0.0, s > 0 ? mbytes / s : 0.0);
      },
      final);
}

}  // namespace

Status Run(const RunOptions& o, const Extractor& extractor, RunReport* report) {
  *report = RunReport();
  std::unique_ptr<Store> store, lookup;
  VNREFORM_RETURN_IF_ERROR(
      StartRun(o.db_path, o.command_line, extractor, &store, &report->run_id));
  VNREFORM_RETURN_IF_ERROR(Store::Open(o.db_path, &lookup));
  const std::string& ruleset = extractor.rules().version;
  Reader reader(o, lookup.get(), ruleset);
  OrderedWriter writer(o, store.get(), ruleset, report);
  uint64_t total = 0;  // for the ETA: the input files' bytes
  if (o.progress && !o.inputs.empty()) total = InputBytes(o.inputs);
  for (const InputPiece& p : o.pieces) total += p.bytes;
  Progress progress(o.progress, total / 1e6);
  auto show = [&] { ShowProgress(&progress, *report, reader.mbytes(), false); };
  const int threads = ThreadCount(o.threads);
  Status s = threads == 1 ? RunInline(extractor, &reader, &writer, show)
                          : RunThreaded(extractor, threads, &reader, &writer, show);
  if (s.ok()) s = writer.Finish();
  if (!s.ok()) s = s.Then(writer.Rollback());
  if (s.ok()) s = reader.status();
  report->mbytes = reader.mbytes();
  report->summary.seconds = progress.seconds();
  ShowProgress(&progress, *report, report->mbytes, true);
  Status fin = store->FinishRun(report->run_id, report->summary);
  return s.ok() ? fin : s;
}

}  // namespace vnreform
