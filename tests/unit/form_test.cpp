// The cell readers of lib/enroll/form.h, with the spellings the form tools export:
// - Google Forms (responses sheet, downloaded as CSV): "Timestamp" as M/D/YYYY H:MM:SS in an en-US sheet
//   (D/M/YYYY in most other locales), date questions as M/D/YYYY, checkbox answers joined with ", ".
// - Microsoft Forms (Excel download): "Start time"/"Completion time" as M/D/YY h:mm:ss AM/PM, multiple
//   answers joined with ";" (with a final ";").
// - Qualtrics (CSV download): StartDate/EndDate/RecordedDate as YYYY-MM-DD HH:MM:SS, multiple answers
//   joined with ","; 3 header rows (see eoi_import_test.cpp).
// - REDCap (CSV export): survey timestamps as YYYY-MM-DD HH:MM(:SS), dates as YYYY-MM-DD, checkbox
//   columns as Checked/Unchecked (labels) or 1/0 (raw).
#include "enroll/form.h"

#include <catch2/catch.hpp>

using namespace collab;
using namespace collab::enroll;

namespace {

std::string d(std::string_view text, DateOrder order = DateOrder::mdy) {
  auto r = form_date(text, order);
  return r ? format_date(*r) : "none";
}

std::string ts(std::string_view text, DateOrder order = DateOrder::mdy) {
  auto r = form_timestamp(text, order);
  return r ? *r : "none";
}

std::string yn(std::string_view text) {
  auto r = yes_no(text);
  return r ? (*r ? "yes" : "no") : "none";
}

}  // namespace

TEST_CASE("form dates: year first, whatever the order", "[enroll][form]") {
  for (auto order : {DateOrder::mdy, DateOrder::dmy, DateOrder::ymd}) {
    CHECK(d("2026-03-04", order) == "2026-03-04");
    CHECK(d("2026/03/04", order) == "2026-03-04");
    CHECK(d("2026.03.04", order) == "2026-03-04");
    CHECK(d("2026-3-4", order) == "2026-03-04");
    CHECK(d("  2026-03-04 ", order) == "2026-03-04");
  }
}

TEST_CASE("form dates: year last, read in the mapping's order", "[enroll][form]") {
  CHECK(d("03/04/2026", DateOrder::mdy) == "2026-03-04");  // Google Forms, en-US
  CHECK(d("03/04/2026", DateOrder::dmy) == "2026-04-03");  // Google Forms, en-GB
  CHECK(d("03/04/2026", DateOrder::ymd) == "none");
  CHECK(d("3/4/2026") == "2026-03-04");
  CHECK(d("3-4-2026") == "2026-03-04");
  CHECK(d("4.3.2026", DateOrder::dmy) == "2026-03-04");
  CHECK(d("3/4/26") == "2026-03-04");  // two-digit years are 20yy
  CHECK(d("13/04/2026", DateOrder::mdy) == "none");
  CHECK(d("13/04/2026", DateOrder::dmy) == "2026-04-13");
  CHECK(d("3/4-2026") == "none");  // mixed separators
}

TEST_CASE("form dates: month names", "[enroll][form]") {
  CHECK(d("4-Mar-2026") == "2026-03-04");
  CHECK(d("4 Mar 2026") == "2026-03-04");
  CHECK(d("4 March 2026") == "2026-03-04");
  CHECK(d("4 march 2026", DateOrder::dmy) == "2026-03-04");
  CHECK(d("March 4, 2026") == "2026-03-04");
  CHECK(d("Mar 4 2026") == "2026-03-04");
  CHECK(d("Mar. 4, 2026") == "2026-03-04");
  CHECK(d("Sept 4, 2026") == "2026-09-04");
  CHECK(d("4th March 2026") == "2026-03-04");
  CHECK(d("Wednesday, March 4, 2026") == "2026-03-04");
  CHECK(d("2026-Mar-04") == "2026-03-04");
  CHECK(d("4.Mar.2026") == "2026-03-04");
  CHECK(d("4-Mar-26") == "2026-03-04");
  CHECK(d("4 Marzo 2026") == "none");  // English month names only
}

