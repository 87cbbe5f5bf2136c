#include "extract/rule_set.h"

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/temp_dir.h"

namespace newsfacts::rules {
namespace {

const char* kGood = R"toml(
[ruleset]
id = "money"
version = 3

[fragments]
digits = '\d{1,3}(?:,\d{3})*'
number = '%{digits}(?:\.\d+)?'
scale  = '(?:thousand|million|billion)'

[lexicon.currency]
ignore_case = true
  [[lexicon.currency.entry]]
  forms = ["US dollars", "dollars", "dollar"]
  code = "USD"
  [[lexicon.currency.entry]]
  forms = ["pesos", "peso"]
  code = "MXN"
  rate = 0.5

[[rule]]
id = "money.symbol"
pattern = '\$(?P<amount>%{number})(?:\s*(?P<scale>%{scale}))?\b'
fields = ["amount", "scale"]
emit = { currency = "USD" }
  [[rule.example]]
  text = "The council approved $4.5 million for repairs."
  match = "$4.5 million"
  fields = { amount = "4.5", scale = "million" }
  [[rule.counter_example]]
  text = "Press the $ key to continue."

[[rule]]
id = "money.word"
pattern = '(?P<amount>%{number})\s+(?P<currency>%{currency})\b'
fields = ["amount", "currency"]
priority = 2
  [[rule.example]]
  text = "It cost 1,200 US  dollars in all."
  match = "1,200 US  dollars"
  fields = { currency = "US  dollars" }
)toml";

Status LoadError(const std::string& text) {
  auto set = RuleSet::FromText(text, "test.toml");
  return set.ok() ? Status::Ok() : set.status();
}

TEST_CASE("a valid rule set loads and its examples pass") {
  auto set = RuleSet::FromText(kGood, "good.toml");
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  CHECK(set->id() == "money");
  CHECK(set->version() == 3);
  CHECK(set->rules().size() == 2);
  CHECK(set->example_count() == 3);
  CHECK(set->RunExamples().empty());
  CHECK(*set->fragment("number") == "(?:\\d{1,3}(?:,\\d{3})*)(?:\\.\\d+)?");
  CHECK(set->FindRule("money.symbol")->Emit("currency") == "USD");
  CHECK(set->FindRule("money.word")->priority == 2);
}

TEST_CASE("lexicons: longer form before its prefixes, spaces match whitespace, lookup folds case") {
  auto set = RuleSet::FromText(kGood, "good.toml");
  REQUIRE(set.ok());
  const Lexicon* lex = set->lexicon("currency");
  REQUIRE(lex != nullptr);
  // Descending by lower-cased form: "us dollars" > "pesos" > "peso" > "dollars" > "dollar".
  CHECK(lex->pattern() == "(?i:US\\s+dollars|pesos|peso|dollars|dollar)");
  REQUIRE(lex->Find("PESOS") != nullptr);
  CHECK(lex->Find("PESOS")->attr("code") == "MXN");
  CHECK(lex->Find("pesos")->attr("rate") == "0.5");
  CHECK(lex->Find("US \n dollars")->attr("code") == "USD");
  CHECK(lex->Find("euros") == nullptr);
  CHECK(lex->Find("peso")->attr("missing", "x") == "x");
}

TEST_CASE("lexicon alternation takes the longest form that fits, in any case") {
  // Forms listed out of order, sharing prefixes, differing in case; "KM" and "km" are
  // one form under ignore_case.
  auto set = RuleSet::FromText(R"toml(
[ruleset]
id = "units"
version = 1
[lexicon.unit]
ignore_case = true
  [[lexicon.unit.entry]]
  forms = ["km", "kilometre", "kilometres", "KM", "kilometres per hour", "k"]
  name = "unit"
[lexicon.sign]
ignore_case = false
  [[lexicon.sign.entry]]
  forms = ["M", "MX$", "MX"]
  name = "sign"
[[rule]]
id = "units.any"
pattern = '\b(?P<n>\d+)\s*(?P<unit>%{unit}|%{sign})'
fields = ["n", "unit"]
  [[rule.example]]
  text = "It ran 5 Kilometres."
  match = "5 Kilometres"
)toml",
                               "units.toml");
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  const Lexicon* unit = set->lexicon("unit");
  REQUIRE(unit != nullptr);
  // Descending: "km" > "kilometres per hour" > "kilometres" > "kilometre" > "k"; of "KM"
  // and "km" the first in byte order stays.
  CHECK(unit->pattern() == "(?i:KM|kilometres\\s+per\\s+hour|kilometres|kilometre|k)");
  CHECK(set->lexicon("sign")->pattern() == "(?:MX\\$|MX|M)");
  CHECK(unit->Find("KM") != nullptr);
  CHECK(unit->Find("Km") != nullptr);
  const Rule* rule = set->FindRule("units.any");
  auto unit_of = [&](const std::string& text) {
    auto found = set->FindAllOf(*rule, text);
    return found.size() == 1 ? std::string(found[0].Group("unit")) : std::string("?");
  };
  CHECK(unit_of("at 90 KILOMETRES  per\thour") == "KILOMETRES  per\thour");
  CHECK(unit_of("at 90 kilometres per day") == "kilometres");
  CHECK(unit_of("for 3 kilometre") == "kilometre");
  CHECK(unit_of("for 3 Km") == "Km");
  CHECK(unit_of("for 3 kelvin") == "k");
  CHECK(unit_of("for 3 MX$") == "MX$");
  CHECK(unit_of("for 3 MXN") == "MX");
  CHECK(unit_of("for 3 mx") == "?");
}

