// Tests of the unit, currency, spelled-number, range and bound handling of
// ExtractQuantities against the shipped rules/quantities.toml. Every expected SI value
// is worked out by hand from the definitions in the comments (NIST SP 811 factors).

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

void CheckSi(const std::string& text, const std::string& unit, const std::string& si_unit,
             double si) {
  Quantity q = OneQuantity(text);
  INFO(text);
  CHECK(q.unit == unit);
  CHECK(q.si_unit == si_unit);
  REQUIRE(q.si_value.has_value());
  CHECK(*q.si_value == doctest::Approx(si).epsilon(1e-9));
}

TEST_CASE("power and energy: watts, horsepower, watt-hours (dimension other)") {
  CheckSi("The country installed 1.64 GW of solar panels.", "gigawatt", "W", 1.64e9);
  CheckSi("The plant adds 30,800 MW by 2030.", "megawatt", "W", 3.08e10);
  CheckSi("India pledged 450 gigawatts of renewables.", "gigawatt", "W", 4.5e11);
  // 1 mechanical horsepower = 550 ft·lbf/s = 745.69987158227 W (NIST SP 811).
  CheckSi("The V8 makes 471 horsepower on the test bench.", "horsepower", "W",
          471 * 745.69987158227);
  CheckSi("A 302-horsepower hybrid joins the range.", "horsepower", "W", 302 * 745.69987158227);
  // 1 kWh = 1000 W x 3600 s = 3.6e6 J.
  CheckSi("The car carries a 95 kWh battery.", "kilowatt hour", "J", 3.42e8);
  CheckSi("The town used 12 megawatt hours last night.", "megawatt hour", "J", 4.32e10);
  CHECK(OneQuantity("The car carries a 95 kWh battery.").dimension == "other");
}

TEST_CASE("mass: tonne, short ton, long ton, pound, ounce") {
  CheckSi("The ship carried 8.2 tonnes of grain.", "tonne", "kg", 8200);
  CheckSi("The ship carried 8.2 metric tons of grain.", "tonne", "kg", 8200);
  // 1 short ton = 2000 lb = 2000 * 0.45359237 kg = 907.18474 kg.
  CheckSi("The ship carried 2 tons of grain.", "ton", "kg", 1814.36948);
  // 1 long ton = 2240 lb = 1016.0469088 kg.
  CheckSi("The ship carried 3 long tons of grain.", "long ton", "kg", 3048.1407264);
  CheckSi("Police found 3 pounds of heroin.", "pound", "kg", 1.36077711);
  // 1 oz = 1/16 lb = 0.028349523125 kg.
  CheckSi("Police found 12 ounces of heroin.", "ounce", "kg", 0.3401942775);
  CheckSi("Police found 120 μg of the toxin.", "microgram", "kg", 1.2e-7);
}

TEST_CASE("length, area, volume, speed") {
  CheckSi("The wall is 3 miles long.", "mile", "m", 4828.032);
  CheckSi("The wall is 40 feet high.", "foot", "m", 12.192);
  CheckSi("The farm covers 2 hectares.", "hectare", "m2", 20000);
  // 1 acre = 4046.8564224 m2.
  CheckSi("The farm covers 3 acres.", "acre", "m2", 12140.5692672);
  // 1 square mile = 1609.344^2 m2 = 2589988.110336 m2.
  CheckSi("The fire burned 2 square miles.", "square mile", "m2", 5179976.220672);
  CheckSi("The fire burned 4 km² of forest.", "square kilometre", "m2", 4e6);
  CheckSi("The tank holds 100 litres.", "litre", "m3", 0.1);
  // 1 US gallon = 231 in3 = 0.003785411784 m3.
  CheckSi("The tank holds 2 gallons.", "gallon", "m3", 0.007570823568);
  // 1 barrel = 42 gallons = 0.158987294928 m3.
  CheckSi("The well pumps 10 barrels a day.", "barrel", "m3", 1.58987294928);
  CheckSi("The reservoir holds 0.9 trillion cubic feet of gas.", "cubic foot", "m3",
          0.9e12 * 0.028316846592);
  // 100 km/h = 100000 m / 3600 s.
  CheckSi("The car hit 100 km/h on the bridge.", "kilometre per hour", "m/s", 27.777777777777778);
  CheckSi("The car hit 60 mph on the bridge.", "mile per hour", "m/s", 26.8224);
  CheckSi("The car hit 10 Kilometers per hour.", "kilometre per hour", "m/s", 2.7777777777777777);
}

