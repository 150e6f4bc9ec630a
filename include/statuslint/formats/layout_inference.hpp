// Inference for layouts no preset knows. Format detection falls back on it when no preset
// reads an input convincingly, and says so: the inferred layout is printed as the options that
// read it the same way (--log-format with a format string, or --json-field), so a user can
// check it and pin it.
//
// - JSON lines: which key holds the status (from every key path of the sample, by name and by
//   value: 100..599, as a number or a numeric string), then method, path, time, client,
//   bytes, user agent, referrer, host and duration the same way.
// - key=value lines (logfmt): the same, over the keys.
// - text lines: the request line (quoted or not), a three-digit status in the same column on
//   every line, the time (any syntax statuslint reads), and the client, bytes and request
//   time where they are unambiguous; the result is an nginx format string.
//
// Inference never guesses a unit it cannot read from a name, and never maps a field it cannot
// tell apart from another: a layout it cannot read convincingly is refused, not misread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/json_line_format.hpp"

namespace statuslint {

struct FieldMapInference {
  std::vector<JsonLineFormat::Mapping> mappings;  // empty when no status key was found
  std::string why;  // what was found, for the explanation: "status from http.response.status_code"
};

// The field map of JSON `lines` (one object each), or none.
FieldMapInference infer_json_fields(std::span<const std::string_view> lines);

// The field map of key=value `lines` ("at=info method=GET path=/ status=200"), or none. Keys
// are plain names; a nested path never appears.
FieldMapInference infer_logfmt_fields(std::span<const std::string_view> lines);

struct TextInference {
  std::string format;  // an nginx log_format string ("" when nothing convincing was found)
  std::string why;
};
// The layout of text `lines`, as an nginx format string that LogFormat::from_nginx compiles.
TextInference infer_text_layout(std::span<const std::string_view> lines);

}  // namespace statuslint
