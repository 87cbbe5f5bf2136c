#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string_view>
#include <tuple>
#include <utility>

#include "common/clock.h"
#include "store/schema_sql.h"
#include "store/stmt.h"

namespace newsfacts::store {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

// One step of the schema's history: running `sql` on a database at version to_version - 1
// brings it to to_version. Steps are only ever appended; SchemaVersion() is the last one.
struct Migration {
  int to_version;
  const char* sql;
};
// Version 2: crawl state (the URL frontier with validators, see store/crawl_state.h) and
// the error of a failed fetch.
constexpr char kSchemaV2Sql[] = R"sql(
CREATE TABLE crawl_urls (
  url            TEXT PRIMARY KEY,            -- canonical URL
  site           TEXT NOT NULL,               -- the site's name in the sites file
  kind           TEXT NOT NULL DEFAULT 'article',
  state          TEXT NOT NULL DEFAULT 'new'
                 CHECK (state IN ('new', 'done', 'failed', 'gone')),
  discovered_at  TEXT NOT NULL,
  lastmod        TEXT,                        -- as the feed or sitemap gave it
  fetched_at     TEXT,
  status         INTEGER,
  etag           TEXT,
  last_modified  TEXT,
  payload_digest TEXT,
  fetch_id       INTEGER REFERENCES fetches(id) ON DELETE SET NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT
);
CREATE INDEX crawl_urls_site_state ON crawl_urls(site, state);
ALTER TABLE fetches ADD COLUMN error TEXT;
)sql";

// Version 3: archives. Where each article's page was archived (the contract's `archive`
// object), every capture of an archived URL, the reference date and rule-set versions of
// each article's facts (for re-extraction), and the shard of a run.
constexpr char kSchemaV3Sql[] = R"sql(
ALTER TABLE articles ADD COLUMN archive_file TEXT;
ALTER TABLE articles ADD COLUMN archive_offset INTEGER;
ALTER TABLE articles ADD COLUMN archive_length INTEGER;
ALTER TABLE articles ADD COLUMN archive_record_id TEXT;
ALTER TABLE articles ADD COLUMN archive_date TEXT;
ALTER TABLE articles ADD COLUMN archive_digest TEXT;
ALTER TABLE articles ADD COLUMN reference_date TEXT;
ALTER TABLE articles ADD COLUMN ruleset_versions TEXT;
CREATE INDEX articles_ruleset_versions ON articles(ruleset_versions);
ALTER TABLE runs ADD COLUMN shard TEXT;
ALTER TABLE runs ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX runs_uid ON runs(uid);
CREATE TABLE captures (
  url        TEXT NOT NULL,
  date       TEXT NOT NULL,
  digest     TEXT NOT NULL,
  file       TEXT NOT NULL,
  offset     INTEGER NOT NULL CHECK (offset >= 0),
  length     INTEGER NOT NULL CHECK (length >= 0),
  record_id  TEXT NOT NULL DEFAULT '',
  article_id TEXT NOT NULL,
  PRIMARY KEY (url, date, digest)
);
CREATE INDEX captures_article ON captures(article_id, date);
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaSql},
    {2, kSchemaV2Sql},
    {3, kSchemaV3Sql},
};
constexpr int kSchemaVersion = kMigrations[std::size(kMigrations) - 1].to_version;

Span ColSpan(const Stmt& s, int col) { return Span{s.ColInt(col), s.ColInt(col + 1)}; }

constexpr char kArticleColumns[] =
    "id, url, canonical_url, site, title, byline, published, language, text, captions, "
    "archive_file, archive_offset, archive_length, archive_record_id, archive_date, "
    "archive_digest, reference_date, ruleset_versions";

}  // namespace

struct Store::Impl {
  Db db;  // declared first so it is closed after every statement is finalized
  std::string path;
  bool read_only = false;

  // Writer statements (absent when read-only).
  Stmt begin, commit, rollback;
  Stmt upsert_article, stored_capture, insert_capture;
  Stmt delete_mentions, delete_officials, delete_parts, delete_quotes, delete_quantities,
      delete_dates;
  Stmt insert_quantity, insert_date, insert_official, insert_mention, insert_quote, insert_part;
  Stmt insert_run, finish_run;

  // Reader statements.
  Stmt article_by_id;
  Stmt quantities_of, dates_of, officials_of, mentions_of, quotes_of, parts_of;

  Status Error(int rc, std::string_view what) const {
    return SqliteError(db.get(), rc, what, path);
  }

  Status Exec(const char* sql, std::string_view what) {
    return store::Exec(db.get(), sql, what, path);
  }

  Status Prepare(std::string_view sql, Stmt* out) {
    auto stmt = Stmt::Prepare(db.get(), sql, path, /*persistent=*/true);
    if (!stmt.ok()) return stmt.status();
    *out = std::move(stmt).value();
    return Status::Ok();
  }

