#include "init/templates.h"

#include "core/slug.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <utility>

#include "core/dates.h"

namespace collab::init {
namespace {

// ---------------------------------------------------------------------------------------------------
// YAML text: scalars, comments and a line writer. The files are written by hand (not by an emitter) so
// that they keep their comments and key order.

constexpr size_t kWidth = 100;  // wrap comments and folded scalars at this column

// A YAML double-quoted scalar: backslash and quote escaped, control characters as escapes.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(s[i + 1])));
      ++i;  // a C1 control character, U+0080..U+009F
    } else if (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9" ||
               s.substr(i, 3) == "\xEF\xBB\xBF") {
      // U+2028, U+2029 and U+FEFF: YAML 1.1 readers take the first two for line breaks, the last for a BOM.
      out += c == 0xEF ? "\\uFEFF" : s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

// Words of `text` (separated by spaces) in lines of at most `width` characters; a longer word stands alone.
std::vector<std::string> wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t space = text.find(' ', pos);
    if (space == std::string_view::npos) space = text.size();
    std::string_view word = text.substr(pos, space - pos);
    pos = space + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

class Writer {
 public:
  // Starts a YAML file at `path` (relative to the root) with the schema line for `kind`.
  Writer(std::string_view path, std::string_view kind) {
    std::string up;
    for (char c : path)
      if (c == '/') up += "../";
    out_ = fmt::format("# yaml-language-server: $schema={}.collab/schemas/{}.schema.json\n", up, kind);
  }

  // A comment at `indent`; '\n' separates paragraphs, an empty paragraph gives a bare '#'.
  void comment(size_t indent, std::string_view text) {
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view paragraph = text.substr(pos, end - pos);
      pos = end + 1;
      auto lines = wrap(paragraph, kWidth - indent - 2);
      if (lines.empty()) out_ += std::string(indent, ' ') + "#\n";
      for (const auto& line : lines) out_ += std::string(indent, ' ') + "# " + line + "\n";
    }
  }

  // A commented-out example line, written as is (not wrapped).
  void example(size_t indent, std::string_view line) {
    out_ += std::string(indent, ' ') + "# ";
    out_ += line;
    out_ += '\n';
  }

  void blank() { out_ += '\n'; }

  // `key: rendered`, with an optional trailing comment. A key may start with "- " (a list item).
  void field(size_t indent, std::string_view key, std::string_view rendered, std::string_view note = {}) {
    out_ += std::string(indent, ' ');
    out_ += key;
    out_ += ':';
    if (!rendered.empty()) {
      out_ += ' ';
      out_ += rendered;
    }
    if (!note.empty()) {
      out_ += "  # ";
      out_ += note;
    }
    out_ += '\n';
  }

  // A text value: double-quoted on the key's line when it fits, else a folded block scalar. Only for
  // the templates' own texts (single spaces, no line breaks); user input goes through quote().
  void text(size_t indent, std::string_view key, std::string_view value) {
    std::string quoted = quote(value);
    if (indent + key.size() + 2 + quoted.size() <= kWidth) {
      field(indent, key, quoted);
      return;
    }
    size_t column = indent + (key.substr(0, 2) == "- " ? 2 : 0) + 2;
    field(indent, key, ">-");
    for (const auto& line : wrap(value, kWidth - column)) out_ += std::string(column, ' ') + line + "\n";
  }

  std::string finish() && { return std::move(out_); }

 private:
  std::string out_;
};

std::string number(int n) { return std::to_string(n); }

// ---------------------------------------------------------------------------------------------------
// Dates. Templates place sessions on weekdays and monthly recurrences on days 1-28 (every month has them).

bool weekend(const Date& d) {
  date::weekday wd{date::sys_days{d}};
  return wd == date::Saturday || wd == date::Sunday;
}

// The first day on or after `d` that starts `days` consecutive weekdays.
Date weekdays_from(Date d, int days = 1) {
  for (;;) {
    bool fits = true;
    for (int i = 0; i < days && fits; ++i) fits = !weekend(add_days(d, i));
    if (fits) return d;
    d = add_days(d, 1);
  }
}

// The first weekday on or after `d` whose day of the month is at most 28.
Date monthly_from(Date d) {
  while (weekend(d) || static_cast<unsigned>(d.day()) > 28) d = add_days(d, 1);
  return d;
}

// The day before the same day `months` later: the last day of a span of `months` months from `d`.
Date months_span_end(const Date& d, int months) { return add_days(add_months(d, months), -1); }

// ---------------------------------------------------------------------------------------------------
// What a template fills in. The emitters below turn these into files with the generic explanations;
// `note` fields carry the template's own comments.

struct Phase {
  std::string id, name;
  Date start{}, end{};
  std::string note;
};

struct Goal {
  std::string id, text, measure;
  std::optional<int> target;
  std::optional<Date> by;
};

struct Design {
  std::string purpose, membership, scope;
  std::optional<int> capacity;
  std::string format, facilitation, meeting_frequency, stage;
  std::string note;
};

struct CoreTeam {
  std::vector<std::string> roles;
  int min = 1, max = 1;
  std::string note;
};

struct Collaborative {
  std::string intro;
  std::string focus, focus_note;
  std::string kind;
  Date start{}, end{};
  Design design;
  std::string phases_note;
  std::vector<Phase> phases;
  std::string goals_note;
  std::vector<Goal> goals;
  std::optional<CoreTeam> core_team;
  std::string core_team_note;  // when there is no core_team
  int due_day = 15;
};

struct Gate {
  std::string id, question;
};

struct Criterion {
  std::string id, name, description;
  int weight = 1;
};

struct Rubric {
  std::string note;
  std::vector<Gate> gates;
  std::vector<Criterion> criteria;
  int reviewers_per_eoi = 2;
};

struct Measure {
  std::string id, name, type, category;
  bool core = true;
  std::string numerator, denominator, exclusions, unit;
  std::optional<int> multiplier;
  std::string better;
  std::optional<Period> baseline_from, baseline_to;
  std::optional<int> goal;
  std::string note;
};

struct Event {
  std::string id, name, type, phase;
  Date start{};
  std::string time;  // "HH:MM" for a timed event; empty for an all-day event
  Date end{};        // all-day events: the last day
  int duration_minutes = 0;
  std::string timezone;  // explicit time zone, or empty for the collaborative's
  std::string format;
  std::optional<bool> required;
  std::string frequency;  // recurrence, or empty
  std::optional<Date> until;
  std::string description;
  std::string note;
};

// driver-diagram.yaml: the aim, the drivers and the change package (templates of QI collaboratives).
struct Driver {
  std::string id, name;
  std::vector<std::string> primary;  // secondary drivers: the primary drivers they feed
};

struct ChangeIdea {
  std::string id, name, description;
  std::vector<std::string> drivers, outcome, process, balancing;
};

struct DriverDiagram {
  std::string aim, measure;
  int target = 0;
  Date by{};
  std::vector<Driver> primary, secondary;
  std::vector<ChangeIdea> ideas;
  std::string example_idea;  // the idea the comments use as an example
};

// The evaluation files of a collaborative learning network (monitoring, evaluation and learning):
// theory-of-change.yaml, learning-agenda.yaml, surveys/<id>.yaml and resources.yaml.
struct TocNode {
  std::string id, name, description;
  std::vector<std::string> from;
  std::string level;  // outcomes: member, network or field
};

struct Milestone {
  std::string id, outcome, indicator;
  int target = 0;
  std::string unit, measure;  // both may be empty: a milestone counted by hand
  Date by{};
};

struct TheoryOfChange {
  Date review_by{};
  std::vector<TocNode> activities, outputs, outcomes;
  std::vector<Milestone> milestones;
  std::vector<std::string> example_claim;  // the commented-out example claim, line by line
};

struct Topic {
  std::string id, title, description, proposed_by;
};

struct LearningAgenda {
  std::string method = "dots";
  int dots = 3, max_per_topic = 2;
  std::vector<Topic> topics;
};

struct SurveyItem {
  std::string id, text, type;  // scale, nps or open
  std::optional<int> level;    // Kirkpatrick level
};

struct Survey {
  std::string id, name, description, note;
  std::vector<SurveyItem> items;
};

struct Resources {
  std::string currency;
  std::vector<std::pair<std::string, int>> rates;  // category -> value of an hour
  std::string dominance;
  std::vector<std::string> funders;  // placeholders, one funding line each for the start year
  int year = 0;
};

struct Scaffold {
  Collaborative collaborative;
  std::optional<Rubric> rubric;
  std::optional<DriverDiagram> diagram;
  std::optional<TheoryOfChange> theory;
  std::optional<LearningAgenda> agenda;
  std::vector<Survey> surveys;
  std::optional<Resources> resources;
  std::vector<Measure> measures;
  std::vector<Event> events;
  std::string readme_design;             // a paragraph of README.md on the template's design
  std::vector<std::string> readme_next;  // template-specific next steps, after the common ones
};

// ---------------------------------------------------------------------------------------------------
// Emitters.

std::string emit_collaborative(const Collaborative& c, const Options& o) {
  Writer w("collab.yaml", "collaborative");
  w.comment(0,
            "collab.yaml: the collaborative itself. Its presence marks the collaborative's root folder; "
            "the other files live beside it (rubric.yaml) or in sub-folders (events/, measures/, teams/, "
            "eois/, ...).");
  w.comment(0, c.intro);
  w.comment(0,
            "Edit the values below (focus, sponsors, faculty, dates), then run `collab validate`. Keys are "
            "described in .collab/schemas/collaborative.schema.json.");
  w.blank();
  w.comment(0, "The collaborative's ID: a slug (a-z, 0-9 and '-', at most 63 characters).");
  w.field(0, "id", o.id);
  w.field(0, "name", quote(o.name));
  w.comment(0, c.focus_note);
  w.text(0, "focus", c.focus);
  w.comment(0,
            "learning-collaborative, action-learning-collaborative, qi-collaborative, learning-community, "
            "community-of-practice or collaborative-learning-network.");
  w.field(0, "kind", c.kind);
  w.comment(0, "The template this folder was scaffolded from (custom when it is no longer close to it).");
  w.field(0, "model", o.template_name);
  w.blank();
  w.comment(0,
            "Who funds or convenes the collaborative (often several). None yet: add one entry per sponsor, "
            "for example:");
  w.example(0, "sponsors:");
  w.example(0, "  - name: \"State Department of Health\"");
  w.example(0,
            "    type: public-agency  # or association, foundation, federal-agency, network, ministry, ...");
  w.blank();
  w.comment(0,
            "The collaborative's span, first and last day. Phases, events, baselines, data periods, "
            "attendance and network surveys must fall inside it.");
  w.field(0, "start", format_date(c.start));
  w.field(0, "end", format_date(c.end));
  w.comment(0, "IANA time zone. Times of events that name no time zone of their own are local to it.");
  w.field(0, "timezone", o.timezone);
  w.blank();
  w.comment(0, "Design features: what kind of collaborative this is and how it runs.");
  if (!c.design.note.empty()) w.comment(0, c.design.note);
  const Design& d = c.design;
  w.field(0, "design", "");
  w.field(2, "purpose", d.purpose, "topic, evidence-based-practice or cross-system");
  w.field(2, "membership", d.membership, "open, or closed (members are selected, e.g. through EOIs)");
  w.field(2, "scope", d.scope, "within-agency, across-agencies or across-systems");
  if (d.capacity) w.field(2, "capacity", number(*d.capacity), "the most teams the collaborative takes");
  w.field(2, "format", d.format, "in-person, virtual or hybrid");
  w.field(2, "facilitation", d.facilitation, "designated or rotating");
  w.field(2, "meeting_frequency", d.meeting_frequency, "weekly, biweekly, monthly or quarterly");
  w.field(2, "stage", d.stage, "getting-started, growing or sustaining: update it as you go");
  w.blank();
  w.comment(0, c.phases_note);
  w.field(0, "phases", "");
  for (const auto& p : c.phases) {
    if (!p.note.empty()) w.comment(2, p.note);
    w.field(2, "- id", p.id);
    w.field(4, "name", quote(p.name));
    w.field(4, "start", format_date(p.start));
    w.field(4, "end", format_date(p.end));
  }
  w.blank();
  w.comment(0, c.goals_note);
  w.field(0, "goals", "");
  for (const auto& g : c.goals) {
    w.field(2, "- id", g.id);
    w.text(4, "text", g.text);
    if (!g.measure.empty()) w.field(4, "measure", g.measure, "a measure ID from measures/");
    if (g.target) w.field(4, "target", number(*g.target), "in the measure's unit");
    if (g.by) w.field(4, "by", format_date(*g.by));
  }
  w.blank();
  if (c.core_team) {
    w.comment(0,
              "Core-team rules: `collab validate` warns about an active team that lacks a required role "
              "or has fewer or more members than allowed. Roles are slugs given to members in "
              "teams/<id>.yaml.");
    if (!c.core_team->note.empty()) w.comment(0, c.core_team->note);
    w.field(0, "core_team", "");
    std::string roles;
    for (const auto& r : c.core_team->roles) roles += (roles.empty() ? "" : ", ") + r;
    w.field(2, "required_roles", "[" + roles + "]");
    w.field(2, "min_members", number(c.core_team->min));
    w.field(2, "max_members", number(c.core_team->max));
  } else {
    w.comment(0, c.core_team_note);
  }
  w.blank();
  w.comment(0,
            "Data: each team reports the core data set (measures/) once a month in data/<team>.yaml. "
            "due_day is the day of the following month by which a month's data are due (1-28); later "
            "submissions are reported as late.");
  w.field(0, "data", "");
  w.field(2, "due_day", number(c.due_day));
  w.blank();
  w.comment(0,
            "The people who run the collaborative: faculty, facilitators, coaches, reviewers, the network "
            "manager. Reviews (reviews/<eoi>/<reviewer>.yaml) and assessments name them by ID, and a "
            "reviewer needs the reviewer role. None yet: add them like this:");
  w.example(0, "faculty:");
  w.example(0, "  - id: jdoe");
  w.example(0, "    name: \"Jane Doe\"");
  w.example(0, "    email: jdoe@example.org");
  w.example(0, "    roles: [faculty, reviewer]  # or facilitator, coach, network-manager, data-manager, ...");
  return std::move(w).finish();
}

std::string emit_rubric(const Rubric& r) {
  Writer w("rubric.yaml", "rubric");
  w.comment(0,
            "rubric.yaml: how reviewers judge each expression of interest (eois/<id>.yaml). A review, "
            "reviews/<eoi>/<reviewer>.yaml, answers every gate with true or false and scores every "
            "criterion between its min and max.");
  w.comment(0, r.note);
  w.blank();
  w.comment(0, "Gates: yes/no requirements. An EOI that fails a gate is not scored.");
  w.field(0, "gates", "");
  for (const auto& g : r.gates) {
    w.field(2, "- id", g.id);
    w.text(4, "question", g.question);
  }
  w.blank();
  w.comment(0,
            "Criteria: what reviewers score. weight is the criterion's relative weight in an EOI's score "
            "(only the ratios between weights matter); min and max bound the scores.");
  w.field(0, "criteria", "");
  for (const auto& c : r.criteria) {
    w.field(2, "- id", c.id);
    w.text(4, "name", c.name);
    w.text(4, "description", c.description);
    w.field(4, "weight", number(c.weight));
    w.field(4, "min", "1");
    w.field(4, "max", "5");
  }
  w.blank();
  w.comment(0, "How many reviewers should score each EOI.");
  w.field(0, "reviewers_per_eoi", number(r.reviewers_per_eoi));
  return std::move(w).finish();
}

std::string emit_measure(const std::string& path, const Measure& m) {
  Writer w(path, "measure");
  w.comment(0,
            "A measure. Teams report it for each month in data/<team>.yaml: {numerator, denominator} for "
            "proportions and rates, {value} for counts and continuous measures, {missing: reason} when "
            "they cannot.");
  w.comment(0, m.note);
  w.blank();
  w.field(0, "id", m.id);
  w.text(0, "name", m.name);
  w.field(0, "type", m.type, "proportion, rate, count or continuous");
  w.field(0, "category", m.category, "outcome, process or balancing");
  w.field(
      0, "core", m.core ? "true" : "false",
      m.core ? "part of the core data set: every team reports it" : "optional: teams report it if they wish");
  if (!m.numerator.empty()) {
    w.comment(0, "The operational definition: what is counted (numerator), out of what (denominator).");
    w.text(0, "numerator", m.numerator);
    w.text(0, "denominator", m.denominator);
  }
  if (!m.exclusions.empty()) w.text(0, "exclusions", m.exclusions);
  if (m.multiplier) w.comment(0, "Values are shown as numerator / denominator x multiplier, in unit.");
  if (!m.unit.empty()) w.text(0, "unit", m.unit);
  if (m.multiplier) w.field(0, "multiplier", number(*m.multiplier));
  w.field(0, "better", m.better, "higher or lower: the direction of improvement");
  if (m.baseline_from && m.baseline_to) {
    w.comment(0,
              "Baseline: the months (YYYY-MM) improvement is measured against. They must lie inside the "
              "collaborative's span.");
    w.field(0, "baseline", "");
    w.field(2, "from", format_period(*m.baseline_from));
    w.field(2, "to", format_period(*m.baseline_to));
  }
  if (m.goal) w.field(0, "goal", number(*m.goal), m.multiplier ? "in unit, after the multiplier" : "");
  return std::move(w).finish();
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : ", ") + x;
  return "[" + out + "]";
}

