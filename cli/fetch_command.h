// `newsfacts fetch URL...` and `newsfacts crawl --sites FILE` (docs/crawl.md).
//
// fetch: each URL politely (robots.txt, per-host delay), archived to WARC, recorded in
// `fetches`, then normalised, extracted and stored like `extract` does. Exit 0 when every
// URL was stored, 1 when some failed (each named on stderr), 2 on a usage error.
//
// crawl: one pass over each site's start pages, feeds and sitemaps, then the new or
// changed article URLs (conditional GET), up to the site's max_pages. Prints one summary
// line per site on stdout. Exit 0 when every site was reached, 1 when some site could
// not be reached at all, 2 on a bad sites file, 3 at once when another crawl holds the
// database's lock.
#pragma once

#include <CLI/CLI.hpp>

namespace newsfacts::cli {

// Adds the `fetch` and `crawl` subcommands to app; the chosen one stores its exit
// status in *status. *status must outlive app's parsing.
void AddFetchCommands(CLI::App* app, int* status);

}  // namespace newsfacts::cli
