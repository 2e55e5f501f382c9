#include "check/checks.h"

#include "core/timezones.h"
#include "schedule/recurrence.h"
#include "schedule/slots.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace collab::check {
namespace {

using namespace collab::model;

// Where a message would point, found only when one is written: a document's positions are read again from
// its file on demand (YamlDocument::forget_positions), so a check must not ask for them on the way.
struct Place {
  const Source& src;
  std::string field;
  bool key = false;
  Location get() const { return key ? src.key_at(field) : src.at(field); }
};

// One run of the checks over one project: the lookups every check needs, built once.
class Checker {
 public:
  Checker(const Project& p, Diagnostics& d) : p_(p), d_(d) {
    for (const auto& t : p.teams) {
      for (const auto& m : t.members) members_.emplace(m.id, &m);
    }
    if (p.collaborative) {
      for (const auto& ph : p.collaborative->phases) phases_.insert(ph.id);
    }
  }

  void run() {
    check_collaborative();
    check_unique_files();
    check_members_unique();
    for (const auto& o : p_.organizations) check_timezone(o.timezone, o.src, "timezone");
    for (const auto& t : p_.teams) check_team(t);
    for (const auto& e : p_.eois) check_eoi(e);
    check_rubric();
    for (const auto& r : p_.reviews) check_review(r);
    for (const auto& e : p_.events) check_event(e);
    for (const auto& a : p_.attendance) check_attendance(a);
    for (const auto& m : p_.measures) check_measure(m);
    for (const auto& d : p_.data) check_data(d);
    for (const auto& a : p_.assessments) check_assessments(a);
    for (const auto& w : p_.network) check_network(w);
    if (p_.decisions) check_decisions(*p_.decisions);
    check_driver_diagram();
    check_ideas_unique();
    for (const auto& t : p_.teams) check_team_improvement(t);
    for (const auto& c : p_.cycles) check_cycle(c);
    check_theory_of_change();
    for (const auto& s : p_.surveys) check_survey(s);
    for (const auto& r : p_.responses) check_responses(r);
    check_learning_agenda();
    for (const auto& o : p_.outcomes) check_outcome(o);
    for (const auto& k : p_.products) check_product(k);
    check_resources();
  }

 private:
  void error(const Location& where, std::string message) { d_.error(where, std::move(message)); }
  void warning(const Location& where, std::string message) { d_.warning(where, std::move(message)); }

  std::optional<Date> start() const { return p_.collaborative ? p_.collaborative->start : std::nullopt; }
  std::optional<Date> end() const { return p_.collaborative ? p_.collaborative->end : std::nullopt; }

  std::string span() const { return fmt::format("{} to {}", format_date(*start()), format_date(*end())); }

  // Reports a date outside the collaborative's span.
  void within_span(const std::optional<Date>& d, const Source& src, const std::string& field, const char* what) {
    if (!d || !start() || !end() || *start() > *end()) return;
    if (*d < *start() || *d > *end()) {
      error(src.at(field), fmt::format("{} {} is outside the collaborative ({})", what, format_date(*d), span()));
    }
  }

  // Reports a month outside the months of the collaborative's span, a week that does not overlap it.
  void period_within_span(const std::optional<ReportingPeriod>& per, const Source& src, const std::string& field) {
    if (!per || !start() || !end() || *start() > *end()) return;
    if (per->last_day() < *start() || per->first_day() > *end()) {
      error(src.at(field), per->weekly ? fmt::format("period {} ({} to {}) is outside the collaborative ({})", format_period(*per),
                                                     format_date(per->first_day()), format_date(per->last_day()), span())
                                       : fmt::format("period {} is outside the collaborative ({} to {})", format_period(*per),
                                                     format_period(period_of(*start())), format_period(period_of(*end()))));
    }
  }

  // A weekly measure's periods are weeks, a monthly one's months: "'falls' is reported weekly: 2026-03 is a
  // month, write a week like 2026-W10" (the first week of that month by its Thursday).
  bool period_fits(const Measure& m, const ReportingPeriod& per, const Place& place, const std::string& what) {
    if (per.weekly == m.weekly()) return true;
    const Location at = place.get();
    if (m.weekly()) {
      ReportingPeriod week = ReportingPeriod::week_of(per.first_day());
      if (week.month() != per.month()) week = week.next();
      error(at, fmt::format("'{}' is reported weekly: {}{} is a month, write a week like {}", m.id, what, format_period(per),
                            format_period(week)));
    } else {
      error(at, fmt::format("'{}' is reported monthly: {}{} is a week, write a month like {}", m.id, what, format_period(per),
                            format_period(per.month())));
    }
    return false;
  }

  void in_order(const std::optional<Date>& a, const std::optional<Date>& b, const Source& src, const std::string& b_field,
                const char* a_name, const char* b_name) {
    if (a && b && *b < *a) {
      error(src.at(b_field), fmt::format("{} {} is before {} {}", b_name, format_date(*b), a_name, format_date(*a)));
    }
  }

  void check_timezone(const std::string& tz, const Source& src, const std::string& field) {
    if (!tz.empty() && !is_known_timezone(tz)) {
      error(src.at(field), fmt::format("unknown time zone '{}': use an IANA name such as America/New_York", tz));
    }
  }

  template <class Items, class IdOf>
  void unique_ids(const Items& items, IdOf id_of, const char* what) {
    std::map<std::string, const Source*> seen;
    for (const auto& item : items) {
      auto [it, inserted] = seen.emplace(id_of(item), &item.src);
      if (!inserted) {
        Location first = it->second->at("id");
        error(item.src.at("id"), fmt::format("{} ID '{}' is used twice (also at {}:{})", what, id_of(item), first.file, first.line));
      }
    }
  }

  // A reference to an ID held by a file that failed to load was already reported with that file.
  bool known(FileKind kind, const std::string& id, bool found) const { return found || p_.is_unusable(kind, id); }

  void member_ref(const std::string& id, const Source& src, const std::string& field) {
    if (members_.count(id) || p_.is_unusable(FileKind::team, "member:" + id) || p_.members_incomplete) return;
    error(src.at(field), fmt::format("no member '{}' in any team", id));
  }

  void faculty_ref(const std::string& id, const Source& src, const std::string& field, const char* what) {
    if (!p_.collaborative || id.empty()) return;
    if (!p_.collaborative->find_faculty(id)) {
      error(src.at(field), fmt::format("{} '{}' is not in collab.yaml's faculty", what, id));
    }
  }

  void measure_ref(const std::string& id, const Source& src, const std::string& field) {
    if (!id.empty() && !known(FileKind::measure, id, p_.find_measure(id))) error(src.at(field), fmt::format("no measure '{}' in measures/", id));
  }

  void check_collaborative() {
    if (!p_.collaborative) return;
    const auto& c = *p_.collaborative;
    in_order(c.start, c.end, c.src, "end", "start", "end");
    check_timezone(c.timezone, c.src, "timezone");
    unique_ids(c.phases, [](const Phase& x) { return x.id; }, "phase");
    unique_ids(c.goals, [](const Goal& x) { return x.id; }, "goal");
    unique_ids(c.faculty, [](const FacultyMember& x) { return x.id; }, "faculty");
    for (const auto& ph : c.phases) {
      in_order(ph.start, ph.end, ph.src, "end", "start", "end");
      within_span(ph.start, ph.src, "start", "phase start");
      within_span(ph.end, ph.src, "end", "phase end");
    }
    for (const auto& g : c.goals) measure_ref(g.measure, g.src, "measure");
    period_within_span(c.data_from, c.src, "data/from");
    const auto& rules = c.core_team;
    if (rules.min_members && rules.max_members && *rules.min_members > *rules.max_members) {
      error(c.src.at("core_team/max_members"), "core_team.max_members is smaller than min_members");
    }
    check_schedule_settings(c);
  }

