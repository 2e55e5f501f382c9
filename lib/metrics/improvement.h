// Improvement work in numbers (docs/metrics.md, "Improvement"): the PDSA cycles teams run on the change
// package's ideas, as of a date. A cycle counts from its start on or before `as_of`; a decision counts when
// it was taken on or before `as_of` (a later one is still open then), so a report for a past date shows
// what was known that day.
#pragma once

#include "metrics/measures.h"
#include "model/project.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::metrics {

// A cycle as of the date: its ramp and state.
struct CycleState {
  const model::PdsaCycle* cycle = nullptr;
  std::string ramp;      // the ID of the ramp's first cycle
  int step = 1;          // 1 for the ramp's first cycle, 2 for one building on it, ...
  std::string decision;  // adopt, adapt, abandon; empty: open (not decided by as_of)
};

struct TeamImprovement {
  std::string team;
  std::map<Period, int> started;  // cycles started per month, for each month of ImprovementResult::months
  int cycles = 0, open = 0;
  std::map<std::string, int> decisions;  // adopt/adapt/abandon -> cycles
  std::optional<Date> last_activity;     // the latest start, do.end or decision on or before as_of
  bool active = false;                   // the team is active on as_of (joined, not withdrawn or completed)
  // Active, and no activity in the last quiet_weeks weeks (or none at all), in a collaborative that keeps
  // improvement work (a driver diagram or any cycle).
  bool quiet = false;
};

// How far a change idea has spread: teams that list it (their change_ideas; its team for an own idea),
// teams that tested it (a cycle on it started by as_of), teams that adopted it (a cycle on it decided
// "adopt"), and teams whose latest decision on it is "abandon" (and that never adopted it).
struct IdeaSpread {
  std::string idea, name, owner;  // owner: the team of an own idea, empty for the change package's
  std::vector<std::string> drivers;
  std::vector<std::string> listed, testing, adopted, abandoned;  // team IDs, sorted
  int cycles = 0;
};

// A ramp: the cycles of one team linked by builds_on, from the one that builds on nothing. Its outcome is
// the decision of its latest cycle (by start, then ID): adopt, adapt or abandon, or "open" when that cycle
// is not decided yet.
struct Ramp {
  std::string team, idea, first, last;  // idea: the first cycle's
  std::vector<std::string> cycles;      // by start, then ID
  Date start;                           // the first cycle's start
  std::optional<Date> end;              // the latest decision, when the ramp is decided
  std::string outcome;
  int length() const { return static_cast<int>(cycles.size()); }
};

// A cycle's start or decision, shown on its team's charts of the measures its change idea names (all the
// team's charts when the idea names none).
// The strings are the project's own (and fixed words), not copies: a national network has 22,000
// annotations (docs/performance.md). An ImprovementResult must not outlive its project.
struct Annotation {
  std::string_view team, cycle, idea, event;  // event: "start" or "decision"
  Date date;
  std::string_view decision;                  // for a decision
  const model::ChangeIdea* change_idea = nullptr;  // whose measures it is shown on; none, or none named: every measure
  bool on(std::string_view measure) const;
};

struct ImprovementResult {
  Date as_of;
  int quiet_weeks = 8;
  std::vector<Period> months;  // the collaborative's months (or the scope's) up to as_of
  std::vector<CycleState> cycles;  // by team, start, ID
  std::vector<TeamImprovement> teams;  // every team in scope, by ID
  std::map<Period, int> started;       // all teams
  std::vector<IdeaSpread> ideas;       // the change package's in its order, then own ideas by team
  std::vector<Ramp> ramps;             // by team, start, first cycle
  std::vector<Annotation> annotations;  // by team, date, cycle, start before decision
  int open = 0;
  std::map<std::string, int> decisions;
};

ImprovementResult improvement(const model::Project& project, const Scope& scope, const Date& as_of, int quiet_weeks);

// The annotations of one team's chart of one measure, at the periods (months or ISO weeks) of their dates.
std::vector<ChartAnnotation> chart_annotations(const ImprovementResult& r, const model::Measure& m, const std::string& team);

}  // namespace collab::metrics
