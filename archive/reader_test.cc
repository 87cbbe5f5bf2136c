#include "archive/reader.h"

#include <doctest/doctest.h>

#include "archive/test_archives.h"
#include "archive/warc_writer.h"

namespace newsfacts::archive {
using namespace testing;

namespace {

std::string Chunked(const std::string& body, size_t chunk) {
  std::string out;
  for (size_t pos = 0; pos < body.size(); pos += chunk) {
    const std::string part = body.substr(pos, chunk);
    char size[32];
    std::snprintf(size, sizeof size, "%zx", part.size());
    out += std::string(size) + "\r\n" + part + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string HtmlResponse(const std::string& body, const std::string& extra_headers = "") {
  return Http("HTTP/1.1 200 OK", "Content-Type: text/html; charset=UTF-8\r\n" + extra_headers,
              body);
}

// The response records 1..n for pages 1..n, as written (uncompressed).
std::vector<std::string> Responses(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back(
        WarcResponse("http://news.example/" + std::to_string(i), HtmlResponse(HtmlPage(i)), Id(i)));
  }
  return out;
}

std::string Where(const std::string& path, uint64_t offset) {
  return path + "@" + std::to_string(offset);
}

// The entry is damage found at path@offset whose message contains what.
void CheckDamage(const Entry& e, const std::string& path, uint64_t offset,
                 const std::string& what) {
  CHECK(e.kind == EntryKind::kDamaged);
  CHECK(e.error.code() == StatusCode::kInvalidInput);
  CHECK(e.error.where() == Where(path, offset));
  CHECK(e.capture.offset == offset);
  CHECK_MESSAGE(e.error.message().find(what) != std::string::npos, e.error.ToString());
}

void CheckPage(const Entry& e, int n) {
  CHECK(e.kind == EntryKind::kArticle);
  CHECK(e.page.url == "http://news.example/" + std::to_string(n));
  CHECK(e.page.body == HtmlPage(n));
  CHECK(e.capture.record_id == Id(n));
}

}  // namespace

TEST_CASE("reader: a file from our WARC writer") {
  TempDir dir("writer");
  auto w = WarcWriter::Open({dir.File("warc"), "t", 1ull << 30, "newsfacts-test", "ua/1"});
  REQUIRE(w.ok());
  const std::string html = HtmlPage(1);
  Exchange page;
  page.url = "http://127.0.0.1:8080/world/story";
  page.status = 200;
  page.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n"
      "Content-Encoding: gzip\r\n\r\n";
  page.body = Gzip(html);
  auto loc = (*w)->WriteExchange(page, "2024-05-23T09:41:00Z");
  REQUIRE(loc.ok());

  Exchange missing = page;
  missing.url = "http://127.0.0.1:8080/gone";
  missing.status = 404;
  missing.response_head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n";
  missing.body = "<html>not here</html>";
  REQUIRE((*w)->WriteExchange(missing, "2024-05-23T09:42:00Z").ok());
  Exchange image = page;
  image.url = "http://127.0.0.1:8080/logo.png";
  image.response_head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n";
  image.body = "\x89PNG\r\n";
  REQUIRE((*w)->WriteExchange(image, "2024-05-23T09:43:00Z").ok());
  Exchange not_modified = page;
  not_modified.status = 304;
  not_modified.response_head = "HTTP/1.1 304 Not Modified\r\n\r\n";
  not_modified.body.clear();
  REQUIRE((*w)->WriteExchange(not_modified, "2024-05-24T09:41:00Z", Revisit{}).ok());
  w->reset();

  const ReadResult r = ReadAll(loc->file);
  REQUIRE(r.entries.size() == 9);
  const EntryKind kinds[] = {EntryKind::kOther,   EntryKind::kOther,  EntryKind::kArticle,
                             EntryKind::kOther,   EntryKind::kStatus, EntryKind::kOther,
                             EntryKind::kNonHtml, EntryKind::kOther,  EntryKind::kRevisit};
  const char* types[] = {"warcinfo", "request",  "response", "request", "response",
                         "request",  "response", "request",  "revisit"};
  for (size_t i = 0; i < 9; ++i) {
    CHECK(r.entries[i].kind == kinds[i]);
    CHECK(r.entries[i].type == types[i]);
  }
  const Entry& a = r.entries[2];
  CHECK(a.page.url == page.url);
  CHECK(a.page.status == 200);
  CHECK(a.page.body == html);  // the gzip content-coding removed
  CHECK(a.page.content_type == "text/html; charset=ISO-8859-1");
  CHECK(a.page.charset == "iso-8859-1");
  CHECK_FALSE(a.page.is_text);
  CHECK(a.capture.file == loc->file);
  CHECK(a.capture.offset == loc->offset);
  CHECK(a.capture.length == loc->length);
  CHECK(a.capture.record_id == loc->record_id);
  CHECK(a.capture.date == "2024-05-23T09:41:00Z");
  CHECK(a.capture.digest == WarcDigest(page.body));  // of the payload as transferred
  CHECK(r.entries[4].page.status == 404);
  CHECK(r.entries[4].page.url == "http://127.0.0.1:8080/gone");
  CHECK(r.entries[6].page.url == "http://127.0.0.1:8080/logo.png");
  CHECK(r.entries[8].page.url == page.url);
  CHECK(r.counts.records == 9);
  CHECK(r.counts.articles == 1);
  CHECK(r.counts.status == 1);
  CHECK(r.counts.non_html == 1);
  CHECK(r.counts.revisit == 1);
  CHECK(r.counts.other == 5);
  CHECK(r.counts.damaged == 0);
  CHECK(r.bytes_read == std::filesystem::file_size(loc->file));

  // Each record's member is exactly [offset, offset + length) and holds only that record.
  const std::string bytes = ReadFile(loc->file);
  uint64_t expected_offset = 0;
  for (const Entry& e : r.entries) {
    CHECK(e.capture.offset == expected_offset);
    const std::string record = GunzipExactly(bytes.substr(e.capture.offset, e.capture.length));
    CHECK(record.rfind("WARC/1.1\r\n", 0) == 0);
    CHECK(record.find("WARC-Record-ID: " + e.capture.record_id + "\r\n") != std::string::npos);
    CHECK(record.substr(record.size() - 4) == "\r\n\r\n");
    expected_offset += e.capture.length;
  }
  CHECK(expected_offset == bytes.size());

  auto again = ReadRecordAt(loc->file, loc->offset, "");
  REQUIRE_MESSAGE(again.ok(), again.status().ToString());
  CHECK(again->kind == EntryKind::kArticle);
  CHECK(again->page.body == html);
  CHECK(again->capture.record_id == loc->record_id);
  auto by_id = ReadRecordAt(loc->file, loc->offset, loc->record_id);
  REQUIRE(by_id.ok());
  CHECK(by_id->page.url == page.url);
  CHECK(ReadRecordAt(loc->file, loc->offset, Id(99)).status().code() == StatusCode::kNotFound);
}

TEST_CASE("reader: hand-written WARC 1.0, uncompressed; offsets are the records' own") {
  TempDir dir("warc10");
  const std::string body1 = HtmlPage(1);
  const std::string rec1 =
      Warc({{"WARC-Type", "response"},
            {"WARC-Record-ID", Id(1)},
            {"WARC-Date", "2016-10-17T14:57:38.123456Z"},
            {"WARC-Target-URI", "<http://news.example/1>"},
            {"Content-Type", "application/http; msgtype=response"},
            {"WARC-Payload-Digest", "sha1:abcdefghijklmnop"}},
           "HTTP/1.0 200 OK\nContent-Type: text/html\nX-Folded: a\n b\n\n" + body1, "WARC/1.0");
  const std::string body2 = HtmlPage(2);
  const std::string rec2 = Warc({{"WARC-Type", "response"},
                                 {"WARC-Record-ID", Id(2)},
                                 {"WARC-Date", "2016-10-17T14:57:39Z"},
                                 {"WARC-Target-URI", "http://news.example/2"}},
                                HtmlResponse(body2), "WARC/1.0");
  const std::string request = Warc({{"WARC-Type", "request"}, {"WARC-Record-ID", Id(3)}},
                                   "GET / HTTP/1.1\r\n\r\n", "WARC/1.0");
  const std::string path = dir.File("a.warc");
  WriteFile(path, rec1 + rec2 + request);

  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  const Entry& a = r.entries[0];
  CHECK(a.kind == EntryKind::kArticle);
  CHECK(a.page.url == "http://news.example/1");  // wget's angle brackets removed
  CHECK(a.page.status == 200);
  CHECK(a.page.body == body1);
  CHECK(a.page.charset == "");
  CHECK(a.capture.date == "2016-10-17T14:57:38Z");
  CHECK(a.capture.digest == "sha1:ABCDEFGHIJKLMNOP");  // as written, upper-cased
  CHECK(a.capture.offset == 0);
  CHECK(a.capture.length == rec1.size());
  const Entry& b = r.entries[1];
  CheckPage(b, 2);
  CHECK(b.page.charset == "utf-8");
  CHECK(b.capture.digest == WarcDigest(body2));  // computed: no WARC-Payload-Digest
  CHECK(b.capture.offset == rec1.size());
  CHECK(b.capture.length == rec2.size());
  CHECK(r.entries[2].kind == EntryKind::kOther);
  CHECK(r.entries[2].capture.offset == rec1.size() + rec2.size());
  CHECK(r.entries[2].capture.length == request.size());

  auto second = ReadRecordAt(path, rec1.size(), "");
  REQUIRE(second.ok());
  CheckPage(*second, 2);
  CHECK(ReadRecordAt(path, rec1.size(), Id(1)).status().code() == StatusCode::kNotFound);
}

TEST_CASE("reader: chunked and gzip-encoded bodies; the digest is of the de-chunked payload") {
  TempDir dir("chunked");
  const std::string html = HtmlPage(1) + std::string(3000, ' ') + HtmlPage(2);
  const std::string encoded = Gzip(html);
  const std::string rec = WarcResponse(
      "http://news.example/c",
      Http("HTTP/1.1 200 OK",
           "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
           Chunked(encoded, 100)),
      Id(1));
  // Some writers store the body de-chunked but keep the header: used as it is.
  const std::string stored_plain =
      WarcResponse("http://news.example/p",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", HtmlPage(3)),
                   Id(2));
  const std::string path = dir.File("c.warc.gz");
  WriteFile(path, Gzip(rec) + Gzip(stored_plain));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 2);
  CHECK(r.entries[0].kind == EntryKind::kArticle);
  CHECK(r.entries[0].page.body == html);
  CHECK(r.entries[0].capture.digest == WarcDigest(encoded));
  CHECK(r.entries[1].kind == EntryKind::kArticle);
  CHECK(r.entries[1].page.body == HtmlPage(3));
}

TEST_CASE("reader: a body stored decoded under Content-Encoding is used as it is") {
  TempDir dir("decoded");
  const std::string path = dir.File("d.warc");
  const std::string plain = WarcResponse(
      "http://news.example/1", HtmlResponse(HtmlPage(1), "Content-Encoding: gzip\r\n"), Id(1));
  const std::string br = WarcResponse("http://news.example/2",
                                      HtmlResponse(HtmlPage(2), "Content-Encoding: br\r\n"), Id(2));
  // Binary data that is not gzip: damage, not a page.
  const std::string broken =
      WarcResponse("http://news.example/3",
                   HtmlResponse(std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff", 12),
                                "Content-Encoding: gzip\r\n"),
                   Id(3));
  WriteFile(path, plain + br + broken + Responses(4)[3]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 4);
  CheckPage(r.entries[0], 1);
  CheckPage(r.entries[1], 2);
  CheckDamage(r.entries[2], path, plain.size() + br.size(), "Content-Encoding gzip");
  CheckPage(r.entries[3], 4);
}

TEST_CASE("reader: HTML by Content-Type, or sniffed when the type says nothing") {
  TempDir dir("sniff");
  const std::string path = dir.File("s.warc");
  struct Case {
    std::string headers, body;
    EntryKind kind;
  };
  const std::vector<Case> cases = {
      {"Content-Type: text/html\r\n", "plain words", EntryKind::kArticle},
      {"Content-Type: application/xhtml+xml\r\n", "<html/>", EntryKind::kArticle},
      {"Content-Type: application/octet-stream\r\n", "\n <!DOCTYPE html><html>",
       EntryKind::kArticle},
      {"", "<html><body>no type</body></html>", EntryKind::kArticle},
      {"Content-Type: unknown/unknown\r\n", "<div>x</div>", EntryKind::kArticle},
      {"Content-Type: application/octet-stream\r\n", "\x89PNG\r\n", EntryKind::kNonHtml},
      {"Content-Type: text/plain\r\n", "<html>looks like html</html>", EntryKind::kNonHtml},
      {"Content-Type: application/json\r\n", "{}", EntryKind::kNonHtml},
  };
  std::string file;
  for (size_t i = 0; i < cases.size(); ++i) {
    file += WarcResponse("http://news.example/" + std::to_string(i),
                         Http("HTTP/1.1 200 OK", cases[i].headers, cases[i].body),
                         Id(static_cast<int>(i)));
  }
  WriteFile(path, file);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    CHECK(r.entries[i].kind == cases[i].kind);
    if (cases[i].kind == EntryKind::kArticle) CHECK(r.entries[i].page.body == cases[i].body);
  }
}

