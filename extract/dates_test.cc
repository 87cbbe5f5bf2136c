// Tests of ExtractDates against the shipped rules/dates.toml, and of the civil-date
// helpers. Weekdays and offsets are worked out by hand in the comments.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/date_math.h"
#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::DateRules;

using extract_internal::AddMonths;
using extract_internal::CivilDate;
using extract_internal::DaysInMonth;
using extract_internal::FromDays;
using extract_internal::ToDays;
using extract_internal::Weekday;

// 2024-05-23 is a Thursday.
constexpr const char* kRef = "2024-05-23";

std::vector<DateFact> Extract(const std::string& text, std::optional<std::string> ref = kRef) {
  std::vector<DateFact> out;
  Context context;
  context.reference_date = ref;
  ExtractDates(text, DateRules(), context, &out);
  return out;
}

// The one fact of text, checked to be the only one.
DateFact One(const std::string& text, std::optional<std::string> ref = kRef) {
  auto facts = Extract(text, ref);
  INFO(text);
  REQUIRE(facts.size() == 1);
  return facts[0];
}

using Opt = std::optional<std::string>;

TEST_CASE("dates rule file loads and its examples pass") {
  CHECK(DateRules().id() == "dates");
  for (const std::string& failure : DateRules().RunExamples()) FAIL(failure);
}

TEST_CASE("a count of tens and units joined by a hyphen is the whole count") {
  // "Twenty-two months" was read as "two months" from inside the word.
  DateFact d = One("The inquiry lasted twenty-two months in all.");
  CHECK(d.text == "twenty-two months");
  REQUIRE(d.duration);
  CHECK(*d.duration == "P22M");
  d = One("It ran for thirty-five years.");
  REQUIRE(d.duration);
  CHECK(*d.duration == "P35Y");
  // Not tens and units: no count at all, rather than "five days".
  CHECK(Extract("A five-five days tie.").empty());
}

TEST_CASE("civil date arithmetic") {
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2023, 2) == 28);
  CHECK(DaysInMonth(1900, 2) == 28);
  CHECK(DaysInMonth(2000, 2) == 29);
  CHECK(DaysInMonth(2024, 4) == 30);
  CHECK(ToDays(CivilDate{1970, 1, 1}) == 0);
  CHECK(ToDays(CivilDate{2000, 3, 1}) == 11017);
  CHECK(FromDays(11017) == CivilDate{2000, 3, 1});
  CHECK(FromDays(-1) == CivilDate{1969, 12, 31});
  CHECK(Weekday(CivilDate{2024, 5, 23}) == 4);  // Thursday
  CHECK(Weekday(CivilDate{1970, 1, 1}) == 4);
  CHECK(AddMonths(CivilDate{2024, 1, 31}, 1) == CivilDate{2024, 2, 29});
  CHECK(AddMonths(CivilDate{2023, 1, 31}, 1) == CivilDate{2023, 2, 28});
  CHECK(AddMonths(CivilDate{2024, 1, 15}, -1) == CivilDate{2023, 12, 15});
}

TEST_CASE("the seed-style range is one fact including 'from'") {
  auto facts =
      Extract("Agents seized the drug from December 1, 2018, to May 13, 2024, the ministry said.");
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].text == "from December 1, 2018, to May 13, 2024");
  CHECK(facts[0].kind == "range");
  CHECK(facts[0].from == Opt("2018-12-01"));
  CHECK(facts[0].to == Opt("2024-05-13"));
  CHECK(facts[0].granularity == Opt("day"));
  CHECK(facts[0].rule == "dates.range.from_to");
  // "Agents seized the drug " is 23 bytes; the range is 38 bytes long.
  CHECK(facts[0].span == Span{23, 61});
}

TEST_CASE("day dates in common forms") {
  const char* texts[] = {"It began on December 1, 2018.", "It began on 1 December 2018.",
                         "It began on Dec. 1, 2018.",     "It began on 2018-12-01.",
                         "It began on 12/01/2018.",       "It began on the 1st of December 2018."};
  for (const char* text : texts) {
    DateFact f = One(text);
    CHECK(f.kind == "date");
    CHECK(f.from == Opt("2018-12-01"));
    CHECK(f.to == Opt("2018-12-01"));
    CHECK(f.granularity == Opt("day"));
  }
}

TEST_CASE("a day without a year takes the reference year") {
  DateFact f = One("The minister spoke on May 13 in the capital.");
  CHECK(f.text == "May 13");
  CHECK(f.from == Opt("2024-05-13"));
  DateFact g = One("The minister spoke on May 13 in the capital.", std::nullopt);
  CHECK_FALSE(g.from.has_value());
  CHECK_FALSE(g.to.has_value());
  CHECK(g.kind == "date");
}

TEST_CASE("invalid days are not dates") {
  CHECK(Extract("The deal was dated February 29, 2023 by mistake.").empty());
  CHECK(Extract("The deal was dated April 31, 2024 by mistake.").empty());
  DateFact f = One("The deal was dated February 29, 2024.");
  CHECK(f.from == Opt("2024-02-29"));
}