TEST_CASE("FindAll reports every rule's matches with byte offsets and groups") {
  auto set = RuleSet::FromText(kGood, "good.toml");
  REQUIRE(set.ok());
  std::string text = "Fees: $3 thousand, then 20 pesos and $7.";
  std::vector<Match> all = set->FindAll(text);
  REQUIRE(all.size() == 3);
  CHECK(text.substr(all[0].start, all[0].length()) == "$3 thousand");
  CHECK(all[0].Group("scale") == "thousand");
  CHECK(all[1].rule->id == "money.word");
  CHECK(all[1].Group("currency") == "pesos");
  const Capture* amount = all[1].Get("amount");
  REQUIRE(amount != nullptr);
  CHECK(amount->start == 24);
  CHECK(amount->end == 26);
  CHECK(text.substr(all[2].start, all[2].length()) == "$7");
  CHECK(all[2].Get("scale") == nullptr);  // optional group that did not take part
  CHECK(all[2].Group("scale").empty());
  CHECK(all[2].Group("no_such_group").empty());
}

TEST_CASE("MatchAt captures the groups of an exact span, offsets into the whole text") {
  auto set = RuleSet::FromText(kGood, "good.toml");
  REQUIRE(set.ok());
  const Rule* rule = set->FindRule("money.symbol");
  REQUIRE(rule != nullptr);
  std::string text = "Fees: $3 thousand, then $7.";
  Match m = RuleSet::MatchAt(*rule, 0, text, 6, 17);  // "$3 thousand"
  CHECK(m.rule == rule);
  CHECK(m.start == 6);
  CHECK(m.end == 17);
  REQUIRE(m.Get("amount") != nullptr);
  CHECK(m.Get("amount")->start == 7);
  CHECK(m.Group("amount") == "3");
  CHECK(m.Group("scale") == "thousand");
  // A span the rule does not match as a whole gives no captures.
  Match partial = RuleSet::MatchAt(*rule, 0, text, 5, 17);  // " $3 thousand"
  CHECK(partial.captures.empty());
  CHECK(partial.Get("amount") == nullptr);
}

TEST_CASE("MatchAt under a MatchMemo: a span written twice has the same groups at each place") {
  auto set = RuleSet::FromText(kGood, "good.toml");
  REQUIRE(set.ok());
  const Rule* rule = set->FindRule("money.symbol");
  REQUIRE(rule != nullptr);
  std::string text = "Fees: $3 thousand, then $3 thousand.";
  const Match plain = RuleSet::MatchAt(*rule, 0, text, 24, 35);
  const MatchMemo memo;
  const MatchMemo inner;  // one already lives: does nothing
  Match first = RuleSet::MatchAt(*rule, 0, text, 6, 17);
  Match second = RuleSet::MatchAt(*rule, 0, text, 24, 35);
  CHECK(first.Group("amount") == "3");
  CHECK(first.Get("amount")->start == 7);
  REQUIRE(second.Get("amount") != nullptr);
  CHECK(second.Get("amount")->start == 25);
  CHECK(second.Get("amount")->start == plain.Get("amount")->start);
  CHECK(second.Group("scale") == "thousand");
  CHECK(second.Get("scale")->end == plain.Get("scale")->end);
  // A remembered non-match stays one.
  CHECK(RuleSet::MatchAt(*rule, 0, text, 5, 17).captures.empty());
  CHECK(RuleSet::MatchAt(*rule, 0, text, 5, 17).captures.empty());
}

