#include "store/speakers.h"

#include "store/stmt.h"

namespace newsfacts::store {

Result<std::vector<SpeakerCount>> Speakers(const Store& store, size_t limit) {
  auto stmt = store.Prepare(
      "SELECT q.speaker, COUNT(*), COUNT(DISTINCT q.article_id), MAX(a.published) "
      "FROM quotes q JOIN articles a ON a.id = q.article_id "
      "WHERE q.speaker IS NOT NULL AND q.speaker <> '' "
      "GROUP BY q.speaker ORDER BY COUNT(*) DESC, q.speaker LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = *stmt;
  s.Int(static_cast<int64_t>(limit));
  std::vector<SpeakerCount> out;
  while (true) {
    auto row = s.Step("reading quotes");
    if (!row.ok()) return row.status();
    if (!*row) break;
    SpeakerCount c;
    c.name = s.ColText(0);
    c.quotes = s.ColInt(1);
    c.articles = s.ColInt(2);
    c.latest = s.ColOptText(3);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<SpeakerQuote>> QuotesBy(const Store& store, const std::string& speaker,
                                           size_t limit) {
  auto stmt = store.Prepare(
      "SELECT q.article_id, a.url, a.title, a.site, a.published, q.speaker, "
      "q.text, q.span_start, q.span_end, q.cue, q.via, q.partial, q.position "
      "FROM quotes q JOIN articles a ON a.id = q.article_id "
      "WHERE q.speaker = ?1 COLLATE NOCASE "
      "ORDER BY a.published IS NULL, a.published DESC, a.seq, q.position "
      "LIMIT ?2");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = *stmt;
  s.Text(speaker).Int(static_cast<int64_t>(limit));
  std::vector<SpeakerQuote> out;
  while (true) {
    auto row = s.Step("reading quotes");
    if (!row.ok()) return row.status();
    if (!*row) break;
    SpeakerQuote q;
    q.article_id = s.ColText(0);
    q.url = s.ColOptText(1);
    q.title = s.ColOptText(2);
    q.site = s.ColOptText(3);
    q.published = s.ColOptText(4);
    q.speaker = s.ColText(5);
    q.text = s.ColText(6);
    q.span = {s.ColInt(7), s.ColInt(8)};
    q.cue = s.ColOptText(9);
    q.via = s.ColOptText(10);
    q.partial = s.ColInt(11) != 0;
    q.position = s.ColInt(12);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace newsfacts::store
