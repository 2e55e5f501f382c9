// A YAML file read into typed JSON (the YAML 1.2 core schema: plain `true` is a boolean, plain `12` a number,
// quoted scalars and `yes`/`no` are strings), with the source position of every node, so that a problem
// found later in the JSON (by the schema validator or a cross-reference check) is reported at the YAML
// line and column it came from. Duplicate keys, invalid UTF-8, control characters, several documents in
// one file and runaway alias expansion are refused with a position.
#pragma once

#include "io/diagnostic.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <cstdint>
#include <utility>
#include <vector>

namespace collab {

struct Position {
  int line = 0;  // 1-based
  int column = 0;
};

// Source positions by JSON pointer, compactly: a 64-bit hash of the pointer and its position, 16 bytes a
// node (a map keyed by the pointer's text took about 100), sorted once when the file has been read. Two
// pointers of one file sharing a hash (about 1 in 10^7 for a million nodes) would only misplace a message.
class PositionTable {
 public:
  void set(std::string_view pointer, Position p);  // a second set of the same pointer replaces the first
  void finish();                                   // sorts; set() after finish() needs another finish()
  const Position* find(std::string_view pointer) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<std::pair<uint64_t, Position>> entries_;
  bool sorted_ = true;
};

class YamlDocument {
 public:
  std::string path;      // as shown in messages
  std::string relative;  // below the collaborative's root, '/'-separated (set by the loader)
  nlohmann::json json;

  // Where the value at a JSON pointer ("/members/0/id") stands; falls back to the nearest ancestor.
  Location at(const std::string& pointer) const;
  // Where the key of the member at a pointer stands ("/members/0/id" -> the `id:` key), else at(pointer).
  Location key_at(const std::string& pointer) const;

  void set_value_position(const std::string& pointer, Position p) { values_.set(pointer, p); }
  void set_key_position(const std::string& pointer, Position p) { keys_.set(pointer, p); }
  void finish_positions() {
    values_.finish();
    keys_.finish();
  }

  // Drops the positions (and the JSON tree) of a document whose model has been read, keeping only where to
  // find them again: `file` (read again from disk) or, when it is empty, `text` (a text that stood in for
  // the file). The first at() or key_at() after it parses the text again, once, on whichever thread asks.
  // Positions are wanted only for messages, which a valid collaborative does not have; keeping them cost
  // 32 bytes a node. A file changed on disk in between gives its new positions (or none: line 1).
  void forget_positions(std::string file, std::string text);

 private:
  struct Reload {
    std::string file, text;
    std::once_flag once;
  };
  void reload() const;

  mutable PositionTable values_;
  mutable PositionTable keys_;
  std::shared_ptr<Reload> reload_;  // set by forget_positions
};

// JSON pointer helpers: "/a/b" + "c" = "/a/b/c", with ~ and / escaped.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, size_t index);

// Parses text; on failure adds diagnostics naming `path` and returns nothing.
std::optional<YamlDocument> parse_yaml(std::string_view text, const std::string& path, Diagnostics& diags);

// Reads the file at `file` (shown as `path`) and parses it.
std::optional<YamlDocument> load_yaml_file(const std::string& file, const std::string& path, Diagnostics& diags);

// The first invalid UTF-8 sequence or forbidden control character, as a message and 1-based position.
std::optional<std::pair<Position, std::string>> check_text(std::string_view text);

}  // namespace collab
