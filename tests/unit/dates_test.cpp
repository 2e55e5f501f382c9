#include "core/dates.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>

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
  // Names Windows reserves for devices get "-1" (docs/security.md).
  CHECK(slugify("Con") == "con-1");
  CHECK(slugify("LPT1") == "lpt1-1");
  CHECK(slugify("Aux Clinic") == "aux-clinic");
  CHECK(is_reserved_file_name("nul.yaml"));
  CHECK(is_reserved_file_name("COM9"));
  CHECK_FALSE(is_reserved_file_name("com10"));
  CHECK_FALSE(is_reserved_file_name("console"));
  CHECK(slugify("José Núñez") == "jose-nunez");
  CHECK(slugify("Nguyễn Văn Ánh") == "nguyen-van-anh");
  CHECK(slugify("Łódź Społeczność") == "lodz-spolecznosc");
  CHECK(slugify("Straße & Co.") == "strase-co");
  CHECK(slugify("  --Trauma-Focused CBT: 2027!") == "trauma-focused-cbt-2027");
  CHECK(slugify("東京") == "");
  CHECK(slugify(std::string(100, 'a')).size() == 63);
}

// The schemas' slug pattern ^[a-z0-9][a-z0-9-]{0,62}$, checked by hand.
TEST_CASE("IDs are slugs", "[slug]") {
  CHECK(is_slug("harbor"));
  CHECK(is_slug("0-a"));
  CHECK(is_slug("a-"));  // the pattern allows a trailing hyphen
  CHECK(is_slug(std::string(63, 'a')));
  CHECK_FALSE(is_slug(std::string(64, 'a')));
  CHECK_FALSE(is_slug(""));
  CHECK_FALSE(is_slug("-a"));
  CHECK_FALSE(is_slug("Harbor"));
  CHECK_FALSE(is_slug("a_b"));
  CHECK_FALSE(is_slug("caf\xc3\xa9"));
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

TEST_CASE("an interned text is one copy for equal texts, from any thread", "[text]") {
  const std::string a = "caregiver-engagement";
  const std::string& x = interned(a);
  CHECK(x == a);
  CHECK(&x != &a);
  CHECK(&interned(std::string_view("caregiver-engagement")) == &x);
  CHECK(&interned("caregiver-engagement-2") != &x);
  // More texts than a thread's recent ones (8), then the first again: still the same copy.
  for (int i = 0; i < 20; ++i) interned("m" + std::to_string(i));
  CHECK(&interned(a) == &x);
  const std::string* other = nullptr;
  std::thread t([&] { other = &interned(a); });
  t.join();
  CHECK(other == &x);
}

// ISO 8601 weeks, against published calendars: 2026-01-01 is a Thursday, so 2026 has 53 weeks, 2026-W01
// starts on Monday 2025-12-29 and 2027-01-01 (a Friday) is in 2026-W53; 2020 (1 January a Wednesday, a leap
// year) has 53 weeks too and 2021-01-03 is in 2020-W53; 2025 and 2027 have 52.
TEST_CASE("ISO weeks", "[dates]") {
  auto week = [](const char* d) { return format_period(ReportingPeriod::week_of(*parse_date(d))); };
  CHECK(week("2026-01-01") == "2026-W01");
  CHECK(week("2025-12-29") == "2026-W01");
  CHECK(week("2025-12-28") == "2025-W52");
  CHECK(week("2027-01-01") == "2026-W53");
  CHECK(week("2027-01-03") == "2026-W53");
  CHECK(week("2027-01-04") == "2027-W01");
  CHECK(week("2021-01-03") == "2020-W53");
  CHECK(week("2026-03-02") == "2026-W10");
  CHECK(week("1970-01-01") == "1970-W01");
  CHECK(week("1969-12-28") == "1969-W52");
  CHECK(iso_weeks_in_year(2026) == 53);
  CHECK(iso_weeks_in_year(2020) == 53);
  CHECK(iso_weeks_in_year(2015) == 53);  // 1 January 2015 is a Thursday
  CHECK(iso_weeks_in_year(2025) == 52);
  CHECK(iso_weeks_in_year(2027) == 52);
  CHECK(iso_weeks_in_year(2024) == 52);  // a leap year starting on a Monday

  auto w = parse_reporting_period("2026-W53");
  REQUIRE(w);
  CHECK(w->weekly);
  CHECK(format_date(w->first_day()) == "2026-12-28");
  CHECK(format_date(w->last_day()) == "2027-01-03");
  CHECK(format_period(w->next()) == "2027-W01");
  CHECK(format_period(w->month()) == "2026-12");  // its Thursday is 2026-12-31
  CHECK(format_period(parse_reporting_period("2026-W01")->month()) == "2026-01");  // Thursday 2026-01-01
  CHECK(format_period(parse_reporting_period("2026-W05")->month()) == "2026-01");  // Thursday 2026-01-29
  CHECK(format_period(parse_reporting_period("2026-W14")->month()) == "2026-04");  // Thursday 2026-04-02
  CHECK_FALSE(parse_reporting_period("2025-W53"));
  CHECK_FALSE(parse_reporting_period("2026-W00"));
  CHECK_FALSE(parse_reporting_period("2026-W54"));
  CHECK_FALSE(parse_reporting_period("2026-w05"));
  CHECK_FALSE(parse_reporting_period("2026-W5"));
  CHECK_FALSE(parse_week("2026-05"));
  CHECK(parse_reporting_period("2026-W05")->index - parse_reporting_period("2025-W52")->index == 5);
}

TEST_CASE("months as reporting periods", "[dates]") {
  ReportingPeriod m = *parse_period("2026-02");
  CHECK_FALSE(m.weekly);
  CHECK(m.index == 2026 * 12 + 1);
  CHECK(format_period(m) == "2026-02");
  CHECK(format_date(m.first_day()) == "2026-02-01");
  CHECK(format_date(m.last_day()) == "2026-02-28");
  CHECK(format_period(ReportingPeriod(*parse_period("2026-12")).next()) == "2027-01");
  CHECK(*parse_reporting_period("2026-02") == m);
  // Ordered by first day, a month before a week starting the same day (2027-03-01 is a Monday).
  CHECK(m < *parse_reporting_period("2026-W06"));   // Monday 2026-02-02
  CHECK(*parse_reporting_period("2026-W05") < m);   // Monday 2026-01-26
  CHECK(ReportingPeriod(*parse_period("2027-03")) < *parse_reporting_period("2027-W09"));
  CHECK(format_date(parse_reporting_period("2027-W09")->first_day()) == "2027-03-01");
  CHECK(ReportingPeriod(*parse_period("1969-12")).first_day() == *parse_date("1969-12-01"));
}
