// The officials extractor's people before their pronouns: private to extract/.
//
// Pronoun mentions come from the coreference pass (extract/coref.h), which both
// ExtractOfficials (a pass of its own) and ExtractOfficialsAndQuotes (the pass the quotes'
// speakers read) run after FindOfficials. Thread safety: a pure function of its inputs.
#pragma once

#include <string>
#include <vector>

#include "common/article.h"
#include "extract/rule_set.h"

namespace newsfacts::officials {

// The officials of `text` by the officials set `rules`, as ExtractOfficials reports them
// (extract/extract.h) but with no pronoun among their mentions.
std::vector<Official> FindOfficials(const std::string& text, const rules::RuleSet& rules);

}  // namespace newsfacts::officials
