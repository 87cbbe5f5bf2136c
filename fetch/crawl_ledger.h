// CrawlLedger: what the crawler (fetch/crawler.h) remembers between runs, and the only
// way it reads or records it.
//
// The ledger holds the URL frontier (one entry per canonical URL ever discovered, with
// its state and the validators of its last fetch) and the log of every exchange with a
// server. States:
//   new     discovered, not yet fetched (a killed run leaves its unfetched URLs here)
//   done    fetched and recorded; etag / last_modified / payload_digest drive the next
//           conditional GET and the identical-payload check
//   failed  the last attempt failed (retried by a later run, up to a few attempts)
//   gone    410 Gone: never fetched again
//
// fetch/ keeps no storage of its own: `newsfacts fetch` and `newsfacts crawl` implement
// this over the database (cli/store_ledger.h, with store/crawl_state.h), and a run with
// --no-db gives the crawler no ledger at all. So the crawler decides what happened to a
// URL, and the implementation decides how that is written (rows, run ids, transactions).
//
// Errors: whatever the implementation's storage reports, as a Status; the crawler names
// it on its report and goes on.
// Thread safety: every method may be called from several crawling threads at once; an
// implementation serialises what needs it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "fetch/polite.h"

namespace newsfacts::fetch {

// What the ledger knows of one URL.
struct KnownUrl {
  std::string state;       // new, done, failed, gone
  std::string fetched_at;  // ISO 8601 UTC of the last attempt, "" when none
  std::string etag, last_modified, payload_digest;  // of the last fetch that had them
  int attempts = 0;                                 // attempts recorded so far
};

// What one attempt on a URL changed.
struct UrlOutcome {
  std::string state;  // done, failed or gone
  std::optional<int> status;
  std::string fetched_at;
  std::string etag, last_modified, payload_digest;  // "" keeps the known value
  std::string error;                                // why it failed, "" when it did not
};

class CrawlLedger {
 public:
  virtual ~CrawlLedger() = default;

  // The URL's entry, or nullopt when it was never discovered.
  virtual Result<std::optional<KnownUrl>> Find(const std::string& url) = 0;

  // Adds an article URL of `site` to the frontier as `new` unless it is known; a known
  // one gets lastmod (as its source gave it) when lastmod is not "".
  virtual Status Discover(const std::string& url, const std::string& site,
                          const std::string& lastmod) = 0;

  // Article URLs of `site` still to fetch: new, or failed fewer than max_attempts times;
  // oldest discovery first, at most limit.
  virtual Result<std::vector<std::string>> Pending(const std::string& site, int max_attempts,
                                                   int64_t limit) = 0;

  // Logs one exchange: url asked for, fetched gives what came back (any outcome that
  // reached a server).
  virtual Status LogFetch(const std::string& url, const PoliteResult& fetched) = 0;

  // All at once or not at all: logs the exchange as LogFetch() does, records article
  // (when given) as made from it (article's fetch id is set to the logged exchange), and
  // records url's outcome. So a run killed at any point has either recorded the three or
  // none, and a resumed run never refetches what was recorded.
  virtual Status StoreFetched(const std::string& url, const PoliteResult& fetched,
                              const std::string& site, const std::string& kind,
                              const UrlOutcome& outcome, Article* article) = 0;

  // Records an outcome that involved no exchange (refused by robots.txt or the address
  // guard), or a second URL for an exchange already recorded: the URL's state only.
  virtual Status RecordOutcome(const std::string& url, const std::string& site,
                               const std::string& kind, const UrlOutcome& outcome) = 0;
};

}  // namespace newsfacts::fetch
