#include "normalise/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <string_view>

#include "normalise/words.h"

namespace newsfacts::normalise_internal {
namespace {

// Built once; never used directly, only cloned.
const icu::BreakIterator* Prototype() {
  static const icu::BreakIterator* proto = []() -> const icu::BreakIterator* {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> base(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status) || !base) return nullptr;
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status) || !builder) return base.release();
    for (std::string_view abbr : kNoBreakAfter) {
      UErrorCode s = U_ZERO_ERROR;
      builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                      abbr.data(), static_cast<int32_t>(abbr.size()))),
                                  s);
    }
    icu::BreakIterator* filtered = builder->wrapIteratorWithFilter(base.release(), status);
    return U_FAILURE(status) ? nullptr : filtered;
  }();
  return proto;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<std::pair<size_t, size_t>> SplitSentences(std::string_view utf8) {
  std::vector<std::pair<size_t, size_t>> out;
  const icu::BreakIterator* proto = Prototype();
  if (proto == nullptr || utf8.empty()) return out;
  std::unique_ptr<icu::BreakIterator> it(proto->clone());
  if (!it) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return out;
  it->setText(text, status);
  if (U_SUCCESS(status)) {
    // With UTF-8 UText, ICU's indexes are byte offsets into `utf8`.
    int32_t begin = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
      size_t b = static_cast<size_t>(begin), e = static_cast<size_t>(end);
      begin = end;
      if (e > utf8.size()) e = utf8.size();
      while (b < e && IsSpace(utf8[b])) ++b;
      while (e > b && IsSpace(utf8[e - 1])) --e;
      if (e > b) out.emplace_back(b, e);
    }
  }
  utext_close(text);
  return out;
}

}  // namespace newsfacts::normalise_internal
