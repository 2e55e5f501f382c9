#include "io/yaml_edit.h"

#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

namespace collab {
namespace {

using json = nlohmann::json;
constexpr size_t npos = std::string::npos;

bool is_ws(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

std::string where(const Location& l) {
  if (l.line <= 0) return l.file;
  if (l.column <= 0) return fmt::format("{}:{}", l.file, l.line);
  return fmt::format("{}:{}:{}", l.file, l.line, l.column);
}

std::string kind_name(const json& j) {
  switch (j.type()) {
    case json::value_t::object: return "a mapping";
    case json::value_t::array: return "a list";
    case json::value_t::string: return "a text";
    case json::value_t::boolean: return "true/false";
    case json::value_t::null: return "empty";
    default: return "a number";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON pointers

std::optional<std::vector<std::string>> split_pointer(const std::string& p) {
  std::vector<std::string> out;
  if (p.empty()) return out;
  if (p[0] != '/') return std::nullopt;
  std::string cur;
  for (size_t i = 1; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      out.push_back(cur);
      cur.clear();
    } else if (p[i] == '~') {
      if (i + 1 < p.size() && (p[i + 1] == '0' || p[i + 1] == '1')) {
        cur += p[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        return std::nullopt;
      }
    } else {
      cur += p[i];
    }
  }
  return out;
}

using Tokens = std::vector<std::string>;

std::string make_pointer(const Tokens& tokens, size_t n) {
  std::string p;
  for (size_t i = 0; i < n && i < tokens.size(); ++i) p = pointer_append(p, tokens[i]);
  return p;
}

std::optional<size_t> parse_index(const std::string& t) {
  if (t.empty() || t.size() > 9) return std::nullopt;
  if (t.size() > 1 && t[0] == '0') return std::nullopt;
  size_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  return v;
}

const json* child_of(const json& parent, const std::string& token) {
  if (parent.is_object()) {
    auto it = parent.find(token);
    return it == parent.end() ? nullptr : &*it;
  }
  if (parent.is_array()) {
    auto i = parse_index(token);
    return i && *i < parent.size() ? &parent[*i] : nullptr;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// The text as lines. Line i (0-based) runs from begin(i) to end(i) (before "\r\n" or "\n"); next(i) is where the
// following line begins. A byte-order mark is not part of line 0 (parse_yaml's positions do not count it).

class Text {
 public:
  explicit Text(const std::string& text) : s(text) {
    bom_ = s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    starts_.push_back(bom_);
    for (size_t i = bom_; i < s.size(); ++i) {
      if (s[i] == '\n' && i + 1 < s.size()) starts_.push_back(i + 1);
    }
    size_t nl = s.find('\n');
    eol = nl != npos && nl > 0 && s[nl - 1] == '\r' ? "\r\n" : "\n";
  }

  const std::string& s;
  std::string eol;

  size_t lines() const { return starts_.size(); }
  size_t begin(size_t i) const { return starts_[i]; }
  size_t next(size_t i) const { return i + 1 < starts_.size() ? starts_[i + 1] : s.size(); }
  size_t end(size_t i) const {
    size_t e = next(i);
    if (e > begin(i) && s[e - 1] == '\n') --e;
    if (e > begin(i) && s[e - 1] == '\r') --e;
    return e;
  }
  size_t line_of(size_t off) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), off);
    return it == starts_.begin() ? 0 : static_cast<size_t>(it - starts_.begin()) - 1;
  }
  int col_of(size_t off) const { return static_cast<int>(off - begin(line_of(off))); }
  // The offset of a 1-based position from parse_yaml; npos when it is not in the text.
  size_t offset(const Location& l) const {
    if (l.line < 1 || static_cast<size_t>(l.line) > lines() || l.column < 1) return npos;
    size_t off = begin(static_cast<size_t>(l.line) - 1) + static_cast<size_t>(l.column) - 1;
    return off <= end(static_cast<size_t>(l.line) - 1) ? off : npos;
  }
  int indent(size_t i) const {
    size_t k = begin(i);
    while (k < end(i) && s[k] == ' ') ++k;
    return static_cast<int>(k - begin(i));
  }
  size_t first_char(size_t i) const {
    size_t k = begin(i);
    while (k < end(i) && is_ws(s[k])) ++k;
    return k;
  }
  bool blank(size_t i) const { return first_char(i) == end(i); }
  bool comment(size_t i) const { return !blank(i) && s[first_char(i)] == '#'; }
  bool content(size_t i) const { return !blank(i) && s[first_char(i)] != '#'; }
  // A "- " (or a lone "-") block sequence entry indicator at off.
  bool dash_at(size_t off) const {
    return off < s.size() && s[off] == '-' && (off + 1 >= s.size() || is_space(s[off + 1]));
  }
  // "---" or "..." at the start of a line: a document marker ends every block.
  bool doc_marker(size_t i) const {
    size_t b = begin(i);
    if (end(i) - b < 3) return false;
    std::string m = s.substr(b, 3);
    return (m == "---" || m == "...") && (b + 3 == end(i) || is_ws(s[b + 3]));
  }
  bool ends_with_newline() const { return !s.empty() && s.back() == '\n'; }

 private:
  std::vector<size_t> starts_;
  size_t bom_ = 0;
};

// The last content line of a block that starts on `line` and is owned by a key or dash at column `col` (-1 for
// the document): the following non-blank, non-comment lines indented more than `col` (or, with dash_too, a "- "
// at `col`: a sequence written at its key's own indentation).
size_t block_end(const Text& t, size_t line, int col, bool dash_too) {
  size_t last = line;
  for (size_t l = line + 1; l < t.lines(); ++l) {
    if (!t.content(l)) continue;
    if (t.doc_marker(l)) break;
    int ind = t.indent(l);
    if (ind > col || (dash_too && ind == col && t.dash_at(t.begin(l) + static_cast<size_t>(ind)))) {
      last = l;
      continue;
    }
    break;
  }
  return last;
}

// Comment lines after `last` indented more than `col` belong with it (blank lines between them too).
size_t trailing_comments(const Text& t, size_t last, int col) {
  size_t result = last;
  for (size_t l = last + 1; l < t.lines(); ++l) {
    if (t.blank(l)) continue;
    if (t.comment(l) && t.indent(l) > col) {
      result = l;
      continue;
    }
    break;
  }
  return result;
}

// Comment lines directly above `first` (no blank line between) indented exactly `col`.
size_t leading_comments(const Text& t, size_t first, int col) {
  while (first > 0 && t.comment(first - 1) && t.indent(first - 1) == col) --first;
  return first;
}

// The offset after a quoted scalar starting at i ('"' or '\''); npos if it is not closed.
size_t quoted_end(const std::string& s, size_t i, bool* multiline) {
  const char q = s[i];
  for (size_t k = i + 1; k < s.size(); ++k) {
    char c = s[k];
    if (c == '\n' || c == '\r') {
      if (multiline) *multiline = true;
    } else if (q == '"' && c == '\\') {
      if (k + 1 < s.size() && (s[k + 1] == '\n' || s[k + 1] == '\r') && multiline) *multiline = true;
      ++k;
    } else if (c == q) {
      if (q == '\'' && k + 1 < s.size() && s[k + 1] == '\'') {
        ++k;
        continue;
      }
      return k + 1;
    }
  }
  return npos;
}

// The end of a plain scalar in block context starting at off: the end of the line or a " #" comment, trimmed.
size_t plain_end(const Text& t, size_t off) {
  size_t le = t.end(t.line_of(off));
  size_t k = off;
  while (k < le && !(t.s[k] == '#' && k > off && is_ws(t.s[k - 1]))) ++k;
  while (k > off && is_ws(t.s[k - 1])) --k;
  return k;
}

// Skips tags ("!!str ") in front of a node.
size_t skip_tags(const Text& t, size_t off) {
  const std::string& s = t.s;
  while (off < s.size() && s[off] == '!') {
    while (off < s.size() && !is_space(s[off])) ++off;
    while (off < s.size() && is_ws(s[off])) ++off;
  }
  return off;
}

// A flow collection: its brackets and its entries at depth 1. An entry is [begin, end) without surrounding
// spaces and comments; in a mapping, `colon` is its ':' and [vbegin, vend) its value (npos: no value).
struct Flow {
  struct Entry {
    size_t begin = npos, end = npos, colon = npos, vbegin = npos, vend = npos;
  };
  size_t open = npos, close = npos;
  std::vector<Entry> entries;
  bool has_empty = false;  // "[a, , b]"
};

std::optional<Flow> scan_flow(const std::string& s, size_t open, int depth = 0) {
  if (depth > 200 || open >= s.size() || (s[open] != '[' && s[open] != '{')) return std::nullopt;
  Flow f;
  f.open = open;
  const char close_ch = s[open] == '[' ? ']' : '}';
  Flow::Entry cur;
  auto content = [&](size_t b, size_t e) {
    if (cur.begin == npos) cur.begin = b;
    cur.end = e;
    if (cur.colon != npos) {
      if (cur.vbegin == npos) cur.vbegin = b;
      cur.vend = e;
    }
  };
  size_t i = open + 1;
  while (i < s.size()) {
    const char c = s[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '#' && is_space(s[i - 1])) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == ',') {
      if (cur.begin == npos) {
        f.has_empty = true;
      } else {
        f.entries.push_back(cur);
      }
      cur = {};
      ++i;
    } else if (c == close_ch) {
      if (cur.begin != npos) f.entries.push_back(cur);
      f.close = i;
      return f;
    } else if (c == ']' || c == '}') {
      return std::nullopt;
    } else if (c == '[' || c == '{') {
      auto inner = scan_flow(s, i, depth + 1);
      if (!inner) return std::nullopt;
      content(i, inner->close + 1);
      i = inner->close + 1;
    } else if ((c == '"' || c == '\'') && (cur.begin == npos || cur.colon != npos)) {
      size_t e = quoted_end(s, i, nullptr);
      if (e == npos) return std::nullopt;
      content(i, e);
      i = e;
    } else if (c == ':' && cur.begin != npos && cur.colon == npos &&
               (i + 1 >= s.size() || is_space(s[i + 1]) || is_flow_indicator(s[i + 1]) || cur.end == i)) {
      cur.colon = i;
      ++i;
    } else {
      size_t b = i;
      while (i < s.size()) {
        const char d = s[i];
        if (d == '\n' || d == '\r' || is_flow_indicator(d)) break;
        if (d == ':' && i > b && (i + 1 >= s.size() || is_space(s[i + 1]) || is_flow_indicator(s[i + 1]))) break;
        if (d == '#' && i > b && is_ws(s[i - 1])) break;
        ++i;
      }
      if (i == b) ++i;
      size_t e = i;
      while (e > b && is_ws(s[e - 1])) --e;
      content(b, e);
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------
// Fragments given by the caller

std::vector<std::string> fragment_lines(const std::string& text) {
  std::string normalized;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    normalized += text[i];
  }
  std::vector<std::string> lines;
  size_t b = 0;
  while (b <= normalized.size()) {
    size_t e = normalized.find('\n', b);
    if (e == npos) e = normalized.size();
    lines.push_back(normalized.substr(b, e - b));
    b = e + 1;
  }
  while (!lines.empty() && lines.back().find_first_not_of(" \t") == npos) lines.pop_back();
  for (auto& l : lines) {
    if (l.find_first_not_of(" \t") == npos) l.clear();
  }
  return lines;
}

std::string spaces(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), ' '); }

std::string join(const std::vector<std::string>& lines, const std::string& eol) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += eol;
    out += lines[i];
  }
  return out;
}

std::vector<std::string> indented(const std::vector<std::string>& lines, int indent) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.empty() ? l : spaces(indent) + l);
  return out;
}

