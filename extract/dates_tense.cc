// Tense and the reference date: whether the clause around a date speaks of the past or the
// future, and which year a day or month written without one belongs to.

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

// True when text[i] ends a sentence: a line break, or a '.', '!' or '?' before spaces
// and then a capital, a digit or a quote ("3 p.m. on Tuesday" and "e.g. the" go on),
// except a '.' after a short capitalised word ("Mr. Lee", "Jan. 5"). The look-back for
// that word stops at floor. The end of the text is not a sentence end here.
bool EndsSentenceAt(const std::string& text, size_t i, size_t floor) {
  const char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  size_t j = i + 1;
  while (j < text.size() && (text[j] == '"' || text[j] == '\'' || text[j] == ')')) ++j;
  if (j >= text.size() || !IsSpace(text[j])) return false;
  j = SkipSpaces(text, j);
  if (j >= text.size()) return false;
  const unsigned char next = static_cast<unsigned char>(text[j]);
  if (!(std::isupper(next) || IsDigit(text[j]) || text[j] == '"' || next >= 0x80)) return false;
  if (c == '.') {
    size_t w = i;
    while (w > floor && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
    if (i - w <= 3 && i > w && std::isupper(static_cast<unsigned char>(text[w]))) return false;
  }
  return true;
}

bool Resolver::FutureCue(size_t pos) const {
  if (Lex(kFutureCue) == nullptr) return false;
  size_t begin = pos > 200 ? pos - 200 : 0;
  for (size_t i = pos; i > begin; --i) {
    if (EndsSentenceAt(text_, i - 1, begin)) {
      begin = i;
      break;
    }
  }
  size_t i = begin;
  bool weak = false;
  while (i < pos) {
    std::string_view word = WordAt(text_, i);
    if (word.empty()) {
      ++i;
      continue;
    }
    std::string lower = AsciiLower(word);
    if (lower.ends_with("'ll") || Entry(kFutureCue, lower) != nullptr) return true;
    if (!weak && Lex(kPresentFutureCue) != nullptr)
      weak = Entry(kPresentFutureCue, lower) != nullptr;
    i += word.size();
  }
  // "The summit opens June 24", "ends on Friday", "by March": the present tense of a
  // scheduled event, unless the sentence speaks of the past.
  return weak && !PastCue(pos);
}

bool Resolver::PastCue(size_t pos) const {
  if (Lex(kPastCue) == nullptr) return false;
  size_t begin = pos > 300 ? pos - 300 : 0;
  auto sentence_end = [&](size_t i) { return EndsSentenceAt(text_, i, begin); };
  for (size_t i = pos; i > begin; --i) {
    if (sentence_end(i - 1)) {
      begin = i;
      break;
    }
  }
  const size_t limit = std::min(text_.size(), pos + 300);
  size_t i = begin;
  while (i < limit) {
    if (i >= pos && sentence_end(i)) break;
    std::string_view word = WordAt(text_, i);
    if (word.empty()) {
      ++i;
      continue;
    }
    const std::string lower = AsciiLower(word);
    if ((lower.size() >= 5 && lower.ends_with("ed")) || Entry(kPastCue, lower) != nullptr)
      return true;
    i += word.size();
  }
  return false;
}

void Resolver::AnchorToReference(Parsed* p) const {
  if (!p->needs_year) return;
  p->needs_year = false;
  if (!ref_) return;
  SetYear(p, YearFor(*p));
}

int Resolver::YearFor(const Parsed& p) const {
  const bool future = FutureCue(p.pos);
  if (p.day > 0 && p.weekday > 0) {
    const int past_year = YearOf(p, false);
    const int next_year = YearOf(p, true);
    const bool past_fits = IsValidDate(past_year, p.month, p.day) &&
                           Weekday(CivilDate{past_year, p.month, p.day}) == p.weekday;
    const bool next_fits = IsValidDate(next_year, p.month, p.day) &&
                           Weekday(CivilDate{next_year, p.month, p.day}) == p.weekday;
    if (past_fits != next_fits) return past_fits ? past_year : next_year;
  }
  return YearOf(p, future);
}

int Resolver::YearOf(const Parsed& p, bool future) const {
  const int64_t ref_days = extract_internal::ToDays(*ref_);
  int year = ref_->year;
  if (p.day > 0) {
    auto after_ref = [&](int y) {
      // February 29 of a common year counts as March 1 for the comparison.
      CivilDate d =
          IsValidDate(y, p.month, p.day) ? CivilDate{y, p.month, p.day} : CivilDate{y, 3, 1};
      return extract_internal::ToDays(d) - ref_days;
    };
    if (future) {
      if (after_ref(year) < 0) ++year;
      for (int i = 0; i < 8 && !IsValidDate(year, p.month, p.day); ++i) ++year;
    } else {
      if (after_ref(year) > 0) --year;
      for (int i = 0; i < 8 && !IsValidDate(year, p.month, p.day); ++i) --year;
    }
    return year;
  }
  if (future && p.month < ref_->month) return year + 1;
  if (!future && p.month > ref_->month) return year - 1;
  return year;
}

void Resolver::SetYear(Parsed* p, int year) {
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

bool Resolver::FollowedByTime(size_t pos) const {
  if (pos < text_.size() && text_[pos] == ':' && pos + 1 < text_.size() &&
      IsDigit(text_[pos + 1])) {
    return true;
  }
  const std::string_view word = WordAt(text_, SkipSpaces(text_, pos));
  return !word.empty() && Entry(kClockWord, word) != nullptr;
}

bool Resolver::AnaphoraEnds(size_t pos) const {
  if (pos < text_.size() &&
      (text_[pos] == '-' || text_[pos] == '\'' || text_.compare(pos, 3, "\xE2\x80\x99") == 0)) {
    return false;  // "the year-ago quarter", "the week's", "the week’s"
  }
  const size_t next_pos = SkipSpaces(text_, pos);
  if (next_pos < text_.size() && IsDigit(text_[next_pos])) return false;
  std::string_view word = WordAt(text_, next_pos);
  if (word.empty()) return true;
  if (Entry(kWeekday, word) != nullptr || Entry(kMonth, word) != nullptr) {
    return false;  // "early in the day Wednesday" is Wednesday's
  }
  return Entry(kAnaphoraStop, AsciiLower(word)) == nullptr;
}

bool Resolver::FollowedByWord(size_t pos, std::initializer_list<std::string_view> words) const {
  const std::string next = AsciiLower(WordAt(text_, SkipSpaces(text_, pos)));
  return std::find(words.begin(), words.end(), next) != words.end();
}

bool Resolver::FollowedByOf(size_t pos) const {
  pos = SkipSpaces(text_, pos);
  return AsciiLower(WordAt(text_, pos)) == "of";
}

}  // namespace dates_internal
}  // namespace newsfacts
