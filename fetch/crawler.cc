#include "fetch/crawler.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <set>
#include <thread>

#include "fetch/feeds.h"
#include "fetch/transfer_loop.h"
#include "url/url.h"

namespace newsfacts::fetch {
namespace {

constexpr size_t kMaxSitemapsPerSite = 100;
constexpr int kMaxAttemptsPerUrl = 3;  // runs that may try a failing URL
constexpr size_t kMaxThreads = 32;

// kInterrupted: the run is stopping (Ctrl-C); nothing was recorded, nothing is counted.
enum class PageResult { kStored, kNotModified, kRobots, kRefused, kFailed, kInterrupted };

// The product token robots.txt groups are matched against: the User-Agent's first word
// without its version.
std::string RobotsToken(const std::string& user_agent) {
  std::string token = user_agent.substr(0, user_agent.find_first_of("/ \t"));
  for (char& c : token) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return token.empty() ? "newsfacts" : token;
}

void AddHosts(const std::vector<std::string>& urls, std::set<std::string>* hosts) {
  for (const std::string& u : urls) {
    if (auto parts = ParseUrl(u); parts.ok()) hosts->insert(parts->host);
  }
}

// Whether a server answered with something to record: a response, 304 or the same payload.
bool Answered(FetchOutcome outcome) {
  return outcome == FetchOutcome::kResponse || outcome == FetchOutcome::kNotModified ||
         outcome == FetchOutcome::kIdentical;
}

// What an attempt that reached a server changed for its URL.
UrlOutcome OutcomeOf(const PoliteResult& r, const std::string& state) {
  UrlOutcome outcome;
  outcome.state = state;
  if (r.response.status) outcome.status = r.response.status;
  outcome.fetched_at = r.fetched_at;
  outcome.etag = r.response.etag;
  outcome.last_modified = r.response.last_modified;
  if (r.outcome == FetchOutcome::kResponse && r.warc) {
    outcome.payload_digest = r.warc->payload_digest;
  }
  if (!r.error.ok()) outcome.error = r.error.message();
  return outcome;
}

// The article id of a fetched page: its rel=canonical URL when that is on the same host
// and not the home page (sites that point every page at "/" exist), else the canonical
// form of the URL it was fetched from.
std::string ArticleId(const Article& a, const std::string& fetched_url) {
  if (!a.canonical_url) return fetched_url;
  auto canonical = CanonicalUrl(*a.canonical_url);
  auto parts = ParseUrl(*a.canonical_url);
  auto fetched = ParseUrl(fetched_url);
  if (canonical.ok() && parts.ok() && fetched.ok() && parts->host == fetched->host &&
      parts->path != "/") {
    return *canonical;
  }
  return fetched_url;
}

}  // namespace

// Everything the fetching threads share, and the fetching of one article URL.
struct Crawler::Impl {
  CrawlerOptions options;
  CrawlLedger* ledger = nullptr;  // null: nothing is remembered
  ArticleStages stages;
  CrawlReport* report = nullptr;
  std::unique_ptr<archive::WarcWriter> warc;
  HostTable hosts;
  // Runs every transfer of the run: one multi handle, one connection per host.
  std::shared_ptr<TransferLoop> loop;
  std::atomic<int64_t> stored{0}, failed{0};

  // An HTTP client for which the hosts named are allowed although private, made polite.
  Result<PoliteClient> MakeClient(std::set<std::string> private_hosts);

  // What a conditional GET of url can send: the validators and payload digest of its
  // last recorded fetch, or nothing when it was never recorded.
  struct Validators {
    ConditionalHeaders headers;
    std::string digest;
  };
  Validators KnownValidators(const std::string& url);