TEST_CASE("form dates that do not exist or are not dates", "[enroll][form]") {
  CHECK(d("2026-02-30") == "none");
  CHECK(d("2/29/2026") == "none");
  CHECK(d("2/29/2028") == "2028-02-29");
  CHECK(d("31 April 2026") == "none");
  CHECK(d("") == "none");
  CHECK(d("soon") == "none");
  CHECK(d("2026-03") == "none");
  CHECK(d("2026-03-04 14:32") == "none");  // a time: form_timestamp reads it
  CHECK(d("3/4/2026.") == "none");
  CHECK(d("03/04/202") == "none");
}

TEST_CASE("form timestamps in each tool's export", "[enroll][form]") {
  CHECK(ts("3/4/2026 14:32:11") == "2026-03-04T14:32:11");             // Google Forms, en-US
  CHECK(ts("4/3/2026 14:32:11", DateOrder::dmy) == "2026-03-04T14:32:11");  // Google Forms, en-GB
  CHECK(ts("3/4/26 2:32:11 PM") == "2026-03-04T14:32:11");             // Microsoft Forms
  CHECK(ts("3/4/26 2:32:11 pm") == "2026-03-04T14:32:11");
  CHECK(ts("3/4/26 2:32 p.m.") == "2026-03-04T14:32:00");
  CHECK(ts("3/4/26 12:05:00 AM") == "2026-03-04T00:05:00");
  CHECK(ts("3/4/26 12:05:00 PM") == "2026-03-04T12:05:00");
  CHECK(ts("2026-03-04 14:32:11") == "2026-03-04T14:32:11");           // Qualtrics, REDCap
  CHECK(ts("2026-03-04 14:32") == "2026-03-04T14:32:00");              // REDCap without seconds
  CHECK(ts("2026-03-04T14:32:11") == "2026-03-04T14:32:11");
  CHECK(ts("2026-03-04T14:32:11Z") == "2026-03-04T14:32:11");          // the wall time is kept
  CHECK(ts("2026-03-04T23:32:11-05:00") == "2026-03-04T23:32:11");
  CHECK(ts("2026-03-04T14:32:11.250+01:00") == "2026-03-04T14:32:11");
  CHECK(ts("2026-03-04 14:32:11 UTC") == "2026-03-04T14:32:11");
  CHECK(ts("3/4/2026 14:32:11 +0100") == "2026-03-04T14:32:11");
  CHECK(ts("2026-03-04t14:32") == "2026-03-04T14:32:00");
  CHECK(ts("March 4, 2026 2:32 PM") == "2026-03-04T14:32:00");
  CHECK(ts("4 March 2026, 14:32") == "2026-03-04T14:32:00");
  CHECK(ts("March 4, 2026, 2:32 PM") == "2026-03-04T14:32:00");
  CHECK(ts("2026-03-04") == "2026-03-04T00:00:00");                    // a date alone
  CHECK(ts("3/4/2026") == "2026-03-04T00:00:00");
}

TEST_CASE("form timestamps that are refused", "[enroll][form]") {
  CHECK(ts("") == "none");
  CHECK(ts("3/4/2026 25:00") == "none");
  CHECK(ts("3/4/2026 14:60") == "none");
  CHECK(ts("3/4/2026 14:32:61") == "none");
  CHECK(ts("3/4/2026 14:32 PM") == "none");  // 14 on a 12-hour clock
  CHECK(ts("3/4/2026 0:32 AM") == "none");
  CHECK(ts("2026-02-30 10:00") == "none");
  CHECK(ts("3/4/2026 14:32", DateOrder::ymd) == "none");
  CHECK(ts("yesterday at noon") == "none");
  CHECK(ts("14:32:11") == "none");                // a time without a date
  CHECK(ts("3/4/2026 14:32 EST") == "none");      // zone abbreviations are ambiguous: refused
  CHECK(ts("3/4/2026 14:32:11 PMX") == "none");
  CHECK(ts("3/4/2026 114:32") == "none");
  CHECK(ts("3/4/2026 14:3") == "none");
  CHECK(ts("3/4/2026 14:32:11.") == "none");
  CHECK(ts("3/4/2026,, 14:32") == "none");
}

