// Evaluation: outcome harvesting (outcomes/), contribution claims and milestones (theory-of-change.yaml),
// knowledge products (products/) and membership over time (teams/). These are the product's definitions:
//
// Outcome harvesting (Wilson-Grau & Britt 2012, "Outcome Harvesting", Ford Foundation). Counts by type, by
// effect, intended or not, and by theory-of-change outcome (every ToC outcome listed, 0 when no statement
// names it; an outcome naming two counts for both). Substantiation status of an outcome:
//   substantiated    at least one INDEPENDENT substantiation with verdict confirmed or partly;
//   contested        an independent not-confirmed, and no independent confirmed or partly;
//   unsubstantiated  substantiations, but none independent;
//   none             no substantiation.
// Substantiated share = substantiated / all outcomes; null when there are no outcomes.
//
// Contribution claims (Mayne 2012, "Contribution analysis: Coming of age?", Evaluation 18(3)). collab does
// not judge a claim: it counts what the claim rests on, so that people can. Per link: pieces of evidence
// (by kind) and alternative explanations (by status). A link is SUPPORTED when it has at least one piece of
// evidence and no alternative with status "open". Evidence coverage = links with evidence / links;
// supported share = supported links / links; both null for a claim without links. The WEAKEST link: the
// fewest pieces of evidence; ties: more "open" alternatives, then more "partly" ones, then the earlier
// link of the claim. `weakest_by` names what decided it: "only link", "evidence", "open", "partly" or
// "position".
//
// Knowledge products: each with the outcomes that cite it (their `products`); counts by type and status.
//
// Milestones, on `as_of`: met (a `met` date is set), overdue (not met and as_of > by; days overdue =
// as_of - by), open (not met, and by >= as_of or no `by`). Theory-of-change review: overdue when as_of >
// review_by, unless `reviewed` is on or after review_by (that review was done).
//
// Membership over time (administrative data), for each month from the collaborative's start month to the
// earlier of as_of's month and its end month. A member's start = joined, else the team's joined, else the
// collaborative's start; their end = left, else the team's withdrawal date when the team is withdrawn,
// else none. Active at the end of month M: start <= last day of M and (no end, or end > last day of M).
// New in M: start within M (members who started before the first month are in its `active`, not its
// `new`). Lapsed in M: end within M. The collaborative's stage is reported as written.
#pragma once

#include "model/project.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::mel {

// ---- Outcome harvesting ----
struct OutcomeSummary {
  std::string id, actor, type, effect;
  bool intended = true;
  std::optional<Date> when;
  std::vector<std::string> toc_outcomes;
  int substantiations = 0;
  std::string substantiation;  // substantiated, contested, unsubstantiated, none
};

struct HarvestResult {
  int outcomes = 0;
  std::map<std::string, int> by_type, by_effect, by_toc_outcome;
  int intended = 0, unintended = 0;
  int with_substantiation = 0, substantiated = 0, contested = 0;
  std::optional<double> substantiated_share;
  std::vector<OutcomeSummary> list;  // in the project's order
};

std::string substantiation_status(const model::OutcomeStatement& o);
HarvestResult harvest(const model::Project& project);

// ---- Contribution claims ----
struct LinkAssessment {
  int position = 0;  // 1-based, in the claim
  std::string from, to;
  int evidence = 0;
  std::map<std::string, int> evidence_by_kind, alternatives_by_status;
  bool supported = false;
};

struct ClaimAssessment {
  std::string id, claim, outcome;
  std::vector<LinkAssessment> links;
  int links_with_evidence = 0, supported_links = 0;
  std::optional<double> evidence_coverage, supported_share;
  std::optional<int> weakest;  // position of the weakest link; none without links
  std::string weakest_by;      // only link, evidence, open, partly, position
};

std::vector<ClaimAssessment> assess_claims(const model::Project& project);

// ---- Knowledge products ----
struct ProductSummary {
  std::string id, title, type, status, url;
  std::optional<Date> date;
  std::vector<std::string> authors, events, cited_by;
};

struct ProductsResult {
  std::vector<ProductSummary> products;  // in the project's order
  std::map<std::string, int> by_type, by_status;
};

ProductsResult summarize_products(const model::Project& project);

// ---- Milestones and the theory of change's review ----
struct MilestoneStatus {
  std::string id, outcome, indicator, measure, unit;
  std::optional<double> target, actual;
  std::optional<Date> by, met;
  std::string status;  // met, overdue, open
  std::optional<int> days_overdue;
};

struct MilestonesResult {
  bool present = false;  // theory-of-change.yaml was loaded
  std::vector<MilestoneStatus> milestones;
  int met = 0, overdue = 0, open = 0;
  std::optional<Date> review_by, reviewed;
  bool review_overdue = false;
};

MilestonesResult milestone_status(const model::Project& project, const Date& as_of);

// ---- Membership over time ----
struct MembershipMonth {
  Period month;
  int active = 0, joined = 0, lapsed = 0;
};

struct MembershipResult {
  std::string stage;  // collaborative.design.stage, as written
  std::vector<MembershipMonth> months;
};

MembershipResult membership(const model::Project& project, const Date& as_of);

// ---- Everything ----
struct EvaluationResult {
  Date as_of;
  HarvestResult outcomes;
  std::vector<ClaimAssessment> claims;
  ProductsResult products;
  MilestonesResult milestones;
  MembershipResult membership;
};

EvaluationResult compute_evaluation(const model::Project& project, const Date& as_of);

nlohmann::json to_json(const HarvestResult& r);
nlohmann::json to_json(const std::vector<ClaimAssessment>& claims);
nlohmann::json to_json(const ProductsResult& r);
nlohmann::json to_json(const MilestonesResult& r);
nlohmann::json to_json(const MembershipResult& r);
nlohmann::json to_json(const EvaluationResult& r);

}  // namespace collab::mel
