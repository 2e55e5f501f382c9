#include "schema/validator.h"

#include "schema/embedded.h"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

namespace collab::schema {
namespace {

using json = nlohmann::json;

// Strings longer than this are cut before they reach a `pattern` check: std::regex recurses per character
// and can overflow the stack on long input, and every patterned field has a maxLength far below it.
constexpr size_t kPatternGuard = 1024;

// The subschemas that apply to one instance location, with $ref, allOf, oneOf, anyOf and if/then/else
// expanded. Only local references (#/definitions/...) occur in collab's schemas.
class SchemaWalker {
 public:
  explicit SchemaWalker(const json& root) : root_(root) {}

  std::vector<const json*> expand(const json* s) const {
    std::vector<const json*> out;
    add(s, out, 0);
    return out;
  }

  std::vector<const json*> child(const std::vector<const json*>& parents, const json& instance,
                                 const std::string& token) const {
    std::vector<const json*> out;
    for (const json* s : parents) {
      if (instance.is_array() && s->contains("items")) {
        add(&(*s)["items"], out, 0);
      } else if (instance.is_object()) {
        if (s->contains("properties") && (*s)["properties"].contains(token)) {
          add(&(*s)["properties"][token], out, 0);
        } else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object()) {
          add(&(*s)["additionalProperties"], out, 0);
        }
      }
    }
    return out;
  }

 private:
  void add(const json* s, std::vector<const json*>& out, int depth) const {
    if (!s->is_object() || depth > 16) return;
    if (s->contains("$ref")) {
      const std::string& ref = (*s)["$ref"].get_ref<const std::string&>();
      const std::string prefix = "#/definitions/";
      if (ref.rfind(prefix, 0) == 0 && root_.contains("definitions")) {
        auto name = ref.substr(prefix.size());
        if (root_["definitions"].contains(name)) add(&root_["definitions"][name], out, depth + 1);
      }
    }
    out.push_back(s);
    for (const char* key : {"allOf", "oneOf", "anyOf"}) {
      if (s->contains(key)) {
        for (const auto& sub : (*s)[key]) add(&sub, out, depth + 1);
      }
    }
    for (const char* key : {"then", "else"}) {
      if (s->contains(key)) add(&(*s)[key], out, depth + 1);
    }
  }

  const json& root_;
};

// Cuts long strings that a pattern would be run on (see kPatternGuard). Returns true when it changed something.
bool guard_patterns(const SchemaWalker& walker, const std::vector<const json*>& schemas, json& instance) {
  bool changed = false;
  if (instance.is_string()) {
    auto& s = instance.get_ref<std::string&>();
    bool patterned = std::any_of(schemas.begin(), schemas.end(), [](const json* x) { return x->contains("pattern"); });
    if (patterned && s.size() > kPatternGuard) {
      s.resize(kPatternGuard);
      changed = true;
    }
  } else if (instance.is_object()) {
    for (auto it = instance.begin(); it != instance.end(); ++it) {
      changed |= guard_patterns(walker, walker.child(schemas, instance, it.key()), it.value());
    }
  } else if (instance.is_array()) {
    for (auto& item : instance) changed |= guard_patterns(walker, walker.child(schemas, instance, ""), item);
  }
  return changed;
}

bool needs_guard(const json& instance) {
  if (instance.is_string()) return instance.get_ref<const std::string&>().size() > kPatternGuard;
  if (instance.is_structured()) {
    return std::any_of(instance.begin(), instance.end(), [](const json& v) { return needs_guard(v); });
  }
  return false;
}

// One step down a JSON value by a valijson context token; nullptr-safe: a token that names nothing (which
// valijson should never produce) leads to null instead of undefined behaviour.
const json* step(const json* node, const std::string& token) {
  static const json nothing;
  if (node->is_array()) {
    size_t index = 0;
    try {
      index = std::stoul(token);
    } catch (const std::exception&) {
      return &nothing;
    }
    return index < node->size() ? &(*node)[index] : &nothing;
  }
  if (node->is_object()) {
    auto it = node->find(token);
    return it != node->end() ? &*it : &nothing;
  }
  return &nothing;
}

std::string describe_type(const std::string& type) {
  if (type == "string") return "text";
  if (type == "number") return "a number";
  if (type == "integer") return "a whole number";
  if (type == "boolean") return "true or false";
  if (type == "array") return "a list";
  if (type == "object") return "a mapping of keys to values";
  if (type == "null") return "empty";
  return type;
}

std::string describe_value(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "nothing";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      const auto& text = v.get_ref<const std::string&>();
      if (text.size() <= 60) return "'" + text + "'";
      size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
      return "'" + text.substr(0, cut) + "...'";
    }
    case json::value_t::array: return "a list";
    case json::value_t::object: return "a mapping";
    default: return v.dump();
  }
}

