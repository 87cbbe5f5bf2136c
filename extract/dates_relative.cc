// The forms counted from the reference date (or an earlier date of the story): relative
// days and weekdays, "two weeks ago", "next month", durations, shifts by a count of units.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "extract/date_math.h"
#include "extract/dates_internal.h"
#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace dates_internal {

std::optional<Parsed> Resolver::YearToDateForm(const Match&) const { return YearToDate(); }

int Resolver::UnitRank(std::string_view unit_text) const {
  if (const LexiconEntry* unit = Entry(kTimeUnit, unit_text)) {
    const std::string& code = unit->attr("code");
    return code == "Y" ? 4 : unit->attr("align") == "quarter" ? 3 : code == "M" ? 2 : 1;
  }
  if (const LexiconEntry* period = Entry(kPeriodUnit, unit_text)) {
    const std::string& unit = period->attr("unit");
    return unit == "year" || unit == "decade" ? 4 : unit == "quarter" ? 3 : unit == "month" ? 2 : 1;
  }
  return 1;
}

bool Resolver::MovesWholePeriods(std::string_view unit_text) const {
  const LexiconEntry* unit = Entry(kTimeUnit, unit_text);
  if (unit == nullptr) return false;
  const std::string& code = unit->attr("code");
  return code == "M" || code == "Y";
}

std::optional<CivilDate> Resolver::ShiftBy(const CivilDate& date, std::string_view count,
                                           std::string_view unit_text, bool back) const {
  auto n = Count(AsciiLower(count));
  const LexiconEntry* unit = Entry(kTimeUnit, unit_text);
  if (!n || unit == nullptr) return std::nullopt;
  return Shift(date, back ? -*n : *n, *unit);
}

std::optional<Parsed> Resolver::Weekend(const Match& m) const {
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  const int today = Weekday(*ref_);
  CivilDate saturday = AddDays(*ref_, 6 - today);  // this week's
  if (today < 6 && !FutureCue(m.start)) saturday = AddDays(saturday, -7);
  p.from = saturday;
  p.to = AddDays(saturday, 1);
  return p;
}

std::optional<Parsed> Resolver::WeekdayOfWeek(const Match& m) const {
  const bool weekday_first = m.Has("wweek");
  auto wd = LexNum(Lex(kWeekday), m.Group(weekday_first ? "weekday" : "wday"), "num");
  if (!wd) return std::nullopt;
  const int k = StepOf(m.Group(weekday_first ? "wweek" : "wwhich"));
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  p.from = p.to = AddDays(*ref_, 1 - Weekday(*ref_) + 7 * k + (*wd - 1));
  return p;
}

std::optional<Parsed> Resolver::Compound(const Match& m) const {
  const std::string dir = AsciiLower(m.Group("cdir"));
  const bool within = m.Has("cwithin");
  if (dir.empty() && !within) return std::nullopt;
  // "the last 3 months and 2 days ago ...": the first length belongs to "last".
  if (!within) {
    size_t k = m.start;
    while (k > 0 && IsSpace(text_[k - 1])) --k;
    size_t w = k;
    while (w > 0 && !IsSpace(text_[w - 1])) --w;
    const std::string before = AsciiLower(std::string_view(text_).substr(w, k - w));
    if (StepOf(before) != 0 || LexNum(Lex(kNth), before, "value") == 1) return std::nullopt;
  }
  const bool back = dir == "ago";
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  std::string_view words = m.Group("compound");
  CivilDate date = *ref_;
  bool have_count = false;  // words alternate: a count, then its unit
  int64_t count = 0;
  size_t i = 0;
  while (i < words.size()) {
    if (IsSpace(words[i]) || words[i] == ',') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < words.size() && !IsSpace(words[j]) && words[j] != ',') ++j;
    const std::string word = AsciiLower(words.substr(i, j - i));
    i = j;
    if (word == "and") continue;
    if (!have_count) {
      std::optional<int64_t> c = Count(word);
      if (!c) return std::nullopt;
      count = *c;
      have_count = true;
      continue;
    }
    const LexiconEntry* unit = Entry(kTimeUnit, word);
    if (unit == nullptr) return std::nullopt;
    auto moved = Shift(date, back ? -count : count, *unit);
    if (!moved) return std::nullopt;
    date = *moved;
    have_count = false;
  }
  if (within) {
    p.from = *ref_;
    p.to = extract_internal::ToDays(date) > extract_internal::ToDays(*ref_) ? AddDays(date, -1)
                                                                            : *ref_;
  } else {
    p.from = p.to = date;
  }
  return p;
}

