// Quotes: quotation marks from rules/quotes.toml paired, joined and attributed. The
// steps, in the order the data flows through them: quotes_marks.h (the quotations),
// quotes_attribution.h (the words that credit someone with each), quotes_fragments.h
// (which are speech), quotes_speakers.h with coref.h (who the speaker is). The
// decisions shared with the rule file are listed at the top of that file.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "extract/coref.h"
#include "extract/extract.h"
#include "extract/officials.h"
#include "extract/people.h"
#include "extract/quotes_attribution.h"
#include "extract/quotes_fragments.h"
#include "extract/quotes_marks.h"
#include "extract/quotes_speakers.h"

namespace newsfacts {
namespace {

using quotes::RawQuote;

// The byte ranges inside the quotations, sorted.
std::vector<std::pair<size_t, size_t>> QuotedParts(const std::vector<RawQuote>& quotations) {
  std::vector<std::pair<size_t, size_t>> quoted;
  for (const RawQuote& q : quotations) {
    for (const auto& part : q.parts) quoted.push_back(part);
  }
  std::sort(quoted.begin(), quoted.end());
  return quoted;
}

// Fills the quotation's text (its parts joined by one space), parts and span; returns
// its number of words (0 when it has none, and the span is then left unset).
size_t Assemble(std::string_view text, const RawQuote& q, Quote* quote) {
  size_t words = 0;
  for (const auto& [a, b] : q.parts) {
    if (!quote->text.empty()) quote->text += ' ';
    quote->text.append(text.substr(a, b - a));
    quote->parts.push_back({static_cast<int64_t>(a), static_cast<int64_t>(b)});
    words += people::CountWords(text.substr(a, b - a));
  }
  if (words > 0) quote->span = {quote->parts.front().start, quote->parts.back().end};
  return words;
}

// The words of a quotation folded for comparison: its word characters, ASCII letters in
// lower case, every run of other characters one space ("Meth. We're On It." and "Meth,
// we’re on it" are the same words).
std::string FoldedWords(std::string_view text, const RawQuote& q) {
  std::string out;
  bool gap = false;
  for (const auto& [a, b] : q.parts) {
    for (size_t k = a, next = a; k < b; k = next) {
      const auto byte = static_cast<unsigned char>(text[k]);
      if (byte < 0x80) {  // ASCII: no decoding, no Unicode class lookup
        next = k + 1;
        const bool word = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                          (byte >= 'A' && byte <= 'Z');
        if (!word) {
          gap = true;
          continue;
        }
        if (gap && !out.empty()) out += ' ';
        gap = false;
        out += byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a')
                                          : static_cast<char>(byte);
        continue;
      }
      const char32_t c = DecodeUtf8(text, &next);
      if (!people::IsWordChar(c)) {
        gap = true;
        continue;
      }
      if (gap && !out.empty()) out += ' ';
      gap = false;
      if (c >= 'A' && c <= 'Z') {
        out += static_cast<char>(c - 'A' + 'a');
      } else {
        out.append(text.substr(k, next - k));
      }
    }
    gap = true;
  }
  return out;
}

// True when the quotation's marks hold all the words of its paragraph, but for a list
// number before it ("6. “…”").
bool AloneInParagraph(std::string_view text, const RawQuote& q) {
  const size_t from = quotes::ParagraphStart(text, q.open);
  const size_t to = quotes::ParagraphEnd(text, q.close_end);
  for (size_t k = from; k < q.open; ++k) {
    const char c = text[k];
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != ')' && c != ' ' &&
        c != '\t') {
      return false;
    }
  }
  for (size_t k = q.close_end; k < to; ++k) {
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '.') return false;
  }
  return true;
}

// For each quotation, whether the same words are quoted again elsewhere in the article:
// slogans and titles are repeated ("the “Meth. We're on it.” campaign"), speech seldom is;
// so are headings that quote the body.
std::vector<bool> Repeated(std::string_view text, const std::vector<RawQuote>& quotations) {
  std::vector<std::string> folded;
  folded.reserve(quotations.size());
  for (const RawQuote& q : quotations) folded.push_back(FoldedWords(text, q));
  std::unordered_map<std::string_view, int> count;
  for (const std::string& f : folded) {
    if (!f.empty()) ++count[f];
  }
  std::vector<bool> repeated(quotations.size(), false);
  for (size_t i = 0; i < folded.size(); ++i) {
    repeated[i] = !folded[i].empty() && count[folded[i]] > 1;
  }
  // A quotation that is its paragraph's only words (a list number before it at most) and
  // whose words stand inside a longer quotation of the article is a heading quoting the
  // body ("6. “The Gordon problem”" over "… what he called “the Gordon problem.”").
  constexpr size_t kMaxScanned = 16 << 20;  // bytes searched in all: hostile text
  size_t scanned = 0;
  std::vector<std::string> padded;  // " words ", so that whole words are found
  padded.reserve(folded.size());
  for (const std::string& f : folded) padded.push_back(" " + f + " ");
  for (size_t i = 0; i < folded.size() && scanned < kMaxScanned; ++i) {
    if (repeated[i] || folded[i].empty() || !AloneInParagraph(text, quotations[i])) continue;
    for (size_t j = 0; j < folded.size() && scanned < kMaxScanned; ++j) {
      if (j == i || folded[j].size() <= folded[i].size()) continue;
      scanned += padded[j].size();
      if (padded[j].find(padded[i]) != std::string::npos) {
        repeated[i] = true;
        break;
      }
    }
  }
  return repeated;
}

