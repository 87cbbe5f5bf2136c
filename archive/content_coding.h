// HTTP message pieces shared by the crawler (fetch/) and the archive reader (archive/):
// content-coding removal under a decoded-size cap, gzip members, header lookup in a raw
// head, and the charset parameter of a Content-Type.
//
// Caps. DecodeBody counts decoded bytes as they are produced, so a small compressed body
// (a gzip or brotli bomb) never makes the caller hold more than max_bytes.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>

#include "common/status.h"

namespace newsfacts::archive {

// Removes the content-codings named by a Content-Encoding value: gzip (x-gzip), deflate
// (zlib or raw) and br, in a comma-separated list of up to 4, last applied first removed
// ("" and "identity" pass through). kInvalidInput for an unknown coding or corrupt data;
// kNetwork when the output, or any intermediate stage, passes max_bytes.
Result<std::string> DecodeBody(const std::string& body, const std::string& coding,
                               size_t max_bytes);

// data as one gzip member (RFC 1952) at zlib level `level` (1-9): what a WARC writer makes of
// each record, and what a server sends for Content-Encoding: gzip. kInternal when zlib fails.
Result<std::string> GzipMember(const std::string& data, int level = 6);

// The value of header `name` (case-insensitive) in a response head, the last one when
// repeated; "" when absent.
std::string HeaderValue(const std::string& head, const std::string& name);

// The charset parameter of a Content-Type value, lower-case, unquoted; "" when absent.
std::string CharsetOf(const std::string& content_type);

}  // namespace newsfacts::archive
