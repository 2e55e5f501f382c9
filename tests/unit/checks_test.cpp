#include "check/checks.h"
#include "model/project.h"
#include "schedule/calendar.h"
#include "scoring/round.h"
#include "base_copy.h"

#include <catch2/catch.hpp>

#include <limits>
#include <optional>
#include <fmt/format.h>

#include <unistd.h>

#include <fstream>
#include <set>
#include <tuple>

namespace fs = std::filesystem;
using namespace collab;

namespace {

// A copy of tests/e2e/base (a small valid collaborative) with some files replaced.
struct Fixture : test::BaseCopy {
  Fixture() : BaseCopy("check") {}
  std::vector<std::string> run() const {
    Diagnostics d;
    auto project = model::load_project(root, "", d);
    check::check_project(project, d);
    d.sort();
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(format_text(x));
    return out;
  }
};

}  // namespace

TEST_CASE("the base collaborative is clean and fully loaded", "[check]") {
  Fixture f;
  Diagnostics d;
  auto p = model::load_project(f.root, "", d);
  check::check_project(p, d);
  CHECK(d.empty());
  CHECK(p.files_read == 15);
  REQUIRE(p.collaborative);
  CHECK(p.collaborative->faculty.size() == 2);
  REQUIRE(p.teams.size() == 1);
  CHECK(p.teams[0].members.size() == 3);
  CHECK(p.team_of_member("jo") == &p.teams[0]);
  REQUIRE(p.data.size() == 1);
  CHECK(*p.data[0].periods[0].values.find("screened")->second.numerator == 5);
  CHECK(p.data[0].periods[1].values.find("wait-days")->second.missing() == std::string("Scheduler was down"));
  CHECK(p.reviews.size() == 1);
  CHECK(p.attendance.size() == 2);
}

TEST_CASE("references that resolve nowhere", "[check]") {
  Fixture f;
  f.write("teams/harbor.yaml",
          "id: harbor\nname: H\norganization: nowhere\nstatus: active\nmembers:\n"
          "  - {id: hana, name: H, roles: [senior-leader]}\n  - {id: ivan, name: I, roles: [supervisor]}\n"
          "  - {id: jo, name: J, roles: [clinician]}\n");
  f.write("network/baseline.yaml", "id: baseline\ndate: 2026-01-06\nties:\n  - {from: hana, to: zed, relation: advice}\n");
  auto m = f.run();
  REQUIRE(m.size() == 2);
  CHECK(m[0] == "network/baseline.yaml:4:22: error: no member 'zed' in any team");
  CHECK(m[1] == "teams/harbor.yaml:3:15: error: no organization 'nowhere' in organizations/");
}

TEST_CASE("values must fit their measure", "[check]") {
  Fixture f;
  f.write("data/harbor.yaml",
          "team: harbor\nperiods:\n  - period: 2026-01\n    values:\n      screened: {numerator: 21, denominator: 20}\n"
          "      wait-days: {numerator: 1, denominator: 2}\n  - period: 2026-01\n    values: {}\n"
          "  - period: 2027-01\n    values: {}\n");
  auto m = f.run();
  REQUIRE(m.size() == 4);
  CHECK(m[0] == "data/harbor.yaml:5:29: error: 'screened': numerator 21 is greater than denominator 20");
  CHECK(m[1] == "data/harbor.yaml:6:18: error: 'wait-days' is a continuous: report value, not numerator and denominator");
  CHECK(m[2] == "data/harbor.yaml:7:13: error: period 2026-01 is reported twice (also at line 3)");
  CHECK(m[3] == "data/harbor.yaml:9:13: error: period 2027-01 is outside the collaborative (2026-01 to 2026-12)");
}

TEST_CASE("dates must exist and be in order", "[check]") {
  Fixture f;
  f.write("events/ls1.yaml",
          "id: ls1\nname: LS1\ntype: learning-session\nphase: ls1\nstart: 2026-02-30\nend: 2026-01-04\n");
  f.write("events/late.yaml", "id: late\nname: L\ntype: webinar\nstart: 2027-03-01T10:00\nduration_minutes: 60\n");
  f.write("events/info.yaml", "id: info\nname: I\ntype: informational-call\nstart: 2025-09-01T10:00\nend: 2025-09-01T11:00\n");
  auto m = f.run();
  REQUIRE(m.size() == 3);
  CHECK(m[0] == "events/late.yaml:4:8: error: event start 2027-03-01 is outside the collaborative (2026-01-05 to 2026-12-18)");
  CHECK(m[1] == "events/ls1.yaml:5:8: error: start: 2026-02-30 is not a date and time that exists");
  CHECK(m[2] == "events/ls1.yaml:6:6: error: event end 2026-01-04 is outside the collaborative (2026-01-05 to 2026-12-18)");
}

