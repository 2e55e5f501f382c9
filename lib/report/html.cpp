// The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched), readable on a
// phone (fluid grid, tables that scroll sideways) and printable (each section starts on a new page).
#include "report/report.h"
#include "report/sections.h"
#include "report/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace collab::report {

namespace {

const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 72rem;
       padding: 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin-top: 1.6rem; }
.provenance, .note { color: #555; font-size: .9rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: 0; list-style: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.nowrap { white-space: nowrap; }
figure { margin: .8rem 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: #444; }
.warning { border-left: 4px solid #b3261e; background: #fdecea; padding: .3rem .6rem; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .8rem; }
@media print {
  nav { display: none; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  figure { break-inside: avoid; }
  th { background: none; }
}
)";

std::string esc(const std::string& s) { return html_escape(s); }

std::string table_html(const Table& t) {
  if (t.rows.empty()) return "<p class=\"note\">Nothing to show.</p>\n";
  std::string out = "<div class=\"scroll\"><table>\n<thead><tr>";
  for (const auto& h : t.header) out += "<th scope=\"col\">" + esc(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      // Dates and months stay on one line (a browser may break them at their hyphens).
      bool date_like = row[i].size() >= 7 && std::isdigit(static_cast<unsigned char>(row[i][0])) && row[i][4] == '-' &&
                       row[i].find(' ') == std::string::npos;
      std::string open = i == 0 ? "<th scope=\"row\"" : "<td";
      bool url = std::find(t.url_columns.begin(), t.url_columns.end(), i) != t.url_columns.end();
      // Only an http(s) URL becomes a link; its text and its href are escaped like any data string.
      std::string cell = url && is_web_link(row[i]) ? "<a href=\"" + esc(row[i]) + "\">" + esc(row[i]) + "</a>" : esc(row[i]);
      out += open + (date_like ? " class=\"nowrap\">" : ">") + cell + (i == 0 ? "</th>" : "</td>");
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>\n" + svg + "\n<figcaption>" + esc(caption) + "</figcaption></figure>\n";
}

}  // namespace

std::string render_html(const ReportData& r) {
  const model::Project& p = *r.project;
  std::string name = p.collaborative ? p.collaborative->name : "Collaborative";
  std::string title = r.options.team ? fmt::format("{}: {}", name, team_name(r, *r.options.team)) : name;
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"collab " + esc(r.options.provenance.version) + "\">\n";
  out += "<title>" + esc(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + esc(title) + "</h1>\n<p class=\"provenance\">" + esc(provenance_text(r)) + "</p>\n</header>\n";

  struct Part {
    const char* id;
    const char* heading;
  };
  std::vector<Part> parts = {{"overview", "Overview"}, {"cohort", "Cohort"}};
  if (r.round) parts.push_back({"eoi-round", "EOI round"});
  parts.insert(parts.end(), {{"calendar", "Calendar"}, {"measures", "Measures"}});
  if (has_improvement(r)) parts.push_back({"improvement", "Improvement"});
  parts.insert(parts.end(), {{"completeness", "Data completeness"}, {"participation", "Participation"}, {"progress", "Progress"},
                             {"network", "Network"}});
  const std::vector<MelBlock> mel = mel_blocks(r);
  if (!mel.empty()) parts.push_back({"mel", "Monitoring, evaluation and learning"});
  out += "<nav aria-label=\"Sections\"><ul>\n";
  for (const auto& part : parts) out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", part.id, part.heading);
  out += "</ul></nav>\n<main>\n";

  auto open = [&](const char* id, const char* heading) { out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", id, heading); };
  auto close = [&] { out += "</section>\n"; };

  open("overview", "Overview");
  out += "<dl class=\"facts\">\n";
  for (const auto& [k, v] : overview_facts(r)) out += "<dt>" + esc(k) + "</dt><dd>" + esc(v) + "</dd>\n";
  out += "</dl>\n" + table_html(phases_table(r));
  close();

  open("cohort", "Cohort");
  std::vector<std::string> regions;
  for (const auto& [region, n] : r.regions) regions.push_back(fmt::format("{} {}", region, n));
  out += fmt::format("<p>{} teams from {} organizations{}.</p>\n", r.teams.size(), r.organizations,
                     regions.empty() ? "" : esc(fmt::format("; active teams by region: {}", fmt::join(regions, ", "))));
  out += table_html(teams_table(r));
  if (r.options.include_contacts) {
    out += "<h3>Contacts</h3>\n" + table_html(contacts_table(r));
  }
  close();

  if (r.round) {
    open("eoi-round", "EOI round");
    out += "<p>" + esc(reliability_text(r)) + "</p>\n" + table_html(eoi_table(r));
    close();
  }

  open("calendar", "Calendar");
  out += "<h3>Past events and attendance</h3>\n" + table_html(events_table(r, true));
  out += "<h3>Upcoming</h3>\n" + table_html(events_table(r, false));
  close();

  open("measures", "Measures");
  int chart = 0;
  bool charted = false, marked = false;
  each_charted_measure(r, [&](const model::Measure& measure, const MeasureSeries& series) {
    const model::Measure* m = &measure;
    charted = true;
    out += fmt::format("<h3 id=\"measure-{}\">{}</h3>\n<p class=\"note\">{}</p>\n", m->id, esc(m->name), esc(measure_definition(*m)));
    const metrics::SeriesResult* pooled = nullptr;
    std::vector<const metrics::SeriesResult*> teams;
    for (const auto* sp : series) {
      const metrics::SeriesResult& s = *sp;
      marked = marked || !s.annotations.empty();
      if (s.team.empty()) {
        pooled = &s;
      } else {
        teams.push_back(&s);
      }
    }
    if (pooled && !(r.options.team && teams.size() == 1)) {
      // The figure's caption names the chart, so the chart draws no title of its own (its <title> is
      // made from the data).
      ChartOptions o;
      o.unit = m->unit;
      o.id_prefix = fmt::format("c{}-", ++chart);
      out += figure(series_svg(*pooled, o), chart_title(r, *pooled, *m));
    }
    if (!teams.empty()) {
      out += "<div class=\"grid\">\n";
      for (const auto* s : teams) {
        ChartOptions o;
        o.unit = m->unit;
        if (teams.size() > 1) {  // small multiples: a smaller canvas keeps the text readable in a grid cell
          o.small = true;
          o.width = 320;
          o.height = 180;
        }
        o.id_prefix = fmt::format("c{}-", ++chart);
        out += figure(series_svg(*s, o), teams.size() > 1 ? series_label(r, *s) : chart_title(r, *s, *m));
      }
      out += "</div>\n";
    }
    out += table_html(measure_table(series, r));
  });
  if (!charted) out += "<p class=\"note\">No data reported yet.</p>\n";
  if (marked) out += "<p class=\"note\">" + esc(pdsa_legend_text()) + "</p>\n";
  close();

  if (has_improvement(r)) {
    open("improvement", "Improvement");
    if (p.driver_diagram) {
      out += "<p><strong>Aim:</strong> " + esc(aim_text(p.driver_diagram->aim)) + "</p>\n";
      ChartOptions o;
      o.width = 960;
      o.id_prefix = "driver-";
      const auto& spread = r.metrics.improvement ? r.metrics.improvement->ideas : std::vector<metrics::IdeaSpread>{};
      out += figure(driver_diagram_svg(*p.driver_diagram, own_ideas(r), spread, o),
                    "Driver diagram: the change package, with the teams listing, testing and adopting each idea");
    }
    out += "<p>" + esc(improvement_summary(r)) + "</p>\n";
    out += "<h3>Change ideas</h3>\n" + table_html(ideas_table(r));
    out += "<h3>Teams</h3>\n" + table_html(improvement_teams_table(r));
    out += "<h3>Ramps</h3>\n";
    if (r.metrics.improvement) {
      int ramp_chart = 0;
      for (const auto& t : r.metrics.improvement->teams) {
        if (t.cycles == 0) continue;
        ChartOptions o;
        o.width = 960;
        o.id_prefix = fmt::format("ramps{}-", ++ramp_chart);
        out += figure(ramps_svg(*r.metrics.improvement, t.team, o), "PDSA ramps: " + team_name(r, t.team));
      }
    }
    out += table_html(ramps_table(r));
    close();
  }

  open("completeness", "Data completeness");
  {
    std::optional<metrics::CompletenessResult> computed;
    ChartOptions o;
    o.id_prefix = "completeness-";
    const metrics::CompletenessResult& c = completeness_of(r, computed, o);
    if (!c.cells.empty() || !c.months.empty()) {
      out += figure(completeness_svg(c, o), "Data completeness by team and month");
    }
    out += table_html(completeness_table(r, c));
  }
  close();

  open("participation", "Participation");
  out += table_html(participation_table(r));
  close();

  open("progress", "Progress");
  {
    std::optional<metrics::ProgressResult> computed;
    const auto& progress = progress_of(r, computed);
    if (progress && !progress->periods.empty()) {
      ChartOptions o;
      o.id_prefix = "progress-";
      out += figure(progress_svg(*progress, o), "Progress scale (0.5-5.0) over time");
    }
    out += table_html(progress_table(progress));
  }
  close();

  open("network", "Network");
  {
    std::vector<metrics::NetworkWaveResult> computed;
    int wave = 0;
    const auto& network = network_of(r, computed);
    for (const auto& w : network) {
      ChartOptions o;
      o.height = 460;
      o.id_prefix = fmt::format("net{}-", ++wave);
      out += figure(network_svg(w, r.member_team, o), fmt::format("Network survey {} ({})", w.id, format_date(w.date)));
    }
    out += table_html(network_table(network));
  }
  close();

  if (!mel.empty()) {
    open("mel", "Monitoring, evaluation and learning");
    for (const auto& b : mel) {
      if (!b.heading.empty()) out += fmt::format("<h{0}>{1}</h{0}>\n", b.level, esc(b.heading));
      for (const auto& para : b.paragraphs) out += (para.warning ? "<p class=\"warning\">" : "<p>") + esc(para.text) + "</p>\n";
      if (b.chart == "membership" && r.metrics.membership) {
        ChartOptions o;
        o.id_prefix = "membership-";
        out += figure(membership_svg(*r.metrics.membership, o), "Members active at the end of each month");
      }
      for (const auto& t : b.tables) out += table_html(t);
    }
    close();
  }

  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace collab::report
