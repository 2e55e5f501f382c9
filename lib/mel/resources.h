// Resources (resources.yaml): how concentrated the funding is, and what the members' in-kind contributions
// are worth. These are the product's definitions:
//
// Funding is grouped by funder name exactly as written ("NIH" and "N.I.H." are two funders): the figure
// depends on the grouping, so say which in any report. Over the funders with a positive total (N of them;
// funders that gave 0 are listed with share 0 and left out of N):
//   s_i = amount_i / total;  HHI = sum of s_i^2, from 1/N to 1, also given x 10,000 (0..10,000, the scale
//   of antitrust practice) (Rhoades 1993, "The Herfindahl-Hirschman index", Federal Reserve Bulletin);
//   effective number of funders = 1 / HHI (Laakso & Taagepera 1979);
//   normalized HHI = (HHI - 1/N) / (1 - 1/N), 0..1, null when N = 1;
//   largest funder (ties: by name) and its share; dominant = largest share > resources.dominance (0.5 by
//   default; strictly greater).
// The same per year. With a total of 0 every share and figure is null, dominant false.
//
// In-kind: an entry's value = its amount when given; else hours x rates[category]; else (hours without a
// rate for the category, or neither hours nor amount) null, and the entry is UNVALUED. When both hours and
// amount are given the amount wins and the hours still count in the hours totals. Totals by category, by
// member (with the member's team), by event (entries without an event under ""), and overall; a total adds
// the valued entries only, and counts the unvalued ones beside it.
#pragma once

#include "model/project.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::mel {

struct FunderShare {
  std::string funder;
  double amount = 0;
  std::optional<double> share;      // null when the total is 0
  std::map<int, double> by_year;    // year -> amount
};

struct Concentration {
  double total = 0;
  int funders = 0;                  // N: funders with a positive amount
  std::vector<FunderShare> shares;  // by amount descending, then name
  std::optional<double> hhi, hhi_10000, effective_number, normalized_hhi;
  std::string largest;              // empty when the total is 0
  std::optional<double> largest_share;
  bool dominant = false;
};

struct FundingResult {
  double dominance = 0.5;
  Concentration overall;
  std::map<int, Concentration> by_year;
};

struct InKindValue {
  std::string member, team, event, category;
  std::optional<Date> date;
  std::optional<double> hours, amount, rate, value;
  std::string basis;  // amount, hours, or empty when unvalued
  bool unvalued = false;
};

struct InKindTotal {
  std::string key;   // a category, member or event ("" for entries without an event)
  std::string team;  // by member: the member's team
  double value = 0;  // valued entries only
  double hours = 0;
  int entries = 0, unvalued = 0;
};

struct InKindResult {
  std::vector<InKindValue> entries;  // in the file's order
  InKindTotal total;                 // key empty
  std::vector<InKindTotal> by_category, by_member, by_event;  // by key
};

struct ResourcesResult {
  bool present = false;  // resources.yaml was loaded
  std::string currency;
  FundingResult funding;
  InKindResult in_kind;
};

// The concentration of a list of funding lines (any subset: one year's, or all).
Concentration concentration(const std::vector<const model::Funding*>& lines, double dominance);

ResourcesResult compute_resources(const model::Project& project);

nlohmann::json to_json(const ResourcesResult& r);

}  // namespace collab::mel