std::optional<Parsed> Resolver::YearToDate() const {
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (ref_) {
    p.from = CivilDate{ref_->year, 1, 1};
    p.to = *ref_;
  }
  return p;
}

std::optional<Parsed> Resolver::RelativeDay(const Match& m) const {
  auto offset = LexNum(Lex(kRelativeDay), m.Group("relday"), "offset");
  if (!offset) offset = LexNum(Lex(kRangeEndDay), m.Group("relday"), "offset");
  if (!offset) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (ref_) p.from = p.to = AddDays(*ref_, *offset);
  return p;
}

std::optional<Parsed> Resolver::WeekdayDate(const Match& m) const {
  auto wd = LexNum(Lex(kWeekday), m.Group("weekday"), "num");
  if (!wd || *wd < 1 || *wd > 7) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  const auto direction = DirectionOf(m.Group("which"));
  const int today = Weekday(*ref_);
  int64_t delta = 0;
  if (direction && direction->step == 0) {
    delta = *wd - today;
  } else if (direction && !direction->nearest) {
    // "last Tuesday", "next Tuesday": the named day of the week before or after the
    // reference date's (weeks run Monday to Sunday), as "last week" is that whole week.
    delta = *wd - today + 7 * direction->step;
  } else if (direction && direction->step > 0) {
    delta = ((*wd - today) % 7 + 7) % 7;  // "coming Tuesday": the first one after
    if (delta == 0) delta = 7;
  } else if (!direction && FutureCue(m.start)) {
    p.bare_weekday = *wd;
    delta = ((*wd - today) % 7 + 7) % 7;
  } else {
    p.bare_weekday = *wd;
    // "on Tuesday", "past Tuesday": the latest one on or before the reference date.
    delta = -(((today - *wd) % 7 + 7) % 7);
  }
  p.from = p.to = AddDays(*ref_, delta);
  return p;
}

std::optional<CivilDate> Resolver::Shift(const CivilDate& date, int64_t n,
                                         const LexiconEntry& unit) const {
  auto mult = ParseAttrNumber(unit.attr("mult", "1"));
  if (!mult) return std::nullopt;
  int64_t k = n * static_cast<int64_t>(*mult);
  const std::string& code = unit.attr("code");
  if (code == "D") return AddDays(date, k);
  if (code == "BD") {
    // Business days: Monday to Friday, counted one by one (k is at most kMaxCount).
    CivilDate d = date;
    const int step = k < 0 ? -1 : 1;
    for (int64_t left = k < 0 ? -k : k; left > 0;) {
      d = AddDays(d, step);
      if (Weekday(d) <= 5) --left;
    }
    return d;
  }
  if (code == "W") return AddDays(date, 7 * k);
  if (code == "M") return AddMonths(date, k);
  if (code == "Y") return AddYears(date, k);
  // Hours and minutes move the day only when they add up to whole days.
  auto floor_div = [](int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  };
  if (code == "H") return AddDays(date, floor_div(k, 24));
  if (code == "MIN") return AddDays(date, floor_div(k, 24 * 60));
  return std::nullopt;
}

std::optional<Parsed> Resolver::Ago(const Match& m) const {
  auto n = Count(AsciiLower(m.Group("count")));
  const LexiconEntry* unit = Entry(kTimeUnit, m.Group("unit"));
  if (!n || unit == nullptr) return std::nullopt;
  const bool future = m.rule->Emit("direction") == "future";
  if (m.rule->Emit("needs_future_cue") == "true" && !FutureCue(m.start) &&
      (PastCue(m.start) || FollowedByOf(m.end))) {
    return std::nullopt;
  }
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (ref_) {
    auto d = Shift(*ref_, future ? *n : -*n, *unit);
    if (!d) return std::nullopt;
    p.from = p.to = *d;
  }
  return p;
}

