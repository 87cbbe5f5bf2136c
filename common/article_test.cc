// The article's JSON object and its spans, and the small text helpers of common/.
#include "common/article.h"

#include <doctest/doctest.h>

#include <cctype>
#include <sstream>
#include <string>

#include "common/ascii.h"
#include "common/clock.h"
#include "common/csv.h"

namespace newsfacts {
namespace {

TEST_CASE("spans move from bytes to code points, every fact's, clamped at the text's end") {
  Article a;
  a.text = "Año 2024: 8,2 t — “fin”.";  // ñ, — and the quotes are 2, 3 and 3 bytes
  // Byte offsets: "2024" is bytes 5..9 (A, ñ=2 bytes, o, space); "fin" starts after
  // "Año 2024: 8,2 t " (17 bytes) + "—" (3) + " " (1) + "“" (3) = byte 24.
  Quantity q;
  q.span = {5, 9};
  a.quantities.push_back(q);
  DateFact d;
  d.span = {5, 9};
  a.dates.push_back(d);
  Quote quote;
  quote.span = {24, 27};
  quote.parts = {{24, 27}};
  quote.speaker_span = Span{0, 4};
  a.quotes.push_back(quote);
  Official o;
  o.span = {0, 1000};  // past the end
  o.mentions = {{0, 4}};
  a.officials.push_back(o);

  ConvertSpansToCodePoints(&a);
  // Code points: "Año " is 4, so "2024" is 4..8; "fin" is after 17 - 1 (ñ) + 1 (—) + 1 + 1.
  CHECK(a.quantities[0].span == Span{4, 8});
  CHECK(a.dates[0].span == Span{4, 8});
  CHECK(a.quotes[0].span == Span{19, 22});
  CHECK(a.quotes[0].parts[0] == Span{19, 22});
  CHECK(*a.quotes[0].speaker_span == Span{0, 3});
  CHECK(a.officials[0].mentions[0] == Span{0, 3});
  CHECK(a.officials[0].span == Span{0, 24});  // the text has 24 code points
}

TEST_CASE("an article's JSON has the contract's keys in order, empty values as null") {
  Article a;
  a.id = "a1";
  a.text = "Mexico seized 8.2 tonnes.";
  a.published = "2024-05-23";
  Quantity q;
  q.text = "8.2 tonnes";
  q.span = {14, 24};
  q.rule = "quantities.mass";
  q.value = 8.2;
  q.unit = "tonne";
  q.dimension = "mass";
  q.si_value = 8200;
  q.si_unit = "kg";
  a.quantities.push_back(q);

  const nlohmann::ordered_json j = ToJson(a);
  std::string keys;
  for (const auto& [k, v] : j.items()) keys += k + " ";
  CHECK(keys ==
        "id url canonical_url site title byline published language text captions archive "
        "quantities dates officials quotes ");
  CHECK(j["url"].is_null());
  CHECK(j["archive"].is_null());
  CHECK(j["published"] == "2024-05-23");
  CHECK(j["captions"].is_array());
  CHECK(j["captions"].empty());
  const auto& jq = j["quantities"][0];
  CHECK(jq["span"] == nlohmann::json::array({14, 24}));
  CHECK(jq["si_value"] == 8200.0);
  CHECK(jq["low"].is_null());
  CHECK(jq["equivalent_of"].is_null());

  ArchiveRef ref{"c.warc.gz", 10, 20, "<urn:uuid:1>", "2024-05-23T00:00:00Z", "sha1:X"};
  a.archive = ref;
  const nlohmann::ordered_json with = ToJson(a);
  CHECK(with["archive"]["offset"] == 10);
  CHECK(with["archive"]["record_id"] == "<urn:uuid:1>");
}

TEST_CASE("a JSON line holds no raw line break and survives bad UTF-8") {
  Article a;
  a.id = "x";
  a.text = "line one\nline two \xff end";
  const std::string line = ToJsonLine(a);
  CHECK(line.find('\n') == std::string::npos);
  const auto back = nlohmann::json::parse(line);
  CHECK(back["id"] == "x");
  const std::string text = back["text"];
  CHECK(text.starts_with("line one\nline two "));
  CHECK(text.ends_with(" end"));
  CHECK(text.find('\xff') == std::string::npos);
}

TEST_CASE("ASCII helpers fold and trim only ASCII") {
  CHECK(Lower("Content-Type: TEXT/Html") == "content-type: text/html");
  CHECK(Lower("ÉTÉ") == "ÉtÉ");  // only the ASCII T folds; bytes above 0x7F stay
  CHECK(Trim(" \t value \r\n") == "value");
  CHECK(Trim("   ").empty());
  CHECK(Trim("\xc2\xa0x\xc2\xa0") == "\xc2\xa0x\xc2\xa0");  // no-break space is not ASCII
}

TEST_CASE("CSV fields are quoted only when they must be") {
  auto field = [](std::string_view f, bool force) {
    std::ostringstream out;
    WriteCsvField(f, force, out);
    return out.str();
  };
  CHECK(field("plain", false) == "plain");
  CHECK(field("plain", true) == "\"plain\"");
  CHECK(field("a,b", false) == "\"a,b\"");
  CHECK(field("say \"hi\"", false) == "\"say \"\"hi\"\"\"");
  CHECK(field("two\nlines", false) == "\"two\nlines\"");
  CHECK(field("", false).empty());
}

TEST_CASE("the clock gives UTC in the one stored form") {
  const std::string now = NowIso8601();
  REQUIRE(now.size() == 20);  // 2024-05-23T09:41:00Z
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    CAPTURE(i);
    CHECK(std::isdigit(static_cast<unsigned char>(now[i])));
  }
  CHECK(now[4] == '-');
  CHECK(now[7] == '-');
  CHECK(now[10] == 'T');
  CHECK(now[13] == ':');
  CHECK(now[16] == ':');
  CHECK(now[19] == 'Z');
  CHECK(now.substr(0, 2) == "20");
}

}  // namespace
}  // namespace newsfacts
