#include "model/project.h"

#include "core/parallel.h"
#include "core/slug.h"
#include "core/text.h"
#include "schema/validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>

namespace collab::model {

Value& ValueTable::operator[](std::string_view measure) {
  auto it = lower(entries_.begin(), entries_.end(), measure);
  if (it == entries_.end() || *it->measure != measure) it = entries_.insert(it, Entry{&interned(measure), Value{}});
  return it->value;
}
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// Reads the fields of one JSON object that passed its schema; reports dates that do not exist.
class Reader {
 public:
  Reader(const json& j, Source src, Diagnostics& diags) : j_(j), src_(std::move(src)), diags_(diags) {}

  const Source& src() const { return src_; }
  const json& node() const { return j_; }
  bool has(const char* key) const { return j_.contains(key); }

  std::string str(const char* key) const {
    auto it = j_.find(key);
    return it != j_.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  std::optional<double> number(const char* key) const {
    auto it = j_.find(key);
    return it != j_.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
  }
  std::optional<int> integer(const char* key) const {
    auto it = j_.find(key);
    return it != j_.end() && it->is_number_integer() ? std::optional<int>(it->get<int>()) : std::nullopt;
  }
  bool boolean(const char* key) const {
    auto it = j_.find(key);
    return it != j_.end() && it->is_boolean() && it->get<bool>();
  }
  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    if (auto it = j_.find(key); it != j_.end() && it->is_array()) {
      out.reserve(it->size());
      for (const auto& v : *it) out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::optional<Date> date(const char* key) const {
    std::string text = str(key);
    if (text.empty()) return std::nullopt;
    auto d = parse_date(text);
    if (!d) diags_.error(src_.at(key), fmt::format("{}: {} is not a date that exists", key, text));
    return d;
  }
  // A list of dates; those that do not exist are reported and left out.
  std::vector<Date> dates(const char* key) const {
    std::vector<Date> out;
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_array()) return out;
    for (size_t i = 0; i < it->size(); ++i) {
      std::string text = (*it)[i].is_string() ? (*it)[i].get<std::string>() : std::string();
      if (auto d = parse_date(text)) {
        out.push_back(*d);
      } else {
        diags_.error(Source{src_.doc, pointer_append(pointer_append(src_.pointer, key), i)}.at(),
                     fmt::format("{}: {} is not a date that exists", key, text));
      }
    }
    return out;
  }
  std::optional<Period> period(const char* key) const {
    std::string text = str(key);
    if (text.empty()) return std::nullopt;
    auto p = parse_period(text);
    if (!p) diags_.error(src_.at(key), fmt::format("{}: {} is not a month that exists", key, text));
    return p;
  }
  // A month (YYYY-MM) or an ISO week (YYYY-Www).
  std::optional<ReportingPeriod> reporting_period(const char* key) const {
    std::string text = str(key);
    if (text.empty()) return std::nullopt;
    auto p = parse_reporting_period(text);
    if (!p) {
      bool year_digits = text.size() == 8 && std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
      if (year_digits && text[5] == 'W') {
        int year = std::stoi(text.substr(0, 4));
        diags_.error(src_.at(key), fmt::format("{}: {} is not a week that exists ({} has {} weeks)", key, text, year,
                                               iso_weeks_in_year(year)));
      } else {
        diags_.error(src_.at(key), fmt::format("{}: {} is not a month that exists", key, text));
      }
    }
    return p;
  }
  // A local date or date-time: reported when it does not exist, kept as written.
  std::string datetime(const char* key) const {
    std::string text = str(key);
    if (!text.empty() && !parse_local_datetime(text)) {
      diags_.error(src_.at(key), fmt::format("{}: {} is not a date and time that exists", key, text));
    }
    return text;
  }
  Reader child(const char* key) const { return Reader(j_.at(key), sub(key), diags_); }
  // The members of an object-valued field (empty when absent), e.g. a review's scores.
  const json& object(const char* key) const {
    static const json empty = json::object();
    auto it = j_.find(key);
    return it != j_.end() && it->is_object() ? *it : empty;
  }
  // How many items the list `key` has (0 when it is not a list): to reserve a vector before each().
  size_t count(const char* key) const {
    auto it = j_.find(key);
    return it != j_.end() && it->is_array() ? it->size() : 0;
  }

  template <class F>
  void each(const char* key, F f) const {
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_array()) return;
    for (size_t i = 0; i < it->size(); ++i) {
      f(Reader((*it)[i], Source{src_.doc, pointer_append(pointer_append(src_.pointer, key), i)}, diags_));
    }
  }

  Source sub(const std::string& key) const { return Source{src_.doc, pointer_append(src_.pointer, key)}; }

