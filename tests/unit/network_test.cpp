#include "metrics/network.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace collab::metrics;

// Expected values are worked out by hand in the comments, or taken from a published source named there.
// Every hand-computed graph below was also run through networkx 3.6.1 (DiGraph: density,
// overall_reciprocity, betweenness_centrality, number_weakly_connected_components) and gave the same
// numbers; the tests do not depend on Python.

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> names(const std::string& letters) {
  std::vector<std::string> v;
  for (char c : letters) v.emplace_back(1, c);
  return v;
}

NetworkInput network(const std::vector<std::string>& nodes, const Pairs& arcs) {
  NetworkInput in;
  in.nodes = nodes;
  for (const auto& [from, to] : arcs) in.ties.push_back({from, to, std::nullopt, std::nullopt});
  return in;
}

// Both directions of each undirected edge: the symmetric digraph of an undirected graph. Its directed
// betweenness (a sum over ordered pairs) is twice the undirected one (over unordered pairs), and its
// normalized betweenness, by (n-1)(n-2), equals the undirected normalized one, by (n-1)(n-2)/2.
NetworkInput symmetric(const std::vector<std::string>& nodes, const Pairs& edges) {
  Pairs arcs;
  for (const auto& [a, b] : edges) arcs.push_back({a, b}), arcs.push_back({b, a});
  return network(nodes, arcs);
}

const NodeMetrics& node(const NetworkMetrics& r, const std::string& id) {
  for (const auto& n : r.nodes) {
    if (n.id == id) return n;
  }
  FAIL("no node " << id);
  return r.nodes.front();
}

}  // namespace

TEST_CASE("a directed out-star and in-star", "[network]") {
  // H -> A, B, C, D. n = 5, m = 4, density 4 / (5 * 4) = 0.2. No arc is reciprocated: reciprocity 0.
  // Out-degrees H 4, others 0: sum (4 - d) = 4 * 4 = 16, over (n-1)^2 = 16: out-centralization 1 (the
  // out-star is the most centralized graph for out-degree). In-degrees H 0, others 1: sum (1 - d) =
  // 1 (H alone), over 16: 0.0625. No path has 2 arcs: every betweenness is 0, and so is its
  // centralization.
  auto r = analyze_network(network(names("HABCD"), {{"H", "A"}, {"H", "B"}, {"H", "C"}, {"H", "D"}}));
  CHECK(r.node_count == 5);
  CHECK(r.tie_count == 4);
  CHECK(*r.density == Approx(0.2));
  CHECK(r.reciprocated_ties == 0);
  CHECK(*r.reciprocity == 0);
  CHECK(*r.out_degree_centralization == Approx(1));
  CHECK(*r.in_degree_centralization == Approx(0.0625));
  CHECK(*r.betweenness_centralization == 0);
  CHECK(node(r, "H").out_degree == 4);
  CHECK(node(r, "H").in_degree == 0);
  CHECK(node(r, "A").in_degree == 1);
  for (const auto& n : r.nodes) CHECK(n.betweenness == 0);
  CHECK(r.isolates.empty());
  CHECK(r.components == 1);
  CHECK(r.largest_component == 5);
  // Sorted by ID, whatever the input order.
  std::vector<std::string> ids;
  for (const auto& n : r.nodes) ids.push_back(n.id);
  CHECK(ids == names("ABCDH"));

  // Reversed, the roles swap: in-centralization 1, out-centralization 0.0625.
  auto in = analyze_network(network(names("HABCD"), {{"A", "H"}, {"B", "H"}, {"C", "H"}, {"D", "H"}}));
  CHECK(*in.in_degree_centralization == Approx(1));
  CHECK(*in.out_degree_centralization == Approx(0.0625));
}

