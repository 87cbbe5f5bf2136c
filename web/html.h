// Text to HTML and URLs for `serve`: every string that reaches a page goes through one of
// these, so stored article text, titles, claims and parameters always stay text.
//
// All functions accept any bytes: ill-formed UTF-8 becomes U+FFFD, and control characters
// other than tab, line feed and carriage return are dropped (they have no place in a page).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "factcheck/verdict.h"

namespace newsfacts::web {

// text escaped for element content and for quoted attribute values (double or single):
// & < > " ' become entities.
std::string Escape(std::string_view text);

// text percent-encoded as one query-string component (RFC 3986 unreserved characters kept,
// space as %20), for building links such as "/article?id=" + QueryEncode(id).
std::string QueryEncode(std::string_view text);

// True for an absolute http: or https: URL (url/url.h's ParseUrl accepts it) without
// whitespace or control characters: the only URLs a page turns into links (never
// javascript:, data: or relative ones).
bool IsWebUrl(std::string_view url);

// Numbers are printed by factcheck::FormatNumber (factcheck/verdict.h).
using factcheck::FormatNumber;

// The code points [start, end) of text (clamped to the text), as Python's text[start:end].
std::string CodePointSlice(std::string_view text, int64_t start, int64_t end);

}  // namespace newsfacts::web
