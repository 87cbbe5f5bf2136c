// The crawler on its own: real HTTP servers on loopback addresses, a ledger kept in
// memory, pages made into articles by a stand-in stage, and a report that collects.
#include "fetch/crawler.h"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "fetch/test_server.h"
#include "tests/temp_dir.h"

namespace newsfacts::fetch {
namespace {

using newsfacts::testing::TempDir;

// The frontier and the exchange log in memory.
class MemoryLedger : public CrawlLedger {
 public:
  struct Entry {
    std::string site, kind;
    KnownUrl known;
  };

  Result<std::optional<KnownUrl>> Find(const std::string& url) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = urls_.find(url);
    if (it == urls_.end()) return std::optional<KnownUrl>();
    return std::optional<KnownUrl>(it->second.known);
  }
  Status Discover(const std::string& url, const std::string& site, const std::string&) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto& e = urls_[url];
    e.site = site;
    e.kind = "article";
    if (e.known.state.empty()) e.known.state = "new";
    return Status::Ok();
  }
  Result<std::vector<std::string>> Pending(const std::string& site, int max_attempts,
                                           int64_t limit) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& [url, e] : urls_) {
      const bool due =
          e.known.state == "new" || (e.known.state == "failed" && e.known.attempts < max_attempts);
      if (e.site == site && e.kind == "article" && due &&
          static_cast<int64_t>(out.size()) < limit) {
        out.push_back(url);
      }
    }
    return out;
  }
  Status LogFetch(const std::string& url, const PoliteResult&) override {
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back(url);
    return Status::Ok();
  }
  Status StoreFetched(const std::string& url, const PoliteResult&, const std::string& site,
                      const std::string& kind, const UrlOutcome& outcome,
                      Article* article) override {
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back(url);
    if (article) articles_.push_back(article->id);
    Set(url, site, kind, outcome);
    return Status::Ok();
  }
  Status RecordOutcome(const std::string& url, const std::string& site, const std::string& kind,
                       const UrlOutcome& outcome) override {
    std::lock_guard<std::mutex> lock(mu_);
    Set(url, site, kind, outcome);
    return Status::Ok();
  }

  std::map<std::string, Entry> urls() {
    std::lock_guard<std::mutex> lock(mu_);
    return urls_;
  }
  std::vector<std::string> articles() {
    std::lock_guard<std::mutex> lock(mu_);
    return articles_;
  }
  std::vector<std::string> log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }

 private:
  void Set(const std::string& url, const std::string& site, const std::string& kind,
           const UrlOutcome& o) {
    Entry& e = urls_[url];
    e.site = site;
    e.kind = kind;
    e.known.state = o.state;
    e.known.fetched_at = o.fetched_at;
    if (!o.etag.empty()) e.known.etag = o.etag;
    if (!o.last_modified.empty()) e.known.last_modified = o.last_modified;
    if (!o.payload_digest.empty()) e.known.payload_digest = o.payload_digest;
    ++e.known.attempts;
  }

  std::mutex mu_;
  std::map<std::string, Entry> urls_;
  std::vector<std::string> articles_, log_;
};

class CollectingReport : public CrawlReport {
 public:
  void Error(const std::string& message) override {
    std::lock_guard<std::mutex> lock(mu_);
    errors.push_back(message);
  }
  void ArticleMade(const Article& article) override {
    std::lock_guard<std::mutex> lock(mu_);
    made.push_back(article.id);
  }
  std::mutex mu_;
  std::vector<std::string> errors, made;
};

// Each page's body is its article's text; a page whose body says "broken" is refused.
ArticleStages TextStages() {
  ArticleStages stages;
  stages.make_article = [](const std::string& url, PoliteResult* fetched) -> Result<Article> {
    if (fetched->response.body.find("broken") != std::string::npos) {
      return InvalidInput("no article in the page");
    }
    Article a;
    a.id = url;
    a.text = std::move(fetched->response.body);
    return a;
  };
  stages.comparable_time = [](const std::string& text) -> std::optional<std::string> {
    if (text.empty()) return std::nullopt;
    return text;
  };
  return stages;
}

std::unique_ptr<Crawler> MakeCrawler(const TempDir& dir, CrawlLedger* ledger, CrawlReport* report) {
  CrawlerOptions options;
  options.warc.dir = (dir / "warc").string();
  auto crawler = Crawler::Create(options, ledger, TextStages(), report);
  REQUIRE_MESSAGE(crawler.ok(), crawler.status().ToString());
  return std::move(crawler).value();
}

Site FeedSite(const std::string& name, const std::string& feed) {
  auto sites = ParseSites(
      "[[site]]\nname = \"" + name + "\"\nfeeds = [\"" + feed + "\"]\ndelay = 0.01\n", "test");
  REQUIRE_MESSAGE(sites.ok(), sites.status().ToString());
  return sites->front();
}

