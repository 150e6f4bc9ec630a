// Error budgets: parsed from --max-rate and --max-count, measured against a summary and
// described in words.
#include "statuslint/collect/budget.hpp"

#include <gtest/gtest.h>

#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"
#include "support/combined_scan.hpp"

namespace statuslint {
namespace {

using test::builtin_rules;
std::shared_ptr<const RuleEngine> builtin() { return builtin_rules(); }

ScanSummary scan_text(const std::string& log, const std::string& name = "access.log", size_t examples = 100) {
  return test::scan_combined(log, name, examples);
}
std::string line(const std::string& status, const std::string& path = "/", const std::string& ua = "curl") {
  return test::combined_line(status, path, ua);
}

TEST(Budgets, ParseMeasureAndDescribe) {
  const ScanSummary s = scan_text(line("500") + line("200") + line("200") + line("499") + "garbage\n");
  std::vector<Budget> budgets = {parse_budget(Budget::Kind::MaxRate, "5xx=20", nullptr),
                                 parse_budget(Budget::Kind::MaxRate, "499=25", nullptr),
                                 parse_budget(Budget::Kind::MaxRate, "nonstandard=10", nullptr),
                                 parse_budget(Budget::Kind::MaxRate, "malformed=10", nullptr),
                                 parse_budget(Budget::Kind::MaxCount, "status/nonstandard-nginx=0", builtin().get())};
  ScanSummary with = s;
  const auto results = evaluate_budgets(budgets, with);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].breached);
  EXPECT_EQ(results[0].description, "5xx rate 25% > 20% (1 of 4 records)");
  EXPECT_FALSE(results[1].breached) << "25% is within a 25% budget";
  EXPECT_TRUE(results[2].breached);
  EXPECT_TRUE(results[3].breached);
  EXPECT_EQ(results[3].description, "malformed rate 20% > 10% (1 of 5 lines)");
  EXPECT_TRUE(results[4].breached);
  EXPECT_EQ(results[4].description, "status/nonstandard-nginx findings 1 > 0");
  EXPECT_THROW(parse_budget(Budget::Kind::MaxRate, "6xx=1", nullptr), std::invalid_argument);
  EXPECT_THROW(parse_budget(Budget::Kind::MaxRate, "5xx=101", nullptr), std::invalid_argument);
  EXPECT_THROW(parse_budget(Budget::Kind::MaxRate, "5xx", nullptr), std::invalid_argument);
  EXPECT_THROW(parse_budget(Budget::Kind::MaxCount, "no/rule=1", builtin().get()), std::invalid_argument);
}

}  // namespace
}  // namespace statuslint
