#include "mel/feedback.h"

#include "mel/json_numbers.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace collab::mel {

using nlohmann::json;
using detail::num;
using detail::opt_date;
using detail::opt_int;

namespace {

bool closed(const model::SurveyItem& item) { return item.type == "scale" || item.type == "nps"; }

// The point a closed item's answer stands on, or nothing when it is off the scale.
std::optional<int> point(const model::SurveyItem& item, const json& answer) {
  if (!answer.is_number()) return std::nullopt;
  const double v = answer.get<double>();
  if (!std::isfinite(v) || v != std::floor(v) || v < item.min || v > item.max) return std::nullopt;
  return static_cast<int>(v);
}

const json* answer_to(const model::SurveyResponse& r, const std::string& item) {
  for (const auto& [id, a] : r.answers) {
    if (id == item) return &a;
  }
  return nullptr;
}

enum class Kind { complete, partial, break_off };

Kind classify(const model::Survey& s, const model::SurveyResponse& r) {
  int closed_items = 0, answered = 0;
  for (const auto& item : s.items) {
    if (!closed(item)) continue;
    ++closed_items;
    const json* a = answer_to(r, item.id);
    if (a && point(item, *a)) ++answered;
  }
  if (answered == closed_items) return Kind::complete;
  // A small tolerance so that 3 of 10 reaches partial_at 0.3 whatever the rounding of 3.0 / 10.0.
  if (static_cast<double>(answered) / closed_items >= s.partial_at - 1e-9) return Kind::partial;
  return Kind::break_off;
}

ItemStats item_stats(const model::SurveyItem& item, const std::vector<const model::SurveyResponse*>& responses,
                     bool include_open) {
  ItemStats st;
  st.item = item.id;
  st.text = item.text;
  st.type = item.type;
  st.min = item.min;
  st.max = item.max;
  st.level = item.level;
  if (!closed(item)) {
    for (const auto* r : responses) {
      const json* a = answer_to(*r, item.id);
      if (!a || !a->is_string()) continue;
      ++st.n;
      if (include_open) st.answers.push_back({r->id, r->event, a->get<std::string>()});
    }
    return st;
  }
  if (item.max >= item.min) st.distribution.assign(static_cast<size_t>(item.max - item.min + 1), 0);
  double sum = 0;
  int top2 = 0;
  for (const auto* r : responses) {
    const json* a = answer_to(*r, item.id);
    if (!a) continue;
    const auto p = point(item, *a);
    if (!p) {
      ++st.off_scale;
      continue;
    }
    ++st.n;
    sum += *p;
    ++st.distribution[static_cast<size_t>(*p - item.min)];
    if (*p >= item.max - 1) ++top2;
    if (item.type == "nps") {
      if (*p >= 9) {
        ++st.promoters;
      } else if (*p >= 7) {
        ++st.passives;
      } else {
        ++st.detractors;
      }
    }
  }
  if (st.n > 0) {
    st.mean = sum / st.n;
    st.top2_box = static_cast<double>(top2) / st.n;
    if (item.type == "nps") st.nps = 100.0 * (st.promoters - st.detractors) / st.n;
  }
  return st;
}

std::vector<LevelSummary> levels(const std::vector<ItemStats>& items) {
  std::vector<LevelSummary> out;
  for (int level = 1; level <= 4; ++level) {
    LevelSummary ls;
    ls.level = level;
    double sum = 0;
    for (const auto& it : items) {
      if (it.level != level) continue;
      ++ls.items;
      if (it.type == "scale" && it.top2_box) {
        ++ls.scale_items;
        sum += *it.top2_box;
      }
    }
    if (ls.items == 0) continue;
    if (ls.scale_items > 0) ls.mean_top2_box = sum / ls.scale_items;
    out.push_back(ls);
  }
  return out;
}

void set_rates(ResponseCounts& c) {
  if (c.eligible <= 0) return;
  c.rr1 = static_cast<double>(c.complete) / c.eligible;
  c.rr2 = static_cast<double>(c.complete + c.partial) / c.eligible;
  c.over_eligible = c.complete + c.partial > c.eligible;
}

FeedbackGroup group(const model::Survey& s, const std::vector<const model::SurveyResponse*>& all, int eligible,
                    bool include_open) {
  FeedbackGroup g;
  std::vector<const model::SurveyResponse*> counted;
  for (const auto* r : all) {
    switch (classify(s, *r)) {
      case Kind::complete: ++g.counts.complete; counted.push_back(r); break;
      case Kind::partial: ++g.counts.partial; counted.push_back(r); break;
      case Kind::break_off: ++g.counts.break_off; break;
    }
  }
  g.counts.eligible = eligible;
  set_rates(g.counts);
  for (const auto& item : s.items) g.items.push_back(item_stats(item, counted, include_open));
  g.levels = levels(g.items);
  return g;
}

}  // namespace

int eligible_for_event(const model::Project& project, const std::string& event) {
  std::set<std::string> present;
  int guests = 0;
  for (const auto& a : project.attendance) {
    if (a.event != event) continue;
    present.insert(a.present.begin(), a.present.end());
    guests += std::max(a.guests, 0);
  }
  return static_cast<int>(present.size()) + guests;
}

