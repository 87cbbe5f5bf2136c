// Small UTF-8 helpers shared by the stages. All functions accept any bytes;
// invalid sequences count as one code point per byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts {

// For every byte offset 0..text.size(), the number of code points before it.
// Offsets inside a multi-byte sequence map to the code point that contains them.
std::vector<int64_t> CodePointIndex(std::string_view text);

// Number of code points in text.
int64_t CodePointCount(std::string_view text);

// True if text is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Copy of text with every ill-formed sequence replaced by U+FFFD.
std::string ScrubUtf8(std::string_view text);

}  // namespace newsfacts
