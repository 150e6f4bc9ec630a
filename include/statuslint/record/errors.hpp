// The errors stages raise for their callers: a format that cannot be compiled, an input that
// cannot be read. Each message says where and what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace statuslint {

// Thrown when a format string or field map cannot be compiled; says where and why.
class FormatError : public std::runtime_error {
 public:
  FormatError(const std::string& message, size_t column)
      : std::runtime_error(message + " (at column " + std::to_string(column + 1) + " of the format)") {}
};

// An input that cannot be opened, read or decoded. The message names the input and, for
// decode errors, where decoding stopped.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace statuslint
