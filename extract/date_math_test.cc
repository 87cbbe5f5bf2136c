// Tests of the civil-date helpers: calendar facts checked against well-known dates, and the
// clamping to std::chrono::year's range (-32767..32767) for counts no calendar reaches.

#include "extract/date_math.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

namespace newsfacts::extract_internal {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

constexpr CivilDate kFirst{-32767, 1, 1};
constexpr CivilDate kLast{32767, 12, 31};

TEST_CASE("leap years follow the Gregorian rule, year 0 and before included") {
  CHECK(IsLeapYear(2024));
  CHECK_FALSE(IsLeapYear(2023));
  CHECK_FALSE(IsLeapYear(1900));
  CHECK(IsLeapYear(2000));
  CHECK(IsLeapYear(0));
  CHECK(IsLeapYear(-4));
  CHECK_FALSE(IsLeapYear(-1));
  CHECK_FALSE(IsLeapYear(-100));
  CHECK(IsLeapYear(-400));
}

TEST_CASE("month lengths and real days") {
  CHECK(DaysInMonth(2024, 1) == 31);
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2100, 2) == 28);
  CHECK(DaysInMonth(2024, 9) == 30);
  CHECK(DaysInMonth(2024, 12) == 31);
  CHECK(DaysInMonth(2024, 0) == 0);
  CHECK(DaysInMonth(2024, 13) == 0);
  CHECK(IsValidDate(2024, 2, 29));
  CHECK_FALSE(IsValidDate(2023, 2, 29));
  CHECK_FALSE(IsValidDate(2024, 4, 31));
  CHECK_FALSE(IsValidDate(2024, 0, 1));
  CHECK_FALSE(IsValidDate(2024, 1, 0));
  CHECK_FALSE(IsValidDate(2024, 1, 256 + 1));  // would wrap to 1 in a byte
  CHECK_FALSE(IsValidDate(2024, 256 + 1, 1));
}

TEST_CASE("weekdays of well-known dates") {
  CHECK(Weekday(CivilDate{2000, 1, 1}) == 6);    // a Saturday
  CHECK(Weekday(CivilDate{1900, 1, 1}) == 1);    // a Monday
  CHECK(Weekday(CivilDate{2024, 2, 29}) == 4);   // a Thursday
  CHECK(Weekday(CivilDate{1969, 12, 28}) == 7);  // a Sunday, before the epoch
}

TEST_CASE("days count on across months, years and the epoch") {
  // 1970 has 365 days; 2000-03-01 is 30 years (7 of them leap) and 31 + 29 days on.
  CHECK(ToDays(CivilDate{1971, 1, 1}) == 365);
  CHECK(ToDays(CivilDate{2000, 3, 1}) == 30 * 365 + 7 + 31 + 29);
  CHECK(FromDays(-365) == CivilDate{1969, 1, 1});
  CHECK(AddDays(CivilDate{2024, 2, 28}, 1) == CivilDate{2024, 2, 29});
  CHECK(AddDays(CivilDate{2023, 2, 28}, 1) == CivilDate{2023, 3, 1});
  CHECK(AddDays(CivilDate{2024, 1, 1}, -1) == CivilDate{2023, 12, 31});
  CHECK(AddDays(CivilDate{2024, 1, 1}, 366) == CivilDate{2025, 1, 1});
}

TEST_CASE("fields outside their ranges count on") {
  CHECK(ToDays(CivilDate{2024, 13, 1}) == ToDays(CivilDate{2025, 1, 1}));
  CHECK(ToDays(CivilDate{2024, 0, 1}) == ToDays(CivilDate{2023, 12, 1}));
  CHECK(ToDays(CivilDate{2024, -11, 1}) == ToDays(CivilDate{2023, 1, 1}));
  CHECK(ToDays(CivilDate{2024, 3, 0}) == ToDays(CivilDate{2024, 2, 29}));
  CHECK(ToDays(CivilDate{2024, 1, 32}) == ToDays(CivilDate{2024, 2, 1}));
  CHECK(AddMonths(CivilDate{2024, 13, 15}, 0) == CivilDate{2025, 1, 15});
}

