#include "io/files.h"

#include "core/slug.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <cerrno>
#include <cstring>
#include <random>
#include <set>

namespace collab {
namespace fs = std::filesystem;
namespace {

Error io_error(const fs::path& path, const std::string& what) {
  return Error{ErrorKind::io, fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno))};
}

std::string random_suffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:012x}", rng() & 0xFFFFFFFFFFFFull);
}

void sync_folder(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// An error about a temporary file, told about the file it stands in for: the user never asked for the
// temporary's random name.
Error about_target(Error e, const fs::path& tmp, const fs::path& target) {
  if (e.message.rfind(tmp.string(), 0) == 0) e.message = target.string() + e.message.substr(tmp.string().size());
  return e;
}

// All of `content` to the open file `fd` (which is `path`).
Status write_all(int fd, const fs::path& path, std::string_view content) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path, "cannot write");
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Ok{};
}

// Flushes (with `sync`) and closes the file; closed even when the flush failed.
Status sync_and_close(int fd, const fs::path& path, bool sync) {
  bool synced = !sync || ::fsync(fd) == 0;
  int sync_errno = errno;
  bool closed = ::close(fd) == 0;
  if (!synced) errno = sync_errno;  // the message names fsync's error, not close's
  if (!synced || !closed) return io_error(path, "cannot write");
  return Ok{};
}

// `sync`: flush the file to disk before returning (else the caller syncs the whole file system once).
Status write_and_sync(const fs::path& path, std::string_view content, bool sync = true) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(path, "cannot create");
  if (Status s = write_all(fd, path, content); !s) {
    ::close(fd);
    return s;
  }
  return sync_and_close(fd, path, sync);
}

}  // namespace

Status write_file_atomic(const fs::path& path, std::string_view content) {
  fs::path dir = path.parent_path();
  fs::path tmp = dir / fmt::format(".{}.{}.tmp", path.filename().string(), random_suffix());
  Status s = write_and_sync(tmp, content);
  if (!s) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return about_target(s.error(), tmp, path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = io_error(path, "cannot replace");
    std::error_code ec;
    fs::remove(tmp, ec);
    return e;
  }
  sync_folder(dir);
  return Ok{};
}

Status write_new_tree(const fs::path& dir, const std::vector<FileToWrite>& files) {
  std::error_code ec;
  for (const auto& f : files) {
    if (fs::exists(dir / f.path, ec)) {
      return Error{ErrorKind::cannot_create, fmt::format("{} exists already; nothing was written", (dir / f.path).string())};
    }
  }
  bool dir_existed = fs::exists(dir, ec);
  if (dir_existed && !fs::is_directory(dir, ec)) {
    return Error{ErrorKind::cannot_create, fmt::format("{} exists and is not a folder", dir.string())};
  }
  fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  if (!fs::is_directory(parent, ec)) {
    return Error{ErrorKind::cannot_create, fmt::format("{}: no such folder", parent.string())};
  }
  // Stage everything beside the target, then move it in: a failure halfway leaves nothing behind.
  fs::path stage = parent / fmt::format(".{}.{}.tmp", dir.filename().string(), random_suffix());
  auto cleanup = [&] { fs::remove_all(stage, ec); };
  if (!fs::create_directory(stage, ec)) return Error{ErrorKind::cannot_create, fmt::format("{}: {}", stage.string(), ec.message())};
  for (const auto& f : files) {
    fs::path target = stage / f.path;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      cleanup();
      return Error{ErrorKind::cannot_create, fmt::format("{}: {}", target.parent_path().string(), ec.message())};
    }
    Status s = write_and_sync(target, f.content);
    if (!s) {
      cleanup();
      return s;
    }
  }
  if (!dir_existed) {
    if (std::rename(stage.c_str(), dir.c_str()) != 0) {
      Error e = io_error(dir, "cannot create");
      cleanup();
      return e;
    }
    sync_folder(parent);
    return Ok{};
  }
  // The folder exists (empty, or with unrelated files): move entries in one by one, collab.yaml last so
  // that the folder only becomes a collaborative once everything else is there.
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(stage, ec)) entries.push_back(e.path().filename());
  std::sort(entries.begin(), entries.end(), [](const fs::path& a, const fs::path& b) {
    bool a_last = a == "collab.yaml", b_last = b == "collab.yaml";
    return a_last != b_last ? b_last : a < b;
  });
  for (const auto& name : entries) {
    if (fs::exists(dir / name, ec)) {
      // A top-level folder that exists already (say an empty teams/): merge its files into it.
      if (fs::is_directory(dir / name, ec) && fs::is_directory(stage / name, ec)) {
        for (const auto& sub : fs::recursive_directory_iterator(stage / name, ec)) {
          fs::path rel = sub.path().lexically_relative(stage);
          if (sub.is_directory()) {
            fs::create_directories(dir / rel, ec);
          } else if (std::rename(sub.path().c_str(), (dir / rel).c_str()) != 0) {
            Error e = io_error(dir / rel, "cannot create");
            cleanup();
            return e;
          }
        }
        continue;
      }
      cleanup();
      return Error{ErrorKind::cannot_create, fmt::format("{} exists already", (dir / name).string())};
    }
    if (std::rename((stage / name).c_str(), (dir / name).c_str()) != 0) {
      Error e = io_error(dir / name, "cannot create");
      cleanup();
      return e;
    }
  }
  cleanup();
  sync_folder(dir);
  return Ok{};
}

