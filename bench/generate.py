#!/usr/bin/env python3
"""Generate a synthetic collaborative for the benchmark (docs/performance.md).

    python3 bench/generate.py SCALE OUT_DIR [--seed N]

SCALE is S, M or L (the parameters are in SCALES below and in docs/performance.md). OUT_DIR must be
absent or empty. The same scale and seed give byte-identical files: every random choice comes from one
random.Random(seed), and files are written in a fixed order. Only the standard library is used; YAML is
written as text, in the block style of examples/generate.py (2-space indent, keys in schema order, a
`# yaml-language-server` line and a short comment header), so the files are what `collab init`, `collab
enroll` and a person write, not a compact form that would flatter the parser.

The collaborative is an NCTSN-style learning collaborative (as examples/nctsn-tf-cbt, scaled up): an EOI
round with three reviews per EOI, the selected EOIs' teams of five members, monthly data on eight
measures, monthly progress ratings, learning sessions, action periods and cohort calls with attendance, a
network survey in two waves of the same sample of members, and the improvement work: a driver diagram
with its change package, each team's aim and ideas, and PDSA cycles in ramps. `collab validate` finds no
errors and no warnings in it.
"""

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import sys
import textwrap

# teams, months, EOIs, reviews per EOI, events (with attendance but for containers), network survey size,
# reviewers (faculty), teams per cohort call.
SCALES = {
    "S": dict(teams=20, months=12, eois=50, reviews=3, events=30, survey=100, reviewers=6, cohort=20),
    "M": dict(teams=200, months=24, eois=500, reviews=3, events=120, survey=400, reviewers=12, cohort=50),
    "L": dict(teams=1000, months=36, eois=2500, reviews=3, events=300, survey=1000, reviewers=30, cohort=50),
}
MEMBERS_PER_TEAM = 5
START = dt.date(2026, 1, 5)  # a Monday
TZ = "America/New_York"
SCHEMA = "# yaml-language-server: $schema={}.collab/schemas/{}.schema.json\n"

# ---------------------------------------------------------------------------------------------------
# YAML text
# ---------------------------------------------------------------------------------------------------

_RESERVED = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"}
_NUMBER = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")


def q(s):
    """A scalar, double-quoted only where YAML needs it (as examples/generate.py writes them)."""
    if (s == "" or s != s.strip() or s.lower() in _RESERVED or _NUMBER.match(s) or s[0] in _BAD_START
            or ": " in s or " #" in s or s.endswith(":")):
        return json.dumps(s)
    return s


def text(key, s, ind):
    """`key: value`, folded (>-) when the line would pass 100 columns."""
    pad = " " * ind
    if ind + len(key) + 2 + len(s) <= 100:
        return f"{pad}{key}: {q(s)}\n"
    lines = textwrap.wrap(s, 100 - ind - 2, break_long_words=False, break_on_hyphens=False)
    return f"{pad}{key}: >-\n" + "".join(f"{pad}  {ln}\n" for ln in lines)


def header(depth, kind, lines):
    out = SCHEMA.format("../" * depth, kind)
    for ln in lines:
        out += f"# {ln}\n"
    return out + "\n"


def iso(d):
    return d.isoformat()


def ym(d):
    return f"{d.year:04d}-{d.month:02d}"


def add_months(d, k):
    m = d.month - 1 + k
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def month_end(d):
    return add_months(d, 1) - dt.timedelta(days=1)


def next_weekday(d, wd=0):
    """The first day on or after d that is weekday wd (0 = Monday)."""
    return d + dt.timedelta(days=(wd - d.weekday()) % 7)


def workday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def day_month(d):
    return f"{d.day} {d.strftime('%B')}"


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def logistic(t, mid, width):
    return 1.0 / (1.0 + math.exp(-(t - mid) / width))


# ---------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------

FIRST = ["Ada", "Adrian", "Aisha", "Amara", "Ana", "Angela", "Ben", "Brianna", "Carlos", "Carmen", "Chen",
         "Colleen", "Dana", "Daniel", "Deja", "Diego", "Dmitri", "Elena", "Elijah", "Esperanza", "Ethan",
         "Fatima", "Grace", "Hector", "Imani", "Isabel", "Jamal", "Janelle", "Jenna", "Jordan", "Kayla",
         "Kevin", "Kwame", "Leah", "Lena", "Luis", "Lydia", "Marcus", "Mei", "Miguel", "Mira", "Monique",
         "Nadia", "Noah", "Priya", "Rafael", "Rebecca", "Ricardo", "Samuel", "Sara", "Shauna", "Sofia",
         "Tamika", "Theresa", "Thomas", "Tiffany", "Vanessa", "Wei", "Yolanda", "Zoe"]
LAST = ["Acosta", "Begay", "Brandt", "Calloway", "Chandler", "Chen", "Coleman", "Contreras", "Dalton",
        "Dunmore", "Espinoza", "Fairbanks", "Ferreira", "Fitzgerald", "Fontaine", "Galloway", "Garrison",
        "Gonzales", "Haddad", "Huang", "Kaur", "Lachance", "Lomax", "Lowry", "Maddox", "Mensah",
        "Montgomery", "Nakamura", "Oduya", "Okonkwo", "Ortega", "Osei", "Pacheco", "Park", "Pemberton",
        "Prescott", "Reyes", "Rinaldi", "Romero", "Salazar", "Serrano", "Shepard", "Thibodeaux",
        "Underwood", "Wakefield", "Whitaker", "Whitfield", "Yazzie", "Zamora", "Nguyen"]
PLACES = ["Bayview", "Cedar Hollow", "Central Valley", "Front Range", "Lakeshore", "Magnolia",
          "Pacific Crest", "Prairie Hope", "Red River", "Riverbend", "Sawtooth", "Three Rivers",
          "Green Mountain", "High Desert", "Saguaro", "Sound Harbor", "Blue Ridge", "Cypress Creek",
          "Delta", "Eagle Rock", "Fox Valley", "Granite Falls", "Harbor Point", "Iron Range",
          "Juniper", "Kettle Moraine", "Lone Pine", "Mesa Verde", "North Fork", "Oak Park", "Pine Bluff",
          "Quail Run", "Rolling Hills", "Silver Lake", "Timberline", "Upper Valley", "Willow Creek",
          "Yellowstone", "Canyon", "Bluegrass", "Coastal Plain", "Heartland", "Tidewater", "Piedmont",
          "Ozark", "Sierra", "Cascade", "Badlands", "Chesapeake", "Keystone"]
QUALIFIERS = ["", "North", "South", "East", "West", "Upper", "Lower", "Greater", "New", "Old"]
KINDS = [("Family Services", "community-mental-health"), ("Child Guidance Center", "community-mental-health"),
         ("Children's Trauma Clinic", "hospital-outpatient"), ("Youth Counseling", "community-mental-health"),
         ("Children's Advocacy Center", "child-advocacy"), ("Behavioral Health", "community-mental-health"),
         ("Child Wellness Center", "school-based"), ("Youth Services", "child-welfare"),
         ("Children's Mental Health", "hospital-outpatient"), ("Rural Health Clinic", "rural-health")]
