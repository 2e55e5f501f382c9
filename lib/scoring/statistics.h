// Summary statistics for aggregating reviewers' scores: mean, median, trimmed mean and sample standard
// deviation. Each takes the values and returns a number, nothing else. Callers pass at least one value:
// every function here is defined on an empty input too (it returns 0, never NaN), but 0 is not a
// meaningful score, so the caller decides beforehand what an EOI without scores gets.
#pragma once

#include <optional>
#include <vector>

namespace collab::scoring {

// Arithmetic mean. Empty input: 0.
double mean(const std::vector<double>& values);

// The middle value after sorting; for an even count, the mean of the two middle values. Empty input: 0.
double median(std::vector<double> values);

// Mean after sorting and dropping floor(proportion * n) values from each end (the convention of R's
// mean(x, trim = proportion)). proportion is in [0, 0.5): 0 gives the mean; below 0 counts as 0; 0.5
// and above keep the middle one or two values, which gives the median. Examples: 5 values at 0.2 drop
// one from each end; 4 values at 0.2 drop none (floor(0.8) = 0). Empty input: 0.
double trimmed_mean(std::vector<double> values, double proportion);

// Sample standard deviation, divisor n - 1: sqrt(sum (x - mean)^2 / (n - 1)). None for fewer than 2
// values, where it is undefined. 0 when all values are equal.
std::optional<double> sample_sd(const std::vector<double>& values);

}  // namespace collab::scoring