Status check_target(const fs::path& root, const std::string& rel) {
  const fs::path r(rel);
  bool climbs = std::any_of(r.begin(), r.end(), [](const fs::path& part) { return part == ".." || part == "."; });
  if (rel.empty() || r.is_absolute() || climbs) {
    return Error{ErrorKind::cannot_create, fmt::format("{}: not a path inside the collaborative; nothing was written", rel)};
  }
  for (const auto& part : r) {
    if (is_reserved_file_name(part.string())) {
      return Error{ErrorKind::cannot_create,
                   fmt::format("{}: '{}' is a name Windows reserves for a device; nothing was written", rel, part.string())};
    }
  }
  std::error_code ec;
  const fs::path inside = fs::weakly_canonical(root, ec);
  fs::path at = root;
  for (auto it = r.begin(); it != r.end(); ++it) {
    at /= *it;
    if (!fs::is_symlink(fs::symlink_status(at, ec))) continue;
    const bool last = std::next(it) == r.end();
    const fs::path to = fs::weakly_canonical(at, ec);
    auto [a, b] = std::mismatch(inside.begin(), inside.end(), to.begin(), to.end());
    if (last || a != inside.end()) {
      return Error{ErrorKind::cannot_create,
                   fmt::format("{}: {} is a symbolic link{}; collab does not write through links: nothing was written",
                               (root / rel).string(), last ? "the file" : "a folder on the way",
                               a != inside.end() ? " to " + to.string() + ", outside the collaborative" : "")};
    }
    (void)b;
  }
  return Ok{};
}

