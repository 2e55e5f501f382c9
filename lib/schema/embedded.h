// The JSON Schemas of schemas/, compiled into the binary (cmake/embed_schemas.cmake generates the
// definition), so an installed collab validates without the source tree.
#pragma once

#include <string_view>
#include <vector>

namespace collab::schema {

struct EmbeddedSchema {
  std::string_view kind;       // "team"
  std::string_view file_name;  // "team.schema.json"
  std::string_view text;       // the schema's JSON
};

const std::vector<EmbeddedSchema>& embedded_schemas();

}  // namespace collab::schema
