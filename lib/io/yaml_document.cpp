#include "io/yaml_document.h"

#include "io/files.h"

#include <fmt/format.h>
#include <yaml.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace collab {
namespace {

constexpr size_t kMaxNodes = 1'000'000;  // aliases expanded: a "billion laughs" file stops here
constexpr int kMaxDepth = 100;

// The core schema's number forms, matched by hand: std::regex here cost a fifth of loading a collaborative.
bool all_of(std::string_view s, size_t from, bool (*accept)(char)) {
  if (from >= s.size()) return false;  // at least one character
  for (size_t i = from; i < s.size(); ++i) {
    if (!accept(s[i])) return false;
  }
  return true;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
size_t sign_length(std::string_view s) { return !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0; }

// [-+]?[0-9]+
bool is_integer(std::string_view s) { return all_of(s, sign_length(s), is_digit); }
// 0o[0-7]+ or 0x[0-9a-fA-F]+
bool is_octal(std::string_view s) { return s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s, 2, is_octal_digit); }
bool is_hex(std::string_view s) { return s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s, 2, is_hex_digit); }
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_decimal(std::string_view s) {
  size_t i = sign_length(s);
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i == s.size()) return true;
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  return all_of(s, i + sign_length(s.substr(i)), is_digit);
}

// YAML 1.2 core schema resolution of a plain scalar (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
nlohmann::json resolve_plain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.size() > 64) return s;  // no number is that long
  if (is_integer(s)) {
    long long v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) return v;
    return std::strtod(s.c_str(), nullptr);  // out of range for an integer: keep it as a number
  }
  if (is_octal(s) || is_hex(s)) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), v, s[1] == 'o' ? 8 : 16);
    if (ec == std::errc() && p == s.data() + s.size()) return v;
    return s;
  }
  if (is_decimal(s)) {
    double d = std::strtod(s.c_str(), nullptr);
    if (std::isfinite(d)) return d;
  }
  // .inf and .nan are deliberately left as strings: no collab value may be infinite or not a number.
  return s;
}

// A document as the YAML parser (libyaml) reports it, event by event, kept flat: a node graph of shared
// pointers (as yaml-cpp's YAML::LoadAll built) cost a third of parsing a collaborative and was walked once
// and dropped (docs/performance.md, fixes 40 and 41). An alias is the node its anchor named (a node still
// open when its alias comes makes a cycle), so Converter below sees the graph a YAML loader would build.
class Tree {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};
  enum class Kind : uint8_t { null, scalar, sequence, map, alias };
  // How a scalar resolves: a plain one (or one tagged !!int, !!float or !!bool) by the core schema, one
  // tagged !!null to null, any other (quoted, !!str, an unknown tag) as text.
  enum class Resolve : uint8_t { plain, null, text };
  struct Node {
    Kind kind = Kind::null;
    Resolve resolve = Resolve::plain;
    Position position;
    uint32_t first = kNone, next = kNone, last = kNone;  // children in order (a map's: key, value, ...)
    uint32_t target = kNone;                             // an alias's node
    std::string value;                                   // a scalar's
  };

  // Only the first document is kept; of the second, where its first node starts.
  std::vector<Node> nodes;
  size_t documents = 0;
  std::optional<Position> second_start;

  const Node& resolved(uint32_t i) const {
    const Node* n = &nodes[i];
    while (n->kind == Kind::alias) n = &nodes[n->target];
    return *n;
  }

  void document_start() {
    ++documents;
    anchors_.clear();  // an alias names an anchor of its own document
  }
  void null(Position at, std::string_view anchor) { add(at, Kind::null, anchor); }
  // An alias to an anchor of the document; false when none was defined before it.
  bool alias(Position at, std::string_view anchor) {
    if (documents > 1) return add(at, Kind::alias, {}) == nullptr;  // a later document: only where it starts
    auto it = anchors_.find(std::string(anchor));
    if (it == anchors_.end()) return false;
    if (Node* n = add(at, Kind::alias, {})) n->target = it->second;
    return true;
  }
  void scalar(Position at, Resolve resolve, std::string_view anchor, std::string_view value) {
    if (Node* n = add(at, Kind::scalar, anchor)) {
      n->value = value;
      n->resolve = resolve;
    }
  }
  void open(Position at, Kind kind, std::string_view anchor) {
    if (add(at, kind, anchor)) open_.push_back(static_cast<uint32_t>(nodes.size() - 1));
  }
  void close() {
    if (documents <= 1 && !open_.empty()) open_.pop_back();
  }

 private:
  // A new node of the first document, placed in the container open, or nothing (a later document).
  Node* add(Position at, Kind kind, std::string_view anchor) {
    if (documents > 1) {
      if (!second_start) second_start = at;
      return nullptr;
    }
    const auto i = static_cast<uint32_t>(nodes.size());
    Node& n = nodes.emplace_back();
    n.kind = kind;
    n.position = at;
    if (!anchor.empty()) anchors_[std::string(anchor)] = i;  // a name used again names the later node
    if (!open_.empty()) {
      Node& parent = nodes[open_.back()];
      (parent.last == kNone ? parent.first : nodes[parent.last].next) = i;
      parent.last = i;
    }
    return &nodes.back();
  }

  std::unordered_map<std::string, uint32_t> anchors_;
  std::vector<uint32_t> open_;  // the containers being filled
};

