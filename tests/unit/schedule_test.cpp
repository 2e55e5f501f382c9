// lib/schedule: recurrence dates, slot coverage against hand-computed cases (DST in the United States on
// 2026-03-08 and in Europe on 2026-03-29), iCalendar building blocks, calendar warnings.
#include "core/timezones.h"
#include "io/files.h"
#include "schedule/calendar.h"
#include "schedule/ical.h"
#include "schedule/plan.h"
#include "schedule/recurrence.h"
#include "schedule/slots.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

using namespace collab;
using namespace collab::schedule;

namespace {

Date D(const char* s) { return *parse_date(s); }

const date::time_zone* Z(const char* name) { return *find_zone(name); }

Participant person(const char* id, const char* zone, int from = 8 * 60, int to = 18 * 60) {
  return Participant{id, "team", Z(zone), WorkingHours{from, to}};
}

model::Event timed(const char* id, const char* type, const char* start, int minutes, const char* zone) {
  model::Event e;
  e.id = id;
  e.name = id;
  e.type = type;
  e.start = start;
  e.duration_minutes = minutes;
  e.timezone = zone;
  return e;
}

model::Event all_day(const char* id, const char* type, const char* start, const char* end) {
  model::Event e;
  e.id = id;
  e.name = id;
  e.type = type;
  e.start = start;
  e.end = end;
  return e;
}

model::Project project_with(std::vector<model::Event> events) {
  model::Project p;
  model::Collaborative c;
  c.id = "t";
  c.timezone = "America/New_York";
  c.start = D("2026-01-05");
  c.end = D("2026-12-18");
  p.collaborative = c;
  p.events = std::move(events);
  return p;
}

std::vector<std::string> kinds(const std::vector<Warning>& ws) {
  std::vector<std::string> out;
  for (const auto& w : ws) out.push_back(w.kind);
  return out;
}

}  // namespace

TEST_CASE("recurrence dates follow RFC 5545", "[schedule]") {
  model::Recurrence monthly{"monthly", D("2026-07-31"), std::nullopt, std::nullopt, {}};
  // The 31st: months without one are skipped (RFC 5545), not clamped.
  auto d = occurrence_dates(D("2026-01-31"), monthly, std::nullopt);
  std::vector<Date> want = {D("2026-01-31"), D("2026-03-31"), D("2026-05-31"), D("2026-07-31")};
  CHECK(d == want);

  // "Second Tuesday of the month": 2026-02-10, 03-10, 04-14, 05-12.
  model::Recurrence second{"monthly", std::nullopt, 4, 2, {}};
  want = {D("2026-02-10"), D("2026-03-10"), D("2026-04-14"), D("2026-05-12")};
  CHECK(occurrence_dates(D("2026-02-10"), second, std::nullopt) == want);
  CHECK(is_nth_weekday(D("2026-02-10"), 2));
  CHECK_FALSE(is_nth_weekday(D("2026-02-17"), 2));
  CHECK(is_nth_weekday(D("2026-02-24"), -1));  // the last Tuesday of February 2026

  // COUNT counts before EXDATE: 4 generated, one skipped, 3 left.
  model::Recurrence weekly{"weekly", std::nullopt, 4, std::nullopt, {D("2026-03-16")}};
  want = {D("2026-03-02"), D("2026-03-09"), D("2026-03-23")};
  CHECK(occurrence_dates(D("2026-03-02"), weekly, std::nullopt) == want);

  // until is inclusive; biweekly steps 14 days; without until or count the horizon ends the series.
  model::Recurrence biweekly{"biweekly", std::nullopt, std::nullopt, std::nullopt, {}};
  want = {D("2026-03-02"), D("2026-03-16"), D("2026-03-30")};
  CHECK(occurrence_dates(D("2026-03-02"), biweekly, D("2026-03-30")) == want);
}

