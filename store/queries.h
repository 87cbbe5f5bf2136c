// Read-only lookups for `check`: which articles to look at for a claim.
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
// [lo, hi] (the quantities_si index), at most limit, in storage order.
Result<std::vector<std::string>> ArticlesWithFigures(const Store& store, const std::string& si_unit,
                                                     double lo, double hi,
                                                     const ArticleFilter& filter, size_t limit);

// Ids of articles passing filter that the full-text index matches for any of words (each
// a bare word, quoted for FTS5 here), best first by bm25, at most limit.
Result<std::vector<std::string>> ArticlesMatchingWords(const Store& store,
                                                       const std::vector<std::string>& words,
                                                       const ArticleFilter& filter, size_t limit);

}  // namespace newsfacts::store
