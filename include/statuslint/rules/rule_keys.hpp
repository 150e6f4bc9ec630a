// The keys of a rule's [rule.match] table and of its [[rule.fires]] / [[rule.silent]]
// examples, described once: each key's name, how its value is read into a matcher, how it sets
// an example record, a test (a match, an example it fires on and one it stays silent for) and
// its documentation. The loader (rule_set.cpp) reads through this table; `statuslint rules
// --keys` prints it as the tables of rules/README.md, and a test holds the two to each other.
//
// Adding a key: a row here (rule_keys.cpp), with its test; the engine's condition if the
// matcher gains a field.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace statuslint {

struct RuleExample;
class KeyReader;    // the value being read, and where errors go (rule_set.cpp's loader)
struct MatchDraft;  // a matcher being read, with its status conditions not yet compiled

// A rule built around one key, that must fire on `fires` and stay silent for `silent` (each
// TOML lines of an example table).
struct RuleKeyTest {
  std::string_view match;
  std::string_view fires;
  std::string_view silent;
};

struct RuleKey {
  std::string_view name;
  void (*match)(KeyReader&, MatchDraft&);     // null: not a [rule.match] key
  void (*example)(KeyReader&, RuleExample&);  // null: not an example key
  std::string_view match_value;               // what a match takes (Markdown)
  std::string_view match_meaning;             // what then holds
  std::string_view example_value;             // what an example takes, and its default
  RuleKeyTest test;
};

std::span<const RuleKey> rule_keys() noexcept;
// The match keys and the example keys as two Markdown tables (rules/README.md).
std::string rule_keys_markdown();

}  // namespace statuslint
