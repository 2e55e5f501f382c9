#include "metrics/measures.h"

#include "core/parallel.h"
#include "scoring/statistics.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace collab::metrics {

using model::Measure;
using model::Project;

ChartType chart_for(const Measure& m) {
  if (m.chart == "run") return ChartType::run;
  if (m.chart == "p") return ChartType::p;
  if (m.chart == "u") return ChartType::u;
  if (m.chart == "c") return ChartType::c;
  if (m.chart == "xmr") return ChartType::xmr;
  if (m.type == "proportion") return ChartType::p;
  if (m.type == "rate") return ChartType::u;
  if (m.type == "count") return ChartType::c;
  return ChartType::xmr;
}

std::string run_rules_for(const Project& p, const Measure& m) {
  if (!m.rules.run_chart.empty()) return m.rules.run_chart;
  if (p.collaborative && !p.collaborative->rules.run_chart.empty()) return p.collaborative->rules.run_chart;
  return "anhoej";
}

std::string control_rules_for(const Project& p, const Measure& m) {
  if (!m.rules.control_chart.empty()) return m.rules.control_chart;
  if (p.collaborative && !p.collaborative->rules.control_chart.empty()) return p.collaborative->rules.control_chart;
  return "provost-murray";
}

bool in_range(const Scope& s, const ReportingPeriod& p) {
  Period month = p.month();
  return (!s.from || month >= *s.from) && (!s.to || month <= *s.to);
}

namespace {

bool is_ratio(const Measure& m) { return m.type == "proportion" || m.type == "rate"; }

// One reported value, before charting: for ratios the numerator and denominator, else the value.
struct Raw {
  ReportingPeriod period;
  double numerator = 0, denominator = 1;
  bool has_ratio = false;
  int teams = 1;
  std::string note;
};

bool in_scope(const Scope& s, const ReportingPeriod& p) { return in_range(s, p); }

// The reported values of one team for one measure, in period order.
std::vector<Raw> team_values(const model::TeamData& d, const Measure& m, const Scope& scope, std::vector<std::string>& skipped) {
  std::vector<Raw> out;
  for (const auto& per : d.periods) {
    if (!per.period || per.period->weekly != m.weekly()) continue;  // validate reports a month for a weekly measure
    auto it = per.values.find(m.id);
    if (it == per.values.end()) continue;
    if (it->second.missing()) {
      if (in_scope(scope, *per.period)) skipped.push_back(fmt::format("{}: missing ({})", format_period(*per.period), *it->second.missing()));
      continue;
    }
    const model::Value& v = it->second;
    Raw r;
    r.period = *per.period;
    r.note = v.note();
    if (is_ratio(m)) {
      if (!v.numerator || !v.denominator) continue;
      if (*v.denominator <= 0) {
        if (in_scope(scope, r.period))
          skipped.push_back(fmt::format("{}: denominator 0", format_period(r.period)));
        continue;
      }
      r.numerator = *v.numerator;
      r.denominator = *v.denominator;
      r.has_ratio = true;
    } else {
      if (!v.value) continue;
      r.numerator = *v.value;
    }
    out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const Raw& a, const Raw& b) { return a.period < b.period; });
  return out;
}

// The collaborative's value per period: ratios pooled as sum of numerators over sum of denominators, counts
// summed, continuous values averaged over the teams that reported.
std::vector<Raw> pooled_values(const std::vector<std::vector<Raw>>& teams, const Measure& m) {
  std::map<ReportingPeriod, Raw> by_period;
  for (const auto& series : teams) {
    for (const auto& r : series) {
      auto [it, fresh] = by_period.emplace(r.period, r);
      if (fresh) {
        it->second.note.clear();
        continue;
      }
      it->second.numerator += r.numerator;
      it->second.denominator += r.denominator;
      ++it->second.teams;
    }
  }
  std::vector<Raw> out;
  for (auto& [period, r] : by_period) {
    if (!is_ratio(m)) {
      if (m.type != "count") r.numerator /= r.teams;  // continuous: the mean over reporting teams
      r.denominator = 1;
    }
    out.push_back(r);
  }
  return out;
}

