// A temporary directory for tests: the one helper every test binary uses.
//
// Header only, on the standard library and POSIX mkdtemp, so any test target can include
// it ("tests/temp_dir.h"; the source root is on every target's include path) without a
// new link dependency.
//
// Errors: the constructor throws std::runtime_error when no directory can be made (doctest
// reports the test case as failed with the message); removal at destruction is best
// effort and never throws. Thread safety: one object per thread; each constructor call
// makes its own directory, so tests in parallel processes never share one.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace newsfacts::testing {

// A fresh, empty directory "newsfacts-LABEL-XXXXXX" under the system's temporary
// directory, removed with everything in it at the end of scope.
class TempDir {
 public:
  explicit TempDir(const std::string& label = "test") {
    const std::string pattern =
        (std::filesystem::temp_directory_path() / ("newsfacts-" + label + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("cannot make " + pattern);
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` in the directory (nothing is created).
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // The same, as a string.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace newsfacts::testing
