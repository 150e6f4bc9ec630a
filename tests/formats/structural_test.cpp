// The fast text path against the exact one, in the spirit of RE2's tester: every kernel of
// the structural index against the scalar one, and LogFormat::parse_structural against
// LogFormat::parse on every sample line, every fuzz corpus input and generated lines that
// put each structural byte at each position, for every preset, at every alignment.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "support/record_text.hpp"
#include "statuslint/formats/log_format.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "support/test_data.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;
using Isa = StructuralIndex::Isa;

std::vector<Isa> supported_isas() {
  std::vector<Isa> out;
  for (const Isa isa : {Isa::Scalar, Isa::Sse2, Isa::Avx2, Isa::Avx512}) {
    if (StructuralIndex::supported(isa)) out.push_back(isa);
  }
  return out;
}

// What next() must answer, by a plain loop.
const char* naive_next(const char* from, const char* limit, char byte) {
  for (const char* p = from; p < limit; ++p) {
    if (*p == byte) return p;
  }
  return nullptr;
}

TEST(StructuralIndex, EveryKernelFindsWhatAPlainLoopFinds) {
  const std::string needles = " \"]\t";
  const std::string all = std::string("\n\\") + needles;
  std::mt19937 rng(7);
  const std::string alphabet = "ab \"]\t\n\\x\0\xff";
  for (int round = 0; round < 300; ++round) {
    // Lengths around block and window edges, content dense in structural bytes.
    const size_t size = round < 200 ? static_cast<size_t>(rng() % 300)
                                    : StructuralIndex::kWindowBytes - 70 + static_cast<size_t>(rng() % 140);
    std::string text(size, 'a');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    const size_t start = size == 0 ? 0 : rng() % (size / 2 + 1);
    for (const Isa isa : supported_isas()) {
      StructuralIndex index(needles, isa);
      index.build(text.data() + start, text.data() + size);
      ASSERT_LE(index.end(), text.data() + size);
      for (unsigned c = 0; c < all.size(); ++c) {
        for (const char* from = index.begin(); from <= index.end(); ++from) {
          ASSERT_EQ(index.next(c, from, index.end()), naive_next(from, index.end(), all[c]))
              << StructuralIndex::name(isa) << " class " << c << " round " << round << " at " << (from - text.data());
        }
      }
    }
  }
}

// One index reused for windows of every size, as the scanner reuses it: masks past the new
// window's end still hold the last window's bits, which next() must never report, and the
// walker and has_backslash() must describe the new window only.
TEST(StructuralIndex, AReusedIndexAnswersForItsNewWindowOnly) {
  const std::string needles = " \"]";
  const std::string all = std::string("\n\\") + needles;
  std::mt19937 rng(11);
  const std::string dense = "\n\\ \"]";
  const std::string sparse = "ab \n";
  for (const Isa isa : supported_isas()) {
    StructuralIndex index(needles, isa);
    for (int round = 0; round < 40; ++round) {
      // A full window dense in every class, then a shorter one without backslashes.
      std::string full(StructuralIndex::kWindowBytes + 100, 'a');
      for (char& c : full) c = dense[rng() % dense.size()];
      index.build(full.data(), full.data() + full.size());
      ASSERT_TRUE(index.has_backslash());
      const size_t size = round < 20 ? static_cast<size_t>(rng() % 400)
                                     : StructuralIndex::kWindowBytes - 130 + static_cast<size_t>(rng() % 260);
      std::string text(size, 'a');
      for (char& c : text) c = sparse[rng() % sparse.size()];
      if (round % 3 == 0 && size > 0) text[rng() % size] = '\\';
      index.build(text.data(), text.data() + text.size());
      const char* const end = index.end();
      ASSERT_EQ(index.has_backslash(), naive_next(text.data(), end, '\\') != nullptr) << round;
      const size_t n = static_cast<size_t>(end - index.begin());
      for (unsigned c = 0; c < all.size(); ++c) {
        // The plain answer for every start, built back to front: the next byte of the class.
        std::vector<size_t> next_at(n + 1, n);
        for (size_t i = n; i-- > 0;) next_at[i] = text[i] == all[c] ? i : next_at[i + 1];
        const auto expected = [&](size_t from, size_t limit) {
          return next_at[from] < limit ? text.data() + next_at[from] : nullptr;
        };
        for (size_t from = 0; from <= n; ++from) {
          ASSERT_EQ(index.next(c, text.data() + from, end), expected(from, n))
              << StructuralIndex::name(isa) << " class " << c << " round " << round << " at " << from;
          // A limit before the window's end, as a line's end is.
          const size_t limit = from + (n - from) / 2;
          ASSERT_EQ(index.next(c, text.data() + from, text.data() + limit), expected(from, limit)) << round;
        }
      }
      // The walker, line end after line end, as the scanner walks them.
      StructuralIndex::Walker newlines(index, StructuralIndex::kNewline);
      for (const char* p = index.begin(); p < end;) {
        const char* nl = newlines.next(p);
        ASSERT_EQ(nl, naive_next(p, end, '\n')) << StructuralIndex::name(isa) << " round " << round;
        if (nl == nullptr) break;
        p = nl + 1;
      }
      // At the window's end (where the scanner rebuilds), past which the last window's bits lie.
      StructuralIndex::Walker at_end(index, StructuralIndex::kNewline);
      ASSERT_EQ(at_end.next(end), nullptr) << StructuralIndex::name(isa) << " round " << round;
    }
  }
}

