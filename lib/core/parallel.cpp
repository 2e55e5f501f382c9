#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace collab {

size_t worker_threads() {
  size_t n = std::max(1u, std::thread::hardware_concurrency());
  if (const char* env = std::getenv("COLLAB_JOBS"); env != nullptr && env[0] != '\0') {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && v >= 1) n = static_cast<size_t>(v);
  }
  return std::min(n, size_t{8});
}

namespace {

// The threads parallel_for borrows, started when first needed and kept to the end of the process. A report
// calls parallel_for a few times for each measure; a thread started for each call, with an allocator heap of
// its own to warm up, cost more than the work it took on a small collaborative (docs/performance.md, fix 43).
class Pool {
 public:
  Pool() = default;
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // Runs `work` on the calling thread and on up to `helpers` threads of the pool, and returns when each has
  // returned. `work` must not throw. False, with nothing run, when the pool is in use: a parallel_for inside
  // another one's work, or on another thread at the same time.
  bool run(size_t helpers, const std::function<void()>& work) {
    bool idle = false;
    if (!busy_.compare_exchange_strong(idle, true)) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      while (threads_.size() < helpers) {
        try {
          threads_.emplace_back([this, k = threads_.size(), seen = generation_] { serve(k, seen); });
        } catch (const std::system_error&) {  // no more threads to be had: the ones started do the work
          break;
        }
      }
      job_ = &work;
      wanted_ = std::min(helpers, threads_.size());
      running_ = wanted_;
      ++generation_;
    }
    wake_.notify_all();
    work();
    {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [this] { return running_ == 0; });
      job_ = nullptr;
    }
    busy_ = false;
    return true;
  }

 private:
  void serve(size_t k, uint64_t seen) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (k >= wanted_) continue;
      const std::function<void()>* job = job_;
      lock.unlock();
      (*job)();
      lock.lock();
      if (--running_ == 0) done_.notify_one();
    }
  }

  std::atomic<bool> busy_{false};
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  const std::function<void()>* job_ = nullptr;
  size_t wanted_ = 0, running_ = 0;  // threads asked to help with the job, and those still at it
  uint64_t generation_ = 0;          // one more for each job
  bool stop_ = false;
};

Pool& pool() {
  static Pool p;
  return p;
}

}  // namespace

void parallel_for(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  size_t failed_at = std::numeric_limits<size_t>::max();
  std::exception_ptr failure;
  const std::function<void()> work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i);
      } catch (...) {  // out of memory, say: kept, and thrown again on the calling thread
        std::lock_guard<std::mutex> lock(mutex);
        if (i < failed_at) {
          failed_at = i;
          failure = std::current_exception();
        }
      }
    }
  };
  const size_t helpers = std::min(threads, n) > 1 ? std::min(threads, n) - 1 : 0;
  if (helpers == 0) {
    work();
  } else if (!pool().run(helpers, work)) {
    // The pool is busy (a parallel_for inside another one): threads of this call's own.
    std::vector<std::thread> own;
    own.reserve(helpers);  // so that adding a started thread never reallocates (and throws)
    for (size_t t = 0; t < helpers; ++t) {
      try {
        own.emplace_back(work);
      } catch (const std::system_error&) {  // no more threads to be had: the ones started do the work
        break;
      }
    }
    work();
    for (auto& t : own) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace collab
