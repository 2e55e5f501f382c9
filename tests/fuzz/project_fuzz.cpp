// libFuzzer target: arbitrary bytes become one file of a whole collaborative, then everything that reads a
// collaborative runs on it: load_project (YAML, schema, model), check_project (every cross-reference),
// and, when that finds no error, compute_metrics (every section) and the HTML and Markdown reports; then
// score-eoi's and schedule's partial loads, their checks, the scoring round and the calendar.
// The first byte picks which file of tests/e2e/base (plus a driver diagram, a PDSA cycle and the evaluation
// files of tests/e2e/cases/mel-base) the rest replaces, so the fuzzer reaches the checks and computations behind each file kind, not only the parser.
// The base is copied once into a scratch folder; each input rewrites only its one file there.
// Built only with -DCOLLAB_FUZZ=ON (see tests/fuzz/run.sh).
#include "check/checks.h"
#include "io/diagnostic.h"
#include "metrics/metrics.h"
#include "model/project.h"
#include "report/report.h"
#include "schedule/calendar.h"
#include "scoring/round.h"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#ifndef COLLAB_SOURCE_DIR
#error "COLLAB_SOURCE_DIR must name the source tree"
#endif

namespace {

namespace fs = std::filesystem;

// The files an input can become, each a place docs/format.md names.
const char* const kTargets[] = {
    "collab.yaml",          "rubric.yaml",          "teams/harbor.yaml",     "organizations/harbor.yaml",
    "eois/harbor-eoi.yaml", "events/ls1.yaml",      "events/calls.yaml",     "attendance/ls1.yaml",
    "measures/screened.yaml", "data/harbor.yaml",   "assessments/harbor.yaml", "network/baseline.yaml",
    "driver-diagram.yaml",  "pdsa/harbor/c1.yaml",  "decisions.yaml",        "reviews/harbor-eoi/ada.yaml",
    "theory-of-change.yaml", "surveys/ls-feedback.yaml", "responses/ls-feedback.yaml", "learning-agenda.yaml",
    "outcomes/intake-screening.yaml", "products/screening-guide.yaml", "resources.yaml",
};

const char* kDriverDiagram =
    "aim:\n  text: More screened\n  measure: screened\n  target: 80\n  by: 2026-12-01\nprimary_drivers:\n"
    "  - id: p1\n    name: Reliable screening\nsecondary_drivers:\n  - id: s1\n    name: Tool\n    primary: [p1]\n"
    "change_ideas:\n  - id: i1\n    name: Screen at intake\n    drivers: [s1]\n    measures:\n      outcome: [screened]\n";
const char* kCycle =
    "id: c1\nteam: harbor\nidea: i1\nobjective: Try it\nstart: 2026-03-02\ndo:\n  end: 2026-03-13\nact:\n"
    "  decision: adopt\n  date: 2026-03-16\n";

struct Scratch {
  fs::path root;
  std::string original[sizeof kTargets / sizeof *kTargets];
  bool existed[sizeof kTargets / sizeof *kTargets] = {};
};

Scratch& scratch() {
  static Scratch* s = [] {
    auto* x = new Scratch;
    x->root = fs::temp_directory_path() / ("collab-project-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(x->root);
    fs::copy(fs::path(COLLAB_SOURCE_DIR) / "tests/e2e/base", x->root, fs::copy_options::recursive);
    fs::copy(fs::path(COLLAB_SOURCE_DIR) / "tests/e2e/cases/mel-base/overlay", x->root,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    fs::create_directories(x->root / "pdsa/harbor");
    std::ofstream(x->root / "driver-diagram.yaml") << kDriverDiagram;
    std::ofstream(x->root / "pdsa/harbor/c1.yaml") << kCycle;
    for (size_t i = 0; i < sizeof kTargets / sizeof *kTargets; ++i) {
      x->existed[i] = fs::exists(x->root / kTargets[i]);
      std::ifstream in(x->root / kTargets[i], std::ios::binary);
      x->original[i].assign(std::istreambuf_iterator<char>(in), {});
    }
    return x;
  }();
  return *s;
}

void put(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Scratch& s = scratch();
  const size_t which = data[0] % (sizeof kTargets / sizeof *kTargets);
  const fs::path file = s.root / kTargets[which];
  put(file, std::string(reinterpret_cast<const char*>(data + 1), size - 1));

  collab::Diagnostics diags;
  auto project = collab::model::load_project(s.root, "", diags);
  collab::check::check_project(project, diags);
  if (!diags.has_errors()) {
    std::set<collab::metrics::Section> all;
    for (const auto& name : collab::metrics::section_names()) all.insert(*collab::metrics::parse_section(name));
    const collab::Date as_of = date::year(2026) / 12 / 1;
    auto r = collab::metrics::compute_metrics(project, {}, as_of, all);
    (void)collab::metrics::to_json(r, project).dump();
    for (auto section : all) (void)collab::metrics::to_csv(r, section);
    collab::report::ReportOptions o;
    o.as_of = as_of;
    if (auto rep = collab::report::build_report(project, o)) {
      (void)collab::report::render_html(*rep);
      (void)collab::report::render_markdown(*rep);
      (void)collab::report::to_json(*rep).dump();
    }
    o.computed_when_rendered = true;  // as the CLI builds HTML and Markdown reports
    if (auto rep = collab::report::build_report(project, o)) {
      (void)collab::report::render_html(*rep);
      (void)collab::report::render_markdown(*rep);
    }
  }
  // score-eoi's, schedule's and metrics' partial loads: a kind not read must trip neither a check nor the
  // command.
  for (const auto* only : {&collab::scoring::scoring_reads(), &collab::schedule::schedule_reads(), &collab::metrics::metrics_reads()}) {
    collab::Diagnostics partial;
    auto p = collab::model::load_project(s.root, "", partial, {}, *only);
    collab::check::check_project(p, partial);
    if (partial.has_errors()) continue;
    if (only == &collab::scoring::scoring_reads()) {
      if (p.rubric) (void)collab::scoring::score_round(p);
    } else if (only == &collab::metrics::metrics_reads()) {
      const collab::Date as_of = date::year(2026) / 12 / 1;
      (void)collab::metrics::to_json(collab::metrics::compute_metrics(p, {}, as_of, collab::metrics::default_sections(p)), p).dump();
      (void)collab::metrics::completeness(p, as_of, {}, collab::metrics::KeepCells::missing);
      collab::metrics::each_measure_series(p, {}, 2, [](const collab::model::Measure&, std::vector<collab::metrics::SeriesResult>&&) {});
    } else {
      (void)collab::schedule::build_calendar(p);
    }
  }
  // The next input starts from the base again.
  if (s.existed[which]) {
    put(file, s.original[which]);
  } else {
    std::error_code ec;
    fs::remove(file, ec);
  }
  return 0;
}
