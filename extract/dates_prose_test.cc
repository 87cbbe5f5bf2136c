// Tests of news-prose date forms: relative dates resolved against a date the text
// already gave ("charged two days later", "a year earlier", "the next day"), lists
// ("in 2016 and 2020", "Jan. 2 and 3") and the present tense of scheduled events ("opens
// June 24"), each against two publication dates:
// A = Thursday 2024-05-23 and B = Tuesday 2023-01-10. With a written date before them
// the result does not depend on the publication date; without one it does. The expected
// days are worked out by hand in the comments.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::CheckDate;
using test::DateRules;

constexpr const char* kA = "2024-05-23";  // Thursday
constexpr const char* kB = "2023-01-10";  // Tuesday

TEST_CASE("a length later or earlier counts from the date the sentence gave") {
  // 2024-08-30 + 2 days = 2024-09-01, whatever the publication date.
  const std::string arrest =
      "Officers detained the driver on August 30th, 2024 and charged him two days later.";
  CheckDate(arrest, kA, "two days later", "2024-09-01", "2024-09-01");
  CheckDate(arrest, kB, "two days later", "2024-09-01", "2024-09-01");
  // 2021-02-01 - 1 day = 2021-01-31.
  const std::string filed =
      "The appeal was heard on Feb. 1, 2021; the papers had arrived a day earlier.";
  CheckDate(filed, kA, "a day earlier", "2021-01-31", "2021-01-31");
  CheckDate(filed, kB, "a day earlier", "2021-01-31", "2021-01-31");
  // 2019-11-04 + 3 weeks = 2019-11-25.
  const std::string vote =
      "Voting opened on 4 November 2019, and three weeks later the count was final.";
  CheckDate(vote, kA, "three weeks later", "2019-11-25", "2019-11-25");
  CheckDate(vote, kB, "three weeks later", "2019-11-25", "2019-11-25");
}

TEST_CASE("a length after or before closing a clause counts like later or earlier") {
  // 2024-08-30 + 3 weeks = 2024-09-20; 2022-05-05 - 2 days = 2022-05-03.
  const std::string after =
      "Officers detained him on August 30th, 2024 and charged him three weeks after.";
  CheckDate(after, kA, "three weeks after", "2024-09-20", "2024-09-20");
  CheckDate(after, kB, "three weeks after", "2024-09-20", "2024-09-20");
  const std::string before = "Votes were counted on May 5, 2022; polls had shut two days before.";
  CheckDate(before, kA, "two days before", "2022-05-03", "2022-05-03");
  CheckDate(before, kB, "two days before", "2022-05-03", "2022-05-03");
  // Alone: A + 1 day = 2024-05-24, B + 1 day = 2023-01-11.
  const std::string alone = "She resigned a day afterwards, aides said.";
  CheckDate(alone, kA, "a day afterwards", "2024-05-24", "2024-05-24");
  CheckDate(alone, kB, "a day afterwards", "2023-01-11", "2023-01-11");
}

TEST_CASE("the sentence before may give the date") {
  // 2022-07-14 + 1 day = 2022-07-15; the week after the one holding Thursday 14 July
  // 2022 runs Monday 18 to Sunday 24 July.
  const std::string next_day =
      "The bridge closed on July 14, 2022. The next day, ferries began to run.";
  CheckDate(next_day, kA, "next day", "2022-07-15", "2022-07-15");
  CheckDate(next_day, kB, "next day", "2022-07-15", "2022-07-15");
  const std::string next_week =
      "The bridge closed on July 14, 2022. Repairs started the following week.";
  CheckDate(next_week, kA, "following week", "2022-07-18", "2022-07-24");
  CheckDate(next_week, kB, "following week", "2022-07-18", "2022-07-24");
  const std::string day_after =
      "The mayor spoke on 3 March 2020. Her deputy resigned the day after.";
  CheckDate(day_after, kA, "the day after", "2020-03-04", "2020-03-04");
  CheckDate(day_after, kB, "the day after", "2020-03-04", "2020-03-04");
}

