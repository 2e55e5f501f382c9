#include "metrics/health.h"

#include "scoring/statistics.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace collab::metrics {

using model::Project;
using model::Team;

namespace {

bool team_in_scope(const Scope& s, const std::string& team) { return s.teams.empty() || s.teams.count(team) > 0; }

std::vector<const Team*> teams_sorted(const Project& p, const Scope& scope) {
  std::vector<const Team*> out;
  for (const auto& t : p.teams) {
    if (team_in_scope(scope, t.id)) out.push_back(&t);
  }
  std::sort(out.begin(), out.end(), [](const Team* a, const Team* b) { return a->id < b->id; });
  return out;
}

// The date a team stopped: withdrawal or completion.
std::optional<Date> team_stop(const Team& t) {
  if (t.withdrawal && t.withdrawal->date) return t.withdrawal->date;
  return t.completed;
}

bool active_on(const Team& t, const Date& d) {
  if (t.joined && d < *t.joined) return false;
  auto stop = team_stop(t);
  return !stop || d < *stop;
}

bool member_on_team(const model::Member& m, const Date& d) {
  return (!m.joined || *m.joined <= d) && (!m.left || d < *m.left);
}

Date last_day(const Period& p) { return p.year() / p.month() / date::last; }

std::optional<double> ratio(int a, int b) {
  if (b <= 0) return std::nullopt;
  return static_cast<double>(a) / b;
}

}  // namespace

std::optional<double> CompletenessCount::completeness() const { return ratio(submitted + late, expected - pending); }
std::optional<double> CompletenessCount::timeliness() const { return ratio(submitted, submitted + late); }
std::optional<double> TypeAttendance::rate() const { return ratio(attended, expected); }