TEST_CASE("core-team rules are warnings", "[check]") {
  Fixture f;
  f.write("teams/harbor.yaml",
          "id: harbor\nname: H\norganization: harbor\nstatus: active\nmembers:\n"
          "  - {id: hana, name: H, roles: [senior-leader]}\n  - {id: ivan, name: I, roles: [supervisor]}\n"
          "  - {id: jo, name: J, roles: [clinician], left: 2026-03-01}\n");
  auto m = f.run();
  REQUIRE(m.size() == 2);
  CHECK(m[0] == "teams/harbor.yaml:6:3: warning: team 'harbor' has 2 member(s); the core team needs at least 3");
  CHECK(m[1] == "teams/harbor.yaml:6:3: warning: team 'harbor' has no member with the core-team role 'clinician'");
}

TEST_CASE("file names are IDs", "[check]") {
  Fixture f;
  f.write("organizations/Harbor Two.yaml", "id: harbor-two\nname: H\n");
  f.write("organizations/other.yaml", "id: harbor\nname: H\n");
  f.write("notes/todo.yaml", "a: 1\n");
  auto m = f.run();
  REQUIRE(m.size() == 4);
  CHECK(m[0] == "notes/todo.yaml: warning: unknown file: collab reads YAML files only in the places docs/format.md names");
  CHECK(m[1] ==
        "organizations/Harbor Two.yaml: error: the file name is not an ID: use lower-case letters, digits and hyphens, "
        "starting with a letter or digit, at most 63 characters");
  CHECK(m[2] == "organizations/other.yaml:1:5: error: id 'harbor' does not match the file name 'other'");
  CHECK(m[3] == "organizations/other.yaml:1:5: error: organization ID 'harbor' is used twice (also at organizations/harbor.yaml:1)");
}

TEST_CASE("classify knows every place of docs/format.md", "[check]") {
  std::string id;
  CHECK(model::classify("collab.yaml") == model::FileKind::collaborative);
  CHECK(model::classify("teams/a.yml", &id) == model::FileKind::team);
  CHECK(id == "a");
  CHECK(model::classify("reviews/e1/ada.yaml", &id) == model::FileKind::review);
  CHECK(id == "e1/ada");
  CHECK_FALSE(model::classify("teams/sub/a.yaml"));
  CHECK_FALSE(model::classify("teams/a.json"));
  CHECK_FALSE(model::classify("other.yaml"));
}

// load_project parses files on several threads (COLLAB_JOBS): the project and its diagnostics, in the
// order they were made, must be those of a one-thread run.
TEST_CASE("loading on several threads gives what one thread gives", "[check]") {
  Fixture f;
  for (int i = 0; i < 12; ++i) {
    f.write(fmt::format("organizations/org-{:02}.yaml", i), i % 3 == 0 ? fmt::format("id: org-{:02}\nname: [\n", i)
                                                                    : fmt::format("id: org-{:02}\nnam: O{}\n", i, i));
  }
  auto load = [&](const char* jobs) {
    ::setenv("COLLAB_JOBS", jobs, 1);
    Diagnostics d;
    auto p = model::load_project(f.root, "", d);
    ::unsetenv("COLLAB_JOBS");
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(format_text(x));  // unsorted: the order they were made in
    for (const auto& o : p.organizations) out.push_back("organization " + o.id);
    for (const auto& doc : p.documents) out.push_back("document " + doc->relative);
    return out;
  };
  auto one = load("1");
  CHECK(one.size() > 30);
  CHECK(load("3") == one);
  CHECK(load("8") == one);
}

