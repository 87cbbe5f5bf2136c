#include "archive/records.h"

#include <cstring>

namespace newsfacts::archive {
namespace {

constexpr size_t kMaxWarcHead = 128 << 10;  // a WARC header longer than this is damage
constexpr size_t kMaxArcLine = 64 << 10;    // likewise an ARC header line

static_assert(kMaxWarcHead < ByteStream::kWindowBytes && kMaxArcLine < ByteStream::kWindowBytes);

// "WARC/" and a digit: where a WARC record starts.
bool IsWarcStart(const char* d, size_t n) {
  return n >= 6 && std::memcmp(d, "WARC/", 5) == 0 && d[5] >= '0' && d[5] <= '9';
}

// A URL scheme and its colon within the first bytes: worth parsing as an ARC header.
bool MayBeArcHeader(const char* d, size_t n) {
  for (size_t i = 0; i < n && i < 32; ++i) {
    const char c = d[i];
    if (c == ':') return i > 0;
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return false;
}

}  // namespace

RecordReader::RecordReader(std::unique_ptr<ByteStream> stream, uint64_t offset,
                           uint64_t max_record_bytes)
    : stream_(std::move(stream)), start_offset_(offset), max_record_bytes_(max_record_bytes) {}

Result<std::unique_ptr<RecordReader>> RecordReader::Open(const std::string& path, uint64_t offset,
                                                         uint64_t max_record_bytes) {
  auto stream = ByteStream::Open(path, offset);
  if (!stream.ok()) return stream.status();
  return std::unique_ptr<RecordReader>(
      new RecordReader(std::move(stream).value(), offset, max_record_bytes));
}

RecordReader::Step RecordReader::Next(RawRecord* record, Damage* damage) {
  for (;;) {
    if (done_) return Step::kEnd;
    SkipLineBreaks();
    if (stream_->at_break()) {
      const StreamBreak b = stream_->pending_break();
      stream_->Resume();
      if (!resyncing_) return Report(b.stored_offset, b.message, damage);
      continue;
    }
    if (stream_->at_end()) {
      done_ = true;
      if (!stream_->io_error().ok()) {
        return Report(stream_->stored_bytes_read(), stream_->io_error().message(), damage);
      }
      if (steps_ == 0) {
        Report(start_offset_, stream_->file_size() == 0 ? "empty file" : "no records", damage);
        damage->not_a_record = true;
        return Step::kDamage;
      }
      return Step::kEnd;
    }
    const uint64_t start = stream_->position();
    stream_->ForgetBefore(start);
    if (AtRecordStart()) {
      return format_ == Format::kArc ? ReadArc(record, damage) : ReadWarc(record, damage);
    }
    // Not a record: skip to the next one, as one damage.
    const uint64_t offset = StoredOffsetOf(start);
    const bool first = steps_ == 0;
    const uint64_t skipped = SkipToRecordStart();
    if (resyncing_) continue;
    if (first && stream_->at_end()) {
      Report(offset,
             "not a WARC or ARC file: no record found in its " + std::to_string(skipped) + " bytes",
             damage);
    } else {
      Report(offset,
             std::to_string(skipped) +
                 (first ? " bytes before the first record" : " bytes between records") +
                 " are not a WARC or ARC record; skipped",
             damage);
    }
    damage->not_a_record = true;
    return Step::kDamage;
  }
}

RecordReader::Step RecordReader::ReadWarc(RawRecord* record, Damage* damage) {
  const uint64_t start = stream_->position();
  const uint64_t offset = StoredOffsetOf(start);
  size_t head_length = 0;
  switch (FindHeadEnd(false, kMaxWarcHead, &head_length)) {
    case Head::kTooLong:
      stream_->Consume(1);
      return Report(offset,
                    "WARC header without a blank line in its first " +
                        std::to_string(kMaxWarcHead) + " bytes" + Where(start),
                    damage);
    case Head::kCutShort:
      return CutShort(offset, "WARC header cut short" + Where(start), damage);
    case Head::kFound:
      break;
  }
  uint64_t length = 0;
  const Status st =
      ParseWarcHead(std::string_view(stream_->data(), head_length), &record->fields, &length);
  if (!st.ok()) {
    stream_->Consume(1);
    return Report(offset, st.message() + Where(start), damage);
  }
  stream_->Consume(head_length);
  if (!ReadBlock(length, offset, record, damage)) return Step::kDamage;

  // The block is followed by CRLF CRLF. Anything else means the Content-Length is wrong,
  // unless the next record (or member) starts right there, which some writers do.
  size_t line_breaks = 0;
  while (line_breaks < 4 && stream_->Fill(1) > 0 &&
         (stream_->data()[0] == '\r' || stream_->data()[0] == '\n')) {
    stream_->Consume(1);
    ++line_breaks;
  }
  if (line_breaks == 0 && stream_->Fill(6) > 0 && !AtMemberStart() &&
      !IsWarcStart(stream_->data(), stream_->available())) {
    Report(offset,
           "Content-Length " + std::to_string(length) +
               " does not match the block: it is not followed by CRLF CRLF" + Where(start),
           damage);
    damage->record_id = std::string(record->Field("WARC-Record-ID"));
    damage->url = std::string(record->Field("WARC-Target-URI"));
    return Step::kDamage;
  }
  record->arc = false;
  return Complete(start, offset, record, damage);
}

RecordReader::Step RecordReader::ReadArc(RawRecord* record, Damage* damage) {
  const uint64_t start = stream_->position();
  const uint64_t offset = StoredOffsetOf(start);
  size_t line_length = 0;
  switch (FindHeadEnd(true, kMaxArcLine, &line_length)) {
    case Head::kTooLong:
      stream_->Consume(1);
      return Report(
          offset,
          "ARC header line longer than " + std::to_string(kMaxArcLine) + " bytes" + Where(start),
          damage);
    case Head::kCutShort:
      return CutShort(offset, "ARC header line cut short" + Where(start), damage);
    case Head::kFound:
      break;
  }
  ArcHeader h;
  if (!ParseArcHeader(std::string_view(stream_->data(), line_length - 1), arc_version_, &h)) {
    std::string line(stream_->data(), std::min<size_t>(line_length - 1, 80));
    stream_->Consume(1);
    return Report(offset, "malformed ARC header line \"" + line + "\"" + Where(start), damage);
  }
  stream_->Consume(line_length);
  const bool filedesc = h.url.rfind("filedesc:", 0) == 0;
  record->fields.clear();
  record->fields.emplace_back("WARC-Type", filedesc ? "filedesc" : "response");
  record->fields.emplace_back("WARC-Target-URI", h.url);
  record->fields.emplace_back("WARC-Date", IsoDate(h.date));
  record->fields.emplace_back("WARC-IP-Address", h.ip);
  record->fields.emplace_back("Content-Type", h.content_type);
  record->fields.emplace_back("Content-Length", std::to_string(h.length));
  if (!ReadBlock(h.length, offset, record, damage)) return Step::kDamage;
  if (filedesc) {
    if (const int v = ArcVersionOf(record->block); v != 0) arc_version_ = v;
  }
  // A record ends with a newline; anything else means its length is wrong.
  if (stream_->Fill(1) > 0) {
    if (stream_->data()[0] == '\r') stream_->Consume(1);
    if (stream_->Fill(1) > 0 && stream_->data()[0] == '\n') {
      stream_->Consume(1);
    } else if (stream_->available() > 0 && !AtMemberStart()) {
      Report(offset,
             "ARC record length " + std::to_string(h.length) +
                 " does not match its data: it is not followed by a newline" + Where(start),
             damage);
      damage->url = h.url;
      return Step::kDamage;
    }
  }
  record->arc = true;
  return Complete(start, offset, record, damage);
}

RecordReader::Step RecordReader::Complete(uint64_t start, uint64_t offset, RawRecord* record,
                                          Damage* damage) {
  if (stream_->compression() != Compression::kNone) {
    // Decode on to the member's end when it is right here: a member that fails its check or
    // that the file cuts short takes the record read from it along.
    stream_->Fill(1);
    if (stream_->at_break() && stream_->pending_break().stored_offset == offset) {
      const std::string why = stream_->pending_break().message;
      stream_->Resume();
      Report(offset, "the record's member is damaged: " + why, damage);
      damage->record_id = std::string(record->Field("WARC-Record-ID"));
      damage->url = std::string(record->Field("WARC-Target-URI"));
      return Step::kDamage;
    }
  }
  Locate(start, record);
  resyncing_ = false;
  ++steps_;
  return Step::kRecord;
}

bool RecordReader::ReadBlock(uint64_t n, uint64_t offset, RawRecord* record, Damage* damage) {
  const auto name = [&](Damage* d) {
    d->record_id = std::string(record->Field("WARC-Record-ID"));
    d->url = std::string(record->Field("WARC-Target-URI"));
  };
  if (n > max_record_bytes_) {
    // Streamed past, never held.
    const uint64_t got = stream_->Skip(n);
    if (got < n) {
      CutShort(offset,
               "block cut short: " + std::to_string(n) + " bytes declared, " + std::to_string(got) +
                   " present",
               damage);
      name(damage);
      return false;
    }
    const std::string id = std::string(record->Field("WARC-Record-ID"));
    const std::string url = std::string(record->Field("WARC-Target-URI"));
    Report(offset,
           "record " + (id.empty() ? std::string() : id + " ") + "(" + url + ") has a block of " +
               std::to_string(n) + " bytes, more than max_record_bytes (" +
               std::to_string(max_record_bytes_) + "); skipped",
           damage, /*resync=*/false);
    name(damage);
    return false;
  }
  record->block.resize(static_cast<size_t>(n));
  const size_t got = stream_->Read(record->block.data(), static_cast<size_t>(n));
  if (got < n) {
    record->block.resize(got);
    CutShort(offset,
             "block cut short: " + std::to_string(n) + " bytes declared, " + std::to_string(got) +
                 " present",
             damage);
    name(damage);
    return false;
  }
  return true;
}

RecordReader::Head RecordReader::FindHeadEnd(bool single_line, size_t max, size_t* length) {
  size_t scanned = 0;
  for (;;) {
    const char* d = stream_->data();
    const size_t n = stream_->available();
    while (scanned < n) {
      const void* hit = std::memchr(d + scanned, '\n', n - scanned);
      if (!hit) {
        scanned = n;
        break;
      }
      const size_t i = static_cast<size_t>(static_cast<const char*>(hit) - d);
      if (single_line) {
        *length = i + 1;
        return Head::kFound;
      }
      if (i + 1 >= n || (d[i + 1] == '\r' && i + 2 >= n)) {
        scanned = i;  // decide when more bytes are here
        break;
      }
      if (d[i + 1] == '\n') {
        *length = i + 2;
        return Head::kFound;
      }
      if (d[i + 1] == '\r' && d[i + 2] == '\n') {
        *length = i + 3;
        return Head::kFound;
      }
      scanned = i + 1;
    }
    if (n >= max) return Head::kTooLong;
    if (stream_->Fill(n + 1) <= n) return Head::kCutShort;
  }
}

RecordReader::Step RecordReader::CutShort(uint64_t offset, const std::string& what,
                                          Damage* damage) {
  // What the window still holds belongs to the damaged record.
  stream_->Consume(stream_->available());
  std::string message = what;
  if (stream_->at_break()) {
    message += ": " + stream_->pending_break().message;
    stream_->Resume();
  } else {
    message += " by the end of the file";
  }
  return Report(offset, message, damage);
}

RecordReader::Step RecordReader::Report(uint64_t offset, std::string message, Damage* damage,
                                        bool resync) {
  if (resync && stream_->compression() != Compression::kNone) {
    // A record that makes no sense often comes from a damaged member: when decoding that
    // member breaks within the window, that is the cause to name.
    stream_->Fill(ByteStream::kWindowBytes);
    if (stream_->break_pending() && stream_->pending_break().stored_offset == offset) {
      message = stream_->pending_break().message + "; it decodes to: " + message;
    }
  }
  damage->offset = offset;
  damage->message = std::move(message);
  damage->record_id.clear();
  damage->url.clear();
  damage->not_a_record = false;
  if (resync) resyncing_ = true;
  ++steps_;
  return Step::kDamage;
}

bool RecordReader::AtRecordStart() {
  stream_->Fill(8);
  if (format_ != Format::kArc && IsWarcStart(stream_->data(), stream_->available())) {
    format_ = Format::kWarc;
    return true;
  }
  if (format_ != Format::kWarc && AtArcHeader()) {
    format_ = Format::kArc;
    return true;
  }
  return false;
}

bool RecordReader::AtArcHeader() {
  if (!MayBeArcHeader(stream_->data(), stream_->available())) return false;
  stream_->Fill(kMaxArcLine + 1);
  const size_t n = std::min(stream_->available(), kMaxArcLine + 1);
  const void* nl = std::memchr(stream_->data(), '\n', n);
  if (!nl) return false;
  ArcHeader h;
  return ParseArcHeader(
      std::string_view(stream_->data(),
                       static_cast<size_t>(static_cast<const char*>(nl) - stream_->data())),
      arc_version_, &h);
}

uint64_t RecordReader::SkipToRecordStart() {
  uint64_t skipped = 0;
  bool check_here = false;  // the position is a line start or a member start
  for (;;) {
    if (stream_->Fill(8) == 0) {
      if (!stream_->at_break()) return skipped;  // the end
      stream_->Resume();                         // the same damage: go on after it
      check_here = true;
      continue;
    }
    if (check_here && AtRecordStart()) return skipped;
    const char* d = stream_->data();
    const size_t n = stream_->available();
    const uint64_t pos = stream_->position();
    const void* nl = std::memchr(d, '\n', n);
    size_t step = nl ? static_cast<size_t>(static_cast<const char*>(nl) - d) + 1 : n;
    check_here = nl != nullptr;
    const uint64_t member = stream_->NextMemberStart(pos);
    if (member - pos <= step) {
      step = static_cast<size_t>(member - pos);
      check_here = true;
    }
    stream_->Consume(step);
    skipped += step;
    stream_->ForgetBefore(stream_->position());
  }
}

void RecordReader::SkipLineBreaks() {
  while (stream_->Fill(1) > 0) {
    const char* d = stream_->data();
    const size_t n = stream_->available();
    size_t i = 0;
    while (i < n && (d[i] == '\r' || d[i] == '\n')) ++i;
    stream_->Consume(i);
    if (i < n) return;
  }
}

bool RecordReader::AtMemberStart() const {
  const Member* m = stream_->MemberAt(stream_->position());
  return m && m->decoded_start == stream_->position();
}

void RecordReader::Locate(uint64_t start, RawRecord* record) {
  if (stream_->compression() == Compression::kNone) {
    record->offset = start;
    record->length = stream_->position() - start;
    return;
  }
  const Member* m = stream_->MemberAt(start);
  record->offset = m ? m->stored_offset : 0;
  record->length = m && m->ended ? m->stored_length : stream_->stored_bytes_read() - record->offset;
}

uint64_t RecordReader::StoredOffsetOf(uint64_t position) const {
  if (stream_->compression() == Compression::kNone) return position;
  const Member* m = stream_->MemberAt(position);
  return m ? m->stored_offset : start_offset_;
}

std::string RecordReader::Where(uint64_t position) const {
  if (stream_->compression() == Compression::kNone) return "";
  const Member* m = stream_->MemberAt(position);
  if (!m || m->decoded_start == position) return "";
  return " (decoded byte " + std::to_string(position - m->decoded_start) + " of the " +
         (stream_->compression() == Compression::kGzip ? "gzip member" : "zstd frame") + ")";
}

}  // namespace newsfacts::archive
