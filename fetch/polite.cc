#include "fetch/polite.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iostream>
#include <thread>

#include "fetch/url.h"

namespace newsfacts::fetch {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

bool Retryable(int status) { return status == 429 || status == 503; }

}  // namespace

std::string NowIso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::shared_ptr<HostTable::Host> HostTable::Get(const std::string& origin) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& h = hosts_[origin];
  if (!h) h = std::make_shared<Host>();
  return h;
}

void PoliteClient::WaitTurn(HostTable::Host* host) {
  const auto now = Clock::now();
  if (host->next_start > now) std::this_thread::sleep_until(host->next_start);
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
    url = parts->scheme + "://" + parts->host +
          (parts->port == default_port ? "" : ":" + std::to_string(parts->port)) + "/robots.txt";
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
      host->delay = std::max(host->delay, std::min(*host->robots->crawl_delay(),
                                                   options_.max_crawl_delay));
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

PoliteResult PoliteClient::Fetch(const std::string& url, const ConditionalHeaders& conditional,
                                 const std::string& known_digest, double site_delay) {
  PoliteResult result;
  result.fetched_at = NowIso8601();
  auto parts = ParseUrl(url);
  auto origin = OriginOf(url);
  if (!parts.ok() || !origin.ok()) {
    result.error = parts.ok() ? origin.status() : parts.status();
    return result;
  }
  if (Status s = CheckAddress(url, client_.options()); !s.ok()) {
    result.outcome = IsRefusal(s) ? FetchOutcome::kRefused : FetchOutcome::kFailed;
    result.error = Status(s.code(), s.message(), url);
    return result;
  }
  auto host = hosts_->Get(*origin);
  std::lock_guard<std::mutex> lock(host->busy);
  host->delay = std::max(host->delay, site_delay);
  if (host->skipped) {
    result.outcome = FetchOutcome::kHostSkipped;
    result.error = Status(StatusCode::kNetwork, "host skipped for this run after " +
                                                    std::to_string(host->failures) +
                                                    " failures in a row", url);
    return result;
  }
  if (!host->robots) LoadRobots(*origin, host.get());
  if (!host->robots->Allowed(PathAndQuery(*parts))) {
    result.outcome = FetchOutcome::kRobots;
    result.error = Status(StatusCode::kNetwork,
                          host->robots_status == 0
                              ? "robots.txt unreachable (" + host->robots_error +
                                    "): nothing fetched from this host"
                          : host->robots_status >= 500
                              ? "robots.txt answered HTTP " + std::to_string(host->robots_status) +
                                    ": nothing fetched from this host"
                              : "disallowed by robots.txt",
                          url);
    return result;
  }

  auto note_failure = [&] {
    ++host->failures;
    if (host->failures >= options_.host_failures_to_skip) host->skipped = true;
  };
  for (int attempt = 1;; ++attempt) {
    WaitTurn(host.get());
    std::vector<Exchange> partial;
    auto r = client_.Fetch(url, conditional, &partial);
    result.fetched_at = NowIso8601();
    if (!r.ok()) {
      for (const Exchange& ex : partial) Archive(ex, result.fetched_at, std::nullopt, &result.warc);
      result.outcome = IsRefusal(r.status()) ? FetchOutcome::kRefused : FetchOutcome::kFailed;
      result.error = r.status();
      if (result.outcome == FetchOutcome::kFailed) note_failure();
      Finished(host.get());
      return result;
    }
    Response& resp = *r;
    for (size_t i = 0; i + 1 < resp.exchanges.size(); ++i) {
      Archive(resp.exchanges[i], result.fetched_at, std::nullopt, nullptr);
    }
    const Exchange& last = resp.exchanges.back();
    std::optional<Revisit> revisit;
    if (resp.status == 304) {
      revisit = Revisit{Revisit::Kind::kNotModified, last.url, "", ""};
      result.outcome = FetchOutcome::kNotModified;
    } else if (resp.status >= 200 && resp.status < 300 && !known_digest.empty() &&
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

    if (Retryable(resp.status)) {
      note_failure();
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
                              url);
        return result;
      }
      host->next_start = std::max(host->next_start, Clock::now() + Seconds(pause));
      continue;
    }
    if (resp.status >= 500) {
      note_failure();
    } else {
      host->failures = 0;
    }
    Finished(host.get());
    result.response = std::move(resp);
    return result;
  }
}

}  // namespace newsfacts::fetch
