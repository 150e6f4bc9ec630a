// `statuslint scan`: reads logs, prints the summary.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "commands.hpp"
#include "rule_options.hpp"
#include "statuslint/budget.hpp"
#include "statuslint/ci_report.hpp"
#include "statuslint/input_format.hpp"
#include "statuslint/timestamp.hpp"
#include "statuslint/scanner.hpp"
#include "statuslint/summary_report.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {
namespace {

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
  if (unit == "k" || unit == "K") shift = 10;
  else if (unit == "m" || unit == "M") shift = 20;
  else if (unit == "g" || unit == "G") shift = 30;
  else if (!unit.empty()) throw po::error(std::string("--") + option + ": unknown unit '" + unit + "' (use K, M or G)");
  if (n == 0) throw po::error(std::string("--") + option + " must be positive");
  return static_cast<size_t>(n) << shift;
}

std::string preset_list() {
  std::ostringstream s;
  const auto line = [&s](std::string_view name, std::string_view description) {
    s << "  " << name << std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') << description << '\n';
  };
  for (const LogFormat::PresetInfo& p : LogFormat::presets()) line(p.name, p.description);
  for (const JsonLineFormat::PresetInfo& p : JsonLineFormat::presets()) line(p.name, p.description);
  line("har", "HTTP Archive 1.2 from a browser (one record per entry, with response headers)");
  s << "\n--json-field FIELD names: " << JsonLineFormat::target_names() << '\n';
  return s.str();
}

}  // namespace

