#include "factcheck/loose_counts.h"

#include <cctype>
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/ascii.h"
#include "extract/number.h"

namespace newsfacts::factcheck {
namespace {

using extract_internal::NumberWord;
using extract_internal::ParseAttrNumber;
using extract_internal::ParseNumber;
using extract_internal::ParseSpelledNumber;

bool Alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::optional<double> Attr(const rules::LexiconEntry* e, const std::string& key) {
  if (e == nullptr || e->attr(key).empty()) return std::nullopt;
  return ParseAttrNumber(e->attr(key));
}

class Reader {
 public:
  Reader(std::string_view text, const rules::RuleSet& rules)
      : text_(text),
        number_word_(rules.lexicon("number_word")),
        scale_(rules.lexicon("scale")),
        modifier_(rules.lexicon("modifier")),
        fraction_(rules.lexicon("fraction_word")) {}

  // The word (letters, inner hyphens) at pos, or "".
  std::string_view WordAt(size_t pos) const {
    size_t end = pos;
    while (end < text_.size() &&
           (Alpha(text_[end]) ||
            (text_[end] == '-' && end > pos && end + 1 < text_.size() && Alpha(text_[end + 1])))) {
      ++end;
    }
    return text_.substr(pos, end - pos);
  }

  size_t SkipSpaces(size_t pos) const {
    while (pos < text_.size() && text_[pos] == ' ') ++pos;
    return pos;
  }

  const rules::LexiconEntry* NumberWordEntry(std::string_view w) const {
    return number_word_ ? number_word_->Find(Lower(w)) : nullptr;
  }

  bool IsNumberWord(std::string_view w) const {
    if (w.empty()) return false;
    // "twenty-seven": every hyphenated part a number word.
    size_t start = 0;
    while (start <= w.size()) {
      const size_t dash = std::min(w.find('-', start), w.size());
      if (!NumberWordEntry(w.substr(start, dash - start))) return false;
      start = dash + 1;
    }
    return true;
  }

  std::optional<double> Spelled(std::string_view s) const {
    return ParseSpelledNumber(s, [this](std::string_view w) -> std::optional<NumberWord> {
      const rules::LexiconEntry* e = NumberWordEntry(w);
      auto v = Attr(e, "value");
      if (!v) return std::nullopt;
      return NumberWord{*v, e->attr("multiplier") == "true"};
    });
  }

  // A modifier ending right before pos ("more than 15,000"): its entry and start.
  std::pair<const rules::LexiconEntry*, size_t> ModifierBefore(size_t pos) const {
    if (!modifier_) return {nullptr, pos};
    size_t end = pos;
    while (end > 0 && text_[end - 1] == ' ') --end;
    // Up to three words back, longest first.
    std::vector<size_t> starts;
    size_t p = end;
    for (int words = 0; words < 3 && p > 0; ++words) {
      while (p > 0 && text_[p - 1] == ' ') --p;
      size_t s = p;
      while (s > 0 && Alpha(text_[s - 1])) --s;
      if (s == p) break;
      starts.push_back(s);
      p = s;
    }
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
      const rules::LexiconEntry* e = modifier_->Find(Lower(text_.substr(*it, end - *it)));
      if (e) return {e, *it};
    }
    return {nullptr, pos};
  }

  // Whether a word may start a number in words or a fraction: its first part ("two" of
  // "two-thirds") is a number word, or it is "a" or "an" ("a sixth of"). Most words are
  // not; this spares them the rest.
  bool MayStartNumber(std::string_view w) const {
    const std::string_view first = w.substr(0, w.find('-'));
    if (first.size() <= 2) {
      const std::string lw = Lower(first);
      if (lw == "a" || lw == "an") return true;
    }
    return NumberWordEntry(first) != nullptr;
  }

  // A small whole number as a numerator or denominator: digits, "a", or one number word.
  std::optional<double> SmallNumber(std::string_view w) const {
    if (w.empty()) return std::nullopt;
    if (Digit(w[0])) return ParseNumber(w);
    const std::string lw = Lower(w);
    if (lw == "a" || lw == "an") return 1.0;
    auto v = Attr(NumberWordEntry(w), "value");
    if (!v || *v < 1 || *v != static_cast<int64_t>(*v)) return std::nullopt;
    return v;
  }

