// Text folding shared by the normaliser's outputs (main text, captions, metadata).
//
// FoldText: removes zero-width characters (U+200B..U+200D, U+2060, U+FEFF) and soft
// hyphens (U+00AD), turns every run of Unicode white space (including U+00A0,
// U+2009, U+202F, tabs and newlines) into one U+0020, drops other C0/C1 control
// characters, trims both ends and applies Unicode NFC. Typographic quotes and dashes
// are left as they are. Input must be well-formed UTF-8; ill-formed bytes become
// U+FFFD.
//
// Internal to normalise/. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace newsfacts::normalise_internal {

std::string FoldText(std::string_view utf8);

// Appends folded `utf8` to *out without NFC or trimming, keeping *pending_space
// across calls: used to fold a paragraph assembled from many DOM text nodes in one
// pass. Call NfcAndTrim on the result.
void AppendFolded(std::string_view utf8, std::string* out, bool* pending_space);

// NFC and trim of already-folded text.
std::string NfcAndTrim(std::string text);

}  // namespace newsfacts::normalise_internal
