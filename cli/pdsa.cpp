// collab pdsa: PDSA cycles from options (lib/improvement/cycles.h). `add` and `decide` compute the new text
// of one cycle file, check it with validate's own checks, then print it (--dry-run) or write it under the
// collaborative's lock; `list` lists the cycles.
#include "common.h"
#include "improvement/cycles.h"
#include "io/csv_write.h"
#include "io/files.h"
#include "io/lock.h"
#include "model/project.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>

namespace collab::cli {
namespace {

using PdsaCommon = WriterOptions;

// Computes the change on the valid collaborative, checks it as validate would, then prints or writes it.
int run_change(const Context& ctx, const PdsaCommon& common,
               const std::function<Result<improvement::CycleChange>(const model::Project&)>& compute) {
  auto lock = lock_for_writing(ctx, common.dry_run);
  if (!lock) return fail(lock.error());
  auto project = load_valid_project(ctx, "written");
  if (!project) return fail(project.error());
  auto change = compute(*project);
  if (!change) return fail(change.error());
  auto warnings = improvement::verify_change(*project, *change);
  if (!warnings) return fail(warnings.error());
  if (!common.dry_run) {  // the lock is held (lock_for_writing)
    if (Status s = write_files(project->root, {{change->path, change->content, change->created}}); !s) return fail(s.error());
  }
  std::string shown = model::display_path(project->display_root, change->path);
  if (common.format == "json") {
    nlohmann::json j = {{"dry_run", common.dry_run},
                        {"team", change->team},
                        {"id", change->id},
                        {"changes", nlohmann::json::array({{{"file", shown},
                                                            {"created", change->created},
                                                            {"summary", change->summary},
                                                            {"content", change->content}}})},
                        {"warnings", diagnostics_json(*warnings)}};
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  fmt::print("{}{}\n", common.dry_run ? "would write: " : "", change->summary);
  if (common.dry_run) fmt::print("--- {}\n{}", shown, change->content);
  for (const auto& d : warnings->items()) fmt::print(stderr, "{}\n", format_text(d));
  return kOk;
}

struct ListOptions {
  improvement::ListFilter filter;
  std::string format;
};

int run_list(const Context& ctx, const ListOptions& opt) {
  auto project = load_valid_project(ctx, "listed");
  if (!project) return fail(project.error());
  auto rows = improvement::list_cycles(*project, opt.filter);
  if (!rows) return fail(rows.error());
  size_t open = std::count_if(rows->begin(), rows->end(), [](const improvement::CycleRow& r) { return r.open(); });
  if (opt.format == "json") {
    nlohmann::json j = {{"cycles", nlohmann::json::array()}, {"count", rows->size()}, {"open", open}};
    for (const auto& r : *rows) {
      auto nullable = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
      j["cycles"].push_back({{"team", r.team}, {"id", r.id}, {"idea", r.idea}, {"start", r.start}, {"end", nullable(r.end)},
                             {"decision", nullable(r.decision)}, {"decided", nullable(r.decided)}, {"open", r.open()},
                             {"builds_on", nullable(r.builds_on)}, {"file", r.file}});
    }
    fmt::print("{}\n", j.dump(2));
    return kOk;
  }
  if (opt.format == "csv") {
    std::string out = csv_row({"team", "id", "idea", "start", "end", "decision", "decided", "builds_on", "file"});
    for (const auto& r : *rows) {
      out += csv_row({csv_text(r.team), csv_text(r.id), csv_text(r.idea), csv_text(r.start), csv_text(r.end),
                      csv_text(r.open() ? "open" : r.decision), csv_text(r.decided), csv_text(r.builds_on), csv_text(r.file)});
    }
    fmt::print("{}", out);
    return kOk;
  }
  if (!rows->empty()) {
    std::vector<std::vector<std::string>> table = {{"team", "cycle", "idea", "start", "decision", "builds_on"}};
    for (const auto& r : *rows) {
      table.push_back({r.team, r.id, r.idea, r.start, r.open() ? "open" : r.decision + " " + r.decided, r.builds_on});
    }
    std::vector<size_t> width(table.front().size(), 0);
    for (const auto& line : table) {
      for (size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
    }
    for (const auto& line : table) {
      std::string out;
      for (size_t i = 0; i < line.size(); ++i) out += i + 1 < line.size() ? fmt::format("{:<{}}  ", line[i], width[i]) : line[i];
      while (!out.empty() && out.back() == ' ') out.pop_back();
      fmt::print("{}\n", out);
    }
  }
  if (!ctx.quiet) fmt::print(stderr, "{} cycle(s), {} open\n", rows->size(), open);
  return kOk;
}

// A value given must hold something: `--prediction ""` is refused rather than taken for "not given".
}  // namespace

void register_pdsa(CLI::App& app, Context& ctx) {
  CLI::App* pdsa = app.add_subcommand("pdsa", "PDSA cycles: add one, record its decision, list them");
  pdsa->require_subcommand(1);

  {
    auto common = std::make_shared<PdsaCommon>();
    auto opt = std::make_shared<improvement::AddSpec>();
    CLI::App* cmd = add_writer(pdsa, "add", "Add a PDSA cycle: pdsa/<team>/<id>.yaml", *common);
    cmd->add_option("--team", opt->team, "The team running the cycle")->required()->check(kNotEmpty);
    cmd->add_option("--idea", opt->idea, "The change idea tested (the change package's or the team's own)")->required()->check(kNotEmpty);
    cmd->add_option("--id", opt->id, "The cycle's ID (default: <idea>-N, the team's next number for that idea)")->check(kNotEmpty);
    cmd->add_option("--objective", opt->objective, "What the cycle tests")->required()->check(kNotEmpty);
    cmd->add_option("--question", opt->questions, "A question the cycle answers (repeat)")->check(kNotEmpty);
    cmd->add_option("--prediction", opt->prediction, "What the team expects, written before the test")->check(kNotEmpty);
    cmd->add_option("--who", opt->who, "Plan: who runs the test")->check(kNotEmpty);
    cmd->add_option("--what", opt->what, "Plan: what is done")->check(kNotEmpty);
    cmd->add_option("--where", opt->where, "Plan: where")->check(kNotEmpty);
    cmd->add_option("--when", opt->when, "Plan: when")->check(kNotEmpty);
    cmd->add_option("--data", opt->data, "Plan: what data are collected, and how")->check(kNotEmpty);
    cmd->add_option("--start", opt->start, "The day the test starts")->required()->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--builds-on", opt->builds_on, "The team's earlier cycle this one builds on")->check(kNotEmpty);
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run_change(ctx, *common, [&](const model::Project& p) { return improvement::add_cycle(p, *opt); });
    });
  }
  {
    auto common = std::make_shared<PdsaCommon>();
    auto opt = std::make_shared<improvement::DecideSpec>();
    CLI::App* cmd = add_writer(pdsa, "decide", "Record what a cycle did, learned and decided (do, study, act)", *common);
    cmd->add_option("cycle", opt->cycle, "The cycle's ID")->required();
    cmd->add_option("--team", opt->team, "The cycle's team (needed when several teams have a cycle of that ID)")->check(kNotEmpty);
    cmd->add_option("--decision", opt->decision, "adopt, adapt or abandon")
        ->required()
        ->check(CLI::IsMember({"adopt", "adapt", "abandon"}));
    cmd->add_option("--date", opt->date, "The day the decision was taken")->required()->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--learned", opt->learned, "Study: what was learned, compared with the prediction")->check(kNotEmpty);
    cmd->add_option("--prediction", opt->prediction, "Study: whether the prediction held")
        ->check(CLI::IsMember({"confirmed", "partly", "not-confirmed"}));
    cmd->add_option("--done", opt->done, "Do: what was done and observed")->check(kNotEmpty);
    cmd->add_option("--end", opt->end, "Do: the last day of the test")->type_name("DATE")->check(kNotEmpty);
    cmd->add_option("--next", opt->next, "Act: the next cycle, or how the change spreads")->check(kNotEmpty);
    cmd->add_flag("--force", opt->force, "Replace a decision (and study, do values) the file holds already");
    cmd->callback([&ctx, common, opt] {
      ctx.exit_code = run_change(ctx, *common, [&](const model::Project& p) { return improvement::decide_cycle(p, *opt); });
    });
  }
  {
    auto opt = std::make_shared<ListOptions>();
    CLI::App* cmd = pdsa->add_subcommand("list", "List the cycles: team, ID, idea, start, decision, builds_on");
    add_format_option(*cmd, opt->format, {"text", "json", "csv"});
    cmd->add_option("--team", opt->filter.team, "Only this team's cycles")->check(kNotEmpty);
    cmd->add_option("--idea", opt->filter.idea, "Only the cycles of this change idea")->check(kNotEmpty);
    cmd->add_flag("--open", opt->filter.open_only, "Only the open cycles (no decision yet)");
    cmd->callback([&ctx, opt] { ctx.exit_code = run_list(ctx, *opt); });
  }
}

}  // namespace collab::cli
