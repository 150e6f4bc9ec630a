// Byte sources: a file or standard input, decompressed on the fly.
//
// Compression is detected from the first bytes, never from the name: gzip (every member of a
// multi-member file, as logrotate and `cat a.gz b.gz` produce; decoded with ISA-L's igzip,
// the fastest inflate Debian packages) and zstd (every frame). Sources stream in fixed
// buffers, so memory does not grow with the input.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "statuslint/record/errors.hpp"
#include "statuslint/record/location.hpp"

namespace statuslint {

// Compression that `head` (the first bytes of an input) announces.
Compression detect_compression(std::string_view head) noexcept;

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes into `out`; returns 0 at the end of the input. On an error,
  // first returns every byte decoded before it, then throws InputError on the next call.
  virtual size_t read(char* out, size_t capacity) = 0;
  virtual Compression compression() const noexcept { return Compression::None; }
  // Bytes consumed from the underlying file so far (compressed bytes for compressed input).
  virtual std::uint64_t raw_offset() const noexcept = 0;
  // The number of bytes read() will deliver, when known in advance (a plain regular file):
  // lets a reader that must hold the whole input (HAR) allocate once.
  virtual std::uint64_t size_hint() const noexcept { return 0; }
  // The whole input as one read-only view with at least 64 readable bytes after it (the
  // padding simdjson reads ahead into), when the input is a plain regular file that can be
  // memory-mapped; empty otherwise (compressed, a pipe, or no slack in the last page). The
  // mapping lives as long as the source. Lets a reader that needs the whole document (HAR)
  // parse the file in place instead of copying it.
  virtual std::string_view map_whole() { return {}; }
};

// Opens `path` ("-" is standard input) and wraps it in the decoder its first bytes call for.
// Throws InputError when the path is missing, unreadable or a directory.
std::unique_ptr<ByteSource> open_input(const std::string& path);

// A source over bytes in memory, for tests and fuzzers; decodes like open_input. It keeps a
// view: `bytes` must outlive the source.
std::unique_ptr<ByteSource> open_memory(std::string_view bytes, std::string name = "<memory>");

}  // namespace statuslint
