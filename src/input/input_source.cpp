#include "statuslint/input/input_source.hpp"

#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace statuslint {
namespace {

constexpr size_t kCompressedBuffer = size_t{256} * 1024;
constexpr int kZstdWindowLogMax = 31;  // zstd --long=31: the largest window zstd writes

// The raw bytes of a file descriptor or of memory, with the first bytes peeked for magic.
class RawSource {
 public:
  virtual ~RawSource() = default;
  virtual size_t read(char* out, size_t capacity) = 0;
  const std::string& name() const noexcept { return name_; }
  std::uint64_t offset() const noexcept { return offset_; }
  virtual std::string warning() const { return {}; }

 protected:
  explicit RawSource(std::string name) : name_(std::move(name)) {}
  std::string name_;
  std::uint64_t offset_ = 0;
};

class FileRaw final : public RawSource {
 public:
  FileRaw(int fd, std::string name, bool owned) : RawSource(std::move(name)), fd_(fd), owned_(owned) {
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) size_at_open_ = static_cast<std::uint64_t>(st.st_size);
  }
  ~FileRaw() override {
    if (owned_) ::close(fd_);
  }

  FileRaw(const FileRaw&) = delete;
  FileRaw& operator=(const FileRaw&) = delete;

  size_t read(char* out, size_t capacity) override {
    for (;;) {
      const ssize_t n = ::read(fd_, out, capacity);
      if (n >= 0) {
        offset_ += static_cast<std::uint64_t>(n);
        if (n == 0 && capacity > 0) check_size_at_end();
        return static_cast<size_t>(n);
      }
      if (errno == EINTR) continue;
      throw InputError(name_ + ": read error at byte " + std::to_string(offset_) + ": " + std::strerror(errno));
    }
  }
  std::string warning() const override { return warning_; }

 private:
  // A regular file that ends before the size it had when opened, or that is now shorter than
  // what was read, was truncated while it was read (logrotate's copytruncate): the lines
  // after the cut were never seen.
  void check_size_at_end() {
    if (size_at_open_ == 0 || !warning_.empty()) return;
    struct stat st {};
    const std::uint64_t now = ::fstat(fd_, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : offset_;
    if (offset_ < size_at_open_ || now < offset_) {
      warning_ = name_ + ": the file shrank while it was read (" + std::to_string(size_at_open_) +
                 " bytes when opened, " + std::to_string(now) + " at the end; " + std::to_string(offset_) +
                 " read): truncated in place, by a log rotation?";
    }
  }

  int fd_;
  bool owned_;
  std::uint64_t size_at_open_ = 0;  // 0: not a regular file, or empty
  std::string warning_;
};

class MemoryRaw final : public RawSource {
 public:
  MemoryRaw(std::string_view bytes, std::string name) : RawSource(std::move(name)), bytes_(bytes) {}
  size_t read(char* out, size_t capacity) override {
    const size_t n = std::min(capacity, bytes_.size() - static_cast<size_t>(offset_));
    if (n > 0) std::memcpy(out, bytes_.data() + offset_, n);
    offset_ += n;
    return n;
  }

 private:
  std::string_view bytes_;
};

// Reads through the raw source, replaying the bytes that were peeked for detection.
class PlainSource final : public ByteSource {
 public:
  PlainSource(std::unique_ptr<RawSource> raw, std::string head) : raw_(std::move(raw)), head_(std::move(head)) {}
  size_t read(char* out, size_t capacity) override {
    if (head_pos_ < head_.size()) {
      const size_t n = std::min(capacity, head_.size() - head_pos_);
      std::memcpy(out, head_.data() + head_pos_, n);
      head_pos_ += n;
      return n;
    }
    return raw_->read(out, capacity);
  }
  std::uint64_t raw_offset() const noexcept override { return raw_->offset() - (head_.size() - head_pos_); }
  std::string warning() const override { return raw_->warning(); }

 private:
  std::unique_ptr<RawSource> raw_;
  std::string head_;
  size_t head_pos_ = 0;
};

// Base for decoders: holds the compressed input buffer and a pending error, so that bytes
// decoded before an error are delivered first.
class DecodingSource : public ByteSource {
 public:
  std::string warning() const override { return compressed_->warning(); }

 protected:
  explicit DecodingSource(std::unique_ptr<ByteSource> compressed)
      : compressed_(std::move(compressed)), in_(kCompressedBuffer) {}

  // Refills the input buffer when empty; returns false at the end of the compressed input.
  bool refill() {
    if (in_pos_ < in_len_) return true;
    if (eof_) return false;
    in_len_ = compressed_->read(in_.data(), in_.size());
    in_pos_ = 0;
    eof_ = in_len_ == 0;
    return !eof_;
  }
  size_t fail(std::string message, size_t produced) {
    error_ = std::move(message);
    failed_ = true;
    if (produced > 0) return produced;
    throw InputError(error_);
  }
  void rethrow_pending() {
    if (failed_) throw InputError(error_);
  }
  // Offset in the compressed input of the next unconsumed byte.
  std::uint64_t consumed() const noexcept { return compressed_->raw_offset() - (in_len_ - in_pos_); }

