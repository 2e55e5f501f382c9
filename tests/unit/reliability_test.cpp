#include "scoring/reliability.h"

#include <catch2/catch.hpp>

using namespace collab::scoring;

namespace {

// Shrout & Fleiss (1979), Psychological Bulletin 86(2), Table 2: 6 targets (rows) x 4 judges (columns).
const std::vector<std::vector<double>> kShroutFleiss = {
    {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7},
};

// A rating table from rows of numbers, where -1 stands for a missing rating.
RatingTable table(const std::vector<std::vector<double>>& rows) {
  RatingTable t;
  for (const auto& row : rows) {
    std::vector<std::optional<double>> r;
    for (double x : row) r.push_back(x < 0 ? std::nullopt : std::optional<double>(x));
    t.push_back(std::move(r));
  }
  return t;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing values:
// 4 observers (A-D) x 12 units, here transposed to units (rows) x observers (columns).
//   A: 1 2 3 3 2 1 4 1 2 . . .
//   B: 1 2 3 3 2 2 4 1 2 5 . 3
//   C: . 3 3 3 2 3 4 2 2 5 1 .
//   D: 1 2 3 3 2 4 4 1 2 5 1 .
// The same matrix is the ordinal (0.815) and ratio (0.797) test case of the krippendorff Python package
// (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
RatingTable krippendorff_2011() {
  return table({{1, 1, -1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
                {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {-1, 5, 5, 5}, {-1, -1, 1, 1}, {-1, 3, -1, -1}});
}

}  // namespace

TEST_CASE("ICC on Shrout & Fleiss's Table 2", "[scoring]") {
  // By hand: total 127 over N = 24, correction 127^2/24 = 16129/24; sum of squares 841.
  //   SS total = 841 - 16129/24 = 4055/24
  //   SS rows  = (24^2 + 12^2 + 26^2 + 16^2 + 30^2 + 19^2)/4 - 16129/24 = 1349/24   BMS = 1349/120 = 11.24
  //   SS cols  = (46^2 + 15^2 + 26^2 + 40^2)/6 - 16129/24 = 2339/24                JMS = 2339/72  = 32.49
  //   SS error = (4055 - 1349 - 2339)/24 = 367/24, df 15                          EMS = 367/360  = 1.02
  //   SS within = (4055 - 1349)/24, df 18                                         WMS = 1353/216 = 6.26
  // (the four mean squares Shrout & Fleiss print for this example).
  //   ICC(2,1) = (BMS - EMS) / (BMS + 3 EMS + 4 (JMS - EMS)/6) = 3680/12700 = 184/635 = 0.2898
  //   ICC(3,1) = (BMS - EMS) / (BMS + 3 EMS) = 3680/5148 = 0.7148
  //   ICC(1,1) = (BMS - WMS) / (BMS + 3 WMS) = 5376/32436 = 0.1657
  // Published: 0.29, 0.71, 0.17.
  auto ms = mean_squares(kShroutFleiss);
  REQUIRE(ms);
  CHECK(ms->bms == Approx(1349.0 / 120));
  CHECK(ms->jms == Approx(2339.0 / 72));
  CHECK(ms->ems == Approx(367.0 / 360));
  CHECK(ms->wms == Approx(1353.0 / 216));

  auto icc2 = icc_2_1(kShroutFleiss);
  REQUIRE(icc2);
  CHECK(icc2->value == Approx(0.2898).epsilon(0.001));
  CHECK(icc2->value == Approx(184.0 / 635));
  CHECK(icc2->units == 6);
  CHECK(icc2->raters == 4);
  CHECK(icc_3_1(kShroutFleiss)->value == Approx(3680.0 / 5148));
  CHECK(icc_3_1(kShroutFleiss)->value == Approx(0.71).margin(0.005));
  CHECK(icc_1_1(kShroutFleiss)->value == Approx(5376.0 / 32436));
  CHECK(icc_1_1(kShroutFleiss)->value == Approx(0.17).margin(0.005));
}

TEST_CASE("ICC is none where it is undefined", "[scoring]") {
  CHECK_FALSE(icc_2_1({}));
  CHECK_FALSE(icc_2_1({{1, 2, 3}}));             // one unit
  CHECK_FALSE(icc_2_1({{1}, {2}, {3}}));         // one rater
  CHECK_FALSE(icc_2_1({{1, 2}, {3}}));           // ragged
  CHECK_FALSE(icc_2_1({{4, 4}, {4, 4}}));        // no variance
  CHECK_FALSE(icc_2_1({{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}}));  // no variance, up to rounding
  CHECK_FALSE(icc_2_1({{1, 2}, {2, 1}}));        // n = k = 2, no unit or rater effect: denominator 0
  auto perfect = icc_2_1({{1, 1}, {2, 2}, {3, 3}});
  REQUIRE(perfect);
  CHECK(perfect->value == Approx(1));
  // Raters disagreeing systematically pull absolute agreement down but not consistency.
  auto shifted = icc_2_1({{1, 3}, {2, 4}, {3, 5}});
  REQUIRE(shifted);
  CHECK(shifted->value < 0.5);
  CHECK(icc_3_1({{1, 3}, {2, 4}, {3, 5}})->value == Approx(1));
}

TEST_CASE("the largest complete block of a sparse table", "[scoring]") {
  SECTION("a complete table is its own block") {
    RatingTable t;
    for (const auto& row : kShroutFleiss) t.push_back({row[0], row[1], row[2], row[3]});
    auto icc = icc_2_1_largest_block(t);
    REQUIRE(icc);
    CHECK(icc->value == Approx(184.0 / 635));
    CHECK(icc->units == 6);
    CHECK(icc->raters == 4);
  }
  SECTION("the most ratings wins") {
    // Raters 0 and 1 share units 0-3 (8 ratings); raters 1, 2, 3 share units 3-4 (6 ratings).
    auto t = table({{1, 2, -1, -1}, {2, 3, -1, -1}, {3, 3, -1, 5}, {4, 5, 4, 4}, {-1, 1, 2, 1}});
    auto block = largest_complete_block(t);
    REQUIRE(block);
    CHECK(block->raters == std::vector<size_t>{0, 1});
    CHECK(block->units == std::vector<size_t>{0, 1, 2, 3});
    auto icc = icc_2_1_largest_block(t);
    REQUIRE(icc);
    CHECK(icc->units == 4);
    CHECK(icc->raters == 2);
  }
  SECTION("ties: more raters, then lower rater indices") {
    // {0,1} x units 0-2 = 6 ratings; {1,2,3} x units 3-4 = 6 ratings: the three raters win.
    auto t = table({{1, 2, -1, -1}, {2, 3, -1, -1}, {3, 3, -1, -1}, {-1, 5, 4, 4}, {-1, 1, 2, 1}});
    auto block = largest_complete_block(t);
    REQUIRE(block);
    CHECK(block->raters == std::vector<size_t>{1, 2, 3});
    CHECK(block->units == std::vector<size_t>{3, 4});
    // {0,1} and {2,3} both 2 x 2: the lower indices win.
    auto u = table({{1, 2, -1, -1}, {2, 3, -1, -1}, {-1, -1, 4, 4}, {-1, -1, 2, 1}});
    block = largest_complete_block(u);
    REQUIRE(block);
    CHECK(block->raters == std::vector<size_t>{0, 1});
  }
  SECTION("rows shorter than the widest count as missing") {
    auto t = table({{1, 2, 3}, {2, 3}, {3, 3}});
    auto block = largest_complete_block(t);
    REQUIRE(block);
    CHECK(block->raters == std::vector<size_t>{0, 1});
    CHECK(block->units.size() == 3);
  }
  SECTION("no block of 2 units and 2 raters") {
    CHECK_FALSE(largest_complete_block({}));
    CHECK_FALSE(largest_complete_block(table({{1, 2}, {3, -1}})));
    CHECK_FALSE(largest_complete_block(table({{1, -1, 2}, {-1, 3, 4}, {5, 6, -1}})));
    CHECK_FALSE(icc_2_1_largest_block(table({{1, 2, 3}, {-1, 3, -1}})));
  }
  SECTION("more than 16 raters: greedy") {
    // 20 raters who each rated 2 units or more: raters 3-8 rated units 0-5 (36 ratings); the other 14
    // rated units 6 and 7 (28 ratings).
    RatingTable t(8, std::vector<std::optional<double>>(20));
    for (size_t r = 0; r < 20; ++r) {
      bool in_block = r >= 3 && r <= 8;
      for (size_t u = in_block ? 0 : 6; u < (in_block ? 6 : 8); ++u) t[u][r] = static_cast<double>(u + r % 2);
    }
    auto block = largest_complete_block(t);
    REQUIRE(block);
    CHECK(block->raters == std::vector<size_t>{3, 4, 5, 6, 7, 8});
    CHECK(block->units == std::vector<size_t>{0, 1, 2, 3, 4, 5});
  }
}

TEST_CASE("Krippendorff's alpha on Krippendorff's 2011 example", "[scoring]") {
  // Unit 12 has one value and is dropped: 11 pairable units, n = 3 + 8 * 4 + 3 + 2 = 40 values,
  // with n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3.
  // Off-diagonal coincidences: unit 2 (2,2,3,2) gives 6 ordered pairs / 3 = 2, unit 6 (1,2,3,4) gives
  // 12/3 = 4, unit 8 (1,1,2,1) gives 2: 8 in all.
  //   nominal:  D_o = 8/40, D_e = (40^2 - (81+169+100+25+9)) / (40 * 39) = 1216/1560;
  //             alpha = 1 - 39 * 8 / 1216 = 113/152 = 0.7434 (published 0.743)
  //   interval: sum o_ck (c-k)^2 = 2 + 2 * (1+4+9+1+4+1)/3 + 2 = 52/3; sum n_c n_k (c-k)^2 = 2 * 2240;
  //             alpha = 1 - 39 * (52/3) / 4480 = 951/1120 = 0.8491 (published 0.849)
  auto t = krippendorff_2011();
  auto nominal = krippendorff_alpha_nominal(t);
  REQUIRE(nominal);
  CHECK(nominal->value == Approx(113.0 / 152));
  CHECK(nominal->value == Approx(0.743).margin(0.0005));
  CHECK(nominal->units == 11);
  CHECK(nominal->pairable == 40);
  auto interval = krippendorff_alpha_interval(t);
  REQUIRE(interval);
  CHECK(interval->value == Approx(951.0 / 1120));
  CHECK(interval->value == Approx(0.849).margin(0.0005));
  CHECK(interval->units == 11);
  CHECK(interval->pairable == 40);
}

TEST_CASE("Krippendorff's alpha on a second published example", "[scoring]") {
  // 3 coders x 15 units (the example of the Wikipedia article "Krippendorff's alpha"); the krippendorff
  // Python package tests it at nominal 0.691358 and interval 0.810845.
  //   c1: . . . . . 3 4 1 2 1 1 3 3 . 3
  //   c2: 1 . 2 1 3 3 4 3 . . . . . . .
  //   c3: . . 2 1 3 4 4 . 2 1 1 3 3 . 4
  auto t = table({{-1, 1, -1}, {-1, -1, -1}, {-1, 2, 2}, {-1, 1, 1}, {-1, 3, 3}, {3, 3, 4}, {4, 4, 4}, {1, 3, -1},
                  {2, -1, 2}, {1, -1, 1}, {1, -1, 1}, {3, -1, 3}, {3, -1, 3}, {-1, -1, -1}, {3, -1, 4}});
  CHECK(krippendorff_alpha_nominal(t)->value == Approx(0.691358).margin(1e-6));
  CHECK(krippendorff_alpha_interval(t)->value == Approx(0.810845).margin(1e-6));
  CHECK(krippendorff_alpha_interval(t)->units == 12);
}

TEST_CASE("Krippendorff's alpha is none where it is undefined", "[scoring]") {
  CHECK_FALSE(krippendorff_alpha_interval({}));
  CHECK_FALSE(krippendorff_alpha_interval(table({{1, -1}, {-1, 2}})));  // nothing pairable
  CHECK_FALSE(krippendorff_alpha_interval(table({{3, 3}, {3, 3, 3}})));  // one value: D_e = 0
  auto perfect = krippendorff_alpha_interval(table({{1, 1}, {2, 2, -1}, {5, -1, 5}}));
  REQUIRE(perfect);
  CHECK(perfect->value == Approx(1));
  CHECK(perfect->pairable == 6);
}
