// Attribution: the rules around a quotation, and what their match says.

#include "extract/quotes_attribution.h"

#include <re2/re2.h>

#include <algorithm>

#include "common/utf8.h"
#include "extract/people.h"
#include "extract/quotes_fragments.h"

namespace newsfacts::quotes {
namespace {

using rules::Capture;
using rules::Lexicon;
using rules::Match;
using rules::Rule;
using rules::RuleSet;

// The window before a quotation: its paragraph up to the opening mark, or, when the
// quotation opens the paragraph, the previous paragraph if that ends with ':'.
std::pair<size_t, size_t> BeforeWindow(std::string_view text, size_t open) {
  const size_t para = ParagraphStart(text, open);
  size_t from = open > kWindow ? std::max(para, open - kWindow) : para;
  bool blank = true;
  for (size_t k = from; k < open; ++k) {
    if (!IsSpaceByte(text[k])) blank = false;
  }
  if (!blank || para == 0) return {from, open};
  size_t end = para;
  while (end > 0 && IsSpaceByte(text[end - 1])) --end;
  if (end == 0 || text[end - 1] != ':') return {from, open};
  const size_t prev = ParagraphStart(text, end - 1);
  return {end > kWindow ? std::max(prev, end - kWindow) : prev, end};
}

// The object as the outlet's name: without a leading definite article before a capital
// ("the Border Ledger" -> "Border Ledger"; "the agency" stays).
std::string OutletName(std::string_view object, const Lexicon* definite_article) {
  std::string s = people::FoldSpaces(object);
  const size_t space = s.find(' ');
  if (space != std::string::npos && space + 2 < s.size() &&
      people::HasForm(definite_article, std::string_view(s).substr(0, space))) {
    if (people::StartsUpper(std::string_view(s).substr(space + 1))) return s.substr(space + 1);
  }
  return s;
}

// True for the dashes — and –.
bool IsDash(char32_t c) { return c == 0x2014 || c == 0x2013; }

// True for the double quotation marks “ ” „ ‟ (not for ’, which is also an apostrophe).
bool IsDoubleQuotationMark(char32_t c) { return c >= 0x201C && c <= 0x201F; }

// May the words between two parts of a quotation, after their attribution ends at
// `from`, be passed over? They may be punctuation, or the rest of the attributing
// sentence ("in an interview at the ministry."), but no quotation mark and no second
// sentence.
bool RestOfAttribution(std::string_view text, size_t from, size_t to) {
  if (to < from || to - from > 200) return false;
  bool ended = false;
  for (size_t k = from, after = from; k < to; k = after) {
    const char32_t c = DecodeUtf8(text, &after);
    if (c == '"' || c == '\n' || IsDoubleQuotationMark(c)) return false;
    if (ended && !IsSpaceByte(text[k])) {
      if (!IsDash(c)) return false;  // a second sentence
      continue;
    }
    if ((c == '.' || c == '!' || c == '?' || c == ';' || c == ':') &&
        (k + 1 >= to || IsSpaceByte(text[k + 1]))) {
      // A sentence ends where a capital, a mark or nothing follows: "Oct. 21" goes on.
      size_t next = k + 1;
      while (next < to && IsSpaceByte(text[next])) ++next;
      ended = next >= to || people::StartsUpper(text.substr(next));
    }
  }
  return true;
}

// Does the second part of a split quotation at `open` follow a pause: punctuation, or
// the attribution's own end (“A,” he said “B.”)? Not "“A,” Maley said on CNBC's “Trading
// Nation”", a title inside the attributing sentence.
bool OpensAfterPause(std::string_view text, size_t attribution_end, size_t open) {
  size_t k = open;
  while (k > attribution_end && IsSpaceByte(text[k - 1])) --k;
  if (k == attribution_end) return true;
  return std::string_view(",.:;!?").find(text[k - 1]) != std::string_view::npos;
}

// "a department spokeswoman, Emily Park, said": the name in the aside is the speaker.
std::optional<std::pair<size_t, size_t>> NameInAside(std::string_view text, size_t from,
                                                     size_t to) {
  auto [a, b] = people::Trim(text, from, to);
  if (b <= a + 2 || text[a] != ',' || text[b - 1] != ',') return std::nullopt;
  auto [s, e] = people::Trim(text, a + 1, b - 1);
  const std::vector<people::Word> words = people::SplitWords(text.substr(s, e - s));
  if (words.size() < 2 || words.size() > 5) return std::nullopt;
  for (const people::Word& w : words) {
    if (!people::StartsUpper(w.text) || w.text.find(',') != std::string_view::npos)
      return std::nullopt;
  }
  return std::make_pair(s, e);
}

// Is a speaker as written a role rather than a name: in lower case ("a department
// spokeswoman"), or opening with an article ("The opposition health critic")?
bool IsRole(std::string_view speaker, const RuleSet& rules) {
  if (!people::StartsUpper(speaker)) return true;
  const std::vector<people::Word> words = people::SplitWords(speaker);
  return words.size() >= 2 && (people::HasForm(rules.lexicon("definite_article"), words[0].text) ||
                               people::HasForm(rules.lexicon("indefinite_article"), words[0].text));
}

// "Erekat said it was the latest move.\n\n“They wanted us on our knees.”": for a
// quotation that opens the paragraph at `para`, the `partial_before` rules over the
// last sentence of the paragraph before, when that one ends a sentence and holds no
// quotation mark (a quotation there passes its speaker on by itself).
std::optional<Match> LastSentenceBefore(std::string_view text, const Roles& roles, size_t para) {
  size_t end = para;
  while (end > 0 && IsSpaceByte(text[end - 1])) --end;
  if (end < 2 || (text[end - 1] != '.' && text[end - 1] != '!' && text[end - 1] != '?')) {
    return std::nullopt;
  }
  const size_t prev = ParagraphStart(text, end - 1);
  const size_t from = end - 1 > kWindow ? std::max(prev, end - 1 - kWindow) : prev;
  const std::string_view sentence = text.substr(prev, end - prev);
  for (std::string_view mark : {"\"", "“", "”"}) {
    if (sentence.find(mark) != std::string_view::npos) return std::nullopt;
  }
  return Attribute(text, roles.partial_before, from, end - 1);
}

// The `after` rules' best match from a closing mark at `close_end` to its paragraph's
// end (at most kWindow bytes), unless a colon follows it ("“…” Smith agreed: “…”"
// introduces the next quotation) or a whole quotation ended its sentence and "that"
// follows the cue ("“… belongings.” Martha added that …" reports speech of its own).
std::optional<Match> AfterAttribution(std::string_view text, const Roles& roles, size_t close_end,
                                      bool partial) {
  const size_t to = std::min(ParagraphEnd(text, close_end), close_end + kWindow);
  std::optional<Match> after = Attribute(text, roles.after, close_end, to);
  if (!after) return after;
  size_t k = after->end;
  while (k < to && IsSpaceByte(text[k])) ++k;
  if (k < to && text[k] == ':') return std::nullopt;
  if (!partial && text.substr(after->end, 6) == " that ") {
    size_t mark = close_end;
    DecodeUtf8Before(text, &mark);
    if (mark > 0 && (text[mark - 1] == '.' || text[mark - 1] == '!' || text[mark - 1] == '?')) {
      return std::nullopt;
    }
  }
  return after;
}

// The words of a quotation's first part without the punctuation that ends them.
std::string_view QuotedWords(std::string_view text, const RawQuote& q) {
  auto [from, to] = q.parts.front();
  while (to > from && std::string_view(".,;:!? ").find(text[to - 1]) != std::string_view::npos) {
    --to;
  }
  return text.substr(from, to - from);
}

// Is the opening mark at `open` written right after a comma on its line?
bool AfterComma(std::string_view text, size_t open) {
  size_t k = open;
  while (k > 0 && IsSpaceByte(text[k - 1]) && text[k - 1] != '\n') --k;
  return k > 0 && text[k - 1] == ',';
}

// Is the opening mark at `open` written right after a `cue` word and a comma or colon
// ("said, “", "added: “")?
bool AfterCueAndComma(std::string_view text, size_t open, const Lexicon* cue) {
  size_t k = open;
  while (k > 0 && IsSpaceByte(text[k - 1]) && text[k - 1] != '\n') --k;
  if (k == 0 || (text[k - 1] != ',' && text[k - 1] != ':')) return false;
  const size_t word_end = k - 1;
  size_t word_start = word_end;
  while (word_start > 0 && std::isalpha(static_cast<unsigned char>(text[word_start - 1]))) {
    --word_start;
  }
  return word_start < word_end &&
         people::HasForm(cue, text.substr(word_start, word_end - word_start));
}

// "“The show was great.”\n\n– Maria K.": a quotation that is its paragraph's only
// words, signed in the next paragraph, when that one is at most kMaxSignOff bytes:
// the `sign_off` rules over it.
std::optional<Match> SignedOff(std::string_view text, const Roles& roles, const RawQuote& q) {
  constexpr size_t kMaxSignOff = 120;
  const size_t para_end = ParagraphEnd(text, q.close_end);
  for (size_t k = q.close_end; k < para_end; ++k) {
    if (!IsSpaceByte(text[k])) return std::nullopt;
  }
  const size_t para = ParagraphStart(text, q.open);
  for (size_t k = para; k < q.open; ++k) {
    if (!IsSpaceByte(text[k])) return std::nullopt;
  }
  size_t next = para_end;
  while (next < text.size() && IsSpaceByte(text[next])) ++next;
  const size_t next_end = ParagraphEnd(text, next);
  if (next >= next_end || next_end - next > kMaxSignOff) return std::nullopt;
  return Attribute(text, roles.sign_off, next, next_end);
}

}  // namespace

bool AnyWordIn(const Lexicon* lex, std::string_view phrase) {
  if (lex == nullptr) return false;
  auto exact = [&](std::string_view w) {
    const rules::LexiconEntry* e = lex->Find(w);
    return e != nullptr && std::find(e->forms.begin(), e->forms.end(), w) != e->forms.end();
  };
  if (exact(people::FoldSpaces(phrase))) return true;
  for (const people::Word& w : people::SplitWords(phrase)) {
    if (exact(w.text)) return true;
  }
  return false;
}

Roles::Roles(const RuleSet& rules)
    : cue(rules.lexicon("cue")), small_word(rules.lexicon("small_word")) {
  for (const Rule& rule : rules.rules()) {
    const std::string& role = rule.Emit("role");
    if (role == "after") after.push_back(&rule);
    if (role == "before") before.push_back(&rule);
    if (role == "partial_before") partial_before.push_back(&rule);
    if (role == "sign_off") sign_off.push_back(&rule);
    if (role == "interview") interview.push_back(&rule);
    if (role == "person") person.push_back(&rule);
    if (role == "org") org.push_back(&rule);
  }
}

std::optional<Match> Attribute(std::string_view text, const RoleRules& rules, size_t from,
                               size_t to) {
  if (to <= from) return std::nullopt;
  const re2::StringPiece input(text.data() + from, to - from);
  const Rule* best = nullptr;
  size_t best_index = 0, best_start = 0, best_end = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = *rules[i];
    // A rule of lower priority than the best so far cannot win: not worth its search.
    if (best != nullptr && rule.priority < best->priority) continue;
    re2::StringPiece m;
    if (!rule.re()->Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1)) continue;
    const size_t start = static_cast<size_t>(m.data() - text.data());
    const size_t end = start + m.size();
    if (end <= start) continue;
    if (best != nullptr &&
        (rule.priority < best->priority ||
         (rule.priority == best->priority && end - start <= best_end - best_start))) {
      continue;
    }
    best = &rule;
    best_index = i;
    best_start = start;
    best_end = end;
  }
  if (best == nullptr) return std::nullopt;
  return rules::RuleSet::MatchAt(*best, best_index, text, best_start, best_end);
}

