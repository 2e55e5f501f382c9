#include "report/svg.h"

#include "core/dates.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <unordered_map>

namespace collab::report {

using metrics::ChartPoint;
using metrics::SeriesResult;
using metrics::Signal;
using metrics::Signals;

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A UTF-8 sequence: kept whole when it is well-formed (shortest form) and a character XML allows.
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 0) : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (len == 0 || i + len > text.size()) {
      ++i;
      continue;
    }
    unsigned cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (b & 0x3F);
    }
    const unsigned min_cp = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (!ok || cp < min_cp || cp > 0x10FFFF) {
      ++i;  // drop the lead byte; the rest is looked at again
      continue;
    }
    if (!(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

namespace {

// ---- Shared pieces ----

// A fixed-decimal number, never "-0.0".
std::string num(double v, int decimals) {
  // The common precisions with a format compiled in (a chart has thousands of coordinates).
  std::string s;
  switch (decimals) {
    case 0: s = fmt::format(FMT_COMPILE("{:.0f}"), v); break;
    case 1: s = fmt::format(FMT_COMPILE("{:.1f}"), v); break;
    case 2: s = fmt::format(FMT_COMPILE("{:.2f}"), v); break;
    default: s = fmt::format("{:.{}f}", v, decimals);
  }
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}
std::string c1(double v) { return num(v, 1); }  // a coordinate

// A reported numerator or denominator: as an integer when it is one.
std::string plain(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return num(v, 0);
  return fmt::format("{:.6g}", v);
}

// A chart too small to draw in is drawn at the smallest size that holds it.
ChartOptions usable(const ChartOptions& o) {
  ChartOptions u = o;
  u.width = std::max(u.width, 160);
  u.height = std::max(u.height, 100);
  return u;
}

std::string element_id(const std::string& prefix) {
  std::string id;
  for (char ch : prefix) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_') id += ch;
  }
  if (id.empty()) return "collab-chart-";
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) id = "c-" + id;
  return id;
}

const char* kFont = "Helvetica, Arial, sans-serif";

std::string open_svg(int width, int height, const std::string& id, const std::string& kind, const std::string& title,
                     const std::string& desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}title {id}desc\" "
      "class=\"collab-chart {kind}\" font-family=\"{font}\">\n"
      "<title id=\"{id}title\">{title}</title>\n<desc id=\"{id}desc\">{desc}</desc>\n",
      fmt::arg("w", width), fmt::arg("h", height), fmt::arg("id", id), fmt::arg("kind", kind), fmt::arg("font", kFont),
      fmt::arg("title", xml_escape(title)), fmt::arg("desc", xml_escape(desc)));
}

ChartSize no_data_size(const ChartOptions& o) { return {std::max(o.width, 40), o.small ? 40 : 60}; }

std::string no_data_svg(const ChartOptions& o, const std::string& id, const std::string& kind, const std::string& title) {
  const auto [w, h] = no_data_size(o);
  std::string out = open_svg(w, h, id, kind, title, "No data.");
  out += fmt::format(
      "<rect class=\"no-data\" x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#bbbbbb\" "
      "stroke-dasharray=\"4 3\"/>\n<text class=\"label no-data\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
      "font-size=\"{}\" fill=\"#666666\">no data</text>\n</svg>\n",
      w - 1, h - 1, c1(w / 2.0), c1(h / 2.0 + 4), o.small ? 9 : 12);
  return out;
}

std::string text_el(const std::string& cls, double x, double y, const std::string& anchor, int size, const std::string& fill,
                    const std::string& content, const std::string& extra = "") {
  return fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\" fill=\"{}\"{}>{}</text>\n", cls,
                     c1(x), c1(y), anchor, size, fill, extra, xml_escape(content));
}

std::string line_el(const std::string& cls, double x1, double y1, double x2, double y2, const std::string& stroke,
                    const std::string& extra = "") {
  return fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"{}/>\n", cls, c1(x1), c1(y1),
                     c1(x2), c1(y2), stroke, extra);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// Months between two months, weeks between two weeks.
int periods_between(const ReportingPeriod& a, const ReportingPeriod& b) { return b.index - a.index; }

// Axis ticks: a step of 1, 2 or 5 x 10^k giving about `intervals` intervals, and the multiples of it
// that cover [lo, hi].
struct Ticks {
  double lo = 0, hi = 1, step = 1;
  double first = 0;  // an integer: the ticks are (first + i) * step, i < count
  int count = 2;
  int decimals = 0;          // enough to print the step
  double at(int i) const { return (first + i) * step; }
};

Ticks nice_ticks(double lo, double hi, int intervals) {
  if (!(hi > lo)) {
    const double d = lo != 0 ? std::fabs(lo) * 0.1 : 1;
    lo -= d;
    hi += d;
  }
  const double raw = (hi - lo) / intervals;
  int k = static_cast<int>(std::floor(std::log10(raw)));
  const double f = raw / std::pow(10.0, k);
  int m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  if (m == 10) {
    m = 1;
    ++k;
  }
  Ticks t;
  t.step = m * std::pow(10.0, k);
  t.decimals = std::max(0, -k);
  t.first = std::floor(lo / t.step + 1e-9);
  t.count = std::max(2, static_cast<int>(std::ceil(hi / t.step - 1e-9) - t.first) + 1);
  t.lo = t.at(0);
  t.hi = t.at(t.count - 1);
  return t;
}

// Which of `count` evenly spaced labels to print when `fit` fit: every Nth, always the first and last.
std::vector<int> label_indices(int count, int fit) {
  fit = std::max(2, fit);
  const int every = count <= fit ? 1 : (count - 1 + fit - 2) / (fit - 1);
  std::vector<int> at;
  for (int i = 0; i < count; i += every) at.push_back(i);
  if (!at.empty() && at.back() != count - 1) {
    if (at.size() > 1 && count - 1 - at.back() < every) at.pop_back();
    at.push_back(count - 1);
  }
  return at;
}

// Labels in the right margin, moved apart so that they do not overlap.
struct MarginLabel {
  double y;
  std::string cls, text, fill;
};

std::string margin_labels(std::vector<MarginLabel> labels, double x, int size, double bottom) {
  std::stable_sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.y < b.y; });
  const double gap = size + 1;
  for (size_t i = 1; i < labels.size(); ++i) labels[i].y = std::max(labels[i].y, labels[i - 1].y + gap);
  // Pushed below the bottom: move them up again, keeping them apart.
  for (size_t i = labels.size(); i-- > 0;) {
    const double limit = i + 1 < labels.size() ? labels[i + 1].y - gap : bottom;
    labels[i].y = std::min(labels[i].y, limit);
  }
  std::string out;
  for (const auto& l : labels) out += text_el("label " + l.cls, x, l.y + size * 0.35, "start", size, l.fill, l.text);
  return out;
}

// ---- Series ----

const char* chart_title(metrics::ChartType t) {
  switch (t) {
    case metrics::ChartType::run: return "Run chart";
    case metrics::ChartType::p: return "P chart";
    case metrics::ChartType::u: return "U chart";
    case metrics::ChartType::c: return "C chart";
    case metrics::ChartType::xmr: return "XmR chart";
  }
  return "Chart";
}

bool has_signal(const ChartPoint& p) { return !p.run_signals.empty() || !p.control_signals.empty(); }

struct SeriesLayout {
  double left, right, top, bottom;  // margins
  double x0, x1, y0, y1;            // plot area: x0 left, x1 right, y0 top, y1 bottom
  int font, small_font;
  double r;  // point radius
};

SeriesLayout series_layout(const ChartOptions& o) {
  SeriesLayout l{};
  if (o.small) {
    l.left = 36, l.right = 36, l.top = 16, l.bottom = 24, l.font = 8, l.small_font = 7, l.r = 2.5;
  } else {
    l.left = 56, l.right = 56, l.top = 32, l.bottom = 40, l.font = 10, l.small_font = 9, l.r = 3.5;
  }
  l.x0 = l.left;
  l.x1 = std::max(l.x0 + 20, o.width - l.right);
  l.y0 = l.top;
  l.y1 = std::max(l.y0 + 10, o.height - l.bottom);
  return l;
}

std::string with_unit(const std::string& value, const std::string& unit) { return unit.empty() ? value : value + " " + unit; }

std::string point_tooltip(const ChartPoint& p, int decimals, const std::string& unit) {
  std::string t = format_period(p.period) + ": " + with_unit(num(p.value, decimals), unit);
  if (p.numerator && p.denominator) t += " (" + plain(*p.numerator) + "/" + plain(*p.denominator) + ")";
  // The control chart's signals, then the run chart's that are not among them.
  std::vector<std::string> signals = p.control_signals.names();
  for (Signal r : p.run_signals.list()) {
    if (!p.control_signals.contains(r)) signals.emplace_back(signal_name(r));
  }
  if (!signals.empty()) t += "; " + join(signals, ", ");
  if (p.teams > 1) t += fmt::format("; {} teams", p.teams);
  if (p.baseline) t += "; baseline";
  if (!p.note.empty()) t += "; note: " + p.note;
  return t;
}

// A step line through the per-point values of points [a, b], from each point's left edge to its right
// edge; a point without a value breaks it.
std::string step_path(const std::vector<std::optional<double>>& v, size_t a, size_t b, const std::vector<double>& left,
                      const std::vector<double>& right, const std::function<double(double)>& ymap) {
  std::string d;
  std::optional<double> prev;
  for (size_t i = a; i <= b; ++i) {
    if (!v[i] || !std::isfinite(*v[i])) {
      prev.reset();
      continue;
    }
    const double y = ymap(*v[i]);
    if (!prev) {
      d += fmt::format("{}M{},{}", d.empty() ? "" : " ", c1(left[i]), c1(y));
    } else if (*v[i] != *prev) {
      d += fmt::format(" V{}", c1(y));
    }
    // The horizontal runs to where the value changes, the line breaks or the segment ends.
    const bool next_same = i < b && v[i + 1] && *v[i + 1] == *v[i];
    if (!next_same) d += fmt::format(" H{}", c1(right[i]));
    prev = v[i];
  }
  return d;
}

