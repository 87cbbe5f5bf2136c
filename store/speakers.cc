#include "store/speakers.h"

#include <sqlite3.h>

#include "store/stmt.h"

namespace newsfacts::store {
namespace {

std::optional<std::string> OptText(sqlite3_stmt* s, int col) {
  if (sqlite3_column_type(s, col) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, col)),
                     static_cast<size_t>(sqlite3_column_bytes(s, col)));
}

std::string Text(sqlite3_stmt* s, int col) { return OptText(s, col).value_or(""); }

Result<Stmt> Prepare(const Store& store, const char* sql) {
  sqlite3* db = store.connection();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) {
    return StorageError(std::string("preparing a speaker lookup: ") + sqlite3_errmsg(db),
                        store.path());
  }
  return stmt;
}

Status StepError(const Store& store) {
  return StorageError(std::string("reading quotes: ") + sqlite3_errmsg(store.connection()),
                      store.path());
}

}  // namespace

Result<std::vector<SpeakerCount>> Speakers(const Store& store, size_t limit) {
  auto stmt = Prepare(store,
                      "SELECT q.speaker, COUNT(*), COUNT(DISTINCT q.article_id), MAX(a.published) "
                      "FROM quotes q JOIN articles a ON a.id = q.article_id "
                      "WHERE q.speaker IS NOT NULL AND q.speaker <> '' "
                      "GROUP BY q.speaker ORDER BY COUNT(*) DESC, q.speaker LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  sqlite3_stmt* s = stmt->get();
  sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(limit));
  std::vector<SpeakerCount> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    SpeakerCount c;
    c.name = Text(s, 0);
    c.quotes = sqlite3_column_int64(s, 1);
    c.articles = sqlite3_column_int64(s, 2);
    c.latest = OptText(s, 3);
    out.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return out;
}

Result<std::vector<SpeakerQuote>> QuotesBy(const Store& store, const std::string& speaker,
                                           size_t limit) {
  auto stmt = Prepare(store,
                      "SELECT q.article_id, a.url, a.title, a.site, a.published, q.speaker, "
                      "q.text, q.span_start, q.span_end, q.cue, q.via, q.partial, q.position "
                      "FROM quotes q JOIN articles a ON a.id = q.article_id "
                      "WHERE q.speaker = ?1 COLLATE NOCASE "
                      "ORDER BY a.published IS NULL, a.published DESC, a.seq, q.position "
                      "LIMIT ?2");
  if (!stmt.ok()) return stmt.status();
  sqlite3_stmt* s = stmt->get();
  sqlite3_bind_text(s, 1, speaker.data(), static_cast<int>(speaker.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(limit));
  std::vector<SpeakerQuote> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    SpeakerQuote q;
    q.article_id = Text(s, 0);
    q.url = OptText(s, 1);
    q.title = OptText(s, 2);
    q.site = OptText(s, 3);
    q.published = OptText(s, 4);
    q.speaker = Text(s, 5);
    q.text = Text(s, 6);
    q.span = {sqlite3_column_int64(s, 7), sqlite3_column_int64(s, 8)};
    q.cue = OptText(s, 9);
    q.via = OptText(s, 10);
    q.partial = sqlite3_column_int(s, 11) != 0;
    q.position = sqlite3_column_int64(s, 12);
    out.push_back(std::move(q));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return out;
}

}  // namespace newsfacts::store
