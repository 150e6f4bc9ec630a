// Options that choose rules, shared by `scan` and `rules`: --rules, --enable, --disable,
// --severity, --config, --no-config. Building the engine loads the built-in pack, the project
// file and the given paths, and checks every rule's examples; any error is printed with its
// file, line and column, and no engine is returned (exit 2).
#pragma once

#include <boost/program_options.hpp>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/rules/project_config.hpp"
#include "statuslint/rules/rule_engine.hpp"

namespace statuslint::cli {

struct RuleOptions {
  std::vector<std::string> rule_paths, enable, disable, severity;
  std::string config;
  bool no_config = false;
  bool no_builtin = false;

  void add_to(boost::program_options::options_description& options);
  // The engine, or null after printing errors to `err`. `fail_on` receives the project
  // file's fail_on, if it has one.
  std::shared_ptr<const RuleEngine> build(ProjectConfig& project, std::ostream& err) const;
};

}  // namespace statuslint::cli
