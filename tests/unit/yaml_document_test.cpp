#include "io/yaml_document.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using collab::Diagnostics;
using collab::parse_yaml;

namespace {
nlohmann::json parse_ok(const std::string& text) {
  Diagnostics d;
  auto doc = parse_yaml(text, "f.yaml", d);
  INFO(text);
  REQUIRE(doc);
  REQUIRE(d.empty());
  return doc->json;
}

std::string first_error(const std::string& text) {
  Diagnostics d;
  auto doc = parse_yaml(text, "f.yaml", d);
  REQUIRE_FALSE(doc);
  REQUIRE_FALSE(d.empty());
  return collab::format_text(d.items().front());
}
}  // namespace

// Tag resolution follows the YAML 1.2.2 core schema, section 10.3.2 (https://yaml.org/spec/1.2.2/).
TEST_CASE("plain scalars are typed by the YAML 1.2 core schema", "[yaml]") {
  auto j = parse_ok("a: true\nb: False\nc: yes\nd: no\ne: 12\nf: -3.5\ng: 1e3\nh: ~\ni:\nj: 0x1F\nk: 0o17\n"
                    "l: 2026-01-05\nm: .inf\nn: 007\no: on\n");
  CHECK(j["a"] == true);
  CHECK(j["b"] == false);
  CHECK(j["c"] == "yes");  // YAML 1.1 booleans are text in 1.2
  CHECK(j["d"] == "no");
  CHECK(j["o"] == "on");
  CHECK(j["e"] == 12);
  CHECK(j["f"] == -3.5);
  CHECK(j["g"] == 1000.0);
  CHECK(j["h"].is_null());
  CHECK(j["i"].is_null());
  CHECK(j["j"] == 31);
  CHECK(j["k"] == 15);
  CHECK(j["l"] == "2026-01-05");  // no timestamp type in the core schema
  CHECK(j["m"] == ".inf");        // collab refuses infinities: kept as text, so a schema says "must be a number"
  CHECK(j["n"] == 7);
}

// The number forms of the core schema's table (section 10.3.2), matched without std::regex: each edge of
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, 0o[0-7]+ and 0x[0-9a-fA-F]+.
TEST_CASE("number forms at their edges", "[yaml]") {
  auto j = parse_ok("a: +12\nb: 1.\nc: .5\nd: -.5e-2\ne: 2E+2\nf: 0xff\ng: 0XFF\nh: 0o8\ni: 0x\nj: 1e\n"
                    "k: e3\nl: .\nm: +\nn: 1.2.3\no: 12abc\np: 1e+\nq: +-1\nr: 0o\ns: 3.25e1\n");
  CHECK(j["a"] == 12);
  CHECK(j["b"] == 1.0);
  CHECK(j["c"] == 0.5);
  CHECK(j["d"] == -0.005);
  CHECK(j["e"] == 200.0);
  CHECK(j["f"] == 255);
  CHECK(j["s"] == 32.5);
  for (const char* text : {"g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"}) {
    INFO(text);
    CHECK(j[text].is_string());
  }
}

TEST_CASE("quoted scalars are always text", "[yaml]") {
  auto j = parse_ok("a: \"12\"\nb: 'true'\nc: \"\"\nd: !!str 5\n");
  CHECK(j["a"] == "12");
  CHECK(j["b"] == "true");
  CHECK(j["c"] == "");
  CHECK(j["d"] == "5");
}

TEST_CASE("positions are 1-based and map JSON pointers to YAML", "[yaml]") {
  Diagnostics d;
  auto doc = parse_yaml("id: x\nmembers:\n  - id: a\n    name: A\n  - id: b\n", "f.yaml", d);
  REQUIRE(doc);
  auto loc = doc->at("/members/1/id");
  CHECK(loc.line == 5);
  CHECK(loc.column == 9);
  auto key = doc->key_at("/members/0/name");
  CHECK(key.line == 4);
  CHECK(key.column == 5);
  // A pointer that does not exist falls back to its nearest ancestor.
  CHECK(doc->at("/members/1/email").line == 5);
  CHECK(doc->at("/members/1/email").column == 5);  // the mapping starts at its first key
}

TEST_CASE("bad YAML is reported with its position", "[yaml]") {
  CHECK(first_error("a: [1, 2\nb: 3\n").rfind("f.yaml:", 0) == 0);
  CHECK(first_error("a: 1\na: 2\n") == "f.yaml:2:1: error: duplicate key 'a' (first at line 1)");
  CHECK(first_error("a: 1\n---\nb: 2\n") == "f.yaml:3:1: error: a file holds one YAML document; a second one starts here");
  CHECK(first_error("a: \"caf\xE9\"\n") == "f.yaml:1:8: error: the file is not valid UTF-8");
  CHECK(first_error("a: b\x01\n") == "f.yaml:1:5: error: control character 0x01 is not allowed");
  CHECK(first_error("? [a]\n: 1\n") == "f.yaml:1:3: error: a key must be plain text, not a list or mapping");
}

