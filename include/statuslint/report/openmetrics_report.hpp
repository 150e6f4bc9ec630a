// The metrics reporter: `scan --format openmetrics` and `merge --format openmetrics` write the
// report as the Prometheus text exposition (which OpenMetrics parsers also read), for
// node_exporter's textfile collector after a nightly or CI run.
//
// Every value describes the one run that wrote the file, so counts are gauges, not counters:
// a counter promises to only grow, and the next night's file starts again. Request times and
// response sizes are histograms with fixed buckets (seconds, bytes), per status class, counted
// from the same distributions the other reports read. Label values are escaped as the format
// defines (append_label_value_escaped); log text appears only in input names and rule ids.
#pragma once

#include <string>

#include "statuslint/collect/summary.hpp"

namespace statuslint {

void write_summary_openmetrics(std::string& out, const ScanSummary& summary);

}  // namespace statuslint