TEST_CASE("a star with mutual ties is the most centralized for betweenness", "[network]") {
  // H <-> A, B, C, D. m = 8, density 8/20 = 0.4, every arc reciprocated: reciprocity 1.
  // Each of the 4 * 3 = 12 ordered pairs of leaves has one shortest path, through H: b(H) = 12 =
  // (n-1)(n-2), normalized 1; the leaves lie on no path. Centralization sum (12 - b) = 4 * 12 = 48 over
  // (n-1)^2 (n-2) = 16 * 3 = 48: 1.
  // In-degrees H 4, leaves 1: sum (4 - d) = 4 * 3 = 12 over 16 = 0.75; the same for out-degrees.
  auto r = analyze_network(network(names("HABCD"), {{"H", "A"}, {"H", "B"}, {"H", "C"}, {"H", "D"},
                                                    {"A", "H"}, {"B", "H"}, {"C", "H"}, {"D", "H"}}));
  CHECK(r.tie_count == 8);
  CHECK(*r.density == Approx(0.4));
  CHECK(r.reciprocated_ties == 8);
  CHECK(*r.reciprocity == Approx(1));
  CHECK(node(r, "H").betweenness == Approx(12));
  CHECK(node(r, "H").betweenness_normalized == Approx(1));
  CHECK(node(r, "A").betweenness == 0);
  CHECK(*r.betweenness_centralization == Approx(1));
  CHECK(*r.in_degree_centralization == Approx(0.75));
  CHECK(*r.out_degree_centralization == Approx(0.75));
}

TEST_CASE("a directed path", "[network]") {
  // A -> B -> C -> D. m = 3, density 3/12 = 0.25, reciprocity 0.
  // B lies on the only path of (A, C) and (A, D): b(B) = 2; C on (A, D) and (B, D): b(C) = 2; the ends
  // 0. Normalized by (n-1)(n-2) = 6: 1/3. Centralization: max 2, sum (2 - b) = 2 + 0 + 0 + 2 = 4, over
  // (n-1)^2 (n-2) = 18: 2/9.
  // In-degrees 0 1 1 1: sum (1 - d) = 1 over 9; out-degrees 1 1 1 0: also 1/9.
  auto r = analyze_network(network(names("ABCD"), {{"A", "B"}, {"B", "C"}, {"C", "D"}}));
  CHECK(*r.density == Approx(0.25));
  CHECK(*r.reciprocity == 0);
  CHECK(node(r, "A").betweenness == 0);
  CHECK(node(r, "B").betweenness == Approx(2));
  CHECK(node(r, "C").betweenness == Approx(2));
  CHECK(node(r, "D").betweenness == 0);
  CHECK(node(r, "B").betweenness_normalized == Approx(1.0 / 3));
  CHECK(*r.betweenness_centralization == Approx(2.0 / 9));
  CHECK(*r.in_degree_centralization == Approx(1.0 / 9));
  CHECK(*r.out_degree_centralization == Approx(1.0 / 9));
  CHECK(r.components == 1);

  // networkx's own test (algorithms/centrality/tests/test_betweenness_centrality.py,
  // test_directed_path and test_directed_path_normalized): 0 -> 1 -> 2 gives node 1 raw 1, normalized 0.5.
  auto three = analyze_network(network({"0", "1", "2"}, {{"0", "1"}, {"1", "2"}}));
  CHECK(node(three, "1").betweenness == Approx(1));
  CHECK(node(three, "1").betweenness_normalized == Approx(0.5));
}

TEST_CASE("a directed cycle", "[network]") {
  // A -> B -> C -> D -> E -> A. Density 5/20 = 0.25, reciprocity 0, every degree 1: both degree
  // centralizations 0. An ordered pair d arcs apart has one shortest path with d - 1 nodes inside;
  // d = 1..4 from each of the 5 sources gives 5 * (0 + 1 + 2 + 3) = 30 in all, 6 per node by symmetry:
  // (n-1)(n-2)/2, normalized 0.5. All equal: centralization 0.
  auto r = analyze_network(network(names("ABCDE"), {{"A", "B"}, {"B", "C"}, {"C", "D"}, {"D", "E"}, {"E", "A"}}));
  CHECK(*r.density == Approx(0.25));
  CHECK(*r.reciprocity == 0);
  CHECK(*r.in_degree_centralization == 0);
  CHECK(*r.out_degree_centralization == 0);
  for (const auto& n : r.nodes) {
    CHECK(n.betweenness == Approx(6));
    CHECK(n.betweenness_normalized == Approx(0.5));
  }
  CHECK(*r.betweenness_centralization == Approx(0).margin(1e-12));
}

