// Selection of ranked applicants under a capacity and composition quotas ("at least 2 from the South,
// at most 4 rural organizations"), with a plain-words reason for every decision.
//
// The rule: go down the ranking, best first. A candidate is selected when
//   1. places are left (fewer than `capacity` selected so far),
//   2. selecting them exceeds no quota's max, and
//   3. after selecting them, the candidates not yet considered can still complete a selection that
//      meets every quota's min within the capacity and the maxes.
// Test 3 is decided exactly (a search, not a heuristic), so quotas may overlap: one candidate can count
// for region and for sector at once, which is where filling each quota with its best candidates first
// goes wrong (it can use up the places on candidates who each help one quota when one candidate could
// have helped two, and end with no valid selection, or a worse one, although a better one exists).
//
// What it guarantees. Call a set of candidates valid when it has at most `capacity` members and meets
// every quota's min and max. When a valid set exists, `select` returns the first valid set in rank
// order: of two valid sets, the first is the one that holds the best-ranked candidate the other lacks.
// So the top candidate is selected whenever some valid set holds them; given that, the second whenever
// some valid set holds both; and so on down. It follows that no waitlisted candidate could join the
// selection without exceeding the capacity or a max (the selection is maximal). It does not follow that
// the selection is as large as possible: with overlapping maxes, one better-ranked candidate can use the
// room of two lower-ranked ones (capacity 3, region = South at most 1, sector = rural at most 1: the
// ranking South-rural, South-urban, North-rural, North-urban gives 2 selected, where the last three
// would have been 3). Rank comes first by design.
//
// When no valid set exists, nobody is selected: `feasible` is false, every decision is waitlisted, and
// `infeasible_reason` names the quota that cannot be met and why, or else the smallest combination of
// quotas that cannot be met together.
//
// A candidate belongs to a quota's group when their attribute equals the quota's value exactly (no case
// folding here); a candidate without the attribute is in no group of it. Ties never arise: the order of
// the candidates, then of the quotas, decides everything, so the result is deterministic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::scoring {

struct Candidate {
  std::string id;
  std::map<std::string, std::string> attributes;  // e.g. region -> South
};

// attribute == value: at least min, at most max (either may be absent). A quota with neither is ignored.
struct Quota {
  std::string attribute;
  std::string value;
  std::optional<int> min;
  std::optional<int> max;
};

enum class Outcome { selected, waitlisted };

// The reason is one of:
//   "within capacity"                                   (selected)
//   "capacity reached"
//   "would exceed quota region = South (at most 4)"     (every max it would exceed, joined by "and")
//   "passed over: quota sector = rural (at least 2) needs the remaining places"
//   "passed over: quota sector = rural (at least 2) needs the places left under quota region = South
//    (at most 1)"                                       (or both: "the remaining places and the ...")
//   "not selected: the quotas cannot all be met"        (when no valid set exists)
// A "passed over" reason names the smallest set of mins that selecting the candidate would make
// impossible, and the smallest set of limits (the capacity, and maxes of quotas the candidate belongs
// to) that selecting them would use up.
struct Decision {
  Outcome outcome;
  std::string reason;
};

struct Selection {
  bool feasible = true;
  std::vector<Decision> decisions;  // one per candidate, in the order given
  std::string infeasible_reason;    // empty when feasible
};

// `ranked` is in rank order, best first. A negative capacity is a contradiction (no valid set).
Selection select(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas);

// The checks made before any search: a negative capacity; a negative max; a min above a max of the
// same group (attribute = value, whether in one quota or two); a min above the number of candidates in
// its group; the mins of the quotas on one attribute adding up to more than the capacity (the groups of
// one attribute do not overlap; of two quotas on the same group, the larger min counts). Returns every
// contradiction found, in that order and then in quota order, joined by "; "; empty when none.
// Each implies that no valid set exists; passing them does not imply that one does (overlaps and maxes
// are left to the search).
std::string quota_contradiction(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas);

}  // namespace collab::scoring
