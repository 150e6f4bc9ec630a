// The chunk reader on its own: chunks of whole lines that add up to the input for every chunk
// size, a byte order mark dropped, lines over the limit that a chunk cannot hold skipped to
// their end with their head kept,
// peek() that consumes nothing, read_raw() after framing started, and zeroed padding.
#include "statuslint/input/chunk_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace statuslint {
namespace {

struct Read {
  std::string joined;              // the chunks' bytes, in order
  std::vector<std::string> heads;  // oversized lines' kept heads
  std::vector<std::uint64_t> oversized_bytes;
  size_t chunks = 0;
};

Read read_all(const std::string& input, size_t chunk_bytes, size_t max_line_bytes) {
  auto source = open_memory(input, "mem");
  ChunkReader reader(*source, chunk_bytes, max_line_bytes);
  Read out;
  Chunk chunk;
  while (reader.next(chunk)) {
    ++out.chunks;
    EXPECT_GE(chunk.buffer.size(), chunk.size + kChunkPadding) << "padding for parsers that read ahead";
    // The buffer is neither zeroed when it grows nor when it is reused, so the padding is the
    // reader's to clear: a parser reading ahead sees zeros, never a previous chunk's bytes.
    for (size_t i = 0; i < kChunkPadding; ++i) {
      EXPECT_EQ(chunk.buffer[chunk.size + i], '\0') << "padding byte " << i << " of chunk " << out.chunks;
    }
    if (chunk.oversized) {
      out.heads.emplace_back(chunk.view());
      out.oversized_bytes.push_back(chunk.oversized_bytes);
      out.joined += "<oversized>\n";
      continue;
    }
    const std::string_view v = chunk.view();
    EXPECT_FALSE(v.empty());
    out.joined.append(v);
  }
  EXPECT_FALSE(reader.error()) << *reader.error();
  return out;
}

std::string random_lines(unsigned seed, size_t n, size_t longest) {
  std::mt19937 rng(seed);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s.append(rng() % longest, static_cast<char>('a' + i % 26));
    s += '\n';
  }
  return s;
}

TEST(ChunkReader, ChunksAreWholeLinesAndAddUpToTheInputForEveryChunkSize) {
  const std::string input = random_lines(7, 400, 300) + "no final newline";
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{17}, size_t{64}, size_t{4096}, input.size() + 1}) {
    auto source = open_memory(input, "mem");
    ChunkReader reader(*source, chunk, 1 << 20);
    Chunk c;
    std::string joined;
    while (reader.next(c)) {
      const std::string_view v = c.view();
      joined.append(v);
      // Every chunk but the input's last ends at a newline.
      if (joined.size() < input.size()) {
        EXPECT_EQ(v.back(), '\n') << chunk;
      }
    }
    EXPECT_EQ(joined, input) << "chunk size " << chunk;
  }
}

TEST(ChunkReader, AByteOrderMarkIsDroppedOnlyAtTheStart) {
  const std::string body = "a\nb\xEF\xBB\xBF\nc\n";
  EXPECT_EQ(read_all(std::string(kUtf8Bom) + body, 3, 1000).joined, body);
  EXPECT_EQ(read_all(body, 3, 1000).joined, body) << "a mark inside a line is data";
}

TEST(ChunkReader, AnOversizedLineIsSkippedToItsEndWithItsHeadKept) {
  const std::string big(10'000, 'x');
  const std::string input = "short\n" + big + "\nafter\n";
  for (size_t chunk : {size_t{16}, size_t{1000}}) {
    const Read r = read_all(input, chunk, 500);
    EXPECT_EQ(r.joined, "short\n<oversized>\nafter\n") << chunk;
    ASSERT_EQ(r.heads.size(), 1u);
    EXPECT_EQ(r.oversized_bytes[0], big.size());
    EXPECT_LE(r.heads[0].size(), kOversizedHeadBytes);
    EXPECT_EQ(r.heads[0], big.substr(0, r.heads[0].size()));
  }
  // A chunk that holds the line whole delivers it: the line reader then calls it malformed,
  // so the verdict does not depend on the chunk size.
  EXPECT_EQ(read_all(input, size_t{1} << 20, 500).joined, input);
  // One byte under the limit is a line like any other.
  const Read fits = read_all("x\n" + std::string(500, 'y') + "\n", 16, 500);
  EXPECT_TRUE(fits.heads.empty());
}

TEST(ChunkReader, PeekConsumesNothingAndReadRawContinuesWhereChunksStopped) {
  const std::string input = std::string(kUtf8Bom) + "{\"log\":\n{}}\n";
  auto source = open_memory(input, "mem");
  ChunkReader reader(*source, 4, 1000);
  EXPECT_EQ(reader.peek(3), "{\"l");
  EXPECT_EQ(reader.peek(100), "{\"log\":\n{}}\n");
  std::string raw;
  char buf[5];
  for (size_t n; (n = reader.read_raw(buf, sizeof buf)) > 0;) raw.append(buf, n);
  EXPECT_EQ(raw, "{\"log\":\n{}}\n");
}

TEST(ChunkReader, ThePaddingIsZeroAfterLongerChunksInTheSameBuffer) {
  // Long lines first, then short ones: every later chunk ends inside bytes an earlier one wrote.
  const std::string input = random_lines(3, 50, 400) + random_lines(4, 200, 6) + "x";
  EXPECT_EQ(read_all(input, 256, 1 << 20).joined, input);
  // An oversized line's head is shorter than the chunk that read it.
  EXPECT_EQ(read_all(std::string(5000, 'z') + "\nend\n", 1000, 300).joined, "<oversized>\nend\n");
}

TEST(ChunkReader, EmptyInputHasNoChunks) {
  EXPECT_EQ(read_all("", 16, 100).chunks, 0u);
  EXPECT_EQ(read_all(std::string(kUtf8Bom), 16, 100).chunks, 0u);
}

}  // namespace
}  // namespace statuslint
