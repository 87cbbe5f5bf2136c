#include "store/queries.h"

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "store/stmt.h"

namespace newsfacts::store {
namespace {

constexpr char kFilter[] =
    " AND (?90 IS NULL OR substr(a.published, 1, 10) >= ?90)"
    " AND (?91 IS NULL OR substr(a.published, 1, 10) <= ?91)"
    " AND (?92 IS NULL OR a.site = ?92)";

void BindOpt(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v) {
    sqlite3_bind_text(s, i, v->c_str(), -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(s, i);
  }
}

// A lookup's statement with the filter's parameters (?90..?92, kFilter) bound.
Result<Stmt> PrepareLookup(const Store& store, const std::string& sql,
                           const ArticleFilter& filter) {
  sqlite3* db = store.connection();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) {
    return StorageError(std::string("preparing a lookup: ") + sqlite3_errmsg(db), store.path());
  }
  BindOpt(raw, 90, filter.since);
  BindOpt(raw, 91, filter.until);
  BindOpt(raw, 92, filter.site);
  return stmt;
}

Result<std::vector<std::string>> Ids(const Store& store, const std::string& sql,
                                     const std::function<void(sqlite3_stmt*)>& bind,
                                     const ArticleFilter& filter) {
  sqlite3* db = store.connection();
  auto stmt = PrepareLookup(store, sql, filter);
  if (!stmt.ok()) return stmt.status();
  sqlite3_stmt* raw = stmt->get();
  bind(raw);
  int rc;
  std::vector<std::string> ids;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0)));
  }
  if (rc != SQLITE_DONE) {
    return StorageError(std::string("looking up articles: ") + sqlite3_errmsg(db), store.path());
  }
  return ids;
}

}  // namespace

