// The facts of one stored article as marks over its text, for `show` and `serve`.
//
// A mark is one extraction (a quantity, a date, an official's mention, a quote or its
// speaker) with its span in code points of Article::text, the rule that made it, a one-line
// summary and its fields by name. Marks may overlap (a quantity inside a quote); they come
// sorted by start, longer first at the same start.
//
// Thread safety: plain functions over values; FindArticle uses the store from the calling
// thread only.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "store/store.h"

namespace newsfacts::factcheck {

enum class MarkKind { kQuantity, kDate, kOfficial, kQuote, kSpeaker };

// "quantity", "date", "official", "quote", "speaker".
const char* MarkKindName(MarkKind kind);

struct Mark {
  MarkKind kind = MarkKind::kQuantity;
  Span span;            // code points in Article::text
  std::string rule;     // the id of the rule that made it
  std::string summary;  // one line, e.g. "8,222.5 kilogram = 8,222.5 kg, subject fentanyl"
  // name -> value, as in the JSON, in the JSON's order; null fields are left out, numbers
  // are written as JSON writes them, booleans "true"/"false". An official's and a speaker's
  // marks carry the official's and the quote's fields.
  std::vector<std::pair<std::string, std::string>> fields;
  size_t index = 0;  // position of the fact in its Article vector (quantities, dates, ...)
};

// Every fact of article as marks: quantities, dates, every mention of each official, each
// quote's parts and its speaker span.
std::vector<Mark> MarksOf(const Article& article);

// The stored article whose id is ref, or whose url or canonical_url is ref; nullopt when none.
// The id is tried first, then the url, then the canonical_url (exact matches; of several
// articles with that URL, the one published last).
// Errors: kStorage.
Result<std::optional<Article>> FindArticle(const store::Store& store, const std::string& ref);

}  // namespace newsfacts::factcheck
