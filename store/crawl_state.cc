#include "store/crawl_state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>

#include "common/clock.h"
#include "store/stmt.h"

namespace newsfacts::store {

// Statements are prepared for one call each: the crawl's rate (a few per page) does not
// need the cached statements the article writer uses.

Result<bool> CrawlState::Discover(const std::string& url, const std::string& site,
                                  const std::string& kind, const std::string& lastmod) {
  // An upsert counts one change either way; tell new from known by looking first.
  auto known = Get(url);
  if (!known.ok()) return known.status();
  auto q = store_->Prepare(
      "INSERT INTO crawl_urls (url, site, kind, state, discovered_at, lastmod) "
      "VALUES (?1, ?2, ?3, 'new', ?4, ?5) ON CONFLICT (url) DO UPDATE SET "
      "lastmod = coalesce(excluded.lastmod, lastmod)");
  if (!q.ok()) return q.status();
  q->Text(url).Text(site).Text(kind).Text(NowIso8601()).TextOrNull(lastmod);
  if (Status s = q->Run("recording discovered URL " + url); !s.ok()) return s;
  return !known->has_value();
}

Result<std::optional<UrlState>> CrawlState::Get(const std::string& url) {
  auto q = store_->Prepare(
      "SELECT url, site, kind, state, lastmod, fetched_at, etag, last_modified, "
      "payload_digest, fetch_id, attempts FROM crawl_urls WHERE url = ?1");
  if (!q.ok()) return q.status();
  q->Text(url);
  auto row = q->Step("reading crawl state of " + url);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UrlState>();
  const Stmt& s = *q;
  UrlState u;
  u.url = s.ColText(0);
  u.site = s.ColText(1);
  u.kind = s.ColText(2);
  u.state = s.ColText(3);
  u.lastmod = s.ColText(4);
  u.fetched_at = s.ColText(5);
  u.etag = s.ColText(6);
  u.last_modified = s.ColText(7);
  u.payload_digest = s.ColText(8);
  u.fetch_id = s.ColOptInt64(9);
  u.attempts = static_cast<int>(s.ColInt(10));
  return std::optional<UrlState>(std::move(u));
}

Result<std::vector<std::string>> CrawlState::Pending(const std::string& site, int max_attempts,
                                                     int64_t limit) {
  auto q = store_->Prepare(
      "SELECT url FROM crawl_urls WHERE site = ?1 AND kind = 'article' AND "
      "(state = 'new' OR (state = 'failed' AND attempts < ?2)) "
      "ORDER BY discovered_at, rowid LIMIT ?3");
  if (!q.ok()) return q.status();
  q->Text(site).Int(max_attempts).Int(limit);
  std::vector<std::string> out;
  while (true) {
    auto row = q->Step("reading the frontier of " + site);
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(q->ColText(0));
  }
  return out;
}

Result<int64_t> CrawlState::RecordFetch(const FetchRow& r) {
  auto q = store_->Prepare(
      "INSERT INTO fetches (url, final_url, status, fetched_at, content_type, etag, "
      "last_modified, warc_file, warc_offset, warc_length, warc_record_id, payload_digest, "
      "run_id, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!q.ok()) return q.status();
  q->Text(r.url)
      .TextOrNull(r.final_url == r.url ? std::string() : r.final_url)
      .OptInt(r.status)
      .Text(r.fetched_at.empty() ? NowIso8601() : r.fetched_at)
      .TextOrNull(r.content_type)
      .TextOrNull(r.etag)
      .TextOrNull(r.last_modified)
      .TextOrNull(r.warc_file)
      .OptInt(r.warc_offset)
      .OptInt(r.warc_length)
      .TextOrNull(r.warc_record_id)
      .TextOrNull(r.payload_digest)
      .OptInt(r.run_id > 0 ? std::optional<int64_t>(r.run_id) : std::nullopt)
      .TextOrNull(r.error);
  if (Status s = q->Run("recording fetch of " + r.url); !s.ok()) return s;
  return q->LastInsertRowid();
}

Status CrawlState::SetOutcome(const std::string& url, const std::string& site,
                              const std::string& kind, const UrlOutcome& o,
                              std::optional<int64_t> fetch_id) {
  auto q = store_->Prepare(
      "INSERT INTO crawl_urls (url, site, kind, state, discovered_at, fetched_at, status, "
      "etag, last_modified, payload_digest, fetch_id, attempts, last_error) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11) "
      "ON CONFLICT (url) DO UPDATE SET state = excluded.state, "
      "fetched_at = excluded.fetched_at, status = excluded.status, "
      "etag = coalesce(excluded.etag, etag), "
      "last_modified = coalesce(excluded.last_modified, last_modified), "
      "payload_digest = coalesce(excluded.payload_digest, payload_digest), "
      "fetch_id = coalesce(excluded.fetch_id, fetch_id), attempts = attempts + 1, "
      "last_error = excluded.last_error");
  if (!q.ok()) return q.status();
  q->Text(url)
      .Text(site)
      .Text(kind)
      .Text(o.state)
      .Text(o.fetched_at.empty() ? NowIso8601() : o.fetched_at)
      .OptInt(o.status)
      .TextOrNull(o.etag)
      .TextOrNull(o.last_modified)
      .TextOrNull(o.payload_digest)
      .OptInt(fetch_id)
      .TextOrNull(o.error);
  return q->Run("recording crawl state of " + url);
}

Result<int64_t> CrawlState::StoreFetched(const FetchRow& row, Article* article, int64_t run_id,
                                         const std::string& url, const std::string& site,
                                         const std::string& kind, const UrlOutcome& outcome) {
  int64_t fetch_id = 0;
  Status s = store_->InTransaction([&]() -> Status {
    auto id = RecordFetch(row);
    if (!id.ok()) return id.status();
    fetch_id = *id;
    if (article) {
      article->fetch_id = fetch_id;
      if (Status w = store_->WriteArticles({*article}, run_id); !w.ok()) return w;
    }
    return SetOutcome(url, site, kind, outcome, fetch_id);
  });
  if (!s.ok()) return s;
  return fetch_id;
}

Result<std::optional<CrawlLock>> CrawlLock::TryAcquire(const std::string& db_path) {
  const std::string path = db_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(std::string("cannot open lock file: ") + std::strerror(errno), path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::optional<CrawlLock>();
    return IoError(std::string("cannot lock: ") + std::strerror(err), path);
  }
  return std::optional<CrawlLock>(CrawlLock(fd));
}

CrawlLock& CrawlLock::operator=(CrawlLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

CrawlLock::~CrawlLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace newsfacts::store