std::string series_desc(const SeriesResult& s, bool control, bool median_line, int decimals, const std::string& unit) {
  const auto& pts = s.points;
  std::string d = fmt::format("{} of {} {}", chart_title(s.chart), pts.size(), pts.size() == 1 ? "point" : "points");
  d += pts.size() == 1 ? " in " + format_period(pts.front().period)
                       : " from " + format_period(pts.front().period) + " to " + format_period(pts.back().period);
  if (!s.measure.empty()) d += " of " + s.measure;
  d += s.team.empty() ? ", all teams" : ", team " + s.team;
  if (median_line && s.median) d += "; median " + with_unit(num(*s.median, decimals), unit);
  if (control) {
    std::vector<std::string> centres;
    int seg = -1;
    for (const auto& p : pts) {
      if (p.segment == seg || !p.centre) continue;
      seg = p.segment;
      std::string c = with_unit(num(*p.centre, decimals), unit);
      if (!centres.empty()) c += " from " + format_period(p.period);
      centres.push_back(c);
    }
    if (!centres.empty()) d += "; centre " + join(centres, ", ");
    if (std::any_of(pts.begin(), pts.end(), [](const auto& p) { return !p.centre; })) d += "; too few points for limits";
    const auto outside = std::count_if(pts.begin(), pts.end(), [](const auto& p) {
      return p.control_signals.contains(Signal::outside);
    });
    const auto flagged = std::count_if(pts.begin(), pts.end(), [](const auto& p) { return !p.control_signals.empty(); });
    if (outside > 0) d += fmt::format("; {} {} outside the limits", outside, outside == 1 ? "point" : "points");
    if (flagged > outside) {
      d += fmt::format("; {} {} flagged by other special-cause rules ({})", flagged - outside,
                       flagged - outside == 1 ? "point" : "points", s.control_rules);
    }
    if (flagged == 0 && !centres.empty()) d += "; no special cause";
  }
  if (s.run_signal) {
    std::vector<std::string> why;
    if (s.run_rules == "ihi") {
      if (!s.ihi.shifts.empty()) why.push_back("shift");
      if (!s.ihi.trends.empty()) why.push_back("trend");
    } else {
      if (s.anhoej.long_run) why.push_back("long run");
      if (s.anhoej.few_crossings) why.push_back("too few crossings");
    }
    d += "; run-chart signal (" + s.run_rules + (why.empty() ? "" : ": " + join(why, ", ")) + ")";
  }
  if (s.goal && std::isfinite(*s.goal)) d += "; goal " + with_unit(num(*s.goal, decimals), unit);
  if (s.segments.size() > 1) d += fmt::format("; {} rebases", s.segments.size() - 1);
  return d + ".";
}

// Presentation of each element, good enough without CSS and in black and white.
const char* kLine = "#1f4e79";
const char* kSignal = "#c62828";
const char* kCentre = "#444444";
const char* kLimit = "#777777";
const char* kGoal = "#2e7d32";
const char* kRebase = "#6a1b9a";
const char* kAxis = "#333333";
const char* kGrid = "#e3e3e3";
const char* kBand = "#ececec";
const char* kText = "#333333";
const char* kPdsa = "#6a3d9a";

// Everything the pieces of a series chart share: the points drawn and where they go.
struct SeriesPlot {
  SeriesResult s;  // the points with a finite value only; lines that are not finite left out
  SeriesLayout L;
  bool control = false;      // a control chart (P, U, C, XmR)
  bool any_centre = false;   // some point has a centre line
  bool median_line = false;  // the median is drawn: a run chart, or a control chart without limits
  ReportingPeriod first;
  int span = 0;                          // months (weeks for a weekly measure) from the first point to the last
  std::vector<double> x, left, right;    // per point: its x, and the edges of its step
  Ticks ticks;
  int decimals = 1;  // for values: one more than the ticks have

  double xmap(const ReportingPeriod& p) const {
    if (span <= 0) return (L.x0 + L.x1) / 2;
    return L.x0 + 10 + (L.x1 - L.x0 - 20) * periods_between(first, p) / span;
  }
  double ymap(double v) const { return L.y1 - (v - ticks.lo) / (ticks.hi - ticks.lo) * (L.y1 - L.y0); }
};

// None when no point has a finite value.
std::optional<SeriesPlot> series_plot(const SeriesResult& s, const ChartOptions& o) {
  auto finite = [](std::optional<double>& v) {
    if (v && !std::isfinite(*v)) v.reset();
  };
  SeriesPlot P;
  P.s = s;
  P.s.points.clear();
  for (const auto& p : s.points) {
    if (!std::isfinite(p.value)) continue;
    P.s.points.push_back(p);
    finite(P.s.points.back().centre), finite(P.s.points.back().lcl), finite(P.s.points.back().ucl);
  }
  finite(P.s.median), finite(P.s.goal);
  const auto& pts = P.s.points;
  if (pts.empty()) return std::nullopt;
  const size_t n = pts.size();
  P.L = series_layout(o);
  P.control = s.chart != metrics::ChartType::run;
  P.any_centre = std::any_of(pts.begin(), pts.end(), [](const auto& p) { return p.centre.has_value(); });
  P.median_line = P.s.median && (!P.control || !P.any_centre);

  // x: by month, or by week for a weekly measure.
  P.first = pts.front().period;
  ReportingPeriod last = P.first;
  for (const auto& p : pts) P.first = std::min(P.first, p.period), last = std::max(last, p.period);
  P.span = periods_between(P.first, last);
  P.x.resize(n), P.left.resize(n), P.right.resize(n);
  for (size_t i = 0; i < n; ++i) P.x[i] = P.xmap(pts[i].period);
  for (size_t i = 0; i < n; ++i) {
    P.left[i] = i == 0 ? P.x[i] - 10 : (P.x[i - 1] + P.x[i]) / 2;
    P.right[i] = i + 1 == n ? P.x[i] + 10 : (P.x[i] + P.x[i + 1]) / 2;
  }

  // y: nice ticks over everything drawn.
  double lo = pts.front().value, hi = lo;
  auto cover = [&](std::optional<double> v) {
    if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  };
  for (const auto& p : pts) {
    cover(p.value);
    if (P.control) cover(p.centre), cover(p.lcl), cover(p.ucl);
  }
  if (P.median_line) cover(P.s.median);
  cover(P.s.goal);
  P.ticks = nice_ticks(lo, hi, o.small ? 3 : 5);
  P.decimals = P.ticks.decimals + 1;
  return P;
}

// The shaded band behind each run of baseline points.
std::string baseline_bands(const SeriesPlot& P, const ChartOptions& o) {
  const auto& pts = P.s.points;
  const auto& L = P.L;
  std::string out;
  for (size_t i = 0; i < pts.size();) {
    if (!pts[i].baseline) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < pts.size() && pts[j + 1].baseline) ++j;
    const double bx = std::max(L.x0, P.left[i]), bw = std::min(L.x1, P.right[j]) - bx;
    out += fmt::format("<rect class=\"baseline\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", c1(bx), c1(L.y0),
                       c1(bw), c1(L.y1 - L.y0), kBand);
    if (!o.small) out += text_el("label baseline", bx + 3, L.y0 + 10, "start", L.small_font, "#666666", "baseline");
    i = j + 1;
  }
  return out;
}

// The y axis with its ticks, grid and unit; the x axis with the months (or weeks) labelled.
std::string series_axes(const SeriesPlot& P, const ChartOptions& o) {
  const auto& L = P.L;
  std::string out;
  for (int t = 0; t < P.ticks.count; ++t) {
    const double y = P.ymap(P.ticks.at(t));
    if (t > 0) out += line_el("grid", L.x0, y, L.x1, y, kGrid);
    out += line_el("axis tick", L.x0 - 4, y, L.x0, y, kAxis);
    out += text_el("label tick", L.x0 - 6, y + L.font * 0.35, "end", L.font, kText, num(P.ticks.at(t), P.ticks.decimals));
  }
  out += line_el("axis", L.x0, L.y0, L.x0, L.y1, kAxis);
  out += line_el("axis", L.x0, L.y1, L.x1, L.y1, kAxis);
  if (!o.unit.empty()) {
    const double ux = o.small ? 8 : 14, uy = (L.y0 + L.y1) / 2;
    out += text_el("label unit", ux, uy, "middle", L.font, kText, o.unit, fmt::format(" transform=\"rotate(-90 {} {})\"", c1(ux), c1(uy)));
  }
  // Every month (week) when they fit, else every Nth; always the first and the last.
  for (int m : label_indices(P.span + 1, static_cast<int>((L.x1 - L.x0) / (o.small ? 60 : 48)))) {
    const ReportingPeriod p{P.first.weekly, P.first.index + m};
    const double px = P.xmap(p);
    out += line_el("axis tick", px, L.y1, px, L.y1 + 4, kAxis);
    out += text_el("label tick", px, L.y1 + 6 + L.font, "middle", L.font, kText, format_period(p));
  }
  return out;
}

// A vertical line where a segment after the first starts within the range, its reason in the tooltip.
std::string rebase_marks(const SeriesPlot& P, const ChartOptions& o) {
  const auto& pts = P.s.points;
  const auto& segments = P.s.segments;
  std::string out;
  for (size_t i = 0; i < pts.size(); ++i) {
    const int seg = pts[i].segment;
    if (seg <= 0 || (i > 0 && pts[i - 1].segment == seg)) continue;
    const bool known = static_cast<size_t>(seg) < segments.size();
    if (known && segments[seg].from < P.first) continue;
    std::string tip = "rebase";
    if (known) {
      tip += " from " + format_period(segments[seg].from);
      if (!segments[seg].reason.empty()) tip += ": " + segments[seg].reason;
    }
    out += fmt::format(
        "<g class=\"rebase\"><title>{}</title>\n<line class=\"rebase\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/>\n",
        xml_escape(tip), c1(P.L.y0), c1(P.L.y1), kRebase, fmt::arg("x", c1(P.left[i])));
    if (!o.small) out += text_el("label rebase", P.left[i] + 3, P.L.y0 - 4, "start", P.L.small_font, kRebase, "rebase");
    out += "</g>\n";
  }
  return out;
}