  // Steps a statement that returns no rows (or whose rows are not needed) to completion.
  // On failure the message is `what`, then ` index` when index >= 0, then ` of *where`;
  // it is only built then, as this runs once per stored row.
  Status Run(Stmt& stmt, std::string_view what, int64_t index = -1,
             const std::string* where = nullptr) {
    const int rc = stmt.RunCode();
    if (rc == SQLITE_DONE) return Status::Ok();
    std::string message(what);
    if (index >= 0) message += " " + std::to_string(index);
    if (where) message += " of " + *where;
    return stmt.Error(rc, message);
  }

  Result<int> UserVersion() {
    Stmt stmt;
    if (Status s = Prepare("PRAGMA user_version", &stmt); !s.ok()) return s;
    const int rc = stmt.StepCode();
    if (rc != SQLITE_ROW) return Error(rc, "reading PRAGMA user_version");
    return static_cast<int>(stmt.ColInt(0));
  }

  Status Configure(const StoreOptions& options);
  Status Migrate();
  Status CheckVersionReadOnly();
  Status PrepareReaders();
  Status PrepareWriters();
  // The steps of PrepareWriters: the transaction, article and capture statements, then the
  // facts' (their deletes and inserts); the run statements are prepared last.
  Status PrepareArticleWriters();
  Status PrepareFactWriters();
  // Prepares each statement in order; the first failure is returned.
  Status PrepareAll(std::initializer_list<std::pair<const char*, Stmt*>> statements);

  Status WriteOne(const Article& a, int64_t run_id, const std::string& stored_at,
                  WriteOutcome* outcome);
  // The steps of WriteOne. StoredCapture sets *outcome to kReplaced when the article is
  // stored already, or kKeptLater when its stored capture is later than a's (then nothing
  // is written).
  Status StoredCapture(const Article& a, const std::string& where, WriteOutcome* outcome);
  Status UpsertArticle(const Article& a, int64_t run_id, const std::string& stored_at,
                       const std::string& where);
  Status DeleteFacts(const Article& a, const std::string& where);
  Status WriteQuantities(const Article& a, const std::string& where);
  Status WriteDates(const Article& a, const std::string& where);
  Status WriteOfficials(const Article& a, const std::string& where);
  Status WriteQuotes(const Article& a, const std::string& where);
  Status RecordCapture(const Article& a, const std::string& where) {
    const ArchiveRef& r = *a.archive;
    Stmt& s = insert_capture;
    StmtUse use(s);
    s.TextRef(a.url ? *a.url : a.id)  // a reference: bound strings must outlive the step
        .TextRef(r.date)
        .TextRef(r.digest)
        .TextRef(r.file)
        .Int(r.offset)
        .Int(r.length)
        .TextRef(r.record_id)
        .TextRef(a.id);
    return Run(s, "recording the capture of", -1, &where);
  }
  void RollbackQuietly() {
    if (!sqlite3_get_autocommit(db.get())) {
      (void)rollback.RunCode();
      rollback.Reset();
    }
  }

  // Fills a's fact lists from the fact tables; a.id must be set.
  Status LoadFacts(Article& a, unsigned facts = Store::kAllFacts);
  template <typename StepAll>
  Status LoadOfficials(Article& a, const StepAll& step_all);
  template <typename StepAll>
  Status LoadQuotes(Article& a, const StepAll& step_all);
};

namespace {

// 128 random bits as hex: a run's name across databases (merge matches runs on it).
std::string NewRunUid() {
  static std::mutex mu;
  static std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{
        device(), device(), device(), device(),
        static_cast<unsigned>(std::chrono::system_clock::now().time_since_epoch().count())};
    return std::mt19937_64(seed);
  }();
  std::lock_guard<std::mutex> lock(mu);
  char text[40];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return text;
}

Status RefuseNewer(const std::string& path, int version) {
  return StorageError("database schema version " + std::to_string(version) +
                          " is newer than this program's (" + std::to_string(kSchemaVersion) +
                          "); use a newer newsfacts to open it",
                      path);
}

// Reads the article columns in kArticleColumns order starting at column 0.
Result<Article> ReadArticleRow(const Stmt& stmt, const std::string& path) {
  Article a;
  a.id = stmt.ColText(0);
  a.url = stmt.ColOptText(1);
  a.canonical_url = stmt.ColOptText(2);
  a.site = stmt.ColOptText(3);
  a.title = stmt.ColOptText(4);
  a.byline = stmt.ColOptText(5);
  a.published = stmt.ColOptText(6);
  a.language = stmt.ColOptText(7);
  a.text = stmt.ColText(8);
  const std::string captions = stmt.ColText(9);
  const auto json = nlohmann::json::parse(captions, nullptr, /*allow_exceptions=*/false);
  bool ok = json.is_array();
  if (ok) {
    for (const auto& c : json) {
      if (!c.is_string()) {
        ok = false;
        break;
      }
      a.captions.push_back(c.get<std::string>());
    }
  }
  if (!ok) {
    return StorageError("article \"" + a.id + "\": captions column is not a JSON array of strings",
                        path);
  }
  if (!stmt.IsNull(10)) {
    ArchiveRef r;
    r.file = stmt.ColText(10);
    r.offset = stmt.ColInt(11);
    r.length = stmt.ColInt(12);
    r.record_id = stmt.ColText(13);
    r.date = stmt.ColText(14);
    r.digest = stmt.ColText(15);
    a.archive = std::move(r);
  }
  a.reference_date = stmt.ColOptText(16);
  a.ruleset_versions = stmt.ColOptText(17);
  return a;
}

}  // namespace

