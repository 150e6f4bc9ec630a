// Rules: what statuslint checks records against, as loaded from rule files.
//
// A rule is data: an id, a severity, words for people (summary, explanation, reference), what
// input it needs, and a matcher. A matcher is a conjunction of conditions; each condition is
// a list of alternatives (any status of the list, any method...). Status conditions (codes,
// ranges, classes, registry kinds) are not tested per record: the engine compiles them into
// its per-status dispatch table. Everything else is tested only for records whose status can
// match.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/record/record.hpp"
#include "statuslint/registry/status_registry.hpp"

namespace statuslint {

enum class Severity : std::uint8_t { Info = 0, Warning = 1, Error = 2 };
std::string_view to_string(Severity s) noexcept;
std::optional<Severity> parse_severity(std::string_view text) noexcept;

// What a rule needs from the source; sources that lack it make the rule "not evaluated".
enum class RuleNeeds : std::uint8_t { Record, Headers, StatusText, RequestHeaders, Capture };
std::string_view to_string(RuleNeeds n) noexcept;

// Record fields a rule can test with a regular expression (RE2 syntax).
// RequestProtocol is the request's own version: a HAR request's httpVersion; elsewhere the
// protocol the log writes, which is the request line's.
enum class TextField : std::uint8_t { Method, Path, Protocol, Host, UserAgent, Referrer, RequestProtocol, Count };
std::string_view to_string(TextField f) noexcept;

// Dispatch slots: status numbers 0..999, then the statuses that are not three digits.
inline constexpr int kSlotMissingStatus = kStatusTableSize;
inline constexpr int kSlotNonNumericStatus = kStatusTableSize + 1;
inline constexpr int kStatusSlots = kStatusTableSize + 2;
// The slot of a record's status (records with no response have none: -1).
int status_slot(const Record& r) noexcept;

struct NumericBound {
  enum class Op : std::uint8_t { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual };
  Op op = Op::Greater;
  double value = 0;
  bool holds(double x) const noexcept;
};

struct HeaderCondition {
  enum class Kind : std::uint8_t { Present, Absent, Matches, NotMatches };
  Kind kind = Kind::Present;
  std::string name;
  std::string pattern;      // Matches / NotMatches; case-insensitive unless it says otherwise
  bool request = false;     // a request header (request_header_*), else a response header
  std::uint16_t group = 0;  // conditions sharing a group > 0 are any-of; the rest all must hold
};

// Comparisons between fields of one exchange.
enum class Comparison : std::uint8_t {
  LocationIsRequestUrl,        // Location resolves to the request's own URL (a redirect to itself)
  AllowListsMethod,            // the Allow header lists the request's method
  ProtocolDiffersFromRequest,  // the response's HTTP version is not the request's
  ProtocolSameAsRequest,       // the response's HTTP version is the request's
  AllowOmitsMethod,            // an Allow header is there and does not list the request's method
  EtagMatchesIfNoneMatch,      // the response's ETag is one the request's If-None-Match listed
};
std::string_view to_string(Comparison c) noexcept;
inline constexpr Comparison kComparisons[] = {
    Comparison::LocationIsRequestUrl,  Comparison::AllowListsMethod, Comparison::ProtocolDiffersFromRequest,
    Comparison::ProtocolSameAsRequest, Comparison::AllowOmitsMethod, Comparison::EtagMatchesIfNoneMatch};
// What a comparison reads: the response's headers, the request (its headers or version).
struct ComparisonNeeds {
  bool response_headers = false;
  bool request = false;
  bool versions = false;  // both HTTP versions, which browsers sometimes leave out
};
ComparisonNeeds needs_of(Comparison c) noexcept;

struct RegexCondition {
  TextField field = TextField::Path;
  std::string pattern;
  bool negated = false;  // `not_path = "..."`: the field must not match
};

struct RuleMatcher {
  std::bitset<kStatusSlots> statuses;  // which status slots the rule applies to (after kinds)
  std::vector<std::string> methods;    // exact, any of them; empty = any
  bool methods_negated = false;        // method = { not = [...] }: none of them
  std::vector<RegexCondition> regexes;
  std::vector<HeaderCondition> headers;
  std::vector<Comparison> comparisons;
  bool status_text_unknown = false;  // status text present and not a registry name or alias
  std::optional<NumericBound> bytes;
  std::optional<NumericBound> request_seconds;
  std::optional<NumericBound> request_bytes;  // the request body's size, where known (HAR)
};

// A record described in a rule file, that the rule must fire on or stay silent for. It owns
// its strings; to_record() gives a record viewing them.
struct RuleExample {
  std::string status = "200", method = "GET", path = "/", protocol = "HTTP/1.1";
  std::string host, user_agent, referrer, status_text, request_time;  // request_time in seconds
  std::int64_t bytes = -1;
  bool has_headers = false;  // the example gives `headers` (possibly empty)
  std::vector<std::pair<std::string, std::string>> headers;
  bool has_request_headers = false;  // the example gives `request_headers`
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_protocol;
  std::int64_t request_bytes = -1;
  std::uint32_t line = 0, column = 0;

  // A record viewing this example's strings, with its headers in `header_storage`. Valid while
  // the example and the storage live unchanged.
  Record to_record(std::vector<Header>& header_storage) const;
};

// A rule about a capture as a whole (collect/sequences.hpp), not one exchange.
struct SequenceRule {
  enum class Kind : std::uint8_t { RedirectChain, RedirectLoop, HttpsDowngrade, RepeatedChallenge, EarlyRetry };
  Kind kind = Kind::RedirectChain;
  std::uint32_t min = 0;  // redirect_chain: hops that make a finding; repeated_challenge: answers
  // Evaluable only where redirect targets and times are known (HAR); challenges also per
  // client and path in access logs.
  bool needs_har() const noexcept { return kind != Kind::RepeatedChallenge; }
};

struct Rule {
  std::string id;
  Severity severity = Severity::Warning;
  bool enabled = true;  // false: opt-in with --enable
  std::string summary;
  std::string explanation;
  std::string reference;
  RuleNeeds needs = RuleNeeds::Record;
  std::string message;  // template: {status} {name} {origin} {kind} {class} {method} {path} {protocol} {bytes}
  RuleMatcher match;    // for a sequence rule: only the statuses it concerns
  std::optional<SequenceRule> sequence;
  std::vector<RuleExample> fires, silent;
  std::string source;  // "builtin:status.toml" or a path
  std::uint32_t line = 0;

  // The message for one finding.
  std::string render(const Record& r) const;
};

}  // namespace statuslint
