// Tests of ExtractQuantities against the shipped rules/quantities.toml, and of the
// number helpers. Expected values are worked out by hand in the comments.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/number.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::Quantities;
using test::QuantityRules;

std::string Texts(const std::vector<Quantity>& qs) {
  std::string s;
  for (const auto& q : qs) s += "[" + q.text + "]";
  return s;
}

TEST_CASE("quantities rule file loads and its examples pass") {
  CHECK(QuantityRules().id() == "quantities");
  CHECK(QuantityRules().version() >= 1);
  for (const std::string& failure : QuantityRules().RunExamples()) FAIL(failure);
}

TEST_CASE("ParseNumber reads English numbers and rejects malformed ones") {
  using extract_internal::ParseNumber;
  CHECK(ParseNumber("532").value() == 532);
  CHECK(ParseNumber("8,222.5").value() == doctest::Approx(8222.5));
  CHECK(ParseNumber("1,234,567").value() == 1234567);
  CHECK(ParseNumber("1.2").value() == doctest::Approx(1.2));
  CHECK_FALSE(ParseNumber("12,34").has_value());
  CHECK_FALSE(ParseNumber("1234,567").has_value());
  CHECK_FALSE(ParseNumber("1.").has_value());
  CHECK_FALSE(ParseNumber("").has_value());
  CHECK_FALSE(ParseNumber("-5").has_value());
  CHECK(extract_internal::ParseAttrNumber("5/9").value() == doctest::Approx(0.5555555556));
}

