#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "extract/extract.h"

namespace newsfacts {
namespace {

namespace fs = std::filesystem;

const std::string kRules = NEWSFACTS_SOURCE_DIR "/rules";

// A copy of the shipped rules in a fresh directory, removed at the end.
class RulesCopy {
 public:
  RulesCopy() {
    std::string pattern = (fs::temp_directory_path() / "newsfacts-book-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    for (const auto& entry : fs::directory_iterator(kRules)) {
      fs::copy(entry.path(), dir_ / entry.path().filename(), fs::copy_options::recursive);
    }
  }
  ~RulesCopy() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

TEST_CASE("sets loaded in the background read their text as sets loaded at once do") {
  const std::string claim = "Mexico seized 8,222.5 kilograms of fentanyl from December 1, 2018";
  const RuleBook background = RuleBook::StartLoading(kRules, {"quantities", "dates"}, claim);
  auto at_once = RuleBook::LoadSets(kRules, {"quantities", "dates"});
  REQUIRE_MESSAGE(at_once.ok(), at_once.status().ToString());
  REQUIRE(background.has("quantities"));
  REQUIRE(background.has("dates"));
  CHECK_FALSE(background.has("officials"));
  std::vector<Quantity> q1, q2;
  ExtractQuantities(claim, background.quantities(), &q1);
  ExtractQuantities(claim, at_once->quantities(), &q2);
  REQUIRE(q1.size() == q2.size());
  REQUIRE_FALSE(q1.empty());
  CHECK(q1[0].text == q2[0].text);
  CHECK(q1[0].si_value == q2[0].si_value);
  std::vector<DateFact> d1, d2;
  ExtractDates(claim, background.dates(), Context{}, &d1);
  ExtractDates(claim, at_once->dates(), Context{}, &d2);
  REQUIRE(d1.size() == d2.size());
  REQUIRE_FALSE(d1.empty());
  CHECK(d1[0].text == d2[0].text);
  CHECK(background.CompileStatus().ok());
  CHECK(background.versions() == at_once->versions());
}

TEST_CASE("a set that fails to load in the background is not had, and its error is reported") {
  RulesCopy copy;
  REQUIRE_FALSE(copy.dir().empty());
  std::ofstream(copy.dir() / "dates.toml", std::ios::app) << "\n[[rule]]\nid = \"broken\n";
  const RuleBook book =
      RuleBook::StartLoading(copy.dir().string(), {"quantities", "dates", "nosuchset"}, "5 km");
  CHECK(book.has("quantities"));
  CHECK_FALSE(book.has("dates"));
  CHECK_FALSE(book.has("nosuchset"));
  const Status s = book.CompileStatus();
  REQUIRE_FALSE(s.ok());
  // The sets are reported in id order: dates first.
  CHECK(s.code() == StatusCode::kInvalidRule);
  CHECK_MESSAGE(s.where().find("dates.toml:") != std::string::npos, s.ToString());
  CHECK(book.versions().count("quantities") == 1);
  CHECK(book.versions().count("dates") == 0);
}

}  // namespace
}  // namespace newsfacts
