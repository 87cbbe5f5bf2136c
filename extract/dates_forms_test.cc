// Tests of the date forms of rules/dates.toml, each resolved against two publication
// dates: A = Thursday 2024-05-23 and B = Tuesday 2023-01-10 (a leap year and a common
// year, one late in the year's first half and one just after a year boundary). The
// expected days are worked out by hand in the comments.

#include <doctest/doctest.h>

#include <chrono>
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

TEST_CASE("a day without a year is the latest one, or the next one in future tense") {
  CheckOnlyDate("The minister spoke on May 13.", kA, "May 13", "2024-05-13", "2024-05-13");
  CheckOnlyDate("The minister spoke on May 13.", kB, "May 13", "2022-05-13", "2022-05-13");
  // Future: May 13 2024 is before A, so 2025; after B, so 2023.
  CheckOnlyDate("The minister will speak on May 13.", kA, "May 13", "2025-05-13", "2025-05-13");
  CheckOnlyDate("The minister will speak on May 13.", kB, "May 13", "2023-05-13", "2023-05-13");
  // Year boundary: December after a January reference is last year's.
  CheckOnlyDate("The vote was held Dec. 30.", kB, "Dec. 30", "2022-12-30", "2022-12-30");
  // Leap day: 2024 has one before A; before B the latest is 2020's.
  CheckOnlyDate("The law took effect Feb. 29.", kA, "Feb. 29", "2024-02-29", "2024-02-29");
  CheckOnlyDate("The law took effect Feb. 29.", kB, "Feb. 29", "2020-02-29", "2020-02-29");
}

TEST_CASE("a weekday with a date chooses between the latest and the next such day") {
  // May 13 is a Monday in 2024 (before A). Before B the latest May 13 is 2022's (a
  // Friday) and the next 2023's (a Saturday): neither fits, so the past tense decides.
  CheckOnlyDate("Talks resumed on Monday, May 13.", kA, "Monday, May 13", "2024-05-13",
                "2024-05-13");
  CheckOnlyDate("Talks resumed on Monday, May 13.", kB, "Monday, May 13", "2022-05-13",
                "2022-05-13");
  // From A, the latest March 7 (2024) is a Thursday, the next (2025) a Friday.
  CheckOnlyDate("The vote was on Friday, March 7.", kA, "Friday, March 7", "2025-03-07",
                "2025-03-07");
  // The 31st falling on a Friday: May 2024 near A, March 2023 near B.
  CheckOnlyDate("The hearing is on Friday the 31st.", kA, "Friday the 31st", "2024-05-31",
                "2024-05-31");
  CheckOnlyDate("The hearing is on Friday the 31st.", kB, "Friday the 31st", "2023-03-31",
                "2023-03-31");
  CHECK(DatesAt("The rally on Friday 3 people were hurt.", kA).front().text == "Friday");
}

