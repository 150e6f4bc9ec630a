// Private to rules/: what a rule key's reader (rule_keys.cpp) is given, a TOML value and
// where errors go, and the value readers keys share (status specs, string lists, regexes,
// bounds). The file loader (rule_set.cpp) is a KeyReader.
#pragma once

#include <toml++/toml.h>

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/rules/rule.hpp"
#include "statuslint/rules/rule_set.hpp"

namespace statuslint {

// A matcher being read. Status conditions (status, not_status, kind) combine into the
// matcher's slots only once every key is read, in finish().
struct MatchDraft {
  explicit MatchDraft(RuleMatcher& matcher) : out(matcher) {}
  RuleMatcher& out;
  std::bitset<kStatusSlots> statuses, excluded;
  bool any_status = true;
  std::bitset<kStatusKindCount> kinds;
  bool any_kind = true;
};

class KeyReader {
 public:
  KeyReader(std::string source, std::vector<RuleError>& errors) : source_(std::move(source)), errors_(errors) {}

  void error(const toml::source_region& where, std::string message);
  size_t error_count() const noexcept { return count_; }

  // The key being read and its value.
  std::string_view key() const noexcept { return key_; }
  const toml::node& value() const noexcept { return *value_; }
  void at(std::string_view key, const toml::node& value) noexcept {
    key_ = key;
    value_ = &value;
  }

  // Status specs: 404, "404", "520-527", "5xx", "missing" (- or empty), "non-numeric".
  void add_statuses(const toml::node& n, std::bitset<kStatusSlots>& out);
  // A string or an array of strings.
  std::vector<std::string> strings(const toml::node& n, std::string_view what);
  void check_regex(const toml::node& n, const std::string& pattern);
  // "> 0", "<= 1.5", ...
  std::optional<NumericBound> bound(const toml::node& n);
  // A fresh any_of group of header conditions.
  std::uint16_t next_group() noexcept { return ++groups_; }

 protected:
  const std::string& source() const noexcept { return source_; }

 private:
  std::string source_;
  std::vector<RuleError>& errors_;
  size_t count_ = 0;
  std::uint16_t groups_ = 0;  // any_of groups handed out so far
  std::string_view key_;
  const toml::node* value_ = nullptr;
};

// Compiles the draft's status conditions into its matcher's slots (statuses x kinds -
// excluded); an error at `where` when none is left.
void finish(MatchDraft& draft, KeyReader& reader, const toml::source_region& where);

}  // namespace statuslint
