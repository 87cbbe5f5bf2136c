// ExtractQuantities: rule matches -> Quantity facts. The rule file (rules/quantities.toml)
// documents the decisions on spans, counts, vague plurals, modifiers and ranges; this
// file computes values and links facts. A match's kind is read from the groups it has
// (vague, low/high, currency, unit, noun, scale), so new rules need no code as long
// as they use those group names.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace {

using extract_internal::AsciiLower;
using extract_internal::IsDigit;
using extract_internal::IsSpace;
using extract_internal::IsWordByte;
using extract_internal::NumberWord;
using extract_internal::ParseAttrNumber;
using extract_internal::ParseNumber;
using extract_internal::ParseSpelledNumber;
using extract_internal::Ranked;
using extract_internal::SkipSpaces;
using extract_internal::WordAt;
using extract_internal::WordBefore;
using rules::Capture;
using rules::LexiconEntry;
using rules::Match;
using rules::RuleSet;

constexpr int kMaxSubjectWords = 4;

struct Candidate {
  Quantity q;
  size_t start = 0;
  size_t end = 0;
  int priority = 0;
  size_t rule_index = 0;
};

struct Lexicons {
  const rules::Lexicon* unit = nullptr;
  const rules::Lexicon* unit_symbol = nullptr;
  const rules::Lexicon* age_unit = nullptr;
  const rules::Lexicon* post_bound = nullptr;
  const rules::Lexicon* time_word = nullptr;
  const rules::Lexicon* currency_symbol = nullptr;
  const rules::Lexicon* scale = nullptr;
  const rules::Lexicon* money_scale = nullptr;
  const rules::Lexicon* number_word = nullptr;
  const rules::Lexicon* vague = nullptr;
  const rules::Lexicon* modifier = nullptr;
  const rules::Lexicon* not_counted = nullptr;
  const rules::Lexicon* not_after = nullptr;
  const rules::Lexicon* subject_stop = nullptr;
  const rules::Lexicon* determiner = nullptr;
  const rules::Lexicon* per_time = nullptr;
  const rules::Lexicon* glued_unit = nullptr;
  const rules::Lexicon* temperature_cue = nullptr;
};

const LexiconEntry* Find(const rules::Lexicon* lexicon, std::string_view form) {
  return lexicon == nullptr ? nullptr : lexicon->Find(form);
}

bool InLexicon(const rules::Lexicon* lexicon, std::string_view form) {
  return Find(lexicon, form) != nullptr;
}

std::optional<double> AttrNumber(const LexiconEntry* entry, const std::string& key) {
  if (entry == nullptr) return std::nullopt;
  const std::string& v = entry->attr(key);
  if (v.empty()) return std::nullopt;
  return ParseAttrNumber(v);
}

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

// Nothing glued to the left of a number: letters, digits, or the separators of dates,
// times, versions and identifiers ("12/01", "10:30", "COVID-19", "v.2").
bool LeftFree(std::string_view text, size_t start) {
  if (start == 0) return true;
  char p = text[start - 1];
  if (static_cast<unsigned char>(p) >= 0x80) {
    // Symbols and punctuation (U+0080..U+00BF, U+2000..U+2FFF: quotes, dashes, currency
    // signs) leave the number free; letters (é, ñ) are glued to it.
    size_t next = CodePointStart(text, start - 1);
    const char32_t cp = DecodeUtf8(text, &next);
    return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x2FFF);
  }
  if (IsWordByte(p) || p == '.' || p == '/' || p == ':' || p == '_' || p == '#' || p == '%' ||
      p == '=' || p == '&') {
    return false;
  }
  if ((p == ',' || p == '-') && start >= 2 && IsWordByte(text[start - 2])) return false;
  return true;
}

// Nothing glued to the right of a number: digits, '/', ':', or a separator followed by
// a digit ("2018-12-01", "555-0101", "1,23").
bool RightFree(std::string_view text, size_t end) {
  if (end >= text.size()) return true;
  char n = text[end];
  if (IsDigit(n) || n == '/' || n == ':') return false;
  if ((n == '-' || n == '.' || n == ',') && end + 1 < text.size() && IsDigit(text[end + 1])) {
    return false;
  }
  return true;
}

// A word-like unit or scale must end at a word boundary ("5 mice" is not "5 mi").
bool WordEndFree(std::string_view text, size_t end) {
  if (end == 0 || end >= text.size()) return true;
  return !(IsWordByte(text[end - 1]) && IsWordByte(text[end]));
}

// A four-digit whole number that reads as a year.
bool IsYearLike(std::string_view number) {
  if (number.size() != 4) return false;
  for (char c : number) {
    if (!IsDigit(c)) return false;
  }
  int v = (number[0] - '0') * 1000 + (number[1] - '0') * 100 + (number[2] - '0') * 10 +
          (number[3] - '0');
  return v >= 1900 && v <= 2100;
}

class Builder {
 public:
  Builder(const std::string& text, const RuleSet& rules) : text_(text), rules_(rules) {
    lex_.unit = rules.lexicon("unit");
    lex_.unit_symbol = rules.lexicon("unit_symbol");
    lex_.age_unit = rules.lexicon("age_unit");
    lex_.post_bound = rules.lexicon("post_bound");
    lex_.time_word = rules.lexicon("time_word");
    lex_.currency_symbol = rules.lexicon("currency_symbol");
    lex_.scale = rules.lexicon("scale");
    lex_.money_scale = rules.lexicon("money_scale");
    lex_.number_word = rules.lexicon("number_word");
    lex_.vague = rules.lexicon("vague");
    lex_.modifier = rules.lexicon("modifier");
    lex_.not_counted = rules.lexicon("not_counted");
    lex_.not_after = rules.lexicon("not_after");
    lex_.subject_stop = rules.lexicon("subject_stop");
    lex_.determiner = rules.lexicon("determiner");
    lex_.per_time = rules.lexicon("per_time");
    lex_.glued_unit = rules.lexicon("glued_unit");
    lex_.temperature_cue = rules.lexicon("temperature_cue");
  }