TEST_CASE("months, quarters, halves, fiscal years, decades, centuries") {
  CheckOnlyDate("Exports fell in June.", kA, "June", "2023-06-01", "2023-06-30");
  CheckOnlyDate("Exports fell in June.", kB, "June", "2022-06-01", "2022-06-30");
  CheckOnlyDate("Exports fell last September.", kA, "last September", "2023-09-01", "2023-09-30");
  CheckOnlyDate("Exports rise next March.", kA, "next March", "2025-03-01", "2025-03-31");
  CheckOnlyDate("Exports rise next March.", kB, "next March", "2023-03-01", "2023-03-31");
  // The third quarter has not begun by May 2024: the latest is 2023's.
  CheckOnlyDate("Sales rose in the third quarter.", kA, "the third quarter", "2023-07-01",
                "2023-09-30");
  CheckOnlyDate("Sales rose in the third quarter.", kB, "the third quarter", "2022-07-01",
                "2022-09-30");
  CheckOnlyDate("Sales rose in Q3 2023.", kA, "Q3 2023", "2023-07-01", "2023-09-30");
  CheckOnlyDate("Sales rose in 2019-Q1.", kB, "2019-Q1", "2019-01-01", "2019-03-31");
  CheckOnlyDate("Growth slowed in H1 2024.", kA, "H1 2024", "2024-01-01", "2024-06-30");
  // "of the year" is the reference's year, even before that half has begun.
  CheckOnlyDate("Rates rose in the second half of the year.", kA, "the second half of the year",
                "2024-07-01", "2024-12-31");
  CheckOnlyDate("Growth slowed in the second half of 2023.", kA, "the second half of 2023",
                "2023-07-01", "2023-12-31");
  CheckOnlyDate("Revenue fell in fiscal 2024.", kA, "fiscal 2024", "2024-01-01", "2024-12-31");
  // A fiscal year written with two years runs April to March (the UK and India).
  CheckOnlyDate("The FY2024/25 budget passed.", kA, "FY2024/25", "2024-04-01", "2025-03-31");
  CheckOnlyDate("Crime fell in the 1990s.", kB, "1990s", "1990-01-01", "1999-12-31");
  CheckOnlyDate("Crime fell in the '90s.", kB, "'90s", "1990-01-01", "1999-12-31");
  CheckOnlyDate("Crime fell in the nineties.", kB, "the nineties", "1990-01-01", "1999-12-31");
  CheckOnlyDate("It was built in the 21st century.", kA, "the 21st century", "2000-01-01",
                "2099-12-31");
  CheckOnlyDate("The plant opens in late 2025.", kA, "late 2025", "2025-09-01", "2025-12-31");
  CheckOnlyDate("The plant opened in early 2024.", kB, "early 2024", "2024-01-01", "2024-04-30");
  CheckOnlyDate("Talks collapsed in mid-November 2023.", kA, "mid-November 2023", "2023-11-11",
                "2023-11-20");
  // Month ends: late February is the 21st to the 29th in 2024, the 28th in 2023.
  CheckOnlyDate("Snow fell in late February 2024.", kA, "late February 2024", "2024-02-21",
                "2024-02-29");
  CheckOnlyDate("Snow fell in late February 2023.", kA, "late February 2023", "2023-02-21",
                "2023-02-28");
}

TEST_CASE("relative periods, weekdays and weekends") {
  CheckOnlyDate("Prices rose earlier this month.", kA, "earlier this month", "2024-05-01",
                "2024-05-22");
  CheckOnlyDate("Prices rose earlier this month.", kB, "earlier this month", "2023-01-01",
                "2023-01-09");
  CheckOnlyDate("Prices will rise later this year.", kA, "later this year", "2024-05-23",
                "2024-12-31");
  CheckOnlyDate("Prices will rise later this year.", kB, "later this year", "2023-01-10",
                "2023-12-31");
  // Last week of A runs Monday 13 to Sunday 19 May; of B, 2 to 8 January.
  CheckOnlyDate("He resigned last Tuesday.", kA, "last Tuesday", "2024-05-14", "2024-05-14");
  CheckOnlyDate("He resigned last Tuesday.", kB, "last Tuesday", "2023-01-03", "2023-01-03");
  CheckOnlyDate("The bill passed on Tuesday of last week.", kA, "Tuesday of last week",
                "2024-05-14", "2024-05-14");
  CheckOnlyDate("The bill comes up next week on Tuesday.", kA, "next week on Tuesday", "2024-05-28",
                "2024-05-28");
  CheckOnlyDate("Protesters gathered over the weekend.", kA, "the weekend", "2024-05-18",
                "2024-05-19");
  CheckOnlyDate("Protesters gathered over the weekend.", kB, "the weekend", "2023-01-07",
                "2023-01-08");
  CheckOnlyDate("Protesters will gather over the weekend.", kA, "the weekend", "2024-05-25",
                "2024-05-26");
  // Year boundary: last week from Wednesday 2024-01-03 is 2023-12-25..31.
  CheckOnlyDate("Exports fell last week.", "2024-01-03", "last week", "2023-12-25", "2023-12-31");
  CheckOnlyDate("The ship docked on the 27th.", kA, "on the 27th", "2024-04-27", "2024-04-27");
  CheckOnlyDate("The ship docked on the 27th.", kB, "on the 27th", "2022-12-27", "2022-12-27");
  CHECK(DatesAt("The office is on the 5th floor.", kA).empty());
  CheckOnlyDate("Sales grew this decade.", kA, "this decade", "2020-01-01", "2029-12-31");
  CheckOnlyDate("Sales will grow next decade.", kB, "next decade", "2030-01-01", "2039-12-31");
  // Thursday to Sunday of A's week.
  CheckOnlyDate("Rain is forecast for the rest of the week.", kA, "the rest of the week",
                "2024-05-23", "2024-05-26");
  // A rolling year, unlike "last year".
  CheckOnlyDate("Prices rose over the past year.", kA, "the past year", "2023-05-23", "2024-05-23");
  CheckOnlyDate("Prices rose over the past year.", kB, "the past year", "2022-01-10", "2023-01-10");
  CheckOnlyDate("Prices rose last year.", kB, "last year", "2022-01-01", "2022-12-31");
}

