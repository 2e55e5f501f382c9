#include "enroll/eoi_import.h"

#include "core/text.h"
#include "enroll/members.h"

#include "core/slug.h"
#include "core/timezones.h"
#include "io/yaml_document.h"
#include "io/yaml_text.h"
#include "schema/embedded.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <variant>

namespace collab::enroll {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The fields the EOI schema requires, in the order a row is checked for them.
const std::vector<std::string>& schema_required() {
  static const std::vector<std::string> fields = {"submitted", "organization.name", "contact.name", "contact.email"};
  return fields;
}

std::string trimmed(std::string_view s) {
  const char* spaces = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(spaces);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(spaces);
  std::string out(s.substr(b, e - b + 1));
  // no-break spaces at either end too
  while (out.size() >= 2 && out.compare(0, 2, "\xC2\xA0") == 0) out = trimmed(out.substr(2));
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0) out = trimmed(out.substr(0, out.size() - 2));
  return out;
}

std::string lower(const std::string& s) { return ascii_lower(s); }

size_t characters(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A cell as shown in a message: line breaks as \n, at most 60 characters.
std::string shown(std::string_view s) {
  std::string out;
  size_t chars = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > 60) return out + "...";
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : std::string()) + items[i];
  return out;
}

std::string default_type(const std::string& field) {
  if (field == "submitted") return "timestamp";
  if (field == "proposed_team") return "team";
  return "text";
}

std::string type_of(const FieldMap& f) { return f.type.empty() ? default_type(f.field) : f.type; }

// The types that can fill a field; empty = any but team.
std::vector<std::string> allowed_types(const std::string& field) {
  if (field == "submitted") return {"date", "timestamp"};
  if (field == "proposed_team") return {"team"};
  if (field == "contact.email") return {"text"};
  if (field.compare(0, 8, "answers.") == 0) return {"text", "number", "yes-no", "likert", "choices", "date", "timestamp", "slug"};
  return {"text", "slug", "likert"};
}

std::string or_list(const std::vector<std::string>& items) {
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + " or " + items.back();
}

// Does the embedded eoi.schema.json allow organization.website? (It may not yet.)
bool schema_has_website() {
  static const bool has = [] {
    for (const auto& s : schema::embedded_schemas()) {
      if (s.kind != "eoi") continue;
      json j = json::parse(s.text.begin(), s.text.end(), nullptr, false);
      if (j.is_discarded()) return false;
      auto p = j.find("properties");
      if (p == j.end() || !p->contains("organization")) return false;
      const json& org = (*p)["organization"];
      return org.contains("properties") && org["properties"].is_object() && org["properties"].contains("website");
    }
    return false;
  }();
  return has;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Letters and digits only, lower-cased: "E-mail" and "Email address" compare as "email", "emailaddress".
std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : lower(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) & 0x80)) out += c;
  return out;
}

// The header most like `column`: one that contains it (or is contained in it) first, then the fewest edits.
std::string closest_header(const std::string& column, const CsvTable& table) {
  const std::string wanted = squeezed(column);
  std::string best;
  std::pair<int, size_t> best_score{2, std::string::npos};
  for (const auto& h : table.header) {
    const std::string have = squeezed(h);
    bool within = !wanted.empty() && !have.empty() &&
                  (have.find(wanted) != std::string::npos || wanted.find(have) != std::string::npos);
    std::pair<int, size_t> score{within ? 0 : 1, edit_distance(wanted, have)};
    if (score < best_score) {
      best_score = score;
      best = h;
    }
  }
  return best;
}

std::string date_help(DateOrder order) {
  switch (order) {
    case DateOrder::mdy: return "2026-03-04, 3/4/2026 as month/day/year, or 4 March 2026";
    case DateOrder::dmy: return "2026-03-04, 4/3/2026 as day/month/year, or 4 March 2026";
    case DateOrder::ymd: break;
  }
  return "2026-03-04, 2026/03/04 or 4 March 2026";
}

// A cell read for its field.
struct Value {
  enum class Kind { text, number, boolean, team } kind = Kind::text;
  std::string text;       // text, or the number as yaml_number spells it
  double number = 0;
  bool boolean = false;
  std::vector<TeamEntry> team;
  std::string canonical;  // for the identity key
  std::optional<Date> date;
};

