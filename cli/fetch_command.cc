#include "cli/fetch_command.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "archive/warc_writer.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/process.h"
#include "extract/extract.h"
#include "fetch/feeds.h"
#include "fetch/http.h"
#include "fetch/polite.h"
#include "fetch/sites.h"
#include "fetch/stop_signals.h"
#include "fetch/transfer_loop.h"
#include "fetch/url.h"
#include "store/crawl_state.h"
#include "store/store.h"

namespace newsfacts::cli {
namespace fs = std::filesystem;

namespace {

constexpr int kExitLocked = 3;
constexpr size_t kMaxSitemapsPerSite = 100;
constexpr int kMaxAttemptsPerUrl = 3;  // runs that may try a failing URL

struct Options {
  std::string db = "newsfacts.db";
  std::string warc_dir;  // default: warc/ beside the database
  std::string user_agent = fetch::kDefaultUserAgent;
  std::string rules;
  bool json = false;
  bool no_db = false;
  bool quiet = false;
  double delay = 1.0;  // fetch: seconds between requests to one host
  // crawl
  std::string sites;
  bool allow_private = false;
  int max_pages = -1;  // -1: each site's own max_pages
  int threads = 0;
};

// After EndSession: a stopped run exits 128 + the signal, as if the signal had killed it.
int StoppedStatus(const char* command, int status) {
  const int signo = fetch::StopSignals::Received();
  if (signo == 0) return status;
  std::cerr << "newsfacts: " << command << ": stopped by signal " << signo
            << "; what was stored is kept and the next run carries on\n";
  return 128 + signo;
}

int Fail(const std::string& message) {
  std::cerr << "newsfacts: " << message << "\n";
  return kExitUsage;
}

// The product token robots.txt groups are matched against: the User-Agent's first word
// without its version.
std::string RobotsToken(const std::string& user_agent) {
  std::string token = user_agent.substr(0, user_agent.find_first_of("/ \t"));
  for (char& c : token) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return token.empty() ? "newsfacts" : token;
}

std::string HostOf(const std::string& url) {
  auto p = fetch::ParseUrl(url);
  return p.ok() ? p->host : std::string();
}

// Everything the fetching threads share.
struct Shared {
  const RuleBook* rules = nullptr;
  store::Store* store = nullptr;  // null with --no-db
  std::optional<store::CrawlState> state;
  std::mutex db_mu;  // one connection: one thread at a time
  archive::WarcWriter* warc = nullptr;
  fetch::HostTable hosts;
  // Runs every transfer of the run: one multi handle, one connection per host.
  std::shared_ptr<fetch::TransferLoop> loop;
  int64_t run_id = 0;
  bool json = false;
  std::mutex out_mu;
  std::atomic<int64_t> stored{0}, failed{0};

