#include "archive/stream.h"

#include <doctest/doctest.h>

#include "archive/test_archives.h"

namespace newsfacts::archive {
using testing::Gzip;
using testing::SkippableFrame;
using testing::TempDir;
using testing::WriteFile;
using testing::Zstd;

namespace {

std::unique_ptr<ByteStream> OpenStream(const std::string& path, uint64_t offset = 0) {
  auto s = ByteStream::Open(path, offset);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return std::move(s).value();
}

// Everything the stream decodes, with each break's message in square brackets where it
// happened.
std::string Drain(ByteStream& s) {
  std::string out;
  for (int guard = 0; guard < 1000; ++guard) {
    s.Fill(ByteStream::kWindowBytes);
    out.append(s.data(), s.available());
    s.Consume(s.available());
    if (s.at_end()) return out;
    if (s.at_break()) {
      out += "[" + s.pending_break().message + "]";
      s.Resume();
    }
  }
  FAIL("the stream does not end");
  return out;
}

// A text that compresses poorly, so members are larger than the buffers.
std::string Noise(size_t n, unsigned seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    s[i] = static_cast<char>('a' + (seed >> 16) % 26);
  }
  return s;
}

}  // namespace

TEST_CASE("stream: compression is judged from the bytes, not the name") {
  TempDir dir("stream-detect");
  WriteFile(dir.File("plain.warc.gz"), "WARC/1.1\r\n");
  WriteFile(dir.File("gzip.txt"), Gzip("gzip data"));
  WriteFile(dir.File("zstd.bin"), Zstd("zstd data"));
  auto plain = OpenStream(dir.File("plain.warc.gz"));
  CHECK(plain->compression() == Compression::kNone);
  CHECK(Drain(*plain) == "WARC/1.1\r\n");
  auto gz = OpenStream(dir.File("gzip.txt"));
  CHECK(gz->compression() == Compression::kGzip);
  CHECK(Drain(*gz) == "gzip data");
  auto zs = OpenStream(dir.File("zstd.bin"));
  CHECK(zs->compression() == Compression::kZstd);
  CHECK(Drain(*zs) == "zstd data");
  CHECK(ByteStream::Open(dir.File("missing")).status().code() == StatusCode::kNotFound);
}

TEST_CASE("stream: gzip members, their stored extents and decoded starts") {
  TempDir dir("stream-members");
  const std::string a = Gzip("first member\n"), b = Gzip(Noise(600000, 1)), c = Gzip("third\n");
  WriteFile(dir.File("m.gz"), a + b + c);
  auto s = OpenStream(dir.File("m.gz"));
  std::string all;
  std::vector<Member> seen;
  while (!s->at_end()) {
    s->Fill(1000);
    const Member* m = s->MemberAt(s->position());
    REQUIRE(m);
    if (seen.empty() || seen.back().stored_offset != m->stored_offset) seen.push_back(*m);
    // Up to 1000 bytes, stopping at the next member's start.
    const size_t n = static_cast<size_t>(std::min<uint64_t>(
        {s->available(), 1000, s->NextMemberStart(s->position()) - s->position()}));
    all.append(s->data(), n);
    s->Consume(n);
  }
  CHECK(all == "first member\n" + Noise(600000, 1) + "third\n");
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].stored_offset == 0);
  CHECK(seen[0].decoded_start == 0);
  CHECK(seen[1].stored_offset == a.size());
  CHECK(seen[1].decoded_start == 13);
  CHECK(seen[2].stored_offset == a.size() + b.size());
  CHECK(seen[2].decoded_start == 13 + 600000);
  // Lengths are known once each member's end was decoded.
  const Member* last = s->MemberAt(13 + 600000);
  REQUIRE(last);
  CHECK(last->ended);
  CHECK(last->stored_length == c.size());
  CHECK(s->stored_bytes_read() == a.size() + b.size() + c.size());
}

TEST_CASE("stream: Read decodes straight into the caller's buffer, Skip drops") {
  TempDir dir("stream-read");
  const std::string big = Noise(3 << 20, 7);
  WriteFile(dir.File("big.gz"), Gzip("head:") + Gzip(big) + Gzip(":tail"));
  auto s = OpenStream(dir.File("big.gz"));
  s->Fill(5);
  CHECK(std::string(s->data(), 5) == "head:");
  s->Consume(5);
  std::string got(big.size(), '\0');
  CHECK(s->Read(got.data(), got.size()) == big.size());
  CHECK(got == big);
  CHECK(Drain(*s) == ":tail");

  auto t = OpenStream(dir.File("big.gz"));
  CHECK(t->Skip(5 + big.size()) == 5 + big.size());
  CHECK(Drain(*t) == ":tail");
  auto u = OpenStream(dir.File("big.gz"));
  CHECK(u->Skip(100 << 20) == 10 + big.size());
  CHECK(u->at_end());
  // A skip within what the window holds keeps the rest of it.
  auto v = OpenStream(dir.File("big.gz"));
  v->Fill(1000);
  REQUIRE(v->available() >= 1000);
  CHECK(v->Skip(2) == 2);
  CHECK(Drain(*v) == "ad:" + big + ":tail");
}

