#include "statuslint/collect/record_collector.hpp"

namespace statuslint {

RecordCollector::RecordCollector(const CollectOptions& options)
    : options_(options),
      need_time_(options.since || options.until || Collectors::need_time(options)),
      filter_(options.since || options.until),
      gather_(Collectors::any_wanted(options)),
      gatherers_(Collectors::gatherers(options)) {
  if (options.rules != nullptr) evaluator_.emplace(*options.rules, options.record_only_rules);
}

void RecordCollector::prepare(Collected& out) {
  if (options_.rules != nullptr) out.findings.resize(options_.rules->rules().size());
  Collectors::prepare(out.states.all(), options_);
  Collectors::start(gatherers_, out.states.all());
}

void RecordCollector::add(const Record& r, Collected& out) {
  std::optional<std::int64_t> t;
  if (need_time_) {
    t = epochs_.epoch(r);
    // A record with no readable time passes the filter: dropping it would hide it.
    if (filter_ && t && ((options_.since && *t < *options_.since) || (options_.until && *t >= *options_.until))) {
      ++out.counts.filtered;
      return;
    }
  }
  out.counts.add(r);
  if (options_.sequences && wants_exchange(r, options_.har)) out.exchanges.add(r);
  if (r.truncated) ++out.counts.truncated;
  std::span<const std::uint16_t> fired;
  if (evaluator_) {
    evaluator_->evaluate(r, out.findings, options_.max_examples);
    fired = evaluator_->fired();
  }
  if (gather_) Collectors::add(gatherers_, Observation{r, t, fired, out.findings.size()}, out.states.all());
}

void CollectingSink::keep_no_response(const Record& r) {
  if (out_.no_response_examples.size() >= max_examples_) return;
  r.resolve();
  out_.no_response_examples.push_back(
      {r.entry >= 0 ? Location::entry(static_cast<std::uint64_t>(r.entry)) : Location::line(r.line),
       std::string(r.method), std::string(r.path.substr(0, kExampleBytes)), std::string(r.error)});
}

void CollectingSink::malformed(Location at, std::string_view reason, std::string_view text) {
  ++out_.counts.malformed;
  if (wants_example()) out_.examples.push_back({at, std::string(reason), std::string(text.substr(0, kExampleBytes))});
}

void CollectingSink::other(Location at, std::string_view reason, std::string_view text) {
  ++out_.counts.other;
  if (out_.other_examples.size() < max_examples_) {
    out_.other_examples.push_back({at, std::string(reason), std::string(text.substr(0, kExampleBytes))});
  }
}

void CollectingSink::truncated_record(Record& r, std::string_view reason, std::string_view text) {
  const std::uint64_t before = out_.counts.truncated;
  record(r);
  if (out_.counts.truncated > before && out_.truncated_examples.size() < max_examples_) {
    out_.truncated_examples.push_back(
        {Location::line(r.line), std::string(reason), std::string(text.substr(0, kExampleBytes))});
  }
}

}  // namespace statuslint
