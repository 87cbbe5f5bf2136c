// Sentence boundaries in folded text.
//
// ICU's sentence rules (UAX #29) for English, with breaks suppressed after the
// abbreviations news copy is full of: titles ("Mr.", "Gov.", "Sen."), "U.S.", "U.K.",
// month abbreviations ("Jan.", "Sept."), "a.m.", "No.", "Inc." and the like (the list is
// kNoBreakAfter in words.h). A line break always ends a sentence (UAX #29 breaks after a
// paragraph separator), so a text may be split line by line with the same result.
//
// The one sentence splitter: SentenceRanges (normalise.h) gives it to factcheck, whose
// Sentences splits each line of an article on first use. The extractors split no text
// into sentences; they test for a sentence's end near a match where they need one.
//
// Internal to normalise/. Thread-safe: each call works on its own clone of a shared,
// immutable prototype iterator.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace newsfacts::normalise_internal {

// [begin, end) byte ranges of the sentences of `utf8`, in order, each trimmed of white
// space; empty sentences are skipped. Ill-formed UTF-8 is tolerated (ICU reads it as
// U+FFFD). Returns no ranges if ICU cannot build an iterator.
std::vector<std::pair<size_t, size_t>> SplitSentences(std::string_view utf8);

}  // namespace newsfacts::normalise_internal
