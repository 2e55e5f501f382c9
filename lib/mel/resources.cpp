#include "mel/resources.h"

#include "mel/json_numbers.h"

#include <algorithm>
#include <cmath>

namespace collab::mel {

using nlohmann::json;
using detail::num;
using detail::opt_date;

Concentration concentration(const std::vector<const model::Funding*>& lines, double dominance) {
  Concentration c;
  std::map<std::string, FunderShare> by_funder;
  for (const auto* f : lines) {
    // A negative or non-finite amount cannot be a share of funding: the schema forbids it; skip it here.
    if (!std::isfinite(f->amount) || f->amount < 0) continue;
    auto& s = by_funder[f->funder];
    s.funder = f->funder;
    s.amount += f->amount;
    s.by_year[f->year] += f->amount;
    c.total += f->amount;
  }
  for (auto& [name, s] : by_funder) c.shares.push_back(std::move(s));
  std::stable_sort(c.shares.begin(), c.shares.end(), [](const FunderShare& a, const FunderShare& b) {
    if (a.amount != b.amount) return a.amount > b.amount;
    return a.funder < b.funder;
  });
  if (!(c.total > 0)) return c;
  double hhi = 0;
  for (auto& s : c.shares) {
    s.share = s.amount / c.total;
    hhi += *s.share * *s.share;
    if (s.amount > 0) ++c.funders;
  }
  c.hhi = hhi;
  c.hhi_10000 = hhi * 10000;
  c.effective_number = 1 / hhi;  // hhi >= 1/N > 0 when the total is positive
  if (c.funders > 1) {
    const double inv = 1.0 / c.funders;
    // HHI >= 1/N in exact arithmetic; floor at 0 what rounding may take below it (three equal shares).
    c.normalized_hhi = std::max(0.0, (hhi - inv) / (1 - inv));
  }
  c.largest = c.shares.front().funder;
  c.largest_share = c.shares.front().share;
  c.dominant = *c.largest_share > dominance;
  return c;
}

namespace {

void add(InKindTotal& t, const InKindValue& v) {
  ++t.entries;
  if (v.hours) t.hours += *v.hours;
  if (v.value) {
    t.value += *v.value;
  } else {
    ++t.unvalued;
  }
}

std::vector<InKindTotal> totals_by(const std::vector<InKindValue>& entries, std::string InKindValue::*key, bool with_team) {
  std::map<std::string, InKindTotal> m;
  for (const auto& e : entries) {
    auto& t = m[e.*key];
    t.key = e.*key;
    if (with_team) t.team = e.team;
    add(t, e);
  }
  std::vector<InKindTotal> out;
  for (auto& [k, t] : m) out.push_back(std::move(t));
  return out;
}

}  // namespace

ResourcesResult compute_resources(const model::Project& project) {
  ResourcesResult r;
  if (!project.resources) return r;
  const auto& res = *project.resources;
  r.present = true;
  r.currency = res.currency;

  r.funding.dominance = res.dominance;
  std::vector<const model::Funding*> all;
  std::map<int, std::vector<const model::Funding*>> years;
  for (const auto& f : res.funding) {
    all.push_back(&f);
    years[f.year].push_back(&f);
  }
  r.funding.overall = concentration(all, res.dominance);
  for (const auto& [year, lines] : years) r.funding.by_year[year] = concentration(lines, res.dominance);

  for (const auto& k : res.in_kind) {
    InKindValue v;
    v.member = k.member;
    if (const auto* t = project.team_of_member(k.member)) v.team = t->id;
    v.event = k.event;
    v.category = k.category;
    v.date = k.date;
    v.hours = k.hours;
    v.amount = k.amount;
    auto rate = res.rates.find(k.category);
    if (rate != res.rates.end()) v.rate = rate->second;
    if (k.amount) {
      v.value = *k.amount;
      v.basis = "amount";
    } else if (k.hours && v.rate) {
      v.value = *k.hours * *v.rate;
      v.basis = "hours";
    } else {
      v.unvalued = true;
    }
    add(r.in_kind.total, v);
    r.in_kind.entries.push_back(std::move(v));
  }
  r.in_kind.by_category = totals_by(r.in_kind.entries, &InKindValue::category, false);
  r.in_kind.by_member = totals_by(r.in_kind.entries, &InKindValue::member, true);
  r.in_kind.by_event = totals_by(r.in_kind.entries, &InKindValue::event, false);
  return r;
}

namespace {

json concentration_json(const Concentration& c) {
  json funders = json::array();
  for (const auto& s : c.shares) {
    json years = json::object();
    for (const auto& [y, a] : s.by_year) years[std::to_string(y)] = num(a);
    funders.push_back({{"funder", s.funder}, {"amount", num(s.amount)}, {"share", num(s.share)}, {"by_year", years}});
  }
  return {{"total", num(c.total)},
          {"funders", c.funders},
          {"hhi", num(c.hhi)},
          {"hhi_10000", num(c.hhi_10000)},
          {"effective_number", num(c.effective_number)},
          {"normalized_hhi", num(c.normalized_hhi)},
          {"largest", detail::opt_text(c.largest)},
          {"largest_share", num(c.largest_share)},
          {"dominant", c.dominant},
          {"by_funder", std::move(funders)}};
}

json total_json(const InKindTotal& t, const char* key_name, bool with_team) {
  json j = json::object();
  if (key_name) j[key_name] = detail::opt_text(t.key);
  if (with_team) j["team"] = detail::opt_text(t.team);
  j["value"] = num(t.value);
  j["hours"] = num(t.hours);
  j["entries"] = t.entries;
  j["unvalued"] = t.unvalued;
  return j;
}

}  // namespace

json to_json(const ResourcesResult& r) {
  if (!r.present) return nullptr;
  json years = json::array();
  for (const auto& [year, c] : r.funding.by_year) {
    json y = concentration_json(c);
    y["year"] = year;
    years.push_back(std::move(y));
  }
  json funding = {{"grouped_by", "funder name as written"}, {"dominance", num(r.funding.dominance)},
                  {"overall", concentration_json(r.funding.overall)}, {"by_year", std::move(years)}};
  json entries = json::array();
  for (const auto& e : r.in_kind.entries) {
    entries.push_back({{"member", e.member}, {"team", detail::opt_text(e.team)}, {"event", detail::opt_text(e.event)},
                       {"category", e.category}, {"date", opt_date(e.date)}, {"hours", num(e.hours)},
                       {"amount", num(e.amount)}, {"rate", num(e.rate)}, {"value", num(e.value)},
                       {"basis", detail::opt_text(e.basis)}, {"unvalued", e.unvalued}});
  }
  auto list = [](const std::vector<InKindTotal>& v, const char* key, bool team) {
    json a = json::array();
    for (const auto& t : v) a.push_back(total_json(t, key, team));
    return a;
  };
  json in_kind = {{"total", total_json(r.in_kind.total, nullptr, false)},
                  {"by_category", list(r.in_kind.by_category, "category", false)},
                  {"by_member", list(r.in_kind.by_member, "member", true)},
                  {"by_event", list(r.in_kind.by_event, "event", false)},
                  {"entries", std::move(entries)}};
  return {{"currency", r.currency}, {"funding", std::move(funding)}, {"in_kind", std::move(in_kind)}};
}

}  // namespace collab::mel
