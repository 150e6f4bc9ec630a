#include <iostream>

#include "commands.hpp"

namespace statuslint::cli {
int run_scan(const std::vector<std::string>&) {
  std::cerr << "statuslint scan: not implemented yet\n";
  return kExitUsage;
}
}  // namespace statuslint::cli
