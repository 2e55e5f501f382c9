#include "io/yaml_text.h"

#include <fmt/format.h>

#include <cctype>
#include <regex>

namespace collab {
namespace {

// Would a YAML 1.1 or 1.2 reader take this plain scalar for something other than text?
bool resolves_to_non_text(std::string_view s) {
  static const std::regex special(
      "~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|"
      "[-+]?[0-9][0-9_:.]*([eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|<<|=");
  return std::regex_match(s.begin(), s.end(), special);
}

bool needs_quotes(std::string_view s) {
  if (s.empty() || s.size() > 200) return true;
  if (resolves_to_non_text(s)) return true;
  if (std::isspace(static_cast<unsigned char>(s.front())) || std::isspace(static_cast<unsigned char>(s.back()))) return true;
  // Indicators that may not start a plain scalar (YAML 1.2.2, 5.3).
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return true;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return true;
    if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return true;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return true;  // safe inside flow collections too
  }
  return false;
}

}  // namespace

std::string yaml_string(std::string_view text) {
  if (!needs_quotes(text)) return std::string(text);
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\x{:02X}", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string yaml_number(double value) {
  if (value == static_cast<double>(static_cast<long long>(value)) && value > -1e15 && value < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);  // fmt's shortest round-trip form
}

}  // namespace collab
