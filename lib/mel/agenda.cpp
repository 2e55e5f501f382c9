#include "mel/agenda.h"

#include <algorithm>
#include <map>
#include <set>

namespace collab::mel {

using nlohmann::json;

std::string ballot_group(const model::Project& project, const model::Ballot& ballot) {
  if (!ballot.group.empty()) return ballot.group;
  if (const auto* team = project.team_of_member(ballot.voter); team && !team->organization.empty()) return team->organization;
  if (project.collaborative) {
    if (const auto* f = project.collaborative->find_faculty(ballot.voter); f && !f->organization.empty()) return f->organization;
  }
  return "(none)";
}

namespace {

struct Backing {
  int score = 0;
  std::set<std::string> voters, groups;
};

// 0: separated by score (or no neighbour); 1 groups; 2 voters; 3 id (tied on all three).
int separation(const TopicTally& a, const TopicTally& b) {
  if (a.score != b.score) return 0;
  if (a.groups != b.groups) return 1;
  if (a.voters != b.voters) return 2;
  return 3;
}

}  // namespace

AgendaResult tally_agenda(const model::Project& project) {
  AgendaResult r;
  if (!project.learning_agenda) return r;
  const auto& agenda = *project.learning_agenda;
  r.present = true;
  r.method = agenda.method;
  const bool borda = agenda.method == "borda";

  std::map<std::string, Backing> backing;  // counted topics only
  for (const auto& t : agenda.topics) {
    if (t.status == "dropped") {
      r.dropped.push_back(t.id);
    } else {
      backing.emplace(t.id, Backing{});
    }
  }
  const int n = static_cast<int>(backing.size());
  r.topics_counted = n;

  std::set<std::string> voters;
  for (const auto& ballot : agenda.votes) {
    const std::string group = ballot_group(project, ballot);
    bool counted = false;
    if (borda) {
      int place = 0;  // among the ballot's counted entries
      std::set<std::string> seen;
      for (const auto& topic : ballot.ranking) {
        auto it = backing.find(topic);
        if (it == backing.end() || !seen.insert(topic).second) continue;
        it->second.score += std::max(n - 1 - place, 0);
        it->second.voters.insert(ballot.voter);
        it->second.groups.insert(group);
        ++place;
        counted = true;
      }
    } else {
      for (const auto& [topic, dots] : ballot.dots) {
        auto it = backing.find(topic);
        if (it == backing.end() || dots <= 0) continue;
        it->second.score += dots;
        it->second.voters.insert(ballot.voter);
        it->second.groups.insert(group);
        r.dots_used += dots;
        counted = true;
      }
    }
    if (counted) {
      ++r.ballots;
      voters.insert(ballot.voter);
    }
  }
  r.voters = static_cast<int>(voters.size());

  for (const auto& t : agenda.topics) {
    auto it = backing.find(t.id);
    if (it == backing.end()) continue;
    if (std::any_of(r.topics.begin(), r.topics.end(), [&](const TopicTally& x) { return x.topic == t.id; })) continue;
    TopicTally tt;
    tt.topic = t.id;
    tt.title = t.title;
    tt.status = t.status;
    tt.score = it->second.score;
    tt.voters = static_cast<int>(it->second.voters.size());
    tt.groups = static_cast<int>(it->second.groups.size());
    tt.events = t.events;
    r.topics.push_back(std::move(tt));
  }
  std::sort(r.topics.begin(), r.topics.end(), [](const TopicTally& a, const TopicTally& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.groups != b.groups) return a.groups > b.groups;
    if (a.voters != b.voters) return a.voters > b.voters;
    return a.topic < b.topic;
  });
  static const char* const kBy[] = {"", "groups", "voters", "id"};
  for (size_t i = 0; i < r.topics.size(); ++i) {
    auto& t = r.topics[i];
    const int above = i > 0 ? separation(r.topics[i - 1], t) : 0;
    const int below = i + 1 < r.topics.size() ? separation(t, r.topics[i + 1]) : 0;
    t.rank = above == 3 ? r.topics[i - 1].rank : static_cast<int>(i) + 1;
    t.tie_broken_by = kBy[std::max(above, below)];
  }
  return r;
}

json to_json(const AgendaResult& r) {
  if (!r.present) return nullptr;
  json topics = json::array();
  for (const auto& t : r.topics) {
    topics.push_back({{"rank", t.rank},     {"topic", t.topic},   {"title", t.title},   {"status", t.status},
                      {"score", t.score},   {"voters", t.voters}, {"groups", t.groups}, {"events", t.events},
                      {"tie_broken_by", t.tie_broken_by.empty() ? json(nullptr) : json(t.tie_broken_by)}});
  }
  return {{"method", r.method}, {"topics_counted", r.topics_counted}, {"ballots", r.ballots}, {"voters", r.voters},
          {"dots_used", r.dots_used}, {"topics", std::move(topics)}, {"dropped", r.dropped}};
}

}  // namespace collab::mel
