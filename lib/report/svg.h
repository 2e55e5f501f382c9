// Exact charts for the report, as self-contained SVG: every point, centre line, limit and goal is drawn at
// the value `collab metrics` computed (docs/metrics.md), never smoothed or re-estimated. Each function
// takes a result of lib/metrics and returns one <svg> element as text, fit to be inlined in HTML or
// written as a .svg file:
//
// - the root is `<svg xmlns=... viewBox="0 0 W H" role="img" aria-labelledby="<id>title <id>desc">`
//   followed by <title> and a <desc> that says in words what the chart shows; there is no fixed
//   width, so the chart scales to its container;
// - no scripts, no external references, no web fonts (font-family is a generic list); the only
//   references are to <defs> inside the same element (arrowheads, hatching), with ids made unique by
//   ChartOptions::id_prefix;
// - every element carries a CSS class (below) and presentation attributes, so the file looks right
//   opened alone; lines differ by dash pattern and points by shape, so the chart prints in black and
//   white;
// - every text from the data (team, measure, note, reason, title) goes through xml_escape;
// - deterministic: coordinates have 1 decimal, values a fixed number of decimals per chart, no locale,
//   no randomness. The same input gives the same bytes.
//
// Classes: the root has collab-chart and series-chart, completeness-chart, progress-chart or
// network-chart, membership-chart. point (a value), signal (a point with any run or control signal; drawn as a diamond),
// in-baseline (a point of the baseline; drawn hollow), baseline (the shaded band behind the baseline
// points), series (the line joining the points), centre (centre line or median; also median),
// limit (UCL/LCL; also ucl, lcl), goal, rebase, axis, grid, tick, label, title, legend, no-data; the
// other charts add cell/submitted/late/explained/missing/pending, bar/mean/share/period/team,
// node/tie/mutual/isolate/non-respondent.
//
// The scale of series_svg (what the tests check by hand):
//   margins (left, right, top, bottom) = (56, 56, 32, 40); small: (36, 36, 16, 24)
//   plot area: x from left to W - right, y from top to H - bottom
//   x: the months (the ISO weeks of a weekly measure) from the first to the last point, evenly: x = left +
//      10 + (W - left - right - 20) * months_since_first / months_first_to_last (the centre of the plot
//      area when there is one month); labels YYYY-MM or YYYY-Www
//   y: linear over [lo, hi], the outermost "nice" ticks (step 1, 2 or 5 x 10^k, about 5 intervals; small:
//      about 3) that cover every point, centre, median, limit and goal: y = (H - bottom) - (v - lo) /
//      (hi - lo) * (H - bottom - top)
//   a centre line or limit is a step line: point i's value from the midpoint with the point before to
//   the midpoint with the point after (10 beyond the first and last points), within its segment; the
//   median and the baseline band span the same edges, the goal the whole plot area
//   points: circles of radius 3.5 (small 2.5); a signal is a diamond of half-diagonal radius + 2
//   values in tooltips, labels and <desc> have one decimal more than the y ticks (ticks 0, 20, 40 ->
//   "45.0"); y ticks as many as their step needs
#pragma once

#include "core/error.h"
#include "metrics/health.h"
#include "metrics/improvement.h"
#include "metrics/measures.h"
#include "metrics/metrics.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace collab::report {

// Text for XML content and attribute values: & < > " ' escaped; characters XML 1.0 does not allow (C0
// controls other than tab, LF and CR; U+FFFE, U+FFFF; UTF-16 surrogates) and bytes that are not UTF-8
// are dropped.
std::string xml_escape(std::string_view text);

struct ChartOptions {
  // The viewBox, at least 160 x 100; completeness_svg computes its height from the number of teams.
  int width = 640, height = 240;
  // Shown above the chart and used as the <title> when not empty; else the <title> is made from the data
  // ("screened (t1)", "Data completeness") and nothing is shown, for a report that has its own heading.
  std::string title;
  std::string unit;       // series_svg: printed after values and on the y axis ("%", "per 1,000 bed days")
  bool small = false;     // small multiples: smaller fonts and margins, fewer labels, short margin labels
  // Starts every id of the chart: <prefix>title, <prefix>desc, and <prefix>late (completeness hatching)
  // or <prefix>arrow (network arrowhead). Charts inlined in one HTML page need different prefixes.
  // Only [A-Za-z0-9_-] are kept; "c-" is put before a prefix that does not start with a letter; empty
  // means "collab-chart-".
  std::string id_prefix;
};

// A run chart (the median, dashed) or control chart (centre, solid, and limits, dotted, per segment; the
// median when no segment has limits) of one series, with the baseline, rebases, goal (dash-dot) and
// signals; the last point's UCL/CL/LCL, the median and the goal labelled in the right margin. Each point
// has a tooltip: "2026-03: 45.0 % (12/20); outside, shift; 5 teams; baseline; note: ...". A series
// without points gives a small "no data" SVG.
std::string series_svg(const metrics::SeriesResult& s, const ChartOptions& o);

// A chart's size, as its viewBox says.
struct ChartSize {
  int width = 0, height = 0;
  bool operator==(const ChartSize& b) const { return width == b.width && height == b.height; }
};
// The size series_svg(s, o) draws at, without drawing it: for an SvgGrid's plan.
ChartSize series_svg_size(const metrics::SeriesResult& s, const ChartOptions& o);

