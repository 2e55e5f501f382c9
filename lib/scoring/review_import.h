// Reviews from the reviewers' spreadsheet: one CSV row per reviewer per EOI becomes
// reviews/<eoi>/<reviewer>.yaml. Columns are found by their header, ignoring case: `eoi` and `reviewer`
// (required), `submitted`, `conflict`, `comments`, one column per criterion (its ID or its name), and one
// per reviewer-judged gate, headed `gate:<id>`. A review that exists already is skipped, never
// overwritten, so importing the same spreadsheet again adds nothing; a bad row is refused with its row
// and column while the good rows are still imported.
#pragma once

#include "io/csv_read.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <string>
#include <vector>

namespace collab::scoring {

struct ImportedReview {
  std::string eoi, reviewer;
  std::string path;     // relative to the root: reviews/<eoi>/<reviewer>.yaml
  std::string content;  // the YAML to write
  int row = 0;
};

struct ReviewImport {
  std::vector<ImportedReview> added;
  std::vector<std::pair<int, std::string>> skipped;  // row, why (present already)
  Diagnostics refused;                               // one per refused row
};

ReviewImport import_reviews(const CsvTable& table, const std::string& csv_path, const model::Project& project);

}  // namespace collab::scoring