// The ID index behind find_* must answer what a scan answers: the first item with the ID, or nothing.
TEST_CASE("lookups by ID through the index find what a scan finds", "[check]") {
  Fixture f;
  // teams/bay.yaml claims the ID of the existing team 'harbor' (an error validate reports): the scan finds
  // the first 'harbor' in file order (teams/bay.yaml), and so must the index.
  f.write("teams/bay.yaml", "id: harbor\nname: Bay\norganization: harbor\nstatus: active\nmembers:\n"
                            "  - {id: zoe, name: Z, roles: [clinician]}\n");
  Diagnostics d;
  auto p = model::load_project(f.root, "", d);
  REQUIRE(p.index.built);
  REQUIRE(p.teams.size() == 2);
  CHECK(p.find_team("harbor") == &p.teams[0]);
  CHECK(p.find_team("harbor")->name == "Bay");
  CHECK(p.find_team("nowhere") == nullptr);
  CHECK(p.team_of_member("zoe") == &p.teams[0]);
  CHECK(p.team_of_member("jo") == &p.teams[1]);
  CHECK(p.team_of_member("nobody") == nullptr);
  for (const auto& e : p.events) CHECK(p.find_event(e.id) == &e);
  for (const auto& m : p.measures) CHECK(p.find_measure(m.id) == &m);
  for (const auto& o : p.organizations) CHECK(p.find_organization(o.id) == &o);
  for (const auto& e : p.eois) CHECK(p.find_eoi(e.id) == &e);
  // Without the index (a Project made by hand, or changed after loading) the lookups scan.
  p.index = {};
  CHECK(p.find_team("harbor")->name == "Bay");
  CHECK(p.team_of_member("jo") == &p.teams[1]);
}

TEST_CASE("a long chain of theory-of-change outcomes is checked without deep recursion", "[check]") {
  // 100,000 outcomes, each coming from the next: a recursive walk overflowed the stack here. The model is
  // built by hand, so the test costs the check only, not the parsing of a 6 MB file.
  const int n = 100000;
  model::TheoryOfChange toc;
  toc.activities.push_back({{}, "a", "A", "", "", {}});
  toc.outputs.push_back({{}, "b", "B", "", "", {"a"}});
  for (int i = 0; i < n; ++i) {
    toc.outcomes.push_back({{}, fmt::format("o{}", i), "O", "", "member", {i + 1 < n ? fmt::format("o{}", i + 1) : "b"}});
  }
  model::Project p;
  p.theory_of_change = toc;
  Diagnostics d;
  check::check_project(p, d);
  CHECK(d.empty());
  // A loop at the far end of the chain is found and reported once.
  p.theory_of_change->outcomes.back().from = {"o5"};
  Diagnostics loop;
  check::check_project(p, loop);
  REQUIRE(loop.items().size() == 1);
  CHECK(loop.items()[0].message == "outcome 'o5' leads back to itself through its from");
}

TEST_CASE("a period's values are kept in measure order and found by ID", "[model]") {
  model::ValueTable t;
  t["wait-days"].value = 3;
  t["screened"].numerator = 5;
  t["no-shows"].value = 1;
  t["screened"].denominator = 9;  // the same entry again
  REQUIRE(t.size() == 3);
  std::vector<std::string> ids;
  for (const auto& [id, v] : t) ids.push_back(id);
  CHECK(ids == std::vector<std::string>{"no-shows", "screened", "wait-days"});
  REQUIRE(t.find("screened") != t.end());
  CHECK(*t.find("screened")->second.numerator == 5);
  CHECK(*t.find("screened")->second.denominator == 9);
  CHECK(t.find("screen") == t.end());
  CHECK(t.find("zzz") == t.end());
  const model::ValueTable none;
  CHECK(none.find("screened") == none.end());
  // Two tables name a measure with one copy of its ID (interned, core/text.h); a copy keeps the values.
  model::ValueTable u;
  u["screened"].value = 1;
  CHECK(&u.begin()->first == &t.find("screened")->first);
  const model::ValueTable copy = t;
  REQUIRE(copy.size() == 3);
  CHECK(*copy.find("wait-days")->second.value == 3);
}

TEST_CASE("an OptionalNumber is a std::optional<double> in 8 bytes, NaN being none", "[model]") {
  STATIC_REQUIRE(sizeof(model::OptionalNumber) == sizeof(double));
  model::OptionalNumber n;
  CHECK_FALSE(n);
  CHECK(n.value_or(7) == 7);
  CHECK(n == std::nullopt);
  n = 2.5;
  REQUIRE(n);
  CHECK(*n == 2.5);
  CHECK(n == 2.5);
  CHECK(n != 3.0);
  CHECK(n != std::nullopt);
  const std::optional<double> o = n;
  CHECK(o == 2.5);
  n = std::nullopt;
  CHECK_FALSE(n.has_value());
  CHECK_FALSE(static_cast<std::optional<double>>(n));
  n = std::numeric_limits<double>::quiet_NaN();  // a data file's numbers are finite (schema): NaN is none
  CHECK_FALSE(n);
  n = 0.0;
  CHECK(n);
  n.reset();
  CHECK(n == model::OptionalNumber());
}

