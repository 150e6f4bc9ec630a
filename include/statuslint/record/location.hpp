// Where a record, or a line that is not one, came from: its input, how that input was
// compressed, and its place in it (a line of a log, or an entry of a HAR).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace statuslint {

enum class Compression : std::uint8_t { None, Gzip, Zstd };
std::string_view to_string(Compression c) noexcept;

struct Location {
  enum class Kind : std::uint8_t { Line, Entry };
  Kind kind = Kind::Line;
  std::uint64_t index = 0;  // lines count from 1; HAR entries from 0, as in log.entries[N]

  static constexpr Location line(std::uint64_t n) noexcept { return {Kind::Line, n}; }
  static constexpr Location entry(std::uint64_t n) noexcept { return {Kind::Entry, n}; }
  // "line" or "entry", for reports.
  std::string_view noun() const noexcept { return kind == Kind::Entry ? "entry" : "line"; }
  friend constexpr bool operator==(const Location&, const Location&) = default;
};

// How much of a line (or of an entry's URL) is kept to show in an example.
inline constexpr size_t kExampleBytes = 200;

}  // namespace statuslint
