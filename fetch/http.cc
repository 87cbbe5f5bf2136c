#include "fetch/http.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <mutex>
#include <vector>

#include "archive/content_coding.h"
#include "common/ascii.h"
#include "fetch/address.h"
#include "fetch/transfer_loop.h"
#include "url/curl_api.h"
#include "url/url.h"

namespace newsfacts::fetch {
namespace {

constexpr size_t kMaxHeadBytes = 256u << 10;
constexpr char kRefusedPrefix[] = "refused: ";

struct EasyDeleter {
  void operator()(CURL* c) const { curl::easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl::slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void Append(Slist* list, const std::string& s) {
  curl_slist* next = curl::slist_append(list->get(), s.c_str());
  if (next) {
    (void)list->release();
    list->reset(next);
  }
}

// What the callbacks of one transfer fill.
struct Transfer {
  Exchange* exchange = nullptr;
  size_t max_body = 0;
  bool over_body_cap = false;
  bool over_head_cap = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  if (t->exchange->body.size() + len > t->max_body) {
    t->over_body_cap = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->exchange->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  // A new status line starts a new head (after "100 Continue" and the like).
  if (len >= 5 && std::memcmp(data, "HTTP/", 5) == 0) t->exchange->response_head.clear();
  if (t->exchange->response_head.size() + len > kMaxHeadBytes) {
    t->over_head_cap = true;
    return 0;
  }
  t->exchange->response_head.append(data, len);
  return len;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) {
    auto* t = static_cast<Transfer*>(user);
    if (t->exchange->request_head.size() + size <= kMaxHeadBytes) {
      t->exchange->request_head.append(data, size);
    }
  }
  return 0;
}

// The request header fields of a hop: what is accepted, and the validators of a
// conditional request.
Slist RequestHeaders(const ConditionalHeaders* conditional) {
  Slist headers;
  Append(&headers,
         "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,"
         "application/rss+xml,application/atom+xml,application/json;q=0.8,*/*;q=0.5");
  Append(&headers, "Accept-Encoding: gzip, deflate, br");
  if (conditional && !conditional->etag.empty()) {
    Append(&headers, "If-None-Match: " + conditional->etag);
  }
  if (conditional && !conditional->last_modified.empty()) {
    Append(&headers, "If-Modified-Since: " + conditional->last_modified);
  }
  return headers;
}

Status Refused(const std::string& host, const std::string& address) {
  return Status(StatusCode::kNetwork, std::string(kRefusedPrefix) + host +
                                          " resolves to the non-public address " + address +
                                          " (use --allow-private to fetch it)");
}

// Resolves and checks one hop's host; fills the CURLOPT_RESOLVE entry that pins the
// checked addresses ("" for an address literal, which needs no pinning).
Status GuardHost(const UrlParts& parts, const FetchOptions& options, std::string* pin) {
  pin->clear();
  auto addresses = ResolveHost(parts.host, parts.port);
  if (!addresses.ok()) return addresses.status();
  const bool allowed = options.allow_private || options.private_hosts.count(parts.host) > 0;
  if (!allowed) {
    for (const std::string& a : *addresses) {
      if (IsPrivateAddress(a)) return Refused(parts.host, a);
    }
  }
  const std::string bare =
      parts.host.front() == '[' ? parts.host.substr(1, parts.host.size() - 2) : parts.host;
  if (addresses->size() == 1 && (*addresses)[0] == bare) return Status::Ok();
  *pin = parts.host + ":" + std::to_string(parts.port) + ":";
  for (size_t i = 0; i < addresses->size(); ++i) {
    if (i) *pin += ",";
    const std::string& a = (*addresses)[i];
    *pin += a.find(':') != std::string::npos ? "[" + a + "]" : a;
  }
  return Status::Ok();
}

}  // namespace

void HttpGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl::global_init(CURL_GLOBAL_DEFAULT); });
}

struct HttpClient::Impl {
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::shared_ptr<TransferLoop> loop;  // null: curl_easy_perform
  char error[CURL_ERROR_SIZE] = {};

  Status PerformHop(const std::string& url, const UrlParts& parts, const FetchOptions& options,
                    const ConditionalHeaders* conditional, Exchange* ex);
  // The steps of PerformHop: every option of the transfer (the lists and *t must outlive
  // it), and the message of a failed transfer.
  void SetHopOptions(CURL* c, const std::string& url, const FetchOptions& options,
                     curl_slist* headers, curl_slist* resolve, Transfer* t);
  std::string FailureMessage(CURLcode rc, const Transfer& t, const FetchOptions& options) const;
};

