// Quotation marks: segments between marks, and quotations chained from them.

#include "extract/quotes_marks.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "common/utf8.h"
#include "extract/people.h"

namespace newsfacts::quotes {
namespace {

using rules::Rule;
using rules::RuleSet;

// One stretch between an opening mark and its closing mark (or the line end).
struct Segment {
  size_t open = 0;           // the opening mark
  size_t content_start = 0;  // first byte inside the marks
  size_t content_end = 0;
  size_t close_end = 0;  // just past the closing mark (= content_end when unclosed)
  bool closed = false;
  const Rule* rule = nullptr;
};

int FieldGroup(const Rule& rule, std::string_view field) {
  for (size_t i = 0; i < rule.fields.size(); ++i) {
    if (rule.fields[i] == field) return rule.field_groups()[i];
  }
  return -1;
}

// May an opening mark stand at `open`, with content starting at `content`, by its rule's
// `opens_after` emit (`after`)?
bool OpeningAllowed(std::string_view text, const std::string& after, size_t open, size_t content) {
  if (after.empty()) return true;
  if (open == 0) return true;
  if (content < text.size() && IsSpaceByte(text[content])) {
    // A mark with spaces on both sides opens a quotation (" like this "); one glued to
    // the word before it closes one.
    const char before = text[open - 1];
    return before == ' ' || before == '\t' || before == '\n';
  }
  size_t prev_start = open;
  const char32_t prev = DecodeUtf8Before(text, &prev_start);
  if (after == "nonword") return !people::IsWordChar(prev);
  // "space"
  return prev == ' ' || prev == '\t' || prev == '\n' || prev == '(' || prev == '[' ||
         prev == 0x2014 || prev == 0x2013 || prev == people::kLeftDoubleQuote || prev == '"' ||
         prev == 0x00A0;
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

// The leftmost match at or after pos, by RE2's DFAs alone. With `at_mark` (pos is where
// an opening mark is written), the match that starts there is looked for first: when
// there is one it is the leftmost, and RE2 then needs no backward pass for its start.
bool SpanFrom(const RE2& re, const re2::StringPiece& input, size_t pos, bool at_mark,
              re2::StringPiece* whole) {
  if (at_mark && re.Match(input, pos, input.size(), RE2::ANCHOR_START, whole, 1)) return true;
  return re.Match(input, pos, input.size(), RE2::UNANCHORED, whole, 1);
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
  const std::string& opens_after = rule.Emit("opens_after");
  size_t pos = 0;
  while (pos < text.size()) {
    if (!prefix.empty()) {
      // Only an opening mark can start a match: go to the next one that may open a
      // quotation (an apostrophe inside a word may not) before asking RE2, which would
      // otherwise scan on from every apostrophe to the line's end.
      size_t at = text.find(prefix, pos);
      while (at != std::string_view::npos) {
        const size_t content = NextCodePoint(text, at);
        if (OpeningAllowed(text, opens_after, at, content)) break;
        at = text.find(prefix, content);
      }
      if (at == std::string_view::npos) break;
      pos = at;
    }
    // The span by RE2's DFA alone; most apostrophes are turned down before any slower
    // search for the groups.
    re2::StringPiece whole;
    if (!SpanFrom(re, input, pos, !prefix.empty(), &whole)) break;
    const size_t start = static_cast<size_t>(whole.data() - text.data());
    const size_t end = start + whole.size();
    const size_t mark = NextCodePoint(text, start) - start;
    if (end <= start + mark) {
      pos = start + std::max<size_t>(mark, 1);
      continue;
    }
    if (!OpeningAllowed(text, opens_after, start, start + mark)) {
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

// The segments of every marks rule in text order, those inside or crossing an earlier
// one left out; of two at one opening mark, a closed one, else the earlier rule's.
std::vector<Segment> OuterSegments(std::string_view text, const RuleSet& rules) {
  std::vector<Segment> segments;
  for (const Rule& rule : rules.rules()) {
    if (rule.Emit("role") == "marks") FindSegments(text, rule, &segments);
  }
  // At one opening mark a closed segment comes first ("“…," closed by a straight mark
  // rather than left open to the line's end), then the rule listed first.
  std::stable_sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
    if (a.open != b.open) return a.open < b.open;
    return a.closed && !b.closed;
  });
  std::vector<Segment> outer;
  for (const Segment& s : segments) {
    if (!outer.empty() && s.open < outer.back().close_end) continue;  // nested or crossing
    outer.push_back(s);
  }
  return outer;
}

// Does the unclosed segment s go on in `next`: the next paragraph opens with a mark of
// the same rule, with nothing but whitespace (and at least one line break) between?
bool ContinuesIn(std::string_view text, const Segment& s, const Segment& next) {
  if (next.rule != s.rule) return false;
  bool blank_between = next.open > s.content_end;
  bool newline = false;
  for (size_t k = s.content_end; k < next.open && blank_between; ++k) {
    if (!IsSpaceByte(text[k])) blank_between = false;
    if (text[k] == '\n') newline = true;
  }
  return blank_between && newline;
}

}  // namespace

std::vector<RawQuote> FindQuotations(std::string_view text, const RuleSet& rules) {
  const std::vector<Segment> outer = OuterSegments(text, rules);
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
      if (j + 1 >= outer.size() || !ContinuesIn(text, s, outer[j + 1])) break;
      ++j;
    }
    if (complete && !q.parts.empty()) quotes.push_back(std::move(q));
    i = j + 1;
  }
  return quotes;
}

size_t ParagraphStart(std::string_view text, size_t pos) {
  if (pos == 0 || text.empty()) return 0;
  // memrchr, not rfind: rfind steps back a byte at a time.
  const void* nl = memrchr(text.data(), '\n', std::min(pos, text.size()));
  return nl == nullptr ? 0 : static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
}

size_t ParagraphEnd(std::string_view text, size_t pos) {
  const size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl;
}

}  // namespace newsfacts::quotes
