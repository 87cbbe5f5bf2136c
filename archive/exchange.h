// Exchange: one HTTP request and its response as they went over the wire, the unit the
// WARC writer archives (archive/warc_writer.h) and the HTTP client produces (fetch/http.h).
//
// Thread safety: a plain value.
#pragma once

#include <string>

namespace newsfacts::archive {

// One request and its response as they went over the wire: what the archive keeps.
struct Exchange {
  std::string url;
  std::string request_head;   // request line and headers as sent, CRLF, blank line included
  std::string response_head;  // status line and headers as received, CRLF, blank line included
  std::string body;           // as transferred (content-coding kept, chunking removed)
  std::string ip;             // the peer address
  int status = 0;
  bool truncated = false;  // the body was cut at a cap (only on failed fetches)
};

}  // namespace newsfacts::archive
