// What the HTML and Markdown renderers share: the report's sections as rows of already formatted text
// (numbers rounded for reading, data strings not yet escaped), so both show the same figures in the same
// words. Each renderer escapes and lays them out in its own syntax.
#pragma once

#include "report/report.h"
#include "report/svg.h"

#include <functional>
#include <string>
#include <vector>

namespace collab::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Columns whose cells are URLs: a link when the URL is http(s) and one line of printable text (is_web_link),
  // else plain text; escaped either way.
  std::vector<size_t> url_columns = {};
};

// An http:// or https:// URL (scheme in any case) of printable ASCII with no space, quote, backslash or
// angle bracket: the only URLs the report makes clickable.
bool is_web_link(const std::string& url);

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
std::string measure_definition(const model::Measure& m);
// The completeness section: ReportData's, or, when build_report left it out, computed into `computed`: with
// each team's months only (KeepCells::months) when `chart` draws a cell per team and month, as it does for a
// national network (its 288,000 cells are 29 MB: docs/performance.md), else with every cell.
const metrics::CompletenessResult& completeness_of(const ReportData& r, std::optional<metrics::CompletenessResult>& computed,
                                                   const ChartOptions& chart);
Table completeness_table(const ReportData& r, const metrics::CompletenessResult& c);
Table participation_table(const ReportData& r);
// The progress and network sections: ReportData's, or, when build_report left them out
// (computed_when_rendered), computed into `computed` as the renderer reaches them, so that they are not held
// while the measures' charts are drawn (docs/performance.md).
const std::optional<metrics::ProgressResult>& progress_of(const ReportData& r, std::optional<metrics::ProgressResult>& computed);
const std::vector<metrics::NetworkWaveResult>& network_of(const ReportData& r, std::vector<metrics::NetworkWaveResult>& computed);
Table progress_table(const std::optional<metrics::ProgressResult>& progress);
Table network_table(const std::vector<metrics::NetworkWaveResult>& waves);

// Improvement work (metrics' improvement section and driver-diagram.yaml).
bool has_improvement(const ReportData& r);  // a driver diagram, or any cycle in scope
// "By June 2027, 80% ... (measure trauma-screening: 80 by 2027-06-30)"; empty without a driver diagram.
std::string aim_text(const model::Aim& aim);
std::string improvement_summary(const ReportData& r);
std::vector<const model::ChangeIdea*> own_ideas(const ReportData& r);  // of the teams in scope, by team
Table ideas_table(const ReportData& r);
Table improvement_teams_table(const ReportData& r);
Table ramps_table(const ReportData& r);
// Under the team charts that have PDSA marks: what the marks mean.
std::string pdsa_legend_text();

// Monitoring, evaluation and learning (lib/mel, through metrics' evaluation sections). The figures are
// collaborative-wide, so only a whole-collaborative report shows them, and only when there is something to
// show: theory-of-change.yaml, surveys/, learning-agenda.yaml, outcomes/, products/ or resources.yaml.
bool has_mel(const ReportData& r);

// A paragraph of the section; a warning is set apart (a funder dominates, the review is overdue).
struct Paragraph {
  std::string text;
  bool warning = false;
};

// One part of the section, in order: a heading (level 3 for a topic, 4 inside one; none when empty), its
// paragraphs, the chart named by `chart` ("membership": active members by month, drawn by the renderer),
// then its tables.
struct MelBlock {
  int level = 3;
  std::string heading;
  std::vector<Paragraph> paragraphs;
  std::string chart;
  std::vector<Table> tables;
};
std::vector<MelBlock> mel_blocks(const ReportData& r);

// The pieces mel_blocks is made of (empty when their part of metrics is missing).
std::string amount_text(double v);                // 1,500,000 or 1,234.50
std::string shorten(const std::string& text, size_t max_bytes);  // at a space, with "..." when cut
Table membership_table(const ReportData& r);      // month, active, new, lapsed
Table milestones_table(const ReportData& r);
Table claim_links_table(const ReportData& r, const mel::ClaimAssessment& c);
Table survey_events_table(const ReportData& r, const mel::SurveyFeedback& s);  // per event, and all events
Table survey_items_table(const ReportData& r, const mel::SurveyFeedback& s);
Table survey_levels_table(const mel::SurveyFeedback& s);
Table follow_ups_table(const ReportData& r, const mel::SurveyFeedback& s);
Table agenda_table(const ReportData& r);
Table outcomes_table(const ReportData& r);
Table products_table(const ReportData& r);        // its link column is a URL column
Table funding_years_table(const ReportData& r);   // per year and overall: total, funders, HHI, effective number
Table funders_table(const ReportData& r);         // per funder: each year's amount, total, share
Table in_kind_table(const ReportData& r, bool by_member);  // by category, or by member with their team

// Each measure that has a series, in ID order, with its series (the pooled one first, then each team's,
// with their PDSA marks): those of ReportData, or, when build_report left them out
// (ReportOptions::computed_when_rendered), computed here as many measures at a time as there are threads
// and dropped after `fn` returns.
using MeasureSeries = std::vector<const metrics::SeriesResult*>;
void each_charted_measure(const ReportData& r, const std::function<void(const model::Measure&, const MeasureSeries&)>& fn);
// Per measure: one row per series (pooled first) with baseline, latest, change, goal and signals.
Table measure_table(const MeasureSeries& series, const ReportData& r);
// A team's name, else its ID.
std::string team_name(const ReportData& r, const std::string& id);
// A series' team name ("(all teams)" for the pooled series).
std::string series_label(const ReportData& r, const metrics::SeriesResult& s);
// "Bayview Children's Trauma Clinic: Children screened for trauma at intake"
std::string chart_title(const ReportData& r, const metrics::SeriesResult& s, const model::Measure& m);
std::string provenance_text(const ReportData& r);

}  // namespace collab::report
