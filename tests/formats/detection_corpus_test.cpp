// Format detection over every sample: each is read as the format tests/data/sample_formats.tsv
// names, with a valid status on at least 90% of its records (each preset's own sample is
// checked against the preset in preset_catalogue_test.cpp); application logs without access lines are refused;
// an inferred layout given back to --log-format reads the same report; and generated layouts
// (the status moved, fields added and dropped, other separators and quoting) are inferred with
// every status read exactly. (Detection's speed is a benchmark: BM_DetectOddWindow.)
#include <gtest/gtest.h>

#include <filesystem>
#include <iomanip>
#include <map>
#include <random>
#include <sstream>

#include "support/test_data.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

const fs::path kSamples = fs::path(STATUSLINT_SOURCE_DIR) / "samples";

std::map<std::string, std::string> expected_formats() {
  std::map<std::string, std::string> out;
  for (const auto& row : test::read_tsv(test::data_path("sample_formats.tsv"), false)) out[row.at(0)] = row.at(1);
  return out;
}

InputSummary scan_file(const fs::path& path, ScanOptions o = {}) {
  Scanner scanner(o);
  return scanner.scan_path(path.string());
}

std::uint64_t valid_statuses(const Counts& c) {
  std::uint64_t valid = c.no_response;
  c.by_code.for_each([&valid](int code, std::uint64_t n) { valid += valid_status(code) ? n : 0; });
  return valid;
}

TEST(DetectionCorpus, EverySampleIsReadAsItsFormatWithValidStatuses) {
  const auto expected = expected_formats();
  size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".format") continue;
    ++seen;
    const auto want = expected.find(file);
    ASSERT_NE(want, expected.end()) << file << " has no line in tests/data/sample_formats.tsv";
    const InputSummary in = scan_file(entry.path());
    EXPECT_EQ(in.error, "") << file;
    EXPECT_EQ(in.format, want->second) << file << ": " << in.format_note();
    EXPECT_TRUE(in.counts.balanced()) << file;
    EXPECT_GE(10 * valid_statuses(in.counts), 9 * in.counts.records) << file;
  }
  EXPECT_EQ(seen, expected.size()) << "a line of sample_formats.tsv names no sample";
}

TEST(DetectionCorpus, ApplicationLogsWithoutAccessLinesAreRefusedNeverRead) {
  for (const auto& entry : fs::directory_iterator(fs::path(STATUSLINT_TEST_DATA) / "negative")) {
    const InputSummary in = scan_file(entry.path());
    EXPECT_EQ(in.counts.records, 0u) << entry.path();
    EXPECT_NE(in.error.find("cannot detect the log format"), std::string::npos) << entry.path() << ": " << in.error;
    // The refusal names the file, a line and what the nearest candidate made of it.
    EXPECT_NE(in.error.find(entry.path().string()), std::string::npos);
    EXPECT_NE(in.error.find(" as "), std::string::npos) << in.error;
  }
}

// Regression: five files were read as squid or haproxy with no valid status on any record,
// and exit 0. A detected format that reads no valid status on most records is an input error.
TEST(DetectionCorpus, AFormatThatStopsReadingValidStatusesIsAnInputErrorNotARecordCount) {
  std::string log;
  for (int i = 0; i < 60; ++i) {
    log += "203.0.113.7 - - [21/Nov/2026:10:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i % 60) +
           " +0000] \"GET /a HTTP/1.1\" " + (i < 40 ? "200" : "abc") + " 5 \"-\" \"curl/8\"\n";
  }
  // The window holds 50 lines, 40 valid: detected. The whole input holds 40 of 60.
  Scanner scanner(ScanOptions{});
  auto src = open_memory(log, "shifted");
  InputSummary in = scanner.scan(*src, "shifted");
  EXPECT_EQ(in.error, "");  // 40 of 60 is still most
  for (int i = 0; i < 60; ++i)
    log += "203.0.113.7 - - [21/Nov/2026:10:01:00 +0000] \"GET /b HTTP/1.1\" xyz 5 \"-\" \"x\"\n";
  auto src2 = open_memory(log, "shifted");
  in = scanner.scan(*src2, "shifted");
  EXPECT_NE(in.error.find("reads a valid status on only 40 of 120 records"), std::string::npos) << in.error;
}

std::string json_without_format(InputSummary in, const ScanOptions& o) {
  in.format.clear();
  in.format_source = FormatSource::None;
  in.format_reason.clear();
  ScanSummary s;
  s.rules = o.rules;
  s.add(std::move(in));
  std::string out;
  write_summary_json(out, s);
  return out;
}

