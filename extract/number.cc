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

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  size_t dot = text.find('.');
  std::string_view int_part = text.substr(0, dot);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac_part.empty()) return std::nullopt;
  for (char c : frac_part) {
    if (!IsDigit(c)) return std::nullopt;
  }
  std::string digits;
  if (int_part.find(',') != std::string_view::npos) {
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