// A syntax error: where, and what in words.
struct SyntaxError {
  Position at;
  std::string message;
};

// libyaml's problems in plain words; the rest as libyaml says them.
std::string syntax_message(const yaml_parser_t& p, std::string_view text) {
  const std::string problem = p.problem ? p.problem : "unknown problem";
  const std::string context = p.context ? p.context : "";
  std::string plain;
  if (problem == "did not find expected ',' or ']'") plain = "a list opened with '[' is not closed with ']'";
  else if (problem == "did not find expected ',' or '}'") plain = "a mapping opened with '{' is not closed with '}'";
  else if (problem == "mapping values are not allowed in this context") plain = "a 'key: value' pair cannot stand here (check the indentation)";
  else if (problem == "did not find expected key") plain = "a mapping ends where it cannot (check the indentation)";
  else if (problem == "did not find expected '-' indicator") plain = "a list ends where it cannot (check the indentation)";
  else if (problem == "block sequence entries are not allowed in this context") plain = "a '- ' list item cannot stand here (check the indentation)";
  else if (problem == "did not find expected node content") plain = "a value is missing here";
  else if (problem == "could not find expected ':'") plain = "a key's ':' is missing (a key and its ':' must be on one line)";
  else if (problem == "did not find expected <document start>") plain = "the file goes on after its value ends (check the quotes and the indentation)";
  else if (problem == "found character that cannot start any token") plain = "a text cannot start with this character; put it in quotes";
  else if (problem == "found unexpected end of stream" && context.find("quoted scalar") != std::string::npos) {
    plain = "a quoted text is not closed before the end of the file";
  } else {
    plain = problem + (context.empty() ? "" : " (" + context + ")");
  }
  // The line of the error and the one before: a tab in their indentation is the usual cause.
  size_t line_start = 0;
  for (size_t line = 0; line + 1 < p.problem_mark.line && line_start != std::string_view::npos; ++line) {
    line_start = text.find('\n', line_start);
    if (line_start != std::string_view::npos) ++line_start;
  }
  for (int k = 0; k < 2 && line_start != std::string_view::npos && line_start < text.size(); ++k) {
    size_t i = line_start;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      if (text[i] == '\t') return "not valid YAML: a tab indents this line or the one before; YAML indents with spaces only";
      ++i;
    }
    line_start = text.find('\n', line_start);
    if (line_start != std::string_view::npos) ++line_start;
  }
  return "not valid YAML: " + plain;
}

Position position_of(const yaml_mark_t& m) { return {static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1}; }

bool is_null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

