// What the HTML and Markdown renderers share: the report's sections as rows of already formatted text
// (numbers rounded for reading, data strings not yet escaped), so both show the same figures in the same
// words. Each renderer escapes and lays them out in its own syntax.
#pragma once

#include "report/report.h"

#include <string>
#include <vector>

namespace collab::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string number(const std::optional<double>& v, int decimals = 1);
std::string percent(const std::optional<double>& v);

// "Name (type)" pairs of the overview: kind, model, dates, current phase, sponsors, design.
std::vector<std::pair<std::string, std::string>> overview_facts(const ReportData& r);
Table phases_table(const ReportData& r);
Table teams_table(const ReportData& r);
Table contacts_table(const ReportData& r);  // empty unless contacts were asked for
Table eoi_table(const ReportData& r);       // decisions and their counts
std::string reliability_text(const ReportData& r);
Table events_table(const ReportData& r, bool past);
// Per measure: one row per series (pooled first) with baseline, latest, change, goal and signals.
Table measure_table(const ReportData& r, const std::string& measure);
std::string measure_definition(const model::Measure& m);
Table completeness_table(const ReportData& r);
Table participation_table(const ReportData& r);
Table progress_table(const ReportData& r);
Table network_table(const ReportData& r);

// Improvement work (metrics' improvement section and driver-diagram.yaml).
bool has_improvement(const ReportData& r);  // a driver diagram, or any cycle in scope
// "By June 2027, 80% ... (measure trauma-screening: 80 by 2027-06-30)"; empty without a driver diagram.
std::string aim_text(const model::Aim& aim);
std::string improvement_summary(const ReportData& r);
std::vector<const model::ChangeIdea*> own_ideas(const ReportData& r);  // of the teams in scope, by team
Table ideas_table(const ReportData& r);
Table improvement_teams_table(const ReportData& r);
Table ramps_table(const ReportData& r);
// On team charts: what the PDSA marks mean; empty when no chart has any.
std::string pdsa_legend(const ReportData& r);

// The measures in ID order that have a series in the report.
std::vector<const model::Measure*> charted_measures(const ReportData& r);
// A team's name, else its ID.
std::string team_name(const ReportData& r, const std::string& id);
// A series' team name ("(all teams)" for the pooled series).
std::string series_label(const ReportData& r, const metrics::SeriesResult& s);
// "Bayview Children's Trauma Clinic: Children screened for trauma at intake"
std::string chart_title(const ReportData& r, const metrics::SeriesResult& s, const model::Measure& m);
std::string provenance_text(const ReportData& r);

}  // namespace collab::report
