// The forms that name a calendar time themselves: days, months, years, seasons, quarters,
// decades, holidays, numbered weeks and parts of months and years.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/date_math.h"
#include "extract/dates_internal.h"
#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace dates_internal {

CivilDate MonthEnd(int year, int month) { return CivilDate{year, month, DaysInMonth(year, month)}; }

std::optional<Parsed> Resolver::DayForm(const Match& m) const {
  auto p = Day(m.Get("month"), m.Get("month_num"), m.Get("day"), m.Get("year"));
  if (p && m.Has("weekday"))
    p->weekday = LexNum(Lex(kWeekday), m.Group("weekday"), "num").value_or(0);
  return p;
}

std::optional<Parsed> Resolver::DottedDay(const Match& m) const {
  if (m.Has("dday_num"))
    return Day(nullptr, m.Get("dmonth_num"), m.Get("dday_num"), m.Get("dyear_num"));
  if (m.Has("dotday")) return Day(nullptr, m.Get("dotmonth"), m.Get("dotday"), m.Get("dotyear"));
  return DayForm(m);
}

std::optional<Parsed> Resolver::DayOrShortYear(const Match& m) const {
  if (m.Has("day") && (m.Has("month") || m.Has("month_num"))) return DayForm(m);
  return ShortYearDay(m);
}

std::optional<Parsed> Resolver::MonthForm(const Match& m) const {
  return MonthOf(m.Get("month"), m.Get("year"), m.Group("which"));
}

std::optional<Parsed> Resolver::MonthOrYear(const Match& m) const {
  if (m.Has("month")) return MonthForm(m);
  return YearForm(m);
}

std::optional<Parsed> Resolver::YearForm(const Match& m) const { return Year(m.Get("year")); }

std::optional<Parsed> Resolver::Day(const Capture* month, const Capture* month_num,
                                    const Capture* day, const Capture* year) const {
  auto m = MonthNumber(month, month_num);
  auto d = DayNumber(day);
  if (!m || !d || *d < 1 || *d > 31) return std::nullopt;
  // "in May two people": a cardinal word without a year is a day only when no noun
  // follows it.
  if (year == nullptr && day != nullptr && !day->text.empty() && !IsDigit(day->text[0]) &&
      !LexNum(Lex(kDayWord), day->text, "value")) {
    const std::string_view next = WordAt(text_, SkipSpaces(text_, day->end));
    if (!next.empty() && Entry(kYearWordsFollow, next) == nullptr) {
      return std::nullopt;
    }
  }
  // "5 May 12:00": the number after the month is the hour.
  if (year == nullptr && day != nullptr && day->end + 1 < text_.size() && text_[day->end] == ':' &&
      IsDigit(text_[day->end + 1])) {
    return std::nullopt;
  }
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  if (year == nullptr) {
    // Checked against a leap year: February 29 is possible until the year is known.
    if (!IsValidDate(2000, *m, static_cast<int>(*d))) return std::nullopt;
    p.needs_year = true;
    p.month = *m;
    p.day = static_cast<int>(*d);
    return p;
  }
  auto y = YearNumber(year);
  if (!y || !IsValidDate(*y, *m, static_cast<int>(*d))) return std::nullopt;
  p.from = p.to = CivilDate{*y, *m, static_cast<int>(*d)};
  return p;
}

std::optional<Parsed> Resolver::MonthOf(const Capture* month, const Capture* year,
                                        std::string_view which_text) const {
  auto m = MonthNumber(month, nullptr);
  if (!m) return std::nullopt;
  Parsed p;
  p.kind = "month";
  p.granularity = "month";
  if (year == nullptr) {
    std::string which = AsciiLower(which_text);
    if (!which.empty() && which != "in" && ref_) {
      int y = ref_->year;
      const int step = StepOf(which);
      if (step < 0 && *m >= ref_->month) --y;
      if (step > 0 && *m <= ref_->month) ++y;
      p.from = CivilDate{y, *m, 1};
      p.to = MonthEnd(y, *m);
      return p;
    }
    p.needs_year = true;
    p.month = *m;
    return p;
  }
  auto y = YearNumber(year);
  if (!y) return std::nullopt;
  p.from = CivilDate{*y, *m, 1};
  p.to = MonthEnd(*y, *m);
  return p;
}

