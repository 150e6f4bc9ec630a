// The status registry: what statuslint knows about every HTTP status number.
//
// Every status a reader finds goes through here. The data lives in rules/registry.toml; the
// build turns it into a constant table with one entry per number 0..999, so that classifying
// a status is one bounds check and one array lookup, with no allocation. Numbers 100..599
// with no entry are `unassigned`; everything outside 100..599 is `invalid`, as is status text
// that is not exactly three ASCII digits ("-", "2OO", "0200", "").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace statuslint {

enum class StatusKind : std::uint8_t {
  Standard,
  Deprecated,
  Unused,
  Provisional,
  Nonstandard,
  Unassigned,
  Invalid,
};
inline constexpr std::size_t kStatusKindCount = 7;

// Class of a status: 1xx..5xx, or Invalid for anything outside 100..599.
enum class StatusClass : std::uint8_t { Invalid = 0, Informational, Success, Redirection, ClientError, ServerError };
inline constexpr std::size_t kStatusClassCount = 6;

// The order reports list classes in: 1xx..5xx, then invalid.
inline constexpr std::array<StatusClass, kStatusClassCount> kReportedClasses = {
    StatusClass::Informational, StatusClass::Success,     StatusClass::Redirection,
    StatusClass::ClientError,   StatusClass::ServerError, StatusClass::Invalid};

std::string_view to_string(StatusKind kind) noexcept;
// "1xx".."5xx" or "invalid".
std::string_view to_string(StatusClass cls) noexcept;
// Parses a kind name as written in rule files and JSON ("deprecated", ...); nullopt if unknown.
std::optional<StatusKind> parse_status_kind(std::string_view name) noexcept;
// Parses "1xx".."5xx" (case-insensitive) or "invalid"; nullopt if unknown.
std::optional<StatusClass> parse_status_class(std::string_view name) noexcept;

constexpr StatusClass class_of(int code) noexcept {
  return (code >= 100 && code <= 599) ? static_cast<StatusClass>(code / 100) : StatusClass::Invalid;
}

// Another meaning of the same number from another origin (499 is nginx's Client Closed
// Request and Esri's Token Required). It does not change the number's kind.
struct StatusMeaning {
  std::string_view name;
  std::string_view origin;
  std::string_view reference;
  std::string_view description;
};

struct StatusInfo {
  int code = -1;          // -1 for the sentinels that stand for non-numeric or out-of-range input
  std::string_view name;  // empty for numbers with no entry
  StatusKind kind = StatusKind::Invalid;
  std::string_view origin;
  std::string_view reference;
  std::string_view description;
  std::span<const std::string_view> aliases;
  std::span<const StatusMeaning> also;

  // True when the registry has an entry for this number (a name, an origin).
  constexpr bool known() const noexcept { return !name.empty(); }
  constexpr StatusClass status_class() const noexcept { return class_of(code); }
};

// Size of the dense table: numbers 0..999 (three-digit status text).
inline constexpr int kStatusTableSize = 1000;

class StatusRegistry {
 public:
  // The entry for any integer. Numbers outside 0..999 get the shared out-of-range sentinel
  // (code -1, kind Invalid). Never allocates.
  static const StatusInfo& lookup(long long code) noexcept;

  // Parses status text as it appears in a log: exactly three ASCII digits give a number
  // (so "000" is 0); anything else ("-", "", "2OO", "0200", "-1") gives nullopt.
  static std::optional<int> parse_code(std::string_view text) noexcept;

  // Classifies raw status text: lookup(parse_code(text)) when it parses; otherwise the
  // missing-status sentinel for "" and "-", or the non-numeric sentinel.
  static const StatusInfo& classify_text(std::string_view text) noexcept;

  // Every number with an entry, in ascending order.
  static std::span<const StatusInfo* const> known() noexcept;

  // The sentinels, exposed so that summaries can count them by identity.
  static const StatusInfo& missing_status() noexcept;
  static const StatusInfo& non_numeric_status() noexcept;
  static const StatusInfo& out_of_range_status() noexcept;

  // True when `text` names this status: its name, an alias, or another origin's name.
  // Comparison ignores ASCII case, surrounding spaces, enclosing parentheses and trailing
  // parenthesised qualifiers, so "Processing (Deprecated)", "unused" and "(Unused)" match.
  static bool matches_name(const StatusInfo& info, std::string_view text) noexcept;
};

}  // namespace statuslint
