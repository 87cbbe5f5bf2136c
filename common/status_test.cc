#include "common/status.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

namespace newsfacts {
namespace {

TEST_CASE("a Result holds its value or its error") {
  Result<int> seven = 7;
  REQUIRE(seven.ok());
  CHECK(*seven == 7);
  Result<int> none = NotFound("no such row", "news.db");
  CHECK_FALSE(none.ok());
  CHECK(none.status().ToString() == "news.db: no such row");
}

TEST_CASE("the value of a failed Result aborts, naming the error, in every build") {
  int err[2];
  REQUIRE(pipe(err) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    dup2(err[1], STDERR_FILENO);
    close(err[0]);
    Result<int> none = NotFound("no such row", "news.db");
    const int v = none.value();  // must not return
    _exit(v == 0 ? 3 : 4);
  }
  close(err[1]);
  std::string said;
  char buf[512];
  for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;)
    said.append(buf, static_cast<size_t>(n));
  close(err[0]);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == SIGABRT);
  CHECK(said.find("the value of a failed Result (news.db: no such row)") != std::string::npos);
}

}  // namespace
}  // namespace newsfacts
