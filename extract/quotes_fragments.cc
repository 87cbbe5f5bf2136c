// Which quotations are speech: partial fragments, titles, scare quotes and lone words.

#include "extract/quotes_fragments.h"

#include <vector>

#include "common/utf8.h"
#include "extract/people.h"

namespace newsfacts::quotes {
namespace {

using rules::Lexicon;
using rules::RuleSet;

// Where the run of word characters (and of the bytes `also`, such as an apostrophe) that
// ends at `end` starts.
size_t WordStart(std::string_view text, size_t end, char also) {
  size_t w = end;
  while (w > 0) {
    if (also != '\0' && text[w - 1] == also) {
      --w;
      continue;
    }
    size_t start = w;
    if (!people::IsWordChar(DecodeUtf8Before(text, &start))) break;
    w = start;
  }
  return w;
}

// Where the run of word characters that starts at `start` ends.
size_t WordEnd(std::string_view text, size_t start) {
  size_t e = start;
  while (e < text.size()) {
    size_t next = e;
    if (!people::IsWordChar(DecodeUtf8(text, &next))) break;
    e = next;
  }
  return e;
}

// True when the word before the opening mark at `open` is a preposition, an article or
// a determiner from `title_lead`, or a possessive (ends with a `possessive` form:
// "MSNBC's").
bool TitleLead(std::string_view text, size_t open, const RuleSet& rules) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  const size_t w = WordStart(text, p, '\'');
  const std::string_view word = text.substr(w, p - w);
  if (people::EndsWithForm(rules.lexicon("possessive"), word)) return true;
  return people::HasForm(rules.lexicon("title_lead"), people::AsciiLower(word));
}

// May a one-word quotation at [open, close_end), which someone in its sentence is said to
// have said, be a fragment of what was said? After a word that introduces what was said
// (`fragment_lead`: "was", "called it", "as") or any other word but a possessive
// ("wring $300 million in “synergies”", not "the group's “ideas”"), when the sentence
// goes on with punctuation (after the closing mark, or a sentence end before it:
// “disgrace.”), its end
// or a conjunction after it (`fragment_follow`), not
// with the rest of a noun phrase ("the “ideas” were"). After a `fragment_lead` verb
// ("would", "have") the fragment is a verb, and its object may follow.
bool OneWordFragment(std::string_view text, size_t open, size_t close_end, std::string_view content,
                     const RuleSet& rules) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  const size_t w = WordStart(text, p, '-');
  const Lexicon* lead = rules.lexicon("fragment_lead");
  const std::string_view before = text.substr(w, p - w);
  const rules::LexiconEntry* entry = nullptr;
  if (people::HasForm(lead, before)) entry = lead->Find(before);
  if (entry != nullptr && entry->attr("verb") == "yes") return true;
  // "reach “severe” or “emergency” levels": a fragment joined to a quoted one before it.
  if (before == "or" || before == "and") {
    size_t q = w;
    while (q > 0 && (text[q - 1] == ' ' || text[q - 1] == '\t')) --q;
    if ((q > 0 && text[q - 1] == '"') || (q >= 3 && text.substr(q - 3, 3) == "\u201d")) {
      return true;
    }
  }
  if (entry == nullptr) {
    size_t pw = p;  // the whole word, so that "group’s" ends in a possessive too
    while (pw > 0 && !IsSpaceByte(text[pw - 1])) --pw;
    if (people::EndsWithForm(rules.lexicon("possessive"), text.substr(pw, p - pw))) return false;
  }
  // The sentence ends inside the marks: as a “disgrace.” (a comma there may end a name
  // the sentence goes on about: calls them “CLAP,” a name that …).
  if (!content.empty() &&
      (content.back() == '.' || content.back() == '!' || content.back() == '?')) {
    return true;
  }
  size_t n = close_end;
  while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
  const size_t e = WordEnd(text, n);
  if (e == n) return true;
  return people::HasForm(rules.lexicon("fragment_follow"), text.substr(n, e - n));
}

}  // namespace

bool FollowsWord(std::string_view text, size_t open, const Lexicon* cues) {
  size_t p = open;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  const size_t w = WordStart(text, p, '\0');
  if (w == p) return false;
  const std::string_view word = text.substr(w, p - w);
  return cues == nullptr || cues->Find(word) == nullptr;
}

bool IsTitleCase(std::string_view phrase, const Lexicon* small_words) {
  const std::vector<people::Word> words = people::SplitWords(phrase);
  if (words.empty()) return false;
  bool first = true;
  for (const people::Word& w : words) {
    size_t i = 0;
    char32_t c = 0;
    // Skip leading punctuation of the word.
    while (i < w.text.size()) {
      size_t next = i;
      c = DecodeUtf8(w.text, &next);
      if (people::IsWordChar(c)) break;
      i = next;
    }
    if (i >= w.text.size()) continue;
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

bool IsSpeech(std::string_view text, const RawQuote& q, std::string_view content, size_t words,
              bool partial, bool attributed, const RuleSet& rules) {
  // Titles of shows, books and songs, and two-word fragments, are quotations only
  // when someone is said to have said them.
  // A title with a subtitle may be longer ("Financial Freedom: A Proven Path to All the
  // Money You Will Ever Need"); marks written with a space inside them (“ Trading
  // Nation”) hold the title all the same.
  constexpr size_t kMaxTitleWords = 8, kMaxSubtitledWords = 16;
  std::string_view bare = content;
  while (!bare.empty() && (bare.back() == '.' || bare.back() == ',' || bare.back() == ' ')) {
    bare.remove_suffix(1);
  }
  while (!bare.empty() && bare.front() == ' ') bare.remove_prefix(1);
  const size_t max_words =
      bare.find(": ") != std::string_view::npos ? kMaxSubtitledWords : kMaxTitleWords;
  // The word count first: most quotations are too long for a title, and it is known.
  const bool title_like = words <= max_words &&
                          bare.find_last_of(".!?") == std::string_view::npos &&
                          IsTitleCase(bare, rules.lexicon("small_word"));
  if (!attributed && title_like) return false;
  // A title after a preposition, an article or a possessive names a show, a book or a
  // tape ("on “Meet the Press”", "MSNBC's “Morning Joe”", "the “Access Hollywood”
  // tape"), whoever speaks in the sentence.
  if (title_like && partial && TitleLead(text, q.open, rules)) return false;
  if (words == 2 && (!attributed || title_like)) return false;
  // Scare quotes: a fragment of up to three words inside a sentence is a quotation only
  // when the sentence names who said it; one word only where it stands as what was
  // said ("the election was “rigged”", "called it “sad”"), not as a noun of the
  // sentence ("the group's “ideas” were").
  if (partial && words <= 3 && !attributed) return false;
  // A whole one-word quotation needs an attribution (“Sad!” he wrote).
  if (words == 1 &&
      (!attributed || (partial && !OneWordFragment(text, q.open, q.close_end, content, rules)))) {
    return false;
  }
  return true;
}

}  // namespace newsfacts::quotes
