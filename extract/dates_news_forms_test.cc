// Tests of the date forms added for times inside dates, day-only range starts, ordinal
// weekdays and weeks, years in other shapes, periods named by anaphora and relative
// lengths. Each is resolved against two publication dates: A = Thursday 2024-05-23 and
// B = Tuesday 2023-01-10. The expected days are worked out by hand in the comments.

#include <doctest/doctest.h>

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

TEST_CASE("a period named without a number is the reference date's") {
  // A's week runs Monday 20 to Sunday 26 May; B's Monday 9 to Sunday 15 January.
  CheckOnlyDate("The office stays shut for the week while the roof is repaired.", kA, "the week",
                "2024-05-20", "2024-05-26");
  CheckOnlyDate("The office stays shut for the week while the roof is repaired.", kB, "the week",
                "2023-01-09", "2023-01-15");
  CheckOnlyDate("Two other ports reported seizures the same month.", kA, "the same month",
                "2024-05-01", "2024-05-31");
  CheckOnlyDate("Two other ports reported seizures the same month.", kB, "the same month",
                "2023-01-01", "2023-01-31");
  CheckOnlyDate("Crews worked through that weekend, officials said.", kA, "that weekend",
                "2024-05-25", "2024-05-26");
  CheckOnlyDate("Crews worked through that weekend, officials said.", kB, "that weekend",
                "2023-01-14", "2023-01-15");
  // Two weeks on from the reference date's: A 3 to 9 June, B 23 to 29 January.
  CheckOnlyDate("The hearing moves to the week after next.", kA, "the week after next",
                "2024-06-03", "2024-06-09");
  CheckOnlyDate("The hearing moves to the week after next.", kB, "the week after next",
                "2023-01-23", "2023-01-29");
  // "end of" is a year's last six months.
  CheckOnlyDate("The ministry promised a decision by end of year.", kA, "end of year", "2024-07-01",
                "2024-12-31");
  CheckOnlyDate("The ministry promised a decision by end of year.", kB, "end of year", "2023-07-01",
                "2023-12-31");
  CheckOnlyDate("Officials had warned of the storm the day before.", kA, "the day before",
                "2024-05-22", "2024-05-22");
  CheckOnlyDate("Officials had warned of the storm the day before.", kB, "the day before",
                "2023-01-09", "2023-01-09");
}

TEST_CASE("a period tied to another time is not the reference date's") {
  CheckOnlyDate("The year 2020 was hard on the port.", kA, "2020", "2020-01-01", "2020-12-31");
  CHECK(DatesAt("They met the day before the vote.", kA).empty());
  CHECK(DatesAt("It was the week of his arrest.", kA).empty());
  CHECK(DatesAt("She took the day off.", kB).empty());
  // The month compared with last year's is not the reference month: only "last year".
  CheckOnlyDate("Prices were higher than the same month last year.", kA, "last year", "2023-01-01",
                "2023-12-31");
}

TEST_CASE("two days written with one month") {
  // No future word: the latest April 9, so 2024 for A and 2022 for B.
  CheckOnlyDate("The border post stayed closed April ninth through seventeenth.", kA,
                "April ninth through seventeenth", "2024-04-09", "2024-04-17");
  CheckOnlyDate("The border post stayed closed April ninth through seventeenth.", kB,
                "April ninth through seventeenth", "2022-04-09", "2022-04-17");
  // "will": the next September.
  CheckOnlyDate("Inspectors will visit between 3 and 12 of Sept, the agency said.", kA,
                "between 3 and 12 of Sept", "2024-09-03", "2024-09-12");
  CheckOnlyDate("Inspectors will visit between 3 and 12 of Sept, the agency said.", kB,
                "between 3 and 12 of Sept", "2023-09-03", "2023-09-12");
  CheckOnlyDate("The curfew ran from 4 to January 22, 1995, in the north.", kA,
                "from 4 to January 22, 1995", "1995-01-04", "1995-01-22");
  CheckOnlyDate("The museum is shut from 4 to 22 next month for repairs.", kA,
                "from 4 to 22 next month", "2024-06-04", "2024-06-22");
  CheckOnlyDate("The museum is shut from 4 to 22 next month for repairs.", kB,
                "from 4 to 22 next month", "2023-02-04", "2023-02-22");
  // Days that wrap: April 27 to May 3 (2024 for A; for B the latest April 27 is 2022's).
  CheckOnlyDate("Roads were shut from April 27 to 3.", kA, "April 27 to 3", "2024-04-27",
                "2024-05-03");
  CheckOnlyDate("Roads were shut from April 27 to 3.", kB, "April 27 to 3", "2022-04-27",
                "2022-05-03");
  // An hour, a score and a count are no second day.
  CheckOnlyDate("The count ran May 5 to 7 p.m. each day.", kA, "May 5", "2024-05-05", "2024-05-05");
  CHECK(DatesAt("Cases rose from 4 to 22 among the staff.", kA).empty());
}

