// The report's Monitoring, evaluation and learning section (lib/report/sections.h): its tables on the R4D
// example with figures checked by hand, when the section appears, and the escaping of data strings and URLs
// in both renderers.
#include "report/report.h"
#include "report/sections.h"
#include "report/svg.h"

#include "io/diagnostic.h"
#include "model/project.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

using namespace collab;
using namespace collab::report;

namespace {

model::Project r4d() {
  Diagnostics d;
  return model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/r4d-phc-network", "", d);
}

ReportData build(const model::Project& p, std::optional<std::string> team = std::nullopt) {
  ReportOptions o;
  o.as_of = date::year(2027) / 7 / 16;
  o.team = std::move(team);
  auto r = build_report(p, o);
  REQUIRE(r);
  return std::move(*r);
}

const std::vector<std::string>* row_of(const Table& t, const std::string& first) {
  for (const auto& row : t.rows) {
    if (!row.empty() && row[0] == first) return &row;
  }
  return nullptr;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("report MEL: amounts, shortened text and web links", "[report][mel]") {
  CHECK(amount_text(1500000) == "1,500,000");
  CHECK(amount_text(1234.5) == "1,234.50");
  CHECK(amount_text(999) == "999");
  CHECK(amount_text(-0.001) == "0");
  CHECK(amount_text(-2500) == "-2,500");

  CHECK(shorten("aaa bbb ccc", 20) == "aaa bbb ccc");
  CHECK(shorten("aaa bbb ccc", 7) == "aaa bbb...");
  CHECK(shorten("aaa, bbb ccc", 5) == "aaa...");
  CHECK(shorten("\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9...");  // never inside a UTF-8 sequence

  CHECK(is_web_link("https://phc-cln.example.org/products/x?a=1&b=2"));
  CHECK(is_web_link("HTTP://example.org"));
  CHECK_FALSE(is_web_link("http://"));
  CHECK_FALSE(is_web_link("javascript:alert(1)"));
  CHECK_FALSE(is_web_link("ftp://example.org/file"));
  CHECK_FALSE(is_web_link("https://example.org/\"><script>"));
  CHECK_FALSE(is_web_link("https://example.org/a b"));
  CHECK_FALSE(is_web_link("https://example.org/\x01"));
  CHECK_FALSE(is_web_link("-"));
}

TEST_CASE("report MEL: funding concentration by hand", "[report][mel]") {
  const auto p = r4d();
  const auto r = build(p);
  // 2026: 400,000 / 250,000 / 250,000 / 100,000 of 1,000,000: HHI = .16 + .0625 + .0625 + .01 = .295, 1/HHI = 3.39.
  // 2027: 260,000 / 120,000 / 100,000 / 20,000 of 500,000: HHI = .2704 + .0576 + .04 + .0016 = .3696, 1/HHI = 2.71;
  // Meridian's 52% > 50% dominates. All years: 660/370/350/120 of 1,500: HHI = .3153, 1/HHI = 3.17.
  const Table years = funding_years_table(r);
  REQUIRE(years.rows.size() == 3);
  CHECK(years.rows[0] == std::vector<std::string>{"2026", "1,000,000", "4", "0.295", "3.39", "Meridian Global Health Foundation (40%)", "no"});
  CHECK(years.rows[1] == std::vector<std::string>{"2027", "500,000", "4", "0.370", "2.71", "Meridian Global Health Foundation (52%)", "yes"});
  CHECK(years.rows[2] == std::vector<std::string>{"All years", "1,500,000", "4", "0.315", "3.17", "Meridian Global Health Foundation (44%)", "no"});
  const Table funders = funders_table(r);
  CHECK(funders.header == std::vector<std::string>{"Funder", "2026", "2027", "Total", "Share"});
  REQUIRE(row_of(funders, "Meridian Global Health Foundation"));
  CHECK(*row_of(funders, "Meridian Global Health Foundation") ==
        std::vector<std::string>{"Meridian Global Health Foundation", "400,000", "260,000", "660,000", "44%"});

  // The warning is a paragraph of its own, marked as one.
  const auto blocks = mel_blocks(r);
  auto res = std::find_if(blocks.begin(), blocks.end(), [](const MelBlock& b) { return b.heading == "Resources"; });
  REQUIRE(res != blocks.end());
  int warnings = 0;
  for (const auto& para : res->paragraphs) {
    if (!para.warning) continue;
    ++warnings;
    CHECK(para.text == "Warning: Meridian Global Health Foundation gave 52% of the funding in 2027, more than 50%: one funder dominates.");
  }
  CHECK(warnings == 1);

  // In-kind: Mercy Wafula hosted the convening (18,000) and gave 24 expertise hours at 120: 18,960.
  const Table members = in_kind_table(r, true);
  REQUIRE(row_of(members, "Mercy Wafula"));
  CHECK(*row_of(members, "Mercy Wafula") == std::vector<std::string>{"Mercy Wafula", "Kenya country team", "2", "24", "18,960"});
}

TEST_CASE("report MEL: milestones, claims, feedback, agenda, products", "[report][mel]") {
  const auto p = r4d();
  const auto r = build(p);
  // finance-at-exchanges: due 2026-10-31, not met; to 2027-07-16 is 30+31+31+28+31+30+31+30+16 = 258 days.
  const Table ms = milestones_table(r);
  REQUIRE(ms.rows.size() == 6);
  CHECK(ms.rows[2][2] == "7 teams");
  CHECK(ms.rows[2][3] == "3");
  CHECK(ms.rows[2][4] == "2026-10-31");
  CHECK(ms.rows[2][5] == "overdue by 258 days");
  CHECK(ms.rows[0][5] == "met 2026-09-15");
  CHECK(ms.rows[0][1] == "Teams change how PHC budgets are released and executed");

  REQUIRE(r.metrics.contribution);
  const auto& cohesion = r.metrics.contribution->at(1);
  const Table links = claim_links_table(r, cohesion);
  REQUIRE(links.rows.size() == 3);
  CHECK(links.rows[1] == std::vector<std::string>{"2", "Country pairings", "Members of different countries and agencies work together", "0",
                                                  "1 open, 0 partly, 0 ruled out", "no", "weakest (not supported)"});
  CHECK(links.rows[0][6].empty());

  // Post-event feedback at the launch: 34 attended, 14 complete and 1 partial: RR1 14/34 = 41%, RR2 15/34 = 44%.
  REQUIRE(r.metrics.feedback);
  const auto& survey = r.metrics.feedback->surveys.at(0);
  const Table events = survey_events_table(r, survey);
  CHECK(events.rows.front() == std::vector<std::string>{"Virtual launch and learning agenda", "2026-04-22", "34", "14", "1", "0", "41%", "44%"});
  CHECK(events.rows.back()[0] == "All events");
  const Table items = survey_items_table(r, survey);
  CHECK(items.rows.back()[1] == "open");  // the number of open answers, never their text
  CHECK(items.rows.back()[3] == "21");
  CHECK(items.rows[4][6] == "+33");

  const Table agenda = agenda_table(r);
  REQUIRE(agenda.rows.size() == 6);
  CHECK(agenda.rows[3][0] == "4");
  CHECK(agenda.rows[3][6] == "groups");

  const Table products = products_table(r);
  CHECK(products.url_columns == std::vector<size_t>{4});
  CHECK(products.rows[0][4] == "https://phc-cln.example.org/products/budget-execution-toolkit");
  CHECK(products.rows[0][5] == "ethiopia-toolkit-use, kenya-ring-fencing");
}

TEST_CASE("report MEL: only in a whole-collaborative report with MEL files", "[report][mel]") {
  auto p = r4d();
  CHECK(has_mel(build(p)));
  CHECK_FALSE(has_mel(build(p, "kenya")));
  CHECK(mel_blocks(build(p, "kenya")).empty());
  CHECK(render_html(build(p, "kenya")).find("id=\"mel\"") == std::string::npos);

  Diagnostics d;
  const auto nctsn = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d);
  const auto r = build(nctsn);
  CHECK_FALSE(has_mel(r));
  CHECK(render_html(r).find("Monitoring, evaluation and learning") == std::string::npos);
  CHECK(render_markdown(r).markdown.find("Monitoring, evaluation and learning") == std::string::npos);
}

TEST_CASE("render_markdown hands each chart to a sink as it is drawn, and stops at the sink's first error", "[report]") {
  Diagnostics d;
  const auto nctsn = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d);
  const auto r = build(nctsn);
  const MarkdownReport whole = render_markdown(r);
  REQUIRE(whole.files.size() > 3);

  // A chart comes in pieces, one chart after the other; a small-multiples file in more than one (its
  // opening, then its rows and close).
  std::vector<std::pair<std::string, std::string>> got;
  std::map<std::string, int> pieces;
  bool open = false;
  auto streamed = render_markdown(r, [&](const std::string& path, std::string piece, bool last) -> Status {
    if (open) {
      CHECK(got.back().first == path);
      got.back().second += piece;
    } else {
      got.emplace_back(path, std::move(piece));
    }
    ++pieces[path];
    open = !last;
    return Ok{};
  });
  REQUIRE(streamed);
  CHECK_FALSE(open);
  CHECK(*streamed == whole.markdown);
  CHECK(got == whole.files);
  CHECK(pieces["charts/trauma-screening.svg"] == 1);
  CHECK(pieces["charts/trauma-screening.teams.svg"] == 2);
  CHECK(pieces["charts/pdsa_ramps.svg"] == 2);

  size_t calls = 0;
  auto failed = render_markdown(r, [&](const std::string&, std::string, bool) -> Status {
    return ++calls == 2 ? Status(Error{ErrorKind::io, "disk full"}) : Status(Ok{});
  });
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message == "disk full");
  CHECK(calls == 2);  // no chart drawn after the error
}