TEST_CASE("a long directed cycle: the closed form at the size of a large collaborative", "[network]") {
  // The same argument for n nodes: each node's betweenness is (n-1)(n-2)/2. With n = 5000 this is also
  // the O(n m) bound at the top of the expected size (25 million arc visits).
  const size_t n = 5000;
  std::vector<std::vector<size_t>> out(n);
  for (size_t i = 0; i < n; ++i) out[i].push_back((i + 1) % n);
  auto b = directed_betweenness(out);
  REQUIRE(b.size() == n);
  const double expected = (n - 1.0) * (n - 2.0) / 2;
  CHECK(b.front() == Approx(expected));
  CHECK(b[n / 2] == Approx(expected));
  CHECK(b.back() == Approx(expected));
}

TEST_CASE("a graph with a mutual tie, an isolate, strength and trust", "[network]") {
  // A <-> B, B -> C, C -> A, D alone. n = 4, m = 4, density 4/12 = 1/3. A->B and B->A are each other's
  // reverse: 2 reciprocated arcs of 4, reciprocity 0.5 (the dyad-based figure would be 1 mutual dyad of
  // 3 connected dyads).
  // In-degrees A 2 (from B, C), B 1, C 1, D 0: sum (2 - d) = 0 + 1 + 1 + 2 = 4 over 9 = 4/9. Out-degrees
  // A 1, B 2, C 1, D 0: 4/9 too.
  // Shortest paths: A to C only via B (A->B->C), C to B only via A (C->A->B); every other reachable
  // pair is one arc apart, and D is reached by none. b(A) = 1, b(B) = 1, normalized 1/6. Centralization:
  // max 1, sum (1 - b) = 0 + 0 + 1 + 1 = 2 over 9 * 2 = 18: 1/9.
  // Components {A, B, C} and {D}.
  NetworkInput in;
  in.nodes = names("ABCD");
  in.ties = {{"A", "B", 5, 4}, {"B", "A", 3, std::nullopt}, {"B", "C", 4, 2}, {"C", "A", std::nullopt, 5}};
  in.respondents = {"A", "B", "C"};
  auto r = analyze_network(in);
  CHECK(r.tie_count == 4);
  CHECK(*r.density == Approx(1.0 / 3));
  CHECK(r.reciprocated_ties == 2);
  CHECK(*r.reciprocity == Approx(0.5));
  CHECK(*r.in_degree_centralization == Approx(4.0 / 9));
  CHECK(*r.out_degree_centralization == Approx(4.0 / 9));
  CHECK(node(r, "A").betweenness == Approx(1));
  CHECK(node(r, "B").betweenness == Approx(1));
  CHECK(node(r, "C").betweenness == 0);
  CHECK(node(r, "A").betweenness_normalized == Approx(1.0 / 6));
  CHECK(*r.betweenness_centralization == Approx(1.0 / 9));
  CHECK(r.isolates == std::vector<std::string>{"D"});
  CHECK(node(r, "D").isolate);
  CHECK_FALSE(node(r, "C").isolate);
  CHECK(r.components == 2);
  CHECK(r.largest_component == 3);
  // Strength and trust received: A gets strength 3 (from B; C's tie has none) and trust 5 (from C);
  // B gets 5 and 4; C 4 and 2; D nothing. Over all arcs: strength (5 + 3 + 4)/3 = 4, trust
  // (4 + 2 + 5)/3 = 11/3.
  CHECK(*node(r, "A").mean_strength_received == Approx(3));
  CHECK(*node(r, "A").mean_trust_received == Approx(5));
  CHECK(*node(r, "B").mean_strength_received == Approx(5));
  CHECK(*node(r, "C").mean_trust_received == Approx(2));
  CHECK_FALSE(node(r, "D").mean_strength_received);
  CHECK_FALSE(node(r, "D").mean_trust_received);
  CHECK(*r.mean_strength == Approx(4));
  CHECK(*r.mean_trust == Approx(11.0 / 3));
  // 3 of 4 answered.
  CHECK(r.respondent_count == 3);
  CHECK(*r.response_rate == Approx(0.75));
  CHECK_FALSE(node(r, "D").responded);
  CHECK(node(r, "A").responded);
  // Arcs by (from, to).
  REQUIRE(r.arcs.size() == 4);
  CHECK(r.arcs[0].from == "A");
  CHECK(r.arcs[0].to == "B");
  CHECK(r.arcs[3].from == "C");
  CHECK(r.arcs[3].to == "A");
  CHECK_FALSE(r.arcs[3].strength);
}

