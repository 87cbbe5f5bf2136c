// Tests of the number parsers in extract/number.h. Expected values are worked out by
// hand in the comments.

#include "extract/number.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace newsfacts {
namespace {

using extract_internal::NumberWord;
using extract_internal::ParseNumber;
using extract_internal::ParseSpelledNumber;

// A small English word table for the tests, independent of the rule files.
std::optional<NumberWord> Word(std::string_view w) {
  static const std::map<std::string, NumberWord, std::less<>> kWords = {
      {"one", {1, false}},        {"two", {2, false}},        {"three", {3, false}},
      {"five", {5, false}},       {"six", {6, false}},        {"nine", {9, false}},
      {"thirteen", {13, false}},  {"twenty", {20, false}},    {"forty", {40, false}},
      {"sixty", {60, false}},     {"ninety", {90, false}},    {"hundred", {100, true}},
      {"thousand", {1000, true}}, {"million", {1e6, true}},   {"billion", {1e9, true}},
      {"dozen", {12, true}},      {"lakh", {1e5, true}},      {"half", {0.5, false}},
      {"quarter", {0.25, false}}, {"quarters", {0.25, false}}};
  auto it = kWords.find(w);
  if (it == kWords.end()) return std::nullopt;
  return it->second;
}

std::optional<double> Spelled(std::string_view text) { return ParseSpelledNumber(text, Word); }

TEST_CASE("ParseNumber: thousands groups, Indian grouping, fractions") {
  CHECK(ParseNumber("8,222.5").value() == doctest::Approx(8222.5));
  // 12,34,567.89 in lakh grouping is 1,234,567.89.
  CHECK(ParseNumber("12,34,567.89").value() == doctest::Approx(1234567.89));
  CHECK(ParseNumber("1,00,000").value() == 100000);
  CHECK_FALSE(ParseNumber("1,0,000").has_value());
  CHECK_FALSE(ParseNumber("12,3456").has_value());
  // 10 1/2 = 10.5; 1/4 = 0.25.
  CHECK(ParseNumber("10 1/2").value() == doctest::Approx(10.5));
  CHECK(ParseNumber("1/4").value() == doctest::Approx(0.25));
  CHECK_FALSE(ParseNumber("1/0").has_value());
  CHECK_FALSE(ParseNumber("3 5/4").has_value());  // the fraction must be below one
  CHECK_FALSE(ParseNumber("/4").has_value());
}

TEST_CASE("ParseSpelledNumber: words, hyphens, 'and', fractions") {
  CHECK(Spelled("thirteen").value() == 13);
  CHECK(Spelled("ninety-five").value() == 95);
  CHECK(Spelled("ninety-nine").value() == 99);
  CHECK(Spelled("ninety nine").value() == 99);
  // 3 * 1000 + 9 * 100 + 60 + 5 = 3965.
  CHECK(Spelled("three thousand nine hundred and sixty five").value() == 3965);
  // one thousand and five hundred = 1000 + 500.
  CHECK(Spelled("one thousand and five hundred").value() == 1500);
  CHECK(Spelled("a dozen").value() == 12);
  CHECK(Spelled("two dozen").value() == 24);
  CHECK(Spelled("a hundred").value() == 100);
  // half a million = 0.5 * 1e6.
  CHECK(Spelled("half a million").value() == 500000);
  // three quarters = 3 * 0.25; "a quarter million" = 250000.
  CHECK(Spelled("three quarters").value() == doctest::Approx(0.75));
  CHECK(Spelled("a quarter million").value() == 250000);
  CHECK(Spelled("three quarters billion").value() == doctest::Approx(7.5e8));
  // "of" after a fraction: a quarter of a million = 0.25 * 1e6; three quarters of a
  // billion = 0.75 * 1e9. Anywhere else it is no number word.
  CHECK(Spelled("a quarter of a million").value() == 250000);
  CHECK(Spelled("three quarters of a billion").value() == doctest::Approx(7.5e8));
  CHECK_FALSE(Spelled("one of a million").has_value());
  CHECK_FALSE(Spelled("two of").has_value());
  // one and a half = 1 + 0.5; one and a half million = 1.5e6.
  CHECK(Spelled("one and a half").value() == doctest::Approx(1.5));
  CHECK(Spelled("one and a half million").value() == doctest::Approx(1.5e6));
  // sixty lakh = 60 * 100000.
  CHECK(Spelled("sixty lakh").value() == 6e6);
  CHECK(Spelled("TWENTY").value() == 20);
  CHECK_FALSE(Spelled("").has_value());
  CHECK_FALSE(Spelled("a").has_value());
  CHECK_FALSE(Spelled("and").has_value());
  CHECK_FALSE(Spelled("twenty apples").has_value());
}

TEST_CASE("number parsers on hostile input") {
  std::string digits(1 << 20, '7');
  CHECK_FALSE(ParseNumber(digits).has_value());  // longer than any number we read
  std::string words;
  for (int i = 0; i < 100000; ++i) words += "one ";
  CHECK_FALSE(Spelled(words).has_value());  // too long to be a number
  CHECK_FALSE(ParseNumber("9/9/9").has_value());
}

}  // namespace
}  // namespace newsfacts