TEST_CASE("a year earlier moves a whole period") {
  // The first quarter of 2024 a year back is the first quarter of 2023.
  const std::string quarter =
      "Profit in the first quarter of 2024 was double that of a year earlier.";
  CheckDate(quarter, kA, "a year earlier", "2023-01-01", "2023-03-31");
  CheckDate(quarter, kB, "a year earlier", "2023-01-01", "2023-03-31");
  // February 2024 a month later is March 2024, to its last day.
  const std::string month = "Exports fell in February 2024 and recovered a month later.";
  CheckDate(month, kA, "a month later", "2024-03-01", "2024-03-31");
  CheckDate(month, kB, "a month later", "2024-03-01", "2024-03-31");
}

TEST_CASE("without a date before them they count from the publication date") {
  // A - 1 year = 2023-05-23; B - 1 year = 2022-01-10.
  const std::string alone = "Sales rose by a fifth from a year earlier.";
  CheckDate(alone, kA, "a year earlier", "2023-05-23", "2023-05-23");
  CheckDate(alone, kB, "a year earlier", "2022-01-10", "2022-01-10");
  // A + 1 day = 2024-05-24; B + 1 day = 2023-01-11.
  const std::string after = "The council will vote on it the day after.";
  CheckDate(after, kA, "the day after", "2024-05-24", "2024-05-24");
  CheckDate(after, kB, "the day after", "2023-01-11", "2023-01-11");
  // Two sentences back is too far: A + 3 days = 2024-05-26.
  const std::string far =
      "The plant shut on 2 June 2021. Workers left. Some came back three days later.";
  CheckDate(far, kA, "three days later", "2024-05-26", "2024-05-26");
  CheckDate(far, kB, "three days later", "2023-01-13", "2023-01-13");
  // A year says nothing of a day: "the day after" stays on the publication date.
  const std::string year = "The mine opened in 2019. The strike began the day after.";
  CheckDate(year, kA, "the day after", "2024-05-24", "2024-05-24");
  CheckDate(year, kB, "the day after", "2023-01-11", "2023-01-11");
  // "next week" names the publication date's next week, not one after an earlier date:
  // A's next week is 27 May - 2 June 2024; B's 16 - 22 January 2023.
  const std::string next = "The plant shut on 2 June 2021 and reopens next week.";
  CheckDate(next, kA, "next week", "2024-05-27", "2024-06-02");
  CheckDate(next, kB, "next week", "2023-01-16", "2023-01-22");
}

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

TEST_CASE("the present tense of a scheduled event looks ahead") {
  // June 24 after A is 2024-06-24; after B 2023-06-24. Written in the past tense, the
  // June 24 before A is 2023-06-24, before B 2022-06-24.
  CheckDate("The summit opens June 24 in Lisbon.", kA, "June 24", "2024-06-24", "2024-06-24");
  CheckDate("The summit opens June 24 in Lisbon.", kB, "June 24", "2023-06-24", "2023-06-24");
  CheckDate("The summit opened June 24 in Lisbon.", kA, "June 24", "2023-06-24", "2023-06-24");
  CheckDate("The summit opened June 24 in Lisbon.", kB, "June 24", "2022-06-24", "2022-06-24");
  // The next Saturday: A (Thursday) + 2 = 2024-05-25; B (Tuesday) + 4 = 2023-01-14.
  const std::string match = "The club plays its final match on Saturday.";
  CheckDate(match, kA, "Saturday", "2024-05-25", "2024-05-25");
  CheckDate(match, kB, "Saturday", "2023-01-14", "2023-01-14");
  // "is forecast for", "meets again on".
  CheckDate("Snow is forecast for Friday.", kA, "Friday", "2024-05-24", "2024-05-24");
  CheckDate("Snow is forecast for Friday.", kB, "Friday", "2023-01-13", "2023-01-13");
  CheckDate("The board meets again on April 5.", kA, "April 5", "2025-04-05", "2025-04-05");
  CheckDate("The board meets again on April 5.", kB, "April 5", "2023-04-05", "2023-04-05");
  // The next 27th: May 27, 2024 after A, January 27, 2023 after B.
  CheckDate("Payments resume on the 27.", kA, "the 27", "2024-05-27", "2024-05-27");
  CheckDate("Payments resume on the 27.", kB, "the 27", "2023-01-27", "2023-01-27");
  // "by" looks ahead only when nothing speaks of the past.
  CheckDate("The works finish by March.", kA, "March", "2025-03-01", "2025-03-31");
  CheckDate("Prices had fallen by March.", kA, "March", "2024-03-01", "2024-03-31");
}

