#include "schema/embedded.h"
#include "schema/validator.h"

#include <catch2/catch.hpp>

using namespace collab;

namespace {
std::vector<std::string> messages(const std::string& kind, const std::string& text) {
  Diagnostics d;
  auto doc = parse_yaml(text, "f.yaml", d);
  REQUIRE(doc);
  schema::SchemaSet::embedded().validate(kind, *doc, d);
  d.sort();
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(format_text(x));
  return out;
}
}  // namespace

TEST_CASE("every schema file is embedded", "[schema]") {
  CHECK(schema::embedded_schemas().size() == 23);
  for (const char* kind : {"collaborative", "rubric", "organization", "team", "eoi", "review", "event", "attendance",
                           "measure", "data", "assessment", "network", "decisions", "mapping", "driver-diagram", "pdsa", "theory-of-change", "survey",
                           "responses", "learning-agenda", "outcome", "product", "resources"}) {
    CHECK(schema::SchemaSet::embedded().has(kind));
  }
}

TEST_CASE("schema violations are reported at their YAML position in plain words", "[schema]") {
  auto m = messages("organization", "id: Bad_Id\nname: X\ntimezone: 5\nwebsit: x\n");
  REQUIRE(m.size() == 3);
  CHECK(m[0] ==
        "f.yaml:1:5: error: id: must be an ID: lower-case letters, digits and hyphens, starting with a letter or digit, "
        "at most 63 characters; found 'Bad_Id'");
  CHECK(m[1] == "f.yaml:3:11: error: timezone: must be text; found 5 (put it in quotes to make it text)");
  CHECK(m[2] == "f.yaml:4:1: error: unknown key 'websit' (did you mean 'website'?)");
}

TEST_CASE("missing keys, enums and ranges", "[schema]") {
  auto m = messages("assessment", "team: a\nratings:\n  - period: 2026-01\n    score: 2.25\n  - score: 6\n");
  REQUIRE(m.size() == 3);
  CHECK(m[0] == "f.yaml:4:12: error: ratings[0].score: must be >= 0.5 and <= 5 and a multiple of 0.5; found 2.25");
  CHECK(m[1] == "f.yaml:5:5: error: ratings[1]: missing required key 'period'");
  CHECK(m[2] == "f.yaml:5:12: error: ratings[1].score: must be >= 0.5 and <= 5 and a multiple of 0.5; found 6");
  auto e = messages("network", "id: w\ndate: 2026-01-01\nties:\n  - {from: a, to: b, relation: gossip}\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0] ==
        "f.yaml:4:32: error: ties[0].relation: must be one of: information, advice, collaboration, friendship, "
        "resources; found 'gossip'");
}

TEST_CASE("YAML 1.1 booleans get a hint", "[schema]") {
  auto m = messages("review", "eoi: a\nreviewer: b\nconflict: yes\nscores: {}\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "f.yaml:3:11: error: conflict: must be true or false; found 'yes' (YAML 1.2: write true or false)");
}

TEST_CASE("a data value must take exactly one form", "[schema]") {
  auto m = messages("data", "team: a\nperiods:\n  - period: 2026-01\n    values:\n      x: {value: 1, missing: gone}\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0] ==
        "f.yaml:5:10: error: periods[0].values.x: must have exactly one of: numerator and denominator; value; missing");
}

TEST_CASE("long text never reaches std::regex unguarded", "[schema]") {
  auto m = messages("organization", "id: " + std::string(100000, 'a') + "\nname: X\n");
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("id: is too long: at most 63 characters") != std::string::npos);
}
