// `statuslint explain`: registry look-ups from the command line.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "statuslint/report/registry_report.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

bool write_stdout(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0;
}

int run_explain(const std::vector<std::string>& args) {
  po::options_description visible(
      "Usage: statuslint explain [--format text|json] CODE...\n"
      "       statuslint explain --all [--format text|json]\n\n"
      "Shows name, class, kind, origin and reference, aliases and description of each status\n"
      "as it would be classified in a log: three digits give a number (000 is 0); anything else\n"
      "(\"-\", \"2OO\", \"0200\") is an invalid status. Put negative numbers after --.\n\n"
      "Options");
  std::string format = "text";
  visible.add_options()("help,h", "show this help")("all", "list every code the registry knows")(
      "format", po::value(&format)->value_name("FMT"), "output format: text (default) or json");
  po::options_description all = visible;
  all.add_options()("code", po::value<std::vector<std::string>>(), "status code");
  po::positional_options_description positional;
  positional.add("code", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "statuslint explain: " << e.what() << "\nTry 'statuslint explain --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << visible << "\nExamples:\n  statuslint explain 305 499 299 0\n  statuslint explain --all --format json\n";
    return write_stdout(help.str()) ? kExitClean : kExitUsage;
  }
  if (format != "text" && format != "json") {
    std::cerr << "statuslint explain: unknown --format '" << format << "' (expected text or json)\n";
    return kExitUsage;
  }
  const bool list_all = vm.count("all") > 0;
  const auto codes = vm.count("code") ? vm["code"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (list_all == !codes.empty()) {
    std::cerr << "statuslint explain: give status codes or --all (not both, not neither)\n"
                 "Try 'statuslint explain --help'.\n";
    return kExitUsage;
  }

  std::vector<ExplainItem> items;
  if (list_all) {
    for (const StatusInfo* info : StatusRegistry::known()) {
      const std::string code = std::to_string(info->code);
      items.push_back({std::string(3 - std::min<size_t>(3, code.size()), '0') + code, info});
    }
  } else {
    for (const std::string& code : codes) items.push_back(explain_status(code));
  }

  std::string out;
  if (format == "json") {
    write_explain_json(out, items);
  } else if (list_all) {
    write_registry_table(out, items);
  } else {
    write_explain_text(out, items);
  }
  return write_stdout(out) ? kExitClean : kExitUsage;
}

}  // namespace statuslint::cli
