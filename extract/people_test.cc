#include "extract/people.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extract/rule_set.h"

namespace newsfacts {
namespace {

using rules::Match;
using rules::RuleSet;

// Honorifics and pronouns as a rule file writes them, plus rules that do not open with a
// lexicon and so are left to RuleSet::FindAllOf.
constexpr const char* kRules = R"toml(
[ruleset]
id = "people"
version = 1
[lexicon.honorific]
ignore_case = false
  [[lexicon.honorific.entry]]
  forms = ["Mr", "Mr.", "Ms", "Dr."]
[lexicon.pronoun]
ignore_case = false
  [[lexicon.pronoun.entry]]
  forms = ["he", "He", "she", "She"]
[lexicon.loose]
ignore_case = true
  [[lexicon.loose.entry]]
  forms = ["mr"]
[lexicon.spaced]
ignore_case = false
  [[lexicon.spaced.entry]]
  forms = ["de la"]
[[rule]]
id = "people.honorific"
pattern = '\b(?P<honorific>%{honorific})\s+(?P<name>[A-Z][a-z]+)(?:\s+(?P<last>[A-Z][a-z]+))?'
fields = ["honorific", "name", "last"]
  [[rule.example]]
  text = "Mr Vidal left."
  match = "Mr Vidal"
[[rule]]
id = "people.pronoun"
pattern = '\b(?P<pronoun>%{pronoun})\b'
fields = ["pronoun"]
  [[rule.example]]
  text = "Then he left."
  match = "he"
[[rule]]
id = "people.capital"
pattern = '(?P<name>[A-Z][a-z]+)'
fields = ["name"]
  [[rule.example]]
  text = "Then Vidal left."
  match = "Then"
[[rule]]
id = "people.loose"
pattern = '\b(?P<h>%{loose})\s+[A-Z]'
fields = ["h"]
  [[rule.example]]
  text = "MR Vidal"
  match = "MR V"
[[rule]]
id = "people.spaced"
pattern = '(?P<p>%{spaced})\s+[A-Z]'
fields = ["p"]
  [[rule.example]]
  text = "de la Cruz"
  match = "de la C"
)toml";

const RuleSet& Rules() {
  static const RuleSet* set = [] {
    auto loaded = RuleSet::FromText(kRules, "people.toml");
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
    return new RuleSet(std::move(loaded).value());
  }();
  return *set;
}

// Spans and groups written out, to compare two searches.
std::vector<std::string> Describe(const std::vector<Match>& matches, const std::string& text) {
  std::vector<std::string> out;
  for (const Match& m : matches) {
    std::string s = std::to_string(m.start);
    s.append("-").append(std::to_string(m.end)).append(":");
    s.append(text, m.start, m.end - m.start);
    for (const rules::Capture& c : m.captures) {
      s.append(" ").append(c.name).append("=");
      if (c.matched) s.append(std::to_string(c.start)).append("-").append(std::to_string(c.end));
    }
    out.push_back(s);
  }
  return out;
}

TEST_CASE("people: matches led by a lexicon are those of FindAllOf, groups and all") {
  const rules::Rule* rule = Rules().FindRule("people.honorific");
  REQUIRE(rule != nullptr);
  // "Mr." before "Mr", a form inside a word ("DrMr"), a form at the very start and end,
  // an honorific with no name after it, and two matches back to back.
  const std::string text =
      "Mr. Ana Vidal met Ms Ruiz. DrMr Soto and Mr Leon Ortiz Mr Pena, then Dr.";
  std::vector<Match> led;
  REQUIRE(people::FindAllLedByLexicon(Rules(), *rule, text, true, &led));
  const std::vector<Match> plain = Rules().FindAllOf(*rule, text);
  CHECK(Describe(led, text) == Describe(plain, text));
  // Checked by hand: "Mr. Ana Vidal", "Ms Ruiz", "Mr Leon Ortiz", "Mr Pena" ("DrMr" is no
  // word of its own; the last "Dr." has no name after it).
  REQUIRE(led.size() == 4);
  CHECK(led[0].Group("name") == "Ana");
  CHECK(led[0].Group("last") == "Vidal");
  CHECK(led[1].Group("honorific") == "Ms");
  CHECK(led[1].Has("last") == false);
  CHECK(led[2].start == text.find("Mr Leon"));
  CHECK(led[3].Group("name") == "Pena");
  CHECK(led[0].rule_index == 0);
}

TEST_CASE("people: whole-match search led by a lexicon keeps one capture over the match") {
  const rules::Rule* rule = Rules().FindRule("people.pronoun");
  REQUIRE(rule != nullptr);
  const std::string text = "She said the theme was hers; he agreed. Shed? she";
  std::vector<Match> led;
  REQUIRE(people::FindAllLedByLexicon(Rules(), *rule, text, false, &led));
  // "She", "he" (not the "he" of "the", "theme", "hers" or "Shed"), the final "she".
  REQUIRE(led.size() == 3);
  CHECK(led[0].start == 0);
  CHECK(led[1].start == text.find(" he ") + 1);
  CHECK(led[2].start == text.size() - 3);
  for (const Match& m : led) {
    REQUIRE(m.captures.size() == 1);
    CHECK(m.captures[0].name == "pronoun");
    CHECK(m.captures[0].start == m.start);
    CHECK(m.captures[0].end == m.end);
  }
  std::vector<Match> plain = Rules().FindAllOf(*rule, text);
  REQUIRE(plain.size() == led.size());
  for (size_t i = 0; i < led.size(); ++i) CHECK(plain[i].start == led[i].start);
}

TEST_CASE("people: many places without a match end in one ordinary search, same result") {
  const rules::Rule* rule = Rules().FindRule("people.pronoun");
  REQUIRE(rule != nullptr);
  std::string text;
  for (int i = 0; i < 600; ++i) text += "Hex ";  // "He" written, no pronoun
  text += "so he said she";
  std::vector<Match> led;
  REQUIRE(people::FindAllLedByLexicon(Rules(), *rule, text, true, &led));
  REQUIRE(led.size() == 2);
  CHECK(led[0].start == text.size() - 11);
  CHECK(led[0].Group("pronoun") == "he");
  CHECK(led[1].start == text.size() - 3);
  CHECK(Describe(led, text) == Describe(Rules().FindAllOf(*rule, text), text));
}

TEST_CASE("people: rules not led by a case-sensitive lexicon of plain words are declined") {
  for (const char* id : {"people.capital", "people.loose", "people.spaced"}) {
    const rules::Rule* rule = Rules().FindRule(id);
    REQUIRE(rule != nullptr);
    std::vector<Match> out;
    CHECK_FALSE(people::FindAllLedByLexicon(Rules(), *rule, "Mr de la Cruz", true, &out));
    CHECK(out.empty());
  }
}

TEST_CASE("people: HasForm finds exact forms only, of any length") {
  const rules::Lexicon* honorific = Rules().lexicon("honorific");
  CHECK(people::HasForm(honorific, "Mr"));
  CHECK(people::HasForm(honorific, "Dr."));
  CHECK_FALSE(people::HasForm(honorific, "Dr"));
  CHECK_FALSE(people::HasForm(honorific, "mr"));
  CHECK_FALSE(people::HasForm(honorific, ""));
  CHECK_FALSE(people::HasForm(honorific, std::string(80, 'M')));
  CHECK_FALSE(people::HasForm(nullptr, "Mr"));
  // Another lexicon asked in between is not confused with the first.
  const rules::Lexicon* pronoun = Rules().lexicon("pronoun");
  CHECK(people::HasForm(pronoun, "she"));
  CHECK_FALSE(people::HasForm(pronoun, "Mr"));
  CHECK(people::HasForm(honorific, "Ms"));
}

TEST_CASE("people: words that start or end with a lexicon's form") {
  const rules::Lexicon* honorific = Rules().lexicon("honorific");
  CHECK(people::StartsWithForm(honorific, "Mr.Smith"));
  CHECK(people::StartsWithForm(honorific, "Dr.X"));
  // The word must be longer than the form; "Dr" alone is no form ("Dr." is).
  CHECK_FALSE(people::StartsWithForm(honorific, "Mr"));
  CHECK_FALSE(people::StartsWithForm(honorific, "Drive"));
  const rules::Lexicon* pronoun = Rules().lexicon("pronoun");
  CHECK(people::EndsWithForm(pronoun, "Ashe"));
  CHECK(people::EndsWithForm(pronoun, "she"));  // longer than "he"
  CHECK_FALSE(people::EndsWithForm(pronoun, "he"));
  CHECK_FALSE(people::EndsWithForm(pronoun, "shed"));
  CHECK_FALSE(people::StartsWithForm(nullptr, "Mr.Smith"));
  CHECK_FALSE(people::EndsWithForm(nullptr, "Ashe"));
  CHECK(people::StartsUpper("Émile"));
  CHECK_FALSE(people::StartsUpper("émile"));
  CHECK_FALSE(people::StartsUpper(""));
}

TEST_CASE("people: a match whose one capture is the whole match") {
  const rules::Rule* rule = Rules().FindRule("people.capital");
  REQUIRE(rule != nullptr);
  const std::string text = "Then Vidal left.";
  const Match m = people::WholeMatch(*rule, 2, text, 5, 10);
  CHECK(m.rule == rule);
  CHECK(m.rule_index == 2);
  CHECK(m.start == 5);
  CHECK(m.end == 10);
  CHECK(m.Group("name") == "Vidal");
  REQUIRE(m.captures.size() == 1);
  CHECK(m.captures[0].start == 5);
  CHECK(m.captures[0].end == 10);
}

TEST_CASE("people: names written family name first") {
  using people::FamilyNameFirst;
  using people::SplitWords;
  // A hyphenated given name with a lower-case second syllable.
  CHECK(FamilyNameFirst(SplitWords("Park Ji-hoon"), nullptr));
  CHECK(FamilyNameFirst(SplitWords("Ban Ki-jun"), nullptr));
  // A double-barrelled surname, a one-word name, four words: no.
  CHECK_FALSE(FamilyNameFirst(SplitWords("Anna Lee-Smith"), nullptr));
  CHECK_FALSE(FamilyNameFirst(SplitWords("Ji-hoon"), nullptr));
  CHECK_FALSE(FamilyNameFirst(SplitWords("Kim Ji-hoon de la-vega x"), nullptr));
  // Without a hyphen only the lexicon tells.
  CHECK_FALSE(FamilyNameFirst(SplitWords("Xi Jinping"), nullptr));
  auto set = rules::RuleSet::FromText(R"(
[ruleset]
id = "t"
version = 1
[lexicon.family_first]
ignore_case = false
  [[lexicon.family_first.entry]]
  forms = ["Xi"]
[[rule]]
id = "t.x"
pattern = 'x'
fields = []
  [[rule.example]]
  text = "x"
  match = "x"
)",
                                      "family_first test");
  REQUIRE_MESSAGE(set.ok(), set.status().message());
  CHECK(FamilyNameFirst(SplitWords("Xi Jinping"), set->lexicon("family_first")));
  CHECK_FALSE(FamilyNameFirst(SplitWords("Jinping Xi"), set->lexicon("family_first")));
}

