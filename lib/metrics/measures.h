// The core data set as charts: for each team and measure, and pooled over the collaborative, the series of
// reported values with its baseline, run-chart analysis, control chart, signals and progress to the goal.
// docs/metrics.md describes every field; the statistics are in metrics/spc.h.
#pragma once

#include "metrics/spc.h"
#include "model/project.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::metrics {

// What to compute: empty sets mean every team / every measure. The period range limits the points shown:
// baselines, medians and limits are computed on the whole series first, so they do not move with it, and
// `latest` is the last point in the range. The range is in months; a week is in it when its month (the
// month of its Thursday, ReportingPeriod::month) is.
struct Scope {
  std::set<std::string> teams, measures;
  std::optional<Period> from, to;
};

// Whether a period is inside the scope's range.
bool in_range(const Scope& s, const ReportingPeriod& p);

struct ChartPoint {
  ReportingPeriod period;  // a month, or a week for a weekly measure
  std::optional<double> numerator, denominator;  // as reported (summed over teams when pooled)
  double value = 0;                              // in the measure's unit (multiplier applied)
  int teams = 1;                                 // teams whose values make the point (pooled series)
  std::string note;
  bool baseline = false;
  int segment = 0;  // index into SeriesResult::segments
  std::optional<double> centre, lcl, ucl;  // the control chart's, in the unit; none for run charts
  std::optional<double> moving_range;      // XmR only
  Signals run_signals;      // long-run (anhoej), shift and trend (ihi)
  Signals control_signals;  // the rule set's (metrics/spc.h)
};

// A stretch of the control chart with its own limits: the first starts with the series, each rebase
// starts another.
struct Segment {
  ReportingPeriod from;
  std::string reason;                // the rebase's reason; empty for the first segment
  int baseline_points = 0;           // points the limits were computed from
  std::optional<double> centre;      // in the unit; none when there were too few points for limits
  std::optional<double> mr_bar, mr_ucl;  // XmR only, in the unit
};

// A PDSA cycle's start or decision on a team's chart (metrics/improvement.h).
struct ChartAnnotation {
  ReportingPeriod period;  // the month or ISO week of the date
  Date date;
  std::string cycle, idea, event, decision;  // event: "start" or "decision"
};

struct SeriesResult {
  std::string team;  // empty: pooled over the collaborative's teams
  std::string measure;
  ChartType chart = ChartType::run;
  std::string run_rules, control_rules;  // the rule sets applied ("anhoej"/"ihi", "provost-murray"/...)
  std::vector<ChartPoint> points;
  std::vector<std::string> skipped;  // periods left out, with why ("2026-03: denominator 0", "2026-04: missing (reason)")

  // Run chart: the median of the baseline points (frozen and extended) or of every point.
  std::optional<double> median;
  bool median_from_baseline = false;
  AnhoejResult anhoej;
  IhiResult ihi;
  bool run_signal = false;      // by the chosen run-chart rules
  bool control_signal = false;  // any point flagged by the control-chart rules

  std::vector<Segment> segments;

  // Progress: baseline = median of the baseline points; change = latest - baseline.
  std::optional<double> baseline, latest, change, relative_change;
  std::optional<ReportingPeriod> latest_period;
  std::optional<double> goal;
  std::optional<Date> goal_by;
  std::string goal_source;  // "measure" or "team"
  std::optional<bool> goal_met;
  std::optional<double> share_of_gap_closed;  // (latest - baseline) / (goal - baseline)

  std::vector<ChartAnnotation> annotations;  // team series only: its PDSA cycles (compute_metrics fills them)
};

// The chart a measure gets: its `chart`, else p for proportions, u for rates, c for counts, xmr otherwise.
ChartType chart_for(const model::Measure& m);
std::string run_rules_for(const model::Project& p, const model::Measure& m);      // "anhoej" by default
std::string control_rules_for(const model::Project& p, const model::Measure& m);  // "provost-murray" by default

// For each measure in scope, in ID order: the pooled series (team ""), then each team's in team ID order.
// A team without any value for the measure gets no series; the pooled series exists when any team has one.
std::vector<SeriesResult> measure_series(const model::Project& project, const Scope& scope);

// The same series, one measure at a time: `fn` gets each measure in scope that has a series, in ID order,
// with its series, which are dropped after it returns, so that a national network's charts are never all
// held at once (docs/performance.md). A measure's teams are computed on `threads` threads (core/parallel.h).
void each_measure_series(const model::Project& project, const Scope& scope, size_t threads,
                         const std::function<void(const model::Measure&, std::vector<SeriesResult>&&)>& fn);

}  // namespace collab::metrics
