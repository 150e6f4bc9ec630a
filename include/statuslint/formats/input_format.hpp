// What kind of input a scan reads and how: a line-oriented text format (presets, nginx,
// Apache, W3C), a JSON-lines field map, or HAR.
//
// The CLI builds one from --log-format (and --json-field); format detection builds one from
// an input's first bytes; the scanner dispatches on it once per input.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/envelope.hpp"
#include "statuslint/formats/json_line_format.hpp"
#include "statuslint/formats/logfmt_format.hpp"
#include "statuslint/formats/log_format.hpp"

namespace statuslint {

struct InputFormat {
  // A text format, a JSON-lines map, or both: a stream of JSON lines with text access lines
  // among them (lines that do not start with '{' are read with `text`).
  std::shared_ptr<const LogFormat> text;
  std::shared_ptr<const JsonLineFormat> json;
  std::shared_ptr<const LogfmtFormat> logfmt;  // key=value lines (alone: never beside text or JSON)
  bool har = false;
  Envelope envelope;  // around each line (text and JSON lines only)
  // Text presets a server mixes with `text` (LogFormat::siblings): lines that fail `text` are
  // tried with these, and counted per format.
  std::vector<std::shared_ptr<const LogFormat>> siblings;

  bool empty() const noexcept { return text == nullptr && json == nullptr && logfmt == nullptr && !har; }
  std::string name() const;
  // The options that read an input this way, to pin a guess: "--log-format combined", or
  // "--log-format json --json-field status=code ..." (shell-quoted where needed).
  std::string pin() const;

  // A --log-format value: a text preset or format string (see LogFormat::from_spec), a
  // JSON-lines preset (nginx-json, caddy, traefik-json), "json" (a field map given entirely
  // by `overrides`), a key=value preset (heroku-router, lograge), "logfmt" (a key map given
  // by `overrides`), or "har". `overrides` (--json-field) adjust JSON and key=value presets.
  // Throws FormatError.
  static InputFormat from_spec(std::string_view spec, std::span<const JsonLineFormat::Mapping> overrides = {});

  // Every name from_spec knows (text, JSON-lines and key=value presets, and har), in the order
  // `scan --help` and `detect --list-presets` list them, each with its sample.
  struct Preset {
    enum class Kind : std::uint8_t { Text, JsonLines, KeyValue, Har };
    std::string_view name;
    std::string_view description;
    std::string_view sample;       // a file under samples/
    std::string_view detected_as;  // the name detection gives its lines (another preset's, or its own)
    Kind kind = Kind::Text;
  };
  static std::vector<Preset> presets();
};

}  // namespace statuslint
