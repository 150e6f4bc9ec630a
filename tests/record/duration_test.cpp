// Request times in every unit a vendor documents, to microseconds; lists summed; "-" and
// negative values missing, never 0.
#include "statuslint/record/duration.hpp"

#include "statuslint/record/log_field.hpp"

#include <gtest/gtest.h>

namespace statuslint {
namespace {

TEST(Duration, EveryUnitToMicroseconds) {
  // nginx $request_time: seconds with millisecond resolution.
  EXPECT_EQ(duration_micros("0.123", DurationUnit::Seconds), 123000);
  EXPECT_EQ(duration_micros("12", DurationUnit::Seconds), 12000000);
  EXPECT_EQ(duration_micros(".5", DurationUnit::Seconds), 500000);
  // Apache %D (microseconds), %T (seconds); IIS time-taken and Envoy %DURATION% (ms).
  EXPECT_EQ(duration_micros("8417", DurationUnit::Microseconds), 8417);
  EXPECT_EQ(duration_micros("226", DurationUnit::Milliseconds), 226000);
  EXPECT_EQ(duration_micros("4.512", DurationUnit::Milliseconds), 4512);  // morgan's response-time
  // Traefik's JSON Duration (nanoseconds): sub-microsecond digits are dropped.
  EXPECT_EQ(duration_micros("673599061", DurationUnit::Nanoseconds), 673599);
  // Caddy's duration: seconds with nanosecond digits.
  EXPECT_EQ(duration_micros("0.027006183", DurationUnit::Seconds), 27006);
  EXPECT_EQ(duration_micros("0.5", DurationUnit::None), 500000) << "no unit reads as seconds";
}

TEST(Duration, ListsAreSummedAndMissingIsNeverZero) {
  // nginx $upstream_response_time after retries and an internal redirect.
  EXPECT_EQ(duration_micros("0.004, 0.002 : 0.001", DurationUnit::Seconds), 7000);
  EXPECT_EQ(duration_micros("0.004, -", DurationUnit::Seconds), 4000) << "a try that got no answer adds nothing";
  for (const char* missing : {"-", "", "-1", " - ", "abc", "1.2.3", "12ms", "-, -"}) {
    EXPECT_EQ(duration_micros(missing, DurationUnit::Seconds), kNoDuration) << missing;
  }
  EXPECT_EQ(duration_micros("0", DurationUnit::Milliseconds), 0) << "0 is a time";
  Record r;
  EXPECT_EQ(request_micros(r), kNoDuration) << "a record without a time field";
}

Record with(std::initializer_list<std::pair<LogField, std::string_view>> fields,
            DurationUnit unit = DurationUnit::Seconds) {
  Record r;
  for (const auto& [field, value] : fields) {
    assign_field(
        r, field, value, [](Record&, std::string_view) {}, TimeSyntax::None, unit);
  }
  return r;
}

TEST(Duration, EachVendorsTotalAndUpstreamShare) {
  // HAProxy option httplog: TR/Tw/Tc/Tr/Ta in ms; Ta is the total, Tr the server's; -1 aborted.
  Record h = with({{LogField::HaproxyTimers, "10/0/30/69/109"}});
  EXPECT_EQ(request_micros(h), 109000);
  EXPECT_EQ(upstream_micros(h), 69000);
  h = with({{LogField::HaproxyTimers, "0/0/-1/-1/+3001"}});
  EXPECT_EQ(request_micros(h), 3001000) << "logasap's '+' before Ta";
  EXPECT_EQ(upstream_micros(h), kNoDuration) << "no server answered: missing, not 0";
  // ALB: request_processing_time + target_processing_time + response_processing_time (s).
  Record alb = with({{LogField::RequestPhaseTime, "0.000"},
                     {LogField::UpstreamTime, "0.001"},
                     {LogField::ResponsePhaseTime, "0.000"}});
  EXPECT_EQ(request_micros(alb), 1000);
  alb = with({{LogField::RequestPhaseTime, "-1"}, {LogField::UpstreamTime, "-1"}, {LogField::ResponsePhaseTime, "-1"}});
  EXPECT_EQ(request_micros(alb), kNoDuration) << "-1: the load balancer could not reach a target";
  // nginx: $request_time is the total, $upstream_response_time the upstream's (summed list).
  const Record ng = with({{LogField::RequestTime, "0.010"}, {LogField::UpstreamTime, "0.004, 0.002"}});
  EXPECT_EQ(request_micros(ng), 10000);
  EXPECT_EQ(upstream_micros(ng), 6000);
}

}  // namespace
}  // namespace statuslint
