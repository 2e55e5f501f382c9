#include "schedule/plan.h"

#include "core/text.h"
#include "io/yaml_document.h"
#include "io/yaml_text.h"
#include "schedule/recurrence.h"
#include "schedule/slots.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <cstdint>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

namespace collab::schedule {
namespace {

constexpr const char* kHashMark = "# collab-plan: ";

bool starts_with_digits(const std::string& s, const std::string& prefix) {
  return s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0 &&
         std::all_of(s.begin() + static_cast<long>(prefix.size()), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The body of a generated file and whether it is as the planner wrote it.
bool is_untouched_plan(const std::string& text) {
  auto pos = text.find(kHashMark);
  if (pos == std::string::npos) return false;
  auto eol = text.find('\n', pos);
  if (eol == std::string::npos) return false;
  std::string recorded = text.substr(pos + std::string(kHashMark).size(), eol - pos - std::string(kHashMark).size());
  return recorded == body_hash(text.substr(eol + 1));
}

struct Window {
  Date first, last;
};

class Planner {
 public:
  explicit Planner(const model::Project& p) : p_(p), c_(*p.collaborative) {}

  Result<PlanResult> run() {
    classify_existing();
    std::vector<const model::Phase*> phases;
    for (const auto& ph : c_.phases) {
      if (ph.start && ph.end) phases.push_back(&ph);
    }
    std::stable_sort(phases.begin(), phases.end(), [](const model::Phase* a, const model::Phase* b) { return *a->start < *b->start; });
    for (const model::Phase* ph : phases) {
      std::string type = phase_event_type(*ph);
      if (type.empty()) continue;
      if (Status s = plan_phase(*ph, type); !s) return s.error();
    }
    if (Status s = plan_calls(); !s) return s.error();
    return finish();
  }

 private:
  const model::Project& p_;
  const model::Collaborative& c_;
  std::vector<const model::Event*> fixed_;               // existing events that constrain the plan
  std::map<std::string, const model::Event*> replaceable_;  // untouched planned files, by ID
  std::deque<model::Event> planned_;                      // stable addresses for occurrences
  std::deque<YamlDocument> planned_docs_;                 // where planned events will be: events/<id>.yaml, line 1
  std::vector<Window> sessions_;                          // learning sessions, fixed and planned
  std::vector<Window> action_periods_;
  PlanResult result_;

  void classify_existing() {
    for (const auto& e : p_.events) {
      std::string text = e.src.doc ? read_text(p_.root / e.src.doc->relative) : std::string();
      if (!e.pinned && is_untouched_plan(text)) {
        replaceable_[e.id] = &e;
      } else {
        fixed_.push_back(&e);
      }
    }
    for (const model::Event* e : fixed_) {
      auto first = e->start_date(), last = e->end_date();
      if (!first || !last) continue;
      if (e->type == "learning-session") sessions_.push_back({*first, *last});
      if (e->type == "action-period") action_periods_.push_back({*first, *last});
    }
  }

  std::string note(const model::Event& e) const {
    if (e.pinned) return " (pinned)";
    std::string text = e.src.doc ? read_text(p_.root / e.src.doc->relative) : std::string();
    return text.find(kHashMark) != std::string::npos ? " (planned, then edited by hand)" : "";
  }

  // Why a day cannot hold an event; empty when it can.
  std::string day_problem(const Date& d) const {
    for (const auto& b : c_.schedule.blackouts) {
      if (b.start && d >= *b.start && d <= b.end.value_or(*b.start)) return fmt::format("blackout '{}'", b.name);
    }
    const auto& days = c_.schedule.weekdays;
    if (!days.empty() && std::find(days.begin(), days.end(), weekday_key(d)) == days.end()) {
      return fmt::format("a {} (schedule.weekdays)", weekday_name(d));
    }
    if (c_.start && c_.end && (d < *c_.start || d > *c_.end)) return "outside the collaborative";
    return {};
  }

  std::string gap_problem(const Window& w) const {
    if (!c_.schedule.min_gap_days) return {};
    for (const auto& s : sessions_) {
      int before = (date::sys_days{w.first} - date::sys_days{s.last}).count();
      int after = (date::sys_days{s.first} - date::sys_days{w.last}).count();
      if ((before >= 0 && before < *c_.schedule.min_gap_days) || (after >= 0 && after < *c_.schedule.min_gap_days) ||
          (before < 0 && after < 0)) {
        return fmt::format("within {} days of the learning session {} to {} (schedule.min_gap_days)",
                           *c_.schedule.min_gap_days, format_date(s.first), format_date(s.last));
      }
    }
    return {};
  }

  const model::Event* fixed_for(const model::Phase& ph, const std::string& type) const {
    for (const model::Event* e : fixed_) {
      if (e->phase == ph.id && e->type == type) return e;
    }
    return nullptr;
  }

  std::string id_for(const std::string& wanted, const std::string& fallback) const {
    auto taken = [&](const std::string& id) {
      return std::any_of(fixed_.begin(), fixed_.end(), [&](const model::Event* e) { return e->id == id; }) ||
             std::any_of(planned_.begin(), planned_.end(), [&](const model::Event& e) { return e.id == id; });
    };
    return taken(wanted) ? fallback : wanted;
  }

  Status plan_phase(const model::Phase& ph, const std::string& type) {
    if (const model::Event* e = fixed_for(ph, type)) {
      result_.kept.push_back(fmt::format("{}: {}{}", ph.id, e->id, note(*e)));
      return Ok{};
    }
    model::Event e;
    e.id = id_for(ph.id, ph.id + "-" + type);
    e.name = ph.name.empty() ? ph.id : ph.name;
    e.type = type;
    e.phase = ph.id;
    Date first = *ph.start, last = *ph.end;
    if (type == "action-period" || type == "prework") {
      e.start = format_date(first);
      e.end = format_date(last);
      if (type == "action-period") action_periods_.push_back({first, last});
    } else if (type == "informational-call") {
      auto day = first_good_day(first, last);
      if (!day) return impossible(ph, type, 1, first, last);
      e.start = fmt::format("{}T{}", format_date(*day), clock_text(best_start({*day}, 60)));
      e.duration_minutes = 60;
      e.format = "virtual";
    } else {
      int phase_days = (date::sys_days{last} - date::sys_days{first}).count() + 1;
      int length = type == "learning-session" ? (phase_days <= 5 ? phase_days : 2) : 1;
      std::vector<std::string> reasons;
      std::optional<Window> found;
      for (Date d = first; add_days(d, length - 1) <= last && !found; d = add_days(d, 1)) {
        Window w{d, add_days(d, length - 1)};
        std::string problem;
        for (Date x = w.first; x <= w.last && problem.empty(); x = add_days(x, 1)) {
          problem = day_problem(x);
          if (!problem.empty()) problem = format_date(x) + " is " + (problem.rfind("a ", 0) == 0 ? "" : "on ") + problem;
        }
        if (problem.empty() && type == "learning-session") {
          problem = gap_problem(w);
          if (!problem.empty()) problem = format_date(d) + " is " + problem;
        }
        if (problem.empty()) {
          found = w;
        } else {
          reasons.push_back(problem);
        }
      }
      if (!found) return impossible(ph, type, length, first, last, reasons);
      if (type == "learning-session") sessions_.push_back(*found);
      e.start = format_date(found->first);
      e.end = format_date(found->last);
    }
    e.description = fmt::format("Planned from phase '{}' of collab.yaml.", ph.id);
    planned_.push_back(e);
    return Ok{};
  }

  Error impossible(const model::Phase& ph, const std::string& type, int length, const Date& first, const Date& last,
                   const std::vector<std::string>& reasons = {}) const {
    std::string why;
    for (size_t i = 0; i < reasons.size() && i < 5; ++i) why += (i ? "; " : "") + reasons[i];
    if (reasons.size() > 5) why += fmt::format("; and {} more", reasons.size() - 5);
    if (why.empty()) why = "every day is a blackout, outside the allowed weekdays or outside the collaborative";
    return Error{ErrorKind::data,
                 fmt::format("{}: cannot place the {} of phase '{}' ({} day(s) within {} to {}): {}; nothing was written",
                             where(ph), type, ph.id, length, format_date(first), format_date(last), why)};
  }

  std::string where(const model::Phase& ph) const {
    Location l = ph.src.at("start");
    return l.line ? where_text(l) : std::string("collab.yaml");
  }

  std::optional<Date> first_good_day(const Date& from, const Date& to) const {
    for (Date d = from; d <= to; d = add_days(d, 1)) {
      if (day_problem(d).empty()) return d;
    }
    return std::nullopt;
  }

  // The best start (minutes after midnight, collaborative's zone) for a call on these dates; 12:00 when
  // there are no members yet.
  int best_start(const std::vector<Date>& dates, int duration) const {
    auto people = participants(p_, std::nullopt);
    auto zone = find_zone(c_.timezone.empty() ? "UTC" : c_.timezone);
    if (!people || people->empty() || !zone || dates.empty()) return 12 * 60;
    SlotRequest r;
    r.zone = *zone;
    r.duration_minutes = duration;
    r.dates = dates;
    r.top = 48;
    r.min_coverage = 0;
    // The best coverage; among equals, the start nearest to noon in the collaborative's zone.
    auto found = find_slots(*people, r);
    if (!found || found->best.empty()) return 12 * 60;
    const Slot* best = &found->best.front();
    for (const auto& s : found->best) {
      if (s.coverage == found->best.front().coverage && std::abs(s.start - 12 * 60) < std::abs(best->start - 12 * 60)) best = &s;
    }
    return best->start;
  }

  Status plan_calls() {
    const std::string& freq = c_.design.meeting_frequency;
    if (freq != "weekly" && freq != "biweekly" && freq != "monthly") return Ok{};
    for (const model::Event* e : fixed_) {
      if (e->recurrence && (e->type == "consultation-call" || e->type == "webinar" || e->type == "meeting")) {
        result_.kept.push_back(fmt::format("calls: {}{}", e->id, note(*e)));
        return Ok{};
      }
    }
    if (action_periods_.empty()) return Ok{};
    Date from = action_periods_.front().first, to = action_periods_.front().last;
    for (const auto& w : action_periods_) {
      from = std::min(from, w.first);
      to = std::max(to, w.last);
    }
    // The first Tuesday, Wednesday or Thursday (else any allowed day) a week into the action periods, in
    // the month's first four weeks so that "the nth weekday" exists every month.
    std::optional<Date> start;
    for (const char* wanted : {"tue", "wed", "thu", "mon", "fri", "sat", "sun"}) {
      for (Date d = add_days(from, 7); d <= to && !start; d = add_days(d, 1)) {
        if (weekday_key(d) == wanted && day_problem(d).empty() && static_cast<unsigned>(d.day()) <= 28) start = d;
      }
      if (start) break;
    }
    if (!start) return Ok{};
    model::Event e;
    e.id = id_for("consultation-calls", "planned-consultation-calls");
    e.name = freq == "monthly" ? "Monthly consultation call" : freq == "weekly" ? "Weekly consultation call" : "Consultation call";
    e.type = "consultation-call";
    e.format = "virtual";
    e.duration_minutes = 60;
    model::Recurrence r;
    r.frequency = freq;
    r.until = to;
    if (freq == "monthly") r.week = static_cast<int>((static_cast<unsigned>(start->day()) - 1) / 7 + 1);
    auto dates = rule_dates(*start, r, c_.end);
    std::vector<Date> held;
    for (const Date& d : dates) {
      bool in_session = std::any_of(sessions_.begin(), sessions_.end(), [&](const Window& w) { return d >= w.first && d <= w.last; });
      if (in_session || !day_problem(d).empty()) {
        r.skip.push_back(d);
      } else {
        held.push_back(d);
      }
    }
    e.start = fmt::format("{}T{}", format_date(*start), clock_text(best_start(held, 60)));
    e.recurrence = r;
    e.description = fmt::format("Planned over the action periods at the design's meeting frequency ({}), at the slot "
                                "that keeps most members inside their working hours; no call on a blackout or during a "
                                "learning session.", freq);
    planned_.push_back(e);
    return Ok{};
  }

  std::string header() const {
    std::string schema = "# yaml-language-server: $schema=../.collab/schemas/event.schema.json";
    for (const auto& e : p_.events) {
      std::string text = e.src.doc ? read_text(p_.root / e.src.doc->relative) : std::string();
      if (text.rfind("# yaml-language-server:", 0) == 0) {
        schema = text.substr(0, text.find('\n'));
        break;
      }
    }
    return schema + "\n# Planned by `collab schedule plan`. Edit it freely: an edited file is kept as it is, and so is\n"
                    "# one marked `pinned: true`; an unedited one is planned again when the phases change.\n";
  }

  static std::string body_of(const model::Event& e) {
    std::string out = fmt::format("id: {}\nname: {}\ntype: {}\n", e.id, yaml_string(e.name), e.type);
    if (!e.phase.empty()) out += fmt::format("phase: {}\n", e.phase);
    out += fmt::format("start: {}\n", e.start);
    if (!e.end.empty()) out += fmt::format("end: {}\n", e.end);
    if (e.duration_minutes) out += fmt::format("duration_minutes: {}\n", *e.duration_minutes);
    if (!e.format.empty()) out += fmt::format("format: {}\n", e.format);
    if (e.recurrence) {
      out += fmt::format("recurrence:\n  frequency: {}\n", e.recurrence->frequency);
      if (e.recurrence->week) out += fmt::format("  week: {}\n", *e.recurrence->week);
      if (e.recurrence->until) out += fmt::format("  until: {}\n", format_date(*e.recurrence->until));
      if (!e.recurrence->skip.empty()) {
        out += "  skip:\n";
        for (const Date& d : e.recurrence->skip) out += fmt::format("    - {}\n", format_date(d));
      }
    }
    out += fmt::format("description: {}\n", yaml_string(e.description));
    return out;
  }

  Result<PlanResult> finish() {
    std::string head = header();
    for (const auto& e : planned_) {
      std::string body = body_of(e);
      PlannedFile f;
      f.id = e.id;
      f.path = "events/" + e.id + ".yaml";
      f.content = head + kHashMark + body_hash(body) + "\n" + body;
      auto it = replaceable_.find(e.id);
      if (it != replaceable_.end()) {
        f.action = read_text(p_.root / it->second->src.doc->relative) == f.content ? "unchanged" : "update";
      } else {
        f.action = "create";
      }
      f.summary = e.recurrence ? fmt::format("{} {} from {} ({}, until {})", e.type, e.id, e.start, e.recurrence->frequency,
                                             format_date(*e.recurrence->until))
                               : fmt::format("{} {} {}{}", e.type, e.id, e.start, e.end.empty() ? "" : " to " + e.end);
      result_.files.push_back(std::move(f));
    }
    // Unedited planned files the plan no longer has (a pinned or hand-made event took over the phase, the
    // phase went away): removed, so they neither linger in events/ nor count twice in the calendar.
    for (const auto& [id, existing] : replaceable_) {
      const std::string& planned_id = id;  // a structured binding cannot be captured in C++17 (clang refuses)
      bool still = std::any_of(planned_.begin(), planned_.end(), [&](const model::Event& e) { return e.id == planned_id; });
      if (still) continue;
      PlannedFile f;
      f.id = id;
      f.path = existing->src.doc->relative;
      f.action = "remove";
      f.summary = fmt::format("{} {}, planned before, no longer in the plan", existing->type, id);
      result_.files.push_back(std::move(f));
    }
    // Warnings about a planned event name the file it will be written to (line 1: it has no lines yet).
    for (auto& e : planned_) {
      YamlDocument& doc = planned_docs_.emplace_back();
      doc.relative = "events/" + e.id + ".yaml";
      doc.path = model::display_path(p_.display_root, doc.relative);
      e.src.doc = &doc;
      e.src.pointer.clear();
    }
    // The calendar as it will be: the fixed events and the plan (replaced files left out).
    std::vector<Occurrence> occ;
    for (const model::Event* e : fixed_) {
      auto o = expand_event(p_, *e);
      if (!o) return o.error();
      occ.insert(occ.end(), o->begin(), o->end());
    }
    for (const auto& e : planned_) {
      auto o = expand_event(p_, e);
      if (!o) return o.error();
      occ.insert(occ.end(), o->begin(), o->end());
    }
    std::stable_sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) {
      return std::tie(a.start, a.event->id) < std::tie(b.start, b.event->id);
    });
    result_.warnings = calendar_warnings(p_, occ);
    return result_;
  }
};

}  // namespace

std::string phase_event_type(const model::Phase& ph) {
  std::string id = ascii_lower(ph.id), name = ascii_lower(ph.name);
  auto has = [&](const char* word) { return name.find(word) != std::string::npos || id.find(word) != std::string::npos; };
  if (starts_with_digits(id, "ls") || has("learning session") || has("learning-session") || has("convening")) {
    return "learning-session";
  }
  if (starts_with_digits(id, "ap") || has("action period") || has("action-period")) return "action-period";
  if (has("pre-work") || has("prework")) return "prework";
  if (has("congress")) return "congress";
  if (has("teach-back") || has("teachback")) return "teach-back";
  if (has("informational")) return "informational-call";
  return {};
}

std::string body_hash(const std::string& body) {
  // FNV-1a, 64 bits: a fingerprint for "unchanged since written", not a security measure.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

Result<PlanResult> plan_schedule(const model::Project& p) {
  if (!p.collaborative) return Error{ErrorKind::data, "collab.yaml did not load: nothing to plan from"};
  return Planner(p).run();
}

}  // namespace collab::schedule
