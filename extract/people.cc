#include "extract/people.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstring>
#include <functional>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "common/utf8.h"
#include "extract/rule_set.h"

namespace newsfacts::people {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == kReplacementCharacter) return false;
  const auto u = static_cast<UChar32>(c);
  return u_isalnum(u) || (U_GET_GC_MASK(u) & U_GC_M_MASK) != 0;
}

bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = 0;
  return IsUpper(DecodeUtf8(s, &pos));
}

bool IsWholeWord(std::string_view text, size_t start, size_t end) {
  size_t before = start, after = end;
  if (start > 0 && IsWordChar(DecodeUtf8Before(text, &before))) return false;
  if (end < text.size() && IsWordChar(DecodeUtf8(text, &after))) return false;
  return true;
}

std::string FoldSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = IsSpace(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::vector<Word> SplitWords(std::string_view s) {
  // One allocation for the few words of a name or a phrase, without a pass to count
  // them (a word and a space take two bytes at least); longer texts grow from there.
  constexpr size_t kFewWords = 16;
  std::vector<Word> words;
  words.reserve(std::min(s.size() / 2 + 1, kFewWords));
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) words.push_back({s.substr(start, i - start), start, i});
  }
  return words;
}

std::pair<size_t, size_t> Trim(std::string_view text, size_t start, size_t end) {
  while (start < end && IsSpace(text[start])) ++start;
  while (end > start && IsSpace(text[end - 1])) --end;
  return {start, end};
}

Paragraphs::Paragraphs(std::string_view text) {
  starts_.push_back(0);
  size_t i = text.find('\n');
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i < text.size()) starts_.push_back(i);
    i = text.find('\n', i);
  }
}

size_t Paragraphs::IndexOf(size_t pos) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), pos);
  return static_cast<size_t>(it - starts_.begin()) - 1;
}

std::vector<std::pair<size_t, size_t>> QuotedRanges(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  char32_t open = 0;  // the mark of the open quotation ('"' or “), 0 for none
  size_t open_at = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Only '\n', '"', “ and ” matter; skip other ASCII fast.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte != '\n' && byte != '"' && byte < 0x80) {
      ++i;
      continue;
    }
    size_t next = i;
    const char32_t c = DecodeUtf8(text, &next);
    if (c == '\n') {
      if (open != 0) {
        out.emplace_back(open_at, i);
        size_t j = i;
        while (j < text.size() && IsSpace(text[j])) ++j;
        size_t after_mark = j;
        if (j < text.size() && DecodeUtf8(text, &after_mark) == open) {
          open_at = i = after_mark;  // the next paragraph goes on with the quotation
          continue;
        }
        open = 0;
      }
    } else if (open == 0) {
      if (c == kLeftDoubleQuote || c == '"') {
        open = c;
        open_at = next;
      }
    } else if ((open == kLeftDoubleQuote && c == kRightDoubleQuote) || (open == '"' && c == '"')) {
      out.emplace_back(open_at, i);
      open = 0;
    }
    i = next;
  }
  if (open != 0) out.emplace_back(open_at, text.size());
  return out;
}

namespace {

// The base letter of c in lower case: the first code point of its canonical
// decomposition, lower-cased.
char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
  UErrorCode err = U_ZERO_ERROR;
  static const UNormalizer2* nfd = unorm2_getNFDInstance(&err);
  char32_t base = c;
  if (nfd != nullptr) {
    UChar buf[8];
    UErrorCode e = U_ZERO_ERROR;
    const int32_t n = unorm2_getDecomposition(nfd, static_cast<UChar32>(c), buf, 8, &e);
    if (U_SUCCESS(e) && n > 0) {
      UChar32 first = 0;
      int32_t i = 0;
      U16_NEXT(buf, i, n, first);
      base = static_cast<char32_t>(first);
    }
  }
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(base)));
}

}  // namespace

FoldedText Fold(std::string_view text) {
  FoldedText out;
  out.folded.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    // A run of ASCII bytes folds byte for byte: copied in one step, not pushed one by one
    // (most of an article is such runs).
    size_t run = i;
    while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x80) ++run;
    if (run > i) {
      const size_t at = out.folded.size();
      out.folded.resize(at + (run - i));
      char* dst = out.folded.data() + at;
      for (size_t k = i; k < run; ++k) {
        const char c = text[k];
        *dst++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      }
      const size_t first = out.offsets.size();
      out.offsets.resize(first + (run - i));
      std::iota(out.offsets.begin() + static_cast<std::ptrdiff_t>(first), out.offsets.end(), i);
      i = run;
      continue;
    }
    const size_t start = i;
    const char32_t c = DecodeUtf8(text, &i);
    const size_t before = out.folded.size();
    AppendUtf8(FoldCodePoint(c), &out.folded);
    out.offsets.insert(out.offsets.end(), out.folded.size() - before, start);
  }
  out.offsets.push_back(text.size());
  return out;
}

