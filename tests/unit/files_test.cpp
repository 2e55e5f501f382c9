#include "io/files.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("collab-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("atomic write replaces a file and leaves no temporary behind", "[files]") {
  TempDir dir;
  REQUIRE(collab::write_file_atomic(dir.path / "a.yaml", "one\n"));
  REQUIRE(collab::write_file_atomic(dir.path / "a.yaml", "two\n"));
  CHECK(read(dir.path / "a.yaml") == "two\n");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("atomic write into a missing folder fails cleanly", "[files]") {
  TempDir dir;
  auto s = collab::write_file_atomic(dir.path / "missing" / "a.yaml", "x");
  REQUIRE_FALSE(s);
  CHECK(s.error().kind == collab::ErrorKind::io);
  // The message names the file asked for, not the temporary file with its random name.
  CHECK(s.error().message == (dir.path / "missing" / "a.yaml").string() + ": cannot create: No such file or directory");
}

TEST_CASE("a new tree is written whole, or not at all", "[files]") {
  TempDir dir;
  fs::path target = dir.path / "lc";
  REQUIRE(collab::write_new_tree(target, {{"collab.yaml", "id: x\n"}, {"events/a.yaml", "id: a\n"}}));
  CHECK(read(target / "events/a.yaml") == "id: a\n");

  // A second scaffold into the same folder is refused before anything is written.
  auto s = collab::write_new_tree(target, {{"rubric.yaml", "r\n"}, {"collab.yaml", "id: y\n"}});
  REQUIRE_FALSE(s);
  CHECK(s.error().kind == collab::ErrorKind::cannot_create);
  CHECK_FALSE(fs::exists(target / "rubric.yaml"));
  CHECK(read(target / "collab.yaml") == "id: x\n");
  // No staging folder is left beside it.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a new tree merges into an existing folder without overwriting", "[files]") {
  TempDir dir;
  fs::create_directories(dir.path / "events");
  std::ofstream(dir.path / "notes.txt") << "mine\n";
  REQUIRE(collab::write_new_tree(dir.path, {{"collab.yaml", "id: x\n"}, {"events/a.yaml", "id: a\n"}}));
  CHECK(read(dir.path / "notes.txt") == "mine\n");
  CHECK(read(dir.path / "events/a.yaml") == "id: a\n");
}

TEST_CASE("the root is found by walking up to collab.yaml", "[files]") {
  TempDir dir;
  fs::create_directories(dir.path / "teams" / "deep");
  std::ofstream(dir.path / "collab.yaml") << "id: x\n";
  auto root = collab::find_root(dir.path / "teams" / "deep");
  REQUIRE(root);
  CHECK(fs::equivalent(*root, dir.path));
  TempDir empty;
  auto none = collab::find_root(empty.path);
  REQUIRE_FALSE(none);
  CHECK(none.error().kind == collab::ErrorKind::no_collaborative);
}

TEST_CASE("writes stay inside the collaborative: no climbing, no reserved names, no links", "[files][security]") {
  TempDir dir;
  const fs::path root = dir.path / "lc";
  const fs::path outside = dir.path / "elsewhere";
  fs::create_directories(root / "data");
  fs::create_directories(outside);
  std::ofstream(root / "data" / "a.yaml") << "old\n";
  using collab::ErrorKind;
  auto refused = [&](const std::string& rel) {
    collab::Status s = collab::write_files(root, {{rel, "new\n", false, false}});
    return !s && s.error().kind == ErrorKind::cannot_create ? s.error().message : std::string();
  };
  // Climbing out, absolute paths.
  CHECK(refused("../escape.yaml").find("not a path inside the collaborative") != std::string::npos);
  CHECK(refused("data/../../escape.yaml") != "");
  CHECK(refused((outside / "x.yaml").string()) != "");
  CHECK_FALSE(fs::exists(dir.path / "escape.yaml"));
  // Names Windows reserves, with or without an extension, in any part of the path.
  CHECK(refused("teams/con.yaml").find("'con.yaml' is a name Windows reserves") != std::string::npos);
  CHECK(refused("nul/a.yaml") != "");
  CHECK(refused("data/COM1.yaml") != "");
  CHECK(refused("data/console.yaml") == "");  // only the names themselves
  // A folder that is a link to a place outside: refused, nothing written there.
  fs::create_directory_symlink(outside, root / "pdsa");
  CHECK(refused("pdsa/a.yaml").find("outside the collaborative") != std::string::npos);
  CHECK(fs::is_empty(outside));
  // A file that is a link (to outside, or inside): refused, the link and its target untouched.
  std::ofstream(outside / "shared.yaml") << "shared\n";
  fs::create_symlink(outside / "shared.yaml", root / "data" / "b.yaml");
  CHECK(refused("data/b.yaml").find("the file is a symbolic link") != std::string::npos);
  fs::create_symlink(root / "data" / "a.yaml", root / "data" / "c.yaml");
  CHECK(refused("data/c.yaml") != "");
  CHECK(read(outside / "shared.yaml") == "shared\n");
  CHECK(fs::is_symlink(root / "data" / "b.yaml"));
  // One refused path stops the whole change: the good file of the same change is not written either.
  collab::Status s = collab::write_files(root, {{"data/a.yaml", "new\n", false, false}, {"pdsa/x.yaml", "x\n", false, false}});
  CHECK_FALSE(s);
  CHECK(read(root / "data" / "a.yaml") == "old\n");
  // A folder linked inside the collaborative is fine.
  fs::create_directories(root / "real");
  fs::create_directory_symlink(root / "real", root / "alias");
  CHECK(collab::write_files(root, {{"alias/ok.yaml", "ok\n", false, false}}));
  CHECK(read(root / "real" / "ok.yaml") == "ok\n");
}

