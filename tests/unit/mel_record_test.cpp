// lib/evaluation: the writers of collab mel (a ballot, an outcome statement, a substantiation, an in-kind
// contribution) and the import of survey responses from a CSV, each on a copy of tests/e2e/base with the
// evaluation files written in; every change is checked by validate's own checks (check_changes).
#include "evaluation/record.h"
#include "evaluation/responses_import.h"
#include "base_copy.h"
#include "io/csv_read.h"
#include "model/project.h"

#include <catch2/catch.hpp>

using namespace collab;
using namespace collab::evaluation;

namespace {

const char* kSurvey = R"(id: feedback
name: Feedback
events: [ls1]
items:
  - id: useful
    text: Useful?
    type: scale
  - id: recommend
    text: Recommend?
    type: nps
  - id: comment
    text: Comment
    type: open
)";

const char* kAgenda = R"(# The agenda.
method: dots
dots: 3
max_per_topic: 2
topics:
  - id: families
    title: Families
  - id: tools
    title: Tools
votes:
  # First ballot.
  - voter: ivan
    date: 2026-01-06
    dots: {families: 2}
)";

const char* kOutcome = R"(# Kept.
id: policy
actor: Harbor
change: A policy
when: 2026-03-15
significance: Matters
contribution: Coaching
type: policy
effect: positive
)";

const char* kResources = R"(currency: USD
rates:
  time: 60 # an hour
in_kind: []
)";

struct Fixture : test::BaseCopy {
  Fixture() : BaseCopy("mel") {
    write("surveys/feedback.yaml", kSurvey);
    write("learning-agenda.yaml", kAgenda);
    write("outcomes/policy.yaml", kOutcome);
    write("resources.yaml", kResources);
  }
  model::Project load() {
    Diagnostics diags;
    model::Project p = model::load_project(root, "", diags);
    REQUIRE_FALSE(diags.has_errors());
    return p;
  }
  void apply(const FileChange& c) const { write(c.path, c.content); }
};

std::string message(const Error& e) { return e.message; }

ResponsesImport import(const model::Project& p, const std::string& csv, ResponsesImportSpec spec = {}) {
  if (spec.survey.empty()) spec.survey = "feedback";
  auto table = read_csv(csv, "in.csv");
  REQUIRE(table);
  auto r = import_responses(p, *table, "in.csv", spec);
  REQUIRE(r);
  return *r;
}

std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(format_text(x));
  return out;
}

}  // namespace

TEST_CASE("mel vote: a dot ballot is appended, comments kept; what it refuses", "[mel]") {
  Fixture f;
  auto p = f.load();
  VoteSpec v;
  v.voter = "hana";
  v.dots = {"tools=2", "families"};
  v.date = "2026-01-06";
  auto c = record_vote(p, v);
  REQUIRE(c);
  CHECK(c->content == std::string(kAgenda) + "  - voter: hana\n    date: 2026-01-06\n    dots:\n      tools: 2\n      families: 1\n");
  CHECK(c->summary == "ballot of 'hana' added to learning-agenda.yaml: dots tools 2, families 1");
  CHECK(verify_change(p, *c));

  auto refused = [&](VoteSpec s) {
    auto r = record_vote(p, s);
    REQUIRE_FALSE(r);
    return message(r.error());
  };
  VoteSpec many = v;
  many.dots = {"tools=2", "families=2"};
  CHECK(refused(many) == "4 dots in all, but learning-agenda.yaml gives each voter 3 (dots)");
  VoteSpec per = v;
  per.dots = {"tools=3"};
  CHECK(refused(per) == "--dot tools=3: learning-agenda.yaml allows at most 2 dot(s) on one topic (max_per_topic)");
  VoteSpec unknown = v;
  unknown.dots = {"wellbeing"};
  CHECK(refused(unknown) == "--dot 'wellbeing': no topic 'wellbeing' in learning-agenda.yaml (topics: families, tools)");
  VoteSpec twice = v;
  twice.dots = {"tools", "tools"};
  CHECK(refused(twice) == "--dot 'tools' is given twice: give it once, with its number of dots (--dot tools=N)");
  VoteSpec rank = v;
  rank.dots.clear();
  rank.ranking = {"tools,families"};
  CHECK(refused(rank) == "learning-agenda.yaml uses dot voting (method: dots): give --dot TOPIC[=N], not --rank");
  VoteSpec zero = v;
  zero.dots = {"tools=0"};
  CHECK(refused(zero) == "--dot tools=0: '0' is not a whole number of dots from 1");
  VoteSpec again = v;
  again.voter = "ivan";
  auto r = record_vote(p, again);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::cannot_create);
  CHECK(message(r.error()) == "'ivan' has voted already (learning-agenda.yaml, vote 1, dated 2026-01-06); nothing was written: "
                              "--replace replaces the ballot");
}

