// collab init: scaffold a new collaborative from a template (lib/init) and write it in one piece.
#include "common.h"
#include "core/timezones.h"
#include "init/templates.h"
#include "io/files.h"
#include "schema/embedded.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace collab::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  init::Options scaffold;
  std::string format;
  bool list = false;
};

int list_templates(const InitOptions& opt) {
  if (opt.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : init::templates()) out.push_back({{"name", t.name}, {"summary", t.summary}});
    fmt::print("{}\n", out.dump(2));
  } else {
    for (const auto& t : init::templates()) fmt::print("{:<30} {}\n", t.name, t.summary);
  }
  return kOk;
}

int run_init(const Context& ctx, InitOptions opt) {
  if (opt.list) return list_templates(opt);
  std::vector<std::string> missing;
  if (opt.scaffold.template_name.empty()) missing.push_back("--template");
  if (opt.scaffold.name.empty()) missing.push_back("--name");
  if (opt.scaffold.start.empty()) missing.push_back("--start");
  if (opt.scaffold.timezone.empty()) missing.push_back("--timezone");
  if (!missing.empty()) {
    return fail({ErrorKind::usage, fmt::format("init needs {} (collab init --list shows the templates)",
                                               fmt::join(missing, ", "))});
  }
  if (!is_known_timezone(opt.scaffold.timezone)) {
    return fail({ErrorKind::usage, fmt::format("unknown time zone '{}': use an IANA name such as America/New_York",
                                               opt.scaffold.timezone)});
  }
  std::filesystem::path dir = opt.dir;
  if (!ctx.directory.empty() && dir.is_relative()) dir = std::filesystem::path(ctx.directory) / dir;
  std::error_code ec;
  if (std::filesystem::exists(dir / "collab.yaml", ec)) {
    return fail({ErrorKind::cannot_create,
                 fmt::format("{} holds a collaborative already (collab.yaml); nothing was written", display_folder(dir))});
  }
  auto files = init::scaffold(opt.scaffold);
  if (!files) return fail(files.error());

  std::vector<FileToWrite> out;
  for (auto& f : *files) out.push_back({f.path, f.content});
  for (const auto& s : schema::embedded_schemas()) {
    out.push_back({".collab/schemas/" + std::string(s.file_name), std::string(s.text)});
  }
  if (Status s = write_new_tree(dir, out); !s) return fail(s.error());

  std::string shown = display_folder(dir);
  if (opt.format == "json") {
    nlohmann::json j = {{"root", shown}, {"template", opt.scaffold.template_name}, {"files", nlohmann::json::array()}};
    for (const auto& f : out) j["files"].push_back(f.path);
    fmt::print("{}\n", j.dump(2));
  } else if (!ctx.quiet) {
    fmt::print("Created a collaborative from the {} template in {} ({} files).\n", opt.scaffold.template_name, shown,
               out.size());
    fmt::print("Next: read {}/README.md, then run `collab -C {} validate`.\n", shown, shown);
  }
  return kOk;
}

}  // namespace

void register_init(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", "Scaffold a new collaborative from a template");
  cmd->add_option("dir", opt->dir, "Folder to create the collaborative in (default: the current folder)");
  cmd->add_option("-t,--template", opt->scaffold.template_name, "Template (collab init --list)")
      ->check(CLI::IsMember(init::template_names()));
  cmd->add_option("-n,--name", opt->scaffold.name, "The collaborative's name");
  cmd->add_option("--id", opt->scaffold.id, "The collaborative's ID (default: made from the name)");
  cmd->add_option("-s,--start", opt->scaffold.start, "First day, YYYY-MM-DD")->type_name("DATE");
  cmd->add_option("-z,--timezone", opt->scaffold.timezone, "IANA time zone, such as America/New_York")->type_name("TZ");
  cmd->add_flag("--list", opt->list, "List the templates and exit");
  add_format_option(*cmd, opt->format, {"text", "json"});
  cmd->callback([&ctx, opt] { ctx.exit_code = run_init(ctx, *opt); });
}

}  // namespace collab::cli
