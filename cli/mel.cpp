// collab mel: monitoring, evaluation and learning records from options and form exports (lib/evaluation).
// Each writer computes the new text of one file, checks it with validate's own checks, then prints it
// (--dry-run) or writes it under the collaborative's lock, as `collab pdsa` does.
#include "common.h"
#include "evaluation/record.h"
#include "evaluation/responses_import.h"
#include "io/csv_read.h"
#include "io/files.h"
#include "io/lock.h"
#include "model/project.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

namespace collab::cli {
namespace {

using MelCommon = WriterOptions;

nlohmann::json change_json(const model::Project& project, const evaluation::FileChange& c) {
  return {{"file", model::display_path(project.display_root, c.path)},
          {"created", c.created},
          {"summary", c.summary},
          {"content", c.content}};
}

void print_change_text(const model::Project& project, const MelCommon& common, const evaluation::FileChange& c) {
  fmt::print("{}{}\n", common.dry_run ? "would write: " : "", c.summary);
  if (common.dry_run) fmt::print("--- {}\n{}", model::display_path(project.display_root, c.path), c.content);
}

Status write_change(const model::Project& project, const evaluation::FileChange& c) {
  return write_files(project.root, {{c.path, c.content, c.created}});
}

// Computes the change on the valid collaborative, checks it as validate would, then prints or writes it.
int run_change(const Context& ctx, const MelCommon& common, const char* command,
               const std::function<Result<evaluation::FileChange>(const model::Project&)>& compute) {
  auto lock = lock_for_writing(ctx, common.dry_run);
  if (!lock) return fail(lock.error());
  auto project = load_valid_project(ctx, "written");
  if (!project) return fail(project.error());
  auto change = compute(*project);
  if (!change) return fail(change.error());
  auto warnings = evaluation::verify_change(*project, *change);
  if (!warnings) return fail(warnings.error());
  if (!common.dry_run) {  // the lock is held (lock_for_writing)
    if (Status s = write_change(*project, *change); !s) return fail(s.error());
  }
  if (common.format == "json") {
    nlohmann::json j = {{"dry_run", common.dry_run},
                        {"command", command},
                        {"changes", nlohmann::json::array({change_json(*project, *change)})},
                        {"warnings", diagnostics_json(*warnings)}};
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  print_change_text(*project, common, *change);
  for (const auto& d : warnings->items()) fmt::print(stderr, "{}\n", format_text(d));
  return kOk;
}

struct ImportOptions {
  std::string csv;
  evaluation::ResponsesImportSpec spec;
};

// mel import: rows of a form export become responses; the good rows are written even when some are refused.
int run_import(const Context& ctx, const MelCommon& common, const ImportOptions& opt) {
  auto lock = lock_for_writing(ctx, common.dry_run);
  if (!lock) return fail(lock.error());
  auto project = load_valid_project(ctx, "imported");
  if (!project) return fail(project.error());
  if (!project->find_survey(opt.spec.survey)) {
    // Before the CSV is read: a wrong --survey is the first thing to say.
    auto result = evaluation::import_responses(*project, CsvTable{}, opt.csv, opt.spec);
    if (!result) return fail(result.error());
  }
  auto table = read_csv_file(opt.csv);
  if (!table) return fail(table.error());
  auto result = evaluation::import_responses(*project, *table, opt.csv, opt.spec);
  if (!result) return fail(result.error());
  if (!result->header.empty()) {
    for (const auto& d : result->header.items()) fmt::print(stderr, "{}\n", format_text(d));
    return fail({ErrorKind::data, fmt::format("{} does not fit survey '{}'; nothing was imported", opt.csv, opt.spec.survey)});
  }
  if (!common.dry_run && result->file) {  // the lock is held (lock_for_writing)
    if (Status s = write_change(*project, *result->file); !s) return fail(s.error());
  }
  if (common.format == "json") {
    nlohmann::json j = {{"dry_run", common.dry_run},
                        {"command", "import"},
                        {"file", opt.csv},
                        {"survey", opt.spec.survey},
                        {"rows", result->rows},
                        {"added", result->added},
                        {"replaced", result->replaced},
                        {"unchanged", result->unchanged},
                        {"refused", nlohmann::json::array()},
                        {"changes", nlohmann::json::array()},
                        {"warnings", diagnostics_json(result->warnings)}};
    for (const auto& d : result->refused.items()) {
      j["refused"].push_back({{"file", d.where.file}, {"line", d.where.line}, {"message", d.message}});
    }
    if (result->file) j["changes"].push_back(change_json(*project, *result->file));
    fmt::print("{}\n", j.dump(2));
  } else {
    if (result->file) print_change_text(*project, common, *result->file);
    for (const auto& d : result->refused.items()) fmt::print(stderr, "{}\n", format_text(d));
    for (const auto& d : result->warnings.items()) fmt::print(stderr, "{}\n", format_text(d));
    if (!ctx.quiet) {
      fmt::print(stderr, "{}: {} row(s): {} {}, {} replaced, {} unchanged, {} refused\n", opt.csv, result->rows, result->added,
                 common.dry_run ? "would be added" : "added", result->replaced, result->unchanged,
                 result->refused.items().size());
    }
  }
  return result->refused.empty() ? kOk : kFindings;
}

// A value given must hold something: `--note ""` is refused rather than taken for "not given".
// One of a list, in collab's words ("'x' is not one of a, b, c") rather than CLI11's.
CLI::Validator one_of(std::vector<std::string> allowed) {
  std::string names = fmt::format("{{{}}}", fmt::join(allowed, ","));  // as CLI::IsMember shows them (completion reads them)
  return CLI::Validator(
      [allowed](std::string& value) {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::string();
        return fmt::format("'{}' is not one of {}", value, fmt::join(allowed, ", "));
      },
      names, "one of");
}

}  // namespace

void register_mel(CLI::App& app, Context& ctx) {
  CLI::App* mel = app.add_subcommand("mel", "Monitoring, evaluation and learning: responses, votes, outcomes, in-kind");
  mel->require_subcommand(1);

  {
    auto common = std::make_shared<MelCommon>();
    auto opt = std::make_shared<ImportOptions>();
    CLI::App* cmd = add_writer(mel, "import", "Import survey responses from a form export (CSV) into responses/<survey>.yaml", *common);
    cmd->add_option("csv", opt->csv, "The form tool's CSV export: id, event, member or email, submitted, one column per item")
        ->required();
    cmd->add_option("--survey", opt->spec.survey, "The survey's ID (surveys/<id>.yaml)")->required()->check(kNotEmpty);
    cmd->add_option("--event", opt->spec.event, "The event of the rows that have no event cell")->check(kNotEmpty);
    cmd->add_flag("--replace", opt->spec.replace, "Replace a response on file whose content differs from the CSV's");
    cmd->callback([&ctx, common, opt] { ctx.exit_code = run_import(ctx, *common, *opt); });
  }
  {
    auto common = std::make_shared<MelCommon>();
    auto opt = std::make_shared<evaluation::VoteSpec>();
    CLI::App* cmd = add_writer(mel, "vote", "Record a ballot in learning-agenda.yaml (dots, or a ranking)", *common);
    cmd->add_option("--voter", opt->voter, "The voter: a member's or a faculty member's ID")->required()->check(kNotEmpty);
    cmd->add_option("--group", opt->group, "The voter's stakeholder group (default: the voter's organization)")->check(kNotEmpty);
    cmd->add_option("--date", opt->date, "The day of the vote")->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--dot", opt->dots, "Dots on a topic, TOPIC or TOPIC=N (repeat; method: dots)")
        ->type_name("TOPIC[=N]")
        ->check(kNotEmpty);
    cmd->add_option("--rank", opt->ranking, "The topics ranked, first choice first (method: borda)")
        ->type_name("TOPIC,TOPIC,...")
        ->check(kNotEmpty);
    cmd->add_flag("--replace", opt->replace, "Replace the voter's ballot on file");
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run_change(ctx, *common, "vote", [&](const model::Project& p) { return evaluation::record_vote(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<MelCommon>();
    auto opt = std::make_shared<evaluation::OutcomeSpec>();
    CLI::App* cmd = add_writer(mel, "outcome", "Add an outcome statement: outcomes/<id>.yaml", *common);
    cmd->add_option("--id", opt->id, "The outcome's ID")->required()->check(kNotEmpty);
    cmd->add_option("--actor", opt->actor, "The social actor who changed")->required()->check(kNotEmpty);
    cmd->add_option("--change", opt->change, "What changed")->required()->check(kNotEmpty);
    cmd->add_option("--when", opt->when, "When the change happened")->required()->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--significance", opt->significance, "Why the change matters")->required()->check(kNotEmpty);
    cmd->add_option("--contribution", opt->contribution, "How the collaborative contributed")->required()->check(kNotEmpty);
    cmd->add_option("--type", opt->type, "behaviour, relationship, action, policy or practice")
        ->required()
        ->check(one_of({"behaviour", "relationship", "action", "policy", "practice"}));
    cmd->add_option("--effect", opt->effect, "positive or negative")->required()->check(one_of({"positive", "negative"}));
    cmd->add_flag("--unintended", opt->unintended, "Not expected by the theory of change (intended: false)");
    cmd->add_option("--where", opt->where, "Where the change happened")->check(kNotEmpty);
    cmd->add_option("--event", opt->events, "An event that contributed (repeat)")->check(kNotEmpty);
    cmd->add_option("--product", opt->products, "A knowledge product that contributed (repeat)")->check(kNotEmpty);
    cmd->add_option("--member", opt->members, "A member involved (repeat)")->check(kNotEmpty);
    cmd->add_option("--source", opt->sources, "Where the outcome was learned of (repeat)")->check(kNotEmpty);
    cmd->add_option("--toc-outcome", opt->toc_outcomes, "A theory-of-change outcome it is evidence of (repeat)")->check(kNotEmpty);
    cmd->add_option("--harvested", opt->harvested, "The day it was harvested")->type_name("DATE")->check(kNotEmpty);
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run_change(ctx, *common, "outcome", [&](const model::Project& p) { return evaluation::add_outcome(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<MelCommon>();
    auto opt = std::make_shared<evaluation::SubstantiationSpec>();
    auto not_independent = std::make_shared<bool>(false);
    CLI::App* cmd = add_writer(mel, "substantiate", "Record who confirmed an outcome, in its file", *common);
    cmd->add_option("outcome", opt->outcome, "The outcome's ID")->required();
    cmd->add_option("--by", opt->by, "Who substantiated it")->required()->check(kNotEmpty);
    cmd->add_option("--verdict", opt->verdict, "confirmed, partly or not-confirmed")
        ->required()
        ->check(one_of({"confirmed", "partly", "not-confirmed"}));
    cmd->add_flag("--not-independent", *not_independent, "The substantiator is part of the collaborative");
    cmd->add_option("--date", opt->date, "The day of the substantiation")->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--note", opt->note, "What they said")->check(kNotEmpty);
    cmd->callback([&ctx, common, opt, not_independent] {
      opt->independent = !*not_independent;
      ctx.exit_code = run_change(ctx, *common, "substantiate", [&](const model::Project& p) { return evaluation::substantiate(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<MelCommon>();
    auto opt = std::make_shared<evaluation::ContributionSpec>();
    CLI::App* cmd = add_writer(mel, "contribute", "Record a member's in-kind contribution in resources.yaml", *common);
    cmd->add_option("--member", opt->member, "The member who gave it")->required()->check(kNotEmpty);
    cmd->add_option("--category", opt->category, "hosting, time, travel or expertise")
        ->required()
        ->check(one_of({"hosting", "time", "travel", "expertise"}));
    cmd->add_option("--hours", opt->hours, "Hours given, valued at the category's rate")->type_name("H")->check(kNotEmpty);
    cmd->add_option("--amount", opt->amount, "A value, in resources.yaml's currency")->type_name("A")->check(kNotEmpty);
    cmd->add_option("--event", opt->event, "The event it was for")->check(kNotEmpty);
    cmd->add_option("--date", opt->date, "The day it was given")->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--note", opt->note, "What it was")->check(kNotEmpty);
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run_change(ctx, *common, "contribute", [&](const model::Project& p) { return evaluation::record_contribution(p, *opt); });
    });
  }
}

}  // namespace collab::cli
