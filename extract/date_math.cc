#include "extract/date_math.h"

#include <algorithm>
#include <chrono>

namespace newsfacts::extract_internal {
namespace {

namespace chrono = std::chrono;

constexpr int kMinYear = static_cast<int>(chrono::year::min());
constexpr int kMaxYear = static_cast<int>(chrono::year::max());
constexpr int64_t kMinDays =
    chrono::sys_days{chrono::year::min() / chrono::January / 1}.time_since_epoch().count();
constexpr int64_t kMaxDays =
    chrono::sys_days{chrono::year::max() / chrono::December / 31}.time_since_epoch().count();
// Counts of days or months are cut to this before they are added: far past anything that
// ends within the years, and far from overflowing when added to what a date can hold.
constexpr int64_t kFar = int64_t{1} << 60;

chrono::year Year(int64_t year) {
  return chrono::year{static_cast<int>(std::clamp<int64_t>(year, kMinYear, kMaxYear))};
}

// Months since January of year 0 (negative before); a month outside 1..12 counts on
// into the years around.
int64_t MonthIndex(int year, int month) {
  return static_cast<int64_t>(static_cast<int>(Year(year))) * 12 +
         (static_cast<int64_t>(month) - 1);
}

// The month at a MonthIndex, its year clamped. chrono's year_month + months is not used
// for the counting: past the range it wraps the year round instead of clamping it.
chrono::year_month MonthAt(int64_t index) {
  const int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  return Year(year) / chrono::month{static_cast<unsigned>(index - year * 12 + 1)};
}

CivilDate FromChrono(const chrono::year_month_day& ymd) {
  return CivilDate{static_cast<int>(ymd.year()),
                   static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

bool IsLeapYear(int year) { return Year(year).is_leap(); }

int DaysInMonth(int year, int month) {
  if (month < 1 || month > 12) return 0;
  const chrono::year_month_day_last last =
      Year(year) / chrono::month{static_cast<unsigned>(month)} / chrono::last;
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

bool IsValidDate(int year, int month, int day) {
  // chrono::month and chrono::day hold a byte: out-of-range fields are turned down first.
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return chrono::year_month_day{Year(year), chrono::month{static_cast<unsigned>(month)},
                                chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

int64_t ToDays(const CivilDate& date) {
  const chrono::sys_days first{MonthAt(MonthIndex(date.year, date.month)) / 1};
  return first.time_since_epoch().count() + (static_cast<int64_t>(date.day) - 1);
}

CivilDate FromDays(int64_t days) {
  return FromChrono(chrono::sys_days{chrono::days{std::clamp(days, kMinDays, kMaxDays)}});
}

int Weekday(const CivilDate& date) {
  return static_cast<int>(
      chrono::weekday{chrono::sys_days{chrono::days{ToDays(date)}}}.iso_encoding());
}

CivilDate AddDays(const CivilDate& date, int64_t days) {
  return FromDays(ToDays(date) + std::clamp(days, -kFar, kFar));
}

CivilDate AddMonths(const CivilDate& date, int64_t months) {
  const chrono::year_month ym =
      MonthAt(MonthIndex(date.year, date.month) + std::clamp(months, -kFar, kFar));
  const int last = static_cast<int>(static_cast<unsigned>((ym / chrono::last).day()));
  return CivilDate{static_cast<int>(ym.year()), static_cast<int>(static_cast<unsigned>(ym.month())),
                   std::min(date.day, last)};
}

CivilDate AddYears(const CivilDate& date, int64_t years) {
  return AddMonths(date, std::clamp(years, -kFar / 12, kFar / 12) * 12);
}

std::string FormatIso(const CivilDate& date) {
  // Written digit by digit: this runs for every date found, and snprintf's format
  // parsing cost more than the rest of the formatting.
  const int year = std::clamp(date.year, 0, 9999);
  const int month = std::clamp(date.month, 1, 12);
  const int day = std::clamp(date.day, 1, 31);
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  auto digits = [&](size_t pos, size_t n, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, &y) || text[4] != '-' || !digits(5, 2, &m) || text[7] != '-' ||
      !digits(8, 2, &d)) {
    return std::nullopt;
  }
  if (!IsValidDate(y, m, d)) return std::nullopt;
  return CivilDate{y, m, d};
}

}  // namespace newsfacts::extract_internal
