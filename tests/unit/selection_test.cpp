#include "scoring/selection.h"

#include <catch2/catch.hpp>

#include <bitset>
#include <random>

using namespace collab::scoring;

namespace {

Candidate cand(std::string id, std::string region, std::string sector) {
  Candidate c{std::move(id), {}};
  if (!region.empty()) c.attributes["region"] = std::move(region);
  if (!sector.empty()) c.attributes["sector"] = std::move(sector);
  return c;
}

Quota at_least(std::string attribute, std::string value, int min) {
  return {std::move(attribute), std::move(value), min, std::nullopt};
}
Quota at_most(std::string attribute, std::string value, int max) {
  return {std::move(attribute), std::move(value), std::nullopt, max};
}

std::vector<std::string> selected(const std::vector<Candidate>& ranked, const Selection& s) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (s.decisions[i].outcome == Outcome::selected) ids.push_back(ranked[i].id);
  }
  return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("selection by rank within capacity and maxes", "[scoring]") {
  std::vector<Candidate> ranked{cand("A", "South", "rural"), cand("B", "South", "urban"), cand("C", "North", "rural"),
                                cand("D", "North", "urban")};
  SECTION("capacity only") {
    auto s = select(ranked, 2, {});
    REQUIRE(s.feasible);
    CHECK(selected(ranked, s) == Ids{"A", "B"});
    CHECK(s.decisions[0].reason == "within capacity");
    CHECK(s.decisions[2].reason == "capacity reached");
    CHECK(s.decisions[3].reason == "capacity reached");
    CHECK(s.infeasible_reason.empty());
  }
  SECTION("a max passes a candidate over to the next") {
    auto s = select(ranked, 2, {at_most("region", "South", 1)});
    CHECK(selected(ranked, s) == Ids{"A", "C"});
    CHECK(s.decisions[1].reason == "would exceed quota region = South (at most 1)");
    CHECK(s.decisions[3].reason == "capacity reached");
  }
  SECTION("every max exceeded is named") {
    auto s = select(ranked, 3, {at_most("region", "South", 1), at_most("sector", "rural", 1)});
    CHECK(s.decisions[1].reason == "would exceed quota region = South (at most 1)");
    CHECK(s.decisions[2].reason == "would exceed quota sector = rural (at most 1)");
    // Rank first, not size: B, C and D would have been 3 (the example in selection.h).
    CHECK(selected(ranked, s) == Ids{"A", "D"});
  }
  SECTION("nothing to select") {
    CHECK(select({}, 3, {}).decisions.empty());
    auto s = select(ranked, 0, {});
    CHECK(s.feasible);
    CHECK(selected(ranked, s).empty());
    CHECK(s.decisions[0].reason == "capacity reached");
  }
}

