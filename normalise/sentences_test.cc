// Sentence boundaries.
#include "normalise/sentences.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "normalise/normalise.h"

namespace newsfacts {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [b, e] : normalise_internal::SplitSentences(text)) {
    out.push_back(text.substr(b, e - b));
  }
  return out;
}

TEST_CASE("abbreviations do not end sentences") {
  CHECK(Sentences("Mr. Blinken met Gov. Abbott in the U.S. capital on Jan. 5. They spoke "
                  "for an hour.") ==
        std::vector<std::string>{"Mr. Blinken met Gov. Abbott in the U.S. capital on Jan. 5.",
                                 "They spoke for an hour."});
  CHECK(Sentences("The ship left at 9 a.m. on Sept. 3 with Sen. Ruiz aboard.") ==
        std::vector<std::string>{"The ship left at 9 a.m. on Sept. 3 with Sen. Ruiz aboard."});
}

TEST_CASE("ordinary sentence ends and paragraphs") {
  CHECK(Sentences("The port closed. Did it reopen? Yes!\n\nA new paragraph starts here") ==
        std::vector<std::string>{"The port closed.", "Did it reopen?", "Yes!",
                                 "A new paragraph starts here"});
  CHECK(
      Sentences("\xE2\x80\x9CWe are done,\xE2\x80\x9D she said. Then she left.") ==
      std::vector<std::string>{"\xE2\x80\x9CWe are done,\xE2\x80\x9D she said.", "Then she left."});
  CHECK(Sentences("").empty());
  CHECK(Sentences("   ").empty());
}

TEST_CASE("a Document's text splits into sentences") {
  const std::string page =
      "<html><body><article><p>The ferry left at 9 a.m. on Jan. 4. It was late.</p>"
      "<p>Fares rose by <b>6 percent</b> in April.</p></article></body></html>";
  Result<Document> r = NormaliseHtml(page, {});
  REQUIRE(r.ok());
  const Document& d = *r;
  REQUIRE(d.text ==
          "The ferry left at 9 a.m. on Jan. 4. It was late.\n\nFares rose by 6 percent in "
          "April.");
  const std::vector<std::pair<size_t, size_t>> sentences = SentenceRanges(d.text);
  REQUIRE(sentences.size() == 3);
  CHECK(d.text.substr(sentences[1].first, sentences[1].second - sentences[1].first) ==
        "It was late.");
  CHECK(sentences[2].first == d.text.find("Fares"));
}

}  // namespace
}  // namespace newsfacts
