// The coreference pass as the officials and quotes extractors read it together: one
// antecedent per pronoun, the same for an official's mentions and a quotation's speaker.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::At;

struct Both {
  std::vector<Official> officials;
  std::vector<Quote> quotes;
};

Both OfficialsAndQuotes(const std::string& text) {
  Both out;
  ExtractOfficialsAndQuotes(text, test::OfficialRules(), test::QuoteRules(), &out.officials,
                            &out.quotes);
  return out;
}

const Official& Named(const Both& got, const std::string& name) {
  auto it = std::find_if(got.officials.begin(), got.officials.end(),
                         [&](const Official& o) { return o.name == name; });
  REQUIRE_MESSAGE(it != got.officials.end(), name);
  return *it;
}

// The span of `word` where it opens the first occurrence of `context` in text.
Span WordIn(const std::string& text, const std::string& context, const std::string& word) {
  const Span at = At(text, context);
  REQUIRE(context.compare(0, word.size(), word) == 0);
  return {at.start, at.start + static_cast<int64_t>(word.size())};
}

bool Mentions(const Official& o, const Span& span) {
  return std::find(o.mentions.begin(), o.mentions.end(), span) != o.mentions.end();
}

TEST_CASE("coreference: a pronoun's antecedent is the same for mentions and speakers") {
  const std::string text =
      "Governor Ana Ortega met Senator Paul Reyes on Monday. “We will win this fight,” she "
      "said.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.officials.size() == 2);
  REQUIRE(got.quotes.size() == 1);
  CHECK(got.quotes[0].speaker == "Ana Ortega");
  const Span she = WordIn(text, "she said", "she");
  CHECK(Mentions(Named(got, "Ana Ortega"), she));
  CHECK_FALSE(Mentions(Named(got, "Paul Reyes"), she));
}

TEST_CASE("coreference: a speaker resolved to an official is that official's mention") {
  // Two senators: the officials extractor alone cannot tell whom "the senator" is; the
  // quotation's speaker, the senator mentioned last, is, and the mention follows it.
  const std::string text =
      "Senator Elaine Marsh questioned Senator Tom Carver about the budget on Monday.\n\n"
      "“Then show us where the waste is,” the senator said.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.quotes.size() == 1);
  REQUIRE(got.quotes[0].speaker.has_value());
  const std::string speaker = *got.quotes[0].speaker;
  const Span the_senator = At(text, "the senator");
  CHECK(Mentions(Named(got, speaker), the_senator));
  const std::string other = speaker == "Tom Carver" ? "Elaine Marsh" : "Tom Carver";
  CHECK_FALSE(Mentions(Named(got, other), the_senator));
}

TEST_CASE("coreference: a pronoun that stands for a person without a title is nobody's mention") {
  // "She" is the nurse, the last woman named; the governor is an official, the nurse not.
  const std::string text =
      "Governor Ana Ortega thanked the volunteers. Later, nurse Maria Lopez spoke to "
      "reporters. She said the clinic was full.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.officials.size() == 1);
  CHECK_FALSE(Mentions(got.officials[0], At(text, "She")));
}

TEST_CASE("coreference: a pronoun's form inside a name is no pronoun") {
  // "He" of "He Jianxiong" is a family name, not a mention of the minister.
  const std::string text =
      "Commerce Minister Zhong Shan spoke first. Then the economist He Jianxiong replied.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.officials.size() == 1);
  CHECK_FALSE(Mentions(got.officials[0], WordIn(text, "He Jianxiong", "He")));
}

TEST_CASE("coreference: a possessive opening a sentence is not its subject") {
  // "His" is Benning's, but the sentence's subject is Mendez, whom "he" then stands for.
  const std::string text =
      "Senator Harold Benning attacked the cast on Sunday.\n\n"
      "His running mate, Gov. Carl Mendez of Indiana, took a softer line. Asked about it, he "
      "told reporters he “was not offended at all.”";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.quotes.size() == 1);
  CHECK(got.quotes[0].speaker == "Carl Mendez");
  CHECK(Mentions(Named(got, "Harold Benning"), At(text, "His")));
  CHECK(Mentions(Named(got, "Carl Mendez"), WordIn(text, "he told", "he")));
}

TEST_CASE("coreference: pronouns in quotations are no mentions, and each is read once") {
  const std::string text =
      "Mayor Elena Castro spoke. “He is wrong,” she said of the plan. She left early.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.officials.size() == 1);
  const Official& castro = got.officials[0];
  CHECK_FALSE(Mentions(castro, At(text, "He")));
  CHECK(Mentions(castro, WordIn(text, "she said", "she")));
  CHECK(Mentions(castro, At(text, "She")));
  // Every mention once, in text order.
  CHECK(std::is_sorted(castro.mentions.begin(), castro.mentions.end(),
                       [](const Span& a, const Span& b) { return a.start < b.start; }));
  CHECK(std::adjacent_find(castro.mentions.begin(), castro.mentions.end()) ==
        castro.mentions.end());
}

TEST_CASE("coreference: the officials extractor alone runs the pass over its own lexicons") {
  const std::string text = "Senator Paul Reyes met Governor Ana Ortega. Then she spoke.";
  const std::vector<Official> got = test::Officials(text);
  REQUIRE(got.size() == 2);
  CHECK(got[1].name == "Ana Ortega");
  CHECK(got[1].mentions.back() == WordIn(text, "she spoke", "she"));
  CHECK_FALSE(Mentions(got[0], WordIn(text, "she spoke", "she")));
}

TEST_CASE("coreference: a first name used alone is the one person of that first name") {
  const std::string one =
      "The novelist's brother, Dale Ford, runs a bakery. “He wrote every night,” Dale said.";
  const Both got = OfficialsAndQuotes(one);
  REQUIRE(got.quotes.size() == 1);
  CHECK(got.quotes[0].speaker == "Dale Ford");
  // Two people named Dale: the first name alone stays as written.
  const std::string two =
      "Dale Ford met Dale Rivers at the bakery. “He wrote every night,” Dale said.";
  const Both both = OfficialsAndQuotes(two);
  REQUIRE(both.quotes.size() == 1);
  CHECK(both.quotes[0].speaker == "Dale");
}

TEST_CASE("coreference: an acronym is the organisation spelled out before it") {
  const std::string text =
      "The Drug Enforcement Administration (DEA) released its yearly report.\n\n"
      "“Seizures rose again,” the DEA said. “Seizures rose again in May,” DEA said.";
  const Both got = OfficialsAndQuotes(text);
  REQUIRE(got.quotes.size() == 2);
  CHECK(got.quotes[1].speaker == "Drug Enforcement Administration");
  // Never spelled out: as written.
  const Both bare = OfficialsAndQuotes("“Seizures rose again,” DEA said.");
  REQUIRE(bare.quotes.size() == 1);
  CHECK(bare.quotes[0].speaker == "DEA");
}

}  // namespace
}  // namespace newsfacts
