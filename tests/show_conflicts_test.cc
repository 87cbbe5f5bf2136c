// Black-box tests of `newsfacts show` and `newsfacts conflicts` (docs/factcheck.md): stories
// written for these tests, extracted by `extract` into a real database, then read back as a user
// would. Offsets and figures are counted by hand in the comments.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Four stories. One and two give different totals of fentanyl seized over the same range;
// four rounds one's total (8,222.5 kg is 8.2 t to the tenth), so it sides with one. Three
// writes markup as text and counts maize, which nobody else does.
const char kStories[] =
    R"({"id": "https://one.example/2024/05/20/haul", "url": "https://one.example/2024/05/20/haul", "published": "2024-05-20T09:00:00Z", "text": "Defence officials said soldiers seized 8,222.5 kilograms (8.2 tonnes) of fentanyl from December 1, 2018, to May 13, 2024. \u201cEvery gram was weighed twice,\u201d National Defense Minister Luis Cresencio Sandoval said."}
{"id": "https://two.example/news/fentanyl-total", "url": "https://two.example/news/fentanyl-total", "published": "2024-05-22T09:00:00Z", "text": "A congressional report said 7 tonnes of fentanyl were seized from December 1, 2018, to May 13, 2024. It did not explain the gap."}
{"id": "script-story", "url": "https://three.example/script", "published": "2024-03-05T09:00:00Z", "text": "Readers saw <script>alert(1)</script> in a caption. Police counted 40 tonnes of maize in March 2024."}
{"id": "tally-4", "url": "https://four.example/a", "published": "2024-05-25T09:00:00Z", "text": "Another tally put the haul at 8.2 tonnes of fentanyl from December 1, 2018, to May 13, 2024."}
)";

constexpr char kOne[] = "https://one.example/2024/05/20/haul";

