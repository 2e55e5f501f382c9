#include "core/dates.h"

#include <fmt/format.h>

#include <cctype>

namespace collab {
namespace {

// Reads exactly `width` digits at text[pos].
std::optional<int> digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  Date date{date::year{*y}, date::month{static_cast<unsigned>(*m)}, date::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<Period> parse_period(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto y = digits(text, 0, 4), m = digits(text, 5, 2);
  if (!y || !m) return std::nullopt;
  Period p{date::year{*y}, date::month{static_cast<unsigned>(*m)}};
  if (!p.ok()) return std::nullopt;
  return p;
}

bool has_time(std::string_view text) { return text.size() > 10 && text[10] == 'T'; }

std::optional<date::local_time<std::chrono::minutes>> parse_local_datetime(std::string_view text) {
  auto day = parse_date(text.substr(0, std::min<size_t>(10, text.size())));
  if (!day) return std::nullopt;
  auto base = date::local_days{*day};
  if (text.size() == 10) return date::local_time<std::chrono::minutes>{base.time_since_epoch()};
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto h = digits(text, 11, 2), min = digits(text, 14, 2);
  if (!h || !min || *h > 23 || *min > 59) return std::nullopt;
  return date::local_time<std::chrono::minutes>{base.time_since_epoch()} + std::chrono::hours{*h} +
         std::chrono::minutes{*min};
}

std::string format_date(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string format_period(const Period& p) {
  return fmt::format("{:04}-{:02}", static_cast<int>(p.year()), static_cast<unsigned>(p.month()));
}

namespace {

int days_since_epoch(const Date& d) { return static_cast<int>(date::sys_days{d}.time_since_epoch().count()); }
Date from_days(int days) { return Date{date::sys_days{date::days{days}}}; }
// floor(a / b) for b > 0.
int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// The week index of the Monday of ISO week 1 of `year`: the week that holds 4 January.
int week_one(int year) { return ReportingPeriod::week_of(Date{date::year{year}, date::January, date::day{4}}).index; }

}  // namespace

ReportingPeriod::ReportingPeriod(const Period& month)
    : weekly(false), index(static_cast<int>(month.year()) * 12 + static_cast<int>(static_cast<unsigned>(month.month())) - 1) {}

// 1970-01-01 is a Thursday: day 0 is in the week whose Monday is day -3, so the week of day d is (d + 3) / 7.
ReportingPeriod ReportingPeriod::week_of(const Date& d) { return {true, floor_div(days_since_epoch(d) + 3, 7)}; }

Date ReportingPeriod::first_day() const {
  if (weekly) return from_days(index * 7 - 3);
  return Date{date::year{floor_div(index, 12)}, date::month{static_cast<unsigned>(index - floor_div(index, 12) * 12 + 1)}, date::day{1}};
}

Date ReportingPeriod::last_day() const {
  if (weekly) return from_days(index * 7 + 3);
  Date first = first_day();
  return first.year() / first.month() / date::last;
}

Period ReportingPeriod::month() const {
  if (weekly) return period_of(add_days(first_day(), 3));
  Date first = first_day();
  return first.year() / first.month();
}

bool operator==(const ReportingPeriod& a, const ReportingPeriod& b) { return a.weekly == b.weekly && a.index == b.index; }
bool operator!=(const ReportingPeriod& a, const ReportingPeriod& b) { return !(a == b); }
bool operator<(const ReportingPeriod& a, const ReportingPeriod& b) {
  if (a.weekly == b.weekly) return a.index < b.index;
  Date x = a.first_day(), y = b.first_day();
  if (x != y) return x < y;
  return !a.weekly;  // a month before a week starting the same day
}
bool operator>(const ReportingPeriod& a, const ReportingPeriod& b) { return b < a; }
bool operator<=(const ReportingPeriod& a, const ReportingPeriod& b) { return !(b < a); }
bool operator>=(const ReportingPeriod& a, const ReportingPeriod& b) { return !(a < b); }

int iso_weeks_in_year(int year) {
  // 28 December is always in the year's last week.
  return iso_year_week(ReportingPeriod::week_of(Date{date::year{year}, date::December, date::day{28}})).second;
}

std::pair<int, int> iso_year_week(const ReportingPeriod& week) {
  int year = static_cast<int>(add_days(week.first_day(), 3).year());  // the year of its Thursday
  return {year, week.index - week_one(year) + 1};
}

std::optional<ReportingPeriod> parse_week(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return std::nullopt;
  auto y = digits(text, 0, 4), w = digits(text, 6, 2);
  if (!y || !w || *w < 1 || *w > iso_weeks_in_year(*y)) return std::nullopt;
  return ReportingPeriod{true, week_one(*y) + *w - 1};
}

std::optional<ReportingPeriod> parse_reporting_period(std::string_view text) {
  if (auto p = parse_period(text)) return ReportingPeriod(*p);
  return parse_week(text);
}

std::string format_period(const ReportingPeriod& p) {
  if (!p.weekly) return format_period(p.month());
  auto [year, week] = iso_year_week(p);
  return fmt::format("{:04}-W{:02}", year, week);
}

Date add_months(const Date& d, int months) {
  Period p = period_of(d) + date::months{months};
  auto last = (p.year() / p.month() / date::last).day();
  return Date{p.year(), p.month(), std::min(d.day(), last)};
}

Date add_days(const Date& d, int days) { return Date{date::sys_days{d} + date::days{days}}; }

Date today_utc() { return Date{date::floor<date::days>(std::chrono::system_clock::now())}; }

}  // namespace collab