std::string emit_driver_diagram(const DriverDiagram& d) {
  Writer w("driver-diagram.yaml", "driver-diagram");
  w.comment(0,
            "The collaborative's theory of change: the aim, the drivers that lead to it and the change "
            "package, the ideas teams test. Edit it with the faculty and the teams, before learning "
            "session 1; `collab validate` checks that every driver and measure it names exists.");
  w.blank();
  w.comment(0,
            "The aim: what will improve, for whom, by how much and by when. Make it specific, measurable "
            "and time-bound: `measure` names the outcome measure (measures/<id>.yaml) that judges it, "
            "`target` the value that meets it (in the measure's unit) and `by` the date.");
  w.field(0, "aim", "");
  w.text(2, "text", d.aim);
  w.field(2, "measure", d.measure);
  w.field(2, "target", number(d.target));
  w.field(2, "by", format_date(d.by));
  w.blank();
  w.comment(0,
            "Primary drivers: the few parts of the system that must change for the aim to be met. Each "
            "needs a secondary driver or a change idea that acts on it.");
  w.field(0, "primary_drivers", "");
  for (const auto& x : d.primary) {
    w.field(2, "- id", x.id);
    w.text(4, "name", x.name);
  }
  w.blank();
  w.comment(0,
            "Secondary drivers: the places in the system where a change acts on a primary driver; "
            "`primary` lists the primary drivers each one feeds.");
  w.field(0, "secondary_drivers", "");
  for (const auto& x : d.secondary) {
    w.field(2, "- id", x.id);
    w.text(4, "name", x.name);
    w.field(4, "primary", flow_list(x.primary));
  }
  w.blank();
  w.comment(0,
            "The change package: concrete changes teams test in small Plan-Do-Study-Act (PDSA) cycles. "
            "Each names the drivers it acts on and the measures that tell whether it works, in three "
            "families: outcome (is the system better for the people it serves?), process (is the change "
            "carried out as planned?) and balancing (is it making something else worse?).");
  w.comment(0,
            fmt::format("A team lists the ideas it works on in teams/<id>.yaml (change_ideas: [{}]) and may "
                        "add ideas of its own there (own_ideas; an idea's ID is unique across the "
                        "collaborative). It logs each cycle in pdsa/<team>/<id>.yaml: the objective and "
                        "prediction, the plan, what was done, what was learned, and the decision (adopt, "
                        "adapt or abandon). Cycles linked by builds_on form a ramp.",
                        d.example_idea));
  w.field(0, "change_ideas", "");
  for (const auto& x : d.ideas) {
    w.field(2, "- id", x.id);
    w.text(4, "name", x.name);
    if (!x.description.empty()) w.text(4, "description", x.description);
    w.field(4, "drivers", flow_list(x.drivers));
    w.field(4, "measures", "");
    if (!x.outcome.empty()) w.field(6, "outcome", flow_list(x.outcome));
    if (!x.process.empty()) w.field(6, "process", flow_list(x.process));
    if (!x.balancing.empty()) w.field(6, "balancing", flow_list(x.balancing));
  }
  return std::move(w).finish();
}

void emit_nodes(Writer& w, const std::vector<TocNode>& nodes) {
  for (const auto& n : nodes) {
    w.field(2, "- id", n.id);
    w.text(4, "name", n.name);
    if (!n.description.empty()) w.text(4, "description", n.description);
    if (!n.from.empty()) w.field(4, "from", flow_list(n.from));
    if (!n.level.empty()) w.field(4, "level", n.level, "member, network or field");
  }
}