// What detection inferred, given back as --log-format (and --json-field), reads the same report.
TEST(DetectionCorpus, AnInferredFormatPinnedWithItsOptionsReadsTheSameReport) {
  size_t inferred = 0;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    if (entry.path().extension() == ".format" || entry.path().extension() == ".har") continue;
    const InputSummary detected = scan_file(entry.path());
    const bool was_inferred = detected.format.find("inferred") != std::string::npos || detected.format == "json" ||
                              detected.format.ends_with("/json") || detected.format.find("logfmt") != std::string::npos;
    if (!detected.error.empty() || !was_inferred) continue;
    // The options detect printed: --log-format SPEC [--json-field T=P]...
    Scanner probe(ScanOptions{});
    const InputDetection d = probe.detect_path(entry.path().string(), 1);
    if (d.detection.format.envelope.has(EnvelopeKind::Json)) continue;  // a wrapper: pinned by the format inside
    const std::string pin = d.detection.format.pin();
    ScanOptions given;
    std::istringstream words(pin);
    std::vector<std::string> argv;
    for (std::string w; words >> std::quoted(w, '\'');) argv.push_back(w);
    std::string spec;
    for (size_t i = 0; i + 1 < argv.size(); i += 2) {
      if (argv[i] == "--log-format") spec = argv[i + 1];
      if (argv[i] == "--json-field") given.json_overrides.push_back(JsonLineFormat::parse_mapping(argv[i + 1]));
    }
    given.format = InputFormat::from_spec(spec, given.json_overrides);
    const InputSummary pinned = scan_file(entry.path(), given);
    EXPECT_EQ(json_without_format(pinned, given), json_without_format(detected, ScanOptions{}))
        << entry.path() << " " << pin;
    ++inferred;
  }
  EXPECT_GE(inferred, 5u);
}

// Real-shaped lines rearranged: the status moved among the fields, fields added and dropped,
// separators and quoting changed. Inference must read every status exactly.
TEST(DetectionCorpus, GeneratedLayoutsAreInferredWithEveryStatusRead) {
  std::mt19937 rng(2026u);
  const char* methods[] = {"GET", "POST", "PUT", "DELETE", "HEAD"};
  const int statuses[] = {200, 201, 204, 301, 304, 400, 401, 403, 404, 429, 500, 502, 503};
  size_t layouts = 0, read = 0;
  for (int round = 0; round < 60; ++round) {
    // The fields of a layout, in a random order; the request stays before the status, as every
    // server writes it (the status answers the request).
    enum Kind { Client, Time, Request, Status, Bytes, Agent, Id, Number };
    std::vector<Kind> kinds = {Client, Time, Request, Status};
    if (rng() % 2) kinds.push_back(Bytes);
    if (rng() % 2) kinds.push_back(Agent);
    for (auto extra = rng() % 3; extra > 0; --extra) kinds.push_back(rng() % 2 ? Id : Number);
    std::shuffle(kinds.begin(), kinds.end(), rng);
    const auto at = [&](Kind k) { return std::find(kinds.begin(), kinds.end(), k) - kinds.begin(); };
    if (at(Request) > at(Status)) std::iter_swap(kinds.begin() + at(Request), kinds.begin() + at(Status));
    const bool quote_request = rng() % 3 != 0;
    const bool bracket_time = rng() % 2 == 0;
    const char* separator = rng() % 4 == 0 ? "\t" : " ";
    std::string log;
    std::vector<int> written;
    for (int line = 0; line < 40; ++line) {
      std::string text;
      for (size_t k = 0; k < kinds.size(); ++k) {
        if (k > 0) text += separator;
        switch (kinds[k]) {
          case Client:
            text += "198.51.100." + std::to_string(rng() % 250);
            break;
          case Time:
            text += bracket_time ? "[21/Nov/2026:10:" + std::to_string(10 + line) + ":00 +0000]"
                                 : "2026-11-21T10:" + std::to_string(10 + line) + ":00Z";
            break;
          case Request: {
            const std::string r = std::string(methods[rng() % 5]) + " /api/v" + std::to_string(rng() % 3) + "/items/" +
                                  std::to_string(rng() % 900) + " HTTP/1.1";
            text += quote_request ? "\"" + r + "\"" : r;
            break;
          }
          case Status: {
            const int s = statuses[rng() % 13];
            written.push_back(s);
            text += std::to_string(s);
            break;
          }
          case Bytes:
            text += std::to_string(rng() % 100000);
            break;
          case Agent:
            text += "\"Mozilla/5.0 (X11; Linux x86_64) agent/" + std::to_string(rng() % 9) + "\"";
            break;
          case Id:
            text += "req-" + std::to_string(rng());
            break;
          case Number:
            text += std::to_string(rng() % 7);
            break;
        }
      }
      log += text + "\n";
    }
    ++layouts;
    Scanner scanner(ScanOptions{});
    auto src = open_memory(log, "generated");
    const InputSummary in = scanner.scan(*src, "generated");
    ASSERT_EQ(in.error, "") << log.substr(0, log.find('\n'));
    std::map<int, std::uint64_t> want;
    for (int s : written) ++want[s];
    for (const auto& [code, n] : want) {
      ASSERT_EQ(in.counts.by_code[static_cast<size_t>(code)], n) << in.format << ": " << log.substr(0, log.find('\n'));
    }
    ++read;
  }
  EXPECT_EQ(read, layouts);
}

}  // namespace
}  // namespace statuslint
