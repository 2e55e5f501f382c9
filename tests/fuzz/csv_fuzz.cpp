// libFuzzer target: arbitrary bytes -> collab::read_csv; on success the table goes through
// enroll::import_eois (with two fixed mappings: the small one of the e2e case broken-enroll-import-bad-rows
// and the example's application-form mapping), scoring::import_reviews and metrics::import_data (reading, and
// in memory editing, the base's data/harbor.yaml; nothing is written), over the Project of
// tests/e2e/base, loaded once and read-only. Built only with -DCOLLAB_FUZZ=ON (see tests/fuzz/run.sh).
#include "enroll/eoi_import.h"
#include "io/csv_read.h"
#include "io/diagnostic.h"
#include "io/yaml_document.h"
#include "metrics/data_import.h"
#include "model/project.h"
#include "scoring/review_import.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#ifndef COLLAB_SOURCE_DIR
#error "COLLAB_SOURCE_DIR must name the source tree"
#endif

namespace {

struct Fixture {
  collab::model::Project project;
  collab::enroll::Mapping small;
  collab::enroll::Mapping full;
};

collab::enroll::FieldMap field(std::string f, std::string column, std::string type = "") {
  collab::enroll::FieldMap m;
  m.field = std::move(f);
  m.column = std::move(column);
  m.type = std::move(type);
  return m;
}

const Fixture& fixture() {
  static const Fixture* f = [] {
    auto* fx = new Fixture;
    const std::string src = COLLAB_SOURCE_DIR;
    collab::Diagnostics diags;
    // load_project only reads.
    fx->project = collab::model::load_project(src + "/tests/e2e/base", "", diags);
    if (!fx->project.collaborative) {
      std::fprintf(stderr, "csv_fuzz: cannot load tests/e2e/base\n");
      std::abort();
    }
    // The mapping of tests/e2e/cases/broken-enroll-import-bad-rows, plus a few typed columns.
    auto& s = fx->small;
    s.id = "form";
    s.identity = {"submitted", "contact.email"};
    s.fields = {field("submitted", "Timestamp", "timestamp"), field("organization.name", "Organization"),
                field("contact.name", "Name"), field("contact.email", "Email"),
                field("proposed_team", "Team")};
    // The example's application-form mapping, read as `collab enroll import` reads it.
    collab::Diagnostics md;
    auto doc = collab::load_yaml_file(src + "/examples/nctsn-tf-cbt/mappings/application-form.yaml",
                                      "application-form.yaml", md);
    if (!doc) {
      std::fprintf(stderr, "csv_fuzz: cannot read the application-form mapping\n");
      std::abort();
    }
    fx->full = collab::enroll::read_mapping(doc->json);
    return fx;
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& fx = fixture();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = collab::read_csv(text, "f.csv");
  if (!table) return 0;
  (void)collab::enroll::import_eois(*table, "f.csv", fx.small, fx.project);
  (void)collab::enroll::import_eois(*table, "f.csv", fx.full, fx.project);
  (void)collab::scoring::import_reviews(*table, "f.csv", fx.project);
  (void)collab::metrics::import_data(fx.project, *table, "f.csv", false, std::nullopt);
  (void)collab::metrics::import_data(fx.project, *table, "f.csv", true, std::nullopt);
  return 0;
}