std::string emit_theory_of_change(const TheoryOfChange& t) {
  Writer w("theory-of-change.yaml", "theory-of-change");
  w.comment(0,
            "theory-of-change.yaml: how the network expects to make a difference. Activities (what the "
            "network does) lead to outputs (what they produce), and outputs lead to outcomes (the changes "
            "the network contributes to) in the members, in the network itself and in the field beyond it. "
            "Milestones are early signs of progress; claims say, with their evidence, along which links "
            "the network made a difference.");
  w.comment(0,
            "What follows is a starting point: rewrite it with the members once the learning agenda is "
            "set. `collab validate` checks that every ID it names exists and that the links run from "
            "activities to outputs to outcomes; `collab metrics` and `collab report` show the milestones "
            "and the claims. Keys are described in .collab/schemas/theory-of-change.schema.json.");
  w.blank();
  w.comment(0,
            "When the theory of change is next to be revisited with the members: here about six months in, "
            "during the virtual exchange. `collab metrics --check` reports the review once the date has "
            "passed. After a review, add `reviewed:` with its date and move review_by on.");
  w.field(0, "review_by", format_date(t.review_by));
  w.blank();
  w.comment(0,
            "Activities: what the network does. Every activity, output and outcome has an ID (a slug, "
            "unique across the three lists), a name and an optional description. Activities come first: "
            "nothing leads to them, so they have no `from`.");
  w.field(0, "activities", "");
  emit_nodes(w, t.activities);
  w.blank();
  w.comment(0,
            "Outputs: what the activities directly produce, which the network controls and can count. "
            "`from` lists the activities that lead to each output.");
  w.field(0, "outputs", "");
  emit_nodes(w, t.outputs);
  w.blank();
  w.comment(0,
            "Outcomes: the changes the network contributes to but does not control. `level` says whose "
            "change it is: member (the members and their organizations), network (the network itself: "
            "ties, trust, members who help steer it) or field (beyond the network: other countries, "
            "partners, policy). `from` lists the outputs, or other outcomes, that lead to each outcome.");
  w.field(0, "outcomes", "");
  emit_nodes(w, t.outcomes);
  w.blank();
  w.comment(0,
            "Milestones: checkable signs, along the way, that an outcome is coming. `outcome` names an "
            "outcome above; `indicator` says what is counted, `target` the value to reach (`unit`: in what) "
            "and `by` the date. `measure` ties a milestone to a measure of measures/ whose data track it; "
            "a milestone without one is counted by hand. Once known, add `actual` (the latest value) and "
            "`met` (the date the target was reached): a milestone past its `by` without `met` is "
            "reported overdue.");
  w.field(0, "milestones", "");
  for (const auto& m : t.milestones) {
    w.field(2, "- id", m.id);
    w.field(4, "outcome", m.outcome);
    w.text(4, "indicator", m.indicator);
    w.field(4, "target", number(m.target));
    if (!m.unit.empty()) w.text(4, "unit", m.unit);
    if (!m.measure.empty()) w.field(4, "measure", m.measure, "a measure ID from measures/");
    w.field(4, "by", format_date(m.by));
  }
  w.blank();
  w.comment(0,
            "Claims (contribution analysis, Mayne 2012): once evidence comes in, say how the network "
            "contributed to an outcome. A claim tells the contribution story in one sentence, names its "
            "outcome and the links of this file it relies on: from -> to, where `to` lists `from` in its "
            "own `from`. Each link carries its evidence (`kind`: outcome, survey, measure, product or "
            "network, and the ID of that file) and the other explanations considered, each with a status: "
            "ruled-out (the evidence excludes it), partly (it explains part of the change) or open (not "
            "yet examined). collab shows what supports each claim and its weakest link; whether the story "
            "holds is for people to judge.");
  w.comment(0, "None yet. An example, whose IDs all exist in this folder:");
  for (const auto& line : t.example_claim) w.example(0, line);
  return std::move(w).finish();
}

std::string emit_learning_agenda(const LearningAgenda& a) {
  Writer w("learning-agenda.yaml", "learning-agenda");
  w.comment(0,
            "learning-agenda.yaml: the topics the network will learn about, set with the members. Members "
            "and stakeholder groups propose topics, everyone votes, and the facilitators mark the winners "
            "agreed and list the events that serve them. Keys are described in "
            ".collab/schemas/learning-agenda.schema.json.");
  w.blank();
  w.comment(0,
            "How the vote works. dots: each voter spreads `dots` dots over the topics they want, at most "
            "`max_per_topic` on one topic, and a topic's score is the dots it received. borda: each voter "
            "ranks the topics instead, first choice first; with n topics a ballot gives n - 1 points to "
            "its first choice, n - 2 to the next, and so on. Dots are quick to run in a session; a ranking "
            "says more about each voter's order of preference.");
  w.comment(0,
            "Ties: topics with the same score are ranked by breadth, the topic backed by more stakeholder "
            "groups first, then by more voters: broad support wins over a few voters' strong "
            "preference. `collab metrics --section agenda` shows the tally.");
  w.field(0, "method", a.method, "dots or borda");
  w.field(0, "dots", number(a.dots), "dots per voter");
  w.field(0, "max_per_topic", number(a.max_per_topic), "the most dots one voter may put on one topic");
  w.blank();
  w.comment(0,
            "The topics. These are examples to start the conversation: replace them with the members' own "
            "proposals before the vote. Each has an ID (a slug), a title, an optional description, who "
            "proposed it (`proposed_by`: a member, or a stakeholder group, with `group`) and a status: "
            "proposed (when absent), agreed or dropped. An agreed topic lists the events that serve it, "
            "e.g. `events: [virtual-exchange]`.");
  w.field(0, "topics", "");
  for (const auto& t : a.topics) {
    w.field(2, "- id", t.id);
    w.text(4, "title", t.title);
    if (!t.description.empty()) w.text(4, "description", t.description);
    if (!t.proposed_by.empty()) w.text(4, "proposed_by", t.proposed_by);
    w.field(4, "status", "proposed", "proposed, agreed or dropped");
  }
  w.blank();
  w.comment(0,
            "The ballots, one per voter (a member or faculty ID). Add them with `collab mel vote`, which "
            "checks each against the rules above: `collab mel vote --voter ID --dot TOPIC=2 --dot TOPIC` "
            "(dots), or `--rank TOPIC,TOPIC,...` (borda). A ballot's `group` is the voter's stakeholder "
            "group (the voter's organization when absent).");
  w.field(0, "votes", "[]");
  return std::move(w).finish();
}

std::string emit_survey(const std::string& path, const Survey& s) {
  Writer w(path, "survey");
  w.comment(0,
            "A survey: the questions participants answer, here after an event. Its responses live in "
            "responses/<survey>.yaml, one per person and event; `collab metrics` and `collab report` show "
            "the response rates (against the attendance files) and the answers, item by item and by "
            "Kirkpatrick level.");
  w.comment(0, s.note);
  w.blank();
  w.field(0, "id", s.id);
  w.text(0, "name", s.name);
  w.text(0, "description", s.description);
  w.blank();
  w.comment(0,
            "No `events`: the survey may be about any event. To limit it, list the event IDs, e.g. "
            "`events: [virtual-exchange, learning-forum]`. A follow-up survey (months later: what did you "
            "apply?) adds `follow_up_days`, and collab reports it as due that many days after each of its "
            "events.");
  w.blank();
  w.comment(0,
            "The items. type: scale (a whole number from min to max, higher is better), nps (0-10: how "
            "likely are you to recommend...; gives the Net Promoter Score) or open (free text). level is "
            "the Kirkpatrick level the item speaks to: 1 reaction (did they value it?), 2 learning (did "
            "they learn?), 3 behaviour (did they apply it?), 4 results (did things change?). Keep the item "
            "IDs once responses come in: answers are filed under them.");
  w.field(0, "items", "");
  for (const auto& i : s.items) {
    w.field(2, "- id", i.id);
    w.text(4, "text", i.text);
    w.field(4, "type", i.type);
    if (i.type == "scale") {
      w.field(4, "min", "1");
      w.field(4, "max", "5");
    }
    if (i.level) w.field(4, "level", number(*i.level));
  }
  return std::move(w).finish();
}

std::string emit_resources(const Resources& r) {
  Writer w("resources.yaml", "resources");
  w.comment(0,
            "resources.yaml: what the network runs on. Funding by funder and year, and the members' "
            "in-kind contributions (hosting, time, travel, expertise), so that the network can show that "
            "it does not hang on one funder and what its members put in. Keys are described in "
            ".collab/schemas/resources.schema.json.");
  w.blank();
  w.comment(0, "The currency of every amount: an ISO 4217 code such as USD, EUR or KES.");
  w.field(0, "currency", r.currency);
  w.comment(0,
            "The value of an hour of in-kind contribution, by category (hosting, time, travel, "
            "expertise): contributions given in hours are valued at these rates. Set them to what your "
            "funders accept.");
  w.field(0, "rates", "");
  for (const auto& [category, rate] : r.rates) w.field(2, category, number(rate));
  w.comment(0,
            "Funding concentration: collab sums each funder's share of the funding, squared (the "
            "Herfindahl-Hirschman index, HHI: 1 when one funder pays everything, 1/N when N funders pay "
            "equal shares), and a funder whose share is above `dominance` is reported as dominant.");
  w.field(0, "dominance", r.dominance, "a share, 0 to 1");
  w.blank();
  w.comment(0,
            "Funding: one line per funder, year and grant (`funder`, `year`, `amount`, optional `note`). "
            "Funders are grouped by their name as written: write one funder's name the same way every "
            "time.");
  if (r.year >= 1900 && r.year <= 2200) {
    w.comment(0,
              "The lines below are placeholders: put in the funders' names and amounts, and add a line per "
              "funder for each later year. Two funders, not one: a network that several funders (and its "
              "members) pay for does not stop when one of them does.");
    w.field(0, "funding", "");
    for (const auto& f : r.funders) {
      w.text(2, "- funder", f);
      w.field(4, "year", number(r.year));
      w.field(4, "amount", "0", "edit: the grant for the year");
    }
  } else {
    w.comment(0,
              "A funding year is between 1900 and 2200, and this collaborative starts later: no placeholder "
              "lines. Add them like this:");
    w.example(0, "funding:");
    for (const auto& f : r.funders) {
      w.example(0, "  - funder: " + quote(f));
      w.example(0, "    year: 2200");
      w.example(0, "    amount: 0");
    }
    w.field(0, "funding", "[]");
  }
  w.blank();
  w.comment(0,
            "In-kind contributions of the members: `member` (a member ID), `category`, `hours` (valued at "
            "the category's rate) or `amount` (a stated value, which wins over hours), and optional "
            "`event`, `date` and `note`. Add them with `collab mel contribute`, e.g. `collab mel "
            "contribute --member ID --category time --hours 6 --event virtual-exchange`.");
  w.field(0, "in_kind", "[]");
  return std::move(w).finish();
}

std::string emit_event(const std::string& path, const Event& e) {
  Writer w(path, "event");
  w.comment(0,
            "An event of the collaborative. Who attended is recorded in attendance/<id>.yaml (one file per "
            "occurrence of a recurring event, with its date).");
  w.comment(0, e.note);
  w.blank();
  w.field(0, "id", e.id);
  w.text(0, "name", e.name);
  w.comment(0,
            "informational-call, learning-session, action-period, consultation-call, webinar, teach-back, "
            "congress, prework, meeting or other.");
  w.field(0, "type", e.type);
  if (!e.phase.empty()) w.field(0, "phase", e.phase, "a phase ID from collab.yaml");
  if (e.time.empty()) {
    w.comment(0, "An all-day event: start and end are its first and last day.");
    w.field(0, "start", format_date(e.start));
    w.field(0, "end", format_date(e.end));
  } else {
    w.comment(0, e.frequency.empty()
                     ? "A timed event: start is the local date and time (YYYY-MM-DDTHH:MM); duration_minutes "
                       "its length."
                     : "A timed event: start is the local date and time (YYYY-MM-DDTHH:MM) of the first "
                       "occurrence; duration_minutes the length of each.");
    w.field(0, "start", format_date(e.start) + "T" + e.time);
    w.field(0, "duration_minutes", number(e.duration_minutes));
  }
  if (!e.timezone.empty()) {
    w.field(0, "timezone", e.timezone, "the time zone of start");
  } else if (!e.time.empty()) {
    w.comment(0, "No timezone: the time is local to the collaborative's time zone (collab.yaml).");
  }
  w.field(0, "format", e.format, "in-person, virtual or hybrid");
  if (e.format == "virtual") {
    w.example(0, "url: \"https://...\"  # the meeting link, once you have it");
  } else {
    w.example(0, "location: \"Venue, street, city\"  # once it is booked");
  }
  if (e.required)
    w.field(0, "required", *e.required ? "true" : "false",
            *e.required ? "every team's core team is expected to attend" : "optional for teams");
  if (!e.frequency.empty()) {
    w.comment(0,
              "Repeats from start at this frequency until the given date (inclusive); `count: N` instead "
              "of until sets the number of occurrences.");
    w.field(0, "recurrence", "");
    w.field(2, "frequency", e.frequency, "weekly, biweekly or monthly");
    if (e.until) w.field(2, "until", format_date(*e.until));
  }
  w.text(0, "description", e.description);
  return std::move(w).finish();
}

