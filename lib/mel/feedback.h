// Participant feedback: response rates, item statistics and follow-up status of each survey (surveys/,
// responses/), per event it has responses for and over all of them. These are the product's definitions:
//
// Responses (AAPOR Standard Definitions 2023). The closed items of a survey are its scale and nps items;
// open items never count here. A closed item is ANSWERED by a number that is a whole point between the
// item's min and max; any other answer to it (text, 3.5, 11 on a 0-10 item) is OFF-SCALE: counted per item,
// left out of every figure. A response is
//   COMPLETE   when it answers every closed item (a survey with no closed items: every response);
//   PARTIAL    when it answers at least `partial_at` (a share, survey file; 0.5 by default) of the closed
//              items but not all of them;
//   BREAK-OFF  otherwise. A break-off is not a response: it counts in no rate and no item figure.
// The ELIGIBLE of an event are the distinct members recorded `present` in any attendance file of that
// event, plus the sum of the `guests` of those files.
//   RR1 = complete / eligible, RR2 = (complete + partial) / eligible; null when eligible is 0.
// Responses may outnumber attendance (a member answered without being recorded): the rates are reported as
// they are, above 1, with `over_eligible` set (complete + partial > eligible > 0).
// Over all events: the counts, eligible included, are the sums over the events the survey has responses
// for (a member present at two events is eligible twice), and the rates are taken from those sums.
//
// Items (complete and partial responses only). n = answers; mean = their mean; distribution = answers per
// point, min to max; top-2-box = answers on the two best points (max and max - 1) / n. For nps items (0-10)
// also promoters (9-10), passives (7-8), detractors (0-6) and NPS = 100 * (promoters - detractors) / n, from
// -100 to +100 (Reichheld 2003, "The One Number You Need to Grow", HBR). Figures of an item with n = 0 are
// null. Open items: the number of text answers, and the answers themselves only when asked for.
// Kirkpatrick levels (1 reaction, 2 learning, 3 behaviour, 4 results): per level the number of items at the
// level and the UNWEIGHTED mean of the top-2-box shares of its scale items that have one (each item counts
// once, however many answered it); null when none has.
//
// Follow-ups. A survey with `follow_up_days` is a follow-up survey. For each event it lists (none listed:
// no follow-up status), due = the event's end date (Event::end_date()) + follow_up_days; the window closes
// window_days later. Status on `as_of`:
//   done      the survey has a response for the event (any response, a break-off included);
//   upcoming  as_of < due;
//   due       due <= as_of <= due + window_days;
//   overdue   as_of > due + window_days;
//   unknown   the event is not in events/ or has no date.
#pragma once

#include "model/project.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::mel {

struct ResponseCounts {
  int complete = 0, partial = 0, break_off = 0, eligible = 0;
  std::optional<double> rr1, rr2;  // null when eligible is 0
  bool over_eligible = false;
};

struct OpenAnswer {
  std::string response, event, text;
};

struct ItemStats {
  std::string item, text, type;  // type: scale, nps, open
  int min = 0, max = 0;
  std::optional<int> level;      // Kirkpatrick 1-4
  int n = 0;                     // closed items: answers on the scale; open items: text answers
  int off_scale = 0;
  std::optional<double> mean, top2_box;
  std::vector<int> distribution;  // closed items: answers per point, distribution[0] for min
  // nps items
  int promoters = 0, passives = 0, detractors = 0;
  std::optional<double> nps;
  // open items: filled only when include_open
  std::vector<OpenAnswer> answers;
};

struct LevelSummary {
  int level = 0;
  int items = 0;        // items at this level, every type
  int scale_items = 0;  // scale items with a top-2-box share (n > 0)
  std::optional<double> mean_top2_box;
};

// Counts, items and levels over one group of responses (one event, or all of them).
struct FeedbackGroup {
  ResponseCounts counts;
  std::vector<ItemStats> items;      // in the survey's order
  std::vector<LevelSummary> levels;  // levels that have items, 1 to 4
};

struct EventFeedback {
  std::string event;
  std::optional<Date> date;  // the event's start date
  FeedbackGroup feedback;
};

struct FollowUp {
  std::string event;
  std::optional<Date> end, due, closes;  // closes = due + window_days
  std::string status;                    // done, upcoming, due, overdue, unknown
  int responses = 0;
};

struct SurveyFeedback {
  std::string survey, name;
  int closed_items = 0;
  double partial_at = 0.5;
  std::optional<int> follow_up_days;
  int window_days = 14;
  FeedbackGroup overall;
  std::vector<EventFeedback> events;  // events with responses: by date, then ID (events without a date last)
  std::vector<FollowUp> follow_ups;   // follow-up surveys only, in the survey's order of events
};

struct FeedbackResult {
  Date as_of;
  bool include_open = false;
  std::vector<SurveyFeedback> surveys;  // in the project's order
};

SurveyFeedback survey_feedback(const model::Project& project, const model::Survey& survey, const Date& as_of,
                               bool include_open = false);
FeedbackResult compute_feedback(const model::Project& project, const Date& as_of, bool include_open = false);

// The eligible of an event: distinct members present in its attendance files plus their guests.
int eligible_for_event(const model::Project& project, const std::string& event);

nlohmann::json to_json(const SurveyFeedback& s, bool include_open);
nlohmann::json to_json(const FeedbackResult& r);

}  // namespace collab::mel
