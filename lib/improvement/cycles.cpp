#include "improvement/cycles.h"

#include "check/checks.h"
#include "core/dates.h"
#include "core/slug.h"
#include "core/text.h"
#include "io/yaml_edit.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace collab::improvement {
namespace {

using namespace collab::model;

Error usage(std::string message) { return Error{ErrorKind::usage, std::move(message)}; }


std::string cycle_path(const std::string& team, const std::string& id) { return "pdsa/" + team + "/" + id + ".yaml"; }

// A text option, when given, must hold something (the schema's text is at least one character).
Status option_text(const std::string& value, const char* option) {
  if (trim(value).empty()) return usage(fmt::format("{} is empty: give it a text, or leave the option out", option));
  return Ok{};
}

// The change ideas a team may test: the change package's and the team's own; "" when `idea` is one.
std::string why_not_usable(const Project& p, const std::string& team, const std::string& idea) {
  if (p.find_idea(team, idea)) return "";
  for (const auto& t : p.teams) {
    for (const auto& own : t.own_ideas) {
      if (own.id == idea) {
        return fmt::format("change idea '{}' is team '{}''s own idea: team '{}' can test the change package's ideas "
                           "(driver-diagram.yaml) and its own_ideas",
                           idea, t.id, team);
      }
    }
  }
  return fmt::format("no change idea '{}' in driver-diagram.yaml or in the own_ideas of team '{}'", idea, team);
}

// Sets a scalar ("/study/learned"); a value the editor cannot replace in place (a multi-line text) is removed
// and written anew, as its mapping's last key (the mapping written anew when it holds nothing else).
Status set_value(YamlEditor& editor, const std::string& pointer, const std::string& yaml) {
  Status s = editor.set_scalar(pointer, yaml);
  if (s || s.error().kind != ErrorKind::data || !editor.json().contains(nlohmann::json::json_pointer(pointer))) return s;
  std::string parent = pointer.substr(0, pointer.rfind('/'));
  std::string key = pointer.substr(pointer.rfind('/') + 1);
  const nlohmann::json& mapping = editor.json().at(nlohmann::json::json_pointer(parent));
  if (mapping.is_object() && mapping.size() == 1) return editor.set_block(parent, key + ": " + yaml + "\n");
  if (Status r = editor.remove(pointer); !r) return s;
  return editor.set_scalar(pointer, yaml);
}

// The text of a field of the cycle's file, "" when absent.
std::string field(const nlohmann::json& doc, const char* a, const char* b) {
  auto it = doc.find(a);
  if (it == doc.end() || !it->is_object()) return "";
  auto jt = it->find(b);
  return jt != it->end() && jt->is_string() ? jt->get<std::string>() : std::string();
}

std::string indent_block(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!value.empty()) out += key + ": " + value + "\n";
  }
  return out;
}

}  // namespace

