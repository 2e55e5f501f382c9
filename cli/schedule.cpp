// collab schedule: the collaborative's calendar across time zones (lib/schedule): the listing with its
// warnings, iCalendar export, the best slots for recurring calls, and planning from the phases.
#include "common.h"
#include "model/project.h"
#include "io/files.h"
#include "schedule/calendar.h"
#include "schedule/ical.h"
#include "schedule/recurrence.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <memory>

namespace collab::cli {
namespace {

using schedule::Calendar;
using schedule::Occurrence;

struct ScheduleOptions {
  std::string format;
  std::string tz;  // show times in this zone too
  // ics
  std::string team, output;
};

// DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible output), else now.
Result<date::sys_seconds> dtstamp() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (env == nullptr || env[0] == '\0') return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(env, &end, 10);
  if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL) {
    return Error{ErrorKind::usage, fmt::format("SOURCE_DATE_EPOCH '{}' is not a number of seconds since 1970", env)};
  }
  return date::sys_seconds{std::chrono::seconds{v}};
}

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

std::string warning_where(const schedule::Warning& w) {
  return w.where.line ? fmt::format("{}:{}:{}", w.where.file, w.where.line, w.where.column) : w.where.file;
}

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
  auto project = load_valid_project(ctx, "scheduled");
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
  for (const auto& w : cal->warnings) fmt::print("{}: warning: {}\n", warning_where(w), w.message);
  if (!ctx.quiet) {
    fmt::print(stderr, "{} events, {} occurrences, {} warnings\n", cal->events, cal->occurrences.size(), cal->warnings.size());
  }
  return kOk;
}

int run_ics(const Context& ctx, const ScheduleOptions& opt) {
  auto stamp = dtstamp();
  if (!stamp) return fail(stamp.error());
  auto project = load_valid_project(ctx, "exported");
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
  cmd->callback([&ctx, opt, cmd] {
    if (cmd->get_subcommands().empty()) ctx.exit_code = run_list(ctx, *opt);
  });
}

}  // namespace collab::cli