TEST_CASE("mass with a parenthetical restatement shares the subject") {
  // 8,222.5 kg: si = 8222.5 kg. 8.2 t = 8.2 * 1000 = 8200 kg, restating entry 0.
  auto qs = Quantities("Inspectors logged 8,222.5 kilograms (8.2 tonnes) of cocaine at the port.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "8,222.5 kilograms");
  CHECK(qs[0].value == doctest::Approx(8222.5));
  CHECK(qs[0].unit == "kilogram");
  CHECK(qs[0].dimension == "mass");
  CHECK(qs[0].si_value.value() == doctest::Approx(8222.5));
  CHECK(qs[0].si_unit == "kg");
  CHECK(qs[0].subject == std::optional<std::string>("cocaine"));
  CHECK_FALSE(qs[0].equivalent_of.has_value());
  CHECK(qs[1].text == "8.2 tonnes");
  CHECK(qs[1].unit == "tonne");
  CHECK(qs[1].si_value.value() == doctest::Approx(8200));
  CHECK(qs[1].equivalent_of == std::optional<int>(0));
  CHECK(qs[1].subject == std::optional<std::string>("cocaine"));
  // Byte span of the first figure: "Inspectors logged " is 18 bytes.
  CHECK(qs[0].span == Span{18, 35});
  CHECK(qs[0].rule == "quantities.measure.number_unit");
  CHECK(qs[0].ruleset_version == QuantityRules().version());
}

TEST_CASE("equivalent_of counts the facts already in the output") {
  std::vector<Quantity> out(3);
  ExtractQuantities("They moved 2 tonnes (2,000 kilograms) of salt.", QuantityRules(), &out);
  REQUIRE(out.size() == 5);
  CHECK(out[4].equivalent_of == std::optional<int>(3));
}

TEST_CASE("a scale word is not the counted noun") {
  // "million" before a capitalised noun once became the noun, leaving the value at 6.
  auto qs = Quantities("With more than 6 million Sentra cars sold, the model is a success.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "more than 6 million");
  CHECK(qs[0].value == 6000000);
  REQUIRE(qs[0].si_value);
  CHECK(*qs[0].si_value == 6000000);
  REQUIRE(qs[0].low);
  CHECK(*qs[0].low == 6000000);
}

TEST_CASE("a bound before a fraction in words is not a count") {
  // "up to three-fifths" once gave the count "up to three".
  CHECK(Quantities("The plague killed up to three-fifths of the population.").empty());
  auto qs = Quantities("The plague killed up to three people.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "up to three");
}

TEST_CASE("a measure without 'of' has no subject") {
  auto qs = Quantities("The 532 kilograms seized last year were burned.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "532 kilograms");
  CHECK(qs[0].value == 532);
  CHECK_FALSE(qs[0].subject.has_value());
}

TEST_CASE("vague plural counts") {
  auto qs = Quantities("The raids led to dozens of arrests of senior smugglers.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "dozens of arrests");
  CHECK(qs[0].value == 24);
  CHECK(qs[0].low == std::optional<double>(24));
  CHECK_FALSE(qs[0].high.has_value());
  CHECK(qs[0].approx);
  CHECK(qs[0].unit == "");
  CHECK(qs[0].dimension == "count");
  CHECK(qs[0].subject == std::optional<std::string>("arrests"));
}

TEST_CASE("scale words multiply") {
  auto qs = Quantities(
      "The ministry spent $1.2 billion and hired 3,400 nurses for 1.5 million patients.");
  REQUIRE(qs.size() == 3);
  CHECK(qs[0].text == "$1.2 billion");
  CHECK(qs[0].value == doctest::Approx(1.2e9));
  CHECK(qs[0].unit == "US dollar");
  CHECK(qs[0].si_unit == "USD");
  CHECK(qs[0].dimension == "currency");
  CHECK(qs[1].text == "3,400 nurses");
  CHECK(qs[1].value == 3400);
  CHECK(qs[1].subject == std::optional<std::string>("nurses"));
  CHECK(qs[2].text == "1.5 million patients");
  CHECK(qs[2].value == doctest::Approx(1.5e6));
}

TEST_CASE("money scale letters only after a currency amount") {
  auto qs = Quantities("The club paid €45m for a striker who is 1.9 m tall.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "€45m");
  CHECK(qs[0].value == doctest::Approx(45e6));
  CHECK(qs[0].si_unit == "EUR");
  CHECK(qs[1].text == "1.9 m");
  CHECK(qs[1].unit == "metre");
  CHECK(qs[1].si_value.value() == doctest::Approx(1.9));
}

TEST_CASE("currency names after the amount") {
  auto qs = Quantities("Fines reached 250,000 pesos in the state.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].unit == "Mexican peso");
  CHECK(qs[0].si_unit == "MXN");
  CHECK(qs[0].si_value.value() == 250000);
}

TEST_CASE("percent in three spellings") {
  auto qs =
      Quantities("Turnout was 61% in the north, 48 percent in the south and 7.5 per cent abroad.");
  REQUIRE(qs.size() == 3);
  for (const auto& q : qs) {
    CHECK(q.unit == "percent");
    CHECK(q.si_unit == "%");
    CHECK(q.dimension == "percent");
  }
  CHECK(qs[0].value == 61);
  CHECK(qs[1].value == 48);
  CHECK(qs[2].text == "7.5 per cent");
  CHECK(qs[2].value == doctest::Approx(7.5));
}

TEST_CASE("modifiers: approx and bounds") {
  auto qs = Quantities(
      "Nearly 40 tonnes went missing; more than 500 families fled; up to 30 pounds fell.");
  REQUIRE(qs.size() == 3);
  CHECK(qs[0].text == "Nearly 40 tonnes");
  CHECK(qs[0].approx);
  CHECK_FALSE(qs[0].low.has_value());
  CHECK(qs[1].text == "more than 500 families");
  CHECK(qs[1].low == std::optional<double>(500));
  CHECK(qs[1].approx);
  CHECK(qs[2].text == "up to 30 pounds");
  CHECK(qs[2].high == std::optional<double>(30));
  // 30 lb * 0.45359237 = 13.6077711 kg
  CHECK(qs[2].si_value.value() == doctest::Approx(13.6077711));
}

TEST_CASE("ranges") {
  auto qs =
      Quantities("Each boat carried between 20 and 30 kilograms, and 300 to 400 people marched.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "between 20 and 30 kilograms");
  CHECK(qs[0].low == std::optional<double>(20));
  CHECK(qs[0].high == std::optional<double>(30));
  CHECK(qs[0].value == 20);
  CHECK_FALSE(qs[0].approx);
  CHECK(qs[1].text == "300 to 400 people");
  CHECK(qs[1].low == std::optional<double>(300));
  CHECK(qs[1].high == std::optional<double>(400));
  CHECK(qs[1].dimension == "count");
}

TEST_CASE("two bounds make one range only when low <= high") {
  // Both bounds fit one figure: 300 <= x <= 400.
  auto qs = Quantities("The crowd was more than 300 and less than 400 on the first night.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "more than 300 and less than 400");
  CHECK(qs[0].low == std::optional<double>(300));
  CHECK(qs[0].high == std::optional<double>(400));
  // 40 < x < 10 is empty: two separate one-sided bounds.
  qs = Quantities("The two groups were more than 40 and less than 10 on the first night.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "more than 40");
  CHECK(qs[0].low == std::optional<double>(40));
  CHECK_FALSE(qs[0].high.has_value());
  CHECK(qs[1].text == "less than 10");
  CHECK(qs[1].high == std::optional<double>(10));
  CHECK_FALSE(qs[1].low.has_value());
}

TEST_CASE("unit conversions") {
  auto qs = Quantities("The road is 12 miles long, the tank holds 50 gallons, and it was 86 °F.");
  REQUIRE(qs.size() == 3);
  CHECK(qs[0].si_value.value() == doctest::Approx(12 * 1609.344));        // 19312.128 m
  CHECK(qs[1].si_value.value() == doctest::Approx(50 * 0.003785411784));  // 0.1892705892 m3
  CHECK(qs[2].si_value.value() == doctest::Approx(30.0));  // (86 - 32) * 5/9 = 30 degC
  CHECK(qs[2].si_unit == "degC");
}

TEST_CASE("tons are short tons, tonnes are metric") {
  auto qs = Quantities("The barge took 10 tons and the ship 10 tonnes.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].unit == "ton");
  CHECK(qs[0].si_value.value() == doctest::Approx(9071.8474));
  CHECK(qs[1].unit == "tonne");
  CHECK(qs[1].si_value.value() == doctest::Approx(10000));
}

TEST_CASE("no quantities from years, dates, times, ordinals, phones or labels") {
  const char* texts[] = {
      "The law passed in 2018 and was amended in 2021.",
      "On May 13, 2024, the minister spoke; on December 1, 2018, he took office.",
      "The meeting starts at 10:30 am on 12/01/2018 or 2018-12-01.",
      "He finished first and second-tier teams followed; it was the 21st attempt.",
      "Call 555-0101 or 555 0101 for details.",
      "In 2018 officers seized the cargo.",
      "Flight 370 vanished; Room 12 was locked; No. 5 was missing.",
      "Source: X80001",
      "COVID-19 cases fell.",
      "They met three times.",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    auto qs = Quantities(text);
    CHECK(Texts(qs) == "");
  }
}

TEST_CASE("a bare count needs a counted noun or 'of'") {
  auto qs = Quantities("Police found 14 rifles, and 3 of the trucks, but 7 were empty.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "14 rifles");
  CHECK(qs[0].subject == std::optional<std::string>("rifles"));
  CHECK(qs[1].text == "3");
  CHECK(qs[1].subject == std::optional<std::string>("trucks"));
}

TEST_CASE("output is sorted by span") {
  auto qs = Quantities("First 5 kg, then 3 tonnes, then $7, then 9 boxes.");
  REQUIRE(qs.size() == 4);
  for (size_t i = 1; i < qs.size(); ++i) CHECK(qs[i - 1].span.start < qs[i].span.start);
}

TEST_CASE("hostile input gives only the quantities it holds") {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += "9,99 $$ ( ) of of 1.2.3 - \xff\xfe between 5 and ";
  // "9,99" and "1.2.3" are no numbers, and "between 5 and" has no unit and no second bound.
  std::vector<Quantity> out;
  ExtractQuantities(junk, QuantityRules(), &out);
  CHECK(out.empty());
  ExtractQuantities("", QuantityRules(), &out);
  ExtractQuantities("of", QuantityRules(), &out);
  CHECK(out.empty());
  ExtractQuantities("5 kg (", QuantityRules(), &out);
  // 35 digits are within ParseNumber's 64-character limit.
  ExtractQuantities("99999999999999999999999999999999999 tonnes", QuantityRules(), &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].text == "5 kg");
  CHECK(out[0].span == Span{0, 4});
  CHECK(out[1].value == doctest::Approx(1e35));
  CHECK(out[1].unit == "tonne");
  CHECK(out[1].span == Span{0, 42});
}

}  // namespace
}  // namespace newsfacts
