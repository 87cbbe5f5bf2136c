// FindConflicts and FiguresAbout over a real database written by the store: articles made by
// hand, so that every figure, subject and date below is known, and every expected value is
// worked out in the comments.
#include "factcheck/conflicts.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "factcheck/text.h"
#include "store/store.h"
#include "tests/temp_dir.h"

namespace newsfacts::factcheck {
namespace {

Span SpanOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  const std::vector<int64_t> index = CodePointIndex(text);
  return Span{index[at], index[at + needle.size()]};
}

Article Story(const std::string& id, const std::string& published, const std::string& text) {
  Article a;
  a.id = id;
  a.url = "https://" + id + ".example/story";
  a.site = id + ".example";
  a.title = "Story " + id;
  a.published = published;
  a.text = text;
  return a;
}

void AddFigure(Article* a, const std::string& written, double value, const std::string& unit,
               double si_value, const std::string& si_unit, const std::string& subject,
               std::optional<int> equivalent_of = std::nullopt) {
  Quantity q;
  q.text = written;
  q.span = SpanOf(a->text, written);
  q.rule = "test.figure";
  q.value = value;
  q.unit = unit;
  q.dimension = si_unit == "kg" ? "mass" : "count";
  q.si_value = si_value;
  q.si_unit = si_unit;
  q.subject = subject;
  q.equivalent_of = equivalent_of;
  a->quantities.push_back(q);
}

void AddDate(Article* a, const std::string& written, const std::string& from,
             const std::string& to) {
  DateFact d;
  d.text = written;
  d.span = SpanOf(a->text, written);
  d.rule = "test.date";
  d.kind = from == to ? "date" : "range";
  d.from = from;
  d.to = to;
  a->dates.push_back(d);
}

std::vector<Article> Stories() {
  std::vector<Article> out;
  // The seed story's figure and its restatement, over its range.
  Article a = Story("a", "2024-05-20T10:00:00Z",
                    "Soldiers seized 8,222.5 kilograms (8.2 tonnes) of fentanyl from December 1, "
                    "2018, to May 13, 2024. The minister spoke in the capital.");
  AddFigure(&a, "8,222.5 kilograms", 8222.5, "kilogram", 8222.5, "kg", "fentanyl");
  AddFigure(&a, "8.2 tonnes", 8.2, "tonne", 8200, "kg", "fentanyl", 0);
  AddDate(&a, "from December 1, 2018, to May 13, 2024", "2018-12-01", "2024-05-13");
  out.push_back(a);
  // A lower figure over nearly the same range (to the end of May).
  Article b = Story("b", "2024-05-22T08:00:00Z",
                    "Officials said troops took 7 tonnes of Fentanyl between December 2018 and "
                    "May 2024.");
  AddFigure(&b, "7 tonnes", 7, "tonne", 7000, "kg", "Fentanyl");
  AddDate(&b, "between December 2018 and May 2024", "2018-12-01", "2024-05-31");
  out.push_back(b);
  // The seed figure rounded: it agrees with a, and disagrees with b.
  Article c = Story("c", "2024-05-25T08:00:00Z",
                    "A later count put the haul at 8.2 tonnes of fentanyl from December 1, "
                    "2018, to May 13, 2024.");
  AddFigure(&c, "8.2 tonnes", 8.2, "tonne", 8200, "kg", "fentanyl");
  AddDate(&c, "from December 1, 2018, to May 13, 2024", "2018-12-01", "2024-05-13");
  out.push_back(c);
  // One month is not the five-and-a-half years above.
  Article d = Story("d", "2024-05-26T08:00:00Z",
                    "In April 2024 alone, police seized 2 tonnes of fentanyl.");
  AddFigure(&d, "2 tonnes", 2, "tonne", 2000, "kg", "fentanyl");
  AddDate(&d, "April 2024", "2024-04-01", "2024-04-30");
  out.push_back(d);
  // Counts without a date in their sentence: the publication month (June 2024) is the period.
  Article e =
      Story("e", "2024-06-02T08:00:00Z", "Police made 120 arrests. The operation ended on Friday.");
  AddFigure(&e, "120 arrests", 120, "", 120, "", "arrests");
  out.push_back(e);
  Article f = Story("f", "2024-06-03T08:00:00Z", "A union said there were 95 arrests in all.");
  AddFigure(&f, "95 arrests", 95, "", 95, "", "Arrests");
  out.push_back(f);
  // Two figures of one article never conflict with each other.
  Article g = Story("g", "2024-03-04T08:00:00Z",
                    "Officials first said 40 tonnes of maize were stored, then 45 tonnes of "
                    "maize.");
  AddFigure(&g, "40 tonnes", 40, "tonne", 40000, "kg", "maize");
  AddFigure(&g, "45 tonnes", 45, "tonne", 45000, "kg", "maize");
  out.push_back(g);
  // Another article on maize, of another period: g's two figures still have no one to
  // disagree with.
  Article h = Story("h", "2024-03-10T08:00:00Z", "Stores held 40 tonnes of maize in 2023.");
  AddFigure(&h, "40 tonnes", 40, "tonne", 40000, "kg", "maize");
  AddDate(&h, "2023", "2023-01-01", "2023-12-31");
  out.push_back(h);
  return out;
}

class Db {
 public:
  Db() {
    auto store = store::Store::Open(dir_.File("t.db"));
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
    REQUIRE(store->WriteArticles(Stories(), 0).ok());
    store_.emplace(std::move(store).value());
  }
  const store::Store& store() const { return *store_; }

