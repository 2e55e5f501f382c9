// Small text helpers the importers and the scoring share: names and answers typed by people are compared
// ignoring surrounding spaces and ASCII case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace collab {

std::string trim(std::string_view text);        // without leading and trailing white space
std::string ascii_lower(std::string_view text);  // A-Z lowered, other bytes kept
inline std::string trim_lower(std::string_view text) { return ascii_lower(trim(text)); }

// A decimal number written the plain way (-12, 3.5, 1e3), finite: no "nan", "inf", hex, spaces or
// trailing text, which std::stod would accept.
std::optional<double> finite_number(std::string_view text);

// One copy of `text` for the rest of the process, the same for equal texts, safe from any thread: for the
// few IDs that a model repeats hundreds of thousands of times (a national network's 288,000 values name 8
// measures: docs/performance.md). Never freed, so only for texts of which there are few.
const std::string& interned(std::string_view text);

}  // namespace collab
