// Web addresses: parsing, resolving relative references, canonical forms, hosts and sites.
//
// Every stage that reads a URL reads it here, with libcurl's URL API (url/curl_api.h),
// the parser that later makes the request: what the crawler fetches, what the normaliser
// takes for a page's canonical address and what an article's site is filed under are read
// by one parser. This folder sits below fetch/ and normalise/ in the data flow: both link
// it and neither links the other. It holds addresses and the libcurl loader, no network:
// where a host's addresses are, and which are refused, is fetch/'s (fetch/address.h).
//
// Only absolute http and https URLs are accepted; everything else is kInvalidInput.
// libcurl is loaded by the first call of a function here (none of them runs at start-up);
// when it cannot be loaded every function fails, with the loader's message.
//
// Thread safety: every function is reentrant.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace newsfacts {

struct UrlParts {
  std::string scheme;  // "http" or "https", lower-case
  std::string host;    // lower-case, without user or port; an IPv6 literal keeps its brackets
  int port = 0;        // the explicit port, or the scheme's default
  std::string path;    // "/" at least
  std::string query;   // without "?", "" when none
};

// Splits an absolute http(s) URL. kInvalidInput for anything else.
Result<UrlParts> ParseUrl(const std::string& url);

// Resolves `ref` (absolute or relative, as found in a page, feed or Location header;
// white space around it ignored) against the absolute URL `base`, or, when base is empty
// (a page read from a file has no address), takes ref as it is. The result has no
// fragment. kInvalidInput when the result is not an http(s) URL ("javascript:void(0)",
// "mailto:", a relative ref without a base) or base is neither empty nor one.
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

// The host of an http(s) URL as ParseUrl gives it ("https://News.example:8080/a" ->
// "news.example"); none when url is not one.
std::optional<std::string> HostOf(const std::string& url);

// The site an article is filed under: HostOf without a leading "www."
// ("https://www.BorderLedger.example/a" -> "borderledger.example"); none when url is not
// an http(s) URL.
std::optional<std::string> SiteOf(const std::string& url);

}  // namespace newsfacts