// Markdown text wrapped at kWidth: the first line starts with `first`, the others with `rest`.
std::string paragraph(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out;
  auto lines = wrap(text, kWidth - first.size());
  for (size_t i = 0; i < lines.size(); ++i) out += std::string(i == 0 ? first : rest) + lines[i] + "\n";
  return out;
}

std::string emit_readme(const Options& o, const Scaffold& s, const std::vector<File>& files,
                        const TemplateInfo& info) {
  auto list = [&](std::string_view folder) {
    std::string ids;
    for (const auto& f : files) {
      if (f.path.compare(0, folder.size(), folder) != 0) continue;
      std::string id = f.path.substr(folder.size(), f.path.size() - folder.size() - 5);
      ids += (ids.empty() ? "" : ", ") + ("`" + id + "`");
    }
    return ids;
  };
  std::string_view title = o.name;  // trimmed: trailing spaces would be a Markdown line break
  while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
  while (!title.empty() && title.front() == ' ') title.remove_prefix(1);
  std::string out = "# " + std::string(title) + "\n\n";
  out +=
      paragraph(fmt::format("This folder is a collaborative kept by `collab`, scaffolded with `collab init "
                            "--template {}` ({}).",
                            o.template_name, info.summary),
                "", "");
  out += "\n" + paragraph(s.readme_design, "", "") + "\n";
  out += "## Layout\n\n";
  out += paragraph(
      "Every YAML file explains itself in comments; its first line names its JSON Schema in "
      "`.collab/schemas/`, so an editor with the YAML language server checks and completes it. "
      "A file's name is its ID: `teams/bayside.yaml` says `id: bayside`.",
      "", "");
  out += "\n| path | holds |\n|---|---|\n";
  out +=
      "| `collab.yaml` | the collaborative: focus, dates, time zone, design, phases, goals, core-team rules, "
      "faculty |\n";
  if (s.rubric)
    out += "| `rubric.yaml` | how expressions of interest are judged: gates and weighted criteria |\n";
  if (s.diagram)
    out += "| `driver-diagram.yaml` | the aim, the primary and secondary drivers, and the change package "
           "teams test |\n";
  out += "| `measures/<id>.yaml` | the data set, one measure per file: " + list("measures/") + " |\n";
  out += "| `events/<id>.yaml` | the calendar, one event per file: " + list("events/") + " |\n";
  out += "| `organizations/<id>.yaml` | member organizations, added as they join |\n";
  out += "| `eois/<id>.yaml` | expressions of interest, one per applicant |\n";
  out += "| `reviews/<eoi>/<reviewer>.yaml` | one reviewer's gate answers and scores for one EOI |\n";
  out += "| `teams/<id>.yaml` | a team: its organization, status, goals, members and their roles |\n";
  if (s.diagram)
    out += "| `pdsa/<team>/<id>.yaml` | one PDSA cycle of a team: plan, prediction, what was done and "
           "learned, the decision |\n";
  out += "| `attendance/<id>.yaml` | who attended one event (or one occurrence of a recurring one) |\n";
  out += "| `data/<team>.yaml` | one team's monthly values of the measures |\n";
  out += "| `assessments/<team>.yaml` | faculty's monthly progress ratings of one team (0.5-5.0) |\n";
  out += "| `network/<wave>.yaml` | one wave of the network survey: ties between members |\n";
  if (s.theory)
    out += "| `theory-of-change.yaml` | activities, outputs and outcomes (member, network, field), "
           "milestones, contribution claims |\n";
  if (s.agenda)
    out += "| `learning-agenda.yaml` | the topics members propose, their votes, the topics agreed |\n";
  if (!s.surveys.empty()) {
    out += "| `surveys/<id>.yaml` | feedback surveys: items, their scale and Kirkpatrick level: " +
           list("surveys/") + " |\n";
    out += "| `responses/<survey>.yaml` | the responses to one survey, imported with `collab mel import` |\n";
  }
  if (s.resources)
    out += "| `resources.yaml` | funding by funder and year, members' in-kind contributions |\n";
  out += "| `.collab/schemas/` | the JSON Schemas of these files (do not edit) |\n\n";
  out += paragraph("Only these folders are read; other files (notes, exports) are left alone.", "", "");
  out += "\n## Next steps\n\n";
  std::vector<std::string> steps = {
      "Edit `collab.yaml`: the focus, sponsors and faculty; check the phases' dates.",
      "Check the dates, times and places in `events/`, and adapt the definitions in `measures/`."};
  if (s.diagram)
    steps.push_back(
        "Agree the aim and the change package in `driver-diagram.yaml` with the faculty; teams list the ideas "
        "they test in `teams/<id>.yaml` and log each PDSA cycle in `pdsa/<team>/<id>.yaml`.");
  steps.insert(steps.end(), s.readme_next.begin(), s.readme_next.end());
  if (s.agenda)
    steps.push_back(
        "Replace the example topics in `learning-agenda.yaml` with the members' proposals and record each "
        "ballot with `collab mel vote`; mark the winners `agreed`.");
  if (s.theory)
    steps.push_back(
        "Rewrite `theory-of-change.yaml` with the members: the activities, outputs and outcomes, and the "
        "milestones that show progress; revisit it by its `review_by` date.");
  if (!s.surveys.empty())
    steps.push_back(
        "Send the feedback survey in `surveys/` after each session and bring the form's CSV export in with "
        "`collab mel import`.");
  if (s.resources)
    steps.push_back(
        "Put the funders and amounts in `resources.yaml`, and record members' in-kind contributions with "
        "`collab mel contribute`.");
  for (size_t i = 0; i < steps.size(); ++i) out += paragraph(steps[i], fmt::format("{}. ", i + 1), "   ");
  out += "\n## Commands\n\n";
  out += paragraph(
      "`collab validate` checks every file against its schema and the references between files "
      "(event -> phase, goal -> measure, dates inside the span, ...). Run it after every edit.",
      "- ", "  ");
  out += paragraph(
      "`collab enroll` turns an organization into a team (see `collab enroll --help`); "
      "`collab --help` lists the other commands.",
      "- ", "  ");
  if (s.theory)
    out += paragraph(
        "`collab metrics` and `collab report` show the milestones, the feedback, the agenda's vote and the "
        "funding; `collab mel` records ballots, survey responses, outcome statements and in-kind "
        "contributions (see `collab mel --help`).",
        "- ", "  ");
  out += paragraph(
      "Keep the folder in git (`git init`, `git add .`, `git commit`): with one file per entity, "
      "several people can edit at once and merge cleanly.",
      "- ", "  ");
  return out;
}

// The git files of a new collaborative (docs/git.md explains them). Fixed text: no option changes them.
std::string emit_gitignore() {
  return "# Files collab may leave in this folder that do not belong in git (written by `collab init`).\n"
         "#\n"

         "# Temporary files of collab's atomic writes (.NAME.RANDOM.tmp): left behind only when collab is\n"
         "# killed mid-write, and safe to delete.\n"
         ".*.tmp\n"
         "# Exports made from the files, such as blind review packets\n"
         "# (`collab score-eoi --packets packets`) and reports: regenerate them rather than commit them.\n"
         "/packets/\n"
         "/reports/\n";
}

std::string emit_gitattributes() {
  return "# How git stores this collaborative's files (written by `collab init`).\n"
         "#\n"
         "# YAML, Markdown and the JSON Schemas: text with LF line endings in the repository and in every\n"
         "# checkout, whatever the platform, so that diffs stay clean and collab reads the same bytes.\n"
         "*.yaml text eol=lf\n"
         "*.yml text eol=lf\n"
         "*.md text eol=lf\n"
         "*.json text eol=lf\n"
         "# CSV files (spreadsheet imports and exports) are kept byte for byte: spreadsheets and RFC 4180\n"
         "# use CRLF, and converting line endings on commit or checkout would change the file.\n"
         "*.csv -text\n";
}

// ---------------------------------------------------------------------------------------------------
// The templates.

Event learning_session(std::string id, std::string name, std::string phase, Date start, int days,
                       std::string description) {
  Event e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = "learning-session";
  e.phase = std::move(phase);
  e.start = start;
  e.end = add_days(start, days - 1);
  e.format = "in-person";
  e.required = true;
  e.description = std::move(description);
  return e;
}

Event timed(std::string id, std::string name, std::string type, std::string phase, Date start,
            std::string time, int minutes, std::string format, bool required, std::string description) {
  Event e;
  e.id = std::move(id);
  e.name = std::move(name);
  e.type = std::move(type);
  e.phase = std::move(phase);
  e.start = start;
  e.time = std::move(time);
  e.duration_minutes = minutes;
  e.format = std::move(format);
  e.required = required;
  e.description = std::move(description);
  return e;
}

const char* const kProportionNote =
    "Adapt the definitions to your practice before teams submit data: a definition that changes midway "
    "breaks the run charts.";

Measure proportion(std::string id, std::string name, std::string category, std::string numerator,
                   std::string denominator, std::string better, int goal) {
  Measure m;
  m.id = std::move(id);
  m.name = std::move(name);
  m.type = "proportion";
  m.category = std::move(category);
  m.numerator = std::move(numerator);
  m.denominator = std::move(denominator);
  m.unit = "percent";
  m.multiplier = 100;
  m.better = std::move(better);
  m.goal = goal;
  m.note = kProportionNote;
  return m;
}

Measure count(std::string id, std::string name, std::string type, std::string category, std::string unit,
              std::string better, std::string note) {
  Measure m;
  m.id = std::move(id);
  m.name = std::move(name);
  m.type = std::move(type);
  m.category = std::move(category);
  m.unit = std::move(unit);
  m.better = std::move(better);
  m.note = std::move(note);
  return m;
}

