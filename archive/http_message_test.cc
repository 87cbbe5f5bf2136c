#include "archive/http_message.h"

#include <doctest/doctest.h>

#include "archive/content_coding.h"

namespace newsfacts::archive {

TEST_CASE("http: status line, headers and body offset") {
  const std::string msg =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n"
      "Content-Length: 5\r\n\r\nhello";
  auto head = ParseHttpHead(msg);
  REQUIRE(head.ok());
  CHECK(head->status == 200);
  CHECK(msg.substr(head->body_offset) == "hello");
  CHECK(HeaderValue(head->head, "content-type") == "text/html; charset=ISO-8859-1");
  CHECK(CharsetOf(HeaderValue(head->head, "Content-Type")) == "iso-8859-1");
}

TEST_CASE("http: LF-only line ends and obs-fold continuation lines") {
  const std::string msg =
      "HTTP/1.0 404 Not Found\nX-Long: first\n  second part\n\tthird\nContent-Type: text/plain\n"
      "\nbody\n";
  auto head = ParseHttpHead(msg);
  REQUIRE(head.ok());
  CHECK(head->status == 404);
  CHECK(msg.substr(head->body_offset) == "body\n");
  CHECK(HeaderValue(head->head, "x-long") == "first second part third");
  CHECK(HeaderValue(head->head, "content-type") == "text/plain");
}

TEST_CASE("http: a message without a blank line is all head; bad status lines are refused") {
  auto head = ParseHttpHead("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n");
  REQUIRE(head.ok());
  CHECK(head->status == 304);
  CHECK(head->body_offset == 38);
  CHECK(HeaderValue(head->head, "etag") == "\"x\"");
  CHECK(ParseHttpHead("HTTP/2 200\r\n\r\n").ok());
  CHECK(ParseHttpHead("HTTP/2 200\r\n\r\n")->status == 200);
  CHECK_FALSE(ParseHttpHead("HTTP/1.1 20 OK\r\n\r\n").ok());
  CHECK_FALSE(ParseHttpHead("HTTP/1.1 2000 OK\r\n\r\n").ok());
  CHECK_FALSE(ParseHttpHead("HTTP/1.1\r\n\r\n").ok());
  CHECK_FALSE(ParseHttpHead("HTTP/1.1 abc\r\n\r\n").ok());
  CHECK_FALSE(IsHttpResponse("GET / HTTP/1.1\r\n"));
}

TEST_CASE("http: chunked transfer coding") {
  auto d = Dechunk("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
  REQUIRE(d.ok());
  CHECK(*d == "hello, world");
  // Leading zeros (warcio's iana.org sample has "001c37"), upper-case hex, LF-only.
  d = Dechunk("00A\n0123456789\n0\n\n");
  REQUIRE(d.ok());
  CHECK(*d == "0123456789");
  // Whole chunks without the last-chunk: accepted.
  d = Dechunk("3\r\nabc\r\n");
  REQUIRE(d.ok());
  CHECK(*d == "abc");

  auto bad = Dechunk("5\r\nhello\r\nzz\r\nmore\r\n0\r\n\r\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("bad chunk-size line at payload byte 10") != std::string::npos);
  bad = Dechunk("ff\r\nshort\r\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("255 bytes runs past the end") != std::string::npos);
  CHECK_FALSE(Dechunk("ffffffffffffffffff\r\nx\r\n").ok());
}

TEST_CASE("http: what looks chunked") {
  CHECK(LooksChunked("1c37\r\n<!doctype html>"));
  CHECK(LooksChunked("a; name=value\r\n0123456789"));
  CHECK_FALSE(LooksChunked("<!doctype html>\r\n<html>"));
  CHECK_FALSE(LooksChunked("abc def\r\n"));
  CHECK_FALSE(LooksChunked("123"));  // no line end
}

TEST_CASE("http: media types and HTML sniffing") {
  CHECK(MediaType(" Text/HTML ; charset=utf-8") == "text/html");
  CHECK(IsHtmlType("text/html"));
  CHECK(IsHtmlType("application/xhtml+xml"));
  CHECK_FALSE(IsHtmlType("text/plain"));
  for (const char* generic :
       {"", "application/octet-stream", "unknown/unknown", "application/unknown", "*/*"}) {
    CHECK(IsGenericType(generic));
  }
  CHECK_FALSE(IsGenericType("text/plain"));

  CHECK(SniffHtml("<!DOCTYPE html><html>"));
  CHECK(SniffHtml("\xEF\xBB\xBF  \n<HTML lang=en>"));
  CHECK(SniffHtml("<!-- generated --><?xml version=\"1.0\"?>\n<html>"));
  CHECK(SniffHtml("<p>Hello</p>"));
  CHECK(SniffHtml("<div class=x>"));
  CHECK(SniffHtml("<script>"));
  CHECK(SniffHtml("<title>t</title>"));
  CHECK(SniffHtml("<head>"));
  CHECK(SniffHtml("<body/>"));
  CHECK_FALSE(SniffHtml("<pre>not a tag we sniff</pre>"));
  CHECK_FALSE(SniffHtml("{\"html\": \"<p>\"}"));
  CHECK_FALSE(SniffHtml("plain text <html>"));
  CHECK_FALSE(SniffHtml(""));
  // Past the first 512 bytes nothing counts.
  CHECK_FALSE(SniffHtml(std::string(600, ' ') + "<html>"));
}

TEST_CASE("http: text versus compressed data") {
  CHECK(LooksLikeText("<html>\r\n\tcaf\xC3\xA9\f</html>"));
  CHECK_FALSE(LooksLikeText(std::string("\x1f\x8b\x08\x00", 4)));
  CHECK_FALSE(LooksLikeText(std::string("abc\0def", 7)));
}

}  // namespace newsfacts::archive
