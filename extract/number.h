// Number parsing shared by the quantities and dates extractors.
//
// Locale-independent: '.' is always the decimal point, ',' only a thousands separator.
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

namespace newsfacts::extract_internal {

// Parses a number as written in English prose: "532", "8,222.5", "1.2", ".5".
// Thousands separators are accepted only in groups of three ("1,234,567"), or in
// the Indian grouping of lakhs and crores ("12,34,567.89": groups of two, then a
// last group of three); "12,34" is rejected. Also a whole number and a fraction,
// "10 1/2", and a plain fraction, "3/4". Returns nullopt for anything else,
// including empty input, signs, exponents and trailing text.
std::optional<double> ParseNumber(std::string_view text);

// The meaning of one number word, for ParseSpelledNumber.
struct NumberWord {
  double value = 0;
  // Multiplies what comes before it ("hundred", "thousand", "dozen", "lakh") rather
  // than adding to it ("twenty", "five").
  bool multiplier = false;
};

// Parses a number written in words: "ninety-five", "three thousand nine hundred and
// sixty five", "half a million", "three quarters", "a dozen", "one and a half".
// Words are separated by spaces or hyphens; "and", "a" and "an" are read in place, and
// "of" after a fraction ("a quarter of a million").
// `word` gives each other word's meaning (lower-case ASCII in, nullopt for a word
// that is not a number word, which makes the whole text fail). nullopt too when no
// number word is present. Fractions (values below 1) after a number multiply it
// ("three quarters" = 0.75) unless joined by "and" ("one and a half" = 1.5).
std::optional<double> ParseSpelledNumber(
    std::string_view text, const std::function<std::optional<NumberWord>(std::string_view)>& word);

// Parses a lexicon attribute written as a TOML number or a fraction: "1000",
// "0.45359237", "-17.5", "5/9", "1e-6". nullopt when malformed.
std::optional<double> ParseAttrNumber(std::string_view text);

}  // namespace newsfacts::extract_internal
