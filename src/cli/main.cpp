// statuslint: entry point. Dispatches to a subcommand; everything else lives in the library.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "statuslint/version.hpp"

namespace {

constexpr std::string_view kUsage = R"(statuslint - HTTP response linter and access-log analyzer

Usage:
  statuslint scan [options] FILE...     summarize and lint access logs and HAR (- reads stdin)
  statuslint rules [options] [ID]       list the active rules, or explain one
  statuslint merge [options] PARTIAL... combine partial summaries (scan --partial) into one report
  statuslint compare [options] BASE CAND is the candidate worse than the baseline? (a statistical gate)
  statuslint detect [options] FILE...   how each input would be read: its format, and why
  statuslint explain [options] CODE...  what the registry knows about status codes
  statuslint explain --all              list the whole registry
  statuslint COMMAND --help             options of one command

Exit codes:
  0  clean
  1  findings at or above the gate's severity, an error budget exceeded, or a comparison failed
  2  usage error or unreadable/undetectable input

The guide (formats, rules, outputs, CI) is docs/guide.md, the JSON schema docs/json-schema.md;
installed, both are in /usr/share/doc/statuslint/.
)";

}  // namespace

namespace {

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return statuslint::cli::kExitUsage;
  }
  const std::string_view command = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  if (command == "-h" || command == "--help" || command == "help") {
    return statuslint::cli::write_stdout(std::string(kUsage)) ? 0 : statuslint::cli::kExitUsage;
  }
  if (command == "--version") {
    return statuslint::cli::write_stdout("statuslint " + std::string(statuslint::kVersion) + "\n")
               ? 0
               : statuslint::cli::kExitUsage;
  }
  if (command == "explain") return statuslint::cli::run_explain(rest);
  if (command == "scan") return statuslint::cli::run_scan(rest);
  if (command == "rules") return statuslint::cli::run_rules(rest);
  if (command == "merge") return statuslint::cli::run_merge(rest);
  if (command == "compare") return statuslint::cli::run_compare(rest);
  if (command == "detect") return statuslint::cli::run_detect(rest);
  std::cerr << "statuslint: unknown command '" << command
            << "' (expected scan, merge, compare, detect, rules or explain)\n"
            << "Try 'statuslint --help'.\n";
  return statuslint::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const int code = run(argc, argv);
  // Closing is the last chance for a write error to show (NFS reports some only here). A
  // standard output that was closed from the start (EBADF) and never written is no error.
  errno = 0;
  if (std::fclose(stdout) != 0 && errno != EBADF) {
    std::cerr << "statuslint: cannot write to standard output: " << std::strerror(errno) << '\n';
    return statuslint::cli::kExitUsage;
  }
  return code;
}
