#include "fetch/url.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "common/ascii.h"
#include "fetch/curl_api.h"

namespace newsfacts::fetch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl::url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;
struct CurlFree {
  void operator()(char* p) const { curl::free(p); }
};

std::optional<std::string> Part(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl::url_get(u, part, &raw, flags) != CURLUE_OK || !raw) return std::nullopt;
  std::unique_ptr<char, CurlFree> owned(raw);
  return std::string(raw);
}

Status Invalid(const std::string& url, CURLUcode rc) {
  return InvalidInput(std::string("not a valid URL (") + curl::url_strerror(rc) + ")", url);
}

// Parses url into a handle; only absolute http(s) URLs pass.
Result<UrlHandle> Parse(const std::string& url) {
  UrlHandle u(curl::url());
  if (!u) return InternalError("out of memory");
  if (url.size() > 8192) return InvalidInput("URL longer than 8192 bytes", url.substr(0, 80));
  const CURLUcode rc = curl::url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_URLENCODE);
  if (rc != CURLUE_OK) return Invalid(url, rc);
  auto scheme = Part(u.get(), CURLUPART_SCHEME);
  if (!scheme || (Lower(*scheme) != "http" && Lower(*scheme) != "https")) {
    return InvalidInput("not an http or https URL", url);
  }
  auto host = Part(u.get(), CURLUPART_HOST);
  if (!host || host->empty()) return InvalidInput("URL has no host", url);
  return u;
}

bool IsTrackingParameter(const std::string& name) {
  const std::string n = Lower(name);
  if (n.rfind("utm_", 0) == 0) return true;
  static const char* const kNames[] = {"fbclid", "gclid",  "dclid", "msclkid",
                                       "mc_cid", "mc_eid", "_ga",   "igshid"};
  for (const char* k : kNames) {
    if (n == k) return true;
  }
  return false;
}

}  // namespace

Result<UrlParts> ParseUrl(const std::string& url) {
  auto u = Parse(url);
  if (!u.ok()) return u.status();
  UrlParts parts;
  parts.scheme = Lower(*Part(u->get(), CURLUPART_SCHEME));
  parts.host = Lower(*Part(u->get(), CURLUPART_HOST));
  auto port = Part(u->get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port ? std::atoi(port->c_str()) : (parts.scheme == "https" ? 443 : 80);
  parts.path = Part(u->get(), CURLUPART_PATH).value_or("/");
  if (parts.path.empty()) parts.path = "/";
  parts.query = Part(u->get(), CURLUPART_QUERY).value_or("");
  return parts;
}

Result<std::string> ResolveUrl(const std::string& base, const std::string& ref) {
  auto u = Parse(base);
  if (!u.ok()) return u.status();
  // Whitespace around an href is common in feeds and never part of the URL.
  size_t b = 0, e = ref.size();
  while (b < e && std::isspace(static_cast<unsigned char>(ref[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(ref[e - 1]))) --e;
  const std::string trimmed = ref.substr(b, e - b);
  if (trimmed.empty()) return InvalidInput("empty URL reference", base);
  const CURLUcode rc = curl::url_set(u->get(), CURLUPART_URL, trimmed.c_str(), CURLU_URLENCODE);
  if (rc != CURLUE_OK) return Invalid(trimmed, rc);
  curl::url_set(u->get(), CURLUPART_FRAGMENT, nullptr, 0);
  auto out = Part(u->get(), CURLUPART_URL);
  if (!out) return InvalidInput("cannot resolve URL", trimmed);
  auto check = Parse(*out);
  if (!check.ok()) return check.status();
  return *out;
}

Result<std::string> CanonicalUrl(const std::string& url) {
  auto parts = ParseUrl(url);
  if (!parts.ok()) return parts.status();
  std::string out = parts->scheme + "://" + parts->host;
  const int default_port = parts->scheme == "https" ? 443 : 80;
  if (parts->port != default_port) out += ":" + std::to_string(parts->port);
  out += parts->path;
  std::string query;
  size_t start = 0;
  const std::string& q = parts->query;
  while (start <= q.size() && !q.empty()) {
    size_t end = q.find('&', start);
    if (end == std::string::npos) end = q.size();
    const std::string param = q.substr(start, end - start);
    const std::string name = param.substr(0, param.find('='));
    if (!param.empty() && !IsTrackingParameter(name)) {
      if (!query.empty()) query += '&';
      query += param;
    }
    start = end + 1;
  }
  if (!query.empty()) out += "?" + query;
  return out;
}

Result<std::string> OriginOf(const std::string& url) {
  auto parts = ParseUrl(url);
  if (!parts.ok()) return parts.status();
  return parts->scheme + "://" + parts->host + ":" + std::to_string(parts->port);
}

std::string PathAndQuery(const UrlParts& parts) {
  return parts.query.empty() ? parts.path : parts.path + "?" + parts.query;
}

bool IsPrivateAddress(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    const uint32_t a = ntohl(v4.s_addr);
    auto in = [a](uint32_t net, int bits) {
      const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
      return (a & mask) == net;
    };
    return in(0x00000000, 8) ||   // 0/8 "this network"
           in(0x7f000000, 8) ||   // loopback
           in(0x0a000000, 8) ||   // RFC 1918
           in(0xac100000, 12) ||  // RFC 1918
           in(0xc0a80000, 16) ||  // RFC 1918
           in(0xa9fe0000, 16) ||  // link-local
           in(0x64400000, 10) ||  // CGNAT
           in(0xe0000000, 4) ||   // multicast
           a == 0xffffffff;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    static const unsigned char kZero[16] = {};
    unsigned char loop[16] = {};
    loop[15] = 1;
    if (std::memcmp(b, kZero, 16) == 0 || std::memcmp(b, loop, 16) == 0) return true;
    if ((b[0] & 0xfe) == 0xfc) return true;                  // unique local fc00::/7
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;  // link-local fe80::/10
    if (b[0] == 0xff) return true;                           // multicast
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(b, kMapped, 12) == 0) {
      char text[INET_ADDRSTRLEN];
      if (!inet_ntop(AF_INET, b + 12, text, sizeof text)) return true;
      return IsPrivateAddress(text);
    }
    return false;
  }
  return true;
}

Result<std::vector<std::string>> ResolveHost(const std::string& host, int port) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(name.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) {
    return Status(StatusCode::kNetwork, std::string("DNS: ") + gai_strerror(rc), host);
  }
  std::vector<std::string> out;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* addr = nullptr;
    if (ai->ai_family == AF_INET) {
      addr = &reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr;
    } else if (ai->ai_family == AF_INET6) {
      addr = &reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr;
    } else {
      continue;
    }
    if (inet_ntop(ai->ai_family, addr, text, sizeof text) &&
        std::find(out.begin(), out.end(), text) == out.end()) {
      out.emplace_back(text);
    }
  }
  freeaddrinfo(found);
  if (out.empty()) return Status(StatusCode::kNetwork, "DNS: no address", host);
  return out;
}

}  // namespace newsfacts::fetch
