// What archive/*_test.cc share: temporary directories, and archives built byte by
// byte (WARC and ARC records, gzip members, zstd frames) so every test states exactly what
// the file holds.
#pragma once

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "archive/content_coding.h"
#include "archive/reader.h"
#include "tests/temp_dir.h"

namespace newsfacts::archive::testing {

using newsfacts::testing::TempDir;

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One gzip member holding data.
inline std::string Gzip(const std::string& data, int level = 6) {
  auto member = GzipMember(data, level);
  if (!member.ok()) throw std::runtime_error(member.status().ToString());
  return std::move(member).value();
}

// The data of ONE gzip member that must fill all of bytes exactly; throws otherwise.
inline std::string GunzipExactly(const std::string& bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buf[16384];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc == Z_OK);
  const bool whole = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!whole) throw std::runtime_error("not exactly one gzip member");
  return out;
}

// One zstd frame holding data, compressed with the raw-content dictionary dict when given.
inline std::string Zstd(const std::string& data, const std::string& dict = "") {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CDict* cdict = nullptr;
  if (!dict.empty()) {
    cdict = ZSTD_createCDict(dict.data(), dict.size(), 3);
    ZSTD_CCtx_refCDict(cctx, cdict);
  }
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress2(cctx, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCDict(cdict);
  ZSTD_freeCCtx(cctx);
  if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

// The data of ONE zstd frame that must fill all of bytes exactly; throws otherwise.
inline std::string UnzstdExactly(const std::string& bytes, const std::string& dict = "") {
  if (ZSTD_findFrameCompressedSize(bytes.data(), bytes.size()) != bytes.size()) {
    throw std::runtime_error("not exactly one zstd frame");
  }
  ZSTD_DCtx* d = ZSTD_createDCtx();
  if (!dict.empty()) ZSTD_DCtx_loadDictionary(d, dict.data(), dict.size());
  std::string out;
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  char buf[16384];
  size_t rc;
  do {
    ZSTD_outBuffer o{buf, sizeof buf, 0};
    rc = ZSTD_decompressStream(d, &o, &in);
    if (ZSTD_isError(rc)) {
      ZSTD_freeDCtx(d);
      throw std::runtime_error(ZSTD_getErrorName(rc));
    }
    out.append(buf, o.pos);
  } while (rc != 0);
  ZSTD_freeDCtx(d);
  return out;
}

// A skippable frame: magic 0x184D2A50 + n, then the payload's size and the payload.
inline std::string SkippableFrame(unsigned n, const std::string& payload) {
  std::string out;
  const uint32_t magic = 0x184D2A50u + n;
  const uint32_t size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) out += static_cast<char>((magic >> (8 * i)) & 0xff);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((size >> (8 * i)) & 0xff);
  return out + payload;
}

// A WARC record: version line, fields in the order given, Content-Length, the block and
// the CRLF CRLF after it.
inline std::string Warc(const std::vector<std::pair<std::string, std::string>>& fields,
                        const std::string& block, const std::string& version = "WARC/1.1") {
  std::string out = version + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return out + block + "\r\n\r\n";
}

// A response record for url with the HTTP message http.
inline std::string WarcResponse(const std::string& url, const std::string& http,
                                const std::string& id,
                                const std::string& date = "2024-05-23T09:41:00Z") {
  return Warc({{"WARC-Type", "response"},
               {"WARC-Record-ID", id},
               {"WARC-Date", date},
               {"WARC-Target-URI", url},
               {"Content-Type", "application/http;msgtype=response"}},
              http);
}

inline std::string Http(const std::string& status_line, const std::string& headers,
                        const std::string& body) {
  return status_line + "\r\n" + headers + "\r\n" + body;
}

inline std::string HtmlPage(int n) {
  return "<!doctype html><html><head><title>Story " + std::to_string(n) +
         "</title></head><body><p>Officials counted " + std::to_string(n * 1000 + 7) +
         " kilograms.</p></body></html>";
}

inline std::string Id(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:00000000-0000-4000-8000-%012d>", n);
  return buf;
}

// Every entry of path, and the reader's counts.
struct ReadResult {
  std::vector<Entry> entries;
  ReadCounts counts;
  uint64_t bytes_read = 0;

  std::vector<Entry> Of(EntryKind kind) const {
    std::vector<Entry> out;
    for (const Entry& e : entries) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }
};

inline ReadResult ReadAll(const std::string& path, ReaderOptions options = {}) {
  auto reader = ArchiveReader::Open(path, std::move(options));
  if (!reader.ok()) throw std::runtime_error(reader.status().ToString());
  ReadResult r;
  while (auto e = (*reader)->Next()) {
    r.entries.push_back(std::move(*e));
    if (r.entries.size() > 100000) throw std::runtime_error("does not end");
  }
  r.counts = (*reader)->counts();
  r.bytes_read = (*reader)->bytes_read();
  return r;
}

}  // namespace newsfacts::archive::testing
