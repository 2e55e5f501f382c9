#include "evaluation/responses_import.h"

#include "core/dates.h"
#include "core/slug.h"
#include "core/text.h"
#include "io/yaml_document.h"
#include "io/yaml_edit.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace collab::evaluation {
namespace {

using namespace collab::model;

// One good row: a response as it would be written.
struct Row {
  int line = 0, row = 0;
  std::string id, event, member, submitted;
  std::vector<std::pair<std::string, nlohmann::json>> answers;  // in the survey's item order
  int existing = -1;  // its index in the file's responses, when the file has that ID
};

std::string answer_yaml(const nlohmann::json& v) {
  return v.is_string() ? yaml_string(v.get<std::string>()) : yaml_number(v.get<double>());
}

std::string answers_block(const Row& r) {
  std::string out;
  for (const auto& [item, value] : r.answers) out += yaml_string(item) + ": " + answer_yaml(value) + "\n";
  return out;
}

// The response as a list item, at indent 0.
std::string item_text(const Row& r) {
  std::string out = "id: " + yaml_string(r.id) + "\nevent: " + yaml_string(r.event) + "\n";
  if (!r.member.empty()) out += "member: " + yaml_string(r.member) + "\n";
  if (!r.submitted.empty()) out += "submitted: " + r.submitted + "\n";
  if (r.answers.empty()) return out + "answers: {}\n";
  out += "answers:\n";
  std::string block = answers_block(r);
  for (size_t start = 0; start < block.size();) {
    size_t end = block.find('\n', start);
    out += "  " + block.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

std::string shown_value(const nlohmann::json& v) {
  if (v.is_null()) return "none";
  if (v.is_string()) return "'" + v.get<std::string>() + "'";
  if (v.is_number()) return yaml_number(v.get<double>());
  return v.dump();
}

// How a response on file differs from the row: "" when they are the same.
std::string difference(const nlohmann::json& old, const Row& r) {
  auto text = [&](const char* key) { return old.contains(key) && old[key].is_string() ? old[key].get<std::string>() : std::string(); };
  if (text("event") != r.event) return fmt::format("event '{}' on file, '{}' here", text("event"), r.event);
  if (text("member") != r.member) {
    return fmt::format("member {} on file, {} here", text("member").empty() ? "none" : "'" + text("member") + "'",
                       r.member.empty() ? "none" : "'" + r.member + "'");
  }
  if (text("submitted") != r.submitted) {
    return fmt::format("submitted {} on file, {} here", text("submitted").empty() ? "none" : text("submitted"),
                       r.submitted.empty() ? "none" : r.submitted);
  }
  nlohmann::json was = old.contains("answers") && old["answers"].is_object() ? old["answers"] : nlohmann::json::object();
  nlohmann::json now = nlohmann::json::object();
  for (const auto& [item, value] : r.answers) now[item] = value;
  std::set<std::string> items;
  for (const auto& [k, _] : was.items()) items.insert(k);
  for (const auto& [k, _] : now.items()) items.insert(k);
  for (const auto& item : items) {
    nlohmann::json a = was.contains(item) ? was[item] : nlohmann::json(nullptr);
    nlohmann::json b = now.contains(item) ? now[item] : nlohmann::json(nullptr);
    bool same = a.is_number() && b.is_number() ? a.get<double>() == b.get<double>() : a == b;
    if (!same) return fmt::format("answer '{}': {} on file, {} here", item, shown_value(a), shown_value(b));
  }
  return "";
}

struct Built {
  std::string text;
  std::map<int, int> index_of_row;  // CSV row -> its response's index in the new text
  int added = 0, replaced = 0;
};

// The file's new text with `rows` added or (their `existing` set) replaced, each field set in place.
Result<Built> build(const std::string& original, const std::string& shown, const std::vector<const Row*>& rows) {
  auto editor = YamlEditor::parse(original, shown);
  if (!editor) return editor.error();
  Built out;
  for (const Row* r : rows) {
    if (r->existing < 0) {
      if (Status s = append_mapping_item(*editor, "/responses", item_text(*r)); !s) return s.error();
      out.index_of_row[r->row] = static_cast<int>(editor->json()["responses"].size()) - 1;
      ++out.added;
      continue;
    }
    const std::string base = fmt::format("/responses/{}", r->existing);
    auto has = [&](const char* key) { return editor->json().at("responses").at(static_cast<size_t>(r->existing)).contains(key); };
    Status s = editor->set_scalar(base + "/event", yaml_string(r->event));
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"member", &r->member}, {"submitted", &r->submitted}}) {
      if (!s) break;
      if (!value->empty()) s = editor->set_scalar(base + "/" + key, std::string(key) == "member" ? yaml_string(*value) : *value);
      else if (has(key)) s = editor->remove(base + "/" + key);
    }
    // Answer by answer, so that the comments beside them stay.
    const nlohmann::json old = editor->json().at("responses").at(static_cast<size_t>(r->existing));
    if (s && old.contains("answers") && old["answers"].is_object()) {
      for (const auto& entry : old["answers"].items()) {
        const std::string item = entry.key();
        bool kept = std::any_of(r->answers.begin(), r->answers.end(), [&](const auto& a) { return a.first == item; });
        if (s && !kept) s = editor->remove(pointer_append(base + "/answers", item));
      }
      for (const auto& [item, value] : r->answers) {
        if (s) s = editor->set_scalar(pointer_append(base + "/answers", item), answer_yaml(value));
      }
    } else if (s) {
      s = r->answers.empty() ? editor->set_scalar(base + "/answers", "{}") : editor->set_block(base + "/answers", answers_block(*r));
    }
    if (!s) return s.error();
    out.index_of_row[r->row] = r->existing;
    ++out.replaced;
  }
  out.text = editor->text();
  return out;
}

}  // namespace

