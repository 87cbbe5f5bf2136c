// Every part of the store reports a SQLite error in one form (store/stmt.h): what was
// being done, SQLite's message, its code and the code's text, and the database file.
// The errors are real: another connection holds the write lock, or has dropped the
// tables a lookup reads.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "store/crawl_state.h"
#include "store/merge.h"
#include "store/queries.h"
#include "store/speakers.h"
#include "store/store.h"
#include "tests/temp_dir.h"

namespace newsfacts::store {
namespace {

namespace fs = std::filesystem;

using newsfacts::testing::TempDir;

// A second connection to the same file, as another program would have.
class OtherConnection {
 public:
  explicit OtherConnection(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  }
  ~OtherConnection() { sqlite3_close_v2(db_); }
  void Exec(const std::string& sql) {
    INFO(sql);
    REQUIRE(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  }

 private:
  sqlite3* db_ = nullptr;
};

Store OpenOrDie(const std::string& path) {
  StoreOptions options;
  options.busy_timeout_ms = 50;
  auto store = Store::Open(path, options);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return std::move(store).value();
}

Article SmallArticle(const std::string& id) {
  Article a;
  a.id = id;
  a.text = "Inspectors weighed 8.2 tonnes at the border crossing.";
  return a;
}

// s is `<what>: <sqlite_message> (SQLite code <code>, <SQLite's text for code>)` for a
// `what` starting with what_start, naming the file at path.
void CheckForm(const Status& s, const std::string& path, const std::string& what_start,
               const std::string& sqlite_message, int code) {
  INFO(s.ToString());
  CHECK(s.code() == StatusCode::kStorage);
  CHECK(s.where() == path);
  CHECK(s.message().rfind(what_start, 0) == 0);
  const std::string tail = ": " + sqlite_message + " (SQLite code " + std::to_string(code) + ", " +
                           sqlite3_errstr(code) + ")";
  REQUIRE(s.message().size() > tail.size());
  CHECK(s.message().compare(s.message().size() - tail.size(), tail.size(), tail) == 0);
}

}  // namespace

TEST_CASE(
    "SQLite errors: a held write lock reads the same from the article writer and the "
    "crawl state") {
  TempDir dir;
  const std::string path = dir.File("locked.db");
  Store store = OpenOrDie(path);
  CrawlState crawl(&store);
  OtherConnection other(path);
  other.Exec("BEGIN IMMEDIATE");

  const Status written = store.WriteArticles({SmallArticle("a")}, 0);
  CheckForm(written, path, "starting a write transaction", "database is locked", SQLITE_BUSY);

  FetchRow row;
  row.url = "https://example.org/a";
  const auto fetch = crawl.RecordFetch(row);
  REQUIRE_FALSE(fetch.ok());
  CheckForm(fetch.status(), path, "recording fetch of https://example.org/a", "database is locked",
            SQLITE_BUSY);

  const Status discovered = crawl.Discover("https://example.org/b", "Site", "article", "").status();
  CheckForm(discovered, path, "recording discovered URL https://example.org/b",
            "database is locked", SQLITE_BUSY);

  other.Exec("ROLLBACK");
  CHECK(store.WriteArticles({SmallArticle("a")}, 0).ok());
  CHECK(crawl.RecordFetch(row).ok());
}

TEST_CASE(
    "SQLite errors: a missing table reads the same from lookups, speakers, crawl state, "
    "merge and the article reader") {
  TempDir dir;
  const std::string path = dir.File("dropped.db");
  const std::string in_path = dir.File("in.db");
  { Store in = OpenOrDie(in_path); }
  Store store = OpenOrDie(path);
  REQUIRE(store.WriteArticles({SmallArticle("a")}, 0).ok());
  OtherConnection other(path);
  // Foreign keys are off on the other connection, so tables others refer to can go.
  other.Exec(
      "DROP TABLE quantities; DROP TABLE quote_parts; DROP TABLE quotes; DROP TABLE crawl_urls; "
      "DROP TABLE runs; DROP TABLE mentions; DROP TABLE officials;");

  // The article reader's statements were prepared at Open: the first of them stepped
  // finds its table gone (and the connection reads the changed schema, so the statements
  // prepared after it fail as they are prepared).
  const auto article = store.ReadArticle("a");
  REQUIRE_FALSE(article.ok());
  CheckForm(article.status(), path, "reading facts of article \"a\"", "no such table: quantities",
            SQLITE_ERROR);

  const auto figures = ArticlesWithFigures(store, "kg", 1, 0, 2, ArticleFilter{}, 10);
  REQUIRE_FALSE(figures.ok());
  CheckForm(figures.status(), path, "preparing \"SELECT q.article_id", "no such table: quantities",
            SQLITE_ERROR);

  const auto speakers = Speakers(store, 10);
  REQUIRE_FALSE(speakers.ok());
  CheckForm(speakers.status(), path, "preparing \"SELECT q.speaker", "no such table: quotes",
            SQLITE_ERROR);

  const auto known = CrawlState(&store).Get("https://example.org/a");
  REQUIRE_FALSE(known.ok());
  CheckForm(known.status(), path, "preparing \"SELECT url, site", "no such table: crawl_urls",
            SQLITE_ERROR);

  const auto merged = Merge(&store, in_path);
  REQUIRE_FALSE(merged.ok());
  CheckForm(merged.status(), path, "preparing \"SELECT o.id FROM main.runs",
            "no such table: main.runs", SQLITE_ERROR);
}

}  // namespace newsfacts::store
