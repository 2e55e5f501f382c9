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

Date add_months(const Date& d, int months) {
  Period p = period_of(d) + date::months{months};
  auto last = (p.year() / p.month() / date::last).day();
  return Date{p.year(), p.month(), std::min(d.day(), last)};
}

Date add_days(const Date& d, int days) { return Date{date::sys_days{d} + date::days{days}}; }

Date today_utc() { return Date{date::floor<date::days>(std::chrono::system_clock::now())}; }

}  // namespace collab
