#include "statuslint/report/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace statuslint {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& name, int error) {
  throw OutputError("cannot " + what + " " + name + ": " + std::strerror(error));
}

void write_all(int fd, std::string_view text, const std::string& name) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write the report to", name, errno);
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
}

// The permissions a file created here would get: 0666 less the umask, as with open(2).
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

OutputFile OutputFile::standard_output() {
  OutputFile out;
  out.name_ = "standard output";
  out.stdout_ = true;
  return out;
}

OutputFile OutputFile::open(const std::string& path) {
  if (path == "-") return standard_output();
  OutputFile out;
  out.name_ = path;
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  // Devices, FIFOs and sockets (and whatever /dev and /proc name) are written in place.
  if ((exists && !S_ISREG(st.st_mode)) || path.starts_with("/dev/") || path.starts_with("/proc/")) {
    if (exists && S_ISDIR(st.st_mode)) fail("write", path, EISDIR);
    out.fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out.fd_ < 0) fail("open", path, errno);
    return out;
  }
  // A symbolic link stays one: the file it names is replaced.
  std::string target = path;
  if (exists) {
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      target = real;
      std::free(real);
    }
  }
  const size_t slash = target.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
  const std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string temporary = (dir == "/" ? "" : dir) + "/." + base + ".statuslint-XXXXXX";
  if (dir == ".") temporary = temporary.substr(2);  // "./.x" -> ".x"
  out.fd_ = ::mkstemp(temporary.data());
  if (out.fd_ < 0) fail("write", path, errno);
  out.temporary_ = temporary;
  out.destination_ = target;
  // mkstemp makes 0600; the report gets the mode the destination has, or a new file's.
  if (::fchmod(out.fd_, exists ? (st.st_mode & 07777) : new_file_mode()) != 0) {
    const int error = errno;
    out.discard();
    fail("write", path, error);
  }
  return out;
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : name_(std::move(other.name_)),
      destination_(std::move(other.destination_)),
      temporary_(std::exchange(other.temporary_, {})),
      fd_(std::exchange(other.fd_, -1)),
      stdout_(other.stdout_) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    discard();
    name_ = std::move(other.name_);
    destination_ = std::move(other.destination_);
    temporary_ = std::exchange(other.temporary_, {});
    fd_ = std::exchange(other.fd_, -1);
    stdout_ = other.stdout_;
  }
  return *this;
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
  temporary_.clear();
}

void OutputFile::write(std::string_view text) {
  if (stdout_) {
    // Through stdio, which the help texts share; a failed write names its reason.
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
      fail("write the report to", name_, errno != 0 ? errno : EIO);
    }
    return;
  }
  if (fd_ < 0) throw OutputError("the report to " + name_ + " was already written");
  write_all(fd_, text, name_);
}

void OutputFile::commit(std::string_view text) {
  write(text);
  if (stdout_) {
    errno = 0;
    if (std::fflush(stdout) != 0) fail("write the report to", name_, errno != 0 ? errno : EIO);
    return;
  }
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) {
    const int error = errno;
    discard();
    fail("write the report to", name_, error);
  }
  if (!temporary_.empty()) {
    if (::rename(temporary_.c_str(), destination_.c_str()) != 0) {
      const int error = errno;
      discard();
      fail("write the report to", name_, error);
    }
    temporary_.clear();
  }
}

}  // namespace statuslint