// Which points are the baseline: the measure's from-to range, or the first N points.
std::vector<bool> baseline_mask(const Measure& m, const std::vector<Raw>& raw) {
  std::vector<bool> mask(raw.size(), false);
  for (size_t i = 0; i < raw.size(); ++i) {
    if (m.baseline_from && m.baseline_to) {
      mask[i] = raw[i].period >= *m.baseline_from && raw[i].period <= *m.baseline_to;
    } else if (m.baseline_periods) {
      mask[i] = static_cast<int>(i) < *m.baseline_periods;
    }
  }
  return mask;
}

// Keeps the points inside the scope's period range, after the median and the limits were computed on the
// whole series (so the frozen baseline, the median and the limits do not move with the range shown).
void trim_to_scope(SeriesResult& s, const Scope& scope) {
  if (!scope.from && !scope.to) return;
  std::vector<ChartPoint> kept;
  for (auto& pt : s.points) {
    if (in_scope(scope, pt.period)) kept.push_back(std::move(pt));
  }
  s.points = std::move(kept);
}

// The run-chart rules on the points shown, against the (frozen) median, and whether any point shown carries
// a special cause. The special causes themselves were found on each whole segment.
void signals_of_points_shown(SeriesResult& s) {
  std::vector<double> values;
  for (auto& pt : s.points) {
    values.push_back(pt.value);
    pt.run_signals.clear();
  }
  s.anhoej = anhoej(values, *s.median);
  s.ihi = ihi_run_rules(values, *s.median);
  if (s.run_rules == "ihi") {
    for (const auto& sp : s.ihi.shifts) {
      for (int i = sp.first; i <= sp.last; ++i) s.points[i].run_signals.insert(Signal::shift);
    }
    for (const auto& sp : s.ihi.trends) {
      for (int i = sp.first; i <= sp.last; ++i) s.points[i].run_signals.insert(Signal::trend);
    }
    s.run_signal = s.ihi.signal();
  } else {
    for (const auto& sp : s.anhoej.longest_runs) {
      for (int i = sp.first; i <= sp.last; ++i) s.points[i].run_signals.insert(Signal::long_run);
    }
    s.run_signal = s.anhoej.signal();
  }
  s.control_signal = std::any_of(s.points.begin(), s.points.end(), [](const ChartPoint& pt) { return !pt.control_signals.empty(); });
}

