#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "init/templates.h"

using collab::ErrorKind;
using collab::init::File;
using collab::init::Options;
using collab::init::scaffold;
using collab::init::slugify;

namespace {

Options options(std::string template_name, std::string start = "2027-01-04") {
  return Options{std::move(template_name), "Trauma-Focused CBT Learning Collaborative 2027", "",
                 std::move(start), "America/New_York"};
}

const File* find(const std::vector<File>& files, const std::string& path) {
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("slugify turns a name into an ID", "[init]") {
  CHECK(slugify("Trauma-Focused CBT Learning Collaborative 2027") ==
        "trauma-focused-cbt-learning-collaborative-2027");
  CHECK(slugify("  --Hello,   World!! ") == "hello-world");
  CHECK(slugify("ABC_def") == "abc-def");
  CHECK(slugify("Café Ω 2027") == "cafe-2027");  // accents fold (core/slug.h); Greek does not  // non-ASCII letters are separators
  CHECK(slugify("") == "collaborative");
  CHECK(slugify("!!! ???") == "collaborative");
  CHECK(slugify("ΑΩ") == "collaborative");
  CHECK(slugify(std::string(100, 'A')) == std::string(63, 'a'));
  // Cut at 63 characters without leaving a trailing '-'.
  CHECK(slugify(std::string(62, 'a') + " bcd") == std::string(62, 'a'));
  CHECK(slugify(std::string(61, 'a') + " bcd") == std::string(61, 'a') + "-b");
}

TEST_CASE("the template list is fixed", "[init]") {
  auto names = collab::init::template_names();
  REQUIRE(names == std::vector<std::string>{"nctsn-learning-collaborative", "breakthrough-series",
                                            "action-learning", "cln", "community-of-practice"});
  for (const auto& t : collab::init::templates()) CHECK_FALSE(t.summary.empty());
}

TEST_CASE("every template scaffolds", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto result = scaffold(options(name));
    REQUIRE(result.ok());
    const auto& files = *result;
    REQUIRE(files.size() >= 4);
    CHECK(files.front().path == "collab.yaml");
    CHECK(files.back().path == "README.md");
    CHECK(contains(files.front().content, "\nmodel: " + name + "\n"));
    CHECK(contains(files.front().content, "\nid: trauma-focused-cbt-learning-collaborative-2027\n"));
    CHECK(contains(files.front().content, "\nstart: 2027-01-04\n"));
    CHECK(contains(files.front().content, "\ntimezone: America/New_York\n"));
    CHECK(find(files, "README.md")->content.rfind("# Trauma-Focused CBT Learning Collaborative 2027\n", 0) ==
          0);
    bool has_event = false, has_measure = false;
    for (const auto& f : files) {
      INFO(f.path);
      CHECK_FALSE(f.content.empty());
      CHECK(f.content.back() == '\n');
      CHECK_FALSE(contains(f.content, "\r"));
      CHECK_FALSE(contains(f.content, "\t"));
      CHECK_FALSE(contains(f.content, " \n"));
      if (f.path.rfind("events/", 0) == 0) {
        has_event = true;
        CHECK(f.content.rfind("# yaml-language-server: $schema=../.collab/schemas/event.schema.json\n", 0) ==
              0);
      } else if (f.path.rfind("measures/", 0) == 0) {
        has_measure = true;
        CHECK(f.content.rfind("# yaml-language-server: $schema=../.collab/schemas/measure.schema.json\n",
                              0) == 0);
      } else if (f.path == "collab.yaml") {
        CHECK(f.content.rfind("# yaml-language-server: $schema=.collab/schemas/collaborative.schema.json\n",
                              0) == 0);
      } else if (f.path == "rubric.yaml") {
        CHECK(f.content.rfind("# yaml-language-server: $schema=.collab/schemas/rubric.schema.json\n", 0) ==
              0);
      } else if (f.path == "driver-diagram.yaml") {
        CHECK(f.content.rfind("# yaml-language-server: $schema=.collab/schemas/driver-diagram.schema.json\n",
                              0) == 0);
      } else if (f.path == "theory-of-change.yaml" || f.path == "learning-agenda.yaml" ||
                 f.path == "resources.yaml") {
        std::string kind = f.path.substr(0, f.path.size() - 5);
        CHECK(f.content.rfind("# yaml-language-server: $schema=.collab/schemas/" + kind + ".schema.json\n", 0) ==
              0);
      } else if (f.path.rfind("surveys/", 0) == 0) {
        CHECK(f.content.rfind("# yaml-language-server: $schema=../.collab/schemas/survey.schema.json\n", 0) ==
              0);
      } else {
        CHECK((f.path == "README.md" || f.path == ".gitignore" || f.path == ".gitattributes"));
      }
      // A file's name is its ID.
      if (f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".yaml") == 0 &&
          f.path.find('/') != std::string::npos) {
        std::string id = f.path.substr(f.path.find('/') + 1, f.path.size() - f.path.find('/') - 6);
        CHECK(contains(f.content, "\nid: " + id + "\n"));
      }
    }
    CHECK(has_event);
    CHECK(has_measure);
  }
}

