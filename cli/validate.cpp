// collab validate: every file against its schema, then every cross-reference (lib/check).
#include "check/checks.h"
#include "common.h"
#include "io/files.h"
#include "model/project.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace collab::cli {
namespace {

struct ValidateOptions {
  std::string format;
  bool strict = false;
  std::vector<std::string> paths;  // report only on these files or folders (the whole is still checked)
};

// Keeps the diagnostics about the given paths (as shown: relative to the current folder).
Diagnostics only_paths(const Diagnostics& all, const std::vector<std::string>& paths) {
  std::vector<std::string> wanted;
  for (const auto& p : paths) wanted.push_back(display_folder(p));
  Diagnostics kept;
  for (const auto& d : all.items()) {
    for (const auto& w : wanted) {
      bool inside = w == "." || d.where.file == w || d.where.file.rfind(w + "/", 0) == 0;
      if (inside) {
        kept.add(d);
        break;
      }
    }
  }
  return kept;
}

int run_validate(const Context& ctx, const ValidateOptions& opt) {
  auto root = locate_root(ctx);
  if (!root) return fail(root.error());
  std::string shown = display_folder(*root);
  Diagnostics diags;
  model::Project& project = keep_until_exit(model::load_project(*root, shown == "." ? "" : shown, diags));
  check::check_project(project, diags);
  if (!opt.paths.empty()) diags = only_paths(diags, opt.paths);
  diags.sort();

  const size_t errors = diags.error_count(), warnings = diags.warning_count();
  const bool failed = errors > 0 || (opt.strict && warnings > 0);
  if (opt.format == "json") {
    nlohmann::json out = {{"root", shown}, {"files", project.files_read}, {"errors", errors},
                          {"warnings", warnings}, {"valid", !failed}, {"diagnostics", diagnostics_json(diags)}};
    fmt::print("{}\n", out.dump(2));
  } else if (opt.format == "github") {
    for (const auto& d : diags.items()) fmt::print("{}\n", format_github(d));
  } else {
    print_diagnostics_text(diags, use_color(ctx, STDOUT_FILENO));
    if (!ctx.quiet) {
      fmt::print(stderr, "{}: {} file{}, {} error{}, {} warning{}\n", shown, project.files_read,
                 project.files_read == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    }
  }
  return failed ? kFindings : kOk;
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check every file against its schema and every cross-reference");
  add_format_option(*cmd, opt->format, {"text", "json", "github"});
  cmd->add_flag("--strict", opt->strict, "Exit 1 on warnings too");
  cmd->add_option("paths", opt->paths,
                  "Report only on these files or folders (for pre-commit hooks); the whole collaborative is "
                  "still read, since references cross files");
  cmd->callback([&ctx, opt] { ctx.exit_code = run_validate(ctx, *opt); });
}

}  // namespace collab::cli