SeriesResult chart(const Project& p, const Measure& m, const std::string& team, const std::vector<Raw>& raw,
                   std::vector<std::string> skipped, const Scope& scope) {
  SeriesResult s;
  s.team = team;
  s.measure = m.id;
  s.chart = chart_for(m);
  s.run_rules = run_rules_for(p, m);
  s.control_rules = control_rules_for(p, m);
  s.skipped = std::move(skipped);
  double scale = is_ratio(m) ? m.multiplier.value_or(1) : 1;

  std::vector<bool> base = baseline_mask(m, raw);
  std::vector<double> values, base_values;
  values.reserve(raw.size());
  s.points.reserve(raw.size());  // a national network has 300,000 points: no room to spare
  for (size_t i = 0; i < raw.size(); ++i) {
    ChartPoint pt;
    pt.period = raw[i].period;
    if (raw[i].has_ratio) {
      pt.numerator = raw[i].numerator;
      pt.denominator = raw[i].denominator;
    }
    pt.value = (raw[i].has_ratio ? raw[i].numerator / raw[i].denominator : raw[i].numerator) * scale;
    pt.teams = raw[i].teams;
    pt.note = raw[i].note;
    pt.baseline = base[i];
    values.push_back(pt.value);
    if (base[i]) base_values.push_back(pt.value);
    s.points.push_back(std::move(pt));
  }
  if (s.points.empty()) return s;

  // Run chart.
  s.median_from_baseline = !base_values.empty();
  s.median = scoring::median(s.median_from_baseline ? base_values : values);

  // Control chart, one segment per rebase.
  if (s.chart != ChartType::run) {
    std::vector<model::Rebase> rebases;
    for (const auto& r : m.rebases) {
      if (r.period && (r.team.empty() || r.team == team)) rebases.push_back(r);
    }
    // By period; at one period the team's own rebase comes after the measure-wide one, and the last wins.
    std::stable_sort(rebases.begin(), rebases.end(), [](const model::Rebase& a, const model::Rebase& b) {
      return *a.period != *b.period ? *a.period < *b.period : a.team.empty() && !b.team.empty();
    });
    // A rebase on or before the first point starts no new segment: the whole series comes after the change,
    // so the first segment takes its limits from the rebase's first points instead of the measure's baseline.
    // A rebase after the last point changes nothing.
    std::vector<std::pair<size_t, const model::Rebase*>> starts = {{0, nullptr}};
    for (const auto& r : rebases) {
      auto it = std::find_if(s.points.begin(), s.points.end(), [&](const ChartPoint& pt) { return pt.period >= *r.period; });
      size_t at = static_cast<size_t>(it - s.points.begin());
      if (at >= s.points.size()) continue;
      if (at == starts.back().first) {
        starts.back().second = &r;
      } else {
        starts.push_back({at, &r});
      }
    }
    RuleSet rules = parse_rule_set(s.control_rules).value_or(RuleSet::provost_murray);
    for (size_t k = 0; k < starts.size(); ++k) {
      size_t first = starts[k].first, last = k + 1 < starts.size() ? starts[k + 1].first : s.points.size();
      std::vector<Subgroup> sub;
      std::vector<bool> mask;
      const model::Rebase* rebase = starts[k].second;
      for (size_t i = first; i < last; ++i) {
        bool ratio_chart = s.chart == ChartType::p || s.chart == ChartType::u;
        sub.push_back(ratio_chart ? Subgroup{raw[i].numerator, raw[i].denominator}
                                  : Subgroup{raw[i].has_ratio ? raw[i].numerator / raw[i].denominator : raw[i].numerator, 1});
        if (rebase) {
          mask.push_back(!rebase->periods || static_cast<int>(i - first) < *rebase->periods);
        } else {
          mask.push_back(base[i]);
        }
      }
      ControlLimits lim = control_limits(s.chart, sub, mask);
      auto flags = special_causes(rules, lim);
      Segment seg;
      seg.from = s.points[first].period;
      if (rebase) seg.reason = rebase->reason;
      bool any = std::any_of(mask.begin(), mask.end(), [](bool b) { return b; });
      seg.baseline_points = any ? static_cast<int>(std::count(mask.begin(), mask.end(), true)) : static_cast<int>(mask.size());
      // An XmR chart of a ratio plots the ratio in the unit; P and U charts compute on the raw ratio.
      double unit = s.chart == ChartType::c || s.chart == ChartType::xmr ? (raw[first].has_ratio ? scale : 1) : scale;
      if (lim.available) {
        seg.centre = lim.centre * unit;
        if (lim.mr_bar) seg.mr_bar = *lim.mr_bar * unit;
        if (lim.mr_ucl) seg.mr_ucl = *lim.mr_ucl * unit;
      }
      for (size_t i = first; i < last; ++i) {
        ChartPoint& pt = s.points[i];
        pt.segment = static_cast<int>(k);
        if (lim.available) {
          pt.centre = lim.centre * unit;
          pt.lcl = lim.lcl[i - first] * unit;
          pt.ucl = lim.ucl[i - first] * unit;
          pt.control_signals = flags[i - first];
        }
        if (s.chart == ChartType::xmr && lim.moving_range.size() > i - first && lim.moving_range[i - first]) {
          pt.moving_range = *lim.moving_range[i - first] * unit;
        }
      }
      s.segments.push_back(seg);
    }
  }

  // Progress to the goal, at the last point of the range shown.
  if (!base_values.empty()) s.baseline = scoring::median(base_values);
  trim_to_scope(s, scope);
  if (s.points.empty()) return s;
  signals_of_points_shown(s);
  s.latest = s.points.back().value;
  s.latest_period = s.points.back().period;
  // A count's goal is per team; the pooled count is the collaborative's total, which that goal does not fit.
  bool pooled_count = team.empty() && m.type == "count";
  if (!pooled_count) {
    s.goal = m.goal;
    s.goal_by = m.goal_by;
    if (m.goal) s.goal_source = "measure";
  }
  if (!team.empty()) {
    if (const model::Team* t = p.find_team(team)) {
      for (const auto& g : t->goals) {
        if (g.measure == m.id && g.target) {
          s.goal = g.target;
          s.goal_by = g.by;
          s.goal_source = "team";
        }
      }
    }
  }
  if (s.baseline) {
    s.change = *s.latest - *s.baseline;
    if (*s.baseline != 0) s.relative_change = *s.change / *s.baseline;
  }
  if (s.goal) {
    s.goal_met = m.better == "lower" ? *s.latest <= *s.goal : *s.latest >= *s.goal;
    if (s.baseline && *s.goal != *s.baseline) s.share_of_gap_closed = (*s.latest - *s.baseline) / (*s.goal - *s.baseline);
  }
  return s;
}

}  // namespace

