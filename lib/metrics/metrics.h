// Everything `collab metrics` computes, in one result, and its JSON and CSV forms (docs/metrics.md). The
// report (collab report) draws from the same result, so a chart shows exactly the numbers printed here.
#pragma once

#include "metrics/health.h"
#include "metrics/improvement.h"
#include "metrics/measures.h"
#include "metrics/network.h"
#include "model/project.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::metrics {

enum class Section { measures, completeness, participation, progress, network, improvement };
const std::vector<std::string>& section_names();  // in Section order
std::optional<Section> parse_section(const std::string& name);

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
};

std::vector<NetworkWaveResult> network_waves(const model::Project& project, const Scope& scope);

// quiet_weeks: a team with no PDSA activity for this many weeks is "quiet" (improvement section).
MetricsResult compute_metrics(const model::Project& project, const Scope& scope, const Date& as_of, const std::set<Section>& sections,
                              int quiet_weeks = 8);

// Numbers are rounded to 6 decimals; a value that does not exist is null (docs/metrics.md, "JSON").
nlohmann::json to_json(const MetricsResult& r, const model::Project& project);
nlohmann::json to_json(const SeriesResult& s, const model::Project& project);

// Long-form CSV of one section (RFC 4180, CRLF, formula-guarded text): for measures one row per team x
// measure x period with every computed field; for completeness one row per cell; for participation one
// row per team x event type; for progress one row per team x period; for network one row per wave x
// member; for improvement one row per PDSA cycle.
std::string to_csv(const MetricsResult& r, Section section);

}  // namespace collab::metrics