std::vector<RawQuote> JoinSplitQuotations(std::string_view text, const RuleSet& rules,
                                          const Roles& roles, std::vector<RawQuote> raw) {
  std::vector<RawQuote> joined;
  for (RawQuote& q : raw) {
    if (!joined.empty()) {
      RawQuote& prev = joined.back();
      const size_t gap_from = prev.close_end;
      const size_t gap_to = q.open;
      const bool same_line = gap_to >= gap_from && text.find('\n', gap_from) >= gap_to;
      // A fragment inside a sentence is no first part: "... was “a smoke screen.” He
      // told reporters: “...”" are two quotations.
      if (same_line && !prev.gap_attribution &&
          !FollowsWord(text, prev.open, rules.lexicon("cue"))) {
        std::optional<Match> gap = Attribute(text, roles.after, gap_from, gap_to);
        if (gap && gap->Has("speaker") && RestOfAttribution(text, gap->end, gap_to) &&
            OpensAfterPause(text, gap->end, gap_to)) {
          std::optional<Match> own = AfterAttribution(text, roles, q.close_end, false);
          if (!own) {
            prev.parts.insert(prev.parts.end(), q.parts.begin(), q.parts.end());
            prev.close_end = q.close_end;
            prev.gap_attribution = std::move(gap);
            continue;
          }
          q.after_from = q.close_end;
          q.after = std::move(own);
        }
      }
    }
    joined.push_back(std::move(q));
  }
  return joined;
}

