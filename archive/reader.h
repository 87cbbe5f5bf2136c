// Reading web archives: WARC 1.0/1.1 (.warc, .warc.gz, .warc.zst), ARC v1 (.arc, .arc.gz;
// v2 header lines are read too) and WET (WARC `conversion` records), one record at a time,
// as pages ready to normalise.
//
// Inside: archive/stream.h decodes the stored bytes, archive/records.h cuts them into
// records, archive/classify.h turns a record into an Entry.
//
// Streaming. An ArchiveReader holds one record at a time (at most max_record_bytes of its
// block) and a fixed-size read buffer, never the file: memory is flat whatever the file's
// size. Compression is found from the bytes, not the name: gzip with any member layout
// (one member per record, the whole file one member, anything between), Zstandard (a
// frame per record, an optional dictionary in a leading skippable frame, as the IIPC's
// proposed .warc.zst profile and ArchiveTeam write them), or none.
//
// Locations. Every entry carries `offset` and `length`: where its record starts in the file
// as stored and how many stored bytes it spans. For a gzip or zstd file written a member
// (frame) per record, that is the member holding the record, so `dd`, warcio or
// ReadRecordAt() can fetch it alone; when a member holds several records (a whole-file
// gzip), it is the member the record starts in, and ReadRecordAt() finds the record in it
// by its record id. There `length` is the member's length once its end has been decoded
// (always so for the member's last record); for a record given before that, it covers a
// prefix of the member at least long enough to decompress to the record. An uncompressed
// record spans its header, its block and the CRLF CRLF after it.
//
// What becomes a page (Entry::kind == kArticle):
//   - `response` with an HTTP message: status 2xx, payload HTML by Content-Type (text/html,
//     application/xhtml+xml), or sniffed from the first bytes when the type is missing or
//     generic (application/octet-stream, unknown). Transfer-Encoding: chunked is removed,
//     then the Content-Encoding (gzip, deflate, br) under max_decoded_bytes. The charset of
//     the HTTP Content-Type goes to Page::charset, exactly as the crawler passes it on;
//   - `resource` whose Content-Type (or sniffed block) is HTML: the block is the page;
//   - WET `conversion` records: the block is the page's text (Page::is_text);
//   - ARC records: as a `response` (ARC keeps the HTTP message), except the filedesc
//     record; an ARC record whose data is not an HTTP message is taken as a `resource`
//     with the ARC header's content type (dns: records are kOther).
// Everything else is counted and skipped: non-HTML (kNonHtml), non-2xx (kStatus),
// `revisit` (kRevisit), `request`/`metadata`/`warcinfo` and anything unknown (kOther), as
// is a `response` whose block is not an HTTP message (dns: records; kDamaged when its
// Content-Type says application/http). The status is judged before the type.
//
// Archives as found. Two things writers do are taken as they are, as warcio does:
//   - "Transfer-Encoding: chunked" kept over a body stored de-chunked: when the body does
//     not start with a chunk-size line it is used as it is (a body that does, but breaks
//     later, is kDamaged);
//   - "Content-Encoding: gzip" (or br, deflate) kept over a body stored decoded: when
//     decoding fails and the body is not gzip data and has no control bytes in its first
//     512 (it is text), it is used as it is; otherwise the record is kDamaged. Passing
//     max_decoded_bytes is always kDamaged, with a message naming the cap.
//
// Damage. A truncated gzip member or zstd frame, a Content-Length running past the end,
// a malformed header line, garbage between records, an ARC header with a wrong length, a
// chunked payload with a bad chunk size, or a payload over the caps gives an entry of kind
// kDamaged whose `error` names the file and byte offset ("path@offset: why"). The reader
// then resynchronises on the next record (the next gzip member or zstd frame, or the next
// "WARC/1." / ARC header line) when it can, and ends the file when it cannot. Records
// before the damage are never lost. A file that is not an archive at all (an empty file, a
// non-archive named .warc.gz) gives one kDamaged entry and ends. One problem gives one
// entry: the bytes skipped on the way to the next record after a damaged one are part of
// it. A record whose own gzip member (zstd frame) fails its check, or is cut short after
// the record, is kDamaged too: its bytes cannot be trusted. A block over max_record_bytes
// is streamed past, never held, and named in its kDamaged entry with its record id and URL.
//
// Thread safety: an ArchiveReader is used by one thread; different readers are independent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"

