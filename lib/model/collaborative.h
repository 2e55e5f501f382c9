// The collaborative's model: one struct per file kind of docs/format.md, filled from files that passed
// their schema. Every entity remembers where it came from (`src`), so a check on the model can point at
// the YAML line of the field it is unhappy with. Dates that do not exist (2026-02-30) are reported when
// loading and left empty in the model.
#pragma once

#include "core/dates.h"
#include "io/yaml_document.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collab::model {

// Where an entity stands: its document and the JSON pointer of its node there.
struct Source {
  const YamlDocument* doc = nullptr;
  std::string pointer;

  Location at(const std::string& field = {}) const;      // the value of `field` ("members/0/id")
  Location key_at(const std::string& field) const;       // the key of `field`
  std::string path() const { return doc ? doc->path : std::string(); }
};

struct Sponsor {
  std::string name, type;
};

struct Phase {
  Source src;
  std::string id, name;
  std::optional<Date> start, end;
};

struct Goal {
  Source src;
  std::string id, text, measure;
  std::optional<double> target;
  std::optional<Date> by;
};

struct FacultyMember {
  Source src;
  std::string id, name, email, organization;
  std::vector<std::string> roles;
  bool has_role(const std::string& role) const;
};

struct Design {
  std::string purpose, membership, scope, format, facilitation, meeting_frequency, stage;
  std::optional<int> capacity;
};

struct CoreTeamRules {
  std::vector<std::string> required_roles;
  std::optional<int> min_members, max_members;
};

// collab.yaml's `data`: when team data are due and which signal rules apply unless a measure says.
struct SignalRules {
  std::string run_chart, control_chart;  // empty: not set here
};

// collab.yaml's `schedule`: constraints for `collab schedule` (docs/format.md).
struct Blackout {
  Source src;
  std::string name;
  std::optional<Date> start, end;     // end: inclusive; the start day when absent
  std::vector<std::string> regions;   // organizations' regions or countries; empty: everyone
};

struct ScheduleSettings {
  std::vector<std::string> weekdays;  // allowed days, "mon".."sun"; empty: any
  std::string working_hours;          // "HH:MM-HH:MM"; empty: 08:00-18:00
  std::optional<int> min_gap_days;    // between learning sessions
  std::optional<double> min_coverage; // of a call slot; 0.8 when absent
  std::vector<Blackout> blackouts;
};

struct Collaborative {
  Source src;
  std::string id, name, focus, kind, model, timezone;
  std::vector<Sponsor> sponsors;
  std::optional<Date> start, end;
  Design design;
  std::vector<Phase> phases;
  std::vector<Goal> goals;
  CoreTeamRules core_team;
  std::optional<int> data_due_day;
  std::optional<int> data_weekly_due_days;  // days after a week's Sunday its data are due (7 when absent)
  std::optional<Period> data_from;
  SignalRules rules;
  std::vector<FacultyMember> faculty;
  ScheduleSettings schedule;

  const FacultyMember* find_faculty(const std::string& id) const;
};

struct Organization {
  Source src;
  std::string id, name, region, country, sector, timezone, website;
};

struct Member {
  Source src;
  std::string id, name, email, engagement;  // engagement: passenger, deep-diver, crew or empty
  std::vector<std::string> roles;
  std::optional<Date> joined, left;
  std::string timezone, working_hours;  // overrides of the team's; empty when not given
  bool has_role(const std::string& role) const;
};

// An aim: specific, measurable, time-bound (driver-diagram.yaml, and a team's own).
struct Aim {
  Source src;
  std::string text, measure;
  std::optional<double> target;
  std::optional<Date> by;
};

// The measures that tell whether a change idea works, by family.
struct IdeaMeasures {
  std::vector<std::string> outcome, process, balancing;
};

// A change idea: in the change package (team empty) or a team's own (team set).
struct ChangeIdea {
  Source src;
  std::string id, name, description, team;
  std::vector<std::string> drivers;
  IdeaMeasures measures;
};

struct Driver {
  Source src;
  std::string id, name, description;
  std::vector<std::string> primary;  // secondary drivers: the primary drivers they feed
};

// driver-diagram.yaml: the aim, the drivers and the change package.
struct DriverDiagram {
  Source src;
  Aim aim;
  std::vector<Driver> primary, secondary;
  std::vector<ChangeIdea> ideas;
};

