// Reading CSV as form tools and spreadsheets export it (RFC 4180): fields separated by commas, quoted
// with double quotes when they hold commas, quotes ("" inside) or line breaks; CRLF or LF line ends; an
// optional UTF-8 byte-order mark. A line break inside a quoted cell reads as "\n" whatever the file used. Each record remembers the line it starts on, so a problem in a cell is
// reported as `file:line: row N, column NAME: ...`.
#pragma once

#include "core/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace collab {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts in the file
  int row = 0;   // 1-based data row (the header is row 0)
  std::vector<std::string> cells;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
  // The index of a header (compared ignoring case and surrounding spaces), or -1.
  int column(std::string_view name) const;
};

// Fails (ErrorKind::data, message starting "path:line:column:") on text that is not UTF-8, a quote that is
// never closed, text after a closing quote, an empty file, or a header with an empty or repeated name.
// Records with fewer cells than the header are padded with empty cells; blank lines are skipped.
Result<CsvTable> read_csv(std::string_view text, const std::string& path);

// Reads the file at `path` (shown in messages as given) and parses it with read_csv; a file that cannot be
// read is ErrorKind::io, "PATH: cannot read the file".
Result<CsvTable> read_csv_file(const std::string& path);

}  // namespace collab