TEST_CASE("several shortest paths share the betweenness", "[network]") {
  // A -> B -> D and A -> C -> D: two shortest paths from A to D, one through B and one through C; each
  // gets 1/2. Normalized by 6: 1/12. Centralization: max 1/2, sum (1/2 - b) = 1/2 + 1/2 = 1 over 18.
  auto r = analyze_network(network(names("ABCD"), {{"A", "B"}, {"A", "C"}, {"B", "D"}, {"C", "D"}}));
  CHECK(node(r, "B").betweenness == Approx(0.5));
  CHECK(node(r, "C").betweenness == Approx(0.5));
  CHECK(node(r, "B").betweenness_normalized == Approx(1.0 / 12));
  CHECK(*r.betweenness_centralization == Approx(1.0 / 18));
}

TEST_CASE("Krackhardt's kite", "[network]") {
  // Krackhardt (1990), "Assessing the political landscape: structure, cognition, and power in
  // organizations", Administrative Science Quarterly 35(2), 342-369: 10 people, 18 undirected ties,
  // here as 36 arcs. networkx's test_betweenness_centrality.py (test_krackhardt_kite_graph) lists the
  // sums over ordered pairs, which are the directed betweenness of the symmetric digraph: Andre 1.667,
  // Beverly 1.667, Carol 0, Diane 7.333, Ed 0, Fernando 16.667, Garth 16.667, Heather 28, Ike 16, Jane 0
  // (by hand: 5/3, 22/3, 50/3); normalized (test_krackhardt_kite_graph_normalized, by 72 here) 0.023,
  // 0.102, 0.231, 0.389 (Heather, the broker), 0.222.
  // Degrees: Diane 6, Fernando and Garth 5, Andre and Beverly 4, Carol, Ed and Heather 3, Ike 2, Jane 1.
  //   degree centralization: sum (6 - d) = 2+2+3+0+3+1+1+3+4+5 = 24 over 81 = 8/27
  //   betweenness centralization: sum b = 88, sum (28 - b) = 280 - 88 = 192 over 81 * 8 = 648: 8/27
  //   density 36/90 = 0.4.
  auto r = analyze_network(symmetric(
      {"Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"},
      {{"Andre", "Beverly"}, {"Andre", "Carol"}, {"Andre", "Diane"}, {"Andre", "Fernando"},
       {"Beverly", "Diane"}, {"Beverly", "Ed"}, {"Beverly", "Garth"}, {"Carol", "Diane"},
       {"Carol", "Fernando"}, {"Diane", "Ed"}, {"Diane", "Fernando"}, {"Diane", "Garth"}, {"Ed", "Garth"},
       {"Fernando", "Garth"}, {"Fernando", "Heather"}, {"Garth", "Heather"}, {"Heather", "Ike"},
       {"Ike", "Jane"}}));
  CHECK(r.tie_count == 36);
  CHECK(*r.density == Approx(0.4));
  CHECK(*r.reciprocity == Approx(1));
  CHECK(node(r, "Andre").betweenness == Approx(5.0 / 3));
  CHECK(node(r, "Beverly").betweenness == Approx(5.0 / 3));
  CHECK(node(r, "Carol").betweenness == Approx(0).margin(1e-12));
  CHECK(node(r, "Diane").betweenness == Approx(22.0 / 3));
  CHECK(node(r, "Ed").betweenness == Approx(0).margin(1e-12));
  CHECK(node(r, "Fernando").betweenness == Approx(50.0 / 3));
  CHECK(node(r, "Garth").betweenness == Approx(50.0 / 3));
  CHECK(node(r, "Heather").betweenness == Approx(28));
  CHECK(node(r, "Ike").betweenness == Approx(16));
  CHECK(node(r, "Jane").betweenness == Approx(0).margin(1e-12));
  CHECK(node(r, "Andre").betweenness_normalized == Approx(0.023).margin(0.0005));
  CHECK(node(r, "Diane").betweenness_normalized == Approx(0.102).margin(0.0005));
  CHECK(node(r, "Fernando").betweenness_normalized == Approx(0.231).margin(0.0005));
  CHECK(node(r, "Heather").betweenness_normalized == Approx(0.389).margin(0.0005));
  CHECK(node(r, "Ike").betweenness_normalized == Approx(0.222).margin(0.0005));
  CHECK(*r.in_degree_centralization == Approx(8.0 / 27));
  CHECK(*r.out_degree_centralization == Approx(8.0 / 27));
  CHECK(*r.betweenness_centralization == Approx(8.0 / 27));
}