TEST_CASE("a time of day between a date and its year") {
  CheckOnlyDate("The log entry reads Oct 26 15:50:06 2016 in the server's clock.", kA,
                "Oct 26 15:50:06 2016", "2016-10-26", "2016-10-26");
  CheckOnlyDate("The last backup ran Thu Oct 26 11:00:09 EDT 2023, the logs show.", kB,
                "Thu Oct 26 11:00:09 EDT 2023", "2023-10-26", "2023-10-26");
  // March 6, 2016 was a Sunday; so was December 7, 2014.
  CheckOnlyDate("The vote was held on Sunday, March, 6th 2016 across the country.", kA,
                "Sunday, March, 6th 2016", "2016-03-06", "2016-03-06");
  CheckOnlyDate("The ballot closed on Sunday 12/7/2014 at noon.", kB, "Sunday 12/7/2014",
                "2014-12-07", "2014-12-07");
}

TEST_CASE("years written in other shapes") {
  // 96 is 1996 for both: 2096 would be more than twenty years after either.
  CheckOnlyDate("The archive copy is dated Aug 9, 96.", kA, "Aug 9, 96", "1996-08-09",
                "1996-08-09");
  CheckOnlyDate("She was born on 3rd Feb 82 in Leeds.", kB, "3rd Feb 82", "1982-02-03",
                "1982-02-03");
  CheckOnlyDate("The mill closed in April of 87 after the strike.", kA, "April of 87", "1987-04-01",
                "1987-04-30");
  CheckOnlyDate("On March 3, 12 people were hurt.", kA, "March 3", "2024-03-03", "2024-03-03");
  CheckOnlyDate("The register lists the sale under 2018 March 18 in its ledger.", kB,
                "2018 March 18", "2018-03-18", "2018-03-18");
  CheckOnlyDate("The notice gives the date as 16. Nov. 2016 in the German style.", kA,
                "16. Nov. 2016", "2016-11-16", "2016-11-16");
  CheckOnlyDate("The permit expired on 21-04-2016, the court heard.", kB, "21-04-2016",
                "2016-04-21", "2016-04-21");
  CheckOnlyDate("The ledger entry is dated 2015.5.13 in the scan.", kA, "2015.5.13", "2015-05-13",
                "2015-05-13");
  CheckOnlyDate("The family left in nineteen ninety six and never came back.", kA,
                "nineteen ninety six", "1996-01-01", "1996-12-31");
  CheckOnlyDate("The charter was signed in one thousand seven hundred and eighty nine.", kB,
                "one thousand seven hundred and eighty nine", "1789-01-01", "1789-12-31");
  CheckOnlyDate("The treaty was signed on January twenty five nineteen eighty six in Geneva.", kA,
                "January twenty five nineteen eighty six", "1986-01-25", "1986-01-25");
  CheckOnlyDate("The firm was founded in October two thousand and five.", kB,
                "October two thousand and five", "2005-10-01", "2005-10-31");
  CheckOnlyDate("In May two thousand people marched.", kA, "May", "2024-05-01", "2024-05-31");
  auto list = DatesAt("Exports fell in 2007 and 2009, the bank said.", kA);
  REQUIRE(list.size() == 2);
  CHECK(list[0].text == "2007");
  CHECK(list[1].text == "2009");
  CHECK(list[1].from == std::optional<std::string>("2009-01-01"));
}

