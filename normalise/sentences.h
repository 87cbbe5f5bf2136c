// Sentence boundaries in folded text.
//
// ICU's sentence rules (UAX #29) for English, with breaks suppressed after the
// abbreviations news copy is full of: titles ("Mr.", "Gov.", "Sen."), "U.S.", "U.K.",
// month abbreviations ("Jan.", "Sept."), "a.m.", "No.", "Inc." and the like. A blank
// line (the paragraph separator) always ends a sentence.
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