  std::unique_ptr<ByteSource> compressed_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
  bool eof_ = false;
  bool failed_ = false;
  std::string error_;

 public:
  std::uint64_t raw_offset() const noexcept override { return compressed_->raw_offset(); }
};

class GzipSource final : public DecodingSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> compressed, std::string name)
      : DecodingSource(std::move(compressed)), name_(std::move(name)), state_(std::make_unique<inflate_state>()) {
    start_member();
  }
  Compression compression() const noexcept override { return Compression::Gzip; }

  size_t read(char* out, size_t capacity) override {
    rethrow_pending();
    size_t produced = 0;
    while (produced == 0) {
      if (member_done_) {
        // Between members: the next one starts at the next byte, or the input ends.
        if (!refill()) return 0;
        if (static_cast<unsigned char>(in_[in_pos_]) != 0x1f) {
          return fail(name_ + ": data after gzip member " + std::to_string(members_) + " at compressed byte " +
                          std::to_string(consumed()) + " is not gzip",
                      produced);
        }
        start_member();
      }
      if (!refill()) {
        return fail(name_ + ": gzip stream is truncated: it ends inside member " + std::to_string(members_ + 1) +
                        " at compressed byte " + std::to_string(consumed()),
                    produced);
      }
      state_->next_in = reinterpret_cast<uint8_t*>(in_.data() + in_pos_);
      state_->avail_in = static_cast<uint32_t>(in_len_ - in_pos_);
      state_->next_out = reinterpret_cast<uint8_t*>(out);
      state_->avail_out = static_cast<uint32_t>(std::min<size_t>(capacity, UINT32_MAX));
      const int ret = isal_inflate(state_.get());
      in_pos_ = in_len_ - state_->avail_in;
      produced = capacity - state_->avail_out;
      if (ret != ISAL_DECOMP_OK) {
        return fail(name_ + ": corrupt gzip data in member " + std::to_string(members_ + 1) + " near compressed byte " +
                        std::to_string(consumed()) + " (" + describe(ret) + ")",
                    produced);
      }
      if (state_->block_state == ISAL_BLOCK_FINISH) {
        member_done_ = true;
        ++members_;
      }
    }
    return produced;
  }

 private:
  void start_member() {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
    member_done_ = false;
  }
  static std::string describe(int ret) {
    switch (ret) {
      case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
      case ISAL_INVALID_SYMBOL:
        return "invalid deflate symbol";
      case ISAL_INVALID_LOOKBACK:
        return "invalid back-reference distance";
      case ISAL_INVALID_WRAPPER:
        return "invalid gzip header";
      case ISAL_UNSUPPORTED_METHOD:
        return "unsupported compression method";
      case ISAL_INCORRECT_CHECKSUM:
        return "checksum mismatch";
      default:
        return "inflate error " + std::to_string(ret);
    }
  }

  std::string name_;
  std::unique_ptr<inflate_state> state_;
  bool member_done_ = false;
  std::uint64_t members_ = 0;
};

class ZstdSource final : public DecodingSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> compressed, std::string name)
      : DecodingSource(std::move(compressed)), name_(std::move(name)), stream_(ZSTD_createDStream()) {
    if (stream_ == nullptr) throw InputError(name_ + ": cannot allocate a zstd decoder");
    // Frames written with --long up to 31 (a 2 GiB window, when zstd compresses a stream
    // of unknown size) decode: zstd's own default stops at 128 MiB. The decoder's buffer is
    // allocated once, and only the part the data reaches is ever touched (resident).
    ZSTD_DCtx_setParameter(stream_, ZSTD_d_windowLogMax, kZstdWindowLogMax);
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;
  Compression compression() const noexcept override { return Compression::Zstd; }

  size_t read(char* out, size_t capacity) override {
    rethrow_pending();
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos == 0) {
      if (!refill()) {
        if (frame_open_) {
          return fail(name_ + ": zstd stream is truncated: the last frame is cut short at compressed byte " +
                          std::to_string(consumed()),
                      output.pos);
        }
        return 0;
      }
      ZSTD_inBuffer input{in_.data() + in_pos_, in_len_ - in_pos_, 0};
      const size_t ret = ZSTD_decompressStream(stream_, &output, &input);
      in_pos_ += input.pos;
      if (ZSTD_isError(ret)) {
        return fail(name_ + ": corrupt zstd data near compressed byte " + std::to_string(consumed()) + " (" +
                        ZSTD_getErrorName(ret) + ")",
                    output.pos);
      }
      frame_open_ = ret != 0;  // 0: a frame just ended and everything was flushed
    }
    return output.pos;
  }

 private:
  std::string name_;
  ZSTD_DStream* stream_;
  bool frame_open_ = false;
};

