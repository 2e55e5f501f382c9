// The report's SVG charts (lib/report/svg.h): coordinates hand-computed from the scale documented in
// svg.h, escaping of every text from the data, well-formed XML (checked by a small tag checker here),
// element counts and empty inputs.
#include "report/svg.h"

#include "io/diagnostic.h"
#include "model/project.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <regex>
#include <vector>

using namespace collab;
using namespace collab::metrics;
using collab::report::ChartOptions;

namespace {

Period ym(int y, unsigned m) { return date::year(y) / date::month(m); }

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// A small well-formedness check: tags nest and close, attribute values are quoted, '<' never appears in
// text or attributes, '&' only starts one of the five entities or a character reference, one root.
// Returns an empty string when the text is well-formed, else what is wrong.
std::string xml_problem(const std::string& x) {
  std::vector<std::string> open;
  size_t i = 0, roots = 0;
  auto check_text = [&](size_t from, size_t to) -> std::string {
    for (size_t k = from; k < to; ++k) {
      if (x[k] == '<' || x[k] == '>') return "raw < or > at " + std::to_string(k);
      if (static_cast<unsigned char>(x[k]) < 0x20 && x[k] != '\n' && x[k] != '\t' && x[k] != '\r') return "control character";
      if (x[k] != '&') continue;
      const size_t semi = x.find(';', k);
      if (semi == std::string::npos) return "& without ;";
      const std::string ent = x.substr(k + 1, semi - k - 1);
      if (!std::regex_match(ent, std::regex("amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+"))) return "bad entity &" + ent + ";";
    }
    return "";
  };
  while (i < x.size()) {
    const size_t lt = x.find('<', i);
    const size_t text_end = lt == std::string::npos ? x.size() : lt;
    if (open.empty() && x.find_first_not_of(" \n\r\t", i) < text_end) return "text outside the root";
    if (auto p = check_text(i, text_end); !p.empty()) return p;
    if (lt == std::string::npos) break;
    const size_t gt = x.find('>', lt);
    if (gt == std::string::npos) return "unclosed tag";
    std::string tag = x.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
      open.pop_back();
      continue;
    }
    const bool self_closing = tag.back() == '/';
    if (self_closing) tag.pop_back();
    static const std::regex element(R"(([A-Za-z_][\w.-]*)((\s+[A-Za-z_:][\w.:-]*="[^"<]*")*)\s*)");
    std::smatch m;
    if (!std::regex_match(tag, m, element)) return "bad tag <" + tag + ">";
    if (auto p = check_text(lt + 1 + m.position(2), lt + 1 + m.position(2) + m.length(2)); !p.empty()) return p;
    if (open.empty() && ++roots > 1) return "more than one root";
    if (!self_closing) open.push_back(m[1]);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "no root";
  return "";
}

// The element with class `cls` (its first), as text up to its '>'.
std::string element_with_class(const std::string& svg, const std::string& cls) {
  const size_t at = svg.find("class=\"" + cls + "\"");
  if (at == std::string::npos) return "";
  const size_t start = svg.rfind('<', at);
  return svg.substr(start, svg.find('>', at) - start + 1);
}

ChartPoint point(Period p, double value, bool baseline, double centre, double lcl, double ucl) {
  ChartPoint c;
  c.period = p;
  c.value = value;
  c.numerator = value / 5;  // n = 20, value in %
  c.denominator = 20;
  c.baseline = baseline;
  c.centre = centre;
  c.lcl = lcl;
  c.ucl = ucl;
  return c;
}

// A P chart in %, 2026-01..2026-05, baseline the first three points, goal 50, the fourth point outside.
SeriesResult p_chart() {
  SeriesResult s;
  s.team = "t1";
  s.measure = "screened";
  s.chart = ChartType::p;
  s.run_rules = "anhoej";
  s.control_rules = "provost-murray";
  s.points = {point(ym(2026, 1), 20, true, 25, 5, 45), point(ym(2026, 2), 30, true, 25, 5, 45),
              point(ym(2026, 3), 25, true, 25, 5, 46), point(ym(2026, 4), 60, false, 25, 5, 44),
              point(ym(2026, 5), 35, false, 25, 5, 45)};
  s.points[3].control_signals = {metrics::Signal::outside};
  s.median = 25;
  s.segments = {Segment{ym(2026, 1), "", 3, 25.0, std::nullopt, std::nullopt}};
  s.goal = 50;
  return s;
}

}  // namespace

