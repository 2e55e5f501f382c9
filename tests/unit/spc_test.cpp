// The SPC statistics of lib/metrics/spc.h against published and hand-computed values; each case names its
// source.
#include "metrics/spc.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace collab::metrics;

namespace {

std::vector<Subgroup> counts(const std::vector<double>& c, double n = 1) {
  std::vector<Subgroup> out;
  for (double x : c) out.push_back({x, n});
  return out;
}

std::vector<int> flagged(const std::vector<Signals>& flags, const std::string& rule) {
  std::vector<int> out;
  for (size_t i = 0; i < flags.size(); ++i) {
    for (const auto& f : flags[i].names()) {
      if (f == rule) out.push_back(static_cast<int>(i));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("qbinom(p, n, 0.5) as in R", "[spc]") {
  // R: qbinom(0.05, 9, 0.5) = 2: pbinom(1, 9, .5) = 10/512 = 0.0195 < 0.05 <= pbinom(2, 9, .5) = 46/512 = 0.0898.
  CHECK(qbinom_half(0.05, 9) == 2);
  CHECK(qbinom_half(0.05, 0) == 0);
  CHECK(qbinom_half(0.05, 1) == 0);  // pbinom(0, 1, .5) = 0.5
  // R: qbinom(0.05, 99, 0.5) = 41 (normal approximation 49.5 - 1.645 * sqrt(24.75) = 41.3).
  CHECK(qbinom_half(0.05, 99) == 41);
}

TEST_CASE("Anhoej limits by number of useful points", "[spc][anhoej]") {
  // Anhoej & Olesen (2014), PLoS ONE 9(11): e113825, Table 1 (critical values for longest run and number of
  // crossings), also docs/references.md: n useful -> longest run max, crossings min.
  struct Row {
    int n, longest_max, crossings_min;
  };
  for (Row row : {Row{10, 6, 2}, Row{12, 7, 3}, Row{16, 7, 4}, Row{20, 7, 6}, Row{22, 7, 7}, Row{24, 8, 8}, Row{30, 8, 10}}) {
    // Alternating points: n - 1 crossings, longest run 1, so no signal; the limits are what is checked.
    std::vector<double> y;
    for (int i = 0; i < row.n; ++i) y.push_back(i % 2 ? 1.0 : -1.0);
    AnhoejResult r = anhoej(y, 0);
    INFO("n useful " << row.n);
    CHECK(r.n_useful == row.n);
    CHECK(r.longest_run_max == row.longest_max);
    CHECK(r.crossings_min == row.crossings_min);
    CHECK(r.crossings == row.n - 1);
    CHECK_FALSE(r.signal());
  }
}

TEST_CASE("Anhoej: points on the centre line are dropped", "[spc][anhoej]") {
  // Hand-computed. Centre 5; y = 6 7 5 8 4 3 5 5 2 6 6 6 6 6 6 6 6
  // useful (not 5): 6 7 8 4 3 2 6 6 6 6 6 6 6 6 -> 14 points; sides + + + - - - + + + + + + + +
  // runs: +3, -3, +8 -> longest 8, crossings 2.
  // limits for 14: round(log2 14) + 3 = round(3.81) + 3 = 7; qbinom(0.05, 13, .5) = 3
  // (pbinom(2, 13) = 92/8192 = 0.011, pbinom(3, 13) = 378/8192 = 0.046, pbinom(4, 13) = 1093/8192 = 0.133 -> 4).
  std::vector<double> y = {6, 7, 5, 8, 4, 3, 5, 5, 2, 6, 6, 6, 6, 6, 6, 6, 6};
  AnhoejResult r = anhoej(y, 5);
  CHECK(r.n_useful == 14);
  CHECK(r.longest_run == 8);
  CHECK(r.longest_run_max == 7);
  CHECK(r.crossings == 2);
  CHECK(r.crossings_min == 4);
  CHECK(r.long_run);
  CHECK(r.few_crossings);
  REQUIRE(r.longest_runs.size() == 1);
  CHECK(r.longest_runs[0] == Span{9, 16});
}

TEST_CASE("IHI shift: 6 on one side, points on the median skipped", "[spc][ihi]") {
  // Perla, Provost & Murray (2011), BMJ Qual Saf 20:46-51, rule 1. Median 10:
  // 11 12 10 13 11 14 12 -> six above (the 10 neither counts nor breaks) -> shift over indexes 0..6.
  auto r = ihi_run_rules({11, 12, 10, 13, 11, 14, 12, 9}, 10);
  REQUIRE(r.shifts.size() == 1);
  CHECK(r.shifts[0] == Span{0, 6});
  // Five above is not a shift.
  CHECK(ihi_run_rules({11, 12, 13, 11, 14, 9, 8}, 10).shifts.empty());
  // NHS variant: a point on the centre breaks the run.
  CHECK(shifts({11, 12, 10, 13, 11, 14, 12, 9}, 10, 6, true).empty());
}

TEST_CASE("IHI trend: 5 rising or falling, like values skipped", "[spc][ihi]") {
  // Rule 2 of Perla et al. (2011); like values do not count (Provost & Murray 2011, p. 80).
  // 1 2 2 3 4 5 -> 1 2 3 4 5 rising = 5 points (indexes 0..5).
  auto r = ihi_run_rules({1, 2, 2, 3, 4, 5}, 3);
  REQUIRE(r.trends.size() == 1);
  CHECK(r.trends[0] == Span{0, 5});
  // 4 rising points is not a trend.
  CHECK(ihi_run_rules({1, 2, 3, 4, 3}, 3).trends.empty());
  // 9 8 7 6 5 then 6: falling from index 0 to 4; the turning point 5 starts the next run (5 6 = 2 points).
  auto f = trends({9, 8, 7, 6, 5, 6}, 5);
  REQUIRE(f.size() == 1);
  CHECK(f[0] == Span{0, 4});
  // The turning point belongs to both runs: 1 2 3 4 5 4 3 2 1 -> rising 0..4 and falling 4..8.
  auto both = trends({1, 2, 3, 4, 5, 4, 3, 2, 1}, 5);
  REQUIRE(both.size() == 2);
  CHECK(both[0] == Span{0, 4});
  CHECK(both[1] == Span{4, 8});
}

TEST_CASE("P chart: Montgomery's orange juice cans", "[spc][p-chart]") {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Example 7.1, Table 7.1: 30 samples
  // of n = 50 cans; p-bar = 347 / 1500 = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 (0.44) and 23
  // (0.48) are above the UCL.
  std::vector<double> d = {12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6};
  ControlLimits l = control_limits(ChartType::p, counts(d, 50), {});
  REQUIRE(l.available);
  CHECK(l.centre == Approx(0.2313).margin(0.0001));
  CHECK(l.ucl[0] == Approx(0.4102).margin(0.0001));
  CHECK(l.lcl[0] == Approx(0.0524).margin(0.0001));
  auto flags = special_causes(RuleSet::western_electric, l);
  CHECK(flagged(flags, "outside") == std::vector<int>{14, 22});
}

TEST_CASE("P chart limits vary with the subgroup size and stay within 0 and 1", "[spc][p-chart]") {
  // Hand-computed: x = 2, 9, 1; n = 4, 10, 2 -> p-bar = 12 / 16 = 0.75.
  // sigma_1 = sqrt(.75 * .25 / 4) = 0.216506; UCL = 0.75 + 0.649519 = 1.3995 -> 1; LCL = 0.100481.
  // sigma_2 = sqrt(.1875 / 10) = 0.136931; UCL = 1.160792 -> 1; LCL = 0.339208.
  ControlLimits l = control_limits(ChartType::p, {{2, 4}, {9, 10}, {1, 2}}, {});
  CHECK(l.centre == Approx(0.75));
  CHECK(l.ucl[0] == 1.0);
  CHECK(l.lcl[0] == Approx(0.100481).margin(1e-6));
  CHECK(l.lcl[1] == Approx(0.339208).margin(1e-6));
  CHECK(l.lcl[2] == 0.0);  // 0.75 - 3 * sqrt(.1875 / 2) = -0.168559, clipped
}

TEST_CASE("U chart", "[spc][u-chart]") {
  // Hand-computed: c = 3, 5, 2; n = 10, 20, 5 -> u-bar = 10 / 35 = 0.285714.
  // sigma_1 = sqrt(0.285714 / 10) = 0.169031 -> UCL 0.792807, LCL floored at 0.
  // sigma_2 = sqrt(0.285714 / 20) = 0.119523 -> UCL 0.644283.
  ControlLimits l = control_limits(ChartType::u, {{3, 10}, {5, 20}, {2, 5}}, {});
  CHECK(l.centre == Approx(0.285714).margin(1e-6));
  CHECK(l.ucl[0] == Approx(0.792807).margin(1e-6));
  CHECK(l.lcl[0] == 0.0);
  CHECK(l.ucl[1] == Approx(0.644283).margin(1e-6));
}

TEST_CASE("C chart: Montgomery's printed circuit boards", "[spc][c-chart]") {
  // Montgomery (6th ed.), Example 7.3, Table 7.7: nonconformities in 26 samples of 100 boards;
  // c-bar = 516 / 26 = 19.85, UCL = 33.22, LCL = 6.48; samples 6 (5) and 20 (39) are outside.
  std::vector<double> c = {21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15};
  ControlLimits l = control_limits(ChartType::c, counts(c), {});
  CHECK(l.centre == Approx(19.85).margin(0.005));
  // Montgomery rounds c-bar to 19.85 before the limits (19.85 + 3 sqrt(19.85) = 33.22); unrounded,
  // 516/26 + 3 sqrt(516/26) = 33.2109.
  CHECK(l.ucl[0] == Approx(33.2109).margin(0.0001));
  CHECK(l.lcl[0] == Approx(6.48).margin(0.005));
  CHECK(flagged(special_causes(RuleSet::provost_murray, l), "outside") == std::vector<int>{5, 19});
}

TEST_CASE("XmR chart, and a frozen baseline", "[spc][xmr]") {
  // Hand-computed: x = 5 7 6 8 7; mean 6.6; moving ranges 2 1 2 1, MR-bar 1.5;
  // limits 6.6 +/- 2.66 * 1.5 = 2.61 and 10.59; MR chart UCL 3.267 * 1.5 = 4.9005; sigma = 1.5 / 1.128.
  ControlLimits l = control_limits(ChartType::xmr, counts({5, 7, 6, 8, 7}), {});
  CHECK(l.centre == Approx(6.6));
  CHECK(*l.mr_bar == Approx(1.5));
  CHECK(l.ucl[0] == Approx(10.59));
  CHECK(l.lcl[0] == Approx(2.61));
  CHECK(*l.mr_ucl == Approx(4.9005));
  CHECK(l.sigma[0] == Approx(1.5 / 1.128));
  CHECK_FALSE(l.moving_range[0].has_value());
  CHECK(*l.moving_range[3] == 2.0);

  // Baseline = the first three points only: mean 6, MR-bar (2 + 1) / 2 = 1.5 -> 6 +/- 3.99; the
  // later points are judged against the frozen limits: 20 is outside.
  ControlLimits f = control_limits(ChartType::xmr, counts({5, 7, 6, 20, 7}), {true, true, true, false, false});
  CHECK(f.centre == Approx(6.0));
  CHECK(f.ucl[4] == Approx(9.99));
  CHECK(flagged(special_causes(RuleSet::nhs, f), "outside") == std::vector<int>{3});

  // One point is not enough for limits.
  CHECK_FALSE(control_limits(ChartType::xmr, counts({5}), {}).available);
}

TEST_CASE("Special-cause rule sets differ as documented", "[spc][rules]") {
  // XmR with a constant moving range keeps the limits simple: baseline 10 11 10 11 ... (mean 10.5, MR-bar 1,
  // sigma 0.886525, limits 10.5 +/- 2.66).
  std::vector<double> base = {10, 11, 10, 11, 10, 11, 10, 11, 10, 11};
  std::vector<bool> mask(base.size(), true);
  auto with = [&](std::vector<double> tail) {
    std::vector<double> y = base;
    y.insert(y.end(), tail.begin(), tail.end());
    std::vector<bool> m = mask;
    m.resize(y.size(), false);
    return control_limits(ChartType::xmr, counts(y), m);
  };

  SECTION("7 above the centre: a shift for NHS, not for Provost & Murray (8) or Western Electric (8)") {
    auto l = with({11, 11, 11, 11, 11, 11, 11});
    CHECK(flagged(special_causes(RuleSet::nhs, l), "shift").size() == 8);  // the 11 before the tail joins the run
    CHECK(flagged(special_causes(RuleSet::provost_murray, l), "shift").size() == 8);
    auto shorter = with({11, 11, 11, 11, 11, 11});
    CHECK(flagged(special_causes(RuleSet::nhs, shorter), "shift").size() == 7);
    CHECK(flagged(special_causes(RuleSet::provost_murray, shorter), "shift").empty());
  }
  SECTION("6 rising: a trend for Provost & Murray, not for NHS (7)") {
    auto l = with({9, 9.5, 10, 10.2, 10.4, 10.6});
    CHECK(flagged(special_causes(RuleSet::provost_murray, l), "trend") == std::vector<int>{10, 11, 12, 13, 14, 15});
    CHECK(flagged(special_causes(RuleSet::nhs, l), "trend").empty());
  }
  SECTION("2 of 3 beyond 2 sigma (12.273) on one side") {
    auto l = with({12.5, 10, 12.6});
    auto pm = special_causes(RuleSet::provost_murray, l);
    CHECK(flagged(pm, "two-of-three") == std::vector<int>{10, 12});
    CHECK(flagged(pm, "outside").empty());
  }
  SECTION("4 of 5 beyond 1 sigma (11.387): Western Electric only") {
    auto l = with({11.5, 11.6, 10, 11.5, 11.7});
    CHECK(flagged(special_causes(RuleSet::western_electric, l), "four-of-five") == std::vector<int>{10, 11, 13, 14});
    CHECK(flagged(special_causes(RuleSet::provost_murray, l), "four-of-five").empty());
  }
  SECTION("15 in the inner third: Provost & Murray only") {
    // Within 1 sigma (0.8865) of 10.5: the baseline's own 10 and 11 qualify, so 15 points in a row do.
    auto l = with({10.5, 10.4, 10.6, 10.5, 10.5});
    auto pm = special_causes(RuleSet::provost_murray, l);
    CHECK(flagged(pm, "fifteen-inner").size() == 15);
    CHECK(flagged(special_causes(RuleSet::nhs, l), "fifteen-inner").empty());
  }
}

TEST_CASE("Signals: a set listed in one order, whatever the order of insertion", "[spc]") {
  Signals s;
  CHECK(s.empty());
  CHECK(s.names().empty());
  s.insert(Signal::long_run);
  s.insert(Signal::two_of_three);
  s.insert(Signal::outside);
  s.insert(Signal::two_of_three);  // a set: once
  CHECK(s.size() == 3);
  CHECK(s.contains(Signal::outside));
  CHECK_FALSE(s.contains(Signal::shift));
  CHECK(s.names() == std::vector<std::string>{"outside", "two-of-three", "long-run"});
  CHECK((Signals{Signal::shift} | Signals{Signal::trend, Signal::fifteen_inner}).names() ==
        std::vector<std::string>{"shift", "trend", "fifteen-inner"});
  const Signals all{Signal::fifteen_inner, Signal::four_of_five, Signal::two_of_three, Signal::trend, Signal::shift,
                    Signal::outside, Signal::long_run};
  CHECK(all.names() == std::vector<std::string>{"outside", "shift", "trend", "two-of-three", "four-of-five", "fifteen-inner",
                                                "long-run"});
  CHECK(sizeof(Signals) == 1);
  s.clear();
  CHECK(s == Signals{});
}