// NCTSN learning collaborative (seed 003): pre-work, three two-day learning sessions over about 12
// months (months 1, 5 and 10), action periods between them, monthly consultation calls.
Scaffold nctsn(const Date& start) {
  Scaffold s;
  Collaborative& c = s.collaborative;
  c.start = start;
  c.end = months_span_end(start, 12);
  Date ls1 = weekdays_from(add_months(start, 1), 2);
  Date ls2 = weekdays_from(add_months(start, 5), 2);
  Date ls3 = weekdays_from(add_months(start, 10), 2);
  c.intro =
      "Template nctsn-learning-collaborative: a learning collaborative as the National Child Traumatic "
      "Stress Network (NCTSN) runs them. Teams from several organizations adopt one evidence-based "
      "practice over about 12 months: a pre-work phase, three two-day in-person learning sessions with "
      "action periods between them, monthly consultation calls, and a core data set reported monthly.";
  c.focus_note = "What the collaborative learns and acts on: name the practice and the population it serves.";
  c.focus =
      "Adopt an evidence-based trauma treatment (edit: name it) in routine care for children and families "
      "who have experienced trauma, and sustain it after the collaborative ends.";
  c.kind = "learning-collaborative";
  c.design = {"evidence-based-practice",
              "closed",
              "across-agencies",
              12,
              "hybrid",
              "designated",
              "monthly",
              "getting-started",
              "Hybrid: the learning sessions are in person, the consultation calls by phone or video. "
              "Membership is closed: organizations apply in an application period (eois/) before start, "
              "and faculty select them with rubric.yaml."};
  c.phases_note =
      "The phases, in order and without gaps. An event names its phase by ID. The two-day learning "
      "sessions are phases of their own, between the action periods.";
  c.phases = {
      {"prework", "Pre-work", start, add_days(ls1, -1),
       "Teams form their core team, learn the core data set, write their aim and submit baseline data."},
      {"ls1", "Learning session 1", ls1, add_days(ls1, 1), "Two days in person: the practice and the model."},
      {"ap1", "Action period 1", add_days(ls1, 2), add_days(ls2, -1),
       "Teams test changes in their setting, report data monthly, join the consultation calls."},
      {"ls2", "Learning session 2", ls2, add_days(ls2, 1), ""},
      {"ap2", "Action period 2", add_days(ls2, 2), add_days(ls3, -1), ""},
      {"ls3", "Learning session 3", ls3, add_days(ls3, 1), ""},
      {"ap3", "Action period 3 and sustainability", add_days(ls3, 2), c.end,
       "Teams spread what works and plan how to sustain the practice."},
  };
  c.goals_note =
      "The collaborative's goals. A goal may name a measure (measures/<id>.yaml), its target and the date "
      "to reach it by. Teams set goals of their own in teams/<id>.yaml.";
  c.goals = {
      {"screening", "Screen at least 90% of new clients for trauma at intake.", "trauma-screening", 90,
       c.end},
      {"reach", "Start at least 60% of eligible clients on the practice within 30 days of a positive screen.",
       "practice-reach", 60, c.end},
      {"sustain", "Every team has a written plan to sustain the practice after the collaborative ends.", "",
       std::nullopt, c.end},
  };
  c.core_team = CoreTeam{
      {"senior-leader", "supervisor", "clinician"},
      3,
      8,
      "NCTSN core team: a senior leader, a clinical supervisor and clinicians (applications have asked for 3 "
      "to 5 members, at most 8). Also give one member the data-manager role and one the contact role."};
  c.due_day = 15;

  s.rubric = Rubric{
      "The NCTSN criteria for inclusion: readiness to adopt the practice, willingness to use the core data "
      "set and submit metrics, ability to assemble a core team, ability to send it to all learning "
      "sessions. Scores run from 1 (weak) to 5 (strong).",
      {{"core-data-set", "Will the organization use the core data set and submit its metrics every month?"},
       {"all-learning-sessions", "Can the organization send its core team to all three learning sessions?"}},
      {{"readiness", "Readiness to adopt the practice",
        "Leadership support, clients who need the practice, and staff time and funding to adopt it.", 3},
       {"core-team", "Ability to assemble a core team",
        "A senior leader, a clinical supervisor and clinicians are named, can commit the time, and have the "
        "authority to change how services are delivered.",
        2},
       {"data-capacity", "Capacity to report the core data set",
        "A named data manager; the numerators and denominators can be counted from the organization's "
        "records every month.",
        2},
       {"fit", "Fit with the practice",
        "The organization serves the population the practice is designed for, in numbers large enough to "
        "use it.",
        1}},
      2};

  Period baseline = period_of(start);
  auto with_baseline = [&](Measure m) {
    m.baseline_from = baseline;
    m.baseline_to = baseline;
    return m;
  };
  Measure screening = with_baseline(proportion(
      "trauma-screening", "New clients screened for trauma", "process",
      "New clients in the month screened with a standardized trauma screening tool within 30 days of intake.",
      "New clients with an intake in the month.", "higher", 90));
  screening.exclusions = "Clients who left services before their first clinical appointment.";
  s.measures.push_back(screening);
  Measure reach = with_baseline(proportion(
      "practice-reach", "Eligible clients who started the practice", "process",
      "Clients in the denominator who had a first session of the practice within 30 days of the screen.",
      "Clients who screened positive in the month and are eligible for the practice.", "higher", 60));
  reach.exclusions = "Clients referred to a higher level of care.";
  s.measures.push_back(reach);
  s.measures.push_back(with_baseline(proportion(
      "symptom-improvement", "Clients with clinically meaningful symptom improvement", "outcome",
      "Clients in the denominator whose score on the standardized symptom measure fell by at least the "
      "clinically meaningful amount between the first and the last assessment.",
      "Clients who completed the practice in the month with a first and a last symptom assessment.", "higher",
      70)));
  s.measures.push_back(with_baseline(proportion(
      "early-dropout", "Clients who dropped out early", "balancing",
      "Clients in the denominator who attended fewer than four sessions of the practice.",
      "Clients who started the practice and whose treatment episode ended in the month.", "lower", 20)));
  for (auto& m : s.measures)
    m.note += " The baseline is the first month (the pre-work phase); widen it if teams can report more.";

  s.diagram = DriverDiagram{
      "By the end of the collaborative, at least 70% of clients who complete the practice show clinically "
      "meaningful symptom improvement (edit: name the practice and the population).",
      "symptom-improvement",
      70,
      c.end,
      {{"identification", "Clients who need the practice are identified", {}},
       {"access", "Clients start the practice soon after they are identified", {}},
       {"fidelity", "The practice is delivered with fidelity to the end", {}}},
      {{"screening-at-intake", "A standardized screen in the intake workflow", {"identification"}},
       {"referral-pathway", "A pathway from a positive screen to a trained clinician", {"access"}},
       {"client-engagement", "Clients and caregivers engaged until the practice is complete",
        {"access", "fidelity"}},
       {"clinical-consultation", "Regular consultation and supervision on cases", {"fidelity"}}},
      {{"screen-every-intake", "Screen every new client at intake with the standardized tool",
        "The intake worker completes the screen with the client or caregiver, not as a form in the packet.",
        {"screening-at-intake"}, {}, {"trauma-screening"}, {}},
       {"first-session-in-a-week", "Offer a first session within a week of a positive screen", "",
        {"referral-pathway"}, {}, {"practice-reach"}, {"early-dropout"}},
       {"engagement-call", "An engagement call with the caregiver before the first session", "",
        {"client-engagement"}, {"symptom-improvement"}, {}, {"early-dropout"}},
       {"case-consultation", "Bring a case to every consultation call", "", {"clinical-consultation"},
        {"symptom-improvement"}, {}, {}}},
      "screen-every-intake"};

  s.events.push_back(timed("prework-call", "Pre-work kick-off call", "prework", "prework",
                           weekdays_from(add_days(start, 7)), "12:00", 90, "virtual", true,
                           "Kick-off of the pre-work phase: expectations of the teams, the core data set and "
                           "how to submit baseline data, preparation for learning session 1."));
  s.events.push_back(learning_session(
      "learning-session-1", "Learning session 1", "ls1", ls1, 2,
      "Two days in person: the practice and its evidence, skills practice with the faculty, the model for "
      "improvement, and each team's plan for action period 1."));
  s.events.push_back(learning_session(
      "learning-session-2", "Learning session 2", "ls2", ls2, 2,
      "Two days in person: advanced skills, what teams learned in action period 1, their data so far."));
  s.events.push_back(learning_session(
      "learning-session-3", "Learning session 3", "ls3", ls3, 2,
      "Two days in person: results, spread within each organization, and plans to sustain the practice."));
  Event calls = timed("consultation-calls", "Monthly consultation call", "consultation-call", "",
                      monthly_from(add_days(ls1, 15)), "12:00", 60, "virtual", true,
                      "Case consultation with the faculty by phone or video: clinicians bring cases, teams "
                      "share progress, barriers and data.");
  calls.frequency = "monthly";
  calls.until = c.end;
  calls.note =
      "A recurring event: this one file stands for every call. It has no phase because it spans the action "
      "periods. "
      "The calls start after learning session 1, on a weekday no later than the 28th (every month has it).";
  s.events.push_back(calls);
  for (auto& e : s.events)
    if (e.type == "learning-session")
      e.note =
          "The template places each two-day session on weekdays around its month (1, 5, 10 after start).";

  s.readme_design =
      "The design follows the NCTSN learning collaborative: teams (a senior leader, a supervisor, "
      "clinicians) from several organizations adopt one practice over about 12 months: pre-work, three "
      "two-day learning sessions with action periods between them, monthly consultation calls, and a core "
      "data set every team reports monthly.";
  s.readme_next = {
      "Before start: hold optional informational calls and an application period; record each application "
      "in `eois/` and have reviewers score it with `rubric.yaml` in `reviews/<eoi>/`.",
      "Notify the selected organizations, enroll their teams, and begin the pre-work.",
  };
  return s;
}

