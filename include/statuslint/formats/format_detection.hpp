// Format detection: which preset fits the first lines of an input, and inside which
// envelope (formats/envelope): a container runtime's wrapper is recognised first and the
// format is then detected in the lines it holds.
//
// Used when the user gives no --log-format. A HAR is told by its first bytes (starts_like_har).
// Other input that starts with '{' is JSON lines, whose preset is told by its keys
// (DownstreamStatus: Traefik; logger/resp_headers/request object: Caddy; status: nginx).
// W3C logs announce themselves with '#' directives. For the other text formats every preset
// parses a sample of lines and the one that fits most lines wins, with whole-line fits
// counting more than fits with appended fields, and ties going to the more specific preset
// (the order of LogFormat::presets()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/input_format.hpp"
#include "statuslint/formats/plausibility.hpp"

namespace statuslint {

// One format tried on the sample, and what it made of it.
struct DetectionCandidate {
  std::string name;
  size_t first_fit = 0;     // the first sample line it fits
  size_t fitted = 0;        // sample lines it reads (whole, with appended fields, or cut short)
  size_t valid_status = 0;  // of those, lines with a valid status (100..599, or no response)
  long points = 0;          // fits, plus the plausibility of every field it read (plausibility.hpp)
  bool acceptable = false;
  std::string why_not;  // when not acceptable: "reads a valid status on 0 of the 19 lines it fits"
};

struct FormatDetection {
  InputFormat format;  // empty when nothing fits
  // Every format tried, the chosen one first, then the best of the rest (empty when the
  // input told its format by itself: HAR, W3C directives, an envelope's inner detection).
  std::vector<DetectionCandidate> candidates;
  size_t sampled = 0;  // non-blank lines looked at
  size_t fitted = 0;   // of those, lines the chosen format parsed
  // A sentence for the user: "combined (20 of 20 sample lines)" or why nothing fits.
  std::string explanation;
};

// What one scan's detections pass on to the next: the text preset that read the last input.
// Many inputs of one command are mostly of one format, and with it scored first the other
// presets can be dropped after the first line they cannot beat it on.
struct DetectionHint {
  std::string text_preset;
};

// Looks at up to `max_lines` non-blank lines at the start of `sample`. `json_overrides`
// (--json-field) are applied to a detected JSON-lines preset.
//
// With a `hint`, a text preset is no longer scored once it provably cannot be chosen (the
// lines left cannot lift its points past the leader's), and it is left out of `candidates`.
// The chosen format, its explanation and every refusal are the same as without (a refusal
// has no leader, so nothing is left out); only the list of losing candidates is shorter,
// which is why `statuslint detect`, which shows them all, passes none.
FormatDetection detect_format(std::string_view sample, size_t max_lines = 50,
                              std::span<const JsonLineFormat::Mapping> json_overrides = {},
                              DetectionHint* hint = nullptr);

// What detection made of an input, without scanning it (`statuslint detect`): the chosen
// format (or why none), every candidate tried, and the lines it looked at.
struct InputDetection {
  std::string name;
  bool given = false;         // the format came from --log-format
  FormatDetection detection;  // the format, its candidates, the explanation
  struct SampleLine {
    std::uint64_t number = 0;  // in the input
    std::string text;
  };
  std::vector<SampleLine> lines;  // the first lines detection read
  std::string error;              // why nothing was chosen, or the input could not be read
};

// One field of a line as a format reads it, for people to check a guess at a glance
// (`statuslint detect`, and refusals).
struct LabelledField {
  std::string name;   // as the format writes it: "%h", "$remote_addr", a JSON key path, "envelope time"
  std::string field;  // what it fills: "client", "status"; "" when captured and ignored
  std::string value;
  Plausible verdict = Plausible::Absent;
};
struct LabelledLine {
  std::string fit;  // "whole", "appended fields", "truncated", or why it does not fit
  std::vector<LabelledField> fields;
};
// Reads `line` with `format` (its envelope first) and labels every field.
LabelledLine label_line(const InputFormat& format, std::string_view line);

// True when `head` (an input's first bytes, after a byte order mark) opens a HAR: an object
// whose first member is "log" with an object value. Told from the bytes, not from lines, so
// a one-line export is one whatever its length. Docker's {"log":"<line>"} is no HAR.
bool starts_like_har(std::string_view head) noexcept;

// The envelope around the first `max_lines` non-blank lines of `sample`, for a format the
// user gave: the envelope is still found by itself, and taken when `given` reads more lines
// inside it than outside.
Envelope detect_envelope(std::string_view sample, const InputFormat& given, size_t max_lines = 50);

}  // namespace statuslint
