// TransferLoop with real servers on loopback addresses: transfers of several clients run
// through one multi handle, at the same time on different hosts, one connection at a
// time on one host, reusing it.
#include "fetch/transfer_loop.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "fetch/http.h"
#include "fetch/test_server.h"

namespace newsfacts::fetch {
namespace {

using Clock = std::chrono::steady_clock;

FetchOptions Loopback() {
  FetchOptions o;
  o.private_hosts = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 5000;
  return o;
}

std::shared_ptr<TransferLoop> MakeLoop(long max_host_connections = 1) {
  FetchOptions o = Loopback();
  o.max_host_connections = max_host_connections;
  auto loop = TransferLoop::Create(o);
  REQUIRE(loop.ok());
  return std::move(loop).value();
}

HttpClient MakeClient(std::shared_ptr<TransferLoop> loop, FetchOptions o = Loopback()) {
  auto c = HttpClient::Create(std::move(o), std::move(loop));
  REQUIRE(c.ok());
  return std::move(c).value();
}

// When a request was being served, as the server saw it, and on which connection.
struct Served {
  Clock::time_point begin, end;
  int remote_port = 0;
};

// A server whose /page/... handler takes `hold` to answer and keeps count of how many
// requests it is serving at once.
struct CountingServer {
  testing::TestServer server;
  std::chrono::milliseconds hold;
  std::atomic<int> active{0};
  std::atomic<int> most_active{0};
  std::mutex mu;
  std::vector<Served> served;

  CountingServer(const std::string& host, std::chrono::milliseconds hold_for)
      : server(host), hold(hold_for) {
    server.server().set_keep_alive_max_count(1000);
    server.server().Get(R"(/page/(\d+))",
                        [this](const httplib::Request& req, httplib::Response& res) {
                          Served s;
                          s.begin = Clock::now();
                          s.remote_port = req.remote_port;
                          const int now = ++active;
                          int seen = most_active.load();
                          while (now > seen && !most_active.compare_exchange_weak(seen, now)) {
                          }
                          std::this_thread::sleep_for(hold);
                          --active;
                          s.end = Clock::now();
                          {
                            std::lock_guard<std::mutex> lock(mu);
                            served.push_back(s);
                          }
                          res.set_content("page " + std::string(req.matches[1]), "text/plain");
                        });
    server.Start();
  }