std::string next_cycle_id(const Project& p, const std::string& team, const std::string& idea) {
  std::string base = idea.size() > 56 ? idea.substr(0, 56) : idea;  // room for "-999999" within 63
  while (!base.empty() && base.back() == '-') base.pop_back();
  if (base.empty()) base = "cycle";
  const std::string prefix = base + "-";
  long highest = 0;
  for (const auto& c : p.cycles) {
    if (c.team != team || c.id.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = c.id.substr(prefix.size());
    if (rest.empty() || rest.size() > 6 || rest[0] == '0' ||
        !std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      continue;
    }
    highest = std::max(highest, std::stol(rest));
  }
  std::string id = fmt::format("{}{}", prefix, highest + 1);
  for (long n = highest + 2; p.find_cycle(team, id); ++n) id = fmt::format("{}{}", prefix, n);
  return id;
}

Result<CycleChange> add_cycle(const Project& p, const AddSpec& spec) {
  const Team* team = p.find_team(spec.team);
  if (!team) return usage(fmt::format("no team '{}' in teams/", spec.team));
  if (auto why = why_not_usable(p, spec.team, spec.idea); !why.empty()) return usage(why);
  const PdsaCycle* earlier = nullptr;
  if (!spec.builds_on.empty()) {
    earlier = p.find_cycle(spec.team, spec.builds_on);
    if (!earlier) return usage(fmt::format("no cycle '{}' in pdsa/{}/ to build on", spec.builds_on, spec.team));
  }
  std::string id = spec.id;
  if (id.empty()) {
    id = next_cycle_id(p, spec.team, spec.idea);
  } else if (!is_slug(id)) {
    return usage(fmt::format("--id '{}' is not an ID: use lower-case letters, digits and hyphens, starting with a letter "
                             "or digit, at most 63 characters",
                             id));
  } else if (is_reserved_file_name(id)) {
    return usage(fmt::format("--id '{}' is a name Windows reserves for a device (con, prn, aux, nul, com0-9, lpt0-9): "
                             "choose another ID",
                             id));
  }
  std::string path = cycle_path(spec.team, id);
  if (p.find_cycle(spec.team, id) || p.is_unusable(FileKind::pdsa, spec.team + "/" + id)) {
    return Error{ErrorKind::cannot_create,
                 fmt::format("team '{}' has a cycle '{}' already ({}); nothing was written: choose another --id", spec.team,
                             id, display_path(p.display_root, path))};
  }
  if (trim(spec.objective).empty()) return usage("--objective must say what the cycle tests");
  for (const auto& q : spec.questions) {
    if (Status s = option_text(q, "--question"); !s) return s.error();
  }
  const std::pair<const std::string*, const char*> texts[] = {
      {&spec.prediction, "--prediction"}, {&spec.who, "--who"}, {&spec.what, "--what"},
      {&spec.where, "--where"},           {&spec.when, "--when"}, {&spec.data, "--data"}};
  for (const auto& [value, option] : texts) {
    if (!value->empty()) {
      if (Status s = option_text(*value, option); !s) return s.error();
    }
  }
  auto start = model::option_date(p, spec.start, "--start");
  if (!start) return start.error();
  if (earlier && earlier->start && *start < *earlier->start) {
    return usage(fmt::format("--start {} is before the start of cycle '{}' it builds on ({})", spec.start, earlier->id,
                             format_date(*earlier->start)));
  }

  std::string text = fmt::format(
      "# yaml-language-server: $schema=../../.collab/schemas/pdsa.schema.json\n"
      "# PDSA cycle added by `collab pdsa add`. When the test is over, record what was done, learned and\n"
      "# decided here, or with `collab pdsa decide {} --team {}` (docs/cli.md).\n"
      "id: {}\nteam: {}\nidea: {}\n",
      id, spec.team, id, spec.team, spec.idea);
  if (!spec.builds_on.empty()) text += "builds_on: " + spec.builds_on + "\n";
  text += "objective: " + yaml_string(trim(spec.objective)) + "\n";
  if (!spec.questions.empty()) {
    text += "questions:\n";
    for (const auto& q : spec.questions) text += "  - " + yaml_string(trim(q)) + "\n";
  }
  if (!spec.prediction.empty()) text += "prediction: " + yaml_string(trim(spec.prediction)) + "\n";
  std::vector<std::pair<std::string, std::string>> plan;
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"who", &spec.who},
                                   {"what", &spec.what}, {"where", &spec.where}, {"when", &spec.when}, {"data", &spec.data}}) {
    if (!value->empty()) plan.emplace_back(key, yaml_string(trim(*value)));
  }
  if (!plan.empty()) {
    text += "plan:\n";
    for (const auto& [key, value] : plan) text += "  " + key + ": " + value + "\n";
  }
  text += "start: " + format_date(*start) + "\n";

  CycleChange c;
  c.path = path;
  c.content = std::move(text);
  c.created = true;
  c.team = spec.team;
  c.id = id;
  c.summary = fmt::format("new cycle {} (team {}, idea {}{}, starts {})", display_path(p.display_root, path), spec.team,
                          spec.idea, spec.builds_on.empty() ? "" : ", builds on " + spec.builds_on, format_date(*start));
  return c;
}

Result<const PdsaCycle*> find_cycle(const Project& p, const std::string& id, const std::string& team) {
  if (!team.empty()) {
    if (!p.find_team(team)) return usage(fmt::format("no team '{}' in teams/", team));
    if (const PdsaCycle* c = p.find_cycle(team, id)) return c;
    return usage(fmt::format("no cycle '{}' in pdsa/{}/", id, team));
  }
  std::vector<const PdsaCycle*> found;
  for (const auto& c : p.cycles) {
    if (c.id == id) found.push_back(&c);
  }
  if (found.empty()) return usage(fmt::format("no cycle '{}' in pdsa/", id));
  if (found.size() > 1) {
    std::vector<std::string> teams;
    for (const auto* c : found) teams.push_back(c->team);
    return usage(fmt::format("teams {} each have a cycle '{}': say which with --team", fmt::join(teams, ", "), id));
  }
  return found.front();
}

