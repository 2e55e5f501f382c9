// lib/metrics (measures, health, metrics): series, baselines, limits, goals, completeness, participation and
// progress on small collaboratives built as model structs. Every expected number is worked out by hand in
// the comment beside it; the formulas are those of /work/shared/docs/references.md ("Run charts",
// "Control charts", "Goals": Anhoej & Olesen 2014 / qicharts2, Perla, Provost & Murray 2011, Montgomery 6.4)
// and of lib/metrics/health.h for completeness and participation.
#include "metrics/health.h"
#include "metrics/measures.h"
#include "metrics/metrics.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

using namespace collab;
using namespace collab::metrics;

namespace {

Period per(const char* s) { return *parse_period(s); }
ReportingPeriod week(const char* s) { return *parse_week(s); }
Date day(const char* s) { return *parse_date(s); }

model::Value ratio(double n, double d) {
  model::Value v;
  v.numerator = n;
  v.denominator = d;
  return v;
}
model::Value value(double x) {
  model::Value v;
  v.value = x;
  return v;
}
model::Value missing(const char* reason) {
  model::Value v;
  v.set_missing(reason);
  return v;
}

model::Team team(const char* id, const char* joined = nullptr) {
  model::Team t;
  t.id = id;
  t.name = id;
  t.status = "active";
  if (joined) t.joined = day(joined);
  return t;
}

model::Member member(const char* id, const char* engagement = "", const char* joined = nullptr) {
  model::Member m;
  m.id = id;
  m.name = id;
  m.engagement = engagement;
  if (joined) m.joined = day(joined);
  return m;
}

model::Collaborative collab_2026() {
  model::Collaborative c;
  c.id = "test-lc";
  c.start = day("2026-01-05");
  c.end = day("2026-12-18");
  return c;
}

// Sets team's value of `measure` for `period` (creating the data file and period as needed).
void put(model::Project& p, const std::string& team_id, const char* period, const std::string& measure, model::Value v,
         const char* submitted = nullptr) {
  auto d = std::find_if(p.data.begin(), p.data.end(), [&](const model::TeamData& x) { return x.team == team_id; });
  if (d == p.data.end()) {
    p.data.push_back({});
    p.data.back().team = team_id;
    d = p.data.end() - 1;
  }
  const ReportingPeriod at = *parse_reporting_period(period);  // a month or a week
  auto e = std::find_if(d->periods.begin(), d->periods.end(), [&](const model::DataPeriod& x) { return x.period == at; });
  if (e == d->periods.end()) {
    d->periods.push_back({});
    d->periods.back().period = at;
    e = d->periods.end() - 1;
  }
  e->values[measure] = std::move(v);
  if (submitted) e->submitted = day(submitted);
}

model::Measure proportion(const char* id) {
  model::Measure m;
  m.id = id;
  m.name = id;
  m.type = "proportion";
  m.numerator = "n";
  m.denominator = "d";
  m.better = "higher";
  m.multiplier = 100;
  m.unit = "%";
  return m;
}

model::Measure plain(const char* id, const char* type, const char* better = "higher") {
  model::Measure m;
  m.id = id;
  m.name = id;
  m.type = type;
  m.better = better;
  return m;
}

const SeriesResult& series(const std::vector<SeriesResult>& all, const std::string& measure, const std::string& team) {
  for (const auto& s : all) {
    if (s.measure == measure && s.team == team) return s;
  }
  throw std::runtime_error("no series " + measure + "/" + team);
}

bool has_series(const std::vector<SeriesResult>& all, const std::string& measure, const std::string& team) {
  return std::any_of(all.begin(), all.end(), [&](const SeriesResult& s) { return s.measure == measure && s.team == team; });
}

std::vector<std::string> periods_of(const SeriesResult& s) {
  std::vector<std::string> out;
  for (const auto& pt : s.points) out.push_back(format_period(pt.period));
  return out;
}

// Team alpha's screening: 10/20, 12/20, 8/20, 15/20, 16/20 in 2026-01..05 = 50, 60, 40, 75, 80 %.
model::Project screening_project() {
  model::Project p;
  p.collaborative = collab_2026();
  p.teams.push_back(team("alpha", "2026-01-05"));
  p.measures.push_back(proportion("screened"));
  put(p, "alpha", "2026-01", "screened", ratio(10, 20));
  put(p, "alpha", "2026-02", "screened", ratio(12, 20));
  put(p, "alpha", "2026-03", "screened", ratio(8, 20));
  put(p, "alpha", "2026-04", "screened", ratio(15, 20));
  put(p, "alpha", "2026-05", "screened", ratio(16, 20));
  return p;
}

}  // namespace

TEST_CASE("measure_series: proportion in %, baseline from-to frozen for the median and the P-chart limits", "[metrics]") {
  model::Project p = screening_project();
  p.measures[0].baseline_from = per("2026-01");
  p.measures[0].baseline_to = per("2026-03");
  p.measures[0].goal = 90;
  auto all = measure_series(p, {});
  REQUIRE(all.size() == 2);  // pooled, then alpha
  CHECK(all[0].team.empty());
  CHECK(all[1].team == "alpha");
  const SeriesResult& s = all[1];
  CHECK(s.chart == ChartType::p);
  REQUIRE(s.points.size() == 5);
  // Values in %: numerator / denominator x 100.
  CHECK(s.points[0].value == Approx(50));
  CHECK(s.points[1].value == Approx(60));
  CHECK(s.points[2].value == Approx(40));
  CHECK(s.points[3].value == Approx(75));
  CHECK(s.points[4].value == Approx(80));
  CHECK(*s.points[0].numerator == 10);
  CHECK(*s.points[0].denominator == 20);
  CHECK(s.points[0].baseline);
  CHECK(s.points[2].baseline);
  CHECK_FALSE(s.points[3].baseline);
  // Run chart: median of the baseline (50, 60, 40) = 50, frozen.
  CHECK(s.median_from_baseline);
  CHECK(*s.median == Approx(50));
  // Anhoej around 50: 50 is on the centre and dropped; 60+, 40-, 75+, 80+ -> 4 useful points, 3 runs,
  // 2 crossings, longest run 2; max = round(log2 4) + 3 = 5; min crossings = qbinom(0.05, 3, .5) = 0
  // (pbinom(0, 3) = 0.125 >= 0.05). No signal.
  CHECK(s.anhoej.n_useful == 4);
  CHECK(s.anhoej.crossings == 2);
  CHECK(s.anhoej.longest_run == 2);
  CHECK(s.anhoej.longest_run_max == 5);
  CHECK(s.anhoej.crossings_min == 0);
  CHECK_FALSE(s.run_signal);
  CHECK(s.run_rules == "anhoej");
  CHECK(s.control_rules == "provost-murray");
  // P chart from the baseline only: p-bar = (10 + 12 + 8) / 60 = 0.5; sigma = sqrt(0.5 x 0.5 / 20) = 0.1118034;
  // UCL = 0.5 + 3 x 0.1118034 = 0.8354102 -> 83.54102 %, LCL = 0.1645898 -> 16.45898 %.
  REQUIRE(s.segments.size() == 1);
  CHECK(s.segments[0].baseline_points == 3);
  CHECK(*s.segments[0].centre == Approx(50));
  CHECK(s.segments[0].reason.empty());
  for (const auto& pt : s.points) {
    CHECK(*pt.centre == Approx(50));
    CHECK(*pt.ucl == Approx(83.54102).margin(1e-5));
    CHECK(*pt.lcl == Approx(16.45898).margin(1e-5));
    CHECK(pt.segment == 0);
    CHECK_FALSE(pt.moving_range);
  }
  // Provost-Murray 2 of 3 beyond 2 sigma (0.5 + 0.2236068 = 72.36 %): 75 and 80 in the window 40, 75, 80.
  CHECK(s.points[2].control_signals.empty());
  CHECK(s.points[3].control_signals.names() == std::vector<std::string>{"two-of-three"});
  CHECK(s.points[4].control_signals.names() == std::vector<std::string>{"two-of-three"});
  CHECK(s.control_signal);
  // Progress: baseline = median(50, 60, 40) = 50; latest 80 (2026-05); change 30; relative 30 / 50 = 0.6;
  // goal 90 (in %) not met; share of the gap closed = (80 - 50) / (90 - 50) = 0.75.
  CHECK(*s.baseline == Approx(50));
  CHECK(*s.latest == Approx(80));
  CHECK(*s.latest_period == per("2026-05"));
  CHECK(*s.change == Approx(30));
  CHECK(*s.relative_change == Approx(0.6));
  CHECK(*s.goal == 90);
  CHECK(s.goal_source == "measure");
  CHECK(*s.goal_met == false);
  CHECK(*s.share_of_gap_closed == Approx(0.75));
  CHECK(s.skipped.empty());
}

