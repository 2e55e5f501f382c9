#include "evaluation/record.h"

#include "check/checks.h"
#include "core/dates.h"
#include "core/slug.h"
#include "core/text.h"
#include "io/files.h"
#include "io/yaml_edit.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>

namespace collab::evaluation {
namespace {

using namespace collab::model;

Error usage(std::string message) { return Error{ErrorKind::usage, std::move(message)}; }

// A text option, when given, must hold something (the schemas' text is at least one character).
Status option_text(const std::string& value, const char* option) {
  if (trim(value).empty()) return usage(fmt::format("{} is empty: give it a text, or leave the option out", option));
  if (value.size() > 20000) return usage(fmt::format("{} is longer than 20000 characters", option));
  return Ok{};
}

Status one_of(const std::string& value, const char* option, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Ok{};
  return usage(fmt::format("{} '{}' is not one of {}", option, value, fmt::join(allowed, ", ")));
}

// A date that exists, anywhere in time (an outcome may be seen, or substantiated, after the collaborative).
Result<Date> any_date(const std::string& text, const char* option) {
  auto d = parse_date(text);
  if (!d) return usage(fmt::format("{} {} is not a date YYYY-MM-DD that exists", option, text));
  return *d;
}

std::string relative_of(const Source& src, const std::string& fallback) {
  return src.doc && !src.doc->relative.empty() ? src.doc->relative : fallback;
}

std::string shown(const Project& p, const std::string& relative) { return display_path(p.display_root, relative); }

// "a, b, c" of the IDs, for messages that list what is known.
template <class T>
std::string ids_of(const std::vector<T>& items) {
  std::vector<std::string> ids;
  for (const auto& i : items) ids.push_back(i.id);
  return fmt::format("{}", fmt::join(ids, ", "));
}

// "a, b" given twice among `values`: the first repeated one, or "".
std::string repeated(const std::vector<std::string>& values) {
  std::set<std::string> seen;
  for (const auto& v : values) {
    if (!seen.insert(v).second) return v;
  }
  return "";
}

std::string yaml_list(const std::vector<std::string>& values) {
  std::vector<std::string> spelled;
  for (const auto& v : values) spelled.push_back(yaml_string(v));
  return fmt::format("[{}]", fmt::join(spelled, ", "));
}

// A number of zero or more, as typed for `option`.
Result<double> amount_of(const std::string& text, const char* option) {
  auto v = finite_number(trim(text));
  if (!v) return usage(fmt::format("{} '{}' is not a number", option, text));
  if (*v < 0) return usage(fmt::format("{} {} is negative: give a number of zero or more", option, trim(text)));
  return *v;
}

}  // namespace

Status append_mapping_item(YamlEditor& editor, const std::string& pointer, const std::string& item) {
  Status s = editor.append_item(pointer, item);
  if (s) return s;
  const nlohmann::json::json_pointer ptr(pointer);
  if (!editor.json().contains(ptr) || !editor.json().at(ptr).is_array() || !editor.json().at(ptr).empty()) return s;
  std::string block;
  for (size_t start = 0; start < item.size();) {
    size_t end = item.find('\n', start);
    block += (start == 0 ? "- " : "  ") + item.substr(start, end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return editor.set_block(pointer, block);
}

Result<std::string> read_project_file(const Project& p, const std::string& relative_path) {
  auto text = read_file_limited((p.root / relative_path).string(), kMaxYamlFileBytes);
  if (!text) {
    if (text.error().kind == ErrorKind::io) {
      return Error{ErrorKind::io, fmt::format("{}: cannot read the file", shown(p, relative_path))};
    }
    return text.error();
  }
  return *text;
}

Verdict check_changes(const Project& p, const std::vector<FileChange>& changes) {
  Overlay overlay;
  for (const auto& c : changes) overlay[c.path] = c.content;
  check::ChangeVerdict v = check::check_change(p, overlay);
  return {std::move(v.errors), std::move(v.warnings)};
}

Result<Diagnostics> verify_change(const Project& p, const FileChange& change) {
  return check::verify_change(p, {{change.path, change.content}}, shown(p, change.path));
}

// ---- vote ----

Result<FileChange> record_vote(const Project& p, const VoteSpec& spec) {
  if (!p.learning_agenda) {
    return usage("there is no learning-agenda.yaml: write it first, with its method and topics (docs/format.md)");
  }
  const LearningAgenda& agenda = *p.learning_agenda;
  const std::string path = relative_of(agenda.src, "learning-agenda.yaml");
  const std::string file = shown(p, path);
  if (!is_slug(spec.voter)) return usage(fmt::format("--voter '{}' is not an ID (a member's or a faculty member's)", spec.voter));
  bool faculty = p.collaborative && p.collaborative->find_faculty(spec.voter);
  if (!p.find_member(spec.voter) && !faculty) {
    return usage(fmt::format("--voter '{}' is neither a member (teams/) nor a faculty member (collab.yaml)", spec.voter));
  }
  if (!spec.group.empty()) {
    if (Status s = option_text(spec.group, "--group"); !s) return s.error();
  }
  std::optional<Date> date;
  if (!spec.date.empty()) {
    auto d = option_date(p, spec.date, "--date");
    if (!d) return d.error();
    date = *d;
  }
  if (spec.dots.empty() && spec.ranking.empty()) {
    return usage(fmt::format("give the ballot: {} uses {}", file,
                             agenda.method == "borda" ? "ranked ballots (--rank TOPIC,TOPIC,...)" : "dots (--dot TOPIC[=N], repeated)"));
  }
  if (!spec.dots.empty() && !spec.ranking.empty()) return usage("give --dot (dot voting) or --rank (a ranked ballot), not both");
  if (agenda.method == "borda" && !spec.dots.empty()) {
    return usage(fmt::format("{} uses ranked ballots (method: borda): give --rank TOPIC,TOPIC,..., not --dot", file));
  }
  if (agenda.method != "borda" && !spec.ranking.empty()) {
    return usage(fmt::format("{} uses dot voting (method: dots): give --dot TOPIC[=N], not --rank", file));
  }
  auto known_topic = [&](const std::string& topic, const char* option) -> Status {
    if (agenda.find_topic(topic)) return Ok{};
    return usage(fmt::format("{} '{}': no topic '{}' in {} (topics: {})", option, topic, topic, file, ids_of(agenda.topics)));
  };

  std::string header = "voter: " + yaml_string(spec.voter) + "\n";
  if (!spec.group.empty()) header += "group: " + yaml_string(trim(spec.group)) + "\n";
  if (date) header += "date: " + format_date(*date) + "\n";
  std::string key, block, what;  // the ballot's dots or ranking: its key, and its block at indent 0
  if (!spec.dots.empty()) {
    std::vector<std::pair<std::string, int>> dots;
    int total = 0;
    for (const auto& given : spec.dots) {
      auto eq = given.find('=');
      std::string topic = trim(given.substr(0, eq));
      int n = 1;
      if (eq != std::string::npos) {
        std::string count = trim(given.substr(eq + 1));
        auto v = finite_number(count);
        if (!v || *v < 1 || std::floor(*v) != *v || *v > 1000) {
          return usage(fmt::format("--dot {}: '{}' is not a whole number of dots from 1", given, count));
        }
        n = static_cast<int>(*v);
      }
      if (Status s = known_topic(topic, "--dot"); !s) return s.error();
      for (const auto& d : dots) {
        if (d.first == topic) {
          return usage(fmt::format("--dot '{}' is given twice: give it once, with its number of dots (--dot {}=N)", topic, topic));
        }
      }
      if (agenda.max_per_topic && n > *agenda.max_per_topic) {
        return usage(fmt::format("--dot {}={}: {} allows at most {} dot(s) on one topic (max_per_topic)", topic, n, file,
                                 *agenda.max_per_topic));
      }
      dots.emplace_back(topic, n);
      total += n;
    }
    if (total > agenda.dots) {
      return usage(fmt::format("{} dots in all, but {} gives each voter {} (dots)", total, file, agenda.dots));
    }
    key = "dots";
    std::vector<std::string> parts;
    for (const auto& [topic, n] : dots) {
      block += yaml_string(topic) + ": " + std::to_string(n) + "\n";
      parts.push_back(fmt::format("{} {}", topic, n));
    }
    what = fmt::format("dots {}", fmt::join(parts, ", "));
  } else {
    std::vector<std::string> ranking;
    for (const auto& given : spec.ranking) {
      size_t start = 0;
      while (true) {
        size_t comma = given.find(',', start);
        std::string topic = trim(given.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (topic.empty()) return usage(fmt::format("--rank '{}' has an empty place: give topic IDs separated by commas", given));
        if (Status s = known_topic(topic, "--rank"); !s) return s.error();
        if (std::find(ranking.begin(), ranking.end(), topic) != ranking.end()) {
          return usage(fmt::format("--rank names topic '{}' twice: a ranking names each topic once", topic));
        }
        ranking.push_back(topic);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    key = "ranking";
    for (const auto& topic : ranking) block += "- " + yaml_string(topic) + "\n";
    what = fmt::format("ranking {}", fmt::join(ranking, ", "));
  }

  size_t existing = agenda.votes.size();
  for (size_t i = 0; i < agenda.votes.size(); ++i) {
    if (agenda.votes[i].voter == spec.voter) existing = i;
  }
  if (existing < agenda.votes.size() && !spec.replace) {
    const Ballot& old = agenda.votes[existing];
    return Error{ErrorKind::cannot_create,
                 fmt::format("'{}' has voted already ({}, vote {}{}); nothing was written: --replace replaces the ballot",
                             spec.voter, file, existing + 1, old.date ? ", dated " + format_date(*old.date) : "")};
  }
  auto text = read_project_file(p, path);
  if (!text) return text.error();
  auto editor = YamlEditor::parse(*text, file);
  if (!editor) return editor.error();
  FileChange c;
  c.path = path;
  if (existing < agenda.votes.size()) {
    // The whole ballot is replaced but for its voter line, so that its place and the comments above it stay;
    // its fields are written again in the schema's order.
    const std::string base = fmt::format("/votes/{}", existing);
    Status s = Ok{};
    for (const char* k : {"group", "date", "dots", "ranking"}) {
      if (s && editor->json().at("votes").at(existing).contains(k)) s = editor->remove(base + "/" + k);
    }
    if (s && !spec.group.empty()) s = editor->set_scalar(base + "/group", yaml_string(trim(spec.group)));
    if (s && date) s = editor->set_scalar(base + "/date", format_date(*date));
    if (s) s = editor->set_block(base + "/" + key, block);
    if (!s) return s.error();
    c.summary = fmt::format("ballot of '{}' replaced in {}: {}", spec.voter, file, what);
  } else {
    std::string indented;
    for (size_t start = 0; start < block.size();) {
      size_t end = block.find('\n', start);
      indented += "  " + block.substr(start, end - start) + "\n";
      start = end + 1;
    }
    if (Status s = append_mapping_item(*editor, "/votes", header + key + ":\n" + indented); !s) return s.error();
    c.summary = fmt::format("ballot of '{}' added to {}: {}", spec.voter, file, what);
  }
  c.content = editor->text();
  return c;
}

// ---- outcome ----

Result<FileChange> add_outcome(const Project& p, const OutcomeSpec& spec) {
  if (!is_slug(spec.id)) {
    return usage(fmt::format("--id '{}' is not an ID: use lower-case letters, digits and hyphens, starting with a letter "
                             "or digit, at most 63 characters",
                             spec.id));
  }
  if (is_reserved_file_name(spec.id)) {
    return usage(fmt::format("--id '{}' is a name Windows reserves for a device (con, prn, aux, nul, com0-9, lpt0-9): "
                             "choose another ID",
                             spec.id));
  }
  const std::string path = "outcomes/" + spec.id + ".yaml";
  if (const OutcomeStatement* o = p.find_outcome(spec.id)) {
    return Error{ErrorKind::cannot_create, fmt::format("outcome '{}' exists already ({}); nothing was written: choose another --id",
                                                       spec.id, shown(p, relative_of(o->src, path)))};
  }
  if (p.is_unusable(FileKind::outcome, spec.id)) {
    return Error{ErrorKind::cannot_create, fmt::format("outcome '{}' exists already ({}); nothing was written: choose another --id",
                                                       spec.id, shown(p, path))};
  }
  const std::pair<const std::string*, const char*> required[] = {{&spec.actor, "--actor"},
                                                                 {&spec.change, "--change"},
                                                                 {&spec.significance, "--significance"},
                                                                 {&spec.contribution, "--contribution"}};
  for (const auto& [value, option] : required) {
    if (Status s = option_text(*value, option); !s) return s.error();
  }
  if (!spec.where.empty()) {
    if (Status s = option_text(spec.where, "--where"); !s) return s.error();
  }
  for (const auto& src : spec.sources) {
    if (Status s = option_text(src, "--source"); !s) return s.error();
  }
  if (Status s = one_of(spec.type, "--type", {"behaviour", "relationship", "action", "policy", "practice"}); !s) return s.error();
  if (Status s = one_of(spec.effect, "--effect", {"positive", "negative"}); !s) return s.error();
  auto when = any_date(spec.when, "--when");
  if (!when) return when.error();
  std::optional<Date> harvested;
  if (!spec.harvested.empty()) {
    auto h = any_date(spec.harvested, "--harvested");
    if (!h) return h.error();
    if (*h < *when) {
      return usage(fmt::format("--harvested {} is before the change (--when {}): an outcome is harvested after it happened",
                               spec.harvested, spec.when));
    }
    harvested = *h;
  }
  struct Refs {
    const std::vector<std::string>* values;
    const char* option;
    std::function<bool(const std::string&)> known;
    std::string where;
  };
  const Refs refs[] = {
      {&spec.events, "--event", [&](const std::string& id) { return p.find_event(id) != nullptr; }, "in events/"},
      {&spec.products, "--product", [&](const std::string& id) { return p.find_product(id) != nullptr; }, "in products/"},
      {&spec.members, "--member", [&](const std::string& id) { return p.find_member(id) != nullptr; }, "in teams/"},
      {&spec.toc_outcomes, "--toc-outcome",
       [&](const std::string& id) {
         if (!p.theory_of_change) return false;
         return std::any_of(p.theory_of_change->outcomes.begin(), p.theory_of_change->outcomes.end(),
                            [&](const TocNode& n) { return n.id == id; });
       },
       "among the outcomes of theory-of-change.yaml"},
  };
  for (const auto& r : refs) {
    for (const auto& id : *r.values) {
      if (!r.known(id)) {
        const char* noun = std::string(r.option) == "--toc-outcome" ? "outcome" : r.option + 2;
        return usage(fmt::format("{} '{}': no {} '{}' {}", r.option, id, noun, id, r.where));
      }
    }
    if (std::string twice = repeated(*r.values); !twice.empty()) {
      return usage(fmt::format("{} '{}' is given twice", r.option, twice));
    }
  }

  std::string text = fmt::format(
      "# yaml-language-server: $schema=../.collab/schemas/outcome.schema.json\n"
      "# Outcome statement added by `collab mel outcome`. Record who confirmed it here, or with\n"
      "# `collab mel substantiate {} --by NAME --verdict confirmed|partly|not-confirmed` (docs/cli.md).\n"
      "id: {}\n",
      spec.id, yaml_string(spec.id));
  text += "actor: " + yaml_string(trim(spec.actor)) + "\n";
  text += "change: " + yaml_string(trim(spec.change)) + "\n";
  text += "when: " + format_date(*when) + "\n";
  if (!spec.where.empty()) text += "where: " + yaml_string(trim(spec.where)) + "\n";
  text += "significance: " + yaml_string(trim(spec.significance)) + "\n";
  text += "contribution: " + yaml_string(trim(spec.contribution)) + "\n";
  text += "type: " + spec.type + "\n";
  text += "effect: " + spec.effect + "\n";
  if (spec.unintended) text += "intended: false\n";
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"events", &spec.events}, {"products", &spec.products}, {"members", &spec.members}};
  for (const auto& [key, values] : lists) {
    if (!values->empty()) text += std::string(key) + ": " + yaml_list(*values) + "\n";
  }
  if (!spec.sources.empty()) {
    text += "sources:\n";
    for (const auto& s : spec.sources) text += "  - " + yaml_string(trim(s)) + "\n";
  }
  if (!spec.toc_outcomes.empty()) text += "toc_outcomes: " + yaml_list(spec.toc_outcomes) + "\n";
  if (harvested) text += "harvested: " + format_date(*harvested) + "\n";

  FileChange c;
  c.path = path;
  c.content = std::move(text);
  c.created = true;
  c.summary = fmt::format("new outcome {} ({} {}{}, {})", shown(p, path), spec.effect, spec.type,
                          spec.unintended ? ", unintended" : "", format_date(*when));
  return c;
}

// ---- substantiate ----

Result<FileChange> substantiate(const Project& p, const OutcomeStatement& o, const std::string& text,
                                const SubstantiationSpec& spec) {
  const std::string path = relative_of(o.src, "outcomes/" + o.id + ".yaml");
  const std::string file = shown(p, path);
  if (Status s = option_text(spec.by, "--by"); !s) return s.error();
  if (!spec.note.empty()) {
    if (Status s = option_text(spec.note, "--note"); !s) return s.error();
  }
  if (Status s = one_of(spec.verdict, "--verdict", {"confirmed", "partly", "not-confirmed"}); !s) return s.error();
  std::optional<Date> date;
  if (!spec.date.empty()) {
    auto d = any_date(spec.date, "--date");
    if (!d) return d.error();
    if (o.when && *d < *o.when) {
      return usage(fmt::format("--date {} is before the outcome ({} when: {}): a substantiation comes after it", spec.date,
                               file, format_date(*o.when)));
    }
    date = *d;
  }
  for (const auto& s : o.substantiations) {
    if (s.by == trim(spec.by) && s.verdict == spec.verdict && s.date == date && s.note == trim(spec.note) &&
        s.independent == spec.independent) {
      return Error{ErrorKind::cannot_create,
                   fmt::format("outcome '{}' has this substantiation already (by {}, {}{}); nothing was written", o.id,
                               s.by, s.verdict, s.date ? " on " + format_date(*s.date) : "")};
    }
  }
  auto editor = YamlEditor::parse(text, file);
  if (!editor) return editor.error();
  std::string item = "by: " + yaml_string(trim(spec.by)) + "\n";
  if (!spec.independent) item += "independent: false\n";
  if (date) item += "date: " + format_date(*date) + "\n";
  item += "verdict: " + spec.verdict + "\n";
  if (!spec.note.empty()) item += "note: " + yaml_string(trim(spec.note)) + "\n";
  if (Status s = append_mapping_item(*editor, "/substantiations", item); !s) return s.error();
  FileChange c;
  c.path = path;
  c.content = editor->text();
  c.summary = fmt::format("outcome '{}': {} by {}{}{} ({})", o.id, spec.verdict, trim(spec.by),
                          spec.independent ? "" : ", not independent", date ? " on " + format_date(*date) : "", file);
  return c;
}

Result<FileChange> substantiate(const Project& p, const SubstantiationSpec& spec) {
  const OutcomeStatement* o = p.find_outcome(spec.outcome);
  if (!o) {
    if (p.outcomes.empty()) return usage(fmt::format("no outcome '{}' in outcomes/ (there are none yet: collab mel outcome adds one)", spec.outcome));
    return usage(fmt::format("no outcome '{}' in outcomes/ (outcomes: {})", spec.outcome, ids_of(p.outcomes)));
  }
  auto text = read_project_file(p, relative_of(o->src, "outcomes/" + o->id + ".yaml"));
  if (!text) return text.error();
  return substantiate(p, *o, *text, spec);
}

// ---- contribute ----

Result<FileChange> record_contribution(const Project& p, const std::string& text, const ContributionSpec& spec) {
  if (!p.resources) {
    return usage("there is no resources.yaml: write it first with the currency contributions are valued in "
                 "(`currency: USD`, docs/format.md)");
  }
  const std::string path = relative_of(p.resources->src, "resources.yaml");
  const std::string file = shown(p, path);
  if (!p.find_member(spec.member)) return usage(fmt::format("no member '{}' in teams/", spec.member));
  if (Status s = one_of(spec.category, "--category", {"hosting", "time", "travel", "expertise"}); !s) return s.error();
  if (spec.hours.empty() == spec.amount.empty()) {
    return usage("give --hours (valued at the category's rate in resources.yaml) or --amount (a value in its currency), one of them");
  }
  std::string value_line;
  std::string what;
  if (!spec.hours.empty()) {
    auto h = amount_of(spec.hours, "--hours");
    if (!h) return h.error();
    value_line = "hours: " + yaml_number(*h) + "\n";
    what = yaml_number(*h) + " hour(s)";
  } else {
    auto a = amount_of(spec.amount, "--amount");
    if (!a) return a.error();
    value_line = "amount: " + yaml_number(*a) + "\n";
    what = yaml_number(*a) + " " + p.resources->currency;
  }
  if (!spec.event.empty() && !p.find_event(spec.event)) return usage(fmt::format("no event '{}' in events/", spec.event));
  std::optional<Date> date;
  if (!spec.date.empty()) {
    auto d = option_date(p, spec.date, "--date");
    if (!d) return d.error();
    date = *d;
  }
  if (!spec.note.empty()) {
    if (Status s = option_text(spec.note, "--note"); !s) return s.error();
  }
  auto editor = YamlEditor::parse(text, file);
  if (!editor) return editor.error();
  std::string item = "member: " + yaml_string(spec.member) + "\n";
  if (!spec.event.empty()) item += "event: " + yaml_string(spec.event) + "\n";
  item += "category: " + spec.category + "\n" + value_line;
  if (date) item += "date: " + format_date(*date) + "\n";
  if (!spec.note.empty()) item += "note: " + yaml_string(trim(spec.note)) + "\n";
  if (Status s = append_mapping_item(*editor, "/in_kind", item); !s) return s.error();
  FileChange c;
  c.path = path;
  c.content = editor->text();
  c.summary = fmt::format("in-kind contribution of '{}' added to {}: {}, {}{}{}", spec.member, file, spec.category, what,
                          spec.event.empty() ? "" : ", event " + spec.event, date ? ", " + format_date(*date) : "");
  return c;
}

Result<FileChange> record_contribution(const Project& p, const ContributionSpec& spec) {
  if (!p.resources) return record_contribution(p, std::string(), spec);
  auto text = read_project_file(p, relative_of(p.resources->src, "resources.yaml"));
  if (!text) return text.error();
  return record_contribution(p, *text, spec);
}

}  // namespace collab::evaluation
