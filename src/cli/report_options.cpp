#include "report_options.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "statuslint/collect/trends.hpp"
#include "statuslint/report/report_formats.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

void ReportOptions::add_to(po::options_description& options) {
  static const std::string format_help = "the report: " + report_format_names() + " (see Report formats)";
  options.add_options()("format", po::value(&format)->value_name("FMT"), format_help.c_str())(
      "output,o", po::value(&output_file)->value_name("FILE"), "write the report to FILE instead of stdout")(
      "sarif-root", po::value(&sarif_root)->value_name("DIR"),
      "sarif: paths under DIR (e.g. $GITHUB_WORKSPACE) are written relative to it, as\n"
      "%SRCROOT%; other absolute paths become file:// URIs")(
      "fail-on", po::value(&fail_on)->value_name("LEVEL"),
      "exit 1 when a finding at or above LEVEL exists: error (default), warning, info, none")(
      "max-rate", po::value(&max_rates)->value_name("SEL=PCT")->composing(),
      "exit 1 when more than PCT% of records match SEL: a class (5xx), a code (499),\n"
      "a kind (nonstandard), no_response, or malformed (% of lines). Repeatable.")(
      "max-count", po::value(&max_counts)->value_name("RULE=N")->composing(),
      "exit 1 when rule RULE has more than N findings. Repeatable.")("trends", po::bool_switch(&trends),
                                                                     "count classes and findings per time bucket")(
      "bucket", po::value(&bucket)->value_name("SIZE"),
      "trend bucket: minute, hour, day or auto (default);\nimplies --trends")(
      "max-latency", po::value(&max_latencies)->value_name("[SCOPE:]pNN=TIME")->composing(),
      "exit 1 when the NNth percentile of request times exceeds TIME (300ms, 2s):\n"
      "p99=300ms, or within a class or code: 5xx:p95=2s. No time to judge is\n"
      "inconclusive and fails. Repeatable; implies --latency.")(
      "latency-field", po::value(&latency_field)->value_name("FIELD"),
      "the time --latency reports: total (default: the request time, or a load\n"
      "balancer's phases added up) or upstream (the backend's share); implies --latency")(
      "latency", po::bool_switch(&latency),
      "report request times (p50..p99.9, max, mean) per class, code, rule and input")(
      "sizes", po::bool_switch(&sizes),
      "report response sizes: the total bytes, and p50..p99, max and mean per class,\ncode and input")(
      "verbose", po::bool_switch(&verbose), "text: list every rule not evaluated, not one line per reason")(
      "top", po::value(&top)->value_name("N"),
      "show the N most frequent paths, hosts and user agents per status class and per rule\n"
      "(exact within --top-memory; past it, Space-Saving sketches marked approximate)");
  rules.add_to(options);
}

void ReportOptions::validate() {
  if (find_report_format(format) == nullptr) {
    throw po::error("unknown --format '" + format + "' (expected " + report_format_names() + ")");
  }
  if (!bucket.empty()) {
    if (!parse_bucket(bucket)) throw po::error("--bucket expects minute, hour, day or auto, not '" + bucket + "'");
    trends = true;
  }
  if (!max_latencies.empty()) latency = true;
  if (latency_field != "total" && latency_field != "upstream") {
    throw po::error("--latency-field expects total or upstream, not '" + latency_field + "'");
  }
  if (latency_field == "upstream") latency = true;
}

std::int64_t ReportOptions::collect_bucket_seconds() const {
  const auto size = parse_bucket(bucket.empty() ? "auto" : bucket);
  return size && *size > 0 ? *size : kMinute;
}

bool ReportOptions::prepare(const char* command) {
  engine = rules.build(project, std::cerr);
  if (engine == nullptr) return false;
  const std::optional<std::string>& fail_on_config = project.fail_on;
  // The project file's gates come first, then the command line's: both apply.
  const auto project_gates = [&](const std::vector<ProjectConfig::Gate>& gates, Budget::Kind kind,
                                 const RuleEngine* rule_names) {
    for (const ProjectConfig::Gate& g : gates) {
      try {
        budgets.push_back(parse_budget(kind, g.text, rule_names));
      } catch (const std::invalid_argument& e) {
        std::cerr << "statuslint " << command << ": error: " << project.path.string() << ':' << g.line << ':'
                  << g.column << ": " << e.what() << '\n';
        return false;
      }
    }
    return true;
  };
  if (!project_gates(project.max_rate, Budget::Kind::MaxRate, engine.get()) ||
      !project_gates(project.max_count, Budget::Kind::MaxCount, engine.get()) ||
      !project_gates(project.max_latency, Budget::Kind::MaxLatency, nullptr)) {
    return false;
  }
  if (!project.max_latency.empty()) latency = true;
  try {
    for (const std::string& b : max_rates) budgets.push_back(parse_budget(Budget::Kind::MaxRate, b, engine.get()));
    for (const std::string& b : max_counts) budgets.push_back(parse_budget(Budget::Kind::MaxCount, b, engine.get()));
    for (const std::string& b : max_latencies) budgets.push_back(parse_budget(Budget::Kind::MaxLatency, b, nullptr));
  } catch (const std::invalid_argument& e) {
    std::cerr << "statuslint " << command << ": " << e.what() << '\n';
    return false;
  }
  // Opened now, before any input is read: an unwritable -o fails at once, not after the scan.
  try {
    destination = output_file.empty() ? OutputFile::standard_output() : OutputFile::open(output_file);
  } catch (const OutputError& e) {
    std::cerr << "statuslint " << command << ": " << e.what() << '\n';
    return false;
  }
  const std::string level = !fail_on.empty() ? fail_on : fail_on_config.value_or("error");
  if (level != "none") {
    gate = parse_severity(level);
    if (!gate) {
      std::cerr << "statuslint " << command << ": --fail-on must be error, warning, info or none, not '" << level
                << "'\n";
      return false;
    }
  }
  return true;
}

int ReportOptions::finish(ScanSummary& summary, const char* command) {
  summary.rules = engine;
  summary.show_trends = trends;
  summary.trend_bucket_seconds = bucket.empty() || bucket == "auto" ? 0 : collect_bucket_seconds();
  summary.top = top;
  summary.budgets = evaluate_budgets(budgets, summary);

  ReportSettings settings{gate, sarif_root, {}, {}};
  const char* no_color = std::getenv("NO_COLOR");
  settings.style.verbose = verbose;
  settings.style.colour = output_file.empty() && ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
  settings.spill = [this](std::string_view text) { destination->write(text); };
  std::string out;
  try {
    find_report_format(format)->write(out, summary, settings);
    destination->commit(out);
  } catch (const OutputError& e) {
    std::cerr << "statuslint " << command << ": " << e.what() << '\n';
    return kExitUsage;
  }
  if (summary.any_input_error()) return kExitUsage;
  if (summary.any_budget_breached()) return kExitFindings;
  return gate && summary.has_findings_at(*gate) ? kExitFindings : kExitClean;
}

}  // namespace statuslint::cli
