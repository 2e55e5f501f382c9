// iCalendar (RFC 5545) export of the collaborative's calendar, for every calendar app.
//
// One VEVENT per event file: a recurring event is one VEVENT with an RRULE (and EXDATE for its skipped
// dates), never one VEVENT per occurrence, so a calendar app keeps it as one series. UIDs are
// "<event-id>@<collaborative-id>.collab": the same in the whole calendar and in every team's, and the
// same from run to run, so importing again updates the events instead of duplicating them. Times carry
// their event's TZID with a VTIMEZONE generated from the tz database's transitions over the exported
// span; UTC times are written with Z and no TZID. Text is escaped, lines end in CRLF and are folded at
// 75 octets on UTF-8 character boundaries.
#pragma once

#include "model/project.h"
#include "schedule/calendar.h"

#include <chrono>
#include <string>
#include <string_view>

namespace collab::schedule {

struct IcalOptions {
  std::string calendar_name;                 // X-WR-CALNAME
  std::string team;                          // only the events of this team (events without `teams` are everyone's)
  date::sys_seconds dtstamp{};               // DTSTAMP of every VEVENT (SOURCE_DATE_EPOCH in the CLI)
};

// The VCALENDAR text. Errors as expand_event's.
Result<std::string> export_ical(const model::Project& p, const IcalOptions& options);

// Whether an event is on the calendar of a team: events that name no teams are everyone's.
bool event_for_team(const model::Event& e, const std::string& team);

// The building blocks, exposed for tests.
std::string escape_text(std::string_view text);      // RFC 5545 3.3.11: \\ \; \, \n; other controls but tab dropped
// A C0 control character other than tab, or DEL: what no content line may hold raw (a URL with one is not written).
bool is_control(char c);
bool has_control(std::string_view text);
std::string fold_line(std::string_view line);        // one content line, folded, with its final CRLF
std::string rrule_for(const model::Event& e, const Occurrence& first, const std::optional<Date>& horizon);
std::string vtimezone(const date::time_zone* zone, UtcMinutes from, UtcMinutes to);
bool is_utc_zone(const date::time_zone* zone);

}  // namespace collab::schedule