Result<CycleChange> decide_cycle(const Project& p, const PdsaCycle& cycle, const std::string& text, const DecideSpec& spec) {
  if (spec.decision != "adopt" && spec.decision != "adapt" && spec.decision != "abandon") {
    return usage(fmt::format("--decision '{}' is not one of adopt, adapt, abandon", spec.decision));
  }
  if (!spec.prediction.empty() && spec.prediction != "confirmed" && spec.prediction != "partly" &&
      spec.prediction != "not-confirmed") {
    return usage(fmt::format("--prediction '{}' is not one of confirmed, partly, not-confirmed", spec.prediction));
  }
  auto decided = model::option_date(p, spec.date, "--date");
  if (!decided) return decided.error();
  std::optional<Date> end;
  if (!spec.end.empty()) {
    auto e = model::option_date(p, spec.end, "--end");
    if (!e) return e.error();
    end = *e;
  }
  for (const auto& [value, option] : {std::pair<const std::string*, const char*>{&spec.learned, "--learned"},
                                      {&spec.done, "--done"}, {&spec.next, "--next"}}) {
    if (!value->empty()) {
      if (Status s = option_text(*value, option); !s) return s.error();
    }
  }

  auto editor = YamlEditor::parse(text, cycle.src.path().empty() ? cycle_path(cycle.team, cycle.id) : cycle.src.path());
  if (!editor) return editor.error();
  const nlohmann::json doc = editor->json();
  const std::string name = fmt::format("cycle '{}' of team '{}'", cycle.id, cycle.team);

  // What the file holds already is replaced only with --force.
  auto refuse = [&](const std::string& what) {
    return Error{ErrorKind::cannot_create, fmt::format("{} has {} already; nothing was written: --force replaces it", name, what)};
  };
  if (!spec.force) {
    if (doc.contains("act")) {
      return refuse(fmt::format("a decision ({} on {})", field(doc, "act", "decision"), field(doc, "act", "date")));
    }
    const std::tuple<const std::string*, const char*, const char*, const char*> kept[] = {
        {&spec.end, "do", "end", "do.end"},
        {&spec.done, "do", "done", "do.done"},
        {&spec.learned, "study", "learned", "study.learned"},
        {&spec.prediction, "study", "prediction", "study.prediction"}};
    for (const auto& [given, a, b, label] : kept) {
      std::string now = field(doc, a, b);
      if (given->empty() || now.empty() || now == trim(*given)) continue;
      // Dates and values are shown; a text is named only (it may be long).
      bool text = std::string(b) == "done" || std::string(b) == "learned";
      return refuse(text ? std::string(label) : fmt::format("{} ({})", label, now));
    }
  }

  // Dates in order: start <= do.end <= act.date, do.end as given or as the file has it.
  std::optional<Date> test_end = end ? end : cycle.end;
  const char* end_name = end ? "--end" : "do.end";
  if (cycle.start && test_end && *test_end < *cycle.start) {
    return usage(fmt::format("{} {} is before the cycle's start ({})", end_name, format_date(*test_end), format_date(*cycle.start)));
  }
  if (cycle.start && *decided < *cycle.start) {
    return usage(fmt::format("--date {} is before the cycle's start ({}): a decision comes after the test", spec.date,
                             format_date(*cycle.start)));
  }
  if (test_end && *decided < *test_end) {
    return usage(fmt::format("--date {} is before the test's end ({} {}): a decision comes after the test", spec.date,
                             end_name, format_date(*test_end)));
  }
  if (!spec.prediction.empty() && spec.learned.empty() && field(doc, "study", "learned").empty()) {
    return usage("--prediction needs --learned: study.learned, what was learned, comes with whether the prediction held");
  }

  std::vector<std::string> what;
  // do, study, act: a missing one is added as the file's last key, so the three come in this order.
  if (!spec.done.empty() || end) {
    if (!doc.contains("do")) {
      std::string block = indent_block({{"done", spec.done.empty() ? "" : yaml_string(trim(spec.done))},
                                        {"end", end ? format_date(*end) : ""}});
      if (Status s = editor->set_block("/do", block); !s) return s.error();
    } else {
      if (!spec.done.empty()) {
        if (Status s = set_value(*editor, "/do/done", yaml_string(trim(spec.done))); !s) return s.error();
      }
      if (end) {
        if (Status s = set_value(*editor, "/do/end", format_date(*end)); !s) return s.error();
      }
    }
    if (end) what.push_back("ended " + format_date(*end));
  }
  if (!spec.learned.empty() || !spec.prediction.empty()) {
    if (!doc.contains("study")) {
      std::string block = indent_block({{"learned", yaml_string(trim(spec.learned))}, {"prediction", spec.prediction}});
      if (Status s = editor->set_block("/study", block); !s) return s.error();
    } else {
      if (!spec.learned.empty()) {
        if (Status s = set_value(*editor, "/study/learned", yaml_string(trim(spec.learned))); !s) return s.error();
      }
      if (!spec.prediction.empty()) {
        if (Status s = set_value(*editor, "/study/prediction", spec.prediction); !s) return s.error();
      }
    }
    if (!spec.prediction.empty()) what.push_back("prediction " + spec.prediction);
  }
  if (!doc.contains("act")) {
    std::string block = indent_block({{"decision", spec.decision}, {"date", format_date(*decided)},
                                      {"next", spec.next.empty() ? "" : yaml_string(trim(spec.next))}});
    if (Status s = editor->set_block("/act", block); !s) return s.error();
  } else {
    // --force: the decision is replaced; its `next` belonged to the old decision unless a new one is given.
    if (Status s = set_value(*editor, "/act/decision", spec.decision); !s) return s.error();
    if (Status s = set_value(*editor, "/act/date", format_date(*decided)); !s) return s.error();
    if (!spec.next.empty()) {
      if (Status s = set_value(*editor, "/act/next", yaml_string(trim(spec.next))); !s) return s.error();
    } else if (editor->json()["act"].contains("next")) {
      if (Status s = editor->remove("/act/next"); !s) return s.error();
    }
  }

  CycleChange c;
  c.path = cycle.src.doc && !cycle.src.doc->relative.empty() ? cycle.src.doc->relative : cycle_path(cycle.team, cycle.id);
  c.content = editor->text();
  c.team = cycle.team;
  c.id = cycle.id;
  c.summary = fmt::format("{}: {} on {}{}{} ({})", name, spec.decision, format_date(*decided),
                          doc.contains("act") ? fmt::format(", replacing {} on {}", field(doc, "act", "decision"), field(doc, "act", "date")) : "",
                          what.empty() ? "" : "; " + fmt::format("{}", fmt::join(what, "; ")), display_path(p.display_root, c.path));
  return c;
}

