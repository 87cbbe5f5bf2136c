// Fact cases: the shipped cases and rule expectations hold through the extractors, and a
// case that does not hold, or is written wrong, is named by file and line.
#include "extract/fact_cases.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace newsfacts {
namespace {

namespace fs = std::filesystem;

const std::string kRules = NEWSFACTS_SOURCE_DIR "/rules";

const RuleBook& Book() {
  static const RuleBook* book = [] {
    auto loaded = RuleBook::Load(kRules);
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
    return new RuleBook(std::move(*loaded));
  }();
  return *book;
}

// A cases file with the given text, removed when the test ends.
class CasesFile {
 public:
  explicit CasesFile(const std::string& text)
      : path_((fs::temp_directory_path() / ("nf-cases-" + std::to_string(++count_) + ".toml"))
                  .string()) {
    std::ofstream(path_) << text;
  }
  ~CasesFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int count_ = 0;
  std::string path_;
};

TEST_CASE("every shipped cases file holds through the extractors") {
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kRules + "/examples")) {
    if (entry.path().extension() != ".toml") continue;
    ++files;
    auto cases = LoadFactCases(entry.path().string());
    REQUIRE_MESSAGE(cases.ok(), cases.status().ToString());
    CHECK_MESSAGE(cases->size() >= 50, entry.path().string());
    for (const std::string& failure : RunFactCases(Book(), *cases)) FAIL_CHECK(failure);
  }
  CHECK(files >= 3);
}

TEST_CASE("rule examples with an expect table hold through the extractors") {
  size_t expected = 0;
  for (const char* file : {"quantities.toml", "dates.toml", "officials.toml", "quotes.toml"}) {
    auto set = rules::RuleSet::Load(kRules + "/" + file);
    REQUIRE_MESSAGE(set.ok(), set.status().ToString());
    auto cases = ExampleFactCases(*set);
    REQUIRE_MESSAGE(cases.ok(), cases.status().ToString());
    expected += cases->size();
    for (const std::string& failure : RunFactCases(Book(), *cases)) FAIL_CHECK(failure);
  }
  CHECK(expected >= 8);
}

TEST_CASE("a case whose facts differ fails with its file, line and the difference") {
  CasesFile file(
      "[cases]\nset = \"dates\"\n\n"
      "[[case]]\n"
      "text = \"The minister spoke on May 13.\"\n"
      "reference = \"2024-05-23\"\n"
      "facts = [{ text = \"May 13\", from = \"2024-05-13\", to = \"2024-05-14\" }]\n\n"
      "[[case]]\n"
      "text = \"The minister spoke on May 13 and left on May 14.\"\n"
      "reference = \"2024-05-23\"\n"
      "only = true\n"
      "facts = [{ text = \"May 13\" }]\n\n"
      "[[case]]\n"
      "text = \"The minister spoke on Tuesday.\"\n"
      "facts = [{ text = \"May 13\" }]\n\n"
      "[[case]]\n"
      "text = \"The minister spoke on May 13.\"\n"
      "reference = \"2024-05-23\"\n"
      "facts = [{ text = \"May 13\", from = \"2024-05-13\", kind = \"date\" }]\n");
  auto cases = LoadFactCases(file.path());
  REQUIRE_MESSAGE(cases.ok(), cases.status().ToString());
  REQUIRE(cases->size() == 4);
  std::vector<std::string> failures = RunFactCases(Book(), *cases);
  REQUIRE(failures.size() == 3);
  CHECK(failures[0].starts_with(file.path() + ":4: "));
  CHECK(failures[0].find("'May 13': to is '2024-05-13', expected '2024-05-14'") !=
        std::string::npos);
  CHECK(failures[1].starts_with(file.path() + ":9: "));
  CHECK(failures[1].find("2 dates facts, expected 1 ('May 13', 'May 14')") != std::string::npos);
  CHECK(failures[2].starts_with(file.path() + ":15: "));
  CHECK(failures[2].find("no dates fact 'May 13'") != std::string::npos);
}

TEST_CASE("numbers compare as numbers, nulls as empty") {
  CasesFile file(
      "[cases]\nset = \"quantities\"\n\n"
      "[[case]]\n"
      "text = \"Officials seized 8,222.5 kilograms of fentanyl.\"\n"
      "facts = [{ text = \"8,222.5 kilograms\", value = 8222.5, si_value = 8222.50, low = \"\" "
      "}]\n");
  auto cases = LoadFactCases(file.path());
  REQUIRE_MESSAGE(cases.ok(), cases.status().ToString());
  CHECK(RunFactCases(Book(), *cases).empty());
}

TEST_CASE("a float in a case keeps every digit") {
  // 1234567.5 to six significant digits would be 1.23457e+06, which is 1234570.
  const auto run = [](const std::string& value) {
    CasesFile file(
        "[cases]\nset = \"quantities\"\n\n"
        "[[case]]\n"
        "text = \"Officials seized 1,234,567.5 kilograms of fentanyl.\"\n"
        "facts = [{ text = \"1,234,567.5 kilograms\", value = " +
        value + " }]\n");
    auto cases = LoadFactCases(file.path());
    REQUIRE_MESSAGE(cases.ok(), cases.status().ToString());
    return RunFactCases(Book(), *cases);
  };
  CHECK(run("1234567.5").empty());
  CHECK(run("1234570.0").size() == 1);
}

TEST_CASE("a misspelt field or key, a missing set or text is an error at its line") {
  const std::string head = "[cases]\nset = \"dates\"\n\n[[case]]\ntext = \"On May 13.\"\n";
  CasesFile field(head + "facts = [{ text = \"May 13\", form = \"2024-05-13\" }]\n");
  auto cases = LoadFactCases(field.path());
  REQUIRE_FALSE(cases.ok());
  CHECK(cases.status().where() == field.path() + ":6");
  CHECK(cases.status().message().find("a dates fact has no field 'form'") != std::string::npos);

  CasesFile key(head + "refrence = \"2024-05-23\"\nonly = true\n");
  cases = LoadFactCases(key.path());
  REQUIRE_FALSE(cases.ok());
  CHECK(cases.status().where() == key.path() + ":6");
  CHECK(cases.status().message().find("unknown key 'refrence'") != std::string::npos);

  CasesFile set("[cases]\nset = \"money\"\n");
  CHECK_FALSE(LoadFactCases(set.path()).ok());
  CasesFile no_text("[cases]\nset = \"dates\"\n[[case]]\nonly = true\n");
  CHECK_FALSE(LoadFactCases(no_text.path()).ok());
  CasesFile no_facts(head);
  CHECK_FALSE(LoadFactCases(no_facts.path()).ok());
}

TEST_CASE("an expect table naming a field the facts do not have is refused") {
  auto set = rules::RuleSet::FromText(
      "[ruleset]\nid = \"dates\"\nversion = 1\n[[rule]]\nid = \"t.one\"\n"
      "pattern = '(?P<day>\\d+) days'\nfields = [\"day\"]\n"
      "emit = { form = \"duration\", kind = \"duration\" }\n"
      "  [[rule.example]]\n  text = \"3 days\"\n  match = \"3 days\"\n"
      "  expect = { durration = \"P3D\" }\n",
      "t.toml");
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  auto cases = ExampleFactCases(*set);
  REQUIRE_FALSE(cases.ok());
  CHECK(cases.status().where() == "t.toml:12");
  CHECK(cases.status().message().find("rule t.one: a dates fact has no field 'durration'") !=
        std::string::npos);
}

}  // namespace
}  // namespace newsfacts
