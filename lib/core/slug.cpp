#include "core/slug.h"

#include <algorithm>

namespace collab {
namespace {

// Base letters of U+00C0..U+00FF ('-' for the signs x and ÷).
constexpr std::string_view kLatin1 = "AAAAAAACEEEEIIIIDNOOOOO-OUUUUYTsaaaaaaaceeeeiiiidnooooo-ouuuuyty";
// Base letters of U+0100..U+017F.
constexpr std::string_view kExtendedA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

// The base letter of a code point, or 0.
char fold(unsigned cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kExtendedA[cp - 0x100];
  if (cp == 0x1A0 || cp == 0x1A1) return cp == 0x1A0 ? 'O' : 'o';  // Vietnamese horned o
  if (cp == 0x1AF || cp == 0x1B0) return cp == 0x1AF ? 'U' : 'u';  // and horned u
  if (cp >= 0x1EA0 && cp <= 0x1EF9) {
    // Latin Extended Additional, Vietnamese block: pairs of capital and small letters.
    unsigned k = (cp - 0x1EA0) / 2;
    char base = k < 12 ? 'a' : k < 20 ? 'e' : k < 22 ? 'i' : k < 34 ? 'o' : k < 41 ? 'u' : 'y';
    return base;
  }
  return 0;
}

}  // namespace

std::string slugify(std::string_view name) {
  std::string slug;
  bool gap = false;
  for (size_t i = 0; i < name.size();) {
    auto c = static_cast<unsigned char>(name[i]);
    unsigned cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1F;
    }
    for (size_t k = 1; k < len && i + k < name.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3F);
    i += len;
    char b = fold(cp);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
      if (gap && !slug.empty()) slug += '-';
      gap = false;
      if (slug.size() >= 63) break;
      slug += b;
    } else {
      gap = true;
    }
  }
  if (slug.size() > 63) slug.resize(63);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (is_reserved_file_name(slug)) slug += "-1";
  return slug;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 63 || s[0] == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_reserved_file_name(std::string_view id) {
  std::string stem(id.substr(0, id.find('.')));
  for (auto& c : stem) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (stem == "con" || stem == "prn" || stem == "aux" || stem == "nul") return true;
  return stem.size() == 4 && (stem.compare(0, 3, "com") == 0 || stem.compare(0, 3, "lpt") == 0) && stem[3] >= '0' && stem[3] <= '9';
}

}  // namespace collab
