// Quotes: quotation marks from rules/quotes.toml paired, joined and attributed.
// The decisions shared with the rule file are listed at the top of that file.

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/extract.h"
#include "extract/people.h"

namespace newsfacts {
namespace {

using rules::Capture;
using rules::Lexicon;
using rules::Match;
using rules::Rule;
using rules::RuleSet;

// How far before or after a quotation its attribution is looked for, in bytes.
constexpr size_t kWindow = 400;
// Bounds that keep speaker resolution linear on hostile text: mentions a pronoun looks
// back over, the longest sentence read back for its start, the surnames searched for.
constexpr size_t kMaxCandidates = 64;
constexpr size_t kMaxSentence = 2000;
constexpr size_t kMaxSearchedSurnames = 256;

// One stretch between an opening mark and its closing mark (or the line end).
struct Segment {
  size_t open = 0;           // the opening mark
  size_t content_start = 0;  // first byte inside the marks
  size_t content_end = 0;
  size_t close_end = 0;  // just past the closing mark (= content_end when unclosed)
  bool closed = false;
  const Rule* rule = nullptr;
};

struct RawQuote {
  std::vector<std::pair<size_t, size_t>> parts;  // trimmed content of each part
  size_t open = 0;
  size_t close_end = 0;
  const Rule* mark_rule = nullptr;
  std::optional<Match> gap_attribution;  // the words that split the quotation
  // The attribution found after close_end (to the paragraph's end, at most kWindow
  // bytes) when it was already looked for: valid while close_end is `after_from`.
  std::optional<size_t> after_from;
  std::optional<Match> after;
};

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int FieldGroup(const Rule& rule, std::string_view field) {
  for (size_t i = 0; i < rule.fields.size(); ++i) {
    if (rule.fields[i] == field) return rule.field_groups()[i];
  }
  return -1;
}

// May an opening mark stand at `open`, with content starting at `content`?
bool OpeningAllowed(std::string_view text, const Rule& rule, size_t open, size_t content) {
  const std::string& after = rule.Emit("opens_after");
  if (after.empty()) return true;
  if (open == 0) return true;
  if (content < text.size() && IsSpaceByte(text[content])) {
    // A mark with spaces on both sides opens a quotation (" like this "); one glued to
    // the word before it closes one.
    const char before = text[open - 1];
    return before == ' ' || before == '\t' || before == '\n';
  }
  size_t len = 0;
  const char32_t prev = people::DecodeBefore(text, open, &len);
  if (after == "nonword") return !people::IsWordChar(prev);
  // "space"
  return prev == ' ' || prev == '\t' || prev == '\n' || prev == '(' || prev == '[' ||
         prev == 0x2014 || prev == 0x2013 || prev == 0x201C || prev == '"' || prev == 0x00A0;
}

// The bytes every match of the rule starts with ("“" for a rule of “...”), or "" when
// matches may start differently. Worked out once per rule and thread.
const std::string& LiteralPrefix(const Rule& rule) {
  struct Known {
    std::string pattern;  // the rule's pattern when worked out (rules may be reloaded)
    std::string prefix;
  };
  thread_local std::unordered_map<const Rule*, Known> known;
  Known& k = known[&rule];
  if (k.pattern != rule.pattern || k.pattern.empty()) {
    k.pattern = rule.pattern;
    k.prefix.clear();
    // Every match lies between min and max, so it starts with their common prefix.
    std::string min, max;
    if (rule.re()->PossibleMatchRange(&min, &max, 8)) {
      size_t n = 0;
      while (n < min.size() && n < max.size() && min[n] == max[n]) ++n;
      k.prefix = min.substr(0, n);
    }
  }
  return k.prefix;
}

// Every acceptable segment of one marks rule, left to right. A rejected opening mark is
// stepped over and the search goes on right after it.
void FindSegments(std::string_view text, const Rule& rule, std::vector<Segment>* out) {
  const RE2& re = *rule.re();
  const int ngroups = re.NumberOfCapturingGroups();
  const int content_group = FieldGroup(rule, "content");
  const int close_group = FieldGroup(rule, "close");
  if (content_group < 0) return;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups) + 1);
  const re2::StringPiece input(text.data(), text.size());
  const std::string& prefix = LiteralPrefix(rule);
  size_t pos = 0;
  while (pos < text.size()) {
    if (!prefix.empty()) {
      // Only an opening mark can start a match: go to the next one that may open a
      // quotation (an apostrophe inside a word may not) before asking RE2, which would
      // otherwise scan on from every apostrophe to the line's end.
      size_t at = text.find(prefix, pos);
      while (at != std::string_view::npos) {
        size_t mark = 0;
        people::DecodeAt(text, at, &mark);
        if (OpeningAllowed(text, rule, at, at + mark)) break;
        at = text.find(prefix, at + mark);
      }
      if (at == std::string_view::npos) break;
      pos = at;
    }
    // The span by RE2's DFA alone; most apostrophes are turned down before any slower
    // search for the groups.
    re2::StringPiece whole;
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 1)) break;
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    size_t mark = 0;
    people::DecodeAt(text, start, &mark);
    if (end <= start + mark) {
      pos = start + std::max<size_t>(mark, 1);
      continue;
    }
    if (!OpeningAllowed(text, rule, start, start + mark)) {
      pos = start + mark;  // just past the rejected mark
      continue;
    }
    const re2::StringPiece span(text.data() + start, end - start);
    if (!re.Match(span, 0, span.size(), RE2::ANCHOR_BOTH, groups.data(), ngroups + 1)) {
      pos = start + mark;
      continue;
    }
    const re2::StringPiece& content = groups[static_cast<size_t>(content_group)];
    if (content.data() == nullptr) {
      pos = start + mark;
      continue;
    }
    Segment s;
    s.open = start;
    s.content_start = static_cast<size_t>(content.data() - text.data());
    s.content_end = s.content_start + content.size();
    s.close_end = end;
    s.closed = close_group >= 0 && groups[static_cast<size_t>(close_group)].data() != nullptr;
    s.rule = &rule;
    out->push_back(s);
    pos = end;
  }
}

// Segments of all marks rules, outer ones kept, chained over paragraphs into quotations.
std::vector<RawQuote> FindQuotations(std::string_view text, const RuleSet& rules) {
  std::vector<Segment> segments;
  for (const Rule& rule : rules.rules()) {
    if (rule.Emit("role") == "marks") FindSegments(text, rule, &segments);
  }
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return a.open < b.open; });
  std::vector<Segment> outer;
  for (const Segment& s : segments) {
    if (!outer.empty() && s.open < outer.back().close_end) continue;  // nested or crossing
    outer.push_back(s);
  }

  std::vector<RawQuote> quotes;
  size_t i = 0;
  while (i < outer.size()) {
    RawQuote q;
    q.open = outer[i].open;
    q.mark_rule = outer[i].rule;
    size_t j = i;
    bool complete = false;
    while (true) {
      const Segment& s = outer[j];
      auto [a, b] = people::Trim(text, s.content_start, s.content_end);
      if (b > a) q.parts.emplace_back(a, b);
      q.close_end = s.close_end;
      if (s.closed) {
        complete = true;
        break;
      }
      // Unclosed: it continues only if the next paragraph opens with the same mark.
      if (j + 1 >= outer.size() || outer[j + 1].rule != s.rule) break;
      const Segment& n = outer[j + 1];
      bool blank_between = n.open > s.content_end;
      bool newline = false;
      for (size_t k = s.content_end; k < n.open && blank_between; ++k) {
        if (!IsSpaceByte(text[k])) blank_between = false;
        if (text[k] == '\n') newline = true;
      }
      if (!blank_between || !newline) break;
      ++j;
    }
    if (complete && !q.parts.empty()) quotes.push_back(std::move(q));
    i = j + 1;
  }
  return quotes;
}

// The rules of one emit role, in file order.
using RoleRules = std::vector<const Rule*>;

