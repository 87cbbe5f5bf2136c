#include "archive/raw_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace newsfacts::archive {

RawInput::~RawInput() {
  if (fd_ >= 0) close(fd_);
}

Status RawInput::Open(const std::string& path, uint64_t offset) {
  path_ = path;
  fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    if (err == ENOENT) return NotFound("no such file", path);
    return IoError(std::string("cannot open: ") + std::strerror(err), path);
  }
  struct stat st {};
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return IoError("not a regular file", path);
  size_ = static_cast<uint64_t>(st.st_size);
  buffer_.reset(new unsigned char[kBufferBytes]);
  SeekTo(offset);
  // Sequential reading: let the kernel read ahead generously.
  posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  return Status::Ok();
}

bool RawInput::Refill() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == kBufferBytes || !error_.ok()) return false;
  for (;;) {
    const ssize_t n = read(fd_, buffer_.get() + end_, kBufferBytes - end_);
    if (n > 0) {
      end_ += static_cast<size_t>(n);
      buffer_end_offset_ += static_cast<uint64_t>(n);
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    error_ = IoError(std::string("read failed: ") + std::strerror(errno), path_);
    return false;
  }
}

bool RawInput::Ensure(size_t n) {
  n = std::min(n, kBufferBytes);
  while (available() < n) {
    if (!Refill()) return false;
  }
  return true;
}

void RawInput::SeekTo(uint64_t pos) {
  begin_ = end_ = 0;
  pos = std::min(pos, size_);
  if (lseek(fd_, static_cast<off_t>(pos), SEEK_SET) < 0 && error_.ok()) {
    error_ = IoError(std::string("seek failed: ") + std::strerror(errno), path_);
  }
  buffer_end_offset_ = pos;
}

bool RawInput::SkipTo(std::string_view magic, size_t lookahead,
                      bool (*accept)(const unsigned char*, size_t)) {
  lookahead = std::max(lookahead, magic.size());
  for (;;) {
    Ensure(lookahead);
    const size_t n = available();
    if (n < magic.size()) {
      Consume(n);
      return false;
    }
    // A match must have magic.size() bytes visible, so the last magic.size() - 1 bytes wait
    // for the next round (unless the file ends there, when they cannot match).
    const size_t searchable = n - magic.size() + 1;
    const void* hit = std::memchr(data(), static_cast<unsigned char>(magic[0]), searchable);
    if (!hit) {
      Consume(searchable);
      continue;
    }
    Consume(static_cast<size_t>(static_cast<const unsigned char*>(hit) - data()));
    Ensure(lookahead);
    if (std::memcmp(data(), magic.data(), magic.size()) == 0 && accept(data(), available())) {
      return true;
    }
    Consume(1);
  }
}

}  // namespace newsfacts::archive
