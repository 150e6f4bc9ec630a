// Where readers put what they read, in the spirit of ripgrep's Sink: a reader cuts its input
// into records and pushes each one, with every line (or HAR entry) that is not a record, into
// a sink. The reader knows formats; the sink knows what to do with records (count them,
// run rules, keep examples), so neither depends on the other.
#pragma once

#include <cstdint>
#include <string_view>

#include "statuslint/record/location.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // One record; r.line or r.entry says where it is. `r` may be changed by the sink (it is
  // the reader's scratch record) and is valid only during the call.
  virtual void record(Record& r) = 0;
  // A line or entry that is not a record, why (a sentence naming the format and what was
  // expected), and its text (raw; only its first kExampleBytes are kept).
  virtual void malformed(Location at, std::string_view reason, std::string_view text) = 0;
  // A well-formed line that is not an access record (a JSON event without a status).
  virtual void other(Location at, std::string_view reason, std::string_view text) = 0;
  // Called when the reader stops, with how many lines (or entries) it read in all. The
  // reader counts them on its own, so that a sink can check that each one was pushed exactly
  // once (Counts::balanced).
  virtual void read(std::uint64_t lines) = 0;
};

}  // namespace statuslint
