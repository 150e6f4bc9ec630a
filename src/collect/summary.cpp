#include "statuslint/collect/summary.hpp"

#include <algorithm>

namespace statuslint {

std::string InputSummary::format_note() const {
  switch (format_source) {
    case FormatSource::Given:
      return "given";
    case FormatSource::Detected:
      return "detected: " + format_reason;
    case FormatSource::None:
      break;
  }
  return "";
}

void Counts::merge(const Counts& from) noexcept {
  lines += from.lines;
  records += from.records;
  malformed += from.malformed;
  blank += from.blank;
  for (size_t i = 0; i < by_code.size(); ++i) by_code[i] += from.by_code[i];
  missing_status += from.missing_status;
  non_numeric_status += from.non_numeric_status;
  no_response += from.no_response;
  filtered += from.filtered;
  other += from.other;
  truncated += from.truncated;
  browser_generated += from.browser_generated;
  from_cache += from.from_cache;
  body_size_unreliable += from.body_size_unreliable;
}

std::array<std::uint64_t, kStatusClassCount> Counts::by_class() const noexcept {
  std::array<std::uint64_t, kStatusClassCount> out{};
  for (int code = 0; code < kStatusTableSize; ++code) {
    out[static_cast<size_t>(class_of(code))] += by_code[static_cast<size_t>(code)];
  }
  out[static_cast<size_t>(StatusClass::Invalid)] += missing_status + non_numeric_status;
  return out;
}

std::array<std::uint64_t, kStatusSlots> Counts::by_slot() const noexcept {
  std::array<std::uint64_t, kStatusSlots> out{};
  std::copy(by_code.begin(), by_code.end(), out.begin());
  out[kSlotMissingStatus] = missing_status;
  out[kSlotNonNumericStatus] = non_numeric_status;
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

void merge_tallies(RuleTallies& into, const RuleTallies& from, std::uint64_t line_offset, size_t max_examples) {
  if (into.empty()) into.resize(from.size());
  for (size_t i = 0; i < from.size(); ++i) {
    RuleTally& a = into[i];
    const RuleTally& b = from[i];
    a.count += b.count;
    a.not_evaluated += b.not_evaluated;
    for (const FindingExample& e : b.examples) {
      if (a.examples.size() >= max_examples) break;
      a.examples.push_back(e);
      if (a.examples.back().line > 0) a.examples.back().line += line_offset;
    }
  }
}

void append_shard(InputSummary& into, InputSummary&& next) {
  const size_t max = into.shard ? into.shard->max_examples : 0;
  const auto append = [max](auto& a, auto& b) {
    for (auto& e : b) {
      if (a.size() >= max) break;
      a.push_back(std::move(e));
    }
  };
  into.counts.merge(next.counts);
  append(into.examples, next.examples);
  append(into.other_examples, next.other_examples);
  append(into.truncated_examples, next.truncated_examples);
  append(into.no_response_examples, next.no_response_examples);
  if (into.lines_by_format.size() < next.lines_by_format.size())
    into.lines_by_format.resize(next.lines_by_format.size());
  for (size_t k = 0; k < next.lines_by_format.size(); ++k) {
    if (into.lines_by_format[k].first.empty()) into.lines_by_format[k].first = next.lines_by_format[k].first;
    into.lines_by_format[k].second += next.lines_by_format[k].second;
  }
  merge_tallies(into.findings, next.findings, 0, max);
  into.trends.merge(next.trends);
  into.offenders.merge(next.offenders);
  if (into.error.empty()) into.error = std::move(next.error);
  for (std::string& w : next.warnings) into.warnings.push_back(std::move(w));
  if (into.shard && next.shard) into.shard->end = next.shard->end;
}

std::uint64_t ScanSummary::finding_count(size_t index) const noexcept {
  std::uint64_t n = 0;
  for (const InputSummary& in : inputs) n += index < in.findings.size() ? in.findings[index].count : 0;
  return n;
}

std::uint64_t ScanSummary::not_evaluated_count(size_t index) const noexcept {
  std::uint64_t n = 0;
  for (const InputSummary& in : inputs) n += index < in.findings.size() ? in.findings[index].not_evaluated : 0;
  return n;
}

bool ScanSummary::has_findings_at(Severity threshold) const noexcept {
  if (rules == nullptr) return false;
  for (size_t i = 0; i < rules->rules().size(); ++i) {
    if (rules->active(i) && rules->rules()[i].severity >= threshold && finding_count(i) > 0) return true;
  }
  return false;
}

Trends ScanSummary::merged_trends() const {
  Trends all;
  all.bucket_seconds = inputs.empty() ? kMinute : inputs.front().trends.bucket_seconds;
  for (const InputSummary& in : inputs) all.merge(in.trends);
  const std::int64_t wanted = trend_bucket_seconds > 0 ? trend_bucket_seconds : all.auto_bucket_seconds();
  if (wanted > all.bucket_seconds) return all.coarsened(wanted);
  return all;
}

Offenders ScanSummary::merged_offenders() const {
  Offenders all;
  for (const InputSummary& in : inputs) all.merge(in.offenders);
  return all;
}

bool ScanSummary::any_budget_breached() const noexcept {
  return std::any_of(budgets.begin(), budgets.end(), [](const BudgetResult& b) { return b.breached; });
}

bool ScanSummary::any_input_error() const noexcept {
  return std::any_of(inputs.begin(), inputs.end(), [](const InputSummary& i) { return !i.error.empty(); });
}

}  // namespace statuslint
