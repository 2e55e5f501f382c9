// collab enroll: from expressions of interest to an enrolled cohort (lib/enroll). Every subcommand computes
// its changes first, then prints them (--dry-run) or writes them under the collaborative's lock.
#include "check/checks.h"
#include "common.h"
#include "enroll/teams.h"
#include "io/files.h"
#include "io/lock.h"
#include "model/project.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>

namespace collab::cli {
namespace {

struct EnrollCommon {
  std::string format;
  bool dry_run = false;
};

// Loads the collaborative; refuses one with errors, as a writer must not build on broken files.
Result<model::Project> load_valid(const Context& ctx, Diagnostics& diags) {
  auto root = locate_root(ctx);
  if (!root) return root.error();
  std::string shown = display_folder(*root);
  model::Project project = model::load_project(*root, shown == "." ? "" : shown, diags);
  check::check_project(project, diags);
  if (diags.has_errors()) {
    diags.sort();
    for (const auto& d : diags.items()) {
      if (d.severity == Severity::error) fmt::print(stderr, "{}\n", format_text(d));
    }
    return Error{ErrorKind::data, fmt::format("{} error(s) in the collaborative; nothing was changed (collab validate lists them)",
                                              diags.error_count())};
  }
  return project;
}

// Prints or writes the changes; the one place enroll writes.
int apply(const Context& ctx, const EnrollCommon& common, const model::Project& project, const enroll::Changes& changes) {
  if (!common.dry_run && !changes.files.empty()) {
    auto lock = Lock::acquire(project.root);
    if (!lock) return fail(lock.error());
    std::vector<FileUpdate> updates;
    for (const auto& f : changes.files) updates.push_back({f.path, f.content, f.created});
    if (Status s = write_files(project.root, updates); !s) return fail(s.error());
  }
  if (common.format == "json") {
    nlohmann::json j = {{"dry_run", common.dry_run}, {"changes", nlohmann::json::array()}, {"notes", changes.notes}};
    for (const auto& f : changes.files) {
      j["changes"].push_back({{"file", model::display_path(project.display_root, f.path)}, {"created", f.created},
                              {"summary", f.summary}, {"content", f.content}});
    }
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  for (const auto& f : changes.files) {
    fmt::print("{}{}\n", common.dry_run ? "would write: " : "", f.summary);
    if (common.dry_run) fmt::print("--- {}\n{}", model::display_path(project.display_root, f.path), f.content);
  }
  for (const auto& n : changes.notes) fmt::print("{}\n", n);
  if (changes.files.empty() && !ctx.quiet) fmt::print(stderr, "Nothing to change.\n");
  return kOk;
}

// Runs `compute` on the valid collaborative and applies its changes.
int run(const Context& ctx, const EnrollCommon& common,
        const std::function<Result<enroll::Changes>(const model::Project&)>& compute) {
  Diagnostics diags;
  auto project = load_valid(ctx, diags);
  if (!project) return fail(project.error());
  auto changes = compute(*project);
  if (!changes) return fail(changes.error());
  return apply(ctx, common, *project, *changes);
}

CLI::App* leaf(CLI::App* parent, const char* name, const char* description, EnrollCommon& common) {
  CLI::App* cmd = parent->add_subcommand(name, description);
  add_format_option(*cmd, common.format, {"text", "json"});
  cmd->add_flag("--dry-run", common.dry_run, "Print what would change, and write nothing");
  return cmd;
}

}  // namespace

void register_enroll(CLI::App& app, Context& ctx) {
  CLI::App* enroll = app.add_subcommand("enroll", "Expressions of interest in; teams, members, roles, withdrawals");
  enroll->require_subcommand(1);

  {
    auto common = std::make_shared<EnrollCommon>();
    auto opt = std::make_shared<enroll::EnrollOptions>();
    CLI::App* cmd = leaf(enroll, "teams", "Enroll EOIs as teams (organizations and members carried over)", *common);
    cmd->add_option("eois", opt->eois, "EOI IDs to enroll");
    cmd->add_flag("--from-decisions", opt->from_decisions, "Enroll the EOIs selected in decisions.yaml (collab score-eoi --write)");
    cmd->add_flag("--allow-incomplete", opt->allow_incomplete, "Enroll a team that lacks a required core-team role");
    cmd->add_option("--joined", opt->joined, "The teams' joined date (default: the collaborative's start)")->type_name("DATE");
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::enroll_teams(p, *opt); });
    });
  }
}

}  // namespace collab::cli