TEST_CASE("overlapping quotas: where filling each quota's best first goes wrong", "[scoring]") {
  SECTION("one place, two quotas: only the candidate in both will do") {
    // Filling South with its best (A) leaves no place for rural.
    std::vector<Candidate> ranked{cand("A", "South", "urban"), cand("B", "North", "rural"), cand("C", "South", "rural")};
    auto s = select(ranked, 1, {at_least("region", "South", 1), at_least("sector", "rural", 1)});
    REQUIRE(s.feasible);
    CHECK(selected(ranked, s) == Ids{"C"});
    CHECK(s.decisions[0].reason == "passed over: quota sector = rural (at least 1) needs the remaining places");
    CHECK(s.decisions[1].reason == "passed over: quota region = South (at least 1) needs the remaining places");
  }
  SECTION("three places, South at least 2, rural at least 2") {
    // Each quota's two best: A, F for South and B, C for rural: 4 people for 3 places. The valid sets
    // all hold D (South and rural); the first in rank order is A, B, D.
    std::vector<Candidate> ranked{cand("A", "South", "urban"), cand("F", "South", "urban"), cand("B", "North", "rural"),
                                  cand("C", "North", "rural"), cand("D", "South", "rural")};
    auto s = select(ranked, 3, {at_least("region", "South", 2), at_least("sector", "rural", 2)});
    REQUIRE(s.feasible);
    CHECK(selected(ranked, s) == Ids{"A", "B", "D"});
    CHECK(s.decisions[1].reason == "passed over: quota sector = rural (at least 2) needs the remaining places");
    CHECK(s.decisions[3].reason == "passed over: quota region = South (at least 2) needs the remaining places");
    CHECK(s.decisions[4].reason == "within capacity");
  }
  SECTION("a max in the way of a min") {
    // Rural at least 2 needs B and C, and B is South: A would use the one South place.
    std::vector<Candidate> ranked{cand("A", "South", "urban"), cand("B", "South", "rural"), cand("C", "North", "rural")};
    auto s = select(ranked, 4, {at_least("sector", "rural", 2), at_most("region", "South", 1)});
    CHECK(selected(ranked, s) == Ids{"B", "C"});
    CHECK(s.decisions[0].reason ==
          "passed over: quota sector = rural (at least 2) needs the places left under quota region = South (at most 1)");
    // With 2 places, both the capacity and the max stand in the way.
    s = select(ranked, 2, {at_least("sector", "rural", 2), at_most("region", "South", 1)});
    CHECK(selected(ranked, s) == Ids{"B", "C"});
    CHECK(s.decisions[0].reason ==
          "passed over: quota sector = rural (at least 2) needs the remaining places and the places left under quota "
          "region = South (at most 1)");
  }
  SECTION("two mins together") {
    // One place left after A; B would leave South and rural both unmet, and either alone could still be met.
    std::vector<Candidate> ranked{cand("A", "North", "urban"), cand("B", "North", "urban"), cand("C", "South", "rural")};
    auto s = select(ranked, 2, {at_least("region", "South", 1), at_least("sector", "rural", 1)});
    CHECK(selected(ranked, s) == Ids{"A", "C"});
    CHECK(s.decisions[1].reason == "passed over: quota region = South (at least 1) needs the remaining places");
  }
  SECTION("a candidate without the attribute counts for no group") {
    std::vector<Candidate> ranked{cand("A", "", "rural"), cand("B", "South", "")};
    auto s = select(ranked, 1, {at_least("region", "South", 1), at_most("sector", "urban", 0)});
    CHECK(selected(ranked, s) == Ids{"B"});
    CHECK(s.decisions[0].reason == "passed over: quota region = South (at least 1) needs the remaining places");
  }
}

TEST_CASE("contradictory quotas are explained before any search", "[scoring]") {
  std::vector<Candidate> ranked{cand("A", "South", "rural"), cand("B", "South", "urban"), cand("C", "North", "rural"),
                                cand("D", "North", "urban")};
  CHECK(quota_contradiction(ranked, 4, {at_least("region", "South", 2), at_most("sector", "rural", 1)}).empty());
  CHECK(quota_contradiction(ranked, 3, {at_least("region", "South", 2), at_least("region", "North", 2)}) ==
        "the quotas on region need at least 4 places (South 2 and North 2) but the capacity is 3");
  CHECK(quota_contradiction(ranked, 1, {at_least("region", "South", 2)}) ==
        "quota region = South (at least 2) needs more places than the capacity of 1");
  CHECK(quota_contradiction(ranked, 4, {at_least("region", "South", 3)}) ==
        "quota region = South (at least 3): only 2 candidates have region = South");
  CHECK(quota_contradiction(ranked, 4, {at_least("region", "East", 1)}) ==
        "quota region = East (at least 1): no candidates have region = East");
  CHECK(quota_contradiction(ranked, 4, {Quota{"region", "South", 2, 1}}) == "quota region = South: at least 2 but at most 1");
  CHECK(quota_contradiction(ranked, -1, {at_most("region", "South", -2)}) ==
        "the capacity is negative (-1); quota region = South has a negative maximum (-2)");
  CHECK(quota_contradiction(ranked, 4, {at_most("region", "South", 1), at_least("region", "South", 2)}) ==
        "quota region = South: at least 2 but at most 1");
  // Two quotas on the same value: the larger min counts once.
  CHECK(quota_contradiction(ranked, 2, {at_least("region", "South", 1), at_least("region", "South", 2)}).empty());

  auto s = select(ranked, 3, {at_least("region", "South", 2), at_least("region", "North", 2)});
  CHECK_FALSE(s.feasible);
  CHECK(s.infeasible_reason == "the quotas on region need at least 4 places (South 2 and North 2) but the capacity is 3");
  REQUIRE(s.decisions.size() == 4);
  for (const auto& d : s.decisions) {
    CHECK(d.outcome == Outcome::waitlisted);
    CHECK(d.reason == "not selected: the quotas cannot all be met");
  }
}