// Can this one-line YAML text stand as an entry of a flow collection? A plain scalar may not hold , [ ] { }
// there, nor ": " or " #".
bool flow_safe(const std::string& text) {
  if (text.empty()) return false;
  if (text[0] == '"' || text[0] == '\'' || text[0] == '[' || text[0] == '{') return true;
  if (text.find_first_of(",[]{}") != npos) return false;
  return text.find(": ") == npos && text.find(" #") == npos && text.back() != ':';
}

// ---------------------------------------------------------------------------------------------------------------
// Planning an edit: the replacements to make and the JSON the new text must read back as.

struct Replacement {
  size_t begin = 0, end = 0;
  std::string text;
};

struct Plan {
  std::vector<Replacement> edits;
  json expected;
};

// Where a node stands in the text.
struct Node {
  enum Ctx { root, block_map, block_seq, flow_map, flow_seq };
  Ctx ctx = root;
  std::string pointer;
  const json* value = nullptr;
  // Block contexts: the owning key (block_map) or dash (block_seq).
  size_t owner_off = npos;
  size_t owner_line = 0;
  int owner_col = -1;
  size_t after_owner = npos;    // just after the key's ':' or the item's '-'
  bool key_after_dash = false;  // "- id: a": the key shares its line with the item's dash
  size_t value_off = npos;      // the first character of the value (npos: empty value)
  size_t last_line = 0;         // the last content line of the key's or item's text
  // Flow contexts: the enclosing collection and the entry.
  Flow flow;
  size_t entry = 0;
};

class Planner {
 public:
  Planner(const std::string& text, const YamlDocument& doc) : s_(text), t_(text), doc_(doc) {}