std::optional<Parsed> Resolver::PastUnit(const Match& m) const {
  const LexiconEntry* unit = Entry(kTimeUnit, m.Group("punit"));
  if (unit == nullptr) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (!ref_) return p;
  const auto from = Shift(*ref_, -1, *unit);  // "the past week": one unit up to the reference
  if (!from) return std::nullopt;
  p.from = *from;
  p.to = *ref_;
  return p;
}

std::optional<int> Resolver::PeriodStep(const Match& m, std::string_view which,
                                        std::string_view unit) const {
  if (const auto direction = DirectionOf(which)) return direction->step;
  if (which.starts_with("after")) return 2;  // "the week after next"
  const std::string part = AsciiLower(m.Group("part"));
  if (which == "the" || which.ends_with("same") || (which == "that" && unit == "weekend")) {
    // "the rest of the week" and "the end of the year" are the reference date's; so
    // is "the week" or "the same year" standing alone ("away for the week"), but not
    // when it is someone else's ("the week of April 10", "the year before", "the
    // year 2020").
    // "the same week that it happened" names the week by what happened in it; "the
    // same month as" and "the same week of" compare it with another.
    const bool ends = which.ends_with("same")
                          ? AnaphoraEnds(m.end) || FollowedByWord(m.end, {"that", "when"})
                          : AnaphoraEnds(m.end);
    if (!part.ends_with("of") && !part.ends_with("in") && (!part.empty() || !ends)) {
      return std::nullopt;
    }
    return 0;
  }
  // "end of year", "rest of week": the reference date's.
  if (which.empty() && part.ends_with("of")) return 0;
  return std::nullopt;
}

namespace {

// The calendar period `k` units from the reference date's: its week (Monday to Sunday, or
// to Friday for a working week), weekend, fortnight, month, quarter, year or decade.
std::pair<CivilDate, CivilDate> CalendarPeriod(const CivilDate& ref, std::string_view unit, int k,
                                               bool work_week) {
  CivilDate from;
  CivilDate to;
  if (unit == "fortnight") {
    // "next fortnight": two Monday-to-Sunday weeks, the first being the reference
    // date's week ("this fortnight") or the one two weeks on.
    from = AddDays(ref, 1 - Weekday(ref) + 14 * k);
    to = AddDays(from, 13);
  } else if (unit == "week" || unit == "weekend") {
    CivilDate monday = AddDays(ref, 1 - Weekday(ref) + 7 * k);
    from = unit == "week" ? monday : AddDays(monday, 5);
    to = AddDays(monday, work_week ? 4 : 6);
  } else if (unit == "month") {
    from = AddMonths(CivilDate{ref.year, ref.month, 1}, k);
    to = MonthEnd(from.year, from.month);
  } else if (unit == "quarter") {
    int q_month = (ref.month - 1) / 3 * 3 + 1;
    from = AddMonths(CivilDate{ref.year, q_month, 1}, 3 * k);
    CivilDate last = AddMonths(from, 2);
    to = MonthEnd(last.year, last.month);
  } else if (unit == "decade") {
    const int first = ref.year - ((ref.year % 10) + 10) % 10 + 10 * k;
    from = CivilDate{first, 1, 1};
    to = CivilDate{first + 9, 12, 31};
  } else {
    from = CivilDate{ref.year + k, 1, 1};
    to = CivilDate{ref.year + k, 12, 31};
  }
  return {from, to};
}

// Narrows p's period to the part written before it: "earlier", "later" and "the rest of"
// split it at the reference date when it holds it; "early" and "late" take its first and
// second halves (a year's first and last six months), "mid" its middle third.
void PartOfPeriod(std::string_view part, std::string_view unit, const CivilDate& ref, Parsed* p) {
  CivilDate from = *p->from;
  CivilDate to = *p->to;
  const int64_t from_days = extract_internal::ToDays(from);
  const int64_t to_days = extract_internal::ToDays(to);
  const int64_t ref_days = extract_internal::ToDays(ref);
  if (part == "earlier" && ref_days > from_days && ref_days <= to_days) {
    to = AddDays(ref, -1);
    p->granularity = "day";
  } else if (part == "later" && ref_days >= from_days && ref_days <= to_days) {
    from = ref;
    p->granularity = "day";
  } else if (part == "rest" && ref_days >= from_days && ref_days <= to_days) {
    from = ref;
    p->granularity = "day";
  } else if (unit == "year" && (part == "early" || part == "late")) {
    // A year's halves are its first and last six months.
    if (part == "early") to = CivilDate{from.year, 6, 30};
    if (part == "late") from = CivilDate{from.year, 7, 1};
    p->granularity = "month";
  } else if (part == "early" || part == "late" || part == "mid") {
    int64_t len = to_days - from_days + 1;
    if (part == "early") to = AddDays(from, len / 2 - 1);
    if (part == "late") from = AddDays(from, len / 2);
    if (part == "mid") {
      CivilDate mid_from = AddDays(from, len / 3);
      to = AddDays(from, 2 * len / 3 - 1);
      from = mid_from;
    }
    p->granularity = "day";
  }
  p->from = from;
  p->to = to;
}

}  // namespace