// Plain-words names for the patterns of schemas/*.schema.json definitions.
std::string describe_pattern(const std::string& pattern) {
  static const std::map<std::string, std::string> known = {
      {"^[a-z0-9][a-z0-9-]{0,62}$",
       "an ID: lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters"},
      {"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date written YYYY-MM-DD"},
      {"^[0-9]{4}-[0-9]{2}$", "a month written YYYY-MM"},
      {"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?$", "a date YYYY-MM-DD or a date and time YYYY-MM-DDTHH:MM"},
      {"^[A-Za-z][A-Za-z0-9_+/-]*$", "a time zone name such as America/New_York"},
      {"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "an email address"},
      {"^-?[0-9]+(\\.[0-9]+)?$", "a number such as 3 or 4.5"},
  };
  auto it = known.find(pattern);
  return it != known.end() ? it->second : "text matching " + pattern;
}

std::string join_quoted(const json& values) {
  std::vector<std::string> parts;
  for (const auto& v : values) parts.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return fmt::format("{}", fmt::join(parts, ", "));
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Finds the first subschema that has `keyword`.
const json* with_keyword(const std::vector<const json*>& schemas, const char* keyword) {
  for (const json* s : schemas) {
    if (s->contains(keyword)) return s;
  }
  return nullptr;
}

// The last '...' quoted part of a valijson message: the property it names.
std::string last_quoted(const std::string& text) {
  auto last = text.rfind('\'');
  if (last == std::string::npos || last == 0) return {};
  auto first = text.rfind('\'', last - 1);
  if (first == std::string::npos) return {};
  return text.substr(first + 1, last - first - 1);
}

// "members[0].email": how a person names the place in the file.
std::string field_path(const std::vector<std::string>& tokens, const json& root) {
  std::string out;
  const json* node = &root;
  for (const auto& t : tokens) {
    if (node->is_array()) {
      out += "[" + t + "]";
      node = step(node, t);
    } else {
      if (!out.empty()) out += ".";
      out += t;
      node = step(node, t);
    }
  }
  return out;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

struct Violation {
  std::string pointer;
  std::vector<std::string> tokens;
  std::string description;
};

class MessageWriter {
 public:
  MessageWriter(const json& schema_root, const YamlDocument& doc) : walker_(schema_root), root_(schema_root), doc_(doc) {}

  // Rewrites one innermost violation; returns false for valijson's wrapper messages, which say nothing new.
  bool write(const Violation& v, Diagnostics& diags) const {
    const std::string& d = v.description;
    if (starts_with(d, "Failed to validate against schema associated with property name")) {
      // valijson reports a key refused by propertyNames only as this wrapper on the key's parent.
      return write_child_key_names(v, last_quoted(d), diags);
    }
    if (starts_with(d, "Failed to validate item") ||
        starts_with(d, "Failed to validate against child schema") ||
        starts_with(d, "Failed to validate against additional properties") ||
        starts_with(d, "Failed to validate against a conditional") ||
        starts_with(d, "Failed to validate against pattern properties")) {
      return false;
    }
    const json* instance = &doc_.json;
    std::vector<const json*> schemas = walker_.expand(&root_);
    for (const auto& token : v.tokens) {
      schemas = walker_.child(schemas, *instance, token);
      instance = step(instance, token);
    }
    Location where = doc_.at(v.pointer);
    std::string message;
    if (starts_with(d, "Missing required property")) {
      message = fmt::format("missing required key '{}'", last_quoted(d));
    } else if (starts_with(d, "Object contains a property that could not be validated")) {
      std::string key = last_quoted(d);
      where = doc_.key_at(pointer_append(v.pointer, key));
      message = fmt::format("unknown key '{}'", key) + suggestion(schemas, key);
    } else if (starts_with(d, "Value type not permitted")) {
      message = type_message(schemas, *instance);
    } else if (starts_with(d, "Failed to match regex")) {
      const json* s = with_keyword(schemas, "pattern");
      message = fmt::format("must be {}; found {}", s ? describe_pattern((*s)["pattern"].get<std::string>()) : "valid",
                            describe_value(*instance));
    } else if (starts_with(d, "Failed to match against any enum values")) {
      const json* s = with_keyword(schemas, "enum");
      message = fmt::format("must be one of: {}; found {}", s ? join_quoted((*s)["enum"]) : "?", describe_value(*instance));
    } else if (starts_with(d, "Failed to validate against any child schemas allowed by oneOf") ||
               starts_with(d, "Failed to validate against exactly one child schema")) {
      message = one_of_message(schemas);
    } else if (starts_with(d, "String should be no fewer")) {
      message = "must not be empty";
    } else if (starts_with(d, "String should be no more")) {
      const json* s = with_keyword(schemas, "maxLength");
      message = fmt::format("is too long: at most {} characters", s ? (*s)["maxLength"].dump() : "?");
    } else if (starts_with(d, "Array should contain no fewer")) {
      const json* s = with_keyword(schemas, "minItems");
      message = fmt::format("must list at least {} item(s)", s ? (*s)["minItems"].dump() : "1");
    } else if (starts_with(d, "Expected number less than or equal") || starts_with(d, "Expected number greater than") ||
               starts_with(d, "Expected number less than") || starts_with(d, "Value should be a multiple")) {
      message = range_message(schemas, *instance);
    } else if (d.find("violate uniqueness constraint") != std::string::npos) {
      // "Elements at indexes #0 and #1 violate uniqueness constraint.": point at the second.
      size_t hash = d.rfind('#');
      size_t index = hash == std::string::npos ? 0 : std::strtoul(d.c_str() + hash + 1, nullptr, 10);
      if (instance->is_array() && index < instance->size()) {
        where = doc_.at(pointer_append(v.pointer, index));
        message = fmt::format("lists {} twice", describe_value((*instance)[index]));
      } else {
        message = "lists an item twice";
      }
    } else if (starts_with(d, "Failed to validate against property names")) {
      return write_key_names(v, schemas, *instance, diags);  // valijson says which object, not which key
    } else {
      message = d;
    }
    std::string field = field_path(v.tokens, doc_.json);
    diags.error(where, field.empty() ? message : field + ": " + message);
    return true;
  }

 private:
  bool write_child_key_names(const Violation& v, const std::string& name, Diagnostics& diags) const {
    const json* instance = &doc_.json;
    std::vector<const json*> schemas = walker_.expand(&root_);
    for (const auto& token : v.tokens) {
      schemas = walker_.child(schemas, *instance, token);
      instance = step(instance, token);
    }
    if (!instance->is_object() || !instance->contains(name)) return false;
    Violation child{pointer_append(v.pointer, name), v.tokens, v.description};
    child.tokens.push_back(name);
    return write_key_names(child, walker_.child(schemas, *instance, name), (*instance)[name], diags);
  }

  // Reports each key of `object` that its schema's propertyNames refuses (IDs: a slug pattern).
  bool write_key_names(const Violation& v, const std::vector<const json*>& schemas, const json& object,
                       Diagnostics& diags) const {
    const json* s = with_keyword(schemas, "propertyNames");
    if (s == nullptr || !object.is_object()) return false;
    auto names = walker_.expand(&(*s)["propertyNames"]);
    const json* pattern = with_keyword(names, "pattern");
    const json* max_length = with_keyword(names, "maxLength");
    size_t longest = max_length ? (*max_length)["maxLength"].get<size_t>() : 1000;
    std::string field = field_path(v.tokens, doc_.json);
    bool wrote = false;
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& key = it.key();
      bool ok = key.size() <= longest;  // checked first: the pattern only ever sees short keys
      std::string expected = fmt::format("at most {} characters", longest);
      if (ok && pattern != nullptr) {
        const std::string& rx = (*pattern)["pattern"].get_ref<const std::string&>();
        ok = std::regex_search(key, std::regex(rx));
        expected = describe_pattern(rx);
      }
      if (ok) continue;
      std::string message = fmt::format("key '{}' must be {}", key, expected);
      diags.error(doc_.key_at(pointer_append(v.pointer, key)), field.empty() ? message : field + ": " + message);
      wrote = true;
    }
    return wrote;
  }

  std::string suggestion(const std::vector<const json*>& schemas, const std::string& key) const {
    std::string best;
    size_t best_distance = 3;
    std::set<std::string> names;
    for (const json* s : schemas) {
      if (!s->contains("properties")) continue;
      for (auto it = (*s)["properties"].begin(); it != (*s)["properties"].end(); ++it) names.insert(it.key());
    }
    for (const auto& name : names) {
      size_t dist = edit_distance(key, name);
      if (dist < best_distance && dist < name.size()) {
        best_distance = dist;
        best = name;
      }
    }
    if (!best.empty()) return fmt::format(" (did you mean '{}'?)", best);
    if (names.empty()) return {};
    return fmt::format(" (expected one of: {})", fmt::join(names, ", "));
  }

  std::string type_message(const std::vector<const json*>& schemas, const json& instance) const {
    const json* s = with_keyword(schemas, "type");
    std::vector<std::string> wanted;
    if (s != nullptr) {
      const json& t = (*s)["type"];
      if (t.is_array()) {
        for (const auto& x : t) wanted.push_back(describe_type(x.get<std::string>()));
      } else {
        wanted.push_back(describe_type(t.get<std::string>()));
      }
    }
    std::string message = fmt::format("must be {}; found {}", fmt::join(wanted, " or "), describe_value(instance));
    if (instance.is_string() && !wanted.empty() && wanted.front() == "true or false") {
      message += " (YAML 1.2: write true or false)";
    } else if ((instance.is_number() || instance.is_boolean() || instance.is_null()) && !wanted.empty() &&
               wanted.front() == "text") {
      message += " (put it in quotes to make it text)";
    }
    return message;
  }

  std::string range_message(const std::vector<const json*>& schemas, const json& instance) const {
    std::vector<std::string> parts;
    for (const json* s : schemas) {
      if (s->contains("minimum")) parts.push_back(">= " + (*s)["minimum"].dump());
      if (s->contains("exclusiveMinimum")) parts.push_back("> " + (*s)["exclusiveMinimum"].dump());
      if (s->contains("maximum")) parts.push_back("<= " + (*s)["maximum"].dump());
      if (s->contains("multipleOf")) parts.push_back("a multiple of " + (*s)["multipleOf"].dump());
    }
    return fmt::format("must be {}; found {}", fmt::join(parts, " and "), describe_value(instance));
  }

  std::string one_of_message(const std::vector<const json*>& schemas) const {
    const json* s = with_keyword(schemas, "oneOf");
    if (s == nullptr) return "does not match exactly one of the allowed forms";
    std::vector<std::string> forms;
    for (const auto& alt : (*s)["oneOf"]) {
      if (alt.contains("required")) forms.push_back(fmt::format("{}", fmt::join(alt["required"], " and ")));
    }
    return fmt::format("must have exactly one of: {}", fmt::join(forms, "; "));
  }

  SchemaWalker walker_;
  const json& root_;
  const YamlDocument& doc_;
};

}  // namespace

struct SchemaSet::Impl {
  struct Entry {
    json raw;
    valijson::Schema compiled;
  };
  std::map<std::string, Entry, std::less<>> entries;
};

SchemaSet::SchemaSet() : impl_(std::make_unique<Impl>()) {
  for (const auto& e : embedded_schemas()) {
    auto& entry = impl_->entries[std::string(e.kind)];
    entry.raw = json::parse(e.text);
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(entry.raw);
    parser.populateSchema(adapter, entry.compiled);
  }
}

SchemaSet::~SchemaSet() = default;

const SchemaSet& SchemaSet::embedded() {
  static const SchemaSet set;
  return set;
}

bool SchemaSet::has(std::string_view kind) const { return impl_->entries.find(kind) != impl_->entries.end(); }

bool SchemaSet::validate(std::string_view kind, const YamlDocument& doc, Diagnostics& diags) const {
  auto it = impl_->entries.find(kind);
  if (it == impl_->entries.end()) return true;
  const json& raw = it->second.raw;

  const json* target_json = &doc.json;
  json guarded;
  if (needs_guard(doc.json)) {
    guarded = doc.json;
    SchemaWalker walker(raw);
    guard_patterns(walker, walker.expand(&raw), guarded);
    target_json = &guarded;
  }

  // valijson compiles a `pattern` into a std::regex the first time a Validator meets it and caches it in
  // that Validator: one per thread, kept for every file, or compiling the patterns costs more than the
  // whole validation (docs/performance.md).
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(*target_json);
  if (validator.validate(it->second.compiled, target, &results)) return true;

  // valijson's context is "<root>", "[key]", "[0]"...: a JSON pointer's tokens once unbracketed.
  std::vector<Violation> violations;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    Violation v;
    for (size_t i = 1; i < error.context.size(); ++i) {
      std::string token = error.context[i].substr(1, error.context[i].size() - 2);
      v.tokens.push_back(token);
      v.pointer = pointer_append(v.pointer, token);  // an index token "3" reads the same as a key
    }
    v.description = error.description;
    violations.push_back(std::move(v));
  }
  // Where a oneOf failed, its alternatives' "missing required" messages are noise: one message says it all.
  // Where text is too long, whether it also fails its pattern does not matter yet.
  std::set<std::string> one_of_failed, too_long;
  for (const auto& v : violations) {
    if (starts_with(v.description, "String should be no more")) too_long.insert(v.pointer);
    if (starts_with(v.description, "Failed to validate against any child schemas allowed by oneOf") ||
        starts_with(v.description, "Failed to validate against exactly one child schema")) {
      one_of_failed.insert(v.pointer);
    }
  }
  MessageWriter writer(raw, doc);
  size_t before = diags.items().size();
  for (const auto& v : violations) {
    if (one_of_failed.count(v.pointer) && starts_with(v.description, "Missing required property")) continue;
    if (too_long.count(v.pointer) && starts_with(v.description, "Failed to match regex")) continue;
    writer.write(v, diags);
  }
  // Never refuse a file silently: a violation this writer could not place still gets a message.
  if (diags.items().size() == before) {
    diags.error(doc.at(""), fmt::format("does not match {}.schema.json: {}", kind,
                                        violations.empty() ? std::string("no detail") : violations.front().description));
  }
  return false;
}

}  // namespace collab::schema
