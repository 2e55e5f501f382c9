#include "check/checks.h"
#include "model/project.h"
#include "scoring/round.h"
#include "base_copy.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace collab;
using Catch::Detail::Approx;

namespace {

// tests/e2e/base with three EOIs reviewed by ada and ben (faculty of the base, both given the reviewer role).
struct Round : test::BaseCopy {
  Round() : BaseCopy("round") {
    std::string collab = read("collab.yaml");
    collab.replace(collab.find("roles: [coach]"), 14, "roles: [coach, reviewer]");
    write("collab.yaml", collab);
    for (const char* id : {"e2", "e3"}) {
      write(std::string("eois/") + id + ".yaml",
            std::string("id: ") + id + "\nsubmitted: 2025-10-0" + (id[1] == '2' ? "2" : "1") +
                "\norganization: {name: Org " + id + ", country: US, timezone: UTC, region: " +
                (id[1] == '2' ? "South" : "North") + "}\ncontact: {name: C, email: c@example.org}\nproposed_team: []\n");
    }
    // Hand-computed below. readiness (weight 2, 1-5), data (weight 1, 1-5).
    review("harbor-eoi", "ada", 4, 5);
    review("harbor-eoi", "ben", 5, 5);
    review("e2", "ada", 2, 3);
    review("e2", "ben", 5, 4);
    review("e3", "ada", 3, 4);
    review("e3", "ben", 2, 3);
  }
  void review(const std::string& eoi, const std::string& reviewer, int readiness, int data) const {
    write("reviews/" + eoi + "/" + reviewer + ".yaml",
          "eoi: " + eoi + "\nreviewer: " + reviewer + "\ngates: {core-team: true}\nscores: {readiness: " +
              std::to_string(readiness) + ", data: " + std::to_string(data) + "}\n");
  }
  scoring::RoundResult run(const scoring::RoundOptions& options = {}) const {
    Diagnostics d;
    auto project = model::load_project(root, "", d);
    check::check_project(project, d);
    INFO((d.items().empty() ? std::string() : format_text(d.items().front())));
    REQUIRE_FALSE(d.has_errors());
    auto result = scoring::score_round(project, options);
    REQUIRE(result);
    return *result;
  }
  static const scoring::EoiResult& eoi(const scoring::RoundResult& r, const std::string& id) {
    for (const auto& e : r.eois) {
      if (e.id == id) return e;
    }
    FAIL("no " << id);
    throw;
  }
};

}  // namespace

TEST_CASE("totals are weighted shares of each criterion's scale", "[round]") {
  Round round;
  auto r = round.run();
  // harbor-eoi: readiness mean 4.5 -> share 3.5/4; data 5 -> 4/4. total = 100 (2*0.875 + 1*1) / 3 = 91.667
  CHECK(Round::eoi(r, "harbor-eoi").total.value() == Approx(91.6667).epsilon(1e-4));
  // e2: readiness 3.5, data 3.5: 100 (2*0.625 + 0.625) / 3 = 62.5
  CHECK(Round::eoi(r, "e2").total.value() == Approx(62.5));
  // e3: readiness 2.5, data 3.5: 100 (2*0.375 + 0.625) / 3 = 45.833
  CHECK(Round::eoi(r, "e3").total.value() == Approx(45.8333).epsilon(1e-4));
  CHECK(Round::eoi(r, "harbor-eoi").criteria[0].contribution == Approx(58.3333).epsilon(1e-4));
  // Ranked by total; base collab.yaml's capacity is 10, so all three are selected.
  REQUIRE(r.eois.size() == 3);
  CHECK(r.eois[0].id == "harbor-eoi");
  CHECK(r.eois[0].rank == 1);
  CHECK(r.eois[2].id == "e3");
  CHECK(r.eois[2].decision == "selected");
}

TEST_CASE("z-score normalization per reviewer and criterion", "[round]") {
  Round round;
  scoring::RoundOptions options;
  options.normalization = "z-score";
  auto r = round.run(options);
  // readiness: ada {4, 2, 3} mean 3, sd 1; ben {5, 5, 2} mean 4, sd sqrt(3); all six: mean 3.5, sample sd sqrt(1.9).
  // harbor-eoi: ada 3.5 + 1 * sqrt(1.9) = 4.87840; ben 3.5 + (1 / sqrt(3)) * sqrt(1.9) = 4.29582; mean 4.58711.
  const auto& readiness = Round::eoi(r, "harbor-eoi").criteria[0];
  REQUIRE(readiness.reviewers.size() == 2);
  CHECK(readiness.reviewers[0].used == Approx(4.87840).epsilon(1e-5));
  CHECK(readiness.reviewers[1].used == Approx(4.29582).epsilon(1e-5));
  CHECK(readiness.score.value() == Approx(4.58711).epsilon(1e-5));
}

