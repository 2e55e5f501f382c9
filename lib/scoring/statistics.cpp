#include "scoring/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace collab::scoring {

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

double trimmed_mean(std::vector<double> values, double proportion) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  size_t drop = 0;
  if (proportion > 0) {  // false for NaN too
    double d = std::floor(proportion * static_cast<double>(n));
    drop = d >= static_cast<double>(n) ? n : static_cast<size_t>(d);
  }
  drop = std::min(drop, (n - 1) / 2);  // keeps 1 (odd n) or 2 (even n) values at least
  double sum = 0;
  for (size_t i = drop; i < n - drop; ++i) sum += values[i];
  return sum / static_cast<double>(n - 2 * drop);
}

std::optional<double> sample_sd(const std::vector<double>& values) {
  if (values.size() < 2) return std::nullopt;
  // Exactly 0 for equal values: their computed mean can be off by rounding (0.1 three times).
  if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); })) return 0.0;
  double m = mean(values);
  double ss = 0;
  for (double v : values) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(values.size() - 1));
}

}  // namespace collab::scoring
