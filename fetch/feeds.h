// Discovery documents: RSS 2.0 (and RSS 1.0/RDF), Atom, JSON Feed, sitemaps, sitemap
// indexes (plain or gzipped), news sitemaps; and feed links announced in HTML pages.
//
// There is no XML library among the dependencies, so XML is read by XmlTokenizer, a
// small pull tokenizer: tags, attributes, text, CDATA; comments, processing
// instructions and DOCTYPE are skipped; the five XML entities and numeric character
// references are decoded, and no other entity is ever expanded (no entity bombs). It
// works in a single pass with no recursion, whatever the nesting.
//
// Errors are kInvalidInput naming what is wrong ("not a feed or sitemap: root element
// <html>", "unterminated tag at byte 1234", "invalid JSON Feed: ..."). A document that
// is damaged after some entries still fails: a half-read feed is reported, not trusted.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace newsfacts::fetch {

struct DiscoveredEntry {
  std::string url;        // absolute (resolved against the document's URL)
  std::string title;      // feed item title or news:title, "" when none
  std::string published;  // as written: pubDate, published, news:publication_date, ...
  std::string lastmod;    // sitemap lastmod or Atom updated, as written
};

enum class DiscoveryKind { kFeed, kSitemap, kSitemapIndex };

struct Discovery {
  DiscoveryKind kind = DiscoveryKind::kFeed;
  std::string format;  // "rss", "rdf", "atom", "jsonfeed", "sitemap", "sitemapindex"
  std::vector<DiscoveredEntry> entries;  // articles listed (feeds, sitemaps)
  std::vector<std::string> sitemaps;     // child sitemaps (indexes)
};

struct DiscoveryLimits {
  size_t max_decoded_bytes = 64u << 20;  // a gzipped sitemap may not inflate beyond this
  size_t max_entries = 50000;            // the sitemap protocol's own limit
  size_t max_depth = 256;                // element nesting
};

// Parses a feed or sitemap. base_url resolves relative links; entries whose link is not
// an http(s) URL are dropped.
Result<Discovery> ParseDiscovery(std::string_view body, const std::string& base_url,
                                 const DiscoveryLimits& limits = {});

// Absolute URLs of the feeds an HTML page announces with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json|json" href="...">,
// in page order, without duplicates.
std::vector<std::string> FindFeedLinks(std::string_view html, const std::string& base_url);

class XmlTokenizer {
 public:
  enum class Type { kStart, kEnd, kText, kEndOfInput, kError };
  struct Token {
    Type type = Type::kEndOfInput;
    std::string name;  // qualified name, lower-case ("item", "news:title")
    std::vector<std::pair<std::string, std::string>> attributes;  // names lower-case
    bool self_closing = false;
    std::string text;  // kText: decoded text; kError: what is wrong
  };

  // doc must outlive the tokenizer.
  explicit XmlTokenizer(std::string_view doc) : doc_(doc) {}
  Token Next();
  size_t offset() const { return pos_; }

 private:
  // Moves past the next terminator; when there is none, makes *t the error naming `what`
  // and returns false.
  bool SkipTo(std::string_view terminator, const char* what, Token* t);
  // Skips the comment, processing instruction or declaration at pos_; false as SkipTo().
  bool SkipMarkup(Token* t);
  // Reads the start or end tag at pos_ into *t (an error token when it is not one).
  void ReadTag(Token* t);

  std::string_view doc_;
  size_t pos_ = 0;
};

// Decodes &amp; &lt; &gt; &quot; &apos; and &#N; / &#xN; references; others are kept.
std::string DecodeXmlEntities(std::string_view s);

}  // namespace newsfacts::fetch