TEST_CASE("quotas that cannot be met are named with what stands in the way", "[scoring]") {
  SECTION("three mins together within the capacity") {
    std::vector<Candidate> ranked{cand("A", "South", "urban"), cand("B", "North", "urban"), cand("D", "East", "rural")};
    std::vector<Quota> quotas{at_least("region", "South", 1), at_least("region", "North", 1), at_least("sector", "rural", 1)};
    CHECK(quota_contradiction(ranked, 2, quotas).empty());
    auto s = select(ranked, 2, quotas);
    CHECK_FALSE(s.feasible);
    CHECK(s.infeasible_reason ==
          "quotas region = South (at least 1), region = North (at least 1) and sector = rural (at least 1) cannot be "
          "met together within the capacity of 2");
    CHECK(selected(ranked, s).empty());
  }
  SECTION("one min within another quota's max") {
    std::vector<Candidate> ranked{cand("A", "South", "rural"), cand("B", "South", "rural"), cand("C", "North", "urban")};
    auto s = select(ranked, 5, {at_most("sector", "rural", 1), at_least("region", "South", 2)});
    CHECK_FALSE(s.feasible);
    CHECK(s.infeasible_reason == "quota region = South (at least 2) cannot be met within quota sector = rural (at most 1)");
  }
}

namespace {

// Brute force over every subset: the valid ones, and the first of them in rank order (the subset that
// holds the best-ranked candidate where two differ). Bit i of a mask is candidate i.
struct Brute {
  bool any = false;
  unsigned first = 0;
};

bool valid(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas, unsigned mask) {
  int size = 0;
  for (size_t i = 0; i < ranked.size(); ++i) size += (mask >> i) & 1u;
  if (size > capacity) return false;
  for (const auto& q : quotas) {
    int count = 0;
    for (size_t i = 0; i < ranked.size(); ++i) {
      auto it = ranked[i].attributes.find(q.attribute);
      if (((mask >> i) & 1u) && it != ranked[i].attributes.end() && it->second == q.value) ++count;
    }
    if ((q.min && count < *q.min) || (q.max && count > *q.max)) return false;
  }
  return true;
}

bool ranks_before(unsigned a, unsigned b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    bool in_a = (a >> i) & 1u, in_b = (b >> i) & 1u;
    if (in_a != in_b) return in_a;
  }
  return false;
}