int run_scan(const std::vector<std::string>& args) {
  po::options_description visible(
      "Usage: statuslint scan [options] FILE...\n\n"
      "Reads access logs (plain, gzip or zstd, detected from their bytes; - is standard input),\n"
      "classifies every status through the registry and prints a summary per input and overall.\n"
      "Every line is counted as a record, a malformed line (with examples) or a blank line.\n\n"
      "Options");
  std::string log_format, output_format = "text", output_file, chunk_size = "1M", max_line = "16M";
  std::vector<std::string> json_fields;
  std::string fail_on_option;
  std::vector<std::string> max_rates, max_counts;
  std::string bucket, since, until;
  size_t top = 0;
  RuleOptions rule_options;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  size_t examples = 5;
  visible.add_options()
      ("help,h", "show this help")
      ("log-format,l", po::value(&log_format)->value_name("SPEC"),
       "input format: a preset name (below), an nginx log_format string ('$remote_addr ...'),\n"
       "an Apache LogFormat string ('%h %l %u %t \"%r\" %>s %b'), nginx:STR / apache:STR,\n"
       "a JSON-lines preset (below), json (fields from --json-field only), or har.\n"
       "Default: detected from the first bytes of each input.")
      ("json-field", po::value(&json_fields)->value_name("FIELD=PATH")->composing(),
       "where a record field sits in JSON lines, e.g. status=resp.code or path=req.uri\n"
       "(nested keys with '.'); adjusts a JSON preset or defines the map for -l json.\n"
       "Repeatable.")
      ("format", po::value(&output_format)->value_name("FMT"),
       "output: text (default), json, sarif (SARIF 2.1.0), github (Actions annotations), junit")
      ("output,o", po::value(&output_file)->value_name("FILE"), "write the report to FILE instead of stdout")
      ("jobs,j", po::value(&jobs)->value_name("N"), "parsing threads (default: all cores)")
      ("examples", po::value(&examples)->value_name("N"),
       "examples kept per input: malformed lines, and findings per rule\n(default 5; 100 for sarif, github, junit)")
      ("max-line-bytes", po::value(&max_line)->value_name("SIZE"),
       "longer lines are malformed and skipped without buffering (default 16M)")
      ("chunk-size", po::value(&chunk_size)->value_name("SIZE"), "bytes per parsing chunk (default 1M)")
      ("quiet,q", "no notes on stderr (detected formats)")
      ("fail-on", po::value(&fail_on_option)->value_name("LEVEL"),
       "exit 1 when a finding at or above LEVEL exists: error (default), warning, info, none")
      ("max-rate", po::value(&max_rates)->value_name("SEL=PCT")->composing(),
       "exit 1 when more than PCT% of records match SEL: a class (5xx), a code (499),\n"
       "a kind (nonstandard), no_response, or malformed (% of lines). Repeatable.")
      ("max-count", po::value(&max_counts)->value_name("RULE=N")->composing(),
       "exit 1 when rule RULE has more than N findings. Repeatable.")
      ("trends", "count classes and findings per time bucket")
      ("bucket", po::value(&bucket)->value_name("SIZE"), "trend bucket: minute, hour, day or auto (default);\nimplies --trends")
      ("since", po::value(&since)->value_name("TIME"),
       "only records at or after TIME (2026-11-21T10:00:00Z, with an offset, or epoch seconds)")
      ("until", po::value(&until)->value_name("TIME"), "only records before TIME")
      ("top", po::value(&top)->value_name("N"),
       "show the N most frequent paths, hosts and user agents per status class and per rule\n"
       "(bounded memory: Space-Saving sketches; marked approximate when they evict)")
      ("keep-query", "top offenders: keep query strings in paths (default: drop them)");
  rule_options.add_to(visible);
  po::options_description all = visible;
  all.add_options()("input", po::value<std::vector<std::string>>(), "input file");
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  ScanOptions options;
  std::vector<std::string> inputs;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::ostringstream help;
      help << visible << "\nFormat presets (case-insensitive):\n"
           << preset_list()
           << "\nExit codes: 0 clean, 1 findings or gate failed, 2 usage or input error\n"
              "(an unreadable input, an undetectable format, a decode error).\n"
              "\nExamples:\n"
              "  statuslint scan /var/log/nginx/access.log*\n"
              "  statuslint scan --log-format combined --format json access.log.gz\n"
              "  zcat old.gz | statuslint scan -l '$remote_addr [$time_local] \"$request\" $status' -\n";
      return write_stdout(help.str()) ? kExitClean : kExitUsage;
    }
    if (output_format != "text" && output_format != "json" && output_format != "sarif" && output_format != "github" &&
        output_format != "junit") {
      throw po::error("unknown --format '" + output_format + "' (expected text, json, sarif, github or junit)");
    }
    if (!vm.count("input")) throw po::error("no input files (give FILE..., or - for standard input)");
    inputs = vm["input"].as<std::vector<std::string>>();
    if (jobs == 0) throw po::error("--jobs must be at least 1");
    options.threads = jobs;
    options.chunk_bytes = parse_size(chunk_size, "chunk-size");
    options.max_line_bytes = parse_size(max_line, "max-line-bytes");
    const bool ci_format = output_format == "sarif" || output_format == "github" || output_format == "junit";
    options.max_examples = vm.count("examples") || !ci_format ? examples : 100;
    for (const std::string& f : json_fields) options.json_overrides.push_back(JsonLineFormat::parse_mapping(f));
    const auto parse_time = [](const std::string& text, const char* option) {
      auto t = parse_iso8601_time(text);
      if (!t) t = parse_epoch_time(text);
      if (!t && text.size() == 10) t = parse_iso8601_time(text + "T00:00:00Z");
      if (!t) throw po::error(std::string("--") + option + " expects a time such as 2026-11-21T10:00:00Z, 2026-11-21 or epoch seconds, not '" + text + "'");
      return *t;
    };
    if (!since.empty()) options.since = parse_time(since, "since");
    if (!until.empty()) options.until = parse_time(until, "until");
    if (top > 0) {
      options.top_counters = std::max<size_t>(64, 10 * top);
      options.top_keep_query = vm.count("keep-query") > 0;
    }
    if (vm.count("trends") || !bucket.empty()) {
      options.trends = true;
      const auto size = parse_bucket(bucket.empty() ? "auto" : bucket);
      if (!size) throw po::error("--bucket expects minute, hour, day or auto, not '" + bucket + "'");
      options.bucket_seconds = *size > 0 ? *size : kMinute;
    }
    if (!log_format.empty()) options.format = InputFormat::from_spec(log_format, options.json_overrides);
  } catch (const po::error& e) {
    std::cerr << "statuslint scan: " << e.what() << "\nTry 'statuslint scan --help'.\n";
    return kExitUsage;
  } catch (const FormatError& e) {
    std::cerr << "statuslint scan: " << e.what() << '\n';
    return kExitUsage;
  }
  const bool quiet = vm.count("quiet") > 0;

  std::optional<std::string> fail_on_config;
  options.rules = rule_options.build(fail_on_config, std::cerr);
  if (options.rules == nullptr) return kExitUsage;
  std::vector<Budget> budgets;
  try {
    for (const std::string& b : max_rates) budgets.push_back(parse_budget(Budget::Kind::MaxRate, b, options.rules.get()));
    for (const std::string& b : max_counts) budgets.push_back(parse_budget(Budget::Kind::MaxCount, b, options.rules.get()));
  } catch (const std::invalid_argument& e) {
    std::cerr << "statuslint scan: " << e.what() << '\n';
    return kExitUsage;
  }
  const std::string fail_on = !fail_on_option.empty() ? fail_on_option : fail_on_config.value_or("error");
  std::optional<Severity> gate;
  if (fail_on != "none") {
    gate = parse_severity(fail_on);
    if (!gate) {
      std::cerr << "statuslint scan: --fail-on must be error, warning, info or none, not '" << fail_on << "'\n";
      return kExitUsage;
    }
  }

  Scanner scanner(options);
  ScanSummary summary;
  summary.rules = options.rules;
  summary.trends = options.trends;
  summary.trend_bucket_seconds = bucket.empty() || bucket == "auto" ? 0 : options.bucket_seconds;
  summary.top = top;
  for (const std::string& path : inputs) {
    InputSummary in = scanner.scan_path(path);
    if (!quiet && !in.format.empty() && options.format.empty()) {
      std::cerr << "statuslint: " << in.name << ": format " << in.format_note.substr(in.format_note.find(' ') + 1)
                << '\n';
    }
    if (!in.error.empty()) std::cerr << "statuslint: error: " << in.error << '\n';
    summary.total.merge(in.counts);
    summary.inputs.push_back(std::move(in));
  }

  summary.budgets = evaluate_budgets(budgets, summary);

  std::string out;
  if (output_format == "json") {
    write_summary_json(out, summary);
  } else if (output_format == "sarif") {
    write_summary_sarif(out, summary);
  } else if (output_format == "github") {
    write_summary_github(out, summary);
  } else if (output_format == "junit") {
    write_summary_junit(out, summary);
  } else {
    TextStyle style;
    const char* no_color = std::getenv("NO_COLOR");
    style.colour = output_file.empty() && ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
    write_summary_text(out, summary, style);
  }
  if (!output_file.empty()) {
    std::ofstream file(output_file, std::ios::binary | std::ios::trunc);
    file << out;
    if (!file.flush()) {
      std::cerr << "statuslint scan: cannot write " << output_file << '\n';
      return kExitUsage;
    }
  } else if (!write_stdout(out)) {
    return kExitUsage;
  }
  if (summary.any_input_error()) return kExitUsage;
  if (summary.any_budget_breached()) return kExitFindings;
  return gate && summary.has_findings_at(*gate) ? kExitFindings : kExitClean;
}

}  // namespace statuslint::cli
