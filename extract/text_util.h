// Small text helpers shared by the extractors: ASCII character
// classes, word reading, and the greedy choice among overlapping candidates.
//
// All offsets are bytes into UTF-8 text; bytes >= 0x80 count as letters, so words
// like "Peña" are read whole. Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace newsfacts::extract_internal {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsWordByte(char c) {
  return IsDigit(c) || IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80;
}
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Position of the first non-space byte at or after pos (text.size() when none).
// Stops at a blank line ("\n\n"), which ends a paragraph; returns its position.
inline size_t SkipSpaces(std::string_view text, size_t pos) {
  while (pos < text.size() && IsSpace(text[pos])) {
    if (text[pos] == '\n' && pos + 1 < text.size() && text[pos + 1] == '\n') return pos;
    ++pos;
  }
  return pos;
}

// The word (letters, with inner hyphens or apostrophes) starting exactly at pos; empty
// when no letter starts there.
inline std::string_view WordAt(std::string_view text, size_t pos) {
  if (pos >= text.size() ||
      !(IsAsciiAlpha(text[pos]) || static_cast<unsigned char>(text[pos]) >= 0x80)) {
    return {};
  }
  size_t end = pos;
  while (end < text.size()) {
    char c = text[end];
    if (IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80) {
      ++end;
    } else if ((c == '-' || c == '\'') && end + 1 < text.size() && IsAsciiAlpha(text[end + 1])) {
      ++end;
    } else {
      break;
    }
  }
  // A trailing UTF-8 punctuation byte run (e.g. a curly quote) is not part of a word.
  while (end > pos && static_cast<unsigned char>(text[end - 1]) >= 0x80) {
    const size_t lead = std::max(pos, CodePointStart(text, end - 1));
    size_t next = lead;
    const char32_t cp = DecodeUtf8(text, &next);
    // U+2000..U+207F: general punctuation (quotes, dashes), super- and subscripts.
    if (cp >= 0x2000 && cp <= 0x207F) {
      end = lead;
    } else {
      break;
    }
  }
  return text.substr(pos, end - pos);
}

// The word ending just before pos (after skipping spaces backwards), or empty.
inline std::string_view WordBefore(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end > 0 && IsSpace(text[end - 1])) --end;
  if (end > 0 && text[end - 1] == '.') --end;  // "Dec. 13"
  size_t start = end;
  while (start > 0 &&
         (IsAsciiAlpha(text[start - 1]) || static_cast<unsigned char>(text[start - 1]) >= 0x80)) {
    --start;
  }
  return text.substr(start, end - start);
}

// A candidate fact with its span and its rule's ranking, for SelectNonOverlapping.
struct Ranked {
  size_t start = 0;
  size_t end = 0;
  int priority = 0;
  size_t rule_index = 0;
};

// Greedy choice among overlapping candidates, as RuleSet::SelectNonOverlapping does for
// matches: longest span first, then higher priority, then earlier rule, then earlier
// start. Returns the indexes of the chosen candidates, sorted by start.
template <typename T, typename GetRanked>
std::vector<size_t> SelectNonOverlapping(const std::vector<T>& items, GetRanked get) {
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const Ranked a = get(items[x]);
    const Ranked b = get(items[y]);
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.start < b.start;
  });
  std::map<size_t, size_t> taken;  // start -> end
  std::vector<size_t> chosen;
  for (size_t i : order) {
    const Ranked r = get(items[i]);
    if (r.end <= r.start) continue;
    auto next = taken.lower_bound(r.start);
    if (next != taken.end() && next->first < r.end) continue;
    if (next != taken.begin() && std::prev(next)->second > r.start) continue;
    taken.emplace(r.start, r.end);
    chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end(), [&](size_t x, size_t y) {
    const Ranked a = get(items[x]);
    const Ranked b = get(items[y]);
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  return chosen;
}

}  // namespace newsfacts::extract_internal