  // A fraction in words at pos, as a share in percent and where it ends: "two-thirds",
  // "three fifths", "a sixth of". A singular fraction word after a space must be followed by
  // "of", so that ordinals ("a third term") are not read.
  std::optional<std::pair<double, size_t>> FractionAt(size_t pos) const {
    if (fraction_ == nullptr) return std::nullopt;
    const std::string_view token = WordAt(pos);
    std::string_view numerator = token, denominator;
    size_t end = pos + token.size();
    bool hyphen = false;
    if (const size_t dash = token.find('-'); dash != std::string_view::npos) {
      numerator = token.substr(0, dash);
      denominator = token.substr(dash + 1);
      hyphen = true;
    } else {
      const size_t next = SkipSpaces(end);
      if (next == end) return std::nullopt;
      denominator = WordAt(next);
      end = next + denominator.size();
    }
    const auto n = SmallNumber(numerator);
    const rules::LexiconEntry* e = fraction_->Find(Lower(denominator));
    const auto f = Attr(e, "value");
    if (!n || !f || *n > 10) return std::nullopt;
    const bool plural =
        !denominator.empty() && (denominator.back() == 's' || denominator.back() == 'S');
    if (!hyphen && !plural && Lower(WordAt(SkipSpaces(end))) != "of") return std::nullopt;
    if (*n * *f >= 1) return std::nullopt;
    return std::pair{*n * *f * 100, end};
  }

  // Where the longest run of number words at start ends ("two and a half", "thirty"), or
  // start when there is none. A number word joined to a noun ("four-time", "five-game",
  // "twelve-question") counts it: the number part is the count, the rest begins the subject.
  size_t NumberWordsEnd(size_t start) const {
    size_t pos = start;
    size_t last_end = start;
    while (pos < text_.size()) {
      const std::string_view w = WordAt(pos);
      if (w.empty()) break;
      const std::string lw = Lower(w);
      const bool joiner = (lw == "and" || lw == "a") && last_end > start;
      if (!IsNumberWord(w) && !joiner) {
        const size_t dash = w.find('-');
        if (pos == start && dash != std::string_view::npos && IsNumberWord(w.substr(0, dash))) {
          last_end = pos + dash;
        }
        break;
      }
      if (!joiner) last_end = pos + w.size();
      pos = SkipSpaces(pos + w.size());
    }
    return last_end;
  }

  // "out of ten", "in 5" after a count, as the denominator and where it ends.
  std::optional<std::pair<double, size_t>> OutOfAt(size_t pos) const {
    size_t p = SkipSpaces(pos);
    std::string w = Lower(WordAt(p));
    if (w == "out") {
      p = SkipSpaces(p + 3);
      if (Lower(WordAt(p)) != "of") return std::nullopt;
      w = "in";
      p = p + 2;
    } else if (w != "in") {
      return std::nullopt;
    } else {
      p = p + 2;
    }
    p = SkipSpaces(p);
    size_t end = p;
    while (end < text_.size() && Digit(text_[end])) ++end;
    if (end == p) end = p + WordAt(p).size();
    const auto m = SmallNumber(text_.substr(p, end - p));
    if (!m || *m < 2 || *m > 100 ||
        (end < text_.size() && (Alpha(text_[end]) || Digit(text_[end]))))
      return std::nullopt;
    return std::pair{*m, end};
  }

