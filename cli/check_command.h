// `newsfacts check [--db F] [--json | --format text|json|csv | --claimreview] [--limit N]
//                  [--since D] [--until D] [--site S] CLAIM`
// (docs/factcheck.md; factcheck/check.h does the work).
//
// Human output: per hit, the verdict and its arithmetic, the sentence with the figure
// marked (bold on a terminal), title, site, date, speaker, URL and the archived copy.
// --json (--format json): one object per hit, best first, in the contract's fields.
// --format csv: one row per hit; --claimreview [--rating R] [--author NAME]: a schema.org
// ClaimReview JSON-LD draft (factcheck/hit_export.h). Exit 0 when a hit is found, 1 when
// none, 2 on a usage or database error.
#pragma once

#include <CLI/CLI.hpp>

namespace newsfacts::cli {

// Adds the `check` subcommand to app; it stores its exit status in *status.
void AddCheckCommand(CLI::App* app, int* status);

}  // namespace newsfacts::cli
