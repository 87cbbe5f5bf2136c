#include "normalise/text_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/utf8.h"

namespace newsfacts::normalise_internal {
namespace {

enum class CharClass { kKeep, kSpace, kDrop };

CharClass Classify(char32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return CharClass::kSpace;
    if (cp < 0x20 || cp == 0x7F) return CharClass::kDrop;
    return CharClass::kKeep;
  }
  switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return CharClass::kSpace;
    case 0xAD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return CharClass::kDrop;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::kSpace;
  if (cp >= 0x80 && cp < 0xA0) return CharClass::kDrop;  // C1 controls
  return CharClass::kKeep;
}

}  // namespace

void AppendFolded(std::string_view text, std::string* out, bool* pending_space) {
  std::string scrubbed;
  if (!IsValidUtf8(text)) {
    scrubbed = ScrubUtf8(text);
    text = scrubbed;
  }
  size_t i = 0;
  while (i < text.size()) {
    // Fast path for plain ASCII letters and punctuation.
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c > 0x20 && c < 0x7F) {
      if (*pending_space && !out->empty()) out->push_back(' ');
      *pending_space = false;
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t next = i;
    const char32_t cp = DecodeUtf8(text, &next);
    switch (Classify(cp)) {
      case CharClass::kSpace:
        *pending_space = true;
        break;
      case CharClass::kDrop:
        break;
      case CharClass::kKeep:
        if (*pending_space && !out->empty()) out->push_back(' ');
        *pending_space = false;
        out->append(text.substr(i, next - i));
        break;
    }
    i = next;
  }
}

std::string NfcAndTrim(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  size_t start = 0;
  while (start < text.size() && text[start] == ' ') ++start;
  if (start > 0) text.erase(0, start);
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  icu::UnicodeString normal = nfc->normalize(u, status);
  if (U_FAILURE(status)) return text;
  std::string out;
  normal.toUTF8String(out);
  return out;
}

std::string FoldText(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending = false;
  AppendFolded(utf8, &out, &pending);
  return NfcAndTrim(std::move(out));
}

}  // namespace newsfacts::normalise_internal