  std::string_view text_;
  const rules::Lexicon* number_word_;
  const rules::Lexicon* scale_;
  const rules::Lexicon* modifier_;
  const rules::Lexicon* fraction_;
};

bool Taken(const std::vector<std::pair<size_t, size_t>>& taken, size_t start, size_t end) {
  for (const auto& t : taken) {
    if (start < t.second && t.first < end) return true;
  }
  return false;
}

// A figure read at text[start, end) with value in its own unit: the modifier before it
// ("more than", "about") sets approx and the bound and joins the span; text and span
// (bytes) are filled in.
Quantity Figure(const Reader& r, std::string_view text, size_t start, size_t end, double value) {
  auto [mod, mod_start] = r.ModifierBefore(start);
  Quantity q;
  q.value = value;
  q.approx = mod != nullptr && mod->attr("approx") == "true";
  if (mod != nullptr) {
    const std::string& bound = mod->attr("bound");
    if (bound == "low") q.low = value;
    if (bound == "high") q.high = value;
    start = mod_start;
  }
  q.span = {static_cast<int64_t>(start), static_cast<int64_t>(end)};
  q.text = std::string(text.substr(start, end - start));
  return q;
}

// A share in percent read from words at [start, end), with a modifier before it.
Quantity Share(const Reader& r, std::string_view text, size_t start, size_t end, double pct) {
  Quantity q = Figure(r, text, start, end, pct);
  q.rule = kLooseCountRule;
  q.unit = "percent";
  q.dimension = "percent";
  q.si_value = pct;
  q.si_unit = "%";
  return q;
}

// A number in digits at text[start]: where reading goes on, and its value, or nullopt when it
// is glued to what stands around it.
std::pair<size_t, std::optional<double>> DigitsAt(std::string_view text, size_t start) {
  size_t end = start;
  // Glued on the left to a letter, a digit group or an identifier's separator.
  if (start > 0 && (Alpha(text[start - 1]) || text[start - 1] == '-' || text[start - 1] == '/' ||
                    text[start - 1] == ':' || text[start - 1] == '$' || text[start - 1] == '.')) {
    while (end < text.size() && (Digit(text[end]) || text[end] == ',' || text[end] == '.')) ++end;
    return {end, std::nullopt};
  }
  while (end < text.size() &&
         (Digit(text[end]) || ((text[end] == ',' || text[end] == '.') && end + 1 < text.size() &&
                               Digit(text[end + 1])))) {
    ++end;
  }
  // Glued on the right: "787-9", "10:30", "3rd", "4K", "50%".
  if (end < text.size() &&
      (Alpha(text[end]) || text[end] == '%' || text[end] == ':' || text[end] == '/' ||
       (text[end] == '-' && end + 1 < text.size() && Digit(text[end + 1])))) {
    return {end, std::nullopt};
  }
  return {end, ParseNumber(text.substr(start, end - start))};
}

// What a count ending at end counts: the words after it up to a punctuation mark, at most
// three.
std::optional<std::string> SubjectAfter(const Reader& r, std::string_view text, size_t end) {
  size_t subject_end = end, words = 0;
  for (size_t p = r.SkipSpaces(end); words < 3 && p < text.size(); p = r.SkipSpaces(p)) {
    size_t w = p;
    while (w < text.size() && (Alpha(text[w]) || Digit(text[w]) || text[w] == '-' ||
                               text[w] == '\'' || static_cast<unsigned char>(text[w]) >= 0x80)) {
      ++w;
    }
    if (w == p) break;
    subject_end = w;
    p = w;
    ++words;
  }
  size_t subject_start = r.SkipSpaces(end);
  if (subject_start < text.size() && text[subject_start] == '-') ++subject_start;
  if (subject_end <= subject_start) return std::nullopt;
  return std::string(text.substr(subject_start, subject_end - subject_start));
}

// The count of value read at text[start, *end), or nullopt when it is none. A scale word
// after it ("1.4 million") multiplies it and moves *end past it.
std::optional<Quantity> CountAt(const Reader& r, std::string_view text,
                                const std::vector<std::pair<size_t, size_t>>& taken, size_t start,
                                size_t* end, double value) {
  const std::string written = Lower(text.substr(start, *end - start));
  if (written == "one" || written == "a" || written == "an") return std::nullopt;
  // "quarter" or "half" alone ("a quarter century", "half the team") counts nothing.
  if (value < 1) return std::nullopt;
  const size_t after = r.SkipSpaces(*end);
  const std::string_view next = r.WordAt(after);
  if (!next.empty() && r.scale_ != nullptr) {
    if (const rules::LexiconEntry* e = r.scale_->Find(Lower(next))) {
      if (auto m = Attr(e, "multiplier")) {
        value *= *m;
        *end = after + next.size();
      }
    }
  }
  if (Taken(taken, start, *end)) return std::nullopt;
  // A year the date rules did not take ("the 2021 RAV4") is not a count.
  if (*end - start == 4 && value >= 1800 && value <= 2100 && Digit(text[start]))
    return std::nullopt;
  Quantity q = Figure(r, text, start, *end, value);
  q.rule = kLooseCountRule;
  q.dimension = "count";
  q.si_value = value;
  q.subject = SubjectAfter(r, text, *end);
  return q;
}

}  // namespace