TEST_CASE("adding months and years clamps the day to the month") {
  CHECK(AddMonths(CivilDate{2024, 3, 31}, -1) == CivilDate{2024, 2, 29});
  CHECK(AddMonths(CivilDate{2024, 1, 31}, 3) == CivilDate{2024, 4, 30});
  CHECK(AddMonths(CivilDate{2024, 12, 5}, 1) == CivilDate{2025, 1, 5});
  CHECK(AddMonths(CivilDate{2024, 1, 5}, -13) == CivilDate{2022, 12, 5});
  CHECK(AddYears(CivilDate{2024, 2, 29}, 1) == CivilDate{2025, 2, 28});
  CHECK(AddYears(CivilDate{2024, 2, 29}, -4) == CivilDate{2020, 2, 29});
}

TEST_CASE("the first and last days of chrono's years") {
  CHECK(FromDays(ToDays(kFirst)) == kFirst);
  CHECK(FromDays(ToDays(kLast)) == kLast);
  CHECK(AddDays(kLast, -1) == CivilDate{32767, 12, 30});
  CHECK(AddDays(kFirst, 1) == CivilDate{-32767, 1, 2});
  CHECK(AddMonths(CivilDate{32767, 12, 31}, -1) == CivilDate{32767, 11, 30});
  CHECK(IsValidDate(32767, 12, 31));
  CHECK(IsValidDate(-32767, 1, 1));
}

TEST_CASE("years and days past the range are clamped to it") {
  CHECK(FromDays(ToDays(kLast) + 1) == kLast);
  CHECK(FromDays(ToDays(kFirst) - 1) == kFirst);
  CHECK(FromDays(kMax) == kLast);
  CHECK(FromDays(kMin) == kFirst);
  CHECK(AddDays(CivilDate{2024, 5, 23}, kMax) == kLast);
  CHECK(AddDays(CivilDate{2024, 5, 23}, kMin) == kFirst);
  // Adding months or years clamps the year and keeps the month the count leads to.
  CHECK(AddYears(CivilDate{2024, 5, 23}, 99999999999) == CivilDate{32767, 5, 23});
  CHECK(AddYears(CivilDate{2024, 5, 23}, -99999999999) == CivilDate{-32767, 5, 23});
  CHECK(AddYears(CivilDate{2024, 5, 23}, kMax) == CivilDate{32767, 5, 23});
  CHECK(AddYears(CivilDate{2024, 5, 23}, kMin) == CivilDate{-32767, 5, 23});
  CHECK(AddMonths(CivilDate{2024, 5, 31}, 12 * 100000 + 1) == CivilDate{32767, 6, 30});
  CHECK(AddMonths(CivilDate{2024, 5, 23}, kMax).year == 32767);
  CHECK(AddMonths(CivilDate{2024, 5, 23}, kMin).year == -32767);
  // -32767 is no leap year: a February 29 moved there becomes the 28th.
  CHECK(AddYears(CivilDate{2024, 2, 29}, -1000000) == CivilDate{-32767, 2, 28});
  // A year given outside the range is read as its nearest end.
  CHECK(IsLeapYear(40000) == IsLeapYear(32767));
  CHECK_FALSE(IsValidDate(40000, 2, 29));
  CHECK(ToDays(CivilDate{40000, 1, 1}) == ToDays(CivilDate{32767, 1, 1}));
  CHECK(AddDays(CivilDate{std::numeric_limits<int>::max(), 12, 31}, 0) == kLast);
  CHECK(FormatIso(AddYears(CivilDate{2024, 5, 23}, kMin)) == "0000-05-23");
  CHECK(FormatIso(AddDays(CivilDate{2024, 5, 23}, kMax)) == "9999-12-31");
}

TEST_CASE("extreme fields stay defined") {
  const int kIntMax = std::numeric_limits<int>::max();
  const int kIntMin = std::numeric_limits<int>::min();
  for (const int field : {kIntMin, -1, 0, 13, kIntMax}) {
    CAPTURE(field);
    const CivilDate odd_month{2024, field, 1};
    const CivilDate odd_day{2024, 1, field};
    CHECK(Weekday(odd_month) >= 1);
    CHECK(Weekday(odd_day) <= 7);
    CHECK(FormatIso(AddDays(odd_month, kMax)) == "9999-12-31");
    CHECK(FormatIso(AddDays(odd_day, kMin)) == "0000-01-01");
    CHECK(AddMonths(odd_day, kMax).day <= 31);
    CHECK_FALSE(IsValidDate(field, field, field));
  }
}

}  // namespace
}  // namespace newsfacts::extract_internal
