// The dates extractor's parts (ExtractDates in extract/extract.h): the resolver that reads
// one match by its form, the form table, and the passes over the facts. Internal to
// extract/dates*.cc: dates.cc (the driver and the form table), dates_fields.cc (numbers and
// words in a match), dates_tense.cc (tense and the reference date), dates_absolute.cc and
// dates_relative.cc (the forms' handlers), dates_joins.cc (weekdays, anchors and lists).
//
// Thread safety: a Resolver is used by one thread (it loads its lexicons lazily); the
// functions hold no state.
#pragma once

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
namespace dates_internal {

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

  const std::optional<CivilDate>& reference() const { return ref_; }

  // The handler of the rule's form (Forms()), with the match's position; nothing for a
  // form built from other matches (a range of two dates, a shifted date).
  std::optional<Parsed> Parse(const Match& m) const;

  // Forms naming a calendar time themselves (dates_absolute.cc).

  // Handlers of forms whose rule alternatives write the same fields under other group
  // names (RE2 names a group once), or that read another handler's fields.
  std::optional<Parsed> DayForm(const Match& m) const;
  std::optional<Parsed> DottedDay(const Match& m) const;
  std::optional<Parsed> DayOrShortYear(const Match& m) const;
  std::optional<Parsed> MonthForm(const Match& m) const;
  std::optional<Parsed> MonthOrYear(const Match& m) const;
  std::optional<Parsed> YearForm(const Match& m) const;
  std::optional<Parsed> Day(const Capture* month, const Capture* month_num, const Capture* day,
                            const Capture* year) const;

  // A month; without a year it is anchored later, unless `which` places it ("this
  // May" is the reference year's, "last May" the latest before the reference month,
  // "next May" the first after it).
  std::optional<Parsed> MonthOf(const Capture* month, const Capture* year,
                                std::string_view which_text) const;

  // "fiscal 2024", "FY2024", "FY24", "FY2024/25": reported as the calendar years
  // named, since where a fiscal year starts depends on the country and the body.
  std::optional<Parsed> FiscalYear(const Match& m) const;

  // "summer 2024", "last winter": a meteorological season of the northern hemisphere,
  // three months from March, June, September or December (winter runs into the next
  // year). Without a year: "this" is the one that starts in the reference's year (for
  // winter, the one ending in it before December), "last"/"past" the latest one ended
  // before the reference, "next"/"coming" the first one starting after it. A season
  // alone is not read.
  std::optional<Parsed> Season(const Match& m) const;

  // "on the 27th": the latest day with that number on or before the reference date
  // (the next one when the clause speaks of the future). A word after it makes it an
  // ordinal adjective ("the 5th floor").
  std::optional<Parsed> OrdinalDay(const Match& m) const;

  // "Aug 9, 96", "3 Aug 96", "April of 87": a day or month with a two-digit year. A
  // number or a word after it (other than the year_words_follow lexicon's "in", "and"
  // ...) makes the two digits a count ("On March 3, 12 people died").
  std::optional<Parsed> ShortYearWords(const Match& m) const;

  // "05/05/89": a two-digit year, read in the hundred years that end twenty years after
  // the reference date.
  std::optional<Parsed> ShortYearDay(const Match& m) const;

  // The day of a holiday in a year, from its lexicon entry; nullopt when the entry
  // is malformed.
  std::optional<CivilDate> HolidayIn(const LexiconEntry& entry, int year) const;
  std::optional<Parsed> Holiday(const Match& m) const;

  // Which third a part word names: 0 early/beginning/start, 1 mid/middle, 2 late/end.
  int PartThird(std::string_view part_text) const;

  // "early 2024" Jan-Apr, "mid-2024" May-Aug, "late 2024" Sep-Dec.
  std::optional<Parsed> PartOfYear(const Match& m) const;

  // "early May" days 1-10, "mid-May" 11-20, "late May" 21 to the month's end.
  std::optional<Parsed> PartOfMonth(const Match& m) const;

  // "two Sundays from now": the n-th such weekday after the reference date.
  std::optional<Parsed> NthWeekdayOn(const Match& m) const;

  // "week 10", "week 3 of 2027": ISO 8601 week n, Monday to Sunday; week 1 is the one
  // holding January 4.
  std::optional<Parsed> IsoWeek(const Match& m) const;

  // "the third month of 2021", "the 9th month of next year".
  std::optional<Parsed> NthMonthOfYear(const Match& m) const;

  // "the first Friday of July", "the second Monday of next month", "the 20th of next
  // month": a day counted within a month named or placed relative to the reference.
  // Without a month ("the second Sunday") it is the reference date's month.
  std::optional<Parsed> NthOfMonth(const Match& m) const;