namespace newsfacts::archive {

struct ReaderOptions {
  // A record whose block is larger is skipped as damaged (named with its offset); the
  // page cap of the normaliser. Reading it costs time, not memory.
  uint64_t max_record_bytes = 32ull << 20;
  // Payload after content-coding removal, as the crawler caps it (gzip bombs).
  uint64_t max_decoded_bytes = 64ull << 20;
  // Called with a record's target URI before its payload is decoded; a record for which it
  // returns false is skipped as kNotMine without decoding (sharding). nullptr: all. Asked
  // for `response`, `resource` and `conversion` records (and ARC records), the ones that
  // can be pages; the others are counted by kind.
  std::function<bool(const std::string& url)> wanted;
};

// Where a record lies and what it is: the contract's `archive` object.
struct Capture {
  std::string file;       // path of the archive as opened
  uint64_t offset = 0;    // where the record starts in the file as stored (see above)
  uint64_t length = 0;    // stored bytes of the member/frame (or record, uncompressed)
  std::string record_id;  // WARC-Record-ID ("<urn:uuid:...>"); "" for ARC
  std::string date;       // WARC-Date (ARC's date), ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ";
                          // "" when missing or not a date
  std::string digest;     // payload digest "sha1:BASE32": WARC-Payload-Digest when given
                          // (SHA-1 as "sha1:" + upper case, other algorithms as written),
                          // else, for kArticle, computed over the payload (de-chunked,
                          // still content-encoded); else ""
};

struct Page {
  std::string url;           // WARC-Target-URI (angle brackets of some writers removed)
  int status = 0;            // HTTP status; 0 for resource and conversion records
  std::string content_type;  // of the payload, as given
  std::string charset;       // charset parameter of the HTTP Content-Type, lower-case, or ""
  std::string body;          // payload without transfer- and content-coding
  bool is_text = false;      // a WET conversion record: body is plain text, not HTML
};

enum class EntryKind {
  kArticle,  // page is set
  kNonHtml,
  kStatus,  // non-2xx response
  kRevisit,
  kOther,    // request, metadata, warcinfo, ARC filedesc, unknown types
  kNotMine,  // ReaderOptions::wanted said no
  kDamaged,  // error is set
};

struct Entry {
  EntryKind kind = EntryKind::kOther;
  std::string type;  // WARC-Type ("response", ...); "response" for ARC records, "filedesc"
                     // for an ARC file's first record; "" for kDamaged
  Capture capture;   // for every kind; for kDamaged, offset is where the damage was found
                     // (the member or record it is in; for bytes between records, where
                     // they start) and record_id is set when the header could be read
  Page page;         // for kArticle (url also for kNonHtml, kStatus, kRevisit, kNotMine,
                     // and kDamaged when known; status also for kStatus)
  Status error;      // for kDamaged: kInvalidInput, where = "path@offset"
};

// Per-file counts for the summary line.
struct ReadCounts {
  uint64_t records = 0;  // every record seen, damaged ones included
  uint64_t articles = 0;
  uint64_t non_html = 0, status = 0, revisit = 0, other = 0, not_mine = 0;
  uint64_t damaged = 0;
  uint64_t skipped() const { return non_html + status + revisit + other + not_mine; }
};

// "FILE: records N, articles N, skipped N (non-HTML N, status N, revisit N, other N),
// damaged N" (not_mine counts as other).
std::string SummaryLine(const std::string& file, const ReadCounts& counts);

class ArchiveReader {
 public:
  // Opens path. kNotFound / kIo when it cannot be opened; the format is judged on the
  // first Next().
  static Result<std::unique_ptr<ArchiveReader>> Open(const std::string& path,
                                                     ReaderOptions options = {});
  virtual ~ArchiveReader() = default;

  // The next entry, or nullopt at the end of the file (or after damage it cannot get
  // past). Counts every entry.
  virtual std::optional<Entry> Next() = 0;

  const ReadCounts& counts() const { return counts_; }
  // Stored (compressed) bytes consumed so far (the furthest point decoding reached, read
  // ahead included), and the file's size: for progress.
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t file_size() const = 0;

 protected:
  ReadCounts counts_;
};

// True when the name looks like an archive: .warc, .warc.gz, .warc.zst, .arc, .arc.gz,
// .wet, .wet.gz, .wet.zst (any case).
bool IsArchiveName(const std::string& path);

// The one record at offset in path (a Capture's file and offset); with record_id not
// empty, the record with that id in the member starting there. kNotFound when no such
// record is there (nothing starts a record at offset, or the member holds no record with
// that id); kInvalidInput when it is damaged (an entry that would be kDamaged); kIo when
// the file cannot be read. A .warc.zst dictionary is read from the file's start.
Result<Entry> ReadRecordAt(const std::string& path, uint64_t offset, const std::string& record_id,
                           const ReaderOptions& options = {});

}  // namespace newsfacts::archive