  Result<Plan> set_scalar(const std::string& pointer, const std::string& scalar);
  Result<Plan> set_block(const std::string& pointer, const std::string& block);
  Result<Plan> append_item(const std::string& pointer, const std::string& item);
  Result<Plan> remove(const std::string& pointer);

 private:
  // Messages
  Error fail(ErrorKind kind, const Location& l, const std::string& why) const {
    return Error{kind, fmt::format("{}: cannot {} {}: {}", where(l), verb_, shown_, why)};
  }
  Error data(const std::string& at, const std::string& why, bool key = false) const {
    return fail(ErrorKind::data, key ? doc_.key_at(at) : doc_.at(at), why);
  }
  Error data_at(size_t off, const std::string& why) const {
    size_t line = t_.line_of(off);
    return fail(ErrorKind::data, {doc_.path, static_cast<int>(line) + 1, t_.col_of(off) + 1}, why);
  }
  Error usage(const std::string& why) const { return Error{ErrorKind::usage, fmt::format("cannot {} {}: {}", verb_, shown_, why)}; }
  std::string show(const std::string& pointer) const { return pointer.empty() ? "the document" : pointer; }

  // The pointer's tokens; checks what every edit needs.
  Result<Tokens> start(const char* verb, const std::string& pointer);
  const json* resolve(const Tokens& tokens, size_t n) const {
    const json* j = &doc_.json;
    for (size_t i = 0; i < n && j; ++i) j = child_of(*j, tokens[i]);
    return j;
  }
  std::optional<Error> check_parent(const Tokens& tokens) const;
  std::optional<Error> check_node(const std::string& pointer) const;
  std::optional<Error> check_chain(const Tokens& tokens, size_t n) const;
  std::optional<Error> check_subtree(const std::string& pointer, const json& value) const;

  size_t container_start(const std::string& pointer) const;
  bool is_flow(size_t start) const { return start < s_.size() && (s_[start] == '[' || s_[start] == '{'); }
  size_t key_colon(size_t key) const;
  std::vector<size_t> block_items(size_t start) const;
  Result<Node> locate(const Tokens& tokens) const;
  int step() const;
  int sequence_offset() const;

  Result<Plan> insert_key(const std::string& parent, const std::vector<std::string>& lines, const std::string& key,
                          const std::string& flow_value, Plan plan) const;
  Result<Plan> block_value(const Tokens& tokens, const std::vector<std::string>& lines, const json& value) const;
  Replacement insert_after(size_t last, const std::vector<std::string>& lines) const;
  Replacement remove_lines(size_t first, size_t last, int col) const;
  Result<Plan> emptied(const Tokens& container, size_t first, size_t last, int col, const char* empty, Plan plan) const;

  const std::string& s_;
  Text t_;
  const YamlDocument& doc_;
  std::string verb_;
  std::string shown_;
};

Result<Tokens> Planner::start(const char* verb, const std::string& pointer) {
  verb_ = verb;
  shown_ = show(pointer);
  auto tokens = split_pointer(pointer);
  if (!tokens) return usage("not a JSON pointer (like /members/0/id; ~1 stands for / and ~0 for ~)");
  for (size_t i = 0; i + 1 < s_.size(); ++i) {
    if (s_[i] == '\r' && s_[i + 1] != '\n') return data_at(i, "a line ends with a lone carriage return");
  }
  if (!s_.empty() && s_.back() == '\r') return data_at(s_.size() - 1, "a line ends with a lone carriage return");
  return *tokens;
}

std::optional<Error> Planner::check_parent(const Tokens& tokens) const {
  for (size_t n = 0; n + 1 < tokens.size(); ++n) {
    const json* j = resolve(tokens, n + 1);
    if (!j) {
      return data(make_pointer(tokens, n),
                  fmt::format("{} does not exist", show(make_pointer(tokens, n + 1))));
    }
  }
  return std::nullopt;
}

// parse_yaml reports a node with an anchor at its '&', and an alias at the anchored node it repeats.
std::optional<Error> Planner::check_node(const std::string& pointer) const {
  size_t off = t_.offset(doc_.at(pointer));
  if (off == npos) return std::nullopt;
  off = skip_tags(t_, off);
  if (off < s_.size() && (s_[off] == '&' || s_[off] == '*')) {
    return data(pointer, fmt::format("{} has an anchor (&name) or is an alias (*name); edit it by hand", show(pointer)),
                true);
  }
  return std::nullopt;
}

std::optional<Error> Planner::check_chain(const Tokens& tokens, size_t n) const {
  for (size_t i = 0; i <= n; ++i) {
    if (auto e = check_node(make_pointer(tokens, i))) return e;
  }
  return std::nullopt;
}

std::optional<Error> Planner::check_subtree(const std::string& pointer, const json& value) const {
  if (auto e = check_node(pointer)) return e;
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (auto e = check_subtree(pointer_append(pointer, k), v)) return e;
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto e = check_subtree(pointer_append(pointer, i), value[i])) return e;
    }
  }
  return std::nullopt;
}

// Where a mapping or sequence's own text begins: its '{' or '[', its first key or its first dash.
size_t Planner::container_start(const std::string& pointer) const {
  size_t off = t_.offset(doc_.at(pointer));
  if (off == npos) return npos;
  off = skip_tags(t_, off);
  if (off >= s_.size() || s_[off] == '\r' || s_[off] == '\n' || s_[off] == '#') {
    for (size_t l = t_.line_of(off) + 1; l < t_.lines(); ++l) {
      if (t_.content(l)) return t_.first_char(l);
    }
    return npos;
  }
  return off;
}

size_t Planner::key_colon(size_t key) const {
  size_t le = t_.end(t_.line_of(key));
  size_t i = key;
  if (s_[i] == '"' || s_[i] == '\'') {
    bool multiline = false;
    i = quoted_end(s_, i, &multiline);
    if (i == npos || multiline) return npos;
  } else {
    while (i < le && !(s_[i] == ':' && (i + 1 >= le || is_ws(s_[i + 1])))) ++i;
  }
  while (i < le && is_ws(s_[i])) ++i;
  return i < le && s_[i] == ':' ? i : npos;
}

// The dashes of a block sequence whose first dash is at `start`.
std::vector<size_t> Planner::block_items(size_t start) const {
  std::vector<size_t> items{start};
  const int d = t_.col_of(start);
  for (size_t l = t_.line_of(start) + 1; l < t_.lines(); ++l) {
    if (!t_.content(l)) continue;
    if (t_.doc_marker(l)) break;
    int ind = t_.indent(l);
    if (ind > d) continue;
    if (ind == d && t_.dash_at(t_.begin(l) + static_cast<size_t>(d))) {
      items.push_back(t_.begin(l) + static_cast<size_t>(d));
      continue;
    }
    break;
  }
  return items;
}