struct Withdrawal {
  std::optional<Date> date;
  std::string reason;
};

struct Team {
  Source src;
  std::string id, name, organization, eoi, status;  // status: active, withdrawn, completed
  std::string timezone, working_hours;  // overrides of the organization's / collab.yaml's; empty when not given
  std::optional<Date> joined, completed;
  std::optional<Withdrawal> withdrawal;
  std::vector<Goal> goals;
  std::optional<Aim> aim;
  std::vector<std::string> change_ideas;  // the change package's ideas the team works on
  std::vector<ChangeIdea> own_ideas;      // team set to the team's ID
  std::vector<Member> members;
};

struct ProposedMember {
  std::string name, email;
  std::vector<std::string> roles;
};

struct Eoi {
  Source src;
  std::string id, status;
  std::optional<Date> submitted;
  Organization organization;  // as the applicant described it; organization.id set once enrolled
  std::string contact_name, contact_email;
  std::map<std::string, nlohmann::json> answers;
  std::vector<ProposedMember> proposed_team;
  std::string source_mapping, source_key;  // `source`: the mapping and form row key it was imported with
};

// How a gate is decided from the EOI itself (docs/format.md, rubric.yaml).
struct GateRule {
  std::string answer;                 // the EOI answer read by `in` and `at_least`
  std::vector<nlohmann::json> in;     // passing answers
  std::optional<double> at_least;
  std::map<std::string, int> roles;   // proposed team: at least this many members with each role
  std::optional<int> min_members, max_members;
};

struct Gate {
  Source src;
  std::string id, question;
  std::optional<GateRule> rule;  // none: the reviewers answer the gate
};

struct AutoScore {
  std::string answer;
  std::map<std::string, double> points;  // answer text -> points; empty: a numeric answer is the score
};

struct Criterion {
  Source src;
  std::string id, name, description;
  double weight = 1, min = 0, max = 0;
  std::map<std::string, std::string> anchors;
  std::optional<AutoScore> automatic;
};

struct ScoringSettings {
  std::string aggregation = "mean";    // mean, median, trimmed-mean
  double trim = 0.2;
  std::string normalization = "none";  // none, z-score
  std::optional<double> disagreement;
};

struct QuotaSpec {
  Source src;
  std::string attribute;  // region, country, sector, timezone, answers.<id>
  nlohmann::json value;
  std::optional<int> min, max;
};

struct SelectionSettings {
  std::optional<int> capacity;
  std::optional<double> cut;
  std::vector<QuotaSpec> quotas;
};

struct Rubric {
  Source src;
  std::vector<Gate> gates;
  std::vector<Criterion> criteria;
  std::optional<int> reviewers_per_eoi;
  ScoringSettings scoring;
  SelectionSettings selection;
  const Criterion* find_criterion(const std::string& id) const;
  const Gate* find_gate(const std::string& id) const;
};

struct Review {
  Source src;
  std::string eoi, reviewer, comments;
  std::optional<Date> submitted;
  bool conflict = false;
  std::map<std::string, bool> gates;
  std::map<std::string, double> scores;
};

struct Recurrence {
  std::string frequency;  // weekly, biweekly, monthly
  std::optional<Date> until;
  std::optional<int> count;
  std::optional<int> week;        // monthly: the nth (1-4, -1 last) weekday of start's weekday
  std::vector<Date> skip;         // occurrences that do not take place (EXDATE)
};

struct Event {
  Source src;
  std::string id, name, type, phase, start, end, timezone, format, location, url, description;
  std::optional<int> duration_minutes;
  bool required = false;
  bool pinned = false;  // placed by hand: collab schedule plan plans around it
  std::vector<std::string> teams;  // the teams it is for; empty: everyone
  std::optional<Recurrence> recurrence;
  std::optional<Date> start_date() const;
  std::optional<Date> end_date() const;  // end's date, else start's
};

struct Attendance {
  Source src;
  std::string id, event;
  std::optional<Date> date;
  std::vector<std::string> present, excused;
  int guests = 0;
};

struct Rebase {
  Source src;
  std::optional<ReportingPeriod> period;  // a week for a weekly measure
  std::string team, reason;  // team empty: every team's chart and the pooled one
  std::optional<int> periods;
};