TEST_CASE("slot coverage across the March DST changes, by hand", "[schedule][slots]") {
  // A call fixed at 17:00-18:00 UTC on three Mondays. By hand:
  //   New York: 2026-03-02 12:00 EST (UTC-5); 03-09 and 03-30 13:00 EDT (UTC-4): inside 08:00-18:00 each time.
  //   London:   03-02 and 03-09 17:00-18:00 GMT: inside (ends at 18:00); 03-30 18:00 BST (UTC+1): outside.
  //   Nairobi:  20:00 EAT (UTC+3) each time: outside.
  // Coverage = (3 + 2 + 0) / 9 = 5/9.
  std::vector<Participant> people = {person("ny", "America/New_York"), person("london", "Europe/London"),
                                     person("nairobi", "Africa/Nairobi")};
  SlotRequest r;
  r.zone = Z("UTC");
  r.duration_minutes = 60;
  r.dates = {D("2026-03-02"), D("2026-03-09"), D("2026-03-30")};
  Slot s = evaluate_slot(people, r, 17 * 60);
  CHECK(s.coverage == Approx(5.0 / 9));
  REQUIRE(s.outside.size() == 2);
  CHECK(s.outside[0].member == "nairobi");
  CHECK(s.outside[0].share == Approx(1.0));
  CHECK(s.outside[0].local_times == std::vector<std::string>{"20:00-21:00"});
  CHECK(s.outside[1].member == "london");
  CHECK(s.outside[1].share == Approx(1.0 / 3));
  CHECK(s.outside[1].local_times == std::vector<std::string>{"18:00-19:00"});

  // The same call fixed at 12:00 New York time instead: 17:00 UTC on 03-02 (EST) but 16:00 UTC from 03-09
  // (EDT): London 17:00 GMT, 16:00 GMT, 17:00 BST, all inside; Nairobi 20:00, 19:00, 19:00 EAT, outside.
  r.zone = Z("America/New_York");
  Slot ny = evaluate_slot(people, r, 12 * 60);
  CHECK(ny.coverage == Approx(6.0 / 9));
  REQUIRE(ny.outside.size() == 1);
  CHECK(ny.outside[0].local_times == std::vector<std::string>{"19:00-20:00", "20:00-21:00"});
}

TEST_CASE("working days are local: Sunday evening in London is Monday morning in Tokyo", "[schedule][slots]") {
  // 2026-03-01 is a Sunday. 23:30 UTC = Monday 08:30 JST (UTC+9): inside; Sunday 23:30 GMT in London: outside.
  std::vector<Participant> people = {person("tokyo", "Asia/Tokyo"), person("london", "Europe/London")};
  SlotRequest r;
  r.zone = Z("UTC");
  r.dates = {D("2026-03-01")};
  Slot s = evaluate_slot(people, r, 23 * 60 + 30);
  CHECK(s.coverage == Approx(0.5));
  REQUIRE(s.outside.size() == 1);
  CHECK(s.outside[0].member == "london");
  CHECK(s.outside[0].local_times == std::vector<std::string>{"sun 23:30-00:30"});
}

TEST_CASE("no slot covers two zones whose hours never meet: alternate", "[schedule][slots]") {
  // Honolulu (UTC-10) 09:00-17:00 = 19:00-03:00 UTC; Kolkata (UTC+5:30) 09:00-17:00 = 03:30-11:30 UTC.
  // No 60-minute slot fits both: the best covers 50%; a pair (one in each window) reaches 100%.
  std::vector<Participant> people = {person("honolulu", "Pacific/Honolulu", 9 * 60, 17 * 60),
                                     person("kolkata", "Asia/Kolkata", 9 * 60, 17 * 60)};
  SlotRequest r;
  r.zone = Z("UTC");
  r.dates = {D("2026-07-01"), D("2026-07-08")};  // Wednesdays
  r.top = 3;
  auto result = find_slots(people, r);
  REQUIRE(result);
  REQUIRE(!result->best.empty());
  CHECK(result->best.front().coverage == Approx(0.5));
  REQUIRE(!result->pairs.empty());
  CHECK(result->pairs.front().reach == Approx(1.0));
  CHECK(result->pairs.front().mean_coverage == Approx(0.5));
  // Ties go to the earliest starts: 00:00 UTC on a Wednesday (Tuesday 14:00 in Honolulu) with 03:30 UTC
  // (Wednesday 09:00 in Kolkata).
  CHECK(clock_text(result->pairs.front().first.start) == "00:00");
  CHECK(clock_text(result->pairs.front().second.start) == "03:30");
}

