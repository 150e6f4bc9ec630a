// The subcommands of the statuslint executable. Each parses its own options (Boost
// program_options), builds library objects from them and prints; no logic lives here that
// a library test could not reach.
#pragma once

#include <string>
#include <vector>

namespace statuslint::cli {

// Documented exit codes: 0 clean, 1 findings or a gate failed, 2 usage or input error.
enum ExitCode : int { kExitClean = 0, kExitFindings = 1, kExitUsage = 2 };

// `args` excludes the program and subcommand names.
int run_explain(const std::vector<std::string>& args);
int run_scan(const std::vector<std::string>& args);
int run_rules(const std::vector<std::string>& args);
int run_merge(const std::vector<std::string>& args);
int run_compare(const std::vector<std::string>& args);
int run_detect(const std::vector<std::string>& args);

// Writes `text` to standard output; returns false if the write failed (closed pipe, full disk),
// after saying why on stderr.
bool write_stdout(const std::string& text);

}  // namespace statuslint::cli