TEST_CASE("SelectNonOverlapping: longest first, then priority, then rule order") {
  const char* text = R"toml(
[ruleset]
id = "t"
version = 1
[[rule]]
id = "a.short"
pattern = 'May \d+'
fields = []
  [[rule.example]]
  text = "May 13"
  match = "May 13"
[[rule]]
id = "b.long"
pattern = 'May \d+, \d{4}'
fields = []
  [[rule.example]]
  text = "May 13, 2024"
  match = "May 13, 2024"
[[rule]]
id = "c.same_length_higher_priority"
pattern = 'May 1\d'
fields = []
priority = 5
  [[rule.example]]
  text = "May 13"
  match = "May 13"
)toml";
  auto set = RuleSet::FromText(text, "t.toml");
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  auto chosen =
      RuleSet::SelectNonOverlapping(set->FindAll("On May 13, 2024 and May 14 it rained."));
  REQUIRE(chosen.size() == 2);
  CHECK(chosen[0].rule->id == "b.long");
  CHECK(chosen[1].rule->id == "c.same_length_higher_priority");
}

TEST_CASE("RunExamples reports examples and counter-examples that fail") {
  const char* text = R"toml(
[ruleset]
id = "t"
version = 1
[[rule]]
id = "t.year"
pattern = '(?P<year>\d{4})'
fields = ["year"]
  [[rule.example]]
  text = "In 2018 it began."
  match = "2019"
  [[rule.example]]
  text = "In 2018 it began."
  match = "2018"
  fields = { year = "2017" }
  [[rule.counter_example]]
  text = "Call 5550123."
)toml";
  auto set = RuleSet::FromText(text, "t.toml");
  REQUIRE(set.ok());
  auto failures = set->RunExamples();
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].find("t.toml:9: rule t.year: example does not match '2019'") == 0);
  CHECK(failures[1].find("field year is '2018', expected '2017'") != std::string::npos);
  CHECK(failures[2].find("t.toml:16: rule t.year: counter-example matches '5550'") == 0);
}