  std::optional<Candidate> Build(const Match& m) const {
    if (m.Has("vague")) return BuildVague(m);
    if (m.Has("low") && m.Has("high")) return BuildRange(m);
    if (m.Has("amount2")) return BuildCompound(m);
    if (m.Has("aged") || m.Has("tail") || m.Has("yo")) return BuildAge(m);
    return BuildSingle(m);
  }

  // The noun phrase that starts at pos: up to kMaxSubjectWords words, leading
  // determiners dropped, ended by punctuation, digits, a stop word, or a past
  // participle after the first word ("fentanyl seized"). Returns [start, end).
  std::optional<std::pair<size_t, size_t>> NounPhrase(size_t pos) const {
    size_t start = std::string::npos;
    size_t end = 0;
    int words = 0;
    int determiners = 0;
    while (words < kMaxSubjectWords) {
      pos = SkipSpaces(text_, pos);
      std::string_view word = WordAt(text_, pos);
      if (word.empty()) break;
      std::string lower = AsciiLower(word);
      if (words == 0 && determiners < 2 && InLexicon(lex_.determiner, lower)) {
        ++determiners;
        pos += word.size();
        continue;
      }
      if (InLexicon(lex_.subject_stop, lower)) break;
      if (words > 0 && lower.size() >= 4 && lower.ends_with("ed")) break;
      if (start == std::string::npos) start = pos;
      end = pos + word.size();
      ++words;
      pos = end;
      if (pos < text_.size() && !IsSpace(text_[pos])) break;  // punctuation ends it
    }
    if (start == std::string::npos) return std::nullopt;
    return std::make_pair(start, end);
  }

  // "of X" (or "worth of X") right after pos: X's noun phrase.
  std::optional<std::pair<size_t, size_t>> SubjectAfterOf(size_t pos) const {
    pos = SkipSpaces(text_, pos);
    std::string_view word = WordAt(text_, pos);
    if (AsciiLower(word) == "worth") {
      pos = SkipSpaces(text_, pos + word.size());
      word = WordAt(text_, pos);
    }
    if (AsciiLower(word) != "of") return std::nullopt;
    return NounPhrase(pos + word.size());
  }

  std::string Slice(size_t start, size_t end) const { return text_.substr(start, end - start); }

 private:
  std::optional<double> Amount(std::string_view text) const {
    if (auto v = ParseNumber(text)) return v;
    return ParseSpelledNumber(text, [this](std::string_view w) -> std::optional<NumberWord> {
      const LexiconEntry* entry = Find(lex_.number_word, w);
      auto value = AttrNumber(entry, "value");
      if (!value) return std::nullopt;
      return NumberWord{*value, entry->attr("multiplier") == "true"};
    });
  }

  // A unit written after a number: a word (any case), a symbol (exact case), or,
  // for the age rule, a unit of age.
  const LexiconEntry* FindUnit(std::string_view text) const {
    if (const LexiconEntry* e = Find(lex_.unit, text)) return e;
    if (const LexiconEntry* e = Find(lex_.unit_symbol, text)) return e;
    return Find(lex_.age_unit, text);
  }

  // True when a number in words opens with a multiplier ("million", "thousand"), which
  // then multiplies a figure written before it.
  bool StartsWithMultiplier(std::string_view spelled) const {
    size_t end = 0;
    while (end < spelled.size() && extract_internal::IsAsciiAlpha(spelled[end])) ++end;
    const LexiconEntry* entry = Find(lex_.number_word, AsciiLower(spelled.substr(0, end)));
    return entry != nullptr && entry->attr("multiplier") == "true";
  }

  // "a thousand choices", "a million reasons": "a" and one scale word alone are mostly
  // a manner of speaking, not a figure ("two million", "half a million" are figures).
  static bool FigureOfSpeech(std::string_view spelled) {
    const std::string lower = AsciiLower(spelled);
    const size_t space = lower.find_first_of(" \t\n");
    if (space == std::string::npos) return false;
    const std::string_view first = std::string_view(lower).substr(0, space);
    const std::string_view rest = std::string_view(lower).substr(space + 1);
    return (first == "a" || first == "an") && rest.find_first_of(" \t\n-") == std::string::npos;
  }

  // -1 for a minus sign or word in the capture, else 1.
  static double Sign(const Capture* neg) { return neg == nullptr ? 1.0 : -1.0; }

  // Multiplier of a scale capture, or nullopt when the capture is no scale word here
  // (a money-only scale without money, or glued to a following letter).
  std::optional<double> Scale(const Capture* scale, bool money) const {
    if (scale == nullptr) return 1.0;
    if (!WordEndFree(text_, scale->end)) return std::nullopt;
    if (auto v = AttrNumber(Find(lex_.scale, scale->text), "multiplier")) return v;
    if (money) return AttrNumber(Find(lex_.money_scale, scale->text), "multiplier");
    return std::nullopt;
  }

  void ApplyModifier(const Match& m, Candidate* c) const {
    const Capture* mod = m.Get("mod");
    if (mod == nullptr || ModGlued(m)) return;
    const LexiconEntry* entry = Find(lex_.modifier, mod->text);
    if (entry == nullptr) return;
    if (entry->attr("approx") == "true") c->q.approx = true;
    const std::string& bound = entry->attr("bound");
    if ((bound == "low" || bound == "both") && !c->q.low) c->q.low = c->q.value;
    if ((bound == "high" || bound == "both") && !c->q.high) c->q.high = c->q.value;
  }

