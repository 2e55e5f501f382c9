// The report that sponsors, faculty and teams read: the collaborative as it stands, gathered into one
// ReportData (overview, cohort, EOI round, calendar, measures, completeness, progress, participation,
// network, monitoring, evaluation and learning) and rendered as self-contained HTML, Markdown with SVG files
// beside it, or JSON (docs/report.md). The numbers are those of lib/metrics and lib/scoring: nothing is
// computed twice.
#pragma once

#include "core/dates.h"
#include "metrics/metrics.h"
#include "model/project.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::report {

// Where the report came from; the CLI fills it (git, the clock, the build).
struct Provenance {
  std::string version;    // collab's
  std::string commit;     // the git commit of the collaborative, empty when it is not in git
  bool dirty = false;     // uncommitted changes in the collaborative's folder
  std::string generated;  // UTC, YYYY-MM-DDTHH:MM:SSZ (SOURCE_DATE_EPOCH when set)
};

struct ReportOptions {
  std::optional<std::string> team;  // one team's report
  std::optional<Period> from, to;   // the periods shown
  bool include_contacts = false;    // emails and phones appear only when asked for
  Date as_of;                       // "today" for the current phase, past and upcoming events, completeness
  Provenance provenance;
  // Leave the measures' series, the completeness cells, the progress and the network sections out of
  // ReportData: the HTML and Markdown renderers then compute each as they draw it (the series a measure at a
  // time), so a national network's 300,000 chart points and 288,000 cells are never all held together, nor
  // the later sections while the measures' charts are drawn (docs/performance.md). to_json prints
  // ReportData as it is, so it needs them there: false.
  bool computed_when_rendered = false;
};

struct TeamRow {
  std::string id, name, organization, region, country, status;
  std::optional<Date> joined, left;  // left: withdrawal or completion
  std::string withdrawal_reason;
  int members = 0;
  bool core_team_complete = false;       // every required role filled and the member count within limits
  std::vector<std::string> missing_roles;
  std::map<std::string, int> engagement;
  struct Contact {
    std::string name, email, roles;
  };
  std::vector<Contact> contacts;  // only with include_contacts
};

struct EventRow {
  std::string event, name, type, format, location;
  std::string start, end;  // local date-times (or dates) in the event's time zone, as written
  std::string timezone;
  bool past = false;
  std::optional<int> present, teams_present, teams_expected;  // from its attendance file, when there is one
};

// What the report shows of the EOI round (scoring::RoundResult): its figures, not each EOI's scores (9 MB
// for a national network's 2,500 EOIs: docs/performance.md).
struct EoiRound {
  size_t applications = 0;
  std::optional<int> capacity;
  std::optional<double> icc, alpha;  // ICC(2,1) and Krippendorff's alpha, when computable
  bool quotas_feasible = true;
};

struct ReportData {
  ReportOptions options;
  const model::Project* project = nullptr;
  std::string current_phase;  // the phase holding as_of, by name
  std::vector<TeamRow> teams;
  std::map<std::string, int> regions;  // active teams per region (or country when no region)
  int organizations = 0;
  std::optional<EoiRound> round;              // whole-collaborative reports only
  std::map<std::string, int> eoi_decisions;   // decision -> EOIs
  std::vector<EventRow> events;               // by start
  metrics::MetricsResult metrics;
  std::map<std::string, std::string> member_team;  // for the network map
};

// Gathers everything; fails on a --team that does not exist.
Result<ReportData> build_report(const model::Project& project, const ReportOptions& options);

nlohmann::json to_json(const ReportData& r);

// One self-contained HTML page: inline CSS and SVG, no script, no external resource.
std::string render_html(const ReportData& r);

// Markdown for GitHub and GitLab; the charts are returned as files (charts/<name>.svg) that the Markdown
// links to, to be written beside it.
struct MarkdownReport {
  std::string markdown;
  std::vector<std::pair<std::string, std::string>> files;  // relative path, content
};
MarkdownReport render_markdown(const ReportData& r);

// The same, handing each chart to `sink` as soon as it is drawn instead of keeping it (a national network's
// report has thousands of charts: docs/performance.md); returns report.md's text, or the sink's first error,
// after which no chart is drawn. A chart comes in one or more pieces, in order, one chart after the other:
// a small-multiples file a block of rows at a time, as its charts are drawn (a national network's is 14 MB);
// `last` marks a chart's last piece.
using ChartSink = std::function<Status(const std::string& path, std::string piece, bool last)>;
Result<std::string> render_markdown(const ReportData& r, const ChartSink& sink);

// Escaping for data strings.
std::string html_escape(std::string_view text);
std::string markdown_escape(std::string_view text);  // inline text and table cells

}  // namespace collab::report
