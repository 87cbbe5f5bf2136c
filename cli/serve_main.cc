// newsfacts-serve: the server behind `newsfacts serve` (cli/serve_command.h), with the
// same options. A program of its own so that only it links the HTTP library.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/serve_command.h"
#include "extract/extract.h"
#include "web/server.h"
#include "web/stop_signal.h"

namespace newsfacts::cli {
namespace {

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
}  // namespace newsfacts::cli

int main(int argc, char** argv) {
  CLI::App app{"newsfacts-serve: the local, read-only web page of `newsfacts serve`"};
  newsfacts::cli::ServeArgs args;
  newsfacts::cli::AddServeOptions(&app, &args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? newsfacts::cli::kExitOk : newsfacts::cli::kExitUsage;
  }
  return newsfacts::cli::RunServe(args);
}
