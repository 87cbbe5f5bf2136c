// The zstd decoder, for .warc.zst as the IIPC's proposed profile describes it: one frame per
// record, and optionally a dictionary in a skippable frame (magic 0x184D2A5D) at the start of
// the file, whose payload is the dictionary, itself zstd-compressed when it starts with the
// frame magic. Other skippable frames are passed over.
//
// ZSTD_decompressStream() stops at the end of each frame (it returns 0 with the input
// positioned just after it), which is how each frame's stored extent is known.
#include <zstd.h>

#include <algorithm>
#include <cstring>

#include "archive/decoders.h"

namespace newsfacts::archive {
namespace {

constexpr char kZstdMagic[] = "\x28\xb5\x2f\xfd";
constexpr uint32_t kDictionaryFrameMagic = 0x184D2A5D;
// A dictionary is a few hundred KiB in practice; refuse absurd sizes rather than hold them.
constexpr uint64_t kMaxDictionaryBytes = 64ull << 20;

uint32_t Le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

bool AcceptAny(const unsigned char*, size_t) { return true; }

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

class ZstdDecoder : public Decoder {
 public:
  ZstdDecoder(DecodeState& state, uint64_t dictionary_offset)
      : state_(state), dctx_(ZSTD_createDCtx()) {
    const uint64_t start = state_.raw.position();
    if (dctx_ && dictionary_offset != start) {
      // Reading from the middle of a file: its dictionary is at the start.
      state_.raw.SeekTo(dictionary_offset);
      state_.raw.Ensure(8);
      if (state_.raw.available() >= 8 && Le32(state_.raw.data()) == kDictionaryFrameMagic) {
        LoadDictionary();
      }
      state_.raw.SeekTo(start);
    }
  }

  size_t Produce(char* dst, size_t cap) override {
    RawInput& raw = state_.raw;
    size_t produced = 0;
    while (produced < cap && !state_.broken && !state_.ended) {
      if (!in_frame_ && !StartFrame()) continue;  // a skipped frame, a break or the end
      if (raw.available() == 0 && !raw.Refill()) {
        Member& m = state_.members.back();
        m.ended = true;
        m.stored_length = raw.position() - m.stored_offset;
        in_frame_ = false;
        state_.Break(m.stored_offset, "zstd frame truncated: the file ends inside it");
        break;
      }
      ZSTD_inBuffer in{raw.data(), raw.available(), 0};
      ZSTD_outBuffer out{dst + produced, cap - produced, 0};
      const size_t rc = ZSTD_decompressStream(dctx_.get(), &out, &in);
      raw.Consume(in.pos);
      produced += out.pos;
      state_.decoded += out.pos;
      if (ZSTD_isError(rc)) {
        Corrupt(ZSTD_getErrorName(rc));
      } else if (rc == 0) {
        Member& m = state_.members.back();
        m.ended = true;
        m.stored_length = raw.position() - m.stored_offset;
        in_frame_ = false;
      }
    }
    return produced;
  }

 private:
  // Begins the frame at the input's position, or passes over a skippable frame. False when
  // no data frame was begun (a skippable frame, a break or the end).
  bool StartFrame() {
    RawInput& raw = state_.raw;
    if (!dctx_) {
      state_.Break(raw.position(), "zstd: cannot create a decompression context");
      state_.ended = true;
      return false;
    }
    if (!raw.Ensure(1)) {
      state_.ended = true;
      return false;
    }
    raw.Ensure(8);
    if (IsZstdMagic(raw.data(), raw.available())) {
      ZSTD_DCtx_reset(dctx_.get(), ZSTD_reset_session_only);
      state_.members.push_back({raw.position(), 0, state_.decoded, false});
      in_frame_ = true;
      return true;
    }
    if (IsZstdSkippableMagic(raw.data(), raw.available()) && raw.available() >= 8) {
      if (Le32(raw.data()) == kDictionaryFrameMagic && !dictionary_loaded_ &&
          state_.members.empty()) {
        LoadDictionary();
      } else {
        SkipFrame();
      }
      return false;
    }
    const uint64_t start = raw.position();
    raw.SkipTo(std::string_view(kZstdMagic, 4), 4, AcceptAny);
    state_.Break(start, std::to_string(raw.position() - start) +
                            " stored bytes after a zstd frame are not a zstd frame; skipped");
    return false;
  }