  // "500 or more": the bound word after the number.
  void ApplyPostBound(const Match& m, Candidate* c) const {
    const LexiconEntry* entry = Find(lex_.post_bound, m.Group("post"));
    if (entry == nullptr) return;
    c->q.approx = true;
    if (entry->attr("bound") == "low") c->q.low = c->q.value;
    if (entry->attr("bound") == "high") c->q.high = c->q.value;
  }

  // True when the modifier of m makes its number a bound ("more than", "up to").
  bool HasBound(const Match& m) const {
    if (m.Has("post")) return Find(lex_.post_bound, m.Group("post")) != nullptr;
    const LexiconEntry* entry = Find(lex_.modifier, m.Group("mod"));
    return entry != nullptr && !entry->attr("bound").empty();
  }

  // Fills unit, dimension and si_* from a unit lexicon entry.
  void SetUnit(const LexiconEntry& unit, Candidate* c) const {
    c->q.unit = unit.attr("name");
    c->q.dimension = unit.attr("dimension", "other");
    c->q.si_unit = unit.attr("si_unit");
    double factor = AttrNumber(&unit, "factor").value_or(1.0);
    double offset = AttrNumber(&unit, "offset").value_or(0.0);
    c->q.si_value = c->q.value * factor + offset;
  }

  // "50 km/ms": the measure divided by a unit of time. Lengths become speeds; other
  // measures a rate of dimension "other" (e.g. "m3/s"). False for what is no measure.
  bool PerTime(const Capture& per, Candidate* c) const {
    const LexiconEntry* entry = Find(lex_.per_time, per.text);
    auto seconds = AttrNumber(entry, "factor");
    const std::string& dimension = c->q.dimension;
    if (!seconds || *seconds <= 0 || c->q.si_unit.empty() || dimension == "currency" ||
        dimension == "percent" || dimension == "temperature" || dimension == "count" ||
        dimension == "speed" || dimension == "duration") {
      return false;
    }
    c->q.unit += " per " + entry->attr("name");
    c->q.dimension = dimension == "length" ? "speed" : "other";
    c->q.si_unit += "/s";
    if (c->q.si_value) *c->q.si_value /= *seconds;
    c->end = per.end;
    return true;
  }

  void SetCurrency(const LexiconEntry& currency, Candidate* c) const {
    c->q.unit = currency.attr("name");
    c->q.dimension = "currency";
    c->q.si_unit = currency.attr("si_unit");
    // "MEUR 5": a sign may stand for millions of its currency.
    c->q.si_value = c->q.value * AttrNumber(&currency, "factor").value_or(1.0);
  }

  void SetCount(Candidate* c) const {
    c->q.unit.clear();
    c->q.dimension = "count";
    c->q.si_unit.clear();
    c->q.si_value = c->q.value;
  }

  // True when the word before a bare number makes it something other than a count
  // ("May 13", "No. 5").
  bool PrecededByNonCountWord(size_t start) const {
    std::string_view before = WordBefore(text_, start);
    if (before.empty()) return false;
    return InLexicon(lex_.not_after, before) ||
           (start >= 1 && text_[start - 1] == '.' &&
            InLexicon(lex_.not_after, std::string(before) + "."));
  }

  // True when a currency sign ends right before start (spaces allowed): the number is
  // money, and a count reading of it ("$48 million contract") must give way.
  bool PrecededByCurrency(size_t start) const { return CurrencyBefore(start) != std::string::npos; }

  // Where the currency sign that ends right before start (spaces allowed) begins, or npos.
  size_t CurrencyBefore(size_t start) const {
    if (lex_.currency_symbol == nullptr) return std::string::npos;
    size_t end = start;
    while (end > 0 && IsSpace(text_[end - 1])) --end;
    std::string_view before(text_.data(), end);
    for (const LexiconEntry& entry : lex_.currency_symbol->entries()) {
      for (const std::string& form : entry.forms) {
        if (before.ends_with(form)) return end - form.size();
      }
    }
    return std::string::npos;
  }

  // A currency code or letter sign ("R", "Rs", "QR", "KSh") stands for money only as a
  // word of its own: not inside one ("HR 1234", "SAR" read as "R") and not as the head
  // of an identifier ("R2-D2"). Signs such as "$" need no such check.
  bool LetterSignGlued(const Capture& sign, size_t number_end) const {
    if (sign.text.empty() || !extract_internal::IsAsciiAlpha(sign.text[0])) return false;
    if (sign.start > 0 && IsWordByte(text_[sign.start - 1])) return true;
    if (number_end < text_.size()) {  // npos: the left side only
      const char next = text_[number_end];
      if (extract_internal::IsAsciiAlpha(next)) return true;
      if (next == '-' && number_end + 1 < text_.size() && IsWordByte(text_[number_end + 1]))
        return true;
    }
    return false;
  }

  // True when a word of the temperature_cue lexicon stands within kCueWindow bytes of
  // [start, end), in the same paragraph.
  bool NearTemperatureCue(size_t start, size_t end) const {
    constexpr size_t kCueWindow = 60;
    size_t from = start > kCueWindow ? start - kCueWindow : 0;
    size_t to = std::min(text_.size(), end + kCueWindow);
    const size_t before = text_.rfind('\n', start);
    if (before != std::string::npos && before >= from) from = before + 1;
    const size_t after = text_.find('\n', end);
    if (after != std::string::npos && after < to) to = after;
    size_t pos = from;
    while (pos < to) {
      if (!extract_internal::IsAsciiAlpha(text_[pos])) {
        ++pos;
        continue;
      }
      size_t word_end = pos;
      while (word_end < to && extract_internal::IsAsciiAlpha(text_[word_end])) ++word_end;
      if (InLexicon(lex_.temperature_cue, std::string_view(text_).substr(pos, word_end - pos)))
        return true;
      pos = word_end;
    }
    return false;
  }

