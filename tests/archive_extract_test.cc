// Black-box tests of archives as input (docs/archives.md): `extract` over WARC files
// written by our own writer from the corpus pages, the `archive` object of each article and
// the bytes it points at, the per-file summary line, damaged files, the latest-capture rule
// whatever the order of the inputs, shards whose union is the whole and whose merge equals a
// single run, and `reextract` after a rule change.
//
// Every archive is written at test time in a temporary directory.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "archive/test_archives.h"
#include "archive/warc_writer.h"
#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void RequireBinary() { REQUIRE_MESSAGE(!BinaryPath().empty(), "NEWSFACTS_BIN is not set"); }

std::string Page(const std::string& folder) {
  return ReadFile(fs::path(SourceDir()) / "corpus" / folder / "page.html");
}

archive::Exchange Response(const std::string& url, int status, const std::string& type,
                           const std::string& body) {
  archive::Exchange ex;
  ex.url = url;
  ex.request_head = "GET " + url + " HTTP/1.1\r\nHost: example.test\r\n\r\n";
  ex.response_head = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
                     "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  ex.body = body;
  ex.status = status;
  return ex;
}

// Writes the exchanges into one new .warc.gz under dir (one gzip member per record, as
// our crawler writes), dated `date`; returns its path.
fs::path WriteWarc(const fs::path& dir, const std::string& prefix,
                   const std::vector<archive::Exchange>& exchanges, const std::string& date) {
  archive::WarcOptions options;
  options.dir = dir.string();
  options.prefix = prefix;
  auto writer = archive::WarcWriter::Open(options);
  REQUIRE(writer.ok());
  for (const archive::Exchange& ex : exchanges) REQUIRE((*writer)->WriteExchange(ex, date).ok());
  writer->reset();
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix + "-", 0) == 0) return entry.path();
  }
  FAIL("no WARC file written");
  return {};
}

// The gzip member at [offset, offset + length) of path, inflated; fails the test unless those
// bytes are exactly one member.
std::string InflateMember(const fs::path& path, int64_t offset, int64_t length) {
  const std::string all = ReadFile(path);
  REQUIRE(offset >= 0);
  REQUIRE(static_cast<size_t>(offset + length) <= all.size());
  try {
    return archive::testing::GunzipExactly(
        all.substr(static_cast<size_t>(offset), static_cast<size_t>(length)));
  } catch (const std::exception& e) {
    FAIL(path.string() << "@" << offset << ": " << e.what());
  }
  return {};
}

std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> objects;
  for (const std::string& line : Lines(out)) {
    if (line.empty()) continue;
    objects.push_back(json::parse(line));
  }
  return objects;
}