TEST_CASE("stream: garbage between gzip members is one break, then the next member") {
  TempDir dir("stream-garbage");
  const std::string a = Gzip("one"), b = Gzip("two");
  WriteFile(dir.File("g.gz"), a + "GARBAGE!" + b);
  auto s = OpenStream(dir.File("g.gz"));
  CHECK(Drain(*s) == "one[8 stored bytes after a gzip member are not a gzip member; skipped]two");
  auto t = OpenStream(dir.File("g.gz"));
  t->Fill(100);
  CHECK(t->available() == 3);  // decoding stops at the break
  t->Consume(3);
  REQUIRE(t->at_break());
  CHECK(t->pending_break().stored_offset == a.size());
  t->Resume();
  t->Fill(100);
  const Member* m = t->MemberAt(t->position());
  REQUIRE(m);
  CHECK(m->stored_offset == a.size() + 8);
  CHECK(m->decoded_start == 3);
}

TEST_CASE("stream: a truncated last member, a corrupt member in the middle") {
  TempDir dir("stream-damage");
  const std::string a = Gzip("alpha"), b = Gzip(Noise(5000, 3)), c = Gzip("gamma");
  WriteFile(dir.File("cut.gz"), a + b.substr(0, b.size() / 2));
  auto s = OpenStream(dir.File("cut.gz"));
  const std::string cut = Drain(*s);
  CHECK(cut.rfind("alpha", 0) == 0);
  CHECK(cut.size() > 5);
  CHECK(cut.find("[gzip member truncated: the file ends inside it]") != std::string::npos);

  // Bytes cut out of the middle member: the next member is still found.
  std::string middle = b;
  middle.erase(middle.size() / 3, middle.size() / 3);
  WriteFile(dir.File("hole.gz"), a + middle + c);
  auto t = OpenStream(dir.File("hole.gz"));
  const std::string hole = Drain(*t);
  CHECK(hole.rfind("alpha", 0) == 0);
  CHECK(hole.find("[corrupt gzip member") != std::string::npos);
  CHECK(hole.size() >= 10);
  CHECK(hole.substr(hole.size() - 5) == "gamma");

  // Not gzip at all after the first bytes: one break, the end.
  WriteFile(dir.File("junk.gz"), std::string("\x1f\x8b\x08\x00junkjunkjunk", 16));
  auto u = OpenStream(dir.File("junk.gz"));
  const std::string junk = Drain(*u);
  CHECK(junk.rfind("[", 0) == 0);
  CHECK(junk.find("]") == junk.size() - 1);
}

TEST_CASE("stream: zstd frames, skippable frames and a dictionary") {
  TempDir dir("stream-zstd");
  const std::string dict = Noise(2000, 11);
  // Texts mostly made of the dictionary, so their frames refer to it.
  const std::string one = dict.substr(0, 1000) + "one", two = dict.substr(500, 1000) + "two";
  const std::string f1 = Zstd(one, dict), f2 = Zstd(two, dict);
  REQUIRE(f1.size() < 100);
  const std::string lead = SkippableFrame(0xD, dict);
  WriteFile(dir.File("d.zst"), lead + f1 + SkippableFrame(0, "index") + f2);
  auto s = OpenStream(dir.File("d.zst"));
  CHECK(s->compression() == Compression::kZstd);
  CHECK(Drain(*s) == one + two);

  // Frame extents.
  auto t = OpenStream(dir.File("d.zst"));
  t->Fill(one.size());
  const Member* m = t->MemberAt(0);
  REQUIRE(m);
  CHECK(m->stored_offset == lead.size());
  CHECK(m->ended);
  CHECK(m->stored_length == f1.size());
  t->Consume(one.size());
  t->Fill(two.size());
  m = t->MemberAt(one.size());
  REQUIRE(m);
  CHECK(m->stored_offset == lead.size() + f1.size() + 13);
  CHECK(m->stored_length == f2.size());

  // The dictionary itself zstd-compressed.
  WriteFile(dir.File("z.zst"), SkippableFrame(0xD, Zstd(dict)) + f1 + f2);
  auto u = OpenStream(dir.File("z.zst"));
  CHECK(Drain(*u) == one + two);

  // Opened at the second frame, the dictionary is still read from the file's start.
  auto v = OpenStream(dir.File("d.zst"), lead.size() + f1.size() + 13);
  CHECK(Drain(*v) == two);

  // Without the dictionary, frames that need it are damage.
  WriteFile(dir.File("nodict.zst"), f1 + f2);
  auto w = OpenStream(dir.File("nodict.zst"));
  CHECK(Drain(*w).find("[corrupt zstd frame") != std::string::npos);
}

TEST_CASE("stream: zstd damage: garbage between frames, a truncated frame") {
  TempDir dir("stream-zstd-damage");
  const std::string f1 = Zstd("first"), f2 = Zstd("second");
  WriteFile(dir.File("g.zst"), f1 + "xx" + f2);
  auto s = OpenStream(dir.File("g.zst"));
  CHECK(Drain(*s) ==
        "first[2 stored bytes after a zstd frame are not a zstd frame; skipped]second");
  WriteFile(dir.File("t.zst"), f1 + f2.substr(0, f2.size() - 3));
  auto t = OpenStream(dir.File("t.zst"));
  const std::string cut = Drain(*t);
  CHECK(cut.rfind("first", 0) == 0);
  CHECK(cut.find("[zstd frame truncated: the file ends inside it]") != std::string::npos);
}

TEST_CASE("stream: an uncompressed file's positions are its offsets") {
  TempDir dir("stream-plain");
  WriteFile(dir.File("p.warc"), "0123456789");
  auto s = OpenStream(dir.File("p.warc"), 4);
  CHECK(s->position() == 4);
  s->Fill(2);
  CHECK(std::string(s->data(), 2) == "45");
  CHECK(s->MemberAt(4) == nullptr);
  CHECK(Drain(*s) == "456789");
  CHECK(s->stored_bytes_read() == 10);
}

}  // namespace newsfacts::archive
