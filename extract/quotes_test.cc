#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/test_rules.h"

namespace newsfacts {
namespace {

using test::At;
using test::QuoteRules;
using test::Quotes;

TEST_CASE("quotes: the shipped rule file loads and its examples pass") {
  CHECK(QuoteRules().id() == "quotes");
  CHECK(QuoteRules().RunExamples().empty());
}

TEST_CASE("quotes: speaker after the quotation, resolved to an official") {
  const std::string text =
      "Mexican Navy Secretary Rafael Ojeda toured the port.\n\n"
      "“We inspected every container on the dock,” Ojeda said.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  const Quote& q = got[0];
  CHECK(q.text == "We inspected every container on the dock,");
  CHECK(q.span == At(text, "We inspected every container on the dock,"));
  REQUIRE(q.parts.size() == 1);
  CHECK(q.parts[0] == q.span);
  CHECK(q.speaker == std::optional<std::string>("Rafael Ojeda"));
  CHECK(q.speaker_span == std::optional<Span>(At(text, "Ojeda", 1)));
  CHECK(q.cue == std::optional<std::string>("said"));
  CHECK_FALSE(q.via.has_value());
  CHECK_FALSE(q.partial);
  CHECK(q.rule == "quotes.after.speaker_cue");
  CHECK(q.ruleset_version == QuoteRules().version());
}

TEST_CASE("quotes: a pronoun speaker and the outlet that quoted it") {
  const std::string text =
      "Governor Alma Reyes visited the crossing.\n\n"
      "\"Our officers found the tunnel in two days,\" she is quoted by the Border Ledger.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == std::optional<std::string>("Alma Reyes"));
  CHECK(got[0].speaker_span == std::optional<Span>(At(text, "she")));
  CHECK(got[0].cue == std::optional<std::string>("is quoted by"));
  CHECK(got[0].via == std::optional<std::string>("Border Ledger"));
}

TEST_CASE("quotes: an honorific speaker is the official") {
  const std::string text =
      "Senator Paul Reyes arrived late.\n\n“The count was finished on time,” Mr. Reyes said.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == std::optional<std::string>("Paul Reyes"));
  CHECK(got[0].speaker_span == std::optional<Span>(At(text, "Mr. Reyes")));
}

TEST_CASE("quotes: a speaker who is not an official is named as written") {
  const std::string text =
      "“The river rose faster than we planned for,” said Carmen Ibarra, a farmer.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == std::optional<std::string>("Carmen Ibarra"));
  CHECK(got[0].cue == std::optional<std::string>("said"));
  CHECK(got[0].rule == "quotes.after.cue_speaker");
}

TEST_CASE("quotes: speaker before the quotation; told + outlet or not") {
  SUBCASE("told reporters: no outlet") {
    const std::string text = "Carlos Ruiz told reporters: “The shipment was never registered.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == std::optional<std::string>("Carlos Ruiz"));
    CHECK(got[0].cue == std::optional<std::string>("told"));
    CHECK_FALSE(got[0].via.has_value());
  }
  SUBCASE("told an outlet") {
    const std::string text = "Carlos Ruiz told Reuters, “The shipment was never registered.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].via == std::optional<std::string>("Reuters"));
  }
  SUBCASE("a colon at the end of the previous paragraph") {
    const std::string text = "Carlos Ruiz wrote:\n\n“The shipment was never registered.”";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == std::optional<std::string>("Carlos Ruiz"));
    CHECK(got[0].cue == std::optional<std::string>("wrote"));
  }
}

TEST_CASE("quotes: according to an outlet, a document or a person") {
  SUBCASE("outlet") {
    const auto got = Quotes("“Three ships left before dawn,” according to the Gulf Daily.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].cue == std::optional<std::string>("according to"));
    CHECK(got[0].via == std::optional<std::string>("Gulf Daily"));
    CHECK_FALSE(got[0].speaker.has_value());
  }
  SUBCASE("person") {
    const auto got = Quotes("“Three ships left before dawn,” according to Lidia Campos.");
    REQUIRE(got.size() == 1);
    CHECK(got[0].speaker == std::optional<std::string>("Lidia Campos"));
    CHECK_FALSE(got[0].via.has_value());
  }
}

TEST_CASE("quotes: in an interview with an outlet") {
  const std::string text =
      "In an interview with Radio Norte, Mayor Elena Castro said: “The water plant opens in May.”";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  CHECK(got[0].speaker == std::optional<std::string>("Elena Castro"));
  CHECK(got[0].via == std::optional<std::string>("Radio Norte"));
}

TEST_CASE("quotes: a quotation split by 'he said' is one entry") {
  const std::string text =
      "Senator Paul Reyes spoke briefly. “We counted the trucks twice,” he said. "
      "“Nobody disputes the total.”";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  const Quote& q = got[0];
  REQUIRE(q.parts.size() == 2);
  CHECK(q.parts[0] == At(text, "We counted the trucks twice,"));
  CHECK(q.parts[1] == At(text, "Nobody disputes the total."));
  CHECK(q.span.start == q.parts[0].start);
  CHECK(q.span.end == q.parts[1].end);
  CHECK(q.text == "We counted the trucks twice, Nobody disputes the total.");
  CHECK(q.speaker == std::optional<std::string>("Paul Reyes"));
  const Span he_said = At(text, "he said");
  CHECK(q.speaker_span == std::optional<Span>(Span{he_said.start, he_said.start + 2}));
}

TEST_CASE("quotes: two speakers are two entries") {
  const std::string text =
      "“We counted the trucks twice,” Ana Ruiz said. “Nobody disputes the total,” Luis Soto said.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 2);
  CHECK(got[0].speaker == std::optional<std::string>("Ana Ruiz"));
  CHECK(got[1].speaker == std::optional<std::string>("Luis Soto"));
}

TEST_CASE("quotes: a quotation over several paragraphs is one entry") {
  const std::string text =
      "Mayor Elena Castro read a statement.\n\n"
      "“The first stage of the plant is finished.\n\n"
      "“The second stage starts next year,” Castro said.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 1);
  REQUIRE(got[0].parts.size() == 2);
  CHECK(got[0].parts[0] == At(text, "The first stage of the plant is finished."));
  CHECK(got[0].parts[1] == At(text, "The second stage starts next year,"));
  CHECK(got[0].speaker == std::optional<std::string>("Elena Castro"));
}

TEST_CASE("quotes: apostrophes, single marks, scare quotes and fragments") {
  SUBCASE("apostrophes are not quotations") {
    CHECK(Quotes("That’s Mexico’s plan, and the officers’ view.").empty());
  }
  SUBCASE("single curly marks around speech") {
    const std::string text = "Lidia Campos said ‘we won’t sign it this year’ and left.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "we won’t sign it this year");
  }
  SUBCASE("one or two words are scare quotes, not quotations") {
    CHECK(Quotes("The so-called “border tax” was dropped, and the \"deal\" too.").empty());
  }
  SUBCASE("a fragment inside reported speech is partial") {
    const std::string text =
        "Mayor Elena Castro called the plan “a very costly mistake” on Monday.";
    const auto got = Quotes(text);
    REQUIRE(got.size() == 1);
    CHECK(got[0].partial);
    CHECK(got[0].text == "a very costly mistake");
    CHECK(got[0].speaker == std::optional<std::string>("Elena Castro"));
    CHECK(got[0].cue == std::optional<std::string>("called"));
  }
  SUBCASE("an unclosed mark is dropped") {
    CHECK(Quotes("He measured 6\" boards and then \"left the site early without").empty());
  }
}

TEST_CASE("quotes: a pronoun prefers the latest named speaker") {
  const std::string text =
      "Governor Alma Reyes spoke first. “The plan is ready for the vote,” said Carmen Ibarra. "
      "“We start in June, not before then,” she added.";
  const auto got = Quotes(text);
  REQUIRE(got.size() == 2);
  CHECK(got[1].speaker == std::optional<std::string>("Carmen Ibarra"));
}

// Whatever the input, every quote has words, and its parts and speaker lie inside its text,
// the parts inside the quote and in order.
void CheckWellFormed(const std::string& text, const std::vector<Quote>& found) {
  const auto size = static_cast<int64_t>(text.size());
  for (const Quote& q : found) {
    CHECK_FALSE(q.text.empty());
    CHECK(q.span.start < q.span.end);
    CHECK(q.span.end <= size);
    for (size_t i = 0; i < q.parts.size(); ++i) {
      CHECK(q.span.start <= q.parts[i].start);
      CHECK(q.parts[i].end <= q.span.end);
      if (i > 0) CHECK(q.parts[i - 1].end <= q.parts[i].start);
    }
    if (q.speaker_span) {
      CHECK(q.speaker_span->start < q.speaker_span->end);
      CHECK(q.speaker_span->end <= size);
    }
  }
}

TEST_CASE("quotes: hostile input gives well-formed quotes") {
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk += "“\" ‘’ he said \xE2\x80 \xFF\n\n";
  // Marks that open and never close, or close on nothing: no quotation.
  CHECK(Quotes(junk).empty());
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "\"a b c\" said Xena. ";
  const std::vector<Quote> quotes = Quotes(many);
  CheckWellFormed(many, quotes);
  // Each "a b c" is a quote of its own (attributed: the same words quoted again with no
  // one credited would be a slogan).
  CHECK(quotes.size() == 2000);
  // Unattributed, the repeated words are dropped, however many there are.
  std::string slogans;
  for (int i = 0; i < 2000; ++i) slogans += "\"a b c\" and X. ";
  CHECK(Quotes(slogans).empty());
  CHECK(Quotes("").empty());
  CHECK(Quotes("“").empty());
}

}  // namespace
}  // namespace newsfacts
