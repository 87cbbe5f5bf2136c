// RawInput: the stored bytes of an archive file, read forward through one fixed-size buffer.
//
// The decoders (archive/decoders.h) take their input from here. Memory is the buffer, whatever
// the file's size. SeekTo() lets a decoder go back after damage and look for the next gzip
// member or zstd frame from just after the damaged one.
//
// Errors: a failed read(2) ends the input early; error() then says why (kIo).
//
// Thread safety: used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace newsfacts::archive {

class RawInput {
 public:
  static constexpr size_t kBufferBytes = 256 << 10;

  RawInput() = default;
  ~RawInput();
  RawInput(const RawInput&) = delete;  // owns a file descriptor
  RawInput& operator=(const RawInput&) = delete;

  // Opens path and positions it at offset. kNotFound when the file does not exist, kIo
  // when it cannot be opened or is not a regular file.
  Status Open(const std::string& path, uint64_t offset);

  // The buffered bytes starting at stored offset position().
  const unsigned char* data() const { return buffer_.get() + begin_; }
  size_t available() const { return end_ - begin_; }
  uint64_t position() const { return buffer_end_offset_ - available(); }
  void Consume(size_t n) { begin_ += n; }

  // Reads more bytes after the buffered ones. False when none came (end of file, or a read
  // error, see error()).
  bool Refill();
  // Tries to buffer n (<= kBufferBytes) bytes; true when available() >= n.
  bool Ensure(size_t n);
  // Drops the buffer and continues reading at stored offset pos.
  void SeekTo(uint64_t pos);
  // Consumes bytes up to the next place that starts with magic and for which accept(bytes,
  // n) is true, where n >= magic.size() bytes are visible (lookahead of them when the file
  // has that many). False when the file ends first; then everything is consumed.
  bool SkipTo(std::string_view magic, size_t lookahead,
              bool (*accept)(const unsigned char*, size_t));

  uint64_t size() const { return size_; }
  const Status& error() const { return error_; }

 private:
  int fd_ = -1;
  std::unique_ptr<unsigned char[]> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t buffer_end_offset_ = 0;  // stored offset of buffer_[end_]
  uint64_t size_ = 0;
  std::string path_;
  Status error_;
};

}  // namespace newsfacts::archive
