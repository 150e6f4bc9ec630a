// Routes from an API description: the path templates of an OpenAPI 3.x or Swagger 2.0 document,
// JSON (read with simdjson) or YAML (yaml-cpp), each prefixed with the base paths its servers
// give (OpenAPI 3's `servers[].url`, with variables at their defaults, at the top or per path;
// Swagger's `basePath`). `--routes FILE` adds them to the RouteRules, after the command line's
// and the project file's own rules.
#pragma once

#include <string>
#include <vector>

#include "statuslint/routes/route_rules.hpp"

namespace statuslint {

struct RouteSpec {
  std::string file;
  std::string version;  // "3.1.0", "2.0"
  std::string title;
  std::vector<std::string> templates;  // base path + path, each once, in the document's order
  size_t paths = 0;                    // path items read
};

// Throws RouteRuleError naming the file (and, for YAML, the line) and what was expected.
RouteSpec load_route_spec(const std::string& file);

// Adds each template as a route of its own; the origin is the file.
void add_spec_routes(RouteRules& rules, const RouteSpec& spec);

}  // namespace statuslint