  void Error(const std::string& message) {
    std::lock_guard<std::mutex> lock(out_mu);
    std::cerr << "newsfacts: " << message << "\n";
  }
};

// kInterrupted: the run is stopping (Ctrl-C); nothing was recorded, nothing is counted.
enum class PageResult { kStored, kNotModified, kRobots, kRefused, kFailed, kInterrupted };

store::FetchRow RowOf(const fetch::PoliteResult& r, const std::string& url, int64_t run_id) {
  store::FetchRow row;
  row.url = url;
  row.final_url = r.response.final_url.empty() ? url : r.response.final_url;
  if (r.response.status) row.status = r.response.status;
  row.fetched_at = r.fetched_at;
  row.content_type = r.response.content_type;
  row.etag = r.response.etag;
  row.last_modified = r.response.last_modified;
  if (r.warc) {
    row.warc_file = r.warc->file;
    row.warc_offset = static_cast<int64_t>(r.warc->offset);
    row.warc_length = static_cast<int64_t>(r.warc->length);
    row.warc_record_id = r.warc->record_id;
    row.payload_digest = r.warc->payload_digest;
  }
  if (!r.error.ok()) row.error = r.error.message();
  row.run_id = run_id;
  return row;
}

// The article id of a fetched page: its rel=canonical URL when that is on the same host
// and not the home page (sites that point every page at "/" exist), else the canonical
// form of the URL it was fetched from.
std::string ArticleId(const Article& a, const std::string& fetched_url) {
  if (a.canonical_url) {
    auto canonical = fetch::CanonicalUrl(*a.canonical_url);
    auto parts = fetch::ParseUrl(*a.canonical_url);
    if (canonical.ok() && parts.ok() && parts->host == HostOf(fetched_url) && parts->path != "/") {
      return *canonical;
    }
  }
  return fetched_url;
}

// What a conditional GET of url can send: the validators and payload digest of its last
// stored fetch, or nothing when it was never stored.
struct Validators {
  fetch::ConditionalHeaders headers;
  std::string digest;
};

Validators KnownValidators(Shared& shared, const std::string& url) {
  Validators v;
  if (!shared.state) return v;
  std::lock_guard<std::mutex> lock(shared.db_mu);
  auto known = shared.state->Get(url);
  if (known.ok() && known->has_value() && (*known)->state == "done") {
    v.headers.etag = (*known)->etag;
    v.headers.last_modified = (*known)->last_modified;
    v.digest = (*known)->payload_digest;
  }
  return v;
}

// Fetches one article URL (canonical form) and stores what came of it.
PageResult FetchArticle(Shared& shared, fetch::PoliteClient& client, const std::string& url,
                        const std::string& site, double delay, bool conditional_get,
                        const std::string& label) {
  const Validators known = conditional_get ? KnownValidators(shared, url) : Validators{};
  fetch::PoliteResult r = client.Fetch(url, known.headers, known.digest, delay);
  // Cancelled says nothing about the URL: it stays as it was for the next run.
  if (fetch::IsCancelled(r.error)) return PageResult::kInterrupted;

  auto record = [&](const std::string& state, Article* article) -> Status {
    if (!shared.state) return Status::Ok();
    store::UrlOutcome outcome;
    outcome.state = state;
    if (r.response.status) outcome.status = r.response.status;
    outcome.fetched_at = r.fetched_at;
    outcome.etag = r.response.etag;
    outcome.last_modified = r.response.last_modified;
    if (r.outcome == fetch::FetchOutcome::kResponse && r.warc) {
      outcome.payload_digest = r.warc->payload_digest;
    }
    if (!r.error.ok()) outcome.error = r.error.message();
    std::lock_guard<std::mutex> lock(shared.db_mu);
    auto id = shared.state->StoreFetched(RowOf(r, url, shared.run_id), article, shared.run_id, url,
                                         site, "article", outcome);
    return id.ok() ? Status::Ok() : id.status();
  };
  auto fail = [&](const std::string& why, const std::string& state) {
    shared.Error(label + url + ": " + why);
    if (Status s = record(state, nullptr); !s.ok()) shared.Error(s.ToString());
    ++shared.failed;
    return PageResult::kFailed;
  };

  // Not fetched at all: the URL is marked failed (no fetches row), so a blocked URL is
  // tried by a few runs, not named on stderr every night for ever.
  auto not_fetched = [&](PageResult result) {
    shared.Error(label + url + ": " + r.error.message());
    if (shared.state) {
      store::UrlOutcome outcome;
      outcome.state = "failed";
      outcome.fetched_at = r.fetched_at;
      outcome.error = r.error.message();
      std::lock_guard<std::mutex> lock(shared.db_mu);
      if (Status s = shared.state->RecordOutcome(url, site, "article", outcome); !s.ok()) {
        shared.Error(s.ToString());
      }
    }
    return result;
  };
  switch (r.outcome) {
    case fetch::FetchOutcome::kRobots:
      return not_fetched(PageResult::kRobots);
    case fetch::FetchOutcome::kRefused:
      return not_fetched(PageResult::kRefused);
    case fetch::FetchOutcome::kHostSkipped:
      shared.Error(label + url + ": " + r.error.message());
      ++shared.failed;
      return PageResult::kFailed;
    case fetch::FetchOutcome::kFailed:
      return fail(r.error.message(), "failed");
    case fetch::FetchOutcome::kNotModified:
    case fetch::FetchOutcome::kIdentical:
      if (Status s = record("done", nullptr); !s.ok()) return fail(s.ToString(), "failed");
      return PageResult::kNotModified;
    case fetch::FetchOutcome::kResponse:
      break;
  }
  const int status = r.response.status;
  if (status == 410) return fail("HTTP 410 Gone", "gone");
  if (status < 200 || status >= 300) return fail("HTTP " + std::to_string(status), "failed");

  Item item;
  item.name = url;
  item.id = url;
  item.url = r.response.final_url;
  item.bytes = std::move(r.response.body);
  item.charset_hint = r.response.charset;
  const std::string type = r.response.content_type;
  item.format = type.rfind("text/plain", 0) == 0 ? InputFormat::kText : InputFormat::kHtml;
  if (r.warc) {
    item.archive = ArchiveRef{r.warc->file,
                              static_cast<int64_t>(r.warc->offset),
                              static_cast<int64_t>(r.warc->length),
                              r.warc->record_id,
                              r.fetched_at,
                              r.warc->payload_digest};
  }
  Result<Article> article = ProcessItem(item, *shared.rules);
  if (!article.ok()) return fail(article.status().message(), "failed");
  article->id = ArticleId(*article, url);
  if (shared.json) {
    std::lock_guard<std::mutex> lock(shared.out_mu);
    std::cout << ToJsonLine(*article) << "\n";
  }
  if (shared.state) {
    if (Status s = record("done", &*article); !s.ok()) return fail(s.ToString(), "failed");
    // The page named another URL as canonical: that URL is the same article, so it is
    // known too (same digest), and listing it later does not fetch the page again.
    if (article->id != url && r.warc) {
      store::UrlOutcome alias;
      alias.state = "done";
      alias.status = r.response.status;
      alias.fetched_at = r.fetched_at;
      alias.payload_digest = r.warc->payload_digest;
      std::lock_guard<std::mutex> lock(shared.db_mu);
      if (Status s = shared.state->RecordOutcome(article->id, site, "article", alias); !s.ok()) {
        shared.Error(s.ToString());
      }
    }
  }
  ++shared.stored;
  return PageResult::kStored;
}

// Opens what fetch and crawl both need. Returns an exit status on failure.
struct Session {
  std::optional<RuleBook> rules;
  std::optional<store::Store> store;
  std::unique_ptr<archive::WarcWriter> warc;
};

int OpenSession(const Options& o, const char* command, Session* s, Shared* shared) {
  auto book = RuleBook::Load(o.rules.empty() ? DefaultRulesDir() : o.rules);
  if (!book.ok()) return Fail(book.status().ToString());
  s->rules.emplace(std::move(book).value());
  shared->rules = &*s->rules;
  if (!o.no_db) {
    auto opened = store::Store::Open(o.db);
    if (!opened.ok()) return Fail(opened.status().ToString());
    s->store.emplace(std::move(opened).value());
    auto run = s->store->BeginRun({NEWSFACTS_VERSION, s->rules->versions(), command, ""});
    if (!run.ok()) return Fail(run.status().ToString());
    shared->run_id = *run;
    shared->store = &*s->store;
    shared->state.emplace(&*s->store);
  }
  archive::WarcOptions w;
  w.dir = !o.warc_dir.empty() ? o.warc_dir : (fs::path(o.db).parent_path() / "warc").string();
  w.software = std::string("newsfacts/") + NEWSFACTS_VERSION;
  w.user_agent = o.user_agent;
  auto writer = archive::WarcWriter::Open(w);
  if (!writer.ok()) return Fail(writer.status().ToString());
  s->warc = std::move(writer).value();
  shared->warc = s->warc.get();
  shared->json = o.json;
  auto loop = fetch::TransferLoop::Create(fetch::FetchOptions());
  if (!loop.ok()) return Fail(loop.status().ToString());
  shared->loop = std::move(loop).value();
  return kExitOk;
}

int EndSession(Session* s, Shared* shared, int status) {
  // Every fetching thread has returned: nothing is left in flight.
  if (shared->loop) shared->loop->Stop();
  std::cout.flush();
  if (s->store) {
    if (Status e = s->store->EndRun(shared->run_id, shared->stored, shared->failed); !e.ok()) {
      std::cerr << "newsfacts: " << e.ToString() << "\n";
      return std::max(status, kExitSomeFailed);
    }
  }
  return status;
}

fetch::FetchOptions HttpOptions(const Options& o) {
  fetch::FetchOptions f;
  f.user_agent = o.user_agent;
  f.allow_private = o.allow_private;
  return f;
}

int FetchUrls(const Options& o, const std::vector<std::string>& urls) {
  if (urls.empty()) return Fail("fetch: no URL given");
  std::vector<std::string> canonical;
  for (const std::string& u : urls) {
    auto c = fetch::CanonicalUrl(u);
    if (!c.ok()) return Fail("fetch: " + c.status().ToString());
    canonical.push_back(*c);
  }
  Session session;
  Shared shared;
  if (int rc = OpenSession(o, "fetch", &session, &shared); rc != kExitOk) return rc;
  fetch::StopSignals stop_signals;  // Ctrl-C: see StoppedStatus()

  // URLs given on the command line are fetched even on private addresses; redirects
  // from them to other private hosts are not.
  fetch::FetchOptions http = HttpOptions(o);
  for (const std::string& u : canonical) http.private_hosts.insert(HostOf(u));
  auto client = fetch::HttpClient::Create(http, shared.loop);
  if (!client.ok()) return Fail(client.status().ToString());
  fetch::PolitenessOptions polite;
  polite.robots_agent = RobotsToken(o.user_agent);
  fetch::PoliteClient fetcher(std::move(client).value(), &shared.hosts, shared.warc, polite);

  int status = kExitOk;
  for (const std::string& url : canonical) {
    if (fetch::TransferLoop::Interrupted()) break;
    PageResult r = FetchArticle(shared, fetcher, url, HostOf(url), o.delay,
                                /*conditional_get=*/false, "fetch: ");
    if (r != PageResult::kStored) status = kExitSomeFailed;
    if (r == PageResult::kRobots || r == PageResult::kRefused) ++shared.failed;
  }
  return StoppedStatus("fetch", EndSession(&session, &shared, status));
}

struct SiteCounts {
  int64_t discovered = 0, fetched = 0, not_modified = 0, robots = 0, refused = 0, failed = 0;
  bool reached = false;
};

// W3C datetime, RFC 3339 or a date, as the frontier compares them: "" when unreadable.
std::string ComparableTime(const std::string& text) {
  return NormaliseTimestamp(text).value_or("");
}

SiteCounts CrawlSite(Shared& shared, const fetch::Site& site, const Options& o) {
  SiteCounts counts;
  const std::string label = "crawl: " + site.name + ": ";
  fetch::FetchOptions http = HttpOptions(o);
  for (const auto* list : {&site.start, &site.feeds, &site.sitemaps}) {
    for (const std::string& u : *list) http.private_hosts.insert(HostOf(u));
  }
  auto made = fetch::HttpClient::Create(http, shared.loop);
  if (!made.ok()) {
    shared.Error(label + made.status().ToString());
    return counts;
  }
  fetch::PolitenessOptions polite;
  polite.robots_agent = RobotsToken(o.user_agent);
  fetch::PoliteClient client(std::move(made).value(), &shared.hosts, shared.warc, polite);

  // Fetches a discovery document (start page, feed, sitemap) and records the exchange.
  // Feeds are fetched with a conditional GET: an unchanged feed (304 or the same bytes)
  // lists nothing new, and gives nullopt without an error. Start pages and sitemaps are
  // always read whole: a page's feed links and an index's children are not stored.
  auto fetch_seed = [&](const std::string& url,
                        const char* kind) -> std::optional<fetch::Response> {
    const bool conditional_get = std::string(kind) == "feed";
    const Validators known = conditional_get ? KnownValidators(shared, url) : Validators{};
    fetch::PoliteResult r = client.Fetch(url, known.headers, known.digest, site.delay);
    if (fetch::IsCancelled(r.error)) return std::nullopt;
    const bool answered = r.outcome == fetch::FetchOutcome::kResponse ||
                          r.outcome == fetch::FetchOutcome::kNotModified ||
                          r.outcome == fetch::FetchOutcome::kIdentical;
    const bool ok = answered && (r.outcome != fetch::FetchOutcome::kResponse ||
                                 (r.response.status >= 200 && r.response.status < 300));
    if (shared.state && (answered || r.outcome == fetch::FetchOutcome::kFailed)) {
      std::lock_guard<std::mutex> lock(shared.db_mu);
      Status st;
      if (conditional_get) {
        store::UrlOutcome outcome;
        outcome.state = ok ? "done" : "failed";
        if (r.response.status) outcome.status = r.response.status;
        outcome.fetched_at = r.fetched_at;
        outcome.etag = r.response.etag;
        outcome.last_modified = r.response.last_modified;
        if (r.outcome == fetch::FetchOutcome::kResponse && r.warc) {
          outcome.payload_digest = r.warc->payload_digest;
        }
        if (!r.error.ok()) outcome.error = r.error.message();
        st = shared.state
                 ->StoreFetched(RowOf(r, url, shared.run_id), nullptr, shared.run_id, url,
                                site.name, kind, outcome)
                 .status();
      } else {
        st = shared.state->RecordFetch(RowOf(r, url, shared.run_id)).status();
      }
      if (!st.ok()) shared.Error(label + st.ToString());
    }
    if (!answered) {
      shared.Error(label + kind + " " + url + ": " + r.error.message());
      return std::nullopt;
    }
    if (!ok) {
      shared.Error(label + kind + " " + url + ": HTTP " + std::to_string(r.response.status));
      return std::nullopt;
    }
    counts.reached = true;
    if (r.outcome != fetch::FetchOutcome::kResponse) return std::nullopt;  // unchanged
    return std::move(r.response);
  };

  std::vector<std::string> feeds = site.feeds;
  for (const std::string& start : site.start) {
    auto page = fetch_seed(start, "start page");
    if (!page) continue;
    for (const std::string& f : fetch::FindFeedLinks(page->body, page->final_url)) {
      if (std::find(feeds.begin(), feeds.end(), f) == feeds.end()) feeds.push_back(f);
    }
  }
  std::vector<std::string> sitemaps = site.sitemaps;
  if (feeds.empty() && sitemaps.empty()) {
    for (const std::string& start : site.start) {
      for (const std::string& s : client.SitemapsOf(start, site.delay)) {
        if (std::find(sitemaps.begin(), sitemaps.end(), s) == sitemaps.end()) sitemaps.push_back(s);
      }
    }
  }

  // Candidates in discovery order, with the freshest time the sources gave.
  std::vector<std::string> order;
  std::map<std::string, std::string> lastmod;
  auto add = [&](const fetch::DiscoveredEntry& e) {
    auto c = fetch::CanonicalUrl(e.url);
    if (!c.ok() || !site.Wanted(*c)) return;
    const std::string when = ComparableTime(!e.lastmod.empty() ? e.lastmod : e.published);
    auto [it, fresh] = lastmod.emplace(*c, when);
    if (fresh) {
      order.push_back(*c);
    } else if (when > it->second) {
      it->second = when;
    }
  };
  for (const std::string& feed : feeds) {
    auto doc = fetch_seed(feed, "feed");
    if (!doc) continue;
    auto parsed = fetch::ParseDiscovery(doc->body, doc->final_url);
    if (!parsed.ok()) {
      shared.Error(label + "feed " + feed + ": " + parsed.status().ToString());
      continue;
    }
    for (const auto& e : parsed->entries) add(e);
  }
  std::vector<std::string> queue = sitemaps;
  std::set<std::string> seen_maps;
  for (size_t i = 0; i < queue.size() && seen_maps.size() < kMaxSitemapsPerSite; ++i) {
    if (!seen_maps.insert(queue[i]).second) continue;
    auto doc = fetch_seed(queue[i], "sitemap");
    if (!doc) continue;
    auto parsed = fetch::ParseDiscovery(doc->body, doc->final_url);
    if (!parsed.ok()) {
      shared.Error(label + "sitemap " + queue[i] + ": " + parsed.status().ToString());
      continue;
    }
    for (const auto& e : parsed->entries) add(e);
    for (const std::string& child : parsed->sitemaps) queue.push_back(child);
  }
  counts.discovered = static_cast<int64_t>(order.size());
  if (fetch::TransferLoop::Interrupted()) return counts;

  // Plan: new URLs first, then known ones whose source says they changed (or gives no
  // time, so only the server can say), each known one with a conditional GET.
  std::vector<std::string> fresh, recheck;
  for (const std::string& url : order) {
    if (!shared.state) {
      fresh.push_back(url);
      continue;
    }
    std::lock_guard<std::mutex> lock(shared.db_mu);
    auto known = shared.state->Get(url);
    if (!known.ok()) {
      shared.Error(label + known.status().ToString());
      continue;
    }
    if (!known->has_value()) {
      auto added = shared.state->Discover(url, site.name, "article", lastmod[url]);
      if (!added.ok()) shared.Error(label + added.status().ToString());
      fresh.push_back(url);
      continue;
    }
    const store::UrlState& u = **known;
    if (u.state == "gone") continue;
    if (u.state == "new" || (u.state == "failed" && u.attempts < kMaxAttemptsPerUrl)) {
      fresh.push_back(url);
    } else if (u.state == "done" && (lastmod[url].empty() || lastmod[url] > u.fetched_at)) {
      recheck.push_back(url);
    }
  }
  int64_t budget = site.max_pages;
  if (o.max_pages >= 0) budget = std::min<int64_t>(budget, o.max_pages);
  // URLs an earlier run discovered but did not get to (killed, or over its budget).
  if (shared.state && static_cast<int64_t>(fresh.size()) < budget) {
    std::vector<std::string> pending;
    {
      std::lock_guard<std::mutex> lock(shared.db_mu);
      auto p = shared.state->Pending(site.name, kMaxAttemptsPerUrl, budget);
      if (p.ok()) {
        pending = std::move(p).value();
      } else {
        shared.Error(label + p.status().ToString());
      }
    }
    std::set<std::string> planned(fresh.begin(), fresh.end());
    for (const std::string& url : pending) {
      if (site.Wanted(url) && planned.insert(url).second) fresh.push_back(url);
    }
  }
  for (const auto* list : {&fresh, &recheck}) {
    for (const std::string& url : *list) {
      if (budget <= 0 || fetch::TransferLoop::Interrupted()) break;
      --budget;
      switch (FetchArticle(shared, client, url, site.name, site.delay, true, label)) {
        case PageResult::kStored:
          ++counts.fetched;
          break;
        case PageResult::kNotModified:
          ++counts.not_modified;
          break;
        case PageResult::kRobots:
          ++counts.robots;
          break;
        case PageResult::kRefused:
          ++counts.refused;
          break;
        case PageResult::kFailed:
          ++counts.failed;
          break;
        case PageResult::kInterrupted:
          break;
      }
    }
  }
  return counts;
}

int Crawl(const Options& o) {
  if (o.sites.empty()) return Fail("crawl: --sites FILE is required");
  auto sites = fetch::LoadSites(o.sites);
  if (!sites.ok()) return Fail("crawl: " + sites.status().ToString());

  std::error_code ec;
  if (!o.no_db) {
    const fs::path dir = fs::path(o.db).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
  }
  auto lock = store::CrawlLock::TryAcquire(o.no_db ? o.db + ".nodb" : o.db);
  if (!lock.ok()) return Fail("crawl: " + lock.status().ToString());
  if (!lock->has_value()) {
    std::cerr << "newsfacts: crawl: another crawl holds the lock on " << o.db << " (" << o.db
              << ".lock); exiting\n";
    return kExitLocked;
  }

  Session session;
  Shared shared;
  if (int rc = OpenSession(o, "crawl", &session, &shared); rc != kExitOk) return rc;
  fetch::StopSignals stop_signals;  // Ctrl-C: see StoppedStatus()

  std::vector<SiteCounts> counts(sites->size());
  std::atomic<size_t> next{0};
  const size_t workers =
      std::min(sites->size(), static_cast<size_t>(o.threads > 0 ? o.threads : 32));
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < sites->size(); i = next++) {
        counts[i] = CrawlSite(shared, (*sites)[i], o);
      }
    });
  }
  for (std::thread& t : threads) t.join();

  int status = kExitOk;
  for (size_t i = 0; i < sites->size(); ++i) {
    const SiteCounts& c = counts[i];
    if (!o.quiet) {
      std::cout << (*sites)[i].name << ": discovered " << c.discovered << ", fetched " << c.fetched
                << ", not modified " << c.not_modified << ", robots " << c.robots << ", refused "
                << c.refused << ", failed " << c.failed << "\n";
    }
    if (!c.reached && fetch::StopSignals::Received() == 0) {
      std::cerr << "newsfacts: crawl: " << (*sites)[i].name
                << ": not reached (no start page, feed or sitemap could be fetched)\n";
      status = kExitSomeFailed;
    }
  }
  return StoppedStatus("crawl", EndSession(&session, &shared, status));
}

}  // namespace