// The control chart's centre and limits per segment, else the median; the goal; their labels in the
// right margin.
std::string reference_lines(const SeriesPlot& P, const ChartOptions& o) {
  const auto& pts = P.s.points;
  const size_t n = pts.size();
  const auto& L = P.L;
  const int dec = P.decimals;
  auto ymap = [&](double v) { return P.ymap(v); };
  std::string out;
  std::vector<MarginLabel> labels;
  if (P.control && P.any_centre) {
    for (size_t a = 0; a < n;) {
      size_t b = a;
      while (b + 1 < n && pts[b + 1].segment == pts[a].segment) ++b;
      std::vector<std::optional<double>> c(n), lcl(n), ucl(n);
      for (size_t i = a; i <= b; ++i) c[i] = pts[i].centre, lcl[i] = pts[i].lcl, ucl[i] = pts[i].ucl;
      const std::string dc = step_path(c, a, b, P.left, P.right, ymap);
      if (!dc.empty()) {
        out += fmt::format("<path class=\"centre\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>\n", dc, kCentre);
      }
      for (const auto& [cls, v] : {std::make_pair("limit ucl", &ucl), std::make_pair("limit lcl", &lcl)}) {
        const std::string d = step_path(*v, a, b, P.left, P.right, ymap);
        if (d.empty()) continue;
        out += fmt::format("<path class=\"{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n",
                           cls, d, kLimit);
      }
      a = b + 1;
    }
    const ChartPoint& lp = pts.back();
    if (lp.ucl) labels.push_back({ymap(*lp.ucl), "ucl", o.small ? "UCL" : "UCL " + num(*lp.ucl, dec), kLimit});
    if (lp.centre) labels.push_back({ymap(*lp.centre), "centre", o.small ? "CL" : "CL " + num(*lp.centre, dec), kCentre});
    if (lp.lcl) labels.push_back({ymap(*lp.lcl), "lcl", o.small ? "LCL" : "LCL " + num(*lp.lcl, dec), kLimit});
  }
  if (P.median_line) {
    const double y = ymap(*P.s.median);
    out += fmt::format(
        "<path class=\"centre median\" d=\"M{},{} H{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"6 4\"/>\n",
        c1(P.left.front()), c1(y), c1(P.right.back()), kCentre);
    labels.push_back({y, "median", o.small ? "median" : "median " + num(*P.s.median, dec), kCentre});
  }
  if (P.s.goal) {
    const double y = ymap(*P.s.goal);
    out += fmt::format(
        "<g class=\"goal\"><title>{}</title>\n<path class=\"goal\" d=\"M{},{} H{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"10 3 2 3\"/>\n</g>\n",
        xml_escape("goal " + with_unit(num(*P.s.goal, dec), o.unit) + (P.s.goal_by ? " by " + format_date(*P.s.goal_by) : "")),
        c1(L.x0), c1(y), c1(L.x1), kGoal);
    labels.push_back({y, "goal", o.small ? "goal" : "goal " + num(*P.s.goal, dec), kGoal});
  }
  return out + margin_labels(labels, L.x1 + 4, L.small_font, L.y1 + 4);
}

// The line joining the points, then the points: circles, hollow in the baseline; diamonds with a signal.
std::string data_marks(const SeriesPlot& P, const ChartOptions& o) {
  const auto& pts = P.s.points;
  std::string line;
  for (size_t i = 0; i < pts.size(); ++i) line += (i ? " " : "") + c1(P.x[i]) + "," + c1(P.ymap(pts[i].value));
  std::string out =
      fmt::format("<polyline class=\"series\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"/>\n", line, kLine);
  for (size_t i = 0; i < pts.size(); ++i) {
    const ChartPoint& p = pts[i];
    const double px = P.x[i], py = P.ymap(p.value);
    const bool signal = has_signal(p);
    const std::string cls = std::string("point") + (signal ? " signal" : "") + (p.baseline ? " in-baseline" : "");
    const char* colour = signal ? kSignal : kLine;
    const std::string fill = p.baseline ? "#ffffff" : colour;
    const std::string tip = "<title>" + xml_escape(point_tooltip(p, P.decimals, o.unit)) + "</title>";
    if (signal) {
      const double r = P.L.r + 2;
      out += fmt::format("<path class=\"{}\" d=\"M{},{} L{},{} L{},{} L{},{} Z\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\">{}</path>\n",
                         cls, c1(px), c1(py - r), c1(px + r), c1(py), c1(px), c1(py + r), c1(px - r), c1(py), fill, colour, tip);
    } else {
      out += fmt::format("<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\">{}</circle>\n",
                         cls, c1(px), c1(py), c1(P.L.r), fill, colour, tip);
    }
  }
  return out;
}

// A PDSA decision's mark, distinct in black and white: adopt a filled triangle, adapt a filled square,
// abandon a cross.
std::string decision_mark(const std::string& decision, double x, double y, double r, const std::string& tip) {
  const std::string title = "<title>" + xml_escape(tip) + "</title>";
  const std::string cls = "pdsa decision " + decision;
  if (decision == "adopt") {
    return fmt::format("<path class=\"{}\" d=\"M{},{} L{},{} L{},{} Z\" fill=\"{k}\" stroke=\"{k}\">{}</path>\n", cls, c1(x), c1(y - r),
                       c1(x + r), c1(y + r * 0.8), c1(x - r), c1(y + r * 0.8), title, fmt::arg("k", kPdsa));
  }
  if (decision == "adapt") {
    return fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{k}\" stroke=\"{k}\">{}</rect>\n", cls,
                       c1(x - r * 0.8), c1(y - r * 0.8), c1(r * 1.6), c1(r * 1.6), title, fmt::arg("k", kPdsa));
  }
  return fmt::format("<path class=\"{}\" d=\"M{},{} L{},{} M{},{} L{},{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\">{}</path>\n", cls,
                     c1(x - r), c1(y - r), c1(x + r), c1(y + r), c1(x - r), c1(y + r), c1(x + r), c1(y - r), kPdsa, title);
}

std::map<ReportingPeriod, std::vector<const metrics::ChartAnnotation*>> annotations_in_range(const SeriesPlot& P);

// "; PDSA: 3 cycles started, 2 decisions (adopt 1, adapt 1) marked at the foot"
std::string pdsa_desc(const SeriesPlot& P) {
  int started = 0;
  std::map<std::string, int> decided;
  for (const auto& [period, notes] : annotations_in_range(P)) {
    for (const auto* a : notes) a->event == "start" ? void(++started) : void(++decided[a->decision]);
  }
  int decisions = 0;
  std::vector<std::string> kinds;
  for (const auto& [k, n] : decided) decisions += n, kinds.push_back(fmt::format("{} {}", k, n));
  if (started == 0 && decisions == 0) return "";
  return fmt::format(" PDSA cycles of the team marked at the foot: {} started, {} decided{}.", started, decisions,
                     kinds.empty() ? "" : " (" + join(kinds, ", ") + ")");
}

// The annotations within the chart's periods, by period.
std::map<ReportingPeriod, std::vector<const metrics::ChartAnnotation*>> annotations_in_range(const SeriesPlot& P) {
  std::map<ReportingPeriod, std::vector<const metrics::ChartAnnotation*>> by_period;
  if (P.s.points.empty()) return by_period;
  const ReportingPeriod last{P.first.weekly, P.first.index + P.span};
  for (const auto& a : P.s.annotations) {
    if (a.period.weekly != P.first.weekly || a.period < P.first || a.period > last) continue;
    by_period[a.period].push_back(&a);
  }
  return by_period;
}

// The team's PDSA cycles at the foot of the plot area: a hollow triangle where cycles started, above it
// one mark per kind of decision taken that period; the tooltips name the cycles.
std::string pdsa_marks(const SeriesPlot& P) {
  std::string out;
  const double r = P.L.r;
  for (const auto& [period, notes] : annotations_in_range(P)) {
    const double x = P.xmap(period);
    std::vector<std::string> started;
    std::map<std::string, std::vector<std::string>> decided;
    for (const auto* a : notes) {
      if (a->event == "start") {
        started.push_back(fmt::format("{} ({}) started {}", a->cycle, a->idea, format_date(a->date)));
      } else {
        decided[a->decision].push_back(fmt::format("{} ({}): {} on {}", a->cycle, a->idea, a->decision, format_date(a->date)));
      }
    }
    double y = P.L.y1 - r - 2;
    out += "<g class=\"pdsa\">\n";
    if (!started.empty()) {
      const std::string tip = format_period(period) + ": PDSA " + join(started, "; ");
      out += fmt::format("<path class=\"pdsa start\" d=\"M{},{} L{},{} L{},{} Z\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.2\">"
                         "<title>{}</title></path>\n",
                         c1(x), c1(y - r), c1(x + r), c1(y + r * 0.8), c1(x - r), c1(y + r * 0.8), kPdsa, xml_escape(tip));
      y -= 2 * r + 3;
    }
    for (const char* kind : {"adopt", "adapt", "abandon"}) {
      auto it = decided.find(kind);
      if (it == decided.end()) continue;
      out += decision_mark(kind, x, y, r, format_period(period) + ": PDSA " + join(it->second, "; "));
      y -= 2 * r + 3;
    }
    out += "</g>\n";
  }
  return out;
}

}  // namespace

ChartSize series_svg_size(const SeriesResult& s, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  // series_plot's test: a point with a finite value.
  const bool plotted = std::any_of(s.points.begin(), s.points.end(), [](const auto& p) { return std::isfinite(p.value); });
  return plotted ? ChartSize{o.width, o.height} : no_data_size(o);
}

std::string series_svg(const SeriesResult& s, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  const std::string title = !o.title.empty() ? o.title
                                             : (s.measure.empty() ? std::string("Series") : s.measure) +
                                                   (s.team.empty() ? " (all teams)" : " (" + s.team + ")");
  const std::optional<SeriesPlot> plot = series_plot(s, o);
  if (!plot) return no_data_svg(o, id, "series-chart", title);
  const SeriesPlot& P = *plot;

  std::string out =
      open_svg(o.width, o.height, id, "series-chart", title, series_desc(P.s, P.control, P.median_line, P.decimals, o.unit) + pdsa_desc(P));
  if (!o.title.empty()) {
    out += text_el("title", P.L.x0, o.small ? 11 : 18, "start", o.small ? 10 : 13, kText, o.title, " font-weight=\"bold\"");
  }
  // Back to front.
  out += baseline_bands(P, o);
  out += series_axes(P, o);
  out += rebase_marks(P, o);
  out += reference_lines(P, o);
  out += data_marks(P, o);
  out += pdsa_marks(P);
  out += "</svg>\n";
  return out;
}

// ---- Completeness ----

namespace {

struct StatusStyle {
  const char* status;
  const char* fill;    // a colour, or "pattern" for the hatching in <defs>
  const char* stroke;
};

// The narrowest strip the completeness grid draws; narrower, it draws a cell per team and month.
constexpr double kMinStrip = 2.0;

// Distinct in black and white too: dark solid, hatched, light solid, a cross, a dashed outline.
const StatusStyle kStatuses[] = {{"submitted", "#2e7d32", "#2e7d32"},
                                 {"late", "pattern", "#e65100"},
                                 {"explained", "#90caf9", "#1565c0"},
                                 {"missing", "#ffebee", "#c62828"},
                                 {"pending", "#ffffff", "#9e9e9e"}};

const StatusStyle& status_style(std::string_view status) {
  for (const auto& st : kStatuses) {
    if (status == st.status) return st;
  }
  return kStatuses[4];
}

std::string status_fill(const StatusStyle& st, const std::string& id) {
  return std::string(st.fill) == "pattern" ? "url(#" + id + "late)" : st.fill;
}

// A status cell (or legend swatch): the rect, with a cross for missing and a dashed outline for pending.
std::string status_rect(const StatusStyle& st, const std::string& id, const std::string& cls, double x, double y, double w, double h,
                        const std::string& tip) {
  const std::string status = st.status;
  std::string extra = status == "pending" ? " stroke-dasharray=\"2 1\"" : "";
  std::string out = fmt::format("<rect class=\"{} {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.5\"{}>",
                                cls, status, c1(x), c1(y), c1(w), c1(h), status_fill(st, id), st.stroke, extra);
  out += tip.empty() ? "" : "<title>" + xml_escape(tip) + "</title>";
  out += "</rect>\n";
  if (status == "missing" && w >= 3) {
    out += fmt::format("<path class=\"{} missing mark\" d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{}\" stroke-width=\"1\"/>\n", cls,
                       c1(x), c1(y), c1(x + w), c1(y + h), c1(x + w), c1(y), c1(x), c1(y + h), st.stroke);
  }
  return out;
}

std::string percent(std::optional<double> share, int decimals) { return share ? num(*share * 100, decimals) + " %" : "n/a"; }

}  // namespace

