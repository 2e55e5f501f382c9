#include "scoring/selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <set>

namespace collab::scoring {

namespace {

std::string label(const Quota& q) { return q.attribute + " = " + q.value; }

bool in_group(const Candidate& c, const Quota& q) {
  auto it = c.attributes.find(q.attribute);
  return it != c.attributes.end() && it->second == q.value;
}

// "a", "a and b", "a, b and c"
std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

enum class Bound { min, max };

// "quota region = South (at least 2)" or "quotas region = South (at least 2) and sector = rural (at least 1)"
std::string quotas_phrase(const std::vector<Quota>& quotas, const std::vector<size_t>& which, Bound bound) {
  std::vector<std::string> words;
  for (size_t q : which) {
    words.push_back(bound == Bound::min ? fmt::format("{} (at least {})", label(quotas[q]), *quotas[q].min)
                                        : fmt::format("{} (at most {})", label(quotas[q]), *quotas[q].max));
  }
  return (which.size() == 1 ? "quota " : "quotas ") + join_words(words);
}

// Which limits apply in a feasibility question; the explanations switch some off.
struct Limits {
  std::vector<bool> min_on, max_on;
  bool capacity_on = true;
};

// The exact feasibility oracle: can candidates from `first` on be added to a base selection (with
// `counts` members per quota and `size` members in all, within the limits already) so that every active
// min is met without breaking an active max or the capacity?
//
// Candidates with the same quota memberships are interchangeable, so the search works on classes of
// them with a count each. It branches on the unmet min with the least supply: the completion must take
// someone from its group, and each class of that group is tried in turn. A class that failed is excluded
// from the rest of that subtree (a completion using it would also have worked when it was tried), which
// makes every failure final, so failed states are remembered and never searched twice.
class Oracle {
 public:
  Oracle(const std::vector<std::vector<bool>>& member, const std::vector<Quota>& quotas, int capacity)
      : member_(member), quotas_(quotas), capacity_(capacity) {}

  bool completable(const std::vector<int>& counts, int size, size_t first, const Limits& limits) {
    limits_ = &limits;
    classes_.clear();
    available_.clear();
    failed_.clear();
    for (size_t c = first; c < member_.size(); ++c) {
      bool useful = false;
      for (size_t q = 0; q < quotas_.size(); ++q) useful = useful || (member_[c][q] && limits.min_on[q]);
      if (!useful) continue;  // helps no min: a completion never needs them
      auto it = std::find(classes_.begin(), classes_.end(), member_[c]);
      if (it == classes_.end()) {
        classes_.push_back(member_[c]);
        available_.push_back(1);
      } else {
        ++available_[static_cast<size_t>(it - classes_.begin())];
      }
    }
    std::vector<int> taken(classes_.size(), 0);
    std::vector<int> counts_now = counts;
    return search(taken, counts_now, size, std::vector<bool>(classes_.size(), false));
  }

 private:
  // How many more of class s could be added now: its availability, the capacity and the maxes.
  int room(size_t s, const std::vector<int>& taken, const std::vector<int>& counts, int size) const {
    int r = available_[s] - taken[s];
    if (limits_->capacity_on) r = std::min(r, capacity_ - size);
    for (size_t q = 0; q < quotas_.size(); ++q) {
      if (classes_[s][q] && limits_->max_on[q]) r = std::min(r, *quotas_[q].max - counts[q]);
    }
    return std::max(r, 0);
  }

  bool search(std::vector<int>& taken, std::vector<int>& counts, int size, std::vector<bool> excluded) {
    if (failed_.count(taken)) return false;
    std::vector<int> rooms(classes_.size(), 0);
    for (size_t s = 0; s < classes_.size(); ++s) rooms[s] = excluded[s] ? 0 : room(s, taken, counts, size);
    std::optional<size_t> branch;
    int branch_supply = 0, largest_deficit = 0;
    for (size_t q = 0; q < quotas_.size(); ++q) {
      if (!limits_->min_on[q]) continue;
      int deficit = *quotas_[q].min - counts[q];
      if (deficit <= 0) continue;
      int supply = 0;
      for (size_t s = 0; s < classes_.size(); ++s) supply += classes_[s][q] ? rooms[s] : 0;
      if (supply < deficit) return fail(taken);
      largest_deficit = std::max(largest_deficit, deficit);
      if (!branch || supply < branch_supply) branch = q, branch_supply = supply;
    }
    if (!branch) return true;
    if (limits_->capacity_on && largest_deficit > capacity_ - size) return fail(taken);
    for (size_t s = 0; s < classes_.size(); ++s) {
      if (!classes_[s][*branch] || rooms[s] == 0) continue;
      change(s, taken, counts, +1);
      bool ok = search(taken, counts, size + 1, excluded);
      change(s, taken, counts, -1);
      if (ok) return true;
      excluded[s] = true;
    }
    return fail(taken);
  }

  void change(size_t s, std::vector<int>& taken, std::vector<int>& counts, int by) const {
    taken[s] += by;
    for (size_t q = 0; q < quotas_.size(); ++q) counts[q] += classes_[s][q] ? by : 0;
  }

