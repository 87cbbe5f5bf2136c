// One case for each officials pattern of the officials-and-quotes issue. Every expected
// value was worked out by hand from the sentence.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::At;
using test::Officials;

std::optional<std::string> S(const char* s) { return std::string(s); }

TEST_CASE("official patterns: the title after the name") {
  SUBCASE("Name, TITLE of ORG,") {
    const std::string text = "On Monday Rosa Vidal, mayor of Tijuana, opened the crossing.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "Rosa Vidal");
    CHECK(got[0].title == "Mayor");
    CHECK(got[0].affiliation == S("Tijuana"));
    CHECK(got[0].span == At(text, "Rosa Vidal, mayor"));
    CHECK(got[0].rule == "officials.name_comma_title");
  }
  SUBCASE("a title written before the name wins over one after it") {
    const std::string text = "State Sen. Lorraine Pike, the minority leader, objected.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].title == "Senator");
    CHECK(got[0].name == "Lorraine Pike");
  }
  SUBCASE("a person without a title is no official") {
    CHECK(Officials("Angela Brooks, a retired teacher, spoke first.").empty());
  }
}

TEST_CASE("official patterns: the title, then the name between commas") {
  SUBCASE("the TITLE of ORG, Name,") {
    const auto got = Officials("The governor of Ohio, John Kasinski, laid out his plan.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "John Kasinski");
    CHECK(got[0].title == "Governor");
    CHECK(got[0].affiliation == S("Ohio"));
  }
  SUBCASE("ORG's TITLE, Name,") {
    const auto got =
        Officials("The Southern Poverty Law Center's president, Richard Cohenour, said so.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "Richard Cohenour");
    CHECK(got[0].title == "President");
    CHECK(got[0].affiliation == S("Southern Poverty Law Center"));
  }
  SUBCASE("a party before the title") {
    const auto got = Officials("The Labour leader, Jeremy Corbell, said the plan was empty.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "Jeremy Corbell");
    CHECK(got[0].title == "leader");
  }
  SUBCASE("a body before the title") {
    const auto got = Officials("The United Nations Secretary-General, Ban Ki-jun, warned again.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "Ban Ki-jun");
    CHECK(got[0].title == "Secretary-General");
    CHECK(got[0].affiliation == S("United Nations"));
  }
}

TEST_CASE("official patterns: names and titles of every kind") {
  SUBCASE("Mc, hyphens and glued articles") {
    const auto got =
        Officials("Youngstown Mayor John McNally-Ruiz met Iraqi Prime Minister Haidar al-Rashidi.");
    REQUIRE(got.size() == 2);
    CHECK(got[0].name == "John McNally-Ruiz");
    CHECK(got[1].name == "Haidar al-Rashidi");
    CHECK(got[1].affiliation == S("Iraq"));
  }
  SUBCASE("ranks") {
    const auto got = Officials("The briefing was led by Lt. Gen. Stephen Townshend in Baghdad.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].title == "Lieutenant General");
    CHECK(got[0].name == "Stephen Townshend");
  }
  SUBCASE("an ambassador to a body: the body is part of the office") {
    const auto got =
        Officials("U.S. Ambassador to the United Nations Samantha Powers said it had failed.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].title == "Ambassador to the United Nations");
    CHECK(got[0].name == "Samantha Powers");
    CHECK(got[0].affiliation == S("U.S."));
  }
  SUBCASE("legislators, chairs and company officers") {
    const auto got = Officials(
        "Rep. Daniel Okafor (R-N.C.) questioned Chairwoman Patricia Hollis and Ford "
        "Chief Executive Mark Fieldston.");
    REQUIRE(got.size() == 3);
    CHECK(got[0].title == "Representative");
    CHECK(got[0].name == "Daniel Okafor");
    CHECK(got[1].title == "Chairwoman");
    CHECK(got[2].title == "Chief Executive");
  }
  SUBCASE("modifiers stay in the title") {
    const auto got = Officials("The vote was called by Acting Secretary of Defense Ruth Okoye.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].title == "Acting Secretary of Defense");
  }
}

TEST_CASE("official patterns: later mentions") {
  SUBCASE("accents and case do not matter") {
    const std::string text =
        "President Enrique Peña Nieto spoke first. Later, Pena Nieto left and PEÑA NIETO "
        "was gone.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    const std::vector<Span> want = {At(text, "President Enrique Peña Nieto"),
                                    At(text, "Pena Nieto"), At(text, "PEÑA NIETO")};
    CHECK(got[0].mentions == want);
  }
  SUBCASE("the first of two surnames") {
    const std::string text =
        "Venezuela's opposition leader, Henrique Capriles Radonski, called for a vote. "
        "Capriles spoke in Caracas.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "Henrique Capriles Radonski");
    CHECK(got[0].mentions.back() == At(text, "Capriles", 1));
  }
  SUBCASE("the head of a title: the chief, the spokesman") {
    const std::string text =
        "Police Chief David Brownell spoke. Later the chief took questions.\n\n"
        "Kremlin spokesman Dmitry Peskovets said little. The spokesman left.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 2);
    CHECK(got[0].mentions.size() == 2);
    CHECK(got[0].mentions[1] == At(text, "the chief"));
    CHECK(got[1].mentions.size() == 2);
    CHECK(got[1].mentions[1] == At(text, "The spokesman"));
  }
  SUBCASE("a title held by two people is no mention of either") {
    const std::string text = "Senator Ana Ruiz met Senator Luis Soto. The senator spoke first.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 2);
    CHECK(got[0].mentions.size() == 1);
    CHECK(got[1].mentions.size() == 1);
  }
  SUBCASE("the president of something else is someone else") {
    const std::string text = "President Ana Ruiz arrived. The president of the club stayed home.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].mentions.size() == 1);
  }
}

}  // namespace
}  // namespace newsfacts