# (state, census region, time zone)
STATES = [("Virginia", "South", "America/New_York"), ("Georgia", "South", "America/New_York"),
          ("Texas", "South", "America/Chicago"), ("Louisiana", "South", "America/Chicago"),
          ("New York", "Northeast", "America/New_York"), ("Maine", "Northeast", "America/New_York"),
          ("Pennsylvania", "Northeast", "America/New_York"), ("Ohio", "Midwest", "America/New_York"),
          ("Illinois", "Midwest", "America/Chicago"), ("Minnesota", "Midwest", "America/Chicago"),
          ("Kansas", "Midwest", "America/Chicago"), ("Colorado", "West", "America/Denver"),
          ("Arizona", "West", "America/Phoenix"), ("California", "West", "America/Los_Angeles"),
          ("Oregon", "West", "America/Los_Angeles"), ("Alaska", "West", "America/Anchorage"),
          ("Hawaii", "West", "Pacific/Honolulu")]


class Names:
    """Person names and IDs, unique across the collaborative (`-2`, `-3` as collab enroll does)."""

    def __init__(self, rng):
        self.rng = rng
        self.used = {}

    def person(self):
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        base = f"{first}-{last}".lower()
        n = self.used.get(base, 0) + 1
        self.used[base] = n
        return f"{first} {last}", base if n == 1 else f"{base}-{n}"


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower().replace("'", "")).strip("-")


# ---------------------------------------------------------------------------------------------------
# The collaborative's content
# ---------------------------------------------------------------------------------------------------

# id, name, type, category, better, unit, multiplier, goal, chart, text for numerator, denominator
MEASURES = [
    ("trauma-screening", "Children screened for trauma at intake", "proportion", "process", "higher",
     "percent", 100, 90, None, "Children screened with the standardized trauma screen at or before the second visit.",
     "Children aged 3-18 with a new outpatient intake during the month."),
    ("tfcbt-completion", "Children completing a full course of TF-CBT", "proportion", "outcome", "higher",
     "percent", 100, 60, None, "Children in the denominator who completed every PRACTICE component.",
     "Children ending trauma treatment during the month."),
    ("symptom-improvement", "Children with a clinically meaningful drop in symptoms", "proportion", "outcome",
     "higher", "percent", 100, 70, None,
     "Children whose symptom score fell by at least 10 points from intake to the last session.",
     "Children ending TF-CBT during the month with both scores on file."),
    ("caregiver-engagement", "Sessions with the caregiver present", "proportion", "process", "higher",
     "percent", 100, 80, None, "TF-CBT sessions during the month with a caregiver taking part.",
     "TF-CBT sessions held during the month."),
    ("no-shows", "Missed appointments per 1,000 scheduled", "rate", "balancing", "lower", "per 1,000", 1000,
     80, None, "Scheduled TF-CBT appointments missed without notice.", "TF-CBT appointments scheduled."),
    ("referral-to-first-session", "Days from referral to first session", "continuous", "process", "lower",
     "days", None, 14, None, "Mean calendar days from referral to the first treatment session.",
     "Children with a first treatment session during the month."),
    ("clinicians-trained", "Clinicians trained in TF-CBT", "count", "process", "higher", "clinicians", None,
     6, "run", "Clinicians on staff at the end of the month who completed training and carry a TF-CBT case.",
     None),
    ("consultation-calls-attended", "Consultation calls attended by the team", "count", "process", "higher",
     "calls", None, 4, None, "Consultation calls and case reviews the team's clinicians attended.", None),
]

PRIMARY = [("identification", "Every child with trauma exposure is identified at intake"),
           ("access", "Timely access to a trained TF-CBT clinician"),
           ("engagement", "Caregivers engaged through the whole course"),
           ("fidelity", "Clinicians deliver TF-CBT with fidelity")]
SECONDARY = [("screen-workflow", "The trauma screen built into the intake workflow", ["identification"]),
             ("screen-results", "Screen results reach the clinician before the first session",
              ["identification", "access"]),
             ("scheduling", "Scheduling that matches referrals to trained clinicians", ["access"]),
             ("waitlist", "An actively managed waiting list", ["access"]),
             ("caregiver-prep", "Caregivers know what TF-CBT involves", ["engagement"]),
             ("attendance-barriers", "Practical barriers to attending sessions removed", ["engagement"]),
             ("consultation", "Regular consultation on TF-CBT cases", ["fidelity"]),
             ("supervision", "Supervision that reviews every PRACTICE component", ["fidelity"])]
# id, name, drivers, process measures, outcome measures, balancing measures, unit tested, verb
IDEAS = [
    ("intake-screen-script", "Trauma screen read aloud at intake with a short script", ["screen-workflow"],
     ["trauma-screening"], [], ["referral-to-first-session"], "intakes", "have a completed screen"),
    ("screen-in-ehr", "The trauma screen as a required field of the EHR intake form",
     ["screen-workflow", "screen-results"], ["trauma-screening"], [], [], "intakes", "have a screen on file"),
    ("intake-huddle", "A daily ten-minute intake huddle to route positive screens",
     ["screen-results", "scheduling"], ["trauma-screening", "referral-to-first-session"], [], [],
     "positive screens", "be routed the same day"),
    ("reserved-slots", "Two first-session slots a week held for each trained clinician", ["scheduling"],
     ["referral-to-first-session"], ["tfcbt-completion"], ["no-shows"], "referrals",
     "get a first session within 14 days"),
    ("waitlist-calls", "A weekly call to every family on the waiting list", ["waitlist"],
     ["referral-to-first-session"], [], [], "families", "be reached by phone"),
    ("caregiver-orientation", "A 20-minute caregiver orientation before the first session",
     ["caregiver-prep"], ["caregiver-engagement"], ["tfcbt-completion"], [], "caregivers",
     "attend the orientation"),
    ("session-reminders", "Text reminders two days and two hours before each session",
     ["attendance-barriers"], ["no-shows"], ["tfcbt-completion"], [], "sessions", "be attended"),
    ("transport-vouchers", "Transport vouchers for families without a car", ["attendance-barriers"],
     ["no-shows"], [], [], "families", "use a voucher"),
    ("telehealth-option", "A telehealth session when the family cannot travel", ["attendance-barriers"],
     ["caregiver-engagement"], ["tfcbt-completion"], ["no-shows"], "sessions", "be held by video"),
    ("fidelity-checklist", "A PRACTICE checklist reviewed in supervision", ["supervision"],
     ["consultation-calls-attended"], ["symptom-improvement"], [], "cases", "be reviewed with the checklist"),
    ("case-consultation", "A weekly case review slot in the consultation call", ["consultation"],
     ["consultation-calls-attended"], ["symptom-improvement"], [], "clinicians", "present a case"),
    ("symptom-tracking", "A symptom measure at every fourth session", ["supervision"],
     ["symptom-improvement"], [], [], "cases", "have a measure on file"),
]
SCALES_OF_TEST = [("with", "one clinician", 1), ("with", "two clinicians", 2), ("across", "one clinic team", 4),
                  ("across", "the whole intake team", 8), ("at", "every office", 12)]
