// Words and sentences of article text, shared by `check`, `conflicts` and `show`.
//
// Words: lower-case runs of letters (any non-ASCII byte counts as a letter, except the
// curly quotes U+2018..U+201D, which end a word: "Mexico’s" is "mexico"). Stop words are
// the English function words factcheck leaves out of claims and subjects.
//
// Thread safety: pure functions; a Sentences object may be read from any number of threads
// (it splits lines on first use under a lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace newsfacts::factcheck {

// Word stems of text, in order: three letters or more, stop words and anything with a
// digit left out; a word of six letters or more is cut to its first five, a crude stem
// ("seizure" and "seizures" meet).
std::vector<std::string> Words(std::string_view text);

// Which of `wanted` (stems as Words gives them) occur among the words of text: found[i]
// for wanted[i]. For a few words against a long text: nothing is kept of the rest.
std::vector<bool> FindWords(std::string_view text, const std::vector<std::string>& wanted);

// A subject ("Tonnes of Fentanyl pills", "arrests") folded for grouping: its words of three
// letters or more, lower case, stop words left out, each plural made singular ("arrests" ->
// "arrest", "bodies" -> "body"; "-ss", "-us" and "-is" kept), joined by one space. "" when no
// word is left.
std::string FoldSubject(std::string_view subject);

// The sentences of an article text (normalise::SentenceRanges), addressed both in bytes and
// in code points. The text must outlive the object. A line break always ends a sentence, so
// a line is split only when a sentence in it is first asked for: a check reads a sentence
// or two of each candidate article.
class Sentences {
 public:
  struct Sentence {
    size_t begin = 0, end = 0;  // bytes of the text, [begin, end)
    Span span;                  // the same in code points
  };

  explicit Sentences(std::string_view text);

  // The sentence holding code point cp; an empty one at cp when cp lies between sentences
  // (clamped to the text).
  Sentence At(int64_t cp) const;
  // The byte offset of code point cp (clamped to the text), and the code point at a byte
  // offset that starts one (or the text's end).
  size_t ByteOf(int64_t cp) const;
  int64_t CodePointOf(size_t byte) const { return cp_of_byte_[byte]; }
  // Every sentence, in text order.
  const std::vector<Sentence>& all() const;
  // The sentence's text.
  std::string_view Text(const Sentence& s) const { return text_.substr(s.begin, s.end - s.begin); }

 private:
  // The sentences of the line that starts at byte `begin`, split on first use (lock held).
  const std::vector<Sentence>& LineLocked(size_t begin) const;

  std::string_view text_;
  std::vector<size_t> byte_of_cp_;   // byte offset of each code point, then text.size()
  std::vector<int64_t> cp_of_byte_;  // CodePointIndex(text)
  mutable std::mutex mu_;
  mutable std::map<size_t, std::vector<Sentence>> lines_;  // by the line's first byte
  mutable std::vector<Sentence> all_;
  mutable bool all_done_ = false;
};

}  // namespace newsfacts::factcheck
