#include "fetch/robots.h"

#include <doctest/doctest.h>

namespace newsfacts::fetch {

TEST_CASE("robots: the group for our agent applies, else the * group") {
  const std::string body =
      "User-agent: *\n"
      "Disallow: /private/\n"
      "\n"
      "User-agent: OtherBot\n"
      "Disallow: /\n"
      "\n"
      "# our own group\n"
      "User-agent: NewsFacts\n"
      "Disallow: /drafts/\n"
      "Allow: /drafts/public/\n"
      "Crawl-delay: 2.5\n"
      "Sitemap: https://example.org/news-sitemap.xml\n";
  Robots ours = Robots::Parse(body, "newsfacts/0.1 (+https://example.invalid)");
  CHECK(ours.Allowed("/private/x"));  // the * group does not apply to us
  CHECK_FALSE(ours.Allowed("/drafts/a"));
  CHECK(ours.Allowed("/drafts/public/b"));
  CHECK(ours.Allowed("/world/story"));
  REQUIRE(ours.crawl_delay().has_value());
  CHECK(*ours.crawl_delay() == 2.5);
  REQUIRE(ours.sitemaps().size() == 1);
  CHECK(ours.sitemaps()[0] == "https://example.org/news-sitemap.xml");

  Robots someone = Robots::Parse(body, "UnknownCrawler");
  CHECK_FALSE(someone.Allowed("/private/x"));
  CHECK(someone.Allowed("/drafts/a"));
  CHECK_FALSE(someone.crawl_delay().has_value());
}

TEST_CASE("robots: longest match wins, allow wins a tie") {
  Robots r = Robots::Parse(
      "user-agent: *\n"
      "disallow: /a\n"
      "allow: /a/b\n"
      "disallow: /a/b/c\n"
      "allow: /tie\n"
      "disallow: /tie\n",
      "newsfacts");
  CHECK_FALSE(r.Allowed("/a"));
  CHECK(r.Allowed("/a/b"));
  CHECK(r.Allowed("/a/bx"));
  CHECK_FALSE(r.Allowed("/a/b/c/d"));
  CHECK(r.Allowed("/tie"));
  CHECK(r.Allowed("/other"));
}

TEST_CASE("robots: wildcards and end anchors") {
  Robots r = Robots::Parse(
      "User-agent: *\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "Disallow: /exact$\n",
      "newsfacts");
  CHECK_FALSE(r.Allowed("/files/report.pdf"));
  CHECK(r.Allowed("/files/report.pdf?download=1"));
  CHECK(r.Allowed("/files/report.pdfx"));
  CHECK_FALSE(r.Allowed("/search?lang=en&q=tonnes"));
  CHECK(r.Allowed("/search?lang=en"));
  CHECK_FALSE(r.Allowed("/exact"));
  CHECK(r.Allowed("/exactly"));
  CHECK(RobotsPatternMatches("/a*b*c$", "/a-x-b-y-c"));
  CHECK_FALSE(RobotsPatternMatches("/a*b*c$", "/a-x-b-y-c-d"));
  CHECK(RobotsPatternMatches("*", ""));
  // A long run of stars against a long path stays fast.
  CHECK_FALSE(RobotsPatternMatches(std::string(2000, '*') + "z$", std::string(5000, 'a')));
}

TEST_CASE("robots: grouped user agents, empty disallow, rules outside groups, percent case") {
  Robots r = Robots::Parse(
      "Disallow: /before-any-group\n"
      "User-agent: a\n"
      "User-agent: newsfacts\n"
      "Disallow:\n"
      "Disallow: /caf%c3%a9\n",
      "newsfacts");
  CHECK(r.Allowed("/before-any-group"));
  CHECK(r.Allowed("/anything"));
  CHECK_FALSE(r.Allowed("/caf%C3%A9/menu"));
  CHECK(r.Allowed("/robots.txt"));
}

TEST_CASE("robots: disallow-all and allow-all stand-ins") {
  CHECK_FALSE(Robots::DisallowAll().Allowed("/"));
  CHECK(Robots::DisallowAll().Allowed("/robots.txt"));
  CHECK(Robots::AllowAll().Allowed("/anything"));
  CHECK(Robots::Parse("", "newsfacts").Allowed("/x"));
  CHECK(Robots::Parse(std::string(1 << 20, '\n'), "newsfacts").Allowed("/x"));
}

}  // namespace newsfacts::fetch
