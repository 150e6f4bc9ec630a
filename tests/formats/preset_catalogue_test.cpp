// Every preset the binary lists (InputFormat::presets(), what `statuslint detect
// --list-presets` and `scan --help` print), one test case each: it names a sample under
// samples/; detection reads that sample as the preset (or as the one it is read as); given
// by name, it reads the sample with no malformed line but those tests/data/sample_formats.tsv
// says are there on purpose; and the structural fast path gives the exact parser's records,
// line by line and as a whole report.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "support/record_text.hpp"
#include "support/test_data.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "statuslint/report/summary_report.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {

// GoogleTest names a case's preset by name, not by its bytes.
void PrintTo(const InputFormat::Preset& p, std::ostream* os) { *os << p.name; }

namespace {

namespace fs = std::filesystem;

const fs::path kSamples = fs::path(STATUSLINT_SOURCE_DIR) / "samples";

struct SampleRow {
  std::string detected;
  std::set<std::uint64_t> malformed;  // lines malformed on purpose
};

const std::map<std::string, SampleRow>& sample_rows() {
  static const std::map<std::string, SampleRow> rows = [] {
    std::map<std::string, SampleRow> out;
    for (const auto& row : test::read_tsv(test::data_path("sample_formats.tsv"), false)) {
      SampleRow r{row.at(1), {}};
      if (row.size() > 2) {
        std::stringstream lines(row[2]);
        for (std::string n; std::getline(lines, n, ',');) r.malformed.insert(std::stoull(n));
      }
      out[row.at(0)] = r;
    }
    return out;
  }();
  return rows;
}

InputSummary scan_file(const fs::path& path, ScanOptions o = {}) {
  Scanner scanner(o);
  return scanner.scan_path(path.string());
}

std::string json_report(InputSummary in) {
  ScanSummary s;
  s.add(std::move(in));
  std::string out;
  write_summary_json(out, s);
  return out;
}

class PresetCatalogue : public testing::TestWithParam<InputFormat::Preset> {};

TEST_P(PresetCatalogue, IsDetectedAsItselfAndReadsItsSampleOnEveryPath) {
  const InputFormat::Preset& p = GetParam();
  ASSERT_FALSE(p.sample.empty()) << p.name << " names no sample (PresetInfo::sample)";
  const fs::path path = kSamples / p.sample;
  ASSERT_TRUE(fs::exists(path)) << p.name << " names a missing sample " << p.sample;
  const auto row = sample_rows().find(std::string(p.sample));
  ASSERT_NE(row, sample_rows().end()) << p.sample << " has no line in tests/data/sample_formats.tsv";

  // Detected as itself, or as the preset it is read as, possibly inside an envelope.
  const InputSummary detected = scan_file(path);
  EXPECT_EQ(detected.error, "");
  const std::string as(p.detected_as);
  EXPECT_TRUE(detected.format == as || detected.format.ends_with("/" + as)) << detected.format;

  // Given by name: only the lines malformed on purpose are malformed, each reported.
  ScanOptions given;
  given.format = InputFormat::from_spec(p.name);
  given.collect.max_examples = 1000;
  const InputSummary read = scan_file(path, given);
  EXPECT_EQ(read.error, "");
  EXPECT_TRUE(read.counts.balanced());
  EXPECT_GT(read.counts.records, 0U);
  std::set<std::uint64_t> malformed;
  for (const MalformedExample& m : read.examples) malformed.insert(m.at.index);
  EXPECT_EQ(malformed, row->second.malformed)
      << "malformed lines (tests/data/sample_formats.tsv lists those on purpose)";
  EXPECT_EQ(read.counts.malformed, row->second.malformed.size());

  if (p.kind != InputFormat::Preset::Kind::Text || given.format.text->w3c()) return;  // no structural path
  const auto fmt = given.format.text;
  ASSERT_FALSE(fmt->structural_bytes().empty());

  // The structural path, line by line, gives the exact parser's records (every line but
  // those with a backslash, which it declines, goes through it).
  const std::string text = test::read_file(path.string());
  StructuralIndex index(fmt->structural_bytes());
  size_t fast = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    index.build(line.data(), text.data() + std::min(text.size(), end + 1));
    Record structural, exact;
    ParseError structural_error, exact_error;
    LogFormat::Fit fit{};
    if (fmt->parse_structural(line, index, structural, structural_error, fit)) {
      ++fast;
      const LogFormat::Fit exact_fit = fmt->parse(line, exact, exact_error);
      EXPECT_EQ(static_cast<int>(fit), static_cast<int>(exact_fit)) << line;
      if (exact_fit != LogFormat::Fit::Malformed) {
        EXPECT_EQ(test::record_text(structural), test::record_text(exact)) << line;
      }
    } else {
      EXPECT_NE(line.find('\\'), std::string_view::npos) << "declined without a reason: " << line;
    }
    start = end + 1;
  }
  EXPECT_GT(fast, 0U);

  // And a whole scan on the structural path reports what one on the exact path does.
  ScanOptions exact = given;
  exact.exact_text_only = true;
  EXPECT_EQ(json_report(scan_file(path, given)), json_report(scan_file(path, exact)));
}

std::string case_name(const testing::TestParamInfo<InputFormat::Preset>& info) {
  std::string name(info.param.name);
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryListedPreset, PresetCatalogue, testing::ValuesIn(InputFormat::presets()), case_name);

TEST(PresetCatalogue, ListsEveryKindAndEveryNameOnce) {
  std::set<std::string_view> names;
  std::set<InputFormat::Preset::Kind> kinds;
  for (const InputFormat::Preset& p : InputFormat::presets()) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
    kinds.insert(p.kind);
    EXPECT_NO_THROW((void)InputFormat::from_spec(p.name)) << p.name;
  }
  EXPECT_EQ(kinds.size(), 4U);
  EXPECT_GE(names.size(), 50U);
}

}  // namespace
}  // namespace statuslint
