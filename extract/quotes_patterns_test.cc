// One case for each quotation pattern of the officials-and-quotes issue, and the inputs
// that break other quote extractors. Every expected value was worked out by hand from
// the sentence.
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
using test::Quotes;

std::optional<std::string> S(const char* s) { return std::string(s); }

TEST_CASE("quote patterns: the seed article's two shapes") {
  // Our own sentences around the seed's facts: "is quoted by" an outlet with a
  // pronoun speaker, then a surname after a long quotation.
  const std::string text =
      "U.S. Secretary of State Antony Blinken praised the cooperation with Mexico.\n\n"
      "\"Our partners in Mexico have made dozens of arrests this year,\" he is quoted by "
      "Mexico News Daily.\n\n"
      "“Screening at the ports of entry is where the technology pays off,” Blinken said.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 2);
  CHECK(got[0].text == "Our partners in Mexico have made dozens of arrests this year,");
  CHECK(got[0].speaker == S("Antony Blinken"));
  const Span he = At(text, "he is");
  CHECK(got[0].speaker_span == std::optional<Span>(Span{he.start, he.start + 2}));
  CHECK(got[0].cue == S("is quoted by"));
  CHECK(got[0].via == S("Mexico News Daily"));
  CHECK_FALSE(got[0].partial);
  CHECK(got[1].speaker == S("Antony Blinken"));
  CHECK(got[1].cue == S("said"));
  CHECK_FALSE(got[1].via.has_value());
}

TEST_CASE("quote patterns: marks of every style") {
  SUBCASE("straight single marks") {
    const std::string text = "'We will set out our plan in March,' Mr Davison said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "We will set out our plan in March,");
    CHECK(got[0].speaker == S("Davison"));
  }
  SUBCASE("apostrophes inside straight single marks") {
    const std::string text = "She said the plan was 'a blank sheet, and that's all' today.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "a blank sheet, and that's all");
    CHECK(got[0].partial);
  }
  SUBCASE("guillemets") {
    const std::string text = "« Nous ne reculerons pas », Manuel Vallier said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "Nous ne reculerons pas");
    CHECK(got[0].speaker == S("Manuel Vallier"));
  }
  SUBCASE("low and high marks") {
    const std::string text = "„Europa muss zusammenhalten“, Angela Morkel said in Berlin.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "Europa muss zusammenhalten");
    CHECK(got[0].speaker == S("Angela Morkel"));
  }
  SUBCASE("spaced straight marks") {
    const std::string text = "Lidia Campos said \" the border stays open all week \" and left.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "the border stays open all week");
  }
  SUBCASE("a quotation inside a quotation is part of it") {
    const std::string text =
        "“When he says ‘trust me,’ check the numbers,” Hillary Clintwood said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "When he says ‘trust me,’ check the numbers,");
  }
}

TEST_CASE("quote patterns: speaker before the quotation") {
  SUBCASE("a sentence that ends in a colon names its subject") {
    const std::string text =
        "Chairwoman Patricia Hollis began with a warning: “This committee will get the "
        "documents.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Patricia Hollis"));
    CHECK(got[0].rule == "quotes.before.colon");
  }
  SUBCASE("a cue wins over a bare colon") {
    const std::string text = "In a short video message, Rosa Vidal said: “We will not build it.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Rosa Vidal"));
    CHECK(got[0].cue == S("said"));
  }
  SUBCASE("and from X:") {
    const std::string text =
        "And from Rep. Luis Gutiérrez Soto (D-Ill.): “If the documents exist, produce them.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Luis Gutiérrez Soto"));
    CHECK(got[0].rule == "quotes.before.from");
  }
  SUBCASE("as she puts it") {
    const std::string text =
        "Joan Pruitt sees it differently. As she puts it: “The deals did little.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Joan Pruitt"));
    CHECK(got[0].cue == S("puts it"));
  }
}

