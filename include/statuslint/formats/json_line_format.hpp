// JSON-lines access logs: one JSON object per line (nginx `escape=json`, Caddy, Traefik).
//
// A field map says where each record field sits in the object ("status", "request.method",
// nested paths allowed); it is compiled once into a small tree of keys, and each line is
// walked once with simdjson's On-Demand API, visiting only the keys the map names. Values may
// be strings or numbers (nginx writes "status":"200"); arrays give their first element
// (Caddy's header values). Records hold views into the line or into the thread's simdjson
// string buffer, valid until the next line.
#pragma once

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/log_format.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {

// What a JSON field fills in a record.
struct JsonTarget {
  LogField field = LogField::Ignore;
  TimeSyntax time_syntax = TimeSyntax::None;
  DurationUnit unit = DurationUnit::None;
  bool headers = false;          // an object of response headers: {"Name": "v"} or {"Name": ["v", ...]}
  bool request_headers = false;  // the same, of the request's headers
};

class JsonLineFormat {
 public:
  struct Mapping {
    std::string target;  // record field name as the user writes it: status, method, path, ...
    std::string path;    // dotted path in the object: "request.method"
  };

  // Presets: nginx-json, caddy, traefik-json. nullptr for an unknown name.
  static std::shared_ptr<const JsonLineFormat> preset(std::string_view name);
  struct PresetInfo {
    std::string_view name;
    std::string_view description;
    std::string_view sample;  // a file under samples/ in this layout, built from the vendor's documentation
  };
  static std::span<const PresetInfo> presets() noexcept;
  // A map from scratch, or a preset with `overrides` replacing or adding fields. Throws
  // FormatError for an unknown target name, an empty path or a map without status.
  static std::shared_ptr<const JsonLineFormat> from_mappings(std::string name, std::span<const Mapping> mappings);
  static std::shared_ptr<const JsonLineFormat> with_overrides(const JsonLineFormat& base,
                                                              std::span<const Mapping> overrides);
  // "status=resp.code" -> {"status", "resp.code"}; throws FormatError.
  static Mapping parse_mapping(std::string_view text);
  // The target names --json-field accepts, for help and errors.
  static std::string target_names();
  // The record field a target name fills (Ignore for an unknown name, or for headers).
  static LogField target_field(std::string_view target) noexcept;
  // What a target name fills, with its time syntax and unit; nullptr for an unknown name.
  static const JsonTarget* target(std::string_view name) noexcept;

  // What a line turned out to be. A well-formed JSON object without the status key is not
  // a broken access line but another event (a server's start-up or TLS message, a debug
  // line from another logger): it is `Other`, not `Malformed`.
  enum class Parsed : std::uint8_t { Record, Malformed, Other };

  // Parses one line into `record`, which it first empties: keys come and go between lines,
  // and a field this line lacks must not keep an earlier line's value. For Malformed and
  // Other, sets `reason` (a static sentence) and `column` (0-based byte offset, where known).
  // `headers` is storage reused from line to line for the record's header views.
  Parsed parse(std::string_view line, Record& record, std::vector<Header>& headers, std::string_view& reason,
               std::uint32_t& column) const;

  const std::string& name() const noexcept { return name_; }
  std::span<const Mapping> mappings() const noexcept { return mappings_; }
  // A preset as it is (no --json-field changed it): --log-format NAME reads the same way.
  bool is_preset() const noexcept { return preset_; }

  struct Node;

 private:
  JsonLineFormat() = default;
  std::string name_;
  std::vector<Mapping> mappings_;
  std::shared_ptr<const Node> root_;
  bool zero_is_no_response_ = false;  // the server writes 0 (or -) when it sent no response
  bool preset_ = false;
};

// Bytes a JSON parser may read past the end of a line; chunk buffers keep this much slack.
inline constexpr size_t kJsonPadding = 64;

}  // namespace statuslint
