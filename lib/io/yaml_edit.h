// Editing a hand-written YAML file without losing what its author wrote: comments, blank lines, key order,
// quoting and indentation stay as they were, because an edit changes the text of one node in place (a YAML
// emitter would drop comments, so nothing is ever re-emitted). The parser (through parse_yaml) only says where
// a node starts; where it ends is read from the text (indentation, quotes, brackets).
//
// Every edit re-parses the new text and checks that its JSON is the old JSON with exactly the intended change;
// if not, the edit fails with ErrorKind::internal and the text is left as it was. An edit the editor cannot make
// safely (a multi-line scalar to replace, an anchor or alias on the way, a missing parent, a node of the wrong
// kind) fails with ErrorKind::data and a message "path:line:column: cannot <verb> <pointer>: <why>"; a malformed
// pointer or fragment fails with ErrorKind::usage. A failed edit never changes the text.
#pragma once

#include "core/error.h"
#include "io/yaml_document.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace collab {

class YamlEditor {
 public:
  // Parses text (via parse_yaml) to learn positions; fails with ErrorKind::data ("path:line:col: ...") on bad
  // YAML (including several documents in one file).
  static Result<YamlEditor> parse(std::string text, std::string path);

  const std::string& text() const { return text_; }
  const nlohmann::json& json() const { return doc_.json; }  // the document as it is now
  const std::string& path() const { return path_; }

  // Sets the scalar at a JSON pointer ("/status", "/withdrawal/date", "/members/2/engagement"), given as YAML
  // text already spelled by yaml_string/yaml_number ("withdrawn", "\"no\"", "3"). An existing scalar is replaced
  // in place (a trailing comment on its line is kept); a missing key is added to its parent mapping (which must
  // exist) as the last key, at the mapping's indentation (block) or inside the braces (flow).
  Status set_scalar(const std::string& pointer, const std::string& yaml_scalar);

  // Sets the key at `pointer` to a block value: `block` is the YAML text of a mapping or sequence written at
  // indent 0 ("date: 2026-05-01\nreason: Lost staff\n"); it is indented under the key. Replaces an existing value
  // of any style (except a multi-line plain or quoted scalar); adds the key last to its parent mapping if missing.
  Status set_block(const std::string& pointer, const std::string& block);

  // Appends an item to the sequence at `pointer` ("" for a document that is a list): `item` is the YAML text of
  // the item's value at indent 0 (a scalar "clinician", or a mapping "id: kim\nname: Kim Lee\nroles: [clinician]\n").
  // Block sequences get a "- " item at the existing items' indentation; flow sequences ([a, b]) get ", item" (one
  // line items only). A missing or empty key of a mapping becomes a block sequence.
  Status append_item(const std::string& pointer, const std::string& item);

  // Removes the item at "/members/3" (its whole text, with the comment lines directly above it that are indented
  // like it) or the key at "/withdrawal" (key, value and its block, with the comment lines directly above it,
  // except above the file's first key). A list or mapping left empty is written [] or {}.
  Status remove(const std::string& pointer);

 private:
  YamlEditor(std::string text, std::string path, YamlDocument doc)
      : text_(std::move(text)), path_(std::move(path)), doc_(std::move(doc)) {}
  // Takes `next` as the new text if it parses to `expected`; else fails with ErrorKind::internal.
  Status commit(std::optional<std::string> next, const nlohmann::json& expected, const std::string& what);

  std::string text_;
  std::string path_;
  YamlDocument doc_;
};

}  // namespace collab