std::string FoldKey(std::string_view s) { return Fold(s).folded; }

namespace {

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct CachedForms {
  const void* entries = nullptr;  // identity of the lexicon's contents
  size_t count = 0;
  std::unordered_set<std::string, TransparentHash, std::equal_to<>> forms;
  // Bit (first byte, min(length, 63)) is set when some form has that first byte and
  // length: most words asked about are in no lexicon, and this turns them down
  // without hashing them.
  std::bitset<256 * 64> shapes;
  bool has_empty = false;  // "" is a form

  static size_t Shape(std::string_view s) {
    return static_cast<size_t>(static_cast<unsigned char>(s[0])) * 64 +
           std::min<size_t>(s.size(), 63);
  }
};

}  // namespace

bool FamilyNameFirst(const std::vector<Word>& words, const rules::Lexicon* family_first) {
  if (words.size() < 2 || words.size() > 3) return false;
  if (!StartsUpper(words[0].text)) return false;
  if (HasForm(family_first, words[0].text)) return true;
  const std::string_view last = words.back().text;
  const size_t hyphen = last.find('-');
  if (hyphen == std::string_view::npos || hyphen == 0 || hyphen + 1 >= last.size()) return false;
  size_t syllable = hyphen + 1;
  return IsLower(DecodeUtf8(last, &syllable));
}

bool HasForm(const rules::Lexicon* lexicon, std::string_view word) {
  if (lexicon == nullptr) return false;
  thread_local std::unordered_map<const rules::Lexicon*, CachedForms> cache;
  // The same lexicon is usually asked about many times in a row.
  thread_local const rules::Lexicon* last_lexicon = nullptr;
  thread_local CachedForms* last_cached = nullptr;
  if (lexicon != last_lexicon) {
    last_cached = &cache[lexicon];  // node-based: the address stays valid
    last_lexicon = lexicon;
  }
  CachedForms& cached = *last_cached;
  const auto& entries = lexicon->entries();
  if (cached.entries != entries.data() || cached.count != entries.size()) {
    cached.forms.clear();
    cached.shapes.reset();
    bool has_empty = false;
    for (const rules::LexiconEntry& e : entries) {
      for (const std::string& f : e.forms) {
        cached.forms.insert(f);
        if (f.empty()) {
          has_empty = true;
        } else {
          cached.shapes.set(CachedForms::Shape(f));
        }
      }
    }
    cached.has_empty = has_empty;
    cached.entries = entries.data();
    cached.count = entries.size();
  }
  if (word.empty()) return cached.has_empty;
  if (!cached.shapes.test(CachedForms::Shape(word))) return false;
  return cached.forms.find(word) != cached.forms.end();
}

bool StartsWithForm(const rules::Lexicon* lexicon, std::string_view word) {
  if (lexicon == nullptr) return false;
  for (const rules::LexiconEntry& e : lexicon->entries()) {
    for (const std::string& f : e.forms) {
      if (word.size() > f.size() && word.compare(0, f.size(), f) == 0) return true;
    }
  }
  return false;
}

bool EndsWithForm(const rules::Lexicon* lexicon, std::string_view word) {
  if (lexicon == nullptr) return false;
  for (const rules::LexiconEntry& e : lexicon->entries()) {
    for (const std::string& f : e.forms) {
      if (word.size() > f.size() && word.compare(word.size() - f.size(), f.size(), f) == 0) {
        return true;
      }
    }
  }
  return false;
}

