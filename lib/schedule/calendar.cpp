#include "schedule/calendar.h"

#include "core/timezones.h"
#include "schedule/recurrence.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace collab::schedule {
namespace {

using std::chrono::minutes;

Error data_error(const Location& l, const std::string& message) {
  return Error{ErrorKind::data, fmt::format("{}: {}", where_text(l), message)};
}

std::string range_text(const Date& a, const Date& b) {
  return a == b ? format_date(a) : fmt::format("{} to {}", format_date(a), format_date(b));
}

}  // namespace

std::string where_text(const Location& l) {
  std::string where = l.file;
  if (l.line > 0) where += l.column > 0 ? fmt::format(":{}:{}", l.line, l.column) : fmt::format(":{}", l.line);
  return where;
}

UtcMinutes to_utc(const date::time_zone* zone, LocalMinutes local) {
  // get_info(local).first is the period in force before a gap (nonexistent), the earlier of two periods
  // (ambiguous), or the only one (unique): in every case the offset RFC 5545 reads the local time with.
  date::local_info info = zone->get_info(date::local_seconds{local});
  return date::floor<minutes>(date::sys_seconds{(date::local_seconds{local} - info.first.offset).time_since_epoch()});
}

Result<const date::time_zone*> find_zone(const std::string& name) {
  if (const date::time_zone* zone = locate_timezone(name)) return zone;
  return Error{ErrorKind::data, fmt::format("unknown time zone '{}' (not in the tz database)", name)};
}

std::string format_local(LocalMinutes t) {
  auto day = date::floor<date::days>(t);
  date::hh_mm_ss<minutes> hms{t - day};
  return fmt::format("{}T{:02}:{:02}", format_date(Date{day}), hms.hours().count(), hms.minutes().count());
}

std::string format_clock(LocalMinutes t) { return format_local(t).substr(11); }

bool is_container(const model::Event& e) { return e.type == "action-period" || e.type == "prework"; }

bool is_call(const model::Event& e) {
  if (e.type == "consultation-call" || e.type == "webinar" || e.type == "informational-call") return true;
  return e.recurrence && has_time(e.start);
}

std::string zone_name(const model::Project& p, const model::Event& e) {
  if (!e.timezone.empty()) return e.timezone;
  if (p.collaborative && !p.collaborative->timezone.empty()) return p.collaborative->timezone;
  return "UTC";
}

Result<std::vector<Occurrence>> expand_event(const model::Project& p, const model::Event& e) {
  std::string name = zone_name(p, e);
  auto zone = find_zone(name);
  if (!zone) {
    return data_error(e.timezone.empty() ? p.collaborative->src.at("timezone") : e.src.at("timezone"), zone.error().message);
  }
  auto start = parse_local_datetime(e.start);
  if (!start) return data_error(e.src.at("start"), fmt::format("start {} is not a date and time that exists", e.start));
  bool all_day = !has_time(e.start);
  LocalMinutes end;
  if (!e.end.empty()) {
    auto parsed = parse_local_datetime(e.end);
    if (!parsed) return data_error(e.src.at("end"), fmt::format("end {} is not a date and time that exists", e.end));
    if (has_time(e.end) != !all_day) {
      return data_error(e.src.at("end"), "start and end must both be dates or both be dates with a time");
    }
    end = all_day ? *parsed + date::days{1} : *parsed;  // all-day: the end day is included
  } else if (e.duration_minutes && !all_day) {
    end = *start + minutes{*e.duration_minutes};
  } else {
    end = all_day ? *start + date::days{1} : *start + minutes{60};  // a timed event without end: one hour
  }
  if (end < *start) return data_error(e.src.at("end"), fmt::format("end {} is before start {}", e.end, e.start));
  if (end == *start && !all_day) {
    return data_error(e.src.at("end"), fmt::format("event ends when it starts ({})", e.end));
  }
  minutes length = end - *start;
  Date first{date::floor<date::days>(*start)};
  std::vector<Date> days{first};
  if (e.recurrence) {
    std::optional<Date> horizon = p.collaborative ? p.collaborative->end : std::nullopt;
    days = occurrence_dates(first, *e.recurrence, horizon);
  }
  std::vector<Occurrence> out;
  for (const Date& d : days) {
    Occurrence o;
    o.event = &e;
    o.zone = *zone;
    o.all_day = all_day;
    o.local_start = LocalMinutes{date::local_days{d}.time_since_epoch()} + (*start - date::floor<date::days>(*start));
    o.local_end = o.local_start + length;
    o.first_day = Date{date::floor<date::days>(o.local_start)};
    o.last_day = Date{date::floor<date::days>(o.local_end - minutes{1})};
    o.start = to_utc(*zone, o.local_start);
    o.end = to_utc(*zone, o.local_end);
    out.push_back(o);
  }
  return out;
}