class StoriesDb {
 public:
  StoriesDb() {
    REQUIRE_MESSAGE(!BinaryPath().empty(), "NEWSFACTS_BIN is not set");
    WriteFile(tmp_ / "stories.jsonl", kStories);
    const RunResult r =
        RunNewsfacts({"extract", "--quiet", "--db", db(), (tmp_ / "stories.jsonl").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  }
  std::string db() const { return (tmp_ / "stories.db").string(); }
  fs::path dir() const { return tmp_.path(); }

 private:
  TempDir tmp_;
};

TEST_CASE("show marks every fact in the text and lists them with their rules") {
  StoriesDb stories;
  const RunResult r = RunNewsfacts({"show", "--db", stories.db(), kOne});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  const std::string& out = r.out;
  CHECK_MESSAGE(out.find("seized [[8,222.5 kilograms]]{q1} ([[8.2 tonnes]]{q2}) of fentanyl "
                         "[[from December 1, 2018, to May 13, 2024]]{d1}.") != std::string::npos,
                out);
  // The speaker is also the official's mention: the official's mark holds the speaker's.
  CHECK_MESSAGE(out.find("\u201c[[Every gram was weighed twice,]]{s1}\u201d "
                         "[[[[National Defense Minister Luis Cresencio Sandoval]]{s1}]]{o1} "
                         "said.") != std::string::npos,
                out);
  CHECK(out.find("one.example, 2024-05-20") != std::string::npos);
  CHECK(out.find("Facts: 2 quantities, 1 date, 1 official, 1 quote") != std::string::npos);
  CHECK(out.find("\n  q1  8,222.5 kilograms — 8,222.5 kilogram = 8,222.5 kg, subject fentanyl  "
                 "[quantities.") != std::string::npos);
  CHECK(out.find("\n  q2  8.2 tonnes — 8.2 tonne = 8,200 kg, subject fentanyl, restates "
                 "8,222.5 kilograms  [quantities.") != std::string::npos);
  CHECK(out.find("\n  d1  from December 1, 2018, to May 13, 2024 — range "
                 "2018-12-01..2024-05-13  [dates.") != std::string::npos);
  CHECK(out.find("\n  s1  \u201cEvery gram was weighed twice,\u201d — Luis Cresencio Sandoval "
                 "said  [quotes.") != std::string::npos);
  // Not a terminal: no escape sequences.
  CHECK(out.find('\033') == std::string::npos);
}

TEST_CASE("show --json is the article object with its marks") {
  StoriesDb stories;
  const RunResult r = RunNewsfacts({"show", "--json", "--db", stories.db(), kOne});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  REQUIRE(Lines(r.out).size() == 1);
  const json a = json::parse(r.out);
  CHECK(a["id"] == kOne);
  CHECK(a["site"] == "one.example");
  CHECK(a["quantities"].size() == 2);
  const std::string text = a["text"];
  const json& marks = a["marks"];
  // 2 quantities, 1 date, 1 official mention, 1 quote part, 1 speaker.
  REQUIRE(marks.size() == 6);
  // "Defence officials said soldiers seized " is 8+10+5+9+7 = 39 code points.
  CHECK(marks[0]["kind"] == "quantity");
  CHECK(marks[0]["tag"] == "q1");
  CHECK(marks[0]["span"] == json::array({39, 56}));
  CHECK(marks[0]["fields"]["si_value"] == "8222.5");
  CHECK(marks[0]["fields"]["subject"] == "fentanyl");
  CHECK(marks[0]["rule"].get<std::string>().rfind("quantities.", 0) == 0);
  int64_t previous = -1;
  for (const json& m : marks) {
    CHECK(m["span"][0].get<int64_t>() >= previous);
    previous = m["span"][0];
    const std::string marked = CodePoints(text, m["span"][0], m["span"][1]);
    if (m["kind"] == "quantity" || m["kind"] == "date") CHECK(marked == m["fields"]["text"]);
    if (m["kind"] == "speaker" || m["kind"] == "official") {
      CHECK(marked == "National Defense Minister Luis Cresencio Sandoval");
    }
  }
}

TEST_CASE("show finds an article by its URL and shows markup as text") {
  StoriesDb stories;
  const RunResult r = RunNewsfacts({"show", "--db", stories.db(), "https://three.example/script"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK(r.out.find("id: script-story") != std::string::npos);
  // "Readers saw <script>alert(1)</script> in a caption. Police counted " is 67 code points;
  // the figure after the markup is still marked where it stands.
  CHECK_MESSAGE(
      r.out.find("Readers saw <script>alert(1)</script> in a caption. Police counted "
                 "[[40 tonnes]]{q1} of maize in [[March 2024]]{d1}.") != std::string::npos,
      r.out);
  const RunResult j = RunNewsfacts({"show", "--json", "--db", stories.db(), "script-story"});
  REQUIRE_MESSAGE(j.exit_code == 0, j.Describe());
  const json a = json::parse(j.out);
  CHECK(a["text"].get<std::string>().find("<script>alert(1)</script>") != std::string::npos);
  CHECK(a["marks"][0]["span"] == json::array({67, 76}));
}

TEST_CASE("show: an unknown article exits 1 naming it; no database or no argument exits 2") {
  StoriesDb stories;
  const RunResult unknown =
      RunNewsfacts({"show", "--db", stories.db(), "https://nowhere.example/missing"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.out.empty());
  CHECK_MESSAGE(unknown.err.find("no article with id or URL 'https://nowhere.example/missing'") !=
                    std::string::npos,
                unknown.err);
  const std::string missing = (stories.dir() / "missing.db").string();
  const RunResult no_db = RunNewsfacts({"show", "--db", missing, kOne});
  CHECK(no_db.exit_code == 2);
  CHECK(no_db.err.find("no database at " + missing) != std::string::npos);
  CHECK(!fs::exists(missing));
  CHECK(RunNewsfacts({"show", "--db", stories.db(), ""}).exit_code == 2);
  CHECK(RunNewsfacts({"show", "--db", stories.db()}).exit_code == 2);
}

TEST_CASE("show reads a database another program is writing without waiting") {
  StoriesDb stories;
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(stories.db().c_str(), &writer) == SQLITE_OK);
  REQUIRE(sqlite3_exec(writer,
                       "BEGIN IMMEDIATE; UPDATE articles SET title = 'Rewritten' WHERE id = "
                       "'tally-4';",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  const auto start = std::chrono::steady_clock::now();
  const RunResult r = RunNewsfacts({"show", "--db", stories.db(), "tally-4"});
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
  CHECK_MESSAGE(r.exit_code == 0, r.Describe());
  // The last committed state: no title yet. The busy timeout is 10 s; a reader must not wait.
  CHECK(r.out.rfind("(no title) — four.example, 2024-05-25\n", 0) == 0);
  CHECK(seconds < 5);
}

TEST_CASE("show: control characters in stored text cannot steer the terminal") {
  StoriesDb stories;
  // Text written by another tool: an escape sequence in the title and in the text, in place
  // of one letter, so that the stored spans still hold.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(stories.db().c_str(), &db) == SQLITE_OK);
  const int rc = sqlite3_exec(db,
                              "UPDATE articles SET title = 'Bad' || char(27) || '[2J title', "
                              "text = replace(text, 'Another', 'Anothe' || char(27)) "
                              "WHERE id = 'tally-4';",
                              nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
  const RunResult r = RunNewsfacts({"show", "--db", stories.db(), "tally-4"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK(r.out.find('\033') == std::string::npos);
  CHECK(r.out.rfind("Bad\uFFFD[2J title — four.example, 2024-05-25\n", 0) == 0);
  // "Another tally put the haul at " is 30 code points, as before.
  CHECK_MESSAGE(r.out.find("Anothe\uFFFD tally put the haul at [[8.2 tonnes]]{q1} of fentanyl") !=
                    std::string::npos,
                r.out);
}

TEST_CASE("conflicts groups the figures that disagree, with their sources") {
  StoriesDb stories;
  const RunResult r = RunNewsfacts({"conflicts", "--db", stories.db()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  const std::string& out = r.out;
  // 8,222.5 - 7,000 = 1,222.5, which is 17% of 7,000.
  CHECK_MESSAGE(out.rfind("1. fentanyl (kg), 2018-12-01 to 2024-05-13: 8,222.5 kg vs 7,000 kg: "
                          "17% apart\n",
                          0) == 0,
                out);
  CHECK(out.find("\n2. ") == std::string::npos);  // maize has one source only
  // By value: 7 t (two), 8.2 t (four), 8,222.5 kg (one); one's restatement is not repeated.
  const size_t two = out.find("said [[7 tonnes]] of fentanyl");
  const size_t four = out.find("the haul at [[8.2 tonnes]] of fentanyl");
  const size_t one = out.find("seized [[8,222.5 kilograms]] (8.2 tonnes) of fentanyl");
  CHECK(two != std::string::npos);
  CHECK(four != std::string::npos);
  CHECK(one != std::string::npos);
  CHECK(two < four);
  CHECK(four < one);
  CHECK(out.find("   - 7 tonnes = 7,000 kg, 2018-12-01 to 2024-05-13\n") != std::string::npos);
  CHECK(out.find("https://two.example/news/fentanyl-total\n") != std::string::npos);
  CHECK(out.find("two.example, 2024-05-22") != std::string::npos);
}

TEST_CASE("conflicts --json: one object per group") {
  StoriesDb stories;
  const RunResult r = RunNewsfacts({"conflicts", "--json", "--db", stories.db()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  const std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 1);
  const json c = json::parse(lines[0]);
  CHECK(c["rank"] == 1);
  CHECK(c["subject"] == "fentanyl");
  CHECK(c["si_unit"] == "kg");
  CHECK(c["period"] == json({{"from", "2018-12-01"}, {"to", "2024-05-13"}}));
  CHECK(c["how"] == "8,222.5 kg vs 7,000 kg: 17% apart");
  REQUIRE(c["figures"].size() == 3);
  const json& low = c["figures"][0];
  CHECK(low["article_id"] == "https://two.example/news/fentanyl-total");
  CHECK(low["site"] == "two.example");
  CHECK(low["figure"]["text"] == "7 tonnes");
  CHECK(low["figure"]["si_value"] == 7000.0);
  // "A congressional report said " is 2+14+7+5 = 28 code points.
  CHECK(low["figure"]["span"] == json::array({28, 36}));
  CHECK(low["sentence"] ==
        "A congressional report said 7 tonnes of fentanyl were seized from December 1, 2018, "
        "to May 13, 2024.");
  CHECK(low["sentence_span"][0] == 0);
  CHECK(low["archive"].is_null());
  CHECK(c["figures"][1]["article_id"] == "tally-4");
  CHECK(c["figures"][2]["article_id"] == kOne);
  CHECK(c["figures"][2]["figure"]["si_value"] == 8222.5);
}

TEST_CASE("conflicts: --subject and --since narrow; nothing found exits 1; bad input exits 2") {
  StoriesDb stories;
  const RunResult fentanyl =
      RunNewsfacts({"conflicts", "--db", stories.db(), "--subject", "Fentanyl"});
  CHECK(fentanyl.exit_code == 0);
  const RunResult maize = RunNewsfacts({"conflicts", "--db", stories.db(), "--subject", "maize"});
  CHECK(maize.exit_code == 1);
  CHECK(maize.out.empty());
  CHECK(maize.err.find("no figures that disagree about 'maize'") != std::string::npos);
  // From May 21 on, two and four only: 7 t against 8.2 t still disagree.
  const RunResult may21 =
      RunNewsfacts({"conflicts", "--db", stories.db(), "--since", "2024-05-21"});
  CHECK(may21.exit_code == 0);
  CHECK(may21.out.find("8,200 kg vs 7,000 kg: 17% apart") != std::string::npos);
  // From May 23 on, four only.
  CHECK(RunNewsfacts({"conflicts", "--db", stories.db(), "--since", "2024-05-23"}).exit_code == 1);
  const RunResult stop_words =
      RunNewsfacts({"conflicts", "--db", stories.db(), "--subject", "of the"});
  CHECK(stop_words.exit_code == 2);
  CHECK(stop_words.err.find("no word to look for") != std::string::npos);
  const RunResult bad_date =
      RunNewsfacts({"conflicts", "--db", stories.db(), "--since", "last spring"});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err.find("'last spring' is not an ISO 8601 date") != std::string::npos);
  const RunResult no_db = RunNewsfacts({"conflicts", "--db", (stories.dir() / "none.db").string()});
  CHECK(no_db.exit_code == 2);
  CHECK(no_db.err.find("no database at") != std::string::npos);
}

}  // namespace
}  // namespace newsfacts::testing