std::optional<Parsed> Resolver::Period(const Match& m) const {
  const std::string which = AsciiLower(m.Group("which"));
  const LexiconEntry* period = Entry(kPeriodUnit, m.Group("unit"));
  if (period == nullptr) return std::nullopt;
  const std::string& unit = period->attr("unit");
  const bool work_week = period->attr("work") == "true";  // Monday to Friday
  const std::optional<int> k = PeriodStep(m, which, unit);
  if (!k) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  if (unit == "day") {
    // "the day", "this day", "end of day"; "next day" and "the previous day" one day
    // on or back.
    const std::string part = AsciiLower(m.Group("part"));
    if (!part.ends_with("end of") && (!part.empty() || !AnaphoraEnds(m.end))) return std::nullopt;
    p.granularity = "day";
    if (ref_) p.from = p.to = AddDays(*ref_, *k);
    return p;
  }
  if (unit == "week" || unit == "weekend" || unit == "fortnight") {
    p.granularity = "day";
  } else if (unit == "month" || unit == "quarter" || unit == "year" || unit == "decade") {
    p.granularity = unit;
  } else {
    return std::nullopt;
  }
  if (!ref_) return p;
  std::tie(p.from, p.to) = CalendarPeriod(*ref_, unit, *k, work_week);
  PartOfPeriod(PartOf(m.Group("part")), unit, *ref_, &p);
  return p;
}

std::optional<Parsed> Resolver::Duration(const Match& m) const {
  std::string count_text = AsciiLower(m.Group("count"));
  // "a year" or "an hour" alone is too often no period at all ("once a year"), and
  // "a few days" has no length to report.
  if (count_text == "a" || count_text == "an") return std::nullopt;
  if (const LexiconEntry* word = Entry(kNumberWord, count_text);
      word != nullptr && word->attr("vague") == "true") {
    return std::nullopt;
  }
  auto n = Count(count_text);
  const LexiconEntry* unit = Entry(kTimeUnit, m.Group("unit"));
  if (!n || *n <= 0 || unit == nullptr) return std::nullopt;
  auto mult = ParseAttrNumber(unit->attr("mult", "1"));
  // "only 3 next week": a count before a singular unit is no length of it.
  if (m.rule->Emit("plural_unit") == "true" && *n > 1 &&
      !AsciiLower(m.Group("unit")).ends_with("s")) {
    return std::nullopt;
  }
  const std::string& code = unit->attr("code");
  if (!mult || code.empty()) return std::nullopt;
  Parsed p;
  p.kind = "duration";
  const std::string amount = std::to_string(*n * static_cast<int64_t>(*mult));
  if (code == "BD") {
    p.duration = "P" + amount + "D";
  } else if (code == "H") {
    p.duration = "PT" + amount + "H";
  } else if (code == "MIN") {
    p.duration = "PT" + amount + "M";
  } else {
    p.duration = "P" + amount + code;
  }
  if (!PlaceDuration(m, *n, static_cast<int64_t>(*mult), *unit, &p)) return std::nullopt;
  return p;
}