TEST_CASE("load errors name file, line, rule id and RE2's message") {
  std::string bad_pattern = R"toml([ruleset]
id = "t"
version = 1
[[rule]]
id = "t.broken"
pattern = '(?P<amount>\d+'
fields = ["amount"]
  [[rule.example]]
  text = "5"
  match = "5"
)toml";
  Status s = LoadError(bad_pattern);
  CHECK(s.code() == StatusCode::kInvalidRule);
  CHECK(s.where() == "test.toml:6");
  CHECK(s.message().find("rule t.broken") != std::string::npos);
  CHECK(s.message().find("missing )") != std::string::npos);

  auto with_rule = [](const std::string& body) {
    return "[ruleset]\nid = \"t\"\nversion = 1\n[fragments]\nx = '%{y}'\ny = '%{x}'\n" + body;
  };
  // Fragment cycles are found even when no rule uses them.
  s = LoadError(with_rule(""));
  CHECK(s.message().find("fragment cycle") != std::string::npos);

  const std::string header = "[ruleset]\nid = \"t\"\nversion = 1\n";
  const std::string example = "  [[rule.example]]\n  text = \"7\"\n  match = \"7\"\n";
  s = LoadError(header + "[[rule]]\nid = \"t.a\"\npattern = '\\d'\nfields = []\n" + example +
                "[[rule]]\nid = \"t.a\"\npattern = '\\d'\nfields = []\n" + example);
  CHECK(s.message().find("rule t.a: duplicate rule id") != std::string::npos);
  CHECK(s.where() == "test.toml:11");

  s = LoadError(header + "[[rule]]\nid = \"t.f\"\npattern = '(?P<n>\\d)'\nfields = [\"m\"]\n" +
                example);
  CHECK(s.message().find("rule t.f: group n is not listed in fields") != std::string::npos);

  s = LoadError(header +
                "[[rule]]\nid = \"t.g\"\npattern = '(?P<n>\\d)'\nfields = [\"n\", \"m\"]\n" +
                example);
  CHECK(s.message().find("field m has no") != std::string::npos);

  s = LoadError(header + "[[rule]]\nid = \"t.u\"\npattern = '(\\d)'\nfields = []\n" + example);
  CHECK(s.message().find("unnamed capturing groups") != std::string::npos);

  s = LoadError(header + "[[rule]]\nid = \"t.r\"\npattern = '%{nope}\\d'\nfields = []\n" + example);
  CHECK(s.message().find("unknown fragment or lexicon %{nope}") != std::string::npos);

  s = LoadError(header + "[[rule]]\nid = \"t.e\"\npattern = '\\d'\nfields = []\n");
  CHECK(s.message().find("rule t.e: needs at least one example") != std::string::npos);

  s = LoadError(header + "[[rule]]\nid = \"t.l\"\npattern = '(?<n>\\d)'\nfields = [\"n\"]\n" +
                example);
  CHECK(s.message().find("rule t.l: pattern does not compile") != std::string::npos);

  s = LoadError("[ruleset]\nid = \"t\"\nversion = 1\n[[rule]\n");
  CHECK(s.code() == StatusCode::kInvalidRule);
  CHECK(s.where() == "test.toml:4");

  s = LoadError("[ruleset]\nversion = 1\n");
  CHECK(s.message().find("needs a string id") != std::string::npos);
}

// The matches of `eager` and `lazy` (two loads of one set) in text are the same: rules,
// spans and groups. Returns how many there are.
size_t CheckSameMatches(const RuleSet& eager, const RuleSet& lazy, std::string_view text) {
  const std::vector<Match> a = eager.FindAll(text), b = lazy.FindAll(text);
  REQUIRE_MESSAGE(a.size() == b.size(), eager.origin() << ": " << text);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].rule->id == b[i].rule->id);
    CHECK(a[i].start == b[i].start);
    CHECK(a[i].end == b[i].end);
    REQUIRE(a[i].captures.size() == b[i].captures.size());
    for (size_t c = 0; c < a[i].captures.size(); ++c) {
      CHECK(a[i].captures[c].matched == b[i].captures[c].matched);
      CHECK(a[i].captures[c].start == b[i].captures[c].start);
      CHECK(a[i].captures[c].end == b[i].captures[c].end);
    }
  }
  return a.size();
}

TEST_CASE("compiled on first use: a bad pattern loads, never matches, and is reported once used") {
  const std::string text = R"toml([ruleset]
id = "t"
version = 1
[[rule]]
id = "t.good"
pattern = '(?P<n>\d+) apples'
fields = ["n"]
  [[rule.example]]
  text = "5 apples"
  match = "5 apples"
[[rule]]
id = "t.broken"
pattern = '(?P<n>\d+ pears'
fields = ["n"]
  [[rule.example]]
  text = "5 pears"
  match = "5 pears"
[[rule]]
id = "t.fields"
pattern = '(?P<n>\d+) plums'
fields = ["m"]
  [[rule.example]]
  text = "5 plums"
  match = "5 plums"
)toml";
  // At load, the first error stops it.
  auto eager = RuleSet::FromText(text, "lazy.toml");
  REQUIRE_FALSE(eager.ok());
  CHECK(eager.status().where() == "lazy.toml:13");
  CHECK(eager.status().message().find("rule t.broken: pattern does not compile") !=
        std::string::npos);

  auto lazy = RuleSet::FromText(text, "lazy.toml", Compile::kOnFirstUse);
  REQUIRE_MESSAGE(lazy.ok(), lazy.status().ToString());
  CHECK(lazy->CompileStatus().ok());  // nothing compiled yet
  const std::vector<Match> found = lazy->FindAll("5 apples, 6 pears and 7 plums");
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->id == "t.good");
  CHECK(found[0].Group("n") == "5");
  const Status s = lazy->CompileStatus();
  CHECK(s.code() == StatusCode::kInvalidRule);
  CHECK(s.where() == "lazy.toml:13");  // the pattern's line, as Load reports it
  CHECK(s.message().find("rule t.broken: pattern does not compile") != std::string::npos);
  CHECK(s.message().find("missing )") != std::string::npos);
  // The rule whose groups are not its fields never matches either, and says why.
  const Rule* fields = lazy->FindRule("t.fields");
  REQUIRE(fields != nullptr);
  CHECK(lazy->FindAllOf(*fields, "7 plums").empty());
  CHECK(fields->field_groups().size() == 1);
  CHECK(lazy->RunExamples().size() == 2);
}