TEST_CASE("reader: resource and conversion (WET) records") {
  TempDir dir("resource");
  const std::string path = dir.File("r.wet.gz");
  const std::string html_resource = Warc({{"WARC-Type", "resource"},
                                          {"WARC-Record-ID", Id(1)},
                                          {"WARC-Target-URI", "file:///site/story.html"},
                                          {"Content-Type", "text/html; charset=windows-1252"}},
                                         HtmlPage(1));
  const std::string text_resource = Warc({{"WARC-Type", "resource"},
                                          {"WARC-Record-ID", Id(2)},
                                          {"WARC-Target-URI", "metadata://x/log.txt"},
                                          {"Content-Type", "text/plain"}},
                                         "a log");
  const std::string text = "Officials counted 8,222.5 kilograms.\nSecond line.";
  const std::string conversion = Warc({{"WARC-Type", "conversion"},
                                       {"WARC-Record-ID", Id(3)},
                                       {"WARC-Target-URI", "http://news.example/wet"},
                                       {"WARC-Date", "2020-08-08T17:27:41Z"},
                                       {"Content-Type", "text/plain"}},
                                      text, "WARC/1.0");
  WriteFile(path, Gzip(html_resource) + Gzip(text_resource) + Gzip(conversion));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CHECK(r.entries[0].kind == EntryKind::kArticle);
  CHECK(r.entries[0].type == "resource");
  CHECK(r.entries[0].page.status == 0);
  CHECK(r.entries[0].page.body == HtmlPage(1));
  CHECK(r.entries[0].page.charset == "windows-1252");
  CHECK(r.entries[1].kind == EntryKind::kNonHtml);
  const Entry& wet = r.entries[2];
  CHECK(wet.kind == EntryKind::kArticle);
  CHECK(wet.type == "conversion");
  CHECK(wet.page.is_text);
  CHECK(wet.page.body == text);
  CHECK(wet.page.url == "http://news.example/wet");
  CHECK(wet.capture.date == "2020-08-08T17:27:41Z");
  CHECK(wet.capture.digest == WarcDigest(text));
}

