// Decoders: turn the stored bytes of an archive (RawInput) into its decoded bytes, one gzip
// member or zstd frame after another, noting where each member lies (DecodeState::members)
// and stopping at damage (DecodeState::Break).
//
// Used only by ByteStream (archive/stream.h), which owns the input, the state and the decoder.
//
// Thread safety: used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "archive/raw_input.h"

namespace newsfacts::archive {

// One gzip member or zstd frame.
struct Member {
  uint64_t stored_offset = 0;  // where it starts in the file
  uint64_t stored_length = 0;  // its size in the file, once ended
  uint64_t decoded_start = 0;  // the decoded position of its first byte
  bool ended = false;          // its end was seen (stored_length is set)
};

// Stored data that could not be decoded. Decoding stops there until resumed; it then goes on
// with the next member or frame found after it (or ends).
struct StreamBreak {
  uint64_t stored_offset = 0;  // where the damaged data starts
  std::string message;
};

// What the decoders share with the stream that reads from them.
struct DecodeState {
  explicit DecodeState(uint64_t start) : decoded(start) {}

  // Stops decoding with damage at stored_offset (see StreamBreak).
  void Break(uint64_t stored_offset, std::string message) {
    broken = true;
    pending.stored_offset = stored_offset;
    pending.message = std::move(message);
  }

  RawInput raw;
  std::deque<Member> members;  // begun members, oldest first (the stream forgets old ones)
  uint64_t decoded = 0;        // decoded position after the last byte produced
  bool ended = false;          // the file is exhausted
  bool broken = false;         // stopped at pending until resumed
  StreamBreak pending;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Decodes up to cap bytes into dst and returns how many (and adds them to state.decoded).
  // Returns less than cap only when decoding stopped: state.broken or state.ended is set.
  virtual size_t Produce(char* dst, size_t cap) = 0;
};

// The decoders for the three ways a file can be stored. Each reads from state.raw, which is
// positioned where decoding starts. For zstd, dictionary_offset is where a leading dictionary
// frame may be (the file's start), read first when it differs from the start position.
std::unique_ptr<Decoder> NewPlainDecoder(DecodeState& state);
std::unique_ptr<Decoder> NewGzipDecoder(DecodeState& state);
std::unique_ptr<Decoder> NewZstdDecoder(DecodeState& state, uint64_t dictionary_offset);

// Magic numbers, from the first four stored bytes.
bool IsGzipMagic(const unsigned char* p, size_t n);
bool IsZstdMagic(const unsigned char* p, size_t n);           // a zstd frame
bool IsZstdSkippableMagic(const unsigned char* p, size_t n);  // 0x184D2A50..5F

}  // namespace newsfacts::archive
