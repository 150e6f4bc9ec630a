#include "statuslint/collect/offenders.hpp"
#include "statuslint/rules/rule_engine.hpp"

#include "statuslint/record/log_field.hpp"

namespace statuslint {

void Offenders::configure(size_t counters, bool query, size_t rule_count, size_t budget) {
  capacity = counters;
  keep_query = query;
  memory_budget = budget;
  for (auto* lists : {&paths, &hosts, &agents, &clients}) lists->assign(kStatusClassCount, TopCounts(counters));
  rule_paths.assign(rule_count, TopCounts(counters));
  rule_clients.assign(rule_count, TopCounts(counters));
  bytes_ = 0;
  sketched_ = false;
}

template <typename F>
void Offenders::for_each_table(F&& f) {
  for (auto* lists : {&paths, &hosts, &agents, &clients, &rule_paths, &rule_clients}) {
    for (TopCounts& t : *lists) f(t);
  }
}

std::string_view Offenders::path_key(const Record& r) const noexcept {
  if (keep_query) return r.path;
  return r.path.substr(0, find_byte(r.path, '?'));
}

void Offenders::count_new(TopCounts& table, std::string_view key, std::uint64_t hash, std::uint64_t n,
                          std::uint64_t fingerprint) {
  if (!sketched_) {
    const size_t before = table.bytes();
    // Switch before a table grows past the budget, not after: growing holds old and new.
    if (bytes_ - before + table.peak_bytes_to_add(key.size()) <= memory_budget) {
      table.add(key, hash, n, fingerprint);
      bytes_ += table.bytes() - before;
      return;
    }
    to_sketches();
  }
  table.add(key, hash, n);
}

// Out of line: inlined, its hashing makes count() too large to inline into add().
[[gnu::noinline]] void Offenders::count_unremembered(TopCounts& table, RecordKey& key) {
  // A key already counted needs no memory, hence no budget check.
  if (!sketched_ && table.add_existing(key.key, key.hash(), 1, key.fingerprint)) return;
  count_new(table, key.key, sketched_ ? 0 : key.hash(), 1, key.fingerprint);
}

void Offenders::merge_table(TopCounts& into, const TopCounts& from) {
  if (sketched_ || from.sketched()) {
    into.merge(from);
    return;
  }
  // Key by key, so that the budget is checked as the table grows.
  from.for_each_exact([&](std::string_view key, std::uint64_t hash, std::uint64_t n) { count(into, key, hash, n); });
}

void Offenders::add(const Record& r, std::span<const std::uint16_t> fired) {
  if (r.no_response) return;
  r.resolve_request_line();
  const auto cls = static_cast<size_t>(r.status_info != nullptr ? r.status_info->status_class() : StatusClass::Invalid);
  // Each key is fingerprinted once, and hashed at most once, for its class list and every
  // rule list it goes to.
  RecordKey path(path_key(r));
  RecordKey client(original_client(r));
  if (!path.key.empty()) count(paths[cls], path);
  if (const std::string_view h = absent_if_dash(r.host); !h.empty()) {
    RecordKey host(h);
    count(hosts[cls], host);
  }
  if (const std::string_view a = absent_if_dash(r.user_agent); !a.empty()) {
    RecordKey agent(a);
    count(agents[cls], agent);
  }
  if (!client.key.empty()) count(clients[cls], client);
  for (const std::uint16_t rule : fired) {
    if (rule >= rule_paths.size()) continue;
    if (!path.key.empty()) count(rule_paths[rule], path);
    if (!client.key.empty()) count(rule_clients[rule], client);
  }
}

void Offenders::to_sketches() {
  for_each_table([](TopCounts& t) { t.to_sketch(); });
  bytes_ = 0;
  sketched_ = true;
}

void Offenders::enforce_budget() {
  if (!sketched_ && bytes_ > memory_budget) to_sketches();
}

void Offenders::merge(const Offenders& other) {
  if (!other.enabled()) return;
  if (!enabled()) {
    *this = other;
    enforce_budget();
    return;
  }
  if (other.sketched_ && !sketched_) to_sketches();
  if (rule_paths.size() < other.rule_paths.size()) {
    rule_paths.resize(other.rule_paths.size(), TopCounts(capacity));
    rule_clients.resize(other.rule_paths.size(), TopCounts(capacity));
    if (sketched_) to_sketches();
  }
  for (size_t i = 0; i < kStatusClassCount; ++i) {
    merge_table(paths[i], other.paths[i]);
    merge_table(hosts[i], other.hosts[i]);
    merge_table(agents[i], other.agents[i]);
    merge_table(clients[i], other.clients[i]);
  }
  for (size_t i = 0; i < other.rule_paths.size(); ++i) {
    merge_table(rule_paths[i], other.rule_paths[i]);
    if (i < other.rule_clients.size()) merge_table(rule_clients[i], other.rule_clients[i]);
  }
}

void Offenders::restored() {
  bool any_sketched = false;
  for_each_table([&](TopCounts& t) { any_sketched = any_sketched || t.sketched(); });
  sketched_ = false;
  if (any_sketched) to_sketches();
  bytes_ = 0;
  for_each_table([this](TopCounts& t) { bytes_ += t.bytes(); });
  enforce_budget();
}

bool Offenders::approximate() const noexcept {
  for (const auto* lists : {&paths, &hosts, &agents, &clients, &rule_paths, &rule_clients}) {
    for (const TopCounts& s : *lists) {
      if (s.approximate()) return true;
    }
  }
  return false;
}

TopOffendersCollector::Gatherer::Gatherer(const CollectOptions& o) {
  tables_.configure(o.top_counters, o.top_keep_query, o.rules != nullptr ? o.rules->rules().size() : 0, o.top_memory);
}

}  // namespace statuslint
