// Calendar dates and monthly reporting periods, as written in the files: YYYY-MM-DD and YYYY-MM.
// Parsing checks that the day exists (no 2026-02-30).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

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

// Adds months, clamping the day to the end of the month (2026-01-31 + 1 month = 2026-02-28).
Date add_months(const Date& d, int months);
Date add_days(const Date& d, int days);
inline Period period_of(const Date& d) { return d.year() / d.month(); }
// Today's date in UTC, from the system clock.
Date today_utc();

}  // namespace collab