TEST_CASE("an abbreviation's full stop does not end the sentence that gives the tense") {
  // "will" before "3 p.m.": the Tuesday on or after the reference, A + 5 = 2024-05-28;
  // B is a Tuesday, so B itself.
  const std::string speech = "The governor will speak at 3 p.m. on Tuesday in Austin.";
  CheckDate(speech, kA, "Tuesday", "2024-05-28", "2024-05-28");
  CheckDate(speech, kB, "Tuesday", "2023-01-10", "2023-01-10");
  // A real sentence end does end it: the Tuesday on or before, A - 2 = 2024-05-21; B
  // itself. Friday tells the two readings apart after B: B + 3 = 2023-01-13 ahead,
  // B - 4 = 2023-01-06 back.
  const std::string two = "The governor will travel. The bill passed on Tuesday in Austin.";
  CheckDate(two, kA, "Tuesday", "2024-05-21", "2024-05-21");
  CheckDate(two, kB, "Tuesday", "2023-01-10", "2023-01-10");
  CheckDate("The governor will speak at 3 p.m. on Friday.", kB, "Friday", "2023-01-13",
            "2023-01-13");
  CheckDate("The governor will travel. The bill passed on Friday.", kB, "Friday", "2023-01-06",
            "2023-01-06");
}

TEST_CASE("periods of news reports") {
  // The three months to February: December to February, the latest February on or
  // before the reference. A: Dec 2023 - Feb 29 2024; B: Dec 2021 - Feb 28 2022.
  const std::string to_month = "Exports grew in the three months to February.";
  CheckDate(to_month, kA, "the three months to February", "2023-12-01", "2024-02-29");
  CheckDate(to_month, kB, "the three months to February", "2021-12-01", "2022-02-28");
  // Up to a day: July 1 2024 - 3 months = April 1 2024.
  const std::string to_day = "Profit fell in the three months to June 30, 2024.";
  CheckDate(to_day, kA, "the three months to June 30, 2024", "2024-04-01", "2024-06-30");
  CheckDate(to_day, kB, "the three months to June 30, 2024", "2024-04-01", "2024-06-30");
  // A fiscal year written with two years runs April to March.
  const std::string fiscal = "Borrowing rose in the 2024-25 financial year.";
  CheckDate(fiscal, kA, "2024-25 financial year", "2024-04-01", "2025-03-31");
  CheckDate(fiscal, kB, "2024-25 financial year", "2024-04-01", "2025-03-31");
  CheckDate("Borrowing rose in fiscal 2022-23.", kA, "fiscal 2022-23", "2022-04-01", "2023-03-31");
  // Meteorological seasons: summer is June to August, winter December to February.
  CheckDate("Tourism recovered in summer 2024.", kB, "summer 2024", "2024-06-01", "2024-08-31");
  CheckDate("Snow was scarce in the winter of 2023.", kA, "the winter of 2023", "2023-12-01",
            "2024-02-29");
  // Last summer: A (May 2024) 2023; B (January 2023) 2022. Next summer: A 2024 (not
  // yet begun), B 2023.
  CheckDate("Crops failed last summer.", kA, "last summer", "2023-06-01", "2023-08-31");
  CheckDate("Crops failed last summer.", kB, "last summer", "2022-06-01", "2022-08-31");
  CheckDate("The pool reopens next summer.", kA, "next summer", "2024-06-01", "2024-08-31");
  CheckDate("The pool reopens next summer.", kB, "next summer", "2023-06-01", "2023-08-31");
  // A season word alone is no date.
  CHECK(All("Stores sold winter coats and prices may fall.", kA).empty());
}

}  // namespace
}  // namespace newsfacts
