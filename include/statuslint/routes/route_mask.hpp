// Routes, stage one: a request path to its route template by typed masks, one path segment at
// a time, with no state. `/users/81723/orders/9f8e2a0c` becomes `/users/{int}/orders/{hex}`.
//
// Stateless on purpose: a template depends only on its own path, so exact counts keyed on it
// are the same for every -j, chunk size, byte-range shard and merge order. What no mask can
// recognise (user and repository names) is left to the report-time collapse (route_tree.hpp),
// which runs over the merged counts for the same reason.
//
// A segment is percent-decoded before it is judged, and written as it came when no mask takes
// it. `v1`, `v2`, ... are never masked (API versions are routes, not values).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace statuslint {

// Why a segment was masked: one bit per mask (and kMergedByCardinality for route_tree's
// collapse). A template keeps the union of its segments' bits.
enum RouteMask : std::uint16_t {
  kMaskInteger = 1U << 0,
  kMaskUuid = 1U << 1,  // UUID or ULID
  kMaskHex = 1U << 2,
  kMaskToken = 1U << 3,  // base64url of 16+ characters mixing upper case, lower case and digits
  kMaskDate = 1U << 4,
  kMaskEmail = 1U << 5,
  kMaskIp = 1U << 6,
  kMaskHashedFile = 1U << 7,  // app.3f9a1c2e.js
  kMaskAuthority = 1U << 8,   // CONNECT's host:port, or a target that is no path
  kMergedByCardinality = 1U << 9,
  kMergedByRule = 1U << 10,  // a --route rule or an OpenAPI path
};

// The names of the bits, in bit order, as reports write them ("int", "uuid", ..., "cardinality").
inline constexpr std::string_view kRouteMaskNames[] = {"int", "uuid", "hex",       "token",       "date", "email",
                                                       "ip",  "hash", "authority", "cardinality", "rule"};

// The placeholder a masked segment becomes.
inline constexpr std::string_view kVarSegment = "{var}";

// Masks one path into a template. Holds only reused buffers: after the first few paths it
// allocates nothing.
class RouteMasker {
 public:
  // The template of `target` (a request target: origin form, absolute form or authority form);
  // the query and fragment are dropped. The view is into this masker and valid until the next
  // call. `reasons` gets the masks used.
  std::string_view mask(std::string_view target, std::uint16_t& reasons);

  // The mask a lone segment gets (0 when it stays literal), after percent-decoding it.
  static std::uint16_t segment_mask(std::string_view decoded) noexcept;
  static std::string_view placeholder(std::uint16_t mask) noexcept;

 private:
  std::string out_;
  std::string decoded_;
  std::string file_;
};

// Appends `raw` to `out` with its %XX escapes decoded; a '%' without two hex digits stays.
void append_percent_decoded(std::string_view raw, std::string& out);

// The path of a request target: no scheme and authority (absolute form), no query, no fragment.
std::string_view route_path(std::string_view target) noexcept;

}  // namespace statuslint