  // "May twenty-first", "the second of August 2019".
  std::optional<Parsed> DayInWords(const Match& m) const;

  // "2015-12": a month given by number.
  std::optional<Parsed> MonthNumYear(const Match& m) const;

  // "the 21st century": 2000-01-01 .. 2099-12-31.
  std::optional<Parsed> Century(const Match& m) const;

  // "March last year", "June next year", "May this year".
  std::optional<Parsed> MonthOfYearWord(const Match& m) const;

  // The month or year that "the third week of ...", "the first six months of ..."
  // count within: a month (placed as "in January" is when it has no year), a year, or
  // "this/last/next month|year" ("the year" is the reference date's). from/to are
  // unset without a reference date when one is needed.
  std::optional<Parsed> EnclosingPeriod(const Match& m, const Capture* month,
                                        const Capture* month_year, const Capture* year,
                                        std::string_view which_text,
                                        std::string_view unit_text) const;

  // The Monday of the nth (1-based) ISO-style week of [from, to]: weeks counted from
  // the one holding the first Thursday; n = 0 is the week holding the last Thursday.
  static CivilDate WeekMonday(const CivilDate& from, const CivilDate& to, int64_t n);

  // "the first six months of 2023", "the last two weeks of the year", "the first 10
  // days of May": that many units from the period's start or back from its end
  // (weeks as in NthWeek).
  std::optional<Parsed> FirstOrLastOf(const Match& m) const;

  // "the third week of January", "the last week of 2016": Monday-to-Sunday weeks
  // counted as ISO 8601 counts a year's weeks: the first is the one holding the
  // period's first Thursday, the last the one holding its last Thursday. A month
  // without a year is placed as "in January" is.
  std::optional<Parsed> NthWeek(const Match& m) const;

  // "Friday 31", "Mon 13th": the day of the month nearest the reference date that
  // falls on that weekday.
  std::optional<Parsed> WeekdayMonthDay(const Match& m) const;
  std::optional<Parsed> Year(const Capture* year) const;
  std::optional<Parsed> YearRange(const Match& m) const;

  // "May 13-15", "13 to 15 May", "April ninth through seventeenth", "between 3 and 12
  // of Sept", "from 4 to January 22": two days and one month, written with the first
  // day ("May 13-15") or with the last ("13-15 May", "from 4 to January 22"). That day
  // is placed as a single day is; the other is in the same month, or in the month
  // next to it when the days wrap ("April 27 to 3").
  std::optional<Parsed> DaySpan(const Match& m) const;

  // "the 1990s", "the '90s", "the nineties".
  std::optional<Parsed> Decade(const Match& m) const;

  // Quarters ("Q3 2023", "the third quarter") and halves ("H1 2024", "the second half
  // of 2023"). Without a year: the latest one begun by the reference date, or the next
  // one from it when the clause speaks of the future.
  std::optional<Parsed> Quarter(const Match& m) const;

  // Forms counted from the reference date or the story's previous date (dates_relative.cc).
  std::optional<Parsed> YearToDateForm(const Match&) const;

  // How coarse a unit of length or of the calendar is ("years", "qtr", "week"; the
  // time_unit and period_unit lexicons), ranked as GranularityRank ranks a fact: 4 a year or
  // longer, 3 a quarter, 2 a month, 1 anything shorter or unknown.
  int UnitRank(std::string_view unit_text) const;
  // True for a unit that moves a month, quarter or year as a whole ("a year earlier" after
  // "the three months to June 30"): months and longer (time_unit code M or Y).
  bool MovesWholePeriods(std::string_view unit_text) const;

  // date moved by "<count> <unit>" (back = earlier); nullopt when unreadable.
  std::optional<CivilDate> ShiftBy(const CivilDate& date, std::string_view count,
                                   std::string_view unit_text, bool back) const;

  // "over the weekend": the latest Saturday and Sunday begun by the reference date,
  // or the next ones when the clause speaks of the future.
  std::optional<Parsed> Weekend(const Match& m) const;

  // "Tuesday of last week", "next week Monday".
  std::optional<Parsed> WeekdayOfWeek(const Match& m) const;

  // "two years and three months ago", "1 month 21 days later", "within 5 years 1 month
  // 12 days": each count and unit in turn moves the reference date (so "2 years 1
  // month 21 days ago" from 2017-11-23 is 2015-10-02). Without a direction word or
  // "within" the lengths are no date.
  std::optional<Parsed> Compound(const Match& m) const;

