#include "common/utf8.h"

#include <doctest/doctest.h>

#include <ios>
#include <string>
#include <vector>

namespace newsfacts {
namespace {

// Decodes all of text: the code points and the offset each starts at.
std::vector<char32_t> DecodeAll(std::string_view text, std::vector<size_t>* starts = nullptr) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    if (starts) starts->push_back(i);
    out.push_back(DecodeUtf8(text, &i));
  }
  return out;
}

// Decodes all of text from its end: the code points and the offset each starts at, in
// text order.
std::vector<char32_t> DecodeAllBackwards(std::string_view text, std::vector<size_t>* starts) {
  std::vector<char32_t> out;
  for (size_t i = text.size(); i > 0;) {
    out.insert(out.begin(), DecodeUtf8Before(text, &i));
    starts->insert(starts->begin(), i);
  }
  return out;
}

TEST_CASE("each length of sequence encodes and decodes") {
  struct Case {
    char32_t cp;
    const char* bytes;
  };
  // The bytes worked out by hand from RFC 3629's table.
  const Case cases[] = {{0x00, ""},
                        {0x41, "A"},
                        {0x7F, "\x7F"},
                        {0x80, "\xC2\x80"},
                        {0xE9, "\xC3\xA9"},
                        {0x7FF, "\xDF\xBF"},
                        {0x800, "\xE0\xA0\x80"},
                        {0x20AC, "\xE2\x82\xAC"},
                        {0xD7FF, "\xED\x9F\xBF"},
                        {0xE000, "\xEE\x80\x80"},
                        {0xFFFD, "\xEF\xBF\xBD"},
                        {0xFFFF, "\xEF\xBF\xBF"},
                        {0x10000, "\xF0\x90\x80\x80"},
                        {0x1F600, "\xF0\x9F\x98\x80"},
                        {0x10FFFF, "\xF4\x8F\xBF\xBF"}};
  for (const Case& c : cases) {
    CAPTURE(static_cast<uint32_t>(c.cp));
    const std::string bytes = c.cp == 0 ? std::string(1, '\0') : std::string(c.bytes);
    CHECK(EncodeUtf8(c.cp) == bytes);
    size_t pos = 0;
    CHECK(DecodeUtf8(bytes, &pos) == c.cp);
    CHECK(pos == bytes.size());
    CHECK(Utf8SequenceLength(bytes, 0) == bytes.size());
    CHECK(IsValidUtf8(bytes));
  }
}

TEST_CASE("every scalar value round-trips") {
  std::string all;
  size_t count = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string one = EncodeUtf8(cp);
    size_t pos = 0;
    if (DecodeUtf8(one, &pos) != cp || pos != one.size()) {
      FAIL("no round trip for U+" << std::hex << static_cast<uint32_t>(cp));
    }
    all += one;
    ++count;
  }
  CHECK(count == 0x110000 - 0x800);
  CHECK(IsValidUtf8(all));
  CHECK(CodePointCount(all) == static_cast<int64_t>(count));
  CHECK(ScrubUtf8(all) == all);
}

TEST_CASE("what has no UTF-8 form encodes as U+FFFD") {
  CHECK(EncodeUtf8(0xD800) == "\xEF\xBF\xBD");
  CHECK(EncodeUtf8(0xDFFF) == "\xEF\xBF\xBD");
  CHECK(EncodeUtf8(0x110000) == "\xEF\xBF\xBD");
  std::string out = "x";
  AppendUtf8(0xDC00, &out);
  AppendUtf8(0x20AC, &out);
  CHECK(out == "x\xEF\xBF\xBD\xE2\x82\xAC");
}