TEST_CASE("a value's texts are copied with it, and absent until given", "[model]") {
  model::Value v;
  v.numerator = 3;
  CHECK_FALSE(v.missing());
  CHECK(v.note().empty());
  v.set_note("");
  CHECK(v.note().empty());
  v.set_missing(std::string("Scheduler was down"));
  v.set_note("First month");
  model::Value copy = v;
  v.set_note("changed");
  v.set_missing(std::nullopt);
  CHECK(copy.missing() == std::string("Scheduler was down"));
  CHECK(copy.note() == "First month");
  CHECK(*copy.numerator == 3);
  CHECK_FALSE(v.missing());
  CHECK(v.note() == "changed");
  copy = v;
  CHECK(copy.note() == "changed");
  CHECK_FALSE(copy.missing());
  model::Value moved = std::move(copy);
  CHECK(moved.note() == "changed");
}

TEST_CASE("cycles are sorted by team, start and ID, each once", "[model][pdsa]") {
  // nctsn's files are in ID order, which is not start order (bayview: intake-screen-script-4 on 2026-07-16
  // before reserved-slots-1 on 2026-06-16): the sort moves cycles along several permutation cycles.
  Diagnostics d;
  const auto p = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d);
  REQUIRE(p.cycles.size() == 93);
  std::set<std::string> seen;
  for (size_t i = 0; i < p.cycles.size(); ++i) {
    const auto& c = p.cycles[i];
    CHECK(seen.insert(c.team + "/" + c.id).second);
    CHECK(c.src.path().find("pdsa/" + c.team + "/" + c.id + ".yaml") != std::string::npos);
    if (i == 0) continue;
    const auto& b = p.cycles[i - 1];
    CHECK(std::tie(b.team, b.start, b.id) < std::tie(c.team, c.start, c.id));
  }
  CHECK(p.cycles[0].team == "bayview");
  CHECK(p.cycles[0].id == "intake-screen-script-1");
  CHECK(p.cycles[1].id == "intake-screen-script-2");
  CHECK(p.cycles[2].id == "intake-screen-script-3");
  CHECK(p.cycles[3].id == "reserved-slots-1");
  CHECK(p.cycles[4].id == "intake-screen-script-4");
}

TEST_CASE("a load of a few kinds reads only those, and takes references to the others as good", "[model][check]") {
  using model::FileKind;
  // The sets score-eoi and schedule read, and single kinds: on every example, a partial load finds no error,
  // as the whole one does not either.
  const std::vector<std::set<FileKind>> sets = {
      scoring::scoring_reads(), schedule::schedule_reads(),
      {FileKind::team}, {FileKind::event}, {FileKind::pdsa}, {FileKind::data}, {FileKind::outcome}, {FileKind::review}};
  for (const char* example : {"nctsn-tf-cbt", "chs-interprofessional", "r4d-phc-network"}) {
    for (const auto& only : sets) {
      CAPTURE(example, only.size(), static_cast<int>(*only.begin()));
      Diagnostics d;
      const auto p = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/" + example, "", d, {}, only);
      check::check_project(p, d);
      std::string errors;
      for (const auto& item : d.items()) errors += format_text(item) + "\n";
      CAPTURE(errors);
      CHECK(d.error_count() == 0);
      CHECK(p.reads(*only.begin()));
      CHECK_FALSE(p.reads(FileKind::resources));
      CHECK(p.is_unusable(FileKind::resources, "anything"));
    }
  }
  Diagnostics d;
  const auto p = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d, {},
                                     std::set<FileKind>{FileKind::collaborative, FileKind::eoi});
  CHECK_FALSE(p.eois.empty());
  CHECK(p.cycles.empty());
  CHECK(p.data.empty());
  CHECK(p.teams.empty());
  CHECK(p.files_read == 1 + p.eois.size());
  CHECK_FALSE(p.is_unusable(FileKind::eoi, "no-such-eoi"));
}
