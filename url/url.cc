#include "url/url.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "common/ascii.h"
#include "url/curl_api.h"

namespace newsfacts {
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
  // No address at all (a page read from a file) is told without loading libcurl.
  if (url.empty()) return InvalidInput("empty URL");
  UrlHandle u(curl::url());
  if (!u) return curl::LoadStatus().ok() ? InternalError("out of memory") : curl::LoadStatus();
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
  // Whitespace around an href is common in feeds and never part of the URL.
  size_t b = 0, e = ref.size();
  while (b < e && std::isspace(static_cast<unsigned char>(ref[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(ref[e - 1]))) --e;
  const std::string trimmed = ref.substr(b, e - b);
  if (trimmed.empty()) return InvalidInput("empty URL reference", base);
  Result<UrlHandle> u = base.empty() ? Parse(trimmed) : Parse(base);
  if (!u.ok()) return u.status();
  if (!base.empty()) {
    const CURLUcode rc = curl::url_set(u->get(), CURLUPART_URL, trimmed.c_str(), CURLU_URLENCODE);
    if (rc != CURLUE_OK) return Invalid(trimmed, rc);
  }
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

std::optional<std::string> HostOf(const std::string& url) {
  auto parts = ParseUrl(url);
  if (!parts.ok()) return std::nullopt;
  return std::move(parts->host);
}

std::optional<std::string> SiteOf(const std::string& url) {
  std::optional<std::string> host = HostOf(url);
  if (host && host->rfind("www.", 0) == 0) host->erase(0, 4);
  return host;
}

}  // namespace newsfacts
