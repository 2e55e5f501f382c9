// collab metrics: the core data set as run and control charts, data completeness, participation, the
// progress scale and the network survey (lib/metrics), as text, JSON or long-form CSV; --check for a
// scheduled CI job; `metrics import` reads team data from a long CSV (lib/metrics/data_import).
#include "common.h"
#include "core/parallel.h"
#include "io/files.h"
#include "io/lock.h"
#include "metrics/data_import.h"
#include "metrics/metrics.h"
#include "metrics_evaluation.h"
#include "io/csv_read.h"


#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace collab::cli {
namespace {

using namespace collab::metrics;

struct MetricsOptions {
  std::string format;
  std::vector<std::string> teams, measures, sections;
  std::string from, to, as_of;
  int quiet_weeks = 8;
  bool check = false, open_answers = false;
};

struct ImportOptions {
  std::string file, format, submitted;
  bool replace = false, dry_run = false;
};

std::string number(const std::optional<double>& v, int decimals = 1) {
  if (!v) return "-";
  return fmt::format("{:.{}f}", *v, decimals);
}
std::string percent(const std::optional<double>& v) { return v ? fmt::format("{:.0f}%", *v * 100) : "-"; }
std::string signed_number(const std::optional<double>& v) { return v ? fmt::format("{:+.1f}", *v) : "-"; }

std::string run_text(const SeriesResult& s) {
  std::vector<std::string> out;
  if (s.run_rules == "ihi") {
    for (const auto& sp : s.ihi.shifts) out.push_back(fmt::format("shift {}..{}", format_period(s.points[sp.first].period), format_period(s.points[sp.last].period)));
    for (const auto& sp : s.ihi.trends) out.push_back(fmt::format("trend {}..{}", format_period(s.points[sp.first].period), format_period(s.points[sp.last].period)));
  } else {
    if (s.anhoej.long_run) out.push_back(fmt::format("long run {} > {}", s.anhoej.longest_run, s.anhoej.longest_run_max));
    if (s.anhoej.few_crossings) out.push_back(fmt::format("few crossings {} < {}", s.anhoej.crossings, s.anhoej.crossings_min));
  }
  return out.empty() ? "-" : fmt::format("{}", fmt::join(out, "; "));
}

std::string control_text(const SeriesResult& s) {
  if (s.chart == ChartType::run) return "";
  if (std::none_of(s.segments.begin(), s.segments.end(), [](const Segment& g) { return g.centre.has_value(); })) {
    return "too few points";
  }
  // Each rule with the number of points it flags and the last of them, in the rule set's order.
  std::vector<std::pair<std::string, std::pair<int, std::string>>> by_rule;
  for (const auto& pt : s.points) {
    for (const std::string& r : pt.control_signals.names()) {
      auto it = std::find_if(by_rule.begin(), by_rule.end(), [&](const auto& x) { return x.first == r; });
      if (it == by_rule.end()) it = by_rule.insert(by_rule.end(), {r, {0, ""}});
      ++it->second.first;
      it->second.second = format_period(pt.period);
    }
  }
  if (by_rule.empty()) return "-";
  std::vector<std::string> out;
  for (const auto& [rule, n] : by_rule) out.push_back(fmt::format("{} x{} (last {})", rule, n.first, n.second));
  return fmt::format("{}", fmt::join(out, "; "));
}

// One measure at a time, computed, printed and dropped (metrics/measures.h): the charts' PDSA marks are
// not in the text, so the improvement work is not computed for them.
void print_measures(const model::Project& p, const Scope& scope) {
  fmt::print("Measures\n");
  bool any = false;
  each_measure_series(p, scope, worker_threads(), [&](const model::Measure& m, std::vector<SeriesResult>&& series) {
    const SeriesResult& first = series.front();
    std::string rules = fmt::format("run chart {}", first.run_rules);
    if (first.chart != ChartType::run) rules += fmt::format(", {} chart {}", first.chart == ChartType::xmr ? std::string("XmR") : std::string(1, static_cast<char>(std::toupper(chart_name(first.chart)[0]))), first.control_rules);
    fmt::print("  {}: {} ({}{}, {} is better; {})\n", m.id, m.name, m.type, m.unit.empty() ? "" : ", " + m.unit, m.better, rules);
    std::string head = fmt::format("    {:<22} {:>6} {:>9} {:>9} {:>8} {:>8} {:>8} {:>7}  {:<28} {}", "team", "points", "baseline",
                                   "latest", "period", "change", "goal", "to goal", "run chart",
                                   first.chart == ChartType::run ? "" : "control chart (points flagged)");
    while (!head.empty() && head.back() == ' ') head.pop_back();
    fmt::print("{}\n", head);
    any = true;
    for (const auto& s : series) {
      std::string line = fmt::format("    {:<22} {:>6} {:>9} {:>9} {:>8} {:>8} {:>8} {:>7}  {:<28} {}", s.team.empty() ? "(all teams)" : s.team,
                 s.points.size(), number(s.baseline), number(s.latest), s.latest_period ? format_period(*s.latest_period) : "-",
                 signed_number(s.change), number(s.goal), s.goal_met && *s.goal_met ? "met" : percent(s.share_of_gap_closed),
                 run_text(s), control_text(s));
      while (!line.empty() && line.back() == ' ') line.pop_back();
      fmt::print("{}\n", line);
    }
  });
  if (!any) fmt::print("  no data reported yet\n");
}

void print_completeness(const CompletenessResult& c, const model::Project& p) {
  std::string due = p.collaborative && p.collaborative->data_due_day
                        ? fmt::format("due on day {} of the next month", *p.collaborative->data_due_day)
                        : std::string("due by the end of the next month");
  bool weekly = std::any_of(c.measures.begin(), c.measures.end(), [&](const std::string& id) {
    const model::Measure* m = p.find_measure(id);
    return m && m->weekly();
  });
  if (weekly) {
    due += fmt::format(", weekly data {} days after the week",
                       p.collaborative && p.collaborative->data_weekly_due_days ? *p.collaborative->data_weekly_due_days : 7);
  }
  fmt::print("Completeness (core data set: {}; {}; as of {})\n", c.measures.empty() ? std::string("no measures") : fmt::format("{}", fmt::join(c.measures, ", ")),
             due, format_date(c.as_of));
  fmt::print("  {:<22} {:>8} {:>9} {:>5} {:>9} {:>7} {:>7} {:>9}\n", "team", "expected", "submitted", "late", "explained",
             "missing", "pending", "complete");
  auto row = [](const std::string& name, const CompletenessCount& k) {
    fmt::print("  {:<22} {:>8} {:>9} {:>5} {:>9} {:>7} {:>7} {:>9}\n", name, k.expected, k.submitted, k.late, k.explained,
               k.missing, k.pending, percent(k.completeness()));
  };
  for (const auto& [team, k] : c.by_team) row(team, k);
  row("(all teams)", c.total);
  bool heading = false;
  for (const auto& cell : c.cells) {
    if (cell.status != "missing") continue;
    if (!heading) fmt::print("  Overdue:\n");
    heading = true;
    fmt::print("    {} {} {} (due {})\n", cell.team, cell.measure, format_period(cell.period), format_date(cell.due));
  }
}

void print_participation(const ParticipationResult& pa) {
  fmt::print("Participation ({} event occurrences with attendance)\n", pa.occurrences);
  fmt::print("  {:<22} {:>6} {:>8} {:>5} {:>8}  {:<26} {}\n", "team", "events", "attended", "rate", "members",
             "learning sessions", "engagement");
  for (const auto& t : pa.teams) {
    int full = 0;
    for (const auto& s : t.learning_sessions) full += s.full_team() ? 1 : 0;
    std::string sessions = t.learning_sessions.empty() ? "-"
                                                       : fmt::format("full team at {} of {}{}", full, t.learning_sessions.size(),
                                                                     *t.full_team_every_session ? " (all)" : "");
    std::vector<std::string> levels;
    for (const auto& [level, n] : t.engagement) levels.push_back(fmt::format("{} {}", level, n));
    fmt::print("  {:<22} {:>6} {:>8} {:>5} {:>8}  {:<26} {}\n", t.team, t.overall.expected, t.overall.attended,
               percent(t.overall.rate()), percent(t.members.rate()), sessions, fmt::join(levels, ", "));
  }
  std::vector<std::string> types;
  for (const auto& [type, ta] : pa.by_type) types.push_back(fmt::format("{} {} ({}/{})", type, percent(ta.rate()), ta.attended, ta.expected));
  if (!types.empty()) fmt::print("  By event type: {}\n", fmt::join(types, "; "));
}

void print_progress(const ProgressResult& pr) {
  fmt::print("Progress (assessment scale 0.5-5.0; faculty scores, and team self-scores where given)\n");
  fmt::print("  {:<8} {:>5} {:>5} {:>6} {:>6} {:>10}\n", "period", "teams", "mean", "median", "at 4+", "self mean");
  for (const auto& per : pr.periods) {
    fmt::print("  {:<8} {:>5} {:>5} {:>6} {:>6} {:>10}\n", format_period(per.period), per.faculty.n, number(per.faculty.mean, 2),
               number(per.faculty.median), percent(per.faculty.share_at_4), number(per.self.mean, 2));
  }
  fmt::print("  {:<22} {:>5} {:>6} {:>6}\n", "team", "first", "latest", "change");
  for (const auto& t : pr.teams) {
    fmt::print("  {:<22} {:>5} {:>6} {:>6}\n", t.team, number(t.first), number(t.latest), signed_number(t.change));
  }
}

void print_network(const std::vector<NetworkWaveResult>& waves) {
  fmt::print("Network ({} survey wave{})\n", waves.size(), waves.size() == 1 ? "" : "s");
  fmt::print("  {:<14} {:<10} {:>7} {:>5} {:>7} {:>11} {:>10} {:>11} {:>8} {:>5} {:>8}\n", "wave", "date", "members", "ties",
             "density", "reciprocity", "in-degree", "betweenness", "isolates", "trust", "strength");
  for (const auto& w : waves) {
    const auto& m = w.metrics;
    fmt::print("  {:<14} {:<10} {:>7} {:>5} {:>7} {:>11} {:>10} {:>11} {:>8} {:>5} {:>8}\n", w.id, format_date(w.date),
               m.node_count, m.tie_count, number(m.density, 3), number(m.reciprocity, 2), number(m.in_degree_centralization, 2),
               number(m.betweenness_centralization, 2), m.isolates.size(), number(m.mean_trust, 2), number(m.mean_strength, 2));
  }
  for (const auto& w : waves) {
    if (!w.change) continue;
    const auto& c = *w.change;
    fmt::print("  {}: density {}, reciprocity {}, {} ties added, {} dropped, {} kept", w.id,
               c.density_change ? fmt::format("{:+.3f}", *c.density_change) : "-",
               c.reciprocity_change ? fmt::format("{:+.2f}", *c.reciprocity_change) : "-", c.ties_added, c.ties_dropped, c.ties_kept);
    if (!c.no_longer_isolates.empty()) fmt::print("; no longer isolated: {}", fmt::join(c.no_longer_isolates, ", "));
    if (!c.new_isolates.empty()) fmt::print("; newly isolated: {}", fmt::join(c.new_isolates, ", "));
    fmt::print("\n");
  }
}

void print_improvement(const ImprovementResult& im, const model::Project& p) {
  fmt::print("Improvement (PDSA cycles started by {}; quiet: an active team with no cycle activity in {} weeks)\n",
             format_date(im.as_of), im.quiet_weeks);
  if (!p.driver_diagram && p.cycles.empty()) {
    fmt::print("  no driver diagram (driver-diagram.yaml) and no PDSA cycle (pdsa/) yet\n");
    return;
  }
  std::vector<std::string> decisions;
  for (const char* d : {"adopt", "adapt", "abandon"}) {
    auto it = im.decisions.find(d);
    decisions.push_back(fmt::format("{} {}", d, it == im.decisions.end() ? 0 : it->second));
  }
  fmt::print("  {} cycles, {} open; decided: {}\n", im.cycles.size(), im.open, fmt::join(decisions, ", "));
  fmt::print("  {:<22} {:>6} {:>4} {:>5} {:>5} {:>7}  {:<13} {}\n", "team", "cycles", "open", "adopt", "adapt", "abandon",
             "last activity", "quiet");
  auto count = [](const std::map<std::string, int>& m, const char* k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  for (const auto& t : im.teams) {
    std::string line = fmt::format("  {:<22} {:>6} {:>4} {:>5} {:>5} {:>7}  {:<13} {}", t.team, t.cycles, t.open,
                                   count(t.decisions, "adopt"), count(t.decisions, "adapt"), count(t.decisions, "abandon"),
                                   t.last_activity ? format_date(*t.last_activity) : "-",
                                   t.quiet ? "quiet" : (t.active ? "" : "not active"));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
  }
  if (!im.months.empty()) {
    fmt::print("  Cycles started per month\n");
    // The year above its first month's column, where it fits: "2026" over "01".
    std::string years(27 + 3 * im.months.size(), ' '), months = fmt::format("    {:<22}", "team");
    size_t free_from = 0;
    for (size_t i = 0; i < im.months.size(); ++i) {
      const Period& m = im.months[i];
      size_t col = 27 + 3 * i;
      if ((i == 0 || static_cast<unsigned>(m.month()) == 1) && col >= free_from) {
        std::string y = std::to_string(static_cast<int>(m.year()));
        years.replace(col, y.size(), y);
        free_from = col + y.size() + 1;
      }
      months += fmt::format(" {:02}", static_cast<unsigned>(m.month()));
    }
    while (!years.empty() && years.back() == ' ') years.pop_back();
    fmt::print("{}\n{}\n", years, months);
    auto row = [&](const std::string& name, const std::map<Period, int>& started) {
      std::string line = fmt::format("    {:<22}", name);
      for (const auto& m : im.months) {
        auto it = started.find(m);
        line += fmt::format(" {:>2}", it == started.end() ? 0 : it->second);
      }
      fmt::print("{}\n", line);
    };
    for (const auto& t : im.teams) row(t.team, t.started);
    row("(all teams)", im.started);
  }
  if (!im.ideas.empty()) {
    fmt::print("  {:<36} {:>6} {:>7} {:>7} {:>9} {:>6}\n", "change idea (teams)", "listed", "testing", "adopted", "abandoned", "cycles");
    for (const auto& i : im.ideas) {
      std::string name = i.owner.empty() ? i.idea : fmt::format("{} ({})", i.idea, i.owner);
      fmt::print("  {:<36} {:>6} {:>7} {:>7} {:>9} {:>6}\n", name, i.listed.size(), i.testing.size(), i.adopted.size(),
                 i.abandoned.size(), i.cycles);
    }
  }
  if (!im.ramps.empty()) {
    fmt::print("  {:<22} {:<30} {:>6}  {:<10}  {:<10}  {}\n", "ramp: team", "idea", "cycles", "start", "decided", "outcome");
    for (const auto& rp : im.ramps) {
      fmt::print("  {:<22} {:<30} {:>6}  {:<10}  {:<10}  {}\n", rp.team, rp.idea, rp.length(), format_date(rp.start),
                 rp.end ? format_date(*rp.end) : "-", rp.outcome);
    }
  }
}

Result<std::optional<Period>> period_option(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Period>();
  auto p = parse_period(text);
  if (!p) return Error{ErrorKind::usage, fmt::format("{} {}: expected a month as YYYY-MM", flag, text)};
  return std::optional<Period>(p);
}

int run_metrics(const Context& ctx, const MetricsOptions& o) {
  auto project = load_valid_project(ctx, "computed", metrics_reads());
  if (!project) return fail(project.error());
  const model::Project& p = *project;

  Scope scope;
  for (const auto& t : o.teams) {
    if (!p.find_team(t)) return fail({ErrorKind::usage, fmt::format("--team {}: no team '{}' in teams/", t, t)});
    scope.teams.insert(t);
  }
  for (const auto& m : o.measures) {
    if (!p.find_measure(m)) return fail({ErrorKind::usage, fmt::format("--measure {}: no measure '{}' in measures/", m, m)});
    scope.measures.insert(m);
  }
  auto from = period_option(o.from, "--from");
  if (!from) return fail(from.error());
  auto to = period_option(o.to, "--to");
  if (!to) return fail(to.error());
  scope.from = *from;
  scope.to = *to;
  if (scope.from && scope.to && *scope.to < *scope.from) {
    return fail({ErrorKind::usage, fmt::format("--to {} is before --from {}", o.to, o.from)});
  }
  Date as_of = today_utc();
  if (!o.as_of.empty()) {
    auto d = parse_date(o.as_of);
    if (!d) return fail({ErrorKind::usage, fmt::format("--as-of {}: expected a date as YYYY-MM-DD", o.as_of)});
    as_of = *d;
  }

  std::set<Section> sections;
  for (const auto& s : o.sections) sections.insert(*parse_section(s));
  if (o.check) sections = {Section::completeness, Section::milestones, Section::feedback};
  if (sections.empty()) sections = default_sections(p);
  if (o.format == "csv" && sections.size() != 1) {
    if (!o.sections.empty()) return fail({ErrorKind::usage, "--format csv prints one section: give one --section"});
    sections = {Section::measures};
  }

  if (o.format == "text" && !o.check) {
    // One section at a time, computed, printed and dropped, in this order: a national network's charts and
    // completeness cells are not all held at once (docs/performance.md). Each section is computed as it
    // would be with the others.
    fmt::print("Metrics of {} as of {}\n", p.collaborative ? p.collaborative->id : std::string(), format_date(as_of));
    bool first = true;
    for (Section s : {Section::measures, Section::completeness, Section::participation, Section::progress, Section::network,
                      Section::improvement, Section::membership, Section::milestones, Section::contribution, Section::feedback,
                      Section::agenda, Section::outcomes, Section::products, Section::resources}) {
      if (!sections.count(s)) continue;
      if (!first) fmt::print("\n");
      first = false;
      if (s == Section::measures) {
        print_measures(p, scope);
        continue;
      }
      if (s == Section::completeness) {  // the text lists only the missing cells
        print_completeness(completeness(p, as_of, scope, KeepCells::missing), p);
        continue;
      }
      const MetricsResult r = compute_metrics(p, scope, as_of, {s}, o.quiet_weeks, o.open_answers);
      switch (s) {
        case Section::measures: break;
        case Section::completeness: break;
        case Section::participation: print_participation(*r.participation); break;
        case Section::progress: print_progress(*r.progress); break;
        case Section::network: print_network(r.network); break;
        case Section::improvement: print_improvement(*r.improvement, p); break;
        case Section::membership: print_membership(*r.membership); break;
        case Section::milestones: print_milestones(*r.milestones); break;
        case Section::contribution: print_contribution(*r.contribution); break;
        case Section::feedback: print_feedback(*r.feedback); break;
        case Section::agenda: print_agenda(*r.agenda); break;
        case Section::outcomes: print_outcomes(*r.outcomes); break;
        case Section::products: print_products(*r.products); break;
        case Section::resources: print_resources(*r.resources); break;
      }
    }
    return kOk;
  }

  MetricsResult r = compute_metrics(p, scope, as_of, sections, o.quiet_weeks, o.open_answers);

  if (o.check) {
    // Everything overdue on the as-of date, in one list: team data, milestones, the theory of change's
    // review, follow-up surveys.
    struct Overdue {
      std::string text;
      nlohmann::json json;
    };
    std::vector<Overdue> overdue;
    for (const auto& c : r.completeness->cells) {
      if (c.status != "missing") continue;
      overdue.push_back({fmt::format("overdue: data of team {} for {} in {}, due {}", c.team, c.measure, format_period(c.period), format_date(c.due)),
                         {{"kind", "data"}, {"team", c.team}, {"measure", c.measure}, {"period", format_period(c.period)}, {"due", format_date(c.due)}}});
    }
    for (const auto& m : r.milestones->milestones) {
      if (m.status != "overdue" || !m.by) continue;
      overdue.push_back({fmt::format("overdue: milestone {} of outcome {}, due {}", m.id, m.outcome, format_date(*m.by)),
                         {{"kind", "milestone"}, {"milestone", m.id}, {"outcome", m.outcome}, {"due", format_date(*m.by)}}});
    }
    if (r.milestones->review_overdue && r.milestones->review_by) {
      overdue.push_back({fmt::format("overdue: review of the theory of change, due {}", format_date(*r.milestones->review_by)),
                         {{"kind", "review"}, {"due", format_date(*r.milestones->review_by)}}});
    }
    for (const auto& s : r.feedback->surveys) {
      for (const auto& f : s.follow_ups) {
        if (f.status != "overdue" || !f.due) continue;
        overdue.push_back({fmt::format("overdue: follow-up survey {} about event {}, due {}", s.survey, f.event, format_date(*f.due)),
                           {{"kind", "follow-up"}, {"survey", s.survey}, {"event", f.event}, {"due", format_date(*f.due)}}});
      }
    }
    if (o.format == "json") {
      nlohmann::json j = {{"as_of", format_date(as_of)}, {"overdue", nlohmann::json::array()}};
      for (const auto& x : overdue) j["overdue"].push_back(x.json);
      fmt::print("{}\n", j.dump(2));
    } else {
      for (const auto& x : overdue) fmt::print("{}\n", x.text);
      if (!ctx.quiet) {
        fmt::print(stderr, "{}\n", overdue.empty() ? fmt::format("Nothing overdue as of {}.", format_date(as_of))
                                                   : fmt::format("{} overdue as of {}.", overdue.size(), format_date(as_of)));
      }
    }
    return overdue.empty() ? kOk : kFindings;
  }

  if (o.format == "json") {
    fmt::print("{}\n", to_json(r, p).dump(2));
  } else {
    fmt::print("{}", to_csv(r, *sections.begin()));
  }
  return kOk;
}

int run_import(const Context& ctx, const ImportOptions& o) {
  std::optional<Lock> lock;
  if (!o.dry_run) {
    auto root = locate_root(ctx);
    if (!root) return fail(root.error());
    auto l = Lock::acquire(*root);
    if (!l) return fail(l.error());
    lock.emplace(std::move(*l));
  }
  auto project = load_valid_project(ctx, o.dry_run ? "checked" : "imported");
  if (!project) return fail(project.error());
  std::optional<Date> submitted;
  if (!o.submitted.empty()) {
    submitted = parse_date(o.submitted);
    if (!submitted) return fail({ErrorKind::usage, fmt::format("--submitted {}: expected a date as YYYY-MM-DD", o.submitted)});
  }
  auto table = read_csv_file(o.file);
  if (!table) return fail(table.error());
  DataImport im = import_data(*project, *table, o.file, o.replace, submitted);
  if (!im.problems.empty()) {
    for (const auto& d : im.problems.items()) fmt::print(stderr, "{}\n", format_text(d));
    return fail({ErrorKind::data, fmt::format("{} problem(s) in {}; nothing was imported", im.problems.items().size(), o.file)});
  }
  if (!o.dry_run && !im.files.empty()) {
    std::vector<FileUpdate> writes;
    for (const auto& f : im.files) writes.push_back({f.path, f.content, f.created});
    if (Status s = write_files(project->root, writes); !s) return fail(s.error());
  }
  if (o.format == "json") {
    nlohmann::json j = {{"file", o.file}, {"dry_run", o.dry_run}, {"rows", im.rows}, {"added", im.added}, {"replaced", im.replaced},
                        {"unchanged", im.unchanged}, {"files", nlohmann::json::array()}};
    for (const auto& f : im.files) j["files"].push_back({{"file", model::display_path(project->display_root, f.path)}, {"created", f.created}});
    fmt::print("{}\n", j.dump(2));
  } else if (!ctx.quiet) {
    for (const auto& f : im.files) {
      fmt::print("{} {}\n", o.dry_run ? (f.created ? "would create" : "would update") : (f.created ? "created" : "updated"),
                 model::display_path(project->display_root, f.path));
    }
    fmt::print(stderr, "{}: {} row(s): {} added, {} replaced, {} unchanged{}\n", o.file, im.rows, im.added, im.replaced, im.unchanged,
               o.dry_run ? " (dry run: nothing written)" : "");
  }
  return kOk;
}

}  // namespace

void register_metrics(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<MetricsOptions>();
  auto* cmd = app.add_subcommand("metrics", "Compute the core data set's charts, completeness, participation, progress and network measures");
  cmd->description(
      "Compute, for each team and measure and pooled over the collaborative, the baseline, latest value, change and\n"
      "progress to the goal, with run-chart (Anhoej or IHI) and control-chart (P, U, C, XmR) analysis; data\n"
      "completeness and timeliness; participation in events; the progress scale; and network survey measures.\n"
      "--check exits 1 when team data are overdue (for a scheduled CI job). See docs/metrics.md.");
  add_format_option(*cmd, opts->format, {"text", "json", "csv"});
  cmd->add_option("--team", opts->teams, "Only this team (repeatable)")->type_name("ID");
  cmd->add_option("--measure", opts->measures, "Only this measure (repeatable)")->type_name("ID");
  cmd->add_option("--section", opts->sections, "Only these sections (repeatable): measures, completeness, participation, progress, network, improvement, "
                  "milestones, contribution, feedback, agenda, outcomes, products, resources, membership")
      ->check(CLI::IsMember(section_names()))
      ->type_name("NAME");
  cmd->add_option("--from", opts->from, "First period to include")->type_name("YYYY-MM");
  cmd->add_option("--to", opts->to, "Last period to include")->type_name("YYYY-MM");
  cmd->add_option("--as-of", opts->as_of, "The date completeness, milestones and follow-ups are judged on (default: today, UTC)")
      ->type_name("DATE");
  cmd->add_option("--quiet-weeks", opts->quiet_weeks, "Improvement: a team with no PDSA activity for this many weeks is quiet (default 8)")
      ->check(CLI::Range(1, 520))
      ->type_name("N");
  cmd->add_flag("--open-answers", opts->open_answers, "Feedback: print the text of open answers (only their number otherwise)");
  cmd->add_flag("--check", opts->check, "List what is overdue (team data, milestones, the theory of change's review, follow-up surveys) and exit 1 when anything is");
  cmd->require_subcommand(0, 1);
  cmd->callback([&ctx, opts, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    ctx.exit_code = run_metrics(ctx, *opts);
  });

  auto iopts = std::make_shared<ImportOptions>();
  auto* imp = cmd->add_subcommand("import", "Import team data from a long CSV (team, period, measure, numerator, denominator, value, note)");
  imp->description(
      "Add team data from a long CSV, one row per team, period and measure, as exported from REDCap or a spreadsheet.\n"
      "Columns: team, period (YYYY-MM; YYYY-Www for a weekly measure; a date counts as its month or week), measure,\n"
      "then numerator and denominator (proportions, rates) or value (counts, continuous); optional note, missing (a\n"
      "reason, instead of a value) and submitted (YYYY-MM-DD). Importing the same file again changes nothing; a\n"
      "different value for a (team, period, measure) already recorded is an error unless --replace. Any error: every\n"
      "problem is listed with its row and column and nothing is written.");
  imp->add_option("file", iopts->file, "The CSV file")->required()->type_name("FILE");
  add_format_option(*imp, iopts->format, {"text", "json"});
  imp->add_flag("--replace", iopts->replace, "Replace values that differ from those recorded");
  imp->add_flag("--dry-run", iopts->dry_run, "Check and report, write nothing");
  imp->add_option("--submitted", iopts->submitted, "Record this submission date on new periods (default: the CSV's submitted column)")
      ->type_name("DATE");
  imp->callback([&ctx, iopts] { ctx.exit_code = run_import(ctx, *iopts); });
}

}  // namespace collab::cli
