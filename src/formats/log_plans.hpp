// The plans parse_steps walks: the format's own (RuntimePlan), or a compile-time copy of it
// for the commonest presets (FixedPlan), whose steps unroll. Private to the formats stage:
// the parser (log_format.cpp) and the planner (structural_plan.cpp) share them.
#pragma once

#include <array>
#include <cstring>
#include <span>
#include <string_view>

#include "statuslint/formats/log_format.hpp"
#include "statuslint/formats/structural_index.hpp"

namespace statuslint::plans {

// parse_steps over the format's own plan.
struct RuntimePlan {
  const LogFormat::PlanStep* steps;
  size_t count;
  bool is_padded;
  size_t size() const noexcept { return count; }
  bool padded() const noexcept { return is_padded; }
  const LogFormat::PlanStep& operator[](size_t i) const noexcept { return steps[i]; }
};

// parse_steps over a plan known at compile time. With the step count and each step's
// literal, field and flags constants, the loop unrolls and every per-step branch (literal
// length, quoting, the list-space rule, which record member to fill) folds away: over half
// of the field extraction's own instructions on a combined log.
template <const auto& kSteps>
struct FixedPlan {
  static constexpr size_t size() noexcept { return kSteps.size(); }
  static constexpr bool padded() noexcept { return false; }
  constexpr const LogFormat::PlanStep& operator[](size_t i) const noexcept { return kSteps[i]; }
};

// One step as plan_structural() builds it.
constexpr LogFormat::PlanStep fixed_step(std::string_view after, std::uint16_t step, LogField field, std::uint8_t klass,
                                         bool quoted, TimeSyntax time = TimeSyntax::None) {
  LogFormat::PlanStep s{};
  for (size_t i = 0; i < after.size(); ++i) s.after[i] = after[i];
  s.after_size = static_cast<std::uint32_t>(after.size());
  s.step = step;
  s.field = field;
  s.time_syntax = time;
  s.klass = klass;
  s.quoted = quoted;
  s.lone_space = !quoted && after == " ";
  return s;
}

// Index classes in the order plan_structural() assigns them: the space first, then ']', '"'.
inline constexpr std::uint8_t kSpaceClass = StructuralIndex::kFirstNeedle, kBracketClass = kSpaceClass + 1,
                       kQuoteClass = kSpaceClass + 2;

// %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"
inline constexpr std::array<LogFormat::PlanStep, 9> kCombinedPlan = {{
    fixed_step(" ", 0, LogField::Client, kSpaceClass, false),
    fixed_step(" ", 1, LogField::Ident, kSpaceClass, false),
    fixed_step(" [", 2, LogField::User, kSpaceClass, false),
    fixed_step("] \"", 3, LogField::Time, kBracketClass, false, TimeSyntax::Clf),
    fixed_step("\" ", 4, LogField::Request, kQuoteClass, true),
    fixed_step(" ", 5, LogField::Status, kSpaceClass, false),
    fixed_step(" \"", 6, LogField::Bytes, kSpaceClass, false),
    fixed_step("\" \"", 7, LogField::Referrer, kQuoteClass, true),
    fixed_step("\"", 8, LogField::UserAgent, kQuoteClass, true),
}};

// %h %l %u %t "%r" %>s %b
inline constexpr std::array<LogFormat::PlanStep, 7> kCommonPlan = {{
    kCombinedPlan[0],
    kCombinedPlan[1],
    kCombinedPlan[2],
    kCombinedPlan[3],
    kCombinedPlan[4],
    kCombinedPlan[5],
    fixed_step("", 6, LogField::Bytes, 0, false),
}};

// %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" (Apache's vhost_combined, Debian's
// other_vhosts_access.log): the colon takes the first class, so every other class moves up one.
inline constexpr std::uint8_t kVhostColonClass = StructuralIndex::kFirstNeedle, kVhostSpaceClass = kVhostColonClass + 1,
                       kVhostBracketClass = kVhostColonClass + 2, kVhostQuoteClass = kVhostColonClass + 3;
inline constexpr std::array<LogFormat::PlanStep, 11> kVhostCombinedPlan = {{
    fixed_step(":", 0, LogField::Host, kVhostColonClass, false),
    fixed_step(" ", 1, LogField::Port, kVhostSpaceClass, false),
    fixed_step(" ", 2, LogField::Client, kVhostSpaceClass, false),
    fixed_step(" ", 3, LogField::Ident, kVhostSpaceClass, false),
    fixed_step(" [", 4, LogField::User, kVhostSpaceClass, false),
    fixed_step("] \"", 5, LogField::Time, kVhostBracketClass, false, TimeSyntax::Clf),
    fixed_step("\" ", 6, LogField::Request, kVhostQuoteClass, true),
    fixed_step(" ", 7, LogField::Status, kVhostSpaceClass, false),
    fixed_step(" \"", 8, LogField::Bytes, kVhostSpaceClass, false),
    fixed_step("\" \"", 9, LogField::Referrer, kVhostQuoteClass, true),
    fixed_step("\"", 10, LogField::UserAgent, kVhostQuoteClass, true),
}};

inline bool same_steps(std::span<const LogFormat::PlanStep> a, std::span<const LogFormat::PlanStep> b) noexcept {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const LogFormat::PlanStep& x, const LogFormat::PlanStep& y) {
        return std::memcmp(x.after, y.after, sizeof x.after) == 0 && x.after_size == y.after_size && x.step == y.step &&
               x.field == y.field && x.time_syntax == y.time_syntax && x.unit == y.unit && x.klass == y.klass &&
               x.quoted == y.quoted && x.lone_space == y.lone_space;
      });
}

}  // namespace statuslint::plans
