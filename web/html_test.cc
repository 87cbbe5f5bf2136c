#include "web/html.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace newsfacts::web {
namespace {

TEST_CASE("Escape turns markup into text") {
  CHECK(Escape("<script>alert(\"x\")</script> & 'y'") ==
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  CHECK(Escape("\"><img src=x onerror=alert(1)>") ==
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  CHECK(Escape("Peña Nieto’s") == "Peña Nieto’s");
  CHECK(Escape("") == "");
}

TEST_CASE("Escape repairs broken UTF-8 and drops control characters") {
  CHECK(Escape("a\xff"
               "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(Escape("a\x01\x7F"
               "b\tc\n") == "ab\tc\n");
  CHECK(Escape(std::string("a\0b", 3)) == "ab");
}

TEST_CASE("QueryEncode keeps only unreserved characters") {
  CHECK(QueryEncode("a b/ü&=#") == "a%20b%2F%C3%BC%26%3D%23");
  CHECK(QueryEncode("corpus/01-x_y.html~") == "corpus%2F01-x_y.html~");
}

TEST_CASE("IsWebUrl accepts only absolute http and https URLs") {
  CHECK(IsWebUrl("https://borderledger.example/world/2024"));
  CHECK(IsWebUrl("HTTP://EXAMPLE.COM/"));
  CHECK_FALSE(IsWebUrl("javascript:alert(1)"));
  CHECK_FALSE(IsWebUrl(" https://example.com/"));
  CHECK_FALSE(IsWebUrl("https://exa mple.com/"));
  CHECK_FALSE(IsWebUrl("https://"));
  CHECK_FALSE(IsWebUrl("data:text/html,<script>"));
  CHECK_FALSE(IsWebUrl("/article?id=1"));
}

TEST_CASE("FormatNumber separates thousands and drops trailing zeros") {
  CHECK(FormatNumber(8222.5) == "8,222.5");
  CHECK(FormatNumber(8200) == "8,200");
  CHECK(FormatNumber(1234567) == "1,234,567");
  CHECK(FormatNumber(0.25) == "0.25");
  CHECK(FormatNumber(-1200) == "-1,200");
  CHECK(FormatNumber(0) == "0");
  CHECK(FormatNumber(std::nan("")) == "");
  CHECK(FormatNumber(INFINITY) == "");
  CHECK(FormatNumber(1e300) == "1e+300");
}

TEST_CASE("CodePointSlice counts code points, not bytes") {
  CHECK(CodePointSlice("Peña Nieto", 2, 4) == "ña");
  CHECK(CodePointSlice("Peña Nieto", 5, 100) == "Nieto");
  CHECK(CodePointSlice("abc", -3, 1) == "a");
  CHECK(CodePointSlice("abc", 2, 1) == "");
}

}  // namespace
}  // namespace newsfacts::web