namespace {

// The completeness grid's rows, columns and strips, and where they go.
struct CompletenessLayout {
  std::vector<metrics::CompletenessMonth> grouped;   // grouped from c.cells when c.months is empty
  std::vector<std::string_view> teams, measures;     // rows by first appearance; strips: the core data set first
  std::unordered_map<std::string_view, size_t> team_row, measure_strip;
  std::vector<Period> periods;                       // columns
  int font = 10;
  double char_w = 6, left = 30, right = 48, top = 0, row_h = 16, x0 = 0, x1 = 0, col_w = 0, sub_w = 0;
  bool narrow = false;    // strips narrower than kMinStrip
  bool by_month = false;  // one cell per team and month: narrow, or no cells to draw strips from
};

CompletenessLayout completeness_layout(const metrics::CompletenessResult& c, const ChartOptions& o) {
  CompletenessLayout l;
  if (c.months.empty()) l.grouped = metrics::completeness_months(c.cells);
  const auto& months = c.months.empty() ? l.grouped : c.months;
  l.measures.assign(c.measures.begin(), c.measures.end());
  // Indexed, as a national network has 1,000 teams and 300,000 cells.
  for (size_t k = 0; k < l.measures.size(); ++k) l.measure_strip.emplace(l.measures[k], k);
  std::set<Period> period_set;
  for (const auto& m : months) {
    if (l.team_row.emplace(m.team, l.teams.size()).second) l.teams.push_back(m.team);
    period_set.insert(m.month);
  }
  for (const auto& cell : c.cells) {
    if (l.measure_strip.emplace(cell.measure, l.measures.size()).second) l.measures.push_back(cell.measure);
  }
  l.periods.assign(period_set.begin(), period_set.end());
  if (l.periods.empty()) return l;

  l.font = o.small ? 8 : 10;
  l.char_w = l.font * 0.6;
  size_t longest = 0;
  for (const auto& t : l.teams) longest = std::max(longest, t.size());
  l.left = std::clamp(longest * l.char_w + 8, 30.0, o.small ? 100.0 : 160.0);
  l.right = o.small ? 32 : 48;
  l.top = (o.title.empty() ? 4 : (o.small ? 16 : 24)) + l.font + 6;
  l.row_h = o.small ? 10 : 16;
  l.x0 = l.left;
  l.x1 = std::max(l.left + 10.0, o.width - l.right);
  l.col_w = (l.x1 - l.x0) / l.periods.size();
  l.sub_w = (l.col_w - 1) / std::max<size_t>(l.measures.size(), 1);
  // Strips narrower than kMinStrip would not be told apart (a national network: 36 months x 8 measures in
  // 640 units leave 1.4 each): then each team's month is one cell, of its most pressing status. Without the
  // cells (KeepCells::months), so is every chart.
  l.narrow = l.sub_w < kMinStrip;
  l.by_month = l.narrow || c.cells.empty();
  return l;
}

}  // namespace

bool completeness_by_month(const metrics::CompletenessResult& c, const ChartOptions& options) {
  return completeness_layout(c, usable(options)).narrow;
}

std::string completeness_svg(const metrics::CompletenessResult& c, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  const std::string title = o.title.empty() ? "Data completeness" : o.title;
  const CompletenessLayout l = completeness_layout(c, o);
  if (l.periods.empty()) return no_data_svg(o, id, "completeness-chart", title);
  const auto& months = c.months.empty() ? l.grouped : c.months;
  const auto& teams = l.teams;
  const auto& periods = l.periods;
  const auto& measures = l.measures;
  const int font = l.font;
  const double char_w = l.char_w, left = l.left, top = l.top, row_h = l.row_h, x0 = l.x0, x1 = l.x1, col_w = l.col_w, sub_w = l.sub_w;
  const bool by_month = l.by_month;
  const double grid_bottom = top + row_h * teams.size();
  const double legend_y = grid_bottom + 10;
  const int height = static_cast<int>(std::ceil(legend_y + font + 8));

  const auto& t = c.total;
  std::string desc = fmt::format(
      "Data completeness as of {}: {} {} x {} {} ({} to {}) x {} {}; {} expected: {} submitted, {} late, {} explained, {} "
      "missing (overdue), {} pending; completeness {}, timeliness {}.{}",
      format_date(c.as_of), teams.size(), teams.size() == 1 ? "team" : "teams", periods.size(), periods.size() == 1 ? "month" : "months",
      format_period(periods.front()), format_period(periods.back()), measures.size(), measures.size() == 1 ? "measure" : "measures",
      t.expected, t.submitted, t.late, t.explained, t.missing, t.pending, percent(t.completeness(), 1), percent(t.timeliness(), 1),
      by_month ? " One cell per team and month, of the month's most pressing status (missing, late, explained, pending, submitted)." : "");
  std::string out = open_svg(o.width, height, id, "completeness-chart", title, desc);
  // A cell is about 270 bytes: grown once, not doubled a dozen times.
  out.reserve((by_month ? teams.size() * periods.size() : c.cells.size()) * 280);
  out += fmt::format(
      "<defs><pattern id=\"{}late\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"4\" height=\"4\" fill=\"#ffcc80\"/><line x1=\"1\" y1=\"0\" x2=\"1\" y2=\"4\" stroke=\"#e65100\" stroke-width=\"2\"/>"
      "</pattern></defs>\n",
      id);
  if (!o.title.empty()) out += text_el("title", x0, o.small ? 11 : 18, "start", o.small ? 10 : 13, kText, o.title, " font-weight=\"bold\"");

  // Column labels: the periods, every Nth.
  for (int i : label_indices(static_cast<int>(periods.size()), static_cast<int>((x1 - x0) / (o.small ? 44 : 48)))) {
    out += text_el("label period", x0 + col_w * (i + 0.5), top - 5, "middle", font, kText, format_period(periods[i]));
  }
  for (size_t r = 0; r < teams.size(); ++r) {
    const double y = top + row_h * r;
    // A team ID (a slug: ASCII) longer than the margin holds is cut, with an ellipsis; its cells' tooltips
    // name it whole.
    const size_t fits = static_cast<size_t>(std::max(1.0, (left - 8) / char_w));
    const std::string label = teams[r].size() <= fits ? std::string(teams[r]) : std::string(teams[r].substr(0, fits - 1)) + "\u2026";
    out += text_el("label team", x0 - 4, y + row_h / 2 + font * 0.35, "end", font, kText, label);
    auto it = c.by_team.find(std::string(teams[r]));
    const std::optional<double> share = it != c.by_team.end() ? it->second.completeness() : std::nullopt;
    out += text_el("label share", x1 + 4, y + row_h / 2 + font * 0.35, "start", font, kText, percent(share, 0));
  }
  if (by_month) {
    for (const auto& m : months) {
      const size_t r = l.team_row.at(m.team);
      const size_t col = std::lower_bound(periods.begin(), periods.end(), m.month) - periods.begin();
      // kStatuses' order.
      const int counts[5] = {m.count.submitted, m.count.late, m.count.explained, m.count.missing, m.count.pending};
      std::vector<std::string> parts;
      for (size_t k = 0; k < 5; ++k) {
        if (counts[k] > 0) parts.push_back(fmt::format("{} {}", counts[k], kStatuses[k].status));
      }
      if (parts.empty()) continue;  // nothing expected of the team that month
      // The most pressing status: missing, late, explained, pending, submitted.
      size_t shown = 0;
      for (size_t k : {size_t{3}, size_t{1}, size_t{2}, size_t{4}, size_t{0}}) {
        if (counts[k] > 0) {
          shown = k;
          break;
        }
      }
      std::string tip = fmt::format("{} - {}: {}", m.team, format_period(m.month), join(parts, ", "));
      if (!m.missing.empty()) tip += fmt::format("; missing: {}", fmt::join(m.missing, ", "));
      out += status_rect(kStatuses[shown], id, "cell month", x0 + col_w * col, top + row_h * r + 1, col_w - 1, row_h - 2, tip);
    }
  }
  for (const auto& cell : c.cells) {
    if (by_month) break;
    const size_t r = l.team_row.at(cell.team);
    const size_t col = std::lower_bound(periods.begin(), periods.end(), cell.period.month()) - periods.begin();
    double slice_x = 0, slice_w = sub_w;
    if (cell.period.weekly) {
      ReportingPeriod first = ReportingPeriod::week_of(ReportingPeriod(cell.period.month()).first_day());
      if (first.month() != cell.period.month()) first = first.next();
      int weeks = 0;
      for (ReportingPeriod w = first; w.month() == cell.period.month(); w = w.next()) ++weeks;
      slice_w = sub_w / std::max(weeks, 1);
      slice_x = slice_w * (cell.period.index - first.index);
    }
    const size_t k = l.measure_strip.at(cell.measure);
    std::string tip = fmt::format("{} - {} - {}: {}", cell.team, cell.measure, format_period(cell.period), cell.status);
    if (cell.submitted) tip += ", submitted " + format_date(*cell.submitted);
    if (!cell.reason.empty()) tip += " (" + cell.reason + ")";
    tip += ", due " + format_date(cell.due);
    out += status_rect(status_style(cell.status), id, "cell", x0 + col_w * col + sub_w * k + slice_x, top + row_h * r + 1, slice_w,
                       row_h - 2, tip);
  }

  // Legend with the totals.
  const int counts[] = {t.submitted, t.late, t.explained, t.missing, t.pending};
  double lx = x0;
  for (size_t i = 0; i < 5; ++i) {
    const auto& st = kStatuses[i];
    const std::string label = fmt::format("{} {}", st.status, counts[i]);
    out += "<g class=\"legend\">";
    out += status_rect(st, id, "legend", lx, legend_y, font, font, "");
    out += text_el("label legend", lx + font + 3, legend_y + font * 0.85, "start", font, kText, label);
    out += "</g>\n";
    lx += font + 3 + label.size() * char_w + 12;
  }
  out += "</svg>\n";
  return out;
}

// ---- Progress ----

