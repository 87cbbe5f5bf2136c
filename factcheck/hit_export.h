// `check`'s hits for newsroom tools: CSV rows and a schema.org ClaimReview draft.
//
// CSV (RFC 4180, "\r\n" rows, a header row): one row per hit, best first, with the
// `check --json` fields flattened — spans as _start/_end, the figure, the claim's figure and
// the archived copy as prefixed columns (figure_text, figure_si_value, archive_file, ...);
// null is an empty field.
//
// ClaimReview (https://schema.org/ClaimReview), a draft for a person to finish:
// claimReviewed is the claim, itemReviewed a Claim whose `appearance` lists the sources the
// hits stand in (url, headline, datePublished, publisher = site; hits with a figure first,
// `related` ones only when there is nothing else), datePublished the given day, author and
// reviewRating (its alternateName) only when given: the verdict on the claim is the
// person's, not the program's.
//
// Thread safety: pure functions over values.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "factcheck/check.h"

namespace newsfacts::factcheck {

void WriteHitsCsv(const std::vector<Hit>& hits, std::ostream& out);

struct ClaimReviewOptions {
  std::string date;                   // YYYY-MM-DD: the draft's datePublished
  std::optional<std::string> rating;  // e.g. "False", "Mostly true"
  std::optional<std::string> author;  // the person or organisation reviewing
};

nlohmann::ordered_json ClaimReview(const std::string& claim, const std::vector<Hit>& hits,
                                   const ClaimReviewOptions& options);

}  // namespace newsfacts::factcheck
