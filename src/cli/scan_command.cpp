// `statuslint scan`: reads logs and HAR captures, prints the summary, gates CI.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>

#include "command_line.hpp"
#include "commands.hpp"
#include "input_options.hpp"
#include "report_options.hpp"
#include "route_options.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/report/escaping.hpp"
#include "statuslint/report/partial_summary.hpp"
#include "statuslint/report/report_formats.hpp"
#include "statuslint/scan/input_set.hpp"
#include "statuslint/scan/progress.hpp"
#include "statuslint/scan/scanner.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

// --files-from: one path per line (a final \r dropped, blank lines skipped), appended to `into`.
static void read_file_list(const std::string& list, std::vector<std::string>& into) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (list != "-") {
    file.open(list);
    if (!file) throw po::error("--files-from: cannot open " + list);
    in = &file;
  }
  for (std::string line; std::getline(*in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) into.push_back(std::move(line));
  }
}

// START:END in bytes; END may be left out (to the end of the file).
static ByteRange parse_byte_range(const std::string& text) {
  const size_t colon = text.find(':');
  const auto number = [&](std::string_view digits, std::uint64_t& out) {
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return !digits.empty() && ec == std::errc() && end == digits.data() + digits.size();
  };
  ByteRange r;
  r.end = std::numeric_limits<std::uint64_t>::max();
  const std::string_view all(text);
  if (colon == std::string::npos || !number(all.substr(0, colon), r.start) ||
      (colon + 1 < all.size() && !number(all.substr(colon + 1), r.end)) || r.end < r.start) {
    throw po::error("--byte-range expects START:END in bytes with START <= END (END may be empty), not '" + text + "'");
  }
  return r;
}

