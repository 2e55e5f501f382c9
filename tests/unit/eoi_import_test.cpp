// `collab enroll import`'s library: form exports (CSV) + a mapping -> eois/<id>.yaml.
#include "enroll/eoi_import.h"
#include "base_copy.h"
#include "io/yaml_document.h"
#include "model/project.h"
#include "schema/validator.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace collab;
using namespace collab::enroll;

namespace {

// A copy of tests/e2e/base (a small valid collaborative, with eois/harbor-eoi.yaml) with some files added.
struct Fixture : test::BaseCopy {
  Fixture() : BaseCopy("eoi-import") {}
  // Loads the collaborative; `problems` receives its diagnostics, formatted.
  model::Project load(std::vector<std::string>* problems = nullptr) const {
    Diagnostics d;
    auto p = model::load_project(root, "", d);
    d.sort();
    if (problems)
      for (const auto& x : d.items()) problems->push_back(format_text(x));
    return p;
  }
  void write_all(const EoiImport& import) const {
    for (const auto& e : import.added) write(e.path, e.content);
  }
};

// A mapping as it would be written in mappings/google-2026.yaml; checked against its schema here.
const char* const kMappingYaml = R"yaml(id: google-2026
description: The 2026 EOI form (Google Forms)
date_order: mdy
identity: [submitted, contact.email]
fields:
  - {field: submitted, column: Timestamp, type: timestamp}
  - {field: contact.email, column: Email Address}
  - {field: contact.name, column: Your name}
  - {field: organization.name, column: Organization name, required: true}
  - {field: organization.country, column: Country}
  - {field: organization.timezone, column: Time zone}
  - {field: organization.sector, column: Sector}
  - field: answers.readiness
    column: How ready is your organization to adopt TF-CBT?
    type: likert
    options: [Not ready, Somewhat ready, Ready, Very ready]
  - field: answers.practices
    column: Which practices do you already use?
    type: choices
    options: [Trauma screening, Family engagement, "Measurement-based care, with coaching"]
  - field: answers.core-data-set-commitment
    column: Will you submit the core data set every month?
    type: yes-no
    required: true
  - {field: answers.clinicians, column: Clinicians committed, type: number}
  - {field: answers.objectives, column: Objectives}
  - {field: proposed_team, column: "Proposed core team (name, role, email)"}
)yaml";

Mapping google_mapping() {
  Diagnostics d;
  auto doc = parse_yaml(kMappingYaml, "mappings/google-2026.yaml", d);
  REQUIRE(doc);
  REQUIRE(schema::SchemaSet::embedded().validate("mapping", *doc, d));
  REQUIRE(d.empty());
  return read_mapping(doc->json);
}

// A Google Forms responses sheet downloaded as CSV (Excel's "CSV UTF-8" keeps the byte-order mark, and
// Windows line ends): Timestamp as M/D/YYYY H:MM:SS (en-US), checkbox answers joined with ", ", a
// paragraph answer and the team over several lines inside quotes.
const std::string kHeader =
    "\xEF\xBB\xBFTimestamp,Email Address,Your name,Organization name,Country,Time zone,Sector,"
    "How ready is your organization to adopt TF-CBT?,Which practices do you already use?,"
    "Will you submit the core data set every month?,Clinicians committed,Objectives,"
    "\"Proposed core team (name, role, email)\"\r\n";
const std::string kRow1 =
    "3/4/2026 14:32:11,Jose@Clinica.MX,Jos\xC3\xA9 P\xC3\xA9rez,Cl\xC3\xADnica San Jos\xC3\xA9,MX,America/Mexico_City,"
    "Community health,Ready,\"Trauma screening, Family engagement\",Yes,4,"
    "\"Reduce wait times.\r\nScreen every child at intake.\","
    "\"Jos\xC3\xA9 P\xC3\xA9rez (senior leader) <jose@clinica.mx>\r\nAna Ruiz, Supervisor, ana@clinica.mx\r\n"
    "Luis G\xC3\xB3mez - clinician - luis@clinica.mx\"\r\n";
const std::string kRow2 =
    "3/5/2026 9:05:40,zoe@northside.org,Zo\xC3\xAB Adams,Northside Family Services,US,America/Chicago,"
    "behavioral-health,very ready,Family engagement,y,3,Sustain TF-CBT.,"
    "\"Zo\xC3\xAB Adams | senior leader | zoe@northside.org\r\nKim Lee | supervisor\r\nPat Doe\"\r\n";