 private:
  newsfacts::testing::TempDir dir_{"conflicts"};  // declared first: outlives the store
  std::optional<store::Store> store_;
};

std::vector<std::string> Ids(const Conflict& c) {
  std::vector<std::string> out;
  for (const SourcedFigure& f : c.figures) out.push_back(f.article_id);
  return out;
}

TEST_CASE("subjects fold case, plurals and stop words") {
  CHECK(FoldSubject("Tonnes of Fentanyl pills") == "tonne fentanyl pill");
  CHECK(FoldSubject("bodies") == "body");
  CHECK(FoldSubject("the arrests") == "arrest");
  CHECK(FoldSubject("glass") == "glass");
  CHECK(FoldSubject("virus") == "virus");
  CHECK(FoldSubject("of a") == "");
}

TEST_CASE("words of text: stems of three letters or more; FindWords looks for a few of them") {
  // "Mexico’s" ends at the curly apostrophe and is cut to "mexic", "seizures" to "seizu"; "the",
  // "8.2" and "of" are left out (a stop word, a number, too short).
  CHECK(Words("Mexico\u2019s seizures of the 8.2 tonnes") ==
        std::vector<std::string>{"mexic", "seizu", "tonne"});
  const std::vector<std::string> wanted = {"seizu", "fenta", "tonne", "mexic", "army"};
  CHECK(FindWords("MEXICO\u2019S Seizure of 8.2 tonnes", wanted) ==
        std::vector<bool>{true, false, true, true, false});
  // Digits make a word a number, not a word: "army2" is not "army".
  CHECK(FindWords("army2 fentanyl", wanted) == std::vector<bool>{false, true, false, false, false});
  CHECK(FindWords("", wanted) == std::vector<bool>(5, false));
}

TEST_CASE("figures of the same subject and period that disagree form one group") {
  Db db;
  auto found = FindConflicts(db.store(), {});
  REQUIRE_MESSAGE(found.ok(), found.status().ToString());
  REQUIRE(found->size() == 2);
  // Arrests: 120 vs 95 is 25/95 = 26% apart, wider than fentanyl's 1,222.5/7,000 = 17%.
  const Conflict& arrests = (*found)[0];
  CHECK(arrests.subject == "arrest");
  CHECK(arrests.si_unit == "");
  CHECK(Ids(arrests) == std::vector<std::string>{"f", "e"});
  CHECK(arrests.how == "120 vs 95: 26% apart");
  CHECK(arrests.period_from == "2024-06-01");
  CHECK(arrests.period_to == "2024-06-30");

  const Conflict& fentanyl = (*found)[1];
  CHECK(fentanyl.subject == "fentanyl");
  CHECK(fentanyl.si_unit == "kg");
  // By value: 7,000 (b), 8,200 (c), 8,222.5 (a); a's restatement "8.2 tonnes" is not a
  // figure of its own, and d's April is another period.
  CHECK(Ids(fentanyl) == std::vector<std::string>{"b", "c", "a"});
  CHECK(fentanyl.figures[2].figure.text == "8,222.5 kilograms");
  CHECK(fentanyl.how == "8,222.5 kg vs 7,000 kg: 17% apart");
  // The overlap of 2018-12-01..2024-05-13 and 2018-12-01..2024-05-31.
  CHECK(fentanyl.period_from == "2018-12-01");
  CHECK(fentanyl.period_to == "2024-05-13");
  const SourcedFigure& b = fentanyl.figures[0];
  CHECK(b.sentence ==
        "Officials said troops took 7 tonnes of Fentanyl between December 2018 and May 2024.");
  CHECK(b.sentence_span == Span{0, 83});
  CHECK(b.period_to == "2024-05-31");
  CHECK(b.url == "https://b.example/story");
  CHECK(b.site == "b.example");
  CHECK(b.published == "2024-05-22T08:00:00Z");
  // a's figure stands in its first sentence only.
  CHECK(fentanyl.figures[2].sentence_span.start == 0);
  CHECK(fentanyl.figures[2].sentence.find("capital") == std::string::npos);
}

TEST_CASE("--subject and --since narrow the groups; the limit cuts them") {
  Db db;
  ConflictOptions fentanyl;
  fentanyl.subject = "FENTANYL";
  auto only = FindConflicts(db.store(), fentanyl);
  REQUIRE(only.ok());
  REQUIRE(only->size() == 1);
  CHECK((*only)[0].subject == "fentanyl");

  ConflictOptions maize;
  maize.subject = "maize";
  auto same_article = FindConflicts(db.store(), maize);
  REQUIRE(same_article.ok());
  CHECK(same_article->empty());

  ConflictOptions cocaine;
  cocaine.subject = "cocaine";
  auto none = FindConflicts(db.store(), cocaine);
  REQUIRE(none.ok());
  CHECK(none->empty());

  ConflictOptions stop_words;
  stop_words.subject = "of the";
  auto nothing = FindConflicts(db.store(), stop_words);
  REQUIRE(nothing.ok());
  CHECK(nothing->empty());

  // From May 23: of the fentanyl stories only c and d (other periods), and both arrests.
  ConflictOptions since;
  since.since = "2024-05-23";
  auto later = FindConflicts(db.store(), since);
  REQUIRE(later.ok());
  REQUIRE(later->size() == 1);
  CHECK((*later)[0].subject == "arrest");

  ConflictOptions one;
  one.limit = 1;
  auto first = FindConflicts(db.store(), one);
  REQUIRE(first.ok());
  REQUIRE(first->size() == 1);
  CHECK((*first)[0].subject == "arrest");
}

TEST_CASE("a subject's figures over time, oldest first, the latest kept") {
  Db db;
  auto all = FiguresAbout(db.store(), "fentanyl", "kg", 10);
  REQUIRE(all.ok());
  std::vector<std::string> ids;
  for (const SourcedFigure& f : *all) ids.push_back(f.article_id);
  CHECK(ids == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK((*all)[3].period_from == "2024-04-01");

  auto latest = FiguresAbout(db.store(), "fentanyl", "kg", 2);
  REQUIRE(latest.ok());
  REQUIRE(latest->size() == 2);
  CHECK((*latest)[0].article_id == "c");
  CHECK((*latest)[1].article_id == "d");

  auto other_unit = FiguresAbout(db.store(), "fentanyl", "m", 10);
  REQUIRE(other_unit.ok());
  CHECK(other_unit->empty());
  // Any unit: the counts of arrests.
  auto arrests = FiguresAbout(db.store(), "arrest", "", 10);
  REQUIRE(arrests.ok());
  CHECK(arrests->size() == 2);
}

}  // namespace
}  // namespace newsfacts::factcheck
