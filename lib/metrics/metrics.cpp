#include "metrics/metrics.h"

#include "core/parallel.h"
#include "io/csv_write.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace collab::metrics {

using nlohmann::json;

const std::vector<std::string>& section_names() {
  static const std::vector<std::string> names = {"measures", "completeness", "participation", "progress", "network", "improvement",
                                                 "milestones", "contribution", "feedback", "agenda", "outcomes", "products",
                                                 "resources", "membership"};
  return names;
}

std::set<Section> default_sections(const model::Project& p) {
  std::set<Section> out = {Section::measures, Section::completeness, Section::participation, Section::progress,
                           Section::network, Section::improvement, Section::membership};
  if (p.theory_of_change) out.insert(Section::milestones);
  if (p.theory_of_change && !p.theory_of_change->claims.empty()) out.insert(Section::contribution);
  if (!p.surveys.empty()) out.insert(Section::feedback);
  if (p.learning_agenda) out.insert(Section::agenda);
  if (!p.outcomes.empty()) out.insert(Section::outcomes);
  if (!p.products.empty()) out.insert(Section::products);
  if (p.resources) out.insert(Section::resources);
  return out;
}

const std::set<model::FileKind>& metrics_reads() {
  using model::FileKind;
  static const std::set<FileKind> kinds = {
      FileKind::collaborative, FileKind::organization,     FileKind::team,     FileKind::event,           FileKind::attendance,
      FileKind::measure,       FileKind::data,             FileKind::assessment, FileKind::network,       FileKind::driver_diagram,
      FileKind::pdsa,          FileKind::theory_of_change, FileKind::survey,   FileKind::responses,       FileKind::learning_agenda,
      FileKind::outcome,       FileKind::product,          FileKind::resources};
  return kinds;
}

std::optional<Section> parse_section(const std::string& name) {
  const auto& names = section_names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Section>(i);
  }
  return std::nullopt;
}

MetricsResult compute_metrics(const model::Project& p, const Scope& scope, const Date& as_of, const std::set<Section>& sections,
                              int quiet_weeks, bool open_answers) {
  MetricsResult r;
  r.collaborative = p.collaborative ? p.collaborative->id : std::string();
  r.as_of = as_of;
  r.scope = scope;
  r.sections = sections;
  // The sections are independent of each other: each is computed on a worker thread (core/parallel.h)
  // into its own member; the PDSA annotations of the series, which need two of them, come after.
  const bool needs_improvement = sections.count(Section::improvement) || (sections.count(Section::measures) && !p.cycles.empty());
  std::optional<ImprovementResult> im;
  std::vector<std::function<void()>> tasks;
  auto wanted = [&](Section s) { return sections.count(s) > 0; };
  if (wanted(Section::measures)) tasks.emplace_back([&] { r.series = measure_series(p, scope); });
  if (wanted(Section::completeness)) tasks.emplace_back([&] { r.completeness = completeness(p, as_of, scope); });
  if (wanted(Section::participation)) tasks.emplace_back([&] { r.participation = participation(p, scope); });
  if (wanted(Section::progress)) tasks.emplace_back([&] { r.progress = progress(p, scope); });
  if (wanted(Section::network)) tasks.emplace_back([&] { r.network = network_waves(p, scope); });
  if (needs_improvement) tasks.emplace_back([&] { im = improvement(p, scope, as_of, quiet_weeks); });
  if (wanted(Section::milestones)) tasks.emplace_back([&] { r.milestones = mel::milestone_status(p, as_of); });
  if (wanted(Section::contribution)) tasks.emplace_back([&] { r.contribution = mel::assess_claims(p); });
  if (wanted(Section::feedback)) tasks.emplace_back([&] { r.feedback = mel::compute_feedback(p, as_of, open_answers); });
  if (wanted(Section::agenda)) tasks.emplace_back([&] { r.agenda = mel::tally_agenda(p); });
  if (wanted(Section::outcomes)) tasks.emplace_back([&] { r.outcomes = mel::harvest(p); });
  if (wanted(Section::products)) tasks.emplace_back([&] { r.products = mel::summarize_products(p); });
  if (wanted(Section::resources)) tasks.emplace_back([&] { r.resources = mel::compute_resources(p); });
  if (wanted(Section::membership)) tasks.emplace_back([&] { r.membership = mel::membership(p, as_of); });
  parallel_for(tasks.size(), worker_threads(), [&](size_t i) { tasks[i](); });
  if (im) {
    for (auto& s : r.series) {
      const model::Measure* m = p.find_measure(s.measure);
      if (!s.team.empty() && m) s.annotations = chart_annotations(*im, *m, s.team);
    }
    if (wanted(Section::improvement)) r.improvement = std::move(*im);
  }
  return r;
}