TEST_CASE("yes or no", "[enroll][form]") {
  for (const char* y : {"yes", "Yes", "YES", " y ", "Y", "true", "TRUE", "1", "checked", "Checked", "x", "X", "oui",
                        "Oui", "s\xC3\xAD", "S\xC3\x8D", "si", "S\xC3\xAD", "Yes.", "\xE2\x9C\x93"}) {
    INFO(y);
    CHECK(yn(y) == "yes");
  }
  for (const char* n : {"no", "No", "NO", "n", "false", "FALSE", "0", "unchecked", "Unchecked", "non", "Non", "No!"}) {
    INFO(n);
    CHECK(yn(n) == "no");
  }
  for (const char* neither : {"", "  ", "maybe", "yes please", "2", "nope", "-"}) {
    INFO(neither);
    CHECK(yn(neither) == "none");  // an empty cell is not "no"
  }
}

TEST_CASE("numbers", "[enroll][form]") {
  CHECK(form_number("12") == 12.0);
  CHECK(form_number(" -0.5 ") == -0.5);
  CHECK(form_number("3.") == 3.0);
  CHECK(form_number(".5") == 0.5);
  CHECK(form_number("1e3") == 1000.0);
  CHECK_FALSE(form_number(""));
  CHECK_FALSE(form_number("1,234"));
  CHECK_FALSE(form_number("12 staff"));
  CHECK_FALSE(form_number("inf"));
  CHECK_FALSE(form_number("nan"));
  CHECK_FALSE(form_number("0x10"));
}

TEST_CASE("options match ignoring case, spacing and final punctuation", "[enroll][form]") {
  const std::vector<std::string> likert = {"Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"};
  CHECK(option_match("Agree", likert) == std::string("Agree"));
  CHECK(option_match("  strongly   AGREE ", likert) == std::string("Strongly agree"));
  CHECK(option_match("Strongly\tagree.", likert) == std::string("Strongly agree"));
  CHECK(option_match("Strongly\xC2\xA0" "agree!", likert) == std::string("Strongly agree"));
  CHECK(option_match("Neutral\xE2\x80\xA6", likert) == std::string("Neutral"));
  CHECK_FALSE(option_match("Agreed", likert));
  CHECK_FALSE(option_match("", likert));
  CHECK_FALSE(option_match("4", likert));  // no numeric codes
  const std::vector<std::string> written = {"Yes, with support."};
  CHECK(option_match("yes, with support", written) == std::string("Yes, with support."));
}

TEST_CASE("multiple choices as each tool joins them", "[enroll][form]") {
  using V = std::vector<std::string>;
  const V options = {"Trauma screening", "Yes, with support", "Family engagement", "Data; reporting"};
  CHECK(split_choices("Trauma screening, Family engagement", options) == V{"Trauma screening", "Family engagement"});  // Google
  CHECK(split_choices("Trauma screening;Family engagement;", options) == V{"Trauma screening", "Family engagement"});  // Microsoft
  CHECK(split_choices("Trauma screening,Family engagement", options) == V{"Trauma screening", "Family engagement"});  // Qualtrics
  CHECK(split_choices("Trauma screening\nFamily engagement\r\n", options) == V{"Trauma screening", "Family engagement"});
  CHECK(split_choices("Yes, with support, Trauma screening", options) == V{"Yes, with support", "Trauma screening"});
  CHECK(split_choices("Trauma screening, Yes, with support", options) == V{"Trauma screening", "Yes, with support"});
  CHECK(split_choices("Data; reporting;Trauma screening;", options) == V{"Data; reporting", "Trauma screening"});
  CHECK(split_choices("Yes, without support", options) == V{"Yes", "without support"});
  CHECK(split_choices("a, b;c", {}) == V{"a", "b", "c"});
  CHECK(split_choices("", options).empty());
  CHECK(split_choices(" ; , ", options).empty());
}