const std::string kRow3 =
    "3/6/2026 16:20:00,lan@hanoi-health.vn,Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Lan,Nguy\xE1\xBB\x85n Family Health,VN,"
    "Asia/Ho_Chi_Minh,Primary care,Somewhat ready,\"Measurement-based care, with coaching, Trauma screening\",No,2,"
    ",\"Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Lan, senior leader, lan@hanoi-health.vn\"\r\n";
const std::string kRow4 =
    "3/9/2026 8:00:00,ops@lakeside.org,Lee Park,Lakeside Clinic,US,America/Denver,,Ready,,true,,,"
    "Lee Park (senior leader) <ops@lakeside.org>\r\n";
const std::string kRow5 =
    "3/9/2026 10:15:00,dana@harbor.org,Dana Wu,Harbor Family Services,US,America/New_York,,Not ready,,yes,1,,\r\n";

CsvTable table_of(const std::string& text, const std::string& path = "responses.csv") {
  auto t = read_csv(text, path);
  REQUIRE(t.ok());
  return *t;
}

std::vector<std::string> refusals(const EoiImport& import) {
  std::vector<std::string> out;
  for (const auto& d : import.refused.items()) out.push_back(format_text(d));
  return out;
}

}  // namespace

TEST_CASE("the mapping is read with its defaults", "[enroll][import]") {
  Mapping m = google_mapping();
  CHECK(m.id == "google-2026");
  CHECK(m.date_order == DateOrder::mdy);
  CHECK(m.identity == std::vector<std::string>{"submitted", "contact.email"});
  REQUIRE(m.fields.size() == 13);
  CHECK(m.fields[0].type == "timestamp");
  CHECK(m.fields[1].type == "text");
  CHECK(m.fields[3].required);
  CHECK(m.fields[8].options.size() == 3);
  CHECK(m.fields[8].options[2] == "Measurement-based care, with coaching");
  CHECK(m.fields[12].type == "team");
  CHECK(read_mapping(nlohmann::json::parse(R"({"id": "x", "date_order": "dmy", "identity": [], "fields": []})")).date_order ==
        DateOrder::dmy);
  CHECK(check_mapping(m, table_of(kHeader)).empty());
}

TEST_CASE("a mapping that does not fit the export", "[enroll][import]") {
  Mapping m = google_mapping();
  m.fields[1].column = "E-mail";
  m.fields[2].type = "number";
  m.fields[7].options.clear();
  m.fields.push_back({"answers.clinicians", "Objectives", "number", {}, false});
  m.fields.push_back({"organization.website", "Objectives", "text", {}, false});
  m.identity.push_back("contact.phone");
  auto problems = check_mapping(m, table_of(kHeader));
  std::vector<std::string> expected = {
      "field 'contact.email': no column 'E-mail' in the header (the closest is 'Email Address')",
      "field 'contact.name': type number cannot fill it (use text, slug or likert)",
      "field 'answers.readiness': type likert needs options",
      "field 'answers.clinicians' is mapped twice",
      "identity 'contact.phone' is not one of the mapping's fields",
  };
  // organization.website is refused only while eoi.schema.json has no such property.
  if (problems.size() == 6) {
    expected.insert(expected.begin() + 4,
                    "field 'organization.website': eoi.schema.json has no organization.website: map the column to "
                    "answers.website instead");
  }
  CHECK(problems == expected);

  Mapping bare;
  bare.id = "bare";
  bare.identity = {"proposed_team"};
  bare.fields = {{"submitted", "Timestamp", "", {}, false}, {"proposed_team", "Objectives", "", {}, false}};
  CHECK(check_mapping(bare, table_of(kHeader)) ==
        std::vector<std::string>{"identity 'proposed_team': a team cannot identify a response",
                                 "organization.name is not mapped: every EOI needs it",
                                 "contact.email is not mapped: every EOI needs it"});
  bare.identity.clear();
  CHECK(check_mapping(bare, table_of(kHeader)).at(0) == "the mapping names no identity fields");

  // import_eois refuses to read any row with such a mapping.
  Fixture f;
  auto import = import_eois(table_of(kHeader + kRow1), "responses.csv", bare, f.load());
  CHECK(import.added.empty());
  CHECK(refusals(import).at(0) == "responses.csv:1: error: the mapping names no identity fields");
}