TEST_CASE("ordinal weekdays, weeks and months") {
  // July 1, 2024 is a Monday (first Friday July 5); July 1, 2023 a Saturday (July 7).
  CheckOnlyDate("The fund will pay out on the first friday of july.", kA,
                "the first friday of july", "2024-07-05", "2024-07-05");
  CheckOnlyDate("The fund will pay out on the first friday of july.", kB,
                "the first friday of july", "2023-07-07", "2023-07-07");
  CheckOnlyDate("The new rates apply from the 15th day of next month.", kA,
                "the 15th day of next month", "2024-06-15", "2024-06-15");
  CheckOnlyDate("The new rates apply from the 15th day of next month.", kB,
                "the 15th day of next month", "2023-02-15", "2023-02-15");
  // May 1, 2024 is a Wednesday (Sundays 5, 12); January 1, 2023 a Sunday (1, 8).
  CheckOnlyDate("The board meets on the second Sunday, the chair said.", kA, "the second Sunday",
                "2024-05-12", "2024-05-12");
  CheckOnlyDate("The board meets on the second Sunday, the chair said.", kB, "the second Sunday",
                "2023-01-08", "2023-01-08");
  // Another period's Sunday: only the weekday itself is read.
  for (const DateFact& f : DatesAt("It was the first Sunday of Advent.", kA))
    CHECK(f.text == "Sunday");
  // ISO weeks: week 1 of 2024 starts Monday January 1, of 2023 Monday January 2.
  CheckOnlyDate("Deliveries resume in week 10, the depot said.", kA, "week 10", "2024-03-04",
                "2024-03-10");
  CheckOnlyDate("Deliveries resume in week 10, the depot said.", kB, "week 10", "2023-03-06",
                "2023-03-12");
  // January 4, 2027 is a Monday: week 3 is 18 to 24 January.
  CheckOnlyDate("The audit is planned for week 3 of 2027.", kA, "week 3 of 2027", "2027-01-18",
                "2027-01-24");
  CHECK(DatesAt("It was week 10 of the strike.", kA).empty());
  CheckOnlyDate("The plant will reopen in the third month of 2021.", kB, "the third month of 2021",
                "2021-03-01", "2021-03-31");
  CheckOnlyDate("The 9th month of next year is the target.", kA, "The 9th month of next year",
                "2025-09-01", "2025-09-30");
  // "planned": the next 18th (June 18, 2024, a Tuesday; January 18, 2023, a Wednesday),
  // and its Monday-to-Sunday week.
  CheckOnlyDate("Inspections are planned for the week of the 18th.", kA, "the week of the 18th",
                "2024-06-17", "2024-06-23");
  CheckOnlyDate("Inspections are planned for the week of the 18th.", kB, "the week of the 18th",
                "2023-01-16", "2023-01-22");
  CheckOnlyDate("The talks resume next week Mon.", kA, "next week Mon", "2024-05-27", "2024-05-27");
  CheckOnlyDate("The talks resume next week Mon.", kB, "next week Mon", "2023-01-16", "2023-01-16");
}

