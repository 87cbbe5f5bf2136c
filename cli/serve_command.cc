#include "cli/serve_command.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace newsfacts::cli {

void AddServeOptions(CLI::App* command, ServeArgs* args) {
  command->add_option("--db", args->db, "database file")->capture_default_str();
  command
      ->add_option("--listen", args->listen,
                   "HOST:PORT to listen on (loopback by default; port 0: any free port)")
      ->capture_default_str();
  command->add_option("--rules", args->rules, "rule directory (default: the shipped rules)");
  command->add_option("--threads", args->threads, "request threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  command->add_flag("--quiet", args->quiet, "no line per request on stderr");
}

std::vector<std::string> ServeArgv(const ServeArgs& args) {
  std::vector<std::string> out = {"--db",      args.db,     "--listen",
                                  args.listen, "--threads", std::to_string(args.threads)};
  if (!args.rules.empty()) {
    out.push_back("--rules");
    out.push_back(args.rules);
  }
  if (args.quiet) out.push_back("--quiet");
  return out;
}

namespace {

// Runs newsfacts-serve in place of this process; returns only when it cannot.
int ExecServe(const ServeArgs& args) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    std::cerr << "newsfacts: serve: cannot find the running program: " << ec.message() << "\n";
    return kExitUsage;
  }
  const std::string server = (self.parent_path() / "newsfacts-serve").string();
  std::vector<std::string> argv = ServeArgv(args);
  argv.insert(argv.begin(), server);
  std::vector<char*> pointers;
  for (std::string& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  std::cout.flush();
  execv(server.c_str(), pointers.data());
  std::cerr << "newsfacts: serve: cannot run " << server << ": " << std::strerror(errno)
            << " (newsfacts-serve is built and installed beside newsfacts)\n";
  return kExitUsage;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app->add_subcommand("serve", "a local, read-only web page over the database");
  AddServeOptions(serve, args.get());
  serve->callback([args, status] { *status = ExecServe(*args); });
}

}  // namespace newsfacts::cli
