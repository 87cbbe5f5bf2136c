#include "store/queries.h"

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

// A lookup's statement with the filter's parameters (?90..?92, kFilter) bound; the
// caller binds its own from ?1.
Result<Stmt> PrepareLookup(const Store& store, const std::string& sql,
                           const ArticleFilter& filter) {
  auto stmt = store.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  stmt->At(90).OptText(filter.since).OptText(filter.until).OptText(filter.site).At(1);
  return stmt;
}

Result<std::vector<std::string>> Ids(const Store& store, const std::string& sql,
                                     const std::function<void(Stmt&)>& bind,
                                     const ArticleFilter& filter) {
  auto stmt = PrepareLookup(store, sql, filter);
  if (!stmt.ok()) return stmt.status();
  bind(*stmt);
  std::vector<std::string> ids;
  while (true) {
    auto row = stmt->Step("looking up articles");
    if (!row.ok()) return row.status();
    if (!*row) break;
    ids.push_back(stmt->ColText(0));
  }
  return ids;
}

}  // namespace

Result<std::vector<std::string>> ArticlesWithFigures(const Store& store, const std::string& si_unit,
                                                     double near, double lo, double hi,
                                                     const ArticleFilter& filter, size_t limit) {
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
  const auto step = [&](Side& side) -> Status {
    auto row = side.stmt.Step("looking up articles");
    if (!row.ok()) return row.status();
    side.done = !*row;
    if (*row) {
      side.id = side.stmt.ColText(0);
      side.value = side.stmt.ColReal(1);
    }
    return Status::Ok();
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
    side.stmt.Text(si_unit).Real(near).Real(side.bound);
    if (Status s = step(side); !s.ok()) return s;
  }
  std::vector<std::string> ids;
  std::unordered_set<std::string> seen;
  while (ids.size() < limit && !(sides[0].done && sides[1].done)) {
    // The nearer of the two sides' next values; the upper side on a tie.
    Side& next = sides[1].done || (!sides[0].done && sides[0].value - near <= near - sides[1].value)
                     ? sides[0]
                     : sides[1];
    if (seen.insert(next.id).second) ids.push_back(next.id);
    if (Status s = step(next); !s.ok()) return s;
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
      store, sql, [&](Stmt& s) { s.Text(match).Int(static_cast<int64_t>(limit)); }, filter);
}

Result<std::optional<std::string>> ArticleIdByUrl(const Store& store, const std::string& url) {
  // Two lookups rather than one OR, so that each uses its index.
  for (const char* column : {"url", "canonical_url"}) {
    const std::string sql = std::string("SELECT a.id FROM articles a WHERE a.") + column + " = ?1" +
                            kFilter + " ORDER BY a.published DESC, a.seq DESC LIMIT 1";
    auto ids = Ids(
        store, sql, [&](Stmt& s) { s.Text(url); }, ArticleFilter{});
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
  auto stmt = PrepareLookup(store, sql, filter);
  if (!stmt.ok()) return stmt.status();
  stmt->Text(si_unit);
  for (size_t i = 0; i < subject_parts.size(); ++i) {
    std::string pattern = "%";
    for (char c : subject_parts[i]) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    stmt->At(static_cast<int>(100 + i)).Text(pattern);
  }
  std::vector<SubjectFigure> out;
  while (true) {
    auto row = stmt->Step("looking up figures");
    if (!row.ok()) return row.status();
    if (!*row) break;
    SubjectFigure f;
    f.article_id = stmt->ColText(0);
    f.position = stmt->ColInt(1);
    f.si_unit = stmt->ColText(2);
    f.subject = stmt->ColText(3);
    f.published = stmt->ColOptText(4);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace newsfacts::store
