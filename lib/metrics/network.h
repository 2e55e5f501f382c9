// Who works with whom: the network of one wave of a tie survey. Each respondent names the people (or
// organizations) they have a tie to, with an optional strength ("how much do you work together", 1-5)
// and trust (1-5). A tie is directed: "A named B" says nothing of whether B named A. The figures
// follow the usual social-network definitions for directed graphs (Wasserman & Faust 1994, "Social
// Network Analysis: Methods and Applications", Cambridge University Press), and agree with networkx
// and igraph where those define the same thing (each place says which function):
//
// - density = m / (n (n-1)): the share of the n (n-1) possible arcs that exist (W&F chapter 4, on
//   directed graphs).
// - reciprocity = (arcs whose reverse arc also exists) / m: the arc-based definition, igraph's default
//   reciprocity(mode = "default") and networkx's overall_reciprocity. (The dyad-based one, mutual dyads
//   over connected dyads, is m_r / (2m - m_r) for m_r reciprocated arcs; it is not computed here.)
// - betweenness of v = sum over ordered pairs (s, t), s != v != t, of sigma_st(v) / sigma_st, where
//   sigma_st counts the shortest directed paths from s to t and sigma_st(v) those through v (Freeman
//   1977, "A set of measures of centrality based on betweenness", Sociometry 40(1), 35-41), computed
//   as in Brandes 2001, "A faster algorithm for betweenness centrality", J. Math. Sociology 25(2),
//   163-177). Paths are unweighted. Normalized by (n-1)(n-2), the most a node can have in a directed
//   graph (networkx's betweenness_centrality(normalized=True) on a DiGraph).
// - Freeman centralization (Freeman 1979, "Centrality in social networks: conceptual clarification",
//   Social Networks 1, 215-239; W&F §5.2 for the undirected forms): sum over nodes of (max c - c_i),
//   divided by the largest value that sum takes over all directed graphs of n nodes without self-ties:
//     in- or out-degree: (n-1)^2       (an in-star, or an out-star)
//     betweenness:       (n-1)^2 (n-2) (a star with mutual ties: the centre lies on all (n-1)(n-2)
//                                       paths between the other nodes, which lie on none)
//   Those are igraph's igraph_centralization_degree_tmax(mode = IN or OUT, loops = false) and
//   igraph_centralization_betweenness_tmax(directed = true), so the figures equal igraph's
//   centr_degree(mode = "in"/"out", loops = FALSE)$centralization and centr_betw(directed = TRUE).
//   They are the directed analogues of Freeman's undirected indices, each in [0, 1].
//
// A figure that divides by zero is nullopt rather than a made-up 0: density and degree centralization
// need n >= 2, betweenness centralization n >= 3, reciprocity m >= 1, a mean at least one value. The one
// exception is normalized betweenness, 0 when n < 3 (raw betweenness is 0 then, as in networkx).
//
// Everything is deterministic: nodes, arcs and every list come sorted by node ID (std::string's
// order); sums run in that order. Nothing throws except std::bad_alloc. Betweenness costs O(n m) time
// and O(n + m) memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace collab::metrics {

// One answer to "who do you have a tie to": from named to.
struct TieInput {
  std::string from, to;
  std::optional<int> strength, trust;  // 1-5 scales; not checked here
};

struct NetworkInput {
  // Every node of the network (e.g. the members of the active teams), isolates included. A repeated ID
  // counts once.
  std::vector<std::string> nodes;
  // Who answered the survey; empty means everyone did (no response rate). IDs not in nodes are
  // ignored.
  std::vector<std::string> respondents;
  // Ties whose from or to is not in nodes are dropped (and counted in unknown_ties), as are self-ties
  // (self_ties). Repeated (from, to) pairs make one arc whose strength and trust are the means of the
  // values the repeats carry.
  std::vector<TieInput> ties;
};

// A distinct directed tie.
struct Arc {
  std::string from, to;
  std::optional<double> strength, trust;  // mean over the reports that carry one
  size_t reports = 1;                     // tie records merged into this arc
};