TEST_CASE("a Google Forms export becomes EOIs that validate", "[enroll][import]") {
  Fixture f;
  auto project = f.load();
  auto import = import_eois(table_of(kHeader + kRow1 + kRow2 + kRow3), "exports/responses.csv", google_mapping(), project);
  CHECK(refusals(import).empty());
  CHECK(import.skipped.empty());
  REQUIRE(import.added.size() == 3);
  CHECK(import.added[0].id == "clinica-san-jose");
  CHECK(import.added[0].path == "eois/clinica-san-jose.yaml");
  CHECK(import.added[0].row == 1);
  CHECK(import.added[0].key == "2026-03-04T14:32:11 | jose@clinica.mx");
  CHECK(import.added[1].id == "northside-family-services");
  CHECK(import.added[2].id == "nguyen-family-health");
  CHECK(import.added[2].row == 3);
  CHECK(import.added[0].content ==
        "# yaml-language-server: $schema=../.collab/schemas/eoi.schema.json\n"
        "# Imported by `collab enroll import` with mappings/google-2026.yaml from responses.csv, row 1.\n"
        "id: clinica-san-jose\n"
        "submitted: \"2026-03-04\"\n"
        "organization:\n"
        "  name: Cl\xC3\xADnica San Jos\xC3\xA9\n"
        "  country: MX\n"
        "  sector: community-health\n"
        "  timezone: America/Mexico_City\n"
        "contact:\n"
        "  name: Jos\xC3\xA9 P\xC3\xA9rez\n"
        "  email: Jose@Clinica.MX\n"
        "answers:\n"
        "  readiness: Ready\n"
        "  practices: Trauma screening; Family engagement\n"
        "  core-data-set-commitment: true\n"
        "  clinicians: 4\n"
        "  objectives: \"Reduce wait times.\\nScreen every child at intake.\"\n"
        "proposed_team:\n"
        "  - name: Jos\xC3\xA9 P\xC3\xA9rez\n"
        "    roles: [senior-leader]\n"
        "    email: jose@clinica.mx\n"
        "  - name: Ana Ruiz\n"
        "    roles: [supervisor]\n"
        "    email: ana@clinica.mx\n"
        "  - name: Luis G\xC3\xB3mez\n"
        "    roles: [clinician]\n"
        "    email: luis@clinica.mx\n"
        "status: submitted\n"
        "source:\n"
        "  mapping: google-2026\n"
        "  key: \"2026-03-04T14:32:11 | jose@clinica.mx\"\n"
        "  row: 1\n");
  CHECK(import.added[1].content.find("  readiness: Very ready\n  practices: Family engagement\n") != std::string::npos);
  CHECK(import.added[1].content.find("  - name: Kim Lee\n    roles: [supervisor]\n  - name: Pat Doe\n    roles: [member]\n") !=
        std::string::npos);
  CHECK(import.added[2].content.find("  practices: \"Measurement-based care, with coaching; Trauma screening\"\n") !=
        std::string::npos);
  CHECK(import.added[2].content.find("objectives") == std::string::npos);  // an empty optional answer is left out

  // Written, the files pass eoi.schema.json and load into the model.
  f.write_all(import);
  std::vector<std::string> problems;
  auto after = f.load(&problems);
  CHECK(problems.empty());
  REQUIRE(after.eois.size() == 4);
  const model::Eoi* jose = after.find_eoi("clinica-san-jose");
  REQUIRE(jose);
  CHECK(format_date(*jose->submitted) == "2026-03-04");
  CHECK(jose->answers.at("core-data-set-commitment") == true);
  CHECK(jose->answers.at("clinicians") == 4);
  CHECK(jose->proposed_team.size() == 3);
  CHECK(after.find_eoi("nguyen-family-health")->organization.name == "Nguy\xE1\xBB\x85n Family Health");
}

