// lib/metrics/improvement: PDSA cycles per team and month, quiet teams, the spread of change ideas, ramps
// and chart annotations, on a small collaborative built as model structs. Every expected figure is counted
// by hand from the cycle table below, by the definitions of lib/metrics/improvement.h and docs/metrics.md
// ("Improvement").
#include "metrics/improvement.h"
#include "metrics/metrics.h"

#include <catch2/catch.hpp>

using namespace collab;
using namespace collab::metrics;

namespace {

Date day(const char* s) { return *parse_date(s); }
Period per(const char* s) { return *parse_period(s); }

model::Team team(const char* id, std::vector<std::string> ideas) {
  model::Team t;
  t.id = id;
  t.name = id;
  t.status = "active";
  t.change_ideas = std::move(ideas);
  return t;
}

model::PdsaCycle cycle(const char* team, const char* id, const char* idea, const char* start, const char* builds_on = "",
                       const char* decision = "", const char* decided = nullptr) {
  model::PdsaCycle c;
  c.team = team;
  c.id = id;
  c.idea = idea;
  c.start = day(start);
  c.builds_on = builds_on;
  c.decision = decision;
  if (decided) c.decided = day(decided);
  return c;
}

model::ChangeIdea idea(const char* id, std::vector<std::string> outcome, const char* owner = "") {
  model::ChangeIdea i;
  i.id = id;
  i.name = id;
  i.team = owner;
  i.drivers = {"d1"};
  i.measures.outcome = std::move(outcome);
  return i;
}

// The cycles, as of 2026-06-15:
//   team a: a1 i1 02-02 adapt 02-16 | a2 i1 on a1 02-23 adopt 03-20 | a3 i2 03-02 abandon 03-27
//           a5 i1 on a1 03-02 adopt 07-01 (after as_of: open) | a4 i2 05-04 open | a6 i1 07-01 (not started yet)
//   team b: b2 i1 01-20 abandon 02-10 | b3 i1 on b2 03-09 adopt 04-10 | b1 o1 (b's own) 04-06 adopt 04-24
//   team c: lists i1 and i2, no cycle
//   team d: withdrawn 2026-03-31; d1 i2 02-09 open
model::Project project() {
  model::Project p;
  p.collaborative.emplace();
  p.collaborative->id = "test-lc";
  p.collaborative->start = day("2026-01-05");
  p.collaborative->end = day("2026-12-18");
  p.driver_diagram.emplace();
  p.driver_diagram->ideas = {idea("i1", {"m-out"}), idea("i2", {})};
  p.teams = {team("a", {"i1", "i2"}), team("b", {"i1"}), team("c", {"i1", "i2"}), team("d", {"i2"})};
  p.teams[1].own_ideas = {idea("o1", {"m-out"}, "b")};
  p.teams[3].status = "withdrawn";
  p.teams[3].withdrawal = model::Withdrawal{day("2026-03-31"), "merged"};
  model::Measure out, other, weekly;
  out.id = "m-out";
  other.id = "m-other";
  weekly.id = "m-weekly";
  weekly.frequency = "weekly";
  p.measures = {out, other, weekly};
  // Sorted by team, start, ID, as load_project sorts them.
  p.cycles = {cycle("a", "a1", "i1", "2026-02-02", "", "adapt", "2026-02-16"),
              cycle("a", "a2", "i1", "2026-02-23", "a1", "adopt", "2026-03-20"),
              cycle("a", "a3", "i2", "2026-03-02", "", "abandon", "2026-03-27"),
              cycle("a", "a5", "i1", "2026-03-02", "a1", "adopt", "2026-07-01"),
              cycle("a", "a4", "i2", "2026-05-04"),
              cycle("a", "a6", "i1", "2026-07-01"),
              cycle("b", "b2", "i1", "2026-01-20", "", "abandon", "2026-02-10"),
              cycle("b", "b3", "i1", "2026-03-09", "b2", "adopt", "2026-04-10"),
              cycle("b", "b1", "o1", "2026-04-06", "", "adopt", "2026-04-24"),
              cycle("d", "d1", "i2", "2026-02-09")};
  return p;
}

}  // namespace

