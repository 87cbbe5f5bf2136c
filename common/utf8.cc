#include "common/utf8.h"

namespace newsfacts {

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and values
  // above U+10FFFF (F4); C0, C1 and F5..FF start nothing.
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (!IsUtf8ContinuationByte(s[i + k])) return 0;
  }
  return n;
}

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  const size_t i = *pos;
  const size_t n = Utf8SequenceLength(text, i);
  const auto c = static_cast<unsigned char>(text[i]);
  if (n <= 1) {
    *pos = i + 1;
    return n == 1 ? c : kReplacementCharacter;
  }
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  *pos = i + n;
  return cp;
}

char32_t DecodeUtf8Before(std::string_view text, size_t* pos) {
  // An ASCII byte is a code point of its own, whatever comes before it; most are.
  const auto last = static_cast<unsigned char>(text[*pos - 1]);
  if (last < 0x80) {
    --*pos;
    return last;
  }
  const std::string_view head = text.substr(0, *pos);
  size_t start = CodePointStart(head, *pos - 1);
  *pos = start;
  return DecodeUtf8(head, &start);
}

size_t NextCodePoint(std::string_view text, size_t pos) {
  const size_t n = Utf8SequenceLength(text, pos);
  return pos + (n == 0 ? 1 : n);
}

size_t CodePointStart(std::string_view text, size_t pos) {
  if (!IsUtf8ContinuationByte(text[pos])) return pos;
  for (size_t back = 1; back <= 3 && back <= pos; ++back) {
    const size_t lead = pos - back;
    if (!IsUtf8ContinuationByte(text[lead])) {
      return Utf8SequenceLength(text, lead) > back ? lead : pos;
    }
  }
  return pos;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementCharacter;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(char32_t cp) {
  std::string out;
  AppendUtf8(cp, &out);
  return out;
}

std::vector<int64_t> CodePointIndex(std::string_view text) {
  std::vector<int64_t> index(text.size() + 1);
  int64_t cp = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t next = NextCodePoint(text, i);
    for (; i < next; ++i) index[i] = cp;
    ++cp;
  }
  index[text.size()] = cp;
  return index;
}

std::vector<size_t> CodePointOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  offsets.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); i = NextCodePoint(text, i)) offsets.push_back(i);
  offsets.push_back(text.size());
  return offsets;
}

int64_t CodePointCount(std::string_view text) {
  int64_t cp = 0;
  for (size_t i = 0; i < text.size(); i = NextCodePoint(text, i)) ++cp;
  return cp;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ScrubUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      AppendUtf8(kReplacementCharacter, &out);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace newsfacts
