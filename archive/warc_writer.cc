#include "archive/warc_writer.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "archive/content_coding.h"
#include "archive/reader.h"
#include "archive/records.h"
#include "common/ascii.h"

namespace newsfacts::archive {
namespace fs = std::filesystem;
namespace {

constexpr char kCrlf[] = "\r\n";

std::string Base32(const unsigned char* data, size_t n) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  while (out.size() % 8) out += '=';
  return out;
}

std::string NewRecordId() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    // Never expected; fall back to time and address entropy rather than fail a write.
    const auto t = std::chrono::steady_clock::now().time_since_epoch().count();
    for (size_t i = 0; i < sizeof b; ++i) b[i] = static_cast<unsigned char>(t >> (i % 8 * 8));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char text[64];
  std::snprintf(text, sizeof text,
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]);
  return text;
}

std::string NowStamp(const char* format) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// A header value must stay on one line.
std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

// The response head without Transfer-Encoding (the body is stored de-chunked).
std::string ArchivedHead(const std::string& head) {
  std::string out;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t end = head.find('\n', pos);
    end = end == std::string::npos ? head.size() : end + 1;
    std::string line = head.substr(pos, end - pos);
    pos = end;
    std::string lower;
    for (char c : line.substr(0, 18))
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("transfer-encoding:", 0) == 0) continue;
    out += line;
  }
  if (out.size() < 4 || out.compare(out.size() - 4, 4, "\r\n\r\n") != 0) {
    // Heads always end in a blank line; make sure one that came without it does too.
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    out += "\r\n\r\n";
  }
  return out;
}

}  // namespace

std::string WarcDigest(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha1(), nullptr);
  return "sha1:" + Base32(md, len);
}

WarcWriter::WarcWriter(WarcOptions options) : options_(std::move(options)) {}

