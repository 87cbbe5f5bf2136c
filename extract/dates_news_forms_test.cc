// Tests of the date forms added for times inside dates, day-only range starts, ordinal
// weekdays and weeks, years in other shapes, periods named by anaphora and relative
// lengths. Each is resolved against two publication dates: A = Thursday 2024-05-23 and
// B = Tuesday 2023-01-10. The expected days are worked out by hand in the comments.
//
// The cases that are one sentence and its dates (text, from, to) are in
// rules/examples/dates-news.toml, run by `rules test` and fact_cases_test.cc; here are the
// checks that need more.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::DateRules;
using test::DatesAt;

constexpr const char* kA = "2024-05-23";  // Thursday
constexpr const char* kB = "2023-01-10";  // Tuesday

TEST_CASE("a period tied to another time is not the reference date's") {
  CHECK(DatesAt("They met the day before the vote.", kA).empty());
  CHECK(DatesAt("It was the week of his arrest.", kA).empty());
  CHECK(DatesAt("She took the day off.", kB).empty());
}

TEST_CASE("two days written with one month") {
  CHECK(DatesAt("Cases rose from 4 to 22 among the staff.", kA).empty());
}

TEST_CASE("years written in other shapes") {
  auto list = DatesAt("Exports fell in 2007 and 2009, the bank said.", kA);
  REQUIRE(list.size() == 2);
  CHECK(list[0].text == "2007");
  CHECK(list[1].text == "2009");
  CHECK(list[1].from == std::optional<std::string>("2009-01-01"));
}

TEST_CASE("ordinal weekdays, weeks and months") {
  // Another period's Sunday: only the weekday itself is read.
  // Before Thursday 2024-05-23, in a past clause: Sunday the 19th.
  const auto sunday = DatesAt("It was the first Sunday of Advent.", kA);
  REQUIRE(sunday.size() == 1);
  CHECK(sunday[0].text == "Sunday");
  CHECK(sunday[0].from == std::optional<std::string>("2024-05-19"));
  CHECK(DatesAt("It was week 10 of the strike.", kA).empty());
}

TEST_CASE("lengths placed from the reference date") {
  // Past tense or a record: a length, not a day.
  for (const char* text : {"Prices rose 5% in two years.", "It was the first strike in four years.",
                           "He served in two years of war."}) {
    auto facts = DatesAt(text, kA);
    INFO(text);
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].kind == "duration");
    CHECK_FALSE(facts[0].from.has_value());
  }
}

TEST_CASE("business days step over weekends") {
  auto facts = DatesAt("Orders are handled over the next 4 business days.", kA);
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].kind == "duration");
  CHECK(facts[0].duration == std::optional<std::string>("P4D"));
  CHECK(facts[0].from == std::optional<std::string>("2024-05-24"));
  CHECK(facts[0].to == std::optional<std::string>("2024-05-29"));
}

TEST_CASE("lengths counted in whole decades, minutes and weekdays") {
  // Whole decades before or after the reference's own (the 2020s for A and B).
  for (const char* ref : {kA, kB}) {
    auto past = DatesAt("Output doubled over the past two decades.", ref);
    REQUIRE(past.size() == 1);
    CHECK(past[0].text == "two decades");
    CHECK(past[0].duration == std::optional<std::string>("P20Y"));
    CHECK(past[0].from == std::optional<std::string>("2000-01-01"));
    CHECK(past[0].to == std::optional<std::string>("2019-12-31"));
    auto next = DatesAt("The plan covers the next two decades.", ref);
    REQUIRE(next.size() == 1);
    CHECK(next[0].from == std::optional<std::string>("2030-01-01"));
    CHECK(next[0].to == std::optional<std::string>("2049-12-31"));
  }
  CHECK(DatesAt("The crew will be down to 3 next week.", kA).size() == 1);  // "next week" alone
}

}  // namespace
}  // namespace newsfacts