// IHI Breakthrough Series: pre-work, LS1, AP1, LS2, AP2, LS3, AP3, then a summative congress.
Scaffold breakthrough(const Date& start) {
  Scaffold s;
  Collaborative& c = s.collaborative;
  c.start = start;
  Date ls1 = weekdays_from(add_months(start, 2), 2);
  Date ls2 = weekdays_from(add_months(start, 5), 2);
  Date ls3 = weekdays_from(add_months(start, 8), 2);
  Date congress = weekdays_from(add_months(start, 11));
  c.end = congress;
  c.intro =
      "Template breakthrough-series: the IHI Breakthrough Series, a quality improvement collaborative. "
      "Teams spread a known better practice by testing changes (PDSA cycles) between three learning "
      "sessions: pre-work, LS1, AP1, LS2, AP2, LS3, AP3, then a summative congress where teams share "
      "their results. The collaborative ends with the congress.";
  c.focus_note = "The topic and the aim: what the teams will improve, for whom, by how much, by when.";
  c.focus =
      "Close the gap between what is known to work and what is done (edit: name the topic, e.g. reducing "
      "waiting times), through a change package that teams test and adapt in their own setting.";
  c.kind = "qi-collaborative";
  c.design = {"evidence-based-practice",
              "closed",
              "across-agencies",
              25,
              "hybrid",
              "designated",
              "monthly",
              "getting-started",
              "Learning sessions are in person; monthly all-team calls and reports are virtual."};
  c.phases_note =
      "The Breakthrough Series timeline, in order and without gaps. An event names its phase by ID. The "
      "summative congress (events/congress.yaml) closes the collaborative on its last day.";
  c.phases = {
      {"prework", "Pre-work", start, add_days(ls1, -1),
       "Teams form, agree on their aim, set up monthly measurement and collect baseline data."},
      {"ls1", "Learning session 1", ls1, add_days(ls1, 1), ""},
      {"ap1", "Action period 1", add_days(ls1, 2), add_days(ls2, -1),
       "Teams test changes from the change package in PDSA cycles and report their measures monthly."},
      {"ls2", "Learning session 2", ls2, add_days(ls2, 1), ""},
      {"ap2", "Action period 2", add_days(ls2, 2), add_days(ls3, -1), ""},
      {"ls3", "Learning session 3", ls3, add_days(ls3, 1), ""},
      {"ap3", "Action period 3", add_days(ls3, 2), add_days(congress, -1),
       "Teams implement what works and plan its spread."},
  };
  c.goals_note =
      "The collaborative's aims. A goal may name a measure (measures/<id>.yaml), its target and the date to "
      "reach it by. Teams write their own aims in teams/<id>.yaml.";
  c.goals = {
      {"aim", "Reach the aim's outcome for at least 75% of the population of focus.", "aim-outcome", 75,
       congress},
      {"reliability",
       "Deliver every element of the change package to at least 95% of the population of focus.",
       "change-package-reliability", 95, congress},
  };
  c.core_team =
      CoreTeam{{"system-leader", "technical-expert", "day-to-day-leader"},
               3,
               8,
               "A Breakthrough Series team: a system leader (authority to make change), a technical "
               "expert and a day-to-day leader who drives the work; give one member the contact "
               "role."};
  c.due_day = 15;

  s.rubric = Rubric{
      "Organizations apply before start; faculty select teams that can commit. Scores run from 1 (weak) to 5 "
      "(strong).",
      {{"senior-sponsor", "Does a senior leader sponsor the team's participation and its aim?"},
       {"monthly-reports", "Will the team test changes between sessions and report its measures monthly?"},
       {"all-learning-sessions", "Can the team attend all three learning sessions and the congress?"}},
      {{"leadership", "Senior leadership commitment",
        "The aim is aligned with the organization's strategic goals; leaders will remove barriers and spread "
        "what works.",
        3},
       {"team", "Team composition",
        "A system leader, a technical expert and a day-to-day leader are named and have time for the work.",
        2},
       {"aim", "Draft aim", "How much improvement, by when, for whom: specific and ambitious.", 2},
       {"measurement", "Measurement capacity",
        "The team can collect its measures monthly from existing systems.", 1}},
      2};

  Period from = period_of(start), to = period_of(add_months(start, 1));
  auto with_baseline = [&](Measure m) {
    m.baseline_from = from;
    m.baseline_to = to;
    m.note += " The baseline is the first two months (pre-work).";
    return m;
  };
  s.measures.push_back(with_baseline(proportion(
      "aim-outcome", "Population of focus reaching the aim's outcome", "outcome",
      "People in the denominator who reached the outcome named in the aim (edit: e.g. blood pressure under "
      "control).",
      "People in the population of focus seen in the month.", "higher", 75)));
  s.measures.push_back(with_baseline(
      proportion("change-package-reliability", "Reliable delivery of the change package", "process",
                 "People in the denominator who received every element of the change package (all or none).",
                 "People in the population of focus seen in the month.", "higher", 95)));
  Measure overtime = count("staff-overtime", "Staff overtime per full-time equivalent", "rate", "balancing",
                           "hours per FTE", "lower",
                           "A balancing measure: it watches for harm done elsewhere by the changes, so it "
                           "has no goal.");
  overtime.numerator = "Overtime hours worked by the staff of the unit in the month.";
  overtime.denominator = "Full-time equivalents of the unit's staff in the month.";
  overtime.multiplier = 1;
  s.measures.push_back(with_baseline(overtime));

  s.diagram = DriverDiagram{
      "By the summative congress, at least 75% of the population of focus reach the outcome named in the "
      "aim (edit: the outcome, the population and the setting).",
      "aim-outcome",
      75,
      congress,
      {{"reliable-care", "Every element of the change package delivered reliably", {}},
       {"engagement", "People engaged in their own care", {}},
       {"leadership", "Leadership and a culture of testing and learning", {}}},
      {{"standard-work", "Standard work for each element of the change package", {"reliable-care"}},
       {"roles-and-handoffs", "Clear roles and hand-offs in the care team", {"reliable-care"}},
       {"self-management", "Support for self-management between visits", {"engagement"}},
       {"data-for-improvement", "Leaders and teams review their data together", {"leadership"}}},
      {{"visit-checklist", "A checklist of the change package's elements at every visit", "",
        {"standard-work"}, {"aim-outcome"}, {"change-package-reliability"}, {"staff-overtime"}},
       {"daily-huddle", "A daily huddle on who needs what today", "", {"roles-and-handoffs"}, {},
        {"change-package-reliability"}, {"staff-overtime"}},
       {"self-management-goal", "A self-management goal agreed at each visit", "", {"self-management"},
        {"aim-outcome"}, {}, {}},
       {"monthly-data-review", "Leaders review the team's run charts with it every month", "",
        {"data-for-improvement"}, {}, {"change-package-reliability"}, {}}},
      "visit-checklist"};

  s.events.push_back(timed("prework-webinar", "Pre-work webinar", "prework", "prework",
                           weekdays_from(add_days(start, 14)), "13:00", 90, "virtual", true,
                           "The Model for Improvement, the change package, writing the aim, and setting up "
                           "monthly measurement before learning session 1."));
  s.events.push_back(learning_session(
      "learning-session-1", "Learning session 1", "ls1", ls1, 2,
      "Two days in person: the change package from the faculty, the Model for Improvement, and the first "
      "PDSA cycles each team will run in action period 1."));
  s.events.push_back(learning_session("learning-session-2", "Learning session 2", "ls2", ls2, 2,
                                      "Two days in person: teams share what they tested and their run "
                                      "charts; faculty teach what comes next."));
  s.events.push_back(
      learning_session("learning-session-3", "Learning session 3", "ls3", ls3, 2,
                       "Two days in person: results, reliability and spread; plans for action period 3."));
  Event calls = timed("all-team-calls", "Monthly all-team call", "webinar", "",
                      monthly_from(add_days(ls1, 16)), "13:00", 60, "virtual", true,
                      "All-collaborative call in the action periods: teams share PDSA cycles and data, "
                      "faculty teach a topic.");
  calls.frequency = "monthly";
  calls.until = add_days(congress, -1);
  calls.note =
      "A recurring event: this one file stands for every call. It spans the action periods, so it has no "
      "phase.";
  s.events.push_back(calls);
  Event summit;
  summit.id = "congress";
  summit.name = "Summative congress";
  summit.type = "congress";
  summit.start = summit.end = congress;
  summit.format = "in-person";
  summit.required = true;
  summit.description =
      "Teams present their results and what they learned to each other and to others who want to spread "
      "the changes.";
  summit.note = "The last day of the collaborative, after action period 3 (so it has no phase).";
  s.events.push_back(summit);
  for (auto& e : s.events)
    if (e.type == "learning-session")
      e.note = "The template places each two-day session on weekdays around its month (2, 5, 8 after start).";

  s.readme_design =
      "The design follows the IHI Breakthrough Series: teams test a change package in PDSA cycles between "
      "three learning sessions (pre-work, LS1, AP1, LS2, AP2, LS3, AP3) and report outcome, process and "
      "balancing measures monthly; a summative congress closes the collaborative.";
  s.readme_next = {
      "Before start: record applications in `eois/` and score them with `rubric.yaml` in "
      "`reviews/<eoi>/`.",
      "Enroll the selected teams; each writes its aim in `teams/<id>.yaml`.",
  };
  return s;
}

// CHS action learning collaborative (seed 000): four onsite sessions over nine months, webinars, a
// capstone project per team, a teach-back at the final session.
Scaffold action_learning(const Date& start) {
  Scaffold s;
  Collaborative& c = s.collaborative;
  c.start = start;
  c.end = months_span_end(start, 9);
  Date ls1 = weekdays_from(start);
  Date ls2 = weekdays_from(add_months(start, 3));
  Date ls3 = weekdays_from(add_months(start, 6));
  Date ls4 = weekdays_from(add_months(start, 8));
  c.intro =
      "Template action-learning: an action learning collaborative in the style of the Center for Health "
      "Strategies (CHS). Interprofessional teams of three to five people learn together in four onsite "
      "sessions over nine months, with webinars and coaching between them; each team works on a capstone "
      "project and presents it in a teach-back at the final session.";
  c.focus_note = "The general focus; each team sets its own learning and action goals within it.";
  c.focus =
      "Strengthen the competencies of interprofessional teams for collaboration and leadership (edit: name "
      "your focus), and turn what they learn into action through a capstone project.";
  c.kind = "action-learning-collaborative";
  c.design = {"topic",
              "closed",
              "across-systems",
              8,
              "hybrid",
              "designated",
              "monthly",
              "getting-started",
              "Onsite learning sessions, monthly webinars online. Teams come from health care, public health "
              "and other community organizations."};
  c.phases_note =
      "The phases, one per learning cycle, in order and without gaps; each starts with an onsite session. "
      "An event names its phase by ID.";
  c.phases = {
      {"define", "Cycle 1: define goals", start, add_days(ls2, -1),
       "Teams define their learning and action goals and choose their capstone project."},
      {"plan", "Cycle 2: plan the capstone", ls2, add_days(ls3, -1), ""},
      {"act", "Cycle 3: act", ls3, add_days(ls4, -1), ""},
      {"share", "Teach-back and wrap-up", ls4, c.end, ""},
  };
  c.goals_note =
      "The collaborative's goals. Each team also defines its own goals for learning and action in "
      "teams/<id>.yaml (goals:). Capstone guidance for teams: pick a real challenge or opportunity that "
      "affects your organization or community, small enough to act on in nine months; define what success "
      "looks like, track it monthly (measures/), and prepare the teach-back: what you did, what changed, "
      "what you learned.";
  c.goals = {
      {"capstone", "Every team completes a capstone project and presents it in the teach-back.", "",
       std::nullopt, c.end},
      {"competencies", "Every member reports stronger interprofessional collaboration and leadership skills.",
       "", std::nullopt, c.end},
  };
  c.core_team =
      CoreTeam{{"team-lead"},
               3,
               5,
               "Interprofessional teams of three to five people, from more than one profession; one "
               "member leads the team. Add the contact role to whoever receives the messages."};
  c.due_day = 15;

  s.rubric = Rubric{
      "Applications from teams. Scores run from 1 (weak) to 5 (strong).",
      {{"interprofessional",
        "Does the proposed team have three to five members from more than one profession?"},
       {"onsite-sessions", "Can the team attend all four onsite learning sessions?"}},
      {{"capstone-idea", "Capstone idea",
        "A real challenge or opportunity in the organization or community that a capstone project can "
        "address "
        "in nine months.",
        3},
       {"team", "Team composition",
        "An interprofessional mix of roles that matter to the capstone, with time to work together.", 2},
       {"support", "Organizational support",
        "Leaders support the team's time and the changes the capstone needs.", 2},
       {"learning-goals", "Learning goals", "Clear goals for what the team members want to learn.", 1}},
      2};

  s.measures.push_back(
      count("capstone-milestones", "Capstone milestones reached", "count", "process", "milestones", "higher",
            "Each team's capstone plan lists its milestones; report how many were reached in "
            "the month."));
  s.measures.push_back(count(
      "people-reached", "People reached by the capstone project", "count", "outcome", "people", "higher",
      "People served or affected by the capstone project's changes in the month, as the "
      "team defines them in its capstone plan."));
  Measure hours =
      count("capstone-hours", "Team hours spent on the capstone", "continuous", "balancing", "hours", "lower",
            "A balancing measure: the time the capstone takes from the team's other work. It has "
            "no goal; watch it.");
  hours.core = false;
  s.measures.push_back(hours);

  s.events.push_back(
      learning_session("learning-session-1", "Learning session 1", "define", ls1, 1,
                       "Onsite: faculty presentations on the focus, facilitated peer learning, "
                       "and each team's goals and capstone idea."));
  s.events.push_back(learning_session("learning-session-2", "Learning session 2", "plan", ls2, 1,
                                      "Onsite: teams present their capstone plans and get feedback from "
                                      "faculty and peers."));
  s.events.push_back(learning_session("learning-session-3", "Learning session 3", "act", ls3, 1,
                                      "Onsite: progress, obstacles and data; peer coaching for the last "
                                      "months."));
  s.events.push_back(
      learning_session("learning-session-4", "Learning session 4", "share", ls4, 1,
                       "Onsite: the final session, with the teams' teach-back presentations."));
  Event webinars = timed("webinars", "Monthly webinar", "webinar", "", monthly_from(add_days(ls1, 21)),
                         "12:00", 60, "virtual", false,
                         "Between the sessions: a faculty presentation or a peer exchange on a topic the "
                         "teams ask for, with coaching and data, tools and technical assistance.");
  webinars.frequency = "monthly";
  webinars.until = add_days(ls4, -1);
  webinars.note =
      "A recurring event: this one file stands for every webinar. It spans the cycles, so it has no phase.";
  s.events.push_back(webinars);
  s.events.push_back(timed("teach-back", "Capstone teach-back", "teach-back", "share", ls4, "13:00", 180,
                           "in-person", true,
                           "Each team presents its capstone project: what it did, its accomplishments, "
                           "insights and lessons learned."));
  s.events.back().note = "The afternoon of the final learning session.";
  for (auto& e : s.events)
    if (e.type == "learning-session")
      e.note = "A one-day onsite session; the template puts the four on weekdays at months 0, 3, 6 and 8.";

  s.readme_design =
      "The design follows a CHS action learning collaborative: interprofessional teams of three to five "
      "people meet in four onsite learning sessions over nine months, with webinars and coaching between "
      "them; each team carries out a capstone project and presents it in a teach-back at the final session.";
  s.readme_next = {
      "Before start: record each team's application in `eois/` and score it with `rubric.yaml`.",
      "Enroll the teams; each writes its goals and capstone plan in `teams/<id>.yaml`.",
  };
  return s;
}