TEST_CASE("a day counted within a month") {
  // Memorial Day 2024: the last Monday of May 2024 is the 27th.
  CheckOnlyDate("Parades are held on the last Monday of May 2024.", kA,
                "the last Monday of May 2024", "2024-05-27", "2024-05-27");
  CheckOnlyDate("Rent is due on the 20th of next month.", kA, "the 20th of next month",
                "2024-06-20", "2024-06-20");
  CheckOnlyDate("Rent is due on the 20th of next month.", kB, "the 20th of next month",
                "2023-02-20", "2023-02-20");
  // July 1 was a Saturday in 2023 and a Friday in 2022.
  CheckOnlyDate("The fair opened on the first Friday of July.", kA, "the first Friday of July",
                "2023-07-07", "2023-07-07");
  CheckOnlyDate("The fair opened on the first Friday of July.", kB, "the first Friday of July",
                "2022-07-01", "2022-07-01");
  // A weekday that fits no nearby year is ignored: the date is placed as usual.
  // January 22 is a Sunday in 2023, a Monday in 2024 and a Wednesday in 2025.
  CheckOnlyDate("The talks began Fri, 22 of Jan.", kA, "Fri, 22 of Jan", "2024-01-22",
                "2024-01-22");
}

TEST_CASE("future offsets need a future clause") {
  CheckOnlyDate("The port will reopen in two weeks.", kA, "in two weeks", "2024-06-06",
                "2024-06-06");
  CheckOnlyDate("The port will reopen in two weeks.", kB, "in two weeks", "2023-01-24",
                "2023-01-24");
  CheckOnlyDate("The bridge opens two weeks from now.", kA, "two weeks from now", "2024-06-06",
                "2024-06-06");
  // A past clause: a duration, not a day.
  auto facts = DatesAt("Prices fell for the first time in two years.", kA);
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].kind == "duration");
  CHECK(facts[0].duration == std::optional<std::string>("P2Y"));
  CHECK_FALSE(facts[0].from.has_value());
}

TEST_CASE("holidays") {
  CheckOnlyDate("Shops closed on Christmas.", kA, "Christmas", "2023-12-25", "2023-12-25");
  CheckOnlyDate("Shops closed on Christmas.", kB, "Christmas", "2022-12-25", "2022-12-25");
  CheckOnlyDate("Shops will close on Christmas.", kB, "Christmas", "2023-12-25", "2023-12-25");
  // Easter 2024 was Sunday 31 March; Good Friday 2023 two days before 9 April.
  CheckOnlyDate("Crowds came at Easter 2024.", kB, "Easter 2024", "2024-03-31", "2024-03-31");
  CheckOnlyDate("Crowds came on Good Friday 2023.", kA, "Good Friday 2023", "2023-04-07",
                "2023-04-07");
  // Fourth Thursday of November 2023; last Monday of May 2024.
  CheckOnlyDate("Sales rose after Thanksgiving 2023.", kA, "Thanksgiving 2023", "2023-11-23",
                "2023-11-23");
  CheckOnlyDate("Parades were held on Memorial Day 2024.", kA, "Memorial Day 2024", "2024-05-27",
                "2024-05-27");
  CheckOnlyDate("The vote came two weeks before Christmas 2023.", kA,
                "two weeks before Christmas 2023", "2023-12-11", "2023-12-11");
}

