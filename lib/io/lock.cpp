#include "io/lock.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace collab {

Result<Lock> Lock::acquire(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::create_directories(root / ".collab", ec);
  auto path = root / ".collab" / "lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Error{ErrorKind::io, fmt::format("{}: cannot open the lock: {}", path.string(), std::strerror(errno))};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Error{ErrorKind::locked, "another collab run is changing this collaborative; try again when it is done"};
    }
    return Error{ErrorKind::io, fmt::format("{}: cannot lock: {}", path.string(), std::strerror(err))};
  }
  return Lock(fd);
}

Lock::~Lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace collab
