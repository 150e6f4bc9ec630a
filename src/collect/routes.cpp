#include "statuslint/collect/routes.hpp"

#include <algorithm>
#include <map>

#include "statuslint/collect/heavy_hitters.hpp"
#include "statuslint/routes/route_tree.hpp"

namespace statuslint {

namespace {

// What a new route costs the budget, roughly: its key and node, its stats, its examples.
size_t route_bytes(std::string_view key) noexcept { return key.size() + sizeof(RouteStats) + 96; }

}  // namespace

size_t Routes::Hash::operator()(std::string_view s) const noexcept { return static_cast<size_t>(hash_key(s)); }

void RouteStats::add_example(std::string_view path) {
  // The kExamples smallest, so that the set does not depend on the order records came in.
  if (examples.size() == kExamples && path >= examples.back()) return;
  const auto at = std::lower_bound(examples.begin(), examples.end(), path);
  if (at != examples.end() && *at == path) return;
  if (examples.size() == kExamples) examples.pop_back();
  examples.insert(std::lower_bound(examples.begin(), examples.end(), path), std::string(path));
}

void RouteStats::add_rule(std::uint16_t rule, std::uint64_t n) {
  const auto at =
      std::lower_bound(rules.begin(), rules.end(), rule,
                       [](const std::pair<std::uint16_t, std::uint64_t>& p, std::uint16_t r) { return p.first < r; });
  if (at != rules.end() && at->first == rule) {
    at->second += n;
  } else {
    rules.insert(at, {rule, n});
  }
}

void RouteStats::merge(const RouteStats& o) {
  count += o.count;
  for (size_t k = 0; k < classes.size(); ++k) classes[k] += o.classes[k];
  bytes += o.bytes;
  bytes_known += o.bytes_known;
  time.merge(o.time);
  time_missing += o.time_missing;
  reasons |= o.reasons;
  for (const std::string& e : o.examples) add_example(e);
  for (const auto& [rule, n] : o.rules) add_rule(rule, n);
}

RouteStats* Routes::find_or_add(std::string_view key) {
  if (table) {
    if (auto at = table->find(key); at != table->end()) return &at->second;
  }
  const size_t cost = route_bytes(key);
  if (bytes + cost > memory_budget) return nullptr;
  bytes += cost;
  if (!table) table = std::make_unique<Table>();
  return &table->emplace(std::string(key), RouteStats{}).first->second;
}

void Routes::merge(Routes& from) {
  collected = collected || from.collected;
  latency = latency || from.latency;
  const bool empty = size() == 0 && not_kept == 0;
  not_kept += from.not_kept;
  ignored += from.ignored;
  if (empty) {
    // The first part to arrive: take it whole.
    table = std::move(from.table);
    bytes = from.bytes;
    return;
  }
  if (!from.table) return;
  for (auto& [key, stats] : *from.table) {
    RouteStats* into = find_or_add(key);
    if (into == nullptr) {
      not_kept += stats.count;
      continue;
    }
    into->merge(stats);
  }
  from.table.reset();
}

void RoutesCollector::Gatherer::add(const Observation& obs, State&) {
  const Record& r = obs.record;
  if (r.no_response) return;
  r.resolve_request_line();
  if (r.path.empty()) return;
  Memo* memo = nullptr;
  RouteStats* stats = nullptr;
  std::uint16_t reasons = 0;
  std::string_view path;  // empty on a memo hit: see add_example below
  if (r.path.size() <= kMemoKeyLimit) {
    if (memo_.empty()) memo_.resize(size_t{1} << kMemoBits);
    memo = &memo_[key_fingerprint(r.path) >> (64 - kMemoBits)];
    if ((memo->stats != nullptr || memo->ignored) && same_key(memo->target, r.path)) {
      if (memo->ignored) {
        ++own_.ignored;
        return;
      }
      stats = memo->stats;
      reasons = memo->reasons;
    }
  }
  if (stats == nullptr) {
    path = route_path(r.path);
    std::string_view key;
    if (matcher_) {
      // The user's rules first: a path they match is never masked.
      if (const RouteRules::Target* rule = matcher_->match(path)) {
        if (rule->action == RouteRules::Action::Ignore) {
          ++own_.ignored;
          if (memo != nullptr) {
            memo->target.assign(r.path);
            memo->stats = nullptr;
            memo->ignored = true;
          }
          return;
        }
        key = rule->route;
        reasons = kMergedByRule;
      }
    }
    if (key.empty()) key = masker_.mask(path, reasons);
    if (key.empty()) return;
    stats = own_.find_or_add(key);
    if (stats == nullptr) {
      ++own_.not_kept;
      return;
    }
    if (memo != nullptr) {
      memo->target.assign(r.path);
      memo->stats = stats;
      memo->ignored = false;
      memo->reasons = reasons;
    }
  }
  ++stats->count;
  const auto cls = static_cast<size_t>(r.status_info != nullptr ? r.status_info->status_class() : StatusClass::Invalid);
  ++stats->classes[cls];
  stats->reasons |= reasons;
  r.resolve_bytes();
  if (r.bytes >= 0) {
    stats->bytes += static_cast<std::uint64_t>(r.bytes);
    ++stats->bytes_known;
  }
  if (own_.latency) {
    const std::int64_t micros = obs.micros(upstream_);
    if (micros >= 0) {
      stats->time.add(static_cast<std::uint64_t>(micros));
    } else {
      ++stats->time_missing;
    }
  }
  // A path offered once is never taken later (the examples are the smallest, and only get
  // smaller), so a memo hit, whose path was offered when it was remembered, skips this.
  if (!path.empty()) stats->add_example(path);
  for (const std::uint16_t rule : obs.fired) stats->add_rule(rule, 1);
}

void RoutesCollector::Gatherer::flush(State& input) {
  input.merge(own_);
  for (Memo& m : memo_) {
    m.stats = nullptr;
    m.ignored = false;
  }
  const bool latency = own_.latency;
  const size_t budget = own_.memory_budget;
  own_ = Routes();
  own_.collected = true;
  own_.latency = latency;
  own_.memory_budget = budget;
}

std::vector<std::string_view> merged_by(std::uint16_t reasons) {
  std::vector<std::string_view> out;
  for (size_t bit = 0; bit < std::size(kRouteMaskNames); ++bit) {
    if ((reasons & (1U << bit)) != 0) out.push_back(kRouteMaskNames[bit]);
  }
  return out;
}

std::vector<ReportedRoute> reported_routes(const Routes& routes) {
  std::vector<ReportedRoute> out;
  if (!routes.collected || routes.size() == 0) return out;
  // Sorted first, so that nothing below depends on the hash table's order.
  std::vector<const std::pair<const std::string, RouteStats>*> entries;
  entries.reserve(routes.size());
  for (const auto& e : *routes.table) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  // A rule's template is the user's word: it is a route as it is, never collapsed.
  std::vector<std::string_view> names;
  std::vector<std::uint64_t> counts;
  std::vector<const std::pair<const std::string, RouteStats>*> inferred;
  names.reserve(entries.size());
  counts.reserve(entries.size());
  inferred.reserve(entries.size());
  for (const auto* e : entries) {
    if ((e->second.reasons & kMergedByRule) != 0) {
      ReportedRoute r;
      r.name = e->first;
      r.templates = 1;
      r.stats = e->second;
      out.push_back(std::move(r));
      continue;
    }
    inferred.push_back(e);
    names.push_back(e->first);
    counts.push_back(e->second.count);
  }
  for (CollapsedRoute& c : collapse_routes(names, counts, RouteCollapseOptions{})) {
    ReportedRoute r;
    r.name = std::move(c.name);
    r.templates = c.members.size();
    r.merged_values = c.merged_values;
    for (const size_t i : c.members) r.stats.merge(inferred[i]->second);
    r.stats.reasons |= c.reasons;
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const ReportedRoute& a, const ReportedRoute& b) {
    return a.stats.count != b.stats.count ? a.stats.count > b.stats.count : a.name < b.name;
  });
  return out;
}

