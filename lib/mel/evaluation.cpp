#include "mel/evaluation.h"

#include "mel/json_numbers.h"

#include <algorithm>
#include <tuple>

namespace collab::mel {

using nlohmann::json;
using detail::num;
using detail::opt_date;
using detail::opt_text;

// ---- Outcome harvesting ----

std::string substantiation_status(const model::OutcomeStatement& o) {
  if (o.substantiations.empty()) return "none";
  bool supported = false, rejected = false;
  for (const auto& s : o.substantiations) {
    if (!s.independent) continue;
    if (s.verdict == "confirmed" || s.verdict == "partly") supported = true;
    if (s.verdict == "not-confirmed") rejected = true;
  }
  if (supported) return "substantiated";
  if (rejected) return "contested";
  return "unsubstantiated";  // none independent (another verdict cannot pass the schema)
}

HarvestResult harvest(const model::Project& project) {
  HarvestResult r;
  for (const char* t : {"behaviour", "relationship", "action", "policy", "practice"}) r.by_type[t] = 0;
  for (const char* e : {"positive", "negative"}) r.by_effect[e] = 0;
  if (project.theory_of_change) {
    for (const auto& n : project.theory_of_change->outcomes) r.by_toc_outcome[n.id] = 0;
  }
  for (const auto& o : project.outcomes) {
    ++r.outcomes;
    ++r.by_type[o.type];
    ++r.by_effect[o.effect];
    ++(o.intended ? r.intended : r.unintended);
    std::vector<std::string> seen;
    for (const auto& t : o.toc_outcomes) {
      if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
      seen.push_back(t);
      ++r.by_toc_outcome[t];
    }
    OutcomeSummary s;
    s.id = o.id;
    s.actor = o.actor;
    s.type = o.type;
    s.effect = o.effect;
    s.intended = o.intended;
    s.when = o.when;
    s.toc_outcomes = o.toc_outcomes;
    s.substantiations = static_cast<int>(o.substantiations.size());
    s.substantiation = substantiation_status(o);
    if (s.substantiations > 0) ++r.with_substantiation;
    if (s.substantiation == "substantiated") ++r.substantiated;
    if (s.substantiation == "contested") ++r.contested;
    r.list.push_back(std::move(s));
  }
  if (r.outcomes > 0) r.substantiated_share = static_cast<double>(r.substantiated) / r.outcomes;
  return r;
}

// ---- Contribution claims ----

namespace {

int count_of(const std::map<std::string, int>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

std::vector<ClaimAssessment> assess_claims(const model::Project& project) {
  std::vector<ClaimAssessment> out;
  if (!project.theory_of_change) return out;
  for (const auto& c : project.theory_of_change->claims) {
    ClaimAssessment a;
    a.id = c.id;
    a.claim = c.claim;
    a.outcome = c.outcome;
    for (size_t i = 0; i < c.links.size(); ++i) {
      const auto& l = c.links[i];
      LinkAssessment la;
      la.position = static_cast<int>(i) + 1;
      la.from = l.from;
      la.to = l.to;
      la.evidence = static_cast<int>(l.evidence.size());
      for (const auto& e : l.evidence) ++la.evidence_by_kind[e.kind];
      for (const auto& alt : l.alternatives) ++la.alternatives_by_status[alt.status];
      la.supported = la.evidence > 0 && count_of(la.alternatives_by_status, "open") == 0;
      if (la.evidence > 0) ++a.links_with_evidence;
      if (la.supported) ++a.supported_links;
      a.links.push_back(std::move(la));
    }
    if (!a.links.empty()) {
      const double n = static_cast<double>(a.links.size());
      a.evidence_coverage = a.links_with_evidence / n;
      a.supported_share = a.supported_links / n;
      // Weaker first: fewer pieces of evidence, more open alternatives, more partly ones, earlier position.
      auto key = [](const LinkAssessment& l) {
        return std::make_tuple(l.evidence, -count_of(l.alternatives_by_status, "open"),
                               -count_of(l.alternatives_by_status, "partly"), l.position);
      };
      const LinkAssessment* weakest = &a.links.front();
      for (const auto& l : a.links) {
        if (key(l) < key(*weakest)) weakest = &l;
      }
      a.weakest = weakest->position;
      if (a.links.size() == 1) {
        a.weakest_by = "only link";
      } else {
        // The deepest criterion that was needed to set it apart from every other link.
        int depth = 0;  // 0 evidence, 1 open, 2 partly, 3 position
        const auto w = key(*weakest);
        for (const auto& l : a.links) {
          if (&l == weakest) continue;
          const auto k = key(l);
          int d = 0;
          if (std::get<0>(k) != std::get<0>(w)) {
            d = 0;
          } else if (std::get<1>(k) != std::get<1>(w)) {
            d = 1;
          } else if (std::get<2>(k) != std::get<2>(w)) {
            d = 2;
          } else {
            d = 3;
          }
          depth = std::max(depth, d);
        }
        static const char* const kBy[] = {"evidence", "open", "partly", "position"};
        a.weakest_by = kBy[depth];
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

// ---- Knowledge products ----

ProductsResult summarize_products(const model::Project& project) {
  ProductsResult r;
  for (const auto& p : project.products) {
    ProductSummary s;
    s.id = p.id;
    s.title = p.title;
    s.type = p.type;
    s.status = p.status;
    s.url = p.url;
    s.date = p.date;
    s.authors = p.authors;
    s.events = p.events;
    for (const auto& o : project.outcomes) {
      if (std::find(o.products.begin(), o.products.end(), p.id) != o.products.end()) s.cited_by.push_back(o.id);
    }
    ++r.by_type[p.type];
    ++r.by_status[p.status];
    r.products.push_back(std::move(s));
  }
  return r;
}

// ---- Milestones ----

MilestonesResult milestone_status(const model::Project& project, const Date& as_of) {
  MilestonesResult r;
  if (!project.theory_of_change) return r;
  const auto& toc = *project.theory_of_change;
  r.present = true;
  r.review_by = toc.review_by;
  r.reviewed = toc.reviewed;
  r.review_overdue = toc.review_by && as_of > *toc.review_by && !(toc.reviewed && *toc.reviewed >= *toc.review_by);
  for (const auto& m : toc.milestones) {
    MilestoneStatus s;
    s.id = m.id;
    s.outcome = m.outcome;
    s.indicator = m.indicator;
    s.measure = m.measure;
    s.unit = m.unit;
    s.target = m.target;
    s.actual = m.actual;
    s.by = m.by;
    s.met = m.met;
    if (m.met) {
      s.status = "met";
      ++r.met;
    } else if (m.by && as_of > *m.by) {
      s.status = "overdue";
      s.days_overdue = detail::days_between(*m.by, as_of);
      ++r.overdue;
    } else {
      s.status = "open";
      ++r.open;
    }
    r.milestones.push_back(std::move(s));
  }
  return r;
}

// ---- Membership over time ----

MembershipResult membership(const model::Project& project, const Date& as_of) {
  MembershipResult r;
  if (!project.collaborative) return r;
  const auto& c = *project.collaborative;
  r.stage = c.design.stage;
  if (!c.start) return r;
  Period first = period_of(*c.start);
  Period last = period_of(as_of);
  if (c.end && period_of(*c.end) < last) last = period_of(*c.end);
  if (last < first) return r;

  struct Span {
    Date start;
    std::optional<Date> end;
  };
  std::vector<Span> spans;
  for (const auto& t : project.teams) {
    std::optional<Date> withdrawn;
    if (t.status == "withdrawn" && t.withdrawal && t.withdrawal->date) withdrawn = t.withdrawal->date;
    for (const auto& m : t.members) {
      Span s{m.joined ? *m.joined : t.joined ? *t.joined : *c.start, m.left ? m.left : withdrawn};
      spans.push_back(s);
    }
  }
  for (Period p = first; p <= last; p += date::months{1}) {
    const Date first_day = p / 1;
    const Date last_day = p / date::last;
    MembershipMonth mm;
    mm.month = p;
    for (const auto& s : spans) {
      if (s.start <= last_day && (!s.end || *s.end > last_day)) ++mm.active;
      if (s.start >= first_day && s.start <= last_day) ++mm.joined;
      if (s.end && *s.end >= first_day && *s.end <= last_day) ++mm.lapsed;
    }
    r.months.push_back(mm);
  }
  return r;
}

EvaluationResult compute_evaluation(const model::Project& project, const Date& as_of) {
  EvaluationResult r;
  r.as_of = as_of;
  r.outcomes = harvest(project);
  r.claims = assess_claims(project);
  r.products = summarize_products(project);
  r.milestones = milestone_status(project, as_of);
  r.membership = membership(project, as_of);
  return r;
}

// ---- JSON ----

json to_json(const HarvestResult& r) {
  json list = json::array();
  for (const auto& o : r.list) {
    list.push_back({{"id", o.id}, {"actor", o.actor}, {"type", o.type}, {"effect", o.effect}, {"intended", o.intended},
                    {"when", opt_date(o.when)}, {"toc_outcomes", o.toc_outcomes}, {"substantiations", o.substantiations},
                    {"substantiation", o.substantiation}});
  }
  return {{"outcomes", r.outcomes},
          {"by_type", r.by_type},
          {"by_effect", r.by_effect},
          {"intended", r.intended},
          {"unintended", r.unintended},
          {"by_toc_outcome", r.by_toc_outcome},
          {"with_substantiation", r.with_substantiation},
          {"substantiated", r.substantiated},
          {"contested", r.contested},
          {"substantiated_share", num(r.substantiated_share)},
          {"list", std::move(list)}};
}

json to_json(const std::vector<ClaimAssessment>& claims) {
  json out = json::array();
  for (const auto& c : claims) {
    json links = json::array();
    for (const auto& l : c.links) {
      links.push_back({{"position", l.position}, {"from", l.from}, {"to", l.to}, {"evidence", l.evidence},
                       {"evidence_by_kind", l.evidence_by_kind}, {"alternatives_by_status", l.alternatives_by_status},
                       {"supported", l.supported}});
    }
    out.push_back({{"id", c.id}, {"claim", c.claim}, {"outcome", c.outcome}, {"links", std::move(links)},
                   {"links_with_evidence", c.links_with_evidence}, {"supported_links", c.supported_links},
                   {"evidence_coverage", num(c.evidence_coverage)}, {"supported_share", num(c.supported_share)},
                   {"weakest_link", detail::opt_int(c.weakest)}, {"weakest_by", opt_text(c.weakest_by)}});
  }
  return out;
}

json to_json(const ProductsResult& r) {
  json list = json::array();
  for (const auto& p : r.products) {
    list.push_back({{"id", p.id}, {"title", p.title}, {"type", p.type}, {"status", p.status}, {"date", opt_date(p.date)},
                    {"authors", p.authors}, {"events", p.events}, {"url", opt_text(p.url)}, {"cited_by", p.cited_by}});
  }
  return {{"by_type", r.by_type}, {"by_status", r.by_status}, {"products", std::move(list)}};
}

json to_json(const MilestonesResult& r) {
  if (!r.present) return nullptr;
  json list = json::array();
  for (const auto& m : r.milestones) {
    list.push_back({{"id", m.id}, {"outcome", m.outcome}, {"indicator", m.indicator}, {"measure", opt_text(m.measure)},
                    {"unit", opt_text(m.unit)}, {"target", num(m.target)}, {"actual", num(m.actual)}, {"by", opt_date(m.by)},
                    {"met", opt_date(m.met)}, {"status", m.status}, {"days_overdue", detail::opt_int(m.days_overdue)}});
  }
  return {{"milestones", std::move(list)},
          {"met", r.met},
          {"overdue", r.overdue},
          {"open", r.open},
          {"review", {{"review_by", opt_date(r.review_by)}, {"reviewed", opt_date(r.reviewed)}, {"overdue", r.review_overdue}}}};
}

json to_json(const MembershipResult& r) {
  json months = json::array();
  for (const auto& m : r.months) {
    months.push_back({{"month", format_period(m.month)}, {"active", m.active}, {"new", m.joined}, {"lapsed", m.lapsed}});
  }
  return {{"stage", opt_text(r.stage)}, {"months", std::move(months)}};
}

json to_json(const EvaluationResult& r) {
  return {{"as_of", format_date(r.as_of)},          {"outcomes", to_json(r.outcomes)},
          {"claims", to_json(r.claims)},             {"products", to_json(r.products)},
          {"milestones", to_json(r.milestones)},     {"membership", to_json(r.membership)}};
}

}  // namespace collab::mel
