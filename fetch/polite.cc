#include "fetch/polite.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iostream>
#include <thread>

#include "common/clock.h"
#include "fetch/transfer_loop.h"
#include "url/url.h"

namespace newsfacts::fetch {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

bool Retryable(int status) { return status == 429 || status == 503; }

}  // namespace

std::shared_ptr<HostTable::Host> HostTable::Get(const std::string& origin) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& h = hosts_[origin];
  if (!h) h = std::make_shared<Host>();
  return h;
}

// Waits in short steps so that an interrupted run (Ctrl-C) does not sit out a long
// back-off or Retry-After first.
void PoliteClient::WaitTurn(HostTable::Host* host) {
  constexpr auto kStep = std::chrono::milliseconds(100);
  for (auto now = Clock::now(); host->next_start > now && !TransferLoop::Interrupted();
       now = Clock::now()) {
    std::this_thread::sleep_until(std::min(host->next_start, now + kStep));
  }
}

// The delay runs from the end of one exchange to the start of the next, so the server
// sees at least `delay` between a response and the next request, whatever the latency.
void PoliteClient::Finished(HostTable::Host* host) {
  double delay = host->delay;
  if (host->failures >= options_.host_failures_to_slow) {
    const int doublings = std::min(20, host->failures - options_.host_failures_to_slow + 1);
    delay = std::min(options_.max_backoff_delay, std::max(delay, 0.05) * std::pow(2.0, doublings));
  }
  host->next_start = std::max(host->next_start, Clock::now() + Seconds(delay));
}

void PoliteClient::Archive(const Exchange& ex, const std::string& date,
                           const std::optional<Revisit>& revisit,
                           std::optional<WarcLocation>* location) {
  if (!warc_) return;
  auto loc = warc_->WriteExchange(ex, date, revisit);
  if (!loc.ok()) {
    // The archive is a record, not a gate: a full disk must be seen, and the fetch row
    // then carries no WARC pointer.
    std::cerr << "newsfacts: WARC: " << loc.status().ToString() << "\n";
    return;
  }
  if (location) *location = *loc;
}

void PoliteClient::LoadRobots(const std::string& origin, HostTable::Host* host) {
  // origin is scheme://host:port; robots.txt lives at its root.
  auto parts = ParseUrl(origin + "/");
  std::string url = origin + "/robots.txt";
  if (parts.ok()) {
    const int default_port = parts->scheme == "https" ? 443 : 80;
    url = parts->scheme;
    url.append("://").append(parts->host);
    if (parts->port != default_port) url.append(":").append(std::to_string(parts->port));
    url.append("/robots.txt");
  }
  WaitTurn(host);
  std::vector<Exchange> partial;
  auto r = client_.Fetch(url, {}, &partial);
  const std::string date = NowIso8601();
  if (!r.ok()) {
    for (const Exchange& ex : partial) Archive(ex, date, std::nullopt, nullptr);
    host->robots = Robots::DisallowAll();
    host->robots_status = 0;
    host->robots_error = r.status().message();
  } else {
    for (const Exchange& ex : r->exchanges) Archive(ex, date, std::nullopt, nullptr);
    host->robots_status = r->status;
    if (r->status >= 200 && r->status < 300) {
      host->robots = Robots::Parse(r->body, options_.robots_agent);
    } else if (r->status >= 400 && r->status < 500) {
      host->robots = Robots::AllowAll();
    } else {
      host->robots = Robots::DisallowAll();
    }
    if (host->robots->crawl_delay()) {
      host->delay =
          std::max(host->delay, std::min(*host->robots->crawl_delay(), options_.max_crawl_delay));
    }
  }
  Finished(host);  // after the Crawl-delay is known, so it already applies
}

std::vector<std::string> PoliteClient::SitemapsOf(const std::string& url, double site_delay) {
  auto origin = OriginOf(url);
  if (!origin.ok()) return {};
  if (!CheckAddress(url, client_.options()).ok()) return {};
  auto host = hosts_->Get(*origin);
  std::lock_guard<std::mutex> lock(host->busy);
  host->delay = std::max(host->delay, site_delay);
  if (!host->robots) LoadRobots(*origin, host.get());
  return host->robots->sitemaps();
}

// One attempt at url's redirect chain. Each hop takes its host's busy lock in RunHop() and
// holds it through that hop's steps until the hop's outcome is known; it is released before
// the next hop's host is taken. The attempts of one Fetch() share its result.
struct PoliteClient::Attempt {
  enum class Next { kHop, kRetry, kDone };

  Attempt(PoliteClient& client, const std::string& url, const ConditionalHeaders& conditional,
          const std::string& known_digest, double site_delay, int number, PoliteResult* result)
      : client(client),
        url(url),
        conditional(conditional),
        known_digest(known_digest),
        site_delay(site_delay),
        number(number),
        result(*result),
        current(url),
        visited{VisitKey(url)} {
    resp.url = url;
  }

