// Blind review packets: one Markdown page per EOI for reviewers, without the applicant's identity. The
// organization's name and ID, its region (and each comma-separated part of it) and country, the contact and
// the proposed members' names (and family names) and emails are left out, and wherever an answer names any
// of them the name is replaced by [redacted]. Free text can still identify an applicant in other words:
// the packets say so. Each
// EOI gets a code (EOI-xxxx, from a hash of the collaborative's and the EOI's IDs: stable across runs,
// not in alphabetical order); the key from code to EOI goes to the program team, not into the packets.
// A rubric page shows reviewers the gates, the criteria and their anchors.
#pragma once

#include "model/project.h"

#include <map>
#include <string>
#include <vector>

namespace collab::scoring {

struct PacketFile {
  std::string path;  // relative to the packets folder
  std::string content;
};

struct Packets {
  std::vector<PacketFile> files;           // rubric.md, then one <code>.md per EOI
  std::map<std::string, std::string> key;  // code -> EOI ID
};

// Every EOI but the withdrawn ones.
Packets blind_packets(const model::Project& project);

// Replaces every occurrence of each name (ignoring ASCII case; names shorter than 3 characters are kept).
std::string redact(std::string text, const std::vector<std::string>& names);

}  // namespace collab::scoring
