// Shared by the libFuzzer targets: an invariant check that aborts (so the fuzzer reports it)
// instead of an assert that release builds would drop.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "statuslint/report/summary_report.hpp"
#include "statuslint/rules/rule_set.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint::fuzz {

inline std::shared_ptr<const RuleEngine> builtin_rules() {
  static const auto engine = [] {
    RuleSet set;
    std::vector<RuleError> errors;
    set.add_builtin(errors);
    return std::make_shared<const RuleEngine>(set, RuleSelection{}, errors);
  }();
  return engine;
}

// Every consumer of record fields on (rules, trends, top offenders), so that the sanitizers
// see the code that reads what the readers wrote. `tiny_budget` makes the top-offender
// tables outgrow their budget at once, to run the sketch path as well.
inline void turn_on_consumers(ScanOptions& o, bool tiny_budget) {
  o.rules = builtin_rules();
  o.collect.trends = true;
  o.collect.top_counters = 8;
  o.collect.top_memory = tiny_budget ? 512 : kDefaultTopMemory;
}

// The whole JSON report of one scanned input, for invariance checks.
inline std::string whole_report(InputSummary in, const ScanOptions& o) {
  ScanSummary s;
  s.rules = o.rules;
  s.show_trends = o.collect.trends;
  s.top = 5;
  s.add(std::move(in));
  std::string out;
  write_summary_json(out, s);
  return out;
}

// Long lines from short inputs: four control bytes name a part of `bytes` (where it starts,
// 1 to 16 bytes long) and how often it is repeated in place (up to 65,535 times, at most
// kMaxRepeated bytes in all), so that a few hundred bytes of fuzz input grow a field to tens
// of KiB: the lengths around the structural index's 16 KiB windows and the detection window,
// which no mutation of a short input reaches.
inline constexpr size_t kMaxRepeated = size_t{4} << 20;

inline std::string repeat_part(std::string_view bytes, const std::uint8_t control[4]) {
  if (bytes.empty()) return {};
  const size_t start = control[0] * bytes.size() / 256;
  const size_t length = std::min<size_t>(1 + control[1] % 16, bytes.size() - start);
  const size_t times = std::min<size_t>((size_t{control[2]} << 8 | control[3]), kMaxRepeated / length);
  std::string out(bytes.substr(0, start));
  out.reserve(bytes.size() + length * times);
  for (size_t i = 0; i < times; ++i) out.append(bytes.substr(start, length));
  out.append(bytes.substr(start));
  return out;
}

}  // namespace statuslint::fuzz
