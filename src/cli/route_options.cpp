#include "route_options.hpp"

#include <ostream>

#include "statuslint/routes/route_spec.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

void RouteOptions::add_to(po::options_description& options) {
  options.add_options()("routes", po::value(&specs)->value_name("FILE")->composing(),
                        "name routes from an OpenAPI 3.x or Swagger 2.0 document (JSON or YAML):\n"
                        "its paths, under its servers' base paths, are the route templates.\n"
                        "Repeatable; turns the routes table on")(
      "route", po::value(&rules)->value_name("PATTERN=>TEMPLATE")->composing(),
      "count the paths PATTERN matches as route TEMPLATE (PATTERN alone: as itself):\n"
      "'/u/{name}/**=>/users/{name}'; {x} or * is one segment, a last ** the rest.\n"
      "Repeatable; matched before the masks, and never collapsed")(
      "route-ignore", po::value(&ignores)->value_name("PATTERN")->composing(),
      "leave the paths PATTERN matches out of the routes (health checks, assets);\nthey are counted as ignored. "
      "Repeatable");
}

bool RouteOptions::build(const ProjectConfig& project, std::shared_ptr<const RouteRules>& out,
                         std::ostream& err) const {
  auto built = std::make_shared<RouteRules>();
  bool ok = true;
  const auto guard = [&](const std::string& where, const auto& add) {
    try {
      add();
    } catch (const RouteRuleError& e) {
      err << "statuslint scan: error: " << where << e.what() << '\n';
      ok = false;
    }
  };
  for (const std::string& r : rules) guard("--route: ", [&] { built->add_rule(r, "--route"); });
  for (const std::string& r : ignores) guard("--route-ignore: ", [&] { built->add_ignore(r, "--route-ignore"); });
  const std::string file = project.path.string();
  for (const ProjectConfig::Gate& g : project.route_rules) {
    guard(file + ':' + std::to_string(g.line) + ':' + std::to_string(g.column) + ": ",
          [&] { built->add_rule(g.text, file); });
  }
  for (const ProjectConfig::Gate& g : project.route_ignores) {
    guard(file + ':' + std::to_string(g.line) + ':' + std::to_string(g.column) + ": ",
          [&] { built->add_ignore(g.text, file); });
  }
  std::vector<std::string> documents = specs;
  for (const auto& p : project.route_specs) documents.push_back(p.string());
  for (const std::string& d : documents) guard("--routes ", [&] { add_spec_routes(*built, load_route_spec(d)); });
  if (ok && !built->empty()) out = std::move(built);
  return ok;
}

}  // namespace statuslint::cli