Brute brute_force(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas) {
  Brute b;
  for (unsigned mask = 0; mask < (1u << ranked.size()); ++mask) {
    if (!valid(ranked, capacity, quotas, mask)) continue;
    if (!b.any || ranks_before(mask, b.first, ranked.size())) b.first = mask;
    b.any = true;
  }
  return b;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

namespace {

struct Instance {
  std::vector<Candidate> ranked;
  int capacity = 0;
  std::vector<Quota> quotas;
};

// Up to 9 candidates with a region and a sector (either may be missing), up to 4 quotas on North,
// South, rural or urban with a min of 0-2 and a max of 0-3 (either may be absent), a capacity of -1 to n + 1.
Instance random_instance(std::mt19937& rng) {
  auto pick = [&](unsigned n) { return static_cast<int>(rng() % n); };
  // Weighted: "" leaves the attribute out.
  const std::vector<std::string> regions{"North", "South", "East", "North", "South", ""};
  const std::vector<std::string> sectors{"rural", "urban", "rural", "urban", ""};
  Instance x;
  const int n = pick(6) == 0 ? pick(4) : 4 + pick(6);
  for (int i = 0; i < n; ++i) {
    x.ranked.push_back(cand(std::string(1, static_cast<char>('a' + i)), regions[pick(6)], sectors[pick(5)]));
  }
  for (int q = 1 + pick(4); q > 0; --q) {
    bool region = pick(2) == 0;
    Quota quota{region ? "region" : "sector", region ? regions[pick(2)] : sectors[pick(2)], {}, {}};
    if (pick(4) != 0) quota.min = pick(3);
    if (pick(2) == 0) quota.max = pick(4);
    x.quotas.push_back(quota);
  }
  x.capacity = pick(20) == 0 ? -1 : pick(static_cast<unsigned>(n) + 2);
  return x;
}

}  // namespace

TEST_CASE("select() returns the first valid set in rank order (brute force on random instances)", "[scoring]") {
  std::mt19937 rng(20240611);
  int feasible = 0, infeasible = 0, found_by_search = 0, passed_over = 0, exceeded = 0;
  for (int round = 0; round < 300; ++round) {
    // Every other instance passes quota_contradiction, so that the search decides it.
    Instance x = random_instance(rng);
    while (round % 2 == 1 && !quota_contradiction(x.ranked, x.capacity, x.quotas).empty()) x = random_instance(rng);
    const auto& [ranked, capacity, quotas] = x;
    const int n = static_cast<int>(ranked.size());

    const Selection s = select(ranked, capacity, quotas);
    const Brute b = brute_force(ranked, capacity, quotas);
    INFO("round " << round << ", " << n << " candidates, capacity " << capacity << ", " << quotas.size() << " quotas");
    REQUIRE(s.decisions.size() == ranked.size());
    REQUIRE(s.feasible == b.any);
    if (!s.feasible) {
      ++infeasible;
      CHECK_FALSE(s.infeasible_reason.empty());
      if (quota_contradiction(ranked, capacity, quotas).empty()) ++found_by_search;
      for (const auto& d : s.decisions) CHECK(d.outcome == Outcome::waitlisted);
      continue;
    }
    ++feasible;
    CHECK(s.infeasible_reason.empty());
    unsigned mask = 0;
    for (size_t i = 0; i < ranked.size(); ++i) mask |= (s.decisions[i].outcome == Outcome::selected ? 1u : 0u) << i;
    CHECK(valid(ranked, capacity, quotas, mask));
    CHECK(mask == b.first);
    // Maximal: no waitlisted candidate could be added and stay valid.
    for (size_t i = 0; i < ranked.size(); ++i) {
      if (!((mask >> i) & 1u)) CHECK_FALSE(valid(ranked, capacity, quotas, mask | (1u << i)));
    }
    // The reasons follow the rule's order: capacity, then maxes, then the oracle.
    unsigned before = 0;  // selected so far
    for (size_t i = 0; i < ranked.size(); ++i) {
      const auto& d = s.decisions[i];
      const int size = static_cast<int>(std::bitset<32>(before).count());
      bool over_a_max = false;
      for (const auto& q : quotas) {
        if (!q.max) continue;
        Quota alone{q.attribute, q.value, std::nullopt, q.max};
        if (!valid(ranked, n, {alone}, before | (1u << i))) over_a_max = true;
      }
      if (d.outcome == Outcome::selected) {
        CHECK(d.reason == "within capacity");
        before |= 1u << i;
      } else if (size >= capacity) {
        CHECK(d.reason == "capacity reached");
      } else if (over_a_max) {
        CHECK(starts_with(d.reason, "would exceed quota "));
        ++exceeded;
      } else {
        CHECK(starts_with(d.reason, "passed over: quota"));
        ++passed_over;
      }
    }
  }
  // The instances exercise every branch.
  CHECK(feasible >= 150);
  CHECK(infeasible >= 50);
  CHECK(found_by_search >= 2);  // infeasible through overlaps or maxes, past the pre-checks
  CHECK(passed_over >= 30);
  CHECK(exceeded >= 60);
}