TEST_CASE("render_markdown: each measure's team charts in one small-multiples file, every team's ramps in one", "[report]") {
  Diagnostics d;
  const auto nctsn = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d);
  REQUIRE(nctsn.teams.size() > 1);
  const MarkdownReport whole = render_markdown(build(nctsn));
  std::map<std::string, std::string> files(whole.files.begin(), whole.files.end());
  for (const auto& m : nctsn.measures) {
    INFO(m.id);
    if (files.count("charts/" + m.id + ".svg") == 0) continue;  // a measure without data has no chart
    REQUIRE(files.count("charts/" + m.id + ".teams.svg") == 1);
    const std::string& grid = files["charts/" + m.id + ".teams.svg"];
    CHECK(grid.rfind("<svg xmlns=", 0) == 0);
    CHECK(count(grid, "xmlns=") == 1);  // the nested charts inherit the root's (svg_test checks a grid is well-formed)
    // One nested chart, placed, per team with a series of this measure; none in a file of its own.
    size_t teams = 0;
    for (const auto& t : nctsn.teams) {
      CHECK(files.count("charts/" + m.id + "." + t.id + ".svg") == 0);
      teams += count(grid, "id=\"" + m.id + "-" + t.id + "-title\"");
    }
    CHECK(teams > 1);
    CHECK(count(grid, "<svg x=\"") == teams);
    CHECK(count(grid, "id=\"grid_" + m.id + "_title\"") == 1);  // the grid's own ids: no chart's start so
    CHECK(whole.markdown.find("(charts/" + m.id + ".teams.svg)") != std::string::npos);
  }
  REQUIRE(files.count("charts/pdsa_ramps.svg") == 1);
  CHECK(count(files["charts/pdsa_ramps.svg"], "<svg x=\"") > 1);
  CHECK(count(files["charts/pdsa_ramps.svg"], "id=\"grid_ramps_title\"") == 1);
  for (const auto& t : nctsn.teams) CHECK(files.count("charts/pdsa_ramps." + t.id + ".svg") == 0);

  // A team's report keeps its own chart files, at full size.
  const std::string team = nctsn.teams.front().id;
  const MarkdownReport one = render_markdown(build(nctsn, team));
  std::map<std::string, std::string> own(one.files.begin(), one.files.end());
  CHECK(own.count("charts/pdsa_ramps." + team + ".svg") == 1);
  CHECK(own.count("charts/pdsa_ramps.svg") == 0);
  size_t charts = 0;
  for (const auto& m : nctsn.measures) {
    CHECK(own.count("charts/" + m.id + ".teams.svg") == 0);
    charts += own.count("charts/" + m.id + "." + team + ".svg");
  }
  CHECK(charts > 0);
}