struct Measure {
  Source src;
  std::string id, name, type, category, numerator, denominator, exclusions, unit, better, chart;
  std::string frequency = "monthly";  // monthly (YYYY-MM periods) or weekly (ISO weeks, YYYY-Www)
  bool core = false;
  std::optional<double> multiplier, goal;
  std::optional<Date> goal_by;
  std::optional<ReportingPeriod> baseline_from, baseline_to;  // weeks for a weekly measure
  std::optional<int> baseline_periods;
  SignalRules rules;
  std::vector<Rebase> rebases;
  bool weekly() const { return frequency == "weekly"; }
};

// An optional number in 8 bytes instead of std::optional<double>'s 16, with the part of its interface that
// Value's users need: NaN stands for "none" (a value read from a data file is finite; a NaN set is none).
class OptionalNumber {
 public:
  OptionalNumber() = default;
  OptionalNumber(std::nullopt_t) {}
  OptionalNumber(double v) : v_(v) {}
  OptionalNumber(const std::optional<double>& v) : v_(v ? *v : kNone) {}
  OptionalNumber& operator=(std::nullopt_t) {
    v_ = kNone;
    return *this;
  }
  bool has_value() const { return !std::isnan(v_); }
  explicit operator bool() const { return has_value(); }
  const double& operator*() const { return v_; }  // only when has_value()
  double value_or(double other) const { return has_value() ? v_ : other; }
  operator std::optional<double>() const { return has_value() ? std::optional<double>(v_) : std::nullopt; }
  void reset() { v_ = kNone; }
  // As std::optional's: two nones are equal, a none and a number are not.
  friend bool operator==(const OptionalNumber& a, const OptionalNumber& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || a.v_ == b.v_);
  }
  friend bool operator!=(const OptionalNumber& a, const OptionalNumber& b) { return !(a == b); }

 private:
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  double v_ = kNone;
};

// One measure's value in one period. Its two texts are rare and live apart, on the heap and only when given,
// and its numbers are OptionalNumbers: a value is 32 bytes instead of 120, and a national network has
// 288,000 of them (docs/performance.md).
class Value {
 public:
  OptionalNumber numerator, denominator, value;

  Value() = default;
  Value(const Value& o)
      : numerator(o.numerator), denominator(o.denominator), value(o.value),
        texts_(o.texts_ ? std::make_unique<Texts>(*o.texts_) : nullptr) {}
  Value& operator=(const Value& o) {
    if (this != &o) *this = Value(o);
    return *this;
  }
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;

  // Why no value was reported (none when one was), and the team's note.
  const std::optional<std::string>& missing() const { return texts_ ? texts_->missing : kNone; }
  const std::string& note() const { return texts_ ? texts_->note : kEmpty; }
  void set_missing(std::optional<std::string> reason) {
    if (reason || texts_) texts().missing = std::move(reason);
  }
  void set_note(std::string note) {
    if (!note.empty() || texts_) texts().note = std::move(note);
  }

 private:
  struct Texts {
    std::optional<std::string> missing;
    std::string note;
  };
  Texts& texts() {
    if (!texts_) texts_ = std::make_unique<Texts>();
    return *texts_;
  }
  static inline const std::optional<std::string> kNone{};
  static inline const std::string kEmpty{};
  std::unique_ptr<Texts> texts_;
};

// One period's values by measure ID, in ID order: a sorted vector, not a std::map, as the data files hold
// most of a collaborative's numbers (288,000 values at the benchmark's scale L) and a map's node and its
// allocation cost about as much as the value itself; and each entry points to one interned copy of its ID
// (core/text.h) rather than holding its own, 32 bytes and most often a heap copy more (docs/performance.md).
// Iterating gives (ID, value) pairs of references: `for (const auto& [id, v] : table)`.
class ValueTable {
  struct Entry {
    const std::string* measure;
    Value value;
  };
  using Entries = std::vector<Entry>;

 public:
  using value_type = std::pair<const std::string&, const Value&>;

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ValueTable::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = value_type;
    struct pointer {
      value_type pair;
      const value_type* operator->() const { return &pair; }
    };

