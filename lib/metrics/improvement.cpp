#include "metrics/improvement.h"

#include <algorithm>
#include <unordered_map>
#include <set>

namespace collab::metrics {
namespace {

using model::PdsaCycle;

bool team_in_scope(const Scope& scope, const std::string& team) { return scope.teams.empty() || scope.teams.count(team) > 0; }

// Active on `d`: joined by then (or no date), not withdrawn or completed on or before it.
bool active_on(const model::Team& t, const Date& d) {
  if (t.joined && d < *t.joined) return false;
  if (t.withdrawal && t.withdrawal->date && !(d < *t.withdrawal->date)) return false;
  if (t.completed && !(d < *t.completed)) return false;
  return true;
}

std::vector<std::string> sorted(std::set<std::string> s) { return {s.begin(), s.end()}; }

}  // namespace

bool Annotation::on(std::string_view measure) const {
  if (!change_idea) return true;
  const auto& m = change_idea->measures;
  if (m.outcome.empty() && m.process.empty() && m.balancing.empty()) return true;
  for (const auto* family : {&m.outcome, &m.process, &m.balancing}) {
    if (std::find(family->begin(), family->end(), measure) != family->end()) return true;
  }
  return false;
}

ImprovementResult improvement(const model::Project& p, const Scope& scope, const Date& as_of, int quiet_weeks) {
  ImprovementResult r;
  r.as_of = as_of;
  r.quiet_weeks = quiet_weeks;

  // The cycles in scope that had started by as_of (project.cycles is sorted by team, start, ID).
  std::vector<const PdsaCycle*> cycles;
  for (const auto& c : p.cycles) {
    if (!c.start || as_of < *c.start || !team_in_scope(scope, c.team)) continue;
    if (scope.from && period_of(*c.start) < *scope.from) continue;
    if (scope.to && period_of(*c.start) > *scope.to) continue;
    cycles.push_back(&c);
  }
  // The cycles in scope by team and ID ('/' is in no ID), for following builds_on without a scan.
  std::unordered_map<std::string, const PdsaCycle*> by_key;
  by_key.reserve(cycles.size());
  for (const auto* c : cycles) by_key.emplace(c->team + '/' + c->id, c);  // emplace keeps the first, as a scan found it
  auto find = [&](const std::string& team, const std::string& id) -> const PdsaCycle* {
    auto it = by_key.find(team + '/' + id);
    return it == by_key.end() ? nullptr : it->second;
  };
  auto decision_of = [&](const PdsaCycle& c) {
    return c.decided && !(as_of < *c.decided) ? c.decision : std::string();
  };

  // Ramps: follow builds_on back to a cycle that builds on nothing (or on a cycle out of scope). A loop,
  // which validate refuses, ends the walk where it comes back.
  std::map<const PdsaCycle*, std::pair<const PdsaCycle*, int>> root_of;  // cycle -> (first cycle, step)
  for (const auto* c : cycles) {
    std::vector<const PdsaCycle*> chain = {c};
    std::set<const PdsaCycle*> seen = {c};
    for (const PdsaCycle* x = c; !x->builds_on.empty();) {
      const PdsaCycle* up = find(x->team, x->builds_on);
      if (!up || !seen.insert(up).second) break;
      chain.push_back(up);
      x = up;
    }
    root_of[c] = {chain.back(), static_cast<int>(chain.size())};
  }
  std::map<const PdsaCycle*, std::vector<const PdsaCycle*>> ramp_cycles;  // first cycle -> its ramp's cycles
  for (const auto* c : cycles) {
    const auto& [root, step] = root_of[c];
    r.cycles.push_back({c, root->id, step, decision_of(*c)});
    ramp_cycles[root].push_back(c);
  }
  for (const auto* c : cycles) {
    auto it = ramp_cycles.find(c);
    if (it == ramp_cycles.end()) continue;
    Ramp ramp;
    ramp.team = c->team;
    ramp.idea = c->idea;
    ramp.first = c->id;
    ramp.start = *c->start;
    std::vector<const PdsaCycle*> members = it->second;  // already by start, then ID
    for (const auto* x : members) ramp.cycles.push_back(x->id);
    const PdsaCycle* latest = members.back();
    ramp.last = latest->id;
    std::string d = decision_of(*latest);
    ramp.outcome = d.empty() ? "open" : d;
    if (!d.empty()) ramp.end = latest->decided;
    r.ramps.push_back(std::move(ramp));
  }
  // By team (already, from project.cycles; kept so for a Project made otherwise): ramps_svg looks a team's up.
  std::stable_sort(r.ramps.begin(), r.ramps.end(), [](const Ramp& a, const Ramp& b) { return a.team < b.team; });

  // Months: the collaborative's (narrowed by the scope), up to as_of's.
  std::optional<Period> first, last;
  if (p.collaborative && p.collaborative->start) first = period_of(*p.collaborative->start);
  if (p.collaborative && p.collaborative->end) last = period_of(*p.collaborative->end);
  for (const auto* c : cycles) {
    if (!first || period_of(*c->start) < *first) first = period_of(*c->start);
    if (!last || period_of(*c->start) > *last) last = period_of(*c->start);
  }
  if (scope.from && (!first || *first < *scope.from)) first = scope.from;
  if (scope.to && (!last || *last > *scope.to)) last = scope.to;
  if (!last || *last > period_of(as_of)) last = period_of(as_of);
  if (first && last) {
    for (Period m = *first; m <= *last; m += date::months(1)) r.months.push_back(m);
  }

  // Each team's and each idea's cycles, found once: scanning every cycle for every team and for every idea
  // made this quadratic in a national network (teams and their own ideas grow together).
  std::unordered_map<std::string, std::vector<const CycleState*>> cycles_of_team, cycles_of_idea;
  for (const auto& s : r.cycles) {
    cycles_of_team[s.cycle->team].push_back(&s);
    cycles_of_idea[s.cycle->idea].push_back(&s);
  }
  static const std::vector<const CycleState*> kNone;
  auto of = [](const auto& index, const std::string& key) -> const std::vector<const CycleState*>& {
    auto it = index.find(key);
    return it == index.end() ? kNone : it->second;
  };

  // Teams.
  Date quiet_since = add_days(as_of, -7 * quiet_weeks);
  const bool in_use = p.driver_diagram.has_value() || !p.cycles.empty();
  for (const auto& t : p.teams) {
    if (!team_in_scope(scope, t.id)) continue;
    TeamImprovement ti;
    ti.team = t.id;
    for (const auto& m : r.months) ti.started[m] = 0;
    for (const auto* sp : of(cycles_of_team, t.id)) {
      const CycleState& s = *sp;
      const PdsaCycle& c = *s.cycle;
      ++ti.cycles;
      ++ti.started[period_of(*c.start)];
      if (s.decision.empty()) ++ti.open; else ++ti.decisions[s.decision];
      for (const auto& d : {c.start, c.end, c.decided}) {
        if (d && !(as_of < *d) && (!ti.last_activity || *ti.last_activity < *d)) ti.last_activity = d;
      }
    }
    ti.active = active_on(t, as_of);
    // A collaborative that keeps no improvement work (no driver diagram, no cycle) has no quiet team.
    ti.quiet = in_use && ti.active && (!ti.last_activity || *ti.last_activity < quiet_since);
    for (const auto& [m, n] : ti.started) r.started[m] += n;
    r.open += ti.open;
    for (const auto& [d, n] : ti.decisions) r.decisions[d] += n;
    r.teams.push_back(std::move(ti));
  }
  std::sort(r.teams.begin(), r.teams.end(), [](const auto& a, const auto& b) { return a.team < b.team; });

  // Spread of each idea.
  std::vector<const model::ChangeIdea*> ideas;
  if (p.driver_diagram) {
    for (const auto& idea : p.driver_diagram->ideas) ideas.push_back(&idea);
  }
  std::vector<const model::Team*> teams;
  for (const auto& t : p.teams) teams.push_back(&t);
  std::sort(teams.begin(), teams.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const auto* t : teams) {
    for (const auto& idea : t->own_ideas) ideas.push_back(&idea);
  }
  for (const auto* idea : ideas) {
    IdeaSpread s;
    s.idea = idea->id;
    s.name = idea->name;
    s.owner = idea->team;
    s.drivers = idea->drivers;
    std::set<std::string> listed, testing, adopted, abandoned;
    for (const auto* t : teams) {
      if (!team_in_scope(scope, t->id)) continue;
      bool lists = idea->team.empty() ? std::find(t->change_ideas.begin(), t->change_ideas.end(), idea->id) != t->change_ideas.end()
                                      : idea->team == t->id;
      if (lists) listed.insert(t->id);
    }
    std::map<std::string, std::string> latest_decision;  // team -> its latest decision on the idea
    for (const auto* cp : of(cycles_of_idea, idea->id)) {
      const CycleState& c = *cp;
      ++s.cycles;
      testing.insert(c.cycle->team);
      if (c.decision == "adopt") adopted.insert(c.cycle->team);
      if (!c.decision.empty()) latest_decision[c.cycle->team] = c.decision;  // cycles are by start within a team
    }
    for (const auto& [team, d] : latest_decision) {
      if (d == "abandon" && !adopted.count(team)) abandoned.insert(team);
    }
    s.listed = sorted(listed);
    s.testing = sorted(testing);
    s.adopted = sorted(adopted);
    s.abandoned = sorted(abandoned);
    r.ideas.push_back(std::move(s));
  }

  // Annotations.
  for (const auto& s : r.cycles) {
    const PdsaCycle& c = *s.cycle;
    const model::ChangeIdea* idea = p.find_idea(c.team, c.idea);
    r.annotations.push_back({c.team, c.id, c.idea, "start", *c.start, "", idea});
    // The cycle's decision (s.decision is a copy of it, and set only when decided by as_of).
    if (!s.decision.empty()) r.annotations.push_back({c.team, c.id, c.idea, "decision", *c.decided, c.decision, idea});
  }
  std::stable_sort(r.annotations.begin(), r.annotations.end(), [](const Annotation& a, const Annotation& b) {
    if (a.team != b.team) return a.team < b.team;
    if (a.date != b.date) return a.date < b.date;
    if (a.cycle != b.cycle) return a.cycle < b.cycle;
    return a.event == "start" && b.event != "start";
  });
  return r;
}

namespace {
// Orders annotations and team IDs by team, for std::equal_range.
struct TeamOrder {
  bool operator()(const Annotation& a, std::string_view team) const { return a.team < team; }
  bool operator()(std::string_view team, const Annotation& a) const { return team < a.team; }
};
}  // namespace

std::vector<ChartAnnotation> chart_annotations(const ImprovementResult& r, const model::Measure& m, const std::string& team) {
  // The annotations are sorted by team: find the team's run by binary search, not by a scan of every team's
  // (once per team and measure, a scan made the metrics of a national network quadratic).
  auto [first, last] = std::equal_range(r.annotations.begin(), r.annotations.end(), std::string_view(team), TeamOrder{});
  std::vector<ChartAnnotation> out;
  for (auto it = first; it != last; ++it) {
    const Annotation& a = *it;
    if (!a.on(m.id)) continue;
    ReportingPeriod period = m.weekly() ? ReportingPeriod::week_of(a.date) : ReportingPeriod(period_of(a.date));
    out.push_back({period, a.date, std::string(a.cycle), std::string(a.idea), std::string(a.event), std::string(a.decision)});
  }
  return out;
}

}  // namespace collab::metrics
