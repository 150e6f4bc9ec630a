#include "statuslint/input/chunk_reader.hpp"

#include <algorithm>
#include <cstring>

namespace statuslint {
namespace {

const char* find_last_newline(const char* begin, size_t size) noexcept {
  return static_cast<const char*>(::memrchr(begin, '\n', size));
}

}  // namespace

ChunkReader::ChunkReader(ByteSource& source, size_t chunk_bytes, size_t max_line_bytes)
    : source_(source),
      chunk_bytes_(std::max<size_t>(1, chunk_bytes)),
      max_line_bytes_(std::max<size_t>(1, max_line_bytes)) {}

size_t ChunkReader::read_into(char* out, size_t capacity) {
  if (eof_) return 0;
  try {
    const size_t n = source_.read(out, capacity);
    eof_ = n == 0;
    return n;
  } catch (const InputError& e) {
    error_ = e.what();
    eof_ = true;
    return 0;
  }
}

bool ChunkReader::next(Chunk& chunk) {
  if (at_start_) {
    at_start_ = false;
    skip_byte_order_mark();
  }
  chunk.oversized = false;
  chunk.oversized_bytes = 0;
  ChunkBuffer& buf = chunk.buffer;
  if (buf.size() < carry_.size() + chunk_bytes_ + kChunkPadding)
    buf.resize(carry_.size() + chunk_bytes_ + kChunkPadding);
  if (!carry_.empty()) std::memcpy(buf.data(), carry_.data(), carry_.size());
  size_t size = carry_.size();
  carry_.clear();
  // Room for data: everything but the padding.
  const auto room = [&] { return std::min(buf.size() - kChunkPadding - size, chunk_bytes_); };
  size_t searched = 0;  // bytes at the front of buf known to hold no newline
  for (;;) {
    while (size < chunk_bytes_ && !eof_) size += read_into(buf.data() + size, room());
    if (eof_) break;  // what is left is the last chunk, newline or not
    if (find_last_newline(buf.data() + searched, size - searched) != nullptr) break;
    // The buffer holds the start of one line and no newline.
    searched = size;
    if (size > max_line_bytes_) {  // a line longer than the limit (the same test as the scanner's)
      chunk.oversized = true;
      chunk.oversized_bytes = size;
      chunk.size = std::min(size, kOversizedHeadBytes);
      skip_rest_of_line(chunk);
      std::memset(buf.data() + chunk.size, 0, kChunkPadding);
      return true;
    }
    if (room() == 0) {
      buf.resize(std::min(std::max(2 * size, size + 1), std::max(max_line_bytes_, size + 1)) + kChunkPadding);
    }
    size += read_into(buf.data() + size, room());
  }
  if (!eof_) {
    const char* nl = find_last_newline(buf.data(), size);
    const size_t keep = static_cast<size_t>(nl - buf.data()) + 1;
    carry_.assign(buf.data() + keep, buf.data() + size);
    size = keep;
  }
  chunk.size = size;
  std::memset(buf.data() + size, 0, kChunkPadding);  // what parsers that read ahead see
  return size > 0;
}

size_t ChunkReader::read_raw(char* out, size_t capacity) {
  if (at_start_) {
    at_start_ = false;
    skip_byte_order_mark();
  }
  if (!carry_.empty()) {
    const size_t n = std::min(capacity, carry_.size());
    std::memcpy(out, carry_.data(), n);
    carry_.erase(carry_.begin(), carry_.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
  }
  return read_into(out, capacity);
}

std::string_view ChunkReader::peek(size_t bytes) {
  if (at_start_) {
    at_start_ = false;
    skip_byte_order_mark();
  }
  while (carry_.size() < bytes && !eof_) {
    const size_t had = carry_.size();
    carry_.resize(bytes);
    carry_.resize(had + read_into(carry_.data() + had, bytes - had));
  }
  return {carry_.data(), carry_.size()};
}

void ChunkReader::skip_byte_order_mark() {
  // Before any framing, so that no path (a chunk, an oversized line and its length) ever
  // sees the mark: the first bytes are read on their own, and kept unless they are the mark.
  char head[kUtf8Bom.size()];
  size_t n = 0;
  while (n < sizeof head) {
    const size_t got = read_into(head + n, sizeof head - n);
    if (got == 0) break;
    n += got;
  }
  if (std::string_view(head, n) != kUtf8Bom) carry_.assign(head, head + n);
}

void ChunkReader::skip_rest_of_line(Chunk& chunk) {
  // Read past the end of the line through the part of the buffer after the kept head.
  char* scratch = chunk.buffer.data() + chunk.size;
  const size_t scratch_size = std::min(chunk.buffer.size() - chunk.size, chunk_bytes_ + kOversizedHeadBytes);
  for (;;) {
    const size_t n = read_into(scratch, scratch_size);
    if (n == 0) return;
    const auto* nl = static_cast<const char*>(std::memchr(scratch, '\n', n));
    if (nl != nullptr) {
      chunk.oversized_bytes += static_cast<std::uint64_t>(nl - scratch);
      carry_.assign(nl + 1, static_cast<const char*>(scratch + n));
      return;
    }
    chunk.oversized_bytes += n;
  }
}

}  // namespace statuslint
