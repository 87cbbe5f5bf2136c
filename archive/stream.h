// ByteStream: the decoded bytes of a stored archive file, read forward through a fixed-size
// window, with where each gzip member or zstd frame lies in the file.
//
// The compression is found from the first stored bytes (gzip 1f 8b, zstd 28 b5 2f fd or a
// skippable frame 0x184D2A5?, else none), never from the name. Positions:
//   - the decoded position counts decoded bytes; for an uncompressed file it is the stored
//     offset itself;
//   - MemberAt() maps a decoded position to the member (frame) holding it, with its stored
//     offset and, once its end has been decoded, its stored length.
//
// Damage (a corrupt or truncated member, bytes between members that are not one) stops the
// stream at a break: the bytes decoded before it stay readable, then at_break() is true until
// Resume(), after which decoding goes on with the next member found (or ends).
//
// Memory: the window (kWindowBytes), the input buffer and the decoder's own state. Read()
// decodes straight into the caller's buffer past what the window holds.
//
// Thread safety: used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "archive/decoders.h"
#include "common/status.h"

namespace newsfacts::archive {

enum class Compression { kNone, kGzip, kZstd };

class ByteStream {
 public:
  static constexpr size_t kWindowBytes = 256 << 10;

  // Opens path and decodes from stored offset on (the start of a member, frame or record).
  // kNotFound / kIo as RawInput::Open.
  static Result<std::unique_ptr<ByteStream>> Open(const std::string& path, uint64_t offset = 0);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;  // owns a file and a decoder
  ByteStream& operator=(const ByteStream&) = delete;

  Compression compression() const { return compression_; }

  // The window: available() decoded bytes at data(), the first at decoded position().
  const char* data() const { return window_.get() + begin_; }
  size_t available() const { return end_ - begin_; }
  uint64_t position() const { return state_.decoded - available(); }
  void Consume(size_t n) { begin_ += n; }

  // Tries to make n (at most kWindowBytes) bytes available; fewer only at a break or the end.
  // Returns available().
  size_t Fill(size_t n);
  // Moves up to n bytes to dst, decoding straight into dst past the window. Fewer only at a
  // break or the end.
  size_t Read(char* dst, size_t n);
  // Consumes up to n bytes without keeping them; returns how many.
  uint64_t Skip(uint64_t n);

  // Nothing available, and decoding is stopped at a break (pending_break() says what broke).
  bool at_break() const { return available() == 0 && state_.broken; }
  // Nothing available, and nothing more to decode.
  bool at_end() const { return available() == 0 && state_.ended && !state_.broken; }
  // Decoding is stopped at a break, whether or not bytes before it are still available.
  bool break_pending() const { return state_.broken; }
  const StreamBreak& pending_break() const { return state_.pending; }
  void Resume() { state_.broken = false; }

  // The member holding decoded position p, or nullptr for an uncompressed file (or a
  // position before the oldest member kept).
  const Member* MemberAt(uint64_t p) const;
  // The decoded start of the first member starting after p; UINT64_MAX when none is known.
  uint64_t NextMemberStart(uint64_t p) const;
  // Forgets members that end before decoded position p.
  void ForgetBefore(uint64_t p);

  // Stored bytes consumed so far (the furthest point decoding reached), and the file's size.
  uint64_t stored_bytes_read() const;
  uint64_t file_size() const { return state_.raw.size(); }
  // A read error that ended the stream early, or OK.
  const Status& io_error() const { return state_.raw.error(); }

 private:
  explicit ByteStream(uint64_t start);

  DecodeState state_;
  Compression compression_ = Compression::kNone;
  std::unique_ptr<Decoder> decoder_;
  std::unique_ptr<char[]> window_;
  size_t begin_ = 0;
  size_t end_ = 0;
  mutable uint64_t stored_high_ = 0;
};

}  // namespace newsfacts::archive