PROBLEMS = ["The tally sheet was not used for the first two days.", "Two staff were out sick in the second week.",
            "Friday walk-ins were too rushed to follow the plan.", "The EHR was down for a day.",
            "Families asked for the Spanish version, which was not ready."]
SMOOTH = ["No problems; staff found it easy to fit into the day.", "It ran as planned."]
LEARNED_GOOD = ["Staff liked it and families noticed the difference", "The change fits the existing workflow",
                "It took less time than the team feared"]
LEARNED_BAD = ["Staff forgot it on busy days", "Families were not reached at the numbers on file",
               "The step was skipped when the supervisor was away"]
ADAPTS = [("shorten it", "so it fits a busy day"), ("add a Spanish version", "for the families who asked"),
          ("move it to the front desk", "where every family passes"),
          ("add a reminder in the EHR", "so it is not forgotten")]
SPREAD = ["It becomes standard work, written into the procedures manual",
          "The team spreads it to the other offices next month"]
WHY_ABANDON = ["it took more time than the team has", "families did not take it up",
               "the record system cannot support it yet"]


class Member:
    __slots__ = ("id", "name", "roles", "email", "engagement", "joined", "left")

    def __init__(self, mid, name, roles, email, engagement, joined=None, left=None):
        self.id, self.name, self.roles, self.email = mid, name, roles, email
        self.engagement, self.joined, self.left = engagement, joined, left

    def on(self, d):
        return (self.joined is None or self.joined <= d) and (self.left is None or d <= self.left)


class Team:
    def __init__(self, tid, name, org, eoi, state, tz):
        self.id, self.name, self.org, self.eoi, self.state, self.tz = tid, name, org, eoi, state, tz
        self.members = []
        self.withdrawn = None  # (date, reason)
        self.aim = None
        self.ideas = []
        self.own = None

    def last_day(self, end):
        return self.withdrawn[0] if self.withdrawn else end