TEST_CASE("numeric and separated forms") {
  CheckOnlyDate("Signed on 22/04/2019 in Madrid.", kA, "22/04/2019", "2019-04-22", "2019-04-22");
  CheckOnlyDate("Signed on 23.04.2022 in Berlin.", kA, "23.04.2022", "2022-04-23", "2022-04-23");
  CheckOnlyDate("Dated 2016/10/16.", kA, "2016/10/16", "2016-10-16", "2016-10-16");
  CheckOnlyDate("Left on 05-Aug-2016.", kA, "05-Aug-2016", "2016-08-05", "2016-08-05");
  CheckOnlyDate("Left on Sep-23-2020.", kA, "Sep-23-2020", "2020-09-23", "2020-09-23");
  CheckOnlyDate("Sales peaked in Dec-2018.", kA, "Dec-2018", "2018-12-01", "2018-12-31");
  CheckOnlyDate("Sales peaked in 2015-12.", kA, "2015-12", "2015-12-01", "2015-12-31");
  CheckOnlyDate("The card expires 11/2026.", kA, "11/2026", "2026-11-01", "2026-11-30");
  CheckOnlyDate("The form is dated 05/05/89.", kA, "05/05/89", "1989-05-05", "1989-05-05");
  CheckOnlyDate("Logged at 1994-11-05T08:15:30Z by the server.", kA, "1994-11-05T08:15:30Z",
                "1994-11-05", "1994-11-05");
  CHECK(DatesAt("Call +86 138-2010-2015 today.", kA).size() == 1);  // only "today"
  CHECK(DatesAt("The code is 123-12-1234.", kA).empty());
}

TEST_CASE("a length from a day") {
  // April 10, 2024 is a Wednesday: its week runs Monday 8 to Sunday 14.
  CheckOnlyDate("Talks were held the week of April 10.", kA, "the week of April 10", "2024-04-08",
                "2024-04-14");
  // 14 days from May 20: May 20 .. June 2.
  CheckOnlyDate("The fair ran two weeks starting May 20.", kA, "two weeks starting May 20",
                "2024-05-20", "2024-06-02");
  // Next week is May 27 .. June 2; its first half ends on the 29th.
  CheckOnlyDate("Talks resume at the beginning of next week.", kA, "the beginning of next week",
                "2024-05-27", "2024-05-29");
}

TEST_CASE("ranges without years follow their first part") {
  // A range around the reference is in its year, whatever the tense.
  CheckOnlyDate("Roads will close from May to September.", kA, "from May to September",
                "2024-05-01", "2024-09-30");
  CheckOnlyDate("Roads closed from May to September.", kB, "from May to September", "2022-05-01",
                "2022-09-30");
  CheckOnlyDate("Roads close from March to May.", kA, "from March to May", "2024-03-01",
                "2024-05-31");
  CheckOnlyDate("Roads closed from March to May.", kB, "from March to May", "2022-03-01",
                "2022-05-31");
  // Across a year boundary: Dec. 28 before B is 2022's, Jan. 3 then follows it.
  CheckOnlyDate("Roads closed from Dec. 28 to Jan. 3.", kB, "from Dec. 28 to Jan. 3", "2022-12-28",
                "2023-01-03");
  // Weekdays: the start is placed as any weekday, the end is the next such day after it.
  CheckOnlyDate("Schools closed from Monday to Friday.", kA, "from Monday to Friday", "2024-05-20",
                "2024-05-24");
  CheckOnlyDate("Schools closed from Monday to Friday.", kB, "from Monday to Friday", "2023-01-09",
                "2023-01-13");
  CheckOnlyDate("Schools will close from Monday to Friday.", kA, "from Monday to Friday",
                "2024-05-27", "2024-05-31");
  CheckOnlyDate("Prices rose between Jan 2019 and now.", kB, "between Jan 2019 and now",
                "2019-01-01", "2023-01-10");
}

