// The checks `collab validate` runs after every file passed its schema: identifiers unique, references
// resolved, dates real and in order and inside the collaborative's span, values consistent with their
// measures. docs/format.md lists them; each adds diagnostics at the YAML position of the field at fault.
#pragma once

#include "io/diagnostic.h"
#include "model/project.h"

namespace collab::check {

void check_project(const model::Project& project, Diagnostics& diags);

}  // namespace collab::check