std::optional<Parsed> Resolver::FiscalYear(const Match& m) const {
  std::string_view fy = m.Has("fy") ? m.Group("fy") : m.Group("fyc");
  auto first = LeadingInt(fy);
  if (!first) return std::nullopt;
  int y1 = static_cast<int>(*first);
  if (fy.size() == 2) y1 += 2000;
  if (y1 < 1900 || y1 > 2199) return std::nullopt;
  int y2 = y1;
  const std::string_view fy2 = m.Has("fy2") ? m.Group("fy2") : m.Group("fyb");
  if (auto second = LeadingInt(fy2)) {
    y2 = static_cast<int>(*second);
    if (fy2.size() == 2) y2 += y1 - y1 % 100;
    if (y2 != y1 + 1) return std::nullopt;
  }
  Parsed p;
  p.kind = y2 == y1 ? "year" : "range";
  p.granularity = "year";
  p.from = CivilDate{y1, 1, 1};
  p.to = CivilDate{y2, 12, 31};
  // A fiscal year written with two years runs across them, from the month the rule
  // names (April: the UK, India, Canada, Japan) to the month before it.
  const int start = static_cast<int>(ParseAttrNumber(m.rule->Emit("two_year_start")).value_or(0));
  if (y2 == y1 + 1 && start >= 2 && start <= 12) {
    p.granularity = "month";
    p.from = CivilDate{y1, start, 1};
    p.to = MonthEnd(y2, start - 1);
  }
  return p;
}

std::optional<Parsed> Resolver::Season(const Match& m) const {
  const auto start =
      LexNum(Lex(kSeason), m.Has("season") ? m.Group("season") : m.Group("season2"), "month");
  if (!start) return std::nullopt;
  std::string which = AsciiLower(m.Group("swhich"));
  auto span = [&](int year) {
    Parsed p;
    p.kind = "range";
    p.granularity = "month";
    p.from = CivilDate{year, *start, 1};
    const CivilDate last = AddMonths(CivilDate{year, *start, 1}, 2);
    p.to = MonthEnd(last.year, last.month);
    return p;
  };
  if (auto y = YearNumber(m.Get("syear"))) {
    if (!which.empty()) return std::nullopt;  // "last summer 2024"
    return span(*y);
  }
  // A season alone is often no time ("winter coats", "prices fall").
  if (which.empty()) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "month";
  if (!ref_) return p;
  const int64_t ref_days = extract_internal::ToDays(*ref_);
  // The season that starts in year y: its span.
  auto begun_by = [&](int64_t days) {
    int year = ref_->year + 1;
    while (extract_internal::ToDays(*span(year).from) > days) --year;
    return year;
  };
  int year = begun_by(ref_days);  // the latest begun by the reference
  const int step = StepOf(which);
  if (step == 0) {
    year = *start == 12 && ref_->month < 12 ? ref_->year - 1 : ref_->year;
  } else if (step < 0) {
    if (extract_internal::ToDays(*span(year).to) >= ref_days) --year;
  } else {
    ++year;
  }
  return span(year);
}

std::optional<Parsed> Resolver::OrdinalDay(const Match& m) const {
  auto d = LeadingInt(m.Group("mday"));
  if (!d || *d < 1 || *d > 31) return std::nullopt;
  const std::string next = AsciiLower(WordAt(text_, SkipSpaces(text_, m.Get("mday")->end)));
  if (!next.empty() && !JoinsAlone(next) && next != "and" && next != "at" && next != "from" &&
      next != "between") {
    return std::nullopt;
  }
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  if (!ref_) return p;
  const bool future = FutureCue(m.start);
  for (int k = 0; k <= 12; ++k) {
    CivilDate first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, future ? k : -k);
    if (!IsValidDate(first.year, first.month, static_cast<int>(*d))) continue;
    CivilDate c{first.year, first.month, static_cast<int>(*d)};
    const int64_t gap = extract_internal::ToDays(c) - extract_internal::ToDays(*ref_);
    if (future ? gap < 0 : gap > 0) continue;
    p.from = p.to = c;
    return p;
  }
  return std::nullopt;
}

