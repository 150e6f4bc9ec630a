// The built-in rule pack as one engine, loaded once per test program, for the tests that scan
// with the rules on. Whether the pack loads cleanly is RulePack's test, not each user's.
#pragma once

#include <memory>
#include <vector>

#include "statuslint/rules/rule_engine.hpp"
#include "statuslint/rules/rule_set.hpp"

namespace statuslint::test {

inline std::shared_ptr<const RuleEngine> builtin_rules() {
  static const std::shared_ptr<const RuleEngine> engine = [] {
    RuleSet set;
    std::vector<RuleError> errors;
    set.add_builtin(errors);
    return std::make_shared<const RuleEngine>(set, RuleSelection{}, errors);
  }();
  return engine;
}

}  // namespace statuslint::test
