// Civil (proleptic Gregorian) date arithmetic for the dates extractor, on <chrono>'s
// calendar types. No clock, no time zones: a CivilDate is a day on the calendar.
//
// Range: std::chrono::year holds the years -32767..32767, and every date here lies in
// them. A year outside that range, whether given (IsLeapYear(40000) is IsLeapYear(32767))
// or reached by adding (AddYears(2024-05-23, 99999) is 32767-05-23), is clamped to its
// nearest end; a day count past the range's first or last day is clamped to that day.
// Every function is defined for every input: no overflow, whatever the counts.
//
// Thread safety: pure functions on values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsfacts::extract_internal {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)
  bool operator==(const CivilDate&) const = default;
};

bool IsLeapYear(int year);
// 28..31; 0 for a month outside 1..12.
int DaysInMonth(int year, int month);
// True when the fields name a real day (e.g. 2023-02-29 is not one).
bool IsValidDate(int year, int month, int day);

// Days since 1970-01-01 (negative before), and back. ToDays reads fields outside their
// ranges as counting on: month 13 is January of the next year, day 0 the last day of the
// month before, day 32 of January is February 1.
int64_t ToDays(const CivilDate& date);
CivilDate FromDays(int64_t days);

// ISO weekday of a date: 1 = Monday .. 7 = Sunday.
int Weekday(const CivilDate& date);

CivilDate AddDays(const CivilDate& date, int64_t days);
// Adds months, clamping the day to the target month's length (Jan 31 + 1 month =
// Feb 28 or 29). When the year is clamped, the month is the one the count leads to.
CivilDate AddMonths(const CivilDate& date, int64_t months);
CivilDate AddYears(const CivilDate& date, int64_t years);

// "YYYY-MM-DD". Years outside 0..9999 are clamped into that range.
std::string FormatIso(const CivilDate& date);

// Reads the leading "YYYY-MM-DD" of text (anything after it, such as a time, is
// ignored). nullopt when that prefix is missing or not a real day.
std::optional<CivilDate> ParseIsoDate(std::string_view text);

}  // namespace newsfacts::extract_internal