def build(scale, seed):
    """Returns [(relative path, text)] in writing order."""
    p = SCALES[scale]
    rng = random.Random(f"collab-bench-{seed}")
    names = Names(rng)
    months = p["months"]
    first_month = dt.date(START.year, START.month, 1)
    end = month_end(add_months(first_month, months - 1))
    files = []

    def add(path, body):
        files.append((path, body))

    # --- Faculty, phases ------------------------------------------------------------------------------
    n_rev = p["reviewers"]
    n_coach = max(2, p["teams"] // 25)
    faculty = []  # (id, name, roles)
    for i in range(n_rev + n_coach + 2):
        name, pid = names.person()
        fid = pid.replace("-", "")[:20] + str(i)
        if i < n_rev:
            roles = ["faculty", "reviewer"] if i % 3 else ["faculty", "coach", "reviewer"]
        elif i < n_rev + n_coach:
            roles = ["coach"]
        elif i == n_rev + n_coach:
            roles = ["facilitator", "network-manager"]
        else:
            roles = ["data-manager"]
        faculty.append((fid, name, roles))
    reviewers = [f[0] for f in faculty[:n_rev]]
    coaches = [f[0] for f in faculty if "coach" in f[2]]

    application = (START, START + dt.timedelta(days=20))
    prework = (application[1] + dt.timedelta(days=1), application[1] + dt.timedelta(days=28))
    n_ls = max(3, months // 6)
    ls0 = next_weekday(prework[1] + dt.timedelta(days=1))
    last_ls = next_weekday(end - dt.timedelta(days=75))
    interval = (last_ls - ls0).days // (n_ls - 1)
    sessions = []
    for k in range(n_ls):
        s = next_weekday(ls0 + dt.timedelta(days=k * interval))
        sessions.append((s, s + dt.timedelta(days=1)))
    phases = [("application", "Informational calls, applications and selection", *application),
              ("prework", "Pre-work: team charter, aims and baseline data", *prework)]
    for k, (s, e) in enumerate(sessions):
        phases.append((f"ls{k + 1}", f"Learning session {k + 1}", s, e))
        ap_end = sessions[k + 1][0] - dt.timedelta(days=1) if k + 1 < n_ls else end
        phases.append((f"ap{k + 1}", f"Action period {k + 1}" + (" and sustainability" if k + 1 == n_ls else ""),
                       e + dt.timedelta(days=1), ap_end))

    # --- EOIs, organizations, teams -------------------------------------------------------------------
    orgs = []  # (id, name, state, region, tz, sector, website)
    seen = set()
    while len(orgs) < p["eois"]:
        qual, place, (kind, sector) = rng.choice(QUALIFIERS), rng.choice(PLACES), rng.choice(KINDS)
        name = f"{qual} {place} {kind}".strip()
        if name in seen:
            continue
        seen.add(name)
        state, region, tz = rng.choice(STATES)
        oid = slug(name)
        orgs.append((oid, name, state, region, tz, sector, f"https://{slug(qual + ' ' + place)}.example.org"))
    orgs.sort()
    order = list(range(len(orgs)))
    rng.shuffle(order)
    selected = set(order[:p["teams"]])
    withdrawn_eois = set(order[p["teams"]:p["teams"] + max(1, p["eois"] // 50)])

    teams = []
    eoi_members = {}
    for i, (oid, oname, state, region, tz, sector, web) in enumerate(orgs):
        roles = [["senior-leader"], ["supervisor", "contact"], ["clinician"], ["clinician"], ["data-manager"]]
        if i not in selected and rng.random() < 0.06:
            roles = roles[1:4]  # no senior leader: fails the core-team gate
        people = []
        for r in roles:
            name, pid = names.person()
            people.append((name, pid, r))
        eoi_members[oid] = people
        if i in selected:
            t = Team(oid, f"{oname} TF-CBT team", oid, f"{oid}-eoi", state, tz)
            for name, pid, r in people:
                domain = f"{slug(oname)[:30].strip('-')}.example.org"
                t.members.append(Member(pid, name, r, f"{pid}@{domain}",
                                        rng.choice(["passenger", "deep-diver", "deep-diver", "crew"])))
            teams.append(t)
    team_by_id = {t.id: t for t in teams}
    assert len(team_by_id) == len(teams)

    # Withdrawals, members who leave and their replacements.
    for t in teams:
        r = rng.random()
        if r < 0.03:
            w = START + dt.timedelta(days=rng.randint(120, (end - START).days - 60))
            t.withdrawn = (w, rng.choice(["Lost funding: the program closed", "Staff turnover left no clinician",
                                          "The agency merged with another"]))
        elif r < 0.10:
            left = START + dt.timedelta(days=rng.randint(90, (end - START).days - 60))
            gone = t.members[3]
            gone.left = left
            name, pid = names.person()
            domain = gone.email.split("@")[1]
            t.members.append(Member(pid, name, ["clinician"], f"{pid}@{domain}", "deep-diver",
                                    joined=left + dt.timedelta(days=14)))

    def eoi_id(oid):
        return f"{oid}-eoi"

    submitted_day = {}
    for i, (oid, oname, state, region, tz, sector, web) in enumerate(orgs):
        sub = START + dt.timedelta(days=rng.randint(0, 17))
        submitted_day[oid] = sub
        people = eoi_members[oid]
        if i in selected:
            status = "selected"
        elif i in withdrawn_eois:
            status = "withdrawn"
        else:
            status = rng.choice(["waitlisted", "declined"])
        commit = rng.random() > 0.04
        b = header(1, "eoi", [f"Application (expression of interest) from {oname}.", f"Status after review: {status}."])
        b += f"id: {eoi_id(oid)}\nsubmitted: {iso(sub)}\n\norganization:\n"
        if i in selected:
            b += f"  id: {oid}\n"
        b += text("name", oname, 2)
        b += f"  region: {region}\n  country: United States\n  sector: {sector}\n  timezone: {tz}\n"
        b += f"\ncontact:\n  name: {people[0 if len(people) < 5 else 1][0]}\n"
        b += f"  email: {people[0 if len(people) < 5 else 1][1]}@{slug(oname)[:30].strip('-')}.example.org\n\nanswers:\n"
        b += text("population-served", f"Children and adolescents aged 3-18 and their caregivers in {state}.", 2)
        b += f"  monthly-intakes: {rng.randint(12, 90)}\n"
        b += text("prior-ebp-experience", rng.choice([
            "We have run two Plan-Do-Study-Act collaboratives on ADHD care and sustain parent-child interaction therapy.",
            "Our clinicians are trained in CPP; no formal quality improvement work yet.",
            "A quality improvement office supports our teams; this would be our first trauma-focused model."]), 2)
        b += text("why-now", rng.choice([
            "Referrals for trauma exposure have risen by a third in two years and our wait for a first session is long.",
            "The county asked us to lead trauma-informed care in the region, and staff want the training.",
            "Families drop out of treatment before the trauma narrative; we want a model that keeps them."]), 2)
        b += f"  core-data-set-commitment: {'true' if commit else 'false'}\n"
        b += f"  clinicians-committed: {rng.randint(1, 4)}\n"
        b += f"  attend-all-learning-sessions: {'true' if rng.random() < 0.85 else 'false'}\n"
        b += "\nproposed_team:\n"
        for name, pid, r in people:
            b += f"  - name: {name}\n    roles:\n" + "".join(f"      - {x}\n" for x in r)
            b += f"    email: {pid}@{slug(oname)[:30].strip('-')}.example.org\n"
        b += f"\nstatus: {status}\n"
        add(f"eois/{eoi_id(oid)}.yaml", b)

    # Reviews: three per EOI from rotating reviewers; a few declared conflicts.
    crit = ["readiness", "data-use", "core-team", "attendance"]
    for i, (oid, *_rest) in enumerate(orgs):
        base = rng.uniform(1.5, 4.8)
        for k in range(p["reviews"]):
            rid = reviewers[(i + k * (1 + i % max(1, n_rev - 1))) % n_rev]
            if k and rid in [reviewers[(i + j * (1 + i % max(1, n_rev - 1))) % n_rev] for j in range(k)]:
                rid = reviewers[(i + k) % n_rev]
            sub = submitted_day[oid] + dt.timedelta(days=rng.randint(3, 15))
            b = header(2, "review", [f"Review of {eoi_id(oid)} by {rid}."])
            b += f"eoi: {eoi_id(oid)}\nreviewer: {rid}\nsubmitted: {iso(sub)}\n"
            if rng.random() < 0.02:
                b += "conflict: true\n\ncomments: I consulted for this organization last year.\n"
            else:
                b += f"\ngates:\n  fit: {'true' if rng.random() < 0.95 else 'false'}\n\nscores:\n"
                for c in crit:
                    b += f"  {c}: {int(clamp(round(base + rng.gauss(0, 0.7)), 1, 5))}\n"
                b += "\n" + text("comments", rng.choice([
                    "Clear reasons to adopt TF-CBT now and the experience to do it.",
                    "Strong leadership backing; the data plan is thin.",
                    "A small team, but committed; the supervisor has TF-CBT experience.",
                    "Unclear how the clinic will send its team to every learning session."]), 0)
            seen_path = f"reviews/{eoi_id(oid)}/{rid}.yaml"
            add(seen_path, b)

    # Organizations of the teams.
    org_by_id = {o[0]: o for o in orgs}
    for t in teams:
        oid, oname, state, region, tz, sector, web = org_by_id[t.org]
        b = header(1, "organization", [f"Organization: {oname}, {state}."])
        b += f"id: {oid}\n" + text("name", oname, 0)
        b += f"region: {region}\ncountry: United States\nsector: {sector}\ntimezone: {tz}\nwebsite: {web}\n"
        add(f"organizations/{oid}.yaml", b)

    # --- Improvement: the team's ideas, cycles -----------------------------------------------------------
    idea_ids = [x[0] for x in IDEAS]
    idea_by_id = {x[0]: x for x in IDEAS}
    for n, t in enumerate(teams):
        t.ideas = sorted(rng.sample(idea_ids, rng.randint(2, 4)), key=idea_ids.index)
        if rng.random() < 0.3:
            m = rng.choice(MEASURES[:6])
            t.aim = (f"By {end.strftime('%B %Y')}, the team reaches the collaborative's goal for "
                     f"{m[1][0].lower() + m[1][1:]}.", m[0], m[7], end)
        if rng.random() < 0.1:
            sec = rng.choice(SECONDARY)
            t.own = (f"{t.id[:50]}-own", "A peer mentor for each new clinician, the team's own idea", [sec[0]],
                     ["consultation-calls-attended"])

    cycles = []  # (team, cycle id, text)
    n_ramps = max(1, months // 8)
    for t in teams:
        ideas = [idea_by_id[i] for i in t.ideas]
        if t.own:
            ideas.append((t.own[0], t.own[1], t.own[2], t.own[3], [], [], "new clinicians", "be paired with a mentor"))
        stop = t.last_day(end) - dt.timedelta(days=10)
        if rng.random() < 0.08:  # a team that went quiet
            stop = stop - dt.timedelta(days=rng.randint(70, 150))
        first_day = sessions[0][1] + dt.timedelta(days=rng.randint(1, 20))
        span = max(30, (stop - first_day).days)
        count = {}
        for r in range(n_ramps):
            idea = ideas[r % len(ideas)]
            d = first_day + dt.timedelta(days=span * r // n_ramps + rng.randint(0, 15))
            length = rng.choice([1, 2, 2, 3, 3, 4, 5])
            final = "abandon" if rng.random() < 0.2 else "adopt"
            prev = None
            prev_adapt = None
            step0 = rng.choice([0, 0, 1])
            for k in range(length):
                if d > stop:
                    break
                last = k == length - 1
                decision = final if last else "adapt"
                held = {"adopt": rng.choice(["confirmed", "confirmed", "partly"]),
                        "adapt": rng.choice(["partly", "partly", "not-confirmed", "confirmed"]),
                        "abandon": "not-confirmed"}[decision]
                prep, where, mult = SCALES_OF_TEST[min(step0 + k, len(SCALES_OF_TEST) - 1)]
                iid, iname, unit, verb = idea[0], idea[1], idea[6], idea[7]
                nn = 5 * mult
                pk = max(1, round(nn * rng.choice([0.6, 0.7, 0.8])))
                got = {"confirmed": rng.randint(pk, nn), "partly": rng.randint(max(0, pk // 2), max(0, pk - 1)),
                       "not-confirmed": rng.randint(0, max(0, round(pk * 0.4)))}[held]
                e = d + dt.timedelta(days=rng.randint(10, 30))
                decided = e + dt.timedelta(days=rng.randint(1, 6))
                count[iid] = count.get(iid, 0) + 1
                cid = f"{iid[:55]}-{count[iid]}"
                lead = rng.choice([m for m in t.members if m.on(d)] or t.members)
                helper = next((m for m in t.members if "data-manager" in m.roles), lead)
                state = "still open"
                b = f"id: {cid}\nteam: {t.id}\nidea: {iid}\n"
                if prev:
                    b += f"builds_on: {prev}\n"
                if k == 0:
                    b += text("objective", f"Test '{iname}' {prep} {where}.", 0)
                else:
                    b += text("objective", f"Test the adapted version ({prev_adapt[0]}) {prep} {where}.", 0)
                b += f"\nquestions:\n  - Will {pk} or more of {nn} {unit} {verb}?\n"
                b += "  - Does it add more than ten minutes to the working day?\n\n"
                b += text("prediction", f"At least {pk} of the {nn} {unit} will {verb}; it adds at most ten "
                                        f"minutes a day.", 0)
                b += "\nplan:\n"
                b += text("who", f"{lead.name} ({lead.roles[0].replace('-', ' ')}) runs the test; {helper.name} "
                                 f"keeps the tally.", 2)
                b += text("what", f"{iname}" + (f", adapted: {prev_adapt[0]}" if k else "") + ".", 2)
                b += f"  where: {where[0].upper() + where[1:]}.\n"
                b += f"  when: {day_month(d)} to {day_month(e)}.\n"
                b += "  data: 'Tally sheet at the front desk: done yes/no, minutes added.'\n\n"
                b += f"start: {iso(d)}\n"
                if e <= end and e <= stop + dt.timedelta(days=40):
                    done = f"Ran {prep} {where} from {day_month(d)} to {day_month(e)}. " + (
                        rng.choice(PROBLEMS) if held != "confirmed" else rng.choice(SMOOTH))
                    b += "\ndo:\n" + text("done", done, 2) + f"  end: {iso(e)}\n"
                    verdict = {"confirmed": "the prediction held", "partly": "short of the prediction",
                               "not-confirmed": "well short of the prediction"}[held]
                    learned = f"{got} of {nn} {unit} did, against {pk} predicted: {verdict}. " + rng.choice(
                        LEARNED_GOOD if held == "confirmed" else LEARNED_BAD) + "."
                    b += "\nstudy:\n" + text("learned", learned, 2) + f"  prediction: {held}\n"
                    if decided <= end:
                        if decision == "adopt":
                            nxt = rng.choice(SPREAD) + "."
                        elif decision == "adapt":
                            prev_adapt = rng.choice(ADAPTS)
                            np_, nw, _ = SCALES_OF_TEST[min(step0 + k + 1, len(SCALES_OF_TEST) - 1)]
                            nxt = f"Adapt: {prev_adapt[0]}, {prev_adapt[1]}; test again {np_} {nw}."
                        else:
                            nxt = f"Abandon: {rng.choice(WHY_ABANDON)}."
                        b += f"\nact:\n  decision: {decision}\n  date: {iso(decided)}\n" + text("next", nxt, 2)
                        state = "decided: " + decision
                hdr = header(2, "pdsa", [f"PDSA cycle of {t.name} on '{iname}'",
                                         f"({'first cycle' if not prev else 'builds on ' + prev}; {state})."])
                cycles.append((t, cid, hdr + b))
                if state == "still open":
                    break
                prev = cid
                d = decided + dt.timedelta(days=rng.randint(3, 25))
                if d + dt.timedelta(days=12) > end:
                    break

    # --- Teams ------------------------------------------------------------------------------------------
    for t in teams:
        b = header(1, "team", [f"Team: {t.name}.", "Member ids are unique across the collaborative."])
        b += f"id: {t.id}\n" + text("name", t.name, 0) + f"organization: {t.org}\neoi: {t.eoi}\n"
        if t.withdrawn:
            b += f"status: withdrawn\nwithdrawal:\n  date: {iso(t.withdrawn[0])}\n  reason: {q(t.withdrawn[1])}\n"
        else:
            b += "status: active\n"
        b += f"joined: {iso(prework[0])}\n"
        if t.aim:
            b += "\naim:\n" + text("text", t.aim[0], 2)
            b += f"  measure: {t.aim[1]}\n  target: {t.aim[2]}\n  by: {iso(t.aim[3])}\n"
        b += "\nchange_ideas:\n" + "".join(f"  - {i}\n" for i in t.ideas)
        if t.own:
            oid, oname, drivers, proc = t.own
            b += f"\nown_ideas:\n  - id: {oid}\n    name: {q(oname)}\n    drivers:\n"
            b += "".join(f"      - {x}\n" for x in drivers)
            b += "    measures:\n      process:\n" + "".join(f"        - {x}\n" for x in proc)
        b += "\nmembers:\n"
        for m in t.members:
            b += f"  - id: {m.id}\n    name: {m.name}\n    roles:\n" + "".join(f"      - {r}\n" for r in m.roles)
            b += f"    email: {m.email}\n    engagement: {m.engagement}\n"
            if m.joined:
                b += f"    joined: {iso(m.joined)}\n"
            if m.left:
                b += f"    left: {iso(m.left)}\n"
        add(f"teams/{t.id}.yaml", b)
    for t, cid, body in cycles:
        add(f"pdsa/{t.id}/{cid}.yaml", body)

    # --- Measures, data, assessments --------------------------------------------------------------------
    for (mid, name, typ, cat, better, unit, mult, goal, chart, num, den) in MEASURES:
        b = header(1, "measure", [f"Measure of the core data set: {name}."])
        b += f"id: {mid}\nname: {q(name)}\ntype: {typ}\ncategory: {cat}\ncore: true\n"
        b += text("numerator", num, 0)
        if den:
            b += text("denominator", den, 0)
        b += f"unit: {q(unit)}\n"
        if mult:
            b += f"multiplier: {mult}\n"
        b += f"better: {better}\n\nbaseline:\n  periods: 3\n\ngoal: {goal}\n"
        if chart:
            b += f"chart: {chart}\n"
        if mid == "trauma-screening":
            rb = add_months(first_month, months // 2)
            b += f"\nrebase:\n  - period: {ym(rb)}\n    periods: 4\n"
            b += "    reason: The screen became part of every clinic's intake form.\n"
        add(f"measures/{mid}.yaml", b)

    months_list = [add_months(first_month, k) for k in range(months)]
    for t in teams:
        last = t.last_day(end)
        growth = rng.uniform(0.3, 1.0)  # how far the team gets towards the goals
        mid_t = rng.uniform(0.25, 0.6) * months
        b = header(1, "data", [f"Core data set reported monthly by {t.name}.",
                               "Data for a month are due on the 15th of the following month."])
        b += f"team: {t.id}\n\nperiods:\n"
        size = rng.uniform(0.5, 2.0)
        for k, m0 in enumerate(months_list):
            if m0 > last:
                break
            due = dt.date(add_months(m0, 1).year, add_months(m0, 1).month, 15)
            late = rng.random() < 0.08
            sub = due + dt.timedelta(days=rng.randint(1, 20)) if late else due - dt.timedelta(days=rng.randint(0, 12))
            x = growth * logistic(k, mid_t, months / 10)
            noted = rng.random() < 0.05
            b += f"  - period: {ym(m0)}\n    submitted: {iso(sub)}\n    values:\n"
            for (mid, name, typ, cat, better, unit, mult, goal, chart, num, den) in MEASURES:
                if rng.random() < 0.015:
                    b += f"      {mid}:\n        missing: {rng.choice(['EHR outage', 'Data manager on leave'])}\n"
                    continue
                if typ == "proportion":
                    n = max(1, int(rng.gauss(30 * size, 5 * size)))
                    p0 = {"trauma-screening": 0.3, "tfcbt-completion": 0.3, "symptom-improvement": 0.4,
                          "caregiver-engagement": 0.5}[mid]
                    pr = clamp(p0 + (goal / 100 - p0) * x + rng.gauss(0, 0.06), 0.0, 1.0)
                    c = min(n, max(0, round(n * pr)))
                    b += f"      {mid}:\n        numerator: {c}\n        denominator: {n}\n"
                    if noted and mid == "trauma-screening":
                        b += "        note: Two clinicians were on leave this month.\n"
                elif typ == "rate":
                    n = max(20, int(rng.gauss(200 * size, 20 * size)))
                    r = max(0.0, 0.15 - 0.07 * x + rng.gauss(0, 0.02))
                    b += f"      {mid}:\n        numerator: {round(n * r)}\n        denominator: {n}\n"
                elif mid == "referral-to-first-session":
                    v = max(1.0, 38 - 24 * x + rng.gauss(0, 3))
                    b += f"      {mid}:\n        value: {v:.1f}\n"
                elif mid == "clinicians-trained":
                    v = min(8, 1 + int(6 * x * growth + (k > 2)))
                    b += f"      {mid}:\n        value: {v}\n"
                else:
                    v = max(0, round(1 + 3 * x + rng.gauss(0, 0.8)))
                    b += f"      {mid}:\n        value: {v}\n"
        add(f"data/{t.id}.yaml", b)

    for n, t in enumerate(teams):
        coach = coaches[n % len(coaches)]
        last = t.last_day(end)
        b = header(1, "assessment", [f"Monthly progress ratings of {t.name} by its coach,",
                                     "on the IHI scale from 0.5 (intent to participate) to 5.0."])
        b += f"team: {t.id}\n\nratings:\n"
        top = rng.choice([3.0, 3.5, 4.0, 4.5, 5.0])
        mid_t = rng.uniform(0.3, 0.6) * months
        for k, m0 in enumerate(months_list[1:], start=1):
            if m0 > last:
                break
            s = clamp(round((1.0 + (top - 1.0) * logistic(k, mid_t, months / 8)) * 2) / 2, 0.5, 5.0)
            b += f"  - period: {ym(m0)}\n    score: {s:.1f}\n    assessor: {coach}\n"
            if k % 3 == 0:
                b += f"    self_score: {clamp(s + rng.choice([-0.5, 0, 0, 0.5]), 0.5, 5.0):.1f}\n"
            if rng.random() < 0.15:
                b += text("note", rng.choice(["Changes tested, but no improvement.", "Modest improvement.",
                                              "Improvement; the team is spreading its changes.",
                                              "Planning for the project has begun."]), 4)
        add(f"assessments/{t.id}.yaml", b)

    # --- Events and attendance --------------------------------------------------------------------------
    def present_of(ts, d, share, excuse=0.5):
        pres, exc = [], []
        for t in ts:
            if t.withdrawn and t.withdrawn[0] < d:
                continue
            for m in t.members:
                if not m.on(d):
                    continue
                r = rng.random()
                if r < share:
                    pres.append(m.id)
                elif r < share + (1 - share) * excuse:
                    exc.append(m.id)
        return pres, exc

    def attendance(eid, title, d, ts, share, recurring):
        pres, exc = present_of(ts, d, share)
        b = header(1, "attendance", [f"Attendance: {title}" + (f" on {iso(d)}." if recurring else ".")])
        b += f"event: {eid}\n" + (f"date: {iso(d)}\n" if recurring else "")
        b += "\npresent:\n" + "".join(f"  - {x}\n" for x in pres)
        if exc:
            b += "\nexcused:\n" + "".join(f"  - {x}\n" for x in exc)
        if rng.random() < 0.3:
            b += f"\nguests: {rng.randint(1, 6)}\n"
        return b

    events = []  # (id, text, attendance texts [(name, text)])
    for k, ic in enumerate([START + dt.timedelta(days=3), START + dt.timedelta(days=10)]):
        b = header(1, "event", [f"Event: Informational call {k + 1}."])
        b += f"id: info-call-{k + 1}\nname: Informational call {k + 1}\ntype: informational-call\n"
        b += f"phase: application\nstart: {iso(workday(ic))}T12:00\nduration_minutes: 60\nformat: virtual\n"
        b += "url: https://meet.example.org/tf-cbt-lc/info\n"
        events.append((f"info-call-{k + 1}", b, []))
    b = header(1, "event", ["Event: Pre-work kickoff webinar."])
    kick = workday(prework[0] + dt.timedelta(days=2))
    b += "id: prework-kickoff\nname: Pre-work kickoff webinar\ntype: webinar\nphase: prework\n"
    b += f"start: {iso(kick)}T13:00\nduration_minutes: 90\nformat: virtual\nurl: https://meet.example.org/tf-cbt-lc/kickoff\n"
    events.append(("prework-kickoff", b, [("prework-kickoff", attendance("prework-kickoff", "Pre-work kickoff webinar",
                                                                         kick, teams, 0.7, False))]))
    for k, (s, e) in enumerate(sessions):
        eid = f"learning-session-{k + 1}"
        b = header(1, "event", [f"Event: Learning session {k + 1}."])
        b += f"id: {eid}\nname: Learning session {k + 1}\ntype: learning-session\nphase: ls{k + 1}\n"
        b += f"start: {iso(s)}\nend: {iso(e)}\nformat: in-person\nlocation: Riverside Conference Center, Atlanta, Georgia\n"
        b += "required: true\n" + text("description", "Two days of TF-CBT skills training, the model for "
                                                       "improvement and the next PDSA cycles.", 0)
        events.append((eid, b, [(eid, attendance(eid, f"Learning session {k + 1}", s, teams, 0.8, False))]))
        ap = phases[3 + 2 * k]
        b = header(1, "event", [f"Event: {ap[1]}."])
        b += f"id: action-period-{k + 1}\nname: {ap[1]}\ntype: action-period\nphase: {ap[0]}\n"
        b += f"start: {iso(ap[2])}\nend: {iso(ap[3])}\nformat: virtual\n"
        events.append((f"action-period-{k + 1}", b, []))
    # A monthly data office hour, recurring, on the second Thursday, with attendance at each occurrence.
    oh_first = next_weekday(dt.date(sessions[0][1].year, sessions[0][1].month, 1) + dt.timedelta(days=31), 3)
    oh_first = next_weekday(dt.date(oh_first.year, oh_first.month, 1), 3) + dt.timedelta(days=7)
    oh_until = end - dt.timedelta(days=1)
    b = header(1, "event", ["Event: Monthly data office hour, the second Thursday of each month."])
    b += "id: data-office-hour\nname: Monthly data office hour\ntype: webinar\n"
    b += f"start: {iso(oh_first)}T15:00\nduration_minutes: 60\nformat: virtual\nurl: https://meet.example.org/tf-cbt-lc/data\n"
    b += f"\nrecurrence:\n  frequency: monthly\n  week: 2\n  until: {iso(oh_until)}\n"
    att = []
    d = dt.date(oh_first.year, oh_first.month, 1)
    while True:
        occ = next_weekday(d, 3) + dt.timedelta(days=7)
        if occ > oh_until:
            break
        if occ >= oh_first:
            pres, exc = [], []
            for t in teams:
                for m in t.members:
                    if "data-manager" in m.roles and m.on(occ) and not (t.withdrawn and t.withdrawn[0] < occ):
                        if rng.random() < 0.4:
                            pres.append(m.id)
            ab = header(1, "attendance", [f"Attendance: Monthly data office hour on {iso(occ)}."])
            ab += f"event: data-office-hour\ndate: {iso(occ)}\n\npresent:\n" + "".join(f"  - {x}\n" for x in pres)
            att.append((f"data-office-hour-{iso(occ)}", ab))
        d = add_months(d, 1)
    events.append(("data-office-hour", b, att))
    # The closing congress.
    cong = workday(end - dt.timedelta(days=20))
    b = header(1, "event", ["Event: Closing congress."])
    b += f"id: closing-congress\nname: Closing congress\ntype: congress\nphase: ap{n_ls}\nstart: {iso(cong)}\n"
    b += f"end: {iso(cong)}\nformat: hybrid\nlocation: Riverside Conference Center, Atlanta, Georgia\n"
    events.append(("closing-congress", b, [("closing-congress", attendance("closing-congress", "Closing congress",
                                                                           cong, teams, 0.6, False))]))
    # Cohort consultation calls: the rest of the events, one call for one cohort of teams each, on
    # weekdays of the action periods away from learning sessions, each with its attendance.
    n_calls = max(0, p["events"] - len(events))
    cohorts = [teams[i:i + p["cohort"]] for i in range(0, len(teams), p["cohort"])]
    aps = [(ph[2], ph[3]) for ph in phases if re.fullmatch(r"ap[0-9]+", ph[0])]
    days = []
    for s, e in aps:
        d = s + dt.timedelta(days=2)
        while d <= e - dt.timedelta(days=2):
            if d.weekday() in (1, 2) and d < end - dt.timedelta(days=25):  # Tuesdays and Wednesdays
                days.append(d)
            d += dt.timedelta(days=1)
    for i in range(n_calls):
        c = i % len(cohorts)
        day = days[(i * len(days)) // max(1, n_calls)]
        hour = 11 + (c % 5)
        eid = f"cohort-call-{i + 1:03d}"
        b = header(1, "event", [f"Event: Consultation call {i + 1} of cohort {c + 1}."])
        b += f"id: {eid}\nname: Cohort {c + 1} consultation call\ntype: consultation-call\n"
        b += f"start: {iso(day)}T{hour:02d}:00\nduration_minutes: 60\nformat: virtual\n"
        b += f"url: https://meet.example.org/tf-cbt-lc/cohort-{c + 1}\n\nteams:\n"
        b += "".join(f"  - {t.id}\n" for t in cohorts[c])
        events.append((eid, b, [(eid, attendance(eid, f"Cohort {c + 1} consultation call", day, cohorts[c],
                                                 0.65, False))]))
    for eid, body, att in events:
        add(f"events/{eid}.yaml", body)
        for name, ab in att:
            add(f"attendance/{name}.yaml", ab)

    # --- Network survey: two waves of one sample of members ---------------------------------------------
    pool = [(t, m) for t in teams for m in t.members if m.joined is None]
    sample = rng.sample(pool, min(p["survey"], len(pool)))
    sample.sort(key=lambda tm: tm[1].id)
    waves = [("baseline", sessions[0][0]), ("follow-up", sessions[-1][0])]
    relations = ["information", "advice", "collaboration", "friendship", "resources"]
    for w, (wid, wd) in enumerate(waves):
        alive = [(t, m) for t, m in sample if m.on(wd) and not (t.withdrawn and t.withdrawn[0] < wd)]
        b = header(1, "network", [f"Network survey, wave {w + 1} ({wid}), taken at a learning session.",
                                  "Each respondent named members of other teams they had exchanged with."])
        b += f"id: {wid}\ndate: {iso(wd)}\n\nrespondents:\n" + "".join(f"  - {m.id}\n" for _, m in alive)
        b += "\nties:\n"
        for t, m in alive:
            k = rng.randint(1, 4) + 2 * w
            for t2, m2 in rng.sample(alive, min(k, len(alive))):
                if t2 is t:
                    continue
                b += f"  - from: {m.id}\n    to: {m2.id}\n"
                b += f"    relation: {rng.choices(relations, weights=(40, 25, 15, 10, 10))[0]}\n"
                b += f"    strength: {rng.randint(1, 5)}\n"
                if rng.random() < 0.5:
                    b += f"    trust: {rng.randint(1, 5)}\n"
        add(f"network/{wid}.yaml", b)

    # --- collab.yaml, rubric.yaml, driver-diagram.yaml ----------------------------------------------------
    b = header(0, "collaborative", [f"A synthetic collaborative for the benchmark, scale {scale} (bench/generate.py).",
                                    "Invented data."])
    b += f"id: bench-{scale.lower()}\nname: Benchmark Learning Collaborative, scale {scale}\n"
    b += text("focus", "Spreading Trauma-Focused Cognitive Behavioral Therapy with fidelity across child-serving "
                       "community clinics: screening at intake, shorter waits and more completed courses.", 0)
    b += "kind: learning-collaborative\nmodel: nctsn-learning-collaborative\n\nsponsors:\n"
    b += "  - name: National Child Trauma Practice Network\n    type: network\n"
    b += "  - name: Atlantic Children's Health Foundation\n    type: foundation\n\n"
    b += f"start: {iso(START)}\nend: {iso(end)}\ntimezone: {TZ}\n\ndesign:\n  purpose: evidence-based-practice\n"
    b += f"  membership: closed\n  scope: across-agencies\n  capacity: {p['teams']}\n  format: hybrid\n"
    b += "  facilitation: designated\n  meeting_frequency: monthly\n  stage: sustaining\n\nphases:\n"
    for pid, pname, s, e in phases:
        b += f"  - id: {pid}\n    name: {q(pname)}\n    start: {iso(s)}\n    end: {iso(e)}\n"
    b += "\ngoals:\n"
    for mid, name, typ, cat, better, unit, mult, goal, *_ in MEASURES[:4]:
        b += f"  - id: {mid}\n" + text("text", f"{name}: {goal}{'%' if mult == 100 else ''} in every clinic.", 4)
        b += f"    measure: {mid}\n    target: {goal}\n    by: {iso(end)}\n"
    b += "\ncore_team:\n  required_roles:\n    - senior-leader\n    - supervisor\n    - clinician\n"
    b += "  min_members: 3\n  max_members: 8\n\ndata:\n  due_day: 15\n  rules:\n    run_chart: anhoej\n"
    b += "    control_chart: provost-murray\n\nschedule:\n  weekdays: [mon, tue, wed, thu, fri]\n"
    b += "  working_hours: \"08:00-18:00\"\n  min_gap_days: 60\n\nfaculty:\n"
    for fid, name, roles in faculty:
        b += f"  - id: {fid}\n    name: {name}\n    email: {slug(name).replace('-', '.')}@nctpn.example.net\n    roles:\n"
        b += "".join(f"      - {r}\n" for r in roles)
    files.insert(0, ("collab.yaml", b))

    cap = p["teams"]
    b = header(0, "rubric", ["How applications (EOIs) are reviewed: three gates, then weighted criteria."])
    b += "gates:\n  - id: core-team\n    question: Does the application name a senior leader, a supervisor and a clinician?\n"
    b += "    rule:\n      roles:\n        senior-leader: 1\n        supervisor: 1\n        clinician: 1\n"
    b += "      min_members: 3\n  - id: data-commitment\n"
    b += "    question: Does the organization commit to submit the core data set every month?\n"
    b += "    rule:\n      answer: core-data-set-commitment\n      in:\n        - true\n        - \"yes\"\n"
    b += "  - id: fit\n    question: Is TF-CBT a fit for the population the organization serves?\n\ncriteria:\n"
    for cid, cname, w in [("readiness", "Organizational readiness", 3), ("data-use", "Use of the core data set", 2),
                          ("core-team", "Core team", 2), ("attendance", "Learning session attendance", 1)]:
        b += f"  - id: {cid}\n    name: {cname}\n    weight: {w}\n    min: 1\n    max: 5\n"
    b += "    anchors:\n      \"1\": Cannot attend\n      \"5\": Every session, the whole core team\n"
    b += "  - id: clinicians\n    name: Clinicians committed\n    weight: 1\n    min: 0\n    max: 4\n"
    b += "    auto:\n      answer: clinicians-committed\n\nreviewers_per_eoi: 2\n\nscoring:\n"
    b += "  aggregation: mean\n  normalization: z-score\n  disagreement: 2\n\nselection:\n"
    b += f"  capacity: {cap}\n  quotas:\n"
    b += f"    - attribute: region\n      value: Midwest\n      min: {max(1, cap // 10)}\n"
    b += f"    - attribute: sector\n      value: rural-health\n      min: {max(1, cap // 20)}\n"
    b += f"    - attribute: region\n      value: South\n      max: {max(2, cap // 2)}\n"
    files.insert(1, ("rubric.yaml", b))

    b = header(0, "driver-diagram", ["The collaborative's aim, its driver diagram and the change package."])
    b += "aim:\n" + text("text", f"By {end.strftime('%B %Y')}, at least 60% of children ending trauma treatment "
                                 "in the participating clinics complete a full course of TF-CBT.", 2)
    b += f"  measure: tfcbt-completion\n  target: 60\n  by: {iso(end)}\n\nprimary_drivers:\n"
    for pid, pname in PRIMARY:
        b += f"  - id: {pid}\n    name: {pname}\n"
    b += "\nsecondary_drivers:\n"
    for sid, sname, prim in SECONDARY:
        b += f"  - id: {sid}\n    name: {sname}\n    primary:\n" + "".join(f"      - {x}\n" for x in prim)
    b += "\nchange_ideas:\n"
    for iid, iname, drivers, proc, outc, bal, *_ in IDEAS:
        b += f"  - id: {iid}\n    name: {iname}\n    drivers:\n" + "".join(f"      - {x}\n" for x in drivers)
        b += "    measures:\n"
        for fam, ms in (("outcome", outc), ("process", proc), ("balancing", bal)):
            if ms:
                b += f"      {fam}:\n" + "".join(f"        - {x}\n" for x in ms)
    files.insert(2, ("driver-diagram.yaml", b))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scale", choices=sorted(SCALES))
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if os.path.exists(a.out_dir) and os.listdir(a.out_dir):
        sys.exit(f"generate.py: {a.out_dir} exists and is not empty")
    files = build(a.scale, a.seed)
    made = set()
    total = 0
    for path, body in files:
        full = os.path.join(a.out_dir, path)
        folder = os.path.dirname(full)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        data = body.encode("utf-8")
        with open(full, "wb") as f:
            f.write(data)
        total += len(data)
    print(f"{a.out_dir}: scale {a.scale}, seed {a.seed}: {len(files)} files, {total} bytes")


if __name__ == "__main__":
    main()
