// key=value access lines (logfmt): Heroku's router ("at=info method=GET path="/" ...
// status=200 bytes=1548 service=12ms"), Rails' lograge, Go services' loggers.
//
// A field map says which key fills which record field (the same targets as --json-field);
// each line is read once, pair by pair, with views into the line (a quoted value with
// escapes is unescaped into a buffer reused from line to line). Durations may carry their
// unit ("12ms", "850µs", "0.5s"): the unit written wins over the map's.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/json_line_format.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {

class LogfmtFormat {
 public:
  using Mapping = JsonLineFormat::Mapping;  // target and key

  struct PresetInfo {
    std::string_view name;
    std::string_view description;
    std::string_view sample;  // a file under samples/ in this layout
  };
  // Presets: heroku-router, lograge. nullptr for an unknown name.
  static std::shared_ptr<const LogfmtFormat> preset(std::string_view name);
  static std::span<const PresetInfo> presets() noexcept;
  // A map from scratch, or a preset with `overrides`; throws FormatError for an unknown
  // target or a map without status.
  static std::shared_ptr<const LogfmtFormat> from_mappings(std::string name, std::span<const Mapping> mappings);
  static std::shared_ptr<const LogfmtFormat> with_overrides(const LogfmtFormat& base,
                                                            std::span<const Mapping> overrides);

  // Calls f(key, value) for each pair of `line`, values unquoted (escapes left as written);
  // returns the number of pairs. Words without '=' are skipped.
  template <typename F>
  static size_t for_each_pair(std::string_view line, F&& f);

  enum class Parsed : std::uint8_t { Record, Malformed, Other };
  // Parses one line into `record`, which it first empties. A line without the status key is
  // Other (an application's own message in the same stream).
  // `scratch` holds unescaped values until the next call.
  Parsed parse(std::string_view line, Record& record, std::string& scratch, std::string_view& reason) const;

  const std::string& name() const noexcept { return name_; }
  std::span<const Mapping> mappings() const noexcept { return mappings_; }
  bool is_preset() const noexcept { return preset_; }

 private:
  LogfmtFormat() = default;
  struct Field {
    std::string key;
    JsonTarget target;
  };
  std::string name_;
  std::vector<Mapping> mappings_;
  std::vector<Field> fields_;
  bool preset_ = false;
};

// A duration's unit written after it ("12ms", "850µs", "1.5s"): the number before it and the
// unit, or the text as it is and `otherwise`.
std::string_view strip_duration_unit(std::string_view text, DurationUnit otherwise, DurationUnit& unit) noexcept;

template <typename F>
size_t LogfmtFormat::for_each_pair(std::string_view line, F&& f) {
  size_t pairs = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t key_start = i;
    while (i < line.size() && line[i] != '=' && line[i] != ' ' && line[i] != '\t' && line[i] != '"') ++i;
    if (i >= line.size() || line[i] != '=' || i == key_start) {
      // A word without a value (a message, a level): skipped, quoted words whole.
      if (i < line.size() && line[i] == '"') {
        for (++i; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\') ++i;
        }
        ++i;
      }
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      continue;
    }
    const std::string_view key = line.substr(key_start, i - key_start);
    ++i;  // '='
    std::string_view value;
    if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
      const char quote = line[i];
      const size_t start = ++i;
      while (i < line.size() && line[i] != quote) {
        if (line[i] == '\\') ++i;
        ++i;
      }
      value = line.substr(start, std::min(i, line.size()) - start);
      if (i < line.size()) ++i;
    } else {
      const size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      value = line.substr(start, i - start);
    }
    f(key, value);
    ++pairs;
  }
  return pairs;
}

}  // namespace statuslint
