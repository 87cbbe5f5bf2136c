#include "factcheck/loose_counts.h"

#include <doctest/doctest.h>

#include "extract/test_rules.h"

namespace newsfacts::factcheck {
namespace {

std::vector<Quantity> Counts(const std::string& text,
                             const std::vector<std::pair<size_t, size_t>>& taken = {}) {
  return LooseCounts(text, taken, test::QuantityRules());
}

TEST_CASE("digits and words are counts, with their scale word and modifier") {
  const std::string text =
      "The probe will make 45 flybys, thirty-two of them low; more than 1.4 million people "
      "watched and twenty seven stations carried it.";
  const auto c = Counts(text);
  REQUIRE(c.size() == 4);
  CHECK(c[0].text == "45");
  CHECK(c[0].value == 45);
  CHECK(c[0].span.start == static_cast<int64_t>(text.find("45")));
  CHECK(c[0].span.end == c[0].span.start + 2);
  CHECK(c[1].text == "thirty-two");
  CHECK(c[1].value == 32);
  CHECK(c[2].text == "more than 1.4 million");
  CHECK(c[2].value == 1400000);
  REQUIRE(c[2].low);
  CHECK(*c[2].low == 1400000);
  CHECK_FALSE(c[2].high);
  CHECK(c[2].approx);
  CHECK(c[3].text == "twenty seven");
  CHECK(c[3].value == 27);
  for (const Quantity& q : c) {
    CHECK(q.si_unit == "");
    CHECK(q.si_value == q.value);
    CHECK(q.rule == kLooseCountRule);
  }
}

TEST_CASE("a number word joined to a noun counts it") {
  const std::string text =
      "A four-time Grammy winner ended a five-game streak with a one-time deal.";
  const auto c = Counts(text);
  REQUIRE(c.size() == 2);
  CHECK(c[0].text == "four");
  CHECK(c[0].value == 4);
  CHECK(c[0].subject == std::optional<std::string>("time Grammy winner"));
  CHECK(c[1].text == "five");
  CHECK(c[1].value == 5);
  CHECK(c[1].subject == std::optional<std::string>("game streak with"));
  // "twenty-seven" is one number; "two-thirds" a share.
  const auto n = Counts("twenty-seven states and two-thirds of voters");
  REQUIRE(n.size() == 2);
  CHECK(n[0].value == 27);
  CHECK(n[1].si_unit == "%");
}

TEST_CASE("numbers glued to identifiers, times and signs are not counts") {
  CHECK(Counts("Emirates ordered Boeing 787-9 jets at 10:30 on 12/01.").empty());
  CHECK(Counts("A B-52 flew; sales rose 50% to $30 and COVID-19 spread.").empty());
  CHECK(Counts("One of them said it was a good day.").empty());
}

TEST_CASE("numbers inside the stored facts are left to them") {
  const std::string text = "Officers seized 8,222.5 kilograms and arrested 12 people.";
  const size_t at = text.find("8,222.5 kilograms");
  const auto c = Counts(text, {{at, at + 17}});
  REQUIRE(c.size() == 1);
  CHECK(c[0].value == 12);
}

TEST_CASE("an upper bound and an approximation") {
  const auto c = Counts("Fewer than 12,000 fans came, about 300 of them from Madrid.");
  REQUIRE(c.size() == 2);
  CHECK(c[0].text == "Fewer than 12,000");
  REQUIRE(c[0].high);
  CHECK(*c[0].high == 12000);
  CHECK_FALSE(c[0].low);
  CHECK(c[1].text == "about 300");
  CHECK(c[1].approx);
  CHECK_FALSE(c[1].low);
  CHECK_FALSE(c[1].high);
}

TEST_CASE("fractions and 'N out of M' are shares in percent") {
  const std::string text =
      "Roughly two-thirds of voters agreed; a sixth of the surface is dunes; three fifths "
      "stayed; eight out of ten firms and 1 in 5 homes use it.";
  const auto c = Counts(text);
  REQUIRE(c.size() == 5);
  CHECK(c[0].text == "Roughly two-thirds");
  CHECK(c[0].value == doctest::Approx(200.0 / 3));
  CHECK(c[0].approx);
  CHECK(c[1].text == "a sixth");
  CHECK(c[1].value == doctest::Approx(100.0 / 6));
  CHECK(c[2].text == "three fifths");
  CHECK(c[2].value == doctest::Approx(60));
  CHECK(c[3].text == "eight out of ten");
  CHECK(c[3].value == doctest::Approx(80));
  CHECK(c[4].text == "1 in 5");
  CHECK(c[4].value == doctest::Approx(20));
  for (const Quantity& q : c) {
    CHECK(q.unit == "percent");
    CHECK(q.si_unit == "%");
    CHECK(q.dimension == "percent");
  }
}

TEST_CASE("ordinals are not fractions") {
  // "a third term" and "the fifth time" count nothing; "a quarter century" is no share.
  const auto c = Counts("She won a third term, the fifth time in a quarter century.");
  std::string found;
  for (const Quantity& q : c) found += "[" + q.text + "]";
  CHECK_MESSAGE(c.empty(), found);
}

std::vector<Quantity> Durations(const std::string& text,
                                const std::vector<std::pair<size_t, size_t>>& taken = {}) {
  return LooseDurations(text, taken, test::QuantityRules());
}

TEST_CASE("durations in words: an article, a half or a quarter, numbers in words, and a half") {
  struct Case {
    const char* text;
    const char* figure;
    double value;
    const char* unit;
    double seconds;  // worked out by hand
  };
  const Case cases[] = {
      {"He has a quarter century of experience.", "a quarter century", 0.25, "century",
       0.25 * 100 * 365.25 * 86400},
      {"a quarter-century partnership", "a quarter-century", 0.25, "century",
       0.25 * 100 * 365.25 * 86400},
      {"It took three-quarters of a minute to explain.", "three-quarters of a minute", 0.75,
       "minute", 45},
      {"The show lasts an hour and a quarter.", "an hour and a quarter", 1.25, "hour", 4500},
      {"Take it half an hour before bed.", "half an hour", 0.5, "hour", 1800},
      {"It costs 299 rupees for a quarter of an hour.", "a quarter of an hour", 0.25, "hour", 900},
      {"The flight takes a full day.", "a full day", 1, "day", 86400},
      {"The festival lasts seven and a half weeks.", "seven and a half weeks", 7.5, "week",
       7.5 * 604800},
      {"It ends a wait of more than a decade.", "more than a decade", 1, "decade",
       10 * 365.25 * 86400},
      {"He stayed a week at the house.", "a week", 1, "week", 604800},
      {"It came two and a half months before the vote.", "two and a half months", 2.5, "month",
       2.5 * 365.25 / 12 * 86400},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto d = Durations(c.text);
    REQUIRE(d.size() == 1);
    CHECK(d[0].text == c.figure);
    CHECK(d[0].value == doctest::Approx(c.value));
    CHECK(d[0].unit == c.unit);
    CHECK(d[0].si_unit == "s");
    CHECK(*d[0].si_value == doctest::Approx(c.seconds));
    CHECK(d[0].dimension == "duration");
    CHECK(d[0].rule == kLooseDurationRule);
    CHECK(d[0].span.start == static_cast<int64_t>(std::string(c.text).find(c.figure)));
  }
  // "more than a decade" is a lower bound; "nearly a year" approximate, as the modifier
  // lexicon has them.
  const auto more = Durations("It ends a wait of more than a decade.");
  REQUIRE(more.size() == 1);
  CHECK(more[0].low == 1.0);
  CHECK_FALSE(more[0].high);
  const auto nearly = Durations("He was jailed for nearly a year.");
  REQUIRE(nearly.size() == 1);
  CHECK(nearly[0].text == "nearly a year");
  CHECK(nearly[0].approx);
}

TEST_CASE("rates, ages, past dates, ordinals and stored facts are no loose durations") {
  CHECK(
      Durations("They meet once a week and twice a month, every day, three times a year.").empty());
  // After an amount, "a year" is what the amount is per.
  CHECK(Durations("He earns 17.4 million a year; it costs $9.99 a month, five a day.").empty());
  const std::string paid = "The club pays \u20ac17.4 million a year.";
  const size_t euros = paid.find("\u20ac17.4 million");
  CHECK(Durations(paid, {{euros, euros + std::string("\u20ac17.4 million").size()}}).empty());
  CHECK(Durations("The boy, ten years old, left a year ago.").empty());
  CHECK(Durations("Prices fell, and a year later they rose.").size() == 1);
  CHECK(Durations("She won a second term in a minute's time.").size() == 1);  // "a minute"
  CHECK(Durations("She won a second term.").empty());
  CHECK(Durations("Half the team came; a quarter of the vote.").empty());
  const std::string text = "The siege lasted three days.";
  const size_t at = text.find("three days");
  CHECK(Durations(text, {{at, at + 10}}).empty());
  const auto free = Durations(text);
  REQUIRE(free.size() == 1);
  CHECK(*free[0].si_value == 3 * 86400);
}

}  // namespace
}  // namespace newsfacts::factcheck
