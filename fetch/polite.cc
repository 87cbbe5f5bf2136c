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

  auto note_failure = [&](HostTable::Host* host) {
    ++host->failures;
    if (host->failures >= options_.host_failures_to_skip) host->skipped = true;
  };
  const size_t max_decoded = client_.options().max_decoded_bytes;

  for (int attempt = 1;; ++attempt) {
    Response resp;
    resp.url = url;
    std::string current = url;
    std::vector<std::string> visited = {VisitKey(url)};
    for (int hop = 0;; ++hop) {
      const std::string where = hop == 0 ? url : url + " (redirected to " + current + ")";
      auto parts = ParseUrl(current);
      auto origin = OriginOf(current);
      if (!parts.ok() || !origin.ok()) {
        const Status& bad = parts.ok() ? origin.status() : parts.status();
        result.outcome = FetchOutcome::kFailed;
        result.error = Status(StatusCode::kNetwork, bad.message(), where);
        return result;
      }
      // Refused before robots.txt, so that nothing at all is sent to a refused host.
      if (Status s = CheckAddress(current, client_.options()); !s.ok()) {
        result.outcome = IsRefusal(s) ? FetchOutcome::kRefused : FetchOutcome::kFailed;
        result.error = Status(s.code(), s.message(), where);
        return result;
      }
      auto host = hosts_->Get(*origin);
      std::unique_lock<std::mutex> lock(host->busy);
      host->delay = std::max(host->delay, site_delay);
      if (host->skipped) {
        result.outcome = FetchOutcome::kHostSkipped;
        result.error = Status(StatusCode::kNetwork,
                              "host skipped for this run after " + std::to_string(host->failures) +
                                  " failures in a row",
                              where);
        return result;
      }
      if (!host->robots) LoadRobots(*origin, host.get());
      if (TransferLoop::Interrupted()) {
        // robots.txt may have been cut short too: its verdict means nothing now.
        result.outcome = FetchOutcome::kFailed;
        result.error = Status(StatusCode::kNetwork, kCancelledMessage, where);
        return result;
      }
      if (!host->robots->Allowed(PathAndQuery(*parts))) {
        result.outcome = FetchOutcome::kRobots;
        result.error =
            Status(StatusCode::kNetwork,
                   host->robots_status == 0 ? "robots.txt unreachable (" + host->robots_error +
                                                  "): nothing fetched from this host"
                   : host->robots_status >= 500
                       ? "robots.txt answered HTTP " + std::to_string(host->robots_status) +
                             ": nothing fetched from this host"
                       : "disallowed by robots.txt",
                   where);
        return result;
      }

      WaitTurn(host.get());
      Exchange ex;
      Status s = TransferLoop::Interrupted()
                     ? Status(StatusCode::kNetwork, kCancelledMessage)
                     : client_.FetchHop(current, hop == 0 ? &conditional : nullptr, &ex);
      result.fetched_at = NowIso8601();
      if (IsCancelled(s)) {
        // Says nothing about the host: no failure is counted.
        result.outcome = FetchOutcome::kFailed;
        result.error = Status(s.code(), s.message(), where);
        return result;
      }
      if (!s.ok()) {
        if (!ex.response_head.empty()) Archive(ex, result.fetched_at, std::nullopt, &result.warc);
        result.outcome = IsRefusal(s) ? FetchOutcome::kRefused : FetchOutcome::kFailed;
        result.error = Status(s.code(), s.message(), where);
        if (result.outcome == FetchOutcome::kFailed) note_failure(host.get());
        Finished(host.get());
        return result;
      }
      std::string next;
      s = NextHop(ex, hop, client_.options().max_redirects, url, &visited, &next);
      if (!s.ok()) {
        Archive(ex, result.fetched_at, std::nullopt, &result.warc);
        result.outcome = FetchOutcome::kFailed;
        result.error = std::move(s);
        note_failure(host.get());
        Finished(host.get());
        return result;
      }
      if (!next.empty()) {
        Archive(ex, result.fetched_at, std::nullopt, nullptr);
        host->failures = 0;
        Finished(host.get());
        resp.exchanges.push_back(std::move(ex));
        current = std::move(next);
        continue;
      }

      // The final hop: its host stays held until its outcome is known.
      resp.exchanges.push_back(std::move(ex));
      const Exchange& last = resp.exchanges.back();
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
      Archive(last, result.fetched_at, revisit, &result.warc);
      if (result.warc && result.warc->payload_digest.empty() && !revisit) {
        result.warc->payload_digest = WarcDigest(last.body);
      }
      if (Status decoded = FinishResponse(&resp, max_decoded); !decoded.ok()) {
        result.outcome = FetchOutcome::kFailed;
        result.error = Status(decoded.code(), decoded.message(), where);
        note_failure(host.get());
        Finished(host.get());
        return result;
      }

      if (Retryable(resp.status)) {
        note_failure(host.get());
        Finished(host.get());
        const std::optional<double> wait =
            ParseRetryAfter(resp.retry_after, static_cast<long long>(std::time(nullptr)));
        const double pause = wait ? *wait : std::max(host->delay, 0.05) * std::pow(2.0, attempt);
        if (attempt >= options_.max_attempts || pause > options_.max_retry_after || host->skipped) {
          result.outcome = FetchOutcome::kFailed;
          result.response = std::move(resp);
          result.error = Status(StatusCode::kNetwork,
                                "HTTP " + std::to_string(result.response.status) + " after " +
                                    std::to_string(attempt) + " attempt(s)" +
                                    (wait ? ", Retry-After " + result.response.retry_after : ""),
                                where);
          return result;
        }
        host->next_start = std::max(host->next_start, Clock::now() + Seconds(pause));
        break;  // the next attempt starts again from url
      }
      if (resp.status >= 500) {
        note_failure(host.get());
      } else {
        host->failures = 0;
      }
      Finished(host.get());
      result.response = std::move(resp);
      return result;
    }
  }
}

}  // namespace newsfacts::fetch
