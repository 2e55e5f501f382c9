// What an enroll command would change, computed before anything is written: new files and new texts of
// existing files (edited in place, comments kept). The CLI prints it for --dry-run, or writes it under the
// collaborative's lock, each file atomically.
#pragma once

#include "io/diagnostic.h"

#include <string>
#include <vector>

namespace collab::enroll {

struct FileChange {
  std::string path;      // relative to the root
  std::string content;   // the whole new text
  bool created = false;  // a new file (never overwrites) rather than an edit of an existing one
  std::string summary;   // "new team teams/bayview.yaml (4 members)"
};

struct Changes {
  std::vector<FileChange> files;
  std::vector<std::string> notes;  // what was skipped, and why
  Diagnostics refused;             // input refused (an import's bad rows); the rest is still written
};

}  // namespace collab::enroll