TEST_CASE("working hours parse", "[schedule][slots]") {
  auto h = parse_hours("08:30-17:00");
  REQUIRE(h);
  CHECK(h->from == 510);
  CHECK(h->to == 1020);
  CHECK_FALSE(parse_hours("18:00-08:00"));
  CHECK_FALSE(parse_hours("8:00-18:00"));
  CHECK(parse_hours("00:00-24:00"));
}

TEST_CASE("iCalendar text is escaped", "[schedule][ical]") {
  CHECK(escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne");
  CHECK(escape_text("line\r\nnext") == "line\\nnext");
}

TEST_CASE("iCalendar lines fold at 75 octets on UTF-8 boundaries", "[schedule][ical]") {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) line += "\xc3\xa9";  // é: 2 octets; 12 + 80 = 92 octets
  std::string folded = fold_line(line);
  // Byte 75 would split an é (12 + 2k): the first line stops at 74 octets.
  auto first_end = folded.find("\r\n");
  CHECK(first_end == 74);
  size_t pos = 0;
  std::string unfolded;
  while (pos < folded.size()) {
    auto end = folded.find("\r\n", pos);
    std::string part = folded.substr(pos, end - pos);
    CHECK(part.size() <= 75);
    CHECK((static_cast<unsigned char>(part[pos == 0 ? 0 : 1]) & 0xC0) != 0x80);  // no line starts mid-character
    unfolded += pos == 0 ? part : part.substr(1);
    pos = end + 2;
  }
  CHECK(unfolded == line);
  CHECK(fold_line("SHORT:x") == "SHORT:x\r\n");
  std::string exact(75, 'a');
  CHECK(fold_line(exact) == exact + "\r\n");
}

TEST_CASE("RRULE and EXDATE for recurring calls", "[schedule][ical]") {
  auto weekly = timed("w", "consultation-call", "2026-03-02T09:00", 60, "America/New_York");
  weekly.recurrence = model::Recurrence{"weekly", D("2026-04-06"), std::nullopt, std::nullopt, {D("2026-03-23")}};
  auto second = timed("m", "webinar", "2026-02-10T12:00", 90, "UTC");
  second.recurrence = model::Recurrence{"monthly", std::nullopt, 4, 2, {}};
  auto p = project_with({weekly, second});
  auto w = expand_event(p, p.events[0]);
  REQUIRE(w);
  REQUIRE(w->size() == 5);
  // With a TZID, UNTIL is UTC: 2026-04-06 09:00 EDT = 13:00 UTC.
  CHECK(rrule_for(p.events[0], w->front(), p.collaborative->end) == "RRULE:FREQ=WEEKLY;UNTIL=20260406T130000Z");
  auto m = expand_event(p, p.events[1]);
  REQUIRE(m);
  CHECK(rrule_for(p.events[1], m->front(), p.collaborative->end) == "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4");

  IcalOptions o;
  o.dtstamp = date::sys_days{date::year{2026} / 1 / 1};
  auto text = export_ical(p, o);
  REQUIRE(text);
  CHECK(text->find("EXDATE;TZID=America/New_York:20260323T090000\r\n") != std::string::npos);
  CHECK(text->find("DTSTART;TZID=America/New_York:20260302T090000\r\n") != std::string::npos);
  CHECK(text->find("DTSTART:20260210T120000Z\r\n") != std::string::npos);  // UTC: Z, no TZID
  CHECK(text->find("TZID=UTC") == std::string::npos);
  CHECK(text->find("DTSTAMP:20260101T000000Z\r\n") != std::string::npos);
  CHECK(text->find("UID:w@t.collab\r\n") != std::string::npos);
  // The VTIMEZONE holds the US change of 2026-03-08 02:00 EST -> EDT.
  CHECK(text->find("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n") !=
        std::string::npos);
}

