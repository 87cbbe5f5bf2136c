// HTTP responses as archives keep them: the head parsed leniently (LF-only line ends,
// obs-fold continuation lines), chunked transfer coding removed, and the tests that decide
// whether a payload is an HTML page.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace newsfacts::archive {

struct HttpHead {
  int status = 0;
  // Status line and header fields, one per line, LF-terminated, continuation lines folded
  // into their field: ready for HeaderValue() (archive/content_coding.h).
  std::string head;
  size_t body_offset = 0;  // where the body starts in the message
};

// True when message starts with an HTTP status line ("HTTP/").
bool IsHttpResponse(std::string_view message);

// Parses the head of an HTTP response. A message without the blank line ending the head is
// all head (a revisit record keeps only the head). kInvalidInput when the status line is
// malformed.
Result<HttpHead> ParseHttpHead(std::string_view message);

// Removes chunked transfer coding. kInvalidInput for a bad chunk-size line or a chunk running
// past the end (a body ending after whole chunks without the last-chunk is accepted).
Result<std::string> Dechunk(std::string_view body);

// True when body starts with a chunk-size line (hex digits, optional extensions, line end).
// Some writers store the body de-chunked but keep "Transfer-Encoding: chunked"; such a body
// does not start with one.
bool LooksChunked(std::string_view body);

// The media type of a Content-Type value, lower-case, without parameters ("text/html").
std::string MediaType(std::string_view content_type);
// text/html or application/xhtml+xml.
bool IsHtmlType(std::string_view media_type);
// A type that says nothing: "", application/octet-stream, unknown/unknown,
// application/unknown, */*.
bool IsGenericType(std::string_view media_type);
// True when the first 512 bytes, after a byte order mark, whitespace, comments and an XML
// declaration, open with an HTML tag: <!doctype html, <html, <head, <body, <title, <p,
// <div or <script (any case).
bool SniffHtml(std::string_view body);
// True when the first 512 bytes hold no control bytes besides tab, line ends, form feed and
// escape: not compressed data.
bool LooksLikeText(std::string_view body);

}  // namespace newsfacts::archive
