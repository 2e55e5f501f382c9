// One writer at a time: a command that changes a collaborative first takes its lock, an advisory
// flock(2) on the collaborative's root folder itself, before it reads anything. A second run finds it
// taken and fails at once with ErrorKind::locked (exit 75) instead of waiting or interleaving its writes.
// No lock file is created, so a refused command leaves the folder exactly as it was, and the lock goes
// with the process: a killed run leaves nothing stale behind.
#pragma once

#include "core/error.h"

#include <filesystem>

namespace collab {

class Lock {
 public:
  static Result<Lock> acquire(const std::filesystem::path& root);
  Lock(Lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Lock& operator=(Lock&&) = delete;
  Lock(const Lock&) = delete;
  ~Lock();

 private:
  explicit Lock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace collab