TEST_CASE("calendar occurrences are placed in UTC across DST", "[schedule]") {
  auto weekly = timed("w", "consultation-call", "2026-03-02T09:00", 60, "America/New_York");
  weekly.recurrence = model::Recurrence{"weekly", D("2026-03-09"), std::nullopt, std::nullopt, {}};
  auto p = project_with({weekly});
  auto cal = build_calendar(p);
  REQUIRE(cal);
  REQUIRE(cal->occurrences.size() == 2);
  // 09:00 EST = 14:00 UTC; 09:00 EDT = 13:00 UTC.
  CHECK(format_local(LocalMinutes{cal->occurrences[0].start.time_since_epoch()}) == "2026-03-02T14:00");
  CHECK(format_local(LocalMinutes{cal->occurrences[1].start.time_since_epoch()}) == "2026-03-09T13:00");
}

TEST_CASE("calendar warnings", "[schedule]") {
  auto ls1 = all_day("ls1", "learning-session", "2026-03-16", "2026-03-17");
  auto ls2 = all_day("ls2", "learning-session", "2026-04-13", "2026-04-14");
  auto ap = all_day("ap1", "action-period", "2026-03-18", "2026-04-12");  // a container: no overlap warnings
  auto call = timed("call", "consultation-call", "2026-03-17T13:00", 60, "America/New_York");
  auto meeting = timed("meeting", "meeting", "2026-03-25T13:30", 60, "America/New_York");
  auto webinar = timed("webinar", "webinar", "2026-03-25T14:00", 60, "America/New_York");
  auto holiday = timed("holiday", "meeting", "2026-07-03T10:00", 60, "America/New_York");
  auto p = project_with({ls1, ls2, ap, call, meeting, webinar, holiday});
  auto& s = p.collaborative->schedule;
  s.min_gap_days = 42;
  s.blackouts.push_back({{}, "Independence Day", D("2026-07-03"), std::nullopt, {"US"}});
  s.weekdays = {"mon", "tue", "wed", "thu"};
  auto cal = build_calendar(p);
  REQUIRE(cal);
  // By date: the call during LS1 (03-17), the overlap of meeting and webinar (03-25), LS2 only 27 days
  // after LS1 (04-13), the blackout and the Friday (07-03).
  CHECK(kinds(cal->warnings) ==
        std::vector<std::string>{"call-during-session", "overlap", "sessions-too-close", "blackout", "weekday"});
  CHECK(cal->warnings[2].message ==
        "learning session 'ls2' starts 27 days after learning session 'ls1' ends; schedule.min_gap_days is 42");
  CHECK(cal->warnings[3].message ==
        "event 'holiday' on 2026-07-03 falls on blackout 'Independence Day' in US (2026-07-03)");
}

TEST_CASE("an unknown time zone is a clear error", "[schedule]") {
  auto p = project_with({timed("x", "meeting", "2026-03-02T09:00", 60, "Mars/Olympus_Mons")});
  auto cal = build_calendar(p);
  REQUIRE_FALSE(cal);
  CHECK(cal.error().message.find("unknown time zone 'Mars/Olympus_Mons'") != std::string::npos);
}

TEST_CASE("phases map to the events planning gives them", "[schedule][plan]") {
  auto type = [](const char* id, const char* name) { return phase_event_type(model::Phase{{}, id, name, std::nullopt, std::nullopt}); };
  CHECK(type("ls1", "") == "learning-session");
  CHECK(type("cycle-1", "Learning session 1") == "learning-session");
  CHECK(type("convening", "In-person convening") == "learning-session");
  CHECK(type("ap2", "") == "action-period");
  CHECK(type("prework", "Pre-work: charter and baseline") == "prework");
  CHECK(type("final", "Summative congress") == "congress");
  CHECK(type("application", "Informational calls, applications and selection") == "informational-call");
  CHECK(type("lsx", "Sustain") == "");
  // The fingerprint of an unedited planned file: any change to the body changes it.
  CHECK(body_hash("id: ls1\n") == body_hash("id: ls1\n"));
  CHECK(body_hash("id: ls1\n") != body_hash("id: ls2\n"));
  CHECK(body_hash("").size() == 16);
}

