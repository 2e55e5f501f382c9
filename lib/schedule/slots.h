// When to hold a recurring virtual call for an international membership. Every active member is placed
// in an IANA time zone (the member's, else the team's, else the organization's, else the collaborative's)
// with working hours (the member's, the team's, collab.yaml's schedule.working_hours, else 08:00-18:00),
// Monday to Friday local time. A slot is a start time of day in one reference zone; on each date of the
// period the call is placed in that zone and converted to every member's zone, so that when daylight saving
// time starts or ends somewhere the call moves there (United States and Europe change on different dates).
// A member is inside working hours on a date when the whole call falls inside them on a local working day.
// Coverage = members inside / members, averaged over the dates.
//
// When no single slot reaches the wanted coverage, pairs of slots are offered for alternating calls
// (odd occurrences at one, even at the other); a pair's reach is the share of member-dates inside working
// hours at either slot of that date, its mean coverage the average of the two slots' coverages.
#pragma once

#include "core/error.h"
#include "model/project.h"
#include "schedule/calendar.h"

#include <string>
#include <vector>

namespace collab::schedule {

struct WorkingHours {
  int from = 8 * 60, to = 18 * 60;  // minutes after local midnight
};
// "08:00-18:00"; nothing when malformed or not increasing.
std::optional<WorkingHours> parse_hours(const std::string& text);

struct Participant {
  std::string member, team;
  const date::time_zone* zone = nullptr;
  WorkingHours hours;
};

// The active teams' current members, placed in their zones with their hours. `default_hours` (--hours)
// replaces collab.yaml's schedule.working_hours when given. Errors: an unknown time zone, working hours that do not parse
// (ErrorKind::data, with path:line:column; collab validate refuses them first).
Result<std::vector<Participant>> participants(const model::Project& p, const std::optional<WorkingHours>& default_hours);

struct SlotRequest {
  const date::time_zone* zone = nullptr;  // the slot's reference zone
  int duration_minutes = 60;
  int step_minutes = 30;                  // candidate starts every step minutes from 00:00
  std::vector<Date> dates;                // the dates the call takes place on
  size_t top = 5;
  double min_coverage = 0.8;
};

struct Outside {
  std::string member, team, zone;
  double share = 0;                       // of the dates on which the member is outside working hours
  std::vector<std::string> local_times;   // distinct local times of the call when outside ("07:00-08:30",
                                          // "sat 12:00-13:30" when outside because the day is a weekend)
};

struct Slot {
  int start = 0;                          // minutes after midnight in the reference zone
  double coverage = 0;
  std::vector<Outside> outside;           // members outside on at least one date, by share then ID
};

struct AlternatingPair {
  Slot first, second;
  double reach = 0, mean_coverage = 0;
};

struct SlotResult {
  size_t members = 0, zones = 0;
  std::vector<Slot> best;                 // top slots by coverage, then earliest start
  std::vector<AlternatingPair> pairs;     // when the best slot is below min_coverage: top pairs by reach
};

// The days a call may take place on when no event says: every day of the collaborative allowed by
// schedule.weekdays (Monday to Friday when absent), the days of blackouts without regions left out.
std::vector<Date> call_dates(const model::Collaborative& c);

// Coverage of one slot (exposed for tests).
Slot evaluate_slot(const std::vector<Participant>& people, const SlotRequest& request, int start);

Result<SlotResult> find_slots(const std::vector<Participant>& people, const SlotRequest& request);

std::string clock_text(int minutes_after_midnight);  // "09:30"

}  // namespace collab::schedule
