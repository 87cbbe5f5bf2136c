// The pages of `serve` called in-process against a real SQLite file (web/test_db.h): what a
// claim, an article, a speaker and a subject show, that hostile stored text stays text, and
// that bad parameters and unknown paths are refused before the database is read.
#include "web/site.h"

#include <doctest/doctest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/black_box.h"
#include "web/test_db.h"

namespace newsfacts::web {
namespace {

using testing::TestDb;

bool Has(const std::string& body, const std::string& what) {
  return body.find(what) != std::string::npos;
}

// Every start tag in body (its name, lower-case), e.g. {"html", "head", ...}.
std::vector<std::string> Tags(const std::string& body) {
  std::vector<std::string> tags;
  for (size_t at = body.find('<'); at != std::string::npos; at = body.find('<', at + 1)) {
    size_t end = at + 1;
    while (end < body.size() && std::isalnum(static_cast<unsigned char>(body[end]))) ++end;
    if (end > at + 1) {
      std::string name = body.substr(at + 1, end - at - 1);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      tags.push_back(name);
    }
  }
  return tags;
}

size_t CountTag(const std::string& body, const std::string& name) {
  size_t n = 0;
  for (const std::string& t : Tags(body)) n += t == name;
  return n;
}

TEST_CASE("site: a claim shows the matching figure highlighted, with its verdict") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/check", {{"claim", "Mexico seized 8.2 tonnes of fentanyl"}});
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  // The seed article writes "8,222.5 kilograms (8.2 tonnes)": 8.2 tonnes is the same amount.
  const size_t first = r.body.find("<li class=\"hit ");
  REQUIRE(first != std::string::npos);
  const std::string hit = r.body.substr(first, r.body.find("</li>", first) - first);
  CHECK(Has(hit, "data-verdict=\"same\""));
  CHECK(Has(hit, "<mark class=\"figure\">8.2 tonnes</mark>"));
  CHECK(Has(hit,
            "href=\"/article?id=https%3A%2F%2Fborderledger.example%2Fworld%2F2024%2F05%2F23"
            "%2Frecord-fentanyl-seizure#quantity-"));
  // The later article's 7,000 kilograms is a different amount.
  CHECK(Has(r.body, "data-verdict=\"different\""));
  CHECK(Has(r.body, "<mark class=\"figure\">7,000 kilograms</mark>"));
  // The claim stays in the search box, escaped.
  CHECK(Has(r.body, "value=\"Mexico seized 8.2 tonnes of fentanyl\""));
  CHECK(CountTag(r.body, "script") == 0);
}

TEST_CASE("site: /api/check prints the same objects as check --json") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const std::string claim = "Mexico seized 8.2 tonnes of fentanyl";
  const Response r = site.Get("/api/check", {{"claim", claim}});
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/json; charset=utf-8");
  const nlohmann::json api = nlohmann::json::parse(r.body);
  REQUIRE(api.is_array());
  REQUIRE(api.size() >= 2);
  CHECK(api[0]["rank"] == 1);
  CHECK(api[0]["verdict"] == "same");
  CHECK(api[0]["figure"]["text"] == "8.2 tonnes");
  CHECK(api[0]["article_id"] == testing::kSeedId);

  REQUIRE_MESSAGE(!newsfacts::testing::BinaryPath().empty(), "NEWSFACTS_BIN is not set");
  const auto cli =
      newsfacts::testing::RunNewsfacts({"check", "--json", "--db", db.path().string(), claim});
  REQUIRE_MESSAGE(cli.exit_code == 0, cli.Describe());
  const std::vector<std::string> lines = newsfacts::testing::Lines(cli.out);
  REQUIRE(lines.size() == api.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(i);
    CHECK(nlohmann::json::parse(lines[i]) == api[i]);
  }
}