Result<Node> Planner::locate(const Tokens& tokens) const {
  Node n;
  n.pointer = make_pointer(tokens, tokens.size());
  n.value = resolve(tokens, tokens.size());
  if (tokens.empty()) return n;
  const std::string parent_pointer = make_pointer(tokens, tokens.size() - 1);
  const json& parent = *resolve(tokens, tokens.size() - 1);
  const size_t start = container_start(parent_pointer);
  if (start == npos) return data(parent_pointer, fmt::format("cannot find {} in the text", show(parent_pointer)));
  auto unsafe = [&](size_t off, const std::string& why) { return data_at(off, why + "; edit it by hand"); };

  if (is_flow(start)) {
    auto flow = scan_flow(s_, start);
    if (!flow) return unsafe(start, fmt::format("cannot read the extent of {}", show(parent_pointer)));
    if (flow->has_empty) return unsafe(start, fmt::format("{} has an empty entry (, ,)", show(parent_pointer)));
    n.flow = *flow;
    if (parent.is_object()) {
      n.ctx = Node::flow_map;
      size_t key = t_.offset(doc_.key_at(n.pointer));
      auto it = std::find_if(flow->entries.begin(), flow->entries.end(), [&](const Flow::Entry& e) { return e.begin == key; });
      if (key == npos || it == flow->entries.end() || flow->entries.size() != parent.size()) {
        return unsafe(start, fmt::format("cannot find the key of {} in the text", n.pointer));
      }
      n.entry = static_cast<size_t>(it - flow->entries.begin());
    } else {
      n.ctx = Node::flow_seq;
      n.entry = *parse_index(tokens.back());
      if (flow->entries.size() != parent.size()) {
        return unsafe(start, fmt::format("cannot find the items of {} in the text", show(parent_pointer)));
      }
    }
    return n;
  }

  if (parent.is_object()) {
    n.ctx = Node::block_map;
    size_t key = t_.offset(doc_.key_at(n.pointer));
    if (key == npos) return unsafe(start, fmt::format("cannot find the key of {} in the text", n.pointer));
    if (s_[key] == '?') return unsafe(key, "the key is written as an explicit key (? key)");
    const size_t line = t_.line_of(key);
    bool only_spaces = true;
    for (size_t k = t_.begin(line); k < key; ++k) {
      if (s_[k] != ' ') only_spaces = false;
    }
    if (!only_spaces) {
      // "- key: value" (or "- - key: value"): only dashes and spaces may come before the key.
      for (size_t k = t_.begin(line); k < key; ++k) {
        if (!(s_[k] == ' ' || s_[k] == '\t' || (s_[k] == '-' && is_ws(s_[k + 1])))) {
          return unsafe(key, "the key does not start its line");
        }
      }
      n.key_after_dash = true;
    }
    if (t_.col_of(key) != t_.col_of(start)) return unsafe(key, "the mapping's keys are not aligned");
    size_t colon = key_colon(key);
    if (colon == npos) return unsafe(key, "cannot find the ':' after the key");
    n.owner_off = key;
    n.owner_line = line;
    n.owner_col = t_.col_of(key);
    n.after_owner = colon + 1;
    n.last_line = block_end(t_, line, n.owner_col, true);
  } else {
    n.ctx = Node::block_seq;
    if (!t_.dash_at(start)) return unsafe(start, fmt::format("cannot find the items of {} in the text", show(parent_pointer)));
    auto dashes = block_items(start);
    if (dashes.size() != parent.size()) {
      return unsafe(start, fmt::format("cannot find the items of {} in the text", show(parent_pointer)));
    }
    size_t dash = dashes[*parse_index(tokens.back())];
    n.owner_off = dash;
    n.owner_line = t_.line_of(dash);
    n.owner_col = t_.col_of(dash);
    n.after_owner = dash + 1;
    n.last_line = block_end(t_, n.owner_line, n.owner_col, false);
  }

  // Where the value begins: on the owner's line, or on the first content line of its block.
  size_t v = n.after_owner;
  const size_t le = t_.end(n.owner_line);
  while (v < le && is_ws(s_[v])) ++v;
  if (v < le && s_[v] != '#') {
    n.value_off = v;
  } else {
    for (size_t l = n.owner_line + 1; l <= n.last_line; ++l) {
      if (t_.content(l)) {
        n.value_off = t_.first_char(l);
        break;
      }
    }
  }
  if (n.value_off != npos && t_.line_of(n.value_off) == n.owner_line) {
    // A quoted scalar or flow collection may reach lines indented less than the block rule expects.
    size_t tv = skip_tags(t_, n.value_off);
    size_t e = npos;
    if (tv < s_.size() && (s_[tv] == '"' || s_[tv] == '\'')) {
      e = quoted_end(s_, tv, nullptr);
    } else if (is_flow(tv)) {
      auto flow = scan_flow(s_, tv);
      if (flow) e = flow->close + 1;
    }
    if (e != npos) n.last_line = std::max(n.last_line, t_.line_of(e - 1));
  }
  if (n.value && !n.value->is_null() && t_.offset(doc_.at(n.pointer)) != n.value_off) {
    return unsafe(n.owner_off, fmt::format("cannot find the value of {} in the text", n.pointer));
  }
  return n;
}

// The file's indentation step: the smallest increase of indentation from one content line to the next.
int Planner::step() const {
  int best = 0;
  int prev = -1;
  for (size_t l = 0; l < t_.lines(); ++l) {
    if (!t_.content(l)) continue;
    int ind = t_.indent(l);
    if (prev >= 0 && ind > prev && (best == 0 || ind - prev < best)) best = ind - prev;
    prev = ind;
  }
  return best > 0 && best <= 8 ? best : 2;
}

// How far the file indents a block sequence's dashes past its key (0 for "key:\n- a"): the first one it has.
int Planner::sequence_offset() const {
  size_t best_mark = npos;
  int offset = -1;
  std::vector<std::pair<std::string, const json*>> todo{{"", &doc_.json}};
  size_t visited = 0;
  while (!todo.empty() && ++visited < 100000) {
    auto [pointer, value] = todo.back();
    todo.pop_back();
    if (value->is_object()) {
      for (const auto& [k, v] : value->items()) {
        std::string child = pointer_append(pointer, k);
        if (v.is_array() && !v.empty()) {
          size_t key = t_.offset(doc_.key_at(child));
          size_t mark = t_.offset(doc_.at(child));
          if (key != npos && mark != npos && t_.dash_at(mark) && t_.line_of(mark) > t_.line_of(key) &&
              t_.col_of(mark) >= t_.col_of(key) && mark < best_mark) {
            best_mark = mark;
            offset = t_.col_of(mark) - t_.col_of(key);
          }
        }
        todo.emplace_back(child, &v);
      }
    } else if (value->is_array()) {
      for (size_t i = 0; i < value->size(); ++i) todo.emplace_back(pointer_append(pointer, i), &(*value)[i]);
    }
  }
  return offset >= 0 ? offset : step();
}