  // A glued "40C" or "104F" is a temperature when nothing marks it as something else:
  // no label word before it ("Class 5C"), no "/" after it ("14.7C/"), and a minus
  // sign or a temperature word near it.
  bool GluedTemperatureOk(size_t number_start, size_t unit_end, bool negative) const {
    if (PrecededByNonCountWord(number_start)) return false;
    if (unit_end < text_.size() && (text_[unit_end] == '/' || text_[unit_end] == '-')) return false;
    return negative || NearTemperatureCue(number_start, unit_end);
  }

  // True when the number at start has a currency sign of its own before it: glued to
  // it, or one that no earlier number claims ("$10", "rmb 10", not the "$" of "10 $ 30").
  bool OwnCurrencyBefore(size_t start) const {
    const size_t sign = CurrencyBefore(start);
    if (sign == std::string::npos) return false;
    const bool glued = start > 0 && !IsSpace(text_[start - 1]);
    return glued || !PrecededByNumber(sign);
  }

  // True when a currency sign, code or word follows pos (spaces allowed): "20 usd",
  // "30 $".
  bool FollowedByCurrency(size_t pos) const {
    pos = SkipSpaces(text_, pos);
    if (pos >= text_.size()) return false;
    std::string_view word = WordAt(text_, pos);
    if (const LexiconEntry* e = word.empty() ? nullptr : FindUnit(word)) {
      if (e->attr("dimension") == "currency") return true;
    }
    if (lex_.currency_symbol == nullptr || IsWordByte(text_[pos])) return false;
    for (const LexiconEntry& entry : lex_.currency_symbol->entries()) {
      for (const std::string& form : entry.forms) {
        if (text_.compare(pos, form.size(), form) == 0) return true;
      }
    }
    return false;
  }

  // True when a number other than a year ends right before start, with only spaces
  // between ("10 $ 30").
  bool PrecededByNumber(size_t start) const {
    size_t end = start;
    while (end > 0 && text_[end - 1] == ' ') --end;
    if (end == start || end == 0 || !IsDigit(text_[end - 1])) return false;
    size_t begin = end;
    while (begin > 0 &&
           (IsDigit(text_[begin - 1]) || text_[begin - 1] == '.' || text_[begin - 1] == ',')) {
      --begin;
    }
    return !IsYearLike(std::string_view(text_).substr(begin, end - begin));
  }

  // A counted noun: a word that is not a function word, verb, time unit or scale word ("6
  // million Sentra cars" counts cars, not millions).
  bool IsCountedNoun(std::string_view noun) const {
    return !noun.empty() && !InLexicon(lex_.not_counted, noun) && !InLexicon(lex_.unit, noun) &&
           !InLexicon(lex_.scale, noun);
  }

  // A modifier glued to the word before it ("moreover 5") is not one.
  bool ModGlued(const Match& m) const {
    const Capture* mod = m.Get("mod");
    return mod != nullptr && mod->start > 0 && IsWordByte(text_[mod->start - 1]) &&
           IsWordByte(text_[mod->start]);
  }

  Candidate Start(const Match& m) const {
    Candidate c;
    c.start = m.start;
    if (ModGlued(m)) {
      // Start at what follows the modifier.
      c.start = SkipSpaces(text_, m.Get("mod")->end);
    }
    c.end = m.end;
    c.priority = m.rule->priority;
    c.rule_index = m.rule_index;
    c.q.rule = m.rule->id;
    c.q.ruleset_version = rules_.version();
    return c;
  }

  // The number of a single-figure match, signed.
  struct SingleNumber {
    const Capture* amount = nullptr;
    const Capture* neg = nullptr;  // the minus sign, null when there is none
    double value = 0;
    bool in_words = false;  // "two million"
    bool dash = false;      // a "-" before it is a dash, not a minus: the figure starts at amount
  };

  // True when the "-" of neg is a dash, not a minus.
  bool DashNotMinus(const Match& m, const Capture& neg) const {
    // "a 75 -300mm lens": a dash after a number, not a minus.
    size_t before = neg.start;
    while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t')) --before;
    bool dash = before > 0 && IsDigit(text_[before - 1]);
    // "- 20 degrees": a minus apart from its number only in a temperature; elsewhere
    // ("Item - 5 dollars") a dash.
    if (neg.text.size() > 1) {
      const Capture* unit = m.Get("unit");
      const LexiconEntry* entry = unit != nullptr ? FindUnit(unit->text) : nullptr;
      if (entry == nullptr || entry->attr("dimension") != "temperature") dash = true;
    }
    return dash;
  }

  // The number of m, or nullopt when it is glued to what stands around it or unreadable.
  std::optional<SingleNumber> SingleNumberOf(const Match& m) const {
    SingleNumber n;
    n.amount = m.Get("amount");
    const Capture* amount = n.amount;
    if (amount == nullptr) return std::nullopt;
    n.in_words = !ParseNumber(amount->text).has_value();
    const Capture* sign = m.Get("currency");
    // A currency code may be glued to its amount ("USD115"), nothing else may.
    const bool glued_to_currency = sign != nullptr && sign->end == amount->start;
    if (!n.in_words && ((!glued_to_currency && !LeftFree(text_, amount->start)) ||
                        !RightFree(text_, amount->end))) {
      return std::nullopt;
    }
    if (glued_to_currency && amount->start > 0 && IsDigit(text_[amount->start - 1]))
      return std::nullopt;
    auto value = Amount(amount->text);
    if (!value) return std::nullopt;
    const Capture* neg = m.Get("neg");
    if (neg != nullptr && neg->text == "-" && neg->start > 0 &&
        (IsWordByte(text_[neg->start - 1]) || text_[neg->start - 1] == '-')) {
      return std::nullopt;  // "COVID-19", "38-40": a dash, not a minus
    }
    if (neg != nullptr && neg->text.starts_with("-")) {
      n.dash = DashNotMinus(m, *neg);
      if (n.dash) {
        if (m.Has("mod")) return std::nullopt;
        neg = nullptr;
      }
    }
    n.neg = neg;
    n.value = *value * Sign(neg);
    return n;
  }

