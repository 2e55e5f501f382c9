// EOIs from an online form's CSV export: `collab enroll import`'s library. A mapping (mappings/<id>.yaml,
// schemas/mapping.schema.json) says which column fills which EOI field and how its cells are read (the
// readers of enroll/form.h); each good row becomes eois/<id>.yaml, returned as text for the caller to
// write. Like the reviews' import (scoring/review_import.h): nothing is ever overwritten, a row already
// imported is skipped (matched by its identity key, kept in the EOI's `source`), so importing a longer
// export of the same form adds only the new responses, and a bad row is refused with its row and column
// while the good rows are still imported. The output is deterministic.
#pragma once

#include "enroll/form.h"
#include "io/csv_read.h"
#include "io/diagnostic.h"
#include "model/project.h"

#include <nlohmann/json.hpp>

#include <optional>

#include <string>
#include <utility>
#include <vector>

namespace collab::enroll {

// One entry of the mapping's `fields`.
struct FieldMap {
  std::string field;   // submitted, organization.<name|region|country|sector|timezone|website>,
                       // contact.<name|email>, proposed_team or answers.<id>
  std::string column;  // the header, compared ignoring case and surrounding spaces
  std::string type;    // text, number, yes-no, likert, choices, date, timestamp, team, slug; "" = the
                       // field's default: timestamp for submitted, team for proposed_team, text otherwise
  std::vector<std::string> options;  // likert and choices: the answers allowed, as written in the EOI
  bool required = false;             // an empty cell refuses the row
};

struct Mapping {
  std::string id;
  DateOrder date_order = DateOrder::mdy;
  std::vector<std::string> identity;  // field names (as in `fields`) whose values identify a response
  std::vector<FieldMap> fields;
};

// The mapping from a mappings/<id>.yaml document that passed mapping.schema.json (read_mapping does not
// check it again, but never throws: what is missing or of another type is left at its default). A field
// without `type` gets its default (see FieldMap::type).
Mapping read_mapping(const nlohmann::json& validated);

// Checks a mapping against an export's header; returns the problems, in the mapping's order (empty when
// it can be used):
//   field 'contact.email': no column 'E-mail' in the header (the closest is 'Email address')
//   field 'answers.x' is mapped twice
//   field 'submitted': type number cannot fill it (use date or timestamp)
//   field 'answers.readiness': type likert needs options
//   identity 'contact.mail' is not one of the mapping's fields
//   identity 'proposed_team': a team cannot identify a response
//   the mapping names no identity fields
//   organization.name is not mapped: every EOI needs it           (and contact.email)
//   field 'organization.website': eoi.schema.json has no organization.website: map the column to
//     answers.website instead                                       (only while the schema lacks it)
// The other fields the EOI schema requires (submitted, organization.country, organization.timezone,
// contact.name) are not required here: rows are refused when they lack them (import_eois).
std::vector<std::string> check_mapping(const Mapping& mapping, const CsvTable& table);

struct NewEoi {
  std::string id;
  std::string path;     // relative to the collaborative's root: eois/<id>.yaml
  std::string content;  // the YAML to write
  int row = 0;          // the CSV data row (1 = the first row after the header)
  std::string key;      // the identity key, as written in source.key
};

struct EoiImport {
  std::vector<NewEoi> added;
  std::vector<std::pair<int, std::string>> skipped;  // row, why: "present as eois/x.yaml", "same
                                                      // response as row 3", "empty row", Qualtrics' header rows
  Diagnostics refused;  // one error per refused row, at {csv_path, the record's line, 0}:
                        // "row 4, column 'Email address': 'ana@' is not an email address";
                        // and the check_mapping problems at {csv_path, 1, 0}, when there are any (then
                        // no row is read)
};

// Reads every data row of `table` (read from `csv_path`, shown in messages as given) with `mapping`.
//
// A row's identity key is its identity fields' canonical values joined by " | ": timestamps as
// YYYY-MM-DDTHH:MM:SS, dates as YYYY-MM-DD, emails lower-cased, text trimmed, options as written in the
// mapping, choices as "A; B", numbers as yaml_number writes them, yes-no as true/false. A row is skipped
// when an EOI file whose source.mapping is this mapping's ID has the same source.key (EOI files that fail
// their schema are read for their source too), or when an earlier row of this file was added with it.
//
// A row is refused (one diagnostic, and the other rows go on) for: an empty identity cell; an empty cell
// in a `required` field or in one the EOI schema requires (submitted, organization.name / country /
// timezone, contact.name / email) or such a field not mapped at all; a cell its type cannot read (date,
// timestamp, number, yes-no); an answer not among `options`; a malformed email; an unknown time zone; a
// bad team entry; a text longer than 20000 characters.
//
// The EOI's ID is slugify(organization name) ("eoi" when that gives nothing), made unique against the
// EOI files present (loaded or not, .yaml or .yml) and the rows added before by appending -2, -3... (cut
// to 63 characters); it is never taken from the input as is. organization.sector is always written as a
// slug (slugify). A submitted of type timestamp gives its date to `submitted` and its date and time to
// the key. choices answers are written as one text "A; B". A proposed team member without a role gets
// the role "member". An unmapped or empty proposed_team is written `proposed_team: []`.
//
// The content follows eoi.schema.json's property order (id, submitted, organization {name, region,
// country, sector, timezone, website}, contact {name, email}, answers (in the mapping's order),
// proposed_team [{name, roles, email}], status: submitted, source {mapping, key, row}), starts with the
// `# yaml-language-server: $schema=../.collab/schemas/eoi.schema.json` line and a comment naming the
// mapping, the CSV file's name and the row, uses 2-space indents, LF and a final newline, and spells every
// scalar through yaml_string / yaml_number.
//
// Qualtrics exports have 3 header rows (internal IDs, question texts, {"ImportId": ...}): when one of the
// first two data rows holds an {"ImportId" cell, it and the rows before it are skipped as header rows, so
// map Qualtrics columns by their first header row (Q1, Q2, StartDate...).
EoiImport import_eois(const CsvTable& table, const std::string& csv_path, const Mapping& mapping,
                      const model::Project& project);

struct EoiSource {
  std::string mapping, key;
  int row = 0;
};

// An EOI file's fields, ready to write: text as it should read (spelled by eoi_text), answers as YAML
// scalars already spelled (yaml_string / yaml_number / true / false).
struct EoiFields {
  std::string comment;  // one line, after the schema line
  std::string id, submitted;
  std::vector<std::pair<std::string, std::string>> organization;  // name, region, country, sector, timezone, website; empty skipped
  std::string contact_name, contact_email;
  std::vector<std::pair<std::string, std::string>> answers;
  std::vector<TeamEntry> team;
  std::string status = "submitted";
  std::optional<EoiSource> source;
};

// eois/<id>.yaml's text, keys in eoi.schema.json's order.
std::string eoi_text(const EoiFields& fields);

}  // namespace collab::enroll
