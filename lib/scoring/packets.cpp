#include "scoring/packets.h"

#include "core/text.h"
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace collab::scoring {
namespace {

using namespace collab::model;

// FNV-1a, 64 bits: a stable, dependency-free hash (http://www.isthe.com/chongo/tech/comp/fnv/).
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string answer_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

std::string rubric_page(const Rubric& rubric) {
  std::string out = "# Review rubric\n\n";
  if (!rubric.gates.empty()) {
    out += "## Gates\n\nAnswer yes or no. An application must pass every gate to be ranked.\n\n";
    for (const auto& g : rubric.gates) {
      out += fmt::format("- **{}**: {}{}\n", g.id, g.question, g.rule ? " (decided from the application; no answer needed)" : "");
    }
    out += "\n";
  }
  out += "## Criteria\n\n";
  for (const auto& c : rubric.criteria) {
    out += fmt::format("### {} ({})\n\n", c.name, c.id);
    if (!c.description.empty()) out += c.description + "\n\n";
    out += fmt::format("Weight {:g}. Score from {:g} to {:g}.{}\n", c.weight, c.min, c.max,
                       c.automatic ? " Scored from the application's answers; reviewers do not score it." : "");
    std::vector<std::pair<double, std::string>> anchors;
    for (const auto& [score, text] : c.anchors) anchors.emplace_back(std::stod(score), score + ": " + text);
    std::sort(anchors.begin(), anchors.end());
    if (!anchors.empty()) out += "\n";
    for (const auto& a : anchors) out += "- " + a.second + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string redact(std::string text, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (name.size() < 3) continue;
    std::string hay = ascii_lower(text), needle = ascii_lower(name);
    std::string out;
    size_t from = 0;
    for (size_t at; (at = hay.find(needle, from)) != std::string::npos; from = at + needle.size()) {
      out += text.substr(from, at - from) + "[redacted]";
    }
    out += text.substr(from);
    text = std::move(out);
  }
  return text;
}

Packets blind_packets(const Project& project) {
  Packets packets;
  if (project.rubric) packets.files.push_back({"rubric.md", rubric_page(*project.rubric)});
  std::string salt = project.collaborative ? project.collaborative->id : std::string();
  for (const auto& eoi : project.eois) {
    if (eoi.status == "withdrawn") continue;
    uint64_t h = fnv1a(salt + "/" + eoi.id);
    std::string code;
    for (int digits = 4; code.empty() || packets.key.count(code); ++digits) {
      code = fmt::format("EOI-{:0{}x}", h & ((1ull << (4 * digits)) - 1), digits);
    }
    packets.key[code] = eoi.id;

    std::vector<std::string> names = {eoi.organization.name, eoi.organization.id, eoi.contact_name, eoi.contact_email,
                                      eoi.id, eoi.organization.region};
    for (size_t from = 0; from < eoi.organization.region.size();) {  // "Albuquerque, New Mexico": each part too
      size_t comma = std::min(eoi.organization.region.find(',', from), eoi.organization.region.size());
      std::string part = eoi.organization.region.substr(from, comma - from);
      part.erase(0, part.find_first_not_of(' '));
      names.push_back(part);
      from = comma + 1;
    }
    for (const auto& m : eoi.proposed_team) {
      names.push_back(m.name);
      names.push_back(m.email);
      // Family names alone too: "Dr. Ortiz will lead".
      if (auto space = m.name.rfind(' '); space != std::string::npos) names.push_back(m.name.substr(space + 1));
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

    std::string page = fmt::format("# Application {}\n\n", code);
    if (!eoi.organization.sector.empty()) page += fmt::format("Sector: {}\n\n", eoi.organization.sector);
    page += "## Answers\n\n";
    for (const auto& [question, answer] : eoi.answers) {
      page += fmt::format("**{}**\n\n{}\n\n", question, redact(answer_text(answer), names));
    }
    page += "## Proposed team\n\n";
    for (size_t i = 0; i < eoi.proposed_team.size(); ++i) {
      page += fmt::format("- Member {}: {}\n", i + 1, fmt::join(eoi.proposed_team[i].roles, ", "));
    }
    if (eoi.proposed_team.empty()) page += "None named.\n";
    page += fmt::format(
        "\nScore it with rubric.md; name the application {} in your review. Names of the applicant and its people\n"
        "are replaced by [redacted]; if the text still tells you who the applicant is and you have a conflict of\n"
        "interest, say so in your review.\n",
        code);
    packets.files.push_back({code + ".md", std::move(page)});
  }
  return packets;
}

}  // namespace collab::scoring
