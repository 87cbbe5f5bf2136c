// Where a host is, and whether fetching may go there: name resolution and the guard
// against loopback and private addresses. (URLs themselves are url/url.h's.)
//
// Thread safety: every function is reentrant.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace newsfacts::fetch {

// True for loopback, private (RFC 1918, fc00::/7), link-local, unspecified, CGNAT
// (100.64/10) and IPv4-mapped forms of them. `address` is a numeric IPv4 or IPv6
// address without brackets; anything unparsable counts as private (refused).
bool IsPrivateAddress(const std::string& address);

// Resolves host to its numeric addresses (getaddrinfo; no connection is made).
// kNetwork with the resolver's message when the name does not resolve.
Result<std::vector<std::string>> ResolveHost(const std::string& host, int port);

}  // namespace newsfacts::fetch
