// Main-text decisions on pages of our own: one fixture or snippet per pattern the
// scorer and the line rules must handle.
#include "normalise/main_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "normalise/boilerplate_words.h"
#include "normalise/normalise.h"
#include "normalise/words.h"

namespace newsfacts {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(NEWSFACTS_SOURCE_DIR) + "/normalise/testdata/" + name,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Document Normalise(const std::string& bytes, const NormaliseOptions& options = {}) {
  Result<Document> r = NormaliseHtml(bytes, options);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

TEST_CASE("text written straight into a <div> between <br>s is the body") {
  Document d = Normalise(Fixture("text_in_div_with_breaks.html"));
  CHECK(d.text ==
        "Dredgers working in the outer harbour finished their job nine days ahead of plan, "
        "the port authority said on Monday, after removing about 410,000 cubic metres of "
        "silt.\n\n"
        "The channel now has a depth of 14 metres at low tide, enough for the largest "
        "container ships that call at the port, according to the harbour master.\n\n"
        "Shipping lines had asked for the deeper channel for years, and two of them have "
        "already said they will add weekly calls from May.");
}

TEST_CASE("a story split into blocks of the same kind keeps every block") {
  Document d = Normalise(Fixture("story_split_blocks.html"));
  CHECK(d.text ==
        "Two tide gauges sit less than a kilometre apart in the bay, yet for three winters "
        "their readings have drifted apart by as much as 11 centimetres.\n\n"
        "Engineers first blamed the older gauge, which was installed in 1978, but a "
        "replacement sensor showed the same gap within a month.\n\n"
        "A survey in the spring found that the pier under the northern gauge is sinking by "
        "about 4 millimetres a year, slowly, as the fill beneath it settles.\n\n"
        "The port will now correct the northern readings with satellite positioning data, a "
        "method that other harbours already use.");
  REQUIRE(d.captions.size() == 1);
  CHECK(d.captions[0] == "The northern gauge on its concrete pier.");
}

TEST_CASE("of several <article>s, the one with the headline is the story") {
  Document d = Normalise(Fixture("several_articles.html"));
  CHECK(d.text ==
        "The last resident keeper of the island light handed over the keys on Saturday, "
        "after 31 years of winding the clockwork and logging the weather.\n\n"
        "The light itself was automated in 2009, but she stayed on to look after the "
        "building and its small museum.");
}

TEST_CASE("promotions, stamps and sign-offs inside the story are dropped") {
  Document d = Normalise(Fixture("promotions_inside_story.html"));
  CHECK(d.text ==
        "PORTSMOUTH (Harbour Wire) - Ferry fares on the island routes will rise by 6 percent "
        "from April, the operator said on Friday, blaming fuel and crew costs.\n\n"
        "The operator said season tickets for islanders would rise by only 2 percent, and "
        "that it would keep the late sailing on weekdays.\n\n"
        "Our fares from April are now on the website, with the islander discount "
        "unchanged.\n\n"
        "Passenger groups said the rise was steeper than inflation and asked the council to "
        "review the operator's contract.");
}

TEST_CASE("a summary paragraph beside the body is kept") {
  Document d = Normalise(
      "<html><body><div class=\"page\"><h1>Quay wall repaired</h1>"
      "<div class=\"summary\">Repairs to the old quay wall are finished, three weeks late "
      "and slightly over budget, the council said.</div>"
      "<div class=\"text\"><p>Masons replaced about 900 stones in the wall, which dates from "
      "1860, and sealed the joints against the spring tides.</p>"
      "<p>The council said the delay came from a shortage of the local granite, which had "
      "to be cut to match the original blocks.</p></div></div></body></html>");
  CHECK(d.text ==
        "Repairs to the old quay wall are finished, three weeks late and slightly over budget, "
        "the council said.\n\n"
        "Masons replaced about 900 stones in the wall, which dates from 1860, and sealed the "
        "joints against the spring tides.\n\n"
        "The council said the delay came from a shortage of the local granite, which had to "
        "be cut to match the original blocks.");
}

TEST_CASE("captions named by class are kept apart, even outside <figure>") {
  Document d = Normalise(
      "<html><body class=\"has-captions-on\"><div class=\"story\">"
      "<p>The new pilot boat arrived on Tuesday, after a four-day delivery trip from the "
      "yard, and it will start work next month.</p>"
      "<div class=\"image-embed\"><img src=\"boat.jpg\" alt=\"\">"
      "<div class=\"image-embed-caption\">The pilot boat at the fuel berth.</div>"
      "<div class=\"image-embed-credit\">Harbour Wire</div></div>"
      "<p>It replaces a boat that served the port for 28 years, the pilots said, and it "
      "is twice as fast in a head sea.</p></div></body></html>");
  CHECK(d.text ==
        "The new pilot boat arrived on Tuesday, after a four-day delivery trip from the yard, "
        "and it will start work next month.\n\n"
        "It replaces a boat that served the port for 28 years, the pilots said, and it is "
        "twice as fast in a head sea.");
  REQUIRE(d.captions.size() == 2);
  CHECK(d.captions[0] == "The pilot boat at the fuel berth.");
  CHECK(d.captions[1] == "Harbour Wire");
}

TEST_CASE("a well-named page wrapper does not beat the story block") {
  Document d = Normalise(
      "<html><body><div id=\"main\" class=\"main-content\">"
      "<div class=\"promo-strip\"><p>Tickets for the harbour festival, on sale now, from "
      "the box office, at the usual prices, while stocks last.</p></div>"
      "<div class=\"text-block\"><p>The harbour festival will run for three days in July, "
      "the organisers said, with tall ships, a regatta and a night market.</p>"
      "<p>They expect about 40,000 visitors, a record, and have asked the rail company for "
      "extra trains.</p></div></div></body></html>");
  CHECK(d.text ==
        "The harbour festival will run for three days in July, the organisers said, with tall "
        "ships, a regatta and a night market.\n\n"
        "They expect about 40,000 visitors, a record, and have asked the rail company for "
        "extra trains.");
}

TEST_CASE("a page's own address printed as a paragraph is dropped") {
  NormaliseOptions options;
  options.url = "https://www.example.net/news/tide-tables";
  Document d = Normalise(
      "<article><p>The tide tables for the coming year are now printed, the harbour office "
      "said, and copies are free at the desk.</p>"
      "<p>https://www.example.net/news/tide-tables</p>"
      "<p>https://other.example.com/tables.pdf</p></article>",
      options);
  CHECK(d.text ==
        "The tide tables for the coming year are now printed, the harbour office said, and "
        "copies are free at the desk.\n\nhttps://other.example.com/tables.pdf");
}

TEST_CASE("promotion lines") {
  using normalise_internal::IsPromoLine;
  CHECK(IsPromoLine("DON'T MISS: Ten quiet beaches to visit this spring"));
  CHECK(IsPromoLine("CLICK HERE TO GET THE HARBOUR WIRE APP"));
  CHECK(IsPromoLine("Sign up for our free morning newsletter, delivered to your inbox."));
  CHECK(IsPromoLine("Ana Ruiz may be reached at aruiz@example.org."));
  CHECK(IsPromoLine("Reporters Tom Hale and Ana Ruiz contributed to this report."));
  CHECK(IsPromoLine("Follow us on Twitter and Facebook."));
  CHECK(IsPromoLine("Email Tom Hale at thale@example.org or follow him @tomhale."));
  CHECK(IsPromoLine("Copyright 2024 Harbour Wire. All rights reserved."));
  CHECK(IsPromoLine("© 2024 Harbour Wire"));
  CHECK(IsPromoLine("Storm closes the bridge [VIDEO] | Ferry cancelled [PICTURES]"));
  CHECK(IsPromoLine("Tags: ferries, fares, islands"));
  CHECK(IsPromoLine("(Reporting by Ana Ruiz; Editing by Tom Hale)"));
  CHECK(IsPromoLine("Additional reporting by Tom Hale"));
  CHECK(IsPromoLine("Photo by Lena Ortiz/Getty Images"));
  CHECK(IsPromoLine("Lena Ortiz/Harbour Wire/Getty Images"));
  CHECK(IsPromoLine("Reading time: 3 minutes"));
  CHECK(IsPromoLine("Related coverage: Ferries"));
  // Story sentences that share words with the pitches.
  CHECK_FALSE(IsPromoLine("The photo was taken by a tourist on the pier."));
  CHECK_FALSE(IsPromoLine("Getty Images bought the archive in 2019, the company said."));
  CHECK_FALSE(IsPromoLine("More than 300 people signed the petition on Monday."));
  CHECK_FALSE(
      IsPromoLine("The newsletter, which the council sends to every home, lists "
                  "the new fares."));
  CHECK_FALSE(IsPromoLine("She said she would follow the ruling closely."));
  CHECK_FALSE(IsPromoLine("WASHINGTON (Reuters) - The Senate voted 52-48 on Tuesday."));
}

TEST_CASE("posting lines") {
  using normalise_internal::IsStockLine;
  CHECK(IsStockLine("05/10/2018 - Posted by: Ana Ruiz - Category: Ports - Tags: ferries"));
  CHECK(IsStockLine("Publicado por Ana Ruiz em 2018"));
  CHECK_FALSE(IsStockLine("This article was first published by the Harbour Wire."));
}

TEST_CASE("date lines") {
  using normalise_internal::IsDateLine;
  CHECK(IsDateLine("Wednesday 20 November 2019 9:22 am"));
  CHECK(IsDateLine("18 Nov 2019, 19:09"));
  CHECK(IsDateLine("2019-11-20 14:35:08"));
  CHECK(IsDateLine("November 18, 2019"));
  CHECK(IsDateLine("segunda-feira, 22 de janeiro de 2018 às 0:13"));
  CHECK(IsDateLine("11/19/2019 by Ana Ruiz"));
  CHECK(IsDateLine("Mittwoch, 20. Oktober 2019"));
  CHECK(IsDateLine("mercredi 20 février 2019"));
  CHECK(IsDateLine("martes, 5 de marzo de 2019"));
  CHECK(IsDateLine("giovedì 7 marzo 2019"));
  // The French and Italian November.
  CHECK(IsDateLine("mercredi 20 novembre 2019"));
  CHECK(IsDateLine("mercoledì 20 novembre 2019"));
  // A bare clock time heads entries in live coverage; sentences with years are text.
  CHECK_FALSE(IsDateLine("4:14 p.m."));
  CHECK_FALSE(IsDateLine("The bridge opened in 1978."));
  CHECK_FALSE(IsDateLine("Tokyo 2020"));
  CHECK_FALSE(IsDateLine("the ferry left at 9:15 and arrived late"));
}

TEST_CASE("date words are written as IsDateLine compares them: lower case") {
  auto has_capital = [](std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  for (std::string_view w : normalise_internal::kDateWords) CHECK_MESSAGE(!has_capital(w), w);
  for (std::string_view w : normalise_internal::kDateJoiners) CHECK_MESSAGE(!has_capital(w), w);
}

TEST_CASE("boilerplate names are written as they are compared: lower case ASCII words") {
  using namespace normalise_internal;
  std::vector<std::string_view> all;
  auto add = [&all](const auto& list) { all.insert(all.end(), std::begin(list), std::end(list)); };
  add(kBoilerplateWords);
  add(kBoilerplateRoots);
  add(kEmbedWords);
  add(kEmbedSocialWords);
  add(kNonContentRoles);
  add(kStoryNames);
  add(kFurnitureNames);
  add(kCaptionNames);
  add(kFigureCaptionNames);
  for (const auto& [first, second] : kBoilerplateWordPairs) {
    all.push_back(first);
    all.push_back(second);
  }
  for (std::string_view w : all) {
    const bool lower_word = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    CHECK_MESSAGE(lower_word, w);
  }
}

TEST_CASE("a quoted social post inside the story stays") {
  using normalise_internal::IsBoilerplateName;
  CHECK_FALSE(IsBoilerplateName("social-media-embed"));
  CHECK_FALSE(IsBoilerplateName("twitter-tweet"));
  CHECK(IsBoilerplateName("social-share"));
  CHECK(IsBoilerplateName("cta-letter"));
}

}  // namespace
}  // namespace newsfacts

namespace newsfacts {
namespace {

TEST_CASE("a press release's \"About <company>\" sections are not article text") {
  CHECK(normalise_internal::IsAboutHeading("About Ascom"));
  CHECK(normalise_internal::IsAboutHeading("About GE Healthcare:"));
  CHECK(normalise_internal::IsAboutHeading("ABOUT THE HARBOUR GROUP"));
  CHECK_FALSE(normalise_internal::IsAboutHeading("About the survey"));
  CHECK_FALSE(normalise_internal::IsAboutHeading("About 300 people attended the meeting."));

  Document d = Normalise(
      "<html><body><article><h1>Lagoon Ports opens a cold-storage terminal</h1>"
      "<p>Lagoon Ports said on Tuesday it had opened a cold-storage terminal at its southern "
      "quay, with room for 2,400 refrigerated containers.</p>"
      "<p>The terminal cost 38 million euros and will employ 120 people, the company said.</p>"
      "<p>About the survey</p><p>The figures come from the port's own count of containers "
      "handled in the first quarter.</p>"
      "<h3>About Lagoon Ports</h3><p>Lagoon Ports runs four harbours on the coast and employs "
      "2,000 people.</p><h3>About Polar Freight</h3><p>Polar Freight is a carrier of chilled "
      "goods.</p></article></body></html>");
  CHECK(d.text ==
        "Lagoon Ports said on Tuesday it had opened a cold-storage terminal at its southern "
        "quay, with room for 2,400 refrigerated containers.\n\nThe terminal cost 38 million "
        "euros and will employ 120 people, the company said.\n\nAbout the survey\n\nThe figures "
        "come from the port's own count of containers handled in the first quarter.");
}

}  // namespace
}  // namespace newsfacts