TEST_CASE("quote patterns: speaker after the quotation") {
  SUBCASE("a dash and a titled name") {
    const std::string text =
        "Commissioner Helen Marsh testified on Monday.\n\n"
        "“Transparency is not optional.” – Commissioner Helen Marsh, in her statement.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Helen Marsh"));
    CHECK(got[0].rule == "quotes.after.dash");
  }
  SUBCASE("said + titled name, with an abbreviated rank") {
    const std::string text = "“We just ran toward the noise,” said Sgt. Maria Delgado, a veteran.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Maria Delgado"));
  }
  SUBCASE("the name in an aside after a role") {
    const std::string text =
        "“We do not discuss open cases,” a department spokeswoman, Emily Park, said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Emily Park"));
    CHECK(got[0].speaker_span == std::optional<Span>(At(text, "Emily Park")));
  }
  SUBCASE("a speaker who is no one in particular stays as written") {
    const std::string text =
        "“The evidence is strong,” said one official, who asked not to be named.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("one official"));
  }
  SUBCASE("a titled reference resolves to the official") {
    const std::string text =
        "Kremlin spokesman Dmitry Peskovets spoke by phone.\n\n"
        "“These claims have no basis,” the spokesman said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Dmitry Peskovets"));
  }
}

TEST_CASE("quote patterns: split quotations and paragraphs") {
  SUBCASE("split by an attribution that goes on after the speaker") {
    const std::string text =
        "“Mexico will not pay for it,” Claudia Arreola told Reuters in an interview. "
        "“That is not a serious proposal.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].parts.size() == 2);
    CHECK(got[0].parts[1] == At(text, "That is not a serious proposal."));
    CHECK(got[0].speaker == S("Claudia Arreola"));
    CHECK(got[0].via == S("Reuters"));
  }
  SUBCASE("a second sentence between the parts keeps them apart") {
    const std::string text =
        "“Mexico will not pay for it,” Claudia Arreola said. The talks ended early. "
        "“That is not a serious proposal.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 2);
  }
  SUBCASE("a follow-on paragraph that names no one keeps the speaker") {
    const std::string text =
        "“This prize belongs to the families of the victims,” Juan Santorin said.\n\n"
        "“It belongs to the soldiers who laid down their weapons.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 2);
    CHECK(got[1].speaker == S("Juan Santorin"));
    CHECK_FALSE(got[1].cue.has_value());
  }
  SUBCASE("an unclosed quotation does not swallow the article") {
    const std::string text =
        "Teresa Alvarado voted no. \"This deal gives away public land, she said.\n\n"
        "Mark Jensen disagreed. \"We negotiated for two years,\" Jensen said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "We negotiated for two years,");
    CHECK(got[0].speaker == S("Mark Jensen"));
  }
}

TEST_CASE("quote patterns: partial quotations and things that are not quotations") {
  SUBCASE("a fragment inside reported speech") {
    const std::string text = "Harold Benning called the deal “a big, big problem” on Sunday.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].partial);
    CHECK(got[0].text == "a big, big problem");
    CHECK(got[0].speaker == S("Harold Benning"));
  }
  SUBCASE("the subject of the sentence, past an aside") {
    const std::string text =
        "Benning, who has never seen the show, wrote on Twitter that the theater “should be "
        "a place of respect.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Benning"));
    CHECK(got[0].cue == S("wrote"));
  }
  SUBCASE("two words with a cue are a quotation") {
    const std::string text =
        "Donna Brazile-Hart said the remarks were “deeply irresponsible” today.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "deeply irresponsible");
  }
  SUBCASE("titles of shows, songs and books") {
    CHECK(Quotes("On the Sunday show “Meet the Nation,” the senator defended the vote.").empty());
    CHECK(Quotes("At the end, the crowd sang “God Bless America” and went home.").empty());
    CHECK(Quotes("His book \"The Lead Years\" follows the crisis.").empty());
  }
  SUBCASE("one word is a scare quote") {
    CHECK(Quotes("Critics said the group's “ideas” were nothing new.").empty());
  }
  SUBCASE("an outlet is not a person") {
    const auto got = Quotes("“The order is lawful,” according to The New York Times.");
    REQUIRE(got.size() == 1);
    CHECK_FALSE(got[0].speaker.has_value());
    CHECK(got[0].via == S("New York Times"));
  }
}

