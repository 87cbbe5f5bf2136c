#include "fetch/http.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include "fetch/address.h"
#include "fetch/test_server.h"

namespace newsfacts::fetch {
namespace {

FetchOptions LoopbackOptions() {
  FetchOptions o;
  o.private_hosts = {"127.0.0.1"};
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 5000;
  return o;
}

HttpClient MakeClient(FetchOptions o = LoopbackOptions()) {
  auto c = HttpClient::Create(std::move(o));
  REQUIRE(c.ok());
  return std::move(c).value();
}

}  // namespace

TEST_CASE("address: private address classification") {
  CHECK(IsPrivateAddress("127.0.0.1"));
  CHECK(IsPrivateAddress("127.0.0.3"));
  CHECK(IsPrivateAddress("10.1.2.3"));
  CHECK(IsPrivateAddress("172.16.0.1"));
  CHECK(IsPrivateAddress("172.31.255.255"));
  CHECK_FALSE(IsPrivateAddress("172.32.0.1"));
  CHECK(IsPrivateAddress("192.168.1.1"));
  CHECK(IsPrivateAddress("169.254.169.254"));
  CHECK(IsPrivateAddress("0.0.0.0"));
  CHECK(IsPrivateAddress("::1"));
  CHECK(IsPrivateAddress("fe80::1"));
  CHECK(IsPrivateAddress("fd00::5"));
  CHECK(IsPrivateAddress("::ffff:10.0.0.1"));
  CHECK_FALSE(IsPrivateAddress("::ffff:8.8.8.8"));
  CHECK_FALSE(IsPrivateAddress("93.184.216.34"));
  CHECK_FALSE(IsPrivateAddress("2001:db8::1"));
  CHECK(IsPrivateAddress("garbage"));
}

TEST_CASE("http: plain GET, user agent and headers that matter") {
  testing::TestServer server;
  server.server().Get("/story", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("ETag", "\"v1\"");
    res.set_header("Last-Modified", "Wed, 22 May 2024 10:00:00 GMT");
    res.set_content("<p>Seized shipments rose.</p>", "text/html; charset=ISO-8859-1");
  });
  server.Start();
  FetchOptions o = LoopbackOptions();
  o.user_agent = "newsfacts-test/1 (+https://example.invalid/about)";
  HttpClient client = MakeClient(o);
  auto r = client.Fetch(server.Url("/story"));
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  CHECK(r->status == 200);
  CHECK(r->body == "<p>Seized shipments rose.</p>");
  CHECK(r->charset == "iso-8859-1");
  CHECK(r->etag == "\"v1\"");
  CHECK(r->last_modified == "Wed, 22 May 2024 10:00:00 GMT");
  REQUIRE(r->exchanges.size() == 1);
  CHECK(r->exchanges[0].request_head.rfind("GET /story HTTP/1.1\r\n", 0) == 0);
  CHECK(r->exchanges[0].response_head.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(r->exchanges[0].ip == "127.0.0.1");
  REQUIRE(server.seen().size() == 1);
  CHECK(server.seen()[0].user_agent == o.user_agent);
}

TEST_CASE("http: gzip body is decoded, archived bytes stay compressed") {
  testing::TestServer server;
  const std::string text(5000, 'a');
  const std::string packed = testing::Gzip(text);
  server.server().Get("/z", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    // A type the server does not compress again itself.
    res.set_content(packed, "application/octet-stream");
  });
  server.Start();
  HttpClient client = MakeClient();
  auto r = client.Fetch(server.Url("/z"));
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  CHECK(r->body == text);
  CHECK(r->exchanges.back().body == packed);
}

TEST_CASE("http: gzip bomb is stopped at the decoded cap") {
  testing::TestServer server;
  const std::string packed = testing::Gzip(std::string(8u << 20, '\0'));
  CHECK(packed.size() < 64u << 10);
  server.server().Get("/bomb", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    // A type the server does not compress again itself.
    res.set_content(packed, "application/octet-stream");
  });
  server.Start();
  FetchOptions o = LoopbackOptions();
  o.max_decoded_bytes = 1u << 20;
  HttpClient client = MakeClient(o);
  auto r = client.Fetch(server.Url("/bomb"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("decodes to more than") != std::string::npos);
}

// cpp-httplib's server compresses text bodies itself, preferring br when the client
// accepts it: a real brotli encoder on the other end, with nothing added to the build.
TEST_CASE("http: br body is asked for and decoded, archived bytes stay compressed") {
  testing::TestServer server;
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "Inspectors weighed " + std::to_string(i + 40) + " tonnes of grain at the depot. ";
  }
  server.server().Get("/br", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(text, "text/plain");
  });
  server.Start();
  HttpClient client = MakeClient();
  auto r = client.Fetch(server.Url("/br"));
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  const Exchange& ex = r->exchanges.back();
  CHECK(HeaderValue(ex.request_head, "accept-encoding") == "gzip, deflate, br");
  CHECK(HeaderValue(ex.response_head, "content-encoding") == "br");
  CHECK(r->body == text);
  CHECK(ex.body.size() < text.size() / 4);
}

