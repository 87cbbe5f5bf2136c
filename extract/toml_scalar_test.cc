// ScalarString: each TOML scalar type as the rule readers keep it.
#include "extract/toml_scalar.h"

#include <doctest/doctest.h>

#include <string>

namespace newsfacts::rules {
namespace {

// The value of `v` in a one-line TOML document "v = <value>".
std::optional<std::string> Scalar(const std::string& value) {
  const toml::table root = toml::parse("v = " + value);
  const toml::node* node = root.get("v");
  REQUIRE(node != nullptr);
  return ScalarString(*node);
}

TEST_CASE("strings, integers and booleans") {
  CHECK(Scalar("\"week\"") == "week");
  CHECK(Scalar("''") == "");
  CHECK(Scalar("42") == "42");
  CHECK(Scalar("-7") == "-7");
  CHECK(Scalar("0x10") == "16");
  CHECK(Scalar("true") == "true");
  CHECK(Scalar("false") == "false");
}

TEST_CASE("a float keeps every digit it needs to read back the same") {
  CHECK(Scalar("8222.5") == "8222.5");
  CHECK(Scalar("8222.50") == "8222.5");
  CHECK(Scalar("0.1") == "0.1");
  CHECK(Scalar("3.0") == "3");
  CHECK(Scalar("-0.25") == "-0.25");
  // Six significant digits would give "1.23457e+06".
  CHECK(Scalar("1234567.5") == "1234567.5");
  CHECK(Scalar("0.123456789") == "0.123456789");
  CHECK(Scalar("1e300") == "1e+300");
}

TEST_CASE("what is no scalar has no string") {
  CHECK_FALSE(Scalar("[1, 2]").has_value());
  CHECK_FALSE(Scalar("{ a = 1 }").has_value());
  CHECK_FALSE(Scalar("2024-05-23").has_value());
  CHECK_FALSE(Scalar("10:30:00").has_value());
}

}  // namespace
}  // namespace newsfacts::rules