TEST_CASE("within, later and whole quarters back or ahead") {
  // within N: the reference day to the day before N have passed (A + 29 days: May has
  // 31, so June 21; B + 29: January 31, then February 8).
  CheckOnlyDate("The agency must reply within 30 days.", kA, "30 days", "2024-05-23", "2024-06-21");
  CheckOnlyDate("The agency must reply within 30 days.", kB, "30 days", "2023-01-10", "2023-02-08");
  CheckOnlyDate("Both plants close within the next two years.", kA, "two years", "2024-05-23",
                "2026-05-22");
  CheckOnlyDate("Both plants close within the next two years.", kB, "two years", "2023-01-10",
                "2025-01-09");
  // Quarters are calendar quarters before or after the reference's own (A is in Q2
  // 2024, B in Q1 2023).
  CheckOnlyDate("Output fell in the past two quarters.", kA, "two quarters", "2023-10-01",
                "2024-03-31");
  CheckOnlyDate("Output fell in the past two quarters.", kB, "two quarters", "2022-07-01",
                "2022-12-31");
  CheckOnlyDate("Output should grow over the next three quarters.", kA, "three quarters",
                "2024-07-01", "2025-03-31");
  CheckOnlyDate("Output should grow over the next three quarters.", kB, "three quarters",
                "2023-04-01", "2023-12-31");
  CHECK(DatesAt("Three quarters of the vote went to the mayor.", kA).empty());
  // N units later: that far after the reference (A + 21 = June 13; B + 21 = Jan 31).
  CheckOnlyDate("The firm was sold, and three weeks later it closed.", kA, "three weeks later",
                "2024-06-13", "2024-06-13");
  CheckOnlyDate("The firm was sold, and three weeks later it closed.", kB, "three weeks later",
                "2023-01-31", "2023-01-31");
}

TEST_CASE("compound lengths move the reference in the order written") {
  // A - 2 years = 2022-05-23, - 3 months = 2022-02-23; B: 2021-01-10, then 2020-10-10.
  CheckOnlyDate("The mine closed two years and three months ago.", kA,
                "two years and three months ago", "2022-02-23", "2022-02-23");
  CheckOnlyDate("The mine closed two years and three months ago.", kB,
                "two years and three months ago", "2020-10-10", "2020-10-10");
  // A + 1 month = June 23, + 21 days = July 14; B: February 10, + 21 = March 3 (2023
  // is no leap year).
  CheckOnlyDate("It reopened 1 month and 21 days later.", kA, "1 month and 21 days later",
                "2024-07-14", "2024-07-14");
  CheckOnlyDate("It reopened 1 month and 21 days later.", kB, "1 month and 21 days later",
                "2023-03-03", "2023-03-03");
  // After "last" the first length is its own: "the last 3 months" and "2 days ago".
  auto facts = DatesAt("Talks ran for the last 3 months and 2 days ago they ended.", kA);
  REQUIRE(facts.size() == 2);
  CHECK(facts[1].text == "2 days ago");
  CHECK(facts[1].from == std::optional<std::string>("2024-05-21"));
}

