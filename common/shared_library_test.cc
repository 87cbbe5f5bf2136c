#include "common/shared_library.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

namespace newsfacts {
namespace {

TEST_CASE("a shared library opens by name and gives its functions") {
  // zlib is on every machine that builds newsfacts (the archive reader needs it).
  auto zlib = SharedLibrary::Open("libz.so.1");
  REQUIRE_MESSAGE(zlib.ok(), zlib.status().ToString());
  CHECK(zlib->soname() == "libz.so.1");
  auto version = zlib->Function<const char* (*)()>("zlibVersion");
  REQUIRE_MESSAGE(version.ok(), version.status().ToString());
  CHECK(std::strncmp((*version)(), "1.", 2) == 0);

  auto missing = zlib->Function<void (*)()>("no_such_function_here");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message().find("libz.so.1 has no function no_such_function_here") !=
        std::string::npos);
}

TEST_CASE("a library that is not there is an error naming it") {
  auto none = SharedLibrary::Open("libnewsfacts-no-such-library.so.7");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == StatusCode::kNotFound);
  CHECK(none.status().message().find("cannot load libnewsfacts-no-such-library.so.7") !=
        std::string::npos);
}

}  // namespace
}  // namespace newsfacts
