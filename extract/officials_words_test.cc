// The English words the officials extractor reads come from rules/officials.toml: the
// words after a title's head noun (`title_link`) and after a title alone that give the
// office to another body (`owner_link`).

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::Officials;

rules::RuleSet OfficialsWith(const std::string& from, const std::string& to) {
  return test::ShippedRulesWith("officials.toml", from, to);
}

std::vector<Official> OfficialsBy(const rules::RuleSet& set, const std::string& text) {
  std::vector<Official> out;
  ExtractOfficials(text, set, &out);
  return out;
}

TEST_CASE("officials: the president of something else, by the owner_link words") {
  const std::string text = "President Ana Ruiz arrived. The president of the club stayed home.";
  const std::vector<Official> shipped = Officials(text);
  REQUIRE(shipped.size() == 1);
  CHECK(shipped[0].mentions.size() == 1);
  // Without "of" among them, "The president" is a second mention of Ruiz.
  const rules::RuleSet set = OfficialsWith("[[lexicon.owner_link.entry]]\n  forms = [\"of\"]",
                                           "[[lexicon.owner_link.entry]]\n  forms = [\"de\"]");
  const std::vector<Official> got = OfficialsBy(set, text);
  REQUIRE(got.size() == 1);
  REQUIRE(got[0].mentions.size() == 2);
  CHECK(got[0].mentions[1] == test::At(text, "The president"));
}

TEST_CASE("officials: a title's head noun, by the title_link words") {
  const std::string text = "Secretary of State Ana Ruiz arrived. The secretary spoke first.";
  const std::vector<Official> shipped = Officials(text);
  REQUIRE(shipped.size() == 1);
  CHECK(shipped[0].title == "Secretary of State");
  REQUIRE(shipped[0].mentions.size() == 2);
  CHECK(shipped[0].mentions[1] == test::At(text, "The secretary"));
  // Without "of" among them, the head of "Secretary of State" is "state".
  const rules::RuleSet set =
      OfficialsWith("[[lexicon.title_link.entry]]\n  forms = [\"of\", \"for\", \"to\"]",
                    "[[lexicon.title_link.entry]]\n  forms = [\"for\", \"to\"]");
  const std::vector<Official> got = OfficialsBy(set, text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].mentions.size() == 1);
}

}  // namespace
}  // namespace newsfacts
