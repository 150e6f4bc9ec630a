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

std::uint64_t CodeCounts::operator[](size_t code) const noexcept {
  if (!dense_.empty()) return code < dense_.size() ? dense_[code] : 0;
  const auto it =
      std::lower_bound(sparse_.begin(), sparse_.end(), code, [](const auto& pair, size_t c) { return pair.first < c; });
  return it != sparse_.end() && it->first == code ? it->second : 0;
}

void CodeCounts::make_dense() {
  if (!dense_.empty()) return;
  dense_.assign(kStatusTableSize, 0);
  for (const auto& [code, n] : sparse_) dense_[code] = n;
  sparse_.clear();
  sparse_.shrink_to_fit();
}

void CodeCounts::set(size_t code, std::uint64_t n) {
  make_dense();
  dense_[code] = n;
}

void CodeCounts::merge(const CodeCounts& from) {
  make_dense();
  from.for_each([this](int code, std::uint64_t n) { dense_[static_cast<size_t>(code)] += n; });
}

void CodeCounts::compact() {
  if (dense_.empty()) return;
  sparse_.clear();
  for (size_t code = 0; code < dense_.size(); ++code) {
    if (dense_[code] != 0) sparse_.emplace_back(static_cast<std::uint16_t>(code), dense_[code]);
  }
  sparse_.shrink_to_fit();
  dense_.clear();
  dense_.shrink_to_fit();
}

bool CodeCounts::operator==(const CodeCounts& other) const {
  for (size_t code = 0; code < kStatusTableSize; ++code) {
    if ((*this)[code] != other[code]) return false;
  }
  return true;
}

void Counts::merge(const Counts& from) {
  lines += from.lines;
  records += from.records;
  malformed += from.malformed;
  blank += from.blank;
  by_code.merge(from.by_code);
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
  by_code.for_each([&out](int code, std::uint64_t n) { out[static_cast<size_t>(class_of(code))] += n; });
  out[static_cast<size_t>(StatusClass::Invalid)] += missing_status + non_numeric_status;
  return out;
}

std::array<std::uint64_t, kStatusSlots> Counts::by_slot() const noexcept {
  std::array<std::uint64_t, kStatusSlots> out{};
  by_code.for_each([&out](int code, std::uint64_t n) { out[static_cast<size_t>(code)] = n; });
  out[kSlotMissingStatus] = missing_status;
  out[kSlotNonNumericStatus] = non_numeric_status;
  return out;
}

std::array<std::uint64_t, kStatusKindCount> Counts::by_kind() const noexcept {
  std::array<std::uint64_t, kStatusKindCount> out{};
  by_code.for_each(
      [&out](int code, std::uint64_t n) { out[static_cast<size_t>(StatusRegistry::lookup(code).kind)] += n; });
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
  if (into.error.empty()) into.error = std::move(next.error);
  for (std::string& w : next.warnings) into.warnings.push_back(std::move(w));
  if (into.shard && next.shard) into.shard->end = next.shard->end;
}

void fold_findings(RuleTallies& into, const RuleTallies& from, std::uint32_t input) {
  if (into.size() < from.size()) into.resize(from.size());
  for (size_t i = 0; i < from.size(); ++i) {
    RuleTally& a = into[i];
    const RuleTally& b = from[i];
    a.count += b.count;
    a.not_evaluated += b.not_evaluated;
    for (const FindingExample& e : b.examples) {
      if (a.examples.size() >= kMaxExamplesPerRule) break;
      a.examples.push_back(e);
      a.examples.back().input = input;
    }
  }
}

namespace {

// Row i of the per-input latency rows is input i. An input that could not be read (or a
// partial written without --latency) brings no row, so empty rows are put in its place once
// the scan collects times or sizes: without them, every later input's row would be shown
// under the name of the input before it.
void align_latency_rows(Latency& l, size_t rows_before, size_t inputs_before, size_t inputs_added) {
  if (!l.collected && !l.sizes_collected) return;
  const size_t added = l.inputs.size() - rows_before;
  if (rows_before < inputs_before) {
    l.inputs.insert(l.inputs.begin() + static_cast<std::ptrdiff_t>(rows_before), inputs_before - rows_before,
                    LatencyStats{});
  }
  if (added < inputs_added) l.inputs.resize(l.inputs.size() + inputs_added - added);
}

}  // namespace

void ScanSummary::add(InputSummary&& in) {
  total.merge(in.counts);
  fold_findings(findings, in.findings, static_cast<std::uint32_t>(inputs.size()));
  const size_t rows_before = states.get<LatencyCollector>().inputs.size();
  Collectors::merge(states.all(), in.states.all(), MergeContext{.into_scan = true});
  align_latency_rows(states.get<LatencyCollector>(), rows_before, inputs.size(), 1);
  // Released, not just emptied (assigning {} to a vector keeps its capacity).
  in.findings = RuleTallies();
  in.states = CollectorStates();
  in.counts.by_code.compact();
  inputs.push_back(std::move(in));
}

