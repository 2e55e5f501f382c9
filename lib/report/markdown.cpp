// The Markdown report, for GitHub and GitLab: CommonMark with pipe tables; every chart is an SVG file in
// charts/ beside report.md, linked as an image. Data strings are escaped (report.h, markdown_escape).
#include "report/report.h"
#include "report/sections.h"
#include "report/svg.h"

#include "core/parallel.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace collab::report {

namespace {

// A small-multiples file of n charts, in order, each under label(i), at size(i) (series_svg_size,
// ramps_svg_size): the grid's opening first, then its rows as they are laid out, each piece handed to
// put(piece, last). draw(i) makes chart i. The charts are drawn on worker threads (core/parallel.h) a block
// at a time, so that at most a block of them is held at once, and the block before is handed on beside
// them: the grid is never held whole.
template <class Size, class Draw, class Label, class Put>
Status stream_grid(int columns, std::string title, std::string desc, std::string id_prefix, size_t n, const Size& size,
                   const Draw& draw, const Label& label, const Put& put) {
  constexpr size_t kBlock = 64;  // at L, 64 team charts are 1.4 MB; 256 held 5.6 MB at the report's peak
  std::vector<std::string> labels(n);
  std::vector<SvgGrid::Planned> plan(n);
  for (size_t i = 0; i < n; ++i) {
    labels[i] = label(i);
    plan[i] = {size(i), !labels[i].empty()};
  }
  SvgGrid grid(columns, std::move(title), std::move(desc), std::move(id_prefix), std::move(plan));
  std::string ready = grid.open();  // handed on while the next block is drawn
  Status put_ready = Ok{};
  std::vector<std::string> drawn;
  for (size_t from = 0; from < n; from += kBlock) {
    const size_t to = std::min(n, from + kBlock);
    drawn.assign(to - from, std::string());
    // Task 0 hands on what is ready; the others draw (the threads take them in order).
    parallel_for(to - from + 1, worker_threads(), [&](size_t i) {
      if (i == 0) {
        put_ready = put(std::move(ready), false);
      } else {
        drawn[i - 1] = draw(from + i - 1);
      }
    });
    if (!put_ready) return put_ready;
    for (size_t i = from; i < to; ++i) grid.add(std::move(labels[i]), std::move(drawn[i - from]));
    ready = grid.take();
  }
  auto rest = grid.finish();
  if (!rest) return rest.error();
  return put(ready + *rest, true);
}

std::string md(const std::string& s) { return markdown_escape(s); }

// An http(s) URL (is_web_link: no space, control, quote, backslash, backtick or angle bracket) as a CommonMark
// autolink, <URL>, in which nothing is emphasis or markup; '|' escaped as GFM tables want inside a cell.
std::string autolink(const std::string& url) {
  std::string out = "<";
  for (char c : url) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out + ">";
}

std::string table_md(const Table& t) {
  if (t.rows.empty()) return "Nothing to show.\n\n";
  std::string out = "|";
  for (const auto& h : t.header) out += " " + md(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < t.header.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (size_t i = 0; i < row.size(); ++i) {
      bool url = std::find(t.url_columns.begin(), t.url_columns.end(), i) != t.url_columns.end();
      out += " " + (url && is_web_link(row[i]) ? autolink(row[i]) : md(row[i])) + " |";
    }
    out += "\n";
  }
  return out + "\n";
}

}  // namespace

MarkdownReport render_markdown(const ReportData& r) {
  MarkdownReport rep;
  bool open = false;  // the last file has more pieces to come
  auto text = render_markdown(r, [&](const std::string& path, std::string piece, bool last) -> Status {
    if (open) {
      rep.files.back().second += piece;
    } else {
      rep.files.emplace_back(path, std::move(piece));
    }
    open = !last;
    return Ok{};
  });
  rep.markdown = std::move(*text);  // this sink never fails
  return rep;
}