TEST_CASE("reader: ARC v1, plain and one gzip member per record") {
  TempDir dir("arc");
  const std::string version_block =
      "1 0 newsfacts\nURL IP-address Archive-date Content-type Archive-length\n";
  const std::string filedesc = "filedesc://test.arc 0.0.0.0 20240523094100 text/plain " +
                               std::to_string(version_block.size()) + "\n" + version_block + "\n";
  const std::string http1 = HtmlResponse(HtmlPage(1));
  const std::string rec1 = "http://news.example/1 10.0.0.1 20240523094101 text/html " +
                           std::to_string(http1.size()) + "\n" + http1 + "\n";
  const std::string http2 = Http("HTTP/1.1 404 Not Found", "Content-Type: text/html\r\n", "no");
  const std::string rec2 = "http://news.example/2 10.0.0.1 20240523094102 text/html " +
                           std::to_string(http2.size()) + "\n" + http2 + "\n";
  const std::string dns_block = "20240523094103\n10.0.0.1";
  const std::string dns = "dns:news.example 10.0.0.53 20240523094103 text/dns " +
                          std::to_string(dns_block.size()) + "\n" + dns_block + "\n";

  for (const bool gzip : {false, true}) {
    INFO("gzip " << gzip);
    const std::string path = dir.File(gzip ? "t.arc.gz" : "t.arc");
    const std::vector<std::string> parts = {filedesc, rec1, rec2, dns};
    std::vector<uint64_t> offsets, lengths;
    std::string file;
    for (const std::string& p : parts) {
      const std::string stored = gzip ? Gzip(p) : p;
      offsets.push_back(file.size());
      lengths.push_back(stored.size());
      file += stored;
    }
    WriteFile(path, file);
    const ReadResult r = ReadAll(path);
    REQUIRE(r.entries.size() == 4);
    CHECK(r.entries[0].kind == EntryKind::kOther);
    CHECK(r.entries[0].type == "filedesc");
    const Entry& a = r.entries[1];
    CHECK(a.kind == EntryKind::kArticle);
    CHECK(a.type == "response");
    CHECK(a.page.url == "http://news.example/1");
    CHECK(a.page.body == HtmlPage(1));
    CHECK(a.capture.record_id == "");
    CHECK(a.capture.date == "2024-05-23T09:41:01Z");
    CHECK(a.capture.digest == WarcDigest(HtmlPage(1)));
    CHECK(r.entries[2].kind == EntryKind::kStatus);
    CHECK(r.entries[2].page.status == 404);
    CHECK(r.entries[3].kind == EntryKind::kOther);  // dns: is not a page
    for (size_t i = 0; i < 4; ++i) {
      CHECK(r.entries[i].capture.offset == offsets[i]);
      CHECK(r.entries[i].capture.length == lengths[i]);
    }
    auto again = ReadRecordAt(path, offsets[1], "");
    REQUIRE_MESSAGE(again.ok(), again.status().ToString());
    CHECK(again->page.body == HtmlPage(1));
  }
}

