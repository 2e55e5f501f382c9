// lib/improvement/cycles: PDSA cycles added, decided and listed from options. The option checks and the
// texts are tested on a collaborative built as model structs; verify_change (validate's own checks on the
// collaborative as the change leaves it) on a copy of tests/e2e/base.
#include "improvement/cycles.h"
#include "base_copy.h"
#include "model/project.h"

#include <catch2/catch.hpp>

using namespace collab;
using namespace collab::improvement;

namespace {

Date day(const char* s) { return *parse_date(s); }

model::ChangeIdea idea(const char* id, const char* owner = "") {
  model::ChangeIdea i;
  i.id = id;
  i.name = id;
  i.team = owner;
  i.drivers = {"d1"};
  return i;
}

model::PdsaCycle cycle(const char* team, const char* id, const char* idea, const char* start, const char* builds_on = "") {
  model::PdsaCycle c;
  c.team = team;
  c.id = id;
  c.idea = idea;
  c.start = day(start);
  c.builds_on = builds_on;
  return c;
}

// Teams a (lists i1) and b (lists i1, owns o1); cycles a: i1-1, i1-3, i1-x, i1-01; b: i1-7, o1-1.
model::Project project() {
  model::Project p;
  p.collaborative.emplace();
  p.collaborative->start = day("2026-01-05");
  p.collaborative->end = day("2026-12-18");
  p.driver_diagram.emplace();
  p.driver_diagram->ideas = {idea("i1"), idea("i2")};
  model::Team a, b;
  a.id = "a";
  a.change_ideas = {"i1"};
  b.id = "b";
  b.change_ideas = {"i1"};
  b.own_ideas = {idea("o1", "b")};
  p.teams = {a, b};
  p.cycles = {cycle("a", "i1-1", "i1", "2026-02-02"), cycle("a", "i1-3", "i1", "2026-03-02", "i1-1"),
              cycle("a", "i1-x", "i1", "2026-03-09"), cycle("a", "i1-01", "i1", "2026-03-16"),
              cycle("b", "i1-7", "i1", "2026-02-02"), cycle("b", "o1-1", "o1", "2026-04-06")};
  p.cycles[1].decision = "adopt";
  p.cycles[1].decided = day("2026-03-20");
  return p;
}

AddSpec spec(const char* team = "a", const char* idea_id = "i1") {
  AddSpec s;
  s.team = team;
  s.idea = idea_id;
  s.objective = "Test the script with two clinicians.";
  s.start = "2026-04-06";
  return s;
}

const char* const kCycleText = R"yaml(# Written by hand: these comments stay.
id: i1-3
team: a
idea: i1   # the package's idea
builds_on: i1-1

objective: Test the script with two clinicians.
start: 2026-03-02
# What happened:
do:
  done: Ran with two clinicians.  # a trailing comment
)yaml";

DecideSpec decide(const char* decision = "adopt", const char* date = "2026-03-20") {
  DecideSpec s;
  s.cycle = "i1-3";
  s.team = "a";
  s.decision = decision;
  s.date = date;
  return s;
}

// The cycle of kCycleText, undecided.
model::PdsaCycle open_cycle() { return cycle("a", "i1-3", "i1", "2026-03-02", "i1-1"); }

}  // namespace

TEST_CASE("pdsa: the next cycle ID of an idea counts on from the team's highest", "[pdsa]") {
  auto p = project();
  // a has i1-1 and i1-3 (i1-x and i1-01 are not numbered so); b's i1-7 is another team's.
  CHECK(next_cycle_id(p, "a", "i1") == "i1-4");
  CHECK(next_cycle_id(p, "b", "i1") == "i1-8");
  CHECK(next_cycle_id(p, "b", "o1") == "o1-2");
  CHECK(next_cycle_id(p, "a", "i2") == "i2-1");
  // A long idea ID is cut so that the cycle's ID stays a slug of at most 63 characters.
  std::string long_idea(60, 'a');
  long_idea[55] = '-';
  std::string id = next_cycle_id(p, "a", long_idea);
  CHECK(id == std::string(55, 'a') + "-1");
  CHECK(id.size() <= 63);
}

