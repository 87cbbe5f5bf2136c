// `newsfacts fetch` and `newsfacts crawl` end to end: the real program against real
// HTTP servers on loopback addresses (127.0.0.1 and 127.0.0.2 are distinct hosts).
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "archive/warc_writer.h"
#include "fetch/test_server.h"
#include "tests/black_box.h"

extern char** environ;

namespace newsfacts::fetch {
using archive::ReadWarc;
using archive::WarcRecord;
namespace {

namespace bb = newsfacts::testing;
using Clock = std::chrono::steady_clock;

// ctest names the program; a direct run of fetch_tests finds it beside itself.
std::string Binary() {
  std::string bin = bb::BinaryPath();
  if (bin.empty()) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      bin = (self.parent_path() / "newsfacts").string();
      setenv("NEWSFACTS_BIN", bin.c_str(), 1);
    }
  }
  return bin;
}

bb::RunResult Run(const std::vector<std::string>& args) {
  REQUIRE_FALSE(Binary().empty());
  return bb::RunNewsfacts(args);
}

// Starts the program without waiting; its output goes to files in dir.
pid_t Spawn(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  std::vector<std::string> argv_s = {Binary()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (dir / "spawn.out").string(), err = (dir / "spawn.err").string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv_s[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int64_t Scalar(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    v = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

std::string ArticleHtml(int n, const std::string& extra = "") {
  return "<html><head><title>Depot report " + std::to_string(n) +
         "</title></head><body><article><h1>Depot report " + std::to_string(n) +
         "</h1><p>Inspectors at the eastern depot weighed " + std::to_string(n + 10) +
         " tonnes of grain on Tuesday, the ministry said in a short statement.</p><p>" + extra +
         "The count was the largest since the depot opened, officials added.</p>"
         "</article></body></html>";
}

// Serves /world/<n> with an ETag, honouring If-None-Match.
void ServeArticles(testing::TestServer& server) {
  server.server().Get(R"(/world/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    const int n = std::stoi(req.matches[1]);
    const std::string etag = "\"article-" + std::to_string(n) + "\"";
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_header("ETag", etag);
    res.set_content(ArticleHtml(n), "text/html; charset=utf-8");
  });
}

std::string Rss(const std::vector<std::string>& links) {
  std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Depot</title>";
  for (const std::string& l : links) rss += "<item><title>t</title><link>" + l + "</link></item>";
  return rss + "</channel></rss>";
}

std::vector<double> GapsSeconds(const std::vector<testing::Seen>& seen) {
  std::vector<double> gaps;
  for (size_t i = 1; i < seen.size(); ++i) {
    gaps.push_back(std::chrono::duration<double>(seen[i].at - seen[i - 1].at).count());
  }
  return gaps;
}

}  // namespace

TEST_CASE("crawl: one pass, politeness, statuses, then a second pass fetches nothing new") {
  bb::TempDir dir;
  testing::TestServer server;
  ServeArticles(server);
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nDisallow: /world/blocked\nCrawl-delay: 0.15\n", "text/plain");
  });
  const std::string other_host = "http://127.0.0.2:" + std::to_string(9) + "/world/elsewhere";
  server.server().Get("/rss.xml", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"feed-1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"feed-1\"");
    res.set_content(
        Rss({"/world/1?utm_source=feed", "/world/2", "/world/3#comments", "/world/blocked",
             other_host, "/world/gone", "/world/busy", "/world/limited", "/video/9"}),
        "application/rss+xml");
  });
  server.server().Get("/news-sitemap.xml", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url>"
        "<loc>/world/4</loc><lastmod>2024-05-23</lastmod><news:news>"
        "<news:publication_date>2024-05-23</news:publication_date></news:news></url>"
        "<url><loc>/world/2</loc><lastmod>2024-05-23</lastmod></url></urlset>",
        "application/xml");
  });
  server.server().Get("/broken-sitemap.xml", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<urlset><url><loc>/world/5</loc></url", "application/xml");
  });
  server.server().Get("/world/gone",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
  std::atomic<int> busy_calls{0}, limited_calls{0};
  server.server().Get("/world/busy", [&](const httplib::Request&, httplib::Response& res) {
    if (busy_calls++ == 0) {
      res.status = 503;
      res.set_header("Retry-After", "0");
      return;
    }
    res.set_content(ArticleHtml(20), "text/html");
  });
  server.server().Get("/world/limited", [&](const httplib::Request&, httplib::Response& res) {
    if (limited_calls++ == 0) {
      res.status = 429;
      return;
    }
    // Windows-1252 bytes, announced only by the HTTP header.
    res.set_content(ArticleHtml(21, "The caf\xE9 owners counted 40 crates. "),
                    "text/html; charset=windows-1252");
  });
  server.Start();

  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Depot Ledger\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\nsitemaps = [\"" + server.Url("/news-sitemap.xml") + "\", \"" +
                           server.Url("/broken-sitemap.xml") +
                           "\"]\nfollow = ['/world/']\nskip = ['/video/']\ndelay = 0.05\n");
  const std::string db = (dir / "crawl.db").string();

  auto first = Run({"crawl", "--sites", sites, "--db", db});
  INFO(first.Describe());
  REQUIRE(first.exit_code == 0);
  // 1, 2, 3, blocked, elsewhere, gone, busy, limited from the feed; 4 from the sitemap.
  CHECK(first.out ==
        "Depot Ledger: discovered 9, fetched 6, not modified 0, robots 1, refused 1, failed 1\n");
  CHECK(first.err.find("broken-sitemap.xml") != std::string::npos);
  CHECK(first.err.find("malformed XML: unterminated tag") != std::string::npos);
  CHECK(first.err.find("127.0.0.2") != std::string::npos);
  CHECK(first.err.find("410") != std::string::npos);
  CHECK(server.Count("/world/blocked") == 0);
  CHECK(busy_calls == 2);
  CHECK(limited_calls == 2);
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 6);
  CHECK(Scalar(db, "SELECT count(*) FROM articles WHERE id = '" + server.Url("/world/1") + "'") ==
        1);
  CHECK(Scalar(db, "SELECT count(*) FROM articles WHERE text LIKE '%caf\xC3\xA9 owners%'") == 1);
  CHECK(Scalar(db, "SELECT count(*) FROM articles WHERE fetch_id IS NULL") == 0);
  CHECK(Scalar(db,
               "SELECT count(*) FROM articles a JOIN fetches f ON f.id = a.fetch_id "
               "WHERE f.status = 200 AND f.warc_file IS NOT NULL AND f.warc_offset >= 0 "
               "AND f.payload_digest LIKE 'sha1:%'") == 6);
  // Each article names its archived copy (the contract's `archive`): the fetch's record.
  CHECK(Scalar(db,
               "SELECT count(*) FROM articles a JOIN fetches f ON f.id = a.fetch_id "
               "WHERE a.archive_file = f.warc_file AND a.archive_offset = f.warc_offset "
               "AND a.archive_length = f.warc_length AND a.archive_record_id = f.warc_record_id "
               "AND a.archive_digest = f.payload_digest AND a.archive_date = f.fetched_at") == 6);
  CHECK(Scalar(db, "SELECT count(*) FROM captures") == 6);

  // Crawl-delay (0.15 s) is larger than the site's 0.05 s: every request arrives at
  // least that long after the one before, on the server's own clock.
  const auto gaps = GapsSeconds(server.seen());
  REQUIRE(gaps.size() > 8);
  CHECK(*std::min_element(gaps.begin(), gaps.end()) >= 0.15);

  // Every fetches row points at a record the archive holds, with the same digest.
  int checked = 0;
  {
    sqlite3* raw = nullptr;
    sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(raw,
                       "SELECT warc_file, warc_offset, warc_record_id, url FROM fetches "
                       "WHERE status = 200 AND url LIKE '%/world/%'",
                       -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
      const std::string file = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      const int64_t offset = sqlite3_column_int64(s, 1);
      const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
      bool found = false;
      Status st = ReadWarc(file, [&](const WarcRecord& r) {
        if (static_cast<int64_t>(r.offset) != offset) return true;
        found = r.headers.at("warc-record-id") == id && r.headers.at("warc-type") == "response";
        return false;
      });
      CHECK(st.ok());
      CHECK(found);
      ++checked;
    }
    sqlite3_finalize(s);
    sqlite3_close(raw);
  }
  CHECK(checked == 6);

  // The independent reader, when asked for (it needs node and npm): see docs/crawl.md.
  if (std::getenv("NEWSFACTS_CHECK_WARCIO")) {
    const std::string script = std::string(NEWSFACTS_SOURCE_DIR) + "/fetch/tools/check_warc.sh";
    std::string command = bb::ShellQuote(script);
    for (const auto& e : std::filesystem::directory_iterator(dir / "warc")) {
      command += " " + bb::ShellQuote(e.path().string());
    }
    CHECK(std::system(command.c_str()) == 0);
  }

  // Second pass: the feed answers 304, the sitemap lists only stored URLs.
  const size_t requests_before = server.seen().size();
  auto second = Run({"crawl", "--sites", sites, "--db", db});
  INFO(second.Describe());
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("fetched 0,") != std::string::npos);
  const auto seen = server.seen();
  for (size_t i = requests_before; i < seen.size(); ++i) {
    INFO(seen[i].path);
    CHECK((seen[i].path == "/robots.txt" || seen[i].path == "/rss.xml" ||
           seen[i].path.find("sitemap") != std::string::npos));
  }
  CHECK(seen[requests_before + 1].if_none_match == "\"feed-1\"");
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 6);
}

