#include "enroll/members.h"

#include "core/slug.h"
#include "core/text.h"
#include "core/timezones.h"
#include "enroll/eoi_import.h"
#include "enroll/form.h"
#include "enroll/teams.h"
#include "io/yaml_edit.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace collab::enroll {
namespace {

using namespace collab::model;

Error usage(std::string message) { return Error{ErrorKind::usage, std::move(message)}; }

// The member and the team holding them.
struct Found {
  const Team* team = nullptr;
  size_t index = 0;
};

Result<Found> find_member(const Project& p, const std::string& id) {
  for (const auto& t : p.teams) {
    for (size_t i = 0; i < t.members.size(); ++i) {
      if (t.members[i].id == id) return Found{&t, i};
    }
  }
  return usage(fmt::format("no member '{}' in any team", id));
}

Result<const Team*> find_team(const Project& p, const std::string& id) {
  const Team* t = p.find_team(id);
  if (t == nullptr) return usage(fmt::format("no team '{}' in teams/", id));
  return t;
}

// The team file as it is on disk, ready for in-place edits.
Result<YamlEditor> open_team(const Project& p, const Team& t) {
  std::ifstream in(p.root / t.src.doc->relative, std::ios::binary);
  if (!in) return Error{ErrorKind::io, fmt::format("{}: cannot read the file", t.src.doc->path)};
  std::stringstream text;
  text << in.rdbuf();
  return YamlEditor::parse(text.str(), t.src.doc->path);
}

Status check_roles(const Project& p, const std::vector<std::string>& roles) {
  if (roles.empty()) return usage("a member needs at least one --role");
  auto known = known_roles(p);
  for (const auto& r : roles) {
    if (std::find(known.begin(), known.end(), r) == known.end()) {
      return usage(fmt::format("unknown role '{}'; known roles: {}", r, fmt::join(known, ", ")));
    }
  }
  return Ok{};
}

Status check_engagement(const std::string& e) {
  if (e.empty() || e == "passenger" || e == "deep-diver" || e == "crew") return Ok{};
  return usage(fmt::format("unknown engagement level '{}': passenger, deep-diver or crew", e));
}

std::string flow_list(const std::vector<std::string>& items) {
  std::vector<std::string> spelled;
  for (const auto& i : items) spelled.push_back(yaml_string(i));
  return fmt::format("[{}]", fmt::join(spelled, ", "));
}

FileChange edited(const Team& t, const YamlEditor& editor, std::string summary) {
  return FileChange{t.src.doc->relative, editor.text(), false, std::move(summary)};
}

// Where a member is named outside their team: attendance and network surveys.
std::vector<std::string> references(const Project& p, const std::string& member) {
  std::vector<std::string> where;
  for (const auto& a : p.attendance) {
    bool named = std::count(a.present.begin(), a.present.end(), member) || std::count(a.excused.begin(), a.excused.end(), member);
    if (named) where.push_back(a.src.path());
  }
  for (const auto& w : p.network) {
    bool named = std::count(w.respondents.begin(), w.respondents.end(), member) > 0;
    for (const auto& tie : w.ties) named = named || tie.from == member || tie.to == member;
    if (named) where.push_back(w.src.path());
  }
  return where;
}

}  // namespace

std::vector<std::string> known_roles(const Project& p) {
  std::set<std::string> roles = {"senior-leader", "supervisor", "clinician", "practitioner", "data-manager", "contact", "member"};
  if (p.collaborative) roles.insert(p.collaborative->core_team.required_roles.begin(), p.collaborative->core_team.required_roles.end());
  for (const auto& t : p.teams) {
    for (const auto& m : t.members) roles.insert(m.roles.begin(), m.roles.end());
  }
  for (const auto& e : p.eois) {
    for (const auto& m : e.proposed_team) roles.insert(m.roles.begin(), m.roles.end());
  }
  return {roles.begin(), roles.end()};
}

Result<Changes> add_member(const Project& p, const std::string& team_id, const MemberSpec& m) {
  auto team = find_team(p, team_id);
  if (!team) return team.error();
  if (trim(m.name).empty()) return usage("--name must hold a name");
  if (Status s = check_roles(p, m.roles); !s) return s.error();
  if (!m.email.empty() && !is_email(m.email)) return usage(fmt::format("'{}' is not an email address", m.email));
  if (Status s = check_engagement(m.engagement); !s) return s.error();
  if (!m.joined.empty()) {
    if (auto d = model::option_date(p, m.joined, "--joined"); !d) return d.error();
  }
  std::vector<std::string> taken;
  for (const auto& t : p.teams) {
    for (const auto& x : t.members) taken.push_back(x.id);
  }
  std::string id = unique_slug(m.name, taken);
  std::string item = fmt::format("id: {}\nname: {}\nroles: {}\n", id, yaml_string(m.name), flow_list(m.roles));
  if (!m.email.empty()) item += "email: " + yaml_string(m.email) + "\n";
  if (!m.engagement.empty()) item += "engagement: " + m.engagement + "\n";
  if (!m.joined.empty()) item += "joined: " + m.joined + "\n";
  auto editor = open_team(p, **team);
  if (!editor) return editor.error();
  if (Status s = editor->append_item("/members", item); !s) return s.error();
  Changes c;
  c.files.push_back(edited(**team, *editor, fmt::format("added member {} to team {}", id, team_id)));
  return c;
}

