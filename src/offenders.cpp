#include "statuslint/offenders.hpp"

namespace statuslint {

void Offenders::configure(size_t counters, bool query, size_t rule_count) {
  capacity = counters;
  keep_query = query;
  for (size_t i = 0; i < kStatusClassCount; ++i) paths[i] = hosts[i] = agents[i] = SpaceSaving(counters);
  rule_paths.assign(rule_count, SpaceSaving(counters));
}

std::string_view Offenders::path_key(const Record& r) const noexcept {
  if (keep_query) return r.target;
  return r.target.substr(0, r.target.find('?'));
}

void Offenders::add(const Record& r, const std::vector<std::uint16_t>& fired) {
  if (r.no_response) return;
  const auto cls = static_cast<size_t>(r.status_info != nullptr ? r.status_info->status_class() : StatusClass::Invalid);
  const std::string_view path = path_key(r);
  if (!path.empty()) paths[cls].add(path);
  if (!r.host.empty()) hosts[cls].add(r.host);
  if (!r.user_agent.empty()) agents[cls].add(r.user_agent);
  for (const std::uint16_t rule : fired) {
    if (rule < rule_paths.size() && !path.empty()) rule_paths[rule].add(path);
  }
}

void Offenders::merge(const Offenders& other) {
  if (!other.enabled()) return;
  if (!enabled()) {
    *this = other;
    return;
  }
  for (size_t i = 0; i < kStatusClassCount; ++i) {
    paths[i].merge(other.paths[i]);
    hosts[i].merge(other.hosts[i]);
    agents[i].merge(other.agents[i]);
  }
  if (rule_paths.size() < other.rule_paths.size()) rule_paths.resize(other.rule_paths.size(), SpaceSaving(capacity));
  for (size_t i = 0; i < other.rule_paths.size(); ++i) rule_paths[i].merge(other.rule_paths[i]);
}

bool Offenders::approximate() const noexcept {
  for (size_t i = 0; i < kStatusClassCount; ++i) {
    if (paths[i].approximate() || hosts[i].approximate() || agents[i].approximate()) return true;
  }
  for (const SpaceSaving& s : rule_paths) {
    if (s.approximate()) return true;
  }
  return false;
}

}  // namespace statuslint
