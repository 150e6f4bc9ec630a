// Combined-log lines made to order, and a scan of them with the built-in rules: what the
// budget and CI-report tests judge.
#pragma once

#include <string>

#include "statuslint/scan/scanner.hpp"
#include "support/builtin_rules.hpp"

namespace statuslint::test {

inline ScanSummary scan_combined(const std::string& log, const std::string& name = "access.log",
                                 size_t examples = 100) {
  ScanOptions o;
  o.format.text = LogFormat::preset("combined");
  o.rules = builtin_rules();
  o.collect.max_examples = examples;
  Scanner scanner(o);
  auto src = open_memory(log);
  ScanSummary s;
  s.rules = o.rules;
  s.add(scanner.scan(*src, name));
  return s;
}

inline std::string combined_line(const std::string& status, const std::string& path = "/",
                                 const std::string& ua = "curl") {
  return "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET " + path + " HTTP/1.1\" " + status + " 0 \"-\" \"" + ua +
         "\"\n";
}

}  // namespace statuslint::test