  // Fetches one article URL (canonical form) and records what came of it.
  PageResult FetchArticle(PoliteClient& client, const std::string& url, const std::string& site,
                          double delay, bool conditional_get, const std::string& label);
  // A 2xx response made into an article and recorded.
  PageResult StoreArticle(PoliteResult& r, const std::string& url, const std::string& site,
                          const std::string& label);
  // The exchange, the article (when given) and url's new state, in the ledger.
  Status Record(const PoliteResult& r, const std::string& url, const std::string& site,
                const std::string& state, Article* article);
  PageResult Failed(const PoliteResult& r, const std::string& url, const std::string& site,
                    const std::string& label, const std::string& why, const std::string& state);
  PageResult NotFetched(const PoliteResult& r, const std::string& url, const std::string& site,
                        const std::string& label, PageResult result);
  // The page named another URL (alias) as canonical: that URL is the same article, so it
  // is known too (same digest), and listing it later does not fetch the page again.
  void RecordAlias(const PoliteResult& r, const std::string& alias, const std::string& site);
};

Result<PoliteClient> Crawler::Impl::MakeClient(std::set<std::string> private_hosts) {
  FetchOptions http;
  http.user_agent = options.user_agent;
  http.allow_private = options.allow_private;
  http.private_hosts = std::move(private_hosts);
  auto client = HttpClient::Create(http, loop);
  if (!client.ok()) return client.status();
  PolitenessOptions polite;
  polite.robots_agent = RobotsToken(options.user_agent);
  return PoliteClient(std::move(client).value(), &hosts, warc.get(), polite);
}

Crawler::Impl::Validators Crawler::Impl::KnownValidators(const std::string& url) {
  Validators v;
  if (!ledger) return v;
  auto known = ledger->Find(url);
  if (known.ok() && known->has_value() && (*known)->state == "done") {
    v.headers.etag = (*known)->etag;
    v.headers.last_modified = (*known)->last_modified;
    v.digest = (*known)->payload_digest;
  }
  return v;
}

Status Crawler::Impl::Record(const PoliteResult& r, const std::string& url, const std::string& site,
                             const std::string& state, Article* article) {
  if (!ledger) return Status::Ok();
  return ledger->StoreFetched(url, r, site, "article", OutcomeOf(r, state), article);
}

PageResult Crawler::Impl::Failed(const PoliteResult& r, const std::string& url,
                                 const std::string& site, const std::string& label,
                                 const std::string& why, const std::string& state) {
  report->Error(label + url + ": " + why);
  if (Status s = Record(r, url, site, state, nullptr); !s.ok()) report->Error(s.ToString());
  ++failed;
  return PageResult::kFailed;
}

// Not fetched at all: the URL is marked failed (no exchange logged), so a blocked URL is
// tried by a few runs, not named on stderr every night for ever.
PageResult Crawler::Impl::NotFetched(const PoliteResult& r, const std::string& url,
                                     const std::string& site, const std::string& label,
                                     PageResult result) {
  report->Error(label + url + ": " + r.error.message());
  if (ledger) {
    UrlOutcome outcome;
    outcome.state = "failed";
    outcome.fetched_at = r.fetched_at;
    outcome.error = r.error.message();
    if (Status s = ledger->RecordOutcome(url, site, "article", outcome); !s.ok()) {
      report->Error(s.ToString());
    }
  }
  return result;
}

PageResult Crawler::Impl::FetchArticle(PoliteClient& client, const std::string& url,
                                       const std::string& site, double delay, bool conditional_get,
                                       const std::string& label) {
  const Validators known = conditional_get ? KnownValidators(url) : Validators{};
  PoliteResult r = client.Fetch(url, known.headers, known.digest, delay);
  // Cancelled says nothing about the URL: it stays as it was for the next run.
  if (IsCancelled(r.error)) return PageResult::kInterrupted;
  switch (r.outcome) {
    case FetchOutcome::kRobots:
      return NotFetched(r, url, site, label, PageResult::kRobots);
    case FetchOutcome::kRefused:
      return NotFetched(r, url, site, label, PageResult::kRefused);
    case FetchOutcome::kHostSkipped:
      report->Error(label + url + ": " + r.error.message());
      ++failed;
      return PageResult::kFailed;
    case FetchOutcome::kFailed:
      return Failed(r, url, site, label, r.error.message(), "failed");
    case FetchOutcome::kNotModified:
    case FetchOutcome::kIdentical:
      if (Status s = Record(r, url, site, "done", nullptr); !s.ok()) {
        return Failed(r, url, site, label, s.ToString(), "failed");
      }
      return PageResult::kNotModified;
    case FetchOutcome::kResponse:
      break;
  }
  const int status = r.response.status;
  if (status == 410) return Failed(r, url, site, label, "HTTP 410 Gone", "gone");
  if (status < 200 || status >= 300) {
    return Failed(r, url, site, label, "HTTP " + std::to_string(status), "failed");
  }
  return StoreArticle(r, url, site, label);
}

PageResult Crawler::Impl::StoreArticle(PoliteResult& r, const std::string& url,
                                       const std::string& site, const std::string& label) {
  Result<Article> article = stages.make_article(url, &r);
  if (!article.ok()) return Failed(r, url, site, label, article.status().message(), "failed");
  article->id = ArticleId(*article, url);
  report->ArticleMade(*article);
  if (ledger) {
    if (Status s = Record(r, url, site, "done", &*article); !s.ok()) {
      return Failed(r, url, site, label, s.ToString(), "failed");
    }
    if (article->id != url && r.warc) RecordAlias(r, article->id, site);
  }
  ++stored;
  return PageResult::kStored;
}

void Crawler::Impl::RecordAlias(const PoliteResult& r, const std::string& alias,
                                const std::string& site) {
  UrlOutcome outcome;
  outcome.state = "done";
  outcome.status = r.response.status;
  outcome.fetched_at = r.fetched_at;
  outcome.payload_digest = r.warc->payload_digest;
  if (Status s = ledger->RecordOutcome(alias, site, "article", outcome); !s.ok()) {
    report->Error(s.ToString());
  }
}

namespace {

// One pass over one site, in steps: discovery documents (start pages, feeds, sitemaps),
// the plan (which listed URLs to fetch, new ones first), then the article fetches.
class SiteCrawl {
 public:
  SiteCrawl(Crawler::Impl& run, const Site& site)
      : run_(run), site_(site), label_("crawl: " + site.name + ": ") {}

