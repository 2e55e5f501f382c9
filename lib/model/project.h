// A collaborative read from its folder: every YAML file found in the places of docs/format.md, parsed,
// checked against its schema and turned into the model. Loading never stops at the first problem: each
// unreadable or invalid file adds diagnostics and is left out of the model, the rest is loaded, so that
// `collab validate` can report everything at once.
#pragma once

#include "core/error.h"
#include "io/diagnostic.h"
#include "model/collaborative.h"

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace collab::model {

enum class FileKind { collaborative, rubric, organization, team, eoi, review, event, attendance, measure, data,
                      assessment, network, decisions, mapping, driver_diagram, pdsa, theory_of_change, survey, responses,
                      learning_agenda, outcome, product, resources };

const char* kind_name(FileKind kind);  // the schema's name: "team" for schemas/team.schema.json

// What a path inside the collaborative holds, from its place; nothing for a place collab does not know.
// `id` receives the ID the file name gives (for reviews: "<eoi>/<reviewer>").
std::optional<FileKind> classify(const std::string& relative_path, std::string* id = nullptr);

struct Project {
  std::filesystem::path root;
  std::string display_root;  // how the root is shown in messages: "" for the current folder
  size_t files_read = 0;     // YAML files found in known places, valid or not
  std::vector<std::unique_ptr<YamlDocument>> documents;

  std::optional<Collaborative> collaborative;
  std::optional<Rubric> rubric;
  std::optional<Decisions> decisions;
  std::vector<MappingFile> mappings;  // mappings/<id>.yaml, read by lib/enroll
  std::vector<Organization> organizations;
  std::vector<Team> teams;
  std::vector<Eoi> eois;
  std::vector<Review> reviews;
  std::vector<Event> events;
  std::vector<Attendance> attendance;
  std::vector<Measure> measures;
  std::vector<TeamData> data;
  std::vector<TeamAssessments> assessments;
  std::vector<NetworkWave> network;
  std::optional<DriverDiagram> driver_diagram;
  std::vector<PdsaCycle> cycles;  // sorted by team, then start, then id

  // Monitoring, evaluation and learning.
  std::optional<TheoryOfChange> theory_of_change;
  std::vector<Survey> surveys;
  std::vector<SurveyResponses> responses;  // one per survey that has any
  std::optional<LearningAgenda> learning_agenda;
  std::vector<OutcomeStatement> outcomes;
  std::vector<KnowledgeProduct> products;
  std::optional<Resources> resources;

  // Files that exist but could not be loaded (bad YAML, schema errors): their IDs, taken from their file
  // names, so that references to them are not reported a second time as "no such ...". When a team file
  // is unusable its member IDs may be unknown too: then member references cannot be checked.
  std::map<FileKind, std::set<std::string>> unusable;
  bool members_incomplete = false;
  // True as well for every ID of a kind this load did not read (`only`): a reference to it is taken as good.
  bool is_unusable(FileKind kind, const std::string& id) const;

  // The kinds of file read: none means every kind (load_project's `only`).
  std::optional<std::set<FileKind>> only;
  bool reads(FileKind kind) const { return !only || only->count(kind) > 0; }

  const Organization* find_organization(const std::string& id) const;
  const Team* find_team(const std::string& id) const;
  const Eoi* find_eoi(const std::string& id) const;
  const Event* find_event(const std::string& id) const;
  const Measure* find_measure(const std::string& id) const;
  const MappingFile* find_mapping(const std::string& id) const;
  // A change idea as a team's cycle sees it: the team's own first, then the change package's.
  const ChangeIdea* find_idea(const std::string& team, const std::string& id) const;
  const PdsaCycle* find_cycle(const std::string& team, const std::string& id) const;
  const Survey* find_survey(const std::string& id) const;
  const OutcomeStatement* find_outcome(const std::string& id) const;
  const KnowledgeProduct* find_product(const std::string& id) const;
  // A member of any team, or nullptr.
  const Member* find_member(const std::string& id) const;
  // The team a member belongs to, or nullptr.
  const Team* team_of_member(const std::string& member_id) const;

  // Positions by ID, so that the find_* lookups above are not linear (a national network has thousands of
  // teams, EOIs and members). load_project builds it; code that changes the vectors of a loaded Project
  // must call build_index() again. Without it (a Project made by hand) the lookups scan the vectors.
  // Where IDs repeat (an error validate reports), the first one is found, as a scan would.
  struct Index {
    bool built = false;
    std::unordered_map<std::string, size_t> organizations, teams, eois, events, measures, cycles, member_teams;
  } index;
  void build_index();
};

// A date given as a command's option (`option`: "--start"), for a change to the collaborative: it must be a
// date YYYY-MM-DD that exists and fall inside the collaborative's span; else ErrorKind::usage.
Result<Date> option_date(const Project& project, const std::string& text, const char* option);

// The path of a file of the collaborative as shown in messages.
std::string display_path(const std::string& display_root, const std::string& relative_path);

// Texts that stand in for files of the collaborative (relative path, '/'-separated -> the whole text): a
// file on disk is read as this text instead, a path not on disk is read as if it were there. A command that
// is about to write checks the collaborative as its change would leave it (lib/improvement).
using Overlay = std::map<std::string, std::string>;

// Reads every file of the collaborative at `root`, with `overlay`'s texts in place of (or beside) its files;
// with `only`, just the files of those kinds (a command that needs a few kinds: docs/cli.md). A kind not read
// is unknown, not empty: no check of it is made, and a reference to it is taken as good.
Project load_project(const std::filesystem::path& root, const std::string& display_root, Diagnostics& diags,
                     const Overlay& overlay = {}, const std::optional<std::set<FileKind>>& only = std::nullopt);

}  // namespace collab::model