std::unique_ptr<ByteSource> wrap(std::unique_ptr<RawSource> raw) {
  // Peek up to four bytes: enough for every magic number we know.
  std::string head(4, '\0');
  size_t got = 0;
  while (got < head.size()) {
    const size_t n = raw->read(head.data() + got, head.size() - got);
    if (n == 0) break;
    got += n;
  }
  head.resize(got);
  const Compression c = detect_compression(head);
  const std::string name = raw->name();
  auto plain = std::make_unique<PlainSource>(std::move(raw), std::move(head));
  switch (c) {
    case Compression::Gzip:
      return std::make_unique<GzipSource>(std::move(plain), name);
    case Compression::Zstd:
      return std::make_unique<ZstdSource>(std::move(plain), name);
    case Compression::None:
      break;
  }
  return plain;
}

}  // namespace

Compression detect_compression(std::string_view head) noexcept {
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return Compression::Gzip;
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) return Compression::Zstd;
  return Compression::None;
}

std::unique_ptr<ByteSource> open_input(const std::string& path) {
  if (path == "-") return wrap(std::make_unique<FileRaw>(STDIN_FILENO, "<stdin>", false));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError(path + ": is a directory, not a log file");
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  auto raw = std::make_unique<FileRaw>(fd, path, true);
  return wrap(std::move(raw));
}

namespace {

// Reads the lines of a plain file that begin in [begin, end): positioned reads, so the shard
// costs only its own bytes (and the line count before it).
class RangeSource final : public ByteSource {
 public:
  RangeSource(int fd, std::string name, std::uint64_t begin, std::uint64_t end)
      : fd_(fd), name_(std::move(name)), begin_(begin), pos_(begin), end_(end), done_(begin >= end) {}
  ~RangeSource() override { ::close(fd_); }
  RangeSource(const RangeSource&) = delete;
  RangeSource& operator=(const RangeSource&) = delete;

  size_t read(char* out, size_t capacity) override {
    if (done_ || capacity == 0) return 0;
    const bool finishing = pos_ >= end_;  // past `end`: the rest of the line that began before it
    const size_t want = finishing ? capacity : static_cast<size_t>(std::min<std::uint64_t>(capacity, end_ - pos_));
    const size_t n = pread_some(fd_, name_, out, want, pos_);
    if (n == 0) {
      done_ = true;
      return 0;
    }
    if (finishing) {
      const char* newline = static_cast<const char*>(std::memchr(out, '\n', n));
      const size_t keep = newline != nullptr ? static_cast<size_t>(newline - out) + 1 : n;
      done_ = newline != nullptr;
      pos_ += keep;
      return keep;
    }
    pos_ += n;
    // At `end`: done if the byte before it ends a line; otherwise that line is ours to finish.
    if (pos_ == end_ && out[n - 1] == '\n') done_ = true;
    return n;
  }
  std::uint64_t raw_offset() const noexcept override { return pos_ - begin_; }

  static size_t pread_some(int fd, const std::string& name, char* out, size_t capacity, std::uint64_t at) {
    for (;;) {
      const ssize_t n = ::pread(fd, out, capacity, static_cast<off_t>(at));
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      throw InputError(name + ": read error at byte " + std::to_string(at) + ": " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::string name_;
  std::uint64_t begin_, pos_, end_;
  bool done_;
};

}  // namespace

std::unique_ptr<ByteSource> open_input_range(const std::string& path, ByteRange range, std::uint64_t& lines_before) {
  if (path == "-") throw InputError("--byte-range needs a file: standard input cannot be entered in the middle");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError(path + ": is a directory, not a log file");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  std::vector<char> block(size_t{1} << 20);
  try {
    const size_t head = RangeSource::pread_some(fd, path, block.data(), 8, 0);
    if (const Compression c = detect_compression(std::string_view(block.data(), head)); c != Compression::None) {
      throw InputError(path + ": --byte-range reads plain files; this one is " + std::string(to_string(c)) +
                       "-compressed (decompress it, or map whole files)");
    }
    // The first line that begins at or after start: start itself when the byte before it ends
    // a line, else the byte after the next newline. Lines before it are counted on the way.
    std::uint64_t begin = std::min(range.start, size), at = 0;
    lines_before = 0;
    bool aligned = begin == 0;
    while (at < size && !aligned) {
      const size_t n = RangeSource::pread_some(fd, path, block.data(), block.size(), at);
      if (n == 0) break;
      for (size_t i = 0; i < n; ++i) {
        if (block[i] != '\n') continue;
        ++lines_before;
        if (at + i + 1 >= begin) {
          begin = at + i + 1;
          aligned = true;
          break;
        }
      }
      at += n;
    }
    if (!aligned) begin = size;  // no line begins at or after start
    return std::make_unique<RangeSource>(fd, path, begin, std::min(std::max(range.end, begin), size));
  } catch (...) {
    ::close(fd);
    throw;
  }
}

std::unique_ptr<ByteSource> open_memory(std::string_view bytes, std::string name) {
  return wrap(std::make_unique<MemoryRaw>(bytes, std::move(name)));
}

}  // namespace statuslint