Status HttpClient::Impl::PerformHop(const std::string& url, const UrlParts& parts,
                                    const FetchOptions& options,
                                    const ConditionalHeaders* conditional, Exchange* ex) {
  std::string pin;
  if (Status s = GuardHost(parts, options, &pin); !s.ok()) return s;

  CURL* c = easy.get();
  curl::easy_reset(c);  // keeps the connection cache
  Transfer t;
  t.exchange = ex;
  t.max_body = options.max_body_bytes;
  ex->url = url;
  error[0] = '\0';

  const Slist headers = RequestHeaders(conditional);
  Slist resolve;
  if (!pin.empty()) Append(&resolve, pin);
  SetHopOptions(c, url, options, headers.get(), resolve.get(), &t);

  const CURLcode rc = loop ? loop->Perform(c) : curl::easy_perform(c);
  char* ip = nullptr;
  if (curl::easy_getinfo(c, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) ex->ip = ip;
  long status = 0;
  curl::easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  ex->status = static_cast<int>(status);
  // The pinned entry must not outlive this transfer's check.
  curl::easy_setopt(c, CURLOPT_RESOLVE, nullptr);
  curl::easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  if (rc == CURLE_OK) return Status::Ok();

  ex->truncated = true;
  return Status(StatusCode::kNetwork, FailureMessage(rc, t, options), url);
}

void HttpClient::Impl::SetHopOptions(CURL* c, const std::string& url, const FetchOptions& options,
                                     curl_slist* headers, curl_slist* resolve, Transfer* t) {
  curl::easy_setopt(c, CURLOPT_URL, url.c_str());
  curl::easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl::easy_setopt(c, CURLOPT_HTTPGET, 1L);
  curl::easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl::easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl::easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl::easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  curl::easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl::easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (resolve) curl::easy_setopt(c, CURLOPT_RESOLVE, resolve);
  curl::easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl::easy_setopt(c, CURLOPT_TIMEOUT_MS, options.total_timeout_ms);
  curl::easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
  curl::easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.low_speed_seconds);
  curl::easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl::easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl::easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl::easy_setopt(c, CURLOPT_WRITEDATA, t);
  curl::easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl::easy_setopt(c, CURLOPT_HEADERDATA, t);
  curl::easy_setopt(c, CURLOPT_DEBUGFUNCTION, OnDebug);
  curl::easy_setopt(c, CURLOPT_DEBUGDATA, t);
  curl::easy_setopt(c, CURLOPT_VERBOSE, 1L);
}

std::string HttpClient::Impl::FailureMessage(CURLcode rc, const Transfer& t,
                                             const FetchOptions& options) const {
  if (t.over_body_cap || rc == CURLE_FILESIZE_EXCEEDED) {
    return "body larger than the limit of " + std::to_string(options.max_body_bytes) + " bytes";
  }
  if (t.over_head_cap) {
    return "response headers larger than " + std::to_string(kMaxHeadBytes) + " bytes";
  }
  // No callback of ours aborts this way: the loop cancelled the transfer.
  if (loop && rc == CURLE_ABORTED_BY_CALLBACK) return kCancelledMessage;
  return error[0] ? error : curl::easy_strerror(rc);
}

HttpClient::HttpClient(FetchOptions options, std::unique_ptr<Impl> impl)
    : options_(std::move(options)), impl_(std::move(impl)) {}
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;
HttpClient::~HttpClient() = default;

Result<HttpClient> HttpClient::Create(FetchOptions options, std::shared_ptr<TransferLoop> loop) {
  HttpGlobalInit();
  auto impl = std::make_unique<Impl>();
  impl->loop = std::move(loop);
  impl->easy.reset(curl::easy_init());
  if (!impl->easy) return InternalError("libcurl: cannot create a handle");
  return HttpClient(std::move(options), std::move(impl));
}

Status HttpClient::FetchHop(const std::string& url, const ConditionalHeaders* conditional,
                            Exchange* ex) {
  *ex = Exchange();
  ex->url = url;
  auto parts = ParseUrl(url);
  if (!parts.ok()) return Status(StatusCode::kNetwork, parts.status().message(), url);
  return impl_->PerformHop(url, *parts, options_, conditional, ex);
}

