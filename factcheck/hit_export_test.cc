#include "factcheck/hit_export.h"

#include <doctest/doctest.h>

#include <sstream>

namespace newsfacts::factcheck {
namespace {

Hit MakeHit(const std::string& id, std::optional<std::string> url, bool with_figure) {
  Hit h;
  h.verdict = with_figure ? Verdict::kRounded : Verdict::kRelated;
  h.score = 4.5;
  h.article_id = id;
  h.url = std::move(url);
  h.title = "Seizures, \"record\" year";
  h.site = "example.org";
  h.published = "2024-05-23T09:41:00Z";
  h.sentence = "Forces confiscated 8,222.5 kilograms, officials said.";
  h.sentence_span = {100, 153};
  if (with_figure) {
    h.how = "source 8,222.5 kg, claim ≈8,200 kg: rounded (0.3%)";
    Quantity q;
    q.text = "8,222.5 kilograms";
    q.span = {119, 136};
    q.value = 8222.5;
    q.unit = "kilogram";
    q.si_value = 8222.5;
    q.si_unit = "kg";
    h.figure = q;
    Quantity c = q;
    c.text = "8.2 tonnes";
    c.value = 8.2;
    c.unit = "tonne";
    c.si_value = 8200;
    h.claim_figure = c;
  }
  return h;
}

std::vector<std::string> Rows(const std::string& csv) {
  std::vector<std::string> rows;
  size_t start = 0;
  for (size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2) {
    rows.push_back(csv.substr(start, end - start));
  }
  CHECK(start == csv.size());  // every row ends in CRLF
  return rows;
}

TEST_CASE("csv: a header and one row per hit, quoted where needed, null as empty") {
  Hit archived = MakeHit("a1", "https://example.org/a1", true);
  archived.archive =
      ArchiveRef{"crawl.warc.gz", 4096, 900, "<urn:uuid:1>", "2024-05-24T00:00:00Z", "sha1:ABC"};
  std::ostringstream out;
  WriteHitsCsv({archived, MakeHit("a2", std::nullopt, false)}, out);
  const auto rows = Rows(out.str());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].rfind("rank,verdict,score,how,article_id,url,title,site,published,sentence,"
                      "sentence_start,sentence_end,figure_text,figure_start,figure_end,",
                      0) == 0);
  CHECK(rows[0].find(",archive_file,archive_offset,archive_length,archive_record_id,"
                     "archive_date,archive_digest") != std::string::npos);
  CHECK(rows[1] ==
        "1,rounded,4.5,\"source 8,222.5 kg, claim ≈8,200 kg: rounded (0.3%)\",a1,"
        "https://example.org/a1,\"Seizures, \"\"record\"\" year\",example.org,"
        "2024-05-23T09:41:00Z,\"Forces confiscated 8,222.5 kilograms, officials said.\",100,153,"
        "\"8,222.5 kilograms\",119,136,8222.5,kilogram,8222.5,kg,8.2 tonnes,8.2,tonne,8200.0,kg,,"
        "crawl.warc.gz,4096,900,<urn:uuid:1>,2024-05-24T00:00:00Z,sha1:ABC");
  // A related hit: no url, no figure, no claim figure, no archive ("how" is an empty
  // string): the 19 columns from figure_text to archive_digest are empty.
  CHECK(rows[2] ==
        "2,related,4.5,\"\",a2,,\"Seizures, \"\"record\"\" year\",example.org,"
        "2024-05-23T09:41:00Z,\"Forces confiscated 8,222.5 kilograms, officials said.\",100,153,"
        ",,,,,,,,,,,,,,,,,,");
}

TEST_CASE("claimreview: sources with a figure as appearances; rating only when given") {
  const std::vector<Hit> hits = {MakeHit("a1", "https://example.org/a1", true),
                                 MakeHit("a1", "https://example.org/a1", true),
                                 MakeHit("a2", "https://example.org/a2", false)};
  ClaimReviewOptions options;
  options.date = "2026-12-07";
  auto review = ClaimReview("Mexico seized 8.2 tonnes of fentanyl", hits, options);
  CHECK(review["@context"] == "https://schema.org");
  CHECK(review["@type"] == "ClaimReview");
  CHECK(review["datePublished"] == "2026-12-07");
  CHECK(review["claimReviewed"] == "Mexico seized 8.2 tonnes of fentanyl");
  CHECK_FALSE(review.contains("reviewRating"));
  CHECK_FALSE(review.contains("author"));
  CHECK(review["itemReviewed"]["@type"] == "Claim");
  const auto& appearance = review["itemReviewed"]["appearance"];
  // a1 once (two hits in one article), a2 left out: it has no figure and a1 has one.
  REQUIRE(appearance.size() == 1);
  CHECK(appearance[0]["url"] == "https://example.org/a1");
  CHECK(appearance[0]["headline"] == "Seizures, \"record\" year");
  CHECK(appearance[0]["publisher"]["name"] == "example.org");

  options.rating = "Mostly true";
  options.author = "The Desk";
  review = ClaimReview("x", {MakeHit("a2", "https://example.org/a2", false)}, options);
  CHECK(review["reviewRating"]["alternateName"] == "Mostly true");
  CHECK(review["author"]["name"] == "The Desk");
  // Only related hits: they are the appearances.
  REQUIRE(review["itemReviewed"]["appearance"].size() == 1);
  CHECK(review["itemReviewed"]["appearance"][0]["url"] == "https://example.org/a2");
}

}  // namespace
}  // namespace newsfacts::factcheck
