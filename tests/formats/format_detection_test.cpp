// Format detection: which format a window of lines is read with, and what it looks past
// (start-up events, container noise) to find the access lines.
#include "statuslint/formats/format_detection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "statuslint/formats/log_format.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

// A Caddy container log opens with its start-up and TLS events (JSON without a status):
// detection looks past them, and they are counted as other, not malformed.
TEST(FormatDetection, LooksPastLeadingNonAccessJsonEvents) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/caddy-startup.jsonl");
  EXPECT_EQ(s.format, "caddy") << s.format_note();
  EXPECT_EQ(s.counts.records, 10u);
  EXPECT_EQ(s.counts.other, 17u);
  EXPECT_EQ(s.counts.malformed, 0u);
  EXPECT_TRUE(s.counts.balanced());
  ASSERT_FALSE(s.other_examples.empty());
  EXPECT_EQ(s.other_examples[0].at.index, 1u);
  // Not taken for a HAR or nginx-json because of what its first line holds.
  EXPECT_EQ(detect_format("{\"level\":\"info\",\"msg\":\"start\"}\n{\"status\":\"200\"}\n").format.name(),
            "nginx-json");
}

// Envoy can write JSON and text access lines into one container stream; its own debug
// lines fit neither and stay malformed.
TEST(FormatDetection, JsonAndTextAccessLinesInOneStream) {
  Scanner scanner(ScanOptions{});
  const InputSummary s = scanner.scan_path(std::string(STATUSLINT_SOURCE_DIR) + "/samples/envoy-mixed.log");
  EXPECT_EQ(s.format, "envoy-json+envoy") << s.format_note();
  EXPECT_EQ(s.counts.records, 7u);
  EXPECT_EQ(s.counts.malformed, 1u);
  EXPECT_TRUE(s.counts.balanced());
}

// A container's stdout may open with many start-up lines before the first access line.
TEST(FormatDetection, LooksPastLeadingNonAccessTextLines) {
  std::string log;
  for (int i = 0; i < 30; ++i) log += "/docker-entrypoint.sh: step " + std::to_string(i) + " done\n";
  for (int i = 0; i < 20; ++i) log += "1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"c\"\n";
  const FormatDetection d = detect_format(log);
  EXPECT_EQ(d.format.name(), "combined") << d.explanation;
  EXPECT_TRUE(
      detect_format("noise one\nnoise two\nnoise three\n1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5\n").format.empty())
      << "one fitting line after noise is not enough";
}