std::optional<Parsed> Resolver::ShortYearWords(const Match& m) const {
  const size_t next = SkipSpaces(text_, m.end);
  const std::string_view next_word = WordAt(text_, next);
  if (next < text_.size() &&
      (IsDigit(text_[next]) ||
       (!next_word.empty() && Entry(kYearWordsFollow, next_word) == nullptr))) {
    return std::nullopt;
  }
  // "$12 December 27": an amount, then a day.
  if (m.start > 0 && !IsSpace(text_[m.start - 1]) && text_[m.start - 1] != '(' &&
      text_[m.start - 1] != '"') {
    return std::nullopt;
  }
  const bool day_first = m.Has("yy2");
  auto yy = LeadingInt(m.Group(day_first ? "yy2" : "yy"));
  auto mo = MonthNumber(m.Get(day_first ? "month2w" : "month"), nullptr);
  if (!yy || !mo) return std::nullopt;
  const int year = CenturyYear(*yy);
  Parsed p;
  const Capture* day = m.Get(day_first ? "day2w" : "day");
  if (day == nullptr) {
    p.kind = "month";
    p.granularity = "month";
    p.from = CivilDate{year, *mo, 1};
    p.to = MonthEnd(year, *mo);
    return p;
  }
  auto d = DayNumber(day);
  if (!d || !IsValidDate(year, *mo, static_cast<int>(*d))) return std::nullopt;
  p.kind = "date";
  p.granularity = "day";
  p.from = p.to = CivilDate{year, *mo, static_cast<int>(*d)};
  return p;
}

std::optional<Parsed> Resolver::ShortYearDay(const Match& m) const {
  // The day-first form ("21/04/16") names its groups with a 2.
  const bool day_first = !m.Has("smonth");
  auto mo = LeadingInt(m.Group(day_first ? "smonth2" : "smonth"));
  auto d = LeadingInt(m.Group(day_first ? "sday2" : "sday"));
  auto yy = LeadingInt(m.Group(day_first ? "syear2" : "syear"));
  if (!mo || !d || !yy) return std::nullopt;
  const int year = CenturyYear(*yy);
  if (!IsValidDate(year, static_cast<int>(*mo), static_cast<int>(*d))) return std::nullopt;
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  p.from = p.to = CivilDate{year, static_cast<int>(*mo), static_cast<int>(*d)};
  return p;
}

std::optional<CivilDate> Resolver::HolidayIn(const LexiconEntry& entry, int year) const {
  if (auto easter = ParseAttrNumber(entry.attr("easter"))) {
    // Anonymous Gregorian computus (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int mm = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * mm + 114) / 31;
    const int day = (h + l - 7 * mm + 114) % 31 + 1;
    return AddDays(CivilDate{year, month, day}, static_cast<int64_t>(*easter));
  }
  auto month = ParseAttrNumber(entry.attr("month"));
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  const int mo = static_cast<int>(*month);
  if (auto day = ParseAttrNumber(entry.attr("day"))) {
    if (!IsValidDate(year, mo, static_cast<int>(*day))) return std::nullopt;
    return CivilDate{year, mo, static_cast<int>(*day)};
  }
  auto weekday = ParseAttrNumber(entry.attr("weekday"));
  auto nth = ParseAttrNumber(entry.attr("nth"));
  if (!weekday || !nth || *weekday < 1 || *weekday > 7) return std::nullopt;
  const int wd = static_cast<int>(*weekday);
  CivilDate date;
  if (*nth > 0) {
    CivilDate first{year, mo, 1};
    date = AddDays(first, ((wd - Weekday(first)) % 7 + 7) % 7 + 7 * (static_cast<int>(*nth) - 1));
  } else {
    CivilDate last = MonthEnd(year, mo);
    date = AddDays(last, -(((Weekday(last) - wd) % 7 + 7) % 7));
  }
  return AddDays(date, static_cast<int64_t>(ParseAttrNumber(entry.attr("shift", "0")).value_or(0)));
}