TEST_CASE("email addresses", "[enroll][form]") {
  CHECK(is_email("maria@x.org"));
  CHECK(is_email("Maria.Lopez+eoi@clinic.example.org"));
  CHECK(is_email("jos\xC3\xA9@cl\xC3\xADnica.mx"));
  CHECK_FALSE(is_email(""));
  CHECK_FALSE(is_email("maria"));
  CHECK_FALSE(is_email("maria@"));
  CHECK_FALSE(is_email("@x.org"));
  CHECK_FALSE(is_email("maria@x"));
  CHECK_FALSE(is_email("maria@.org"));
  CHECK_FALSE(is_email("maria@x.org."));
  CHECK_FALSE(is_email("maria@x..org"));
  CHECK_FALSE(is_email("maria@x@y.org"));
  CHECK_FALSE(is_email("maria lopez@x.org"));
  CHECK_FALSE(is_email("<maria@x.org>"));
  CHECK_FALSE(is_email("maria@x.org,"));
}

TEST_CASE("team members in the usual spellings", "[enroll][form]") {
  std::string problem;
  auto team = team_members(
      "Maria Lopez (senior leader) <maria@x.org>\n"
      "Ana Ruiz, Clinical Supervisor, ana@x.org\n"
      "Jos\xC3\xA9 P\xC3\xA9rez - supervisor, clinician - jose@x.org\n"
      "Zo\xC3\xAB Li | clinician | ZOE@X.ORG\n"
      "Nguy\xE1\xBB\x85n Van An nguyen@x.org; Sam Roe (data manager/contact)",
      &problem);
  REQUIRE(team);
  REQUIRE(team->size() == 6);
  CHECK((*team)[0].name == "Maria Lopez");
  CHECK((*team)[0].email == "maria@x.org");
  CHECK((*team)[0].roles == std::vector<std::string>{"senior-leader"});
  CHECK((*team)[1].name == "Ana Ruiz");
  CHECK((*team)[1].roles == std::vector<std::string>{"clinical-supervisor"});
  CHECK((*team)[1].email == "ana@x.org");
  CHECK((*team)[2].name == "Jos\xC3\xA9 P\xC3\xA9rez");
  CHECK((*team)[2].roles == std::vector<std::string>{"supervisor", "clinician"});
  CHECK((*team)[3].name == "Zo\xC3\xAB Li");
  CHECK((*team)[3].email == "ZOE@X.ORG");
  CHECK((*team)[3].roles == std::vector<std::string>{"clinician"});
  CHECK((*team)[4].name == "Nguy\xE1\xBB\x85n Van An");
  CHECK((*team)[4].email == "nguyen@x.org");
  CHECK((*team)[4].roles.empty());
  CHECK((*team)[5].name == "Sam Roe");
  CHECK((*team)[5].email.empty());
  CHECK((*team)[5].roles == std::vector<std::string>{"data-manager", "contact"});
}

TEST_CASE("team members: en dash, duplicates and an empty cell", "[enroll][form]") {
  std::string problem;
  auto team = team_members("Ana Ruiz \xE2\x80\x93 Clinician, clinician \xE2\x80\x93 ana@x.org", &problem);
  REQUIRE(team);
  REQUIRE(team->size() == 1);
  CHECK((*team)[0].roles == std::vector<std::string>{"clinician"});
  auto empty = team_members(" \n ; ", &problem);
  REQUIRE(empty);
  CHECK(empty->empty());
}

TEST_CASE("team members that are refused say which entry and why", "[enroll][form]") {
  std::string problem;
  CHECK_FALSE(team_members("Maria Lopez <maria@x.org>\n(clinician) <ana@x.org>", &problem));
  CHECK(problem == "entry 2 ('(clinician) <ana@x.org>'): no name");
  CHECK_FALSE(team_members("Maria Lopez, clinician, maria@x", &problem));
  CHECK(problem == "entry 1 ('Maria Lopez, clinician, maria@x'): 'maria@x' is not an email address");
  CHECK_FALSE(team_members("A <a@x.org>;;B <b@x.org> c@x.org", &problem));
  CHECK(problem == "entry 2 ('B <b@x.org> c@x.org'): two email addresses ('b@x.org' and 'c@x.org')");
  CHECK_FALSE(team_members("Ana <>", &problem));
  CHECK(problem == "entry 1 ('Ana <>'): '' is not an email address");
  CHECK(team_members("Ana", nullptr));  // a name alone is an entry
  CHECK_FALSE(team_members("ana@x.org", nullptr));
}
