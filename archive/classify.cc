#include "archive/classify.h"

#include "archive/content_coding.h"
#include "archive/decoders.h"
#include "archive/http_message.h"
#include "archive/warc_writer.h"
#include "common/ascii.h"

namespace newsfacts::archive {
namespace {

std::string Where(const std::string& path, uint64_t offset) {
  return path + "@" + std::to_string(offset);
}

Entry& Damaged(Entry& e, const std::string& message) {
  e.kind = EntryKind::kDamaged;
  e.error = InvalidInput(message, Where(e.capture.file, e.capture.offset));
  return e;
}

// wget writes "<http://...>".
std::string TargetUri(std::string_view field) {
  std::string uri = Trim(field);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>')
    uri = uri.substr(1, uri.size() - 2);
  return uri;
}

// The payload without its content-coding, under max_bytes. A payload that cannot be decoded
// but is plain text (no gzip magic, no control bytes) was stored already decoded by a writer
// that kept the Content-Encoding header; it is used as it is, as warcio does.
Result<std::string> DecodePayload(std::string payload, const std::string& coding,
                                  uint64_t max_bytes) {
  const std::string c = Lower(Trim(coding));
  if (c.empty() || c == "identity") {
    if (payload.size() > max_bytes) {
      return InvalidInput("payload of " + std::to_string(payload.size()) +
                          " bytes is larger than max_decoded_bytes (" + std::to_string(max_bytes) +
                          ")");
    }
    return payload;
  }
  auto decoded = DecodeBody(payload, coding, static_cast<size_t>(max_bytes));
  if (decoded.ok()) return decoded;
  if (decoded.status().code() == StatusCode::kNetwork) {
    return InvalidInput("Content-Encoding " + coding + ": payload decodes to more than " +
                        "max_decoded_bytes (" + std::to_string(max_bytes) + ")");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(payload.data());
  if (!IsGzipMagic(p, payload.size()) && LooksLikeText(payload)) return payload;
  return InvalidInput("Content-Encoding " + coding + ": " + decoded.status().message());
}

// A record whose block is the payload itself (resource records, ARC records without an
// HTTP message): a page when its type is HTML, or generic and the block sniffs as HTML.
Entry& BlockPage(Entry& e, const std::string& block, const std::string& content_type,
                 const ReaderOptions& options) {
  const std::string media = MediaType(content_type);
  if (!IsHtmlType(media) && !(IsGenericType(media) && SniffHtml(block))) {
    e.kind = EntryKind::kNonHtml;
    return e;
  }
  if (block.size() > options.max_decoded_bytes) {
    return Damaged(e, "payload of " + std::to_string(block.size()) +
                          " bytes is larger than max_decoded_bytes (" +
                          std::to_string(options.max_decoded_bytes) + ")");
  }
  e.kind = EntryKind::kArticle;
  e.page.content_type = content_type;
  e.page.charset = CharsetOf(content_type);
  e.page.body = block;
  if (e.capture.digest.empty()) e.capture.digest = WarcDigest(block);
  return e;
}

Entry& Response(Entry& e, const RawRecord& r, const ReaderOptions& options) {
  const std::string& block = r.block;
  if (!IsHttpResponse(block)) {
    if (r.arc && e.page.url.rfind("dns:", 0) != 0) {
      return BlockPage(e, block, std::string(r.Field("Content-Type")), options);
    }
    if (Lower(r.Field("Content-Type")).find("application/http") != std::string::npos) {
      return Damaged(e, "response record without an HTTP status line");
    }
    e.kind = EntryKind::kOther;  // dns: and other non-HTTP responses
    return e;
  }
  auto head = ParseHttpHead(block);
  if (!head.ok()) return Damaged(e, head.status().message());
  e.page.status = head->status;
  if (head->status < 200 || head->status > 299) {
    e.kind = EntryKind::kStatus;
    return e;
  }
  const std::string content_type = HeaderValue(head->head, "content-type");
  e.page.content_type = content_type;
  e.page.charset = CharsetOf(content_type);
  const std::string media = MediaType(content_type);
  const bool html_by_type = IsHtmlType(media);
  if (!html_by_type && !IsGenericType(media)) {
    e.kind = EntryKind::kNonHtml;
    return e;
  }

  const std::string_view body = std::string_view(block).substr(head->body_offset);
  std::string payload;
  if (Lower(HeaderValue(head->head, "transfer-encoding")).find("chunked") != std::string::npos &&
      LooksChunked(body)) {
    auto dechunked = Dechunk(body);
    if (!dechunked.ok()) return Damaged(e, dechunked.status().message());
    payload = std::move(dechunked).value();
  } else {
    payload.assign(body);
  }
  if (e.capture.digest.empty()) e.capture.digest = WarcDigest(payload);
  auto decoded = DecodePayload(std::move(payload), HeaderValue(head->head, "content-encoding"),
                               options.max_decoded_bytes);
  if (!decoded.ok()) return Damaged(e, decoded.status().message());
  if (!html_by_type && !SniffHtml(*decoded)) {
    e.kind = EntryKind::kNonHtml;
    return e;
  }
  e.kind = EntryKind::kArticle;
  e.page.body = std::move(decoded).value();
  return e;
}

}  // namespace

Entry Classify(const RawRecord& r, const std::string& path, const ReaderOptions& options) {
  Entry e;
  e.type = std::string(r.Field("WARC-Type"));
  e.capture.file = path;
  e.capture.offset = r.offset;
  e.capture.length = r.length;
  if (!r.arc) e.capture.record_id = Trim(r.Field("WARC-Record-ID"));
  e.capture.date = IsoDate(Trim(r.Field("WARC-Date")));
  const std::string_view digest = r.Field("WARC-Payload-Digest");
  if (!digest.empty()) e.capture.digest = NormaliseDigest(digest);
  e.page.url = TargetUri(r.Field("WARC-Target-URI"));

  const std::string type = Lower(e.type);
  if (type == "revisit") {
    e.kind = EntryKind::kRevisit;
    return e;
  }
  if (type != "response" && type != "resource" && type != "conversion") {
    e.kind = EntryKind::kOther;  // request, metadata, warcinfo, filedesc, unknown
    return e;
  }
  if (options.wanted && !options.wanted(e.page.url)) {
    e.kind = EntryKind::kNotMine;
    return e;
  }
  if (type == "response") return Response(e, r, options);
  if (type == "resource")
    return BlockPage(e, r.block, std::string(r.Field("Content-Type")), options);
  // WET: the block is the page's text.
  e.kind = EntryKind::kArticle;
  e.page.is_text = true;
  e.page.content_type = std::string(r.Field("Content-Type"));
  e.page.body = r.block;
  if (e.capture.digest.empty()) e.capture.digest = WarcDigest(r.block);
  return e;
}

Entry DamagedEntry(const Damage& d, const std::string& path) {
  Entry e;
  e.kind = EntryKind::kDamaged;
  e.capture.file = path;
  e.capture.offset = d.offset;
  e.capture.record_id = d.record_id;
  e.page.url = TargetUri(d.url);
  e.error = InvalidInput(d.message, Where(path, d.offset));
  return e;
}

}  // namespace newsfacts::archive
