// `statuslint merge`: folds partial summaries (scan --partial) into one report and gate,
// exactly as one scan over all their inputs would give: the reduce step after scans that ran
// as map steps on many files or machines.
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "report_options.hpp"
#include "statuslint/report/partial_summary.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

int run_merge(const std::vector<std::string>& args) {
  po::options_description visible(
      "Usage: statuslint merge [options] PARTIAL.json...\n\n"
      "Combines partial summaries written by 'statuslint scan --partial FILE' and reports and\n"
      "gates exactly as one scan over all their inputs would. Load the same rules the scans\n"
      "used (project file, --rules); findings are matched by rule id.\n\n"
      "Options");
  ReportOptions report;
  visible.add_options()("help,h", "show this help");
  report.add_to(visible);
  po::options_description all = visible;
  all.add_options()("partial", po::value<std::vector<std::string>>(), "partial summary");
  po::positional_options_description positional;
  positional.add("partial", -1);
  po::variables_map vm;
  std::vector<std::string> partials;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::ostringstream help;
      help << visible << "\nExample (map on each host, reduce once):\n"
           << "  statuslint scan --partial host1.json /var/log/nginx/access.log*   # on each host\n"
           << "  statuslint merge --format sarif --fail-on error host*.json          # once\n";
      return write_stdout(help.str()) ? kExitClean : kExitUsage;
    }
    report.validate();
    if (!vm.count("partial")) throw po::error("no partial summaries given");
    partials = vm["partial"].as<std::vector<std::string>>();
  } catch (const po::error& e) {
    std::cerr << "statuslint merge: " << e.what() << "\nTry 'statuslint merge --help'.\n";
    return kExitUsage;
  }
  if (!report.prepare("merge")) return kExitUsage;
  ScanSummary summary;
  summary.rules = report.engine;
  std::vector<std::string> errors;
  for (const std::string& p : partials) read_partial(p, summary, errors);
  if (!errors.empty()) {
    for (const std::string& e : errors) std::cerr << "statuslint merge: error: " << e << '\n';
    return kExitUsage;
  }
  return report.finish(summary, "merge");
}

}  // namespace statuslint::cli
