#include "statuslint/format_detection.hpp"

#include <vector>

namespace statuslint {
namespace {

std::vector<std::string_view> sample_lines(std::string_view text, size_t max_lines) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < max_lines) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    lines.push_back(line);
  }
  return lines;
}

bool is_w3c_directive(std::string_view line) {
  for (std::string_view d : {"#Software:", "#Version:", "#Fields:", "#Date:", "#Remark:", "#Start-Date:"}) {
    if (line.starts_with(d)) return true;
  }
  return false;
}

}  // namespace

FormatDetection detect_format(std::string_view sample, size_t max_lines) {
  FormatDetection result;
  const auto lines = sample_lines(sample, max_lines);
  result.sampled = lines.size();
  if (lines.empty()) {
    result.explanation = "no lines to detect a format from";
    return result;
  }
  if (is_w3c_directive(lines.front())) {
    result.format = LogFormat::preset("w3c");
    result.fitted = result.sampled;
    result.explanation = "w3c (starts with W3C '#' directives)";
    return result;
  }
  size_t best_score = 0;
  std::string tried;
  for (const LogFormat::PresetInfo& preset : LogFormat::presets()) {
    if (preset.name == "w3c") continue;
    auto fmt = LogFormat::preset(preset.name);
    size_t whole = 0, extra = 0;
    Record r;
    ParseError err;
    for (std::string_view line : lines) {
      switch (fmt->parse(line, r, err)) {
        case LogFormat::Fit::Whole: ++whole; break;
        case LogFormat::Fit::ExtraFields: ++extra; break;
        case LogFormat::Fit::Malformed: break;
      }
    }
    const size_t score = 2 * whole + extra;
    tried += (tried.empty() ? "" : ", ") + std::string(preset.name) + " " + std::to_string(whole + extra);
    if (score > best_score) {
      best_score = score;
      result.format = std::move(fmt);
      result.fitted = whole + extra;
    }
  }
  const std::string of = " of " + std::to_string(result.sampled) + " sample lines";
  if (result.format == nullptr || 2 * result.fitted < result.sampled) {
    result.format = nullptr;
    result.explanation = "no preset fits at least half of the first " + std::to_string(result.sampled) +
                         " lines (lines fitted: " + tried + "); give --log-format";
    return result;
  }
  result.explanation = result.format->name() + " (" + std::to_string(result.fitted) + of + ")";
  return result;
}

}  // namespace statuslint