TEST_CASE("pdsa add: the new file's text", "[pdsa]") {
  auto p = project();
  AddSpec s = spec();
  s.builds_on = "i1-3";
  s.questions = {"Will 8 of 10 intakes have a screen?", "Does it take longer?"};
  s.prediction = "yes";  // a YAML 1.1 boolean: quoted
  s.who = "Dana Hill";
  s.data = "Tally: screen done yes/no";
  auto c = add_cycle(p, s);
  REQUIRE(c);
  CHECK(c->path == "pdsa/a/i1-4.yaml");
  CHECK(c->created);
  CHECK(c->id == "i1-4");
  CHECK(c->team == "a");
  CHECK(c->content ==
        "# yaml-language-server: $schema=../../.collab/schemas/pdsa.schema.json\n"
        "# PDSA cycle added by `collab pdsa add`. When the test is over, record what was done, learned and\n"
        "# decided here, or with `collab pdsa decide i1-4 --team a` (docs/cli.md).\n"
        "id: i1-4\nteam: a\nidea: i1\nbuilds_on: i1-3\n"
        "objective: Test the script with two clinicians.\n"
        "questions:\n  - Will 8 of 10 intakes have a screen?\n  - Does it take longer?\n"
        "prediction: \"yes\"\n"
        "plan:\n  who: Dana Hill\n  data: \"Tally: screen done yes/no\"\n"
        "start: 2026-04-06\n");
  CHECK(c->summary == "new cycle pdsa/a/i1-4.yaml (team a, idea i1, builds on i1-3, starts 2026-04-06)");

  s.id = "my-own-id";
  s.builds_on.clear();
  auto named = add_cycle(p, s);
  REQUIRE(named);
  CHECK(named->path == "pdsa/a/my-own-id.yaml");
}

TEST_CASE("pdsa add: what it refuses", "[pdsa]") {
  auto p = project();
  auto refused = [&](const AddSpec& s, ErrorKind kind) {
    auto c = add_cycle(p, s);
    REQUIRE_FALSE(c);
    CHECK(c.error().kind == kind);
    return c.error().message;
  };
  CHECK(refused(spec("z"), ErrorKind::usage) == "no team 'z' in teams/");
  CHECK(refused(spec("a", "nope"), ErrorKind::usage) == "no change idea 'nope' in driver-diagram.yaml or in the own_ideas of team 'a'");
  CHECK(refused(spec("a", "o1"), ErrorKind::usage) ==
        "change idea 'o1' is team 'b''s own idea: team 'a' can test the change package's ideas (driver-diagram.yaml) and its own_ideas");
  // A package idea the team does not list is validate's warning, not an error: it may be tested.
  CHECK(add_cycle(p, spec("a", "i2")));

  AddSpec s = spec();
  s.builds_on = "o1-1";  // b's cycle, not a's
  CHECK(refused(s, ErrorKind::usage) == "no cycle 'o1-1' in pdsa/a/ to build on");
  s = spec();
  s.builds_on = "i1-3";
  s.start = "2026-02-27";
  CHECK(refused(s, ErrorKind::usage) == "--start 2026-02-27 is before the start of cycle 'i1-3' it builds on (2026-03-02)");

  s = spec();
  s.id = "i1-3";
  CHECK(refused(s, ErrorKind::cannot_create) ==
        "team 'a' has a cycle 'i1-3' already (pdsa/a/i1-3.yaml); nothing was written: choose another --id");
  s.id = "Cycle 1";
  CHECK(refused(s, ErrorKind::usage).rfind("--id 'Cycle 1' is not an ID", 0) == 0);
  s.id = "-x";
  CHECK(refused(s, ErrorKind::usage).rfind("--id '-x' is not an ID", 0) == 0);
  s.id = "nul";
  CHECK(refused(s, ErrorKind::usage).rfind("--id 'nul' is a name Windows reserves", 0) == 0);
  s.id = std::string(64, 'a');
  CHECK_FALSE(add_cycle(p, s));

  s = spec();
  s.objective = " \t";
  CHECK(refused(s, ErrorKind::usage) == "--objective must say what the cycle tests");
  s = spec();
  s.questions = {"fine", ""};
  CHECK(refused(s, ErrorKind::usage) == "--question is empty: give it a text, or leave the option out");
  s = spec();
  s.where = " ";
  CHECK(refused(s, ErrorKind::usage) == "--where is empty: give it a text, or leave the option out");

  s = spec();
  s.start = "2026-02-30";
  CHECK(refused(s, ErrorKind::usage) == "--start 2026-02-30 is not a date YYYY-MM-DD that exists");
  s.start = "April 6";
  CHECK(refused(s, ErrorKind::usage) == "--start April 6 is not a date YYYY-MM-DD that exists");
  s.start = "2027-01-04";
  CHECK(refused(s, ErrorKind::usage) == "--start 2027-01-04 is outside the collaborative (2026-01-05 to 2026-12-18)");
}

