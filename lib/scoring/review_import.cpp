#include "scoring/review_import.h"

#include "core/text.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace collab::scoring {
namespace {

using namespace collab::model;

std::string clean(const std::string& s) { return trim(s); }

// Yes/no in the spellings spreadsheets and forms use.
std::optional<bool> yes_no(const std::string& cell) {
  static const std::set<std::string> yes = {"yes", "y", "true", "1", "x", "oui", "si", "sí"};
  static const std::set<std::string> no = {"no", "n", "false", "0", "non"};
  std::string v = trim_lower(cell);
  if (yes.count(v)) return true;
  if (no.count(v)) return false;
  return std::nullopt;
}

// YYYY-MM-DD, or M/D/YYYY as US spreadsheets write it.
std::optional<Date> spreadsheet_date(const std::string& cell) {
  std::string v = clean(cell);
  if (auto d = parse_date(v)) return d;
  unsigned m = 0, d = 0;
  int y = 0;
  char s1 = 0, s2 = 0;
  if (std::sscanf(v.c_str(), "%u%c%u%c%d", &m, &s1, &d, &s2, &y) == 5 && s1 == '/' && s2 == '/' && y > 999) {
    Date date{date::year{y}, date::month{m}, date::day{d}};
    if (date.ok()) return date;
  }
  return std::nullopt;
}

std::optional<double> number(const std::string& cell) { return finite_number(trim(cell)); }

}  // namespace

ReviewImport import_reviews(const CsvTable& table, const std::string& csv_path, const Project& project) {
  ReviewImport out;
  const int eoi_col = table.column("eoi"), reviewer_col = table.column("reviewer");
  if (eoi_col < 0 || reviewer_col < 0) {
    out.refused.error({csv_path, 1, 0}, "the header needs an 'eoi' and a 'reviewer' column");
    return out;
  }
  if (!project.rubric) {
    out.refused.error({csv_path, 1, 0}, "reviews need a rubric.yaml at the collaborative's root");
    return out;
  }
  const Rubric& rubric = *project.rubric;
  std::vector<std::pair<int, const Criterion*>> criteria;
  for (const auto& c : rubric.criteria) {
    int col = table.column(c.id);
    if (col < 0) col = table.column(c.name);
    if (col >= 0 && !c.automatic) criteria.emplace_back(col, &c);
  }
  std::vector<std::pair<int, const Gate*>> gates;
  for (const auto& g : rubric.gates) {
    int col = table.column("gate:" + g.id);
    if (col >= 0 && !g.rule) gates.emplace_back(col, &g);
  }
  const int submitted_col = table.column("submitted"), conflict_col = table.column("conflict"),
            comments_col = table.column("comments");
  std::set<std::string> in_file;

  for (const auto& rec : table.records) {
    Location where{csv_path, rec.line, 0};
    auto refuse = [&](const std::string& column, const std::string& why) {
      out.refused.error(where, fmt::format("row {}, column '{}': {}", rec.row, column, why));
    };
    std::string eoi = clean(rec.cells[eoi_col]), reviewer = clean(rec.cells[reviewer_col]);
    if (!project.find_eoi(eoi)) {
      refuse(table.header[eoi_col], eoi.empty() ? "no EOI given" : fmt::format("no EOI '{}' in eois/", eoi));
      continue;
    }
    if (!project.collaborative || !project.collaborative->find_faculty(reviewer)) {
      refuse(table.header[reviewer_col], fmt::format("'{}' is not in collab.yaml's faculty", reviewer));
      continue;
    }
    std::string rel = "reviews/" + eoi + "/" + reviewer + ".yaml";
    if (!in_file.insert(rel).second) {
      refuse(table.header[reviewer_col], fmt::format("a second review of {} by {} in this file", eoi, reviewer));
      continue;
    }
    std::error_code ec;
    if (std::filesystem::exists(project.root / rel, ec)) {
      out.skipped.emplace_back(rec.row, fmt::format("{} exists already", rel));
      continue;
    }

    bool ok = true;
    std::string body = fmt::format("eoi: {}\nreviewer: {}\n", eoi, reviewer);
    if (submitted_col >= 0 && !clean(rec.cells[submitted_col]).empty()) {
      auto d = spreadsheet_date(rec.cells[submitted_col]);
      if (!d) {
        refuse(table.header[submitted_col], fmt::format("'{}' is not a date (YYYY-MM-DD or M/D/YYYY)", clean(rec.cells[submitted_col])));
        continue;
      }
      body += fmt::format("submitted: {}\n", format_date(*d));
    }
    bool conflict = false;
    if (conflict_col >= 0 && !clean(rec.cells[conflict_col]).empty()) {
      auto c = yes_no(rec.cells[conflict_col]);
      if (!c) {
        refuse(table.header[conflict_col], fmt::format("'{}' is not yes or no", clean(rec.cells[conflict_col])));
        continue;
      }
      conflict = *c;
      if (conflict) body += "conflict: true\n";
    }
    std::string gate_lines, score_lines;
    for (const auto& [col, gate] : gates) {
      std::string cell = clean(rec.cells[col]);
      if (cell.empty()) continue;
      auto v = yes_no(cell);
      if (!v) {
        refuse(table.header[col], fmt::format("'{}' is not yes or no", cell));
        ok = false;
        break;
      }
      gate_lines += fmt::format("  {}: {}\n", gate->id, *v ? "true" : "false");
    }
    if (!ok) continue;
    for (const auto& [col, c] : criteria) {
      std::string cell = clean(rec.cells[col]);
      if (cell.empty()) continue;
      auto v = number(cell);
      if (!v || *v < c->min || *v > c->max) {
        refuse(table.header[col], fmt::format("'{}' is not a score from {} to {}", cell, yaml_number(c->min), yaml_number(c->max)));
        ok = false;
        break;
      }
      score_lines += fmt::format("  {}: {}\n", c->id, yaml_number(*v));
    }
    if (!ok) continue;
    if (!conflict && score_lines.empty()) {
      refuse(criteria.empty() ? table.header[reviewer_col] : table.header[criteria.front().first],
             "no criterion scored (and no conflict declared)");
      continue;
    }
    if (!gate_lines.empty()) body += "gates:\n" + gate_lines;
    if (!score_lines.empty()) body += "scores:\n" + score_lines;
    if (comments_col >= 0 && !clean(rec.cells[comments_col]).empty()) {
      body += "comments: " + yaml_string(clean(rec.cells[comments_col])) + "\n";
    }
    std::string content = fmt::format(
        "# yaml-language-server: $schema=../../.collab/schemas/review.schema.json\n"
        "# Imported by `collab score-eoi --import-reviews` from {}, row {}.\n{}",
        std::filesystem::path(csv_path).filename().string(), rec.row, body);
    out.added.push_back({eoi, reviewer, rel, std::move(content), rec.row});
  }
  return out;
}

}  // namespace collab::scoring