TEST_CASE("crawl: unchanged bodies without validators are revisits, not new fetches") {
  bb::TempDir dir;
  testing::TestServer server;
  // No ETag, no Last-Modified: only the body's digest can tell it is unchanged.
  server.server().Get(R"(/world/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(ArticleHtml(std::stoi(req.matches[1])), "text/html");
  });
  // The feed changes on every request (an identical feed would list nothing new).
  std::atomic<int> feed_calls{0};
  server.server().Get("/rss.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(Rss({"/world/1", "/world/2"}) + "<!-- " + std::to_string(feed_calls++) + " -->",
                    "application/rss+xml");
  });
  server.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Same\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\ndelay = 0.02\n");
  const std::string db = (dir / "same.db").string();
  auto first = Run({"crawl", "--sites", sites, "--db", db, "--warc-dir", (dir / "w").string()});
  CHECK(first.out ==
        "Same: discovered 2, fetched 2, not modified 0, robots 0, refused 0, failed 0\n");
  auto second = Run({"crawl", "--sites", sites, "--db", db, "--warc-dir", (dir / "w").string()});
  INFO(second.Describe());
  CHECK(second.out ==
        "Same: discovered 2, fetched 0, not modified 2, robots 0, refused 0, failed 0\n");
  CHECK(server.Count("/world/1") == 2);
  int revisits = 0, responses = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "w")) {
    Status st = ReadWarc(entry.path().string(), [&](const WarcRecord& r) {
      if (r.headers.at("warc-type") == "revisit" &&
          r.headers.at("warc-profile").find("identical-payload-digest") != std::string::npos &&
          r.headers.count("warc-payload-digest")) {
        ++revisits;
      }
      if (r.headers.at("warc-type") == "response" &&
          r.headers.at("warc-target-uri").find("/world/") != std::string::npos) {
        ++responses;
      }
      return true;
    });
    CHECK(st.ok());
  }
  CHECK(revisits == 2);
  CHECK(responses == 2);
  // Archived but not a new article version: the articles keep their first fetch.
  CHECK(Scalar(db,
               "SELECT count(*) FROM fetches f JOIN articles a ON a.fetch_id = f.id "
               "WHERE f.status = 200") == 2);
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 2);
  // --quiet leaves the per-site lines out; the crawl is the same.
  auto quiet =
      Run({"crawl", "--sites", sites, "--db", db, "--warc-dir", (dir / "q").string(), "--quiet"});
  CHECK_MESSAGE(quiet.exit_code == 0, quiet.Describe());
  CHECK(quiet.out.empty());
  CHECK(server.Count("/world/1") == 3);
}