TEST_CASE("computed_when_rendered: the renderers compute the series (a measure at a time), the completeness cells, the progress and the network, to the same bytes", "[report]") {
  Diagnostics d;
  const auto nctsn = model::load_project(std::string(COLLAB_SOURCE_DIR) + "/examples/nctsn-tf-cbt", "", d);
  for (std::optional<std::string> team : {std::optional<std::string>(), std::optional<std::string>(nctsn.teams.front().id)}) {
    INFO(team.value_or("whole"));
    ReportOptions o;
    o.as_of = date::year(2027) / 7 / 16;
    o.team = team;
    auto held = build_report(nctsn, o);
    o.computed_when_rendered = true;
    auto lazy = build_report(nctsn, o);
    REQUIRE(held);
    REQUIRE(lazy);
    REQUIRE_FALSE(held->metrics.series.empty());
    CHECK(lazy->metrics.series.empty());
    CHECK_FALSE(lazy->metrics.completeness);
    CHECK_FALSE(lazy->metrics.progress);
    CHECK(lazy->metrics.network.empty());
    REQUIRE(held->metrics.progress);
    CHECK_FALSE(held->metrics.progress->periods.empty());
    CHECK_FALSE(held->metrics.network.empty());
    REQUIRE(held->metrics.completeness);
    CHECK_FALSE(held->metrics.completeness->cells.empty());
    const MarkdownReport a = render_markdown(*held), b = render_markdown(*lazy);
    CHECK(a.markdown == b.markdown);
    CHECK(a.files == b.files);
    CHECK(a.markdown.find("marks at the foot show its PDSA cycles") != std::string::npos);  // the marks are drawn
    CHECK(render_html(*held) == render_html(*lazy));
  }
}

