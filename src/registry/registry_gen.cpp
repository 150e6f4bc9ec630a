// Build-time generator: reads rules/registry.toml, validates it, and writes a C++ source
// holding the constant status table (one StatusInfo per number 0..999).
//
// It runs at build time only; the library never parses the registry at run time. Every
// error names the file, line and column, and all errors are reported before exiting.
#include <toml++/toml.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Meaning {
  std::string name, origin, reference, description;
};
struct Entry {
  int code = 0;
  std::string name, kind, origin, reference, description;
  std::vector<std::string> aliases;
  std::vector<Meaning> also;
};

const std::set<std::string> kKinds = {"standard", "deprecated", "unused", "provisional", "nonstandard", "invalid"};

std::string cpp_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"sv";
}

std::string kind_enum(const std::string& kind) {
  static const std::map<std::string, std::string> names = {
      {"standard", "Standard"},       {"deprecated", "Deprecated"},   {"unused", "Unused"},
      {"provisional", "Provisional"}, {"nonstandard", "Nonstandard"}, {"invalid", "Invalid"}};
  return "StatusKind::" + names.at(kind);
}

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  bool load(std::vector<Entry>& out) {
    toml::table root;
    try {
      root = toml::parse_file(path_);
    } catch (const toml::parse_error& err) {
      error(err.source().begin, std::string(err.description()));
      return false;
    }
    const toml::array* statuses = root["status"].as_array();
    if (statuses == nullptr) {
      error(root.source().begin, "expected an array of [[status]] tables");
      return false;
    }
    std::map<int, toml::source_position> seen;
    for (const toml::node& node : *statuses) {
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        error(node.source().begin, "expected a [[status]] table");
        continue;
      }
      Entry e;
      const auto code = (*t)["code"].value_exact<int64_t>();
      if (!code || *code < 0 || *code > 999) {
        error(t->source().begin, "`code` must be an integer 0..999");
        continue;
      }
      e.code = static_cast<int>(*code);
      if (auto [it, fresh] = seen.emplace(e.code, t->source().begin); !fresh) {
        error(t->source().begin, "duplicate code " + std::to_string(e.code) + " (first at line " +
                                     std::to_string(it->second.line) + "); use [[status.also]]");
      }
      e.name = required(*t, "name");
      e.kind = required(*t, "kind");
      e.origin = required(*t, "origin");
      e.reference = required(*t, "reference");
      e.description = required(*t, "description");
      if (!e.kind.empty() && kKinds.count(e.kind) == 0) {
        error(t->source().begin, "unknown kind '" + e.kind +
                                     "' (expected standard, deprecated, unused, provisional, nonstandard or invalid)");
      }
      const bool in_range = e.code >= 100 && e.code <= 599;
      if (!e.kind.empty() && in_range == (e.kind == "invalid")) {
        error(t->source().begin, "code " + std::to_string(e.code) + " cannot have kind '" + e.kind +
                                     "': codes outside 100..599 are exactly the invalid ones");
      }
      if (const toml::array* aliases = (*t)["aliases"].as_array()) {
        for (const toml::node& a : *aliases) {
          if (auto s = a.value<std::string>()) {
            e.aliases.push_back(*s);
          } else {
            error(a.source().begin, "aliases must be strings");
          }
        }
      }
      if (const toml::array* also = (*t)["also"].as_array()) {
        for (const toml::node& a : *also) {
          const toml::table* at = a.as_table();
          if (at == nullptr) {
            error(a.source().begin, "expected a [[status.also]] table");
            continue;
          }
          e.also.push_back({required(*at, "name"), required(*at, "origin"), required(*at, "reference"),
                            required(*at, "description")});
        }
      }
      out.push_back(std::move(e));
    }
    return errors_ == 0;
  }

 private:
  std::string required(const toml::table& t, const char* key) {
    auto v = t[key].value<std::string>();
    if (!v || v->empty()) {
      error(t.source().begin, std::string("missing or empty string `") + key + "`");
      return {};
    }
    return *v;
  }
  void error(const toml::source_position& pos, const std::string& message) {
    ++errors_;
    std::cerr << path_ << ':' << pos.line << ':' << pos.column << ": error: " << message << '\n';
  }

  std::string path_;
  int errors_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: statuslint_registry_gen REGISTRY.toml OUTPUT.cpp\n";
    return 2;
  }
  std::vector<Entry> entries;
  Loader loader(argv[1]);
  if (!loader.load(entries)) return 1;

  std::array<const Entry*, 1000> by_code{};
  for (const Entry& e : entries) by_code[static_cast<size_t>(e.code)] = &e;

  std::ostringstream out;
  out << "// Generated from rules/registry.toml by statuslint_registry_gen. Do not edit.\n"
         "#include \"registry/registry_table.hpp\"\n\n"
         "namespace statuslint::detail {\nusing namespace std::string_view_literals;\nnamespace {\n";
  for (const Entry* e : by_code) {
    if (e == nullptr) continue;
    out << "constexpr std::array<std::string_view, " << e->aliases.size() << "> aliases_" << e->code << "{";
    for (const auto& a : e->aliases) out << cpp_string(a) << ", ";
    out << "};\n";
    out << "constexpr std::array<StatusMeaning, " << e->also.size() << "> also_" << e->code << "{{";
    for (const auto& m : e->also) {
      out << "{" << cpp_string(m.name) << ", " << cpp_string(m.origin) << ", " << cpp_string(m.reference) << ", "
          << cpp_string(m.description) << "}, ";
    }
    out << "}};\n";
  }
  out << "}  // namespace\n\n";
  out << "constinit const std::array<StatusInfo, " << by_code.size() << "> kStatusTable{{\n";
  for (size_t code = 0; code < by_code.size(); ++code) {
    const Entry* e = by_code[code];
    if (e == nullptr) {
      const bool in_range = code >= 100 && code <= 599;
      out << "    {" << code << ", {}, " << (in_range ? "StatusKind::Unassigned" : "StatusKind::Invalid")
          << ", {}, {}, {}, {}, {}},\n";
    } else {
      out << "    {" << code << ", " << cpp_string(e->name) << ", " << kind_enum(e->kind) << ", "
          << cpp_string(e->origin) << ", " << cpp_string(e->reference) << ", " << cpp_string(e->description)
          << ", aliases_" << code << ", also_" << code << "},\n";
    }
  }
  out << "}};\n\n";
  out << "namespace {\nconstexpr std::array<const StatusInfo*, " << entries.size() << "> kKnownStatuses{{\n";
  for (size_t code = 0; code < by_code.size(); ++code) {
    if (by_code[code] != nullptr) out << "    &kStatusTable[" << code << "],\n";
  }
  out << "}};\n}  // namespace\n\n"
         "std::span<const StatusInfo* const> known_statuses() noexcept { return kKnownStatuses; }\n\n"
         "}  // namespace statuslint::detail\n";

  // Write only when the content changes, so an unchanged registry does not rebuild the world.
  const std::string text = out.str();
  {
    std::ifstream existing(argv[2], std::ios::binary);
    std::ostringstream old;
    old << existing.rdbuf();
    if (existing && old.str() == text) return 0;
  }
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    std::cerr << argv[2] << ": error: cannot write the generated table\n";
    return 1;
  }
  return 0;
}