CompletenessResult completeness(const Project& p, const Date& as_of, const Scope& scope, KeepCells keep) {
  CompletenessResult r;
  r.as_of = as_of;
  bool any_core = std::any_of(p.measures.begin(), p.measures.end(), [](const model::Measure& m) { return m.core; });
  for (const auto& m : p.measures) {
    if ((m.core || !any_core) && (scope.measures.empty() || scope.measures.count(m.id))) r.measures.push_back(m.id);
  }
  std::sort(r.measures.begin(), r.measures.end());
  if (!p.collaborative || !p.collaborative->start || !p.collaborative->end) return r;
  const auto& c = *p.collaborative;
  std::vector<std::string_view> monthly, weekly;  // the project's IDs, which the cells point to
  for (const auto& id : r.measures) {
    const model::Measure* m = p.find_measure(id);
    if (m) (m->weekly() ? weekly : monthly).push_back(m->id);
  }
  Period first = c.data_from.value_or(period_of(*c.start));
  Period last = period_of(*c.end);
  // Weeks: from the first week of data.from's month (by its Thursday), else the week of the start.
  ReportingPeriod first_week = ReportingPeriod::week_of(*c.start);
  if (c.data_from) {
    first_week = ReportingPeriod::week_of(ReportingPeriod(*c.data_from).first_day());
    if (first_week.month() < *c.data_from) first_week = first_week.next();
  }
  ReportingPeriod last_week = ReportingPeriod::week_of(*c.end);
  int weekly_due_days = c.data_weekly_due_days.value_or(7);

  std::map<std::string, const model::TeamData*> data;
  for (const auto& d : p.data) data.emplace(d.team, &d);

  const std::vector<const Team*> teams = teams_sorted(p, scope);
  if (keep == KeepCells::all) {  // Room for the cells at once (each team's every period in scope at most): 276,000 cells at 1,000 teams.
     // Capped, as teams that join late or leave early have fewer: past the cap the vector grows as it needs.
    size_t months = 0, weeks = 0;
    for (Period per = first; per <= last && last_day(per) < as_of; per += date::months{1}) {
      if ((!scope.from || !(per < *scope.from)) && (!scope.to || !(*scope.to < per))) ++months;
    }
    for (ReportingPeriod w = first_week; w <= last_week && w.last_day() < as_of; w = w.next()) weeks += in_range(scope, w) ? 1 : 0;
    constexpr size_t kCap = size_t{1} << 20;  // about 150 MB of cells
    r.cells.reserve(std::min(kCap, teams.size() * (months * monthly.size() + weeks * weekly.size())));
  }
  for (const Team* t : teams) {
    CompletenessCount& count = r.by_team[t->id];
    const model::TeamData* d = data.count(t->id) ? data[t->id] : nullptr;
    std::vector<CompletenessCell> cells;
    // One period's cells, for the measures reported at its frequency.
    auto expect = [&](const ReportingPeriod& per, const Date& due, const std::vector<std::string_view>& measures) {
      const model::DataPeriod* entry = nullptr;
      if (d) {
        for (const auto& e : d->periods) {
          if (e.period && *e.period == per) entry = &e;
        }
      }
      for (const auto& m : measures) {
        CompletenessCell cell{t->id, m, per, due, {}, std::nullopt, ""};
        const model::Value* v = nullptr;
        if (entry) {
          auto it = entry->values.find(m);
          if (it != entry->values.end()) v = &it->second;
        }
        ++count.expected;
        if (v && v->missing()) {
          cell.status = "explained";
          cell.reason = *v->missing();
          cell.submitted = entry->submitted;
          ++count.explained;
        } else if (v) {
          cell.submitted = entry->submitted;
          bool late = entry->submitted && due < *entry->submitted;
          cell.status = late ? "late" : "submitted";
          ++(late ? count.late : count.submitted);
        } else if (due < as_of) {
          cell.status = "missing";
          ++count.missing;
        } else {
          cell.status = "pending";
          ++count.pending;
        }
        if (keep != KeepCells::missing || cell.status == "missing") cells.push_back(std::move(cell));
      }
    };

    Period from = first;
    if (t->joined) from = std::max(from, period_of(*t->joined));
    Period to = last;
    if (auto stop = team_stop(*t)) to = std::min(to, period_of(*stop) - date::months{1});
    for (Period per = from; !monthly.empty() && per <= to; per += date::months{1}) {
      if (scope.from && per < *scope.from) continue;
      if (scope.to && per > *scope.to) continue;
      if (!(last_day(per) < as_of)) break;  // the month has not ended yet
      Period next = per + date::months{1};
      Date due = c.data_due_day ? next.year() / next.month() / date::day(static_cast<unsigned>(*c.data_due_day)) : last_day(next);
      expect(per, due, monthly);
    }

    ReportingPeriod week_from = first_week;
    if (t->joined) week_from = std::max(week_from, ReportingPeriod::week_of(*t->joined));
    ReportingPeriod week_to = last_week;
    if (auto stop = team_stop(*t)) week_to = std::min(week_to, ReportingPeriod{true, ReportingPeriod::week_of(*stop).index - 1});
    for (ReportingPeriod per = week_from; !weekly.empty() && per <= week_to; per = per.next()) {
      if (!in_range(scope, per)) continue;
      if (!(per.last_day() < as_of)) break;  // the week has not ended yet
      expect(per, add_days(per.last_day(), weekly_due_days), weekly);
    }
    // Months and weeks by time; within a period the measures stay in ID order.
    std::stable_sort(cells.begin(), cells.end(), [](const CompletenessCell& a, const CompletenessCell& b) { return a.period < b.period; });
    if (keep == KeepCells::months) {
      for (auto& m : completeness_months(cells)) r.months.push_back(std::move(m));
    } else {
      for (auto& cell : cells) r.cells.push_back(std::move(cell));
    }
    r.total.expected += count.expected;
    r.total.submitted += count.submitted;
    r.total.late += count.late;
    r.total.explained += count.explained;
    r.total.missing += count.missing;
    r.total.pending += count.pending;
  }
  return r;
}

std::vector<CompletenessMonth> completeness_months(const std::vector<CompletenessCell>& cells) {
  std::vector<CompletenessMonth> out;
  std::unordered_map<std::string_view, std::vector<size_t>> by_team;  // each team's months in `out`
  std::vector<std::string_view> teams;
  for (const auto& cell : cells) {
    auto [it, added] = by_team.try_emplace(cell.team);
    if (added) teams.push_back(cell.team);
    std::vector<size_t>& mine = it->second;
    const Period month = cell.period.month();
    // Cells come by period, so a team's month is nearly always its latest.
    auto at = std::find_if(mine.rbegin(), mine.rend(), [&](size_t k) { return out[k].month == month; });
    if (at == mine.rend()) {
      out.push_back({cell.team, month, {}, {}});
      mine.push_back(out.size() - 1);
      at = mine.rbegin();
    }
    CompletenessMonth& m = out[*at];
    ++m.count.expected;
    const std::string_view st = cell.status;
    ++(st == "submitted" ? m.count.submitted : st == "late" ? m.count.late : st == "explained" ? m.count.explained
                         : st == "missing" ? m.count.missing : m.count.pending);
    if (st == "missing" && std::find(m.missing.begin(), m.missing.end(), cell.measure) == m.missing.end()) m.missing.push_back(cell.measure);
  }
  // By team (first appearance), then month.
  std::vector<CompletenessMonth> sorted;
  sorted.reserve(out.size());
  for (const auto& team : teams) {
    std::vector<size_t>& mine = by_team[team];
    std::sort(mine.begin(), mine.end(), [&](size_t a, size_t b) { return out[a].month < out[b].month; });
    for (size_t k : mine) sorted.push_back(std::move(out[k]));
  }
  return sorted;
}