TEST_CASE("improvement: cycles and decisions as of a date", "[improvement]") {
  auto p = project();
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  // Started by 06-15: a1 a2 a3 a5 a4, b2 b3 b1, d1 = 9 (a6 starts 07-01). Open: a5 (decided after as_of),
  // a4, d1 = 3. Decided: adapt a1; adopt a2 b3 b1; abandon a3 b2.
  CHECK(r.cycles.size() == 9);
  CHECK(r.open == 3);
  CHECK(r.decisions == std::map<std::string, int>{{"abandon", 2}, {"adapt", 1}, {"adopt", 3}});
  // Months: the collaborative's first (2026-01) to as_of's (2026-06).
  REQUIRE(r.months.size() == 6);
  CHECK(r.months.front() == per("2026-01"));
  // Started per month: Jan b2; Feb a1 a2 d1; Mar a3 a5 b3; Apr b1; May a4; Jun none.
  CHECK(r.started == std::map<Period, int>{{per("2026-01"), 1}, {per("2026-02"), 3}, {per("2026-03"), 3},
                                           {per("2026-04"), 1}, {per("2026-05"), 1}, {per("2026-06"), 0}});
  REQUIRE(r.teams.size() == 4);
  const auto& a = r.teams[0];
  CHECK(a.team == "a");
  CHECK(a.cycles == 5);
  CHECK(a.open == 2);
  CHECK(a.started.at(per("2026-02")) == 2);
  CHECK(a.started.at(per("2026-03")) == 2);
  CHECK(a.started.at(per("2026-05")) == 1);
  // a's latest activity on or before 06-15: a4's start 05-04 (a5's decision 07-01 comes later).
  CHECK(a.last_activity == day("2026-05-04"));
  const auto& b = r.teams[1];
  CHECK(b.cycles == 3);
  CHECK(b.decisions == std::map<std::string, int>{{"abandon", 1}, {"adopt", 2}});
  CHECK(b.last_activity == day("2026-04-24"));
  // A cycle's step along its ramp: a2 and a5 build on a1, b3 on b2.
  for (const auto& c : r.cycles) {
    if (c.cycle->id == "a5" || c.cycle->id == "a2" || c.cycle->id == "b3") CHECK(c.step == 2);
    if (c.cycle->id == "a5") CHECK(c.decision.empty());
  }
}

TEST_CASE("improvement: quiet teams", "[improvement]") {
  auto p = project();
  // 8 weeks before 06-15 is 04-20: a (05-04) and b (04-24) were active since; c has no cycle: quiet; d
  // withdrew on 03-31, so it is not active and not quiet.
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  CHECK_FALSE(r.teams[0].quiet);
  CHECK_FALSE(r.teams[1].quiet);
  CHECK(r.teams[2].quiet);
  CHECK_FALSE(r.teams[3].active);
  CHECK_FALSE(r.teams[3].quiet);
  // 7 weeks: since 04-27, b's last activity (04-24) is older: quiet.
  r = improvement(p, {}, day("2026-06-15"), 7);
  CHECK_FALSE(r.teams[0].quiet);
  CHECK(r.teams[1].quiet);
}

TEST_CASE("improvement: the spread of each change idea", "[improvement]") {
  auto p = project();
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  REQUIRE(r.ideas.size() == 3);  // the package's i1, i2, then b's own o1
  const auto& i1 = r.ideas[0];
  CHECK(i1.idea == "i1");
  CHECK(i1.listed == std::vector<std::string>{"a", "b", "c"});
  CHECK(i1.testing == std::vector<std::string>{"a", "b"});
  CHECK(i1.adopted == std::vector<std::string>{"a", "b"});  // a2; b3 (after abandoning b2)
  CHECK(i1.abandoned.empty());
  CHECK(i1.cycles == 5);  // a1 a2 a5 b2 b3
  const auto& i2 = r.ideas[1];
  CHECK(i2.listed == std::vector<std::string>{"a", "c", "d"});
  CHECK(i2.testing == std::vector<std::string>{"a", "d"});
  CHECK(i2.adopted.empty());
  CHECK(i2.abandoned == std::vector<std::string>{"a"});  // a's latest decision on i2 is a3's abandon; a4 is open
  CHECK(i2.cycles == 3);
  const auto& o1 = r.ideas[2];
  CHECK(o1.owner == "b");
  CHECK(o1.listed == std::vector<std::string>{"b"});
  CHECK(o1.adopted == std::vector<std::string>{"b"});
}

