// Every shipped rule file loads, and every example and counter-example of every rule
// passes: one subcase per file (select one with -sc='*dates.toml*').
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/rule_set.h"

namespace newsfacts {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> RuleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(NEWSFACTS_SOURCE_DIR "/rules")) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("shipped rule files: every example passes") {
  std::vector<std::string> files = RuleFiles();
  REQUIRE(!files.empty());
  for (const std::string& file : files) {
    SUBCASE(file.c_str()) {
      auto set = rules::RuleSet::Load(file);
      REQUIRE_MESSAGE(set.ok(), set.status().ToString());
      CHECK(set->example_count() >= set->rules().size());
      for (const std::string& failure : set->RunExamples()) FAIL_CHECK(failure);
    }
  }
}

TEST_CASE("shipped rule directory loads as a rule book") {
  auto book = RuleBook::Load(NEWSFACTS_SOURCE_DIR "/rules");
  REQUIRE_MESSAGE(book.ok(), book.status().ToString());
  CHECK(book->versions().count("quantities") == 1);
  CHECK(book->versions().count("dates") == 1);
  CHECK(book->versions().count("officials") == 1);
  CHECK(book->versions().count("quotes") == 1);
}

}  // namespace
}  // namespace newsfacts
