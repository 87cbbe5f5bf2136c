// The normaliser: page bytes -> the article's text and metadata.
//
//   bytes --decode (ICU)--> UTF-8 --parse (gumbo)--> DOM --walk--> metadata, main text, captions
//
// Pure functions of their input: no I/O, no clock, no global state; safe to call from
// many threads at once. No gumbo or ICU type appears in this header, so the HTML parser
// can be swapped without touching callers.
//
// Errors. Malformed HTML is not an error: it yields text, and the parser's complaints
// are counted in Document::parse_errors. NormaliseHtml fails only with
// StatusCode::kInvalidInput, for input that is empty, larger than
// NormaliseOptions::max_input_bytes, or binary (not text in any charset); the message
// says which, and the caller names the input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace newsfacts {

struct NormaliseOptions {
  // Inputs larger than this are refused with a clear error instead of being parsed.
  size_t max_input_bytes = 32u << 20;
  // Charset named by the transport (HTTP Content-Type), "" when unknown. A BOM wins
  // over it; it wins over <meta>.
  std::string charset_hint;
  // The page's URL when known; resolves a relative canonical link and gives the site.
  std::string url;
};

struct Document {
  // The main text: Unicode NFC, whitespace (including no-break and zero-width spaces)
  // folded to single spaces, paragraphs joined by "\n\n", no leading/trailing space.
  // Headline, navigation, bylines, captions, share bars, related lists and footers
  // are not part of it.
  std::string text;
  // Figure captions and photo credits found in the article, in page order, each
  // folded like text.
  std::vector<std::string> captions;

  std::optional<std::string> title;
  std::optional<std::string> byline;         // authors joined by ", "
  std::optional<std::string> published;      // ISO 8601 as found (date or date-time)
  std::optional<std::string> modified;       // ISO 8601
  std::optional<std::string> canonical_url;  // absolute
  std::optional<std::string> site_name;      // og:site_name or publisher name
  std::optional<std::string> language;       // BCP 47 as declared ("en", "en-GB")
  std::optional<std::string> description;

  std::string charset;      // the charset the bytes were decoded from, e.g. "UTF-8"
  size_t parse_errors = 0;  // gumbo's count of parse errors; diagnostics only
};

// Normalises an HTML page.
Result<Document> NormaliseHtml(std::string_view bytes, const NormaliseOptions& options);

// Normalises plain text: decodes like HTML (BOM, hint, detection), NFC, folds
// whitespace within paragraphs; paragraphs are separated by blank lines in the input.
// No metadata except what options give.
Result<Document> NormaliseText(std::string_view bytes, const NormaliseOptions& options);

// The sentences of a normalised text (an article's `text`) as [begin, end) byte ranges, in
// order, each trimmed: ICU's sentence rules, with no break after "U.S.", "Mr.", "Gov.",
// "Jan." and similar abbreviations; a line break always ends a sentence. Computed on
// demand (the extractors do not need them). Thread-safe.
std::vector<std::pair<size_t, size_t>> SentenceRanges(std::string_view text);

}  // namespace newsfacts