TEST_CASE("ill-formed sequences are one U+FFFD per byte") {
  struct Case {
    const char* what;
    std::string bytes;
  };
  const Case cases[] = {
      {"stray continuation byte", "\x80"},
      {"overlong two bytes (C0)", "\xC0\x80"},
      {"overlong two bytes (C1)", "\xC1\xBF"},
      {"overlong three bytes", "\xE0\x80\xAF"},
      {"overlong three bytes, last", "\xE0\x9F\xBF"},
      {"overlong four bytes", "\xF0\x8F\xBF\xBF"},
      {"high surrogate", "\xED\xA0\x80"},
      {"low surrogate", "\xED\xBF\xBF"},
      {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"F5 lead", "\xF5\x80\x80\x80"},
      {"FF byte", "\xFF"},
      {"truncated two bytes", "\xC3"},
      {"truncated three bytes", "\xE2\x82"},
      {"truncated four bytes", "\xF0\x9F\x98"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK_FALSE(IsValidUtf8(c.bytes));
    CHECK(Utf8SequenceLength(c.bytes, 0) == 0);
    std::vector<size_t> starts;
    const std::vector<char32_t> cps = DecodeAll(c.bytes, &starts);
    CHECK(cps == std::vector<char32_t>(c.bytes.size(), kReplacementCharacter));
    CHECK(CodePointCount(c.bytes) == static_cast<int64_t>(c.bytes.size()));
    std::vector<size_t> back_starts;
    CHECK(DecodeAllBackwards(c.bytes, &back_starts) == cps);
    CHECK(back_starts == starts);
    std::string replaced;
    for (size_t k = 0; k < c.bytes.size(); ++k) replaced += "\xEF\xBF\xBD";
    CHECK(ScrubUtf8(c.bytes) == replaced);
  }
}

TEST_CASE("a truncated sequence does not swallow what follows") {
  // E2 82 then 'A': two bad bytes, then the letter.
  const std::string text =
      "\xE2\x82"
      "A\xE2\x82\xAC";
  std::vector<size_t> starts;
  CHECK(DecodeAll(text, &starts) == std::vector<char32_t>{0xFFFD, 0xFFFD, 'A', 0x20AC});
  CHECK(starts == std::vector<size_t>{0, 1, 2, 3});
  CHECK(ScrubUtf8(text) ==
        "\xEF\xBF\xBD\xEF\xBF\xBD"
        "A\xE2\x82\xAC");
}

TEST_CASE("code point offsets agree in both directions") {
  // a, é (2 bytes), a stray continuation byte, € (3), 😀 (4), a truncated €, z.
  const std::string text = "a\xC3\xA9\x80\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x82z";
  //                          0 1   2   3   4   5   6   7   8   9   10  11  12  13
  const std::vector<size_t> starts = {0, 1, 3, 4, 7, 11, 12, 13, 14};
  CHECK(CodePointOffsets(text) == starts);
  CHECK(CodePointCount(text) == 8);
  const std::vector<int64_t> index = CodePointIndex(text);
  CHECK(index == std::vector<int64_t>{0, 1, 1, 2, 3, 3, 3, 4, 4, 4, 4, 5, 6, 7, 8});
  const std::vector<size_t> start_of = {0, 1, 1, 3, 4, 4, 4, 7, 7, 7, 7, 11, 12, 13};
  for (size_t i = 0; i < text.size(); ++i) {
    CAPTURE(i);
    CHECK(CodePointStart(text, i) == start_of[i]);
    CHECK(IsUtf8ContinuationByte(text[i]) ==
          (i == 2 || i == 3 || i == 5 || i == 6 || i == 8 || i == 9 || i == 10 || i == 12));
  }
  for (size_t k = 0; k + 1 < starts.size(); ++k)
    CHECK(NextCodePoint(text, starts[k]) == starts[k + 1]);
}

TEST_CASE("decoding backwards finds the code points decoding forwards does") {
  // The text of the test above: a, é, a stray continuation byte, €, 😀, a truncated €, z.
  const std::string text = "a\xC3\xA9\x80\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x82z";
  std::vector<size_t> starts;
  CHECK(DecodeAllBackwards(text, &starts) ==
        std::vector<char32_t>{'a', 0xE9, 0xFFFD, 0x20AC, 0x1F600, 0xFFFD, 0xFFFD, 'z'});
  CHECK(starts == std::vector<size_t>{0, 1, 3, 4, 7, 11, 12, 13});
  // From the end of the euro sign (offset 7) and of the é (offset 3).
  size_t pos = 7;
  CHECK(DecodeUtf8Before(text, &pos) == 0x20AC);
  CHECK(pos == 4);
  pos = 3;
  CHECK(DecodeUtf8Before(text, &pos) == 0xE9);
  CHECK(pos == 1);
}

TEST_CASE("decoding backwards from inside a sequence reads its cut bytes as U+FFFD") {
  // "x€" is 78 E2 82 AC; offset 3 cuts the euro sign after E2 82.
  const std::string text = "x\xE2\x82\xAC";
  size_t pos = 3;
  CHECK(DecodeUtf8Before(text, &pos) == kReplacementCharacter);
  CHECK(pos == 2);
  CHECK(DecodeUtf8Before(text, &pos) == kReplacementCharacter);
  CHECK(pos == 1);
  CHECK(DecodeUtf8Before(text, &pos) == 'x');
  CHECK(pos == 0);
  // Offset 1 of "é" (C3 A9) cuts it after its lead byte.
  pos = 1;
  CHECK(DecodeUtf8Before("\xC3\xA9", &pos) == kReplacementCharacter);
  CHECK(pos == 0);
}

TEST_CASE("empty text") {
  CHECK(CodePointIndex("") == std::vector<int64_t>{0});
  CHECK(CodePointOffsets("") == std::vector<size_t>{0});
  CHECK(CodePointCount("") == 0);
  CHECK(IsValidUtf8(""));
  CHECK(ScrubUtf8("").empty());
}

}  // namespace
}  // namespace newsfacts
