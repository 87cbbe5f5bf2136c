#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::At;
using test::OfficialRules;
using test::Officials;

TEST_CASE("officials: the shipped rule file loads and its examples pass") {
  CHECK(OfficialRules().id() == "officials");
  CHECK(OfficialRules().RunExamples().empty());
}

TEST_CASE("officials: one entry per person with every later mention") {
  const std::string text =
      "Canadian Foreign Minister Mélanie Joly arrived in Ottawa on Tuesday. Joly met the press.\n\n"
      "The Foreign Minister spoke for an hour. She said little about trade.\n\n"
      "Later Ms. Joly left.";
  const auto got = Officials(text);
  REQUIRE(got.size() == 1);
  const Official& o = got[0];
  CHECK(o.name == "Mélanie Joly");
  CHECK(o.title == "Foreign Minister");
  CHECK(o.affiliation == std::optional<std::string>("Canada"));
  CHECK_FALSE(o.former);
  CHECK(o.rule == "officials.title_name");
  CHECK(o.ruleset_version == OfficialRules().version());
  CHECK(o.span == At(text, "Foreign Minister Mélanie Joly"));
  const std::vector<Span> want = {
      At(text, "Foreign Minister Mélanie Joly"),
      At(text, "Joly", 1),
      At(text, "The Foreign Minister"),
      At(text, "She"),
      At(text, "Ms. Joly"),
  };
  CHECK(o.mentions == want);
}