TEST_CASE("people: quoted ranges, curly and straight, across paragraphs") {
  using people::QuotedRanges;
  using Ranges = std::vector<std::pair<size_t, size_t>>;
  // “ and ” are three bytes each: “Yes,” is “ at 0, "Yes," at 3..7, ” at 7.
  CHECK(QuotedRanges("\xE2\x80\x9CYes,\xE2\x80\x9D he said.") == Ranges{{3, 7}});
  CHECK(QuotedRanges("\"No\" she said.") == Ranges{{1, 3}});
  // Straight marks inside a curly quotation, and a dash, close nothing: “a "b" c—d” has
  // its content at 3..14 (the dash is bytes 10..12), ” at 14.
  CHECK(QuotedRanges("\xE2\x80\x9C"
                     "a \"b\" c\xE2\x80\x94"
                     "d\xE2\x80\x9D") == Ranges{{3, 14}});
  // A closing mark with nothing open.
  CHECK(QuotedRanges("a\xE2\x80\x9D b").empty());
  // “One.⏎  “Two.”: the next paragraph opens with the same mark, so the quotation goes on:
  // "One." at 3..7, the line break at 7, “ at 10, "Two." at 13..17.
  CHECK(QuotedRanges("\xE2\x80\x9COne.\n  \xE2\x80\x9CTwo.\xE2\x80\x9D") ==
        Ranges{{3, 7}, {13, 17}});
  // Else the quotation ends with its paragraph.
  CHECK(QuotedRanges("\xE2\x80\x9COne.\nTwo \"x\"") == Ranges{{3, 7}, {13, 14}});
  CHECK(QuotedRanges("say \"open") == Ranges{{5, 9}});
}

