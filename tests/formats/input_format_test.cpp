// InputFormat: every preset the catalogue lists is a --log-format value that builds the kind
// of format the catalogue says, names are unique and case-insensitive, the name a format
// reports pins it again, and an unknown name is refused with the reason.
#include "statuslint/formats/input_format.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <string>

namespace statuslint {
namespace {

using Kind = InputFormat::Preset::Kind;

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

TEST(InputFormat, EveryListedPresetBuildsTheKindItIsListedAs) {
  std::set<std::string_view> names;
  const auto presets = InputFormat::presets();
  ASSERT_GE(presets.size(), 50u);
  for (const InputFormat::Preset& p : presets) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name << " is listed twice";
    EXPECT_FALSE(p.description.empty()) << p.name;
    EXPECT_TRUE(
        std::filesystem::is_regular_file(std::string(STATUSLINT_SOURCE_DIR) + "/samples/" + std::string(p.sample)))
        << p.name << ": no sample " << p.sample;
    const InputFormat f = InputFormat::from_spec(p.name);
    switch (p.kind) {
      case Kind::Text:
        EXPECT_TRUE(f.text && !f.json && !f.logfmt && !f.har) << p.name;
        break;
      case Kind::JsonLines:
        EXPECT_TRUE(f.json && !f.logfmt && !f.har) << p.name;
        break;
      case Kind::KeyValue:
        EXPECT_TRUE(f.logfmt && !f.text && !f.json) << p.name;
        break;
      case Kind::Har:
        EXPECT_TRUE(f.har) << p.name;
        break;
    }
    EXPECT_EQ(InputFormat::from_spec(upper(p.name)).name(), f.name()) << "names are case-insensitive";
    // What a scan reports as the format reads the same way when passed back.
    EXPECT_EQ(InputFormat::from_spec(f.name()).name(), f.name()) << p.name;
  }
  for (const InputFormat::Preset& p : presets) {
    EXPECT_TRUE(names.count(p.detected_as)) << p.name << " is detected as " << p.detected_as << ", no preset";
  }
}

TEST(InputFormat, AnUnknownNameIsRefusedWithTheReason) {
  try {
    (void)InputFormat::from_spec("combinedd");
    FAIL() << "an unknown preset was accepted";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("combinedd"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(InputFormat{}.empty());
}

}  // namespace
}  // namespace statuslint
