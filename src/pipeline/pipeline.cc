// Stage order and the batch loop: one reader thread, N worker threads, and
// the calling thread as the single SQLite writer. Documents are written in
// input order (a reorder buffer), so the database does not depend on the
// thread count; in-flight documents are bounded, so memory is too.
// Tested by tests/pipeline_test.cc.
#include "pipeline/pipeline.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "clean/clean.h"
#include "input/input.h"
#include "normalize/decode.h"
#include "normalize/normalize.h"

namespace vnreform {
namespace {

// A bounded multi-producer multi-consumer queue; Close() ends it.
template <typename T>
class Queue {
 public:
  explicit Queue(size_t capacity) : capacity_(capacity) {}
  void Push(T v) {
    std::unique_lock<std::mutex> l(mu_);
    not_full_.wait(l, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(v));
    not_empty_.notify_one();
  }
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> l(mu_);
    not_empty_.wait(l, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    T v = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }
  void Close() {
    std::lock_guard<std::mutex> l(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  size_t capacity_;
  bool closed_ = false;
};

struct Item {
  uint64_t seq = 0;
  bool unchanged = false;  // already stored: nothing to process or write
  std::unique_ptr<Document> doc;
  size_t bytes = 0;                         // input bytes, counted against kBytesInFlight
  std::shared_ptr<const std::string> file;  // one per input file
};

// Input bytes read but not yet written, beyond which the reader waits (one
// document always goes, however large). A document costs about 20 times its
// size while processed, so this bounds memory when large documents follow
// one another: two workers on two 10 MB texts would need over 400 MB.
constexpr size_t kBytesInFlight = 8u << 20;

}  // namespace

Status LoadExtractor(const std::string& rules_path, bool check_examples, int threads,
                     std::unique_ptr<Extractor>* out, std::vector<std::string>* problems) {
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
  normalize.document = [](Document* d) { return Normalize(d); };
  normalize.text = [](std::string_view t) { return NormalizeString(t); };
  return RunRuleExamples(extractor, normalize, files, threads);
}

Status StoreRuleFiles(Store* store, const RuleSet& rules) {
  Store::RuleFiles files;
  for (const RuleSource& src : rules.sources) files.emplace_back(src.name, src.text);
  return store->PutRuleFiles(rules.version, files);
}

void Process(const Extractor& extractor, Document* doc, std::vector<Candidate>* candidates) {
  if (!doc->ok()) return;
  if (doc->is_html) {
    // Bytes -> NFC UTF-8 before any text heuristic.
    Status s = Decode(doc);
    if (!s.ok())
      return doc->Fail("clean", Status(s.code(), doc->source + ": " + s.message()));
    s = Clean(CleanOptions(), doc);
    if (!s.ok()) return doc->Fail("clean", Status(s.code(), doc->source + ": " + s.message()));
    doc->body.clear();
    doc->body.shrink_to_fit();
    if (doc->text.empty())
      return doc->Fail("clean", Status::Parse(doc->source + ": no article text in the page"));
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
  Status s = extractor.Extract(doc);
  if (!s.ok()) doc->Fail("extract", Status(s.code(), doc->source + ": " + s.message()));
}

namespace {

// "1:05" or "2:03:04" for an ETA.
std::string Duration(double seconds) {
  const long t = std::lround(seconds);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

class Progress {
 public:
  // total_mbytes: the inputs' size, 0 when unknown (no ETA then).
  Progress(bool on, double total_mbytes)
      : on_(on), total_(total_mbytes), start_(Clock::now()), last_(start_) {}
  void Update(int64_t articles, double mbytes, bool final = false) {
    if (!on_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    const double s = std::chrono::duration<double>(now - start_).count();
    const double rate = s > 0 ? mbytes / s : 0.0;
    std::string eta;
    if (total_ > 0 && !final)
      eta = ", " + std::to_string(std::lround(std::min(100.0, 100 * mbytes / total_))) +
            "%" +
            (rate > 0 && s >= 1 ? ", ETA " + Duration((total_ - mbytes) / rate) : "");
    // \033[K: a shorter line must not leave the end of a longer one.
    std::fprintf(stderr, "\r%lld articles, %.1f MB, %.0f articles/s, %.2f MB/s%s\033[K%s",
                 static_cast<long long>(articles), mbytes, s > 0 ? articles / s : 0.0,
                 rate, eta.c_str(), final ? "\n" : "");
    std::fflush(stderr);
  }
  double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  double total_;
  Clock::time_point start_, last_;
};

// Writes items in sequence order, committing every options.batch articles.
class Writer {
 public:
  Writer(const RunOptions& o, Store* store, const std::string& ruleset, RunReport* r)
      : o_(o), store_(store), ruleset_(ruleset), report_(r) {}

  Status Write(Item item) {
    pending_.emplace(item.seq, std::move(item));
    for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
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
    if (!in_tx_) return Status::Ok();
    in_tx_ = false;
    return store_->Commit();
  }

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
    if (item->unchanged) {
      ++report_->summary.unchanged;
      return Status::Ok();
    }
    if (!in_tx_) {
      VNREFORM_RETURN_IF_ERROR(store_->Begin());
      in_tx_ = true;
    }
    const Document& d = *item->doc;
    for (const Issue& i : d.issues) {
      VNREFORM_RETURN_IF_ERROR(store_->PutIssue(report_->run_id, d.source, i));
      if (o_.on_issue) o_.on_issue(d.source, i);
      (i.severity == Issue::kError ? report_->errors : report_->summary.warnings)++;
    }
    if (d.ok()) {
      VNREFORM_RETURN_IF_ERROR(store_->PutArticle(report_->run_id, ruleset_, d));
      ++report_->summary.articles;
      report_->summary.records += static_cast<int64_t>(d.records.size());
      for (const Record& r : d.records) ++report_->records[r.type];
    } else {
      ++report_->summary.failed;
    }
    if (++in_batch_ >= o_.batch) {
      in_batch_ = 0;
      in_tx_ = false;
      return store_->Commit();
    }
    return Status::Ok();
  }

  const RunOptions& o_;
  Store* store_;
  const std::string& ruleset_;
  RunReport* report_;
  std::map<uint64_t, Item> pending_;
  uint64_t next_ = 0;
  uint64_t released_bytes_ = 0;
  std::pair<std::shared_ptr<const std::string>, FileEvent> file_;  // being written
  RunSummary before_;  // the counts when file_ started
  bool in_tx_ = false;
  int in_batch_ = 0;
};

}  // namespace

Status Run(const RunOptions& o, const Extractor& extractor, RunReport* report) {
  *report = RunReport();
  std::unique_ptr<Store> store, lookup;
  VNREFORM_RETURN_IF_ERROR(Store::Open(o.db_path, &store));
  VNREFORM_RETURN_IF_ERROR(Store::Open(o.db_path, &lookup));
  const std::string& ruleset = extractor.rules().version;
  VNREFORM_RETURN_IF_ERROR(store->BeginRun(o.command_line, ruleset, &report->run_id));
  VNREFORM_RETURN_IF_ERROR(StoreRuleFiles(store.get(), extractor.rules()));

  const int threads = o.threads > 0 ? o.threads
                                    : std::max(1u, std::thread::hardware_concurrency());
  // Reads the next document into `item` (false at the end), skipping the
  // work for one stored with the same content and rules.
  std::atomic<uint64_t> bytes{0};
  Status reader_status;
  std::shared_ptr<const std::string> file;
  auto read = [&](InputReader& in, uint64_t seq, Item* item) {
    *item = Item{seq, false, std::make_unique<Document>(), 0, nullptr};
    if (!in.Next(item->doc.get())) return false;
    bytes = in.bytes_read();
    item->bytes = item->doc->body.size();
    if (!file || *file != in.current_file())
      file = std::make_shared<const std::string>(in.current_file());
    item->file = file;
    return true;
  };
  auto check_current = [&](Item* item) {
    if (o.force || !item->doc->ok()) return;
    Status s = lookup->IsCurrent(item->doc->key, item->doc->content_hash, ruleset,
                                 &item->unchanged);
    if (!s.ok()) reader_status = s;
    if (item->unchanged) item->doc.reset();
  };
  auto finish = [&](Status status, Progress& progress, Writer& writer) {
    if (status.ok()) status = writer.Finish();
    if (!status.ok()) store->Rollback();
    if (status.ok() && !reader_status.ok()) status = reader_status;
    report->mbytes = bytes / 1e6;
    report->summary.seconds = progress.seconds();
    progress.Update(report->summary.articles + report->summary.unchanged +
                        report->summary.failed, report->mbytes, true);
    Status fin = store->FinishRun(report->run_id, report->summary);
    return status.ok() ? fin : status;
  };

  if (threads == 1) {  // one core: read, process and write in turn, no threads
    InputReader in(o.inputs);
    Progress progress(o.progress, o.progress ? InputBytes(o.inputs) / 1e6 : 0);
    Writer writer(o, store.get(), ruleset, report);
    Status status;
    Item item;
    for (uint64_t seq = 0; status.ok() && read(in, seq, &item); ++seq) {
      check_current(&item);
      if (!item.unchanged) Process(extractor, item.doc.get());
      status = writer.Write(std::move(item));
      progress.Update(report->summary.articles + report->summary.unchanged +
                          report->summary.failed, bytes / 1e6);
    }
    return finish(status, progress, writer);
  }

  // Documents between reader and writer. The writer writes in input order,
  // so one slow document holds back those after it: with 8 a thread the
  // workers waited for slots (5,000 articles on 2 threads: 1.00 s; with 64,
  // 0.95 s). kBytesInFlight still bounds the memory they take.
  const size_t in_flight = static_cast<size_t>(threads) * 64 + 64;
  Queue<Item> todo(in_flight), done(in_flight);
  std::mutex slots_mu;
  std::condition_variable slots_cv;
  size_t slots = in_flight;  // bounds the documents between reader and writer
  size_t bytes_in_flight = 0;  // and their input bytes

  std::thread reader([&] {
    InputReader in(o.inputs);
    for (uint64_t seq = 0;; ++seq) {
      {
        std::unique_lock<std::mutex> l(slots_mu);
        slots_cv.wait(l, [&] { return slots > 0; });
        --slots;
      }
      Item item;
      if (!read(in, seq, &item)) break;
      {
        std::unique_lock<std::mutex> l(slots_mu);
        slots_cv.wait(l, [&] {
          return bytes_in_flight == 0 || bytes_in_flight + item.bytes <= kBytesInFlight;
        });
        bytes_in_flight += item.bytes;
      }
      check_current(&item);
      todo.Push(std::move(item));
    }
    todo.Close();
  });
  std::vector<std::thread> workers;
  std::atomic<int> running{threads};
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      while (std::optional<Item> item = todo.Pop()) {
        if (!item->unchanged) Process(extractor, item->doc.get());
        done.Push(std::move(*item));
      }
      if (--running == 0) done.Close();
    });
  }

  Progress progress(o.progress, o.progress ? InputBytes(o.inputs) / 1e6 : 0);
  Writer writer(o, store.get(), ruleset, report);
  Status status;
  while (std::optional<Item> item = done.Pop()) {
    const uint64_t before = writer.written(), before_bytes = writer.released_bytes();
    if (status.ok()) status = writer.Write(std::move(*item));
    const uint64_t released = status.ok() ? writer.written() - before : 1;
    {
      std::lock_guard<std::mutex> l(slots_mu);
      slots += released;
      // After a write error the run is only draining: items stuck in the
      // reorder buffer must not hold the reader back.
      bytes_in_flight =
          status.ok() ? bytes_in_flight - (writer.released_bytes() - before_bytes) : 0;
    }
    slots_cv.notify_all();
    progress.Update(report->summary.articles + report->summary.unchanged +
                        report->summary.failed, bytes / 1e6);
  }
  reader.join();
  for (std::thread& w : workers) w.join();
  return finish(status, progress, writer);
}

}  // namespace vnreform
