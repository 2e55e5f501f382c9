// `collab metrics import`'s library: a long CSV of team data -> data/<team>.yaml (lib/metrics/data_import).
#include "metrics/data_import.h"
#include "base_copy.h"
#include "io/csv_read.h"
#include "model/project.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace collab;
using namespace collab::metrics;

namespace {

// tests/e2e/base (collaborative 2026-01-05 to 2026-12-18; team harbor; measures screened (proportion) and
// wait-days (continuous)) with a count measure, a second team without a data file, and harbor's data file
// with comments.
struct Fixture : test::BaseCopy {
  Fixture() : BaseCopy("data-import") {
    write("measures/falls.yaml", "id: falls\nname: Falls\ntype: count\ncategory: balancing\nbetter: lower\n");
    write("teams/lakeside.yaml",
          "id: lakeside\nname: Lakeside Clinic\norganization: harbor\nstatus: active\njoined: 2026-02-01\nmembers:\n"
          "  - {id: lee, name: Lee Kim, roles: [senior-leader]}\n"
          "  - {id: max, name: Max Roe, roles: [supervisor]}\n"
          "  - {id: nia, name: Nia Oduya, roles: [clinician]}\n");
    write("data/harbor.yaml", kHarbor);
  }
  static constexpr const char* kHarbor =
      "# Harbor's monthly data (kept by Ivan).\n"
      "team: harbor\n"
      "periods:\n"
      "  - period: 2026-01\n"
      "    submitted: 2026-02-12\n"
      "    values:\n"
      "      screened: {numerator: 5, denominator: 20}  # first month\n"
      "      wait-days: {value: 21}\n"
      "  - period: 2026-02\n"
      "    values:\n"
      "      screened: {numerator: 9, denominator: 18}\n"
      "      wait-days: {missing: Scheduler was down}\n";