std::optional<Parsed> Resolver::Holiday(const Match& m) const {
  const LexiconEntry* entry = Entry(kHoliday, m.Group("holiday"));
  if (entry == nullptr) return std::nullopt;
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  std::optional<CivilDate> date;
  if (m.Has("year")) {
    auto y = YearNumber(m.Get("year"));
    if (!y) return std::nullopt;
    date = HolidayIn(*entry, *y);
  } else if (ref_) {
    const auto direction = DirectionOf(m.Group("which"));
    const bool future = direction ? direction->step > 0 : FutureCue(m.start);
    const bool strictly = future || (direction && direction->step < 0);
    const int64_t ref_days = extract_internal::ToDays(*ref_);
    if (direction && direction->step == 0) {
      date = HolidayIn(*entry, ref_->year);
    } else {
      for (int k = 0; k <= 2 && !date; ++k) {
        auto c = HolidayIn(*entry, ref_->year + (future ? k : -k));
        if (!c) continue;
        const int64_t gap = extract_internal::ToDays(*c) - ref_days;
        if (future ? (gap > 0 || (gap == 0 && !strictly)) : (gap < 0 || (gap == 0 && !strictly)))
          date = c;
      }
    }
  } else {
    return p;
  }
  if (!date) return std::nullopt;
  p.from = p.to = *date;
  if (m.Has("hweekend") || m.Has("hweekend2")) {
    // "Labor Day weekend": the holiday and the Saturday and Sunday next to it
    // (Saturday to Monday, Thursday or Friday to Sunday); a midweek holiday has no
    // weekend of its own, so the day alone stands.
    static constexpr int kFromOffset[8] = {0, -2, -3, 0, 0, 0, 0, -1};
    static constexpr int kToOffset[8] = {0, 0, 0, 0, 3, 2, 1, 0};
    const int wd = Weekday(*date);
    if (wd != 3) {
      p.kind = "range";
      p.from = AddDays(*date, kFromOffset[wd]);
      p.to = AddDays(*date, kToOffset[wd]);
    }
  }
  return p;
}

int Resolver::PartThird(std::string_view part_text) const {
  const std::string_view part = PartOf(part_text);
  return part == "mid" ? 1 : part == "late" ? 2 : 0;
}

std::optional<Parsed> Resolver::PartOfYear(const Match& m) const {
  auto y = YearNumber(m.Get("year"));
  if (!y) return std::nullopt;
  const int third = PartThird(m.Group("part"));
  Parsed p;
  p.kind = "range";
  p.granularity = "month";
  p.from = CivilDate{*y, 4 * third + 1, 1};
  p.to = MonthEnd(*y, 4 * third + 4);
  return p;
}

std::optional<Parsed> Resolver::PartOfMonth(const Match& m) const {
  auto month = MonthOf(m.Get("month"), m.Get("year"), "");
  if (!month) return std::nullopt;
  month->pos = m.start;
  AnchorToReference(&*month);
  Parsed p;
  p.kind = "range";
  p.granularity = "day";
  if (!month->from) return p;
  const int third = PartThird(m.Group("part"));
  const CivilDate first = *month->from;
  p.from = CivilDate{first.year, first.month, 10 * third + 1};
  p.to = third == 2 ? *month->to : CivilDate{first.year, first.month, 10 * third + 10};
  return p;
}

std::optional<Parsed> Resolver::NthWeekdayOn(const Match& m) const {
  auto n = Count(AsciiLower(m.Group("wcount")));
  std::string day = AsciiLower(m.Group("wdays"));
  if (day.ends_with("s")) day.pop_back();
  auto wd = LexNum(Lex(kWeekday), day, "num");
  if (!n || *n < 1 || *n > 520 || !wd) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  int64_t gap = ((*wd - Weekday(*ref_)) % 7 + 7) % 7;
  if (gap == 0) gap = 7;
  p.from = p.to = AddDays(*ref_, gap + 7 * (*n - 1));
  return p;
}

std::optional<Parsed> Resolver::IsoWeek(const Match& m) const {
  auto n = LeadingInt(m.Group("isoweek"));
  if (!n || *n < 1 || *n > 53) return std::nullopt;
  // "week 10 of the trial" counts another period's weeks.
  if (!m.Has("isoyear") && !m.Has("isowhich") && FollowedByOf(m.end)) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "day";
  auto year = NamedYear(m.Get("isoyear"), m.Group("isowhich"));
  if (!year) return ref_ ? std::nullopt : std::optional<Parsed>(p);
  const CivilDate jan4{*year, 1, 4};
  const CivilDate monday = AddDays(AddDays(jan4, 1 - Weekday(jan4)), 7 * (*n - 1));
  // Week 53 exists only in years whose last week holds their last Thursday.
  if (AddDays(monday, 3).year != *year) return std::nullopt;
  p.from = monday;
  p.to = AddDays(monday, 6);
  return p;
}