namespace {

// A score's fill: light for the low end of the 0.5-5.0 scale, dark for the high end.
std::string score_fill(double score) {
  const double f = std::clamp((score - 0.5) / 4.5, 0.0, 1.0);
  const int lo[3] = {0xde, 0xeb, 0xf7}, hi[3] = {0x08, 0x30, 0x6b};
  std::string out = "#";
  for (int k = 0; k < 3; ++k) out += fmt::format("{:02x}", static_cast<int>(std::lround(lo[k] + (hi[k] - lo[k]) * f)));
  return out;
}

}  // namespace

std::string progress_svg(const metrics::ProgressResult& p, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  const std::string title = o.title.empty() ? "Progress scale (faculty scores)" : o.title;
  std::vector<const metrics::ProgressPeriod*> periods;
  for (const auto& per : p.periods) {
    if (per.faculty.n > 0) periods.push_back(&per);
  }
  if (periods.empty()) return no_data_svg(o, id, "progress-chart", title);

  const int font = o.small ? 8 : 10, small_font = o.small ? 7 : 9;
  const double left = o.small ? 28 : 44, right = o.small ? 28 : 44;
  const double top = o.title.empty() ? (o.small ? 10 : 16) : (o.small ? 22 : 34);
  const double bottom = o.small ? 40 : 56;
  const double x0 = left, x1 = std::max(left + 10, o.width - right), y0 = top, y1 = std::max(top + 10, o.height - bottom);
  const size_t n = periods.size();
  const double col_w = (x1 - x0) / n, bar_w = std::min(col_w * 0.6, 40.0);

  int max_n = 1;
  for (const auto* per : periods) max_n = std::max(max_n, per->faculty.n);
  Ticks count_ticks = nice_ticks(0, max_n, o.small ? 2 : 4);
  if (count_ticks.step < 1) count_ticks = Ticks{0, static_cast<double>(max_n), 1, 0, max_n + 1, 0};
  auto y_count = [&](double v) { return y1 - v / count_ticks.hi * (y1 - y0); };
  auto y_score = [&](double v) { return y1 - v / 5.0 * (y1 - y0); };

  const auto* a = periods.front();
  const auto* b = periods.back();
  std::string desc = fmt::format("Progress scale (0.5-5.0), faculty scores, {} {} from {} to {}", n, n == 1 ? "period" : "periods",
                                 format_period(a->period), format_period(b->period));
  auto summary = [](const metrics::ProgressPeriod& per) {
    return fmt::format("{} {} rated, mean {}, {} at 4.0 or more", per.faculty.n, per.faculty.n == 1 ? "team" : "teams",
                       per.faculty.mean ? num(*per.faculty.mean, 2) : "n/a", percent(per.faculty.share_at_4, 0));
  };
  desc += "; " + format_period(a->period) + ": " + summary(*a);
  if (n > 1) desc += "; " + format_period(b->period) + ": " + summary(*b);
  std::string out = open_svg(o.width, o.height, id, "progress-chart", title, desc + ".");
  if (!o.title.empty()) out += text_el("title", x0, o.small ? 11 : 18, "start", o.small ? 10 : 13, kText, o.title, " font-weight=\"bold\"");

  // Axes: teams on the left, the score on the right.
  for (int i = 0; i < count_ticks.count; ++i) {
    const double y = y_count(count_ticks.at(i));
    if (i > 0) out += line_el("grid", x0, y, x1, y, kGrid);
    out += text_el("label tick", x0 - 5, y + font * 0.35, "end", font, kText, num(count_ticks.at(i), count_ticks.decimals));
  }
  for (int v = 0; v <= 5; v += o.small ? 5 : 1) {
    out += text_el("label tick score", x1 + 5, y_score(v) + font * 0.35, "start", font, "#c62828", num(v, 1));
  }
  out += line_el("axis", x0, y0, x0, y1, kAxis) + line_el("axis", x1, y0, x1, y1, kAxis) + line_el("axis", x0, y1, x1, y1, kAxis);
  if (!o.small) {
    out += text_el("label unit", 12, (y0 + y1) / 2, "middle", font, kText, "teams",
                   fmt::format(" transform=\"rotate(-90 12.0 {})\"", c1((y0 + y1) / 2)));
    out += text_el("label unit", o.width - 8, (y0 + y1) / 2, "middle", font, "#c62828", "mean score",
                   fmt::format(" transform=\"rotate(90 {} {})\"", c1(o.width - 8.0), c1((y0 + y1) / 2)));
  }

  // Bars, stacked from the lowest score up, and the share at 4.0 or more below each.
  std::set<double> scores;
  const auto labelled = label_indices(static_cast<int>(n), static_cast<int>((x1 - x0) / (o.small ? 44 : 48)));
  for (size_t i = 0; i < n; ++i) {
    const auto& per = *periods[i];
    const double cx = x0 + col_w * (i + 0.5);
    double stacked = 0;
    for (const auto& [score, teams] : per.faculty.distribution) {
      scores.insert(score);
      const double ya = y_count(stacked + teams), yb = y_count(stacked);
      out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.5\">"
                         "<title>{}</title></rect>\n",
                         c1(cx - bar_w / 2), c1(ya), c1(bar_w), c1(yb - ya), score_fill(score),
                         xml_escape(fmt::format("{}: score {}, {} {}", format_period(per.period), num(score, 1), teams,
                                                teams == 1 ? "team" : "teams")));
      stacked += teams;
    }
    if (std::find(labelled.begin(), labelled.end(), static_cast<int>(i)) != labelled.end()) {
      out += text_el("label period", cx, y1 + 4 + font, "middle", font, kText, format_period(per.period));
    }
    out += text_el("label share", cx, y1 + 8 + 2 * font, "middle", small_font, kText, percent(per.faculty.share_at_4, 0));
  }
  out += text_el("label share", x0 - 5, y1 + 8 + 2 * font, "end", small_font, kText, "4+");

  // The mean: a line with square markers, on the score axis.
  std::string line;
  std::string marks;
  for (size_t i = 0; i < n; ++i) {
    const auto& f = periods[i]->faculty;
    if (!f.mean) continue;
    const double cx = x0 + col_w * (i + 0.5), cy = y_score(*f.mean), h = o.small ? 2 : 3;
    line += (line.empty() ? "" : " ") + c1(cx) + "," + c1(cy);
    std::string tip = format_period(periods[i]->period) + ": mean " + num(*f.mean, 2);
    if (f.median) tip += ", median " + num(*f.median, 1);
    tip += fmt::format(", {} rated, {} at 4.0 or more", f.n, percent(f.share_at_4, 0));
    marks += fmt::format("<rect class=\"mean\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#c62828\"><title>{}</title></rect>\n", c1(cx - h),
                         c1(cy - h), c1(2 * h), c1(2 * h), xml_escape(tip));
  }
  out += fmt::format("<polyline class=\"mean\" points=\"{}\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"1.5\"/>\n", line) + marks;

  // Legend: the scores present and the mean.
  double lx = x0;
  const double ly = y1 + 14 + 3 * font;
  for (double score : scores) {
    out += fmt::format("<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", c1(lx), c1(ly - font + 1), font,
                       font, score_fill(score));
    out += text_el("label legend", lx + font + 2, ly, "start", small_font, kText, num(score, 1)) + "</g>\n";
    lx += font + 24;
  }
  out += "<g class=\"legend\">" + line_el("mean", lx, ly - font / 2.0 + 1, lx + 16, ly - font / 2.0 + 1, "#c62828", " stroke-width=\"1.5\"");
  out += text_el("label legend", lx + 19, ly, "start", small_font, kText, "mean") + "</g>\n";
  out += "</svg>\n";
  return out;
}

// ---- Network ----

namespace {

constexpr double kPi = 3.14159265358979323846;
// A team's mark: colour g % 9 and shape g % 4, so that 36 teams differ, and neighbours differ in black and
// white too. Members without a team are grey circles.
const char* kTeamColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"};

struct Mark {
  std::string colour;
  int shape = 0;  // circle, square, triangle, diamond
};

// A node-like mark of about the area of a circle of radius r; `attrs` are its other attributes.
std::string mark_el(const Mark& m, const std::string& cls, double x, double y, double r, const std::string& attrs, const std::string& tip) {
  const std::string title = tip.empty() ? "" : "<title>" + xml_escape(tip) + "</title>";
  const std::string cls_attr = cls.empty() ? "" : " class=\"" + cls + "\"";
  switch (m.shape) {
    case 1: {
      const double h = r * 0.886;  // side r sqrt(pi)
      return fmt::format("<rect{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}>{}</rect>", cls_attr, c1(x - h), c1(y - h), c1(2 * h), c1(2 * h),
                         attrs, title);
    }
    case 2: {
      const double R = r * 1.555;  // equilateral, circumradius R: area 1.299 R^2
      return fmt::format("<path{} d=\"M{},{} L{},{} L{},{} Z\"{}>{}</path>", cls_attr, c1(x), c1(y - R), c1(x + R * 0.866), c1(y + R / 2),
                         c1(x - R * 0.866), c1(y + R / 2), attrs, title);
    }
    case 3: {
      const double R = r * 1.253;  // half-diagonal r sqrt(pi / 2)
      return fmt::format("<path{} d=\"M{},{} L{},{} L{},{} L{},{} Z\"{}>{}</path>", cls_attr, c1(x), c1(y - R), c1(x + R), c1(y), c1(x), c1(y + R),
                         c1(x - R), c1(y), attrs, title);
    }
    default:
      return fmt::format("<circle{} cx=\"{}\" cy=\"{}\" r=\"{}\"{}>{}</circle>", cls_attr, c1(x), c1(y), c1(r), attrs, title);
  }
}


// Where everything of a network chart goes: members on a circle, grouped by team.
struct NetworkLayout {
  std::vector<size_t> order;       // node indices in drawing order: by team (none last), then ID
  std::vector<std::string> teams;  // in that order; "" for members without a team
  std::map<std::string, std::string> team;  // member -> team ("" for none)
  std::map<std::string, double> x, y, angle, r;  // per member
  std::map<std::string, std::pair<size_t, size_t>> team_slots;  // first and last slot of each team
  size_t slots = 0;
  double cx = 0, cy = 0, radius = 0, top = 0, legend_w = 0;
  int font = 9;
  bool member_labels = false, team_labels = false;