  // "year to date", "so far this year": January 1 to the reference date.
  std::optional<Parsed> YearToDate() const;
  std::optional<Parsed> RelativeDay(const Match& m) const;
  std::optional<Parsed> WeekdayDate(const Match& m) const;

  // Shifts a date by n calendar units of a time_unit entry; nullopt for unknown units.
  std::optional<CivilDate> Shift(const CivilDate& date, int64_t n, const LexiconEntry& unit) const;

  // "two weeks ago" (the single day that far back), or, for rules emitting
  // direction = "future", "in two weeks" / "two weeks from now" (that far ahead).
  std::optional<Parsed> Ago(const Match& m) const;

  // "the past year": from one unit before the reference date to it.
  std::optional<Parsed> PastUnit(const Match& m) const;

  // "this week", "last month", "next quarter", "this weekend": the whole calendar
  // period. A `part` narrows it: "earlier this month" runs from its start to the day
  // before the reference date, "later this year" (or "later in the year") from the
  // reference date to its end, "early" and "late" are its first and second halves (a
  // year's are its first and last six months). "the" names the reference date's
  // period only with a part ("the end of the year", "earlier in the week").
  std::optional<Parsed> Period(const Match& m) const;
  // How many periods from the reference date's a `which` word moves ("last" -1, "next" 1,
  // "after next" 2, "this" 0); nullopt when the words name someone else's period.
  std::optional<int> PeriodStep(const Match& m, std::string_view which,
                                std::string_view unit) const;
  std::optional<Parsed> Duration(const Match& m) const;
  // Places a duration of n units (each `mult` of the unit's code) in time when its words
  // anchor it ("the last four years", "within 30 days", "the past two quarters"); false
  // when the match is no duration ("three quarters" alone is a fraction).
  bool PlaceDuration(const Match& m, int64_t n, int64_t mult, const LexiconEntry& unit,
                     Parsed* p) const;

  // "the day before", "the day after" closing a clause: the day next to the reference.
  std::optional<Parsed> DayBeforeAfter(const Match& m) const;

  // Tense and the reference date (dates_tense.cc).

  // True when the clause before pos speaks of the future ("will", "next week's",
  // "is scheduled"): a day or month without a year is then the next one, not the last.
  bool FutureCue(size_t pos) const;

  // True when the sentence around pos speaks of the past: a word of the past_cue
  // lexicon ("rose", "first", "highest") or a word of five letters or more ending in
  // -ed. A length there ("rose 5% in two years") is past time, not a day ahead.
  bool PastCue(size_t pos) const;

  // Gives a year to a day or month written without one: the reference date's year.
  void AnchorToReference(Parsed* p) const;

  // The year of a day or month written without one: the latest on or before the
  // reference date (news reports what happened), or the first on or after it when the
  // clause speaks of the future. A named weekday chooses between the latest such day
  // and the next one; when it fits neither (or both), the tense decides.
  int YearFor(const Parsed& p) const;

  // The year of the latest (or, when future, the next) such day or month.
  int YearOf(const Parsed& p, bool future) const;

  // Sets the year of a day or month written without one.
  static void SetYear(Parsed* p, int year);

  // True when a time of day starts at pos ("7 p.m." after "May 5 to", ":30", "pm").
  bool FollowedByTime(size_t pos) const;

  // True when nothing after pos ties a period word to another time ("the year 2020",
  // "the week of May 5", "the day's events", "the year before", "the day he left").
  bool AnaphoraEnds(size_t pos) const;

  // True when the word after pos (lower-cased) is one of words.
  bool FollowedByWord(size_t pos, std::initializer_list<std::string_view> words) const;
  bool FollowedByOf(size_t pos) const;

