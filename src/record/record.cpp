#include "statuslint/record/record.hpp"

#include "statuslint/record/location.hpp"
#include "statuslint/text.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace statuslint {

std::string_view to_string(Compression c) noexcept {
  switch (c) {
    case Compression::Gzip:
      return "gzip";
    case Compression::Zstd:
      return "zstd";
    case Compression::None:
      break;
  }
  return "none";
}

const Header* Record::find_header(std::string_view name) const noexcept {
  for (const Header& h : headers) {
    if (iequals_ascii(h.name, name)) return &h;
  }
  return nullptr;
}

const Header* Record::find_request_header(std::string_view name) const noexcept {
  for (const Header& h : request_headers) {
    if (iequals_ascii(h.name, name)) return &h;
  }
  return nullptr;
}

namespace {

// "https://a.example/x?y" -> "https://a.example"; empty without a scheme.
std::string_view origin_of(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const size_t path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path == std::string_view::npos ? url.size() : path);
}

std::string_view without_fragment(std::string_view url) { return url.substr(0, url.find('#')); }

}  // namespace

std::string resolve_reference(std::string_view location, std::string_view request_url) {
  location = without_fragment(location);
  if (location.find("://") != std::string_view::npos) return std::string(location);
  const std::string_view origin = origin_of(request_url);
  if (origin.empty()) return std::string(location);  // an access log's path: compare paths
  if (location.starts_with("//")) return std::string(origin.substr(0, origin.find("://") + 1)) + std::string(location);
  if (location.starts_with("/")) return std::string(origin) + std::string(location);
  std::string_view base = without_fragment(request_url);
  base = base.substr(0, base.find('?'));
  if (location.empty()) return std::string(without_fragment(request_url));
  if (location.starts_with("?")) return std::string(base) + std::string(location);
  return std::string(base.substr(0, base.rfind('/') + 1)) + std::string(location);
}

void Record::resolve_pending() const noexcept {
  if (request_pending_) {
    split_request_line();
  }
  if (bytes_pending_) {
    bytes = parse_byte_count(bytes_text_);
    bytes_pending_ = false;
  }
}

void Record::resolve_bytes_pending() const noexcept {
  bytes = parse_byte_count(bytes_text_);
  bytes_pending_ = false;
}

void Record::set_request_line(std::string_view req) noexcept {
  request = req;
  split_request_line();
}

void Record::split_request_line() const noexcept {
  request_pending_ = false;
  const std::string_view req = request;
  method = path = protocol = {};
  if (req.empty() || req == "-") return;
  // The method's space: methods are short, so find_byte's first word test finds it.
  const size_t sp = find_byte(req, ' ');
  if (sp == req.size()) {
    method = req;
    return;
  }
  method = req.substr(0, sp);
  std::string_view rest = req.substr(sp + 1);
  // Nearly every request line ends in " HTTP/1.1" or " HTTP/1.0": checked in place, before
  // a search back for the last space.
  const size_t n = rest.size();
  if (n >= 9 && rest[n - 9] == ' ' && std::memcmp(rest.data() + n - 8, "HTTP/", 5) == 0 && rest[n - 3] != ' ' &&
      rest[n - 2] != ' ' && rest[n - 1] != ' ') {
    protocol = rest.substr(n - 8);
    path = rest.substr(0, n - 9);
    return;
  }
  const size_t last = rest.rfind(' ');
  if (last != std::string_view::npos && rest.substr(last + 1).starts_with("HTTP/")) {
    protocol = rest.substr(last + 1);
    rest = rest.substr(0, last);
  }
  path = rest;
}

namespace {

// 4 to 8 digits at once (a latency scan reads every record's byte count): two overlapping
// 4-byte loads inside the field (no byte past it is read), '0's put in front up to 8, every
// byte checked to be a digit, then the digits combined in three multiplications (as simdjson's
// parse_eight_digits_unrolled does). Little-endian only: p[0] lands in the lowest byte.
std::int64_t eight_digits(std::string_view v) noexcept {
  const size_t n = v.size();
  std::uint32_t lo = 0, hi = 0;
  std::memcpy(&lo, v.data(), 4);
  std::memcpy(&hi, v.data() + n - 4, 4);
  std::uint64_t w = std::uint64_t{lo} | (std::uint64_t{hi} << ((n - 4) * 8));
  if (n < 8) w = (w << ((8 - n) * 8)) | (0x3030303030303030ull >> (n * 8));
  if (((w & 0xF0F0F0F0F0F0F0F0ull) | (((w + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) >> 4)) !=
      0x3333333333333333ull) {
    return -1;
  }
  w = ((w & 0x0F0F0F0F0F0F0F0Full) * 2561) >> 8;
  w = ((w & 0x00FF00FF00FF00FFull) * 6553601) >> 16;
  return static_cast<std::int64_t>(((w & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32);
}

}  // namespace

std::int64_t parse_byte_count(std::string_view v) noexcept {
  if (v.size() == 1 && v[0] == '-') return 0;
  if (v.empty() || v.size() > 18) return -1;
  if constexpr (std::endian::native == std::endian::little) {
    if (v.size() >= 4 && v.size() <= 8) return eight_digits(v);
  }
  std::int64_t n = 0;
  for (char c : v) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

std::string_view first_address(std::string_view list) noexcept {
  std::string_view first = list.substr(0, list.find(','));
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  return first == "-" || first == "unknown" ? std::string_view() : first;
}

}  // namespace statuslint
