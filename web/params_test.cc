#include "web/params.h"

#include <doctest/doctest.h>

#include <string>

namespace newsfacts::web {
namespace {

TEST_CASE("TextParam: absent, blank, trimmed") {
  const Params params = {{"claim", "  8.2 tonnes\tof fentanyl "}, {"blank", " \t "}};
  auto claim = TextParam(params, "claim", kMaxClaimBytes);
  REQUIRE(claim.ok());
  CHECK(**claim == "8.2 tonnes of fentanyl");
  auto blank = TextParam(params, "blank", kMaxClaimBytes);
  REQUIRE(blank.ok());
  CHECK_FALSE(blank->has_value());
  auto absent = TextParam(params, "id", kMaxIdBytes);
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->has_value());
}

TEST_CASE("TextParam refuses repeated, oversized, broken and control-character values") {
  CHECK(TextParam({{"claim", "a"}, {"claim", "b"}}, "claim", 10).status().message() ==
        "parameter 'claim' is given more than once");
  CHECK(TextParam({{"claim", std::string(11, 'x')}}, "claim", 10).status().message() ==
        "parameter 'claim' is longer than 10 bytes");
  CHECK(TextParam({{"claim", std::string(10, 'x')}}, "claim", 10).ok());
  CHECK(TextParam({{"claim", "\xC3("}}, "claim", 10).status().message() ==
        "parameter 'claim' is not valid UTF-8");
  CHECK(TextParam({{"claim", std::string("a\0b", 3)}}, "claim", 10).status().code() ==
        StatusCode::kInvalidInput);
  CHECK(TextParam({{"claim", "a\x1b[31m"}}, "claim", 10).status().message() ==
        "parameter 'claim' holds a control character");
}

TEST_CASE("DateParam accepts calendar days only") {
  auto day = DateParam({{"since", "2024-02-29"}}, "since");
  REQUIRE(day.ok());
  CHECK(**day == "2024-02-29");
  CHECK(DateParam({{"since", "2000-02-29"}}, "since").ok());
  for (const char* bad : {"2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-1-01",
                          "2024/01/01", "yesterday", "2024-01-01T00:00"}) {
    CAPTURE(bad);
    CHECK(DateParam({{"since", bad}}, "since").status().code() == StatusCode::kInvalidInput);
  }
  auto none = DateParam({}, "since");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
}

TEST_CASE("CheckParamCount caps the number of parameters") {
  Params params;
  for (size_t i = 0; i < kMaxParams; ++i) params.emplace("p" + std::to_string(i), "v");
  CHECK(CheckParamCount(params).ok());
  params.emplace("one_more", "v");
  CHECK_FALSE(CheckParamCount(params).ok());
}

}  // namespace
}  // namespace newsfacts::web