// R4D collaborative learning network (seed 004): an EOI process (informational call, EOI deadline),
// onboarding, a six-month virtual exchange, and synthesis into knowledge products.
Scaffold cln(const Date& start, const std::string& timezone) {
  Scaffold s;
  Collaborative& c = s.collaborative;
  c.start = start;
  c.end = months_span_end(start, 9);
  Date eoi_end = months_span_end(start, 1);
  Date exchange = add_months(start, 2);
  Date synthesis = add_months(start, 8);
  c.intro =
      "Template cln: a collaborative learning network (CLN) as Results for Development (R4D) designs them. "
      "Members from several countries or systems opt in through expressions of interest (EOIs), agree on a "
      "joint learning agenda, and learn from each other in a six-month rapid-cycle virtual exchange; the "
      "facilitators capture the learning in knowledge products.";
  c.focus_note = "The shared challenge the members want to solve, and the value the network offers them.";
  c.focus =
      "Peer learning among implementers and policymakers on a shared challenge (edit: name it), to adapt "
      "and apply what works in each member's own context.";
  c.kind = "collaborative-learning-network";
  c.design = {"cross-system",
              "closed",
              "across-systems",
              10,
              "virtual",
              "designated",
              "biweekly",
              "getting-started",
              "Membership is by EOI: teams, not lone individuals, with members who have the authority to "
              "decide and commit resources. Sessions are biweekly; set meeting_frequency to monthly (and "
              "the recurrence in events/virtual-exchange.yaml) for a lighter rhythm."};
  c.phases_note =
      "The phases, in order and without gaps. The EOI phase ends on the EOI deadline: its end date is the "
      "last day to submit. An event names its phase by ID.";
  c.phases = {
      {"eoi", "Expressions of interest", start, eoi_end,
       "Informational call, then members submit short written EOIs (eois/) until the deadline."},
      {"onboarding", "Selection and onboarding", add_months(start, 1), add_days(exchange, -1),
       "Review EOIs with rubric.yaml, notify members, scope the topic and agree on a joint learning agenda."},
      {"exchange", "Virtual exchange", exchange, add_days(synthesis, -1),
       "Six months of biweekly virtual sessions: experience sharing, problem solving, co-creation."},
      {"synthesis", "Synthesis and knowledge products", synthesis, c.end,
       "Capture the learning in toolkits, briefs and case studies; plan what comes next."},
  };
  c.goals_note =
      "The network's goals. A goal may name a measure (measures/<id>.yaml), its target and the date to reach "
      "it by. Teams set goals of their own in teams/<id>.yaml.";
  c.goals = {
      {"learning-agenda", "Agree on a joint learning agenda with the members before the exchange starts.", "",
       std::nullopt, add_days(exchange, -1)},
      {"apply", "At least half the members apply something they learned in their own context each month.",
       "learning-applied", 50, c.end},
      {"knowledge-products",
       "Package what the network learned as practical knowledge products (briefs, toolkits, case studies).",
       "", std::nullopt, c.end},
  };
  c.core_team = CoreTeam{
      {"senior-leader", "contact"},
      2,
      8,
      "Teams from a country or institution, with a senior leader who can decide and commit resources, and a "
      "contact. Members also record their engagement level in teams/<id>.yaml (engagement:): passenger "
      "(along for the ride, joins to touch the surface and mingle), deep-diver (goes deep on a focused set "
      "of priorities) or crew (helps steer the network and has more time to give). Offer each a right-sized "
      "way to take part."};
  c.due_day = 15;

  s.rubric = Rubric{
      "R4D's EOI process: match member demand with the learning opportunity and assemble teams with the "
      "right stakeholders. Scores run from 1 (weak) to 5 (strong).",
      {{"team", "Does the EOI propose a team rather than a single individual?"},
       {"authority",
        "Does the team include members with the authority to make decisions and commit resources?"}},
      {{"composition", "Stakeholder composition",
        "The right change agents from the parts of the system the learning agenda needs.", 3},
       {"timeliness", "Timeliness and relevance",
        "The learning opportunity matches a current priority in the member's context.", 2},
       {"demand", "Genuine demand",
        "Specific objectives; the member opted in because it wants to act on the learning.", 2},
       {"apply-at-home", "Capacity to apply at home",
        "The team can share, adapt and apply the learning at home and brief its senior leaders.", 1}},
      2};

  Measure applied = proportion(
      "learning-applied", "Members who applied what they learned", "outcome",
      "Members of the team who applied something learned in the network in their own work during the month.",
      "Members of the team active in the month.", "higher", 50);
  applied.note += " Teams report it from the exchange onwards; earlier months can be marked missing.";
  s.measures.push_back(applied);
  s.measures.push_back(count(
      "implementation-steps", "Implementation steps completed at home", "count", "process", "steps", "higher",
      "Steps of the team's implementation plan completed in its own country or system in "
      "the month."));
  Measure exchanges =
      count("peer-exchanges", "Peer exchanges with other members", "count", "process", "exchanges", "higher",
            "Calls, visits or shared documents with other member teams outside the scheduled "
            "sessions. Optional: it feeds the network's monitoring, evaluation and learning.");
  exchanges.core = false;
  s.measures.push_back(exchanges);

  const char* tz_note =
      "Members join from several time zones, so each event carries its own timezone: start is local to "
      "it. Choose a time inside everyone's working day.";
  Event info = timed("informational-call", "Informational call", "informational-call", "eoi",
                     weekdays_from(add_days(start, 7)), "14:00", 60, "virtual", false,
                     "Facilitators present the network's vision, the learning opportunity and what members "
                     "commit to, and answer questions, so that members can judge the fit before they submit "
                     "an EOI.");
  Event sessions = timed("virtual-exchange", "Virtual exchange session", "learning-session", "exchange",
                         weekdays_from(exchange), "14:00", 90, "virtual", true,
                         "Interactive peer learning and problem solving on the learning agenda: experience "
                         "sharing, country pairings, collaborative problem-solving, co-creation.");
  sessions.frequency = "biweekly";
  sessions.until = add_days(synthesis, -1);
  Event forum = timed("learning-forum", "Learning forum", "webinar", "synthesis",
                      weekdays_from(add_days(synthesis, 14)), "14:00", 120, "virtual", false,
                      "Members and facilitators present the network's knowledge products and their "
                      "implementation progress to peers, policymakers and partners.");
  for (Event* e : {&info, &sessions, &forum}) {
    e->timezone = timezone;
    e->note = tz_note;
  }
  sessions.note += " Every two weeks for six months; for monthly sessions set frequency: monthly.";
  s.events = {info, sessions, forum};

  TheoryOfChange toc;
  toc.review_by = add_months(start, 6);
  toc.activities = {
      {"virtual-exchanges", "Virtual exchanges",
       "Biweekly virtual sessions on the learning agenda's topics: experience sharing, country pairings, "
       "collaborative problem solving.",
       {}, ""},
      {"technical-facilitation", "Technical facilitation",
       "Facilitators frame each topic with evidence and members' experience, and support teams between "
       "sessions.",
       {}, ""},
      {"knowledge-products", "Co-creation of knowledge products",
       "Facilitators and members write up what the network learned as toolkits, briefs and case studies.",
       {}, ""},
  };
  toc.outputs = {
      {"peer-solutions", "Members share and adapt solutions to the shared challenge",
       "Teams bring their problems and leave with approaches that worked for peers.",
       {"virtual-exchanges", "technical-facilitation"}, ""},
      {"peer-ties", "Members of different countries and agencies know whom to call", "",
       {"virtual-exchanges"}, ""},
      {"products-published", "Knowledge products published", "", {"knowledge-products"}, ""},
  };
  toc.outcomes = {
      {"apply-at-home", "Members apply what they learned in their own context",
       "Teams change a practice, a process or a policy at home using what they learned from peers.",
       {"peer-solutions"}, "member"},
      {"network-cohesion", "A trusted network the members help steer", "", {"peer-ties"}, "network"},
      {"field-uptake", "Others beyond the network use its knowledge products",
       "Countries, agencies and partners outside the network take up what it learned.",
       {"products-published", "apply-at-home"}, "field"},
  };
  toc.milestones = {
      {"half-applying", "apply-at-home",
       "Share of active members who applied something they learned during the month", 50, "percent",
       "learning-applied", add_days(synthesis, -1)},
      {"first-products", "field-uptake", "Knowledge products published", 2, "", "", c.end},
  };
  toc.example_claim = {
      "claims:",
      "  - id: exchanges-to-application",
      "    claim: \"Solutions shared in the exchanges helped members change their practice at home.\"",
      "    outcome: apply-at-home",
      "    links:",
      "      - from: virtual-exchanges",
      "        to: peer-solutions",
      "        evidence:",
      "          - {kind: survey, id: event-feedback}  # what participants said after the sessions",
      "      - from: peer-solutions",
      "        to: apply-at-home",
      "        evidence:",
      "          - {kind: measure, id: learning-applied}",
      "        alternatives:",
      "          - explanation: \"A reform already under way at home would have brought the change anyway.\"",
      "            status: open  # ruled-out, partly or open",
  };
  s.theory = toc;

  s.agenda = LearningAgenda{
      "dots",
      3,
      2,
      {{"diagnosing-bottlenecks", "Diagnosing where implementation stalls",
        "Where the shared challenge gets stuck in each member's system, and how to measure it.",
        "facilitators"},
       {"adapting-solutions", "Adapting a peer's solution to another context",
        "What to keep, what to change and whom to involve when a solution travels.", "facilitators"},
       {"engaging-decision-makers", "Making the case to senior decision-makers",
        "Briefing ministers, finance and senior leaders so that reforms get decided and funded.",
        "facilitators"}}};

  s.surveys.push_back(Survey{
      "event-feedback",
      "Post-event feedback",
      "Four questions on a 1-5 scale, one on recommending the sessions and an open one, sent the day "
      "after each session; about three minutes.",
      "Send it after each session (a form tool is fine), then bring the answers in with `collab mel import "
      "EXPORT.csv --survey event-feedback`: one CSV row per response, with an `id` column (the form's "
      "response ID), an `event` column (the event ID, or `--event ID` for the whole file), optional "
      "`member` or `email` and `submitted`, and one column per item, named by its ID. Importing the same "
      "export again changes nothing.",
      {{"relevant", "The session was relevant to my team's work.", "scale", 1},
       {"well-run", "The session was well facilitated and a good use of my time.", "scale", 1},
       {"learned", "I learned something I can apply in my own context.", "scale", 2},
       {"confident", "I can explain what I learned to colleagues at home.", "scale", 2},
       {"recommend", "How likely are you to recommend the network's sessions to a colleague?", "nps", 1},
       {"improve", "What one thing would make the next session more useful?", "open", std::nullopt}}});

  s.resources = Resources{"USD",
                          {{"time", 40}, {"expertise", 120}},
                          "0.5",
                          {"Lead funder (edit: name it)", "Co-funder (edit: name it)"},
                          static_cast<int>(start.year())};

  s.readme_design =
      "The design follows R4D's collaborative learning networks: members opt in through expressions of "
      "interest after an informational call; a six-month virtual exchange of biweekly sessions across time "
      "zones follows; facilitators capture the learning as knowledge products. Members take part at their "
      "own engagement level: passengers, deep-divers or crew.";
  s.readme_next = {
      "Hold the informational call; record each EOI in `eois/` before the EOI deadline (the end of the "
      "`eoi` phase) and score it with `rubric.yaml` in `reviews/<eoi>/`.",
      "Enroll the selected teams, agree on the learning agenda, and adjust the time zones of the events.",
  };
  return s;
}

