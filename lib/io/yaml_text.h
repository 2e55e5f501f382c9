// Writing YAML text that reads back as what was meant. collab writes new files as text (never through
// yaml-cpp's emitter, which drops comments and leaves `no` or `007` unquoted), so this is the one place
// that decides how a scalar is spelled.
#pragma once

#include <string>
#include <string_view>

namespace collab {

// The scalar as YAML: plain when it reads back as the same text under both YAML 1.2 core and YAML 1.1
// (so `yes`, `no`, `on`, `off`, `null`, `12`, `1e3`, `2026-01-05`... are quoted for 1.1 readers where they
// would change type), double-quoted with escapes otherwise.
std::string yaml_string(std::string_view text);

// A number the shortest way that reads back exactly: 3, 0.25, 1e-07.
std::string yaml_number(double value);

}  // namespace collab
