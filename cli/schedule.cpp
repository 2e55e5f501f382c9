// collab schedule: the collaborative's calendar across time zones (lib/schedule): the listing with its
// warnings, iCalendar export, the best slots for recurring calls, and planning from the phases.
#include "common.h"
#include "model/project.h"
#include "io/files.h"
#include "io/lock.h"
#include "schedule/calendar.h"
#include "schedule/ical.h"
#include "schedule/plan.h"
#include "schedule/slots.h"
#include "schedule/recurrence.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace collab::cli {
namespace {

using schedule::Calendar;
using schedule::Occurrence;

struct ScheduleOptions {
  std::string format;
  std::string tz;  // show times in this zone too
  // ics
  std::string team, output;
  // slots
  std::string event, hours, zone;
  int duration = 60, step = 30;
  size_t top = 5;
  std::optional<double> min_coverage;
  // plan
  bool write = false, dry_run = false;
};


std::string utc_text(schedule::UtcMinutes t) {
  return schedule::format_local(schedule::LocalMinutes{t.time_since_epoch()}) + "Z";
}

std::string when_text(const Occurrence& o) {
  if (o.all_day) return o.first_day == o.last_day ? "all day" : "all day to " + format_date(o.last_day);
  return fmt::format("{}-{} {}", schedule::format_clock(o.local_start), schedule::format_clock(o.local_end), o.zone->name());
}

std::string in_zone_text(const Occurrence& o, const date::time_zone* zone) {
  if (o.all_day || zone == nullptr || zone == o.zone) return "";
  auto a = date::floor<std::chrono::minutes>(date::zoned_time<std::chrono::minutes>(zone, o.start).get_local_time());
  auto b = date::floor<std::chrono::minutes>(date::zoned_time<std::chrono::minutes>(zone, o.end).get_local_time());
  std::string day = Date{date::floor<date::days>(a)} == o.first_day ? "" : format_date(Date{date::floor<date::days>(a)}) + " ";
  return fmt::format(" = {}{}-{} {}", day, schedule::format_clock(a), schedule::format_clock(b), zone->name());
}

// "path:line:column: warning: message", as collab validate prints its warnings.
std::string warning_text(const schedule::Warning& w) { return format_text(Diagnostic{w.where, Severity::warning, w.message}); }

nlohmann::json occurrence_json(const Occurrence& o) {
  const model::Event& e = *o.event;
  nlohmann::json j = {{"event", e.id}, {"name", e.name}, {"type", e.type}, {"phase", e.phase},
                      {"all_day", o.all_day}, {"first_day", format_date(o.first_day)}, {"last_day", format_date(o.last_day)},
                      {"timezone", o.zone->name()}, {"recurring", o.recurring()}, {"pinned", e.pinned},
                      {"required", e.required}, {"format", e.format}, {"location", e.location}};
  if (o.all_day) {
    j["start"] = format_date(o.first_day);
    j["end"] = format_date(o.last_day);
  } else {
    j["start"] = schedule::format_local(o.local_start);
    j["end"] = schedule::format_local(o.local_end);
  }
  j["start_utc"] = utc_text(o.start);
  j["end_utc"] = utc_text(o.end);
  return j;
}

nlohmann::json warning_json(const schedule::Warning& w) {
  return {{"kind", w.kind}, {"file", w.where.file}, {"line", w.where.line}, {"column", w.where.column},
          {"date", format_date(w.date)}, {"events", w.events}, {"message", w.message}};
}

int run_list(const Context& ctx, const ScheduleOptions& opt) {
  const date::time_zone* shown = nullptr;
  if (!opt.tz.empty()) {
    auto z = schedule::find_zone(opt.tz);
    if (!z) return fail({ErrorKind::usage, "--tz: " + z.error().message});
    shown = *z;
  }
  auto project = load_valid_project(ctx, "scheduled", schedule::schedule_reads());
  if (!project) return fail(project.error());
  auto cal = schedule::build_calendar(*project);
  if (!cal) return fail(cal.error());
  if (opt.format == "json") {
    nlohmann::json j = {{"collaborative", project->collaborative->id}, {"timezone", project->collaborative->timezone},
                        {"events", cal->events}, {"occurrences", nlohmann::json::array()}, {"warnings", nlohmann::json::array()}};
    for (const auto& o : cal->occurrences) j["occurrences"].push_back(occurrence_json(o));
    for (const auto& w : cal->warnings) j["warnings"].push_back(warning_json(w));
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  size_t when_width = 0, id_width = 0;
  for (const auto& o : cal->occurrences) {
    when_width = std::max(when_width, (when_text(o) + in_zone_text(o, shown)).size());
    id_width = std::max(id_width, o.event->id.size());
  }
  for (const auto& o : cal->occurrences) {
    fmt::print("{} {}  {:<{}}  {:<{}}  {}{}\n", format_date(o.first_day), schedule::weekday_key(o.first_day),
               when_text(o) + in_zone_text(o, shown), when_width, o.event->id, id_width, o.event->name,
               o.event->pinned ? " (pinned)" : "");
  }
  for (const auto& w : cal->warnings) fmt::print("{}\n", warning_text(w));
  if (!ctx.quiet) {
    fmt::print(stderr, "{} events, {} occurrences, {} warning(s)\n", cal->events, cal->occurrences.size(), cal->warnings.size());
  }
  return kOk;
}

int run_ics(const Context& ctx, const ScheduleOptions& opt) {
  auto stamp = source_date_epoch_or_now();  // DTSTAMP: reproducible when SOURCE_DATE_EPOCH is set
  if (!stamp) return fail(stamp.error());
  auto project = load_valid_project(ctx, "exported", schedule::schedule_reads());
  if (!project) return fail(project.error());
  const model::Team* team = nullptr;
  if (!opt.team.empty()) {
    team = project->find_team(opt.team);
    if (!team) return fail({ErrorKind::usage, fmt::format("--team: no team '{}' in teams/", opt.team)});
  }
  schedule::IcalOptions options;
  options.dtstamp = *stamp;
  options.team = opt.team;
  options.calendar_name = project->collaborative->name + (team ? fmt::format(" ({})", team->name) : "");
  auto text = schedule::export_ical(*project, options);
  if (!text) return fail(text.error());
  if (opt.output.empty() || opt.output == "-") {
    fmt::print("{}", *text);
    return kOk;
  }
  if (Status s = write_file_atomic(opt.output, *text); !s) return fail(s.error());
  if (!ctx.quiet) fmt::print(stderr, "Wrote {}.\n", opt.output);
  return kOk;
}

std::string percent(double share) { return fmt::format("{:.1f}%", share * 100); }

// "peru (6: America/Lima 07:00-08:30)": the members outside working hours, by team.
std::string outside_text(const schedule::Slot& slot) {
  struct TeamOutside {
    int members = 0;
    double share = 0;
    std::map<std::string, std::set<std::string>> times;  // zone -> local times
  };
  std::map<std::string, TeamOutside> by_team;
  for (const auto& o : slot.outside) {
    auto& entry = by_team[o.team];
    ++entry.members;
    entry.share = std::max(entry.share, o.share);
    entry.times[o.zone].insert(o.local_times.begin(), o.local_times.end());
  }
  std::vector<std::string> parts;
  for (const auto& [team, entry] : by_team) {
    std::string when = entry.share < 1 ? fmt::format(" on {:.0f}% of dates", entry.share * 100) : "";
    std::vector<std::string> zones;
    for (const auto& [zone, times] : entry.times) zones.push_back(fmt::format("{} {}", zone, fmt::join(times, ", ")));
    parts.push_back(fmt::format("{} ({}{}: {})", team, entry.members, when, fmt::join(zones, "; ")));
  }
  return parts.empty() ? "everyone inside" : fmt::format("outside: {}", fmt::join(parts, "; "));
}

std::string slot_range(int start, int duration) {
  return schedule::clock_text(start) + "-" + schedule::clock_text(start + duration);
}

nlohmann::json slot_json(const schedule::Slot& s, int duration) {
  nlohmann::json j = {{"start", schedule::clock_text(s.start)}, {"end", schedule::clock_text(s.start + duration)},
                      {"coverage", s.coverage}, {"outside", nlohmann::json::array()}};
  for (const auto& o : s.outside) {
    j["outside"].push_back({{"member", o.member}, {"team", o.team}, {"timezone", o.zone}, {"share_of_dates", o.share},
                            {"local_times", o.local_times}});
  }
  return j;
}

int run_slots(const Context& ctx, const ScheduleOptions& opt) {
  std::optional<schedule::WorkingHours> hours;
  if (!opt.hours.empty()) {
    hours = schedule::parse_hours(opt.hours);
    if (!hours) return fail({ErrorKind::usage, fmt::format("--hours: '{}' is not HH:MM-HH:MM with the end after the start", opt.hours)});
  }
  if (opt.min_coverage && (*opt.min_coverage < 0 || *opt.min_coverage > 1)) {
    return fail({ErrorKind::usage, "--min-coverage: a share between 0 and 1"});
  }
  if (opt.step < 1 || opt.step > 1440 || opt.duration < 1 || opt.duration > 1440) {
    return fail({ErrorKind::usage, "--step and --duration: minutes from 1 to 1440"});
  }
  auto project = load_valid_project(ctx, "scheduled", schedule::schedule_reads());
  if (!project) return fail(project.error());
  const model::Collaborative& c = *project->collaborative;
  auto people = schedule::participants(*project, hours);
  if (!people) return fail(people.error());

  schedule::SlotRequest request;
  request.step_minutes = opt.step;
  request.top = opt.top;
  request.min_coverage = opt.min_coverage.value_or(c.schedule.min_coverage.value_or(0.8));
  std::optional<int> current;
  if (!opt.event.empty()) {
    const model::Event* e = project->find_event(opt.event);
    if (!e) return fail({ErrorKind::usage, fmt::format("--event: no event '{}' in events/", opt.event)});
    auto occ = schedule::expand_event(*project, *e);
    if (!occ) return fail(occ.error());
    if (occ->empty() || occ->front().all_day) {
      return fail({ErrorKind::usage, fmt::format("--event: event '{}' has no time of day to move", opt.event)});
    }
    request.zone = occ->front().zone;
    request.duration_minutes = static_cast<int>((occ->front().local_end - occ->front().local_start).count());
    for (const auto& o : *occ) request.dates.push_back(o.first_day);
    current = static_cast<int>((occ->front().local_start - date::floor<date::days>(occ->front().local_start)).count());
  } else {
    auto zone = schedule::find_zone(opt.zone.empty() ? c.timezone : opt.zone);
    if (!zone) return fail({ErrorKind::usage, "--zone: " + zone.error().message});
    request.zone = *zone;
    request.duration_minutes = opt.duration;
    request.dates = schedule::call_dates(c);
  }
  auto result = schedule::find_slots(*people, request);
  if (!result) return fail(result.error());
  int duration = request.duration_minutes;
  std::optional<schedule::Slot> now;
  if (current) now = schedule::evaluate_slot(*people, request, *current);

  if (opt.format == "json") {
    nlohmann::json j = {{"timezone", request.zone->name()}, {"duration_minutes", duration},
                        {"dates", request.dates.size()}, {"first_date", format_date(request.dates.front())},
                        {"last_date", format_date(request.dates.back())}, {"members", result->members},
                        {"zones", result->zones}, {"min_coverage", request.min_coverage},
                        {"event", opt.event.empty() ? nlohmann::json(nullptr) : nlohmann::json(opt.event)},
                        {"current", now ? slot_json(*now, duration) : nlohmann::json(nullptr)},
                        {"best", nlohmann::json::array()}, {"alternating", nlohmann::json::array()}};
    for (const auto& s : result->best) j["best"].push_back(slot_json(s, duration));
    for (const auto& p : result->pairs) {
      j["alternating"].push_back({{"slots", {slot_json(p.first, duration), slot_json(p.second, duration)}},
                                  {"reach", p.reach}, {"mean_coverage", p.mean_coverage}});
    }
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  fmt::print("{}-minute call, start times in {}, on {} dates from {} to {}; {} members in {} time zones\n", duration,
             request.zone->name(), request.dates.size(), format_date(request.dates.front()),
             format_date(request.dates.back()), result->members, result->zones);
  if (now) {
    fmt::print("Current slot of '{}': {} {}\n  {}\n", opt.event, slot_range(now->start, duration), percent(now->coverage),
               outside_text(*now));
  }
  fmt::print("Best slots (share of members inside their working hours, Monday to Friday local time):\n");
  for (const auto& s : result->best) {
    fmt::print("  {}  {:>6}  {}\n", slot_range(s.start, duration), percent(s.coverage), outside_text(s));
  }
  if (!result->pairs.empty()) {
    fmt::print("No slot reaches {}; alternating between two slots (reach: inside at one of the two):\n",
               percent(request.min_coverage));
    for (const auto& p : result->pairs) {
      fmt::print("  {} and {}  reach {}, each call {} on average\n", slot_range(p.first.start, duration),
                 slot_range(p.second.start, duration), percent(p.reach), percent(p.mean_coverage));
    }
  }
  return kOk;
}

int run_plan(const Context& ctx, const ScheduleOptions& opt) {
  // A run that writes takes the lock before it reads anything (as enroll and score-eoi do).
  std::optional<Lock> lock;
  if (opt.write && !opt.dry_run) {
    auto root = locate_root(ctx);
    if (!root) return fail(root.error());
    auto taken = Lock::acquire(*root);
    if (!taken) return fail(taken.error());
    lock.emplace(std::move(*taken));
  }
  auto project = load_valid_project(ctx, "planned", schedule::schedule_reads());
  if (!project) return fail(project.error());
  auto plan = schedule::plan_schedule(*project);
  if (!plan) return fail(plan.error());
  std::vector<FileUpdate> updates;
  size_t removals = 0;
  for (const auto& f : plan->files) {
    if (f.action == "unchanged") continue;
    updates.push_back({f.path, f.content, f.action == "create", f.action == "remove"});
    if (f.action == "remove") ++removals;
  }
  if (opt.write && !opt.dry_run && !updates.empty()) {
    if (Status s = write_files(project->root, updates); !s) return fail(s.error());
  }
  const bool wrote = opt.write && !opt.dry_run;
  if (opt.format == "json") {
    nlohmann::json j = {{"written", wrote && !updates.empty()}, {"dry_run", !wrote}, {"files", nlohmann::json::array()},
                        {"kept", plan->kept}, {"warnings", nlohmann::json::array()}};
    for (const auto& f : plan->files) {
      j["files"].push_back({{"file", model::display_path(project->display_root, f.path)}, {"event", f.id},
                            {"action", f.action}, {"summary", f.summary},
                            {"content", f.action == "remove" ? nlohmann::json(nullptr) : nlohmann::json(f.content)}});
    }
    for (const auto& w : plan->warnings) j["warnings"].push_back(warning_json(w));
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  for (const auto& k : plan->kept) fmt::print("keep    {}\n", k);
  for (const auto& f : plan->files) {
    fmt::print("{:<7} {} ({})\n", f.action, model::display_path(project->display_root, f.path), f.summary);
    if (opt.dry_run && (f.action == "create" || f.action == "update")) fmt::print("{}", f.content);
  }
  for (const auto& w : plan->warnings) fmt::print("{}\n", warning_text(w));
  if (!ctx.quiet) {
    size_t writes = updates.size() - removals;
    if (wrote) {
      std::string removed = removals ? fmt::format(", removed {}", removals) : "";
      fmt::print(stderr, "Wrote {} file(s){}; {} unchanged.\n", writes, removed, plan->files.size() - updates.size());
    } else {
      std::string removed = removals ? fmt::format(", {} to remove", removals) : "";
      fmt::print(stderr, "{} file(s) to write{}; nothing written (--write writes them).\n", writes, removed);
    }
  }
  return kOk;
}

}  // namespace

void register_schedule(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ScheduleOptions>();
  CLI::App* cmd = app.add_subcommand("schedule", "The calendar across time zones: listing and warnings, iCalendar, call slots, planning");
  add_format_option(*cmd, opt->format, {"text", "json"});
  cmd->add_option("--tz", opt->tz, "Also show each timed event's time in this IANA time zone")->type_name("ZONE");
  CLI::App* ics = cmd->add_subcommand("ics", "Export the calendar as iCalendar (RFC 5545), whole or one team's");
  ics->add_option("--team", opt->team, "Only the events of this team (events without teams are everyone's)")->type_name("TEAM");
  ics->add_option("-o,--output", opt->output, "Write to FILE instead of standard output")->type_name("FILE");
  ics->callback([&ctx, opt] { ctx.exit_code = run_ics(ctx, *opt); });
  CLI::App* slots = cmd->add_subcommand("slots", "The best time slots for a recurring call: coverage of working hours across time zones");
  CLI::Option* event_opt = slots->add_option("--event", opt->event, "Rate the slots of this timed event: its zone, duration and dates")->type_name("EVENT");
  CLI::Option* duration_opt = slots->add_option("--duration", opt->duration, "Length of the call in minutes (without --event)")->capture_default_str();
  CLI::Option* zone_opt = slots->add_option("--zone", opt->zone, "Time zone of the slots (without --event; default: collab.yaml's)")->type_name("ZONE");
  slots->add_option("--hours", opt->hours, "Working hours of everyone without their own (default: collab.yaml's, else 08:00-18:00)")
      ->type_name("HH:MM-HH:MM");
  slots->add_option("--step", opt->step, "Minutes between candidate start times")->capture_default_str();
  slots->add_option("--top", opt->top, "How many slots (and pairs) to show")->capture_default_str();
  slots->add_option("--min-coverage", opt->min_coverage, "Below this share, offer alternating pairs (default: collab.yaml's, else 0.8)");
  event_opt->excludes(duration_opt)->excludes(zone_opt);
  slots->callback([&ctx, opt] { ctx.exit_code = run_slots(ctx, *opt); });
  CLI::App* plan = cmd->add_subcommand("plan", "Plan the events the phases call for, within the constraints of collab.yaml's schedule");
  plan->add_flag("--write", opt->write, "Write the planned events into events/ (never touching pinned or hand-edited ones)");
  plan->add_flag("--dry-run", opt->dry_run, "Print the files --write would write, and write nothing");
  plan->callback([&ctx, opt] { ctx.exit_code = run_plan(ctx, *opt); });
  cmd->callback([&ctx, opt, cmd] {
    if (cmd->get_subcommands().empty()) ctx.exit_code = run_list(ctx, *opt);
  });
}

}  // namespace collab::cli