  model::Project load(std::vector<std::string>* errors = nullptr) const {
    Diagnostics d;
    auto p = model::load_project(root, "", d);
    if (errors) {
      for (const auto& x : d.items()) {
        if (x.severity == Severity::error) errors->push_back(format_text(x));
      }
    }
    return p;
  }
  DataImport run(const std::string& csv, bool replace = false, std::optional<Date> submitted = std::nullopt) const {
    auto p = load();
    auto table = read_csv(csv, "in.csv");
    REQUIRE(table);
    return import_data(p, *table, "in.csv", replace, submitted);
  }
  void write_all(const DataImport& r) const {
    for (const auto& f : r.files) write(f.path, f.content);
  }
};

const char* const kHeader = "team,period,measure,numerator,denominator,value,missing,note,submitted\n";

std::vector<std::string> messages(const DataImport& r) {
  std::vector<std::string> out;
  for (const auto& d : r.problems.items()) out.push_back(std::to_string(d.where.line) + ": " + d.message);
  return out;
}

const model::Value* find_value(const model::Project& p, const std::string& team, const char* period, const std::string& m) {
  for (const auto& d : p.data) {
    if (d.team != team) continue;
    for (const auto& e : d.periods) {
      if (e.period != parse_reporting_period(period)) continue;
      if (auto it = e.values.find(m); it != e.values.end()) return &it->second;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("import_data: adds to an existing file with its comments, creates a new one, and is idempotent", "[data-import]") {
  Fixture f;
  {
    std::vector<std::string> errors;
    f.load(&errors);
    REQUIRE(errors.empty());
  }
  const std::string csv = std::string(kHeader) +
                          "harbor,2026-01,screened,5,20,,,,\n"                    // as on file: unchanged
                          "harbor,2026-02,wait-days,,,,Scheduler was down,,\n"    // as on file: unchanged
                          "harbor,2026-03,screened,7,21,,,,2026-04-10\n"          // a new period: added
                          "harbor,2026-03,wait-days,,,18,,,\n"                    // into the period the row above added
                          "harbor,2026-02,falls,,,2,,,\n"                         // a new measure in 2026-02: added
                          "lakeside,2026-02-27,screened,3,4,,,First month,\n";    // a date reads as its month; new file
  DataImport r = f.run(csv, false, parse_date("2026-03-05"));
  for (const auto& m : messages(r)) UNSCOPED_INFO(m);
  REQUIRE(r.problems.empty());
  CHECK(r.rows == 6);
  CHECK(r.added == 4);
  CHECK(r.unchanged == 2);
  CHECK(r.replaced == 0);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].path == "data/harbor.yaml");
  CHECK_FALSE(r.files[0].created);
  CHECK(r.files[1].path == "data/lakeside.yaml");
  CHECK(r.files[1].created);

  // The existing file is edited in place: its comments and the values it had stay as they were.
  const std::string& harbor = r.files[0].content;
  CHECK(harbor.rfind("# Harbor's monthly data (kept by Ivan).\nteam: harbor\nperiods:\n", 0) == 0);
  CHECK(harbor.find("      screened: {numerator: 5, denominator: 20}  # first month\n") != std::string::npos);
  CHECK(harbor.find("period: 2026-03") != std::string::npos);
  // The new file starts with the schema line.
  const std::string& lakeside = r.files[1].content;
  CHECK(lakeside.rfind("# yaml-language-server: $schema=../.collab/schemas/data.schema.json\n"
                       "# Data of team lakeside, imported by collab metrics import.\n\nteam: lakeside\n",
                       0) == 0);

  // Written, the collaborative loads without errors and holds the imported values.
  f.write_all(r);
  std::vector<std::string> errors;
  auto p = f.load(&errors);
  CHECK(errors.empty());
  for (const auto& e : errors) UNSCOPED_INFO(e);
  const model::Value* v = find_value(p, "harbor", "2026-03", "screened");
  REQUIRE(v);
  CHECK(*v->numerator == 7);
  CHECK(*v->denominator == 21);
  CHECK(*find_value(p, "harbor", "2026-03", "wait-days")->value == 18);
  CHECK(*find_value(p, "harbor", "2026-02", "falls")->value == 2);
  CHECK(*find_value(p, "harbor", "2026-01", "wait-days")->value == 21);
  const model::Value* l = find_value(p, "lakeside", "2026-02", "screened");
  REQUIRE(l);
  CHECK(*l->numerator == 3);
  CHECK(l->note() == "First month");
  for (const auto& d : p.data) {
    for (const auto& e : d.periods) {
      // 2026-03 takes the row's date; 2026-02 of harbor had none and takes the default; lakeside's new
      // period the default; 2026-01 keeps its own.
      if (d.team == "harbor" && e.period == parse_period("2026-03")) CHECK(*e.submitted == *parse_date("2026-04-10"));
      if (d.team == "harbor" && e.period == parse_period("2026-02")) CHECK(*e.submitted == *parse_date("2026-03-05"));
      if (d.team == "harbor" && e.period == parse_period("2026-01")) CHECK(*e.submitted == *parse_date("2026-02-12"));
      if (d.team == "lakeside") CHECK(*e.submitted == *parse_date("2026-03-05"));
    }
  }

  // The same CSV again changes nothing.
  DataImport again = f.run(csv, false, parse_date("2026-03-05"));
  CHECK(again.problems.empty());
  CHECK(again.added == 0);
  CHECK(again.unchanged == 6);
  CHECK(again.files.empty());
}

TEST_CASE("import_data: a different value on file is refused without --replace and taken with it", "[data-import]") {
  Fixture f;
  const std::string csv = std::string(kHeader) + "harbor,2026-01,screened,6,20,,,,\nharbor,2026-01,wait-days,,,21,,,\n";
  DataImport refused = f.run(csv);
  CHECK(messages(refused) ==
        std::vector<std::string>{"2: row 1: data/harbor.yaml has screened for 2026-01 as numerator 5, denominator 20; "
                                 "--replace takes the CSV's"});
  CHECK(refused.problems.items()[0].where.file == "in.csv");
  CHECK(refused.files.empty());
  CHECK(refused.replaced == 0);
  CHECK(refused.unchanged == 1);

  DataImport taken = f.run(csv, true);
  REQUIRE(taken.problems.empty());
  CHECK(taken.replaced == 1);
  CHECK(taken.unchanged == 1);
  CHECK(taken.added == 0);
  REQUIRE(taken.files.size() == 1);
  CHECK(taken.files[0].content.find("# Harbor's monthly data (kept by Ivan).\n") == 0);
  f.write_all(taken);
  std::vector<std::string> errors;
  auto p = f.load(&errors);
  CHECK(errors.empty());
  CHECK(*find_value(p, "harbor", "2026-01", "screened")->numerator == 6);
  CHECK(*find_value(p, "harbor", "2026-01", "screened")->denominator == 20);
  CHECK(*find_value(p, "harbor", "2026-02", "screened")->numerator == 9);
}

TEST_CASE("import_data: every refusal, with its line and text, and nothing to write", "[data-import]") {
  Fixture f;
  const std::string csv = std::string(kHeader) +
                          "nobody,2026-03,screened,1,2,,,,\n"            // row 1, line 2
                          "harbor,2026-03,nothing,1,2,,,,\n"             // row 2
                          "harbor,2026-13,screened,1,2,,,,\n"            // row 3
                          "harbor,2027-01,screened,1,2,,,,\n"            // row 4
                          "harbor,2026-03,screened,one,2,,,,\n"          // row 5
                          "harbor,2026-04,screened,5,4,,,,\n"            // row 6
                          "harbor,2026-03,falls,,,2.5,,,\n"              // row 7
                          "harbor,2026-05,screened,,,0.5,,,\n"           // row 8
                          "harbor,2026-06,screened,1,2,,,,\n"            // row 9 (fine)
                          "harbor,2026-06,screened,1,2,,,,\n"            // row 10: repeats row 9
                          "harbor,2026-07,screened,-1,2,,,,\n"           // row 11
                          "harbor,2026-07,wait-days,1,2,,,,\n"           // row 12
                          "harbor,2026-08,wait-days,,,3,down,,\n"        // row 13
                          "harbor,2026-09,wait-days,,,3,,,yesterday\n"   // row 14
                          "harbor,2026-03,wait-days,,,12,,,\n";          // row 15 (fine)
  DataImport r = f.run(csv);
  CHECK(messages(r) ==
        std::vector<std::string>{
            "2: row 1, column 'team': no team 'nobody' in teams/",
            "3: row 2, column 'measure': no measure 'nothing' in measures/",
            "4: row 3, column 'period': '2026-13' is not a month (YYYY-MM)",
            "5: row 4, column 'period': 2027-01 is outside the collaborative (2026-01 to 2026-12)",
            "6: row 5, column 'numerator': 'one' is not a number",
            "7: row 6, column 'numerator': numerator 5 is greater than denominator 4",
            "8: row 7, column 'value': 'falls' is a count: 2.5 is not a whole number of zero or more",
            "9: row 8, column 'numerator': 'screened' is a proportion: give numerator and denominator, not value",
            "11: row 10, column 'measure': team harbor, period 2026-06 and measure screened are already in row 9",
            "12: row 11, column 'numerator': -1 is negative",
            "13: row 12, column 'value': 'wait-days' is a continuous: give value, not numerator and denominator",
            "14: row 13, column 'missing': a reason for a missing value, but the row has a value too",
            "15: row 14, column 'submitted': 'yesterday' is not a date (YYYY-MM-DD)",
        });
  for (const auto& d : r.problems.items()) {
    CHECK(d.where.file == "in.csv");
    CHECK(d.severity == Severity::error);
  }
  CHECK(r.rows == 15);
  CHECK(r.files.empty());
  CHECK(r.added == 0);
}

// A weekly measure takes ISO weeks, or dates read as their week; a month for it is refused, and so is a
// week for a monthly measure. The collaborative runs 2026-01-05 to 2026-12-18: 2026-W01 (29 Dec-4 Jan) is
// outside it, 2026-W51 (14-20 Dec) overlaps it.
TEST_CASE("import_data: weekly measures take weeks or dates", "[data-import]") {
  Fixture f;
  f.write("measures/calls.yaml", "id: calls\nname: Consultation calls\ntype: count\ncategory: process\nbetter: higher\n"
                                 "frequency: weekly\n");
  const std::string csv = std::string(kHeader) +
                          "harbor,2026-W05,calls,,,3,,,\n"        // row 1: a week
                          "harbor,2026-02-04,calls,,,4,,,\n"      // row 2: Wednesday 4 Feb is in 2026-W06
                          "harbor,2026-W51,calls,,,1,,,\n";       // row 3: overlaps the end
  DataImport r = f.run(csv, false, parse_date("2026-02-09"));
  for (const auto& m : messages(r)) UNSCOPED_INFO(m);
  REQUIRE(r.problems.empty());
  CHECK(r.added == 3);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content.find("period: 2026-W05\n") != std::string::npos);
  CHECK(r.files[0].content.find("period: 2026-W06") != std::string::npos);
  f.write_all(r);
  std::vector<std::string> errors;
  auto p = f.load(&errors);
  CHECK(errors.empty());
  CHECK(*find_value(p, "harbor", "2026-W06", "calls")->value == 4);
  CHECK_FALSE(find_value(p, "harbor", "2026-02", "calls"));

  const std::string bad = std::string(kHeader) +
                          "harbor,2026-03,calls,,,3,,,\n"         // row 1: a month for a weekly measure
                          "harbor,2026-W10,screened,1,2,,,,\n"    // row 2: a week for a monthly measure
                          "harbor,2025-W53,calls,,,3,,,\n"        // row 3: 2025 has 52 weeks
                          "harbor,2026-W01,calls,,,3,,,\n"        // row 4: before the start
                          "harbor,2026-W07,calls,,,3,,,\n"        // row 5 (fine)
                          "harbor,2026-02-12,calls,,,3,,,\n";     // row 6: Thursday 12 Feb is in 2026-W07 too
  DataImport q = f.run(bad);
  CHECK(messages(q) ==
        std::vector<std::string>{
            "2: row 1, column 'period': 'calls' is reported weekly: 2026-03 is a month; give a week (YYYY-Www) or a date",
            "3: row 2, column 'period': 'screened' is reported monthly: 2026-W10 is a week; give a month (YYYY-MM)",
            "4: row 3, column 'period': '2025-W53' is not a week (YYYY-Www) or a date",
            "5: row 4, column 'period': 2026-W01 (2025-12-29 to 2026-01-04) is outside the collaborative (2026-01-05 to 2026-12-18)",
            "7: row 6, column 'measure': team harbor, period 2026-W07 and measure calls are already in row 5",
        });
  CHECK(q.files.empty());
}

TEST_CASE("import_data: header columns", "[data-import]") {
  Fixture f;
  SECTION("team, period and measure are required") {
    DataImport r = f.run("team,measure,value\nharbor,screened,1\n");
    CHECK(messages(r) == std::vector<std::string>{
                             "1: the header has no column 'period' (columns: team, period, measure, numerator, "
                             "denominator, value, missing, note, submitted)"});
    CHECK(r.files.empty());
    CHECK(r.rows == 0);
  }
  SECTION("and one of numerator, value, missing") {
    DataImport r = f.run("team,period,measure,note\nharbor,2026-03,screened,hi\n");
    CHECK(messages(r) == std::vector<std::string>{"1: the header has no column 'numerator', 'value' or 'missing'"});
  }
  SECTION("compared ignoring case and spaces; the optional ones may be left out") {
    DataImport r = f.run(" Team ,PERIOD,Measure,Value\nharbor,2026-03,wait-days,12\n");
    REQUIRE(r.problems.empty());
    CHECK(r.added == 1);
    REQUIRE(r.files.size() == 1);
    f.write_all(r);
    auto p = f.load();
    CHECK(*find_value(p, "harbor", "2026-03", "wait-days")->value == 12);
  }
}