namespace {

std::vector<const Measure*> measures_in(const Project& project, const Scope& scope) {
  std::vector<const Measure*> measures;
  for (const auto& m : project.measures) {
    if (scope.measures.empty() || scope.measures.count(m.id)) measures.push_back(&m);
  }
  std::sort(measures.begin(), measures.end(), [](const Measure* a, const Measure* b) { return a->id < b->id; });
  return measures;
}

std::vector<const model::TeamData*> data_in(const Project& project, const Scope& scope) {
  std::vector<const model::TeamData*> data;
  for (const auto& d : project.data) {
    if (scope.teams.empty() || scope.teams.count(d.team)) data.push_back(&d);
  }
  std::sort(data.begin(), data.end(), [](const model::TeamData* a, const model::TeamData* b) { return a->team < b->team; });
  return data;
}

// One measure's series, appended to `out`: the pooled one, then each team's; the teams' on `threads`
// threads (core/parallel.h), to the same result.
void series_of(const Project& project, const Measure& m, const std::vector<const model::TeamData*>& data, const Scope& scope,
               std::vector<SeriesResult>& out, size_t threads = 1) {
  struct Team {
    bool any = false;  // a value or a period left out
    std::vector<Raw> raw;
    SeriesResult series;
  };
  std::vector<Team> teams(data.size());
  parallel_for(data.size(), threads, [&](size_t i) {
    std::vector<std::string> skipped;
    Team& t = teams[i];
    t.raw = team_values(*data[i], m, scope, skipped);
    t.any = !t.raw.empty() || !skipped.empty();
    if (t.any) t.series = chart(project, m, data[i]->team, t.raw, std::move(skipped), scope);
  });
  std::vector<std::vector<Raw>> per_team;
  for (auto& t : teams) {
    if (t.any) per_team.push_back(std::move(t.raw));
  }
  if (per_team.empty()) return;
  SeriesResult pooled = chart(project, m, "", pooled_values(per_team, m), {}, scope);
  if (pooled.points.empty()) return;  // nothing in the period range
  out.push_back(std::move(pooled));
  for (auto& t : teams) {
    if (t.any && (!t.series.points.empty() || !t.series.skipped.empty())) out.push_back(std::move(t.series));
  }
}

}  // namespace

std::vector<SeriesResult> measure_series(const Project& project, const Scope& scope) {
  const auto data = data_in(project, scope);
  std::vector<SeriesResult> out;
  for (const Measure* m : measures_in(project, scope)) series_of(project, *m, data, scope, out);
  return out;
}

void each_measure_series(const Project& project, const Scope& scope, size_t threads,
                         const std::function<void(const Measure&, std::vector<SeriesResult>&&)>& fn) {
  const auto data = data_in(project, scope);
  for (const Measure* m : measures_in(project, scope)) {
    std::vector<SeriesResult> series;
    series_of(project, *m, data, scope, series, threads);
    if (!series.empty()) fn(*m, std::move(series));
  }
}

}  // namespace collab::metrics
