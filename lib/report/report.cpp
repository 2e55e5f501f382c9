#include "report/report.h"

#include "report/sections.h"
#include "schedule/calendar.h"
#include "scoring/round.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace collab::report {

using nlohmann::json;

namespace {

std::optional<Date> team_left(const model::Team& t) {
  if (t.withdrawal && t.withdrawal->date) return t.withdrawal->date;
  return t.completed;
}

TeamRow team_row(const model::Project& p, const model::Team& t, const ReportOptions& o) {
  TeamRow row;
  row.id = t.id;
  row.name = t.name;
  row.status = t.status.empty() ? "active" : t.status;
  row.joined = t.joined;
  row.left = team_left(t);
  if (t.withdrawal) row.withdrawal_reason = t.withdrawal->reason;
  if (const model::Organization* org = p.find_organization(t.organization)) {
    row.organization = org->name;
    row.region = org->region;
    row.country = org->country;
  }
  std::set<std::string> roles;
  for (const auto& m : t.members) {
    if (m.left && !(o.as_of < *m.left)) continue;
    if (m.joined && o.as_of < *m.joined) continue;
    ++row.members;
    ++row.engagement[m.engagement.empty() ? "unrecorded" : m.engagement];
    roles.insert(m.roles.begin(), m.roles.end());
    if (o.include_contacts) {
      std::string r;
      for (const auto& x : m.roles) r += (r.empty() ? "" : ", ") + x;
      row.contacts.push_back({m.name, m.email, r});
    }
  }
  if (p.collaborative) {
    const auto& rules = p.collaborative->core_team;
    for (const auto& r : rules.required_roles) {
      if (!roles.count(r)) row.missing_roles.push_back(r);
    }
    row.core_team_complete = row.missing_roles.empty() && (!rules.min_members || row.members >= *rules.min_members) &&
                             (!rules.max_members || row.members <= *rules.max_members);
  }
  return row;
}

// The calendar: each occurrence of each event (recurring ones expanded), with its attendance when a file
// records it. An event whose time zone cannot be used is listed as written, once.
std::vector<EventRow> event_rows(const model::Project& p, const ReportOptions& o, const std::set<std::string>& teams) {
  std::vector<EventRow> rows;
  auto calendar = schedule::build_calendar(p);
  if (!calendar) return rows;
  std::map<std::string, std::vector<const model::Attendance*>> attendance;  // by event
  for (const auto& a : p.attendance) attendance[a.event].push_back(&a);
  // The teams reported on, and each member's (once per listing), looked up once: a national network's
  // calendar has 325 attendance records of 1,000 teams.
  std::vector<const model::Team*> in_scope;
  for (const auto& t : p.teams) {
    if (teams.count(t.id)) in_scope.push_back(&t);
  }
  std::unordered_map<std::string_view, std::vector<size_t>> member_teams;  // member -> indices in in_scope
  for (size_t k = 0; k < in_scope.size(); ++k) {
    for (const auto& m : in_scope[k]->members) member_teams[m.id].push_back(k);
  }
  std::vector<int> here(in_scope.size());
  std::vector<bool> expected(in_scope.size());
  for (const auto& occ : calendar->occurrences) {
    const model::Event& e = *occ.event;
    if (o.from && period_of(occ.first_day) < *o.from) continue;
    if (o.to && period_of(occ.first_day) > *o.to) continue;
    EventRow r;
    r.event = e.id;
    r.name = e.name;
    r.type = e.type;
    r.format = e.format;
    r.location = e.location;
    r.timezone = schedule::zone_name(p, e);
    r.start = occ.all_day ? format_date(occ.first_day) : schedule::format_local(occ.local_start);
    r.end = occ.all_day ? format_date(occ.last_day) : schedule::format_local(occ.local_end);
    r.past = occ.last_day < o.as_of;
    for (const model::Attendance* ap : attendance[e.id]) {
      const model::Attendance& a = *ap;
      Date d = a.date ? *a.date : occ.first_day;
      if (d < occ.first_day || occ.last_day < d) continue;
      // The teams expected that day: the event's (all when it names none), joined and not left.
      const std::unordered_set<std::string_view> invited(e.teams.begin(), e.teams.end());
      int people = 0, teams_present = 0, teams_expected = 0;
      for (size_t k = 0; k < in_scope.size(); ++k) {
        const model::Team& t = *in_scope[k];
        const auto left = team_left(t);
        expected[k] = (invited.empty() || invited.count(t.id)) && !(t.joined && d < *t.joined) && !(left && !(d < *left));
        teams_expected += expected[k] ? 1 : 0;
        here[k] = 0;
      }
      // Each person present once, in each expected team that lists them.
      std::unordered_set<std::string_view> seen;
      for (const auto& id : a.present) {
        auto it = member_teams.find(id);
        if (it == member_teams.end() || !seen.insert(id).second) continue;
        for (size_t k : it->second) here[k] += expected[k] ? 1 : 0;
      }
      for (size_t k = 0; k < in_scope.size(); ++k) {
        people += here[k];
        teams_present += here[k] > 0 ? 1 : 0;
      }
      r.present = people;
      r.teams_present = teams_present;
      r.teams_expected = teams_expected;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

json opt(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json opt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

Result<ReportData> build_report(const model::Project& p, const ReportOptions& o) {
  ReportData r;
  r.options = o;
  r.project = &p;
  if (o.team && !p.find_team(*o.team)) return Error{ErrorKind::usage, fmt::format("--team {}: no team '{}' in teams/", *o.team, *o.team)};
  if (p.collaborative) {
    for (const auto& ph : p.collaborative->phases) {
      if (ph.start && ph.end && !(o.as_of < *ph.start) && !(*ph.end < o.as_of)) r.current_phase = ph.name;
    }
  }
  std::vector<const model::Team*> teams;
  for (const auto& t : p.teams) {
    if (!o.team || t.id == *o.team) teams.push_back(&t);
  }
  std::sort(teams.begin(), teams.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  std::set<std::string> organizations, team_ids;
  for (const auto* t : teams) {
    r.teams.push_back(team_row(p, *t, o));
    team_ids.insert(t->id);
    organizations.insert(t->organization);
    const TeamRow& row = r.teams.back();
    if (row.status == "active") ++r.regions[!row.region.empty() ? row.region : !row.country.empty() ? row.country : "unknown"];
    for (const auto& m : t->members) r.member_team[m.id] = t->id;
  }
  r.organizations = static_cast<int>(organizations.size());

  if (!o.team && p.rubric && !p.eois.empty()) {
    auto round = scoring::score_round(p);
    if (round) {
      for (const auto& e : round->eois) ++r.eoi_decisions[e.decision];
      r.round = EoiRound{round->eois.size(), round->capacity, round->icc ? std::optional<double>(round->icc->value) : std::nullopt,
                         round->alpha ? std::optional<double>(round->alpha->value) : std::nullopt, round->quotas_feasible};
    }
  }
  r.events = event_rows(p, o, team_ids);

  metrics::Scope scope;
  if (o.team) scope.teams = {*o.team};
  scope.from = o.from;
  scope.to = o.to;
  std::set<metrics::Section> all;
  for (const auto& name : metrics::section_names()) all.insert(*metrics::parse_section(name));
  if (o.team) {
    // The evaluation figures are the whole collaborative's: a team's report leaves them out (docs/report.md).
    for (auto s : {metrics::Section::membership, metrics::Section::milestones, metrics::Section::contribution,
                   metrics::Section::feedback, metrics::Section::agenda, metrics::Section::outcomes,
                   metrics::Section::products, metrics::Section::resources}) {
      all.erase(s);
    }
  }
  if (o.computed_when_rendered) {
    for (auto s : {metrics::Section::measures, metrics::Section::completeness, metrics::Section::progress, metrics::Section::network}) {
      all.erase(s);
    }
  }
  r.metrics = metrics::compute_metrics(p, scope, o.as_of, all);
  return r;
}

json to_json(const ReportData& r) {
  const model::Project& p = *r.project;
  const auto& o = r.options;
  json j;
  j["provenance"] = {{"collab_version", o.provenance.version}, {"commit", text_or_null(o.provenance.commit)},
                     {"dirty", o.provenance.dirty}, {"generated", o.provenance.generated}};
  j["scope"] = {{"team", o.team ? json(*o.team) : json(nullptr)},
                {"from", o.from ? json(format_period(*o.from)) : json(nullptr)},
                {"to", o.to ? json(format_period(*o.to)) : json(nullptr)},
                {"as_of", format_date(o.as_of)},
                {"contacts", o.include_contacts}};
  if (p.collaborative) {
    const auto& c = *p.collaborative;
    json sponsors = json::array();
    for (const auto& s : c.sponsors) sponsors.push_back({{"name", s.name}, {"type", text_or_null(s.type)}});
    json phases = json::array();
    for (const auto& ph : c.phases) phases.push_back({{"id", ph.id}, {"name", ph.name}, {"start", opt(ph.start)}, {"end", opt(ph.end)}});
    j["overview"] = {{"id", c.id}, {"name", c.name}, {"focus", c.focus}, {"kind", c.kind}, {"model", c.model},
                     {"start", opt(c.start)}, {"end", opt(c.end)}, {"sponsors", sponsors}, {"phases", phases},
                     {"current_phase", text_or_null(r.current_phase)},
                     {"design", {{"purpose", text_or_null(c.design.purpose)}, {"membership", text_or_null(c.design.membership)},
                                 {"format", text_or_null(c.design.format)}, {"facilitation", text_or_null(c.design.facilitation)},
                                 {"meeting_frequency", text_or_null(c.design.meeting_frequency)},
                                 {"capacity", opt(c.design.capacity)}}}};
  }
  json teams = json::array();
  for (const auto& t : r.teams) {
    json tj = {{"team", t.id}, {"name", t.name}, {"organization", t.organization}, {"region", text_or_null(t.region)},
               {"country", text_or_null(t.country)}, {"status", t.status}, {"joined", opt(t.joined)}, {"left", opt(t.left)},
               {"withdrawal_reason", text_or_null(t.withdrawal_reason)}, {"members", t.members},
               {"core_team_complete", t.core_team_complete}, {"missing_roles", t.missing_roles}, {"engagement", t.engagement}};
    if (o.include_contacts) {
      tj["contacts"] = json::array();
      for (const auto& c : t.contacts) tj["contacts"].push_back({{"name", c.name}, {"email", text_or_null(c.email)}, {"roles", c.roles}});
    }
    teams.push_back(std::move(tj));
  }
  j["cohort"] = {{"teams", teams}, {"organizations", r.organizations}, {"active_teams_by_region", r.regions}};
  if (r.round) {
    const auto& rd = *r.round;
    j["eoi_round"] = {{"applications", rd.applications}, {"decisions", r.eoi_decisions}, {"capacity", opt(rd.capacity)},
                      {"icc", rd.icc ? json(*rd.icc) : json(nullptr)}, {"alpha", rd.alpha ? json(*rd.alpha) : json(nullptr)},
                      {"quotas_feasible", rd.quotas_feasible}};
  } else {
    j["eoi_round"] = nullptr;
  }
  json events = json::array();
  for (const auto& e : r.events) {
    events.push_back({{"event", e.event}, {"name", e.name}, {"type", e.type}, {"start", e.start}, {"end", e.end},
                      {"timezone", e.timezone}, {"past", e.past}, {"present", opt(e.present)},
                      {"teams_present", opt(e.teams_present)}, {"teams_expected", opt(e.teams_expected)}});
  }
  j["calendar"] = events;
  j["metrics"] = metrics::to_json(r.metrics, p);
  if (p.driver_diagram) {
    const auto& d = *p.driver_diagram;
    auto aim = [](const model::Aim& a) {
      return json{{"text", a.text}, {"measure", text_or_null(a.measure)}, {"target", a.target ? json(*a.target) : json(nullptr)},
                  {"by", a.by ? json(format_date(*a.by)) : json(nullptr)}};
    };
    json primary = json::array(), secondary = json::array(), ideas = json::array();
    for (const auto& x : d.primary) primary.push_back({{"id", x.id}, {"name", x.name}});
    for (const auto& x : d.secondary) secondary.push_back({{"id", x.id}, {"name", x.name}, {"primary", x.primary}});
    std::vector<const model::ChangeIdea*> all;
    for (const auto& i : d.ideas) all.push_back(&i);
    for (const auto* i : own_ideas(r)) all.push_back(i);
    for (const auto* i : all) {
      ideas.push_back({{"id", i->id}, {"name", i->name}, {"team", text_or_null(i->team)}, {"drivers", i->drivers},
                       {"measures", {{"outcome", i->measures.outcome}, {"process", i->measures.process},
                                     {"balancing", i->measures.balancing}}}});
    }
    j["driver_diagram"] = {{"aim", aim(d.aim)}, {"primary_drivers", primary}, {"secondary_drivers", secondary}, {"change_ideas", ideas}};
  } else {
    j["driver_diagram"] = nullptr;
  }
  return j;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;  // no control characters
        out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '|': out += "\\|"; break;
      case '\n': case '\r': out += ' '; break;
      // The characters that mean something inside a line of CommonMark/GFM text, and '#' (a heading's
      // trailing #s are dropped); a data string never starts a line (line breaks become spaces, and every
      // string follows a marker or a cell border), so the line-start ones (- + = digits) need no escape.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '~': case '#':
        out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        out += c;
    }
  }
  return out;
}

}  // namespace collab::report
