// How lib/mel writes numbers and missing values in JSON, as lib/metrics does (docs/metrics.md, "JSON"):
// numbers rounded to 6 decimals, and null for a value that does not exist (a rate with a zero denominator,
// an absent date or text). Internal to lib/mel.
#pragma once

#include "core/dates.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <string>

namespace collab::mel::detail {

// 6 decimals: enough for any share, and stable across compilers in golden files. "+ 0.0" turns a rounded
// -0.0 (a tiny negative rounding error) into 0.
inline double round6(double v) { return std::round(v * 1e6) / 1e6 + 0.0; }
inline nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(round6(v)) : nlohmann::json(nullptr); }
inline nlohmann::json num(const std::optional<double>& v) { return v ? num(*v) : nlohmann::json(nullptr); }
inline nlohmann::json opt_int(const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
inline nlohmann::json opt_date(const std::optional<Date>& d) {
  return d ? nlohmann::json(format_date(*d)) : nlohmann::json(nullptr);
}
inline nlohmann::json opt_text(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

// Days from a to b (negative when b is before a).
inline int days_between(const Date& a, const Date& b) {
  return static_cast<int>((date::sys_days{b} - date::sys_days{a}).count());
}

}  // namespace collab::mel::detail
