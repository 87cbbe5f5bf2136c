// RecordReader: the framing layer under ArchiveReader and ReadWarc. It cuts the decoded
// stream of a WARC or ARC file into records (header fields and block), with where each lies
// in the file, and reports damage with a place to resume from.
//
// ARC records come out in WARC terms so the layers above see one shape: WARC-Type
// "response" ("filedesc" for the file's first record), WARC-Target-URI, WARC-Date (ISO
// 8601), WARC-IP-Address, Content-Type (the ARC header's) and Content-Length; the block is
// the ARC record's data (the HTTP response).
//
// Damage and resynchronisation: a record that cannot be read (a malformed header, a block
// cut short by the end of the file or by a damaged member, a Content-Length or ARC length
// not matching the data, a block over max_record_bytes) is one Damage; the reader then goes
// on at the next record start: the next "WARC/" line (or ARC header line), or the next gzip
// member or zstd frame. Bytes between records that are not a record are one Damage for the
// whole run, and none when they directly follow another Damage (the same damage, seen on
// the way to the next record). A file with no record at all gives one Damage.
//
// Thread safety: used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/stream.h"
#include "common/status.h"

namespace newsfacts::archive {

// A header field as written.
using HeaderField = std::pair<std::string, std::string>;

struct RawRecord {
  bool arc = false;     // read from an ARC file (fields made as described above)
  uint64_t offset = 0;  // stored offset of the member/frame it starts in, or of the record
  uint64_t length = 0;  // stored length of that member/frame, or of the record (see reader.h)
  std::vector<HeaderField> fields;
  std::string block;

  // The first field with this name (ASCII case-insensitive), or "".
  std::string_view Field(std::string_view name) const;
};

struct Damage {
  uint64_t offset = 0;        // stored offset where it was found (see reader.h)
  std::string message;        // what is wrong, for a person
  std::string record_id;      // of the damaged record, when its header could be read
  std::string url;            // likewise
  bool not_a_record = false;  // bytes that are not a record (rather than a damaged one)
};

class RecordReader {
 public:
  // Opens path at stored offset (0, or where a member, frame or record starts).
  static Result<std::unique_ptr<RecordReader>> Open(const std::string& path, uint64_t offset,
                                                    uint64_t max_record_bytes);

  enum class Step { kRecord, kDamage, kEnd };
  // The next record (into *record, reusing its buffers) or damage (into *damage), or the end.
  Step Next(RawRecord* record, Damage* damage);

  uint64_t bytes_read() const { return stream_->stored_bytes_read(); }
  uint64_t file_size() const { return stream_->file_size(); }

 private:
  enum class Format { kUnknown, kWarc, kArc };
  enum class Head { kFound, kTooLong, kCutShort };

  RecordReader(std::unique_ptr<ByteStream> stream, uint64_t offset, uint64_t max_record_bytes);

  Step ReadWarc(RawRecord* record, Damage* damage);
  Step ReadArc(RawRecord* record, Damage* damage);
  // Reads the block of n bytes after the header into record->block, or skips it when it is
  // over max_record_bytes_. False with *damage set when it cannot.
  bool ReadBlock(uint64_t n, uint64_t offset, RawRecord* record, Damage* damage);
  // Finds the end of a header in the window: a blank line (terminator "\n\n" or "\n\r\n"),
  // or with a single line, its end. Sets *length to the bytes up to and including it.
  Head FindHeadEnd(bool single_line, size_t max, size_t* length);
  // Damage for a record whose header or block the stream could not deliver.
  Step CutShort(uint64_t offset, const std::string& what, Damage* damage);
  // Fills *damage; resync: the reader must look for the next record start (so damage met on
  // the way there is not reported again).
  Step Report(uint64_t offset, std::string message, Damage* damage, bool resync = true);

  // True when a record of the current format (either, while unknown) starts at the
  // stream's position; sets format_ when it was unknown.
  bool AtRecordStart();
  bool AtArcHeader();
  // Consumes bytes up to the next record start (or the end); returns how many.
  uint64_t SkipToRecordStart();
  void SkipLineBreaks();
  bool AtMemberStart() const;
  // The end of a record read from decoded position start (stored offset): checks that its
  // member is sound when it ends right after it, and sets where it lies.
  Step Complete(uint64_t start, uint64_t offset, RawRecord* record, Damage* damage);
  // Where the record starting at decoded position start lies in the file, once it is read
  // and the member after it decoded as far as the window allows.
  void Locate(uint64_t start, RawRecord* record);
  uint64_t StoredOffsetOf(uint64_t position) const;
  // " (decoded byte N of the gzip member)" when position is inside a member, else "".
  std::string Where(uint64_t position) const;

  std::unique_ptr<ByteStream> stream_;
  uint64_t start_offset_;
  uint64_t max_record_bytes_;
  Format format_ = Format::kUnknown;
  int arc_version_ = 0;     // from the filedesc record; 0 while unknown
  bool resyncing_ = false;  // a Damage was reported and no record read since
  bool done_ = false;
  uint64_t steps_ = 0;  // records and damage reported
};

// WARC header block: the version line ("WARC/1.0", "WARC/1.1"), fields (continuation lines
// folded into the field before), up to and including the blank line; CRLF or LF. Sets
// *content_length from Content-Length. kInvalidInput naming the bad line otherwise.
Status ParseWarcHead(std::string_view head, std::vector<HeaderField>* fields,
                     uint64_t* content_length);

// An ARC record header line (without its newline): v1 "URL IP DATE TYPE LENGTH", v2 with
// ten fields, the length last. version is the file's (1, 2) or 0 when unknown.
struct ArcHeader {
  std::string url, ip, date, content_type;
  uint64_t length = 0;
};
bool ParseArcHeader(std::string_view line, int version, ArcHeader* header);
// The ARC version named by a filedesc record's block ("1 0 ..." -> 1), 0 when unclear.
int ArcVersionOf(std::string_view filedesc_block);

// "YYYY-MM-DDTHH:MM:SSZ" from a WARC-Date (fractional seconds dropped, a UTC offset
// applied, missing parts zero) or from ARC's 8 to 14 digits; "" when it is neither.
std::string IsoDate(std::string_view date);
// A payload digest as "sha1:" + upper-case base32 when it is SHA-1 (label case and the
// "sha-1" spelling folded); other algorithms as written.
std::string NormaliseDigest(std::string_view digest);

}  // namespace newsfacts::archive