 private:
  const json& j_;
  Source src_;
  Diagnostics& diags_;
};

Goal read_goal(const Reader& r) {
  return Goal{r.src(), r.str("id"), r.str("text"), r.str("measure"), r.number("target"), r.date("by")};
}

SignalRules read_rules(const Reader& r) {
  if (!r.has("rules")) return {};
  Reader x = r.child("rules");
  return SignalRules{x.str("run_chart"), x.str("control_chart")};
}

Collaborative read_collaborative(const Reader& r) {
  Collaborative c;
  c.src = r.src();
  c.id = r.str("id");
  c.name = r.str("name");
  c.focus = r.str("focus");
  c.kind = r.str("kind");
  c.model = r.str("model");
  c.timezone = r.str("timezone");
  c.start = r.date("start");
  c.end = r.date("end");
  r.each("sponsors", [&](const Reader& s) { c.sponsors.push_back({s.str("name"), s.str("type")}); });
  if (r.has("design")) {
    Reader d = r.child("design");
    c.design = Design{d.str("purpose"), d.str("membership"), d.str("scope"), d.str("format"), d.str("facilitation"),
                      d.str("meeting_frequency"), d.str("stage"), d.integer("capacity")};
  }
  r.each("phases", [&](const Reader& p) { c.phases.push_back({p.src(), p.str("id"), p.str("name"), p.date("start"), p.date("end")}); });
  r.each("goals", [&](const Reader& g) { c.goals.push_back(read_goal(g)); });
  if (r.has("core_team")) {
    Reader t = r.child("core_team");
    c.core_team = CoreTeamRules{t.strings("required_roles"), t.integer("min_members"), t.integer("max_members")};
  }
  if (r.has("data")) {
    Reader d = r.child("data");
    c.data_due_day = d.integer("due_day");
    c.data_weekly_due_days = d.integer("weekly_due_days");
    c.data_from = d.period("from");
    c.rules = read_rules(d);
  }
  r.each("faculty", [&](const Reader& f) {
    c.faculty.push_back({f.src(), f.str("id"), f.str("name"), f.str("email"), f.str("organization"), f.strings("roles")});
  });
  if (r.has("schedule")) {
    Reader s = r.child("schedule");
    c.schedule.weekdays = s.strings("weekdays");
    c.schedule.working_hours = s.str("working_hours");
    c.schedule.min_gap_days = s.integer("min_gap_days");
    c.schedule.min_coverage = s.number("min_coverage");
    s.each("blackouts", [&](const Reader& b) {
      c.schedule.blackouts.push_back({b.src(), b.str("name"), b.date("start"), b.date("end"), b.strings("regions")});
    });
  }
  return c;
}

Organization read_organization(const Reader& r) {
  return Organization{r.src(), r.str("id"), r.str("name"), r.str("region"), r.str("country"),
                      r.str("sector"), r.str("timezone"), r.str("website")};
}

Aim read_aim(const Reader& r) { return Aim{r.src(), r.str("text"), r.str("measure"), r.number("target"), r.date("by")}; }

ChangeIdea read_idea(const Reader& r, const std::string& team) {
  ChangeIdea idea{r.src(), r.str("id"), r.str("name"), r.str("description"), team, r.strings("drivers"), {}};
  if (r.has("measures")) {
    Reader m = r.child("measures");
    idea.measures = IdeaMeasures{m.strings("outcome"), m.strings("process"), m.strings("balancing")};
  }
  return idea;
}

DriverDiagram read_driver_diagram(const Reader& r) {
  DriverDiagram d;
  d.src = r.src();
  d.aim = read_aim(r.child("aim"));
  r.each("primary_drivers", [&](const Reader& x) { d.primary.push_back({x.src(), x.str("id"), x.str("name"), x.str("description"), {}}); });
  r.each("secondary_drivers", [&](const Reader& x) {
    d.secondary.push_back({x.src(), x.str("id"), x.str("name"), x.str("description"), x.strings("primary")});
  });
  r.each("change_ideas", [&](const Reader& x) { d.ideas.push_back(read_idea(x, "")); });
  return d;
}

PdsaCycle read_cycle(const Reader& r) {
  PdsaCycle c;
  c.src = r.src();
  c.id = r.str("id");
  c.team = r.str("team");
  c.idea = r.str("idea");
  c.builds_on = r.str("builds_on");
  c.objective = r.str("objective");
  c.start = r.date("start");
  if (r.has("do")) c.end = r.child("do").date("end");
  if (r.has("act")) {
    Reader a = r.child("act");
    c.decision = a.str("decision");
    c.decided = a.date("date");
  }
  return c;
}

Team read_team(const Reader& r) {
  Team t;
  t.src = r.src();
  t.id = r.str("id");
  t.name = r.str("name");
  t.organization = r.str("organization");
  t.eoi = r.str("eoi");
  t.status = r.str("status");
  t.timezone = r.str("timezone");
  t.working_hours = r.str("working_hours");
  t.joined = r.date("joined");
  t.completed = r.date("completed");
  if (r.has("withdrawal")) {
    Reader w = r.child("withdrawal");
    t.withdrawal = Withdrawal{w.date("date"), w.str("reason")};
  }
  r.each("goals", [&](const Reader& g) { t.goals.push_back(read_goal(g)); });
  if (r.has("aim")) t.aim = read_aim(r.child("aim"));
  t.change_ideas = r.strings("change_ideas");
  r.each("own_ideas", [&](const Reader& x) { t.own_ideas.push_back(read_idea(x, t.id)); });
  r.each("members", [&](const Reader& m) {
    t.members.push_back({m.src(), m.str("id"), m.str("name"), m.str("email"), m.str("engagement"), m.strings("roles"),
                         m.date("joined"), m.date("left"), m.str("timezone"), m.str("working_hours")});
  });
  return t;
}

Eoi read_eoi(const Reader& r) {
  Eoi e;
  e.src = r.src();
  e.id = r.str("id");
  e.status = r.str("status");
  e.submitted = r.date("submitted");
  e.organization = read_organization(r.child("organization"));
  Reader contact = r.child("contact");
  e.contact_name = contact.str("name");
  e.contact_email = contact.str("email");
  for (const auto& [key, answer] : r.object("answers").items()) e.answers[key] = answer;
  r.each("proposed_team", [&](const Reader& m) { e.proposed_team.push_back({m.str("name"), m.str("email"), m.strings("roles")}); });
  if (r.has("source")) {
    Reader source = r.child("source");
    e.source_mapping = source.str("mapping");
    e.source_key = source.str("key");
  }
  return e;
}

Rubric read_rubric(const Reader& r) {
  Rubric rubric;
  rubric.src = r.src();
  r.each("gates", [&](const Reader& g) {
    Gate gate{g.src(), g.str("id"), g.str("question"), std::nullopt};
    if (g.has("rule")) {
      Reader rule = g.child("rule");
      GateRule gr{rule.str("answer"), {}, rule.number("at_least"), {}, rule.integer("min_members"), rule.integer("max_members")};
      if (rule.has("in")) gr.in.assign(rule.node()["in"].begin(), rule.node()["in"].end());
      for (const auto& [role, count] : rule.object("roles").items()) gr.roles[role] = count.get<int>();
      gate.rule = std::move(gr);
    }
    rubric.gates.push_back(std::move(gate));
  });
  r.each("criteria", [&](const Reader& c) {
    Criterion criterion{c.src(), c.str("id"), c.str("name"), c.str("description"), c.number("weight").value_or(1),
                        c.number("min").value_or(0), c.number("max").value_or(0), {}, std::nullopt};
    for (const auto& [score, text] : c.object("anchors").items()) criterion.anchors[score] = text.get<std::string>();
    if (c.has("auto")) {
      Reader a = c.child("auto");
      AutoScore automatic{a.str("answer"), {}};
      for (const auto& [answer, points] : a.object("points").items()) automatic.points[answer] = points.get<double>();
      criterion.automatic = std::move(automatic);
    }
    rubric.criteria.push_back(std::move(criterion));
  });
  rubric.reviewers_per_eoi = r.integer("reviewers_per_eoi");
  if (r.has("scoring")) {
    Reader s = r.child("scoring");
    if (s.has("aggregation")) rubric.scoring.aggregation = s.str("aggregation");
    if (s.has("normalization")) rubric.scoring.normalization = s.str("normalization");
    rubric.scoring.trim = s.number("trim").value_or(0.2);
    rubric.scoring.disagreement = s.number("disagreement");
  }
  if (r.has("selection")) {
    Reader s = r.child("selection");
    rubric.selection.capacity = s.integer("capacity");
    rubric.selection.cut = s.number("cut");
    s.each("quotas", [&](const Reader& q) {
      rubric.selection.quotas.push_back({q.src(), q.str("attribute"), q.node().at("value"), q.integer("min"), q.integer("max")});
    });
  }
  return rubric;
}

Review read_review(const Reader& r) {
  Review v;
  v.src = r.src();
  v.eoi = r.str("eoi");
  v.reviewer = r.str("reviewer");
  v.comments = r.str("comments");
  v.submitted = r.date("submitted");
  v.conflict = r.boolean("conflict");
  for (const auto& [gate, passed] : r.object("gates").items()) v.gates[gate] = passed.get<bool>();
  for (const auto& [criterion, score] : r.object("scores").items()) v.scores[criterion] = score.get<double>();
  return v;
}

Event read_event(const Reader& r) {
  Event e;
  e.src = r.src();
  e.id = r.str("id");
  e.name = r.str("name");
  e.type = r.str("type");
  e.phase = r.str("phase");
  e.start = r.datetime("start");
  e.end = r.datetime("end");
  e.timezone = r.str("timezone");
  e.format = r.str("format");
  e.location = r.str("location");
  e.url = r.str("url");
  e.description = r.str("description");
  e.duration_minutes = r.integer("duration_minutes");
  e.required = r.boolean("required");
  e.pinned = r.boolean("pinned");
  e.teams = r.strings("teams");
  if (r.has("recurrence")) {
    Reader rec = r.child("recurrence");
    e.recurrence = Recurrence{rec.str("frequency"), rec.date("until"), rec.integer("count"), rec.integer("week"), {}};
    e.recurrence->skip = rec.dates("skip");
  }
  return e;
}

Attendance read_attendance(const Reader& r, const std::string& id) {
  return Attendance{r.src(), id, r.str("event"), r.date("date"), r.strings("present"), r.strings("excused"),
                    r.integer("guests").value_or(0)};
}

Measure read_measure(const Reader& r) {
  Measure m;
  m.src = r.src();
  m.id = r.str("id");
  m.name = r.str("name");
  m.type = r.str("type");
  m.category = r.str("category");
  m.numerator = r.str("numerator");
  m.denominator = r.str("denominator");
  m.exclusions = r.str("exclusions");
  m.unit = r.str("unit");
  m.better = r.str("better");
  m.core = r.boolean("core");
  m.multiplier = r.number("multiplier");
  m.goal = r.number("goal");
  m.goal_by = r.date("goal_by");
  m.chart = r.str("chart");
  if (r.has("frequency")) m.frequency = r.str("frequency");
  if (r.has("baseline")) {
    Reader b = r.child("baseline");
    m.baseline_from = b.reporting_period("from");
    m.baseline_to = b.reporting_period("to");
    m.baseline_periods = b.integer("periods");
  }
  m.rules = read_rules(r);
  r.each("rebase", [&](const Reader& x) {
    m.rebases.push_back({x.src(), x.reporting_period("period"), x.str("team"), x.str("reason"), x.integer("periods")});
  });
  return m;
}

TeamData read_data(const Reader& r) {
  TeamData d{r.src(), r.str("team"), {}};
  d.periods.reserve(r.count("periods"));
  r.each("periods", [&](const Reader& p) {
    DataPeriod period{p.src(), p.reporting_period("period"), p.date("submitted"), {}};
    const json& values = p.object("values");
    period.values.reserve(values.size());
    for (auto it = values.begin(); it != values.end(); ++it) {
      Value value;
      const json& j = it.value();
      if (j.contains("numerator")) value.numerator = j["numerator"].get<double>();
      if (j.contains("denominator")) value.denominator = j["denominator"].get<double>();
      if (j.contains("value")) value.value = j["value"].get<double>();
      if (j.contains("missing")) value.set_missing(j["missing"].get<std::string>());
      if (j.contains("note")) value.set_note(j["note"].get<std::string>());
      period.values[it.key()] = std::move(value);
    }
    d.periods.push_back(std::move(period));
  });
  return d;
}

Decisions read_decisions(const Reader& r) {
  Decisions d{r.src(), r.str("aggregation"), r.str("normalization"), r.integer("capacity"), {}};
  r.each("decisions", [&](const Reader& x) {
    d.decisions.push_back({x.src(), x.str("eoi"), x.str("decision"), x.str("reason"), x.integer("rank"), x.number("total")});
  });
  return d;
}

TeamAssessments read_assessments(const Reader& r) {
  TeamAssessments a{r.src(), r.str("team"), {}};
  a.ratings.reserve(r.count("ratings"));
  r.each("ratings", [&](const Reader& x) {
    a.ratings.push_back({x.src(), x.period("period"), x.number("score").value_or(0), x.number("self_score"), x.str("assessor"),
                         x.str("note")});
  });
  return a;
}

NetworkWave read_network(const Reader& r) {
  NetworkWave w{r.src(), r.str("id"), r.date("date"), r.strings("respondents"), {}};
  w.ties.reserve(r.count("ties"));
  r.each("ties", [&](const Reader& t) {
    w.ties.push_back({t.src(), t.str("from"), t.str("to"), t.str("relation"), t.integer("strength"), t.integer("trust")});
  });
  return w;
}

TocNode read_toc_node(const Reader& r) {
  return TocNode{r.src(), r.str("id"), r.str("name"), r.str("description"), r.str("level"), r.strings("from")};
}

TheoryOfChange read_theory_of_change(const Reader& r) {
  TheoryOfChange t;
  t.src = r.src();
  t.review_by = r.date("review_by");
  t.reviewed = r.date("reviewed");
  r.each("activities", [&](const Reader& x) { t.activities.push_back(read_toc_node(x)); });
  r.each("outputs", [&](const Reader& x) { t.outputs.push_back(read_toc_node(x)); });
  r.each("outcomes", [&](const Reader& x) { t.outcomes.push_back(read_toc_node(x)); });
  r.each("milestones", [&](const Reader& x) {
    t.milestones.push_back({x.src(), x.str("id"), x.str("outcome"), x.str("indicator"), x.str("measure"), x.str("unit"),
                            x.number("target"), x.number("actual"), x.date("by"), x.date("met")});
  });
  r.each("claims", [&](const Reader& x) {
    ContributionClaim c{x.src(), x.str("id"), x.str("claim"), x.str("outcome"), {}};
    x.each("links", [&](const Reader& l) {
      ClaimLink link{l.src(), l.str("from"), l.str("to"), {}, {}};
      l.each("evidence", [&](const Reader& e) { link.evidence.push_back({e.str("kind"), e.str("id")}); });
      l.each("alternatives", [&](const Reader& a) { link.alternatives.push_back({a.str("explanation"), a.str("status")}); });
      c.links.push_back(std::move(link));
    });
    t.claims.push_back(std::move(c));
  });
  return t;
}

Survey read_survey(const Reader& r) {
  Survey s;
  s.src = r.src();
  s.id = r.str("id");
  s.name = r.str("name");
  s.events = r.strings("events");
  s.follow_up_days = r.integer("follow_up_days");
  s.window_days = r.integer("window_days").value_or(14);
  s.partial_at = r.number("partial_at").value_or(0.5);
  r.each("items", [&](const Reader& x) {
    SurveyItem item{x.src(), x.str("id"), x.str("text"), x.str("type"), 1, 5, x.integer("level")};
    if (item.type == "nps") {
      item.min = 0;
      item.max = 10;
    } else if (item.type == "scale") {
      item.min = x.integer("min").value_or(1);
      item.max = x.integer("max").value_or(5);
    }
    s.items.push_back(std::move(item));
  });
  return s;
}

SurveyResponses read_responses(const Reader& r) {
  SurveyResponses s{r.src(), r.str("survey"), {}};
  r.each("responses", [&](const Reader& x) {
    SurveyResponse resp{x.src(), x.str("id"), x.str("event"), x.str("member"), x.date("submitted"), {}};
    for (const auto& [item, answer] : x.object("answers").items()) resp.answers.emplace_back(item, answer);
    s.responses.push_back(std::move(resp));
  });
  return s;
}

LearningAgenda read_learning_agenda(const Reader& r) {
  LearningAgenda a;
  a.src = r.src();
  a.method = r.str("method");
  a.dots = r.integer("dots").value_or(3);
  a.max_per_topic = r.integer("max_per_topic");
  r.each("topics", [&](const Reader& x) {
    a.topics.push_back({x.src(), x.str("id"), x.str("title"), x.str("description"), x.str("proposed_by"), x.str("group"),
                        x.has("status") ? x.str("status") : std::string("proposed"), x.strings("events")});
  });
  r.each("votes", [&](const Reader& x) {
    Ballot b{x.src(), x.str("voter"), x.str("group"), x.date("date"), {}, x.strings("ranking")};
    for (const auto& [topic, dots] : x.object("dots").items()) b.dots.emplace_back(topic, dots.get<int>());
    a.votes.push_back(std::move(b));
  });
  return a;
}

OutcomeStatement read_outcome(const Reader& r) {
  OutcomeStatement o;
  o.src = r.src();
  o.id = r.str("id");
  o.actor = r.str("actor");
  o.change = r.str("change");
  o.where = r.str("where");
  o.significance = r.str("significance");
  o.contribution = r.str("contribution");
  o.type = r.str("type");
  o.effect = r.str("effect");
  o.intended = !r.has("intended") || r.boolean("intended");
  o.when = r.date("when");
  o.harvested = r.date("harvested");
  o.events = r.strings("events");
  o.products = r.strings("products");
  o.members = r.strings("members");
  o.sources = r.strings("sources");
  o.toc_outcomes = r.strings("toc_outcomes");
  r.each("substantiations", [&](const Reader& x) {
    o.substantiations.push_back({x.src(), x.str("by"), x.str("verdict"), x.str("note"),
                                 !x.has("independent") || x.boolean("independent"), x.date("date")});
  });
  return o;
}

KnowledgeProduct read_product(const Reader& r) {
  return KnowledgeProduct{r.src(), r.str("id"), r.str("title"), r.str("type"), r.str("status"), r.str("url"),
                          r.str("description"), r.strings("authors"), r.strings("events"), r.date("date")};
}

Resources read_resources(const Reader& r) {
  Resources res;
  res.src = r.src();
  res.currency = r.str("currency");
  for (const auto& [category, rate] : r.object("rates").items()) res.rates[category] = rate.get<double>();
  res.dominance = r.number("dominance").value_or(0.5);
  r.each("funding", [&](const Reader& x) {
    res.funding.push_back({x.src(), x.str("funder"), x.str("note"), x.integer("year").value_or(0), x.number("amount").value_or(0)});
  });
  r.each("in_kind", [&](const Reader& x) {
    res.in_kind.push_back({x.src(), x.str("member"), x.str("event"), x.str("category"), x.str("note"), x.number("hours"),
                           x.number("amount"), x.date("date")});
  });
  return res;
}

struct KindPlace {
  const char* folder;
  FileKind kind;
};

constexpr KindPlace kFolders[] = {
    {"organizations", FileKind::organization}, {"teams", FileKind::team},     {"eois", FileKind::eoi},
    {"events", FileKind::event},               {"attendance", FileKind::attendance},
    {"measures", FileKind::measure},           {"data", FileKind::data},      {"assessments", FileKind::assessment},
    {"network", FileKind::network},           {"mappings", FileKind::mapping},
    {"surveys", FileKind::survey},             {"responses", FileKind::responses},
    {"outcomes", FileKind::outcome},           {"products", FileKind::product},
};

std::optional<std::string> yaml_stem(const std::string& name) {
  for (const char* ext : {".yaml", ".yml"}) {
    std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      return name.substr(0, name.size() - e.size());
    }
  }
  return std::nullopt;
}

