#include "statuslint/record/record.hpp"

namespace statuslint {

const Header* Record::find_header(std::string_view name) const noexcept {
  for (const Header& h : headers) {
    if (h.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      const auto a = static_cast<unsigned char>(h.name[i]), b = static_cast<unsigned char>(name[i]);
      same = (a | 0x20) == (b | 0x20) && ((a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z') ? true : a == b);
    }
    if (same) return &h;
  }
  return nullptr;
}

void Record::set_request_line(std::string_view req) noexcept {
  request = req;
  method = target = protocol = {};
  if (req.empty() || req == "-") return;
  const size_t sp = req.find(' ');
  if (sp == std::string_view::npos) {
    method = req;
    return;
  }
  method = req.substr(0, sp);
  std::string_view rest = req.substr(sp + 1);
  const size_t last = rest.rfind(' ');
  if (last != std::string_view::npos && rest.substr(last + 1).starts_with("HTTP/")) {
    protocol = rest.substr(last + 1);
    rest = rest.substr(0, last);
  }
  target = rest;
}

std::int64_t parse_byte_count(std::string_view v) noexcept {
  if (v.size() == 1 && v[0] == '-') return 0;
  if (v.empty() || v.size() > 18) return -1;
  std::int64_t n = 0;
  for (char c : v) {
    const unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

}  // namespace statuslint
