// Options that name routes before the masks guess them, for `scan`: --routes FILE (OpenAPI or
// Swagger, JSON or YAML), --route 'PATTERN=>TEMPLATE' and --route-ignore PATTERN, plus the
// project file's [routes]. Building the rules reports any error with its file (and line) and
// returns null (exit 2).
#pragma once

#include <boost/program_options.hpp>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "statuslint/routes/route_rules.hpp"
#include "statuslint/rules/project_config.hpp"

namespace statuslint::cli {

struct RouteOptions {
  std::vector<std::string> specs, rules, ignores;

  void add_to(boost::program_options::options_description& options);
  bool any(const ProjectConfig& project) const noexcept {
    return !specs.empty() || !rules.empty() || !ignores.empty() || !project.route_specs.empty() ||
           !project.route_rules.empty() || !project.route_ignores.empty();
  }
  // The command line's rules, then the project file's, then the documents' paths: for equal
  // patterns the first wins. False after printing errors to `err`.
  bool build(const ProjectConfig& project, std::shared_ptr<const RouteRules>& out, std::ostream& err) const;
};

}  // namespace statuslint::cli
