#include "fetch/feeds.h"

#include <doctest/doctest.h>

#include "fetch/robots.h"
#include "fetch/test_server.h"

namespace newsfacts::fetch {
namespace {}  // namespace

TEST_CASE("feeds: RSS 2.0 items with links, guids, CDATA titles and entities") {
  const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel>
  <title>Border Ledger</title>
  <link>https://ledger.example/</link>
  <atom:link href="https://ledger.example/rss.xml" rel="self"/>
  <!-- a comment with <item> inside -->
  <item>
   <title><![CDATA[Ports seize 8.2 tonnes & more]]></title>
   <link> /world/ports-seize?utm_source=rss </link>
   <pubDate>Thu, 23 May 2024 09:41:00 GMT</pubDate>
  </item>
  <item>
   <title>Caf&#233; owners &amp; the new tax</title>
   <guid isPermaLink="true">https://ledger.example/business/cafe-tax</guid>
   <dc:date>2024-05-22T08:00:00Z</dc:date>
  </item>
  <item><title>No link at all</title></item>
 </channel>
</rss>)";
  auto d = ParseDiscovery(rss, "https://ledger.example/rss.xml");
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  CHECK(d->format == "rss");
  CHECK(d->kind == DiscoveryKind::kFeed);
  REQUIRE(d->entries.size() == 2);
  CHECK(d->entries[0].url == "https://ledger.example/world/ports-seize?utm_source=rss");
  CHECK(d->entries[0].title == "Ports seize 8.2 tonnes & more");
  CHECK(d->entries[0].published == "Thu, 23 May 2024 09:41:00 GMT");
  CHECK(d->entries[1].url == "https://ledger.example/business/cafe-tax");
  CHECK(d->entries[1].title == "Caf\xC3\xA9 owners & the new tax");
  CHECK(d->entries[1].published == "2024-05-22T08:00:00Z");
}

TEST_CASE("feeds: Atom entries take the alternate link") {
  const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ledger</title>
  <link href="https://ledger.example/"/>
  <entry>
    <title type="text">Troops seized fentanyl</title>
    <link rel="edit" href="https://ledger.example/edit/1"/>
    <link rel="alternate" type="text/html" href="/world/troops"/>
    <published>2024-05-23T09:41:00Z</published>
    <updated>2024-05-23T10:00:00Z</updated>
  </entry>
  <entry><title>Second</title><link href="https://ledger.example/world/second"/></entry>
</feed>)";
  auto d = ParseDiscovery(atom, "https://ledger.example/atom.xml");
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  CHECK(d->format == "atom");
  REQUIRE(d->entries.size() == 2);
  CHECK(d->entries[0].url == "https://ledger.example/world/troops");
  CHECK(d->entries[0].published == "2024-05-23T09:41:00Z");
  CHECK(d->entries[0].lastmod == "2024-05-23T10:00:00Z");
  CHECK(d->entries[1].url == "https://ledger.example/world/second");
}

TEST_CASE("feeds: JSON Feed") {
  const std::string json = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Ledger",
    "items": [{"id": "1", "url": "https://ledger.example/a", "title": "A",
               "date_published": "2024-05-23T09:41:00Z"},
              {"id": "2", "external_url": "/b"}, {"id": "3"}, 7]})";
  auto d = ParseDiscovery(json, "https://ledger.example/feed.json");
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  CHECK(d->format == "jsonfeed");
  REQUIRE(d->entries.size() == 2);
  CHECK(d->entries[0].published == "2024-05-23T09:41:00Z");
  CHECK(d->entries[1].url == "https://ledger.example/b");
  CHECK_FALSE(ParseDiscovery(R"({"items": []})", "https://x.example/").ok());
  CHECK_FALSE(ParseDiscovery("{not json", "https://x.example/").ok());
}

TEST_CASE("feeds: news sitemap, sitemap index and a gzipped sitemap") {
  const std::string sitemap = R"(<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://ledger.example/world/seizure</loc>
    <lastmod>2024-05-23</lastmod>
    <image:image><image:loc>https://ledger.example/img/1.jpg</image:loc></image:image>
    <news:news>
      <news:publication><news:name>Ledger</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-23T09:41:00+00:00</news:publication_date>
      <news:title>Ministers count the seized tonnes</news:title>
    </news:news>
  </url>
  <url><loc>https://ledger.example/world/other</loc></url>
</urlset>)";
  auto d = ParseDiscovery(sitemap, "https://ledger.example/news-sitemap.xml");
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  CHECK(d->kind == DiscoveryKind::kSitemap);
  REQUIRE(d->entries.size() == 2);
  CHECK(d->entries[0].url == "https://ledger.example/world/seizure");
  CHECK(d->entries[0].lastmod == "2024-05-23");
  CHECK(d->entries[0].published == "2024-05-23T09:41:00+00:00");
  CHECK(d->entries[0].title == "Ministers count the seized tonnes");

  auto gz = ParseDiscovery(testing::Gzip(sitemap), "https://ledger.example/s.xml.gz");
  REQUIRE(gz.ok());
  CHECK(gz->entries.size() == 2);

  const std::string index = R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://ledger.example/s1.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
  <sitemap><loc>s2.xml.gz</loc></sitemap>
