// Monitoring, evaluation and learning records from the command line (collab mel): a ballot in
// learning-agenda.yaml, a new outcome statement, a substantiation of one, an in-kind contribution in
// resources.yaml. Like lib/improvement, each change is computed first as the new text of one file, checked
// against the model with messages that name the options, then by validate itself (verify_change: the
// collaborative read again with the new text in place, its schema and cross-reference checks run) before the
// caller writes it. Existing files are edited in place (io/yaml_edit.h): comments, blank lines and key order stay.
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "io/yaml_edit.h"
#include "model/project.h"

#include <string>
#include <vector>

namespace collab::evaluation {

// The new text of one file.
struct FileChange {
  std::string path;      // relative to the root
  std::string content;   // the whole new text
  bool created = false;  // a new file (never overwrites) rather than an edit of an existing one
  std::string summary;   // one line: "outcome 'x': new outcomes/x.yaml (...)"
};

// What validate would say of the collaborative as `changes` leave it, beyond what it says now: the errors and
// the warnings the changes bring (compared by file, severity and message, since lines move in an edited file).
struct Verdict {
  Diagnostics errors, warnings;
};
Verdict check_changes(const model::Project& project, const std::vector<FileChange>& changes);

// check_changes for one change: its errors are ErrorKind::usage, "<file> would not pass collab validate;
// nothing was written:" then the diagnostics, one a line; otherwise the warnings it brings.
Result<Diagnostics> verify_change(const model::Project& project, const FileChange& change);

// collab mel vote. Either dots (topic -> dots, as given, "topic" or "topic=N") or ranking.
struct VoteSpec {
  std::string voter, group, date;
  std::vector<std::string> dots;     // "topic" (one dot) or "topic=N"
  std::vector<std::string> ranking;  // topic IDs, first choice first (each may hold several, comma-separated)
  bool replace = false;
};

// The ballot added to learning-agenda.yaml (or the voter's ballot replaced, with `replace`). ErrorKind::usage for
// no learning-agenda.yaml, an unknown voter (a member or a faculty member), --dot with a borda agenda or --rank with
// a dots one, neither or both, an unknown topic, a topic given twice, a number of dots that is not a whole number
// from 1, more dots than the agenda gives a voter or than max_per_topic allows on one topic, a date that is not one
// or falls outside the collaborative; ErrorKind::cannot_create when the voter has voted already, unless `replace`.
Result<FileChange> record_vote(const model::Project& project, const VoteSpec& spec);

// collab mel outcome.
struct OutcomeSpec {
  std::string id, actor, change, when, where, significance, contribution, type, effect, harvested;
  bool unintended = false;
  std::vector<std::string> events, products, members, sources, toc_outcomes;
};

// The new file outcomes/<id>.yaml. ErrorKind::usage for an ID that is not a slug (or a reserved name), an empty
// text, a type or effect not in the schema's list, a date that is not one, an unknown event, product, member or
// theory-of-change outcome, one given twice; ErrorKind::cannot_create when the outcome exists already.
Result<FileChange> add_outcome(const model::Project& project, const OutcomeSpec& spec);

// collab mel substantiate.
struct SubstantiationSpec {
  std::string outcome, by, verdict, date, note;
  bool independent = true;
};

// The outcome's file with one more entry in `substantiations`, edited in place from `text` (the file now).
// ErrorKind::usage for an unknown outcome, an empty --by or --note, a verdict not in the list, a date that is not
// one; ErrorKind::cannot_create when the file has the same substantiation already.
Result<FileChange> substantiate(const model::Project& project, const model::OutcomeStatement& outcome,
                                const std::string& text, const SubstantiationSpec& spec);
// The same, reading the outcome's file (ErrorKind::io when it cannot be read).
Result<FileChange> substantiate(const model::Project& project, const SubstantiationSpec& spec);

// collab mel contribute. Exactly one of hours and amount, as typed (checked here: numbers of zero or more).
struct ContributionSpec {
  std::string member, category, hours, amount, event, date, note;
};

// resources.yaml with one more entry in `in_kind`. ErrorKind::usage for no resources.yaml, an unknown member or
// event, a category not in the list, neither or both of hours and amount, one that is not a number or is
// negative, a date that is not one or falls outside the collaborative, an empty note.
Result<FileChange> record_contribution(const model::Project& project, const std::string& text,
                                       const ContributionSpec& spec);
Result<FileChange> record_contribution(const model::Project& project, const ContributionSpec& spec);

// Appends a mapping item (YAML text at indent 0) to the list at `pointer`, as YamlEditor::append_item does; a list
// written empty in flow style (`in_kind: []`) becomes a block list holding the item.
Status append_mapping_item(YamlEditor& editor, const std::string& pointer, const std::string& item);

// The text of a file of the collaborative (relative path), read whole; ErrorKind::io when it cannot be.
Result<std::string> read_project_file(const model::Project& project, const std::string& relative_path);

}  // namespace collab::evaluation