std::optional<Parsed> Resolver::NthMonthOfYear(const Match& m) const {
  const std::string nth = AsciiLower(m.Group("mnth"));
  std::optional<int> n;
  if (auto v = LeadingInt(nth)) {
    n = static_cast<int>(*v);
  } else {
    n = LexNum(Lex(kDayWord), nth, "value");
  }
  if (!n || *n < 1 || *n > 12) return std::nullopt;
  Parsed p;
  p.kind = "month";
  p.granularity = "month";
  auto year = NamedYear(m.Get("myear"), m.Group("mwhich"));
  if (!year) return ref_ ? std::nullopt : std::optional<Parsed>(p);
  p.from = CivilDate{*year, *n, 1};
  p.to = MonthEnd(*year, *n);
  return p;
}

std::optional<Parsed> Resolver::NthOfMonth(const Match& m) const {
  if (m.rule->Emit("needs_free_end") == "true" && !AnaphoraEnds(m.end)) return std::nullopt;
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  std::optional<CivilDate> first;  // the month's first day
  if (m.Has("nmonth")) {
    auto month = MonthOf(m.Get("nmonth"), m.Get("nyear"), "");
    if (!month) return std::nullopt;
    month->pos = m.start;
    AnchorToReference(&*month);
    if (month->from) first = month->from;
  } else if (ref_) {
    first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, StepOf(m.Group("nwhich")));
  }
  if (!first) return ref_ ? std::nullopt : std::optional<Parsed>(p);
  std::string nth_text = AsciiLower(m.Group("nth"));
  std::optional<int> n = LeadingInt(nth_text).has_value()
                             ? std::optional<int>(static_cast<int>(*LeadingInt(nth_text)))
                             : LexNum(Lex(kDayWord), nth_text, "value");
  if (LexNum(Lex(kNth), nth_text, "value") == -1) n = -1;
  if (!n) return std::nullopt;
  if (m.Has("nweekday")) {
    auto wd = LexNum(Lex(kWeekday), m.Group("nweekday"), "num");
    if (!wd || *n == 0 || *n > 5) return std::nullopt;
    CivilDate date;
    if (*n > 0) {
      date = AddDays(*first, ((*wd - Weekday(*first)) % 7 + 7) % 7 + 7 * (*n - 1));
    } else {
      CivilDate last = MonthEnd(first->year, first->month);
      date = AddDays(last, -(((Weekday(last) - *wd) % 7 + 7) % 7));
    }
    if (date.month != first->month) return std::nullopt;  // no fifth Friday
    p.from = p.to = date;
    return p;
  }
  if (!IsValidDate(first->year, first->month, *n)) return std::nullopt;
  p.from = p.to = CivilDate{first->year, first->month, *n};
  return p;
}

std::optional<Parsed> Resolver::DayInWords(const Match& m) const {
  const bool month_first = m.Has("dayw");
  const Capture* month = m.Get(month_first ? "month" : "month2");
  const Capture* year = m.Get(month_first ? "year" : "year2w");
  auto mo = MonthNumber(month, nullptr);
  auto d = LexNum(Lex(kDayWord), m.Group(month_first ? "dayw" : "dayw2"), "value");
  if (!mo || !d) return std::nullopt;
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  if (year == nullptr) {
    if (!IsValidDate(2000, *mo, *d)) return std::nullopt;
    p.needs_year = true;
    p.month = *mo;
    p.day = *d;
    return p;
  }
  auto y = YearNumber(year);
  if (!y || !IsValidDate(*y, *mo, *d)) return std::nullopt;
  p.from = p.to = CivilDate{*y, *mo, *d};
  return p;
}

std::optional<Parsed> Resolver::MonthNumYear(const Match& m) const {
  auto mo = MonthNumber(nullptr, m.Has("month_num") ? m.Get("month_num") : m.Get("month_num2"));
  auto y = YearNumber(m.Get("year"));
  if (!mo || !y) return std::nullopt;
  Parsed p;
  p.kind = "month";
  p.granularity = "month";
  p.from = CivilDate{*y, *mo, 1};
  p.to = MonthEnd(*y, *mo);
  return p;
}

std::optional<Parsed> Resolver::Century(const Match& m) const {
  auto n = LeadingInt(m.Group("century"));
  if (!n || *n < 1 || *n > 99) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "year";
  // As the words are used: the 20th century is the 1900s.
  int first = static_cast<int>(*n - 1) * 100;
  p.from = CivilDate{first, 1, 1};
  p.to = CivilDate{first + 99, 12, 31};
  return p;
}