// The best match of `rules` (one role) in text[from, to): the rule of higher priority
// wins, then the longest match, then the earlier rule. "after" rules are anchored at
// `from`, "before" rules at `to`. Each rule's span is found by RE2's DFA alone; groups
// are extracted (a slower search) for the winner only.
std::optional<Match> Attribute(std::string_view text, const RoleRules& rules, size_t from,
                               size_t to) {
  if (to <= from) return std::nullopt;
  const re2::StringPiece input(text.data() + from, to - from);
  const Rule* best = nullptr;
  size_t best_index = 0, best_start = 0, best_end = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = *rules[i];
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

size_t ParagraphStart(std::string_view text, size_t pos) {
  const size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

size_t ParagraphEnd(std::string_view text, size_t pos) {
  const size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl;
}

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

// "the Border Ledger" -> "Border Ledger"; "the agency" stays.
std::string OutletName(std::string_view object) {
  std::string s = people::FoldSpaces(object);
  for (std::string_view det : {"the ", "The "}) {
    if (s.size() > det.size() + 1 && s.compare(0, det.size(), det) == 0) {
      size_t len = 0;
      if (people::IsUpper(people::DecodeAt(s, det.size(), &len))) return s.substr(det.size());
    }
  }
  return s;
}

// True when the UTF-8 text at i is one of the dashes — or –.
bool DashAt(std::string_view text, size_t i) {
  return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
         static_cast<unsigned char>(text[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(text[i + 2]) == 0x93 ||
          static_cast<unsigned char>(text[i + 2]) == 0x94);
}

// May the words between two parts of a quotation, after their attribution ends at
// `from`, be passed over? They may be punctuation, or the rest of the attributing
// sentence ("in an interview at the ministry."), but no quotation mark and no second
// sentence.
bool RestOfAttribution(std::string_view text, size_t from, size_t to) {
  if (to < from || to - from > 200) return false;
  bool ended = false;
  for (size_t k = from; k < to; ++k) {
    const char c = text[k];
    if (c == '"' || c == '\n') return false;
    if (static_cast<unsigned char>(c) == 0xE2 && k + 2 < text.size() &&
        static_cast<unsigned char>(text[k + 1]) == 0x80) {
      const auto third = static_cast<unsigned char>(text[k + 2]);
      if (third >= 0x9C && third <= 0x9F) return false;  // “ ” „ ‟ (’ is an apostrophe)
    }
    if (ended && !IsSpaceByte(c)) {
      if (!DashAt(text, k)) return false;  // a second sentence
      k += 2;
      continue;
    }
    if ((c == '.' || c == '!' || c == '?' || c == ';' || c == ':') &&
        (k + 1 >= to || IsSpaceByte(text[k + 1]))) {
      // A sentence ends where a capital, a mark or nothing follows: "Oct. 21" goes on.
      size_t next = k + 1;
      while (next < to && IsSpaceByte(text[next])) ++next;
      size_t len = 0;
      ended = next >= to || people::IsUpper(people::DecodeAt(text, next, &len));
    }
  }
  return true;
}

// True when the word before the opening mark at `open` is a preposition, an article or
// a determiner from `title_lead`, or a possessive ("MSNBC's").
bool TitleLead(std::string_view text, size_t open, const RuleSet& rules) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  size_t w = p, len = 0;
  while (w > 0 &&
         (people::IsWordChar(people::DecodeBefore(text, w, &len)) || text[w - 1] == '\'')) {
    w -= text[w - 1] == '\'' ? 1 : len;
  }
  const std::string_view word = text.substr(w, p - w);
  if (word.size() > 2 && (word.substr(word.size() - 2) == "'s")) return true;
  if (word.size() > 4 && word.substr(word.size() - 4) == "\xE2\x80\x99s") return true;
  return people::HasForm(rules.lexicon("title_lead"), people::AsciiLower(word));
}

// May a one-word quotation at [open, close_end) be a fragment of what someone said? The
// word before it must be one that introduces what was said (`fragment_lead`: "was",
// "called it", "as"), and the sentence must go on with punctuation, its end or a
// conjunction after it (`fragment_follow`), not with the rest of a noun phrase.
bool OneWordFragment(std::string_view text, size_t open, size_t close_end, const RuleSet& rules) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  size_t w = p, len = 0;
  while (w > 0 && (people::IsWordChar(people::DecodeBefore(text, w, &len)) || text[w - 1] == '-')) {
    w -= text[w - 1] == '-' ? 1 : len;
  }
  const Lexicon* lead = rules.lexicon("fragment_lead");
  const rules::LexiconEntry* entry = nullptr;
  if (people::HasForm(lead, text.substr(w, p - w))) entry = lead->Find(text.substr(w, p - w));
  if (entry == nullptr) return false;
  // After "would" or "to" the fragment is a verb, and its object may follow.
  if (entry->attr("verb") == "yes") return true;
  size_t n = close_end;
  while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
  if (n >= text.size() || !people::IsWordChar(people::DecodeAt(text, n, &len))) return true;
  size_t e = n;
  while (e < text.size() && people::IsWordChar(people::DecodeAt(text, e, &len))) e += len;
  return people::HasForm(rules.lexicon("fragment_follow"), text.substr(n, e - n));
}

// partial: the quotation opening at `open` follows a word directly, and that word is no
// cue verb ("he called it “a big difference”", not "he said “we will”").
bool FollowsWord(std::string_view text, size_t open, const Lexicon* cues) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  size_t len = 0;
  if (p == 0 || !people::IsWordChar(people::DecodeBefore(text, p, &len))) return false;
  size_t w = p;
  while (w > 0 && people::IsWordChar(people::DecodeBefore(text, w, &len))) w -= len;
  const std::string_view word = text.substr(w, p - w);
  return cues == nullptr || cues->Find(word) == nullptr;
}

// Title case: every word of letters starts with a capital, short function words aside,
// and the first word is capitalised ("Meet the Nation", "God Bless America").
bool IsTitleCase(std::string_view s, const Lexicon* small_words) {
  const std::vector<people::Word> words = people::SplitWords(s);
  if (words.empty()) return false;
  bool first = true;
  for (const people::Word& w : words) {
    size_t i = 0;
    // Skip leading punctuation of the word.
    while (i < w.text.size()) {
      size_t len = 0;
      const char32_t c = people::DecodeAt(w.text, i, &len);
      if (people::IsWordChar(c)) break;
      i += len;
    }
    if (i >= w.text.size()) continue;
    size_t len = 0;
    const char32_t c = people::DecodeAt(w.text, i, &len);
    if (people::IsUpper(c) || (c >= '0' && c <= '9')) {
      first = false;
      continue;
    }
    if (first) return false;
    const rules::LexiconEntry* e = small_words ? small_words->Find(w.text) : nullptr;
    if (e == nullptr) return false;
  }
  return true;
}

bool StartsUpper(std::string_view word) {
  if (word.empty()) return false;
  size_t len = 0;
  return people::IsUpper(people::DecodeAt(word, 0, &len));
}

bool InLexicon(const Lexicon* lex, std::string_view word) { return people::HasForm(lex, word); }

// A name as written narrowed to the person's name: "Analyst Rebecca Lindquist of the
// Center for Automotive Research" -> "Rebecca Lindquist", "U.S. District Judge Ana
// Ruiz" -> "Ana Ruiz". Returns the byte range inside [start, end) of text; the whole
// range when the phrase does not end in a name ("one official", "the company").
std::pair<size_t, size_t> NarrowName(std::string_view text, size_t start, size_t end,
                                     const RuleSet& rules) {
  const Lexicon* descriptor = rules.lexicon("descriptor");
  const Lexicon* particle = rules.lexicon("particle");
  const Lexicon* not_name = rules.lexicon("not_name");
  const std::string_view phrase = text.substr(start, end - start);
  std::vector<people::Word> words = people::SplitWords(phrase);
  // "X of the Y": the person is X when X ends in a capitalised word.
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    const std::string_view w = words[i].text;
    if ((w == "of" || w == "at" || w == "from" || w == "for") && words[i + 1].text == "the" &&
        StartsUpper(words[i - 1].text)) {
      words.resize(i);
      break;
    }
  }
  while (!words.empty()) {
    std::string_view& last = words.back().text;
    while (!last.empty() && (last.back() == ',' || last.back() == ';' || last.back() == ':')) {
      last.remove_suffix(1);
      words.back().end = words.back().start + last.size();
    }
    if (!last.empty()) break;
    words.pop_back();
  }
  if (words.empty() || !StartsUpper(words.back().text)) return {start, end};
  auto name_word = [&](std::string_view w) {
    if (InLexicon(particle, w)) return true;
    if (w.size() > 3 && w.compare(0, 3, "al-") == 0) return true;
    return StartsUpper(w);
  };
  size_t first = words.size() - 1;
  while (first > 0 && name_word(words[first - 1].text)) --first;
  // Titles, ranks and abbreviations ("Sen.", "U.S.") before the name are not part of it.
  auto describes = [&](std::string_view w) {
    if (InLexicon(descriptor, w) || InLexicon(not_name, w)) return true;
    return w.size() > 2 && w.find('.') != std::string_view::npos;
  };
  size_t cut = first;
  for (size_t i = first; i + 1 < words.size(); ++i) {
    if (describes(words[i].text)) cut = i + 1;
  }
  while (cut < words.size() && InLexicon(particle, words[cut].text)) ++cut;
  if (cut >= words.size()) return {start, end};
  return {start + words[cut].start, start + words.back().end};
}

