#include "schedule/slots.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "schedule/recurrence.h"

namespace collab::schedule {
namespace {

using std::chrono::minutes;

constexpr int kDay = 24 * 60;

// One slot on every date: for each participant and date, inside working hours or not, and the local time.
struct Grid {
  std::vector<char> inside;            // [person * dates + date]
  std::vector<LocalMinutes> local;     // same index: the call's local start
};

Grid compute(const std::vector<Participant>& people, const SlotRequest& r, int start) {
  Grid g;
  size_t n = r.dates.size();
  g.inside.assign(people.size() * n, 0);
  g.local.assign(people.size() * n, LocalMinutes{});
  for (size_t d = 0; d < n; ++d) {
    LocalMinutes here = LocalMinutes{date::local_days{r.dates[d]}.time_since_epoch()} + minutes{start};
    UtcMinutes utc = to_utc(r.zone, here);
    std::map<const date::time_zone*, LocalMinutes> by_zone;
    for (size_t i = 0; i < people.size(); ++i) {
      const Participant& p = people[i];
      auto it = by_zone.find(p.zone);
      if (it == by_zone.end()) {
        it = by_zone.emplace(p.zone, date::floor<minutes>(date::zoned_time<minutes>(p.zone, utc).get_local_time())).first;
      }
      LocalMinutes local = it->second;
      auto day = date::floor<date::days>(local);
      unsigned wd = date::weekday{day}.c_encoding();  // 0 Sunday .. 6 Saturday
      int m = static_cast<int>((local - day).count());
      bool working_day = wd >= 1 && wd <= 5;
      g.inside[i * n + d] = working_day && m >= p.hours.from && m + r.duration_minutes <= p.hours.to;
      g.local[i * n + d] = local;
    }
  }
  return g;
}

double coverage_of(const Grid& g, size_t cells) {
  if (cells == 0) return 0;
  size_t in = static_cast<size_t>(std::count(g.inside.begin(), g.inside.end(), 1));
  return static_cast<double>(in) / static_cast<double>(cells);
}

Slot describe(const std::vector<Participant>& people, const SlotRequest& r, int start, const Grid& g) {
  Slot s;
  s.start = start;
  size_t n = r.dates.size();
  s.coverage = coverage_of(g, people.size() * n);
  for (size_t i = 0; i < people.size(); ++i) {
    size_t out = 0;
    std::set<std::string> times;
    for (size_t d = 0; d < n; ++d) {
      if (g.inside[i * n + d]) continue;
      ++out;
      LocalMinutes l = g.local[i * n + d];
      Date day{date::floor<date::days>(l)};
      unsigned wd = date::weekday{date::sys_days{day}}.c_encoding();
      std::string range = format_clock(l) + "-" + format_clock(l + minutes{r.duration_minutes});
      times.insert(wd == 0 ? "sun " + range : wd == 6 ? "sat " + range : range);  // a weekend, not the hour
    }
    if (out == 0) continue;
    s.outside.push_back({people[i].member, people[i].team, people[i].zone->name(),
                         static_cast<double>(out) / static_cast<double>(n), {times.begin(), times.end()}});
  }
  std::sort(s.outside.begin(), s.outside.end(), [](const Outside& a, const Outside& b) {
    return a.share != b.share ? a.share > b.share : a.member < b.member;
  });
  return s;
}

}  // namespace

std::string clock_text(int m) { return fmt::format("{:02}:{:02}", (m / 60) % 24, m % 60); }

std::optional<WorkingHours> parse_hours(const std::string& text) {
  auto part = [](const std::string& s) -> std::optional<int> {
    if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
        !std::isdigit(static_cast<unsigned char>(s[1])) || !std::isdigit(static_cast<unsigned char>(s[3])) ||
        !std::isdigit(static_cast<unsigned char>(s[4]))) {
      return std::nullopt;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
  };
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  auto a = part(text.substr(0, 5)), b = part(text.substr(6));
  if (!a || !b || *b <= *a) return std::nullopt;
  return WorkingHours{*a, *b};
}

Result<std::vector<Participant>> participants(const model::Project& p, const std::optional<WorkingHours>& default_hours) {
  // Working hours that do not parse are an error, never a silent 08:00-18:00 (collab validate refuses them).
  auto hours_of = [](const std::string& text, const model::Source& src, const char* field,
                     WorkingHours& into) -> Status {
    if (text.empty()) return Ok{};
    auto h = parse_hours(text);
    if (!h) {
      std::string where = where_text(src.at(field));
      return Error{ErrorKind::data, fmt::format("{}{}working hours {} are not HH:MM-HH:MM with the end after the start",
                                                where, where.empty() ? "" : ": ", text)};
    }
    into = *h;
    return Ok{};
  };
  WorkingHours base;
  if (default_hours) {
    base = *default_hours;
  } else if (p.collaborative) {
    if (Status s = hours_of(p.collaborative->schedule.working_hours, p.collaborative->src, "schedule/working_hours", base); !s) {
      return s.error();
    }
  }
  std::string fallback_zone = p.collaborative && !p.collaborative->timezone.empty() ? p.collaborative->timezone : "UTC";
  std::vector<const model::Team*> teams;
  for (const auto& t : p.teams) {
    if (t.status == "active" || t.status.empty()) teams.push_back(&t);
  }
  std::sort(teams.begin(), teams.end(), [](const model::Team* a, const model::Team* b) { return a->id < b->id; });
  std::vector<Participant> out;
  for (const model::Team* t : teams) {
    const model::Organization* org = p.find_organization(t->organization);
    std::string team_zone = !t->timezone.empty() ? t->timezone : org && !org->timezone.empty() ? org->timezone : fallback_zone;
    WorkingHours team_hours = base;
    if (Status s = hours_of(t->working_hours, t->src, "working_hours", team_hours); !s) return s.error();
    for (const auto& m : t->members) {
      if (m.left) continue;
      std::string name = m.timezone.empty() ? team_zone : m.timezone;
      auto zone = find_zone(name);
      if (!zone) {
        return Error{ErrorKind::data, fmt::format("member '{}' of team '{}': {}", m.id, t->id, zone.error().message)};
      }
      WorkingHours hours = team_hours;
      if (Status s = hours_of(m.working_hours, m.src, "working_hours", hours); !s) return s.error();
      out.push_back({m.id, t->id, *zone, hours});
    }
  }
  return out;
}

std::vector<Date> call_dates(const model::Collaborative& c) {
  std::vector<Date> out;
  if (!c.start || !c.end) return out;
  const auto& days = c.schedule.weekdays;
  for (Date d = *c.start; d <= *c.end; d = add_days(d, 1)) {
    std::string key = weekday_key(d);
    bool allowed = days.empty() ? key != "sat" && key != "sun" : std::find(days.begin(), days.end(), key) != days.end();
    for (const auto& b : c.schedule.blackouts) {
      if (b.regions.empty() && b.start && d >= *b.start && d <= b.end.value_or(*b.start)) allowed = false;
    }
    if (allowed) out.push_back(d);
  }
  return out;
}

Slot evaluate_slot(const std::vector<Participant>& people, const SlotRequest& request, int start) {
  return describe(people, request, start, compute(people, request, start));
}

Result<SlotResult> find_slots(const std::vector<Participant>& people, const SlotRequest& r) {
  if (people.empty()) return Error{ErrorKind::data, "no active team members to find a slot for (teams/ is empty)"};
  if (r.dates.empty()) return Error{ErrorKind::data, "no dates to find a slot on"};
  if (r.step_minutes <= 0 || r.step_minutes > kDay || r.duration_minutes <= 0 || r.duration_minutes > kDay) {
    return Error{ErrorKind::usage, "the step and the duration must be between 1 and 1440 minutes"};
  }
  SlotResult result;
  result.members = people.size();
  std::set<const date::time_zone*> zones;
  for (const auto& p : people) zones.insert(p.zone);
  result.zones = zones.size();

  std::vector<int> starts;
  for (int s = 0; s < kDay; s += r.step_minutes) starts.push_back(s);
  std::vector<Grid> grids;
  std::vector<double> cov;
  size_t cells = people.size() * r.dates.size();
  for (int s : starts) {
    grids.push_back(compute(people, r, s));
    cov.push_back(coverage_of(grids.back(), cells));
  }
  std::vector<size_t> order(starts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cov[a] > cov[b]; });
  for (size_t k = 0; k < order.size() && k < r.top; ++k) {
    result.best.push_back(describe(people, r, starts[order[k]], grids[order[k]]));
  }

  if (!order.empty() && cov[order.front()] < r.min_coverage) {
    struct Candidate {
      size_t a, b;
      double reach, mean;
    };
    std::vector<Candidate> candidates;
    for (size_t a = 0; a < starts.size(); ++a) {
      for (size_t b = a + 1; b < starts.size(); ++b) {
        size_t in = 0;
        for (size_t c = 0; c < cells; ++c) in += (grids[a].inside[c] || grids[b].inside[c]) ? 1 : 0;
        candidates.push_back({a, b, static_cast<double>(in) / static_cast<double>(cells), (cov[a] + cov[b]) / 2});
      }
    }
    // Best reach first; then the better mean coverage; then the earliest starts (a stable, deterministic order).
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
      if (x.reach != y.reach) return x.reach > y.reach;
      return x.mean > y.mean;
    });
    for (size_t k = 0; k < candidates.size() && k < r.top; ++k) {
      const Candidate& c = candidates[k];
      result.pairs.push_back({describe(people, r, starts[c.a], grids[c.a]), describe(people, r, starts[c.b], grids[c.b]),
                              c.reach, c.mean});
    }
  }
  return result;
}

}  // namespace collab::schedule