TEST_CASE("xml_escape: the five characters, controls dropped, UTF-8 kept", "[svg]") {
  CHECK(report::xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(report::xml_escape(std::string("x\x01y\tz\n\r\x1f", 8)) == "xy\tz\n\r");
  CHECK(report::xml_escape("Zoë – 5 €") == "Zoë – 5 €");
  CHECK(report::xml_escape("a\xff" "b\xc3") == "ab");          // not UTF-8
  CHECK(report::xml_escape("<\xc0\x80\xe0\x80\x80>") == "&lt;&gt;");  // overlong forms of NUL
  CHECK(report::xml_escape("\xef\xbf\xbe|\xed\xa0\x80") == "|");  // U+FFFE, a surrogate
  CHECK(report::xml_escape("") == "");
}

TEST_CASE("series_svg: a P chart at the documented scale", "[svg]") {
  ChartOptions o;
  o.unit = "%";
  const std::string svg = report::series_svg(p_chart(), o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 240\" role=\"img\" "
                  "aria-labelledby=\"collab-chart-title collab-chart-desc\"",
                  0) == 0);
  CHECK(svg.find("width=\"640\"") == std::string::npos);
  // Plot area x 56..584, y 32..200. x: 5 months, 66 + 508 * i / 4 = 66, 193, 320, 447, 574.
  // y: data, limits and goal span 5..60 -> step 20 (55 / 5 = 11 -> 20), ticks 0, 20, 40, 60;
  //    y = 200 - v / 60 * 168 = 200 - 2.8 v.
  CHECK(count(svg, "<circle class=\"point") == 4);
  CHECK(svg.find("<circle class=\"point in-baseline\" cx=\"66.0\" cy=\"144.0\"") != std::string::npos);   // 20
  CHECK(svg.find("<circle class=\"point in-baseline\" cx=\"193.0\" cy=\"116.0\"") != std::string::npos);  // 30
  CHECK(svg.find("<circle class=\"point\" cx=\"574.0\" cy=\"102.0\"") != std::string::npos);              // 35
  // The point outside: a diamond (r 3.5 + 2 = 5.5) at (447, 32) with the signal class.
  CHECK(svg.find("<path class=\"point signal\" d=\"M447.0,26.5 L452.5,32.0 L447.0,37.5 L441.5,32.0 Z\"") != std::string::npos);
  CHECK(svg.find("<polyline class=\"series\" points=\"66.0,144.0 193.0,116.0 320.0,130.0 447.0,32.0 574.0,102.0\"") !=
        std::string::npos);
  // Centre 25 -> 130, from 10 before the first point to 10 after the last.
  CHECK(element_with_class(svg, "centre").find("d=\"M56.0,130.0 H584.0\"") != std::string::npos);
  // UCL 45 45 46 44 45 -> 74, 74, 71.2, 76.8, 74, steps at the midpoints 256.5, 383.5, 510.5.
  CHECK(element_with_class(svg, "limit ucl").find("d=\"M56.0,74.0 H256.5 V71.2 H383.5 V76.8 H510.5 V74.0 H584.0\"") !=
        std::string::npos);
  CHECK(element_with_class(svg, "limit lcl").find("d=\"M56.0,186.0 H584.0\"") != std::string::npos);  // 5
  // Goal 50 -> 60, across the plot area, labelled.
  CHECK(svg.find("<path class=\"goal\" d=\"M56.0,60.0 H584.0\"") != std::string::npos);
  CHECK(svg.find(">goal 50.0</text>") != std::string::npos);
  // A control chart draws its centre, not the run chart's median.
  CHECK(svg.find("class=\"centre median\"") == std::string::npos);
  // Baseline band from 56 to the midpoint after the third point, 383.5.
  CHECK(svg.find("<rect class=\"baseline\" x=\"56.0\" y=\"32.0\" width=\"327.5\" height=\"168.0\"") != std::string::npos);
  // Ticks, the unit, every month labelled.
  for (const char* t : {">0</text>", ">20</text>", ">40</text>", ">60</text>", ">%</text>", ">2026-01</text>", ">2026-03</text>",
                        ">2026-05</text>"}) {
    CHECK(svg.find(t) != std::string::npos);
  }
  // Tooltips and the description.
  CHECK(svg.find("<title>2026-04: 60.0 % (12/20); outside</title>") != std::string::npos);
  CHECK(svg.find("<title>2026-01: 20.0 % (4/20); baseline</title>") != std::string::npos);
  CHECK(svg.find("<desc id=\"collab-chart-desc\">P chart of 5 points from 2026-01 to 2026-05 of screened, team t1; centre 25.0 %; "
                 "1 point outside the limits; goal 50.0 %.</desc>") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("href") == std::string::npos);
  // Deterministic.
  CHECK(report::series_svg(p_chart(), o) == svg);
}

TEST_CASE("series_svg: a run chart draws the median, dashed; run signals are signals", "[svg]") {
  SeriesResult s = p_chart();
  s.chart = ChartType::run;
  for (auto& p : s.points) p.centre = p.lcl = p.ucl = std::nullopt, p.control_signals.clear();
  s.points[4].run_signals = {metrics::Signal::shift};
  s.goal.reset();
  s.segments.clear();
  ChartOptions o;
  o.id_prefix = "m1-";
  const std::string svg = report::series_svg(s, o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // Values 20..60 -> step 10 (40 / 5 = 8 -> 10), ticks 20..60: y = 200 - (v - 20) / 40 * 168 = 200 - 4.2 (v - 20).
  // Median 25 -> 179.
  CHECK(svg.find("<path class=\"centre median\" d=\"M56.0,179.0 H584.0\"") != std::string::npos);
  CHECK(svg.find("stroke-dasharray=\"6 4\"") != std::string::npos);
  CHECK(svg.find("class=\"limit") == std::string::npos);
  CHECK(svg.find("class=\"goal\"") == std::string::npos);
  // 35 -> 137, a shift: a diamond.
  CHECK(svg.find("<path class=\"point signal\" d=\"M574.0,131.5") != std::string::npos);
  CHECK(svg.find("; shift</title>") != std::string::npos);
  CHECK(svg.find("aria-labelledby=\"m1-title m1-desc\"") != std::string::npos);
  CHECK(svg.find("<desc id=\"m1-desc\">Run chart of 5 points") != std::string::npos);
  s.run_signal = true;
  s.anhoej.long_run = true;
  CHECK(report::series_svg(s, o).find("; run-chart signal (anhoej: long run).</desc>") != std::string::npos);
}

TEST_CASE("series_svg: a control chart without limits falls back on the median; values that are not finite are left out", "[svg]") {
  SeriesResult s = p_chart();
  s.chart = ChartType::xmr;
  for (auto& p : s.points) p.centre = p.lcl = p.ucl = std::nullopt, p.control_signals.clear();
  s.points[2].value = std::nan("");
  s.goal = std::numeric_limits<double>::infinity();
  const std::string svg = report::series_svg(s, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "<path class=\"centre median\"") == 1);
  CHECK(count(svg, "<circle class=\"point") == 4);
  CHECK(svg.find("class=\"goal\"") == std::string::npos);
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("inf") == std::string::npos);
  CHECK(svg.find("XmR chart of 4 points from 2026-01 to 2026-05 of screened, team t1; median 25.0; too few points for limits.") !=
        std::string::npos);
}