// /rss.xml lists /a/1, /a/2 and /a/broken, and changes on every request (an unchanged
// feed would list nothing); each article has an ETag it honours.
void ServeFeed(testing::TestServer& server) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  server.server().Get("/rss.xml", [calls](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<rss version=\"2.0\"><channel><item><link>/a/1</link></item>"
        "<item><link>/a/2</link></item><item><link>/a/broken</link></item></channel></rss>"
        "<!-- " +
            std::to_string((*calls)++) + " -->",
        "application/rss+xml");
  });
  server.server().Get(R"(/a/(\w+))", [](const httplib::Request& req, httplib::Response& res) {
    const std::string etag = "\"" + std::string(req.matches[1]) + "\"";
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_header("ETag", etag);
    res.set_content("page " + std::string(req.matches[1]), "text/html");
  });
}

}  // namespace

TEST_CASE("Crawler: a pass without a ledger fetches every listed URL and prints nothing") {
  TempDir dir;
  testing::TestServer server;
  ServeFeed(server);
  server.Start();
  CollectingReport report;
  auto crawler = MakeCrawler(dir, nullptr, &report);
  const auto counts = crawler->CrawlSites({FeedSite("Feed", server.Url("/rss.xml"))});
  REQUIRE(counts.size() == 1);
  CHECK(counts[0].reached);
  CHECK(counts[0].discovered == 3);
  CHECK(counts[0].fetched == 2);
  CHECK(counts[0].failed == 1);
  CHECK(crawler->stored() == 2);
  CHECK(crawler->failed() == 1);
  CHECK(report.made == std::vector<std::string>{server.Url("/a/1"), server.Url("/a/2")});
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0] == "crawl: Feed: " + server.Url("/a/broken") + ": no article in the page");
}

TEST_CASE("Crawler: the ledger is what a second pass revalidates against") {
  TempDir dir;
  testing::TestServer server;
  ServeFeed(server);
  server.Start();
  MemoryLedger ledger;
  CollectingReport report;
  const Site site = FeedSite("Feed", server.Url("/rss.xml"));
  {
    auto crawler = MakeCrawler(dir, &ledger, &report);
    const auto first = crawler->CrawlSites({site});
    CHECK(first[0].fetched == 2);
  }
  auto urls = ledger.urls();
  CHECK(urls[server.Url("/a/1")].known.state == "done");
  CHECK(urls[server.Url("/a/1")].known.etag == "\"1\"");
  CHECK(urls[server.Url("/a/broken")].known.state == "failed");
  CHECK(urls[server.Url("/rss.xml")].kind == "feed");
  CHECK(ledger.articles() == std::vector<std::string>{server.Url("/a/1"), server.Url("/a/2")});

  // The feed gives no dates: every recorded article is rechecked, with its ETag; the
  // broken page is new again (failed once), so it is fetched whole.
  auto crawler = MakeCrawler(dir, &ledger, &report);
  const auto second = crawler->CrawlSites({site});
  CHECK(second[0].fetched == 0);
  CHECK(second[0].not_modified == 2);
  CHECK(second[0].failed == 1);
  size_t revalidated = 0;
  for (const testing::Seen& s : server.seen()) {
    if (s.path == "/a/1" && s.if_none_match == "\"1\"") ++revalidated;
    if (s.path == "/a/2" && s.if_none_match == "\"2\"") ++revalidated;
  }
  CHECK(revalidated == 2);
  CHECK(ledger.urls()[server.Url("/a/broken")].known.attempts == 2);
}

TEST_CASE("Crawler: FetchUrls counts a URL robots.txt forbids as failed") {
  TempDir dir;
  testing::TestServer server;
  ServeFeed(server);
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nDisallow: /a/2\n", "text/plain");
  });
  server.Start();
  MemoryLedger ledger;
  CollectingReport report;
  auto crawler = MakeCrawler(dir, &ledger, &report);
  auto all = crawler->FetchUrls({server.Url("/a/1"), server.Url("/a/2")}, 0.01);
  REQUIRE(all.ok());
  CHECK_FALSE(*all);
  CHECK(crawler->stored() == 1);
  CHECK(crawler->failed() == 1);
  CHECK(server.Count("/a/2") == 0);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].rfind("fetch: " + server.Url("/a/2") + ": ", 0) == 0);
  CHECK(ledger.urls()[server.Url("/a/2")].known.state == "failed");
  CHECK(ledger.urls()[server.Url("/a/1")].site == "127.0.0.1");
}

}  // namespace newsfacts::fetch