TEST_CASE("reader: an ARC record with a wrong length is damage; the next record is read") {
  TempDir dir("arc-length");
  const std::string version_block =
      "1 0 newsfacts\nURL IP-address Archive-date Content-type Archive-length\n";
  const std::string filedesc = "filedesc://t.arc 0.0.0.0 20240523094100 text/plain " +
                               std::to_string(version_block.size()) + "\n" + version_block + "\n";
  std::string records[3];
  for (int i = 0; i < 3; ++i) {
    const std::string http = HtmlResponse(HtmlPage(i + 1));
    // The second record says it is 10 bytes shorter than it is.
    const size_t length = http.size() - (i == 1 ? 10 : 0);
    records[i] = "http://news.example/" + std::to_string(i + 1) + " 10.0.0.1 20240523094101 " +
                 "text/html " + std::to_string(length) + "\n" + http + "\n";
  }
  const std::string path = dir.File("w.arc");
  WriteFile(path, filedesc + records[0] + records[1] + records[2]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 4);
  CHECK(r.entries[1].page.body == HtmlPage(1));
  CheckDamage(r.entries[2], path, filedesc.size() + records[0].size(),
              "ARC record length " + std::to_string(HtmlResponse(HtmlPage(2)).size() - 10) +
                  " does not match its data");
  CHECK(r.entries[2].page.url == "http://news.example/2");
  CHECK(r.entries[3].kind == EntryKind::kArticle);
  CHECK(r.entries[3].page.body == HtmlPage(3));
  CHECK(r.counts.damaged == 1);
}

TEST_CASE("reader: .warc.zst, a frame per record, with and without a dictionary") {
  TempDir dir("zstd");
  const std::vector<std::string> recs = Responses(3);
  const std::string dict = HtmlPage(0) + "WARC-Type: response\r\nContent-Type: text/html";
  for (const bool with_dict : {false, true}) {
    INFO("dictionary " << with_dict);
    const std::string path = dir.File(with_dict ? "d.warc.zst" : "n.warc.zst");
    std::string file = with_dict ? SkippableFrame(0xD, Zstd(dict)) : "";
    std::vector<uint64_t> offsets;
    for (const std::string& rec : recs) {
      offsets.push_back(file.size());
      file += Zstd(rec, with_dict ? dict : "");
    }
    WriteFile(path, file);
    const ReadResult r = ReadAll(path);
    REQUIRE(r.entries.size() == 3);
    for (int i = 0; i < 3; ++i) {
      const Entry& e = r.entries[i];
      CheckPage(e, i + 1);
      CHECK(e.capture.offset == offsets[i]);
      CHECK(UnzstdExactly(file.substr(e.capture.offset, e.capture.length), with_dict ? dict : "") ==
            recs[i]);
    }
    auto last = ReadRecordAt(path, offsets[2], Id(3));
    REQUIRE_MESSAGE(last.ok(), last.status().ToString());
    CheckPage(*last, 3);
  }
}

TEST_CASE("reader: whole-file gzip: every record at offset 0, found again by record id") {
  TempDir dir("whole");
  const std::vector<std::string> recs = Responses(3);
  const std::string path = dir.File("w.warc.gz");
  WriteFile(path, Gzip(recs[0] + recs[1] + recs[2]));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CheckPage(r.entries[i], i + 1);
    CHECK(r.entries[i].capture.offset == 0);
    CHECK(r.entries[i].capture.length > 0);
    CHECK(r.entries[i].capture.length <= std::filesystem::file_size(path));
  }
  CHECK(r.entries[2].capture.length == std::filesystem::file_size(path));
  for (int i = 0; i < 3; ++i) {
    auto e = ReadRecordAt(path, 0, Id(i + 1));
    REQUIRE_MESSAGE(e.ok(), e.status().ToString());
    CheckPage(*e, i + 1);
  }
  CHECK(ReadRecordAt(path, 0, "")->page.url == "http://news.example/1");
  CHECK(ReadRecordAt(path, 0, Id(9)).status().code() == StatusCode::kNotFound);
}