TEST_CASE("crawl: a host that keeps failing is slowed, then skipped for the run") {
  bb::TempDir dir;
  testing::TestServer server;
  server.server().Get(R"(/world/(\d+))",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  std::vector<std::string> links;
  for (int i = 1; i <= 10; ++i) links.push_back("/world/" + std::to_string(i));
  server.server().Get("/rss.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(Rss(links), "application/rss+xml");
  });
  server.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Broken\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\ndelay = 0.02\n");
  auto r = Run({"crawl", "--sites", sites, "--db", (dir / "b.db").string()});
  INFO(r.Describe());
  CHECK(r.exit_code == 0);  // the site was reached: its feed answered
  CHECK(r.out ==
        "Broken: discovered 10, fetched 0, not modified 0, robots 0, refused 0, failed 10\n");
  CHECK(r.err.find("host skipped") != std::string::npos);
  std::vector<testing::Seen> articles;
  for (const auto& s : server.seen()) {
    if (s.path.rfind("/world/", 0) == 0) articles.push_back(s);
  }
  CHECK(articles.size() == 6);
  const auto gaps = GapsSeconds(articles);
  REQUIRE(gaps.size() == 5);
  // Until the third failure the site's pace (0.02 s); after it 0.1, 0.2, 0.4 s (doubling
  // from the 0.05 s floor of a slowed host).
  CHECK(gaps[1] < 0.15);
  CHECK(gaps[2] >= 0.1);
  CHECK(gaps[3] >= 0.2);
  CHECK(gaps[4] >= 0.4);
}