// Reads a non-empty cell; returns why not.
std::variant<Value, std::string> read_value(const FieldMap& f, const std::string& cell, DateOrder order) {
  const std::string type = type_of(f);
  Value v;
  if (type == "text") {
    v.text = cell;
    v.canonical = cell;
  } else if (type == "slug") {
    v.text = collab::slugify(cell);
    if (v.text.empty()) return fmt::format("'{}' gives no ID (it needs a letter or a digit)", shown(cell));
    v.canonical = v.text;
  } else if (type == "likert") {
    auto o = option_match(cell, f.options);
    if (!o) return fmt::format("'{}' is not one of the options ({})", shown(cell), join(f.options, ", "));
    v.text = v.canonical = *o;
  } else if (type == "choices") {
    std::vector<std::string> chosen;
    for (const auto& piece : split_choices(cell, f.options)) {
      auto o = option_match(piece, f.options);
      if (!o) return fmt::format("'{}' is not one of the options ({})", shown(piece), join(f.options, ", "));
      if (std::find(chosen.begin(), chosen.end(), *o) == chosen.end()) chosen.push_back(*o);
    }
    v.text = v.canonical = join(chosen, "; ");
  } else if (type == "number") {
    auto n = form_number(cell);
    if (!n) return fmt::format("'{}' is not a number", shown(cell));
    v.kind = Value::Kind::number;
    v.number = *n;
    v.text = v.canonical = yaml_number(*n);
  } else if (type == "yes-no") {
    auto b = yes_no(cell);
    if (!b) return fmt::format("'{}' is not yes or no", shown(cell));
    v.kind = Value::Kind::boolean;
    v.boolean = *b;
    v.text = v.canonical = *b ? "true" : "false";
  } else if (type == "date") {
    auto d = form_date(cell, order);
    if (!d) {
      if (auto t = form_timestamp(cell, order)) d = parse_date(t->substr(0, 10));
    }
    if (!d) return fmt::format("'{}' is not a date ({})", shown(cell), date_help(order));
    v.date = d;
    v.text = v.canonical = format_date(*d);
  } else if (type == "timestamp") {
    auto t = form_timestamp(cell, order);
    if (!t) return fmt::format("'{}' is not a date and time ({}, with a time such as 14:32:11)", shown(cell), date_help(order));
    v.date = parse_date(t->substr(0, 10));
    v.text = v.canonical = *t;
  } else if (type == "team") {
    std::string problem;
    auto team = team_members(cell, &problem);
    if (!team) return problem;
    v.kind = Value::Kind::team;
    v.team = std::move(*team);
    for (auto& m : v.team)
      if (m.roles.empty()) m.roles.push_back("member");
    std::vector<std::string> names;
    for (const auto& m : v.team) names.push_back(m.name);
    v.text = v.canonical = join(names, "; ");
  } else {
    return fmt::format("type '{}' is unknown", type);
  }

  // What the EOI schema asks of the field, whatever the type.
  if (v.kind == Value::Kind::text) {
    if (v.text.empty()) return std::string("no answer");
    if (characters(v.text) > 20000) return std::string("longer than 20000 characters");
  }
  if (f.field == "contact.email") {
    if (!is_email(v.text)) return fmt::format("'{}' is not an email address", shown(v.text));
    v.canonical = lower(v.text);
  } else if (f.field == "organization.timezone") {
    auto shaped = [](const std::string& t) {
      if (t.empty() || t.size() > 64 || !std::isalpha(static_cast<unsigned char>(t[0]))) return false;
      return std::all_of(t.begin(), t.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '/' || c == '-';
      });
    };
    if (!shaped(v.text) || !is_known_timezone(v.text)) {
      return fmt::format("'{}' is not a time zone of the tz database (a name such as America/New_York)", shown(v.text));
    }
  } else if (f.field == "organization.sector") {
    std::string slug = collab::slugify(v.text);
    if (slug.empty()) return fmt::format("'{}' gives no sector ID (it needs a letter or a digit)", shown(v.text));
    v.text = v.canonical = slug;
  }
  return v;
}

// Where an EOI file's source says it came from, when it names this mapping.
std::optional<std::string> source_key(const json& eoi, const std::string& mapping_id) {
  if (!eoi.is_object()) return std::nullopt;
  auto s = eoi.find("source");
  if (s == eoi.end() || !s->is_object()) return std::nullopt;
  auto m = s->find("mapping"), k = s->find("key");
  if (m == s->end() || k == s->end() || !m->is_string() || !k->is_string() || *m != mapping_id) return std::nullopt;
  return k->get<std::string>();
}