TEST_CASE("series_svg: months evenly spaced with gaps, rebase marker, per-segment centres", "[svg]") {
  SeriesResult s = p_chart();
  // 2026-01, 02, 03, then 2026-05 and 2026-09 (rebased from 2026-05 with centre 40): 8 months.
  s.points[3].period = ym(2026, 5);
  s.points[4].period = ym(2026, 9);
  s.points[3].segment = s.points[4].segment = 1;
  s.points[3].centre = s.points[4].centre = 40;
  s.segments.push_back(Segment{ym(2026, 5), "new <EHR> & \"form\"", 2, 40.0, std::nullopt, std::nullopt});
  const std::string svg = report::series_svg(s, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // x = 66 + 508 * months / 8: 66, 129.5, 193, 320, 574.
  CHECK(svg.find("points=\"66.0,144.0 129.5,116.0 193.0,130.0 320.0,32.0 574.0,102.0\"") != std::string::npos);
  // Two centre lines: 25 (130) to the midpoint 256.5, then 40 (200 - 112 = 88) from it.
  CHECK(count(svg, "<path class=\"centre\"") == 2);
  CHECK(svg.find("<path class=\"centre\" d=\"M56.0,130.0 H256.5\"") != std::string::npos);
  CHECK(svg.find("<path class=\"centre\" d=\"M256.5,88.0 H584.0\"") != std::string::npos);
  // The rebase line at the boundary, its reason escaped in its tooltip.
  CHECK(svg.find("<line class=\"rebase\" x1=\"256.5\" y1=\"32.0\" x2=\"256.5\" y2=\"200.0\"") != std::string::npos);
  CHECK(svg.find("<title>rebase from 2026-05: new &lt;EHR&gt; &amp; &quot;form&quot;</title>") != std::string::npos);
  CHECK(svg.find("centre 25.0, 40.0 from 2026-05") != std::string::npos);
  // Labels: 9 months fit (528 / 48 = 11), so all of them.
  CHECK(count(svg, "\">2026-0") == 9);
}

TEST_CASE("series_svg: a weekly series is spaced by ISO weeks and labelled YYYY-Www", "[svg]") {
  SeriesResult s = p_chart();
  // 2026-W02, W03, W04, then W06 and W10 (rebased from W06): 8 weeks, as the months of the test above.
  const ReportingPeriod w02 = *parse_week("2026-W02");
  const int offsets[] = {0, 1, 2, 4, 8};
  for (int i = 0; i < 5; ++i) s.points[i].period = ReportingPeriod{true, w02.index + offsets[i]};
  s.points[3].segment = s.points[4].segment = 1;
  s.points[3].centre = s.points[4].centre = 40;
  s.segments[0].from = w02;
  s.segments.push_back(Segment{s.points[3].period, "huddle board", 2, 40.0, std::nullopt, std::nullopt});
  const std::string svg = report::series_svg(s, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // x = 66 + 508 * weeks / 8: 66, 129.5, 193, 320, 574.
  CHECK(svg.find("points=\"66.0,144.0 129.5,116.0 193.0,130.0 320.0,32.0 574.0,102.0\"") != std::string::npos);
  CHECK(svg.find("<title>rebase from 2026-W06: huddle board</title>") != std::string::npos);
  CHECK(svg.find("from 2026-W02 to 2026-W10") != std::string::npos);
  // Labels: all 9 weeks, W02 to W10.
  CHECK(count(svg, "\">2026-W") == 9);
  CHECK(svg.find(">2026-W05</text>") != std::string::npos);
}

TEST_CASE("series_svg: x labels every Nth month, always the first and last", "[svg]") {
  SeriesResult s;
  s.measure = "m";
  s.chart = ChartType::run;
  for (int i = 0; i < 30; ++i) {
    ChartPoint p;
    p.period = ym(2025, 1) + date::months(i);
    p.value = i % 7;
    s.points.push_back(p);
  }
  const std::string svg = report::series_svg(s, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // 11 labels fit: every (29 + 9) / 10 = 3rd month: 0, 3, ..., 24, and the last (29); 27 is too close to it.
  CHECK(count(svg, "class=\"label tick\" x=") - 4 == 10);  // minus the y ticks 0, 2, 4, 6 (step 2)
  CHECK(svg.find(">2025-01</text>") != std::string::npos);
  CHECK(svg.find(">2027-01</text>") != std::string::npos);
  CHECK(svg.find(">2027-04</text>") == std::string::npos);
  CHECK(svg.find(">2027-06</text>") != std::string::npos);
  CHECK(svg.find(">2025-02</text>") == std::string::npos);
  CHECK(count(svg, "<circle class=\"point\"") == 30);

  ChartOptions small;
  small.small = true;
  small.width = 240;
  small.height = 120;
  const std::string sm = report::series_svg(s, small);
  CHECK(xml_problem(sm) == "");
  CHECK(sm.find("font-size=\"8\"") != std::string::npos);
  CHECK(count(sm, "\">20") == 2);  // (240 - 72) / 60 = 2 labels: the first and the last
}

TEST_CASE("series_svg: every text from the data is escaped", "[svg]") {
  SeriesResult s = p_chart();
  s.team = "<script>alert('t')</script>";
  s.measure = "a & b \"m\"";
  s.points[1].note = "<b>note</b> & 'quoted' \x01";
  s.points[3].control_signals = {metrics::Signal::outside};  // signal names are fixed (metrics/spc.h)
  s.control_rules = "<rules>";
  ChartOptions o;
  o.title = "T<itle> & \"x\"";
  o.unit = "<u>";
  o.id_prefix = "\"><script>";
  const std::string svg = report::series_svg(s, o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("<u>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(&apos;t&apos;)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("a &amp; b &quot;m&quot;") != std::string::npos);
  CHECK(svg.find("note: &lt;b&gt;note&lt;/b&gt; &amp; &apos;quoted&apos; </title>") != std::string::npos);
  CHECK(svg.find(">T&lt;itle&gt; &amp; &quot;x&quot;</text>") != std::string::npos);
  CHECK(svg.find("aria-labelledby=\"c-script-title c-script-desc\"") == std::string::npos);
  CHECK(svg.find("aria-labelledby=\"scripttitle scriptdesc\"") != std::string::npos);
}

TEST_CASE("series_svg: no points, one point, a flat series", "[svg]") {
  SeriesResult empty;
  empty.measure = "m";
  const std::string none = report::series_svg(empty, ChartOptions{});
  CHECK(xml_problem(none) == "");
  CHECK(none.find(">no data</text>") != std::string::npos);
  CHECK(none.find("role=\"img\"") != std::string::npos);

  SeriesResult one;
  one.chart = ChartType::run;
  ChartPoint p;
  p.period = ym(2026, 3);
  p.value = 10;
  one.points = {p};
  one.median = 10;
  const std::string svg = report::series_svg(one, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // One month: at the centre of the plot area, 320. Flat 10 -> range 9..11, step 0.5, ticks 9..11;
  // y = 200 - (10 - 9) / 2 * 168 = 116.
  CHECK(svg.find("<circle class=\"point\" cx=\"320.0\" cy=\"116.0\"") != std::string::npos);
  CHECK(svg.find("Run chart of 1 point in 2026-03") != std::string::npos);
  CHECK(svg.find("nan") == std::string::npos);

  // Large values with a small spread: ticks of 0.2 around 1e12.
  one.points[0].value = 1e12;
  one.median = 1e12 + 1;
  const std::string big = report::series_svg(one, ChartOptions{});
  CHECK(xml_problem(big) == "");
  CHECK(big.find(">1000000000000.0</text>") != std::string::npos);
  CHECK(big.find(">1000000000001.0</text>") != std::string::npos);
  one.points[0].value = 10;
  one.median = 10;

  ChartOptions tiny;
  tiny.width = -5;
  tiny.height = 0;
  const std::string t = report::series_svg(one, tiny);
  CHECK(xml_problem(t) == "");
  CHECK(t.find("viewBox=\"0 0 160 100\"") != std::string::npos);
}

namespace {

// The cell points to its strings (metrics/health.h): literals, or strings that outlive it.
CompletenessCell cell(std::string_view team, std::string_view measure, Period p, std::string_view status) {
  CompletenessCell c;
  c.team = team;
  c.measure = measure;
  c.period = p;
  c.due = date::year(2026) / date::month(unsigned(p.month()) + 1) / date::day(15);
  c.status = status;
  return c;
}

}  // namespace

TEST_CASE("completeness_svg: one strip per team, period and measure, escaped, with a legend", "[svg]") {
  CompletenessResult c;
  c.as_of = date::year(2026) / 4 / 1;
  c.measures = {"m1", "m2"};
  c.cells = {cell("alpha", "m1", ym(2026, 1), "submitted"), cell("alpha", "m2", ym(2026, 1), "late"),
             cell("alpha", "m1", ym(2026, 2), "missing"),   cell("alpha", "m2", ym(2026, 2), "pending"),
             cell("b<&>", "m1", ym(2026, 1), "explained"),  cell("b<&>", "m2", ym(2026, 1), "submitted"),
             cell("b<&>", "m1", ym(2026, 2), "submitted"),  cell("b<&>", "m2", ym(2026, 2), "missing")};
  c.cells[4].reason = "\"EHR\" down & <offline>";
  c.by_team["alpha"] = {4, 1, 1, 0, 1, 1};
  c.by_team["b<&>"] = {4, 2, 0, 1, 1, 0};
  c.total = {8, 3, 1, 1, 2, 1};
  const std::string svg = report::completeness_svg(c, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "<rect class=\"cell ") == 8);
  CHECK(count(svg, "<rect class=\"cell submitted\"") == 3);
  CHECK(count(svg, "<path class=\"cell missing mark\"") == 2);
  CHECK(count(svg, "<rect class=\"legend ") == 5);
  CHECK(svg.find("fill=\"url(#collab-chart-late)\"") != std::string::npos);
  CHECK(svg.find("<pattern id=\"collab-chart-late\"") != std::string::npos);
  // Left margin 5 characters x 6 + 8 = 38, right 48: columns (640 - 86) / 2 = 277 wide, strips (277 - 1) / 2 = 138;
  // top 4 + 10 + 6 = 20, rows 16 high, strips 1 below the row's top, 14 high.
  CHECK(svg.find("<rect class=\"cell submitted\" x=\"38.0\" y=\"21.0\" width=\"138.0\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("<rect class=\"cell missing\" x=\"453.0\" y=\"37.0\" width=\"138.0\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("viewBox=\"0 0 640 80\"") != std::string::npos);
  CHECK(svg.find(">b&lt;&amp;&gt;</text>") != std::string::npos);
  CHECK(svg.find("(&quot;EHR&quot; down &amp; &lt;offline&gt;)") != std::string::npos);
  CHECK(svg.find(">67 %</text>") != std::string::npos);  // alpha: (1 + 1) / (4 - 1 pending)
  CHECK(svg.find(">50 %</text>") != std::string::npos);  // b: (2 + 0) / 4
  CHECK(svg.find(">missing 2</text>") != std::string::npos);
  CHECK(svg.find("3 submitted, 1 late, 1 explained, 2 missing (overdue), 1 pending") != std::string::npos);

  CompletenessResult empty;
  const std::string none = report::completeness_svg(empty, ChartOptions{});
  CHECK(xml_problem(none) == "");
  CHECK(none.find(">no data</text>") != std::string::npos);
}

TEST_CASE("completeness_svg: strips narrower than 2 units give one cell per team and month, of its most pressing status", "[svg]") {
  // Width 160: left margin 5 characters x 6 + 8 = 38, right 48, so the plot is 112 - 38 = 74 wide and each
  // of the 2 months 37; 19 measures leave strips of (37 - 1) / 19 = 1.89 units, under 2; 18 would leave 2.0.
  auto grid = [](size_t measures) {
    CompletenessResult c;
    c.as_of = date::year(2026) / 4 / 1;
    for (size_t k = 0; k < measures; ++k) c.measures.push_back(fmt::format("m{:02}", k));
    auto status = [](const std::string& team, Period p, size_t k) -> const char* {
      if (team == "alpha" && p == ym(2026, 1)) return k == 3 ? "missing" : k == 7 ? "late" : "submitted";
      if (team == "alpha" && p == ym(2026, 2)) return k == 0 ? "explained" : "submitted";
      if (team == "beta" && p == ym(2026, 2)) return k == 0 ? "pending" : k == 1 ? "late" : "submitted";
      return "submitted";
    };
    for (const char* team : {"alpha", "beta"}) {
      for (Period p : {ym(2026, 1), ym(2026, 2)}) {
        for (size_t k = 0; k < measures; ++k) c.cells.push_back(cell(team, c.measures[k], p, status(team, p, k)));
      }
    }
    return c;
  };
  ChartOptions o;
  o.width = 160;
  const std::string strips = report::completeness_svg(grid(18), o);
  CHECK(count(strips, "<rect class=\"cell ") == 2 * 2 * 18);
  CHECK(count(strips, "<rect class=\"cell month") == 0);

  const std::string svg = report::completeness_svg(grid(19), o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "<rect class=\"cell ") == 4);
  CHECK(count(svg, "<rect class=\"cell month ") == 4);
  // Rows 16 high from y 20, a cell 1 below the row's top and 14 high; columns from x 38, 37 wide, a cell 36.
  CHECK(svg.find("<rect class=\"cell month missing\" x=\"38.0\" y=\"21.0\" width=\"36.0\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("<rect class=\"cell month explained\" x=\"75.0\" y=\"21.0\" width=\"36.0\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("<rect class=\"cell month submitted\" x=\"38.0\" y=\"37.0\" width=\"36.0\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("<rect class=\"cell month late\" x=\"75.0\" y=\"37.0\" width=\"36.0\" height=\"14.0\"") != std::string::npos);  // late before pending
  CHECK(svg.find("<title>alpha - 2026-01: 17 submitted, 1 late, 1 missing; missing: m03</title>") != std::string::npos);
  CHECK(svg.find("<title>beta - 2026-02: 17 submitted, 1 late, 1 pending</title>") != std::string::npos);
  CHECK(svg.find("One cell per team and month") != std::string::npos);
  CHECK(strips.find("One cell per team and month") == std::string::npos);

  // Each team's months (KeepCells::months) draw the same bytes as the cells when the strips are too narrow,
  // which completeness_by_month tells; without cells, a chart whose strips would fit is drawn by month too.
  CHECK_FALSE(report::completeness_by_month(grid(18), o));
  CHECK(report::completeness_by_month(grid(19), o));
  auto months_only = [](CompletenessResult c) {
    c.months = metrics::completeness_months(c.cells);
    c.cells.clear();
    return c;
  };
  const CompletenessResult narrow = months_only(grid(19));
  REQUIRE(narrow.months.size() == 4);
  CHECK(report::completeness_by_month(narrow, o));
  CHECK_FALSE(report::completeness_by_month(months_only(grid(18)), o));
  CHECK(report::completeness_svg(narrow, o) == svg);
  CHECK(count(report::completeness_svg(months_only(grid(18)), o), "<rect class=\"cell month ") == 4);
}

TEST_CASE("completeness_svg: a team ID longer than the margin is cut with an ellipsis", "[svg]") {
  // The margin is at most 160 units; at 10 units a font, 6 a character: (160 - 8) / 6 = 25 characters fit.
  CompletenessResult c;
  c.measures = {"m1"};
  const std::string id(40, 'a');
  c.cells = {cell(id, "m1", ym(2026, 1), "submitted"), cell("short", "m1", ym(2026, 1), "missing")};
  const std::string svg = report::completeness_svg(c, ChartOptions{});
  CHECK(xml_problem(svg) == "");
  CHECK(svg.find(">" + std::string(24, 'a') + "\u2026</text>") != std::string::npos);
  CHECK(svg.find(">short</text>") != std::string::npos);
  CHECK(svg.find("<title>" + id + " - m1 - 2026-01: submitted") != std::string::npos);
}

// January 2026 has five weeks by their Thursday (1, 8, 15, 22 and 29 January): 2026-W01 to W05.
TEST_CASE("completeness_svg: a weekly measure's strip is cut into the weeks of its month", "[svg]") {
  CompletenessResult c;
  c.as_of = date::year(2026) / 3 / 1;
  c.measures = {"m1", "w"};
  c.cells = {cell("alpha", "m1", ym(2026, 1), "submitted")};
  for (const char* w : {"2026-W02", "2026-W03", "2026-W04", "2026-W05"}) {
    CompletenessCell x = cell("alpha", "w", ym(2026, 1), "late");
    x.period = *parse_week(w);
    c.cells.push_back(x);
  }
  c.by_team["alpha"] = {5, 1, 4, 0, 0, 0};
  c.total = {5, 1, 4, 0, 0, 0};
  const std::string svg = report::completeness_svg(c, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "<rect class=\"cell ") == 5);
  // One month column 640 - 86 = 554 wide, strips (554 - 1) / 2 = 276.5; the weekly strip from 38 + 276.5 = 314.5
  // in 5 slices of 55.3; W02 is the second: x = 314.5 + 55.3 = 369.8.
  CHECK(svg.find("<rect class=\"cell submitted\" x=\"38.0\" y=\"21.0\" width=\"276.5\"") != std::string::npos);
  CHECK(svg.find("x=\"369.8\" y=\"21.0\" width=\"55.3\" height=\"14.0\"") != std::string::npos);
  CHECK(svg.find("alpha - w - 2026-W05: late") != std::string::npos);
  CHECK(svg.find("1 month (2026-01 to 2026-01)") != std::string::npos);
}

TEST_CASE("progress_svg: stacked bars, the mean and the share at 4+", "[svg]") {
  ProgressResult p;
  ProgressPeriod a, b;
  a.period = ym(2026, 1);
  a.faculty.n = 3;
  a.faculty.mean = 2.0;
  a.faculty.median = 2.5;
  a.faculty.share_at_4 = 0.0;
  a.faculty.distribution = {{1.0, 1}, {2.5, 2}};
  b.period = ym(2026, 4);
  b.faculty.n = 4;
  b.faculty.mean = 3.75;
  b.faculty.median = 4.0;
  b.faculty.share_at_4 = 0.75;
  b.faculty.distribution = {{2.5, 1}, {4.0, 2}, {4.5, 1}};
  ProgressPeriod none;  // no faculty scores: not drawn
  none.period = ym(2026, 7);
  p.periods = {a, b, none};
  ChartOptions o;
  o.title = "Progress <&>";
  const std::string svg = report::progress_svg(p, o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "<rect class=\"bar\"") == 5);
  CHECK(count(svg, "<rect class=\"mean\"") == 2);
  CHECK(count(svg, "<polyline class=\"mean\"") == 1);
  CHECK(svg.find(">0 %</text>") != std::string::npos);
  CHECK(svg.find(">75 %</text>") != std::string::npos);
  CHECK(svg.find("2026-04: score 4.0, 2 teams") != std::string::npos);
  CHECK(svg.find("2026-07") == std::string::npos);
  CHECK(svg.find(">Progress &lt;&amp;&gt;</text>") != std::string::npos);
  // Plot area: x 44..596, y 34..184 (240 - 56); the score axis 0..5: mean 2.0 -> 184 - 2 / 5 * 150 = 124, at the centre of
  // the first of two columns, 44 + 552 / 4 = 182.
  CHECK(svg.find("<polyline class=\"mean\" points=\"182.0,124.0 458.0,71.5\"") != std::string::npos);

  ProgressResult empty;
  empty.periods = {none};
  CHECK(report::progress_svg(empty, ChartOptions{}).find(">no data</text>") != std::string::npos);
}

TEST_CASE("network_svg: nodes on a circle by team, ties with arrowheads, isolates, legend", "[svg]") {
  NetworkWaveResult w;
  w.id = "w<1>";
  w.date = date::year(2026) / 5 / 1;
  NetworkInput in;
  in.nodes = {"a1", "a2", "b1", "x<y>"};
  in.ties = {{"a1", "a2", 3, 4}, {"a2", "a1", {}, {}}, {"a1", "b1", {}, {}}};
  w.metrics = analyze_network(in);
  const std::map<std::string, std::string> team = {{"a1", "A&"}, {"a2", "A&"}, {"b1", "B"}};
  const std::string svg = report::network_svg(w, team, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // Marks: team A& circles, team B squares, members without a team grey circles.
  CHECK(count(svg, "<circle class=\"node") == 3);
  CHECK(count(svg, "<rect class=\"node\"") == 1);
  CHECK(count(svg, "<circle class=\"node isolate\"") == 1);
  CHECK(count(svg, "fill=\"#9e9e9e\"") == 1);  // the legend's; x<y> is an isolate, hollow
  CHECK(count(svg, "<path class=\"tie") == 3);
  CHECK(count(svg, "<path class=\"tie mutual\"") == 2);
  CHECK(count(svg, "marker-end=\"url(#collab-chart-arrow)\"") == 4);  // 3 ties and the legend's
  CHECK(svg.find("<marker id=\"collab-chart-arrow\"") != std::string::npos);
  // Area 490 x 232 beside the legend: centre (245, 120), radius min(490 / 2 - (4 x 9 x 0.55 + 16), 232 / 2 - 20) =
  // 96 (labels of 4 characters); 7 slots (4 members, a gap after each of 3 teams); a1 first, at the top; its
  // in-degree 1 gives radius 4 + 1.5 = 5.5.
  CHECK(svg.find("<circle class=\"node\" cx=\"245.0\" cy=\"24.0\" r=\"5.5\"") != std::string::npos);
  CHECK(svg.find("x&lt;y&gt; (no team): named by 0, names 0, betweenness 0.000; isolate") != std::string::npos);
  CHECK(svg.find(">A&amp; (2)</text>") != std::string::npos);
  CHECK(svg.find(">(no team) (1)</text>") != std::string::npos);
  CHECK(svg.find("a1 -&gt; a2 (strength 3.0, trust 4.0, mutual)") != std::string::npos);
  CHECK(svg.find("Network wave w&lt;1&gt; on 2026-05-01: 4 members in 3 teams, 3 ties") != std::string::npos);

  NetworkWaveResult empty;
  empty.id = "w0";
  const std::string none = report::network_svg(empty, {}, ChartOptions{});
  CHECK(xml_problem(none) == "");
  CHECK(none.find(">no data</text>") != std::string::npos);
}

TEST_CASE("every chart of the three examples is well-formed and has one mark per value", "[svg]") {
  for (const char* example : {"nctsn-tf-cbt", "chs-interprofessional", "r4d-phc-network"}) {
    INFO(example);
    Diagnostics d;
    const auto project = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/" + example, "", d);
    const auto r = compute_metrics(project, Scope{}, date::year(2027) / 6 / 30,
                                   {Section::measures, Section::completeness, Section::progress, Section::network,
                                    Section::improvement});
    REQUIRE(!r.series.empty());
    size_t i = 0;
    for (const auto& s : r.series) {
      INFO(s.measure << " " << s.team);
      ChartOptions o;
      o.id_prefix = "s" + std::to_string(i++) + "-";
      o.small = i % 2 == 0;
      const std::string svg = report::series_svg(s, o);
      CHECK(xml_problem(svg) == "");
      CHECK(count(svg, "<circle class=\"point") + count(svg, "<path class=\"point") == s.points.size());
      size_t signals = 0;
      for (const auto& p : s.points) signals += !p.run_signals.empty() || !p.control_signals.empty();
      CHECK(count(svg, "class=\"point signal") == signals);
      CHECK(count(svg, "id=\"" + o.id_prefix + "title\"") == 1);
    }
    REQUIRE(r.completeness);
    const std::string c = report::completeness_svg(*r.completeness, ChartOptions{});
    CHECK(xml_problem(c) == "");
    CHECK(count(c, "<rect class=\"cell ") == r.completeness->cells.size());
    REQUIRE(r.progress);
    const std::string p = report::progress_svg(*r.progress, ChartOptions{});
    CHECK(xml_problem(p) == "");
    std::map<std::string, std::string> member_team;
    for (const auto& t : project.teams) {
      for (const auto& m : t.members) member_team[m.id] = t.id;
    }
    for (const auto& w : r.network) {
      const std::string n = report::network_svg(w, member_team, ChartOptions{640, 420, "", "", false, "net-"});
      CHECK(xml_problem(n) == "");
      CHECK(count(n, "class=\"node") == w.metrics.node_count);
      CHECK(count(n, "<path class=\"tie") == w.metrics.tie_count);
    }
    REQUIRE(r.improvement);
    if (project.driver_diagram) {
      std::vector<const model::ChangeIdea*> own;
      for (const auto& t : project.teams) {
        for (const auto& i : t.own_ideas) own.push_back(&i);
      }
      const std::string dd = report::driver_diagram_svg(*project.driver_diagram, own, r.improvement->ideas, ChartOptions{});
      CHECK(xml_problem(dd) == "");
      CHECK(count(dd, "class=\"node idea") == project.driver_diagram->ideas.size() + own.size());
    }
    for (const auto& t : r.improvement->teams) {
      const std::string rs = report::ramps_svg(*r.improvement, t.team, ChartOptions{});
      CHECK(xml_problem(rs) == "");
      CHECK(count(rs, "<rect class=\"cycle") == static_cast<size_t>(t.cycles));
    }
  }
}

TEST_CASE("network_svg: a legend longer than the chart ends with the number of teams left out", "[svg]") {
  NetworkWaveResult w;
  w.id = "w1";
  w.date = date::year(2026) / 5 / 1;
  NetworkInput in;
  std::map<std::string, std::string> team;
  for (int i = 1; i <= 6; ++i) {
    in.nodes.push_back("m" + std::to_string(i));
    team["m" + std::to_string(i)] = "t" + std::to_string(i);
  }
  w.metrics = analyze_network(in);
  ChartOptions o;
  o.height = 100;
  const std::string svg = report::network_svg(w, team, o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // Rows of 9 + 5 from y 16; (100 - 16 - 2 x 14) / 14 = 4 rows: 3 teams and the rest.
  CHECK(svg.find(">t3 (1)</text>") != std::string::npos);
  CHECK(svg.find(">t4 (1)</text>") == std::string::npos);
  CHECK(svg.find(">+ 3 more teams</text>") != std::string::npos);
  CHECK(count(svg, "class=\"node isolate") == 6);
  // Shapes by team: circle, square, triangle, diamond, then circle and square again.
  CHECK(count(svg, "<circle class=\"node isolate\"") == 2);
  CHECK(count(svg, "<rect class=\"node isolate\"") == 2);
  CHECK(count(svg, "<path class=\"node isolate\"") == 2);
}

TEST_CASE("series_svg: PDSA marks at the foot of a team's chart", "[svg][improvement]") {
  SeriesResult s = p_chart();
  auto at = [](int m, int d) { return date::year(2026) / date::month(static_cast<unsigned>(m)) / d; };
  s.annotations = {{ym(2026, 2), at(2, 2), "c1", "idea-x", "start", ""},
                   {ym(2026, 2), at(2, 16), "c1", "idea-x", "decision", "adopt"},
                   {ym(2026, 2), at(2, 23), "c2", "idea-x", "start", ""},
                   {ym(2026, 4), at(4, 20), "c2", "idea-x", "decision", "abandon"},
                   {ym(2026, 7), at(7, 1), "c3", "idea-x", "start", ""}};  // after the last point: not drawn
  const std::string svg = report::series_svg(s, ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // Plot area y 32..200, r 3.5: the start row at y = 200 - 3.5 - 2 = 194.5, the next row 2r + 3 = 10 higher.
  // 2026-02 is at x 193 (see the P chart test): a hollow triangle for c1 and c2 started, then adopt above it.
  CHECK(count(svg, "class=\"pdsa start\"") == 1);
  CHECK(svg.find("<path class=\"pdsa start\" d=\"M193.0,191.0 L196.5,197.3 L189.5,197.3 Z\"") != std::string::npos);
  CHECK(svg.find("<title>2026-02: PDSA c1 (idea-x) started 2026-02-02; c2 (idea-x) started 2026-02-23</title>") != std::string::npos);
  CHECK(svg.find("<path class=\"pdsa decision adopt\" d=\"M193.0,181.0 L196.5,187.3 L189.5,187.3 Z\"") != std::string::npos);
  // 2026-04 at x 447: no start, so the abandon cross sits on the first row.
  CHECK(svg.find("<path class=\"pdsa decision abandon\" d=\"M443.5,191.0 L450.5,198.0 M443.5,198.0 L450.5,191.0\"") !=
        std::string::npos);
  CHECK(count(svg, "class=\"pdsa decision") == 2);
  CHECK(svg.find("PDSA cycles of the team marked at the foot: 2 started, 2 decided (abandon 1, adopt 1).</desc>") !=
        std::string::npos);
  // Without annotations nothing of it is drawn.
  const std::string plain = report::series_svg(p_chart(), ChartOptions{});
  CHECK(plain.find("pdsa") == std::string::npos);
  CHECK(plain.find("PDSA") == std::string::npos);
}

namespace {

model::ChangeIdea change_idea(const char* id, const char* name, std::vector<std::string> drivers, const char* team = "") {
  model::ChangeIdea i;
  i.id = id;
  i.name = name;
  i.drivers = std::move(drivers);
  i.team = team;
  return i;
}

}  // namespace

TEST_CASE("driver_diagram_svg: four columns, links, each idea's spread, escaped and wrapped", "[svg][improvement]") {
  model::DriverDiagram d;
  d.aim.text = "By June 2027, 80% of new clients are screened for trauma <at> intake & referral";
  d.primary = {{{}, "p1", "Reliable screening", "", {}}, {{}, "p2", "Engaged families", "", {}}};
  d.secondary = {{{}, "s1", "Standard tool", "", {"p1"}}, {{}, "s2", "Trained staff", "", {"p1", "p2"}},
                 {{}, "s3", "Family voice", "", {"p2"}}};
  d.ideas = {change_idea("i1", "Screen every new client at intake with the standard checklist before the first session",
                         {"s1"}),
             change_idea("i2", "Train front-desk staff", {"s2"}), change_idea("i3", "Ask families", {"s3", "p2"}),
             change_idea("i4", "Weekly huddle", {"s2"})};
  const model::ChangeIdea own = change_idea("o1", "Text reminders", {"s3"}, "bayview");
  std::vector<IdeaSpread> spread(2);
  spread[0].idea = "i1";
  spread[0].listed = {"a", "b"};
  spread[0].testing = {"a"};
  spread[0].adopted = {"a"};
  spread[1].idea = "o1";
  spread[1].owner = "bayview";
  spread[1].listed = {"bayview"};
  ChartOptions o;
  o.width = 960;
  const std::string svg = report::driver_diagram_svg(d, {&own}, spread, o);
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  CHECK(count(svg, "class=\"node aim\"") == 1);
  CHECK(count(svg, "class=\"node driver primary\"") == 2);
  CHECK(count(svg, "class=\"node driver secondary\"") == 3);
  CHECK(count(svg, "class=\"node idea\"") == 4);
  CHECK(count(svg, "class=\"node idea own\"") == 1);
  // Links: aim -> 2 primaries; s1, s2 (twice), s3 -> their primaries (4); ideas -> drivers: 1 + 1 + 2 + 1 + 1 (o1) = 6.
  CHECK(count(svg, "<path class=\"link\"") == 12);
  // Rows: the longest column has 5 ideas: height 30 + 5 * 54 + 8 = 308.
  CHECK(svg.find("viewBox=\"0 0 960 308\"") != std::string::npos);
  CHECK(svg.find(">2 listed, 1 testing, 1 adopted</text>") != std::string::npos);
  CHECK(svg.find(">team bayview; 1 listed, 0 testing, 0 adopted</text>") != std::string::npos);
  CHECK(svg.find("trauma &lt;at&gt; intake &amp; referral") != std::string::npos);
  CHECK(svg.find("<at>") == std::string::npos);
  // The long idea name is cut at two lines, whole in its tooltip.
  CHECK(svg.find("...</text>") != std::string::npos);
  CHECK(svg.find("<title>Screen every new client at intake with the standard checklist before the first session. Teams listing "
                 "it: 2; testing: 1; adopted: 1; abandoned: 0; 0 cycles.</title>") != std::string::npos);
  CHECK(report::driver_diagram_svg(d, {&own}, spread, o) == svg);
}

TEST_CASE("ramps_svg: a team's ramps on a timeline, decisions marked", "[svg][improvement]") {
  model::Project p;
  p.collaborative.emplace();
  p.collaborative->start = date::year(2026) / 1 / 5;
  p.collaborative->end = date::year(2026) / 12 / 18;
  model::Team t;
  t.id = "a";
  t.status = "active";
  p.teams = {t};
  auto cycle = [](const char* id, Date start, const char* builds_on, const char* decision, std::optional<Date> decided) {
    model::PdsaCycle c;
    c.team = "a";
    c.id = id;
    c.idea = "i1";
    c.start = start;
    c.builds_on = builds_on;
    c.decision = decision;
    c.decided = decided;
    return c;
  };
  p.cycles = {cycle("a1", date::year(2026) / 2 / 2, "", "adapt", date::year(2026) / 2 / 16),
              cycle("a2", date::year(2026) / 2 / 23, "a1", "adopt", date::year(2026) / 3 / 20),
              cycle("a3", date::year(2026) / 5 / 4, "", "", std::nullopt)};
  const ImprovementResult im = improvement(p, Scope{}, date::year(2026) / 6 / 15, 8);
  const std::string svg = report::ramps_svg(im, "a", ChartOptions{});
  INFO(svg);
  CHECK(xml_problem(svg) == "");
  // Two ramps: rows at y 12 + 10 and 12 + 30; height 12 + 2 * 20 + 4 + 22 = 78.
  CHECK(svg.find("viewBox=\"0 0 640 78\"") != std::string::npos);
  CHECK(count(svg, "<rect class=\"cycle") == 3);
  // x: 2026-01-01 .. 2026-07-01 (181 days) onto 178 .. 624. a1 starts on day 32: 178 + 446 * 32 / 181 = 256.9;
  // decided 02-16, day 46: 291.4; its bar at y 22 - 4 = 18.
  CHECK(svg.find("<rect class=\"cycle\" x=\"256.9\" y=\"18.0\" width=\"34.5\" height=\"8\"") != std::string::npos);
  CHECK(count(svg, "class=\"pdsa decision adapt\"") == 1);
  CHECK(count(svg, "class=\"pdsa decision adopt\"") == 1);
  // a3 is open: dashed, up to the as-of date (day 165: 584.6).
  CHECK(svg.find("<rect class=\"cycle open\" x=\"") != std::string::npos);
  CHECK(svg.find("<line class=\"as-of\" x1=\"584.6\"") != std::string::npos);
  CHECK(svg.find("2 PDSA ramps of team a from 2026-01 to 2026-06") != std::string::npos);
  // A team without cycles: no data.
  CHECK(report::ramps_svg(im, "b", ChartOptions{}).find("no data") != std::string::npos);
}

TEST_CASE("SvgGrid: charts nested row by row at their own size, under their labels", "[svg]") {
  // Three 320 x 180 charts and one chart without data (640 x 60: no_data_svg), two to a row, gap 16,
  // labels 18 high (svg.cpp): row 1 at y 0, its labels, then its charts at y 18, x 0 and 320 + 16 = 336;
  // row 2 at y 18 + 180 + 16 = 214, its charts at y 232: the third, and the one without data (no label)
  // at x 336. Width 336 + 640 = 976 (the widest row), height 232 + 180 = 412 (the row's tallest chart).
  ChartOptions small;
  small.small = true;
  small.width = 320;
  small.height = 180;
  ChartOptions wide;
  wide.width = 640;
  wide.id_prefix = "w-";
  // The sizes planned are the ones the charts are drawn at.
  CHECK(report::series_svg_size(p_chart(), small) == report::ChartSize{320, 180});
  CHECK(report::series_svg_size(SeriesResult{}, wide) == report::ChartSize{640, 60});
  CHECK(report::series_svg_size(SeriesResult{}, small) == report::ChartSize{320, 40});
  CHECK(report::series_svg_size(p_chart(), ChartOptions{}) == report::ChartSize{640, 240});
  CHECK(report::series_svg(SeriesResult{}, small).find("viewBox=\"0 0 320 40\"") != std::string::npos);

  report::SvgGrid grid(2, "Screened: <every> team", "Four charts.", "g-",
                       {{{320, 180}, true}, {{320, 180}, true}, {{320, 180}, true}, {{640, 60}, false}});
  std::string svg = grid.open();
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 976 412\" ", 0) == 0);
  for (int i = 0; i < 3; ++i) {
    SeriesResult s = p_chart();
    small.id_prefix = "t" + std::to_string(i) + "-";
    grid.add("Team & " + std::to_string(i), report::series_svg(s, small));
    // A row is handed on when its last chart comes, not before.
    const std::string rows = grid.take();
    CHECK(rows.empty() == (i != 1));
    svg += rows;
  }
  grid.add("", report::series_svg(SeriesResult{}, wide));  // "no data": 640 x 60
  auto rest = grid.finish();
  REQUIRE(rest);
  svg += *rest;
  CHECK(xml_problem(svg) == "");
  CHECK(svg.find("<title id=\"g-title\">Screened: &lt;every&gt; team</title>") != std::string::npos);
  CHECK(count(svg, "xmlns=") == 1);
  CHECK(svg.find("<svg x=\"0\" y=\"18\" width=\"320\" height=\"180\" viewBox=\"0 0 320 180\"") != std::string::npos);
  CHECK(svg.find("<svg x=\"336\" y=\"18\" width=\"320\" height=\"180\" viewBox=\"0 0 320 180\"") != std::string::npos);
  CHECK(svg.find("<svg x=\"0\" y=\"232\" width=\"320\" height=\"180\" viewBox=\"0 0 320 180\"") != std::string::npos);
  CHECK(svg.find("<svg x=\"336\" y=\"232\" width=\"640\" height=\"60\" viewBox=\"0 0 640 60\"") != std::string::npos);
  CHECK(svg.find(">Team &amp; 0</text>") != std::string::npos);
  CHECK(count(svg, "class=\"label grid-label\"") == 3);
  for (const char* id : {"t0-title", "t1-title", "t2-title", "w-title"}) CHECK(count(svg, std::string("id=\"") + id + "\"") == 1);
  CHECK(svg.size() >= 7);
  CHECK(svg.compare(svg.size() - 7, 7, "</svg>\n") == 0);
}

TEST_CASE("SvgGrid: charts that are not the ones planned are an internal error", "[svg]") {
  ChartOptions small;
  small.small = true;
  small.width = 320;
  small.height = 180;
  const std::string chart = report::series_svg(p_chart(), small);
  auto finish = [&](std::vector<report::SvgGrid::Planned> plan, std::vector<std::string> labels) {
    report::SvgGrid grid(3, "T", "D", "g-", std::move(plan));
    for (const auto& l : labels) grid.add(l, chart);
    return grid.finish();
  };
  CHECK(finish({{{320, 180}, true}, {{320, 180}, true}}, {"a", "b"}));
  for (auto [plan, labels] : std::vector<std::pair<std::vector<report::SvgGrid::Planned>, std::vector<std::string>>>{
           {{{{320, 180}, true}, {{320, 40}, true}}, {"a", "b"}},  // another size
           {{{{320, 180}, true}, {{320, 180}, false}}, {"a", "b"}},  // a label where none was planned
           {{{{320, 180}, true}, {{320, 180}, true}}, {"a", ""}},  // none where one was
           {{{{320, 180}, true}}, {"a", "b"}},  // more charts
           {{{{320, 180}, true}, {{320, 180}, true}}, {"a"}},  // fewer
       }) {
    auto r = finish(plan, labels);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::internal);
  }
}

TEST_CASE("ramps_svg_size: the size ramps_svg draws at", "[svg]") {
  // 38 + 20 per ramp (svg.cpp: rows from y 12, 20 each, the axis 4 below them, 22 for its labels).
  metrics::ImprovementResult im;
  im.months = {date::year(2026) / date::January, date::year(2026) / date::February};
  for (const char* team : {"a", "a", "b"}) {
    metrics::Ramp r;
    r.team = team;
    r.idea = "i";
    r.first = r.last = std::string(team) + "-1";
    r.cycles = {r.first};
    r.start = *parse_date("2026-01-05");
    r.outcome = "open";
    im.ramps.push_back(r);
  }
  ChartOptions o;
  o.width = 960;
  for (auto [team, height] : {std::pair{"a", 78}, std::pair{"b", 58}, std::pair{"c", 60}}) {
    CHECK(report::ramps_svg_size(im, team, o) == report::ChartSize{960, height});
    CHECK(report::ramps_svg(im, team, o).find(fmt::format("viewBox=\"0 0 960 {}\"", height)) != std::string::npos);
  }
}
