// MarksOf over an article made by hand (curly quotes, so that code points and bytes differ),
// and FindArticle over a real database. Spans are counted by hand in the comments.
#include "factcheck/marks.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "factcheck/text.h"
#include "tests/temp_dir.h"

namespace newsfacts::factcheck {
namespace {

namespace fs = std::filesystem;

// "Defence Minister Ana Ruiz said " is 7+1+8+1+3+1+4+1+4+1 = 31 code points; the curly
// quotes are one code point (three bytes) each.
const char kText[] =
    "Defence Minister Ana Ruiz said 8,222.5 kilograms (8.2 tonnes) were seized. \u201cIt is a "
    "record,\u201d Ruiz said on May 13, 2024. Ruiz left.";

Article RuizStory() {
  Article a;
  a.id = "ruiz";
  a.url = "https://news.example/ruiz?from=feed";
  a.canonical_url = "https://news.example/ruiz";
  a.published = "2024-05-14T08:00:00Z";
  a.text = kText;
  Quantity kg;
  kg.text = "8,222.5 kilograms";
  kg.span = {31, 48};
  kg.rule = "quantities.test.kg";
  kg.value = 8222.5;
  kg.unit = "kilogram";
  kg.dimension = "mass";
  kg.si_value = 8222.5;
  kg.si_unit = "kg";
  Quantity t = kg;
  t.text = "8.2 tonnes";
  t.span = {50, 60};  // after "8,222.5 kilograms (": 48 + 2
  t.rule = "quantities.test.t";
  t.value = 8.2;
  t.unit = "tonne";
  t.si_value = 8200;
  t.equivalent_of = 0;
  a.quantities = {kg, t};
  DateFact d;
  d.text = "May 13, 2024";
  d.span = {106, 118};
  d.rule = "dates.test.day";
  d.kind = "date";
  d.from = d.to = "2024-05-13";
  d.granularity = "day";
  a.dates = {d};
  Official o;
  o.name = "Ana Ruiz";
  o.title = "Defence Minister";
  o.span = {0, 25};
  o.rule = "officials.test.title_name";
  o.mentions = {{0, 25}, {93, 97}, {120, 124}};
  a.officials = {o};
  Quote q;
  q.text = "It is a record,";
  q.span = {76, 91};
  q.parts = {{76, 91}};
  q.speaker = "Ana Ruiz";
  q.speaker_span = Span{93, 97};
  q.cue = "said";
  q.rule = "quotes.test.said";
  a.quotes = {q};
  return a;
}

std::string Field(const Mark& m, const std::string& name) {
  for (const auto& [k, v] : m.fields) {
    if (k == name) return v;
  }
  return "(none)";
}

TEST_CASE("every fact becomes a mark, sorted by start, longer first") {
  const std::vector<Mark> marks = MarksOf(RuizStory());
  // 2 quantities, 1 date, 3 mentions of the official, 1 quote part, 1 speaker.
  REQUIRE(marks.size() == 8);
  struct Want {
    MarkKind kind;
    Span span;
    const char* rule;
  };
  const Want want[] = {
      {MarkKind::kOfficial, {0, 25}, "officials.test.title_name"},
      {MarkKind::kQuantity, {31, 48}, "quantities.test.kg"},
      {MarkKind::kQuantity, {50, 60}, "quantities.test.t"},
      {MarkKind::kQuote, {76, 91}, "quotes.test.said"},
      // The same span as a mention and as the speaker: the official first (kind order).
      {MarkKind::kOfficial, {93, 97}, "officials.test.title_name"},
      {MarkKind::kSpeaker, {93, 97}, "quotes.test.said"},
      {MarkKind::kDate, {106, 118}, "dates.test.day"},
      {MarkKind::kOfficial, {120, 124}, "officials.test.title_name"},
  };
  for (size_t i = 0; i < marks.size(); ++i) {
    CAPTURE(i);
    CHECK(marks[i].kind == want[i].kind);
    CHECK(marks[i].span == want[i].span);
    CHECK(marks[i].rule == want[i].rule);
  }
  CHECK(marks[1].summary == "8,222.5 kilogram = 8,222.5 kg");
  CHECK(marks[2].summary == "8.2 tonne = 8,200 kg, restates 8,222.5 kilograms");
  CHECK(marks[2].index == 1);
  CHECK(marks[3].summary == "Ana Ruiz said");
  CHECK(marks[5].summary == "speaker: Ana Ruiz said");
  CHECK(marks[6].summary == "date 2024-05-13");
  CHECK(marks[7].summary == "Defence Minister Ana Ruiz");
  // Fields as the JSON writes them; nulls left out.
  CHECK(Field(marks[1], "value") == "8222.5");
  CHECK(Field(marks[1], "si_unit") == "kg");
  CHECK(Field(marks[1], "approx") == "false");
  CHECK(Field(marks[1], "subject") == "(none)");
  CHECK(Field(marks[2], "equivalent_of") == "0");
  CHECK(Field(marks[6], "from") == "2024-05-13");
  CHECK(Field(marks[0], "affiliation") == "(none)");
  CHECK(Field(marks[3], "speaker") == "Ana Ruiz");
  CHECK(std::string(MarkKindName(MarkKind::kSpeaker)) == "speaker");
}

TEST_CASE("an official without mentions is marked at its first span") {
  Article a = RuizStory();
  a.officials[0].mentions.clear();
  size_t officials = 0;
  for (const Mark& m : MarksOf(a)) {
    if (m.kind == MarkKind::kOfficial) {
      ++officials;
      CHECK(m.span == Span{0, 25});
    }
  }
  CHECK(officials == 1);
}

TEST_CASE("sentences are addressed in code points") {
  const std::string text = kText;
  const Sentences sentences(text);
  // The quote's sentence starts at the opening curly quote (code point 75) and ends after
  // "2024." (code point 119).
  const Sentences::Sentence s = sentences.At(106);
  CHECK(s.span == Span{75, 119});
  CHECK(sentences.Text(s) == "\u201cIt is a record,\u201d Ruiz said on May 13, 2024.");
  CHECK(sentences.At(0).span == Span{0, 74});
  CHECK(sentences.At(1000).span.start == 130);  // past the end: clamped, empty
}

TEST_CASE("an article is found by id, url or canonical url") {
  const newsfacts::testing::TempDir dir("marks");
  {
    auto store = store::Store::Open((dir / "t.db").string());
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
    Article older = RuizStory();
    older.id = "ruiz-old";
    older.published = "2024-05-01T08:00:00Z";
    older.canonical_url.reset();
    // Its id is the first story's canonical URL: an id wins over a URL.
    Article by_id = RuizStory();
    by_id.id = "https://news.example/ruiz";
    by_id.url = "https://mirror.example/ruiz";
    by_id.canonical_url.reset();
    REQUIRE(store->WriteArticles({older, RuizStory(), by_id}, 0).ok());

    auto found = FindArticle(*store, "ruiz");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->id == "ruiz");
    CHECK((*found)->text == kText);
    CHECK((*found)->quotes.size() == 1);

    // Two stories have this url: the later one.
    auto by_url = FindArticle(*store, "https://news.example/ruiz?from=feed");
    REQUIRE(by_url.ok());
    REQUIRE(by_url->has_value());
    CHECK((*by_url)->id == "ruiz");

    auto canonical = FindArticle(*store, "https://news.example/ruiz");
    REQUIRE(canonical.ok());
    REQUIRE(canonical->has_value());
    CHECK((*canonical)->id == "https://news.example/ruiz");

    auto mirror = FindArticle(*store, "https://mirror.example/ruiz");
    REQUIRE(mirror.ok());
    REQUIRE(mirror->has_value());
    CHECK((*mirror)->id == "https://news.example/ruiz");

    for (const char* ref : {"https://news.example/other", "", "ruiz' OR 1=1 --"}) {
      CAPTURE(ref);
      auto none = FindArticle(*store, ref);
      REQUIRE(none.ok());
      CHECK(!none->has_value());
    }
  }
}

}  // namespace
}  // namespace newsfacts::factcheck