TEST_CASE("temperature with offsets") {
  // (98.6 - 32) * 5 / 9 = 37.
  CheckSi("Her temperature was 98.6 °F at noon.", "degree Fahrenheit", "degC", 37);
  CheckSi("The night fell to -40 degrees Fahrenheit.", "degree Fahrenheit", "degC", -40);
  CheckSi("The night fell to minus 5 degrees Celsius.", "degree Celsius", "degC", -5);
  CheckSi("Afternoon readings reached 40 deg celsius in the valley", "degree Celsius", "degC", 40);
  CheckSi("The probe measured 300 kelvin.", "kelvin", "degC", 26.85);
}

TEST_CASE("compound amounts: feet and inches, dollars and cents") {
  // 5 ft 2 in = 5 + 2/12 ft = 1.5748 m.
  Quantity q = OneQuantity("The suspect is 5 feet 2 inches tall.");
  CHECK(q.text == "5 feet 2 inches");
  CHECK(q.value == doctest::Approx(5.0 + 2.0 / 12));
  CHECK(*q.si_value == doctest::Approx(1.5748));
  CHECK(OneQuantity("he is 5 ft 2 in").value == doctest::Approx(5.0 + 2.0 / 12));
  CheckSi("The fare was 3 dollars 50 cents.", "US dollar", "USD", 3.5);
  CheckSi("it costs only 15 dollars and 50.", "US dollar", "USD", 15.5);
  // Not a compound: the second number counts something else.
  CHECK(Quantities("It cost 15 dollars 50 people said.").front().text == "15 dollars");
}

TEST_CASE("currencies: signs, codes, names, scale words") {
  CheckSi("Congress approved $1.2bn for the port.", "US dollar", "USD", 1.2e9);
  CheckSi("Congress approved 1,200 million dollars for the port.", "US dollar", "USD", 1.2e9);
  CheckSi("The club paid €5m for the striker.", "euro", "EUR", 5e6);
  CheckSi("The club paid C$300 million for the arena.", "Canadian dollar", "CAD", 3e8);
  CheckSi("The club paid A$40 for the tickets.", "Australian dollar", "AUD", 40);
  CheckSi("The bank lent ¥500 billion.", "Japanese yen", "JPY", 5e11);
  CheckSi("The bank lent 2 billion yuan.", "Chinese yuan", "CNY", 2e9);
  CheckSi("The bank lent 400 million pesos.", "Mexican peso", "MXN", 4e8);
  // 35 lakh = 35 * 100,000; 2 crore = 2 * 10,000,000.
  CheckSi("The loan was 35 lakh rupees.", "Indian rupee", "INR", 3.5e6);
  CheckSi("The loan was 2 crore rupees.", "Indian rupee", "INR", 2e7);
  CheckSi("The fee was USD115 per person.", "US dollar", "USD", 115);
  CheckSi("A ticket costs 10 € at the door.", "euro", "EUR", 10);
  CheckSi("It costs half a million dollars.", "US dollar", "USD", 5e5);
  CheckSi("Revenue reached 120 MEUR last year.", "euro", "EUR", 1.2e8);
  // "pounds" after a scale word is money, unless "of" follows.
  CheckSi("Profit rose to 361 million pounds.", "pound sterling", "GBP", 3.61e8);
  CheckSi("The firm recalled 2 million pounds of beef.", "pound", "kg", 2e6 * 0.45359237);
}

TEST_CASE("numbers in words with a unit") {
  CheckSi("The ship carried eight thousand tonnes of grain.", "tonne", "kg", 8e6);
  CheckSi("The fence ran for ninety-five miles.", "mile", "m", 95 * 1609.344);
  CheckSi("it only cost thirteen dollars", "US dollar", "USD", 13);
  CheckSi("Prices fell by thirty percent.", "percent", "%", 30);
  CheckSi("Growth came in at minus five percent", "percent", "%", -5);
  CheckSi("Prices rose 2 percentage points.", "percentage point", "pp", 2);
  // Spelled numbers alone are not counts.
  CHECK(Quantities("Three people were hurt.").empty());
}