// One person or organisation the text names: an official, a name without a title, an
// organisation, or a speaker resolved earlier.
struct Named {
  size_t start = 0;
  size_t end = 0;
  std::string name;  // the name as it will be reported
  bool org = false;  // an organisation: "it", never "he" or "she"
};

// What a pronoun can stand for: 'm' (he), 'f' (she) or 'o' (it).
using Want = char;

// The lexicons of names and of words that tell gender or organisations, looked up once
// per article.
struct NameLexicons {
  explicit NameLexicons(const RuleSet& rules)
      : female_name(rules.lexicon("female_name")),
        male_name(rules.lexicon("male_name")),
        female_word(rules.lexicon("female_word")),
        male_word(rules.lexicon("male_word")),
        organisation(rules.lexicon("organisation")) {}
  const Lexicon* female_name;
  const Lexicon* male_name;
  const Lexicon* female_word;
  const Lexicon* male_word;
  const Lexicon* organisation;
};

// The gender a word next to a name tells ('f', 'm'), or 0.
char GenderWord(const NameLexicons& lex, std::string_view word) {
  if (people::HasForm(lex.female_word, word)) return 'f';
  if (people::HasForm(lex.male_word, word)) return 'm';
  return 0;
}

// The gender of a first name from the `female_name` and `male_name` lexicons, or 0.
char FirstNameGender(const NameLexicons& lex, std::string_view name) {
  size_t a = 0;
  while (a < name.size() && (name[a] == ' ' || name[a] == '\t')) ++a;
  size_t b = a;
  while (b < name.size() && name[b] != ' ' && name[b] != '\t') ++b;
  const std::string_view first = name.substr(a, b - a);
  if (first.empty()) return 0;
  if (people::HasForm(lex.female_name, first)) return 'f';
  if (people::HasForm(lex.male_name, first)) return 'm';
  return 0;
}

// True when any word of the phrase is in `organisation`.
bool HasOrgWord(const NameLexicons& lex, std::string_view phrase) {
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (phrase[i] == ' ' || phrase[i] == '\t')) ++i;
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t') ++j;
    std::string_view word = phrase.substr(i, j - i);
    while (!word.empty() && (word.back() == ',' || word.back() == ';' || word.back() == ':')) {
      word.remove_suffix(1);
    }
    if (!word.empty() && people::HasForm(lex.organisation, word)) return true;
    i = j;
  }
  return false;
}

// The words of an aside right after a name, when it opens with an article: ", the air
// conditioner maker," -> {"the", "air", "conditioner", "maker"}; it stops at a comma, a
// sentence end or a preposition ("the mother of one victim" -> "the mother"). Empty when
// the name is not followed by such an aside.
std::vector<std::string_view> AsideAfter(std::string_view text, size_t end) {
  std::vector<std::string_view> out;
  size_t i = end;
  if (i >= text.size() || text[i] != ',') return out;
  ++i;
  const size_t limit = std::min(text.size(), i + 80);
  bool first = true;
  while (i < limit) {
    while (i < limit && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < limit && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != ',' &&
           text[j] != '.' && text[j] != ';') {
      ++j;
    }
    if (j == i) break;
    const std::string_view w = text.substr(i, j - i);
    if (first && w != "a" && w != "an" && w != "the" && w != "A" && w != "An" && w != "The") {
      return out;
    }
    first = false;
    if (w == "of" || w == "for" || w == "at" || w == "from" || w == "in" || w == "who" ||
        w == "whose" || w == "with" || w == "and") {
      break;
    }
    out.push_back(w);
    if (j >= limit || text[j] != ' ') break;
    i = j;
  }
  return out;
}

