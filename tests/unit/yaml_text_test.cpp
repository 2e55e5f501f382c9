#include "io/lock.h"
#include "io/yaml_document.h"
#include "io/yaml_text.h"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace collab;

namespace {
// What collab reads back from `key: <spelling>`.
nlohmann::json read_back(const std::string& spelled) {
  Diagnostics d;
  auto doc = parse_yaml("k: " + spelled + "\n", "f.yaml", d);
  REQUIRE(doc);
  return doc->json["k"];
}
}  // namespace

TEST_CASE("strings are quoted exactly when needed", "[yaml-text]") {
  CHECK(yaml_string("Harbor Family Services") == "Harbor Family Services");
  CHECK(yaml_string("no") == "\"no\"");  // YAML 1.1 readers would take it for false
  CHECK(yaml_string("007") == "\"007\"");
  CHECK(yaml_string("2026-01-05") == "\"2026-01-05\"");
  CHECK(yaml_string("") == "\"\"");
  CHECK(yaml_string("a: b") == "\"a: b\"");
  CHECK(yaml_string("x #y") == "\"x #y\"");
  CHECK(yaml_string("- item") == "\"- item\"");
  CHECK(yaml_string("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"");
  for (std::string s : {"no", "007", "a: b", "x #y", "[1]", "café", " lead", "tab\there", "back\\slash", "\x01", "null", "1e3"}) {
    INFO(s);
    CHECK(read_back(yaml_string(s)) == s);
  }
}

TEST_CASE("numbers read back exactly", "[yaml-text]") {
  CHECK(yaml_number(3) == "3");
  CHECK(yaml_number(0.25) == "0.25");
  CHECK(yaml_number(-1.5) == "-1.5");
  for (double v : {0.1, 1.0 / 3.0, 1e-7, 12345.678}) CHECK(read_back(yaml_number(v)).get<double>() == v);
}

TEST_CASE("a second writer is refused while the lock is held", "[lock]") {
  auto dir = std::filesystem::temp_directory_path() / ("collab-lock-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto first = Lock::acquire(dir);
    REQUIRE(first);
    auto second = Lock::acquire(dir);
    REQUIRE_FALSE(second);
    CHECK(second.error().kind == ErrorKind::locked);
  }
  CHECK(Lock::acquire(dir));  // released with the first
  std::filesystem::remove_all(dir);
}

#include "io/csv_write.h"

// RFC 4180 section 2 (quoting) and OWASP's "CSV Injection" guidance (leading = + - @ tab CR).
TEST_CASE("CSV cells are quoted and guarded", "[csv]") {
  CHECK(csv_text("plain") == "plain");
  CHECK(csv_text("a,b") == "\"a,b\"");
  CHECK(csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_text("two\nlines") == "\"two\nlines\"");
  CHECK(csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_text("+1") == "'+1");
  CHECK(csv_text("-2") == "'-2");
  CHECK(csv_text("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_number(-2.5, 1) == "-2.5");
  CHECK(csv_row({"a", "b"}) == "a,b\r\n");
}
