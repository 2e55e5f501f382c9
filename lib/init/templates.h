// The templates of `collab init`: the files of a new collaborative, as text.
//
// A template is a ready-made design taken from the sources in docs/ (NCTSN learning collaborative, IHI
// Breakthrough Series, CHS action learning, R4D collaborative learning network, community of practice).
// scaffold() computes every date from the start date and returns the files' contents; it touches no disk:
// the caller writes them (atomically) and copies the schemas into `.collab/schemas/`.
//
// Invariants of the output: the same Options give the same bytes; every YAML file starts with its
// `# yaml-language-server: $schema=...` line, is commented, uses LF and a final newline, lists keys in
// the order of its schema's properties, validates against its schema and passes the cross-reference
// checks of docs/format.md (phases and events inside the collaborative's span, event -> phase,
// goal -> measure).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace collab::init {

struct Options {
  std::string template_name;  // one of template_names()
  std::string name;           // human name, e.g. "Trauma-Focused CBT Learning Collaborative 2027"
  std::string id;             // slug; when empty, derived from name by slugify()
  std::string start;          // YYYY-MM-DD
  std::string timezone;       // IANA name, already checked against the tz database by the caller
};

// A file of the new collaborative: path relative to its root, '/' separated.
struct File {
  std::string path;
  std::string content;
};

struct TemplateInfo {
  std::string name;
  std::string summary;
};

// The templates, in a fixed order (the order `collab init --help` lists them in).
const std::vector<TemplateInfo>& templates();
// Their names, in the same order.
std::vector<std::string> template_names();

// The files of a new collaborative, in a fixed order: collab.yaml, rubric.yaml (when the template has
// one), driver-diagram.yaml (QI templates), theory-of-change.yaml, learning-agenda.yaml and resources.yaml
// (cln), measures/*.yaml, events/*.yaml, surveys/*.yaml (cln), .gitignore, .gitattributes, README.md. Fails with
// ErrorKind::usage for an unknown template (the message lists the valid ones), a start that is not a
// valid YYYY-MM-DD date (or whose year is outside 1900-9990), an id that is not a slug, an empty name
// or one with control characters or invalid UTF-8, and a time zone that is not shaped like an IANA name.
Result<std::vector<File>> scaffold(const Options& options);

// collab::slugify (core/slug.h: accents folded, other runs of characters become one '-', at most 63
// characters), or "collaborative" when nothing is left. "Trauma-Focused CBT: 2027!" -> "trauma-focused-cbt-2027".
std::string slugify(std::string_view name);

}  // namespace collab::init