std::optional<Match> FindAttribution(std::string_view text, const Roles& roles, const RawQuote& q,
                                     bool partial) {
  if (q.gap_attribution) return q.gap_attribution;
  if (!partial && AfterCueAndComma(text, q.open, roles.cue)) {
    // "He called Omar a “terrorist” and said, “…,” the prosecutor's office said": the
    // sentence's own cue comes first; the words after the quotation credit the sentence.
    auto [from, to] = BeforeWindow(text, q.open);
    if (std::optional<Match> before = Attribute(text, roles.before, from, to)) return before;
  }
  if (q.after_from == q.close_end) {
    if (q.after) return q.after;
  } else {
    if (std::optional<Match> after = AfterAttribution(text, roles, q.close_end, partial)) {
      return after;
    }
  }
  return AttributionBefore(text, roles, q, partial);
}

std::optional<Match> AttributionBefore(std::string_view text, const Roles& roles, const RawQuote& q,
                                       bool partial) {
  if (std::optional<Match> signed_off = SignedOff(text, roles, q)) return signed_off;
  auto [from, to] = BeforeWindow(text, q.open);
  if (std::optional<Match> before =
          Attribute(text, partial ? roles.partial_before : roles.before, from, to)) {
    return before;
  }
  if (partial) return std::nullopt;
  // "Prosecutors alleged that Noel and Thomas, assigned to the unit, “browsed the
  // Internet,” and …": a quotation after a comma inside a sentence whose own cue came
  // earlier is part of that sentence's reported speech. Not a title in apposition ("his
  // programme, “Contact with Nicolás.”").
  if (AfterComma(text, q.open) && !IsTitleCase(QuotedWords(text, q), roles.small_word)) {
    if (std::optional<Match> in_sentence = Attribute(text, roles.partial_before, from, to)) {
      return in_sentence;
    }
  }
  // "Ruiz told reporters the port would close. “We have no choice.”": the sentence
  // just before the quotation, in its paragraph, names the speaker with a cue.
  const size_t para = ParagraphStart(text, q.open);
  size_t end = q.open;
  while (end > para && IsSpaceByte(text[end - 1])) --end;
  if (end > para + 1 && (text[end - 1] == '.' || text[end - 1] == '!' || text[end - 1] == '?')) {
    const size_t sentence_from = end - 1 > kWindow ? std::max(para, end - 1 - kWindow) : para;
    return Attribute(text, roles.partial_before, sentence_from, end - 1);
  }
  if (end == para) return LastSentenceBefore(text, roles, para);
  return std::nullopt;
}