std::string QueryText(const fs::path& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open_v2(db.string().c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE_MESSAGE(sqlite3_prepare_v2(conn, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK, sql);
  std::string out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* t = sqlite3_column_text(stmt, i);
      out += (i ? "|" : "") + (t ? std::string(reinterpret_cast<const char*>(t)) : "<null>");
    }
    out += "\n";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(conn);
  return out;
}

const char* const kFolders[] = {"01-record-fentanyl-seizure", "02-bridge-repair-cp1252",
                                "03-port-terminal-entities", "04-festival-patrols",
                                "05-trade-deal-former-minister"};

// Five corpus pages at their own URLs, a 404 and a PNG.
std::vector<archive::Exchange> CorpusExchanges(const std::string& base) {
  std::vector<archive::Exchange> out;
  for (const char* folder : kFolders) {
    out.push_back(Response(base + folder, 200, "text/html", Page(folder)));
  }
  out.push_back(Response(base + "missing", 404, "text/html", "<html><p>Not here</p></html>"));
  out.push_back(Response(base + "logo.png", 200, "image/png", std::string("\x89PNG\r\n\x1a\n", 8)));
  return out;
}

// The corpus exchanges as one .warc.gz in tmp, dated 2024-05-24T10:00:00Z.
fs::path CorpusWarc(const TempDir& tmp) {
  return WriteWarc(tmp.path(), "crawl", CorpusExchanges("https://example.test/"),
                   "2024-05-24T10:00:00Z");
}

TEST_CASE("extract reads a WARC file: articles, their archive object, the summary line") {
  RequireBinary();
  TempDir tmp;
  const fs::path warc = CorpusWarc(tmp);
  const fs::path db = tmp / "news.db";
  const RunResult r = RunNewsfacts({"extract", "--json", "--db", db.string(), warc.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  const std::vector<json> articles = JsonLines(r.out);
  REQUIRE(articles.size() == 5);
  // warcinfo, 7 requests (other), 5 pages, one 404 (status), one PNG (non-HTML).
  CHECK_MESSAGE(
      r.err.find(warc.string() + ": records 15, articles 5, skipped 10 (non-HTML 1, "
                                 "status 1, revisit 0, other 8), damaged 0") != std::string::npos,
      r.err);
  for (size_t i = 0; i < articles.size(); ++i) {
    const json& a = articles[i];
    CAPTURE(i);
    CHECK(a["id"] == "https://example.test/" + std::string(kFolders[i]));
    CHECK(a["url"] == a["id"]);
    REQUIRE(a["archive"].is_object());
    const json& arc = a["archive"];
    CHECK(arc["file"] == warc.string());
    CHECK(arc["date"] == "2024-05-24T10:00:00Z");
    CHECK(arc["digest"] == archive::WarcDigest(Page(kFolders[i])));
    // The member at offset is exactly the response record of this page.
    const std::string record = InflateMember(warc, arc["offset"], arc["length"]);
    CHECK(record.rfind("WARC/1.1\r\n", 0) == 0);
    CHECK(record.find("WARC-Type: response") != std::string::npos);
    CHECK(record.find("WARC-Record-ID: " + arc["record_id"].get<std::string>()) !=
          std::string::npos);
    CHECK(record.find("WARC-Target-URI: " + a["id"].get<std::string>() + "\r\n") !=
          std::string::npos);
  }
  // The same bytes as an .html file give the same text (the page's own charset rules).
  for (size_t i = 0; i < articles.size(); ++i) {
    const RunResult file =
        RunNewsfacts({"extract", "--json", "--no-db",
                      (fs::path(SourceDir()) / "corpus" / kFolders[i] / "page.html").string()});
    REQUIRE(file.exit_code == 0);
    const std::vector<json> one = JsonLines(file.out);
    REQUIRE(one.size() == 1);
    CHECK_MESSAGE(one[0]["text"] == articles[i]["text"], kFolders[i]);
    CHECK(one[0]["quantities"].size() == articles[i]["quantities"].size());
  }
  // The database has the archive object and one capture per page.
  CHECK(QueryText(db, "SELECT count(*) FROM captures") == "5\n");
  CHECK(QueryText(db, "SELECT count(*) FROM articles WHERE archive_file = '" + warc.string() +
                          "' AND archive_digest LIKE 'sha1:%'") == "5\n");
  const RunResult exported =
      RunNewsfacts({"export", "--db", db.string(), "--format", "jsonl", "--what", "articles"});
  CHECK(JsonLines(exported.out) == articles);
}

TEST_CASE("a damaged archive: named with its offset, the records before it kept, exit 1") {
  RequireBinary();
  TempDir tmp;
  const fs::path warc = CorpusWarc(tmp);
  const std::string bytes = ReadFile(warc);
  // Cut in the middle of the last member (the PNG's response record).
  const fs::path cut = tmp / "cut.warc.gz";
  WriteFile(cut, bytes.substr(0, bytes.size() - 20));
  const fs::path not_archive = tmp / "notes.warc.gz";
  WriteFile(not_archive, "these are my notes, not an archive\n");
  const fs::path empty = tmp / "empty.warc";
  WriteFile(empty, "");
  const fs::path db = tmp / "news.db";
  const RunResult r = RunNewsfacts(
      {"extract", "--db", db.string(), not_archive.string(), empty.string(), cut.string()});
  CHECK_MESSAGE(r.exit_code == 1, r.Describe());
  CHECK_MESSAGE(r.err.find(not_archive.string() + "@0") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find(empty.string() + "@0") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find(cut.string() + "@") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find(cut.string() + ": records") != std::string::npos, r.err);
  CHECK(QueryText(db, "SELECT count(*) FROM articles") == "5\n");
}

TEST_CASE("the latest capture is the stored article whatever the order of the archives") {
  RequireBinary();
  TempDir tmp;
  const std::string url = "https://example.test/story";
  const std::string first_page = Page("01-record-fentanyl-seizure");
  std::string edited = first_page;
  const size_t at = edited.find("8.2 tonnes");
  REQUIRE(at != std::string::npos);
  edited.replace(at, 10, "9.1 tonnes");
  const fs::path early = WriteWarc(
      tmp.path(), "early", {Response(url, 200, "text/html", first_page)}, "2024-05-23T10:00:00Z");
  const fs::path late = WriteWarc(tmp.path(), "late", {Response(url, 200, "text/html", edited)},
                                  "2024-05-25T10:00:00Z");
  std::string texts[2];
  for (int order = 0; order < 2; ++order) {
    const fs::path db = tmp / ("order" + std::to_string(order) + ".db");
    const std::vector<std::string> files =
        order == 0 ? std::vector<std::string>{early, late} : std::vector<std::string>{late, early};
    std::vector<std::string> args = {"extract", "--quiet", "--db", db.string()};
    args.insert(args.end(), files.begin(), files.end());
    const RunResult r = RunNewsfacts(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
    texts[order] = QueryText(db, "SELECT archive_date, text FROM articles");
    CHECK(QueryText(db, "SELECT count(*) FROM articles") == "1\n");
    CHECK(QueryText(db,
                    "SELECT group_concat(date, ' ') FROM (SELECT date FROM captures ORDER BY "
                    "date)") == "2024-05-23T10:00:00Z 2024-05-25T10:00:00Z\n");
  }
  CHECK(texts[0] == texts[1]);
  CHECK(texts[0].rfind("2024-05-25T10:00:00Z|", 0) == 0);
  CHECK(texts[0].find("9.1 tonnes") != std::string::npos);
}

TEST_CASE("shards are disjoint, cover the corpus, and merge into what one run stores") {
  RequireBinary();
  TempDir tmp;
  std::vector<archive::Exchange> many;
  for (int copy = 0; copy < 4; ++copy) {
    for (const archive::Exchange& ex :
         CorpusExchanges("https://example.test/" + std::to_string(copy) + "/")) {
      many.push_back(ex);
    }
  }
  const fs::path warc = WriteWarc(tmp.path(), "big", many, "2024-05-24T10:00:00Z");
  const fs::path single = tmp / "single.db";
  REQUIRE(RunNewsfacts({"extract", "--quiet", "--db", single.string(), warc.string()}).exit_code ==
          0);
  std::set<std::string> seen;
  std::vector<std::string> shard_dbs;
  for (int k = 1; k <= 3; ++k) {
    const fs::path db = tmp / ("shard" + std::to_string(k) + ".db");
    shard_dbs.push_back(db.string());
    const RunResult r = RunNewsfacts(
        {"extract", "--shard", std::to_string(k) + "/3", "--db", db.string(), warc.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
    CHECK_MESSAGE(r.err.find("shard " + std::to_string(k) + "/3") != std::string::npos, r.err);
    CHECK(QueryText(db, "SELECT shard FROM runs") == std::to_string(k) + "/3\n");
    for (const std::string& id : Lines(QueryText(db, "SELECT id FROM articles"))) {
      CHECK_MESSAGE(seen.insert(id).second, id << " is in two shards");
    }
  }
  CHECK(seen.size() == 20);
  const fs::path merged = tmp / "merged.db";
  std::vector<std::string> args = {"merge", merged.string()};
  args.insert(args.end(), shard_dbs.begin(), shard_dbs.end());
  const RunResult m = RunNewsfacts(args);
  REQUIRE_MESSAGE(m.exit_code == 0, m.Describe());
  const auto export_sorted = [](const fs::path& db, const std::string& what) {
    const RunResult e =
        RunNewsfacts({"export", "--db", db.string(), "--format", "jsonl", "--what", what});
    REQUIRE(e.exit_code == 0);
    std::vector<std::string> lines = Lines(e.out);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  for (const char* what : {"articles", "quantities", "dates", "officials", "quotes"}) {
    CAPTURE(what);
    CHECK(export_sorted(merged, what) == export_sorted(single, what));
  }
  CHECK(QueryText(merged, "SELECT count(*) FROM runs") == "3\n");
  CHECK(QueryText(merged, "SELECT count(*) FROM captures") == "20\n");
  // The full-text index follows the merged articles.
  CHECK(QueryText(merged,
                  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                  "'fentanyl'") ==
        QueryText(single,
                  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH "
                  "'fentanyl'"));
  // A second identical merge changes nothing.
  const std::string before =
      QueryText(merged, "SELECT id, stored_at, run_id FROM articles ORDER BY id");
  const RunResult again = RunNewsfacts(args);
  REQUIRE(again.exit_code == 0);
  CHECK_MESSAGE(again.out.find("articles added 0, replaced 0, unchanged") != std::string::npos,
                again.out);
  CHECK(QueryText(merged, "SELECT id, stored_at, run_id FROM articles ORDER BY id") == before);
  CHECK(QueryText(merged, "SELECT count(*) FROM runs") == "3\n");
}

TEST_CASE("the shard comes from Slurm's job-array variables") {
  RequireBinary();
  TempDir tmp;
  const fs::path warc = CorpusWarc(tmp);
  const fs::path db = tmp / "task.db";
  setenv("SLURM_ARRAY_TASK_ID", "7", 1);
  setenv("SLURM_ARRAY_TASK_MIN", "6", 1);
  setenv("SLURM_ARRAY_TASK_COUNT", "2", 1);
  const RunResult r = RunNewsfacts({"extract", "--db", db.string(), warc.string()});
  unsetenv("SLURM_ARRAY_TASK_ID");
  unsetenv("SLURM_ARRAY_TASK_MIN");
  unsetenv("SLURM_ARRAY_TASK_COUNT");
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK(QueryText(db, "SELECT shard FROM runs") == "2/2\n");
  const fs::path other = tmp / "other.db";
  REQUIRE(RunNewsfacts({"extract", "--shard", "1/2", "--db", other.string(), warc.string()})
              .exit_code == 0);
  const int64_t a = std::stoll(QueryText(db, "SELECT count(*) FROM articles"));
  const int64_t b = std::stoll(QueryText(other, "SELECT count(*) FROM articles"));
  CHECK(a + b == 5);
}

TEST_CASE("reextract runs changed rules over stored articles only") {
  RequireBinary();
  TempDir tmp;
  const fs::path warc = CorpusWarc(tmp);
  const fs::path db = tmp / "news.db";
  REQUIRE(RunNewsfacts({"extract", "--quiet", "--db", db.string(), warc.string()}).exit_code == 0);
  const std::string facts =
      QueryText(db,
                "SELECT article_id, position, text, si_value, ruleset_version FROM quantities "
                "ORDER BY 1, 2");
  REQUIRE(!facts.empty());

  // Nothing is stale: nothing is done.
  RunResult r = RunNewsfacts({"reextract", "--db", db.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK_MESSAGE(r.err.find("0 articles extracted again") != std::string::npos, r.err);

  // A new version of one rule set makes every article stale.
  const fs::path rules = tmp / "rules";
  fs::create_directories(rules);
  for (const auto& entry : fs::directory_iterator(fs::path(SourceDir()) / "rules")) {
    fs::copy(entry.path(), rules / entry.path().filename(), fs::copy_options::recursive);
  }
  std::string quantities = ReadFile(rules / "quantities.toml");
  const size_t v = quantities.find("\nversion = ");
  REQUIRE(v != std::string::npos);
  const size_t end = quantities.find('\n', v + 1);
  const int old_version = std::stoi(quantities.substr(v + 11, end - v - 11));
  quantities.replace(v, end - v, "\nversion = " + std::to_string(old_version + 1));
  WriteFile(rules / "quantities.toml", quantities);

  // Two shards of the re-extraction: each does its part; together, every article.
  int64_t done = 0;
  for (const char* shard : {"1/2", "2/2"}) {
    r = RunNewsfacts(
        {"reextract", "--shard", shard, "--db", db.string(), "--rules", rules.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
    CHECK_MESSAGE(r.err.find("(shard " + std::string(shard) + ")") != std::string::npos, r.err);
    const size_t at = r.err.find("reextract: ");
    REQUIRE(at != std::string::npos);
    done += std::stoll(r.err.substr(at + 11));
  }
  CHECK(done == 5);
  CHECK(QueryText(db, "SELECT DISTINCT ruleset_version FROM quantities") ==
        std::to_string(old_version + 1) + "\n");
  CHECK(QueryText(db, "SELECT command FROM runs ORDER BY id DESC LIMIT 1") == "reextract\n");
  // A second run finds nothing stale; --all does every article again.
  r = RunNewsfacts({"reextract", "--db", db.string(), "--rules", rules.string()});
  CHECK_MESSAGE(r.err.find("0 articles extracted again") != std::string::npos, r.err);
  r = RunNewsfacts(
      {"reextract", "--all", "--renormalise", "--db", db.string(), "--rules", rules.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.Describe());
  CHECK_MESSAGE(r.err.find("5 articles extracted again") != std::string::npos, r.err);
  // The same text and rules give the same facts, whether from the text or the archive.
  std::string now = QueryText(
      db,
      "SELECT article_id, position, text, si_value, ruleset_version FROM quantities ORDER BY 1, 2");
  std::string expected = facts;
  for (size_t p = 0;
       (p = expected.find("|" + std::to_string(old_version) + "\n", p)) != std::string::npos;) {
    expected.replace(p, std::to_string(old_version).size() + 2,
                     "|" + std::to_string(old_version + 1) + "\n");
  }
  CHECK(now == expected);
}

TEST_CASE("merge refuses what is not a newsfacts database before writing anything") {
  RequireBinary();
  TempDir tmp;
  const fs::path junk = tmp / "junk.db";
  WriteFile(junk, "not a database at all, just text that is long enough to be read as one");
  const fs::path out = tmp / "out.db";
  const RunResult r = RunNewsfacts({"merge", out.string(), junk.string()});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find(junk.string()) != std::string::npos, r.err);
  CHECK_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace newsfacts::testing
