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
#include "extract/dates_internal.h"
#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace dates_internal {
namespace {

// The rule's form; nullptr for a rule without a known form (CheckEmits refuses it at load).
const FormEntry* FormOf(const rules::Rule& rule) {
  const std::string& name = rule.Emit("form");
  for (const FormEntry& form : Forms()) {
    if (form.name == name) return &form;
  }
  return nullptr;
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

// The single date after the shift word of m, anchored to the reference date; nullopt when
// there is not exactly one or it does not parse.
std::optional<Parsed> ShiftAnchor(const Resolver& resolver, const std::vector<Match>& matches,
                                  const Match& m, const Capture& shift_word) {
  std::vector<const Match*> parts = PartsIn(matches, shift_word.end, m.end, &m);
  if (parts.empty()) {
    // A weekday ("starting next Monday") is not a range part; take it alone.
    for (const Match& part : matches) {
      if (&part != &m && part.start >= shift_word.end && part.end <= m.end && part.Has("weekday")) {
        parts.push_back(&part);
      }
    }
  }
  if (parts.size() != 1) return std::nullopt;
  auto anchor = resolver.Parse(*parts[0]);
  if (!anchor) return std::nullopt;
  resolver.AnchorToReference(&*anchor);
  return anchor;
}

// "the three months to June 30": that length, ending with that day (or with the last day of
// that month or period).
std::optional<Parsed> LengthTo(const Resolver& resolver, const Match& m, const Parsed& anchor,
                               Parsed p) {
  p.kind = "range";
  if (anchor.to) {
    auto from = resolver.ShiftBy(AddDays(*anchor.to, 1), m.Group("count"), m.Group("unit"), true);
    if (!from) return std::nullopt;
    p.from = *from;
    p.to = anchor.to;
    if (GranularityRank(anchor.granularity) >= 2) p.granularity = "month";
  }
  return p;
}

// "the week of April 10": from that day, for a length.
std::optional<Parsed> LengthFrom(const Resolver& resolver, const Match& m, Parsed anchor,
                                 Parsed p) {
  p.kind = "range";
  if (!anchor.from) return p;
  const std::string& length_days = m.rule->Emit("length_days");
  std::optional<CivilDate> end;
  if (!length_days.empty()) {
    // "the week of April 10" is the Monday-to-Sunday week holding that day;
    // "the week beginning April 10" starts on it.
    if (AsciiLower(m.Group("span_week")).ends_with(" of")) {
      anchor.from = AddDays(*anchor.from, 1 - Weekday(*anchor.from));
    }
    end = AddDays(*anchor.from, static_cast<int64_t>(ParseAttrNumber(length_days).value_or(1)) - 1);
  } else if (auto after =
                 resolver.ShiftBy(*anchor.from, m.Group("count"), m.Group("unit"), false)) {
    end = AddDays(*after, -1);
  }
  if (!end) return std::nullopt;
  p.from = anchor.from;
  p.to = *end;
  return p;
}

// "two weeks before Christmas": that day moved by the count and unit.
std::optional<Parsed> MovedDate(const Resolver& resolver, const Match& m, const Parsed& anchor,
                                Parsed p) {
  const bool back =
      resolver.LexNum(resolver.Lex(Resolver::kShiftWord), m.Group("shift"), "step").value_or(0) < 0;
  if (anchor.from) {
    auto moved = resolver.ShiftBy(*anchor.from, m.Group("count"), m.Group("unit"), back);
    if (!moved) return std::nullopt;
    p.from = p.to = *moved;
  }
  return p;
}

// The forms built on the date inside the match: that date moved ("two weeks before
// Christmas"), or a length ending ("the three months to June 30") or starting with it ("the
// week of April 10"). nullopt when the match holds no single date or the arithmetic fails;
// a fact without dates when the date inside has none.
std::optional<Parsed> ShiftedDate(const Resolver& resolver, const std::vector<Match>& matches,
                                  const Match& m, Build build) {
  const Capture* shift_word = m.Get("shift");
  if (shift_word == nullptr) return std::nullopt;
  auto anchor = ShiftAnchor(resolver, matches, m, *shift_word);
  if (!anchor) return std::nullopt;
  Parsed p;
  p.kind = "relative";
  p.granularity = "day";
  if (build == Build::kLengthTo) return LengthTo(resolver, m, *anchor, std::move(p));
  if (build == Build::kLengthFrom) return LengthFrom(resolver, m, *anchor, std::move(p));
  return MovedDate(resolver, m, *anchor, std::move(p));
}

// Gives the two ends of a range their years: both without one are in the reference date's
// year when the range holds it ("from May to September", written in July), else the start
// is placed and the end follows it; one without a year takes the other's (a year before or
// after when it would otherwise end the range before it starts).
void GiveYears(const Resolver& resolver, Parsed* first, Parsed* last) {
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
      resolver.AnchorToReference(first);
    }
  }
  if (first->needs_year && !last->needs_year && last->from) {
    Resolver::SetYear(first, last->from->year);
    if (first->from && last->to &&
        extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to)) {
      Resolver::SetYear(first, last->from->year - 1);
    }
  } else if (last->needs_year && !first->needs_year && first->to) {
    Resolver::SetYear(last, first->to->year);
    if (first->from && last->to &&
        extract_internal::ToDays(*first->from) > extract_internal::ToDays(*last->to)) {
      Resolver::SetYear(last, first->to->year + 1);
    }
  }
  resolver.AnchorToReference(first);
  resolver.AnchorToReference(last);
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
  if (!resolver.JoinsAlone(connector) &&
      ((weekday_part(parts.front()) && month_part(parts.back())) ||
       (month_part(parts.front()) && weekday_part(parts.back())))) {
    return std::nullopt;
  }
  auto first = resolver.Parse(*parts.front());
  auto last = resolver.Parse(*parts.back());
  if (!first || !last) return std::nullopt;
  GiveYears(resolver, &*first, &*last);
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