// The ID field a file of each kind must carry, matching its file name.
const char* id_field(FileKind kind) {
  switch (kind) {
    case FileKind::data:
    case FileKind::assessment: return "team";
    case FileKind::responses: return "survey";
    case FileKind::attendance:
    case FileKind::collaborative:
    case FileKind::rubric:
    case FileKind::decisions:
    case FileKind::review:
    case FileKind::driver_diagram:
    case FileKind::theory_of_change:
    case FileKind::learning_agenda:
    case FileKind::resources:
    case FileKind::pdsa: return nullptr;
    default: return "id";
  }
}

}  // namespace

Location Source::at(const std::string& field) const {
  if (!doc) return {};
  return doc->at(field.empty() ? pointer : pointer + "/" + field);
}

Location Source::key_at(const std::string& field) const {
  if (!doc) return {};
  return doc->key_at(pointer + "/" + field);
}

bool FacultyMember::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Member::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const FacultyMember* Collaborative::find_faculty(const std::string& id) const {
  for (const auto& f : faculty) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const Gate* Rubric::find_gate(const std::string& id) const {
  for (const auto& g : gates) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

const Criterion* Rubric::find_criterion(const std::string& id) const {
  for (const auto& c : criteria) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::optional<Date> Event::start_date() const {
  return start.size() >= 10 ? parse_date(start.substr(0, 10)) : std::nullopt;
}

std::optional<Date> Event::end_date() const {
  return end.size() >= 10 ? parse_date(end.substr(0, 10)) : start_date();
}

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

template <class T>
const T* find_indexed(const std::vector<T>& items, const std::unordered_map<std::string, size_t>& index, bool built,
                      const std::string& id) {
  if (!built) return find_by_id(items, id);
  auto it = index.find(id);
  return it != index.end() ? &items[it->second] : nullptr;
}

template <class T>
void index_ids(const std::vector<T>& items, std::unordered_map<std::string, size_t>& index) {
  index.clear();
  index.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);  // emplace keeps the first
}

std::string cycle_key(const std::string& team, const std::string& id) { return team + '/' + id; }
}  // namespace

void Project::build_index() {
  index_ids(organizations, index.organizations);
  index_ids(teams, index.teams);
  index_ids(eois, index.eois);
  index_ids(events, index.events);
  index_ids(measures, index.measures);
  index.cycles.clear();
  for (size_t i = 0; i < cycles.size(); ++i) index.cycles.emplace(cycle_key(cycles[i].team, cycles[i].id), i);
  index.member_teams.clear();
  for (size_t i = 0; i < teams.size(); ++i) {
    for (const auto& m : teams[i].members) index.member_teams.emplace(m.id, i);
  }
  index.built = true;
}

const Organization* Project::find_organization(const std::string& id) const {
  return find_indexed(organizations, index.organizations, index.built, id);
}
const Team* Project::find_team(const std::string& id) const { return find_indexed(teams, index.teams, index.built, id); }
const Eoi* Project::find_eoi(const std::string& id) const { return find_indexed(eois, index.eois, index.built, id); }
const Event* Project::find_event(const std::string& id) const { return find_indexed(events, index.events, index.built, id); }
const Measure* Project::find_measure(const std::string& id) const {
  return find_indexed(measures, index.measures, index.built, id);
}
const MappingFile* Project::find_mapping(const std::string& id) const { return find_by_id(mappings, id); }
const Survey* Project::find_survey(const std::string& id) const { return find_by_id(surveys, id); }
const OutcomeStatement* Project::find_outcome(const std::string& id) const { return find_by_id(outcomes, id); }
const KnowledgeProduct* Project::find_product(const std::string& id) const { return find_by_id(products, id); }

const Member* Project::find_member(const std::string& id) const {
  const Team* t = team_of_member(id);
  if (t == nullptr) return nullptr;
  for (const auto& m : t->members) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const TocNode* TheoryOfChange::find(const std::string& id) const {
  for (const auto* level : {&activities, &outputs, &outcomes}) {
    for (const auto& n : *level) {
      if (n.id == id) return &n;
    }
  }
  return nullptr;
}

const SurveyItem* Survey::find_item(const std::string& id) const {
  for (const auto& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const AgendaTopic* LearningAgenda::find_topic(const std::string& id) const {
  for (const auto& t : topics) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const ChangeIdea* Project::find_idea(const std::string& team, const std::string& id) const {
  if (const Team* t = find_team(team)) {
    if (const ChangeIdea* own = find_by_id(t->own_ideas, id)) return own;
  }
  return driver_diagram ? find_by_id(driver_diagram->ideas, id) : nullptr;
}

const PdsaCycle* Project::find_cycle(const std::string& team, const std::string& id) const {
  if (index.built) {
    auto it = index.cycles.find(cycle_key(team, id));
    return it != index.cycles.end() ? &cycles[it->second] : nullptr;
  }
  for (const auto& c : cycles) {
    if (c.team == team && c.id == id) return &c;
  }
  return nullptr;
}

Result<Date> option_date(const Project& p, const std::string& text, const char* option) {
  auto d = parse_date(text);
  if (!d) return Error{ErrorKind::usage, fmt::format("{} {} is not a date YYYY-MM-DD that exists", option, text)};
  if (p.collaborative && p.collaborative->start && p.collaborative->end &&
      (*d < *p.collaborative->start || *d > *p.collaborative->end)) {
    return Error{ErrorKind::usage, fmt::format("{} {} is outside the collaborative ({} to {})", option, text,
                                               format_date(*p.collaborative->start), format_date(*p.collaborative->end))};
  }
  return *d;
}

const Team* Project::team_of_member(const std::string& member_id) const {
  if (index.built) {
    auto it = index.member_teams.find(member_id);
    return it != index.member_teams.end() ? &teams[it->second] : nullptr;
  }
  for (const auto& t : teams) {
    for (const auto& m : t.members) {
      if (m.id == member_id) return &t;
    }
  }
  return nullptr;
}

const char* kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::collaborative: return "collaborative";
    case FileKind::rubric: return "rubric";
    case FileKind::organization: return "organization";
    case FileKind::team: return "team";
    case FileKind::eoi: return "eoi";
    case FileKind::review: return "review";
    case FileKind::event: return "event";
    case FileKind::attendance: return "attendance";
    case FileKind::measure: return "measure";
    case FileKind::data: return "data";
    case FileKind::assessment: return "assessment";
    case FileKind::network: return "network";
    case FileKind::decisions: return "decisions";
    case FileKind::mapping: return "mapping";
    case FileKind::driver_diagram: return "driver-diagram";
    case FileKind::pdsa: return "pdsa";
    case FileKind::theory_of_change: return "theory-of-change";
    case FileKind::survey: return "survey";
    case FileKind::responses: return "responses";
    case FileKind::learning_agenda: return "learning-agenda";
    case FileKind::outcome: return "outcome";
    case FileKind::product: return "product";
    case FileKind::resources: return "resources";
  }
  return "?";
}

std::optional<FileKind> classify(const std::string& relative_path, std::string* id) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t slash; (slash = relative_path.find('/', start)) != std::string::npos; start = slash + 1) {
    parts.push_back(relative_path.substr(start, slash - start));
  }
  parts.push_back(relative_path.substr(start));
  auto stem = yaml_stem(parts.back());
  if (!stem) return std::nullopt;
  if (parts.size() == 1) {
    if (id) *id = *stem;
    if (parts[0] == "collab.yaml") return FileKind::collaborative;
    if (parts[0] == "rubric.yaml") return FileKind::rubric;
    if (parts[0] == "decisions.yaml") return FileKind::decisions;
    if (parts[0] == "driver-diagram.yaml") return FileKind::driver_diagram;
    if (parts[0] == "theory-of-change.yaml") return FileKind::theory_of_change;
    if (parts[0] == "learning-agenda.yaml") return FileKind::learning_agenda;
    if (parts[0] == "resources.yaml") return FileKind::resources;
    return std::nullopt;
  }
  if (parts.size() == 2) {
    for (const auto& place : kFolders) {
      if (parts[0] == place.folder) {
        if (id) *id = *stem;
        return place.kind;
      }
    }
  }
  if (parts.size() == 3 && (parts[0] == "reviews" || parts[0] == "pdsa")) {
    if (id) *id = parts[1] + "/" + *stem;
    return parts[0] == "reviews" ? FileKind::review : FileKind::pdsa;
  }
  return std::nullopt;
}

std::string display_path(const std::string& display_root, const std::string& relative_path) {
  if (display_root.empty() || display_root == ".") return relative_path;
  return display_root.back() == '/' ? display_root + relative_path : display_root + "/" + relative_path;
}

namespace {

// Every YAML file below root, relative and '/'-separated, sorted; hidden entries are skipped.
std::vector<std::string> list_yaml_files(const fs::path& root, const std::string& display_root, Diagnostics& diags) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    diags.error({display_path(display_root, "."), 0, 0}, fmt::format("cannot list the folder: {}", ec.message()));
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) {
        it.disable_recursion_pending();
      } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0 && yaml_stem(name.substr(1, name.rfind('.', name.size() - 5) - 1))) {
        // .<file>.<random>.tmp: what collab writes before renaming it into place (lib/io/files.h).
        diags.warning({display_path(display_root, p.lexically_relative(root).generic_string()), 0, 0},
                      "a temporary file left by an interrupted collab run; collab ignores it: delete it");
      }
      continue;
    }
    if (it.depth() > 8) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || !yaml_stem(name)) continue;
    files.push_back(p.lexically_relative(root).generic_string());
  }
  if (ec) diags.error({display_path(display_root, "."), 0, 0}, fmt::format("cannot list the folder: {}", ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

// Records the member IDs of a team file that failed its schema, where they can still be read.
void note_unusable_members(const json* team, Project& project) {
  if (team == nullptr || !team->is_object() || !team->contains("members") || !(*team)["members"].is_array()) {
    project.members_incomplete = true;
    return;
  }
  for (const auto& m : (*team)["members"]) {
    if (m.is_object() && m.contains("id") && m["id"].is_string()) {
      project.unusable[FileKind::team].insert("member:" + m["id"].get<std::string>());
    } else {
      project.members_incomplete = true;
    }
  }
}

}  // namespace

bool Project::is_unusable(FileKind kind, const std::string& id) const {
  if (!reads(kind)) return true;
  auto it = unusable.find(kind);
  return it != unusable.end() && it->second.count(id) > 0;
}

namespace {

// By team, then start, then ID; equal ones keep their file order. An index is sorted and the cycles moved
// into place along the permutation's cycles: std::stable_sort's buffer of half the cycles came at the very
// peak of a large collaborative's memory (docs/performance.md).
void sort_cycles(std::vector<PdsaCycle>& cycles) {
  std::vector<size_t> order(cycles.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const PdsaCycle& a = cycles[x];
    const PdsaCycle& b = cycles[y];
    if (a.team != b.team) return a.team < b.team;
    if (a.start != b.start) return a.start < b.start;
    return a.id < b.id;
  });
  std::vector<bool> placed(cycles.size(), false);  // position i receives the cycle first at order[i]
  for (size_t i = 0; i < cycles.size(); ++i) {
    if (placed[i]) continue;
    PdsaCycle first = std::move(cycles[i]);
    size_t at = i;
    for (;;) {
      placed[at] = true;
      const size_t from = order[at];
      if (from == i) {
        cycles[at] = std::move(first);
        break;
      }
      cycles[at] = std::move(cycles[from]);
      at = from;
    }
  }
}

// One file to read: found and named in the first pass, parsed and checked against its schema in parallel.
struct Pending {
  std::string rel, shown, file_id;
  FileKind kind{};
  const std::string* text = nullptr;  // the overlay's text standing in for the file, if any
  std::unique_ptr<YamlDocument> doc;  // on the heap from the start: the model's Sources point into it
  bool valid = false;
  Diagnostics diags;
  std::function<void(Project&)> commit;  // puts what was read into the project (on the calling thread)
};

// The kinds whose JSON tree is read again after loading: mappings (enroll), responses (the import's rows),
// and the measures, surveys and learning agenda (checks that look at which keys were written). Every other
// document drops its tree and its positions once its model struct is read (positions come back on demand,
// for a message): a national network's data, PDSA cycles and reviews would otherwise be most of collab's
// memory.
bool keeps_json(FileKind kind) {
  switch (kind) {
    case FileKind::mapping:
    case FileKind::responses:
    case FileKind::measure:
    case FileKind::survey:
    case FileKind::learning_agenda: return true;
    default: return false;
  }
}

// Keeps `value` until the calling thread adds it to the project with `add`.
template <class T, class Add>
void later(Pending& p, T value, Add add) {
  auto kept = std::make_shared<T>(std::move(value));
  p.commit = [kept, add](Project& project) { add(project, std::move(*kept)); };
}

// Reads a document that passed its schema into its model struct, on the thread that parsed it; reports an ID
// that does not match the file name, and a review or cycle in the wrong place. Its diagnostics stay with it.
void read_entity(const fs::path& root, Pending& p) {
  p.doc->relative = p.rel;
  const YamlDocument* d = p.doc.get();
  Diagnostics& diags = p.diags;
  const std::string& file_id = p.file_id;
  Reader r(d->json, Source{d, ""}, diags);
  if (const char* field = id_field(p.kind); field && r.str(field) != file_id) {
    diags.error(r.src().at(field), fmt::format("{} '{}' does not match the file name '{}'", field, r.str(field), file_id));
  }
  switch (p.kind) {
    case FileKind::collaborative: later(p, read_collaborative(r), [](Project& x, auto&& v) { x.collaborative = std::move(v); }); break;
    case FileKind::rubric: later(p, read_rubric(r), [](Project& x, auto&& v) { x.rubric = std::move(v); }); break;
    case FileKind::organization: later(p, read_organization(r), [](Project& x, auto&& v) { x.organizations.push_back(std::move(v)); }); break;
    case FileKind::team: later(p, read_team(r), [](Project& x, auto&& v) { x.teams.push_back(std::move(v)); }); break;
    case FileKind::eoi: later(p, read_eoi(r), [](Project& x, auto&& v) { x.eois.push_back(std::move(v)); }); break;
    case FileKind::review: {
      Review review = read_review(r);
      std::string expected = review.eoi + "/" + review.reviewer;
      if (expected != file_id) {
        diags.error(r.src().at("eoi"), fmt::format("a review of EOI '{}' by '{}' belongs in reviews/{}.yaml",
                                                   review.eoi, review.reviewer, expected));
      }
      later(p, std::move(review), [](Project& x, auto&& v) { x.reviews.push_back(std::move(v)); });
      break;
    }
    case FileKind::event: later(p, read_event(r), [](Project& x, auto&& v) { x.events.push_back(std::move(v)); }); break;
    case FileKind::attendance:
      later(p, read_attendance(r, file_id), [](Project& x, auto&& v) { x.attendance.push_back(std::move(v)); });
      break;
    case FileKind::measure: later(p, read_measure(r), [](Project& x, auto&& v) { x.measures.push_back(std::move(v)); }); break;
    case FileKind::data: later(p, read_data(r), [](Project& x, auto&& v) { x.data.push_back(std::move(v)); }); break;
    case FileKind::assessment: later(p, read_assessments(r), [](Project& x, auto&& v) { x.assessments.push_back(std::move(v)); }); break;
    case FileKind::network: later(p, read_network(r), [](Project& x, auto&& v) { x.network.push_back(std::move(v)); }); break;
    case FileKind::decisions: later(p, read_decisions(r), [](Project& x, auto&& v) { x.decisions = std::move(v); }); break;
    case FileKind::mapping:
      later(p, MappingFile{r.src(), r.str("id")}, [](Project& x, auto&& v) { x.mappings.push_back(std::move(v)); });
      break;
    case FileKind::driver_diagram: later(p, read_driver_diagram(r), [](Project& x, auto&& v) { x.driver_diagram = std::move(v); }); break;
    case FileKind::pdsa: {
      PdsaCycle cycle = read_cycle(r);
      std::string expected = cycle.team + "/" + cycle.id;
      if (expected != file_id) {
        diags.error(r.src().at(cycle.team != file_id.substr(0, file_id.find('/')) ? "team" : "id"),
                    fmt::format("cycle '{}' of team '{}' belongs in pdsa/{}.yaml", cycle.id, cycle.team, expected));
      }
      later(p, std::move(cycle), [](Project& x, auto&& v) { x.cycles.push_back(std::move(v)); });
      break;
    }
    case FileKind::theory_of_change:
      later(p, read_theory_of_change(r), [](Project& x, auto&& v) { x.theory_of_change = std::move(v); });
      break;
    case FileKind::survey: later(p, read_survey(r), [](Project& x, auto&& v) { x.surveys.push_back(std::move(v)); }); break;
    case FileKind::responses: later(p, read_responses(r), [](Project& x, auto&& v) { x.responses.push_back(std::move(v)); }); break;
    case FileKind::learning_agenda:
      later(p, read_learning_agenda(r), [](Project& x, auto&& v) { x.learning_agenda = std::move(v); });
      break;
    case FileKind::outcome: later(p, read_outcome(r), [](Project& x, auto&& v) { x.outcomes.push_back(std::move(v)); }); break;
    case FileKind::product: later(p, read_product(r), [](Project& x, auto&& v) { x.products.push_back(std::move(v)); }); break;
    case FileKind::resources: later(p, read_resources(r), [](Project& x, auto&& v) { x.resources = std::move(v); }); break;
  }
  if (!keeps_json(p.kind)) p.doc->forget_positions(p.text ? std::string() : (root / p.rel).string(), p.text ? *p.text : std::string());
}

// Parses and validates every pending file; each file's diagnostics stay with it, so the result (and its
// order) is the same whatever the number of threads (worker_threads, at most one per 4 files). An
// exception (out of memory, say) is thrown again here: the first in file order (main() reports it, exit 70).
void parse_all(const fs::path& root, std::vector<Pending>& pending) {
  const auto& schemas = schema::SchemaSet::embedded();
  const size_t threads = std::min(worker_threads(), std::max(pending.size() / 4, size_t{1}));
  parallel_for(pending.size(), threads, [&](size_t i) {
    Pending& p = pending[i];
    auto doc = p.text ? parse_yaml(*p.text, p.shown, p.diags) : load_yaml_file((root / p.rel).string(), p.shown, p.diags);
    if (doc) p.doc = std::make_unique<YamlDocument>(std::move(*doc));
    if (p.doc && p.doc->json.is_null()) p.diags.error({p.shown, 0, 0}, "the file is empty");
    p.valid = p.doc && !p.doc->json.is_null() && schemas.validate(kind_name(p.kind), *p.doc, p.diags);
    if (p.valid) read_entity(root, p);
  });
}

}  // namespace

