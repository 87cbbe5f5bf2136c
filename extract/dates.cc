// ExtractDates: rule matches -> DateFact facts. The rule file (rules/dates.toml)
// documents the decisions (spans, ranges, weekdays, anchoring of durations); this file
// does the calendar arithmetic. Each rule names its form (emit.form); the form table
// (Forms()) gives the handler that reads the match's groups (day, month, month_num, year,
// weekday, count, unit ...), so a new surface form of a known meaning is a rule with
// those group names and a form, and needs no code.

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
#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace {

using extract_internal::AddDays;
using extract_internal::AddMonths;
using extract_internal::AddYears;
using extract_internal::AsciiLower;
using extract_internal::CivilDate;
using extract_internal::DaysInMonth;
using extract_internal::FormatIso;
using extract_internal::IsDigit;
using extract_internal::IsSpace;
using extract_internal::IsValidDate;
using extract_internal::ParseAttrNumber;
using extract_internal::ParseIsoDate;
using extract_internal::Ranked;
using extract_internal::SkipSpaces;
using extract_internal::Weekday;
using extract_internal::WordAt;
using rules::Capture;
using rules::LexiconEntry;
using rules::Match;
using rules::RuleSet;

// Counts above this are not calendar durations anyone writes ("100000 years" is a
// figure, not a period to resolve).
constexpr int64_t kMaxCount = 10000;

