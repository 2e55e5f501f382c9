#include "enroll/teams.h"

#include "core/text.h"
#include "core/slug.h"
#include "enroll/members.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace collab::enroll {
namespace {

using namespace collab::model;

std::string flow_list(const std::vector<std::string>& items) {
  std::vector<std::string> spelled;
  for (const auto& i : items) spelled.push_back(yaml_string(i));
  return fmt::format("[{}]", fmt::join(spelled, ", "));
}

std::string organization_file(const std::string& id, const Organization& o, const std::string& eoi) {
  std::string out = fmt::format(
      "# yaml-language-server: $schema=../.collab/schemas/organization.schema.json\n"
      "# Organization added by `collab enroll teams` from eois/{}.yaml.\n"
      "id: {}\nname: {}\n",
      eoi, id, yaml_string(o.name));
  if (!o.region.empty()) out += "region: " + yaml_string(o.region) + "\n";
  if (!o.country.empty()) out += "country: " + yaml_string(o.country) + "\n";
  if (!o.sector.empty()) out += "sector: " + o.sector + "\n";
  if (!o.timezone.empty()) out += "timezone: " + o.timezone + "\n";
  if (!o.website.empty()) out += "website: " + yaml_string(o.website) + "\n";
  return out;
}

// Why a proposed team would be an incomplete core team, or "".
std::string incomplete(const Eoi& eoi, const CoreTeamRules& rules) {
  std::vector<std::string> problems;
  for (const auto& role : rules.required_roles) {
    bool found = std::any_of(eoi.proposed_team.begin(), eoi.proposed_team.end(), [&](const ProposedMember& m) {
      return std::find(m.roles.begin(), m.roles.end(), role) != m.roles.end();
    });
    if (!found) problems.push_back("no " + role);
  }
  auto n = static_cast<int>(eoi.proposed_team.size());
  if (rules.min_members && n < *rules.min_members) problems.push_back(fmt::format("{} members, fewer than {}", n, *rules.min_members));
  if (rules.max_members && n > *rules.max_members) problems.push_back(fmt::format("{} members, more than {}", n, *rules.max_members));
  return fmt::format("{}", fmt::join(problems, ", "));
}

}  // namespace

