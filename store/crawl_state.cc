#include "store/crawl_state.h"

#include <fcntl.h>
#include <sqlite3.h>
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
namespace {

Status Error(sqlite3* db, int rc, const std::string& what) {
  return StorageError(what + ": " + sqlite3_errmsg(db) + " (SQLite code " + std::to_string(rc) +
                      ")");
}

// A statement prepared for one call; the crawl's rate (a few per page) does not need
// the cached statements the article writer uses.
class Query {
 public:
  Query(sqlite3* db, const char* sql) : db_(db) {
    sqlite3_stmt* s = nullptr;
    rc_ = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    stmt_.reset(s);
  }
  Query& Text(const std::string& v) {
    if (ok())
      rc_ = sqlite3_bind_text(stmt_.get(), next_++, v.data(), static_cast<int>(v.size()),
                              SQLITE_TRANSIENT);
    return *this;
  }
  // "" binds NULL.
  Query& OptText(const std::string& v) { return v.empty() ? Null() : Text(v); }
  Query& Int(int64_t v) {
    if (ok()) rc_ = sqlite3_bind_int64(stmt_.get(), next_++, v);
    return *this;
  }
  template <typename T>
  Query& OptInt(const std::optional<T>& v) {
    return v ? Int(static_cast<int64_t>(*v)) : Null();
  }
  Query& Null() {
    if (ok()) rc_ = sqlite3_bind_null(stmt_.get(), next_++);
    return *this;
  }
  // Steps once: SQLITE_ROW or SQLITE_DONE on success.
  int Step() {
    if (!ok()) return rc_;
    return sqlite3_step(stmt_.get());
  }
  Status Done(const std::string& what) {
    const int rc = Step();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error(db_, rc, what);
  }
  sqlite3_stmt* get() { return stmt_.get(); }
  int rc() const { return rc_; }

 private:
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3* db_;
  Stmt stmt_;
  int rc_ = SQLITE_OK;
  int next_ = 1;
};

std::string Col(sqlite3_stmt* s, int i) {
  const auto* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

}  // namespace

Result<bool> CrawlState::Discover(const std::string& url, const std::string& site,
                                  const std::string& kind, const std::string& lastmod) {
  sqlite3* db = store_->connection();
  Query q(db,
          "INSERT INTO crawl_urls (url, site, kind, state, discovered_at, lastmod) "
          "VALUES (?1, ?2, ?3, 'new', ?4, ?5) ON CONFLICT (url) DO UPDATE SET "
          "lastmod = coalesce(excluded.lastmod, lastmod)");
  q.Text(url).Text(site).Text(kind).Text(NowIso8601()).OptText(lastmod);
  // An upsert counts one change either way; tell new from known by looking first.
  auto known = Get(url);
  if (!known.ok()) return known.status();
  if (Status s = q.Done("recording discovered URL " + url); !s.ok()) return s;
  return !known->has_value();
}

Result<std::optional<UrlState>> CrawlState::Get(const std::string& url) {
  sqlite3* db = store_->connection();
  Query q(db,
          "SELECT url, site, kind, state, lastmod, fetched_at, etag, last_modified, "
          "payload_digest, fetch_id, attempts FROM crawl_urls WHERE url = ?1");
  q.Text(url);
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return std::optional<UrlState>();
  if (rc != SQLITE_ROW) return Error(db, rc, "reading crawl state of " + url);
  sqlite3_stmt* s = q.get();
  UrlState u;
  u.url = Col(s, 0);
  u.site = Col(s, 1);
  u.kind = Col(s, 2);
  u.state = Col(s, 3);
  u.lastmod = Col(s, 4);
  u.fetched_at = Col(s, 5);
  u.etag = Col(s, 6);
  u.last_modified = Col(s, 7);
  u.payload_digest = Col(s, 8);
  if (sqlite3_column_type(s, 9) != SQLITE_NULL) u.fetch_id = sqlite3_column_int64(s, 9);
  u.attempts = sqlite3_column_int(s, 10);
  return std::optional<UrlState>(std::move(u));
}

Result<std::vector<std::string>> CrawlState::Pending(const std::string& site, int max_attempts,
                                                     int64_t limit) {
  sqlite3* db = store_->connection();
  Query q(db,
          "SELECT url FROM crawl_urls WHERE site = ?1 AND kind = 'article' AND "
          "(state = 'new' OR (state = 'failed' AND attempts < ?2)) "
          "ORDER BY discovered_at, rowid LIMIT ?3");
  q.Text(site).Int(max_attempts).Int(limit);
  std::vector<std::string> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) out.push_back(Col(q.get(), 0));
  if (rc != SQLITE_DONE) return Error(db, rc, "reading the frontier of " + site);
  return out;
}

Result<int64_t> CrawlState::RecordFetch(const FetchRow& r) {
  sqlite3* db = store_->connection();
  Query q(db,
          "INSERT INTO fetches (url, final_url, status, fetched_at, content_type, etag, "
          "last_modified, warc_file, warc_offset, warc_length, warc_record_id, payload_digest, "
          "run_id, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  q.Text(r.url)
      .OptText(r.final_url == r.url ? std::string() : r.final_url)
      .OptInt(r.status)
      .Text(r.fetched_at.empty() ? NowIso8601() : r.fetched_at)
      .OptText(r.content_type)
      .OptText(r.etag)
      .OptText(r.last_modified)
      .OptText(r.warc_file)
      .OptInt(r.warc_offset)
      .OptInt(r.warc_length)
      .OptText(r.warc_record_id)
      .OptText(r.payload_digest);
  if (r.run_id > 0) {
    q.Int(r.run_id);
  } else {
    q.Null();
  }
  q.OptText(r.error);
  if (Status s = q.Done("recording fetch of " + r.url); !s.ok()) return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db));
}

Status CrawlState::SetOutcome(const std::string& url, const std::string& site,
                              const std::string& kind, const UrlOutcome& o,
                              std::optional<int64_t> fetch_id) {
  sqlite3* db = store_->connection();
  Query q(db,
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
  q.Text(url)
      .Text(site)
      .Text(kind)
      .Text(o.state)
      .Text(o.fetched_at.empty() ? NowIso8601() : o.fetched_at)
      .OptInt(o.status)
      .OptText(o.etag)
      .OptText(o.last_modified)
      .OptText(o.payload_digest)
      .OptInt(fetch_id)
      .OptText(o.error);
  return q.Done("recording crawl state of " + url);
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