TEST_CASE("bounds and bare ranges") {
  Quantity more = OneQuantity("Officials said more than 500 were detained.");
  CHECK(more.value == 500);
  CHECK(more.low == 500);
  CHECK_FALSE(more.high.has_value());
  CHECK(more.approx);
  Quantity up = OneQuantity("The plan cuts up to 700 jobs.");
  CHECK(up.high == 700);
  CHECK(up.subject == std::optional<std::string>("jobs"));
  Quantity fourteen = OneQuantity("The storm killed at least fourteen people.");
  CHECK(fourteen.low == 14);
  CHECK(fourteen.subject == std::optional<std::string>("people"));
  Quantity two = OneQuantity("The score was greater than 100 and smaller than 300.");
  CHECK(two.low == 100);
  CHECK(two.high == 300);
  Quantity rev = OneQuantity("The camp held at most 100 and at least 20 refugees.");
  CHECK(rev.low == 20);
  CHECK(rev.high == 100);
  Quantity fell = OneQuantity("The toll fell from 30 to 20 people.");
  CHECK(fell.low == 20);
  CHECK(fell.high == 30);
  Quantity from = OneQuantity("The toll rose from 200 to 3000 within a year.");
  CHECK(from.low == 200);
  CHECK(from.high == 3000);
  Quantity or_more = OneQuantity("Families with five or more qualify.");
  CHECK(or_more.text == "five or more");
  CHECK(or_more.low == 5);
  // A bound before a time unit is a duration, left to the dates extractor.
  CHECK(Quantities("He was jailed for over 3 years.").empty());
  // Years are not bounds.
  CHECK(Quantities("It has grown since before 2019.").empty());
}

TEST_CASE("ages") {
  // 29 years = 29 * 365.25 * 86400 s.
  Quantity q = OneQuantity("The youngest victim was 29 years old.");
  CHECK(q.unit == "year");
  CHECK(q.dimension == "duration");
  CHECK(*q.si_value == doctest::Approx(29 * 31557600.0));
  CHECK(OneQuantity("A 5-year-old boy was rescued.").value == 5);
  CHECK(OneQuantity("A man aged 87 was hurt.").value == 87);
  Quantity older = OneQuantity("The wall is more than 500 years old.");
  CHECK(older.low == 500);
  // "yo" abbreviates "years old": 34 * 365.25 * 86400 s.
  Quantity yo = OneQuantity("The clinic admitted a 34 yo man with a fever.");
  CHECK(yo.text == "34 yo");
  CHECK(yo.unit == "year");
  CHECK(*yo.si_value == doctest::Approx(34 * 31557600.0));
}

TEST_CASE("rates: a measure per unit of time") {
  // 50 km per ms = 50 * 1000 m / 0.001 s = 5e7 m/s.
  CheckSi("The pulse crossed the chip at 50 km/ms.", "kilometre per millisecond", "m/s", 5e7);
  // 2 m per day = 2 / 86400 m/s.
  Quantity glacier = OneQuantity("The glacier slid 2 metres per day in July.");
  CHECK(glacier.text == "2 metres per day");
  CHECK(glacier.dimension == "speed");
  CHECK(*glacier.si_value == doctest::Approx(2.0 / 86400));
  // 30 L per minute = 30 * 0.001 m3 / 60 s = 0.0005 m3/s: a flow, not a speed.
  Quantity pump = OneQuantity("The pump moved 30 litres/min from the basement.");
  CHECK(pump.unit == "litre per minute");
  CHECK(pump.dimension == "other");
  CHECK(pump.si_unit == "m3/s");
  CHECK(*pump.si_value == doctest::Approx(0.0005));
  // A unit the lexicon has whole keeps its own entry.
  CHECK(OneQuantity("The limit is 50 km/h here.").rule == "quantities.measure.number_unit");
  // Money per hour is a wage, not a rate of this kind.
  Quantity wage = OneQuantity("The job pays $15 per hour.");
  CHECK(wage.text == "$15");
  CHECK(wage.dimension == "currency");
}

TEST_CASE("a currency sign between two numbers, and a code before its scale word") {
  // The code between the amount and its scale: 75 * 10^6 USD.
  Quantity code = OneQuantity("The lender wrote off 75 USD million last year.");
  CHECK(code.text == "75 USD million");
  CHECK(code.value == 75e6);
  CHECK(code.si_unit == "USD");
  auto texts = [](const std::vector<Quantity>& qs) {
    std::string out;
    for (const auto& q : qs) out += "[" + q.text + " " + q.si_unit + "]";
    return out;
  };
  // Each number keeps the sign on the side where the other number has none.
  CHECK(texts(Quantities("Tickets cost 10 rmb 20 usd at the gate.")) == "[10 rmb CNY][20 usd USD]");
  CHECK(texts(Quantities("Tickets cost rmb 10 usd 20 at the gate.")) == "[rmb 10 CNY][usd 20 USD]");
  CHECK(texts(Quantities("Fares were 10 $ 30 $ last year.")) == "[10 $ USD][30 $ USD]");
  // A sign glued to a number is that number's; the word after it repeats it.
  CHECK(texts(Quantities("He kept 1 $10 dollar bill.")) == "[$10 USD]");
  // A year before the sign claims nothing.
  CHECK(texts(Quantities("In 2019 $5 million dollars was spent.")) == "[$5 million USD]");
}