TEST_CASE("measure_series: baseline {periods: N} and no baseline", "[metrics]") {
  SECTION("the first 2 points") {
    model::Project p = screening_project();
    p.measures[0].baseline_periods = 2;
    p.measures[0].goal = 90;
    auto all = measure_series(p, {});
    const SeriesResult& s = series(all, "screened", "alpha");
    CHECK(s.points[0].baseline);
    CHECK(s.points[1].baseline);
    CHECK_FALSE(s.points[2].baseline);
    // median(50, 60) = 55; p-bar = 22 / 40 = 0.55; sigma = sqrt(0.55 x 0.45 / 20) = 0.1112430;
    // UCL = 0.55 + 0.3337289 = 88.37289 %, LCL = 0.2162711 = 21.62711 %.
    CHECK(s.median_from_baseline);
    CHECK(*s.median == Approx(55));
    CHECK(*s.baseline == Approx(55));
    CHECK(s.segments[0].baseline_points == 2);
    CHECK(*s.points[4].centre == Approx(55));
    CHECK(*s.points[4].ucl == Approx(88.37289).margin(1e-5));
    CHECK(*s.points[4].lcl == Approx(21.62711).margin(1e-5));
    // change = 80 - 55 = 25; share = 25 / (90 - 55) = 0.7142857.
    CHECK(*s.change == Approx(25));
    CHECK(*s.share_of_gap_closed == Approx(0.7142857));
  }
  SECTION("none: median and limits from every point, no baseline, no change") {
    model::Project p = screening_project();
    p.measures[0].goal = 90;
    auto all = measure_series(p, {});
    const SeriesResult& s = series(all, "screened", "alpha");
    for (const auto& pt : s.points) CHECK_FALSE(pt.baseline);
    // median(50, 60, 40, 75, 80) = 60.
    CHECK_FALSE(s.median_from_baseline);
    CHECK(*s.median == Approx(60));
    // p-bar = 61 / 100 = 0.61; sigma = sqrt(0.61 x 0.39 / 20) = 0.1090642; UCL = 0.61 + 0.3271926 = 93.71926 %,
    // LCL = 0.2828074 = 28.28074 %.
    CHECK(s.segments[0].baseline_points == 5);
    CHECK(*s.points[0].centre == Approx(61));
    CHECK(*s.points[0].ucl == Approx(93.71926).margin(1e-5));
    CHECK(*s.points[0].lcl == Approx(28.28074).margin(1e-5));
    CHECK_FALSE(s.control_signal);  // 2 sigma = 21.8 %: 80 - 61 = 19, 61 - 40 = 21 are inside
    CHECK_FALSE(s.baseline);
    CHECK_FALSE(s.change);
    CHECK_FALSE(s.relative_change);
    CHECK_FALSE(s.share_of_gap_closed);
    CHECK(*s.latest == Approx(80));
    CHECK(*s.goal_met == false);  // 80 < 90
  }
}