TEST_CASE("importing the same export again adds nothing, a longer one only the new rows", "[enroll][import]") {
  Fixture f;
  const Mapping m = google_mapping();
  auto first = import_eois(table_of(kHeader + kRow1 + kRow2 + kRow3), "responses.csv", m, f.load());
  REQUIRE(first.added.size() == 3);
  f.write_all(first);

  auto again = import_eois(table_of(kHeader + kRow1 + kRow2 + kRow3), "responses.csv", m, f.load());
  CHECK(again.added.empty());
  CHECK(again.refused.empty());
  CHECK(again.skipped == std::vector<std::pair<int, std::string>>{{1, "present as eois/clinica-san-jose.yaml"},
                                                                  {2, "present as eois/northside-family-services.yaml"},
                                                                  {3, "present as eois/nguyen-family-health.yaml"}});

  // The next download of the sheet: the same rows and two new ones (saved this time without the
  // byte-order mark and with LF line ends).
  std::string longer = kHeader.substr(3) + kRow1 + kRow2 + kRow3 + kRow4 + kRow5;
  for (size_t p = longer.find("\r\n"); p != std::string::npos; p = longer.find("\r\n", p)) longer.erase(p, 1);
  auto next = import_eois(table_of(longer), "responses.csv", m, f.load());
  CHECK(next.refused.empty());
  CHECK(next.skipped.size() == 3);
  REQUIRE(next.added.size() == 2);
  CHECK(next.added[0].id == "lakeside-clinic");
  CHECK(next.added[0].row == 4);
  CHECK(next.added[1].id == "harbor-family-services");
  CHECK(next.added[1].row == 5);
  CHECK(next.added[1].content.find("proposed_team: []\n") != std::string::npos);
  f.write_all(next);
  std::vector<std::string> problems;
  CHECK(f.load(&problems).eois.size() == 6);
  CHECK(problems.empty());
}

TEST_CASE("the same response twice in one export", "[enroll][import]") {
  Fixture f;
  // Microsoft Forms' spelling of row 1's timestamp and an upper-case email: the same identity key.
  std::string again = kRow1;
  again.replace(0, again.find(','), "3/4/26 2:32:11 PM");
  again.replace(again.find("Jose@Clinica.MX"), 15, "JOSE@CLINICA.MX");
  auto import = import_eois(table_of(kHeader + kRow1 + kRow2 + again), "responses.csv", google_mapping(), f.load());
  CHECK(import.added.size() == 2);
  CHECK(import.skipped == std::vector<std::pair<int, std::string>>{{3, "same response as row 1"}});
}