TEST_CASE("improvement: ramps, their length and outcome", "[improvement]") {
  auto p = project();
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  // a1 <- a2, a1 <- a5 (one ramp of 3; its latest cycle a5 is open); a3 alone (abandon); a4 alone (open);
  // b2 <- b3 (adopt on 04-10); b1 alone (adopt); d1 alone (open).
  REQUIRE(r.ramps.size() == 6);
  CHECK(r.ramps[0].first == "a1");
  CHECK(r.ramps[0].cycles == std::vector<std::string>{"a1", "a2", "a5"});
  CHECK(r.ramps[0].length() == 3);
  CHECK(r.ramps[0].last == "a5");
  CHECK(r.ramps[0].outcome == "open");
  CHECK_FALSE(r.ramps[0].end);
  CHECK(r.ramps[1].first == "a3");
  CHECK(r.ramps[1].outcome == "abandon");
  CHECK(r.ramps[2].first == "a4");
  CHECK(r.ramps[2].outcome == "open");
  CHECK(r.ramps[3].cycles == std::vector<std::string>{"b2", "b3"});
  CHECK(r.ramps[3].outcome == "adopt");
  CHECK(r.ramps[3].end == day("2026-04-10"));
  CHECK(r.ramps[4].first == "b1");
  CHECK(r.ramps[5].first == "d1");
  // A week later than a5's decision, the first ramp is adopted.
  r = improvement(p, {}, day("2026-07-08"), 8);
  CHECK(r.ramps[0].outcome == "adopt");
  CHECK(r.ramps[0].end == day("2026-07-01"));
}

TEST_CASE("improvement: a loop of builds_on does not hang", "[improvement]") {
  auto p = project();
  p.cycles[0].builds_on = "a2";  // a1 <- a2 <- a1: validate refuses it; metrics must still end
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  CHECK(r.cycles.size() == 9);
}

TEST_CASE("improvement: annotations on a team's charts", "[improvement]") {
  auto p = project();
  ImprovementResult r = improvement(p, {}, day("2026-06-15"), 8);
  // m-out is i1's outcome measure; i2 names no measure, so its cycles go on every chart. Team a on m-out:
  // a1 start 02-02, a1 decision 02-16, a2 start 02-23, a3 start 03-02, a5 start 03-02, a2 decision 03-20,
  // a3 decision 03-27, a4 start 05-04 (a5's decision is after as_of).
  auto on_out = chart_annotations(r, p.measures[0], "a");
  REQUIRE(on_out.size() == 8);
  CHECK(on_out[0].cycle == "a1");
  CHECK(on_out[0].event == "start");
  CHECK(on_out[0].period == ReportingPeriod(per("2026-02")));
  CHECK(on_out[1].event == "decision");
  CHECK(on_out[1].decision == "adapt");
  CHECK(on_out[3].cycle == "a3");
  CHECK(on_out[4].cycle == "a5");
  CHECK(on_out[7].cycle == "a4");
  // m-other: only i2's: a3 start, a3 decision, a4 start.
  auto on_other = chart_annotations(r, p.measures[1], "a");
  REQUIRE(on_other.size() == 3);
  CHECK(on_other[1].decision == "abandon");
  // A weekly chart places them on ISO weeks: Monday 2026-03-02 is in 2026-W10 (W01 starts 2025-12-29).
  auto on_weekly = chart_annotations(r, p.measures[2], "a");
  REQUIRE(on_weekly.size() == 3);
  CHECK(format_period(on_weekly[0].period) == "2026-W10");
}

TEST_CASE("improvement: a team scope keeps its cycles only", "[improvement]") {
  auto p = project();
  Scope scope;
  scope.teams = {"b"};
  ImprovementResult r = improvement(p, scope, day("2026-06-15"), 8);
  CHECK(r.cycles.size() == 3);
  REQUIRE(r.teams.size() == 1);
  CHECK(r.ideas[0].listed == std::vector<std::string>{"b"});
  // compute_metrics attaches them to team series of the measures section.
  MetricsResult m = compute_metrics(p, scope, day("2026-06-15"), {Section::improvement});
  REQUIRE(m.improvement);
  CHECK(m.improvement->ramps.size() == 2);
}