// Lines to hold both parsers to: samples, fuzz corpora, and generated edges.
std::vector<std::string> differential_lines() {
  std::vector<std::string> lines;
  const auto add_file = [&lines](const fs::path& path) {
    const std::string text = test::read_file(path.string());
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = nl + 1;
    }
  };
  const fs::path root = STATUSLINT_SOURCE_DIR;
  for (const auto& e : fs::directory_iterator(root / "samples")) {
    if (e.path().extension() != ".gz") add_file(e.path());
  }
  for (const char* corpus : {"log_line", "detect"}) {
    const fs::path dir = root / "tests" / "fuzz" / "corpus" / corpus;
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) add_file(e.path());
  }
  // Every byte the index classifies, and a few it must not, at every position of lines of
  // the main shapes; and every cut of them.
  const std::vector<std::string> shapes = {
      R"L(203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /a?b=c HTTP/1.1" 200 2326 "http://x/" "Mozilla/5.0 (X11)")L",
      R"L(vhost:443 203.0.113.7 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/2.0" 404 - "-" "curl/8.0")L",
      R"L([2026-11-21T10:00:00.000Z] "GET /x HTTP/1.1" 503 UF 0 91 3 - "-" "curl/8" "id" "h" "10.0.0.1:80")L",
      R"L(10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 "-" "ua" 12 0.003 [default-svc-80] [] 10.1.1.1:80 5 0.002, 0.001 502, 200 abc)L",
  };
  const std::string inserts[] = {" ",    "\"", "]",  "[",  "\t",   "\\",
                                 "\\\"", ",",  ", ", "\r", "\xff", std::string(1, '\0')};
  for (const std::string& shape : shapes) {
    lines.push_back(shape);
    for (size_t at = 0; at <= shape.size(); ++at) {
      lines.push_back(shape.substr(0, at));
      for (const std::string& ins : inserts) lines.push_back(shape.substr(0, at) + ins + shape.substr(at));
      if (at < shape.size()) lines.push_back(shape.substr(0, at) + shape.substr(at + 1));
    }
  }
  return lines;
}

