// PDSA cycles from the command line (collab pdsa): a new cycle file made from options, a cycle's decision
// recorded in its file, the cycles listed. A change is computed first (the new text of one file) and
// checked twice before anything is written: against the model, with messages that name the options, then
// by validate itself (verify_change: the collaborative loaded again with the new text in place, its schema
// and cross-reference checks run), so that `collab pdsa` never writes a cycle `collab validate` refuses.
// Existing files are edited in place (io/yaml_edit.h): comments, blank lines and key order stay.
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <optional>
#include <string>
#include <vector>

namespace collab::improvement {

// The new text of one cycle file.
struct CycleChange {
  std::string path;      // relative to the root: pdsa/<team>/<id>.yaml
  std::string content;   // the whole new text
  bool created = false;  // a new file (never overwrites) rather than an edit of an existing one
  std::string team, id;
  std::string summary;   // "new cycle pdsa/harbor/intake-script-3.yaml (team harbor, idea intake-script)"
};

// collab pdsa add: every field as the options give it; empty means not given.
struct AddSpec {
  std::string team, idea, id, objective, prediction, start, builds_on;
  std::vector<std::string> questions;
  std::string who, what, where, when, data;
};

// The ID a new cycle of `idea` gets when none is given: "<idea>-N", N one more than the highest N of the
// team's cycles named so (1 for the first), the idea's ID cut so that the whole stays within 63 characters.
std::string next_cycle_id(const model::Project& project, const std::string& team, const std::string& idea);

// The new file pdsa/<team>/<id>.yaml. ErrorKind::usage (nothing to write) for an unknown team, an idea the
// team cannot use (neither the change package's nor the team's own), an unknown builds_on (a cycle of the
// same team), an ID that is not a slug, an empty objective or other text, a start that is not a date or
// falls outside the collaborative, a start before the start of the cycle it builds on; ErrorKind::cannot_create
// when the team has a cycle of that ID already.
Result<CycleChange> add_cycle(const model::Project& project, const AddSpec& spec);

// collab pdsa decide. `decision`: adopt, adapt or abandon; `prediction`: confirmed, partly, not-confirmed.
struct DecideSpec {
  std::string cycle, team;  // team: needed only when several teams have a cycle of that ID
  std::string decision, date, learned, prediction, done, end, next;
  bool force = false;  // replace a decision (and study, do values) the file holds already
};

// The cycle DecideSpec names. ErrorKind::usage when there is none, or when several teams have one of that
// ID and `team` is empty (the message names them).
Result<const model::PdsaCycle*> find_cycle(const model::Project& project, const std::string& id, const std::string& team);

// The cycle's file with `act` (decision, date, next), `study` (learned, prediction) and `do` (done, end) set
// from the spec, edited in place from `text` (the file's text now). ErrorKind::usage for a bad decision or
// prediction value, a date that is not one or falls outside the collaborative, a decision dated before the
// cycle's start or before the test's end (do.end, as given or as in the file), an end before the start, a
// study.prediction without study.learned; ErrorKind::cannot_create for a decision (or a study or do value)
// the file holds already, unless `force`.
Result<CycleChange> decide_cycle(const model::Project& project, const model::PdsaCycle& cycle, const std::string& text,
                                 const DecideSpec& spec);
// The same, reading the cycle's file from the collaborative (ErrorKind::io when it cannot be read).
Result<CycleChange> decide_cycle(const model::Project& project, const DecideSpec& spec);

// validate's own checks on the collaborative as `change` would leave it: the collaborative is read again
// from project.root with the new text in place of (or beside) its files, every file checked against its
// schema and every cross-reference checked. An error (the project itself is valid, so any error is the
// change's) is ErrorKind::usage, "<file> would not pass collab validate; nothing was written:" followed by
// the diagnostics, one a line; otherwise the warnings the change brings (those about its file that the
// project did not have already).
Result<Diagnostics> verify_change(const model::Project& project, const CycleChange& change);

// collab pdsa list.
struct ListFilter {
  std::string team, idea;
  bool open_only = false;
};

struct CycleRow {
  std::string team, id, idea, start, end, decision, decided, builds_on, file;  // decision empty: open
  bool open() const { return decision.empty(); }
};

// The cycles by team, then start, then ID. ErrorKind::usage for an unknown team or idea.
Result<std::vector<CycleRow>> list_cycles(const model::Project& project, const ListFilter& filter);

}  // namespace collab::improvement
