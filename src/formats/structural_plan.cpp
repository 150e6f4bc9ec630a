// The structural planner: which bytes the structural index must hold for a format (the first
// byte of each literal after a field, and the separator), and whether the format is one of the
// presets the fast path also holds as a compile-time plan (log_plans.hpp).
#include "log_plans.hpp"

namespace statuslint {

using namespace plans;

void LogFormat::plan_structural() {
  // The bytes a field search looks for: the first byte of each literal after a field, and
  // the separator that ends the last field. Each gets a class in the structural index.
  std::string bytes;
  const auto class_of = [&bytes](char c) {
    size_t at = bytes.find(c);
    if (at == std::string::npos) {
      at = bytes.size();
      bytes += c;
    }
    return static_cast<std::uint8_t>(StructuralIndex::kFirstNeedle + at);
  };
  plan_.assign(steps_.size(), PlanStep{});
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    PlanStep& plan = plan_[i];
    step.after.copy(plan.after, sizeof plan.after);
    plan.step = static_cast<std::uint16_t>(i);
    plan.after_size = static_cast<std::uint32_t>(step.after.size());
    plan.field = step.field;
    plan.time_syntax = step.time_syntax;
    plan.unit = step.unit;
    plan.quoted = step.quoted;
    plan.lone_space = !step.quoted && step.after == " ";
    if (!step.after.empty()) plan.klass = class_of(step.after.front());
  }
  separator_class_ = class_of(w3c_separator_);
  const bool indexable = bytes.find_first_of(std::string_view("\n\\\0", 3)) == std::string::npos;
  structural_bytes_ = indexable && bytes.size() <= StructuralIndex::kMaxNeedles ? bytes : std::string();
  shape_ = Shape::Generic;
  if (!structural_bytes_.empty() && prefix_.empty() && !w3c_ && w3c_separator_ == ' ') {
    if (separator_class_ == kSpaceClass && same_steps(plan_, kCombinedPlan)) shape_ = Shape::Combined;
    if (separator_class_ == kSpaceClass && same_steps(plan_, kCommonPlan)) shape_ = Shape::Common;
    if (separator_class_ == kVhostSpaceClass && same_steps(plan_, kVhostCombinedPlan)) shape_ = Shape::VhostCombined;
  }
}

}  // namespace statuslint
