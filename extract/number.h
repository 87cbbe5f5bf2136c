// Number parsing shared by the quantities and dates extractors.
//
// Locale-independent: '.' is always the decimal point, ',' only a thousands separator.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace newsfacts::extract_internal {

// Parses a number as written in English prose: "532", "8,222.5", "1.2", ".5".
// Thousands separators are accepted only in groups of three ("1,234,567");
// "12,34" is rejected. Returns nullopt for anything else, including empty input,
// signs, exponents and trailing text.
std::optional<double> ParseNumber(std::string_view text);

// Parses a lexicon attribute written as a TOML number or a fraction: "1000",
// "0.45359237", "-17.5", "5/9", "1e-6". nullopt when malformed.
std::optional<double> ParseAttrNumber(std::string_view text);

}  // namespace newsfacts::extract_internal
