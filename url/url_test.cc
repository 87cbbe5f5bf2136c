#include "url/url.h"

#include <doctest/doctest.h>

namespace newsfacts {
namespace {

TEST_CASE("canonical form drops tracking parameters and fragments") {
  auto c = CanonicalUrl("HTTP://News.Example.ORG:80/World/Story?utm_source=x&id=7&fbclid=abc#top");
  REQUIRE(c.ok());
  CHECK(*c == "http://news.example.org/World/Story?id=7");
  auto d = CanonicalUrl("https://example.org");
  REQUIRE(d.ok());
  CHECK(*d == "https://example.org/");
  auto e = CanonicalUrl("https://example.org:8443/a?utm_medium=m");
  REQUIRE(e.ok());
  CHECK(*e == "https://example.org:8443/a");
  CHECK_FALSE(CanonicalUrl("ftp://example.org/file").ok());
  CHECK_FALSE(CanonicalUrl("javascript:alert(1)").ok());
  CHECK_FALSE(CanonicalUrl("not a url").ok());
}

TEST_CASE("relative references resolve against the base") {
  auto r = ResolveUrl("https://example.org/world/a.html", "../sport/b.html#x");
  REQUIRE(r.ok());
  CHECK(*r == "https://example.org/sport/b.html");
  auto s = ResolveUrl("https://example.org/world/a.html", "  //other.example/c  ");
  REQUIRE(s.ok());
  CHECK(*s == "https://other.example/c");
  CHECK_FALSE(ResolveUrl("https://example.org/", "mailto:desk@example.org").ok());
}

TEST_CASE("a reference without a base must be an absolute web address") {
  auto a = ResolveUrl("", " https://example.org/world/a.html#top ");
  REQUIRE(a.ok());
  CHECK(*a == "https://example.org/world/a.html");
  CHECK_FALSE(ResolveUrl("", "/world/a.html").ok());
  CHECK_FALSE(ResolveUrl("", "").ok());
  CHECK_FALSE(ResolveUrl("not a url", "https://example.org/").ok());
}

TEST_CASE("references that are no web address are refused") {
  const std::string base = "https://example.org/amp/world/story?ref=feed";
  for (const char* ref :
       {"javascript:void(0)", "JavaScript:alert(1)", "about:blank", "mailto:desk@example.org",
        "data:text/html,x", "https:", "ftp://a.b/c", "   "}) {
    CAPTURE(ref);
    CHECK_FALSE(ResolveUrl(base, ref).ok());
  }
  auto dots = ResolveUrl(base, "../news/./story");
  REQUIRE(dots.ok());
  CHECK(*dots == "https://example.org/amp/news/story");
  auto query = ResolveUrl(base, "?page=2");
  REQUIRE(query.ok());
  CHECK(*query == "https://example.org/amp/world/story?page=2");
  auto scheme_relative = ResolveUrl(base, "//other.example/world/story");
  REQUIRE(scheme_relative.ok());
  CHECK(*scheme_relative == "https://other.example/world/story");
}

TEST_CASE("parts of a URL") {
  auto p = ParseUrl("HTTPS://user:pw@News.Example:8443/a/b?x=1&y=2#frag");
  REQUIRE(p.ok());
  CHECK(p->scheme == "https");
  CHECK(p->host == "news.example");
  CHECK(p->port == 8443);
  CHECK(p->path == "/a/b");
  CHECK(p->query == "x=1&y=2");
  CHECK(PathAndQuery(*p) == "/a/b?x=1&y=2");
  auto bare = ParseUrl("http://example.org");
  REQUIRE(bare.ok());
  CHECK(bare->port == 80);
  CHECK(bare->path == "/");
  CHECK(PathAndQuery(*bare) == "/");
  CHECK(OriginOf("https://Example.org/a").value() == "https://example.org:443");
  CHECK_FALSE(OriginOf("file:///etc/passwd").ok());
}

TEST_CASE("host and site") {
  CHECK(HostOf("https://www.News.example:8080/a") == "www.news.example");
  CHECK_FALSE(HostOf("www.news.example").has_value());
  CHECK_FALSE(HostOf("javascript:void(0)").has_value());
  CHECK(SiteOf("https://www.BorderLedger.example/world/a.html?x=1") == "borderledger.example");
  CHECK(SiteOf("http://user:pw@news.example:8080/path") == "news.example");
  CHECK(SiteOf("https://[::1]:8080/") == "[::1]");
  CHECK(SiteOf("https://example.com") == "example.com");
  CHECK(SiteOf("https://wwwx.example/") == "wwwx.example");
  CHECK_FALSE(SiteOf("not a url").has_value());
  CHECK_FALSE(SiteOf("ftp://files.example/a").has_value());
  CHECK_FALSE(SiteOf("").has_value());
}

}  // namespace
}  // namespace newsfacts