TEST_CASE("quote patterns: more ways to name the speaker") {
  SUBCASE("the sentence before names the speaker") {
    const std::string text =
        "Carlos Ruiz told reporters the port would close. “We have no other choice.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Carlos Ruiz"));
    CHECK(got[0].cue == S("told"));
  }
  SUBCASE("a second sentence in between names no one") {
    const std::string text =
        "Carlos Ruiz told reporters the port would close. The ships left. “Nobody stayed behind.”";
    // The sentence right before the quotation has no cue, so no speaker.
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK_FALSE(got[0].speaker.has_value());
  }
  SUBCASE("according to a relative, with the name in an aside") {
    const std::string text = "According to his aunt, Jane Starner, “He read at an adult level.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Jane Starner"));
  }
  SUBCASE("an organisation and a role before the name") {
    const std::string text = "“Demand fell in November,” Commerzbank analyst Carsten Fritsch said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Carsten Fritsch"));
  }
  SUBCASE("a name with an inner capital, split by 'said, adding'") {
    const std::string text =
        "“Buyers are cautious,” InfoNation President Dan McDowell said, adding, "
        "“the year is just not as strong.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].parts.size() == 2);
    CHECK(got[0].speaker == S("Dan McDowell"));
  }
}

TEST_CASE("quote patterns: people without a title") {
  SUBCASE("a surname is the fullest name written before") {
    const std::string text =
        "Angela Brooks, a retired teacher, buys bottled water.\n\n"
        "\"I don't trust the tap,\" Brooks said.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Angela Brooks"));
  }
  SUBCASE("a pronoun is the person named last, titled or not") {
    const std::string text =
        "Mayor Karen Weaverly left early. Rebel commander Rodrigo Londoño Echeverri sent a "
        "message. He wrote that the peace was “the beginning and not the end.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Rodrigo Londoño Echeverri"));
  }
  SUBCASE("descriptors before a name are not part of it") {
    const std::string text =
        "Analyst Rebecca Lindquist of the Center for Automotive Research said the move "
        "“makes sense on paper” for now.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == S("Rebecca Lindquist"));
  }
}

TEST_CASE("quote patterns: inputs that break other extractors") {
  SUBCASE("one-word quotations on separate paragraphs") {
    CHECK(Quotes("\"Bob.\"\n\n\"What.\"").empty());
  }
  SUBCASE("an empty quotation followed by a sign") {
    CHECK(Quotes("\"\"=").empty());
    CHECK(Quotes("x = \"\"=\"\"").empty());
  }
  SUBCASE("a quotation mark as the last character") {
    CHECK(Quotes("He said \"").empty());
    CHECK(Quotes("He said “").empty());
    CHECK(Quotes("He said '").empty());
    CHECK(Quotes("He said «").empty());
  }
  SUBCASE("10,000 quotation marks with no speaker give no quotation") {
    // Each pair of marks holds one word and no one says it.
    for (const char* mark : {"\"", "“", "'", "‘", "«", "„"}) {
      std::string text;
      for (int i = 0; i < 10000; ++i) text += std::string(mark) + " word ";
      CHECK_MESSAGE(Quotes(text).empty(), mark);
    }
  }
  SUBCASE("unmatched marks, one paragraph each") {
    std::string text;
    for (int i = 0; i < 10000; ++i) text += "“a b c\n\n";
    CHECK(Quotes(text).empty());
  }
}

}  // namespace
}  // namespace newsfacts
