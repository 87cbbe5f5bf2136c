// Helpers for the black-box suites in tests/: run the newsfacts binary as a user would,
// capture its exit status, standard output and standard error, and manage temporary
// directories.
//
// The binary is named by the environment variable NEWSFACTS_BIN (ctest sets it to the
// built program). Commands run through popen() with every argument single-quoted for
// /bin/sh, and `exec`, so a signal that kills the program is seen as such rather than
// as a shell exit code.
//
// Thread safety: none needed; the suites run serially.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/temp_dir.h"

namespace newsfacts::testing {

// The path in NEWSFACTS_BIN, or "" when it is unset or empty.
inline std::string BinaryPath() {
  const char* bin = std::getenv("NEWSFACTS_BIN");
  return bin == nullptr ? std::string() : std::string(bin);
}

inline std::string SourceDir() { return NEWSFACTS_SOURCE_DIR; }

// `s` as one /bin/sh word: single quotes, with embedded quotes written '\''.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The code points [start, end) of s, as Python's s[start:end].
inline std::string CodePoints(const std::string& s, int64_t start, int64_t end) {
  std::string out;
  int64_t cp = -1;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++cp;
    if (cp >= start && cp < end) out += c;
  }
  return out;
}

inline void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct RunResult {
  bool started = false;   // popen succeeded
  bool signaled = false;  // the program was killed by a signal
  int signal = 0;
  int exit_code = -1;  // valid when !signaled
  std::string out;     // standard output
  std::string err;     // standard error

  // One line of description for failure messages.
  std::string Describe() const {
    std::ostringstream s;
    if (!started) {
      s << "could not start the program";
    } else if (signaled) {
      s << "killed by signal " << signal;
    } else {
      s << "exit status " << exit_code;
    }
    std::string head = err.substr(0, 2000);
    s << "; stderr: " << (head.empty() ? "(empty)" : head);
    return s.str();
  }
};

// Runs the program `bin` with `args`; standard input from `stdin_path` (or /dev/null).
inline RunResult RunProgram(const std::string& bin, const std::vector<std::string>& args,
                            const std::optional<std::filesystem::path>& stdin_path = {}) {
  RunResult result;
  if (bin.empty()) return result;
  TempDir scratch;
  const std::filesystem::path err_path = scratch / "stderr";

  std::string command = "exec " + ShellQuote(bin);
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  command += " <" + ShellQuote(stdin_path ? stdin_path->string() : std::string("/dev/null"));
  command += " 2>" + ShellQuote(err_path.string());

  std::fflush(nullptr);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  result.started = true;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  const int status = pclose(pipe);
  if (status == -1) {
    result.started = false;
  } else if (WIFSIGNALED(status)) {
    result.signaled = true;
    result.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
    // A shell that could not exec reports 126/127; a signal seen by an intermediate
    // shell would be 128+n. Neither is a status newsfacts itself uses.
    if (result.exit_code > 128) {
      result.signaled = true;
      result.signal = result.exit_code - 128;
    }
  }
  result.err = ReadFile(err_path);
  return result;
}

// Runs NEWSFACTS_BIN with `args`; standard input from `stdin_path` (or /dev/null).
inline RunResult RunNewsfacts(const std::vector<std::string>& args,
                              const std::optional<std::filesystem::path>& stdin_path = {}) {
  return RunProgram(BinaryPath(), args, stdin_path);
}

// The output split into lines, without the newline; a last line without a newline counts.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (start < text.size()) {
    std::string::size_type nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace newsfacts::testing