Result<std::vector<std::string>> ArticlesWithFigures(const Store& store, const std::string& si_unit,
                                                     double near, double lo, double hi,
                                                     const ArticleFilter& filter, size_t limit) {
  sqlite3* db = store.connection();
  // Upwards from near, and downwards from below it, each in index order.
  struct Side {
    const char* range;
    const char* order;
    double bound;
    Stmt stmt{};
    bool done = false;
    double value = 0;
    std::string id{};
  };
  Side sides[2] = {{"q.si_value >= ?2 AND q.si_value <= ?3", "ASC", hi},
                   {"q.si_value < ?2 AND q.si_value >= ?3", "DESC", lo}};
  const auto fail = [&](const char* what) {
    return StorageError(std::string(what) + sqlite3_errmsg(db), store.path());
  };
  const auto step = [&](Side& side) -> bool {  // false on an error
    const int rc = sqlite3_step(side.stmt.get());
    if (rc == SQLITE_ROW) {
      side.id = reinterpret_cast<const char*>(sqlite3_column_text(side.stmt.get(), 0));
      side.value = sqlite3_column_double(side.stmt.get(), 1);
      return true;
    }
    side.done = true;
    return rc == SQLITE_DONE;
  };
  for (Side& side : sides) {
    auto stmt = PrepareLookup(
        store,
        std::string("SELECT q.article_id, q.si_value FROM quantities q "
                    "JOIN articles a ON a.id = q.article_id WHERE q.si_unit = ?1 AND ") +
            side.range + kFilter + " ORDER BY q.si_value " + side.order,
        filter);
    if (!stmt.ok()) return stmt.status();
    side.stmt = std::move(stmt).value();
    sqlite3_stmt* raw = side.stmt.get();
    sqlite3_bind_text(raw, 1, si_unit.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(raw, 2, near);
    sqlite3_bind_double(raw, 3, side.bound);
    if (!step(side)) return fail("looking up articles: ");
  }
  std::vector<std::string> ids;
  std::unordered_set<std::string> seen;
  while (ids.size() < limit && !(sides[0].done && sides[1].done)) {
    // The nearer of the two sides' next values; the upper side on a tie.
    Side& next = sides[1].done || (!sides[0].done && sides[0].value - near <= near - sides[1].value)
                     ? sides[0]
                     : sides[1];
    if (seen.insert(next.id).second) ids.push_back(next.id);
    if (!step(next)) return fail("looking up articles: ");
  }
  return ids;
}

Result<std::vector<std::string>> ArticlesMatchingWords(const Store& store,
                                                       const std::vector<std::string>& words,
                                                       const ArticleFilter& filter, size_t limit,
                                                       WordMatch how) {
  std::string match;
  for (const std::string& w : words) {
    std::string quoted = "\"";
    for (char c : w) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    const bool prefix = how == WordMatch::kPrefix || (how == WordMatch::kStems && w.size() >= 5);
    quoted += prefix ? "\"*" : "\"";
    match += (match.empty() ? "" : " OR ") + quoted;
  }
  if (match.empty()) return std::vector<std::string>();
  // Without a filter, the best rows are taken from the full-text table alone (its rank is
  // bm25), and only they are joined: joining every matching row first costs far more.
  const bool filtered = filter.since || filter.until || filter.site;
  const std::string sql =
      filtered ? std::string(
                     "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                     "WHERE articles_fts MATCH ?1") +
                     kFilter + " ORDER BY bm25(articles_fts) LIMIT ?2"
               : std::string(
                     "SELECT a.id FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts "
                     "MATCH ?1 ORDER BY rank LIMIT ?2) f JOIN articles a ON a.seq = f.rowid "
                     "WHERE 1") +
                     kFilter + " ORDER BY f.rank";
  return Ids(
      store, sql,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_text(s, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(limit));
      },
      filter);
}

Result<std::optional<std::string>> ArticleIdByUrl(const Store& store, const std::string& url) {
  // Two lookups rather than one OR, so that each uses its index.
  for (const char* column : {"url", "canonical_url"}) {
    const std::string sql = std::string("SELECT a.id FROM articles a WHERE a.") + column + " = ?1" +
                            kFilter + " ORDER BY a.published DESC, a.seq DESC LIMIT 1";
    auto ids = Ids(
        store, sql,
        [&](sqlite3_stmt* s) { sqlite3_bind_text(s, 1, url.c_str(), -1, SQLITE_TRANSIENT); },
        ArticleFilter{});
    if (!ids.ok()) return ids.status();
    if (!ids->empty()) return std::optional<std::string>(ids->front());
  }
  return std::optional<std::string>();
}

Result<std::vector<SubjectFigure>> FiguresWithSubject(const Store& store,
                                                      const std::string& si_unit,
                                                      const std::vector<std::string>& subject_parts,
                                                      const ArticleFilter& filter) {
  std::string sql =
      std::string(
          "SELECT q.article_id, q.position, q.si_unit, q.subject, a.published "
          "FROM quantities q JOIN articles a ON a.id = q.article_id "
          "WHERE q.subject IS NOT NULL AND q.si_value IS NOT NULL AND q.equivalent_of IS NULL "
          "AND (?1 = '' OR q.si_unit = ?1)") +
      kFilter;
  for (size_t i = 0; i < subject_parts.size(); ++i) {
    sql += " AND q.subject LIKE ?" + std::to_string(100 + i) + " ESCAPE '\\'";
  }
  sql += " ORDER BY a.published DESC, a.seq DESC, q.position";
  sqlite3* db = store.connection();
  auto stmt = PrepareLookup(store, sql, filter);
  if (!stmt.ok()) return stmt.status();
  sqlite3_stmt* raw = stmt->get();
  sqlite3_bind_text(raw, 1, si_unit.c_str(), -1, SQLITE_TRANSIENT);
  for (size_t i = 0; i < subject_parts.size(); ++i) {
    std::string pattern = "%";
    for (char c : subject_parts[i]) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    sqlite3_bind_text(raw, static_cast<int>(100 + i), pattern.c_str(), -1, SQLITE_TRANSIENT);
  }
  auto text = [&](int col) {
    const unsigned char* t = sqlite3_column_text(raw, col);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
  };
  std::vector<SubjectFigure> out;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    SubjectFigure f;
    f.article_id = text(0);
    f.position = sqlite3_column_int64(raw, 1);
    f.si_unit = text(2);
    f.subject = text(3);
    if (sqlite3_column_type(raw, 4) != SQLITE_NULL) f.published = text(4);
    out.push_back(std::move(f));
  }
  if (rc != SQLITE_DONE) {
    return StorageError(std::string("looking up figures: ") + sqlite3_errmsg(db), store.path());
  }
  return out;
}

}  // namespace newsfacts::store
