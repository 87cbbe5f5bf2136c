#include "store/merge.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>

#include "store/stmt.h"

namespace newsfacts::store {
namespace {

Status SqlError(sqlite3* db, int rc, const std::string& what, const std::string& path) {
  return StorageError(
      what + ": " + sqlite3_errmsg(db) + " (SQLite code " + std::to_string(rc) + ")", path);
}

Result<Stmt> Prepare(sqlite3* db, const char* sql, const std::string& path) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) return SqlError(db, rc, std::string("preparing \"") + sql + "\"", path);
  return stmt;
}

Status Exec(sqlite3* db, const std::string& sql, const std::string& path) {
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqlError(db, rc, "running \"" + sql + "\"", path);
}

// Carries the input's runs over; returns {input run id: OUT run id}.
Result<std::map<int64_t, int64_t>> MergeRuns(sqlite3* db, const std::string& path, int64_t* added) {
  std::map<int64_t, int64_t> ids;
  // A run is its uid; runs written before uids existed are matched on what they hold
  // (`IS` compares NULLs as equal).
  const char* find_sql =
      "SELECT o.id FROM main.runs o WHERE (?6 IS NOT NULL AND o.uid = ?6) OR (?6 IS NULL AND "
      "o.uid IS NULL AND o.program_version IS ?1 AND o.ruleset_versions IS ?2 AND o.command IS ?3 "
      "AND o.started_at IS ?4 AND o.shard IS ?5) ORDER BY o.id LIMIT 1";
  const char* insert_sql =
      "INSERT INTO main.runs (program_version, ruleset_versions, command, started_at, "
      "finished_at, articles_stored, articles_failed, shard, uid) "
      "SELECT program_version, ruleset_versions, command, started_at, finished_at, "
      "articles_stored, articles_failed, shard, uid FROM src.runs WHERE id = ?1";
  auto all = Prepare(db,
                     "SELECT id, program_version, ruleset_versions, command, started_at, shard, "
                     "uid FROM src.runs ORDER BY id",
                     path);
  auto find = Prepare(db, find_sql, path);
  auto insert = Prepare(db, insert_sql, path);
  if (!all.ok()) return all.status();
  if (!find.ok()) return find.status();
  if (!insert.ok()) return insert.status();
  int rc;
  while ((rc = sqlite3_step(all->get())) == SQLITE_ROW) {
    const int64_t src_id = sqlite3_column_int64(all->get(), 0);
    sqlite3_stmt* f = find->get();
    sqlite3_reset(f);
    for (int i = 1; i <= 6; ++i) sqlite3_bind_value(f, i, sqlite3_column_value(all->get(), i));
    rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
      ids[src_id] = sqlite3_column_int64(f, 0);
      continue;
    }
    if (rc != SQLITE_DONE) return SqlError(db, rc, "finding a run", path);
    sqlite3_stmt* ins = insert->get();
    sqlite3_reset(ins);
    sqlite3_bind_int64(ins, 1, src_id);
    rc = sqlite3_step(ins);
    if (rc != SQLITE_DONE) return SqlError(db, rc, "copying a run", path);
    ids[src_id] = sqlite3_last_insert_rowid(db);
    ++*added;
  }
  if (rc != SQLITE_DONE) return SqlError(db, rc, "reading runs", path);
  return ids;
}

// Whether two stored articles are the same for a merge: the same JSON, the same versions.
bool Same(const Article& a, const Article& b) {
  return a.ruleset_versions == b.ruleset_versions && a.reference_date == b.reference_date &&
         ToJsonLine(a) == ToJsonLine(b);
}

}  // namespace

Result<MergeCounts> Merge(Store* out, const std::string& in_path) {
  StoreOptions read_only;
  read_only.read_only = true;
  auto in = Store::Open(in_path, read_only);
  if (!in.ok()) return in.status();
  sqlite3* db = out->connection();
  const std::string& path = out->path();

  Stmt attach;
  {
    auto stmt = Prepare(db, "ATTACH DATABASE ?1 AS src", path);
    if (!stmt.ok()) return stmt.status();
    sqlite3_bind_text(stmt->get(), 1, in_path.c_str(), -1, SQLITE_TRANSIENT);
    const int rc = sqlite3_step(stmt->get());
    if (rc != SQLITE_DONE) return SqlError(db, rc, "attaching " + in_path, path);
  }
  MergeCounts counts;
  Status status = out->InTransaction([&]() -> Status {
    auto runs = MergeRuns(db, path, &counts.runs);
    if (!runs.ok()) return runs.status();
    const int before = sqlite3_total_changes(db);
    if (Status s = Exec(db,
                        "INSERT INTO main.captures (url, date, digest, file, offset, length, "
                        "record_id, article_id) SELECT url, date, digest, file, offset, length, "
                        "record_id, article_id FROM src.captures WHERE true "
                        "ON CONFLICT (url, date, digest) DO NOTHING",
                        path);
        !s.ok()) {
      return s;
    }
    counts.captures = sqlite3_total_changes(db) - before;

    auto run_of = Prepare(db, "SELECT run_id FROM src.articles WHERE id = ?1", path);
    if (!run_of.ok()) return run_of.status();
    int64_t last_seq = 0;
    while (true) {
      auto page = in->ReadArticlesAfter(last_seq, 128, nullptr, /*with_facts=*/true, &last_seq);
      if (!page.ok()) return page.status();
      if (page->empty()) break;
      for (const Article& a : *page) {
        auto existing = out->ReadArticle(a.id);
        if (!existing.ok()) return existing.status();
        if (*existing && Same(**existing, a)) {
          ++counts.unchanged;
          continue;
        }
        sqlite3_stmt* r = run_of->get();
        sqlite3_reset(r);
        sqlite3_bind_text(r, 1, a.id.c_str(), -1, SQLITE_TRANSIENT);
        int64_t run_id = 0;
        if (sqlite3_step(r) == SQLITE_ROW && sqlite3_column_type(r, 0) != SQLITE_NULL) {
          auto it = runs->find(sqlite3_column_int64(r, 0));
          if (it != runs->end()) run_id = it->second;
        }
        // Captures were carried over above; WriteArticles records this article's again
        // (a no-op) and keeps the later of the two captures.
        std::vector<WriteOutcome> outcome;
        if (Status s = out->WriteArticles({a}, run_id, &outcome); !s.ok()) return s;
        switch (outcome[0]) {
          case WriteOutcome::kAdded:
            ++counts.added;
            break;
          case WriteOutcome::kReplaced:
            ++counts.replaced;
            break;
          case WriteOutcome::kKeptLater:
            ++counts.unchanged;
            break;
        }
      }
    }
    return Status::Ok();
  });
  sqlite3_exec(db, "DETACH DATABASE src", nullptr, nullptr, nullptr);
  if (!status.ok()) return status;
  return counts;
}

}  // namespace newsfacts::store
