// Numbers in prose that the quantity rules leave alone ("45 times", "thirty Boeing
// 787-9s", "eighteen criminal charges"), read as bare counts so that `check` can compare a
// claim's count with a sentence's.
//
// A loose count is a number written with digits ("15,522", "1.4") or in words ("thirty",
// "two and a half"), with a scale word after it ("million", from the `scale` lexicon) and
// a modifier before it ("more than", "about", from the `modifier` lexicon: approx and a low
// or high bound, as the quantity rules read them). Left out: numbers glued to letters,
// digits or the separators of dates, times and identifiers ("787-9", "10:30", "B-52"),
// numbers in the `taken` byte ranges (the stored facts), a lone "one", and percentages and
// amounts of money (the rules store those).
//
// Shares in words are read too, as percent (unit "percent", dimension "percent", si_unit
// "%"): a fraction ("two-thirds", "three fifths", "a sixth of": the `fraction_word` lexicon;
// a singular fraction after a space only before "of", so that "a third term" is no share) and
// "N out of M" or "N in M" ("eight out of ten", "1 in 5").
//
// The counts are Quantity values with unit "", dimension "count", si_unit "", si_value
// = value, rule "check.loose_count", and BYTE spans into text; `subject` is what follows
// the number up to a punctuation mark, at most three words ("Boeing 787-9 Dreamliners").
// A four-digit number between 1800 and 2100 is taken for a year, not a count.
//
// Thread safety: pure function; the rule set is only read.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "common/article.h"
#include "extract/rule_set.h"

namespace newsfacts::factcheck {

inline constexpr const char* kLooseCountRule = "check.loose_count";
inline constexpr const char* kLooseDurationRule = "check.loose_duration";

// The loose counts of text outside taken (sorted or not; [start, end) byte ranges), with
// quantities' lexicons (number_word, scale, modifier, fraction_word).
std::vector<Quantity> LooseCounts(std::string_view text,
                                  const std::vector<std::pair<size_t, size_t>>& taken,
                                  const rules::RuleSet& quantities);

// Durations in words that the date rules leave alone, for reading a claim: "a decade", "a
// full day", "half an hour", "a quarter century", "three-quarters of a minute", "seven and
// a half weeks", "an hour and a quarter", with a modifier before them ("nearly a year").
// A time unit of the `duration_unit` lexicon (factor: seconds) after an amount: "a"/"an"
// (1; not before "second", which is mostly the ordinal), "half a", "a quarter", a number
// in digits or words, a fraction in words with "of a". Left out: rates ("once a week",
// "every day", "per year"), ages and past dates ("ten years old", "a year ago") and the
// taken ranges. Quantity values with dimension "duration", the unit's name, si_unit "s",
// rule "check.loose_duration" and BYTE spans.
std::vector<Quantity> LooseDurations(std::string_view text,
                                     const std::vector<std::pair<size_t, size_t>>& taken,
                                     const rules::RuleSet& quantities);

}  // namespace newsfacts::factcheck
