// Black-box tests of `newsfacts check` (docs/factcheck.md): claims about the
// corpus's figures restated, rounded, converted, wrong and unsupported, against a database
// extracted from corpus/ at test time. Expected verdicts are worked out by hand in the
// comments.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class CorpusDb {
 public:
  CorpusDb() {
    REQUIRE_MESSAGE(!BinaryPath().empty(), "NEWSFACTS_BIN is not set");
    const RunResult r = RunNewsfacts(
        {"extract", "--quiet", "--db", db().string(), (fs::path(SourceDir()) / "corpus").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
    const RunResult e =
        RunNewsfacts({"export", "--db", db().string(), "--format", "jsonl", "--what", "articles"});
    for (const std::string& line : Lines(e.out)) {
      const json a = json::parse(line);
      texts_[a["id"].get<std::string>()] = a["text"].get<std::string>();
    }
  }
  fs::path db() const { return tmp_ / "corpus.db"; }
  const std::string& text(const std::string& id) { return texts_.at(id); }

  // The hits of check --json for claim, and its exit status.
  std::vector<json> Check(const std::string& claim, int* exit_code) {
    const RunResult r = RunNewsfacts({"check", "--json", "--db", db().string(), claim});
    *exit_code = r.exit_code;
    std::vector<json> hits;
    for (const std::string& line : Lines(r.out)) hits.push_back(json::parse(line));
    return hits;
  }

 private:
  TempDir tmp_;
  std::map<std::string, std::string> texts_;
};

TEST_CASE("check: restated, rounded, converted and wrong figures of the seed article") {
  CorpusDb corpus;
  struct Case {
    const char* claim;
    const char* verdict;
    const char* figure;  // the stored figure the first hit shows
  };
  const Case cases[] = {
      // The article writes "8,222.5 kilograms (8.2 tonnes)": 8.2 tonnes is stored as written.
      {"Mexico seized 8.2 tonnes of fentanyl", "same", "8.2 tonnes"},
      // 8,222.5 kg = 18,127.6 lb, which is 18,000 to the thousand pounds.
      {"Mexico seized about 18,000 pounds of fentanyl", "rounded", "8,222.5 kilograms"},
      // 8,222.5 kg is more than 8 tonnes.
      {"Mexico seized more than 8 tonnes of fentanyl", "rounded", "8,222.5 kilograms"},
      // A wrong scale: 82 tonnes against 8.2 (and 8,222.5 kg).
      {"Mexico seized 82 tonnes of fentanyl", "different", nullptr},
      // Durations the date rules read: "four years" (P4Y) is 48 months.
      {"Fentanyl was seized during the last 48 months of Peña Nieto's administration", "same",
       "four years"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.claim);
    int exit_code = -1;
    const std::vector<json> hits = corpus.Check(c.claim, &exit_code);
    CHECK(exit_code == 0);
    REQUIRE(!hits.empty());
    const json& first = hits[0];
    CHECK(first["rank"] == 1);
    CHECK(first["verdict"] == c.verdict);
    CHECK(first["article_id"].get<std::string>().find("01-record-fentanyl-seizure") !=
          std::string::npos);
    if (c.figure) CHECK(first["figure"]["text"] == c.figure);
    // The sentence is the article's text at sentence_span, and holds the figure at its span.
    const std::string& text = corpus.text(first["article_id"]);
    CHECK(CodePoints(text, first["sentence_span"][0], first["sentence_span"][1]) ==
          first["sentence"]);
    CHECK(CodePoints(text, first["figure"]["span"][0], first["figure"]["span"][1]) ==
          first["figure"]["text"]);
    CHECK(first["figure"]["span"][0] >= first["sentence_span"][0]);
    CHECK(first["figure"]["span"][1] <= first["sentence_span"][1]);
    CHECK(first["claim_figure"].is_object());
    for (size_t i = 1; i < hits.size(); ++i) CHECK(hits[i]["score"] <= hits[i - 1]["score"]);
  }
}

TEST_CASE("check: a figure of another subject is not support; no hit exits 1") {
  CorpusDb corpus;
  int exit_code = -1;
  // The article's 8.2 tonnes are of fentanyl, not of uranium.
  // The claim's words still find the story's sentence on Mexico's seizures, as related only.
  const std::vector<json> hits = corpus.Check("Mexico seized 8.2 tonnes of uranium", &exit_code);
  REQUIRE_FALSE(hits.empty());
  for (const json& hit : hits) {
    CHECK(hit["verdict"] == "related");
    CHECK(hit["figure"].is_null());
  }
  const std::vector<json> none =
      corpus.Check("Bolivia exported 5 barrels of olive oil to Norway", &exit_code);
  CHECK(none.empty());
  CHECK(exit_code == 1);
}

TEST_CASE("check: human output marks the figure and gives the arithmetic") {
  CorpusDb corpus;
  const RunResult r =
      RunNewsfacts({"check", "--db", corpus.db().string(), "Mexico seized 8.2 tonnes of fentanyl"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK_MESSAGE(r.out.find("1. same  source 8,200 kg, claim 8,200 kg: same") != std::string::npos,
                r.out);
  CHECK_MESSAGE(r.out.find("([8.2 tonnes])") != std::string::npos, r.out);
  CHECK(r.out.find("borderledger.example, 2024-05-23") != std::string::npos);
}

TEST_CASE("check --format csv: a header and one CRLF row per hit") {
  CorpusDb corpus;
  const RunResult r = RunNewsfacts({"check", "--db", corpus.db().string(), "--format", "csv",
                                    "--limit", "2", "Mexico seized 8.2 tonnes of fentanyl"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  const size_t header_end = r.out.find("\r\n");
  REQUIRE(header_end != std::string::npos);
  CHECK(r.out.rfind("rank,verdict,score,how,article_id,url,", 0) == 0);
  // Row 1 is the `same` hit, with the figure as written in the corpus article.
  const std::string first =
      r.out.substr(header_end + 2, r.out.find("\r\n", header_end + 2) - header_end - 2);
  CHECK(first.rfind("1,same,", 0) == 0);
  CHECK(first.find(",8.2 tonnes,") != std::string::npos);
  size_t rows = 0;
  for (size_t at = 0; (at = r.out.find("\r\n", at)) != std::string::npos; at += 2) ++rows;
  CHECK(rows >= 2);  // the header and at least one hit
  CHECK(rows <= 3);  // --limit 2
}

TEST_CASE("check --claimreview: a schema.org ClaimReview draft") {
  CorpusDb corpus;
  RunResult r = RunNewsfacts({"check", "--db", corpus.db().string(), "--claimreview",
                              "Mexico seized 8.2 tonnes of fentanyl"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  json review = json::parse(r.out);
  CHECK(review["@type"] == "ClaimReview");
  CHECK(review["claimReviewed"] == "Mexico seized 8.2 tonnes of fentanyl");
  CHECK(review["datePublished"].get<std::string>().size() == 10);
  CHECK_FALSE(review.contains("reviewRating"));  // left for the person
  REQUIRE(review["itemReviewed"]["appearance"].size() >= 1);
  CHECK(review["itemReviewed"]["appearance"][0]["publisher"]["name"] == "borderledger.example");

  r = RunNewsfacts({"check", "--db", corpus.db().string(), "--claimreview", "--rating", "True",
                    "--author", "Desk", "Mexico seized 8.2 tonnes of fentanyl"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  review = json::parse(r.out);
  CHECK(review["reviewRating"]["alternateName"] == "True");
  CHECK(review["author"]["name"] == "Desk");

  r = RunNewsfacts({"check", "--db", corpus.db().string(), "--rating", "True", "8.2 tonnes"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--claimreview") != std::string::npos);
  r = RunNewsfacts({"check", "--db", corpus.db().string(), "--format", "xml", "8.2 tonnes"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("check: databases of another program or a newer schema are named errors") {
  TempDir tmp;
  const fs::path other = tmp / "other.db", newer = tmp / "newer.db", junk = tmp / "junk.db";
  for (const auto& [path, sql] :
       {std::pair{other, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);"},
        std::pair{newer, "CREATE TABLE t(x); PRAGMA user_version = 99;"}}) {
    sqlite3* conn = nullptr;
    REQUIRE(sqlite3_open(path.string().c_str(), &conn) == SQLITE_OK);
    REQUIRE(sqlite3_exec(conn, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(conn);
  }
  WriteFile(junk, "this is not a database, just text\n");
  for (const fs::path& db : {other, newer, junk}) {
    CAPTURE(db);
    const RunResult r = RunNewsfacts({"check", "--db", db.string(), "8.2 tonnes of fentanyl"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(db.filename().string()) != std::string::npos);
    CHECK(r.out.empty());
  }
  const RunResult r = RunNewsfacts({"check", "--db", newer.string(), "8.2 tonnes of fentanyl"});
  CHECK(r.err.find("newer") != std::string::npos);
}

TEST_CASE("check: a rule whose pattern does not compile is a named error, though compiled late") {
  // check compiles each rule when the claim first needs it; a broken one must still stop
  // it with the file, line and rule id, as a command that compiles every rule at start.
  CorpusDb corpus;
  TempDir tmp;
  const fs::path rules = fs::path(SourceDir()) / "rules";
  for (const char* set : {"dates.toml", "officials.toml"}) {
    WriteFile(tmp / set, ReadFile(rules / set));
  }
  fs::copy(rules / "lexicons", tmp / "lexicons", fs::copy_options::recursive);
  std::string quantities = ReadFile(rules / "quantities.toml");
  const size_t lines = static_cast<size_t>(std::count(quantities.begin(), quantities.end(), '\n'));
  quantities +=
      "\n[[rule]]\nid = \"quantities.test.broken\"\npattern = '(?P<amount>\\d+ tonnes'\n"
      "fields = [\"amount\"]\n  [[rule.example]]\n  text = \"8 tonnes\"\n"
      "  match = \"8 tonnes\"\n";
  WriteFile(tmp / "quantities.toml", quantities);
  const RunResult r = RunNewsfacts(
      {"check", "--db", corpus.db().string(), "--rules", tmp.path().string(), "8.2 tonnes"});
  CHECK(r.exit_code == 2);
  // The [[rule]] header is line lines + 2, its pattern the line after the id.
  CHECK(r.err.find("quantities.toml:" + std::to_string(lines + 4)) != std::string::npos);
  CHECK(r.err.find("rule quantities.test.broken: pattern does not compile") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("check: a crawl holding the write lock does not block a check (WAL)") {
  CorpusDb corpus;
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(corpus.db().string().c_str(), &writer) == SQLITE_OK);
  sqlite3_busy_timeout(writer, 0);
  REQUIRE(sqlite3_exec(writer, "BEGIN IMMEDIATE; UPDATE articles SET title = title;", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  int exit_code = -1;
  const std::vector<json> hits = corpus.Check("Mexico seized 8.2 tonnes of fentanyl", &exit_code);
  CHECK(exit_code == 0);
  REQUIRE(!hits.empty());
  CHECK(hits[0]["verdict"] == "same");
  sqlite3_exec(writer, "ROLLBACK;", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
}

TEST_CASE("check: a claim the English rules cannot read is searched by its words, and says so") {
  CorpusDb corpus;
  const RunResult r = RunNewsfacts(
      {"check", "--db", corpus.db().string(), "México incautó 8,2 toneladas de fentanilo"});
  // No figure is read (the rules are English); the words find no sentence sharing enough.
  CHECK(r.err.find("no figure") != std::string::npos);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no stored") != std::string::npos);
}

}  // namespace
}  // namespace newsfacts::testing
