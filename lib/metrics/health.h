// The collaborative's health beside its measures: data completeness and timeliness, participation in
// events, and the progress scale (docs/metrics.md).
#pragma once

#include "metrics/measures.h"
#include "model/project.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::metrics {

// ---- Completeness and timeliness ----
// Expected: each team, each measure of the core data set (the measures marked `core`, or every measure
// when none is), each month from collab.yaml's data.from (else the collaborative's first month) or the
// team's joining month, whichever is later, to the collaborative's last month or the month before the
// team withdrew, and only months that have ended by `as_of`. A month's data are due on data.due_day of
// the next month (the last day of the next month when due_day is not set). A weekly measure is expected
// each ISO week instead: from the week that starts data.from's month (by its Thursday; else the week of the
// collaborative's start) or the week the team joined, to the week of the collaborative's end or the week
// before the team stopped, each week that has ended by `as_of`; it is due data.weekly_due_days (7 when not
// set) days after its Sunday.
//   submitted  a value, received by the due date (or with no `submitted` date)
//   late       a value, submitted after the due date
//   explained  reported as missing, with the reason
//   missing    nothing reported and the due date has passed (overdue)
//   pending    nothing reported yet, not due yet
// A team's measure in one period. The team and the measure are the project's own IDs, and the status one of
// five fixed words, not copies: a national network has 288,000 cells, most with long IDs (docs/performance.md).
// A result must not outlive the project it was computed from, nor the project's teams and measures change
// while it is used (a vector that grows moves short IDs); a cell's strings must outlive it.
struct CompletenessCell {
  std::string_view team, measure;
  ReportingPeriod period;  // a week for a weekly measure
  Date due;
  std::string_view status;  // "submitted", "late", "explained", "missing" or "pending"
  std::optional<Date> submitted;
  std::string reason;  // explained: the reason given
};

struct CompletenessCount {
  int expected = 0, submitted = 0, late = 0, explained = 0, missing = 0, pending = 0;
  // Share of the due cells (expected - pending) that have a value: (submitted + late) / due; none when
  // nothing is due yet.
  std::optional<double> completeness() const;
  std::optional<double> timeliness() const;  // submitted / (submitted + late)
};

// A team's cells in one month (a weekly measure's weeks by their Thursday's month): how many of each
// status, and the measures with a missing cell, each once, in the cells' order. The views are the cells'.
struct CompletenessMonth {
  std::string_view team;
  Period month;
  CompletenessCount count;
  std::vector<std::string_view> missing;
};

struct CompletenessResult {
  Date as_of;
  std::vector<std::string> measures;  // the core data set
  std::vector<CompletenessCell> cells;  // by team, then period (by time: months and weeks mixed), then measure
  std::vector<CompletenessMonth> months;  // KeepCells::months only: by team, then month
  std::map<std::string, CompletenessCount> by_team;
  CompletenessCount total;
};

// Which cells a CompletenessResult keeps: all; only the missing ones, which is all that a list of what is
// overdue needs; or none, but each team's months (a chart of a national network draws a cell per team and
// month). The counts are the same. A national network has 288,000 cells, 29 MB (docs/performance.md).
enum class KeepCells { all, missing, months };

// Cells grouped by team (in the order each first appears) and month (in time order).
std::vector<CompletenessMonth> completeness_months(const std::vector<CompletenessCell>& cells);

CompletenessResult completeness(const model::Project& project, const Date& as_of, const Scope& scope,
                                KeepCells keep = KeepCells::all);

// ---- Participation ----
// Each attendance file is one occurrence of an event. A team is expected at an occurrence when it was
// active on that date (joined on or before it, not yet withdrawn or completed) and the event is for it (an
// event that names `teams` is for those only), and attended when at least one of its members is present;
// each member on the team that day is expected too.
struct TypeAttendance {
  int expected = 0, attended = 0;
  std::optional<double> rate() const;
};

struct SessionAttendance {
  std::string attendance, event;  // the attendance file's ID and its event
  Date date;
  int members = 0, present = 0, excused = 0;
  bool full_team() const { return members > 0 && present == members; }
};

struct TeamParticipation {
  std::string team;
  std::map<std::string, TypeAttendance> by_type;  // event type -> team-level attendance
  TypeAttendance overall;                          // team level, every event
  TypeAttendance members;                          // member level, every event
  std::vector<SessionAttendance> learning_sessions;
  // Every member on the team was present at every learning session held while it was active (an NCTSN
  // completion criterion); none when no learning session has an attendance file yet.
  std::optional<bool> full_team_every_session;
  std::map<std::string, int> engagement;  // passenger, deep-diver, crew, unrecorded -> members
};

struct ParticipationResult {
  int occurrences = 0;  // attendance files read
  std::vector<TeamParticipation> teams;
  std::map<std::string, TypeAttendance> by_type;  // over all teams
};

ParticipationResult participation(const model::Project& project, const Scope& scope);

// ---- Progress (the 0.5-5.0 assessment scale) ----
struct ScoreSummary {
  int n = 0;
  std::optional<double> mean, median;
  std::optional<double> share_at_4;    // share of scores of 4.0 or more
  std::map<double, int> distribution;  // score -> teams
};

struct ProgressPeriod {
  Period period;
  ScoreSummary faculty, self;
};

struct TeamProgress {
  std::string team;
  struct Entry {
    Period period;
    double score;
    std::optional<double> self_score;
    std::string assessor;
  };
  std::vector<Entry> ratings;  // period order
  std::optional<double> first, latest, change;
};

struct ProgressResult {
  std::vector<ProgressPeriod> periods;
  std::vector<TeamProgress> teams;
};

ProgressResult progress(const model::Project& project, const Scope& scope);

}  // namespace collab::metrics