TEST_CASE("mel vote --replace rewrites the ballot in place; a borda agenda takes rankings", "[mel]") {
  Fixture f;
  auto p = f.load();
  VoteSpec v;
  v.voter = "ivan";
  v.dots = {"tools"};
  v.group = "Supervisors";
  v.replace = true;
  auto c = record_vote(p, v);
  REQUIRE(c);
  CHECK(c->content.find("  # First ballot.\n  - voter: ivan\n    group: Supervisors\n    dots:\n      tools: 1\n") != std::string::npos);
  CHECK(verify_change(p, *c));

  std::string borda = kAgenda;
  borda.replace(borda.find("method: dots"), 12, "method: borda");
  borda = borda.substr(0, borda.find("votes:"));
  f.write("learning-agenda.yaml", borda);
  auto q = f.load();
  VoteSpec r;
  r.voter = "hana";
  r.ranking = {"tools, families"};
  auto b = record_vote(q, r);
  REQUIRE(b);
  CHECK(b->content == borda + "votes:\n  - voter: hana\n    ranking:\n      - tools\n      - families\n");
  CHECK(verify_change(q, *b));
  r.ranking = {"tools,tools"};
  auto t = record_vote(q, r);
  REQUIRE_FALSE(t);
  CHECK(message(t.error()) == "--rank names topic 'tools' twice: a ranking names each topic once");
}

TEST_CASE("mel outcome: the new file, and what it refuses", "[mel]") {
  Fixture f;
  auto p = f.load();
  OutcomeSpec o;
  o.id = "referrals";
  o.actor = "School nurses";
  o.change = "Refer: children with signs";
  o.when = "2026-05-10";
  o.significance = "Sooner care";
  o.contribution = "A talk";
  o.type = "relationship";
  o.effect = "positive";
  o.unintended = true;
  o.events = {"ls1"};
  o.sources = {"Interview, June"};
  auto c = add_outcome(p, o);
  REQUIRE(c);
  CHECK(c->created);
  CHECK(c->path == "outcomes/referrals.yaml");
  CHECK(c->content.find("id: referrals\nactor: School nurses\nchange: \"Refer: children with signs\"\nwhen: 2026-05-10\n"
                        "significance: Sooner care\ncontribution: A talk\ntype: relationship\neffect: positive\n"
                        "intended: false\nevents: [ls1]\nsources:\n  - \"Interview, June\"\n") != std::string::npos);
  CHECK(verify_change(p, *c));

  auto refused = [&](OutcomeSpec s) {
    auto r = add_outcome(p, s);
    REQUIRE_FALSE(r);
    return r.error();
  };
  OutcomeSpec exists = o;
  exists.id = "policy";
  CHECK(refused(exists).kind == ErrorKind::cannot_create);
  CHECK(message(refused(exists)) == "outcome 'policy' exists already (outcomes/policy.yaml); nothing was written: choose another --id");
  OutcomeSpec member = o;
  member.members = {"zed"};
  CHECK(message(refused(member)) == "--member 'zed': no member 'zed' in teams/");
  OutcomeSpec toc = o;
  toc.toc_outcomes = {"better-care"};
  CHECK(message(refused(toc)) == "--toc-outcome 'better-care': no outcome 'better-care' among the outcomes of theory-of-change.yaml");
  OutcomeSpec date = o;
  date.when = "2026-02-30";
  CHECK(message(refused(date)) == "--when 2026-02-30 is not a date YYYY-MM-DD that exists");
  OutcomeSpec effect = o;
  effect.effect = "good";
  CHECK(message(refused(effect)) == "--effect 'good' is not one of positive, negative");
  OutcomeSpec twice = o;
  twice.events = {"ls1", "ls1"};
  CHECK(message(refused(twice)) == "--event 'ls1' is given twice");
}

