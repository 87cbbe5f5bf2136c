#include "factcheck/hit_export.h"

#include <set>
#include <string_view>

#include "common/csv.h"
#include "common/utf8.h"
#include "factcheck/hit_json.h"

namespace newsfacts::factcheck {
namespace {

using Json = nlohmann::ordered_json;

// The columns, as JSON pointers into the hit's `check --json` object.
struct Column {
  const char* name;
  const char* pointer;
};

constexpr Column kColumns[] = {
    {"rank", "/rank"},
    {"verdict", "/verdict"},
    {"score", "/score"},
    {"how", "/how"},
    {"article_id", "/article_id"},
    {"url", "/url"},
    {"title", "/title"},
    {"site", "/site"},
    {"published", "/published"},
    {"sentence", "/sentence"},
    {"sentence_start", "/sentence_span/0"},
    {"sentence_end", "/sentence_span/1"},
    {"figure_text", "/figure/text"},
    {"figure_start", "/figure/span/0"},
    {"figure_end", "/figure/span/1"},
    {"figure_value", "/figure/value"},
    {"figure_unit", "/figure/unit"},
    {"figure_si_value", "/figure/si_value"},
    {"figure_si_unit", "/figure/si_unit"},
    {"claim_figure_text", "/claim_figure/text"},
    {"claim_figure_value", "/claim_figure/value"},
    {"claim_figure_unit", "/claim_figure/unit"},
    {"claim_figure_si_value", "/claim_figure/si_value"},
    {"claim_figure_si_unit", "/claim_figure/si_unit"},
    {"speaker", "/speaker"},
    {"archive_file", "/archive/file"},
    {"archive_offset", "/archive/offset"},
    {"archive_length", "/archive/length"},
    {"archive_record_id", "/archive/record_id"},
    {"archive_date", "/archive/date"},
    {"archive_digest", "/archive/digest"},
};

void WriteValue(const Json& v, std::ostream& out) {
  if (v.is_null()) return;
  if (v.is_string()) {
    const std::string s = ScrubUtf8(v.get_ref<const std::string&>());
    WriteCsvField(s, s.empty(), out);
    return;
  }
  WriteCsvField(v.dump(), false, out);
}

}  // namespace

void WriteHitsCsv(const std::vector<Hit>& hits, std::ostream& out) {
  std::string_view separator;
  for (const Column& c : kColumns) {
    out << separator;
    WriteCsvField(c.name, false, out);
    separator = ",";
  }
  out << "\r\n";
  for (size_t i = 0; i < hits.size(); ++i) {
    const Json hit = HitJson(hits[i], i + 1);
    separator = {};
    for (const Column& c : kColumns) {
      out << separator;
      separator = ",";
      const Json::json_pointer pointer(c.pointer);
      if (hit.contains(pointer)) WriteValue(hit.at(pointer), out);
    }
    out << "\r\n";
  }
}

Json ClaimReview(const std::string& claim, const std::vector<Hit>& hits,
                 const ClaimReviewOptions& options) {
  const bool any_figure =
      std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return h.figure.has_value(); });
  Json appearances = Json::array();
  std::set<std::string> seen;
  for (const Hit& h : hits) {
    if (any_figure && !h.figure) continue;
    if (!seen.insert(h.article_id).second) continue;
    Json work;
    work["@type"] = "CreativeWork";
    if (h.url) work["url"] = ScrubUtf8(*h.url);
    if (h.title) work["headline"] = ScrubUtf8(*h.title);
    if (h.published) work["datePublished"] = *h.published;
    if (h.site) work["publisher"] = {{"@type", "Organization"}, {"name", ScrubUtf8(*h.site)}};
    if (h.archive) {
      work["archivedAt"] =
          ScrubUtf8(h.archive->file) + "#offset=" + std::to_string(h.archive->offset);
    }
    appearances.push_back(std::move(work));
  }
  Json review;
  review["@context"] = "https://schema.org";
  review["@type"] = "ClaimReview";
  review["datePublished"] = options.date;
  review["claimReviewed"] = ScrubUtf8(claim);
  if (options.author) {
    review["author"] = {{"@type", "Organization"}, {"name", ScrubUtf8(*options.author)}};
  }
  Json item;
  item["@type"] = "Claim";
  item["appearance"] = std::move(appearances);
  review["itemReviewed"] = std::move(item);
  if (options.rating) {
    review["reviewRating"] = {{"@type", "Rating"}, {"alternateName", ScrubUtf8(*options.rating)}};
  }
  return review;
}

}  // namespace newsfacts::factcheck