  // The captures of a single-figure match past its number.
  struct SingleParts {
    const Capture* currency = nullptr;
    const Capture* unit = nullptr;
    const Capture* noun = nullptr;
    const Capture* scale = nullptr;  // null when the capture is no scale word here
    size_t number_end = 0;           // after the scale word, if any
  };

  // Money: the currency sign or code decides whose the number is. False when it is none.
  bool SingleMoney(const SingleNumber& n, const SingleParts& p, Candidate* c,
                   size_t* subject_from) const {
    const Capture* amount = n.amount;
    const Capture* currency = p.currency;
    const LexiconEntry* entry = Find(lex_.currency_symbol, currency->text);
    if (entry == nullptr) return false;
    if (currency->start < amount->start && LetterSignGlued(*currency, p.number_end)) {
      // "Plus $50": the letters belong to a word, but a sign after them may still
      // stand ("$"); "HR 1234" has none.
      entry = nullptr;
      for (size_t k = 1; k < currency->text.size() && entry == nullptr; ++k) {
        const char ch = currency->text[k];
        if (extract_internal::IsAsciiAlpha(ch) || ch == ' ') continue;
        if (IsUtf8ContinuationByte(ch)) continue;  // inside a UTF-8 sequence
        entry = Find(lex_.currency_symbol, std::string_view(currency->text).substr(k));
        if (entry != nullptr) c->start = currency->start + k;
      }
      if (entry == nullptr) return false;
    }
    if (currency->start > amount->start) {
      // "1 $10": a sign glued to the next number is that number's; "rmb 10 $": the
      // number has its sign already.
      if (currency->end < text_.size() && IsDigit(text_[currency->end])) return false;
      if (OwnCurrencyBefore(amount->start)) return false;
    } else if (currency->end < amount->start && PrecededByNumber(currency->start) &&
               FollowedByCurrency(p.number_end)) {
      // "10 rmb 20 usd", "10 $ 30 $": the sign between two numbers belongs to the
      // first, since the second has its own.
      return false;
    }
    SetCurrency(*entry, c);
    c->end = currency->start > amount->start ? currency->end : p.number_end;
    *subject_from = c->end;
    return true;
  }

  // A measure in a unit (or money named by a word). False when the unit is none here.
  bool SingleMeasure(const Match& m, const SingleNumber& n, const SingleParts& p, Candidate* c,
                     size_t* subject_from) const {
    const Capture* unit = p.unit;
    const bool glued = m.rule->Emit("glued") == "true";
    const LexiconEntry* entry = glued ? Find(lex_.glued_unit, unit->text) : FindUnit(unit->text);
    if (entry == nullptr || !WordEndFree(text_, unit->end)) return false;
    if (glued && entry->attr("dimension") == "temperature" &&
        !GluedTemperatureOk(n.neg != nullptr ? n.neg->start : n.amount->start, unit->end,
                            n.neg != nullptr)) {
      return false;
    }
    // "361 million pounds" is money; "2 million pounds of beef" is not.
    if (p.scale != nullptr && !entry->attr("scaled_as").empty() && !SubjectAfterOf(unit->end)) {
      if (const LexiconEntry* scaled = FindUnit(entry->attr("scaled_as"))) entry = scaled;
    }
    SetUnit(*entry, c);
    // "$10 dollars": the sign already made the number money; the word repeats it.
    if (c->q.dimension == "currency" && OwnCurrencyBefore(n.amount->start)) return false;
    c->end = unit->end;
    if (p.scale != nullptr && p.scale->start > unit->start) {
      // "75 USD million": only a currency takes its scale word after it.
      if (c->q.dimension != "currency") return false;
      c->end = p.scale->end;
    }
    if (const Capture* per = m.Get("per")) {
      if (!PerTime(*per, c)) return false;
    }
    *subject_from = c->end;
    return true;
  }

  // A count of a noun ("6 million cars", "500 of the"). False when it is none.
  bool SingleCount(const Match& m, const SingleNumber& n, const SingleParts& p, Candidate* c,
                   size_t* subject_from) const {
    const Capture* amount = n.amount;
    const Capture* noun = p.noun;
    if (p.scale == nullptr && IsYearLike(amount->text)) return false;
    // A number in words counts only when large ("two million visitors"): small ones
    // are mostly not figures ("one of the", "two of them", "three companies").
    // "$48.2 million army contract": a scale word after a figure is no number of its own.
    const bool large_spelled = m.rule->Emit("spelled_count") == "true" && n.value >= 1000 &&
                               !StartsWithMultiplier(amount->text) &&
                               !FigureOfSpeech(amount->text) && !PrecededByNumber(amount->start) &&
                               !PrecededByCurrency(amount->start) &&
                               !InLexicon(lex_.number_word, noun->text);
    if ((n.in_words && !large_spelled) || PrecededByNonCountWord(c->start) ||
        PrecededByCurrency(amount->start)) {
      return false;
    }
    SetCount(c);
    if (AsciiLower(noun->text) == "of") {
      c->end = p.number_end;
      *subject_from = c->end;
      return true;
    }
    if (!IsCountedNoun(noun->text)) return false;
    auto np = NounPhrase(noun->start);
    if (!np || np->first != noun->start) return false;
    c->q.subject = Slice(np->first, np->second);
    c->end = np->second;
    return true;
  }

