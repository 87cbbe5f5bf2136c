// `newsfacts serve [--db F] [--listen 127.0.0.1:8080] [--threads N] [--quiet]`
// (CONTRACT.md, "Commands"; web/server.h does the work): a local, read-only web page over
// the database.
//
// Prints "newsfacts: serving http://HOST:PORT/ (read-only: DB)" on stdout once the port is
// bound (with --listen HOST:0, the port the system chose), then one line per request on
// stderr unless --quiet. Runs until SIGINT or SIGTERM, then exits 0. Exit 2 on a usage or
// database error (no database, another program's file, an address in use or not local to
// this machine), with the reason on stderr.
#pragma once

#include <CLI/CLI.hpp>

namespace newsfacts::cli {

// Adds the `serve` subcommand to app; it stores its exit status in *status.
void AddServeCommand(CLI::App* app, int* status);

}  // namespace newsfacts::cli