TEST_CASE("crawl: feeds announced by start pages, sitemaps named by robots.txt") {
  bb::TempDir dir;
  testing::TestServer a("127.0.0.1"), b("127.0.0.2");
  ServeArticles(a);
  ServeArticles(b);
  a.server().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" "
        "href=\"/atom.xml\"></head><body>Front page</body></html>",
        "text/html");
  });
  a.server().Get("/atom.xml", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"/world/1\"/>"
        "</entry><entry><link href=\"/world/2\"/></entry></feed>",
        "application/atom+xml");
  });
  const std::string sitemap = testing::Gzip(
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>/world/7</loc>"
      "</url><url><loc>/world/8</loc></url></urlset>");
  b.server().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><body>No feeds announced here.</body></html>", "text/html");
  });
  b.server().Get("/robots.txt", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nAllow: /\nSitemap: " + b.Url("/sitemap-index.xml") + "\n",
                    "text/plain");
  });
  b.server().Get("/sitemap-index.xml", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        "<sitemap><loc>/maps/articles.xml.gz</loc></sitemap></sitemapindex>",
        "application/xml");
  });
  b.server().Get("/maps/articles.xml.gz", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(sitemap, "application/x-gzip");
  });
  a.Start();
  b.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"A\"\nstart = [\"" + a.Url("/") +
                           "\"]\ndelay = 0.02\n[[site]]\nname = \"B\"\nstart = [\"" + b.Url("/") +
                           "\"]\ndelay = 0.02\n");
  auto r = Run({"crawl", "--sites", sites, "--db", (dir / "d.db").string()});
  INFO(r.Describe());
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "A: discovered 2, fetched 2, not modified 0, robots 0, refused 0, failed 0\n"
        "B: discovered 2, fetched 2, not modified 0, robots 0, refused 0, failed 0\n");
  CHECK(b.Count("/world/8") == 1);
}

TEST_CASE("crawl: a bad sites file exits 2, an unreachable site exits 1") {
  bb::TempDir dir;
  const std::string sites = (dir / "bad.toml").string();
  bb::WriteFile(sites,
                "[[site]]\nname = \"X\"\nfeeds = [\"http://127.0.0.1:9/rss\"]\n"
                "follow = ['(unclosed']\n");
  auto bad = Run({"crawl", "--sites", sites, "--db", (dir / "a.db").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.toml:1") != std::string::npos);
  CHECK(bad.err.find("missing )") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "a.db"));

  bb::WriteFile(sites, "[[site]]\nname = \"X\"\nfeds = [\"http://127.0.0.1:9/rss\"]\n");
  auto typo = Run({"crawl", "--sites", sites, "--db", (dir / "a.db").string()});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown key \"feds\"") != std::string::npos);

  // Port 9 on loopback refuses connections: robots.txt is unreachable, so nothing is
  // fetched and the site counts as not reached.
  bb::WriteFile(sites,
                "[[site]]\nname = \"Closed\"\nfeeds = [\"http://127.0.0.1:9/rss\"]\n"
                "delay = 0\n");
  auto closed = Run({"crawl", "--sites", sites, "--db", (dir / "a.db").string()});
  CHECK(closed.exit_code == 1);
  CHECK(closed.out ==
        "Closed: discovered 0, fetched 0, not modified 0, robots 0, refused 0, failed 0\n");
  CHECK(closed.err.find("not reached") != std::string::npos);
}