  Mark mark(const std::string& t) const {
    if (t.empty()) return {"#9e9e9e", 0};
    const size_t g = std::find(teams.begin(), teams.end(), t) - teams.begin();
    return {kTeamColours[g % 9], static_cast<int>(g % 4)};
  }
};

NetworkLayout network_layout(const std::vector<metrics::NodeMetrics>& nodes, const std::map<std::string, std::string>& member_team,
                             const ChartOptions& o) {
  NetworkLayout N;
  for (const auto& nd : nodes) {
    auto it = member_team.find(nd.id);
    N.team[nd.id] = it == member_team.end() ? std::string() : it->second;
  }
  N.order.resize(nodes.size());
  for (size_t i = 0; i < N.order.size(); ++i) N.order[i] = i;
  std::stable_sort(N.order.begin(), N.order.end(), [&](size_t a, size_t b) {
    const std::string& ta = N.team[nodes[a].id];
    const std::string& tb = N.team[nodes[b].id];
    if (ta.empty() != tb.empty()) return tb.empty();
    return ta != tb ? ta < tb : nodes[a].id < nodes[b].id;
  });
  for (size_t i : N.order) {
    if (N.teams.empty() || N.teams.back() != N.team[nodes[i].id]) N.teams.push_back(N.team[nodes[i].id]);
  }

  N.font = o.small ? 7 : 9;
  N.member_labels = !o.small && nodes.size() <= 40;
  N.team_labels = !o.small && !N.member_labels && N.teams.size() > 1;
  N.legend_w = o.small ? 80 : 150;
  N.top = o.title.empty() ? 4 : (o.small ? 16 : 24);
  const double area_w = std::max(20.0, o.width - N.legend_w), area_h = std::max(20.0, o.height - N.top - 4);
  N.cx = area_w / 2, N.cy = N.top + area_h / 2;
  // Room beside the circle for the longest label, above and below it for one line.
  size_t longest = 0;
  if (N.member_labels) {
    for (const auto& nd : nodes) longest = std::max(longest, nd.id.size());
  } else if (N.team_labels) {
    for (const auto& t : N.teams) longest = std::max(longest, t.empty() ? 9 : t.size());
  }
  const double label_w = longest ? longest * N.font * 0.55 + 16 : 12, label_h = longest ? 20 : 12;
  N.radius = std::max(10.0, std::min(area_w / 2 - label_w, area_h / 2 - label_h));

  // Slots on the circle from the top, clockwise: one empty slot after each team when there are several.
  const bool gaps = N.teams.size() > 1;
  N.slots = nodes.size() + (gaps ? N.teams.size() : 0);
  size_t slot = 0;
  for (size_t k = 0; k < N.order.size(); ++k) {
    const auto& nd = nodes[N.order[k]];
    const std::string& t = N.team[nd.id];
    if (k > 0 && gaps && t != N.team[nodes[N.order[k - 1]].id]) ++slot;
    const double angle = -kPi / 2 + 2 * kPi * slot / N.slots;
    N.angle[nd.id] = angle;
    N.x[nd.id] = N.cx + N.radius * std::cos(angle);
    N.y[nd.id] = N.cy + N.radius * std::sin(angle);
    N.r[nd.id] = (o.small ? 2.5 : 4) + 1.5 * std::sqrt(static_cast<double>(nd.in_degree));  // area grows with in-degree
    if (!N.team_slots.count(t)) N.team_slots[t].first = slot;
    N.team_slots[t].second = slot;
    ++slot;
  }
  return N;
}

const char* anchor_at(double angle) { return std::cos(angle) > 0.2 ? "start" : std::cos(angle) < -0.2 ? "end" : "middle"; }

// Ties, from the edge of one node to the edge of the other, bent to the left of the direction of travel
// so that the two ties of a mutual pair part.
std::string network_ties(const metrics::NetworkMetrics& m, const NetworkLayout& N, const std::string& id) {
  std::set<std::pair<std::string, std::string>> arcs;
  for (const auto& a : m.arcs) arcs.insert({a.from, a.to});
  std::string out;
  for (const auto& a : m.arcs) {
    if (!N.x.count(a.from) || !N.x.count(a.to)) continue;
    const double fx = N.x.at(a.from), fy = N.y.at(a.from), tx = N.x.at(a.to), ty = N.y.at(a.to);
    const double len = std::hypot(tx - fx, ty - fy);
    if (len < 1e-9) continue;
    const double ux = (tx - fx) / len, uy = (ty - fy) / len;
    const double sx = fx + ux * N.r.at(a.from), sy = fy + uy * N.r.at(a.from);
    const double ex = tx - ux * (N.r.at(a.to) + 1), ey = ty - uy * (N.r.at(a.to) + 1);
    const double bend = 0.12 * len;
    const double qx = (fx + tx) / 2 + uy * bend, qy = (fy + ty) / 2 - ux * bend;
    const bool mutual = arcs.count({a.to, a.from}) > 0;
    std::string tip = a.from + " -> " + a.to;
    std::vector<std::string> extra;
    if (a.strength) extra.push_back("strength " + num(*a.strength, 1));
    if (a.trust) extra.push_back("trust " + num(*a.trust, 1));
    if (mutual) extra.push_back("mutual");
    if (!extra.empty()) tip += " (" + join(extra, ", ") + ")";
    out += fmt::format(
        "<path class=\"tie{}\" d=\"M{},{} Q{},{} {},{}\" fill=\"none\" stroke=\"#777777\" stroke-width=\"1\" marker-end=\"url(#{}arrow)\">"
        "<title>{}</title></path>\n",
        mutual ? " mutual" : "", c1(sx), c1(sy), c1(qx), c1(qy), c1(ex), c1(ey), id, xml_escape(tip));
  }
  return out;
}

// The members, each with its labels outside the circle when there is room; else each team's name at
// its group.
std::string network_nodes(const std::vector<metrics::NodeMetrics>& nodes, const NetworkLayout& N) {
  std::string out;
  for (size_t i : N.order) {
    const auto& node = nodes[i];
    const double x = N.x.at(node.id), y = N.y.at(node.id), r = N.r.at(node.id), angle = N.angle.at(node.id);
    const std::string& team = N.team.at(node.id);
    const Mark mark = N.mark(team);
    std::string tip = fmt::format("{} ({}): named by {}, names {}, betweenness {}", node.id, team.empty() ? "no team" : team, node.in_degree,
                                  node.out_degree, num(node.betweenness_normalized, 3));
    if (node.isolate) tip += "; isolate";
    if (!node.responded) tip += "; did not answer";
    const std::string attrs = node.isolate ? fmt::format(" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"2 1.5\"", mark.colour)
                                           : fmt::format(" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.75\"", mark.colour);
    const std::string cls = std::string("node") + (node.isolate ? " isolate" : "") + (node.responded ? "" : " non-respondent");
    out += mark_el(mark, cls, x, y, r, attrs, tip) + "\n";
    if (N.member_labels) {
      const double lx = x + (r + 4) * std::cos(angle), ly = y + (r + 4) * std::sin(angle) + N.font * 0.35;
      out += text_el("label node-label", lx, ly, anchor_at(angle), N.font, kText, node.id);
    }
  }
  if (N.team_labels) {
    for (const auto& team : N.teams) {
      const auto [a, b] = N.team_slots.at(team);
      const double angle = -kPi / 2 + kPi * (a + b) / N.slots;
      const double lx = N.cx + (N.radius + 16) * std::cos(angle), ly = N.cy + (N.radius + 16) * std::sin(angle) + N.font * 0.35;
      out += text_el("label team", lx, ly, anchor_at(angle), N.font, kText, team.empty() ? "(no team)" : team);
    }
  }
  return out;
}

// The teams with their member counts (as many as fit, then "+ N more teams"), an isolate and a tie.
std::string network_legend(const std::vector<metrics::NodeMetrics>& nodes, const NetworkLayout& N, const ChartOptions& o,
                           const std::string& id) {
  const int font = N.font;
  const double lx = o.width - N.legend_w + 8, step = font + 5;
  double ly = N.top + 12;
  const size_t fit = static_cast<size_t>(std::max(1.0, std::floor((o.height - ly - 2 * step) / step)));
  const size_t shown = N.teams.size() <= fit ? N.teams.size() : fit - 1;
  std::string out;
  for (size_t g = 0; g < shown; ++g) {
    const std::string& team = N.teams[g];
    const auto members = std::count_if(nodes.begin(), nodes.end(), [&](const auto& nd) { return N.team.at(nd.id) == team; });
    const Mark mark = N.mark(team);
    out += "<g class=\"legend\">" +
           mark_el(mark, "", lx + 4, ly - font * 0.35, 4, fmt::format(" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.75\"", mark.colour), "");
    out += text_el("label legend", lx + 12, ly, "start", font, kText, fmt::format("{} ({})", team.empty() ? "(no team)" : team, members));
    out += "</g>\n";
    ly += step;
  }
  if (shown < N.teams.size()) {
    out += text_el("label legend", lx + 12, ly, "start", font, kText, fmt::format("+ {} more teams", N.teams.size() - shown));
    ly += step;
  }
  out += fmt::format(
      "<g class=\"legend\"><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"#333333\" stroke-width=\"1.5\" "
      "stroke-dasharray=\"2 1.5\"/>",
      c1(lx + 4), c1(ly - font * 0.35));
  out += text_el("label legend", lx + 12, ly, "start", font, kText, "isolate") + "</g>\n";
  ly += step;
  out += "<g class=\"legend\">" +
         line_el("tie", lx, ly - font * 0.35, lx + 14, ly - font * 0.35, "#777777", fmt::format(" stroke-width=\"1\" marker-end=\"url(#{}arrow)\"", id));
  out += text_el("label legend", lx + 18, ly, "start", font, kText, "names (tie)") + "</g>\n";
  return out;
}

}  // namespace

std::string network_svg(const metrics::NetworkWaveResult& w, const std::map<std::string, std::string>& member_team,
                        const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  const std::string title = o.title.empty() ? "Network, wave " + w.id : o.title;
  const auto& m = w.metrics;
  if (m.nodes.empty()) return no_data_svg(o, id, "network-chart", title);
  const NetworkLayout N = network_layout(m.nodes, member_team, o);

  std::string desc = fmt::format("Network wave {} on {}: {} {} in {} {}, {} {}", w.id, format_date(w.date), m.node_count,
                                 m.node_count == 1 ? "member" : "members", N.teams.size(), N.teams.size() == 1 ? "team" : "teams",
                                 m.tie_count, m.tie_count == 1 ? "tie" : "ties");
  if (m.density) desc += ", density " + num(*m.density, 3);
  if (m.reciprocity) desc += ", reciprocity " + num(*m.reciprocity, 3);
  desc += fmt::format(", {} {}, {} {}", m.isolates.size(), m.isolates.size() == 1 ? "isolate" : "isolates", m.components,
                      m.components == 1 ? "component" : "components");
  std::string out = open_svg(o.width, o.height, id, "network-chart", title, desc + ".");
  out += fmt::format(
      "<defs><marker id=\"{}arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
      "<path d=\"M0,0 L10,5 L0,10 Z\" fill=\"#777777\"/></marker></defs>\n",
      id);
  if (!o.title.empty()) out += text_el("title", 4, o.small ? 11 : 18, "start", o.small ? 10 : 13, kText, o.title, " font-weight=\"bold\"");
  out += network_ties(m, N, id);  // under the nodes
  out += network_nodes(m.nodes, N);
  out += network_legend(m.nodes, N, o, id);
  out += "</svg>\n";
  return out;
}

}  // namespace collab::report

