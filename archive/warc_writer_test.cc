#include "archive/warc_writer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "tests/temp_dir.h"

namespace newsfacts::archive {
namespace fs = std::filesystem;
namespace {

Exchange SampleExchange(const std::string& body) {
  Exchange ex;
  ex.url = "http://127.0.0.1:8080/world/story";
  ex.ip = "127.0.0.1";
  ex.status = 200;
  ex.request_head = "GET /world/story HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
  ex.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
  ex.body = body;
  return ex;
}

std::vector<WarcRecord> ReadAll(const std::string& path) {
  std::vector<WarcRecord> out;
  Status s = ReadWarc(path, [&](const WarcRecord& r) {
    out.push_back(r);
    return true;
  });
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return out;
}

}  // namespace

TEST_CASE("warc: digest is sha1 in base32") {
  // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d, in RFC 4648 base32:
  CHECK(WarcDigest("abc") == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  CHECK(WarcDigest("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}

TEST_CASE("warc: warcinfo, request, response and revisit records read back") {
  const newsfacts::testing::TempDir tmp("warc-records");
  const std::string dir = tmp.File("warc");  // made by the writer
  auto w = WarcWriter::Open({dir, "t", 1ull << 30, "newsfacts-test", "agent/1"});
  REQUIRE(w.ok());
  const std::string body = "<p>Officials counted 8,222.5 kilograms.</p>";
  auto first = (*w)->WriteExchange(SampleExchange(body), "2024-05-23T09:41:00Z");
  REQUIRE(first.ok());
  CHECK(first->payload_digest == WarcDigest(body));

  Exchange not_modified = SampleExchange("");
  not_modified.status = 304;
  not_modified.response_head = "HTTP/1.1 304 Not Modified\r\nETag: \"e1\"\r\n\r\n";
  Revisit revisit;
  revisit.refers_to_uri = not_modified.url;
  revisit.refers_to_date = "2024-05-23T09:41:00Z";
  auto second = (*w)->WriteExchange(not_modified, "2024-05-24T09:41:00Z", revisit);
  REQUIRE(second.ok());
  CHECK(second->file == first->file);
  CHECK(second->offset > first->offset);

  auto records = ReadAll(first->file);
  REQUIRE(records.size() == 5);
  CHECK(records[0].headers["warc-type"] == "warcinfo");
  CHECK(records[0].block.find("software: newsfacts-test") != std::string::npos);
  CHECK(records[1].headers["warc-type"] == "request");
  CHECK(records[1].block.rfind("GET /world/story", 0) == 0);
  CHECK(records[2].headers["warc-type"] == "response");
  CHECK(records[2].offset == first->offset);
  CHECK(records[2].headers["warc-record-id"] == first->record_id);
  CHECK(records[1].headers["warc-concurrent-to"] == first->record_id);
  CHECK(records[2].headers["warc-payload-digest"] == WarcDigest(body));
  CHECK(records[2].headers["warc-block-digest"] == WarcDigest(records[2].block));
  CHECK(records[2].headers["warc-target-uri"] == "http://127.0.0.1:8080/world/story");
  // The body is stored de-chunked, so the chunked header is not kept.
  CHECK(records[2].block.find("Transfer-Encoding") == std::string::npos);
  CHECK(records[2].block.size() >= body.size());
  CHECK(records[2].block.compare(records[2].block.size() - body.size(), body.size(), body) == 0);
  CHECK(records[4].headers["warc-type"] == "revisit");
  CHECK(records[4].headers["warc-profile"] ==
        "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
  CHECK(records[4].headers["warc-refers-to-date"] == "2024-05-23T09:41:00Z");
}

TEST_CASE("warc: files rotate at the size limit and every file starts with warcinfo") {
  const newsfacts::testing::TempDir tmp("warc-rotate");
  const std::string dir = tmp.File("warc");  // made by the writer
  auto w = WarcWriter::Open({dir, "r", 2000, "newsfacts-test", ""});
  REQUIRE(w.ok());
  std::vector<std::string> files;
  for (int i = 0; i < 6; ++i) {
    // Random-looking bodies so gzip cannot shrink them below the limit.
    std::string body;
    for (int k = 0; k < 900; ++k) body += static_cast<char>('a' + (k * 7919 + i * 31) % 26);
    auto loc = (*w)->WriteExchange(SampleExchange(body), "2024-05-23T09:41:00Z");
    REQUIRE(loc.ok());
    if (files.empty() || files.back() != loc->file) files.push_back(loc->file);
  }
  CHECK(files.size() >= 2);
  for (const std::string& f : files) {
    auto records = ReadAll(f);
    REQUIRE_FALSE(records.empty());
    CHECK(records[0].headers["warc-type"] == "warcinfo");
  }
}

TEST_CASE("warc: a damaged member is reported after the good records") {
  const newsfacts::testing::TempDir tmp("warc-damaged");
  const std::string dir = tmp.File("warc");  // made by the writer
  auto w = WarcWriter::Open({dir, "d", 1ull << 30, "newsfacts-test", ""});
  REQUIRE(w.ok());
  auto loc = (*w)->WriteExchange(SampleExchange("body"), "2024-05-23T09:41:00Z");
  REQUIRE(loc.ok());
  w->reset();
  fs::resize_file(loc->file, loc->offset + loc->length / 2);
  size_t good = 0;
  Status s = ReadWarc(loc->file, [&](const WarcRecord&) {
    ++good;
    return true;
  });
  CHECK_FALSE(s.ok());
  CHECK(good == 2);
}

}  // namespace newsfacts::archive
