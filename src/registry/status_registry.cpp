#include "statuslint/registry/status_registry.hpp"

#include <array>

#include "registry/registry_table.hpp"
#include "statuslint/text.hpp"

namespace statuslint {
namespace {

using namespace std::string_view_literals;

constexpr StatusInfo kMissing{
    -1, "(missing status)", StatusKind::Invalid, "statuslint", {}, "The log line has no status (empty or '-').", {},
    {}};
constexpr StatusInfo kNonNumeric{-1,
                                 "(non-numeric status)",
                                 StatusKind::Invalid,
                                 "statuslint",
                                 {},
                                 "The status is not exactly three ASCII digits.",
                                 {},
                                 {}};
constexpr StatusInfo kOutOfRange{-1,
                                 "(out of range)",
                                 StatusKind::Invalid,
                                 "statuslint",
                                 {},
                                 "The number is outside 0..999 and cannot be an HTTP status.",
                                 {},
                                 {}};

constexpr std::array<std::string_view, kStatusKindCount> kKindNames = {
    "standard", "deprecated", "unused", "provisional", "nonstandard", "unassigned", "invalid"};
constexpr std::array<std::string_view, kStatusClassCount> kClassNames = {"invalid", "1xx", "2xx", "3xx", "4xx", "5xx"};

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reduces a status name to the part that identifies it: "(Unused)" -> "Unused",
// "Processing (Deprecated)" -> "Processing". Qualifiers in parentheses are annotations
// that tables add ("(WebDAV)", "(Experimental)"), not part of the name.
std::string_view core_name(std::string_view s) noexcept {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') return trim(s.substr(1, s.size() - 2));
  while (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open == std::string_view::npos || open == 0) break;
    s = trim(s.substr(0, open));
  }
  return s;
}

bool same_name(std::string_view a, std::string_view b) noexcept {
  // Apostrophes differ between tables ("I'm a teapot" / "I’m a teapot"): compare with the
  // typographic one folded to ASCII.
  constexpr std::string_view kCurly = "\xE2\x80\x99";
  a = core_name(a);
  b = core_name(b);
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    char ca = a[i], cb = b[j];
    if (a.substr(i, 3) == kCurly) {
      ca = '\'';
      i += 2;
    }
    if (b.substr(j, 3) == kCurly) {
      cb = '\'';
      j += 2;
    }
    if (ascii_lower(ca) != ascii_lower(cb)) return false;
    ++i;
    ++j;
  }
  return i == a.size() && j == b.size();
}

}  // namespace

std::string_view to_string(StatusKind kind) noexcept { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view to_string(StatusClass cls) noexcept { return kClassNames[static_cast<size_t>(cls)]; }

std::optional<StatusKind> parse_status_kind(std::string_view name) noexcept {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (iequals_ascii(name, kKindNames[i])) return static_cast<StatusKind>(i);
  }
  return std::nullopt;
}

std::optional<StatusClass> parse_status_class(std::string_view name) noexcept {
  for (size_t i = 0; i < kClassNames.size(); ++i) {
    if (iequals_ascii(name, kClassNames[i])) return static_cast<StatusClass>(i);
  }
  return std::nullopt;
}

const StatusInfo& StatusRegistry::lookup(long long code) noexcept {
  if (code < 0 || code >= kStatusTableSize) return kOutOfRange;
  return detail::kStatusTable[static_cast<size_t>(code)];
}

std::optional<int> StatusRegistry::parse_code(std::string_view text) noexcept {
  if (text.size() != 3) return std::nullopt;
  const unsigned d0 = static_cast<unsigned char>(text[0]) - '0';
  const unsigned d1 = static_cast<unsigned char>(text[1]) - '0';
  const unsigned d2 = static_cast<unsigned char>(text[2]) - '0';
  if (d0 > 9 || d1 > 9 || d2 > 9) return std::nullopt;
  return static_cast<int>(d0 * 100 + d1 * 10 + d2);
}

const StatusInfo& StatusRegistry::classify_text(std::string_view text) noexcept {
  if (auto code = parse_code(text)) return detail::kStatusTable[static_cast<size_t>(*code)];
  if (text.empty() || text == "-") return kMissing;
  return kNonNumeric;
}

std::span<const StatusInfo* const> StatusRegistry::known() noexcept { return detail::known_statuses(); }

const StatusInfo& StatusRegistry::missing_status() noexcept { return kMissing; }
const StatusInfo& StatusRegistry::non_numeric_status() noexcept { return kNonNumeric; }
const StatusInfo& StatusRegistry::out_of_range_status() noexcept { return kOutOfRange; }

bool StatusRegistry::matches_name(const StatusInfo& info, std::string_view text) noexcept {
  if (!info.known()) return false;
  if (same_name(info.name, text)) return true;
  for (std::string_view alias : info.aliases) {
    if (same_name(alias, text)) return true;
  }
  for (const StatusMeaning& meaning : info.also) {
    if (same_name(meaning.name, text)) return true;
  }
  return false;
}

}  // namespace statuslint
