#include "scoring/round.h"

#include "core/text.h"
#include "scoring/selection.h"
#include "scoring/statistics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace collab::scoring {
namespace {

using namespace collab::model;

std::string shown(double v) { return fmt::format("{:g}", v); }

const nlohmann::json* answer_of(const Eoi& eoi, const std::string& id) {
  auto it = eoi.answers.find(id);
  return it == eoi.answers.end() ? nullptr : &it->second;
}

std::optional<double> number_of(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return finite_number(v.get<std::string>());
  return std::nullopt;
}

bool conflicted(const FacultyMember* reviewer, const Eoi& eoi) {
  if (reviewer == nullptr || reviewer->organization.empty()) return false;
  std::string org = trim_lower(reviewer->organization);
  return org == trim_lower(eoi.organization.name) || (!eoi.organization.id.empty() && org == eoi.organization.id);
}

GateResult rule_gate(const Gate& gate, const Eoi& eoi) {
  const GateRule& rule = *gate.rule;
  GateResult g{gate.id, true, ""};
  std::vector<std::string> how;
  if (!rule.answer.empty()) {
    const nlohmann::json* a = answer_of(eoi, rule.answer);
    if (a == nullptr) return {gate.id, false, fmt::format("no answer to '{}'", rule.answer)};
    if (!rule.in.empty()) {
      bool found = std::any_of(rule.in.begin(), rule.in.end(), [&](const nlohmann::json& v) { return canonical(v) == canonical(*a); });
      how.push_back(fmt::format("answer '{}' is {}{}", rule.answer, a->is_string() ? "'" + a->get<std::string>() + "'" : a->dump(),
                                found ? "" : ", not an accepted answer"));
      g.passed = *g.passed && found;
    }
    if (rule.at_least) {
      auto n = number_of(*a);
      bool ok = n && *n >= *rule.at_least;
      how.push_back(n ? fmt::format("answer '{}' is {} ({} {})", rule.answer, shown(*n), ok ? "at least" : "below", shown(*rule.at_least))
                      : fmt::format("answer '{}' is not a number", rule.answer));
      g.passed = *g.passed && ok;
    }
  }
  for (const auto& [role, needed] : rule.roles) {
    int have = 0;
    for (const auto& m : eoi.proposed_team) have += std::count(m.roles.begin(), m.roles.end(), role) > 0 ? 1 : 0;
    if (have < needed) {
      how.push_back(fmt::format("the proposed team has {} {} (needs {})", have, role, needed));
      g.passed = false;
    }
  }
  if (!rule.roles.empty() && *g.passed) how.push_back("the proposed team has every required role");
  auto size = static_cast<int>(eoi.proposed_team.size());
  if (rule.min_members && size < *rule.min_members) {
    how.push_back(fmt::format("the proposed team has {} members (at least {})", size, *rule.min_members));
    g.passed = false;
  }
  if (rule.max_members && size > *rule.max_members) {
    how.push_back(fmt::format("the proposed team has {} members (at most {})", size, *rule.max_members));
    g.passed = false;
  }
  g.how = fmt::format("{}", fmt::join(how, "; "));
  return g;
}

GateResult reviewer_gate(const Gate& gate, const std::vector<const Review*>& reviews) {
  int yes = 0, no = 0;
  for (const Review* r : reviews) {
    auto it = r->gates.find(gate.id);
    if (it == r->gates.end()) continue;
    (it->second ? yes : no) += 1;
  }
  if (yes + no == 0) return {gate.id, std::nullopt, "no reviewer answered it"};
  return {gate.id, yes > no, fmt::format("{} of {} reviewers said yes", yes, yes + no)};
}

std::optional<double> auto_score(const Criterion& c, const Eoi& eoi, std::string& note) {
  const nlohmann::json* a = answer_of(eoi, c.automatic->answer);
  if (a == nullptr) {
    note = fmt::format("no answer to '{}'", c.automatic->answer);
    return std::nullopt;
  }
  if (!c.automatic->points.empty()) {
    for (const auto& [text, points] : c.automatic->points) {
      if (trim_lower(text) == canonical(*a)) {
        note = fmt::format("answer '{}' is worth {}", c.automatic->answer, shown(points));
        return std::clamp(points, c.min, c.max);
      }
    }
    note = fmt::format("answer '{}' ({}) has no points in the rubric", c.automatic->answer, a->dump());
    return std::nullopt;
  }
  auto n = number_of(*a);
  if (!n) {
    note = fmt::format("answer '{}' is not a number", c.automatic->answer);
    return std::nullopt;
  }
  note = fmt::format("answer '{}' is {}", c.automatic->answer, shown(*n));
  return std::clamp(*n, c.min, c.max);
}

double aggregate(const std::string& how, double trim, std::vector<double> values) {
  if (how == "median") return median(std::move(values));
  if (how == "trimmed-mean") return trimmed_mean(std::move(values), trim);
  return mean(values);
}

// A group of scores' size, mean and sample SD.
struct Spread {
  size_t n = 0;
  double mean = 0;
  std::optional<double> sd;
};

// Each reviewer's mean and SD on each criterion, and the criterion's over all reviewers: z-score inputs.
// The scores are gathered first, then each group's spread is computed once (`finish`), not once per score
// normalized (which was quadratic in the reviews).
struct Norms {
  std::map<std::pair<std::string, std::string>, std::vector<double>> by_reviewer;  // (reviewer, criterion)
  std::map<std::string, std::vector<double>> by_criterion;
  std::map<std::pair<std::string, std::string>, Spread> reviewer;
  std::map<std::string, Spread> criterion;