  // collab.yaml's schedule: blackouts in order, working hours that end after they start.
  void check_schedule_settings(const Collaborative& c) {
    check_working_hours(c.schedule.working_hours, c.src, "schedule/working_hours");
    for (const auto& b : c.schedule.blackouts) in_order(b.start, b.end, b.src, "end", "start", "end");
  }

  // Read as collab schedule slots reads them (schedule::parse_hours): whatever it cannot read is an error.
  void check_working_hours(const std::string& hours, const Source& src, const std::string& field) {
    if (hours.empty() || schedule::parse_hours(hours)) return;
    bool shaped = hours.size() == 11 && hours[5] == '-';
    if (shaped && hours.substr(6) <= hours.substr(0, 5)) {
      error(src.at(field), fmt::format("working hours {} end before they start", hours));
    } else {
      error(src.at(field), fmt::format("working hours {} are not HH:MM-HH:MM (hours 00 to 23, or an end of 24:00)", hours));
    }
  }

  // .yaml and .yml of one name, or two files that claim one ID.
  void check_unique_files() {
    unique_ids(p_.organizations, [](const Organization& x) { return x.id; }, "organization");
    unique_ids(p_.teams, [](const Team& x) { return x.id; }, "team");
    unique_ids(p_.eois, [](const Eoi& x) { return x.id; }, "EOI");
    unique_ids(p_.events, [](const Event& x) { return x.id; }, "event");
    unique_ids(p_.measures, [](const Measure& x) { return x.id; }, "measure");
    unique_ids(p_.network, [](const NetworkWave& x) { return x.id; }, "network wave");
    unique_ids(p_.mappings, [](const MappingFile& x) { return x.id; }, "mapping");
    unique_ids(p_.attendance, [](const Attendance& x) { return x.id; }, "attendance");
    unique_ids(p_.surveys, [](const Survey& x) { return x.id; }, "survey");
    unique_ids(p_.outcomes, [](const OutcomeStatement& x) { return x.id; }, "outcome");
    unique_ids(p_.products, [](const KnowledgeProduct& x) { return x.id; }, "product");
    std::set<std::string> seen;
    for (const auto& d : p_.data) {
      if (!seen.insert("data/" + d.team).second) error(d.src.at("team"), fmt::format("team '{}' has two data files", d.team));
    }
    for (const auto& r : p_.responses) {
      if (!seen.insert("responses/" + r.survey).second) {
        error(r.src.at("survey"), fmt::format("survey '{}' has two response files", r.survey));
      }
    }
    for (const auto& a : p_.assessments) {
      if (!seen.insert("assessments/" + a.team).second) {
        error(a.src.at("team"), fmt::format("team '{}' has two assessment files", a.team));
      }
    }
    for (const auto& r : p_.reviews) {
      if (!seen.insert("reviews/" + r.eoi + "/" + r.reviewer).second) {
        error(r.src.at("reviewer"), fmt::format("'{}' reviewed EOI '{}' twice", r.reviewer, r.eoi));
      }
    }
  }

  void check_members_unique() {
    std::map<std::string, const Source*> seen;
    for (const auto& t : p_.teams) {
      for (const auto& m : t.members) {
        auto [it, inserted] = seen.emplace(m.id, &m.src);
        if (!inserted) {
          Location first = it->second->at("id");
          error(m.src.at("id"), fmt::format("member ID '{}' is used twice (also at {}:{}); member IDs are unique across teams",
                                            m.id, first.file, first.line));
        }
      }
    }
  }

  void check_team(const Team& t) {
    if (!known(FileKind::organization, t.organization, p_.find_organization(t.organization))) {
      error(t.src.at("organization"), fmt::format("no organization '{}' in organizations/", t.organization));
    }
    if (!t.eoi.empty() && !known(FileKind::eoi, t.eoi, p_.find_eoi(t.eoi))) error(t.src.at("eoi"), fmt::format("no EOI '{}' in eois/", t.eoi));
    within_span(t.joined, t.src, "joined", "joined date");
    if (t.withdrawal) within_span(t.withdrawal->date, t.src, "withdrawal/date", "withdrawal date");
    within_span(t.completed, t.src, "completed", "completion date");
    unique_ids(t.goals, [](const Goal& x) { return x.id; }, "goal");
    for (const auto& g : t.goals) measure_ref(g.measure, g.src, "measure");
    for (const auto& m : t.members) in_order(m.joined, m.left, m.src, "left", "joined", "left");
    check_timezone(t.timezone, t.src, "timezone");
    check_working_hours(t.working_hours, t.src, "working_hours");
    for (const auto& m : t.members) {
      check_timezone(m.timezone, m.src, "timezone");
      check_working_hours(m.working_hours, m.src, "working_hours");
    }
    if (t.status == "active" && p_.collaborative) check_core_team(t, p_.collaborative->core_team);
  }

  // driver-diagram.yaml: every driver and measure it names exists; every primary driver leads somewhere.
  void check_driver_diagram() {
    if (!p_.driver_diagram) return;
    const DriverDiagram& d = *p_.driver_diagram;
    measure_ref(d.aim.measure, d.aim.src, "measure");
    std::map<std::string, const Source*> drivers;
    for (const auto* list : {&d.primary, &d.secondary}) {
      for (const auto& x : *list) {
        auto [it, inserted] = drivers.emplace(x.id, &x.src);
        if (!inserted) {
          Location first = it->second->at("id");
          error(x.src.at("id"), fmt::format("driver ID '{}' is used twice (also at {}:{})", x.id, first.file, first.line));
        }
      }
    }
    std::set<std::string> fed;
    for (const auto& x : d.secondary) {
      for (size_t i = 0; i < x.primary.size(); ++i) {
        if (!primary_driver(x.primary[i])) {
          error(x.src.at("primary/" + std::to_string(i)), fmt::format("no primary driver '{}' in driver-diagram.yaml", x.primary[i]));
        }
        fed.insert(x.primary[i]);
      }
    }
    for (const auto& idea : d.ideas) check_idea(idea);
    for (const auto& idea : d.ideas) fed.insert(idea.drivers.begin(), idea.drivers.end());
    for (const auto& x : d.primary) {
      if (!fed.count(x.id)) warning(x.src.at("id"), fmt::format("primary driver '{}' has no secondary driver or change idea", x.id));
    }
  }

  const Driver* primary_driver(const std::string& id) const {
    for (const auto& x : p_.driver_diagram->primary) {
      if (x.id == id) return &x;
    }
    return nullptr;
  }

  bool is_driver(const std::string& id) const {
    if (primary_driver(id)) return true;
    for (const auto& x : p_.driver_diagram->secondary) {
      if (x.id == id) return true;
    }
    return false;
  }

  bool diagram_unusable() const { return p_.is_unusable(FileKind::driver_diagram, "driver-diagram"); }

