#include "report/sections.h"

#include "core/parallel.h"
#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace collab::report {

std::string number(const std::optional<double>& v, int decimals) { return v ? fmt::format("{:.{}f}", *v, decimals) : "-"; }
std::string percent(const std::optional<double>& v) { return v ? fmt::format("{:.0f}%", *v * 100) : "-"; }

namespace {

std::string date_text(const std::optional<Date>& d) { return d ? format_date(*d) : "-"; }

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string engagement_text(const std::map<std::string, int>& e) {
  std::vector<std::string> parts;
  for (const auto& [level, n] : e) parts.push_back(fmt::format("{} {}", level, n));
  return parts.empty() ? "-" : join(parts);
}

std::string signals_text(const metrics::SeriesResult& s) {
  std::vector<std::string> out;
  if (s.run_signal) out.push_back(s.run_rules == "ihi" ? "run chart: shift or trend" : "run chart: non-random variation");
  std::map<std::string, int> rules;
  for (const auto& pt : s.points) {
    for (metrics::Signal r : pt.control_signals.list()) ++rules[metrics::signal_name(r)];
  }
  for (const auto& [rule, n] : rules) out.push_back(fmt::format("{} ({})", rule, n));
  return out.empty() ? "none" : join(out, "; ");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> overview_facts(const ReportData& r) {
  std::vector<std::pair<std::string, std::string>> f;
  const auto& p = *r.project;
  if (!p.collaborative) return f;
  const auto& c = *p.collaborative;
  f.push_back({"Focus", c.focus});
  f.push_back({"Kind", c.kind});
  if (!c.model.empty()) f.push_back({"Model", c.model});
  f.push_back({"Dates", fmt::format("{} to {}", date_text(c.start), date_text(c.end))});
  f.push_back({"Current phase", r.current_phase.empty() ? "-" : r.current_phase});
  std::vector<std::string> sponsors;
  for (const auto& s : c.sponsors) sponsors.push_back(s.type.empty() ? s.name : fmt::format("{} ({})", s.name, s.type));
  if (!sponsors.empty()) f.push_back({"Sponsors", join(sponsors)});
  std::vector<std::string> design;
  for (auto [k, v] : std::vector<std::pair<const char*, std::string>>{{"purpose", c.design.purpose},
                                                                     {"membership", c.design.membership},
                                                                     {"format", c.design.format},
                                                                     {"facilitation", c.design.facilitation},
                                                                     {"meets", c.design.meeting_frequency}}) {
    if (!v.empty()) design.push_back(fmt::format("{} {}", k, v));
  }
  if (c.design.capacity) design.push_back(fmt::format("capacity {} teams", *c.design.capacity));
  if (!design.empty()) f.push_back({"Design", join(design, "; ")});
  f.push_back({"As of", format_date(r.options.as_of)});
  return f;
}

Table phases_table(const ReportData& r) {
  Table t{{"Phase", "Start", "End"}, {}};
  if (!r.project->collaborative) return t;
  for (const auto& ph : r.project->collaborative->phases) {
    t.rows.push_back({ph.name + (ph.name == r.current_phase ? " (now)" : ""), date_text(ph.start), date_text(ph.end)});
  }
  return t;
}

Table teams_table(const ReportData& r) {
  Table t{{"Team", "Organization", "Region", "Status", "Joined", "Members", "Core team", "Engagement"}, {}};
  for (const auto& x : r.teams) {
    std::string status = x.status;
    if (x.left) status += " " + format_date(*x.left);
    if (!x.withdrawal_reason.empty()) status += ": " + x.withdrawal_reason;
    std::string core = x.core_team_complete ? "complete" : x.missing_roles.empty() ? "size out of range" : "missing " + join(x.missing_roles);
    t.rows.push_back({x.name, x.organization, x.region.empty() ? x.country : x.region, status, date_text(x.joined),
                      std::to_string(x.members), core, engagement_text(x.engagement)});
  }
  return t;
}

Table contacts_table(const ReportData& r) {
  Table t{{"Team", "Member", "Roles", "Email"}, {}};
  if (!r.options.include_contacts) return t;
  for (const auto& x : r.teams) {
    for (const auto& c : x.contacts) t.rows.push_back({x.name, c.name, c.roles, c.email});
  }
  return t;
}

Table eoi_table(const ReportData& r) {
  Table t{{"Decision", "EOIs"}, {}};
  for (const auto& [d, n] : r.eoi_decisions) t.rows.push_back({d, std::to_string(n)});
  return t;
}

std::string reliability_text(const ReportData& r) {
  if (!r.round) return "";
  const auto& rd = *r.round;
  std::string icc = rd.icc ? fmt::format("ICC(2,1) {:.2f}", *rd.icc) : "ICC(2,1) not computable";
  std::string alpha = rd.alpha ? fmt::format("Krippendorff's alpha {:.2f}", *rd.alpha) : "Krippendorff's alpha not computable";
  return fmt::format("{} applications; reviewer agreement: {}; {}.", rd.applications, icc, alpha);
}

Table events_table(const ReportData& r, bool past) {
  Table t{past ? std::vector<std::string>{"Event", "Type", "Start", "End", "Time zone", "Teams present", "People present"}
               : std::vector<std::string>{"Event", "Type", "Start", "End", "Time zone"},
          {}};
  for (const auto& e : r.events) {
    if (e.past != past) continue;
    std::vector<std::string> row = {e.name, e.type, e.start, e.end, e.timezone};
    if (past) {
      row.push_back(e.teams_present ? fmt::format("{} of {}", *e.teams_present, *e.teams_expected) : "-");
      row.push_back(e.present ? std::to_string(*e.present) : "-");
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

namespace {

// The measures in ID order that have a series in ReportData.
std::vector<const model::Measure*> charted_measures(const ReportData& r) {
  std::vector<const model::Measure*> out;
  for (const auto& m : r.project->measures) {
    bool any = std::any_of(r.metrics.series.begin(), r.metrics.series.end(), [&](const auto& s) { return s.measure == m.id; });
    if (any) out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  return out;
}

}  // namespace

std::string team_name(const ReportData& r, const std::string& id) {
  const model::Team* t = r.project->find_team(id);
  return t && !t->name.empty() ? t->name : id;
}

std::string series_label(const ReportData& r, const metrics::SeriesResult& s) {
  return s.team.empty() ? "(all teams)" : team_name(r, s.team);
}

std::string chart_title(const ReportData& r, const metrics::SeriesResult& s, const model::Measure& m) {
  return series_label(r, s) + ": " + m.name;
}

std::string measure_definition(const model::Measure& m) {
  std::vector<std::string> parts;
  parts.push_back(fmt::format("{} {} measure, {} is better", m.type, m.category, m.better));
  if (!m.numerator.empty()) parts.push_back((m.type == "proportion" || m.type == "rate" ? "Numerator: " : "Definition: ") + m.numerator);
  if (!m.denominator.empty()) parts.push_back("Denominator: " + m.denominator);
  if (!m.exclusions.empty()) parts.push_back("Exclusions: " + m.exclusions);
  std::string out;
  for (auto part : parts) {
    while (!part.empty() && (part.back() == '.' || part.back() == ' ')) part.pop_back();
    out += (out.empty() ? "" : " ") + part + ".";
  }
  return out;
}

Table measure_table(const MeasureSeries& series, const ReportData& r) {
  Table t{{"Team", "Points", "Baseline", "Latest", "Change", "Goal", "Progress to goal", "Signals"}, {}};
  for (const auto* sp : series) {
    const metrics::SeriesResult& s = *sp;
    std::string progress = s.goal_met && *s.goal_met ? "met" : percent(s.share_of_gap_closed);
    t.rows.push_back({series_label(r, s), std::to_string(s.points.size()), number(s.baseline),
                      s.latest ? fmt::format("{} ({})", number(s.latest), format_period(*s.latest_period)) : "-",
                      s.change ? fmt::format("{:+.1f}", *s.change) : "-", number(s.goal), progress, signals_text(s)});
  }
  return t;
}

const metrics::CompletenessResult& completeness_of(const ReportData& r, std::optional<metrics::CompletenessResult>& computed,
                                                   const ChartOptions& chart) {
  if (r.metrics.completeness) return *r.metrics.completeness;
  computed = metrics::completeness(*r.project, r.options.as_of, r.metrics.scope, metrics::KeepCells::months);
  if (!completeness_by_month(*computed, chart)) {
    computed.reset();
    computed = metrics::completeness(*r.project, r.options.as_of, r.metrics.scope);
  }
  return *computed;
}

Table completeness_table(const ReportData& r, const metrics::CompletenessResult& c) {
  Table t{{"Team", "Expected", "Submitted", "Late", "Explained", "Missing", "Pending", "Complete", "On time"}, {}};
  auto row = [&](const std::string& name, const metrics::CompletenessCount& k) {
    t.rows.push_back({name, std::to_string(k.expected), std::to_string(k.submitted), std::to_string(k.late),
                      std::to_string(k.explained), std::to_string(k.missing), std::to_string(k.pending),
                      percent(k.completeness()), percent(k.timeliness())});
  };
  for (const auto& [team, k] : c.by_team) {
    row(team_name(r, team), k);
  }
  row("All teams", c.total);
  return t;
}

Table participation_table(const ReportData& r) {
  Table t{{"Team", "Events attended", "Rate", "Member attendance", "Full team at every learning session"}, {}};
  if (!r.metrics.participation) return t;
  for (const auto& x : r.metrics.participation->teams) {
    std::string full = !x.full_team_every_session ? "-" : *x.full_team_every_session ? "yes" : "no";
    t.rows.push_back({team_name(r, x.team), fmt::format("{} of {}", x.overall.attended, x.overall.expected), percent(x.overall.rate()),
                      percent(x.members.rate()), full});
  }
  return t;
}

const std::optional<metrics::ProgressResult>& progress_of(const ReportData& r, std::optional<metrics::ProgressResult>& computed) {
  if (!r.options.computed_when_rendered) return r.metrics.progress;
  computed = metrics::progress(*r.project, r.metrics.scope);
  return computed;
}

const std::vector<metrics::NetworkWaveResult>& network_of(const ReportData& r, std::vector<metrics::NetworkWaveResult>& computed) {
  if (!r.options.computed_when_rendered) return r.metrics.network;
  computed = metrics::network_waves(*r.project, r.metrics.scope);
  return computed;
}

Table progress_table(const std::optional<metrics::ProgressResult>& progress) {
  Table t{{"Period", "Teams rated", "Mean", "Median", "At 4.0 or above", "Self-score mean"}, {}};
  if (!progress) return t;
  for (const auto& p : progress->periods) {
    t.rows.push_back({format_period(p.period), std::to_string(p.faculty.n), number(p.faculty.mean, 2), number(p.faculty.median),
                      percent(p.faculty.share_at_4), number(p.self.mean, 2)});
  }
  return t;
}

Table network_table(const std::vector<metrics::NetworkWaveResult>& waves) {
  Table t{{"Wave", "Date", "Members", "Ties", "Density", "Reciprocity", "In-degree centralization", "Isolates", "Mean trust"}, {}};
  for (const auto& w : waves) {
    const auto& m = w.metrics;
    t.rows.push_back({w.id, format_date(w.date), std::to_string(m.node_count), std::to_string(m.tie_count), number(m.density, 3),
                      number(m.reciprocity, 2), number(m.in_degree_centralization, 2), std::to_string(m.isolates.size()),
                      number(m.mean_trust, 2)});
  }
  return t;
}

std::string provenance_text(const ReportData& r) {
  const auto& pv = r.options.provenance;
  std::string commit = pv.commit.empty() ? "not in git" : "commit " + pv.commit.substr(0, 12) + (pv.dirty ? " with uncommitted changes" : "");
  return fmt::format("Generated {} by collab {} from {}.", pv.generated, pv.version, commit);
}

}  // namespace collab::report

namespace collab::report {

bool has_improvement(const ReportData& r) {
  return r.project->driver_diagram.has_value() || (r.metrics.improvement && !r.metrics.improvement->cycles.empty());
}

std::string aim_text(const model::Aim& aim) {
  std::vector<std::string> parts;
  if (!aim.measure.empty()) parts.push_back("measure " + aim.measure);
  if (aim.target) parts.push_back("target " + number(aim.target, 1));
  if (aim.by) parts.push_back("by " + format_date(*aim.by));
  return aim.text + (parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, ", ")));
}

std::string improvement_summary(const ReportData& r) {
  if (!r.metrics.improvement) return "";
  const auto& im = *r.metrics.improvement;
  std::vector<std::string> decided, quiet;
  for (const auto& [k, n] : im.decisions) decided.push_back(fmt::format("{} {}", k, n));
  for (const auto& t : im.teams) {
    if (t.quiet) quiet.push_back(team_name(r, t.team));
  }
  std::string out = fmt::format("{} PDSA cycles started by {}, {} still open{}.", im.cycles.size(), format_date(im.as_of), im.open,
                                decided.empty() ? "" : fmt::format("; decisions: {}", fmt::join(decided, ", ")));
  out += quiet.empty() ? fmt::format(" Every active team ran a cycle in the last {} weeks.", im.quiet_weeks)
                       : fmt::format(" No PDSA activity in the last {} weeks: {}.", im.quiet_weeks, fmt::join(quiet, ", "));
  return out;
}

std::vector<const model::ChangeIdea*> own_ideas(const ReportData& r) {
  std::vector<const model::Team*> teams;
  for (const auto& t : r.project->teams) {
    if (!r.options.team || *r.options.team == t.id) teams.push_back(&t);
  }
  std::sort(teams.begin(), teams.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  std::vector<const model::ChangeIdea*> out;
  for (const auto* t : teams) {
    for (const auto& idea : t->own_ideas) out.push_back(&idea);
  }
  return out;
}

Table ideas_table(const ReportData& r) {
  Table t{{"Change idea", "Drivers", "Teams listing it", "Testing", "Adopted", "Abandoned", "Cycles"}, {}};
  if (!r.metrics.improvement) return t;
  for (const auto& i : r.metrics.improvement->ideas) {
    if (r.options.team && !i.owner.empty() && i.owner != *r.options.team) continue;
    std::string name = i.owner.empty() ? i.name : fmt::format("{} ({})", i.name, team_name(r, i.owner));
    t.rows.push_back({name, fmt::format("{}", fmt::join(i.drivers, ", ")), std::to_string(i.listed.size()),
                      std::to_string(i.testing.size()), std::to_string(i.adopted.size()), std::to_string(i.abandoned.size()),
                      std::to_string(i.cycles)});
  }
  return t;
}

Table improvement_teams_table(const ReportData& r) {
  Table t{{"Team", "Aim", "Cycles", "Open", "Adopt", "Adapt", "Abandon", "Last activity", "Quiet"}, {}};
  if (!r.metrics.improvement) return t;
  auto count = [](const std::map<std::string, int>& m, const char* k) {
    auto it = m.find(k);
    return std::to_string(it == m.end() ? 0 : it->second);
  };
  for (const auto& ti : r.metrics.improvement->teams) {
    const model::Team* team = r.project->find_team(ti.team);
    t.rows.push_back({team_name(r, ti.team), team && team->aim ? aim_text(*team->aim) : "-", std::to_string(ti.cycles),
                      std::to_string(ti.open), count(ti.decisions, "adopt"), count(ti.decisions, "adapt"),
                      count(ti.decisions, "abandon"), ti.last_activity ? format_date(*ti.last_activity) : "-",
                      ti.quiet ? "quiet" : (ti.active ? "" : "not active")});
  }
  return t;
}

Table ramps_table(const ReportData& r) {
  Table t{{"Team", "Change idea", "Cycles", "Started", "Decided", "Outcome"}, {}};
  if (!r.metrics.improvement) return t;
  std::map<std::string, std::string> names;
  for (const auto& i : r.metrics.improvement->ideas) names[i.idea] = i.name;
  for (const auto& rp : r.metrics.improvement->ramps) {
    t.rows.push_back({team_name(r, rp.team), names.count(rp.idea) ? names[rp.idea] : rp.idea, std::to_string(rp.length()),
                      format_date(rp.start), rp.end ? format_date(*rp.end) : "-", rp.outcome});
  }
  return t;
}

std::string pdsa_legend_text() {
  return "On each team's charts, marks at the foot show its PDSA cycles on change ideas that name the measure: a hollow "
         "triangle where cycles started, above it a filled triangle for an adopt decision, a square for adapt, a cross for "
         "abandon (hover for the cycles).";
}

void each_charted_measure(const ReportData& r, const std::function<void(const model::Measure&, const MeasureSeries&)>& fn) {
  if (r.metrics.sections.count(metrics::Section::measures)) {
    for (const model::Measure* m : charted_measures(r)) {
      MeasureSeries series;
      for (const auto& s : r.metrics.series) {
        if (s.measure == m->id) series.push_back(&s);
      }
      fn(*m, series);
    }
    return;
  }
  metrics::each_measure_series(*r.project, r.metrics.scope, worker_threads(), [&](const model::Measure& m, std::vector<metrics::SeriesResult>&& computed) {
    MeasureSeries series;
    for (auto& s : computed) {
      // The team charts' PDSA marks, as compute_metrics adds them.
      if (!s.team.empty() && r.metrics.improvement) s.annotations = metrics::chart_annotations(*r.metrics.improvement, m, s.team);
      series.push_back(&s);
    }
    fn(m, series);
  });
}

}  // namespace collab::report

// ---- Monitoring, evaluation and learning ----

namespace collab::report {

namespace {

std::string counts_text(const std::map<std::string, int>& m) {
  std::vector<std::string> parts;
  for (const auto& [k, n] : m) parts.push_back(fmt::format("{} {}", k, n));
  return parts.empty() ? "none" : join(parts);
}

// A target or value as written: 7, 2.5, 0.85.
std::string compact(const std::optional<double>& v) {
  if (!v) return "-";
  std::string s = fmt::format("{:.4f}", *v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string toc_name(const ReportData& r, const std::string& id) {
  const auto& toc = r.project->theory_of_change;
  const model::TocNode* node = toc ? toc->find(id) : nullptr;
  return node && !node->name.empty() ? node->name : id;
}

std::string event_name(const ReportData& r, const std::string& id) {
  const model::Event* e = r.project->find_event(id);
  return e && !e->name.empty() ? e->name : id;
}

std::string member_name(const ReportData& r, const std::string& id) {
  const model::Member* m = r.project->find_member(id);
  return m && !m->name.empty() ? m->name : id;
}

int count_of(const std::map<std::string, int>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

std::string weakest_text(const std::string& by) {
  if (by == "only link") return "weakest (the only link)";
  if (by == "support") return "weakest (not supported)";
  if (by == "evidence") return "weakest (least evidence)";
  if (by == "open") return "weakest (most open alternatives)";
  if (by == "partly") return "weakest (most alternatives that partly hold)";
  if (by == "position") return "weakest (first of equals)";
  return "weakest";
}

const char* level_name(int level) {
  switch (level) {
    case 1: return "reaction";
    case 2: return "learning";
    case 3: return "behaviour";
    case 4: return "results";
    default: return "";
  }
}

}  // namespace

bool is_web_link(const std::string& url) {
  std::string lower = ascii_lower(url.substr(0, 8));
  size_t scheme = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || url.size() == scheme) return false;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  }
  return true;
}

std::string amount_text(double v) {
  bool whole = std::fabs(v - std::round(v)) < 0.005;
  std::string digits = whole ? fmt::format("{:.0f}", std::fabs(std::round(v))) : fmt::format("{:.2f}", std::fabs(v));
  size_t end = digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  for (size_t i = end; i > 3; i -= 3) digits.insert(i - 3, ",");
  return (v < 0 && digits != "0" ? "-" : "") + digits;
}

std::string shorten(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut < max_bytes / 2) {
    cut = max_bytes;  // no space near: cut at a character boundary (not inside a UTF-8 sequence)
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out = text.substr(0, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "...";
}

bool has_mel(const ReportData& r) {
  if (r.options.team) return false;
  const auto& p = *r.project;
  return p.theory_of_change || !p.surveys.empty() || p.learning_agenda || !p.outcomes.empty() || !p.products.empty() ||
         p.resources;
}

Table membership_table(const ReportData& r) {
  Table t{{"Month", "Active at month's end", "New", "Lapsed"}, {}};
  if (!r.metrics.membership) return t;
  for (const auto& m : r.metrics.membership->months) {
    t.rows.push_back({format_period(m.month), std::to_string(m.active), std::to_string(m.joined), std::to_string(m.lapsed)});
  }
  return t;
}

Table milestones_table(const ReportData& r) {
  Table t{{"Milestone", "Outcome", "Target", "Actual", "By", "Status"}, {}};
  if (!r.metrics.milestones) return t;
  for (const auto& m : r.metrics.milestones->milestones) {
    std::string status = m.status;
    if (m.status == "met" && m.met) status = "met " + format_date(*m.met);
    if (m.status == "overdue" && m.days_overdue) status = fmt::format("overdue by {}", plural(*m.days_overdue, "day", "days"));
    std::string target = compact(m.target);
    if (m.target && !m.unit.empty()) target += " " + m.unit;
    t.rows.push_back({m.indicator.empty() ? m.id : shorten(m.indicator, 140), toc_name(r, m.outcome), target, compact(m.actual),
                      date_text(m.by), status});
  }
  return t;
}

Table claim_links_table(const ReportData& r, const mel::ClaimAssessment& c) {
  Table t{{"Link", "From", "To", "Evidence", "Alternative explanations", "Supported", "Weakest"}, {}};
  for (const auto& l : c.links) {
    std::string evidence = std::to_string(l.evidence);
    if (!l.evidence_by_kind.empty()) evidence += " (" + counts_text(l.evidence_by_kind) + ")";
    std::string alternatives = l.alternatives_by_status.empty()
                                   ? "none"
                                   : fmt::format("{} open, {} partly, {} ruled out", count_of(l.alternatives_by_status, "open"),
                                                 count_of(l.alternatives_by_status, "partly"),
                                                 count_of(l.alternatives_by_status, "ruled-out"));
    t.rows.push_back({std::to_string(l.position), toc_name(r, l.from), toc_name(r, l.to), evidence, alternatives,
                      l.supported ? "yes" : "no", c.weakest && *c.weakest == l.position ? weakest_text(c.weakest_by) : ""});
  }
  return t;
}

Table survey_events_table(const ReportData& r, const mel::SurveyFeedback& s) {
  Table t{{"Event", "Date", "Attended", "Complete", "Partial", "Break-off", "RR1", "RR2"}, {}};
  auto row = [&](const std::string& name, const std::string& date, const mel::ResponseCounts& c) {
    t.rows.push_back({name, date, std::to_string(c.eligible), std::to_string(c.complete), std::to_string(c.partial),
                      std::to_string(c.break_off), percent(c.rr1),
                      percent(c.rr2) + (c.over_eligible ? " (more responses than attended)" : "")});
  };
  for (const auto& e : s.events) row(event_name(r, e.event), date_text(e.date), e.feedback.counts);
  if (s.events.size() > 1) row("All events", "", s.overall.counts);
  return t;
}

Table survey_items_table(const ReportData& r, const mel::SurveyFeedback& s) {
  (void)r;
  Table t{{"Item", "Type", "Kirkpatrick level", "n", "Mean", "Top-2-box", "NPS"}, {}};
  for (const auto& it : s.overall.items) {
    std::string name = it.text.empty() ? it.item : shorten(it.text, 140);
    std::string level = it.level ? std::to_string(*it.level) : "-";
    if (it.type == "open") {
      t.rows.push_back({name, "open", level, std::to_string(it.n), "-", "-", "-"});
      continue;
    }
    std::string scale = fmt::format("{} ({}-{})", it.type, it.min, it.max);
    t.rows.push_back({name, scale, level, std::to_string(it.n), number(it.mean), percent(it.top2_box),
                      it.nps ? fmt::format("{:+.0f}", *it.nps) : "-"});
  }
  return t;
}

Table survey_levels_table(const mel::SurveyFeedback& s) {
  Table t{{"Kirkpatrick level", "Items", "Scale items with answers", "Mean top-2-box"}, {}};
  for (const auto& l : s.overall.levels) {
    t.rows.push_back({fmt::format("{} {}", l.level, level_name(l.level)), std::to_string(l.items), std::to_string(l.scale_items),
                      percent(l.mean_top2_box)});
  }
  return t;
}

Table follow_ups_table(const ReportData& r, const mel::SurveyFeedback& s) {
  Table t{{"Event", "Ended", "Due", "Overdue from", "Status"}, {}};
  for (const auto& f : s.follow_ups) {
    std::string status = f.status;
    if (f.status == "done") status += " (" + plural(f.responses, "response", "responses") + ")";
    t.rows.push_back({event_name(r, f.event), date_text(f.end), date_text(f.due),
                      f.closes ? format_date(add_days(*f.closes, 1)) : "-", status});
  }
  return t;
}

Table agenda_table(const ReportData& r) {
  Table t{{"Rank", "Topic", "Status", "Score", "Voters", "Groups", "Tie broken by", "Events serving it"}, {}};
  if (!r.metrics.agenda) return t;
  for (const auto& x : r.metrics.agenda->topics) {
    std::vector<std::string> events;
    for (const auto& e : x.events) events.push_back(event_name(r, e));
    t.rows.push_back({std::to_string(x.rank), x.title.empty() ? x.topic : x.title, x.status, std::to_string(x.score),
                      std::to_string(x.voters), std::to_string(x.groups), x.tie_broken_by.empty() ? "-" : x.tie_broken_by,
                      events.empty() ? "-" : join(events)});
  }
  return t;
}

Table outcomes_table(const ReportData& r) {
  Table t{{"Outcome", "Actor", "Change", "Type", "Effect", "Intended", "When", "Substantiation"}, {}};
  if (!r.metrics.outcomes) return t;
  for (const auto& o : r.metrics.outcomes->list) {
    const model::OutcomeStatement* s = r.project->find_outcome(o.id);
    std::string change = s ? shorten(s->change, 160) : "";
    std::string substantiation = o.substantiation;
    if (o.substantiations > 0) substantiation += fmt::format(" ({})", plural(o.substantiations, "substantiation", "substantiations"));
    t.rows.push_back({o.id, o.actor, change.empty() ? "-" : change, o.type, o.effect, o.intended ? "yes" : "no", date_text(o.when),
                      substantiation});
  }
  return t;
}

Table products_table(const ReportData& r) {
  Table t{{"Product", "Type", "Status", "Date", "Link", "Cited by outcomes"}, {}, {4}};
  if (!r.metrics.products) return t;
  for (const auto& k : r.metrics.products->products) {
    t.rows.push_back({k.title.empty() ? k.id : k.title, k.type, k.status, date_text(k.date), k.url.empty() ? "-" : k.url,
                      k.cited_by.empty() ? "-" : join(k.cited_by)});
  }
  return t;
}

Table funding_years_table(const ReportData& r) {
  Table t{{"Year", "Total", "Funders", "HHI", "Effective number of funders", "Largest funder", "Dominant"}, {}};
  if (!r.metrics.resources || r.metrics.resources->funding.overall.shares.empty()) return t;
  auto row = [&](const std::string& year, const mel::Concentration& c) {
    std::string largest = c.largest.empty() ? "-" : fmt::format("{} ({})", c.largest, percent(c.largest_share));
    t.rows.push_back({year, amount_text(c.total), std::to_string(c.funders), number(c.hhi, 3), number(c.effective_number, 2), largest,
                      c.dominant ? "yes" : "no"});
  };
  for (const auto& [year, c] : r.metrics.resources->funding.by_year) row(std::to_string(year), c);
  row("All years", r.metrics.resources->funding.overall);
  return t;
}

Table funders_table(const ReportData& r) {
  Table t{{"Funder"}, {}};
  if (!r.metrics.resources) return t;
  const auto& f = r.metrics.resources->funding;
  for (const auto& [year, c] : f.by_year) t.header.push_back(std::to_string(year));
  t.header.insert(t.header.end(), {"Total", "Share"});
  for (const auto& s : f.overall.shares) {
    std::vector<std::string> row = {s.funder};
    for (const auto& [year, c] : f.by_year) {
      auto it = s.by_year.find(year);
      row.push_back(it == s.by_year.end() ? "-" : amount_text(it->second));
    }
    row.push_back(amount_text(s.amount));
    row.push_back(percent(s.share));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table in_kind_table(const ReportData& r, bool by_member) {
  Table t{by_member ? std::vector<std::string>{"Member", "Team", "Entries", "Hours", "Value"}
                    : std::vector<std::string>{"Category", "Entries", "Hours", "Value"},
          {}};
  if (!r.metrics.resources) return t;
  const auto& k = r.metrics.resources->in_kind;
  for (const auto& x : by_member ? k.by_member : k.by_category) {
    std::vector<std::string> row = {by_member ? member_name(r, x.key) : x.key};
    if (by_member) row.push_back(x.team.empty() ? "-" : team_name(r, x.team));
    std::string value = amount_text(x.value);
    if (x.unvalued) value += fmt::format(" ({} without a value)", x.unvalued);
    row.insert(row.end(), {std::to_string(x.entries), amount_text(x.hours), value});
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<MelBlock> mel_blocks(const ReportData& r) {
  std::vector<MelBlock> out;
  if (!has_mel(r)) return out;
  const auto& m = r.metrics;

  if (m.membership) {
    const auto& ms = *m.membership;
    MelBlock b{3, "Stage and membership", {}, "", {}};
    std::string stage = fmt::format("Stage of the collaborative: {}.", ms.stage.empty() ? "not set in collab.yaml" : ms.stage);
    if (ms.months.empty()) {
      b.paragraphs.push_back({stage + " No month to count members in yet."});
    } else {
      int joined = 0, lapsed = 0;
      for (const auto& x : ms.months) {
        joined += x.joined;
        lapsed += x.lapsed;
      }
      b.paragraphs.push_back({fmt::format("{} {} active at the end of {}; from {} to {}, {} joined and {} lapsed.", stage,
                                          plural(ms.months.back().active, "member", "members"), format_period(ms.months.back().month),
                                          format_period(ms.months.front().month), format_period(ms.months.back().month), joined, lapsed)});
      b.chart = "membership";
      b.tables.push_back(membership_table(r));
    }
    out.push_back(std::move(b));
  }

  if (m.milestones && m.milestones->present) {
    const auto& ml = *m.milestones;
    MelBlock b{3, "Theory of change and milestones", {}, "", {}};
    std::string review = !ml.review_by        ? "No review date is set for the theory of change"
                         : ml.review_overdue ? "Overdue: the theory of change was due for review by " + format_date(*ml.review_by)
                                             : "The theory of change is due for review by " + format_date(*ml.review_by);
    if (ml.reviewed) review += "; last reviewed " + format_date(*ml.reviewed);
    b.paragraphs.push_back({review + ".", ml.review_overdue});
    if (ml.milestones.empty()) {
      b.paragraphs.push_back({"No milestone set yet."});
    } else {
      b.paragraphs.push_back({fmt::format("{}: {} met, {} overdue, {} open.", plural(static_cast<int>(ml.milestones.size()), "milestone",
                                                                                   "milestones"),
                                          ml.met, ml.overdue, ml.open)});
      b.tables.push_back(milestones_table(r));
    }
    out.push_back(std::move(b));
  }

  if (m.contribution && !m.contribution->empty()) {
    out.push_back({3, "Contribution claims",
                   {{"For each claim, collab shows what supports it: the evidence and the alternative explanations recorded for "
                     "each link of the theory of change it follows. A link is supported when it has evidence and no open "
                     "alternative explanation; the weakest link is marked. Whether the collaborative contributed to the outcome "
                     "is a judgement that stays with people."}},
                   "",
                   {}});
    for (const auto& c : *m.contribution) {
      MelBlock b{4, "Claim: " + c.id, {}, "", {}};
      if (!c.claim.empty()) {
        // Led by a word of ours, on one line: a claim's own text must not start a Markdown list or heading.
        std::string claim = c.claim;
        std::replace(claim.begin(), claim.end(), '\n', ' ');
        b.paragraphs.push_back({"Claim: " + claim});
      }
      b.paragraphs.push_back({fmt::format("Outcome: {}. Evidence on {} of {} links ({}); {} of {} links supported ({}).",
                                          toc_name(r, c.outcome), c.links_with_evidence, c.links.size(), percent(c.evidence_coverage),
                                          c.supported_links, c.links.size(), percent(c.supported_share))});
      if (!c.links.empty()) b.tables.push_back(claim_links_table(r, c));
      out.push_back(std::move(b));
    }
  }

  if (m.feedback && !m.feedback->surveys.empty()) {
    out.push_back({3, "Feedback",
                   {{"Response rates (AAPOR): RR1 = complete responses / members attended (and their guests), RR2 = (complete + "
                     "partial) / attended. Items over complete and partial responses: n answers, their mean, top-2-box = the "
                     "share on the two best points, NPS = % promoters (9-10) - % detractors (0-6). Open answers are not shown "
                     "in the report, only their number."}},
                   "",
                   {}});
    for (const auto& s : m.feedback->surveys) {
      MelBlock b{4, s.name.empty() ? s.survey : s.name, {}, "", {}};
      b.paragraphs.push_back({fmt::format("{}; a response is complete when it answers all of them, partial when it answers at least "
                                          "{:.0f}% of them.",
                                          plural(s.closed_items, "closed item", "closed items"), s.partial_at * 100)});
      if (s.events.empty()) {
        b.paragraphs.push_back({"No response yet."});
      } else {
        std::vector<std::string> off;
        for (const auto& it : s.overall.items) {
          if (it.off_scale > 0) off.push_back(fmt::format("{} {}", it.text.empty() ? it.item : shorten(it.text, 60), it.off_scale));
        }
        if (!off.empty()) b.paragraphs.push_back({"Answers off the scale, left out: " + join(off, "; ") + "."});
        b.tables.push_back(survey_events_table(r, s));
        b.tables.push_back(survey_items_table(r, s));
        if (!s.overall.levels.empty()) b.tables.push_back(survey_levels_table(s));
      }
      out.push_back(std::move(b));
      if (s.follow_up_days) {
        MelBlock f{4, "", {}, "", {}};
        f.paragraphs.push_back({fmt::format("Follow-up {} after each event; overdue {} after that.",
                                            plural(*s.follow_up_days, "day", "days"), plural(s.window_days, "day", "days"))});
        if (!s.follow_ups.empty()) f.tables.push_back(follow_ups_table(r, s));
        out.push_back(std::move(f));
      }
    }
  }

  if (m.agenda && m.agenda->present) {
    const auto& a = *m.agenda;
    MelBlock b{3, "Learning agenda", {}, "", {}};
    b.paragraphs.push_back(
        {fmt::format("{}: {} from {}{}. Topics ranked by score; ties broken by the number of groups backing them, then voters, then ID.",
                     a.method == "borda" ? "Ranked ballots, Borda count" : "Dot voting", plural(a.ballots, "ballot", "ballots"),
                     plural(a.voters, "voter", "voters"), a.method == "dots" ? fmt::format(", {} dots", a.dots_used) : "")});
    if (!a.dropped.empty()) {
      std::vector<std::string> dropped;
      for (const auto& id : a.dropped) {
        const model::AgendaTopic* topic = r.project->learning_agenda ? r.project->learning_agenda->find_topic(id) : nullptr;
        dropped.push_back(topic && !topic->title.empty() ? topic->title : id);
      }
      b.paragraphs.push_back({"Dropped: " + join(dropped, "; ") + "."});
    }
    b.tables.push_back(agenda_table(r));
    out.push_back(std::move(b));
  }

  if (m.outcomes && m.outcomes->outcomes > 0) {
    const auto& h = *m.outcomes;
    MelBlock b{3, "Outcomes harvested", {}, "", {}};
    b.paragraphs.push_back({fmt::format("{}. By type: {}; by effect: {}; intended {}, unintended {}.",
                                        plural(h.outcomes, "outcome", "outcomes"), counts_text(h.by_type), counts_text(h.by_effect),
                                        h.intended, h.unintended)});
    b.paragraphs.push_back({fmt::format("Substantiated (confirmed or partly confirmed by someone independent): {} of {} ({}); {} with "
                                        "any substantiation, {} contested.",
                                        h.substantiated, h.outcomes, percent(h.substantiated_share), h.with_substantiation, h.contested)});
    if (!h.by_toc_outcome.empty()) {
      std::vector<std::string> toc;
      for (const auto& [id, n] : h.by_toc_outcome) toc.push_back(fmt::format("{} ({})", toc_name(r, id), n));
      b.paragraphs.push_back({"By theory-of-change outcome: " + join(toc, "; ") + "."});
    }
    b.tables.push_back(outcomes_table(r));
    out.push_back(std::move(b));
  }

  if (m.products && !m.products->products.empty()) {
    const auto& k = *m.products;
    MelBlock b{3, "Knowledge products", {}, "", {}};
    b.paragraphs.push_back({fmt::format("{}. By type: {}; by status: {}.", plural(static_cast<int>(k.products.size()), "product", "products"),
                                        counts_text(k.by_type), counts_text(k.by_status))});
    b.tables.push_back(products_table(r));
    out.push_back(std::move(b));
  }

  if (m.resources && m.resources->present) {
    const auto& res = *m.resources;
    const auto& f = res.funding;
    std::string currency = res.currency.empty() ? "" : " (" + res.currency + ")";
    MelBlock b{3, "Resources", {}, "", {}};
    if (f.overall.shares.empty()) {
      b.paragraphs.push_back({"No funding recorded."});
    } else {
      b.paragraphs.push_back({fmt::format("Funding{}, grouped by funder name as written. HHI (Herfindahl-Hirschman index) = the sum of "
                                          "the funders' squared shares, from 1/N (N funders giving equally) to 1 (one funder); "
                                          "effective number of funders = 1 / HHI. A funder with more than {:.0f}% of a year's "
                                          "funding, or of all of it, dominates.",
                                          currency, f.dominance * 100)});
      for (const auto& [year, c] : f.by_year) {
        if (c.dominant) {
          b.paragraphs.push_back({fmt::format("Warning: {} gave {} of the funding in {}, more than {:.0f}%: one funder dominates.",
                                              c.largest, percent(c.largest_share), year, f.dominance * 100),
                                  true});
        }
      }
      if (f.overall.dominant) {
        b.paragraphs.push_back({fmt::format("Warning: {} gave {} of all the funding, more than {:.0f}%: one funder dominates.",
                                            f.overall.largest, percent(f.overall.largest_share), f.dominance * 100),
                                true});
      }
      b.tables.push_back(funding_years_table(r));
      b.tables.push_back(funders_table(r));
    }
    out.push_back(std::move(b));
    const auto& k = res.in_kind;
    MelBlock ik{4, "In-kind contributions", {}, "", {}};
    if (k.entries.empty()) {
      ik.paragraphs.push_back({"No in-kind contribution recorded."});
    } else {
      ik.paragraphs.push_back({fmt::format("{}{} from {}, {} hours (hours valued at the rates of resources.yaml, or the amount given){}.",
                                           "Total ", amount_text(k.total.value) + (res.currency.empty() ? "" : " " + res.currency),
                                           plural(k.total.entries, "entry", "entries"), amount_text(k.total.hours),
                                           k.total.unvalued ? fmt::format("; {} without a value (no rate for its category)", k.total.unvalued)
                                                            : "")});
      ik.tables.push_back(in_kind_table(r, false));
      ik.tables.push_back(in_kind_table(r, true));
    }
    out.push_back(std::move(ik));
  }
  return out;
}

}  // namespace collab::report