// Who is who: officials' mentions and the other names in the text, for resolving
// speakers written as a surname, a title or a pronoun. The names without a title are
// collected on first need, once per article.
class People {
 public:
  People(std::string_view text, const RuleSet& rules, const RoleRules& person_rules,
         const RoleRules& org_rules, const std::vector<Official>& officials,
         const std::vector<std::pair<size_t, size_t>>& quoted)
      : text_(text),
        rules_(rules),
        person_rules_(person_rules),
        org_rules_(org_rules),
        quoted_(quoted),
        officials_(officials),
        lex_(rules),
        pronouns_(rules.lexicon("pronoun_word")),
        paragraphs_(text) {
    for (size_t i = 0; i < officials.size(); ++i) {
      for (const Span& s : officials[i].mentions) official_mentions_.push_back({s, i});
      // A surname may be any word after the first: "Capriles" of "Henrique Capriles
      // Radonski", "Yasay" of "Perfecto Yasay Jr.".
      const std::vector<people::Word> name = people::SplitWords(officials[i].name);
      const bool family_first = people::FamilyNameFirst(name, nullptr);
      for (size_t k = name.size() > 1 && !family_first ? 1 : 0; k < name.size(); ++k) {
        std::vector<size_t>& v = by_word_[std::string(name[k].text)];
        if (v.empty() || v.back() != i) v.push_back(i);
      }
    }
    std::sort(official_mentions_.begin(), official_mentions_.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  }

  // The official with a mention overlapping [start, end). Mentions of different people
  // never overlap, so the mention starting last before `end` is the only candidate.
  std::optional<size_t> At(size_t start, size_t end) const {
    auto it = std::lower_bound(
        official_mentions_.begin(), official_mentions_.end(), end,
        [](const auto& m, size_t pos) { return static_cast<size_t>(m.first.start) < pos; });
    if (it == official_mentions_.begin()) return std::nullopt;
    --it;
    if (static_cast<size_t>(it->first.end) > start) return it->second;
    return std::nullopt;
  }

  // The official whose name holds the speaker's words after its first word ("Mr.
  // Blinken", "López Obrador"), the one mentioned last before `before` when several do.
  std::optional<size_t> ByName(std::string_view speaker, size_t before) const {
    const std::vector<people::Word> words = people::SplitWords(speaker);
    if (words.empty()) return std::nullopt;
    auto found = by_word_.find(std::string(words.front().text));
    if (found == by_word_.end()) return std::nullopt;
    std::optional<size_t> best;
    int64_t best_at = -1;
    for (size_t i : found->second) {
      if (!Contains(officials_[i].name, words)) continue;
      int64_t at = -1;
      for (const Span& s : officials_[i].mentions) {
        if (static_cast<size_t>(s.start) < before) at = std::max(at, s.start);
      }
      if (!best || at > best_at) {
        best = i;
        best_at = at;
      }
    }
    return best;
  }

  // The fullest name written before `before` that ends with the words of `name`
  // ("Angela Brooks" for "Brooks"), else `name`.
  std::string Fullest(const std::string& name, size_t before) {
    CollectNames();
    return FullestOf(name, before);
  }

  // The person a pronoun at `pos` stands for: the latest person mentioned before it
  // (outside quotations), in the same paragraph or the two before it, whose gender can
  // be `want` ('m' for he, 'f' for she: organisations and people of the other gender
  // are passed over; unknown gender fits both), or the latest organisation for 'o'.
  std::optional<std::string> Antecedent(size_t pos, Want want, int depth = 0) {
    CollectNames();
    if (want == 'o') {
      ClassifyOrgs();
      CollectOrgPhrases();
    } else {
      CollectGenderHints();
    }
    const size_t here = paragraphs_.IndexOf(pos);
    auto before = [&](const std::vector<Named>& v) {
      return static_cast<size_t>(
          std::lower_bound(v.begin(), v.end(), pos,
                           [](const Named& n, size_t p) { return n.start < p; }) -
          v.begin());
    };
    // Both lists are sorted by start: walk them backwards together, over at most
    // kMaxCandidates mentions (hostile text can hold thousands in one paragraph).
    size_t i = before(mentions_), j = before(speakers_);
    size_t visited = 0;
    auto next = [&]() -> const Named* {
      if (i == 0 && j == 0) return nullptr;
      if (visited++ >= kMaxCandidates) return nullptr;
      if (j == 0 || (i > 0 && mentions_[i - 1].start >= speakers_[j - 1].start)) {
        return &mentions_[--i];
      }
      return &speakers_[--j];
    };
    while (const Named* n = next()) {
      if (paragraphs_.IndexOf(n->start) + 2 < here) break;
      if (n->end > pos) continue;
      if (want == 'o') {
        if (IsOrg(*n)) return n->name;
        continue;
      }
      if (IsOrg(*n)) continue;
      const char g = GenderOf(n->name);
      if (g != 0 && g != want) continue;
      // The latest sentence with someone who fits. In it, the first person whose gender
      // is known to fit (the subject more often than not: "Obama criticised Tremaine.
      // “…,” he said." is Obama), else the latest who may fit.
      const size_t sentence = SentenceStart(n->start);
      const Named* chosen = g == want ? n : nullptr;
      const Named* latest_unknown = g == 0 ? n : nullptr;
      while (const Named* m = next()) {
        if (m->start < sentence) break;
        if (IsOrg(*m)) continue;
        const char mg = GenderOf(m->name);
        if (mg == want) chosen = m;
        if (mg == 0 && latest_unknown == nullptr) latest_unknown = m;
      }
      if (chosen == nullptr) chosen = latest_unknown;
      // "On Monday, he emailed Gaiman": a pronoun of that gender before the person in
      // the sentence is its subject, and stands for someone earlier.
      if (depth < 3) {
        if (std::optional<size_t> p = PronounBetween(sentence, chosen->start, want)) {
          if (std::optional<std::string> earlier = Antecedent(*p, want, depth + 1)) {
            return earlier;
          }
        }
      }
      return chosen->name;
    }
    return std::nullopt;
  }

  // The first "he"/"He" (want 'm') or "she"/"She" (want 'f') as a whole word in
  // [from, to), outside quotations.
  std::optional<size_t> PronounBetween(size_t from, size_t to, Want want) const {
    const std::string_view word = want == 'm' ? "he" : "she";
    for (size_t k = from; k + word.size() <= to; ++k) {
      const char c = text_[k];
      if (c != word[0] && c != word[0] - 32) continue;
      if (text_.compare(k + 1, word.size() - 1, word.substr(1)) != 0) continue;
      if (!people::IsWholeWord(text_, k, k + word.size())) continue;
      if (people::InRanges(quoted_, k)) continue;
      return k;
    }
    return std::nullopt;
  }

  // Where the sentence holding `pos` starts: after the last '.', '!' or '?' (and any
  // closing marks) followed by a space before it, or at its paragraph's start. A dot
  // after a short capitalised word ("Sen.", "Mr.", "U.S.") ends no sentence.
  size_t SentenceStart(size_t pos) const {
    size_t k = pos;
    const size_t limit = pos > kMaxSentence ? pos - kMaxSentence : 0;
    while (k > limit) {
      const char c = text_[k - 1];
      if (c == '\n') return k;
      // A closing mark after the sentence's end: ".” Next" or '." Next'.
      size_t mark = 0;
      if (c == '"') mark = 1;
      if (k >= 3 && static_cast<unsigned char>(text_[k - 3]) == 0xE2 &&
          static_cast<unsigned char>(text_[k - 2]) == 0x80 &&
          static_cast<unsigned char>(text_[k - 1]) == 0x9D) {
        mark = 3;
      }
      if (mark > 0 && k > mark && k < text_.size() && text_[k] == ' ') {
        const char e = text_[k - mark - 1];
        if (e == '.' || e == '!' || e == '?') return k;
      }
      if ((c == '.' || c == '!' || c == '?') && k < text_.size() &&
          (text_[k] == ' ' || text_[k] == '\t')) {
        bool abbreviation = false;
        if (c == '.') {
          size_t w = k - 1;
          while (w > 0 &&
                 (std::isalpha(static_cast<unsigned char>(text_[w - 1])) || text_[w - 1] == '.')) {
            --w;
          }
          abbreviation =
              k - 1 - w <= 3 && k - 1 > w && std::isupper(static_cast<unsigned char>(text_[w]));
        }
        if (!abbreviation) return k;
      }
      --k;
    }
    return limit;
  }

  // The subject of the sentence that ends just before `open` in the same paragraph: a
  // person (not an organisation) mentioned within the sentence's first words, or a
  // sentence-initial "He"/"She" resolved. None when the quotation opens its paragraph
  // or follows no complete sentence.
  std::optional<Named> SubjectBefore(size_t open) {
    size_t end = open;
    while (end > 0 && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    if (end == 0 || text_[end - 1] == '\n') return std::nullopt;
    const char last = text_[end - 1];
    const bool closing = last == '"' || (end >= 3 && static_cast<unsigned char>(last) == 0x9D &&
                                         static_cast<unsigned char>(text_[end - 2]) == 0x80);
    if (last != '.' && last != '!' && last != '?' && !closing) return std::nullopt;
    CollectNames();
    const size_t sentence = SentenceStart(end - 1);
    constexpr size_t kSubjectWithin = 60;  // bytes from the sentence start
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), sentence,
                               [](const Named& n, size_t p) { return n.start < p; });
    // "The company said ...": an organisation opens the sentence.
    const std::vector<Named> org_subject =
        OrgPhrasesIn(sentence, std::min(end, sentence + kSubjectWithin));
    const size_t org_at = org_subject.empty() ? end : org_subject.front().start;
    if (it != mentions_.end() && it->start < end && it->start - sentence <= kSubjectWithin) {
      if (IsOrg(*it) || org_at < it->start) return std::nullopt;
      return *it;
    }
    if (org_at < end) return std::nullopt;
    const std::string_view head = text_.substr(sentence, std::min<size_t>(4, end - sentence));
    Want want = 0;
    if (head.substr(0, 3) == "He ") want = 'm';
    if (head == "She ") want = 'f';
    if (want == 0) return std::nullopt;
    std::optional<std::string> name = Antecedent(sentence, want);
    if (!name) return std::nullopt;
    return Named{sentence, sentence + (want == 'm' ? 2 : 3), *name, false};
  }

  // Records a resolved speaker at [start, end) for later pronouns. A speaker written
  // as a role is an organisation when its head word is one ("the company").
  void Note(size_t start, size_t end, const std::string& name, bool org) {
    auto it = std::upper_bound(speakers_.begin(), speakers_.end(), start,
                               [](size_t p, const Named& x) { return p < x.start; });
    speakers_.insert(it, Named{start, end, name, org});
  }

  // True when a speaker written as a role names an organisation by its words ("the
  // company", "the Foreign Ministry") rather than a person ("one official", "a
  // spokeswoman"). Names found to be organisations otherwise are told by IsOrg().
  bool IsOrgPhrase(std::string_view phrase) const {
    const std::vector<people::Word> words = people::SplitWords(phrase);
    if (words.empty()) return false;
    const Lexicon* org = lex_.organisation;
    if (people::HasForm(org, words.back().text)) return true;
    for (const people::Word& w : words) {
      if (StartsUpper(w.text) && people::HasForm(org, w.text)) return true;
    }
    return false;
  }

  // An organisation: marked so, or a name ClassifyOrgs() found to be one (call it first).
  bool IsOrg(const Named& n) { return n.org || org_names_.count(n.name) > 0 || IsOrgName(n.name); }

  // Whether a name without a title is an organisation, by the same tests as
  // ClassifyOrgs() on the mentions of that name alone; cached per name, so that a
  // pronoun costs only the names it looks at.
  bool IsOrgName(const std::string& name) {
    auto cached = org_cache_.find(name);
    if (cached != org_cache_.end()) return cached->second;
    if (by_full_name_.empty()) {
      for (size_t i = 0; i < names_written_; ++i) by_full_name_[names_[i].name].push_back(i);
    }
    bool is_org = false;
    auto found = by_full_name_.find(name);
    if (found != by_full_name_.end()) {
      const bool has_word = HasOrgWord(lex_, name);
      is_org = has_word;
      for (size_t k = 0; k < found->second.size() && !is_org && k < 16; ++k) {
        const Named& n = names_[found->second[k]];
        is_org = IsOrgContext(n.start, n.end);
      }
      if (is_org && !has_word && FirstNameGender(lex_, name) != 0) is_org = false;
    }
    org_cache_.emplace(name, is_org);
    return is_org;
  }