namespace {

// "the past two quarters": whole calendar quarters before (or after) the reference date's
// own.
void PlaceQuarters(const CivilDate& ref, int64_t n, bool back, Parsed* p) {
  const CivilDate current{ref.year, (ref.month - 1) / 3 * 3 + 1, 1};
  const int64_t months = 3 * n;
  const CivilDate from = back ? AddMonths(current, -months) : AddMonths(current, 3);
  p->from = from;
  p->to = AddDays(AddMonths(from, months), -1);
  p->granularity = "day";
}

// "the past two decades": whole decades before (or after) the reference date's own, as with
// quarters (from 2016, 1990-2009).
void PlaceDecades(const CivilDate& ref, int64_t n, bool back, Parsed* p) {
  const int current = ref.year - ((ref.year % 10) + 10) % 10;
  const int first = back ? current - 10 * static_cast<int>(n) : current + 10;
  p->from = CivilDate{first, 1, 1};
  p->to = CivilDate{first + 10 * static_cast<int>(n) - 1, 12, 31};
  p->granularity = "year";
}

// `count` hours or minutes (`per_day` of them in a day) from the reference day: whole days
// passed, counted toward it ("the past 5 minutes" and "the next 5 minutes" are the
// reference day itself).
void PlaceHoursMinutes(const CivilDate& ref, int64_t count, int64_t per_day, bool back, Parsed* p) {
  const int64_t days = count / per_day;
  p->from = back ? AddDays(ref, -days) : ref;
  p->to = back ? ref : AddDays(ref, days);
  p->granularity = "day";
}

}  // namespace

bool Resolver::PlaceDuration(const Match& m, int64_t n, int64_t mult, const LexiconEntry& unit,
                             Parsed* p) const {
  const std::string& code = unit.attr("code");
  std::string which = AsciiLower(m.Group("which"));
  const int step = StepOf(which);
  bool back = step < 0;
  bool ahead = step > 0;
  const bool within = m.Has("within");
  const bool quarters = unit.attr("align") == "quarter";
  const bool decades = unit.attr("align") == "decade";
  // "three quarters" alone is a fraction, not a period.
  if (quarters && !back && !ahead && !within) return false;
  if (ref_ && quarters && (back || ahead) && !FollowedByOf(m.end)) {
    PlaceQuarters(*ref_, n, back, p);
    return true;
  }
  if (ref_ && decades && (back || ahead) && !FollowedByOf(m.end)) {
    PlaceDecades(*ref_, n, back, p);
    return true;
  }
  if (ref_ && within && !back) {
    // "within 30 days", "within the next two years": from the reference date to the
    // day before the length has passed.
    if (auto other = Shift(*ref_, n, unit)) {
      p->from = *ref_;
      p->to = std::max(*ref_, AddDays(*other, -1), [](const CivilDate& a, const CivilDate& b) {
        return extract_internal::ToDays(a) < extract_internal::ToDays(b);
      });
      p->granularity = "day";
    }
    return true;
  }
  if (ref_ && (back || ahead) && !FollowedByOf(m.end) && (code == "H" || code == "MIN")) {
    PlaceHoursMinutes(*ref_, n * mult, code == "H" ? 24 : 24 * 60, back, p);
    return true;
  }
  if (ref_ && (back || ahead) && !FollowedByOf(m.end)) {
    auto other = Shift(*ref_, back ? -n : n, unit);
    if (other) {
      // "the next three days" starts tomorrow; "the past three days" ends today.
      p->from = back ? *other : AddDays(*ref_, 1);
      p->to = back ? *ref_ : *other;
      p->granularity = "day";
    }
  }
  return true;
}

std::optional<Parsed> Resolver::DayBeforeAfter(const Match& m) const {
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (ref_)
    p.from = p.to =
        AddDays(*ref_, LexNum(Lex(kShiftWord), m.Group("dba"), "step").value_or(1) < 0 ? -1 : 1);
  return p;
}

}  // namespace dates_internal
}  // namespace newsfacts
