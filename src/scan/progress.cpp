#include "statuslint/scan/progress.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

#include <utility>

namespace statuslint {
namespace {

std::string human(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  size_t u = 0;
  while (bytes >= 1000 && u + 1 < std::size(units)) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", bytes, units[u]);
  return buf;
}

}  // namespace

Progress::~Progress() { end_input(); }

bool Progress::stderr_is_terminal() noexcept { return ::isatty(STDERR_FILENO) != 0; }

void Progress::start_input(const std::string& path, std::string display_name) {
  if (!enabled_) return;
  name_ = std::move(display_name);
  size_ = 0;
  struct stat st {};
  if (path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    size_ = static_cast<std::uint64_t>(st.st_size);
  start_ = std::chrono::steady_clock::now();
  last_draw_ = {};  // the first advance draws at once; later ones at most every 200 ms
}

void Progress::advance(std::uint64_t raw_bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  draw(raw_bytes);
}

void Progress::draw(std::uint64_t raw_bytes) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(raw_bytes) / seconds : 0;
  std::string line = "\rstatuslint: " + name_ + "  " + human(static_cast<double>(raw_bytes));
  if (size_ > 0) line += " of " + human(static_cast<double>(size_));
  line += "  " + human(rate) + "/s";
  if (size_ > raw_bytes && rate > 0) {
    line += "  ETA " + std::to_string(std::llround(static_cast<double>(size_ - raw_bytes) / rate)) + " s";
  }
  line += "\x1b[K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::end_input() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace statuslint