Result<std::string> render_markdown(const ReportData& r, const ChartSink& sink) {
  const model::Project& p = *r.project;
  std::string name = p.collaborative ? p.collaborative->name : "Collaborative";
  std::string title = r.options.team ? fmt::format("{}: {}", name, team_name(r, *r.options.team)) : name;
  std::string out;
  std::optional<Error> failed;  // the sink's first error: no chart is drawn after it
  // `draw` makes the SVG only when it is needed.
  auto chart = [&](const std::string& file, const auto& draw, const std::string& alt) {
    if (failed) return;
    if (Status s = sink("charts/" + file, draw(), true); !s) failed = s.error();
    out += fmt::format("![{}](charts/{})\n\n", md(alt), file);
  };
  // A small-multiples file: stream(put) hands its pieces to put(piece, last).
  auto grid_chart = [&](const std::string& file, const auto& stream, const std::string& alt) {
    if (failed) return;
    const std::string path = "charts/" + file;
    if (Status s = stream([&](std::string piece, bool last) { return sink(path, std::move(piece), last); }); !s) failed = s.error();
    out += fmt::format("![{}](charts/{})\n\n", md(alt), file);
  };

  out += "# " + md(title) + "\n\n_" + md(provenance_text(r)) + "_\n\n";
  out += "## Overview\n\n";
  for (const auto& [k, v] : overview_facts(r)) out += "- **" + md(k) + ":** " + md(v) + "\n";
  out += "\n" + table_md(phases_table(r));

  out += "## Cohort\n\n";
  std::vector<std::string> regions;
  for (const auto& [region, n] : r.regions) regions.push_back(fmt::format("{} {}", region, n));
  out += md(fmt::format("{} teams from {} organizations{}.", r.teams.size(), r.organizations,
                        regions.empty() ? "" : fmt::format("; active teams by region: {}", fmt::join(regions, ", ")))) + "\n\n";
  out += table_md(teams_table(r));
  if (r.options.include_contacts) out += "### Contacts\n\n" + table_md(contacts_table(r));

  if (r.round) out += "## EOI round\n\n" + md(reliability_text(r)) + "\n\n" + table_md(eoi_table(r));

  out += "## Calendar\n\n### Past events and attendance\n\n" + table_md(events_table(r, true));
  out += "### Upcoming\n\n" + table_md(events_table(r, false));

  out += "## Measures\n\n";
  bool charted = false, marked = false;
  each_charted_measure(r, [&](const model::Measure& measure, const MeasureSeries& series) {
    const model::Measure* m = &measure;
    charted = true;
    out += "### " + md(m->name) + "\n\n" + md(measure_definition(*m)) + "\n\n";
    std::vector<const metrics::SeriesResult*> teams;
    for (const auto* sp : series) {
      const metrics::SeriesResult& s = *sp;
      marked = marked || !s.annotations.empty();
      if (s.team.empty() && r.options.team) continue;  // one team: its own chart says it all
      if (!s.team.empty() && !r.options.team) {
        teams.push_back(&s);
        continue;
      }
      ChartOptions o;
      o.title = chart_title(r, s, *m);
      o.unit = m->unit;
      o.id_prefix = m->id + "-" + (s.team.empty() ? std::string("all") : s.team) + "-";
      // IDs are slugs (no '.'), so "<measure>.svg" and "<measure>.<team>.svg" never collide.
      chart(s.team.empty() ? m->id + ".svg" : m->id + "." + s.team + ".svg", [&] { return series_svg(s, o); }, o.title);
    }
    if (!teams.empty()) {
      // Small multiples: every team's chart in one file, as the HTML report lays them out (one file per
      // team and measure would be thousands of files for a national network). A team's own report has
      // "<measure>.<team>.svg" instead (above); a whole report never does, whatever data came in. One
      // team's chart is drawn at full size, as in the HTML report.
      const bool one = teams.size() == 1;
      const std::string title =
          fmt::format("{}: each team's chart ({} team{})", m->name, teams.size(), one ? "" : "s");
      auto options = [&](size_t i) {
        ChartOptions o;
        o.unit = m->unit;
        if (one) {
          o.title = chart_title(r, *teams[i], *m);
        } else {
          o.small = true;
          o.width = 320;
          o.height = 180;
        }
        o.id_prefix = m->id + "-" + teams[i]->team + "-";
        return o;
      };
      grid_chart(m->id + ".teams.svg", [&](const auto& put) {
        // The grid's ids start "grid_": an underscore is in no ID, so no chart's prefix starts so.
        return stream_grid(
            3, title, fmt::format("{}: the charts of {} team{}, in the order of the teams.", m->name, teams.size(), one ? "" : "s"),
            "grid_" + m->id + "_", teams.size(), [&](size_t i) { return series_svg_size(*teams[i], options(i)); },
            [&](size_t i) { return series_svg(*teams[i], options(i)); },
            [&](size_t i) { return one ? std::string() : series_label(r, *teams[i]); }, put);
      }, title);
    }
    out += table_md(measure_table(series, r));
  });
  if (!charted) out += "No data reported yet.\n\n";
  if (marked) out += md(pdsa_legend_text()) + "\n\n";

  if (has_improvement(r)) {
    out += "## Improvement\n\n";
    if (p.driver_diagram) {
      out += "**Aim:** " + md(aim_text(p.driver_diagram->aim)) + "\n\n";
      ChartOptions o;
      o.width = 960;
      o.title = "Driver diagram";
      o.id_prefix = "driver-";
      const auto& spread = r.metrics.improvement ? r.metrics.improvement->ideas : std::vector<metrics::IdeaSpread>{};
      chart("driver-diagram.svg", [&] { return driver_diagram_svg(*p.driver_diagram, own_ideas(r), spread, o); }, o.title);
    }
    out += md(improvement_summary(r)) + "\n\n";
    out += "### Change ideas\n\n" + table_md(ideas_table(r));
    out += "### Teams\n\n" + table_md(improvement_teams_table(r));
    out += "### Ramps\n\n";
    if (r.metrics.improvement) {
      std::vector<const metrics::TeamImprovement*> teams;
      for (const auto& t : r.metrics.improvement->teams) {
        if (t.cycles > 0) teams.push_back(&t);
      }
      auto options = [&](const metrics::TeamImprovement& t) {
        ChartOptions o;
        o.width = 960;
        o.title = "PDSA ramps: " + team_name(r, t.team);
        o.id_prefix = "ramps-" + t.team + "-";
        return o;
      };
      // Underscores are in no ID, so no measure's chart has these names: "pdsa_ramps.<team>.svg" in a team's
      // report, "pdsa_ramps.svg" with every team's ramps one below the other, each under the team's name.
      if (r.options.team) {
        for (const auto* t : teams) {
          const ChartOptions o = options(*t);
          chart("pdsa_ramps." + t->team + ".svg", [&] { return ramps_svg(*r.metrics.improvement, t->team, o); }, o.title);
        }
      } else if (!teams.empty()) {
        const std::string title = fmt::format("PDSA ramps of {} team{}", teams.size(), teams.size() == 1 ? "" : "s");
        const metrics::ImprovementResult& im = *r.metrics.improvement;
        grid_chart("pdsa_ramps.svg", [&](const auto& put) {
          return stream_grid(
              1, title, fmt::format("The PDSA ramps of the {} team{} with cycles, one below the other, in the order of the teams.",
                                    teams.size(), teams.size() == 1 ? "" : "s"),
              "grid_ramps_", teams.size(), [&](size_t i) { return ramps_svg_size(im, teams[i]->team, options(*teams[i])); },
              [&](size_t i) { return ramps_svg(im, teams[i]->team, options(*teams[i])); },
              [&](size_t i) { return team_name(r, teams[i]->team); }, put);
        }, title);
      }
    }
    out += table_md(ramps_table(r));
  }

  out += "## Data completeness\n\n";
  {
    std::optional<metrics::CompletenessResult> computed;
    ChartOptions o;
    o.title = "Data completeness by team and month";
    o.id_prefix = "completeness-";
    const metrics::CompletenessResult& c = completeness_of(r, computed, o);
    if (!c.cells.empty() || !c.months.empty()) {
      chart("completeness.svg", [&] { return completeness_svg(c, o); }, o.title);
    }
    out += table_md(completeness_table(r, c));
  }

  out += "## Participation\n\n" + table_md(participation_table(r));

  out += "## Progress\n\n";
  {
    std::optional<metrics::ProgressResult> computed;
    const auto& progress = progress_of(r, computed);
    if (progress && !progress->periods.empty()) {
      ChartOptions o;
      o.title = "Progress scale (0.5-5.0) over time";
      o.id_prefix = "progress-";
      chart("progress.svg", [&] { return progress_svg(*progress, o); }, o.title);
    }
    out += table_md(progress_table(progress));
  }

  out += "## Network\n\n";
  {
    std::vector<metrics::NetworkWaveResult> computed;
    const auto& network = network_of(r, computed);
    std::vector<ChartOptions> options(network.size());
    for (size_t k = 0; k < network.size(); ++k) {
      options[k].title = fmt::format("Network survey {} ({})", network[k].id, format_date(network[k].date));
      options[k].height = 460;
      options[k].id_prefix = "network-" + network[k].id + "-";
    }
    // The waves' charts side by side, on worker threads (a national network's two are 2 MB each).
    std::vector<std::string> drawn(failed ? 0 : network.size());
    parallel_for(drawn.size(), worker_threads(), [&](size_t k) { drawn[k] = network_svg(network[k], r.member_team, options[k]); });
    for (size_t k = 0; k < drawn.size(); ++k) {
      chart("network." + network[k].id + ".svg", [&] { return std::move(drawn[k]); }, options[k].title);
    }
    out += table_md(network_table(network));
  }

  if (const std::vector<MelBlock> mel = mel_blocks(r); !mel.empty()) {
    out += "## Monitoring, evaluation and learning\n\n";
    for (const auto& b : mel) {
      if (!b.heading.empty()) out += std::string(static_cast<size_t>(b.level), '#') + " " + md(b.heading) + "\n\n";
      for (const auto& para : b.paragraphs) out += (para.warning ? "> **" + md(para.text) + "**" : md(para.text)) + "\n\n";
      if (b.chart == "membership" && r.metrics.membership) {
        ChartOptions o;
        o.title = "Members active at the end of each month";
        o.id_prefix = "membership-";
        // An underscore is in no ID (IDs are slugs), so no measure's or team's chart has this name.
        chart("members_by_month.svg", [&] { return membership_svg(*r.metrics.membership, o); }, o.title);
      }
      for (const auto& t : b.tables) out += table_md(t);
    }
  }
  if (failed) return *failed;
  return out;
}

}  // namespace collab::report
