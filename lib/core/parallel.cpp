#include "core/parallel.h"

#include <algorithm>
#include <atomic>
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

void parallel_for(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  size_t failed_at = std::numeric_limits<size_t>::max();
  std::exception_ptr failure;
  auto work = [&] {
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
  std::vector<std::thread> pool;
  pool.reserve(std::min(threads, n));  // so that adding a started thread never reallocates (and throws)
  for (size_t t = 1; t < std::min(threads, n); ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {  // no more threads to be had: the ones started do the work
      break;
    }
  }
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace collab
