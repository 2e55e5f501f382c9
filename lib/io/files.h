// Writing files safely and finding the collaborative. Every write collab makes goes through
// write_file_atomic: the content goes to a temporary file in the same folder, is flushed to disk, then
// renamed over the target, so a reader (or a crash) sees the old file or the new one, never half of one.
#pragma once

#include "core/error.h"

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace collab {

Status write_file_atomic(const std::filesystem::path& path, std::string_view content);

struct FileToWrite {
  std::string path;  // relative to the folder it is written into, '/'-separated
  std::string content;
};

// Creates `dir` with the given files. The files are written into a temporary sibling folder first and
// moved into place only when all of them were written; nothing is overwritten: an existing file is an
// ErrorKind::cannot_create error and nothing is written.
Status write_new_tree(const std::filesystem::path& dir, const std::vector<FileToWrite>& files);

// Writes several files below `root` as one change: every new text is first written to a temporary file
// beside its target and flushed; only when all of them are written are they renamed into place. Files
// marked `create` must not exist (ErrorKind::cannot_create, nothing written); missing folders are made.
// Files marked `remove` are deleted, only after every rename succeeded (a failed write deletes nothing).
// Before anything is written, every path is checked (ErrorKind::cannot_create, nothing written): it must be
// relative without "." or "..", no part of it a name Windows reserves (con, nul, com1...), the file
// itself not a symbolic link, and no folder on the way a link that leads outside root.
struct FileUpdate {
  std::string path;  // relative to root
  std::string content;
  bool create = false;
  bool remove = false;  // delete the file (content unused); one that is already gone is no error
};
// Up to this many new texts each is flushed with fsync(2); a larger change is flushed with one syncfs(2).
inline constexpr size_t kSyncEachUpTo = 16;
Status write_files(const std::filesystem::path& root, const std::vector<FileUpdate>& files);

// The same change made one file at a time, for a caller that produces many files and need not hold them
// all (a report's thousands of charts: docs/performance.md). add() checks the path as write_files does and
// writes the text to a temporary file beside its target at once; commit() flushes them all (one syncfs(2),
// or an fsync(2) each with `sync_each` and for files on another file system than root), renames them into
// place and then deletes the files marked `remove`. A batch that failed, or is destroyed before commit(),
// removes its temporary files: nothing is written. After an error the batch is spent.
// Each file is written on the caller's thread and its text freed when add() returns: a report's
// 13 MB charts, handed to a thread of the batch's own, were held up to three at a time and freed on the
// other thread, which left the allocator holding 30 to 50 MB more at a national network's peak, for no
// time saved (docs/performance.md, fix 27).
class FileBatch {
 public:
  explicit FileBatch(std::filesystem::path root, bool sync_each = false);
  FileBatch(const FileBatch&) = delete;
  FileBatch& operator=(const FileBatch&) = delete;
  ~FileBatch();

  Status add(FileUpdate file);
  // One file written in pieces, for a text too large to hold whole (a small-multiples chart: docs/performance.md):
  // begin() checks the path as add() does and creates the temporary file, append() writes a piece to it at
  // once, end() closes it (flushed as add() flushes) and stages it. One file at a time: begin() or add()
  // before end() is an ErrorKind::internal error. A file begun and not ended is removed with the batch.
  Status begin(const std::string& path, bool create = false);
  Status append(std::string_view piece);
  Status end();
  Status commit();

 private:
  Error fail(Error e);  // the batch is spent and its files removed
  void discard(size_t from);
  bool on_root_device(const std::filesystem::path& folder);

  std::filesystem::path root_;
  int root_fd_ = -1;  // for syncfs; -1: an fsync per file
  dev_t root_device_ = 0;  // the file system of root
  std::map<std::filesystem::path, bool> on_root_device_;                      // per folder
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  // target, temporary file
  std::vector<std::filesystem::path> removals_;
  int open_fd_ = -1;  // the file begun and not ended yet
  std::filesystem::path open_target_, open_tmp_;
  bool failed_ = false;
};
Status check_target(const std::filesystem::path& root, const std::string& relative_path);

// The whole content of a file, read in blocks; a file larger than `limit` bytes (or one that never ends,
// like /dev/zero) is an ErrorKind::data error "the file is larger than N MB ..." before it is all read.
inline constexpr size_t kMaxYamlFileBytes = 16u << 20;  // one YAML file of the collaborative
inline constexpr size_t kMaxCsvFileBytes = 64u << 20;   // one CSV export to import
Result<std::string> read_file_limited(const std::string& path, size_t limit);

// Walks up from `start` to the first folder holding collab.yaml.
Result<std::filesystem::path> find_root(const std::filesystem::path& start);

// How to show `path` to the user: relative to the current folder when it is inside it, else absolute.
std::string display_folder(const std::filesystem::path& path);

}  // namespace collab
