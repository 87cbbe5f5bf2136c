// Polite fetching: robots.txt, per-host delays, back-off, the address guard and the
// WARC archive around HttpClient.
//
// Per host (scheme://host:port):
//   - robots.txt is fetched once per run and cached (RFC 9309: 2xx parsed; 4xx allow
//     all; 5xx or unreachable disallow all), and archived like any other exchange;
//   - one request at a time (one connection per host), each starting at least `delay`
//     seconds after the previous one ended: the site's delay, or robots.txt's
//     Crawl-delay when larger (honoured up to max_crawl_delay);
//   - 429 and 503 wait for Retry-After (up to max_retry_after; without one, the delay
//     doubled per attempt) and retry, at most max_attempts in all;
//   - consecutive failures (network errors, 5xx, 429) slow the host (the delay doubles
//     from host_failures_to_slow on) and then skip it for the rest of the run
//     (host_failures_to_skip).
//
// Redirects are followed here, one hop at a time (HttpClient::FetchHop), and every hop
// is a request like any other to its own host: the address guard checks it before
// anything is sent there, that host's robots.txt must allow it (else kRobots, the error
// naming the hop), and it waits for that host's turn. One host is held at a time.
// A 429/503 retry starts again from the first URL.
//
// Every exchange is archived before Fetch() returns: redirect hops and the final
// response as response records; a 304 as a revisit (server-not-modified); a 2xx body
// whose digest equals `known_digest` as a revisit (identical-payload-digest).
//
// A run interrupted (TransferLoop::Interrupt) stops waiting for turns, and a fetch then
// fails with kCancelledMessage, counted as no failure of the host.
//
// Thread safety: HostTable and WarcWriter are shared by all threads; each thread has
// its own PoliteClient (it owns an HttpClient; the HttpClients may share one
// TransferLoop).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "archive/warc_writer.h"
#include "common/clock.h"
#include "common/status.h"
#include "fetch/http.h"
#include "fetch/robots.h"

namespace newsfacts::fetch {

using archive::Revisit;
using archive::WarcDigest;
using archive::WarcLocation;
using archive::WarcWriter;

struct PolitenessOptions {
  std::string robots_agent = "newsfacts";  // product token matched against User-agent lines
  double max_crawl_delay = 30.0;           // seconds; a larger Crawl-delay is capped
  double max_retry_after = 120.0;          // seconds; a longer Retry-After fails the URL
  int max_attempts = 3;                    // per URL, counting retries after 429/503
  int host_failures_to_slow = 3;
  int host_failures_to_skip = 6;
  double max_backoff_delay = 60.0;  // seconds; cap of the slowed delay
};

class HostTable {
 public:
  struct Host {
    std::mutex busy;  // held for the whole of one request (one connection per host)
    // Guarded by busy:
    std::optional<Robots> robots;
    int robots_status = 0;     // HTTP status of robots.txt, 0 when unreachable
    std::string robots_error;  // why robots.txt was unreachable
    double delay = 0;
    std::chrono::steady_clock::time_point next_start{};
    int failures = 0;  // consecutive
    bool skipped = false;
  };
  // The host's state, created on first use. The pointer stays valid for the table's life.
  std::shared_ptr<Host> Get(const std::string& origin);

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Host>> hosts_;
};

enum class FetchOutcome {
  kResponse,     // a response (any status; 304 and identical payloads have their own kinds)
  kNotModified,  // 304
  kIdentical,    // 2xx whose payload digest equals known_digest
  kRobots,       // disallowed by robots.txt
  kRefused,      // refused by the address guard
  kFailed,       // network failure, or 429/503 beyond the retry budget
  kHostSkipped,  // the host failed too often this run
};

struct PoliteResult {
  FetchOutcome outcome = FetchOutcome::kFailed;
  Response response;  // valid for kResponse, kNotModified, kIdentical (and a final 429/503)
  Status error;       // why, for kRobots, kRefused, kFailed, kHostSkipped
  std::optional<WarcLocation> warc;  // the final response or revisit record
  std::string fetched_at;            // ISO 8601 UTC
};

class PoliteClient {
 public:
  // hosts must outlive the client; warc may be null (nothing archived).
  PoliteClient(HttpClient client, HostTable* hosts, WarcWriter* warc, PolitenessOptions options)
      : client_(std::move(client)), hosts_(hosts), warc_(warc), options_(std::move(options)) {}

  // Fetches url politely. site_delay is the configured delay between requests to the
  // url's host (the host keeps the largest any caller asked for).
  PoliteResult Fetch(const std::string& url, const ConditionalHeaders& conditional,
                     const std::string& known_digest, double site_delay);

  // The Sitemap lines of url's host's robots.txt (fetching it politely if needed).
  std::vector<std::string> SitemapsOf(const std::string& url, double site_delay);

  HttpClient& http() { return client_; }

 private:
  // Loads robots.txt into host (host->busy held).
  void LoadRobots(const std::string& origin, HostTable::Host* host);
  void WaitTurn(HostTable::Host* host);
  void Finished(HostTable::Host* host);
  void Archive(const Exchange& ex, const std::string& date, const std::optional<Revisit>& revisit,
               std::optional<WarcLocation>* location);

  // One attempt at a URL's redirect chain, hop by hop (polite.cc).
  struct Attempt;

  HttpClient client_;
  HostTable* hosts_;
  WarcWriter* warc_;
  PolitenessOptions options_;
};

}  // namespace newsfacts::fetch