TEST_CASE("people: whole words look at the code points around them") {
  using people::IsWholeWord;
  const std::string renee =
      "Ren\xC3\xA9"
      "e Fox";  // "Renée Fox": é is bytes 3..4
  CHECK(IsWholeWord(renee, 0, 6));
  CHECK_FALSE(IsWholeWord(renee, 0, 3));  // é follows
  CHECK_FALSE(IsWholeWord(renee, 5, 6));  // é comes before
  CHECK(IsWholeWord(renee, 7, 10));
  // A dash is no word character: "—Fox".
  CHECK(
      IsWholeWord("\xE2\x80\x94"
                  "Fox",
                  3, 6));
  // An ill-formed sequence reads as U+FFFD, no word character, even the overlong C1 81
  // that a lax decoder would read as 'A'.
  CHECK(
      IsWholeWord("\xC1\x81"
                  "Fox",
                  2, 5));
}

TEST_CASE("people: words counted are the words SplitWords makes") {
  for (std::string_view s : {"", "   ", "one", "  two words\t", "a\nb  c\r\nd\f",
                             "Pe\xC3\xB1"
                             "a said"}) {
    CHECK(people::CountWords(s) == people::SplitWords(s).size());
  }
  CHECK(people::CountWords(" He said,\tthen left. ") == 4);
}

TEST_CASE("people: folding maps each folded byte to where its code point starts") {
  const people::FoldedText pena = people::Fold(
      "Pe\xC3\xB1"
      "a");  // "Peña"
  CHECK(pena.folded == "pena");
  CHECK(pena.offsets == std::vector<size_t>{0, 1, 2, 4, 5});
  const people::FoldedText elysee = people::Fold(
      "\xC3\x89LYS\xC3\x89"
      "E");  // "ÉLYSÉE"
  CHECK(elysee.folded == "elysee");
  // Each byte of an ill-formed sequence folds to U+FFFD (EF BF BD).
  const people::FoldedText bad = people::Fold("\xC1\x81x");
  CHECK(bad.folded == "\xEF\xBF\xBD\xEF\xBF\xBDx");
  CHECK(bad.offsets == std::vector<size_t>{0, 0, 0, 1, 1, 1, 2, 3});
  CHECK(
      people::StartsUpper("\xC3\x89lys\xC3\xA9"
                          "e"));
  CHECK_FALSE(people::StartsUpper("\xC3\xA9t\xC3\xA9"));
}

}  // namespace
}  // namespace newsfacts