std::vector<ComparedRoute> compared_routes(const Routes& baseline, const Routes& candidate) {
  std::vector<ComparedRoute> out;
  // Each template once, sorted, with its stats on either side (null where a side lacks it).
  struct Both {
    const RouteStats* base = nullptr;
    const RouteStats* cand = nullptr;
  };
  std::map<std::string_view, Both> all;
  if (baseline.collected && baseline.table) {
    for (const auto& [name, stats] : *baseline.table) all[name].base = &stats;
  }
  if (candidate.collected && candidate.table) {
    for (const auto& [name, stats] : *candidate.table) all[name].cand = &stats;
  }
  const auto add = [](ComparedRoute& r, const Both& b) {
    if (b.base != nullptr) r.baseline.merge(*b.base);
    if (b.cand != nullptr) r.candidate.merge(*b.cand);
  };
  std::vector<std::string_view> names;
  std::vector<std::uint64_t> counts;
  std::vector<const Both*> inferred;
  for (const auto& [name, both] : all) {
    const bool rule =
        ((both.base != nullptr ? both.base->reasons : 0) | (both.cand != nullptr ? both.cand->reasons : 0)) &
        kMergedByRule;
    if (rule) {
      ComparedRoute r;
      r.name = std::string(name);
      add(r, both);
      out.push_back(std::move(r));
      continue;
    }
    names.push_back(name);
    counts.push_back((both.base != nullptr ? both.base->count : 0) + (both.cand != nullptr ? both.cand->count : 0));
    inferred.push_back(&both);
  }
  for (CollapsedRoute& c : collapse_routes(names, counts, RouteCollapseOptions{})) {
    ComparedRoute r;
    r.name = std::move(c.name);
    for (const size_t i : c.members) add(r, *inferred[i]);
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const ComparedRoute& a, const ComparedRoute& b) {
    const std::uint64_t na = a.baseline.count + a.candidate.count, nb = b.baseline.count + b.candidate.count;
    return na != nb ? na > nb : a.name < b.name;
  });
  return out;
}

}  // namespace statuslint
