#include "io/yaml_edit.h"

#include <catch2/catch.hpp>

using collab::ErrorKind;
using collab::YamlEditor;

namespace {

YamlEditor editor(const std::string& text) {
  auto e = YamlEditor::parse(text, "teams/harbor.yaml");
  INFO(text);
  REQUIRE(e);
  return std::move(*e);
}

// The edit must succeed; shows the message if not.
void ok(const collab::Status& s) {
  INFO((s ? std::string() : s.error().message));
  REQUIRE(s);
}

// The edit must fail with `kind`, leave the text as it was, and say `message`.
void refused(YamlEditor& e, const collab::Status& s, ErrorKind kind, const std::string& message,
             const std::string& before) {
  REQUIRE_FALSE(s);
  CHECK(s.error().kind == kind);
  CHECK(s.error().message == message);
  CHECK(e.text() == before);
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const char* const kTeam = R"(# yaml-language-server: $schema=../.collab/schemas/team.schema.json
# Harbor's core team. Edit by hand; `collab validate` checks it.

id: harbor
name: "Harbor Family Services"   # legal name
organization: harbor
status: active  # since January

joined: 2026-01-05
goals: [g1, 'g2']

members:
  # The senior leader chairs the team.
  - id: hana
    name: Hana Ortiz
    roles: [senior-leader, contact]
    engagement: crew   # monthly check

  - id: ivan
    name: 'Ivan Petrov'
    roles: [supervisor, data-manager]
    # Ivan moves to part time in June.
    engagement: passenger

  # Jo joined late.
  - id: jo
    name: Jo Park
    roles: [clinician]
notes: "Quarterly review"  # keep short
# end of file
)";

}  // namespace

TEST_CASE("edits of a hand-commented team file keep every comment and change nothing else", "[yaml-edit]") {
  auto e = editor(kTeam);

  ok(e.set_scalar("/status", "withdrawn"));
  CHECK(e.text() == R"(# yaml-language-server: $schema=../.collab/schemas/team.schema.json
# Harbor's core team. Edit by hand; `collab validate` checks it.

id: harbor
name: "Harbor Family Services"   # legal name
organization: harbor
status: withdrawn  # since January

joined: 2026-01-05
goals: [g1, 'g2']

members:
  # The senior leader chairs the team.
  - id: hana
    name: Hana Ortiz
    roles: [senior-leader, contact]
    engagement: crew   # monthly check

  - id: ivan
    name: 'Ivan Petrov'
    roles: [supervisor, data-manager]
    # Ivan moves to part time in June.
    engagement: passenger

  # Jo joined late.
  - id: jo
    name: Jo Park
    roles: [clinician]
notes: "Quarterly review"  # keep short
# end of file
)");
  CHECK(e.json()["status"] == "withdrawn");

  ok(e.set_block("/withdrawal", "date: 2026-05-01\nreason: Lost staff\n"));
  CHECK(e.text() == R"(# yaml-language-server: $schema=../.collab/schemas/team.schema.json
# Harbor's core team. Edit by hand; `collab validate` checks it.

id: harbor
name: "Harbor Family Services"   # legal name
organization: harbor
status: withdrawn  # since January

joined: 2026-01-05
goals: [g1, 'g2']

members:
  # The senior leader chairs the team.
  - id: hana
    name: Hana Ortiz
    roles: [senior-leader, contact]
    engagement: crew   # monthly check

  - id: ivan
    name: 'Ivan Petrov'
    roles: [supervisor, data-manager]
    # Ivan moves to part time in June.
    engagement: passenger

  # Jo joined late.
  - id: jo
    name: Jo Park
    roles: [clinician]
notes: "Quarterly review"  # keep short
withdrawal:
  date: 2026-05-01
  reason: Lost staff
# end of file
)");
  CHECK(e.json()["withdrawal"] == nlohmann::json({{"date", "2026-05-01"}, {"reason", "Lost staff"}}));

  ok(e.set_scalar("/members/1/engagement", "deep-diver"));
  ok(e.append_item("/members", "id: kim\nname: Kim Lee\nroles: [clinician]\n"));
  CHECK(e.text() == R"(# yaml-language-server: $schema=../.collab/schemas/team.schema.json
# Harbor's core team. Edit by hand; `collab validate` checks it.

id: harbor
name: "Harbor Family Services"   # legal name
organization: harbor
status: withdrawn  # since January

joined: 2026-01-05
goals: [g1, 'g2']

members:
  # The senior leader chairs the team.
  - id: hana
    name: Hana Ortiz
    roles: [senior-leader, contact]
    engagement: crew   # monthly check

  - id: ivan
    name: 'Ivan Petrov'
    roles: [supervisor, data-manager]
    # Ivan moves to part time in June.
    engagement: deep-diver

  # Jo joined late.
  - id: jo
    name: Jo Park
    roles: [clinician]
  - id: kim
    name: Kim Lee
    roles: [clinician]
notes: "Quarterly review"  # keep short
withdrawal:
  date: 2026-05-01
  reason: Lost staff
# end of file
)");
  CHECK(e.json()["members"].size() == 4);
  CHECK(e.json()["members"][3] == nlohmann::json({{"id", "kim"}, {"name", "Kim Lee"}, {"roles", {"clinician"}}}));

  // Ivan goes with the comment inside his item; the blank line that separated him is not left doubled.
  ok(e.remove("/members/1"));
  // Hana goes with the comment line directly above her.
  ok(e.remove("/members/0"));
  ok(e.remove("/goals"));
  ok(e.remove("/withdrawal"));
  CHECK(e.text() == R"(# yaml-language-server: $schema=../.collab/schemas/team.schema.json
# Harbor's core team. Edit by hand; `collab validate` checks it.

id: harbor
name: "Harbor Family Services"   # legal name
organization: harbor
status: withdrawn  # since January

joined: 2026-01-05

members:
  # Jo joined late.
  - id: jo
    name: Jo Park
    roles: [clinician]
  - id: kim
    name: Kim Lee
    roles: [clinician]
notes: "Quarterly review"  # keep short
# end of file
)");
  CHECK(e.json()["members"][0]["id"] == "jo");
  CHECK_FALSE(e.json().contains("goals"));
}