TEST_CASE("site: words without a figure find articles") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/check", {{"claim", "trained dogs"}});
  REQUIRE(r.status == 200);
  CHECK(Has(r.body, "No figure read in this text"));
  CHECK(Has(r.body, ">Mexico reports record fentanyl seizures</a>"));
  CHECK(Has(r.body, "<mark class=\"word\">trained</mark>"));
  CHECK_FALSE(Has(r.body, ">Fentanyl seizures pass 7 tonnes</a>"));
}

TEST_CASE("site: the article view marks every fact and links each mark to its card") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/article", {{"id", testing::kSeedId}});
  REQUIRE(r.status == 200);
  CHECK(Has(r.body, "<h1>Mexico reports record fentanyl seizures</h1>"));
  // "8.2 tonnes" is at code points 102..112 of kSeedText (Python: text.index("8.2 tonnes"); the
  // ’ is one code point, three bytes).
  CHECK(Has(r.body, "<a class=\"m k-quantity\" href=\"#quantity-102-112\""));
  CHECK(Has(r.body, ">8.2 tonnes</a>"));
  const size_t card = r.body.find("<li class=\"fact k-quantity\" id=\"quantity-102-112\">");
  REQUIRE(card != std::string::npos);
  const std::string card_html = r.body.substr(card, r.body.find("</li>", card) - card);
  CHECK(Has(card_html, "<code class=\"rule\">quantities."));
  CHECK(Has(card_html, "/history?subject=fentanyl&amp;unit=kg"));
  // A URL is a link only when it is http(s).
  CHECK(Has(r.body, "<a href=\"" + std::string(testing::kSeedId) + "\" rel=\"noreferrer"));
  // By URL as well as by id; an unknown one is 404.
  CHECK(site.Get("/article", {{"id", "https://nowhere.example/"}}).status == 404);
}

TEST_CASE("site: hostile stored text, titles and URLs stay text") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/article", {{"id", testing::kHostileId}});
  REQUIRE(r.status == 200);
  CHECK(CountTag(r.body, "script") == 0);
  CHECK(CountTag(r.body, "img") == 0);
  CHECK(CountTag(r.body, "b") == 0);
  CHECK(Has(r.body, "&lt;script&gt;window.__pwned = 1&lt;/script&gt;"));
  // The straight quotes make a quote mark around part of it; the text is whole either way.
  CHECK(Has(r.body, "&gt;&lt;img src=x onerror="));
  CHECK(Has(r.body, "&quot;window.__pwned = 2&quot;&gt;"));
  CHECK(Has(r.body,
            "<h1>&lt;script&gt;window.__pwned = 3&lt;/script&gt;Grain &quot;&gt;"
            "&lt;b&gt;store</h1>"));
  CHECK(Has(r.body, "&#39;single&#39; &amp; &lt;b&gt;bold&lt;/b&gt;"));
  // A javascript: URL is shown, never linked.
  CHECK_FALSE(Has(r.body, "href=\"javascript:"));
  CHECK(Has(r.body, ">javascript:window.__pwned=4</div>"));

  // The same text found by words, and a hostile claim echoed back.
  const Response found = site.Get("/check", {{"claim", "council grain <script>x</script>"}});
  REQUIRE(found.status == 200);
  CHECK(CountTag(found.body, "script") == 0);
  CHECK(CountTag(found.body, "img") == 0);
  CHECK(Has(found.body, "value=\"council grain &lt;script&gt;x&lt;/script&gt;\""));
}

TEST_CASE("site: quotes by speaker") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response list = site.Get("/speakers", {});
  REQUIRE(list.status == 200);
  CHECK(Has(list.body, ">Luis Cresencio Sandoval</a>"));
  const Response one = site.Get("/speakers", {{"name", "Luis Cresencio Sandoval"}});
  REQUIRE(one.status == 200);
  CHECK(Has(one.body,
            "<blockquote class=\"quote\">We have the technology, from trained dogs to "
            "modern scanners,</blockquote>"));
  CHECK(Has(one.body, "#quote-0\""));
  const Response nobody = site.Get("/speakers", {{"name", "Nobody"}});
  CHECK(nobody.status == 200);
  CHECK(Has(nobody.body, "No stored quote is attributed to this name."));
}