TEST_CASE("iCalendar output never holds a raw control character", "[schedule][ical]") {
  // Control characters other than tab are dropped from TEXT values; the line break stays an escaped \n.
  CHECK(escape_text(std::string("a\x01" "b\x1b" "c\x7f" "d\te", 10)) == "abcd\te");
  CHECK(escape_text(std::string("x\0y", 3)) == "xy");
  CHECK(has_control("https://x/\r\nATTENDEE:mailto:evil@example.org"));
  CHECK_FALSE(has_control("https://example.org/a?b=c"));

  auto e = timed("w", "webinar", "2026-03-10T14:00", 60, "UTC");
  e.url = "https://x/\r\nATTENDEE:mailto:evil@example.org";
  e.name = "Name\r\nATTENDEE:mailto:evil@example.org";
  e.description = std::string("bell\a and escape\x1b[31m");
  auto p = project_with({e});
  IcalOptions o;
  o.dtstamp = date::sys_days{date::year{2026} / 1 / 1};
  auto text = export_ical(p, o);
  REQUIRE(text);
  CHECK(text->find("\r\nATTENDEE") == std::string::npos);  // no injected property
  CHECK(text->find("\r\nURL:") == std::string::npos);       // a URL with a control character is left out
  CHECK(text->find("SUMMARY:Name\\nATTENDEE:mailto:evil@example.org\r\n") != std::string::npos);
  for (size_t i = 0; i < text->size(); ++i) {
    char c = (*text)[i];
    bool crlf = (c == '\r' && i + 1 < text->size() && (*text)[i + 1] == '\n') || (c == '\n' && i > 0 && (*text)[i - 1] == '\r');
    if (!crlf) CHECK_FALSE(is_control(c));
  }
  e.url = "https://example.org/join";
  p = project_with({e});
  text = export_ical(p, o);
  REQUIRE(text);
  CHECK(text->find("\r\nURL:https://example.org/join\r\n") != std::string::npos);
}

TEST_CASE("local times in a DST gap or overlap are read as RFC 5545 reads them", "[schedule][ical]") {
  auto utc = [](UtcMinutes t) { return format_local(LocalMinutes{t.time_since_epoch()}); };
  auto local = [](const char* s) { return *parse_local_datetime(s); };
  const date::time_zone* ny = Z("America/New_York");
  // 2026-03-08 02:30 does not exist in New York (02:00 EST -> 03:00 EDT): the offset before the gap, EST
  // (UTC-5), gives 07:30Z (03:30 EDT), not the transition instant 07:00Z.
  CHECK(utc(to_utc(ny, local("2026-03-08T02:30"))) == "2026-03-08T07:30");
  // 2026-11-01 01:30 happens twice (EDT, then EST): the first, 05:30Z.
  CHECK(utc(to_utc(ny, local("2026-11-01T01:30"))) == "2026-11-01T05:30");
  CHECK(utc(to_utc(ny, local("2026-03-09T02:30"))) == "2026-03-09T06:30");  // unique: EDT

  // A weekly call at 02:30 whose last occurrence falls in the gap: UNTIL is that occurrence's instant, so
  // a reader of the RRULE keeps it.
  auto gap = timed("gap", "consultation-call", "2026-03-01T02:30", 60, "America/New_York");
  gap.recurrence = model::Recurrence{"weekly", D("2026-03-08"), std::nullopt, std::nullopt, {}};
  auto fold = timed("fold", "consultation-call", "2026-10-25T01:30", 60, "America/New_York");
  fold.recurrence = model::Recurrence{"weekly", D("2026-11-01"), std::nullopt, std::nullopt, {}};
  auto p = project_with({gap, fold});
  auto g = expand_event(p, p.events[0]);
  REQUIRE(g);
  REQUIRE(g->size() == 2);
  CHECK(utc((*g)[0].start) == "2026-03-01T07:30");
  CHECK(utc((*g)[1].start) == "2026-03-08T07:30");
  CHECK(rrule_for(p.events[0], g->front(), p.collaborative->end) == "RRULE:FREQ=WEEKLY;UNTIL=20260308T073000Z");
  auto f = expand_event(p, p.events[1]);
  REQUIRE(f);
  REQUIRE(f->size() == 2);
  CHECK(utc((*f)[0].start) == "2026-10-25T05:30");
  CHECK(utc((*f)[1].start) == "2026-11-01T05:30");
  CHECK(rrule_for(p.events[1], f->front(), p.collaborative->end) == "RRULE:FREQ=WEEKLY;UNTIL=20261101T053000Z");
}

