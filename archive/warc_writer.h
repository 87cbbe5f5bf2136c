// WARC 1.1 (ISO 28500) archive of every HTTP exchange: writer, and a small reader.
//
// Files are "<prefix>-<UTC yyyymmddhhmmss>-<pid>-<serial>.warc.gz" in the writer's
// directory. Each starts with a warcinfo record. Every record is ONE gzip member, so a
// record can be read from its offset alone, and a file cut short by a crash loses at
// most its last record. A file is closed and a new one started when it has reached
// max_file_bytes (checked before each exchange, so a request and its response always
// share a file).
//
// Records for one exchange: a `request` record (the request head as sent), then either a
// `response` record (status line, headers, body as transferred) or a `revisit` record
// (headers only) for a 304 (profile server-not-modified) or for a body whose digest
// equals the one already archived (profile identical-payload-digest). The body is kept
// with its content-coding; chunked transfer coding was removed by the client, so the
// Transfer-Encoding header is dropped from the archived head to keep it truthful.
// Digests are "sha1:" + base32 (RFC 4648): WARC-Block-Digest over the record block,
// WARC-Payload-Digest over the body.
//
// Durability: each record is flushed to the operating system before the call returns.
//
// Thread safety: a WarcWriter may be shared by threads; calls are serialised inside.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "archive/exchange.h"
#include "common/status.h"

namespace newsfacts::archive {

struct WarcOptions {
  std::string dir = "warc";  // created when missing
  std::string prefix = "newsfacts";
  uint64_t max_file_bytes = 1ull << 30;  // rotate once a file reaches this size
  std::string software = "newsfacts";    // for the warcinfo record
  std::string user_agent;                // for the warcinfo record
};

// Where a record landed.
struct WarcLocation {
  std::string file;            // path of the .warc.gz file
  uint64_t offset = 0;         // of the record's gzip member
  uint64_t length = 0;         // of the gzip member
  std::string record_id;       // "<urn:uuid:...>"
  std::string payload_digest;  // "sha1:..." of the body, "" when there is no body
};

struct Revisit {
  enum class Kind { kNotModified, kIdenticalPayload } kind = Kind::kNotModified;
  std::string refers_to_uri;   // the URI of the archived original, "" when unknown
  std::string refers_to_date;  // its WARC-Date, "" when unknown
  std::string payload_digest;  // of the original (identical payload)
};

class WarcWriter {
 public:
  static Result<std::unique_ptr<WarcWriter>> Open(WarcOptions options);
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;  // owns an open file
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Archives one exchange: its request record, then a response record, or a revisit
  // record when revisit is given. date is the fetch time, ISO 8601 UTC. Returns where the
  // response or revisit record is. kIo when writing fails.
  Result<WarcLocation> WriteExchange(const Exchange& exchange, const std::string& date,
                                     const std::optional<Revisit>& revisit = std::nullopt);

 private:
  explicit WarcWriter(WarcOptions options);
  Status Rotate();
  Result<WarcLocation> WriteRecord(const std::string& header_fields, const std::string& block);

  WarcOptions options_;
  std::mutex mu_;
  std::FILE* file_ = nullptr;
  std::string path_;
  uint64_t size_ = 0;
  int serial_ = 0;
  std::string warcinfo_id_;
};

// "sha1:" + base32 of SHA-1(data), as WARC digests are written.
std::string WarcDigest(const std::string& data);

// A record as read back.
struct WarcRecord {
  uint64_t offset = 0;                         // of its gzip member in the file (Capture::offset)
  std::map<std::string, std::string> headers;  // WARC header fields, names lower-case
  std::string block;
};

// Reads every record of a WARC file, in order, calling fn for each; stops early when fn
// returns false. Any file ArchiveReader (archive/reader.h) reads will do; it streams, holding
// one record (up to ReaderOptions' max_record_bytes) at a time. kIo when the file cannot be
// opened, kInvalidInput at the first damage (records before it were given); an empty file
// has no records.
Status ReadWarc(const std::string& path, const std::function<bool(const WarcRecord&)>& fn);

}  // namespace newsfacts::archive