TEST_CASE("a new key or member reuses the file's own indentation", "[yaml-edit]") {
  auto e = editor("id: t\nmembers:\n-   id: a\n    name: A\nlead:\n    name: A\n");
  ok(e.append_item("/members", "id: b\nroles: [x]\n"));
  ok(e.set_scalar("/lead/email", "a@example.org"));
  ok(e.set_block("/withdrawal", "date: 2026-05-01\n"));
  ok(e.append_item("/goals", "g1"));
  CHECK(e.text() ==
        "id: t\nmembers:\n-   id: a\n    name: A\n-   id: b\n    roles: [x]\nlead:\n    name: A\n    email: a@example.org\n"
        "withdrawal:\n    date: 2026-05-01\ngoals:\n- g1\n");
}

TEST_CASE("a CRLF file stays CRLF and keeps its final newline state", "[yaml-edit]") {
  auto e = editor(crlf("id: t\nstatus: active # c\nmembers:\n  - id: a\n  - id: b\n"));
  ok(e.set_scalar("/status", "withdrawn"));
  ok(e.set_block("/withdrawal", "date: 2026-05-01\r\nreason: Lost staff\r\n"));
  ok(e.append_item("/members", "id: c\nname: C\n"));
  ok(e.remove("/members/0"));
  CHECK(e.text() == crlf("id: t\nstatus: withdrawn # c\nmembers:\n  - id: b\n  - id: c\n    name: C\n"
                         "withdrawal:\n  date: 2026-05-01\n  reason: Lost staff\n"));

  auto f = editor("a: 1\nb: 2");  // no final newline
  ok(f.set_scalar("/c", "3"));
  CHECK(f.text() == "a: 1\nb: 2\nc: 3");
  ok(f.remove("/c"));
  CHECK(f.text() == "a: 1\nb: 2");
}

TEST_CASE("a value with a trailing comment is replaced and the comment kept", "[yaml-edit]") {
  auto e = editor("name: \"A # B\"   # legal name\nrole: 'it''s' # quoted\nn: 3 #three\ne:   # none yet\nl:\n  - x  # first\n");
  ok(e.set_scalar("/name", "New Name"));
  ok(e.set_scalar("/role", "\"no\""));
  ok(e.set_scalar("/n", "4"));
  ok(e.set_scalar("/e", "crew"));
  ok(e.set_scalar("/l/0", "y"));
  CHECK(e.text() == "name: New Name   # legal name\nrole: \"no\" # quoted\nn: 4 #three\ne: crew   # none yet\nl:\n  - y  # first\n");
  CHECK(e.json()["role"] == "no");
  CHECK(e.json()["n"] == 4);
}

