// Work spread over threads: the files a command loads, the charts a report draws. The results never depend
// on the number of threads; COLLAB_JOBS=1 runs everything on the calling thread.
#pragma once

#include <cstddef>
#include <functional>

namespace collab {

// How many threads parallel work may use: COLLAB_JOBS when it is set to a positive number, else the
// processors; at most 8.
size_t worker_threads();

// Calls fn(i) once for every i in [0, n), on up to `threads` threads (the calling one among them; fewer
// when no more can be started), and returns when every call has returned. When calls throw, the
// exception of the lowest i is thrown again here, as a one-thread run would have met it first (the other
// calls still run).
void parallel_for(size_t n, size_t threads, const std::function<void(size_t)>& fn);

}  // namespace collab