TEST_CASE("bad rows are refused with their row and column, the others imported", "[enroll][import]") {
  Fixture f;
  const std::string good =
      "3/10/2026 9:00:00,a@b.org,Al Bo,Good Org,US,America/New_York,,Ready,Trauma screening,yes,2,,Al Bo <a@b.org>\r\n";
  auto row = [&](int n, const std::string& from, const std::string& to) {
    std::string r = good;
    r.replace(r.find(from), from.size(), to);
    r.replace(0, r.find(','), "3/10/2026 9:00:0" + std::to_string(n));  // a key of its own
    return r;
  };
  std::string csv = kHeader + row(1, "Good Org", "") + row(2, "Ready,", "Quite ready,") +
                    row(3, "Trauma screening", "\"Trauma screening, Yoga\"") + row(4, "yes,2", "maybe,2") +
                    row(5, ",2,", ",two,") + row(6, "a@b.org,", "a@b,") + row(7, "America/New_York", "Eastern Time") +
                    row(8, "Al Bo <a@b.org>", "\"Al Bo <a@b.org>\r\n(clinician) <c@b.org>\"") +
                    row(9, "yes,2", ",2") + row(0, "Good Org", "Good Org") +
                    "31/12/2026 9:00:00,a@b.org,Al Bo,Good Org,US,America/New_York,,,,yes,,,\r\n" +
                    "3/11/2026 9:00:00,,Al Bo,Good Org,US,America/New_York,,,,yes,,,\r\n" +
                    "3/12/2026 9:00:00,c@b.org,,Good Org,US,America/New_York,,,,yes,,,\r\n" +
                    "3/13/2026 9:00:00,d@b.org,Di,Good Org,US,America/New_York,!!!,,,yes,,,\r\n";
  auto import = import_eois(table_of(csv), "exports/responses.csv", google_mapping(), f.load());
  CHECK(refusals(import) == std::vector<std::string>{
      "exports/responses.csv:2: error: row 1, column 'Organization name': empty, but the mapping requires an answer",
      "exports/responses.csv:3: error: row 2, column 'How ready is your organization to adopt TF-CBT?': 'Quite ready' is "
      "not one of the options (Not ready, Somewhat ready, Ready, Very ready)",
      "exports/responses.csv:4: error: row 3, column 'Which practices do you already use?': 'Yoga' is not one of the "
      "options (Trauma screening, Family engagement, Measurement-based care, with coaching)",
      "exports/responses.csv:5: error: row 4, column 'Will you submit the core data set every month?': 'maybe' is not "
      "yes or no",
      "exports/responses.csv:6: error: row 5, column 'Clinicians committed': 'two' is not a number",
      "exports/responses.csv:7: error: row 6, column 'Email Address': 'a@b' is not an email address",
      "exports/responses.csv:8: error: row 7, column 'Time zone': 'Eastern Time' is not a time zone of the tz database "
      "(a name such as America/New_York)",
      "exports/responses.csv:9: error: row 8, column 'Proposed core team (name, role, email)': entry 2 ('(clinician) "
      "<c@b.org>'): no name",
      "exports/responses.csv:11: error: row 9, column 'Will you submit the core data set every month?': empty, but the "
      "mapping requires an answer",
      "exports/responses.csv:13: error: row 11, column 'Timestamp': '31/12/2026 9:00:00' is not a date and time "
      "(2026-03-04, 3/4/2026 as month/day/year, or 4 March 2026, with a time such as 14:32:11)",
      "exports/responses.csv:14: error: row 12, column 'Email Address': empty, but it identifies the response (the "
      "mapping's identity)",
      "exports/responses.csv:15: error: row 13, column 'Your name': empty, but every EOI needs contact.name",
      "exports/responses.csv:16: error: row 14, column 'Sector': '!!!' gives no sector ID (it needs a letter or a digit)",
  });
  REQUIRE(import.added.size() == 1);
  CHECK(import.added[0].row == 10);
  CHECK(import.added[0].id == "good-org");
  CHECK(import.skipped.empty());
}

TEST_CASE("EOI IDs come from the organization's name and never collide", "[enroll][import]") {
  Fixture f;
  f.write("eois/northside-family-services.yaml",
          "id: northside-family-services\nsubmitted: 2026-01-02\norganization:\n  name: Northside\n  country: US\n"
          "  timezone: America/Chicago\ncontact:\n  name: X\n  email: x@y.org\nproposed_team: []\n");
  f.write("eois/lakeside-clinic.yml", "id: lakeside-clinic\nnot: valid\n");  // unusable, but its ID is taken
  std::string other = kRow2;
  other.replace(other.find("zoe@northside.org"), 17, "kim@northside.org");
  std::string lake = kRow4;
  lake.replace(lake.find("Lakeside Clinic"), 15, "\xE6\x9D\xB1\xE4\xBA\xAC Lakeside Clinic");  // non-Latin letters drop out
  std::string unnamed = kRow5;
  unnamed.replace(unnamed.find("Harbor Family Services"), 22, "\xE6\x9D\xB1\xE4\xBA\xAC");
  auto import = import_eois(table_of(kHeader + kRow2 + other + lake + unnamed), "r.csv", google_mapping(), f.load());
  CHECK(refusals(import).empty());
  REQUIRE(import.added.size() == 4);
  CHECK(import.added[0].id == "northside-family-services-2");
  CHECK(import.added[1].id == "northside-family-services-3");
  CHECK(import.added[2].id == "lakeside-clinic-2");
  CHECK(import.added[3].id == "eoi");

  // A 63-character name keeps its suffix within the limit.
  Fixture g;
  std::string longname(70, 'a');
  std::string r1 = kRow5, r2 = kRow5;
  r1.replace(r1.find("Harbor Family Services"), 22, longname);
  r2.replace(r2.find("Harbor Family Services"), 22, longname);
  r2.replace(r2.find("dana@"), 5, "dan2@");
  auto longer = import_eois(table_of(kHeader + r1 + r2), "r.csv", google_mapping(), g.load());
  REQUIRE(longer.added.size() == 2);
  CHECK(longer.added[0].id == std::string(63, 'a'));
  CHECK(longer.added[1].id == std::string(61, 'a') + "-2");
}