TEST_CASE("a missing parent fails and leaves the text unchanged", "[yaml-edit]") {
  const std::string text = "id: t\nstatus: active\n";
  auto e = editor(text);
  refused(e, e.set_scalar("/withdrawal/date", "2026-05-01"), ErrorKind::data,
          "teams/harbor.yaml:1:1: cannot set /withdrawal/date: /withdrawal does not exist", text);
  refused(e, e.append_item("/a/b/c", "x"), ErrorKind::data, "teams/harbor.yaml:1:1: cannot append to /a/b/c: /a does not exist",
          text);
  refused(e, e.remove("/withdrawal"), ErrorKind::data, "teams/harbor.yaml:1:1: cannot remove /withdrawal: /withdrawal does not exist",
          text);
}

TEST_CASE("nodes of the wrong kind are refused", "[yaml-edit]") {
  const std::string text = "id: t\nmembers:\n  - id: a\nroles: [x]\nlead: {name: A}\n";
  auto e = editor(text);
  refused(e, e.set_scalar("/members", "x"), ErrorKind::data,
          "teams/harbor.yaml:3:3: cannot set /members: /members is a list, not a single value", text);
  refused(e, e.append_item("/id", "x"), ErrorKind::data, "teams/harbor.yaml:1:5: cannot append to /id: /id is a text, not a list",
          text);
  refused(e, e.append_item("/lead", "x"), ErrorKind::data,
          "teams/harbor.yaml:5:7: cannot append to /lead: /lead is a mapping, not a list", text);
  refused(e, e.set_scalar("/id/x", "1"), ErrorKind::data, "teams/harbor.yaml:1:5: cannot set /id/x: /id is a text, not a mapping",
          text);
  refused(e, e.set_scalar("/members/1", "x"), ErrorKind::data,
          "teams/harbor.yaml:3:3: cannot set /members/1: /members has no item 1 (it has 1); add items with append_item", text);
  refused(e, e.set_block("/members/0", "id: b\n"), ErrorKind::data,
          "teams/harbor.yaml:3:3: cannot set /members/0: /members is a list, not a mapping", text);
  refused(e, e.set_block("/lead/x", "a: 1\n"), ErrorKind::data,
          "teams/harbor.yaml:5:7: cannot set /lead/x: /lead is written in flow style ({...}); a block cannot go inside it",
          text);
  refused(e, e.append_item("/roles", "a, b"), ErrorKind::data,
          "teams/harbor.yaml:4:8: cannot append to /roles: /roles is written in flow style ([a, b]); only a one-line item "
          "that needs no quotes there can be added to it",
          text);
  // Fragments that are not what the call takes are the caller's mistake.
  CHECK(e.set_scalar("/id", "a: b").error().kind == ErrorKind::usage);
  CHECK(e.set_scalar("/id", "two\nlines").error().kind == ErrorKind::usage);
  CHECK(e.set_block("/x", "just text").error().kind == ErrorKind::usage);
  CHECK(e.set_block("/x", "[a, b]").error().kind == ErrorKind::usage);
  CHECK(e.set_scalar("status", "x").error().kind == ErrorKind::usage);
  CHECK(e.set_scalar("/a~2", "x").error().kind == ErrorKind::usage);
  CHECK(e.text() == text);
}

TEST_CASE("an edit of a multi-line scalar is refused", "[yaml-edit]") {
  const std::string text = "plain: one\n  two\nquoted: \"one\n  two\"\nblock: |\n  one\n  two\nitems:\n  - one\n    two\n";
  auto e = editor(text);
  refused(e, e.set_scalar("/plain", "x"), ErrorKind::data,
          "teams/harbor.yaml:1:8: cannot set /plain: /plain is written on several lines; edit it by hand", text);
  refused(e, e.set_scalar("/quoted", "x"), ErrorKind::data,
          "teams/harbor.yaml:3:9: cannot set /quoted: /quoted is written on several lines; edit it by hand", text);
  refused(e, e.set_scalar("/block", "x"), ErrorKind::data,
          "teams/harbor.yaml:5:8: cannot set /block: /block is written on several lines; edit it by hand", text);
  refused(e, e.set_scalar("/items/0", "x"), ErrorKind::data,
          "teams/harbor.yaml:9:5: cannot set /items/0: /items/0 is written on several lines; edit it by hand", text);
  refused(e, e.set_block("/plain", "a: 1\n"), ErrorKind::data,
          "teams/harbor.yaml:1:8: cannot set /plain: /plain is a text on several lines; edit it by hand", text);
  // Removing one is safe: its extent is known.
  ok(e.remove("/quoted"));
  ok(e.remove("/plain"));
  CHECK(e.text() == "block: |\n  one\n  two\nitems:\n  - one\n    two\n");
}

