// ExtractDates: rule matches -> DateFact facts. The rule file (rules/dates.toml)
// documents the decisions (spans, ranges, weekdays, anchoring of durations); this file
// does the calendar arithmetic. A match's meaning is read from its rule's emitted
// kind and the groups it has (day, month, month_num, year, weekday, count, unit ...),
// so a new surface form is a rule with those group names and needs no code.

#include <algorithm>
#include <cstdint>
#include <optional>
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
};

struct Candidate {
  DateFact fact;
  size_t start = 0;
  size_t end = 0;
  int priority = 0;
  size_t rule_index = 0;
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

class Resolver {
 public:
  Resolver(const std::string& text, const RuleSet& rules, const Context& context) : text_(text) {
    if (context.reference_date) ref_ = ParseIsoDate(*context.reference_date);
    month_ = rules.lexicon("month");
    weekday_ = rules.lexicon("weekday");
    number_word_ = rules.lexicon("number_word");
    time_unit_ = rules.lexicon("time_unit");
    relative_day_ = rules.lexicon("relative_day");
    quarter_ = rules.lexicon("quarter");
  }

  std::optional<Parsed> Parse(const Match& m) const {
    const std::string& kind = m.rule->Emit("kind");
    if (m.Has("relday")) return RelativeDay(m);
    if (m.Has("weekday")) return WeekdayDate(m);
    if (kind == "duration") return Duration(m);
    if (kind == "relative" && m.Has("count")) return Ago(m);
    if (kind == "relative" && m.Has("which")) return Period(m);
    if (m.Has("decade")) return Decade(m);
    if (m.Has("quarter") || m.Has("qcode")) return Quarter(m);
    if (m.Has("year2")) return YearRange(m);
    if (m.Has("day2") || m.Has("dday2")) return DaySpan(m);
    if (m.Has("day")) return Day(m.Get("month"), m.Get("month_num"), m.Get("day"), m.Get("year"));
    if (m.Has("month")) return MonthOf(m.Get("month"), m.Get("year"));
    if (m.Has("year")) return Year(m.Get("year"));
    return std::nullopt;
  }

  // Gives a year to a day or month written without one: the reference date's year.
  void AnchorToReference(Parsed* p) const {
    if (!p->needs_year) return;
    p->needs_year = false;
    if (!ref_) return;
    SetYear(p, ref_->year);
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
    if (month != nullptr) return LexNum(month_, month->text, "num");
    if (month_num != nullptr) {
      auto v = LeadingInt(month_num->text);
      if (v && *v >= 1 && *v <= 12) return static_cast<int>(*v);
    }
    return std::nullopt;
  }

  std::optional<int> YearNumber(const Capture* year) const {
    if (year == nullptr) return std::nullopt;
    auto v = LeadingInt(year->text);
    if (!v || year->text.size() != 4) return std::nullopt;
    return static_cast<int>(*v);
  }

  std::optional<int64_t> Count(std::string_view text) const {
    if (!text.empty() && IsDigit(text[0])) {
      auto v = LeadingInt(text);
      if (!v || *v > kMaxCount) return std::nullopt;
      return v;
    }
    auto v = LexNum(number_word_, text, "value");
    if (!v) return std::nullopt;
    return *v;
  }