TEST_CASE("weeks and parts counted within a month or a year") {
  // Weeks run Monday to Sunday; the first holds the first Thursday. January 2024 starts
  // on a Monday (week 3 = 15..21); January 2023 on a Sunday (week 1 = 2..8, week 3 =
  // 16..22). Before B, January is the one under way.
  CheckOnlyDate("Talks resumed in the third week of January.", kA, "the third week of January",
                "2024-01-15", "2024-01-21");
  CheckOnlyDate("Talks resumed in the third week of January.", kB, "the third week of January",
                "2023-01-16", "2023-01-22");
  // 2016-12-31 is a Saturday: its last Thursday is the 29th, week Dec 26 - Jan 1.
  CheckOnlyDate("Prices peaked in the last week of 2016.", kA, "the last week of 2016",
                "2016-12-26", "2017-01-01");
  // 2021-01-01 is a Friday: the first Thursday is January 7.
  CheckOnlyDate("Prices fell in the first week of 2021.", kB, "the first week of 2021",
                "2021-01-04", "2021-01-10");
  CheckOnlyDate("Seizures doubled in the first six months of 2023.", kA,
                "the first six months of 2023", "2023-01-01", "2023-06-30");
  // 2024-12-31 is a Tuesday (last week Dec 23..29); 2023-12-31 a Sunday (Dec 25..31).
  CheckOnlyDate("Sales slow in the last two weeks of the year.", kA,
                "the last two weeks of the year", "2024-12-16", "2024-12-29");
  CheckOnlyDate("Sales slow in the last two weeks of the year.", kB,
                "the last two weeks of the year", "2023-12-18", "2023-12-31");
  CheckOnlyDate("Rain fell in the first 10 days of last month.", kA,
                "the first 10 days of last month", "2024-04-01", "2024-04-10");
  CheckOnlyDate("Rain fell in the first 10 days of last month.", kB,
                "the first 10 days of last month", "2022-12-01", "2022-12-10");
  // A year's halves are whole months; "later" includes the reference day.
  CheckOnlyDate("A vote is due by the end of the year.", kA, "the end of the year", "2024-07-01",
                "2024-12-31");
  CheckOnlyDate("A vote is due by the end of the year.", kB, "the end of the year", "2023-07-01",
                "2023-12-31");
  CheckOnlyDate("The plant shut late last year.", kA, "late last year", "2023-07-01", "2023-12-31");
  CheckOnlyDate("The plant shut late last year.", kB, "late last year", "2022-07-01", "2022-12-31");
  CheckOnlyDate("A second vote is planned later in the year.", kA, "later in the year",
                "2024-05-23", "2024-12-31");
  CheckOnlyDate("A second vote is planned later in the year.", kB, "later in the year",
                "2023-01-10", "2023-12-31");
  // A is a Thursday (Monday the 20th to Wednesday the 22nd); B a Tuesday (Monday only).
  CheckOnlyDate("The talks stalled earlier in the week.", kA, "earlier in the week", "2024-05-20",
                "2024-05-22");
  CheckOnlyDate("The talks stalled earlier in the week.", kB, "earlier in the week", "2023-01-09",
                "2023-01-09");
  CheckOnlyDate("The plant closed in March last year.", kA, "March last year", "2023-03-01",
                "2023-03-31");
  CheckOnlyDate("The plant closed in March last year.", kB, "March last year", "2022-03-01",
                "2022-03-31");
  CheckOnlyDate("Voting starts in June next year.", kA, "June next year", "2025-06-01",
                "2025-06-30");
  CheckOnlyDate("Voting starts in June next year.", kB, "June next year", "2024-06-01",
                "2024-06-30");
  CheckOnlyDate("The index is down 20% year to date.", kA, "year to date", "2024-01-01",
                "2024-05-23");
  CheckOnlyDate("The index is down 20% year to date.", kB, "year to date", "2023-01-01",
                "2023-01-10");
  CheckOnlyDate("Gains were large in this calendar year.", kB, "this calendar year", "2023-01-01",
                "2023-12-31");
}