Result<Changes> move_member(const Project& p, const std::string& member, const std::string& to_team) {
  auto found = find_member(p, member);
  if (!found) return found.error();
  auto target = find_team(p, to_team);
  if (!target) return target.error();
  if (found->team == *target) return usage(fmt::format("{} is in team {} already", member, to_team));
  auto from = open_team(p, *found->team);
  if (!from) return from.error();
  auto to = open_team(p, **target);
  if (!to) return to.error();
  // The member's entry moves as YAML text re-spelled from the model; comments inside it stay behind.
  const Member& m = found->team->members[found->index];
  std::string item = fmt::format("id: {}\nname: {}\nroles: {}\n", m.id, yaml_string(m.name), flow_list(m.roles));
  if (!m.email.empty()) item += "email: " + yaml_string(m.email) + "\n";
  if (!m.engagement.empty()) item += "engagement: " + m.engagement + "\n";
  if (m.joined) item += "joined: " + format_date(*m.joined) + "\n";
  if (m.left) item += "left: " + format_date(*m.left) + "\n";
  if (Status s = from->remove(fmt::format("/members/{}", found->index)); !s) return s.error();
  if (Status s = to->append_item("/members", item); !s) return s.error();
  Changes c;
  c.files.push_back(edited(*found->team, *from, fmt::format("moved {} out of team {}", member, found->team->id)));
  c.files.push_back(edited(**target, *to, fmt::format("moved {} into team {}", member, to_team)));
  return c;
}

Result<Changes> update_member(const Project& p, const std::string& member, const std::optional<std::vector<std::string>>& roles,
                              const std::optional<std::string>& engagement) {
  auto found = find_member(p, member);
  if (!found) return found.error();
  if (!roles && !engagement) return usage("give --role or --engagement");
  auto editor = open_team(p, *found->team);
  if (!editor) return editor.error();
  std::string base = fmt::format("/members/{}", found->index);
  std::vector<std::string> what;
  if (roles) {
    if (Status s = check_roles(p, *roles); !s) return s.error();
    std::string block;
    for (const auto& r : *roles) block += "- " + yaml_string(r) + "\n";
    if (Status s = editor->set_block(base + "/roles", block); !s) return s.error();
    what.push_back(fmt::format("roles {}", fmt::join(*roles, ", ")));
  }
  if (engagement) {
    if (engagement->empty()) return usage("--engagement needs a level: passenger, deep-diver or crew");
    if (Status s = check_engagement(*engagement); !s) return s.error();
    if (Status s = editor->set_scalar(base + "/engagement", *engagement); !s) return s.error();
    what.push_back("engagement " + *engagement);
  }
  Changes c;
  c.files.push_back(edited(*found->team, *editor, fmt::format("{}: {}", member, fmt::join(what, "; "))));
  return c;
}

Result<Changes> remove_member(const Project& p, const std::string& member, const std::string& left) {
  auto found = find_member(p, member);
  if (!found) return found.error();
  auto editor = open_team(p, *found->team);
  if (!editor) return editor.error();
  std::string base = fmt::format("/members/{}", found->index);
  Changes c;
  if (!left.empty()) {
    if (auto d = model::option_date(p, left, "--left"); !d) return d.error();
    if (Status s = editor->set_scalar(base + "/left", left); !s) return s.error();
    c.files.push_back(edited(*found->team, *editor, fmt::format("{} left team {} on {} (kept on record)", member, found->team->id, left)));
    return c;
  }
  if (auto where = references(p, member); !where.empty()) {
    return Error{ErrorKind::data, fmt::format("{} is named in {}: record the departure with --left DATE instead",
                                              member, fmt::join(where, ", "))};
  }
  if (Status s = editor->remove(base); !s) return s.error();
  c.files.push_back(edited(*found->team, *editor, fmt::format("removed {} from team {}", member, found->team->id)));
  return c;
}

Result<Changes> withdraw_team(const Project& p, const std::string& team_id, const std::string& date, const std::string& reason) {
  auto team = find_team(p, team_id);
  if (!team) return team.error();
  if ((*team)->status == "withdrawn") return usage(fmt::format("team {} has withdrawn already", team_id));
  if (auto d = model::option_date(p, date, "--date"); !d) return d.error();
  if (reason.find_first_not_of(" \t") == std::string::npos) return usage("--reason must say why the team withdraws");
  auto editor = open_team(p, **team);
  if (!editor) return editor.error();
  if (Status s = editor->set_scalar("/status", "withdrawn"); !s) return s.error();
  if (Status s = editor->set_block("/withdrawal", fmt::format("date: {}\nreason: {}\n", date, yaml_string(reason))); !s) {
    return s.error();
  }
  Changes c;
  c.files.push_back(edited(**team, *editor, fmt::format("team {} withdrew on {}: {}", team_id, date, reason)));
  return c;
}