Project load_project(const fs::path& root, const std::string& display_root, Diagnostics& diags, const Overlay& overlay,
                     const std::optional<std::set<FileKind>>& only) {
  Project project;
  project.root = root;
  project.display_root = display_root;
  project.only = only;

  // The folder is walked while the schemas are compiled (2 ms each at scale S: docs/performance.md, fix 44).
  std::vector<std::string> files;
  parallel_for(2, worker_threads(), [&](size_t task) {
    if (task == 0) {
      files = list_yaml_files(root, display_root, diags);
    } else {
      schema::SchemaSet::embedded();
    }
  });
  for (const auto& [rel, text] : overlay) {
    if (!std::binary_search(files.begin(), files.end(), rel)) files.insert(std::upper_bound(files.begin(), files.end(), rel), rel);
  }
  std::vector<Pending> pending;
  for (const auto& rel : files) {
    std::string shown = display_path(display_root, rel);
    std::string file_id;
    auto kind = classify(rel, &file_id);
    if (!kind) {
      diags.warning({shown, 0, 0}, "unknown file: collab reads YAML files only in the places docs/format.md names");
      continue;
    }
    if (!project.reads(*kind)) continue;
    if (*kind != FileKind::collaborative && *kind != FileKind::rubric && *kind != FileKind::decisions &&
        *kind != FileKind::driver_diagram && *kind != FileKind::theory_of_change && *kind != FileKind::learning_agenda &&
        *kind != FileKind::resources) {
      std::string last = file_id.substr(file_id.rfind('/') + 1);
      std::string first = file_id.substr(0, file_id.find('/'));
      if (!is_slug(first) || !is_slug(last)) {
        diags.error({shown, 0, 0},
                    "the file name is not an ID: use lower-case letters, digits and hyphens, starting with a "
                    "letter or digit, at most 63 characters");
        continue;
      }
      if (is_reserved_file_name(first) || is_reserved_file_name(last)) {
        diags.error({shown, 0, 0},
                    fmt::format("'{}' is a name Windows reserves for a device (con, prn, aux, nul, com0-9, lpt0-9): the "
                                "file cannot be checked out there; choose another ID",
                                is_reserved_file_name(last) ? last : first));
        continue;
      }
    }
    Pending p;
    p.rel = rel;
    p.shown = std::move(shown);
    p.file_id = std::move(file_id);
    p.kind = *kind;
    if (auto stand_in = overlay.find(rel); stand_in != overlay.end()) p.text = &stand_in->second;
    pending.push_back(std::move(p));
  }
  parse_all(root, pending);

  // Each vector allocated once at its size: grown by doubling, the cycles, data and reviews of a national
  // network left a third of their capacity unused (docs/performance.md).
  std::map<FileKind, size_t> usable;
  for (const auto& p : pending) usable[p.kind] += p.valid ? 1 : 0;
  project.documents.reserve(pending.size());
  project.organizations.reserve(usable[FileKind::organization]);
  project.teams.reserve(usable[FileKind::team]);
  project.eois.reserve(usable[FileKind::eoi]);
  project.reviews.reserve(usable[FileKind::review]);
  project.events.reserve(usable[FileKind::event]);
  project.attendance.reserve(usable[FileKind::attendance]);
  project.data.reserve(usable[FileKind::data]);
  project.assessments.reserve(usable[FileKind::assessment]);
  project.cycles.reserve(usable[FileKind::pdsa]);

  for (auto& p : pending) {
    const std::string& file_id = p.file_id;
    const FileKind kind = p.kind;
    auto& doc = p.doc;
    ++project.files_read;
    diags.append(p.diags);
    if (!p.valid) {
      project.unusable[kind].insert(file_id);
      if (kind == FileKind::team) note_unusable_members(doc ? &doc->json : nullptr, project);
      continue;
    }

    project.documents.push_back(std::move(doc));
    if (p.commit) p.commit(project);
  }
  sort_cycles(project.cycles);
  project.build_index();
  return project;
}

}  // namespace collab::model
