// The CI reports (GitHub annotations, JUnit, SARIF): escaping, stable fingerprints and what
// each lists.
#include "statuslint/report/ci_report.hpp"

#include <gtest/gtest.h>

#include <sstream>

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

TEST(GithubReport, EscapesLikeTheActionsToolkit) {
  EXPECT_EQ(github_escape_data("50% done next"), "50%25 done next");
  EXPECT_EQ(github_escape_data("a\r\nb\x1b[31m"), "a\\x0d\\x0ab\\x1b[31m") << "controls made visible, never raw";
  EXPECT_EQ(github_escape_property("a:b,c%"), "a%3Ab%2Cc%25");
}

TEST(GithubReport, LogTextCannotStartAWorkflowCommand) {
  const ScanSummary s = scan_text(line("999", "/x%0A::error::pwned\r::set-output name=x::y"));
  std::string out;
  write_summary_github(out, s);
  std::istringstream lines(out);
  std::string l;
  size_t commands = 0;
  while (std::getline(lines, l)) {
    EXPECT_EQ(l.find('\r'), std::string::npos);
    ASSERT_TRUE(l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ") ||
                l.starts_with("statuslint: "))
        << l;
    if (l.starts_with("::")) {
      ++commands;
      EXPECT_EQ(l.find("::", 2), l.find("::", l.find(" ") + 1)) << "exactly one command separator: " << l;
    }
  }
  EXPECT_EQ(commands, 1u);
  EXPECT_NE(out.find("/x%250A::error::pwned\\x0d::set-output"), std::string::npos) << out;
}

TEST(GithubReport, StaysWithinTheAnnotationLimitAndSaysWhatWasLeftOut) {
  std::string log;
  for (int i = 0; i < 30; ++i) log += line("999");
  for (int i = 0; i < 30; ++i) log += line("305");
  const ScanSummary s = scan_text(log);
  std::string out;
  write_summary_github(out, s);
  size_t errors = 0, warnings = 0;
  std::istringstream lines(out);
  std::string l;
  while (std::getline(lines, l)) {
    errors += l.starts_with("::error ") ? 1 : 0;
    warnings += l.starts_with("::warning ") ? 1 : 0;
  }
  EXPECT_EQ(errors, kGithubAnnotationsPerLevel);
  EXPECT_EQ(warnings, kGithubAnnotationsPerLevel);
  EXPECT_NE(out.find("statuslint: 40 findings were not annotated"), std::string::npos) << out;
  EXPECT_NE(out.find("statuslint: error status/invalid: 30 findings"), std::string::npos);
}

TEST(JunitReport, OneCasePerRuleFailedSkippedOrPassed) {
  const ScanSummary s = scan_text(line("999") + line("401") + line("200"));
  std::string out;
  write_summary_junit(out, s);
  EXPECT_NE(out.find("<testcase classname=\"statuslint.rules.status\" name=\"status/invalid\">\n      <failure "
                     "message=\"1 findings: Invalid status\" type=\"error\">"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("name=\"header/401-www-authenticate\">\n      <skipped message=\"not evaluated on 1 records"),
            std::string::npos);
  EXPECT_NE(out.find("name=\"status/deprecated-305\">\n    </testcase>"), std::string::npos) << "passed";
  size_t cases = 0;
  for (size_t at = out.find("<testcase "); at != std::string::npos; at = out.find("<testcase ", at + 1)) ++cases;
  EXPECT_EQ(cases, builtin()->active_count() + 1) << "one per active rule and one per input";
}

TEST(JunitReport, XmlEscapingHoldsForAnyBytes) {
  std::string out;
  append_xml_escaped(out, std::string("<a&b>\"'\x01\x1b ok\t\xff\xef\xbf\xbf", 17));
  EXPECT_EQ(out, "&lt;a&amp;b&gt;&quot;&apos;\xEF\xBF\xBD\xEF\xBF\xBD ok\t\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(SarifReport, RulesResultsAndStableFingerprints) {
  const ScanSummary s = scan_text(line("305") + line("999", "/a b"), "logs/my access.log");
  std::string out;
  write_summary_sarif(out, s);
  EXPECT_NE(out.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(out.find("\"uri\": \"logs/my%20access.log\""), std::string::npos);
  EXPECT_NE(out.find("\"startLine\": 2"), std::string::npos);
  EXPECT_NE(out.find("\"level\": \"note\""), std::string::npos) << "info rules are SARIF notes";
  // The fingerprint depends on what was found, not on where: a line added above keeps it.
  const ScanSummary shifted = scan_text(line("200") + line("305") + line("999", "/a b"), "logs/my access.log");
  std::string out2;
  write_summary_sarif(out2, shifted);
  const auto fingerprints = [](const std::string& sarif) {
    std::vector<std::string> fps;
    for (size_t at = sarif.find("statuslint/v1\": \""); at != std::string::npos;
         at = sarif.find("statuslint/v1\": \"", at + 1)) {
      fps.push_back(sarif.substr(at + 17, 16));
    }
    return fps;
  };
  EXPECT_EQ(fingerprints(out), fingerprints(out2));
  EXPECT_EQ(fingerprints(out).size(), 2u);
}

}  // namespace
}  // namespace statuslint