  std::optional<Parsed> Day(const Capture* month, const Capture* month_num, const Capture* day,
                            const Capture* year) const {
    auto m = MonthNumber(month, month_num);
    auto d = day != nullptr ? LeadingInt(day->text) : std::nullopt;
    if (!m || !d || *d < 1 || *d > 31) return std::nullopt;
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

  std::optional<Parsed> MonthOf(const Capture* month, const Capture* year) const {
    auto m = MonthNumber(month, nullptr);
    if (!m) return std::nullopt;
    Parsed p;
    p.kind = "month";
    p.granularity = "month";
    if (year == nullptr) {
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
      // "2018-19": the same century, and it must come after ("2018-12" is not a range).
      if (y2 <= *y1 % 100) return std::nullopt;
      y2 += *y1 - *y1 % 100;
    }
    if (y2 <= *y1) return std::nullopt;
    Parsed p;
    p.kind = "range";
    p.granularity = "year";
    p.from = CivilDate{*y1, 1, 1};
    p.to = CivilDate{y2, 12, 31};
    return p;
  }

  std::optional<Parsed> DaySpan(const Match& m) const {
    bool month_first = m.Has("day2");
    const Capture* month = m.Get(month_first ? "month" : "dmonth");
    const Capture* day1 = m.Get(month_first ? "day" : "dday");
    const Capture* day2 = m.Get(month_first ? "day2" : "dday2");
    const Capture* year = m.Get(month_first ? "year" : "dyear");
    auto a = Day(month, nullptr, day1, year);
    auto b = Day(month, nullptr, day2, year);
    if (!a || !b) return std::nullopt;
    if (a->needs_year) AnchorToReference(&*a);
    if (b->needs_year) AnchorToReference(&*b);
    Parsed p;
    p.kind = "range";
    p.granularity = "day";
    if (a->from && b->to) {
      if (extract_internal::ToDays(*a->from) >= extract_internal::ToDays(*b->to)) return std::nullopt;
      p.from = a->from;
      p.to = b->to;
    } else {
      auto d1 = LeadingInt(day1->text);
      auto d2 = LeadingInt(day2->text);
      if (!d1 || !d2 || *d1 >= *d2) return std::nullopt;
    }
    return p;
  }

  std::optional<Parsed> Decade(const Match& m) const {
    auto v = LeadingInt(m.Group("decade"));
    if (!v) return std::nullopt;
    int d = static_cast<int>(*v);
    Parsed p;
    p.kind = "decade";
    p.granularity = "decade";
    p.from = CivilDate{d, 1, 1};
    p.to = CivilDate{d + 9, 12, 31};
    return p;
  }

  std::optional<Parsed> Quarter(const Match& m) const {
    const Capture* q = m.Get("quarter");
    if (q == nullptr) q = m.Get("qcode");
    const Capture* y = m.Get("year");
    if (y == nullptr) y = m.Get("qyear");
    if (q == nullptr) return std::nullopt;
    const int n = LexNum(quarter_, q->text, "num").value_or(0);
    auto year = YearNumber(y);
    if (!year || n < 1 || n > 4) return std::nullopt;
    Parsed p;
    p.kind = "quarter";
    p.granularity = "quarter";
    p.from = CivilDate{*year, 3 * n - 2, 1};
    p.to = MonthEnd(*year, 3 * n);
    return p;
  }

  std::optional<Parsed> RelativeDay(const Match& m) const {
    auto offset = LexNum(relative_day_, m.Group("relday"), "offset");
    if (!offset) return std::nullopt;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (ref_) p.from = p.to = AddDays(*ref_, *offset);
    return p;
  }

  std::optional<Parsed> WeekdayDate(const Match& m) const {
    auto wd = LexNum(weekday_, m.Group("weekday"), "num");
    if (!wd || *wd < 1 || *wd > 7) return std::nullopt;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (!ref_) return p;
    std::string which = AsciiLower(m.Group("which"));
    const int today = Weekday(*ref_);
    int64_t delta = 0;
    if (which == "last" || which == "past" || which == "previous") {
      delta = -(((today - *wd) % 7 + 7) % 7);
      if (delta == 0) delta = -7;
    } else if (which == "next" || which == "coming") {
      delta = ((*wd - today) % 7 + 7) % 7;
      if (delta == 0) delta = 7;
    } else if (which == "this") {
      delta = *wd - today;
    } else {
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
    if (code == "W") return AddDays(date, 7 * k);
    if (code == "M") return AddMonths(date, k);
    if (code == "Y") return AddYears(date, k);
    return std::nullopt;
  }

  std::optional<Parsed> Ago(const Match& m) const {
    auto n = Count(m.Group("count"));
    const LexiconEntry* unit = time_unit_ ? time_unit_->Find(m.Group("unit")) : nullptr;
    if (!n || unit == nullptr) return std::nullopt;
    Parsed p;
    p.kind = "relative";
    p.granularity = "day";
    if (ref_) {
      auto d = Shift(*ref_, -*n, *unit);
      if (!d) return std::nullopt;
      p.from = p.to = *d;
    }
    return p;
  }

  std::optional<Parsed> Period(const Match& m) const {
    std::string which = AsciiLower(m.Group("which"));
    std::string unit = AsciiLower(m.Group("unit"));
    int k = which == "last" ? -1 : (which == "next" || which == "coming") ? 1 : 0;
    Parsed p;
    p.kind = "relative";
    if (unit == "week") {
      p.granularity = "day";
    } else if (unit == "month" || unit == "quarter" || unit == "year") {
      p.granularity = unit;
    } else {
      return std::nullopt;
    }
    if (!ref_) return p;
    if (unit == "week") {
      CivilDate monday = AddDays(*ref_, 1 - Weekday(*ref_) + 7 * k);
      p.from = monday;
      p.to = AddDays(monday, 6);
    } else if (unit == "month") {
      CivilDate first = AddMonths(CivilDate{ref_->year, ref_->month, 1}, k);
      p.from = first;
      p.to = MonthEnd(first.year, first.month);
    } else if (unit == "quarter") {
      int q_month = (ref_->month - 1) / 3 * 3 + 1;
      CivilDate first = AddMonths(CivilDate{ref_->year, q_month, 1}, 3 * k);
      p.from = first;
      CivilDate last = AddMonths(first, 2);
      p.to = MonthEnd(last.year, last.month);
    } else {
      p.from = CivilDate{ref_->year + k, 1, 1};
      p.to = CivilDate{ref_->year + k, 12, 31};
    }
    return p;
  }

  std::optional<Parsed> Duration(const Match& m) const {
    std::string count_text = AsciiLower(m.Group("count"));
    // "a year" or "an hour" alone is too often no period at all ("once a year").
    if (count_text == "a" || count_text == "an") return std::nullopt;
    auto n = Count(count_text);
    const LexiconEntry* unit = time_unit_ ? time_unit_->Find(m.Group("unit")) : nullptr;
    if (!n || *n <= 0 || unit == nullptr) return std::nullopt;
    auto mult = ParseAttrNumber(unit->attr("mult", "1"));
    const std::string& code = unit->attr("code");
    if (!mult || code.empty()) return std::nullopt;
    Parsed p;
    p.kind = "duration";
    p.duration = "P" + std::to_string(*n * static_cast<int64_t>(*mult)) + code;
    std::string which = AsciiLower(m.Group("which"));
    bool back = which == "last" || which == "past" || which == "previous";
    bool ahead = which == "next" || which == "coming";
    if (ref_ && (back || ahead) && !FollowedByOf(m.end)) {
      auto other = Shift(*ref_, back ? -*n : *n, *unit);
      if (other) {
        p.from = back ? *other : *ref_;
        p.to = back ? *ref_ : *other;
        p.granularity = "day";
      }
    }
    return p;
  }

  bool FollowedByOf(size_t pos) const {
    pos = SkipSpaces(text_, pos);
    return AsciiLower(WordAt(text_, pos)) == "of";
  }

  const std::string& text_;
  std::optional<CivilDate> ref_;
  const rules::Lexicon* month_ = nullptr;
  const rules::Lexicon* weekday_ = nullptr;
  const rules::Lexicon* number_word_ = nullptr;
  const rules::Lexicon* time_unit_ = nullptr;
  const rules::Lexicon* relative_day_ = nullptr;
  const rules::Lexicon* quarter_ = nullptr;
};

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

bool IsRangePart(const Match& m) {
  if (m.rule->Emit("part_only") == "true") return true;
  const std::string& kind = m.rule->Emit("kind");
  return kind == "date" || kind == "month" || kind == "year" || kind == "quarter";
}

}  // namespace

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
    c.fact.rule = m.rule->id;
    c.fact.ruleset_version = rules.version();
    c.fact.kind = p.kind;
    c.fact.granularity = p.granularity;
    c.fact.duration = p.duration;
    // Dates outside years 1..9999 cannot be written as YYYY-MM-DD: leave them open.
    auto in_range = [](const std::optional<CivilDate>& d) { return d && d->year >= 1 && d->year <= 9999; };
    if (in_range(p.from) && in_range(p.to)) {
      c.fact.from = FormatIso(*p.from);
      c.fact.to = FormatIso(*p.to);
    }
    return c;
  };

