// A round of EOI scoring, from the rubric and the reviews to a ranked, explained selection.
//
// For each EOI: reviews with a conflict of interest (declared, or the reviewer works for the applicant)
// are set aside before anything is computed from them; gates are decided (by their rule over the EOI, or
// by the reviewers: more yes than no); each criterion gets one score, from the EOI's answer (auto) or by
// aggregating the reviewers' scores (mean, median or trimmed mean, after optional z-score normalization
// per reviewer); the total is the weighted mean of the criteria's shares of their scale, 0-100, over the
// criteria that have a score (a missing score is never a zero: the EOI is flagged). EOIs whose applicant
// withdrew (status: withdrawn) are not ranked. Eligible EOIs with
// enough reviews and a total at or above the cut are ranked (total, then earlier submission, then ID) and
// selected within capacity and quotas (selection.h). Every number carries the reason it has.
#pragma once

#include "core/error.h"
#include "model/project.h"
#include "scoring/reliability.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::scoring {

struct RoundOptions {
  std::optional<std::string> aggregation;    // overrides rubric.yaml's scoring.aggregation
  std::optional<std::string> normalization;  // overrides scoring.normalization
};

struct GateResult {
  std::string id;
  std::optional<bool> passed;  // none: no reviewer answered it
  std::string how;             // "answer 'data-commitment' is 'Yes'", "2 of 3 reviewers said yes"
};

struct ReviewerScore {
  std::string reviewer;
  double raw = 0;
  double used = 0;   // after normalization
  std::string note;  // why it was not normalized, or clamped
};

struct CriterionResult {
  std::string id;
  double weight = 0, min = 0, max = 0;
  bool automatic = false;
  std::optional<double> score;  // on the criterion's scale
  double contribution = 0;      // points of the 0-100 total
  std::vector<ReviewerScore> reviewers;
  std::optional<double> spread;  // max - min of the raw reviewer scores
  std::string note;              // how the score came about, or why there is none
};

struct EoiResult {
  std::string id, organization, region, country, sector, timezone, submitted;
  std::vector<std::string> reviewers;                   // reviews used
  std::vector<std::pair<std::string, std::string>> excluded;  // reviewer, reason
  std::vector<GateResult> gates;
  std::vector<CriterionResult> criteria;
  std::optional<double> total;  // 0-100
  std::vector<std::string> flags;
  std::optional<int> rank;
  std::string decision;  // selected, waitlisted, below-cut, not-eligible, needs-review, withdrawn
  std::string reason;
};

struct RoundResult {
  std::string aggregation, normalization;
  std::optional<double> trim, cut, disagreement;
  int min_reviews = 1;
  std::optional<int> capacity;
  std::vector<EoiResult> eois;  // ranked first (by rank), then the others by ID
  std::optional<IccResult> icc;
  std::optional<AlphaResult> alpha;
  bool quotas_feasible = true;
  std::string quota_problem;
};

// The kinds of file scoring reads (load_project's `only`): collab.yaml, rubric.yaml, organizations, teams,
// EOIs, reviews and decisions.yaml. score-eoi reads and checks only these (docs/cli.md).
const std::set<model::FileKind>& scoring_reads();

// Needs a project without errors (validate first) and a rubric; ErrorKind::data otherwise.
Result<RoundResult> score_round(const model::Project& project, const RoundOptions& options = {});

// Value of an EOI attribute named by a quota: region, country, sector, timezone or answers.<id>; "" if absent.
std::string eoi_attribute(const model::Eoi& eoi, const std::string& attribute);

// Text form of an answer or rule value for comparison: trimmed, lower-case; true/false; numbers as written.
std::string canonical(const nlohmann::json& value);

}  // namespace collab::scoring