std::string unique_slug(const std::string& name, const std::vector<std::string>& taken) {
  // IDs are typed and read in file names: long names are cut at a word boundary, near 40 characters.
  std::string base = slugify(name);
  if (base.empty()) base = "unnamed";
  if (base.size() > 40) {
    auto cut = base.rfind('-', 40);
    base.resize(cut != std::string::npos && cut >= 12 ? cut : 40);
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  std::string candidate = base;
  for (int n = 2; std::find(taken.begin(), taken.end(), candidate) != taken.end(); ++n) {
    candidate = fmt::format("{}-{}", base, n);
  }
  return candidate;
}

Result<Changes> enroll_teams(const Project& p, const EnrollOptions& options) {
  std::vector<std::string> wanted = options.eois;
  if (options.from_decisions) {
    if (!p.decisions) return Error{ErrorKind::data, "no decisions.yaml: run `collab score-eoi --write` first, or name the EOIs"};
    for (const auto& d : p.decisions->decisions) {
      if (d.decision == "selected") wanted.push_back(d.eoi);
    }
  }
  if (wanted.empty()) return Error{ErrorKind::usage, "name the EOIs to enroll, or use --from-decisions"};

  Changes changes;
  std::vector<std::string> team_ids, org_ids, member_ids;
  for (const auto& t : p.teams) {
    team_ids.push_back(t.id);
    for (const auto& m : t.members) member_ids.push_back(m.id);
  }
  for (const auto& o : p.organizations) org_ids.push_back(o.id);
  int active = static_cast<int>(std::count_if(p.teams.begin(), p.teams.end(), [](const Team& t) { return t.status == "active"; }));
  std::string joined = options.joined;
  if (joined.empty() && p.collaborative && p.collaborative->start) joined = format_date(*p.collaborative->start);
  if (!options.joined.empty()) {
    if (auto d = model::option_date(p, options.joined, "--joined"); !d) return d.error();
  }

  std::vector<std::string> refused;
  std::set<std::string> seen;
  std::map<std::string, std::string> new_orgs;  // name -> ID of organizations this run creates
  int added = 0;
  for (const auto& id : wanted) {
    if (!seen.insert(id).second) continue;
    const Eoi* eoi = p.find_eoi(id);
    if (eoi == nullptr) return Error{ErrorKind::usage, fmt::format("no EOI '{}' in eois/", id)};
    auto existing = std::find_if(p.teams.begin(), p.teams.end(), [&](const Team& t) { return t.eoi == id; });
    if (existing != p.teams.end()) {
      changes.notes.push_back(fmt::format("{}: enrolled already as teams/{}.yaml", id, existing->id));
      continue;
    }
    if (eoi->status == "withdrawn") {
      refused.push_back(fmt::format("{}: the applicant withdrew the EOI", id));
      continue;
    }
    if (p.collaborative && !options.allow_incomplete) {
      if (auto why = incomplete(*eoi, p.collaborative->core_team); !why.empty()) {
        refused.push_back(fmt::format("{}: incomplete core team ({}); use --allow-incomplete to enroll it anyway", id, why));
        continue;
      }
    }

    // The organization: the EOI's own ID, else one of the same name, else a new file.
    std::string org_id = eoi->organization.id;
    if (org_id.empty() || !p.find_organization(org_id)) {
      auto same = std::find_if(p.organizations.begin(), p.organizations.end(), [&](const Organization& o) {
        return trim_lower(o.name) == trim_lower(eoi->organization.name);
      });
      auto created = new_orgs.find(trim_lower(eoi->organization.name));  // two EOIs of one new organization
      if (same != p.organizations.end()) {
        org_id = same->id;
      } else if (created != new_orgs.end()) {
        org_id = created->second;
      } else {
        if (org_id.empty() || std::find(org_ids.begin(), org_ids.end(), org_id) != org_ids.end()) {
          org_id = unique_slug(eoi->organization.name, org_ids);
        }
        org_ids.push_back(org_id);
        new_orgs[trim_lower(eoi->organization.name)] = org_id;
        changes.files.push_back({"organizations/" + org_id + ".yaml", organization_file(org_id, eoi->organization, id), true,
                                 fmt::format("new organization organizations/{}.yaml", org_id)});
      }
    }

    std::string team_id = unique_slug(eoi->organization.name, team_ids);
    team_ids.push_back(team_id);
    std::string text = fmt::format(
        "# yaml-language-server: $schema=../.collab/schemas/team.schema.json\n"
        "# Team enrolled by `collab enroll teams` from eois/{}.yaml. Member IDs are unique across the\n"
        "# collaborative; attendance, network surveys and `collab enroll` name members by them.\n"
        "id: {}\nname: {}\norganization: {}\neoi: {}\nstatus: active\n",
        id, team_id, yaml_string(eoi->organization.name), org_id, id);
    if (!joined.empty()) text += "joined: " + joined + "\n";
    text += "members:";
    text += eoi->proposed_team.empty() ? " []\n" : "\n";
    for (const auto& m : eoi->proposed_team) {
      std::string member_id = unique_slug(m.name, member_ids);
      member_ids.push_back(member_id);
      text += fmt::format("  - id: {}\n    name: {}\n    roles: {}\n", member_id, yaml_string(m.name), flow_list(m.roles));
      if (!m.email.empty()) text += "    email: " + yaml_string(m.email) + "\n";
    }
    changes.files.push_back({"teams/" + team_id + ".yaml", text, true,
                             fmt::format("new team teams/{}.yaml from {} ({} members)", team_id, id, eoi->proposed_team.size())});
    ++added;
  }
  if (!refused.empty()) {
    return Error{ErrorKind::data, fmt::format("nothing was enrolled:\n  {}", fmt::join(refused, "\n  "))};
  }
  if (p.collaborative && p.collaborative->design.capacity && active + added > *p.collaborative->design.capacity) {
    return Error{ErrorKind::data,
                 fmt::format("nothing was enrolled: {} active teams and {} more would pass the capacity of {} (collab.yaml design.capacity)",
                             active, added, *p.collaborative->design.capacity)};
  }
  return changes;
}

}  // namespace collab::enroll
