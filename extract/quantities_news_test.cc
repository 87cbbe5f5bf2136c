// Tests of the forms news prose uses for quantities: temperatures glued to C or F,
// percent spellings and basis points, currency codes and letter signs, large numbers
// in words with a counted noun, ranges with a unit on both ends, and the model numbers,
// identifiers and labels that are not quantities. Expected values are worked out by hand
// in the comments.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::OneQuantity;
using test::Quantities;
using test::QuantityRules;

void CheckOne(const std::string& text, const std::string& matched, double value,
              const std::string& unit, const std::string& si_unit, double si) {
  Quantity q = OneQuantity(text);
  INFO(text);
  CHECK(q.text == matched);
  CHECK(q.value == doctest::Approx(value).epsilon(1e-12));
  CHECK(q.unit == unit);
  CHECK(q.si_unit == si_unit);
  REQUIRE(q.si_value.has_value());
  CHECK(*q.si_value == doctest::Approx(si).epsilon(1e-9));
}

void CheckNone(const std::string& text) {
  auto qs = Quantities(text);
  INFO(text);
  for (const Quantity& q : qs) INFO("got: " << q.text << " (" << q.rule << ")");
  CHECK(qs.empty());
}

TEST_CASE("temperatures glued to C or F, near a word about temperature") {
  CheckOne("Overnight temperatures fell to -5C in the capital.", "-5C", -5, "degree Celsius",
           "degC", -5);
  CheckOne("The capital sweltered in 40C heat on Tuesday.", "40C", 40, "degree Celsius", "degC",
           40);
  // (104 - 32) * 5/9 = 40.
  CheckOne("Farmers in the valley saw highs of 104F this week.", "104F", 104, "degree Fahrenheit",
           "degC", 40);
  // (5 - 32) * 5/9 = -15.
  CheckOne("Forecasters expect a low of 5F on Sunday.", "5F", 5, "degree Fahrenheit", "degC", -15);
  // U+2212 MINUS SIGN before a degree sign.
  CheckOne(
      "The thermometer read \xE2\x88\x92"
      "3\xC2\xB0"
      "C at dawn.",
      "\xE2\x88\x92"
      "3\xC2\xB0"
      "C",
      -3, "degree Celsius", "degC", -3);
  CheckOne("Leaders agreed to limit warming to 1.5C this century.", "1.5C", 1.5, "degree Celsius",
           "degC", 1.5);
  // (212 - 32) * 5/9 = 100.
  CheckOne("Water boils at 212F at sea level.", "212F", 212, "degree Fahrenheit", "degC", 100);
  // A minus sign alone makes it a temperature: nothing else is written "-5C".
  CheckOne("Roads iced over at -8C.", "-8C", -8, "degree Celsius", "degC", -8);
}

TEST_CASE("a glued C or F that is a grade, a model, a form or a vitamin") {
  CheckNone("A Category 5 storm is rare, and Vitamin C helps.");
  CheckNone("Pilots flew F-16 and F-35 jets over the parade.");
  CheckNone("The weather was mild when Class 5C pupils sang.");
  CheckNone("The fund's 13F filing listed its holdings.");
  CheckNone("Profit was 14.7C/ per share.");
  // A letter apart from its number is no unit.
  CheckNone("The warm lab kept samples at shelf 5 C.");
}

