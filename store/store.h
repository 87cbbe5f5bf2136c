// Store: the SQLite database of articles and their facts (schema in store/schema.sql,
// documented in docs/schema.md).
//
// One Store is one connection. The database is opened in WAL mode with foreign keys on;
// the schema is created or migrated on Open, keyed on PRAGMA user_version (a database
// newer than this program is refused). Statements are prepared once and reused.
//
// Writing. WriteArticles() stores a batch in ONE transaction: either every article of the
// batch and all its facts are committed, or nothing is. An article whose id is already
// stored has its row and all its fact rows replaced (re-extraction with newer rules).
// A crash or kill at any point leaves the last committed state.
//
// Captures. An article with an `archive` (a page read from a web archive or fetched by
// the crawler) also records the capture (url, date, digest, file, offset) in `captures`,
// once per (url, date, digest). Its stored row is the LATEST capture of its id, by
// archive date and then digest: an article whose capture is older than the stored one's
// only adds its capture row (WriteOutcome::kKeptLater). So the stored articles never
// depend on the order in which captures are written, and re-writing the same capture
// (the same date and digest) replaces the article, as any re-extraction does.
//
// Errors: StatusCode::kStorage in store/stmt.h's one form (what was being done, SQLite's
// message and extended result code, the database file); kNotFound for a missing
// database opened read-only.
//
// Thread safety: a Store is used by one thread at a time (the pipeline's writer thread).
// Movable, not copyable (it owns the connection and its statements).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/status.h"

namespace newsfacts::store {

class Stmt;  // store/stmt.h

struct StoreOptions {
  bool read_only = false;       // open an existing database without creating or migrating;
                                // kStorage unless its schema is exactly SchemaVersion()
  int busy_timeout_ms = 10000;  // how long to wait for another writer's lock
};

struct RunInfo {
  std::string program_version;
  std::map<std::string, int> ruleset_versions;  // {rule set id: version}
  std::string command;                          // e.g. "extract"
  std::string shard;                            // "K/N" when the run is one shard, else ""
};

// What WriteArticles() did with one article.
enum class WriteOutcome {
  kAdded,      // a new id
  kReplaced,   // the stored article with that id was replaced
  kKeptLater,  // an archived article whose stored capture is later: only the capture
               // was recorded (see "Captures" above)
};

class Store {
 public:
  static Result<Store> Open(const std::string& path, const StoreOptions& options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  // The schema version this program writes (PRAGMA user_version after Open).
  static int SchemaVersion();

  // Records a run (program and rule-set versions, start time); returns its id.
  Result<int64_t> BeginRun(const RunInfo& info);
  // Sets the run's finish time and counts; kNotFound for an unknown run_id.
  Status EndRun(int64_t run_id, int64_t articles_stored, int64_t articles_failed);

  // Stores the batch in one transaction (see above). Spans must be code points.
  // run_id is a BeginRun() id, or 0 (or less) for none; an id with no runs row fails the
  // batch. Each article keeps its original place in ForEachArticle() when replaced. If one
  // id appears twice in a batch, the later article wins. A span with start < 0 or
  // end < start fails the batch (a CHECK constraint, kStorage). Doubles are stored as
  // REAL and read back exactly, except that -0.0 reads back as 0.0.
  // kStorage also when opened read-only or when another writer holds the lock longer
  // than busy_timeout_ms.
  // outcomes, when given, receives one WriteOutcome per article of the batch.
  Status WriteArticles(const std::vector<Article>& batch, int64_t run_id,
                       std::vector<WriteOutcome>* outcomes = nullptr);

  // Calls fn for every stored article, rebuilt exactly as it was written, in the order
  // the articles were first stored; stops early when fn returns false.
  Status ForEachArticle(const std::function<bool(const Article&)>& fn) const;

  // Reading in pages, for walks that write as they go (re-extraction): up to `limit`
  // articles with seq > after_seq, in seq order, with their facts when with_facts; only
  // those whose ruleset_versions differ from *stale_against (or are unknown) when it is
  // given. *last_seq receives the seq of the last article returned (unchanged when none).
  // No statement stays open between calls.
  Result<std::vector<Article>> ReadArticlesAfter(int64_t after_seq, size_t limit,
                                                 const std::string* stale_against, bool with_facts,
                                                 int64_t* last_seq) const;
  // How many articles ReadArticlesAfter(0, ...) would walk through in all.
  Result<int64_t> CountArticles(const std::string* stale_against) const;

  // Which facts ReadArticle reads with the article (officials with their mentions,
  // quotes with their parts); the other lists stay empty.
  enum Facts : unsigned {
    kQuantities = 1u,
    kDates = 2u,
    kOfficials = 4u,
    kQuotes = 8u,
    kAllFacts = 15u,
  };
  // The stored article with this id, or nullopt.
  Result<std::optional<Article>> ReadArticle(const std::string& id,
                                             unsigned facts = kAllFacts) const;

  // Runs fn inside one write transaction (BEGIN IMMEDIATE): committed when fn returns OK,
  // rolled back otherwise (fn's Status is returned). WriteArticles() called from fn joins
  // that transaction instead of opening its own. kInternal when a transaction is already
  // open; kStorage when read-only or the lock cannot be had.
  Status InTransaction(const std::function<Status()>& fn);

  // A statement prepared on this store's connection, for the store's own modules (crawl
  // state, lookups, merge: store/stmt.h, which only store/ includes). It must be
  // destroyed before the Store. Errors as store/stmt.h says (kStorage naming the file).
  Result<Stmt> Prepare(std::string_view sql) const;
  const std::string& path() const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

enum class ExportFormat { kJsonl, kCsv };

// Writes stored data to out. what is one of "articles", "quantities", "dates",
// "officials", "quotes". For articles in JSON Lines, each line is exactly what
// `extract --json` printed for that article (ToJsonLine). For facts, each line or row is
// one fact with its article_id and the fields of the contract. kInvalidInput for an
// unknown `what` or csv of articles' nested facts is never needed: CSV of articles
// carries the article columns only.
// JSON Lines of facts: {"article_id": ..., then the fact's contract fields in order}.
// CSV (RFC 4180): header row, CRLF line ends; spans become <key>_start,<key>_end columns;
// lists (captions, mentions, parts) are JSON text; null is an empty field and the empty
// string is "" (quoted), so the two stay apart. kIo when out fails.
Status Export(const Store& store, ExportFormat format, const std::string& what, std::ostream& out);

}  // namespace newsfacts::store