TEST_CASE("anchors and aliases on the way to the edited node are refused", "[yaml-edit]") {
  const std::string text = "base: &b\n  x: 1\ncopy: *b\nn: &n 3\n";
  auto e = editor(text);
  refused(e, e.set_scalar("/copy/x", "2"), ErrorKind::data,
          "teams/harbor.yaml:3:1: cannot set /copy/x: /copy has an anchor (&name) or is an alias (*name); edit it by hand",
          text);
  refused(e, e.set_scalar("/n", "4"), ErrorKind::data,
          "teams/harbor.yaml:4:1: cannot set /n: /n has an anchor (&name) or is an alias (*name); edit it by hand", text);
  refused(e, e.remove("/base"), ErrorKind::data,
          "teams/harbor.yaml:1:1: cannot remove /base: /base has an anchor (&name) or is an alias (*name); edit it by hand",
          text);
}

TEST_CASE("JSON pointer tokens are unescaped (~1 is /, ~0 is ~)", "[yaml-edit]") {
  auto e = editor("answers:\n  q1/a: yes\n  m~n: 2\n");
  ok(e.set_scalar("/answers/q1~1a", "\"no\""));
  ok(e.set_scalar("/answers/m~0n", "3"));
  ok(e.set_scalar("/answers/q2~1b", "4"));
  ok(e.remove("/answers/m~0n"));
  CHECK(e.text() == "answers:\n  q1/a: \"no\"\n  q2/b: 4\n");
  CHECK(e.json()["answers"]["q1/a"] == "no");
}

TEST_CASE("flow collections are edited inside their brackets", "[yaml-edit]") {
  auto e = editor("roles: [senior-leader, 'contact']  # who\nlead: {name: A, email: a@x.org}\nempty: []\n");
  ok(e.append_item("/roles", "clinician"));
  ok(e.set_scalar("/roles/1", "supervisor"));
  ok(e.remove("/roles/0"));
  ok(e.set_scalar("/lead/name", "\"B C\""));
  ok(e.set_scalar("/lead/phone", "\"555\""));
  ok(e.remove("/lead/email"));
  ok(e.append_item("/empty", "x"));
  CHECK(e.text() == "roles: [supervisor, clinician]  # who\nlead: {name: \"B C\", phone: \"555\"}\nempty: [x]\n");
  ok(e.remove("/empty/0"));
  CHECK(e.text() == "roles: [supervisor, clinician]  # who\nlead: {name: \"B C\", phone: \"555\"}\nempty: []\n");
}

TEST_CASE("a list or mapping left empty is written [] or {}", "[yaml-edit]") {
  auto e = editor("goals:  # none yet\n  - g1\nwithdrawal:\n  date: 2026-05-01\nmembers:\n  - id: a\n  - id: b\n    name: B\n");
  ok(e.remove("/goals/0"));
  ok(e.remove("/withdrawal/date"));
  ok(e.remove("/members/0/id"));
  ok(e.remove("/members/1/id"));
  CHECK(e.text() == "goals: []  # none yet\nwithdrawal: {}\nmembers:\n  - {}\n  - name: B\n");
}

TEST_CASE("a block value replaces a value of any style", "[yaml-edit]") {
  auto e = editor("a: 1  # was one\nb: [x, y]\nc:\n  # kept: above the value\n    old: 1\n    older: 2\nd:\ne: |\n  text\nz: end\n");
  ok(e.set_block("/a", "- p\n- q\n"));
  ok(e.set_block("/b", "k: v\n"));
  ok(e.set_block("/c", "new: 1\n"));
  ok(e.set_block("/d", "k: v\n"));
  ok(e.set_block("/e", "k: v\n"));
  CHECK(e.text() ==
        "a:  # was one\n  - p\n  - q\nb:\n  k: v\nc:\n  # kept: above the value\n    new: 1\nd:\n  k: v\ne:\n  k: v\nz: end\n");
}

TEST_CASE("bad YAML and several documents are refused with a position", "[yaml-edit]") {
  auto bad = YamlEditor::parse("a: [1, 2\nb: 3\n", "f.yaml");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::data);
  CHECK(bad.error().message.rfind("f.yaml:", 0) == 0);
  auto two = YamlEditor::parse("a: 1\n---\nb: 2\n", "f.yaml");
  REQUIRE_FALSE(two);
  CHECK(two.error().message == "f.yaml:3:1: a file holds one YAML document; a second one starts here");
}