TEST_CASE("UTF-8 check refuses overlong forms and surrogates", "[yaml]") {
  CHECK(collab::check_text("ok \xC3\xA9 \xF0\x9F\x98\x80") == std::nullopt);
  CHECK(collab::check_text("\xC0\xAF"));        // overlong '/'
  CHECK(collab::check_text("\xED\xA0\x80"));    // U+D800 surrogate
  CHECK(collab::check_text("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK(collab::check_text("\xE2\x82"));        // truncated
}

TEST_CASE("a byte-order mark is accepted", "[yaml]") {
  auto j = parse_ok("\xEF\xBB\xBFid: x\n");
  CHECK(j["id"] == "x");
}

TEST_CASE("CRLF line ends read like LF, with the same positions", "[yaml]") {
  Diagnostics d;
  auto doc = parse_yaml("id: y\r\nname: Y\r\nlist:\r\n  - a\r\n", "crlf.yaml", d);
  REQUIRE(doc);
  CHECK(d.items().empty());
  CHECK(doc->json["name"] == "Y");
  CHECK(doc->json["list"][0] == "a");
  CHECK(doc->at("/list/0").line == 4);
  CHECK(doc->at("/list/0").column == 5);
}

TEST_CASE("an alias bomb stops at the node limit", "[yaml]") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'h'; ++c, ++prev) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
  }
  CHECK(first_error(text).find("expands to more than 1000000 values") != std::string::npos);
}

// parse_yaml reads the parser's events into a flat tree (docs/performance.md, fixes 40 and 41); these are
// the cases where yaml-cpp's node graph, which it replaced, had a shape of its own. Every result below is
// what the node graph gave (checked against the build before the change).
TEST_CASE("aliases are the node their anchor named: its value, its positions, cycles included", "[yaml]") {
  Diagnostics d;
  auto doc = parse_yaml("a: &x [1, {k: v}]\nb: *x\n", "f.yaml", d);
  REQUIRE(doc);
  CHECK(doc->json["b"] == doc->json["a"]);
  CHECK(doc->at("/b/1/k").line == 1);  // where the anchored node stands, not the alias
  CHECK(doc->at("/b/1/k").column == 15);
  // An alias as a key is its anchor's text.
  auto key = parse_yaml("a: &k key\n*k : 3\n", "f.yaml", d);
  REQUIRE(key);
  CHECK(key->json["key"] == 3);
  // A node aliased inside itself is a cycle: refused at the depth limit, where the node stands.
  CHECK(first_error("a: &x [*x]\n") == "f.yaml:1:4: error: values are nested more than 100 levels deep");
  CHECK(first_error("&r {a: *r}\n") == "f.yaml:1:1: error: values are nested more than 100 levels deep");
  // A duplicate key in an anchored mapping is reported where it stands, once: reading stops at the first
  // mapping with an error, before the alias.
  Diagnostics duplicate;
  CHECK_FALSE(parse_yaml("a: &x {k: 1, k: 2}\nb: *x\n", "f.yaml", duplicate));
  REQUIRE(duplicate.items().size() == 1);
  CHECK(format_text(duplicate.items()[0]) == "f.yaml:1:14: error: duplicate key 'k' (first at line 1)");
  // A key that is a list or mapping is refused and its value skipped; the anchors in it still stand.
  Diagnostics complex;
  CHECK_FALSE(parse_yaml("? [1, 2]\n: &q v\nz: *q\n", "f.yaml", complex));
  REQUIRE(complex.items().size() == 1);
  CHECK(format_text(complex.items()[0]) == "f.yaml:1:3: error: a key must be plain text, not a list or mapping");
  // Tags: !!str keeps text, !!int and !!bool resolve, !!null is null, an unknown tag is text.
  auto tags = parse_ok("a: !!str 1\nb: !!int \"2\"\nc: !!null x\nd: !foo bar\ne: !!bool true\n");
  CHECK(tags == nlohmann::json::parse(R"({"a":"1","b":2,"c":null,"d":"bar","e":true})"));
  // A second document, even an empty one, is refused where it starts.
  CHECK(first_error("a: 1\n---\n") == "f.yaml:3:1: error: a file holds one YAML document; a second one starts here");
}

