// collab score-eoi: score the EOI round from rubric.yaml and the reviews, rank, select, explain
// (lib/scoring); --write records the decisions in decisions.yaml for enroll.
#include "check/checks.h"
#include "common.h"
#include "io/csv_read.h"
#include "io/csv_write.h"
#include "io/files.h"
#include "io/lock.h"
#include "io/yaml_text.h"
#include "model/project.h"
#include "scoring/packets.h"
#include "scoring/review_import.h"
#include "scoring/round.h"

#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace collab::cli {
namespace {

using scoring::EoiResult;
using scoring::RoundResult;

struct ScoreOptions {
  std::string format;
  std::string aggregation, normalization;
  std::string explain;
  std::string import_reviews;
  std::string packets;
  bool write = false;
  bool dry_run = false;
};

std::string total_text(const std::optional<double>& total) { return total ? fmt::format("{:.1f}", *total) : "-"; }
std::string num(double v) { return fmt::format("{:g}", v); }

std::string reliability_text(const RoundResult& r) {
  std::string icc = r.icc ? fmt::format("ICC(2,1) {:.2f} ({} EOIs x {} reviewers who all reviewed them)", r.icc->value,
                                        r.icc->units, r.icc->raters)
                          : "ICC(2,1) not computable (no two reviewers share two EOIs)";
  std::string alpha = r.alpha ? fmt::format("Krippendorff's alpha (interval) {:.2f} ({} EOIs, {} ratings)", r.alpha->value,
                                            r.alpha->units, r.alpha->pairable)
                              : "Krippendorff's alpha not computable (too few EOIs with two reviews)";
  return icc + "; " + alpha;
}

void print_table(const RoundResult& r) {
  fmt::print("{} EOIs; capacity {}; {} of reviewers' scores; normalization {}{}\n", r.eois.size(),
             r.capacity ? std::to_string(*r.capacity) : "not set", r.aggregation, r.normalization,
             r.cut ? fmt::format("; cut {}", num(*r.cut)) : "");
  fmt::print("{:>4}  {:<28} {:>6}  {:<12}  {}\n", "rank", "EOI", "total", "decision", "reason");
  for (const auto& e : r.eois) {
    fmt::print("{:>4}  {:<28} {:>6}  {:<12}  {}\n", e.rank ? std::to_string(*e.rank) : "", e.id, total_text(e.total),
               e.decision, e.reason);
  }
  if (!r.quotas_feasible) fmt::print("No selection meets every quota: {}\n", r.quota_problem);
  fmt::print("Reliability: {}\n", reliability_text(r));
  bool heading = false;
  for (const auto& e : r.eois) {
    for (const auto& f : e.flags) {
      if (!heading) fmt::print("Flags:\n");
      heading = true;
      fmt::print("  {}: {}\n", e.id, f);
    }
  }
}

void print_explanation(const EoiResult& e, const RoundResult& r) {
  fmt::print("{}: {}{}\n", e.id, e.organization,
             e.region.empty() && e.country.empty() ? "" : fmt::format(" ({})", e.region.empty() ? e.country : e.region + ", " + e.country));
  fmt::print("Decision: {}{}: {}\n", e.decision, e.rank ? fmt::format(" (rank {})", *e.rank) : "", e.reason);
  fmt::print("Reviews used: {}\n", e.reviewers.empty() ? "none" : fmt::format("{}", fmt::join(e.reviewers, ", ")));
  for (const auto& [reviewer, why] : e.excluded) fmt::print("Set aside: {} ({})\n", reviewer, why);
  if (!e.gates.empty()) fmt::print("Gates:\n");
  for (const auto& g : e.gates) {
    fmt::print("  {:<24} {:<11} {}\n", g.id, !g.passed ? "undecided" : *g.passed ? "passed" : "not passed", g.how);
  }
  fmt::print("Criteria ({} of reviewers' scores, normalization {}):\n", r.aggregation, r.normalization);
  fmt::print("  {:<24} {:>6} {:>7} {:>7} {:>13}  how\n", "criterion", "weight", "scale", "score", "contribution");
  for (const auto& c : e.criteria) {
    std::vector<std::string> by;
    for (const auto& s : c.reviewers) {
      std::string one = s.used == s.raw ? fmt::format("{} {}", s.reviewer, num(s.raw))
                                        : fmt::format("{} {} -> {:.2f}", s.reviewer, num(s.raw), s.used);
      if (!s.note.empty()) one += " (" + s.note + ")";
      by.push_back(one);
    }
    std::string how = c.note + (by.empty() ? "" : fmt::format(": {}", fmt::join(by, ", ")));
    fmt::print("  {:<24} {:>6} {:>7} {:>7} {:>13}  {}\n", c.id, num(c.weight), num(c.min) + "-" + num(c.max),
               c.score ? fmt::format("{:.2f}", *c.score) : "-", c.score ? fmt::format("{:.1f}", c.contribution) : "-", how);
  }
  fmt::print("Total: {} of 100\n", total_text(e.total));
  for (const auto& f : e.flags) fmt::print("Flag: {}\n", f);
}

nlohmann::json to_json(const EoiResult& e) {
  nlohmann::json j = {{"eoi", e.id}, {"organization", e.organization}, {"region", e.region}, {"country", e.country},
                      {"sector", e.sector}, {"submitted", e.submitted}, {"reviews_used", e.reviewers},
                      {"decision", e.decision}, {"reason", e.reason}, {"flags", e.flags}};
  j["rank"] = e.rank ? nlohmann::json(*e.rank) : nlohmann::json(nullptr);
  j["total"] = e.total ? nlohmann::json(*e.total) : nlohmann::json(nullptr);
  j["set_aside"] = nlohmann::json::array();
  for (const auto& [reviewer, why] : e.excluded) j["set_aside"].push_back({{"reviewer", reviewer}, {"reason", why}});
  j["gates"] = nlohmann::json::array();
  for (const auto& g : e.gates) {
    j["gates"].push_back({{"gate", g.id}, {"passed", g.passed ? nlohmann::json(*g.passed) : nlohmann::json(nullptr)}, {"how", g.how}});
  }
  j["criteria"] = nlohmann::json::array();
  for (const auto& c : e.criteria) {
    nlohmann::json cj = {{"criterion", c.id}, {"weight", c.weight}, {"min", c.min}, {"max", c.max}, {"auto", c.automatic},
                         {"contribution", c.contribution}, {"note", c.note}, {"reviewers", nlohmann::json::array()}};
    cj["score"] = c.score ? nlohmann::json(*c.score) : nlohmann::json(nullptr);
    cj["spread"] = c.spread ? nlohmann::json(*c.spread) : nlohmann::json(nullptr);
    for (const auto& s : c.reviewers) {
      cj["reviewers"].push_back({{"reviewer", s.reviewer}, {"raw", s.raw}, {"used", s.used}, {"note", s.note}});
    }
    j["criteria"].push_back(std::move(cj));
  }
  return j;
}

nlohmann::json to_json(const RoundResult& r) {
  nlohmann::json j = {{"aggregation", r.aggregation}, {"normalization", r.normalization}, {"min_reviews", r.min_reviews},
                      {"quotas_feasible", r.quotas_feasible}, {"quota_problem", r.quota_problem}, {"eois", nlohmann::json::array()}};
  j["capacity"] = r.capacity ? nlohmann::json(*r.capacity) : nlohmann::json(nullptr);
  j["cut"] = r.cut ? nlohmann::json(*r.cut) : nlohmann::json(nullptr);
  j["trim"] = r.trim ? nlohmann::json(*r.trim) : nlohmann::json(nullptr);
  j["icc_2_1"] = r.icc ? nlohmann::json{{"value", r.icc->value}, {"units", r.icc->units}, {"raters", r.icc->raters}}
                       : nlohmann::json(nullptr);
  j["krippendorff_alpha_interval"] =
      r.alpha ? nlohmann::json{{"value", r.alpha->value}, {"units", r.alpha->units}, {"pairable", r.alpha->pairable}}
              : nlohmann::json(nullptr);
  for (const auto& e : r.eois) j["eois"].push_back(to_json(e));
  return j;
}

void print_csv(const RoundResult& r) {
  std::vector<std::string> head = {"rank", "eoi", "organization", "region", "country", "sector", "total", "decision", "reason"};
  if (!r.eois.empty()) {
    for (const auto& c : r.eois.front().criteria) head.push_back(csv_text(c.id));
  }
  std::string out = csv_row(head);
  for (const auto& e : r.eois) {
    std::vector<std::string> row = {e.rank ? std::to_string(*e.rank) : "", csv_text(e.id), csv_text(e.organization),
                                    csv_text(e.region), csv_text(e.country), csv_text(e.sector),
                                    e.total ? csv_number(*e.total, 2) : "", csv_text(e.decision), csv_text(e.reason)};
    for (const auto& c : e.criteria) row.push_back(c.score ? csv_number(*c.score, 2) : "");
    out += csv_row(row);
  }
  fmt::print("{}", out);
}

// decisions.yaml: generated, deterministic, read by enroll.
std::string decisions_yaml(const RoundResult& r) {
  std::string out =
      "# yaml-language-server: $schema=.collab/schemas/decisions.schema.json\n"
      "# Generated by `collab score-eoi --write`; do not edit. To change a decision, change the reviews or\n"
      "# rubric.yaml and run it again. `collab enroll` reads the selected EOIs from here.\n";
  out += fmt::format("aggregation: {}\nnormalization: {}\n", r.aggregation, r.normalization);
  if (r.capacity) out += fmt::format("capacity: {}\n", *r.capacity);
  out += "decisions:\n";
  for (const auto& e : r.eois) {
    out += fmt::format("  - eoi: {}\n    decision: {}\n", e.id, e.decision);
    if (e.rank) out += fmt::format("    rank: {}\n", *e.rank);
    if (e.total) out += fmt::format("    total: {}\n", yaml_number(std::round(*e.total * 100) / 100));
    out += fmt::format("    reason: {}\n", yaml_string(e.reason));
  }
  return out;
}

// --import-reviews: the reviewers' spreadsheet becomes review files; good rows are written, bad ones refused.
int run_import(const Context& ctx, const ScoreOptions& opt, const model::Project& project) {
  auto table = read_csv_file(opt.import_reviews);
  if (!table) return fail(table.error());
  auto result = scoring::import_reviews(*table, opt.import_reviews, project);
  if (!opt.dry_run && !result.added.empty()) {  // under the lock run_score took
    std::vector<FileUpdate> writes;  // one change: every review staged, then renamed into place
    for (const auto& r : result.added) writes.push_back({r.path, r.content, false, false});
    if (Status s = write_files(project.root, writes); !s) return fail(s.error());
  }
  const std::string verb = opt.dry_run ? "would add" : "added";
  if (opt.format == "json") {
    nlohmann::json j = {{"dry_run", opt.dry_run}, {"added", nlohmann::json::array()}, {"skipped", nlohmann::json::array()},
                        {"refused", nlohmann::json::array()}};
    for (const auto& r : result.added) j["added"].push_back({{"row", r.row}, {"file", model::display_path(project.display_root, r.path)}});
    for (const auto& [row, why] : result.skipped) j["skipped"].push_back({{"row", row}, {"reason", why}});
    for (const auto& d : result.refused.items()) {
      j["refused"].push_back({{"file", d.where.file}, {"line", d.where.line}, {"message", d.message}});
    }
    fmt::print("{}\n", j.dump(2));
  } else {
    for (const auto& r : result.added) fmt::print("{} {} (row {})\n", verb, model::display_path(project.display_root, r.path), r.row);
    for (const auto& [row, why] : result.skipped) fmt::print("skipped row {}: {}\n", row, why);
    for (const auto& d : result.refused.items()) fmt::print(stderr, "{}\n", format_text(d));
    if (!ctx.quiet) {
      fmt::print(stderr, "{}: {} {}, {} skipped, {} refused\n", opt.import_reviews, result.added.size(), verb,
                 result.skipped.size(), result.refused.items().size());
    }
  }
  return result.refused.empty() ? kOk : kFindings;
}

// --packets DIR: blind review packets; the key from code to EOI is printed, not written into DIR.
int run_packets(const Context& ctx, const ScoreOptions& opt, const model::Project& project) {
  if (!project.rubric) return fail({ErrorKind::data, "score-eoi needs a rubric.yaml at the collaborative's root"});
  auto packets = scoring::blind_packets(project);
  std::vector<FileToWrite> files;
  for (auto& f : packets.files) files.push_back({f.path, f.content});
  if (!opt.dry_run) {
    if (Status s = write_new_tree(opt.packets, files); !s) return fail(s.error());
  }
  if (opt.format == "json") {
    nlohmann::json j = {{"folder", display_folder(opt.packets)}, {"dry_run", opt.dry_run}, {"key", packets.key}};
    fmt::print("{}\n", j.dump(2));
  } else {
    for (const auto& [code, eoi] : packets.key) fmt::print("{}  {}\n", code, eoi);
    if (!ctx.quiet) {
      fmt::print(stderr, "{} {} packets and rubric.md in {}. Keep the key above from the reviewers.\n",
                 opt.dry_run ? "Would write" : "Wrote", packets.key.size(), display_folder(opt.packets));
    }
  }
  return kOk;
}

int run_score(const Context& ctx, const ScoreOptions& opt) {
  // A run that writes (reviews, decisions.yaml) takes the lock before it reads anything.
  std::optional<Lock> lock;
  if ((opt.write || !opt.import_reviews.empty()) && !opt.dry_run) {
    auto root = locate_root(ctx);
    if (!root) return fail(root.error());
    auto taken = Lock::acquire(*root);
    if (!taken) return fail(taken.error());
    lock.emplace(std::move(*taken));
  }
  auto loaded = load_valid_project(ctx, "scored", scoring::scoring_reads());  // an error elsewhere does not stop it
  if (!loaded) return fail(loaded.error());
  const model::Project& project = *loaded;
  const std::filesystem::path& root = project.root;
  if (!opt.import_reviews.empty()) return run_import(ctx, opt, project);
  if (!opt.packets.empty()) return run_packets(ctx, opt, project);

  scoring::RoundOptions options;
  if (!opt.aggregation.empty()) options.aggregation = opt.aggregation;
  if (!opt.normalization.empty()) options.normalization = opt.normalization;
  auto round = scoring::score_round(project, options);
  if (!round) return fail(round.error());

  if (!opt.explain.empty()) {
    auto it = std::find_if(round->eois.begin(), round->eois.end(), [&](const EoiResult& e) { return e.id == opt.explain; });
    if (it == round->eois.end()) return fail({ErrorKind::usage, fmt::format("no EOI '{}' in eois/", opt.explain)});
    if (opt.format == "json") {
      fmt::print("{}\n", to_json(*it).dump(2));
    } else {
      print_explanation(*it, *round);
    }
    return kOk;
  }

  if (opt.write || opt.dry_run) {
    if (!round->quotas_feasible) {
      return fail({ErrorKind::data, "no selection meets every quota (" + round->quota_problem + "); decisions.yaml was not written"});
    }
    std::string text = decisions_yaml(*round);
    if (opt.dry_run) {
      fmt::print("Would write {}:\n{}", display_folder(root / "decisions.yaml"), text);
      return kOk;
    }
    if (Status s = write_files(root, {{"decisions.yaml", text, false, false}}); !s) return fail(s.error());
    if (!ctx.quiet) fmt::print(stderr, "Wrote {} ({} decisions).\n", display_folder(root / "decisions.yaml"), round->eois.size());
  }
  if (opt.format == "json") {
    fmt::print("{}\n", to_json(*round).dump(2));
  } else if (opt.format == "csv") {
    print_csv(*round);
  } else {
    print_table(*round);
  }
  return round->quotas_feasible ? kOk : kFindings;
}

}  // namespace

