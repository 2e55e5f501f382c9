#include "metrics/network.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <utility>

namespace collab::metrics {

namespace {

// A running mean.
struct Mean {
  double sum = 0;
  size_t count = 0;
  void add(double x) { sum += x, ++count; }
  void add(const std::optional<double>& x) {
    if (x) add(*x);
  }
  std::optional<double> value() const {
    if (count == 0) return std::nullopt;
    return sum / static_cast<double>(count);
  }
};

std::optional<size_t> index_of(const std::vector<std::string>& sorted, const std::string& id) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id);
  if (it == sorted.end() || *it != id) return std::nullopt;
  return static_cast<size_t>(it - sorted.begin());
}

// Freeman's sum of (max - c_i) over the nodes, divided by the theoretical maximum.
template <class T>
double freeman(const std::vector<T>& scores, double theoretical_max) {
  T max = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (T c : scores) sum += static_cast<double>(max - c);
  return sum / theoretical_max;
}

// Weakly connected components by union-find: the number and the size of the largest.
std::pair<size_t, size_t> weak_components(size_t n, const std::vector<std::vector<size_t>>& out) {
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (size_t u = 0; u < n; ++u) {
    for (size_t v : out[u]) {
      size_t a = find(u), b = find(v);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<size_t> size(n, 0);
  for (size_t u = 0; u < n; ++u) ++size[find(u)];
  size_t count = 0, largest = 0;
  for (size_t s : size) {
    if (s > 0) ++count, largest = std::max(largest, s);
  }
  return {count, largest};
}

std::optional<double> difference(const std::optional<double>& before, const std::optional<double>& after) {
  if (!before || !after) return std::nullopt;
  return *after - *before;
}

}  // namespace

std::vector<double> directed_betweenness(const std::vector<std::vector<size_t>>& out) {
  const size_t n = out.size();
  std::vector<double> betweenness(n, 0.0);
  // Brandes (2001), algorithm 1, one breadth-first search per source s. Path counts are doubles, as in
  // networkx and igraph: exact up to 2^53, and only their ratios matter beyond.
  std::vector<size_t> stack, queue;
  std::vector<std::vector<size_t>> predecessors(n);
  std::vector<double> sigma(n), delta(n);
  std::vector<long> distance(n);
  stack.reserve(n);
  queue.reserve(n);
  for (size_t s = 0; s < n; ++s) {
    stack.clear();
    queue.clear();
    for (size_t v = 0; v < n; ++v) predecessors[v].clear();
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    std::fill(distance.begin(), distance.end(), -1L);
    sigma[s] = 1;
    distance[s] = 0;
    queue.push_back(s);
    for (size_t head = 0; head < queue.size(); ++head) {
      size_t v = queue[head];
      stack.push_back(v);
      for (size_t w : out[v]) {
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          queue.push_back(w);
        }
        if (distance[w] == distance[v] + 1) {
          sigma[w] += sigma[v];
          predecessors[w].push_back(v);
        }
      }
    }
    // Dependencies, farthest first: delta_s(v) = sum over successors w of sigma_v / sigma_w (1 + delta_s(w)).
    while (!stack.empty()) {
      size_t w = stack.back();
      stack.pop_back();
      for (size_t v : predecessors[w]) delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
      if (w != s) betweenness[w] += delta[w];
    }
  }
  return betweenness;
}

