// A progress line on stderr for long runs on a terminal: the input, bytes of the file read so
// far (compressed bytes for compressed files, so the ETA holds), MB/s and ETA. Updated by the
// reading thread at most five times a second; silent when stderr is not a terminal, so logs
// and CI output never fill with carriage returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace statuslint {

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  static bool stderr_is_terminal() noexcept;
  bool enabled() const noexcept { return enabled_; }

  // `path` is stat'ed for its size; `display_name` is shown as it is, so the caller makes it
  // safe for a terminal (report/escaping's terminal_safe).
  void start_input(const std::string& path, std::string display_name);
  // `raw_bytes`: bytes of the input file consumed so far.
  void advance(std::uint64_t raw_bytes);
  void end_input();

 private:
  void draw(std::uint64_t raw_bytes);

  bool enabled_;
  bool drawn_ = false;
  std::string name_;
  std::uint64_t size_ = 0;  // 0 when unknown (stdin, pipes)
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace statuslint
