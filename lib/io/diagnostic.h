// A diagnostic is one problem found in one place of one file: what `collab validate` reports, and what
// every loader collects instead of stopping at the first problem. Lines and columns count from 1; 0 means
// "the whole file" (column 0: the whole line).
#pragma once

#include <string>
#include <vector>

namespace collab {

enum class Severity { error, warning };

struct Location {
  std::string file;  // as shown to the user (relative to the current folder where possible)
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Location where;
  Severity severity = Severity::error;
  std::string message;
};

class Diagnostics {
 public:
  void error(Location where, std::string message);
  void warning(Location where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  bool empty() const { return items_.empty(); }

  // Sorted by file, line, column, then message; duplicates removed. Output is deterministic.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

const char* severity_name(Severity s);
// "path:line:column: error: message" (line and column omitted when 0).
std::string format_text(const Diagnostic& d);
// A GitHub Actions workflow command: "::error file=path,line=L,col=C::message".
std::string format_github(const Diagnostic& d);

}  // namespace collab
