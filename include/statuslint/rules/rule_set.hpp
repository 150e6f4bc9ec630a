// Loading rules from TOML files: the built-in pack (embedded in the binary at build time from
// rules/builtin/*.toml), and files or folders the user adds.
//
// A file loads whole or not at all: every problem (TOML syntax, unknown keys, bad status
// specs, invalid regular expressions, duplicate ids) is collected with its file, line and
// column, and a file with any error adds no rule. Examples in the files (fires / silent) are
// checked by RuleEngine::check_examples once the rules are compiled.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/rules/rule.hpp"

namespace statuslint {

struct RuleError {
  std::string file;
  std::uint32_t line = 0, column = 0;
  std::string message;
  // "file:line:column: message"
  std::string to_string() const;
};

class RuleSet {
 public:
  // The rule files embedded at build time, as (name, text) pairs.
  struct EmbeddedFile {
    std::string_view name;
    std::string_view text;
  };
  static std::span<const EmbeddedFile> embedded_files() noexcept;

  // The built-in pack. Errors in it are build defects, reported like any other.
  void add_builtin(std::vector<RuleError>& errors);
  // Adds the rules of one TOML document; `source` names it in errors and in rule listings.
  void add_text(std::string_view text, const std::string& source, std::vector<RuleError>& errors);
  // A file, or a folder whose *.toml files are loaded in name order (not recursively).
  void add_path(const std::filesystem::path& path, std::vector<RuleError>& errors);

  const std::vector<Rule>& rules() const noexcept { return rules_; }
  std::vector<Rule>& rules() noexcept { return rules_; }
  const Rule* find(std::string_view id) const noexcept;

 private:
  std::vector<Rule> rules_;
};

}  // namespace statuslint