// New lines after line `last` (each line given without its end of line), keeping the final newline as it was.
Replacement Planner::insert_after(size_t last, const std::vector<std::string>& lines) const {
  size_t at = t_.next(last);
  if (at == s_.size() && !t_.ends_with_newline()) return {at, at, t_.eol + join(lines, t_.eol)};
  return {at, at, join(lines, t_.eol) + t_.eol};
}

// Removes lines first..last (indented `col`) whole, without leaving a blank line doubled or first in its block.
Replacement Planner::remove_lines(size_t first, size_t last, int col) const {
  bool only_blank_after = true;
  for (size_t l = last + 1; l < t_.lines(); ++l) {
    if (!t_.blank(l)) only_blank_after = false;
  }
  if (only_blank_after) {
    last = t_.lines() - 1;
    while (first > 0 && t_.blank(first - 1)) --first;
  } else if (t_.blank(last + 1) && (first == 0 || t_.blank(first - 1) || t_.indent(first - 1) < col)) {
    // a blank line after the removed lines is dropped when one before them (or the parent's line) separates
    while (last + 1 < t_.lines() && t_.blank(last + 1)) ++last;
  }
  size_t b = t_.begin(first);
  size_t e = t_.next(last);
  if (e == s_.size() && !t_.ends_with_newline() && first > 0) b = t_.end(first - 1);
  return {b, e, ""};
}

// A key added last to the mapping at `parent`: `lines` for a block mapping (unindented; the first one is
// "key: ..."), `key` and its one-line `flow_value` for a flow mapping (empty: a flow mapping cannot take it).
Result<Plan> Planner::insert_key(const std::string& parent, const std::vector<std::string>& lines, const std::string& key,
                                 const std::string& flow_value, Plan plan) const {
  const size_t start = container_start(parent);
  if (start == npos) return data(parent, fmt::format("cannot find {} in the text", show(parent)));
  if (is_flow(start)) {
    if (flow_value.empty()) {
      return data_at(start, fmt::format("{} is written in flow style ({{...}}); a block cannot go inside it", show(parent)));
    }
    if (!flow_safe(flow_value)) {
      return data_at(start, fmt::format("{} is written in flow style ({{...}}), where {} must be quoted", show(parent), flow_value));
    }
    auto flow = scan_flow(s_, start);
    if (!flow || flow->has_empty) return data_at(start, fmt::format("cannot read the extent of {}; edit it by hand", show(parent)));
    const std::string flow_text = yaml_string(key) + ": " + flow_value;
    if (flow->entries.empty()) {
      plan.edits.push_back({flow->open + 1, flow->close, flow_text});
    } else {
      size_t at = flow->entries.back().end;
      plan.edits.push_back({at, at, ", " + flow_text});
    }
    return plan;
  }
  const int k = t_.col_of(start);
  size_t last = block_end(t_, t_.line_of(start), k - 1, false);
  last = trailing_comments(t_, last, k);
  plan.edits.push_back(insert_after(last, indented(lines, k)));
  return plan;
}

// The key at `tokens` (in a mapping) set to a block mapping or sequence given as lines at indent 0.
Result<Plan> Planner::block_value(const Tokens& tokens, const std::vector<std::string>& lines, const json& value) const {
  const std::string parent_pointer = make_pointer(tokens, tokens.size() - 1);
  const json& parent = *resolve(tokens, tokens.size() - 1);
  if (!parent.is_object()) {
    return data(parent_pointer, fmt::format("{} is {}, not a mapping", show(parent_pointer), kind_name(parent)));
  }
  const bool sequence = value.is_array();
  Plan plan;
  plan.expected = doc_.json;
  plan.expected[json::json_pointer(make_pointer(tokens, tokens.size()))] = value;
  const json* node = child_of(parent, tokens.back());
  const int nested = sequence ? sequence_offset() : step();
  if (!node) {
    std::vector<std::string> out{yaml_string(tokens.back()) + ":"};
    for (auto& l : indented(lines, nested)) out.push_back(l);
    return insert_key(parent_pointer, out, tokens.back(), "", std::move(plan));
  }
  auto n = locate(tokens);
  if (!n) return n.error();
  if (n->ctx != Node::block_map) {
    return data_at(container_start(parent_pointer),
                   fmt::format("{} is written in flow style ({{...}}); a block cannot go inside it", show(parent_pointer)));
  }
  int indent = n->owner_col + nested;
  const size_t v = n->value_off;
  if (v != npos && t_.line_of(v) > n->owner_line) {  // reuse the indentation of a block of the same kind
    if (sequence && node->is_array() && t_.dash_at(v)) indent = t_.col_of(v);
    if (!sequence && node->is_object() && !is_flow(v) && s_[v] != '!') indent = t_.col_of(v);
  }
  const std::string block = t_.eol + join(indented(lines, indent), t_.eol);
  const size_t key_line_end = t_.end(n->owner_line);
  auto tail_of = [&](size_t from, size_t to) {
    std::string tail = s_.substr(from, to - from);
    return tail.find_first_not_of(" \t") == npos ? std::string() : tail;
  };
  if (v == npos) {  // "key:" with nothing (or a comment) after it
    plan.edits.push_back({n->after_owner, key_line_end, tail_of(n->after_owner, key_line_end) + block});
    return plan;
  }
  if (t_.line_of(v) > n->owner_line) {  // the value starts below the key: keep the key's line and comments above
    plan.edits.push_back({t_.end(t_.line_of(v) - 1), t_.end(n->last_line), block});
    return plan;
  }
  // The value starts on the key's line.
  const size_t tv = skip_tags(t_, v);
  size_t end = npos;
  if (tv < s_.size() && (s_[tv] == '"' || s_[tv] == '\'')) {
    bool multiline = false;
    end = quoted_end(s_, tv, &multiline);
    if (end == npos || multiline) return data_at(v, fmt::format("{} is a quoted text on several lines; edit it by hand", n->pointer));
  } else if (is_flow(tv)) {
    auto flow = scan_flow(s_, tv);
    if (!flow) return data_at(v, fmt::format("cannot read the extent of {}; edit it by hand", n->pointer));
    end = flow->close + 1;
  } else if (tv < s_.size() && s_[tv] != '|' && s_[tv] != '>' && tv < key_line_end) {
    if (n->last_line > n->owner_line) return data_at(v, fmt::format("{} is a text on several lines; edit it by hand", n->pointer));
    end = plain_end(t_, tv);
  }
  if (end == npos) {  // a block scalar (| or >) or a tag alone on the line: the whole block goes
    plan.edits.push_back({n->after_owner, t_.end(n->last_line), block});
    return plan;
  }
  const size_t end_line = t_.line_of(end);
  if (n->last_line > end_line) return data_at(v, fmt::format("cannot read the extent of {}; edit it by hand", n->pointer));
  plan.edits.push_back({n->after_owner, t_.end(end_line), tail_of(end, t_.end(end_line)) + block});
  return plan;
}