TEST_CASE("a currency code that stands for millions") {
  // MEUR 12.5 = 12.5 million euros.
  Quantity q = OneQuantity("Net sales reached MEUR 12.5 in the quarter.");
  CHECK(q.text == "MEUR 12.5");
  CHECK(q.value == 12.5);
  CHECK(q.si_unit == "EUR");
  CHECK(*q.si_value == doctest::Approx(12.5e6));
}

TEST_CASE("a minus apart from its number counts only for temperatures") {
  // -20 degF = (-20 - 32) * 5/9 degC = -28.888... degC.
  Quantity cold = OneQuantity("The low was - 20 degrees Fahrenheit overnight.");
  CHECK(cold.text == "- 20 degrees Fahrenheit");
  CHECK(*cold.si_value == doctest::Approx(-260.0 / 9));
  Quantity price = OneQuantity("Item - 5 dollars each");
  CHECK(price.text == "5 dollars");
  CHECK(price.value == 5);
}

TEST_CASE("a dash after a number is not a minus sign") {
  Quantity lens = OneQuantity("The kit includes a 75 -300mm zoom lens.");
  CHECK(lens.text == "300mm");
  CHECK(lens.value == 300);
  // Across a paragraph break the sign is a minus.
  Quantity fall = OneQuantity("The index closed at 3.2\n\n-1.41%");
  CHECK(fall.value == doctest::Approx(-1.41));
}

TEST_CASE("numbers glued to URLs and identifiers are not quantities") {
  CHECK(Quantities("See https://example.com/search?q=30%25%2020% for more.").empty());
  CHECK(Quantities("Moreover 5 were found.").empty());
}

TEST_CASE("hostile inputs give the quantities they hold") {
  // A 1 MB run of digits: one token, no number we read (ParseNumber caps length).
  std::string digits(1 << 20, '7');
  CHECK(Quantities(digits + " kg").empty());
  // 10,000 nested parentheses around a measure.
  std::string nested = std::string(10000, '(') + "5 kg" + std::string(10000, ')');
  auto qs = Quantities(nested);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "5 kg");
  // Digits of other scripts (Arabic-Indic, Devanagari, fullwidth, Bengali, Thai) are
  // not read as numbers, and do not break the ASCII ones beside them.
  std::string scripts =
      "\xd9\xa5 kg, \xe0\xa5\xab kg, \xef\xbc\x95 kg, \xe0\xa7\xab kg, \xe0\xb9\x95 kg, 7 kg";
  auto mixed = Quantities(scripts);
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].text == "7 kg");
  // Many spelled-number words in a row: 80,000 characters are past the length a spelled
  // number may have, so no count of tonnes.
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "one ";
  CHECK(Quantities(words + "tonnes").empty());
}

TEST_CASE("token soup: spans stay in bounds") {
  const char* tokens[] = {
      "between", "and",    "from",  "to",    "-",           "more than", "up to",   "$",     "US$",
      "€",       "5",      "1,200", "8.2",   "12,34,567",   "1/2",       "million", "bn",    "k",
      "kg",      "tonnes", "%",     "°C",    "dollars",     "cents",     "feet",    "in",    "of",
      "the",     "half",   "a",     "dozen", "ninety-five", "or",        "more",    "years", "old",
      "\xff",    "(",      ")",     "~",     "minus"};
  uint32_t seed = 54321;
  std::string soup;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245u + 12345u;
    soup += tokens[(seed >> 16) % (sizeof(tokens) / sizeof(tokens[0]))];
    soup += ((seed >> 8) & 3) == 0 ? "" : " ";
  }
  auto qs = Quantities(soup);
  CHECK_FALSE(qs.empty());
  for (const Quantity& q : qs) {
    CHECK(q.span.start < q.span.end);
    CHECK(q.span.end <= static_cast<int64_t>(soup.size()));
    if (q.low && q.high && q.rule != "quantities.range.two_bounds") CHECK(*q.low <= *q.high);
    if (q.equivalent_of) CHECK(*q.equivalent_of < static_cast<int>(qs.size()));
  }
}

}  // namespace
}  // namespace newsfacts