TEST_CASE(
    "compiled on first use, the shipped rule sets find exactly what they find compiled at load") {
  // The Set of a set compiled on first use is built from the rules' gates, which must let
  // through every rule that matches. Every example and counter-example text of every
  // shipped set, and the corpus articles' text, must give the same matches both ways.
  for (const char* file : {"quantities.toml", "dates.toml", "officials.toml", "quotes.toml"}) {
    const std::string path = std::string(NEWSFACTS_SOURCE_DIR "/rules/") + file;
    auto eager = RuleSet::Load(path);
    auto lazy = RuleSet::Load(path, Compile::kOnFirstUse);
    REQUIRE_MESSAGE(eager.ok(), eager.status().ToString());
    REQUIRE_MESSAGE(lazy.ok(), lazy.status().ToString());
    std::vector<std::string> texts;
    for (const Rule& rule : lazy->rules()) {
      CHECK(rule.gate.size() <= rule.pattern.size());
      for (const Example& ex : rule.examples) texts.push_back(ex.text);
      for (const CounterExample& ce : rule.counter_examples) texts.push_back(ce.text);
    }
    std::string all;
    for (const std::string& t : texts) all += t + "\n";
    texts.push_back(all);  // one long text, as an article is
    for (const auto& entry : std::filesystem::directory_iterator(NEWSFACTS_SOURCE_DIR "/corpus")) {
      std::ifstream page(entry.path() / "page.html", std::ios::binary);
      if (!page) continue;
      std::ostringstream html;
      html << page.rdbuf();
      texts.push_back(html.str());  // markup and all: only the two ways' agreement counts
    }
    size_t matches = 0;
    for (const std::string& t : texts) matches += CheckSameMatches(*eager, *lazy, t);
    CHECK_MESSAGE(matches > texts.size() / 2, file);
    CHECK(lazy->CompileStatus().ok());
  }
}

