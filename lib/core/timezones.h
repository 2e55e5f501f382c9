// Time zone names, checked against the system's IANA database (/usr/share/zoneinfo) through Howard
// Hinnant's date library. The database is loaded on first use only: commands that never ask pay nothing.
#pragma once

#include <string>

namespace date {
class time_zone;
}

namespace collab {

// The zone of that name, or nullptr when the database does not know it (never throws).
const date::time_zone* locate_timezone(const std::string& name);
bool is_known_timezone(const std::string& name);

}  // namespace collab
