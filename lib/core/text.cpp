#include "core/text.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <set>

namespace collab {

std::string trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<double> finite_number(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || (text[i] == '.' && !dot)); ++i) {
    dot = dot || text[i] == '.';
    digits = digits || text[i] != '.';
  }
  if (!digits) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double value = std::strtod(std::string(text).c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

const std::string& interned(std::string_view text) {
  // The last few texts each thread asked for: a file names the same few IDs over and over, and the lock is
  // then taken once per ID rather than once per value.
  thread_local const std::string* recent[8] = {};
  thread_local size_t next = 0;
  for (const std::string* r : recent) {
    if (r && *r == text) return *r;
  }
  static std::mutex mutex;
  static auto* pool = new std::set<std::string, std::less<>>();  // never destroyed: the texts outlive every user
  const std::string* found;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = pool->find(text);
    if (it == pool->end()) it = pool->emplace(text).first;
    found = &*it;
  }
  recent[next] = found;
  next = (next + 1) % 8;
  return *found;
}

}  // namespace collab
