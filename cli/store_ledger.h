// StoreLedger: the crawler's ledger (fetch/crawl_ledger.h) kept in the database: the
// frontier in crawl_urls and the exchanges in fetches (store/crawl_state.h), each
// exchange and article tagged with the run that made it.
//
// Errors: kStorage from the store, as the store reports them.
// Thread safety: one store connection for every crawling thread, so each call holds a
// lock for its whole length.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fetch/crawl_ledger.h"
#include "store/crawl_state.h"
#include "store/store.h"

namespace newsfacts::cli {

class StoreLedger : public fetch::CrawlLedger {
 public:
  // store must outlive the ledger; run_id is the run the exchanges belong to (0: none).
  StoreLedger(store::Store* store, int64_t run_id) : state_(store), run_id_(run_id) {}

  Result<std::optional<fetch::KnownUrl>> Find(const std::string& url) override;
  Status Discover(const std::string& url, const std::string& site,
                  const std::string& lastmod) override;
  Result<std::vector<std::string>> Pending(const std::string& site, int max_attempts,
                                           int64_t limit) override;
  Status LogFetch(const std::string& url, const fetch::PoliteResult& fetched) override;
  Status StoreFetched(const std::string& url, const fetch::PoliteResult& fetched,
                      const std::string& site, const std::string& kind,
                      const fetch::UrlOutcome& outcome, Article* article) override;
  Status RecordOutcome(const std::string& url, const std::string& site, const std::string& kind,
                       const fetch::UrlOutcome& outcome) override;

 private:
  std::mutex mu_;
  store::CrawlState state_;  // guarded by mu_
  const int64_t run_id_;
};

}  // namespace newsfacts::cli
