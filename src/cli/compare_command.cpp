// `statuslint compare`: is the candidate worse than the baseline? Each side is one file, read as
// scan reads it (a log, a HAR, compressed or not) or a partial summary (scan --partial, merge
// --partial); the comparison and its verdict come from compare/comparison.hpp.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"
#include "input_options.hpp"
#include "route_options.hpp"
#include "rule_options.hpp"
#include "statuslint/compare/comparison.hpp"
#include "statuslint/report/ci_report.hpp"
#include "statuslint/report/compare_report.hpp"
#include "statuslint/report/output_file.hpp"
#include "statuslint/report/partial_summary.hpp"
#include "statuslint/scan/scanner.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {
namespace {

// A partial summary names itself in its first member; a log or a HAR never holds that key in
// its first bytes.
bool is_partial(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const size_t open = head.find_first_not_of(" \t\r\n");
  return open != std::string::npos && head[open] == '{' && head.find("\"statuslint_partial\"") != std::string::npos;
}

double within(double v, const char* name, double low, double high) {
  if (!(v >= low && v <= high)) {
    throw po::error(std::string("--") + name + " must be between " + std::to_string(low) + " and " +
                    std::to_string(high));
  }
  return v;
}

}  // namespace

int run_compare(const std::vector<std::string>& args) {
  CommandLine cl("compare",
                 "Usage: statuslint compare [options] BASELINE CANDIDATE\n\n"
                 "Judges whether CANDIDATE is worse than BASELINE, per request: the 5xx and 4xx shares over\n"
                 "all traffic (stratified by route) and per route and code, each rule's findings, the share\n"
                 "of malformed lines, and latency (p50, p95, p99 and the whole distribution), with tests\n"
                 "that control false discoveries over many routes. Each side is one file: a log or HAR,\n"
                 "read as scan reads it, or a partial summary (scan --partial, merge --partial).\n\n"
                 "A comparison fails when it is significant AND worse by what counts (--min-change and\n"
                 "--min-ratio); it passes when its interval rules that out; otherwise it is inconclusive\n"
                 "and says why. Low traffic is never failed.\n\n"
                 "Options");
  InputOptions input;
  RuleOptions rules;
  RouteOptions routes;
  std::string format = "text", output, latency_field = "total";
  double alpha = 0.05, min_change = 0.1, min_ratio = 1.1;
  std::uint64_t min_requests = 20;
  bool fail_on_inconclusive = false, all = false;
  input.add_to(cl.options());
  cl.options().add_options()("format", po::value(&format)->value_name("FMT"),
                             "the report: text, json, html, markdown (GitHub job summaries, PR\n"
                             "comments), sarif, github (annotations) or junit")(
      "output,o", po::value(&output)->value_name("FILE"), "write the report to FILE (default: standard output)")(
      "all", po::bool_switch(&all),
      "text and markdown: list every comparison, not only the failed, the overall\nand the worst ten")(
      "alpha", po::value(&alpha)->value_name("LEVEL"),
      "the false-discovery level of the tests, and 1 - the intervals' confidence (default 0.05)")(
      "min-change", po::value(&min_change)->value_name("PP"),
      "a share must rise by at least PP percentage points to fail (default 0.1)")(
      "min-ratio", po::value(&min_ratio)->value_name("R"),
      "... and by the factor R; a latency quantile must grow by R to fail (default 1.1)")(
      "min-requests", po::value(&min_requests)->value_name("N"),
      "a scope with fewer than N requests on a side is inconclusive, never failed (default 20)")(
      "fail-on-inconclusive", po::bool_switch(&fail_on_inconclusive),
      "exit 1 when the verdict is inconclusive too (the default exits 0)")(
      "latency-field", po::value(&latency_field)->value_name("FIELD"),
      "the time compared: total (default) or upstream");
  rules.add_to(cl.options());
  routes.add_to(cl.options());
  cl.operands("side", 2, po::value<std::vector<std::string>>());
  const auto help = [] {
    return std::string(
               "\nExit codes: 0 pass or inconclusive; 1 a comparison failed (or inconclusive, with\n"
               "--fail-on-inconclusive); 2 usage error or an input that could not be read.\n"
               "\nExamples:\n"
               "  statuslint compare last-good.log this-run.log\n"
               "  statuslint compare --format json -o compare.json main.partial.json pr.log\n"
               "  statuslint scan --latency --trends --partial week1.json logs/week1/*.gz   # one side from many "
               "files\n"
               "  statuslint compare week1.json week2.json\n"
               "\nFormat presets (-l):\n") +
           preset_list();
  };
  ScanOptions options;
  std::vector<std::string> sides;
  CompareOptions compare;
  if (auto done = cl.parse(args, help, [&](const po::variables_map& vm) {
        if (!vm.count("side") || vm["side"].as<std::vector<std::string>>().size() != 2) {
          throw po::error("give exactly two inputs: BASELINE CANDIDATE");
        }
        sides = vm["side"].as<std::vector<std::string>>();
        if (format != "text" && format != "json" && format != "html" && format != "markdown" && format != "sarif" &&
            format != "github" && format != "junit") {
          throw po::error("--format is text, json, html, markdown, sarif, github or junit, not '" + format + "'");
        }
        if (latency_field != "total" && latency_field != "upstream") {
          throw po::error("--latency-field is total or upstream, not '" + latency_field + "'");
        }
        compare.alpha = within(alpha, "alpha", 1e-9, 0.5);
        compare.min_change = within(min_change, "min-change", 0, 100) / 100;
        compare.min_ratio = within(min_ratio, "min-ratio", 1, 1e9);
        compare.min_requests = std::max<std::uint64_t>(1, min_requests);
        input.apply(options);
      })) {
    return *done;
  }
  ProjectConfig project;
  const std::shared_ptr<const RuleEngine> engine = rules.build(project, std::cerr);
  if (engine == nullptr) return kExitUsage;
  options.rules = engine;
  if (!routes.build(project, options.collect.route_rules, std::cerr)) return kExitUsage;
  // Everything a comparison reads: routes, times, and the time buckets that measure clustering.
  options.collect.routes = true;
  options.collect.latency = true;
  options.collect.upstream_latency = latency_field == "upstream";
  options.collect.trends = true;
  options.collect.trend_latency = false;  // the buckets' counts measure clustering; their times are not read
  options.collect.adaptive_buckets = true;
  options.collect.bucket_seconds = kMinute;
  std::optional<OutputFile> destination;
  try {
    destination = output.empty() ? OutputFile::standard_output() : OutputFile::open(output);
  } catch (const OutputError& e) {
    std::cerr << "statuslint compare: " << e.what() << '\n';
    return kExitUsage;
  }

  Scanner scanner(options);
  std::array<ScanSummary, 2> summary;
  bool failed = false;
  for (size_t i = 0; i < 2; ++i) {
    const char* role = i == 0 ? "baseline" : "candidate";
    summary[i].rules = engine;
    if (is_partial(sides[i])) {
      // Its scan already chose how the log was read: options that would read it otherwise
      // cannot apply, and applying them to one side only would compare unlike things.
      if (!input.log_format.empty() || !input.json_fields.empty() || !input.since.empty() || !input.until.empty()) {
        std::cerr << "statuslint compare: error: " << role << ": " << sides[i]
                  << " is a partial summary: -l, --json-field, --since and --until apply to logs only "
                     "(give them to the scan that wrote it)\n";
        failed = true;
        continue;
      }
      std::vector<std::string> errors;
      read_partial(sides[i], summary[i], errors);
      for (std::string& e : join_shards(summary[i])) errors.push_back(std::move(e));
      for (const std::string& e : errors) std::cerr << "statuslint compare: error: " << role << ": " << e << '\n';
      failed = failed || !errors.empty();
      continue;
    }
    InputSummary in = scanner.scan_path(sides[i]);
    if (!input.quiet && !in.format.empty() && options.format.empty()) {
      std::cerr << "statuslint: " << in.name << ": format " << in.format_reason << '\n';
    }
    for (const std::string& warning : in.warnings) std::cerr << "statuslint: warning: " << warning << '\n';
    if (!in.error.empty()) {
      // A side read in part would be judged on what happened to be read: never.
      std::cerr << "statuslint compare: error: " << role << ": " << in.error << '\n';
      failed = true;
    }
    summary[i].add(std::move(in));
  }
  if (failed) return kExitUsage;

  const CompareResult result = compare_summaries(summary[0], summary[1], compare);
  CompareSides named{sides[0], sides[1], summary[0].total.records, summary[1].total.records};
  std::string text;
  if (format == "json") {
    write_compare_json(text, result, named);
  } else if (format == "html") {
    write_compare_html(text, result, named);
  } else if (format == "markdown") {
    write_compare_markdown(text, result, named, all);
  } else if (format == "sarif") {
    write_compare_sarif(text, result, sides[1]);
  } else if (format == "github") {
    write_compare_github(text, result);
  } else if (format == "junit") {
    write_compare_junit(text, result);
  } else {
    write_compare_text(text, result, named, all);
  }
  try {
    destination->commit(text);
  } catch (const OutputError& e) {
    std::cerr << "statuslint compare: " << e.what() << '\n';
    return kExitUsage;
  }
  if (result.verdict == CompareVerdict::Fail) return kExitFindings;
  if (result.verdict == CompareVerdict::Inconclusive && fail_on_inconclusive) return kExitFindings;
  return kExitClean;
}

}  // namespace statuslint::cli