TEST_CASE("medians, conflicts and too few reviews", "[round]") {
  Round round;
  round.write("reviews/e3/ben.yaml", "eoi: e3\nreviewer: ben\nconflict: true\n");
  round.write("rubric.yaml", round.read("rubric.yaml").replace(round.read("rubric.yaml").find("reviewers_per_eoi: 1"), 20,
                                                                  "reviewers_per_eoi: 2"));
  scoring::RoundOptions options;
  options.aggregation = "median";
  auto r = round.run(options);
  const auto& e3 = Round::eoi(r, "e3");
  CHECK(e3.decision == "needs-review");
  CHECK(e3.reason == "1 review of the 2 needed");
  REQUIRE(e3.excluded.size() == 1);
  CHECK(e3.excluded[0].second == "declared a conflict of interest");
  CHECK_FALSE(e3.rank);
  CHECK(Round::eoi(r, "e2").criteria[0].score.value() == Approx(3.5));  // median of two is their mean
}

TEST_CASE("gate rules, the cut, quotas and capacity", "[round]") {
  Round round;
  round.write("rubric.yaml",
              "gates:\n  - id: core-team\n    question: Named a senior leader?\n    rule: {roles: {senior-leader: 1}}\n"
              "criteria:\n  - {id: readiness, name: R, weight: 2, min: 1, max: 5}\n  - {id: data, name: D, weight: 1, min: 1, max: 5}\n"
              "reviewers_per_eoi: 2\nselection:\n  capacity: 1\n  cut: 50\n  quotas:\n    - {attribute: region, value: South, min: 1}\n");
  for (const char* id : {"e2", "e3"}) {
    std::string text = round.read(std::string("eois/") + id + ".yaml");
    text.replace(text.find("proposed_team: []"), 17, "proposed_team:\n  - {name: L, roles: [senior-leader]}");
    round.write(std::string("eois/") + id + ".yaml", text);
  }
  auto r = round.run();
  // harbor-eoi's proposed team has a senior leader too (base EOI). e3 is below the cut (45.8 < 50).
  CHECK(Round::eoi(r, "e3").decision == "below-cut");
  // Capacity 1 and at least one from the South: e2 (62.5, South) is selected over harbor-eoi (91.7).
  CHECK(Round::eoi(r, "e2").decision == "selected");
  const auto& harbor = Round::eoi(r, "harbor-eoi");
  CHECK(harbor.decision == "waitlisted");
  CHECK(harbor.reason.find("region = South (at least 1)") != std::string::npos);
  CHECK(r.quotas_feasible);
}

TEST_CASE("a missing criterion score is not a zero", "[round]") {
  Round round;
  round.write("reviews/e2/ada.yaml", "eoi: e2\nreviewer: ada\ngates: {core-team: true}\nscores: {readiness: 2}\n");
  round.write("reviews/e2/ben.yaml", "eoi: e2\nreviewer: ben\ngates: {core-team: true}\nscores: {readiness: 5}\n");
  auto r = round.run();
  const auto& e2 = Round::eoi(r, "e2");
  // Only readiness (3.5 -> share 0.625) is scored: the total is over it alone, 62.5, and flagged.
  CHECK(e2.total.value() == Approx(62.5));
  REQUIRE(e2.flags.size() == 1);
  CHECK(e2.flags[0].rfind("incomplete: data has no score", 0) == 0);
}

#include "scoring/packets.h"

TEST_CASE("redaction ignores case and replaces every occurrence", "[packets]") {
  CHECK(scoring::redact("Harbor Family Services (HARBOR) trains harbor staff", {"Harbor Family Services", "harbor"}) ==
        "[redacted] ([redacted]) trains [redacted] staff");
  CHECK(scoring::redact("Dr. Li leads", {"Li"}) == "Dr. Li leads");  // too short to redact safely
}

TEST_CASE("blind packets name no applicant", "[packets]") {
  Round round;
  Diagnostics d;
  auto project = model::load_project(round.root, "", d);
  auto packets = scoring::blind_packets(project);
  REQUIRE(packets.files.size() == 4);  // rubric.md and three EOIs
  CHECK(packets.files[0].path == "rubric.md");
  for (const auto& f : packets.files) {
    INFO(f.path);
    CHECK(f.content.find("Harbor") == std::string::npos);
    CHECK(f.content.find("hana@example.org") == std::string::npos);
    CHECK(f.content.find("Org e2") == std::string::npos);
  }
  // The same collaborative gives the same codes.
  CHECK(scoring::blind_packets(project).key == packets.key);
}