std::vector<Quantity> LooseCounts(std::string_view text,
                                  const std::vector<std::pair<size_t, size_t>>& taken,
                                  const rules::RuleSet& quantities) {
  Reader r(text, quantities);
  std::vector<Quantity> out;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool word_start = Alpha(c) && (i == 0 || !Alpha(text[i - 1]));
    const bool digit_start = Digit(c) && (i == 0 || !Digit(text[i - 1]));
    if (!word_start && !digit_start) {
      ++i;
      continue;
    }
    const size_t start = i;
    size_t end = i;
    std::optional<double> value;
    if (digit_start) {
      std::tie(end, value) = DigitsAt(text, start);
      i = end;
    } else if (!r.MayStartNumber(r.WordAt(i))) {
      i += std::max<size_t>(r.WordAt(i).size(), 1);
      continue;
    } else if (auto share = r.FractionAt(i)) {
      end = share->second;
      i = end;
      if (!Taken(taken, start, end)) out.push_back(Share(r, text, start, end, share->first));
      continue;
    } else {
      end = r.NumberWordsEnd(start);
      if (end == start) {
        i += std::max<size_t>(r.WordAt(i).size(), 1);
        continue;
      }
      i = end;
      value = r.Spelled(text.substr(start, end - start));
    }
    if (!value) continue;
    // "eight out of ten", "one in 5": a share.
    if (auto of = r.OutOfAt(end);
        of && *value <= of->first && *value == static_cast<int64_t>(*value)) {
      end = of->second;
      i = end;
      if (!Taken(taken, start, end)) {
        out.push_back(Share(r, text, start, end, *value / of->first * 100));
      }
      continue;
    }
    std::optional<Quantity> q = CountAt(r, text, taken, start, &end, *value);
    i = end;
    if (q) out.push_back(std::move(*q));
  }
  return out;
}