TEST_CASE("lengths placed from the reference date") {
  CheckOnlyDate("The bridge is closed for 3 days from today.", kA, "for 3 days from today",
                "2024-05-23", "2024-05-25");
  CheckOnlyDate("The bridge is closed for 3 days from today.", kB, "for 3 days from today",
                "2023-01-10", "2023-01-12");
  // No past in the sentence: five days ahead.
  CheckOnlyDate("The court rules in 5 days.", kA, "in 5 days", "2024-05-28", "2024-05-28");
  CheckOnlyDate("The court rules in 5 days.", kB, "in 5 days", "2023-01-15", "2023-01-15");
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

TEST_CASE("a weekday next to a counted day or a week") {
  // A: two weeks on is Thursday June 6, in the week of Monday June 3; B: Tuesday January
  // 24, in the week of Monday January 23.
  CheckOnlyDate("The panel sits Monday two weeks from now.", kA, "Monday two weeks from now",
                "2024-06-03", "2024-06-03");
  CheckOnlyDate("The panel sits Monday two weeks from now.", kB, "Monday two weeks from now",
                "2023-01-23", "2023-01-23");
  // A: 3 days on is Sunday May 26 (week of May 20: Friday May 24); B: Friday January 13.
  CheckOnlyDate("The hearing is in 3 days on Friday.", kA, "in 3 days on Friday", "2024-05-24",
                "2024-05-24");
  CheckOnlyDate("The hearing is in 3 days on Friday.", kB, "in 3 days on Friday", "2023-01-13",
                "2023-01-13");
  // Next week: A Monday May 27, B Monday January 16.
  CheckOnlyDate("The court sits next week between Wednesday and Friday.", kA,
                "next week between Wednesday and Friday", "2024-05-29", "2024-05-31");
  CheckOnlyDate("The court sits next week between Wednesday and Friday.", kB,
                "next week between Wednesday and Friday", "2023-01-18", "2023-01-20");
  CheckOnlyDate("The envoy arrives on Tuesday, next week.", kA, "Tuesday, next week", "2024-05-28",
                "2024-05-28");
  CheckOnlyDate("The envoy arrives on Tuesday, next week.", kB, "Tuesday, next week", "2023-01-17",
                "2023-01-17");
}

TEST_CASE("more day, month and week forms") {
  // The latest 27th: April 27 for A, December 27, 2022 for B.
  CheckOnlyDate("Payments resumed on the 27.", kA, "the 27", "2024-04-27", "2024-04-27");
  CheckOnlyDate("Payments resumed on the 27.", kB, "the 27", "2022-12-27", "2022-12-27");
  CheckOnlyDate("The vote was on the 17 from 2pm.", kA, "the 17", "2024-05-17", "2024-05-17");
  CheckOnlyDate("The vote was on the 17 from 2pm.", kB, "the 17", "2022-12-17", "2022-12-17");
  CheckOnlyDate("Output peaked in 2015-3, the bank said.", kA, "2015-3", "2015-03-01",
                "2015-03-31");
  CheckOnlyDate("Results for 2016 the third quarter were weak.", kB, "2016 the third quarter",
                "2016-07-01", "2016-09-30");
  CheckOnlyDate("Elections are planned for june next year.", kA, "june next year", "2025-06-01",
                "2025-06-30");
  CheckOnlyDate("Elections are planned for june next year.", kB, "june next year", "2024-06-01",
                "2024-06-30");
  // 2025's first Thursday is January 2 (week 1 from December 30, 2024); 2024's is
  // January 4 (week 1 from January 1).
  CheckOnlyDate("Works start the third week next year.", kA, "the third week next year",
                "2025-01-13", "2025-01-19");
  CheckOnlyDate("Works start the third week next year.", kB, "the third week next year",
                "2024-01-15", "2024-01-21");
  // A's working week: Monday 20 to Friday 24 May; B's next one: 16 to 20 January.
  CheckOnlyDate("The plant is shut this working week.", kA, "this working week", "2024-05-20",
                "2024-05-24");
  CheckOnlyDate("The plant reopens next workweek.", kB, "next workweek", "2023-01-16",
                "2023-01-20");
  CheckOnlyDate("Sales for CY 2018 were flat.", kA, "CY 2018", "2018-01-01", "2018-12-31");
  CheckOnlyDate("The ferry sails again May twenty nine.", kB, "May twenty nine", "2022-05-29",
                "2022-05-29");
  CheckOnlyDate("The permit ran from 01/21/2021 10:00 to 01/01/2023 07:00.", kA,
                "from 01/21/2021 10:00 to 01/01/2023 07:00", "2021-01-21", "2023-01-01");
}

TEST_CASE("business days step over weekends") {
  // A is a Thursday: Friday 24, Monday 27, Tuesday 28, Wednesday 29. B is a Tuesday:
  // Wednesday 11, Thursday 12, Friday 13, Monday 16.
  CheckOnlyDate("The refund arrives in four business days.", kA, "in four business days",
                "2024-05-29", "2024-05-29");
  CheckOnlyDate("The refund arrives in four business days.", kB, "in four business days",
                "2023-01-16", "2023-01-16");
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
  // Minutes stay on the reference day.
  CheckOnlyDate("Traffic was light in the past 5 minutes.", kA, "5 minutes", "2024-05-23",
                "2024-05-23");
  // The count before the word: as "the next 5 years", from the day after the reference.
  CheckOnlyDate("What will the 5 upcoming years bring?", kA, "5 upcoming years", "2024-05-24",
                "2029-05-23");
  CheckOnlyDate("What will the 5 upcoming years bring?", kB, "5 upcoming years", "2023-01-11",
                "2028-01-10");
  CHECK(DatesAt("The crew will be down to 3 next week.", kA).size() == 1);  // "next week" alone
  // A: Sundays May 26, June 2; B: Sundays January 15, 22.
  CheckOnlyDate("The ferry returns two Sundays from now.", kA, "two Sundays from now", "2024-06-02",
                "2024-06-02");
  CheckOnlyDate("The ferry returns two Sundays from now.", kB, "two Sundays from now", "2023-01-22",
                "2023-01-22");
}

TEST_CASE("more ranges") {
  // B: March is after January 10, so the latest March is 2022's.
  CheckOnlyDate("Output has grown from March to date.", kA, "from March to date", "2024-03-01",
                "2024-05-23");
  CheckOnlyDate("Output has grown from March to date.", kB, "from March to date", "2022-03-01",
                "2023-01-10");
  CheckOnlyDate("The study covers 2014~2018.", kA, "2014~2018", "2014-01-01", "2018-12-31");
  // This week's Monday (May 20) is before this Friday (May 24): the range ends a week on.
  CheckOnlyDate("The market opens this Friday to this Monday.", kA, "this Friday to this Monday",
                "2024-05-24", "2024-05-27");
  // A relative day followed by the date it stands for: the written date.
  CheckOnlyDate("The vote will be held this Friday (May 24).", kA, "this Friday (May 24",
                "2024-05-24", "2024-05-24");
  CheckOnlyDate("Tune in tomorrow, 24/05/24, for the result.", kB, "tomorrow, 24/05/24",
                "2024-05-24", "2024-05-24");
}

}  // namespace
}  // namespace newsfacts