  std::vector<Candidate> candidates;
  for (const Match& m : matches) {
    if (m.Has("connector")) {
      // A range of two dates: its parts are the single-date matches inside it.
      std::string connector = AsciiLower(m.Group("connector"));
      std::string lead = AsciiLower(m.Group("lead"));
      if (connector == "and" && lead != "between") continue;
      std::vector<const Match*> parts;
      for (const Match& part : matches) {
        if (&part != &m && part.start >= m.start && part.end <= m.end && IsRangePart(part)) {
          parts.push_back(&part);
        }
      }
      // Parts compete by the spans they report, so "May 13" beats "from May".
      std::vector<size_t> chosen = extract_internal::SelectNonOverlapping(parts, [](const Match* p) {
        auto [start, end] = FactSpan(*p);
        return Ranked{start, end, p->rule->priority, p->rule_index};
      });
      if (chosen.size() < 2) continue;
      auto first = resolver.Parse(*parts[chosen.front()]);
      auto last = resolver.Parse(*parts[chosen.back()]);
      if (!first || !last) continue;
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
      Parsed range;
      range.kind = "range";
      range.granularity =
          GranularityRank(first->granularity) <= GranularityRank(last->granularity) ? first->granularity
                                                                                   : last->granularity;
      if (first->from && last->to) {
        if (extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to)) continue;
        range.from = first->from;
        range.to = last->to;
      }
      candidates.push_back(make(m, m.start, m.end, range));
      continue;
    }
    if (m.rule->Emit("part_only") == "true") continue;
    auto parsed = resolver.Parse(m);
    if (!parsed) continue;
    resolver.AnchorToReference(&*parsed);
    auto [start, end] = FactSpan(m);
    candidates.push_back(make(m, start, end, *parsed));
  }

  std::vector<size_t> chosen = extract_internal::SelectNonOverlapping(
      candidates, [](const Candidate& c) { return Ranked{c.start, c.end, c.priority, c.rule_index}; });
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
  for (DateFact& f : facts) out->push_back(std::move(f));
}

}  // namespace newsfacts