Result<CycleChange> decide_cycle(const Project& p, const DecideSpec& spec) {
  auto cycle = find_cycle(p, spec.cycle, spec.team);
  if (!cycle) return cycle.error();
  const PdsaCycle& c = **cycle;
  if (!c.src.doc) return Error{ErrorKind::internal, fmt::format("cycle '{}' has no file", c.id)};
  std::ifstream in(p.root / c.src.doc->relative, std::ios::binary);
  if (!in) return Error{ErrorKind::io, fmt::format("{}: cannot read the file", c.src.path())};
  std::stringstream text;
  text << in.rdbuf();
  return decide_cycle(p, c, text.str(), spec);
}

Result<Diagnostics> verify_change(const Project& p, const CycleChange& change) {
  return check::verify_change(p, {{change.path, change.content}}, display_path(p.display_root, change.path));
}

Result<std::vector<CycleRow>> list_cycles(const Project& p, const ListFilter& filter) {
  if (!filter.team.empty() && !p.find_team(filter.team)) return usage(fmt::format("no team '{}' in teams/", filter.team));
  if (!filter.idea.empty()) {
    bool known = p.driver_diagram && std::any_of(p.driver_diagram->ideas.begin(), p.driver_diagram->ideas.end(),
                                                 [&](const ChangeIdea& i) { return i.id == filter.idea; });
    for (const auto& t : p.teams) {
      for (const auto& own : t.own_ideas) known = known || own.id == filter.idea;
    }
    if (!known) return usage(fmt::format("no change idea '{}' in driver-diagram.yaml or in any team's own_ideas", filter.idea));
  }
  std::vector<CycleRow> rows;
  for (const auto& c : p.cycles) {
    if (!filter.team.empty() && c.team != filter.team) continue;
    if (!filter.idea.empty() && c.idea != filter.idea) continue;
    if (filter.open_only && !c.decision.empty()) continue;
    CycleRow r;
    r.team = c.team;
    r.id = c.id;
    r.idea = c.idea;
    r.start = c.start ? format_date(*c.start) : "";
    r.end = c.end ? format_date(*c.end) : "";
    r.decision = c.decision;
    r.decided = c.decided ? format_date(*c.decided) : "";
    r.builds_on = c.builds_on;
    r.file = display_path(p.display_root, c.src.doc && !c.src.doc->relative.empty() ? c.src.doc->relative : cycle_path(c.team, c.id));
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace collab::improvement