TEST_CASE("pdsa decide: do, study and act filled in, comments and key order kept", "[pdsa]") {
  auto p = project();
  DecideSpec s = decide("adapt", "2026-03-20");
  s.end = "2026-03-13";
  s.learned = "4 of 5: as predicted";
  s.prediction = "confirmed";
  s.next = "Test with the whole team";
  auto c = decide_cycle(p, open_cycle(), kCycleText, s);
  REQUIRE(c);
  CHECK_FALSE(c->created);
  CHECK(c->path == "pdsa/a/i1-3.yaml");
  CHECK(c->content == std::string(kCycleText) +
                          "  end: 2026-03-13\n"
                          "study:\n  learned: \"4 of 5: as predicted\"\n  prediction: confirmed\n"
                          "act:\n  decision: adapt\n  date: 2026-03-20\n  next: Test with the whole team\n");
  CHECK(c->summary == "cycle 'i1-3' of team 'a': adapt on 2026-03-20; ended 2026-03-13; prediction confirmed (pdsa/a/i1-3.yaml)");

  // Only the decision: act alone is added.
  auto bare = decide_cycle(p, open_cycle(), kCycleText, decide("abandon", "2026-03-02"));
  REQUIRE(bare);
  CHECK(bare->content == std::string(kCycleText) + "act:\n  decision: abandon\n  date: 2026-03-02\n");
}

TEST_CASE("pdsa decide: a decision, or a value, the file has already needs --force", "[pdsa]") {
  auto p = project();
  std::string decided = std::string(kCycleText) +
                        "  end: 2026-03-13\n"
                        "study:\n  learned: >-\n    Four of five,\n    as predicted.\n"
                        "act:\n  decision: adopt   # the team agreed\n  date: 2026-03-16\n  next: Spread it\n";
  model::PdsaCycle c = open_cycle();
  c.end = day("2026-03-13");
  c.decision = "adopt";
  c.decided = day("2026-03-16");

  auto again = decide_cycle(p, c, decided, decide("adapt", "2026-03-20"));
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::cannot_create);
  CHECK(again.error().message ==
        "cycle 'i1-3' of team 'a' has a decision (adopt on 2026-03-16) already; nothing was written: --force replaces it");

  DecideSpec s = decide("adapt", "2026-03-20");
  s.force = true;
  s.learned = "Three of five.";  // replaces a folded, multi-line text
  auto forced = decide_cycle(p, c, decided, s);
  REQUIRE(forced);
  // The decision is replaced in place (its trailing comment kept); the old `next` goes with the old decision.
  CHECK(forced->content == std::string(kCycleText) +
                               "  end: 2026-03-13\n"
                               "study:\n  learned: Three of five.\n"
                               "act:\n  decision: adapt   # the team agreed\n  date: 2026-03-20\n");
  CHECK(forced->summary == "cycle 'i1-3' of team 'a': adapt on 2026-03-20, replacing adopt on 2026-03-16 (pdsa/a/i1-3.yaml)");

  // Undecided, but do.end is there: another --end needs --force; the same one is fine.
  std::string ended = std::string(kCycleText) + "  end: 2026-03-13\n";
  model::PdsaCycle e = open_cycle();
  e.end = day("2026-03-13");
  DecideSpec other = decide("adopt", "2026-03-20");
  other.end = "2026-03-14";
  auto refused = decide_cycle(p, e, ended, other);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::cannot_create);
  CHECK(refused.error().message ==
        "cycle 'i1-3' of team 'a' has do.end (2026-03-13) already; nothing was written: --force replaces it");
  other.end = "2026-03-13";
  CHECK(decide_cycle(p, e, ended, other));
  other.force = true;
  other.end = "2026-03-14";
  auto moved = decide_cycle(p, e, ended, other);
  REQUIRE(moved);
  CHECK(moved->content == std::string(kCycleText) + "  end: 2026-03-14\nact:\n  decision: adopt\n  date: 2026-03-20\n");
}

