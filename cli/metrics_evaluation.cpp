#include "metrics_evaluation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <string>

namespace collab::cli {
namespace {

std::string number(const std::optional<double>& v, int decimals = 1) { return v ? fmt::format("{:.{}f}", *v, decimals) : "-"; }
std::string percent(const std::optional<double>& v) { return v ? fmt::format("{:.0f}%", *v * 100) : "-"; }
// A target or value as written: 7, 2.5, 0.85.
std::string compact(const std::optional<double>& v) {
  if (!v) return "-";
  std::string s = fmt::format("{:.4f}", *v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// An amount of money or hours: whole when it is, else with cents; thousands grouped with commas.
std::string amount(double v) {
  bool whole = std::fabs(v - std::round(v)) < 0.005;
  std::string digits = whole ? fmt::format("{:.0f}", std::fabs(std::round(v))) : fmt::format("{:.2f}", std::fabs(v));
  size_t end = digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  for (size_t i = end; i > 3; i -= 3) digits.insert(i - 3, ",");
  return (v < 0 && digits != "0" ? "-" : "") + digits;
}

void trim_print(std::string line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  fmt::print("{}\n", line);
}

void print_group_counts(const std::string& label, const std::string& date, const mel::ResponseCounts& c) {
  trim_print(fmt::format("    {:<30} {:<10} {:>8} {:>8} {:>7} {:>9} {:>5} {:>5}{}", label, date, c.eligible, c.complete, c.partial,
                         c.break_off, percent(c.rr1), percent(c.rr2), c.over_eligible ? "  more responses than attended" : ""));
}

void print_items(const mel::FeedbackGroup& g) {
  fmt::print("    {:<30} {:>5} {:>5} {:>5} {:>6} {:>5}\n", "item", "level", "n", "mean", "top-2", "NPS");
  for (const auto& it : g.items) {
    std::string level = it.level ? std::to_string(*it.level) : "";
    if (it.type == "open") {
      trim_print(fmt::format("    {:<30} {:>5} {:>5}  open answers{}", it.item, level, it.n,
                             it.answers.empty() && it.n > 0 ? " (--open-answers prints them)" : ""));
      for (const auto& a : it.answers) fmt::print("      {} ({}): {}\n", a.response, a.event, a.text);
      continue;
    }
    std::string nps = it.nps ? fmt::format("{:+.0f}", *it.nps) : (it.type == "nps" ? "-" : "");
    trim_print(fmt::format("    {:<30} {:>5} {:>5} {:>5} {:>6} {:>5}{}", it.item, level, it.n, number(it.mean), percent(it.top2_box), nps,
                           it.off_scale ? fmt::format("  ({} off the scale, left out)", it.off_scale) : ""));
  }
  for (const auto& l : g.levels) {
    fmt::print("    Kirkpatrick level {}: {} item{}, mean top-2-box of its scale items {}\n", l.level, l.items, l.items == 1 ? "" : "s",
               percent(l.mean_top2_box));
  }
}

std::string counts(const std::map<std::string, int>& m) {
  std::vector<std::string> parts;
  for (const auto& [k, n] : m) parts.push_back(fmt::format("{} {}", k, n));
  return parts.empty() ? "-" : fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

void print_milestones(const mel::MilestonesResult& r) {
  if (!r.present) {
    fmt::print("Milestones\n  no theory-of-change.yaml yet\n");
    return;
  }
  fmt::print("Milestones ({} met, {} overdue, {} open)\n", r.met, r.overdue, r.open);
  fmt::print("  theory of change: review by {}{}{}\n", r.review_by ? format_date(*r.review_by) : "-",
             r.reviewed ? fmt::format(", last reviewed {}", format_date(*r.reviewed)) : "", r.review_overdue ? "  overdue" : "");
  if (r.milestones.empty()) return;
  fmt::print("  {:<26} {:<26} {:>8} {:>8} {:<10}  {}\n", "milestone", "outcome", "target", "actual", "by", "status");
  for (const auto& m : r.milestones) {
    std::string status = m.status == "met" && m.met ? fmt::format("met {}", format_date(*m.met))
                         : m.status == "overdue" && m.days_overdue ? fmt::format("overdue by {} day{}", *m.days_overdue, *m.days_overdue == 1 ? "" : "s")
                                                                   : m.status;
    fmt::print("  {:<26} {:<26} {:>8} {:>8} {:<10}  {}\n", m.id, m.outcome, compact(m.target), compact(m.actual),
               m.by ? format_date(*m.by) : "-", status);
  }
}

void print_contribution(const std::vector<mel::ClaimAssessment>& claims) {
  fmt::print("Contribution claims ({}; supported link: evidence and no open alternative explanation; collab counts, people judge)\n",
             claims.size());
  if (claims.empty()) {
    fmt::print("  no claim in theory-of-change.yaml yet\n");
    return;
  }
  for (const auto& c : claims) {
    fmt::print("  {} -> {}: evidence coverage {}, supported links {} of {}\n", c.id, c.outcome, percent(c.evidence_coverage),
               c.supported_links, c.links.size());
    fmt::print("    {:>4} {:<44} {:>8}  {}\n", "link", "from -> to", "evidence", "alternatives");
    for (const auto& l : c.links) {
      auto alt = [&](const char* status) {
        auto it = l.alternatives_by_status.find(status);
        return it == l.alternatives_by_status.end() ? 0 : it->second;
      };
      std::string alternatives = fmt::format("{} open, {} partly, {} ruled out", alt("open"), alt("partly"), alt("ruled-out"));
      std::string mark = l.supported ? "supported" : "not supported";
      if (c.weakest && *c.weakest == l.position) mark += fmt::format("; weakest ({})", c.weakest_by);
      fmt::print("    {:>4} {:<44} {:>8}  {:<28} {}\n", l.position, fmt::format("{} -> {}", l.from, l.to), l.evidence, alternatives, mark);
    }
  }
}

void print_feedback(const mel::FeedbackResult& r) {
  fmt::print("Feedback ({} survey{}; RR1 = complete / attended, RR2 = (complete + partial) / attended)\n", r.surveys.size(),
             r.surveys.size() == 1 ? "" : "s");
  if (r.surveys.empty()) {
    fmt::print("  no survey (surveys/) yet\n");
    return;
  }
  for (const auto& s : r.surveys) {
    fmt::print("  {}: {} ({} closed item{}; partial: at least {:.0f}% of them answered)\n", s.survey, s.name, s.closed_items,
               s.closed_items == 1 ? "" : "s", s.partial_at * 100);
    if (s.events.empty()) {
      fmt::print("    no response yet\n");
    } else {
      fmt::print("    {:<30} {:<10} {:>8} {:>8} {:>7} {:>9} {:>5} {:>5}\n", "event", "date", "attended", "complete", "partial",
                 "break-off", "RR1", "RR2");
      for (const auto& e : s.events) print_group_counts(e.event, e.date ? format_date(*e.date) : "-", e.feedback.counts);
      if (s.events.size() > 1) print_group_counts("(all events)", "", s.overall.counts);
      print_items(s.overall);
    }
    if (s.follow_up_days) {
      fmt::print("    follow-up {} days after each event, overdue {} days after that\n", *s.follow_up_days, s.window_days);
      fmt::print("    {:<30} {:<10} {:<10} {:<12} {}\n", "event", "ended", "due", "overdue from", "status");
      for (const auto& f : s.follow_ups) {
        trim_print(fmt::format("    {:<30} {:<10} {:<10} {:<12} {}{}", f.event, f.end ? format_date(*f.end) : "-",
                               f.due ? format_date(*f.due) : "-", f.closes ? format_date(add_days(*f.closes, 1)) : "-", f.status,
                               f.status == "done" ? fmt::format(" ({} response{})", f.responses, f.responses == 1 ? "" : "s") : ""));
      }
    }
  }
}

void print_agenda(const mel::AgendaResult& r) {
  if (!r.present) {
    fmt::print("Learning agenda\n  no learning-agenda.yaml yet\n");
    return;
  }
  fmt::print("Learning agenda ({}: {} ballot{}, {} voter{}{}; ties broken by groups, then voters, then ID)\n",
             r.method == "borda" ? "ranked ballots, Borda count" : "dot voting", r.ballots, r.ballots == 1 ? "" : "s", r.voters,
             r.voters == 1 ? "" : "s", r.method == "dots" ? fmt::format(", {} dots", r.dots_used) : "");
  fmt::print("  {:>4} {:<32} {:<9} {:>5} {:>6} {:>6} {:<10} {}\n", "rank", "topic", "status", "score", "voters", "groups", "tie-break",
             "events");
  for (const auto& t : r.topics) {
    trim_print(fmt::format("  {:>4} {:<32} {:<9} {:>5} {:>6} {:>6} {:<10} {}", t.rank, t.topic, t.status, t.score, t.voters, t.groups,
                           t.tie_broken_by.empty() ? "" : t.tie_broken_by, fmt::join(t.events, ", ")));
  }
  if (!r.dropped.empty()) fmt::print("  dropped: {}\n", fmt::join(r.dropped, ", "));
}

void print_resources(const mel::ResourcesResult& r) {
  if (!r.present) {
    fmt::print("Resources\n  no resources.yaml yet\n");
    return;
  }
  const auto& f = r.funding;
  fmt::print("Funding ({}; a funder with more than {:.0f}% of a year's funding dominates)\n", r.currency, f.dominance * 100);
  if (f.overall.shares.empty()) {
    fmt::print("  no funding recorded\n");
  } else {
    fmt::print("  {:<6} {:>12} {:>7} {:>6} {:>9} {:>10}  {}\n", "year", "total", "funders", "HHI", "effective", "normalized",
               "largest funder");
    auto row = [&](const std::string& year, const mel::Concentration& c) {
      trim_print(fmt::format("  {:<6} {:>12} {:>7} {:>6} {:>9} {:>10}  {}{}", year, amount(c.total), c.funders, number(c.hhi, 3),
                             number(c.effective_number, 2), number(c.normalized_hhi, 3),
                             c.largest.empty() ? "-" : fmt::format("{} ({})", c.largest, percent(c.largest_share)),
                             c.dominant ? "  dominant" : ""));
    };
    for (const auto& [year, c] : f.by_year) row(std::to_string(year), c);
    row("all", f.overall);
    fmt::print("  {:<40}", "funder");
    for (const auto& [year, c] : f.by_year) fmt::print(" {:>12}", year);
    fmt::print(" {:>12} {:>6}\n", "total", "share");
    for (const auto& s : f.overall.shares) {
      std::string line = fmt::format("  {:<40}", s.funder);
      for (const auto& [year, c] : f.by_year) {
        auto it = s.by_year.find(year);
        line += fmt::format(" {:>12}", it == s.by_year.end() ? "-" : amount(it->second));
      }
      fmt::print("{} {:>12} {:>6}\n", line, amount(s.amount), percent(s.share));
    }
  }
  const auto& k = r.in_kind;
  fmt::print("In-kind contributions ({}: hours valued at the rates of resources.yaml, or the amounts given)\n", r.currency);
  if (k.entries.empty()) {
    fmt::print("  none recorded\n");
    return;
  }
  fmt::print("  total {} from {} entr{}, {} hours{}\n", amount(k.total.value), k.total.entries, k.total.entries == 1 ? "y" : "ies",
             amount(k.total.hours), k.total.unvalued ? fmt::format("; {} without a value (no rate)", k.total.unvalued) : "");
  auto table = [&](const char* what, const std::vector<mel::InKindTotal>& rows, bool team) {
    fmt::print("  {:<30} {}{:>7} {:>7} {:>12}\n", what, team ? fmt::format("{:<24} ", "team") : "", "entries", "hours", "value");
    for (const auto& t : rows) {
      fmt::print("  {:<30} {}{:>7} {:>7} {:>12}\n", t.key.empty() ? "(no event)" : t.key, team ? fmt::format("{:<24} ", t.team) : "",
                 t.entries, amount(t.hours), amount(t.value));
    }
  };
  table("category", k.by_category, false);
  table("member", k.by_member, true);
  table("event", k.by_event, false);
}

}  // namespace collab::cli

namespace collab::cli {

void print_outcomes(const mel::HarvestResult& r) {
  fmt::print("Outcomes harvested ({}; substantiated: confirmed or partly by someone independent)\n", r.outcomes);
  if (r.outcomes == 0) {
    fmt::print("  no outcome statement (outcomes/) yet\n");
    return;
  }
  fmt::print("  by type: {}\n  by effect: {}; intended {}, unintended {}\n", counts(r.by_type), counts(r.by_effect), r.intended,
             r.unintended);
  fmt::print("  substantiated {} of {} ({}); {} with any substantiation, {} contested\n", r.substantiated, r.outcomes,
             percent(r.substantiated_share), r.with_substantiation, r.contested);
  if (!r.by_toc_outcome.empty()) fmt::print("  by theory-of-change outcome: {}\n", counts(r.by_toc_outcome));
  fmt::print("  {:<34} {:<12} {:<9} {:<10} {:<10} {}\n", "outcome", "type", "effect", "intended", "when", "substantiation");
  for (const auto& o : r.list) {
    fmt::print("  {:<34} {:<12} {:<9} {:<10} {:<10} {}\n", o.id, o.type, o.effect, o.intended ? "yes" : "no",
               o.when ? format_date(*o.when) : "-", o.substantiation);
  }
}

void print_products(const mel::ProductsResult& r) {
  fmt::print("Knowledge products ({})\n", r.products.size());
  if (r.products.empty()) {
    fmt::print("  no product (products/) yet\n");
    return;
  }
  fmt::print("  by type: {}; by status: {}\n", counts(r.by_type), counts(r.by_status));
  fmt::print("  {:<34} {:<11} {:<10} {:<10} {}\n", "product", "type", "status", "date", "cited by");
  for (const auto& k : r.products) {
    trim_print(fmt::format("  {:<34} {:<11} {:<10} {:<10} {}", k.id, k.type, k.status, k.date ? format_date(*k.date) : "-",
                           fmt::join(k.cited_by, ", ")));
  }
}

void print_membership(const mel::MembershipResult& r) {
  fmt::print("Membership (stage: {}; members active at each month's end, new and lapsed in it)\n", r.stage.empty() ? "not set" : r.stage);
  if (r.months.empty()) {
    fmt::print("  no month yet\n");
    return;
  }
  fmt::print("  {:<8} {:>6} {:>4} {:>6}\n", "month", "active", "new", "lapsed");
  for (const auto& m : r.months) fmt::print("  {:<8} {:>6} {:>4} {:>6}\n", format_period(m.month), m.active, m.joined, m.lapsed);
}

}  // namespace collab::cli
