// `newsfacts serve [--db F] [--listen 127.0.0.1:8080] [--threads N] [--quiet]`
// (docs/serve.md; web/server.h does the work): a local, read-only web page over
// the database.
//
// Prints "newsfacts: serving http://HOST:PORT/ (read-only: DB)" on stdout once the port is
// bound (with --listen HOST:0, the port the system chose), then one line per request on
// stderr unless --quiet. Runs until SIGINT or SIGTERM, then exits 0. Exit 2 on a usage or
// database error (no database, another program's file, an address in use or not local to
// this machine), with the reason on stderr.
//
// The server is a program of its own, newsfacts-serve, built and installed beside
// newsfacts: the HTTP library it links (and the TLS library that one loads at start)
// would cost every other command its start-up time. `newsfacts serve` reads its options
// and then runs newsfacts-serve in its place (exec: the same process, signals and exit
// status).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace newsfacts::cli {

struct ServeArgs {
  std::string db = "newsfacts.db";
  std::string listen = "127.0.0.1:8080";
  std::string rules;
  int threads = 4;
  bool quiet = false;
};

// Declares serve's options on `command`, to be read into *args.
void AddServeOptions(CLI::App* command, ServeArgs* args);

// The arguments, after the program name, that give newsfacts-serve these args.
std::vector<std::string> ServeArgv(const ServeArgs& args);

// Adds the `serve` subcommand to app. It becomes newsfacts-serve, found beside the running
// program; when that cannot be run it stores exit status 2 in *status, with the reason on
// stderr.
void AddServeCommand(CLI::App* app, int* status);

}  // namespace newsfacts::cli
