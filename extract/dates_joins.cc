// After the matches are facts: weekdays joined to the day they refine, relative dates
// anchored on the story's previous date, and the later items of date lists.

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

namespace {

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
bool AnchorsOnPrevious(const Resolver& words, const Match& m) {
  const std::string& anchor = m.rule->Emit("anchor");
  if (anchor == "previous") return true;
  if (anchor != "which") return false;
  std::string which = AsciiLower(m.Group("which"));
  std::string unit = AsciiLower(m.Group("unit"));
  if (which.ends_with("same") || (which == "that" && unit != "weekend")) return true;
  const auto direction = words.DirectionOf(which);
  return direction &&
         (direction->anchor == "true" || (direction->anchor == "day" && unit == "day"));
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

}  // namespace

// "Monday two weeks from now", "in 3 days on Friday", "the 1st week of Oct. on Friday":
// a bare weekday written next to a counted day or a week names that day's weekday in
// the same Monday-to-Sunday week. The two facts become one. facts are sorted by span,
// with byte offsets.
namespace {

// The joins of JoinWeekdays: each gives the fact that replaces two neighbours a and b, or
// nullopt.
class WeekdayJoiner {
 public:
  WeekdayJoiner(const std::string& text, const rules::Lexicon& weekdays)
      : text_(text), weekdays_(weekdays) {}

  std::optional<DateFact> Join(const DateFact& a, const DateFact& b) const {
    if (auto joined = DayAndItsDate(a, b)) return joined;
    if (auto joined = WeekdaysOfWeek(a, b)) return joined;
    return WeekdayOfCountedDay(a, b);
  }

 private:
  // 1 for Monday ... 7 for Sunday; 0 when word is not a weekday.
  int WeekdayNum(std::string_view word) const {
    const LexiconEntry* entry = weekdays_.Find(word);
    if (entry == nullptr) return 0;
    return static_cast<int>(ParseAttrNumber(entry->attr("num")).value_or(0));
  }

  int WeekdayOf(const DateFact& f) const {
    return f.rule == "dates.relative.weekday" ? WeekdayNum(f.text) : 0;
  }

  // Only spaces, commas and an "on" between a and b.
  bool Adjacent(const DateFact& a, const DateFact& b) const {
    size_t i = static_cast<size_t>(a.span.end);
    const size_t end = static_cast<size_t>(b.span.start);
    if (i > end) return false;
    while (i < end && (IsSpace(text_[i]) || text_[i] == ',')) ++i;
    if (i + 2 <= end && AsciiLower(std::string_view(text_).substr(i, 2)) == "on") i += 2;
    while (i < end && (IsSpace(text_[i]) || text_[i] == ',')) ++i;
    return i == end;
  }

  // merged, written from the start of a to the end of b.
  DateFact Spanning(DateFact merged, const DateFact& a, const DateFact& b) const {
    merged.span = Span{a.span.start, b.span.end};
    merged.text = text_.substr(static_cast<size_t>(a.span.start),
                               static_cast<size_t>(b.span.end - a.span.start));
    return merged;
  }

  // "this Friday (June 15)", "tomorrow, 13/04/21": a relative day followed by the date it
  // stands for; the written date gives the value.
  std::optional<DateFact> DayAndItsDate(const DateFact& a, const DateFact& b) const {
    if ((a.rule != "dates.relative.weekday" && a.rule != "dates.relative.day_word") ||
        !b.rule.starts_with("dates.day.") || !b.from || b.from != b.to) {
      return std::nullopt;
    }
    size_t i = static_cast<size_t>(a.span.end);
    const size_t end = static_cast<size_t>(b.span.start);
    while (i < end &&
           (IsSpace(text_[i]) || text_[i] == ',' || text_[i] == '(' || text_[i] == '-')) {
      ++i;
    }
    if (i != end) return std::nullopt;
    return Spanning(b, a, b);
  }

