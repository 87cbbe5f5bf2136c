// Quotes: quotation marks from rules/quotes.toml paired, joined and attributed.
// The decisions shared with the rule file are listed at the top of that file.

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
  size_t close_end = 0;      // just past the closing mark (= content_end when unclosed)
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
  if (content < text.size() && IsSpaceByte(text[content])) return false;
  if (open == 0) return true;
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
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups + 1)) break;
    const size_t start = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = start + groups[0].size();
    const re2::StringPiece& content = groups[static_cast<size_t>(content_group)];
    if (content.data() == nullptr || end <= start) {
      pos = start + 1;
      continue;
    }
    Segment s;
    s.open = start;
    s.content_start = static_cast<size_t>(content.data() - text.data());
    s.content_end = s.content_start + content.size();
    s.close_end = end;
    s.closed = close_group >= 0 && groups[static_cast<size_t>(close_group)].data() != nullptr;
    s.rule = &rule;
    if (!OpeningAllowed(text, rule, s.open, s.content_start)) {
      pos = s.content_start;  // just past the rejected mark
      continue;
    }
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

// The best match of the rules with this emit role in text[from, to), offsets made
// absolute. "after" rules are anchored at `from`, "before" rules at `to`; the longest
// match wins, then the earlier rule.
std::optional<Match> Attribute(std::string_view text, const RuleSet& rules, std::string_view role,
                               size_t from, size_t to) {
  if (to <= from) return std::nullopt;
  const std::string_view window = text.substr(from, to - from);
  std::optional<Match> best;
  for (const Rule& rule : rules.rules()) {
    if (rule.Emit("role") != role) continue;
    for (Match& m : rules.FindAllOf(rule, window)) {
      if (best && m.length() <= best->length()) continue;
      best = std::move(m);
    }
  }
  if (!best) return std::nullopt;
  best->start += from;
  best->end += from;
  for (Capture& c : best->captures) {
    if (!c.matched) continue;
    c.start += from;
    c.end += from;
  }
  return best;
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

// Officials' mentions, for finding who a speaker is.
class Speakers {
 public:
  explicit Speakers(const std::vector<Official>& officials) : officials_(officials) {
    for (size_t i = 0; i < officials.size(); ++i) {
      for (const Span& s : officials[i].mentions) mentions_.push_back({s, i});
      const std::vector<people::Word> name = people::SplitWords(officials[i].name);
      if (!name.empty()) by_last_word_[std::string(name.back().text)].push_back(i);
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  }

  // The official with a mention overlapping [start, end). Mentions of different people
  // never overlap, so the mention starting last before `end` is the only candidate.
  std::optional<size_t> At(size_t start, size_t end) const {
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), end,
                               [](const auto& m, size_t pos) {
                                 return static_cast<size_t>(m.first.start) < pos;
                               });
    if (it == mentions_.begin()) return std::nullopt;
    --it;
    if (static_cast<size_t>(it->first.end) > start) return it->second;
    return std::nullopt;
  }

  // The official whose name ends with the speaker's last word ("Mr. Blinken").
  std::optional<size_t> ByName(std::string_view speaker, size_t before) const {
    const std::vector<people::Word> words = people::SplitWords(speaker);
    if (words.empty()) return std::nullopt;
    std::optional<size_t> best;
    int64_t best_at = -1;
    auto found = by_last_word_.find(std::string(words.back().text));
    if (found == by_last_word_.end()) return std::nullopt;
    for (size_t i : found->second) {
      const int64_t at = LastBefore(i, before);
      if (!best || at > best_at) {
        best = i;
        best_at = at;
      }
    }
    return best;
  }

  // The latest mention of any official ending at or before pos: (official, its start).
  std::optional<std::pair<size_t, size_t>> LastMention(size_t pos) const {
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), pos,
                               [](const auto& m, size_t p) {
                                 return static_cast<size_t>(m.first.start) < p;
                               });
    while (it != mentions_.begin()) {
      --it;
      if (static_cast<size_t>(it->first.end) <= pos) {
        return std::make_pair(it->second, static_cast<size_t>(it->first.start));
      }
    }
    return std::nullopt;
  }

  const Official& official(size_t i) const { return officials_[i]; }

 private:
  int64_t LastBefore(size_t who, size_t pos) const {
    int64_t at = -1;
    for (const Span& s : officials_[who].mentions) {
      if (static_cast<size_t>(s.start) < pos) at = std::max(at, s.start);
    }
    return at;
  }

  const std::vector<Official>& officials_;
  std::vector<std::pair<Span, size_t>> mentions_;
  std::map<std::string, std::vector<size_t>> by_last_word_;
};

}  // namespace

