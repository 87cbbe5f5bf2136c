// Tests of news-prose date forms: relative dates resolved against a date the text
// already gave ("charged two days later", "a year earlier", "the next day"), lists
// ("in 2016 and 2020", "Jan. 2 and 3") and the present tense of scheduled events ("opens
// June 24"), each against two publication dates:
// A = Thursday 2024-05-23 and B = Tuesday 2023-01-10. With a written date before them
// the result does not depend on the publication date; without one it does. The expected
// days are worked out by hand in the comments.
//
// The cases that are one sentence and its dates (text, from, to) are in
// rules/examples/dates-prose.toml, run by `rules test` and fact_cases_test.cc; here are the
// checks that need more.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::DateRules;

constexpr const char* kA = "2024-05-23";  // Thursday
constexpr const char* kB = "2023-01-10";  // Tuesday

// The dates of text as "span from..to" strings, in order.
std::vector<std::string> All(const std::string& text, const char* ref) {
  std::vector<DateFact> facts;
  Context context;
  context.reference_date = ref;
  ExtractDates(text, DateRules(), context, &facts);
  std::vector<std::string> out;
  for (const DateFact& f : facts)
    out.push_back(f.text + " " + f.from.value_or("-") + ".." + f.to.value_or("-"));
  return out;
}

using List = std::vector<std::string>;

TEST_CASE("every item of a list is a date") {
  // Years stand alone.
  const std::string years = "Turnout fell in 2012, 2016 and 2020.";
  const List year_items = {"2012 2012-01-01..2012-12-31", "2016 2016-01-01..2016-12-31",
                           "2020 2020-01-01..2020-12-31"};
  CHECK(All(years, kA) == year_items);
  CHECK(All(years, kB) == year_items);
  // Months without a year: the latest March on or before the reference, then May after
  // it. A: March and May 2024. B (January 2023): March 2022 and May 2022.
  const std::string months = "Prices rose in March and May.";
  CHECK(All(months, kA) == List{"March 2024-03-01..2024-03-31", "May 2024-05-01..2024-05-31"});
  CHECK(All(months, kB) == List{"March 2022-03-01..2022-03-31", "May 2022-05-01..2022-05-31"});
  // Three months, the middle one too.
  const std::string three = "Rain fell in March, April or May.";
  CHECK(All(three, kA).size() == 3);
  CHECK(All(three, kA)[1] == "April 2024-04-01..2024-04-30");
  CHECK(All(three, kB)[1] == "April 2022-04-01..2022-04-30");
  // A month before a month with a year shares it.
  const std::string shared = "The fair runs April and May 2025.";
  const List shared_items = {"April 2025-04-01..2025-04-30", "May 2025 2025-05-01..2025-05-31"};
  CHECK(All(shared, kA) == shared_items);
  CHECK(All(shared, kB) == shared_items);
  // Days after a day take its month and year.
  const std::string days = "Hearings were set for March 3, 4 and 5, 2021.";
  CHECK(All(days, kA).size() >= 3);
  CHECK(All(days, kA)[1] == "4 2021-03-04..2021-03-04");
  CHECK(All(days, kB)[2] == "5 2021-03-05..2021-03-05");
  // A: Jan. 2 2024; B: Jan. 2 2023 (placed on or before the reference).
  const std::string jan = "The offices were shut Jan. 2 and 3.";
  CHECK(All(jan, kA) == List{"Jan. 2 2024-01-02..2024-01-02", "3 2024-01-03..2024-01-03"});
  CHECK(All(jan, kB) == List{"Jan. 2 2023-01-02..2023-01-02", "3 2023-01-03..2023-01-03"});
}

TEST_CASE("weekdays of a week named after them") {
  // Next week: A's runs Monday 27 May 2024, B's Monday 16 January 2023; Tuesday to
  // Friday of it.
  const std::string text = "The trial runs from Tuesday to Friday next week.";
  CHECK(All(text, kA) == List{"from Tuesday to Friday next week 2024-05-28..2024-05-31"});
  CHECK(All(text, kB) == List{"from Tuesday to Friday next week 2023-01-17..2023-01-20"});
}

TEST_CASE("what looks like a list but is not") {
  // A count after a day, the modal verb, a list that never closes, a range's ends.
  CHECK(All("On March 3, 4 people died.", kA) == List{"March 3 2024-03-03..2024-03-03"});
  CHECK(All("Officials may act in March and may act again.", kA) ==
        List{"March 2024-03-01..2024-03-31"});
  CHECK(All("In March, April sales rose.", kB) == List{"March 2022-03-01..2022-03-31"});
  CHECK(All("Talks ran between the 14th and 16th.", kA).size() <= 1);
}

TEST_CASE("periods of news reports") {
  // A season word alone is no date.
  CHECK(All("Stores sold winter coats and prices may fall.", kA).empty());
}

}  // namespace
}  // namespace newsfacts