  void check_idea(const ChangeIdea& idea) {
    for (size_t i = 0; i < idea.drivers.size(); ++i) {
      if (diagram_unusable()) break;
      if (!p_.driver_diagram || !is_driver(idea.drivers[i])) {
        error(idea.src.at("drivers/" + std::to_string(i)), fmt::format("no driver '{}' in driver-diagram.yaml", idea.drivers[i]));
      }
    }
    const std::pair<const char*, const std::vector<std::string>*> families[] = {
        {"outcome", &idea.measures.outcome}, {"process", &idea.measures.process}, {"balancing", &idea.measures.balancing}};
    for (const auto& [family, ids] : families) {
      for (size_t i = 0; i < ids->size(); ++i) measure_ref((*ids)[i], idea.src, fmt::format("measures/{}/{}", family, i));
    }
  }

  // Change ideas are named by their ID alone in cycles and reports: one ID, one idea, across the change
  // package and every team's own ideas.
  void check_ideas_unique() {
    std::map<std::string, const Source*> seen;
    auto add = [&](const ChangeIdea& idea) {
      auto [it, inserted] = seen.emplace(idea.id, &idea.src);
      if (!inserted) {
        Location first = it->second->at("id");
        error(idea.src.at("id"), fmt::format("change idea ID '{}' is used twice (also at {}:{})", idea.id, first.file, first.line));
      }
    };
    if (p_.driver_diagram) {
      for (const auto& idea : p_.driver_diagram->ideas) add(idea);
    }
    for (const auto& t : p_.teams) {
      for (const auto& idea : t.own_ideas) add(idea);
    }
  }

  void check_team_improvement(const Team& t) {
    if (t.aim) measure_ref(t.aim->measure, t.aim->src, "measure");
    for (size_t i = 0; i < t.change_ideas.size(); ++i) {
      if (diagram_unusable()) break;
      bool found = false;
      if (p_.driver_diagram) {
        for (const auto& idea : p_.driver_diagram->ideas) found = found || idea.id == t.change_ideas[i];
      }
      if (!found) {
        error(t.src.at("change_ideas/" + std::to_string(i)),
              fmt::format("no change idea '{}' in driver-diagram.yaml", t.change_ideas[i]));
      }
    }
    for (const auto& idea : t.own_ideas) check_idea(idea);
  }

  // pdsa/<team>/<id>.yaml: its team, idea and earlier cycle exist; its dates are in order; a ramp never
  // comes back to where it started.
  void check_cycle(const PdsaCycle& c) {
    const Team* team = p_.find_team(c.team);
    if (!known(FileKind::team, c.team, team)) {
      error(c.src.at("team"), fmt::format("no team '{}' in teams/", c.team));
    } else if (team) {
      const ChangeIdea* idea = p_.find_idea(c.team, c.idea);
      if (!idea && !diagram_unusable()) {
        error(c.src.at("idea"), fmt::format("no change idea '{}' in driver-diagram.yaml or in the own_ideas of team '{}'", c.idea, c.team));
      } else if (idea && idea->team.empty() &&
                 std::find(team->change_ideas.begin(), team->change_ideas.end(), c.idea) == team->change_ideas.end()) {
        warning(c.src.at("idea"), fmt::format("team '{}' tests change idea '{}' but does not list it in its change_ideas", c.team, c.idea));
      }
    }
    within_span(c.start, c.src, "start", "start date");
    within_span(c.end, c.src, "do/end", "end date");
    within_span(c.decided, c.src, "act/date", "decision date");
    if (team && c.start) {
      if (team->joined && *c.start < *team->joined) {
        warning(c.src.at("start"), fmt::format("cycle '{}' starts {}, before team '{}' joined ({})", c.id, format_date(*c.start),
                                               c.team, format_date(*team->joined)));
      }
      std::optional<Date> stop = team->withdrawal && team->withdrawal->date ? team->withdrawal->date : team->completed;
      if (stop && *c.start > *stop) {
        warning(c.src.at("start"), fmt::format("cycle '{}' starts {}, after team '{}' {} ({})", c.id, format_date(*c.start), c.team,
                                               team->withdrawal ? "withdrew" : "completed", format_date(*stop)));
      }
    }
    in_order(c.start, c.end, c.src, "do/end", "start", "the test's end (do.end)");
    // A decision before the test's end is reported once, against the end; before the start only otherwise.
    if (c.end && c.decided && *c.decided < *c.end) {
      in_order(c.end, c.decided, c.src, "act/date", "the test's end (do.end)", "decision date (act.date)");
    } else {
      in_order(c.start, c.decided, c.src, "act/date", "start", "decision date (act.date)");
    }
    if (c.builds_on.empty()) return;
    if (c.builds_on == c.id) {
      error(c.src.at("builds_on"), fmt::format("cycle '{}' builds on itself", c.id));
      return;
    }
    const PdsaCycle* earlier = p_.find_cycle(c.team, c.builds_on);
    if (!earlier) {
      if (!p_.is_unusable(FileKind::pdsa, c.team + "/" + c.builds_on)) {
        error(c.src.at("builds_on"), fmt::format("no cycle '{}' in pdsa/{}/", c.builds_on, c.team));
      }
      return;
    }
    if (earlier->idea != c.idea) {
      warning(c.src.at("builds_on"), fmt::format("cycle '{}' tests change idea '{}' but builds on cycle '{}' of idea '{}'", c.id,
                                                 c.idea, earlier->id, earlier->idea));
    }
    // Follow the ramp back; a loop is reported once, at the cycle with the smallest ID in it.
    std::vector<std::string> path = {c.id};
    bool loop = false;
    for (const PdsaCycle* x = earlier; x; x = x->builds_on.empty() ? nullptr : p_.find_cycle(c.team, x->builds_on)) {
      path.push_back(x->id);
      if (x->id == c.id) {
        loop = true;
        if (*std::min_element(path.begin(), path.end() - 1) == c.id) {
          std::string chain;
          for (const auto& id : path) chain += (chain.empty() ? "" : " -> ") + id;
          error(c.src.at("builds_on"), fmt::format("cycle '{}' builds on itself through other cycles: {}", c.id, chain));
        }
        break;
      }
      if (path.size() > p_.cycles.size() + 1) break;  // a loop that does not pass through c
    }
    // In a loop some cycle always starts before the one it builds on: the loop is the problem to report.
    if (!loop && earlier->start && c.start && *c.start < *earlier->start) {
      error(c.src.at("start"), fmt::format("start {} is before the start of cycle '{}' it builds on ({})", format_date(*c.start),
                                           earlier->id, format_date(*earlier->start)));
    }
  }

  void check_core_team(const Team& t, const CoreTeamRules& rules) {
    std::vector<const Member*> current;
    for (const auto& m : t.members) {
      if (!m.left) current.push_back(&m);
    }
    for (const auto& role : rules.required_roles) {
      bool found = false;
      for (const Member* m : current) found = found || m->has_role(role);
      if (!found) warning(t.src.at("members"), fmt::format("team '{}' has no member with the core-team role '{}'", t.id, role));
    }
    auto n = static_cast<int>(current.size());
    if (rules.min_members && n < *rules.min_members) {
      warning(t.src.at("members"), fmt::format("team '{}' has {} member(s); the core team needs at least {}", t.id, n,
                                               *rules.min_members));
    }
    if (rules.max_members && n > *rules.max_members) {
      warning(t.src.at("members"), fmt::format("team '{}' has {} members; the core team takes at most {}", t.id, n,
                                               *rules.max_members));
    }
  }

