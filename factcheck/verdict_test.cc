#include "factcheck/verdict.h"

#include <doctest/doctest.h>

#include "extract/test_rules.h"

namespace newsfacts::factcheck {
namespace {

using test::OneQuantity;

// The verdict of the claim's one figure against the source's one figure, both as the
// shipped quantity rules read them.
Comparison Check(const std::string& claim, const std::string& source) {
  return Compare(OneQuantity(claim), OneQuantity(source));
}

// A figure made by hand, for forms the quantity rules leave to other extractors (spelled
// counts under a thousand; durations, which the date rules read).
Quantity Figure(const std::string& text, double value, const std::string& unit,
                const std::string& dimension, double si_value, const std::string& si_unit) {
  Quantity q;
  q.text = text;
  q.value = value;
  q.unit = unit;
  q.dimension = dimension;
  q.si_value = si_value;
  q.si_unit = si_unit;
  return q;
}

Verdict V(const std::string& claim, const std::string& source) {
  const Comparison c = Check(claim, source);
  INFO(claim, " vs ", source, ": ", c.how);
  return c.verdict;
}

TEST_CASE("the same amount in other words, units or scales is same") {
  CHECK(Compare(Figure("27", 27, "", "count", 27, ""),
                Figure("twenty-seven", 27, "", "count", 27, ""))
            .verdict == Verdict::kSame);
  CHECK(V("The plan costs $2.5bn.", "The plan costs $2,500 million.") == Verdict::kSame);
  // A year is 365.25 days and a month a twelfth of it, as in the rules' unit lexicon.
  CHECK(Compare(Figure("3 years", 3, "year", "duration", 3 * 31557600.0, "s"),
                Figure("36 months", 36, "month", "duration", 36 * 2629800.0, "s"))
            .verdict == Verdict::kSame);
  CHECK(V("They seized 8.2 tonnes of cocaine.", "They seized 8,200 kilograms of cocaine.") ==
        Verdict::kSame);
}

TEST_CASE("a rounding at the claim's own precision is rounded") {
  // 137 million rounds to 140 million at the claim's precision (ten million).
  CHECK(V("The budget is about $140 million.", "The budget is $137 million.") == Verdict::kRounded);
  // 8,222.5 kg = 8.2225 t, which rounds to 8.2 t at a tenth of a tonne.
  CHECK(V("Mexico seized 8.2 tonnes of fentanyl.",
          "Mexico seized 8,222.5 kilograms of fentanyl.") == Verdict::kRounded);
  // 8,222.5 kg = 18,127.6 lb: 18,000 is to the thousand pounds.
  CHECK(V("Mexico seized 18,000 pounds of fentanyl.",
          "Mexico seized 8,222.5 kilograms of fentanyl.") == Verdict::kRounded);
  // 29.6% is 30% to the ten.
  CHECK(V("Turnout was nearly 30%.", "Turnout was 29.6%.") == Verdict::kRounded);
  // 8.2 to the tenth does not take 8.4.
  CHECK(V("They seized 8.2 tonnes of cocaine.", "They seized 8.4 tonnes of cocaine.") ==
        Verdict::kDifferent);
}

TEST_CASE("bounds the source satisfies are rounded; others are different") {
  CHECK(V("More than 2 million people voted.", "Some 2.3 million people voted.") ==
        Verdict::kRounded);
  CHECK(V("More than 3 million people voted.", "Some 2.3 million people voted.") ==
        Verdict::kDifferent);
  CHECK(V("Between 20 and 30 boats sank.", "Officials said 24 boats sank.") == Verdict::kRounded);
  CHECK(V("Between 20 and 30 boats sank.", "Officials said 34 boats sank.") == Verdict::kDifferent);
}

TEST_CASE("a wrong digit, scale or unit is different") {
  CHECK(V("Mexico seized 82 tonnes of fentanyl.", "Mexico seized 8.2 tonnes of fentanyl.") ==
        Verdict::kDifferent);
  CHECK(V("The budget is $13.7 million.", "The budget is $137 million.") == Verdict::kDifferent);
  CHECK(V("The budget is $137 billion.", "The budget is $137 million.") == Verdict::kDifferent);
}

TEST_CASE("figures of different units or currencies are not comparable: related") {
  CHECK(V("The fine was 5 million euros.", "The fine was $5 million.") == Verdict::kRelated);
  CHECK(V("The wall is 30 metres long.", "The wall cost 30 million dollars.") == Verdict::kRelated);
}

TEST_CASE("temperatures compare in the claim's own degrees") {
  // 40 C = 104 F exactly.
  CHECK(V("Highs reached 104 degrees Fahrenheit.", "Highs reached 40 degrees Celsius.") ==
        Verdict::kSame);
  // 38.5 C = 101.3 F, which rounds to 101 F.
  CHECK(V("Highs reached 101 degrees Fahrenheit.", "Highs reached 38.5 degrees Celsius.") ==
        Verdict::kRounded);
  CHECK(V("Highs reached 110 degrees Fahrenheit.", "Highs reached 38.5 degrees Celsius.") ==
        Verdict::kDifferent);
}

TEST_CASE("the how says source, claim and verdict with the difference") {
  const Comparison c = Check("The budget is about $140 million.", "The budget is $137 million.");
  CHECK(c.how == "source 137,000,000 USD, claim ≈140,000,000 USD: rounded (2.2%)");
  CHECK(c.relative_difference == doctest::Approx(3.0 / 137.0));  // of the source
}

TEST_CASE("precision steps as written") {
  CHECK(PrecisionStep(OneQuantity("It cost $140 million.")) == doctest::Approx(1e7));
  CHECK(PrecisionStep(OneQuantity("It weighs 8.2 tonnes.")) == doctest::Approx(0.1));
  CHECK(PrecisionStep(OneQuantity("It weighs 2,000 pounds.")) == doctest::Approx(1000));
  CHECK(PrecisionStep(OneQuantity("It weighs 2,005 pounds.")) == doctest::Approx(1));
  CHECK(PrecisionStep(OneQuantity("It cost $2.5bn.")) == doctest::Approx(1e8));
}

TEST_CASE("a claimed amount that reads like the source written wrong") {
  const auto miswrite = [](const std::string& claim, const std::string& source) {
    return LikelyMiswrite(OneQuantity(claim), OneQuantity(source));
  };
  CHECK(miswrite("$60 million", "$6 million"));  // the same digit, ten times
  CHECK(miswrite("25,000 people", "2,500 people"));
  CHECK(miswrite("6.3 percent", "3.6 percent"));        // two digits swapped
  CHECK(miswrite("11.7 kilograms", "11.1 kilograms"));  // one digit changed
  CHECK(miswrite("$8,000", "$8,000"));
  CHECK_FALSE(miswrite("$60 million", "$17 million"));
  CHECK_FALSE(miswrite("12.5 percent", "3.6 percent"));
  CHECK_FALSE(miswrite("634 kilograms", "11 kilograms"));
  // One digit alone: 6 and 7 are simply other amounts.
  CHECK_FALSE(miswrite("6 kilograms", "7 kilograms"));
}

}  // namespace
}  // namespace newsfacts::factcheck