void ExtractQuotes(const std::string& text, const rules::RuleSet& rules,
                   const std::vector<Official>& officials, std::vector<Quote>* out) {
  std::vector<RawQuote> raw = FindQuotations(text, rules);

  // Split quotations: “A,” he said. “B.” -> one quotation in two parts.
  std::vector<RawQuote> joined;
  for (RawQuote& q : raw) {
    if (!joined.empty()) {
      RawQuote& prev = joined.back();
      const size_t gap_from = prev.close_end;
      const size_t gap_to = q.open;
      const bool same_line =
          gap_to >= gap_from && text.find('\n', gap_from) >= gap_to;
      if (same_line) {
        std::optional<Match> gap = Attribute(text, rules, "after", gap_from, gap_to);
        bool only_attribution = gap.has_value();
        for (size_t k = gap ? gap->end : gap_to; k < gap_to && only_attribution; ++k) {
          const char c = text[k];
          if (!(IsSpaceByte(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '-')) {
            // Allow the dashes — and – (UTF-8 E2 80 93/94) as well.
            if (static_cast<unsigned char>(c) == 0xE2 && k + 2 < gap_to &&
                static_cast<unsigned char>(text[k + 1]) == 0x80 &&
                (static_cast<unsigned char>(text[k + 2]) == 0x93 ||
                 static_cast<unsigned char>(text[k + 2]) == 0x94)) {
              k += 2;
              continue;
            }
            only_attribution = false;
          }
        }
        if (only_attribution && !prev.gap_attribution) {
          const size_t own_to = std::min(ParagraphEnd(text, q.close_end), q.close_end + kWindow);
          if (!Attribute(text, rules, "after", q.close_end, own_to)) {
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

  const Lexicon* cues = rules.lexicon("cue");
  const Lexicon* outlets = rules.lexicon("outlet");
  const Lexicon* documents = rules.lexicon("document");
  const Speakers speakers(officials);
  // The latest speaker named in an earlier quotation who is not an official.
  std::optional<std::pair<std::string, size_t>> last_named;

  std::vector<Quote> found;
  for (const RawQuote& q : joined) {
    Quote quote;
    size_t words = 0;
    for (const auto& [a, b] : q.parts) {
      if (!quote.text.empty()) quote.text += ' ';
      quote.text.append(text, a, b - a);
      quote.parts.push_back({static_cast<int64_t>(a), static_cast<int64_t>(b)});
      words += people::SplitWords(std::string_view(text).substr(a, b - a)).size();
    }
    if (words <= 2) continue;  // scare quotes and titles
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
      att = Attribute(text, rules, "after", q.close_end, to);
    }
    if (!att) {
      auto [from, to] = BeforeWindow(text, q.open);
      att = Attribute(text, rules, quote.partial ? "partial_before" : "before", from, to);
    }

    quote.rule = q.mark_rule->id;
    std::optional<std::pair<size_t, size_t>> speaker_at;
    if (att) {
      quote.rule = att->rule->id;
      if (const Capture* cue = att->Get("cue")) {
        quote.cue = people::AsciiLower(people::FoldSpaces(cue->text));
      }
      if (const Capture* s = att->Get("speaker")) speaker_at = {{s->start, s->end}};
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
      for (const Rule& rule : rules.rules()) {
        if (rule.Emit("role") != "interview" || quote.via) continue;
        for (const Match& m : rules.FindAllOf(rule, std::string_view(text).substr(from, to - from))) {
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
        // The last person named before the quotation: an official's mention, or a
        // speaker named as written in an earlier quotation, whichever is later.
        const size_t before = std::min(s, q.open);
        auto official = speakers.LastMention(before);
        if (last_named && (!official || last_named->second > official->second)) {
          quote.speaker = last_named->first;
        } else if (official) {
          quote.speaker = speakers.official(official->first).name;
        }
      } else if (lower == "they" || lower == "we" || lower == "i") {
        // A group or the speaker's own voice: nobody to name.
      } else if (std::optional<size_t> who = speakers.At(s, e)) {
        quote.speaker = speakers.official(*who).name;
      } else if (std::optional<size_t> by_name = speakers.ByName(written, s)) {
        quote.speaker = speakers.official(*by_name).name;
      } else {
        quote.speaker = written;
        last_named = {{written, s}};
      }
    }
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