  // "next week between Wednesday and Friday", "from Tuesday to Friday next week": the
  // weekdays of that week.
  std::optional<DateFact> WeekdaysOfWeek(const DateFact& a, const DateFact& b) const {
    const bool week_first = IsWholeWeek(a) && b.kind == "range";
    const bool week_last = IsWholeWeek(b) && a.kind == "range";
    if ((!week_first && !week_last) || !Adjacent(a, b)) return std::nullopt;
    const DateFact& week = week_first ? a : b;
    const DateFact& days_range = week_first ? b : a;
    std::vector<int> days;
    bool digits = false;
    for (size_t i = static_cast<size_t>(days_range.span.start);
         i < static_cast<size_t>(days_range.span.end);) {
      if (IsDigit(text_[i])) digits = true;
      std::string_view word = WordAt(text_, i);
      if (word.empty()) {
        ++i;
        continue;
      }
      if (const int day = WeekdayNum(word); day > 0) days.push_back(day);
      i += word.size();
    }
    auto monday = ParseIsoDate(*week.from);
    if (digits || days.size() != 2 || days[0] <= 0 || days[1] <= 0 || !monday) {
      return std::nullopt;
    }
    DateFact merged = days_range;
    merged.from = FormatIso(AddDays(*monday, days[0] - 1));
    merged.to = FormatIso(AddDays(*monday, days[1] - 1 + (days[1] < days[0] ? 7 : 0)));
    return Spanning(std::move(merged), a, b);
  }

  // "Monday two weeks from now", "in 3 days on Friday": the weekday in the week of the
  // counted day (RefinableByWeekday).
  std::optional<DateFact> WeekdayOfCountedDay(const DateFact& a, const DateFact& b) const {
    const int wa = WeekdayOf(a);
    const int wb = WeekdayOf(b);
    const DateFact* base = wa > 0 && RefinableByWeekday(b)   ? &b
                           : wb > 0 && RefinableByWeekday(a) ? &a
                                                             : nullptr;
    if (base == nullptr || !Adjacent(a, b)) return std::nullopt;
    auto day = ParseIsoDate(*base->from);
    if (!day) return std::nullopt;
    const int wd = wa > 0 ? wa : wb;
    DateFact merged = *base;
    merged.kind = "relative";
    merged.granularity = "day";
    merged.from = merged.to = FormatIso(AddDays(*day, wd - Weekday(*day)));
    return Spanning(std::move(merged), a, b);
  }

