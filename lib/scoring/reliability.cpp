#include "scoring/reliability.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace collab::scoring {

std::optional<MeanSquares> mean_squares(const std::vector<std::vector<double>>& complete) {
  size_t n = complete.size();
  if (n < 2) return std::nullopt;
  size_t k = complete.front().size();
  if (k < 2) return std::nullopt;
  for (const auto& row : complete) {
    if (row.size() != k) return std::nullopt;
  }
  double total = 0;
  for (const auto& row : complete) {
    for (double x : row) total += x;
  }
  const double N = static_cast<double>(n * k), dn = static_cast<double>(n), dk = static_cast<double>(k);
  const double grand = total / N;
  double ss_total = 0, ss_rows = 0, ss_cols = 0;
  for (const auto& row : complete) {
    double row_sum = 0;
    for (double x : row) {
      row_sum += x;
      ss_total += (x - grand) * (x - grand);
    }
    double d = row_sum / dk - grand;
    ss_rows += dk * d * d;
  }
  for (size_t j = 0; j < k; ++j) {
    double col_sum = 0;
    for (const auto& row : complete) col_sum += row[j];
    double d = col_sum / dn - grand;
    ss_cols += dn * d * d;
  }
  // Rounding can leave a residual or within sum of squares a hair below 0.
  double ss_within = std::max(0.0, ss_total - ss_rows);
  double ss_error = std::max(0.0, ss_total - ss_rows - ss_cols);
  MeanSquares ms;
  ms.bms = ss_rows / (dn - 1);
  ms.wms = ss_within / (dn * (dk - 1));
  ms.jms = ss_cols / (dk - 1);
  ms.ems = ss_error / ((dn - 1) * (dk - 1));
  ms.units = n;
  ms.raters = k;
  return ms;
}

namespace {

// The scale of the data's squares, against which a denominator counts as 0 (rounding, not variance).
double square_scale(const std::vector<std::vector<double>>& complete) {
  double sum = 0;
  size_t count = 0;
  for (const auto& row : complete) {
    for (double x : row) sum += x * x, ++count;
  }
  return count == 0 ? 0 : sum / static_cast<double>(count);
}

std::optional<IccResult> ratio(const std::vector<std::vector<double>>& complete, const MeanSquares& ms,
                               double numerator, double denominator) {
  if (!(denominator > 1e-12 * square_scale(complete))) return std::nullopt;
  return IccResult{numerator / denominator, ms.units, ms.raters};
}

}  // namespace

std::optional<IccResult> icc_2_1(const std::vector<std::vector<double>>& complete) {
  auto ms = mean_squares(complete);
  if (!ms) return std::nullopt;
  double n = static_cast<double>(ms->units), k = static_cast<double>(ms->raters);
  return ratio(complete, *ms, ms->bms - ms->ems, ms->bms + (k - 1) * ms->ems + k * (ms->jms - ms->ems) / n);
}

std::optional<IccResult> icc_3_1(const std::vector<std::vector<double>>& complete) {
  auto ms = mean_squares(complete);
  if (!ms) return std::nullopt;
  double k = static_cast<double>(ms->raters);
  return ratio(complete, *ms, ms->bms - ms->ems, ms->bms + (k - 1) * ms->ems);
}

std::optional<IccResult> icc_1_1(const std::vector<std::vector<double>>& complete) {
  auto ms = mean_squares(complete);
  if (!ms) return std::nullopt;
  double k = static_cast<double>(ms->raters);
  return ratio(complete, *ms, ms->bms - ms->wms, ms->bms + (k - 1) * ms->wms);
}

namespace {

using Units = std::vector<bool>;  // which units a rater (or a set of raters) rated

bool has(const RatingTable& table, size_t unit, size_t rater) {
  return rater < table[unit].size() && table[unit][rater].has_value();
}

size_t count(const Units& units) { return static_cast<size_t>(std::count(units.begin(), units.end(), true)); }

Units intersect(Units a, const Units& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] = a[i] && b[i];
  return a;
}

// The order of the header: more ratings, then more raters, then the lexicographically first raters.
bool better(size_t units_a, const std::vector<size_t>& raters_a, size_t units_b, const std::vector<size_t>& raters_b) {
  size_t a = units_a * raters_a.size(), b = units_b * raters_b.size();
  if (a != b) return a > b;
  if (raters_a.size() != raters_b.size()) return raters_a.size() > raters_b.size();
  return raters_a < raters_b;
}

Block make_block(const Units& units, std::vector<size_t> raters) {
  Block b;
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u]) b.units.push_back(u);
  }
  b.raters = std::move(raters);
  return b;
}

}  // namespace

