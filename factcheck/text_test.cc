#include "factcheck/text.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "normalise/normalise.h"

namespace newsfacts::factcheck {
namespace {

// What Sentences must give: the sentences of the whole text split at once.
void CheckAgainstWholeText(const std::string& text) {
  const std::vector<std::pair<size_t, size_t>> whole = SentenceRanges(text);
  const Sentences lazy(text);
  // At() first, in an order of its own, so that lines are split one by one.
  for (size_t k = whole.size(); k-- > 0;) {
    const auto [begin, end] = whole[k];
    for (size_t byte : {begin, (begin + end) / 2, end - 1}) {
      while (byte > begin && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) --byte;
      const Sentences::Sentence s = lazy.At(lazy.CodePointOf(byte));
      CHECK(s.begin == begin);
      CHECK(s.end == end);
    }
  }
  const std::vector<Sentences::Sentence>& all = lazy.all();
  REQUIRE(all.size() == whole.size());
  for (size_t k = 0; k < all.size(); ++k) {
    CHECK(all[k].begin == whole[k].first);
    CHECK(all[k].end == whole[k].second);
    CHECK(all[k].span.start == lazy.CodePointOf(whole[k].first));
    CHECK(all[k].span.end == lazy.CodePointOf(whole[k].second));
  }
}

TEST_CASE("sentences split line by line on demand are those of the whole text") {
  CheckAgainstWholeText(
      "Gen. Luis Sandoval said Mexico seized 8.2 tonnes. It was a record.\n\nThe U.S. "
      "agreed. “It’s a lot,” said Mr. Smith on Jan. 5\nA line without a stop\n\n\nLast "
      "one? Yes!");
  CheckAgainstWholeText("One sentence only");
  CheckAgainstWholeText("\n\nLeading blank lines. Then text.\n");
  for (const auto& entry : std::filesystem::directory_iterator(NEWSFACTS_SOURCE_DIR "/corpus")) {
    std::ifstream page(entry.path() / "page.html", std::ios::binary);
    if (!page) continue;
    std::ostringstream html;
    html << page.rdbuf();
    auto doc = NormaliseHtml(html.str(), NormaliseOptions{});
    if (!doc.ok()) continue;
    INFO(entry.path().string());
    CheckAgainstWholeText(doc->text);
  }
}

TEST_CASE("a position between sentences gives an empty sentence there") {
  const std::string text = "First one.\n\nSecond one.";
  const Sentences s(text);
  const Sentences::Sentence gap = s.At(11);  // the second '\n'
  CHECK(gap.begin == 11);
  CHECK(gap.end == 11);
  CHECK(s.Text(s.At(13)) == "Second one.");
  CHECK(s.Text(s.At(0)) == "First one.");
}

}  // namespace
}  // namespace newsfacts::factcheck