int run_scan(const std::vector<std::string>& args) {
  CommandLine cl("scan",
                 "Usage: statuslint scan [options] FILE...\n\n"
                 "Reads access logs, JSON-lines logs and HAR captures (plain, gzip or zstd, detected from\n"
                 "their bytes; - is standard input), classifies every status through the registry, checks\n"
                 "the rules, and prints a summary per input and overall. Every line is counted as a record,\n"
                 "a malformed line (with examples) or a blank line.\n\n"
                 "Options");
  std::string top_memory = "64M", partial, byte_range, files_from;
  size_t examples = 0;
  bool keep_query = false;
  InputOptions input;
  ReportOptions report;
  RouteOptions routes;
  input.add_to(cl.options());
  cl.options().add_options()("examples", po::value(&examples)->value_name("N"),
                             "examples kept per input: malformed lines, and findings per rule\n"
                             "(default: as Report formats says)")(
      "keep-query", po::bool_switch(&keep_query), "top offenders: keep query strings in paths (default: drop them)")(
      "top-memory", po::value(&top_memory)->value_name("SIZE"),
      "top offenders are counted exactly while all their tables fit SIZE (default 64M),\n"
      "identical for every -j and chunk size; past it they become approximate sketches")(
      "partial", po::value(&partial)->value_name("FILE"), "also write a partial summary to FILE, for statuslint merge")(
      "byte-range", po::value(&byte_range)->value_name("START:END"),
      "scan one shard of one plain file: the lines that begin in bytes [START, END)\n"
      "(END empty: to the end). With --partial, shards of any cut merge to one scan.")(
      "files-from", po::value(&files_from)->value_name("FILE"),
      "also read the inputs named in FILE, one path per line (- for standard input):\n"
      "for more files than a command line holds, e.g. find logs/ -name '*.gz' | ... --files-from -");
  report.add_to(cl.options());
  routes.add_to(cl.options());
  cl.operands("input", -1, po::value<std::vector<std::string>>());
  const auto help = [] {
    return "\nReport formats (--format), the examples each keeps by default, and what it is for:\n" +
           report_format_list() + "\nFormat presets (case-insensitive):\n" + preset_list() +
           "\nExit codes: 0 clean; 1 a finding at or above --fail-on, or a budget exceeded;\n"
           "2 usage error, bad rule or project file, or an input error (unreadable input,\n"
           "undetectable format, decode error; the other inputs are still summarized).\n"
           "\nExamples:\n"
           "  statuslint scan /var/log/nginx/access.log*\n"
           "  statuslint scan --format sarif -o statuslint.sarif test-run.log\n"
           "  statuslint scan --fail-on warning --max-rate 5xx=1 capture.har\n"
           "  statuslint scan --trends --top 10 access.log.1.gz access.log.2.gz\n"
           "  statuslint scan --partial p0.json --byte-range 0:1000000000 big.log   # one map task\n"
           "  zcat old.gz | statuslint scan -l '$remote_addr [$time_local] \"$request\" $status' -\n";
  };
  ScanOptions options;
  std::vector<std::string> inputs;
  std::optional<ByteRange> range;
  const auto check = [&](const po::variables_map& vm) {
    report.validate();
    if (vm.count("input")) inputs = vm["input"].as<std::vector<std::string>>();
    if (!files_from.empty()) read_file_list(files_from, inputs);
    if (inputs.empty()) throw po::error("no input files (give FILE..., - for standard input, or --files-from)");
    if (!byte_range.empty()) {
      range = parse_byte_range(byte_range);
      if (inputs.size() != 1) throw po::error("--byte-range takes exactly one input file");
    }
    input.apply(options);
    options.collect.max_examples =
        vm.count("examples") ? examples : find_report_format(report.format)->default_examples;
    options.collect.trends = report.trends;
    options.collect.latency = report.latency;
    options.collect.sizes = report.sizes;
    options.collect.upstream_latency = report.latency_field == "upstream";
    options.collect.bucket_seconds = report.collect_bucket_seconds();
    options.collect.adaptive_buckets = report.bucket.empty() || report.bucket == "auto";
    if (report.top > 0) {
      options.collect.top_counters = Offenders::counters_for(report.top);
      options.collect.top_keep_query = keep_query;
      options.collect.top_memory = parse_size(top_memory, "top-memory");
      if (options.collect.top_memory > kMaxTopMemory) throw po::error("--top-memory is at most 2G");
    }
  };
  if (auto done = cl.parse(args, help, check)) return *done;
  if (!report.prepare("scan")) return kExitUsage;
  options.rules = report.engine;
  options.collect.latency = report.latency;  // a project file's max_latency turns it on too
  if (!routes.build(report.project, options.collect.route_rules, std::cerr)) return kExitUsage;
  // Routes are where a path is reported: with the top offenders, whenever routes are named,
  // for a gate on a route's latency, and in a partial with times (compare's baseline judges
  // per route). A report with --latency alone has no route table: it would cost as much
  // again as latency does (bench/results/2026-12-03-latency-cost.md).
  const bool route_gate = std::any_of(report.budgets.begin(), report.budgets.end(), [](const Budget& b) {
    return b.kind == Budget::Kind::MaxLatency && !b.selector.empty() && b.selector[0] == '/';
  });
  options.collect.routes =
      report.top > 0 || route_gate || routes.any(report.project) || (report.latency && !partial.empty());
  std::optional<OutputFile> partial_file;
  if (!partial.empty()) {
    try {
      partial_file = OutputFile::open(partial);
    } catch (const OutputError& e) {
      std::cerr << "statuslint scan: " << e.what() << '\n';
      return kExitUsage;
    }
  }

  Progress progress(!input.quiet && Progress::stderr_is_terminal());
  ScanSummary summary;
  summary.rules = report.engine;
  summary.inputs.reserve(inputs.size());  // one row each: no doubling slack for 100,000 rows
  InputSetOptions set;
  set.range = range;
  set.progress = &progress;
  set.display_name = [](const std::string& path) { return terminal_safe(path); };
  scan_inputs(inputs, options, set, [&](InputSummary& in) {
    if (!input.quiet && !in.format.empty() && options.format.empty()) {
      std::cerr << "statuslint: " << in.name << ": format " << in.format_reason << '\n';
    }
    if (!in.error.empty()) std::cerr << "statuslint: error: " << in.error << '\n';
    for (const std::string& warning : in.warnings) std::cerr << "statuslint: warning: " << warning << '\n';
    summary.add(std::move(in));
  });
  if (partial_file) {
    std::string text;
    write_partial(text, summary);
    try {
      partial_file->commit(text);
    } catch (const OutputError& e) {
      std::cerr << "statuslint scan: " << e.what() << '\n';
      return kExitUsage;
    }
  }
  return report.finish(summary, "scan");
}

}  // namespace statuslint::cli