TEST(StructuralParser, AgreesWithTheExactParserOnEveryLineForEveryPresetAndAlignment) {
  const std::vector<std::string> lines = differential_lines();
  ASSERT_GT(lines.size(), 5000u);
  size_t fast = 0, declined = 0;
  for (const auto& info : LogFormat::presets()) {
    const auto fmt = LogFormat::preset(info.name);
    if (fmt->structural_bytes().empty()) continue;
    for (const Isa isa : supported_isas()) {
      StructuralIndex index(fmt->structural_bytes(), isa);
      std::string buffer;
      for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const size_t shift = i % 64;  // every alignment against the 64-byte blocks
        buffer.assign(shift, 'z');
        buffer += line;
        buffer += '\n';
        const std::string_view in_buffer(buffer.data() + shift, line.size());
        // The window starts at the line (as the scanner builds it) or before it.
        index.build(i % 2 == 0 ? in_buffer.data() : buffer.data(), buffer.data() + buffer.size());
        Record fast_record, exact_record;
        ParseError fast_error, exact_error;
        LogFormat::Fit fit{};
        if (!fmt->parse_structural(in_buffer, index, fast_record, fast_error, fit)) {
          ++declined;
          EXPECT_TRUE(line.find('\\') != std::string::npos || line.size() > StructuralIndex::kWindowBytes)
              << "declined without a reason: " << line;
          continue;
        }
        ++fast;
        const LogFormat::Fit exact = fmt->parse(in_buffer, exact_record, exact_error);
        ASSERT_EQ(static_cast<int>(fit), static_cast<int>(exact)) << info.name << ": " << line;
        if (exact == LogFormat::Fit::Malformed) {
          EXPECT_EQ(fmt->describe(fast_error), fmt->describe(exact_error)) << info.name << ": " << line;
        } else {
          ASSERT_EQ(test::record_text(fast_record), test::record_text(exact_record)) << info.name << ": " << line;
        }
      }
    }
  }
  // The fast path must actually run: it declines only lines with a backslash (checked above),
  // and most lines have none.
  size_t with_backslash = 0;
  for (const std::string& line : lines) with_backslash += line.find('\\') != std::string::npos ? 1 : 0;
  EXPECT_LT(with_backslash, lines.size() / 4);
  EXPECT_GT(fast, 5 * declined);
}

TEST(StructuralParser, EveryPresetOutsideW3cIsIndexable) {
  for (const auto& info : LogFormat::presets()) {
    const auto fmt = LogFormat::preset(info.name);
    if (fmt->w3c()) continue;
    EXPECT_FALSE(fmt->structural_bytes().empty()) << info.name;
  }
}

TEST(StructuralIndex, TheOverrideNamesAKernelAndTheDefaultIsTheBestSupported) {
  // best_isa() reads STATUSLINT_ISA once; without it, it is the best the CPU has.
  if (std::getenv("STATUSLINT_ISA") != nullptr) GTEST_SKIP() << "STATUSLINT_ISA is set";
  Isa best = Isa::Scalar;
  for (const Isa isa : supported_isas()) best = isa;
  EXPECT_EQ(StructuralIndex::best_isa(), best);
}

// The compile-time plans of the combined, common and vcombined presets are copies of what
// plan_structural() builds: a copy that drifted would silently send those presets down the
// generic path (the differential tests above then still pass, slower). Formats that only
// look alike stay generic.
TEST(LogFormat, CombinedCommonAndVcombinedReadThroughCompileTimePlans) {
  EXPECT_TRUE(LogFormat::preset("combined")->has_fixed_plan());
  EXPECT_TRUE(LogFormat::preset("common")->has_fixed_plan());
  EXPECT_TRUE(LogFormat::from_apache(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")")->has_fixed_plan());
  EXPECT_TRUE(LogFormat::from_apache(R"(%h %l %u %t "%r" %>s %b)")->has_fixed_plan());
  EXPECT_TRUE(LogFormat::preset("vcombined")->has_fixed_plan());
  EXPECT_FALSE(LogFormat::preset("vcommon")->has_fixed_plan());
  EXPECT_FALSE(LogFormat::preset("traefik")->has_fixed_plan());
  EXPECT_TRUE(LogFormat::from_apache(R"(%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")")->has_fixed_plan())
      << "%O fills the same field as %b: the same plan";
}

}  // namespace
}  // namespace statuslint