TEST_CASE("reader: ReadRecordAt by id goes past damage before the record in its member") {
  TempDir dir("record-at-damage");
  std::vector<std::string> recs = Responses(3);
  recs[1].replace(recs[1].find("WARC-Date: "), 11, "WARC-Date ");
  const std::string path = dir.File("w.warc.gz");
  WriteFile(path, Gzip(recs[0] + recs[1] + recs[2]));
  auto third = ReadRecordAt(path, 0, Id(3));
  REQUIRE_MESSAGE(third.ok(), third.status().ToString());
  CheckPage(*third, 3);
  auto second = ReadRecordAt(path, 0, Id(2));
  CHECK(second.status().code() == StatusCode::kInvalidInput);
  CHECK(second.status().where() == Where(path, 0));
  CHECK(second.status().message().find("malformed WARC header line") != std::string::npos);
}

TEST_CASE("reader: mixed members: some hold several records, some one") {
  TempDir dir("mixed");
  const std::vector<std::string> recs = Responses(5);
  const std::string m1 = Gzip(recs[0] + recs[1]), m2 = Gzip(recs[2]), m3 = Gzip(recs[3] + recs[4]);
  const std::string path = dir.File("m.warc.gz");
  WriteFile(path, m1 + m2 + m3);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 5);
  const uint64_t offsets[] = {0, 0, m1.size(), m1.size() + m2.size(), m1.size() + m2.size()};
  for (int i = 0; i < 5; ++i) {
    CheckPage(r.entries[i], i + 1);
    CHECK(r.entries[i].capture.offset == offsets[i]);
  }
  CHECK(r.entries[1].capture.length == m1.size());
  CHECK(r.entries[2].capture.length == m2.size());
  CHECK(r.entries[4].capture.length == m3.size());
  CHECK(GunzipExactly(ReadFile(path).substr(m1.size(), m2.size())) == recs[2]);
  CHECK(ReadRecordAt(path, 0, Id(2))->page.url == "http://news.example/2");
  CHECK(ReadRecordAt(path, m1.size() + m2.size(), Id(5))->page.url == "http://news.example/5");
  // Record 1 is not in the second member.
  CHECK(ReadRecordAt(path, m1.size(), Id(1)).status().code() == StatusCode::kNotFound);
}

TEST_CASE("reader: wanted skips records as not mine, without decoding them") {
  TempDir dir("wanted");
  const std::string path = dir.File("s.warc");
  // A body that would be damage if decoded.
  const std::string bad = WarcResponse(
      "http://other.example/x",
      HtmlResponse(std::string("\x01\x02\x03", 3), "Content-Encoding: gzip\r\n"), Id(7));
  WriteFile(path, Responses(1)[0] + bad);
  ReaderOptions options;
  std::vector<std::string> asked;
  options.wanted = [&](const std::string& url) {
    asked.push_back(url);
    return url.find("news.example") != std::string::npos;
  };
  const ReadResult r = ReadAll(path, options);
  REQUIRE(r.entries.size() == 2);
  CheckPage(r.entries[0], 1);
  CHECK(r.entries[1].kind == EntryKind::kNotMine);
  CHECK(r.entries[1].page.url == "http://other.example/x");
  CHECK(asked == std::vector<std::string>{"http://news.example/1", "http://other.example/x"});
  CHECK(r.counts.not_mine == 1);
  CHECK(SummaryLine("s.warc", r.counts) ==
        "s.warc: records 2, articles 1, skipped 1 (non-HTML 0, status 0, revisit 0, other 1), "
        "damaged 0");
}

TEST_CASE("reader: a block larger than the window, member per record") {
  TempDir dir("large");
  std::string big = "<html><body>";
  for (int i = 0; big.size() < (3u << 20); ++i) big += "<p>paragraph " + std::to_string(i) + "</p>";
  big += "</body></html>";
  const std::string rec = WarcResponse("http://news.example/big", HtmlResponse(big), Id(1));
  const std::string path = dir.File("l.warc.gz");
  WriteFile(path, Gzip(rec) + Gzip(Responses(2)[1]));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 2);
  CHECK(r.entries[0].kind == EntryKind::kArticle);
  CHECK(r.entries[0].page.body == big);
  CheckPage(r.entries[1], 2);
}

TEST_CASE("reader: LF-only line ends in the WARC header, the record trailer and HTTP") {
  TempDir dir("lf");
  const std::string http = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" + HtmlPage(1);
  const std::string rec =
      "WARC/1.0\nWARC-Type: response\nWARC-Record-ID: " + Id(1) +
      "\nWARC-Target-URI: http://news.example/1\nContent-Length: " + std::to_string(http.size()) +
      "\n\n" + http + "\n\n";
  const std::string path = dir.File("lf.warc");
  WriteFile(path, rec + Responses(2)[1]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 2);
  CheckPage(r.entries[0], 1);
  CHECK(r.entries[0].capture.length == rec.size());
  CheckPage(r.entries[1], 2);
  CHECK(r.entries[1].capture.offset == rec.size());
}