Status Store::Impl::Configure(const StoreOptions& options) {
  sqlite3_extended_result_codes(db.get(), 1);
  int rc = sqlite3_busy_timeout(db.get(), std::max(0, options.busy_timeout_ms));
  if (rc != SQLITE_OK) return Error(rc, "setting busy timeout");
  if (Status s = Exec("PRAGMA foreign_keys = ON", "enabling foreign keys"); !s.ok()) return s;
  if (read_only) return Status::Ok();

  Stmt wal;
  if (Status s = Prepare("PRAGMA journal_mode = WAL", &wal); !s.ok()) return s;
  rc = wal.StepCode();
  if (rc != SQLITE_ROW) return Error(rc, "switching to WAL mode");
  const std::string mode = wal.ColText(0);
  // An in-memory database reports "memory" and cannot use WAL; any file database must.
  if (mode != "wal" && mode != "memory") {
    return StorageError("could not switch to WAL mode (journal_mode is " + mode + ")", path);
  }
  wal = Stmt();
  return Exec("PRAGMA synchronous = NORMAL", "setting synchronous = NORMAL");
}

Status Store::Impl::Migrate() {
  Result<int> version = UserVersion();
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion) return RefuseNewer(path, *version);
  if (*version == kSchemaVersion) return Status::Ok();

  if (Status s = Exec("BEGIN IMMEDIATE", "starting schema migration"); !s.ok()) return s;
  // Another process may have migrated between the first read and taking the write lock.
  version = UserVersion();
  Status status = version.status();
  if (status.ok() && *version > kSchemaVersion) status = RefuseNewer(path, *version);
  for (const Migration& step : kMigrations) {
    if (!status.ok()) break;
    if (step.to_version <= *version) continue;
    status = Exec(step.sql, "migrating schema to version " + std::to_string(step.to_version));
    if (status.ok()) {
      const std::string pragma = "PRAGMA user_version = " + std::to_string(step.to_version);
      status = Exec(pragma.c_str(), "setting schema version");
    }
  }
  if (status.ok()) status = Exec("COMMIT", "committing schema migration");
  if (!status.ok() && !sqlite3_get_autocommit(db.get())) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return status;
}

Status Store::Impl::CheckVersionReadOnly() {
  Result<int> version = UserVersion();
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion) return RefuseNewer(path, *version);
  if (*version == 0) {
    return StorageError("not a newsfacts database (schema version 0)", path);
  }
  if (*version < kSchemaVersion) {
    return StorageError("database schema version " + std::to_string(*version) +
                            " is older than this program's (" + std::to_string(kSchemaVersion) +
                            "); open it once for writing to migrate it",
                        path);
  }
  return Status::Ok();
}