// True when text[i] ends a sentence: a line break, or a '.', '!' or '?' before spaces
// and then a capital, a digit or a quote ("3 p.m. on Tuesday" and "e.g. the" go on),
// except a '.' after a short capitalised word ("Mr. Lee", "Jan. 5"). The look-back for
// that word stops at floor. The end of the text is not a sentence end here.
bool EndsSentenceAt(const std::string& text, size_t i, size_t floor) {
  const char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  size_t j = i + 1;
  while (j < text.size() && (text[j] == '"' || text[j] == '\'' || text[j] == ')')) ++j;
  if (j >= text.size() || !IsSpace(text[j])) return false;
  j = SkipSpaces(text, j);
  if (j >= text.size()) return false;
  const unsigned char next = static_cast<unsigned char>(text[j]);
  if (!(std::isupper(next) || IsDigit(text[j]) || text[j] == '"' || next >= 0x80)) return false;
  if (c == '.') {
    size_t w = i;
    while (w > floor && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
    if (i - w <= 3 && i > w && std::isupper(static_cast<unsigned char>(text[w]))) return false;
  }
  return true;
}

// What one match means, before it becomes a fact.
struct Parsed {
  std::string kind;
  std::optional<std::string> granularity;
  std::optional<CivilDate> from;
  std::optional<CivilDate> to;
  std::optional<std::string> duration;
  // A day or month written without a year: its month and day (0 for a month), to be
  // given a year by the context or by the other end of a range.
  bool needs_year = false;
  int month = 0;
  int day = 0;
  int weekday = 0;       // 1..7 when the text names the weekday of a yearless day
  int bare_weekday = 0;  // 1..7 for a weekday alone ("Friday"), placed by its context
  size_t pos = 0;        // where the match starts, for reading the tense around it
};

struct Candidate {
  DateFact fact;
  size_t start = 0;
  size_t end = 0;
  int priority = 0;
  size_t rule_index = 0;
  const Match* match = nullptr;
};

int GranularityRank(const std::optional<std::string>& g) {
  if (!g) return 0;
  if (*g == "day") return 1;
  if (*g == "month") return 2;
  if (*g == "quarter") return 3;
  if (*g == "year") return 4;
  if (*g == "decade") return 5;
  return 0;
}

// Leading digits of text ("13th" -> 13), capped; nullopt when none.
std::optional<int64_t> LeadingInt(std::string_view text) {
  int64_t v = 0;
  size_t i = 0;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    v = v * 10 + (text[i] - '0');
    if (v > 1000000) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  return v;
}

CivilDate MonthEnd(int year, int month) { return CivilDate{year, month, DaysInMonth(year, month)}; }

// How a form's facts are made: from the match alone, or from the dates matched inside it.
enum class Build {
  kMatch,       // the form's handler reads the match's fields
  kDateToDate,  // "from May 1 to June 3": a range between the two dates inside
  kShifted,     // "two weeks before Christmas": the date inside, moved
  kLengthTo,    // "the three months to June 30": a length ending with the date inside
  kLengthFrom,  // "the week of April 10", "the 90 days from May 1": a length from it
};

class Resolver;

struct FormEntry {
  std::string_view name;  // emit.form in rules/dates.toml
  Build build;
  std::optional<Parsed> (Resolver::*parse)(const Match&) const;  // for Build::kMatch
};

class Resolver {
 public:
  // The form table, which names the handlers below.
  friend std::span<const FormEntry> Forms();

  Resolver(const std::string& text, const RuleSet& rules, const Context& context)
      : text_(text), rules_(rules) {
    if (context.reference_date) ref_ = ParseIsoDate(*context.reference_date);
  }

  // The handler of the rule's form (kForms), with the match's position; nothing for a
  // form built from other matches (a range of two dates, a shifted date).
  std::optional<Parsed> Parse(const Match& m) const;

  // Handlers of forms whose rule alternatives write the same fields under other group
  // names (RE2 names a group once), or that read another handler's fields.
  std::optional<Parsed> DayForm(const Match& m) const {
    auto p = Day(m.Get("month"), m.Get("month_num"), m.Get("day"), m.Get("year"));
    if (p && m.Has("weekday"))
      p->weekday = LexNum(Lex(kWeekday), m.Group("weekday"), "num").value_or(0);
    return p;
  }
  std::optional<Parsed> DottedDay(const Match& m) const {
    if (m.Has("dday_num"))
      return Day(nullptr, m.Get("dmonth_num"), m.Get("dday_num"), m.Get("dyear_num"));
    if (m.Has("dotday")) return Day(nullptr, m.Get("dotmonth"), m.Get("dotday"), m.Get("dotyear"));
    return DayForm(m);
  }
  std::optional<Parsed> DayOrShortYear(const Match& m) const {
    if (m.Has("day") && (m.Has("month") || m.Has("month_num"))) return DayForm(m);
    return ShortYearDay(m);
  }
  std::optional<Parsed> MonthForm(const Match& m) const {
    return MonthOf(m.Get("month"), m.Get("year"), m.Group("which"));
  }
  std::optional<Parsed> MonthOrYear(const Match& m) const {
    if (m.Has("month")) return MonthForm(m);
    return YearForm(m);
  }
  std::optional<Parsed> YearForm(const Match& m) const { return Year(m.Get("year")); }
  std::optional<Parsed> YearToDateForm(const Match&) const { return YearToDate(); }

  // True when the clause before pos speaks of the future ("will", "next week's",
  // "is scheduled"): a day or month without a year is then the next one, not the last.
  bool FutureCue(size_t pos) const {
    if (Lex(kFutureCue) == nullptr) return false;
    size_t begin = pos > 200 ? pos - 200 : 0;
    for (size_t i = pos; i > begin; --i) {
      if (EndsSentenceAt(text_, i - 1, begin)) {
        begin = i;
        break;
      }
    }
    size_t i = begin;
    bool weak = false;
    while (i < pos) {
      std::string_view word = WordAt(text_, i);
      if (word.empty()) {
        ++i;
        continue;
      }
      std::string lower = AsciiLower(word);
      if (lower.ends_with("'ll") || Lex(kFutureCue)->Find(lower) != nullptr) return true;
      if (!weak && Lex(kPresentFutureCue) != nullptr)
        weak = Lex(kPresentFutureCue)->Find(lower) != nullptr;
      i += word.size();
    }
    // "The summit opens June 24", "ends on Friday", "by March": the present tense of a
    // scheduled event, unless the sentence speaks of the past.
    return weak && !PastCue(pos);
  }

  // True when the sentence around pos speaks of the past: a word of the past_cue
  // lexicon ("rose", "first", "highest") or a word of five letters or more ending in
  // -ed. A length there ("rose 5% in two years") is past time, not a day ahead.
  bool PastCue(size_t pos) const {
    if (Lex(kPastCue) == nullptr) return false;
    size_t begin = pos > 300 ? pos - 300 : 0;
    auto sentence_end = [&](size_t i) { return EndsSentenceAt(text_, i, begin); };
    for (size_t i = pos; i > begin; --i) {
      if (sentence_end(i - 1)) {
        begin = i;
        break;
      }
    }
    const size_t limit = std::min(text_.size(), pos + 300);
    size_t i = begin;
    while (i < limit) {
      if (i >= pos && sentence_end(i)) break;
      std::string_view word = WordAt(text_, i);
      if (word.empty()) {
        ++i;
        continue;
      }
      const std::string lower = AsciiLower(word);
      if ((lower.size() >= 5 && lower.ends_with("ed")) || Lex(kPastCue)->Find(lower) != nullptr)
        return true;
      i += word.size();
    }
    return false;
  }

  // Gives a year to a day or month written without one: the reference date's year.
  void AnchorToReference(Parsed* p) const {
    if (!p->needs_year) return;
    p->needs_year = false;
    if (!ref_) return;
    SetYear(p, YearFor(*p));
  }

  // The year of a day or month written without one: the latest on or before the
  // reference date (news reports what happened), or the first on or after it when the
  // clause speaks of the future. A named weekday chooses between the latest such day
  // and the next one; when it fits neither (or both), the tense decides.
  int YearFor(const Parsed& p) const {
    const bool future = FutureCue(p.pos);
    if (p.day > 0 && p.weekday > 0) {
      const int past_year = YearOf(p, false);
      const int next_year = YearOf(p, true);
      const bool past_fits = IsValidDate(past_year, p.month, p.day) &&
                             Weekday(CivilDate{past_year, p.month, p.day}) == p.weekday;
      const bool next_fits = IsValidDate(next_year, p.month, p.day) &&
                             Weekday(CivilDate{next_year, p.month, p.day}) == p.weekday;
      if (past_fits != next_fits) return past_fits ? past_year : next_year;
    }
    return YearOf(p, future);
  }

  // The year of the latest (or, when future, the next) such day or month.
  int YearOf(const Parsed& p, bool future) const {
    const int64_t ref_days = extract_internal::ToDays(*ref_);
    int year = ref_->year;
    if (p.day > 0) {
      auto after_ref = [&](int y) {
        // February 29 of a common year counts as March 1 for the comparison.
        CivilDate d =
            IsValidDate(y, p.month, p.day) ? CivilDate{y, p.month, p.day} : CivilDate{y, 3, 1};
        return extract_internal::ToDays(d) - ref_days;
      };
      if (future) {
        if (after_ref(year) < 0) ++year;
        for (int i = 0; i < 8 && !IsValidDate(year, p.month, p.day); ++i) ++year;
      } else {
        if (after_ref(year) > 0) --year;
        for (int i = 0; i < 8 && !IsValidDate(year, p.month, p.day); ++i) --year;
      }
      return year;
    }
    if (future && p.month < ref_->month) return year + 1;
    if (!future && p.month > ref_->month) return year - 1;
    return year;
  }

  // Sets the year of a day or month written without one.
  static void SetYear(Parsed* p, int year) {
    if (p->day > 0) {
      if (!IsValidDate(year, p->month, p->day)) {
        p->from.reset();
        p->to.reset();
        return;
      }
      p->from = p->to = CivilDate{year, p->month, p->day};
    } else {
      p->from = CivilDate{year, p->month, 1};
      p->to = MonthEnd(year, p->month);
    }
    p->needs_year = false;
  }

  const std::optional<CivilDate>& reference() const { return ref_; }

  // date moved by "<count> <unit>" (back = earlier); nullopt when unreadable.
  std::optional<CivilDate> ShiftBy(const CivilDate& date, std::string_view count,
                                   std::string_view unit_text, bool back) const {
    auto n = Count(AsciiLower(count));
    const LexiconEntry* unit = Lex(kTimeUnit) ? Lex(kTimeUnit)->Find(unit_text) : nullptr;
    if (!n || unit == nullptr) return std::nullopt;
    return Shift(date, back ? -*n : *n, *unit);
  }

 private:
  std::optional<int> LexNum(const rules::Lexicon* lexicon, std::string_view form,
                            const std::string& attr) const {
    if (lexicon == nullptr) return std::nullopt;
    const LexiconEntry* entry = lexicon->Find(form);
    if (entry == nullptr) return std::nullopt;
    auto v = ParseAttrNumber(entry->attr(attr));
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }

  std::optional<int> MonthNumber(const Capture* month, const Capture* month_num) const {
    if (month != nullptr) return LexNum(Lex(kMonth), month->text, "num");
    if (month_num != nullptr) {
      auto v = LeadingInt(month_num->text);
      if (v && *v >= 1 && *v <= 12) return static_cast<int>(*v);
    }
    return std::nullopt;
  }

  // A year written in four digits, or in words ("nineteen ninety six"); a year in
  // words must not run on into a noun ("May two thousand people").
  std::optional<int> YearNumber(const Capture* year) const {
    if (year == nullptr) return std::nullopt;
    if (!year->text.empty() && !IsDigit(year->text[0])) {
      std::string_view next = WordAt(text_, SkipSpaces(text_, year->end));
      if (!next.empty() &&
          (Lex(kYearWordsFollow) == nullptr || Lex(kYearWordsFollow)->Find(next) == nullptr)) {
        return std::nullopt;
      }
      return YearFromWords(year->text);
    }
    auto v = LeadingInt(year->text);
    if (!v || year->text.size() != 4) return std::nullopt;
    return static_cast<int>(*v);
  }

  // "nineteen ninety six" (two pairs), "nineteen hundred ninety three", "two thousand and
  // fifteen", "one thousand seven hundred and eighty nine"; nullopt unless 1000..2999.
  static std::optional<int> YearFromWords(std::string_view words) {
    static constexpr std::string_view kSmall[] = {
        "zero",     "one",     "two",     "three",     "four",     "five",    "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static constexpr std::string_view kTens[] = {"twenty", "thirty",  "forty",  "fifty",
                                                 "sixty",  "seventy", "eighty", "ninety"};
    std::vector<int> values;  // numbers, with -100 for "hundred" and -1000 for "thousand"
    size_t i = 0;
    while (i < words.size()) {
      if (!extract_internal::IsAsciiAlpha(words[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < words.size() && extract_internal::IsAsciiAlpha(words[j])) ++j;
      const std::string word = AsciiLower(words.substr(i, j - i));
      i = j;
      if (word == "and") continue;
      if (word == "oh") {
        values.push_back(0);
      } else if (word == "hundred") {
        values.push_back(-100);
      } else if (word == "thousand") {
        values.push_back(-1000);
      } else {
        int v = -1;
        for (int k = 0; k < 20; ++k) {
          if (word == kSmall[k]) v = k;
        }
        for (int k = 0; k < 8; ++k) {
          if (word == kTens[k]) v = 20 + 10 * k;
        }
        if (v < 0) return std::nullopt;
        values.push_back(v);
      }
    }
    if (values.empty()) return std::nullopt;
    int year = 0;
    const bool additive = std::find(values.begin(), values.end(), -100) != values.end() ||
                          std::find(values.begin(), values.end(), -1000) != values.end();
    if (additive) {
      int total = 0;
      int current = 0;
      for (int v : values) {
        if (v == -1000) {
          total += std::max(current, 1) * 1000;
          current = 0;
        } else if (v == -100) {
          current = std::max(current, 1) * 100;
        } else {
          current += v;
        }
      }
      year = total + current;
    } else {
      // Two pairs: the century, then the year within it ("nineteen oh five").
      int rest = 0;
      for (size_t k = 1; k < values.size(); ++k) rest += values[k];
      if (rest > 99) return std::nullopt;
      year = values[0] * 100 + rest;
    }
    if (year < 1000 || year > 2999) return std::nullopt;
    return year;
  }

  std::optional<int64_t> Count(std::string_view text) const {
    if (!text.empty() && IsDigit(text[0])) {
      auto v = LeadingInt(text);
      if (!v || *v > kMaxCount) return std::nullopt;
      return v;
    }
    // "twenty-two": tens and a unit; any other hyphenated pair is no count.
    if (const size_t dash = text.find('-'); dash != std::string_view::npos) {
      auto tens = LexNum(Lex(kNumberWord), text.substr(0, dash), "value");
      auto units = LexNum(Lex(kNumberWord), text.substr(dash + 1), "value");
      if (!tens || !units || *tens < 20 || *tens > 90 || *tens % 10 != 0 || *units < 1 ||
          *units > 9) {
        return std::nullopt;
      }
      return *tens + *units;
    }
    auto v = LexNum(Lex(kNumberWord), text, "value");
    if (!v) return std::nullopt;
    return *v;
  }

  std::optional<Parsed> Day(const Capture* month, const Capture* month_num, const Capture* day,
                            const Capture* year) const {
    auto m = MonthNumber(month, month_num);
    auto d = DayNumber(day);
    if (!m || !d || *d < 1 || *d > 31) return std::nullopt;
    // "in May two people": a cardinal word without a year is a day only when no noun
    // follows it.
    if (year == nullptr && day != nullptr && !day->text.empty() && !IsDigit(day->text[0]) &&
        !LexNum(Lex(kDayWord), day->text, "value")) {
      const std::string_view next = WordAt(text_, SkipSpaces(text_, day->end));
      if (!next.empty() &&
          (Lex(kYearWordsFollow) == nullptr || Lex(kYearWordsFollow)->Find(next) == nullptr)) {
        return std::nullopt;
      }
    }
    // "5 May 12:00": the number after the month is the hour.
    if (year == nullptr && day != nullptr && day->end + 1 < text_.size() &&
        text_[day->end] == ':' && IsDigit(text_[day->end + 1])) {
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

  // A month; without a year it is anchored later, unless `which` places it ("this
  // May" is the reference year's, "last May" the latest before the reference month,
  // "next May" the first after it).
  std::optional<Parsed> MonthOf(const Capture* month, const Capture* year,
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
        if (which == "last" || which == "past" || which == "previous") {
          if (*m >= ref_->month) --y;
        } else if (which == "next" || which == "coming" || which == "following") {
          if (*m <= ref_->month) ++y;
        }
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

  // "fiscal 2024", "FY2024", "FY24", "FY2024/25": reported as the calendar years
  // named, since where a fiscal year starts depends on the country and the body.
  std::optional<Parsed> FiscalYear(const Match& m) const {
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

  // "summer 2024", "last winter": a meteorological season of the northern hemisphere,
  // three months from March, June, September or December (winter runs into the next
  // year). Without a year: "this" is the one that starts in the reference's year (for
  // winter, the one ending in it before December), "last"/"past" the latest one ended
  // before the reference, "next"/"coming" the first one starting after it. A season
  // alone is not read.
  std::optional<Parsed> Season(const Match& m) const {
    const std::string season = AsciiLower(m.Has("season") ? m.Group("season") : m.Group("season2"));
    const int start = season == "spring" ? 3 : season == "summer" ? 6 : season == "winter" ? 12 : 9;
    std::string which = AsciiLower(m.Group("swhich"));
    auto span = [&](int year) {
      Parsed p;
      p.kind = "range";
      p.granularity = "month";
      p.from = CivilDate{year, start, 1};
      const CivilDate last = AddMonths(CivilDate{year, start, 1}, 2);
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
    if (which == "this") {
      year = start == 12 && ref_->month < 12 ? ref_->year - 1 : ref_->year;
    } else if (which == "last" || which == "past") {
      if (extract_internal::ToDays(*span(year).to) >= ref_days) --year;
    } else {
      ++year;  // "next", "coming"
    }
    return span(year);
  }

  // "on the 27th": the latest day with that number on or before the reference date
  // (the next one when the clause speaks of the future). A word after it makes it an
  // ordinal adjective ("the 5th floor").
  std::optional<Parsed> OrdinalDay(const Match& m) const {
    auto d = LeadingInt(m.Group("mday"));
    if (!d || *d < 1 || *d > 31) return std::nullopt;
    const std::string next = AsciiLower(WordAt(text_, SkipSpaces(text_, m.Get("mday")->end)));
    if (!next.empty() && next != "and" && next != "at" && next != "from" && next != "between" &&
        next != "to" && next != "until" && next != "till" && next != "through") {
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

  // A two-digit year: the century that puts it no more than twenty years after the
  // reference date (news looks back further than ahead); 00-49 are 20xx without one.
  int CenturyYear(int64_t yy) const {
    int year = static_cast<int>(yy) + (yy < 50 ? 2000 : 1900);
    if (ref_) {
      year = ref_->year - ((ref_->year % 100) + 100) % 100 + static_cast<int>(yy);
      if (year > ref_->year + 20) year -= 100;
    }
    return year;
  }

  // "Aug 9, 96", "3 Aug 96", "April of 87": a day or month with a two-digit year. A
  // number or a word after it (other than the year_words_follow lexicon's "in", "and"
  // ...) makes the two digits a count ("On March 3, 12 people died").
  std::optional<Parsed> ShortYearWords(const Match& m) const {
    const size_t next = SkipSpaces(text_, m.end);
    const std::string_view next_word = WordAt(text_, next);
    if (next < text_.size() &&
        (IsDigit(text_[next]) ||
         (!next_word.empty() && (Lex(kYearWordsFollow) == nullptr ||
                                 Lex(kYearWordsFollow)->Find(next_word) == nullptr)))) {
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

  // "05/05/89": a two-digit year, read in the hundred years that end twenty years after
  // the reference date.
  std::optional<Parsed> ShortYearDay(const Match& m) const {
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

  // The day of a holiday in a year, from its lexicon entry; nullopt when the entry
  // is malformed.
  std::optional<CivilDate> HolidayIn(const LexiconEntry& entry, int year) const {
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
    return AddDays(date,
                   static_cast<int64_t>(ParseAttrNumber(entry.attr("shift", "0")).value_or(0)));
  }

  std::optional<Parsed> Holiday(const Match& m) const {
    const LexiconEntry* entry = Lex(kHoliday) ? Lex(kHoliday)->Find(m.Group("holiday")) : nullptr;
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
      std::string which = AsciiLower(m.Group("which"));
      const bool future = which == "next" || which == "coming" || which == "following" ||
                          which == "upcoming" || (which.empty() && FutureCue(m.start));
      const bool strictly = which == "last" || which == "previous" || which == "past" || future;
      const int64_t ref_days = extract_internal::ToDays(*ref_);
      if (which == "this" || which == "current") {
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

  // "over the weekend": the latest Saturday and Sunday begun by the reference date,
  // or the next ones when the clause speaks of the future.
  std::optional<Parsed> Weekend(const Match& m) const {
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

  // "Tuesday of last week", "next week Monday".
  std::optional<Parsed> WeekdayOfWeek(const Match& m) const {
    const bool weekday_first = m.Has("wweek");
    auto wd = LexNum(Lex(kWeekday), m.Group(weekday_first ? "weekday" : "wday"), "num");
    std::string which = AsciiLower(m.Group(weekday_first ? "wweek" : "wwhich"));
    if (!wd) return std::nullopt;
    int k = 0;
    if (which == "last" || which == "previous") k = -1;
    if (which == "next" || which == "following" || which == "coming" || which == "upcoming") k = 1;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (!ref_) return p;
    p.from = p.to = AddDays(*ref_, 1 - Weekday(*ref_) + 7 * k + (*wd - 1));
    return p;
  }

  // Which third a part word names: 0 early/beginning/start, 1 mid/middle, 2 late/end.
  static int PartThird(std::string_view part_text) {
    std::string part = AsciiLower(part_text);
    if (part.starts_with("the ")) part = part.substr(4);
    if (part.starts_with("mid")) return 1;
    if (part.starts_with("late") || part.starts_with("end")) return 2;
    return 0;
  }

  // "early 2024" Jan-Apr, "mid-2024" May-Aug, "late 2024" Sep-Dec.
  std::optional<Parsed> PartOfYear(const Match& m) const {
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

  // "early May" days 1-10, "mid-May" 11-20, "late May" 21 to the month's end.
  std::optional<Parsed> PartOfMonth(const Match& m) const {
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

  // The year a rule names by number ("2027") or relative to the reference ("next
  // year", "this year"); the reference year when it names none. nullopt when it
  // cannot be known.
  std::optional<int> NamedYear(const Capture* year, std::string_view which_text) const {
    if (year != nullptr) return YearNumber(year);
    if (!ref_) return std::nullopt;
    const std::string which = AsciiLower(which_text);
    if (which == "last" || which == "previous" || which == "past") return ref_->year - 1;
    if (which == "next" || which == "following" || which == "coming" || which == "upcoming")
      return ref_->year + 1;
    return ref_->year;
  }

  // "two Sundays from now": the n-th such weekday after the reference date.
  std::optional<Parsed> NthWeekdayOn(const Match& m) const {
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

  // "week 10", "week 3 of 2027": ISO 8601 week n, Monday to Sunday; week 1 is the one
  // holding January 4.
  std::optional<Parsed> IsoWeek(const Match& m) const {
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

  // "the third month of 2021", "the 9th month of next year".
  std::optional<Parsed> NthMonthOfYear(const Match& m) const {
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

  // "the first Friday of July", "the second Monday of next month", "the 20th of next
  // month": a day counted within a month named or placed relative to the reference.
  // Without a month ("the second Sunday") it is the reference date's month.
  std::optional<Parsed> NthOfMonth(const Match& m) const {
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
      std::string which = AsciiLower(m.Group("nwhich"));
      int k = 0;
      if (which == "last" || which == "previous" || which == "past") k = -1;
      if (which == "next" || which == "following" || which == "coming") k = 1;
      first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
    }
    if (!first) return ref_ ? std::nullopt : std::optional<Parsed>(p);
    std::string nth_text = AsciiLower(m.Group("nth"));
    std::optional<int> n = LeadingInt(nth_text).has_value()
                               ? std::optional<int>(static_cast<int>(*LeadingInt(nth_text)))
                               : LexNum(Lex(kDayWord), nth_text, "value");
    if (nth_text == "last") n = -1;
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

  // "May twenty-first", "the second of August 2019".
  std::optional<Parsed> DayInWords(const Match& m) const {
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

  // "2015-12": a month given by number.
  std::optional<Parsed> MonthNumYear(const Match& m) const {
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

  // "the 21st century": 2000-01-01 .. 2099-12-31.
  std::optional<Parsed> Century(const Match& m) const {
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

  // "two years and three months ago", "1 month 21 days later", "within 5 years 1 month
  // 12 days": each count and unit in turn moves the reference date (so "2 years 1
  // month 21 days ago" from 2017-11-23 is 2015-10-02). Without a direction word or
  // "within" the lengths are no date.
  std::optional<Parsed> Compound(const Match& m) const {
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
      if (before == "last" || before == "past" || before == "previous" || before == "next" ||
          before == "coming" || before == "first") {
        return std::nullopt;
      }
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
      const LexiconEntry* unit = Lex(kTimeUnit) ? Lex(kTimeUnit)->Find(word) : nullptr;
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

  // "year to date", "so far this year": January 1 to the reference date.
  std::optional<Parsed> YearToDate() const {
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (ref_) {
      p.from = CivilDate{ref_->year, 1, 1};
      p.to = *ref_;
    }
    return p;
  }

  // "March last year", "June next year", "May this year".
  std::optional<Parsed> MonthOfYearWord(const Match& m) const {
    auto month = MonthNumber(m.Get("ymonth"), nullptr);
    if (!month) return std::nullopt;
    Parsed p;
    p.kind = "month";
    p.granularity = "month";
    if (!ref_) return p;
    const std::string which = AsciiLower(m.Group("ywhich"));
    int year = ref_->year;
    if (which == "last" || which.ends_with("previous")) --year;
    if (which == "next" || which.ends_with("following")) ++year;
    p.from = CivilDate{year, *month, 1};
    p.to = MonthEnd(year, *month);
    return p;
  }

  // The month or year that "the third week of ...", "the first six months of ..."
  // count within: a month (placed as "in January" is when it has no year), a year, or
  // "this/last/next month|year" ("the year" is the reference date's). from/to are
  // unset without a reference date when one is needed.
  std::optional<Parsed> EnclosingPeriod(const Match& m, const Capture* month,
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
    const std::string which = AsciiLower(which_text);
    int k = 0;
    if (which == "last" || which == "previous") k = -1;
    if (which == "next" || which == "coming" || which == "following" || which == "upcoming") k = 1;
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

  // The Monday of the nth (1-based) ISO-style week of [from, to]: weeks counted from
  // the one holding the first Thursday; n = 0 is the week holding the last Thursday.
  static CivilDate WeekMonday(const CivilDate& from, const CivilDate& to, int64_t n) {
    const CivilDate thursday = n == 0 ? AddDays(to, -((Weekday(to) - 4 + 7) % 7))
                                      : AddDays(from, (4 - Weekday(from) + 7) % 7 + 7 * (n - 1));
    return AddDays(thursday, -3);
  }

  // "the first six months of 2023", "the last two weeks of the year", "the first 10
  // days of May": that many units from the period's start or back from its end
  // (weeks as in NthWeek).
  std::optional<Parsed> FirstOrLastOf(const Match& m) const {
    const std::string fl = AsciiLower(m.Group("fl"));
    const bool last = fl == "last" || fl == "final";
    auto n = Count(AsciiLower(m.Group("fcount")));
    const LexiconEntry* unit = Lex(kTimeUnit) ? Lex(kTimeUnit)->Find(m.Group("funit")) : nullptr;
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

  // "the third week of January", "the last week of 2016": Monday-to-Sunday weeks
  // counted as ISO 8601 counts a year's weeks: the first is the one holding the
  // period's first Thursday, the last the one holding its last Thursday. A month
  // without a year is placed as "in January" is.
  std::optional<Parsed> NthWeek(const Match& m) const {
    static constexpr std::string_view kOrdinals[][2] = {
        {"first", "1st"}, {"second", "2nd"}, {"third", "3rd"}, {"fourth", "4th"}, {"fifth", "5th"}};
    const std::string nth = AsciiLower(m.Group("wnth"));
    int n = 0;
    for (int i = 0; i < 5; ++i) {
      if (nth == kOrdinals[i][0] || nth == kOrdinals[i][1]) n = i + 1;
    }
    const bool last = nth == "last" || nth == "final";
    if (n == 0 && !last) return std::nullopt;
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

  // "Friday 31", "Mon 13th": the day of the month nearest the reference date that
  // falls on that weekday.
  std::optional<Parsed> WeekdayMonthDay(const Match& m) const {
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
        (text_[m.end] == '-' || text_[m.end] == ':' || text_[m.end] == '.' ||
         text_[m.end] == '/') &&
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

  std::optional<Parsed> Year(const Capture* year) const {
    auto y = YearNumber(year);
    if (!y) return std::nullopt;
    Parsed p;
    p.kind = "year";
    p.granularity = "year";
    p.from = CivilDate{*y, 1, 1};
    p.to = CivilDate{*y, 12, 31};
    return p;
  }

  std::optional<Parsed> YearRange(const Match& m) const {
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

  // "May 13-15", "13 to 15 May", "April ninth through seventeenth", "between 3 and 12
  // of Sept", "from 4 to January 22": two days and one month, written with the first
  // day ("May 13-15") or with the last ("13-15 May", "from 4 to January 22"). That day
  // is placed as a single day is; the other is in the same month, or in the month
  // next to it when the days wrap ("April 27 to 3").
  std::optional<Parsed> DaySpan(const Match& m) const {
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
      const std::string which = AsciiLower(m.Group("dwhich"));
      int k = 0;
      if (which == "next" || which.ends_with("following")) k = 1;
      if (which == "last" || which.ends_with("previous")) k = -1;
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

  // The number of a day of the month written in digits ("13", "13th") or in words
  // ("thirteenth").
  std::optional<int64_t> DayNumber(const Capture* day) const {
    if (day == nullptr) return std::nullopt;
    if (auto v = LeadingInt(day->text)) return v;
    if (auto w = LexNum(Lex(kDayWord), day->text, "value")) return *w;
    if (auto c = LexNum(Lex(kDayCardinal), day->text, "value")) return *c;
    return std::nullopt;
  }

  // True when a time of day starts at pos ("7 p.m." after "May 5 to", ":30", "pm").
  bool FollowedByTime(size_t pos) const {
    if (pos < text_.size() && text_[pos] == ':' && pos + 1 < text_.size() &&
        IsDigit(text_[pos + 1])) {
      return true;
    }
    const std::string word = AsciiLower(WordAt(text_, SkipSpaces(text_, pos)));
    return word == "am" || word == "pm" || word == "a" || word == "p" || word == "o'clock" ||
           word == "hours" || word == "hrs";
  }

  // "the 1990s", "the '90s", "the nineties".
  std::optional<Parsed> Decade(const Match& m) const {
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

  // Quarters ("Q3 2023", "the third quarter") and halves ("H1 2024", "the second half
  // of 2023"). Without a year: the latest one begun by the reference date, or the next
  // one from it when the clause speaks of the future.
  std::optional<Parsed> Quarter(const Match& m) const {
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

  std::optional<Parsed> RelativeDay(const Match& m) const {
    const std::string relday = AsciiLower(m.Group("relday"));
    // "now", and "date" as the end of a range ("from March to date").
    auto offset = relday == "now" || relday.ends_with("date")
                      ? std::optional<int>(0)
                      : LexNum(Lex(kRelativeDay), m.Group("relday"), "offset");
    if (!offset) return std::nullopt;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (ref_) p.from = p.to = AddDays(*ref_, *offset);
    return p;
  }

  std::optional<Parsed> WeekdayDate(const Match& m) const {
    auto wd = LexNum(Lex(kWeekday), m.Group("weekday"), "num");
    if (!wd || *wd < 1 || *wd > 7) return std::nullopt;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (!ref_) return p;
    std::string which = AsciiLower(m.Group("which"));
    const int today = Weekday(*ref_);
    int64_t delta = 0;
    if (which == "last" || which == "previous") {
      // The named day of the week before the reference date's (weeks run Monday to
      // Sunday), as "last week" is that whole week.
      delta = *wd - today - 7;
    } else if (which == "next" || which == "following") {
      delta = *wd - today + 7;
    } else if (which == "coming" || which == "upcoming") {
      delta = ((*wd - today) % 7 + 7) % 7;
      if (delta == 0) delta = 7;
    } else if (which == "this") {
      delta = *wd - today;
    } else if (which != "past" && FutureCue(m.start)) {
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

  // Shifts a date by n calendar units of a time_unit entry; nullopt for unknown units.
  std::optional<CivilDate> Shift(const CivilDate& date, int64_t n, const LexiconEntry& unit) const {
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

  // "two weeks ago" (the single day that far back), or, for rules emitting
  // direction = "future", "in two weeks" / "two weeks from now" (that far ahead).
  std::optional<Parsed> Ago(const Match& m) const {
    auto n = Count(AsciiLower(m.Group("count")));
    const LexiconEntry* unit = Lex(kTimeUnit) ? Lex(kTimeUnit)->Find(m.Group("unit")) : nullptr;
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

  // "the past year": from one unit before the reference date to it.
  std::optional<Parsed> PastUnit(const Match& m) const {
    std::string unit = AsciiLower(m.Group("punit"));
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (!ref_) return p;
    CivilDate from = *ref_;
    if (unit == "week") from = AddDays(*ref_, -7);
    if (unit == "fortnight") from = AddDays(*ref_, -14);
    if (unit == "month") from = AddMonths(*ref_, -1);
    if (unit == "year") from = AddYears(*ref_, -1);
    if (unit == "decade") from = AddYears(*ref_, -10);
    if (unit == "day") from = AddDays(*ref_, -1);
    if (unit == "quarter") from = AddMonths(*ref_, -3);
    p.from = from;
    p.to = *ref_;
    return p;
  }

  // "this week", "last month", "next quarter", "this weekend": the whole calendar
  // period. A `part` narrows it: "earlier this month" runs from its start to the day
  // before the reference date, "later this year" (or "later in the year") from the
  // reference date to its end, "early" and "late" are its first and second halves (a
  // year's are its first and last six months). "the" names the reference date's
  // period only with a part ("the end of the year", "earlier in the week").
  std::optional<Parsed> Period(const Match& m) const {
    std::string which = AsciiLower(m.Group("which"));
    std::string unit = AsciiLower(m.Group("unit"));
    if (unit == "qtr") unit = "quarter";
    // "this working week", "next workweek": Monday to Friday.
    const bool work_week = unit.starts_with("work");
    if (work_week) unit = "week";
    int k = 0;
    if (which == "last" || which == "previous" || which == "past") {
      k = -1;
    } else if (which == "next" || which == "coming" || which == "following" ||
               which == "upcoming") {
      k = 1;
    } else if (which == "the" || which.ends_with("same") ||
               (which == "that" && unit == "weekend")) {
      // "the rest of the week" and "the end of the year" are the reference date's; so
      // is "the week" or "the same year" standing alone ("away for the week"), but not
      // when it is someone else's ("the week of April 10", "the year before", "the
      // year 2020").
      std::string part = AsciiLower(m.Group("part"));
      // "the same week that it happened" names the week by what happened in it; "the
      // same month as" and "the same week of" compare it with another.
      const bool ends = which.ends_with("same")
                            ? AnaphoraEnds(m.end) || FollowedByWord(m.end, {"that", "when"})
                            : AnaphoraEnds(m.end);
      if (!part.ends_with("of") && !part.ends_with("in") && (!part.empty() || !ends)) {
        return std::nullopt;
      }
    } else if (which.starts_with("after")) {
      k = 2;  // "the week after next"
    } else if (which.empty()) {
      // "end of year", "rest of week": the reference date's.
      if (!AsciiLower(m.Group("part")).ends_with("of")) return std::nullopt;
    } else if (which != "this" && which != "current") {
      return std::nullopt;
    }
    Parsed p;
    p.kind = "relative";
    if (unit == "day") {
      // "the day", "this day", "end of day"; "next day" and "the previous day" one day
      // on or back.
      const std::string part = AsciiLower(m.Group("part"));
      if (!part.ends_with("end of") && (!part.empty() || !AnaphoraEnds(m.end))) return std::nullopt;
      p.granularity = "day";
      if (ref_) p.from = p.to = AddDays(*ref_, k);
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
    CivilDate from;
    CivilDate to;
    if (unit == "fortnight") {
      // "next fortnight": two Monday-to-Sunday weeks, the first being the reference
      // date's week ("this fortnight") or the one two weeks on.
      from = AddDays(*ref_, 1 - Weekday(*ref_) + 14 * k);
      to = AddDays(from, 13);
    } else if (unit == "week" || unit == "weekend") {
      CivilDate monday = AddDays(*ref_, 1 - Weekday(*ref_) + 7 * k);
      from = unit == "week" ? monday : AddDays(monday, 5);
      to = AddDays(monday, work_week ? 4 : 6);
    } else if (unit == "month") {
      from = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
      to = MonthEnd(from.year, from.month);
    } else if (unit == "quarter") {
      int q_month = (ref_->month - 1) / 3 * 3 + 1;
      from = AddMonths(CivilDate{ref_->year, q_month, 1}, 3 * k);
      CivilDate last = AddMonths(from, 2);
      to = MonthEnd(last.year, last.month);
    } else if (unit == "decade") {
      const int first = ref_->year - ((ref_->year % 10) + 10) % 10 + 10 * k;
      from = CivilDate{first, 1, 1};
      to = CivilDate{first + 9, 12, 31};
    } else {
      from = CivilDate{ref_->year + k, 1, 1};
      to = CivilDate{ref_->year + k, 12, 31};
    }
    std::string part = AsciiLower(m.Group("part"));
    if (part.starts_with("earlier")) part = "earlier";
    if (part.starts_with("later")) part = "later";
    if (part.find("rest") != std::string::npos || part.find("remain") != std::string::npos)
      part = "rest";
    if (part.find("beginning") != std::string::npos || part.find("start") != std::string::npos)
      part = "early";
    if (part.find("middle") != std::string::npos) part = "mid";
    if (part.find("end of") != std::string::npos) part = "late";
    const int64_t from_days = extract_internal::ToDays(from);
    const int64_t to_days = extract_internal::ToDays(to);
    const int64_t ref_days = extract_internal::ToDays(*ref_);
    if (part == "earlier" && ref_days > from_days && ref_days <= to_days) {
      to = AddDays(*ref_, -1);
      p.granularity = "day";
    } else if (part == "later" && ref_days >= from_days && ref_days <= to_days) {
      from = *ref_;
      p.granularity = "day";
    } else if (part == "rest" && ref_days >= from_days && ref_days <= to_days) {
      from = *ref_;
      p.granularity = "day";
    } else if (unit == "year" && (part == "early" || part == "late")) {
      // A year's halves are its first and last six months.
      if (part == "early") to = CivilDate{from.year, 6, 30};
      if (part == "late") from = CivilDate{from.year, 7, 1};
      p.granularity = "month";
    } else if (part == "early" || part == "late" || part == "mid") {
      int64_t len = to_days - from_days + 1;
      if (part == "early") to = AddDays(from, len / 2 - 1);
      if (part == "late") from = AddDays(from, len / 2);
      if (part == "mid") {
        CivilDate mid_from = AddDays(from, len / 3);
        to = AddDays(from, 2 * len / 3 - 1);
        from = mid_from;
      }
      p.granularity = "day";
    }
    p.from = from;
    p.to = to;
    return p;
  }

  std::optional<Parsed> Duration(const Match& m) const {
    std::string count_text = AsciiLower(m.Group("count"));
    // "a year" or "an hour" alone is too often no period at all ("once a year"), and
    // "a few days" has no length to report.
    if (count_text == "a" || count_text == "an") return std::nullopt;
    if (const LexiconEntry* word = Lex(kNumberWord) ? Lex(kNumberWord)->Find(count_text) : nullptr;
        word != nullptr && word->attr("vague") == "true") {
      return std::nullopt;
    }
    auto n = Count(count_text);
    const LexiconEntry* unit = Lex(kTimeUnit) ? Lex(kTimeUnit)->Find(m.Group("unit")) : nullptr;
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
    std::string which = AsciiLower(m.Group("which"));
    bool back = which == "last" || which == "past" || which == "previous";
    bool ahead =
        which == "next" || which == "coming" || which == "upcoming" || which == "following";
    const bool within = m.Has("within");
    const bool quarters = unit->attr("align") == "quarter";
    const bool decades = unit->attr("align") == "decade";
    // "three quarters" alone is a fraction, not a period.
    if (quarters && !back && !ahead && !within) return std::nullopt;
    if (ref_ && quarters && (back || ahead) && !FollowedByOf(m.end)) {
      // "the past two quarters": whole calendar quarters before (or after) the
      // reference date's own.
      const CivilDate current{ref_->year, (ref_->month - 1) / 3 * 3 + 1, 1};
      const int64_t months = 3 * *n;
      const CivilDate from = back ? AddMonths(current, -months) : AddMonths(current, 3);
      const CivilDate to = AddDays(AddMonths(from, months), -1);
      p.from = from;
      p.to = to;
      p.granularity = "day";
      return p;
    }
    if (ref_ && decades && (back || ahead) && !FollowedByOf(m.end)) {
      // "the past two decades": whole decades before (or after) the reference date's
      // own, as with quarters (from 2016, 1990-2009).
      const int current = ref_->year - ((ref_->year % 10) + 10) % 10;
      const int first = back ? current - 10 * static_cast<int>(*n) : current + 10;
      p.from = CivilDate{first, 1, 1};
      p.to = CivilDate{first + 10 * static_cast<int>(*n) - 1, 12, 31};
      p.granularity = "year";
      return p;
    }
    if (ref_ && within && !back) {
      // "within 30 days", "within the next two years": from the reference date to the
      // day before the length has passed.
      if (auto other = Shift(*ref_, *n, *unit)) {
        p.from = *ref_;
        p.to = std::max(*ref_, AddDays(*other, -1), [](const CivilDate& a, const CivilDate& b) {
          return extract_internal::ToDays(a) < extract_internal::ToDays(b);
        });
        p.granularity = "day";
      }
      return p;
    }
    if (ref_ && (back || ahead) && !FollowedByOf(m.end) && (code == "H" || code == "MIN")) {
      // Hours and minutes from the reference day: whole days passed, counted toward it
      // ("the past 5 minutes" and "the next 5 minutes" are the reference day itself).
      const int64_t per_day = code == "H" ? 24 : 24 * 60;
      const int64_t days = *n * static_cast<int64_t>(*mult) / per_day;
      p.from = back ? AddDays(*ref_, -days) : *ref_;
      p.to = back ? *ref_ : AddDays(*ref_, days);
      p.granularity = "day";
      return p;
    }
    if (ref_ && (back || ahead) && !FollowedByOf(m.end)) {
      auto other = Shift(*ref_, back ? -*n : *n, *unit);
      if (other) {
        // "the next three days" starts tomorrow; "the past three days" ends today.
        p.from = back ? *other : AddDays(*ref_, 1);
        p.to = back ? *ref_ : *other;
        p.granularity = "day";
      }
    }
    return p;
  }

  // True when nothing after pos ties a period word to another time ("the year 2020",
  // "the week of May 5", "the day's events", "the year before", "the day he left").
  bool AnaphoraEnds(size_t pos) const {
    if (pos < text_.size() &&
        (text_[pos] == '-' || text_[pos] == '\'' || text_.compare(pos, 3, "\xE2\x80\x99") == 0)) {
      return false;  // "the year-ago quarter", "the week's", "the week’s"
    }
    const size_t next_pos = SkipSpaces(text_, pos);
    if (next_pos < text_.size() && IsDigit(text_[next_pos])) return false;
    std::string_view word = WordAt(text_, next_pos);
    if (word.empty()) return true;
    if ((Lex(kWeekday) != nullptr && Lex(kWeekday)->Find(word) != nullptr) ||
        (Lex(kMonth) != nullptr && Lex(kMonth)->Find(word) != nullptr)) {
      return false;  // "early in the day Wednesday" is Wednesday's
    }
    return Lex(kAnaphoraStop) == nullptr || Lex(kAnaphoraStop)->Find(AsciiLower(word)) == nullptr;
  }

  // "the day before", "the day after" closing a clause: the day next to the reference.
  std::optional<Parsed> DayBeforeAfter(const Match& m) const {
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (ref_) p.from = p.to = AddDays(*ref_, AsciiLower(m.Group("dba")) == "before" ? -1 : 1);
    return p;
  }

  // True when the word after pos (lower-cased) is one of words.
  bool FollowedByWord(size_t pos, std::initializer_list<std::string_view> words) const {
    const std::string next = AsciiLower(WordAt(text_, SkipSpaces(text_, pos)));
    return std::find(words.begin(), words.end(), next) != words.end();
  }

  bool FollowedByOf(size_t pos) const {
    pos = SkipSpaces(text_, pos);
    return AsciiLower(WordAt(text_, pos)) == "of";
  }

  // The lexicons, looked up by name on first use: most sentences need few of them, and
  // a lookup by name costs more than the rest of a sentence without dates.
  enum LexiconId {
    kMonth,
    kWeekday,
    kNumberWord,
    kTimeUnit,
    kRelativeDay,
    kQuarter,
    kHoliday,
    kDayWord,
    kFutureCue,
    kDecadeWord,
    kAnaphoraStop,
    kYearWordsFollow,
    kDayCardinal,
    kPastCue,
    kPresentFutureCue,
    kLexiconCount
  };
  const rules::Lexicon* Lex(LexiconId id) const {
    static constexpr const char* kNames[kLexiconCount] = {
        "month",         "weekday",           "number_word",  "time_unit",  "relative_day",
        "quarter",       "holiday",           "day_word",     "future_cue", "decade_word",
        "anaphora_stop", "year_words_follow", "day_cardinal", "past_cue",   "present_future_cue"};
    if (!lexicon_loaded_[id]) {
      lexicons_[id] = rules_.lexicon(kNames[id]);
      lexicon_loaded_[id] = true;
    }
    return lexicons_[id];
  }

  const std::string& text_;
  const RuleSet& rules_;
  mutable const rules::Lexicon* lexicons_[kLexiconCount] = {};
  mutable bool lexicon_loaded_[kLexiconCount] = {};
  std::optional<CivilDate> ref_;
};

// Every date form and its handler: a rule names its form, and this table, not the groups
// a match happens to have, decides how it is read. docs/rules.md lists the forms.
std::span<const FormEntry> Forms() {
  static constexpr FormEntry kForms[] = {
      {"day", Build::kMatch, &Resolver::DayForm},
      {"dotted_day", Build::kMatch, &Resolver::DottedDay},
      {"day_or_short_year", Build::kMatch, &Resolver::DayOrShortYear},
      {"day_in_words", Build::kMatch, &Resolver::DayInWords},
      {"day_span", Build::kMatch, &Resolver::DaySpan},
      {"short_year_words", Build::kMatch, &Resolver::ShortYearWords},
      {"short_year_day", Build::kMatch, &Resolver::ShortYearDay},
      {"ordinal_day", Build::kMatch, &Resolver::OrdinalDay},
      {"weekday_month_day", Build::kMatch, &Resolver::WeekdayMonthDay},
      {"nth_weekday_on", Build::kMatch, &Resolver::NthWeekdayOn},
      {"nth_of_month", Build::kMatch, &Resolver::NthOfMonth},
      {"holiday", Build::kMatch, &Resolver::Holiday},
      {"month", Build::kMatch, &Resolver::MonthForm},
      {"numeric_month_year", Build::kMatch, &Resolver::MonthNumYear},
      {"nth_month_of_year", Build::kMatch, &Resolver::NthMonthOfYear},
      {"month_of_which_year", Build::kMatch, &Resolver::MonthOfYearWord},
      {"month_or_year", Build::kMatch, &Resolver::MonthOrYear},
      {"part_of_month", Build::kMatch, &Resolver::PartOfMonth},
      {"year", Build::kMatch, &Resolver::YearForm},
      {"year_range", Build::kMatch, &Resolver::YearRange},
      {"fiscal_year", Build::kMatch, &Resolver::FiscalYear},
      {"part_of_year", Build::kMatch, &Resolver::PartOfYear},
      {"season", Build::kMatch, &Resolver::Season},
      {"quarter", Build::kMatch, &Resolver::Quarter},
      {"decade", Build::kMatch, &Resolver::Decade},
      {"century", Build::kMatch, &Resolver::Century},
      {"iso_week", Build::kMatch, &Resolver::IsoWeek},
      {"nth_week", Build::kMatch, &Resolver::NthWeek},
      {"first_or_last_of", Build::kMatch, &Resolver::FirstOrLastOf},
      {"relative_day", Build::kMatch, &Resolver::RelativeDay},
      {"weekday", Build::kMatch, &Resolver::WeekdayDate},
      {"weekday_of_week", Build::kMatch, &Resolver::WeekdayOfWeek},
      {"weekend", Build::kMatch, &Resolver::Weekend},
      {"day_before_after", Build::kMatch, &Resolver::DayBeforeAfter},
      {"period", Build::kMatch, &Resolver::Period},
      {"past_unit", Build::kMatch, &Resolver::PastUnit},
      {"counted_shift", Build::kMatch, &Resolver::Ago},
      {"compound", Build::kMatch, &Resolver::Compound},
      {"year_to_date", Build::kMatch, &Resolver::YearToDateForm},
      {"duration", Build::kMatch, &Resolver::Duration},
      {"date_to_date", Build::kDateToDate, nullptr},
      {"shifted", Build::kShifted, nullptr},
      {"length_to", Build::kLengthTo, nullptr},
      {"length_from", Build::kLengthFrom, nullptr},
  };
  return kForms;
}

// The rule's form; nullptr for a rule without a known form (CheckEmits refuses it at load).
const FormEntry* FormOf(const rules::Rule& rule) {
  const std::string& name = rule.Emit("form");
  for (const FormEntry& form : Forms()) {
    if (form.name == name) return &form;
  }
  return nullptr;
}

std::optional<Parsed> Resolver::Parse(const Match& m) const {
  const FormEntry* form = FormOf(*m.rule);
  if (form == nullptr || form->parse == nullptr) return std::nullopt;
  auto p = (this->*form->parse)(m);
  if (p) p->pos = m.start;
  return p;
}

// The span a match reports: the group named by emit.span, or the whole match; a
// weekday's "on" is left out ("on Friday" -> "Friday").
std::pair<size_t, size_t> FactSpan(const Match& m) {
  const std::string& group = m.rule->Emit("span");
  if (!group.empty()) {
    if (const Capture* c = m.Get(group)) return {c->start, c->end};
  }
  if (const Capture* which = m.Get("which"); which != nullptr && m.Has("weekday")) {
    if (AsciiLower(which->text) == "on") {
      const Capture* wd = m.Get("weekday");
      return {wd->start, m.end};
    }
  }
  return {m.start, m.end};
}

// A numeric match glued to more digits by a separator ("138-2010-2015", "123-12-1234")
// is part of a phone number or an identifier, not a date.
bool InsideNumberRun(const std::string& text, const Match& m) {
  if (m.end <= m.start || !IsDigit(text[m.start]) || !IsDigit(text[m.end - 1])) return false;
  auto separator = [](char c) { return c == '-' || c == '/' || c == '.' || c == ':'; };
  if (m.start >= 2 && separator(text[m.start - 1]) && IsDigit(text[m.start - 2])) return true;
  if (m.end + 1 < text.size() && separator(text[m.end]) && IsDigit(text[m.end + 1])) return true;
  return false;
}

bool IsRangePart(const Match& m) {
  if (m.rule->Emit("part_only") == "true") return true;
  const std::string& kind = m.rule->Emit("kind");
  return kind == "date" || kind == "month" || kind == "year" || kind == "quarter" ||
         m.Has("relday") || (m.Has("weekday") && m.rule->id == "dates.relative.weekday") ||
         m.rule->Emit("range_part") == "true";
}

// True for a date a weekday next to it can refine: a single day reached by counting
// from another ("two weeks from now", "3 weeks after Christmas") or a numbered week.
bool RefinableByWeekday(const DateFact& f) {
  if (!f.from || !f.to) return false;
  if (f.rule == "dates.range.nth_week" || f.rule == "dates.range.week_number") return true;
  return f.kind == "relative" && *f.from == *f.to && f.rule != "dates.relative.weekday" &&
         f.rule != "dates.relative.day_word" && f.rule != "dates.relative.weekend";
}

// True for a Monday-to-Sunday week named relative to the reference ("next week").
bool IsWholeWeek(const DateFact& f) {
  if (f.rule != "dates.relative.period" && f.rule != "dates.relative.after_next") return false;
  if (!f.from || !f.to) return false;
  auto from = ParseIsoDate(*f.from);
  auto to = ParseIsoDate(*f.to);
  return from && to && Weekday(*from) == 1 &&
         extract_internal::ToDays(*to) - extract_internal::ToDays(*from) == 6;
}

// "Monday two weeks from now", "in 3 days on Friday", "the 1st week of Oct. on Friday":
// a bare weekday written next to a counted day or a week names that day's weekday in
// the same Monday-to-Sunday week. The two facts become one. facts are sorted by span,
// with byte offsets.
void JoinWeekdays(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts) {
  if (facts->size() < 2) return;
  const rules::Lexicon* weekdays = rules.lexicon("weekday");
  if (weekdays == nullptr) return;
  // 1 for Monday ... 7 for Sunday; 0 when word is not a weekday.
  auto weekday_num = [&](std::string_view word) -> int {
    const LexiconEntry* entry = weekdays->Find(word);
    if (entry == nullptr) return 0;
    return static_cast<int>(ParseAttrNumber(entry->attr("num")).value_or(0));
  };
  auto weekday_of = [&](const DateFact& f) -> int {
    return f.rule == "dates.relative.weekday" ? weekday_num(f.text) : 0;
  };
  auto joined = [&](const DateFact& a, const DateFact& b) {
    size_t i = static_cast<size_t>(a.span.end);
    const size_t end = static_cast<size_t>(b.span.start);
    if (i > end) return false;
    while (i < end && (IsSpace(text[i]) || text[i] == ',')) ++i;
    if (i + 2 <= end && AsciiLower(std::string_view(text).substr(i, 2)) == "on") i += 2;
    while (i < end && (IsSpace(text[i]) || text[i] == ',')) ++i;
    return i == end;
  };
  std::vector<DateFact> out;
  // merged, written from the start of a to the end of b, replaces the two.
  auto emit_joined = [&](DateFact merged, const DateFact& a, const DateFact& b) {
    merged.span = Span{a.span.start, b.span.end};
    merged.text = text.substr(static_cast<size_t>(a.span.start),
                              static_cast<size_t>(b.span.end - a.span.start));
    out.push_back(std::move(merged));
  };
  for (size_t k = 0; k < facts->size(); ++k) {
    DateFact& a = (*facts)[k];
    if (k + 1 < facts->size()) {
      DateFact& b = (*facts)[k + 1];
      const int wa = weekday_of(a);
      const int wb = weekday_of(b);
      const DateFact* base = wa > 0 && RefinableByWeekday(b)   ? &b
                             : wb > 0 && RefinableByWeekday(a) ? &a
                                                               : nullptr;
      // "this Friday (June 15)", "tomorrow, 13/04/21": a relative day followed by the
      // date it stands for; the written date gives the value.
      if ((a.rule == "dates.relative.weekday" || a.rule == "dates.relative.day_word") &&
          b.rule.starts_with("dates.day.") && b.from && b.from == b.to) {
        size_t i = static_cast<size_t>(a.span.end);
        const size_t end = static_cast<size_t>(b.span.start);
        while (i < end && (IsSpace(text[i]) || text[i] == ',' || text[i] == '(' || text[i] == '-'))
          ++i;
        if (i == end) {
          emit_joined(b, a, b);
          ++k;
          continue;
        }
      }
      // "next week between Wednesday and Friday", "from Tuesday to Friday next week": the
      // weekdays of that week.
      const bool week_first = IsWholeWeek(a) && b.kind == "range";
      const bool week_last = IsWholeWeek(b) && a.kind == "range";
      if ((week_first || week_last) && joined(a, b)) {
        const DateFact& week = week_first ? a : b;
        const DateFact& days_range = week_first ? b : a;
        std::vector<int> days;
        bool digits = false;
        for (size_t i = static_cast<size_t>(days_range.span.start);
             i < static_cast<size_t>(days_range.span.end);) {
          if (IsDigit(text[i])) digits = true;
          std::string_view word = WordAt(text, i);
          if (word.empty()) {
            ++i;
            continue;
          }
          if (const int day = weekday_num(word); day > 0) days.push_back(day);
          i += word.size();
        }
        auto monday = ParseIsoDate(*week.from);
        if (!digits && days.size() == 2 && days[0] > 0 && days[1] > 0 && monday) {
          DateFact merged = days_range;
          merged.from = FormatIso(AddDays(*monday, days[0] - 1));
          merged.to = FormatIso(AddDays(*monday, days[1] - 1 + (days[1] < days[0] ? 7 : 0)));
          emit_joined(std::move(merged), a, b);
          ++k;
          continue;
        }
      }
      if (base != nullptr && joined(a, b)) {
        auto day = ParseIsoDate(*base->from);
        if (day) {
          const int wd = wa > 0 ? wa : wb;
          DateFact merged = *base;
          merged.kind = "relative";
          merged.granularity = "day";
          merged.from = merged.to = FormatIso(AddDays(*day, wd - Weekday(*day)));
          emit_joined(std::move(merged), a, b);
          ++k;
          continue;
        }
      }
    }
    out.push_back(std::move(a));
  }
  *facts = std::move(out);
}

// Sentence ends (EndsSentenceAt) between [from, to).
// Counts at most two, and gives two for a stretch longer than two sentences could be,
// so that a long text is not scanned again for every fact.
int SentenceEnds(const std::string& text, size_t from, size_t to) {
  constexpr size_t kTwoSentences = 3000;
  if (to > from + kTwoSentences) return 2;
  int ends = 0;
  for (size_t i = from; i < to && i < text.size() && ends < 2; ++i) {
    if (!EndsSentenceAt(text, i, from)) continue;
    ++ends;
    if (text[i] == '\n') {
      while (i + 1 < to && IsSpace(text[i + 1])) ++i;
    }
  }
  return ends;
}

// How a fact written relative to another time ("two days later", "the next day", "a
// year earlier", "the following week") is resolved: against the last date the same
// sentence or the one before it wrote out (a fact of a kind other than relative or
// duration), else against the reference. A rule opts in with emit.anchor = "previous";
// with emit.anchor = "which", only for the `which` words that point back at a time
// already named (the following/previous/same/that period, the next day).
bool AnchorsOnPrevious(const Match& m) {
  const std::string& anchor = m.rule->Emit("anchor");
  if (anchor == "previous") return true;
  if (anchor != "which") return false;
  std::string which = AsciiLower(m.Group("which"));
  std::string unit = AsciiLower(m.Group("unit"));
  if (which == "following" || which == "previous" || which.ends_with("same") ||
      (which == "that" && unit != "weekend")) {
    return true;
  }
  return which == "next" && unit == "day";
}

void AnchorToPreviousDates(const std::string& text, const RuleSet& rules,
                           std::vector<Candidate>* candidates, const std::vector<size_t>& order) {
  const Candidate* anchor = nullptr;
  for (size_t i : order) {
    Candidate& c = (*candidates)[i];
    if (c.match != nullptr && c.fact.from && AnchorsOnPrevious(*c.match) && anchor != nullptr &&
        SentenceEnds(text, anchor->end, c.start) <= 1) {
      const Match& m = *c.match;
      auto a_from = ParseIsoDate(*anchor->fact.from);
      auto a_to = ParseIsoDate(*anchor->fact.to);
      if (!a_from || !a_to) continue;
      const bool back = m.rule->Emit("direction") == "past" ||
                        AsciiLower(m.Group("dba")) == "before" ||
                        AsciiLower(m.Group("which")) == "previous";
      const std::string unit = AsciiLower(m.Group("unit"));
      // A length shorter than the earlier date's granularity says nothing about it ("in
      // 2019 ... the day after"): the reference stays.
      const int unit_rank = unit.starts_with("year") || unit.starts_with("decade") ? 4
                            : unit.starts_with("quarter")                          ? 3
                            : unit.starts_with("month")                            ? 2
                                                                                   : 1;
      if (GranularityRank(anchor->fact.granularity) > unit_rank ||
          GranularityRank(anchor->fact.granularity) == 0) {
        continue;
      }
      const bool whole_period =
          anchor->fact.granularity && *anchor->fact.granularity != "day" && m.Has("count") &&
          (unit.starts_with("year") || unit.starts_with("month") || unit.starts_with("quarter"));
      Context shifted;
      shifted.reference_date = FormatIso(back ? *a_from : *a_to);
      Resolver resolver(text, rules, shifted);
      if (whole_period) {
        // "a loss for the three months to June 30, against a profit a year earlier":
        // the same period, moved.
        auto from = resolver.ShiftBy(*a_from, m.Group("count"), m.Group("unit"), back);
        auto after = resolver.ShiftBy(AddDays(*a_to, 1), m.Group("count"), m.Group("unit"), back);
        if (from && after) {
          c.fact.from = FormatIso(*from);
          c.fact.to = FormatIso(AddDays(*after, -1));
          c.fact.granularity = anchor->fact.granularity;
        }
      } else if (auto p = resolver.Parse(m); p && p->from && p->to) {
        resolver.AnchorToReference(&*p);
        c.fact.from = FormatIso(*p->from);
        c.fact.to = FormatIso(*p->to);
      }
    }
    if (c.fact.from && c.fact.kind != "relative" && c.fact.kind != "duration") anchor = &c;
  }
}

// The number of the month a lexicon form names, or 0.
int MonthNumber(const RuleSet& rules, std::string_view word) {
  const rules::Lexicon* months = rules.lexicon("month");
  if (months == nullptr || word.empty()) return 0;
  const LexiconEntry* entry = months->Find(word);
  if (entry == nullptr) return 0;
  return static_cast<int>(ParseAttrNumber(entry->attr("num", "0")).value_or(0));
}

// One item of a list written after a date: its span and its number (a year, a month or
// a day).
struct ListItem {
  size_t start = 0;
  size_t end = 0;
  int value = 0;
  bool exists = false;  // already a fact
};

enum class ListKind { kNone, kYear, kMonth, kDay };

// What a fact's list items would be: years after a year ("in 2016 and 2020"), months
// after a month ("in March, April and May"), days after a day whose text ends with the
// day ("Jan. 2 and 3", "March 3, 4 and 5").
ListKind ListKindOf(const DateFact& f) {
  if (!f.from || !f.to || !f.granularity || f.text.empty()) return ListKind::kNone;
  if (f.kind == "year" && *f.granularity == "year" && f.from->substr(0, 4) == f.to->substr(0, 4))
    return ListKind::kYear;
  if (f.kind == "month" && *f.granularity == "month" && f.from->substr(0, 7) == f.to->substr(0, 7))
    return ListKind::kMonth;
  if (f.kind == "date" && *f.granularity == "day" && f.from == f.to) {
    size_t digits = 0;
    for (size_t i = f.text.size(); i > 0 && IsDigit(f.text[i - 1]); --i) ++digits;
    if (digits >= 1 && digits <= 2) return ListKind::kDay;
    const std::string tail = f.text.size() > 2 ? AsciiLower(f.text.substr(f.text.size() - 2)) : "";
    if (digits == 0 && f.text.size() > 2 && IsDigit(f.text[f.text.size() - 3]) &&
        (tail == "st" || tail == "nd" || tail == "rd" || tail == "th")) {
      return ListKind::kDay;
    }
  }
  return ListKind::kNone;
}

// The item of the given kind at pos, if one is there and nothing glued to it makes it
// something else ("March 3, 4 people", "2016 and 2020s").
std::optional<ListItem> ListItemAt(const std::string& text, const RuleSet& rules, size_t pos,
                                   ListKind kind) {
  ListItem item;
  item.start = pos;
  if (kind == ListKind::kMonth) {
    // Capitalised only: "and may act" is the verb.
    std::string_view word = WordAt(text, pos);
    if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return std::nullopt;
    int month = MonthNumber(rules, word);
    if (month == 0) return std::nullopt;
    item.end = pos + word.size();
    if (item.end < text.size() && text[item.end] == '.' &&
        MonthNumber(rules, text.substr(pos, word.size() + 1)) != 0) {
      ++item.end;  // "Jan.", not the full stop after "May"
    }
    const size_t next = SkipSpaces(text, item.end);
    if (next < text.size() && IsDigit(text[next])) return std::nullopt;  // "May 5": a day
    item.value = month;
    return item;
  }
  size_t end = pos;
  while (end < text.size() && IsDigit(text[end]) && end - pos < 5) ++end;
  const size_t digits = end - pos;
  if (digits == 0) return std::nullopt;
  int value = std::stoi(text.substr(pos, digits));
  if (kind == ListKind::kYear) {
    if (digits != 4 || value < 1000 || value > 2999) return std::nullopt;
  } else {
    if (digits > 2 || value < 1 || value > 31) return std::nullopt;
    const std::string suffix = AsciiLower(text.substr(end, 2));
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") end += 2;
  }
  if (end < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[end]);
    if (std::isalnum(c) || c == '%' || c == ':' || c == '/' || c == '-' || c == '\'' || c >= 0x80)
      return std::nullopt;
    if (c == '.' && end + 1 < text.size() && IsDigit(text[end + 1])) return std::nullopt;
  }
  if (kind == ListKind::kDay) {
    // A day is followed by the end of the clause, a connector or a year, not a noun.
    const size_t next = SkipSpaces(text, end);
    std::string word = AsciiLower(WordAt(text, next));
    if (next > end && !word.empty() && word != "and" && word != "or") return std::nullopt;
  }
  item.end = end;
  item.value = value;
  return item;
}

// "in 2016 and 2020", "in March, April and May", "Jan. 2 and 3": the later items of a
// list whose first item is a fact, each its own fact of the same kind; months take the
// year of the item before them (the next year when they come before it in the year),
// days its month. A list counts only when it closes with "and" or "or". "April and May
// 2025": months before a month with a year share its year. facts are sorted by span.
void AddListItems(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts) {
  std::vector<DateFact> added;
  auto taken = [&](size_t start, size_t end) {
    for (const DateFact& f : *facts) {
      if (static_cast<size_t>(f.span.start) < end && start < static_cast<size_t>(f.span.end))
        return true;
    }
    return false;
  };
  auto make = [&](const DateFact& like, const ListItem& item, const CivilDate& from,
                  const CivilDate& to) {
    DateFact f = like;
    f.text = text.substr(item.start, item.end - item.start);
    f.span = Span{static_cast<int64_t>(item.start), static_cast<int64_t>(item.end)};
    f.from = FormatIso(from);
    f.to = FormatIso(to);
    return f;
  };
  const size_t count = facts->size();
  for (size_t h = 0; h < count; ++h) {
    DateFact& head = (*facts)[h];
    const ListKind kind = ListKindOf(head);
    if (kind == ListKind::kNone) continue;
    auto head_from = ParseIsoDate(*head.from);
    if (!head_from) continue;
    // "between the 21st and 23rd" is a range's two ends, not a list.
    auto word_before = [&](size_t pos) {
      while (pos > 0 && IsSpace(text[pos - 1])) --pos;
      size_t w = pos;
      while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
      return std::pair<size_t, std::string>{w, AsciiLower(text.substr(w, pos - w))};
    };
    auto [prev_start, prev_word] = word_before(static_cast<size_t>(head.span.start));
    if (prev_word == "the") prev_word = word_before(prev_start).second;
    if (prev_word == "between") continue;
    // Forward: ", item", ", and item", " and item", " or item".
    std::vector<ListItem> items;
    bool closed = false;
    size_t pos = static_cast<size_t>(head.span.end);
    while (!closed && items.size() < 12) {
      size_t p = pos;
      bool comma = false;
      if (p < text.size() && text[p] == ',') {
        comma = true;
        ++p;
      }
      const size_t word_pos = SkipSpaces(text, p);
      if (word_pos == p && !comma) break;
      const std::string word = AsciiLower(WordAt(text, word_pos));
      if (word == "and" || word == "or") {
        closed = true;
        p = SkipSpaces(text, word_pos + word.size());
        if (p == word_pos + word.size()) break;
      } else if (comma) {
        p = word_pos;
      } else {
        break;
      }
      auto item = ListItemAt(text, rules, p, kind);
      if (!item) {
        closed = false;
        break;
      }
      // An item another rule already read ("and 2020" of dates.year.list) stays its.
      item->exists = taken(item->start, item->end);
      if (item->exists && !std::any_of(facts->begin(), facts->end(), [&](const DateFact& f) {
            return static_cast<size_t>(f.span.start) == item->start &&
                   static_cast<size_t>(f.span.end) == item->end && ListKindOf(f) == kind;
          })) {
        closed = false;
        break;
      }
      items.push_back(*item);
      pos = item->end;
    }
    if (!closed) items.clear();
    if (kind == ListKind::kDay && !items.empty()) {
      // "March 3, 4 and 5, 2021": the year after the last day is every day's.
      size_t p = items.back().end;
      if (p < text.size() && text[p] == ',') ++p;
      const size_t year_pos = SkipSpaces(text, p);
      auto year = year_pos > items.back().end ? ListItemAt(text, rules, year_pos, ListKind::kYear)
                                              : std::nullopt;
      if (year && IsValidDate(year->value, head_from->month, head_from->day) &&
          !taken(year->start, year->end)) {
        head_from->year = year->value;
        head.from = head.to = FormatIso(*head_from);
      }
    }
    CivilDate prev = *head_from;
    for (const ListItem& item : items) {
      if (kind == ListKind::kYear) {
        if (item.exists) continue;
        added.push_back(
            make(head, item, CivilDate{item.value, 1, 1}, CivilDate{item.value, 12, 31}));
      } else if (kind == ListKind::kMonth) {
        const int year = item.value < prev.month ? prev.year + 1 : prev.year;
        prev = CivilDate{year, item.value, 1};
        if (item.exists) continue;
        added.push_back(make(head, item, prev, MonthEnd(year, item.value)));
      } else {
        if (item.value <= prev.day || !IsValidDate(prev.year, prev.month, item.value)) break;
        prev = CivilDate{prev.year, prev.month, item.value};
        if (item.exists) continue;
        added.push_back(make(head, item, prev, prev));
      }
    }
    // Backward: "April and May 2025", "March, April and May 2025".
    const std::string_view head_word = WordAt(text, static_cast<size_t>(head.span.start));
    if (kind == ListKind::kMonth && MonthNumber(rules, head_word) != 0 && head.text.size() >= 4 &&
        IsDigit(head.text.back())) {
      size_t p = static_cast<size_t>(head.span.start);
      bool need_and = true;
      while (p > 0) {
        size_t q = p;
        while (q > 0 && IsSpace(text[q - 1])) --q;
        if (need_and) {
          if (q < 4 || (AsciiLower(text.substr(q - 3, 3)) != "and" &&
                        AsciiLower(text.substr(q - 2, 2)) != "or")) {
            break;
          }
          q -= AsciiLower(text.substr(q - 3, 3)) == "and" ? 3 : 2;
          if (q > 0 && std::isalpha(static_cast<unsigned char>(text[q - 1]))) break;
          while (q > 0 && IsSpace(text[q - 1])) --q;
          if (q > 0 && text[q - 1] == ',') --q;
        } else {
          if (q == 0 || text[q - 1] != ',') break;
          --q;
        }
        while (q > 0 && IsSpace(text[q - 1])) --q;
        size_t w = q;
        if (w > 0 && text[w - 1] == '.') --w;
        while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
        const int month = w < q && std::isupper(static_cast<unsigned char>(text[w]))
                              ? MonthNumber(rules, text.substr(w, q - w))
                              : 0;
        if (month == 0) break;
        const CivilDate from{head_from->year, month, 1};
        if (taken(w, q)) {
          // "in March and May 2025": "in March" alone was placed by the reference.
          auto same = std::find_if(facts->begin(), facts->end(), [&](const DateFact& f) {
            return static_cast<size_t>(f.span.start) == w && static_cast<size_t>(f.span.end) == q &&
                   ListKindOf(f) == ListKind::kMonth;
          });
          if (same == facts->end()) break;
          same->from = FormatIso(from);
          same->to = FormatIso(MonthEnd(from.year, month));
        } else {
          added.push_back(make(head, ListItem{w, q, month}, from, MonthEnd(from.year, month)));
        }
        p = w;
        need_and = false;
      }
    }
  }
  if (added.empty()) return;
  for (DateFact& f : added) facts->push_back(std::move(f));
  std::stable_sort(facts->begin(), facts->end(), [](const DateFact& a, const DateFact& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    return a.span.end < b.span.end;
  });
}

// The single-date matches inside [start, end) other than self, the longest reported spans
// winning: the parts of a range or the date a shift moves.
std::vector<const Match*> PartsIn(const std::vector<Match>& matches, size_t start, size_t end,
                                  const Match* self) {
  std::vector<const Match*> parts;
  for (const Match& part : matches) {
    if (&part != self && part.start >= start && part.end <= end && IsRangePart(part))
      parts.push_back(&part);
  }
  std::vector<size_t> chosen = extract_internal::SelectNonOverlapping(parts, [](const Match* p) {
    auto [s, e] = FactSpan(*p);
    return Ranked{s, e, p->rule->priority, p->rule_index};
  });
  std::vector<const Match*> out;
  for (size_t i : chosen) out.push_back(parts[i]);
  return out;
}

// The forms built on the date inside the match: that date moved ("two weeks before
// Christmas"), or a length ending ("the three months to June 30") or starting with it ("the
// week of April 10"). nullopt when the match holds no single date or the arithmetic fails;
// a fact without dates when the date inside has none.
std::optional<Parsed> ShiftedDate(const Resolver& resolver, const std::vector<Match>& matches,
                                  const Match& m, Build build) {
  const Capture* shift_word = m.Get("shift");
  if (shift_word == nullptr) return std::nullopt;
  std::vector<const Match*> parts = PartsIn(matches, shift_word->end, m.end, &m);
  if (parts.empty()) {
    // A weekday ("starting next Monday") is not a range part; take it alone.
    for (const Match& part : matches) {
      if (&part != &m && part.start >= shift_word->end && part.end <= m.end &&
          part.Has("weekday")) {
        parts.push_back(&part);
      }
    }
  }
  if (parts.size() != 1) return std::nullopt;
  auto anchor = resolver.Parse(*parts[0]);
  if (!anchor) return std::nullopt;
  resolver.AnchorToReference(&*anchor);
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  const std::string& length_days = m.rule->Emit("length_days");
  if (build == Build::kLengthTo) {
    // "the three months to June 30": that length, ending with that day (or with
    // the last day of that month or period).
    p.kind = "range";
    if (anchor->to) {
      auto from =
          resolver.ShiftBy(AddDays(*anchor->to, 1), m.Group("count"), m.Group("unit"), true);
      if (!from) return std::nullopt;
      p.from = *from;
      p.to = anchor->to;
      if (GranularityRank(anchor->granularity) >= 2) p.granularity = "month";
    }
    return p;
  }
  if (build == Build::kLengthFrom) {
    // "the week of April 10": from that day, for a length.
    p.kind = "range";
    if (anchor->from) {
      std::optional<CivilDate> end;
      if (!length_days.empty()) {
        // "the week of April 10" is the Monday-to-Sunday week holding that day;
        // "the week beginning April 10" starts on it.
        if (AsciiLower(m.Group("span_week")).ends_with(" of")) {
          anchor->from = AddDays(*anchor->from, 1 - Weekday(*anchor->from));
        }
        end = AddDays(*anchor->from,
                      static_cast<int64_t>(ParseAttrNumber(length_days).value_or(1)) - 1);
      } else if (auto after =
                     resolver.ShiftBy(*anchor->from, m.Group("count"), m.Group("unit"), false)) {
        end = AddDays(*after, -1);
      }
      if (!end) return std::nullopt;
      p.from = anchor->from;
      p.to = *end;
    }
    return p;
  }
  std::string shift = AsciiLower(m.Group("shift"));
  const bool back = shift == "before" || shift.starts_with("prior") || shift.starts_with("ahead");
  if (anchor->from) {
    auto moved = resolver.ShiftBy(*anchor->from, m.Group("count"), m.Group("unit"), back);
    if (!moved) return std::nullopt;
    p.from = p.to = *moved;
  }
  return p;
}

// "from May 1 to June 3", "between 2019 and 2021": a range from the first date matched inside
// to the last. nullopt when the two do not make a range.
std::optional<Parsed> DateToDate(const Resolver& resolver, const std::vector<Match>& matches,
                                 const Match& m) {
  // A range of two dates: its parts are the single-date matches inside it.
  std::string connector = AsciiLower(m.Group("connector"));
  std::string lead = AsciiLower(m.Group("lead"));
  if (connector == "and" && lead != "between") return std::nullopt;
  // Parts compete by the spans they report, so "May 13" beats "from May".
  std::vector<const Match*> parts = PartsIn(matches, m.start, m.end, &m);
  if (parts.size() < 2) return std::nullopt;
  // "Friday-Jun-15" is a weekday and its date, not a range from a weekday to a month.
  auto weekday_part = [](const Match* part) { return part->rule->id == "dates.relative.weekday"; };
  auto month_part = [](const Match* part) {
    return part->Has("month") && !part->Has("day") && !part->Has("year");
  };
  if (connector != "to" && connector != "until" && connector != "till" && connector != "through" &&
      ((weekday_part(parts.front()) && month_part(parts.back())) ||
       (month_part(parts.front()) && weekday_part(parts.back())))) {
    return std::nullopt;
  }
  auto first = resolver.Parse(*parts.front());
  auto last = resolver.Parse(*parts.back());
  if (!first || !last) return std::nullopt;
  // Both without a year: a range around the reference date is in its year
  // ("from May to September", written in July); otherwise the start is placed and
  // the end follows it.
  if (first->needs_year && last->needs_year && resolver.reference()) {
    Parsed a = *first;
    Parsed b = *last;
    const int year = resolver.reference()->year;
    Resolver::SetYear(&a, year);
    Resolver::SetYear(&b, year);
    if (a.from && b.to && extract_internal::ToDays(*a.from) > extract_internal::ToDays(*b.to)) {
      Resolver::SetYear(&b, year + 1);
    }
    const int64_t ref_days = extract_internal::ToDays(*resolver.reference());
    if (a.from && b.to && extract_internal::ToDays(*a.from) <= ref_days &&
        ref_days <= extract_internal::ToDays(*b.to)) {
      *first = a;
      *last = b;
    } else {
      resolver.AnchorToReference(&*first);
    }
  }
  if (first->needs_year && !last->needs_year && last->from) {
    Resolver::SetYear(&*first, last->from->year);
    if (first->from && last->to &&
        extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to)) {
      Resolver::SetYear(&*first, last->from->year - 1);
    }
  } else if (last->needs_year && !first->needs_year && first->to) {
    Resolver::SetYear(&*last, first->to->year);
    if (first->from && last->to &&
        extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to)) {
      Resolver::SetYear(&*last, first->to->year + 1);
    }
  }
  resolver.AnchorToReference(&*first);
  resolver.AnchorToReference(&*last);
  // "from Monday to Friday": the end is the first such weekday from the start.
  if (last->bare_weekday > 0 && first->from) {
    const int gap = ((last->bare_weekday - Weekday(*first->from)) % 7 + 7) % 7;
    last->from = last->to = AddDays(*first->from, gap);
  }
  // "this Friday to this Monday": a weekday that would end the range before it
  // starts is the one a week later.
  if (parts.back()->rule->id == "dates.relative.weekday" && first->from && last->to &&
      extract_internal::ToDays(*last->to) < extract_internal::ToDays(*first->from) &&
      extract_internal::ToDays(*last->to) + 7 >= extract_internal::ToDays(*first->from)) {
    last->from = AddDays(*last->from, 7);
    last->to = AddDays(*last->to, 7);
  }
  Parsed range;
  range.kind = "range";
  range.granularity = GranularityRank(first->granularity) <= GranularityRank(last->granularity)
                          ? first->granularity
                          : last->granularity;
  if (first->from && last->to) {
    if (extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to))
      return std::nullopt;
    range.from = first->from;
    range.to = last->to;
  }
  return range;
}

}  // namespace

std::vector<std::string_view> DateFormNames() {
  std::vector<std::string_view> names;
  for (const FormEntry& form : Forms()) names.push_back(form.name);
  return names;
}

void ExtractDates(const std::string& text, const rules::RuleSet& rules, const Context& context,
                  std::vector<DateFact>* out) {
  Resolver resolver(text, rules, context);
  std::vector<Match> matches = rules.FindAll(text);

  auto make = [&](const Match& m, size_t start, size_t end, Parsed p) {
    Candidate c;
    c.start = start;
    c.end = end;
    c.priority = m.rule->priority;
    c.rule_index = m.rule_index;
    c.match = &m;
    c.fact.rule = m.rule->id;
    c.fact.ruleset_version = rules.version();
    c.fact.kind = p.kind;
    c.fact.granularity = p.granularity;
    c.fact.duration = p.duration;
    // Dates outside years 1..9999 cannot be written as YYYY-MM-DD: leave them open.
    auto in_range = [](const std::optional<CivilDate>& d) {
      return d && d->year >= 1 && d->year <= 9999;
    };
    if (in_range(p.from) && in_range(p.to)) {
      c.fact.from = FormatIso(*p.from);
      c.fact.to = FormatIso(*p.to);
    }
    return c;
  };

  std::vector<Candidate> candidates;
  for (const Match& m : matches) {
    const FormEntry* form = FormOf(*m.rule);
    if (form == nullptr) continue;
    if (form->build == Build::kShifted || form->build == Build::kLengthTo ||
        form->build == Build::kLengthFrom) {
      if (auto p = ShiftedDate(resolver, matches, m, form->build))
        candidates.push_back(make(m, m.start, m.end, *p));
      continue;
    }
    // Parts of a range may touch each other ("5/1-5/7"); a fact alone may not touch
    // other digits.
    if (InsideNumberRun(text, m)) continue;
    if (form->build == Build::kDateToDate) {
      if (auto p = DateToDate(resolver, matches, m))
        candidates.push_back(make(m, m.start, m.end, *p));
      continue;
    }
    if (m.rule->Emit("part_only") == "true") continue;
    auto parsed = resolver.Parse(m);
    if (!parsed) continue;
    resolver.AnchorToReference(&*parsed);
    auto [start, end] = FactSpan(m);
    candidates.push_back(make(m, start, end, *parsed));
  }

  std::vector<size_t> chosen =
      extract_internal::SelectNonOverlapping(candidates, [](const Candidate& c) {
        return Ranked{c.start, c.end, c.priority, c.rule_index};
      });
  std::sort(chosen.begin(), chosen.end(),
            [&](size_t a, size_t b) { return candidates[a].start < candidates[b].start; });
  AnchorToPreviousDates(text, rules, &candidates, chosen);
  std::vector<DateFact> facts;
  for (size_t i : chosen) {
    Candidate& c = candidates[i];
    c.fact.text = text.substr(c.start, c.end - c.start);
    c.fact.span = Span{static_cast<int64_t>(c.start), static_cast<int64_t>(c.end)};
    facts.push_back(std::move(c.fact));
  }
  std::stable_sort(facts.begin(), facts.end(), [](const DateFact& a, const DateFact& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  JoinWeekdays(text, rules, &facts);
  AddListItems(text, rules, &facts);
  for (DateFact& f : facts) out->push_back(std::move(f));
}

}  // namespace newsfacts