TEST_CASE("reader: responses that are not HTTP messages") {
  TempDir dir("not-http");
  const std::string dns = Warc({{"WARC-Type", "response"},
                                {"WARC-Record-ID", Id(1)},
                                {"WARC-Target-URI", "dns:news.example"},
                                {"Content-Type", "text/dns"}},
                               "20240523094103\nnews.example. 300 IN A 10.0.0.1\n");
  const std::string broken = Warc({{"WARC-Type", "response"},
                                   {"WARC-Record-ID", Id(2)},
                                   {"WARC-Target-URI", "http://news.example/2"},
                                   {"Content-Type", "application/http; msgtype=response"}},
                                  "<html>no status line</html>");
  const std::string path = dir.File("n.warc");
  WriteFile(path, dns + broken + Responses(3)[2]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CHECK(r.entries[0].kind == EntryKind::kOther);
  CheckDamage(r.entries[1], path, dns.size(), "response record without an HTTP status line");
  CheckPage(r.entries[2], 3);
}

TEST_CASE("reader: ReadWarc gives every record's fields and block, and stops at damage") {
  TempDir dir("read-warc");
  const std::vector<std::string> recs = Responses(3);
  const std::string path = dir.File("r.warc");
  WriteFile(path, recs[0] + recs[1] + recs[2].substr(0, recs[2].size() - 40));
  std::vector<WarcRecord> got;
  const Status st = ReadWarc(path, [&](const WarcRecord& r) {
    got.push_back(r);
    return true;
  });
  CHECK(st.code() == StatusCode::kInvalidInput);
  CHECK(st.where() == Where(path, recs[0].size() + recs[1].size()));
  REQUIRE(got.size() == 2);
  CHECK(got[0].offset == 0);
  CHECK(got[1].offset == recs[0].size());
  CHECK(got[1].headers.at("warc-record-id") == Id(2));
  CHECK(got[1].headers.at("content-type") == "application/http;msgtype=response");
  CHECK(got[1].block == HtmlResponse(HtmlPage(2)));
  size_t calls = 0;
  CHECK(ReadWarc(path, [&](const WarcRecord&) { return ++calls < 1; }).ok());
  CHECK(calls == 1);
  CHECK(ReadWarc(dir.File("missing.warc"), [](const WarcRecord&) { return true; }).code() ==
        StatusCode::kIo);
}

// --- Damage -------------------------------------------------------------------------------

TEST_CASE("damage: a truncated last gzip member") {
  TempDir dir("truncated");
  const std::vector<std::string> recs = Responses(3);
  const std::string m1 = Gzip(recs[0]), m2 = Gzip(recs[1]), m3 = Gzip(recs[2]);
  const std::string path = dir.File("t.warc.gz");
  WriteFile(path, m1 + m2 + m3.substr(0, m3.size() / 2));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckPage(r.entries[1], 2);
  CheckDamage(r.entries[2], path, m1.size() + m2.size(), "gzip member truncated");
  CHECK(r.counts.damaged == 1);
}

TEST_CASE("damage: whole-file gzip cut short; a truncated last zstd frame") {
  TempDir dir("cut");
  const std::vector<std::string> recs = Responses(3);
  // A third record that compresses poorly, so the cut falls inside it.
  std::string words = "<html>";
  unsigned seed = 1;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245u + 12345u;
    words += static_cast<char>('a' + (seed >> 16) % 26);
  }
  const std::string noisy = WarcResponse("http://news.example/3", HtmlResponse(words), Id(3));
  const std::string whole = Gzip(recs[0] + recs[1] + noisy);
  REQUIRE(whole.size() > 2000);
  const std::string path = dir.File("w.warc.gz");
  WriteFile(path, whole.substr(0, whole.size() - 500));
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckPage(r.entries[1], 2);
  CheckDamage(r.entries[2], path, 0, "gzip member truncated");

  const std::string f1 = Zstd(recs[0]), f2 = Zstd(recs[1]);
  const std::string zst = dir.File("t.warc.zst");
  WriteFile(zst, f1 + f2.substr(0, f2.size() - 10));
  const ReadResult z = ReadAll(zst);
  REQUIRE(z.entries.size() == 2);
  CheckPage(z.entries[0], 1);
  CheckDamage(z.entries[1], zst, f1.size(), "zstd frame truncated");
}

TEST_CASE("damage: a gzip member cut short in the middle of the file") {
  TempDir dir("hole");
  const std::vector<std::string> recs = Responses(4);
  std::string m[4];
  for (int i = 0; i < 4; ++i) m[i] = Gzip(recs[i]);
  const std::string path = dir.File("h.warc.gz");
  WriteFile(path, m[0] + m[1].substr(0, m[1].size() / 2) + m[2] + m[3]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 4);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, m[0].size(), "corrupt gzip member");
  CheckPage(r.entries[2], 3);
  CHECK(r.entries[2].capture.offset == m[0].size() + m[1].size() / 2);
  CheckPage(r.entries[3], 4);
  CHECK(r.counts.damaged == 1);
}

TEST_CASE("damage: a gzip member failing its check takes its record along, no more") {
  TempDir dir("crc");
  const std::vector<std::string> recs = Responses(4);
  std::string m[4];
  for (int i = 0; i < 4; ++i) m[i] = Gzip(recs[i]);
  // One flipped bit in the second member's data, then the same member without its last 5
  // bytes (part of its CRC-32 and length): the record decodes, its check does not.
  std::string flipped = m[1];
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
  const std::string unchecked = m[1].substr(0, m[1].size() - 5);
  for (const std::string& bad : {flipped, unchecked}) {
    const std::string path = dir.File("c.warc.gz");
    WriteFile(path, m[0] + bad + m[2] + m[3]);
    const ReadResult r = ReadAll(path);
    REQUIRE(r.entries.size() == 4);
    CheckPage(r.entries[0], 1);
    CheckDamage(r.entries[1], path, m[0].size(), "corrupt gzip member");
    CheckPage(r.entries[2], 3);
    CHECK(r.entries[2].capture.offset == m[0].size() + bad.size());
    CheckPage(r.entries[3], 4);
  }
}