std::vector<Warning> calendar_warnings(const model::Project& p, const std::vector<Occurrence>& occ) {
  std::vector<Warning> out;
  const model::ScheduleSettings* settings = p.collaborative ? &p.collaborative->schedule : nullptr;
  auto warn = [&](std::string kind, const Occurrence& o, const std::string& field, std::string message,
                  std::vector<std::string> events, Date day) {
    out.push_back({std::move(kind), o.event->src.at(field), std::move(message), std::move(events), day});
  };

  // Blackouts and weekdays: every day an event (not a container) takes.
  if (settings) {
    for (const auto& o : occ) {
      if (is_container(*o.event)) continue;
      for (Date d = o.first_day; d <= o.last_day; d = add_days(d, 1)) {
        for (const auto& b : settings->blackouts) {
          if (!b.start) continue;
          Date last = b.end.value_or(*b.start);
          if (d < *b.start || d > last) continue;
          std::string regions = b.regions.empty() ? "" : fmt::format(" in {}", fmt::join(b.regions, ", "));
          warn("blackout", o, "start",
               fmt::format("event '{}' on {} falls on blackout '{}'{} ({})", o.event->id, format_date(d), b.name, regions,
                           range_text(*b.start, last)),
               {o.event->id}, d);
        }
        if (!settings->weekdays.empty() &&
            std::find(settings->weekdays.begin(), settings->weekdays.end(), weekday_key(d)) == settings->weekdays.end()) {
          warn("weekday", o, "start",
               fmt::format("event '{}' on {} is on a {}, not an allowed weekday ({})", o.event->id, format_date(d),
                           weekday_name(d), fmt::join(settings->weekdays, ", ")),
               {o.event->id}, d);
        }
      }
    }
  }

  // Overlaps, and calls during learning sessions: pairs of occurrences of different events.
  for (size_t i = 0; i < occ.size(); ++i) {
    const Occurrence& a = occ[i];
    if (is_container(*a.event)) continue;
    for (size_t j = i + 1; j < occ.size(); ++j) {
      const Occurrence& b = occ[j];
      if (b.start >= a.end) break;  // sorted by start
      if (is_container(*b.event) || a.event == b.event || !(b.start < a.end && a.start < b.end)) continue;
      const Occurrence* session = a.event->type == "learning-session" ? &a : b.event->type == "learning-session" ? &b : nullptr;
      const Occurrence* call = is_call(*a.event) ? &a : is_call(*b.event) ? &b : nullptr;
      if (session && call && session != call) {
        warn("call-during-session", *call, "start",
             fmt::format("call '{}' on {} is during learning session '{}' ({})", call->event->id, format_date(call->first_day),
                         session->event->id, range_text(session->first_day, session->last_day)),
             {call->event->id, session->event->id}, call->first_day);
      } else {
        warn("overlap", b, "start",
             fmt::format("event '{}' ({}) overlaps event '{}' ({})", b.event->id,
                         b.all_day ? range_text(b.first_day, b.last_day) : format_local(b.local_start), a.event->id,
                         a.all_day ? range_text(a.first_day, a.last_day) : format_local(a.local_start)),
             {b.event->id, a.event->id}, b.first_day);
      }
    }
  }

  // Learning sessions too close together.
  if (settings && settings->min_gap_days) {
    std::vector<const Occurrence*> sessions;
    for (const auto& o : occ) {
      if (o.event->type == "learning-session") sessions.push_back(&o);
    }
    for (size_t i = 1; i < sessions.size(); ++i) {
      const Occurrence& prev = *sessions[i - 1];
      const Occurrence& next = *sessions[i];
      int gap = (date::sys_days{next.first_day} - date::sys_days{prev.last_day}).count();
      if (gap < *settings->min_gap_days) {
        warn("sessions-too-close", next, "start",
             fmt::format("learning session '{}' starts {} days after learning session '{}' ends; schedule.min_gap_days is {}",
                         next.event->id, gap, prev.event->id, *settings->min_gap_days),
             {next.event->id, prev.event->id}, next.first_day);
      }
    }
  }

  std::stable_sort(out.begin(), out.end(), [](const Warning& x, const Warning& y) {
    return std::tie(x.date, x.kind, x.message) < std::tie(y.date, y.kind, y.message);
  });
  return out;
}

const std::set<model::FileKind>& schedule_reads() {
  using model::FileKind;
  static const std::set<FileKind> kinds = {FileKind::collaborative, FileKind::organization, FileKind::team, FileKind::event};
  return kinds;
}

Result<Calendar> build_calendar(const model::Project& p) {
  Calendar cal;
  std::vector<const model::Event*> events;
  for (const auto& e : p.events) events.push_back(&e);
  std::sort(events.begin(), events.end(), [](const model::Event* a, const model::Event* b) { return a->id < b->id; });
  for (const model::Event* e : events) {
    auto occ = expand_event(p, *e);
    if (!occ) return occ.error();
    cal.occurrences.insert(cal.occurrences.end(), occ->begin(), occ->end());
  }
  cal.events = events.size();
  std::stable_sort(cal.occurrences.begin(), cal.occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.start, a.event->id) < std::tie(b.start, b.event->id);
  });
  cal.warnings = calendar_warnings(p, cal.occurrences);
  return cal;
}

}  // namespace collab::schedule