// Team x period grid: each team's row, each month's column, each cell split into one strip per
// measure of the core data set (a weekly measure's strip cut into one slice per week whose Thursday is in
// the month), coloured (and patterned) by status; each team's completeness at the
// right; a legend with the total counts. The height follows the number of teams. When the strips would be
// narrower than 2 units (many months and measures: a national network's 36 x 8 in 640 units), each team's
// month is one cell instead, of its most pressing status (missing, late, explained, pending, submitted),
// its tooltip counting the statuses and naming the measures missing.
// Drawn from c.cells, or, when they were not kept (KeepCells::months), from c.months, and then always a cell
// per team and month.
std::string completeness_svg(const metrics::CompletenessResult& c, const ChartOptions& o);
// Whether completeness_svg draws a cell per team and month, from c.cells or c.months alike: whether
// c.months is enough for it.
bool completeness_by_month(const metrics::CompletenessResult& c, const ChartOptions& o);

// The progress scale over time: per period a bar of the faculty scores stacked by score, lowest at the
// bottom, light to dark (left axis: teams rated), the mean score as a line with square markers (right
// axis: 0-5), and the share of teams at 4.0 or more under each period's label. Periods without faculty
// scores are left out (self-scores are not drawn); none left gives "no data".
std::string progress_svg(const metrics::ProgressResult& p, const ChartOptions& o);

// One network wave: members on a circle, grouped by team (member_team: member -> team; others last as
// "(no team)"), teams and members in ID order from the top, clockwise; a directed tie is a curved line
// with an arrowhead (the two ties of a mutual pair bend apart); node area grows with in-degree;
// isolates hollow and dashed; teams differ by colour and shape; a legend of teams in a column at the
// right (150 wide; 80 when small). Members are labelled when there are at most 40 (else the teams are,
// at their groups), never when small. Each node's tooltip has its degrees and betweenness.
std::string network_svg(const metrics::NetworkWaveResult& w, const std::map<std::string, std::string>& member_team,
                        const ChartOptions& o);

// The driver diagram: the aim, primary drivers, secondary drivers and change ideas in four columns joined
// by curves (aim to each primary driver, each secondary driver to its primaries, each idea to its
// drivers); the change package's ideas, then the teams' own (dashed), each with how many teams list it,
// test it and adopted it (metrics::IdeaSpread). Names are wrapped and cut; the tooltips hold them whole.
// The height follows the longest column; the width is at least 640.
std::string driver_diagram_svg(const model::DriverDiagram& d, const std::vector<const model::ChangeIdea*>& own_ideas,
                               const std::vector<metrics::IdeaSpread>& spread, const ChartOptions& o);

// One team's PDSA ramps on a timeline over ImprovementResult::months: a row per ramp labelled with its
// idea and length; each cycle a bar from its start to its decision (an open cycle, dashed, to its do.end
// or the as-of date), the decision marked at the bar's end (adopt a filled triangle, adapt a filled square,
// abandon a cross); the as-of date as a dotted line. "no data" when the team has no ramp.
std::string ramps_svg(const metrics::ImprovementResult& im, const std::string& team, const ChartOptions& o);
// The size ramps_svg(im, team, o) draws at, without drawing it: for an SvgGrid's plan.
ChartSize ramps_svg_size(const metrics::ImprovementResult& im, const std::string& team, const ChartOptions& o);

// Membership over time: a bar per month of the members active at its end (tooltip: active, new, lapsed),
// months labelled as many as fit, always the first and last. "no data" without a month.
std::string membership_svg(const mel::MembershipResult& m, const ChartOptions& o);

// Small multiples in one SVG file: charts made by the functions above, laid out row by row, `columns` to
// a row, each under its label (none when the label is empty), inside one root <svg> with its own <title>,
// <desc> and ids (`id_prefix`). Each chart is nested whole as an <svg> element at its place, with the
// width and height of its own viewBox, so it looks exactly as it does alone; a row is as tall as its
// tallest chart. The charts' ids must differ from each other (their ChartOptions::id_prefix).
//
// The grid is planned: every chart's size (series_svg_size, ramps_svg_size) and whether it has a label are
// given before any chart is drawn, so the grid's own size, in its opening, is known at once, and the text
// can be handed on a row at a time as the charts come: a national network's grid is 14 MB, and it is never
// held whole (docs/performance.md, fix 37). Use: open(), then add() each chart in order, take() what is
// laid out whenever it suits, and finish().
class SvgGrid {
 public:
  struct Planned {
    ChartSize size;
    bool labelled = false;
  };
  SvgGrid(int columns, std::string title, std::string desc, std::string id_prefix, std::vector<Planned> plan);
  // The root's opening, with the grid's size, <title> and <desc>.
  std::string open() const;
  void add(std::string label, std::string chart);
  // The rows laid out since the last take() (a row is laid out when its last chart is added).
  std::string take();
  // The last rows and the root's close. ErrorKind::internal when the charts added were not the ones planned
  // (another size, a label where none was planned or none where one was, more or fewer charts): the
  // opening's size would be wrong.
  Result<std::string> finish();

 private:
  struct Cell {
    std::string label, chart;
    int width, height;
  };
  void flush_row();

  int columns_;
  std::string title_, desc_, id_prefix_;
  std::vector<Planned> plan_;
  int planned_width_ = 0, planned_height_ = 0;
  std::vector<Cell> row_;
  std::string body_;
  size_t added_ = 0;
  bool as_planned_ = true;
  int width_ = 0, height_ = 0;  // of the rows laid out so far
};

}  // namespace collab::report