  void check_eoi(const Eoi& e) {
    check_timezone(e.organization.timezone, e.src, "organization/timezone");
    if (!e.organization.id.empty() &&
        !known(FileKind::organization, e.organization.id, p_.find_organization(e.organization.id))) {
      error(e.src.at("organization/id"), fmt::format("no organization '{}' in organizations/", e.organization.id));
    }
  }

  void check_rubric() {
    if (!p_.rubric) return;
    const auto& r = *p_.rubric;
    unique_ids(r.gates, [](const Gate& x) { return x.id; }, "gate");
    unique_ids(r.criteria, [](const Criterion& x) { return x.id; }, "criterion");
    for (const auto& g : r.gates) {
      if (g.rule && g.rule->answer.empty() && (!g.rule->in.empty() || g.rule->at_least)) {
        error(g.src.at("rule"), fmt::format("gate '{}': 'in' and 'at_least' need the 'answer' they read", g.id));
      }
      if (g.rule && g.rule->min_members && g.rule->max_members && *g.rule->min_members > *g.rule->max_members) {
        error(g.src.at("rule/max_members"), fmt::format("gate '{}': max_members is below min_members", g.id));
      }
    }
    for (const auto& c : r.criteria) {
      if (c.min >= c.max) error(c.src.at("max"), fmt::format("criterion '{}': max {} must be above min {}", c.id, c.max, c.min));
      for (const auto& [score, text] : c.anchors) {
        (void)text;
        double v = std::stod(score);
        if (v < c.min || v > c.max) {
          error(c.src.key_at("anchors/" + score), fmt::format("criterion '{}': anchor {} is outside {} to {}", c.id, score, c.min, c.max));
        }
      }
    }
    check_quotas(r);
  }

  // Quotas that no selection can meet, whatever the applicants: said before anything is scored.
  static std::string quota_name(const QuotaSpec& q) {
    return fmt::format("{} = {}", q.attribute, q.value.is_string() ? q.value.get<std::string>() : q.value.dump());
  }

  void check_quotas(const Rubric& r) {
    std::optional<int> capacity = r.selection.capacity;
    if (!capacity && p_.collaborative) capacity = p_.collaborative->design.capacity;
    std::map<std::string, int> mins;
    for (const auto& q : r.selection.quotas) {
      if (q.min && q.max && *q.min > *q.max) {
        error(q.src.at("max"), fmt::format("quota {}: max {} is below min {}", quota_name(q), *q.max, *q.min));
      }
      if (q.min && capacity && *q.min > *capacity) {
        error(q.src.at("min"), fmt::format("quota {}: min {} is above the capacity {}", quota_name(q), *q.min, *capacity));
      }
      mins[q.attribute] += q.min.value_or(0);
    }
    if (!capacity && !r.selection.quotas.empty()) {
      error(r.src.at("selection"), "quotas need a capacity: selection.capacity here, or design.capacity in collab.yaml");
    }
    for (const auto& [attribute, total] : mins) {
      if (capacity && total > *capacity) {
        error(r.src.at("selection/quotas"), fmt::format("the quotas on {} ask for at least {} EOIs together, more than the capacity {}",
                                                        attribute, total, *capacity));
      }
    }
  }

  void check_review(const Review& r) {
    if (!known(FileKind::eoi, r.eoi, p_.find_eoi(r.eoi))) error(r.src.at("eoi"), fmt::format("no EOI '{}' in eois/", r.eoi));
    faculty_ref(r.reviewer, r.src, "reviewer", "reviewer");
    if (p_.collaborative) {
      const FacultyMember* f = p_.collaborative->find_faculty(r.reviewer);
      if (f && !f->has_role("reviewer")) {
        warning(r.src.at("reviewer"), fmt::format("'{}' reviews EOIs but lacks the reviewer role in collab.yaml", r.reviewer));
      }
    }
    if (!p_.rubric) {
      if (!p_.is_unusable(FileKind::rubric, "rubric")) error(r.src.at(), "reviews need a rubric.yaml at the collaborative's root");
      return;
    }
    for (const auto& [gate, passed] : r.gates) {
      (void)passed;
      const Gate* g = p_.rubric->find_gate(gate);
      if (!g) {
        error(r.src.key_at("gates/" + gate), fmt::format("no gate '{}' in rubric.yaml", gate));
      } else if (g->rule) {
        warning(r.src.key_at("gates/" + gate), fmt::format("gate '{}' is decided by its rule; this answer is not used", gate));
      }
    }
    for (const auto& [id, score] : r.scores) {
      const Criterion* c = p_.rubric->find_criterion(id);
      if (!c) {
        error(r.src.key_at("scores/" + id), fmt::format("no criterion '{}' in rubric.yaml", id));
      } else if (c->automatic) {
        warning(r.src.key_at("scores/" + id), fmt::format("criterion '{}' is scored from the EOI's answers; this score is not used", id));
      } else if (score < c->min || score > c->max) {
        error(r.src.at("scores/" + id), fmt::format("score {} for '{}' is outside the criterion's range {} to {}", score,
                                                     id, c->min, c->max));
      }
    }
  }