// libyaml (fix 41) where it differs from yaml-cpp, which collab read YAML with before.
TEST_CASE("libyaml: aliases need an anchor, empty values stand after their ':', tabs and lone CRs", "[yaml]") {
  // libyaml's parser leaves an alias without an anchor to its loader: collab refuses it, where it stands.
  CHECK(first_error("a: 1\nb: *x\n") == "f.yaml:2:4: error: not valid YAML: an alias (*name) names no anchor (&name) defined before it");
  // A second document is refused where it starts, whatever its aliases.
  CHECK(first_error("a: &x 1\n---\nb: *x\n") == "f.yaml:3:1: error: a file holds one YAML document; a second one starts here");
  CHECK(first_error("a: 1\n---\nb: &y 1\nc: *y\n") == "f.yaml:3:1: error: a file holds one YAML document; a second one starts here");
  // An empty value stands right after its key's ':' (yaml-cpp put it at the next key).
  Diagnostics d;
  auto doc = parse_yaml("a:\nb: 1\n", "f.yaml", d);
  REQUIRE(doc);
  CHECK(doc->json["a"].is_null());
  CHECK(doc->at("/a").line == 1);
  CHECK(doc->at("/a").column == 3);
  // A tab before a value on its own line is indentation, which YAML does not allow (yaml-cpp took it).
  CHECK(first_error("website:\n\thttps://example.org\n") ==
        "f.yaml:2:1: error: not valid YAML: a tab indents this line or the one before; YAML indents with spaces only");
  // A lone carriage return ends a line, as YAML says (yaml-cpp read it as part of a key).
  auto cr = parse_yaml("\rid: c1\n", "f.yaml", d);
  REQUIRE(cr);
  CHECK(cr->json["id"] == "c1");
  CHECK(cr->at("/id").line == 2);
  // libyaml's words, made plainer.
  CHECK(first_error("a: [1, 2\n") == "f.yaml:2:1: error: not valid YAML: a list opened with '[' is not closed with ']'");
  CHECK(first_error("\"x\"y\n") == "f.yaml:1:4: error: not valid YAML: the file goes on after its value ends (check the quotes and the indentation)");
  CHECK(first_error("a: \"x\"y\n") == "f.yaml:1:7: error: not valid YAML: a mapping ends where it cannot (check the indentation)");
  CHECK(first_error("a: @x\n") == "f.yaml:1:4: error: not valid YAML: a text cannot start with this character; put it in quotes");
}

TEST_CASE("deep nesting is refused", "[yaml]") {
  std::string text = "a: " + std::string(150, '[') + std::string(150, ']') + "\n";
  CHECK(first_error(text).find("nested more than 100 levels") != std::string::npos);
}

TEST_CASE("JSON pointer tokens are escaped", "[yaml]") {
  CHECK(collab::pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
  CHECK(collab::pointer_append("", size_t{3}) == "/3");
}

// yaml-cpp 0.7 allocates without end on these (found by tests/fuzz/yaml_fuzz.cpp, kept in
// tests/fuzz/regressions): collab refuses them before yaml-cpp sees them.
TEST_CASE("a stray comma is refused before yaml-cpp loops on it", "[yaml]") {
  const std::string message = "error: not valid YAML: a ',' cannot stand here (outside a [list] or {mapping} it can only be part of a text)";
  CHECK(first_error(",:") == "f.yaml:1:1: " + message);
  CHECK(first_error("\"x\",") == "f.yaml:1:4: " + message);
  CHECK(first_error("[a]\n  ,") == "f.yaml:2:3: " + message);
  CHECK(first_error("- a\n,") == "f.yaml:2:1: " + message);
  CHECK(first_error("--- ,") == "f.yaml:1:5: " + message);
  // Indented, but before anything else of the document (fuzz finding 2, docs/security.md).
  CHECK(first_error("  , a: b") == "f.yaml:1:3: " + message);
  CHECK(first_error("# c\n  , pehip: closed\n") == "f.yaml:2:3: " + message);
  CHECK(first_error("---\n ,a\n") == "f.yaml:2:2: " + message);
  // A quote or bracket inside a plain text does not hide the next lines (review of the fix of finding 3).
  CHECK(first_error(" - rock 'n roll\n , x\n") == "f.yaml:2:2: " + message);
  CHECK(first_error(" - see [1\n , x\n") == "f.yaml:2:2: " + message);
  // After a tag or an anchor a node starts: its quotes and brackets are still seen.
  CHECK(parse_ok("a: &a [\"x\", \"y\"]\nb: !!str 'p, q'\nc: *a\n")["b"] == "p, q");
  // After the root's tag or anchor (fuzz finding 4).
  CHECK(first_error("!,i,i") == "f.yaml:1:2: " + message);
  CHECK(first_error("&a ,x") == "f.yaml:1:4: " + message);
  CHECK(first_error("# c\n--- !t\n  ,x") == "f.yaml:3:3: " + message);
  CHECK(parse_ok("a: &x b, c\nd: !!str 5, 6\n")["d"] == "5, 6");  // properties deeper down: no refusal
  // At the indentation of the document's top level, after a plain text (fuzz finding 3).
  CHECK(first_error(" - p\n , x\n") == "f.yaml:2:2: " + message);
  CHECK(first_error("# c\n  - period: 1\n  , Very ready]\n  - f: y\n") == "f.yaml:3:3: " + message);
  // Commas that YAML allows stay allowed: in text, in flow collections, in quotes, in block scalars, in comments.
  parse_ok("a: b, c\nd: [1, 2]\ne: {f: 1, g: 2}\nh: \"x, y\"\ni: |\n  , first\nj: k # , l\nn: Children's, Inc\n");
  // YAML would read these as texts going on over two lines ("b , c"), but yaml-cpp loops on too many lines
  // of that shape: collab refuses every line that starts with a comma, outside quotes and block scalars.
  CHECK(first_error("a: b\n  , c\n") == "f.yaml:2:3: " + message);
  CHECK(first_error("x:\n  - p\n    , x\n") == "f.yaml:3:5: " + message);
  parse_ok("a: \"b\n  , c\"\nd: 'e\n  , f'\ng: >\n  h\n  , i\n");
  parse_ok("notes: |  # free text\n  , second\nmore: >-  # folded\n  , third\nlist:\n  - b: |\n      , t\n");
}

// Every input a fuzzer once failed on (tests/fuzz/regressions, docs/security.md "Findings") is refused with
// a message, not parsed for ever: were the guard gone, this test would hang until ctest's timeout.
TEST_CASE("the fuzzers' findings are refused", "[yaml][security]") {
  const auto dir = std::filesystem::path(COLLAB_SOURCE_DIR) / "tests/fuzz/regressions";
  size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Diagnostics d;
    CHECK_FALSE(parse_yaml(text, "f.yaml", d));
    CHECK(d.has_errors());
    ++seen;
  }
  CHECK(seen >= 5);
}