TEST_CASE("working hours that do not parse are an error, not 08:00-18:00", "[schedule][slots]") {
  CHECK_FALSE(parse_hours("09:00-24:30"));
  CHECK_FALSE(parse_hours("24:00-24:00"));
  CHECK(parse_hours("09:00-24:00"));
  auto p = project_with({});
  model::Team t;
  t.id = "harbor";
  t.status = "active";
  t.timezone = "UTC";
  model::Member m;
  m.id = "hana";
  t.members.push_back(m);
  p.teams.push_back(t);
  auto ok = participants(p, std::nullopt);
  REQUIRE(ok);
  REQUIRE(ok->size() == 1);
  CHECK(ok->front().hours.from == 8 * 60);
  CHECK(ok->front().hours.to == 18 * 60);

  p.teams[0].working_hours = "09:00-24:30";
  auto team = participants(p, std::nullopt);
  REQUIRE_FALSE(team);
  CHECK(team.error().message.find("working hours 09:00-24:30") != std::string::npos);
  p.teams[0].working_hours.clear();
  p.teams[0].members[0].working_hours = "9-17";
  CHECK_FALSE(participants(p, std::nullopt));
  p.teams[0].members[0].working_hours.clear();
  p.collaborative->schedule.working_hours = "07:00-25:00";
  CHECK_FALSE(participants(p, std::nullopt));
  CHECK(participants(p, WorkingHours{9 * 60, 17 * 60}));  // --hours replaces collab.yaml's
}

TEST_CASE("plan --write removes stale planned files only after every new text is in place", "[schedule][plan]") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / fmt::format("collab-remove-{}", std::random_device{}());
  fs::create_directories(root / "events");
  auto put = [&](const char* name, const char* text) { std::ofstream(root / name) << text; };
  auto get = [&](const char* name) {
    std::ifstream in(root / name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  put("events/keep.yaml", "old\n");
  put("events/stale.yaml", "stale\n");
  put("events/taken.yaml", "taken\n");
  // A create over an existing file fails before anything is written: the stale file stays.
  CHECK_FALSE(write_files(root, {{"events/keep.yaml", "new\n"}, {"events/taken.yaml", "x\n", true},
                                 {"events/stale.yaml", "", false, true}}));
  CHECK(get("events/keep.yaml") == "old\n");
  CHECK(fs::exists(root / "events/stale.yaml"));
  REQUIRE(write_files(root, {{"events/keep.yaml", "new\n"}, {"events/stale.yaml", "", false, true},
                             {"events/gone-already.yaml", "", false, true}}));
  CHECK(get("events/keep.yaml") == "new\n");
  CHECK_FALSE(fs::exists(root / "events/stale.yaml"));
  CHECK_FALSE(fs::exists(root / "events/gone-already.yaml"));
  size_t left = 0;
  for (const auto& entry : fs::directory_iterator(root / "events")) left += entry.is_regular_file() ? 1 : 0;
  CHECK(left == 2);  // keep.yaml and taken.yaml: no temporary file left behind
  fs::remove_all(root);
}

TEST_CASE("the schedule reuses the shared zone lookup and location format", "[schedule]") {
  CHECK(find_zone("Europe/London"));
  CHECK(*find_zone("Europe/London") == collab::locate_timezone("Europe/London"));
  CHECK(collab::locate_timezone("Mars/Olympus_Mons") == nullptr);
  CHECK_FALSE(find_zone("Mars/Olympus_Mons"));
  // As format_text shows a location: the column only with a line, nothing but the file without one.
  CHECK(where_text(Location{"events/a.yaml", 4, 7}) == "events/a.yaml:4:7");
  CHECK(where_text(Location{"events/a.yaml", 4, 0}) == "events/a.yaml:4");
  CHECK(where_text(Location{"collab.yaml", 0, 0}) == "collab.yaml");
  CHECK(format_text(Diagnostic{Location{"events/a.yaml", 4, 7}, Severity::warning, "m"}) ==
        where_text(Location{"events/a.yaml", 4, 7}) + ": warning: m");
  CHECK(phase_event_type(model::Phase{{}, "LS2", "", std::nullopt, std::nullopt}) == "learning-session");
}