Status Store::Impl::PrepareReaders() {
  const std::string by_id =
      std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?1";
  const std::pair<const char*, Stmt*> readers[] = {
      {by_id.c_str(), &article_by_id},
      {"SELECT text, span_start, span_end, rule, ruleset_version, value, unit, dimension, "
       "si_value, si_unit, approx, low, high, subject, equivalent_of "
       "FROM quantities WHERE article_id = ?1 ORDER BY position",
       &quantities_of},
      {"SELECT text, span_start, span_end, rule, ruleset_version, kind, date_from, date_to, "
       "granularity, duration FROM dates WHERE article_id = ?1 ORDER BY position",
       &dates_of},
      {"SELECT position, name, title, former, affiliation, span_start, span_end, rule, "
       "ruleset_version FROM officials WHERE article_id = ?1 ORDER BY position",
       &officials_of},
      {"SELECT official_position, span_start, span_end FROM mentions WHERE article_id = ?1 "
       "ORDER BY official_position, position",
       &mentions_of},
      {"SELECT position, text, span_start, span_end, speaker, speaker_span_start, "
       "speaker_span_end, cue, via, partial, rule, ruleset_version "
       "FROM quotes WHERE article_id = ?1 ORDER BY position",
       &quotes_of},
      {"SELECT quote_position, span_start, span_end FROM quote_parts WHERE article_id = ?1 "
       "ORDER BY quote_position, position",
       &parts_of},
  };
  for (const auto& [sql, stmt] : readers) {
    if (Status s = Prepare(sql, stmt); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Store::Impl::PrepareAll(std::initializer_list<std::pair<const char*, Stmt*>> statements) {
  for (const auto& [sql, stmt] : statements) {
    if (Status s = Prepare(sql, stmt); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Store::Impl::PrepareWriters() {
  if (Status s = PrepareArticleWriters(); !s.ok()) return s;
  if (Status s = PrepareFactWriters(); !s.ok()) return s;
  return PrepareAll({
      {"INSERT INTO runs (program_version, ruleset_versions, command, started_at, shard, uid) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
       &insert_run},
      {"UPDATE runs SET finished_at = ?2, articles_stored = ?3, articles_failed = ?4 "
       "WHERE id = ?1",
       &finish_run},
  });
}

Status Store::Impl::PrepareArticleWriters() {
  // The article row is updated in place rather than deleted and re-inserted, so it keeps
  // its seq (ForEachArticle's order, the full-text index's rowid) and its fetch_id.
  return PrepareAll({
      {"BEGIN IMMEDIATE", &begin},
      {"COMMIT", &commit},
      {"ROLLBACK", &rollback},
      {"INSERT INTO articles (id, url, canonical_url, site, title, byline, published, "
       "language, text, captions, run_id, stored_at, fetch_id, archive_file, archive_offset, "
       "archive_length, archive_record_id, archive_date, archive_digest, reference_date, "
       "ruleset_versions) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
       "?18, ?19, ?20, coalesce(?21, (SELECT ruleset_versions FROM runs WHERE id = ?11))) "
       "ON CONFLICT (id) DO UPDATE SET url = excluded.url, "
       "canonical_url = excluded.canonical_url, site = excluded.site, "
       "title = excluded.title, byline = excluded.byline, published = excluded.published, "
       "language = excluded.language, text = excluded.text, captions = excluded.captions, "
       "run_id = excluded.run_id, stored_at = excluded.stored_at, "
       "fetch_id = coalesce(excluded.fetch_id, fetch_id), "
       "archive_file = excluded.archive_file, archive_offset = excluded.archive_offset, "
       "archive_length = excluded.archive_length, "
       "archive_record_id = excluded.archive_record_id, archive_date = excluded.archive_date, "
       "archive_digest = excluded.archive_digest, reference_date = excluded.reference_date, "
       "ruleset_versions = excluded.ruleset_versions",
       &upsert_article},
      {"SELECT archive_date, archive_digest FROM articles WHERE id = ?1", &stored_capture},
      // Two copies of one capture (the same WARC file twice) keep the first-named place.
      {"INSERT INTO captures (url, date, digest, file, offset, length, record_id, article_id) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
       "ON CONFLICT (url, date, digest) DO UPDATE SET file = excluded.file, "
       "offset = excluded.offset, length = excluded.length, record_id = excluded.record_id, "
       "article_id = excluded.article_id "
       "WHERE (excluded.file, excluded.offset) < (captures.file, captures.offset)",
       &insert_capture},
  });
}

Status Store::Impl::PrepareFactWriters() {
  return PrepareAll({
      // Children first and explicitly: replacing must not depend on the foreign_keys
      // pragma of whoever opened the file.
      {"DELETE FROM mentions WHERE article_id = ?1", &delete_mentions},
      {"DELETE FROM officials WHERE article_id = ?1", &delete_officials},
      {"DELETE FROM quote_parts WHERE article_id = ?1", &delete_parts},
      {"DELETE FROM quotes WHERE article_id = ?1", &delete_quotes},
      {"DELETE FROM quantities WHERE article_id = ?1", &delete_quantities},
      {"DELETE FROM dates WHERE article_id = ?1", &delete_dates},
      {"INSERT INTO quantities (article_id, position, text, span_start, span_end, rule, "
       "ruleset_version, value, unit, dimension, si_value, si_unit, approx, low, high, "
       "subject, equivalent_of) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
       &insert_quantity},
      {"INSERT INTO dates (article_id, position, text, span_start, span_end, rule, "
       "ruleset_version, kind, date_from, date_to, granularity, duration) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
       &insert_date},
      {"INSERT INTO officials (article_id, position, name, title, former, affiliation, "
       "span_start, span_end, rule, ruleset_version) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
       &insert_official},
      {"INSERT INTO mentions (article_id, official_position, position, span_start, span_end) "
       "VALUES (?1, ?2, ?3, ?4, ?5)",
       &insert_mention},
      {"INSERT INTO quotes (article_id, position, text, span_start, span_end, speaker, "
       "speaker_span_start, speaker_span_end, cue, via, partial, rule, ruleset_version) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
       &insert_quote},
      {"INSERT INTO quote_parts (article_id, quote_position, position, span_start, span_end) "
       "VALUES (?1, ?2, ?3, ?4, ?5)",
       &insert_part},
  });
}

Status Store::Impl::StoredCapture(const Article& a, const std::string& where,
                                  WriteOutcome* outcome) {
  Stmt& s = stored_capture;
  StmtUse use(s);
  s.TextRef(a.id);
  const int rc = s.StepCode();
  if (rc == SQLITE_ROW) {
    *outcome = WriteOutcome::kReplaced;
    // The latest capture is the stored article: by date, then digest, so the outcome
    // never depends on the order captures arrive in.
    if (a.archive && !s.IsNull(0)) {
      const std::string date = s.ColText(0), digest = s.ColText(1);
      if (std::tie(a.archive->date, a.archive->digest) < std::tie(date, digest)) {
        *outcome = WriteOutcome::kKeptLater;
        return Status::Ok();
      }
    }
  } else if (rc != SQLITE_DONE) {
    return Error(rc, "reading the stored capture of " + where);
  }
  return Status::Ok();
}

Status Store::Impl::UpsertArticle(const Article& a, int64_t run_id, const std::string& stored_at,
                                  const std::string& where) {
  std::string captions;
  try {
    captions =
        nlohmann::json(a.captions).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return InternalError(where + ": encoding captions: " + e.what());
  }
  Stmt& s = upsert_article;
  StmtUse use(s);
  s.TextRef(a.id)
      .OptTextRef(a.url)
      .OptTextRef(a.canonical_url)
      .OptTextRef(a.site)
      .OptTextRef(a.title)
      .OptTextRef(a.byline)
      .OptTextRef(a.published)
      .OptTextRef(a.language)
      .TextRef(a.text)
      .TextRef(captions);
  if (run_id > 0) {
    s.Int(run_id);
  } else {
    s.Null();
  }
  s.TextRef(stored_at);
  if (a.fetch_id) {
    s.Int(*a.fetch_id);
  } else {
    s.Null();
  }
  if (a.archive) {
    s.TextRef(a.archive->file)
        .Int(a.archive->offset)
        .Int(a.archive->length)
        .TextRef(a.archive->record_id)
        .TextRef(a.archive->date)
        .TextRef(a.archive->digest);
  } else {
    s.Null().Null().Null().Null().Null().Null();
  }
  s.OptTextRef(a.reference_date).OptTextRef(a.ruleset_versions);
  return Run(s, "storing", -1, &where);
}

Status Store::Impl::DeleteFacts(const Article& a, const std::string& where) {
  for (Stmt* d : {&delete_mentions, &delete_officials, &delete_parts, &delete_quotes,
                  &delete_quantities, &delete_dates}) {
    Stmt& s = *d;
    StmtUse use(s);
    s.TextRef(a.id);
    if (Status st = Run(s, "removing old facts", -1, &where); !st.ok()) return st;
  }

  return Status::Ok();
}

Status Store::Impl::WriteQuantities(const Article& a, const std::string& where) {
  for (size_t i = 0; i < a.quantities.size(); ++i) {
    const Quantity& q = a.quantities[i];
    Stmt& s = insert_quantity;
    StmtUse use(s);
    s.TextRef(a.id)
        .Int(static_cast<int64_t>(i))
        .TextRef(q.text)
        .Int(q.span.start)
        .Int(q.span.end)
        .TextRef(q.rule)
        .Int(q.ruleset_version)
        .Real(q.value)
        .TextRef(q.unit)
        .TextRef(q.dimension)
        .OptReal(q.si_value)
        .TextRef(q.si_unit)
        .Bool(q.approx)
        .OptReal(q.low)
        .OptReal(q.high)
        .OptTextRef(q.subject)
        .OptInt(q.equivalent_of);
    if (Status st = Run(s, "storing quantity", static_cast<int64_t>(i), &where); !st.ok()) {
      return st;
    }
  }
  return Status::Ok();
}

Status Store::Impl::WriteDates(const Article& a, const std::string& where) {
  for (size_t i = 0; i < a.dates.size(); ++i) {
    const DateFact& d = a.dates[i];
    Stmt& s = insert_date;
    StmtUse use(s);
    s.TextRef(a.id)
        .Int(static_cast<int64_t>(i))
        .TextRef(d.text)
        .Int(d.span.start)
        .Int(d.span.end)
        .TextRef(d.rule)
        .Int(d.ruleset_version)
        .TextRef(d.kind)
        .OptTextRef(d.from)
        .OptTextRef(d.to)
        .OptTextRef(d.granularity)
        .OptTextRef(d.duration);
    if (Status st = Run(s, "storing date", static_cast<int64_t>(i), &where); !st.ok()) {
      return st;
    }
  }
  return Status::Ok();
}

Status Store::Impl::WriteOfficials(const Article& a, const std::string& where) {
  for (size_t i = 0; i < a.officials.size(); ++i) {
    const Official& o = a.officials[i];
    {
      Stmt& s = insert_official;
      StmtUse use(s);
      s.TextRef(a.id)
          .Int(static_cast<int64_t>(i))
          .TextRef(o.name)
          .TextRef(o.title)
          .Bool(o.former)
          .OptTextRef(o.affiliation)
          .Int(o.span.start)
          .Int(o.span.end)
          .TextRef(o.rule)
          .Int(o.ruleset_version);
      if (Status st = Run(s, "storing official", static_cast<int64_t>(i), &where); !st.ok()) {
        return st;
      }
    }
    for (size_t m = 0; m < o.mentions.size(); ++m) {
      Stmt& s = insert_mention;
      StmtUse use(s);
      s.TextRef(a.id)
          .Int(static_cast<int64_t>(i))
          .Int(static_cast<int64_t>(m))
          .Int(o.mentions[m].start)
          .Int(o.mentions[m].end);
      if (Status st = Run(s, "storing a mention of official", static_cast<int64_t>(i), &where);
          !st.ok()) {
        return st;
      }
    }
  }
  return Status::Ok();
}

Status Store::Impl::WriteQuotes(const Article& a, const std::string& where) {
  for (size_t i = 0; i < a.quotes.size(); ++i) {
    const Quote& q = a.quotes[i];
    {
      Stmt& s = insert_quote;
      StmtUse use(s);
      s.TextRef(a.id)
          .Int(static_cast<int64_t>(i))
          .TextRef(q.text)
          .Int(q.span.start)
          .Int(q.span.end)
          .OptTextRef(q.speaker);
      if (q.speaker_span) {
        s.Int(q.speaker_span->start).Int(q.speaker_span->end);
      } else {
        s.Null().Null();
      }
      s.OptTextRef(q.cue).OptTextRef(q.via).Bool(q.partial).TextRef(q.rule).Int(q.ruleset_version);
      if (Status st = Run(s, "storing quote", static_cast<int64_t>(i), &where); !st.ok()) {
        return st;
      }
    }
    for (size_t p = 0; p < q.parts.size(); ++p) {
      Stmt& s = insert_part;
      StmtUse use(s);
      s.TextRef(a.id)
          .Int(static_cast<int64_t>(i))
          .Int(static_cast<int64_t>(p))
          .Int(q.parts[p].start)
          .Int(q.parts[p].end);
      if (Status st = Run(s, "storing a part of quote", static_cast<int64_t>(i), &where);
          !st.ok()) {
        return st;
      }
    }
  }
  return Status::Ok();
}

Status Store::Impl::WriteOne(const Article& a, int64_t run_id, const std::string& stored_at,
                             WriteOutcome* outcome) {
  const std::string where = "article \"" + a.id + "\"";
  *outcome = WriteOutcome::kAdded;
  if (a.archive) {
    if (Status st = RecordCapture(a, where); !st.ok()) return st;
  }
  if (Status st = StoredCapture(a, where, outcome); !st.ok()) return st;
  if (*outcome == WriteOutcome::kKeptLater) return Status::Ok();
  if (Status st = UpsertArticle(a, run_id, stored_at, where); !st.ok()) return st;
  if (Status st = DeleteFacts(a, where); !st.ok()) return st;
  if (Status st = WriteQuantities(a, where); !st.ok()) return st;
  if (Status st = WriteDates(a, where); !st.ok()) return st;
  if (Status st = WriteOfficials(a, where); !st.ok()) return st;
  return WriteQuotes(a, where);
}

Status Store::Impl::LoadFacts(Article& a, unsigned facts) {
  const std::string where = "reading facts of article \"" + a.id + "\"";
  auto step_all = [&](Stmt& s, const std::function<void(const Stmt&)>& row) {
    StmtUse use(s);
    s.TextRef(a.id);
    int rc;
    while ((rc = s.StepCode()) == SQLITE_ROW) row(s);
    return rc == SQLITE_DONE ? Status::Ok() : Error(rc, where);
  };

  Status st;
  if (facts & Store::kQuantities)
    st = step_all(quantities_of, [&](const Stmt& s) {
      Quantity q;
      q.text = s.ColText(0);
      q.span = ColSpan(s, 1);
      q.rule = s.ColText(3);
      q.ruleset_version = static_cast<int>(s.ColInt(4));
      q.value = s.ColReal(5);
      q.unit = s.ColText(6);
      q.dimension = s.ColText(7);
      q.si_value = s.ColOptReal(8);
      q.si_unit = s.ColText(9);
      q.approx = s.ColInt(10) != 0;
      q.low = s.ColOptReal(11);
      q.high = s.ColOptReal(12);
      q.subject = s.ColOptText(13);
      q.equivalent_of = s.ColOptInt(14);
      a.quantities.push_back(std::move(q));
    });
  if (!st.ok()) return st;

  if (facts & Store::kDates)
    st = step_all(dates_of, [&](const Stmt& s) {
      DateFact d;
      d.text = s.ColText(0);
      d.span = ColSpan(s, 1);
      d.rule = s.ColText(3);
      d.ruleset_version = static_cast<int>(s.ColInt(4));
      d.kind = s.ColText(5);
      d.from = s.ColOptText(6);
      d.to = s.ColOptText(7);
      d.granularity = s.ColOptText(8);
      d.duration = s.ColOptText(9);
      a.dates.push_back(std::move(d));
    });
  if (!st.ok()) return st;

  if (facts & Store::kOfficials) {
    if (Status s = LoadOfficials(a, step_all); !s.ok()) return s;
  }
  if (facts & Store::kQuotes) return LoadQuotes(a, step_all);
  return Status::Ok();
}

template <typename StepAll>
Status Store::Impl::LoadOfficials(Article& a, const StepAll& step_all) {
  // Child rows name their parent by position; positions are ascending in the parent list.
  std::vector<int64_t> official_positions;
  Status st = step_all(officials_of, [&](const Stmt& s) {
    official_positions.push_back(s.ColInt(0));
    Official o;
    o.name = s.ColText(1);
    o.title = s.ColText(2);
    o.former = s.ColInt(3) != 0;
    o.affiliation = s.ColOptText(4);
    o.span = ColSpan(s, 5);
    o.rule = s.ColText(7);
    o.ruleset_version = static_cast<int>(s.ColInt(8));
    a.officials.push_back(std::move(o));
  });
  if (!st.ok()) return st;
  return step_all(mentions_of, [&](const Stmt& s) {
    const auto it =
        std::lower_bound(official_positions.begin(), official_positions.end(), s.ColInt(0));
    if (it == official_positions.end() || *it != s.ColInt(0)) return;
    a.officials[static_cast<size_t>(it - official_positions.begin())].mentions.push_back(
        ColSpan(s, 1));
  });
}

template <typename StepAll>
Status Store::Impl::LoadQuotes(Article& a, const StepAll& step_all) {
  std::vector<int64_t> quote_positions;
  Status st = step_all(quotes_of, [&](const Stmt& s) {
    quote_positions.push_back(s.ColInt(0));
    Quote q;
    q.text = s.ColText(1);
    q.span = ColSpan(s, 2);
    q.speaker = s.ColOptText(4);
    if (!s.IsNull(5)) q.speaker_span = ColSpan(s, 5);
    q.cue = s.ColOptText(7);
    q.via = s.ColOptText(8);
    q.partial = s.ColInt(9) != 0;
    q.rule = s.ColText(10);
    q.ruleset_version = static_cast<int>(s.ColInt(11));
    a.quotes.push_back(std::move(q));
  });
  if (!st.ok()) return st;
  return step_all(parts_of, [&](const Stmt& s) {
    const auto it = std::lower_bound(quote_positions.begin(), quote_positions.end(), s.ColInt(0));
    if (it == quote_positions.end() || *it != s.ColInt(0)) return;
    a.quotes[static_cast<size_t>(it - quote_positions.begin())].parts.push_back(ColSpan(s, 1));
  });
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

int Store::SchemaVersion() { return kSchemaVersion; }

Result<Store> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = options.read_only;

  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return NotFound("no such database", path);
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  impl->db.reset(raw);
  if (rc != SQLITE_OK) return impl->Error(rc, "opening database");

  if (Status s = impl->Configure(options); !s.ok()) return s;
  if (options.read_only) {
    if (Status s = impl->CheckVersionReadOnly(); !s.ok()) return s;
  } else {
    if (Status s = impl->Migrate(); !s.ok()) return s;
    if (Status s = impl->PrepareWriters(); !s.ok()) return s;
  }
  if (Status s = impl->PrepareReaders(); !s.ok()) return s;
  return Store(std::move(impl));
}

Result<int64_t> Store::BeginRun(const RunInfo& info) {
  Impl& d = *impl_;
  if (d.read_only) return StorageError("cannot record a run: opened read-only", d.path);
  std::string versions;
  try {
    versions = nlohmann::json(info.ruleset_versions)
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return InternalError(std::string("encoding rule-set versions: ") + e.what());
  }
  const std::string started_at = NowIso8601();
  Stmt& s = d.insert_run;
  StmtUse use(s);
  s.TextRef(info.program_version).TextRef(versions).TextRef(info.command).TextRef(started_at);
  if (info.shard.empty()) {
    s.Null();
  } else {
    s.TextRef(info.shard);
  }
  const std::string uid = NewRunUid();
  s.TextRef(uid);
  if (Status st = d.Run(s, "recording run"); !st.ok()) return st;
  return s.LastInsertRowid();
}

Status Store::EndRun(int64_t run_id, int64_t articles_stored, int64_t articles_failed) {
  Impl& d = *impl_;
  if (d.read_only) return StorageError("cannot record a run: opened read-only", d.path);
  const std::string finished_at = NowIso8601();
  Stmt& s = d.finish_run;
  StmtUse use(s);
  s.Int(run_id).TextRef(finished_at).Int(articles_stored).Int(articles_failed);
  if (Status st = d.Run(s, "finishing run"); !st.ok()) return st;
  if (s.Changes() == 0) {
    return NotFound("no run with id " + std::to_string(run_id), d.path);
  }
  return Status::Ok();
}

Status Store::WriteArticles(const std::vector<Article>& batch, int64_t run_id,
                            std::vector<WriteOutcome>* outcomes) {
  Impl& d = *impl_;
  if (outcomes) outcomes->assign(batch.size(), WriteOutcome::kAdded);
  if (batch.empty()) return Status::Ok();
  if (d.read_only) return StorageError("cannot write articles: opened read-only", d.path);
  WriteOutcome ignored;
  auto slot = [&](size_t i) { return outcomes ? &(*outcomes)[i] : &ignored; };
  // Inside the caller's InTransaction(): the caller commits or rolls back.
  if (!sqlite3_get_autocommit(d.db.get())) {
    const std::string stored_at = NowIso8601();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (Status st = d.WriteOne(batch[i], run_id, stored_at, slot(i)); !st.ok()) return st;
    }
    return Status::Ok();
  }
  {
    Stmt& s = d.begin;
    StmtUse use(s);
    if (Status st = d.Run(s, "starting a write transaction"); !st.ok()) return st;
  }
  const std::string stored_at = NowIso8601();
  Status status;
  for (size_t i = 0; i < batch.size(); ++i) {
    status = d.WriteOne(batch[i], run_id, stored_at, slot(i));
    if (!status.ok()) break;
  }
  if (status.ok()) {
    Stmt& s = d.commit;
    StmtUse use(s);
    status = d.Run(s, "committing a batch of " + std::to_string(batch.size()) + " articles");
  }
  if (!status.ok()) d.RollbackQuietly();
  return status;
}

Status Store::InTransaction(const std::function<Status()>& fn) {
  Impl& d = *impl_;
  if (d.read_only) return StorageError("cannot write: opened read-only", d.path);
  if (!sqlite3_get_autocommit(d.db.get())) {
    return InternalError("InTransaction: a transaction is already open");
  }
  {
    Stmt& s = d.begin;
    StmtUse use(s);
    if (Status st = d.Run(s, "starting a write transaction"); !st.ok()) return st;
  }
  Status status = fn();
  if (status.ok()) {
    Stmt& s = d.commit;
    StmtUse use(s);
    status = d.Run(s, "committing");
  }
  if (!status.ok()) d.RollbackQuietly();
  return status;
}

Result<Stmt> Store::Prepare(std::string_view sql) const {
  return Stmt::Prepare(impl_->db.get(), sql, impl_->path);
}

const std::string& Store::path() const { return impl_->path; }

Status Store::ForEachArticle(const std::function<bool(const Article&)>& fn) const {
  Impl& d = *impl_;
  // A statement of its own per call, so fn may call ReadArticle or nest another walk.
  Stmt all;
  const std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles ORDER BY seq";
  if (Status st = d.Prepare(sql.c_str(), &all); !st.ok()) return st;
  int rc;
  while ((rc = all.StepCode()) == SQLITE_ROW) {
    Result<Article> a = ReadArticleRow(all, d.path);
    if (!a.ok()) return a.status();
    if (Status st = d.LoadFacts(*a); !st.ok()) return st;
    if (!fn(*a)) return Status::Ok();
  }
  return rc == SQLITE_DONE ? Status::Ok() : d.Error(rc, "reading articles");
}

namespace {
constexpr char kStaleFilter[] =
    "(?2 IS NULL OR ruleset_versions IS NULL OR ruleset_versions != ?2)";
}  // namespace

Result<std::vector<Article>> Store::ReadArticlesAfter(int64_t after_seq, size_t limit,
                                                      const std::string* stale_against,
                                                      bool with_facts, int64_t* last_seq) const {
  Impl& d = *impl_;
  Stmt page;
  const std::string sql = std::string("SELECT ") + kArticleColumns +
                          ", seq FROM articles WHERE seq > ?1 AND " + kStaleFilter +
                          " ORDER BY seq LIMIT ?3";
  if (Status st = d.Prepare(sql.c_str(), &page); !st.ok()) return st;
  page.Int(after_seq);
  if (stale_against) {
    page.TextRef(*stale_against);
  } else {
    page.Null();
  }
  page.Int(static_cast<int64_t>(limit));
  std::vector<Article> out;
  int rc;
  while ((rc = page.StepCode()) == SQLITE_ROW) {
    Result<Article> a = ReadArticleRow(page, d.path);
    if (!a.ok()) return a.status();
    *last_seq = page.ColInt(18);
    out.push_back(std::move(a).value());
  }
  if (rc != SQLITE_DONE) return d.Error(rc, "reading articles");
  page = Stmt();
  if (with_facts) {
    for (Article& a : out) {
      if (Status st = d.LoadFacts(a); !st.ok()) return st;
    }
  }
  return out;
}

Result<int64_t> Store::CountArticles(const std::string* stale_against) const {
  Impl& d = *impl_;
  Stmt count;
  const std::string sql =
      std::string("SELECT count(*) FROM articles WHERE ?1 IS NULL AND ") + kStaleFilter;
  if (Status st = d.Prepare(sql.c_str(), &count); !st.ok()) return st;
  count.Null();
  if (stale_against) {
    count.TextRef(*stale_against);
  } else {
    count.Null();
  }
  const int rc = count.StepCode();
  if (rc != SQLITE_ROW) return d.Error(rc, "counting articles");
  return count.ColInt(0);
}

Result<std::optional<Article>> Store::ReadArticle(const std::string& id, unsigned facts) const {
  Impl& d = *impl_;
  std::optional<Article> article;
  {
    Stmt& s = d.article_by_id;
    StmtUse use(s);
    s.TextRef(id);
    const int rc = s.StepCode();
    if (rc == SQLITE_DONE) return std::optional<Article>();
    if (rc != SQLITE_ROW) return d.Error(rc, "reading article \"" + id + "\"");
    Result<Article> row = ReadArticleRow(s, d.path);
    if (!row.ok()) return row.status();
    article = std::move(row).value();
  }
  if (Status st = d.LoadFacts(*article, facts); !st.ok()) return st;
  return article;
}

}  // namespace newsfacts::store
