#include "store/crawl_state.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/schema_sql.h"
#include "tests/temp_dir.h"

namespace newsfacts::store {
namespace {

using newsfacts::testing::TempDir;

int64_t Scalar(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    v = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

Article SmallArticle(const std::string& id) {
  Article a;
  a.id = id;
  a.url = id;
  a.text = "Inspectors weighed 8.2 tonnes at the border crossing.";
  return a;
}

}  // namespace

TEST_CASE("crawl state: a version 1 database migrates to the current version and keeps its rows") {
  TempDir dir;
  const std::string path = dir.File("old.db");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kSchemaSql, nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "INSERT INTO articles (id, text, stored_at) VALUES "
                         "('kept', 'A stored text.', '2024-05-23T09:41:00Z');"
                         "INSERT INTO fetches (url, fetched_at) VALUES "
                         "('http://example.org/a', '2024-05-23T09:41:00Z');"
                         "PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  {
    auto store = Store::Open(path);
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  }
  CHECK(Scalar(path, "PRAGMA user_version") == Store::SchemaVersion());
  CHECK(Scalar(path, "SELECT count(*) FROM articles WHERE id = 'kept'") == 1);
  CHECK(Scalar(path, "SELECT count(*) FROM fetches WHERE error IS NULL") == 1);
  CHECK(Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'crawl_urls'") == 1);
}

TEST_CASE("crawl state: discover, store a fetch with its article, read the state back") {
  TempDir dir;
  const std::string path = dir.File("crawl.db");
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  CrawlState state(&*store);
  const std::string url = "http://example.org/world/a";
  auto first = state.Discover(url, "Ledger", "article", "2024-05-23");
  REQUIRE(first.ok());
  CHECK(*first);
  auto again = state.Discover(url, "Ledger", "article", "");
  REQUIRE(again.ok());
  CHECK_FALSE(*again);
  auto row = state.Get(url);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->state == "new");
  CHECK((*row)->lastmod == "2024-05-23");  // an empty lastmod keeps the known one

  FetchRow fetch;
  fetch.url = url;
  fetch.final_url = url;
  fetch.status = 200;
  fetch.etag = "\"v1\"";
  fetch.warc_file = "/tmp/x.warc.gz";
  fetch.warc_offset = 1234;
  fetch.payload_digest = "sha1:AAAA";
  Article article = SmallArticle(url);
  UrlOutcome outcome;
  outcome.state = "done";
  outcome.status = 200;
  outcome.etag = "\"v1\"";
  outcome.payload_digest = "sha1:AAAA";
  auto id = state.StoreFetched(fetch, &article, 0, url, "Ledger", "article", outcome);
  REQUIRE_MESSAGE(id.ok(), id.status().ToString());
  CHECK(article.fetch_id == *id);
  CHECK(Scalar(path, "SELECT fetch_id FROM articles WHERE id = '" + url + "'") == *id);
  CHECK(Scalar(path, "SELECT warc_offset FROM fetches WHERE id = " + std::to_string(*id)) == 1234);
  CHECK(Scalar(path, "SELECT count(*) FROM fetches WHERE final_url IS NULL") == 1);
  auto done = state.Get(url);
  REQUIRE(done.ok());
  CHECK((*done)->state == "done");
  CHECK((*done)->etag == "\"v1\"");
  CHECK((*done)->fetch_id == *id);
  CHECK((*done)->attempts == 1);

  // A later 304 keeps the validators it did not replace.
  UrlOutcome not_modified;
  not_modified.state = "done";
  not_modified.status = 304;
  FetchRow revisit = fetch;
  revisit.status = 304;
  auto id2 = state.StoreFetched(revisit, nullptr, 0, url, "Ledger", "article", not_modified);
  REQUIRE(id2.ok());
  auto after = state.Get(url);
  CHECK((*after)->etag == "\"v1\"");
  CHECK((*after)->payload_digest == "sha1:AAAA");
  CHECK((*after)->attempts == 2);
  CHECK(Scalar(path, "SELECT count(*) FROM articles") == 1);
}

TEST_CASE("crawl state: a failing article write rolls back the fetches row and the state") {
  TempDir dir;
  const std::string path = dir.File("rollback.db");
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  CrawlState state(&*store);
  Article bad = SmallArticle("http://example.org/bad");
  Quantity q;
  q.span = {5, 2};  // end < start violates a CHECK constraint
  bad.quantities.push_back(q);
  FetchRow fetch;
  fetch.url = "http://example.org/bad";
  UrlOutcome outcome;
  outcome.state = "done";
  auto id = state.StoreFetched(fetch, &bad, 0, fetch.url, "Ledger", "article", outcome);
  CHECK_FALSE(id.ok());
  CHECK(Scalar(path, "SELECT count(*) FROM fetches") == 0);
  CHECK(Scalar(path, "SELECT count(*) FROM crawl_urls") == 0);
  CHECK(Scalar(path, "SELECT count(*) FROM articles") == 0);
  // The connection is usable afterwards.
  Article good = SmallArticle("http://example.org/good");
  CHECK(state.StoreFetched(fetch, &good, 0, "http://example.org/good", "Ledger", "article", outcome)
            .ok());
}

TEST_CASE("crawl lock: a second holder is refused until the first lets go") {
  TempDir dir;
  const std::string path = dir.File("locked.db");
  auto first = CrawlLock::TryAcquire(path);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  auto second = CrawlLock::TryAcquire(path);
  REQUIRE(second.ok());
  CHECK_FALSE(second->has_value());
  first->reset();
  auto third = CrawlLock::TryAcquire(path);
  REQUIRE(third.ok());
  CHECK(third->has_value());
}

}  // namespace newsfacts::store
