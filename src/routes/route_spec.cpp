#include "statuslint/routes/route_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "formats/simdjson_linked.hpp"

namespace statuslint {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& what, int line = -1) {
  std::string where = file;
  if (line >= 0) where += ":" + std::to_string(line + 1);
  throw RouteRuleError(where + ": " + what);
}

// "https://{region}.example.com/v1/" with region's default -> "/v1". A relative URL is relative
// to where the document is served, which a log does not know: taken as a path when it starts
// with '/', otherwise as no base path.
std::string server_base_path(std::string url, const std::map<std::string, std::string>& defaults) {
  for (const auto& [name, value] : defaults) {
    const std::string placeholder = "{" + name + "}";
    for (size_t at = url.find(placeholder); at != std::string::npos; at = url.find(placeholder, at + value.size())) {
      url.replace(at, placeholder.size(), value);
    }
  }
  std::string_view u = url;
  if (const size_t scheme = u.find("://"); scheme != std::string_view::npos) {
    const size_t slash = u.find('/', scheme + 3);
    u = slash == std::string_view::npos ? std::string_view{} : u.substr(slash);
  } else if (u.starts_with("//")) {
    const size_t slash = u.find('/', 2);
    u = slash == std::string_view::npos ? std::string_view{} : u.substr(slash);
  } else if (!u.starts_with('/')) {
    u = {};
  }
  u = u.substr(0, std::min(u.find('?'), u.size()));
  while (!u.empty() && u.back() == '/') u.remove_suffix(1);
  return std::string(u);
}

void add_unique(std::vector<std::string>& v, std::string s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// What both readers fill: the document's version, its top-level base paths, and per path item
// its key and its own servers' base paths (empty: the top level's).
struct Document {
  std::string openapi;
  std::string swagger;
  std::string title;
  std::vector<std::string> bases;
  bool has_paths = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> paths;
  std::vector<int> lines;  // per path, for YAML's errors
};

// --- YAML ------------------------------------------------------------------------------------

std::string yaml_scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : std::string(); }

std::vector<std::string> yaml_servers(const YAML::Node& servers) {
  std::vector<std::string> out;
  if (!servers || !servers.IsSequence()) return out;
  for (const YAML::Node& server : servers) {
    if (!server.IsMap()) continue;
    std::map<std::string, std::string> defaults;
    if (const YAML::Node vars = server["variables"]; vars && vars.IsMap()) {
      for (const auto& v : vars) {
        if (v.second.IsMap()) defaults[v.first.as<std::string>()] = yaml_scalar(v.second["default"]);
      }
    }
    add_unique(out, server_base_path(yaml_scalar(server["url"]), defaults));
  }
  return out;
}

Document read_yaml(const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    fail(file, "cannot be read");
  } catch (const YAML::ParserException& e) {
    fail(file, "not valid YAML: " + e.msg, e.mark.line);
  }
  if (!root.IsMap()) fail(file, "expected an OpenAPI or Swagger document (a mapping at the top)");
  Document d;
  try {
    d.openapi = yaml_scalar(root["openapi"]);
    d.swagger = yaml_scalar(root["swagger"]);
    if (const YAML::Node info = root["info"]; info && info.IsMap()) d.title = yaml_scalar(info["title"]);
    d.bases = yaml_servers(root["servers"]);
    if (const YAML::Node base = root["basePath"]; base && base.IsScalar()) {
      d.bases.push_back(server_base_path(base.as<std::string>(), {}));
    }
    const YAML::Node paths = root["paths"];
    if (paths) {
      if (!paths.IsMap()) fail(file, "'paths' is not a mapping", paths.Mark().line);
      d.has_paths = true;
      for (const auto& p : paths) {
        d.paths.emplace_back(p.first.as<std::string>(),
                             p.second.IsMap() ? yaml_servers(p.second["servers"]) : std::vector<std::string>{});
        d.lines.push_back(p.first.Mark().line);
      }
    }
  } catch (const YAML::Exception& e) {
    fail(file, "unexpected YAML: " + e.msg, e.mark.line);
  }
  return d;
}