namespace {

bool IsAsciiWordByte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The forms a rule's matches must start with, when its pattern opens with a lexicon.
struct LeadingForms {
  std::string pattern;  // the rule's pattern when worked out (rule sets may be reloaded)
  const void* entries = nullptr;
  bool usable = false;
  bool word_boundary = false;  // the pattern starts with \b
  std::vector<std::string> forms;
  std::bitset<256> first;  // first bytes of forms
};

const LeadingForms& LeadingFormsOf(const rules::RuleSet& rules, const rules::Rule& rule) {
  thread_local std::unordered_map<const rules::Rule*, LeadingForms> known;
  LeadingForms& k = known[&rule];
  const rules::Lexicon* lexicon = nullptr;
  std::string_view p = rule.source_pattern;
  bool word_boundary = false;
  if (p.substr(0, 2) == "\\b") {
    word_boundary = true;
    p.remove_prefix(2);
  }
  std::string name;
  if (p.substr(0, 4) == "(?P<") {
    const size_t gt = p.find('>');
    if (gt != std::string_view::npos)
      p.remove_prefix(gt + 1);
    else
      p = {};
    if (p.substr(0, 2) == "%{") {
      const size_t close = p.find('}');
      if (close != std::string_view::npos && p.substr(close + 1, 1) == ")") {
        name = std::string(p.substr(2, close - 2));
      }
    }
  } else if (p.substr(0, 2) == "%{") {
    const size_t close = p.find('}');
    if (close != std::string_view::npos) name = std::string(p.substr(2, close - 2));
  }
  if (!name.empty()) lexicon = rules.lexicon(name);
  const void* entries = lexicon != nullptr ? lexicon->entries().data() : nullptr;
  if (k.pattern == rule.source_pattern && k.entries == entries && !k.pattern.empty()) return k;
  k = LeadingForms();
  k.pattern = rule.source_pattern;
  k.entries = entries;
  if (lexicon == nullptr || lexicon->ignore_case()) return k;
  for (const rules::LexiconEntry& e : lexicon->entries()) {
    for (const std::string& f : e.forms) {
      // A form with spaces matches any run of whitespace: no literal to look for.
      if (f.empty() || std::any_of(f.begin(), f.end(), [](char c) { return IsSpace(c); })) {
        return k;
      }
      k.forms.push_back(f);
      k.first.set(static_cast<unsigned char>(f[0]));
    }
  }
  k.usable = !k.forms.empty();
  k.word_boundary = word_boundary;
  return k;
}

// Is one of lead's forms written at pos, whose byte is one of their first bytes (at a word
// boundary when the pattern asks for one)?
bool PlaceAt(const LeadingForms& lead, std::string_view text, size_t pos) {
  const char c = text[pos];
  // RE2's \b is an ASCII word boundary.
  if (lead.word_boundary && (pos > 0 && IsAsciiWordByte(text[pos - 1])) == IsAsciiWordByte(c)) {
    return false;
  }
  for (const std::string& f : lead.forms) {
    if (f[0] == c && text.compare(pos, f.size(), f) == 0) return true;
  }
  return false;
}

// The places where one of lead's forms is written (PlaceAt), for positions that only
// grow. When the forms open with a few bytes, each is looked for with memchr and where it
// is next written kept until passed, rather than every byte tested.
class PlaceFinder {
 public:
  PlaceFinder(const LeadingForms& lead, std::string_view text) : lead_(lead), text_(text) {
    constexpr size_t kMaxBytes = 8;  // more, and testing each byte costs less
    if (lead.first.count() > kMaxBytes) return;
    for (size_t b = 0; b < lead.first.size(); ++b) {
      if (lead.first.test(b)) {
        next_.push_back({static_cast<char>(b), Find(static_cast<char>(b), 0)});
      }
    }
  }

  // The first place at or after pos, or npos.
  size_t Next(size_t pos) {
    if (next_.empty()) {
      for (; pos < text_.size(); ++pos) {
        if (lead_.first.test(static_cast<unsigned char>(text_[pos])) &&
            PlaceAt(lead_, text_, pos)) {
          return pos;
        }
      }
      return std::string_view::npos;
    }
    while (true) {
      size_t candidate = std::string_view::npos;
      for (auto& [byte, at] : next_) {
        if (at < pos) at = Find(byte, pos);
        candidate = std::min(candidate, at);
      }
      if (candidate == std::string_view::npos || PlaceAt(lead_, text_, candidate)) {
        return candidate;
      }
      pos = candidate + 1;
    }
  }

 private:
  size_t Find(char byte, size_t from) const {
    if (from >= text_.size()) return std::string_view::npos;
    const void* at = std::memchr(text_.data() + from, byte, text_.size() - from);
    return at == nullptr ? std::string_view::npos
                         : static_cast<size_t>(static_cast<const char*>(at) - text_.data());
  }

