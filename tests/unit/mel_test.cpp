// lib/mel: feedback, learning agenda, resources and evaluation figures on small collaboratives built as
// model structs. Every expected figure is worked out by hand in the comment beside it, with the source of
// its formula; the definitions themselves are those of the lib/mel headers.
#include "mel/agenda.h"
#include "mel/evaluation.h"
#include "mel/feedback.h"
#include "mel/json_numbers.h"
#include "mel/resources.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using namespace collab;
using namespace collab::mel;
using Catch::Detail::Approx;
using nlohmann::json;

namespace {

Date day(const char* s) { return *parse_date(s); }

model::SurveyItem item(const char* id, const char* type, std::optional<int> level = std::nullopt, int min = 1, int max = 5) {
  model::SurveyItem it;
  it.id = id;
  it.text = id;
  it.type = type;
  it.min = type == std::string("nps") ? 0 : min;
  it.max = type == std::string("nps") ? 10 : max;
  it.level = level;
  return it;
}

model::SurveyResponse response(const char* id, const char* event, std::vector<std::pair<std::string, json>> answers) {
  model::SurveyResponse r;
  r.id = id;
  r.event = event;
  r.answers = std::move(answers);
  return r;
}

model::Event event(const char* id, const char* start, const char* end = "") {
  model::Event e;
  e.id = id;
  e.name = id;
  e.type = "learning-session";
  e.start = start;
  e.end = end;
  return e;
}

model::Attendance attendance(const char* id, const char* ev, std::vector<std::string> present, int guests) {
  model::Attendance a;
  a.id = id;
  a.event = ev;
  a.present = std::move(present);
  a.guests = guests;
  return a;
}

const ItemStats& stats(const FeedbackGroup& g, const std::string& id) {
  for (const auto& it : g.items) {
    if (it.item == id) return it;
  }
  throw std::runtime_error("no item " + id);
}

// Two learning sessions: "ls-b" in March (two days, two attendance files) and "ls-a" in June.
// Survey "feedback": useful (scale 1-5, level 1), apply (scale 1-5, level 1), nps (0-10, level 2),
// comments (open). Closed items: 3; partial_at 0.5, so 2 of 3 answered is partial, 1 of 3 a break-off.
model::Project feedback_project() {
  model::Project p;
  p.events = {event("ls-b", "2026-03-10", "2026-03-11"), event("ls-a", "2026-06-10T09:00")};
  p.attendance = {attendance("ls-b-day1", "ls-b", {"m1", "m2", "m3", "m4"}, 1),
                  attendance("ls-b-day2", "ls-b", {"m3", "m4", "m5"}, 1), attendance("ls-a", "ls-a", {"m1"}, 0)};
  model::Survey s;
  s.id = "feedback";
  s.name = "Session feedback";
  s.items = {item("useful", "scale", 1), item("apply", "scale", 1), item("nps", "nps", 2), item("comments", "open")};
  p.surveys.push_back(s);
  model::SurveyResponses rs;
  rs.survey = "feedback";
  rs.responses = {
      response("r1", "ls-b", {{"useful", 5}, {"apply", 4}, {"nps", 10}, {"comments", "Great"}}),  // complete
      response("r2", "ls-b", {{"useful", 4}, {"apply", 2}, {"nps", 8}}),                        // complete
      response("r3", "ls-b", {{"useful", 3}, {"nps", 6}}),                                      // partial, 2 of 3
      response("r4", "ls-b", {{"useful", 5}, {"comments", "skip"}}),                            // break-off, 1 of 3
      response("r5", "ls-b", {{"useful", 2}, {"apply", 5}, {"nps", 11}}),  // partial: 11 is off the 0-10 scale
      response("r6", "ls-a", {{"useful", 5}, {"apply", 5}, {"nps", 9}, {"comments", "More time"}}),  // complete
      response("r7", "ls-a", {{"useful", 4}, {"apply", 4}, {"nps", 7}}),                             // complete
  };
  p.responses.push_back(rs);
  return p;
}

}  // namespace

// ---- Feedback ----

TEST_CASE("feedback: eligible, RR1 and RR2 per event and overall", "[mel]") {
  const auto p = feedback_project();
  const auto f = survey_feedback(p, p.surveys[0], day("2026-07-01"));
  // Eligible (AAPOR Standard Definitions 2023: for an event, the eligible are those who attended):
  // ls-b: distinct present {m1, m2, m3, m4} u {m3, m4, m5} = 5, plus guests 1 + 1 = 7. ls-a: {m1} + 0 = 1.
  CHECK(eligible_for_event(p, "ls-b") == 7);
  CHECK(eligible_for_event(p, "ls-a") == 1);
  CHECK(eligible_for_event(p, "no-such-event") == 0);
  CHECK(f.closed_items == 3);
  // Events by date: ls-b (March) before ls-a (June), although "ls-a" < "ls-b".
  REQUIRE(f.events.size() == 2);
  CHECK(f.events[0].event == "ls-b");
  CHECK(f.events[1].event == "ls-a");
  // ls-b: complete r1, r2 = 2; partial r3, r5 = 2; break-off r4 = 1.
  // AAPOR RR1 = complete / eligible = 2 / 7 = 0.285714; RR2 = (complete + partial) / eligible = 4 / 7 = 0.571429.
  const auto& b = f.events[0].feedback.counts;
  CHECK(b.complete == 2);
  CHECK(b.partial == 2);
  CHECK(b.break_off == 1);
  CHECK(b.eligible == 7);
  CHECK(*b.rr1 == Approx(2.0 / 7));
  CHECK(*b.rr2 == Approx(4.0 / 7));
  CHECK_FALSE(b.over_eligible);
  // ls-a: 2 complete for 1 eligible: RR1 = RR2 = 2 / 1 = 2, reported as is and flagged.
  const auto& a = f.events[1].feedback.counts;
  CHECK(a.complete == 2);
  CHECK(a.partial == 0);
  CHECK(*a.rr1 == Approx(2.0));
  CHECK(*a.rr2 == Approx(2.0));
  CHECK(a.over_eligible);
  // Overall: sums over the two events: complete 4, partial 2, break-off 1, eligible 7 + 1 = 8;
  // RR1 = 4 / 8 = 0.5, RR2 = 6 / 8 = 0.75; 6 <= 8, not over.
  const auto& o = f.overall.counts;
  CHECK(o.complete == 4);
  CHECK(o.partial == 2);
  CHECK(o.break_off == 1);
  CHECK(o.eligible == 8);
  CHECK(*o.rr1 == Approx(0.5));
  CHECK(*o.rr2 == Approx(0.75));
  CHECK_FALSE(o.over_eligible);
}