std::optional<Parsed> Resolver::MonthOfYearWord(const Match& m) const {
  auto month = MonthNumber(m.Get("ymonth"), nullptr);
  if (!month) return std::nullopt;
  Parsed p;
  p.kind = "month";
  p.granularity = "month";
  if (!ref_) return p;
  const int year = ref_->year + StepOf(m.Group("ywhich"));
  p.from = CivilDate{year, *month, 1};
  p.to = MonthEnd(year, *month);
  return p;
}

std::optional<Parsed> Resolver::EnclosingPeriod(const Match& m, const Capture* month,
                                                const Capture* month_year, const Capture* year,
                                                std::string_view which_text,
                                                std::string_view unit_text) const {
  std::optional<Parsed> period;
  if (month != nullptr) {
    period = MonthOf(month, month_year, "");
    if (period) {
      period->pos = m.start;
      AnchorToReference(&*period);
    }
    return period;
  }
  if (year != nullptr) return Year(year);
  period.emplace();
  if (!ref_) return period;
  const int k = StepOf(which_text);
  if (AsciiLower(unit_text) == "month") {
    const CivilDate first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
    period->from = first;
    period->to = MonthEnd(first.year, first.month);
  } else {
    period->from = CivilDate{ref_->year + k, 1, 1};
    period->to = CivilDate{ref_->year + k, 12, 31};
  }
  return period;
}

CivilDate Resolver::WeekMonday(const CivilDate& from, const CivilDate& to, int64_t n) {
  const CivilDate thursday = n == 0 ? AddDays(to, -((Weekday(to) - 4 + 7) % 7))
                                    : AddDays(from, (4 - Weekday(from) + 7) % 7 + 7 * (n - 1));
  return AddDays(thursday, -3);
}

std::optional<Parsed> Resolver::FirstOrLastOf(const Match& m) const {
  const bool last = LexNum(Lex(kNth), m.Group("fl"), "value") == -1;
  auto n = Count(AsciiLower(m.Group("fcount")));
  const LexiconEntry* unit = Entry(kTimeUnit, m.Group("funit"));
  if (!n || *n <= 0 || unit == nullptr) return std::nullopt;
  std::optional<Parsed> period =
      EnclosingPeriod(m, m.Get("fmonth"), m.Get("fmyear"), m.Get("fyear"), m.Group("fwhich"),
                      m.Has("fthis") ? m.Group("fthis") : m.Group("fwunit"));
  if (!period) return std::nullopt;
  const std::string& code = unit->attr("code");
  Parsed p;
  p.kind = "range";
  p.granularity = code == "M" ? "month" : "day";
  if (!period->from || !period->to) return p;
  const CivilDate& from = *period->from;
  const CivilDate& to = *period->to;
  if (code == "W") {
    if (*n > 60) return std::nullopt;
    if (last) {
      const CivilDate end_monday = WeekMonday(from, to, 0);
      p.from = AddDays(end_monday, -7 * (*n - 1));
      p.to = AddDays(end_monday, 6);
    } else {
      p.from = WeekMonday(from, to, 1);
      p.to = AddDays(*p.from, 7 * *n - 1);
    }
    return p;
  }
  if (code != "D" && code != "M") return std::nullopt;
  if (last) {
    auto start = Shift(AddDays(to, 1), -*n, *unit);
    if (!start) return std::nullopt;
    p.from = *start;
    p.to = to;
  } else {
    auto end = Shift(from, *n, *unit);
    if (!end) return std::nullopt;
    p.from = from;
    p.to = AddDays(*end, -1);
  }
  // Longer than the period itself: not a part of it.
  if (extract_internal::ToDays(*p.from) < extract_internal::ToDays(from) ||
      extract_internal::ToDays(*p.to) > extract_internal::ToDays(to)) {
    return std::nullopt;
  }
  return p;
}

std::optional<Parsed> Resolver::NthWeek(const Match& m) const {
  const auto nth = LexNum(Lex(kNth), m.Group("wnth"), "value");
  if (!nth) return std::nullopt;
  const bool last = *nth == -1;
  const int n = last ? 0 : *nth;
  std::optional<Parsed> period = EnclosingPeriod(
      m, m.Get("wmonth"), m.Get("wyear"), m.Get("wyear2"), m.Group("wwhich2"), m.Group("wunit"));
  if (!period) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "day";
  if (!period->from || !period->to) return p;
  const CivilDate monday = WeekMonday(*period->from, *period->to, last ? 0 : n);
  if (extract_internal::ToDays(AddDays(monday, 3)) > extract_internal::ToDays(*period->to))
    return std::nullopt;
  p.from = monday;
  p.to = AddDays(monday, 6);
  return p;
}