struct NodeMetrics {
  std::string id;
  size_t in_degree = 0;   // arcs received (named by)
  size_t out_degree = 0;  // arcs sent (names)
  double betweenness = 0;             // raw: sum over ordered pairs, in [0, (n-1)(n-2)]
  double betweenness_normalized = 0;  // raw / ((n-1)(n-2)); 0 when n < 3
  // Means over the arcs received that carry a value (each arc counts once): how strong and how
  // trusting the ties others report to this node are. nullopt when none carries one.
  std::optional<double> mean_strength_received, mean_trust_received;
  bool isolate = false;   // no arc in or out (a non-respondent can be one for want of an answer)
  bool responded = true;  // in respondents (always true when respondents is empty)
};

struct NetworkMetrics {
  size_t node_count = 0;  // n, distinct nodes
  size_t tie_count = 0;   // m, distinct arcs
  std::optional<double> density;  // m / (n (n-1)); n >= 2
  size_t reciprocated_ties = 0;   // arcs whose reverse arc exists (2 per mutual dyad)
  std::optional<double> reciprocity;  // reciprocated_ties / m; m >= 1
  std::optional<double> in_degree_centralization;   // sum (max - d_i) / (n-1)^2; n >= 2
  std::optional<double> out_degree_centralization;  // sum (max - d_i) / (n-1)^2; n >= 2
  std::optional<double> betweenness_centralization;  // sum (max - b_i) / ((n-1)^2 (n-2)), raw b; n >= 3
  std::optional<double> mean_strength, mean_trust;  // over the arcs that carry one
  std::vector<std::string> isolates;
  size_t components = 0;         // weakly connected (direction ignored); an isolate is one
  size_t largest_component = 0;  // nodes in the largest
  size_t respondent_count = 0;  // distinct respondents among the nodes; n when respondents is empty
  std::optional<double> response_rate;  // respondent_count / n; when respondents is not empty and n >= 1
  size_t self_ties = 0;      // tie records dropped: from == to
  size_t unknown_ties = 0;   // tie records dropped: from or to not a node
  size_t duplicate_ties = 0;  // tie records merged into an arc already seen
  std::vector<NodeMetrics> nodes;  // by ID
  std::vector<Arc> arcs;           // by (from, to)
};

NetworkMetrics analyze_network(const NetworkInput& input);

// The betweenness of each node of a directed graph given as out-neighbour lists over nodes 0..n-1
// (every index below n; no self-ties, no repeats): Brandes (2001), algorithm 1, raw (not normalized).
std::vector<double> directed_betweenness(const std::vector<std::vector<size_t>>& out);

// How one node's degrees moved between two waves.
struct DegreeChange {
  std::string id;
  size_t in_before = 0, in_after = 0, out_before = 0, out_after = 0;
  long in_change = 0, out_change = 0;  // after - before
};

// The change from one wave to the next, each given as analyze_network returned it; nodes and arcs are
// matched by ID. Every difference is after - before, and nullopt when the figure is nullopt in either
// wave. Lists are sorted by ID.
struct WaveComparison {
  std::optional<double> density_change, reciprocity_change;
  std::optional<double> in_degree_centralization_change, out_degree_centralization_change;
  std::optional<double> betweenness_centralization_change;
  std::optional<double> mean_strength_change, mean_trust_change;
  std::vector<std::string> nodes_joined;  // in after only
  std::vector<std::string> nodes_left;    // in before only
  // Arcs, compared by (from, to): all of them, and those whose two ends are nodes of both waves (a
  // tie "dropped" because a node left the network is not counted there).
  size_t ties_added = 0, ties_dropped = 0, ties_kept = 0;
  size_t ties_added_between_stayers = 0, ties_dropped_between_stayers = 0;
  // Nodes of both waves that were isolates before and are not after, and the reverse.
  std::vector<std::string> no_longer_isolates, new_isolates;
  std::vector<DegreeChange> degree_changes;  // nodes of both waves, by ID
};

WaveComparison compare_waves(const NetworkMetrics& before, const NetworkMetrics& after);

}  // namespace collab::metrics
