// Crawl state in the database (schema v2): the URL frontier with each URL's
// validators, the fetches log, and the lock that keeps two crawls apart.
//
// crawl_urls holds one row per canonical URL ever discovered, with its state:
//   new     discovered, not yet fetched (a killed run leaves its unfetched URLs here)
//   done    fetched and stored; etag / last_modified / payload_digest drive the next
//           conditional GET and the identical-payload check
//   failed  the last attempt failed (retried by a later run)
//   gone    410 Gone: never fetched again
//
// Atomicity. StoreFetched() writes the fetches row, the article (with its fetch_id) and
// the URL's new state in ONE transaction, so a run killed at any point either stored all
// three or none: a resumed run refetches only what was not committed, and never leaves a
// duplicate fetches or articles row for one stored fetch.
//
// Errors: kStorage in the store's one form (store/stmt.h), naming the database file.
// Thread safety: a CrawlState is used by one thread at a time, like its Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "store/store.h"

namespace newsfacts::store {

// One row of `fetches`.
struct FetchRow {
  std::string url;
  std::string final_url;  // stored only when different from url
  std::optional<int> status;
  std::string fetched_at;  // ISO 8601 UTC
  std::string content_type, etag, last_modified;
  std::string warc_file;
  std::optional<int64_t> warc_offset, warc_length;
  std::string warc_record_id, payload_digest;
  std::string error;  // why the fetch failed, "" when it did not
  int64_t run_id = 0;
};

struct UrlState {
  std::string url;
  std::string site;
  std::string kind;   // article, feed, sitemap, page
  std::string state;  // new, done, failed, gone
  std::string lastmod, fetched_at, etag, last_modified, payload_digest;
  std::optional<int64_t> fetch_id;
  int attempts = 0;
};

// What one attempt on a URL changed.
struct UrlOutcome {
  std::string state;  // done, failed or gone
  std::optional<int> status;
  std::string fetched_at;
  std::string etag, last_modified, payload_digest;  // "" keeps the stored value
  std::string error;
};

class CrawlState {
 public:
  // store must outlive the CrawlState.
  explicit CrawlState(Store* store) : store_(store) {}

  // Adds url to the frontier as `new` unless it is already known; updates the known
  // row's lastmod when one is given. Returns true when the URL was new.
  Result<bool> Discover(const std::string& url, const std::string& site, const std::string& kind,
                        const std::string& lastmod);

  // The URL's row, or nullopt.
  Result<std::optional<UrlState>> Get(const std::string& url);

  // URLs of `site` still to fetch: state new, or failed fewer than max_attempts times;
  // oldest discovery first, at most limit.
  Result<std::vector<std::string>> Pending(const std::string& site, int max_attempts,
                                           int64_t limit);

  // Appends a fetches row; returns its id.
  Result<int64_t> RecordFetch(const FetchRow& row);

  // Records an outcome that involved no exchange (refused by robots.txt or the address
  // guard): the URL's state, attempts and last_error, no fetches row.
  Status RecordOutcome(const std::string& url, const std::string& site, const std::string& kind,
                       const UrlOutcome& outcome) {
    return SetOutcome(url, site, kind, outcome, std::nullopt);
  }

  // In one transaction: the fetches row, the article (when given; its fetch_id is set to
  // the new row), and the URL's outcome. Returns the fetches row id.
  Result<int64_t> StoreFetched(const FetchRow& row, Article* article, int64_t run_id,
                               const std::string& url, const std::string& site,
                               const std::string& kind, const UrlOutcome& outcome);

 private:
  Status SetOutcome(const std::string& url, const std::string& site, const std::string& kind,
                    const UrlOutcome& outcome, std::optional<int64_t> fetch_id);
  Store* store_;
};

// An exclusive advisory lock (flock) on "<database>.lock", held for a crawl's lifetime
// and released by the kernel if the process dies. Movable, not copyable.
class CrawlLock {
 public:
  // The lock, or nullopt when another process holds it (never waits).
  // kIo when the lock file cannot be created.
  static Result<std::optional<CrawlLock>> TryAcquire(const std::string& db_path);

  CrawlLock(CrawlLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CrawlLock& operator=(CrawlLock&& other) noexcept;
  CrawlLock(const CrawlLock&) = delete;
  CrawlLock& operator=(const CrawlLock&) = delete;
  ~CrawlLock();

 private:
  explicit CrawlLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace newsfacts::store