WarcWriter::~WarcWriter() {
  if (file_) std::fclose(file_);
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(WarcOptions options) {
  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (ec) return IoError("cannot create WARC directory: " + ec.message(), options.dir);
  std::unique_ptr<WarcWriter> w(new WarcWriter(std::move(options)));
  // The first file is opened lazily, so a run that fetches nothing leaves no empty file.
  return w;
}

Status WarcWriter::Rotate() {
  if (file_) {
    std::fclose(file_);
    file_ = nullptr;
  }
  const std::string name = options_.prefix + "-" + NowStamp("%Y%m%d%H%M%S") + "-" +
                           std::to_string(getpid()) + "-" + std::to_string(serial_++) + ".warc.gz";
  std::error_code ec;
  path_ = fs::absolute(fs::path(options_.dir) / name, ec).string();
  if (ec) path_ = (fs::path(options_.dir) / name).string();
  file_ = std::fopen(path_.c_str(), "ab");
  if (!file_) return IoError("cannot open WARC file for writing", path_);
  size_ = 0;

  std::string info = "software: " + OneLine(options_.software) + kCrlf +
                     "format: WARC File Format 1.1" + kCrlf +
                     "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                     "warc-format/warc-1.1/" +
                     kCrlf + "robots: obey" + kCrlf;
  if (!options_.user_agent.empty()) {
    info += "http-header-user-agent: " + OneLine(options_.user_agent) + kCrlf;
  }
  warcinfo_id_ = NewRecordId();
  const std::string fields = "WARC-Type: warcinfo\r\nWARC-Record-ID: " + warcinfo_id_ +
                             "\r\nWARC-Date: " + NowStamp("%Y-%m-%dT%H:%M:%SZ") +
                             "\r\nWARC-Filename: " + OneLine(name) +
                             "\r\nContent-Type: application/warc-fields\r\n";
  auto loc = WriteRecord(fields, info);
  return loc.ok() ? Status::Ok() : loc.status();
}

Result<WarcLocation> WarcWriter::WriteRecord(const std::string& header_fields,
                                             const std::string& block) {
  std::string record = "WARC/1.1\r\n" + header_fields + "WARC-Block-Digest: " + WarcDigest(block) +
                       kCrlf + "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  record += block;
  record += "\r\n\r\n";
  auto gz = GzipMember(record);
  if (!gz.ok()) return gz.status();
  WarcLocation loc;
  loc.file = path_;
  loc.offset = size_;
  loc.length = gz->size();
  if (std::fwrite(gz->data(), 1, gz->size(), file_) != gz->size() || std::fflush(file_) != 0) {
    return IoError("writing WARC record failed", path_);
  }
  size_ += gz->size();
  return loc;
}

Result<WarcLocation> WarcWriter::WriteExchange(const Exchange& ex, const std::string& date,
                                               const std::optional<Revisit>& revisit) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!file_ || size_ >= options_.max_file_bytes) {
    if (Status s = Rotate(); !s.ok()) return s;
  }
  const std::string request_id = NewRecordId();
  const std::string response_id = NewRecordId();
  const std::string uri = OneLine(ex.url);
  std::string common = "WARC-Date: " + OneLine(date) + "\r\nWARC-Target-URI: " + uri +
                       "\r\nWARC-Warcinfo-ID: " + warcinfo_id_ + kCrlf;
  if (!ex.ip.empty()) common += "WARC-IP-Address: " + OneLine(ex.ip) + kCrlf;

  std::string request_head = ex.request_head;
  if (request_head.empty()) request_head = "GET " + uri + " HTTP/1.1\r\n\r\n";
  const std::string req_fields = "WARC-Type: request\r\nWARC-Record-ID: " + request_id + kCrlf +
                                 common + "WARC-Concurrent-To: " + response_id + kCrlf +
                                 "Content-Type: application/http;msgtype=request\r\n";
  auto req = WriteRecord(req_fields, request_head);
  if (!req.ok()) return req.status();

  const std::string head = ArchivedHead(ex.response_head);
  std::string fields;
  std::string block;
  std::string payload_digest;
  if (revisit) {
    const bool identical = revisit->kind == Revisit::Kind::kIdenticalPayload;
    fields = "WARC-Type: revisit\r\nWARC-Record-ID: " + response_id + kCrlf + common +
             "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/" +
             (identical ? "identical-payload-digest" : "server-not-modified") + kCrlf;
    if (!revisit->refers_to_uri.empty()) {
      fields += "WARC-Refers-To-Target-URI: " + OneLine(revisit->refers_to_uri) + kCrlf;
    }
    if (!revisit->refers_to_date.empty()) {
      fields += "WARC-Refers-To-Date: " + OneLine(revisit->refers_to_date) + kCrlf;
    }
    if (identical && !revisit->payload_digest.empty()) {
      payload_digest = revisit->payload_digest;
      fields += "WARC-Payload-Digest: " + OneLine(payload_digest) + kCrlf;
    }
    fields += "Content-Type: application/http;msgtype=response\r\n";
    block = head;
  } else {
    payload_digest = WarcDigest(ex.body);
    fields = "WARC-Type: response\r\nWARC-Record-ID: " + response_id + kCrlf + common +
             "WARC-Payload-Digest: " + payload_digest + kCrlf +
             "Content-Type: application/http;msgtype=response\r\n";
    if (ex.truncated) fields += "WARC-Truncated: length\r\n";
    block = head + ex.body;
  }
  auto loc = WriteRecord(fields, block);
  if (!loc.ok()) return loc.status();
  loc->record_id = response_id;
  loc->payload_digest = payload_digest;
  return loc;
}

Status ReadWarc(const std::string& path, const std::function<bool(const WarcRecord&)>& fn) {
  auto records = RecordReader::Open(path, 0, ReaderOptions().max_record_bytes);
  if (!records.ok()) return IoError("cannot open WARC file: " + records.status().message(), path);
  RawRecord raw;
  Damage damage;
  WarcRecord r;
  for (;;) {
    switch ((*records)->Next(&raw, &damage)) {
      case RecordReader::Step::kEnd:
        return Status::Ok();
      case RecordReader::Step::kDamage:
        if ((*records)->file_size() == 0) return Status::Ok();  // no record yet
        return InvalidInput(damage.message, path + "@" + std::to_string(damage.offset));
      case RecordReader::Step::kRecord:
        break;
    }
    r.offset = raw.offset;
    r.headers.clear();
    for (const auto& [name, value] : raw.fields) r.headers[Lower(name)] = value;
    r.block.swap(raw.block);  // the two buffers take turns, both keep their capacity
    if (!fn(r)) return Status::Ok();
  }
}

}  // namespace newsfacts::archive