// Control characters would break the comment line that names the CSV file.
std::string comment_safe(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return s;
}

bool is_qualtrics_import_row(const CsvRecord& rec) {
  for (const auto& c : rec.cells)
    if (trimmed(c).compare(0, 11, "{\"ImportId\"") == 0) return true;
  return false;
}

}  // namespace

Mapping read_mapping(const nlohmann::json& validated) {
  Mapping m;
  if (!validated.is_object()) return m;
  auto str = [](const json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  m.id = str(validated, "id");
  std::string order = str(validated, "date_order");
  if (order == "ymd") m.date_order = DateOrder::ymd;
  if (order == "dmy") m.date_order = DateOrder::dmy;
  if (auto it = validated.find("identity"); it != validated.end() && it->is_array()) {
    for (const auto& x : *it)
      if (x.is_string()) m.identity.push_back(x.get<std::string>());
  }
  if (auto it = validated.find("fields"); it != validated.end() && it->is_array()) {
    for (const auto& x : *it) {
      if (!x.is_object()) continue;
      FieldMap f;
      f.field = str(x, "field");
      f.column = str(x, "column");
      f.type = str(x, "type");
      if (f.type.empty()) f.type = default_type(f.field);
      if (auto o = x.find("options"); o != x.end() && o->is_array()) {
        for (const auto& opt : *o)
          if (opt.is_string()) f.options.push_back(opt.get<std::string>());
      }
      if (auto r = x.find("required"); r != x.end() && r->is_boolean()) f.required = r->get<bool>();
      m.fields.push_back(std::move(f));
    }
  }
  return m;
}

std::vector<std::string> check_mapping(const Mapping& mapping, const CsvTable& table) {
  std::vector<std::string> problems;
  std::set<std::string> seen;
  for (const auto& f : mapping.fields) {
    if (!seen.insert(f.field).second) {
      problems.push_back(fmt::format("field '{}' is mapped twice", f.field));
      continue;
    }
    if (table.column(f.column) < 0) {
      problems.push_back(fmt::format("field '{}': no column '{}' in the header (the closest is '{}')", f.field, f.column,
                                     closest_header(f.column, table)));
    }
    const std::string type = type_of(f);
    auto allowed = allowed_types(f.field);
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
      problems.push_back(fmt::format("field '{}': type {} cannot fill it (use {})", f.field, type, or_list(allowed)));
    } else if ((type == "likert" || type == "choices") && f.options.empty()) {
      problems.push_back(fmt::format("field '{}': type {} needs options", f.field, type));
    }
    if (f.field == "organization.website" && !schema_has_website()) {
      problems.push_back(
          "field 'organization.website': eoi.schema.json has no organization.website: map the column to "
          "answers.website instead");
    }
  }
  if (mapping.identity.empty()) problems.push_back("the mapping names no identity fields");
  for (const auto& id : mapping.identity) {
    if (!seen.count(id)) {
      problems.push_back(fmt::format("identity '{}' is not one of the mapping's fields", id));
    } else if (id == "proposed_team") {
      problems.push_back("identity 'proposed_team': a team cannot identify a response");
    }
  }
  for (const char* needed : {"organization.name", "contact.email"}) {
    if (!seen.count(needed)) problems.push_back(fmt::format("{} is not mapped: every EOI needs it", needed));
  }
  return problems;
}

