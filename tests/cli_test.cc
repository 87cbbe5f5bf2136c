// Black-box tests of the newsfacts command (README, "Using it": commands and exit statuses):
// hostile inputs, partial failure, bad rule files, the extract/export round trip, the
// text and JSON Lines input formats, check's usage errors, and bad flags.
//
// Every input is generated at test time in a temporary directory; databases are checked
// through the sqlite3 C API. The program is NEWSFACTS_BIN (set by ctest).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path CorpusPage(const std::string& folder) {
  return fs::path(SourceDir()) / "corpus" / folder / "page.html";
}

fs::path RulesDir() { return fs::path(SourceDir()) / "rules"; }

// The integer result of a one-value query, or nullopt with *error set.
std::optional<int64_t> QueryInt(const fs::path& db, const std::string& sql, std::string* error) {
  sqlite3* conn = nullptr;
  if (sqlite3_open_v2(db.string().c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *error = "cannot open " + db.string() + ": " + (conn ? sqlite3_errmsg(conn) : "out of memory");
    sqlite3_close(conn);
    return std::nullopt;
  }
  sqlite3_stmt* stmt = nullptr;
  std::optional<int64_t> value;
  if (sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    *error = sql + ": " + sqlite3_errmsg(conn);
  } else if (sqlite3_step(stmt) == SQLITE_ROW) {
    value = sqlite3_column_int64(stmt, 0);
  } else {
    *error = sql + ": no row (" + sqlite3_errmsg(conn) + ")";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(conn);
  return value;
}

// Every JSON line of stdout parsed, or a message why not.
std::vector<json> ParseLines(const std::string& out, std::string* error) {
  std::vector<json> objects;
  for (const std::string& line : Lines(out)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      *error = "not a JSON object: " + line.substr(0, 200);
      return {};
    }
    objects.push_back(std::move(j));
  }
  return objects;
}

void RequireBinary() {
  const std::string bin = BinaryPath();
  if (bin.empty()) {
    FAIL(
        "NEWSFACTS_BIN is not set: run through ctest, or set it to the built newsfacts "
        "binary (e.g. NEWSFACTS_BIN=build/newsfacts build/tests_tests)");
  }
  REQUIRE_MESSAGE(fs::exists(bin), "NEWSFACTS_BIN=" << bin << " does not exist");
}

// A hostile input must never crash the program: exit 0 or 1, and on 1 stderr names it.
void CheckSurvives(const fs::path& input, const RunResult& r) {
  REQUIRE_MESSAGE(r.started, "could not run " << BinaryPath());
  CHECK_MESSAGE(!r.signaled, input.filename().string() << ": " << r.Describe());
  CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 1), input.filename().string()
                                                            << ": " << r.Describe());
  if (r.exit_code == 1) {
    CHECK_MESSAGE(
        r.err.find(input.string()) != std::string::npos,
        "stderr does not name the failing input " << input.string() << "; stderr: " << r.err);
  }
  // Whatever was printed must be JSON Lines with valid UTF-8.
  std::string error;
  ParseLines(r.out, &error);
  CHECK_MESSAGE(error.empty(), input.filename().string() << ": stdout " << error);
}