  void check_event(const Event& e) {
    if (!p_.collaborative) {
      // collab.yaml did not load: phases cannot be checked.
    } else if (!e.phase.empty() && phases_.count(e.phase) == 0) {
      error(e.src.at("phase"), fmt::format("no phase '{}' in collab.yaml", e.phase));
    } else if (!e.phase.empty()) {
      for (const auto& ph : p_.collaborative->phases) {
        auto first = e.start_date(), last = e.end_date();
        if (ph.id != e.phase || !ph.start || !ph.end || !first || !last) continue;
        if (*first < *ph.start || *last > *ph.end) {
          warning(e.src.at("phase"), fmt::format("event '{}' ({} to {}) is not inside its phase '{}' ({} to {})", e.id,
                                                 format_date(*first), format_date(*last), ph.id, format_date(*ph.start),
                                                 format_date(*ph.end)));
        }
      }
    }
    check_timezone(e.timezone, e.src, "timezone");
    // A control character in a URL would end the iCalendar line it is written on (collab schedule ics).
    for (char c : e.url) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7F) {
        error(e.src.at("url"), fmt::format("url holds a control character (U+{:04X}): a URL is one line of printable text", u));
        break;
      }
    }
    for (size_t i = 0; i < e.teams.size(); ++i) {
      if (!known(FileKind::team, e.teams[i], p_.find_team(e.teams[i]))) {
        error(e.src.at(fmt::format("teams/{}", i)), fmt::format("no team '{}' in teams/", e.teams[i]));
      }
    }
    if (!e.end.empty() && has_time(e.start) != has_time(e.end)) {
      error(e.src.at("end"), "start and end must both be dates or both be dates with a time");
    } else if (!e.end.empty()) {
      auto a = parse_local_datetime(e.start), b = parse_local_datetime(e.end);
      if (a && b && *b < *a) {
        error(e.src.at("end"), fmt::format("end {} is before start {}", e.end, e.start));
      } else if (a && b && *b == *a && has_time(e.start)) {
        // A timed event needs a length; an all-day event whose end is its start is that one day.
        error(e.src.at("end"), fmt::format("event ends when it starts ({}): give a later end or duration_minutes", e.end));
      }
    }
    if (!e.end.empty() && e.duration_minutes) error(e.src.at("duration_minutes"), "give end or duration_minutes, not both");
    if (has_time(e.start) && e.end.empty() && !e.duration_minutes) {
      warning(e.src.at("start"), "an event with a start time needs an end or duration_minutes");
    }
    // Informational calls come before a collaborative starts: they help organizations decide to apply.
    if (e.type != "informational-call") {
      within_span(e.start_date(), e.src, "start", "event start");
      if (!e.end.empty()) within_span(e.end_date(), e.src, "end", "event end");
    }
    if (e.recurrence) {
      in_order(e.start_date(), e.recurrence->until, e.src, "recurrence/until", "start", "recurrence until");
      if (e.recurrence->until && e.recurrence->count) {
        error(e.src.at("recurrence/count"), "give recurrence until or count, not both");
      }
      within_span(e.recurrence->until, e.src, "recurrence/until", "recurrence until");
      check_recurrence(e);
    }
  }

  // `week` is monthly only and start must be that day; skipped dates must be occurrences.
  void check_recurrence(const Event& e) {
    const Recurrence& r = *e.recurrence;
    auto first = e.start_date();
    if (!first) return;
    if (r.week && r.frequency != "monthly") {
      error(e.src.at("recurrence/week"), "recurrence week needs frequency monthly");
      return;
    }
    if (r.week && !schedule::is_nth_weekday(*first, *r.week)) {
      error(e.src.at("start"), fmt::format("start {} is not the {} {} of its month (recurrence week {})", format_date(*first),
                                           schedule::ordinal_word(*r.week), schedule::weekday_name(*first), *r.week));
      return;
    }
    auto dates = schedule::rule_dates(*first, r, end());
    for (size_t i = 0; i < r.skip.size(); ++i) {
      if (std::find(dates.begin(), dates.end(), r.skip[i]) == dates.end()) {
        error(e.src.at(fmt::format("recurrence/skip/{}", i)),
              fmt::format("skipped date {} is not an occurrence of event '{}'", format_date(r.skip[i]), e.id));
      }
    }
  }

  void check_attendance(const Attendance& a) {
    const Event* e = p_.find_event(a.event);
    if (!e && p_.is_unusable(FileKind::event, a.event)) {
      // reported with the event's file
    } else if (!e) {
      error(a.src.at("event"), fmt::format("no event '{}' in events/", a.event));
    } else if (e->recurrence && !a.date) {
      error(a.src.at("event"), fmt::format("event '{}' recurs: say which occurrence with date", a.event));
    } else if (a.date) {
      auto first = e->start_date();
      auto last = e->recurrence ? (e->recurrence->until ? e->recurrence->until : end()) : e->end_date();
      if (first && last && (*a.date < *first || *a.date > *last)) {
        error(a.src.at("date"), fmt::format("date {} is not within event '{}' ({} to {})", format_date(*a.date), a.event,
                                            format_date(*first), format_date(*last)));
      }
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < a.present.size(); ++i) {
      member_ref(a.present[i], a.src, fmt::format("present/{}", i));
      if (!seen.insert(a.present[i]).second) {
        error(a.src.at(fmt::format("present/{}", i)), fmt::format("member '{}' is listed twice", a.present[i]));
      }
    }
    for (size_t i = 0; i < a.excused.size(); ++i) {
      member_ref(a.excused[i], a.src, fmt::format("excused/{}", i));
      if (!seen.insert(a.excused[i]).second) {
        error(a.src.at(fmt::format("excused/{}", i)), fmt::format("member '{}' is listed twice", a.excused[i]));
      }
    }
  }

  void check_measure(const Measure& m) {
    if (m.baseline_from && m.baseline_to && *m.baseline_to < *m.baseline_from) {
      error(m.src.at("baseline/to"), fmt::format("baseline ends ({}) before it starts ({})", format_period(*m.baseline_to),
                                                 format_period(*m.baseline_from)));
    }
    if (m.type == "proportion" && m.goal) {
      double top = m.multiplier.value_or(1);
      if (*m.goal < 0 || *m.goal > top) {
        error(m.src.at("goal"), fmt::format("a proportion's goal is between 0 and {} (its multiplier); found {}", top, *m.goal));
      }
    }
    if (m.baseline_from) period_fits(m, *m.baseline_from, {m.src, "baseline/from"}, "baseline from ");
    if (m.baseline_to) period_fits(m, *m.baseline_to, {m.src, "baseline/to"}, "baseline to ");
    period_within_span(m.baseline_from, m.src, "baseline/from");
    period_within_span(m.baseline_to, m.src, "baseline/to");
    if (m.src.doc && m.src.doc->json.contains("baseline")) {
      const auto& b = m.src.doc->json["baseline"];
      bool from = b.contains("from"), to = b.contains("to"), periods = b.contains("periods");
      if (periods && (from || to)) {
        error(m.src.key_at("baseline/periods"), "baseline: give either 'from' and 'to' or 'periods', not both");
      } else if (!periods && from != to) {
        error(m.src.key_at("baseline"), fmt::format("baseline: '{}' is missing (give 'from' and 'to', or 'periods')", from ? "to" : "from"));
      } else if (!periods && !from) {
        error(m.src.key_at("baseline"), "baseline: give 'from' and 'to', or 'periods'");
      }
    }
    if (!m.chart.empty()) {
      static const std::map<std::string, std::string> chart_type = {{"p", "proportion"}, {"u", "rate"}, {"c", "count"}};
      auto it = chart_type.find(m.chart);
      if (it != chart_type.end() && it->second != m.type) {
        error(m.src.at("chart"), fmt::format("a {} chart is for a {}; '{}' is a {} (use xmr or run)", m.chart, it->second, m.id, m.type));
      }
    }
    std::map<std::pair<std::string, ReportingPeriod>, const Source*> rebased;
    for (size_t i = 0; i < m.rebases.size(); ++i) {
      const Rebase& r = m.rebases[i];
      if (r.period) period_fits(m, *r.period, {r.src, "period"}, "rebase at ");
      period_within_span(r.period, r.src, "period");
      if (!r.team.empty() && !known(FileKind::team, r.team, p_.find_team(r.team))) {
        error(r.src.at("team"), fmt::format("no team '{}' in teams/", r.team));
      }
      if (r.period && !rebased.emplace(std::make_pair(r.team, *r.period), &r.src).second) {
        error(r.src.at("period"), fmt::format("{} is rebased twice at {} (also at line {})", r.team.empty() ? "the measure" : "team '" + r.team + "'",
                                              format_period(*r.period), rebased[{r.team, *r.period}]->at("period").line));
      }
    }
  }

  void check_data(const TeamData& d) {
    if (!known(FileKind::team, d.team, p_.find_team(d.team))) error(d.src.at("team"), fmt::format("no team '{}' in teams/", d.team));
    std::map<ReportingPeriod, const Source*> seen;
    for (const auto& per : d.periods) {
      period_within_span(per.period, per.src, "period");
      if (per.period) {
        for (const auto& [id, v] : per.values) {
          if (const Measure* m = p_.find_measure(id)) period_fits(*m, *per.period, {per.src, "values/" + id, true}, "");
        }
      }
      if (per.period && !seen.emplace(*per.period, &per.src).second) {
        error(per.src.at("period"), fmt::format("period {} is reported twice (also at line {})", format_period(*per.period),
                                                seen[*per.period]->at("period").line));
      }
      for (const auto& [id, v] : per.values) check_value(id, v, per.src);
    }
  }

  void check_value(const std::string& id, const Value& v, const Source& src) {
    std::string field = "values/" + id;
    const Measure* m = p_.find_measure(id);
    if (!m) {
      if (!p_.is_unusable(FileKind::measure, id)) error(src.key_at(field), fmt::format("no measure '{}' in measures/", id));
      return;
    }
    if (v.missing()) return;
    bool ratio = m->type == "proportion" || m->type == "rate";
    if (ratio && v.value) {
      error(src.at(field), fmt::format("'{}' is a {}: report numerator and denominator, not value", id, m->type));
    } else if (!ratio && v.numerator) {
      error(src.at(field), fmt::format("'{}' is a {}: report value, not numerator and denominator", id, m->type));
    } else if (m->type == "proportion" && v.numerator && v.denominator && *v.numerator > *v.denominator) {
      error(src.at(field + "/numerator"), fmt::format("'{}': numerator {} is greater than denominator {}", id,
                                                      *v.numerator, *v.denominator));
    }
    if (m->type == "count" && v.value && (*v.value < 0 || *v.value != static_cast<double>(static_cast<long long>(*v.value)))) {
      error(src.at(field + "/value"), fmt::format("'{}' is a count: {} is not a whole number of zero or more", id, *v.value));
    }
  }

  void check_assessments(const TeamAssessments& a) {
    if (!known(FileKind::team, a.team, p_.find_team(a.team))) error(a.src.at("team"), fmt::format("no team '{}' in teams/", a.team));
    std::map<Period, const Source*> seen;
    for (const auto& r : a.ratings) {
      period_within_span(r.period, r.src, "period");
      faculty_ref(r.assessor, r.src, "assessor", "assessor");
      if (r.period && !seen.emplace(*r.period, &r.src).second) {
        error(r.src.at("period"), fmt::format("period {} is rated twice (also at line {})", format_period(*r.period),
                                              seen[*r.period]->at("period").line));
      }
    }
  }

  void check_decisions(const Decisions& d) {
    std::set<std::string> seen;
    for (const auto& x : d.decisions) {
      if (!known(FileKind::eoi, x.eoi, p_.find_eoi(x.eoi))) error(x.src.at("eoi"), fmt::format("no EOI '{}' in eois/", x.eoi));
      if (!seen.insert(x.eoi).second) error(x.src.at("eoi"), fmt::format("EOI '{}' has two decisions", x.eoi));
    }
  }

  void check_network(const NetworkWave& w) {
    within_span(w.date, w.src, "date", "survey date");
    for (size_t i = 0; i < w.respondents.size(); ++i) member_ref(w.respondents[i], w.src, fmt::format("respondents/{}", i));
    for (const auto& t : w.ties) {
      member_ref(t.from, t.src, "from");
      member_ref(t.to, t.src, "to");
      if (t.from == t.to) warning(t.src.at("to"), fmt::format("'{}' names a tie to themself", t.from));
    }
  }

  // ---- Monitoring, evaluation and learning ----

  void event_ref(const std::string& id, const Source& src, const std::string& field) {
    if (!id.empty() && !known(FileKind::event, id, p_.find_event(id))) error(src.at(field), fmt::format("no event '{}' in events/", id));
  }

  void event_refs(const std::vector<std::string>& ids, const Source& src, const std::string& field) {
    for (size_t i = 0; i < ids.size(); ++i) event_ref(ids[i], src, fmt::format("{}/{}", field, i));
  }

  // A member of a team or a faculty member of collab.yaml (authors, voters).
  void person_ref(const std::string& id, const Source& src, const std::string& field, const char* what) {
    if (members_.count(id) || p_.is_unusable(FileKind::team, "member:" + id) || p_.members_incomplete) return;
    if (!p_.collaborative) return;  // collab.yaml did not load: its faculty are unknown, and that was reported
    if (p_.collaborative && p_.collaborative->find_faculty(id)) return;
    error(src.at(field), fmt::format("{} '{}' is neither a member of a team nor in collab.yaml's faculty", what, id));
  }

  bool toc_unusable() const { return p_.is_unusable(FileKind::theory_of_change, "theory-of-change"); }

  // An outcome of theory-of-change.yaml (milestones, claims, outcome statements).
  void toc_outcome_ref(const std::string& id, const Source& src, const std::string& field) {
    if (toc_unusable()) return;
    const TocNode* n = p_.theory_of_change ? p_.theory_of_change->find(id) : nullptr;
    if (!p_.theory_of_change) {
      error(src.at(field), fmt::format("no outcome '{}': there is no theory-of-change.yaml", id));
    } else if (!n) {
      error(src.at(field), fmt::format("no outcome '{}' in theory-of-change.yaml", id));
    } else if (n->level.empty()) {
      error(src.at(field), fmt::format("'{}' is an activity or output of theory-of-change.yaml, not an outcome", id));
    }
  }

  // theory-of-change.yaml: IDs unique across levels; activities lead to outputs, outputs to outcomes, outcomes
  // to further outcomes, without a loop; milestones and claims name its outcomes and links.
  void check_theory_of_change() {
    if (!p_.theory_of_change) return;
    const auto& t = *p_.theory_of_change;
    std::map<std::string, const Source*> seen;
    std::map<std::string, int> level_of;  // 0 activity, 1 output, 2 outcome
    int level = 0;
    for (const auto* nodes : {&t.activities, &t.outputs, &t.outcomes}) {
      for (const auto& n : *nodes) {
        auto [it, inserted] = seen.emplace(n.id, &n.src);
        if (!inserted) {
          Location first = it->second->at("id");
          error(n.src.at("id"), fmt::format("theory-of-change ID '{}' is used twice (also at {}:{})", n.id, first.file, first.line));
        } else {
          level_of[n.id] = level;
        }
      }
      ++level;
    }
    static const char* const kLevel[] = {"an activity", "an output", "an outcome"};
    level = 0;
    for (const auto* nodes : {&t.activities, &t.outputs, &t.outcomes}) {
      for (const auto& n : *nodes) {
        for (size_t i = 0; i < n.from.size(); ++i) {
          std::string field = fmt::format("from/{}", i);
          auto it = level_of.find(n.from[i]);
          if (it == level_of.end()) {
            error(n.src.at(field), fmt::format("no activity, output or outcome '{}' in theory-of-change.yaml", n.from[i]));
          } else if (level == 0) {
            error(n.src.at(field), "activities start the theory of change: nothing leads to them");
          } else if (level == 1 && it->second != 0) {
            error(n.src.at(field), fmt::format("output '{}' comes from activities, and '{}' is {}", n.id, n.from[i], kLevel[it->second]));
          } else if (level == 2 && it->second == 0) {
            error(n.src.at(field), fmt::format("outcome '{}' comes from outputs or other outcomes, and '{}' is an activity", n.id, n.from[i]));
          }
        }
      }
      ++level;
    }
    check_outcome_loops(t);
    unique_ids(t.milestones, [](const Milestone& x) { return x.id; }, "milestone");
    for (const auto& m : t.milestones) {
      toc_outcome_ref(m.outcome, m.src, "outcome");
      measure_ref(m.measure, m.src, "measure");
    }
    unique_ids(t.claims, [](const ContributionClaim& x) { return x.id; }, "claim");
    for (const auto& c : t.claims) check_claim(t, c);
  }

  // An outcome that leads, through other outcomes, back to itself. Depth-first with a stack of its own, not
  // recursion: a chain of 100,000 outcomes must not exhaust the call stack.
  void check_outcome_loops(const TheoryOfChange& t) {
    std::map<std::string, const TocNode*> outcomes;
    for (const auto& n : t.outcomes) outcomes.emplace(n.id, &n);
    std::map<std::string, int> state;  // 1 on the path, 2 done
    for (const auto& root : t.outcomes) {
      if (state[root.id] != 0) continue;
      std::vector<std::pair<const TocNode*, size_t>> path = {{&root, 0}};  // node, next `from` to follow
      state[root.id] = 1;
      while (!path.empty()) {
        auto& [node, next] = path.back();
        if (next == node->from.size()) {
          state[node->id] = 2;
          path.pop_back();
          continue;
        }
        auto it = outcomes.find(node->from[next++]);
        if (it == outcomes.end()) continue;
        int& s = state[it->first];
        if (s == 1) {
          error(it->second->src.at("from"), fmt::format("outcome '{}' leads back to itself through its from", it->first));
          return;
        }
        if (s == 0) {
          s = 1;
          path.push_back({it->second, 0});
        }
      }
    }
  }

  void check_claim(const TheoryOfChange& t, const ContributionClaim& c) {
    toc_outcome_ref(c.outcome, c.src, "outcome");
    bool reaches = false;
    for (size_t i = 0; i < c.links.size(); ++i) {
      const ClaimLink& l = c.links[i];
      const TocNode* from = t.find(l.from);
      const TocNode* to = t.find(l.to);
      if (!from) error(l.src.at("from"), fmt::format("no activity, output or outcome '{}' in theory-of-change.yaml", l.from));
      if (!to) error(l.src.at("to"), fmt::format("no activity, output or outcome '{}' in theory-of-change.yaml", l.to));
      if (from && to && std::find(to->from.begin(), to->from.end(), l.from) == to->from.end()) {
        error(l.src.at("to"), fmt::format("the theory of change has no link from '{}' to '{}': a claim can only rely on its links", l.from, l.to));
      }
      if (l.to == c.outcome) reaches = true;
      for (size_t k = 0; k < l.evidence.size(); ++k) evidence_ref(l.evidence[k], l.src, fmt::format("evidence/{}/id", k));
    }
    if (!reaches && !c.links.empty()) {
      warning(c.src.at("links"), fmt::format("claim '{}' has no link that leads to its outcome '{}'", c.id, c.outcome));
    }
  }

  void evidence_ref(const EvidenceRef& e, const Source& src, const std::string& field) {
    bool found = true;
    const char* where = "";
    if (e.kind == "outcome") {
      found = known(FileKind::outcome, e.id, p_.find_outcome(e.id)), where = "outcomes/";
    } else if (e.kind == "survey") {
      found = known(FileKind::survey, e.id, p_.find_survey(e.id)), where = "surveys/";
    } else if (e.kind == "measure") {
      found = known(FileKind::measure, e.id, p_.find_measure(e.id)), where = "measures/";
    } else if (e.kind == "product") {
      found = known(FileKind::product, e.id, p_.find_product(e.id)), where = "products/";
    } else if (e.kind == "network") {
      found = p_.is_unusable(FileKind::network, e.id) ||
              std::any_of(p_.network.begin(), p_.network.end(), [&](const NetworkWave& w) { return w.id == e.id; });
      where = "network/";
    }
    if (!found) error(src.at(field), fmt::format("no {} '{}' in {}", e.kind, e.id, where));
  }

  void check_survey(const Survey& s) {
    unique_ids(s.items, [](const SurveyItem& x) { return x.id; }, "item");
    for (const auto& i : s.items) {
      for (const char* column : {"id", "response", "event", "member", "email", "submitted"}) {
        if (i.id == column) {
          error(i.src.at("id"), fmt::format("item ID '{}' is a column of every response (id, response, event, member, email, "
                                            "submitted): choose another, so that a form export can be imported",
                                            i.id));
        }
      }
      if (i.type == "scale" && i.max <= i.min) error(i.src.at("max"), fmt::format("item '{}': max {} is not above min {}", i.id, i.max, i.min));
      if (i.type != "scale") {  // nps items are 0-10 and open items have no scale
        const auto& j = i.src.doc->json.at(nlohmann::json::json_pointer(i.src.pointer));
        for (const char* key : {"min", "max"}) {
          if (j.contains(key)) error(i.src.key_at(key), fmt::format("item '{}' is {}: {} is for scale items", i.id, i.type, key));
        }
      }
    }
    event_refs(s.events, s.src, "events");
    if (s.follow_up_days && s.events.empty()) {
      error(s.src.at("follow_up_days"), "a follow-up survey names its events, so that collab knows when each follow-up is due");
    }
  }

  // Who attended each event (any occurrence): a response from anyone else is suspicious.
  std::set<std::string> attendees(const std::string& event) const {
    std::set<std::string> out;
    for (const auto& a : p_.attendance) {
      if (a.event == event) out.insert(a.present.begin(), a.present.end());
    }
    return out;
  }

  void check_responses(const SurveyResponses& r) {
    const Survey* s = p_.find_survey(r.survey);
    if (!s) {
      if (!p_.is_unusable(FileKind::survey, r.survey)) error(r.src.at("survey"), fmt::format("no survey '{}' in surveys/", r.survey));
      return;
    }
    unique_ids(r.responses, [](const SurveyResponse& x) { return x.id; }, "response");
    std::map<std::string, std::set<std::string>> attended;
    std::map<std::pair<std::string, std::string>, Location> answered;  // (event, member) -> first response
    for (const auto& x : r.responses) {
      if (!known(FileKind::event, x.event, p_.find_event(x.event))) {
        error(x.src.at("event"), fmt::format("no event '{}' in events/", x.event));
      } else if (!s->events.empty() && std::find(s->events.begin(), s->events.end(), x.event) == s->events.end()) {
        error(x.src.at("event"), fmt::format("survey '{}' does not ask about event '{}' (its events: {})", s->id, x.event,
                                             fmt::join(s->events, ", ")));
      }
      if (!x.member.empty()) {
        member_ref(x.member, x.src, "member");
        auto it = attended.find(x.event);
        if (it == attended.end()) it = attended.emplace(x.event, attendees(x.event)).first;
        if (members_.count(x.member) && !it->second.empty() && !it->second.count(x.member)) {
          warning(x.src.at("member"), fmt::format("member '{}' is not recorded present at event '{}'", x.member, x.event));
        }
        auto [seen, inserted] = answered.emplace(std::make_pair(x.event, x.member), x.src.at("member"));
        if (!inserted) {
          warning(x.src.at("member"), fmt::format("member '{}' answered survey '{}' about event '{}' twice (also at {}:{})", x.member,
                                                  s->id, x.event, seen->second.file, seen->second.line));
        }
      }
      for (const auto& [item_id, answer] : x.answers) check_answer(*s, x, item_id, answer);
    }
  }

  void check_answer(const Survey& s, const SurveyResponse& x, const std::string& item_id, const nlohmann::json& answer) {
    Location at = x.src.at("answers/" + item_id);
    const SurveyItem* item = s.find_item(item_id);
    if (!item) {
      error(x.src.key_at("answers/" + item_id), fmt::format("no item '{}' in survey '{}'", item_id, s.id));
      return;
    }
    if (item->type == "open") {
      if (!answer.is_string()) error(at, fmt::format("item '{}' is open: its answer is a text", item_id));
      return;
    }
    bool whole = answer.is_number() && std::isfinite(answer.get<double>()) && answer.get<double>() == std::floor(answer.get<double>());
    if (!whole) {
      error(at, fmt::format("item '{}' takes a whole number from {} to {}", item_id, item->min, item->max));
      return;
    }
    double v = answer.get<double>();
    if (v < item->min || v > item->max) {
      error(at, fmt::format("answer {} to item '{}' is off its scale ({} to {})", format_number(v), item_id, item->min, item->max));
    }
  }

  static std::string format_number(double v) { return fmt::format("{}", v); }

  void check_learning_agenda() {
    if (!p_.learning_agenda) return;
    const auto& a = *p_.learning_agenda;
    unique_ids(a.topics, [](const AgendaTopic& x) { return x.id; }, "topic");
    for (const auto& t : a.topics) event_refs(t.events, t.src, "events");
    if (a.max_per_topic && *a.max_per_topic > a.dots) {
      error(a.src.at("max_per_topic"), fmt::format("max_per_topic {} is more than the {} dots a voter has", *a.max_per_topic, a.dots));
    }
    std::map<std::string, Location> voters;
    for (const auto& b : a.votes) {
      person_ref(b.voter, b.src, "voter", "voter");
      auto [it, inserted] = voters.emplace(b.voter, b.src.at("voter"));
      if (!inserted) error(b.src.at("voter"), fmt::format("'{}' voted twice (also at {}:{})", b.voter, it->second.file, it->second.line));
      bool dots = !b.dots.empty() || b.src.doc->json.at(nlohmann::json::json_pointer(b.src.pointer)).contains("dots");
      if (a.method == "dots" && !b.ranking.empty()) {
        error(b.src.key_at("ranking"), "the agenda is set by dot voting: give the ballot's dots, not a ranking");
      } else if (a.method == "borda" && dots) {
        error(b.src.key_at("dots"), "the agenda is set by ranked ballots (Borda count): give the ballot's ranking, not dots");
      } else if (a.method == "dots" && b.dots.empty()) {
        error(b.src.at(), fmt::format("the ballot of '{}' gives no dots", b.voter));
      } else if (a.method == "borda" && b.ranking.empty()) {
        error(b.src.at(), fmt::format("the ballot of '{}' ranks no topic", b.voter));
      }
      int total = 0;
      for (const auto& [topic, n] : b.dots) {
        std::string field = "dots/" + topic;
        total += n;
        if (!a.find_topic(topic)) {
          error(b.src.key_at(field), fmt::format("no topic '{}' in learning-agenda.yaml", topic));
        } else if (a.max_per_topic && n > *a.max_per_topic) {
          error(b.src.at(field), fmt::format("'{}' gives {} dots to '{}': at most {} on one topic", b.voter, n, topic, *a.max_per_topic));
        }
      }
      if (total > a.dots) error(b.src.key_at("dots"), fmt::format("'{}' gives {} dots: each voter has {}", b.voter, total, a.dots));
      for (size_t i = 0; i < b.ranking.size(); ++i) {  // a topic ranked twice is refused by the schema
        if (!a.find_topic(b.ranking[i])) {
          error(b.src.at(fmt::format("ranking/{}", i)), fmt::format("no topic '{}' in learning-agenda.yaml", b.ranking[i]));
        }
      }
    }
  }

  void check_outcome(const OutcomeStatement& o) {
    event_refs(o.events, o.src, "events");
    for (size_t i = 0; i < o.products.size(); ++i) {
      if (!known(FileKind::product, o.products[i], p_.find_product(o.products[i]))) {
        error(o.src.at(fmt::format("products/{}", i)), fmt::format("no product '{}' in products/", o.products[i]));
      }
    }
    for (size_t i = 0; i < o.members.size(); ++i) member_ref(o.members[i], o.src, fmt::format("members/{}", i));
    for (size_t i = 0; i < o.toc_outcomes.size(); ++i) toc_outcome_ref(o.toc_outcomes[i], o.src, fmt::format("toc_outcomes/{}", i));
    in_order(o.when, o.harvested, o.src, "harvested", "when", "harvested");
    for (const auto& s : o.substantiations) in_order(o.when, s.date, s.src, "date", "the outcome's when", "substantiation date");
  }

  void check_product(const KnowledgeProduct& k) {
    for (size_t i = 0; i < k.authors.size(); ++i) person_ref(k.authors[i], k.src, fmt::format("authors/{}", i), "author");
    event_refs(k.events, k.src, "events");
    if (k.status == "published" && !k.date) warning(k.src.at("status"), fmt::format("product '{}' is published: give its date", k.id));
  }

  void check_resources() {
    if (!p_.resources) return;
    const auto& r = *p_.resources;
    for (const auto& x : r.in_kind) {
      member_ref(x.member, x.src, "member");
      event_ref(x.event, x.src, "event");
      if (!x.hours && !x.amount) {
        error(x.src.at(), fmt::format("in-kind {} of '{}': give its hours or an amount", x.category, x.member));
      } else if (x.hours && !x.amount && !r.rates.count(x.category)) {
        error(x.src.at("hours"), fmt::format("in-kind {} of '{}' is given in hours, and rates has no '{}' rate to value them", x.category, x.member, x.category));
      }
    }
  }

  const Project& p_;
  Diagnostics& d_;
  std::map<std::string, const Member*> members_;
  std::set<std::string> phases_;
};

}  // namespace