EoiImport import_eois(const CsvTable& table, const std::string& csv_path, const Mapping& mapping,
                      const model::Project& project) {
  EoiImport out;
  for (const auto& p : check_mapping(mapping, table)) out.refused.error({csv_path, 1, 0}, p);
  if (!out.refused.empty()) return out;
  const std::vector<std::string> roles = known_roles(project);  // a proposed member's roles must be among them

  std::map<std::string, const FieldMap*> by_field;
  std::map<std::string, int> column_of;
  for (const auto& f : mapping.fields) {
    by_field[f.field] = &f;
    column_of[f.field] = table.column(f.column);
  }

  // The EOIs present: their IDs and, for this mapping, their keys.
  std::set<std::string> taken;
  std::map<std::string, std::string> present;  // key -> path as shown
  for (const auto& e : project.eois) {
    taken.insert(e.id);
    if (e.source_mapping == mapping.id) present.emplace(e.source_key, e.src.path());  // no source: no mapping
  }
  if (auto it = project.unusable.find(model::FileKind::eoi); it != project.unusable.end()) {
    for (const auto& id : it->second) {
      taken.insert(id);
      for (const char* ext : {".yaml", ".yml"}) {
        std::string rel = "eois/" + id + ext;
        std::error_code ec;
        if (!fs::exists(project.root / rel, ec)) continue;
        Diagnostics ignored;
        auto doc = load_yaml_file((project.root / rel).string(), rel, ignored);
        if (!doc) continue;
        if (auto k = source_key(doc->json, mapping.id)) present.emplace(*k, model::display_path(project.display_root, rel));
      }
    }
  }
  auto is_taken = [&](const std::string& id) {
    if (taken.count(id)) return true;
    std::error_code ec;
    return fs::exists(project.root / ("eois/" + id + ".yaml"), ec) || fs::exists(project.root / ("eois/" + id + ".yml"), ec);
  };
  std::map<std::string, int> added_keys;  // key -> row

  // Qualtrics' second and third header rows.
  size_t first = 0;
  for (size_t i = 0; i < std::min<size_t>(2, table.records.size()); ++i) {
    if (!is_qualtrics_import_row(table.records[i])) continue;
    for (size_t j = 0; j <= i; ++j) {
      out.skipped.emplace_back(table.records[j].row, j == i ? "Qualtrics' import-ID header row" : "Qualtrics' question-text header row");
    }
    first = i + 1;
    break;
  }
  const std::string csv_name = comment_safe(fs::path(csv_path).filename().string());

  for (size_t r = first; r < table.records.size(); ++r) {
    const CsvRecord& rec = table.records[r];
    if (std::all_of(rec.cells.begin(), rec.cells.end(), [](const std::string& c) { return trimmed(c).empty(); })) {
      out.skipped.emplace_back(rec.row, "empty row");
      continue;
    }
    Location where{csv_path, rec.line, 0};
    std::string refusal;
    auto refuse_at = [&](const FieldMap& f, const std::string& why) {
      refusal = fmt::format("row {}, column '{}': {}", rec.row, table.header[static_cast<size_t>(column_of[f.field])], why);
    };
    std::map<std::string, Value> values;
    auto cell_of = [&](const FieldMap& f) { return trimmed(rec.cells[static_cast<size_t>(column_of[f.field])]); };
    // Reads one field into `values`; false (and `refusal` set) when the row must be refused.
    auto read = [&](const FieldMap& f, bool identity) {
      std::string cell = cell_of(f);
      bool is_required = f.required || std::count(schema_required().begin(), schema_required().end(), f.field);
      if (!cell.empty()) {
        auto v = read_value(f, cell, mapping.date_order);
        if (auto* why = std::get_if<std::string>(&v)) {
          if (*why != "no answer") {
            refuse_at(f, *why);
            return false;
          }
        } else {
          Value& got = std::get<Value>(v);
          for (const auto& m : got.team) {
            for (const auto& r : m.roles) {
              if (std::find(roles.begin(), roles.end(), r) == roles.end()) {
                refuse_at(f, fmt::format("{}: unknown role '{}' (known roles: {})", m.name, r, join(roles, ", ")));
                return false;
              }
            }
          }
          values[f.field] = std::move(got);
          return true;
        }
      }
      if (identity) {
        refuse_at(f, "empty, but it identifies the response (the mapping's identity)");
      } else if (f.required) {
        refuse_at(f, "empty, but the mapping requires an answer");
      } else if (is_required) {
        refuse_at(f, fmt::format("empty, but every EOI needs {}", f.field));
      } else {
        return true;
      }
      return false;
    };

    // The identity key first: a row imported before is skipped whatever else it holds.
    std::vector<std::string> parts;
    bool ok = true;
    for (const auto& id : mapping.identity) {
      const FieldMap& f = *by_field.at(id);
      if (!values.count(id) && !read(f, true)) {
        ok = false;
        break;
      }
      parts.push_back(values.at(id).canonical);
    }
    if (!ok) {
      out.refused.error(where, refusal);
      continue;
    }
    std::string key = join(parts, " | ");
    if (characters(key) > 2000) {
      refuse_at(*by_field.at(mapping.identity.front()), "the identity fields' values are longer than 2000 characters together");
      out.refused.error(where, refusal);
      continue;
    }
    if (auto it = present.find(key); it != present.end()) {
      out.skipped.emplace_back(rec.row, fmt::format("present as {}", it->second));
      continue;
    }
    if (auto it = added_keys.find(key); it != added_keys.end()) {
      out.skipped.emplace_back(rec.row, fmt::format("same response as row {}", it->second));
      continue;
    }

    for (const auto& needed : schema_required()) {
      if (!by_field.count(needed)) {
        refusal = fmt::format("row {}: the mapping gives no column for {}, which every EOI needs", rec.row, needed);
        ok = false;
        break;
      }
    }
    for (const auto& f : mapping.fields) {
      if (!ok) break;
      if (!values.count(f.field) && !read(f, false)) ok = false;
    }
    if (!ok) {
      out.refused.error(where, refusal);
      continue;
    }

    // The ID: the organization's name as a slug, made unique.
    std::string base = collab::slugify(values.at("organization.name").text);
    if (base.empty()) base = "eoi";
    std::string id = base;
    for (int n = 2; is_taken(id); ++n) {
      std::string suffix = "-" + std::to_string(n);
      std::string stem = base.substr(0, std::min(base.size(), 63 - suffix.size()));
      while (!stem.empty() && stem.back() == '-') stem.pop_back();
      id = stem + suffix;
    }
    taken.insert(id);
    added_keys.emplace(key, rec.row);

    auto text = [&](const char* field) -> std::string {
      auto it = values.find(field);
      return it == values.end() ? std::string() : it->second.text;
    };
    EoiFields e;
    e.comment = fmt::format("Imported by `collab enroll import` with mappings/{}.yaml from {}, row {}.", mapping.id, csv_name, rec.row);
    e.id = id;
    e.submitted = format_date(*values.at("submitted").date);
    for (const char* k : {"name", "region", "country", "sector", "timezone", "website"}) {
      e.organization.emplace_back(k, text((std::string("organization.") + k).c_str()));
    }
    e.contact_name = text("contact.name");
    e.contact_email = text("contact.email");
    for (const auto& f : mapping.fields) {
      if (f.field.compare(0, 8, "answers.") != 0) continue;
      auto it = values.find(f.field);
      if (it == values.end()) continue;
      const Value& v = it->second;
      std::string scalar = v.kind == Value::Kind::number    ? yaml_number(v.number)
                           : v.kind == Value::Kind::boolean ? std::string(v.boolean ? "true" : "false")
                                                            : yaml_string(v.text);
      e.answers.emplace_back(f.field.substr(8), scalar);
    }
    if (auto team = values.find("proposed_team"); team != values.end()) e.team = team->second.team;
    e.source = EoiSource{mapping.id, key, rec.row};
    std::string y = eoi_text(e);
    out.added.push_back({id, "eois/" + id + ".yaml", std::move(y), rec.row, key});
  }
  return out;
}