  const LeadingForms& lead_;
  std::string_view text_;
  std::vector<std::pair<char, size_t>> next_;  // a first byte, where it is next written
};

// The match RE2 found, groups[0] the whole of it, with a capture for each of the rule's
// fields (unmatched groups as unmatched captures).
rules::Match MatchWithGroups(const rules::Rule& rule, size_t rule_index, std::string_view text,
                             const std::vector<re2::StringPiece>& groups,
                             const std::vector<int>& field_groups) {
  rules::Match m;
  m.rule = &rule;
  m.rule_index = rule_index;
  m.start = static_cast<size_t>(groups[0].data() - text.data());
  m.end = m.start + groups[0].size();
  for (size_t f = 0; f < rule.fields.size(); ++f) {
    const re2::StringPiece& g = groups[static_cast<size_t>(field_groups[f])];
    rules::Capture cap;
    cap.name = rule.fields[f];
    if (g.data() != nullptr) {
      cap.matched = true;
      cap.start = static_cast<size_t>(g.data() - text.data());
      cap.end = cap.start + g.size();
      cap.text = text.substr(cap.start, g.size());
    }
    m.captures.push_back(cap);
  }
  return m;
}

}  // namespace

bool FindAllLedByLexicon(const rules::RuleSet& rules, const rules::Rule& rule,
                         std::string_view text, bool with_groups, std::vector<rules::Match>* out) {
  const LeadingForms& lead = LeadingFormsOf(rules, rule);
  if (!lead.usable || rule.fields.empty()) return false;
  const RE2& re = *rule.re(text);
  const std::vector<int>& field_groups = rule.field_groups(text);
  const int ngroups = with_groups ? re.NumberOfCapturingGroups() : 0;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups) + 1);
  const re2::StringPiece input(text.data(), text.size());
  const size_t rule_index = static_cast<size_t>(&rule - rules.rules().data());
  // Every match starts where a form is written, so the leftmost match at or after pos
  // is the match anchored at the first such place where there is one. Each place that
  // holds no match costs a search of its own: past kMaxMisses of them (hostile text,
  // or a pattern that reads far before failing) the rest is one ordinary search, which
  // finds the same matches.
  constexpr size_t kMaxMisses = 512;
  size_t misses = 0;
  size_t pos = 0;
  PlaceFinder places(lead, text);
  while (pos < text.size()) {
    if (misses < kMaxMisses) {
      const size_t at = places.Next(pos);
      if (at == std::string_view::npos) break;
      if (!re.Match(input, at, text.size(), RE2::ANCHOR_START, groups.data(), ngroups + 1) ||
          groups[0].empty()) {
        ++misses;
        pos = at + 1;
        continue;
      }
    } else {
      if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups + 1)) break;
      if (groups[0].empty()) {  // never for a non-empty form; step on to stay finite
        pos = static_cast<size_t>(groups[0].data() - text.data()) + 1;
        continue;
      }
    }
    const size_t start = static_cast<size_t>(groups[0].data() - text.data());
    rules::Match m = with_groups
                         ? MatchWithGroups(rule, rule_index, text, groups, field_groups)
                         : WholeMatch(rule, rule_index, text, start, start + groups[0].size());
    pos = m.end;
    out->push_back(std::move(m));
  }
  return true;
}

rules::Match WholeMatch(const rules::Rule& rule, size_t rule_index, std::string_view text,
                        size_t start, size_t end) {
  rules::Match m;
  m.rule = &rule;
  m.rule_index = rule_index;
  m.start = start;
  m.end = end;
  rules::Capture cap;
  cap.name = rule.fields[0];
  cap.text = text.substr(start, end - start);
  cap.start = start;
  cap.end = end;
  cap.matched = true;
  m.captures.push_back(cap);
  return m;
}

bool IsAbbreviationDot(std::string_view text, size_t dot) {
  size_t w = dot;
  while (w > 0 && (std::isalpha(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '.')) {
    --w;
  }
  return dot - w <= 3 && dot > w && std::isupper(static_cast<unsigned char>(text[w]));
}

bool InRanges(const std::vector<std::pair<size_t, size_t>>& ranges, size_t pos) {
  auto it =
      std::upper_bound(ranges.begin(), ranges.end(), std::make_pair(pos, static_cast<size_t>(-1)));
  if (it == ranges.begin()) return false;
  --it;
  return pos >= it->first && pos < it->second;
}

}  // namespace newsfacts::people
