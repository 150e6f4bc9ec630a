#include "statuslint/routes/route_mask.hpp"

#include <array>
#include <cstring>

namespace statuslint {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int hex_value(char c) noexcept {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Hex of 8 or more with a digit: a hash, an object id, a short commit. The digit keeps words
// made of a-f ("deadbeef", "facade") literal.
bool is_hex_id(std::string_view s) noexcept {
  if (s.size() < 8) return false;
  bool digit = false;
  for (const char c : s) {
    if (!is_hex(c)) return false;
    digit = digit || is_digit(c);
  }
  return digit;
}

bool is_uuid(std::string_view s) noexcept {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

// A ULID: 26 characters of Crockford's base32 (no I, L, O, U), the first at most 7, with a
// digit and a letter (so that a long word in capitals is not one).
bool is_ulid(std::string_view s) noexcept {
  if (s.size() != 26 || s[0] < '0' || s[0] > '7') return false;
  bool digit = false;
  bool letter = false;
  for (const char c : s) {
    const char u = is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
    if (is_digit(u)) {
      digit = true;
    } else if (is_upper(u) && u != 'I' && u != 'L' && u != 'O' && u != 'U') {
      letter = true;
    } else {
      return false;
    }
  }
  return digit && letter;
}

// A base64url (or base64) token of 16 or more: upper case, lower case and digits all present,
// which prose and slugs ("release-notes-2024") do not have.
bool is_token(std::string_view s) noexcept {
  if (s.size() < 16) return false;
  bool upper = false;
  bool lower = false;
  bool digit = false;
  size_t i = 0;
  for (; i < s.size() && s[i] != '='; ++i) {
    const char c = s[i];
    upper = upper || is_upper(c);
    lower = lower || is_lower(c);
    digit = digit || is_digit(c);
    if (!is_upper(c) && !is_lower(c) && !is_digit(c) && c != '-' && c != '_' && c != '+') return false;
  }
  for (; i < s.size(); ++i) {
    if (s[i] != '=') return false;  // padding only at the end
  }
  return upper && lower && digit;
}

int two_digits(std::string_view s, size_t at) noexcept { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// YYYY-MM-DD, alone or starting a time stamp (2026-12-02T18:43:44Z).
bool is_date(std::string_view s) noexcept {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (const size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(s[i])) return false;
  }
  const int month = two_digits(s, 5);
  const int day = two_digits(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return s.size() == 10 || s[10] == 'T' || s[10] == 't' || s[10] == ' ' || s[10] == '_';
}

bool is_ipv4(std::string_view s) noexcept {
  int parts = 0;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = i;
    int value = 0;
    while (j < s.size() && is_digit(s[j]) && j - i < 3) value = value * 10 + (s[j++] - '0');
    if (j == i || value > 255) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

// Two colons or more and nothing but hex, colons and dots (an embedded IPv4).
bool is_ipv6(std::string_view s) noexcept {
  if (s.size() < 3 || s.size() > 45) return false;
  int colons = 0;
  for (const char c : s) {
    if (c == ':') {
      ++colons;
    } else if (!is_hex(c) && c != '.') {
      return false;
    }
  }
  return colons >= 2;
}

bool is_email(std::string_view s) noexcept {
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (const char c : domain) {
    if (!is_upper(c) && !is_lower(c) && !is_digit(c) && c != '-' && c != '.') return false;
  }
  return true;
}

bool is_version(std::string_view s) noexcept {
  return s.size() >= 2 && (s[0] == 'v' || s[0] == 'V') && all_digits(s.substr(1));
}

// A content hash in a file name: `app.3f9a1c2e.js`, `chunk.5b1d09c4e7a2.min.css`. Only the
// parts between the first and the last dot are judged, so the name and the extension stay.
bool mask_hashed_file(std::string_view s, std::string& out) {
  const size_t first = s.find('.');
  const size_t last = s.rfind('.');
  if (first == std::string_view::npos || first == last || first == 0) return false;
  bool masked = false;
  out.clear();
  out.append(s.substr(0, first));
  size_t at = first;
  while (at < last) {
    const size_t next = s.find('.', at + 1);
    const std::string_view part = s.substr(at + 1, next - at - 1);
    out += '.';
    if (is_hex_id(part) || is_token(part)) {
      out += "{hash}";
      masked = true;
    } else {
      out.append(part);
    }
    at = next;
  }
  out.append(s.substr(last));
  return masked;
}

}  // namespace

void append_percent_decoded(std::string_view raw, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    int hi = -1;
    int lo = -1;
    if (raw[i] == '%' && i + 2 < raw.size() && (hi = hex_value(raw[i + 1])) >= 0 && (lo = hex_value(raw[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += raw[i];
    }
  }
}

std::string_view route_path(std::string_view target) noexcept {
  // Absolute form (a proxy's log): drop the scheme and authority.
  if (target.size() > 7 && target[0] != '/') {
    const size_t scheme = target.find("://");
    if (scheme != std::string_view::npos && scheme > 0 && scheme < 10) {
      const size_t path = target.find('/', scheme + 3);
      const size_t query = target.find('?', scheme + 3);
      if (path == std::string_view::npos || (query != std::string_view::npos && query < path)) return "/";
      target.remove_prefix(path);
    }
  }
  if (target.empty()) return target;
  // memchr, not a loop: this runs for every record whose target the routes memo misses.
  if (const void* q = std::memchr(target.data(), '?', target.size())) {
    target = target.substr(0, static_cast<size_t>(static_cast<const char*>(q) - target.data()));
  }
  if (const void* h = std::memchr(target.data(), '#', target.size())) {
    target = target.substr(0, static_cast<size_t>(static_cast<const char*>(h) - target.data()));
  }
  return target;
}

std::uint16_t RouteMasker::segment_mask(std::string_view s) noexcept {
  if (s.empty() || is_version(s)) return 0;
  if (all_digits(s)) return kMaskInteger;
  if (is_uuid(s) || is_ulid(s)) return kMaskUuid;
  if (is_date(s)) return kMaskDate;
  if (is_ipv4(s) || is_ipv6(s)) return kMaskIp;
  if (is_email(s)) return kMaskEmail;
  if (is_hex_id(s)) return kMaskHex;
  if (is_token(s)) return kMaskToken;
  return 0;
}

std::string_view RouteMasker::placeholder(std::uint16_t mask) noexcept {
  switch (mask) {
    case kMaskInteger:
      return "{int}";
    case kMaskUuid:
      return "{uuid}";
    case kMaskHex:
      return "{hex}";
    case kMaskToken:
      return "{token}";
    case kMaskDate:
      return "{date}";
    case kMaskEmail:
      return "{email}";
    case kMaskIp:
      return "{ip}";
    case kMaskAuthority:
      return "{authority}";
    default:
      return kVarSegment;
  }
}

std::string_view RouteMasker::mask(std::string_view target, std::uint16_t& reasons) {
  reasons = 0;
  const std::string_view path = route_path(target);
  out_.clear();
  if (path.empty()) return out_;
  if (path[0] != '/') {
    // "*" (OPTIONS) is a route; CONNECT's host:port and other targets are values.
    if (path == "*") return path;
    reasons = kMaskAuthority;
    return placeholder(kMaskAuthority);
  }
  size_t at = 0;
  while (at < path.size()) {
    // path[at] is a '/'.
    out_ += '/';
    size_t end = at + 1;
    while (end < path.size() && path[end] != '/') ++end;
    const std::string_view raw = path.substr(at + 1, end - at - 1);
    std::string_view segment = raw;
    if (raw.find('%') != std::string_view::npos) {
      decoded_.clear();
      append_percent_decoded(raw, decoded_);
      segment = decoded_;
    }
    const std::uint16_t m = segment_mask(segment);
    if (m != 0) {
      out_.append(placeholder(m));
      reasons |= m;
    } else if (mask_hashed_file(segment, file_)) {
      out_.append(file_);
      reasons |= kMaskHashedFile;
    } else {
      out_.append(raw);
    }
    at = end;
  }
  return out_;
}

}  // namespace statuslint