FileBatch::FileBatch(fs::path root, bool sync_each) : root_(std::move(root)) {
  // syncfs reports the write-back errors (Linux 5.8 and later) met since its descriptor was opened, so it is
  // opened before the first write.
  if (!sync_each) {
    root_fd_ = ::open(root_.empty() ? "." : root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st {};
    if (root_fd_ >= 0 && ::fstat(root_fd_, &st) != 0) {
      ::close(root_fd_);
      root_fd_ = -1;
    }
    root_device_ = st.st_dev;
  }
}

FileBatch::~FileBatch() { discard(0); }

void FileBatch::discard(size_t from) {
  std::error_code ec;
  if (open_fd_ >= 0) {
    ::close(open_fd_);
    open_fd_ = -1;
    fs::remove(open_tmp_, ec);
  }
  for (size_t k = from; k < staged_.size(); ++k) fs::remove(staged_[k].second, ec);
  staged_.clear();
  removals_.clear();
  if (root_fd_ >= 0) ::close(root_fd_);
  root_fd_ = -1;
}

bool FileBatch::on_root_device(const fs::path& folder) {
  auto it = on_root_device_.find(folder);
  if (it != on_root_device_.end()) return it->second;
  struct stat st {};
  bool same = ::stat(folder.c_str(), &st) == 0 && st.st_dev == root_device_;
  return on_root_device_[folder] = same;
}

Status FileBatch::add(FileUpdate f) {
  if (!f.remove) {
    if (Status s = begin(f.path, f.create); !s) return s;
    if (Status s = append(f.content); !s) return s;
    return end();
  }
  if (failed_) return Error{ErrorKind::internal, "a failed FileBatch was used again"};
  if (open_fd_ >= 0) return fail(Error{ErrorKind::internal, fmt::format("{} was added before {} was ended", f.path, open_target_.string())});
  if (Status s = check_target(root_, f.path); !s) return fail(s.error());
  removals_.push_back(root_ / f.path);
  return Ok{};
}

Error FileBatch::fail(Error e) {
  failed_ = true;
  discard(0);
  return e;
}

Status FileBatch::begin(const std::string& path, bool create) {
  if (failed_) return Error{ErrorKind::internal, "a failed FileBatch was used again"};
  if (open_fd_ >= 0) return fail(Error{ErrorKind::internal, fmt::format("{} was begun before {} was ended", path, open_target_.string())});
  if (Status s = check_target(root_, path); !s) return fail(s.error());
  std::error_code ec;
  fs::path target = root_ / path;
  if (create && fs::exists(target, ec)) {
    return fail(Error{ErrorKind::cannot_create, fmt::format("{} exists already; nothing was written", target.string())});
  }
  fs::create_directories(target.parent_path(), ec);
  fs::path tmp = target.parent_path() / fmt::format(".{}.{}.tmp", target.filename().string(), random_suffix());
  open_fd_ = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (open_fd_ < 0) return fail(about_target(io_error(tmp, "cannot create"), tmp, target));
  open_target_ = std::move(target);
  open_tmp_ = std::move(tmp);
  return Ok{};
}

Status FileBatch::append(std::string_view piece) {
  if (failed_) return Error{ErrorKind::internal, "a failed FileBatch was used again"};
  if (open_fd_ < 0) return fail(Error{ErrorKind::internal, "FileBatch::append without begin"});
  if (Status s = write_all(open_fd_, open_tmp_, piece); !s) return fail(about_target(s.error(), open_tmp_, open_target_));
  return Ok{};
}

Status FileBatch::end() {
  if (failed_) return Error{ErrorKind::internal, "a failed FileBatch was used again"};
  if (open_fd_ < 0) return fail(Error{ErrorKind::internal, "FileBatch::end without begin"});
  const bool sync = root_fd_ < 0 || !on_root_device(open_target_.parent_path());  // a mount inside root: its own fsync
  const int fd = open_fd_;
  open_fd_ = -1;
  if (Status s = sync_and_close(fd, open_tmp_, sync); !s) {
    std::error_code ec;
    fs::remove(open_tmp_, ec);
    return fail(about_target(s.error(), open_tmp_, open_target_));
  }
  staged_.emplace_back(std::move(open_target_), std::move(open_tmp_));
  return Ok{};
}

Status FileBatch::commit() {
  if (failed_) return Error{ErrorKind::internal, "a failed FileBatch was committed"};
  if (open_fd_ >= 0) return fail(Error{ErrorKind::internal, fmt::format("committed before {} was ended", open_target_.string())});
  failed_ = true;  // once: a second commit is an error
  if (root_fd_ >= 0) {
    bool synced = ::syncfs(root_fd_) == 0;
    int sync_errno = errno;
    ::close(root_fd_);
    root_fd_ = -1;
    if (!synced) {
      errno = sync_errno;  // the message names syncfs's error, not close's
      Error e = io_error(root_, "cannot write");
      discard(0);
      return e;
    }
  }
  std::set<fs::path> folders;  // each synced once, after its renames
  for (size_t i = 0; i < staged_.size(); ++i) {
    const fs::path& target = staged_[i].first;
    if (std::rename(staged_[i].second.c_str(), target.c_str()) != 0) {
      Error e = io_error(target, "cannot replace");
      discard(i);
      for (const auto& folder : folders) sync_folder(folder);  // the renames made so far
      return e;
    }
    folders.insert(target.parent_path());
  }
  staged_.clear();
  // Deletions last: only once every new text is in place.
  Status status = Ok{};
  for (const auto& target : removals_) {
    if (::unlink(target.c_str()) != 0 && errno != ENOENT) {
      status = io_error(target, "cannot remove");
      break;
    }
    folders.insert(target.parent_path());
  }
  removals_.clear();
  for (const auto& folder : folders) sync_folder(folder);
  return status;
}

Status write_files(const fs::path& root, const std::vector<FileUpdate>& files) {
  // Every path checked before anything is written.
  std::error_code ec;
  for (const auto& f : files) {
    if (Status s = check_target(root, f.path); !s) return s;
  }
  for (const auto& f : files) {
    if (f.create && !f.remove && fs::exists(root / f.path, ec)) {
      return Error{ErrorKind::cannot_create, fmt::format("{} exists already; nothing was written", (root / f.path).string())};
    }
  }
  // Many files (an import, a large change): one syncfs(2) for all of them instead of an fsync each.
  size_t writes = 0;
  for (const auto& f : files) writes += f.remove ? 0 : 1;
  FileBatch batch(root, writes <= kSyncEachUpTo);
  for (const auto& f : files) {
    if (Status s = batch.add(f); !s) return s;
  }
  return batch.commit();
}

Result<std::string> read_file_limited(const std::string& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorKind::io, "cannot read the file"};
  std::string text;
  char block[1 << 16];
  while (in) {
    in.read(block, sizeof block);
    text.append(block, static_cast<size_t>(in.gcount()));
    if (text.size() > limit) {
      return Error{ErrorKind::data, fmt::format("the file is larger than {} MB, more than collab reads; split it or check it is "
                                                "the right file", limit >> 20)};
    }
  }
  if (in.bad()) return Error{ErrorKind::io, "cannot read the file"};
  return text;
}

Result<fs::path> find_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    return Error{ErrorKind::no_collaborative, fmt::format("{}: no such folder", start.string())};
  }
  dir = dir.lexically_normal();
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::is_regular_file(d / "collab.yaml", ec)) return d;
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  return Error{ErrorKind::no_collaborative,
               fmt::format("no collab.yaml in {} or any folder above it (use -C DIR or COLLAB_DIR)", display_folder(start))};
}

std::string display_folder(const fs::path& path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (!abs.empty() && abs.filename().empty()) abs = abs.parent_path();  // drop a trailing slash
  fs::path rel = abs.lexically_relative(cwd);
  if (rel.empty()) return abs.string();
  if (rel == ".") return ".";
  std::string r = rel.generic_string();
  return r.rfind("..", 0) == 0 ? abs.string() : r;
}

}  // namespace collab
