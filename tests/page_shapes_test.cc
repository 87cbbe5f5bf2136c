// The same article inside differently built news pages must give the same text and the
// same facts. The article is corpus/01's (its expected.json was checked by hand); the
// pages around it are built here in the shapes news sites commonly have, and their
// boilerplate is full of bait: figures, dates, officials and quotation marks in related
// links, captions, banners and footers, none of which may reach the text or the facts.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

using nlohmann::json;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find("\n\n", start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

// Paragraphs [from, to) each wrapped in <p>.
std::string Ps(const std::vector<std::string>& paras, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < paras.size(); ++i) out += "<p>" + Escape(paras[i]) + "</p>\n";
  return out;
}

std::string Head(const std::string& title) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Escape(title) +
         " | Border Ledger</title><meta property=\"article:published_time\" "
         "content=\"2024-05-23T09:41:00Z\"></head>";
}

// Bait: every kind of fact, outside the story.
const char* kRelated =
    "<ul><li><a href=\"/a\">Navy seizes 300 kilograms of cocaine off Sinaloa on May 2, "
    "2024</a></li>"
    "<li><a href=\"/b\">Finance Minister Rogelio Ramírez de la O resigns</a></li>"
    "<li><a href=\"/c\">\"We will not stop,\" Governor Samuel García said</a></li></ul>";
const char* kCaption =
    "Seized pills on a table in Culiacán on October 4, 2022, when 1.5 tonnes were found. "
    "Photo: Handout";
const char* kCookie =
    "We use cookies to measure 100% of our traffic. <a href=\"/privacy\">Privacy policy</a> "
    "<button>Accept</button>";
const char* kNewsletter =
    "Sign up for our newsletter and get 50 percent off your first year from June 1, 2024.";
const char* kFooter =
    "© 2024 Border Ledger Media. 1,200 Main Street, Suite 5. All rights reserved.";

std::string WordPressShape(const std::vector<std::string>& p, const std::string& title) {
  return Head(title) +
         "<body class=\"single-post\"><div id=\"page\"><header class=\"site-header\">"
         "<nav class=\"main-navigation\"><a href=\"/\">Home</a> <a href=\"/world\">World</a> "
         "<a href=\"/politics\">Politics</a></nav></header>"
         "<div class=\"cookie-notice\">" +
         kCookie +
         "</div>"
         "<div id=\"content\" class=\"site-content\"><div id=\"primary\" class=\"content-area\">"
         "<h1 class=\"entry-title\">" +
         Escape(title) +
         "</h1>"
         "<div class=\"entry-meta\"><span class=\"author vcard\">By Lucía Fernández</span> "
         "<time class=\"entry-date\" datetime=\"2024-05-23T09:41:00Z\">May 23, 2024</time></div>"
         "<div class=\"entry-content\">" +
         Ps(p, 0, 3) + "<figure class=\"wp-block-image\"><img src=\"p.jpg\" alt=\"\"><figcaption>" +
         kCaption + "</figcaption></figure>" + Ps(p, 3, p.size()) +
         "<div class=\"sharedaddy sd-sharing-enabled\"><h3>Share this:</h3><a>Facebook</a> "
         "<a>X</a></div><div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><h3>Related</h3>" +
         kRelated +
         "</div></div></div>"
         "<aside id=\"secondary\" class=\"widget-area\"><section "
         "class=\"widget\"><h2>Trending</h2>" +
         kRelated +
         "</section></aside></div>"
         "<footer id=\"colophon\" class=\"site-footer\">" +
         kFooter + "</footer></div></body></html>";
}

std::string DivSoupShape(const std::vector<std::string>& p, const std::string& title) {
  return Head(title) +
         "<body><div class=\"wrapper\"><div class=\"topMenu\"><a href=\"/\">Home</a> | "
         "<a href=\"/news\">News</a> | <a href=\"/sport\">Sport</a></div>"
         "<div class=\"consentBanner\">" +
         kCookie +
         "</div>"
         "<div class=\"mainCol\"><div class=\"headline\">" +
         Escape(title) +
         "</div>"
         "<div class=\"storyBody\">" +
         Ps(p, 0, p.size()) +
         "</div>"
         "<div class=\"newsletterBox\">" +
         kNewsletter +
         "</div>"
         "<div class=\"moreNews\"><b>More news</b>" +
         kRelated +
         "</div></div>"
         "<div class=\"rightRail\"><div class=\"mostRead\">" +
         kRelated +
         "</div></div>"
         "<div class=\"copyright\">" +
         kFooter + "</div></div></body></html>";
}

