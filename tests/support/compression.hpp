// Test helpers that produce gzip and zstd bytes in memory (the library only decodes).
#pragma once

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace statuslint::test {

inline std::string gzip(std::string_view data) {
  std::string out(data.size() + data.size() / 2 + 1024, '\0');
  isal_zstream s;
  isal_deflate_init(&s);
  s.gzip_flag = IGZIP_GZIP;
  s.end_of_stream = 1;
  s.flush = NO_FLUSH;
  s.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uint32_t>(data.size());
  s.next_out = reinterpret_cast<uint8_t*>(out.data());
  s.avail_out = static_cast<uint32_t>(out.size());
  if (isal_deflate(&s) != COMP_OK || s.internal_state.state != ZSTATE_END) throw std::runtime_error("gzip failed");
  out.resize(s.total_out);
  return out;
}

inline std::string zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd failed");
  out.resize(n);
  return out;
}

}  // namespace statuslint::test
