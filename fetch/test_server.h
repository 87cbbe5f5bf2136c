// A real HTTP server on a loopback address for the fetch tests (cpp-httplib), on an
// ephemeral port, recording every request it receives with its arrival time.
#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "archive/content_coding.h"

namespace newsfacts::fetch::testing {

struct Seen {
  std::string path;  // path and query as requested
  std::chrono::steady_clock::time_point at;
  std::string if_none_match;
  std::string if_modified_since;
  std::string user_agent;
};

class TestServer {
 public:
  explicit TestServer(std::string host = "127.0.0.1") : host_(std::move(host)) {
    server_.set_logger(
        [this](const httplib::Request& req, const httplib::Response&) { (void)req; });
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mu_);
      std::string target = req.path;
      if (!req.params.empty()) {
        target += "?";
        bool first = true;
        for (const auto& [k, v] : req.params) {
          if (!first) target += "&";
          target += k + "=" + v;
          first = false;
        }
      }
      seen_.push_back(
          Seen{target, std::chrono::steady_clock::now(), req.get_header_value("If-None-Match"),
               req.get_header_value("If-Modified-Since"), req.get_header_value("User-Agent")});
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~TestServer() { Stop(); }

  httplib::Server& server() { return server_; }

  // Binds an ephemeral port and serves in a thread. Call after adding handlers.
  void Start() {
    port_ = server_.bind_to_any_port(host_);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string Url(const std::string& path) const {
    return "http://" + host_ + ":" + std::to_string(port_) + path;
  }
  const std::string& host() const { return host_; }
  int port() const { return port_; }

  std::vector<Seen> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  size_t Count(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (const Seen& s : seen_) n += s.path == path;
    return n;
  }

 private:
  std::string host_;
  int port_ = 0;
  httplib::Server server_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Seen> seen_;
};

// Routes for the body cap: /big answers 300,000 bytes with a Content-Length, and
// /big-chunked the same size chunked, without one.
inline void ServeOversizedBodies(httplib::Server& server) {
  server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(300000, 'x'), "application/octet-stream");
  });
  server.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [](size_t, httplib::DataSink& sink) {
                                       const std::string part(100000, 'y');
                                       for (int i = 0; i < 3; ++i) {
                                         if (!sink.write(part.data(), part.size())) return false;
                                       }
                                       sink.done();
                                       return true;
                                     });
  });
}

// data gzip-compressed (one member, best compression), as a server would send it.
inline std::string Gzip(const std::string& data) { return archive::GzipMember(data, 9).value(); }

}  // namespace newsfacts::fetch::testing
