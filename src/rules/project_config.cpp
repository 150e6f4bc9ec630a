#include "statuslint/rules/project_config.hpp"

#include <toml++/toml.h>

namespace statuslint {
namespace {

std::vector<std::string> string_list(const toml::node& n, const std::string& file, const char* key,
                                     std::vector<RuleError>& errors) {
  std::vector<std::string> out;
  const auto fail = [&](const toml::node& at) {
    errors.push_back({file, static_cast<std::uint32_t>(at.source().begin.line),
                      static_cast<std::uint32_t>(at.source().begin.column),
                      std::string("`") + key + "` must be a string or an array of strings"});
  };
  if (const toml::array* a = n.as_array()) {
    for (const toml::node& item : *a) {
      if (auto s = item.value<std::string>())
        out.push_back(*s);
      else
        fail(item);
    }
  } else if (auto s = n.value<std::string>()) {
    out.push_back(*s);
  } else {
    fail(n);
  }
  return out;
}

std::vector<ProjectConfig::Gate> gate_list(const toml::node& n, const std::string& file, const char* key,
                                           std::vector<RuleError>& errors) {
  std::vector<ProjectConfig::Gate> out;
  const auto add = [&](const toml::node& item) {
    if (auto s = item.value<std::string>()) {
      out.push_back({*s, static_cast<std::uint32_t>(item.source().begin.line),
                     static_cast<std::uint32_t>(item.source().begin.column)});
    } else {
      errors.push_back({file, static_cast<std::uint32_t>(item.source().begin.line),
                        static_cast<std::uint32_t>(item.source().begin.column),
                        std::string("`") + key + "` must be a string or an array of strings"});
    }
  };
  if (const toml::array* a = n.as_array()) {
    for (const toml::node& item : *a) add(item);
  } else {
    add(n);
  }
  return out;
}

}  // namespace

std::optional<std::filesystem::path> ProjectConfig::find(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  while (!dir.empty()) {
    const auto candidate = dir / ".statuslint.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

ProjectConfig ProjectConfig::load(const std::filesystem::path& path, std::vector<RuleError>& errors) {
  ProjectConfig config;
  config.path = path;
  const std::string file = path.string();
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    errors.push_back({file, static_cast<std::uint32_t>(e.source().begin.line),
                      static_cast<std::uint32_t>(e.source().begin.column), std::string(e.description())});
    return config;
  }
  const auto error = [&](const toml::node& at, std::string message) {
    errors.push_back({file, static_cast<std::uint32_t>(at.source().begin.line),
                      static_cast<std::uint32_t>(at.source().begin.column), std::move(message)});
  };
  const std::filesystem::path base = path.parent_path();
  for (auto&& [key, node] : root) {
    const std::string_view k = key.str();
    if (k == "rules") {
      for (const std::string& p : string_list(node, file, "rules", errors)) config.rule_paths.push_back(base / p);
    } else if (k == "enable") {
      config.selection.enable = string_list(node, file, "enable", errors);
    } else if (k == "disable") {
      config.selection.disable = string_list(node, file, "disable", errors);
    } else if (k == "fail_on") {
      if (auto s = node.value<std::string>())
        config.fail_on = *s;
      else
        error(node, "`fail_on` must be a string: error, warning, info or none");
    } else if (k == "max_rate") {
      config.max_rate = gate_list(node, file, "max_rate", errors);
    } else if (k == "max_count") {
      config.max_count = gate_list(node, file, "max_count", errors);
    } else if (k == "max_latency") {
      config.max_latency = gate_list(node, file, "max_latency", errors);
    } else if (k == "routes") {
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        error(node, "[routes] must be a table with spec, rules and ignore");
        continue;
      }
      for (auto&& [rk, rnode] : *t) {
        if (rk.str() == "spec") {
          for (const std::string& p : string_list(rnode, file, "routes.spec", errors))
            config.route_specs.push_back(base / p);
        } else if (rk.str() == "rules") {
          config.route_rules = gate_list(rnode, file, "routes.rules", errors);
        } else if (rk.str() == "ignore") {
          config.route_ignores = gate_list(rnode, file, "routes.ignore", errors);
        } else {
          error(rnode, "unknown key '" + std::string(rk.str()) + "' in [routes] (expected spec, rules, ignore)");
        }
      }
    } else if (k == "severity") {
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        error(node, "[severity] must be a table of \"rule-id\" = \"level\"");
        continue;
      }
      for (auto&& [id, level] : *t) {
        auto s = level.value<std::string>();
        auto severity = s ? parse_severity(*s) : std::nullopt;
        if (!severity) {
          error(level, "severity of '" + std::string(id.str()) + "' must be error, warning or info");
          continue;
        }
        config.selection.severity.emplace_back(std::string(id.str()), *severity);
      }
    } else {
      error(node,
            "unknown key '" + std::string(k) +
                "' (expected rules, enable, disable, fail_on, max_rate, max_count, max_latency, [severity], [routes])");
    }
  }
  return config;
}

}  // namespace statuslint