std::optional<Parsed> Resolver::WeekdayMonthDay(const Match& m) const {
  auto wd = LexNum(Lex(kWeekday), m.Group("weekday"), "num");
  std::string_view mday = m.Group("mday");
  std::optional<int64_t> d;
  if (m.Has("mdayw")) {
    if (auto word = LexNum(Lex(kDayWord), m.Group("mdayw"), "value")) d = *word;
  } else {
    d = LeadingInt(mday);
  }
  if (!wd || !d || *d < 1 || *d > 31) return std::nullopt;
  // "Friday 3 people": without "the" or an ordinal suffix, a word after the number
  // makes it a count.
  const bool ordinal = m.Has("mdayw") || (!mday.empty() && !IsDigit(mday.back()));
  if (!ordinal && AsciiLower(m.Group("the")) != "the" &&
      !WordAt(text_, SkipSpaces(text_, m.end)).empty()) {
    return std::nullopt;
  }
  // "Monday 8-9am", "Thursday 19:00": a time, not a day of the month.
  if (m.end + 1 < text_.size() &&
      (text_[m.end] == '-' || text_[m.end] == ':' || text_[m.end] == '.' || text_[m.end] == '/') &&
      IsDigit(text_[m.end + 1])) {
    return std::nullopt;
  }
  Parsed p;
  p.kind = "date";
  p.granularity = "day";
  if (!ref_) return p;
  const int64_t ref_days = extract_internal::ToDays(*ref_);
  std::optional<CivilDate> best;
  int64_t best_gap = 0;
  for (int k = -14; k <= 14; ++k) {
    CivilDate first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
    if (!IsValidDate(first.year, first.month, static_cast<int>(*d))) continue;
    CivilDate c{first.year, first.month, static_cast<int>(*d)};
    if (Weekday(c) != *wd) continue;
    int64_t gap = extract_internal::ToDays(c) - ref_days;
    if (gap < 0) gap = -gap;
    if (!best || gap < best_gap) {
      best = c;
      best_gap = gap;
    }
  }
  if (!best) return std::nullopt;
  p.from = p.to = *best;
  return p;
}

std::optional<Parsed> Resolver::Year(const Capture* year) const {
  auto y = YearNumber(year);
  if (!y) return std::nullopt;
  Parsed p;
  p.kind = "year";
  p.granularity = "year";
  p.from = CivilDate{*y, 1, 1};
  p.to = CivilDate{*y, 12, 31};
  return p;
}

std::optional<Parsed> Resolver::YearRange(const Match& m) const {
  auto y1 = YearNumber(m.Get("year"));
  const Capture* second = m.Get("year2");
  if (!y1 || second == nullptr) return std::nullopt;
  auto v = LeadingInt(second->text);
  if (!v) return std::nullopt;
  int y2 = static_cast<int>(*v);
  if (second->text.size() == 2) {
    // "2018-19": the same century, and it must come after ("2018-12" is not a range)
    // and not far after ("2015-32" is no season).
    if (y2 <= *y1 % 100) return std::nullopt;
    y2 += *y1 - *y1 % 100;
    if (y2 - *y1 > 10) return std::nullopt;
  }
  if (y2 <= *y1) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "year";
  p.from = CivilDate{*y1, 1, 1};
  p.to = CivilDate{y2, 12, 31};
  return p;
}

