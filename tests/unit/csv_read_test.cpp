#include "io/csv_read.h"

#include <catch2/catch.hpp>

using namespace collab;

// RFC 4180, section 2: quoted fields with commas, doubled quotes and line breaks; CRLF records.
TEST_CASE("RFC 4180 records", "[csv]") {
  auto t = read_csv("\xEF\xBB\xBFName,Answer,Count\r\n\"Ortiz, Hana\",\"She said \"\"yes\"\"\r\nand more\",3\r\nJosé,,\r\n",
                    "f.csv");
  REQUIRE(t);
  CHECK(t->header == std::vector<std::string>{"Name", "Answer", "Count"});
  REQUIRE(t->records.size() == 2);
  CHECK(t->records[0].cells == std::vector<std::string>{"Ortiz, Hana", "She said \"yes\"\nand more", "3"});
  CHECK(t->records[0].line == 2);
  CHECK(t->records[0].row == 1);
  CHECK(t->records[1].line == 4);  // the quoted line break moved it down
  CHECK(t->records[1].cells == std::vector<std::string>{"José", "", ""});
  CHECK(t->column(" answer ") == 1);
  CHECK(t->column("missing") == -1);
}

TEST_CASE("short records are padded, blank lines skipped, LF accepted", "[csv]") {
  auto t = read_csv("a,b,c\n1\n\n2,3,4\n", "f.csv");
  REQUIRE(t);
  REQUIRE(t->records.size() == 2);
  CHECK(t->records[0].cells == std::vector<std::string>{"1", "", ""});
  CHECK(t->records[1].line == 4);
  CHECK(t->records[1].row == 2);
}

TEST_CASE("broken CSV is refused with its position", "[csv]") {
  CHECK(read_csv("a,b\n\"open,1\n", "f.csv").error().message == "f.csv:2:1: a quoted cell is never closed");
  CHECK(read_csv("a,b\n\"x\"y,1\n", "f.csv").error().message ==
        "f.csv:2:4: text after a closing quote (a quote inside a quoted cell is written \"\")");
  CHECK(read_csv("", "f.csv").error().message == "f.csv:1:1: the file is empty: a CSV export starts with a header row");
  CHECK(read_csv("a,,c\n", "f.csv").error().message == "f.csv:1:2: column 2 has no name in the header");
  CHECK(read_csv("a,A\n", "f.csv").error().message == "f.csv:1:2: column 'A' appears twice in the header");
  CHECK(read_csv("a\n\xE9t\xE9\n", "f.csv").error().message == "f.csv:2:1: the file is not valid UTF-8 (export it as CSV UTF-8)");
}
