#include "core/timezones.h"

#include <date/tz.h>

namespace collab {

const date::time_zone* locate_timezone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool is_known_timezone(const std::string& name) { return locate_timezone(name) != nullptr; }

}  // namespace collab
