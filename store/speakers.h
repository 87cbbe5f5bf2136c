// Read-only lookups of quotes by speaker, for `serve`'s "quotes by speaker" pages.
//
// A speaker is the name stored with a quote (quotes.speaker: the official's fullest name,
// or the name as written); quotes without a speaker are left out. Names are compared
// exactly, except that ASCII letters match regardless of case.
//
// Thread safety: as the Store they are given (one thread at a time).
// Errors: kStorage with SQLite's message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "store/store.h"

namespace newsfacts::store {

struct SpeakerCount {
  std::string name;
  int64_t quotes = 0;                 // quotes attributed to the name
  int64_t articles = 0;               // distinct articles holding them
  std::optional<std::string> latest;  // the latest publication time among them, if any
};

// The speakers with most quotes first (then by name), at most limit.
Result<std::vector<SpeakerCount>> Speakers(const Store& store, size_t limit);

struct SpeakerQuote {
  std::string article_id;
  std::optional<std::string> url, title, site, published;
  int64_t position = 0;  // the quote's index in its article's quotes
  std::string speaker;   // as stored
  std::string text;      // the quoted words (parts joined by one space)
  Span span;             // code points in the article's text
  std::optional<std::string> cue, via;
  bool partial = false;
};

// The quotes attributed to speaker, newest article first (undated articles last), then in
// text order; at most limit.
Result<std::vector<SpeakerQuote>> QuotesBy(const Store& store, const std::string& speaker,
                                           size_t limit);

}  // namespace newsfacts::store