std::optional<Parsed> Resolver::DaySpan(const Match& m) const {
  const bool month_first = m.Has("day2");
  const char* prefix = month_first ? "" : (m.Has("dday2") ? "d" : "r");
  auto group = [&](const char* name) { return m.Get(std::string(prefix) + name); };
  const Capture* month = group("month");
  const Capture* day1 = group("day");
  const Capture* day2 = group("day2");
  const Capture* year = group("year");
  if (day1 == nullptr || day2 == nullptr || (month == nullptr && !m.Has("dwhich")))
    return std::nullopt;
  const std::string conn = AsciiLower(m.Group(std::string(prefix) + "conn"));
  const std::string lead = AsciiLower(m.Group(std::string(prefix) + "lead"));
  // "and" joins two days only after "between" ("3 and 12 of Sept" may be counts).
  if (conn == "and" && lead != "between") return std::nullopt;
  auto d1 = DayNumber(day1);
  auto d2 = DayNumber(day2);
  if (!d1 || !d2 || *d1 == *d2) return std::nullopt;
  // "May 5 to 7 p.m.": the second number is an hour.
  if (FollowedByTime(m.end)) return std::nullopt;
  // Days that wrap into the next month read so only from late to early ("April 27
  // to 3"); "May 3-1" is more likely a score.
  const bool wrap = *d1 > *d2;
  if (wrap && (*d1 < 20 || *d2 > 10)) return std::nullopt;
  Parsed p;
  p.kind = "range";
  p.granularity = "day";
  CivilDate known;
  if (month == nullptr) {
    // "from 4 to 22 next month": the month is placed from the reference date's.
    if (!ref_) return p;
    const int k = StepOf(m.Group("dwhich"));
    const CivilDate first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
    if (!IsValidDate(first.year, first.month, static_cast<int>(*d2))) return std::nullopt;
    known = CivilDate{first.year, first.month, static_cast<int>(*d2)};
  } else {
    auto anchor = Day(month, nullptr, month_first ? day1 : day2, year);
    if (!anchor) return std::nullopt;
    anchor->pos = m.start;
    AnchorToReference(&*anchor);
    if (!anchor->from) return ref_ ? std::nullopt : std::optional<Parsed>(p);
    known = *anchor->from;
  }
  CivilDate other_month{known.year, known.month, 1};
  if (wrap) other_month = AddMonths(other_month, month_first ? 1 : -1);
  const int other_day = month_first ? *d2 : *d1;
  if (!IsValidDate(other_month.year, other_month.month, other_day)) return std::nullopt;
  const CivilDate other{other_month.year, other_month.month, other_day};
  p.from = month_first ? known : other;
  p.to = month_first ? other : known;
  return p;
}

std::optional<Parsed> Resolver::Decade(const Match& m) const {
  int d = 0;
  if (auto v = LeadingInt(m.Group("decade"))) {
    d = static_cast<int>(*v);
  } else if (auto v2 = LeadingInt(m.Has("decade2") ? m.Group("decade2") : m.Group("decade3"))) {
    // Two digits: the 1930s..1990s, or the 2000s..2020s.
    d = static_cast<int>(*v2) >= 30 ? 1900 + static_cast<int>(*v2) : 2000 + static_cast<int>(*v2);
  } else if (auto v3 = LexNum(Lex(kDecadeWord), m.Group("decade_word"), "value")) {
    d = *v3;
  }
  if (d <= 0 || d % 10 != 0) return std::nullopt;
  Parsed p;
  p.kind = "decade";
  p.granularity = "decade";
  p.from = CivilDate{d, 1, 1};
  p.to = CivilDate{d + 9, 12, 31};
  return p;
}

std::optional<Parsed> Resolver::Quarter(const Match& m) const {
  const bool half = m.rule->Emit("granularity") == "month";
  const Capture* q = nullptr;
  for (const char* name : {"quarter", "qcode", "half", "hcode", "quarter2"}) {
    if (q == nullptr) q = m.Get(name);
  }
  if (q == nullptr) return std::nullopt;
  const int n = LexNum(Lex(kQuarter), q->text, half ? "half" : "num").value_or(0);
  if (n < 1 || n > (half ? 2 : 4)) return std::nullopt;
  const int months = half ? 6 : 3;
  const Capture* y = m.Get("year");
  if (y == nullptr) y = m.Get("qyear");
  if (y == nullptr) y = m.Get("hyear");
  std::optional<int> year;
  if (y != nullptr) {
    year = YearNumber(y);
    if (!year) return std::nullopt;
  }
  Parsed p;
  p.kind = "quarter";
  p.granularity =
      half ? std::optional<std::string>("month") : std::optional<std::string>("quarter");
  // "of the year", "of this year": the reference date's year, whatever the tense.
  const bool this_year =
      AsciiLower(std::string_view(text_).substr(m.start, m.end - m.start)).ends_with("year");
  if (!year) {
    if (!ref_) return p;
    year = ref_->year;
    const int start_month = months * (n - 1) + 1;
    if (!this_year && FutureCue(m.start)) {
      if (start_month + months - 1 < ref_->month) ++*year;
    } else if (!this_year && start_month > ref_->month) {
      --*year;
    }
  }
  p.from = CivilDate{*year, months * (n - 1) + 1, 1};
  p.to = MonthEnd(*year, months * n);
  return p;
}

}  // namespace dates_internal
}  // namespace newsfacts
