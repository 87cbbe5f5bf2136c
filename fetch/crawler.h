// The crawl policy of `newsfacts fetch` and `newsfacts crawl` (docs/crawl.md): which
// URLs are fetched, in what order and how often, and what is recorded of each.
//
// CrawlSites(): one pass over each site's start pages, feeds and sitemaps, then the new
// or changed article URLs (conditional GET), up to the site's max_pages; sites in
// parallel (one thread per site, up to CrawlerOptions::threads), every request through
// one TransferLoop, one HostTable (robots.txt, delays, back-off) and one WARC writer.
// The hosts of a site's own start pages, feeds and sitemaps may be loopback or private
// addresses; other hosts only with CrawlerOptions::allow_private.
// FetchUrls(): the given URLs, one after the other, politely all the same.
//
// What the crawler does not do itself, it is given:
//   - a CrawlLedger (fetch/crawl_ledger.h): what is remembered between runs; null when
//     nothing is (every discovered URL is then new, and nothing is recorded);
//   - ArticleStages: turning a fetched page into an Article, and dates as feeds give
//     them into comparable ones (the pipeline's stages, which fetch/ does not link);
//   - a CrawlReport: errors as they happen and each article as it is made. The crawler
//     prints nothing; the per-site counts are returned.
//
// A run interrupted (TransferLoop::Interrupt, e.g. by fetch/stop_signals.h) takes no new
// URL; a transfer it cancelled is neither counted nor recorded, so the next run fetches
// that URL as if this one had not tried.
//
// Thread safety: CrawlSites() and FetchUrls() are called from one thread at a time;
// CrawlSites() calls the ledger, the stages and the report from its site threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archive/warc_writer.h"
#include "common/article.h"
#include "common/status.h"
#include "fetch/crawl_ledger.h"
#include "fetch/http.h"
#include "fetch/polite.h"
#include "fetch/sites.h"

namespace newsfacts::fetch {

struct CrawlerOptions {
  std::string user_agent = kDefaultUserAgent;  // its first word is the robots.txt token
  bool allow_private = false;  // fetch discovered URLs on loopback or private addresses
  int64_t max_pages = -1;      // article fetches per site at most; -1: each site's own
  int threads = 0;             // sites crawled at once; 0: up to 32
  archive::WarcOptions warc;   // where every exchange is archived
};

// Functions from the stages above fetch/. Both are called from any crawling thread at
// once, so they must be reentrant.
struct ArticleStages {
  // The article of a page fetched for url (fetched->outcome is kResponse with a 2xx
  // status); it may take fetched->response.body. Its id is set by the crawler. An error
  // names no URL: the crawler names it.
  std::function<Result<Article>(const std::string& url, PoliteResult* fetched)> make_article;
  // A date or date-time as a feed or sitemap gives it (W3C datetime, RFC 3339, a date)
  // in one form that compares as text in time order, or nullopt when unreadable.
  std::function<std::optional<std::string>(const std::string& text)> comparable_time;
};

// Where the crawler reports. Called from any crawling thread; an implementation
// serialises its output.
class CrawlReport {
 public:
  virtual ~CrawlReport() = default;
  // Something went wrong with one URL, document or site; the crawl goes on. The message
  // starts with the command and site ("crawl: Site: ", "fetch: ") and has no line end.
  virtual void Error(const std::string& message) = 0;
  // An article as made, before the ledger records it.
  virtual void ArticleMade(const Article& article) = 0;
};

// What one pass did on one site.
struct SiteCounts {
  int64_t discovered = 0;    // article URLs its feeds and sitemaps listed (wanted ones)
  int64_t fetched = 0;       // articles made and recorded
  int64_t not_modified = 0;  // 304, or the same payload as the last fetch
  int64_t robots = 0;        // disallowed by robots.txt
  int64_t refused = 0;       // refused by the address guard
  int64_t failed = 0;
  bool reached = false;  // some start page, feed or sitemap answered
};

class Crawler {
 public:
  // Opens the WARC writer and starts the transfer loop. ledger and report must outlive
  // the crawler; ledger may be null. kIo / kNetwork / kInternal from what failed to start.
  static Result<std::unique_ptr<Crawler>> Create(CrawlerOptions options, CrawlLedger* ledger,
                                                 ArticleStages stages, CrawlReport* report);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // One pass over every site (see above); the counts of each, in the order of sites.
  std::vector<SiteCounts> CrawlSites(const std::vector<Site>& sites);

  // Fetches each URL (canonical forms) without conditional GET, delay seconds apart per
  // host, each URL's own host counting as allowed although private (a redirect to
  // another private host is refused). True when every URL fetched was made into an
  // article and recorded. kNetwork when no HTTP client could be made.
  Result<bool> FetchUrls(const std::vector<std::string>& urls, double delay);

  // Run totals, for the run's record: articles recorded, and article URLs that failed
  // (for FetchUrls, those robots.txt or the address guard refused too).
  int64_t stored() const;
  int64_t failed() const;

  // Cancels anything still in flight and stops the transfer loop (the destructor does it
  // too). Idempotent.
  void Stop();

  struct Impl;

 private:
  explicit Crawler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsfacts::fetch