  const std::string& text_;
  const rules::Lexicon& weekdays_;
};

}  // namespace

void JoinWeekdays(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts) {
  if (facts->size() < 2) return;
  const rules::Lexicon* weekdays = rules.lexicon("weekday");
  if (weekdays == nullptr) return;
  const WeekdayJoiner joiner(text, *weekdays);
  std::vector<DateFact> out;
  for (size_t k = 0; k < facts->size(); ++k) {
    if (k + 1 < facts->size()) {
      if (auto joined = joiner.Join((*facts)[k], (*facts)[k + 1])) {
        out.push_back(std::move(*joined));
        ++k;
        continue;
      }
    }
    out.push_back(std::move((*facts)[k]));
  }
  *facts = std::move(out);
}

void AnchorToPreviousDates(const std::string& text, const RuleSet& rules, const Resolver& words,
                           std::vector<Candidate>* candidates, const std::vector<size_t>& order) {
  const Candidate* anchor = nullptr;
  for (size_t i : order) {
    Candidate& c = (*candidates)[i];
    if (c.match != nullptr && c.fact.from && AnchorsOnPrevious(words, *c.match) &&
        anchor != nullptr && SentenceEnds(text, anchor->end, c.start) <= 1) {
      const Match& m = *c.match;
      auto a_from = ParseIsoDate(*anchor->fact.from);
      auto a_to = ParseIsoDate(*anchor->fact.to);
      if (!a_from || !a_to) continue;
      const bool back =
          m.rule->Emit("direction") == "past" ||
          words.LexNum(words.Lex(Resolver::kShiftWord), m.Group("dba"), "step") == -1 ||
          words.StepOf(m.Group("which")) < 0;
      // A length shorter than the earlier date's granularity says nothing about it ("in
      // 2019 ... the day after"): the reference stays.
      const int unit_rank = words.UnitRank(m.Group("unit"));
      if (GranularityRank(anchor->fact.granularity) > unit_rank ||
          GranularityRank(anchor->fact.granularity) == 0) {
        continue;
      }
      const bool whole_period = anchor->fact.granularity && *anchor->fact.granularity != "day" &&
                                m.Has("count") && words.MovesWholePeriods(m.Group("unit"));
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

// "in 2016 and 2020", "in March, April and May", "Jan. 2 and 3": the later items of a
// list whose first item is a fact, each its own fact of the same kind; months take the
// year of the item before them (the next year when they come before it in the year),
// days its month. A list counts only when it closes with "and" or "or". "April and May
// 2025": months before a month with a year share its year. facts are sorted by span.
namespace {

// The later items of the lists whose first item is a fact (AddListItems).
class ListReader {
 public:
  ListReader(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts)
      : text_(text), rules_(rules), facts_(*facts) {}

  // The facts of the items found after (and, for months, before) each fact.
  std::vector<DateFact> Read() {
    const size_t count = facts_.size();
    for (size_t h = 0; h < count; ++h) {
      DateFact& head = facts_[h];
      const ListKind kind = ListKindOf(head);
      if (kind == ListKind::kNone) continue;
      auto head_from = ParseIsoDate(*head.from);
      if (!head_from || AfterBetween(head)) continue;
      std::vector<ListItem> items = ItemsAfter(head, kind);
      if (kind == ListKind::kDay && !items.empty()) TakeYearAfterDays(items, &head, &*head_from);
      AddItems(head, kind, items, *head_from);
      if (kind == ListKind::kMonth) AddMonthsBefore(head, *head_from);
    }
    return std::move(added_);
  }

 private:
  bool Taken(size_t start, size_t end) const {
    for (const DateFact& f : facts_) {
      if (static_cast<size_t>(f.span.start) < end && start < static_cast<size_t>(f.span.end))
        return true;
    }
    return false;
  }

  // The fact of the kind `kind` spanning exactly [start, end), if there is one.
  DateFact* FactAt(size_t start, size_t end, ListKind kind) {
    for (DateFact& f : facts_) {
      if (static_cast<size_t>(f.span.start) == start && static_cast<size_t>(f.span.end) == end &&
          ListKindOf(f) == kind) {
        return &f;
      }
    }
    return nullptr;
  }

  void Add(const DateFact& like, const ListItem& item, const CivilDate& from, const CivilDate& to) {
    DateFact f = like;
    f.text = text_.substr(item.start, item.end - item.start);
    f.span = Span{static_cast<int64_t>(item.start), static_cast<int64_t>(item.end)};
    f.from = FormatIso(from);
    f.to = FormatIso(to);
    added_.push_back(std::move(f));
  }

  // "between the 21st and 23rd" is a range's two ends, not a list.
  bool AfterBetween(const DateFact& head) const {
    auto word_before = [&](size_t pos) {
      while (pos > 0 && IsSpace(text_[pos - 1])) --pos;
      size_t w = pos;
      while (w > 0 && std::isalpha(static_cast<unsigned char>(text_[w - 1]))) --w;
      return std::pair<size_t, std::string>{w, AsciiLower(text_.substr(w, pos - w))};
    };
    auto [prev_start, prev_word] = word_before(static_cast<size_t>(head.span.start));
    if (prev_word == "the") prev_word = word_before(prev_start).second;
    return prev_word == "between";
  }

  // The items after head: ", item", ", and item", " and item", " or item"; none unless the
  // list closes with "and" or "or" (the items before a closing word glued to what follows
  // are kept).
  std::vector<ListItem> ItemsAfter(const DateFact& head, ListKind kind) {
    std::vector<ListItem> items;
    size_t pos = static_cast<size_t>(head.span.end);
    while (items.size() < 12) {
      size_t p = pos;
      bool comma = false;
      if (p < text_.size() && text_[p] == ',') {
        comma = true;
        ++p;
      }
      const size_t word_pos = SkipSpaces(text_, p);
      if (word_pos == p && !comma) return {};
      const std::string word = AsciiLower(WordAt(text_, word_pos));
      const bool closes = word == "and" || word == "or";
      if (closes) {
        p = SkipSpaces(text_, word_pos + word.size());
        if (p == word_pos + word.size()) return items;
      } else if (comma) {
        p = word_pos;
      } else {
        return {};
      }
      auto item = ListItemAt(text_, rules_, p, kind);
      if (!item) return {};
      // An item another rule already read ("and 2020" of dates.year.list) stays its.
      item->exists = Taken(item->start, item->end);
      if (item->exists && FactAt(item->start, item->end, kind) == nullptr) return {};
      items.push_back(*item);
      if (closes) return items;
      pos = item->end;
    }
    return {};
  }

  // "March 3, 4 and 5, 2021": the year after the last day is every day's.
  void TakeYearAfterDays(const std::vector<ListItem>& items, DateFact* head, CivilDate* head_from) {
    size_t p = items.back().end;
    if (p < text_.size() && text_[p] == ',') ++p;
    const size_t year_pos = SkipSpaces(text_, p);
    auto year = year_pos > items.back().end ? ListItemAt(text_, rules_, year_pos, ListKind::kYear)
                                            : std::nullopt;
    if (year && IsValidDate(year->value, head_from->month, head_from->day) &&
        !Taken(year->start, year->end)) {
      head_from->year = year->value;
      head->from = head->to = FormatIso(*head_from);
    }
  }

  // Each item a fact like head: years as they are, months in the year of the item before
  // (the next year when they come before it in the year), days in its month.
  void AddItems(const DateFact& head, ListKind kind, const std::vector<ListItem>& items,
                CivilDate prev) {
    for (const ListItem& item : items) {
      if (kind == ListKind::kYear) {
        if (item.exists) continue;
        Add(head, item, CivilDate{item.value, 1, 1}, CivilDate{item.value, 12, 31});
      } else if (kind == ListKind::kMonth) {
        const int year = item.value < prev.month ? prev.year + 1 : prev.year;
        prev = CivilDate{year, item.value, 1};
        if (item.exists) continue;
        Add(head, item, prev, MonthEnd(year, item.value));
      } else {
        if (item.value <= prev.day || !IsValidDate(prev.year, prev.month, item.value)) break;
        prev = CivilDate{prev.year, prev.month, item.value};
        if (item.exists) continue;
        Add(head, item, prev, prev);
      }
    }
  }

  // The start of a month written before `end` after ", " (or after " and " / " or " when
  // need_and): [start, end) of the month word; nullopt when none is there.
  std::optional<ListItem> MonthBefore(size_t end, bool need_and) const {
    size_t q = end;
    while (q > 0 && IsSpace(text_[q - 1])) --q;
    if (need_and) {
      if (q < 4 || (AsciiLower(text_.substr(q - 3, 3)) != "and" &&
                    AsciiLower(text_.substr(q - 2, 2)) != "or")) {
        return std::nullopt;
      }
      q -= AsciiLower(text_.substr(q - 3, 3)) == "and" ? 3 : 2;
      if (q > 0 && std::isalpha(static_cast<unsigned char>(text_[q - 1]))) return std::nullopt;
      while (q > 0 && IsSpace(text_[q - 1])) --q;
      if (q > 0 && text_[q - 1] == ',') --q;
    } else {
      if (q == 0 || text_[q - 1] != ',') return std::nullopt;
      --q;
    }
    while (q > 0 && IsSpace(text_[q - 1])) --q;
    size_t w = q;
    if (w > 0 && text_[w - 1] == '.') --w;
    while (w > 0 && std::isalpha(static_cast<unsigned char>(text_[w - 1]))) --w;
    const int month = w < q && std::isupper(static_cast<unsigned char>(text_[w]))
                          ? MonthNumber(rules_, text_.substr(w, q - w))
                          : 0;
    if (month == 0) return std::nullopt;
    return ListItem{w, q, month};
  }

  // "April and May 2025", "March, April and May 2025": months before a month with a year
  // share its year.
  void AddMonthsBefore(const DateFact& head, const CivilDate& head_from) {
    const std::string_view head_word = WordAt(text_, static_cast<size_t>(head.span.start));
    if (MonthNumber(rules_, head_word) == 0 || head.text.size() < 4 || !IsDigit(head.text.back()))
      return;
    size_t p = static_cast<size_t>(head.span.start);
    bool need_and = true;
    while (p > 0) {
      const std::optional<ListItem> item = MonthBefore(p, need_and);
      if (!item) break;
      const CivilDate from{head_from.year, item->value, 1};
      if (Taken(item->start, item->end)) {
        // "in March and May 2025": "in March" alone was placed by the reference.
        DateFact* same = FactAt(item->start, item->end, ListKind::kMonth);
        if (same == nullptr) break;
        same->from = FormatIso(from);
        same->to = FormatIso(MonthEnd(from.year, item->value));
      } else {
        Add(head, *item, from, MonthEnd(from.year, item->value));
      }
      p = item->start;
      need_and = false;
    }
  }

  const std::string& text_;
  const RuleSet& rules_;
  std::vector<DateFact>& facts_;
  std::vector<DateFact> added_;
};

}  // namespace

void AddListItems(const std::string& text, const RuleSet& rules, std::vector<DateFact>* facts) {
  std::vector<DateFact> added = ListReader(text, rules, facts).Read();
  if (added.empty()) return;
  for (DateFact& f : added) facts->push_back(std::move(f));
  std::stable_sort(facts->begin(), facts->end(), [](const DateFact& a, const DateFact& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    return a.span.end < b.span.end;
  });
}

}  // namespace dates_internal
}  // namespace newsfacts
