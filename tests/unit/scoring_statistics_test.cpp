#include "scoring/statistics.h"

#include <catch2/catch.hpp>

using namespace collab::scoring;

TEST_CASE("mean and median", "[scoring]") {
  CHECK(mean({4}) == 4);
  CHECK(mean({1, 2, 3, 4}) == Approx(2.5));
  CHECK(median({3, 1, 2}) == 2);
  CHECK(median({4, 1, 3, 2}) == Approx(2.5));  // mean of the two middle values
  CHECK(median({7}) == 7);
  // Empty input is outside the contract; it gives 0, never NaN.
  CHECK(mean({}) == 0);
  CHECK(median({}) == 0);
}

TEST_CASE("trimmed mean drops floor(proportion times n) values from each end", "[scoring]") {
  // 5 values, 0.2: floor(1.0) = 1 dropped from each end: mean of 2, 3, 4.
  CHECK(trimmed_mean({1, 2, 3, 4, 100}, 0.2) == Approx(3));
  // 4 values, 0.2: floor(0.8) = 0: the plain mean.
  CHECK(trimmed_mean({1, 2, 3, 14}, 0.2) == Approx(5));
  // 10 values, 0.25: floor(2.5) = 2 from each end: mean of 3..8 = 5.5.
  CHECK(trimmed_mean({10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 0.25) == Approx(5.5));
  CHECK(trimmed_mean({1, 2, 9}, 0) == Approx(4));
  CHECK(trimmed_mean({1, 2, 9}, -1) == Approx(4));      // below 0 counts as 0
  CHECK(trimmed_mean({1, 2, 9}, 0.5) == Approx(2));     // 0.5 and above: the median
  CHECK(trimmed_mean({1, 2, 4, 9}, 0.9) == Approx(3));  // even count: mean of the middle two
  CHECK(trimmed_mean({5}, 0.4) == 5);
  CHECK(trimmed_mean({}, 0.2) == 0);
}

TEST_CASE("sample standard deviation uses n - 1", "[scoring]") {
  CHECK_FALSE(sample_sd({}));
  CHECK_FALSE(sample_sd({3}));
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, / 7.
  auto sd = sample_sd({2, 4, 4, 4, 5, 5, 7, 9});
  REQUIRE(sd);
  CHECK(*sd == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(*sample_sd({1, 3}) == Approx(std::sqrt(2.0)));
  // Equal values give exactly 0, even where the computed mean is off by rounding.
  CHECK(*sample_sd({0.1, 0.1, 0.1}) == 0);
}