TEST_CASE("pdsa decide: dates stay in order, values are checked", "[pdsa]") {
  auto p = project();
  auto refused = [&](const DecideSpec& s, const model::PdsaCycle& c = open_cycle()) {
    auto r = decide_cycle(p, c, kCycleText, s);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::usage);
    return r.error().message;
  };
  CHECK(refused(decide("adopt", "2026-03-01")) ==
        "--date 2026-03-01 is before the cycle's start (2026-03-02): a decision comes after the test");
  DecideSpec s = decide("adopt", "2026-03-10");
  s.end = "2026-03-13";
  CHECK(refused(s) == "--date 2026-03-10 is before the test's end (--end 2026-03-13): a decision comes after the test");
  s.end = "2026-03-01";
  CHECK(refused(s) == "--end 2026-03-01 is before the cycle's start (2026-03-02)");
  // do.end as the file has it counts too.
  model::PdsaCycle ended = open_cycle();
  ended.end = day("2026-03-13");
  CHECK(refused(decide("adopt", "2026-03-10"), ended) ==
        "--date 2026-03-10 is before the test's end (do.end 2026-03-13): a decision comes after the test");

  CHECK(refused(decide("keep", "2026-03-20")) == "--decision 'keep' is not one of adopt, adapt, abandon");
  CHECK(refused(decide("adopt", "2026-3-20")) == "--date 2026-3-20 is not a date YYYY-MM-DD that exists");
  CHECK(refused(decide("adopt", "2027-03-20")) == "--date 2027-03-20 is outside the collaborative (2026-01-05 to 2026-12-18)");
  s = decide();
  s.prediction = "maybe";
  CHECK(refused(s) == "--prediction 'maybe' is not one of confirmed, partly, not-confirmed");
  s.prediction = "partly";
  CHECK(refused(s) == "--prediction needs --learned: study.learned, what was learned, comes with whether the prediction held");
  s = decide();
  s.next = "";
  s.done = "  ";
  CHECK(refused(s) == "--done is empty: give it a text, or leave the option out");
}

TEST_CASE("pdsa decide: finding the cycle", "[pdsa]") {
  auto p = project();
  p.cycles.push_back(cycle("b", "i1-1", "i1", "2026-02-02"));
  auto two = find_cycle(p, "i1-1", "");
  REQUIRE_FALSE(two);
  CHECK(two.error().message == "teams a, b each have a cycle 'i1-1': say which with --team");
  auto one = find_cycle(p, "i1-1", "b");
  REQUIRE(one);
  CHECK((*one)->team == "b");
  auto only = find_cycle(p, "o1-1", "");
  REQUIRE(only);
  CHECK((*only)->team == "b");
  CHECK(find_cycle(p, "zz", "").error().message == "no cycle 'zz' in pdsa/");
  CHECK(find_cycle(p, "zz", "a").error().message == "no cycle 'zz' in pdsa/a/");
  CHECK(find_cycle(p, "zz", "q").error().message == "no team 'q' in teams/");
}