ParticipationResult participation(const Project& p, const Scope& scope) {
  ParticipationResult r;
  struct Occurrence {
    const model::Attendance* a;
    const model::Event* e;
    Date date;
    std::unordered_set<std::string_view> present, excused;  // built once, not once per team
  };
  std::vector<Occurrence> occurrences;
  for (const auto& a : p.attendance) {
    const model::Event* e = p.find_event(a.event);
    if (!e) continue;
    std::optional<Date> d = a.date ? a.date : e->start_date();
    if (!d) continue;
    if (scope.from && period_of(*d) < *scope.from) continue;
    if (scope.to && period_of(*d) > *scope.to) continue;
    occurrences.push_back({&a, e, *d, {a.present.begin(), a.present.end()}, {a.excused.begin(), a.excused.end()}});
  }
  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& x, const Occurrence& y) {
    return x.date != y.date ? x.date < y.date : x.a->id < y.a->id;
  });
  r.occurrences = static_cast<int>(occurrences.size());

  for (const Team* t : teams_sorted(p, scope)) {
    TeamParticipation tp;
    tp.team = t->id;
    for (const auto& m : t->members) ++tp.engagement[m.engagement.empty() ? "unrecorded" : m.engagement];
    bool every = true;
    for (const auto& o : occurrences) {
      if (!active_on(*t, o.date)) continue;
      // An event for some teams only (its `teams`) expects those.
      if (!o.e->teams.empty() && std::find(o.e->teams.begin(), o.e->teams.end(), t->id) == o.e->teams.end()) continue;
      SessionAttendance s{o.a->id, o.e->id, o.date, 0, 0, 0};
      for (const auto& m : t->members) {
        if (!member_on_team(m, o.date)) continue;
        ++s.members;
        if (o.present.count(m.id)) ++s.present;
        if (o.excused.count(m.id)) ++s.excused;
      }
      bool attended = s.present > 0;
      for (TypeAttendance* ta : {&tp.by_type[o.e->type], &tp.overall, &r.by_type[o.e->type]}) {
        ++ta->expected;
        if (attended) ++ta->attended;
      }
      tp.members.expected += s.members;
      tp.members.attended += s.present;
      if (o.e->type == "learning-session") {
        if (!s.full_team()) every = false;
        tp.learning_sessions.push_back(s);
      }
    }
    if (!tp.learning_sessions.empty()) tp.full_team_every_session = every;
    r.teams.push_back(std::move(tp));
  }
  return r;
}

namespace {

ScoreSummary summarize(const std::vector<double>& scores) {
  ScoreSummary s;
  s.n = static_cast<int>(scores.size());
  if (scores.empty()) return s;
  s.mean = scoring::mean(scores);
  s.median = scoring::median(scores);
  int high = 0;
  for (double x : scores) {
    ++s.distribution[x];
    if (x >= 4.0) ++high;
  }
  s.share_at_4 = static_cast<double>(high) / s.n;
  return s;
}

}  // namespace

ProgressResult progress(const Project& p, const Scope& scope) {
  ProgressResult r;
  std::map<Period, std::pair<std::vector<double>, std::vector<double>>> by_period;
  std::vector<const model::TeamAssessments*> files;
  for (const auto& a : p.assessments) {
    if (team_in_scope(scope, a.team)) files.push_back(&a);
  }
  std::sort(files.begin(), files.end(), [](const auto* a, const auto* b) { return a->team < b->team; });
  for (const auto* a : files) {
    TeamProgress tp;
    tp.team = a->team;
    for (const auto& rating : a->ratings) {
      if (!rating.period) continue;
      if (scope.from && *rating.period < *scope.from) continue;
      if (scope.to && *rating.period > *scope.to) continue;
      tp.ratings.push_back({*rating.period, rating.score, rating.self_score, rating.assessor});
      by_period[*rating.period].first.push_back(rating.score);
      if (rating.self_score) by_period[*rating.period].second.push_back(*rating.self_score);
    }
    std::sort(tp.ratings.begin(), tp.ratings.end(), [](const auto& x, const auto& y) { return x.period < y.period; });
    if (!tp.ratings.empty()) {
      tp.first = tp.ratings.front().score;
      tp.latest = tp.ratings.back().score;
      tp.change = *tp.latest - *tp.first;
    }
    r.teams.push_back(std::move(tp));
  }
  for (const auto& [period, scores] : by_period) r.periods.push_back({period, summarize(scores.first), summarize(scores.second)});
  return r;
}

}  // namespace collab::metrics