// Reads `text` with libyaml into `tree`; a syntax error stops it.
std::optional<SyntaxError> read_events(std::string_view text, Tree& tree) {
  struct Parser {
    yaml_parser_t p;
    Parser() {
      if (!yaml_parser_initialize(&p)) throw std::bad_alloc();
    }
    ~Parser() { yaml_parser_delete(&p); }
  } parser;
  yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  yaml_parser_set_encoding(&parser.p, YAML_UTF8_ENCODING);
  for (;;) {
    struct Event {
      yaml_event_t e;
      ~Event() { yaml_event_delete(&e); }
    } event;
    if (!yaml_parser_parse(&parser.p, &event.e)) {
      if (parser.p.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
      return SyntaxError{position_of(parser.p.problem_mark), syntax_message(parser.p, text)};
    }
    const yaml_event_t& e = event.e;
    const Position at = position_of(e.start_mark);
    auto str = [](const yaml_char_t* c) { return c ? std::string_view(reinterpret_cast<const char*>(c)) : std::string_view(); };
    switch (e.type) {
      case YAML_STREAM_END_EVENT:
        return std::nullopt;
      case YAML_DOCUMENT_START_EVENT:
        tree.document_start();
        break;
      case YAML_ALIAS_EVENT:
        if (!tree.alias(at, str(e.data.alias.anchor))) {
          return SyntaxError{at, "not valid YAML: an alias (*name) names no anchor (&name) defined before it"};
        }
        break;
      case YAML_SCALAR_EVENT: {
        const std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        const std::string_view tag = str(e.data.scalar.tag);
        const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (tag.empty() && plain && is_null_text(value)) {
          tree.null(at, str(e.data.scalar.anchor));
          break;
        }
        Tree::Resolve resolve = Tree::Resolve::text;
        if (tag.empty()) {
          resolve = plain ? Tree::Resolve::plain : Tree::Resolve::text;
        } else if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool") {
          resolve = Tree::Resolve::plain;
        } else if (tag == "tag:yaml.org,2002:null") {
          resolve = Tree::Resolve::null;
        }
        tree.scalar(at, resolve, str(e.data.scalar.anchor), value);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        tree.open(at, Tree::Kind::sequence, str(e.data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        tree.open(at, Tree::Kind::map, str(e.data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        tree.close();
        break;
      default:  // stream start, document end
        break;
    }
  }
}

// The tree as JSON, each value's and key's position recorded in the document.
class Converter {
 public:
  Converter(const Tree& tree, YamlDocument& doc, Diagnostics& diags) : tree_(tree), doc_(doc), diags_(diags) {}

  bool convert(uint32_t index, const std::string& pointer, nlohmann::json& out, int depth) {
    const Tree::Node& node = tree_.resolved(index);
    if (++nodes_ > kMaxNodes) {
      fail(node, fmt::format("the file expands to more than {} values (aliases repeated too often)", kMaxNodes));
      return false;
    }
    if (depth > kMaxDepth) {
      fail(node, fmt::format("values are nested more than {} levels deep", kMaxDepth));
      return false;
    }
    doc_.set_value_position(pointer, node.position);
    switch (node.kind) {
      case Tree::Kind::null:
      case Tree::Kind::alias:  // not after resolved()
        out = nullptr;
        return true;
      case Tree::Kind::scalar:
        out = node.resolve == Tree::Resolve::plain  ? resolve_plain(node.value)
              : node.resolve == Tree::Resolve::null ? nlohmann::json(nullptr)
                                                    : nlohmann::json(node.value);
        return true;
      case Tree::Kind::sequence: {
        out = nlohmann::json::array();
        size_t i = 0;
        for (uint32_t item = node.first; item != Tree::kNone; item = tree_.nodes[item].next) {
          nlohmann::json value;
          if (!convert(item, pointer_append(pointer, i++), value, depth + 1)) return false;
          out.push_back(std::move(value));
        }
        return true;
      }
      case Tree::Kind::map: {
        out = nlohmann::json::object();
        std::unordered_map<std::string_view, Position> seen;
        bool ok = true;
        for (uint32_t k = node.first; k != Tree::kNone;) {
          const uint32_t v = tree_.nodes[k].next;  // a parser always gives a key its value, empty when none
          const Tree::Node& key = tree_.resolved(k);
          k = v == Tree::kNone ? Tree::kNone : tree_.nodes[v].next;
          if (key.kind != Tree::Kind::scalar) {
            fail(key, "a key must be plain text, not a list or mapping");
            ok = false;
            continue;
          }
          const std::string& name = key.value;
          auto [first, inserted] = seen.emplace(name, key.position);
          if (!inserted) {
            diags_.error({doc_.path, key.position.line, key.position.column},
                         fmt::format("duplicate key '{}' (first at line {})", name, first->second.line));
            ok = false;
            continue;
          }
          std::string child = pointer_append(pointer, name);
          doc_.set_key_position(child, key.position);
          nlohmann::json value;
          if (v == Tree::kNone) {
            value = nullptr;
          } else if (!convert(v, child, value, depth + 1)) {
            return false;
          }
          out[name] = std::move(value);
        }
        return ok;
      }
    }
    return true;
  }

 private:
  void fail(const Tree::Node& node, std::string message) {
    diags_.error({doc_.path, node.position.line, node.position.column}, std::move(message));
  }

  const Tree& tree_;
  YamlDocument& doc_;
  Diagnostics& diags_;
  size_t nodes_ = 0;
};

void append_escaped(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

std::string parent_of(const std::string& pointer) {
  auto slash = pointer.rfind('/');
  return slash == std::string::npos ? std::string() : pointer.substr(0, slash);
}

}  // namespace

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer + "/";
  append_escaped(out, token);
  return out;
}

std::string pointer_append(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

namespace {
uint64_t pointer_hash(std::string_view pointer) { return std::hash<std::string_view>{}(pointer); }
bool hash_less(const std::pair<uint64_t, Position>& a, const std::pair<uint64_t, Position>& b) { return a.first < b.first; }
}  // namespace

void PositionTable::set(std::string_view pointer, Position p) {
  entries_.emplace_back(pointer_hash(pointer), p);
  sorted_ = false;
}

void PositionTable::finish() {
  if (sorted_) return;
  std::stable_sort(entries_.begin(), entries_.end(), hash_less);
  // Of the entries of one pointer, the last one set wins (as an assignment would).
  std::vector<std::pair<uint64_t, Position>> kept;
  kept.reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (i + 1 < entries_.size() && entries_[i + 1].first == entries_[i].first) continue;
    kept.push_back(entries_[i]);
  }
  kept.shrink_to_fit();
  entries_ = std::move(kept);
  sorted_ = true;
}

const Position* PositionTable::find(std::string_view pointer) const {
  uint64_t h = pointer_hash(pointer);
  if (!sorted_) {  // not finished: the last one set
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->first == h) return &it->second;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), std::pair<uint64_t, Position>{h, {}}, hash_less);
  return it != entries_.end() && it->first == h ? &it->second : nullptr;
}

void YamlDocument::forget_positions(std::string file, std::string text) {
  json = nlohmann::json();
  values_ = PositionTable();
  keys_ = PositionTable();
  reload_ = std::make_shared<Reload>();
  reload_->file = std::move(file);
  reload_->text = std::move(text);
}

void YamlDocument::reload() const {
  if (!reload_) return;
  std::call_once(reload_->once, [this] {
    Diagnostics ignored;
    std::optional<YamlDocument> again;
    if (!reload_->file.empty()) {
      again = load_yaml_file(reload_->file, path, ignored);
    } else {
      again = parse_yaml(reload_->text, path, ignored);
    }
    if (!again) return;  // the file changed and no longer parses: messages fall back to line 1
    values_ = std::move(again->values_);
    keys_ = std::move(again->keys_);
  });
}

Location YamlDocument::at(const std::string& pointer) const {
  reload();
  for (std::string p = pointer;; p = parent_of(p)) {
    if (const Position* pos = values_.find(p)) return {path, pos->line, pos->column};
    if (p.empty()) return {path, 1, 1};
  }
}

Location YamlDocument::key_at(const std::string& pointer) const {
  reload();
  if (const Position* pos = keys_.find(pointer)) return {path, pos->line, pos->column};
  return at(pointer);
}

std::optional<std::pair<Position, std::string>> check_text(std::string_view text) {
  int line = 1, column = 1;
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len != 0 && i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && len > 1) {
      // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
      unsigned cp = c & (0xFF >> (len + 1));
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      static const unsigned min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
      valid = cp >= min_for_len[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!valid) return std::make_pair(Position{line, column}, std::string("the file is not valid UTF-8"));
    if (len == 1 && (c < 0x20 || c == 0x7F) && c != '\n' && c != '\r' && c != '\t') {
      return std::make_pair(Position{line, column}, fmt::format("control character 0x{:02X} is not allowed", c));
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

namespace {

// A ',' that yaml-cpp 0.7, which collab read YAML with before libyaml, looped on, allocating until memory ran
// out, is refused here with a message of its own (libyaml does not loop on them; these messages stay):
// outside quotes, flow collections and block scalars, a ',' that is the
// first character of its line, or comes right after `---`, after the document's root tag or anchor only
// (`!,x`, `&a ,x`), or after a complete quoted or flow node at the top level (`"x",`, `[a],`). Only the
// first of these can be valid YAML (a plain text going on over several lines); collab refuses it anyway.
// Found by fuzzing (tests/fuzz/regressions, docs/security.md, findings 1-4).
std::optional<Position> stray_comma(std::string_view text) {
  int line = 1, column = 0, depth = 0;
  char quote = 0;
  char last = '\n';              // the last significant character outside quotes and comments
  int block_indent = -1;         // inside a block scalar (| or >): lines indented more than this
  int indent = 0;
  bool at_line_start = true, in_comment = false, after_doc_start = false;
  size_t comment_at = std::string_view::npos;  // where this line's comment starts, if it has one
  // Nothing of the document yet but its root's tag or anchor (`!x`, `&a`): a ',' there loops yaml-cpp too.
  bool only_properties = true, in_property = false, after_property = false;
  bool first_on_line = false;  // the character is the first of its line (after the indentation)
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (c == '\n') {
      // A line that ended with | or > (and its indicators) starts a block scalar.
      if (!quote && depth == 0 && (last == '|' || last == '>' || ((last == '-' || last == '+' || std::isdigit(static_cast<unsigned char>(last))) && block_indent < 0))) {
        size_t k = comment_at != std::string_view::npos ? comment_at : i;  // `notes: |  # free text`
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\r')) --k;
        size_t b = k;
        while (b > 0 && (text[b - 1] == '-' || text[b - 1] == '+' || std::isdigit(static_cast<unsigned char>(text[b - 1])))) --b;
        if (b > 0 && (text[b - 1] == '|' || text[b - 1] == '>') && (b == 1 || text[b - 2] == ' ' || text[b - 2] == ':' || text[b - 2] == '-')) {
          block_indent = indent;
        }
      }
      ++line;
      column = 0;
      at_line_start = true;
      in_comment = false;
      comment_at = std::string_view::npos;
      if (in_property) after_property = true;
      in_property = false;
      indent = 0;
      continue;
    }
    if (at_line_start) {
      if (c == ' ') {
        ++indent;
        continue;
      }
      if (c == '\r' || c == '\t') continue;
      at_line_start = false;
      first_on_line = true;
      if (block_indent >= 0) {
        if (indent > block_indent) {  // block scalar content: skip the line
          in_comment = true;
          continue;
        }
        block_indent = -1;
      }
      if (!quote && depth == 0 && c == ',') {
        // First on its line, outside quotes, flow collections and block scalars. YAML allows it only as the
        // continuation of a plain text over several lines ("a: b\n  , c" is "b , c"), but yaml-cpp 0.7
        // loops for ever on many such lines (at column 1, at the top level, after a quoted or flow node...:
        // docs/security.md, findings 1-3), so collab refuses them all: quote such a text.
        return Position{line, column};
      }
    }
    if (in_comment) continue;
    if (quote) {
      if (quote == '"' && c == '\\') {
        ++i;
        ++column;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          ++column;
        } else {
          quote = 0;
          last = c;
        }
      }
      continue;
    }
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      in_comment = true;
      comment_at = i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      if (in_property) after_property = true;  // `&a [`, `!t "`: a node may start after a tag or anchor
      in_property = false;
      continue;
    }
    if (c == '-' && column == 1 && text.substr(i, 3) == "---") {
      after_doc_start = true;
      only_properties = true;
      i += 2;
      column += 2;
      last = '\n';
      continue;
    }
    if (depth == 0 && c == ',' &&
        (after_doc_start || only_properties || last == '"' || last == '\'' || last == ']' || last == '}')) {
      return Position{line, column};
    }
    after_doc_start = false;
    // A quote or a bracket opens a node only where a node can start: first on its line, or after an
    // indicator (`key: `, `- `, `? `, `,`, `[`, `{`) or a tag or anchor. Elsewhere it is part of a plain text
    // ("rock 'n roll", "see [1"), which must not hide the lines after it from these checks.
    const bool node_start = first_on_line || after_property || last == '\n' || last == ':' || last == '-' ||
                            last == ',' || last == '[' || last == '{' || last == '?';
    first_on_line = false;
    after_property = false;
    const bool word_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n';
    if (word_start && (c == '!' || c == '&')) {  // a tag (!x) or an anchor (&x)
      in_property = true;
    } else if (!in_property) {
      only_properties = false;  // the document's first node has begun
    }
    if ((c == '"' || c == '\'') && node_start) {
      quote = c;
      continue;
    }
    if ((c == '[' || c == '{') && (node_start || depth > 0)) ++depth;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    last = c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<YamlDocument> parse_yaml(std::string_view text, const std::string& path, Diagnostics& diags) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto bad = check_text(text)) {
    diags.error({path, bad->first.line, bad->first.column}, bad->second);
    return std::nullopt;
  }
  if (auto comma = stray_comma(text)) {
    diags.error({path, comma->line, comma->column},
                "not valid YAML: a ',' cannot stand here (outside a [list] or {mapping} it can only be part of a text)");
    return std::nullopt;
  }
  Tree tree;
  try {
    if (auto bad = read_events(text, tree)) {
      diags.error({path, bad->at.line, bad->at.column}, bad->message);
      return std::nullopt;
    }
  } catch (const std::exception& e) {
    diags.error({path, 1, 1}, fmt::format("not valid YAML: {}", e.what()));
    return std::nullopt;
  }
  YamlDocument doc;
  doc.path = path;
  if (tree.documents == 0) {
    doc.json = nullptr;
    return doc;
  }
  if (tree.documents > 1) {
    Position p = tree.second_start.value_or(Position{1, 1});
    diags.error({path, p.line, p.column}, "a file holds one YAML document; a second one starts here");
    return std::nullopt;
  }
  Converter converter(tree, doc, diags);
  size_t before = diags.error_count();
  try {
    if (tree.nodes.empty()) {
      doc.json = nullptr;
    } else if (!converter.convert(0, "", doc.json, 0) || diags.error_count() > before) {
      return std::nullopt;
    }
  } catch (const std::exception& e) {
    diags.error({path, 1, 1}, fmt::format("not valid YAML: {}", e.what()));
    return std::nullopt;
  }
  doc.finish_positions();
  return doc;
}

std::optional<YamlDocument> load_yaml_file(const std::string& file, const std::string& path, Diagnostics& diags) {
  auto text = read_file_limited(file, kMaxYamlFileBytes);
  if (!text) {
    diags.error({path, 0, 0}, text.error().message);
    return std::nullopt;
  }
  return parse_yaml(*text, path, diags);
}

}  // namespace collab