  // "more than 500", "five or more": a bound on a figure whose subject is elsewhere. False
  // when the number is no such figure.
  bool SingleBareBound(const Match& m, const SingleNumber& n, const SingleParts& p, Candidate* c,
                       size_t* subject_from) const {
    const Capture* amount = n.amount;
    if (p.scale == nullptr && IsYearLike(amount->text)) return false;
    // "up to three-fifths": the number is the start of a fraction, not a count.
    if (amount->end + 1 < text_.size() && text_[amount->end] == '-' &&
        extract_internal::IsAsciiAlpha(text_[amount->end + 1])) {
      return false;
    }
    if (PrecededByCurrency(amount->start) || PrecededByNonCountWord(amount->start)) return false;
    if (m.Has("post")) {
      // "40 and less than 10": the bound word compares the next figure, not this one.
      const size_t after = SkipSpaces(text_, m.end);
      if (after < text_.size() && (AsciiLower(WordAt(text_, after)) == "than" ||
                                   (text_[after] >= '0' && text_[after] <= '9'))) {
        return false;
      }
    }
    SetCount(c);
    c->end = m.rule->Emit("span") == "match" ? m.end : p.number_end;
    *subject_from = c->end;
    const size_t next = SkipSpaces(text_, c->end);
    std::string_view next_word = WordAt(text_, next);
    if (InLexicon(lex_.time_word, next_word)) return false;
    // "at least fourteen people": the counted noun right after the bound.
    if (m.Has("mod") && !next_word.empty() && IsCountedNoun(AsciiLower(next_word)) &&
        IsAsciiLower(next_word[0])) {
      if (auto np = NounPhrase(next)) {
        c->q.subject = Slice(np->first, np->second);
        *subject_from = std::string::npos;
      }
    }
    return true;
  }

  std::optional<Candidate> BuildSingle(const Match& m) const {
    const std::optional<SingleNumber> n = SingleNumberOf(m);
    if (!n) return std::nullopt;
    Candidate c = Start(m);
    if (n->dash) c.start = n->amount->start;
    SingleParts p;
    p.currency = m.Get("currency");
    p.unit = m.Get("unit");
    p.noun = m.Get("noun");
    p.scale = m.Get("scale");
    auto multiplier = Scale(p.scale, p.currency != nullptr);
    p.number_end = n->amount->end;
    if (multiplier) {
      if (p.scale != nullptr) p.number_end = p.scale->end;
    } else {
      // Not a scale word here: the match stops at the number, unless the rule needs
      // what came after it.
      if (p.unit != nullptr || p.noun != nullptr) return std::nullopt;
      multiplier = 1.0;
      p.scale = nullptr;
    }
    c.q.value = n->value * *multiplier;
    size_t subject_from = std::string::npos;
    bool read = false;
    if (p.currency != nullptr) {
      read = SingleMoney(*n, p, &c, &subject_from);
    } else if (p.unit != nullptr) {
      read = SingleMeasure(m, *n, p, &c, &subject_from);
    } else if (p.noun != nullptr) {
      read = SingleCount(m, *n, p, &c, &subject_from);
    } else if (m.rule->Emit("bare_bound") == "true" && HasBound(m) && !ModGlued(m)) {
      read = SingleBareBound(m, *n, p, &c, &subject_from);
    } else if (p.scale != nullptr) {
      read = !PrecededByCurrency(n->amount->start);
      SetCount(&c);
      c.end = p.number_end;
      subject_from = c.end;
    }
    if (!read) return std::nullopt;  // a bare number is never a quantity
    ApplyModifier(m, &c);
    ApplyPostBound(m, &c);
    if (subject_from != std::string::npos) {
      if (auto np = SubjectAfterOf(subject_from)) c.q.subject = Slice(np->first, np->second);
    }
    return c;
  }

  // The noun phrase a `noun` capture starts, when it is a counted noun.
  std::optional<std::pair<size_t, size_t>> CountedNounAt(const Capture* noun) const {
    if (noun == nullptr || !IsCountedNoun(noun->text)) return std::nullopt;
    auto np = NounPhrase(noun->start);
    if (!np || np->first != noun->start) return std::nullopt;
    return np;
  }

  // Two bounds ("more than 20 and less than 30"): one must be a lower and the other an
  // upper bound, in either order.
  std::optional<Candidate> BuildBounds(const Match& m, double low, double high) const {
    const LexiconEntry* first = Find(lex_.modifier, m.Group("mod"));
    const LexiconEntry* second = Find(lex_.modifier, m.Group("mod2"));
    if (first == nullptr || second == nullptr || ModGlued(m)) return std::nullopt;
    const std::string& b1 = first->attr("bound");
    const std::string& b2 = second->attr("bound");
    if (b1 == "high" && b2 == "low") {
      std::swap(low, high);
    } else if (!(b1 == "low" && b2 == "high")) {
      return std::nullopt;
    }
    // "more than 40 and less than 10" bounds no single figure: read as two quantities.
    if (low > high) return std::nullopt;
    Candidate c = Start(m);
    c.q.low = low;
    c.q.high = high;
    c.q.value = low;
    c.q.approx = true;
    SetCount(&c);
    c.q.si_value = c.q.value;
    c.end = m.end;
    return c;
  }

  // False when the units of a range's ends disagree: "fell 3.38% to $55.12" (a unit on the
  // low end needs the same unit on the high end), "5kg-10m"; "5.25%-5.5%" is a range.
  bool RangeUnitsAgree(const Match& m, const Capture* currency) const {
    const Capture* low_unit = m.Get("low_unit");
    if (low_unit == nullptr) return true;
    const Capture* high_unit = m.Get("unit");
    if (high_unit == nullptr || currency != nullptr) return false;
    const LexiconEntry* a = FindUnit(low_unit->text);
    const LexiconEntry* b = FindUnit(high_unit->text);
    return a != nullptr && b != nullptr && a->attr("name") == b->attr("name");
  }