TEST_CASE("pdsa list: filters", "[pdsa]") {
  auto p = project();
  auto all = list_cycles(p, {});
  REQUIRE(all);
  REQUIRE(all->size() == 6);
  CHECK((*all)[1].id == "i1-3");
  CHECK((*all)[1].decision == "adopt");
  CHECK((*all)[1].decided == "2026-03-20");
  CHECK((*all)[1].builds_on == "i1-1");
  CHECK((*all)[1].file == "pdsa/a/i1-3.yaml");
  CHECK_FALSE((*all)[1].open());

  ListFilter f;
  f.team = "b";
  CHECK(list_cycles(p, f)->size() == 2);
  f.idea = "o1";
  CHECK(list_cycles(p, f)->size() == 1);
  f = {};
  f.open_only = true;
  CHECK(list_cycles(p, f)->size() == 5);
  f.team = "q";
  CHECK(list_cycles(p, f).error().message == "no team 'q' in teams/");
  f = {};
  f.idea = "q";
  CHECK(list_cycles(p, f).error().message == "no change idea 'q' in driver-diagram.yaml or in any team's own_ideas");
}

namespace {

// tests/e2e/base with a driver diagram and one decided cycle of harbor.
struct Fixture : test::BaseCopy {
  Fixture() : BaseCopy("cycles") {
    write("driver-diagram.yaml",
          "aim:\n  text: Screen every child.\nprimary_drivers:\n  - id: identification\n    name: Identified at intake\n"
          "change_ideas:\n  - id: intake-script\n    name: A script\n    drivers: [identification]\n"
          "  - id: other-idea\n    name: Another\n    drivers: [identification]\n");
    std::string team = read("teams/harbor.yaml");
    write("teams/harbor.yaml", team + "change_ideas: [intake-script]\n");
    write("pdsa/harbor/intake-script-1.yaml",
          "id: intake-script-1\nteam: harbor\nidea: intake-script\nobjective: Try it.\nstart: 2026-03-02\n");
  }
  model::Project load() const {
    Diagnostics d;
    auto p = model::load_project(root, "", d);
    REQUIRE_FALSE(d.has_errors());
    return p;
  }
};

}  // namespace

TEST_CASE("pdsa: verify_change runs validate's checks on the collaborative as the change leaves it", "[pdsa]") {
  Fixture f;
  auto p = f.load();

  AddSpec s;
  s.team = "harbor";
  s.idea = "intake-script";
  s.builds_on = "intake-script-1";
  s.objective = "Try it with everyone.";
  s.start = "2026-04-06";
  auto c = add_cycle(p, s);
  REQUIRE(c);
  auto ok = verify_change(p, *c);
  REQUIRE(ok);
  CHECK(ok->empty());

  // What the option checks leave to the schema: a text longer than 20000 characters.
  s.objective = std::string(20001, 'x');
  auto too_long = add_cycle(p, s);
  REQUIRE(too_long);
  auto refused = verify_change(p, *too_long);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::usage);
  CHECK(refused.error().message ==
        "pdsa/harbor/intake-script-2.yaml would not pass collab validate; nothing was written:\n"
        "  pdsa/harbor/intake-script-2.yaml:8:12: error: objective: is too long: at most 20000 characters");

  // A package idea harbor does not list: written, with validate's warning.
  s.objective = "Try the other idea.";
  s.idea = "other-idea";
  s.builds_on.clear();
  auto unlisted = add_cycle(p, s);
  REQUIRE(unlisted);
  auto warned = verify_change(p, *unlisted);
  REQUIRE(warned);
  REQUIRE(warned->items().size() == 1);
  CHECK(format_text(warned->items()[0]) ==
        "pdsa/harbor/other-idea-1.yaml:6:7: warning: team 'harbor' tests change idea 'other-idea' but does not list it in its change_ideas");

  // decide reads the file; the warnings the file had before are not the change's.
  f.write("pdsa/harbor/other-idea-1.yaml", unlisted->content);
  p = f.load();
  DecideSpec d;
  d.cycle = "other-idea-1";
  d.decision = "abandon";
  d.date = "2026-04-20";
  auto decided = decide_cycle(p, d);
  REQUIRE(decided);
  CHECK(decided->content == unlisted->content + "act:\n  decision: abandon\n  date: 2026-04-20\n");
  auto quiet = verify_change(p, *decided);
  REQUIRE(quiet);
  CHECK(quiet->empty());
}