SurveyFeedback survey_feedback(const model::Project& project, const model::Survey& survey, const Date& as_of,
                               bool include_open) {
  SurveyFeedback out;
  out.survey = survey.id;
  out.name = survey.name;
  out.partial_at = survey.partial_at;
  out.follow_up_days = survey.follow_up_days;
  out.window_days = survey.window_days;
  for (const auto& item : survey.items) out.closed_items += closed(item) ? 1 : 0;

  std::vector<const model::SurveyResponse*> all;
  std::map<std::string, std::vector<const model::SurveyResponse*>> by_event;
  for (const auto& file : project.responses) {
    if (file.survey != survey.id) continue;
    for (const auto& r : file.responses) {
      all.push_back(&r);
      by_event[r.event].push_back(&r);
    }
  }

  int eligible = 0;
  for (const auto& [event, responses] : by_event) {
    EventFeedback ef;
    ef.event = event;
    if (const auto* e = project.find_event(event)) ef.date = e->start_date();
    const int n = eligible_for_event(project, event);
    eligible += n;
    ef.feedback = group(survey, responses, n, include_open);
    out.events.push_back(std::move(ef));
  }
  std::stable_sort(out.events.begin(), out.events.end(), [](const EventFeedback& a, const EventFeedback& b) {
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    if (a.date && *a.date != *b.date) return *a.date < *b.date;
    return a.event < b.event;
  });
  out.overall = group(survey, all, eligible, include_open);

  if (survey.follow_up_days) {
    for (const auto& event : survey.events) {
      FollowUp f;
      f.event = event;
      auto it = by_event.find(event);
      f.responses = it == by_event.end() ? 0 : static_cast<int>(it->second.size());
      if (const auto* e = project.find_event(event)) f.end = e->end_date();
      if (f.end) {
        f.due = add_days(*f.end, *survey.follow_up_days);
        f.closes = add_days(*f.due, survey.window_days);
      }
      if (f.responses > 0) {
        f.status = "done";
      } else if (!f.due) {
        f.status = "unknown";
      } else if (as_of < *f.due) {
        f.status = "upcoming";
      } else if (as_of <= *f.closes) {
        f.status = "due";
      } else {
        f.status = "overdue";
      }
      out.follow_ups.push_back(std::move(f));
    }
  }
  return out;
}

FeedbackResult compute_feedback(const model::Project& project, const Date& as_of, bool include_open) {
  FeedbackResult r;
  r.as_of = as_of;
  r.include_open = include_open;
  for (const auto& s : project.surveys) r.surveys.push_back(survey_feedback(project, s, as_of, include_open));
  return r;
}

namespace {

json counts_json(const ResponseCounts& c) {
  return {{"complete", c.complete}, {"partial", c.partial}, {"break_off", c.break_off}, {"eligible", c.eligible},
          {"rr1", num(c.rr1)},       {"rr2", num(c.rr2)},         {"over_eligible", c.over_eligible}};
}

json item_json(const ItemStats& it, bool include_open) {
  json j = {{"item", it.item}, {"text", it.text}, {"type", it.type}, {"level", opt_int(it.level)}, {"n", it.n}};
  if (it.type == "open") {
    if (include_open) {
      json answers = json::array();
      for (const auto& a : it.answers) answers.push_back({{"response", a.response}, {"event", a.event}, {"text", a.text}});
      j["answers"] = std::move(answers);
    }
    return j;
  }
  j["min"] = it.min;
  j["max"] = it.max;
  j["off_scale"] = it.off_scale;
  j["mean"] = num(it.mean);
  json dist = json::object();
  for (size_t i = 0; i < it.distribution.size(); ++i) dist[std::to_string(it.min + static_cast<int>(i))] = it.distribution[i];
  j["distribution"] = std::move(dist);
  j["top2_box"] = num(it.top2_box);
  if (it.type == "nps") {
    j["promoters"] = it.promoters;
    j["passives"] = it.passives;
    j["detractors"] = it.detractors;
    j["nps"] = num(it.nps);
  }
  return j;
}

json group_json(const FeedbackGroup& g, bool include_open) {
  json items = json::array();
  for (const auto& it : g.items) items.push_back(item_json(it, include_open));
  json lv = json::array();
  for (const auto& l : g.levels) {
    lv.push_back({{"level", l.level}, {"items", l.items}, {"scale_items", l.scale_items}, {"mean_top2_box", num(l.mean_top2_box)}});
  }
  return {{"responses", counts_json(g.counts)}, {"items", std::move(items)}, {"levels", std::move(lv)}};
}

}  // namespace

json to_json(const SurveyFeedback& s, bool include_open) {
  json j = {{"survey", s.survey},         {"name", s.name},
            {"closed_items", s.closed_items}, {"partial_at", num(s.partial_at)},
            {"follow_up_days", opt_int(s.follow_up_days)}, {"window_days", s.window_days}};
  j["overall"] = group_json(s.overall, include_open);
  json events = json::array();
  for (const auto& e : s.events) {
    json ej = group_json(e.feedback, include_open);
    ej["event"] = e.event;
    ej["date"] = opt_date(e.date);
    events.push_back(std::move(ej));
  }
  j["events"] = std::move(events);
  if (s.follow_up_days) {
    json fu = json::array();
    for (const auto& f : s.follow_ups) {
      fu.push_back({{"event", f.event}, {"end", opt_date(f.end)}, {"due", opt_date(f.due)}, {"closes", opt_date(f.closes)},
                    {"status", f.status}, {"responses", f.responses}});
    }
    j["follow_ups"] = std::move(fu);
  } else {
    j["follow_ups"] = nullptr;
  }
  return j;
}

json to_json(const FeedbackResult& r) {
  json surveys = json::array();
  for (const auto& s : r.surveys) surveys.push_back(to_json(s, r.include_open));
  return {{"as_of", format_date(r.as_of)}, {"include_open", r.include_open}, {"surveys", std::move(surveys)}};
}

}  // namespace collab::mel