TEST_CASE("Padgett's Florentine families (marriage ties)", "[network]") {
  // The marriage network of 15 Florentine families (Padgett & Ansell 1993; one of the data sets of
  // Wasserman & Faust 1994), as networkx ships it (florentine_families_graph: 20 edges, Pucci left out),
  // here as 40 arcs. Normalized betweenness from networkx's test_betweenness_centrality.py
  // (test_florentine_families_graph, 3 decimals): Medici 0.522, Guadagni 0.255, Albizzi 0.212, Salviati
  // 0.143, Ridolfi 0.114, Bischeri 0.104, Strozzi 0.103, Barbadori 0.093, Tornabuoni 0.092, Castellani
  // 0.055, Peruzzi 0.022, the other four 0. Medici's raw 95 over 14 * 13 = 182 (twice the often quoted
  // undirected 47.5).
  // Degree centralization: Medici has 6; degrees sum to 40, so sum (6 - d) = 90 - 40 = 50 over 196.
  auto r = analyze_network(symmetric(
      {"Acciaiuoli", "Albizzi", "Barbadori", "Bischeri", "Castellani", "Ginori", "Guadagni", "Lamberteschi",
       "Medici", "Pazzi", "Peruzzi", "Ridolfi", "Salviati", "Strozzi", "Tornabuoni"},
      {{"Acciaiuoli", "Medici"}, {"Albizzi", "Ginori"}, {"Albizzi", "Guadagni"}, {"Albizzi", "Medici"},
       {"Barbadori", "Castellani"}, {"Barbadori", "Medici"}, {"Bischeri", "Guadagni"}, {"Bischeri", "Peruzzi"},
       {"Bischeri", "Strozzi"}, {"Castellani", "Peruzzi"}, {"Castellani", "Strozzi"},
       {"Guadagni", "Lamberteschi"}, {"Guadagni", "Tornabuoni"}, {"Medici", "Ridolfi"}, {"Medici", "Salviati"},
       {"Medici", "Tornabuoni"}, {"Pazzi", "Salviati"}, {"Peruzzi", "Strozzi"}, {"Ridolfi", "Strozzi"},
       {"Ridolfi", "Tornabuoni"}}));
  REQUIRE(r.node_count == 15);
  CHECK(r.tie_count == 40);
  const std::vector<std::pair<std::string, double>> published = {
      {"Acciaiuoli", 0.000}, {"Albizzi", 0.212},    {"Barbadori", 0.093}, {"Bischeri", 0.104},
      {"Castellani", 0.055}, {"Ginori", 0.000},     {"Guadagni", 0.255},  {"Lamberteschi", 0.000},
      {"Medici", 0.522},     {"Pazzi", 0.000},      {"Peruzzi", 0.022},   {"Ridolfi", 0.114},
      {"Salviati", 0.143},   {"Strozzi", 0.103},    {"Tornabuoni", 0.092}};
  for (const auto& [id, value] : published) {
    INFO(id);
    CHECK(node(r, id).betweenness_normalized == Approx(value).margin(0.0005));
  }
  CHECK(node(r, "Medici").betweenness == Approx(95));
  CHECK(*r.in_degree_centralization == Approx(50.0 / 196));
}

