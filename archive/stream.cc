#include "archive/stream.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace newsfacts::archive {

ByteStream::ByteStream(uint64_t start)
    : state_(start), window_(new char[kWindowBytes]), stored_high_(start) {}

ByteStream::~ByteStream() = default;

Result<std::unique_ptr<ByteStream>> ByteStream::Open(const std::string& path, uint64_t offset) {
  // Decoded positions of an uncompressed file are its stored offsets; of a compressed one
  // they count from 0.
  std::unique_ptr<ByteStream> s(new ByteStream(0));
  if (Status st = s->state_.raw.Open(path, offset); !st.ok()) return st;
  RawInput& raw = s->state_.raw;
  raw.Ensure(8);
  if (IsGzipMagic(raw.data(), raw.available())) {
    s->compression_ = Compression::kGzip;
    s->decoder_ = NewGzipDecoder(s->state_);
  } else if (IsZstdMagic(raw.data(), raw.available()) ||
             IsZstdSkippableMagic(raw.data(), raw.available())) {
    s->compression_ = Compression::kZstd;
    s->decoder_ = NewZstdDecoder(s->state_, 0);
  } else {
    s->state_.decoded = offset;
    s->decoder_ = NewPlainDecoder(s->state_);
  }
  return s;
}

size_t ByteStream::Fill(size_t n) {
  n = std::min(n, kWindowBytes);
  while (available() < n && !state_.broken && !state_.ended) {
    if (kWindowBytes - end_ < n - available()) {
      std::memmove(window_.get(), window_.get() + begin_, available());
      end_ -= begin_;
      begin_ = 0;
    }
    // Decode as much as fits: fewer, larger calls.
    end_ += decoder_->Produce(window_.get() + end_, kWindowBytes - end_);
  }
  return available();
}

size_t ByteStream::Read(char* dst, size_t n) {
  size_t got = std::min(n, available());
  std::memcpy(dst, data(), got);
  Consume(got);
  while (got < n && !state_.broken && !state_.ended) {
    got += decoder_->Produce(dst + got, n - got);
  }
  return got;
}

uint64_t ByteStream::Skip(uint64_t n) {
  uint64_t got = std::min<uint64_t>(n, available());
  Consume(static_cast<size_t>(got));
  if (got == n) return got;
  begin_ = end_ = 0;
  while (got < n && !state_.broken && !state_.ended) {
    // The window is empty: decode into it and drop what came.
    got += decoder_->Produce(window_.get(), static_cast<size_t>(std::min<uint64_t>(
                                                n - got, static_cast<uint64_t>(kWindowBytes))));
  }
  return got;
}

const Member* ByteStream::MemberAt(uint64_t p) const {
  for (auto it = state_.members.rbegin(); it != state_.members.rend(); ++it) {
    if (it->decoded_start <= p) return &*it;
  }
  return nullptr;
}

uint64_t ByteStream::NextMemberStart(uint64_t p) const {
  for (const Member& m : state_.members) {
    if (m.decoded_start > p) return m.decoded_start;
  }
  return std::numeric_limits<uint64_t>::max();
}

void ByteStream::ForgetBefore(uint64_t p) {
  auto& members = state_.members;
  while (members.size() > 1 && members[1].decoded_start <= p) members.pop_front();
}

uint64_t ByteStream::stored_bytes_read() const {
  stored_high_ = std::max(stored_high_, state_.raw.position());
  return stored_high_;
}

}  // namespace newsfacts::archive