  // What a range measures or counts, and where it ends; false when it is none of these.
  bool SetRangeKind(const Match& m, const Capture* currency, const Capture* unit, size_t number_end,
                    Candidate* c) const {
    const Capture* glued_unit = m.Get("glued_unit");
    const Capture* low_unit = m.Get("low_unit");
    // Rules whose wording already says "range" ("between 20 and 30") may stand without
    // a unit or a counted noun; a bare "20-30" may not (scores, identifiers).
    const bool bare_allowed = m.rule->Emit("bare_range") == "true";
    if (currency != nullptr) {
      const LexiconEntry* entry = Find(lex_.currency_symbol, currency->text);
      if (entry == nullptr) return false;
      const Capture* low_currency = m.Get("low_currency");
      // A letter sign inside a word is no sign (left side only: a range's end follows).
      if (low_currency != nullptr && LetterSignGlued(*low_currency, std::string::npos))
        return false;
      SetCurrency(*entry, c);
      c->end = number_end;
    } else if (glued_unit != nullptr && low_unit == nullptr) {
      // "20-30C": the letter glued to the high end is the unit of both.
      const LexiconEntry* entry = Find(lex_.glued_unit, glued_unit->text);
      if (entry == nullptr || !GluedTemperatureOk(c->start, glued_unit->end, *c->q.low < 0))
        return false;
      SetUnit(*entry, c);
      c->end = glued_unit->end;
    } else if (unit != nullptr && m.Get("unit") != nullptr) {
      const LexiconEntry* entry = FindUnit(unit->text);
      if (entry == nullptr || !WordEndFree(text_, unit->end)) return false;
      SetUnit(*entry, c);
      c->end = unit->end;
    } else if (unit != nullptr) {
      // Only the low end has a unit ("between 20 kg and 30"): keep the unit for both.
      const LexiconEntry* entry = FindUnit(unit->text);
      if (entry == nullptr) return false;
      SetUnit(*entry, c);
      c->end = number_end;
    } else if (auto np = CountedNounAt(m.Get("noun")); np && !PrecededByNonCountWord(c->start)) {
      SetCount(c);
      c->q.subject = Slice(np->first, np->second);
      c->end = np->second;
    } else if (bare_allowed && !PrecededByNonCountWord(c->start)) {
      SetCount(c);
      c->end = number_end;
    } else {
      return false;
    }
    return true;
  }

  std::optional<Candidate> BuildRange(const Match& m) const {
    const Capture* low = m.Get("low");
    const Capture* high = m.Get("high");
    if (!LeftFree(text_, low->start) || !RightFree(text_, high->end)) return std::nullopt;
    auto low_value = Amount(low->text);
    auto high_value = Amount(high->text);
    if (!low_value || !high_value) return std::nullopt;
    *low_value *= Sign(m.Get("lneg"));
    *high_value *= Sign(m.Get("hneg"));
    if (m.rule->Emit("bounds") == "true") return BuildBounds(m, *low_value, *high_value);
    const Capture* currency = m.Get("currency");
    if (currency == nullptr) currency = m.Get("low_currency");
    const Capture* unit = m.Get("unit");
    if (unit == nullptr) unit = m.Get("low_unit");
    const Capture* scale = m.Get("scale");
    const Capture* low_scale = m.Get("low_scale");
    bool money = currency != nullptr;
    auto high_mult = Scale(scale, money);
    if (!high_mult) return std::nullopt;
    auto low_mult = low_scale != nullptr ? Scale(low_scale, money) : high_mult;
    if (!low_mult) return std::nullopt;

    Candidate c = Start(m);
    // "fell from 30 to 20": low and high are the range's ends, in either order written.
    c.q.low = std::min(*low_value * *low_mult, *high_value * *high_mult);
    c.q.high = std::max(*low_value * *low_mult, *high_value * *high_mult);
    c.q.value = *c.q.low;
    const size_t number_end = scale != nullptr ? scale->end : high->end;
    if (IsYearLike(low->text) && IsYearLike(high->text)) return std::nullopt;
    // "2024-25 budget": a span of years, not a count.
    if (IsYearLike(low->text) && currency == nullptr && unit == nullptr) return std::nullopt;
    if (!RangeUnitsAgree(m, currency)) return std::nullopt;
    if (!SetRangeKind(m, currency, unit, number_end, &c)) return std::nullopt;
    ApplyModifier(m, &c);
    if (!c.q.subject) {
      if (auto np = SubjectAfterOf(c.end)) c.q.subject = Slice(np->first, np->second);
    }
    return c;
  }

