#include "archive/http_message.h"

#include <cstring>
#include <optional>

#include "common/ascii.h"

namespace newsfacts::archive {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses a chunk-size line at body[pos]: hex digits, then optional whitespace and
// extensions, then LF or CRLF. Sets *size and *next (after the line). False when malformed.
bool ChunkSizeLine(std::string_view body, size_t pos, uint64_t* size, size_t* next) {
  const size_t eol = body.find('\n', pos);
  if (eol == std::string_view::npos) return false;
  std::string_view line = body.substr(pos, eol - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t i = 0;
  uint64_t v = 0;
  while (i < line.size() && HexDigit(line[i]) >= 0) {
    if (i >= 15) return false;  // more than 2^60 bytes: nonsense
    v = v * 16 + static_cast<uint64_t>(HexDigit(line[i]));
    ++i;
  }
  if (i == 0) return false;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && line[i] != ';') return false;
  *size = v;
  *next = eol + 1;
  return true;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Where the head of message ends: after the LF of its last line, before the first empty
// line. *body_offset: where the body starts (after that empty line); the message's size when
// there is no empty line.
size_t HeadEnd(std::string_view message, size_t* body_offset) {
  *body_offset = message.size();
  for (size_t pos = message.find('\n'); pos != std::string_view::npos;
       pos = message.find('\n', pos + 1)) {
    if (pos + 1 < message.size() && message[pos + 1] == '\n') {
      *body_offset = pos + 2;
      return pos + 1;
    }
    if (pos + 2 < message.size() && message[pos + 1] == '\r' && message[pos + 2] == '\n') {
      *body_offset = pos + 3;
      return pos + 1;
    }
  }
  return message.size();
}

// The three-digit code of a status line (without its line end), or nullopt when the line is
// malformed.
std::optional<int> StatusCodeOf(std::string_view status_line) {
  const size_t space = status_line.find(' ');
  if (!IsHttpResponse(status_line) || space == std::string_view::npos) return std::nullopt;
  size_t p = space;
  while (p < status_line.size() && status_line[p] == ' ') ++p;
  int status = 0;
  size_t digits = 0;
  while (p < status_line.size() && status_line[p] >= '0' && status_line[p] <= '9' && digits < 4) {
    status = status * 10 + (status_line[p] - '0');
    ++p;
    ++digits;
  }
  if (digits != 3 || (p < status_line.size() && status_line[p] != ' ')) return std::nullopt;
  return status;
}

// The head's lines, each LF-terminated, continuation lines folded into the line before.
std::string FoldedHead(std::string_view head) {
  std::string out;
  out.reserve(head.size());
  size_t pos = 0;
  while (pos < head.size()) {
    size_t line_end = head.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = head.size();
    std::string_view line = head.substr(pos, line_end - pos);
    pos = line_end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!out.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      // obs-fold: the line continues the field before it.
      out.pop_back();
      out += ' ';
      out += Trim(line);
      out += '\n';
      continue;
    }
    out.append(line);
    out += '\n';
  }
  return out;
}

}  // namespace

bool IsHttpResponse(std::string_view message) { return message.substr(0, 5) == "HTTP/"; }

Result<HttpHead> ParseHttpHead(std::string_view message) {
  HttpHead out;
  const std::string_view head = message.substr(0, HeadEnd(message, &out.body_offset));
  // Status line: "HTTP/1.1 200 OK", "HTTP/1.0 404", "HTTP/2 200".
  std::string_view status_line = head.substr(0, head.find('\n'));
  if (!status_line.empty() && status_line.back() == '\r') status_line.remove_suffix(1);
  const std::optional<int> status = StatusCodeOf(status_line);
  if (!status) return InvalidInput("malformed HTTP status line");
  out.status = *status;
  out.head = FoldedHead(head);
  return out;
}

Result<std::string> Dechunk(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  size_t pos = 0;
  while (pos < body.size()) {
    uint64_t size = 0;
    size_t next = 0;
    if (!ChunkSizeLine(body, pos, &size, &next)) {
      return InvalidInput("chunked body: bad chunk-size line at payload byte " +
                          std::to_string(pos));
    }
    if (size == 0) return out;  // the last chunk; trailer fields are not needed
    if (size > body.size() - next) {
      return InvalidInput("chunked body: a chunk of " + std::to_string(size) +
                          " bytes runs past the end of the payload");
    }
    out.append(body.substr(next, static_cast<size_t>(size)));
    pos = next + static_cast<size_t>(size);
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (pos < body.size() && body[pos] == '\n') {
      pos += 1;
    }
  }
  return out;
}

bool LooksChunked(std::string_view body) {
  uint64_t size = 0;
  size_t next = 0;
  return ChunkSizeLine(body.substr(0, 1024), 0, &size, &next);
}

std::string MediaType(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  return Lower(Trim(content_type.substr(0, semi)));
}

bool IsHtmlType(std::string_view media_type) {
  return media_type == "text/html" || media_type == "application/xhtml+xml";
}

bool IsGenericType(std::string_view media_type) {
  return media_type.empty() || media_type == "application/octet-stream" ||
         media_type == "unknown/unknown" || media_type == "application/unknown" ||
         media_type == "*/*";
}

bool SniffHtml(std::string_view body) {
  std::string_view s = body.substr(0, 512);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  static constexpr std::string_view kTags[] = {"<!doctype html", "<html", "<head", "<body",
                                               "<title",         "<p",    "<div",  "<script"};
  for (;;) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s[0]))) s.remove_prefix(1);
    if (s.substr(0, 4) == "<!--") {
      const size_t end = s.find("-->");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 3);
      continue;
    }
    if (s.substr(0, 5) == "<?xml") {
      const size_t end = s.find("?>");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 2);
      continue;
    }
    break;
  }
  for (std::string_view tag : kTags) {
    if (!StartsWithNoCase(s, tag)) continue;
    // The tag name must end there ("<p>" or "<p class", not "<pre" or "<param").
    if (s.size() == tag.size()) return true;
    const char c = s[tag.size()];
    if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/') return true;
  }
  return false;
}

bool LooksLikeText(std::string_view body) {
  for (char ch : body.substr(0, 512)) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace newsfacts::archive
