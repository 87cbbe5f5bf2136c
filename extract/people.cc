#include "extract/people.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "extract/rule_set.h"

namespace newsfacts::people {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr std::string_view kCurlyOpen = "\xE2\x80\x9C";   // “
constexpr std::string_view kCurlyClose = "\xE2\x80\x9D";  // ”

bool At(std::string_view text, size_t i, std::string_view what) {
  return text.compare(i, what.size(), what) == 0;
}

}  // namespace

char32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  *len = 1;
  if (b0 < 0x80) return b0;
  int n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    n = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 3;
    cp = b0 & 0x07;
  } else {
    return 0xFFFD;
  }
  if (i + static_cast<size_t>(n) >= text.size()) return 0xFFFD;
  for (int k = 1; k <= n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = static_cast<size_t>(n) + 1;
  return cp;
}

char32_t DecodeBefore(std::string_view text, size_t i, size_t* len) {
  size_t start = i - 1;
  // Back up over at most three continuation bytes to a lead byte.
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t l = 0;
  char32_t cp = DecodeAt(text, start, &l);
  if (start + l != i) {
    *len = 1;
    return 0xFFFD;
  }
  *len = l;
  return cp;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xFFFD) return false;
  const auto u = static_cast<UChar32>(c);
  return u_isalnum(u) || (U_GET_GC_MASK(u) & U_GC_M_MASK) != 0;
}

bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }

bool IsWholeWord(std::string_view text, size_t start, size_t end) {
  size_t len = 0;
  if (start > 0 && IsWordChar(DecodeBefore(text, start, &len))) return false;
  if (end < text.size() && IsWordChar(DecodeAt(text, end, &len))) return false;
  return true;
}

std::string FoldSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<Word> SplitWords(std::string_view s) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) words.push_back({s.substr(start, i - start), start, i});
  }
  return words;
}

std::pair<size_t, size_t> Trim(std::string_view text, size_t start, size_t end) {
  while (start < end && IsSpace(text[start])) ++start;
  while (end > start && IsSpace(text[end - 1])) --end;
  return {start, end};
}

Paragraphs::Paragraphs(std::string_view text) {
  starts_.push_back(0);
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '\n') {
      ++i;
      continue;
    }
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i < text.size()) starts_.push_back(i);
  }
}

size_t Paragraphs::IndexOf(size_t pos) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), pos);
  return static_cast<size_t>(it - starts_.begin()) - 1;
}

std::vector<std::pair<size_t, size_t>> QuotedRanges(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> out;
  // open_kind: 0 none, 1 curly, 2 straight.
  int open_kind = 0;
  size_t open_at = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Only '\n', '"' and the lead byte of “ ” (E2) matter; skip everything else fast.
    const char c = text[i];
    if (c != '\n' && c != '"' && c != '\xE2') {
      ++i;
      continue;
    }
    if (c == '\n') {
      if (open_kind != 0) {
        size_t j = i;
        while (j < text.size() && IsSpace(text[j])) ++j;
        const bool continues = (open_kind == 1 && At(text, j, kCurlyOpen)) ||
                               (open_kind == 2 && j < text.size() && text[j] == '"');
        out.emplace_back(open_at, i);
        if (continues) {
          const size_t mark = open_kind == 1 ? kCurlyOpen.size() : 1;
          open_at = j + mark;
          i = j + mark;
          continue;
        }
        open_kind = 0;
      }
      ++i;
      continue;
    }
    if (open_kind == 0) {
      if (At(text, i, kCurlyOpen)) {
        open_kind = 1;
        open_at = i + kCurlyOpen.size();
        i = open_at;
        continue;
      }
      if (c == '"') {
        open_kind = 2;
        open_at = i + 1;
      }
      ++i;
      continue;
    }
    if (open_kind == 1 && At(text, i, kCurlyClose)) {
      out.emplace_back(open_at, i);
      open_kind = 0;
      i += kCurlyClose.size();
      continue;
    }
    if (open_kind == 2 && c == '"') {
      out.emplace_back(open_at, i);
      open_kind = 0;
    }
    ++i;
  }
  if (open_kind != 0) out.emplace_back(open_at, text.size());
  return out;
}

namespace {

// The base letter of c in lower case: the first code point of its canonical
// decomposition, lower-cased.
char32_t FoldCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
  UErrorCode err = U_ZERO_ERROR;
  static const UNormalizer2* nfd = unorm2_getNFDInstance(&err);
  char32_t base = c;
  if (nfd != nullptr) {
    UChar buf[8];
    UErrorCode e = U_ZERO_ERROR;
    const int32_t n = unorm2_getDecomposition(nfd, static_cast<UChar32>(c), buf, 8, &e);
    if (U_SUCCESS(e) && n > 0) {
      UChar32 first = 0;
      int32_t i = 0;
      U16_NEXT(buf, i, n, first);
      base = static_cast<char32_t>(first);
    }
  }
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(base)));
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

FoldedText Fold(std::string_view text) {
  FoldedText out;
  out.folded.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.folded.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a')
                                                : static_cast<char>(b));
      out.offsets.push_back(i);
      ++i;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeAt(text, i, &len);
    const size_t before = out.folded.size();
    AppendUtf8(FoldCodePoint(c), &out.folded);
    out.offsets.insert(out.offsets.end(), out.folded.size() - before, i);
    i += len;
  }
  out.offsets.push_back(text.size());
  return out;
}

std::string FoldKey(std::string_view s) { return Fold(s).folded; }

namespace {

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct CachedForms {
  const void* entries = nullptr;  // identity of the lexicon's contents
  size_t count = 0;
  std::unordered_set<std::string, TransparentHash, std::equal_to<>> forms;
};

}  // namespace

bool HasForm(const rules::Lexicon* lexicon, std::string_view word) {
  if (lexicon == nullptr) return false;
  thread_local std::unordered_map<const rules::Lexicon*, CachedForms> cache;
  CachedForms& cached = cache[lexicon];
  const auto& entries = lexicon->entries();
  if (cached.entries != entries.data() || cached.count != entries.size()) {
    cached.forms.clear();
    for (const rules::LexiconEntry& e : entries) {
      for (const std::string& f : e.forms) cached.forms.insert(f);
    }
    cached.entries = entries.data();
    cached.count = entries.size();
  }
  return cached.forms.find(word) != cached.forms.end();
}

bool InRanges(const std::vector<std::pair<size_t, size_t>>& ranges, size_t pos) {
  auto it =
      std::upper_bound(ranges.begin(), ranges.end(), std::make_pair(pos, static_cast<size_t>(-1)));
  if (it == ranges.begin()) return false;
  --it;
  return pos >= it->first && pos < it->second;
}

}  // namespace newsfacts::people
