#include "command_line.hpp"

#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "statuslint/record/errors.hpp"
#include "statuslint/report/output_file.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {

bool write_stdout(const std::string& text) {
  try {
    OutputFile::standard_output().commit(text);
    return true;
  } catch (const OutputError& e) {
    std::cerr << "statuslint: " << e.what() << '\n';
    return false;
  }
}

CommandLine::CommandLine(std::string command, const std::string& usage)
    : command_(std::move(command)), visible_(usage), hidden_("operands") {
  visible_.add_options()("help,h", "show this help");
}

void CommandLine::operands(const char* name, int max, const po::value_semantic* semantic) {
  hidden_.add_options()(name, semantic, name);
  positional_.add(name, max);
}

std::optional<int> CommandLine::parse(const std::vector<std::string>& args,
                                      const std::function<std::string()>& help_tail,
                                      const std::function<void(const po::variables_map&)>& check) {
  po::options_description all;
  all.add(visible_).add(hidden_);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional_).run(), vm_);
    po::notify(vm_);
    if (vm_.count("help")) {
      std::ostringstream help;
      help << visible_ << help_tail();
      return write_stdout(help.str()) ? kExitClean : kExitUsage;
    }
    if (check) check(vm_);
  } catch (const po::error& e) {
    return usage_error(e.what());
  } catch (const FormatError& e) {
    std::cerr << "statuslint " << command_ << ": " << e.what() << '\n';
    return kExitUsage;
  }
  return std::nullopt;
}

int CommandLine::usage_error(const std::string& message) const {
  std::cerr << "statuslint " << command_ << ": " << message << "\nTry 'statuslint " << command_ << " --help'.\n";
  return kExitUsage;
}

}  // namespace statuslint::cli
