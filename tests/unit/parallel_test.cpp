// core/parallel.h: every index once, whatever the number of threads; the lowest index's exception.
#include "core/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
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

// The pool's threads serve one parallel_for at a time: one inside another's work, or on another thread
// meanwhile, gets threads of its own; either way every index is called once.
TEST_CASE("parallel_for inside parallel_for, and on two threads at once, calls every index once", "[parallel]") {
  std::vector<std::atomic<int>> calls(64 * 64);
  parallel_for(64, 2, [&](size_t i) { parallel_for(64, 3, [&](size_t j) { ++calls[i * 64 + j]; }); });
  size_t once = 0;
  for (const auto& c : calls) once += c == 1;
  CHECK(once == calls.size());

  std::vector<std::atomic<int>> a(5000), b(5000);
  auto fill = [](std::vector<std::atomic<int>>& v) {
    for (int round = 0; round < 20; ++round) parallel_for(v.size() / 20, 2, [&](size_t i) { ++v[round * (v.size() / 20) + i]; });
  };
  std::thread other([&] { fill(b); });
  fill(a);
  other.join();
  size_t a_once = 0, b_once = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    a_once += a[i] == 1;
    b_once += b[i] == 1;
  }
  CHECK(a_once == a.size());
  CHECK(b_once == b.size());
}

// A call's work is spread over the pool's threads, call after call: each of the two calls waits for the other
// to have started, which only a second thread makes happen (on one thread, the first gives up and the check fails).
TEST_CASE("parallel_for runs the calls on more than one thread, again and again", "[parallel]") {
  for (int round = 0; round < 200; ++round) {
    std::atomic<int> arrived{0};
    std::atomic<bool> met{false};
    parallel_for(2, 2, [&](size_t) {
      ++arrived;
      for (int spin = 0; spin < 50000000 && arrived < 2; ++spin) std::this_thread::yield();
      if (arrived == 2) met = true;
    });
    REQUIRE(met);
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