std::vector<NetworkWaveResult> network_waves(const model::Project& p, const Scope& scope) {
  std::vector<const model::NetworkWave*> waves;
  for (const auto& w : p.network) {
    if (!w.date) continue;
    if (scope.from && period_of(*w.date) < *scope.from) continue;
    if (scope.to && period_of(*w.date) > *scope.to) continue;
    waves.push_back(&w);
  }
  std::sort(waves.begin(), waves.end(), [](const auto* a, const auto* b) { return *a->date != *b->date ? *a->date < *b->date : a->id < b->id; });
  // Each wave on a worker thread of its own (a national network's survey: betweenness is the costly part),
  // then each compared with the one before.
  std::vector<NetworkWaveResult> out(waves.size());
  parallel_for(waves.size(), worker_threads(), [&](size_t k) {
    const model::NetworkWave* w = waves[k];
    NetworkInput in;
    for (const auto& t : p.teams) {
      if (!scope.teams.empty() && !scope.teams.count(t.id)) continue;
      if (t.joined && *w->date < *t.joined) continue;
      std::optional<Date> stop = t.withdrawal && t.withdrawal->date ? t.withdrawal->date : t.completed;
      if (stop && !(*w->date < *stop)) continue;
      for (const auto& m : t.members) {
        if ((!m.joined || *m.joined <= *w->date) && (!m.left || *w->date < *m.left)) in.nodes.push_back(m.id);
      }
    }
    in.respondents = w->respondents;
    NetworkWaveResult r;
    r.id = w->id;
    r.date = *w->date;
    std::set<std::string> nodes(in.nodes.begin(), in.nodes.end());
    for (const auto& tie : w->ties) {
      in.ties.push_back({tie.from, tie.to, tie.strength, tie.trust});
      // Counted like the network's ties: no self-ties, none with people outside the network.
      if (tie.from != tie.to && nodes.count(tie.from) && nodes.count(tie.to)) ++r.ties_by_relation[tie.relation];
    }
    r.metrics = analyze_network(in);
    out[k] = std::move(r);
  });
  for (size_t k = 1; k < out.size(); ++k) out[k].change = compare_waves(out[k - 1].metrics, out[k].metrics);
  return out;
}