void check_project(const Project& project, Diagnostics& diags) { Checker(project, diags).run(); }

ChangeVerdict check_change(const Project& p, const Overlay& overlay) {
  Diagnostics before, after;
  Project old = load_project(p.root, p.display_root, before);
  check_project(old, before);
  Project now = load_project(p.root, p.display_root, after, overlay);
  check_project(now, after);
  std::multiset<std::tuple<std::string, int, std::string>> seen;
  for (const auto& d : before.items()) seen.emplace(d.where.file, static_cast<int>(d.severity), d.message);
  ChangeVerdict v;
  after.sort();
  for (const auto& d : after.items()) {
    auto it = seen.find({d.where.file, static_cast<int>(d.severity), d.message});
    if (it != seen.end()) {
      seen.erase(it);
      continue;
    }
    (d.severity == Severity::error ? v.errors : v.warnings).add(d);
  }
  return v;
}

Result<Diagnostics> verify_change(const Project& p, const Overlay& overlay, const std::string& shown) {
  ChangeVerdict v = check_change(p, overlay);
  if (v.errors.has_errors()) {
    std::vector<std::string> lines;
    for (const auto& d : v.errors.items()) lines.push_back("  " + format_text(d));
    return Error{ErrorKind::usage,
                 fmt::format("{} would not pass collab validate; nothing was written:\n{}", shown, fmt::join(lines, "\n"))};
  }
  return v.warnings;
}

}  // namespace collab::check
