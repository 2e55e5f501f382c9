#include "schedule/ical.h"

#include "schedule/recurrence.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace collab::schedule {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// 20260310T140000 (local, no zone) and 20260310T190000Z (UTC).
std::string ical_local(LocalMinutes t) {
  std::string s = format_local(t);  // 2026-03-10T14:00
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2) + "T" + s.substr(11, 2) + s.substr(14, 2) + "00";
}

std::string ical_utc(date::sys_seconds t) {
  auto day = date::floor<date::days>(t);
  date::hh_mm_ss<seconds> hms{t - day};
  Date d{day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string ical_date(const Date& d) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string offset_text(seconds off) {
  auto total = off.count();
  char sign = total < 0 ? '-' : '+';
  total = total < 0 ? -total : total;
  return fmt::format("{}{:02}{:02}", sign, total / 3600, (total % 3600) / 60);
}

// A date-time property of an event's occurrence: DTSTART;TZID=...:local, or DTSTART:...Z for UTC.
std::string time_property(const char* name, const Occurrence& o, LocalMinutes local, UtcMinutes utc) {
  if (is_utc_zone(o.zone)) return fmt::format("{}:{}", name, ical_utc(date::sys_seconds{utc}));
  return fmt::format("{};TZID={}:{}", name, o.zone->name(), ical_local(local));
}

}  // namespace

bool is_utc_zone(const date::time_zone* zone) {
  const std::string& n = zone->name();
  return n == "UTC" || n == "Etc/UTC" || n == "Etc/UCT" || n == "UCT" || n == "Etc/Universal" || n == "Universal" ||
         n == "Zulu" || n == "Etc/Zulu";
}

bool event_for_team(const model::Event& e, const std::string& team) {
  return team.empty() || e.teams.empty() || std::find(e.teams.begin(), e.teams.end(), team) != e.teams.end();
}

bool is_control(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7F;
}

bool has_control(std::string_view text) { return std::any_of(text.begin(), text.end(), is_control); }

std::string escape_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      default:
        // No raw control character in a TEXT value (RFC 5545 3.3.11): other C0 controls and DEL are
        // dropped (CR with them, so CRLF reads as one line break); tab is kept.
        if (!is_control(c)) out += c;
    }
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  size_t pos = 0;
  size_t limit = 75;  // octets on the first line; continuation lines carry a leading space, so 74 more
  while (line.size() - pos > limit) {
    size_t cut = pos + limit;
    // Never split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == pos) cut = pos + limit;  // not UTF-8 (the loader refuses such files): cut anyway, never loop
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = 74;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string rrule_for(const model::Event& e, const Occurrence& first, const std::optional<Date>& horizon) {
  const model::Recurrence& r = *e.recurrence;
  std::string rule = "RRULE:FREQ=";
  if (r.frequency == "weekly") {
    rule += "WEEKLY";
  } else if (r.frequency == "biweekly") {
    rule += "WEEKLY;INTERVAL=2";
  } else {
    rule += "MONTHLY";
    if (r.week) {
      static const char* kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
      rule += fmt::format(";BYDAY={}{}", *r.week, kDays[date::weekday{date::sys_days{first.first_day}}.c_encoding()]);
    }
  }
  if (r.count) return rule + fmt::format(";COUNT={}", *r.count);
  std::optional<Date> until = r.until ? r.until : horizon;
  if (!until) return rule;
  if (first.all_day) return rule + ";UNTIL=" + ical_date(*until);
  // With a TZID DTSTART, UNTIL is in UTC (RFC 5545 3.3.10): the instant of an occurrence on the until date.
  LocalMinutes last = LocalMinutes{date::local_days{*until}.time_since_epoch()} +
                      (first.local_start - date::floor<date::days>(first.local_start));
  return rule + ";UNTIL=" + ical_utc(date::sys_seconds{to_utc(first.zone, last)});
}

std::string vtimezone(const date::time_zone* zone, UtcMinutes from, UtcMinutes to) {
  std::string out = fold_line("BEGIN:VTIMEZONE") + fold_line("TZID:" + zone->name());
  auto info = zone->get_info(date::sys_seconds{from});
  // The period the span starts in, then every transition until the span ends.
  date::sys_seconds begin = info.begin;
  seconds before = info.offset;
  if (begin > date::sys_days{date::year{1900} / 1 / 1}) before = zone->get_info(begin - seconds{1}).offset;
  else begin = date::sys_days{date::year{1970} / 1 / 1};
  for (int guard = 0; guard < 1000; ++guard) {
    const char* kind = info.save != minutes{0} ? "DAYLIGHT" : "STANDARD";
    out += fold_line(fmt::format("BEGIN:{}", kind));
    out += fold_line("DTSTART:" + ical_local(date::floor<minutes>(date::local_seconds{(begin + before).time_since_epoch()})));
    out += fold_line("TZOFFSETFROM:" + offset_text(before));
    out += fold_line("TZOFFSETTO:" + offset_text(info.offset));
    out += fold_line("TZNAME:" + escape_text(info.abbrev));
    out += fold_line(fmt::format("END:{}", kind));
    if (info.end >= date::sys_seconds{to} || info.end >= date::sys_days{date::year{9999} / 1 / 1}) break;
    before = info.offset;
    begin = info.end;
    info = zone->get_info(info.end);
  }
  return out + fold_line("END:VTIMEZONE");
}

Result<std::string> export_ical(const model::Project& p, const IcalOptions& options) {
  std::vector<const model::Event*> events;
  for (const auto& e : p.events) {
    if (event_for_team(e, options.team)) events.push_back(&e);
  }
  std::sort(events.begin(), events.end(), [](const model::Event* a, const model::Event* b) { return a->id < b->id; });
  std::optional<Date> horizon = p.collaborative ? p.collaborative->end : std::nullopt;
  std::string collab_id = p.collaborative ? p.collaborative->id : "collab";

  std::string body;
  std::map<std::string, std::pair<const date::time_zone*, std::pair<UtcMinutes, UtcMinutes>>> zones;  // name -> span
  for (const model::Event* e : events) {
    auto occ = expand_event(p, *e);
    if (!occ) return occ.error();
    // The series as RRULE generates it: its first occurrence is DTSTART, even when skipped.
    model::Event unskipped = *e;
    if (unskipped.recurrence) unskipped.recurrence->skip.clear();
    auto all = expand_event(p, unskipped);
    if (!all) return all.error();
    if (all->empty()) continue;
    const Occurrence& first = all->front();
    if (!first.all_day && !is_utc_zone(first.zone)) {
      auto [it, inserted] = zones.emplace(first.zone->name(), std::make_pair(first.zone, std::make_pair(first.start, all->back().end)));
      if (!inserted) {
        it->second.second.first = std::min(it->second.second.first, first.start);
        it->second.second.second = std::max(it->second.second.second, all->back().end);
      }
    }
    body += fold_line("BEGIN:VEVENT");
    body += fold_line(fmt::format("UID:{}@{}.collab", e->id, collab_id));
    body += fold_line("DTSTAMP:" + ical_utc(options.dtstamp));
    if (first.all_day) {
      body += fold_line("DTSTART;VALUE=DATE:" + ical_date(first.first_day));
      body += fold_line("DTEND;VALUE=DATE:" + ical_date(add_days(first.last_day, 1)));  // the day after the last day
    } else {
      body += fold_line(time_property("DTSTART", first, first.local_start, first.start));
      body += fold_line(time_property("DTEND", first, first.local_end, first.end));
    }
    if (e->recurrence) {
      body += fold_line(rrule_for(*e, first, horizon));
      for (const Date& d : e->recurrence->skip) {
        if (first.all_day) {
          body += fold_line("EXDATE;VALUE=DATE:" + ical_date(d));
        } else {
          LocalMinutes local = LocalMinutes{date::local_days{d}.time_since_epoch()} +
                               (first.local_start - date::floor<date::days>(first.local_start));
          body += fold_line(time_property("EXDATE", first, local, to_utc(first.zone, local)));
        }
      }
    }
    body += fold_line("SUMMARY:" + escape_text(e->name));
    if (!e->description.empty()) body += fold_line("DESCRIPTION:" + escape_text(e->description));
    if (!e->location.empty()) body += fold_line("LOCATION:" + escape_text(e->location));
    // A URI is written as is: never one with a control character, which could end the line (validate
    // refuses them; this guards the exporter on its own).
    if (!e->url.empty() && !has_control(e->url)) body += fold_line("URL:" + e->url);
    body += fold_line("CATEGORIES:" + escape_text(e->type));
    body += fold_line("END:VEVENT");
  }

  std::string out = fold_line("BEGIN:VCALENDAR") + fold_line("VERSION:2.0") +
                    fold_line("PRODID:-//collab//collab schedule//EN") + fold_line("CALSCALE:GREGORIAN");
  if (!options.calendar_name.empty()) out += fold_line("X-WR-CALNAME:" + escape_text(options.calendar_name));
  for (const auto& [name, zs] : zones) out += vtimezone(zs.first, zs.second.first, zs.second.second);
  return out + body + fold_line("END:VCALENDAR");
}

}  // namespace collab::schedule
