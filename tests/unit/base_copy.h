// A scratch copy of tests/e2e/base (a small valid collaborative) for the unit tests that need files on
// disk: each test writes the files it changes, loads the copy, and the copy is removed afterwards.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace collab::test {

class BaseCopy {
 public:
  explicit BaseCopy(const std::string& tag) {
    static int n = 0;
    root = std::filesystem::temp_directory_path() /
           ("collab-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(root);
    std::filesystem::copy(std::filesystem::path(COLLAB_SOURCE_DIR) / "tests/e2e/base", root,
                          std::filesystem::copy_options::recursive);
  }
  ~BaseCopy() { std::filesystem::remove_all(root); }
  BaseCopy(const BaseCopy&) = delete;
  BaseCopy& operator=(const BaseCopy&) = delete;

  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::filesystem::path root;
};

}  // namespace collab::test
