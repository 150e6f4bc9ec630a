// `statuslint merge`: folds partial summaries (scan --partial) into one report and gate,
// exactly as one scan over all their inputs would give: the reduce step after scans that ran
// as map steps on many files or machines.
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "command_line.hpp"
#include "commands.hpp"
#include "report_options.hpp"
#include "statuslint/report/output_file.hpp"
#include "statuslint/report/partial_summary.hpp"
#include "statuslint/report/report_formats.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

int run_merge(const std::vector<std::string>& args) {
  CommandLine cl("merge",
                 "Usage: statuslint merge [options] PARTIAL.json...\n\n"
                 "Combines partial summaries written by 'statuslint scan --partial FILE' and reports and\n"
                 "gates exactly as one scan over all their inputs would. Load the same rules the scans\n"
                 "used (project file, --rules); findings are matched by rule id.\n\n"
                 "Options");
  ReportOptions report;
  std::string partial;
  report.add_to(cl.options());
  cl.options().add_options()("partial", po::value(&partial)->value_name("FILE"),
                             "also write the merged partial summary to FILE: one side of statuslint compare,\n"
                             "or a step of a tree of merges");
  cl.operands("partials", -1, po::value<std::vector<std::string>>());
  const auto help = [] {
    return "\nReport formats (--format), the examples a scan keeps for each by default, and what it is for:\n" +
           report_format_list() +
           std::string(
               "\nExample (map on each host, reduce once):\n"
               "  statuslint scan --partial host1.json /var/log/nginx/access.log*   # on each host\n"
               "  statuslint merge --format sarif --fail-on error host*.json          # once\n");
  };
  std::vector<std::string> partials;
  if (auto done = cl.parse(args, help, [&](const po::variables_map& vm) {
        report.validate();
        if (!vm.count("partials")) throw po::error("no partial summaries given");
        partials = vm["partials"].as<std::vector<std::string>>();
      })) {
    return *done;
  }
  if (!report.prepare("merge")) return kExitUsage;
  ScanSummary summary;
  summary.rules = report.engine;
  std::vector<std::string> errors;
  for (const std::string& p : partials) read_partial(p, summary, errors);
  for (std::string& e : join_shards(summary)) errors.push_back(std::move(e));
  if (!errors.empty()) {
    for (const std::string& e : errors) std::cerr << "statuslint merge: error: " << e << '\n';
    return kExitUsage;
  }
  if (!partial.empty()) {
    std::string text;
    write_partial(text, summary);
    try {
      OutputFile::open(partial).commit(text);
    } catch (const OutputError& e) {
      std::cerr << "statuslint merge: " << e.what() << '\n';
      return kExitUsage;
    }
  }
  return report.finish(summary, "merge");
}

}  // namespace statuslint::cli
