#!/usr/bin/env python3
"""Independent check of `collab schedule ics`: the export of tests/ical/fixture is parsed by Debian's
python3-icalendar, its recurrences are expanded by python-dateutil (RRULE, then EXDATE), and every event
start is converted to several zones with Python's zoneinfo and compared with values computed by hand,
across the March 2026 DST changes (United States 2026-03-08, Europe 2026-03-29). The raw text is checked
too: CRLF line ends, lines of at most 75 octets, folding on UTF-8 boundaries, escaping, VTIMEZONE offsets.

    check_ics.py COLLAB_BINARY
"""
import datetime as dt
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "fixture")
EPOCH = 1767225600  # 2026-01-01T00:00:00Z
UTC = dt.timezone.utc

# Hand-computed local start times ("HH:MM on YYYY-MM-DD") per event and zone.
# weekly-ny, 09:00 America/New_York: EST (UTC-5) on 03-02 = 14:00 UTC; EDT (UTC-4) from 03-08 = 13:00 UTC.
# London is GMT (UTC+0) until 03-29, then BST (UTC+1); Nairobi is UTC+3 and Kolkata UTC+5:30 all year.
# 03-23 is skipped (EXDATE).
EXPECTED = {
    "weekly-ny": {
        "America/New_York": ["2026-03-02 09:00", "2026-03-09 09:00", "2026-03-16 09:00", "2026-03-30 09:00", "2026-04-06 09:00"],
        "Europe/London": ["2026-03-02 14:00", "2026-03-09 13:00", "2026-03-16 13:00", "2026-03-30 14:00", "2026-04-06 14:00"],
        "Africa/Nairobi": ["2026-03-02 17:00", "2026-03-09 16:00", "2026-03-16 16:00", "2026-03-30 16:00", "2026-04-06 16:00"],
        "Asia/Kolkata": ["2026-03-02 19:30", "2026-03-09 18:30", "2026-03-16 18:30", "2026-03-30 18:30", "2026-04-06 18:30"],
    },
    # second-tuesday, 12:00 UTC on the second Tuesday, COUNT=4: 02-10, 03-10, 04-14, 05-12.
    # New York 07:00 EST then 08:00 EDT; London 12:00 GMT then 13:00 BST.
    "second-tuesday": {
        "UTC": ["2026-02-10 12:00", "2026-03-10 12:00", "2026-04-14 12:00", "2026-05-12 12:00"],
        "America/New_York": ["2026-02-10 07:00", "2026-03-10 08:00", "2026-04-14 08:00", "2026-05-12 08:00"],
        "Europe/London": ["2026-02-10 12:00", "2026-03-10 12:00", "2026-04-14 13:00", "2026-05-12 13:00"],
        "Africa/Nairobi": ["2026-02-10 15:00", "2026-03-10 15:00", "2026-04-14 15:00", "2026-05-12 15:00"],
        "Asia/Kolkata": ["2026-02-10 17:30", "2026-03-10 17:30", "2026-04-14 17:30", "2026-05-12 17:30"],
    },
    # gap-ny, 02:30 America/New_York weekly until 03-08: 03-01 02:30 EST = 07:30 UTC; 03-08 02:30 does not
    # exist (02:00 EST -> 03:00 EDT) and reads as 02:30 EST = 07:30 UTC = 03:30 EDT, so UNTIL is 07:30Z (an
    # UNTIL at the transition, 07:00Z, would drop that last occurrence).
    "gap-ny": {
        "America/New_York": ["2026-03-01 02:30", "2026-03-08 03:30"],
        "UTC": ["2026-03-01 07:30", "2026-03-08 07:30"],
    },
    # pairing, 17:30 Asia/Kolkata (UTC+5:30) on 03-31 = 12:00 UTC = 08:00 EDT = 13:00 BST = 15:00 EAT.
    "pairing": {
        "Asia/Kolkata": ["2026-03-31 17:30"],
        "America/New_York": ["2026-03-31 08:00"],
        "Europe/London": ["2026-03-31 13:00"],
        "Africa/Nairobi": ["2026-03-31 15:00"],
    },
}
DESCRIPTION = ("Café, séance; naïve \\ backslash\nsecond line — with a long text that must be folded on a UTF-8 "
               "boundary: ééééééééééééééééééééééééééééééééé")

failures = []


checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


def export(binary, *args):
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    return subprocess.run([binary, "-C", FIXTURE, "-q", "schedule", "ics", *args], env=env, check=True,
                          capture_output=True).stdout


def check_raw(raw, label):
    check(raw.endswith(b"\r\n"), f"{label}: does not end in CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for i, line in enumerate(lines, 1):
        check(b"\r" not in line and b"\n" not in line, f"{label}: line {i} has a bare CR or LF")
        check(len(line) <= 75, f"{label}: line {i} has {len(line)} octets")
        try:
            line.decode("utf-8")  # a fold inside a UTF-8 sequence leaves undecodable halves
        except UnicodeDecodeError:
            failures.append(f"{label}: line {i} splits a UTF-8 character")
    check(raw.count(b"BEGIN:VCALENDAR") == 1, f"{label}: one VCALENDAR")


def local(start, zone):
    # Through UTC: a time in a DST gap (fold=0) is normalized to the wall clock it stands for.
    return start.astimezone(UTC).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def to_zoneinfo(value, tzid):
    """A DTSTART as python3-icalendar decodes it (pytz-aware, or UTC) as a zoneinfo-aware datetime."""
    if not isinstance(value, dt.datetime):
        return value  # an all-day date
    if tzid:
        return value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(tzid))
    return value.astimezone(UTC)


