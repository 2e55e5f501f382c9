// collab enroll: from expressions of interest to an enrolled cohort (lib/enroll). Every subcommand computes
// its changes first, then prints them (--dry-run) or writes them under the collaborative's lock.
#include "check/checks.h"
#include "common.h"
#include "enroll/eoi_import.h"
#include "enroll/members.h"
#include "io/csv_read.h"
#include "enroll/teams.h"
#include "io/files.h"
#include "io/lock.h"
#include "model/project.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <optional>
#include <sstream>

namespace collab::cli {
namespace {

struct EnrollCommon {
  std::string format;
  bool dry_run = false;
};

// Prints or writes the changes; the one place enroll writes.
int apply(const Context& ctx, const EnrollCommon& common, const model::Project& project, const enroll::Changes& changes) {
  if (!common.dry_run && !changes.files.empty()) {  // the caller holds the lock (lock_for_writing)
    std::vector<FileUpdate> updates;
    for (const auto& f : changes.files) updates.push_back({f.path, f.content, f.created});
    if (Status s = write_files(project.root, updates); !s) return fail(s.error());
  }
  if (common.format == "json") {
    nlohmann::json j = {{"dry_run", common.dry_run}, {"changes", nlohmann::json::array()}, {"notes", changes.notes},
                        {"refused", nlohmann::json::array()}};
    for (const auto& d : changes.refused.items()) {
      j["refused"].push_back({{"file", d.where.file}, {"line", d.where.line}, {"message", d.message}});
    }
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
  for (const auto& d : changes.refused.items()) fmt::print(stderr, "{}\n", format_text(d));
  if (changes.files.empty() && changes.refused.empty() && !ctx.quiet) fmt::print(stderr, "Nothing to change.\n");
  return kOk;
}

// Runs `compute` on the valid collaborative and applies its changes.
int run(const Context& ctx, const EnrollCommon& common,
        const std::function<Result<enroll::Changes>(const model::Project&)>& compute) {
  auto lock = lock_for_writing(ctx, common.dry_run);
  if (!lock) return fail(lock.error());
  auto project = load_valid_project(ctx, "changed");
  if (!project) return fail(project.error());
  auto changes = compute(*project);
  if (!changes) return fail(changes.error());
  return apply(ctx, common, *project, *changes);
}

struct ImportOptions {
  std::string csv, mapping;
};

// enroll import: rows of a form export become EOIs; the good rows are written even when some are refused.
int run_import(const Context& ctx, const EnrollCommon& common, const ImportOptions& opt) {
  auto lock = lock_for_writing(ctx, common.dry_run);
  if (!lock) return fail(lock.error());
  auto project = load_valid_project(ctx, "changed");
  if (!project) return fail(project.error());
  const model::MappingFile* mapping_file = project->find_mapping(opt.mapping);
  if (mapping_file == nullptr) {
    return fail({ErrorKind::usage, fmt::format("no mapping '{}' in mappings/ (docs/format.md shows one)", opt.mapping)});
  }
  auto table = read_csv_file(opt.csv);
  if (!table) return fail(table.error());
  enroll::Mapping mapping = enroll::read_mapping(mapping_file->src.doc->json);
  if (auto problems = enroll::check_mapping(mapping, *table); !problems.empty()) {
    for (const auto& p : problems) fmt::print(stderr, "{}: {}\n", mapping_file->src.path(), p);
    return fail({ErrorKind::data, fmt::format("mapping '{}' does not fit {}; nothing was imported", opt.mapping, opt.csv)});
  }
  auto result = enroll::import_eois(*table, opt.csv, mapping, *project);
  enroll::Changes changes;
  for (const auto& e : result.added) {
    changes.files.push_back({e.path, e.content, true, fmt::format("new EOI {} (row {})", e.path, e.row)});
  }
  for (const auto& [row, why] : result.skipped) changes.notes.push_back(fmt::format("skipped row {}: {}", row, why));
  changes.refused = result.refused;
  int code = apply(ctx, common, *project, changes);
  if (code != kOk) return code;
  if (!ctx.quiet && common.format != "json") {
    fmt::print(stderr, "{}: {} {}, {} skipped, {} refused\n", opt.csv, result.added.size(),
               common.dry_run ? "would be added" : "added", result.skipped.size(), result.refused.items().size());
  }
  return result.refused.empty() ? kOk : kFindings;
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
    auto opt = std::make_shared<ImportOptions>();
    CLI::App* cmd = leaf(enroll, "import", "Import EOIs from a form export (CSV) through a mapping", *common);
    cmd->add_option("csv", opt->csv, "The form tool's CSV export")->required();
    cmd->add_option("--mapping", opt->mapping, "The mapping's ID (mappings/<id>.yaml)")->required();
    cmd->callback([&ctx, common, opt] { ctx.exit_code = run_import(ctx, *common, *opt); });
  }
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
  {
    auto common = std::make_shared<EnrollCommon>();
    auto opt = std::make_shared<enroll::EoiSpec>();
    CLI::App* cmd = leaf(enroll, "add-eoi", "Add one EOI by hand", *common);
    cmd->add_option("--organization", opt->organization, "The organization's name")->required();
    cmd->add_option("--contact-name", opt->contact_name, "The contact's name")->required();
    cmd->add_option("--contact-email", opt->contact_email, "The contact's email")->required();
    cmd->add_option("--submitted", opt->submitted, "The date it arrived")->required()->type_name("DATE");
    cmd->add_option("--region", opt->region, "Region");
    cmd->add_option("--country", opt->country, "Country");
    cmd->add_option("--sector", opt->sector, "Sector");
    cmd->add_option("--timezone", opt->timezone, "IANA time zone")->type_name("TZ");
    cmd->add_option("--website", opt->website, "Website");
    cmd->add_option("--member", opt->members, "A proposed member, \"Name, role, email\" (repeat)");
    cmd->add_option("--answer", opt->answers, "An answer, question-id=text (repeat)");
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::add_eoi(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto opt = std::make_shared<enroll::TeamSpec>();
    CLI::App* cmd = leaf(enroll, "add-team", "Add a team by hand (without an EOI)", *common);
    cmd->add_option("--name", opt->name, "The team's name")->required();
    cmd->add_option("--organization", opt->organization, "Its organization's ID (organizations/<id>.yaml)")->required();
    cmd->add_option("--eoi", opt->eoi, "The EOI it came from, if any");
    cmd->add_option("--joined", opt->joined, "Joined date (default: the collaborative's start)")->type_name("DATE");
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::add_team(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto team = std::make_shared<std::string>();
    auto opt = std::make_shared<enroll::MemberSpec>();
    CLI::App* cmd = leaf(enroll, "add-member", "Add a member to a team", *common);
    cmd->add_option("--team", *team, "The team's ID")->required();
    cmd->add_option("--name", opt->name, "The member's name")->required();
    cmd->add_option("--role", opt->roles, "A role (repeat for several): senior-leader, supervisor, clinician...")->required();
    cmd->add_option("--email", opt->email, "Email address");
    cmd->add_option("--engagement", opt->engagement, "passenger, deep-diver or crew");
    cmd->add_option("--joined", opt->joined, "Joined date")->type_name("DATE");
    cmd->callback([&ctx, common, team, opt] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::add_member(p, *team, *opt); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto member = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    CLI::App* cmd = leaf(enroll, "move-member", "Move a member to another team", *common);
    cmd->add_option("member", *member, "The member's ID")->required();
    cmd->add_option("--to", *to, "The team's ID")->required();
    cmd->callback([&ctx, common, member, to] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::move_member(p, *member, *to); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto member = std::make_shared<std::string>();
    auto roles = std::make_shared<std::vector<std::string>>();
    auto engagement = std::make_shared<std::string>();
    CLI::App* cmd = leaf(enroll, "set-member", "Change a member's roles or engagement level", *common);
    cmd->add_option("member", *member, "The member's ID")->required();
    CLI::Option* role = cmd->add_option("--role", *roles, "The member's roles (repeat; replaces the old ones)");
    CLI::Option* level = cmd->add_option("--engagement", *engagement, "passenger, deep-diver or crew");
    cmd->callback([&ctx, common, member, roles, engagement, role, level] {
      std::optional<std::vector<std::string>> r;
      std::optional<std::string> e;
      if (role->count() > 0) r = *roles;
      if (level->count() > 0) e = *engagement;
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::update_member(p, *member, r, e); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto member = std::make_shared<std::string>();
    auto left = std::make_shared<std::string>();
    CLI::App* cmd = leaf(enroll, "remove-member", "Remove a member, or record that they left (--left)", *common);
    cmd->add_option("member", *member, "The member's ID")->required();
    cmd->add_option("--left", *left, "Keep the member on record with the date they left")->type_name("DATE");
    cmd->callback([&ctx, common, member, left] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::remove_member(p, *member, *left); });
    });
  }
  {
    auto common = std::make_shared<EnrollCommon>();
    auto team = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    CLI::App* cmd = leaf(enroll, "withdraw", "A team withdraws (it stays on record with the date and reason)", *common);
    cmd->add_option("team", *team, "The team's ID")->required();
    cmd->add_option("--date", *date, "The date it withdrew")->required()->type_name("DATE");
    cmd->add_option("--reason", *reason, "Why")->required();
    cmd->callback([&ctx, common, team, date, reason] {
      ctx.exit_code = run(ctx, *common, [&](const model::Project& p) { return enroll::withdraw_team(p, *team, *date, *reason); });
    });
  }
}

}  // namespace collab::cli