TEST_CASE("focused on a text, a rule is compiled for it with only the lexicon forms it holds") {
  const std::string toml = R"toml([ruleset]
id = "f"
version = 1
[lexicon.unit]
ignore_case = true
[[lexicon.unit.entry]]
forms = ["kilometres", "km"]
[[lexicon.unit.entry]]
forms = ["square metres", "sq m"]
[[lexicon.unit.entry]]
forms = ["tonnes"]
[lexicon.mark]
[[lexicon.mark.entry]]
forms = ["Mr", "Ms"]
[[rule]]
id = "f.amount"
pattern = '(?P<n>\d+) (?P<unit>%{unit})'
fields = ["n", "unit"]
  [[rule.example]]
  text = "5 km"
  match = "5 km"
[[rule]]
id = "f.name"
pattern = '(?i:%{mark}) (?P<name>[A-Z]\w+)'
fields = ["name"]
  [[rule.example]]
  text = "Mr Smith"
  match = "Mr Smith"
)toml";
  auto set = RuleSet::FromText(toml, "focus.toml", Compile::kOnFirstUse);
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  const std::string focus = "Ran 5 KILOMETRES, paved 3 square\n metres; mr Jones";
  set->FocusOn(focus);
  const Rule& amount = *set->FindRule("f.amount");
  const Rule& name = *set->FindRule("f.name");
  // In the text and its parts: only the forms whose words the text holds, case-folded.
  for (std::string_view t : {std::string_view(focus), std::string_view(focus).substr(4, 12)}) {
    const std::string compiled = amount.re(t)->pattern();
    CHECK(compiled.find("kilometres") != std::string::npos);
    CHECK(compiled.find("square") != std::string::npos);
    CHECK(compiled.find("tonnes") == std::string::npos);
    CHECK(compiled.find("km") == std::string::npos);
  }
  // The "Ms" form is not there, "Mr" is (as "mr", matched by the rule's own (?i)).
  CHECK(name.re(focus)->pattern().find("Ms") == std::string::npos);
  CHECK(name.re(focus)->pattern().find("Mr") != std::string::npos);
  const std::vector<Match> found = set->FindAll(focus);
  REQUIRE(found.size() == 3);
  CHECK(found[0].Group("unit") == "KILOMETRES");
  CHECK(found[1].Group("unit") == "square\n metres");
  CHECK(found[2].Group("name") == "Jones");
  // Any other text is matched with the whole patterns.
  const std::string other = "8 tonnes and 2 km for Ms Lee";
  CHECK(amount.re(other)->pattern() == amount.pattern);
  const std::vector<Match> elsewhere = set->FindAll(other);
  REQUIRE(elsewhere.size() == 3);
  CHECK(elsewhere[0].Group("unit") == "tonnes");
  CHECK(elsewhere[1].Group("unit") == "km");
  CHECK(elsewhere[2].Group("name") == "Lee");
  // A text with none of a lexicon's forms: that rule cannot match in it, and is not
  // compiled from its pattern at all.
  set->FocusOn("7 miles");
  CHECK(set->FindAll("7 miles").empty());
  CHECK(amount.re("7 miles")->pattern() == "[^\\x00-\\x{10FFFF}](?P<n>)(?P<unit>)");
  CHECK(amount.field_groups("7 miles").size() == 2);
  CHECK(set->FindAll("7 km").size() == 1);
  CHECK(set->CompileStatus().ok());
  // A set compiled at load ignores the focus.
  auto eager = RuleSet::FromText(toml, "focus.toml");
  REQUIRE(eager.ok());
  eager->FocusOn("7 miles");
  CHECK(eager->FindRule("f.amount")->re("7 miles")->pattern() == amount.pattern);
}

TEST_CASE("a rule whose lexicon is optional, in one branch, or behind a class still matches") {
  // Patterns whose structure the focus reads: each can match without %{unit}.
  const std::string toml = R"toml([ruleset]
id = "g"
version = 1
[lexicon.unit]
[[lexicon.unit.entry]]
forms = ["km"]
[[rule]]
id = "g.optional"
pattern = '(?P<n>\d+)(?:\s*%{unit})?'
fields = ["n"]
  [[rule.example]]
  text = "5 km"
  match = "5 km"
[[rule]]
id = "g.branch"
pattern = '(?:%{unit}|miles?)\s+(?P<n>\d+)'
fields = ["n"]
  [[rule.example]]
  text = "miles 5"
  match = "miles 5"
[[rule]]
id = "g.repeat"
pattern = '(?i)(?P<n>\d+)[|)(]?(?:\s+%{unit}){0,2}\(x\)'
fields = ["n"]
  [[rule.example]]
  text = "5) (x)"
  match = "5) (x)"
[[rule]]
id = "g.needed"
pattern = '(?P<n>\d+)(?:\s+(?:%{unit}|%{unit}s))+'
fields = ["n"]
  [[rule.example]]
  text = "5 km"
  match = "5 km"
)toml";
  auto eager = RuleSet::FromText(toml, "g.toml");
  auto lazy = RuleSet::FromText(toml, "g.toml", Compile::kOnFirstUse);
  REQUIRE_MESSAGE(eager.ok(), eager.status().ToString());
  REQUIRE_MESSAGE(lazy.ok(), lazy.status().ToString());
  for (const std::string text : {"5 miles 7 and 8) (x) then 9 kms", "miles 12", "3(x)"}) {
    lazy->FocusOn(text);
    CHECK(CheckSameMatches(*eager, *lazy, text) > 0);
  }
  // Only the rule that needs a unit is cut to nothing.
  lazy->FocusOn("5 miles");
  CHECK(lazy->FindRule("g.needed")->re("5 miles")->ProgramSize() <= 2);
  for (const char* id : {"g.optional", "g.branch", "g.repeat"}) {
    CHECK_MESSAGE(
        lazy->FindRule(id)->re("5 miles")->pattern().find("(?P<n>\\d+)") != std::string::npos, id);
  }
}