  Next RunHop();
  bool MayFetch(const std::string& origin, const std::string& path, HostTable::Host* host);
  bool Transfer(HostTable::Host* host, Exchange* ex);
  Next Conclude(Exchange ex, HostTable::Host* host);
  void ArchiveFinal(const Exchange& last);
  Next Retry(HostTable::Host* host);
  Next Stop(FetchOutcome outcome, Status error);
  Next HostFailed(Status error, HostTable::Host* host);
  void NoteFailure(HostTable::Host* host);

  PoliteClient& client;
  const std::string& url;
  const ConditionalHeaders& conditional;
  const std::string& known_digest;
  const double site_delay;
  const int number;  // 1 for the first attempt
  PoliteResult& result;

  Response resp;
  std::string current;
  std::vector<std::string> visited;
  int hop = 0;
  std::string where;  // names the hop in errors
};

namespace {

// Why robots.txt keeps the hop out: its rules, or its being unavailable.
std::string RobotsRefusal(const HostTable::Host& host) {
  if (host.robots_status == 0) {
    return "robots.txt unreachable (" + host.robots_error + "): nothing fetched from this host";
  }
  if (host.robots_status >= 500) {
    return "robots.txt answered HTTP " + std::to_string(host.robots_status) +
           ": nothing fetched from this host";
  }
  return "disallowed by robots.txt";
}

}  // namespace

PoliteClient::Attempt::Next PoliteClient::Attempt::RunHop() {
  where = hop == 0 ? url : url + " (redirected to " + current + ")";
  auto parts = ParseUrl(current);
  auto origin = OriginOf(current);
  if (!parts.ok() || !origin.ok()) {
    const Status& bad = parts.ok() ? origin.status() : parts.status();
    return Stop(FetchOutcome::kFailed, Status(StatusCode::kNetwork, bad.message(), where));
  }
  // Refused before robots.txt, so that nothing at all is sent to a refused host.
  if (Status s = CheckAddress(current, client.client_.options()); !s.ok()) {
    return Stop(IsRefusal(s) ? FetchOutcome::kRefused : FetchOutcome::kFailed,
                Status(s.code(), s.message(), where));
  }
  auto host = client.hosts_->Get(*origin);
  std::unique_lock<std::mutex> lock(host->busy);
  host->delay = std::max(host->delay, site_delay);
  if (!MayFetch(*origin, PathAndQuery(*parts), host.get())) return Next::kDone;
  Exchange ex;
  if (!Transfer(host.get(), &ex)) return Next::kDone;
  std::string next;
  Status s = NextHop(ex, hop, client.client_.options().max_redirects, url, &visited, &next);
  if (!s.ok()) {
    client.Archive(ex, result.fetched_at, std::nullopt, &result.warc);
    return HostFailed(std::move(s), host.get());
  }
  if (next.empty()) return Conclude(std::move(ex), host.get());
  client.Archive(ex, result.fetched_at, std::nullopt, nullptr);
  host->failures = 0;
  client.Finished(host.get());
  resp.exchanges.push_back(std::move(ex));
  current = std::move(next);
  ++hop;
  return Next::kHop;
}

// The hop's host may be asked (host->busy held): it is not skipped, the run is not stopping,
// and its robots.txt, loaded first if need be, allows path. False when the attempt ends here.
bool PoliteClient::Attempt::MayFetch(const std::string& origin, const std::string& path,
                                     HostTable::Host* host) {
  if (host->skipped) {
    Stop(FetchOutcome::kHostSkipped,
         Status(StatusCode::kNetwork,
                "host skipped for this run after " + std::to_string(host->failures) +
                    " failures in a row",
                where));
    return false;
  }
  if (!host->robots) client.LoadRobots(origin, host);
  if (TransferLoop::Interrupted()) {
    // robots.txt may have been cut short too: its verdict means nothing now.
    Stop(FetchOutcome::kFailed, Status(StatusCode::kNetwork, kCancelledMessage, where));
    return false;
  }
  if (host->robots->Allowed(path)) return true;
  Stop(FetchOutcome::kRobots, Status(StatusCode::kNetwork, RobotsRefusal(*host), where));
  return false;
}

// Waits for the host's turn and sends the hop (host->busy held). False when the attempt ends
// here.
bool PoliteClient::Attempt::Transfer(HostTable::Host* host, Exchange* ex) {
  client.WaitTurn(host);
  Status s = TransferLoop::Interrupted()
                 ? Status(StatusCode::kNetwork, kCancelledMessage)
                 : client.client_.FetchHop(current, hop == 0 ? &conditional : nullptr, ex);
  result.fetched_at = NowIso8601();
  if (s.ok()) return true;
  if (IsCancelled(s)) {
    // Says nothing about the host: no failure is counted.
    Stop(FetchOutcome::kFailed, Status(s.code(), s.message(), where));
    return false;
  }
  if (!ex->response_head.empty()) {
    client.Archive(*ex, result.fetched_at, std::nullopt, &result.warc);
  }
  Status error(s.code(), s.message(), where);
  if (!IsRefusal(s)) {
    HostFailed(std::move(error), host);
    return false;
  }
  Stop(FetchOutcome::kRefused, std::move(error));
  client.Finished(host);
  return false;
}