TEST_CASE("the community of practice has no rubric; the others have one", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto result = scaffold(options(name));
    REQUIRE(result.ok());
    CHECK((find(*result, "rubric.yaml") != nullptr) == (name != "community-of-practice"));
  }
}

TEST_CASE("the QI templates write a driver diagram that names only their own measures", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto result = scaffold(options(name));
    REQUIRE(result.ok());
    const auto* diagram = find(*result, "driver-diagram.yaml");
    bool qi = name == "nctsn-learning-collaborative" || name == "breakthrough-series";
    REQUIRE((diagram != nullptr) == qi);
    if (!diagram) continue;
    for (const char* key : {"\naim:\n", "\nprimary_drivers:\n", "\nsecondary_drivers:\n", "\nchange_ideas:\n",
                            "pdsa/<team>/<id>.yaml", "change_ideas: [", "balancing"})
      CHECK(contains(diagram->content, key));
    // Every measure the diagram names (aim and ideas) is a file of the scaffold.
    size_t pos = 0;
    int named = 0;
    for (const char* field : {"  measure: ", "      outcome: [", "      process: [", "      balancing: ["}) {
      for (pos = diagram->content.find(field); pos != std::string::npos;
           pos = diagram->content.find(field, pos + 1)) {
        size_t start = pos + std::string(field).size();
        size_t end = diagram->content.find_first_of("],\n", start);
        std::string id = diagram->content.substr(start, end - start);
        INFO(id);
        CHECK(find(*result, "measures/" + id + ".yaml") != nullptr);
        ++named;
      }
    }
    CHECK(named >= 4);
    CHECK(contains(find(*result, "README.md")->content, "driver-diagram.yaml"));
  }
}

TEST_CASE("only the cln template writes the evaluation files", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto result = scaffold(options(name));
    REQUIRE(result.ok());
    bool cln = name == "cln";
    for (const char* path : {"theory-of-change.yaml", "learning-agenda.yaml", "resources.yaml",
                             "surveys/event-feedback.yaml"}) {
      INFO(path);
      CHECK((find(*result, path) != nullptr) == cln);
      std::string row = path[0] == 's' ? "surveys/<id>.yaml" : path;  // the README's table of files
      if (cln) CHECK(contains(find(*result, "README.md")->content, "| `" + row + "` |"));
    }
    if (!cln) continue;
    const auto& toc = find(*result, "theory-of-change.yaml")->content;
    CHECK(contains(toc, "\nreview_by: 2027-07-04\n"));  // six months after the start
    for (const char* key : {"\nactivities:\n", "\noutputs:\n", "\noutcomes:\n", "\nmilestones:\n",
                            "level: member", "level: network", "level: field", "# claims:\n"})
      CHECK(contains(toc, key));
    // A milestone's measure is a file of the scaffold; so is the evidence of the commented claim.
    CHECK(contains(toc, "    measure: learning-applied  #"));
    CHECK(find(*result, "measures/learning-applied.yaml") != nullptr);
    CHECK(contains(toc, "{kind: survey, id: event-feedback}"));
    const auto& agenda = find(*result, "learning-agenda.yaml")->content;
    for (const char* key : {"\nmethod: dots", "\ndots: 3", "\nmax_per_topic: 2", "\nvotes: []\n"})
      CHECK(contains(agenda, key));
    const auto& survey = find(*result, "surveys/event-feedback.yaml")->content;
    CHECK_FALSE(contains(survey, "\nevents:"));  // any event
    for (const char* key : {"type: nps", "type: open", "level: 1", "level: 2", "--survey event-feedback"})
      CHECK(contains(survey, key));
    const auto& resources = find(*result, "resources.yaml")->content;
    for (const char* key : {"\ncurrency: USD\n", "\ndominance: 0.5", "    year: 2027\n", "\nin_kind: []\n"})
      CHECK(contains(resources, key));
  }
  // Funding years stop at 2200 (the schema): a later start writes the funding lines as an example only.
  auto late = scaffold(options("cln", "2301-05-01"));
  REQUIRE(late.ok());
  const auto& resources = find(*late, "resources.yaml")->content;
  CHECK(contains(resources, "\nfunding: []\n"));
  CHECK_FALSE(contains(resources, "\n    year: 2301"));
}

