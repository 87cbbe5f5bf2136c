// The newsfacts command line (README, "Using it"). Run() parses argv, runs one
// subcommand and returns the process exit status: 0 all inputs done, 1 some inputs
// failed (each named on stderr, the rest done), 2 usage or configuration error with
// nothing written.
#pragma once

namespace newsfacts::cli {

// Exit statuses (README, "Using it"): every input done; some inputs failed; usage or
// configuration error with nothing written. `crawl` adds 3, another crawl holds the lock.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

int Run(int argc, char** argv);

// The rules directory used when --rules is not given: the rules installed beside the
// binary (PREFIX/share/newsfacts/rules), else the source tree's rules/ (build tree).
const char* DefaultRulesDir();

}  // namespace newsfacts::cli