TEST_CASE("feedback: item mean, distribution, top-2-box and NPS", "[mel]") {
  const auto p = feedback_project();
  const auto f = survey_feedback(p, p.surveys[0], day("2026-07-01"));
  // Items count complete and partial responses only (r1, r2, r3, r5 at ls-b; r6, r7 at ls-a); r4 is a break-off.
  // ls-b useful: 5, 4, 3, 2 -> n 4, mean 14 / 4 = 3.5; top-2-box (points 5 and 4) = 2 / 4 = 0.5.
  const auto& bu = stats(f.events[0].feedback, "useful");
  CHECK(bu.n == 4);
  CHECK(*bu.mean == Approx(3.5));
  CHECK(bu.distribution == std::vector<int>{0, 1, 1, 1, 1});  // points 1..5
  CHECK(*bu.top2_box == Approx(0.5));
  // ls-b apply: 4, 2, 5 -> n 3, mean 11 / 3 = 3.666667; top-2-box 2 / 3.
  const auto& ba = stats(f.events[0].feedback, "apply");
  CHECK(ba.n == 3);
  CHECK(*ba.mean == Approx(11.0 / 3));
  CHECK(*ba.top2_box == Approx(2.0 / 3));
  // ls-b nps: 10, 8, 6 and 11 (off the 0-10 scale, left out) -> n 3, promoters 1 (10), passives 1 (8),
  // detractors 1 (6); NPS (Reichheld 2003) = %promoters - %detractors = 33.3 - 33.3 = 0; top-2-box = 1 / 3.
  const auto& bn = stats(f.events[0].feedback, "nps");
  CHECK(bn.n == 3);
  CHECK(bn.off_scale == 1);
  CHECK(bn.promoters == 1);
  CHECK(bn.passives == 1);
  CHECK(bn.detractors == 1);
  CHECK(*bn.nps == Approx(0.0));
  CHECK(*bn.mean == Approx(8.0));
  CHECK(*bn.top2_box == Approx(1.0 / 3));

  // Overall useful: 5, 4, 3, 2, 5, 4 -> n 6, mean 23 / 6 = 3.833333; distribution 1:0 2:1 3:1 4:2 5:2;
  // top-2-box = 4 / 6 = 0.666667.
  const auto& u = stats(f.overall, "useful");
  CHECK(u.n == 6);
  CHECK(*u.mean == Approx(23.0 / 6));
  CHECK(u.distribution == std::vector<int>{0, 1, 1, 2, 2});
  CHECK(*u.top2_box == Approx(4.0 / 6));
  // Overall apply: 4, 2, 5, 5, 4 -> n 5, mean 20 / 5 = 4; top-2-box 4 / 5 = 0.8.
  const auto& ap = stats(f.overall, "apply");
  CHECK(ap.n == 5);
  CHECK(*ap.mean == Approx(4.0));
  CHECK(*ap.top2_box == Approx(0.8));
  // Overall nps: 10, 8, 6, 9, 7 -> promoters 2 (10, 9), passives 2 (8, 7), detractors 1 (6);
  // NPS = 100 * (2 - 1) / 5 = 20; mean 40 / 5 = 8; top-2-box 2 / 5 = 0.4; distribution 6:1 7:1 8:1 9:1 10:1.
  const auto& n = stats(f.overall, "nps");
  CHECK(n.n == 5);
  CHECK(n.promoters == 2);
  CHECK(n.passives == 2);
  CHECK(n.detractors == 1);
  CHECK(*n.nps == Approx(20.0));
  CHECK(*n.mean == Approx(8.0));
  CHECK(*n.top2_box == Approx(0.4));
  CHECK(n.distribution == std::vector<int>{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
  // Kirkpatrick level 1: useful, apply (scale) -> unweighted mean of their top-2-box shares
  // (0.666667 + 0.8) / 2 = 0.733333 (pooled it would be 8 / 11 = 0.727: not what is reported).
  // Level 2: the nps item only, no scale item -> mean null. Levels 3 and 4 have no items: not listed.
  REQUIRE(f.overall.levels.size() == 2);
  CHECK(f.overall.levels[0].level == 1);
  CHECK(f.overall.levels[0].items == 2);
  CHECK(f.overall.levels[0].scale_items == 2);
  CHECK(*f.overall.levels[0].mean_top2_box == Approx((4.0 / 6 + 0.8) / 2));
  CHECK(f.overall.levels[1].level == 2);
  CHECK(f.overall.levels[1].items == 1);
  CHECK_FALSE(f.overall.levels[1].mean_top2_box);
}

TEST_CASE("feedback: open answers only when asked for", "[mel]") {
  const auto p = feedback_project();
  // Open answers of complete and partial responses: r1 "Great", r6 "More time" (r4's "skip" is a break-off).
  const auto without = survey_feedback(p, p.surveys[0], day("2026-07-01"), false);
  CHECK(stats(without.overall, "comments").n == 2);
  CHECK(stats(without.overall, "comments").answers.empty());
  CHECK_FALSE(to_json(without, false)["overall"]["items"][3].contains("answers"));
  const auto with = survey_feedback(p, p.surveys[0], day("2026-07-01"), true);
  const auto& c = stats(with.overall, "comments");
  REQUIRE(c.answers.size() == 2);
  CHECK(c.answers[0].response == "r1");
  CHECK(c.answers[0].event == "ls-b");
  CHECK(c.answers[0].text == "Great");
  CHECK(c.answers[1].response == "r6");
  CHECK(to_json(with, true)["overall"]["items"][3]["answers"][1]["text"] == "More time");
}

TEST_CASE("feedback: JSON rounds to 6 decimals and writes null", "[mel]") {
  auto p = feedback_project();
  model::Survey empty;
  empty.id = "empty";
  empty.name = "No answers yet";
  empty.items = {item("q", "scale")};
  p.surveys.push_back(empty);
  const auto j = to_json(compute_feedback(p, day("2026-07-01")));
  CHECK(j["as_of"] == "2026-07-01");
  // 2 / 7 = 0.2857142857 -> 0.285714; 4 / 7 = 0.5714285714 -> 0.571429.
  const auto& b = j["surveys"][0]["events"][0];
  CHECK(b["event"] == "ls-b");
  CHECK(b["date"] == "2026-03-10");
  CHECK(b["responses"]["rr1"].get<double>() == 0.285714);
  CHECK(b["responses"]["rr2"].get<double>() == 0.571429);
  CHECK(j["surveys"][0]["overall"]["items"][0]["distribution"]["5"] == 2);
  CHECK(j["surveys"][0]["follow_ups"].is_null());
  // A survey with no responses: eligible 0, so RR1 and RR2 are null; n 0, so mean and top-2-box are null.
  const auto& e = j["surveys"][1]["overall"];
  CHECK(e["responses"]["eligible"] == 0);
  CHECK(e["responses"]["rr1"].is_null());
  CHECK(e["responses"]["rr2"].is_null());
  CHECK(e["items"][0]["n"] == 0);
  CHECK(e["items"][0]["mean"].is_null());
  CHECK(e["items"][0]["top2_box"].is_null());
  CHECK(j["surveys"][1]["events"].empty());
}

TEST_CASE("feedback: partial_at and surveys without closed items", "[mel]") {
  model::Project p;
  model::Survey s;
  s.id = "s";
  s.partial_at = 0.3;
  // 10 closed items; answering 3 reaches 3 / 10 = 0.3 >= partial_at 0.3 (partial), 2 of 10 = 0.2 does not.
  for (int i = 0; i < 10; ++i) s.items.push_back(item(("q" + std::to_string(i)).c_str(), "scale"));
  p.surveys.push_back(s);
  model::SurveyResponses rs;
  rs.survey = "s";
  rs.responses = {response("three", "e", {{"q0", 1}, {"q1", 1}, {"q2", 1}}),
                  response("two", "e", {{"q0", 1}, {"q1", "one"}, {"q2", 2.5}})};  // text and 2.5: off the scale
  p.responses.push_back(rs);
  const auto f = survey_feedback(p, p.surveys[0], day("2026-07-01"));
  CHECK(f.overall.counts.partial == 1);
  CHECK(f.overall.counts.break_off == 1);
  CHECK(f.overall.counts.eligible == 0);  // no attendance for event "e": rates null, no division by zero
  CHECK_FALSE(f.overall.counts.rr1);
  // Only open items: every response answers all 0 closed items, so it is complete.
  model::Survey open_only;
  open_only.id = "o";
  open_only.items = {item("text", "open")};
  model::SurveyResponses ro;
  ro.survey = "o";
  ro.responses = {response("x", "e", {})};
  p.surveys.push_back(open_only);
  p.responses.push_back(ro);
  const auto g = survey_feedback(p, p.surveys[1], day("2026-07-01"));
  CHECK(g.closed_items == 0);
  CHECK(g.overall.counts.complete == 1);
  CHECK(stats(g.overall, "text").n == 0);
}

TEST_CASE("feedback: follow-up status upcoming, due, overdue, done, unknown", "[mel]") {
  auto p = feedback_project();
  model::Survey fu;
  fu.id = "fu";
  fu.follow_up_days = 90;
  fu.window_days = 14;
  fu.events = {"ls-b", "ls-a", "gone"};
  fu.items = {item("used", "scale", 3)};
  p.surveys.push_back(fu);
  model::SurveyResponses rs;
  rs.survey = "fu";
  rs.responses = {response("early", "ls-a", {{"used", 4}})};
  p.responses.push_back(rs);
  // ls-b ends 2026-03-11: due = +90 days = 2026-06-09 (20 days to 31 March, 30 in April, 31 in May, 9 in
  // June: 20 + 30 + 31 + 9 = 90); the window closes 14 days later, 2026-06-23.
  // ls-a (no end: its start date 2026-06-10): due 2026-09-08 (20 + 31 + 31 + 8 = 90), closes 2026-09-22.
  auto at = [&](const char* as_of) { return survey_feedback(p, p.surveys[1], day(as_of)).follow_ups; };
  const auto f = at("2026-06-08");
  REQUIRE(f.size() == 3);
  CHECK(*f[0].end == day("2026-03-11"));
  CHECK(*f[0].due == day("2026-06-09"));
  CHECK(*f[0].closes == day("2026-06-23"));
  CHECK(f[0].status == "upcoming");  // 06-08 < due 06-09
  CHECK(*f[1].due == day("2026-09-08"));
  CHECK(*f[1].closes == day("2026-09-22"));
  CHECK(f[1].status == "done");      // a response for ls-a, even before it is due
  CHECK(f[1].responses == 1);
  CHECK(f[2].status == "unknown");   // no such event: no date
  CHECK_FALSE(f[2].due);
  CHECK(at("2026-06-09")[0].status == "due");      // due <= as_of
  CHECK(at("2026-06-23")[0].status == "due");      // as_of <= due + 14
  CHECK(at("2026-06-24")[0].status == "overdue");  // as_of > due + 14
  // A follow-up survey that lists no events has no follow-up status.
  p.surveys[1].events.clear();
  CHECK(survey_feedback(p, p.surveys[1], day("2026-07-01")).follow_ups.empty());
}

// ---- Learning agenda ----

namespace {

model::AgendaTopic topic(const char* id, const char* status = "proposed") {
  model::AgendaTopic t;
  t.id = id;
  t.title = std::string("Topic ") + id;
  t.status = status;
  return t;
}

model::Ballot dots(const char* voter, std::vector<std::pair<std::string, int>> d, const char* group = "") {
  model::Ballot b;
  b.voter = voter;
  b.group = group;
  b.dots = std::move(d);
  return b;
}

model::Ballot ranked(const char* voter, std::vector<std::string> ranking, const char* group = "") {
  model::Ballot b;
  b.voter = voter;
  b.group = group;
  b.ranking = std::move(ranking);
  return b;
}

model::Member plain_member(const char* id) {
  model::Member m;
  m.id = id;
  m.name = id;
  return m;
}

model::Team team_of(const char* id, const char* organization, std::vector<const char*> members) {
  model::Team t;
  t.id = id;
  t.name = id;
  t.organization = organization;
  t.status = "active";
  for (const char* m : members) t.members.push_back(plain_member(m));
  return t;
}

const TopicTally& tally(const AgendaResult& r, const std::string& id) {
  for (const auto& t : r.topics) {
    if (t.topic == id) return t;
  }
  throw std::runtime_error("no topic " + id);
}

}  // namespace

TEST_CASE("agenda: dot voting, breadth, ranking and the tie-break", "[mel]") {
  model::Project p;
  p.collaborative = model::Collaborative{};
  model::FacultyMember f1;
  f1.id = "f1";
  f1.organization = "univ";
  p.collaborative->faculty.push_back(f1);
  p.teams = {team_of("t1", "org-x", {"m1", "m2", "m5"}), team_of("t2", "org-y", {"m3", "m4"})};
  model::LearningAgenda a;
  a.method = "dots";
  a.dots = 5;
  a.topics = {topic("a"), topic("b"), topic("c"), topic("d", "dropped"), topic("e"), topic("g", "agreed")};
  a.topics[5].events = {"ls2"};
  a.votes = {dots("m1", {{"a", 2}, {"b", 1}, {"g", 1}}),  // group org-x (team t1's organization)
             dots("m2", {{"a", 1}, {"c", 2}, {"g", 2}}),  // org-x
             dots("m3", {{"b", 2}, {"c", 1}}),            // org-y
             dots("m4", {{"a", 1}}),                      // org-y
             dots("f1", {{"b", 1}, {"d", 2}}),            // univ (faculty's organization); d is dropped: skipped
             dots("m9", {{"e", 3}}, "families"),          // the ballot's own group
             dots("m5", {{"d", 3}}),                      // only a dropped topic: not counted
             ranked("m6", {"a"})};                        // a ranking under dots: ignored, not counted
  p.learning_agenda = a;
  const auto r = tally_agenda(p);
  // Dot voting: score = dots received.
  // a: 2 + 1 + 1 = 4; voters m1, m2, m4 = 3; groups org-x, org-y = 2.
  // b: 1 + 2 + 1 = 4; voters m1, m3, f1 = 3; groups org-x, org-y, univ = 3.
  // c: 2 + 1 = 3; voters m2, m3 = 2; groups org-x, org-y = 2.
  // g: 1 + 2 = 3; voters m1, m2 = 2; groups org-x = 1.
  // e: 3; voters m9 = 1; groups families = 1.
  // Order (score desc, groups desc, voters desc, ID asc): b, a, c, g, e; ranks 1..5 (no full tie).
  // b/a tie on score 4, separated by groups (3 > 2); c/g tie on 3 by groups (2 > 1); g/e tie on 3 and groups 1,
  // separated by voters (2 > 1): g has both neighbours tied on score, the later criterion is "voters".
  CHECK(r.present);
  CHECK(r.method == "dots");
  CHECK(r.topics_counted == 5);
  REQUIRE(r.topics.size() == 5);
  const std::vector<std::string> order = {r.topics[0].topic, r.topics[1].topic, r.topics[2].topic, r.topics[3].topic,
                                          r.topics[4].topic};
  CHECK(order == std::vector<std::string>{"b", "a", "c", "g", "e"});
  CHECK(tally(r, "b").rank == 1);
  CHECK(tally(r, "b").score == 4);
  CHECK(tally(r, "b").groups == 3);
  CHECK(tally(r, "b").voters == 3);
  CHECK(tally(r, "b").tie_broken_by == "groups");
  CHECK(tally(r, "a").rank == 2);
  CHECK(tally(r, "a").score == 4);
  CHECK(tally(r, "a").groups == 2);
  CHECK(tally(r, "a").voters == 3);
  CHECK(tally(r, "a").tie_broken_by == "groups");
  CHECK(tally(r, "c").rank == 3);
  CHECK(tally(r, "c").score == 3);
  CHECK(tally(r, "c").tie_broken_by == "groups");
  CHECK(tally(r, "g").rank == 4);
  CHECK(tally(r, "g").voters == 2);
  CHECK(tally(r, "g").groups == 1);
  CHECK(tally(r, "g").tie_broken_by == "voters");
  CHECK(tally(r, "g").status == "agreed");
  CHECK(tally(r, "g").events == std::vector<std::string>{"ls2"});
  CHECK(tally(r, "e").rank == 5);
  CHECK(tally(r, "e").tie_broken_by == "voters");
  // Ballots counted: m1, m2, m3, m4, f1, m9 = 6 (m5 and m6 back no counted topic); voters 6;
  // dots used on counted topics: 4 + 5 + 3 + 1 + 1 + 3 = 17.
  CHECK(r.ballots == 6);
  CHECK(r.voters == 6);
  CHECK(r.dots_used == 17);
  CHECK(r.dropped == std::vector<std::string>{"d"});
  // Groups: the ballot's own, the team's organization, the faculty's organization, else "(none)".
  CHECK(ballot_group(p, p.learning_agenda->votes[5]) == "families");
  CHECK(ballot_group(p, p.learning_agenda->votes[0]) == "org-x");
  CHECK(ballot_group(p, p.learning_agenda->votes[4]) == "univ");
  CHECK(ballot_group(p, dots("stranger", {})) == "(none)");
  const auto j = to_json(r);
  CHECK(j["topics"][0]["topic"] == "b");
  CHECK(j["topics"][0]["tie_broken_by"] == "groups");
}

TEST_CASE("agenda: Borda count, unranked topics get 0, shared ranks", "[mel]") {
  model::Project p;
  model::LearningAgenda a;
  a.method = "borda";
  a.topics = {topic("a"), topic("b"), topic("c"), topic("d"), topic("x", "dropped")};
  a.votes = {ranked("v1", {"a", "b", "c"}, "g1"), ranked("v2", {"b", "x", "a"}, "g1"), ranked("v3", {"c", "d"}, "g2"),
             ranked("v4", {"d", "c"}, "g2")};
  p.learning_agenda = a;
  const auto r = tally_agenda(p);
  // Borda (de Borda 1781; Saari 1995): n = 4 topics not dropped, so a ballot gives 3, 2, 1, 0 by place;
  // unranked topics get 0; the dropped x is removed from v2's ranking before places are counted.
  // v1: a 3, b 2, c 1 (d unranked: 0). v2: b 3, a 2. v3: c 3, d 2. v4: d 3, c 2.
  // a = 3 + 2 = 5 (voters v1, v2; group g1); b = 2 + 3 = 5 (v1, v2; g1); d = 2 + 3 = 5 (v3, v4; g2);
  // c = 1 + 3 + 2 = 6 (v1, v3, v4; g1, g2). Points handed out: 6 + 5 + 5 + 5 = 21 = 6 + 5 + 5 + 5. OK.
  // Ranking: c 1; a, b, d equal on score 5, groups 1 and voters 2: competition ranking 1, 2, 2, 2 listed by ID.
  REQUIRE(r.topics.size() == 4);
  CHECK(r.topics[0].topic == "c");
  CHECK(r.topics[0].score == 6);
  CHECK(r.topics[0].rank == 1);
  CHECK(r.topics[0].voters == 3);
  CHECK(r.topics[0].groups == 2);
  CHECK(r.topics[0].tie_broken_by.empty());
  CHECK(r.topics[1].topic == "a");
  CHECK(r.topics[2].topic == "b");
  CHECK(r.topics[3].topic == "d");
  for (int i = 1; i <= 3; ++i) {
    CHECK(r.topics[i].score == 5);
    CHECK(r.topics[i].rank == 2);
    CHECK(r.topics[i].voters == 2);
    CHECK(r.topics[i].groups == 1);
    CHECK(r.topics[i].tie_broken_by == "id");
  }
  CHECK(r.ballots == 4);
  CHECK(r.voters == 4);
  CHECK(r.dots_used == 0);
  CHECK(to_json(r)["topics"][0]["tie_broken_by"].is_null());
}

TEST_CASE("agenda: no agenda, every topic dropped", "[mel]") {
  model::Project p;
  CHECK_FALSE(tally_agenda(p).present);
  CHECK(to_json(tally_agenda(p)).is_null());
  model::LearningAgenda a;
  a.method = "borda";
  a.topics = {topic("x", "dropped")};
  a.votes = {ranked("v", {"x"})};
  p.learning_agenda = a;
  const auto r = tally_agenda(p);
  CHECK(r.topics_counted == 0);
  CHECK(r.topics.empty());
  CHECK(r.ballots == 0);
}

// ---- Resources ----

namespace {

model::Funding funding(const char* funder, int year, double amount) {
  model::Funding f;
  f.funder = funder;
  f.year = year;
  f.amount = amount;
  return f;
}

model::InKind in_kind(const char* member, const char* ev, const char* category, std::optional<double> hours,
                      std::optional<double> amount) {
  model::InKind k;
  k.member = member;
  k.event = ev;
  k.category = category;
  k.hours = hours;
  k.amount = amount;
  return k;
}

const InKindTotal& total(const std::vector<InKindTotal>& v, const std::string& key) {
  for (const auto& t : v) {
    if (t.key == key) return t;
  }
  throw std::runtime_error("no total " + key);
}

}  // namespace

TEST_CASE("resources: funding concentration (HHI, effective number, normalized HHI, dominance)", "[mel]") {
  model::Project p;
  model::Resources res;
  res.currency = "USD";
  res.funding = {funding("Foundation A", 2026, 50000), funding("State DOH", 2026, 30000), funding("Foundation A", 2027, 10000),
                 funding("Local United Way", 2027, 10000), funding("Zero Fund", 2027, 0)};
  p.resources = res;
  const auto r = compute_resources(p);
  const auto& o = r.funding.overall;
  // Grouped by funder name as written: Foundation A 50,000 + 10,000 = 60,000; State DOH 30,000;
  // Local United Way 10,000; Zero Fund 0 (listed, share 0, not one of the N = 3 funders). Total 100,000.
  // Shares 0.6, 0.3, 0.1. HHI (Rhoades 1993) = 0.36 + 0.09 + 0.01 = 0.46, x 10,000 = 4,600;
  // effective number (Laakso & Taagepera 1979) = 1 / 0.46 = 2.173913;
  // normalized HHI = (0.46 - 1/3) / (1 - 1/3) = 0.126667 / 0.666667 = 0.19.
  // Largest: Foundation A, 0.6 > dominance 0.5: dominant.
  CHECK(o.total == Approx(100000));
  CHECK(o.funders == 3);
  REQUIRE(o.shares.size() == 4);
  CHECK(o.shares[0].funder == "Foundation A");
  CHECK(o.shares[0].amount == Approx(60000));
  CHECK(*o.shares[0].share == Approx(0.6));
  CHECK(o.shares[0].by_year.at(2026) == Approx(50000));
  CHECK(o.shares[0].by_year.at(2027) == Approx(10000));
  CHECK(*o.shares[1].share == Approx(0.3));
  CHECK(*o.shares[2].share == Approx(0.1));
  CHECK(o.shares[3].funder == "Zero Fund");
  CHECK(*o.shares[3].share == Approx(0.0));
  CHECK(*o.hhi == Approx(0.46));
  CHECK(*o.hhi_10000 == Approx(4600));
  CHECK(*o.effective_number == Approx(1 / 0.46));
  CHECK(*o.normalized_hhi == Approx(0.19));
  CHECK(o.largest == "Foundation A");
  CHECK(*o.largest_share == Approx(0.6));
  CHECK(o.dominant);
  // 2026: Foundation A 50,000, State DOH 30,000; total 80,000; shares 0.625, 0.375;
  // HHI = 0.390625 + 0.140625 = 0.53125 (5,312.5); effective 1 / 0.53125 = 1.882353;
  // normalized (N = 2) = (0.53125 - 0.5) / 0.5 = 0.0625; 0.625 > 0.5: dominant.
  const auto& y26 = r.funding.by_year.at(2026);
  CHECK(*y26.hhi == Approx(0.53125));
  CHECK(*y26.hhi_10000 == Approx(5312.5));
  CHECK(*y26.effective_number == Approx(1 / 0.53125));
  CHECK(*y26.normalized_hhi == Approx(0.0625));
  CHECK(y26.dominant);
  // 2027: Foundation A 10,000 and Local United Way 10,000 (Zero Fund 0): shares 0.5, 0.5; HHI 0.5; effective 2;
  // normalized (0.5 - 0.5) / 0.5 = 0. Largest: tied, by name "Foundation A"; 0.5 is not > 0.5: not dominant.
  const auto& y27 = r.funding.by_year.at(2027);
  CHECK(*y27.hhi == Approx(0.5));
  CHECK(*y27.effective_number == Approx(2.0));
  CHECK(*y27.normalized_hhi == Approx(0.0));
  CHECK(y27.largest == "Foundation A");
  CHECK_FALSE(y27.dominant);
  const auto j = to_json(r);
  CHECK(j["funding"]["overall"]["effective_number"].get<double>() == 2.173913);  // 2.1739130435 rounded
  CHECK(j["funding"]["by_year"][1]["year"] == 2027);
}

TEST_CASE("resources: one funder, zero total, no resources file", "[mel]") {
  const model::Funding only = funding("Solo", 2026, 1000);
  // One funder: share 1, HHI 1, effective number 1; normalized HHI null (N = 1, 1 - 1/N = 0).
  const auto one = concentration({&only}, 0.5);
  CHECK(*one.hhi == Approx(1.0));
  CHECK(*one.effective_number == Approx(1.0));
  CHECK_FALSE(one.normalized_hhi);
  CHECK(one.dominant);
  // Total 0: every share and figure null, not dominant.
  const model::Funding zero = funding("Nobody", 2026, 0);
  const auto none = concentration({&zero}, 0.5);
  CHECK(none.total == 0);
  CHECK_FALSE(none.hhi);
  CHECK_FALSE(none.effective_number);
  CHECK_FALSE(none.shares[0].share);
  CHECK(none.largest.empty());
  CHECK_FALSE(none.dominant);
  CHECK(concentration({}, 0.5).shares.empty());
  model::Project p;
  CHECK_FALSE(compute_resources(p).present);
  CHECK(to_json(compute_resources(p)).is_null());
}

TEST_CASE("resources: in-kind values by category, member and event", "[mel]") {
  model::Project p;
  p.teams = {team_of("t1", "org-x", {"m1", "m2"}), team_of("t2", "org-y", {"m3"})};
  model::Resources res;
  res.currency = "USD";
  res.rates = {{"time", 50}, {"hosting", 100}};  // no rate for expertise
  res.in_kind = {in_kind("m1", "ls1", "time", 4, std::nullopt),       // 4 h x 50 = 200
                 in_kind("m1", "ls1", "hosting", 3, 500),             // amount wins: 500; its 3 hours still count
                 in_kind("m2", "ls2", "expertise", 2, std::nullopt),  // no expertise rate: unvalued
                 in_kind("m3", "", "travel", std::nullopt, 120),      // 120, no event
                 in_kind("m3", "ls1", "time", std::nullopt, std::nullopt)};  // neither: unvalued
  p.resources = res;
  const auto r = compute_resources(p);
  const auto& k = r.in_kind;
  REQUIRE(k.entries.size() == 5);
  CHECK(*k.entries[0].value == Approx(200));
  CHECK(k.entries[0].basis == "hours");
  CHECK(*k.entries[1].value == Approx(500));
  CHECK(k.entries[1].basis == "amount");
  CHECK(*k.entries[1].hours == Approx(3));
  CHECK_FALSE(k.entries[2].value);
  CHECK(k.entries[2].unvalued);
  CHECK(k.entries[3].team == "t2");
  CHECK(k.entries[4].unvalued);
  // Overall: value 200 + 500 + 120 = 820; hours 4 + 3 + 2 = 9; 5 entries, 2 unvalued.
  CHECK(k.total.value == Approx(820));
  CHECK(k.total.hours == Approx(9));
  CHECK(k.total.entries == 5);
  CHECK(k.total.unvalued == 2);
  // By category: time 200 (4 h, 2 entries, 1 unvalued); hosting 500 (3 h); expertise 0 (2 h, unvalued); travel 120.
  CHECK(total(k.by_category, "time").value == Approx(200));
  CHECK(total(k.by_category, "time").hours == Approx(4));
  CHECK(total(k.by_category, "time").entries == 2);
  CHECK(total(k.by_category, "time").unvalued == 1);
  CHECK(total(k.by_category, "hosting").value == Approx(500));
  CHECK(total(k.by_category, "expertise").value == Approx(0));
  CHECK(total(k.by_category, "expertise").unvalued == 1);
  CHECK(total(k.by_category, "travel").value == Approx(120));
  // By member: m1 200 + 500 = 700 (7 h, team t1); m2 0 (2 h, 1 unvalued, t1); m3 120 (0 h, 1 unvalued, t2).
  CHECK(total(k.by_member, "m1").value == Approx(700));
  CHECK(total(k.by_member, "m1").hours == Approx(7));
  CHECK(total(k.by_member, "m1").team == "t1");
  CHECK(total(k.by_member, "m2").unvalued == 1);
  CHECK(total(k.by_member, "m3").value == Approx(120));
  CHECK(total(k.by_member, "m3").team == "t2");
  // By event: ls1 200 + 500 = 700 (7 h, 3 entries, 1 unvalued); ls2 0 (2 h); no event 120.
  CHECK(total(k.by_event, "ls1").value == Approx(700));
  CHECK(total(k.by_event, "ls1").entries == 3);
  CHECK(total(k.by_event, "ls1").unvalued == 1);
  CHECK(total(k.by_event, "ls2").hours == Approx(2));
  CHECK(total(k.by_event, "").value == Approx(120));
  const auto j = to_json(r);
  CHECK(j["in_kind"]["entries"][2]["value"].is_null());
  CHECK(j["in_kind"]["by_event"][0]["event"].is_null());  // "" sorts first, written null
  CHECK(j["in_kind"]["total"]["value"] == 820.0);
}

// ---- Evaluation ----

namespace {

model::Substantiation sub(const char* verdict, bool independent) {
  model::Substantiation s;
  s.by = "someone";
  s.verdict = verdict;
  s.independent = independent;
  return s;
}

model::OutcomeStatement outcome(const char* id, const char* type, const char* effect, bool intended,
                                std::vector<std::string> toc, std::vector<model::Substantiation> subs,
                                std::vector<std::string> products = {}) {
  model::OutcomeStatement o;
  o.id = id;
  o.actor = std::string("actor of ") + id;
  o.type = type;
  o.effect = effect;
  o.intended = intended;
  o.when = day("2026-05-01");
  o.toc_outcomes = std::move(toc);
  o.substantiations = std::move(subs);
  o.products = std::move(products);
  return o;
}

model::TocNode node(const char* id, const char* level = "") {
  model::TocNode n;
  n.id = id;
  n.name = id;
  n.level = level;
  return n;
}

model::ClaimLink link(int evidence, std::vector<const char*> alternatives) {
  model::ClaimLink l;
  l.from = "x";
  l.to = "y";
  for (int i = 0; i < evidence; ++i) l.evidence.push_back({i % 2 == 0 ? "outcome" : "survey", "e" + std::to_string(i)});
  for (const char* status : alternatives) l.alternatives.push_back({"another cause", status});
  return l;
}

model::ContributionClaim claim(const char* id, std::vector<model::ClaimLink> links) {
  model::ContributionClaim c;
  c.id = id;
  c.claim = "the collaborative contributed";
  c.outcome = "practice-change";
  c.links = std::move(links);
  return c;
}

const ClaimAssessment& claim_of(const std::vector<ClaimAssessment>& v, const std::string& id) {
  for (const auto& c : v) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no claim " + id);
}

model::Milestone milestone(const char* id, const char* by, const char* met = nullptr) {
  model::Milestone m;
  m.id = id;
  m.outcome = "practice-change";
  m.indicator = "teams using the practice";
  if (by) m.by = day(by);
  if (met) m.met = day(met);
  return m;
}

}  // namespace

TEST_CASE("evaluation: outcome harvesting counts and substantiation", "[mel]") {
  model::Project p;
  model::TheoryOfChange toc;
  toc.outcomes = {node("practice-change", "member"), node("network-ties", "network"), node("policy", "field")};
  p.theory_of_change = toc;
  p.outcomes = {
      outcome("o1", "practice", "positive", true, {"practice-change"}, {sub("confirmed", true)}),  // substantiated
      outcome("o2", "policy", "positive", false, {"policy", "practice-change"},
              {sub("confirmed", false), sub("partly", true)}),                                      // substantiated (partly)
      outcome("o3", "relationship", "negative", true, {}, {sub("not-confirmed", true), sub("confirmed", false)}),  // contested
      outcome("o4", "behaviour", "positive", true, {"network-ties"}, {sub("confirmed", false)}),  // unsubstantiated
      outcome("o5", "practice", "positive", true, {}, {})};                                     // none
  const auto r = harvest(p);
  // Outcome harvesting (Wilson-Grau & Britt 2012): a subset is substantiated by independent people.
  // By type: behaviour 1 (o4), relationship 1 (o3), action 0, policy 1 (o2), practice 2 (o1, o5).
  CHECK(r.outcomes == 5);
  CHECK(r.by_type.at("behaviour") == 1);
  CHECK(r.by_type.at("relationship") == 1);
  CHECK(r.by_type.at("action") == 0);
  CHECK(r.by_type.at("policy") == 1);
  CHECK(r.by_type.at("practice") == 2);
  // Effect: positive 4, negative 1 (o3). Intended 4, unintended 1 (o2).
  CHECK(r.by_effect.at("positive") == 4);
  CHECK(r.by_effect.at("negative") == 1);
  CHECK(r.intended == 4);
  CHECK(r.unintended == 1);
  // ToC outcomes: practice-change 2 (o1, o2), network-ties 1 (o4), policy 1 (o2).
  CHECK(r.by_toc_outcome.at("practice-change") == 2);
  CHECK(r.by_toc_outcome.at("network-ties") == 1);
  CHECK(r.by_toc_outcome.at("policy") == 1);
  // Any substantiation: o1..o4 = 4. Substantiated (an independent confirmed or partly): o1, o2 = 2.
  // Contested (an independent not-confirmed and no independent confirmed/partly; o3's confirmed is not
  // independent) = 1. o4's only substantiation is not independent: unsubstantiated. Share = 2 / 5 = 0.4.
  CHECK(r.with_substantiation == 4);
  CHECK(r.substantiated == 2);
  CHECK(r.contested == 1);
  CHECK(*r.substantiated_share == Approx(0.4));
  CHECK(r.list[0].substantiation == "substantiated");
  CHECK(r.list[1].substantiation == "substantiated");
  CHECK(r.list[2].substantiation == "contested");
  CHECK(r.list[3].substantiation == "unsubstantiated");
  CHECK(r.list[4].substantiation == "none");
  CHECK(to_json(r)["substantiated_share"].get<double>() == 0.4);
  CHECK(to_json(r)["list"][0]["when"] == "2026-05-01");
  // No outcomes: share null, no division by zero.
  CHECK_FALSE(harvest(model::Project{}).substantiated_share);
  CHECK(to_json(harvest(model::Project{}))["substantiated_share"].is_null());
}

TEST_CASE("evaluation: contribution claims, supported links and the weakest link", "[mel]") {
  model::Project p;
  model::TheoryOfChange toc;
  toc.claims = {claim("c1", {link(2, {}), link(1, {"open", "ruled-out"}), link(0, {"partly"}), link(0, {})}),
                claim("c2", {link(1, {"open"}), link(1, {})}), claim("c3", {link(0, {})}), claim("c4", {}),
                claim("c5", {link(1, {}), link(1, {}), link(3, {})}), claim("c6", {link(2, {}), link(1, {})})};
  p.theory_of_change = toc;
  const auto v = assess_claims(p);
  // Contribution analysis (Mayne 2012): collab counts what the claim rests on.
  // c1: link 1: 2 pieces, no alternative: supported. Link 2: 1 piece but an open alternative: not supported.
  // Link 3: 0 pieces: not supported. Link 4: 0 pieces: not supported.
  // Coverage = 2 links with evidence / 4 = 0.5; supported share = 1 / 4 = 0.25.
  // Weakest: fewest pieces = links 3 and 4 (0); open alternatives 0 and 0; partly 1 and 0: link 3, by "partly".
  const auto& c1 = claim_of(v, "c1");
  REQUIRE(c1.links.size() == 4);
  CHECK(c1.links[0].supported);
  CHECK(c1.links[0].evidence == 2);
  CHECK(c1.links[0].evidence_by_kind.at("outcome") == 1);
  CHECK(c1.links[0].evidence_by_kind.at("survey") == 1);
  CHECK_FALSE(c1.links[1].supported);
  CHECK(c1.links[1].alternatives_by_status.at("open") == 1);
  CHECK(c1.links[1].alternatives_by_status.at("ruled-out") == 1);
  CHECK_FALSE(c1.links[2].supported);
  CHECK_FALSE(c1.links[3].supported);
  CHECK(c1.links_with_evidence == 2);
  CHECK(c1.supported_links == 1);
  CHECK(*c1.evidence_coverage == Approx(0.5));
  CHECK(*c1.supported_share == Approx(0.25));
  CHECK(*c1.weakest == 3);
  CHECK(c1.weakest_by == "partly");
  // c2: both links 1 piece; link 1 has an open alternative: weakest link 1 by "open". Coverage 2 / 2 = 1;
  // supported 1 / 2 = 0.5 (link 1 is not supported: its alternative is open).
  const auto& c2 = claim_of(v, "c2");
  CHECK(*c2.weakest == 1);
  CHECK(c2.weakest_by == "open");
  CHECK(*c2.evidence_coverage == Approx(1.0));
  CHECK(*c2.supported_share == Approx(0.5));
  // c3: one link, no evidence: coverage 0 / 1 = 0, supported 0 / 1 = 0; weakest link 1, the only link.
  const auto& c3 = claim_of(v, "c3");
  CHECK(*c3.evidence_coverage == Approx(0.0));
  CHECK(*c3.supported_share == Approx(0.0));
  CHECK(*c3.weakest == 1);
  CHECK(c3.weakest_by == "only link");
  // c4: no links: coverage, supported share and weakest link do not exist (null).
  const auto& c4 = claim_of(v, "c4");
  CHECK_FALSE(c4.evidence_coverage);
  CHECK_FALSE(c4.supported_share);
  CHECK_FALSE(c4.weakest);
  // c5: links 1 and 2 equal (1 piece, no alternatives): the earlier, link 1, by "position".
  CHECK(*claim_of(v, "c5").weakest == 1);
  CHECK(claim_of(v, "c5").weakest_by == "position");
  // c6: 2 pieces against 1: link 2, by "evidence".
  CHECK(*claim_of(v, "c6").weakest == 2);
  CHECK(claim_of(v, "c6").weakest_by == "evidence");
  const auto j = to_json(v);
  CHECK(j[0]["weakest_link"] == 3);
  CHECK(j[0]["supported_share"].get<double>() == 0.25);
  CHECK(j[3]["evidence_coverage"].is_null());
  CHECK(j[3]["weakest_by"].is_null());
  CHECK(assess_claims(model::Project{}).empty());
}

TEST_CASE("evaluation: knowledge products and the outcomes that cite them", "[mel]") {
  model::Project p;
  auto product = [](const char* id, const char* type, const char* status) {
    model::KnowledgeProduct k;
    k.id = id;
    k.title = id;
    k.type = type;
    k.status = status;
    return k;
  };
  p.products = {product("toolkit", "toolkit", "published"), product("brief", "brief", "draft"),
                product("case", "case-study", "published")};
  p.outcomes = {outcome("o1", "practice", "positive", true, {}, {}, {"toolkit"}),
                outcome("o2", "policy", "positive", true, {}, {}, {"toolkit", "brief"})};
  const auto r = summarize_products(p);
  // cited_by: toolkit <- o1, o2; brief <- o2; case <- none. By type 1 each; by status published 2, draft 1.
  CHECK(r.products[0].cited_by == std::vector<std::string>{"o1", "o2"});
  CHECK(r.products[1].cited_by == std::vector<std::string>{"o2"});
  CHECK(r.products[2].cited_by.empty());
  CHECK(r.by_type.at("toolkit") == 1);
  CHECK(r.by_type.at("case-study") == 1);
  CHECK(r.by_status.at("published") == 2);
  CHECK(r.by_status.at("draft") == 1);
  CHECK(to_json(r)["products"][0]["url"].is_null());
}

TEST_CASE("evaluation: milestones and the theory of change's review on as_of", "[mel]") {
  model::Project p;
  model::TheoryOfChange toc;
  toc.milestones = {milestone("ms1", "2026-05-01", "2026-04-20"), milestone("ms2", "2026-06-01"),
                    milestone("ms3", "2026-06-15"), milestone("ms4", nullptr), milestone("ms5", "2026-03-01", "2026-03-10")};
  toc.review_by = day("2026-06-01");
  toc.reviewed = day("2026-01-15");
  p.theory_of_change = toc;
  const auto r = milestone_status(p, day("2026-06-15"));
  // As of 2026-06-15: ms1 met; ms2 not met, 06-15 > by 06-01: overdue by 14 days; ms3 by 06-15 >= as_of: open;
  // ms4 no date: open; ms5 met (late, still met). Met 2, overdue 1, open 2.
  CHECK(r.milestones[0].status == "met");
  CHECK(r.milestones[1].status == "overdue");
  CHECK(*r.milestones[1].days_overdue == 14);
  CHECK(r.milestones[2].status == "open");
  CHECK_FALSE(r.milestones[2].days_overdue);
  CHECK(r.milestones[3].status == "open");
  CHECK(r.milestones[4].status == "met");
  CHECK(r.met == 2);
  CHECK(r.overdue == 1);
  CHECK(r.open == 2);
  // Review: as_of 06-15 > review_by 06-01 and last reviewed 01-15, before it: overdue.
  CHECK(r.review_overdue);
  p.theory_of_change->reviewed = day("2026-06-03");  // reviewed after review_by: that review was done
  CHECK_FALSE(milestone_status(p, day("2026-06-15")).review_overdue);
  CHECK_FALSE(milestone_status(p, day("2026-06-01")).review_overdue);  // not after review_by
  const auto j = to_json(r);
  CHECK(j["milestones"][1]["days_overdue"] == 14);
  CHECK(j["review"]["overdue"] == true);
  CHECK(to_json(milestone_status(model::Project{}, day("2026-06-15"))).is_null());
}

TEST_CASE("evaluation: membership over time", "[mel]") {
  model::Project p;
  model::Collaborative c;
  c.start = day("2026-01-05");
  c.end = day("2026-04-30");
  c.design.stage = "growing";
  p.collaborative = c;
  auto mem = [](const char* id, const char* joined, const char* left) {
    model::Member m;
    m.id = id;
    if (joined) m.joined = day(joined);
    if (left) m.left = day(left);
    return m;
  };
  model::Team t1;
  t1.id = "t1";
  t1.status = "active";
  t1.joined = day("2026-01-05");
  t1.members = {mem("a", nullptr, nullptr), mem("b", "2026-02-10", "2026-03-31"), mem("c", "2026-03-01", "2026-03-20")};
  model::Team t2;
  t2.id = "t2";
  t2.status = "withdrawn";
  t2.withdrawal = model::Withdrawal{day("2026-02-28"), "capacity"};
  t2.members = {mem("d", nullptr, nullptr), mem("e", "2025-12-01", "2026-01-31")};
  model::Team t3;
  t3.id = "t3";
  t3.status = "active";
  t3.joined = day("2026-04-10");
  t3.members = {mem("f", nullptr, nullptr)};
  p.teams = {t1, t2, t3};
  const auto r = membership(p, day("2026-06-15"));
  // Months: 2026-01 to min(2026-06 (as_of), 2026-04 (end)) = 2026-04.
  // Starts/ends: a Jan 5 (team t1's joined), -; b Feb 10 - Mar 31; c Mar 1 - Mar 20; d Jan 5 (collaborative
  // start: no joined anywhere) - Feb 28 (t2's withdrawal); e Dec 1 2025 - Jan 31; f Apr 10 (t3's joined), -.
  // Jan (end Jan 31): active a, d = 2 (e ends Jan 31, not after it); new a, d = 2 (e started before Jan);
  //   lapsed e = 1.
  // Feb (end Feb 28): active a, b = 2 (d ends Feb 28); new b = 1; lapsed d = 1.
  // Mar (end Mar 31): active a = 1 (b ends Mar 31; c ends Mar 20); new c = 1; lapsed b, c = 2.
  // Apr (end Apr 30): active a, f = 2; new f = 1; lapsed 0.
  CHECK(r.stage == "growing");
  REQUIRE(r.months.size() == 4);
  auto row = [&](size_t i) { return std::vector<int>{r.months[i].active, r.months[i].joined, r.months[i].lapsed}; };
  CHECK(format_period(r.months[0].month) == "2026-01");
  CHECK(row(0) == std::vector<int>{2, 2, 1});
  CHECK(row(1) == std::vector<int>{2, 1, 1});
  CHECK(row(2) == std::vector<int>{1, 1, 2});
  CHECK(row(3) == std::vector<int>{2, 1, 0});
  CHECK(format_period(r.months[3].month) == "2026-04");
  // as_of in February: January and February only. Before the start: no months.
  CHECK(membership(p, day("2026-02-15")).months.size() == 2);
  CHECK(membership(p, day("2025-12-15")).months.empty());
  const auto j = to_json(r);
  CHECK(j["months"][2]["lapsed"] == 2);
  CHECK(j["months"][2]["new"] == 1);
  // Everything together, as of 2026-06-15.
  const auto all = to_json(compute_evaluation(p, day("2026-06-15")));
  CHECK(all["as_of"] == "2026-06-15");
  CHECK(all["milestones"].is_null());
  CHECK(all["membership"]["stage"] == "growing");
}

TEST_CASE("resources: equal shares give a normalized HHI of exactly 0", "[mel]") {
  // Three funders of 1 each: shares 1/3; HHI = 3 x 1/9 = 1/3 = 1/N; effective number 3;
  // normalized HHI = (1/3 - 1/3) / (1 - 1/3) = 0 (floored at 0 if rounding takes HHI just below 1/3).
  const model::Funding a = funding("A", 2026, 1), b = funding("B", 2026, 1), c = funding("C", 2026, 1);
  const auto r = concentration({&a, &b, &c}, 0.5);
  CHECK(*r.hhi == Approx(1.0 / 3));
  CHECK(*r.effective_number == Approx(3.0));
  CHECK(*r.normalized_hhi >= 0.0);
  CHECK(*r.normalized_hhi == Approx(0.0).margin(1e-12));
  CHECK_FALSE(r.dominant);
  CHECK_FALSE(std::signbit(detail::round6(-1e-12)));  // written 0, not -0
}
