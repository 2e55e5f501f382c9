// Time zone names, checked against the system's IANA database (/usr/share/zoneinfo) through Howard
// Hinnant's date library. The database is loaded on first use only: commands that never ask pay nothing.
#pragma once

#include <string>

namespace collab {

bool is_known_timezone(const std::string& name);

}  // namespace collab
