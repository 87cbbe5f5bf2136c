// NormaliseHtml and NormaliseText: text folding, metadata sources, boilerplate removal.
#include "normalise/normalise.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "normalise/main_text.h"
#include "normalise/metadata.h"

namespace newsfacts {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(NEWSFACTS_SOURCE_DIR) + "/normalise/testdata/" + name,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Document MustNormalise(const std::string& bytes, const NormaliseOptions& options = {}) {
  Result<Document> r = NormaliseHtml(bytes, options);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------- text folding

TEST_CASE("NFC composes a decomposed e-acute") {
  Document d = MustNormalise("<p>Cafe\xCC\x81 owners met.</p>");
  CHECK(d.text == "Caf\xC3\xA9 owners met.");
}

TEST_CASE("white space of every kind folds to one space") {
  // U+00A0, U+2009, U+202F, a tab and a newline inside one paragraph.
  Document d = MustNormalise(
      "<p>  Eight\xC2\xA0tonnes\xE2\x80\x89of\xE2\x80\xAF fentanyl\t\n   were  seized.  </p>");
  CHECK(d.text == "Eight tonnes of fentanyl were seized.");
}

TEST_CASE("zero-width characters and soft hyphens are removed") {
  Document d = MustNormalise(
      "<p>fen\xC2\xADta\xE2\x80\x8Bnyl seiz\xE2\x80\x8Dures\xEF\xBB\xBF rose\xE2\x81\xA0 "
      "again\xE2\x80\x8C.</p>");
  CHECK(d.text == "fentanyl seizures rose again.");
}

TEST_CASE("typographic quotes and entities") {
  Document d = MustNormalise(
      "<p>\xE2\x80\x9CWe have the technology,\xE2\x80\x9D he said &mdash; twice &amp; "
      "loudly.</p>");
  CHECK(d.text ==
        "\xE2\x80\x9CWe have the technology,\xE2\x80\x9D he said \xE2\x80\x94 twice & loudly.");
}

TEST_CASE("paragraphs are joined by one blank line; <br><br> splits, <br> does not") {
  Document d = MustNormalise(
      "<div><p>First paragraph.</p>\n\n<p>Second<br>line.</p><p>Third.<br> <br>Fourth.</p></div>");
  CHECK(d.text == "First paragraph.\n\nSecond line.\n\nThird.\n\nFourth.");
}

TEST_CASE("NormaliseText") {
  Result<Document> r = NormaliseText(
      "First  paragraph\nwraps here.\n\n \t\nSecond\xC2\xA0one,\r\nwith cafe\xCC\x81.\n\n\n", {});
  REQUIRE(r.ok());
  CHECK(r->text == "First paragraph wraps here.\n\nSecond one, with caf\xC3\xA9.");
  CHECK(r->charset == "UTF-8");
  CHECK_FALSE(r->title.has_value());
  CHECK(r->captions.empty());

  Result<Document> latin = NormaliseText("Caf\xE9 \x93open\x94.", {});
  REQUIRE(latin.ok());
  CHECK(latin->text == "Caf\xC3\xA9 \xE2\x80\x9Copen\xE2\x80\x9D.");

  CHECK(NormaliseText("", {}).status().message() == "empty input");
}

// ---------------------------------------------------------------- metadata

TEST_CASE("title sources in order") {
  SUBCASE("og:title first") {
    Document d = MustNormalise(
        "<head><title>Page title | Site</title><meta property=\"og:title\" content=\"OG "
        "headline\"></head><body><h1>H1 headline</h1><p>Body.</p></body>");
    CHECK(d.title == "OG headline");
  }
  SUBCASE("og:title loses a suffix that is the site's name") {
    Document d = MustNormalise(
        "<meta property=\"og:site_name\" content=\"Border Ledger\"><meta property=\"og:title\" "
        "content=\"Scanners arrive - Border Ledger\"><p>Body.</p>");
    CHECK(d.title == "Scanners arrive");
  }
  SUBCASE("JSON-LD headline before h1") {
    Document d = MustNormalise(
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
        "\"Ledger headline\"}</script><h1>H1 headline</h1><p>Body.</p>");
    CHECK(d.title == "Ledger headline");
  }
  SUBCASE("first h1 before <title>") {
    Document d = MustNormalise(
        "<title>Page title | Site</title><h1>First h1</h1><h1>Second h1</h1><p>Body.</p>");
    CHECK(d.title == "First h1");
  }
  SUBCASE("<title> minus the site suffix") {
    CHECK(MustNormalise("<title>Port scanners arrive | Border Ledger</title><p>x</p>").title ==
          "Port scanners arrive");
    CHECK(MustNormalise("<title>Port scanners arrive - Ledger</title><p>x</p>").title ==
          "Port scanners arrive");
    // A hyphen inside the headline with a long tail is left alone.
    CHECK(MustNormalise("<title>Port - scanners arrive at four crossings</title><p>x</p>").title ==
          "Port - scanners arrive at four crossings");
  }
}

TEST_CASE("byline sources") {
  SUBCASE("JSON-LD authors") {
    Document d = MustNormalise(ReadFixture("jsonld_graph.html"));
    CHECK(d.byline == "Ana Ruiz, Tom Hale");
  }
  SUBCASE("JSON-LD author as a string with a leading By") {
    Document d = MustNormalise(
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
        "\"By Lena Ortiz\"}</script><p>Body.</p>");
    CHECK(d.byline == "Lena Ortiz");
  }
  SUBCASE("meta author") {
    Document d = MustNormalise("<meta name=\"author\" content=\"Lena Ortiz\"><p>Body.</p>");
    CHECK(d.byline == "Lena Ortiz");
  }
  SUBCASE("rel=author links") {
    Document d = MustNormalise(
        "<p>By <a rel=\"author\" href=\"/a\">Lena Ortiz</a> and "
        "<a rel=\"author\" href=\"/b\">Sam Park</a></p><p>Body text of the story.</p>");
    CHECK(d.byline == "Lena Ortiz, Sam Park");
  }
  SUBCASE("byline element") {
    Document d = MustNormalise(ReadFixture("article_with_boilerplate.html"));
    CHECK(d.byline == "Ana Ruiz, Tom Hale");
  }
}

TEST_CASE("published and modified sources") {
  SUBCASE("JSON-LD inside @graph") {
    Document d = MustNormalise(ReadFixture("jsonld_graph.html"));
    CHECK(d.published == "2024-05-23T09:41:00Z");
    CHECK(d.modified == "2024-05-24T10:00:00Z");
  }
  SUBCASE("JSON-LD as a top-level array") {
    Document d = MustNormalise(
        "<script type=\"application/ld+json\">[{\"@type\":\"BreadcrumbList\"},"
        "{\"@type\":\"ReportageNewsArticle\",\"datePublished\":\"2024-05-22\"}]</script><p>x</p>");
    CHECK(d.published == "2024-05-22");
  }
  SUBCASE("article:published_time and article:modified_time") {
    Document d = MustNormalise(
        "<meta property=\"article:published_time\" content=\"2024-05-21T08:00:00+00:00\">"
        "<meta property=\"article:modified_time\" content=\"2024-05-21T12:30:00+00:00\"><p>x</p>");
    CHECK(d.published == "2024-05-21T08:00:00+00:00");
    CHECK(d.modified == "2024-05-21T12:30:00+00:00");
  }
  SUBCASE("meta pubdate and dc.date") {
    CHECK(MustNormalise("<meta name=\"pubdate\" content=\"2024-05-20\"><p>x</p>").published ==
          "2024-05-20");
    CHECK(
        MustNormalise("<meta name=\"DC.date.issued\" content=\"2024-05-19\"><p>x</p>").published ==
        "2024-05-19");
  }
  SUBCASE("<time datetime> in the article") {
    Document d = MustNormalise(
        "<time datetime=\"2020-01-01\">site clock</time><article><p>Posted "
        "<time datetime=\"2024-05-18T07:00:00Z\">Saturday</time></p><p>Body.</p></article>");
    CHECK(d.published == "2024-05-18T07:00:00Z");
  }
  SUBCASE("a date in the URL") {
    NormaliseOptions options;
    options.url = "https://borderledger.example/world/2024/05/17/port-scanners";
    CHECK(MustNormalise("<p>Body.</p>", options).published == "2024-05-17");
    options.url = "https://borderledger.example/story-20240516-port";
    CHECK(MustNormalise("<p>Body.</p>", options).published == "2024-05-16");
    options.url = "https://borderledger.example/world/port-scanners";
    CHECK_FALSE(MustNormalise("<p>Body.</p>", options).published.has_value());
  }
}

TEST_CASE("canonical URL") {
  NormaliseOptions options;
  options.url = "https://borderledger.example/amp/world/story?ref=feed";
  SUBCASE("link rel=canonical, made absolute") {
    Document d = MustNormalise(ReadFixture("jsonld_graph.html"), options);
    CHECK(d.canonical_url == "https://borderledger.example/world/2024/05/23/seizures-rise");
  }
  SUBCASE("relative path with dot segments") {
    Document d = MustNormalise("<link rel=\"Canonical\" href=\"../news/story\"><p>x</p>", options);
    CHECK(d.canonical_url == "https://borderledger.example/amp/news/story");
  }
  SUBCASE("og:url when there is no link") {
    Document d = MustNormalise(
        "<meta property=\"og:url\" content=\"//borderledger.example/world/story\"><p>x</p>",
        options);
    CHECK(d.canonical_url == "https://borderledger.example/world/story");
  }
  SUBCASE("a link that is no web address gives way to og:url, or to none") {
    Document d = MustNormalise(
        "<link rel=\"canonical\" href=\"javascript:void(0)\"><meta property=\"og:url\" "
        "content=\"https://borderledger.example/world/story\"><p>x</p>",
        options);
    CHECK(d.canonical_url == "https://borderledger.example/world/story");
    for (const char* href :
         {"javascript:void(0)", "mailto:desk@borderledger.example", "about:blank", "https:"}) {
      CAPTURE(href);
      Document none = MustNormalise(
          std::string("<link rel=\"canonical\" href=\"") + href + "\"><p>x</p>", options);
      CHECK_FALSE(none.canonical_url.has_value());
    }
  }
  SUBCASE("a relative link without a page URL is not absolute, so absent") {
    Document d = MustNormalise("<link rel=\"canonical\" href=\"/world/story\"><p>x</p>");
    CHECK_FALSE(d.canonical_url.has_value());
  }
}

TEST_CASE("site name, language, description") {
  Document graph = MustNormalise(ReadFixture("jsonld_graph.html"));
  CHECK(graph.site_name == "Border Ledger");  // JSON-LD publisher.name
  CHECK(graph.description == "Officials report a record year for drug seizures.");
  CHECK_FALSE(graph.language.has_value());

  Document og = MustNormalise(
      "<meta property=\"og:site_name\" content=\"The Ledger\"><meta property=\"og:locale\" "
      "content=\"es_MX\"><meta name=\"description\" content=\"A short summary.\"><p>x</p>");
  CHECK(og.site_name == "The Ledger");
  CHECK(og.language == "es-MX");
  CHECK(og.description == "A short summary.");

  CHECK(MustNormalise("<html lang=\"en-GB\"><p>x</p></html>").language == "en-GB");
  CHECK(MustNormalise("<meta http-equiv=\"content-language\" content=\"fr\"><p>x</p>").language ==
        "fr");
}

TEST_CASE("malformed JSON-LD is ignored") {
  Document d = MustNormalise(
      "<script type=\"application/ld+json\">{\"headline\": [1, 2,</script>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":7,"
      "\"author\":{\"name\":42},\"publisher\":\"plain string\"}</script>"
      "<h1>Real headline</h1><p>Body.</p>");
  CHECK(d.title == "Real headline");
  CHECK_FALSE(d.byline.has_value());
}

// ---------------------------------------------------------------- boilerplate

TEST_CASE("a news page with every kind of boilerplate") {
  Document d = MustNormalise(ReadFixture("article_with_boilerplate.html"));
  const std::string expected =
      "Mexican authorities have seized 8,222.5 kilograms of fentanyl since December 2018, "
      "according to figures cited by the U.S. Secretary of State on Wednesday.\n\n"
      "The total, roughly 8.2 tonnes, is the largest amount the country has ever reported, "
      "and officials said it came with the closure of dozens of clandestine laboratories.\n\n"
      "Cooperation across the border\n\n"
      "Speaking to a congressional committee, Antony Blinken described the seizures as a sign "
      "that joint work between the two governments was paying off.\n\n"
      "\xE2\x80\x9CThe cooperation is producing arrests that matter,\xE2\x80\x9D he told the "
      "committee.\n\n"
      "The figures include:\n\n"
      "more than 1,300 drug laboratories dismantled;\n\n"
      "dozens of arrests of mid-level operatives.\n\n"
      "Officials in Mexico City did not comment on the numbers.\n\n"
      "A spokesperson for the embassy said a full report would follow.";
  CHECK(d.text == expected);
  CHECK(d.title == "Record fentanyl haul reported by Mexico");
  CHECK(d.site_name == "Border Ledger");
  CHECK(d.language == "en-GB");
  CHECK(d.charset == "UTF-8");
  REQUIRE(d.captions.size() == 2);
  CHECK(d.captions[0] == "Seized pills laid out on a table in a customs warehouse.");
  CHECK(d.captions[1] == "Photo: Ledger staff");

  // Each kind, named, so a failure says which one leaked.
  CHECK_FALSE(Contains(d.text, "cookies"));            // cookie banner
  CHECK_FALSE(Contains(d.text, "Business"));           // nav
  CHECK_FALSE(Contains(d.text, "Home"));               // breadcrumbs
  CHECK_FALSE(Contains(d.text, "Share on"));           // share bar
  CHECK_FALSE(Contains(d.text, "mattress"));           // ad slot
  CHECK_FALSE(Contains(d.text, "Advertisement"));      // stock line
  CHECK_FALSE(Contains(d.text, "Image 1 of 12"));      // gallery counter
  CHECK_FALSE(Contains(d.text, "Cartel leader"));      // related list in an aside
  CHECK_FALSE(Contains(d.text, "morning briefing"));   // newsletter
  CHECK_FALSE(Contains(d.text, "Drugs"));              // tags
  CHECK_FALSE(Contains(d.text, "Reader one"));         // comments
  CHECK_FALSE(Contains(d.text, "Rain delays"));        // more stories
  CHECK_FALSE(Contains(d.text, "Copyright"));          // footer
  CHECK_FALSE(Contains(d.text, "Ana Ruiz"));           // byline
  CHECK_FALSE(Contains(d.text, "customs warehouse"));  // caption kept apart
  CHECK_FALSE(Contains(d.text, "dataLayer"));          // script
}

TEST_CASE("scoring finds the body when there is no <article>") {
  Document d = MustNormalise(ReadFixture("jsonld_graph.html"));
  CHECK(d.text ==
        "Border officials counted more seizures this spring than in any spring before, and "
        "they credit new scanning equipment at the busiest crossings.\n\n"
        "The equipment, installed at four ports of entry, checks each lorry in under a minute, "
        "which officials say lets them inspect far more vehicles each day.\n\n"
        "Critics say the figures show only what is caught, not what gets through, and they "
        "want an independent audit of the programme.");
}

TEST_CASE("itemprop=articleBody is preferred") {
  Document d = MustNormalise(
      "<article><p>Teaser text of another story that is long enough to be counted as a "
      "paragraph, with commas, and more commas, to score well.</p></article>"
      "<div itemprop=\"articleBody\"><p>The ministry said 24 ports now scan every truck, "
      "and it expects the rest to follow by the end of the year, officials added.</p></div>");
  CHECK(d.text ==
        "The ministry said 24 ports now scan every truck, and it expects the rest to follow "
        "by the end of the year, officials added.");
}

TEST_CASE("a page-wide form or classed wrapper is not dropped") {
  Document d = MustNormalise(
      "<body><form id=\"aspnetForm\"><div class=\"comments-enabled-wrapper\">"
      "<p>Inspectors opened 320 containers at the port last month, the agency said.</p>"
      "<p>Most of them held auto parts, according to the manifest records.</p>"
      "</div></form></body>");
  CHECK(d.text ==
        "Inspectors opened 320 containers at the port last month, the agency said.\n\n"
        "Most of them held auto parts, according to the manifest records.");
}

TEST_CASE("inline spans with boilerplate-like classes inside a sentence stay") {
  Document d = MustNormalise(
      "<p>The report by <span class=\"author\">the inspector general</span> was published "
      "on <span class=\"timestamp\">Monday</span>.</p>");
  CHECK(d.text == "The report by the inspector general was published on Monday.");
}

TEST_CASE("hidden elements are not text") {
  Document d = MustNormalise(
      "<p>Visible sentence.</p><p style=\"display: none\">Hidden one.</p>"
      "<p hidden>Also hidden.</p><span class=\"sr-only\">Screen reader note.</span>");
  CHECK(d.text == "Visible sentence.");
}

TEST_CASE("boilerplate names") {
  using normalise_internal::IsBoilerplateName;
  CHECK(IsBoilerplateName("social-share"));
  CHECK(IsBoilerplateName("relatedStories"));
  CHECK(IsBoilerplateName("ad-slot top"));
  CHECK(IsBoilerplateName("you-may-also-like"));
  CHECK(IsBoilerplateName("cookieNotice"));
  CHECK(IsBoilerplateName("Share this article"));
  CHECK_FALSE(IsBoilerplateName("article-body"));
  CHECK_FALSE(IsBoilerplateName("story-content"));
  CHECK_FALSE(IsBoilerplateName("headline"));  // "ad" is a word, not a substring
  CHECK_FALSE(IsBoilerplateName("commentary-body"));
}

TEST_CASE("stock lines") {
  using normalise_internal::IsStockLine;
  CHECK(IsStockLine("Advertisement"));
  CHECK(IsStockLine("ADVERTISEMENT"));
  CHECK(IsStockLine("Share this article"));
  CHECK(IsStockLine("Image 3 of 12"));
  CHECK(IsStockLine("Story continues below advertisement"));
  CHECK_FALSE(IsStockLine("Advertisement revenue fell by 12 percent last year."));
  CHECK_FALSE(IsStockLine("Share prices rose."));
}

}  // namespace
}  // namespace newsfacts

namespace newsfacts {
namespace {

TEST_CASE("timestamp and byline lines inside the article are not text") {
  Document d = MustNormalise(
      "<html><body><article><h1>Port reopens</h1>"
      "<p>By Ana Ruiz and Tom Hale</p>"
      "<p><time datetime=\"2024-05-23T09:41:00Z\">May 23, 2024</time></p>"
      "<div>Published 11:11 PM EST Nov 19, 2019</div>"
      "<p>Updated: May 24, 2024 at 8:00</p>"
      "<p>The harbour reopened on <time datetime=\"2024-05-22\">Wednesday</time> after a "
      "week of repairs to the northern breakwater, officials said.</p>"
      "<p>By Friday, crews expect the last cranes to be back at work on the quay.</p>"
      "</article></body></html>");
  CHECK(d.text ==
        "The harbour reopened on Wednesday after a week of repairs to the northern breakwater, "
        "officials said.\n\nBy Friday, crews expect the last cranes to be back at work on the "
        "quay.");
}

}  // namespace
}  // namespace newsfacts
