#include "input_options.hpp"

#include <algorithm>
#include <sstream>
#include <thread>

#include "statuslint/formats/input_format.hpp"
#include "statuslint/record/timestamp.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

namespace {

// The report is the same for every chunk size; below this one, a chunk costs more to hand to a
// worker than to parse (--chunk-size 1 ran 260 times slower than the default).
constexpr size_t kMinChunkBytes = size_t{64} << 10;

std::int64_t parse_time_option(const std::string& text, const char* option) {
  auto t = parse_iso8601_time(text);
  if (!t) t = parse_epoch_time(text);
  if (!t && text.size() == 10) t = parse_iso8601_time(text + "T00:00:00Z");
  if (!t) {
    throw po::error(std::string("--") + option +
                    " expects a time such as 2026-11-21T10:00:00Z, 2026-11-21, or epoch seconds, not '" + text + "'");
  }
  return *t;
}

}  // namespace

// "64K", "1M", "16MiB", "4096" -> bytes.
size_t parse_size(const std::string& text, const char* option) {
  size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &pos);
  } catch (const std::exception&) {
    throw po::error(std::string("--") + option + " expects a size such as 4096, 64K or 16M, not '" + text + "'");
  }
  std::string unit = text.substr(pos);
  if (unit.size() == 3 && (unit[1] == 'i' || unit[1] == 'I') && (unit[2] == 'B' || unit[2] == 'b')) unit.resize(1);
  unsigned shift = 0;
  if (unit == "k" || unit == "K")
    shift = 10;
  else if (unit == "m" || unit == "M")
    shift = 20;
  else if (unit == "g" || unit == "G")
    shift = 30;
  else if (!unit.empty())
    throw po::error(std::string("--") + option + ": unknown unit '" + unit + "' (use K, M or G)");
  if (n == 0) throw po::error(std::string("--") + option + " must be positive");
  return static_cast<size_t>(n) << shift;
}

std::string preset_list() {
  std::ostringstream s;
  const auto line = [&s](std::string_view name, std::string_view description) {
    s << "  " << name << std::string(name.size() < 16 ? 16 - name.size() : 1, ' ') << description << '\n';
  };
  for (const InputFormat::Preset& p : InputFormat::presets()) line(p.name, p.description);
  s << "\nEnvelopes, detected around the lines of any format above (the format is then shown\n"
       "as ENVELOPE/FORMAT): docker (json-file), cri (Kubernetes), compose, kubectl (--prefix),\n"
       "syslog (RFC 3164, journalctl short and short-iso), syslog5424.\n";
  s << "\n--json-field FIELD names: " << JsonLineFormat::target_names() << '\n';
  return s.str();
}

void InputOptions::add_to(po::options_description& options) {
  options.add_options()("log-format,l", po::value(&log_format)->value_name("SPEC"),
                        "input format: a preset name (below), an nginx log_format string ('$remote_addr ...'),\n"
                        "an Apache LogFormat string ('%h %l %u %t \"%r\" %>s %b'), nginx:STR / apache:STR,\n"
                        "a JSON-lines preset (below), json (fields from --json-field only), or har.\n"
                        "Default: detected from the first bytes of each input.")(
      "json-field", po::value(&json_fields)->value_name("FIELD=PATH")->composing(),
      "where a record field sits in JSON lines, e.g. status=resp.code or path=req.uri\n"
      "(nested keys with '.'); adjusts a JSON preset or defines the map for -l json.\n"
      "Repeatable.")("jobs,j", po::value(&jobs)->value_name("N"),
                     "threads in all (default: all cores); up to N inputs are read at once")(
      "since", po::value(&since)->value_name("TIME"),
      "only records at or after TIME (2026-11-21T10:00:00Z, with an offset, or epoch seconds)")(
      "until", po::value(&until)->value_name("TIME"), "only records before TIME")(
      "max-line-bytes", po::value(&max_line)->value_name("SIZE"),
      "longer lines are malformed and skipped without buffering (default 16M)")(
      "chunk-size", po::value(&chunk_size)->value_name("SIZE"),
      "bytes per parsing chunk (default 1M; at least 64K: smaller values are raised to it,\n"
      "since below that handing chunks to threads costs more than parsing them)")("quiet,q", po::bool_switch(&quiet),
                                                                                  "no notes or progress on stderr");
}

void InputOptions::apply(ScanOptions& out) const {
  if (jobs == 0) throw po::error("--jobs must be at least 1");
  out.threads = jobs;
  out.chunk_bytes = std::max(parse_size(chunk_size, "chunk-size"), kMinChunkBytes);
  out.max_line_bytes = parse_size(max_line, "max-line-bytes");
  for (const std::string& f : json_fields) out.json_overrides.push_back(JsonLineFormat::parse_mapping(f));
  if (!log_format.empty()) out.format = InputFormat::from_spec(log_format, out.json_overrides);
  if (!since.empty()) out.collect.since = parse_time_option(since, "since");
  if (!until.empty()) out.collect.until = parse_time_option(until, "until");
}

}  // namespace statuslint::cli
