#include "core/dates.h"

#include <catch2/catch.hpp>

using namespace collab;

TEST_CASE("dates must exist", "[dates]") {
  CHECK(parse_date("2026-02-28"));
  CHECK_FALSE(parse_date("2026-02-29"));  // 2026 is not a leap year
  CHECK(parse_date("2028-02-29"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("2026-1-01"));
  CHECK_FALSE(parse_date("2026-01-01x"));
  CHECK(parse_period("2026-12"));
  CHECK_FALSE(parse_period("2026-00"));
}

TEST_CASE("local date-times", "[dates]") {
  auto t = parse_local_datetime("2026-03-08T02:30");
  REQUIRE(t);
  // 2026-03-08 is day 20520 since 1970-01-01 (date.h days_from_civil); 2:30 is 150 minutes.
  CHECK(t->time_since_epoch().count() == 20520LL * 1440 + 150);
  CHECK_FALSE(parse_local_datetime("2026-03-08T24:00"));
  CHECK_FALSE(parse_local_datetime("2026-03-08 10:00"));
  CHECK(has_time("2026-03-08T10:00"));
  CHECK_FALSE(has_time("2026-03-08"));
}

TEST_CASE("adding months clamps to the month's end", "[dates]") {
  CHECK(format_date(add_months(*parse_date("2026-01-31"), 1)) == "2026-02-28");
  CHECK(format_date(add_months(*parse_date("2026-11-15"), 3)) == "2027-02-15");
  CHECK(format_date(add_days(*parse_date("2026-12-31"), 1)) == "2027-01-01");
  CHECK(format_period(period_of(*parse_date("2026-07-04"))) == "2026-07");
}

#include "core/slug.h"

// Code points from the Unicode charts for Latin-1 Supplement, Latin Extended-A and Extended Additional.
TEST_CASE("names fold to ASCII slugs", "[slug]") {
  CHECK(slugify("Zoë Müller") == "zoe-muller");
  CHECK(slugify("José Núñez") == "jose-nunez");
  CHECK(slugify("Nguyễn Văn Ánh") == "nguyen-van-anh");
  CHECK(slugify("Łódź Społeczność") == "lodz-spolecznosc");
  CHECK(slugify("Straße & Co.") == "strase-co");
  CHECK(slugify("  --Trauma-Focused CBT: 2027!") == "trauma-focused-cbt-2027");
  CHECK(slugify("東京") == "");
  CHECK(slugify(std::string(100, 'a')).size() == 63);
}

#include "core/text.h"

TEST_CASE("numbers from text are plain and finite", "[text]") {
  CHECK(finite_number("4") == 4.0);
  CHECK(finite_number("-3.5") == -3.5);
  CHECK(finite_number("1e3") == 1000.0);
  CHECK(finite_number(".5") == 0.5);
  for (const char* bad : {"nan", "inf", "-inf", "0x10", " 4", "4 ", "4a", "", ".", "1e", "1e999", "--1"}) {
    INFO(bad);
    CHECK_FALSE(finite_number(bad));
  }
  CHECK(trim_lower("  Ready \t") == "ready");
}
