#include "io/csv_read.h"

#include "io/files.h"

#include "io/yaml_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace collab {
namespace {

std::string normalized(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out(s.substr(b, e - b));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Error at(const std::string& path, int line, int column, const std::string& message) {
  return Error{ErrorKind::data, fmt::format("{}:{}:{}: {}", path, line, column, message)};
}

}  // namespace

int CsvTable::column(std::string_view name) const {
  std::string wanted = normalized(name);
  for (size_t i = 0; i < header.size(); ++i) {
    if (normalized(header[i]) == wanted) return static_cast<int>(i);
  }
  return -1;
}

Result<CsvTable> read_csv(std::string_view text, const std::string& path) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto bad = check_text(text); bad && bad->second == "the file is not valid UTF-8") {
    return at(path, bad->first.line, bad->first.column, "the file is not valid UTF-8 (export it as CSV UTF-8)");
  }
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string cell;
  int line = 1, column = 1;
  bool quoted = false, after_quote = false, record_started = false;
  int quote_line = 0, quote_column = 0;
  auto end_cell = [&] {
    current.cells.push_back(std::move(cell));
    cell.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    end_cell();
    bool blank = current.cells.size() == 1 && current.cells[0].empty();
    if (!blank) records.push_back(std::move(current));
    current = CsvRecord{};
    record_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!record_started) {
      current.line = line;
      record_started = true;
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
          ++column;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        continue;  // a line break inside a cell is kept as \n alone
      } else {
        cell += c;
        if (c == '\n') {
          ++line;
          column = 0;
        }
      }
    } else if (c == ',') {
      end_cell();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the \n ends the record
    } else if (c == '\n' || c == '\r') {
      end_record();
      ++line;
      column = 0;
    } else if (c == '"' && cell.empty() && !after_quote) {
      quoted = true;
      quote_line = line;
      quote_column = column;
    } else if (after_quote) {
      return at(path, line, column, "text after a closing quote (a quote inside a quoted cell is written \"\")");
    } else {
      cell += c;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;  // columns count characters, not bytes
  }
  if (quoted) return at(path, quote_line, quote_column, "a quoted cell is never closed");
  if (record_started) end_record();
  if (records.empty()) return at(path, 1, 1, "the file is empty: a CSV export starts with a header row");

  CsvTable table;
  table.header = std::move(records.front().cells);
  std::set<std::string> seen;
  for (size_t i = 0; i < table.header.size(); ++i) {
    std::string name = normalized(table.header[i]);
    if (name.empty()) return at(path, 1, static_cast<int>(i) + 1, fmt::format("column {} has no name in the header", i + 1));
    if (!seen.insert(name).second) {
      return at(path, 1, static_cast<int>(i) + 1, fmt::format("column '{}' appears twice in the header", table.header[i]));
    }
  }
  for (size_t r = 1; r < records.size(); ++r) {
    CsvRecord rec = std::move(records[r]);
    rec.row = static_cast<int>(r);
    if (rec.cells.size() < table.header.size()) rec.cells.resize(table.header.size());
    table.records.push_back(std::move(rec));
  }
  return table;
}

Result<CsvTable> read_csv_file(const std::string& path) {
  auto text = read_file_limited(path, kMaxCsvFileBytes);
  if (!text) return Error{text.error().kind, path + ": " + text.error().message};
  return read_csv(*text, path);
}

}  // namespace collab