TEST_CASE("months have their real lengths") {
  CHECK(One("Prices rose in May 2024.").to == Opt("2024-05-31"));
  CHECK(One("Prices rose in May 2024.").from == Opt("2024-05-01"));
  CHECK(One("Prices rose in May 2024.").granularity == Opt("month"));
  CHECK(One("Prices rose in February 2024.").to == Opt("2024-02-29"));
  CHECK(One("Prices rose in February 2023.").to == Opt("2023-02-28"));
  CHECK(One("Prices rose in February 1900.").to == Opt("1900-02-28"));
  CHECK(One("Prices rose in February 2000.").to == Opt("2000-02-29"));
  // A month without a year: the next one when the clause speaks of the future, else
  // the latest one begun by the reference date (2024-05-23).
  DateFact bare = One("The talks will resume in June with both sides.");
  CHECK(bare.text == "June");
  CHECK(bare.from == Opt("2024-06-01"));
  CHECK(bare.to == Opt("2024-06-30"));
  DateFact past = One("The talks broke down in June with both sides.");
  CHECK(past.from == Opt("2023-06-01"));
  CHECK(past.to == Opt("2023-06-30"));
  CHECK(One("The talks broke down in May.").from == Opt("2024-05-01"));
  CHECK(One("The talks will resume in April.").from == Opt("2025-04-01"));
}

TEST_CASE("years only with a preposition") {
  DateFact f = One("The law passed in 2018 after a long fight.");
  CHECK(f.text == "2018");
  CHECK(f.kind == "year");
  CHECK(f.from == Opt("2018-01-01"));
  CHECK(f.to == Opt("2018-12-31"));
  CHECK(f.granularity == Opt("year"));
  CHECK(Extract("The ship carried 2018 containers and 1999 crates.").empty());
  auto two = Extract("Output grew in 2018 and in 2019.");
  REQUIRE(two.size() == 2);
  CHECK(two[1].from == Opt("2019-01-01"));
}

TEST_CASE("ranges") {
  DateFact a = One("Sales were counted from 2018 to 2020 only.");
  CHECK(a.text == "from 2018 to 2020");
  CHECK(a.kind == "range");
  CHECK(a.from == Opt("2018-01-01"));
  CHECK(a.to == Opt("2020-12-31"));
  CHECK(a.granularity == Opt("year"));

  DateFact b = One("The drought of 2018-2020 hurt farmers.");
  CHECK(b.from == Opt("2018-01-01"));
  CHECK(b.to == Opt("2020-12-31"));

  DateFact c = One("The 2018-19 season was short.");
  CHECK(c.to == Opt("2019-12-31"));

  DateFact d = One("The count ran between May and July 2024.");
  CHECK(d.text == "between May and July 2024");
  CHECK(d.from == Opt("2024-05-01"));
  CHECK(d.to == Opt("2024-07-31"));
  CHECK(d.granularity == Opt("month"));

  DateFact e = One("The summit runs May 13-15, 2024 in the capital.");
  CHECK(e.kind == "range");
  CHECK(e.from == Opt("2024-05-13"));
  CHECK(e.to == Opt("2024-05-15"));

  DateFact f = One("Roads close from May 13 to June 2, 2024 for repairs.");
  CHECK(f.from == Opt("2024-05-13"));
  CHECK(f.to == Opt("2024-06-02"));

  // The first part takes the second's year, and a year earlier when it would come after.
  DateFact g = One("Schools close from December 20 to January 5, 2025.");
  CHECK(g.from == Opt("2024-12-20"));
  CHECK(g.to == Opt("2025-01-05"));
}

TEST_CASE("quarters and decades") {
  DateFact q = One("Profits rose in the first quarter of 2024.");
  CHECK(q.kind == "quarter");
  CHECK(q.from == Opt("2024-01-01"));
  CHECK(q.to == Opt("2024-03-31"));
  DateFact q4 = One("Results for Q4 2023 were mixed.");
  CHECK(q4.from == Opt("2023-10-01"));
  CHECK(q4.to == Opt("2023-12-31"));
  DateFact d = One("The trade grew in the 1990s.");
  CHECK(d.text == "1990s");
  CHECK(d.kind == "decade");
  CHECK(d.from == Opt("1990-01-01"));
  CHECK(d.to == Opt("1999-12-31"));
}

