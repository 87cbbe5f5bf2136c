#include "cli/serve_command.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "extract/extract.h"
#include "web/server.h"
#include "web/stop_signal.h"

namespace newsfacts::cli {
namespace {

struct ServeArgs {
  std::string db = "newsfacts.db";
  std::string listen = "127.0.0.1:8080";
  std::string rules;
  int threads = 4;
  bool quiet = false;
};

int Fail(const std::string& message) {
  std::cerr << "newsfacts: serve: " << message << "\n";
  return kExitUsage;
}

int RunServe(const ServeArgs& args) {
  auto address = web::ParseListenAddress(args.listen);
  if (!address.ok()) return Fail(address.status().ToString());
  std::error_code ec;
  if (!std::filesystem::exists(args.db, ec)) return Fail("no database at " + args.db);
  // Claims are read for their figures, dates and people; quotes come from the database.
  auto book = RuleBook::LoadSets(args.rules.empty() ? DefaultRulesDir() : args.rules,
                                 {"quantities", "dates", "officials"});
  if (!book.ok()) return Fail(book.status().ToString());

  web::ServeOptions options;
  options.db = args.db;
  options.listen = *address;
  options.threads = args.threads;
  options.log_requests = !args.quiet;
  auto server = web::Server::Bind(options, &*book);
  if (!server.ok()) return Fail(server.status().ToString());
  if (!web::IsLoopback(address->host)) {
    std::cerr << "newsfacts: serve: warning: " << address->host
              << " is not a loopback address; anyone who can reach it can read the database\n";
  }
  std::cout << "newsfacts: serving " << (*server)->url() << " (read-only: " << args.db << ")"
            << std::endl;

  web::Server* s = server->get();
  Status run;
  {
    // Before Run() starts the request threads, so that only the watcher takes the signals.
    web::StopOnSignal on_signal([s] { s->Stop(); });
    run = s->Run();
  }
  if (!run.ok()) {
    std::cerr << "newsfacts: serve: " << run.ToString() << "\n";
    return kExitSomeFailed;
  }
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app->add_subcommand("serve", "a local, read-only web page over the database");
  serve->add_option("--db", args->db, "database file")->capture_default_str();
  serve
      ->add_option("--listen", args->listen,
                   "HOST:PORT to listen on (loopback by default; port 0: any free port)")
      ->capture_default_str();
  serve->add_option("--rules", args->rules, "rule directory (default: the shipped rules)");
  serve->add_option("--threads", args->threads, "request threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve->add_flag("--quiet", args->quiet, "no line per request on stderr");
  serve->callback([args, status] { *status = RunServe(*args); });
}

}  // namespace newsfacts::cli