  void finish() {
    auto spread = [](const std::vector<double>& v) { return Spread{v.size(), v.empty() ? 0.0 : mean(v), sample_sd(v)}; };
    for (const auto& [key, scores] : by_reviewer) reviewer.emplace(key, spread(scores));
    for (const auto& [key, scores] : by_criterion) criterion.emplace(key, spread(scores));
  }
};

ReviewerScore normalize(const Norms& norms, const Criterion& c, const std::string& reviewer, double raw, bool enabled) {
  ReviewerScore s{reviewer, raw, raw, ""};
  if (!enabled) return s;
  const Spread& own = norms.reviewer.at({reviewer, c.id});
  const Spread& all = norms.criterion.at(c.id);
  const auto& sd = own.sd;
  const auto& grand_sd = all.sd;
  if (!sd || *sd == 0 || !grand_sd || *grand_sd == 0) {
    s.note = own.n < 2 ? "not normalized: the reviewer gave one score on this criterion"
                       : !sd || *sd == 0 ? "not normalized: the reviewer gave the same score everywhere"
                                         : "not normalized: all reviewers gave the same score";
    return s;
  }
  double z = (raw - own.mean) / *sd;
  double v = all.mean + z * *grand_sd;
  s.used = std::clamp(v, c.min, c.max);
  if (s.used != v) s.note = fmt::format("normalized {:.2f}, kept within {} to {}", v, shown(c.min), shown(c.max));
  return s;
}

}  // namespace