</sitemapindex>)";
  auto i = ParseDiscovery(index, "https://ledger.example/maps/index.xml");
  REQUIRE(i.ok());
  CHECK(i->kind == DiscoveryKind::kSitemapIndex);
  REQUIRE(i->sitemaps.size() == 2);
  CHECK(i->sitemaps[1] == "https://ledger.example/maps/s2.xml.gz");
}

TEST_CASE("feeds: malformed documents fail with a clear message") {
  auto html = ParseDiscovery("<html><body>Not a feed</body></html>", "https://x.example/");
  REQUIRE_FALSE(html.ok());
  CHECK(html.status().message().find("root element <html>") != std::string::npos);
  auto cut =
      ParseDiscovery("<rss><channel><item><link>https://x.example/a</link>", "https://x.example/");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().message().find("never closed") != std::string::npos);
  auto tag =
      ParseDiscovery("<urlset><url><loc>https://x.example/a</loc></url", "https://x.example/");
  REQUIRE_FALSE(tag.ok());
  CHECK(tag.status().message().find("unterminated tag") != std::string::npos);
  CHECK_FALSE(ParseDiscovery("", "https://x.example/").ok());
  CHECK_FALSE(ParseDiscovery(std::string("\x1f\x8b\x08garbage", 10), "https://x.example/").ok());
  // Deep nesting is refused, not recursed into.
  std::string deep = "<rss>";
  for (int k = 0; k < 100000; ++k) deep += "<a>";
  auto d = ParseDiscovery(deep, "https://x.example/");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message().find("nested deeper") != std::string::npos);
}

TEST_CASE("feeds: entities are decoded but never expanded from a DOCTYPE") {
  const std::string doc = R"(<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>
<rss><channel><item><title>&b; &#x41;&#66;&lt;</title><link>https://x.example/a</link></item></channel></rss>)";
  auto d = ParseDiscovery(doc, "https://x.example/");
  REQUIRE_MESSAGE(d.ok(), d.status().ToString());
  REQUIRE(d->entries.size() == 1);
  CHECK(d->entries[0].title == "&b; AB<");
}

TEST_CASE("feeds: autodiscovery finds announced feeds only") {
  const std::string html = R"(<html><head>
<link rel="stylesheet" href="/s.css">
<LINK REL="alternate" TYPE="application/rss+xml" HREF="/rss.xml" title="RSS">
<link rel='alternate' type='application/atom+xml' href='https://ledger.example/atom.xml'>
<link rel="alternate" hreflang="es" href="/es/">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
</head><body><script>if (a<b) {}</script></body></html>)";
  auto links = FindFeedLinks(html, "https://ledger.example/world/");
  REQUIRE(links.size() == 2);
  CHECK(links[0] == "https://ledger.example/rss.xml");
  CHECK(links[1] == "https://ledger.example/atom.xml");
}

}  // namespace newsfacts::fetch

namespace newsfacts::fetch {

// Hostile input never crashes: every prefix of valid documents, and pseudo-random bytes
// drawn from the characters that matter to the tokenizer.
TEST_CASE("feeds and robots: truncated and random input is handled") {
  const std::string docs[] = {
      "<?xml version=\"1.0\"?><rss><channel><item><title><![CDATA[a]]></title>"
      "<link>/x?a=1&amp;b=2</link><guid>https://x.example/g</guid></item></channel></rss>",
      "<feed><entry><link rel=\"alternate\" href=\"/y\"/><title>t</title></entry></feed>",
      "<sitemapindex><sitemap><loc>/s.xml</loc></sitemap></sitemapindex>",
      "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"url\":\"/z\"}]}",
  };
  size_t parsed = 0;
  for (const std::string& doc : docs) {
    for (size_t n = 0; n <= doc.size(); ++n) {
      auto d = ParseDiscovery(doc.substr(0, n), "https://x.example/");
      parsed += d.ok();
      (void)FindFeedLinks(doc.substr(0, n), "https://x.example/");
      (void)Robots::Parse(doc.substr(0, n), "newsfacts").Allowed("/x");
    }
  }
  CHECK(parsed >= 4);  // at least the complete documents
  const char alphabet[] = "<>/!?[]-=\"' &#;:x01\n\r\xC3\xA9\x1f\x8b{}*$";
  uint32_t state = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string s;
    const int len = static_cast<int>(state % 400);
    for (int i = 0; i < len; ++i) {
      state = state * 1103515245u + 12345u;
      s += alphabet[(state >> 16) % (sizeof alphabet - 1)];
    }
    (void)ParseDiscovery(s, "https://x.example/");
    (void)ParseDiscovery("<rss>" + s, "https://x.example/");
    (void)FindFeedLinks("<link " + s, "https://x.example/");
    Robots r = Robots::Parse("User-agent: *\nDisallow: " + s + "\nAllow: " + s, "newsfacts");
    (void)r.Allowed("/" + s);
    (void)RobotsPatternMatches(s, s + s);
    (void)DecodeXmlEntities(s);
  }
}

}  // namespace newsfacts::fetch