namespace {

// 6 decimals: enough for any rate, and stable across compilers in golden files.
double round6(double v) { return std::round(v * 1e6) / 1e6; }
json num(double v) { return std::isfinite(v) ? json(round6(v)) : json(nullptr); }
json num(const std::optional<double>& v) { return v ? num(*v) : json(nullptr); }
json opt_bool(const std::optional<bool>& v) { return v ? json(*v) : json(nullptr); }
json opt_date(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json opt_period(const std::optional<Period>& p) { return p ? json(format_period(*p)) : json(nullptr); }
json opt_period(const std::optional<ReportingPeriod>& p) { return p ? json(format_period(*p)) : json(nullptr); }
json opt_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json spans(const std::vector<Span>& v, const std::vector<ChartPoint>& pts) {
  json out = json::array();
  for (const auto& s : v) out.push_back({{"from", format_period(pts[s.first].period)}, {"to", format_period(pts[s.last].period)}});
  return out;
}

json count_json(const CompletenessCount& c) {
  return {{"expected", c.expected}, {"submitted", c.submitted}, {"late", c.late}, {"explained", c.explained},
          {"missing", c.missing}, {"pending", c.pending}, {"completeness", num(c.completeness())},
          {"timeliness", num(c.timeliness())}};
}

json type_json(const TypeAttendance& t) { return {{"expected", t.expected}, {"attended", t.attended}, {"rate", num(t.rate())}}; }

json summary_json(const ScoreSummary& s) {
  json dist = json::object();
  for (const auto& [score, n] : s.distribution) dist[fmt::format("{:.1f}", score)] = n;
  return {{"n", s.n}, {"mean", num(s.mean)}, {"median", num(s.median)}, {"share_at_4", num(s.share_at_4)}, {"distribution", dist}};
}

json improvement_json(const ImprovementResult& im) {
  json months = json::array();
  for (const auto& m : im.months) months.push_back(format_period(m));
  json by_month = json::object();
  for (const auto& [m, n] : im.started) by_month[format_period(m)] = n;
  json j = {{"as_of", format_date(im.as_of)}, {"quiet_weeks", im.quiet_weeks}, {"months", months}};
  j["totals"] = {{"cycles", im.cycles.size()}, {"open", im.open}, {"decisions", im.decisions}, {"started_by_month", by_month}};
  json teams = json::array();
  std::vector<std::string> quiet;
  for (const auto& t : im.teams) {
    json started = json::object();
    for (const auto& [m, n] : t.started) started[format_period(m)] = n;
    teams.push_back({{"team", t.team}, {"cycles", t.cycles}, {"open", t.open}, {"decisions", t.decisions},
                     {"started_by_month", started}, {"last_activity", opt_date(t.last_activity)}, {"active", t.active},
                     {"quiet", t.quiet}});
    if (t.quiet) quiet.push_back(t.team);
  }
  j["teams"] = std::move(teams);
  j["quiet_teams"] = quiet;
  json ideas = json::array();
  for (const auto& i : im.ideas) {
    ideas.push_back({{"idea", i.idea}, {"name", i.name}, {"owner", opt_text(i.owner)}, {"drivers", i.drivers}, {"cycles", i.cycles},
                     {"listed", i.listed}, {"testing", i.testing}, {"adopted", i.adopted}, {"abandoned", i.abandoned}});
  }
  j["ideas"] = std::move(ideas);
  json ramps = json::array();
  for (const auto& rp : im.ramps) {
    ramps.push_back({{"team", rp.team}, {"idea", rp.idea}, {"first", rp.first}, {"last", rp.last}, {"length", rp.length()},
                     {"cycles", rp.cycles}, {"start", format_date(rp.start)}, {"end", opt_date(rp.end)}, {"outcome", rp.outcome}});
  }
  j["ramps"] = std::move(ramps);
  json cycles = json::array();
  for (const auto& c : im.cycles) {
    cycles.push_back({{"team", c.cycle->team}, {"cycle", c.cycle->id}, {"idea", c.cycle->idea},
                      {"builds_on", opt_text(c.cycle->builds_on)}, {"ramp", c.ramp}, {"step", c.step},
                      {"start", format_date(*c.cycle->start)}, {"end", opt_date(c.cycle->end)},
                      {"decision", opt_text(c.decision)}, {"decided", c.decision.empty() ? json(nullptr) : opt_date(c.cycle->decided)}});
  }
  j["cycles"] = std::move(cycles);
  return j;
}

}  // namespace

json to_json(const SeriesResult& s, const model::Project& p) {
  (void)p;
  json j = {{"team", opt_text(s.team)}, {"measure", s.measure}, {"chart", chart_name(s.chart)}};
  j["rules"] = {{"run_chart", s.run_rules}, {"control_chart", s.chart == ChartType::run ? json(nullptr) : json(s.control_rules)}};
  j["baseline"] = num(s.baseline);
  j["latest"] = num(s.latest);
  j["latest_period"] = opt_period(s.latest_period);
  j["change"] = num(s.change);
  j["relative_change"] = num(s.relative_change);
  j["goal"] = num(s.goal);
  j["goal_by"] = opt_date(s.goal_by);
  j["goal_source"] = opt_text(s.goal_source);
  j["goal_met"] = opt_bool(s.goal_met);
  j["share_of_gap_closed"] = num(s.share_of_gap_closed);
  j["run_chart"] = {{"median", num(s.median)},
                    {"median_from", s.median_from_baseline ? "baseline" : "all points"},
                    {"signal", s.run_signal},
                    {"anhoej",
                     {{"useful_points", s.anhoej.n_useful},
                      {"longest_run", s.anhoej.longest_run},
                      {"longest_run_max", s.anhoej.longest_run_max},
                      {"crossings", s.anhoej.crossings},
                      {"crossings_min", s.anhoej.crossings_min},
                      {"long_run", s.anhoej.long_run},
                      {"few_crossings", s.anhoej.few_crossings}}},
                    {"ihi", {{"shifts", spans(s.ihi.shifts, s.points)}, {"trends", spans(s.ihi.trends, s.points)}}}};
  json segs = json::array();
  for (const auto& g : s.segments) {
    segs.push_back({{"from", format_period(g.from)}, {"reason", opt_text(g.reason)}, {"baseline_points", g.baseline_points},
                    {"centre", num(g.centre)}, {"mr_bar", num(g.mr_bar)}, {"mr_ucl", num(g.mr_ucl)}});
  }
  j["control_chart"] = s.chart == ChartType::run ? json(nullptr) : json({{"signal", s.control_signal}, {"segments", segs}});
  json pts = json::array();
  for (const auto& pt : s.points) {
    json x = {{"period", format_period(pt.period)}, {"numerator", num(pt.numerator)}, {"denominator", num(pt.denominator)},
              {"value", num(pt.value)}, {"baseline", pt.baseline}};
    if (s.team.empty()) x["teams"] = pt.teams;
    if (s.chart != ChartType::run) {
      x["segment"] = pt.segment;
      x["centre"] = num(pt.centre);
      x["lcl"] = num(pt.lcl);
      x["ucl"] = num(pt.ucl);
      if (s.chart == ChartType::xmr) x["moving_range"] = num(pt.moving_range);
      x["control_signals"] = pt.control_signals.names();
    }
    x["run_signals"] = pt.run_signals.names();
    x["note"] = opt_text(pt.note);
    pts.push_back(std::move(x));
  }
  j["points"] = std::move(pts);
  j["skipped"] = s.skipped;
  if (!s.team.empty()) {
    json notes = json::array();
    for (const auto& a : s.annotations) {
      notes.push_back({{"period", format_period(a.period)}, {"date", format_date(a.date)}, {"cycle", a.cycle}, {"idea", a.idea},
                       {"event", a.event}, {"decision", opt_text(a.decision)}});
    }
    j["annotations"] = std::move(notes);
  }
  return j;
}

json to_json(const MetricsResult& r, const model::Project& p) {
  json j = {{"collaborative", r.collaborative}, {"as_of", format_date(r.as_of)}};
  j["scope"] = {{"teams", r.scope.teams}, {"measures", r.scope.measures}, {"from", opt_period(r.scope.from)}, {"to", opt_period(r.scope.to)}};
  if (r.sections.count(Section::measures)) {
    json measures = json::array();
    for (const auto& m : p.measures) {
      if (!r.scope.measures.empty() && !r.scope.measures.count(m.id)) continue;
      json mj = {{"measure", m.id}, {"name", m.name}, {"type", m.type}, {"category", m.category}, {"core", m.core},
                 {"unit", opt_text(m.unit)}, {"multiplier", num(m.multiplier)}, {"better", m.better}, {"chart", chart_name(chart_for(m))}};
      mj["series"] = json::array();
      for (const auto& s : r.series) {
        if (s.measure == m.id) mj["series"].push_back(to_json(s, p));
      }
      measures.push_back(std::move(mj));
    }
    std::sort(measures.begin(), measures.end(), [](const json& a, const json& b) { return a["measure"] < b["measure"]; });
    j["measures"] = std::move(measures);
  }
  if (r.completeness) {
    const auto& c = *r.completeness;
    json cj = {{"as_of", format_date(c.as_of)}, {"measures", c.measures}, {"total", count_json(c.total)}};
    cj["teams"] = json::object();
    for (const auto& [team, count] : c.by_team) cj["teams"][team] = count_json(count);
    cj["cells"] = json::array();
    for (const auto& cell : c.cells) {
      cj["cells"].push_back({{"team", cell.team}, {"measure", cell.measure}, {"period", format_period(cell.period)},
                             {"due", format_date(cell.due)}, {"status", cell.status}, {"submitted", opt_date(cell.submitted)},
                             {"reason", opt_text(cell.reason)}});
    }
    j["completeness"] = std::move(cj);
  }
  if (r.participation) {
    const auto& pa = *r.participation;
    json pj = {{"occurrences", pa.occurrences}, {"by_type", json::object()}, {"teams", json::array()}};
    for (const auto& [type, t] : pa.by_type) pj["by_type"][type] = type_json(t);
    for (const auto& t : pa.teams) {
      json tj = {{"team", t.team}, {"overall", type_json(t.overall)}, {"members", type_json(t.members)},
                 {"by_type", json::object()}, {"full_team_every_session", opt_bool(t.full_team_every_session)},
                 {"engagement", t.engagement}, {"learning_sessions", json::array()}};
      for (const auto& [type, ta] : t.by_type) tj["by_type"][type] = type_json(ta);
      for (const auto& s : t.learning_sessions) {
        tj["learning_sessions"].push_back({{"attendance", s.attendance}, {"event", s.event}, {"date", format_date(s.date)},
                                           {"members", s.members}, {"present", s.present}, {"excused", s.excused},
                                           {"full_team", s.full_team()}});
      }
      pj["teams"].push_back(std::move(tj));
    }
    j["participation"] = std::move(pj);
  }
  if (r.progress) {
    const auto& pr = *r.progress;
    json gj = {{"periods", json::array()}, {"teams", json::array()}};
    for (const auto& per : pr.periods) {
      gj["periods"].push_back({{"period", format_period(per.period)}, {"faculty", summary_json(per.faculty)}, {"self", summary_json(per.self)}});
    }
    for (const auto& t : pr.teams) {
      json tj = {{"team", t.team}, {"first", num(t.first)}, {"latest", num(t.latest)}, {"change", num(t.change)}, {"ratings", json::array()}};
      for (const auto& e : t.ratings) {
        tj["ratings"].push_back({{"period", format_period(e.period)}, {"score", num(e.score)}, {"self_score", num(e.self_score)},
                                 {"assessor", opt_text(e.assessor)}});
      }
      gj["teams"].push_back(std::move(tj));
    }
    j["progress"] = std::move(gj);
  }
  if (r.sections.count(Section::network)) {
    json waves = json::array();
    for (const auto& w : r.network) {
      const auto& m = w.metrics;
      json wj = {{"wave", w.id}, {"date", format_date(w.date)}, {"nodes", m.node_count}, {"ties", m.tie_count},
                 {"ties_by_relation", w.ties_by_relation}, {"density", num(m.density)}, {"reciprocity", num(m.reciprocity)},
                 {"in_degree_centralization", num(m.in_degree_centralization)},
                 {"out_degree_centralization", num(m.out_degree_centralization)},
                 {"betweenness_centralization", num(m.betweenness_centralization)}, {"mean_strength", num(m.mean_strength)},
                 {"mean_trust", num(m.mean_trust)}, {"isolates", m.isolates}, {"components", m.components},
                 {"largest_component", m.largest_component}, {"respondents", m.respondent_count},
                 {"response_rate", num(m.response_rate)}, {"ties_dropped", {{"self", m.self_ties}, {"not_in_network", m.unknown_ties}}}};
      json nodes = json::array();
      for (const auto& n : m.nodes) {
        nodes.push_back({{"member", n.id}, {"in_degree", n.in_degree}, {"out_degree", n.out_degree},
                         {"betweenness", num(n.betweenness)}, {"betweenness_normalized", num(n.betweenness_normalized)},
                         {"mean_strength_received", num(n.mean_strength_received)},
                         {"mean_trust_received", num(n.mean_trust_received)}, {"isolate", n.isolate}, {"responded", n.responded}});
      }
      wj["members"] = std::move(nodes);
      if (w.change) {
        const auto& c = *w.change;
        json dc = json::array();
        for (const auto& d : c.degree_changes) {
          if (d.in_change != 0 || d.out_change != 0) {
            dc.push_back({{"member", d.id}, {"in_change", d.in_change}, {"out_change", d.out_change}});
          }
        }
        wj["change"] = {{"density", num(c.density_change)}, {"reciprocity", num(c.reciprocity_change)},
                        {"in_degree_centralization", num(c.in_degree_centralization_change)},
                        {"out_degree_centralization", num(c.out_degree_centralization_change)},
                        {"betweenness_centralization", num(c.betweenness_centralization_change)},
                        {"mean_strength", num(c.mean_strength_change)}, {"mean_trust", num(c.mean_trust_change)},
                        {"members_joined", c.nodes_joined}, {"members_left", c.nodes_left},
                        {"ties_added", c.ties_added}, {"ties_dropped", c.ties_dropped}, {"ties_kept", c.ties_kept},
                        {"no_longer_isolates", c.no_longer_isolates}, {"new_isolates", c.new_isolates},
                        {"degree_changes", dc}};
      } else {
        wj["change"] = nullptr;
      }
      waves.push_back(std::move(wj));
    }
    j["network"] = std::move(waves);
  }
  if (r.improvement) j["improvement"] = improvement_json(*r.improvement);
  if (r.milestones) j["milestones"] = mel::to_json(*r.milestones);
  if (r.contribution) j["contribution"] = mel::to_json(*r.contribution);
  if (r.feedback) j["feedback"] = mel::to_json(*r.feedback);
  if (r.agenda) j["agenda"] = mel::to_json(*r.agenda);
  if (r.outcomes) j["outcomes"] = mel::to_json(*r.outcomes);
  if (r.products) j["products"] = mel::to_json(*r.products);
  if (r.resources) j["resources"] = mel::to_json(*r.resources);
  if (r.membership) j["membership"] = mel::to_json(*r.membership);
  return j;
}

namespace {

// The shortest spelling of the value rounded to 6 decimals: 0.25, 16.666667, 7.
std::string cell(double v) { return std::isfinite(v) ? fmt::format("{}", round6(v) == 0 ? 0.0 : round6(v)) : std::string(); }
std::string cell(const std::optional<double>& v) { return v ? cell(*v) : std::string(); }
std::string cell_text(const std::string& s) { return csv_text(s); }
std::string cell_bool(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : ""; }
std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace

std::string to_csv(const MetricsResult& r, Section section) {
  std::string out;
  switch (section) {
    case Section::measures:
      out += csv_row({"measure", "team", "period", "chart", "numerator", "denominator", "value", "teams", "baseline_point",
                      "median", "segment", "centre", "lcl", "ucl", "moving_range", "run_signals", "control_signals",
                      "series_baseline", "goal", "note"});
      for (const auto& s : r.series) {
        for (const auto& pt : s.points) {
          out += csv_row({cell_text(s.measure), cell_text(s.team.empty() ? "(all)" : s.team), format_period(pt.period),
                          chart_name(s.chart), cell(pt.numerator), cell(pt.denominator), cell(pt.value),
                          std::to_string(pt.teams), pt.baseline ? "true" : "false", cell(s.median),
                          s.chart == ChartType::run ? "" : std::to_string(pt.segment), cell(pt.centre), cell(pt.lcl),
                          cell(pt.ucl), cell(pt.moving_range), join(pt.run_signals.names()), join(pt.control_signals.names()),
                          cell(s.baseline), cell(s.goal), cell_text(pt.note)});
        }
      }
      break;
    case Section::completeness:
      out += csv_row({"team", "measure", "period", "due", "status", "submitted", "reason"});
      if (r.completeness) {
        for (const auto& c : r.completeness->cells) {
          out += csv_row({cell_text(std::string(c.team)), cell_text(std::string(c.measure)), format_period(c.period), format_date(c.due), std::string(c.status),
                          c.submitted ? format_date(*c.submitted) : "", cell_text(c.reason)});
        }
      }
      break;
    case Section::participation:
      out += csv_row({"team", "event_type", "expected", "attended", "rate", "full_team_every_session"});
      if (r.participation) {
        for (const auto& t : r.participation->teams) {
          for (const auto& [type, ta] : t.by_type) {
            out += csv_row({cell_text(t.team), type, std::to_string(ta.expected), std::to_string(ta.attended), cell(ta.rate()),
                            cell_bool(t.full_team_every_session)});
          }
        }
      }
      break;
    case Section::progress:
      out += csv_row({"team", "period", "score", "self_score", "assessor"});
      if (r.progress) {
        for (const auto& t : r.progress->teams) {
          for (const auto& e : t.ratings) {
            out += csv_row({cell_text(t.team), format_period(e.period), cell(e.score), cell(e.self_score), cell_text(e.assessor)});
          }
        }
      }
      break;
    case Section::network:
      out += csv_row({"wave", "date", "member", "in_degree", "out_degree", "betweenness", "betweenness_normalized",
                      "mean_strength_received", "mean_trust_received", "isolate", "responded"});
      for (const auto& w : r.network) {
        for (const auto& n : w.metrics.nodes) {
          out += csv_row({cell_text(w.id), format_date(w.date), cell_text(n.id), std::to_string(n.in_degree),
                          std::to_string(n.out_degree), cell(n.betweenness), cell(n.betweenness_normalized),
                          cell(n.mean_strength_received), cell(n.mean_trust_received), n.isolate ? "true" : "false",
                          n.responded ? "true" : "false"});
        }
      }
      break;
    case Section::improvement:
      out += csv_row({"team", "cycle", "idea", "builds_on", "ramp", "step", "start", "end", "decision", "decided"});
      if (r.improvement) {
        for (const auto& c : r.improvement->cycles) {
          out += csv_row({cell_text(c.cycle->team), cell_text(c.cycle->id), cell_text(c.cycle->idea), cell_text(c.cycle->builds_on),
                          cell_text(c.ramp), std::to_string(c.step), format_date(*c.cycle->start),
                          c.cycle->end ? format_date(*c.cycle->end) : "", c.decision,
                          c.decision.empty() ? "" : format_date(*c.cycle->decided)});
        }
      }
      break;
    case Section::feedback:
      out += csv_row({"survey", "event", "item", "type", "level", "n", "off_scale", "mean", "top2_box", "nps", "promoters",
                      "passives", "detractors", "eligible", "complete", "partial", "break_off", "rr1", "rr2"});
      if (r.feedback) {
        for (const auto& s : r.feedback->surveys) {
          auto rows = [&](const std::string& event, const mel::FeedbackGroup& g) {
            const auto& c = g.counts;
            for (const auto& it : g.items) {
              bool closed = it.type != "open";
              out += csv_row({cell_text(s.survey), cell_text(event), cell_text(it.item), it.type,
                              it.level ? std::to_string(*it.level) : "", std::to_string(it.n),
                              closed ? std::to_string(it.off_scale) : "", cell(it.mean), cell(it.top2_box), cell(it.nps),
                              it.type == "nps" ? std::to_string(it.promoters) : "", it.type == "nps" ? std::to_string(it.passives) : "",
                              it.type == "nps" ? std::to_string(it.detractors) : "", std::to_string(c.eligible),
                              std::to_string(c.complete), std::to_string(c.partial), std::to_string(c.break_off), cell(c.rr1),
                              cell(c.rr2)});
            }
          };
          for (const auto& e : s.events) rows(e.event, e.feedback);
          rows("(all)", s.overall);
        }
      }
      break;
    case Section::agenda:
      out += csv_row({"rank", "topic", "title", "status", "score", "voters", "groups", "tie_broken_by", "events"});
      if (r.agenda) {
        for (const auto& t : r.agenda->topics) {
          out += csv_row({std::to_string(t.rank), cell_text(t.topic), cell_text(t.title), t.status, std::to_string(t.score),
                          std::to_string(t.voters), std::to_string(t.groups), t.tie_broken_by, join(t.events)});
        }
        for (const auto& id : r.agenda->dropped) {
          out += csv_row({"", cell_text(id), "", "dropped", "", "", "", "", ""});
        }
      }
      break;
    case Section::resources:
      out += csv_row({"kind", "year", "funder", "member", "team", "event", "category", "date", "hours", "rate", "amount", "value",
                      "share", "hhi", "effective_number", "normalized_hhi", "dominant"});
      if (r.resources) {
        auto funding = [&](const std::string& year, const mel::Concentration& c) {
          for (const auto& f : c.shares) {
            out += csv_row({"funding", year, cell_text(f.funder), "", "", "", "", "", "", "", cell(f.amount), "", cell(f.share),
                            cell(c.hhi), cell(c.effective_number), cell(c.normalized_hhi), c.dominant ? "true" : "false"});
          }
        };
        for (const auto& [year, c] : r.resources->funding.by_year) funding(std::to_string(year), c);
        funding("all", r.resources->funding.overall);
        for (const auto& e : r.resources->in_kind.entries) {
          out += csv_row({"in-kind", e.date ? std::to_string(static_cast<int>(e.date->year())) : "", "", cell_text(e.member),
                          cell_text(e.team), cell_text(e.event), e.category, e.date ? format_date(*e.date) : "", cell(e.hours),
                          cell(e.rate), cell(e.amount), cell(e.value), "", "", "", "", ""});
        }
      }
      break;
    case Section::milestones:
      out += csv_row({"milestone", "outcome", "indicator", "measure", "unit", "target", "actual", "by", "met", "status", "days_overdue"});
      if (r.milestones) {
        for (const auto& m : r.milestones->milestones) {
          out += csv_row({cell_text(m.id), cell_text(m.outcome), cell_text(m.indicator), cell_text(m.measure), cell_text(m.unit),
                          cell(m.target), cell(m.actual), m.by ? format_date(*m.by) : "", m.met ? format_date(*m.met) : "", m.status,
                          m.days_overdue ? std::to_string(*m.days_overdue) : ""});
        }
      }
      break;
    case Section::contribution:
      out += csv_row({"claim", "outcome", "link", "from", "to", "evidence", "evidence_by_kind", "alternatives_open",
                      "alternatives_partly", "alternatives_ruled_out", "supported", "weakest"});
      if (r.contribution) {
        for (const auto& c : *r.contribution) {
          for (const auto& l : c.links) {
            std::vector<std::string> kinds;
            for (const auto& [kind, n] : l.evidence_by_kind) kinds.push_back(fmt::format("{} {}", kind, n));
            auto alternatives = [&](const char* status) {
              auto it = l.alternatives_by_status.find(status);
              return std::to_string(it == l.alternatives_by_status.end() ? 0 : it->second);
            };
            out += csv_row({cell_text(c.id), cell_text(c.outcome), std::to_string(l.position), cell_text(l.from), cell_text(l.to),
                            std::to_string(l.evidence), join(kinds), alternatives("open"), alternatives("partly"),
                            alternatives("ruled-out"), l.supported ? "true" : "false",
                            c.weakest && *c.weakest == l.position ? "true" : "false"});
          }
        }
      }
      break;
    case Section::outcomes:
      out += csv_row({"outcome", "actor", "type", "effect", "intended", "when", "toc_outcomes", "substantiations", "substantiation"});
      if (r.outcomes) {
        for (const auto& o : r.outcomes->list) {
          out += csv_row({cell_text(o.id), cell_text(o.actor), o.type, o.effect, o.intended ? "true" : "false",
                          o.when ? format_date(*o.when) : "", join(o.toc_outcomes), std::to_string(o.substantiations), o.substantiation});
        }
      }
      break;
    case Section::products:
      out += csv_row({"product", "title", "type", "status", "date", "authors", "events", "cited_by", "url"});
      if (r.products) {
        for (const auto& k : r.products->products) {
          out += csv_row({cell_text(k.id), cell_text(k.title), k.type, k.status, k.date ? format_date(*k.date) : "", join(k.authors),
                          join(k.events), join(k.cited_by), cell_text(k.url)});
        }
      }
      break;
    case Section::membership:
      out += csv_row({"month", "active", "new", "lapsed"});
      if (r.membership) {
        for (const auto& m : r.membership->months) {
          out += csv_row({format_period(m.month), std::to_string(m.active), std::to_string(m.joined), std::to_string(m.lapsed)});
        }
      }
      break;
  }
  return out;
}

}  // namespace collab::metrics