std::string canonical(const nlohmann::json& value) {
  if (value.is_string()) return trim_lower(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return shown(value.get<double>());
  return value.dump();
}

std::string eoi_attribute(const Eoi& eoi, const std::string& attribute) {
  if (attribute == "region") return eoi.organization.region;
  if (attribute == "country") return eoi.organization.country;
  if (attribute == "sector") return eoi.organization.sector;
  if (attribute == "timezone") return eoi.organization.timezone;
  const std::string prefix = "answers.";
  if (attribute.rfind(prefix, 0) == 0) {
    const nlohmann::json* a = answer_of(eoi, attribute.substr(prefix.size()));
    return a ? canonical(*a) : std::string();
  }
  return {};
}

const std::set<FileKind>& scoring_reads() {
  static const std::set<FileKind> kinds = {FileKind::collaborative, FileKind::rubric, FileKind::organization, FileKind::team,
                                           FileKind::eoi,           FileKind::review, FileKind::decisions};
  return kinds;
}

Result<RoundResult> score_round(const Project& p, const RoundOptions& options) {
  if (!p.rubric) return Error{ErrorKind::data, "score-eoi needs a rubric.yaml at the collaborative's root"};
  const Rubric& rubric = *p.rubric;
  RoundResult out;
  out.aggregation = options.aggregation.value_or(rubric.scoring.aggregation);
  out.normalization = options.normalization.value_or(rubric.scoring.normalization);
  if (out.aggregation == "trimmed-mean") out.trim = rubric.scoring.trim;
  out.cut = rubric.selection.cut;
  out.disagreement = rubric.scoring.disagreement;
  out.min_reviews = rubric.reviewers_per_eoi.value_or(1);
  out.capacity = rubric.selection.capacity;
  if (!out.capacity && p.collaborative) out.capacity = p.collaborative->design.capacity;
  const bool normalizing = out.normalization == "z-score";

  // Reviews used, per EOI; conflicts set aside before anything is computed from them.
  std::map<std::string, std::vector<const Review*>> used;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> excluded;
  Norms norms;
  for (const auto& r : p.reviews) {
    const Eoi* eoi = p.find_eoi(r.eoi);
    if (eoi == nullptr) continue;
    const FacultyMember* reviewer = p.collaborative ? p.collaborative->find_faculty(r.reviewer) : nullptr;
    if (r.conflict) {
      excluded[r.eoi].emplace_back(r.reviewer, "declared a conflict of interest");
      continue;
    }
    if (conflicted(reviewer, *eoi)) {
      excluded[r.eoi].emplace_back(r.reviewer, "works for the applicant (conflict of interest)");
      continue;
    }
    used[r.eoi].push_back(&r);
    for (const auto& [criterion, score] : r.scores) {
      const Criterion* c = rubric.find_criterion(criterion);
      if (c == nullptr || c->automatic) continue;
      norms.by_reviewer[{r.reviewer, criterion}].push_back(score);
      norms.by_criterion[criterion].push_back(score);
    }
  }
  norms.finish();

  std::vector<std::string> reviewer_ids;
  for (const auto& [eoi, reviews] : used) {
    for (const Review* r : reviews) reviewer_ids.push_back(r->reviewer);
  }
  std::sort(reviewer_ids.begin(), reviewer_ids.end());
  reviewer_ids.erase(std::unique(reviewer_ids.begin(), reviewer_ids.end()), reviewer_ids.end());
  RatingTable ratings;

  bool reviewer_judged = std::any_of(rubric.criteria.begin(), rubric.criteria.end(), [](const Criterion& c) { return !c.automatic; }) ||
                         std::any_of(rubric.gates.begin(), rubric.gates.end(), [](const Gate& g) { return !g.rule; });

  std::vector<EoiResult> results;
  for (const auto& eoi : p.eois) {
    EoiResult e;
    e.id = eoi.id;
    e.organization = eoi.organization.name;
    e.region = eoi.organization.region;
    e.country = eoi.organization.country;
    e.sector = eoi.organization.sector;
    e.timezone = eoi.organization.timezone;
    e.submitted = eoi.submitted ? format_date(*eoi.submitted) : "";
    const auto& reviews = used[eoi.id];
    for (const Review* r : reviews) e.reviewers.push_back(r->reviewer);
    e.excluded = excluded[eoi.id];

    for (const auto& gate : rubric.gates) e.gates.push_back(gate.rule ? rule_gate(gate, eoi) : reviewer_gate(gate, reviews));

    // The reviewer's own weighted mean share, for the round's reliability figures.
    std::vector<std::optional<double>> row(reviewer_ids.size());
    double weights = 0;
    for (const auto& c : rubric.criteria) {
      CriterionResult cr{c.id, c.weight, c.min, c.max, c.automatic.has_value(), std::nullopt, 0, {}, std::nullopt, ""};
      if (c.automatic) {
        cr.score = auto_score(c, eoi, cr.note);
      } else {
        std::vector<double> values, raws;
        for (const Review* r : reviews) {
          auto it = r->scores.find(c.id);
          if (it == r->scores.end()) continue;
          cr.reviewers.push_back(normalize(norms, c, r->reviewer, it->second, normalizing));
          values.push_back(cr.reviewers.back().used);
          raws.push_back(it->second);
        }
        if (values.empty()) {
          cr.note = "no reviewer scored it";
        } else {
          cr.score = aggregate(out.aggregation, rubric.scoring.trim, values);
          cr.note = fmt::format("{} of {} review{}", out.aggregation, values.size(), values.size() == 1 ? "" : "s");
          auto [lo, hi] = std::minmax_element(raws.begin(), raws.end());
          cr.spread = *hi - *lo;
          if (out.disagreement && *cr.spread > *out.disagreement) {
            e.flags.push_back(fmt::format("reviewers disagree on {}: scores from {} to {}", c.id, shown(*lo), shown(*hi)));
          }
        }
      }
      if (cr.score) weights += c.weight;
      e.criteria.push_back(std::move(cr));
    }
    if (weights > 0) {
      double total = 0;
      for (auto& cr : e.criteria) {
        if (!cr.score) continue;
        cr.contribution = 100.0 * cr.weight * (*cr.score - cr.min) / (cr.max - cr.min) / weights;
        total += cr.contribution;
      }
      e.total = total;
    }
    for (const auto& cr : e.criteria) {
      // With no review at all, "needs review" says it; a flag per criterion would only repeat it.
      if (!cr.score && (cr.automatic || !reviews.empty())) e.flags.push_back(fmt::format("incomplete: {} has no score ({}); the total is over the other criteria", cr.id, cr.note));
    }

    // Reliability rows: each reviewer's weighted share over the criteria they scored.
    for (size_t k = 0; k < reviewer_ids.size(); ++k) {
      double sum = 0, w = 0;
      for (const Review* r : reviews) {
        if (r->reviewer != reviewer_ids[k]) continue;
        for (const auto& c : rubric.criteria) {
          auto it = r->scores.find(c.id);
          if (c.automatic || it == r->scores.end()) continue;
          sum += c.weight * (it->second - c.min) / (c.max - c.min);
          w += c.weight;
        }
      }
      if (w > 0) row[k] = 100.0 * sum / w;
    }
    if (std::count_if(row.begin(), row.end(), [](const auto& v) { return v.has_value(); }) > 0) ratings.push_back(row);

    // The decision, before ranking.
    auto failed = std::find_if(e.gates.begin(), e.gates.end(), [](const GateResult& g) { return g.passed == false; });
    auto open = std::find_if(e.gates.begin(), e.gates.end(), [](const GateResult& g) { return !g.passed.has_value(); });
    auto n = static_cast<int>(reviews.size());
    if (eoi.status == "withdrawn") {
      e.decision = "withdrawn";
      e.reason = "the applicant withdrew the EOI";
    } else if (failed != e.gates.end()) {
      e.decision = "not-eligible";
      e.reason = fmt::format("gate {} not passed: {}", failed->id, failed->how);
    } else if (reviewer_judged && n < out.min_reviews) {
      e.decision = "needs-review";
      e.reason = fmt::format("{} review{} of the {} needed", n, n == 1 ? "" : "s", out.min_reviews);
    } else if (open != e.gates.end()) {
      e.decision = "needs-review";
      e.reason = fmt::format("gate {}: {}", open->id, open->how);
    } else if (!e.total) {
      e.decision = "needs-review";
      e.reason = "no criterion has a score";
    } else if (out.cut && *e.total < *out.cut) {
      e.decision = "below-cut";
      e.reason = fmt::format("total {:.1f} is below the cut {}", *e.total, shown(*out.cut));
    }
    results.push_back(std::move(e));
  }

  out.icc = icc_2_1_largest_block(ratings);
  out.alpha = krippendorff_alpha_interval(ratings);

  // Ranking: total, then the earlier submission, then the ID: deterministic, and written in docs/cli.md.
  std::vector<size_t> ranked;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].decision.empty()) ranked.push_back(i);
  }
  std::sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
    const auto &x = results[a], &y = results[b];
    if (*x.total != *y.total) return *x.total > *y.total;
    if (x.submitted != y.submitted) return x.submitted < y.submitted;
    return x.id < y.id;
  });
  std::vector<Candidate> candidates;
  for (size_t r = 0; r < ranked.size(); ++r) {
    EoiResult& e = results[ranked[r]];
    e.rank = static_cast<int>(r) + 1;
    Candidate c{e.id, {}};
    const Eoi* eoi = p.find_eoi(e.id);
    for (const auto& q : rubric.selection.quotas) c.attributes[q.attribute] = eoi_attribute(*eoi, q.attribute);
    candidates.push_back(std::move(c));
  }
  // Quotas match ignoring case and surrounding spaces, and are named as rubric.yaml spells them.
  std::vector<Quota> quotas;
  for (const auto& q : rubric.selection.quotas) {
    std::string spelled = q.value.is_string() ? q.value.get<std::string>() : canonical(q.value);
    quotas.push_back({q.attribute, spelled, q.min, q.max});
    for (auto& c : candidates) {
      auto it = c.attributes.find(q.attribute);
      if (it != c.attributes.end() && trim_lower(it->second) == canonical(q.value)) it->second = spelled;
    }
  }
  int capacity = out.capacity.value_or(static_cast<int>(candidates.size()));
  Selection selection = select(candidates, capacity, quotas);
  out.quotas_feasible = selection.feasible;
  out.quota_problem = selection.infeasible_reason;
  for (size_t r = 0; r < ranked.size(); ++r) {
    EoiResult& e = results[ranked[r]];
    if (!selection.feasible) {
      e.decision = "waitlisted";
      e.reason = "no selection meets every quota: " + selection.infeasible_reason;
      continue;
    }
    e.decision = selection.decisions[r].outcome == Outcome::selected ? "selected" : "waitlisted";
    e.reason = selection.decisions[r].reason;
  }

  std::vector<size_t> order = ranked;
  std::vector<size_t> rest;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].rank) rest.push_back(i);
  }
  std::sort(rest.begin(), rest.end(), [&](size_t a, size_t b) { return results[a].id < results[b].id; });
  order.insert(order.end(), rest.begin(), rest.end());
  for (size_t i : order) out.eois.push_back(std::move(results[i]));
  return out;
}

}  // namespace collab::scoring
