// Reading a match's fields: numbers in digits and words, month and year numbers, the
// lexicons the resolver uses.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <iterator>
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

// The number of the month a lexicon form names, or 0.
int MonthNumber(const RuleSet& rules, std::string_view word) {
  const rules::Lexicon* months = rules.lexicon("month");
  if (months == nullptr || word.empty()) return 0;
  const LexiconEntry* entry = months->Find(word);
  if (entry == nullptr) return 0;
  return static_cast<int>(ParseAttrNumber(entry->attr("num", "0")).value_or(0));
}

std::optional<int> Resolver::LexNum(const rules::Lexicon* lexicon, std::string_view form,
                                    const std::string& attr) const {
  if (lexicon == nullptr) return std::nullopt;
  const LexiconEntry* entry = lexicon->Find(form);
  if (entry == nullptr) return std::nullopt;
  auto v = ParseAttrNumber(entry->attr(attr));
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<int> Resolver::MonthNumber(const Capture* month, const Capture* month_num) const {
  if (month != nullptr) return LexNum(Lex(kMonth), month->text, "num");
  if (month_num != nullptr) {
    auto v = LeadingInt(month_num->text);
    if (v && *v >= 1 && *v <= 12) return static_cast<int>(*v);
  }
  return std::nullopt;
}

std::optional<int> Resolver::YearNumber(const Capture* year) const {
  if (year == nullptr) return std::nullopt;
  if (!year->text.empty() && !IsDigit(year->text[0])) {
    std::string_view next = WordAt(text_, SkipSpaces(text_, year->end));
    if (!next.empty() && Entry(kYearWordsFollow, next) == nullptr) {
      return std::nullopt;
    }
    return YearFromWords(year->text);
  }
  auto v = LeadingInt(year->text);
  if (!v || year->text.size() != 4) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<int> Resolver::YearFromWords(std::string_view words) const {
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
      const auto v = LexNum(Lex(kNumberWord), word, "value");
      if (!v || *v < 0 || *v > 90) return std::nullopt;
      values.push_back(*v);
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

std::optional<int64_t> Resolver::Count(std::string_view text) const {
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

int Resolver::CenturyYear(int64_t yy) const {
  int year = static_cast<int>(yy) + (yy < 50 ? 2000 : 1900);
  if (ref_) {
    year = ref_->year - ((ref_->year % 100) + 100) % 100 + static_cast<int>(yy);
    if (year > ref_->year + 20) year -= 100;
  }
  return year;
}

std::optional<int> Resolver::NamedYear(const Capture* year, std::string_view which_text) const {
  if (year != nullptr) return YearNumber(year);
  if (!ref_) return std::nullopt;
  return ref_->year + StepOf(which_text);
}

std::optional<int64_t> Resolver::DayNumber(const Capture* day) const {
  if (day == nullptr) return std::nullopt;
  if (auto v = LeadingInt(day->text)) return v;
  if (auto w = LexNum(Lex(kDayWord), day->text, "value")) return *w;
  if (auto c = LexNum(Lex(kDayCardinal), day->text, "value")) return *c;
  return std::nullopt;
}

namespace {

// text lower-cased, without a leading "the" ("the following" -> "following").
std::string WithoutThe(std::string_view text) {
  std::string word = AsciiLower(text);
  if (word.starts_with("the ")) word = word.substr(SkipSpaces(word, 4));
  return word;
}

}  // namespace

std::optional<Resolver::Direction> Resolver::DirectionOf(std::string_view which) const {
  const std::string word = WithoutThe(which);
  const LexiconEntry* entry = Entry(kWhich, word);
  if (entry == nullptr) entry = Entry(kWhichPast, word);
  if (entry == nullptr) return std::nullopt;
  Direction d;
  d.step = static_cast<int>(ParseAttrNumber(entry->attr("step")).value_or(0));
  d.nearest = entry->attr("nearest") == "true";
  d.anchor = entry->attr("anchor");
  return d;
}

int Resolver::StepOf(std::string_view which) const {
  const auto d = DirectionOf(which);
  return d ? d->step : 0;
}

std::string_view Resolver::PartOf(std::string_view part_text) const {
  const LexiconEntry* entry = Entry(kPeriodPart, WordAt(WithoutThe(part_text), 0));
  return entry != nullptr ? std::string_view(entry->attr("part")) : std::string_view();
}

bool Resolver::JoinsAlone(std::string_view connector) const {
  const LexiconEntry* entry = Entry(kRangeConnector, connector);
  return entry != nullptr && entry->attr("word") == "true";
}

const LexiconEntry* Resolver::Entry(LexiconId id, std::string_view form) const {
  const rules::Lexicon* lexicon = Lex(id);
  return lexicon != nullptr ? lexicon->Find(form) : nullptr;
}

const rules::Lexicon* Resolver::Lex(LexiconId id) const {
  static constexpr const char* kNames[] = {
      "month",         "weekday",           "number_word",     "time_unit",   "relative_day",
      "quarter",       "holiday",           "day_word",        "future_cue",  "decade_word",
      "anaphora_stop", "year_words_follow", "day_cardinal",    "past_cue",    "present_future_cue",
      "which",         "which_past",        "season",          "shift_word",  "period_part",
      "nth",           "clock_word",        "range_connector", "period_unit", "range_end_day"};
  static_assert(std::size(kNames) == kLexiconCount, "a name for every LexiconId");
  if (!lexicon_loaded_[id]) {
    lexicons_[id] = rules_.lexicon(kNames[id]);
    lexicon_loaded_[id] = true;
  }
  return lexicons_[id];
}

}  // namespace dates_internal
}  // namespace newsfacts
