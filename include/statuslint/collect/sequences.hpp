// Sequence rules: findings about a capture as a whole rather than one exchange: redirect
// chains and loops, HTTPS-to-HTTP downgrades, challenges answered again and again, and
// retries sent before Retry-After elapsed.
//
// Readers' records become compact Exchanges (only those a sequence rule can use), collected
// per chunk in an ExchangeLog (their text in one buffer) and fed to a SequenceCollector in
// input order, so the findings are the same for every thread count and chunk size. A HAR is
// followed per page (pageref, entry order); an access log per client and path (it has no
// Location, so only challenges are followed there).
// Memory is bounded: at most kMaxKeys open chains, challenge counts and retry windows per
// input; past it the oldest half is forgotten (a chain or count may then be missed, never
// invented).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "statuslint/record/record.hpp"
#include "statuslint/rules/rule_engine.hpp"

namespace statuslint {

// One exchange as the sequence rules see it. Its text views the ExchangeLog it came from.
struct Exchange {
  std::uint64_t at = 0;    // HAR entry index, or 1-based line (chunk-local until merged)
  bool entry = false;      // `at` is a HAR entry
  std::string_view scope;  // HAR: the page; access log: the client
  std::string_view url;    // HAR: the URL; access log: the path
  std::string_view method;
  std::string_view location;   // the redirect target, when the response has one
  std::uint64_t key_hash = 0;  // sequence_key_hash(scope, url)
  int status = -1;
  std::int64_t time = -1;          // epoch seconds, when known
  std::int64_t retry_after = -1;   // seconds, when the response says (delay-seconds form)
  bool browser_generated = false;  // Chromium's internal redirect: links a chain, is no hop
};

// The hash sequences key their pending chains and retries by: a URL within its scope.
std::uint64_t sequence_key_hash(std::string_view scope, std::string_view url) noexcept;

// Which records a sequence rule can use.
bool wants_exchange(const Record& r, bool har) noexcept;

// The exchanges of one chunk, in input order, with their text back to back in one buffer:
// a HAR makes one of every entry, and exchanges owning their strings cost two allocations per
// entry, freed where chunks merge. The key hash is taken here, on the chunk's thread, not
// where chunks are merged in order.
class ExchangeLog {
 public:
  void add(const Record& r);
  size_t size() const noexcept { return items_.size(); }
  // The i-th exchange; its views stay valid while this log is unchanged.
  Exchange operator[](size_t i) const noexcept;

 private:
  struct Span {
    size_t offset = 0, size = 0;
  };
  struct Stored {
    std::uint64_t at = 0, key_hash = 0;
    std::int64_t time = -1, retry_after = -1;
    Span scope, url, method, location;
    int status = -1;
    bool entry = false, browser_generated = false;
  };
  Span keep(std::string_view text);
  std::string_view view(Span s) const noexcept { return {text_.data() + s.offset, s.size}; }

  std::vector<Stored> items_;
  std::string text_;
};

class SequenceCollector {
 public:
  static constexpr size_t kMaxKeys = 100000;

  SequenceCollector(const RuleEngine& rules, size_t max_examples);
  // Exchanges in input order.
  void add(const Exchange& e, RuleTallies& tallies);
  // The end of the input: chains still open are judged.
  void finish(RuleTallies& tallies);

 private:
  struct Chain {
    std::vector<std::uint64_t> at;
    std::vector<std::string> urls;  // every URL the chain visited, in order
    bool entry = false;
    std::string method;
    int status = 0;  // the first response's
    size_t hops = 0;
    std::uint64_t order = 0;
    std::uint64_t hash = 0;  // of its key, for pending_
  };
  struct Challenge {
    std::vector<std::uint64_t> at;
    bool entry = false, reported = false;
    std::uint64_t order = 0;
  };
  struct Retry {
    std::int64_t until = 0;
    std::uint64_t at = 0;
    int status = 0;
    std::uint64_t order = 0;
    std::uint64_t hash = 0;  // of its key, for pending_
  };
  using Rule = std::optional<size_t>;  // the index of an active sequence rule of this kind

  void close_chain(Chain& chain, RuleTallies& tallies);
  void report(const Rule& rule, RuleTallies& tallies, const std::vector<std::uint64_t>& at, bool entry,
              std::string_view method, std::string_view url, int status, std::string message);
  template <typename Map>
  void bound(Map& map);

  const RuleEngine& rules_;
  size_t max_examples_;
  Rule chain_, loop_, downgrade_, challenge_, retry_;
  std::uint32_t min_hops_ = 2, min_repeats_ = 3;
  // Keyed by scope + '\n' + URL (and status, for challenges); looked up through key_, a buffer
  // reused from exchange to exchange, so that the exchanges no sequence concerns cost one
  // hash and no allocation. Hash tables, not trees: a capture's redirects to other sites stay
  // pending, up to kMaxKeys of them, and every later exchange is looked up among them. Their
  // order never shows: open chains are reported by `order`, and bound() cuts by it.
  std::unordered_map<std::string, Chain> chains_;          // the URL a redirect pointed to
  std::unordered_map<std::string, Challenge> challenges_;  // status + URL
  std::unordered_map<std::string, Retry> retries_;         // URL
  std::string key_;
  const std::string& key(std::string_view scope, std::string_view tail, std::string_view url);
  std::uint64_t order_ = 0;
  // The key hashes of chains_ and retries_, one bit each: an exchange whose bit is clear
  // continues no chain and retries nothing, so it needs no key and no lookup. A removed key's
  // bit stays set (a lookup that finds nothing) until the bits are rebuilt from the maps.
  static constexpr unsigned kPendingBitsLog2 = 16;
  std::array<std::uint64_t, (size_t{1} << kPendingBitsLog2) / 64> pending_{};
  size_t pending_marked_ = 0;  // bits set since the last rebuild
  static constexpr std::uint64_t pending_bit(std::uint64_t hash) noexcept { return hash >> (64 - kPendingBitsLog2); }
  bool may_be_pending(std::uint64_t hash) const noexcept {
    const std::uint64_t bit = pending_bit(hash);
    return (pending_[bit / 64] >> (bit % 64) & 1) != 0;
  }
  void mark_pending(std::uint64_t hash) noexcept;
};

}  // namespace statuslint