TEST_CASE("damage: a Content-Length running past the end of the file") {
  TempDir dir("past-end");
  const std::vector<std::string> recs = Responses(2);
  const std::string http = HtmlResponse(HtmlPage(3));
  const std::string cut = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: " + Id(3) +
                          "\r\nWARC-Target-URI: http://news.example/3\r\nContent-Length: " +
                          std::to_string(http.size() + 1000) + "\r\n\r\n" + http;
  const std::string path = dir.File("p.warc");
  WriteFile(path, recs[0] + recs[1] + cut);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckPage(r.entries[1], 2);
  CheckDamage(r.entries[2], path, recs[0].size() + recs[1].size(),
              "block cut short: " + std::to_string(http.size() + 1000) + " bytes declared, " +
                  std::to_string(http.size()) + " present by the end of the file");
  CHECK(r.entries[2].capture.record_id == Id(3));
  CHECK(r.entries[2].page.url == "http://news.example/3");
}

TEST_CASE("damage: a malformed WARC header line, uncompressed and gzip") {
  TempDir dir("malformed");
  const std::vector<std::string> recs = Responses(3);
  std::string bad = recs[1];
  bad.replace(bad.find("WARC-Date: "), 11, "WARC-Date ");
  for (const bool gzip : {false, true}) {
    INFO("gzip " << gzip);
    const std::string path = dir.File(gzip ? "m.warc.gz" : "m.warc");
    const std::string first = gzip ? Gzip(recs[0]) : recs[0];
    WriteFile(path, first + (gzip ? Gzip(bad) : bad) + (gzip ? Gzip(recs[2]) : recs[2]));
    const ReadResult r = ReadAll(path);
    REQUIRE(r.entries.size() == 3);
    CheckPage(r.entries[0], 1);
    CheckDamage(r.entries[1], path, first.size(),
                "malformed WARC header line \"WARC-Date 2024-05-23T09:41:00Z\"");
    CheckPage(r.entries[2], 3);
  }
}

TEST_CASE("damage: a record over max_record_bytes is skipped, named, and not held") {
  TempDir dir("too-big");
  const std::vector<std::string> recs = Responses(3);
  const std::string big_http = HtmlResponse("<html>" + std::string(5000, 'x') + "</html>");
  const std::string big = WarcResponse("http://news.example/big", big_http, Id(8));
  const std::string m1 = Gzip(recs[0]);
  const std::string path = dir.File("b.warc.gz");
  WriteFile(path, m1 + Gzip(big) + Gzip(recs[2]));
  ReaderOptions options;
  options.max_record_bytes = 1000;
  const ReadResult r = ReadAll(path, options);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, m1.size(),
              "record " + Id(8) + " (http://news.example/big) has a block of " +
                  std::to_string(big_http.size()) + " bytes, more than max_record_bytes (1000)");
  CHECK(r.entries[1].capture.record_id == Id(8));
  CheckPage(r.entries[2], 3);
}

TEST_CASE("damage: garbage between records is one entry, and reading goes on") {
  TempDir dir("garbage");
  const std::vector<std::string> recs = Responses(3);
  const std::string junk = "junk junk\r\nmore junk\r\n";  // 22 bytes
  const std::string path = dir.File("g.warc");
  WriteFile(path, recs[0] + junk + recs[1] + recs[2]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 4);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, recs[0].size(),
              "22 bytes between records are not a WARC or ARC record; skipped");
  CheckPage(r.entries[2], 2);
  CheckPage(r.entries[3], 3);

  // Between gzip members.
  const std::string m1 = Gzip(recs[0]);
  const std::string gz = dir.File("g.warc.gz");
  WriteFile(gz, m1 + std::string(100, '\0') + junk + Gzip(recs[1]) + Gzip(recs[2]));
  const ReadResult g = ReadAll(gz);
  REQUIRE(g.entries.size() == 4);
  CheckPage(g.entries[0], 1);
  CheckDamage(g.entries[1], gz, m1.size(),
              "122 stored bytes after a gzip member are not a gzip member; skipped");
  CheckPage(g.entries[2], 2);
  CheckPage(g.entries[3], 3);
  // Inside a member, after its record.
  const std::string in = dir.File("in.warc.gz");
  WriteFile(in, Gzip(recs[0] + junk) + Gzip(recs[1]));
  const ReadResult i = ReadAll(in);
  REQUIRE(i.entries.size() == 3);
  CheckDamage(i.entries[1], in, 0, "22 bytes between records");
  CheckPage(i.entries[2], 2);
  // Before the first record.
  const std::string lead = dir.File("lead.warc");
  WriteFile(lead, "junk\r\n" + recs[0]);
  const ReadResult l = ReadAll(lead);
  REQUIRE(l.entries.size() == 2);
  CheckDamage(l.entries[0], lead, 0,
              "6 bytes before the first record are not a WARC or ARC record; skipped");
  CheckPage(l.entries[1], 1);
}

TEST_CASE("damage: a Content-Length too small is the record's damage, not also garbage") {
  TempDir dir("short-length");
  const std::vector<std::string> recs = Responses(3);
  std::string bad = recs[1];
  const std::string http = HtmlResponse(HtmlPage(2));
  const std::string declared = "Content-Length: " + std::to_string(http.size());
  bad.replace(bad.find(declared), declared.size(),
              "Content-Length: " + std::to_string(http.size() - 2));
  const std::string path = dir.File("s.warc");
  WriteFile(path, recs[0] + bad + recs[2]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, recs[0].size(),
              "Content-Length " + std::to_string(http.size() - 2) +
                  " does not match the block: it is not followed by CRLF CRLF");
  CheckPage(r.entries[2], 3);
}

