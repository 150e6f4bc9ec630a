// Renders rules for `statuslint rules`: the list of rules (text table or JSON) and the long
// explanation of one rule.
#pragma once

#include <string>

#include "statuslint/rules/rule_engine.hpp"

namespace statuslint {

// The active rules (or every loaded rule with `all`), as an aligned table.
void write_rules_text(std::string& out, const RuleEngine& engine, bool all);
// The same as a JSON array of {id, severity, enabled, summary, reference, needs, source}.
void write_rules_json(std::string& out, const RuleEngine& engine, bool all);
// One rule in full: summary, explanation, reference, needs, what it matches, its examples.
void write_rule_explain(std::string& out, const RuleEngine& engine, size_t index);

}  // namespace statuslint
