// `statuslint rules`: lists the active rules, or explains one.
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "command_line.hpp"
#include "commands.hpp"
#include "rule_options.hpp"
#include "statuslint/report/rule_report.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/rules/rule_keys.hpp"
#include "statuslint/scan/scanner.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

int run_rules(const std::vector<std::string>& args) {
  CommandLine cl("rules",
                 "Usage: statuslint rules [options] [ID]\n\n"
                 "Lists the active rules (built-in pack, project file, --rules), or explains rule ID.\n"
                 "With --keys, lists the keys a rule file's [rule.match] and examples take.\n"
                 "With --not-evaluated FILE, reads FILE (a log or HAR, detected as scan does) and\n"
                 "lists every active rule that could not look at some of its records, and why.\n\n"
                 "Options");
  std::string format = "text", not_evaluated;
  RuleOptions rule_options;
  cl.options().add_options()("all", "list disabled rules too")(
      "keys", "list the keys of [rule.match] and of rule examples (Markdown tables)")(
      "format", po::value(&format)->value_name("FMT"), "output: text (default) or json")(
      "not-evaluated", po::value(&not_evaluated)->value_name("FILE"),
      "read FILE and list the rules that could not look at its records, by reason");
  rule_options.add_to(cl.options());
  cl.operands("id", 1, po::value<std::string>());
  const auto help = [] {
    return std::string(
        "\nExamples:\n  statuslint rules\n  statuslint rules header/401-www-authenticate\n"
        "  statuslint rules --all --format json\n  statuslint rules --keys\n"
        "  statuslint rules --not-evaluated access.log\n");
  };
  if (auto done = cl.parse(args, help, [&](const po::variables_map&) {
        if (format != "text" && format != "json") {
          throw po::error("unknown --format '" + format + "' (expected text or json)");
        }
      })) {
    return *done;
  }
  const po::variables_map& vm = cl.values();
  if (vm.count("keys")) return write_stdout(rule_keys_markdown()) ? kExitClean : kExitUsage;
  ProjectConfig project;
  const auto engine = rule_options.build(project, std::cerr);
  if (engine == nullptr) return kExitUsage;

  std::string out;
  if (!not_evaluated.empty()) {
    // The scan's own reading, so the list is exactly what `scan` counted as not evaluated.
    ScanOptions options;
    options.rules = engine;
    Scanner scanner(options);
    ScanSummary summary;
    summary.rules = engine;
    summary.add(scanner.scan_path(not_evaluated));
    if (!summary.inputs.front().error.empty()) {
      std::cerr << "statuslint rules: " << summary.inputs.front().error << '\n';
      return kExitUsage;
    }
    write_not_evaluated_list(out, summary);
    if (out.empty()) out = "Every active rule was evaluated on every record.\n";
    if (out.front() == '\n') out.erase(0, 1);
  } else if (vm.count("id")) {
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
