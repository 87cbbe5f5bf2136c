#include "store/merge.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "tests/temp_dir.h"

namespace newsfacts::store {
namespace {

using newsfacts::testing::TempDir;

std::string Text(const std::string& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::string out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* t = sqlite3_column_text(stmt, 0);
    out += (t ? reinterpret_cast<const char*>(t) : "<null>") + std::string("\n");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(conn);
  return out;
}

Article Captured(const std::string& url, const std::string& date, const std::string& text) {
  Article a;
  a.id = url;
  a.url = url;
  a.text = text;
  a.archive = ArchiveRef{"/a.warc.gz", 0, 10, "<urn:uuid:1>", date, "sha1:" + date};
  return a;
}

// Writes articles into a new database at path under a run of shard `shard`.
void Shard(const std::string& path, const std::string& shard,
           const std::vector<Article>& articles) {
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto run = store->BeginRun(RunInfo{"0.1.0", {{"dates", 1}}, "extract", shard});
  REQUIRE(run.ok());
  REQUIRE(store->WriteArticles(articles, *run).ok());
  REQUIRE(store->EndRun(*run, static_cast<int64_t>(articles.size()), 0).ok());
}

TEST_CASE("merge: the latest capture wins on conflicts, runs are kept apart, twice is once") {
  TempDir dir;
  const std::string url = "https://example.test/story";
  // Two shards whose runs began in the same second with the same shard name.
  Shard(dir.File("a.db"), "1/1",
        {Captured(url, "2024-05-25T00:00:00Z", "Later."),
         Captured("https://example.test/a", "2024-05-01T00:00:00Z", "A.")});
  Shard(dir.File("b.db"), "1/1",
        {Captured(url, "2024-05-23T00:00:00Z", "Earlier."),
         Captured("https://example.test/b", "2024-05-01T00:00:00Z", "B.")});
  auto out = Store::Open(dir.File("out.db"));
  REQUIRE(out.ok());
  auto a = Merge(&*out, dir.File("a.db"));
  auto b = Merge(&*out, dir.File("b.db"));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->added == 2);
  CHECK(b->added == 1);
  CHECK(b->unchanged == 1);  // its capture of the story is older: only the capture is kept
  CHECK(b->captures == 2);
  CHECK(Text(dir.File("out.db"), "SELECT text FROM articles WHERE id = '" + url + "'") ==
        "Later.\n");
  CHECK(Text(dir.File("out.db"), "SELECT count(*) FROM captures") == "4\n");
  CHECK(Text(dir.File("out.db"), "SELECT count(*) FROM runs") == "2\n");
  // Each article points at its own run, carried over.
  CHECK(Text(dir.File("out.db"),
             "SELECT count(DISTINCT run_id) FROM articles WHERE run_id IS NOT NULL") == "2\n");

  const std::string before = Text(dir.File("out.db"), "SELECT id || stored_at FROM articles");
  auto again = Merge(&*out, dir.File("b.db"));
  REQUIRE_MESSAGE(again.ok(), again.status().ToString());
  CHECK(again->added == 0);
  CHECK(again->replaced == 0);
  CHECK(again->unchanged == 2);
  CHECK(again->captures == 0);
  CHECK(again->runs == 0);
  CHECK(Text(dir.File("out.db"), "SELECT id || stored_at FROM articles") == before);
}

TEST_CASE("merge: merged in the other order, the same articles") {
  TempDir dir;
  const std::string url = "https://example.test/story";
  Shard(dir.File("a.db"), "1/2", {Captured(url, "2024-05-25T00:00:00Z", "Later.")});
  Shard(dir.File("b.db"), "2/2", {Captured(url, "2024-05-23T00:00:00Z", "Earlier.")});
  for (const auto& order : {std::vector<std::string>{"a.db", "b.db"}, {"b.db", "a.db"}}) {
    const std::string out_path = dir.File("out-" + order[0]);
    auto out = Store::Open(out_path);
    REQUIRE(out.ok());
    for (const std::string& in : order) REQUIRE(Merge(&*out, dir.File(in)).ok());
    CHECK(Text(out_path, "SELECT text || archive_date FROM articles") ==
          "Later.2024-05-25T00:00:00Z\n");
  }
}

TEST_CASE("merge: a file that is not a newsfacts database is refused, nothing written") {
  TempDir dir;
  {
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(dir.File("other.db").c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "CREATE TABLE articles (id TEXT)", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(other);
  }
  auto out = Store::Open(dir.File("out.db"));
  REQUIRE(out.ok());
  auto r = Merge(&*out, dir.File("other.db"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().ToString().find("other.db") != std::string::npos);
  CHECK(Text(dir.File("out.db"), "SELECT count(*) FROM runs") == "0\n");
}

}  // namespace
}  // namespace newsfacts::store
