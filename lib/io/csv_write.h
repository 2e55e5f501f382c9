// Writing CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and the OWASP guard against formula
// injection (a text cell starting with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet
// shows it as text instead of running it). Numbers are written as numbers and never guarded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab {

std::string csv_text(std::string_view text);  // a text cell, guarded and quoted as needed
std::string csv_number(double value, int decimals);
// One record: cells already formatted by csv_text / csv_number, joined with commas, ended with CRLF.
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace collab
