// Reading the cells of an online form's CSV export (Google Forms, Microsoft Forms, Qualtrics, REDCap), one
// kind of answer at a time. Every reader trims the cell first and returns std::nullopt when it cannot read
// it (an empty cell included), so that the importer can refuse the row and say which cell and why. The
// readers touch no disk and hold no state: the same cell always reads the same way.
#pragma once

#include "core/dates.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::enroll {

// How a form writes a numeric date whose year comes last (03/04/2026): mdy for US forms (Google Forms and
// Microsoft Forms in an en-US locale), dmy for most other locales. ymd means such dates are refused: only
// year-first dates (2026-03-04, 2026/03/04) are read then.
enum class DateOrder { ymd, mdy, dmy };

// A calendar date that exists (no 2026-02-30). Accepted, after trimming:
//   2026-03-04, 2026/03/04, 2026.03.04, 2026-3-4     year first, whatever the order
//   03/04/2026, 3/4/2026, 3-4-2026, 3.4.2026         year last: month/day (mdy) or day/month (dmy);
//                                                    refused with ymd
//   3/4/26                                           a two-digit year is 20yy
//   4-Mar-2026, 4 Mar 2026, 4 March 2026, 4.Mar.2026 day, English month name or its 3-letter
//                                                    abbreviation (Sept too, a final '.' allowed), year
//   March 4, 2026, Mar 4 2026                        month name, day, year
//   2026-Mar-04                                      year, month name, day
// An English weekday in front ("Wednesday, March 4, 2026") is ignored. Month names are English only.
std::optional<Date> form_date(std::string_view cell, DateOrder order);

// A date and time of day, returned as "YYYY-MM-DDTHH:MM:SS". Accepted, after trimming:
//   3/4/2026 14:32:11          Google Forms' Timestamp column (the sheet's locale: month first in en-US)
//   3/4/26 2:32:11 PM          Microsoft Forms' Start time / Completion time (12-hour clock, AM/PM,
//                              also a.m./p.m., any case; 12 AM is 00, 12 PM is 12)
//   2026-03-04 14:32:11        Qualtrics' StartDate / EndDate / RecordedDate, REDCap's survey timestamps
//   2026-03-04 14:32           seconds may be left out (they read as :00)
//   2026-03-04T14:32:11Z       ISO 8601, with Z, UTC, GMT or an offset (+01:00, -0500); fractions of a
//   2026-03-04T14:32:11.5+01:00  second are dropped
//   any date form_date reads   a date alone reads as T00:00:00
// The date and the time are separated by spaces, a comma ("March 4, 2026, 2:32 PM") or T; the date part
// is read by form_date with `order`; two-digit years are 20yy. Zone abbreviations other than UTC and GMT
// (EST, CET...) are ambiguous and refused. A time zone or offset is NOT applied: the wall time is kept as
// written ("14:32:11Z" and "14:32:11+02:00" both give 14:32:11), because an EOI's `submitted` is the date
// the applicant saw and converting could move it to another day.
std::optional<std::string> form_timestamp(std::string_view cell, DateOrder order);

// Yes or no, ignoring case, surrounding spaces and a final '.' or '!':
//   true:  yes, y, true, 1, checked, x, ✓, ✔, oui, sí, si
//   false: no, n, false, 0, unchecked, non
// An empty cell is not "no": it is std::nullopt, like any other spelling. REDCap's checkbox columns export
// "Checked"/"Unchecked" (labels) or 1/0 (raw data); spreadsheets write TRUE/FALSE.
std::optional<bool> yes_no(std::string_view cell);

// A number as a form writes it: optional sign, digits, optional decimals and exponent ("12", "-0.5",
// "3.", ".5", "1e3"). No thousands separators or decimal commas (1,234 is ambiguous), no inf or nan.
std::optional<double> form_number(std::string_view cell);

// One of `options` (a Likert point or a single choice), compared ignoring ASCII case, surrounding spaces,
// runs of inner spaces (tabs, line breaks and no-break spaces count as spaces) and final punctuation
// (. , ; : ! ? …). Returns the option as it is written in `options` (the first one when two compare
// equal); std::nullopt for an empty cell or no match.
std::optional<std::string> option_match(std::string_view cell, const std::vector<std::string>& options);

// The answers of a multiple-choice ("checkboxes") cell, trimmed, empty ones dropped, in the order written.
// Google Forms joins them with ", ", Microsoft Forms with ";" (usually with a final ";"), Qualtrics with
// ",", and a hand-edited cell may use line breaks: the cell is split on line breaks, ';' and ','. An
// option of `options` that itself holds a ',' or ';' ("Yes, with support") is recognised whole first
// (the longest option wins), so it is not cut in two. The pieces are returned as written in the cell:
// match them with option_match.
std::vector<std::string> split_choices(std::string_view cell, const std::vector<std::string>& options = {});

// An email address as the EOI schema accepts it, and a little stricter: one '@', something before it, a
// domain with a '.' inside (not first or last, no ".."), no spaces or control characters, none of the
// characters < > ( ) [ ] , ; : " \ and at most 254 bytes.
bool is_email(std::string_view text);

// One proposed team member as written in a form's free-text "team" question.
struct TeamEntry {
  std::string name, email;         // email may be empty
  std::vector<std::string> roles;  // slugs (collab::slugify), duplicates removed, in the order written; may be empty
};

// The entries of a team cell. Entries are separated by line breaks or ';'; each entry is one of:
//   Maria Lopez (senior leader) <maria@x.org>           roles in parentheses, email in <...>
//   Maria Lopez, Senior Leader, maria@x.org             comma-separated: name, roles..., email
//   Maria Lopez - supervisor, clinician - maria@x.org   " - " (or " – ", " — ") separated; roles by ','
//   Maria Lopez | clinician | maria@x.org               '|' separated; roles by ','
//   Maria Lopez maria@x.org                             an email may also end the name
// Roles inside one part are also split on '/', '&' and '+'. The name is the first part that is not an
// email; it must not be empty. The email is optional, but one that is given must pass is_email, and an
// entry may give only one. Roles become slugs: "senior leader" -> senior-leader, "Clinical Supervisor" ->
// clinical-supervisor (kept as is, not mapped to "supervisor"). An empty cell gives an empty list.
// On failure returns std::nullopt and, when `problem` is not null, says which entry (1-based, counting
// non-empty entries) and why: "entry 2 ('Ana <ana@>'): 'ana@' is not an email address".
// Not handled: a name written "Lopez, Maria" (the comma form reads "Maria" as a role).
std::optional<std::vector<TeamEntry>> team_members(std::string_view cell, std::string* problem);

}  // namespace collab::enroll
