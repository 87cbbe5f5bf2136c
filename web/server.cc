#include "web/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>

#include "store/store.h"
#include "web/site.h"

namespace newsfacts::web {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

bool IsNumericHost(const std::string& host) {
  in_addr v4;
  in6_addr v6;
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

std::string HostPort(const ListenAddress& a) {
  const bool v6 = a.host.find(':') != std::string::npos;
  return (v6 ? "[" + a.host + "]" : a.host) + ":" + std::to_string(a.port);
}

// Binds a socket of our own first, only to learn why the address cannot be had: the HTTP
// library reports failure as a bare false.
Status ProbeBind(const ListenAddress& a) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(a.port);
  if (int rc = getaddrinfo(a.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return UsageError("cannot listen on " + HostPort(a) + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  const int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd < 0) return UsageError("cannot listen on " + HostPort(a) + ": " + std::strerror(errno));
  const int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  int rc = bind(fd, found->ai_addr, found->ai_addrlen);
  if (rc == 0) rc = listen(fd, 1);
  const int err = errno;
  close(fd);
  if (rc == 0) return Status::Ok();
  std::string why = std::strerror(err);
  if (err == EADDRINUSE) {
    why += " (another program is listening there; choose another port with --listen)";
  } else if (err == EADDRNOTAVAIL) {
    why += " (no interface of this machine has that address)";
  } else if (err == EACCES) {
    why += " (ports below 1024 need privileges)";
  }
  return UsageError("cannot listen on " + HostPort(a) + ": " + why);
}

// What the request log shows of a target: printable ASCII, at most 200 bytes.
std::string Printable(const std::string& s) {
  std::string out;
  for (const char c : s.substr(0, 200)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7F) ? c : '?';
  }
  return s.size() > 200 ? out + "..." : out;
}

// Opened once up front, so that a missing or foreign file fails before the port is taken.
Status CheckDatabase(const std::string& path) {
  store::StoreOptions read_only;
  read_only.read_only = true;
  auto db = store::Store::Open(path, read_only);
  return db.ok() ? Status::Ok() : db.status();
}

void SetLimits(size_t threads, httplib::Server* http) {
  http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http->set_default_headers({
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-store"},
  });
  http->set_payload_max_length(64 * 1024);
  http->set_read_timeout(10);
  http->set_write_timeout(10);
}

httplib::Server::HandlerResponse Answer(Site* site, const httplib::Request& req,
                                        httplib::Response& res) {
  try {
    if (req.method != "GET" && req.method != "HEAD") {
      const Response r = Site::ErrorPage(405, "This page is read-only: only GET is answered.");
      res.status = 405;
      res.set_header("Allow", "GET, HEAD");
      res.set_content(r.body, r.content_type.c_str());
      return httplib::Server::HandlerResponse::Handled;
    }
    const Response r = site->Get(req.path, req.params);
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
  } catch (...) {
    res.status = 500;
    res.set_content("internal error\n", "text/plain; charset=utf-8");
  }
  return httplib::Server::HandlerResponse::Handled;
}

void SetHandlers(Site* site, bool log_requests, httplib::Server* http) {
  // Every request is answered here, before the library's own routing: no route pattern
  // (std::regex) ever runs over a hostile path, and nothing maps a URL to a file.
  http->set_pre_routing_handler([site](const httplib::Request& req, httplib::Response& res) {
    return Answer(site, req, res);
  });
  // Statuses the library answers itself (400 for a malformed request line, 414, 413) get a
  // page of ours; ours already carry one.
  http->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        try {
          const Response r = Site::ErrorPage(res.status, "The request could not be read.");
          res.set_content(r.body, r.content_type.c_str());
        } catch (...) {
          res.set_content("error\n", "text/plain; charset=utf-8");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  http->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("internal error\n", "text/plain; charset=utf-8");
      });
  if (log_requests)
    http->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // One write per line, so that lines of concurrent requests do not interleave.
      std::clog << (req.method + " " + Printable(req.target) + " " + std::to_string(res.status) +
                    "\n")
                << std::flush;
    });
}

// The port bound: the one asked for, or the free one chosen for port 0.
Result<int> BindPort(const ListenAddress& listen, httplib::Server* http) {
  if (listen.port == 0) {
    const int port = http->bind_to_any_port(listen.host);
    if (port <= 0) return UsageError("cannot listen on " + HostPort(listen) + ": no free port");
    return port;
  }
  if (!http->bind_to_port(listen.host, listen.port)) {
    return UsageError("cannot listen on " + HostPort(listen));
  }
  return listen.port;
}

}  // namespace

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

Result<ListenAddress> ParseListenAddress(const std::string& text) {
  ListenAddress a;
  std::string host, port;
  if (AllDigits(text)) {
    port = text;
  } else if (!text.empty() && text[0] == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return UsageError("--listen '" + text + "': expected [IPV6]:PORT");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos)
      return UsageError("--listen '" + text + "': expected HOST:PORT");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) {
      return UsageError("--listen '" + text + "': write an IPv6 address in brackets, [::1]:8080");
    }
  }
  if (!AllDigits(port) || port.size() > 5 || std::stoi(port) > 65535) {
    return UsageError("--listen '" + text + "': the port must be a number from 0 to 65535");
  }
  a.port = std::stoi(port);
  if (host.empty() || host == "localhost") host = "127.0.0.1";
  if (!IsNumericHost(host)) {
    return UsageError("--listen '" + text + "': the host must be an IP address or localhost");
  }
  a.host = host;
  return a;
}

struct Server::Impl {
  Impl(const ServeOptions& o, const RuleBook* rules) : options(o), site(o.db, rules) {}
  ServeOptions options;
  Site site;
  httplib::Server http;
  int port = 0;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> in_run{false};
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  if (impl_) Stop();
}

Result<std::unique_ptr<Server>> Server::Bind(const ServeOptions& options, const RuleBook* rules) {
  if (Status s = CheckDatabase(options.db); !s.ok()) return s;
  if (Status s = ProbeBind(options.listen); !s.ok()) return s;
  auto impl = std::make_unique<Impl>(options, rules);
  SetLimits(static_cast<size_t>(std::max(1, options.threads)), &impl->http);
  SetHandlers(&impl->site, options.log_requests, &impl->http);
  auto port = BindPort(options.listen, &impl->http);
  if (!port.ok()) return port.status();
  impl->port = *port;
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  ListenAddress a = impl_->options.listen;
  a.port = impl_->port;
  return "http://" + HostPort(a) + "/";
}

Status Server::Run() {
  impl_->in_run = true;
  bool ok = true;
  if (!impl_->stop_requested) ok = impl_->http.listen_after_bind();
  impl_->in_run = false;
  if (!ok && !impl_->stop_requested) return InternalError("the listening socket failed");
  return Status::Ok();
}

void Server::Stop() {
  impl_->stop_requested = true;
  // Run() may be between its check of stop_requested and the library's loop starting;
  // wait for the loop (at most a second) so that the stop is not lost.
  for (int i = 0; i < 1000; ++i) {
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    if (!impl_->in_run) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace newsfacts::web