    const_iterator() = default;
    explicit const_iterator(Entries::const_iterator at) : at_(at) {}
    reference operator*() const { return {*at_->measure, at_->value}; }
    pointer operator->() const { return {**this}; }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++at_;
      return old;
    }
    bool operator==(const const_iterator& o) const { return at_ == o.at_; }
    bool operator!=(const const_iterator& o) const { return at_ != o.at_; }

   private:
    Entries::const_iterator at_;
  };

  const_iterator begin() const { return const_iterator(entries_.begin()); }
  const_iterator end() const { return const_iterator(entries_.end()); }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void reserve(size_t n) { entries_.reserve(n); }

  const_iterator find(std::string_view measure) const {
    auto it = lower(entries_.begin(), entries_.end(), measure);
    return const_iterator(it != entries_.end() && *it->measure == measure ? it : entries_.end());
  }
  Value& operator[](std::string_view measure);

 private:
  template <class It>
  static It lower(It first, It last, std::string_view measure) {
    return std::lower_bound(first, last, measure, [](const Entry& e, std::string_view m) { return std::string_view(*e.measure) < m; });
  }
  Entries entries_;
};

struct DataPeriod {
  Source src;
  std::optional<ReportingPeriod> period;  // a month, or a week for weekly measures
  std::optional<Date> submitted;
  ValueTable values;
};

struct TeamData {
  Source src;
  std::string team;
  std::vector<DataPeriod> periods;
};

struct Rating {
  Source src;
  std::optional<Period> period;
  double score = 0;
  std::optional<double> self_score;
  std::string assessor, note;
};

struct TeamAssessments {
  Source src;
  std::string team;
  std::vector<Rating> ratings;
};

struct Tie {
  Source src;
  std::string from, to, relation;
  std::optional<int> strength, trust;
};

struct NetworkWave {
  Source src;
  std::string id;
  std::optional<Date> date;
  std::vector<std::string> respondents;
  std::vector<Tie> ties;
};

// pdsa/<team>/<id>.yaml: one Plan-Do-Study-Act cycle. Only what is computed with or shown: its prediction,
// questions, plan, what was done, what was learned and what comes next stay in the file (checked by its
// schema; `collab pdsa` edits the file's text), not in the model, which a national network's 11,000 cycles
// would otherwise fill with about 12 MB of text (docs/performance.md, fix 42).
struct PdsaCycle {
  Source src;
  std::string id, team, idea, builds_on, objective;
  std::optional<Date> start;
  std::optional<Date> end;      // do.end
  std::string decision;         // act.decision: adopt, adapt, abandon or empty (not decided yet)
  std::optional<Date> decided;  // act.date
};

// mappings/<id>.yaml: how a form export's columns become EOIs. Its fields are read by lib/enroll from the
// document (src.doc->json), which passed mapping.schema.json.
struct MappingFile {
  Source src;
  std::string id;
};

// decisions.yaml: what score-eoi decided, for enroll to act on.
struct Decision {
  Source src;
  std::string eoi, decision, reason;
  std::optional<int> rank;
  std::optional<double> total;
};

struct Decisions {
  Source src;
  std::string aggregation, normalization;
  std::optional<int> capacity;
  std::vector<Decision> decisions;
};


// ---- Monitoring, evaluation and learning (docs/format.md, "Evaluation") ----

// theory-of-change.yaml: activities lead to outputs, outputs to outcomes at member, network and field level.
struct TocNode {
  Source src;
  std::string id, name, description;
  std::string level;               // outcomes: member, network or field; empty for activities and outputs
  std::vector<std::string> from;   // the nodes that lead to this one (outputs: activities; outcomes: outputs, outcomes)
};

// A sign of progress towards an outcome: an indicator with a target to reach by a date.
struct Milestone {
  Source src;
  std::string id, outcome, indicator, measure, unit;  // measure: optional, a measure of measures/
  std::optional<double> target, actual;
  std::optional<Date> by, met;     // met: when it was reached; a milestone past `by` and not met is overdue
};

// One piece of evidence behind a link of a contribution claim.
struct EvidenceRef {
  std::string kind, id;  // kind: outcome, survey, measure, product, network
};

struct Alternative {
  std::string explanation, status;  // status: ruled-out, partly, open
};

// A link of the theory of change (`from` leads to `to`) as a claim relies on it.
struct ClaimLink {
  Source src;
  std::string from, to;
  std::vector<EvidenceRef> evidence;
  std::vector<Alternative> alternatives;
};

