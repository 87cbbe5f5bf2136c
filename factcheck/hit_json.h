// The `check --json` object of one hit (docs/factcheck.md, "Output"), shared by
// `newsfacts check --json` and `serve`'s /api/check so both print the same objects.
//
// Keys, in order: rank, verdict, score (rounded to three decimals), how, article_id, url,
// title, site, published, sentence, sentence_span, figure, claim_figure (each `text`, `span`,
// `value`, `unit`, `si_value`, `si_unit`, or null), speaker, archive (or null).
//
// Thread safety: pure functions over values.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

#include "factcheck/check.h"

namespace newsfacts::factcheck {

// The object for hit at 1-based position rank. Strings are copied as they are; dump with
// nlohmann::json::error_handler_t::replace, since stored text may hold invalid UTF-8.
nlohmann::ordered_json HitJson(const Hit& hit, size_t rank);

}  // namespace newsfacts::factcheck