TEST_CASE("report MEL: data strings and URLs are escaped in both renderers; only http(s) links", "[report][mel]") {
  auto p = r4d();
  REQUIRE(p.products.size() >= 3);
  p.products[0].url = "javascript:alert(1)";
  p.products[0].title = "<b>*bold*</b> [x](y)";
  p.products[1].url = "https://example.org/a|b?c=1&d=2";
  p.products[2].url = "https://example.org/\"onmouseover=\"x";
  p.outcomes[0].actor = "<script>alert(1)</script>";
  const auto r = build(p);

  const std::string html = render_html(r);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("<td>javascript:alert(1)</td>") != std::string::npos);
  CHECK(html.find("&lt;b&gt;*bold*&lt;/b&gt; [x](y)") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.org/a|b?c=1&amp;d=2\">https://example.org/a|b?c=1&amp;d=2</a>") != std::string::npos);
  CHECK(html.find("<td>https://example.org/&quot;onmouseover=&quot;x</td>") != std::string::npos);
  CHECK(count(html, "<a href=\"https://phc-cln.example.org/products/") == 2);

  const std::string md = render_markdown(r).markdown;
  CHECK(md.find("| javascript:alert(1) |") != std::string::npos);
  CHECK(md.find("<javascript") == std::string::npos);
  CHECK(md.find("&lt;b&gt;\\*bold\\*&lt;/b&gt; \\[x\\](y)") != std::string::npos);
  CHECK(md.find("| <https://example.org/a\\|b?c=1&d=2> |") != std::string::npos);
  CHECK(md.find("https://example.org/&quot;onmouseover=&quot;x") == std::string::npos);
  CHECK(md.find("https://example.org/\"onmouseover=\"x") != std::string::npos);  // as text: '"' means nothing in Markdown
  CHECK(md.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
}

TEST_CASE("membership_svg: a bar per month at the documented scale", "[report][mel][svg]") {
  const auto p = r4d();
  const auto r = build(p);
  REQUIRE(r.metrics.membership);
  ChartOptions o;
  o.id_prefix = "m-";
  const std::string svg = membership_svg(*r.metrics.membership, o);
  CHECK(count(svg, "<rect class=\"bar active\"") == r.metrics.membership->months.size());
  // 640 x 240, plot from x 44 to 620 and y 16 to 210; 18 months: columns 32 wide, bars 22.4; the y axis to 40
  // (ticks of 10). 2026-04 (third month, 34 active): centre 44 + 32 x 2.5 = 124, top 210 - 34/40 x 194 = 45.1.
  CHECK(svg.find("x=\"112.8\" y=\"45.1\" width=\"22.4\" height=\"164.9\"") != std::string::npos);
  CHECK(svg.find("<title>2026-09: 33 active, 0 new, 1 lapsed</title>") != std::string::npos);
  CHECK(membership_svg(mel::MembershipResult{}, o).find("no data") != std::string::npos);
}
