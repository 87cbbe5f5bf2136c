// The gzip and plain decoders.
//
// gzip: every member is inflated on its own (inflateReset between members), so where each one
// starts and ends in the file is known exactly, whatever the layout: a member per record, one
// for the whole file, or anything between. Damage handling:
//   - bytes after a member that do not start another one: skipped up to the next gzip magic;
//   - corrupt deflate data: decoding goes back to just after the member's start and looks for
//     the next magic from there (a member cut short is followed by the next one, whose bytes
//     the inflater has read as its own);
//   - the file ending inside a member: a break, then the end.
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "archive/decoders.h"

namespace newsfacts::archive {
namespace {

constexpr char kGzipMagic[] = "\x1f\x8b\x08";  // ID1 ID2 CM=deflate

bool AcceptGzipHeader(const unsigned char* p, size_t n) {
  // FLG's three reserved bits must be zero: a cheap way to refuse most false starts.
  return n >= 4 && (p[3] & 0xe0) == 0;
}

class PlainDecoder : public Decoder {
 public:
  explicit PlainDecoder(DecodeState& state) : state_(state) {}

  size_t Produce(char* dst, size_t cap) override {
    RawInput& raw = state_.raw;
    size_t produced = 0;
    while (produced < cap) {
      if (raw.available() == 0 && !raw.Refill()) {
        state_.ended = true;
        break;
      }
      const size_t n = std::min(cap - produced, raw.available());
      std::memcpy(dst + produced, raw.data(), n);
      raw.Consume(n);
      produced += n;
    }
    state_.decoded += produced;
    return produced;
  }

 private:
  DecodeState& state_;
};

class GzipDecoder : public Decoder {
 public:
  explicit GzipDecoder(DecodeState& state) : state_(state) {
    ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~GzipDecoder() override { inflateEnd(&z_); }

  size_t Produce(char* dst, size_t cap) override {
    RawInput& raw = state_.raw;
    size_t produced = 0;
    while (produced < cap && !state_.broken && !state_.ended) {
      if (!in_member_ && !StartMember()) break;
      if (raw.available() == 0 && !raw.Refill()) {
        Member& m = state_.members.back();
        m.ended = true;
        m.stored_length = raw.position() - m.stored_offset;
        in_member_ = false;
        state_.Break(m.stored_offset, "gzip member truncated: the file ends inside it");
        break;
      }
      const uInt in = static_cast<uInt>(std::min<size_t>(raw.available(), UINT_MAX));
      const uInt out = static_cast<uInt>(std::min<size_t>(cap - produced, UINT_MAX));
      z_.next_in = const_cast<Bytef*>(raw.data());
      z_.avail_in = in;
      z_.next_out = reinterpret_cast<Bytef*>(dst + produced);
      z_.avail_out = out;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      raw.Consume(in - z_.avail_in);
      produced += out - z_.avail_out;
      state_.decoded += out - z_.avail_out;
      if (rc == Z_STREAM_END) {
        Member& m = state_.members.back();
        m.ended = true;
        m.stored_length = raw.position() - m.stored_offset;
        in_member_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Corrupt(z_.msg ? z_.msg : "error " + std::to_string(rc));
      }
    }
    return produced;
  }

 private:
  // Begins the member at the input's position. False when there is none: the end of the
  // file, or bytes that are not gzip (then a break).
  bool StartMember() {
    RawInput& raw = state_.raw;
    if (!ok_) {
      state_.Break(raw.position(), "zlib: inflateInit2 failed");
      state_.ended = true;
      return false;
    }
    if (!raw.Ensure(1)) {
      state_.ended = true;
      return false;
    }
    raw.Ensure(4);
    if (raw.available() >= 4 && std::memcmp(raw.data(), kGzipMagic, 3) == 0 &&
        AcceptGzipHeader(raw.data(), raw.available())) {
      inflateReset(&z_);
      state_.members.push_back({raw.position(), 0, state_.decoded, false});
      in_member_ = true;
      return true;
    }
    const uint64_t start = raw.position();
    raw.SkipTo(std::string_view(kGzipMagic, 3), 4, AcceptGzipHeader);
    state_.Break(start, std::to_string(raw.position() - start) +
                            " stored bytes after a gzip member are not a gzip member; skipped");
    return false;
  }

  void Corrupt(const std::string& why) {
    RawInput& raw = state_.raw;
    Member& m = state_.members.back();
    m.ended = true;
    m.stored_length = raw.position() - m.stored_offset;
    in_member_ = false;
    const uint64_t start = m.stored_offset;
    const uint64_t found_at = raw.position();
    raw.SeekTo(start + 1);
    raw.SkipTo(std::string_view(kGzipMagic, 3), 4, AcceptGzipHeader);
    state_.Break(start, "corrupt gzip member (zlib: " + why + ", " +
                            std::to_string(found_at - start) + " stored bytes into it)");
  }

  DecodeState& state_;
  z_stream z_{};
  bool ok_ = false;
  bool in_member_ = false;
};

}  // namespace

bool IsGzipMagic(const unsigned char* p, size_t n) {
  return n >= 4 && std::memcmp(p, kGzipMagic, 3) == 0 && AcceptGzipHeader(p, n);
}

std::unique_ptr<Decoder> NewPlainDecoder(DecodeState& state) {
  return std::make_unique<PlainDecoder>(state);
}

std::unique_ptr<Decoder> NewGzipDecoder(DecodeState& state) {
  return std::make_unique<GzipDecoder>(state);
}

}  // namespace newsfacts::archive
