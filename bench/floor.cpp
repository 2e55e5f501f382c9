// collab_floor: the benchmark's floor (docs/performance.md). It walks a collaborative's folder the way
// collab does (lib/model/project.cpp, list_yaml_files: hidden entries skipped, at most 8 levels down,
// regular files ending in .yaml or .yml, in sorted order) and loads every file with YAML::LoadFile, one
// file after another on one thread, keeping nothing. Then it prints `FILES files, BYTES bytes`.
//
// No schema, no model, no CLI11: the time it takes is what reading the same files with yaml-cpp costs at
// the least, the yardstick each collab command's time is divided by.
//
//     collab_floor DIR

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_yaml(const std::string& name) {
  auto ends = [&](const char* ext, size_t n) { return name.size() > n && name.compare(name.size() - n, n, ext) == 0; };
  return ends(".yaml", 5) || ends(".yml", 4);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: collab_floor DIR\n");
    return 64;
  }
  const fs::path root = argv[1];
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    std::fprintf(stderr, "collab_floor: %s: %s\n", argv[1], ec.message().c_str());
    return 74;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it.depth() > 8) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_yaml(name)) files.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "collab_floor: %s: %s\n", argv[1], ec.message().c_str());
    return 74;
  }
  std::sort(files.begin(), files.end());

  std::uintmax_t bytes = 0;
  std::size_t maps = 0;
  for (const auto& f : files) {
    try {
      YAML::Node doc = YAML::LoadFile(f.string());
      if (doc.IsMap()) ++maps;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "collab_floor: %s: %s\n", f.string().c_str(), e.what());
      return 65;
    }
    bytes += fs::file_size(f, ec);
  }
  std::printf("%zu files, %ju bytes\n", files.size(), bytes);
  return maps == files.size() ? 0 : 65;  // every file of a collaborative is a mapping
}
