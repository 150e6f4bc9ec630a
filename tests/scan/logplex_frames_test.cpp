// Logplex drains: one line holds several octet-counted frames, each counted as a line of its
// own. A line whose frames stop short of its end (a count that runs past it, or bytes after the
// last frame) used to count the frames read and the line as malformed too, so records +
// malformed + ... exceeded lines; and the extra frames shifted the line numbers of later
// chunks (both found by fuzz_detect on the heroku-drain sample).
#include <gtest/gtest.h>

#include <string>

#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

std::string frame(const std::string& status) {
  const std::string body = "<158>1 2026-11-21T11:20:00.731955+00:00 host heroku router - at=info method=GET "
                           "path=\"/\" host=myapp.herokuapp.com request_id=3ad767df fwd=\"203.0.113.1\" "
                           "dyno=web.1 connect=2ms service=570ms status=" +
                           status + " bytes=153 protocol=https";
  return std::to_string(body.size()) + " " + body;
}

InputSummary scan(const std::string& bytes, unsigned threads, size_t chunk) {
  ScanOptions o;
  o.threads = threads;
  o.chunk_bytes = chunk;
  Scanner scanner(o);
  auto source = open_memory(bytes, "drain.log");
  return scanner.scan(*source, "drain.log");
}

TEST(LogplexFrames, BytesAfterTheLastFrameAreOneMoreMalformedLine) {
  std::string log;
  for (int i = 0; i < 30; ++i) log += frame("200") + frame("404") + "\n";
  log += frame("500") + frame("503") + "status=40atus=40atus=401 bytes=64\n";  // a frame cut short
  log += "garbage with no frame\n";
  for (unsigned threads : {1u, 2u}) {
    const InputSummary in = scan(log, threads, threads == 1 ? size_t{1} << 20 : 700);
    ASSERT_EQ(in.error, "");
    EXPECT_EQ(in.format.rfind("logplex/", 0), 0u) << in.format;
    EXPECT_EQ(in.counts.records, 62u);
    EXPECT_EQ(in.counts.malformed, 2u);
    EXPECT_EQ(in.counts.lines, 64u) << "frames, the cut line's rest and the unframed line";
    EXPECT_TRUE(in.counts.balanced());
    // Locations are the file's lines, whatever the chunks: the 30 lines of two frames each
    // before them must not shift the examples (they did, by 30, in chunks after the first).
    ASSERT_EQ(in.examples.size(), 2u);
    EXPECT_EQ(in.examples[0].at.index, 31u) << threads;
    EXPECT_EQ(in.examples[1].at.index, 32u) << threads;
  }
}

}  // namespace
}  // namespace statuslint