// Community of practice (seed 002): open membership, monthly meetings, rotating facilitation.
Scaffold community(const Date& start) {
  Scaffold s;
  Collaborative& c = s.collaborative;
  c.start = start;
  c.end = months_span_end(start, 12);
  Date growing = add_months(start, 3), sustaining = add_months(start, 9);
  Date kickoff = weekdays_from(start);
  c.intro =
      "Template community-of-practice: people who share a concern or a passion about a topic and deepen "
      "their knowledge by interacting on an ongoing basis. Membership is open, the community meets monthly "
      "and members take turns facilitating. There is no selection, so there is no rubric.yaml.";
  c.focus_note = "The shared concern, problem or topic that brings the members together.";
  c.focus = "Share practice, questions and solutions on a common topic (edit: name it).";
  c.kind = "community-of-practice";
  c.design = {"topic",
              "open",
              "across-agencies",
              std::nullopt,
              "virtual",
              "rotating",
              "monthly",
              "getting-started",
              "Open membership: people join and leave at any time, so there is no capacity. Facilitation "
              "rotates: each meeting has a different member as facilitator."};
  c.phases_note =
      "The development stages as phases, in order and without gaps. Update design.stage as the community "
      "moves from one to the next.";
  c.phases = {
      {"getting-started", "Getting started", start, add_days(growing, -1),
       "Discuss the purpose, the values of learning, roles and responsibilities; agree on the design."},
      {"growing", "Growing", growing, add_days(sustaining, -1),
       "What are we learning and applying? Keep the momentum, welcome and mentor new members."},
      {"sustaining", "Sustaining", sustaining, c.end,
       "What value do we see? Has the purpose shifted? Decide whether to keep going, and what to learn "
       "next."},
  };
  c.goals_note = "The community's goals. A goal may name a measure (measures/<id>.yaml) and a date.";
  c.goals = {
      {"purpose",
       "Agree on the community's purpose, values of learning, and roles in the first three months.", "",
       std::nullopt, add_days(growing, -1)},
      {"share-learning", "Share what the community learned with the members' organizations and stakeholders.",
       "", std::nullopt, c.end},
  };
  c.core_team_note =
      "No core_team rules: anyone may join, alone or as a team. Add core_team (required_roles, min_members, "
      "max_members) if the community starts asking for teams.";
  c.due_day = 15;

  Measure ideas =
      count("ideas-applied", "Ideas applied from the community", "count", "outcome", "ideas", "higher",
            "A light, optional measure: ideas from the community that members applied in their "
            "own work in the month. Delete this file if the community keeps no data.");
  ideas.core = false;
  s.measures.push_back(ideas);

  s.events.push_back(timed("kickoff", "Kick-off meeting", "meeting", "getting-started", kickoff, "15:00", 120,
                           "virtual", false,
                           "Introductions, the purpose of the community, the values of learning, and how it "
                           "will run: frequency, format and the rotation of facilitators."));
  Event monthly = timed("monthly-meeting", "Monthly meeting", "meeting", "",
                        monthly_from(add_months(kickoff, 1)), "15:00", 60, "virtual", false,
                        "Members share practice, questions and solutions. Facilitation rotates: each month a "
                        "different member facilitates; keep the rota and the notes beside this folder.");
  monthly.frequency = "monthly";
  monthly.until = c.end;
  monthly.note =
      "A recurring event: this one file stands for every meeting. It spans the stages, so it has no phase.";
  s.events.push_back(monthly);

  s.readme_design =
      "The design is a community of practice: open membership, monthly meetings with rotating "
      "facilitation, and development stages (getting started, growing, sustaining) as phases. There is no "
      "selection, so there is no rubric, and the one measure is optional.";
  s.readme_next = {
      "Add members as teams of one or more in `teams/<id>.yaml` as they join.",
  };
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Checks of the options.

// Why `name` cannot be a collaborative's name, or empty: it must be valid UTF-8, not blank, free of
// control characters (it also titles README.md), and within the schema's 20000 characters.
std::string name_problem(std::string_view name) {
  size_t chars = 0, i = 0;
  bool blank = true;
  while (i < name.size()) {
    auto c = static_cast<unsigned char>(name[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > name.size()) return "it is not valid UTF-8";
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(name[i + k]);
      if ((cc >> 6) != 0x2) return "it is not valid UTF-8";
      cp = (cp << 6) | (cc & 0x3F);
    }
    static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return "it is not valid UTF-8";
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
      return "it contains a control character";
    if (cp != ' ') blank = false;
    ++chars;
    i += len;
  }
  if (blank) return "it is empty";
  if (chars > 20000) return "it is longer than 20000 characters";
  return {};
}

bool is_timezone_name(std::string_view tz) {
  if (tz.empty() || tz.size() > 64) return false;
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!letter(tz[0])) return false;
  for (char c : tz)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '+' && c != '/' && c != '-') return false;
  // A plain YAML scalar that a YAML 1.2 reader would not take as a string.
  for (const char* special : {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"})
    if (tz == special) return false;
  return true;
}

Error usage(std::string message) { return Error{ErrorKind::usage, std::move(message)}; }

}  // namespace

const std::vector<TemplateInfo>& templates() {
  static const std::vector<TemplateInfo> list = {
      {"nctsn-learning-collaborative",
       "NCTSN learning collaborative: pre-work, three two-day learning sessions over 12 months, monthly "
       "consultation calls, a core data set"},
      {"breakthrough-series",
       "IHI Breakthrough Series QI collaborative: pre-work, LS1, AP1, LS2, AP2, LS3, AP3 and a summative "
       "congress"},
      {"action-learning",
       "CHS action learning collaborative: four onsite sessions over nine months, webinars, capstone "
       "projects and a teach-back"},
      {"cln",
       "R4D collaborative learning network: EOIs after an informational call, then a six-month virtual "
       "exchange across time zones"},
      {"community-of-practice",
       "community of practice: open membership, monthly meetings, rotating facilitation"},
  };
  return list;
}

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const auto& t : templates()) names.push_back(t.name);
  return names;
}

std::string slugify(std::string_view name) {
  std::string slug = collab::slugify(name);
  return slug.empty() ? "collaborative" : slug;
}

Result<std::vector<File>> scaffold(const Options& options) {
  const TemplateInfo* info = nullptr;
  for (const auto& t : templates())
    if (t.name == options.template_name) info = &t;
  if (!info) {
    std::string valid;
    for (const auto& t : templates()) valid += (valid.empty() ? "" : ", ") + t.name;
    return usage(
        fmt::format("unknown template {}; valid templates: {}", quote(options.template_name), valid));
  }
  auto start = parse_date(options.start);
  if (!start) {
    return usage(fmt::format("--start {} is not a date that exists: write YYYY-MM-DD", quote(options.start)));
  }
  int year = static_cast<int>(start->year());
  if (year < 1900 || year > 9990)
    return usage(fmt::format("bad start date {}: the year must be between 1900 and 9990", options.start));
  if (auto problem = name_problem(options.name); !problem.empty())
    return usage(fmt::format("bad name {}: {}", quote(options.name), problem));
  Options o = options;
  if (o.id.empty()) {
    o.id = slugify(o.name);
  } else if (!is_slug(o.id)) {
    return usage(fmt::format(
        "bad id {}: use lower-case letters, digits and '-', at most 63 characters, not starting with '-'",
        quote(o.id)));
  }
  if (!is_timezone_name(o.timezone))
    return usage(
        fmt::format("bad time zone {}: expected an IANA name such as America/New_York", quote(o.timezone)));

  Scaffold s;
  if (o.template_name == "nctsn-learning-collaborative") {
    s = nctsn(*start);
  } else if (o.template_name == "breakthrough-series") {
    s = breakthrough(*start);
  } else if (o.template_name == "action-learning") {
    s = action_learning(*start);
  } else if (o.template_name == "cln") {
    s = cln(*start, o.timezone);
  } else {
    s = community(*start);
  }

  std::vector<File> files;
  files.push_back({"collab.yaml", emit_collaborative(s.collaborative, o)});
  if (s.rubric) files.push_back({"rubric.yaml", emit_rubric(*s.rubric)});
  if (s.diagram) files.push_back({"driver-diagram.yaml", emit_driver_diagram(*s.diagram)});
  if (s.theory) files.push_back({"theory-of-change.yaml", emit_theory_of_change(*s.theory)});
  if (s.agenda) files.push_back({"learning-agenda.yaml", emit_learning_agenda(*s.agenda)});
  if (s.resources) files.push_back({"resources.yaml", emit_resources(*s.resources)});
  for (const auto& m : s.measures) {
    std::string path = "measures/" + m.id + ".yaml";
    files.push_back({path, emit_measure(path, m)});
  }
  for (const auto& e : s.events) {
    std::string path = "events/" + e.id + ".yaml";
    files.push_back({path, emit_event(path, e)});
  }
  for (const auto& x : s.surveys) {
    std::string path = "surveys/" + x.id + ".yaml";
    files.push_back({path, emit_survey(path, x)});
  }
  files.push_back({".gitignore", emit_gitignore()});
  files.push_back({".gitattributes", emit_gitattributes()});
  files.push_back({"README.md", emit_readme(o, s, files, *info)});
  return files;
}

}  // namespace collab::init
