// The rule key table (rules/rule_keys.hpp): every key does what its row says, on a rule built
// around it, and rules/README.md documents exactly the table.
#include "statuslint/rules/rule_keys.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "statuslint/rules/rule_engine.hpp"
#include "statuslint/rules/rule_set.hpp"

namespace statuslint {
namespace {

std::string rule_around(const RuleKeyTest& t, std::string_view fires, std::string_view silent) {
  return "[[rule]]\nid = \"t/key\"\nseverity = \"info\"\nsummary = \"s\"\nexplanation = \"e\"\nreference = \"r\"\n"
         "[rule.match]\n" +
         std::string(t.match) + "\n[[rule.fires]]\n" + std::string(fires) + "\n[[rule.silent]]\n" +
         std::string(silent) + "\n";
}

std::vector<RuleError> load_and_check(const std::string& text) {
  std::vector<RuleError> errors;
  RuleSet set;
  set.add_text(text, "key.toml", errors);
  if (!errors.empty()) return errors;
  RuleEngine engine(set, RuleSelection{}, errors);
  engine.check_examples(errors);
  return errors;
}

std::string joined(const std::vector<RuleError>& errors) {
  std::string s;
  for (const RuleError& e : errors) s += e.to_string() + "\n";
  return s;
}

std::string key_of(std::string_view toml_line) { return std::string(toml_line.substr(0, toml_line.find(' '))); }

TEST(RuleKeys, EachKeysTestFiresAndStaysSilentAsItsRowSays) {
  for (const RuleKey& k : rule_keys()) {
    SCOPED_TRACE(std::string(k.name));
    const std::vector<RuleError> errors = load_and_check(rule_around(k.test, k.test.fires, k.test.silent));
    EXPECT_TRUE(errors.empty()) << joined(errors);
    // The test can fail: its examples swapped, the rule must refuse both.
    const std::vector<RuleError> swapped = load_and_check(rule_around(k.test, k.test.silent, k.test.fires));
    EXPECT_EQ(swapped.size(), 2U) << joined(swapped);
  }
}

TEST(RuleKeys, EachKeysTestUsesItsKey) {
  std::set<std::string> names;
  for (const RuleKey& k : rule_keys()) {
    SCOPED_TRACE(std::string(k.name));
    EXPECT_TRUE(names.insert(std::string(k.name)).second) << "listed twice";
    EXPECT_TRUE(k.match != nullptr || k.example != nullptr);
    if (k.match != nullptr) {
      EXPECT_EQ(key_of(k.test.match), k.name);
      EXPECT_FALSE(k.match_value.empty());
      EXPECT_FALSE(k.match_meaning.empty());
    }
    if (k.example != nullptr) {
      EXPECT_FALSE(k.example_value.empty());
      const std::string fires(k.test.fires), silent(k.test.silent);
      const std::string prefix = std::string(k.name) + " = ";
      EXPECT_TRUE(fires.find(prefix) != std::string::npos || silent.find(prefix) != std::string::npos)
          << "no example of the test sets " << k.name;
    }
  }
}

TEST(RuleKeys, AKeyOutsideTheTableIsAnError) {
  const RuleKeyTest t{"pathh = \"x\"", "status = 200", "status = 404"};
  const std::vector<RuleError> errors = load_and_check(rule_around(t, t.fires, t.silent));
  ASSERT_EQ(errors.size(), 1U) << joined(errors);
  EXPECT_NE(errors[0].message.find("unknown match key 'pathh'"), std::string::npos);
  // An example key that is only a match key.
  const RuleKeyTest e{"status = 404", "status = 404\nkind = \"standard\"", "status = 200"};
  const std::vector<RuleError> example_errors = load_and_check(rule_around(e, e.fires, e.silent));
  ASSERT_EQ(example_errors.size(), 1U) << joined(example_errors);
  EXPECT_NE(example_errors[0].message.find("unknown example key 'kind'"), std::string::npos);
}

// rules/README.md holds the tables `statuslint rules --keys` prints, between two markers.
TEST(RuleKeys, TheRulesReadmeDocumentsTheTable) {
  std::ifstream in(std::string(STATUSLINT_SOURCE_DIR) + "/rules/README.md");
  ASSERT_TRUE(in) << "rules/README.md";
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string begin = "<!-- rule-keys: statuslint rules --keys -->\n", end = "<!-- /rule-keys -->";
  const size_t from = readme.find(begin), to = readme.find(end);
  ASSERT_NE(from, std::string::npos) << "no " << begin;
  ASSERT_NE(to, std::string::npos) << "no " << end;
  EXPECT_EQ(readme.substr(from + begin.size(), to - from - begin.size()), rule_keys_markdown())
      << "run: statuslint rules --keys, and paste it between the markers";
}

}  // namespace
}  // namespace statuslint
