// Team data from a long CSV (one row per team, period and measure), as REDCap or a spreadsheet exports it,
// into data/<team>.yaml: existing files are edited in place (comments and order kept), missing ones
// created. All or nothing: any bad row makes the whole import fail, with every problem listed.
#pragma once

#include "core/dates.h"
#include "io/csv_read.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <optional>
#include <string>
#include <vector>

namespace collab::metrics {

struct DataFileChange {
  std::string path;  // relative to the root: data/<team>.yaml
  std::string content;
  bool created = false;
};

struct DataImport {
  int rows = 0, added = 0, replaced = 0, unchanged = 0;
  std::vector<DataFileChange> files;  // by path
  Diagnostics problems;               // when not empty, nothing is to be written
};

// Columns (header names compared ignoring case and spaces): team, period, measure (required); numerator,
// denominator, value, missing, note, submitted (optional). A period is YYYY-MM (YYYY-MM-DD is read as its
// month), or for a measure reported weekly an ISO week YYYY-Www (YYYY-MM-DD is read as its week; a month is
// refused). A row gives numerator and denominator (proportions, rates), or value (counts, continuous), or
// missing (a reason). A row's (team, period, measure) already in the data with the same numbers, note and
// reason is unchanged; with others it is refused unless `replace`. `submitted` (the row's, else
// `default_submitted`) is recorded on periods that have no submitted date yet.
//
// Refused, each at {csv_path, the row's line, 0} as "row N, column 'name': ...": an unknown team or measure,
// a malformed or nonexistent period, a period outside the collaborative, a cell that is not a number, a
// negative number, a numerator above its denominator (proportions), a count that is not whole, the wrong
// kind of value for the measure's type, a row repeating an earlier row's team, period and measure.
DataImport import_data(const model::Project& project, const CsvTable& table, const std::string& csv_path, bool replace,
                       const std::optional<Date>& default_submitted);

}  // namespace collab::metrics