TEST_CASE("an asymmetric random digraph, against networkx", "[network]") {
  // networkx 3.6.1: gnp_random_graph(12, 0.18, seed=7, directed=True), nodes renamed n00..n11. Raw
  // betweenness from betweenness_centrality(normalized=False), as exact fractions:
  //   n00 1051/30, n01 263/10, n02 2/3, n03 161/30, n04 284/15, n05 10, n06 0, n07 46/5, n08 191/30,
  //   n09 19/6, n10 4, n11 1169/30.
  // Density 33/132 = 0.25. Three mutual pairs, n00-n09, n01-n11 and n04-n11: 6 reciprocated arcs of
  // 33, as networkx's overall_reciprocity (0.1818).
  // Betweenness centralization: max 1169/30, sum (max - b) = 1548/5, over 11^2 * 10 = 1210.
  // In-degree centralization: max 6, sum (6 - d) = 72 - 33 = 39 over 121; out-degree: max 7,
  // 84 - 33 = 51 over 121.
  const Pairs arcs = {{"00", "02"}, {"00", "04"}, {"00", "07"}, {"00", "09"}, {"00", "11"}, {"01", "00"},
                      {"01", "04"}, {"01", "11"}, {"02", "03"}, {"02", "04"}, {"03", "00"}, {"03", "01"},
                      {"04", "08"}, {"04", "11"}, {"05", "01"}, {"06", "04"}, {"07", "01"}, {"07", "03"},
                      {"07", "04"}, {"07", "05"}, {"07", "08"}, {"08", "00"}, {"09", "00"}, {"09", "01"},
                      {"09", "07"}, {"10", "05"}, {"11", "01"}, {"11", "03"}, {"11", "04"}, {"11", "06"},
                      {"11", "08"}, {"11", "09"}, {"11", "10"}};
  NetworkInput in;
  for (int i = 0; i < 12; ++i) in.nodes.push_back("n" + std::string(i < 10 ? "0" : "") + std::to_string(i));
  for (const auto& [from, to] : arcs) in.ties.push_back({"n" + from, "n" + to, std::nullopt, std::nullopt});
  auto r = analyze_network(in);
  CHECK(r.tie_count == 33);
  CHECK(*r.density == Approx(0.25));
  CHECK(*r.reciprocity == Approx(6.0 / 33));
  const std::vector<double> expected = {1051.0 / 30, 263.0 / 10, 2.0 / 3, 161.0 / 30, 284.0 / 15, 10, 0,
                                        46.0 / 5,    191.0 / 30, 19.0 / 6, 4,          1169.0 / 30};
  REQUIRE(r.nodes.size() == 12);
  for (size_t i = 0; i < 12; ++i) {
    INFO(r.nodes[i].id);
    CHECK(r.nodes[i].betweenness == Approx(expected[i]).margin(1e-9));
  }
  CHECK(*r.betweenness_centralization == Approx(1548.0 / 5 / 1210));
  CHECK(*r.in_degree_centralization == Approx(39.0 / 121));
  CHECK(*r.out_degree_centralization == Approx(51.0 / 121));
}

