// collab report: the collaborative as HTML (one self-contained file), Markdown (report.md with its charts
// in charts/) or JSON, for the whole collaborative, one team or a period range (lib/report). Provenance:
// the git commit of the collaborative and whether it has uncommitted changes, collab's version and the
// generation time (SOURCE_DATE_EPOCH when set, for reproducible output).
#include "common.h"
#include "io/files.h"
#include "report/report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <date/date.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <future>
#include <system_error>

extern char** environ;

namespace collab::cli {
namespace {

struct ReportCliOptions {
  std::string format, output, team, from, to, as_of;
  bool include_contacts = false;
};

// Runs a program (no shell) and returns what it printed on stdout, or nothing when it fails.
std::optional<std::string> capture(const std::vector<std::string>& args) {
  int fds[2];
  // Close-on-exec: the provenance is asked for while the collaborative loads, on other threads; only the dup2
  // below (which clears the flag on stdout) reaches git.
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The environment less the variables that point git at another repository than the folder's own
  // (a hook or `git rebase --exec` sets them), so the provenance is always that of the collaborative.
  static const char* const kRedirects[] = {"GIT_DIR=", "GIT_WORK_TREE=", "GIT_INDEX_FILE=", "GIT_OBJECT_DIRECTORY=",
                                           "GIT_COMMON_DIR=", "GIT_NAMESPACE=", "GIT_ALTERNATE_OBJECT_DIRECTORIES="};
  std::vector<char*> env;
  for (char** e = environ; *e != nullptr; ++e) {
    bool redirect = false;
    for (const char* r : kRedirects) redirect = redirect || std::strncmp(*e, r, std::strlen(r)) == 0;
    if (!redirect) env.push_back(*e);
  }
  env.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string out;
  if (rc == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
      if (n > 0) out.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fds[0]);
  if (rc != 0) return std::nullopt;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

report::Provenance provenance(const std::filesystem::path& root, date::sys_seconds when) {
  report::Provenance pv;
  pv.version = COLLAB_VERSION;
  pv.generated = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(when)));
  std::string dir = root.string();
  if (auto head = capture({"git", "-C", dir, "rev-parse", "--verify", "HEAD"})) {
    pv.commit = *head;
    while (!pv.commit.empty() && (pv.commit.back() == '\n' || pv.commit.back() == '\r')) pv.commit.pop_back();
    // --no-optional-locks: reading the status never takes index.lock or rewrites the user's index.
    if (auto status = capture({"git", "--no-optional-locks", "-C", dir, "status", "--porcelain", "--", "."})) {
      pv.dirty = !status->empty();
    }
  }
  return pv;
}

int run_report(const Context& ctx, const ReportCliOptions& o) {
  if (o.format == "markdown" && o.output.empty()) {
    return fail({ErrorKind::usage, "--format markdown writes report.md and its charts into a folder: give -o DIR"});
  }
  auto when = source_date_epoch_or_now();
  if (!when) return fail(when.error());
  // git runs while the collaborative loads: `git status` walks the whole folder (docs/performance.md, fix 45).
  std::future<report::Provenance> provenance_of;
  if (auto root = locate_root(ctx)) {
    try {
      provenance_of = std::async(std::launch::async, provenance, *root, *when);
    } catch (const std::system_error&) {  // no thread to spare: asked for after loading instead
    }
  }
  auto project = load_valid_project(ctx, "reported");
  if (!project) return fail(project.error());

  report::ReportOptions ro;
  if (!o.team.empty()) ro.team = o.team;
  for (auto [text, target, flag] : {std::tuple{&o.from, &ro.from, "--from"}, std::tuple{&o.to, &ro.to, "--to"}}) {
    if (text->empty()) continue;
    auto p = parse_period(*text);
    if (!p) return fail({ErrorKind::usage, fmt::format("{} {}: expected a month as YYYY-MM", flag, *text)});
    *target = *p;
  }
  if (ro.from && ro.to && *ro.to < *ro.from) return fail({ErrorKind::usage, fmt::format("--to {} is before --from {}", o.to, o.from)});
  ro.as_of = Date{date::floor<date::days>(*when)};
  if (!o.as_of.empty()) {
    auto d = parse_date(o.as_of);
    if (!d) return fail({ErrorKind::usage, fmt::format("--as-of {}: expected a date as YYYY-MM-DD", o.as_of)});
    ro.as_of = *d;
  }
  ro.include_contacts = o.include_contacts;
  ro.computed_when_rendered = o.format != "json";  // HTML and Markdown draw them a measure at a time
  ro.provenance = provenance_of.valid() ? provenance_of.get() : provenance(project->root, *when);

  auto data = report::build_report(*project, ro);
  if (!data) return fail(data.error());

  if (o.format == "markdown") {
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);
    if (ec) return fail({ErrorKind::cannot_create, fmt::format("{}: cannot create the folder ({})", o.output, ec.message())});
    // Each chart goes to a temporary file as soon as it is drawn, a small-multiples file a block of rows at a
    // time (not held: docs/performance.md); all of them and report.md are renamed into place together at
    // the end, or removed on an error.
    FileBatch batch(o.output);
    size_t charts = 0;
    bool open = false;  // a chart has more pieces to come
    auto md = report::render_markdown(*data, [&](const std::string& path, std::string piece, bool last) -> Status {
      if (!open) {
        ++charts;
        if (Status s = batch.begin(path); !s) return s;
      }
      open = !last;
      if (Status s = batch.append(piece); !s) return s;
      return last ? batch.end() : Status{Ok{}};
    });
    if (!md) return fail(md.error());
    if (Status s = batch.add({"report.md", std::move(*md)}); !s) return fail(s.error());
    if (Status s = batch.commit(); !s) return fail(s.error());
    if (!ctx.quiet) fmt::print(stderr, "Wrote {}/report.md and {} chart(s) in {}/charts.\n", o.output, charts, o.output);
    return kOk;
  }
  std::string text = o.format == "json" ? report::to_json(*data).dump(2) + "\n" : report::render_html(*data);
  if (o.output.empty() || o.output == "-") {
    fmt::print("{}", text);
    return kOk;
  }
  if (Status s = write_file_atomic(o.output, text); !s) return fail(s.error());
  if (!ctx.quiet) fmt::print(stderr, "Wrote {}.\n", o.output);
  return kOk;
}

}  // namespace

