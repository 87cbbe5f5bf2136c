// Quotation marks: the stretches of text between the opening and closing marks that the
// `role = "marks"` rules of rules/quotes.toml find, paired and chained over paragraphs
// into quotations. The first step of the quotes extractor (extract/quotes.cc); private
// to extract/.
//
// All offsets are bytes into the UTF-8 text. Thread safety: reentrant (per-thread caches
// only); the rule set is only read.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/rule_set.h"

namespace newsfacts::quotes {

// One quotation as its marks delimit it, before anyone is credited with it.
struct RawQuote {
  // The trimmed content of each part, in text order: one per paragraph of a quotation
  // that runs over paragraphs, and one per piece of a quotation split by its
  // attribution ("“A,” he said. “B.”"). Never empty in FindQuotations' result.
  std::vector<std::pair<size_t, size_t>> parts;
  size_t open = 0;                         // the first opening mark
  size_t close_end = 0;                    // just past the last closing mark
  const rules::Rule* mark_rule = nullptr;  // the marks rule of the first part
  // Set when the quotation was joined from pieces: the words between them that name
  // its speaker (JoinSplitQuotations, extract/quotes_attribution.h).
  std::optional<rules::Match> gap_attribution;
  // The attribution found after close_end when it was already looked for: valid while
  // close_end is `after_from`.
  std::optional<size_t> after_from;
  std::optional<rules::Match> after;
};

// The quotations of text, in text order: the segments of every marks rule with the ones
// inside or crossing an earlier one dropped (of two at one opening mark, the closed one,
// else the one of the rule listed first), each closed segment a quotation, and an
// unclosed one continued by the next paragraph when that opens with a mark of the same
// rule (the whole chain is dropped when its last segment is unclosed). A rule's `opens_after`
// emit limits where its opening mark may stand (see OpeningAllowed in the .cc).
// Quotations whose content is only whitespace are left out.
std::vector<RawQuote> FindQuotations(std::string_view text, const rules::RuleSet& rules);

// The whitespace the quotes extractor reads between words: space, tab, '\n', '\r'.
inline bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The start of the paragraph (line) holding pos: just after the '\n' before it, or 0.
size_t ParagraphStart(std::string_view text, size_t pos);
// The end of the paragraph holding pos: its '\n', or text.size().
size_t ParagraphEnd(std::string_view text, size_t pos);

}  // namespace newsfacts::quotes