// More than kSyncEachUpTo files take the one-syncfs path: the same result, no temporary file left, and an
// existing file marked `create` still stops the whole change before anything is written.
TEST_CASE("a change of many files is written whole, with one sync", "[files]") {
  TempDir dir;
  const fs::path root = dir.path / "lc";
  fs::create_directories(root / "charts");
  std::ofstream(root / "charts" / "old.svg") << "old\n";
  std::vector<collab::FileUpdate> files;
  for (size_t i = 0; i < collab::kSyncEachUpTo * 3; ++i) {
    files.push_back({"charts/c" + std::to_string(i) + ".svg", "chart " + std::to_string(i) + "\n", true, false});
  }
  files.push_back({"charts/old.svg", "", false, true});
  files.push_back({"index.html", "<p>new</p>\n", false, false});
  auto refused = files;
  refused.push_back({"charts/c1.svg", "again\n", true, false});  // marked create, and made by this change
  std::ofstream(root / "charts" / "c1.svg") << "there\n";
  CHECK_FALSE(collab::write_files(root, refused));
  CHECK_FALSE(fs::exists(root / "index.html"));
  CHECK(fs::exists(root / "charts" / "old.svg"));
  fs::remove(root / "charts" / "c1.svg");

  REQUIRE(collab::write_files(root, files));
  for (size_t i = 0; i < collab::kSyncEachUpTo * 3; ++i) {
    CHECK(read(root / "charts" / ("c" + std::to_string(i) + ".svg")) == "chart " + std::to_string(i) + "\n");
  }
  CHECK(read(root / "index.html") == "<p>new</p>\n");
  CHECK_FALSE(fs::exists(root / "charts" / "old.svg"));
  size_t entries = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) entries += e.is_regular_file() ? 1 : 0;
  CHECK(entries == collab::kSyncEachUpTo * 3 + 1);  // no .tmp file left
}

