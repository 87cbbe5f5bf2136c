// The quotes extractor's steps on their own (marks, split quotations, names, asides,
// head nouns), and the English words they read coming from the rule file.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/coref.h"
#include "extract/extract.h"
#include "extract/quotes_attribution.h"
#include "extract/quotes_fragments.h"
#include "extract/quotes_marks.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::QuoteRules;

rules::RuleSet QuotesWith(const std::string& from, const std::string& to) {
  return test::ShippedRulesWith("quotes.toml", from, to);
}

// The text of [range.first, range.second).
std::string Text(const std::string& text, std::pair<size_t, size_t> range) {
  return text.substr(range.first, range.second - range.first);
}

TEST_CASE("quote steps: marks make quotations, one part per paragraph") {
  const std::string text =
      "He said “we stay” and left. “Unclosed at the end\n"
      "Next line. “First paragraph\n\n“second paragraph.”";
  const std::vector<quotes::RawQuote> got = quotes::FindQuotations(text, QuoteRules());
  // The unclosed one is dropped; the last runs over two paragraphs.
  REQUIRE(got.size() == 2);
  REQUIRE(got[0].parts.size() == 1);
  CHECK(Text(text, got[0].parts[0]) == "we stay");
  CHECK(got[0].open == text.find("“we"));
  CHECK(got[0].close_end == text.find(" and left"));
  CHECK(got[0].mark_rule->id == "quotes.marks.curly_double");
  REQUIRE(got[1].parts.size() == 2);
  CHECK(Text(text, got[1].parts[0]) == "First paragraph");
  CHECK(Text(text, got[1].parts[1]) == "second paragraph.");
  CHECK(got[1].close_end == text.size());
}

TEST_CASE("quote steps: a quotation split by its attribution is joined") {
  const std::string text = "“We counted twice,” Ruiz said. “Nobody disputes it.” “Next.” She left.";
  const quotes::Roles roles(QuoteRules());
  const std::vector<quotes::RawQuote> joined = quotes::JoinSplitQuotations(
      text, QuoteRules(), roles, quotes::FindQuotations(text, QuoteRules()));
  // The first two pieces are one quotation; "Next." follows a joined one and stays apart.
  REQUIRE(joined.size() == 2);
  REQUIRE(joined[0].parts.size() == 2);
  CHECK(Text(text, joined[0].parts[1]) == "Nobody disputes it.");
  REQUIRE(joined[0].gap_attribution.has_value());
  CHECK(joined[0].gap_attribution->Group("speaker") == "Ruiz");
  CHECK(joined[1].parts.size() == 1);
  const std::optional<rules::Match> att =
      quotes::FindAttribution(text, roles, joined[0], /*partial=*/false);
  REQUIRE(att.has_value());
  CHECK(att->Group("cue") == "said");
}

TEST_CASE("quote steps: partial quotations and title case") {
  const rules::Lexicon* cues = QuoteRules().lexicon("cue");
  const std::string called = "He called it “a disgrace”.";
  CHECK(quotes::FollowsWord(called, called.find("“"), cues));
  const std::string said = "He said “we will”.";
  CHECK_FALSE(quotes::FollowsWord(said, said.find("“"), cues));
  const std::string colon = "He said: “we will”.";
  CHECK_FALSE(quotes::FollowsWord(colon, colon.find("“"), cues));
  const rules::Lexicon* small = QuoteRules().lexicon("small_word");
  CHECK(quotes::IsTitleCase("Meet the Nation", small));
  CHECK_FALSE(quotes::IsTitleCase("meet the Nation", small));
  CHECK_FALSE(quotes::IsTitleCase("Meet these Nations", small));
}

TEST_CASE("quote steps: a name narrowed to the person") {
  const coref::Lexicons lex(QuoteRules());
  auto narrow = [&](const std::string& phrase) {
    return Text(phrase, coref::NarrowName(phrase, 0, phrase.size(), lex));
  };
  CHECK(narrow("Analyst Rebecca Lindquist of the Center for Automotive Research") ==
        "Rebecca Lindquist");
  CHECK(narrow("U.S. District Judge Ana Ruiz") == "Ana Ruiz");
  CHECK(narrow("Minister Ahmed al-Rashidi Khan") == "Ahmed al-Rashidi Khan");
  CHECK(narrow("one official") == "one official");
}

TEST_CASE("quote steps: asides after a name and head nouns of roles") {
  const coref::Lexicons lex(QuoteRules());
  const std::string maker = "Carrier Dynamics, the air conditioner maker, said";
  const std::vector<std::string_view> aside = coref::AsideAfter(maker, maker.find(','), lex);
  CHECK(aside == std::vector<std::string_view>{"the", "air", "conditioner", "maker"});
  const std::string mother = "Ana Ruiz, the mother of one victim, said";
  CHECK(coref::AsideAfter(mother, mother.find(','), lex) ==
        std::vector<std::string_view>{"the", "mother"});
  const std::string who = "Ana Ruiz, who leads the port, said";
  CHECK(coref::AsideAfter(who, who.find(','), lex).empty());
  CHECK(coref::HeadWord(people::SplitWords("the former secretary of state"), lex) == "secretary");
  CHECK(coref::HeadWord(people::SplitWords("the spokesman"), lex) == "spokesman");
}

TEST_CASE("quote steps: the English words are the rule file's") {
  const std::string text = "“Three ships left before dawn,” according to the Gulf Daily.";
  SUBCASE("the article dropped from an outlet's name") {
    std::vector<Quote> got;
    ExtractQuotes(text, QuoteRules(), {}, &got);
    REQUIRE(got.size() == 1);
    CHECK(got[0].via == std::optional<std::string>("Gulf Daily"));
    const rules::RuleSet set = QuotesWith(R"(forms = ["the", "The"])", R"(forms = ["el", "El"])");
    got.clear();
    ExtractQuotes(text, set, {}, &got);
    REQUIRE(got.size() == 1);
    CHECK(got[0].via == std::optional<std::string>("the Gulf Daily"));
  }
  SUBCASE("the pronouns a sentence may open with") {
    // "Ella" stands for a woman once `pronoun_word` says so. (The sentence opens its
    // paragraph: a sentence found after another's full stop starts at the space.)
    const std::string story =
        "Maria Lopez spoke for an hour.\nElla thanked the crowd. “We are not done.”";
    std::vector<Quote> shipped;
    ExtractQuotes(story, QuoteRules(), {}, &shipped);
    REQUIRE(shipped.size() == 1);
    CHECK_FALSE(shipped[0].speaker.has_value());
    const rules::RuleSet set = QuotesWith(R"(include = ["lexicons/pronouns.toml"])",
                                          R"(include = ["lexicons/pronouns.toml"]
  [[lexicon.pronoun_word.entry]]
  forms = ["ella"]
  person = true
  gender = "f"
  speaker = "f")");
    std::vector<Quote> got;
    ExtractQuotes(story, set, {}, &got);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == std::optional<std::string>("Maria Lopez"));
  }
}

}  // namespace
}  // namespace newsfacts
