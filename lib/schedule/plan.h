// Planning the calendar from collab.yaml's phases (the template's structure): a learning session for each
// learning-session phase (ls1, "Learning session 2", a convening), an action period for each action-period
// phase, pre-work, the congress or teach-back, and recurring consultation calls over the action periods at
// the design's meeting_frequency (weekly, biweekly, or monthly on the nth weekday, "the second Tuesday")
// at the best slot for the members' working hours (lib/schedule/slots.h), skipping the dates that fall on
// a blackout or a learning session.
//
// Constraints: the collaborative's span and each phase's dates, schedule.weekdays, schedule.blackouts (all
// of them, regional ones included, block in-person days) and schedule.min_gap_days between learning
// sessions. When a phase's event cannot meet them all, planning fails and says which constraint blocks
// each candidate date.
//
// Existing events are respected: a phase that already has an event of the planned type keeps it. Files
// written by the planner carry a header with the hash of their body; such a file, unchanged since, may be
// replaced when the plan changes; one edited by hand (hash differs) or marked `pinned: true` is never
// touched and constrains the plan like any other event. Such an unedited file that the plan no longer
// produces is removed. The same inputs give the same files, so running the planner again changes nothing.
#pragma once

#include "core/error.h"
#include "model/project.h"
#include "schedule/calendar.h"

#include <string>
#include <vector>

namespace collab::schedule {

struct PlannedFile {
  std::string id;
  std::string path;      // events/<id>.yaml, relative to the root
  std::string content;   // empty for remove
  std::string action;    // create, update, unchanged, remove (a file the planner wrote, unedited, that the
                         // plan no longer has: say a pinned event took over its phase)
  std::string summary;   // one line: what and when
};

struct PlanResult {
  std::vector<PlannedFile> files;
  std::vector<std::string> kept;      // "ls1: learning-session-1 (pinned)" and the like
  std::vector<Warning> warnings;      // of the calendar with the plan in it
};

// The phase's event type from its ID or name: learning-session, action-period, prework, congress,
// teach-back, informational-call; empty when the phase gets no planned event.
std::string phase_event_type(const model::Phase& phase);

// The body hash recorded in a generated file's header ("# collab-plan: <hex>").
std::string body_hash(const std::string& body);

Result<PlanResult> plan_schedule(const model::Project& p);

}  // namespace collab::schedule