void AddFetchCommands(CLI::App* app, int* status) {
  auto options = std::make_shared<Options>();
  auto urls = std::make_shared<std::vector<std::string>>();

  CLI::App* f = app->add_subcommand("fetch", "fetch pages politely, archive them (WARC), extract");
  f->add_option("--db", options->db, "database file")->capture_default_str();
  f->add_option("--warc-dir", options->warc_dir,
                "WARC directory (default: warc/ beside the database)");
  f->add_option("--user-agent", options->user_agent, "User-Agent header (name a contact URL)");
  f->add_option("--rules", options->rules, "rule directory (default: the shipped rules)");
  f->add_option("--delay", options->delay, "seconds between requests to one host")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  f->add_flag("--json", options->json, "also write each article as a JSON line to stdout");
  f->add_flag("--no-db", options->no_db, "do not write a database");
  f->add_flag("--quiet", options->quiet, "no progress output (fetch prints none)");
  f->add_option("urls", *urls, "URLs to fetch")->required();
  f->callback([options, urls, status] { *status = FetchUrls(*options, *urls); });

  CLI::App* c = app->add_subcommand("crawl", "one crawl pass over sites' feeds and sitemaps");
  c->add_option("--sites", options->sites, "sites file (TOML)")->required();
  c->add_option("--db", options->db, "database file")->capture_default_str();
  c->add_option("--warc-dir", options->warc_dir,
                "WARC directory (default: warc/ beside the database)");
  c->add_option("--user-agent", options->user_agent, "User-Agent header (name a contact URL)");
  c->add_option("--rules", options->rules, "rule directory (default: the shipped rules)");
  c->add_flag("--allow-private", options->allow_private,
              "fetch discovered URLs on loopback or private addresses");
  c->add_option("--max-pages", options->max_pages, "at most N article fetches per site")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--threads", options->threads, "sites crawled at once (default: up to 32)")
      ->check(CLI::NonNegativeNumber);
  c->add_flag("--json", options->json, "also write each article as a JSON line to stdout");
  c->add_flag("--quiet", options->quiet, "no line per site at the end");
  c->callback([options, status] { *status = Crawl(*options); });
}

}  // namespace newsfacts::cli