// The quotation kept last: the paragraph it closes in, where it closes, and its speaker.
struct LastKept {
  std::optional<size_t> paragraph;
  size_t close_end = 0;
  std::optional<std::string> speaker;
  std::optional<Span> speaker_span;
};

// True when only the attribution of the quotation before lies between it and the one
// opening at `open`, in one paragraph: "“A,” said the actor. “B.”" — a few words that end
// a sentence, with no quotation mark among them.
bool OnlyAttributionBetween(std::string_view text, size_t close_end, size_t open) {
  constexpr size_t kMaxBetween = 100;  // bytes: a cue and a name, with an aside at most
  if (close_end == 0 || close_end > open || open - close_end > kMaxBetween) return false;
  const std::string_view between = text.substr(close_end, open - close_end);
  if (between.find('\n') != std::string_view::npos || between.find('"') != std::string_view::npos ||
      between.find("\u201C") != std::string_view::npos ||
      between.find("\u201D") != std::string_view::npos) {
    return false;
  }
  const auto [a, b] = people::Trim(between, 0, between.size());
  if (b <= a || (between[b - 1] != '.' && between[b - 1] != '!' && between[b - 1] != '?')) {
    return false;
  }
  // One sentence: no sentence end before the last, a dot after a short capitalised word
  // ("Sen.", "U.S.") being none.
  for (size_t k = a; k + 1 < b; ++k) {
    const char c = between[k];
    if ((c != '.' && c != '!' && c != '?') || between[k + 1] != ' ') continue;
    if (c != '.' || !people::IsAbbreviationDot(between, k)) return false;
  }
  return true;
}

// The speaker of a quotation without an attribution: that of the quotation before when
// this one opens the paragraph right after the one that closed it, or follows it in its
// paragraph with only that one's attribution between, else, for a whole quotation, the
// subject of the sentence just before it in its paragraph.
void CreditUnattributed(std::string_view text, coref::People& who, const RawQuote& q,
                        const LastKept& last, Quote* quote) {
  const bool next_paragraph =
      last.paragraph && *last.paragraph + 1 == who.Paragraph(q.open) &&
      people::Trim(text, quotes::ParagraphStart(text, q.open), q.open).first == q.open;
  const bool same_sentence_run = !quote->partial && last.paragraph &&
                                 *last.paragraph == who.Paragraph(q.open) &&
                                 OnlyAttributionBetween(text, last.close_end, q.open);
  if (last.speaker && (next_paragraph || same_sentence_run)) {
    quote->speaker = last.speaker;
    quote->speaker_span = last.speaker_span;
  } else if (!quote->partial) {
    // "Harker spoke for an hour. “This is not who we are.”": a quotation with no
    // attribution after a sentence of its paragraph goes to that sentence's subject.
    if (std::optional<coref::Named> subject = who.SubjectBefore(q.open)) {
      quote->speaker = subject->name;
      quote->speaker_span =
          Span{static_cast<int64_t>(subject->start), static_cast<int64_t>(subject->end)};
    }
  }
}

// The attribution to read instead of `att`, whose speaker names no one ("That said, the
// DEA says the border “remains …”", "“…” announced in October, said Derek Scissors"): the
// next one of its role after those words, up to where `att` ended (`partial_before`) or
// to the paragraph's end (`after`); for `partial_before` with none there, the best of the
// role's other rules over the same words. None when there is none or `att` is of another
// role.
std::optional<rules::Match> AttributionAfterSpeaker(std::string_view text,
                                                    const quotes::Roles& roles,
                                                    const rules::Match& att) {
  const rules::Capture* speaker = att.Get("speaker");
  if (speaker == nullptr) return std::nullopt;
  const std::string& role = att.rule->Emit("role");
  if (role == "partial_before") {
    if (std::optional<rules::Match> next =
            quotes::Attribute(text, roles.partial_before, speaker->end, att.end)) {
      return next;
    }
    // "Boudreau gave a pep talk Tuesday, telling them to “…”": another rule of the role
    // over the same words, which may credit someone before them.
    quotes::RoleRules others;
    for (const rules::Rule* rule : roles.partial_before) {
      if (rule != att.rule) others.push_back(rule);
    }
    const size_t from = std::max(quotes::ParagraphStart(text, att.end),
                                 att.end > quotes::kWindow ? att.end - quotes::kWindow : 0);
    return quotes::Attribute(text, others, from, att.end);
  }
  if (role == "after") {
    const size_t to = std::min(quotes::ParagraphEnd(text, speaker->end), att.end + quotes::kWindow);
    return quotes::Attribute(text, roles.after, speaker->end, to);
  }
  return std::nullopt;
}

