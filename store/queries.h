// Read-only lookups for `check` (which articles to look at for a claim), `show` (an article
// by its URL) and `conflicts` (the stored figures that say what they count).
//
// Thread safety: as the Store they are given (one thread at a time).
// Errors: kStorage with SQLite's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace newsfacts::store {

struct ArticleFilter {
  std::optional<std::string> since, until;  // YYYY-MM-DD, inclusive, on the publication date
  std::optional<std::string> site;          // articles.site, exactly
};

// Ids of articles passing filter that hold a quantity of si_unit with an SI value in
// [lo, hi], the article of the value nearest to `near` first (lo <= near <= hi), at most
// limit. The quantities_si index is read outwards from `near`, and no further than the
// limit needs: a common figure ("2") costs no more than a rare one.
Result<std::vector<std::string>> ArticlesWithFigures(const Store& store, const std::string& si_unit,
                                                     double near, double lo, double hi,
                                                     const ArticleFilter& filter, size_t limit);

// How ArticlesMatchingWords reads its words.
enum class WordMatch {
  kWhole,   // each word as written
  kPrefix,  // each word and the words it begins: for stems ("seizu" finds "seizures")
  // Stems as factcheck::Words gives them: a word of five bytes or more may be cut from a
  // longer one (as kPrefix), a shorter one is a whole word (as kWhole: "pro" does not
  // find "program", which costs a search far more than it finds).
  kStems,
};

// Ids of articles passing filter that the full-text index matches for any of words (each
// a bare word, quoted for FTS5 here), best first by bm25, at most limit.
Result<std::vector<std::string>> ArticlesMatchingWords(const Store& store,
                                                       const std::vector<std::string>& words,
                                                       const ArticleFilter& filter, size_t limit,
                                                       WordMatch match = WordMatch::kWhole);

// The id of the stored article whose url, else whose canonical_url, is exactly url (the
// articles_url and articles_canonical_url indexes); of several, the one published last, then
// stored last. nullopt when none.
Result<std::optional<std::string>> ArticleIdByUrl(const Store& store, const std::string& url);

// A stored quantity that names its subject (quantities.subject not NULL), has an SI value and
// restates no other (equivalent_of NULL).
struct SubjectFigure {
  std::string article_id;
  int64_t position = 0;  // its index in the article's quantities
  std::string si_unit;
  std::string subject;  // as stored
  std::optional<std::string> published;
};

// The figures above of articles passing filter, newest article first (by publication date,
// then storage order), each article's figures in text order. si_unit filters when not empty.
// A subject must contain every string of subject_parts (SQL LIKE, case-insensitive for ASCII;
// '%' and '_' in them match themselves).
Result<std::vector<SubjectFigure>> FiguresWithSubject(const Store& store,
                                                      const std::string& si_unit,
                                                      const std::vector<std::string>& subject_parts,
                                                      const ArticleFilter& filter);

}  // namespace newsfacts::store
