#include "normalise/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>

namespace newsfacts::normalise_internal {
namespace {

// ICU's own English list covers some of these; the rest are what news copy uses.
constexpr const char* kNoBreakAfter[] = {
    "Mr.",     "Mrs.",  "Ms.",   "Dr.",   "Prof.", "Gov.",  "Sen.",  "Rep.",   "Gen.",  "Lt.",
    "Col.",    "Maj.",  "Sgt.",  "Capt.", "Adm.",  "Cmdr.", "Pres.", "Supt.",  "Atty.", "Rev.",
    "Hon.",    "St.",   "Jr.",   "Sr.",   "Mt.",   "Ft.",   "Ave.",  "Blvd.",  "Rd.",   "Inc.",
    "Corp.",   "Co.",   "Ltd.",  "Bros.", "Dept.", "Univ.", "No.",   "Nos.",   "vs.",   "v.",
    "approx.", "est.",  "e.g.",  "i.e.",  "etc.",  "U.S.",  "U.K.",  "U.N.",   "E.U.",  "D.C.",
    "L.A.",    "N.Y.",  "a.m.",  "p.m.",  "Jan.",  "Feb.",  "Mar.",  "Apr.",   "Jun.",  "Jul.",
    "Aug.",    "Sep.",  "Sept.", "Oct.",  "Nov.",  "Dec.",  "Ariz.", "Calif.", "Colo.", "Conn.",
    "Fla.",    "Ga.",   "Ill.",  "Ind.",  "Kan.",  "Ky.",   "La.",   "Md.",    "Mass.", "Mich.",
    "Minn.",   "Miss.", "Mo.",   "Mont.", "Neb.",  "Nev.",  "Okla.", "Ore.",   "Pa.",   "Tenn.",
    "Tex.",    "Va.",   "Vt.",   "Wash.", "Wis.",  "Wyo."};

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
    for (const char* abbr : kNoBreakAfter) {
      UErrorCode s = U_ZERO_ERROR;
      builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbr), s);
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