TEST_CASE("mel substantiate: appended in place; the same one twice, an unknown outcome", "[mel]") {
  Fixture f;
  auto p = f.load();
  SubstantiationSpec s;
  s.outcome = "policy";
  s.by = "County office";
  s.verdict = "partly";
  s.independent = false;
  s.date = "2026-04-01";
  auto c = substantiate(p, s);
  REQUIRE(c);
  CHECK(c->content == std::string(kOutcome) +
                          "substantiations:\n  - by: County office\n    independent: false\n    date: 2026-04-01\n    verdict: partly\n");
  CHECK(verify_change(p, *c));
  f.apply(*c);
  auto q = f.load();
  auto again = substantiate(q, s);
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::cannot_create);
  SubstantiationSpec early = s;
  early.date = "2026-03-01";
  auto e = substantiate(q, early);
  REQUIRE_FALSE(e);
  CHECK(message(e.error()) == "--date 2026-03-01 is before the outcome (outcomes/policy.yaml when: 2026-03-15): a substantiation comes after it");
  SubstantiationSpec unknown = s;
  unknown.outcome = "nope";
  auto u = substantiate(q, unknown);
  REQUIRE_FALSE(u);
  CHECK(u.error().kind == ErrorKind::usage);
  CHECK(message(u.error()) == "no outcome 'nope' in outcomes/ (outcomes: policy)");
}

TEST_CASE("mel contribute: appended; numbers checked; validate refuses hours without a rate", "[mel]") {
  Fixture f;
  auto p = f.load();
  ContributionSpec s;
  s.member = "jo";
  s.category = "time";
  s.hours = "2.5";
  s.event = "ls1";
  auto c = record_contribution(p, s);
  REQUIRE(c);
  CHECK(c->content == "currency: USD\nrates:\n  time: 60 # an hour\nin_kind:\n  - member: jo\n    event: ls1\n    category: time\n    hours: 2.5\n");
  CHECK(verify_change(p, *c));

  auto refused = [&](ContributionSpec x) {
    auto r = record_contribution(p, x);
    REQUIRE_FALSE(r);
    return message(r.error());
  };
  ContributionSpec negative = s;
  negative.hours.clear();
  negative.amount = "-5";
  CHECK(refused(negative) == "--amount -5 is negative: give a number of zero or more");
  ContributionSpec text = s;
  text.hours = "two";
  CHECK(refused(text) == "--hours 'two' is not a number");
  ContributionSpec both = s;
  both.amount = "3";
  CHECK(refused(both) == "give --hours (valued at the category's rate in resources.yaml) or --amount (a value in its currency), one of them");

  ContributionSpec no_rate = s;
  no_rate.category = "expertise";
  auto x = record_contribution(p, no_rate);
  REQUIRE(x);  // the option checks pass; validate's own checks refuse it
  auto v = verify_change(p, *x);
  REQUIRE_FALSE(v);
  CHECK(v.error().kind == ErrorKind::usage);
  CHECK(message(v.error()).find("resources.yaml would not pass collab validate; nothing was written:\n") == 0);
  CHECK(message(v.error()).find("rates has no 'expertise' rate") != std::string::npos);

  f.write("resources.yaml", "");
  std::filesystem::remove(f.root / "resources.yaml");
  auto q = f.load();
  auto none = record_contribution(q, s);
  REQUIRE_FALSE(none);
  CHECK(message(none.error()).find("there is no resources.yaml") == 0);
}

TEST_CASE("mel import: good rows in, bad rows refused with their column, re-import unchanged", "[mel]") {
  Fixture f;
  auto p = f.load();
  const std::string csv =
      "Response,event,Email,submitted,useful,recommend,comment\n"
      "r1,ls1,HANA@example.org,2026-01-06,5,9,\"Good, thanks\"\n"
      "r2,ls1,,,6,,\n"
      "r3,calls,,,4,,\n"
      "r4,ls1,,,4,11,\n"
      "r1,ls1,,,4,,\n"
      "r5,ls1,,2026-13-01,4,,\n"
      "r6,ls1,,,,,\n";
  auto r = import(p, csv);
  CHECK(r.rows == 7);
  CHECK(r.added == 2);
  CHECK(messages(r.refused) == std::vector<std::string>{
                                   "in.csv:3: error: row 2, column 'useful': '6' is not on the scale of item 'useful': a whole number from 1 to 5",
                                   "in.csv:4: error: row 3, column 'event': survey 'feedback' asks about ls1, not 'calls'",
                                   "in.csv:5: error: row 4, column 'recommend': '11' is not on the 0-10 scale of item 'recommend': a whole number from 0 to 10",
                                   "in.csv:6: error: row 5, column 'Response': response 'r1' is in row 1 already",
                                   "in.csv:7: error: row 6, column 'submitted': '2026-13-01' is not a date (YYYY-MM-DD)"});
  REQUIRE(r.file);
  CHECK(r.file->created);
  CHECK(r.file->content ==
        "# yaml-language-server: $schema=../.collab/schemas/responses.schema.json\n"
        "# Responses to survey feedback, imported by collab mel import.\n\n"
        "survey: feedback\nresponses:\n"
        "  - id: r1\n    event: ls1\n    member: hana\n    submitted: 2026-01-06\n    answers:\n      useful: 5\n      recommend: 9\n"
        "      comment: \"Good, thanks\"\n"
        "  - id: r6\n    event: ls1\n    answers: {}\n");
  f.apply(*r.file);
  auto q = f.load();
  auto again = import(q, csv);
  CHECK(again.added == 0);
  CHECK(again.unchanged == 2);
  CHECK_FALSE(again.file);
}

