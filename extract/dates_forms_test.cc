// Tests of the date forms of rules/dates.toml, each resolved against two publication
// dates: A = Thursday 2024-05-23 and B = Tuesday 2023-01-10 (a leap year and a common
// year, one late in the year's first half and one just after a year boundary). The
// expected days are worked out by hand in the comments.
//
// The cases that are one sentence and its dates (text, from, to) are in
// rules/examples/dates-forms.toml, run by `rules test` and fact_cases_test.cc; here are the
// checks that need more.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::CheckOnlyDate;
using test::DateRules;
using test::DatesAt;

constexpr const char* kA = "2024-05-23";  // Thursday
constexpr const char* kB = "2023-01-10";  // Tuesday

TEST_CASE("a weekday with a date chooses between the latest and the next such day") {
  CHECK(DatesAt("The rally on Friday 3 people were hurt.", kA).front().text == "Friday");
}

TEST_CASE("relative periods, weekdays and weekends") {
  CHECK(DatesAt("The office is on the 5th floor.", kA).empty());
}

TEST_CASE("future offsets need a future clause") {
  // A past clause: a duration, not a day.
  auto facts = DatesAt("Prices fell for the first time in two years.", kA);
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].kind == "duration");
  CHECK(facts[0].duration == std::optional<std::string>("P2Y"));
  CHECK_FALSE(facts[0].from.has_value());
}

TEST_CASE("numeric and separated forms") {
  CHECK(DatesAt("Call +86 138-2010-2015 today.", kA).size() == 1);  // only "today"
  CHECK(DatesAt("The code is 123-12-1234.", kA).empty());
}

TEST_CASE("within, later and whole quarters back or ahead") {
  CHECK(DatesAt("Three quarters of the vote went to the mayor.", kA).empty());
}

TEST_CASE("compound lengths move the reference in the order written") {
  // After "last" the first length is its own: "the last 3 months" and "2 days ago".
  auto facts = DatesAt("Talks ran for the last 3 months and 2 days ago they ended.", kA);
  REQUIRE(facts.size() == 2);
  CHECK(facts[1].text == "2 days ago");
  CHECK(facts[1].from == std::optional<std::string>("2024-05-21"));
}

TEST_CASE("hostile date inputs give the dates they hold") {
  // A 1 MB run of digits is one number, no day or year.
  CHECK(DatesAt(std::string(1 << 20, '1'), kA).empty());
  std::string nested = std::string(10000, '(') + "May 13, 2024" + std::string(10000, ')');
  CheckOnlyDate(nested, kA, "May 13, 2024", "2024-05-13", "2024-05-13");
  // "1/2/1/2/…": no part has the digits of a year.
  std::string slashes;
  for (int i = 0; i < 50000; ++i) slashes += "1/2/";
  CHECK(DatesAt(slashes, kA).empty());
  // Digits of other scripts are not read as days or years, and "May" with neither is the
  // verb as much as the month: no date.
  CHECK(DatesAt("\xd9\xa1\xd9\xa3 May \xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4", kA).empty());
}

TEST_CASE("token soup: spans stay in bounds and ranges run forwards") {
  const char* tokens[] = {
      "between", "and",      "from",   "to",        "-",       "–",       "May",       "Dec.",
      "13",      "31st",     "2024",   "1999",      "Q3",      "H2",      "the",       "of",
      "next",    "last",     "Friday", "ago",       "two",     "weeks",   "1/2",       "10/7/2018",
      "2018-12", "FY24",     "'90s",   "Christmas", "early",   "in",      "will",      "\xff",
      "(",       ")",        ",",      "the first", "century", "before",  "now",       "5.4.",
      "within",  "quarters", "week",   "weekend",   "later",   "9-18-15", "Labor Day", "last year",
      "month",   "days",     "Oct-2",  "eleventh"};
  uint32_t seed = 12345;
  std::string soup;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1103515245u + 12345u;
    soup += tokens[(seed >> 16) % (sizeof(tokens) / sizeof(tokens[0]))];
    soup += ((seed >> 8) & 3) == 0 ? "" : " ";
  }
  for (const char* ref : {kA, kB}) {
    const std::vector<DateFact> facts = DatesAt(soup, ref);
    // 20,000 tokens of month names, years and "last year" hold dates.
    CHECK(facts.size() > 100);
    for (const DateFact& f : facts) {
      CHECK(f.span.start < f.span.end);
      CHECK(f.span.end <= static_cast<int64_t>(soup.size()));
      if (f.from && f.to) CHECK(*f.from <= *f.to);
    }
  }
}

}  // namespace
}  // namespace newsfacts
