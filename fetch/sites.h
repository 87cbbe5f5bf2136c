// The sites file of `newsfacts crawl` (docs/crawl.md): TOML, one
// [[site]] table per site.
//
//   name (required, unique)   start, feeds, sitemaps (arrays of http(s) URLs; at least
//   one of the three non-empty)   follow, skip (arrays of RE2 patterns, partial match)
//   max_pages (integer >= 0, default 500)   delay (seconds >= 0, default 1.0)
//
// Every problem is reported before any work, as kInvalidInput naming "file:line" and
// the site: a TOML syntax error, a missing or duplicate name, a wrong type, an unknown
// key (so a typo is not silently ignored), a URL that is not http(s), a pattern RE2
// rejects (with RE2's message).
//
// Thread safety: a loaded Site is immutable and may be shared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace re2 {
class RE2;
}

namespace newsfacts::fetch {

struct Site {
  std::string name;
  std::vector<std::string> start, feeds, sitemaps;
  std::vector<std::string> follow, skip;  // patterns as written
  int max_pages = 500;
  double delay = 1.0;

  // Whether an article URL is to be fetched: it matches no skip pattern and, when there
  // are follow patterns, at least one of them.
  bool Wanted(const std::string& url) const;

  std::vector<std::shared_ptr<const re2::RE2>> follow_re, skip_re;
};

Result<std::vector<Site>> LoadSites(const std::string& path);
Result<std::vector<Site>> ParseSites(const std::string& text, const std::string& origin);

}  // namespace newsfacts::fetch