// "a 2018 survey by Penelope Abernathy": where the capitalised name after a `document`
// word and an `author_link` word starts in `object` (the author speaks; "a report by
// Reuters" stays the outlet); none when it names no author.
std::optional<size_t> AuthorOfDocument(std::string_view object, const RuleSet& rules) {
  const std::vector<people::Word> words = people::SplitWords(object);
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    if (people::HasForm(rules.lexicon("document"), words[i].text) &&
        people::HasForm(rules.lexicon("author_link"), words[i + 1].text) &&
        people::StartsUpper(words[i + 2].text)) {
      return words[i + 2].start;
    }
  }
  return std::nullopt;
}

Credit ReadAttribution(std::string_view text, const RuleSet& rules, const Match& attribution) {
  Credit credit;
  const Capture* cue = attribution.Get("cue");
  if (cue != nullptr) credit.cue = people::AsciiLower(people::FoldSpaces(cue->text));
  if (const Capture* s = attribution.Get("speaker")) {
    credit.speaker_at = {{s->start, s->end}};
    if (cue != nullptr && cue->start > s->end && IsRole(s->text, rules)) {
      if (auto aside = NameInAside(text, s->end, cue->start)) credit.speaker_at = aside;
    }
  }
  if (const Capture* obj = attribution.Get("object")) {
    const Lexicon* definite_article = rules.lexicon("definite_article");
    const std::string& kind = attribution.rule->Emit("object");
    const bool outlet = AnyWordIn(rules.lexicon("outlet"), obj->text);
    if (kind == "via" || (kind == "outlet" && outlet)) {
      credit.via = OutletName(obj->text, definite_article);
    } else if (kind == "speaker_or_via") {
      std::optional<size_t> author = AuthorOfDocument(obj->text, rules);
      if (author && !AnyWordIn(rules.lexicon("outlet"), obj->text.substr(*author))) {
        credit.speaker_at = {{obj->start + *author, obj->end}};
      } else if (outlet || AnyWordIn(rules.lexicon("document"), obj->text)) {
        credit.via = OutletName(obj->text, definite_article);
      } else {
        credit.speaker_at = {{obj->start, obj->end}};
      }
    }
  }
  return credit;
}

std::optional<std::string> InterviewVia(std::string_view text, const RuleSet& rules,
                                        const Roles& roles, const RawQuote& q) {
  const size_t para_from = ParagraphStart(text, q.open);
  const size_t from = q.open > kWindow ? std::max(para_from, q.open - kWindow) : para_from;
  const size_t to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
  for (const Rule* rule : roles.interview) {
    for (const Match& m : rules.FindAllOf(*rule, text.substr(from, to - from))) {
      const size_t s = m.start + from;
      if (s >= q.open && s < q.close_end) continue;
      if (const Capture* obj = m.Get("object")) {
        return OutletName(obj->text, rules.lexicon("definite_article"));
      }
    }
  }
  return std::nullopt;
}

}  // namespace newsfacts::quotes