void register_score_eoi(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand("score-eoi", "Score, rank and select expressions of interest, with the reasons");
  add_format_option(*cmd, opt->format, {"text", "json", "csv"});
  cmd->add_option("--aggregation", opt->aggregation, "Combine reviewers' scores by mean, median or trimmed-mean (default: rubric.yaml's)")
      ->check(CLI::IsMember({"mean", "median", "trimmed-mean"}));
  cmd->add_option("--normalize", opt->normalization, "none or z-score (default: rubric.yaml's)")->check(CLI::IsMember({"none", "z-score"}));
  cmd->add_option("--explain", opt->explain, "Explain one EOI: gates, criteria, contributions, decision")->type_name("EOI");
  cmd->add_option("--import-reviews", opt->import_reviews,
                  "Add reviews from the reviewers' spreadsheet (CSV): columns eoi, reviewer, submitted, conflict, "
                  "comments, one per criterion and gate:<id> per gate")
      ->type_name("CSV");
  cmd->add_option("--packets", opt->packets,
                  "Write blind review packets (one Markdown page per EOI, without the applicant's identity) into "
                  "this new folder; the key from code to EOI is printed")
      ->type_name("DIR");
  cmd->add_flag("--write", opt->write, "Record the decisions in decisions.yaml (for collab enroll)");
  cmd->add_flag("--dry-run", opt->dry_run, "Print what --write or --import-reviews would write, and write nothing");
  cmd->callback([&ctx, opt] { ctx.exit_code = run_score(ctx, *opt); });
}

}  // namespace collab::cli
