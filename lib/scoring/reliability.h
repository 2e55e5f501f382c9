// How far reviewers agree: inter-rater reliability of the scores in a round. A reliability figure near 1
// says the reviewers rank and score the EOIs alike; near 0 (or below) that the scores say more about who
// reviewed an EOI than about the EOI. Two figures are offered:
//
// - ICC(2,1) (Shrout & Fleiss 1979, "Intraclass correlations: uses in assessing rater reliability",
//   Psychological Bulletin 86(2), 420-428): two-way random effects, absolute agreement, one rater. It
//   needs every rater to rate every unit, so on the sparse data of a round (each EOI read by 2-3 of ~6
//   reviewers) it is computed on the largest complete block of the table.
// - Krippendorff's alpha, interval metric (Krippendorff 2011, "Computing Krippendorff's Alpha-
//   Reliability", Annenberg School for Communication, University of Pennsylvania): takes missing ratings
//   as they are, so it uses every unit that at least two reviewers scored.
//
// Ratings are finite numbers; two ratings are the same value when they are equal as doubles. None of
// the functions throws.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace collab::scoring {

// Units (rows, e.g. EOIs) x raters (columns, e.g. reviewers); nullopt is a missing rating. Rows may be
// shorter than the widest row: the missing cells count as missing ratings.
using RatingTable = std::vector<std::vector<std::optional<double>>>;

struct IccResult {
  double value;
  size_t units;   // rows used
  size_t raters;  // columns used
};

// The two-way ANOVA mean squares of a complete table of n units (rows) x k raters (columns), as in
// Shrout & Fleiss (1979): BMS between units (rows), df n-1; WMS within units, df n(k-1); JMS
// between raters (columns), df k-1; EMS residual, df (n-1)(k-1).
struct MeanSquares {
  double bms, wms, jms, ems;
  size_t units, raters;
};
// None when n < 2, k < 2 or the rows differ in length.
std::optional<MeanSquares> mean_squares(const std::vector<std::vector<double>>& complete);

// ICC(2,1) = (BMS - EMS) / (BMS + (k-1) EMS + k (JMS - EMS) / n)   (Shrout & Fleiss 1979)
// None when n < 2, k < 2, the rows differ in length, or the denominator is 0 up to rounding (no
// variance at all, or none between units and none between raters). The value can be negative.
std::optional<IccResult> icc_2_1(const std::vector<std::vector<double>>& complete);
// ICC(3,1) = (BMS - EMS) / (BMS + (k-1) EMS): consistency, raters fixed. For comparison only.
std::optional<IccResult> icc_3_1(const std::vector<std::vector<double>>& complete);
// ICC(1,1) = (BMS - WMS) / (BMS + (k-1) WMS): one-way random effects. For comparison only.
std::optional<IccResult> icc_1_1(const std::vector<std::vector<double>>& complete);

// A complete block of a rating table: the raters chosen and the units all of them rated (indices, in
// increasing order).
struct Block {
  std::vector<size_t> units;
  std::vector<size_t> raters;
};

// The complete block with the most ratings (units x raters), over blocks of at least 2 raters and 2
// units. Ties: more raters, then the rater indices that come first lexicographically (the lowest
// first index, then the lowest second, ...). With up to 16 raters that rated 2 units or more, every
// set of them is tried, so the block is the largest there is. With more, the search is greedy and
// may miss the largest: it starts from the best pair of raters (by the same order) and adds, one at a
// time, the rater that gives the most ratings (ties: lowest index), keeping the best block seen until
// fewer than 2 units remain. None when no block has 2 units and 2 raters.
std::optional<Block> largest_complete_block(const RatingTable& table);

// ICC(2,1) over largest_complete_block(table). None when there is no such block or icc_2_1 is none.
std::optional<IccResult> icc_2_1_largest_block(const RatingTable& table);

struct AlphaResult {
  double value;
  size_t units;     // units with at least 2 ratings (the pairable units)
  size_t pairable;  // n: ratings in those units, sum of m_u
};

// Krippendorff's alpha, computed through the coincidence matrix (Krippendorff 2011):
//   o_ck = sum over units u of (number of ordered pairs of ratings (c, k) in u) / (m_u - 1)
//   n_c = sum_k o_ck, n = sum_c n_c
//   alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_c,k o_ck delta_ck^2 / sum_c,k n_c n_k delta_ck^2
// Units with fewer than 2 ratings are dropped (they cannot be paired). None when fewer than 2 pairable
// ratings remain or the expected disagreement D_e is 0 (a single distinct value among them).
// Interval metric: delta_ck^2 = (c - k)^2.
std::optional<AlphaResult> krippendorff_alpha_interval(const RatingTable& table);
// Nominal metric: delta_ck^2 = 0 if c == k, else 1.
std::optional<AlphaResult> krippendorff_alpha_nominal(const RatingTable& table);

}  // namespace collab::scoring
