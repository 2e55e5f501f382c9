// Validates a YAML document (already converted to typed JSON) against the schema of its file kind and
// reports each violation at the YAML line and column it comes from, in plain words: valijson's nested
// messages are reduced to the innermost failure and rewritten with what the schema expected.
#pragma once

#include "io/diagnostic.h"
#include "io/yaml_document.h"

#include <memory>
#include <string>
#include <string_view>

namespace collab::schema {

class SchemaSet {
 public:
  // Parses the embedded schemas once; later calls return the same set.
  static const SchemaSet& embedded();

  bool has(std::string_view kind) const;
  // Adds one diagnostic per violation; returns true when the document is valid.
  bool validate(std::string_view kind, const YamlDocument& doc, Diagnostics& diags) const;

  ~SchemaSet();
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

 private:
  SchemaSet();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace collab::schema
