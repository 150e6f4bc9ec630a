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
  // Something the reader should know but that did not stop the input, once it has ended: a
  // file that shrank while it was read (truncated in place by a log rotation). "" if none.
  virtual std::string warning() const { return {}; }
};

// Opens `path` ("-" is standard input) and wraps it in the decoder its first bytes call for.
// Throws InputError when the path is missing, unreadable or a directory.
std::unique_ptr<ByteSource> open_input(const std::string& path);

// A shard of one plain file, for mapping a big file without splitting it on disk: the lines
// that begin in [start, end). It opens at the first line that begins at or after `start` and
// ends after the last line that begins before `end` (read whole, even past `end`), so shards of
// any cut hold every line exactly once. `lines_before` is set to the number of lines before the
// shard, so that line numbers stay the file's. Throws InputError for standard input, a
// directory, or a compressed file (which cannot be entered in the middle).
struct ByteRange {
  std::uint64_t start = 0, end = 0;
};
std::unique_ptr<ByteSource> open_input_range(const std::string& path, ByteRange range, std::uint64_t& lines_before);

// A source over bytes in memory, for tests and fuzzers; decodes like open_input. It keeps a
// view: `bytes` must outlive the source.
std::unique_ptr<ByteSource> open_memory(std::string_view bytes, std::string name = "<memory>");

}  // namespace statuslint