TEST_CASE("officials: affiliation from a country, a possessive, a demonym or 'led by'") {
  SUBCASE("country before the title") {
    const auto got = Officials("The talks were run by U.S. Attorney General Rosa Duarte all week.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].affiliation == std::optional<std::string>("U.S."));
    CHECK(got[0].title == "Attorney General");
    CHECK(got[0].name == "Rosa Duarte");
  }
  SUBCASE("possessive") {
    const auto got =
        Officials("It was approved by Mexico’s Minister of Finance Rogelio Ramírez on Friday.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].affiliation == std::optional<std::string>("Mexico"));
    CHECK(got[0].title == "Minister of Finance");
    CHECK(got[0].name == "Rogelio Ramírez");
  }
  SUBCASE("demonym") {
    const auto got = Officials("A letter from Mexican President Ana Ruiz Cortés arrived.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].affiliation == std::optional<std::string>("Mexico"));
  }
  SUBCASE("administration led by") {
    const std::string text = "The Mexican government, led by President Ana Ruiz, agreed.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].affiliation == std::optional<std::string>("Mexico"));
    CHECK(got[0].span == At(text, "President Ana Ruiz"));
  }
  SUBCASE("none written") {
    const auto got = Officials("The plan came from Governor Tomás Herrera del Valle yesterday.");
    REQUIRE(got.size() == 1);
    CHECK_FALSE(got[0].affiliation.has_value());
    CHECK(got[0].name == "Tomás Herrera del Valle");
  }
}

TEST_CASE("officials: former, two-part surnames and possessives") {
  const std::string text =
      "Arrests rose under former President Jorge Peña Vidal’s government. "
      "Peña Vidal’s successor disagreed.";
  const auto got = Officials(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].former);
  CHECK(got[0].name == "Jorge Peña Vidal");
  CHECK(got[0].span == At(text, "President Jorge Peña Vidal"));
  const std::vector<Span> want = {At(text, "President Jorge Peña Vidal"),
                                  At(text, "Peña Vidal", 1)};
  CHECK(got[0].mentions == want);
}

TEST_CASE("officials: a later fuller mention gives the name; titles merge") {
  const std::string text =
      "Secretary Okafor opened the meeting. Later, Secretary of State Grace Okafor closed it.";
  const auto got = Officials(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].name == "Grace Okafor");
  CHECK(got[0].title == "Secretary of State");
  CHECK(got[0].span == At(text, "Secretary Okafor"));
  CHECK(got[0].mentions.size() == 2);
}

TEST_CASE("officials: a surname transliterated another way is the same person") {
  const std::string text =
      "Ukraine President Volodymyr Zelenskiy spoke to Trump. Aides said President Zelensky "
      "would agree, and President Zelenskyy did. Senator Ann Johnson met Senator Bo Johnston.";
  const auto got = Officials(text);
  REQUIRE(got.size() == 3);
  CHECK(got[0].name == "Volodymyr Zelenskiy");
  CHECK(got[0].mentions.size() == 3);
  CHECK(got[1].name == "Ann Johnson");
  CHECK(got[2].name == "Bo Johnston");
}

TEST_CASE("officials: no official without a title") {
  CHECK(Officials("Speaking before the United States House Committee on Appropriations, the "
                  "witness stayed calm.")
            .empty());
  CHECK(Officials("Maria Lopez Garcia and Carlos Ruiz visited the port in Veracruz.").empty());
  CHECK(Officials("Speaking Tuesday, Health Officials Across Mexico agreed.").empty());
  CHECK(Officials("The president said the numbers were good.").empty());
}

TEST_CASE("officials: a stop word ends the name") {
  const auto got = Officials("The decree was signed by President Lucía Méndez Monday evening.");
  REQUIRE(got.size() == 1);
  CHECK(got[0].name == "Lucía Méndez");
}

TEST_CASE("officials: a title held by two people is not a mention") {
  const std::string text =
      "President Ana Ruiz met former President Luis Soto. The President spoke first.";
  const auto got = Officials(text);
  REQUIRE(got.size() == 2);
  CHECK(got[0].mentions.size() == 1);
  CHECK(got[1].mentions.size() == 1);
  CHECK(got[1].former);
}

TEST_CASE("officials: pronouns") {
  SUBCASE("inside quotation marks they are not mentions") {
    const std::string text = "Mayor Elena Castro spoke. “He is wrong,” the crowd shouted.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].mentions.size() == 1);
  }
  SUBCASE("two paragraphs away they are not resolved") {
    const std::string text = "Mayor Elena Castro spoke.\n\nRain fell.\n\nIt stopped.\n\nHe left.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].mentions.size() == 1);
  }
  SUBCASE("gender from an honorific picks the right person") {
    const std::string text =
        "Senator Paul Reyes met Governor Ana Ortega. Ms. Ortega listened. He spoke first.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 2);
    CHECK(got[0].name == "Paul Reyes");
    CHECK(got[0].mentions.back() == At(text, "He"));
    CHECK(got[1].mentions.back() == At(text, "Ms. Ortega"));
  }
  SUBCASE("the most recent person wins") {
    const std::string text = "Senator Paul Reyes met Governor Ana Ortega. Then she spoke.";
    const auto got = Officials(text);
    REQUIRE(got.size() == 2);
    CHECK(got[1].mentions.back() == At(text, "she"));
  }
}

// Whatever the input, every official has a name and spans inside the text, its mentions
// in text order.
void CheckWellFormed(const std::string& text, const std::vector<Official>& found) {
  for (const Official& o : found) {
    CHECK_FALSE(o.name.empty());
    CHECK(o.span.start < o.span.end);
    CHECK(o.span.end <= static_cast<int64_t>(text.size()));
    for (size_t i = 0; i < o.mentions.size(); ++i) {
      CHECK(o.mentions[i].start < o.mentions[i].end);
      CHECK(o.mentions[i].end <= static_cast<int64_t>(text.size()));
      if (i > 0) CHECK(o.mentions[i - 1].start <= o.mentions[i].start);
    }
  }
}

TEST_CASE("officials: hostile input gives well-formed officials") {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += "President \xC3 He\xFF Mr. \"";
  // No name follows a title: no official.
  CHECK(Officials(junk).empty());
  std::string many;
  for (int i = 0; i < 300; ++i) many += "Mayor Luis Ruiz" + std::to_string(i) + " he said. ";
  // One mayor, named 300 times; the digits glued to the name are not part of it.
  const std::vector<Official> mayors = Officials(many);
  CheckWellFormed(many, mayors);
  REQUIRE(mayors.size() == 1);
  CHECK(mayors[0].name == "Luis Ruiz");
  CHECK(mayors[0].mentions.size() == 600);  // the name and "he" in each sentence
  CHECK(Officials("").empty());
  CHECK(Officials("President").empty());
}

TEST_CASE("officials: a family name written first is the mention that follows") {
  const std::string text =
      "Chinese President Xi Jinping arrived in Madrid on Monday. Xi met the king on Tuesday, "
      "and South Korean President Moon Jae-in joined them. Moon spoke briefly.";
  const std::vector<Official> found = Officials(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0].name == "Xi Jinping");
  REQUIRE(found[0].mentions.size() == 2);
  CHECK(found[0].mentions[1] == At(text, "Xi", 1));
  CHECK(found[1].name == "Moon Jae-in");
  REQUIRE(found[1].mentions.size() == 2);
  CHECK(found[1].mentions[1] == At(text, "Moon", 1));
}

}  // namespace
}  // namespace newsfacts