TEST_CASE("http: br bomb is stopped at the decoded cap") {
  testing::TestServer server;
  const std::string zeros(8u << 20, '\0');
  server.server().Get("/br-bomb", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(zeros, "text/plain");
  });
  server.Start();
  FetchOptions o = LoopbackOptions();
  o.max_decoded_bytes = 1u << 20;
  HttpClient client = MakeClient(o);
  std::vector<Exchange> partial;
  auto r = client.Fetch(server.Url("/br-bomb"), {}, &partial);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("decodes to more than the limit of 1048576 bytes") !=
        std::string::npos);
  REQUIRE(partial.size() == 1);
  CHECK(HeaderValue(partial[0].response_head, "content-encoding") == "br");
  // Far under the cap as transferred: only the decoded count can stop it.
  CHECK(partial[0].body.size() < 64u << 10);
}

TEST_CASE("http: body over the cap fails, with or without Content-Length") {
  testing::TestServer server;
  testing::ServeOversizedBodies(server.server());
  server.Start();
  FetchOptions o = LoopbackOptions();
  o.max_body_bytes = 200000;
  HttpClient client = MakeClient(o);
  for (const char* path : {"/big", "/big-chunked"}) {
    auto r = client.Fetch(server.Url(path));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("larger than the limit") != std::string::npos);
  }
}

TEST_CASE("http: redirects are followed, loops and limits detected") {
  testing::TestServer server;
  server.server().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/new", 301);
  });
  server.server().Get("/new", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("moved here", "text/plain");
  });
  server.server().Get("/loop-a", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/loop-b", 302);
  });
  server.server().Get("/loop-b", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/loop-a?utm_source=again", 302);
  });
  server.server().Get(R"(/chain/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    const int n = std::stoi(req.matches[1]);
    res.set_redirect("/chain/" + std::to_string(n + 1), 302);
  });
  server.Start();
  HttpClient client = MakeClient();
  auto r = client.Fetch(server.Url("/old"));
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  CHECK(r->status == 200);
  CHECK(r->final_url == server.Url("/new"));
  CHECK(r->body == "moved here");
  CHECK(r->exchanges.size() == 2);

  std::vector<Exchange> partial;
  auto loop = client.Fetch(server.Url("/loop-a"), {}, &partial);
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.status().message().find("redirect loop") != std::string::npos);
  CHECK(partial.size() == 2);

  auto chain = client.Fetch(server.Url("/chain/0"));
  REQUIRE_FALSE(chain.ok());
  CHECK(chain.status().message().find("more than 5 redirects") != std::string::npos);
  CHECK(server.Count("/chain/5") == 1);
  CHECK(server.Count("/chain/6") == 0);
}

TEST_CASE("http: conditional GET sends validators and reports 304") {
  testing::TestServer server;
  server.server().Get("/c", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"abc\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"abc\"");
    res.set_content("body", "text/plain");
  });
  server.Start();
  HttpClient client = MakeClient();
  auto first = client.Fetch(server.Url("/c"));
  REQUIRE(first.ok());
  CHECK(first->status == 200);
  auto second = client.Fetch(server.Url("/c"), {first->etag, "Tue, 21 May 2024 08:00:00 GMT"});
  REQUIRE(second.ok());
  CHECK(second->status == 304);
  CHECK(second->body.empty());
  const auto seen = server.seen();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].if_none_match.empty());
  CHECK(seen[1].if_none_match == "\"abc\"");
  CHECK(seen[1].if_modified_since == "Tue, 21 May 2024 08:00:00 GMT");
}

TEST_CASE("http: error statuses are responses, not failures") {
  testing::TestServer server;
  server.server().Get("/gone",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
  server.server().Get("/busy", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "7");
  });
  server.Start();
  HttpClient client = MakeClient();
  auto gone = client.Fetch(server.Url("/gone"));
  REQUIRE(gone.ok());
  CHECK(gone->status == 410);
  auto missing = client.Fetch(server.Url("/nothing-here"));
  REQUIRE(missing.ok());
  CHECK(missing->status == 404);
  auto busy = client.Fetch(server.Url("/busy"));
  REQUIRE(busy.ok());
  CHECK(busy->status == 503);
  CHECK(busy->retry_after == "7");
}