std::string eoi_text(const EoiFields& e) {
  std::string y = "# yaml-language-server: $schema=../.collab/schemas/eoi.schema.json\n# " + e.comment + "\n";
  y += "id: " + yaml_string(e.id) + "\n";
  y += "submitted: " + yaml_string(e.submitted) + "\n";
  y += "organization:\n";
  for (const auto& [k, v] : e.organization) {
    if (!v.empty()) y += fmt::format("  {}: {}\n", k, yaml_string(v));
  }
  y += "contact:\n";
  y += "  name: " + yaml_string(e.contact_name) + "\n";
  y += "  email: " + yaml_string(e.contact_email) + "\n";
  if (!e.answers.empty()) {
    y += "answers:\n";
    for (const auto& [k, scalar] : e.answers) y += fmt::format("  {}: {}\n", yaml_string(k), scalar);
  }
  if (e.team.empty()) {
    y += "proposed_team: []\n";
  } else {
    y += "proposed_team:\n";
    for (const auto& m : e.team) {
      std::vector<std::string> roles;
      for (const auto& role : m.roles) roles.push_back(yaml_string(role));
      y += "  - name: " + yaml_string(m.name) + "\n";
      y += "    roles: [" + join(roles, ", ") + "]\n";
      if (!m.email.empty()) y += "    email: " + yaml_string(m.email) + "\n";
    }
  }
  y += "status: " + e.status + "\n";
  if (e.source) {
    y += "source:\n";
    y += "  mapping: " + yaml_string(e.source->mapping) + "\n";
    y += "  key: " + yaml_string(e.source->key) + "\n";
    y += fmt::format("  row: {}\n", e.source->row);
  }
  return y;
}

}  // namespace collab::enroll