std::string ArticleBodyShape(const std::vector<std::string>& p, const std::string& title) {
  return Head(title) +
         "<body><nav>World Politics Business</nav><main><div itemscope "
         "itemtype=\"https://schema.org/NewsArticle\"><h1 itemprop=\"headline\">" +
         Escape(title) + "</h1><div itemprop=\"articleBody\">" + Ps(p, 0, 2) +
         "<div class=\"ad-slot\">Advertisement</div>" + Ps(p, 2, 5) +
         "<figure><img src=\"x.jpg\"><figcaption><span class=\"caption\">" + kCaption +
         "</span></figcaption></figure>" + Ps(p, 5, p.size()) +
         "</div><div class=\"related-stories\">" + kRelated +
         "</div></div></main>"
         "<footer>" +
         kFooter + "</footer></body></html>";
}

std::string BreakSeparatedShape(const std::vector<std::string>& p, const std::string& title) {
  std::string body;
  for (size_t i = 0; i < p.size(); ++i) {
    if (i) body += "<br><br>\n";
    body += Escape(p[i]);
  }
  return Head(title) +
         "<body><table width=\"100%\"><tr><td class=\"menu\"><a href=\"/\">Home</a><br>"
         "<a href=\"/archive\">Archive</a></td><td class=\"main\"><h2>" +
         Escape(title) + "</h2><div class=\"article-text\">" + body +
         "</div></td></tr></table>"
         "<div id=\"footer\">" +
         kFooter + "</div></body></html>";
}

std::string SplitContainersShape(const std::vector<std::string>& p, const std::string& title) {
  const size_t half = p.size() / 2;
  return Head(title) +
         "<body><header><div class=\"logo\">Border Ledger</div></header><main><article>"
         "<header><h1>" +
         Escape(title) +
         "</h1><p class=\"byline\">By Lucía Fernández</p>"
         "</header><section class=\"article-body\">" +
         Ps(p, 0, half) +
         "</section>"
         "<aside class=\"newsletter-signup\"><p>" +
         kNewsletter +
         "</p></aside>"
         "<section class=\"article-body\">" +
         Ps(p, half, p.size()) +
         "</section>"
         "<section class=\"comments\"><h3>3 comments</h3><p>\"Great reporting,\" said reader "
         "Mayor Jorge Luis Pérez on May 24, 2024.</p></section></article>"
         "<aside class=\"recommended\">" +
         kRelated +
         "</aside></main>"
         "<footer>" +
         kFooter + "</footer></body></html>";
}

// (text, start, end) of every fact of one kind; officials by name alone, since their
// goldens name the person rather than one span.
std::set<std::tuple<std::string, int64_t, int64_t>> Facts(const json& list) {
  std::set<std::tuple<std::string, int64_t, int64_t>> out;
  for (const json& f : list) {
    if (f.contains("name")) {
      out.emplace(f["name"].get<std::string>(), -1, -1);
    } else {
      out.emplace(f["text"].get<std::string>(), f["span"][0].get<int64_t>(),
                  f["span"][1].get<int64_t>());
    }
  }
  return out;
}

TEST_CASE("the same article in differently built pages gives the same text and facts") {
  REQUIRE_MESSAGE(!BinaryPath().empty(), "NEWSFACTS_BIN is not set");
  const std::string dir = SourceDir() + "/corpus/01-record-fentanyl-seizure";
  json golden = json::parse(ReadFile(dir + "/expected.json"));
  const std::string text = golden["text"].get<std::string>();
  const std::string title = golden["title"].get<std::string>();
  const std::vector<std::string> paras = Paragraphs(text);
  REQUIRE(paras.size() >= 6);

  struct Shape {
    const char* name;
    std::string (*build)(const std::vector<std::string>&, const std::string&);
  };
  const Shape shapes[] = {{"wordpress", WordPressShape},
                          {"div soup", DivSoupShape},
                          {"itemprop articleBody", ArticleBodyShape},
                          {"br-separated paragraphs", BreakSeparatedShape},
                          {"story split around a newsletter box", SplitContainersShape}};
  TempDir tmp;
  for (const Shape& shape : shapes) {
    SUBCASE(shape.name) {
      const auto page = tmp / "page.html";
      WriteFile(page, shape.build(paras, title));
      RunResult r = RunNewsfacts({"extract", "--json", "--no-db", page.string()});
      REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
      json got = json::parse(r.out, nullptr, false);
      REQUIRE_MESSAGE(got.is_object(), r.out.substr(0, 500));
      const std::string got_text = got["text"].get<std::string>();
      if (got_text != text) {
        size_t i = 0;
        while (i < got_text.size() && i < text.size() && got_text[i] == text[i]) ++i;
        FAIL_CHECK("text differs at byte "
                   << i << ": got \"" << got_text.substr(i > 40 ? i - 40 : 0, 120)
                   << "\", expected \"" << text.substr(i > 40 ? i - 40 : 0, 120) << "\"");
      }
      for (const char* kind : {"quantities", "dates", "officials", "quotes"}) {
        const std::string what = std::string(kind) + " differ from the golden";
        CHECK_MESSAGE(Facts(got[kind]) == Facts(golden[kind]), what);
      }
    }
  }
}

}  // namespace
}  // namespace newsfacts::testing
