// Statistical process control for improvement data: run-chart analysis (the Anhoej rules and the IHI
// shift and trend rules) and Shewhart control charts (P, U, C and I/XmR) with the special-cause rule sets
// collaboratives use. Every function takes plain numbers and returns plain numbers; docs/metrics.md says
// which rule set does what and cites the sources, and tests/unit/spc_test.cpp checks each against
// hand-computed and published values.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace collab::metrics {

// Inclusive index range [first, last] of the points a rule flags.
struct Span {
  int first = 0, last = 0;
  bool operator==(const Span& o) const { return first == o.first && last == o.last; }
};

// The smallest x with P(X <= x) >= p for X ~ Binomial(n, 1/2): R's qbinom(p, n, 0.5). n >= 0.
int qbinom_half(double p, int n);

// Anhoej's run-chart rules as in qicharts2 (Anhoej & Olesen, PLoS ONE 2014; Anhoej 2015): points exactly
// on the centre line are dropped; a run is a sequence of useful points on one side.
//   longest_run_max = round(log2(n_useful)) + 3                    (Schilling 2012)
//   crossings_min   = qbinom(0.05, n_useful - 1, 0.5)              (Chen 2010)
// The signal is a longest run above its maximum or fewer crossings than the minimum.
struct AnhoejResult {
  int n_useful = 0;
  int longest_run = 0, longest_run_max = 0;
  int crossings = 0, crossings_min = 0;
  bool long_run = false, few_crossings = false;
  std::vector<Span> longest_runs;  // every run longer than the maximum (the points to mark)
  bool signal() const { return long_run || few_crossings; }
};
AnhoejResult anhoej(const std::vector<double>& y, double centre);

// Runs of at least `min_length` consecutive points on one side of `centre`. With on_centre_breaks false,
// a point exactly on the centre neither counts nor breaks the run (IHI, Provost & Murray); true makes it
// end the run (NHS "Making Data Count"). A span covers the points from the run's first to its last.
std::vector<Span> shifts(const std::vector<double>& y, double centre, int min_length, bool on_centre_breaks);

// Runs of at least `min_length` consecutive points all rising or all falling. A point equal to the one
// before it neither counts nor breaks the run (Provost & Murray: "ignore like values").
std::vector<Span> trends(const std::vector<double>& y, int min_length);

// IHI run-chart rules (Perla, Provost & Murray, BMJ Qual Saf 2011): a shift is 6 or more points on one
// side of the median, a trend is 5 or more points all going up or down.
struct IhiResult {
  std::vector<Span> shifts, trends;
  bool signal() const { return !shifts.empty() || !trends.empty(); }
};
IhiResult ihi_run_rules(const std::vector<double>& y, double median);

enum class ChartType { run, p, u, c, xmr };
const char* chart_name(ChartType t);  // "run", "p", "u", "c", "xmr"

// One subgroup of a control chart: for P and U charts the numerator and denominator, for C a count, for
// XmR a value (in `numerator`). The plotted value is numerator / denominator for P and U.
struct Subgroup {
  double numerator = 0;
  double denominator = 1;
};

// Centre line and 3-sigma limits for each point, from the points whose `in_baseline` is true (the frozen
// baseline; all points when none is marked). None of the limits exist when the baseline is too small to
// estimate them (no subgroup with a denominator for P/U, fewer than 2 points for XmR).
//   P:   p-bar = sum x / sum n; sigma_i = sqrt(p-bar (1 - p-bar) / n_i); limits clipped to [0, 1]
//   U:   u-bar = sum c / sum n; sigma_i = sqrt(u-bar / n_i); lower limit floored at 0
//   C:   c-bar = mean c; sigma = sqrt(c-bar); lower limit floored at 0
//   XmR: x-bar = mean x; MR-bar = mean |x_i - x_(i-1)| over consecutive baseline points;
//        sigma = MR-bar / 1.128 (d2 for n = 2), so the limits are x-bar +/- 2.66 MR-bar; the moving-range
//        chart's upper limit is 3.267 MR-bar (Montgomery, Introduction to SQC, 6.4; Wheeler)
struct ControlLimits {
  bool available = false;
  double centre = 0;
  std::vector<double> value;            // the plotted statistic per point
  std::vector<double> sigma, lcl, ucl;  // per point (constant for C and XmR)
  std::optional<double> mr_bar;         // XmR only
  std::optional<double> mr_ucl;         // XmR only: 3.267 MR-bar
  std::vector<std::optional<double>> moving_range;  // XmR only: |x_i - x_(i-1)|, none for the first point
};
ControlLimits control_limits(ChartType type, const std::vector<Subgroup>& points, const std::vector<bool>& in_baseline);

// The special-cause rule sets (docs/metrics.md):
//   provost-murray   (The Health Care Data Guide, 2011): 1 point outside the limits; 8 or more in a row on
//                    one side of the centre; 6 or more rising or falling; 2 of 3 consecutive points in the
//                    outer third (beyond 2 sigma) on one side; 15 or more in a row in the inner third
//   nhs              (NHS England "Making Data Count", 2019): 1 point outside; 7 or more in a row on one side
//                    (a point on the mean breaks the run); 7 or more rising or falling; 2 of 3 beyond 2 sigma
//   western-electric (Western Electric Statistical Quality Control Handbook, 1956): 1 point beyond 3 sigma;
//                    2 of 3 beyond 2 sigma on one side; 4 of 5 beyond 1 sigma on one side; 8 in a row on one side
enum class RuleSet { provost_murray, nhs, western_electric };
std::optional<RuleSet> parse_rule_set(const std::string& name);
const char* rule_set_name(RuleSet r);

// The signals a chart point can carry: the control-chart rules, then the run-chart rule that has no
// control-chart namesake ("shift" and "trend" are both). Their names, in this order, are what JSON, CSV
// and charts show.
enum class Signal : std::uint8_t { outside, shift, trend, two_of_three, four_of_five, fifteen_inner, long_run };
const char* signal_name(Signal s);  // "outside", "shift", "trend", "two-of-three", "four-of-five", "fifteen-inner", "long-run"

// A set of signals in one byte: a national network has hundreds of thousands of chart points, and each
// carries two of these (docs/performance.md). Listed in the order of Signal.
class Signals {
 public:
  Signals() = default;
  Signals(std::initializer_list<Signal> s) {
    for (Signal x : s) insert(x);
  }
  void insert(Signal s) { bits_ = static_cast<std::uint8_t>(bits_ | bit(s)); }
  bool contains(Signal s) const { return (bits_ & bit(s)) != 0; }
  bool empty() const { return bits_ == 0; }
  int size() const;
  void clear() { bits_ = 0; }
  std::vector<Signal> list() const;
  std::vector<std::string> names() const;
  Signals operator|(Signals o) const {
    Signals r;
    r.bits_ = static_cast<std::uint8_t>(bits_ | o.bits_);
    return r;
  }
  bool operator==(const Signals& o) const { return bits_ == o.bits_; }
  bool operator!=(const Signals& o) const { return bits_ != o.bits_; }

 private:
  static std::uint8_t bit(Signal s) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(s)); }
  std::uint8_t bits_ = 0;
};

// The rules that flag each point (outside, shift, trend, two-of-three, four-of-five, fifteen-inner) for
// the points [0, n) of one chart segment.
std::vector<Signals> special_causes(RuleSet rules, const ControlLimits& limits);

}  // namespace collab::metrics