TEST_CASE("the position table answers like a map from pointer to position", "[yaml]") {
  collab::PositionTable t;
  t.set("/a", {1, 1});
  t.set("/a/0", {2, 3});
  t.set("/a", {4, 5});  // set again: the later one wins, before and after finish()
  CHECK(t.find("/a")->line == 4);
  CHECK(t.find("/b") == nullptr);
  t.finish();
  CHECK(t.size() == 2);
  CHECK(t.find("/a")->line == 4);
  CHECK(t.find("/a")->column == 5);
  CHECK(t.find("/a/0")->column == 3);
  CHECK(t.find("/a/1") == nullptr);
  CHECK(t.find("") == nullptr);
}

TEST_CASE("every node of a parsed file has its position", "[yaml]") {
  Diagnostics d;
  auto doc = parse_yaml("id: x\nmembers:\n  - id: a\n    roles: [r1, r2]\n  - id: b\n", "f.yaml", d);
  REQUIRE(doc);
  CHECK(collab::format_text({doc->at("/members/0/roles/1"), collab::Severity::error, "m"}) == "f.yaml:4:17: error: m");
  CHECK(collab::format_text({doc->key_at("/members/1/id"), collab::Severity::error, "m"}) == "f.yaml:5:5: error: m");
  CHECK(collab::format_text({doc->at("/members/1/nothing/here"), collab::Severity::error, "m"}) == "f.yaml:5:5: error: m");
  CHECK(collab::format_text({doc->at("/nothing"), collab::Severity::error, "m"}) == "f.yaml:1:1: error: m");
}

TEST_CASE("positions dropped with the tree come back on demand, from the stand-in text or the file", "[yaml]") {
  const std::string text = "id: harbor\nmembers:\n  - id: hana\n    roles: [lead]\n";
  Diagnostics d;
  auto from_text = parse_yaml(text, "teams/harbor.yaml", d);
  REQUIRE(from_text);
  CHECK(from_text->at("/members/0/roles/0").line == 4);
  from_text->forget_positions("", text);
  CHECK(from_text->json.is_null());
  CHECK(from_text->at("/members/0/roles/0").line == 4);
  CHECK(from_text->at("/members/0/roles/0").column == 13);
  CHECK(from_text->key_at("/members/0/id").column == 5);

  const auto file = std::filesystem::temp_directory_path() / "collab-positions-on-demand.yaml";
  std::ofstream(file) << text;
  auto from_file = parse_yaml(text, "teams/harbor.yaml", d);
  REQUIRE(from_file);
  from_file->forget_positions(file.string(), "");
  CHECK(from_file->at("/members/0/id").line == 3);
  CHECK(from_file->at("/nowhere").line == 1);  // the nearest ancestor: the document
  std::filesystem::remove(file);

  // A file gone (or no longer YAML) by the time a message wants a position: line 1, never a crash.
  auto gone = parse_yaml(text, "teams/harbor.yaml", d);
  REQUIRE(gone);
  gone->forget_positions((std::filesystem::temp_directory_path() / "collab-no-such-file.yaml").string(), "");
  CHECK(gone->at("/members/0/id").line == 1);
}
