#include "schedule/recurrence.h"

#include <algorithm>

namespace collab::schedule {
namespace {

constexpr size_t kMaxOccurrences = 1000;  // event.schema.json's count maximum

// The nth (1-4) or last (-1) weekday `wd` of a month.
std::optional<Date> nth_weekday(const Period& p, date::weekday wd, int week) {
  if (week == -1) {
    date::year_month_weekday_last ymwl{p.year(), p.month(), date::weekday_last{wd}};
    return Date{date::sys_days{ymwl}};
  }
  date::year_month_weekday ymw{p.year(), p.month(), date::weekday_indexed{wd, static_cast<unsigned>(week)}};
  if (!ymw.ok()) return std::nullopt;
  return Date{date::sys_days{ymw}};
}

}  // namespace

bool is_nth_weekday(const Date& d, int week) {
  date::weekday wd{date::sys_days{d}};
  auto n = nth_weekday(period_of(d), wd, week);
  return n && *n == d;
}

std::vector<Date> rule_dates(const Date& start, const model::Recurrence& r, const std::optional<Date>& horizon) {
  std::vector<Date> out;
  // A plain date (not an optional: GCC 12 then warns of a maybe-uninitialized read): the last day allowed.
  Date last = date::year{9999} / 12 / 31;
  if (r.until) {
    last = *r.until;
  } else if (!r.count && horizon) {
    last = *horizon;
  }
  size_t limit = r.count ? static_cast<size_t>(*r.count) : kMaxOccurrences;
  auto keep = [&](const Date& d) {
    if (d > last) return false;
    out.push_back(d);
    return out.size() < limit;
  };
  if (r.frequency == "weekly" || r.frequency == "biweekly") {
    int step = r.frequency == "weekly" ? 7 : 14;
    for (Date d = start; keep(d); d = add_days(d, step)) {
    }
  } else if (r.frequency == "monthly") {
    date::weekday wd{date::sys_days{start}};
    // Months without the day (31st) or the weekday (5th) are skipped; 12 empty months in a row end it.
    int empty = 0;
    for (int k = 0; empty < 12; ++k) {
      Period p = period_of(start) + date::months{k};
      std::optional<Date> d;
      if (r.week) {
        d = nth_weekday(p, wd, *r.week);
      } else if (Date c{p.year(), p.month(), start.day()}; c.ok()) {
        d = c;
      }
      if (!d) {
        ++empty;
        continue;
      }
      empty = 0;
      if (*d < start) continue;
      if (!keep(*d)) break;
    }
  }
  return out;
}

std::vector<Date> occurrence_dates(const Date& start, const model::Recurrence& r, const std::optional<Date>& horizon) {
  std::vector<Date> out = rule_dates(start, r, horizon);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Date& d) { return std::find(r.skip.begin(), r.skip.end(), d) != r.skip.end(); }),
            out.end());
  return out;
}

std::string weekday_key(const Date& d) {
  static const char* kKeys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  return kKeys[date::weekday{date::sys_days{d}}.c_encoding()];
}

std::string weekday_name(const Date& d) {
  static const char* kNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return kNames[date::weekday{date::sys_days{d}}.c_encoding()];
}

std::string ordinal_word(int week) {
  switch (week) {
    case 1: return "first";
    case 2: return "second";
    case 3: return "third";
    case 4: return "fourth";
    default: return "last";
  }
}

}  // namespace collab::schedule