std::optional<Block> largest_complete_block(const RatingTable& table) {
  size_t width = 0;
  for (const auto& row : table) width = std::max(width, row.size());
  // Raters who rated 2 units or more; no block of 2 units can use the others.
  std::vector<size_t> raters;
  std::vector<Units> rated;
  for (size_t r = 0; r < width; ++r) {
    Units u(table.size(), false);
    for (size_t i = 0; i < table.size(); ++i) u[i] = has(table, i, r);
    if (count(u) >= 2) {
      raters.push_back(r);
      rated.push_back(std::move(u));
    }
  }
  const size_t m = raters.size();
  std::optional<Block> best;
  size_t best_units = 0;
  auto consider = [&](const Units& units, const std::vector<size_t>& chosen) {
    size_t c = count(units);
    if (c < 2 || chosen.size() < 2) return;
    if (!best || better(c, chosen, best_units, best->raters)) {
      best = make_block(units, chosen);
      best_units = c;
    }
  };
  if (m <= 16) {
    // Every set of raters whose common units number 2 or more: adding a rater only removes units, so
    // a set below 2 is not extended (the others are all the blocks there are).
    std::vector<size_t> chosen;
    std::function<void(size_t, const Units&)> extend = [&](size_t next, const Units& units) {
      consider(units, chosen);
      for (size_t j = next; j < m; ++j) {
        Units common = intersect(units, rated[j]);
        if (count(common) < 2) continue;
        chosen.push_back(raters[j]);
        extend(j + 1, common);
        chosen.pop_back();
      }
    };
    extend(0, Units(table.size(), true));
    return best;
  }
  // Greedy: the best pair, then one rater at a time.
  for (size_t a = 0; a < m; ++a) {
    for (size_t b = a + 1; b < m; ++b) consider(intersect(rated[a], rated[b]), {raters[a], raters[b]});
  }
  if (!best) return std::nullopt;
  std::vector<size_t> chosen = best->raters;
  Units units(table.size(), false);
  for (size_t u : best->units) units[u] = true;
  while (true) {
    std::optional<size_t> pick;
    Units pick_units;
    size_t pick_count = 0;
    for (size_t j = 0; j < m; ++j) {
      if (std::find(chosen.begin(), chosen.end(), raters[j]) != chosen.end()) continue;
      Units next = intersect(units, rated[j]);
      size_t c = count(next);
      if (c >= 2 && (!pick || c > pick_count)) pick = j, pick_units = std::move(next), pick_count = c;
    }
    if (!pick) break;
    chosen.insert(std::upper_bound(chosen.begin(), chosen.end(), raters[*pick]), raters[*pick]);
    units = std::move(pick_units);
    consider(units, chosen);
  }
  return best;
}

std::optional<IccResult> icc_2_1_largest_block(const RatingTable& table) {
  auto block = largest_complete_block(table);
  if (!block) return std::nullopt;
  std::vector<std::vector<double>> complete;
  for (size_t u : block->units) {
    std::vector<double> row;
    for (size_t r : block->raters) row.push_back(*table[u][r]);
    complete.push_back(std::move(row));
  }
  return icc_2_1(complete);
}

namespace {

template <class Delta2>
std::optional<AlphaResult> alpha(const RatingTable& table, Delta2 delta2) {
  // Coincidences o_ck over the distinct values, in increasing order.
  std::map<double, std::map<double, double>> o;
  size_t units = 0, n = 0;
  for (const auto& row : table) {
    std::vector<double> values;
    for (const auto& v : row) {
      if (v) values.push_back(*v);
    }
    const size_t m = values.size();
    if (m < 2) continue;
    ++units;
    n += m;
    for (size_t i = 0; i < m; ++i) {
      for (size_t j = 0; j < m; ++j) {
        if (i != j) o[values[i]][values[j]] += 1.0 / static_cast<double>(m - 1);
      }
    }
  }
  if (n < 2 || o.size() < 2) return std::nullopt;
  std::map<double, double> marginal;  // n_c
  for (const auto& [c, row] : o) {
    for (const auto& [k, count] : row) marginal[c] += count;
  }
  double observed = 0, expected = 0;
  for (const auto& [c, row] : o) {
    for (const auto& [k, count] : row) observed += count * delta2(c, k);
  }
  for (const auto& [c, nc] : marginal) {
    for (const auto& [k, nk] : marginal) expected += nc * nk * delta2(c, k);
  }
  if (!(expected > 0)) return std::nullopt;
  double value = 1.0 - (static_cast<double>(n) - 1.0) * observed / expected;
  return AlphaResult{value, units, n};
}

}  // namespace

std::optional<AlphaResult> krippendorff_alpha_interval(const RatingTable& table) {
  return alpha(table, [](double c, double k) { return (c - k) * (c - k); });
}

std::optional<AlphaResult> krippendorff_alpha_nominal(const RatingTable& table) {
  return alpha(table, [](double c, double k) { return c == k ? 0.0 : 1.0; });
}

}  // namespace collab::scoring