TEST_CASE("relative dates against the reference (Thursday 2024-05-23)") {
  CHECK(One("He resigned yesterday.").from == Opt("2024-05-22"));
  CHECK(One("He resigned yesterday.").kind == "relative");
  // "last Tuesday" is the Tuesday of last week (the week of Monday 2024-05-13);
  // "past Tuesday" the latest one before the reference; "next Tuesday" is in next
  // week (from Monday 2024-05-27).
  CHECK(One("He resigned last Tuesday.").from == Opt("2024-05-14"));
  CHECK(One("He resigned this past Tuesday.").from == Opt("2024-05-21"));
  CHECK(One("He resigned last Thursday.").from == Opt("2024-05-16"));
  CHECK(One("He resigned last Sunday.").from == Opt("2024-05-19"));
  CHECK(One("He resigns next Tuesday.").from == Opt("2024-05-28"));
  CHECK(One("He resigns next Friday.").from == Opt("2024-05-31"));
  CHECK(One("He resigns coming Friday.").from == Opt("2024-05-24"));
  CHECK(One("He will resign on Friday.").from == Opt("2024-05-24"));
  DateFact on = One("He resigned on Friday.");
  CHECK(on.text == "Friday");
  CHECK(on.from == Opt("2024-05-17"));
  CHECK(One("He resigned two years ago.").from == Opt("2022-05-23"));
  CHECK(One("He resigned 10 days ago.").from == Opt("2024-05-13"));
  DateFact week = One("Results are due this week.");
  CHECK(week.from == Opt("2024-05-20"));
  CHECK(week.to == Opt("2024-05-26"));
  DateFact month = One("Exports fell last month.");
  CHECK(month.from == Opt("2024-04-01"));
  CHECK(month.to == Opt("2024-04-30"));
  CHECK(month.granularity == Opt("month"));
  DateFact year = One("Exports will rise next year.");
  CHECK(year.from == Opt("2025-01-01"));
  CHECK(year.to == Opt("2025-12-31"));
}

TEST_CASE("relative dates clamp at month ends and leap days") {
  CHECK(One("It opened a year ago.", "2024-02-29").from == Opt("2023-02-28"));
  CHECK(One("It opened one month ago.", "2024-03-31").from == Opt("2024-02-29"));
  CHECK(One("It opened yesterday.", "2024-03-01").from == Opt("2024-02-29"));
  CHECK(One("It opened yesterday.", "2023-03-01").from == Opt("2023-02-28"));
}

TEST_CASE("relative dates without a reference have no from/to") {
  DateFact f = One("He resigned yesterday.", std::nullopt);
  CHECK(f.kind == "relative");
  CHECK_FALSE(f.from.has_value());
  CHECK_FALSE(f.to.has_value());
}

TEST_CASE("durations") {
  DateFact a = One("Seizures fell during the last four years of the old government.");
  CHECK(a.text == "four years");
  CHECK(a.kind == "duration");
  CHECK(a.duration == Opt("P4Y"));
  CHECK_FALSE(a.from.has_value());
  CHECK_FALSE(a.to.has_value());

  DateFact b = One("Prices rose over the past two years, officials said.");
  CHECK(b.duration == Opt("P2Y"));
  CHECK(b.from == Opt("2022-05-23"));
  CHECK(b.to == Opt("2024-05-23"));

  CHECK(One("He served four years in prison.").duration == Opt("P4Y"));
  CHECK(One("He got a 10-year sentence.").duration == Opt("P10Y"));
  CHECK(One("The war lasted two decades.").duration == Opt("P20Y"));
  CHECK(One("The talks took 3 weeks.").duration == Opt("P3W"));
  CHECK(Extract("They meet once a year.").empty());
}

TEST_CASE("output is sorted and spans are bytes") {
  auto facts = Extract("Café owners met on May 13, 2024 and again yesterday.");
  REQUIRE(facts.size() == 2);
  // "Café" is 5 bytes, so "May 13, 2024" starts at byte 20.
  CHECK(facts[0].span == Span{20, 32});
  CHECK(facts[0].span.start < facts[1].span.start);
}

TEST_CASE("hostile input does not crash") {
  std::string junk;
  for (int i = 0; i < 2000; ++i)
    junk += "from May 99, 2024 to - and between 2018 Q9 \xff 12/45/2018 99999999999 years ago ";
  std::vector<DateFact> out;
  Context context;
  context.reference_date = "not a date";
  ExtractDates(junk, DateRules(), context, &out);
  // No day 99 or 45, no quarter 9: what is left is "May" (of no known year) and the year
  // 2018 after "between".
  REQUIRE_FALSE(out.empty());
  for (const auto& f : out) {
    CAPTURE(f.text);
    CHECK((f.text == "May" || f.text == "2018"));
    CHECK(f.span.end <= static_cast<int64_t>(junk.size()));
  }
  out.clear();
  context.reference_date = "9999-12-31";
  ExtractDates("next year, 5000 years ago, the next 9000 years", DateRules(), context, &out);
  // Year 10000 has no date; 5000 years before 9999-12-31 is 4999-12-31.
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "next year");
  CHECK_FALSE(out[0].from.has_value());
  CHECK(out[1].text == "5000 years ago");
  CHECK(out[1].from == std::optional<std::string>("4999-12-31"));
  CHECK(out[2].text == "9000 years");
  CHECK(out[2].duration == std::optional<std::string>("P9000Y"));
  // Before year 0 nothing has a date either.
  out.clear();
  context.reference_date = "0000-01-01";
  ExtractDates("last year, 5000 years ago", DateRules(), context, &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].text == "last year");
  CHECK(out[1].text == "5000 years ago");
  for (const auto& f : out) CHECK_FALSE(f.from.has_value());
}

}  // namespace
}  // namespace newsfacts