TEST_CASE("http: slow server times out, dropped connection and short body fail") {
  testing::TestServer server;
  server.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    res.set_content("late", "text/plain");
  });
  server.server().Get("/drop", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(1000, "text/html", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;  // drops the connection after the first part
      const std::string part(400, 'p');
      sink.write(part.data(), part.size());
      return true;
    });
  });
  server.Start();
  FetchOptions o = LoopbackOptions();
  o.total_timeout_ms = 250;
  HttpClient client = MakeClient(o);
  const auto start = std::chrono::steady_clock::now();
  auto slow = client.Fetch(server.Url("/slow"));
  REQUIRE_FALSE(slow.ok());
  CHECK(slow.status().code() == StatusCode::kNetwork);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(550));

  HttpClient client2 = MakeClient();
  auto drop = client2.Fetch(server.Url("/drop"));
  REQUIRE_FALSE(drop.ok());
  CHECK(drop.status().code() == StatusCode::kNetwork);
}

TEST_CASE("http: private addresses are refused before any connection") {
  FetchOptions o;  // nothing private allowed
  HttpClient client = MakeClient(o);
  // 10.0.0.0/8 is never contacted: the refusal comes from the address check.
  auto r = client.Fetch("http://10.255.255.1/x");
  REQUIRE_FALSE(r.ok());
  CHECK(IsRefusal(r.status()));
  auto l = client.Fetch("http://127.0.0.1:9/x");
  REQUIRE_FALSE(l.ok());
  CHECK(IsRefusal(l.status()));
  CHECK(IsRefusal(CheckAddress("http://[::1]:9/", o)));
  CHECK(IsRefusal(CheckAddress("http://localhost:9/", o)));
}

TEST_CASE("http: a redirect to another private host is refused, with no request to it") {
  testing::TestServer target("127.0.0.2");
  target.server().Get("/inside", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("secret", "text/plain");
  });
  target.Start();
  testing::TestServer server;
  const std::string inside = target.Url("/inside");
  server.server().Get("/out", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(inside, 302);
  });
  server.Start();
  HttpClient client = MakeClient();  // only 127.0.0.1 allowed
  std::vector<Exchange> partial;
  auto r = client.Fetch(server.Url("/out"), {}, &partial);
  REQUIRE_FALSE(r.ok());
  CHECK(IsRefusal(r.status()));
  CHECK(partial.size() == 1);
  CHECK(target.seen().empty());
}

TEST_CASE("http: Retry-After and decoding helpers") {
  CHECK(ParseRetryAfter("120", 0) == 120.0);
  CHECK(ParseRetryAfter(" 3 ", 0) == 3.0);
  // 1 June 2024 00:00:10 UTC is 1717200010.
  CHECK(ParseRetryAfter("Sat, 01 Jun 2024 00:00:10 GMT", 1717200000) == 10.0);
  CHECK_FALSE(ParseRetryAfter("soon", 0).has_value());
  auto plain = DecodeBody("abc", "", 10);
  REQUIRE(plain.ok());
  CHECK(*plain == "abc");
  CHECK_FALSE(DecodeBody("not gzip at all", "gzip", 100).ok());
  CHECK_FALSE(DecodeBody("x", "br", 100).ok());
  const std::string packed = testing::Gzip("hello");
  auto two = DecodeBody(packed + packed, "gzip", 100);
  REQUIRE(two.ok());
  CHECK(*two == "hellohello");
  CHECK_FALSE(DecodeBody(packed.substr(0, packed.size() - 6), "gzip", 100).ok());
  // Codings come off in reverse order of the list; unknown ones are refused.
  auto layered = DecodeBody(testing::Gzip(packed), "gzip, identity, x-gzip", 100);
  REQUIRE(layered.ok());
  CHECK(*layered == "hello");
  CHECK_FALSE(DecodeBody(packed, "gzip, zstd", 100).ok());
  CHECK(DecodeBody(testing::Gzip(std::string(300, 'a')), "gzip", 100).status().code() ==
        StatusCode::kNetwork);
  // Hand-made brotli streams: 0x06 is one empty last meta-block (window 2^16-16);
  // then the same header with no meta-block at all ends early.
  auto empty = DecodeBody(std::string(1, '\x06'), "br", 100);
  REQUIRE_MESSAGE(empty.ok(), empty.status().ToString());
  CHECK(empty->empty());
  CHECK_FALSE(DecodeBody(std::string(1, '\x06') + "junk", "br", 100).ok());
  CHECK(HeaderValue("HTTP/1.1 200 OK\r\nEtag: \"x\"\r\nContent-Type: a/b\r\n\r\n", "ETag") ==
        "\"x\"");
}

}  // namespace newsfacts::fetch
