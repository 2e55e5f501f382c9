// Enrolling: selected EOIs become teams. For each EOI, the organization is reused (the EOI's
// organization.id, or an organization file of the same name) or created from the EOI's attributes, and a
// team is created with the proposed members (IDs made from their names, unique across the collaborative).
// An EOI that has a team already is skipped, so enrolling twice changes nothing. The capacity
// (collab.yaml design.capacity) is a hard limit; a team missing a required core-team role, or with fewer
// or more members than core_team allows, is refused with the reason unless allow_incomplete.
#pragma once

#include "core/error.h"
#include "enroll/changes.h"
#include "model/project.h"

#include <string>
#include <vector>

namespace collab::enroll {

struct EnrollOptions {
  std::vector<std::string> eois;  // EOI IDs; empty with from_decisions: the selected ones in decisions.yaml
  bool from_decisions = false;
  bool allow_incomplete = false;
  std::string joined;  // YYYY-MM-DD; default the collaborative's start
};

// ErrorKind::usage for an unknown EOI or no EOIs; ErrorKind::data when decisions.yaml is missing, the
// capacity would be passed, or a team is incomplete (the message lists every refused EOI and why).
Result<Changes> enroll_teams(const model::Project& project, const EnrollOptions& options);

// A slug not in `taken` made from `name` (cut at a word boundary near 40 characters): "maria-lopez", else
// "maria-lopez-2", "-3"...
std::string unique_slug(const std::string& name, const std::vector<std::string>& taken);

}  // namespace collab::enroll
