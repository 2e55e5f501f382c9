// The collaborative's calendar: every event of events/ expanded into its occurrences, each placed in time
// (UTC instants from the event's local times in its IANA zone, or the collaborative's), and the warnings
// a planner wants to see: overlapping events, events on blackout dates or on weekdays not allowed,
// learning sessions closer than schedule.min_gap_days, calls during a learning session.
//
// Needs the tz database (Howard Hinnant's date, reading /usr/share/zoneinfo): only `collab schedule` calls
// it. Local times become instants with to_utc, as RFC 5545 3.3.5 reads a DATE-TIME with a TZID: a time
// that does not exist (inside a spring-forward gap) with the offset in force before the gap (02:30 on the
// United States' spring-forward day is 07:30Z in New York, as 03:30 EDT), a time that happens twice (in a
// fall-back overlap) at its first, earlier, instant.
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <date/tz.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace collab::schedule {

using LocalMinutes = date::local_time<std::chrono::minutes>;
using UtcMinutes = date::sys_time<std::chrono::minutes>;

// The instant of a local time in a zone (see above): local - the offset before a gap, or the earlier of two.
UtcMinutes to_utc(const date::time_zone* zone, LocalMinutes local);

// "path:line:column" as format_text (io/diagnostic.h) shows a location, for the schedule's own errors
// ("path:line:column: message", no severity); warnings are printed with format_text itself.
std::string where_text(const Location& l);

// The zone of that name, or an ErrorKind::data error naming it.
Result<const date::time_zone*> find_zone(const std::string& name);
// "YYYY-MM-DDTHH:MM" and "HH:MM".
std::string format_local(LocalMinutes t);
std::string format_clock(LocalMinutes t);

// Event types that span weeks and contain other events (not checked for overlaps).
bool is_container(const model::Event& e);
// Calls, webinars and any recurring timed event: what must not clash with a learning session.
bool is_call(const model::Event& e);

struct Occurrence {
  const model::Event* event = nullptr;
  const date::time_zone* zone = nullptr;
  bool all_day = false;
  Date first_day, last_day;               // local dates in the event's zone (inclusive)
  LocalMinutes local_start, local_end;    // in the event's zone; all-day: midnights, end exclusive
  UtcMinutes start, end;                  // the same instants in UTC
  bool recurring() const { return event->recurrence.has_value(); }
};

struct Warning {
  std::string kind;                // overlap, blackout, weekday, sessions-too-close, call-during-session
  Location where;                  // the event that is warned about
  std::string message;
  std::vector<std::string> events; // the event IDs involved
  Date date;                       // the day concerned
};

struct Calendar {
  std::vector<Occurrence> occurrences;  // by start, then event ID
  std::vector<Warning> warnings;        // by date, then kind, then message
  size_t events = 0;
};

// The event's zone name: its own, else the collaborative's, else UTC.
std::string zone_name(const model::Project& p, const model::Event& e);

// Every occurrence of one event. Errors (ErrorKind::data, with path:line:column): unknown time zone,
// malformed date or time, an end before its start.
Result<std::vector<Occurrence>> expand_event(const model::Project& p, const model::Event& e);

// The kinds of file the calendar reads (load_project's `only`): collab.yaml, organizations, teams and events.
// schedule reads and checks only these (docs/cli.md).
const std::set<model::FileKind>& schedule_reads();

// The whole calendar, with the warnings. Events that cannot be placed make the whole result an error.
Result<Calendar> build_calendar(const model::Project& p);

// The warnings for a list of occurrences (used by build_calendar and by planning to check a proposal).
std::vector<Warning> calendar_warnings(const model::Project& p, const std::vector<Occurrence>& occurrences);

}  // namespace collab::schedule