Result<Changes> add_team(const Project& p, const TeamSpec& spec) {
  if (trim(spec.name).empty()) return usage("--name must hold a name");
  if (!p.find_organization(spec.organization)) {
    return usage(fmt::format("no organization '{}' in organizations/", spec.organization));
  }
  if (!spec.eoi.empty() && !p.find_eoi(spec.eoi)) return usage(fmt::format("no EOI '{}' in eois/", spec.eoi));
  std::string joined = spec.joined;
  if (joined.empty() && p.collaborative && p.collaborative->start) joined = format_date(*p.collaborative->start);
  if (!joined.empty()) {
    if (auto d = model::option_date(p, joined, "--joined"); !d) return d.error();
  }
  if (p.collaborative && p.collaborative->design.capacity) {
    auto active = std::count_if(p.teams.begin(), p.teams.end(), [](const Team& t) { return t.status == "active"; });
    if (active + 1 > *p.collaborative->design.capacity) {
      return Error{ErrorKind::data, fmt::format("{} active teams: one more would pass the capacity of {}", active,
                                                *p.collaborative->design.capacity)};
    }
  }
  std::vector<std::string> taken;
  for (const auto& t : p.teams) taken.push_back(t.id);
  std::string id = unique_slug(spec.name, taken);
  std::string text = fmt::format(
      "# yaml-language-server: $schema=../.collab/schemas/team.schema.json\n"
      "# Team added by `collab enroll add-team`. Add members with `collab enroll add-member --team {}`.\n"
      "id: {}\nname: {}\norganization: {}\n",
      id, id, yaml_string(spec.name), spec.organization);
  if (!spec.eoi.empty()) text += "eoi: " + spec.eoi + "\n";
  text += "status: active\n";
  if (!joined.empty()) text += "joined: " + joined + "\n";
  text += "members: []\n";
  Changes c;
  c.files.push_back({"teams/" + id + ".yaml", text, true, fmt::format("new team teams/{}.yaml", id)});
  return c;
}

Result<Changes> add_eoi(const Project& p, const EoiSpec& spec) {
  if (trim(spec.organization).empty()) return usage("--organization must hold the organization's name");
  if (spec.contact_name.find_first_not_of(" \t") == std::string::npos) return usage("--contact-name must hold a name");
  if (!is_email(spec.contact_email)) return usage(fmt::format("--contact-email: '{}' is not an email address", spec.contact_email));
  if (!parse_date(spec.submitted)) return usage(fmt::format("--submitted {} is not a date YYYY-MM-DD that exists", spec.submitted));
  if (!spec.timezone.empty() && !is_known_timezone(spec.timezone)) {
    return usage(fmt::format("unknown time zone '{}': use an IANA name such as America/New_York", spec.timezone));
  }
  EoiFields e;
  e.comment = "Added by `collab enroll add-eoi`.";
  std::vector<std::string> taken;
  for (const auto& x : p.eois) taken.push_back(x.id);
  e.id = unique_slug(spec.organization, taken);
  e.submitted = spec.submitted;
  e.organization = {{"name", spec.organization}, {"region", spec.region}, {"country", spec.country},
                    {"sector", spec.sector.empty() ? "" : slugify(spec.sector)}, {"timezone", spec.timezone},
                    {"website", spec.website}};
  e.contact_name = spec.contact_name;
  e.contact_email = spec.contact_email;
  for (const auto& a : spec.answers) {
    auto eq = a.find('=');
    std::string key = eq == std::string::npos ? std::string() : a.substr(0, eq);
    if (key.empty() || slugify(key) != key) return usage(fmt::format("--answer '{}': write question-id=answer, the ID a slug", a));
    e.answers.emplace_back(key, yaml_string(a.substr(eq + 1)));
  }
  auto roles = known_roles(p);
  for (const auto& m : spec.members) {
    std::string problem;
    auto entries = team_members(m, &problem);
    if (!entries) return usage(fmt::format("--member '{}': {}", m, problem));
    for (auto& entry : *entries) {
      if (entry.roles.empty()) entry.roles.push_back("member");
      if (Status s = check_roles(p, entry.roles); !s) return Error{ErrorKind::usage, fmt::format("--member '{}': {}", m, s.error().message)};
      e.team.push_back(std::move(entry));
    }
  }
  Changes c;
  c.files.push_back({"eois/" + e.id + ".yaml", eoi_text(e), true, fmt::format("new EOI eois/{}.yaml", e.id)});
  return c;
}

}  // namespace collab::enroll