Result<ResponsesImport> import_responses(const Project& p, const CsvTable& table, const std::string& csv_path,
                                         const ResponsesImportSpec& spec) {
  const Survey* survey = p.find_survey(spec.survey);
  if (!survey) {
    std::vector<std::string> ids;
    for (const auto& s : p.surveys) ids.push_back(s.id);
    return Error{ErrorKind::usage, ids.empty() ? fmt::format("no survey '{}' in surveys/ (there are none)", spec.survey)
                                               : fmt::format("no survey '{}' in surveys/ (surveys: {})", spec.survey, fmt::join(ids, ", "))};
  }
  if (!spec.event.empty() && !p.find_event(spec.event)) {
    return Error{ErrorKind::usage, fmt::format("--event '{}': no event '{}' in events/", spec.event, spec.event)};
  }
  ResponsesImport out;

  // The header: each column a response field or a survey item.
  int c_id = -1, c_event = -1, c_member = -1, c_email = -1, c_submitted = -1;
  std::vector<std::pair<int, const SurveyItem*>> item_columns;
  std::vector<std::string> item_ids;
  for (const auto& item : survey->items) item_ids.push_back(item.id);
  for (size_t i = 0; i < table.header.size(); ++i) {
    const int c = static_cast<int>(i);
    const std::string name = trim_lower(table.header[i]);
    if (name == "id" || name == "response") {
      if (c_id >= 0) {
        out.header.error({csv_path, 1, 0}, fmt::format("columns '{}' and '{}' both give the response's ID: keep one",
                                                       table.header[static_cast<size_t>(c_id)], table.header[i]));
      }
      c_id = c;
    } else if (name == "event") {
      c_event = c;
    } else if (name == "member") {
      c_member = c;
    } else if (name == "email") {
      c_email = c;
    } else if (name == "submitted") {
      c_submitted = c;
    } else if (const SurveyItem* item = survey->find_item(name)) {
      item_columns.emplace_back(c, item);
    } else {
      out.header.error({csv_path, 1, 0},
                       fmt::format("column '{}' is neither a response field (id, event, member, email, submitted) nor an "
                                   "item of survey '{}' (items: {})",
                                   table.header[i], survey->id, fmt::join(item_ids, ", ")));
    }
  }
  if (c_id < 0) out.header.error({csv_path, 1, 0}, "the header has no column 'id' (the response's ID; 'response' will do)");
  if (c_event < 0 && spec.event.empty()) {
    out.header.error({csv_path, 1, 0}, "the header has no column 'event': add it, or give the event of every row with --event");
  }
  if (!out.header.empty()) return out;

  // The file on record, if any.
  const SurveyResponses* on_file = nullptr;
  for (const auto& r : p.responses) {
    if (r.survey == survey->id) on_file = &r;
  }
  const std::string path = on_file && on_file->src.doc && !on_file->src.doc->relative.empty() ? on_file->src.doc->relative
                                                                                                : "responses/" + survey->id + ".yaml";
  const std::string shown = display_path(p.display_root, path);
  std::string original;
  if (on_file) {
    auto text = read_project_file(p, path);
    if (!text) return text.error();
    original = *text;
  } else {
    original = "# yaml-language-server: $schema=../.collab/schemas/responses.schema.json\n# Responses to survey " + survey->id +
               ", imported by collab mel import.\n\nsurvey: " + survey->id + "\n";
  }
  auto editor = YamlEditor::parse(original, shown);
  if (!editor) return editor.error();
  const nlohmann::json file_json = editor->json();
  std::map<std::string, size_t> file_ids;
  if (file_json.contains("responses") && file_json["responses"].is_array()) {
    for (size_t i = 0; i < file_json["responses"].size(); ++i) {
      const auto& r = file_json["responses"][i];
      if (r.contains("id") && r["id"].is_string()) file_ids.emplace(r["id"].get<std::string>(), i);
    }
  }

  // The rows.
  std::vector<Row> rows;
  std::map<std::string, int> seen;  // response ID -> row
  for (const auto& rec : table.records) {
    auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(rec.cells.size()) ? trim(rec.cells[static_cast<size_t>(c)]) : std::string(); };
    if (std::all_of(rec.cells.begin(), rec.cells.end(), [](const std::string& s) { return trim(s).empty(); })) continue;
    ++out.rows;
    std::string problem;
    int problem_column = -1;
    auto refuse = [&](int c, std::string why) {
      if (problem.empty()) {
        problem = std::move(why);
        problem_column = c;
      }
    };
    Row r;
    r.line = rec.line;
    r.row = rec.row;
    r.id = cell(c_id);
    if (r.id.empty()) refuse(c_id, "empty: every response needs an ID");
    else if (!is_slug(r.id)) refuse(c_id, fmt::format("'{}' is not an ID: lower-case letters, digits and hyphens, at most 63 characters", r.id));

    r.event = cell(c_event);
    int event_column = c_event;
    if (r.event.empty()) r.event = spec.event;
    if (r.event.empty()) {
      refuse(c_event, "empty: every response is to an event (or give --event)");
    } else if (!p.find_event(r.event)) {
      refuse(event_column, fmt::format("no event '{}' in events/", r.event));
    } else if (!survey->events.empty() && std::find(survey->events.begin(), survey->events.end(), r.event) == survey->events.end()) {
      refuse(event_column, fmt::format("survey '{}' asks about {}, not '{}'", survey->id, fmt::join(survey->events, ", "), r.event));
    }

    r.member = cell(c_member);
    if (!r.member.empty() && !p.find_member(r.member)) refuse(c_member, fmt::format("no member '{}' in teams/", r.member));
    if (std::string email = cell(c_email); !email.empty()) {
      std::vector<std::string> found;
      for (const auto& t : p.teams) {
        for (const auto& m : t.members) {
          if (!m.email.empty() && trim_lower(m.email) == ascii_lower(email)) found.push_back(m.id);
        }
      }
      if (found.empty()) {
        if (r.member.empty()) refuse(c_email, fmt::format("no member has the email '{}' (teams/)", email));
      } else if (found.size() > 1) {
        refuse(c_email, fmt::format("members {} all have the email '{}': give the member column", fmt::join(found, ", "), email));
      } else if (!r.member.empty() && r.member != found.front()) {
        refuse(c_email, fmt::format("'{}' is the email of member '{}', but the row names member '{}'", email, found.front(), r.member));
      } else {
        r.member = found.front();
      }
    }

    if (std::string s = cell(c_submitted); !s.empty()) {
      auto d = parse_date(s);
      if (!d) refuse(c_submitted, fmt::format("'{}' is not a date (YYYY-MM-DD)", s));
      else r.submitted = format_date(*d);
    }

    for (const auto& [c, item] : item_columns) {
      std::string value = cell(c);
      if (value.empty()) continue;
      if (item->type == "open") {
        if (value.size() > 20000) refuse(c, "longer than 20000 characters");
        r.answers.emplace_back(item->id, value);
        continue;
      }
      int lo = item->type == "nps" ? 0 : item->min, hi = item->type == "nps" ? 10 : item->max;
      auto v = finite_number(value);
      if (!v || std::floor(*v) != *v || *v < lo || *v > hi) {
        refuse(c, fmt::format("'{}' is not on the {} of item '{}': a whole number from {} to {}", value,
                              item->type == "nps" ? "0-10 scale" : "scale", item->id, lo, hi));
        continue;
      }
      r.answers.emplace_back(item->id, static_cast<int>(*v));
    }
    // In the survey's item order, whatever the columns' order.
    std::stable_sort(r.answers.begin(), r.answers.end(), [&](const auto& a, const auto& b) {
      auto pos = [&](const std::string& id) { return std::find(item_ids.begin(), item_ids.end(), id) - item_ids.begin(); };
      return pos(a.first) < pos(b.first);
    });

    if (rec.cells.size() > table.header.size()) {
      refuse(c_id, fmt::format("the row has {} cells, the header {} columns: a cell holding a comma needs quotes",
                               rec.cells.size(), table.header.size()));
    }
    if (problem.empty()) {
      if (auto [it, fresh] = seen.emplace(r.id, r.row); !fresh) {
        refuse(c_id, fmt::format("response '{}' is in row {} already", r.id, it->second));
      }
    }
    if (problem.empty()) {
      if (auto it = file_ids.find(r.id); it != file_ids.end()) {
        // A CSV without a submitted column, or without member and email columns, says nothing of them: the
        // file's values stay.
        const nlohmann::json& old = file_json["responses"][it->second];
        if (c_submitted < 0 && old.contains("submitted") && old["submitted"].is_string()) r.submitted = old["submitted"];
        if (c_member < 0 && c_email < 0 && old.contains("member") && old["member"].is_string()) r.member = old["member"];
        std::string diff = difference(file_json["responses"][it->second], r);
        if (diff.empty()) {
          ++out.unchanged;
          continue;
        }
        if (!spec.replace) {
          refuse(c_id, fmt::format("response '{}' is on file ({}) with other content ({}); --replace takes the CSV's", r.id,
                                   shown, diff));
        } else {
          r.existing = static_cast<int>(it->second);
        }
      }
    }
    if (!problem.empty()) {
      const std::string column = problem_column >= 0 ? table.header[static_cast<size_t>(problem_column)] : std::string("event");
      out.refused.error({csv_path, rec.line, 0}, fmt::format("row {}, column '{}': {}", rec.row, column, problem));
      continue;
    }
    rows.push_back(std::move(r));
  }

  // Build the new text; while validate refuses it, refuse the rows its errors fall in and build again.
  std::vector<const Row*> applied;
  for (const auto& r : rows) applied.push_back(&r);
  while (!applied.empty()) {
    auto built = build(original, shown, applied);
    if (!built) return built.error();
    FileChange change{path, built->text, on_file == nullptr, ""};
    Verdict verdict = check_changes(p, {change});
    if (!verdict.errors.has_errors()) {
      out.added = built->added;
      out.replaced = built->replaced;
      change.summary = fmt::format("{} {}: {} response(s) added, {} replaced", on_file ? "updated" : "created", shown,
                                   built->added, built->replaced);
      out.file = std::move(change);
      out.warnings = std::move(verdict.warnings);
      break;
    }
    // Where each response starts in the new text; an error belongs to the response it falls in.
    Diagnostics parse_problems;
    auto doc = parse_yaml(built->text, shown, parse_problems);
    std::vector<int> starts;
    if (doc && doc->json.contains("responses")) {
      for (size_t i = 0; i < doc->json["responses"].size(); ++i) starts.push_back(doc->at(pointer_append("/responses", i)).line);
    }
    std::map<int, const Row*> row_at_index;
    for (const Row* r : applied) row_at_index[built->index_of_row.at(r->row)] = r;
    std::map<const Row*, std::vector<std::string>> bad;
    std::vector<std::string> elsewhere;
    for (const auto& d : verdict.errors.items()) {
      int index = -1;
      if (d.where.file == shown && d.where.line > 0) {
        for (size_t i = 0; i < starts.size(); ++i) {
          if (starts[i] <= d.where.line) index = static_cast<int>(i);
        }
      }
      auto it = row_at_index.find(index);
      if (it == row_at_index.end()) {
        elsewhere.push_back("  " + format_text(d));
      } else {
        bad[it->second].push_back(d.message);
      }
    }
    if (!elsewhere.empty()) {
      return Error{ErrorKind::data, fmt::format("{} would not pass collab validate; nothing was written:\n{}", shown,
                                                fmt::join(elsewhere, "\n"))};
    }
    std::vector<const Row*> kept;
    for (const Row* r : applied) {
      auto it = bad.find(r);
      if (it == bad.end()) {
        kept.push_back(r);
        continue;
      }
      out.refused.error({csv_path, r->line, 0},
                        fmt::format("row {}: collab validate would refuse response '{}': {}", r->row, r->id, fmt::join(it->second, "; ")));
    }
    applied = std::move(kept);
  }
  out.refused.sort();
  return out;
}

}  // namespace collab::evaluation