TEST(FormatDetection, PrefersWholeLineFitsAndSpecificPresets) {
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "common");
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"\n").format.name(), "combined");
  EXPECT_EQ(detect_format("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" 0.003\n").format.name(), "combined");
  EXPECT_EQ(detect_format("#Version: 1.0\n").format.name(), "w3c");
  // Apache vhost_common: the vhost first. It also fits common (vhost as client, "ident user"
  // as the user), so it must win the tie; a common line must not be taken for it.
  EXPECT_EQ(detect_format("www.example.com 1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "vcommon");
  EXPECT_EQ(detect_format("1.2.3.4 - alice [t] \"GET / HTTP/1.1\" 200 1\n").format.name(), "common");
  // HAProxy and Envoy lines are told from each other and from CLF.
  const std::string envoy =
      "[2026-11-21T10:00:00.310Z] \"POST /a HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" \"ua\" \"id\" \"svc\" "
      "\"tcp://10.0.2.1:80\"\n";
  EXPECT_EQ(detect_format(envoy).format.name(), "envoy");
  const std::string haproxy =
      "10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 "
      "\"GET /index.html HTTP/1.1\"\n";
  EXPECT_EQ(detect_format(haproxy).format.name(), "haproxy");
  // An S3 line also fits the Classic ELB plan with every field shifted (its "status" is then
  // "-"): the plan that reads a three-digit status wins.
  const std::string s3 =
      "79a5 bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a5 3E57 REST.GET.VERSIONING - \"GET /b?versioning "
      "HTTP/1.1\" 200 - 113 - 7 - \"-\" \"S3Console/0.4\" - s9lz= SigV4 ECDHE AuthHeader b.s3.amazonaws.com TLSV1.2 - "
      "-\n";
  EXPECT_EQ(detect_format(s3).format.name(), "awss3");
  const FormatDetection none = detect_format("a\nb\n");
  EXPECT_TRUE(none.format.empty());
  EXPECT_EQ(none.sampled, 2u);
  EXPECT_EQ(detect_format("\n\n").sampled, 0u);
}

// A hint lets detection drop presets that cannot win: a shortcut that must never change what
// is chosen. Every sample's window, its first lines alone, and the lines of two samples
// interleaved (where presets come close) are detected in full and with a hint naming each
// preset in turn: the same format, lines read and explanation, and the same refusal.
TEST(FormatDetection, AHintNeverChangesWhatIsChosen) {
  std::vector<std::string> windows;
  std::vector<std::vector<std::string>> sample_lines;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(STATUSLINT_SOURCE_DIR) + "/samples")) {
    const std::string ext = e.path().extension().string();
    if (ext == ".log" || ext == ".jsonl" || ext == ".csv" || ext == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 40u);
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text.resize(std::min<size_t>(text.size(), 64 << 10));
    windows.push_back(text);
    std::vector<std::string> lines;
    for (size_t at = 0; at < text.size() && lines.size() < 6;) {
      const size_t nl = std::min(text.find('\n', at), text.size());
      lines.push_back(text.substr(at, nl - at));
      at = nl + 1;
    }
    std::string first;
    for (size_t i = 0; i < lines.size(); ++i) {
      first += lines[i] + "\n";
      if (i == 0 || i == 2) windows.push_back(first);
    }
    sample_lines.push_back(std::move(lines));
  }
  for (size_t k = 0; k + 1 < sample_lines.size(); ++k) {
    std::string mixed;
    const auto& a = sample_lines[k];
    const auto& b = sample_lines[k + 1];
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      if (i < a.size()) mixed += a[i] + "\n";
      if (i < b.size() && i % 2 == 0) mixed += b[i] + "\n";
    }
    windows.push_back(mixed);
  }
  std::vector<std::string> seeds = {"", "no-such-preset"};
  for (const LogFormat::PresetInfo& p : LogFormat::presets()) seeds.emplace_back(p.name);
  size_t pruned = 0;
  for (const std::string& window : windows) {
    const FormatDetection full = detect_format(window);
    for (const std::string& seed : seeds) {
      DetectionHint hint{seed};
      const FormatDetection quick = detect_format(window, 50, {}, &hint);
      ASSERT_EQ(quick.format.name(), full.format.name()) << "seed " << seed << " on:\n" << window.substr(0, 400);
      EXPECT_EQ(quick.format.pin(), full.format.pin()) << seed;
      EXPECT_EQ(quick.fitted, full.fitted) << seed;
      EXPECT_EQ(quick.sampled, full.sampled) << seed;
      EXPECT_EQ(quick.explanation, full.explanation) << seed;
      if (full.format.empty()) {
        ASSERT_EQ(quick.candidates.size(), full.candidates.size()) << seed;
        for (size_t i = 0; i < full.candidates.size(); ++i) {
          EXPECT_EQ(quick.candidates[i].name, full.candidates[i].name);
          EXPECT_EQ(quick.candidates[i].points, full.candidates[i].points);
        }
      }
      pruned += full.candidates.size() - quick.candidates.size();
    }
  }
  EXPECT_GT(pruned, 0u);  // the shortcut is taken at all
}

// The hint is what the last input was read with, so that the next input of the same kind
// scores that preset first.
TEST(FormatDetection, AHintNamesThePresetThatWon) {
  DetectionHint hint;
  const std::string line = "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"\n";
  EXPECT_EQ(detect_format(line, 50, {}, &hint).format.name(), "combined");
  EXPECT_EQ(hint.text_preset, "combined");
  const FormatDetection again = detect_format(line + line, 50, {}, &hint);
  EXPECT_EQ(again.format.name(), "combined");
  EXPECT_LT(again.candidates.size(), detect_format(line + line).candidates.size());
}

}  // namespace
}  // namespace statuslint