  // An aside headed by an organisation word right after [start, end) ("Carrier
  // Dynamics, the air conditioner maker,"), or one right before it ("its parent
  // company, United Technics").
  bool IsOrgContext(size_t start, size_t end) const {
    const Lexicon* org = lex_.organisation;
    const std::vector<std::string_view> aside = AsideAfter(text_, end);
    if (!aside.empty() && people::HasForm(org, aside.back())) return true;
    if (start >= 2 && text_[start - 1] == ' ' && text_[start - 2] == ',') {
      size_t w = start - 2;
      while (w > 0 && text_[w - 1] != ' ' && text_[w - 1] != '\t' && text_[w - 1] != '\n') --w;
      return people::HasForm(org, text_.substr(w, start - 2 - w));
    }
    return false;
  }

  // The person a definite description stands for ("the Republican nominee said"): the
  // one mentioned last before `before` who was described with every word of it, in
  // the words just before a mention ("Republican nominee Warren Blake", "the nominee,
  // Warren Tate"), an aside after one ("Warren Blake, the Republican nominee,") or an
  // official's title. None when no one or more than one was.
  std::optional<std::string> ByDescriptor(const std::vector<people::Word>& role, size_t before) {
    std::vector<std::string> want;
    for (const people::Word& w : role) {
      const std::string lower = people::AsciiLower(w.text);
      if (lower == "the" || lower == "of" || lower == "for" || lower == "to") continue;
      want.push_back(lower);
    }
    if (want.empty()) return std::nullopt;
    CollectNames();
    // Not a group ("the doctors") nor a bare "the man" or "the mother".
    const std::string& head = want.back();
    if (head.size() > 3 && head.back() == 's' && head[head.size() - 2] != 's' &&
        head[head.size() - 2] != 'u' && head[head.size() - 2] != 'i') {
      return std::nullopt;
    }
    if (GenderWord(lex_, head) != 0) return std::nullopt;
    CollectNames();
    CollectDescriptors();
    auto fits = [&](const std::string& name) {
      auto d = descriptors_.find(name);
      if (d == descriptors_.end()) return false;
      for (const std::string& w : want) {
        if (!d->second.count(w)) return false;
      }
      return true;
    };
    // The speaker of the quotation before, when the description fits: "“…,” the
    // Democratic nominee said. “…,” the nominee added."
    auto last = std::lower_bound(speakers_.begin(), speakers_.end(), before,
                                 [](const Named& n, size_t p) { return n.start < p; });
    if (last != speakers_.begin() && !IsOrg(*std::prev(last)) && fits(std::prev(last)->name)) {
      return std::prev(last)->name;
    }
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), before,
                               [](const Named& n, size_t p) { return n.start < p; });
    // Only when it fits one person: "the nominee" with two nominees named stays as
    // written.
    std::optional<std::string> found;
    for (size_t seen = 0; it != mentions_.begin() && seen < kMaxCandidates; ++seen) {
      --it;
      if (IsOrg(*it) || (found && *found == it->name) || !fits(it->name)) continue;
      if (found) return std::nullopt;
      found = it->name;
    }
    return found;
  }

  // The official holding the title whose head is `head` ("senator" for "the senator"),
  // mentioned last before `before`; none when no official holds it.
  std::optional<size_t> ByTitle(std::string_view head, size_t before) const {
    const std::string want = people::AsciiLower(head);
    std::optional<size_t> best;
    int64_t best_at = -1;
    for (size_t i = 0; i < officials_.size(); ++i) {
      const std::vector<people::Word> words = people::SplitWords(officials_[i].title);
      if (words.empty()) continue;
      size_t h = words.size();
      for (size_t k = 1; k < words.size(); ++k) {
        if (words[k].text == "of" || words[k].text == "for" || words[k].text == "to") {
          h = k;
          break;
        }
      }
      if (people::AsciiLower(words[h - 1].text) != want) continue;
      int64_t at = -1;
      for (const Span& s : officials_[i].mentions) {
        if (static_cast<size_t>(s.start) < before) at = std::max(at, s.start);
      }
      if (at >= 0 && at > best_at) {
        best = i;
        best_at = at;
      }
    }
    return best;
  }

  const Official& official(size_t i) const { return officials_[i]; }
  size_t Paragraph(size_t pos) const { return paragraphs_.IndexOf(pos); }

 private:
  // A pronoun a person's mention may be (the `pronoun_word` lexicon's `person` forms).
  bool IsPronoun(std::string_view w) const {
    const rules::LexiconEntry* e = pronouns_ ? pronouns_->Find(w) : nullptr;
    return e != nullptr && e->attr("person") == "true";
  }

  // 'm', 'f' or 0 for a reported name: the first name, else what was seen next to a
  // mention of it.
  char GenderOf(const std::string& name) {
    auto it = gender_.find(name);
    if (it != gender_.end()) return it->second;
    const char g = FirstNameGender(lex_, name);
    gender_.emplace(name, g);
    return g;
  }

  // The gender told by the words just before [start, end) ("Ms. Park", "spokeswoman
  // Emily Park") or by an aside right after it ("Emily Park, a spokeswoman"), or 0.
  char GenderNear(size_t start, size_t end) const {
    const size_t from = start > 30 ? start - 30 : 0;
    std::vector<people::Word> words = people::SplitWords(text_.substr(from, start - from));
    for (size_t k = words.size(), seen = 0; k > 0 && seen < 2; --k, ++seen) {
      if (from + words[k - 1].end + 1 < start && seen == 0) break;  // not adjacent
      if (const char g = GenderWord(lex_, words[k - 1].text)) return g;
    }
    for (std::string_view w : AsideAfter(text_, end)) {
      if (const char g = GenderWord(lex_, w)) return g;
    }
    return 0;
  }

  // True when `words` appear in a row in `name` after its first word (or are all of a
  // one-word name, or start a name written family name first: "Park" of "Park Ji-hoon").
  static bool Contains(std::string_view name, const std::vector<people::Word>& words) {
    const std::vector<people::Word> other = people::SplitWords(name);
    if (words.empty() || words.size() > other.size()) return false;
    const size_t first = other.size() > 1 && !people::FamilyNameFirst(other, nullptr) ? 1 : 0;
    for (size_t at = first; at + words.size() <= other.size(); ++at) {
      bool same = true;
      for (size_t k = 0; k < words.size() && same; ++k) same = other[at + k].text == words[k].text;
      if (same) return true;
    }
    return false;
  }

  std::string FullestOf(const std::string& name, size_t before) const {
    const std::vector<people::Word> words = people::SplitWords(name);
    if (words.empty()) return name;
    auto found = names_by_word_.find(std::string(words.front().text));
    if (found == names_by_word_.end()) return name;
    const Named* best = nullptr;
    for (size_t index : found->second) {
      const Named& n = names_[index];
      if (n.start >= before || n.name.size() <= name.size() || !Contains(n.name, words)) continue;
      if (best == nullptr || n.start > best->start) best = &n;
    }
    return best ? best->name : name;
  }

  // Which names are organisations, once per article, on the first need (pronouns and
  // sentence subjects; most articles resolve no pronoun). A capitalised phrase is one
  // when it has an `organisation` word ("Foreign Ministry"), an aside headed by one
  // ("Carrier Dynamics, the air conditioner maker,") or one right before it ("its parent
  // company, United Technics"); every mention of that name is then one. Phrases kept
  // out of names_ by a `not_name` word ("Foreign Ministry") are added to mentions_ as
  // organisations. ("The Democratic campaign" is left to CollectOrgPhrases().)
  void ClassifyOrgs() {
    if (orgs_classified_) return;
    orgs_classified_ = true;
    CollectNames();
    std::vector<Named> orgs;
    for (const auto& [cap_start, cap_end, single] : spans_) {
      if (single) continue;
      const std::string_view phrase = text_.substr(cap_start, cap_end - cap_start);
      const bool has_word = HasOrgWord(lex_, phrase);
      bool is_org = has_word || IsOrgContext(cap_start, cap_end);
      // A phrase that opens with a known first name is a person unless it holds an
      // organisation word ("Kellyanne Conroy" after "adviser to the campaign,").
      if (is_org && !has_word && FirstNameGender(lex_, phrase) != 0) is_org = false;
      if (!is_org) continue;
      std::string name = OrgName(cap_start, cap_end);
      org_names_.insert(name);
      if (!people::InRanges(quoted_, cap_start)) orgs.push_back({cap_start, cap_end, name, true});
    }
    if (org_names_.empty()) return;
    // A person mention of an organisation's name (or of its last word) is the
    // organisation; the mention found as a phrase replaces it.
    std::vector<Named> kept;
    kept.reserve(mentions_.size() + orgs.size());
    for (Named& n : mentions_) {
      if (org_names_.count(n.name)) continue;
      kept.push_back(std::move(n));
    }
    std::sort(orgs.begin(), orgs.end(),
              [](const Named& x, const Named& y) { return x.start < y.start; });
    std::vector<std::pair<size_t, size_t>> covered;
    for (const Named& o : orgs) {
      if (!covered.empty() && o.start <= covered.back().second) {
        covered.back().second = std::max(covered.back().second, o.end);
      } else {
        covered.emplace_back(o.start, o.end);
      }
    }
    for (const Named& n : names_) {
      // Surname mentions ("Dynamics" of "Carrier Dynamics") stay, as the organisation.
      if (org_names_.count(n.name) && !people::InRanges(quoted_, n.start) &&
          !people::InRanges(covered, n.start)) {
        kept.push_back({n.start, n.end, n.name, true});
      }
    }
    kept.insert(kept.end(), orgs.begin(), orgs.end());
    mentions_ = std::move(kept);
    std::stable_sort(mentions_.begin(), mentions_.end(),
                     [](const Named& x, const Named& y) { return x.start < y.start; });
  }

  // Organisations written as "the" + a head noun ("The Democratic campaign") in
  // [from, to), by the `role = "org"` rules, outside quotations.
  std::vector<Named> OrgPhrasesIn(size_t from, size_t to) const {
    std::vector<Named> out;
    const re2::StringPiece input(text_.data(), to);
    for (const Rule* rule : org_rules_) {
      re2::StringPiece m;
      size_t pos = from;
      while (pos < to && rule->re()->Match(input, pos, to, RE2::UNANCHORED, &m, 1)) {
        const size_t start = static_cast<size_t>(m.data() - text_.data());
        const size_t end = start + m.size();
        pos = end > start ? end : start + 1;
        if (end <= start || people::InRanges(quoted_, start)) continue;
        std::string name = people::FoldSpaces(text_.substr(start, end - start));
        if (name.size() > 4 && (name.compare(0, 4, "The ") == 0)) name[0] = 't';
        out.push_back({start, end, std::move(name), true});
      }
    }
    return out;
  }

  // Adds OrgPhrasesIn() of the whole text to mentions_; once per article, on the first
  // "it" (they matter to nothing else: organisations are never "he" or "she").
  void CollectOrgPhrases() {
    if (org_phrases_) return;
    org_phrases_ = true;
    std::vector<Named> orgs = OrgPhrasesIn(0, text_.size());
    if (orgs.empty()) return;
    mentions_.insert(mentions_.end(), orgs.begin(), orgs.end());
    std::stable_sort(mentions_.begin(), mentions_.end(),
                     [](const Named& x, const Named& y) { return x.start < y.start; });
  }

  // Gender told next to the names without a title whose first name does not tell it
  // ("Ms. Sasha Whitcombe"); once per article, on the first pronoun.
  void CollectGenderHints() {
    if (hinted_) return;
    hinted_ = true;
    // An official's gender: the first name, else an honorific or a gendered title in
    // one of the mentions ("Chairwoman Patricia Hollis", "Mr Davison").
    for (const Official& o : officials_) {
      char g = FirstNameGender(lex_, o.name);
      for (size_t k = 0; k < o.mentions.size() && g == 0; ++k) {
        const Span& s = o.mentions[k];
        if (s.end <= s.start || static_cast<size_t>(s.end) > text_.size()) continue;
        const std::string_view written =
            text_.substr(static_cast<size_t>(s.start), static_cast<size_t>(s.end - s.start));
        if (IsPronoun(written)) continue;
        for (const people::Word& w : people::SplitWords(written)) {
          std::string_view word = w.text;
          while (!word.empty() && word.back() == ',') word.remove_suffix(1);
          if ((g = GenderWord(lex_, word)) != 0) break;
        }
      }
      if (g != 0) gender_[o.name] = g;
    }
    for (size_t i = 0; i < names_written_; ++i) {
      const Named& n = names_[i];
      if (GenderOf(n.name) != 0) continue;
      if (const char g = GenderNear(n.start, n.end)) gender_[n.name] = g;
    }
  }

  // Lower-case words that describe each person, for ByDescriptor: up to four words just
  // before a mention (through one comma right before it: "the nominee, Warren Tate"),
  // the words of an aside after it, and an official's title.
  void CollectDescriptors() {
    if (described_) return;
    described_ = true;
    auto add = [&](const std::string& name, std::string_view word) {
      while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
      if (word.empty()) return;
      std::string lower = people::AsciiLower(word);
      if (lower == "the" || lower == "a" || lower == "an") return;
      descriptors_[name].insert(std::move(lower));
    };
    auto around = [&](const std::string& name, size_t start, size_t end) {
      const size_t from = start > 60 ? start - 60 : 0;
      const std::vector<people::Word> words = people::SplitWords(text_.substr(from, start - from));
      size_t taken = 0;
      for (size_t k = words.size(); k > 0 && taken < 4; --k, ++taken) {
        const std::string_view w = words[k - 1].text;
        const char last = w.back();
        const bool comma_before_name = last == ',' && taken == 0;
        if (!comma_before_name && (last == ',' || last == '.' || last == ';' || last == ':' ||
                                   static_cast<unsigned char>(last) >= 0x80)) {
          break;
        }
        add(name, w);
      }
      for (std::string_view w : AsideAfter(text_, end)) add(name, w);
    };
    for (size_t i = 0; i < names_written_; ++i) {
      around(names_[i].name, names_[i].start, names_[i].end);
    }
    for (const auto& [span, who] : official_mentions_) {
      const std::string& name = officials_[who].name;
      around(name, static_cast<size_t>(span.start), static_cast<size_t>(span.end));
      for (const people::Word& w : people::SplitWords(officials_[who].title)) add(name, w.text);
    }
  }

  // An organisation's name as reported: the phrase with a leading "The" dropped.
  std::string OrgName(size_t start, size_t end) const {
    std::string s = people::FoldSpaces(text_.substr(start, end - start));
    if (s.size() > 4 && s.compare(0, 4, "The ") == 0) s.erase(0, 4);
    return s;
  }

  // Later mentions of a name without a title by its last word alone ("Becker" after
  // "Tom Becker"), or by its first when the family name comes first ("Park" after "Park
  // Ji-hoon"), outside quotations and other mentions: each goes to the latest
  // earlier name ending in that word. Appended to names_, which is then re-sorted.
  void AddSurnames() {
    std::vector<std::pair<size_t, size_t>> taken;
    for (const Named& n : names_) taken.emplace_back(n.start, n.end);
    for (const auto& [span, who] : official_mentions_) {
      taken.emplace_back(static_cast<size_t>(span.start), static_cast<size_t>(span.end));
    }
    std::sort(taken.begin(), taken.end());
    std::vector<std::pair<size_t, size_t>> merged;
    for (const auto& r : taken) {
      if (!merged.empty() && r.first <= merged.back().second) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    std::map<std::string, std::vector<size_t>> by_surname;  // last word -> names_ indices
    for (size_t i = 0; i < names_.size(); ++i) {
      const std::vector<people::Word> words = people::SplitWords(names_[i].name);
      if (words.size() < 2 || !StartsUpper(words.back().text)) continue;
      by_surname[std::string(words.back().text)].push_back(i);
      // "Park" of "Park Ji-hoon": a family name written first.
      if (people::FamilyNameFirst(words, nullptr)) {
        std::vector<size_t>& v = by_surname[std::string(words.front().text)];
        if (v.empty() || v.back() != i) v.push_back(i);
      }
    }
    std::vector<Named> found;
    size_t searched = 0;
    for (const auto& [surname, holders] : by_surname) {
      if (searched++ >= kMaxSearchedSurnames) break;
      size_t pos = text_.find(surname);
      while (pos != std::string_view::npos) {
        const size_t end = pos + surname.size();
        if (people::IsWholeWord(text_, pos, end) && !people::InRanges(merged, pos) &&
            !people::InRanges(quoted_, pos)) {
          // holders are in text order: the last one that starts before pos.
          auto it = std::lower_bound(holders.begin(), holders.end(), pos,
                                     [&](size_t i, size_t p) { return names_[i].start < p; });
          if (it != holders.begin()) found.push_back({pos, end, names_[*std::prev(it)].name});
        }
        pos = text_.find(surname, end);
      }
    }
    names_.insert(names_.end(), found.begin(), found.end());
  }

  // Names without a title, in text order; a later shorter form takes the fullest
  // earlier one ("Brooks" after "Angela Brooks"), a name that ends an official's name
  // is that official.
  void CollectNames() {
    if (collected_) return;
    collected_ = true;
    const Lexicon* not_name = rules_.lexicon("not_name");
    std::vector<std::tuple<size_t, size_t, bool>> spans;  // start, end, single word allowed
    for (const Rule* rule : person_rules_) {
      const bool single = rule->Emit("single") == "true";
      if (rule->Emit("capture") == "whole") {
        // The name is the whole match: RE2's DFA alone finds it.
        const re2::StringPiece input(text_.data(), text_.size());
        re2::StringPiece m;
        size_t pos = 0;
        while (pos < text_.size() &&
               rule->re()->Match(input, pos, text_.size(), RE2::UNANCHORED, &m, 1)) {
          const size_t start = static_cast<size_t>(m.data() - text_.data());
          if (m.size() == 0) {
            pos = start + 1;
            continue;
          }
          spans.emplace_back(start, start + m.size(), single);
          pos = start + m.size();
        }
      } else {
        for (const Match& m : rules_.FindAllOf(*rule, text_)) {
          if (const rules::Capture* cap = m.Get("name"))
            spans.emplace_back(cap->start, cap->end, single);
        }
      }
    }
    std::sort(spans.begin(), spans.end());
    for (size_t k = 0; k < spans.size(); ++k) {
      const auto& [cap_start, cap_end, single] = spans[k];
      if (people::InRanges(quoted_, cap_start)) continue;
      auto [a, b] = NarrowName(text_, cap_start, cap_end, rules_);
      const std::vector<people::Word> words = people::SplitWords(text_.substr(a, b - a));
      if (words.empty() || (!single && words.size() < 2)) continue;
      bool bad = false;
      for (const people::Word& w : words) bad = bad || InLexicon(not_name, w.text);
      if (bad || At(a, b)) continue;
      Named n{a, b, people::FoldSpaces(text_.substr(a, b - a))};
      if (std::optional<size_t> who = ByName(n.name, a)) {
        n.name = officials_[*who].name;
      } else {
        n.name = FullestOf(n.name, a);
      }
      const std::vector<people::Word> name_words = people::SplitWords(n.name);
      const bool family_first = people::FamilyNameFirst(name_words, nullptr);
      for (size_t k = name_words.size() > 1 && !family_first ? 1 : 0; k < name_words.size(); ++k) {
        std::vector<size_t>& v = names_by_word_[std::string(name_words[k].text)];
        if (v.empty() || v.back() != names_.size()) v.push_back(names_.size());
      }
      names_.push_back(std::move(n));
    }
    names_written_ = names_.size();
    AddSurnames();
    spans_ = std::move(spans);
    for (const auto& [span, who] : official_mentions_) {
      // Pronouns the officials extractor linked are left out: it knows only officials,
      // and a person without a title may stand between.
      const std::string_view written =
          text_.substr(static_cast<size_t>(span.start), static_cast<size_t>(span.end - span.start));
      if (IsPronoun(written)) continue;
      if (!people::InRanges(quoted_, static_cast<size_t>(span.start))) {
        mentions_.push_back(
            {static_cast<size_t>(span.start), static_cast<size_t>(span.end), officials_[who].name});
      }
    }
    mentions_.insert(mentions_.end(), names_.begin(), names_.end());
    std::sort(mentions_.begin(), mentions_.end(),
              [](const Named& x, const Named& y) { return x.start < y.start; });
  }

  std::string_view text_;
  const RuleSet& rules_;
  const RoleRules& person_rules_;
  const RoleRules& org_rules_;  // organisations written with "the": "the Clinton campaign"
  const std::vector<std::pair<size_t, size_t>>& quoted_;
  const std::vector<Official>& officials_;
  NameLexicons lex_;
  const Lexicon* pronouns_;
  people::Paragraphs paragraphs_;
  std::vector<std::pair<Span, size_t>> official_mentions_;
  std::map<std::string, std::vector<size_t>> by_word_;  // officials by each name word but the first
  bool collected_ = false;
  std::vector<Named> names_;  // names without a title in text order, then surname mentions
  std::map<std::string, std::vector<size_t>> names_by_word_;
  std::vector<Named> mentions_;  // official mentions outside quotations, and names_
  std::vector<Named> speakers_;  // speakers resolved so far
  std::unordered_map<std::string, char> gender_;  // reported name -> 'm', 'f' or 0
  std::set<std::string> org_names_;               // names seen as organisations
  size_t names_written_ = 0;                      // names_ before the surname mentions were added
  bool hinted_ = false;                           // CollectGenderHints() has run
  bool described_ = false;                        // CollectDescriptors() has run
  bool orgs_classified_ = false;                  // ClassifyOrgs() has run
  std::unordered_map<std::string, bool> org_cache_;                    // IsOrgName() answers
  std::unordered_map<std::string, std::vector<size_t>> by_full_name_;  // name -> names_
  bool org_phrases_ = false;                                  // CollectOrgPhrases() has run
  std::vector<std::tuple<size_t, size_t, bool>> spans_;       // person rule matches, sorted
  std::map<std::string, std::set<std::string>> descriptors_;  // name -> lower-case words
};

