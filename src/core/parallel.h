// The two ways the project spreads work over threads: ParallelFor over a
// batch it already holds (rule self-tests, reextract), and a WorkerPool that
// documents stream through (run, fetch). Header-only; tested through
// tests/pipeline_test.cc and tests/fetch_test.cc.
#ifndef VNREFORM_CORE_PARALLEL_H_
#define VNREFORM_CORE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace vnreform {

// `requested` threads, or all cores when it is 0 or less.
inline int ThreadCount(int requested) {
  return requested > 0
             ? requested
             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Calls fn(i) for every i in [0, n), on `threads` threads counting the
// caller's, and returns when all calls have. Each i is taken once, in
// increasing order of start; fn must be safe to call concurrently.
inline void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < n;) fn(i);
  };
  // No more threads than indices; the caller is one of them.
  const size_t helpers =
      n == 0 ? 0 : std::min(n, static_cast<size_t>(std::max(1, threads))) - 1;
  std::vector<std::thread> pool;
  for (size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

// `threads` threads that call work(&item) on each pushed item and hand it
// back, in the order they finish. Thread-safe; the destructor waits for the
// items in progress and drops the rest. Push never blocks: a caller bounds
// what it has in flight (outstanding()).
template <typename T>
class WorkerPool {
 public:
  WorkerPool(int threads, std::function<void(T*)> work) : work_(std::move(work)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stopping_ = true;
      todo_.clear();
    }
    todo_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Push(T item) {
    {
      std::lock_guard<std::mutex> l(mu_);
      todo_.push_back(std::move(item));
      ++outstanding_;
    }
    todo_cv_.notify_one();
  }
  // No more Push(): Pop() returns nothing once the rest is handed back.
  void Close() {
    std::lock_guard<std::mutex> l(mu_);
    closed_ = true;
    done_cv_.notify_all();
  }
  // The next finished item; waits for one. nullopt after Close() when
  // every item has been handed back.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> l(mu_);
    done_cv_.wait(l, [&] { return !done_.empty() || (closed_ && outstanding_ == 0); });
    if (done_.empty()) return std::nullopt;
    T item = std::move(done_.front());
    done_.pop_front();
    --outstanding_;
    return item;
  }
  // Moves the finished items to *out; first waits for one when `wait` and
  // any are outstanding.
  void Take(std::vector<T>* out, bool wait) {
    std::unique_lock<std::mutex> l(mu_);
    if (wait) done_cv_.wait(l, [&] { return !done_.empty() || outstanding_ == 0; });
    for (T& item : done_) out->push_back(std::move(item));
    outstanding_ -= done_.size();
    done_.clear();
  }
  // Items pushed and not yet handed back.
  size_t outstanding() {
    std::lock_guard<std::mutex> l(mu_);
    return outstanding_;
  }

 private:
  void Loop() {
    while (true) {
      std::optional<T> item;
      {
        std::unique_lock<std::mutex> l(mu_);
        todo_cv_.wait(l, [&] { return stopping_ || !todo_.empty(); });
        if (todo_.empty()) return;
        item.emplace(std::move(todo_.front()));
        todo_.pop_front();
      }
      work_(&*item);
      {
        std::lock_guard<std::mutex> l(mu_);
        done_.push_back(std::move(*item));
      }
      done_cv_.notify_all();
    }
  }

  std::function<void(T*)> work_;
  std::mutex mu_;
  std::condition_variable todo_cv_, done_cv_;
  std::deque<T> todo_, done_;
  size_t outstanding_ = 0;
  bool closed_ = false, stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace vnreform

#endif  // VNREFORM_CORE_PARALLEL_H_
