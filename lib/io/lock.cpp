#include "io/lock.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace collab {

Result<Lock> Lock::acquire(const std::filesystem::path& root) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{ErrorKind::io, fmt::format("{}: cannot open the folder to lock it: {}", root.string(), std::strerror(errno))};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Error{ErrorKind::locked,
                   fmt::format("another collab run holds the lock on {} while it changes the collaborative; try "
                               "again when it is done",
                               root.string())};
    }
    return Error{ErrorKind::io, fmt::format("{}: cannot lock: {}", root.string(), std::strerror(err))};
  }
  return Lock(fd);
}

Lock::~Lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace collab
