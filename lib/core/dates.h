// Calendar dates and reporting periods, as written in the files: YYYY-MM-DD, months YYYY-MM and ISO 8601
// weeks YYYY-Www. Parsing checks that the day, month or week exists (no 2026-02-30, no 2025-W53).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace collab {

using Date = date::year_month_day;
using Period = date::year_month;

std::optional<Date> parse_date(std::string_view text);
std::optional<Period> parse_period(std::string_view text);
// A date or a local date-time "YYYY-MM-DDTHH:MM"; returns minutes since the epoch of local time.
std::optional<date::local_time<std::chrono::minutes>> parse_local_datetime(std::string_view text);
bool has_time(std::string_view text);

std::string format_date(const Date& d);
std::string format_period(const Period& p);

// A data period: a month (YYYY-MM) or an ISO 8601 week (YYYY-Www: weeks start on Monday, week 1 of a year
// is the week that holds its first Thursday, so 2027-01-01, a Friday, is in 2026-W53). Periods of one kind
// are numbered in order (`index`): months as year * 12 + month - 1, weeks as weeks since the week of
// 1970-01-01 (Monday 1969-12-29 is week 0). Periods are ordered by their first day, a month before a week
// starting the same day, so a mix of months and weeks sorts by time.
struct ReportingPeriod {
  bool weekly = false;
  int index = 0;

  ReportingPeriod() = default;
  ReportingPeriod(bool weekly_, int index_) : weekly(weekly_), index(index_) {}
  ReportingPeriod(const Period& month);  // NOLINT: a month is a reporting period

  static ReportingPeriod week_of(const Date& d);
  Date first_day() const;  // the month's first day; the week's Monday
  Date last_day() const;   // the month's last day; the week's Sunday
  ReportingPeriod next() const { return {weekly, index + 1}; }
  // The month a period belongs to: a month's own; a week's is the month of its Thursday, as ISO 8601 gives
  // a week to the year of its Thursday.
  Period month() const;
};

bool operator==(const ReportingPeriod& a, const ReportingPeriod& b);
bool operator!=(const ReportingPeriod& a, const ReportingPeriod& b);
bool operator<(const ReportingPeriod& a, const ReportingPeriod& b);
bool operator>(const ReportingPeriod& a, const ReportingPeriod& b);
bool operator<=(const ReportingPeriod& a, const ReportingPeriod& b);
bool operator>=(const ReportingPeriod& a, const ReportingPeriod& b);

// YYYY-MM or YYYY-Www; none when malformed or when the month or week does not exist.
std::optional<ReportingPeriod> parse_reporting_period(std::string_view text);
// YYYY-Www only.
std::optional<ReportingPeriod> parse_week(std::string_view text);
// "YYYY-MM" for a month, "YYYY-Www" for a week.
std::string format_period(const ReportingPeriod& p);
// The number of ISO weeks of a year, 52 or 53 (53 when 1 January is a Thursday, or a Wednesday in a leap year).
int iso_weeks_in_year(int year);
// The ISO year and week number of a week.
std::pair<int, int> iso_year_week(const ReportingPeriod& week);

// Adds months, clamping the day to the end of the month (2026-01-31 + 1 month = 2026-02-28).
Date add_months(const Date& d, int months);
Date add_days(const Date& d, int days);
inline Period period_of(const Date& d) { return d.year() / d.month(); }
// Today's date in UTC, from the system clock.
Date today_utc();

}  // namespace collab
