// Site: the pages of `newsfacts serve`, answered in-process, without any HTTP.
//
// Addresses (stable, so others can link to them):
//   /                         the search box
//   /check?claim=TEXT         a claim: the `check` hits (verdict, the figure highlighted in its
//                             sentence, the article, the archived copy); words without a figure:
//                             the articles matching them
//   /api/check?claim=TEXT     the `check --json` objects of those hits, as one JSON array
//   /article?id=ID            an article (by id, URL or canonical URL) with every fact marked;
//                             each mark links to its card (rule id, fields, archived copy)
//   /history?subject=S[&unit=U]  a subject's figures across articles over time (SVG chart)
//   /speakers[?name=NAME]     speakers by number of quotes; one speaker's quotes
//   /conflicts[?subject=S&since=YYYY-MM-DD]  figures that disagree across sources
//   /assets/style.css         the style sheet (embedded; nothing is fetched from outside)
// Any other path is 404, whatever it holds (no file is ever read from disk for a URL).
//
// Every text on a page is HTML-escaped (web/html.h); pages hold no script at all.
// Parameters are checked first (web/params.h): a repeated, oversized, non-UTF-8 or
// control-character value answers 400 with the reason, and the database is not read.
// A missing article answers 404; a database error answers 500 with SQLite's message. Get()
// never throws: an unexpected exception answers 500.
//
// The database is opened read-only, one connection per request running at once
// (web/store_pool.h), so a crawl writing the same file never blocks a page, nor the page it.
//
// Thread safety: Get() may be called from many threads at once. The Site does not own the
// RuleBook, which must outlive it (a RuleBook is immutable and safe to share).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "extract/extract.h"
#include "web/params.h"
#include "web/store_pool.h"

namespace newsfacts::web {

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

// Sent with every response by the server (web/server.h). No script source is allowed at
// all: the pages need none, so even markup slipping through would not run.
inline constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

class Site {
 public:
  Site(std::string db_path, const RuleBook* rules);
  Site(const Site&) = delete;  // owns the connection pool
  Site& operator=(const Site&) = delete;

  // The answer to GET path?params (path already percent-decoded, without the query).
  Response Get(const std::string& path, const Params& params);

  // An HTML page for an error status with a message (also for statuses the HTTP layer
  // produces itself, such as 414 for an overlong request line).
  static Response ErrorPage(int status, const std::string& message);

 private:
  Response Home(const Params& params);
  Response Check(const Params& params);
  Response ApiCheck(const Params& params);
  Response ArticlePage(const Params& params);
  Response History(const Params& params);
  Response SpeakersPage(const Params& params);
  Response ConflictsPage(const Params& params);

  StorePool pool_;
  const RuleBook* rules_;
};

}  // namespace newsfacts::web
