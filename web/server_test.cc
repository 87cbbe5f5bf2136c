// `serve` over real HTTP on 127.0.0.1: headers on every answer, bad requests answered and
// survived, an address in use refused with a clear reason, and pages answered while another
// connection holds the database's write lock (a running crawl).
#include "web/server.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "store/store.h"
#include "web/site.h"
#include "web/test_db.h"

namespace newsfacts::web {
namespace {

using testing::TestDb;

// A server on a free loopback port, running on a thread of its own until destroyed.
class Running {
 public:
  Running(const TestDb& db, int threads = 4) {
    ServeOptions options;
    options.db = db.path().string();
    options.listen = {"127.0.0.1", 0};
    options.threads = threads;
    options.log_requests = false;
    auto server = Server::Bind(options, &db.rules());
    REQUIRE_MESSAGE(server.ok(), server.status().ToString());
    server_ = std::move(server).value();
    thread_ = std::thread([this] { run_ = server_->Run(); });
  }
  ~Running() {
    server_->Stop();
    thread_.join();
    CHECK(run_.ok());
  }
  int port() const { return server_->port(); }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  Status run_;
};

// Sends bytes on a fresh connection and returns the server's first answer (its head and a
// body of Content-Length bytes), or what came before the server closed or 5 s passed. The
// sending side stays open: the server takes a half-closed connection for a gone client.
std::string RawExchange(int port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    answer.append(buf, static_cast<size_t>(n));
    const size_t head_end = answer.find("\r\n\r\n");
    if (head_end == std::string::npos) continue;
    const size_t length_at = answer.find("Content-Length: ");
    const size_t length = length_at < head_end ? std::stoul(answer.substr(length_at + 16)) : 0;
    if (answer.size() >= head_end + 4 + length) break;
  }
  close(fd);
  return answer;
}

TEST_CASE("ParseListenAddress") {
  auto a = ParseListenAddress("127.0.0.1:8080");
  REQUIRE(a.ok());
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 8080);
  a = ParseListenAddress("[::1]:0");
  REQUIRE(a.ok());
  CHECK(a->host == "::1");
  CHECK(a->port == 0);
  a = ParseListenAddress("9000");
  REQUIRE(a.ok());
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 9000);
  a = ParseListenAddress("localhost:81");
  REQUIRE(a.ok());
  CHECK(a->host == "127.0.0.1");
  a = ParseListenAddress(":8081");
  REQUIRE(a.ok());
  CHECK(a->host == "127.0.0.1");
  for (const char* bad :
       {"", "abc", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "example.com:80", "::1:80",
        "[::1]80", "127.0.0.1:80x", "127.0.0.1:999999999999"}) {
    CAPTURE(bad);
    CHECK(ParseListenAddress(bad).status().code() == StatusCode::kUsage);
  }
  CHECK(IsLoopback("127.0.0.1"));
  CHECK(IsLoopback("127.1.2.3"));
  CHECK(IsLoopback("::1"));
  CHECK_FALSE(IsLoopback("0.0.0.0"));
  CHECK_FALSE(IsLoopback("192.168.1.2"));
}

TEST_CASE("server: every answer carries the security headers") {
  TestDb db;
  Running server(db);
  httplib::Client client = server.Client();
  for (const char* path : {"/", "/check?claim=8.2%20tonnes%20of%20fentanyl", "/nope",
                           "/check?claim=%FF", "/api/check?claim=fentanyl"}) {
    CAPTURE(path);
    auto res = client.Get(path);
    REQUIRE(res);
    CHECK(res->get_header_value("Content-Security-Policy") == kContentSecurityPolicy);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
  }
  auto css = client.Get("/assets/style.css");
  REQUIRE(css);
  CHECK(css->status == 200);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
}