// A contribution claim (Mayne): the collaborative contributed to an outcome along these links.
struct ContributionClaim {
  Source src;
  std::string id, claim, outcome;
  std::vector<ClaimLink> links;
};

struct TheoryOfChange {
  Source src;
  std::optional<Date> review_by, reviewed;
  std::vector<TocNode> activities, outputs, outcomes;
  std::vector<Milestone> milestones;
  std::vector<ContributionClaim> claims;
  const TocNode* find(const std::string& id) const;  // any level
};

// surveys/<id>.yaml: a feedback instrument.
struct SurveyItem {
  Source src;
  std::string id, text, type;  // type: scale, nps, open
  int min = 1, max = 5;        // scale: the points; nps: 0-10
  std::optional<int> level;    // Kirkpatrick level 1-4
};

struct Survey {
  Source src;
  std::string id, name;
  std::vector<std::string> events;         // the events it asks about; empty: any event
  std::optional<int> follow_up_days;       // a follow-up survey: due this many days after each event
  int window_days = 14;                    // a due follow-up is overdue after this many days without a response
  double partial_at = 0.5;                 // share of closed items answered that makes a partial response
  std::vector<SurveyItem> items;
  const SurveyItem* find_item(const std::string& id) const;
};

// responses/<survey>.yaml: the answers to one survey.
struct SurveyResponse {
  Source src;
  std::string id, event, member;
  std::optional<Date> submitted;
  std::vector<std::pair<std::string, nlohmann::json>> answers;  // item ID -> number (scale, nps) or text (open), in file order
};

struct SurveyResponses {
  Source src;
  std::string survey;
  std::vector<SurveyResponse> responses;
};

// learning-agenda.yaml: topics, and the members' votes that set the agenda.
struct AgendaTopic {
  Source src;
  std::string id, title, description, proposed_by, group, status;  // status: proposed, agreed, dropped
  std::vector<std::string> events;  // the events that serve an agreed topic
};

struct Ballot {
  Source src;
  std::string voter, group;  // voter: a member or faculty ID; group: a stakeholder group (default: the voter's organization)
  std::optional<Date> date;
  std::vector<std::pair<std::string, int>> dots;  // dot voting: topic -> dots, in file order
  std::vector<std::string> ranking;               // ranked ballot (Borda): first choice first
};

struct LearningAgenda {
  Source src;
  std::string method = "dots";  // dots or borda
  int dots = 3;                 // dots per voter
  std::optional<int> max_per_topic;
  std::vector<AgendaTopic> topics;
  std::vector<Ballot> votes;
  const AgendaTopic* find_topic(const std::string& id) const;
};

// outcomes/<id>.yaml: an outcome statement (outcome harvesting).
struct Substantiation {
  Source src;
  std::string by, verdict, note;  // verdict: confirmed, partly, not-confirmed
  bool independent = true;
  std::optional<Date> date;
};

struct OutcomeStatement {
  Source src;
  std::string id, actor, change, where, significance, contribution;
  std::string type;    // behaviour, relationship, action, policy, practice
  std::string effect;  // positive, negative
  bool intended = true;
  std::optional<Date> when, harvested;
  std::vector<std::string> events, products, members, sources, toc_outcomes;
  std::vector<Substantiation> substantiations;
};

// products/<id>.yaml: a knowledge product.
struct KnowledgeProduct {
  Source src;
  std::string id, title, type, status, url, description;  // status: planned, draft, published
  std::vector<std::string> authors, events;  // authors: member or faculty IDs
  std::optional<Date> date;
};

// resources.yaml: funding and members' in-kind contributions.
struct Funding {
  Source src;
  std::string funder, note;
  int year = 0;
  double amount = 0;
};

struct InKind {
  Source src;
  std::string member, event, category, note;  // category: hosting, time, travel, expertise
  std::optional<double> hours, amount;        // hours are valued at the category's rate
  std::optional<Date> date;
};

struct Resources {
  Source src;
  std::string currency;
  std::map<std::string, double> rates;  // in-kind category -> value of an hour
  double dominance = 0.5;               // a funder with more than this share dominates
  std::vector<Funding> funding;
  std::vector<InKind> in_kind;
};

}  // namespace collab::model