Result<Response> HttpClient::Fetch(const std::string& url, const ConditionalHeaders& conditional,
                                   std::vector<Exchange>* partial) {
  Response response;
  response.url = url;
  std::string current = url;
  std::vector<std::string> visited = {VisitKey(url)};
  auto fail = [&](Status s) -> Result<Response> {
    if (partial) *partial = std::move(response.exchanges);
    return s;
  };
  for (int hop = 0;; ++hop) {
    Exchange ex;
    Status s = FetchHop(current, hop == 0 ? &conditional : nullptr, &ex);
    if (!s.ok()) {
      if (!ex.response_head.empty()) response.exchanges.push_back(std::move(ex));
      return fail(std::move(s));
    }
    response.exchanges.push_back(std::move(ex));
    std::string next;
    s = NextHop(response.exchanges.back(), hop, options_.max_redirects, url, &visited, &next);
    if (!s.ok()) return fail(std::move(s));
    if (next.empty()) break;
    current = std::move(next);
  }
  if (Status s = FinishResponse(&response, options_.max_decoded_bytes); !s.ok()) {
    return fail(std::move(s));
  }
  return response;
}

std::string VisitKey(const std::string& url) {
  auto canonical = CanonicalUrl(url);
  return canonical.ok() ? *canonical : url;
}

Status NextHop(const Exchange& ex, int hop, int max_redirects, const std::string& first_url,
               std::vector<std::string>* visited, std::string* next) {
  next->clear();
  const int status = ex.status;
  const std::string location = HeaderValue(ex.response_head, "location");
  const bool redirect =
      (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) &&
      !location.empty();
  if (!redirect) return Status::Ok();
  if (hop >= max_redirects) {
    return Status(StatusCode::kNetwork, "more than " + std::to_string(max_redirects) + " redirects",
                  first_url);
  }
  auto target = ResolveUrl(ex.url, location);
  if (!target.ok()) {
    return Status(StatusCode::kNetwork, "bad redirect target: " + target.status().ToString(),
                  ex.url);
  }
  const std::string key = VisitKey(*target);
  if (std::find(visited->begin(), visited->end(), key) != visited->end()) {
    return Status(StatusCode::kNetwork, "redirect loop back to " + *target, first_url);
  }
  visited->push_back(key);
  *next = std::move(target).value();
  return Status::Ok();
}

Status FinishResponse(Response* response, size_t max_decoded_bytes) {
  if (response->exchanges.empty()) return InternalError("a response without exchanges");
  const Exchange& last = response->exchanges.back();
  response->final_url = last.url;
  response->status = last.status;
  response->content_type = HeaderValue(last.response_head, "content-type");
  response->charset = CharsetOf(response->content_type);
  response->etag = HeaderValue(last.response_head, "etag");
  response->last_modified = HeaderValue(last.response_head, "last-modified");
  response->retry_after = HeaderValue(last.response_head, "retry-after");
  auto decoded =
      DecodeBody(last.body, HeaderValue(last.response_head, "content-encoding"), max_decoded_bytes);
  if (!decoded.ok()) {
    return Status(StatusCode::kNetwork, decoded.status().message(), response->final_url);
  }
  response->body = std::move(decoded).value();
  return Status::Ok();
}

bool IsRefusal(const Status& status) {
  return status.code() == StatusCode::kNetwork && status.message().rfind(kRefusedPrefix, 0) == 0;
}

bool IsCancelled(const Status& status) {
  return status.code() == StatusCode::kNetwork && status.message() == kCancelledMessage;
}

Status CheckAddress(const std::string& url, const FetchOptions& options) {
  auto parts = ParseUrl(url);
  if (!parts.ok()) return parts.status();
  std::string pin;
  return GuardHost(*parts, options, &pin);
}

std::optional<double> ParseRetryAfter(const std::string& raw, long long now) {
  const std::string value = Trim(raw);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return 1e9;
    return std::stod(value);
  }
  std::tm tm{};
  const char* end = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (!end) return std::nullopt;
  const long long when = static_cast<long long>(timegm(&tm));
  return when > now ? static_cast<double>(when - now) : 0.0;
}

}  // namespace newsfacts::fetch
