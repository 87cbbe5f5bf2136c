#include "cli/process.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/inputs.h"
#include "tests/temp_dir.h"

namespace newsfacts::cli {
namespace {

TEST_CASE("NormaliseTimestamp gives the contract's forms") {
  std::string local;
  CHECK(NormaliseTimestamp("2024-05-23", &local) == "2024-05-23");
  CHECK(local == "2024-05-23");
  CHECK(NormaliseTimestamp("2024-05-23T09:41:00Z") == "2024-05-23T09:41:00Z");
  CHECK(NormaliseTimestamp("2024-05-23T09:41Z") == "2024-05-23T09:41:00Z");
  CHECK(NormaliseTimestamp("2024-05-23T09:41:00.123+00:00") == "2024-05-23T09:41:00Z");
  // 04:41 at UTC-5 is 09:41 UTC.
  CHECK(NormaliseTimestamp("2024-05-23T04:41:00-05:00") == "2024-05-23T09:41:00Z");
  // Across a day, a month and a year boundary; the local date stays the written one.
  CHECK(NormaliseTimestamp("2024-01-01T01:30:00+02:00", &local) == "2023-12-31T23:30:00Z");
  CHECK(local == "2024-01-01");
  CHECK(NormaliseTimestamp("2024-02-29T23:00:00-0130") == "2024-03-01T00:30:00Z");
  CHECK(NormaliseTimestamp(" 2024-05-23 09:41:07 ") == "2024-05-23T09:41:07");
  CHECK_FALSE(NormaliseTimestamp("2023-02-29").has_value());
  CHECK_FALSE(NormaliseTimestamp("May 23, 2024").has_value());
  CHECK_FALSE(NormaliseTimestamp("2024-13-01").has_value());
  CHECK_FALSE(NormaliseTimestamp("2024-05-23T25:00Z").has_value());
  CHECK_FALSE(NormaliseTimestamp("2024-05-23T09:41:00+05:00 trailing").has_value());
  CHECK_FALSE(NormaliseTimestamp("").has_value());
  // In UTC these fall before year 0 or after 9999, which ISO 8601 writes with no four digits.
  CHECK_FALSE(NormaliseTimestamp("0000-01-01T00:00:00+23:59").has_value());
  CHECK_FALSE(NormaliseTimestamp("9999-12-31T23:30:00-01:00").has_value());
  CHECK(NormaliseTimestamp("0000-01-01T23:59:00+23:59") == "0000-01-01T00:00:00Z");
}

TEST_CASE("InputReader walks directories in order and names unreadable inputs") {
  namespace fs = std::filesystem;
  const newsfacts::testing::TempDir tmp("inputs");
  const fs::path& dir = tmp.path();
  fs::create_directories(dir / "b");
  std::ofstream(dir / "b" / "two.html") << "<p>two</p>";
  std::ofstream(dir / "a.htm") << "<p>one</p>";
  std::ofstream(dir / "notes.json") << "{}";  // not an article format: skipped
  std::ofstream(dir / "list.jsonl")
      << "{\"id\":\"x1\",\"text\":\"Hello.\",\"url\":\"https://a.example/\"}\n"
      << "\n"
      << "not json\n"
      << "{\"id\":7,\"html\":\"<p>x</p>\",\"published\":\"2024-05-23\"}\n"
      << "{\"text\":\"no id\"}\n";

  InputReader reader({dir.string(), (dir / "missing.html").string()}, {});
  REQUIRE(reader.Validate().ok());
  std::vector<Item> items;
  while (auto item = reader.Next()) items.push_back(std::move(*item));
  REQUIRE(items.size() == 7);
  CHECK(items[0].name == (dir / "a.htm").string());
  CHECK(items[0].bytes == "<p>one</p>");
  CHECK(items[0].format == InputFormat::kHtml);
  CHECK(items[1].name == (dir / "b" / "two.html").string());
  CHECK(items[2].id == "x1");
  CHECK(items[2].format == InputFormat::kText);
  CHECK(items[2].url == "https://a.example/");
  CHECK(items[3].name == (dir / "list.jsonl").string() + ":3");
  CHECK(items[3].error.has_value());
  CHECK(items[4].id == "7");
  CHECK(items[4].published == "2024-05-23");
  CHECK(items[5].error->message().find("\"id\"") != std::string::npos);
  CHECK(items[6].error->code() == StatusCode::kNotFound);
  CHECK(items[6].error->ToString().find("missing.html") != std::string::npos);
}

TEST_CASE("InputReader refuses what it cannot do before any work") {
  CHECK(InputReader({}, {}).Validate().code() == StatusCode::kUsage);
  CHECK(InputReader({"crawl.warc.gz"}, {}).Validate().ok());
  InputOptions one_url;
  one_url.url = "https://a.example/";
  CHECK(InputReader({"a.html", "b.html"}, one_url).Validate().code() == StatusCode::kUsage);
  CHECK(InputReader({"a.html"}, one_url).Validate().ok());
  // An archive holds many URLs: one --url cannot name them.
  CHECK(InputReader({"crawl.warc.gz"}, one_url).Validate().code() == StatusCode::kUsage);
  InputOptions archive_format;
  archive_format.format = InputFormat::kArchive;
  CHECK(InputReader({"-"}, archive_format).Validate().code() == StatusCode::kUsage);
}

}  // namespace
}  // namespace newsfacts::cli