TEST_CASE("ranges with a unit on both ends, the dash no minus") {
  Quantity q = OneQuantity("Forecasters expect 20-30C across the south.");
  CHECK(q.text == "20-30C");
  CHECK(q.unit == "degree Celsius");
  CHECK(q.low == 20);
  CHECK(q.high == 30);
  CHECK(q.value == 20);

  q = OneQuantity("The bank's target band is now 5.25%-5.5%.");
  CHECK(q.text == "5.25%-5.5%");
  CHECK(q.unit == "percent");
  CHECK(q.low == doctest::Approx(5.25));
  CHECK(q.high == doctest::Approx(5.5));

  q = OneQuantity("Seats sold for $10-$12 at the door.");
  CHECK(q.text == "$10-$12");
  CHECK(q.si_unit == "USD");
  CHECK(q.low == 10);
  CHECK(q.high == 12);

  q = OneQuantity("The ship carried 3-4 tonnes of grain.");
  CHECK(q.text == "3-4 tonnes");
  CHECK(q.si_value == doctest::Approx(3000));
  CHECK(q.low == 3);
  CHECK(q.high == 4);
  CHECK(q.subject == "grain");

  // A percentage falling to a price is two quantities, not one range.
  auto qs = Quantities("Crude fell 3.38% to $55.12 a barrel.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].text == "3.38%");
  CHECK(qs[0].unit == "percent");
  CHECK(qs[1].text == "$55.12");
  CHECK(qs[1].si_unit == "USD");
  CHECK_FALSE(qs[1].low.has_value());
}

TEST_CASE("percent spellings, fractions of a point and basis points") {
  CheckOne("Prices rose 35pc last year.", "35pc", 35, "percent", "%", 35);
  CheckOne("Prices rose 35 per cent last year.", "35 per cent", 35, "percent", "%", 35);
  CheckOne("Prices rose 35 percent last year.", "35 percent", 35, "percent", "%", 35);
  CheckOne("The bank raised its rate by half a percentage point.", "half a percentage point", 0.5,
           "percentage point", "pp", 0.5);
  CheckOne("Lenders cut the rate by a quarter of a percentage point.",
           "a quarter of a percentage point", 0.25, "percentage point", "pp", 0.25);
  CheckOne("The queue ran for three quarters of a mile.", "three quarters of a mile", 0.75, "mile",
           "m", 0.75 * 1609.344);
  // A basis point is a hundredth of a percentage point: 25 bp = 0.25 pp.
  CheckOne("The central bank raised rates by 25 basis points.", "25 basis points", 25,
           "basis point", "pp", 0.25);
  CheckOne("The central bank raised rates by 50bps.", "50bps", 50, "basis point", "pp", 0.5);
  CheckOne("The central bank cut rates by 25bp.", "25bp", 25, "basis point", "pp", 0.25);
  // "PCs" are computers.
  CheckNone("The school bought new PCs for the library.");
  CheckNone("Half a dozen officers stood at the gate.");
}

TEST_CASE("currency codes and letter signs before the amount") {
  CheckOne("The treasury spent Ksh 144 billion on roads.", "Ksh 144 billion", 144e9,
           "Kenyan shilling", "KES", 144e9);
  CheckOne("The county got KSh 2.5 billion for clinics.", "KSh 2.5 billion", 2.5e9,
           "Kenyan shilling", "KES", 2.5e9);
  // One lakh crore = 100,000 x 10,000,000 = 10^12; 1.5 of them = 1.5e12.
  CheckOne(
      "The scheme costs \xE2\x82\xB9"
      "1.5 lakh crore over five years.",
      "\xE2\x82\xB9"
      "1.5 lakh crore",
      1.5e12, "Indian rupee", "INR", 1.5e12);
  CheckOne("The bridge will cost Rs 40 crore.", "Rs 40 crore", 4e8, "Indian rupee", "INR", 4e8);
  CheckOne("The chip sells for NT$3,000 in Taipei.", "NT$3,000", 3000, "New Taiwan dollar", "TWD",
           3000);
  CheckOne("A flat rents for Dh5,000 a month.", "Dh5,000", 5000, "UAE dirham", "AED", 5000);
  CheckOne("The fine was SAR 10,000 for each case.", "SAR 10,000", 10000, "Saudi riyal", "SAR",
           10000);
  CheckOne("The ticket costs QR 500 at the stadium.", "QR 500", 500, "Qatari riyal", "QAR", 500);
  CheckOne("Tickets cost HK$500 at the gate.", "HK$500", 500, "Hong Kong dollar", "HKD", 500);
  CheckOne("Tickets cost S$20 at the gate.", "S$20", 20, "Singapore dollar", "SGD", 20);
  CheckOne("Shares traded at R250 on Monday.", "R250", 250, "South African rand", "ZAR", 250);
  // 45 pence = 0.45 pounds sterling.
  CheckOne("A loaf now costs 45p more.", "45p", 45, "penny", "GBP", 0.45);
}

TEST_CASE("letter signs inside words and identifiers are not money") {
  CheckNone("The film's robot R2-D2 waved at the crowd.");
  CheckNone("The House passed HR 1234 on Friday.");
  CheckNone("The motorbike, a CBR600F4, was restored.");
  CheckNone("The stream ran at 1080p all night.");
  CheckNone("The meeting starts at 5pm on Friday.");
  // The letters before "$" belong to a word; the "$50" still stands.
  auto qs = Quantities("Buy now: Plus $50 credit.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "$50");
  // "N" alone is not read as naira (N95 masks, the N1 road): only the sign and words.
  CheckNone("Workers wore N95 masks on the N1 road.");
}

TEST_CASE("numbers in words: large ones count, small ones and figures of speech do not") {
  Quantity q = OneQuantity("Organisers said two million visitors came to the fair.");
  CHECK(q.text == "two million visitors");
  CHECK(q.value == 2e6);
  CHECK(q.dimension == "count");
  CHECK(q.subject == "visitors");

  q = OneQuantity("The army sent some three thousand troops to the border.");
  CHECK(q.text == "some three thousand troops");
  CHECK(q.value == 3000);
  CHECK(q.approx);

  CheckNone("Three companies bid for the contract.");
  CheckNone("One of the ministers resigned, and two of them stayed.");
  CheckNone("It can seem like there are a thousand choices.");
  // A scale word after a figure belongs to that figure.
  q = OneQuantity("The firm won a $48.2 million army contract.");
  CHECK(q.text == "$48.2 million");
  CHECK(q.si_unit == "USD");
}

TEST_CASE("model numbers, identifiers, sections, routes and years are not quantities") {
  auto qs = Quantities("Airlines grounded the Boeing 737 Max 9 jets.");
  CHECK(qs.empty());
  CheckNone("COVID-19 rules changed under Section 230 on Route 66.");
  CheckNone("Call 555-123-4567 for details.");
  qs = Quantities("In 2023 the firm hired 500 workers.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "500 workers");
}

TEST_CASE("soup of glued letters, letter signs and dashes keeps spans in bounds") {
  const std::vector<std::string> tokens = {
      "40C", "-", "\xE2\x88\x92", "5F", "R",   "2",       "HR", "45p",  "heat", "\n",  "KSh",
      "$",   "%", "30C",          "pc", "two", "million", "a",  "half", "of",   "bps", "Plus"};
  // Every sequence of three tokens, glued and spaced.
  size_t with_quantity = 0;
  for (const std::string& a : tokens) {
    for (const std::string& b : tokens) {
      for (const std::string& c : tokens) {
        for (const std::string& text : {a + b + c, a + " " + b + " " + c, a + b + "-" + c}) {
          const std::vector<Quantity> qs = Quantities(text);
          with_quantity += qs.empty() ? 0 : 1;
          for (const Quantity& q : qs) {
            REQUIRE(q.span.start >= 0);
            REQUIRE(q.span.start < q.span.end);
            REQUIRE(q.span.end <= static_cast<int64_t>(text.size()));
          }
        }
      }
    }
  }
  // Temperatures ("40C", "5F"), pence and shillings among them: the soup holds quantities.
  CHECK(with_quantity > 0);
}

}  // namespace
}  // namespace newsfacts