  bool fail(const std::vector<int>& taken) {
    failed_.insert(taken);
    return false;
  }

  const std::vector<std::vector<bool>>& member_;
  const std::vector<Quota>& quotas_;
  int capacity_;
  const Limits* limits_ = nullptr;
  std::vector<std::vector<bool>> classes_;  // quota memberships of each class
  std::vector<int> available_;
  std::set<std::vector<int>> failed_;
};

// The smallest subset of `items` (fewest members, then first in lexicographic order) that passes
// `test`; beyond 12 items only the whole set is tried. None when no subset tried passes.
template <class Test>
std::optional<std::vector<size_t>> smallest(const std::vector<size_t>& items, Test test) {
  const size_t n = items.size();
  if (n > 12) return test(items) ? std::optional<std::vector<size_t>>(items) : std::nullopt;
  for (size_t k = 1; k <= n; ++k) {
    std::vector<size_t> pick(k);
    for (size_t i = 0; i < k; ++i) pick[i] = i;
    while (true) {
      std::vector<size_t> subset;
      for (size_t i : pick) subset.push_back(items[i]);
      if (test(subset)) return subset;
      size_t i = k;  // next combination
      while (i > 0 && pick[i - 1] == n - k + i - 1) --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (size_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
    }
  }
  return std::nullopt;
}

struct Explanation {
  std::vector<size_t> mins;   // quotas whose mins cannot be met together
  bool capacity = false;      // the capacity is one of the limits in the way
  std::vector<size_t> maxes;  // quotas whose maxes are in the way
};

// Why no completion exists from a base: the smallest set of mins that fails, then the smallest set of
// limits among `relaxable` (the quota indices of maxes; quotas.size() stands for the capacity) whose
// removal lets those mins be met.
Explanation explain(Oracle& oracle, const std::vector<Quota>& quotas, const Limits& full,
                    const std::vector<int>& counts, int size, size_t first, const std::vector<size_t>& relaxable) {
  Explanation e;
  std::vector<size_t> mins;
  for (size_t q = 0; q < quotas.size(); ++q) {
    if (full.min_on[q]) mins.push_back(q);
  }
  auto only = [&](const std::vector<size_t>& chosen) {
    Limits l = full;
    l.min_on.assign(quotas.size(), false);
    for (size_t q : chosen) l.min_on[q] = true;
    return l;
  };
  e.mins = smallest(mins, [&](const std::vector<size_t>& chosen) {
             return !oracle.completable(counts, size, first, only(chosen));
           }).value_or(mins);
  auto relaxed = smallest(relaxable, [&](const std::vector<size_t>& chosen) {
    Limits l = only(e.mins);
    for (size_t q : chosen) {
      if (q == quotas.size()) l.capacity_on = false;
      else l.max_on[q] = false;
    }
    return oracle.completable(counts, size, first, l);
  });
  for (size_t q : relaxed.value_or(relaxable)) {
    if (q == quotas.size()) e.capacity = true;
    else e.maxes.push_back(q);
  }
  return e;
}

}  // namespace

std::string quota_contradiction(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas) {
  std::vector<std::string> problems;
  if (capacity < 0) problems.push_back(fmt::format("the capacity is negative ({})", capacity));
  for (const Quota& q : quotas) {
    if (q.max && *q.max < 0) problems.push_back(fmt::format("quota {} has a negative maximum ({})", label(q), *q.max));
  }
  // Per group (attribute = value, in order of first appearance): its largest min, its smallest max.
  std::vector<const Quota*> groups;
  for (const Quota& q : quotas) {
    auto same = [&](const Quota* g) { return g->attribute == q.attribute && g->value == q.value; };
    if (std::none_of(groups.begin(), groups.end(), same)) groups.push_back(&q);
  }
  for (const Quota* g : groups) {
    std::optional<int> min, max;
    for (const Quota& q : quotas) {
      if (q.attribute != g->attribute || q.value != g->value) continue;
      if (q.min) min = std::max(min.value_or(*q.min), *q.min);
      if (q.max) max = std::min(max.value_or(*q.max), *q.max);
    }
    if (min && max && *min > *max && *max >= 0) {
      problems.push_back(fmt::format("quota {}: at least {} but at most {}", label(*g), *min, *max));
    }
    if (!min) continue;
    auto member = [&](const Candidate& c) { return in_group(c, *g); };
    int size = static_cast<int>(std::count_if(ranked.begin(), ranked.end(), member));
    if (*min > size) {
      problems.push_back(fmt::format("quota {} (at least {}): {} {} {}", label(*g), *min,
                                     size == 0 ? "no" : fmt::format("only {}", size),
                                     size == 1 ? "candidate has" : "candidates have", label(*g)));
    }
  }
  // Mins per attribute: the groups of one attribute are disjoint, so their mins add up.
  std::vector<std::string> attributes;
  for (const Quota& q : quotas) {
    if (q.min && std::find(attributes.begin(), attributes.end(), q.attribute) == attributes.end()) {
      attributes.push_back(q.attribute);
    }
  }
  for (const std::string& attribute : attributes) {
    std::vector<std::pair<std::string, int>> need;  // value, largest min, in quota order
    for (const Quota& q : quotas) {
      if (q.attribute != attribute || !q.min) continue;
      auto it = std::find_if(need.begin(), need.end(), [&](const auto& p) { return p.first == q.value; });
      if (it == need.end()) need.emplace_back(q.value, std::max(*q.min, 0));
      else it->second = std::max(it->second, *q.min);
    }
    int total = 0;
    std::vector<std::string> parts;
    for (const auto& [value, n] : need) total += n, parts.push_back(fmt::format("{} {}", value, n));
    if (total <= capacity || capacity < 0) continue;
    if (need.size() == 1) {
      problems.push_back(fmt::format("quota {} = {} (at least {}) needs more places than the capacity of {}",
                                     attribute, need.front().first, total, capacity));
    } else {
      problems.push_back(fmt::format("the quotas on {} need at least {} places ({}) but the capacity is {}",
                                     attribute, total, join_words(parts), capacity));
    }
  }
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "; ") + p;
  return out;
}

Selection select(const std::vector<Candidate>& ranked, int capacity, const std::vector<Quota>& quotas) {
  const size_t n = ranked.size(), nq = quotas.size();
  Selection out;
  auto infeasible = [&](std::string reason) {
    out.feasible = false;
    out.infeasible_reason = std::move(reason);
    out.decisions.assign(n, Decision{Outcome::waitlisted, "not selected: the quotas cannot all be met"});
    return out;
  };
  std::string contradiction = quota_contradiction(ranked, capacity, quotas);
  if (!contradiction.empty()) return infeasible(contradiction);

  std::vector<std::vector<bool>> member(n, std::vector<bool>(nq, false));
  for (size_t c = 0; c < n; ++c) {
    for (size_t q = 0; q < nq; ++q) member[c][q] = in_group(ranked[c], quotas[q]);
  }
  Limits full;
  full.min_on.resize(nq);
  full.max_on.resize(nq);
  for (size_t q = 0; q < nq; ++q) {
    full.min_on[q] = quotas[q].min.has_value();
    full.max_on[q] = quotas[q].max.has_value();
  }
  Oracle oracle(member, quotas, capacity);
  std::vector<int> counts(nq, 0);
  int size = 0;

  if (!oracle.completable(counts, size, 0, full)) {
    std::vector<size_t> relaxable;
    for (size_t q = 0; q < nq; ++q) {
      if (full.max_on[q]) relaxable.push_back(q);
    }
    relaxable.insert(relaxable.begin(), nq);  // the capacity first
    Explanation e = explain(oracle, quotas, full, counts, size, 0, relaxable);
    std::vector<std::string> within;
    if (e.capacity) within.push_back(fmt::format("the capacity of {}", capacity));
    if (!e.maxes.empty()) within.push_back(quotas_phrase(quotas, e.maxes, Bound::max));
    return infeasible(fmt::format("{} cannot be met{} within {}", quotas_phrase(quotas, e.mins, Bound::min),
                                  e.mins.size() > 1 ? " together" : "", join_words(within)));
  }

  for (size_t i = 0; i < n; ++i) {
    if (size >= capacity) {
      out.decisions.push_back({Outcome::waitlisted, "capacity reached"});
      continue;
    }
    std::vector<size_t> exceeded;
    for (size_t q = 0; q < nq; ++q) {
      if (member[i][q] && full.max_on[q] && counts[q] + 1 > *quotas[q].max) exceeded.push_back(q);
    }
    if (!exceeded.empty()) {
      std::vector<std::string> words;
      for (size_t q : exceeded) words.push_back(quotas_phrase(quotas, {q}, Bound::max));
      out.decisions.push_back({Outcome::waitlisted, "would exceed " + join_words(words)});
      continue;
    }
    std::vector<int> with = counts;
    for (size_t q = 0; q < nq; ++q) with[q] += member[i][q] ? 1 : 0;
    if (oracle.completable(with, size + 1, i + 1, full)) {
      counts = std::move(with);
      ++size;
      out.decisions.push_back({Outcome::selected, "within capacity"});
      continue;
    }
    // Selecting them used up a place the mins need: the capacity or a max of their own quotas.
    std::vector<size_t> relaxable{nq};
    for (size_t q = 0; q < nq; ++q) {
      if (member[i][q] && full.max_on[q]) relaxable.push_back(q);
    }
    Explanation e = explain(oracle, quotas, full, with, size + 1, i + 1, relaxable);
    std::vector<std::string> needs;
    if (e.capacity) needs.push_back("the remaining places");
    if (!e.maxes.empty()) needs.push_back("the places left under " + quotas_phrase(quotas, e.maxes, Bound::max));
    std::string mins = quotas_phrase(quotas, e.mins, Bound::min);
    const char* verb = e.mins.size() > 1 ? "need" : "needs";
    out.decisions.push_back({Outcome::waitlisted, fmt::format("passed over: {} {} {}", mins, verb, join_words(needs))});
  }
  return out;
}

}  // namespace collab::scoring
