// `newsfacts check`: the stored figures that match, round or contradict a claim's figure.
//
// The claim is read by the shipped rule sets (its quantities, dates and officials), plus the
// plain numbers the rules leave alone as loose counts (factcheck/loose_counts.h), and cut
// into content words. Durations the date rules read ("three months", "90-day") count as
// figures in seconds, on both sides. Candidates are the articles holding a figure of the
// claim's SI unit within a factor of ten of it (the quantities_si index), and the articles the
// full-text index ranks best for the claim's words. In each candidate, the figures of the
// claim's units are grouped by sentence; a sentence speaks to the claim when it shares a
// third of the claim's words, when a figure's subject is a claim word, or when its article
// shares most of them. Each claim figure is compared (factcheck/verdict.h) with the
// sentence's figure that agrees best; the hit's verdict is the worst of them (the claim holds
// only where each of its figures does). A candidate without a comparable figure gives its
// best sentence as `related`. Hits are ranked by word overlap, verdicts weighted by which
// claim figure they judge, subject, people and dates (docs/factcheck.md, "What it does").
//
// Errors: kStorage from the database; kInvalidInput for an empty claim.
// Thread safety: Check() uses the store from the calling thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "extract/extract.h"
#include "factcheck/verdict.h"
#include "store/store.h"

namespace newsfacts::factcheck {

struct Claim {
  std::string text;
  std::vector<Quantity> figures;  // quantities (restatements removed) and durations
  std::vector<DateFact> dates;
  std::vector<std::string> people;  // names of the officials it names, as written
  std::vector<std::string> words;   // content words, lower-case, no numbers or stop words
};

// Reads the claim with the rule sets; numbers the quantity rules leave alone ("45 times",
// "eighteen charges") are figures too, as loose counts. kInvalidInput for a claim without
// any word.
Result<Claim> ParseClaim(const std::string& text, const RuleBook& rules);

struct CheckOptions {
  size_t limit = 10;
  std::optional<std::string> since, until;  // publication date bounds, YYYY-MM-DD, inclusive
  std::optional<std::string> site;
  // The quantity rule set (borrowed; it must outlive the call), whose lexicons read the
  // counts the rules do not store (factcheck/loose_counts.h) in candidate sentences; when
  // null, only stored figures are compared.
  const rules::RuleSet* quantity_rules = nullptr;
};

struct Hit {
  Verdict verdict = Verdict::kRelated;
  double score = 0;
  std::string how;  // the arithmetic, "" for related hits
  std::string article_id;
  std::optional<std::string> url, title, site, published;
  std::string sentence;
  Span sentence_span;              // code points in the article text
  std::optional<Quantity> figure;  // the stored figure, spans in code points of the text
  std::optional<Quantity> claim_figure;
  std::optional<std::string> speaker;  // when the figure stands in a quote
  std::optional<ArchiveRef> archive;
};

// The hits for claim in store, best first, at most options.limit.
Result<std::vector<Hit>> Check(const store::Store& store, const Claim& claim,
                               const CheckOptions& options);

}  // namespace newsfacts::factcheck
