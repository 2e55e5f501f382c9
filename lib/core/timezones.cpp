#include "core/timezones.h"

#include <date/tz.h>

namespace collab {

bool is_known_timezone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace collab