// The final hop: its host stays held until its outcome is known.
PoliteClient::Attempt::Next PoliteClient::Attempt::Conclude(Exchange ex, HostTable::Host* host) {
  resp.exchanges.push_back(std::move(ex));
  ArchiveFinal(resp.exchanges.back());
  const size_t max_decoded = client.client_.options().max_decoded_bytes;
  if (Status decoded = FinishResponse(&resp, max_decoded); !decoded.ok()) {
    return HostFailed(Status(decoded.code(), decoded.message(), where), host);
  }
  if (Retryable(resp.status)) return Retry(host);
  if (resp.status >= 500) {
    NoteFailure(host);
  } else {
    host->failures = 0;
  }
  client.Finished(host);
  result.response = std::move(resp);
  return Next::kDone;
}

// Archives the final exchange, as a revisit when it is a 304 or repeats known_digest, and
// sets the outcome accordingly.
void PoliteClient::Attempt::ArchiveFinal(const Exchange& last) {
  std::optional<Revisit> revisit;
  if (last.status == 304) {
    revisit = Revisit{Revisit::Kind::kNotModified, last.url, "", ""};
    result.outcome = FetchOutcome::kNotModified;
  } else if (last.status >= 200 && last.status < 300 && !known_digest.empty() &&
             WarcDigest(last.body) == known_digest) {
    revisit = Revisit{Revisit::Kind::kIdenticalPayload, last.url, "", known_digest};
    result.outcome = FetchOutcome::kIdentical;
  } else {
    result.outcome = FetchOutcome::kResponse;
  }
  client.Archive(last, result.fetched_at, revisit, &result.warc);
  if (result.warc && result.warc->payload_digest.empty() && !revisit) {
    result.warc->payload_digest = WarcDigest(last.body);
  }
}

// A 429 or 503 counts against the host; another attempt follows after the pause, unless the
// retry budget is spent.
PoliteClient::Attempt::Next PoliteClient::Attempt::Retry(HostTable::Host* host) {
  NoteFailure(host);
  client.Finished(host);
  const std::optional<double> wait =
      ParseRetryAfter(resp.retry_after, static_cast<long long>(std::time(nullptr)));
  const double pause = wait ? *wait : std::max(host->delay, 0.05) * std::pow(2.0, number);
  const PolitenessOptions& options = client.options_;
  if (number >= options.max_attempts || pause > options.max_retry_after || host->skipped) {
    result.response = std::move(resp);
    return Stop(FetchOutcome::kFailed,
                Status(StatusCode::kNetwork,
                       "HTTP " + std::to_string(result.response.status) + " after " +
                           std::to_string(number) + " attempt(s)" +
                           (wait ? ", Retry-After " + result.response.retry_after : ""),
                       where));
  }
  host->next_start = std::max(host->next_start, Clock::now() + Seconds(pause));
  return Next::kRetry;  // the next attempt starts again from url
}

PoliteClient::Attempt::Next PoliteClient::Attempt::Stop(FetchOutcome outcome, Status error) {
  result.outcome = outcome;
  result.error = std::move(error);
  return Next::kDone;
}

// Ends the attempt with a failure that counts against the host.
PoliteClient::Attempt::Next PoliteClient::Attempt::HostFailed(Status error, HostTable::Host* host) {
  Stop(FetchOutcome::kFailed, std::move(error));
  NoteFailure(host);
  client.Finished(host);
  return Next::kDone;
}

void PoliteClient::Attempt::NoteFailure(HostTable::Host* host) {
  ++host->failures;
  if (host->failures >= client.options_.host_failures_to_skip) host->skipped = true;
}

// Each hop of a redirect chain is a request to its own host: it takes that host's turn
// and obeys that host's robots.txt. Only one host is held at a time, so two chains
// redirecting in opposite directions cannot wait on each other.
PoliteResult PoliteClient::Fetch(const std::string& url, const ConditionalHeaders& conditional,
                                 const std::string& known_digest, double site_delay) {
  PoliteResult result;
  result.fetched_at = NowIso8601();
  auto first_parts = ParseUrl(url);
  auto first_origin = OriginOf(url);
  if (!first_parts.ok() || !first_origin.ok()) {
    result.error = first_parts.ok() ? first_origin.status() : first_parts.status();
    return result;
  }
  for (int number = 1;; ++number) {
    Attempt attempt(*this, url, conditional, known_digest, site_delay, number, &result);
    Attempt::Next next = Attempt::Next::kHop;
    while (next == Attempt::Next::kHop) next = attempt.RunHop();
    if (next == Attempt::Next::kDone) return result;
  }
}

}  // namespace newsfacts::fetch