TEST_CASE("a batch written one file at a time lands whole at commit, or not at all", "[files]") {
  TempDir dir;
  const fs::path root = dir.path / "report";
  fs::create_directories(root);
  auto count_files = [&] {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) n += e.is_regular_file() ? 1 : 0;
    return n;
  };
  SECTION("nothing shows before commit; everything after") {
    collab::FileBatch batch(root);
    REQUIRE(batch.add({"charts/a.svg", "a\n"}));
    REQUIRE(batch.add({"report.md", "![](charts/a.svg)\n"}));
    CHECK_FALSE(fs::exists(root / "report.md"));
    REQUIRE(batch.commit());
    CHECK(read(root / "charts" / "a.svg") == "a\n");
    CHECK(read(root / "report.md") == "![](charts/a.svg)\n");
    CHECK(count_files() == 2);
    CHECK_FALSE(batch.commit());  // spent
  }
  SECTION("many files") {
    collab::FileBatch batch(root);
    for (int i = 0; i < 100; ++i) REQUIRE(batch.add({"charts/c" + std::to_string(i) + ".svg", std::to_string(i)}));
    REQUIRE(batch.commit());
    CHECK(count_files() == 100);
    CHECK(read(root / "charts" / "c99.svg") == "99");
  }
  SECTION("a batch dropped before commit leaves nothing behind") {
    {
      collab::FileBatch batch(root);
      REQUIRE(batch.add({"charts/a.svg", "a\n"}));
    }
    CHECK(count_files() == 0);
  }
  SECTION("a refused path fails the batch and removes what it had written") {
    collab::FileBatch batch(root);
    REQUIRE(batch.add({"charts/a.svg", "a\n"}));
    auto refused = batch.add({"../outside.svg", "x\n"});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == collab::ErrorKind::cannot_create);
    CHECK(refused.error().message.find("../outside.svg: not a path inside") == 0);
    CHECK(count_files() == 0);
    CHECK_FALSE(fs::exists(dir.path / "outside.svg"));
    CHECK_FALSE(batch.add({"charts/b.svg", "b\n"}));
    CHECK_FALSE(batch.commit());
    CHECK(count_files() == 0);
  }
  SECTION("a file written in pieces lands whole at commit; one not ended is removed with the batch") {
    {
      collab::FileBatch batch(root);
      REQUIRE(batch.begin("charts/grid.svg"));
      REQUIRE(batch.append("<svg>"));
      REQUIRE(batch.append(""));
      REQUIRE(batch.append("</svg>\n"));
      REQUIRE(batch.end());
      REQUIRE(batch.begin("charts/half.svg"));
      REQUIRE(batch.append("<svg>"));
      CHECK(count_files() == 2);  // the two temporary files
    }
    CHECK(count_files() == 0);
    collab::FileBatch batch(root);
    REQUIRE(batch.begin("charts/grid.svg"));
    REQUIRE(batch.append("<svg>"));
    REQUIRE(batch.append("</svg>\n"));
    REQUIRE(batch.end());
    REQUIRE(batch.add({"report.md", "x\n"}));
    REQUIRE(batch.commit());
    CHECK(read(root / "charts" / "grid.svg") == "<svg></svg>\n");
    CHECK(count_files() == 2);
  }
  SECTION("pieces out of turn are an internal error that fails the batch") {
    collab::FileBatch batch(root);
    REQUIRE(batch.add({"charts/a.svg", "a\n"}));
    REQUIRE(batch.begin("charts/b.svg"));
    auto twice = batch.begin("charts/c.svg");
    REQUIRE_FALSE(twice);
    CHECK(twice.error().kind == collab::ErrorKind::internal);
    CHECK_FALSE(batch.append("x"));
    CHECK(count_files() == 0);
    collab::FileBatch other(root);
    CHECK_FALSE(other.append("x"));  // nothing begun
    collab::FileBatch third(root);
    REQUIRE(third.begin("charts/d.svg"));
    CHECK_FALSE(third.commit());  // not ended
    CHECK(count_files() == 0);
  }
  SECTION("a refused path in pieces is refused at begin, before anything is written") {
    collab::FileBatch batch(root);
    auto refused = batch.begin("../outside.svg");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == collab::ErrorKind::cannot_create);
    CHECK_FALSE(fs::exists(dir.path / "outside.svg"));
    CHECK(count_files() == 0);
  }
  SECTION("an existing file marked create is refused before it is touched") {
    std::ofstream(root / "keep.md") << "mine\n";
    collab::FileBatch batch(root, true);
    REQUIRE(batch.add({"charts/a.svg", "a\n"}));
    CHECK_FALSE((batch.add({"keep.md", "theirs\n", true}) && batch.commit()));
    CHECK(read(root / "keep.md") == "mine\n");
    CHECK(count_files() == 1);
  }
}

TEST_CASE("files are read up to a limit, endless ones too", "[files][security]") {
  TempDir dir;
  std::ofstream(dir.path / "a.csv") << std::string(3000, 'x');
  auto ok = collab::read_file_limited((dir.path / "a.csv").string(), 3000);
  REQUIRE(ok);
  CHECK(ok->size() == 3000);
  auto big = collab::read_file_limited((dir.path / "a.csv").string(), 2999);
  REQUIRE_FALSE(big);
  CHECK(big.error().kind == collab::ErrorKind::data);
  // /dev/zero never ends: refused once the limit is passed (1 MB here), not read forever.
  auto endless = collab::read_file_limited("/dev/zero", 1u << 20);
  REQUIRE_FALSE(endless);
  CHECK(endless.error().message == "the file is larger than 1 MB, more than collab reads; split it or check it is the right file");
  auto missing = collab::read_file_limited((dir.path / "none.csv").string(), 10);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == collab::ErrorKind::io);
}
