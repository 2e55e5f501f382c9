#include "report/sections.h"

#include <fmt/format.h>

#include <algorithm>
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
    for (const auto& r : pt.control_signals) ++rules[r];
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
  std::string icc = rd.icc ? fmt::format("ICC(2,1) {:.2f}", rd.icc->value) : "ICC(2,1) not computable";
  std::string alpha = rd.alpha ? fmt::format("Krippendorff's alpha {:.2f}", rd.alpha->value) : "Krippendorff's alpha not computable";
  return fmt::format("{} applications; reviewer agreement: {}; {}.", rd.eois.size(), icc, alpha);
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

std::vector<const model::Measure*> charted_measures(const ReportData& r) {
  std::vector<const model::Measure*> out;
  for (const auto& m : r.project->measures) {
    bool any = std::any_of(r.metrics.series.begin(), r.metrics.series.end(), [&](const auto& s) { return s.measure == m.id; });
    if (any) out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  return out;
}

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

Table measure_table(const ReportData& r, const std::string& measure) {
  Table t{{"Team", "Points", "Baseline", "Latest", "Change", "Goal", "Progress to goal", "Signals"}, {}};
  for (const auto& s : r.metrics.series) {
    if (s.measure != measure) continue;
    std::string progress = s.goal_met && *s.goal_met ? "met" : percent(s.share_of_gap_closed);
    t.rows.push_back({series_label(r, s), std::to_string(s.points.size()), number(s.baseline),
                      s.latest ? fmt::format("{} ({})", number(s.latest), format_period(*s.latest_period)) : "-",
                      s.change ? fmt::format("{:+.1f}", *s.change) : "-", number(s.goal), progress, signals_text(s)});
  }
  return t;
}

Table completeness_table(const ReportData& r) {
  Table t{{"Team", "Expected", "Submitted", "Late", "Explained", "Missing", "Pending", "Complete", "On time"}, {}};
  if (!r.metrics.completeness) return t;
  auto row = [&](const std::string& name, const metrics::CompletenessCount& k) {
    t.rows.push_back({name, std::to_string(k.expected), std::to_string(k.submitted), std::to_string(k.late),
                      std::to_string(k.explained), std::to_string(k.missing), std::to_string(k.pending),
                      percent(k.completeness()), percent(k.timeliness())});
  };
  for (const auto& [team, k] : r.metrics.completeness->by_team) {
    row(team_name(r, team), k);
  }
  row("All teams", r.metrics.completeness->total);
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

Table progress_table(const ReportData& r) {
  Table t{{"Period", "Teams rated", "Mean", "Median", "At 4.0 or above", "Self-score mean"}, {}};
  if (!r.metrics.progress) return t;
  for (const auto& p : r.metrics.progress->periods) {
    t.rows.push_back({format_period(p.period), std::to_string(p.faculty.n), number(p.faculty.mean, 2), number(p.faculty.median),
                      percent(p.faculty.share_at_4), number(p.self.mean, 2)});
  }
  return t;
}

Table network_table(const ReportData& r) {
  Table t{{"Wave", "Date", "Members", "Ties", "Density", "Reciprocity", "In-degree centralization", "Isolates", "Mean trust"}, {}};
  for (const auto& w : r.metrics.network) {
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

std::string pdsa_legend(const ReportData& r) {
  for (const auto& s : r.metrics.series) {
    if (!s.annotations.empty()) {
      return "On each team's charts, marks at the foot show its PDSA cycles on change ideas that name the measure: a hollow "
             "triangle where cycles started, above it a filled triangle for an adopt decision, a square for adapt, a cross for "
             "abandon (hover for the cycles).";
    }
  }
  return "";
}

}  // namespace collab::report