// "a department spokeswoman, Emily Park, said": the name in the aside is the speaker.
std::optional<std::pair<size_t, size_t>> NameInAside(std::string_view text, size_t from,
                                                     size_t to) {
  auto [a, b] = people::Trim(text, from, to);
  if (b <= a + 2 || text[a] != ',' || text[b - 1] != ',') return std::nullopt;
  auto [s, e] = people::Trim(text, a + 1, b - 1);
  const std::vector<people::Word> words = people::SplitWords(text.substr(s, e - s));
  if (words.size() < 2 || words.size() > 5) return std::nullopt;
  for (const people::Word& w : words) {
    if (!StartsUpper(w.text) || w.text.find(',') != std::string_view::npos) return std::nullopt;
  }
  return std::make_pair(s, e);
}

}  // namespace

void ExtractQuotes(const std::string& text, const rules::RuleSet& rules,
                   const std::vector<Official>& officials, std::vector<Quote>* out) {
  std::vector<RawQuote> raw = FindQuotations(text, rules);
  if (raw.empty()) return;

  std::map<std::string, RoleRules> by_role;
  for (const Rule& rule : rules.rules()) by_role[rule.Emit("role")].push_back(&rule);
  const RoleRules& after_rules = by_role["after"];
  const RoleRules& before_rules = by_role["before"];
  const RoleRules& partial_rules = by_role["partial_before"];
  const RoleRules& interview_rules = by_role["interview"];

  // Split quotations: “A,” he said. “B.” -> one quotation in two parts.
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
        std::optional<Match> gap = Attribute(text, after_rules, gap_from, gap_to);
        if (gap && gap->Has("speaker") && RestOfAttribution(text, gap->end, gap_to)) {
          const size_t own_to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
          std::optional<Match> own = Attribute(text, after_rules, q.close_end, own_to);
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

  if (joined.empty()) return;

  std::vector<std::pair<size_t, size_t>> quoted;
  for (const RawQuote& q : joined) {
    for (const auto& part : q.parts) quoted.push_back(part);
  }
  std::sort(quoted.begin(), quoted.end());

  const Lexicon* cues = rules.lexicon("cue");
  const Lexicon* outlets = rules.lexicon("outlet");
  const Lexicon* documents = rules.lexicon("document");
  const Lexicon* small_words = rules.lexicon("small_word");
  const Lexicon* not_name = rules.lexicon("not_name");
  const Lexicon* organisation = rules.lexicon("organisation");
  const Lexicon* pronouns = rules.lexicon("pronoun_word");
  People who(text, rules, by_role["person"], by_role["org"], officials, quoted);

  std::vector<Quote> found;
  // The last quotation kept: its closing paragraph and its speaker, for follow-on
  // paragraphs that name no one.
  std::optional<size_t> last_paragraph;
  std::optional<std::string> last_speaker;
  std::optional<Span> last_speaker_span;
  for (const RawQuote& q : joined) {
    Quote quote;
    size_t words = 0;
    for (const auto& [a, b] : q.parts) {
      if (!quote.text.empty()) quote.text += ' ';
      quote.text.append(text, a, b - a);
      quote.parts.push_back({static_cast<int64_t>(a), static_cast<int64_t>(b)});
      words += people::SplitWords(std::string_view(text).substr(a, b - a)).size();
    }
    if (words == 0) continue;
    quote.span = {quote.parts.front().start, quote.parts.back().end};

    quote.partial = FollowsWord(text, q.open, cues);

    std::optional<Match> att = q.gap_attribution;
    if (!att) {
      if (q.after_from == q.close_end) {
        att = q.after;
      } else {
        const size_t to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
        att = Attribute(text, after_rules, q.close_end, to);
      }
    }
    if (!att) {
      auto [from, to] = BeforeWindow(text, q.open);
      att = Attribute(text, quote.partial ? partial_rules : before_rules, from, to);
    }
    if (!att && !quote.partial) {
      // "Ruiz told reporters the port would close. “We have no choice.”": the sentence
      // just before the quotation, in its paragraph, names the speaker with a cue.
      const size_t para = ParagraphStart(text, q.open);
      size_t end = q.open;
      while (end > para && IsSpaceByte(text[end - 1])) --end;
      if (end > para + 1 &&
          (text[end - 1] == '.' || text[end - 1] == '!' || text[end - 1] == '?')) {
        const size_t from = end - 1 > kWindow ? std::max(para, end - 1 - kWindow) : para;
        att = Attribute(text, partial_rules, from, end - 1);
      }
    }

    // Titles of shows, books and songs, and two-word fragments, are quotations only
    // when someone is said to have said them.
    std::string_view bare = quote.text;
    while (!bare.empty() && (bare.back() == '.' || bare.back() == ',')) bare.remove_suffix(1);
    const bool title_like = IsTitleCase(bare, small_words) && words <= 8 &&
                            bare.find_last_of(".!?") == std::string_view::npos;
    if (!att && title_like) continue;
    // A title after a preposition, an article or a possessive names a show, a book or a
    // tape ("on “Meet the Press”", "MSNBC's “Morning Joe”", "the “Access Hollywood”
    // tape"), whoever speaks in the sentence.
    if (title_like && quote.partial && TitleLead(text, q.open, rules)) continue;
    if (words == 2 && (!att || title_like)) continue;
    // Scare quotes: a fragment of up to three words inside a sentence is a quotation only
    // when the sentence names who said it; one word only where it stands as what was
    // said ("the election was “rigged”", "called it “sad”"), not as a noun of the
    // sentence ("the group's “ideas” were").
    if (quote.partial && words <= 3 && !att) continue;
    // A whole one-word quotation needs an attribution (“Sad!” he wrote).
    if (words == 1 &&
        (!att || (quote.partial && !OneWordFragment(text, q.open, q.close_end, rules)))) {
      continue;
    }

    const size_t paragraph = who.Paragraph(q.open);
    quote.rule = q.mark_rule->id;
    std::optional<std::pair<size_t, size_t>> speaker_at;
    if (att) {
      quote.rule = att->rule->id;
      const Capture* cue = att->Get("cue");
      if (cue != nullptr) quote.cue = people::AsciiLower(people::FoldSpaces(cue->text));
      if (const Capture* s = att->Get("speaker")) {
        speaker_at = {{s->start, s->end}};
        if (cue != nullptr && cue->start > s->end && !StartsUpper(s->text)) {
          if (auto aside = NameInAside(text, s->end, cue->start)) speaker_at = aside;
        }
      }
      if (const Capture* obj = att->Get("object")) {
        const std::string& kind = att->rule->Emit("object");
        const bool outlet = AnyWordIn(outlets, obj->text);
        if (kind == "via" || (kind == "outlet" && outlet)) {
          quote.via = OutletName(obj->text);
        } else if (kind == "speaker_or_via") {
          if (outlet || AnyWordIn(documents, obj->text)) {
            quote.via = OutletName(obj->text);
          } else {
            speaker_at = {{obj->start, obj->end}};
          }
        }
      }
    }
    if (!quote.via) {
      // "in an interview with X" in the quotation's paragraph near it, outside it.
      const size_t para_from = ParagraphStart(text, q.open);
      const size_t from = q.open > kWindow ? std::max(para_from, q.open - kWindow) : para_from;
      const size_t to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
      for (const Rule* rule : interview_rules) {
        if (quote.via) break;
        for (const Match& m :
             rules.FindAllOf(*rule, std::string_view(text).substr(from, to - from))) {
          const size_t s = m.start + from;
          if (s >= q.open && s < q.close_end) continue;
          if (const Capture* obj = m.Get("object")) {
            quote.via = OutletName(obj->text);
            break;
          }
        }
      }
    }

    if (speaker_at) {
      const auto [s, e] = *speaker_at;
      quote.speaker_span = Span{static_cast<int64_t>(s), static_cast<int64_t>(e)};
      const std::string written = people::FoldSpaces(std::string_view(text).substr(s, e - s));
      const rules::LexiconEntry* pronoun = pronouns ? pronouns->Find(written) : nullptr;
      const std::string& refers = pronoun ? pronoun->attr("speaker") : rules::LexiconEntry::kEmpty;
      bool org = false;
      if (refers == "m" || refers == "f" || refers == "o") {
        quote.speaker = who.Antecedent(std::min(s, q.open), refers[0]);
        org = refers == "o";
      } else if (refers == "none") {
        // A group or the speaker's own voice: nobody to name.
      } else if (std::optional<size_t> official = who.At(s, e)) {
        quote.speaker = who.official(*official).name;
      } else {
        auto [a, b] = NarrowName(text, s, e, rules);
        const std::string name = people::FoldSpaces(std::string_view(text).substr(a, b - a));
        const std::vector<people::Word> words = people::SplitWords(name);
        // "That said, ...": a capitalised word that is no name is no speaker.
        bool no_name = !words.empty() && StartsUpper(name);
        for (const people::Word& w : words) {
          no_name = no_name && InLexicon(not_name, w.text) && !InLexicon(organisation, w.text);
        }
        std::optional<size_t> titled;
        if (!StartsUpper(name) && words.size() >= 2 &&
            (words.front().text == "the" || words.front().text == "The")) {
          // "the senator said", "the former secretary of state said": the official
          // whose title has that head noun, mentioned last.
          size_t head = words.size();
          for (size_t k = 1; k < words.size(); ++k) {
            if (words[k].text == "of" || words[k].text == "for" || words[k].text == "to") {
              head = k;
              break;
            }
          }
          titled = who.ByTitle(words[head - 1].text, s);
        }
        if (no_name) {
          quote.speaker_span.reset();
        } else if (std::optional<size_t> by_name = who.ByName(name, s);
                   by_name && StartsUpper(name)) {
          quote.speaker = who.official(*by_name).name;
        } else if (titled) {
          quote.speaker = who.official(*titled).name;
        } else if (std::optional<std::string> described =
                       !StartsUpper(name) && words.size() >= 2 &&
                               (words.front().text == "the" || words.front().text == "The") &&
                               !who.IsOrgPhrase(name)
                           ? who.ByDescriptor(words, s)
                           : std::nullopt) {
          quote.speaker = described;
        } else {
          quote.speaker = StartsUpper(name) ? who.Fullest(name, s) : name;
          org = who.IsOrgPhrase(name);
        }
      }
      if (quote.speaker) who.Note(s, e, *quote.speaker, org);
    } else if (!att && last_speaker && last_paragraph && *last_paragraph + 1 == paragraph &&
               people::Trim(text, ParagraphStart(text, q.open), q.open).first == q.open) {
      // A paragraph that opens with a quotation and names no one goes on with the
      // speaker of the quotation that ended the paragraph before.
      quote.speaker = last_speaker;
      quote.speaker_span = last_speaker_span;
    } else if (!att && !quote.partial) {
      // "Harker spoke for an hour. “This is not who we are.”": a quotation with no
      // attribution after a sentence of its paragraph goes to that sentence's subject.
      if (std::optional<Named> subject = who.SubjectBefore(q.open)) {
        quote.speaker = subject->name;
        quote.speaker_span =
            Span{static_cast<int64_t>(subject->start), static_cast<int64_t>(subject->end)};
      }
    }
    last_paragraph = who.Paragraph(q.close_end > 0 ? q.close_end - 1 : 0);
    last_speaker = quote.speaker;
    last_speaker_span = quote.speaker_span;
    quote.ruleset_version = rules.version();
    found.push_back(std::move(quote));
  }
  std::stable_sort(found.begin(), found.end(), [](const Quote& a, const Quote& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  for (Quote& q : found) out->push_back(std::move(q));
}

}  // namespace newsfacts
