#include "metrics/data_import.h"

#include "core/text.h"
#include "io/yaml_edit.h"
#include "io/yaml_text.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace collab::metrics {

namespace {

struct Row {
  int line = 0, row = 0;
  std::string team, measure;
  ReportingPeriod period;
  model::Value value;
  std::optional<Date> submitted;
};

bool same(const model::Value& a, const model::Value& b) {
  return a.numerator == b.numerator && a.denominator == b.denominator && a.value == b.value && a.missing() == b.missing() &&
         a.note() == b.note();
}

// The YAML block of a value, at indent 0.
std::string value_block(const model::Value& v) {
  std::string out;
  if (v.numerator) out += "numerator: " + yaml_number(*v.numerator) + "\n";
  if (v.denominator) out += "denominator: " + yaml_number(*v.denominator) + "\n";
  if (v.value) out += "value: " + yaml_number(*v.value) + "\n";
  if (v.missing()) out += "missing: " + yaml_string(*v.missing()) + "\n";
  if (!v.note().empty()) out += "note: " + yaml_string(v.note()) + "\n";
  return out;
}

// "numerator 9, denominator 18", "value 30", "missing (Scheduler was down)", with the note.
std::string describe(const model::Value& v) {
  std::vector<std::string> parts;
  if (v.numerator) parts.push_back("numerator " + yaml_number(*v.numerator));
  if (v.denominator) parts.push_back("denominator " + yaml_number(*v.denominator));
  if (v.value) parts.push_back("value " + yaml_number(*v.value));
  if (v.missing()) parts.push_back("missing (" + *v.missing() + ")");
  if (!v.note().empty()) parts.push_back("note \"" + v.note() + "\"");
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string indent(const std::string& block, int n) {
  std::string pad(static_cast<size_t>(n), ' '), out;
  size_t start = 0;
  while (start < block.size()) {
    size_t end = block.find('\n', start);
    out += pad + block.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

DataImport import_data(const model::Project& p, const CsvTable& table, const std::string& csv_path, bool replace,
                       const std::optional<Date>& default_submitted) {
  DataImport out;
  auto col = [&](const char* name) { return table.column(name); };
  int c_team = col("team"), c_period = col("period"), c_measure = col("measure");
  int c_num = col("numerator"), c_den = col("denominator"), c_value = col("value"), c_missing = col("missing");
  int c_note = col("note"), c_submitted = col("submitted");
  for (auto [c, name] : {std::pair{c_team, "team"}, {c_period, "period"}, {c_measure, "measure"}}) {
    if (c < 0) {
      out.problems.error({csv_path, 1, 0}, fmt::format("the header has no column '{}' (columns: team, period, measure, "
                                                       "numerator, denominator, value, missing, note, submitted)", name));
    }
  }
  if (c_num < 0 && c_value < 0 && c_missing < 0) {
    out.problems.error({csv_path, 1, 0}, "the header has no column 'numerator', 'value' or 'missing'");
  }
  if (!out.problems.empty()) return out;

  std::vector<Row> rows;
  std::map<std::tuple<std::string, ReportingPeriod, std::string>, int> seen;
  for (const auto& rec : table.records) {
    ++out.rows;
    auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(rec.cells.size()) ? trim(rec.cells[c]) : std::string(); };
    bool bad = false;
    auto refuse = [&](int c, const std::string& why) {
      out.problems.error({csv_path, rec.line, 0}, fmt::format("row {}, column '{}': {}", rec.row, table.header[c], why));
      bad = true;
    };
    Row r;
    r.line = rec.line;
    r.row = rec.row;
    r.team = cell(c_team);
    r.measure = cell(c_measure);
    const model::Measure* m = p.find_measure(r.measure);
    if (r.team.empty()) refuse(c_team, "empty");
    else if (!p.find_team(r.team)) refuse(c_team, fmt::format("no team '{}' in teams/", r.team));
    if (r.measure.empty()) refuse(c_measure, "empty");
    else if (!m) refuse(c_measure, fmt::format("no measure '{}' in measures/", r.measure));
    // A month for a monthly measure, a week for a weekly one; a date is read as its month or its ISO week.
    std::string period_text = cell(c_period);
    bool weekly = m && m->weekly();
    std::optional<ReportingPeriod> period;
    std::optional<Date> day = period_text.size() == 10 ? parse_date(period_text) : std::nullopt;
    if (day) {
      period = weekly ? ReportingPeriod::week_of(*day) : ReportingPeriod(period_of(*day));
    } else {
      period = parse_reporting_period(period_text);
    }
    const auto* c = p.collaborative ? &*p.collaborative : nullptr;
    if (!period) {
      refuse(c_period, weekly ? fmt::format("'{}' is not a week (YYYY-Www) or a date", period_text)
                              : fmt::format("'{}' is not a month (YYYY-MM)", period_text));
    } else if (m && period->weekly != weekly) {
      refuse(c_period, weekly ? fmt::format("'{}' is reported weekly: {} is a month; give a week (YYYY-Www) or a date", m->id, period_text)
                              : fmt::format("'{}' is reported monthly: {} is a week; give a month (YYYY-MM)", m->id, period_text));
    } else if (c && c->start && c->end && !period->weekly &&
               (*period < period_of(*c->start) || *period > period_of(*c->end))) {
      refuse(c_period, fmt::format("{} is outside the collaborative ({} to {})", format_period(*period),
                                   format_period(period_of(*c->start)), format_period(period_of(*c->end))));
    } else if (c && c->start && c->end && period->weekly && (period->last_day() < *c->start || period->first_day() > *c->end)) {
      refuse(c_period, fmt::format("{} ({} to {}) is outside the collaborative ({} to {})", format_period(*period),
                                   format_date(period->first_day()), format_date(period->last_day()), format_date(*c->start),
                                   format_date(*c->end)));
    } else {
      r.period = *period;
    }
    auto number = [&](int c) -> std::optional<double> {
      std::string text = cell(c);
      if (text.empty()) return std::nullopt;
      auto v = finite_number(text);
      if (!v) refuse(c, fmt::format("'{}' is not a number", text));
      return v;
    };
    r.value.numerator = number(c_num);
    r.value.denominator = number(c_den);
    r.value.value = number(c_value);
    if (std::string missing = cell(c_missing); !missing.empty()) r.value.set_missing(missing);
    r.value.set_note(cell(c_note));
    if (std::string s = cell(c_submitted); !s.empty()) {
      r.submitted = parse_date(s);
      if (!r.submitted) refuse(c_submitted, fmt::format("'{}' is not a date (YYYY-MM-DD)", s));
    }
    if (!r.submitted) r.submitted = default_submitted;
    if (m && !bad) {
      bool ratio = m->type == "proportion" || m->type == "rate";
      const auto& v = r.value;
      int first_col = ratio ? (c_num >= 0 ? c_num : c_measure) : (c_value >= 0 ? c_value : c_measure);
      if (v.missing() && (v.numerator || v.denominator || v.value)) {
        refuse(c_missing, "a reason for a missing value, but the row has a value too");
      } else if (v.missing()) {
        // nothing more to check
      } else if (ratio && (v.value || !v.numerator || !v.denominator)) {
        refuse(first_col, fmt::format("'{}' is a {}: give numerator and denominator{}", m->id, m->type, v.value ? ", not value" : ""));
      } else if (!ratio && (v.numerator || v.denominator || !v.value)) {
        refuse(first_col, fmt::format("'{}' is a {}: give value{}", m->id, m->type, v.numerator || v.denominator ? ", not numerator and denominator" : ""));
      } else if (ratio && *v.numerator < 0) {
        refuse(c_num, fmt::format("{} is negative", yaml_number(*v.numerator)));
      } else if (ratio && *v.denominator < 0) {
        refuse(c_den, fmt::format("{} is negative", yaml_number(*v.denominator)));
      } else if (m->type == "proportion" && *v.numerator > *v.denominator) {
        refuse(c_num, fmt::format("numerator {} is greater than denominator {}", yaml_number(*v.numerator), yaml_number(*v.denominator)));
      } else if (m->type == "count" && (*v.value < 0 || std::floor(*v.value) != *v.value)) {
        refuse(c_value, fmt::format("'{}' is a count: {} is not a whole number of zero or more", m->id, yaml_number(*v.value)));
      }
    }
    if (bad) continue;
    auto key = std::make_tuple(r.team, r.period, r.measure);
    if (auto [it, fresh] = seen.emplace(key, rec.row); !fresh) {
      refuse(c_measure, fmt::format("team {}, period {} and measure {} are already in row {}", r.team, format_period(r.period), r.measure, it->second));
      continue;
    }
    rows.push_back(std::move(r));
  }
  if (!out.problems.empty()) return out;

  // Compare with the data on file, team by team.
  std::map<std::string, std::vector<const Row*>> by_team;
  for (const auto& r : rows) by_team[r.team].push_back(&r);
  for (const auto& [team, team_rows] : by_team) {
    const model::TeamData* existing = nullptr;
    for (const auto& d : p.data) {
      if (d.team == team) existing = &d;
    }
    std::optional<YamlEditor> editor;
    std::string path = existing ? existing->src.doc->relative : "data/" + team + ".yaml";
    std::string shown = existing ? existing->src.doc->path : model::display_path(p.display_root, path);
    if (existing) {
      std::ifstream in(p.root / existing->src.doc->relative, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto e = YamlEditor::parse(text.str(), shown);
      if (!e) {
        out.problems.error({shown, 0, 0}, e.error().message);
        continue;
      }
      editor.emplace(std::move(*e));
    } else {
      auto e = YamlEditor::parse("# yaml-language-server: $schema=../.collab/schemas/data.schema.json\n# Data of team " + team +
                                     ", imported by collab metrics import.\n\nteam: " + yaml_string(team) + "\n",
                                 shown);
      editor.emplace(std::move(*e));
    }
    bool changed = false;
    for (const Row* r : team_rows) {
      // The period's index in the file as it is now (earlier rows may have added it).
      const auto& periods = editor->json().contains("periods") && editor->json()["periods"].is_array() ? editor->json()["periods"]
                                                                                                        : nlohmann::json::array();
      int index = -1;
      for (size_t i = 0; i < periods.size(); ++i) {
        if (periods[i].value("period", std::string()) == format_period(r->period)) index = static_cast<int>(i);
      }
      Status s = Ok{};
      if (index < 0) {
        std::string item = "period: " + format_period(r->period) + "\n";
        if (r->submitted) item += "submitted: " + format_date(*r->submitted) + "\n";
        item += "values:\n" + indent(r->measure + ":\n" + indent(value_block(r->value), 2), 2);
        s = editor->append_item("/periods", item);
        ++out.added;
      } else {
        std::string base = fmt::format("/periods/{}", index);
        const auto& values = periods[static_cast<size_t>(index)].value("values", nlohmann::json::object());
        if (values.contains(r->measure)) {
          const auto& old = values[r->measure];
          model::Value v;
          if (old.contains("numerator")) v.numerator = old["numerator"].get<double>();
          if (old.contains("denominator")) v.denominator = old["denominator"].get<double>();
          if (old.contains("value")) v.value = old["value"].get<double>();
          if (old.contains("missing")) v.set_missing(old["missing"].get<std::string>());
          if (old.contains("note")) v.set_note(old["note"].get<std::string>());
          // A CSV without a note column says nothing about notes: the file's note stays.
          model::Value incoming = r->value;
          if (c_note < 0) incoming.set_note(v.note());
          if (same(v, incoming)) {
            ++out.unchanged;
            continue;
          }
          if (!replace) {
            out.problems.error({csv_path, r->line, 0},
                               fmt::format("row {}: {} has {} for {} as {}; --replace takes the CSV's", r->row, shown, r->measure,
                                           format_period(r->period), describe(v)));
            continue;
          }
          ++out.replaced;
        } else {
          ++out.added;
        }
        model::Value written = r->value;
        if (c_note < 0 && values.contains(r->measure) && values[r->measure].contains("note")) {
          written.set_note(values[r->measure]["note"].get<std::string>());
        }
        s = editor->set_block(base + "/values/" + r->measure, value_block(written));
        if (s && r->submitted && !periods[static_cast<size_t>(index)].contains("submitted")) {
          s = editor->set_scalar(base + "/submitted", format_date(*r->submitted));
        }
      }
      if (!s) {
        out.problems.error({csv_path, r->line, 0}, fmt::format("row {}: {}", r->row, s.error().message));
        continue;
      }
      changed = true;
    }
    if (changed) out.files.push_back({path, editor->text(), existing == nullptr});
  }
  if (!out.problems.empty()) out.files.clear();
  return out;
}

}  // namespace collab::metrics
