// Text helpers shared by the officials and quotes extractors (private to extract/).
//
// All offsets are BYTE offsets into UTF-8 text, decoded by common/utf8.h. Every function
// accepts any bytes: an ill-formed sequence reads as one code point U+FFFD per byte, never
// an error.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsfacts::rules {
class Lexicon;
class RuleSet;
struct Match;
struct Rule;
}  // namespace newsfacts::rules

#include "extract/text_util.h"

namespace newsfacts::people {

// The double quotation marks of English text.
inline constexpr char32_t kLeftDoubleQuote = 0x201C;   // “
inline constexpr char32_t kRightDoubleQuote = 0x201D;  // ”

// Letters, digits and combining marks (Unicode-aware).
bool IsWordChar(char32_t c);
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
// True when s starts with an upper-case letter.
bool StartsUpper(std::string_view s);

// True when [start, end) is not glued to a word character on either side.
bool IsWholeWord(std::string_view text, size_t start, size_t end);

// Whitespace runs folded to one space, leading and trailing whitespace removed.
std::string FoldSpaces(std::string_view s);
// ASCII lower case (other bytes unchanged).
using extract_internal::AsciiLower;

// A word of a phrase with its byte offsets into the phrase.
struct Word {
  std::string_view text;
  size_t start = 0;
  size_t end = 0;
};
// Splits on whitespace.
std::vector<Word> SplitWords(std::string_view s);
// SplitWords(s).size(), without building the words.
size_t CountWords(std::string_view s);

// [start, end) shrunk past leading and trailing ASCII whitespace.
std::pair<size_t, size_t> Trim(std::string_view text, size_t start, size_t end);

// Paragraph numbers: a paragraph is a stretch between '\n' characters; blank lines
// make no paragraph of their own, so "a\n\nb" has paragraphs 0 and 1.
class Paragraphs {
 public:
  explicit Paragraphs(std::string_view text);
  // The paragraph number of byte offset pos.
  size_t IndexOf(size_t pos) const;

 private:
  std::vector<size_t> starts_;  // byte offset where each paragraph starts
};

// Byte ranges [start, end) of text enclosed in double quotation marks (“...” or "..."),
// marks excluded. A quotation that reaches the end of its paragraph stays open when the
// next paragraph starts with an opening mark, else it ends there. Used to keep pronouns
// inside quoted speech from being read as mentions of the people around it.
std::vector<std::pair<size_t, size_t>> QuotedRanges(std::string_view text);

// Text folded for matching names regardless of case and accents: lower case, letters
// without their diacritics ("Peña" -> "pena", "ÉLYSÉE" -> "elysee"), using ICU's
// canonical decomposition. offsets[i] is the byte offset in the original text of the
// code point that folded byte i came from; offsets[folded.size()] = original size, so a
// match [a, b) in `folded` is [offsets[a], offsets[b]) in the original.
struct FoldedText {
  std::string folded;
  std::vector<size_t> offsets;
};
FoldedText Fold(std::string_view text);
// Just the folded string of s.
std::string FoldKey(std::string_view s);

// True for a name whose family name comes first, so that its first word is the one a
// later mention uses: two or three words, the first capitalised, and either the first
// word is a form of `family_first` (a lexicon of such family names, may be null: "Xi"
// of "Xi Jinping") or the last word is a given name joined by a hyphen to a lower-case
// syllable ("Park Ji-hoon", "Ban Ki-jun").
bool FamilyNameFirst(const std::vector<Word>& words, const rules::Lexicon* family_first);

// True when `word` is exactly one of the lexicon's forms (no case folding, no space
// folding); false for a null lexicon. For hot loops: each thread keeps a hash set of
// the forms of every lexicon it has asked about, rebuilt when the lexicon at that
// address changes.
bool HasForm(const rules::Lexicon* lexicon, std::string_view word);

// True when `word` is longer than one of the lexicon's forms and starts (ends) with it:
// "al-Rashidi" with the form "al-", "MSNBC's" with "'s". False for a null lexicon. Each
// call reads every form: for short lexicons.
bool StartsWithForm(const rules::Lexicon* lexicon, std::string_view word);
bool EndsWithForm(const rules::Lexicon* lexicon, std::string_view word);

// Every match of `rule` in text, left to right, non-overlapping, exactly as
// RuleSet::FindAllOf finds them (with_groups), or only their spans (captures then hold
// one capture, the rule's first field, over the whole match) - for a rule whose pattern
// opens with a word of one case-sensitive lexicon, as in `\b(?P<name>%{lexicon})...`:
// matches are then looked for only where one of its forms is written. Appends to *out
// and returns true; returns false, appending nothing, for any other rule.
bool FindAllLedByLexicon(const rules::RuleSet& rules, const rules::Rule& rule,
                         std::string_view text, bool with_groups, std::vector<rules::Match>* out);

// A match of `rule` (position rule_index in its set) over text[start, end), whose one
// capture, the rule's first field (the rule must have one), is the whole match: for
// rules whose matches are found by their span alone, without group extraction.
rules::Match WholeMatch(const rules::Rule& rule, size_t rule_index, std::string_view text,
                        size_t start, size_t end);

// True when the '.' at text[dot] closes a short capitalised word rather than a sentence
// ("Sen.", "Mr.", "U.S."): the letters and dots before it, at most three, start with an
// upper-case ASCII letter.
bool IsAbbreviationDot(std::string_view text, size_t dot);

// True when pos lies inside one of `ranges` (sorted, non-overlapping).
bool InRanges(const std::vector<std::pair<size_t, size_t>>& ranges, size_t pos);

}  // namespace newsfacts::people
