// `statuslint rules`: lists the active rules, or explains one.
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "rule_options.hpp"
#include "statuslint/report/rule_report.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

int run_rules(const std::vector<std::string>& args) {
  po::options_description visible(
      "Usage: statuslint rules [options] [ID]\n\n"
      "Lists the active rules (built-in pack, project file, --rules), or explains rule ID.\n\n"
      "Options");
  std::string format = "text";
  RuleOptions rule_options;
  visible.add_options()("help,h", "show this help")("all", "list disabled rules too")(
      "format", po::value(&format)->value_name("FMT"), "output: text (default) or json");
  rule_options.add_to(visible);
  po::options_description all = visible;
  all.add_options()("id", po::value<std::string>(), "rule id");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "statuslint rules: " << e.what() << "\nTry 'statuslint rules --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::ostringstream help;
    help << visible << "\nExamples:\n  statuslint rules\n  statuslint rules header/401-www-authenticate\n"
         << "  statuslint rules --all --format json\n";
    return write_stdout(help.str()) ? kExitClean : kExitUsage;
  }
  if (format != "text" && format != "json") {
    std::cerr << "statuslint rules: unknown --format '" << format << "' (expected text or json)\n";
    return kExitUsage;
  }
  std::optional<std::string> fail_on;
  const auto engine = rule_options.build(fail_on, std::cerr);
  if (engine == nullptr) return kExitUsage;

  std::string out;
  if (vm.count("id")) {
    const std::string id = vm["id"].as<std::string>();
    const auto& rules = engine->rules();
    size_t index = rules.size();
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].id == id) index = i;
    }
    if (index == rules.size()) {
      std::cerr << "statuslint rules: no rule '" << id << "' (statuslint rules --all lists them)\n";
      return kExitUsage;
    }
    write_rule_explain(out, *engine, index);
  } else if (format == "json") {
    write_rules_json(out, *engine, vm.count("all") > 0);
  } else {
    write_rules_text(out, *engine, vm.count("all") > 0);
  }
  return write_stdout(out) ? kExitClean : kExitUsage;
}

}  // namespace statuslint::cli