  std::vector<Served> Log() {
    std::lock_guard<std::mutex> lock(mu);
    return served;
  }
};

}  // namespace

TEST_CASE("transfer loop: two hosts are served at the same time through one loop") {
  CountingServer b("127.0.0.2", std::chrono::milliseconds(400));
  CountingServer c("127.0.0.3", std::chrono::milliseconds(400));
  auto loop = MakeLoop();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (CountingServer* s : {&b, &c}) {
    threads.emplace_back([&, s] {
      HttpClient client = MakeClient(loop);
      auto r = client.Fetch(s->server.Url("/page/1"));
      if (r.ok() && r->status == 200 && r->body == "page 1") ++ok;
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(ok == 2);
  const auto log_b = b.Log(), log_c = c.Log();
  REQUIRE(log_b.size() == 1);
  REQUIRE(log_c.size() == 1);
  // Each was still being served when the other started.
  CHECK(log_b[0].begin < log_c[0].end);
  CHECK(log_c[0].begin < log_b[0].end);
  const TransferLoop::Stats stats = loop->stats();
  CHECK(stats.transfers == 2);
  CHECK(stats.max_in_flight == 2);
}

TEST_CASE("transfer loop: one connection per host, reused, however many clients ask") {
  CountingServer a("127.0.0.1", std::chrono::milliseconds(40));
  auto loop = MakeLoop();
  constexpr int kClients = 4, kEach = 3;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client = MakeClient(loop);
      for (int j = 0; j < kEach; ++j) {
        auto r = client.Fetch(a.server.Url("/page/" + std::to_string(i * 10 + j)));
        if (r.ok() && r->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(ok == kClients * kEach);
  CHECK(a.most_active == 1);
  const auto log = a.Log();
  REQUIRE(log.size() == kClients * kEach);
  std::set<int> ports;
  for (const Served& s : log) ports.insert(s.remote_port);
  CHECK(ports.size() == 1);
  // The clients did ask at the same time: the loop held their transfers back.
  CHECK(loop->stats().max_in_flight > 1);
}

TEST_CASE("transfer loop: the per-host limit is the loop's setting") {
  CountingServer a("127.0.0.1", std::chrono::milliseconds(300));
  auto loop = MakeLoop(/*max_host_connections=*/3);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client = MakeClient(loop);
      (void)client.Fetch(a.server.Url("/page/" + std::to_string(i)));
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(a.Log().size() == 3);
  // Three connections, all serving at once (the limit of one would have kept this at 1).
  std::set<int> ports;
  for (const Served& s : a.Log()) ports.insert(s.remote_port);
  CHECK(ports.size() == 3);
  CHECK(a.most_active == 3);
}

TEST_CASE("transfer loop: clients one after another reuse the connection another left open") {
  CountingServer a("127.0.0.1", std::chrono::milliseconds(0));
  auto loop = MakeLoop();
  for (int i = 0; i < 3; ++i) {
    HttpClient client = MakeClient(loop);  // a new easy handle each time
    auto r = client.Fetch(a.server.Url("/page/" + std::to_string(i)));
    REQUIRE(r.ok());
    CHECK(r->status == 200);
  }
  const auto log = a.Log();
  REQUIRE(log.size() == 3);
  CHECK(log[0].remote_port == log[1].remote_port);
  CHECK(log[1].remote_port == log[2].remote_port);

  // Without a loop each client has its own connection cache: a second connection.
  HttpClient alone = MakeClient(nullptr);
  REQUIRE(alone.Fetch(a.server.Url("/page/9")).ok());
  REQUIRE(a.Log().size() == 4);
  CHECK(a.Log()[3].remote_port != log[0].remote_port);
}

TEST_CASE("transfer loop: a slow server's timeout does not hold up another host") {
  testing::TestServer slow("127.0.0.2");
  slow.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  slow.Start();
  CountingServer fast("127.0.0.3", std::chrono::milliseconds(0));
  auto loop = MakeLoop();

  std::atomic<bool> slow_done{false};
  Status slow_status;
  double slow_took = 0;
  std::thread slow_thread([&] {
    FetchOptions o = Loopback();
    o.total_timeout_ms = 700;
    HttpClient client = MakeClient(loop, o);
    const auto start = Clock::now();
    auto r = client.Fetch(slow.Url("/slow"));
    slow_took = std::chrono::duration<double>(Clock::now() - start).count();
    slow_status = r.ok() ? Status::Ok() : r.status();
    slow_done = true;
  });
  for (int i = 0; i < 500 && slow.Count("/slow") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(slow.Count("/slow") == 1);

  HttpClient client = MakeClient(loop);
  const auto start = Clock::now();
  int ok = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = client.Fetch(fast.server.Url("/page/" + std::to_string(i)));
    ok += r.ok() && r->status == 200;
  }
  const double fast_took = std::chrono::duration<double>(Clock::now() - start).count();
  const bool slow_still_waiting = !slow_done;
  slow_thread.join();
  CHECK(ok == 5);
  CHECK(fast_took < 0.5);
  CHECK(slow_still_waiting);
  CHECK(slow_status.code() == StatusCode::kNetwork);
  CHECK(slow_status.message().find("timed out") != std::string::npos);
  CHECK(slow_took >= 0.6);
  CHECK(slow_took < 1.4);
}

TEST_CASE("transfer loop: caps and a stalled body fail with the same messages as alone") {
  testing::TestServer server("127.0.0.1");
  testing::ServeOversizedBodies(server.server());
  // 20 bytes, then nothing for longer than the low-speed window.
  server.server().Get("/stall", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("twenty bytes of text", 20);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      sink.done();
      return true;
    });
  });
  server.Start();
  FetchOptions o = Loopback();
  o.max_body_bytes = 200000;
  o.low_speed_bytes = 100;
  o.low_speed_seconds = 1;
  auto loop = MakeLoop();
  HttpClient looped = MakeClient(loop, o);
  HttpClient alone = MakeClient(nullptr, o);
  for (const char* path : {"/big", "/big-chunked", "/stall"}) {
    CAPTURE(path);
    const auto start = Clock::now();
    auto via_loop = looped.Fetch(server.Url(path));
    const double took = std::chrono::duration<double>(Clock::now() - start).count();
    auto direct = alone.Fetch(server.Url(path));
    REQUIRE_FALSE(via_loop.ok());
    REQUIRE_FALSE(direct.ok());
    CHECK(via_loop.status().code() == StatusCode::kNetwork);
    CHECK(via_loop.status().ToString() == direct.status().ToString());
    if (std::string(path) == "/stall") {
      CHECK(via_loop.status().message().find("too slow") != std::string::npos);
      CHECK(took < 2.4);
    } else {
      CHECK(via_loop.status().message().find("larger than the limit") != std::string::npos);
    }
  }
}

TEST_CASE("transfer loop: Stop cancels what is in flight and refuses what comes later") {
  testing::TestServer server("127.0.0.1");
  server.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    res.set_content("late", "text/plain");
  });
  server.Start();
  auto loop = MakeLoop();
  Status in_flight;
  std::thread t([&] {
    HttpClient client = MakeClient(loop);
    auto r = client.Fetch(server.Url("/slow"));
    in_flight = r.ok() ? Status::Ok() : r.status();
  });
  for (int i = 0; i < 500 && server.Count("/slow") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const auto start = Clock::now();
  loop->Stop();
  t.join();
  CHECK(Clock::now() - start < std::chrono::milliseconds(600));
  CHECK(in_flight.code() == StatusCode::kNetwork);
  CHECK(in_flight.message() == "transfer cancelled: the run is stopping");

  HttpClient later = MakeClient(loop);
  auto r = later.Fetch(server.Url("/slow"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "transfer cancelled: the run is stopping");
  CHECK(server.Count("/slow") == 1);
  loop->Stop();  // again: nothing happens
}

}  // namespace newsfacts::fetch
