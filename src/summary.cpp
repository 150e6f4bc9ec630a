#include "statuslint/summary.hpp"

#include <algorithm>

namespace statuslint {

void Counts::merge(const Counts& other) noexcept {
  lines += other.lines;
  records += other.records;
  malformed += other.malformed;
  blank += other.blank;
  for (size_t i = 0; i < by_code.size(); ++i) by_code[i] += other.by_code[i];
  missing_status += other.missing_status;
  non_numeric_status += other.non_numeric_status;
  no_response += other.no_response;
}

std::array<std::uint64_t, kStatusClassCount> Counts::by_class() const noexcept {
  std::array<std::uint64_t, kStatusClassCount> out{};
  for (int code = 0; code < kStatusTableSize; ++code) {
    out[static_cast<size_t>(class_of(code))] += by_code[static_cast<size_t>(code)];
  }
  out[static_cast<size_t>(StatusClass::Invalid)] += missing_status + non_numeric_status;
  return out;
}

std::array<std::uint64_t, kStatusKindCount> Counts::by_kind() const noexcept {
  std::array<std::uint64_t, kStatusKindCount> out{};
  for (int code = 0; code < kStatusTableSize; ++code) {
    out[static_cast<size_t>(StatusRegistry::lookup(code).kind)] += by_code[static_cast<size_t>(code)];
  }
  out[static_cast<size_t>(StatusKind::Invalid)] += missing_status + non_numeric_status;
  return out;
}

bool ScanSummary::any_input_error() const noexcept {
  return std::any_of(inputs.begin(), inputs.end(), [](const InputSummary& i) { return !i.error.empty(); });
}

}  // namespace statuslint