namespace {

// A word of text for LooseDurations: letters and digits (with the separators inside a
// number), lower-cased; `joined` when only spaces or a hyphen stand between it and the
// word before.
struct Token {
  size_t start = 0, end = 0;
  std::string lower;
  bool joined = false;
};

std::vector<Token> Tokens(std::string_view text) {
  std::vector<Token> out;
  bool barrier = true;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (Alpha(text[i]) || Digit(text[i]) || c >= 0x80) {
      Token t;
      t.start = i;
      t.joined = !barrier;
      while (i < text.size() &&
             (Alpha(text[i]) || Digit(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80 ||
              ((text[i] == ',' || text[i] == '.') && i > t.start && Digit(text[i - 1]) &&
               i + 1 < text.size() && Digit(text[i + 1])))) {
        ++i;
      }
      t.end = i;
      t.lower = Lower(text.substr(t.start, t.end - t.start));
      out.push_back(std::move(t));
      barrier = false;
    } else {
      if (c != ' ' && c != '-' && c != '\t' && c != '\n') barrier = true;
      ++i;
    }
  }
  return out;
}

// Token k, joined to the one before it, is one of words.
bool Is(const std::vector<Token>& t, size_t k, std::initializer_list<std::string_view> words) {
  if (k >= t.size() || !t[k].joined) return false;
  for (std::string_view w : words) {
    if (t[k].lower == w) return true;
  }
  return false;
}

// The amount of a duration in words, the token that must be its unit, and whether the
// amount is an article ("a", "an").
struct DurationAmount {
  double amount = 0;
  size_t unit = 0;
  bool article = false;
};

// The amount that token k starts, or nullopt when it starts none.
std::optional<DurationAmount> DurationAmountAt(const Reader& r, std::string_view text,
                                               const std::vector<Token>& t, size_t k) {
  const std::string& w = t[k].lower;
  DurationAmount a;
  if (w == "a" || w == "an") {
    a.article = true;
    if (Is(t, k + 1, {"quarter"})) {
      a.amount = 0.25, a.unit = k + 2;
    } else if (Is(t, k + 1, {"full", "whole", "single"})) {
      a.amount = 1, a.unit = k + 2;
    } else {
      a.amount = 1, a.unit = k + 1;
    }
  } else if (w == "half") {
    a.amount = 0.5, a.unit = Is(t, k + 1, {"a", "an"}) ? k + 2 : k + 1;
  } else if (w == "quarter") {
    a.amount = 0.25, a.unit = k + 1;
  } else if (Digit(w[0])) {
    const auto v = ParseNumber(w);
    if (!v) return std::nullopt;
    a.amount = *v, a.unit = k + 1;
  } else if (r.IsNumberWord(w)) {
    // The longest run of number words, "and" and "a" inside it ("seven and a half").
    size_t last = k;
    for (size_t m = k + 1; m < t.size() && t[m].joined; ++m) {
      if (r.IsNumberWord(t[m].lower)) {
        last = m;
      } else if (t[m].lower != "and" && t[m].lower != "a") {
        break;
      }
    }
    const auto v = r.Spelled(text.substr(t[k].start, t[last].end - t[k].start));
    if (!v) return std::nullopt;
    a.amount = *v, a.unit = last + 1;
  } else {
    return std::nullopt;
  }
  // "three-quarters of a minute", "a quarter of an hour"
  if (a.amount < 1 && Is(t, a.unit, {"of"}) && Is(t, a.unit + 1, {"a", "an"})) a.unit += 2;
  return a;
}

// True when the word joined before token k makes the duration it starts a rate ("once a
// week", "every day", "per year") or, for an article, what an amount is per.
bool RateOrPer(const Reader& r, const std::vector<Token>& t, size_t k, bool article,
               const std::vector<std::pair<size_t, size_t>>& taken) {
  if (k == 0 || !t[k].joined) return false;
  const Token& before = t[k - 1];
  if (before.lower == "once" || before.lower == "twice" || before.lower == "per" ||
      before.lower == "every" || before.lower == "each" || before.lower == "times") {
    return true;
  }
  // "a year" after an amount is what it is per: "€17.4 million a year", "$9.99 a month".
  return article && (Digit(before.lower[0]) || r.IsNumberWord(before.lower) ||
                     Taken(taken, before.start, before.end));
}

}  // namespace

std::vector<Quantity> LooseDurations(std::string_view text,
                                     const std::vector<std::pair<size_t, size_t>>& taken,
                                     const rules::RuleSet& quantities) {
  std::vector<Quantity> out;
  const rules::Lexicon* units = quantities.lexicon("duration_unit");
  if (units == nullptr) return out;
  Reader r(text, quantities);
  const std::vector<Token> t = Tokens(text);
  for (size_t k = 0; k < t.size(); ++k) {
    const std::optional<DurationAmount> a = DurationAmountAt(r, text, t, k);
    if (!a) continue;
    double amount = a->amount;
    const size_t j = a->unit;
    if (j >= t.size() || !t[j].joined) continue;
    const rules::LexiconEntry* unit = units->Find(t[j].lower);
    const auto factor = Attr(unit, "factor");
    if (!factor || amount <= 0) continue;
    if (a->article && amount == 1 && unit->attr("name") == "second") continue;
    size_t last = j;
    if (Is(t, j + 1, {"and"}) && Is(t, j + 2, {"a", "an"}) && Is(t, j + 3, {"half", "quarter"})) {
      amount += t[j + 3].lower == "half" ? 0.5 : 0.25;
      last = j + 3;
    }
    if (RateOrPer(r, t, k, a->article, taken)) continue;
    if (Is(t, last + 1, {"ago", "old"})) continue;
    const size_t start = t[k].start;
    const size_t end = t[last].end;
    if (Taken(taken, start, end)) continue;
    Quantity q = Figure(r, text, start, end, amount);
    q.rule = kLooseDurationRule;
    q.unit = unit->attr("name");
    q.dimension = "duration";
    q.si_value = amount * *factor;
    q.si_unit = "s";
    out.push_back(std::move(q));
    k = last;
  }
  return out;
}

}  // namespace newsfacts::factcheck
