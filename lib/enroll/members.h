// Changing the people of an enrolled cohort: members added, moved between teams, given other roles or
// another engagement level, removed; teams added by hand and withdrawn (a withdrawn team keeps its file,
// with the date and the reason). Existing files are edited in place (io/yaml_edit.h), so their comments,
// blank lines and key order stay as their authors left them.
#pragma once

#include "core/error.h"
#include "enroll/changes.h"
#include "model/project.h"

#include <optional>
#include <string>
#include <vector>

namespace collab::enroll {

struct MemberSpec {
  std::string name, email, engagement, joined;
  std::vector<std::string> roles;
};

// Roles a member may have: the collaborative's required core-team roles, every role already given to a
// member or proposed in an EOI, and the usual ones (senior-leader, supervisor, clinician, practitioner,
// data-manager, contact, member).
std::vector<std::string> known_roles(const model::Project& project);

Result<Changes> add_member(const model::Project& project, const std::string& team, const MemberSpec& member);
Result<Changes> move_member(const model::Project& project, const std::string& member, const std::string& to_team);
Result<Changes> update_member(const model::Project& project, const std::string& member,
                              const std::optional<std::vector<std::string>>& roles,
                              const std::optional<std::string>& engagement);
Result<Changes> remove_member(const model::Project& project, const std::string& member, const std::string& left);
Result<Changes> withdraw_team(const model::Project& project, const std::string& team, const std::string& date,
                              const std::string& reason);

struct TeamSpec {
  std::string name, organization, eoi, joined;
};
Result<Changes> add_team(const model::Project& project, const TeamSpec& team);

// One EOI typed in by hand (a phone call, an email), as `collab enroll add-eoi` flags give it.
struct EoiSpec {
  std::string organization, region, country, sector, timezone, website;
  std::string contact_name, contact_email, submitted;
  std::vector<std::string> members;  // "Name, role, email" (the team entry forms of lib/enroll/form.h)
  std::vector<std::string> answers;  // "question-id=answer"
};
Result<Changes> add_eoi(const model::Project& project, const EoiSpec& eoi);

}  // namespace collab::enroll
