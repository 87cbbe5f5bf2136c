// UTF-8: decoding, encoding, and code point offsets; the one codec of the stages.
//
// Every function accepts any bytes. An ill-formed sequence (RFC 3629: a stray continuation
// byte, a truncated sequence, an overlong form, a surrogate, a value above U+10FFFF) counts
// as one code point per byte, each decoding to U+FFFD: so a byte offset always falls in
// exactly one code point, and every function here agrees on where it starts.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// True for a byte of the form 10xxxxxx, which never starts a well-formed sequence.
constexpr bool IsUtf8ContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Length in bytes (1..4) of the well-formed sequence that starts at text[pos], or 0 when
// what starts there is ill-formed. pos < text.size().
size_t Utf8SequenceLength(std::string_view text, size_t pos);

// The code point that starts at text[*pos], *pos moved past it: past its sequence when it
// is well-formed, else past one byte, with U+FFFD returned. *pos < text.size().
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// The code point that ends just before text[*pos], *pos moved back to where it starts: the
// last code point of text.substr(0, *pos), so a sequence that *pos cuts is ill-formed there
// and its last byte before *pos reads as U+FFFD. 0 < *pos <= text.size().
char32_t DecodeUtf8Before(std::string_view text, size_t* pos);

// The offset just past the code point that starts at text[pos] (as DecodeUtf8 moves).
size_t NextCodePoint(std::string_view text, size_t pos);

// The offset at which the code point holding byte pos starts: pos itself unless pos lies
// inside a well-formed sequence that starts up to three bytes before it. pos < text.size().
size_t CodePointStart(std::string_view text, size_t pos);

// Appends the UTF-8 form of cp; a surrogate (U+D800..U+DFFF) or a value above U+10FFFF,
// which have none, appends U+FFFD.
void AppendUtf8(char32_t cp, std::string* out);
std::string EncodeUtf8(char32_t cp);

// For every byte offset 0..text.size(), the number of code points before it.
// Offsets inside a multi-byte sequence map to the code point that contains them.
std::vector<int64_t> CodePointIndex(std::string_view text);

// The inverse of CodePointIndex: the byte offset at which each code point starts, then
// text.size().
std::vector<size_t> CodePointOffsets(std::string_view text);

// Number of code points in text.
int64_t CodePointCount(std::string_view text);

// True if text is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Copy of text with every ill-formed sequence replaced by U+FFFD (one per byte).
std::string ScrubUtf8(std::string_view text);

}  // namespace newsfacts
