// core/parallel.h: every index once, whatever the number of threads; the lowest index's exception.
#include "core/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using namespace collab;

TEST_CASE("parallel_for calls fn once for every index, on any number of threads", "[parallel]") {
  for (size_t threads : {size_t{1}, size_t{2}, size_t{4}, size_t{64}}) {
    INFO(threads);
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), threads, [&](size_t i) { ++calls[i]; });
    size_t once = 0;
    for (const auto& c : calls) once += c == 1;
    CHECK(once == calls.size());
  }
  size_t called = 0;
  parallel_for(0, 2, [&](size_t) { ++called; });
  CHECK(called == 0);
}

TEST_CASE("parallel_for throws the exception of the lowest index, after every call returned", "[parallel]") {
  for (size_t threads : {size_t{1}, size_t{3}}) {
    INFO(threads);
    std::atomic<int> calls{0};
    try {
      parallel_for(100, threads, [&](size_t i) {
        ++calls;
        if (i == 17 || i == 42 || i == 99) throw std::runtime_error("failed at " + std::to_string(i));
      });
      FAIL("no exception");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "failed at 17");
    }
    CHECK(calls == 100);
  }
}

TEST_CASE("worker_threads: COLLAB_JOBS when a positive number, at most 8", "[parallel]") {
  const char* saved = std::getenv("COLLAB_JOBS");
  const std::string before = saved ? saved : "";
  setenv("COLLAB_JOBS", "3", 1);
  CHECK(worker_threads() == 3);
  setenv("COLLAB_JOBS", "1", 1);
  CHECK(worker_threads() == 1);
  setenv("COLLAB_JOBS", "100", 1);
  CHECK(worker_threads() == 8);
  setenv("COLLAB_JOBS", "0", 1);
  CHECK(worker_threads() >= 1);  // not a positive number: the processors
  setenv("COLLAB_JOBS", "2x", 1);
  CHECK(worker_threads() >= 1);
  if (saved) {
    setenv("COLLAB_JOBS", before.c_str(), 1);
  } else {
    unsetenv("COLLAB_JOBS");
  }
}