// The rule, cue, outlet and speaker of a quotation that is speech, by its attribution
// (none: the follow-on and sentence-subject readings of CreditUnattributed).
void Credit(std::string_view text, const rules::RuleSet& rules, const quotes::Roles& roles,
            coref::People& who, const RawQuote& q, std::optional<rules::Match> att,
            const LastKept& last, Quote* quote) {
  quote->rule = q.mark_rule->id;
  for (int tries = 0; att && tries < 3; ++tries) {
    quote->rule = att->rule->id;
    quotes::Credit credit = quotes::ReadAttribution(text, rules, *att);
    quote->cue = std::move(credit.cue);
    quote->via = std::move(credit.via);
    if (!credit.speaker_at) break;
    quotes::Speaker speaker = quotes::ResolveSpeaker(text, rules, who, credit.speaker_at->first,
                                                     credit.speaker_at->second, q.open);
    quote->speaker = std::move(speaker.name);
    quote->speaker_span = speaker.span;
    if (speaker.span) break;
    std::optional<rules::Match> next = AttributionAfterSpeaker(text, roles, *att);
    // "“…”, saying he trusted the Israeli courts": words after the quotation that name no
    // one give way to the attribution before it.
    if (!next && att->rule->Emit("role") == "after") {
      next = quotes::AttributionBefore(text, roles, q, quote->partial);
    }
    if (!next) break;
    att = std::move(next);
  }
  if (!quote->via) quote->via = quotes::InterviewVia(text, rules, roles, q);
  if (!att) CreditUnattributed(text, who, q, last, quote);
}

// The quotations of `text` found and credited into *out; when `resolved` is given, every
// person pronoun outside them and every speaker, as the same coreference pass resolved them
// (People::Resolved).
void CreditQuotations(const std::string& text, const rules::RuleSet& rules,
                      const std::vector<Official>& officials, std::vector<Quote>* out,
                      std::vector<std::pair<Span, std::string>>* resolved) {
  std::vector<RawQuote> raw = quotes::FindQuotations(text, rules);
  if (raw.empty() && resolved == nullptr) return;
  const quotes::Roles roles(rules);
  std::vector<RawQuote> joined;
  if (!raw.empty()) joined = quotes::JoinSplitQuotations(text, rules, roles, std::move(raw));
  if (joined.empty() && resolved == nullptr) return;
  const std::vector<std::pair<size_t, size_t>> quoted = QuotedParts(joined);
  coref::People who(text, rules, roles, officials, quoted);

  const std::vector<bool> repeated = Repeated(text, joined);
  std::vector<Quote> found;
  LastKept last;  // for follow-on paragraphs that name no one
  for (size_t i = 0; i < joined.size(); ++i) {
    const RawQuote& q = joined[i];
    Quote quote;
    const size_t words = Assemble(text, q, &quote);
    if (words == 0) continue;
    quote.partial = quotes::FollowsWord(text, q.open, rules.lexicon("cue"));
    const std::optional<rules::Match> att = quotes::FindAttribution(text, roles, q, quote.partial);
    if (!quotes::IsSpeech(text, q, quote.text, words, quote.partial, att.has_value(), rules)) {
      continue;
    }
    // The same words quoted again in the article with no one credited here (no
    // attribution, or none that names a speaker): a slogan or a title, not speech.
    if (repeated[i] && !att) continue;
    Credit(text, rules, roles, who, q, att, last, &quote);
    if (repeated[i] && !quote.speaker) continue;
    last.paragraph = who.Paragraph(q.close_end > 0 ? q.close_end - 1 : 0);
    last.close_end = q.close_end;
    last.speaker = quote.speaker;
    last.speaker_span = quote.speaker_span;
    quote.ruleset_version = rules.version();
    found.push_back(std::move(quote));
  }
  std::stable_sort(found.begin(), found.end(), [](const Quote& a, const Quote& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  for (Quote& q : found) out->push_back(std::move(q));
  if (resolved != nullptr) *resolved = who.Resolved();
}

}  // namespace

void ExtractQuotes(const std::string& text, const rules::RuleSet& rules,
                   const std::vector<Official>& officials, std::vector<Quote>* out) {
  const rules::MatchMemo memo;
  CreditQuotations(text, rules, officials, out, nullptr);
}

void ExtractOfficialsAndQuotes(const std::string& text, const rules::RuleSet& officials_rules,
                               const rules::RuleSet& quotes_rules, std::vector<Official>* officials,
                               std::vector<Quote>* quotes) {
  const rules::MatchMemo memo;
  std::vector<Official> found = officials::FindOfficials(text, officials_rules);
  std::vector<std::pair<Span, std::string>> resolved;
  CreditQuotations(text, quotes_rules, found, quotes, found.empty() ? nullptr : &resolved);
  coref::AddMentions(resolved, &found);
  for (Official& o : found) officials->push_back(std::move(o));
}

}  // namespace newsfacts