  // Passes over the skippable frame at the input's position.
  void SkipFrame() {
    RawInput& raw = state_.raw;
    const uint64_t start = raw.position();
    uint64_t left = 8 + static_cast<uint64_t>(Le32(raw.data() + 4));
    while (left > 0) {
      if (raw.available() == 0 && !raw.Refill()) {
        state_.Break(start, "skippable zstd frame truncated: the file ends inside it");
        return;
      }
      const size_t n = static_cast<size_t>(std::min<uint64_t>(left, raw.available()));
      raw.Consume(n);
      left -= n;
    }
  }

  // Reads the dictionary frame at the input's position and gives its payload to the context.
  void LoadDictionary() {
    RawInput& raw = state_.raw;
    const uint64_t start = raw.position();
    const uint64_t size = Le32(raw.data() + 4);
    if (size > kMaxDictionaryBytes) {
      SkipFrame();
      state_.Break(start, "zstd dictionary frame of " + std::to_string(size) +
                              " bytes is larger than the limit; skipped");
      return;
    }
    raw.Consume(8);
    std::string payload;
    payload.reserve(static_cast<size_t>(size));
    while (payload.size() < size) {
      if (raw.available() == 0 && !raw.Refill()) {
        state_.Break(start, "zstd dictionary frame truncated: the file ends inside it");
        return;
      }
      const size_t n =
          static_cast<size_t>(std::min<uint64_t>(size - payload.size(), raw.available()));
      payload.append(reinterpret_cast<const char*>(raw.data()), n);
      raw.Consume(n);
    }
    if (IsZstdMagic(reinterpret_cast<const unsigned char*>(payload.data()), payload.size())) {
      std::string plain;
      if (!Decompress(payload, &plain)) {
        state_.Break(start, "zstd dictionary frame holds a corrupt compressed dictionary");
        return;
      }
      payload.swap(plain);
    }
    const size_t rc = ZSTD_DCtx_loadDictionary(dctx_.get(), payload.data(), payload.size());
    if (ZSTD_isError(rc)) {
      state_.Break(start, std::string("zstd dictionary refused: ") + ZSTD_getErrorName(rc));
      return;
    }
    dictionary_loaded_ = true;
  }

  // Decompresses one in-memory frame under kMaxDictionaryBytes.
  static bool Decompress(const std::string& in, std::string* out) {
    std::unique_ptr<ZSTD_DCtx, DCtxDeleter> d(ZSTD_createDCtx());
    if (!d) return false;
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    char buf[64 << 10];
    for (;;) {
      ZSTD_outBuffer output{buf, sizeof buf, 0};
      const size_t rc = ZSTD_decompressStream(d.get(), &output, &input);
      if (ZSTD_isError(rc)) return false;
      if (out->size() + output.pos > kMaxDictionaryBytes) return false;
      out->append(buf, output.pos);
      if (rc == 0) return true;
      if (input.pos == input.size && output.pos < output.size) return false;  // cut short
    }
  }

  void Corrupt(const std::string& why) {
    RawInput& raw = state_.raw;
    Member& m = state_.members.back();
    m.ended = true;
    m.stored_length = raw.position() - m.stored_offset;
    in_frame_ = false;
    ZSTD_DCtx_reset(dctx_.get(), ZSTD_reset_session_only);
    const uint64_t start = m.stored_offset;
    raw.SeekTo(start + 1);
    raw.SkipTo(std::string_view(kZstdMagic, 4), 4, AcceptAny);
    state_.Break(start, "corrupt zstd frame (" + why + ")");
  }

  DecodeState& state_;
  std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx_;
  bool in_frame_ = false;
  bool dictionary_loaded_ = false;
};

}  // namespace

bool IsZstdMagic(const unsigned char* p, size_t n) {
  return n >= 4 && std::memcmp(p, kZstdMagic, 4) == 0;
}

bool IsZstdSkippableMagic(const unsigned char* p, size_t n) {
  return n >= 4 && (Le32(p) & 0xFFFFFFF0u) == 0x184D2A50u;
}

std::unique_ptr<Decoder> NewZstdDecoder(DecodeState& state, uint64_t dictionary_offset) {
  return std::make_unique<ZstdDecoder>(state, dictionary_offset);
}

}  // namespace newsfacts::archive