NetworkMetrics analyze_network(const NetworkInput& input) {
  NetworkMetrics r;
  std::vector<std::string> ids = input.nodes;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const size_t n = ids.size();
  r.node_count = n;

  // Arcs keyed by (from, to) indices: the map's order is the order of the IDs.
  struct Reports {
    Mean strength, trust;
    size_t count = 0;
  };
  std::map<std::pair<size_t, size_t>, Reports> arcs;
  for (const auto& tie : input.ties) {
    auto from = index_of(ids, tie.from), to = index_of(ids, tie.to);
    if (!from || !to) {
      ++r.unknown_ties;
      continue;
    }
    if (*from == *to) {
      ++r.self_ties;
      continue;
    }
    Reports& reports = arcs[{*from, *to}];
    if (reports.count > 0) ++r.duplicate_ties;
    ++reports.count;
    if (tie.strength) reports.strength.add(static_cast<double>(*tie.strength));
    if (tie.trust) reports.trust.add(static_cast<double>(*tie.trust));
  }
  const size_t m = arcs.size();
  r.tie_count = m;

  std::vector<std::vector<size_t>> out(n);
  std::vector<size_t> in_degree(n, 0), out_degree(n, 0);
  std::vector<Mean> strength_received(n), trust_received(n);
  Mean strength, trust;
  for (const auto& [key, reports] : arcs) {
    const auto [from, to] = key;
    Arc arc;
    arc.from = ids[from];
    arc.to = ids[to];
    arc.strength = reports.strength.value();
    arc.trust = reports.trust.value();
    arc.reports = reports.count;
    out[from].push_back(to);
    ++out_degree[from];
    ++in_degree[to];
    strength_received[to].add(arc.strength);
    trust_received[to].add(arc.trust);
    strength.add(arc.strength);
    trust.add(arc.trust);
    if (arcs.count({to, from}) > 0) ++r.reciprocated_ties;
    r.arcs.push_back(std::move(arc));
  }
  r.mean_strength = strength.value();
  r.mean_trust = trust.value();
  if (m > 0) r.reciprocity = static_cast<double>(r.reciprocated_ties) / static_cast<double>(m);

  const double dn = static_cast<double>(n);
  if (n >= 2) {
    r.density = static_cast<double>(m) / (dn * (dn - 1));
    r.in_degree_centralization = freeman(in_degree, (dn - 1) * (dn - 1));
    r.out_degree_centralization = freeman(out_degree, (dn - 1) * (dn - 1));
  }
  std::vector<double> betweenness = directed_betweenness(out);
  if (n >= 3) r.betweenness_centralization = freeman(betweenness, (dn - 1) * (dn - 1) * (dn - 2));

  std::vector<bool> responded(n, input.respondents.empty());
  for (const auto& id : input.respondents) {
    if (auto i = index_of(ids, id)) responded[*i] = true;
  }
  if (!input.respondents.empty()) {
    r.respondent_count = static_cast<size_t>(std::count(responded.begin(), responded.end(), true));
    if (n > 0) r.response_rate = static_cast<double>(r.respondent_count) / dn;
  } else {
    r.respondent_count = n;
  }

  std::tie(r.components, r.largest_component) = weak_components(n, out);

  for (size_t i = 0; i < n; ++i) {
    NodeMetrics node;
    node.id = ids[i];
    node.in_degree = in_degree[i];
    node.out_degree = out_degree[i];
    node.betweenness = betweenness[i];
    node.betweenness_normalized = n >= 3 ? betweenness[i] / ((dn - 1) * (dn - 2)) : 0.0;
    node.mean_strength_received = strength_received[i].value();
    node.mean_trust_received = trust_received[i].value();
    node.isolate = in_degree[i] == 0 && out_degree[i] == 0;
    node.responded = responded[i];
    if (node.isolate) r.isolates.push_back(node.id);
    r.nodes.push_back(std::move(node));
  }
  return r;
}

WaveComparison compare_waves(const NetworkMetrics& before, const NetworkMetrics& after) {
  WaveComparison c;
  c.density_change = difference(before.density, after.density);
  c.reciprocity_change = difference(before.reciprocity, after.reciprocity);
  c.in_degree_centralization_change = difference(before.in_degree_centralization, after.in_degree_centralization);
  c.out_degree_centralization_change =
      difference(before.out_degree_centralization, after.out_degree_centralization);
  c.betweenness_centralization_change =
      difference(before.betweenness_centralization, after.betweenness_centralization);
  c.mean_strength_change = difference(before.mean_strength, after.mean_strength);
  c.mean_trust_change = difference(before.mean_trust, after.mean_trust);

  std::map<std::string, const NodeMetrics*> before_nodes, after_nodes;
  for (const auto& node : before.nodes) before_nodes.emplace(node.id, &node);
  for (const auto& node : after.nodes) after_nodes.emplace(node.id, &node);
  std::set<std::string> stayers;
  for (const auto& [id, b] : before_nodes) {
    auto found = after_nodes.find(id);
    if (found == after_nodes.end()) {
      c.nodes_left.push_back(id);
      continue;
    }
    const NodeMetrics* a = found->second;
    stayers.insert(id);
    if (b->isolate && !a->isolate) c.no_longer_isolates.push_back(id);
    if (!b->isolate && a->isolate) c.new_isolates.push_back(id);
    DegreeChange d;
    d.id = id;
    d.in_before = b->in_degree;
    d.in_after = a->in_degree;
    d.out_before = b->out_degree;
    d.out_after = a->out_degree;
    d.in_change = static_cast<long>(d.in_after) - static_cast<long>(d.in_before);
    d.out_change = static_cast<long>(d.out_after) - static_cast<long>(d.out_before);
    c.degree_changes.push_back(std::move(d));
  }
  for (const auto& entry : after_nodes) {
    if (before_nodes.count(entry.first) == 0) c.nodes_joined.push_back(entry.first);
  }

  auto between_stayers = [&](const Arc& arc) {
    return stayers.count(arc.from) > 0 && stayers.count(arc.to) > 0;
  };
  std::set<std::pair<std::string, std::string>> before_arcs, after_arcs;
  for (const auto& arc : before.arcs) before_arcs.emplace(arc.from, arc.to);
  for (const auto& arc : after.arcs) after_arcs.emplace(arc.from, arc.to);
  for (const auto& arc : after.arcs) {
    if (before_arcs.count({arc.from, arc.to}) > 0) {
      ++c.ties_kept;
    } else {
      ++c.ties_added;
      if (between_stayers(arc)) ++c.ties_added_between_stayers;
    }
  }
  for (const auto& arc : before.arcs) {
    if (after_arcs.count({arc.from, arc.to}) > 0) continue;
    ++c.ties_dropped;
    if (between_stayers(arc)) ++c.ties_dropped_between_stayers;
  }
  return c;
}

}  // namespace collab::metrics
