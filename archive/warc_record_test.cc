#include <doctest/doctest.h>

#include "archive/records.h"

namespace newsfacts::archive {

TEST_CASE("warc head: fields, continuation lines, LF-only") {
  std::vector<HeaderField> fields;
  uint64_t length = 0;
  Status st = ParseWarcHead(
      "WARC/1.0\r\nWARC-Type: response\r\nX-Folded: one\r\n  two\r\ncontent-length:  42 \r\n\r\n",
      &fields, &length);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  CHECK(length == 42);
  REQUIRE(fields.size() == 3);
  CHECK(fields[0] == HeaderField("WARC-Type", "response"));
  CHECK(fields[1] == HeaderField("X-Folded", "one two"));

  st = ParseWarcHead("WARC/1.1\nContent-Length: 0\n\n", &fields, &length);
  CHECK(st.ok());
  CHECK(length == 0);
}

TEST_CASE("warc head: malformed ones are refused, naming the line") {
  std::vector<HeaderField> fields;
  uint64_t length = 0;
  Status st = ParseWarcHead("WARC/1.1\r\nWARC-Type response\r\nContent-Length: 1\r\n\r\n", &fields,
                            &length);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message() == "malformed WARC header line \"WARC-Type response\"");
  st = ParseWarcHead("WARC/1.1\r\nWARC-Type: response\r\n\r\n", &fields, &length);
  CHECK(st.message() == "WARC header without Content-Length");
  st = ParseWarcHead("WARC/1.1\r\nContent-Length: 12x\r\n\r\n", &fields, &length);
  CHECK(st.message() == "bad Content-Length \"12x\"");
  st = ParseWarcHead("WARC/x\r\nContent-Length: 1\r\n\r\n", &fields, &length);
  CHECK(st.message() == "bad WARC version line \"WARC/x\"");
  st = ParseWarcHead("WARC/1.1\r\n bad: start\r\nContent-Length: 1\r\n\r\n", &fields, &length);
  CHECK(st.message() == "continuation line before any field");
  st = ParseWarcHead("WARC/1.1\r\nBad\x01Name: v\r\nContent-Length: 1\r\n\r\n", &fields, &length);
  CHECK(st.message() == "malformed WARC header line \"Bad\\x01Name: v\"");
}

TEST_CASE("warc dates: ISO 8601 UTC to the second") {
  CHECK(IsoDate("2024-05-23T09:41:00Z") == "2024-05-23T09:41:00Z");
  CHECK(IsoDate("2023-11-16T10:11:52.366Z") == "2023-11-16T10:11:52Z");
  CHECK(IsoDate("2023-11-16T10:11:52.366123456Z") == "2023-11-16T10:11:52Z");
  CHECK(IsoDate("2024-05-23T09:41Z") == "2024-05-23T09:41:00Z");
  CHECK(IsoDate("2024-05-23") == "2024-05-23T00:00:00Z");
  // A UTC offset is applied: 00:30+01:00 is 23:30 the day before.
  CHECK(IsoDate("2024-03-01T00:30:00+01:00") == "2024-02-29T23:30:00Z");
  CHECK(IsoDate("2024-03-01T00:30:00-0130") == "2024-03-01T02:00:00Z");
  // ARC's 14 digits, and shorter forms.
  CHECK(IsoDate("20140216050221") == "2014-02-16T05:02:21Z");
  CHECK(IsoDate("201402160502") == "2014-02-16T05:02:00Z");
  CHECK(IsoDate("20140216") == "2014-02-16T00:00:00Z");
  CHECK(IsoDate("") == "");
  CHECK(IsoDate("yesterday") == "");
  CHECK(IsoDate("2024-02-30T00:00:00Z") == "");
  CHECK(IsoDate("2024-05-23T25:00:00Z") == "");
  CHECK(IsoDate("2024-05-23T09:41:00Zjunk") == "");
}

TEST_CASE("warc digests: sha1 normalised, others as written") {
  CHECK(NormaliseDigest("sha1:vgmt4nsha2awvor6evyxqugcnsonbwe5") ==
        "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  CHECK(NormaliseDigest("SHA-1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5") ==
        "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  CHECK(NormaliseDigest(" sha1:ABC ") == "sha1:ABC");
  CHECK(NormaliseDigest("sha256:ed6cc357e08ebfa9") == "sha256:ed6cc357e08ebfa9");
  CHECK(NormaliseDigest("nonsense") == "nonsense");
}

TEST_CASE("arc header lines: v1, v2, spaces in URLs, bad ones") {
  ArcHeader h;
  REQUIRE(
      ParseArcHeader("http://example.com/ 93.184.216.119 20140216050221 text/html 1591", 1, &h));
  CHECK(h.url == "http://example.com/");
  CHECK(h.ip == "93.184.216.119");
  CHECK(h.date == "20140216050221");
  CHECK(h.content_type == "text/html");
  CHECK(h.length == 1591);

  REQUIRE(ParseArcHeader(
      "http://a.org/x 1.2.3.4 20080430204825 text/html 200 ABCDEF - 1234 f.arc 77", 0, &h));
  CHECK(h.url == "http://a.org/x");
  CHECK(h.content_type == "text/html");
  CHECK(h.length == 77);

  REQUIRE(ParseArcHeader("http://a.org/a b 1.2.3.4 20080430204825 text/html 5", 1, &h));
  CHECK(h.url == "http://a.org/a%20b");
  CHECK(h.length == 5);

  CHECK_FALSE(ParseArcHeader("http://a.org/ 1.2.3.4 20080430204825 text/html", 1, &h));
  CHECK_FALSE(ParseArcHeader("http://a.org/ 1.2.3.4 2008-04-30 text/html 5", 1, &h));
  CHECK_FALSE(ParseArcHeader("http://a.org/ 1.2.3.4 20080430204825 text/html 5x", 1, &h));
  CHECK_FALSE(ParseArcHeader("no-scheme 1.2.3.4 20080430204825 text/html 5", 1, &h));
  CHECK_FALSE(ParseArcHeader("<html> lorem ipsum dolor sit", 1, &h));

  CHECK(ArcVersionOf("1 0 InternetArchive\nURL IP-address Archive-date Content-type "
                     "Archive-length\n") == 1);
  CHECK(ArcVersionOf("2 0 Alexa Internet\n") == 2);
  CHECK(ArcVersionOf("junk") == 0);
}

}  // namespace newsfacts::archive
