// `statuslint explain`: registry look-ups from the command line.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"
#include "statuslint/report/registry_report.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

int run_explain(const std::vector<std::string>& args) {
  CommandLine cl("explain",
                 "Usage: statuslint explain [--format text|json] CODE...\n"
                 "       statuslint explain --all [--format text|json]\n\n"
                 "Shows name, class, kind, origin and reference, aliases and description of each status\n"
                 "as it would be classified in a log: three digits give a number (000 is 0); anything else\n"
                 "(\"-\", \"2OO\", \"0200\") is an invalid status. Put negative numbers after --.\n\n"
                 "Options");
  std::string format = "text";
  cl.options().add_options()("all", "list every code the registry knows")(
      "format", po::value(&format)->value_name("FMT"), "output format: text (default) or json");
  cl.operands("code", -1, po::value<std::vector<std::string>>());
  const auto help = [] {
    return std::string("\nExamples:\n  statuslint explain 305 499 299 0\n  statuslint explain --all --format json\n");
  };
  if (auto done = cl.parse(args, help, [&](const po::variables_map& vm) {
        if (format != "text" && format != "json") {
          throw po::error("unknown --format '" + format + "' (expected text or json)");
        }
        if ((vm.count("all") > 0) == (vm.count("code") > 0)) {
          throw po::error("give status codes or --all (not both, not neither)");
        }
      })) {
    return *done;
  }
  const po::variables_map& vm = cl.values();
  const bool list_all = vm.count("all") > 0;
  const auto codes = vm.count("code") ? vm["code"].as<std::vector<std::string>>() : std::vector<std::string>{};

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
