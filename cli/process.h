// One input item -> one Article: normalise, take the metadata, extract, convert spans.
//
// Thread safety: ProcessItem is reentrant; the RuleBook is shared read-only.
#pragma once

#include <optional>
#include <string>

#include "cli/inputs.h"
#include "common/article.h"
#include "common/status.h"
#include "extract/extract.h"

namespace newsfacts::cli {

// The article of one item, with code point spans; for an item with a stored article, that
// article extracted again (ReextractArticle). kInvalidInput (naming nothing: the
// caller names the item) when the normaliser refuses the bytes.
Result<Article> ProcessItem(const Item& item, const RuleBook& rules);

// a with its facts made again by the current rules from its stored text, against its
// reference date (its publication date when none was kept); code point spans.
Article ReextractArticle(Article a, const RuleBook& rules);

// An ISO 8601 date or date-time in the contract's form: "YYYY-MM-DD" for a date,
// "YYYY-MM-DDTHH:MM:SSZ" (UTC) for a date-time with a zone, "YYYY-MM-DDTHH:MM:SS" for a
// date-time without one. nullopt when the text is not ISO 8601 or not a real date, or
// when its time in UTC falls outside the years 0000..9999.
// local_date, when given, receives the calendar date as written (before any conversion
// to UTC): the article's own "today".
std::optional<std::string> NormaliseTimestamp(const std::string& text,
                                              std::string* local_date = nullptr);

}  // namespace newsfacts::cli