TEST_CASE("focused on a text, the shipped rule sets find in it what they find compiled at load") {
  // Each example text of the sets `check` focuses, as a claim: the matches in the text,
  // in a part of it, and in a text outside it must be those of the whole patterns.
  for (const char* file : {"quantities.toml", "dates.toml", "officials.toml"}) {
    const std::string path = std::string(NEWSFACTS_SOURCE_DIR "/rules/") + file;
    auto eager = RuleSet::Load(path);
    auto lazy = RuleSet::Load(path, Compile::kOnFirstUse);
    REQUIRE_MESSAGE(eager.ok(), eager.status().ToString());
    REQUIRE_MESSAGE(lazy.ok(), lazy.status().ToString());
    const auto same = [&](std::string_view t) { return CheckSameMatches(*eager, *lazy, t); };
    size_t matches = 0, texts = 0;
    for (const Rule& rule : eager->rules()) {
      for (const Example& ex : rule.examples) {
        lazy->FocusOn(ex.text);
        matches += same(ex.text);
        same(std::string_view(ex.text).substr(ex.text.size() / 3));
        same(ex.text + " and 12 kilometres from the 3rd of May to August 9, 2021");
        ++texts;
      }
    }
    CHECK_MESSAGE(matches >= texts, file);
    CHECK(lazy->CompileStatus().ok());
  }
}

TEST_CASE("a lexicon includes a shared word list: its entries first, then its own") {
  namespace fs = std::filesystem;
  const newsfacts::testing::TempDir tmp("include");
  const fs::path& dir = tmp.path();
  fs::create_directories(dir / "lexicons");
  std::ofstream(dir / "lexicons" / "nums.toml")
      << "# shared\n[[entry]]\nforms = [\"one\"]\nvalue = 1\n\n[[entry]]\nforms = [\"two\"]\n"
         "value = 2\n";
  const std::string head =
      "[ruleset]\nid = \"t\"\nversion = 1\n[lexicon.num]\nignore_case = true\n"
      "include = [\"lexicons/nums.toml\"]\n";
  const std::string rule =
      "[[rule]]\nid = \"t.r\"\npattern = '(?P<n>%{num}) apples'\nfields = [\"n\"]\n"
      "  [[rule.example]]\n  text = \"Two apples\"\n  match = \"Two apples\"\n";
  std::ofstream(dir / "t.toml") << head
                                << "  [[lexicon.num.entry]]\n  forms = [\"one\", \"three\"]\n"
                                   "  value = 3\n"
                                << rule;
  auto set = RuleSet::Load((dir / "t.toml").string());
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  const Lexicon* num = set->lexicon("num");
  REQUIRE(num != nullptr);
  // The shared entry claims "one" first; the set's own entry adds "three".
  CHECK(num->Find("one")->attr("value") == "1");
  CHECK(num->Find("TWO")->attr("value") == "2");
  CHECK(num->Find("three")->attr("value") == "3");
  CHECK(set->RunExamples().empty());

  // Only the include: no entries of its own are needed.
  std::ofstream(dir / "t.toml", std::ios::trunc) << head << rule;
  CHECK(RuleSet::Load((dir / "t.toml").string()).ok());

  // A missing file is named with the line of the include; a bad word list with its own line.
  std::ofstream(dir / "t.toml", std::ios::trunc)
      << "[ruleset]\nid = \"t\"\nversion = 1\n[lexicon.num]\ninclude = [\"lexicons/none.toml\"]\n"
      << rule;
  auto missing = RuleSet::Load((dir / "t.toml").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().where() == (dir / "t.toml").string() + ":5");
  CHECK(missing.status().message().find("cannot open included") != std::string::npos);
  std::ofstream(dir / "lexicons" / "nums.toml", std::ios::trunc)
      << "[[entry]]\nforms = [\"one\"]\n[[entry]]\nvalue = 2\n";
  std::ofstream(dir / "t.toml", std::ios::trunc) << head << rule;
  auto bad = RuleSet::Load((dir / "t.toml").string());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().where() == (dir / "lexicons" / "nums.toml").string() + ":3");
  CHECK(bad.status().message() == "lexicon num: entry without forms");
}

}  // namespace
}  // namespace newsfacts::rules
