#include "statuslint/formats/input_format.hpp"

namespace statuslint {

std::string InputFormat::name() const {
  std::string inner = har                                  ? "har"
                      : json != nullptr && text != nullptr ? json->name() + "+" + text->name()
                      : json != nullptr                    ? json->name()
                      : text != nullptr                    ? text->name()
                                                           : "";
  if (envelope.none() || inner.empty()) return inner;
  return std::string(envelope.name()) + "/" + inner;
}

InputFormat InputFormat::from_spec(std::string_view spec, std::span<const JsonLineFormat::Mapping> overrides) {
  InputFormat f;
  if (spec == "har" || spec == "HAR") {
    f.har = true;
    return f;
  }
  if (spec == "json") {
    f.json = JsonLineFormat::from_mappings("json", overrides);
    return f;
  }
  if (auto preset = JsonLineFormat::preset(spec)) {
    f.json = overrides.empty() ? preset : JsonLineFormat::with_overrides(*preset, overrides);
    return f;
  }
  if (!overrides.empty()) {
    throw FormatError("--json-field applies to JSON-lines formats (nginx-json, caddy, traefik-json, json), not '" +
                          std::string(spec) + "'",
                      0);
  }
  f.text = LogFormat::from_spec(spec);
  f.siblings = LogFormat::siblings(spec);
  return f;
}

}  // namespace statuslint
