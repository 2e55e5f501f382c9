// libFuzzer target: arbitrary bytes -> collab::parse_yaml, then every schema kind's validation on the
// document when one results. Built only with -DCOLLAB_FUZZ=ON (see tests/fuzz/run.sh, docs/security.md).
#include "io/diagnostic.h"
#include "io/yaml_document.h"
#include "schema/validator.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kKinds[] = {"team", "eoi", "review", "data", "collaborative", "rubric", "event"};
  const auto& schemas = collab::schema::SchemaSet::embedded();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  collab::Diagnostics diags;
  auto doc = collab::parse_yaml(text, "f.yaml", diags);
  if (!doc) return 0;
  for (const char* kind : kKinds) {
    collab::Diagnostics vd;
    schemas.validate(kind, *doc, vd);
  }
  return 0;
}