TEST_CASE("extract survives hostile inputs") {
  RequireBinary();
  TempDir tmp;

  auto run = [&](const fs::path& input) {
    return RunNewsfacts(
        {"extract", "--json", "--db", (tmp / "hostile.db").string(), input.string()});
  };

  SUBCASE("empty file") {
    const fs::path input = tmp / "empty.html";
    WriteFile(input, "");
    CheckSurvives(input, run(input));
  }
  SUBCASE("binary file with NUL bytes") {
    const fs::path input = tmp / "random.html";
    std::mt19937 rng(20240523);
    std::string bytes(64 * 1024, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    for (size_t i = 0; i < bytes.size(); i += 97) bytes[i] = '\0';
    WriteFile(input, bytes);
    CheckSurvives(input, run(input));
  }
  SUBCASE("invalid UTF-8 declared as UTF-8") {
    const fs::path input = tmp / "invalid-utf8.html";
    std::string page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Broken bytes</title>"
        "</head><body><article><h1>Broken bytes</h1>"
        "<p>The ferry timetable changed \xff\xfe in the spring \xc3\x28 and again \xe2\x82 in "
        "the autumn, the harbour office said.</p>"
        "<p>A lone continuation byte \x80 and an overlong form \xc0\xaf follow here.</p>"
        "</article></body></html>";
    WriteFile(input, page);
    CheckSurvives(input, run(input));
  }
  SUBCASE("50 MB page") {
    const fs::path input = tmp / "huge.html";
    std::string page = "<!DOCTYPE html><html><head><title>Long page</title></head><body>";
    const std::string paragraph =
        "<p>The council met again to discuss the ferry timetable, and again it reached no "
        "decision about the winter service.</p>\n";
    page.reserve(51u << 20);
    while (page.size() < (50u << 20)) page += paragraph;
    page += "</body></html>";
    WriteFile(input, page);
    CheckSurvives(input, run(input));
  }
  SUBCASE("100,000 nested divs") {
    const fs::path input = tmp / "deep.html";
    const std::string sentence = "The lighthouse keeper counted the passing ships every night.";
    std::string page = "<!DOCTYPE html><html><head><title>Deep page</title></head><body>";
    std::string open;
    for (int i = 0; i < 100000; ++i) open += "<div>";
    page += open + sentence + "</body></html>";
    WriteFile(input, page);
    const RunResult r = RunNewsfacts({"extract", "--json", "--no-db", input.string()});
    CheckSurvives(input, r);
    CHECK_MESSAGE(r.exit_code == 0, "deep page: " << r.Describe());
    std::string error;
    const std::vector<json> objects = ParseLines(r.out, &error);
    REQUIRE_MESSAGE(objects.size() == 1, "deep page: expected one JSON line; " << error);
    const std::string text = objects[0].value("text", std::string());
    CHECK_MESSAGE(text.find(sentence) != std::string::npos,
                  "deep page: text does not contain the sentence; text: " << text.substr(0, 300));
  }
}

TEST_CASE("a missing input fails alone; the others are stored") {
  RequireBinary();
  TempDir tmp;
  const fs::path db = tmp / "partial.db";
  const fs::path missing = tmp / "no-such-page.html";
  const RunResult r = RunNewsfacts({"extract", "--db", db.string(),
                                    CorpusPage("01-record-fentanyl-seizure").string(),
                                    missing.string(), CorpusPage("04-festival-patrols").string()});
  REQUIRE(r.started);
  CHECK_MESSAGE(!r.signaled, r.Describe());
  CHECK_MESSAGE(r.exit_code == 1, r.Describe());
  CHECK_MESSAGE(r.err.find(missing.string()) != std::string::npos,
                "stderr does not name " << missing.string() << "; stderr: " << r.err);
  std::string error;
  const auto count = QueryInt(db, "SELECT count(*) FROM articles", &error);
  REQUIRE_MESSAGE(count.has_value(), error);
  CHECK(*count == 2);
}

// A copy of the shipped rule files with one pattern broken.
struct BrokenRules {
  std::string file;      // file name, e.g. "dates.toml"
  std::string rule_id;   // the rule whose pattern was broken
  int header_line = 0;   // line of its [[rule]] header (1-based)
  int pattern_line = 0;  // line of its pattern
};

// Copies every rules/*.toml (and the shared word lists they include) into dir and adds an
// unclosed group to the first rule, in file-name order, whose pattern is a one-line literal
// string. nullopt when none.
std::optional<BrokenRules> CopyAndBreakRules(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::copy(fs::path(RulesDir()) / "lexicons", dir / "lexicons", fs::copy_options::recursive, ec);
  if (ec) return std::nullopt;
  for (const auto& entry : fs::directory_iterator(RulesDir(), ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::optional<BrokenRules> broken;
  for (const fs::path& file : files) {
    std::string text = ReadFile(file);
    if (!broken) {
      std::vector<std::string> lines = Lines(text);
      int header = 0;
      std::string id;
      for (size_t i = 0; i < lines.size() && !broken; ++i) {
        const std::string& line = lines[i];
        const size_t first = line.find_first_not_of(" \t");
        const std::string trimmed = first == std::string::npos ? "" : line.substr(first);
        if (trimmed.rfind("[[rule]]", 0) == 0) {
          header = static_cast<int>(i) + 1;
          id.clear();
        } else if (header > 0 && id.empty() && trimmed.rfind("id", 0) == 0 &&
                   trimmed.find('"') != std::string::npos) {
          const size_t q1 = trimmed.find('"');
          const size_t q2 = trimmed.find('"', q1 + 1);
          if (q2 != std::string::npos) id = trimmed.substr(q1 + 1, q2 - q1 - 1);
        } else if (header > 0 && !id.empty() && trimmed.rfind("pattern", 0) == 0) {
          const size_t eq = trimmed.find('=');
          const size_t quote = eq == std::string::npos ? eq : trimmed.find('\'', eq);
          if (quote == std::string::npos || trimmed.compare(quote, 3, "'''") == 0 ||
              trimmed.find('\'', quote + 1) == std::string::npos) {
            continue;  // not a one-line literal string
          }
          lines[i] = line.substr(0, first + quote + 1) + "(" + line.substr(first + quote + 1);
          broken = BrokenRules{file.filename().string(), id, header, static_cast<int>(i) + 1};
          std::string rebuilt;
          for (const std::string& l : lines) rebuilt += l + "\n";
          text = rebuilt;
        }
      }
    }
    WriteFile(dir / file.filename(), text);
  }
  return broken;
}

TEST_CASE("a bad rule file stops the program before any work") {
  RequireBinary();
  TempDir tmp;
  const fs::path rules = tmp / "rules";
  fs::create_directories(rules);
  const std::optional<BrokenRules> broken = CopyAndBreakRules(rules);
  REQUIRE_MESSAGE(broken.has_value(),
                  "no rule with a one-line literal pattern found in " << RulesDir().string());

  const fs::path db = tmp / "never.db";
  const RunResult r = RunNewsfacts({"extract", "--rules", rules.string(), "--db", db.string(),
                                    CorpusPage("01-record-fentanyl-seizure").string()});
  REQUIRE(r.started);
  CHECK_MESSAGE(!r.signaled, r.Describe());
  CHECK_MESSAGE(r.exit_code == 2, r.Describe());
  const std::string at_pattern = broken->file + ":" + std::to_string(broken->pattern_line);
  const std::string at_header = broken->file + ":" + std::to_string(broken->header_line);
  CHECK_MESSAGE(
      (r.err.find(at_pattern) != std::string::npos || r.err.find(at_header) != std::string::npos),
      "stderr names neither " << at_pattern << " nor " << at_header << "; stderr: " << r.err);
  CHECK_MESSAGE(r.err.find(broken->rule_id) != std::string::npos,
                "stderr does not name rule " << broken->rule_id << "; stderr: " << r.err);
  CHECK_MESSAGE(!fs::exists(db), "a database was created: " << db.string());
  CHECK_MESSAGE(!fs::exists(db.string() + "-wal"), "a WAL file was created");
}

TEST_CASE("rules test and extract refuse an emit key the extractor does not read") {
  // "part_onyl" for part_only once passed `rules test` and made every part rule a fact of
  // its own; a boolean written as a string and a date form no handler reads are refused
  // as well.
  RequireBinary();
  for (const auto& [from, to, says] :
       {std::tuple<std::string, std::string, std::string>{
            "part_only = true", "part_onyl = true", "emit part_onyl: the dates extractor reads"},
        {"part_only = true", "part_only = \"yes\"", "emit part_only: must be true or false"},
        {"form = \"day\"", "form = \"month_day\"", "emit form: must be one of \"day\""}}) {
    CAPTURE(to);
    TempDir tmp;
    const fs::path rules = tmp / "rules";
    fs::create_directories(rules);
    for (const auto& entry : fs::directory_iterator(RulesDir())) {
      if (entry.is_directory()) {  // the shared word lists and the fact cases
        fs::copy(entry.path(), rules / entry.path().filename(), fs::copy_options::recursive);
        continue;
      }
      WriteFile(rules / entry.path().filename(), ReadFile(entry.path()));
    }
    std::string dates = ReadFile(rules / "dates.toml");
    const size_t at = dates.find(from, dates.find("\n[[rule]]"));
    REQUIRE(at != std::string::npos);
    const int line = static_cast<int>(std::count(dates.begin(), dates.begin() + at, '\n')) + 1;
    dates.replace(at, from.size(), to);
    WriteFile(rules / "dates.toml", dates);

    RunResult r = RunNewsfacts({"rules", "test", rules.string()});
    CHECK_MESSAGE(r.exit_code == 2, r.Describe());
    CHECK_MESSAGE(r.err.find("dates.toml:" + std::to_string(line)) != std::string::npos, r.err);
    CHECK_MESSAGE(r.err.find(says) != std::string::npos, r.err);
    const fs::path db = tmp / "never.db";
    r = RunNewsfacts({"extract", "--rules", rules.string(), "--db", db.string(),
                      CorpusPage("01-record-fentanyl-seizure").string()});
    CHECK_MESSAGE(r.exit_code == 2, r.Describe());
    CHECK_MESSAGE(r.err.find(says) != std::string::npos, r.err);
    CHECK_FALSE(fs::exists(db));
  }
}

TEST_CASE("extract --json and export print the same articles; re-extraction replaces rows") {
  RequireBinary();
  TempDir tmp;
  const fs::path db = tmp / "round.db";
  const std::vector<std::string> pages = {CorpusPage("01-record-fentanyl-seizure").string(),
                                          CorpusPage("03-port-terminal-entities").string()};

  std::vector<std::string> extract_args = {"extract", "--json", "--db", db.string()};
  extract_args.insert(extract_args.end(), pages.begin(), pages.end());
  const RunResult extracted = RunNewsfacts(extract_args);
  REQUIRE_MESSAGE((extracted.started && !extracted.signaled && extracted.exit_code == 0),
                  extracted.Describe());

  const RunResult exported =
      RunNewsfacts({"export", "--db", db.string(), "--format", "jsonl", "--what", "articles"});
  REQUIRE_MESSAGE((exported.started && !exported.signaled && exported.exit_code == 0),
                  exported.Describe());

  // Workers may finish in any order, so compare the lines as sets.
  std::vector<std::string> a = Lines(extracted.out);
  std::vector<std::string> b = Lines(exported.out);
  CHECK(a.size() == 2);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  CHECK_MESSAGE(a == b, "extract --json:\n" << extracted.out << "\nexport:\n" << exported.out);

  const std::vector<std::string> tables = {"articles",  "quantities", "dates",
                                           "officials", "mentions",   "quotes"};
  auto counts = [&]() {
    std::vector<int64_t> out;
    for (const std::string& table : tables) {
      std::string error;
      const auto n = QueryInt(db, "SELECT count(*) FROM " + table, &error);
      CHECK_MESSAGE(n.has_value(), error);
      out.push_back(n.value_or(-1));
    }
    return out;
  };
  const std::vector<int64_t> before = counts();
  CHECK(before[0] == 2);

  const RunResult again = RunNewsfacts({"extract", "--db", db.string(), pages[0]});
  REQUIRE_MESSAGE((again.started && !again.signaled && again.exit_code == 0), again.Describe());
  const std::vector<int64_t> after = counts();
  for (size_t i = 0; i < tables.size(); ++i) {
    CHECK_MESSAGE(after[i] == before[i], "rows in " << tables[i] << " went from " << before[i]
                                                    << " to " << after[i]
                                                    << " after extracting the same page again");
  }
}

TEST_CASE("--input-format text reads standard input") {
  RequireBinary();
  TempDir tmp;
  const fs::path input = tmp / "stdin.txt";
  WriteFile(input,
            "The ferry  service to the island resumed\tafter the storm.\n"
            "Crews repaired the landing stage overnight.\n"
            "\n"
            "Tickets bought for cancelled sailings will be refunded.\n");
  const RunResult r =
      RunNewsfacts({"extract", "--json", "--no-db", "--input-format", "text", "-"}, input);
  REQUIRE_MESSAGE((r.started && !r.signaled && r.exit_code == 0), r.Describe());
  std::string error;
  const std::vector<json> objects = ParseLines(r.out, &error);
  REQUIRE_MESSAGE(objects.size() == 1, "expected one JSON line; " << error << r.out);
  CHECK(objects[0].value("text", std::string()) ==
        "The ferry service to the island resumed after the storm. Crews repaired the landing "
        "stage overnight.\n\nTickets bought for cancelled sailings will be refunded.");
}

TEST_CASE("--input-format jsonl takes id, text, url and published") {
  RequireBinary();
  TempDir tmp;
  const fs::path input = tmp / "articles.jsonl";
  const json first = {{"id", "ferry-1"},
                      {"text",
                       "The ferry service resumed after the storm.\n\nTickets will be "
                       "refunded."},
                      {"url", "https://www.islandnews.example/ferry/resumed"},
                      {"published", "2024-05-23"}};
  const json second = {{"id", "ferry-2"},
                       {"text", "Crews repaired the landing stage overnight."},
                       {"url", "https://islandnews.example/ferry/repairs"},
                       {"published", "2024-05-24T08:00:00Z"}};
  WriteFile(input, first.dump() + "\n" + second.dump() + "\n");
  const RunResult r =
      RunNewsfacts({"extract", "--json", "--no-db", "--input-format", "jsonl", input.string()});
  REQUIRE_MESSAGE((r.started && !r.signaled && r.exit_code == 0), r.Describe());
  std::string error;
  std::vector<json> objects = ParseLines(r.out, &error);
  REQUIRE_MESSAGE(objects.size() == 2, "expected two JSON lines; " << error << r.out);
  std::sort(objects.begin(), objects.end(), [](const json& x, const json& y) {
    return x.value("id", std::string()) < y.value("id", std::string());
  });
  const json* inputs[] = {&first, &second};
  const char* sites[] = {"islandnews.example", "islandnews.example"};
  for (size_t i = 0; i < 2; ++i) {
    const json& in = *inputs[i];
    const json& out = objects[i];
    CAPTURE(out.dump());
    CHECK(out.value("id", std::string()) == in["id"].get<std::string>());
    CHECK(out.value("url", std::string()) == in["url"].get<std::string>());
    CHECK(out.value("published", std::string()) == in["published"].get<std::string>());
    CHECK(out.value("text", std::string()) == in["text"].get<std::string>());
    CHECK(out.value("site", std::string()) == sites[i]);
  }
}

TEST_CASE("check without a database, or with an empty claim, is a usage error") {
  RequireBinary();
  TempDir tmp;
  const fs::path db = (tmp / "unused.db");
  const RunResult missing = RunNewsfacts({"check", "--db", db.string(), "8.2 tonnes of fentanyl"});
  CHECK_MESSAGE(missing.exit_code == 2, missing.Describe());
  CHECK(missing.err.find(db.string()) != std::string::npos);
  CHECK_FALSE(fs::exists(db));
  const RunResult empty = RunNewsfacts({"check", "--db", db.string(), "  "});
  CHECK_MESSAGE(empty.exit_code == 2, empty.Describe());
  CHECK(empty.err.find("empty") != std::string::npos);
}

TEST_CASE("an unknown flag is a usage error and writes nothing") {
  RequireBinary();
  TempDir tmp;
  const fs::path db = tmp / "never.db";
  const RunResult r = RunNewsfacts({"extract", "--db", db.string(), "--no-such-flag",
                                    CorpusPage("01-record-fentanyl-seizure").string()});
  REQUIRE(r.started);
  CHECK_MESSAGE(!r.signaled, r.Describe());
  CHECK_MESSAGE(r.exit_code == 2, r.Describe());
  CHECK_MESSAGE(!r.err.empty(), "stderr is empty");
  CHECK_MESSAGE(!fs::exists(db), "a database was created: " << db.string());

  const RunResult no_command = RunNewsfacts({"--no-such-flag"});
  REQUIRE(no_command.started);
  CHECK_MESSAGE(!no_command.signaled, no_command.Describe());
  CHECK_MESSAGE(no_command.exit_code == 2, no_command.Describe());
}

TEST_CASE("commands start without the network, TLS and HTTP-server libraries") {
  // libcurl is opened when a command first fetches, and the HTTP server is a program of its
  // own: loading them (and the libraries they bring) would cost every command its start-up.
  RequireBinary();
  TempDir tmp;
  // The loader's trace goes to files named LD_DEBUG_OUTPUT.PID.
  setenv("LD_DEBUG", "libs", 1);
  setenv("LD_DEBUG_OUTPUT", (tmp / "ld").c_str(), 1);
  const RunResult version = RunNewsfacts({"--version"});
  unsetenv("LD_DEBUG");
  unsetenv("LD_DEBUG_OUTPUT");
  REQUIRE_MESSAGE(version.exit_code == 0, version.Describe());
  std::string trace;
  for (const auto& entry : fs::directory_iterator(tmp.path())) trace += ReadFile(entry.path());
  // The loader names each library it initialises ("calling init: /lib/.../libz.so.1").
  CHECK_MESSAGE(trace.find("calling init:") != std::string::npos, trace);
  CHECK_MESSAGE(trace.find("libsqlite3") != std::string::npos, trace);
  for (const char* library : {"libcurl", "libssl", "libgnutls", "libcpp-httplib"}) {
    CHECK_MESSAGE(trace.find(library) == std::string::npos, std::string(library)
                                                                << " is loaded at start");
  }
}

TEST_CASE("serve says so when newsfacts-serve is not beside the program") {
  RequireBinary();
  TempDir tmp;
  const fs::path alone = tmp / "newsfacts";
  fs::copy_file(BinaryPath(), alone);
  fs::permissions(alone, fs::perms::owner_all);
  std::ofstream(tmp / "empty.db").put('\0');
  const RunResult r = RunProgram(
      alone.string(), {"serve", "--db", (tmp / "empty.db").string(), "--listen", "127.0.0.1:0"});
  CHECK_MESSAGE(r.exit_code == 2, r.Describe());
  CHECK_MESSAGE(r.err.find("cannot run " + (tmp / "newsfacts-serve").string()) != std::string::npos,
                r.err);
}

}  // namespace
}  // namespace newsfacts::testing
