// URL helpers for fetching and crawling: parsing, resolving relative references,
// canonical forms, and the loopback/private address guard.
//
// Only absolute http and https URLs are accepted; everything else is kInvalidInput.
// Parsing is libcurl's URL API (the same parser that later makes the request), so what
// we check is what gets fetched.
//
// Thread safety: every function is reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace newsfacts::fetch {

struct UrlParts {
  std::string scheme;  // "http" or "https", lower-case
  std::string host;    // lower-case; an IPv6 literal keeps its brackets
  int port = 0;        // the explicit port, or the scheme's default
  std::string path;    // "/" at least
  std::string query;   // without "?", "" when none
};

// Splits an absolute http(s) URL. kInvalidInput for anything else.
Result<UrlParts> ParseUrl(const std::string& url);

// Resolves `ref` (absolute or relative, as found in a page, feed or Location header)
// against the absolute URL `base`. The result has no fragment. kInvalidInput when the
// result is not an http(s) URL.
Result<std::string> ResolveUrl(const std::string& base, const std::string& ref);

// The canonical form used as the crawl frontier's key: lower-case scheme and host,
// default port dropped, empty path made "/", fragment dropped, tracking parameters
// removed (utm_*, fbclid, gclid, dclid, msclkid, mc_cid, mc_eid, _ga, igshid), the other
// parameters kept in their order. kInvalidInput when url is not an http(s) URL.
Result<std::string> CanonicalUrl(const std::string& url);

// "scheme://host:port", the key robots.txt and politeness are kept under.
Result<std::string> OriginOf(const std::string& url);

// The path and query of url ("/a/b?x=1"), as robots.txt rules are matched against it.
std::string PathAndQuery(const UrlParts& parts);

// True for loopback, private (RFC 1918, fc00::/7), link-local, unspecified, CGNAT
// (100.64/10) and IPv4-mapped forms of them. `address` is a numeric IPv4 or IPv6
// address without brackets; anything unparsable counts as private (refused).
bool IsPrivateAddress(const std::string& address);

// Resolves host to its numeric addresses (getaddrinfo; no connection is made).
// kNetwork with the resolver's message when the name does not resolve.
Result<std::vector<std::string>> ResolveHost(const std::string& host, int port);

}  // namespace newsfacts::fetch