TEST_CASE("an EOI file that fails its schema still counts as imported", "[enroll][import]") {
  Fixture f;
  const Mapping m = google_mapping();
  auto first = import_eois(table_of(kHeader + kRow1), "responses.csv", m, f.load());
  REQUIRE(first.added.size() == 1);
  std::string broken = first.added[0].content;
  broken.replace(broken.find("status: submitted"), 17, "status: maybe");
  f.write(first.added[0].path, broken);
  std::vector<std::string> problems;
  auto project = f.load(&problems);
  CHECK(!problems.empty());
  CHECK(project.find_eoi("clinica-san-jose") == nullptr);
  auto again = import_eois(table_of(kHeader + kRow1), "responses.csv", m, project);
  CHECK(again.added.empty());
  CHECK(again.skipped == std::vector<std::pair<int, std::string>>{{1, "present as eois/clinica-san-jose.yaml"}});
}

TEST_CASE("a mapping's fields the EOI schema needs but the mapping does not give", "[enroll][import]") {
  Fixture f;
  Mapping m = google_mapping();
  m.fields.erase(m.fields.begin() + 2);  // contact.name
  auto import = import_eois(table_of(kHeader + kRow1), "responses.csv", m, f.load());
  CHECK(import.added.empty());
  CHECK(refusals(import) == std::vector<std::string>{
      "responses.csv:2: error: row 1: the mapping gives no column for contact.name, which every EOI needs"});
}

TEST_CASE("a Qualtrics export: three header rows, dates day first", "[enroll][import]") {
  // Qualtrics' CSV download has 3 header rows: internal IDs, question texts, then {"ImportId": ...}.
  const std::string csv =
      "StartDate,EndDate,RecipientEmail,Q1,Q2,Q3,Q4,Q5\n"
      "Start Date,End Date,Recipient Email,Organization,Country,Time zone,Contact name,Founded\n"
      "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"Europe/London\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\","
      "\"{\"\"ImportId\"\":\"\"recipientEmail\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\",,,,\n"
      "2026-03-04 09:15:02,2026-03-04 09:31:40,ops@leeds-care.org.uk,Leeds Care,UK,Europe/London,Sam Hill,04/03/2001\n"
      ",,,,,,,\n";
  Diagnostics d;
  auto doc = parse_yaml(
      "id: qualtrics\ndate_order: dmy\nidentity: [submitted, contact.email]\nfields:\n"
      "  - {field: submitted, column: EndDate}\n  - {field: contact.email, column: RecipientEmail}\n"
      "  - {field: organization.name, column: Q1}\n  - {field: organization.country, column: Q2}\n"
      "  - {field: organization.timezone, column: Q3}\n  - {field: contact.name, column: Q4}\n"
      "  - {field: answers.founded, column: Q5, type: date}\n",
      "mappings/qualtrics.yaml", d);
  REQUIRE(doc);
  REQUIRE(schema::SchemaSet::embedded().validate("mapping", *doc, d));
  Fixture f;
  auto import = import_eois(table_of(csv), "qualtrics.csv", read_mapping(doc->json), f.load());
  CHECK(refusals(import).empty());
  CHECK(import.skipped == std::vector<std::pair<int, std::string>>{{1, "Qualtrics' question-text header row"},
                                                                  {2, "Qualtrics' import-ID header row"},
                                                                  {4, "empty row"}});
  REQUIRE(import.added.size() == 1);
  CHECK(import.added[0].key == "2026-03-04T09:31:40 | ops@leeds-care.org.uk");
  CHECK(import.added[0].content.find("  founded: \"2001-03-04\"\n") != std::string::npos);
  f.write_all(import);
  std::vector<std::string> problems;
  f.load(&problems);
  CHECK(problems.empty());
}

TEST_CASE("the output is deterministic", "[enroll][import]") {
  Fixture f;
  auto project = f.load();
  const Mapping m = google_mapping();
  const CsvTable t = table_of(kHeader + kRow1 + kRow2 + kRow3 + kRow4 + kRow5);
  auto a = import_eois(t, "responses.csv", m, project);
  auto b = import_eois(t, "responses.csv", m, project);
  REQUIRE(a.added.size() == b.added.size());
  for (size_t i = 0; i < a.added.size(); ++i) CHECK(a.added[i].content == b.added[i].content);
}