  // A match's fields: numbers, words and lexicons (dates_fields.cc).

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
    kWhich,
    kWhichPast,
    kSeason,
    kShiftWord,
    kPeriodPart,
    kNth,
    kClockWord,
    kRangeConnector,
    kPeriodUnit,
    kRangeEndDay,
    kLexiconCount
  };
  std::optional<int> LexNum(const rules::Lexicon* lexicon, std::string_view form,
                            const std::string& attr) const;

  // Where a word such as "last", "this", "next" or "the following" (the `which` and
  // `which_past` lexicons; a leading "the" is skipped) places a period relative to the
  // reference date's: step -1, 0 or 1, and whether it means the nearest day that way
  // ("coming", "past"). nullopt for any other word.
  struct Direction {
    int step = 0;
    bool nearest = false;
    std::string_view anchor;  // "true", "day" or "": the lexicon's `anchor` (owned by it)
  };
  std::optional<Direction> DirectionOf(std::string_view which) const;
  // DirectionOf's step; 0 for a word that is no direction.
  int StepOf(std::string_view which) const;

  // The part of a period a word before it names ("early", "the end of", "earlier in"; the
  // `period_part` lexicon, read from its first word after "the"): "early", "mid", "late",
  // "earlier", "later", "rest", or "" for none.
  std::string_view PartOf(std::string_view part_text) const;

  // True for a range connector that joins any two dates alone ("to", "through"; the
  // range_connector lexicon's `word`), unlike a dash or "and".
  bool JoinsAlone(std::string_view connector) const;
  std::optional<int> MonthNumber(const Capture* month, const Capture* month_num) const;

  // A year written in four digits, or in words ("nineteen ninety six"); a year in
  // words must not run on into a noun ("May two thousand people").
  std::optional<int> YearNumber(const Capture* year) const;

  // "nineteen ninety six" (two pairs), "nineteen hundred ninety three", "two thousand and
  // fifteen", "one thousand seven hundred and eighty nine"; nullopt unless 1000..2999.
  // The words' values come from the number_word lexicon; "hundred", "thousand", "oh"
  // and "and" are the grammar of the year_words fragment.
  std::optional<int> YearFromWords(std::string_view words) const;
  std::optional<int64_t> Count(std::string_view text) const;

  // A two-digit year: the century that puts it no more than twenty years after the
  // reference date (news looks back further than ahead); 00-49 are 20xx without one.
  int CenturyYear(int64_t yy) const;

  // The year a rule names by number ("2027") or relative to the reference ("next
  // year", "this year"); the reference year when it names none. nullopt when it
  // cannot be known.
  std::optional<int> NamedYear(const Capture* year, std::string_view which_text) const;

  // The number of a day of the month written in digits ("13", "13th") or in words
  // ("thirteenth").
  std::optional<int64_t> DayNumber(const Capture* day) const;
  const rules::Lexicon* Lex(LexiconId id) const;
  // The entry of lexicon id that holds form (case and spaces folded as the lexicon folds
  // them); nullptr when it holds none or the rule set has no such lexicon.
  const LexiconEntry* Entry(LexiconId id, std::string_view form) const;

 private:
  const std::string& text_;
  const RuleSet& rules_;
  mutable const rules::Lexicon* lexicons_[kLexiconCount] = {};
  mutable bool lexicon_loaded_[kLexiconCount] = {};
  std::optional<CivilDate> ref_;
};

// Leading digits of text ("13th" -> 13), capped; nullopt when none.
std::optional<int64_t> LeadingInt(std::string_view text);

// The number of the month a lexicon form names, or 0.
int MonthNumber(const RuleSet& rules, std::string_view word);

// True when text[i] ends a sentence: a line break, or a '.', '!' or '?' before spaces
// and then a capital, a digit or a quote ("3 p.m. on Tuesday" and "e.g. the" go on),
// except a '.' after a short capitalised word ("Mr. Lee", "Jan. 5"). The look-back for
// that word stops at floor. The end of the text is not a sentence end here.
bool EndsSentenceAt(const std::string& text, size_t i, size_t floor);

CivilDate MonthEnd(int year, int month);

// "Monday two weeks from now", "in 3 days on Friday", "the 1st week of Oct. on Friday":
// a bare weekday written next to a counted day or a week names that day's weekday in
// the same Monday-to-Sunday week. The two facts become one. facts are sorted by span,
// with byte offsets.
void JoinWeekdays(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts);

// "two days later", "the following week": facts that count from the date written before them
// in the same sentence or the one before are moved there. resolver: the article's own, whose
// lexicons it reads.
void AnchorToPreviousDates(const std::string& text, const RuleSet& rules, const Resolver& resolver,
                           std::vector<Candidate>* candidates, const std::vector<size_t>& order);

// "in 2016 and 2020", "in March, April and May", "Jan. 2 and 3": the later items of a
// list whose first item is a fact, each its own fact of the same kind; months take the
// year of the item before them (the next year when they come before it in the year),
// days its month. A list counts only when it closes with "and" or "or". "April and May
// 2025": months before a month with a year share its year. facts are sorted by span.
void AddListItems(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts);

int GranularityRank(const std::optional<std::string>& g);

// Every date form and its handler: a rule names its form, and this table, not the groups
// a match happens to have, decides how it is read. docs/rules.md lists the forms.
std::span<const FormEntry> Forms();

}  // namespace dates_internal
}  // namespace newsfacts
