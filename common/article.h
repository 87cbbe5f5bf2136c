// Article: the JSON object of one article (README, "Using it"; docs/schema.md) as C++ values.
//
// Spans. While extractors run, every Span holds BYTE offsets into Article::text
// (RE2 works on bytes). Before an article leaves the pipeline, ConvertSpansToCodePoints()
// rewrites every span to Unicode code point offsets, as the contract requires, so that
// Python's text[start:end] is the matched text. The store and JSON only ever see
// code point spans.
//
// Optional values are std::optional and become JSON null when empty.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace newsfacts {

struct Span {
  int64_t start = 0;
  int64_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Quantity {
  std::string text;  // as written
  Span span;
  std::string rule;         // id of the rule that matched
  int ruleset_version = 0;  // not in JSON; stored with the row
  double value = 0;         // after scale words: "1.2 million" -> 1200000
  std::string unit;         // canonical unit name, "" for a bare count
  std::string dimension;    // mass, length, area, volume, currency, percent, temperature,
                            // speed, duration, count, other
  std::optional<double> si_value;
  std::string si_unit;  // kg, m, m2, m3, m/s, s, degC, ISO 4217 code, %, "" for counts
  bool approx = false;
  std::optional<double> low;
  std::optional<double> high;
  std::optional<std::string> subject;
  std::optional<int> equivalent_of;  // index in Article::quantities this one restates
};

struct DateFact {
  std::string text;
  Span span;
  std::string rule;
  int ruleset_version = 0;
  std::string kind;                 // date, range, month, quarter, year, decade, relative, duration
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive
  std::optional<std::string> granularity;  // day, month, quarter, year, decade
  std::optional<std::string> duration;     // ISO 8601, e.g. P4Y, for kind duration
};

struct Official {
  std::string name;   // fullest form in the article
  std::string title;  // the office
  bool former = false;
  std::optional<std::string> affiliation;
  Span span;  // the first full mention (title and name)
  std::string rule;
  int ruleset_version = 0;
  std::vector<Span> mentions;  // every span referring to the person, in text order
};

struct Quote {
  std::string text;  // the quoted words without quotation marks; parts joined by one space
  Span span;         // first to last quoted character
  std::vector<Span> parts;
  std::optional<std::string> speaker;
  std::optional<Span> speaker_span;
  std::optional<std::string> cue;
  std::optional<std::string> via;
  bool partial = false;
  std::string rule;
  int ruleset_version = 0;
};

// Where an article's page lies in a web archive: the contract's `archive` object. For a
// record read by `extract` it is the record in the archive given; for a page fetched by
// `crawl`/`fetch`, the response record the crawler wrote.
struct ArchiveRef {
  std::string file;       // path of the WARC/ARC file
  int64_t offset = 0;     // where the record starts in the file as stored (its gzip member)
  int64_t length = 0;     // stored bytes from offset
  std::string record_id;  // WARC-Record-ID, "" for ARC
  std::string date;       // capture time, ISO 8601 UTC
  std::string digest;     // payload digest, e.g. "sha1:..."
  bool operator==(const ArchiveRef&) const = default;
};

struct Article {
  std::string id;
  std::optional<std::string> url;
  std::optional<std::string> canonical_url;
  std::optional<std::string> site;  // host of canonical_url or url, without "www."
  std::optional<std::string> title;
  std::optional<std::string> byline;
  std::optional<std::string> published;  // ISO 8601
  std::optional<std::string> language;
  std::string text;
  std::vector<std::string> captions;
  std::optional<ArchiveRef> archive;

  std::vector<Quantity> quantities;
  std::vector<DateFact> dates;
  std::vector<Official> officials;
  std::vector<Quote> quotes;

  // Not in JSON: the fetches row the article came from; the store writes it into
  // articles.fetch_id (an article re-stored without one keeps its earlier fetch_id).
  std::optional<int64_t> fetch_id;
  // Not in JSON: the article's own "today" that relative dates were resolved against
  // (YYYY-MM-DD, the publication date as written), so that re-extraction resolves them
  // the same way.
  std::optional<std::string> reference_date;
  // Not in JSON: the rule-set versions its facts came from, a JSON object
  // {"dates": 7, ...}; set by the store when read back, or to keep them when copied
  // (merge). Unset on a new article: the store takes them from the run that writes it.
  std::optional<std::string> ruleset_versions;
};

// Rewrites every span in *article from byte offsets into article->text to code point
// offsets. Call exactly once, after extraction. Offsets past the end are clamped.
void ConvertSpansToCodePoints(Article* article);

// The contract's JSON object, keys in contract order.
nlohmann::ordered_json ToJson(const Article& article);

// The contract's quantity object (quantities[] of an article), keys in contract order.
nlohmann::ordered_json ToJson(const Quantity& quantity);

// The contract's `archive` object: file, offset, length, record_id, date, digest.
nlohmann::ordered_json ToJson(const ArchiveRef& archive);

// One line of JSON Lines (no trailing newline). Invalid UTF-8 is replaced, never thrown.
std::string ToJsonLine(const Article& article);

}  // namespace newsfacts
