#include "statuslint/input/input_source.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "support/compression.hpp"

namespace statuslint {
namespace {

// Reads a source to its end in reads of `step` bytes; returns the bytes and the error, if any.
std::pair<std::string, std::string> drain(ByteSource& src, size_t step = 4096) {
  std::string out, error;
  std::string buf(step, '\0');
  try {
    for (;;) {
      const size_t n = src.read(buf.data(), buf.size());
      if (n == 0) break;
      out.append(buf.data(), n);
    }
  } catch (const InputError& e) {
    error = e.what();
  }
  return {out, error};
}

std::string lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "10.0.0." + std::to_string(i % 255) + " - - [x] \"GET / HTTP/1.1\" 200 1\n";
  return s;
}

TEST(InputSource, DetectsCompressionFromMagicBytes) {
  EXPECT_EQ(detect_compression("\x1f\x8b\x08"), Compression::Gzip);
  EXPECT_EQ(detect_compression(std::string_view("\x28\xb5\x2f\xfd", 4)), Compression::Zstd);
  EXPECT_EQ(detect_compression("127.0.0.1"), Compression::None);
  EXPECT_EQ(detect_compression(""), Compression::None);
  EXPECT_EQ(detect_compression("\x1f"), Compression::None);
}

TEST(InputSource, PlainBytesPassThrough) {
  const std::string data = lines(100);
  for (size_t step : {1u, 3u, 4096u}) {
    auto src = open_memory(data);
    EXPECT_EQ(src->compression(), Compression::None);
    EXPECT_TRUE(drain(*src, step).first == data) << "step " << step;
  }
}

TEST(InputSource, TinyInputsShorterThanMagic) {
  for (std::string_view data : {"", "a", "ab", "abc"}) {
    auto src = open_memory(data);
    EXPECT_EQ(drain(*src).first, data);
  }
}

TEST(InputSource, GzipMultiMemberAsLogrotateWrites) {
  const std::string a = lines(1000), b = lines(7), c = lines(3000);
  const std::string bytes = test::gzip(a) + test::gzip(b) + test::gzip(c);
  for (size_t step : {1u, 100u, 65536u}) {
    auto src = open_memory(bytes);
    EXPECT_EQ(src->compression(), Compression::Gzip);
    auto [out, error] = drain(*src, step);
    EXPECT_EQ(error, "");
    EXPECT_TRUE(out == a + b + c) << "step " << step << ": " << out.size() << " bytes";
  }
}

TEST(InputSource, GzipEmptyMember) {
  const std::string bytes = test::gzip("") + test::gzip("x\n");  // open_memory keeps a view: name it
  auto src = open_memory(bytes);
  EXPECT_EQ(drain(*src).first, "x\n");
}

TEST(InputSource, TruncatedGzipKeepsWhatWasDecodedAndSaysWhere) {
  const std::string data = lines(20000);
  const std::string bytes = test::gzip(data);
  const std::string cut = bytes.substr(0, bytes.size() / 2);
  auto src = open_memory(cut, "cut.gz");
  auto [out, error] = drain(*src);
  EXPECT_GT(out.size(), 0u);
  EXPECT_EQ(data.compare(0, out.size(), out), 0) << "decoded bytes are a prefix of the original";
  EXPECT_NE(error.find("cut.gz: gzip stream is truncated"), std::string::npos) << error;
  EXPECT_NE(error.find("member 1"), std::string::npos) << error;
}

TEST(InputSource, CorruptSecondGzipMember) {
  const std::string a = lines(50), b = lines(5000);
  std::string second = test::gzip(b);
  for (size_t i = second.size() / 3; i < second.size() / 3 + 64; ++i) second[i] = static_cast<char>(second[i] ^ 0x5a);
  const std::string bytes = test::gzip(a) + second;
  auto src = open_memory(bytes, "bad.gz");
  auto [out, error] = drain(*src);
  EXPECT_GE(out.size(), a.size()) << "the good first member is kept";
  EXPECT_TRUE(out.substr(0, a.size()) == a);
  EXPECT_NE(error.find("member 2"), std::string::npos) << error;
}

TEST(InputSource, GarbageAfterGzipMember) {
  const std::string bytes = test::gzip("a\n") + "not gzip";
  auto src = open_memory(bytes, "tail.gz");
  auto [out, error] = drain(*src);
  EXPECT_EQ(out, "a\n");
  EXPECT_NE(error.find("is not gzip"), std::string::npos) << error;
}

TEST(InputSource, ZstdFramesConcatenated) {
  const std::string a = lines(2000), b = lines(10);
  const std::string bytes = test::zstd(a) + test::zstd(b);
  auto src = open_memory(bytes);
  EXPECT_EQ(src->compression(), Compression::Zstd);
  auto [out, error] = drain(*src, 777);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(out == a + b) << out.size() << " bytes";
}

TEST(InputSource, ZstdFrameCutShort) {
  const std::string data = lines(20000);
  const std::string bytes = test::zstd(data);
  const std::string cut = bytes.substr(0, bytes.size() - 5);
  auto src = open_memory(cut, "cut.zst");
  auto [out, error] = drain(*src);
  EXPECT_EQ(data.compare(0, out.size(), out), 0);
  EXPECT_NE(error.find("cut.zst: zstd stream is truncated"), std::string::npos) << error;
}

TEST(InputSource, FileErrorsNameThePath) {
  EXPECT_THROW(
      {
        try {
          open_input("/nonexistent/statuslint/access.log");
        } catch (const InputError& e) {
          EXPECT_NE(std::string(e.what()).find("/nonexistent/statuslint/access.log: cannot open"), std::string::npos);
          throw;
        }
      },
      InputError);
  const auto dir = std::filesystem::temp_directory_path();
  try {
    open_input(dir.string());
    FAIL() << "a directory must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos);
  }
}

TEST(InputSource, ReadsARealFile) {
  const auto path = std::filesystem::temp_directory_path() / "statuslint_input_source_test.gz";
  const std::string data = lines(10);
  std::ofstream(path, std::ios::binary) << test::gzip(data);
  auto src = open_input(path.string());
  EXPECT_TRUE(drain(*src).first == data);
  std::filesystem::remove(path);
}

// Regression: a file truncated while it was read (logrotate's copytruncate) ended early
// with no word said.
TEST(InputSource, AFileThatShrinksWhileReadSaysSo) {
  const auto path = std::filesystem::temp_directory_path() / "statuslint_shrinking.log";
  const std::string data = lines(20000);
  std::ofstream(path, std::ios::binary) << data;
  auto src = open_input(path.string());
  std::string buf(4096, '\0');
  for (size_t got = 0; got < buf.size();) got += src->read(buf.data() + got, buf.size() - got);
  std::filesystem::resize_file(path, 100);
  drain(*src);
  EXPECT_NE(src->warning().find("statuslint_shrinking.log: the file shrank while it was read (" +
                                std::to_string(data.size()) + " bytes when opened, 100 at the end; 4096 read)"),
            std::string::npos)
      << src->warning();
  // A file read whole has nothing to say.
  auto whole = open_input(path.string());
  drain(*whole);
  EXPECT_EQ(whole->warning(), "");
  std::filesystem::remove(path);
}

// Shards of any cut hold every line exactly once, whole, in order, and know how many lines
// came before them: the concatenation of the shards is the file. Cuts fall at random, on and
// beside newlines, at 0 and past the end; the last line has no newline; read sizes vary.
TEST(InputSource, ByteRangesOfAnyCutPartitionTheLines) {
  const auto path = std::filesystem::temp_directory_path() / "statuslint_byte_range_test.log";
  std::string data = lines(50) + "\n\n" + std::string(3000, 'x') + "\n" + "no newline at the end";
  std::ofstream(path, std::ios::binary) << data;
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::uint64_t> cuts = {0, data.size() + static_cast<std::uint64_t>(round % 3) * 10};
    const int k = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < k; ++i) cuts.push_back(rng() % (data.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    std::string joined;
    std::uint64_t lines_seen = 0;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
      std::uint64_t before = 0;
      auto src = open_input_range(path.string(), {cuts[i], cuts[i + 1]}, before);
      const auto [bytes, error] = drain(*src, 1 + rng() % 5000);
      ASSERT_EQ(error, "");
      EXPECT_EQ(before, lines_seen) << "cut " << cuts[i];
      if (!bytes.empty()) {
        EXPECT_TRUE(joined.empty() || joined.back() == '\n');
      }
      joined += bytes;
      lines_seen += static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n'));
    }
    ASSERT_EQ(joined, data) << "round " << round;
  }
  // A compressed file cannot be entered in the middle.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << test::gzip(data);
  std::uint64_t before = 0;
  EXPECT_THROW(open_input_range(path.string(), {10, 20}, before), InputError);
  EXPECT_THROW(open_input_range("-", {0, 1}, before), InputError);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace statuslint
