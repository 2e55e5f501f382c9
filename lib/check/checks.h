// The checks `collab validate` runs after every file passed its schema: identifiers unique, references
// resolved, dates real and in order and inside the collaborative's span, values consistent with their
// measures. docs/format.md lists them; each adds diagnostics at the YAML position of the field at fault.
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "model/project.h"

namespace collab::check {

void check_project(const model::Project& project, Diagnostics& diags);

// What validate would say of the collaborative with `overlay`'s texts in place of (or beside) its files,
// beyond what it says now: the errors and the warnings the change brings. Both states are read from disk the
// same way; since lines move in an edited file, diagnostics are compared by file, severity and message.
struct ChangeVerdict {
  Diagnostics errors, warnings;
};
ChangeVerdict check_change(const model::Project& project, const model::Overlay& overlay);

// check_change, for a command about to write: its errors are ErrorKind::usage, "<shown> would not pass collab
// validate; nothing was written:" then the diagnostics, one a line; otherwise the warnings it brings.
Result<Diagnostics> verify_change(const model::Project& project, const model::Overlay& overlay, const std::string& shown);

}  // namespace collab::check
