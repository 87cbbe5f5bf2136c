// `newsfacts conflicts`: figures about the same subject and period that disagree between
// articles, and a subject's figures over time (for `serve`'s history chart).
//
// Two stored quantities are about the same thing when they have the same SI unit, the same
// subject after folding (lower case, plural and stop words removed: FoldSubject in
// factcheck/text.h) and overlapping date context (the date fact of their sentence nearest to
// the figure, else the article's publication month), where the overlap covers at least half
// of the longer period: a five-year total and one of its months are not the same period.
// They disagree when factcheck::Compare finds neither the same amount nor a rounding either
// way. Figures of one article never conflict with each other. Only quantities that name a
// subject, have an SI value and restate no other figure take part (a restatement such as
// "(8.2 tonnes)" says what its original says); a figure without any date context is left out.
//
// Thread safety: uses the store from the calling thread only. Errors: kStorage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "store/store.h"

namespace newsfacts::factcheck {

// One stored figure with where it stands.
struct SourcedFigure {
  Quantity figure;  // spans in code points of the article text
  std::string article_id;
  std::optional<std::string> url, title, site, published;
  std::optional<std::string> canonical_url;
  std::string sentence;
  Span sentence_span;
  std::optional<std::string> period_from, period_to;  // YYYY-MM-DD, the date context used
  std::optional<ArchiveRef> archive;
};

struct Conflict {
  std::string subject;  // the folded subject shared by the figures
  std::string si_unit;
  std::optional<std::string> period_from, period_to;  // the overlap of their periods
  std::vector<SourcedFigure> figures;  // two or more, from at least two articles, by value
  std::string how;                     // e.g. "8,222.5 kg vs 7,000 kg: 17% apart"
};

struct ConflictOptions {
  std::optional<std::string> subject;  // words the subject must contain (any order)
  std::optional<std::string> since;    // publication date bound, YYYY-MM-DD, inclusive
  size_t limit = 50;
};

// Groups of disagreeing figures, the widest disagreement first (the largest value over the
// smallest), at most options.limit. A group holds every figure of its subject, unit and
// period, agreeing ones too (one article saying the same amount twice counts once), and is
// kept when two of its articles disagree. Empty when options.subject has no word to look for.
Result<std::vector<Conflict>> FindConflicts(const store::Store& store,
                                            const ConflictOptions& options);

// Every stored figure whose folded subject contains subject's words, by publication date
// (oldest first), at most limit; si_unit filters when not empty. With more than limit, the
// latest limit are returned. Restatements are left out, as above; period_from/period_to are
// set where a date context is found.
Result<std::vector<SourcedFigure>> FiguresAbout(const store::Store& store,
                                                const std::string& subject,
                                                const std::string& si_unit, size_t limit);

}  // namespace newsfacts::factcheck
