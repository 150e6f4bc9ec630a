#include "rule_options.hpp"

#include <filesystem>
#include <iostream>

#include "statuslint/rules/project_config.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

void RuleOptions::add_to(po::options_description& options) {
  options.add_options()("rules", po::value(&rule_paths)->value_name("PATH")->composing(),
                        "add rule files, or folders of *.toml rule files (repeatable)")(
      "enable", po::value(&enable)->value_name("ID")->composing(),
      "turn on a rule that is off by default; ID may end in * (repeatable)")(
      "disable", po::value(&disable)->value_name("ID")->composing(),
      "turn a rule off; ID may end in *, and --disable '*' runs no rules (repeatable)")(
      "severity", po::value(&severity)->value_name("ID=LEVEL")->composing(),
      "change a rule's severity: error, warning or info (repeatable)")(
      "config", po::value(&config)->value_name("FILE"),
      "project file (default: the nearest .statuslint.toml from the current directory up)")(
      "no-config", po::bool_switch(&no_config), "ignore any .statuslint.toml")(
      "no-builtin-rules", po::bool_switch(&no_builtin),
      "load only the rules from --rules and the project file, not the built-in pack");
}

std::shared_ptr<const RuleEngine> RuleOptions::build(ProjectConfig& project, std::ostream& err) const {
  std::vector<RuleError> errors;
  RuleSet set;
  if (!no_builtin) set.add_builtin(errors);

  project = ProjectConfig();
  std::optional<std::filesystem::path> config_path;
  if (!config.empty()) {
    config_path = std::filesystem::path(config);
    if (!std::filesystem::is_regular_file(*config_path)) errors.push_back({config, 0, 0, "no such project file"});
  } else if (!no_config) {
    config_path = ProjectConfig::find(std::filesystem::current_path());
  }
  if (config_path && std::filesystem::is_regular_file(*config_path))
    project = ProjectConfig::load(*config_path, errors);

  for (const auto& p : project.rule_paths) set.add_path(p, errors);
  for (const std::string& p : rule_paths) set.add_path(p, errors);

  RuleSelection selection = project.selection;
  selection.enable.insert(selection.enable.end(), enable.begin(), enable.end());
  selection.disable.insert(selection.disable.end(), disable.begin(), disable.end());
  for (const std::string& s : severity) {
    const size_t eq = s.find('=');
    const auto level = eq == std::string::npos ? std::nullopt : parse_severity(s.substr(eq + 1));
    if (!level) {
      errors.push_back({"--severity", 0, 0, "expected ID=LEVEL with LEVEL error, warning or info, not '" + s + "'"});
      continue;
    }
    selection.severity.emplace_back(s.substr(0, eq), *level);
  }

  std::shared_ptr<RuleEngine> engine;
  if (errors.empty()) {
    engine = std::make_shared<RuleEngine>(set, selection, errors);
    if (errors.empty()) engine->check_examples(errors);
  }
  if (!errors.empty()) {
    for (const RuleError& e : errors) {
      err << "statuslint: error: " << (e.line > 0 ? e.to_string() : e.file + ": " + e.message) << '\n';
    }
    err << "statuslint: " << errors.size() << (errors.size() == 1 ? " error" : " errors")
        << " in rules; nothing was run\n";
    return nullptr;
  }
  return engine;
}

}  // namespace statuslint::cli
