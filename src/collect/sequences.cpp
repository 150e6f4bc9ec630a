#include "statuslint/collect/sequences.hpp"

#include <algorithm>
#include <charconv>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "statuslint/record/location.hpp"
#include "statuslint/record/timestamp.hpp"

namespace statuslint {
namespace {

bool is_redirect(int status) noexcept {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::int64_t delay_seconds(std::string_view v) noexcept {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  std::int64_t n = -1;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc{} && end == v.data() + v.size() && n >= 0 ? n : -1;
}

// A chain's URLs in order: "a -> b -> c".
std::string joined(const std::vector<std::string>& urls) {
  std::string out;
  for (const std::string& url : urls) out += (out.empty() ? "" : " -> ") + url;
  return out;
}

std::string join_at(const std::vector<std::uint64_t>& at, bool entry) {
  std::string out = entry ? "entries " : "lines ";
  for (size_t i = 0; i < at.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(at[i]);
  }
  return out;
}

}  // namespace

bool wants_exchange(const Record& r, bool har) noexcept {
  if (r.no_response) return false;
  // A HAR: every entry (a redirect's target is an ordinary entry). An access log: only
  // challenges, the one sequence it can show.
  return har ? r.entry >= 0 : (r.status == 401 || r.status == 407);
}

std::uint64_t sequence_key_hash(std::string_view scope, std::string_view url) noexcept {
  return XXH3_64bits_withSeed(url.data(), url.size(), XXH3_64bits(scope.data(), scope.size()));
}

ExchangeLog::Span ExchangeLog::keep(std::string_view text) {
  const Span s{text_.size(), text.size()};
  text_.append(text);
  return s;
}

void ExchangeLog::add(const Record& r) {
  r.resolve();
  Stored& e = items_.emplace_back();
  e.entry = r.entry >= 0;
  e.at = e.entry ? static_cast<std::uint64_t>(r.entry) : r.line;
  const std::string_view scope = e.entry ? r.page : original_client(r);
  e.scope = keep(scope);
  e.url = keep(r.path);
  e.method = keep(r.method);
  e.key_hash = sequence_key_hash(scope, r.path);
  e.status = r.status;
  e.browser_generated = r.browser_generated;
  if (is_redirect(r.status)) {
    if (!r.redirect_url.empty()) {
      e.location = keep(resolve_reference(r.redirect_url, r.path));
    } else if (const Header* h = r.find_header("Location")) {
      // Resolved against the request's URL, so that the next entry's URL can be matched to it.
      e.location = keep(resolve_reference(h->value, r.path));
    }
  }
  if (r.status == 429 || r.status == 503) {
    if (const Header* h = r.find_header("Retry-After")) e.retry_after = delay_seconds(h->value);
  }
  if (e.entry) e.time = record_epoch_seconds(r).value_or(-1);
}

Exchange ExchangeLog::operator[](size_t i) const noexcept {
  const Stored& s = items_[i];
  return {s.at,       s.entry,  view(s.scope), view(s.url),   view(s.method),     view(s.location),
          s.key_hash, s.status, s.time,        s.retry_after, s.browser_generated};
}

SequenceCollector::SequenceCollector(const RuleEngine& rules, size_t max_examples)
    : rules_(rules),
      max_examples_(max_examples),
      chain_(rules.sequence_rule(SequenceRule::Kind::RedirectChain)),
      loop_(rules.sequence_rule(SequenceRule::Kind::RedirectLoop)),
      downgrade_(rules.sequence_rule(SequenceRule::Kind::HttpsDowngrade)),
      challenge_(rules.sequence_rule(SequenceRule::Kind::RepeatedChallenge)),
      retry_(rules.sequence_rule(SequenceRule::Kind::EarlyRetry)) {
  if (chain_) min_hops_ = rules.rules()[*chain_].sequence->min;
  if (challenge_) min_repeats_ = rules.rules()[*challenge_].sequence->min;
}

void SequenceCollector::report(const Rule& rule, RuleTallies& tallies, const std::vector<std::uint64_t>& at, bool entry,
                               std::string_view method, std::string_view url, int status, std::string message) {
  if (!rule || *rule >= tallies.size()) return;
  RuleTally& tally = tallies[*rule];
  ++tally.count;
  if (tally.examples.size() >= max_examples_) return;
  FindingExample ex;
  // The example sits at the first exchange involved; its message names every one.
  ex.line = entry ? 0 : at.front();
  ex.entry = entry ? static_cast<std::int64_t>(at.front()) : -1;
  ex.method = std::string(method);
  ex.path = std::string(url.substr(0, kExampleBytes));
  ex.status = std::to_string(status);
  ex.message = std::move(message) + " (" + join_at(at, entry) + ")";
  tally.examples.push_back(std::move(ex));
}

template <typename Map>
void SequenceCollector::bound(Map& map) {
  if (map.size() <= kMaxKeys) return;
  // Forget the oldest half: a chain or count may be missed, never invented.
  std::vector<std::uint64_t> orders;
  orders.reserve(map.size());
  for (const auto& [key, v] : map) orders.push_back(v.order);
  std::nth_element(orders.begin(), orders.begin() + static_cast<std::ptrdiff_t>(orders.size() / 2), orders.end());
  const std::uint64_t cut = orders[orders.size() / 2];
  std::erase_if(map, [cut](const auto& kv) { return kv.second.order < cut; });
}

void SequenceCollector::close_chain(Chain& chain, RuleTallies& tallies) {
  if (chain.hops < min_hops_) return;
  report(chain_, tallies, chain.at, chain.entry, chain.method, chain.urls.front(), chain.status,
         "redirect chain of " + std::to_string(chain.hops) + " hops: " + joined(chain.urls));
}

void SequenceCollector::mark_pending(std::uint64_t hash) noexcept {
  const auto set = [this](std::uint64_t h) {
    const std::uint64_t bit = pending_bit(h);
    pending_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  };
  set(hash);
  // Once most set bits may be of removed keys, start again from the keys there are.
  if (++pending_marked_ <= 2 * (chains_.size() + retries_.size()) + 1024) return;
  pending_.fill(0);
  for (const auto& [key, chain] : chains_) set(chain.hash);
  for (const auto& [key, retry] : retries_) set(retry.hash);
  pending_marked_ = chains_.size() + retries_.size();
}

const std::string& SequenceCollector::key(std::string_view scope, std::string_view tail, std::string_view url) {
  key_.assign(scope);
  key_ += '\n';
  key_.append(tail);
  key_.append(url);
  return key_;
}

void SequenceCollector::add(const Exchange& e, RuleTallies& tallies) {
  ++order_;
  const bool redirect = is_redirect(e.status) && !e.location.empty();
  const bool challenge = e.status == 401 || e.status == 407;
  const bool wait = (e.status == 429 || e.status == 503) && e.retry_after >= 0;
  // Most exchanges are none of these and continue nothing: nothing to look up.
  const bool pending = may_be_pending(e.key_hash);
  if (!redirect && !challenge && !wait && !pending) return;
  const std::string_view scope = e.scope;
  // --- redirects: a pending chain whose target is this URL goes on (or ends here).
  Chain chain;
  bool continued = false;
  if (auto it = pending ? chains_.find(key(scope, {}, e.url)) : chains_.end(); it != chains_.end()) {
    chain = std::move(it->second);
    chains_.erase(it);
    continued = true;
  }
  if (redirect) {
    const bool loop = continued && std::find(chain.urls.begin(), chain.urls.end(), e.location) != chain.urls.end();
    if (!continued) {
      chain.entry = e.entry;
      chain.method = std::string(e.method);
      chain.status = e.status;
      chain.urls.emplace_back(e.url);
    }
    if (!e.browser_generated) {
      chain.at.push_back(e.at);
      ++chain.hops;
    }
    if (!e.browser_generated && e.url.starts_with("https://") && e.location.starts_with("http://")) {
      report(downgrade_, tallies, {e.at}, e.entry, e.method, e.url, e.status,
             "redirect from HTTPS to HTTP: " + std::string(e.url) + " -> " + std::string(e.location));
    }
    chain.urls.emplace_back(e.location);
    if (loop || e.location == e.url) {
      if (!chain.at.empty()) {
        report(loop_, tallies, chain.at, chain.entry, chain.method, chain.urls.front(), e.status,
               "redirect loop: " + joined(chain.urls));
      }
    } else {
      chain.order = order_;
      const std::uint64_t hash = sequence_key_hash(scope, e.location);
      chain.hash = hash;
      chains_[key(scope, {}, e.location)] = std::move(chain);
      bound(chains_);
      mark_pending(hash);
    }
  } else if (continued) {
    chain.at.push_back(e.at);
    if (chain.hops >= min_hops_) {
      report(chain_, tallies, chain.at, chain.entry, chain.method, chain.urls.front(), chain.status,
             "redirect chain of " + std::to_string(chain.hops) + " hops before " + std::to_string(e.status) + ": " +
                 joined(chain.urls));
    }
  }

  // --- challenges: the same URL answered 401 (or 407) again and again.
  if (challenge) {
    Challenge& c = challenges_[key(scope, e.status == 401 ? "401" : "407", e.url)];
    c.entry = e.entry;
    c.order = order_;
    if (c.at.size() < 16) c.at.push_back(e.at);
    if (!c.reported && c.at.size() >= min_repeats_) {
      c.reported = true;
      report(challenge_, tallies, c.at, e.entry, e.method, e.url, e.status,
             std::to_string(e.status) + " answered " + std::to_string(c.at.size()) + " times for " +
                 std::string(e.url) + (e.entry ? " in one page" : " to one client"));
    }
    bound(challenges_);
  }

  // --- retries: a request to a URL that was told to wait (429/503 with Retry-After).
  if (e.time >= 0) {
    if (auto it = pending ? retries_.find(key(scope, {}, e.url)) : retries_.end(); it != retries_.end()) {
      if (e.time < it->second.until) {
        report(retry_, tallies, {it->second.at, e.at}, e.entry, e.method, e.url, it->second.status,
               "requested again " + std::to_string(it->second.until - e.time) +
                   " s before Retry-After elapsed: " + std::string(e.url));
      }
      retries_.erase(it);
    }
    if (wait) {
      retries_[key(scope, {}, e.url)] = {e.time + e.retry_after, e.at, e.status, order_, e.key_hash};
      bound(retries_);
      mark_pending(e.key_hash);
    }
  }
}

void SequenceCollector::finish(RuleTallies& tallies) {
  // Chains whose last target never came (the capture ended, or it was another host's): judged
  // on the hops seen.
  std::vector<Chain> open;
  for (auto& [key, chain] : chains_) open.push_back(std::move(chain));
  chains_.clear();
  std::sort(open.begin(), open.end(), [](const Chain& a, const Chain& b) { return a.order < b.order; });
  for (Chain& chain : open) close_chain(chain, tallies);
}

}  // namespace statuslint