int GranularityRank(const std::optional<std::string>& g) {
  if (!g) return 0;
  if (*g == "day") return 1;
  if (*g == "month") return 2;
  if (*g == "quarter") return 3;
  if (*g == "year") return 4;
  if (*g == "decade") return 5;
  return 0;
}

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

std::optional<Parsed> Resolver::Parse(const Match& m) const {
  const FormEntry* form = FormOf(*m.rule);
  if (form == nullptr || form->parse == nullptr) return std::nullopt;
  auto p = (this->*form->parse)(m);
  if (p) p->pos = m.start;
  return p;
}

}  // namespace dates_internal

using namespace dates_internal;  // the parts ExtractDates is made of

std::vector<std::string_view> DateFormNames() {
  std::vector<std::string_view> names;
  for (const FormEntry& form : Forms()) names.push_back(form.name);
  return names;
}

namespace {

// Dates outside years 1..9999 cannot be written as YYYY-MM-DD: leave them open.
bool Writable(const std::optional<CivilDate>& d) { return d && d->year >= 1 && d->year <= 9999; }

Candidate MakeCandidate(const rules::RuleSet& rules, const Match& m, size_t start, size_t end,
                        const Parsed& p) {
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
  if (Writable(p.from) && Writable(p.to)) {
    c.fact.from = FormatIso(*p.from);
    c.fact.to = FormatIso(*p.to);
  }
  return c;
}

// One candidate for each match that makes a date fact, overlapping ones included.
std::vector<Candidate> AllCandidates(const std::string& text, const rules::RuleSet& rules,
                                     const Resolver& resolver, const std::vector<Match>& matches) {
  std::vector<Candidate> candidates;
  for (const Match& m : matches) {
    const FormEntry* form = FormOf(*m.rule);
    if (form == nullptr) continue;
    if (form->build == Build::kShifted || form->build == Build::kLengthTo ||
        form->build == Build::kLengthFrom) {
      if (auto p = ShiftedDate(resolver, matches, m, form->build))
        candidates.push_back(MakeCandidate(rules, m, m.start, m.end, *p));
      continue;
    }
    // Parts of a range may touch each other ("5/1-5/7"); a fact alone may not touch
    // other digits.
    if (InsideNumberRun(text, m)) continue;
    if (form->build == Build::kDateToDate) {
      if (auto p = DateToDate(resolver, matches, m))
        candidates.push_back(MakeCandidate(rules, m, m.start, m.end, *p));
      continue;
    }
    if (m.rule->Emit("part_only") == "true") continue;
    auto parsed = resolver.Parse(m);
    if (!parsed) continue;
    resolver.AnchorToReference(&*parsed);
    auto [start, end] = FactSpan(m);
    candidates.push_back(MakeCandidate(rules, m, start, end, *parsed));
  }
  return candidates;
}

// The chosen candidates' facts with their text and span, in text order.
std::vector<DateFact> ChosenFacts(const std::string& text, std::vector<Candidate>* candidates,
                                  const std::vector<size_t>& chosen) {
  std::vector<DateFact> facts;
  for (size_t i : chosen) {
    Candidate& c = (*candidates)[i];
    c.fact.text = text.substr(c.start, c.end - c.start);
    c.fact.span = Span{static_cast<int64_t>(c.start), static_cast<int64_t>(c.end)};
    facts.push_back(std::move(c.fact));
  }
  std::stable_sort(facts.begin(), facts.end(), [](const DateFact& a, const DateFact& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  return facts;
}

}  // namespace

void ExtractDates(const std::string& text, const rules::RuleSet& rules, const Context& context,
                  std::vector<DateFact>* out) {
  Resolver resolver(text, rules, context);
  std::vector<Match> matches = rules.FindAll(text);
  std::vector<Candidate> candidates = AllCandidates(text, rules, resolver, matches);
  std::vector<size_t> chosen =
      extract_internal::SelectNonOverlapping(candidates, [](const Candidate& c) {
        return Ranked{c.start, c.end, c.priority, c.rule_index};
      });
  std::sort(chosen.begin(), chosen.end(),
            [&](size_t a, size_t b) { return candidates[a].start < candidates[b].start; });
  AnchorToPreviousDates(text, rules, resolver, &candidates, chosen);
  std::vector<DateFact> facts = ChosenFacts(text, &candidates, chosen);
  JoinWeekdays(text, rules, &facts);
  AddListItems(text, rules, &facts);
  for (DateFact& f : facts) out->push_back(std::move(f));
}

}  // namespace newsfacts
