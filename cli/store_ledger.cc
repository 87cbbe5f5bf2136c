#include "cli/store_ledger.h"

namespace newsfacts::cli {
namespace {

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

store::UrlOutcome OutcomeOf(const fetch::UrlOutcome& o) {
  store::UrlOutcome out;
  out.state = o.state;
  out.status = o.status;
  out.fetched_at = o.fetched_at;
  out.etag = o.etag;
  out.last_modified = o.last_modified;
  out.payload_digest = o.payload_digest;
  out.error = o.error;
  return out;
}

}  // namespace

Result<std::optional<fetch::KnownUrl>> StoreLedger::Find(const std::string& url) {
  std::lock_guard<std::mutex> lock(mu_);
  auto row = state_.Get(url);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return std::optional<fetch::KnownUrl>();
  const store::UrlState& u = **row;
  fetch::KnownUrl known;
  known.state = u.state;
  known.fetched_at = u.fetched_at;
  known.etag = u.etag;
  known.last_modified = u.last_modified;
  known.payload_digest = u.payload_digest;
  known.attempts = u.attempts;
  return std::optional<fetch::KnownUrl>(std::move(known));
}

Status StoreLedger::Discover(const std::string& url, const std::string& site,
                             const std::string& lastmod) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.Discover(url, site, "article", lastmod).status();
}

Result<std::vector<std::string>> StoreLedger::Pending(const std::string& site, int max_attempts,
                                                      int64_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.Pending(site, max_attempts, limit);
}

Status StoreLedger::LogFetch(const std::string& url, const fetch::PoliteResult& fetched) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.RecordFetch(RowOf(fetched, url, run_id_)).status();
}

Status StoreLedger::StoreFetched(const std::string& url, const fetch::PoliteResult& fetched,
                                 const std::string& site, const std::string& kind,
                                 const fetch::UrlOutcome& outcome, Article* article) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_
      .StoreFetched(RowOf(fetched, url, run_id_), article, run_id_, url, site, kind,
                    OutcomeOf(outcome))
      .status();
}

Status StoreLedger::RecordOutcome(const std::string& url, const std::string& site,
                                  const std::string& kind, const fetch::UrlOutcome& outcome) {
  std::lock_guard<std::mutex> lock(mu_);
  return state_.RecordOutcome(url, site, kind, OutcomeOf(outcome));
}

}  // namespace newsfacts::cli