  // "5 feet 2 inches", "3 dollars 50 cents", "15 dollars and 50": the larger unit's
  // value plus the smaller one's, in the larger unit.
  std::optional<Candidate> BuildCompound(const Match& m) const {
    const Capture* amount = m.Get("amount");
    const Capture* unit = m.Get("unit");
    const Capture* amount2 = m.Get("amount2");
    const Capture* unit2 = m.Get("unit2");
    if (amount == nullptr || unit == nullptr || amount2 == nullptr) return std::nullopt;
    if (!LeftFree(text_, amount->start) || !WordEndFree(text_, unit->end)) return std::nullopt;
    // "rmb 10 usd 20": the first number has its currency already; the second is apart.
    if (OwnCurrencyBefore(amount->start)) return std::nullopt;
    auto a = Amount(amount->text);
    auto b = Amount(amount2->text);
    const LexiconEntry* big = FindUnit(unit->text);
    if (!a || !b || big == nullptr || big->attr("sub").empty()) return std::nullopt;
    const LexiconEntry* small = FindUnit(big->attr("sub"));
    if (small == nullptr) return std::nullopt;
    if (unit2 != nullptr) {
      // "in" only ever abbreviates inches here.
      const LexiconEntry* written =
          unit2->text == "in" ? FindUnit("inches") : FindUnit(unit2->text);
      if (written == nullptr || written->attr("name") != small->attr("name") ||
          !WordEndFree(text_, unit2->end)) {
        return std::nullopt;
      }
    } else {
      // "15 dollars 50" but not "15 dollars 50 people".
      if (!RightFree(text_, amount2->end) ||
          !WordAt(text_, SkipSpaces(text_, amount2->end)).empty()) {
        return std::nullopt;
      }
    }
    auto f_big = AttrNumber(big, "factor");
    auto f_small = AttrNumber(small, "factor");
    if (!f_big || !f_small || *f_big == 0 || *b >= *f_big / *f_small) return std::nullopt;
    Candidate c = Start(m);
    c.q.value = *a + *b * *f_small / *f_big;
    SetUnit(*big, &c);
    c.end = unit2 != nullptr ? unit2->end : amount2->end;
    return c;
  }

  // "29 years old", "a 5-year-old", "aged 87": an age, as a duration.
  std::optional<Candidate> BuildAge(const Match& m) const {
    const Capture* amount = m.Get("amount");
    if (amount == nullptr) amount = m.Get("age");
    if (amount == nullptr) return std::nullopt;
    auto value = Amount(amount->text);
    const Capture* unit = m.Get("unit");
    const LexiconEntry* entry =
        Find(lex_.age_unit, unit != nullptr ? unit->text : std::string_view("years"));
    if (!value || entry == nullptr || *value <= 0 || *value > 100000) return std::nullopt;
    Candidate c = Start(m);
    c.q.value = *value;
    SetUnit(*entry, &c);
    c.end = m.end;
    ApplyModifier(m, &c);
    return c;
  }

  std::optional<Candidate> BuildVague(const Match& m) const {
    const Capture* vague = m.Get("vague");
    auto value = AttrNumber(Find(lex_.vague, vague->text), "value");
    if (!value) return std::nullopt;
    Candidate c = Start(m);
    c.q.value = *value;
    c.q.low = *value;
    c.q.approx = true;
    if (const Capture* unit = m.Get("unit")) {
      const LexiconEntry* entry = FindUnit(unit->text);
      if (entry == nullptr || !WordEndFree(text_, unit->end)) return std::nullopt;
      SetUnit(*entry, &c);
      c.end = unit->end;
      if (auto np = SubjectAfterOf(c.end)) c.q.subject = Slice(np->first, np->second);
    } else if (const Capture* noun = m.Get("noun")) {
      auto np = NounPhrase(noun->start);
      if (!np) return std::nullopt;
      SetCount(&c);
      c.q.subject = Slice(np->first, np->second);
      c.end = np->second;
    } else {
      return std::nullopt;
    }
    ApplyModifier(m, &c);
    return c;
  }

  const std::string& text_;
  const RuleSet& rules_;
  Lexicons lex_;
};

// "A (B)": B restates A when only an opening parenthesis separates them, a closing one
// follows B, and both measure the same dimension. Returns the position after ")" or
// npos.
size_t RestatementEnd(const std::string& text, const Candidate& a, const Candidate& b) {
  if (a.q.dimension != b.q.dimension || a.q.dimension == "count") return std::string::npos;
  size_t pos = SkipSpaces(text, a.end);
  if (pos >= text.size() || text[pos] != '(') return std::string::npos;
  if (SkipSpaces(text, pos + 1) != b.start) return std::string::npos;
  size_t close = SkipSpaces(text, b.end);
  if (close >= text.size() || text[close] != ')') return std::string::npos;
  return close + 1;
}

}  // namespace

void ExtractQuantities(const std::string& text, const rules::RuleSet& rules,
                       std::vector<Quantity>* out) {
  const std::vector<Match> matches = rules.FindAll(text);
  if (matches.empty()) return;  // most sentences: no lexicon lookups needed
  Builder builder(text, rules);
  std::vector<Candidate> candidates;
  for (const Match& m : matches) {
    if (auto c = builder.Build(m)) {
      if (c->end > c->start && c->end <= text.size()) candidates.push_back(std::move(*c));
    }
  }
  std::vector<size_t> chosen =
      extract_internal::SelectNonOverlapping(candidates, [](const Candidate& c) {
        return Ranked{c.start, c.end, c.priority, c.rule_index};
      });
  std::vector<Candidate> facts;
  facts.reserve(chosen.size());
  for (size_t i : chosen) facts.push_back(std::move(candidates[i]));
  std::stable_sort(facts.begin(), facts.end(), [](const Candidate& a, const Candidate& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.q.rule < b.q.rule;
  });

  const size_t base = out->size();
  for (size_t i = 1; i < facts.size(); ++i) {
    Candidate& a = facts[i - 1];
    Candidate& b = facts[i];
    size_t after = RestatementEnd(text, a, b);
    if (after == std::string::npos) continue;
    b.q.equivalent_of = static_cast<int>(base + i - 1);
    std::optional<std::string> subject = a.q.subject ? a.q.subject : b.q.subject;
    if (!subject) {
      if (auto np = builder.SubjectAfterOf(after)) subject = builder.Slice(np->first, np->second);
    }
    a.q.subject = subject;
    b.q.subject = subject;
  }

  for (Candidate& c : facts) {
    c.q.text = text.substr(c.start, c.end - c.start);
    c.q.span = Span{static_cast<int64_t>(c.start), static_cast<int64_t>(c.end)};
    out->push_back(std::move(c.q));
  }
}

}  // namespace newsfacts