TEST_CASE("edge cases: empty, one node, two nodes, all isolates", "[network]") {
  SECTION("empty") {
    auto r = analyze_network({});
    CHECK(r.node_count == 0);
    CHECK(r.tie_count == 0);
    CHECK_FALSE(r.density);
    CHECK_FALSE(r.reciprocity);
    CHECK_FALSE(r.in_degree_centralization);
    CHECK_FALSE(r.out_degree_centralization);
    CHECK_FALSE(r.betweenness_centralization);
    CHECK_FALSE(r.mean_strength);
    CHECK_FALSE(r.mean_trust);
    CHECK_FALSE(r.response_rate);
    CHECK(r.components == 0);
    CHECK(r.largest_component == 0);
    CHECK(r.nodes.empty());
    CHECK(r.isolates.empty());
  }
  SECTION("one node: n (n-1) = 0, nothing to divide by") {
    auto r = analyze_network(network({"A"}, {{"A", "A"}}));
    CHECK(r.node_count == 1);
    CHECK(r.tie_count == 0);
    CHECK(r.self_ties == 1);
    CHECK_FALSE(r.density);
    CHECK_FALSE(r.in_degree_centralization);
    CHECK_FALSE(r.betweenness_centralization);
    CHECK(r.isolates == std::vector<std::string>{"A"});
    CHECK(r.nodes[0].betweenness_normalized == 0);
    CHECK(r.components == 1);
    CHECK(r.largest_component == 1);
  }
  SECTION("two nodes: betweenness centralization needs a third") {
    // A -> B: density 1/2; in-degrees 0 1: sum (1 - d) = 1 over (n-1)^2 = 1; the same for out-degree.
    auto r = analyze_network(network({"A", "B"}, {{"A", "B"}}));
    CHECK(*r.density == Approx(0.5));
    CHECK(*r.reciprocity == 0);
    CHECK(*r.in_degree_centralization == Approx(1));
    CHECK(*r.out_degree_centralization == Approx(1));
    CHECK_FALSE(r.betweenness_centralization);
    CHECK(r.nodes[0].betweenness_normalized == 0);
    auto mutual = analyze_network(network({"A", "B"}, {{"A", "B"}, {"B", "A"}}));
    CHECK(*mutual.density == Approx(1));
    CHECK(*mutual.reciprocity == Approx(1));
    CHECK(*mutual.in_degree_centralization == 0);
  }
  SECTION("all isolates") {
    // No arcs among 3 nodes: density 0, every degree 0 (centralization 0), reciprocity undefined.
    auto r = analyze_network(network(names("CAB"), {}));
    CHECK(*r.density == 0);
    CHECK_FALSE(r.reciprocity);
    CHECK(*r.in_degree_centralization == 0);
    CHECK(*r.betweenness_centralization == 0);
    CHECK(r.isolates == names("ABC"));
    CHECK(r.components == 3);
    CHECK(r.largest_component == 1);
  }
}

TEST_CASE("duplicate, self and unknown ties; repeated nodes and respondents", "[network]") {
  NetworkInput in;
  in.nodes = {"B", "A", "C", "A"};  // A twice: one node
  in.ties = {{"A", "B", 2, std::nullopt},
             {"A", "B", 4, 3},                      // same arc: strength (2 + 4)/2 = 3, trust 3
             {"A", "B", std::nullopt, std::nullopt},  // same arc again, no values
             {"B", "B", 5, 5},                      // self-tie: dropped
             {"A", "Z", 5, 5},                      // Z is no node: dropped
             {"C", "A", 1, 1}};
  in.respondents = {"A", "A", "C", "Z"};  // A once; Z is no node
  auto r = analyze_network(in);
  CHECK(r.node_count == 3);
  CHECK(r.tie_count == 2);
  CHECK(r.duplicate_ties == 2);
  CHECK(r.self_ties == 1);
  CHECK(r.unknown_ties == 1);
  // Structure counts the arc once: density 2/6, A's out-degree 1.
  CHECK(*r.density == Approx(1.0 / 3));
  CHECK(node(r, "A").out_degree == 1);
  CHECK(node(r, "B").in_degree == 1);
  REQUIRE(r.arcs.size() == 2);
  CHECK(r.arcs[0].from == "A");
  CHECK(r.arcs[0].reports == 3);
  CHECK(*r.arcs[0].strength == Approx(3));
  CHECK(*r.arcs[0].trust == Approx(3));
  CHECK(*node(r, "B").mean_strength_received == Approx(3));
  // Over arcs, each once: strength (3 + 1)/2 = 2, trust (3 + 1)/2 = 2.
  CHECK(*r.mean_strength == Approx(2));
  CHECK(*r.mean_trust == Approx(2));
  // The self-tie does not make B less of a receiver, nor does it count toward reciprocity.
  CHECK(*r.reciprocity == 0);
  CHECK(r.respondent_count == 2);
  CHECK(*r.response_rate == Approx(2.0 / 3));
  CHECK_FALSE(node(r, "B").responded);
  // No respondents given: everyone counts as having answered, and there is no rate.
  in.respondents.clear();
  auto all = analyze_network(in);
  CHECK_FALSE(all.response_rate);
  CHECK(all.respondent_count == 3);
  CHECK(node(all, "B").responded);
}