TEST_CASE("mel import: IDs that YAML would read as numbers are written quoted", "[mel]") {
  // Form tools number their responses (12345); unquoted, `id: 12345` is a number and the schema refuses it.
  Fixture f;
  auto p = f.load();
  auto r = import(p, "id,event,useful\n12345,ls1,4\n");
  CHECK(r.refused.empty());
  CHECK(r.added == 1);
  REQUIRE(r.file);
  CHECK(r.file->content.find("  - id: \"12345\"\n    event: ls1\n") != std::string::npos);
  f.apply(*r.file);
  auto q = f.load();
  auto again = import(q, "id,event,useful\n12345,ls1,4\n");
  CHECK(again.unchanged == 1);
}

TEST_CASE("mel import: a conflict is refused unless replace, which keeps the file's comments", "[mel]") {
  Fixture f;
  f.write("responses/feedback.yaml",
          "survey: feedback\nresponses:\n  # paper form\n  - id: r1\n    event: ls1\n    submitted: 2026-01-06\n"
          "    answers:\n      useful: 4 # circled twice\n      comment: Fine\n");
  auto p = f.load();
  const std::string csv = "id,useful,recommend\nr1,5,8\n";
  ResponsesImportSpec spec;
  spec.event = "ls1";
  auto r = import(p, csv, spec);
  CHECK(messages(r.refused) == std::vector<std::string>{
                                   "in.csv:2: error: row 1, column 'id': response 'r1' is on file (responses/feedback.yaml) with other "
                                   "content (answer 'comment': 'Fine' on file, none here); --replace takes the CSV's"});
  CHECK_FALSE(r.file);
  spec.replace = true;
  auto x = import(p, csv, spec);
  CHECK(x.refused.empty());
  CHECK(x.replaced == 1);
  REQUIRE(x.file);
  CHECK(x.file->content ==
        "survey: feedback\nresponses:\n  # paper form\n  - id: r1\n    event: ls1\n    submitted: 2026-01-06\n"
        "    answers:\n      useful: 5 # circled twice\n      recommend: 8\n");
}

TEST_CASE("mel import: header problems stop the import; unknown survey or event", "[mel]") {
  Fixture f;
  auto p = f.load();
  auto r = import(p, "id,id2,useful,response\nr1,x,3,y\n");
  CHECK(messages(r.header) == std::vector<std::string>{
                                  "in.csv:1: error: column 'id2' is neither a response field (id, event, member, email, submitted) nor an "
                                  "item of survey 'feedback' (items: useful, recommend, comment)",
                                  "in.csv:1: error: columns 'id' and 'response' both give the response's ID: keep one",
                                  "in.csv:1: error: the header has no column 'event': add it, or give the event of every row with --event"});
  CHECK(r.rows == 0);
  auto table = read_csv("id,event\n", "in.csv");
  REQUIRE(table);
  ResponsesImportSpec spec;
  spec.survey = "nope";
  auto u = import_responses(p, *table, "in.csv", spec);
  REQUIRE_FALSE(u);
  CHECK(u.error().message == "no survey 'nope' in surveys/ (surveys: feedback)");
  spec.survey = "feedback";
  spec.event = "nope";
  auto e = import_responses(p, *table, "in.csv", spec);
  REQUIRE_FALSE(e);
  CHECK(e.error().message == "--event 'nope': no event 'nope' in events/");
}