TEST_CASE("damage: files that are not archives") {
  TempDir dir("not-archives");
  const std::string empty = dir.File("empty.warc.gz");
  WriteFile(empty, "");
  ReadResult r = ReadAll(empty);
  REQUIRE(r.entries.size() == 1);
  CheckDamage(r.entries[0], empty, 0, "empty file");

  const std::string html = dir.File("page.warc.gz");
  WriteFile(html, "<html><body>502 Bad Gateway</body></html>\n");
  r = ReadAll(html);
  REQUIRE(r.entries.size() == 1);
  CheckDamage(r.entries[0], html, 0, "not a WARC or ARC file: no record found in its 42 bytes");

  const std::string text = dir.File("text.warc.gz");
  WriteFile(text, Gzip("hello world\n"));
  r = ReadAll(text);
  REQUIRE(r.entries.size() == 1);
  CheckDamage(r.entries[0], text, 0, "not a WARC or ARC file: no record found in its 12 bytes");

  const std::string binary = dir.File("binary.warc.gz");
  std::string noise;
  for (int i = 0; i < 100000; ++i) noise += static_cast<char>((i * 7919) % 251);
  WriteFile(binary, noise);
  r = ReadAll(binary);
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].kind == EntryKind::kDamaged);
  CHECK(r.counts.damaged == 1);
  CHECK(r.counts.records == 1);

  const std::string gzip_junk = dir.File("junk.warc.gz");
  WriteFile(gzip_junk, "\x1f\x8b\x08\x00" + noise);
  r = ReadAll(gzip_junk);
  REQUIRE(r.entries.size() == 1);
  CheckDamage(r.entries[0], gzip_junk, 0, "corrupt gzip member");

  CHECK(ArchiveReader::Open(dir.File("missing.warc")).status().code() == StatusCode::kNotFound);
}

TEST_CASE("damage: a chunked payload with a bad chunk size") {
  TempDir dir("bad-chunk");
  const std::string path = dir.File("c.warc");
  const std::string bad = WarcResponse(
      "http://news.example/c",
      Http("HTTP/1.1 200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
           "5\r\n<html\r\nzz\r\n>\r\n0\r\n\r\n"),
      Id(9));
  const std::vector<std::string> recs = Responses(2);
  WriteFile(path, recs[0] + bad + recs[1]);
  const ReadResult r = ReadAll(path);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, recs[0].size(), "chunked body: bad chunk-size line");
  CHECK(r.entries[1].capture.record_id == Id(9));
  CheckPage(r.entries[2], 2);
}

TEST_CASE("damage: a gzip bomb payload is stopped at max_decoded_bytes") {
  TempDir dir("bomb");
  const std::string path = dir.File("b.warc.gz");
  const std::string bomb = Gzip(std::string(20 << 20, 'a'), 9);
  CHECK(bomb.size() < 100000);
  const std::string rec = WarcResponse("http://news.example/bomb",
                                       HtmlResponse(bomb, "Content-Encoding: gzip\r\n"), Id(9));
  const std::vector<std::string> recs = Responses(2);
  const std::string m1 = Gzip(recs[0]);
  WriteFile(path, m1 + Gzip(rec) + Gzip(recs[1]));
  ReaderOptions options;
  options.max_decoded_bytes = 1 << 20;
  const ReadResult r = ReadAll(path, options);
  REQUIRE(r.entries.size() == 3);
  CheckPage(r.entries[0], 1);
  CheckDamage(r.entries[1], path, m1.size(),
              "Content-Encoding gzip: payload decodes to more than max_decoded_bytes (1048576)");
  CheckPage(r.entries[2], 2);
}

TEST_CASE("reader: ReadRecordAt errors") {
  TempDir dir("record-at");
  const std::vector<std::string> recs = Responses(2);
  const std::string path = dir.File("r.warc");
  WriteFile(path, recs[0] + recs[1]);
  CHECK(ReadRecordAt(dir.File("missing.warc"), 0, "").status().code() == StatusCode::kNotFound);
  // No record starts in the middle of one, nor at the end of the file.
  auto middle = ReadRecordAt(path, 5, "");
  CHECK(middle.status().code() == StatusCode::kNotFound);
  CHECK(middle.status().where() == Where(path, 5));
  CHECK(ReadRecordAt(path, recs[0].size() + recs[1].size(), "").status().code() ==
        StatusCode::kNotFound);
  CHECK(ReadRecordAt(path, 1 << 20, "").status().code() == StatusCode::kNotFound);
  // A damaged record there.
  const std::string cut = dir.File("cut.warc");
  WriteFile(cut, recs[0] + recs[1].substr(0, 100));
  auto damaged = ReadRecordAt(cut, recs[0].size(), "");
  CHECK(damaged.status().code() == StatusCode::kInvalidInput);
  CHECK(damaged.status().where() == Where(cut, recs[0].size()));
  CHECK(damaged.status().message().find("cut short") != std::string::npos);
}

TEST_CASE("reader: archive names") {
  for (const char* name : {"a.warc", "a.warc.gz", "A.WARC.GZ", "a.warc.zst", "a.arc", "a.arc.gz",
                           "x/a.wet", "a.wet.gz", "a.wet.zst"}) {
    CHECK_MESSAGE(IsArchiveName(name), name);
  }
  for (const char* name : {"a.gz", "a.warc.bz2", "warc", "a.cdx", "a.html", "a.warc.gz.tmp"}) {
    CHECK_FALSE_MESSAGE(IsArchiveName(name), name);
  }
}

}  // namespace newsfacts::archive