// Lines first..last held the only entry of the collection at `container`: remove them and write it `empty`.
Result<Plan> Planner::emptied(const Tokens& container, size_t first, size_t last, int col, const char* empty,
                              Plan plan) const {
  if (container.empty()) {
    Replacement r = remove_lines(first, last, col);
    r.text = std::string(empty) + (r.end > r.begin && s_[r.end - 1] == '\n' ? t_.eol : "");
    plan.edits.push_back(r);
    return plan;
  }
  auto owner = locate(container);
  if (!owner) return owner.error();
  if ((owner->ctx != Node::block_map && owner->ctx != Node::block_seq) || owner->value_off == npos ||
      t_.line_of(owner->value_off) <= owner->owner_line) {
    return data(make_pointer(container, container.size()),
                fmt::format("{} would be left empty and cannot be written as {} here; edit it by hand",
                            show(make_pointer(container, container.size())), empty));
  }
  plan.edits.push_back({owner->after_owner, owner->after_owner, std::string(" ") + empty});
  plan.edits.push_back(remove_lines(first, last, col));
  return plan;
}

Result<json> parse_fragment(const std::string& text, const char* what) {
  Diagnostics diags;
  auto doc = parse_yaml(text, what, diags);
  if (!doc) {
    std::string why = diags.empty() ? "not valid YAML" : diags.items().front().message;
    return Error{ErrorKind::usage, fmt::format("the {} is not valid YAML: {}", what, why)};
  }
  return doc->json;
}

Result<Plan> Planner::set_scalar(const std::string& pointer, const std::string& scalar) {
  auto tokens = start("set", pointer);
  if (!tokens) return tokens.error();
  if (tokens->empty()) return usage("give the pointer of a value, not of the whole document");
  if (scalar.empty() || scalar.find_first_of("\r\n") != npos || is_ws(scalar.front()) || is_ws(scalar.back()) ||
      std::strchr("|>&*!%@`#[]{}", scalar.front())) {
    return usage(fmt::format("'{}' is not one YAML scalar on one line", scalar));
  }
  auto value = parse_fragment(scalar, "value");
  if (!value) return usage(value.error().message);
  if (value->is_object() || value->is_array()) return usage(fmt::format("'{}' is not one YAML scalar", scalar));
  if (auto e = check_parent(*tokens)) return *e;
  const Tokens& tk = *tokens;
  const std::string ptr = make_pointer(tk, tk.size());
  const std::string parent_pointer = make_pointer(tk, tk.size() - 1);
  const json& parent = *resolve(tk, tk.size() - 1);
  const json* node = child_of(parent, tk.back());
  if (auto e = check_chain(tk, node ? tk.size() : tk.size() - 1)) return *e;
  Plan plan;
  if (!node) {
    if (parent.is_array()) {
      return data(parent_pointer, fmt::format("{} has no item {} (it has {}); add items with append_item",
                                              show(parent_pointer), tk.back(), parent.size()));
    }
    if (!parent.is_object()) {
      return data(parent_pointer, fmt::format("{} is {}, not a mapping", show(parent_pointer), kind_name(parent)));
    }
    plan.expected = doc_.json;
    plan.expected[json::json_pointer(ptr)] = *value;
    return insert_key(parent_pointer, {yaml_string(tk.back()) + ": " + scalar}, tk.back(), scalar, std::move(plan));
  }
  if (node->is_object() || node->is_array()) {
    return data(ptr, fmt::format("{} is {}, not a single value", ptr, kind_name(*node)));
  }
  plan.expected = doc_.json;
  plan.expected[json::json_pointer(ptr)] = *value;
  auto n = locate(tk);
  if (!n) return n.error();
  auto several_lines = [&](size_t off) { return data_at(off, fmt::format("{} is written on several lines; edit it by hand", ptr)); };
  if (n->ctx == Node::flow_map || n->ctx == Node::flow_seq) {
    const auto& e = n->flow.entries[n->entry];
    size_t b = e.begin, end = e.end;
    if (n->ctx == Node::flow_map) {
      if (e.colon == npos || e.vbegin == npos) return data_at(e.begin, fmt::format("{} has no value to replace; edit it by hand", ptr));
      b = e.vbegin;
      end = e.vend;
    }
    if (s_.substr(b, end - b).find('\n') != npos) return several_lines(b);
    if (!flow_safe(scalar)) return data_at(b, fmt::format("{} is inside [...] or {{...}}, where {} must be quoted", ptr, scalar));
    plan.edits.push_back({b, end, scalar});
    return plan;
  }
  if (n->value_off == npos) {  // "key:" or "-" with nothing after it
    size_t le = t_.end(n->owner_line);
    size_t k = n->after_owner;
    while (k < le && is_ws(s_[k])) ++k;
    plan.edits.push_back({n->after_owner, k == le ? le : n->after_owner, " " + scalar});
    return plan;
  }
  const size_t v = n->value_off;
  const size_t tv = skip_tags(t_, v);
  const size_t line = t_.line_of(v);
  if (tv >= t_.end(line) || t_.line_of(tv) != line) return several_lines(v);
  size_t end = npos;
  const char c = s_[tv];
  if (c == '|' || c == '>') return several_lines(v);
  if (c == '"' || c == '\'') {
    bool multiline = false;
    end = quoted_end(s_, tv, &multiline);
    if (end == npos || multiline) return several_lines(v);
  } else if (is_flow(tv)) {
    return data_at(v, fmt::format("{} is not a single value", ptr));
  } else {
    end = plain_end(t_, tv);
  }
  if (n->last_line > line) return several_lines(v);
  plan.edits.push_back({v, end, scalar});
  return plan;
}