TEST_CASE("crawl: hosts are crawled in parallel, each at its own pace") {
  bb::TempDir dir;
  testing::TestServer a("127.0.0.1"), b("127.0.0.2");
  for (testing::TestServer* s : {&a, &b}) {
    ServeArticles(*s);
    s->server().Get("/rss.xml", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(Rss({"/world/1", "/world/2", "/world/3", "/world/4"}), "application/rss+xml");
    });
    s->Start();
  }
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"A\"\nfeeds = [\"" + a.Url("/rss.xml") +
                           "\"]\ndelay = 0.2\n[[site]]\nname = \"B\"\nfeeds = [\"" +
                           b.Url("/rss.xml") + "\"]\ndelay = 0.1\n");
  const auto start = Clock::now();
  auto r = Run({"crawl", "--sites", sites, "--db", (dir / "p.db").string()});
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  INFO(r.Describe());
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "A: discovered 4, fetched 4, not modified 0, robots 0, refused 0, failed 0\n"
        "B: discovered 4, fetched 4, not modified 0, robots 0, refused 0, failed 0\n");
  // robots.txt, the feed and four articles per host: five gaps each.
  const auto gaps_a = GapsSeconds(a.seen()), gaps_b = GapsSeconds(b.seen());
  REQUIRE(gaps_a.size() == 5);
  REQUIRE(gaps_b.size() == 5);
  CHECK(*std::min_element(gaps_a.begin(), gaps_a.end()) >= 0.2);
  CHECK(*std::min_element(gaps_b.begin(), gaps_b.end()) >= 0.1);
  // The two hosts were served at the same time, not one after the other.
  CHECK(b.seen().front().at < a.seen().back().at);
  CHECK(a.seen().front().at < b.seen().back().at);
  CHECK(took >= 1.0);
}

TEST_CASE("crawl: a run killed mid-way resumes without refetching what it stored") {
  bb::TempDir dir;
  testing::TestServer server;
  ServeArticles(server);
  std::vector<std::string> links;
  for (int i = 1; i <= 12; ++i) links.push_back("/world/" + std::to_string(i));
  server.server().Get("/rss.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(Rss(links), "application/rss+xml");
  });
  server.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Depot\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\ndelay = 0.08\n");
  const std::string db = (dir / "k.db").string();

  const pid_t pid = Spawn({"crawl", "--sites", sites, "--db", db}, dir.path());
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  auto articles_seen = [&] {
    size_t n = 0;
    for (const auto& s : server.seen()) n += s.path.rfind("/world/", 0) == 0;
    return n;
  };
  while (articles_seen() < 5 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  CHECK(Wait(pid) == 128 + SIGKILL);
  const int64_t stored_before = Scalar(db, "SELECT count(*) FROM articles");
  CHECK(stored_before >= 3);
  CHECK(stored_before < 12);

  auto resumed = Run({"crawl", "--sites", sites, "--db", db});
  INFO(resumed.Describe());
  CHECK(resumed.exit_code == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 12);
  CHECK(Scalar(db, "SELECT count(DISTINCT id) FROM articles") == 12);
  // Each article has exactly one stored 200 fetch; the ones stored before the kill
  // were only revalidated (304), never downloaded again.
  CHECK(Scalar(db,
               "SELECT count(*) FROM (SELECT url FROM fetches WHERE status = 200 AND url "
               "LIKE '%/world/%' GROUP BY url HAVING count(*) > 1)") == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM fetches WHERE status = 200 AND url LIKE '%/world/%'") ==
        12);
  CHECK(Scalar(db, "SELECT count(*) FROM crawl_urls WHERE state = 'done' AND kind = 'article'") ==
        12);
}

