// Fuzzes the rule-file loader: any text either loads (and its rules compile and run their
// examples) or yields errors with positions; it never half-loads a file.
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "statuslint/rules/rule_engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace statuslint;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_text(text, "fuzz.toml", errors);
  FUZZ_CHECK(errors.empty() || set.rules().empty());
  for (const RuleError& e : errors) FUZZ_CHECK(!e.message.empty());
  if (errors.empty()) {
    RuleEngine engine(set, {}, errors);
    engine.check_examples(errors);
  }
  return 0;
}
