// The dates a recurring event takes place on, expanded the way RFC 5545 expands the RRULE collab exports
// for it (lib/schedule/ical.h): weekly and biweekly on the weekday of `start`; monthly on the day of the
// month of `start` (months without that day are skipped, as RFC 5545 does for BYMONTHDAY=31), or with
// `week` on the nth weekday of start's weekday (-1: the last). `until` is inclusive; `count` counts the
// occurrences before the skipped dates are removed (RFC 5545: EXDATE applies after COUNT).
// Pure date arithmetic: no time zones here.
#pragma once

#include "core/dates.h"
#include "model/collaborative.h"

#include <optional>
#include <vector>

namespace collab::schedule {

// Occurrence dates from `start`, skipped dates left out. Without until or count the series stops at
// `horizon` (the collaborative's end); without either bound, at 1000 occurrences.
std::vector<Date> occurrence_dates(const Date& start, const model::Recurrence& r, const std::optional<Date>& horizon);

// The same series with the skipped dates kept: what the RRULE alone generates.
std::vector<Date> rule_dates(const Date& start, const model::Recurrence& r, const std::optional<Date>& horizon);

// Whether `d` is the nth (1-4) or last (-1) of its weekday in its month.
bool is_nth_weekday(const Date& d, int week);

// "mon".."sun" of a date, and the English name ("Tuesday").
std::string weekday_key(const Date& d);
std::string weekday_name(const Date& d);
// "second", "last"...: for messages about `week`.
std::string ordinal_word(int week);

}  // namespace collab::schedule
