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

#include "extract/extract.h"
#include "extract/number.h"
#include "extract/text_util.h"

namespace newsfacts {
namespace {

using extract_internal::AsciiLower;
using extract_internal::IsDigit;
using extract_internal::IsSpace;
using extract_internal::IsWordByte;
using extract_internal::ParseAttrNumber;
using extract_internal::ParseNumber;
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

// Nothing glued to the left of a number: letters, digits, or the separators of dates,
// times, versions and identifiers ("12/01", "10:30", "COVID-19", "v.2").
bool LeftFree(std::string_view text, size_t start) {
  if (start == 0) return true;
  char p = text[start - 1];
  if (static_cast<unsigned char>(p) >= 0x80) {
    // Symbols and punctuation (U+0080..U+00BF, U+2000..U+2BFF: quotes, dashes, currency
    // signs) leave the number free; letters (é, ñ) are glued to it.
    size_t lead = start - 1;
    while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    unsigned char b0 = static_cast<unsigned char>(text[lead]);
    return b0 == 0xC2 || b0 == 0xE2;
  }
  if (IsWordByte(p) || p == '.' || p == '/' || p == ':' || p == '_' || p == '#') return false;
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
  int v = (number[0] - '0') * 1000 + (number[1] - '0') * 100 + (number[2] - '0') * 10 + (number[3] - '0');
  return v >= 1900 && v <= 2100;
}

class Builder {
 public:
  Builder(const std::string& text, const RuleSet& rules) : text_(text), rules_(rules) {
    lex_.unit = rules.lexicon("unit");
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
  }

  std::optional<Candidate> Build(const Match& m) const {
    if (m.Has("vague")) return BuildVague(m);
    if (m.Has("low") && m.Has("high")) return BuildRange(m);
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
    return AttrNumber(Find(lex_.number_word, text), "value");
  }

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
    if (mod == nullptr) return;
    const LexiconEntry* entry = Find(lex_.modifier, mod->text);
    if (entry == nullptr) return;
    if (entry->attr("approx") == "true") c->q.approx = true;
    const std::string& bound = entry->attr("bound");
    if (bound == "low" && !c->q.low) c->q.low = c->q.value;
    if (bound == "high" && !c->q.high) c->q.high = c->q.value;
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

  void SetCurrency(const LexiconEntry& currency, Candidate* c) const {
    c->q.unit = currency.attr("name");
    c->q.dimension = "currency";
    c->q.si_unit = currency.attr("si_unit");
    c->q.si_value = c->q.value;
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
           (start >= 1 && text_[start - 1] == '.' && InLexicon(lex_.not_after, std::string(before) + "."));
  }

  // True when a currency sign ends right before start (spaces allowed): the number is
  // money, and a count reading of it ("$48 million contract") must give way.
  bool PrecededByCurrency(size_t start) const {
    if (lex_.currency_symbol == nullptr) return false;
    size_t end = start;
    while (end > 0 && IsSpace(text_[end - 1])) --end;
    std::string_view before(text_.data(), end);
    for (const LexiconEntry& entry : lex_.currency_symbol->entries()) {
      for (const std::string& form : entry.forms) {
        if (before.ends_with(form)) return true;
      }
    }
    return false;
  }

  // A counted noun: a word that is not a function word, verb or time unit.
  bool IsCountedNoun(std::string_view noun) const {
    return !noun.empty() && !InLexicon(lex_.not_counted, noun) && !InLexicon(lex_.unit, noun);
  }

  Candidate Start(const Match& m) const {
    Candidate c;
    c.start = m.start;
    c.end = m.end;
    c.priority = m.rule->priority;
    c.rule_index = m.rule_index;
    c.q.rule = m.rule->id;
    c.q.ruleset_version = rules_.version();
    return c;
  }

