// Framing: cuts a byte stream into chunks of whole lines.
//
// A UTF-8 byte order mark at the start of the input (Windows tools, Fiddler's HAR export)
// is dropped here, so no reader ever sees it.
// Each chunk ends at a newline (the last one of the input may not), so chunks can be parsed
// independently and in parallel. Buffers are reused and grow only for a line longer than
// the chunk size; a line longer than the line limit is never held in memory: it is skipped
// to its end and handed on as an "oversized" chunk holding only its first bytes, so that
// it is counted as a malformed line and memory stays bounded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "statuslint/input/input_source.hpp"

namespace statuslint {

// Readable bytes kept after every chunk's data, so that parsers that read ahead in blocks
// (simdjson needs 64) can parse lines in place without copying them.
inline constexpr size_t kChunkPadding = 64;

// How much of an oversized line is kept to show in its malformed example.
inline constexpr size_t kOversizedHeadBytes = 256;

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Grows without zeroing: a chunk's bytes are read into before they are looked at, and zeroing
// a new input's 1 MB buffer was half the time of a small input (100,000 small files). The
// padding after the data is zeroed by the reader.
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() noexcept = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using ChunkBuffer = std::vector<char, UninitializedAllocator<char>>;

struct Chunk {
  ChunkBuffer buffer;  // capacity reused across chunks; size() >= size + kChunkPadding
  size_t size = 0;     // bytes of whole lines at the front of `buffer`
  // Set for a line longer than the limit: `size` bytes are its start, `oversized_bytes`
  // its full length (without the newline).
  bool oversized = false;
  std::uint64_t oversized_bytes = 0;

  std::string_view view() const noexcept { return {buffer.data(), size}; }
};

class ChunkReader {
 public:
  // `chunk_bytes` is the target chunk size; `max_line_bytes` the longest line kept.
  ChunkReader(ByteSource& source, size_t chunk_bytes, size_t max_line_bytes);

  // Fills `chunk` with the next chunk. Returns false when the input is exhausted. A read or
  // decode error ends the input: the bytes before it are still delivered, and error() says
  // what happened.
  bool next(Chunk& chunk);
  const std::optional<std::string>& error() const noexcept { return error_; }
  // The rest of the input without framing (a HAR is one document, not lines): first the
  // bytes held back from the last chunk, then the source's. Returns 0 at the end.
  size_t read_raw(char* out, size_t capacity);
  // The input's first bytes (after a byte order mark), up to `bytes` of them, without
  // consuming them: they stay the start of the first chunk or of read_raw(). For a look at
  // the input before any framing (a one-line HAR is a document, whatever its line length).
  // Call before next() and read_raw().
  std::string_view peek(size_t bytes);

 private:
  size_t read_into(char* out, size_t capacity);
  void skip_rest_of_line(Chunk& chunk);
  void skip_byte_order_mark();

  ByteSource& source_;
  size_t chunk_bytes_;
  size_t max_line_bytes_;
  std::vector<char> carry_;  // the start of a line that the previous chunk cut
  bool eof_ = false;
  bool at_start_ = true;
  std::optional<std::string> error_;
};

}  // namespace statuslint
