#include "archive/content_coding.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <memory>
#include <vector>

#include "common/ascii.h"

namespace newsfacts::archive {

namespace {

Status OverCap(size_t max_bytes) {
  return Status(StatusCode::kNetwork,
                "body decodes to more than the limit of " + std::to_string(max_bytes) + " bytes");
}

Result<std::string> Inflate(const std::string& body, const std::string& coding, size_t max_bytes) {
  int window;
  if (coding == "gzip" || coding == "x-gzip") {
    window = 15 + 16;
  } else {
    // RFC 9110 says zlib format; some servers send raw deflate. The first byte tells.
    window = !body.empty() && (static_cast<unsigned char>(body[0]) & 0x0f) == 8 ? 15 : -15;
  }
  z_stream z{};
  if (inflateInit2(&z, window) != Z_OK) return InternalError("zlib: inflateInit2 failed");
  std::string out;
  char buf[64 << 10];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  Status status;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const size_t produced = sizeof buf - z.avail_out;
    if (out.size() + produced > max_bytes) {
      status = OverCap(max_bytes);
      break;
    }
    out.append(buf, produced);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are one body.
      if (z.avail_in > 0 && window > 15) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      status = InvalidInput("compressed body ends early");
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status = InvalidInput(std::string("corrupt ") + coding + " body" +
                            (z.msg ? std::string(": ") + z.msg : std::string()));
      break;
    }
  }
  inflateEnd(&z);
  if (!status.ok()) return status;
  return out;
}

struct BrotliDeleter {
  void operator()(BrotliDecoderState* s) const { BrotliDecoderDestroyInstance(s); }
};

Result<std::string> Unbrotli(const std::string& body, size_t max_bytes) {
  std::unique_ptr<BrotliDecoderState, BrotliDeleter> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
  if (!state) return InternalError("brotli: cannot create a decoder");
  std::string out;
  char buf[64 << 10];
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(body.data());
  size_t avail_in = body.size();
  // The decoder writes at most sizeof buf per call, so the cap is checked on decoded
  // bytes before they are kept: a small body cannot make us hold a large one.
  for (;;) {
    uint8_t* next_out = reinterpret_cast<uint8_t*>(buf);
    size_t avail_out = sizeof buf;
    const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                                 &avail_out, &next_out, nullptr);
    const size_t produced = sizeof buf - avail_out;
    if (out.size() + produced > max_bytes) return OverCap(max_bytes);
    out.append(buf, produced);
    switch (rc) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        if (avail_in > 0) return InvalidInput("corrupt br body: data after the end");
        return out;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        continue;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        return InvalidInput("compressed body ends early");
      case BROTLI_DECODER_RESULT_ERROR:
      default:
        return InvalidInput(std::string("corrupt br body: ") +
                            BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
    }
  }
}

}  // namespace

Result<std::string> DecodeBody(const std::string& body, const std::string& coding_raw,
                               size_t max_bytes) {
  // Codings are listed in the order they were applied, so they come off last first.
  std::vector<std::string> codings;
  const std::string all = Lower(coding_raw);
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t comma = all.find(',', pos);
    if (comma == std::string::npos) comma = all.size();
    const std::string coding = Trim(all.substr(pos, comma - pos));
    if (!coding.empty() && coding != "identity") codings.push_back(coding);
    pos = comma + 1;
  }
  constexpr size_t kMaxCodings = 4;
  if (codings.size() > kMaxCodings) {
    return InvalidInput("more than " + std::to_string(kMaxCodings) + " content-codings");
  }
  for (const std::string& coding : codings) {
    if (coding != "gzip" && coding != "x-gzip" && coding != "deflate" && coding != "br") {
      return InvalidInput("unsupported Content-Encoding \"" + coding + "\"");
    }
  }
  if (codings.empty()) {
    if (body.size() > max_bytes) {
      return Status(StatusCode::kNetwork, "decoded body larger than the limit");
    }
    return body;
  }
  std::string current;
  const std::string* input = &body;
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    auto decoded = *it == "br" ? Unbrotli(*input, max_bytes) : Inflate(*input, *it, max_bytes);
    if (!decoded.ok()) return decoded.status();
    current = std::move(decoded).value();
    input = &current;
  }
  return current;
}

Result<std::string> GzipMember(const std::string& data, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return InternalError("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return InternalError("zlib: deflate did not finish");
  return out;
}

std::string HeaderValue(const std::string& head, const std::string& name) {
  std::string found;
  size_t pos = 0;
  const std::string lname = Lower(name);
  while (pos < head.size()) {
    size_t end = head.find('\n', pos);
    if (end == std::string::npos) end = head.size();
    const std::string line = head.substr(pos, end - pos);
    pos = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (Lower(Trim(line.substr(0, colon))) == lname) found = Trim(line.substr(colon + 1));
  }
  return found;
}

std::string CharsetOf(const std::string& content_type) {
  const std::string lower = Lower(content_type);
  size_t pos = lower.find("charset=");
  if (pos == std::string::npos) return "";
  std::string value = lower.substr(pos + 8);
  value = value.substr(0, value.find(';'));
  value = Trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
    value = value.substr(1, value.size() - 2);
  }
  return Trim(value);
}

}  // namespace newsfacts::archive
