// PoliteClient against real servers on two loopback hosts (127.0.0.1 and 127.0.0.2 are
// distinct hosts with their own robots.txt and their own pace).
#include "fetch/polite.h"

#include <doctest/doctest.h>

#include <chrono>

#include "fetch/test_server.h"

namespace newsfacts::fetch {
namespace {

using Clock = std::chrono::steady_clock;

PoliteClient MakePolite(HostTable* hosts) {
  FetchOptions o;
  o.private_hosts = {"127.0.0.1", "127.0.0.2"};
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 5000;
  auto c = HttpClient::Create(std::move(o));
  REQUIRE(c.ok());
  return PoliteClient(std::move(c).value(), hosts, nullptr, PolitenessOptions());
}

double SecondsBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// The arrival time of the only request for path.
Clock::time_point ArrivalOf(testing::TestServer& server, const std::string& path) {
  for (const testing::Seen& s : server.seen()) {
    if (s.path == path) return s.at;
  }
  FAIL("no request for " << path);
  return {};
}

// 127.0.0.2 forbids /private/ and asks nothing else; 127.0.0.1 redirects into it.
struct TwoHosts {
  testing::TestServer origin{"127.0.0.1"};
  testing::TestServer target{"127.0.0.2"};

  TwoHosts() {
    target.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    target.server().Get(R"(/(open|private)/(\w+))",
                        [](const httplib::Request& req, httplib::Response& res) {
                          res.set_content("page " + std::string(req.matches[2]), "text/plain");
                        });
    target.Start();
    origin.server().Get("/robots.txt",
                        [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    const std::string base = target.Url("");
    origin.server().Get(
        R"(/to/(open|private)/(\w+))", [base](const httplib::Request& req, httplib::Response& res) {
          res.set_redirect(
              base + "/" + std::string(req.matches[1]) + "/" + std::string(req.matches[2]), 302);
        });
    origin.Start();
  }
};

TEST_CASE("polite: a redirect to a path the target host's robots.txt forbids is not fetched") {
  TwoHosts h;
  HostTable hosts;
  PoliteClient client = MakePolite(&hosts);
  PoliteResult r = client.Fetch(h.origin.Url("/to/private/ledger"), {}, "", 0.05);
  CHECK(r.outcome == FetchOutcome::kRobots);
  CHECK(r.error.ToString().find("redirected to " + h.target.Url("/private/ledger")) !=
        std::string::npos);
  CHECK(r.error.message() == "disallowed by robots.txt");
  CHECK(h.origin.Count("/to/private/ledger") == 1);
  CHECK(h.target.Count("/robots.txt") == 1);
  CHECK(h.target.Count("/private/ledger") == 0);

  // An allowed path on the same host is followed, and robots.txt is not asked again.
  PoliteResult ok = client.Fetch(h.origin.Url("/to/open/ledger"), {}, "", 0.05);
  REQUIRE_MESSAGE(ok.outcome == FetchOutcome::kResponse, ok.error.ToString());
  CHECK(ok.response.status == 200);
  CHECK(ok.response.final_url == h.target.Url("/open/ledger"));
  CHECK(ok.response.body == "page ledger");
  CHECK(ok.response.exchanges.size() == 2);
  CHECK(h.target.Count("/robots.txt") == 1);
  CHECK(h.target.Count("/open/ledger") == 1);
}

TEST_CASE("polite: a redirect waits for the target host's delay") {
  TwoHosts h;
  HostTable hosts;
  PoliteClient client = MakePolite(&hosts);
  const double delay = 0.6;
  // The origin's robots.txt is read first, with no delay, so its next request may start
  // at once; then the target host gets busy: robots.txt and a page, each followed by
  // its delay.
  client.SitemapsOf(h.origin.Url("/"), 0.0);
  PoliteResult direct = client.Fetch(h.target.Url("/open/first"), {}, "", delay);
  REQUIRE_MESSAGE(direct.outcome == FetchOutcome::kResponse, direct.error.ToString());
  const auto start = Clock::now();
  PoliteResult via = client.Fetch(h.origin.Url("/to/open/second"), {}, "", delay);
  REQUIRE_MESSAGE(via.outcome == FetchOutcome::kResponse, via.error.ToString());
  CHECK(via.response.body == "page second");
  const auto redirect_at = ArrivalOf(h.origin, "/to/open/second");
  const auto hop_at = ArrivalOf(h.target, "/open/second");
  CHECK(SecondsBetween(start, redirect_at) < delay / 2);
  CHECK(SecondsBetween(ArrivalOf(h.target, "/open/first"), hop_at) >= delay - 0.01);
  // The wait fell between the redirect and its hop: the target host's turn.
  CHECK(SecondsBetween(redirect_at, hop_at) > delay / 2);
  CHECK(h.target.Count("/robots.txt") == 1);
  CHECK(h.origin.Count("/robots.txt") == 1);
}

TEST_CASE("polite: the address guard applies to every hop before its robots.txt") {
  TwoHosts h;
  HostTable hosts;
  FetchOptions o;
  o.private_hosts = {"127.0.0.1"};  // 127.0.0.2 is not the site's own
  auto c = HttpClient::Create(std::move(o));
  REQUIRE(c.ok());
  PoliteClient client(std::move(c).value(), &hosts, nullptr, PolitenessOptions());
  PoliteResult r = client.Fetch(h.origin.Url("/to/open/third"), {}, "", 0.05);
  CHECK(r.outcome == FetchOutcome::kRefused);
  CHECK(h.origin.Count("/to/open/third") == 1);
  CHECK(h.target.seen().empty());
}

}  // namespace
}  // namespace newsfacts::fetch