void register_report(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ReportCliOptions>();
  auto* cmd = app.add_subcommand("report", "Write the report for sponsors, faculty and teams (HTML, Markdown or JSON)");
  cmd->description(
      "Write the collaborative's report: overview, cohort, EOI round, calendar with attendance, each measure's run\n"
      "or control charts (pooled and per team), data completeness, participation, progress and the network.\n"
      "HTML is one self-contained file; Markdown is report.md with its charts in charts/. See docs/report.md.");
  add_format_option(*cmd, opts->format, {"html", "markdown", "json"});
  cmd->add_option("-o,--output", opts->output, "Write to FILE (html, json; default: standard output) or into DIR (markdown)")
      ->type_name("PATH");
  cmd->add_option("--team", opts->team, "One team's report")->type_name("ID");
  cmd->add_option("--from", opts->from, "First period shown")->type_name("YYYY-MM");
  cmd->add_option("--to", opts->to, "Last period shown")->type_name("YYYY-MM");
  cmd->add_option("--as-of", opts->as_of, "The report's date: current phase, past and upcoming events, completeness (default: today, UTC)")
      ->type_name("DATE");
  cmd->add_flag("--include-contacts", opts->include_contacts, "Include members' emails (left out by default)");
  cmd->callback([&ctx, opts] { ctx.exit_code = run_report(ctx, *opts); });
}

}  // namespace collab::cli
