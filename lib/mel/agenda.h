// The learning agenda's tally (learning-agenda.yaml): which topics the members want, by dot voting or a
// ranked ballot (Borda count). These are the product's definitions:
//
// Topics counted: the agenda's topics that are not "dropped"; n = their number. A ballot's dots or ranked
// entries for a dropped or unknown topic are skipped (lib/check reports unknown ones).
//   dots   a topic's score = the dots it received, as written (budgets and max_per_topic are lib/check's).
//   borda  a ballot's ranking, with skipped entries removed, gives n - 1 points to its first choice, n - 2 to
//          its second, and so on; topics the ballot leaves unranked get 0 points from it (de Borda 1781;
//          Saari, "Basic Geometry of Voting", 1995). Only the field of the agenda's method is read: the
//          dots of a ballot under borda, or its ranking under dots, are ignored.
// A voter BACKS a topic when they give it at least one dot (dots) or rank it at any place (borda).
// Breadth: voters = distinct voters backing the topic; groups = distinct groups backing it. The group of a
// ballot: its `group`, else the organization of the voter's team, else the faculty member's organization,
// else "(none)" (which counts as one group).
// Ranking: score descending, then groups descending, then voters descending, then topic ID ascending.
// Rank is competition ranking ("1, 2, 2, 4"): topics equal on score, groups and voters share a rank, and
// their ID only orders the listing. `tie_broken_by` says what separated a topic from a neighbour with the
// same score: "groups", "voters" or "id" (shared rank); with two such neighbours, the later criterion of
// the two (the closer call); empty when no neighbour has the same score.
// Totals: ballots counted (those backing at least one counted topic), distinct voters among them, and dots
// used (dots on counted topics).
#pragma once

#include "model/project.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace collab::mel {

struct TopicTally {
  std::string topic, title, status;
  int rank = 0;
  int score = 0;
  int voters = 0, groups = 0;
  std::vector<std::string> events;  // the events that serve it
  std::string tie_broken_by;        // groups, voters, id; empty: not tied on score with a neighbour
};

struct AgendaResult {
  bool present = false;  // learning-agenda.yaml was loaded
  std::string method;    // dots or borda
  int topics_counted = 0;
  int ballots = 0, voters = 0, dots_used = 0;
  std::vector<TopicTally> topics;     // counted topics, in rank order
  std::vector<std::string> dropped;   // dropped topics, in the file's order
};

// The group a ballot counts for (see above).
std::string ballot_group(const model::Project& project, const model::Ballot& ballot);

AgendaResult tally_agenda(const model::Project& project);

nlohmann::json to_json(const AgendaResult& r);

}  // namespace collab::mel