TEST_CASE("scaffold is deterministic", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto a = scaffold(options(name)), b = scaffold(options(name));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(a->size() == b->size());
    for (size_t i = 0; i < a->size(); ++i) {
      CHECK((*a)[i].path == (*b)[i].path);
      CHECK((*a)[i].content == (*b)[i].content);
    }
  }
}

TEST_CASE("an unknown template is a usage error that lists the valid ones", "[init]") {
  auto result = scaffold(options("breakthrough"));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::usage);
  CHECK(contains(result.error().message, "breakthrough"));
  for (const auto& name : collab::init::template_names()) CHECK(contains(result.error().message, name));
}

TEST_CASE("a bad start date is a usage error", "[init]") {
  for (const char* start : {"2027-02-30", "2027-1-4", "", "04/01/2027", "2027-01-04T10:00", "0001-01-01"}) {
    INFO(start);
    auto result = scaffold(options("cln", start));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::usage);
  }
}

TEST_CASE("an explicit id is used, a bad one refused", "[init]") {
  Options o = options("community-of-practice");
  o.id = "tf-cbt-2027";
  auto result = scaffold(o);
  REQUIRE(result.ok());
  CHECK(contains(result->front().content, "\nid: tf-cbt-2027\n"));
  for (const char* id : {"TF-CBT", "-tf", "tf_cbt", "tf cbt", "tf:cbt"}) {
    INFO(id);
    o.id = id;
    auto bad = scaffold(o);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == ErrorKind::usage);
  }
  o.id = std::string(64, 'a');
  CHECK_FALSE(scaffold(o).ok());
}

TEST_CASE("a time zone that could break the YAML is refused", "[init]") {
  Options o = options("cln");
  for (const char* tz : {"", "America/New York", "Europe/Paris\n", "null", "1UTC"}) {
    INFO(tz);
    o.timezone = tz;
    auto result = scaffold(o);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::usage);
  }
}

TEST_CASE("NCTSN learning sessions fall at months 1, 5 and 10, on weekdays", "[init]") {
  // Start Monday 2027-01-04. LS1: 2027-02-04 (Thu-Fri). LS2: 2027-06-04 is a Friday, so the two days
  // move to Mon 2027-06-07 and Tue 2027-06-08. LS3: 2027-11-04 (Thu-Fri). End: 12 months less a day.
  auto result = scaffold(options("nctsn-learning-collaborative"));
  REQUIRE(result.ok());
  const auto& files = *result;
  REQUIRE(find(files, "events/learning-session-1.yaml"));
  CHECK(contains(find(files, "events/learning-session-1.yaml")->content,
                 "\nphase: ls1  # a phase ID from collab.yaml\n"));
  CHECK(contains(find(files, "events/learning-session-1.yaml")->content,
                 "\nstart: 2027-02-04\nend: 2027-02-05\n"));
  CHECK(contains(find(files, "events/learning-session-2.yaml")->content,
                 "\nstart: 2027-06-07\nend: 2027-06-08\n"));
  CHECK(contains(find(files, "events/learning-session-3.yaml")->content,
                 "\nstart: 2027-11-04\nend: 2027-11-05\n"));
  const std::string& collab = files.front().content;
  CHECK(contains(collab, "\nstart: 2027-01-04\nend: 2028-01-03\n"));
  CHECK(contains(collab,
                 "  - id: prework\n    name: \"Pre-work\"\n    start: 2027-01-04\n    end: 2027-02-03\n"));
  CHECK(contains(collab,
                 "  - id: ap1\n    name: \"Action period 1\"\n    start: 2027-02-06\n    end: 2027-06-06\n"));
  CHECK(contains(
      collab, "  - id: ls2\n    name: \"Learning session 2\"\n    start: 2027-06-07\n    end: 2027-06-08\n"));
  CHECK(contains(collab, "\ndata:\n  due_day: 15\n"));
  CHECK(contains(collab,
                 "  required_roles: [senior-leader, supervisor, clinician]\n  min_members: 3\n"
                 "  max_members: 8\n"));
  // Monthly consultation calls: a timed, recurring event until the end.
  const std::string& calls = find(files, "events/consultation-calls.yaml")->content;
  CHECK(contains(calls, "\nstart: 2027-02-19T12:00\nduration_minutes: 60\n"));
  CHECK(contains(calls, "  frequency: monthly  # weekly, biweekly or monthly\n  until: 2028-01-03\n"));
}