TEST_CASE("comparing two waves", "[network]") {
  // Before: A -> B -> C, D -> A, F alone.        After: A <-> B, F -> A, E -> F, C alone.
  // D left, E joined; A, B, C, F are in both.
  //   arcs added B->A, F->A, E->F (3; 2 between nodes of both waves, E->F has a newcomer)
  //   dropped B->C, D->A (2; 1 between nodes of both waves), kept A->B (1)
  //   F was an isolate and is not; C was not and is.
  //   degrees (in, out) before -> after: A (1,1) -> (2,1); B (1,1) -> (1,1); C (1,0) -> (0,0);
  //   F (0,0) -> (1,1).
  // Figures (n = 5 both times):
  //   density 3/20 -> 4/20: +0.05. Reciprocity 0 -> 2/4: +0.5.
  //   in-degree centralization: before 1,1,1,0,0: sum (1 - d) = 2, 2/16; after 2,1,0,0,1: sum = 6,
  //   6/16: +0.25. Out: before A1 B1 C0 D1 F0: 2/16; after A1 B1 C0 E1 F1: 1/16: -0.0625.
  //   betweenness: before D->A->B->C: A and B 2 each, sum (2 - b) = 6, 6/48; after E->F->A->B: F and
  //   A 2 each, 6/48: change 0.
  auto before = analyze_network(network(names("ABCDF"), {{"A", "B"}, {"B", "C"}, {"D", "A"}}));
  auto after = analyze_network(network(names("ABCEF"), {{"A", "B"}, {"B", "A"}, {"F", "A"}, {"E", "F"}}));
  auto c = compare_waves(before, after);
  CHECK(c.nodes_left == std::vector<std::string>{"D"});
  CHECK(c.nodes_joined == std::vector<std::string>{"E"});
  CHECK(c.ties_added == 3);
  CHECK(c.ties_dropped == 2);
  CHECK(c.ties_kept == 1);
  CHECK(c.ties_added_between_stayers == 2);
  CHECK(c.ties_dropped_between_stayers == 1);
  CHECK(c.no_longer_isolates == std::vector<std::string>{"F"});
  CHECK(c.new_isolates == std::vector<std::string>{"C"});
  REQUIRE(c.degree_changes.size() == 4);
  CHECK(c.degree_changes[0].id == "A");
  CHECK(c.degree_changes[0].in_before == 1);
  CHECK(c.degree_changes[0].in_after == 2);
  CHECK(c.degree_changes[0].in_change == 1);
  CHECK(c.degree_changes[0].out_change == 0);
  CHECK(c.degree_changes[1].id == "B");
  CHECK(c.degree_changes[1].in_change == 0);
  CHECK(c.degree_changes[2].id == "C");
  CHECK(c.degree_changes[2].in_change == -1);
  CHECK(c.degree_changes[2].out_change == 0);
  CHECK(c.degree_changes[3].id == "F");
  CHECK(c.degree_changes[3].in_change == 1);
  CHECK(c.degree_changes[3].out_change == 1);
  CHECK(*c.density_change == Approx(0.05));
  CHECK(*c.reciprocity_change == Approx(0.5));
  CHECK(*c.in_degree_centralization_change == Approx(0.25));
  CHECK(*c.out_degree_centralization_change == Approx(-0.0625));
  CHECK(*c.betweenness_centralization_change == Approx(0).margin(1e-12));
  CHECK_FALSE(c.mean_strength_change);  // no strengths in either wave

  // A figure undefined in one wave has no change: reciprocity needs an arc.
  auto empty = analyze_network(network(names("ABCDF"), {}));
  auto from_empty = compare_waves(empty, before);
  CHECK_FALSE(from_empty.reciprocity_change);
  CHECK(*from_empty.density_change == Approx(0.15));
  CHECK(from_empty.ties_added == 3);
  CHECK(from_empty.no_longer_isolates == names("ABCD"));
  CHECK(compare_waves(NetworkMetrics{}, NetworkMetrics{}).degree_changes.empty());
}