def occurrences(event):
    prop = event["DTSTART"]
    tzid = prop.params.get("TZID")
    start = to_zoneinfo(prop.dt, tzid)
    if "RRULE" not in event:
        return [start]
    rule = event["RRULE"].to_ical().decode()
    starts = list(rrulestr(rule, dtstart=start))
    exdates = event.get("EXDATE")
    skipped = set()
    for ex in (exdates if isinstance(exdates, list) else [exdates] if exdates else []):
        for d in ex.dts:
            skipped.add(to_zoneinfo(d.dt, ex.params.get("TZID")).astimezone(UTC))
    return [s for s in starts if s.astimezone(UTC) not in skipped]


def check_vtimezones(cal, label):
    used = set()
    for ev in cal.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            tzid = ev[name].params.get("TZID")
            if tzid:
                used.add(tzid)
                check(not ev[name].to_ical().endswith(b"Z"), f"{label}: {ev['UID']} has a TZID on a UTC time")
    defined = {}
    for tz in cal.walk("VTIMEZONE"):
        defined[str(tz["TZID"])] = tz
    check(used <= set(defined), f"{label}: TZIDs without VTIMEZONE: {sorted(used - set(defined))}")
    for tzid, tz in defined.items():
        zone = ZoneInfo(tzid)
        for sub in tz.subcomponents:
            before = sub["TZOFFSETFROM"].td
            after = sub["TZOFFSETTO"].td
            onset = sub["DTSTART"].dt.replace(tzinfo=None) - before  # DTSTART is local time in the old offset
            instant = onset.replace(tzinfo=UTC)
            check(instant.astimezone(zone).utcoffset() == after,
                  f"{label}: VTIMEZONE {tzid} {sub.name} {sub['DTSTART'].to_ical()} does not match the tz database")
            earlier = (instant - dt.timedelta(seconds=1)).astimezone(zone).utcoffset()
            check(earlier == before or onset.year <= 1970,
                  f"{label}: VTIMEZONE {tzid} {sub.name}: offset before the onset is {earlier}, not {before}")


def main():
    binary = sys.argv[1]
    whole_raw = export(binary)
    lagos_raw = export(binary, "--team", "lagos")
    nairobi_raw = export(binary, "--team", "nairobi")
    for raw, label in ((whole_raw, "whole"), (lagos_raw, "lagos"), (nairobi_raw, "nairobi")):
        check_raw(raw, label)
    check(export(binary) == whole_raw, "two exports of the same input differ")

    whole = icalendar.Calendar.from_ical(whole_raw)
    check(str(whole["VERSION"]) == "2.0" and "PRODID" in whole, "VERSION/PRODID")
    events = {str(ev["UID"]): ev for ev in whole.walk("VEVENT")}
    check(sorted(events) == sorted(f"{e}@ical-test.collab" for e in ("weekly-ny", "second-tuesday", "pairing", "session", "gap-ny")),
          f"UIDs: {sorted(events)}")
    for uid, ev in events.items():
        check(ev["DTSTAMP"].dt == dt.datetime.fromtimestamp(EPOCH, UTC), f"{uid}: DTSTAMP {ev['DTSTAMP'].dt}")
        check(not ("DTEND" in ev and "DURATION" in ev), f"{uid}: both DTEND and DURATION")
    check_vtimezones(whole, "whole")

    for event_id, zones in EXPECTED.items():
        ev = events[f"{event_id}@ical-test.collab"]
        starts = occurrences(ev)
        for zone, expected in zones.items():
            got = [local(s, zone) for s in starts]
            check(got == expected, f"{event_id} in {zone}: {got} != {expected}")
    weekly = events["weekly-ny@ical-test.collab"]
    check(weekly["RRULE"].to_ical().decode().endswith("UNTIL=20260406T130000Z"),
          f"weekly-ny RRULE UNTIL not in UTC: {weekly['RRULE'].to_ical()}")
    gap = events["gap-ny@ical-test.collab"]
    check(gap["RRULE"].to_ical().decode().endswith("UNTIL=20260308T073000Z"),
          f"gap-ny RRULE UNTIL is not the instant of the last occurrence: {gap['RRULE'].to_ical()}")
    end = weekly["DTEND"].dt
    check(local(end, "America/New_York") == "2026-03-02 10:00", f"weekly-ny DTEND {end}")

    session = events["session@ical-test.collab"]
    check(session["DTSTART"].dt == dt.date(2026, 4, 14) and session["DTEND"].dt == dt.date(2026, 4, 17),
          f"session all-day dates {session['DTSTART'].dt} {session['DTEND'].dt}")
    check(str(session["DESCRIPTION"]) == DESCRIPTION, f"description unescaped: {str(session['DESCRIPTION'])!r}")
    check(str(session["LOCATION"]) == "Nairobi, Kenya; venue TBC", f"location: {session['LOCATION']!r}")
    check(b"Caf\xc3\xa9\\, s\xc3\xa9ance\\; na\xc3\xafve \\\\ backslash\\nsecond" in whole_raw.replace(b"\r\n ", b""),
          "escaping of , ; \\ and newline in the raw text")

    lagos = {str(ev["UID"]) for ev in icalendar.Calendar.from_ical(lagos_raw).walk("VEVENT")}
    nairobi = {str(ev["UID"]) for ev in icalendar.Calendar.from_ical(nairobi_raw).walk("VEVENT")}
    check("pairing@ical-test.collab" not in lagos, "the Nairobi-only event is in Lagos's calendar")
    check(nairobi == set(events), "Nairobi's calendar is not the whole calendar")
    check(lagos == set(events) - {"pairing@ical-test.collab"}, f"Lagos's calendar: {sorted(lagos)}")

    if failures:
        for f in failures:
            print("FAIL:", f)
        return 1
    print(f"ok: {len(events)} events, {sum(len(occurrences(e)) for e in events.values())} occurrences, {checks} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
