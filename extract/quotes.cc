// Quotes: quotation marks from rules/quotes.toml paired, joined and attributed.
// The decisions shared with the rule file are listed at the top of that file.

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
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
};

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int FieldGroup(const Rule& rule, std::string_view field) {
  for (size_t i = 0; i < rule.fields.size(); ++i) {
    if (rule.fields[i] == field) return rule.field_groups[i];
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

// Every acceptable segment of one marks rule, left to right. A rejected opening mark is
// stepped over and the search goes on right after it.
void FindSegments(std::string_view text, const Rule& rule, std::vector<Segment>* out) {
  const RE2& re = *rule.re;
  const int ngroups = re.NumberOfCapturingGroups();
  const int content_group = FieldGroup(rule, "content");
  const int close_group = FieldGroup(rule, "close");
  if (content_group < 0) return;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups) + 1);
  const re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos < text.size()) {
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
    if (!rule.re->Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1)) continue;
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

// One person the text names: an official, or a name without a title.
struct Named {
  size_t start = 0;
  size_t end = 0;
  std::string name;  // the person's name as it will be reported
};

// Who is who: officials' mentions and the other names in the text, for resolving
// speakers written as a surname, a title or a pronoun. The names without a title are
// collected on first need, once per article.
class People {
 public:
  People(std::string_view text, const RuleSet& rules, const RoleRules& person_rules,
         const std::vector<Official>& officials,
         const std::vector<std::pair<size_t, size_t>>& quoted)
      : text_(text),
        rules_(rules),
        person_rules_(person_rules),
        quoted_(quoted),
        officials_(officials),
        paragraphs_(text) {
    for (size_t i = 0; i < officials.size(); ++i) {
      for (const Span& s : officials[i].mentions) official_mentions_.push_back({s, i});
      // A surname may be any word after the first: "Capriles" of "Henrique Capriles
      // Radonski", "Yasay" of "Perfecto Yasay Jr.".
      const std::vector<people::Word> name = people::SplitWords(officials[i].name);
      for (size_t k = name.size() > 1 ? 1 : 0; k < name.size(); ++k) {
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
  // (outside quotations), in the same paragraph or the two before it.
  std::optional<std::string> Antecedent(size_t pos) {
    CollectNames();
    const Named* best = nullptr;
    auto latest = [&](const std::vector<Named>& v) {
      auto it = std::lower_bound(v.begin(), v.end(), pos,
                                 [](const Named& n, size_t p) { return n.start < p; });
      while (it != v.begin()) {
        --it;
        if (it->end <= pos) {
          if (best == nullptr || it->start > best->start) best = &*it;
          return;
        }
      }
    };
    latest(mentions_);
    latest(speakers_);
    if (best == nullptr) return std::nullopt;
    const size_t here = paragraphs_.IndexOf(pos);
    if (paragraphs_.IndexOf(best->start) + 2 < here) return std::nullopt;
    return best->name;
  }

  // Records a resolved speaker at [start, end) for later pronouns.
  void Note(size_t start, size_t end, const std::string& name) {
    auto it = std::upper_bound(speakers_.begin(), speakers_.end(), start,
                               [](size_t p, const Named& x) { return p < x.start; });
    speakers_.insert(it, Named{start, end, name});
  }

  const Official& official(size_t i) const { return officials_[i]; }
  size_t Paragraph(size_t pos) const { return paragraphs_.IndexOf(pos); }

 private:
  static bool IsPronoun(std::string_view w) {
    const std::string lower = people::AsciiLower(w);
    return lower == "he" || lower == "she" || lower == "his" || lower == "her" || lower == "him" ||
           lower == "they" || lower == "their";
  }

  // True when `words` appear in a row in `name` after its first word (or are all of a
  // one-word name).
  static bool Contains(std::string_view name, const std::vector<people::Word>& words) {
    const std::vector<people::Word> other = people::SplitWords(name);
    if (words.empty() || words.size() > other.size()) return false;
    const size_t first = other.size() > 1 ? 1 : 0;
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

  // Names without a title, in text order; a later shorter form takes the fullest
  // earlier one ("Brooks" after "Angela Brooks"), a name that ends an official's name
  // is that official.
  void CollectNames() {
    if (collected_) return;
    collected_ = true;
    const Lexicon* not_name = rules_.lexicon("not_name");
    std::vector<std::tuple<size_t, size_t, bool>> spans;  // start, end, single word allowed
    for (const Rule* rule : person_rules_) {
      const bool single = rule->Emit("single") == "yes";
      if (rule->Emit("capture") == "whole") {
        // The name is the whole match: RE2's DFA alone finds it.
        const re2::StringPiece input(text_.data(), text_.size());
        re2::StringPiece m;
        size_t pos = 0;
        while (pos < text_.size() &&
               rule->re->Match(input, pos, text_.size(), RE2::UNANCHORED, &m, 1)) {
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
    for (const auto& [cap_start, cap_end, single] : spans) {
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
      for (size_t k = name_words.size() > 1 ? 1 : 0; k < name_words.size(); ++k) {
        std::vector<size_t>& v = names_by_word_[std::string(name_words[k].text)];
        if (v.empty() || v.back() != names_.size()) v.push_back(names_.size());
      }
      names_.push_back(std::move(n));
    }
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
  const std::vector<std::pair<size_t, size_t>>& quoted_;
  const std::vector<Official>& officials_;
  people::Paragraphs paragraphs_;
  std::vector<std::pair<Span, size_t>> official_mentions_;
  std::map<std::string, std::vector<size_t>> by_word_;  // officials by each name word but the first
  bool collected_ = false;
  std::vector<Named> names_;  // names without a title, in text order
  std::map<std::string, std::vector<size_t>> names_by_word_;
  std::vector<Named> mentions_;  // official mentions outside quotations, and names_
  std::vector<Named> speakers_;  // speakers resolved so far
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
  std::map<std::string, RoleRules> by_role;
  for (const Rule& rule : rules.rules()) by_role[rule.Emit("role")].push_back(&rule);
  const RoleRules& after_rules = by_role["after"];
  const RoleRules& before_rules = by_role["before"];
  const RoleRules& partial_rules = by_role["partial_before"];
  const RoleRules& interview_rules = by_role["interview"];

  std::vector<RawQuote> raw = FindQuotations(text, rules);

  // Split quotations: “A,” he said. “B.” -> one quotation in two parts.
  std::vector<RawQuote> joined;
  for (RawQuote& q : raw) {
    if (!joined.empty()) {
      RawQuote& prev = joined.back();
      const size_t gap_from = prev.close_end;
      const size_t gap_to = q.open;
      const bool same_line = gap_to >= gap_from && text.find('\n', gap_from) >= gap_to;
      if (same_line && !prev.gap_attribution) {
        std::optional<Match> gap = Attribute(text, after_rules, gap_from, gap_to);
        if (gap && gap->Has("speaker") && RestOfAttribution(text, gap->end, gap_to)) {
          const size_t own_to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
          if (!Attribute(text, after_rules, q.close_end, own_to)) {
            prev.parts.insert(prev.parts.end(), q.parts.begin(), q.parts.end());
            prev.close_end = q.close_end;
            prev.gap_attribution = std::move(gap);
            continue;
          }
        }
      }
    }
    joined.push_back(std::move(q));
  }

  std::vector<std::pair<size_t, size_t>> quoted;
  for (const RawQuote& q : joined) {
    for (const auto& part : q.parts) quoted.push_back(part);
  }
  std::sort(quoted.begin(), quoted.end());

  const Lexicon* cues = rules.lexicon("cue");
  const Lexicon* outlets = rules.lexicon("outlet");
  const Lexicon* documents = rules.lexicon("document");
  const Lexicon* small_words = rules.lexicon("small_word");
  People who(text, rules, by_role["person"], officials, quoted);

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
    if (words <= 1) continue;  // scare quotes
    quote.span = {quote.parts.front().start, quote.parts.back().end};

    // partial: the quotation follows a word directly, and that word is no cue verb.
    size_t p = q.open;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
    size_t len = 0;
    if (p > 0 && people::IsWordChar(people::DecodeBefore(text, p, &len))) {
      size_t w = p;
      while (w > 0 && people::IsWordChar(people::DecodeBefore(text, w, &len))) w -= len;
      const std::string_view word = std::string_view(text).substr(w, p - w);
      const rules::LexiconEntry* e = cues ? cues->Find(word) : nullptr;
      quote.partial = e == nullptr;
    }

    std::optional<Match> att = q.gap_attribution;
    if (!att) {
      const size_t to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
      att = Attribute(text, after_rules, q.close_end, to);
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
    if (words == 2 && (!att || title_like)) continue;

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
      const std::string lower = people::AsciiLower(written);
      if (lower == "he" || lower == "she") {
        quote.speaker = who.Antecedent(std::min(s, q.open));
      } else if (lower == "they" || lower == "we" || lower == "i") {
        // A group or the speaker's own voice: nobody to name.
      } else if (std::optional<size_t> official = who.At(s, e)) {
        quote.speaker = who.official(*official).name;
      } else {
        auto [a, b] = NarrowName(text, s, e, rules);
        const std::string name = people::FoldSpaces(std::string_view(text).substr(a, b - a));
        if (std::optional<size_t> by_name = who.ByName(name, s); by_name && StartsUpper(name)) {
          quote.speaker = who.official(*by_name).name;
        } else {
          quote.speaker = StartsUpper(name) ? who.Fullest(name, s) : name;
        }
      }
      if (quote.speaker) who.Note(s, e, *quote.speaker);
    } else if (!att && last_speaker && last_paragraph && *last_paragraph + 1 == paragraph &&
               people::Trim(text, ParagraphStart(text, q.open), q.open).first == q.open) {
      // A paragraph that opens with a quotation and names no one goes on with the
      // speaker of the quotation that ended the paragraph before.
      quote.speaker = last_speaker;
      quote.speaker_span = last_speaker_span;
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