TEST_CASE("site: a subject's figures over time as an SVG chart") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/history", {{"subject", "fentanyl"}, {"unit", "kg"}});
  REQUIRE(r.status == 200);
  CHECK(Has(r.body, "<svg class=\"chart\""));
  // The seed article's 8,222.5 kg (its restatement "8.2 tonnes" left out) and the later
  // article's 7,000 kg: two dots on two dates.
  size_t dots = 0;
  for (size_t at = r.body.find("<circle"); at != std::string::npos;
       at = r.body.find("<circle", at + 1)) {
    ++dots;
  }
  CHECK(dots == 2);
  CHECK(Has(r.body, ">2024-05-23</text>"));
  CHECK(Has(r.body, ">2024-06-10</text>"));
  CHECK(site.Get("/history", {}).status == 400);
}

TEST_CASE("site: conflicts page") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  const Response r = site.Get("/conflicts", {});
  REQUIRE(r.status == 200);
  CHECK(Has(r.body, "<h1>Figures that disagree across sources</h1>"));
  CHECK(site.Get("/conflicts", {{"since", "2024-13-45"}}).status == 400);
  CHECK(site.Get("/conflicts", {{"since", "2024-01-01"}, {"subject", "fentanyl"}}).status == 200);
}

TEST_CASE("site: bad parameters are 400, unknown paths 404") {
  TestDb db;
  Site site(db.path().string(), &db.rules());
  CHECK(site.Get("/check", {}).status == 400);
  CHECK(site.Get("/check", {{"claim", "   "}}).status == 400);
  CHECK(site.Get("/check", {{"claim", std::string(kMaxClaimBytes + 1, 'a')}}).status == 400);
  CHECK(site.Get("/check", {{"claim", std::string(1 << 20, 'a')}}).status == 400);
  CHECK(site.Get("/check", {{"claim", "\xff\xfe"}}).status == 400);
  CHECK(site.Get("/check", {{"claim", "a"}, {"claim", "b"}}).status == 400);
  CHECK(site.Get("/check", {{"claim", "!!! ???"}}).status == 400);  // no word at all
  CHECK(site.Get("/article", {}).status == 400);
  CHECK(site.Get("/article", {{"id", std::string(kMaxIdBytes + 1, 'x')}}).status == 400);
  Params many;
  for (int i = 0; i < 100; ++i) many.emplace("p" + std::to_string(i), "x");
  CHECK(site.Get("/", many).status == 400);

  const Response api = site.Get("/api/check", {{"claim", "\xc3"}});
  CHECK(api.status == 400);
  CHECK(api.content_type == "application/json; charset=utf-8");
  CHECK(nlohmann::json::parse(api.body)["error"] == "parameter 'claim' is not valid UTF-8");

  for (const char* path : {"/nope", "/../../etc/passwd", "/assets/../../etc/passwd",
                           "/assets/..%2f..%2fetc%2fpasswd", "/assets/", "/assets/style.css/",
                           "/check/", "//check", "/article/../check", "/etc/passwd"}) {
    CAPTURE(path);
    const Response r = site.Get(path, {});
    CHECK(r.status == 404);
    CHECK_FALSE(Has(r.body, "root:"));
  }
  const Response css = site.Get("/assets/style.css", {});
  CHECK(css.status == 200);
  CHECK(css.content_type == "text/css; charset=utf-8");
}

TEST_CASE("site: a missing or foreign database is an error page, not a crash") {
  TestDb db;
  Site missing((db.dir() / "absent.db").string(), &db.rules());
  CHECK(missing.Get("/check", {{"claim", "8.2 tonnes of fentanyl"}}).status == 500);
  newsfacts::testing::WriteFile(db.dir() / "junk.db", "not a database at all");
  Site junk((db.dir() / "junk.db").string(), &db.rules());
  CHECK(junk.Get("/", {}).status == 500);
}

}  // namespace
}  // namespace newsfacts::web
