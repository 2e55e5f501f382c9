// What every subcommand shares: the global options, the exit codes of docs/cli.md, finding the
// collaborative, and printing errors. Each subcommand lives in its own file and exposes one
// register_<name>(CLI::App&, Context&) that adds its options and callback (see cli/main.cpp).
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "io/lock.h"
#include "model/project.h"

#include <CLI/CLI.hpp>
#include <date/date.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// The version, from CMake's project(); "unknown" when built some other way.
#ifndef COLLAB_VERSION
#define COLLAB_VERSION "unknown"
#endif

namespace collab::cli {

// docs/cli.md, "Exit codes" (the sysexits.h numbers where one fits).
enum Exit : int {
  kOk = 0,
  kFindings = 1,
  kUsage = 64,
  kBadData = 65,
  kNoCollaborative = 66,
  kInternal = 70,
  kCannotCreate = 73,
  kIoError = 74,
  kLocked = 75,
};

struct Context {
  std::string directory;  // -C DIR, else COLLAB_DIR, else empty (the current folder)
  bool quiet = false;
  bool no_color = false;
  int exit_code = kOk;
};

int exit_code_for(ErrorKind kind);
// Prints "collab: error: ..." on stderr and returns the exit code for the error.
int fail(const Error& error);

// The collaborative's root, found from -C / COLLAB_DIR / the current folder.
Result<std::filesystem::path> locate_root(const Context& ctx);

// Reads the collaborative for a command that builds on it: with any error, prints the errors on stderr and
// returns ErrorKind::data ("N error(s) in the collaborative; nothing was <verb>"). The project is kept
// until the process exits (keep_until_exit).
// With `only`, just the files of those kinds are read and checked (score-eoi and schedule: docs/cli.md).
Result<model::Project&> load_valid_project(const Context& ctx, const char* verb,
                                           const std::optional<std::set<model::FileKind>>& only = std::nullopt);

// Moves a loaded project to where it stays until the process exits, never freed: freeing a large
// collaborative's millions of small blocks one by one, just before the process ends and the system takes
// them back at once, was 3-11% of a command's time (docs/performance.md, fix 4). Still reachable, so
// LeakSanitizer does not report it.
model::Project& keep_until_exit(model::Project&& project);

// The collaborative's lock for a run that writes, taken before it reads anything, so that no other run
// changes the files between this run's reading and writing; a dry run takes none (an empty optional).
Result<std::optional<Lock>> lock_for_writing(const Context& ctx, bool dry_run);

// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) when set, else the clock; a
// malformed value is a usage error. For output that must be reproducible (report, iCalendar DTSTAMP).
Result<date::sys_seconds> source_date_epoch_or_now();

// Adds --format with the given choices (the first is the default).
void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices);

// Colour on a terminal only, never with NO_COLOR or --no-color.
bool use_color(const Context& ctx, int fd);
std::string paint_severity(Severity s, bool color);

// Output for a diagnostic list in text form (one per line, coloured when wanted).
void print_diagnostics_text(const Diagnostics& diags, bool color);
// The same as JSON: [{"file", "line", "column", "severity", "message"}] (docs/cli.md).
nlohmann::json diagnostics_json(const Diagnostics& diags);

// The options every writer subcommand (pdsa, mel) has: --format text|json and --dry-run.
struct WriterOptions {
  std::string format;
  bool dry_run = false;
};
CLI::App* add_writer(CLI::App* parent, const char* name, const char* description, WriterOptions& common);
// An option value that must hold something: "empty: give a value, or leave the option out".
extern const CLI::Validator kNotEmpty;

void register_completion(CLI::App& app, Context& ctx);  // app: the root (it walks the whole tree)
void register_enroll(CLI::App& app, Context& ctx);
void register_init(CLI::App& app, Context& ctx);
void register_man(CLI::App& app, Context& ctx);  // app: the root
void register_mel(CLI::App& app, Context& ctx);
void register_metrics(CLI::App& app, Context& ctx);
void register_pdsa(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_score_eoi(CLI::App& app, Context& ctx);
void register_schedule(CLI::App& app, Context& ctx);
void register_validate(CLI::App& app, Context& ctx);

}  // namespace collab::cli