Result<Plan> Planner::set_block(const std::string& pointer, const std::string& block) {
  auto tokens = start("set", pointer);
  if (!tokens) return tokens.error();
  if (tokens->empty()) return usage("give the pointer of a key, not of the whole document");
  auto value = parse_fragment(block, "block");
  if (!value) return usage(value.error().message);
  auto lines = fragment_lines(block);
  size_t first = block.find_first_not_of(" \t\r\n");
  if (lines.empty() || !(value->is_object() || value->is_array()) || first == npos || block[first] == '[' ||
      block[first] == '{' || lines.front().empty() || is_ws(lines.front()[0])) {
    return usage("the block must be a mapping or a list written in block style at indent 0");
  }
  if (auto e = check_parent(*tokens)) return *e;
  const Tokens& tk = *tokens;
  const std::string ptr = make_pointer(tk, tk.size());
  const json* node = resolve(tk, tk.size());
  if (auto e = check_chain(tk, tk.size() - 1)) return *e;
  if (node) {
    if (auto e = check_subtree(ptr, *node)) return *e;
  }
  return block_value(tk, lines, *value);
}

Result<Plan> Planner::append_item(const std::string& pointer, const std::string& item) {
  auto tokens = start("append to", pointer);
  if (!tokens) return tokens.error();
  auto value = parse_fragment(item, "item");
  if (!value) return usage(value.error().message);
  auto lines = fragment_lines(item);
  if (lines.empty() || lines.front().empty() || is_ws(lines.front()[0])) {
    return usage("the item must be YAML text at indent 0");
  }
  if (auto e = check_parent(*tokens)) return *e;
  const Tokens& tk = *tokens;
  const std::string ptr = make_pointer(tk, tk.size());
  const json* node = resolve(tk, tk.size());
  if (auto e = check_chain(tk, node ? tk.size() : tk.size() - 1)) return *e;
  Plan plan;
  plan.expected = doc_.json;

  if (node && node->is_array()) {
    plan.expected[json::json_pointer(ptr)].push_back(*value);
    const size_t start = container_start(ptr);
    if (start == npos) return data(ptr, fmt::format("cannot find {} in the text", show(ptr)));
    if (is_flow(start)) {
      if (lines.size() != 1 || !flow_safe(lines.front())) {
        return data_at(start, fmt::format("{} is written in flow style ([a, b]); only a one-line item that needs no quotes "
                                          "there can be added to it", show(ptr)));
      }
      auto flow = scan_flow(s_, start);
      if (!flow || flow->has_empty) return data_at(start, fmt::format("cannot read the extent of {}; edit it by hand", show(ptr)));
      if (flow->entries.empty()) {
        plan.edits.push_back({flow->open + 1, flow->close, lines.front()});
      } else {
        size_t at = flow->entries.back().end;
        plan.edits.push_back({at, at, ", " + lines.front()});
      }
      return plan;
    }
    if (!t_.dash_at(start)) return data(ptr, fmt::format("cannot find the items of {} in the text", show(ptr)));
    auto dashes = block_items(start);
    if (dashes.size() != node->size()) {
      return data_at(start, fmt::format("cannot find the items of {} in the text; edit it by hand", show(ptr)));
    }
    const int d = t_.col_of(start);
    // The column of the items' content: that of the first item ("-   id: a" keeps its spaces).
    int c = d + 2;
    size_t k = start + 1;
    const size_t le = t_.end(t_.line_of(start));
    while (k < le && is_ws(s_[k])) ++k;
    if (k < le && s_[k] != '#' && s_[k - 1] == ' ') c = t_.col_of(k);
    size_t last = block_end(t_, t_.line_of(dashes.back()), d, false);
    last = trailing_comments(t_, last, d);
    std::vector<std::string> out;
    out.push_back(spaces(d) + "-" + spaces(c - d - 1) + lines.front());
    for (size_t i = 1; i < lines.size(); ++i) out.push_back(lines[i].empty() ? "" : spaces(c) + lines[i]);
    plan.edits.push_back(insert_after(last, out));
    return plan;
  }
  if (node && !node->is_null()) return data(ptr, fmt::format("{} is {}, not a list", show(ptr), kind_name(*node)));
  if (tk.empty()) return data(ptr, "the document is empty, not a list");
  const std::string parent_pointer = make_pointer(tk, tk.size() - 1);
  const json& parent = *resolve(tk, tk.size() - 1);
  if (!parent.is_object()) {
    return data(parent_pointer, node ? fmt::format("{} is empty, not a list", ptr)
                                     : fmt::format("{} is {}, not a mapping", show(parent_pointer), kind_name(parent)));
  }

  // A new (or empty) key becomes a block sequence of one item.
  std::vector<std::string> block{"- " + lines.front()};
  for (size_t i = 1; i < lines.size(); ++i) block.push_back(lines[i].empty() ? "" : "  " + lines[i]);
  if (!node) {
    size_t start = container_start(parent_pointer);
    if (start != npos && is_flow(start)) {
      if (lines.size() != 1 || !flow_safe(lines.front())) {
        return data_at(start, fmt::format("{} is written in flow style ({{...}}); only a one-line item that needs no "
                                          "quotes there can be added to it", show(parent_pointer)));
      }
      plan.expected[json::json_pointer(ptr)] = json::array({*value});
      return insert_key(parent_pointer, {}, tk.back(), "[" + lines.front() + "]", std::move(plan));
    }
  } else {
    if (auto e = check_node(ptr)) return *e;
  }
  return block_value(tk, block, json::array({*value}));
}