  SiteCounts Run();

 private:
  // Fetches a discovery document (kind: "start page", "feed", "sitemap") and records the
  // exchange; its response when it is new content, nullopt when it failed or is unchanged.
  std::optional<Response> FetchSeed(const std::string& url, const char* kind);
  void RecordSeed(const PoliteResult& r, const std::string& url, const char* kind, bool ok);
  // The site's feeds: its own, then those its start pages announce.
  std::vector<std::string> Feeds();
  // The site's sitemaps: its own or, when it names neither feed nor sitemap, those of
  // its hosts' robots.txt.
  std::vector<std::string> Sitemaps(const std::vector<std::string>& feeds);
  // Reads feeds and sitemaps (sitemap indexes followed) into the candidates.
  void Discover(const std::vector<std::string>& feeds, const std::vector<std::string>& sitemaps);
  void AddCandidate(const DiscoveredEntry& e);
  // Splits the candidates into fresh_ (new, or failed not too often) and recheck_
  // (recorded, and their source says they changed or gives no time).
  void Plan();
  // Adds URLs an earlier run discovered but did not get to (killed, or over its budget).
  void AddPending(int64_t budget);
  void FetchPlanned(int64_t budget);
  void Count(PageResult result);

  Crawler::Impl& run_;
  const Site& site_;
  const std::string label_;
  std::optional<PoliteClient> client_;
  SiteCounts counts_;
  // Candidates in discovery order, with the freshest time the sources gave.
  std::vector<std::string> order_;
  std::map<std::string, std::string> lastmod_;
  std::vector<std::string> fresh_, recheck_;
};

SiteCounts SiteCrawl::Run() {
  std::set<std::string> own_hosts;
  for (const auto* list : {&site_.start, &site_.feeds, &site_.sitemaps}) {
    AddHosts(*list, &own_hosts);
  }
  auto client = run_.MakeClient(std::move(own_hosts));
  if (!client.ok()) {
    run_.report->Error(label_ + client.status().ToString());
    return counts_;
  }
  client_.emplace(std::move(client).value());

  const std::vector<std::string> feeds = Feeds();
  Discover(feeds, Sitemaps(feeds));
  counts_.discovered = static_cast<int64_t>(order_.size());
  if (TransferLoop::Interrupted()) return counts_;

  Plan();
  int64_t budget = site_.max_pages;
  if (run_.options.max_pages >= 0) budget = std::min<int64_t>(budget, run_.options.max_pages);
  if (run_.ledger && static_cast<int64_t>(fresh_.size()) < budget) AddPending(budget);
  FetchPlanned(budget);
  return counts_;
}

// Feeds are fetched with a conditional GET: an unchanged feed (304 or the same bytes)
// lists nothing new, and gives nullopt without an error. Start pages and sitemaps are
// always read whole: a page's feed links and an index's children are not recorded.
std::optional<Response> SiteCrawl::FetchSeed(const std::string& url, const char* kind) {
  const bool conditional_get = std::string(kind) == "feed";
  const auto known = conditional_get ? run_.KnownValidators(url) : Crawler::Impl::Validators{};
  PoliteResult r = client_->Fetch(url, known.headers, known.digest, site_.delay);
  if (IsCancelled(r.error)) return std::nullopt;
  const bool answered = Answered(r.outcome);
  const bool ok = answered && (r.outcome != FetchOutcome::kResponse ||
                               (r.response.status >= 200 && r.response.status < 300));
  if (answered || r.outcome == FetchOutcome::kFailed) RecordSeed(r, url, kind, ok);
  if (!answered) {
    run_.report->Error(label_ + kind + " " + url + ": " + r.error.message());
    return std::nullopt;
  }
  if (!ok) {
    run_.report->Error(label_ + kind + " " + url + ": HTTP " + std::to_string(r.response.status));
    return std::nullopt;
  }
  counts_.reached = true;
  if (r.outcome != FetchOutcome::kResponse) return std::nullopt;  // unchanged
  return std::move(r.response);
}

// A feed's validators are kept with its frontier entry (for the next conditional GET);
// of start pages and sitemaps only the exchange is logged.
void SiteCrawl::RecordSeed(const PoliteResult& r, const std::string& url, const char* kind,
                           bool ok) {
  if (!run_.ledger) return;
  Status st;
  if (std::string(kind) == "feed") {
    st = run_.ledger->StoreFetched(url, r, site_.name, kind, OutcomeOf(r, ok ? "done" : "failed"),
                                   nullptr);
  } else {
    st = run_.ledger->LogFetch(url, r);
  }
  if (!st.ok()) run_.report->Error(label_ + st.ToString());
}

std::vector<std::string> SiteCrawl::Feeds() {
  std::vector<std::string> feeds = site_.feeds;
  for (const std::string& start : site_.start) {
    auto page = FetchSeed(start, "start page");
    if (!page) continue;
    for (const std::string& f : FindFeedLinks(page->body, page->final_url)) {
      if (std::find(feeds.begin(), feeds.end(), f) == feeds.end()) feeds.push_back(f);
    }
  }
  return feeds;
}

std::vector<std::string> SiteCrawl::Sitemaps(const std::vector<std::string>& feeds) {
  std::vector<std::string> sitemaps = site_.sitemaps;
  if (!feeds.empty() || !sitemaps.empty()) return sitemaps;
  for (const std::string& start : site_.start) {
    for (const std::string& s : client_->SitemapsOf(start, site_.delay)) {
      if (std::find(sitemaps.begin(), sitemaps.end(), s) == sitemaps.end()) sitemaps.push_back(s);
    }
  }
  return sitemaps;
}

void SiteCrawl::AddCandidate(const DiscoveredEntry& e) {
  auto c = CanonicalUrl(e.url);
  if (!c.ok() || !site_.Wanted(*c)) return;
  const std::string& text = !e.lastmod.empty() ? e.lastmod : e.published;
  const std::string when = run_.stages.comparable_time(text).value_or("");
  auto [it, fresh] = lastmod_.emplace(*c, when);
  if (fresh) {
    order_.push_back(*c);
  } else if (when > it->second) {
    it->second = when;
  }
}

void SiteCrawl::Discover(const std::vector<std::string>& feeds,
                         const std::vector<std::string>& sitemaps) {
  for (const std::string& feed : feeds) {
    auto doc = FetchSeed(feed, "feed");
    if (!doc) continue;
    auto parsed = ParseDiscovery(doc->body, doc->final_url);
    if (!parsed.ok()) {
      run_.report->Error(label_ + "feed " + feed + ": " + parsed.status().ToString());
      continue;
    }
    for (const auto& e : parsed->entries) AddCandidate(e);
  }
  std::vector<std::string> queue = sitemaps;
  std::set<std::string> seen_maps;
  for (size_t i = 0; i < queue.size() && seen_maps.size() < kMaxSitemapsPerSite; ++i) {
    if (!seen_maps.insert(queue[i]).second) continue;
    auto doc = FetchSeed(queue[i], "sitemap");
    if (!doc) continue;
    auto parsed = ParseDiscovery(doc->body, doc->final_url);
    if (!parsed.ok()) {
      run_.report->Error(label_ + "sitemap " + queue[i] + ": " + parsed.status().ToString());
      continue;
    }
    for (const auto& e : parsed->entries) AddCandidate(e);
    for (const std::string& child : parsed->sitemaps) queue.push_back(child);
  }
}

void SiteCrawl::Plan() {
  for (const std::string& url : order_) {
    if (!run_.ledger) {
      fresh_.push_back(url);
      continue;
    }
    auto known = run_.ledger->Find(url);
    if (!known.ok()) {
      run_.report->Error(label_ + known.status().ToString());
      continue;
    }
    if (!known->has_value()) {
      if (Status s = run_.ledger->Discover(url, site_.name, lastmod_[url]); !s.ok()) {
        run_.report->Error(label_ + s.ToString());
      }
      fresh_.push_back(url);
      continue;
    }
    const KnownUrl& u = **known;
    if (u.state == "gone") continue;
    if (u.state == "new" || (u.state == "failed" && u.attempts < kMaxAttemptsPerUrl)) {
      fresh_.push_back(url);
    } else if (u.state == "done" && (lastmod_[url].empty() || lastmod_[url] > u.fetched_at)) {
      recheck_.push_back(url);
    }
  }
}

void SiteCrawl::AddPending(int64_t budget) {
  auto pending = run_.ledger->Pending(site_.name, kMaxAttemptsPerUrl, budget);
  if (!pending.ok()) {
    run_.report->Error(label_ + pending.status().ToString());
    return;
  }
  std::set<std::string> planned(fresh_.begin(), fresh_.end());
  for (const std::string& url : *pending) {
    if (site_.Wanted(url) && planned.insert(url).second) fresh_.push_back(url);
  }
}

void SiteCrawl::FetchPlanned(int64_t budget) {
  for (const auto* list : {&fresh_, &recheck_}) {
    for (const std::string& url : *list) {
      if (budget <= 0 || TransferLoop::Interrupted()) return;
      --budget;
      Count(run_.FetchArticle(*client_, url, site_.name, site_.delay, true, label_));
    }
  }
}

void SiteCrawl::Count(PageResult result) {
  switch (result) {
    case PageResult::kStored:
      ++counts_.fetched;
      break;
    case PageResult::kNotModified:
      ++counts_.not_modified;
      break;
    case PageResult::kRobots:
      ++counts_.robots;
      break;
    case PageResult::kRefused:
      ++counts_.refused;
      break;
    case PageResult::kFailed:
      ++counts_.failed;
      break;
    case PageResult::kInterrupted:
      break;
  }
}

}  // namespace

Result<std::unique_ptr<Crawler>> Crawler::Create(CrawlerOptions options, CrawlLedger* ledger,
                                                 ArticleStages stages, CrawlReport* report) {
  auto impl = std::make_unique<Impl>();
  auto writer = archive::WarcWriter::Open(options.warc);
  if (!writer.ok()) return writer.status();
  impl->warc = std::move(writer).value();
  auto loop = TransferLoop::Create(FetchOptions());
  if (!loop.ok()) return loop.status();
  impl->loop = std::move(loop).value();
  impl->options = std::move(options);
  impl->ledger = ledger;
  impl->stages = std::move(stages);
  impl->report = report;
  return std::unique_ptr<Crawler>(new Crawler(std::move(impl)));
}

Crawler::Crawler(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Crawler::~Crawler() { Stop(); }

void Crawler::Stop() { impl_->loop->Stop(); }

int64_t Crawler::stored() const { return impl_->stored; }
int64_t Crawler::failed() const { return impl_->failed; }

std::vector<SiteCounts> Crawler::CrawlSites(const std::vector<Site>& sites) {
  std::vector<SiteCounts> counts(sites.size());
  std::atomic<size_t> next{0};
  const size_t limit =
      impl_->options.threads > 0 ? static_cast<size_t>(impl_->options.threads) : kMaxThreads;
  const size_t workers = std::min(sites.size(), limit);
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < sites.size(); i = next++) {
        counts[i] = SiteCrawl(*impl_, sites[i]).Run();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return counts;
}

Result<bool> Crawler::FetchUrls(const std::vector<std::string>& urls, double delay) {
  std::set<std::string> own_hosts;
  AddHosts(urls, &own_hosts);
  auto client = impl_->MakeClient(std::move(own_hosts));
  if (!client.ok()) return client.status();
  bool all_stored = true;
  for (const std::string& url : urls) {
    if (TransferLoop::Interrupted()) break;
    auto parts = ParseUrl(url);
    const std::string site = parts.ok() ? parts->host : std::string();
    const PageResult r = impl_->FetchArticle(*client, url, site, delay,
                                             /*conditional_get=*/false, "fetch: ");
    if (r != PageResult::kStored) all_stored = false;
    if (r == PageResult::kRobots || r == PageResult::kRefused) ++impl_->failed;
  }
  return all_stored;
}

}  // namespace newsfacts::fetch
