// Server: `newsfacts serve` over HTTP (cpp-httplib), answering GET with web/site.h's pages.
//
// Every response carries the Content-Security-Policy of web/site.h, X-Content-Type-Options:
// nosniff, Referrer-Policy: no-referrer and Cache-Control: no-store. Only GET (and HEAD) is
// answered; other methods get 405. A request line longer than 8 KiB gets 414 and a body is
// never read. A handler never lets an exception reach the HTTP layer.
//
// Loopback by default: the listen address is 127.0.0.1 unless another one is given.
//
// Lifetime: Bind() opens the database once (so a missing or foreign file fails before the
// port is taken) and binds the port; Run() serves until Stop(). The RuleBook is not owned
// and must outlive the Server.
//
// Errors: Bind(): kNotFound / kStorage from opening the database; kUsage for an address
// that cannot be listened on (in use, not local, not permitted), with the reason.
// Thread safety: Stop() may be called from any thread (a signal-watching thread, a test);
// the rest from one thread. Requests are answered on a pool of `threads` threads, each with
// its own read-only connection (web/store_pool.h).
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "extract/extract.h"

namespace newsfacts::web {

struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
};

// "HOST:PORT", "[V6]:PORT", ":PORT" or "PORT" (host 127.0.0.1). kUsage for anything else,
// a port outside 0..65535, or a host that is not a numeric address or "localhost".
Result<ListenAddress> ParseListenAddress(const std::string& text);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

struct ServeOptions {
  std::string db = "newsfacts.db";
  ListenAddress listen;
  int threads = 4;           // request threads, each with its own database connection
  bool log_requests = true;  // one line per request on stderr: method, target, status
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> Bind(const ServeOptions& options, const RuleBook* rules);
  Server(const Server&) = delete;  // owns a listening socket and threads
  Server& operator=(const Server&) = delete;
  ~Server();

  // The port bound (the chosen one when 0 was asked for).
  int port() const;
  // "http://127.0.0.1:PORT/" ("http://[::1]:PORT/" for IPv6).
  std::string url() const;

  // Serves until Stop(); kInternal when the listening socket fails.
  Status Run();
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsfacts::web
