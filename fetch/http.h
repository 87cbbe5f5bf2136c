// HTTP GET over libcurl, with the guards a crawler needs.
//
// One HttpClient owns one libcurl easy handle. Given a TransferLoop (fetch/
// transfer_loop.h), the client prepares the handle and the loop runs the transfer, so
// all clients of a run share one multi handle, its connection cache and its limit of
// connections per host; without one, the client runs transfers itself
// (curl_easy_perform) with its own connection cache. Either way requests to the same
// host reuse one connection. Redirects are followed by this code, not by libcurl, so
// that every hop is checked by the address guard, archived, and loops are detected.
//
// Address guard. Before any connection, the host of every hop is resolved and each of
// its addresses checked; a loopback, private or link-local address is refused (no
// packet is sent to it) unless FetchOptions::allow_private is set or the host is in
// FetchOptions::private_hosts. The checked addresses are then pinned for the transfer
// (CURLOPT_RESOLVE), so a second DNS answer cannot differ from the one checked. (A
// TransferLoop's DNS cache is shared: each transfer loads its own pins as it starts, so
// two transfers to one host with different checked answers, one waiting for the
// other's connection, could see the later pin; PoliteClient never has two requests to
// one host in flight.)
//
// Bodies. Accept-Encoding asks for gzip, deflate and br (brotli); the body is kept as
// transferred (for the archive) and decoded by this code (zlib, libbrotlidec), not by
// libcurl, each under its own cap. A body over max_body_bytes, or decoding to more than
// max_decoded_bytes (a gzip or brotli bomb; the count is of decoded bytes, checked as
// they are produced), fails the fetch with kNetwork and a message saying which cap.
//
// Errors. Fetch() returns kNetwork for every transfer failure (DNS, TLS, connect,
// timeout, dropped connection, short body, caps, redirect loop or limit), the message
// starting with the URL's host's problem in libcurl's words; an address refusal is
// kNetwork with a message starting "refused: " (see IsRefusal). An HTTP error status
// (404, 503, ...) is NOT an error: it is a Response with that status. A transfer the
// TransferLoop cancelled (the run is stopping) is kNetwork "transfer cancelled: ...".
//
// Thread safety: an HttpClient is used by one thread at a time; use one per thread (they
// may share a TransferLoop). Movable, not copyable (it owns the handle).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "archive/content_coding.h"
#include "archive/exchange.h"
#include "common/status.h"

namespace newsfacts::fetch {

// The User-Agent names the program and where to learn about it, as polite crawlers do.
inline constexpr char kDefaultUserAgent[] =
    "newsfacts/0.1 (+https://github.com/newsfacts/newsfacts; fact extraction from news)";

struct FetchOptions {
  std::string user_agent = kDefaultUserAgent;
  long connect_timeout_ms = 10000;       // TCP + TLS handshake
  long total_timeout_ms = 60000;         // the whole transfer of one hop
  long low_speed_bytes = 512;            // abort when slower than this many bytes/s ...
  long low_speed_seconds = 15;           // ... for this long
  size_t max_body_bytes = 16u << 20;     // body as transferred
  size_t max_decoded_bytes = 64u << 20;  // body after gzip/deflate/br decoding
  int max_redirects = 5;
  bool allow_private = false;           // see "Address guard" above
  std::set<std::string> private_hosts;  // lower-case hosts allowed although private
  // Connections open to one host at a time, for a TransferLoop made from these options
  // (0: no limit). Clients of a loop share the loop's limit, whatever their own options.
  long max_host_connections = 1;
};

using archive::Exchange;

struct Response {
  std::string url;                  // as requested
  std::string final_url;            // after redirects
  int status = 0;                   // of the final hop
  std::vector<Exchange> exchanges;  // every hop, in order; the last is the final one
  // Headers of the final hop that matter (empty when absent).
  std::string content_type;  // e.g. "text/html; charset=utf-8"
  std::string charset;       // the charset parameter of content_type, lower-case
  std::string etag;
  std::string last_modified;
  std::string retry_after;  // raw Retry-After value
  std::string body;         // decoded (content-coding removed)
};

struct ConditionalHeaders {
  std::string etag;           // sent as If-None-Match when not empty
  std::string last_modified;  // sent as If-Modified-Since when not empty
};

class TransferLoop;

class HttpClient {
 public:
  // loop, when given, runs every transfer of this client (see above); it is kept alive
  // as long as the client.
  static Result<HttpClient> Create(FetchOptions options,
                                   std::shared_ptr<TransferLoop> loop = nullptr);

  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  ~HttpClient();

  // GETs url, following up to max_redirects redirects. The conditional headers go with
  // the first hop only. On failure after some hops, *partial (when given) receives the
  // exchanges completed so far, so they can still be archived.
  Result<Response> Fetch(const std::string& url, const ConditionalHeaders& conditional = {},
                         std::vector<Exchange>* partial = nullptr);

  // One request to url, redirects NOT followed: the building block of Fetch() for
  // callers that act between hops (PoliteClient checks each hop's robots.txt and waits
  // for its host's turn). The address guard applies. conditional may be null. On
  // failure *ex keeps what was received (response_head empty when nothing was).
  Status FetchHop(const std::string& url, const ConditionalHeaders* conditional, Exchange* ex);

  const FetchOptions& options() const { return options_; }

  struct Impl;

 private:
  HttpClient(FetchOptions options, std::unique_ptr<Impl> impl);
  FetchOptions options_;
  std::unique_ptr<Impl> impl_;
};

// Redirect bookkeeping for callers of FetchHop(). visited holds VisitKey() of every URL
// of the chain so far (the first included). After hop number `hop` (0-based) answered
// with ex, sets *next to the absolute URL to request next, or "" when ex is not a
// redirect (3xx with a Location). kNetwork when hop already is the max_redirects-th
// redirect, the target is not a valid URL, or it loops back to a visited URL; otherwise
// a target is added to visited. first_url names the chain in errors.
Status NextHop(const Exchange& ex, int hop, int max_redirects, const std::string& first_url,
               std::vector<std::string>* visited, std::string* next);
// The key NextHop() compares: the canonical form of url (url itself if it has none).
std::string VisitKey(const std::string& url);

// Fills response's final_url, status, header fields and decoded body from its last
// exchange. kNetwork when the body cannot be decoded or passes max_decoded_bytes.
Status FinishResponse(Response* response, size_t max_decoded_bytes);

// libcurl's process-wide initialisation, done once whatever the number of calls (the
// Create functions call it).
void HttpGlobalInit();

// True for the Status of a fetch refused by the address guard.
bool IsRefusal(const Status& status);

// The message of a transfer a TransferLoop cancelled, and the test for it.
inline constexpr char kCancelledMessage[] = "transfer cancelled: the run is stopping";
bool IsCancelled(const Status& status);

// Checks url's host against the address guard without connecting: OK, a refusal, or
// kNetwork when the host does not resolve.
Status CheckAddress(const std::string& url, const FetchOptions& options);

// Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or nullopt
// when it is neither. now is Unix time.
std::optional<double> ParseRetryAfter(const std::string& value, long long now);

using archive::CharsetOf;
using archive::DecodeBody;
using archive::HeaderValue;

}  // namespace newsfacts::fetch