Result<Plan> Planner::remove(const std::string& pointer) {
  auto tokens = start("remove", pointer);
  if (!tokens) return tokens.error();
  if (tokens->empty()) return usage("the whole document cannot be removed");
  if (auto e = check_parent(*tokens)) return *e;
  const Tokens& tk = *tokens;
  const std::string ptr = make_pointer(tk, tk.size());
  const Tokens parent_tokens(tk.begin(), tk.end() - 1);
  const std::string parent_pointer = make_pointer(tk, tk.size() - 1);
  const json& parent = *resolve(tk, tk.size() - 1);
  const json* node = child_of(parent, tk.back());
  if (!node) {
    if (!parent.is_object() && !parent.is_array()) {
      return data(parent_pointer, fmt::format("{} is {}, not a mapping or a list", show(parent_pointer), kind_name(parent)));
    }
    return data(parent_pointer, fmt::format("{} does not exist", ptr));
  }
  if (auto e = check_chain(tk, tk.size() - 1)) return *e;
  if (auto e = check_subtree(ptr, *node)) return *e;
  Plan plan;
  plan.expected = doc_.json;
  json& expected_parent = plan.expected[json::json_pointer(parent_pointer)];
  if (parent.is_object()) {
    expected_parent.erase(tk.back());
  } else {
    expected_parent.erase(*parse_index(tk.back()));
  }
  auto n = locate(tk);
  if (!n) return n.error();

  if (n->ctx == Node::flow_map || n->ctx == Node::flow_seq) {
    const auto& entries = n->flow.entries;
    const size_t i = n->entry;
    if (entries.size() == 1) {
      plan.edits.push_back({n->flow.open + 1, n->flow.close, ""});
    } else if (i + 1 < entries.size()) {  // the entry, its comma and what follows up to the next entry
      plan.edits.push_back({entries[i].begin, entries[i + 1].begin, ""});
    } else if (s_.substr(entries[i - 1].end, entries[i].begin - entries[i - 1].end).find('\n') == npos) {
      plan.edits.push_back({entries[i - 1].end, entries[i].end, ""});  // ", last"
    } else {
      // The last entry on a line of its own: the comma before it goes, and its line (with its comment).
      size_t comma = entries[i - 1].end;
      while (comma < entries[i].begin && s_[comma] != ',') ++comma;
      if (comma == entries[i].begin) return data_at(entries[i].begin, fmt::format("cannot read the extent of {}; edit it by hand", ptr));
      plan.edits.push_back({comma, comma + 1, ""});
      const size_t line = t_.line_of(entries[i].begin);
      size_t after = entries[i].end;
      while (after < t_.end(line) && is_ws(s_[after])) ++after;
      if (t_.first_char(line) == entries[i].begin && (after == t_.end(line) || s_[after] == '#')) {
        plan.edits.push_back({t_.begin(line), t_.next(line), ""});
      } else {
        size_t b = entries[i].begin;
        while (b > t_.begin(line) && is_ws(s_[b - 1])) --b;
        plan.edits.push_back({b, entries[i].end, ""});
      }
    }
    return plan;
  }
  const int col = n->owner_col;
  if (n->ctx == Node::block_seq) {
    for (size_t k = t_.begin(n->owner_line); k < n->owner_off; ++k) {
      if (s_[k] != ' ') return data_at(n->owner_off, fmt::format("{} starts on its parent's line (- - ...); edit it by hand", ptr));
    }
    size_t first = leading_comments(t_, n->owner_line, col);
    size_t last = trailing_comments(t_, n->last_line, col);
    if (parent.size() == 1) return emptied(parent_tokens, first, last, col, "[]", std::move(plan));
    plan.edits.push_back(remove_lines(first, last, col));
    return plan;
  }
  // A key of a block mapping.
  if (n->key_after_dash) {  // "- id: a": the dash stays, the next key moves up
    if (parent.size() == 1) {
      plan.edits.push_back({n->owner_off, t_.end(n->last_line), "{}"});
      return plan;
    }
    size_t next = npos;
    for (const auto& [k, v] : parent.items()) {
      size_t key = t_.offset(doc_.key_at(pointer_append(parent_pointer, k)));
      if (key != npos && key > n->owner_off && key < next) next = key;
    }
    if (next == npos || t_.line_of(next) <= n->last_line) {
      return data_at(n->owner_off, fmt::format("cannot find the key after {} in the text; edit it by hand", ptr));
    }
    plan.edits.push_back({n->owner_off, next, ""});
    return plan;
  }
  bool file_header_above = parent_tokens.empty() && n->owner_line == t_.line_of(container_start(""));
  size_t first = file_header_above ? n->owner_line : leading_comments(t_, n->owner_line, col);
  size_t last = trailing_comments(t_, n->last_line, col);
  if (parent.size() == 1) return emptied(parent_tokens, first, last, col, "{}", std::move(plan));
  plan.edits.push_back(remove_lines(first, last, col));
  return plan;
}

// The text with the replacements made (they must not overlap); nothing if they are not within the text.
std::optional<std::string> apply_edits(const std::string& text, std::vector<Replacement> edits) {
  std::sort(edits.begin(), edits.end(), [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  std::string out = text;
  size_t limit = text.size();
  for (const auto& r : edits) {
    if (r.begin > r.end || r.end > limit) return std::nullopt;
    out.replace(r.begin, r.end - r.begin, r.text);
    limit = r.begin;
  }
  return out;
}

// Planning never throws by design; a bug that makes nlohmann or the standard library throw is an internal error.
template <class F>
Result<Plan> plan_safely(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Error{ErrorKind::internal, fmt::format("editing YAML failed: {}", e.what())};
  }
}

}  // namespace

Result<YamlEditor> YamlEditor::parse(std::string text, std::string path) {
  Diagnostics diags;
  auto doc = parse_yaml(text, path, diags);
  if (!doc) {
    if (diags.empty()) return Error{ErrorKind::data, fmt::format("{}: not valid YAML", path)};
    const auto& d = diags.items().front();
    return Error{ErrorKind::data, fmt::format("{}: {}", where(d.where), d.message)};
  }
  return YamlEditor(std::move(text), std::move(path), std::move(*doc));
}

Status YamlEditor::commit(std::optional<std::string> next, const nlohmann::json& expected, const std::string& what) {
  if (!next) return Error{ErrorKind::internal, fmt::format("{}: {} planned overlapping changes; the file is unchanged", path_, what)};
  Diagnostics diags;
  auto doc = parse_yaml(*next, path_, diags);
  if (!doc) {
    std::string why = diags.empty() ? "not valid YAML" : diags.items().front().message;
    return Error{ErrorKind::internal,
                 fmt::format("{}: {} would leave text that does not read back ({}); the file is unchanged", path_, what, why)};
  }
  if (doc->json != expected) {
    return Error{ErrorKind::internal,
                 fmt::format("{}: {} would change more than intended; the file is unchanged", path_, what)};
  }
  text_ = std::move(*next);
  doc_ = std::move(*doc);
  return Ok{};
}

Status YamlEditor::set_scalar(const std::string& pointer, const std::string& yaml_scalar) {
  auto plan = plan_safely([&] { return Planner(text_, doc_).set_scalar(pointer, yaml_scalar); });
  if (!plan) return plan.error();
  return commit(apply_edits(text_, plan->edits), plan->expected, "setting " + pointer);
}

Status YamlEditor::set_block(const std::string& pointer, const std::string& block) {
  auto plan = plan_safely([&] { return Planner(text_, doc_).set_block(pointer, block); });
  if (!plan) return plan.error();
  return commit(apply_edits(text_, plan->edits), plan->expected, "setting " + pointer);
}

Status YamlEditor::append_item(const std::string& pointer, const std::string& item) {
  auto plan = plan_safely([&] { return Planner(text_, doc_).append_item(pointer, item); });
  if (!plan) return plan.error();
  return commit(apply_edits(text_, plan->edits), plan->expected,
                "appending to " + (pointer.empty() ? std::string("the document") : pointer));
}

Status YamlEditor::remove(const std::string& pointer) {
  auto plan = plan_safely([&] { return Planner(text_, doc_).remove(pointer); });
  if (!plan) return plan.error();
  return commit(apply_edits(text_, plan->edits), plan->expected, "removing " + pointer);
}

}  // namespace collab
