// Hostile and broken pages: they must give text, never a crash, a stack overflow or
// an error. Run also under -DNEWSFACTS_SANITIZE=ON.
#include <doctest/doctest.h>

#include <string>

#include "normalise/nesting.h"
#include "normalise/normalise.h"

namespace newsfacts {
namespace {

Document MustNormalise(const std::string& bytes) {
  Result<Document> r = NormaliseHtml(bytes, {});
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("malformed HTML gives text") {
  SUBCASE("unclosed tags") {
    Document d = MustNormalise(
        "<html><body><div><p>Officials counted 12 seizures.<p>Then 14 more.<div><b>Bold "
        "start");
    CHECK(d.text == "Officials counted 12 seizures.\n\nThen 14 more.\n\nBold start");
    CHECK(d.parse_errors > 0);
  }
  SUBCASE("a stray </html> mid-page") {
    Document d = MustNormalise(
        "<html><body><p>Before the stray tag.</p></html><p>After the stray tag.</p></body>");
    CHECK(d.text == "Before the stray tag.\n\nAfter the stray tag.");
  }
  SUBCASE("a <script> never closed swallows the rest, but the text before stays") {
    Document d = MustNormalise("<p>The port reopened on Friday.</p><script>var x = 1; <p>lost");
    CHECK(d.text == "The port reopened on Friday.");
  }
  SUBCASE("misnested formatting") {
    Document d = MustNormalise("<p><b>Bold <i>both</b> italic</i> plain.</p>");
    CHECK(d.text == "Bold both italic plain.");
  }
  SUBCASE("only garbage markup") {
    Result<Document> r = NormaliseHtml("<<<>>></></><!-- <p", {});
    REQUIRE(r.ok());
    // HTML5 drops "</>" (missing end tag name) without output.
    CHECK(r->text == "<<<>>>");
  }
}

TEST_CASE("a 100,000-deep page keeps its text and does not overflow the stack") {
  Document d =
      MustNormalise("<html><body>" + Repeat("<div>", 100000) + "<p>Deep inside the page.</p>" +
                    Repeat("</div>", 100000) + "<p>After the nest.</p></body></html>");
  CHECK(d.text == "Deep inside the page.\n\nAfter the nest.");
}

TEST_CASE("other deep shapes") {
  SUBCASE("unclosed formatting elements with distinct attributes") {
    Document d = MustNormalise(Repeat("<b class=x>", 3000) + "<p>Bold text.</p>" +
                               Repeat("<div><i id=a></div>", 3000) + "<p>End.</p>");
    CHECK(d.text == "Bold text.\n\nEnd.");
  }
  SUBCASE("self-closing div syntax does not close in HTML") {
    Document d = MustNormalise(Repeat("<div/>", 50000) + "<p>Still here.</p>");
    CHECK(d.text == "Still here.");
  }
  SUBCASE("tables nested in tables") {
    Document d = MustNormalise(Repeat("<table><tr><td>", 20000) + "cell text");
    CHECK(d.text == "cell text");
  }
  SUBCASE("deeply nested JSON-LD") {
    Document d = MustNormalise("<script type=\"application/ld+json\">" + Repeat("[", 100000) +
                               Repeat("]", 100000) + "</script><p>Body.</p>");
    CHECK(d.text == "Body.");
  }
}

TEST_CASE("a 10 MB single-line page") {
  std::string page = "<html><body><div>";
  const std::string sentence =
      "<p>Customs agents inspected another 40 lorries at the northern crossing today.</p>";
  while (page.size() < 10u * 1024 * 1024) page += sentence;
  page += "</div></body></html>";
  Document d = MustNormalise(page);
  CHECK(d.text.rfind("Customs agents inspected another 40 lorries", 0) == 0);
  CHECK(d.text.size() > 7u * 1024 * 1024);
}

TEST_CASE("LimitNesting leaves ordinary pages alone") {
  using normalise_internal::LimitNesting;
  CHECK_FALSE(
      LimitNesting("<html><body><div><p>a<p>b<ul><li>c<li>d</ul></div></body></html>").has_value());
  // 1,000 unclosed <p> tags are siblings, not nesting.
  CHECK_FALSE(LimitNesting(Repeat("<p>paragraph", 1000)).has_value());
  // Script bodies are not markup.
  CHECK_FALSE(LimitNesting("<script>" + Repeat("<div>", 1000) + "</script>").has_value());
  auto limited = LimitNesting(Repeat("<div>", 10) + "text", 4);
  REQUIRE(limited.has_value());
  CHECK(*limited == "<div><div><div><div>text");
}

}  // namespace
}  // namespace newsfacts
