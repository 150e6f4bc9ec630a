#include "statuslint/collect/record_collector.hpp"

namespace statuslint {

namespace {
const std::vector<std::uint16_t> kNoneFired;
}  // namespace

RecordCollector::RecordCollector(const CollectOptions& options)
    : options_(options), need_time_(options.trends || options.since || options.until) {
  if (options.rules != nullptr) evaluator_.emplace(*options.rules, options.record_only_rules);
  if (options.top_counters > 0) {
    offenders_.configure(options.top_counters, options.top_keep_query,
                         options.rules != nullptr ? options.rules->rules().size() : 0, options.top_memory);
  }
}

void RecordCollector::prepare(Collected& out) {
  bucket_trends_ = nullptr;
  if (options_.rules != nullptr) out.findings.resize(options_.rules->rules().size());
  out.trends.bucket_seconds = options_.bucket_seconds;
}

void RecordCollector::add(const Record& r, Collected& out) {
  std::optional<std::int64_t> t;
  if (need_time_) {
    t = epochs_.epoch(r);
    // A record with no readable time passes the filter: dropping it would hide it.
    if (t && ((options_.since && *t < *options_.since) || (options_.until && *t >= *options_.until))) {
      ++out.counts.filtered;
      return;
    }
  }
  out.counts.add(r);
  if (options_.sequences && wants_exchange(r, options_.har)) out.exchanges.add(r);
  if (r.truncated) ++out.counts.truncated;
  if (evaluator_) evaluator_->evaluate(r, out.findings, options_.max_examples);
  if (offenders_.enabled()) offenders_.add(r, evaluator_ ? evaluator_->fired() : kNoneFired);
  if (!options_.trends) return;
  if (!t) {
    ++out.trends.undated;
    return;
  }
  TimeBucket& b = bucket(out.trends, *t);
  if (r.no_response) {
    ++b.no_response;
  } else {
    ++b.classes[static_cast<size_t>(r.status_info != nullptr ? r.status_info->status_class() : StatusClass::Invalid)];
  }
  if (evaluator_ && !evaluator_->fired().empty()) {
    if (b.findings.size() < out.findings.size()) b.findings.resize(out.findings.size());
    for (const std::uint16_t rule : evaluator_->fired()) ++b.findings[rule];
  }
}

TimeBucket& RecordCollector::bucket(Trends& trends, std::int64_t t) {
  if (bucket_trends_ == &trends && t >= bucket_start_ && t - bucket_start_ < trends.bucket_seconds) return *bucket_;
  if (options_.adaptive_buckets && !trends.buckets.empty()) {
    // The span the buckets would have were this record added.
    trends.adapt(std::min(trends.buckets.begin()->first, t), std::max(trends.buckets.rbegin()->first, t));
  }
  bucket_ = &trends.at(t);
  bucket_trends_ = &trends;
  bucket_start_ = t - ((t % trends.bucket_seconds) + trends.bucket_seconds) % trends.bucket_seconds;
  return *bucket_;
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
