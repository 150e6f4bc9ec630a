// The option-parsing skeleton every subcommand shares: declare options, parse, answer --help,
// and turn a bad option into one message that names the command and points at --help
// (exit 2). Each subcommand only declares its options and builds library objects from them.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace statuslint::cli {

class CommandLine {
 public:
  // `command` is the subcommand's name ("scan"); `usage` heads the --help text.
  CommandLine(std::string command, const std::string& usage);

  // The options --help shows.
  boost::program_options::options_description& options() noexcept { return visible_; }
  // Operands: the hidden option `name` takes up to `max` (-1: any number) positional words.
  void operands(const char* name, int max, const boost::program_options::value_semantic* semantic);

  // Parses `args`. Returns an exit code when the command is done: 0 after printing --help
  // (the options, then `help_tail()`), 2 after a usage error. `check` runs after parsing and
  // may throw boost::program_options::error or FormatError for values it rejects.
  std::optional<int> parse(const std::vector<std::string>& args, const std::function<std::string()>& help_tail,
                           const std::function<void(const boost::program_options::variables_map&)>& check = {});

  const boost::program_options::variables_map& values() const noexcept { return vm_; }
  // Prints "statuslint COMMAND: MESSAGE" and the --help hint; returns 2.
  int usage_error(const std::string& message) const;

 private:
  std::string command_;
  boost::program_options::options_description visible_;
  boost::program_options::options_description hidden_;
  boost::program_options::positional_options_description positional_;
  boost::program_options::variables_map vm_;
};

}  // namespace statuslint::cli