// --- JSON ------------------------------------------------------------------------------------

std::string json_string(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e.is_object() && !e[key].get(v)) return std::string(v);
  return {};
}

std::vector<std::string> json_servers(simdjson::dom::element parent) {
  std::vector<std::string> out;
  simdjson::dom::array servers;
  if (!parent.is_object() || parent["servers"].get(servers)) return out;
  for (const simdjson::dom::element server : servers) {
    if (!server.is_object()) continue;
    std::map<std::string, std::string> defaults;
    simdjson::dom::object vars;
    if (!server["variables"].get(vars)) {
      for (const auto field : vars) defaults[std::string(field.key)] = json_string(field.value, "default");
    }
    add_unique(out, server_base_path(json_string(server, "url"), defaults));
  }
  return out;
}

Document read_json(const std::string& file) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto err = parser.load(file).get(root)) {
    if (err == simdjson::IO_ERROR) fail(file, "cannot be read");
    fail(file, std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) fail(file, "expected an OpenAPI or Swagger document (an object at the top)");
  Document d;
  d.openapi = json_string(root, "openapi");
  d.swagger = json_string(root, "swagger");
  simdjson::dom::element info;
  if (!root["info"].get(info)) d.title = json_string(info, "title");
  d.bases = json_servers(root);
  std::string_view base;
  if (!root["basePath"].get(base)) d.bases.push_back(server_base_path(std::string(base), {}));
  simdjson::dom::element paths;
  if (!root["paths"].get(paths)) {
    simdjson::dom::object object;
    if (paths.get(object)) fail(file, "'paths' is not an object");
    d.has_paths = true;
    for (const auto field : object) {
      d.paths.emplace_back(std::string(field.key), json_servers(field.value));
      d.lines.push_back(-1);
    }
  }
  return d;
}

bool looks_like_json(const std::string& file) {
  if (file.ends_with(".json")) return true;
  if (file.ends_with(".yaml") || file.ends_with(".yml")) return false;
  std::ifstream in(file, std::ios::binary);
  char c = 0;
  while (in.get(c)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

RouteSpec load_route_spec(const std::string& file) {
  Document d = looks_like_json(file) ? read_json(file) : read_yaml(file);
  RouteSpec spec;
  spec.file = file;
  if (d.openapi.starts_with("3.")) {
    spec.version = d.openapi;
  } else if (d.swagger == "2.0") {
    spec.version = d.swagger;
  } else if (!d.openapi.empty() || !d.swagger.empty()) {
    fail(file, "OpenAPI " + (d.openapi.empty() ? d.swagger : d.openapi) + " is not read (expected 3.x or Swagger 2.0)");
  } else {
    fail(file, "neither an 'openapi' nor a 'swagger' field: expected an OpenAPI 3.x or Swagger 2.0 document");
  }
  if (!d.has_paths) fail(file, "no 'paths': the document describes no routes");
  spec.title = d.title;
  if (d.bases.empty()) d.bases.emplace_back();
  for (size_t i = 0; i < d.paths.size(); ++i) {
    const auto& [path, own] = d.paths[i];
    if (path.starts_with("x-")) continue;  // an extension, not a path
    if (!path.starts_with('/')) fail(file, "the path '" + path + "' does not start with '/'", d.lines[i]);
    ++spec.paths;
    for (const std::string& base : own.empty() ? d.bases : own) {
      add_unique(spec.templates, base + (path == "/" && !base.empty() ? std::string() : path));
    }
  }
  return spec;
}

void add_spec_routes(RouteRules& rules, const RouteSpec& spec) {
  for (const std::string& t : spec.templates) {
    try {
      rules.add_route(t, t, spec.file);
    } catch (const RouteRuleError& e) {
      throw RouteRuleError(spec.file + ": " + e.what());
    }
  }
}

}  // namespace statuslint
