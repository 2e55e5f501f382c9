// Everything `collab metrics` computes, in one result, and its JSON and CSV forms (docs/metrics.md). The
// report (collab report) draws from the same result, so a chart shows exactly the numbers printed here.
#pragma once

#include "metrics/health.h"
#include "metrics/improvement.h"
#include "metrics/measures.h"
#include "metrics/network.h"
#include "mel/agenda.h"
#include "mel/evaluation.h"
#include "mel/feedback.h"
#include "mel/resources.h"
#include "model/project.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::metrics {

// The first six are the core data set and improvement work; the rest are monitoring, evaluation and learning
// (lib/mel), collaborative-wide: --team, --measure, --from and --to do not narrow them.
enum class Section { measures, completeness, participation, progress, network, improvement,
                     milestones, contribution, feedback, agenda, outcomes, products, resources, membership };
const std::vector<std::string>& section_names();  // in Section order
std::optional<Section> parse_section(const std::string& name);
// What `collab metrics` shows when no --section is given: the first six, membership, and each evaluation
// section whose file is there (theory-of-change.yaml, surveys/, learning-agenda.yaml, outcomes/, products/,
// resources.yaml).
std::set<Section> default_sections(const model::Project& project);

// The kinds of file `collab metrics` reads (model::load_project's `only`): every kind but the application
// round's (rubric.yaml, eois/, reviews/, decisions.yaml) and enroll's mappings/, which no section uses.
const std::set<model::FileKind>& metrics_reads();

// One network survey wave: the nodes are the members of the teams active on its date (every member in
// scope); ties of every relation count, a pair named under two relations once (strength and trust averaged).
struct NetworkWaveResult {
  std::string id;
  Date date;
  NetworkMetrics metrics;
  std::map<std::string, int> ties_by_relation;
  std::optional<WaveComparison> change;  // from the wave before, when there is one
};

struct MetricsResult {
  std::string collaborative;
  Date as_of;
  Scope scope;
  std::set<Section> sections;
  std::vector<SeriesResult> series;
  std::optional<CompletenessResult> completeness;
  std::optional<ParticipationResult> participation;
  std::optional<ProgressResult> progress;
  std::vector<NetworkWaveResult> network;  // by date
  std::optional<ImprovementResult> improvement;
  std::optional<mel::MilestonesResult> milestones;
  std::optional<std::vector<mel::ClaimAssessment>> contribution;
  std::optional<mel::FeedbackResult> feedback;
  std::optional<mel::AgendaResult> agenda;
  std::optional<mel::HarvestResult> outcomes;
  std::optional<mel::ProductsResult> products;
  std::optional<mel::ResourcesResult> resources;
  std::optional<mel::MembershipResult> membership;
};

std::vector<NetworkWaveResult> network_waves(const model::Project& project, const Scope& scope);

// quiet_weeks: a team with no PDSA activity for this many weeks is "quiet" (improvement section).
// open_answers: the feedback section keeps the text of open answers (otherwise only their number).
MetricsResult compute_metrics(const model::Project& project, const Scope& scope, const Date& as_of, const std::set<Section>& sections,
                              int quiet_weeks = 8, bool open_answers = false);

// Numbers are rounded to 6 decimals; a value that does not exist is null (docs/metrics.md, "JSON").
nlohmann::json to_json(const MetricsResult& r, const model::Project& project);
nlohmann::json to_json(const SeriesResult& s, const model::Project& project);

// Long-form CSV of one section (RFC 4180, CRLF, formula-guarded text): for measures one row per team x
// measure x period with every computed field; for completeness one row per cell; for participation one
// row per team x event type; for progress one row per team x period; for network one row per wave x
// member; for improvement one row per PDSA cycle.
std::string to_csv(const MetricsResult& r, Section section);

}  // namespace collab::metrics
