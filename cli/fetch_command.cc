#include "cli/fetch_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/process.h"
#include "cli/store_ledger.h"
#include "extract/extract.h"
#include "fetch/crawler.h"
#include "fetch/sites.h"
#include "fetch/stop_signals.h"
#include "store/crawl_state.h"
#include "store/store.h"
#include "url/url.h"

namespace newsfacts::cli {
namespace fs = std::filesystem;

namespace {

constexpr int kExitLocked = 3;

struct Options {
  std::string db = "newsfacts.db";
  std::string warc_dir;  // default: warc/ beside the database
  std::string user_agent = fetch::kDefaultUserAgent;
  std::string rules;
  bool json = false;
  bool no_db = false;
  bool quiet = false;
  double delay = 1.0;  // fetch: seconds between requests to one host
  // crawl
  std::string sites;
  bool allow_private = false;
  int max_pages = -1;  // -1: each site's own max_pages
  int threads = 0;
};

// After EndSession: a stopped run exits 128 + the signal, as if the signal had killed it.
int StoppedStatus(const char* command, int status) {
  const int signo = fetch::StopSignals::Received();
  if (signo == 0) return status;
  std::cerr << "newsfacts: " << command << ": stopped by signal " << signo
            << "; what was stored is kept and the next run carries on\n";
  return 128 + signo;
}

int Fail(const std::string& message) {
  std::cerr << "newsfacts: " << message << "\n";
  return kExitUsage;
}

// The crawler's report on the terminal: errors on stderr, articles as JSON lines on
// stdout with --json; one lock, so lines from different sites never interleave.
class TerminalReport : public fetch::CrawlReport {
 public:
  explicit TerminalReport(bool json) : json_(json) {}
  void Error(const std::string& message) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::cerr << "newsfacts: " << message << "\n";
  }
  void ArticleMade(const Article& article) override {
    if (!json_) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::cout << ToJsonLine(article) << "\n";
  }

 private:
  const bool json_;
  std::mutex mu_;
};

// The item `extract` would make of a fetched page.
Item ItemOf(const std::string& url, fetch::PoliteResult* fetched) {
  fetch::PoliteResult& r = *fetched;
  Item item;
  item.name = url;
  item.id = url;
  item.url = r.response.final_url;
  item.bytes = std::move(r.response.body);
  item.charset_hint = r.response.charset;
  const std::string& type = r.response.content_type;
  item.format = type.rfind("text/plain", 0) == 0 ? InputFormat::kText : InputFormat::kHtml;
  if (r.warc) {
    item.archive = ArchiveRef{r.warc->file,
                              static_cast<int64_t>(r.warc->offset),
                              static_cast<int64_t>(r.warc->length),
                              r.warc->record_id,
                              r.fetched_at,
                              r.warc->payload_digest};
  }
  return item;
}

// What fetch and crawl both open: the rules, the database and its run, the report, the
// crawler; destroyed in reverse, so the crawler goes before what it writes to.
struct Session {
  std::optional<RuleBook> rules;
  std::optional<store::Store> store;
  int64_t run_id = 0;
  std::unique_ptr<StoreLedger> ledger;  // null with --no-db
  std::unique_ptr<TerminalReport> report;
  std::unique_ptr<fetch::Crawler> crawler;
};

fetch::ArticleStages StagesOf(const RuleBook* rules) {
  fetch::ArticleStages stages;
  stages.make_article = [rules](const std::string& url, fetch::PoliteResult* fetched) {
    return ProcessItem(ItemOf(url, fetched), *rules);
  };
  stages.comparable_time = [](const std::string& text) { return NormaliseTimestamp(text); };
  return stages;
}

// Returns an exit status on failure.
int OpenSession(const Options& o, const char* command, Session* s) {
  auto book = RuleBook::Load(o.rules.empty() ? DefaultRulesDir() : o.rules);
  if (!book.ok()) return Fail(book.status().ToString());
  s->rules.emplace(std::move(book).value());
  if (!o.no_db) {
    auto opened = store::Store::Open(o.db);
    if (!opened.ok()) return Fail(opened.status().ToString());
    s->store.emplace(std::move(opened).value());
    auto run = s->store->BeginRun({NEWSFACTS_VERSION, s->rules->versions(), command, ""});
    if (!run.ok()) return Fail(run.status().ToString());
    s->run_id = *run;
    s->ledger = std::make_unique<StoreLedger>(&*s->store, s->run_id);
  }
  fetch::CrawlerOptions c;
  c.user_agent = o.user_agent;
  c.allow_private = o.allow_private;
  c.max_pages = o.max_pages;
  c.threads = o.threads;
  c.warc.dir = !o.warc_dir.empty() ? o.warc_dir : (fs::path(o.db).parent_path() / "warc").string();
  c.warc.software = std::string("newsfacts/") + NEWSFACTS_VERSION;
  c.warc.user_agent = o.user_agent;
  s->report = std::make_unique<TerminalReport>(o.json);
  auto crawler = fetch::Crawler::Create(c, s->ledger.get(), StagesOf(&*s->rules), s->report.get());
  if (!crawler.ok()) return Fail(crawler.status().ToString());
  s->crawler = std::move(crawler).value();
  return kExitOk;
}

int EndSession(Session* s, int status) {
  // Every fetching thread has returned: nothing is left in flight.
  s->crawler->Stop();
  std::cout.flush();
  if (s->store) {
    if (Status e = s->store->EndRun(s->run_id, s->crawler->stored(), s->crawler->failed());
        !e.ok()) {
      std::cerr << "newsfacts: " << e.ToString() << "\n";
      return std::max(status, kExitSomeFailed);
    }
  }
  return status;
}

int FetchUrls(const Options& o, const std::vector<std::string>& urls) {
  if (urls.empty()) return Fail("fetch: no URL given");
  std::vector<std::string> canonical;
  for (const std::string& u : urls) {
    auto c = CanonicalUrl(u);
    if (!c.ok()) return Fail("fetch: " + c.status().ToString());
    canonical.push_back(*c);
  }
  Session session;
  if (int rc = OpenSession(o, "fetch", &session); rc != kExitOk) return rc;
  fetch::StopSignals stop_signals;  // Ctrl-C: see StoppedStatus()
  auto all_stored = session.crawler->FetchUrls(canonical, o.delay);
  if (!all_stored.ok()) return Fail(all_stored.status().ToString());
  const int status = *all_stored ? kExitOk : kExitSomeFailed;
  return StoppedStatus("fetch", EndSession(&session, status));
}

void PrintSiteLine(const fetch::Site& site, const fetch::SiteCounts& c) {
  std::cout << site.name << ": discovered " << c.discovered << ", fetched " << c.fetched
            << ", not modified " << c.not_modified << ", robots " << c.robots << ", refused "
            << c.refused << ", failed " << c.failed << "\n";
}

int Crawl(const Options& o) {
  if (o.sites.empty()) return Fail("crawl: --sites FILE is required");
  auto sites = fetch::LoadSites(o.sites);
  if (!sites.ok()) return Fail("crawl: " + sites.status().ToString());

  std::error_code ec;
  if (!o.no_db) {
    const fs::path dir = fs::path(o.db).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
  }
  auto lock = store::CrawlLock::TryAcquire(o.no_db ? o.db + ".nodb" : o.db);
  if (!lock.ok()) return Fail("crawl: " + lock.status().ToString());
  if (!lock->has_value()) {
    std::cerr << "newsfacts: crawl: another crawl holds the lock on " << o.db << " (" << o.db
              << ".lock); exiting\n";
    return kExitLocked;
  }

  Session session;
  if (int rc = OpenSession(o, "crawl", &session); rc != kExitOk) return rc;
  fetch::StopSignals stop_signals;  // Ctrl-C: see StoppedStatus()
  const std::vector<fetch::SiteCounts> counts = session.crawler->CrawlSites(*sites);

  int status = kExitOk;
  for (size_t i = 0; i < sites->size(); ++i) {
    if (!o.quiet) PrintSiteLine((*sites)[i], counts[i]);
    if (!counts[i].reached && fetch::StopSignals::Received() == 0) {
      std::cerr << "newsfacts: crawl: " << (*sites)[i].name
                << ": not reached (no start page, feed or sitemap could be fetched)\n";
      status = kExitSomeFailed;
    }
  }
  return StoppedStatus("crawl", EndSession(&session, status));
}

}  // namespace

