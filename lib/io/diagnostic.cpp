#include "io/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace collab {

void Diagnostics::error(Location where, std::string message) {
  items_.push_back({std::move(where), Severity::error, std::move(message)});
}

void Diagnostics::warning(Location where, std::string message) {
  items_.push_back({std::move(where), Severity::warning, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

size_t Diagnostics::error_count() const {
  return static_cast<size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.where.file, d.where.line, d.where.column, d.severity, d.message);
  };
  std::sort(items_.begin(), items_.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
               items_.end());
}

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string format_text(const Diagnostic& d) {
  std::string where = d.where.file;
  if (d.where.line > 0) {
    where += fmt::format(":{}", d.where.line);
    if (d.where.column > 0) where += fmt::format(":{}", d.where.column);
  }
  return fmt::format("{}: {}: {}", where, severity_name(d.severity), d.message);
}

namespace {

// Workflow-command escaping (GitHub's toolkit: escapeData / escapeProperty).
std::string escape_github(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string format_github(const Diagnostic& d) {
  std::string props = "file=" + escape_github(d.where.file, true);
  if (d.where.line > 0) props += fmt::format(",line={}", d.where.line);
  if (d.where.column > 0) props += fmt::format(",col={}", d.where.column);
  return fmt::format("::{} {}::{}", severity_name(d.severity), props, escape_github(d.message, false));
}

}  // namespace collab