TEST_CASE("measure_series: pooled series, denominator 0 and missing values", "[metrics]") {
  model::Project p = screening_project();
  p.teams.push_back(team("beta", "2026-01-05"));
  put(p, "beta", "2026-01", "screened", ratio(5, 10));
  put(p, "beta", "2026-02", "screened", ratio(0, 0));
  put(p, "beta", "2026-03", "screened", missing("Clinic closed"));
  put(p, "beta", "2026-04", "screened", ratio(6, 10));
  p.measures.push_back(plain("incidents", "count", "lower"));
  put(p, "alpha", "2026-01", "incidents", value(3));
  put(p, "beta", "2026-01", "incidents", value(4));
  put(p, "alpha", "2026-02", "incidents", value(5));
  p.measures.push_back(plain("wait", "continuous", "lower"));
  put(p, "alpha", "2026-01", "wait", value(20));
  put(p, "beta", "2026-01", "wait", value(30));
  put(p, "alpha", "2026-02", "wait", value(10));

  auto all = measure_series(p, {});
  // Measures in ID order, each pooled first, then the teams in ID order.
  REQUIRE(all.size() == 9);
  CHECK(all[0].measure == "incidents");
  CHECK(all[0].team.empty());
  CHECK(all[1].team == "alpha");
  CHECK(all[2].team == "beta");
  CHECK(all[3].measure == "screened");
  CHECK(all[6].measure == "wait");

  SECTION("ratios: sum of numerators over sum of denominators") {
    const SeriesResult& pooled = series(all, "screened", "");
    CHECK(periods_of(pooled) == std::vector<std::string>{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"});
    // 2026-01: (10 + 5) / (20 + 10) = 50 %, 2 teams; 2026-02: beta's 0/0 is left out: 12/20 = 60 %, 1 team;
    // 2026-03: beta missing: 8/20 = 40 %; 2026-04: (15 + 6) / (20 + 10) = 70 %, 2 teams; 2026-05: 16/20 = 80 %.
    CHECK(*pooled.points[0].numerator == 15);
    CHECK(*pooled.points[0].denominator == 30);
    CHECK(pooled.points[0].value == Approx(50));
    CHECK(pooled.points[0].teams == 2);
    CHECK(pooled.points[1].value == Approx(60));
    CHECK(pooled.points[1].teams == 1);
    CHECK(pooled.points[2].value == Approx(40));
    CHECK(pooled.points[2].teams == 1);
    CHECK(pooled.points[3].value == Approx(70));
    CHECK(pooled.points[3].teams == 2);
    CHECK(pooled.points[4].teams == 1);
    CHECK(pooled.skipped.empty());
    // P chart over all pooled points: p-bar = (15 + 12 + 8 + 21 + 16) / (30 + 20 + 20 + 30 + 20) = 72 / 120 = 0.6;
    // at n = 30: sigma = sqrt(0.6 x 0.4 / 30) = 0.0894427, UCL = 0.6 + 0.2683282 = 86.83282 %.
    CHECK(*pooled.points[0].centre == Approx(60));
    CHECK(*pooled.points[0].ucl == Approx(86.83282).margin(1e-5));
  }
  SECTION("a team's denominator 0 is skipped with a note, a missing value is left out") {
    const SeriesResult& beta = series(all, "screened", "beta");
    CHECK(periods_of(beta) == std::vector<std::string>{"2026-01", "2026-04"});
    CHECK(beta.skipped == std::vector<std::string>{"2026-02: denominator 0", "2026-03: missing (Clinic closed)"});
    CHECK(beta.points[1].value == Approx(60));  // 6 / 10
  }
  SECTION("counts summed, continuous averaged over reporting teams") {
    const SeriesResult& inc = series(all, "incidents", "");
    CHECK(inc.chart == ChartType::c);
    REQUIRE(inc.points.size() == 2);
    CHECK(inc.points[0].value == 7);  // 3 + 4
    CHECK(inc.points[0].teams == 2);
    CHECK(inc.points[1].value == 5);
    CHECK(inc.points[1].teams == 1);
    CHECK_FALSE(inc.points[0].numerator);  // counts have no numerator/denominator
    const SeriesResult& wait = series(all, "wait", "");
    CHECK(wait.chart == ChartType::xmr);
    CHECK(wait.points[0].value == Approx(25));  // (20 + 30) / 2
    CHECK(wait.points[0].teams == 2);
    CHECK(wait.points[1].value == Approx(10));  // alpha alone
  }
}

TEST_CASE("measure_series: goals, better lower, team goals override the measure's", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  p.teams.push_back(team("alpha"));
  p.teams.push_back(team("beta"));
  model::Goal g;
  g.id = "faster";
  g.measure = "wait";
  g.target = 15;
  g.by = day("2026-10-31");
  p.teams[1].goals.push_back(g);
  model::Goal unrelated;  // a goal without a measure changes nothing
  unrelated.id = "culture";
  unrelated.text = "Talk more";
  p.teams[0].goals.push_back(unrelated);
  model::Measure wait = plain("wait", "continuous", "lower");
  wait.baseline_periods = 2;
  wait.goal = 10;
  wait.goal_by = day("2026-12-01");
  p.measures.push_back(wait);
  for (const char* t : {"alpha", "beta"}) {
    put(p, t, "2026-01", "wait", value(30));
    put(p, t, "2026-02", "wait", value(20));
    put(p, t, "2026-03", "wait", value(14));
  }
  auto all = measure_series(p, {});

  // alpha: baseline = median(30, 20) = 25; latest 14; change -11; relative -11 / 25 = -0.44; goal 10 (lower is
  // better): 14 > 10 not met; share = (14 - 25) / (10 - 25) = 0.7333333.
  const SeriesResult& a = series(all, "wait", "alpha");
  CHECK(*a.baseline == Approx(25));
  CHECK(*a.change == Approx(-11));
  CHECK(*a.relative_change == Approx(-0.44));
  CHECK(*a.goal == 10);
  CHECK(a.goal_source == "measure");
  CHECK(*a.goal_by == day("2026-12-01"));
  CHECK(*a.goal_met == false);
  CHECK(*a.share_of_gap_closed == Approx(0.7333333));
  // XmR from the 2 baseline points: x-bar = 25; MR-bar = |20 - 30| = 10; limits 25 +/- 2.66 x 10 = -1.6, 51.6;
  // MR UCL 3.267 x 10 = 32.67 (Montgomery 6.4). Moving ranges: none, 10, 6.
  REQUIRE(a.segments.size() == 1);
  CHECK(*a.segments[0].centre == Approx(25));
  CHECK(*a.segments[0].mr_bar == Approx(10));
  CHECK(*a.segments[0].mr_ucl == Approx(32.67));
  CHECK(*a.points[2].ucl == Approx(51.6));
  CHECK(*a.points[2].lcl == Approx(-1.6));
  CHECK_FALSE(a.points[0].moving_range);
  CHECK(*a.points[1].moving_range == Approx(10));
  CHECK(*a.points[2].moving_range == Approx(6));

  // beta's own goal: 15 by 2026-10-31: 14 <= 15 met; share = (14 - 25) / (15 - 25) = 1.1.
  const SeriesResult& b = series(all, "wait", "beta");
  CHECK(*b.goal == 15);
  CHECK(b.goal_source == "team");
  CHECK(*b.goal_by == day("2026-10-31"));
  CHECK(*b.goal_met == true);
  CHECK(*b.share_of_gap_closed == Approx(1.1));

  // The pooled series keeps the measure's goal (mean of alpha and beta = 30, 20, 14 again).
  const SeriesResult& pooled = series(all, "wait", "");
  CHECK(*pooled.goal == 10);
  CHECK(pooled.goal_source == "measure");
  CHECK(*pooled.goal_met == false);

  SECTION("better higher: met at or above the goal") {
    model::Project q = screening_project();
    q.measures[0].baseline_from = per("2026-01");
    q.measures[0].baseline_to = per("2026-03");
    q.measures[0].goal = 80;
    auto first = measure_series(q, {});
    const SeriesResult& s = series(first, "screened", "alpha");
    CHECK(*s.goal_met == true);                          // latest 80 >= 80
    CHECK(*s.share_of_gap_closed == Approx(1.0));        // (80 - 50) / (80 - 50)
    q.measures[0].goal = 50;                              // the goal equals the baseline: no share
    auto second = measure_series(q, {});
    const SeriesResult& t = series(second, "screened", "alpha");
    CHECK(*t.goal_met == true);
    CHECK_FALSE(t.share_of_gap_closed);
  }
}

TEST_CASE("measure_series: rule sets, measure > collab.yaml > defaults, and the run signals they give", "[metrics]") {
  // 11 points; baseline the first 4: median(10, 12, 11, 13) = 11.5. Sides: - + - then + for 13..20 (8 points,
  // indices 3..10).
  //   Anhoej: 11 useful points, longest run 8 > round(log2 11) + 3 = 6 -> "long-run" on 3..10; 4 runs, 3
  //   crossings >= qbinom(0.05, 10, .5) = 2 (pbinom(1, 10) = 11/1024, pbinom(2, 10) = 56/1024 = 0.0547).
  //   IHI: shift (6+ on one side) on 3..10; trend (5+ rising): 11, 13, ..., 20 = indices 2..10 (9 points).
  const std::vector<double> ys = {10, 12, 11, 13, 14, 15, 16, 17, 18, 19, 20};
  const char* months[] = {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
                          "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"};
  model::Project p;
  p.collaborative = collab_2026();
  p.collaborative->rules.run_chart = "ihi";
  p.collaborative->rules.control_chart = "western-electric";
  p.teams.push_back(team("alpha"));
  model::Measure a = plain("a", "continuous");
  a.chart = "run";
  a.baseline_periods = 4;
  a.rules.run_chart = "anhoej";
  a.rules.control_chart = "nhs";
  model::Measure b = a;
  b.id = "b";
  b.rules = {};
  p.measures.push_back(a);
  p.measures.push_back(b);
  for (size_t i = 0; i < ys.size(); ++i) {
    put(p, "alpha", months[i], "a", value(ys[i]));
    put(p, "alpha", months[i], "b", value(ys[i]));
  }

  CHECK(run_rules_for(p, p.measures[0]) == "anhoej");            // the measure's
  CHECK(control_rules_for(p, p.measures[0]) == "nhs");
  CHECK(run_rules_for(p, p.measures[1]) == "ihi");               // collab.yaml's data.rules
  CHECK(control_rules_for(p, p.measures[1]) == "western-electric");
  model::Project bare;
  CHECK(run_rules_for(bare, p.measures[1]) == "anhoej");         // defaults
  CHECK(control_rules_for(bare, p.measures[1]) == "provost-murray");

  auto all = measure_series(p, {});
  const SeriesResult& sa = series(all, "a", "alpha");
  CHECK(sa.run_rules == "anhoej");
  CHECK(*sa.median == Approx(11.5));
  CHECK(sa.anhoej.n_useful == 11);
  CHECK(sa.anhoej.longest_run == 8);
  CHECK(sa.anhoej.longest_run_max == 6);
  CHECK(sa.anhoej.crossings == 3);
  CHECK(sa.anhoej.crossings_min == 2);
  CHECK(sa.anhoej.long_run);
  CHECK_FALSE(sa.anhoej.few_crossings);
  CHECK(sa.run_signal);
  for (int i = 0; i < 11; ++i) {
    CHECK(sa.points[i].run_signals.names() == (i >= 3 ? std::vector<std::string>{"long-run"} : std::vector<std::string>{}));
  }
  // chart: run: no control chart at all.
  CHECK(sa.chart == ChartType::run);
  CHECK(sa.segments.empty());
  CHECK_FALSE(sa.points[0].centre);
  CHECK_FALSE(sa.points[0].ucl);
  CHECK_FALSE(sa.control_signal);

  const SeriesResult& sb = series(all, "b", "alpha");
  CHECK(sb.run_rules == "ihi");
  CHECK(sb.control_rules == "western-electric");
  REQUIRE(sb.ihi.shifts.size() == 1);
  CHECK(sb.ihi.shifts[0] == Span{3, 10});
  REQUIRE(sb.ihi.trends.size() == 1);
  CHECK(sb.ihi.trends[0] == Span{2, 10});
  CHECK(sb.run_signal);
  CHECK(sb.points[1].run_signals.empty());
  CHECK(sb.points[2].run_signals.names() == std::vector<std::string>{"trend"});
  CHECK(sb.points[3].run_signals.names() == (std::vector<std::string>{"shift", "trend"}));
  CHECK(sb.points[10].run_signals.names() == (std::vector<std::string>{"shift", "trend"}));
}

TEST_CASE("measure_series: a point where two IHI trends meet carries \"trend\" once", "[metrics]") {
  // 1 2 3 4 5 4 3 2 1: a rising trend on 0..4 and a falling one on 4..8 (5 points each, IHI: 5 or more); the
  // turning point 4 is in both (spc.cpp: trends). It used to list "trend" twice in JSON and CSV.
  model::Project p;
  p.collaborative = collab_2026();
  p.collaborative->rules.run_chart = "ihi";
  p.teams.push_back(team("alpha"));
  model::Measure c = plain("c", "continuous");
  c.chart = "run";
  p.measures.push_back(c);
  const std::vector<double> ys = {1, 2, 3, 4, 5, 4, 3, 2, 1};
  for (size_t i = 0; i < ys.size(); ++i) put(p, "alpha", ("2026-0" + std::to_string(i + 1)).c_str(), "c", value(ys[i]));
  auto all = measure_series(p, {});
  const SeriesResult& s = series(all, "c", "alpha");
  REQUIRE(s.ihi.trends.size() == 2);
  CHECK(s.ihi.trends[0] == Span{0, 4});
  CHECK(s.ihi.trends[1] == Span{4, 8});
  CHECK(s.points[4].run_signals.names() == std::vector<std::string>{"trend"});
  CHECK(s.points[3].run_signals.names() == std::vector<std::string>{"trend"});
  const std::string csv = to_csv([&] {
    MetricsResult r;
    r.series = {s};
    return r;
  }(), Section::measures);
  CHECK(csv.find("trend;trend") == std::string::npos);
}

TEST_CASE("measure_series: rebases split the control chart; team rebases stay with their team", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  p.teams.push_back(team("alpha"));
  p.teams.push_back(team("beta"));
  model::Measure falls = plain("falls", "count", "lower");
  model::Rebase all_teams;
  all_teams.period = per("2026-04");
  all_teams.reason = "New protocol";
  all_teams.periods = 2;
  model::Rebase beta_only;
  beta_only.period = per("2026-03");
  beta_only.team = "beta";
  beta_only.reason = "Beta moved clinics";
  falls.rebases = {all_teams, beta_only};
  p.measures.push_back(falls);
  const char* months[] = {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"};
  const double alpha_counts[] = {10, 12, 8, 4, 6, 20};
  for (int i = 0; i < 6; ++i) {
    put(p, "alpha", months[i], "falls", value(alpha_counts[i]));
    put(p, "beta", months[i], "falls", value(1));
  }
  auto all = measure_series(p, {});

  // alpha: segment 0 = 2026-01..03 (no baseline: all 3): c-bar = (10 + 12 + 8) / 3 = 10, sigma = sqrt(10) =
  // 3.1622777; UCL = 19.486833, LCL = 0.513167. Segment 1 from 2026-04, its first 2 points: c-bar = (4 + 6) / 2
  // = 5; UCL = 5 + 3 sqrt(5) = 11.708204, LCL = max(0, 5 - 6.708) = 0; June's 20 is outside. beta's rebase
  // does not apply.
  const SeriesResult& a = series(all, "falls", "alpha");
  REQUIRE(a.segments.size() == 2);
  CHECK(a.segments[0].from == per("2026-01"));
  CHECK(a.segments[0].baseline_points == 3);
  CHECK(*a.segments[0].centre == Approx(10));
  CHECK(a.segments[1].from == per("2026-04"));
  CHECK(a.segments[1].reason == "New protocol");
  CHECK(a.segments[1].baseline_points == 2);
  CHECK(*a.segments[1].centre == Approx(5));
  CHECK(a.points[2].segment == 0);
  CHECK(*a.points[2].ucl == Approx(19.486833).margin(1e-6));
  CHECK(*a.points[2].lcl == Approx(0.513167).margin(1e-6));
  CHECK(a.points[3].segment == 1);
  CHECK(*a.points[5].centre == Approx(5));
  CHECK(*a.points[5].ucl == Approx(11.708204).margin(1e-6));
  CHECK(*a.points[5].lcl == 0);
  CHECK(a.points[5].control_signals.names() == std::vector<std::string>{"outside"});
  CHECK(a.points[4].control_signals.empty());
  CHECK(a.control_signal);

  // beta: 3 segments: 2026-01..02, its own rebase at 2026-03 (one point, all of it), 2026-04.. (first 2).
  const SeriesResult& b = series(all, "falls", "beta");
  REQUIRE(b.segments.size() == 3);
  CHECK(b.segments[1].from == per("2026-03"));
  CHECK(b.segments[1].reason == "Beta moved clinics");
  CHECK(b.segments[1].baseline_points == 1);
  CHECK(b.segments[2].from == per("2026-04"));
  CHECK(b.segments[2].baseline_points == 2);
  CHECK(b.points[2].segment == 1);
  CHECK(*b.points[0].ucl == Approx(4));  // c-bar 1: 1 + 3 sqrt(1)

  // pooled = alpha + beta = 11, 13, 9 | 5, 7, 21: only the every-team rebase. Segment 0: c-bar 11, UCL = 11 +
  // 3 sqrt(11) = 20.949874; segment 1: c-bar (5 + 7) / 2 = 6, UCL = 6 + 3 sqrt(6) = 13.348469; 21 outside.
  const SeriesResult& pooled = series(all, "falls", "");
  REQUIRE(pooled.segments.size() == 2);
  CHECK(pooled.segments[1].reason == "New protocol");
  CHECK(*pooled.segments[0].centre == Approx(11));
  CHECK(*pooled.points[0].ucl == Approx(20.949874).margin(1e-6));
  CHECK(*pooled.segments[1].centre == Approx(6));
  CHECK(*pooled.points[5].ucl == Approx(13.348469).margin(1e-6));
  CHECK(pooled.points[5].control_signals.names() == std::vector<std::string>{"outside"});
}

TEST_CASE("measure_series: scope by team, measure and period", "[metrics]") {
  model::Project p = screening_project();
  p.teams.push_back(team("beta"));
  put(p, "beta", "2026-01", "screened", ratio(5, 10));
  p.measures.push_back(plain("wait", "continuous", "lower"));
  put(p, "alpha", "2026-01", "wait", value(20));

  Scope scope;
  scope.from = per("2026-02");
  scope.to = per("2026-04");
  auto all = measure_series(p, scope);
  // beta's only value (2026-01) is out of the range: no beta series; wait has nothing in range: no series.
  REQUIRE(all.size() == 2);
  const SeriesResult& s = series(all, "screened", "alpha");
  CHECK(periods_of(s) == std::vector<std::string>{"2026-02", "2026-03", "2026-04"});
  // The median is the whole series' (50, 60, 40, 75, 80) = 60: the range shown does not move it.
  CHECK(*s.median == Approx(60));
  CHECK(*s.latest_period == per("2026-04"));
  CHECK_FALSE(has_series(all, "screened", "beta"));
  CHECK_FALSE(has_series(all, "wait", ""));

  // A frozen baseline before the range stays the baseline: median(50, 60, 40) = 50, and the change is
  // measured from it to the range's last point (80 in 2026-05).
  p.measures[0].baseline_from = per("2026-01");
  p.measures[0].baseline_to = per("2026-03");
  Scope later;
  later.from = per("2026-04");
  auto frozen = measure_series(p, later);
  const SeriesResult& f = series(frozen, "screened", "alpha");
  CHECK(periods_of(f) == std::vector<std::string>{"2026-04", "2026-05"});
  CHECK(*f.median == Approx(50));
  CHECK(*f.baseline == Approx(50));
  CHECK(*f.latest == Approx(80));
  CHECK(*f.change == Approx(30));
  // P limits from the baseline: p-bar = 30 / 60 = 0.5; at n = 20, 0.5 + 3 sqrt(0.25 / 20) = 0.835410 -> 83.541 %.
  CHECK(*f.points[0].ucl == Approx(83.54102).margin(1e-5));

  Scope only;
  only.teams = {"beta"};
  only.measures = {"screened"};
  auto some = measure_series(p, only);
  REQUIRE(some.size() == 2);
  CHECK(some[0].team.empty());
  CHECK(some[1].team == "beta");
  CHECK(some[0].points[0].value == Approx(50));  // the pooled series of beta alone: 5 / 10
}

TEST_CASE("completeness: statuses against the due day, core measures, late joiners and withdrawals", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  p.collaborative->data_due_day = 15;
  model::Measure screened = proportion("screened");
  screened.core = true;
  model::Measure wait = plain("wait", "continuous", "lower");
  wait.core = true;
  p.measures = {wait, plain("extra", "count"), screened};
  p.teams.push_back(team("alpha", "2026-01-05"));
  p.teams.push_back(team("beta", "2026-03-10"));  // joined in March: from 2026-03
  model::Team gamma = team("gamma", "2026-01-05");
  gamma.status = "withdrawn";
  gamma.withdrawal = model::Withdrawal{day("2026-03-20"), "Lost funding"};  // nothing expected from 2026-03
  p.teams.push_back(gamma);
  // alpha: 2026-01 on the due day (15 Feb) -> submitted x2; 2026-02 after its due day (15 Mar) -> screened late,
  // wait explained; 2026-03 nothing, due 15 Apr -> missing x2; 2026-04 screened without a date -> submitted,
  // wait nothing and due 15 May (after as_of) -> pending.
  put(p, "alpha", "2026-01", "screened", ratio(1, 2), "2026-02-15");
  put(p, "alpha", "2026-01", "wait", value(3));
  put(p, "alpha", "2026-02", "screened", ratio(1, 2), "2026-03-20");
  put(p, "alpha", "2026-02", "wait", missing("Scheduler was down"));
  put(p, "alpha", "2026-04", "screened", ratio(1, 2));
  put(p, "alpha", "2026-05", "screened", ratio(1, 2));  // May has not ended by as_of: not counted
  const Date as_of = day("2026-05-10");                 // months ended: 2026-01..04

  auto r = completeness(p, as_of, {});
  CHECK(r.measures == std::vector<std::string>{"screened", "wait"});  // core only, in ID order
  const auto& a = r.by_team.at("alpha");
  CHECK(a.expected == 8);  // 4 months x 2 measures
  CHECK(a.submitted == 3);
  CHECK(a.late == 1);
  CHECK(a.explained == 1);
  CHECK(a.missing == 2);
  CHECK(a.pending == 1);
  CHECK(*a.completeness() == Approx(4.0 / 7));  // (3 + 1) / (8 - 1) = 0.5714286
  CHECK(*a.timeliness() == Approx(0.75));       // 3 / (3 + 1)
  // beta: 2026-03 missing x2, 2026-04 pending x2; completeness 0 / (4 - 2) = 0; timeliness none (0 / 0).
  const auto& b = r.by_team.at("beta");
  CHECK(b.expected == 4);
  CHECK(b.missing == 2);
  CHECK(b.pending == 2);
  CHECK(*b.completeness() == 0);
  CHECK_FALSE(b.timeliness());
  // gamma: 2026-01..02 only, all missing.
  const auto& g = r.by_team.at("gamma");
  CHECK(g.expected == 4);
  CHECK(g.missing == 4);
  // Total: 16 expected, 3 submitted, 1 late, 1 explained, 8 missing, 3 pending; completeness 4 / 13 = 0.3076923.
  CHECK(r.total.expected == 16);
  CHECK(r.total.submitted == 3);
  CHECK(r.total.late == 1);
  CHECK(r.total.explained == 1);
  CHECK(r.total.missing == 8);
  CHECK(r.total.pending == 3);
  CHECK(*r.total.completeness() == Approx(4.0 / 13));
  CHECK(*r.total.timeliness() == Approx(0.75));

  // Cells by team, period, measure.
  REQUIRE(r.cells.size() == 16);
  const auto& c0 = r.cells[0];
  CHECK(c0.team == "alpha");
  CHECK(c0.measure == "screened");
  CHECK(c0.period == per("2026-01"));
  CHECK(c0.due == day("2026-02-15"));
  CHECK(c0.status == "submitted");
  CHECK(*c0.submitted == day("2026-02-15"));
  CHECK(r.cells[1].measure == "wait");
  CHECK(r.cells[1].status == "submitted");
  CHECK(r.cells[2].status == "late");
  CHECK(*r.cells[2].submitted == day("2026-03-20"));
  CHECK(r.cells[3].status == "explained");
  CHECK(r.cells[3].reason == "Scheduler was down");
  CHECK(r.cells[4].status == "missing");
  CHECK(r.cells[4].due == day("2026-04-15"));
  CHECK(r.cells[6].status == "submitted");
  CHECK_FALSE(r.cells[6].submitted);
  CHECK(r.cells[7].status == "pending");
  CHECK(r.cells[8].team == "beta");
  CHECK(r.cells[8].period == per("2026-03"));
  CHECK(r.cells[15].team == "gamma");
  CHECK(r.cells[15].period == per("2026-02"));

  // Only the missing cells, in the same order, with the same counts.
  auto m = completeness(p, as_of, {}, KeepCells::missing);
  std::vector<CompletenessCell> missing;
  std::copy_if(r.cells.begin(), r.cells.end(), std::back_inserter(missing), [](const auto& c) { return c.status == "missing"; });
  REQUIRE(m.cells.size() == 8);
  REQUIRE(missing.size() == 8);
  for (size_t i = 0; i < missing.size(); ++i) {
    CHECK(m.cells[i].team == missing[i].team);
    CHECK(m.cells[i].measure == missing[i].measure);
    CHECK(m.cells[i].period == missing[i].period);
    CHECK(m.cells[i].due == missing[i].due);
    CHECK(m.cells[i].status == "missing");
  }
  CHECK(m.total.expected == 16);
  CHECK(m.total.missing == 8);
  CHECK(m.by_team.at("alpha").submitted == 3);
  CHECK(m.by_team.at("beta").pending == 2);
}

TEST_CASE("completeness: without data.due_day, the last day of the next month; all measures when none is core",
          "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  p.measures = {plain("wait", "continuous"), plain("extra", "count")};
  p.teams.push_back(team("alpha", "2026-01-05"));

  // as_of 2026-02-28: January has ended (31 Jan < 28 Feb), February has not; January is due on 28 Feb, the
  // last day of February, which has not passed: pending.
  auto r = completeness(p, day("2026-02-28"), {});
  CHECK(r.measures == std::vector<std::string>{"extra", "wait"});
  REQUIRE(r.cells.size() == 2);
  CHECK(r.cells[0].due == day("2026-02-28"));
  CHECK(r.cells[0].status == "pending");
  CHECK_FALSE(r.total.completeness());  // nothing due yet

  // as_of 2026-03-01: January overdue (missing), February due on 31 Mar (pending).
  auto s = completeness(p, day("2026-03-01"), {});
  REQUIRE(s.cells.size() == 4);
  CHECK(s.cells[0].status == "missing");
  CHECK(s.cells[2].period == per("2026-02"));
  CHECK(s.cells[2].due == day("2026-03-31"));
  CHECK(s.cells[2].status == "pending");
  CHECK(s.total.missing == 2);
  CHECK(s.total.pending == 2);
  CHECK(*s.total.completeness() == 0);  // 0 / (4 - 2)
}

// Weekly measures: points by ISO week, pooled by week, a weekly baseline; a month reported for a weekly
// measure is not a point (validate reports it).
TEST_CASE("measure_series: a weekly count, pooled by week, with a weekly baseline and C-chart limits", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  p.teams = {team("alpha", "2026-01-05"), team("beta", "2026-01-05")};
  model::Measure calls = plain("calls", "count");
  calls.frequency = "weekly";
  calls.baseline_from = week("2026-W02");
  calls.baseline_to = week("2026-W04");
  p.measures = {calls};
  // alpha: 3, 5, 4, 6, 2, 4 in 2026-W02..W07; beta: 2 in W03, 6 in W04; a month for alpha is ignored.
  const char* weeks[] = {"2026-W02", "2026-W03", "2026-W04", "2026-W05", "2026-W06", "2026-W07"};
  const double alpha[] = {3, 5, 4, 6, 2, 4};
  for (int i = 5; i >= 0; --i) put(p, "alpha", weeks[i], "calls", value(alpha[i]));  // any order in the file
  put(p, "beta", "2026-W03", "calls", value(2));
  put(p, "beta", "2026-W04", "calls", value(6));
  put(p, "alpha", "2026-03", "calls", value(99));

  auto all = measure_series(p, {});
  const auto& a = series(all, "calls", "alpha");
  CHECK(periods_of(a) == std::vector<std::string>{"2026-W02", "2026-W03", "2026-W04", "2026-W05", "2026-W06", "2026-W07"});
  CHECK(a.chart == ChartType::c);
  // Baseline W02..W04: 3, 5, 4 -> median 4; c-bar = 12 / 3 = 4, UCL = 4 + 3 sqrt(4) = 10, LCL = max(0, 4 - 6) = 0.
  CHECK(*a.baseline == 4);
  CHECK(*a.median == 4);
  CHECK(a.points[0].baseline);
  CHECK_FALSE(a.points[3].baseline);
  CHECK(*a.points[5].centre == Approx(4));
  CHECK(*a.points[5].ucl == Approx(10));
  CHECK(*a.points[5].lcl == 0);
  CHECK(format_period(*a.latest_period) == "2026-W07");
  CHECK(format_period(a.segments[0].from) == "2026-W02");
  // Pooled: the sum per week: 3, 7 (2 teams), 10 (2 teams), 6, 2, 4. Baseline 3, 7, 10: median 7; c-bar = 20 / 3,
  // UCL = 20/3 + 3 sqrt(20/3) = 6.666667 + 7.745967 = 14.412634.
  const auto& pooled = series(all, "calls", "");
  REQUIRE(pooled.points.size() == 6);
  CHECK(pooled.points[1].value == 7);
  CHECK(pooled.points[1].teams == 2);
  CHECK(pooled.points[2].value == 10);
  CHECK(*pooled.median == 7);
  CHECK(*pooled.points[0].ucl == Approx(14.412634));

  // --from 2026-02: the weeks whose Thursday is in February or later: W06 (Thursday 5 Feb) and W07; W05's
  // Thursday is 29 January.
  Scope feb;
  feb.from = per("2026-02");
  auto shown = measure_series(p, feb);
  CHECK(periods_of(series(shown, "calls", "alpha")) == std::vector<std::string>{"2026-W06", "2026-W07"});
  CHECK(*series(shown, "calls", "alpha").baseline == 4);  // the frozen baseline does not move with the range
  Scope jan;
  jan.to = per("2026-01");
  CHECK(periods_of(series(measure_series(p, jan), "calls", "alpha")).back() == "2026-W05");
}

// Collaborative 2026-01-05 (Monday of 2026-W02) to 2026-12-18; as of Tuesday 2026-02-03 the weeks ended are
// W02 (5-11 Jan) to W05 (26 Jan-1 Feb); each is due 7 days after its Sunday: 18 Jan, 25 Jan, 1 Feb, 8 Feb.
TEST_CASE("completeness: weekly measures, due days after the week's Sunday, joining and withdrawing", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  model::Measure calls = plain("calls", "count");
  calls.frequency = "weekly";
  calls.core = true;
  model::Measure screened = proportion("screened");
  screened.core = true;
  p.measures = {screened, calls};
  p.teams.push_back(team("alpha", "2026-01-05"));
  model::Team gamma = team("gamma", "2026-01-13");  // joined in W03
  gamma.status = "withdrawn";
  gamma.withdrawal = model::Withdrawal{day("2026-01-21"), "Lost funding"};  // in W04: weeks up to W03
  p.teams.push_back(gamma);
  put(p, "alpha", "2026-W02", "calls", value(3), "2026-01-16");  // due 18 Jan: submitted
  put(p, "alpha", "2026-W03", "calls", value(4), "2026-01-27");  // due 25 Jan: late
  // W04: nothing, due 1 Feb < 3 Feb: missing; W05: nothing, due 8 Feb: pending; 2026-01 screened: due 28 Feb, pending.
  const Date as_of = day("2026-02-03");

  auto r = completeness(p, as_of, {});
  CHECK(r.measures == std::vector<std::string>{"calls", "screened"});
  const auto& a = r.by_team.at("alpha");
  CHECK(a.expected == 5);
  CHECK(a.submitted == 1);
  CHECK(a.late == 1);
  CHECK(a.missing == 1);
  CHECK(a.pending == 2);
  // Cells by time: the month 2026-01 (from 1 Jan) before the weeks W02 (from 5 Jan) to W05.
  REQUIRE(r.cells.size() == 6);
  CHECK(r.cells[0].period == per("2026-01"));
  CHECK(r.cells[0].measure == "screened");
  CHECK(r.cells[0].due == day("2026-02-28"));
  CHECK(format_period(r.cells[1].period) == "2026-W02");
  CHECK(r.cells[1].due == day("2026-01-18"));
  CHECK(r.cells[1].status == "submitted");
  CHECK(r.cells[2].status == "late");
  CHECK(r.cells[2].due == day("2026-01-25"));
  CHECK(r.cells[3].status == "missing");
  CHECK(r.cells[3].due == day("2026-02-01"));
  CHECK(format_period(r.cells[4].period) == "2026-W05");
  CHECK(r.cells[4].status == "pending");
  // gamma: W03 only (joined in W03, withdrew in W04; no month ended before it withdrew): missing.
  CHECK(r.cells[5].team == "gamma");
  CHECK(format_period(r.cells[5].period) == "2026-W03");
  CHECK(r.cells[5].status == "missing");
  CHECK(r.by_team.at("gamma").expected == 1);

  // Each team's months instead of the cells (KeepCells::months): weeks by their Thursday's month; W05's is
  // 29 January. alpha's January: the month's screened (pending) and W02 to W05 (submitted, late, missing,
  // pending); gamma's: W03 (missing). The counts stay.
  auto by_month = completeness(p, as_of, {}, KeepCells::months);
  CHECK(by_month.cells.empty());
  REQUIRE(by_month.months.size() == 2);
  const CompletenessMonth& jan = by_month.months[0];
  CHECK(jan.team == "alpha");
  CHECK(jan.month == date::year(2026) / 1);
  // Expected, submitted, late, explained, missing, pending.
  const auto counts = [](const CompletenessCount& c) {
    return std::vector<int>{c.expected, c.submitted, c.late, c.explained, c.missing, c.pending};
  };
  CHECK(counts(jan.count) == std::vector<int>{5, 1, 1, 0, 1, 2});
  CHECK(jan.missing == std::vector<std::string_view>{"calls"});
  CHECK(by_month.months[1].team == "gamma");
  CHECK(by_month.months[1].count.expected == 1);
  CHECK(by_month.months[1].count.missing == 1);
  CHECK(by_month.total.expected == r.total.expected);
  CHECK(by_month.total.pending == r.total.pending);
  CHECK(by_month.by_team.at("alpha").late == 1);
  CHECK(r.months.empty());  // KeepCells::all keeps the cells only

  // data.weekly_due_days: 10 days makes W03 (due 28 Jan) on time and W04 (due 4 Feb) pending.
  p.collaborative->data_weekly_due_days = 10;
  auto t = completeness(p, as_of, {});
  CHECK(t.by_team.at("alpha").submitted == 2);
  CHECK(t.by_team.at("alpha").late == 0);
  CHECK(t.by_team.at("alpha").missing == 0);
  CHECK(t.by_team.at("alpha").pending == 3);

  // data.from 2026-02: weeks from W06 (Thursday 5 Feb); as of 2026-02-17, W06 and W07 have ended.
  p.collaborative->data_from = per("2026-02");
  auto f = completeness(p, day("2026-02-17"), {});
  std::vector<std::string> alpha_periods;
  for (const auto& c : f.cells) {
    if (c.team == "alpha") alpha_periods.push_back(format_period(c.period));
  }
  CHECK(alpha_periods == std::vector<std::string>{"2026-W06", "2026-W07"});
}

TEST_CASE("participation: teams and members expected while active, attended when anyone is present", "[metrics]") {
  model::Project p;
  p.collaborative = collab_2026();
  model::Team alpha = team("alpha", "2026-01-01");
  alpha.members = {member("a1", "crew"), member("a2", "passenger"), member("a3", "", "2026-03-01")};
  model::Team beta = team("beta", "2026-02-01");  // not active at LS1 (5 Jan)
  beta.members = {member("b1", "crew"), member("b2", "crew")};
  model::Team gamma = team("gamma", "2026-01-01");
  gamma.withdrawal = model::Withdrawal{day("2026-02-15"), "Closed"};
  gamma.members = {member("g1")};
  model::Team delta = team("delta", "2026-05-01");  // after every event
  delta.members = {member("d1", "deep-diver")};
  p.teams = {alpha, beta, gamma, delta};
  auto event = [](const char* id, const char* type, const char* start) {
    model::Event e;
    e.id = id;
    e.type = type;
    e.start = start;
    return e;
  };
  p.events = {event("ls1", "learning-session", "2026-01-05"), event("ls2", "learning-session", "2026-04-10T09:00"),
              event("call", "coaching-call", "2026-02-10")};
  auto attendance = [](const char* id, const char* ev, const char* date, std::vector<std::string> present,
                       std::vector<std::string> excused) {
    model::Attendance a;
    a.id = id;
    a.event = ev;
    if (date) a.date = day(date);
    a.present = std::move(present);
    a.excused = std::move(excused);
    return a;
  };
  p.attendance = {attendance("ls2", "ls2", nullptr, {"a1", "a2", "a3", "b1"}, {"b2"}),
                  attendance("call-2026-02-10", "call", "2026-02-10", {"b1"}, {"a1"}),
                  attendance("ls1", "ls1", nullptr, {"a1", "a2", "g1"}, {})};

  auto r = participation(p, {});
  CHECK(r.occurrences == 3);
  REQUIRE(r.teams.size() == 4);

  // alpha: LS1 (a1, a2 on the team; a3 joined later) 2/2 present; call 0/2 (a1 excused) not attended; LS2 3/3.
  // Team level 2 of 3 = 0.6666667; member level (2 + 0 + 3) / (2 + 2 + 3) = 5/7 = 0.7142857.
  const auto& a = r.teams[0];
  CHECK(a.team == "alpha");
  CHECK(a.overall.expected == 3);
  CHECK(a.overall.attended == 2);
  CHECK(*a.overall.rate() == Approx(2.0 / 3));
  CHECK(a.by_type.at("learning-session").expected == 2);
  CHECK(a.by_type.at("learning-session").attended == 2);
  CHECK(a.by_type.at("coaching-call").attended == 0);
  CHECK(a.members.expected == 7);
  CHECK(a.members.attended == 5);
  CHECK(*a.members.rate() == Approx(5.0 / 7));
  REQUIRE(a.learning_sessions.size() == 2);
  CHECK(a.learning_sessions[0].attendance == "ls1");
  CHECK(a.learning_sessions[0].date == day("2026-01-05"));  // the event's start: the attendance has no date
  CHECK(a.learning_sessions[0].members == 2);
  CHECK(a.learning_sessions[1].members == 3);
  CHECK(*a.full_team_every_session == true);
  CHECK(a.engagement == std::map<std::string, int>{{"crew", 1}, {"passenger", 1}, {"unrecorded", 1}});

  // beta: not expected at LS1; call attended (b1); LS2 1 of 2 present (b2 excused): attended, not full.
  // Members (1 + 1) / (2 + 2) = 0.5.
  const auto& b = r.teams[1];
  CHECK(b.overall.expected == 2);
  CHECK(b.overall.attended == 2);
  CHECK(*b.members.rate() == Approx(0.5));
  REQUIRE(b.learning_sessions.size() == 1);
  CHECK(b.learning_sessions[0].excused == 1);
  CHECK_FALSE(b.learning_sessions[0].full_team());
  CHECK(*b.full_team_every_session == false);

  // gamma: LS1 attended; the call (10 Feb, before its withdrawal on 15 Feb) not; LS2 after it withdrew: not
  // expected. 1 of 2.
  const auto& g = r.teams[3];  // teams in ID order: alpha, beta, delta, gamma
  CHECK(g.team == "gamma");
  CHECK(g.overall.expected == 2);
  CHECK(g.overall.attended == 1);
  CHECK(*g.full_team_every_session == true);

  // delta: nothing while active: no rate, no learning session, full_team_every_session none.
  const auto& d = r.teams[2];
  CHECK(d.team == "delta");
  CHECK(d.overall.expected == 0);
  CHECK_FALSE(d.overall.rate());
  CHECK_FALSE(d.full_team_every_session);
  CHECK(d.engagement == std::map<std::string, int>{{"deep-diver", 1}});

  // Over all teams: learning sessions 2 (alpha) + 1 (beta) + 1 (gamma) = 4 expected, 4 attended; calls 3
  // expected (alpha, beta, gamma), 1 attended (beta).
  CHECK(r.by_type.at("learning-session").expected == 4);
  CHECK(r.by_type.at("learning-session").attended == 4);
  CHECK(r.by_type.at("coaching-call").expected == 3);
  CHECK(r.by_type.at("coaching-call").attended == 1);
}

TEST_CASE("progress: per-period summaries of faculty and self scores, each team's change", "[metrics]") {
  model::Project p;
  // No self score: a negative `self` (a std::optional parameter here trips GCC 12's -Wmaybe-uninitialized at -O3).
  auto rating = [](const char* period, double score, double self = -1) {
    model::Rating r;
    r.period = per(period);
    r.score = score;
    if (self >= 0) r.self_score = self;
    r.assessor = "ada";
    return r;
  };
  model::TeamAssessments gamma{{}, "gamma", {rating("2026-03", 3.5)}};
  model::TeamAssessments alpha{{}, "alpha", {rating("2026-01", 2.0, 2.5), rating("2026-03", 4.0, 4.5), rating("2026-02", 3.0)}};
  model::TeamAssessments beta{{}, "beta", {rating("2026-01", 1.5, 2.0), rating("2026-03", 4.5)}};
  p.assessments = {gamma, alpha, beta};

  auto r = progress(p, {});
  REQUIRE(r.periods.size() == 3);
  // 2026-01: faculty 2.0, 1.5 -> mean = median = 1.75, none at 4+; self 2.5, 2.0 -> 2.25.
  const auto& jan = r.periods[0];
  CHECK(jan.period == per("2026-01"));
  CHECK(jan.faculty.n == 2);
  CHECK(*jan.faculty.mean == Approx(1.75));
  CHECK(*jan.faculty.median == Approx(1.75));
  CHECK(*jan.faculty.share_at_4 == 0);
  CHECK(jan.faculty.distribution == std::map<double, int>{{1.5, 1}, {2.0, 1}});
  CHECK(jan.self.n == 2);
  CHECK(*jan.self.mean == Approx(2.25));
  // 2026-02: alpha's 3.0 only, no self scores.
  CHECK(r.periods[1].faculty.n == 1);
  CHECK(r.periods[1].self.n == 0);
  CHECK_FALSE(r.periods[1].self.mean);
  CHECK_FALSE(r.periods[1].self.share_at_4);
  // 2026-03: 4.0, 4.5, 3.5 -> mean 4.0, median 4.0, share at 4+ = 2/3; self 4.5 -> share 1.
  const auto& mar = r.periods[2];
  CHECK(*mar.faculty.mean == Approx(4.0));
  CHECK(*mar.faculty.median == Approx(4.0));
  CHECK(*mar.faculty.share_at_4 == Approx(2.0 / 3));
  CHECK(mar.faculty.distribution == std::map<double, int>{{3.5, 1}, {4.0, 1}, {4.5, 1}});
  CHECK(*mar.self.share_at_4 == 1);

  // Teams in ID order; ratings in period order; alpha 2.0 -> 4.0 (+2.0), beta 1.5 -> 4.5 (+3.0), gamma 3.5 (0).
  REQUIRE(r.teams.size() == 3);
  const auto& a = r.teams[0];
  CHECK(a.team == "alpha");
  REQUIRE(a.ratings.size() == 3);
  CHECK(a.ratings[1].period == per("2026-02"));
  CHECK(*a.ratings[0].self_score == 2.5);
  CHECK(*a.first == 2.0);
  CHECK(*a.latest == 4.0);
  CHECK(*a.change == 2.0);
  CHECK(*r.teams[1].change == 3.0);
  CHECK(*r.teams[2].change == 0);

  Scope scope;
  scope.to = per("2026-02");
  scope.teams = {"alpha"};
  auto s = progress(p, scope);
  REQUIRE(s.teams.size() == 1);
  CHECK(*s.teams[0].latest == 3.0);  // 2026-03 is out of range
  CHECK(s.periods.size() == 2);
}

TEST_CASE("to_json and to_csv: documented keys, 6 decimals", "[metrics]") {
  model::Project p = screening_project();
  p.measures[0].baseline_from = per("2026-01");
  p.measures[0].baseline_to = per("2026-03");
  p.measures[0].goal = 90;
  p.measures[0].name = "Screened";
  auto r = compute_metrics(p, {}, day("2026-06-20"), {Section::measures});
  auto j = to_json(r, p);
  CHECK(j["collaborative"] == "test-lc");
  CHECK(j["as_of"] == "2026-06-20");
  for (const char* key : {"teams", "measures", "from", "to"}) CHECK(j["scope"].contains(key));
  CHECK_FALSE(j.contains("completeness"));
  REQUIRE(j["measures"].size() == 1);
  const auto& m = j["measures"][0];
  CHECK(m["measure"] == "screened");
  CHECK(m["chart"] == "p");
  CHECK(m["multiplier"] == 100.0);
  REQUIRE(m["series"].size() == 2);
  const auto& pooled = m["series"][0];
  CHECK(pooled["team"].is_null());
  CHECK(pooled["points"][0]["teams"] == 1);
  const auto& s = m["series"][1];
  CHECK(s["team"] == "alpha");
  CHECK_FALSE(s["points"][0].contains("teams"));  // only pooled points say how many teams
  for (const char* key : {"rules", "baseline", "latest", "latest_period", "change", "relative_change", "goal", "goal_by",
                          "goal_source", "goal_met", "share_of_gap_closed", "run_chart", "control_chart", "points", "skipped"}) {
    CHECK(s.contains(key));
  }
  CHECK(s["rules"]["run_chart"] == "anhoej");
  CHECK(s["rules"]["control_chart"] == "provost-murray");
  CHECK(s["baseline"] == 50.0);
  CHECK(s["goal_by"].is_null());
  CHECK(s["run_chart"]["median_from"] == "baseline");
  CHECK(s["run_chart"]["anhoej"]["useful_points"] == 4);
  CHECK(s["control_chart"]["segments"][0]["baseline_points"] == 3);
  const auto& pt = s["points"][0];
  for (const char* key : {"period", "numerator", "denominator", "value", "baseline", "segment", "centre", "lcl", "ucl",
                          "control_signals", "run_signals", "note"}) {
    CHECK(pt.contains(key));
  }
  CHECK_FALSE(pt.contains("moving_range"));  // XmR only
  // UCL 83.54101966... rounded to 6 decimals: 83.54102; LCL 16.45898033... -> 16.45898.
  CHECK(pt["ucl"].get<double>() == 83.54102);
  CHECK(pt["lcl"].get<double>() == 16.45898);
  CHECK(pt["note"].is_null());
  CHECK(s["points"][3]["control_signals"] == nlohmann::json::array({"two-of-three"}));

  std::string csv = to_csv(r, Section::measures);
  const std::string header =
      "measure,team,period,chart,numerator,denominator,value,teams,baseline_point,median,segment,centre,lcl,ucl,"
      "moving_range,run_signals,control_signals,series_baseline,goal,note\r\n";
  CHECK(csv.substr(0, header.size()) == header);
  // alpha's 2026-04: 15/20 = 75 %, beyond 2 sigma: the row with the same rounding.
  CHECK(csv.find("screened,alpha,2026-04,p,15,20,75,1,false,50,0,50,16.45898,83.54102,,,two-of-three,50,90,\r\n") !=
        std::string::npos);
  CHECK(csv.find("screened,(all),2026-01,p,10,20,50,1,true,50,0,50,") != std::string::npos);
}