// ---- Improvement: the driver diagram and the teams' ramps ----

namespace collab::report {
namespace {

// Words of `text` in lines of at most `width` characters (a longer word is cut); at most `max_lines`,
// the last ending in "..." when the text goes on.
std::vector<std::string> wrap(const std::string& text, size_t width, size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  bool more = false;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    std::string word = text.substr(i, j == std::string::npos ? std::string::npos : j - i);
    i = j == std::string::npos ? text.size() : j + 1;
    if (word.empty()) continue;
    if (word.size() > width) word = word.substr(0, width);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
      if (lines.size() == max_lines) {
        more = true;
        break;
      }
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!more && !line.empty()) lines.push_back(line);
  if (more && !lines.empty()) {
    std::string& last = lines.back();
    if (last.size() + 3 > width) last = last.substr(0, width > 3 ? width - 3 : 0);
    last += "...";
  }
  return lines;
}

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double cy() const { return y + h / 2; }
};

std::string box_el(const std::string& cls, const Box& b, const std::vector<std::string>& lines, const std::string& extra_line,
                   int font, const std::string& tip, bool dashed) {
  std::string out = fmt::format("<g class=\"{}\"><title>{}</title>\n", cls, xml_escape(tip));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.2\"{}/>\n",
                     c1(b.x), c1(b.y), c1(b.w), c1(b.h), kAxis, dashed ? " stroke-dasharray=\"4 3\"" : "");
  const double line_h = font + 3;
  const double total = line_h * (lines.size() + (extra_line.empty() ? 0 : 1));
  double y = b.cy() - total / 2 + font;
  for (const auto& l : lines) {
    out += text_el("label", b.x + 6, y, "start", font, kText, l);
    y += line_h;
  }
  if (!extra_line.empty()) out += text_el("label count", b.x + 6, y, "start", font - 1, kPdsa, extra_line);
  return out + "</g>\n";
}

std::string connector(const Box& from, const Box& to) {
  // From the right edge of `from` to the left edge of `to`, as a smooth curve.
  const double x1 = from.x + from.w, y1 = from.cy(), x2 = to.x, y2 = to.cy(), mx = (x1 + x2) / 2;
  return fmt::format("<path class=\"link\" d=\"M{},{} C{},{} {},{} {},{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>\n", c1(x1),
                     c1(y1), c1(mx), c1(y1), c1(mx), c1(y2), c1(x2), c1(y2), kLimit);
}

}  // namespace

std::string driver_diagram_svg(const model::DriverDiagram& d, const std::vector<const model::ChangeIdea*>& own_ideas,
                               const std::vector<metrics::IdeaSpread>& spread, const ChartOptions& options) {
  ChartOptions o = usable(options);
  o.width = std::max(o.width, 640);
  const std::string id = element_id(o.id_prefix);
  const int font = 10;
  const double gap = 36, top = 30, row_h = 54, box_h = 46;
  const double col_w = (o.width - 2 - 3 * gap) / 4;
  const size_t chars = static_cast<size_t>(std::max(8.0, (col_w - 12) / (font * 0.55)));

  std::vector<const model::ChangeIdea*> ideas;
  for (const auto& i : d.ideas) ideas.push_back(&i);
  ideas.insert(ideas.end(), own_ideas.begin(), own_ideas.end());
  const size_t rows = std::max({d.primary.size(), d.secondary.size(), ideas.size(), size_t(1)});
  const double height = top + rows * row_h + 8;

  // Column by column, each box at the centre of its share of the height.
  auto place = [&](size_t count, size_t i, int col) {
    const double share = (height - top - 8) / count;
    return Box{1 + col * (col_w + gap), top + share * (i + 0.5) - box_h / 2, col_w, box_h};
  };
  std::map<std::string, Box> drivers;
  for (size_t i = 0; i < d.primary.size(); ++i) drivers[d.primary[i].id] = place(d.primary.size(), i, 1);
  for (size_t i = 0; i < d.secondary.size(); ++i) drivers[d.secondary[i].id] = place(d.secondary.size(), i, 2);
  const double aim_h = std::min(height - top - 8, 14.0 * 7);
  const Box aim{1, top + (height - top - 8 - aim_h) / 2, col_w, aim_h};

  std::string desc = fmt::format(
      "Driver diagram: the aim ({}), {} primary drivers, {} secondary drivers and {} change ideas; under each idea the teams "
      "that list it, test it and adopted it.",
      d.aim.text, d.primary.size(), d.secondary.size(), ideas.size());
  std::string out = open_svg(o.width, static_cast<int>(height), id, "driver-diagram", o.title.empty() ? "Driver diagram" : o.title, desc);
  const char* headings[] = {"Aim", "Primary drivers", "Secondary drivers", "Change ideas"};
  for (int c = 0; c < 4; ++c) {
    out += text_el("label heading", 1 + c * (col_w + gap), 16, "start", 11, kText, headings[c], " font-weight=\"bold\"");
  }
  // Links first, boxes over them.
  for (const auto& [pid, box] : drivers) {
    for (const auto& x : d.primary) {
      if (x.id == pid) out += connector(aim, box);
    }
  }
  for (const auto& x : d.secondary) {
    for (const auto& pid : x.primary) {
      if (drivers.count(pid)) out += connector(drivers[pid], drivers[x.id]);
    }
  }
  std::vector<Box> idea_boxes;
  for (size_t i = 0; i < ideas.size(); ++i) idea_boxes.push_back(place(ideas.size(), i, 3));
  for (size_t i = 0; i < ideas.size(); ++i) {
    for (const auto& did : ideas[i]->drivers) {
      if (drivers.count(did)) out += connector(drivers[did], idea_boxes[i]);
    }
  }
  std::string aim_text = d.aim.text;
  out += box_el("node aim", aim, wrap(aim_text, chars, static_cast<size_t>((aim_h - 6) / (font + 3))), "", font, aim_text, false);
  for (const auto* list : {&d.primary, &d.secondary}) {
    for (const auto& x : *list) {
      const bool primary = list == &d.primary;
      out += box_el(primary ? "node driver primary" : "node driver secondary", drivers[x.id], wrap(x.name, chars, 3), "", font,
                    x.name + (x.description.empty() ? "" : ": " + x.description), false);
    }
  }
  for (size_t i = 0; i < ideas.size(); ++i) {
    const model::ChangeIdea& idea = *ideas[i];
    const metrics::IdeaSpread* s = nullptr;
    for (const auto& x : spread) {
      if (x.idea == idea.id) s = &x;
    }
    std::string counts = s ? fmt::format("{} listed, {} testing, {} adopted", s->listed.size(), s->testing.size(), s->adopted.size())
                           : std::string();
    if (!idea.team.empty()) counts = "team " + idea.team + (counts.empty() ? "" : "; " + counts);
    std::string tip = idea.name + (idea.description.empty() ? "" : ": " + idea.description);
    if (s) {
      tip += fmt::format(". Teams listing it: {}; testing: {}; adopted: {}; abandoned: {}; {} cycles.", s->listed.size(),
                         s->testing.size(), s->adopted.size(), s->abandoned.size(), s->cycles);
    }
    out += box_el(idea.team.empty() ? "node idea" : "node idea own", idea_boxes[i], wrap(idea.name, chars, 2), counts, font, tip,
                  !idea.team.empty());
  }
  return out + "</svg>\n";
}

namespace {
// The team's ramps: ImprovementResult::ramps is by team.
std::pair<std::vector<metrics::Ramp>::const_iterator, std::vector<metrics::Ramp>::const_iterator> team_ramps(
    const metrics::ImprovementResult& im, const std::string& team) {
  struct ByTeam {
    bool operator()(const metrics::Ramp& r, const std::string& t) const { return r.team < t; }
    bool operator()(const std::string& t, const metrics::Ramp& r) const { return t < r.team; }
  };
  return std::equal_range(im.ramps.begin(), im.ramps.end(), team, ByTeam{});
}

constexpr double kRampTop = 12, kRampRow = 20;
// The x axis's y, below the rows; the chart is 22 taller.
double ramps_axis_y(size_t ramps) { return kRampTop + static_cast<double>(ramps) * kRampRow + 4; }
}  // namespace

ChartSize ramps_svg_size(const metrics::ImprovementResult& im, const std::string& team, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const auto [first, last] = team_ramps(im, team);
  if (first == last || im.months.empty()) return no_data_size(o);
  return {o.width, static_cast<int>(ramps_axis_y(static_cast<size_t>(last - first)) + 22)};
}

