// A distribution (collect/distribution.hpp) in reports: its quantiles in the JSON report, and
// its whole state in partial summaries. Shared by the sections that hold one: latency and
// bytes per scope, and latency per trend bucket, so that both write the same shape.
#pragma once

#include <cstdint>
#include <vector>

#include "formats/simdjson_linked.hpp"
#include "statuslint/collect/distribution.hpp"
#include "statuslint/report/json_writer.hpp"

namespace statuslint {

struct ReportedQuantile {
  const char* name;   // JSON member
  const char* label;  // text column
  double q;
};
inline constexpr ReportedQuantile kReportedQuantiles[] = {
    {"p50", "P50", 0.50}, {"p90", "P90", 0.90}, {"p95", "P95", 0.95}, {"p99", "P99", 0.99}, {"p999", "P99.9", 0.999}};

// The reported quantiles' values (kReportedQuantiles order), from one sort.
std::vector<std::uint64_t> reported_quantiles(const Distribution& d);

// The rounded mean; 0 when empty.
std::uint64_t mean_of(const Distribution& d) noexcept;

// {count, <missing_name>, p50, p90, p95, p99, p999, max, mean, exact}: microseconds written as
// milliseconds; the quantiles, max and mean are null when there is no value. `missing_name`: what a record without this time is ("missing"; HAR phases say
// "not_applicable").
void write_time_json(JsonWriter& w, const Distribution& d, std::uint64_t missing,
                     const char* missing_name = "missing");

// The whole state, for partial summaries, and back; read_distribution throws
// partial::PartialError on a damaged one.
void write_distribution(JsonWriter& w, const Distribution& d);
Distribution read_distribution(simdjson::dom::element e);

}  // namespace statuslint
