// The project file, .statuslint.toml: rule and gate settings a repository keeps for CI, so the
// command line stays short. Found from the current directory upward, or named with --config.
//
//   rules = ["ci/rules"]                 # extra rule files or folders, relative to this file
//   enable = ["status/provisional"]
//   disable = ["status/nonstandard-nginx"]
//   fail_on = "warning"                  # error | warning | info | none
//   max_rate = ["5xx=1"]                 # budgets and latency gates, as --max-rate,
//   max_count = ["status/unassigned=0"]  # --max-count and --max-latency write them
//   max_latency = ["p99=300ms", "5xx:p95=2s"]
//   [severity]
//   "status/unassigned" = "error"
//   [routes]                             # as --routes, --route and --route-ignore
//   spec = "api/openapi.yaml"            # relative to this file; a string or a list
//   rules = ["/u/{name}=>/users/{name}"]
//   ignore = ["/healthz", "/static/**"]
//
// Command-line options add to (lists) or override (scalars) what the file says. Every error
// names the file, line and column; unknown keys are errors, so typos do not pass silently.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "statuslint/rules/rule.hpp"
#include "statuslint/rules/rule_engine.hpp"
#include "statuslint/rules/rule_set.hpp"

namespace statuslint {

struct ProjectConfig {
  std::filesystem::path path;                     // empty when there is no project file
  std::vector<std::filesystem::path> rule_paths;  // resolved against the file's folder
  RuleSelection selection;
  std::optional<std::string> fail_on;  // as written; validated by the caller
  // A gate as written (validated by the caller, which names the file, line and column).
  struct Gate {
    std::string text;
    std::uint32_t line = 0, column = 0;
  };
  std::vector<Gate> max_rate, max_count, max_latency;
  // [routes]: OpenAPI documents (resolved against the file's folder), and rules and ignore
  // patterns as written (validated by the caller, like the gates).
  std::vector<std::filesystem::path> route_specs;
  std::vector<Gate> route_rules, route_ignores;

  // Reads `path`. Problems are appended to `errors`.
  static ProjectConfig load(const std::filesystem::path& path, std::vector<RuleError>& errors);
  // The nearest .statuslint.toml from `start` upward, if any.
  static std::optional<std::filesystem::path> find(const std::filesystem::path& start);
};

}  // namespace statuslint
