// Where a report goes: standard output, or a file that is replaced whole or not at all.
//
// A file report is written to a temporary file beside its destination and renamed over it
// once complete, so a kill or a full disk mid-write never leaves a truncated report where a
// cron job or a CI step will read it. The temporary file is made when the destination is
// opened, before any scan, so an unwritable path is an error in the first millisecond rather
// than after an hour of input. Destinations that are not regular files (/dev/null,
// /dev/stdout, a FIFO) are written in place: a rename would replace the device node itself.
//
//   OutputFile out = OutputFile::open("report.html");   // throws OutputError
//   ... scan ...
//   out.commit(text);                                   // throws OutputError
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace statuslint {

// A destination that cannot be opened or written; what() names it and the system's reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputFile {
 public:
  // Standard output.
  static OutputFile standard_output();
  // `path`; "-" is standard output. Throws OutputError when it cannot be written.
  static OutputFile open(const std::string& path);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  // An uncommitted temporary file is removed.
  ~OutputFile();

  // Writes `text` whole now, ahead of the commit: a reporter that streams hands over what it
  // has finished, so a large report is never held whole in memory. A file stays under its
  // temporary name until commit, so a report that fails half-way never replaces the old one.
  void write(std::string_view text);
  // Writes `text` whole, then closes and (for a file) renames it into place. Every write,
  // flush, close and rename error throws OutputError; a destination is committed once.
  void commit(std::string_view text);

  // "standard output", or the path as given.
  const std::string& name() const noexcept { return name_; }

 private:
  OutputFile() = default;
  void discard() noexcept;

  std::string name_;         // for messages
  std::string destination_;  // the path renamed onto ("" for standard output and in-place writes)
  std::string temporary_;    // the temporary file's path, while it exists
  int fd_ = -1;              // the temporary file, or the in-place destination
  bool stdout_ = false;      // written through stdio's stdout instead
};

}  // namespace statuslint