void append_summary(ScanSummary& into, ScanSummary&& next) {
  const auto base = static_cast<std::uint32_t>(into.inputs.size());
  for (InputSummary& in : next.inputs) {
    into.total.merge(in.counts);
    into.inputs.push_back(std::move(in));
  }
  if (into.findings.size() < next.findings.size()) into.findings.resize(next.findings.size());
  for (size_t i = 0; i < next.findings.size(); ++i) {
    RuleTally& a = into.findings[i];
    a.count += next.findings[i].count;
    a.not_evaluated += next.findings[i].not_evaluated;
    for (FindingExample& e : next.findings[i].examples) {
      if (a.examples.size() >= kMaxExamplesPerRule) break;
      e.input += base;
      a.examples.push_back(std::move(e));
    }
  }
  const size_t rows_before = into.states.get<LatencyCollector>().inputs.size();
  Collectors::merge(into.states.all(), next.states.all(), MergeContext{.into_scan = true});
  align_latency_rows(into.states.get<LatencyCollector>(), rows_before, base, next.inputs.size());
}

std::vector<std::string> join_shards(ScanSummary& summary) {
  std::vector<std::string> errors;
  std::vector<InputSummary> joined;
  std::vector<std::uint32_t> index_of(summary.inputs.size());  // old input index -> joined one
  for (size_t k = 0; k < summary.inputs.size(); ++k) {
    InputSummary& in = summary.inputs[k];
    InputSummary* last = joined.empty() ? nullptr : &joined.back();
    if (last != nullptr && in.shard && last->shard && last->name == in.name) {
      if (in.shard->start != last->shard->end) {
        errors.push_back(in.name + ": shard [" + std::to_string(in.shard->start) + ", " +
                         std::to_string(in.shard->end) + ") does not start where the one before it ended (" +
                         std::to_string(last->shard->end) + "): give the partials in file order, with no gap");
      }
      append_shard(*last, std::move(in));
    } else {
      joined.push_back(std::move(in));
    }
    index_of[k] = static_cast<std::uint32_t>(joined.size() - 1);
  }
  // Examples come in input order, so each joined input's come together, shard after shard.
  for (RuleTally& t : summary.findings) {
    std::vector<FindingExample> kept;
    std::uint32_t current = 0;
    size_t in_current = 0;
    for (FindingExample& e : t.examples) {
      const std::uint32_t input = index_of[e.input];
      if (kept.empty() || input != current) {
        current = input;
        in_current = 0;
      }
      const InputSummary& to = joined[input];
      if (to.shard && in_current >= to.shard->max_examples) continue;
      e.input = input;
      kept.push_back(std::move(e));
      ++in_current;
    }
    t.examples = std::move(kept);
  }
  // Per-input latency rows join as the inputs did.
  Latency& latency = summary.states.get<LatencyCollector>();
  if (latency.inputs.size() == index_of.size()) {
    std::vector<LatencyStats> rows(joined.size());
    for (size_t k = 0; k < index_of.size(); ++k) rows[index_of[k]].merge(latency.inputs[k]);
    latency.inputs = std::move(rows);
  }
  summary.inputs = std::move(joined);
  return errors;
}

std::uint64_t ScanSummary::finding_count(size_t index) const noexcept {
  return index < findings.size() ? findings[index].count : 0;
}

const std::vector<FindingExample>& ScanSummary::finding_examples(size_t index) const noexcept {
  static const std::vector<FindingExample> kNone;
  return index < findings.size() ? findings[index].examples : kNone;
}

std::uint64_t ScanSummary::not_evaluated_count(size_t index) const noexcept {
  return index < findings.size() ? findings[index].not_evaluated : 0;
}

bool ScanSummary::has_findings_at(Severity threshold) const noexcept {
  if (rules == nullptr) return false;
  for (size_t i = 0; i < rules->rules().size(); ++i) {
    if (rules->active(i) && rules->rules()[i].severity >= threshold && finding_count(i) > 0) return true;
  }
  return false;
}

Trends ScanSummary::merged_trends() const {
  const Trends& all = trends();
  const std::int64_t wanted = trend_bucket_seconds > 0 ? trend_bucket_seconds : all.auto_bucket_seconds();
  if (wanted > all.bucket_seconds) return all.coarsened(wanted);
  return all;
}

bool ScanSummary::any_budget_breached() const noexcept {
  return std::any_of(budgets.begin(), budgets.end(), [](const BudgetResult& b) { return b.breached; });
}

bool ScanSummary::any_input_error() const noexcept {
  return std::any_of(inputs.begin(), inputs.end(), [](const InputSummary& i) { return !i.error.empty(); });
}

}  // namespace statuslint