  std::optional<Candidate> BuildSingle(const Match& m) const {
    const Capture* amount = m.Get("amount");
    if (amount == nullptr) return std::nullopt;
    bool is_word_number = !ParseNumber(amount->text).has_value();
    if (!is_word_number && (!LeftFree(text_, amount->start) || !RightFree(text_, amount->end))) {
      return std::nullopt;
    }
    auto value = Amount(amount->text);
    if (!value) return std::nullopt;
    Candidate c = Start(m);
    const Capture* currency = m.Get("currency");
    const Capture* unit = m.Get("unit");
    const Capture* noun = m.Get("noun");
    const Capture* scale = m.Get("scale");
    auto multiplier = Scale(scale, currency != nullptr);
    size_t number_end = amount->end;
    if (multiplier) {
      if (scale != nullptr) number_end = scale->end;
    } else {
      // Not a scale word here: the match stops at the number, unless the rule needs
      // what came after it.
      if (unit != nullptr || noun != nullptr) return std::nullopt;
      multiplier = 1.0;
      scale = nullptr;
    }
    c.q.value = *value * *multiplier;
    size_t subject_from = std::string::npos;

    if (currency != nullptr) {
      const LexiconEntry* entry = Find(lex_.currency_symbol, currency->text);
      if (entry == nullptr) return std::nullopt;
      SetCurrency(*entry, &c);
      c.end = number_end;
      subject_from = c.end;
    } else if (unit != nullptr) {
      const LexiconEntry* entry = Find(lex_.unit, unit->text);
      if (entry == nullptr || !WordEndFree(text_, unit->end)) return std::nullopt;
      SetUnit(*entry, &c);
      c.end = unit->end;
      subject_from = c.end;
    } else if (noun != nullptr) {
      if (scale == nullptr && IsYearLike(amount->text)) return std::nullopt;
      if (is_word_number || PrecededByNonCountWord(c.start) || PrecededByCurrency(amount->start)) {
        return std::nullopt;
      }
      SetCount(&c);
      if (AsciiLower(noun->text) == "of") {
        c.end = number_end;
        subject_from = c.end;
      } else {
        if (!IsCountedNoun(noun->text)) return std::nullopt;
        auto np = NounPhrase(noun->start);
        if (!np || np->first != noun->start) return std::nullopt;
        c.q.subject = Slice(np->first, np->second);
        c.end = np->second;
      }
    } else if (scale != nullptr) {
      if (PrecededByCurrency(amount->start)) return std::nullopt;
      SetCount(&c);
      c.end = number_end;
      subject_from = c.end;
    } else {
      return std::nullopt;  // a bare number is never a quantity
    }
    ApplyModifier(m, &c);
    if (subject_from != std::string::npos) {
      if (auto np = SubjectAfterOf(subject_from)) c.q.subject = Slice(np->first, np->second);
    }
    return c;
  }

  std::optional<Candidate> BuildRange(const Match& m) const {
    const Capture* low = m.Get("low");
    const Capture* high = m.Get("high");
    if (!LeftFree(text_, low->start) || !RightFree(text_, high->end)) return std::nullopt;
    auto low_value = ParseNumber(low->text);
    auto high_value = ParseNumber(high->text);
    if (!low_value || !high_value) return std::nullopt;
    const Capture* currency = m.Get("currency");
    if (currency == nullptr) currency = m.Get("low_currency");
    const Capture* unit = m.Get("unit");
    if (unit == nullptr) unit = m.Get("low_unit");
    const Capture* noun = m.Get("noun");
    const Capture* scale = m.Get("scale");
    const Capture* low_scale = m.Get("low_scale");
    bool money = currency != nullptr;
    auto high_mult = Scale(scale, money);
    if (!high_mult) return std::nullopt;
    auto low_mult = low_scale != nullptr ? Scale(low_scale, money) : high_mult;
    if (!low_mult) return std::nullopt;

    Candidate c = Start(m);
    c.q.low = *low_value * *low_mult;
    c.q.high = *high_value * *high_mult;
    c.q.value = *c.q.low;
    size_t number_end = scale != nullptr ? scale->end : high->end;
    // Rules whose wording already says "range" ("between 20 and 30") may stand without
    // a unit or a counted noun; a bare "20-30" may not (scores, identifiers).
    const bool bare_allowed = m.rule->Emit("bare_range") == "true";
    if (IsYearLike(low->text) && IsYearLike(high->text)) return std::nullopt;

    if (currency != nullptr) {
      const LexiconEntry* entry = Find(lex_.currency_symbol, currency->text);
      if (entry == nullptr) return std::nullopt;
      SetCurrency(*entry, &c);
      c.end = number_end;
    } else if (unit != nullptr && m.Get("unit") != nullptr) {
      const LexiconEntry* entry = Find(lex_.unit, unit->text);
      if (entry == nullptr || !WordEndFree(text_, unit->end)) return std::nullopt;
      SetUnit(*entry, &c);
      c.end = unit->end;
    } else if (unit != nullptr) {
      // Only the low end has a unit ("between 20 kg and 30"): keep the unit for both.
      const LexiconEntry* entry = Find(lex_.unit, unit->text);
      if (entry == nullptr) return std::nullopt;
      SetUnit(*entry, &c);
      c.end = number_end;
    } else if (noun != nullptr && IsCountedNoun(noun->text) && !PrecededByNonCountWord(c.start)) {
      SetCount(&c);
      auto np = NounPhrase(noun->start);
      if (!np || np->first != noun->start) return std::nullopt;
      c.q.subject = Slice(np->first, np->second);
      c.end = np->second;
    } else if (bare_allowed && !PrecededByNonCountWord(c.start)) {
      SetCount(&c);
      c.end = number_end;
    } else {
      return std::nullopt;
    }
    ApplyModifier(m, &c);
    if (!c.q.subject) {
      if (auto np = SubjectAfterOf(c.end)) c.q.subject = Slice(np->first, np->second);
    }
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
      const LexiconEntry* entry = Find(lex_.unit, unit->text);
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
  Builder builder(text, rules);
  std::vector<Candidate> candidates;
  for (const Match& m : rules.FindAll(text)) {
    if (auto c = builder.Build(m)) {
      if (c->end > c->start && c->end <= text.size()) candidates.push_back(std::move(*c));
    }
  }
  std::vector<size_t> chosen = extract_internal::SelectNonOverlapping(
      candidates, [](const Candidate& c) { return Ranked{c.start, c.end, c.priority, c.rule_index}; });
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