TEST_CASE("holiday weekends, decades with an apostrophe, more numeric forms") {
  // Labor Day 2023 is Monday September 4 (Sep 1 was a Friday); 2022's is September 5.
  CheckOnlyDate("Traffic deaths rose over the Labor Day weekend.", kA, "Labor Day weekend",
                "2023-09-02", "2023-09-04");
  CheckOnlyDate("Traffic deaths rose over the Labor Day weekend.", kB, "Labor Day weekend",
                "2022-09-03", "2022-09-05");
  // Thanksgiving 2023 is Thursday November 23; 2022's November 24: Thursday to Sunday.
  CheckOnlyDate("Stores were busy on Thanksgiving weekend.", kA, "Thanksgiving weekend",
                "2023-11-23", "2023-11-26");
  CheckOnlyDate("Stores were busy on Thanksgiving weekend.", kB, "Thanksgiving weekend",
                "2022-11-24", "2022-11-27");
  CheckOnlyDate("Rents doubled in the 1970's.", kA, "1970's", "1970-01-01", "1979-12-31");
  CheckOnlyDate("The ship left on Oct-2 with grain.", kA, "Oct-2", "2023-10-02", "2023-10-02");
  CheckOnlyDate("The ship left on Oct-2 with grain.", kB, "Oct-2", "2022-10-02", "2022-10-02");
  CheckOnlyDate("The office reopened on 22/04 after repairs.", kA, "22/04", "2024-04-22",
                "2024-04-22");
  CheckOnlyDate("The office reopened on 22/04 after repairs.", kB, "22/04", "2022-04-22",
                "2022-04-22");
  CheckOnlyDate("The form is dated 9-18-15 at the top.", kA, "9-18-15", "2015-09-18", "2015-09-18");
  CheckOnlyDate("The form is dated 21/04/16 at the top.", kB, "21/04/16", "2016-04-21",
                "2016-04-21");
  CheckOnlyDate("The file is dated 2019-aug-01 in the index.", kB, "2019-aug-01", "2019-08-01",
                "2019-08-01");
  // Two-digit years fall in the hundred years that end twenty after the reference:
  // 44 is 2044 from 2024 but 1944 from 2023; 47 is 1947 from both.
  CheckOnlyDate("The deed is dated 05/13/44 in ink.", kA, "05/13/44", "2044-05-13", "2044-05-13");
  CheckOnlyDate("The deed is dated 05/13/44 in ink.", kB, "05/13/44", "1944-05-13", "1944-05-13");
  CheckOnlyDate("The deed is dated 05/13/47 in ink.", kA, "05/13/47", "1947-05-13", "1947-05-13");
  // June 11 2024 is the Tuesday the 11th nearest A; January 11 2023 is B's Wednesday.
  CheckOnlyDate("The hearing is on Tuesday the eleventh.", kA, "Tuesday the eleventh", "2024-06-11",
                "2024-06-11");
  CheckOnlyDate("The hearing is on Wednesday the eleventh.", kB, "Wednesday the eleventh",
                "2023-01-11", "2023-01-11");
}

TEST_CASE("hostile date inputs finish quickly") {
  auto start = std::chrono::steady_clock::now();
  std::string digits(1 << 20, '1');
  DatesAt(digits, kA);
  std::string nested = std::string(10000, '(') + "May 13, 2024" + std::string(10000, ')');
  CheckOnlyDate(nested, kA, "May 13, 2024", "2024-05-13", "2024-05-13");
  std::string slashes;
  for (int i = 0; i < 50000; ++i) slashes += "1/2/";
  DatesAt(slashes, kA);
  // Digits of other scripts are not read as days or years.
  CHECK(DatesAt("\xd9\xa1\xd9\xa3 May \xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4", kA).size() <= 1);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);
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
    for (const DateFact& f : DatesAt(soup, ref)) {
      CHECK(f.span.start < f.span.end);
      CHECK(f.span.end <= static_cast<int64_t>(soup.size()));
      if (f.from && f.to) CHECK(*f.from <= *f.to);
    }
  }
}

}  // namespace
}  // namespace newsfacts