std::string ramps_svg(const metrics::ImprovementResult& im, const std::string& team, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  std::vector<const metrics::Ramp*> ramps;
  for (auto [it, last] = team_ramps(im, team); it != last; ++it) ramps.push_back(&*it);
  const std::string title = o.title.empty() ? "PDSA ramps (" + team + ")" : o.title;
  if (ramps.empty() || im.months.empty()) return no_data_svg(o, id, "ramps-chart", title);
  std::map<std::string, std::string> names;
  for (const auto& s : im.ideas) names[s.idea] = s.name;

  const int font = 10;
  const double label_w = 170, x0 = label_w + 8, x1 = o.width - 16.0, top = kRampTop, row_h = kRampRow;
  const double y_axis = ramps_axis_y(ramps.size());
  const double height = y_axis + 22;
  const Date d0 = im.months.front() / date::day(1);
  const Date d1 = add_months(im.months.back() / date::day(1), 1);
  const double days = (date::sys_days(d1) - date::sys_days(d0)).count();
  auto xmap = [&](const Date& d) {
    const double t = (date::sys_days(d) - date::sys_days(d0)).count();
    return x0 + (x1 - x0) * std::clamp(t / days, 0.0, 1.0);
  };

  std::map<std::string, int> outcomes;
  for (const auto* r : ramps) ++outcomes[r->outcome];
  std::vector<std::string> parts;
  for (const auto& [k, n] : outcomes) parts.push_back(fmt::format("{} {}", k, n));
  std::string out = open_svg(o.width, static_cast<int>(height), id, "ramps-chart", title,
                             fmt::format("{} PDSA ramps of team {} from {} to {}, one row each, cycles as bars, decisions marked; "
                                         "outcomes: {}.",
                                         ramps.size(), team, format_period(im.months.front()), format_period(im.months.back()),
                                         join(parts, ", ")));
  // Month ticks.
  const auto labels = label_indices(static_cast<int>(im.months.size()), static_cast<int>((x1 - x0) / 48));
  for (int m : labels) {
    const double x = xmap(im.months[m] / date::day(1));
    out += line_el("grid", x, top, x, y_axis, kGrid);
    out += text_el("label tick", x + 2, y_axis + 14, "start", font - 1, kText, format_period(im.months[m]));
  }
  out += line_el("axis", x0, y_axis, x1, y_axis, kAxis);
  const double now = xmap(im.as_of);
  out += line_el("as-of", now, top, now, y_axis, kRebase, " stroke-dasharray=\"2 2\"");

  std::map<std::string, const metrics::CycleState*> states;
  for (const auto& c : im.cycles) {
    if (c.cycle->team == team) states[c.cycle->id] = &c;
  }
  for (size_t i = 0; i < ramps.size(); ++i) {
    const metrics::Ramp& r = *ramps[i];
    const double y = top + i * row_h + row_h / 2;
    const std::string idea = names.count(r.idea) ? names[r.idea] : r.idea;
    out += fmt::format("<g class=\"ramp {}\"><title>{}</title>\n", r.outcome,
                       xml_escape(fmt::format("{}: {} cycle{} from {}, {}", idea, r.length(), r.length() == 1 ? "" : "s",
                                              format_date(r.start), r.outcome == "open" ? "open" : r.outcome + " on " + format_date(*r.end))));
    // The idea's name is cut to leave room for its count: the label must end inside the chart.
    const std::string count = fmt::format(" ({})", r.length());
    auto line = wrap(idea, static_cast<size_t>(label_w / (font * 0.55)) - count.size(), 1);
    out += text_el("label", label_w, y + 3.5, "end", font, kText, (line.empty() ? r.idea : line.front()) + count);
    out += "</g>\n";
    for (const auto& cid : r.cycles) {
      auto it = states.find(cid);
      if (it == states.end()) continue;
      const model::PdsaCycle& c = *it->second->cycle;
      const std::string& decision = it->second->decision;
      Date stop = !decision.empty() ? *c.decided : (c.end && !(im.as_of < *c.end) ? *c.end : im.as_of);
      const double xa = xmap(*c.start), xb = std::max(xa + 3, xmap(stop));
      std::string tip = fmt::format("{}: {} to {}{}", c.id, format_date(*c.start), format_date(stop),
                                    decision.empty() ? " (open)" : ", " + decision);
      if (!c.objective.empty()) tip += ". " + c.objective;
      out += fmt::format("<rect class=\"cycle{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" fill=\"#d9cce8\" stroke=\"{}\"{}><title>{}</title></rect>\n",
                         decision.empty() ? " open" : "", c1(xa), c1(y - 4), c1(xb - xa), kPdsa,
                         decision.empty() ? " stroke-dasharray=\"3 2\"" : "", xml_escape(tip));
      if (!decision.empty()) out += decision_mark(decision, xb, y, 4, tip);
    }
  }
  return out + "</svg>\n";
}

// ---- Membership ----

std::string membership_svg(const mel::MembershipResult& m, const ChartOptions& options) {
  const ChartOptions o = usable(options);
  const std::string id = element_id(o.id_prefix);
  const std::string title = o.title.empty() ? "Active members by month" : o.title;
  if (m.months.empty()) return no_data_svg(o, id, "membership-chart", title);

  const int font = o.small ? 8 : 10;
  const double left = o.small ? 28 : 44, right = o.small ? 12 : 20;
  const double top = o.title.empty() ? (o.small ? 10 : 16) : (o.small ? 22 : 34);
  const double bottom = o.small ? 22 : 30;
  const double x0 = left, x1 = std::max(left + 10, o.width - right), y0 = top, y1 = std::max(top + 10, o.height - bottom);
  const size_t n = m.months.size();
  const double col_w = (x1 - x0) / n, bar_w = std::min(col_w * 0.7, 40.0);

  int max_active = 1;
  for (const auto& x : m.months) max_active = std::max(max_active, x.active);
  Ticks ticks = nice_ticks(0, max_active, o.small ? 2 : 4);
  if (ticks.step < 1) ticks = Ticks{0, static_cast<double>(max_active), 1, 0, max_active + 1, 0};
  auto y_of = [&](double v) { return y1 - (v - ticks.lo) / (ticks.hi - ticks.lo) * (y1 - y0); };

  const auto& a = m.months.front();
  const auto& b = m.months.back();
  std::string desc = fmt::format("Members active at the end of each month, {} {} from {} to {}; {}: {} active; {}: {} active, peak {}",
                                 n, n == 1 ? "month" : "months", format_period(a.month), format_period(b.month), format_period(a.month),
                                 a.active, format_period(b.month), b.active, max_active);
  std::string out = open_svg(o.width, o.height, id, "membership-chart", title, desc + ".");
  if (!o.title.empty()) out += text_el("title", x0, o.small ? 11 : 18, "start", o.small ? 10 : 13, kText, o.title, " font-weight=\"bold\"");

  for (int i = 0; i < ticks.count; ++i) {
    const double y = y_of(ticks.at(i));
    if (i > 0) out += line_el("grid", x0, y, x1, y, kGrid);
    out += text_el("label tick", x0 - 5, y + font * 0.35, "end", font, kText, num(ticks.at(i), ticks.decimals));
  }
  out += line_el("axis", x0, y0, x0, y1, kAxis) + line_el("axis", x0, y1, x1, y1, kAxis);
  if (!o.small) {
    out += text_el("label unit", 12, (y0 + y1) / 2, "middle", font, kText, "members",
                   fmt::format(" transform=\"rotate(-90 12.0 {})\"", c1((y0 + y1) / 2)));
  }
  const auto labelled = label_indices(static_cast<int>(n), static_cast<int>((x1 - x0) / (o.small ? 44 : 48)));
  for (size_t i = 0; i < n; ++i) {
    const auto& x = m.months[i];
    const double cx = x0 + col_w * (i + 0.5), ya = y_of(x.active);
    out += fmt::format("<rect class=\"bar active\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4a78a8\"><title>{}</title></rect>\n",
                       c1(cx - bar_w / 2), c1(ya), c1(bar_w), c1(y1 - ya),
                       xml_escape(fmt::format("{}: {} active, {} new, {} lapsed", format_period(x.month), x.active, x.joined, x.lapsed)));
    if (std::find(labelled.begin(), labelled.end(), static_cast<int>(i)) != labelled.end()) {
      out += text_el("label period", cx, y1 + 4 + font, "middle", font, kText, format_period(x.month));
    }
  }
  out += "</svg>\n";
  return out;
}

// ---- Small multiples ----

namespace {
constexpr int kGridGap = 16;         // between charts, across and down
constexpr int kGridLabel = 18;       // the height of a row of labels
constexpr std::string_view kSvgOpen = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
}  // namespace

namespace {
// Where a row goes below the rows laid out so far (`height` high): its top, for its labels, and its charts'.
std::pair<int, int> row_top(int height, bool labelled) {
  const int top = height == 0 ? 0 : height + kGridGap;
  return {top, top + (labelled ? kGridLabel : 0)};
}
}  // namespace

SvgGrid::SvgGrid(int columns, std::string title, std::string desc, std::string id_prefix, std::vector<Planned> plan)
    : columns_(std::max(columns, 1)), title_(std::move(title)), desc_(std::move(desc)), id_prefix_(std::move(id_prefix)),
      plan_(std::move(plan)) {
  // The layout flush_row makes, from the plan.
  for (size_t from = 0; from < plan_.size(); from += static_cast<size_t>(columns_)) {
    const size_t to = std::min(plan_.size(), from + static_cast<size_t>(columns_));
    bool labelled = false;
    int x = 0, tallest = 0;
    for (size_t i = from; i < to; ++i) {
      labelled = labelled || plan_[i].labelled;
      if (x > 0) x += kGridGap;
      x += plan_[i].size.width;
      tallest = std::max(tallest, plan_[i].size.height);
    }
    planned_width_ = std::max(planned_width_, x);
    planned_height_ = row_top(planned_height_, labelled).second + tallest;
  }
}

std::string SvgGrid::open() const {
  return open_svg(std::max(planned_width_, 40), std::max(planned_height_, 40), element_id(id_prefix_), "small-multiples", title_,
                  desc_);
}

void SvgGrid::add(std::string label, std::string chart) {
  // Every chart of this file opens with kSvgOpen (open_svg); its viewBox gives its size.
  Cell cell{std::move(label), std::move(chart), 640, 240};
  const std::string& text = cell.chart;
  if (text.compare(0, kSvgOpen.size(), kSvgOpen) == 0) {
    const char* p = text.c_str() + kSvgOpen.size();
    char* end = nullptr;
    const long w = std::strtol(p, &end, 10);
    const long h = (end && *end == ' ') ? std::strtol(end + 1, nullptr, 10) : 0;
    if (w > 0 && h > 0 && w < 1000000 && h < 1000000) {
      cell.width = static_cast<int>(w);
      cell.height = static_cast<int>(h);
    }
  }
  as_planned_ = as_planned_ && added_ < plan_.size() && plan_[added_].size == ChartSize{cell.width, cell.height} &&
                plan_[added_].labelled == !cell.label.empty();
  ++added_;
  row_.push_back(std::move(cell));
  if (static_cast<int>(row_.size()) == columns_) flush_row();
}

void SvgGrid::flush_row() {
  if (row_.empty()) return;
  const bool labelled = std::any_of(row_.begin(), row_.end(), [](const Cell& c) { return !c.label.empty(); });
  const auto [top, chart_top] = row_top(height_, labelled);
  int x = 0, tallest = 0;
  for (Cell& c : row_) {
    if (x > 0) x += kGridGap;
    if (!c.label.empty()) body_ += text_el("label grid-label", x, top + 13, "start", 12, "#222222", c.label);
    // The chart's own root, placed: x, y, width and height instead of xmlns (the grid's root has it).
    if (c.chart.compare(0, kSvgOpen.size(), kSvgOpen) == 0) {
      body_ += fmt::format("<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 ", x, chart_top, c.width, c.height);
      body_.append(c.chart, kSvgOpen.size(), std::string::npos);
    } else {
      body_ += c.chart;
    }
    x += c.width;
    tallest = std::max(tallest, c.height);
  }
  width_ = std::max(width_, x);
  height_ = chart_top + tallest;
  row_.clear();
}

std::string SvgGrid::take() {
  std::string out = std::move(body_);
  body_.clear();
  return out;
}

Result<std::string> SvgGrid::finish() {
  flush_row();
  if (!as_planned_ || added_ != plan_.size() || width_ != planned_width_ || height_ != planned_height_) {
    return Error{ErrorKind::internal,
                 fmt::format("the small-multiples chart \"{}\" was planned as {} charts in {} x {} and came as {} in {} x {}", title_,
                             plan_.size(), planned_width_, planned_height_, added_, width_, height_)};
  }
  return take() + "</svg>\n";
}

}  // namespace collab::report
