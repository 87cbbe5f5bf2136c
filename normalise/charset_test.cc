// Charset detection and decoding, through the public NormaliseHtml/NormaliseText.
#include "normalise/charset.h"

#include <doctest/doctest.h>

#include <string>

#include "normalise/normalise.h"

namespace newsfacts {
namespace {

Document MustNormalise(const std::string& bytes, const NormaliseOptions& options = {}) {
  Result<Document> r = NormaliseHtml(bytes, options);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

// UTF-16LE bytes of an ASCII/Latin-1 string (each char below U+0100).
std::string Utf16Le(const std::string& latin1) {
  std::string out;
  for (char c : latin1) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

TEST_CASE("UTF-8 with a byte order mark") {
  Document d = MustNormalise("\xEF\xBB\xBF<p>Caf\xC3\xA9 owners met the mayor.</p>");
  CHECK(d.charset == "UTF-8");
  CHECK(d.text == "Caf\xC3\xA9 owners met the mayor.");
}

TEST_CASE("UTF-16LE with a byte order mark") {
  std::string bytes = "\xFF\xFE" + Utf16Le("<p>Caf\xE9 owners met the mayor.</p>");
  Document d = MustNormalise(bytes);
  CHECK(d.charset == "UTF-16LE");
  CHECK(d.text == "Caf\xC3\xA9 owners met the mayor.");
}

TEST_CASE("UTF-16BE with a byte order mark") {
  std::string le = Utf16Le("<p>Seizures rose.</p>");
  std::string be = "\xFE\xFF";
  for (size_t i = 0; i + 1 < le.size(); i += 2) {
    be.push_back(le[i + 1]);
    be.push_back(le[i]);
  }
  Document d = MustNormalise(be);
  CHECK(d.charset == "UTF-16BE");
  CHECK(d.text == "Seizures rose.");
}

TEST_CASE("meta charset windows-1252 with curly quotes and e-acute") {
  Document d = MustNormalise(
      "<html><head><meta charset=\"windows-1252\"></head>"
      "<body><p>\x93"
      "Caf\xE9\x94 sales rose.</p></body></html>");
  CHECK(d.charset == "windows-1252");
  CHECK(d.text ==
        "\xE2\x80\x9C"
        "Caf\xC3\xA9\xE2\x80\x9D sales rose.");
}

TEST_CASE("an ISO-8859-1 label decodes as windows-1252") {
  Document d = MustNormalise(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
      "<p>The minister\x92s plan.</p>");
  CHECK(d.charset == "windows-1252");
  CHECK(d.text == "The minister\xE2\x80\x99s plan.");
}

TEST_CASE("no label, windows-1252 bytes") {
  Document d = MustNormalise(
      "<p>The council\x92s plan for new caf\xE9s near the river was approved on Tuesday "
      "after a long debate about parking.</p>");
  CHECK(d.charset == "windows-1252");
  CHECK(d.text ==
        "The council\xE2\x80\x99s plan for new caf\xC3\xA9s near the river was approved on "
        "Tuesday after a long debate about parking.");
}

TEST_CASE("KOI8-R named by meta") {
  Document d =
      MustNormalise("<meta charset=\"koi8-r\"><p>\xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2</p>");
  CHECK(d.charset == "koi8-r");
  CHECK(d.text == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80");
}

TEST_CASE("GB2312 named by meta") {
  // "中国北京" is D6D0 B9FA B1B1 BEA9 in GB2312.
  Document d = MustNormalise("<meta charset=\"gb2312\"><p>\xD6\xD0\xB9\xFA\xB1\xB1\xBE\xA9</p>");
  CHECK(d.text == "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\x8C\x97\xE4\xBA\xAC");
}

TEST_CASE("Shift_JIS named by the http-equiv form of meta") {
  // "日本東京" is 93FA 967B 938C 8B9E in Shift_JIS.
  Document d = MustNormalise(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"
      "<p>\x93\xFA\x96\x7B\x93\x8C\x8B\x9E</p>");
  CHECK(d.text == "\xE6\x97\xA5\xE6\x9C\xAC\xE6\x9D\xB1\xE4\xBA\xAC");
}

TEST_CASE("the transport's hint beats meta, and a BOM beats the hint") {
  NormaliseOptions options;
  options.charset_hint = "koi8-r";
  Document d = MustNormalise("<meta charset=\"utf-8\"><p>\xE4\xCF\xC2\xD2\xD9\xCA</p>", options);
  CHECK(d.charset == "koi8-r");
  CHECK(d.text == "\xD0\x94\xD0\xBE\xD0\xB1\xD1\x80\xD1\x8B\xD0\xB9");

  Document bom = MustNormalise("\xEF\xBB\xBF<p>Caf\xC3\xA9</p>", options);
  CHECK(bom.charset == "UTF-8");
  CHECK(bom.text == "Caf\xC3\xA9");
}

TEST_CASE("a page labelled UTF-8 that is not UTF-8") {
  SUBCASE("no multi-byte sequence at all: windows-1252") {
    Document d = MustNormalise("<meta charset=\"utf-8\"><p>Caf\xE9 prices rose.</p>");
    CHECK(d.charset == "windows-1252");
    CHECK(d.text == "Caf\xC3\xA9 prices rose.");
  }
  SUBCASE("real UTF-8 with one bad byte: U+FFFD") {
    Document d = MustNormalise("<meta charset=\"utf-8\"><p>Caf\xC3\xA9 and \xFF bar.</p>");
    CHECK(d.charset == "UTF-8");
    CHECK(d.text == "Caf\xC3\xA9 and \xEF\xBF\xBD bar.");
  }
}

TEST_CASE("an unknown label falls back to the other evidence") {
  NormaliseOptions options;
  options.charset_hint = "no-such-charset";
  Document d = MustNormalise("<p>Caf\xC3\xA9</p>", options);
  CHECK(d.charset == "UTF-8");
}

TEST_CASE("meta prescan") {
  using normalise_internal::PrescanMetaCharset;
  CHECK(PrescanMetaCharset("<head><meta charset='Shift_JIS'>") == "Shift_JIS");
  CHECK(PrescanMetaCharset("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
                           "charset=iso-8859-2\">") == "iso-8859-2");
  CHECK(PrescanMetaCharset("<meta name=\"description\" content=\"no charset here\">") == "");
  // Only the first 1024 bytes are looked at.
  CHECK(PrescanMetaCharset(std::string(2000, ' ') + "<meta charset=\"koi8-r\">") == "");
}

TEST_CASE("refusals") {
  SUBCASE("empty") {
    Result<Document> r = NormaliseHtml("", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidInput);
    CHECK(r.status().message() == "empty input");
  }
  SUBCASE("too large") {
    NormaliseOptions options;
    options.max_input_bytes = 10;
    Result<Document> r = NormaliseHtml("<p>eleven bytes and more</p>", options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidInput);
    CHECK(r.status().message() == "input is 28 bytes, larger than the limit of 10");
  }
  SUBCASE("binary") {
    static const char kPng[] = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    std::string png(kPng, sizeof(kPng) - 1);
    Result<Document> r = NormaliseHtml(png, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidInput);
    CHECK(r.status().message() == "binary data, not text");
    CHECK_FALSE(NormaliseText(png, {}).ok());
  }
  SUBCASE("a single stray NUL in a long page is not binary") {
    std::string page = "<p>" + std::string(3000, 'a') + '\0' + "</p>";
    CHECK(NormaliseHtml(page, {}).ok());
  }
}

}  // namespace
}  // namespace newsfacts