TEST_CASE("server: malformed and oversized requests are answered, and the server lives on") {
  TestDb db;
  Running server(db);
  httplib::Client client = server.Client();
  auto status = [&](const std::string& path) {
    auto res = client.Get(path);
    return res ? res->status : -1;
  };
  CHECK(status("/check?claim=%FF%FE") == 400);                     // not UTF-8
  CHECK(status("/check?claim=%00") == 400);                        // a control character
  CHECK(status("/check?claim=a&claim=b") == 400);                  // twice
  CHECK(status("/check?claim=" + std::string(5000, 'a')) == 400);  // too long a claim
  CHECK(status("/check?claim=fentanyl%zz%") == 200);               // undecodable escapes stay text
  CHECK(status("/article?id=") == 400);
  CHECK(status("/conflicts?since=tomorrow") == 400);
  // Path traversal, raw and percent-encoded: no page, and no file is read.
  for (const char* path :
       {"/../../../../etc/passwd", "/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/assets"}) {
    CAPTURE(path);
    auto res = client.Get(path);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("root:") == std::string::npos);
  }
  // A request line longer than the library's 8 KiB limit.
  CHECK(status("/check?claim=" + std::string(20000, 'a')) == 414);
  // Not HTTP at all, a header without end, methods that would write.
  // (One line only: bytes left unread when the server closes would reset the connection and
  // could discard its answer before it is read.)
  CHECK(RawExchange(server.port(), "GARBAGE\r\n").rfind("HTTP/1.1 400", 0) == 0);
  RawExchange(server.port(),
              "GET / HTTP/1.1\r\nHost: x\r\nX: " + std::string(100000, 'y') + "\r\n\r\n");
  auto post = client.Post("/check", "claim=x", "application/x-www-form-urlencoded");
  REQUIRE(post);
  CHECK(post->status == 405);
  auto del = client.Delete("/article?id=x");
  REQUIRE(del);
  CHECK(del->status == 405);
  // Still answering.
  CHECK(status("/") == 200);
  CHECK(status("/check?claim=Mexico%20seized%208.2%20tonnes%20of%20fentanyl") == 200);
}

TEST_CASE("server: an address in use is refused with the reason") {
  TestDb db;
  Running first(db);
  ServeOptions options;
  options.db = db.path().string();
  options.listen = {"127.0.0.1", first.port()};
  auto second = Server::Bind(options, &db.rules());
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == StatusCode::kUsage);
  CHECK(second.status().message() ==
        "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
            ": Address already in use (another program is listening there; choose another "
            "port with --listen)");
  // The first one is unharmed.
  auto res = first.Client().Get("/");
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("server: a missing database fails at start") {
  TestDb db;
  ServeOptions options;
  options.db = (db.dir() / "absent.db").string();
  options.listen = {"127.0.0.1", 0};
  auto server = Server::Bind(options, &db.rules());
  REQUIRE_FALSE(server.ok());
  CHECK(server.status().code() == StatusCode::kNotFound);
}

TEST_CASE("server: pages are answered while a writer holds the database") {
  TestDb db;
  Running server(db);
  auto writer = store::Store::Open(db.path().string());
  REQUIRE(writer.ok());
  // Inside the writer's open transaction (BEGIN IMMEDIATE, as a crawl's batch), several
  // readers at once: WAL lets every one of them read the last committed state.
  Status s = writer->InTransaction([&] {
    std::vector<std::thread> readers;
    std::vector<int> statuses(6, -1);
    for (size_t i = 0; i < statuses.size(); ++i) {
      readers.emplace_back([&, i] {
        httplib::Client c = server.Client();
        auto res = c.Get(i % 2 ? "/article?id=hostile-1"
                               : "/api/check?claim=Mexico%20seized%208.2%20tonnes%20of%20fentanyl");
        statuses[i] = res ? res->status : -1;
      });
    }
    for (std::thread& t : readers) t.join();
    for (int st : statuses) CHECK(st == 200);
    return Status::Ok();
  });
  CHECK(s.ok());
}

TEST_CASE("server: Stop before Run returns at once") {
  TestDb db;
  ServeOptions options;
  options.db = db.path().string();
  options.listen = {"127.0.0.1", 0};
  auto server = Server::Bind(options, &db.rules());
  REQUIRE(server.ok());
  (*server)->Stop();
  CHECK((*server)->Run().ok());
}

}  // namespace
}  // namespace newsfacts::web
