// Reports replace their file whole or not at all, and every write error is said.
#include "statuslint/report/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/test_data.hpp"

namespace statuslint {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "statuslint-output-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(path), {})); }
};

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

TEST(OutputFile, CommitReplacesTheFileWhole) {
  TempDir dir;
  const fs::path report = dir.path / "report.json";
  write(report, "old");
  OutputFile out = OutputFile::open(report.string());
  EXPECT_EQ(test::read_file(report.string()), "old");  // untouched until the commit
  EXPECT_EQ(dir.entries(), 2u);                        // the report and the temporary file
  out.commit("new report");
  EXPECT_EQ(test::read_file(report.string()), "new report");
  EXPECT_EQ(dir.entries(), 1u);
}

// A scan that stops (an exception, a kill before commit) leaves the old report, and no
// temporary file once the OutputFile is gone.
// A streamed report goes to the temporary file as it is written; the old one stays until the
// commit, and without one it stays for good.
TEST(OutputFile, WrittenAheadTheReportReplacesTheOldOneOnlyAtTheCommit) {
  TempDir dir;
  const fs::path report = dir.path / "report.json";
  write(report, "old");
  {
    OutputFile out = OutputFile::open(report.string());
    out.write("new ");
    out.write("rep");
    EXPECT_EQ(test::read_file(report.string()), "old");
    out.commit("ort");
  }
  EXPECT_EQ(test::read_file(report.string()), "new report");
  EXPECT_EQ(dir.entries(), 1u);
  {
    OutputFile out = OutputFile::open(report.string());
    out.write("half a report");
  }
  EXPECT_EQ(test::read_file(report.string()), "new report");
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(OutputFile, WithoutACommitTheOldReportStaysAndNothingIsLeft) {
  TempDir dir;
  const fs::path report = dir.path / "report.html";
  write(report, "yesterday");
  { OutputFile out = OutputFile::open(report.string()); }
  EXPECT_EQ(test::read_file(report.string()), "yesterday");
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(OutputFile, AnUnwritablePathFailsWhenOpenedAndSaysWhy) {
  try {
    OutputFile::open("/nonexistent-dir/report.json");
    FAIL() << "opened";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "cannot write /nonexistent-dir/report.json: No such file or directory");
  }
  TempDir dir;
  EXPECT_THROW(OutputFile::open(dir.path.string()), OutputError);  // a directory
}

TEST(OutputFile, KeepsTheModeOfTheFileItReplacesAndFollowsSymbolicLinks) {
  TempDir dir;
  const fs::path real = dir.path / "real.json", link = dir.path / "link.json";
  write(real, "old");
  ::chmod(real.c_str(), 0640);
  fs::create_symlink("real.json", link);
  OutputFile::open(link.string()).commit("new");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(test::read_file(real.string()), "new");
  struct stat st {};
  ASSERT_EQ(::stat(real.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(OutputFile, DevicesAreWrittenInPlace) {
  OutputFile::open("/dev/null").commit("nothing");
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

// Regression: a full disk (/dev/full) gave exit 2 with nothing said.
TEST(OutputFile, AFullDiskIsAnErrorThatSaysSo) {
  OutputFile out = OutputFile::open("/dev/full");
  try {
    out.commit("a report");
    FAIL() << "written";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "cannot write the report to /dev/full: No space left on device");
  }
}

}  // namespace
}  // namespace statuslint