TEST_CASE("NCTSN dates clamp at the end of the month", "[init]") {
  // Start 2027-01-31: month 1 is clamped to Sun 2027-02-28, so LS1 moves to Mon 2027-03-01; month 5 is
  // Wed 2027-06-30; month 10 is Tue 2027-11-30; the end is 2028-01-31 less a day.
  auto result = scaffold(options("nctsn-learning-collaborative", "2027-01-31"));
  REQUIRE(result.ok());
  CHECK(contains(find(*result, "events/learning-session-1.yaml")->content,
                 "\nstart: 2027-03-01\nend: 2027-03-02\n"));
  CHECK(contains(find(*result, "events/learning-session-2.yaml")->content,
                 "\nstart: 2027-06-30\nend: 2027-07-01\n"));
  CHECK(contains(find(*result, "events/learning-session-3.yaml")->content,
                 "\nstart: 2027-11-30\nend: 2027-12-01\n"));
  CHECK(contains(result->front().content, "\nstart: 2027-01-31\nend: 2028-01-30\n"));
}

TEST_CASE("the name is escaped for YAML", "[init]") {
  Options o = options("breakthrough-series");
  o.name = "Say \"hi\": part #1 \\ done";
  auto result = scaffold(o);
  REQUIRE(result.ok());
  CHECK(contains(result->front().content, "\nname: \"Say \\\"hi\\\": part #1 \\\\ done\"\n"));
  CHECK(contains(result->front().content, "\nid: say-hi-part-1-done\n"));
  CHECK(find(*result, "README.md")->content.rfind("# Say \"hi\": part #1 \\ done\n", 0) == 0);

  o.name = "caf\xc3\xa9 \xe2\x80\x93 ok";  // UTF-8 is kept as is
  result = scaffold(o);
  REQUIRE(result.ok());
  CHECK(contains(result->front().content, "\nname: \"caf\xc3\xa9 \xe2\x80\x93 ok\"\n"));

  o.name = "line\xe2\x80\xa8separator";  // U+2028: a line break for YAML 1.1 readers, so escaped
  result = scaffold(o);
  REQUIRE(result.ok());
  CHECK(contains(result->front().content, "\nname: \"line\\u2028separator\"\n"));

  for (const char* bad :
       {"two\nlines", "tab\there", "bell\x07", "c1 \xc2\x85", "bad utf-8 \xc3", "", "   "}) {
    INFO(bad);
    o.name = bad;
    auto refused = scaffold(o);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == ErrorKind::usage);
  }
}

TEST_CASE("every template writes .gitignore and .gitattributes, with a comment header", "[init]") {
  for (const auto& name : collab::init::template_names()) {
    INFO(name);
    auto result = scaffold(options(name));
    REQUIRE(result.ok());
    const File* ignore = find(*result, ".gitignore");
    const File* attributes = find(*result, ".gitattributes");
    REQUIRE(ignore != nullptr);
    REQUIRE(attributes != nullptr);
    CHECK(ignore->content.rfind("# ", 0) == 0);
    CHECK(attributes->content.rfind("# ", 0) == 0);
    // What collab itself may leave behind: the temporary files of interrupted atomic writes.
    CHECK(contains(ignore->content, "\n.*.tmp\n"));
    // Nothing the collaborative is made of is ignored.
    CHECK_FALSE(contains(ignore->content, "\n*.yaml"));
    CHECK_FALSE(contains(ignore->content, "\n.collab/\n"));
    CHECK(contains(attributes->content, "\n*.yaml text eol=lf\n"));
    CHECK(contains(attributes->content, "\n*.csv -text\n"));
    // The same for every template and every option: no name, date or time zone in them.
    auto other = scaffold(Options{name, "Another", "other", "2030-06-03", "Europe/Paris"});
    REQUIRE(other.ok());
    CHECK(find(*other, ".gitignore")->content == ignore->content);
    CHECK(find(*other, ".gitattributes")->content == attributes->content);
    // README.md stays last; the git files come just before it.
    CHECK(result->back().path == "README.md");
  }
}
