// Which quotations are speech: a quotation that follows a word is a fragment of its
// sentence (partial), and titles of shows, books and songs, scare quotes and lone words
// are left out unless someone is said to have said them. Read from the words right
// around the marks and the `cue`, `small_word`, `title_lead`, `possessive`,
// `fragment_lead` and `fragment_follow` lexicons of rules/quotes.toml (a missing lexicon
// holds no word). Private to extract/.
//
// Offsets are bytes into the UTF-8 text; `open` is a quotation's opening mark and
// `close_end` the byte just past its closing mark. Thread safety: pure functions (the
// lexicon lookups keep per-thread caches).
#pragma once

#include <cstddef>
#include <string_view>

#include "extract/quotes_marks.h"
#include "extract/rule_set.h"

namespace newsfacts::quotes {

// partial: the quotation opening at `open` follows a word directly (spaces and tabs
// between), and that word is not in `cues` ("he called it “a big difference”", not "he
// said “we will”"). A null `cues` holds no word.
bool FollowsWord(std::string_view text, size_t open, const rules::Lexicon* cues);

// Title case: the first word is capitalised and every other word of letters starts
// with a capital or a digit or is in `small_words` ("Meet the Nation", "God Bless
// America"). False for a phrase with no word.
bool IsTitleCase(std::string_view phrase, const rules::Lexicon* small_words);

// Is q speech, given its `words` (whitespace-separated, at least one), its joined
// `content`, whether it is `partial` and whether an attribution was found for it? Left
// out: title case of up to eight words without an attribution, or after a `title_lead`
// word or a possessive when partial; two words without an attribution or in title case;
// a partial quotation of up to three words without an attribution; one word without an
// attribution, or partial and not standing as what was said (see OneWordFragment in the
// .cc).
bool IsSpeech(std::string_view text, const RawQuote& q, std::string_view content, size_t words,
              bool partial, bool attributed, const rules::RuleSet& rules);

}  // namespace newsfacts::quotes
