#include "extract/number.h"

#include <charconv>
#include <string>

namespace newsfacts::extract_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<double> FromChars(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// "12,34,567": a first group of one or two digits, groups of two, a last of three.
bool IsIndianGrouping(std::string_view int_part) {
  size_t last = int_part.rfind(',');
  if (last == std::string_view::npos || int_part.size() - last - 1 != 3) return false;
  size_t start = 0;
  bool first = true;
  while (start < last) {
    size_t comma = int_part.find(',', start);
    size_t len = comma - start;
    if (first ? (len < 1 || len > 2) : len != 2) return false;
    first = false;
    start = comma + 1;
  }
  return true;
}

std::optional<double> ParseFraction(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size())
    return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != slash && !IsDigit(text[i])) return std::nullopt;
  }
  auto num = FromChars(text.substr(0, slash));
  auto den = FromChars(text.substr(slash + 1));
  if (!num || !den || *den == 0) return std::nullopt;
  return *num / *den;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (text.find('/') != std::string_view::npos) {
    // "10 1/2" or "3/4".
    size_t space = text.find(' ');
    if (space == std::string_view::npos) return ParseFraction(text);
    auto whole = ParseNumber(text.substr(0, space));
    auto frac = ParseFraction(text.substr(text.find_first_not_of(' ', space)));
    if (!whole || !frac || *frac >= 1) return std::nullopt;
    return *whole + *frac;
  }
  size_t dot = text.find('.');
  std::string_view int_part = text.substr(0, dot);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac_part.empty()) return std::nullopt;
  for (char c : frac_part) {
    if (!IsDigit(c)) return std::nullopt;
  }
  std::string digits;
  if (int_part.find(',') != std::string_view::npos && IsIndianGrouping(int_part)) {
    for (char c : int_part) {
      if (c != ',') digits.push_back(c);
    }
  } else if (int_part.find(',') != std::string_view::npos) {
    // Groups: 1-3 digits, then groups of exactly three.
    size_t first = int_part.find(',');
    if (first == 0 || first > 3) return std::nullopt;
    size_t group_start = 0;
    while (group_start <= int_part.size()) {
      size_t comma = int_part.find(',', group_start);
      size_t group_end = comma == std::string_view::npos ? int_part.size() : comma;
      std::string_view group = int_part.substr(group_start, group_end - group_start);
      if (group_start > 0 && group.size() != 3) return std::nullopt;
      for (char c : group) {
        if (!IsDigit(c)) return std::nullopt;
      }
      digits.append(group);
      if (comma == std::string_view::npos) break;
      group_start = comma + 1;
    }
  } else {
    for (char c : int_part) {
      if (!IsDigit(c)) return std::nullopt;
    }
    digits.append(int_part);
  }
  if (digits.empty() && frac_part.empty()) return std::nullopt;
  if (digits.empty()) digits.push_back('0');
  if (!frac_part.empty()) {
    digits.push_back('.');
    digits.append(frac_part);
  }
  return FromChars(digits);
}

std::optional<double> ParseAttrNumber(std::string_view text) {
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    auto num = FromChars(text.substr(0, slash));
    auto den = FromChars(text.substr(slash + 1));
    if (!num || !den || *den == 0) return std::nullopt;
    return *num / *den;
  }
  return FromChars(text);
}

}  // namespace newsfacts::extract_internal

namespace newsfacts::extract_internal {

std::optional<double> ParseSpelledNumber(
    std::string_view text, const std::function<std::optional<NumberWord>(std::string_view)>& word) {
  if (text.size() > 256) return std::nullopt;
  double total = 0;
  double group = 0;
  bool seen = false;
  bool after_and = false;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() &&
           (text[pos] == ' ' || text[pos] == '-' || text[pos] == '\t' || text[pos] == '\n'))
      ++pos;
    size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '-' && text[end] != '\t' &&
           text[end] != '\n')
      ++end;
    if (end == pos) break;
    std::string token(text.substr(pos, end - pos));
    pos = end;
    for (char& c : token) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (token == "and") {
      after_and = true;
      continue;
    }
    if (token == "a" || token == "an") continue;
    // "a quarter of a million": "of" joins a fraction to its scale, and nothing else.
    if (token == "of") {
      if (group > 0 && group < 1) continue;
      return std::nullopt;
    }
    auto w = word(token);
    if (!w) return std::nullopt;
    seen = true;
    if (w->multiplier) {
      double base = group == 0 ? 1 : group;
      if (w->value >= 1000) {
        total += base * w->value;
        group = 0;
      } else {
        group = base * w->value;
      }
    } else if (w->value < 1) {
      if (after_and && (group > 0 || total > 0)) {
        group += w->value;
      } else if (group > 0) {
        group *= w->value;
      } else {
        group = w->value;
      }
    } else {
      group += w->value;
    }
    after_and = false;
  }
  if (!seen) return std::nullopt;
  return total + group;
}

}  // namespace newsfacts::extract_internal