TEST_CASE(
    "crawl: Ctrl-C cancels the transfer in flight, closes the run, and the next run resumes") {
  bb::TempDir dir;
  testing::TestServer server;
  std::atomic<bool> hang{true};
  // Article 4 answers only after a long pause while `hang` holds.
  server.server().Get(R"(/world/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    const int n = std::stoi(req.matches[1]);
    for (int i = 0; n == 4 && hang && i < 100; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    res.set_content(ArticleHtml(n), "text/html; charset=utf-8");
  });
  std::vector<std::string> links;
  for (int i = 1; i <= 6; ++i) links.push_back("/world/" + std::to_string(i));
  server.server().Get("/rss.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(Rss(links), "application/rss+xml");
  });
  server.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Depot\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\ndelay = 0.05\n");
  const std::string db = (dir / "i.db").string();

  const pid_t pid = Spawn({"crawl", "--sites", sites, "--db", db}, dir.path());
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (server.Count("/world/4") == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(server.Count("/world/4") == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the transfer is in flight
  const auto signalled = Clock::now();
  kill(pid, SIGINT);
  const int code = Wait(pid);
  const double took = std::chrono::duration<double>(Clock::now() - signalled).count();
  hang = false;
  CHECK(code == 128 + SIGINT);
  CHECK(took < 2.0);  // not the 5 s the server would have taken
  const std::string err = bb::ReadFile((dir.path() / "spawn.err").string());
  CHECK(err.find("stopped by signal 2") != std::string::npos);
  // Nothing after article 4 was asked for.
  CHECK(server.Count("/world/5") == 0);
  // The three articles before it are stored, the run is closed, and article 4 is not
  // marked failed: it was cancelled, not refused by the server.
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 3);
  CHECK(Scalar(db, "SELECT count(*) FROM runs WHERE finished_at IS NULL") == 0);
  CHECK(Scalar(db, "SELECT articles_stored FROM runs") == 3);
  CHECK(Scalar(db, "SELECT count(*) FROM crawl_urls WHERE state = 'failed'") == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM fetches WHERE url LIKE '%/world/4'") == 0);

  auto resumed = Run({"crawl", "--sites", sites, "--db", db});
  INFO(resumed.Describe());
  CHECK(resumed.exit_code == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 6);
  CHECK(Scalar(db, "SELECT count(*) FROM crawl_urls WHERE state = 'done' AND kind = 'article'") ==
        6);
}

TEST_CASE("crawl: a second crawl on the same database exits 3 at once") {
  bb::TempDir dir;
  testing::TestServer server;
  ServeArticles(server);
  server.server().Get("/rss.xml", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(Rss({"/world/1", "/world/2", "/world/3", "/world/4", "/world/5"}),
                    "application/rss+xml");
  });
  server.Start();
  const std::string sites = (dir / "sites.toml").string();
  bb::WriteFile(sites, "[[site]]\nname = \"Depot\"\nfeeds = [\"" + server.Url("/rss.xml") +
                           "\"]\ndelay = 0.15\n");
  const std::string db = (dir / "l.db").string();
  const pid_t pid = Spawn({"crawl", "--sites", sites, "--db", db}, dir.path());
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (server.seen().empty() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto start = Clock::now();
  auto second = Run({"crawl", "--sites", sites, "--db", db});
  CHECK(second.exit_code == 3);
  CHECK(second.out.empty());
  CHECK(second.err.find("another crawl") != std::string::npos);
  CHECK(Clock::now() - start < std::chrono::seconds(2));
  CHECK(Wait(pid) == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM articles") == 5);
  CHECK(server.Count("/world/1") == 1);
}

TEST_CASE("fetch: URLs are fetched, archived and stored; robots.txt still applies") {
  bb::TempDir dir;
  testing::TestServer server;
  ServeArticles(server);
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: depotbot\nDisallow: /world/2\n", "text/plain");
  });
  server.Start();
  const std::string db = (dir / "f.db").string();
  auto r = Run({"fetch", "--db", db, "--delay", "0.05", "--user-agent",
                "DepotBot/2.0 (+https://example.invalid/bot)", "--json", server.Url("/world/1"),
                server.Url("/world/2")});
  INFO(r.Describe());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/world/2: disallowed by robots.txt") != std::string::npos);
  CHECK(bb::Lines(r.out).size() == 1);
  CHECK(r.out.find("\"id\":\"" + server.Url("/world/1") + "\"") != std::string::npos);
  CHECK(server.Count("/world/2") == 0);
  CHECK(server.seen().back().user_agent == "DepotBot/2.0 (+https://example.invalid/bot)");
  CHECK(Scalar(db, "SELECT count(*) FROM articles WHERE fetch_id IS NOT NULL") == 1);
  CHECK(std::filesystem::exists(dir / "warc"));
}

}  // namespace newsfacts::fetch
