// Survey responses from a form export (collab mel import): one CSV row a response, into responses/<survey>.yaml,
// edited in place (comments and order kept) or created with the schema line. Like the EOI import
// (enroll/eoi_import.h), a bad row is refused with its line, row and column while the good rows are still
// imported; a header that does not fit the survey stops the import before any row is read. Importing the same
// file again changes nothing: a response ID on file with the same content is unchanged, with other content it is
// refused unless `replace`. The new text is then checked by validate's own checks (evaluation/record.h,
// check_changes): a row that brings an error is refused with validate's message and the file built again
// without it.
#pragma once

#include "evaluation/record.h"
#include "io/csv_read.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <optional>
#include <string>
#include <vector>

namespace collab::evaluation {

struct ResponsesImport {
  int rows = 0, added = 0, replaced = 0, unchanged = 0;
  std::optional<FileChange> file;  // responses/<survey>.yaml's new text, when anything changes
  Diagnostics refused;             // one error a refused row, at {csv_path, the row's line, 0}: "row N, column 'X': ..."
  Diagnostics header;              // the header's problems, at {csv_path, 1, 0}: then no row is read
  Diagnostics warnings;            // what validate warns of, that the new text brings
};

struct ResponsesImportSpec {
  std::string survey;  // a survey of surveys/
  std::string event;   // the event of every row that has no `event` cell (--event); "" for none
  bool replace = false;
};

// Columns (header names compared ignoring case and surrounding spaces):
//   id (or response)  the response's ID, a slug; required
//   event             an event of events/ (one the survey asks about, when it lists events); required unless
//                     spec.event is given (a non-empty cell wins over it)
//   member            a member's ID; optional
//   email             matched to the member of that email, ignoring case; optional (member wins when both are given,
//                     and must then be the email's member)
//   submitted         YYYY-MM-DD; optional
//   <item ID>         one column per survey item: an empty cell is not answered; scale and nps cells must be whole
//                     numbers on the item's scale (nps: 0 to 10); open items keep the text (trimmed)
// Any other column is a header problem naming it; so is a missing id column, a missing event column without
// spec.event, or a column given twice (id and response).
//
// ErrorKind::usage (nothing read) for an unknown survey or spec.event.
Result<ResponsesImport> import_responses(const model::Project& project, const CsvTable& table, const std::string& csv_path,
                                         const ResponsesImportSpec& spec);

}  // namespace collab::evaluation