void AddFetchCommands(CLI::App* app, int* status) {
  auto options = std::make_shared<Options>();
  auto urls = std::make_shared<std::vector<std::string>>();

  CLI::App* f = app->add_subcommand("fetch", "fetch pages politely, archive them (WARC), extract");
  f->add_option("--db", options->db, "database file")->capture_default_str();
  f->add_option("--warc-dir", options->warc_dir,
                "WARC directory (default: warc/ beside the database)");
  f->add_option("--user-agent", options->user_agent, "User-Agent header (name a contact URL)");
  f->add_option("--rules", options->rules, "rule directory (default: the shipped rules)");
  f->add_option("--delay", options->delay, "seconds between requests to one host")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  f->add_flag("--json", options->json, "also write each article as a JSON line to stdout");
  f->add_flag("--no-db", options->no_db, "do not write a database");
  f->add_flag("--quiet", options->quiet, "no progress output (fetch prints none)");
  f->add_option("urls", *urls, "URLs to fetch")->required();
  f->callback([options, urls, status] { *status = FetchUrls(*options, *urls); });

  CLI::App* c = app->add_subcommand("crawl", "one crawl pass over sites' feeds and sitemaps");
  c->add_option("--sites", options->sites, "sites file (TOML)")->required();
  c->add_option("--db", options->db, "database file")->capture_default_str();
  c->add_option("--warc-dir", options->warc_dir,
                "WARC directory (default: warc/ beside the database)");
  c->add_option("--user-agent", options->user_agent, "User-Agent header (name a contact URL)");
  c->add_option("--rules", options->rules, "rule directory (default: the shipped rules)");
  c->add_flag("--allow-private", options->allow_private,
              "fetch discovered URLs on loopback or private addresses");
  c->add_option("--max-pages", options->max_pages, "at most N article fetches per site")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--threads", options->threads, "sites crawled at once (default: up to 32)")
      ->check(CLI::NonNegativeNumber);
  c->add_flag("--json", options->json, "also write each article as a JSON line to stdout");
  c->add_flag("--quiet", options->quiet, "no line per site at the end");
  c->callback([options, status] { *status = Crawl(*options); });
}

}  // namespace newsfacts::cli
