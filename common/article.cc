#include "common/article.h"

#include <algorithm>

#include "common/utf8.h"

namespace newsfacts {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json SpanJson(const Span& s) { return Json::array({s.start, s.end}); }

}  // namespace

Json ToJson(const Quantity& q) {
  Json j;
  j["text"] = q.text;
  j["span"] = SpanJson(q.span);
  j["rule"] = q.rule;
  j["value"] = q.value;
  j["unit"] = q.unit;
  j["dimension"] = q.dimension;
  j["si_value"] = OrNull(q.si_value);
  j["si_unit"] = q.si_unit;
  j["approx"] = q.approx;
  j["low"] = OrNull(q.low);
  j["high"] = OrNull(q.high);
  j["subject"] = OrNull(q.subject);
  j["equivalent_of"] = OrNull(q.equivalent_of);
  return j;
}

namespace {

Json DateJson(const DateFact& d) {
  Json j;
  j["text"] = d.text;
  j["span"] = SpanJson(d.span);
  j["rule"] = d.rule;
  j["kind"] = d.kind;
  j["from"] = OrNull(d.from);
  j["to"] = OrNull(d.to);
  j["granularity"] = OrNull(d.granularity);
  j["duration"] = OrNull(d.duration);
  return j;
}

Json OfficialJson(const Official& o) {
  Json j;
  j["name"] = o.name;
  j["title"] = o.title;
  j["former"] = o.former;
  j["affiliation"] = OrNull(o.affiliation);
  j["span"] = SpanJson(o.span);
  j["rule"] = o.rule;
  Json mentions = Json::array();
  for (const Span& m : o.mentions) mentions.push_back(SpanJson(m));
  j["mentions"] = std::move(mentions);
  return j;
}

Json QuoteJson(const Quote& q) {
  Json j;
  j["text"] = q.text;
  j["span"] = SpanJson(q.span);
  Json parts = Json::array();
  for (const Span& p : q.parts) parts.push_back(SpanJson(p));
  j["parts"] = std::move(parts);
  j["speaker"] = OrNull(q.speaker);
  j["speaker_span"] = q.speaker_span ? SpanJson(*q.speaker_span) : Json(nullptr);
  j["cue"] = OrNull(q.cue);
  j["via"] = OrNull(q.via);
  j["partial"] = q.partial;
  j["rule"] = q.rule;
  return j;
}

}  // namespace

void ConvertSpansToCodePoints(Article* a) {
  const std::vector<int64_t> index = CodePointIndex(a->text);
  const int64_t last = static_cast<int64_t>(a->text.size());
  auto fix = [&](Span& s) {
    s.start = index[static_cast<size_t>(std::clamp<int64_t>(s.start, 0, last))];
    s.end = index[static_cast<size_t>(std::clamp<int64_t>(s.end, 0, last))];
  };
  for (Quantity& q : a->quantities) fix(q.span);
  for (DateFact& d : a->dates) fix(d.span);
  for (Official& o : a->officials) {
    fix(o.span);
    for (Span& m : o.mentions) fix(m);
  }
  for (Quote& q : a->quotes) {
    fix(q.span);
    for (Span& p : q.parts) fix(p);
    if (q.speaker_span) fix(*q.speaker_span);
  }
}

Json ToJson(const ArchiveRef& r) {
  Json j;
  j["file"] = r.file;
  j["offset"] = r.offset;
  j["length"] = r.length;
  j["record_id"] = r.record_id;
  j["date"] = r.date;
  j["digest"] = r.digest;
  return j;
}

Json ToJson(const Article& a) {
  Json j;
  j["id"] = a.id;
  j["url"] = OrNull(a.url);
  j["canonical_url"] = OrNull(a.canonical_url);
  j["site"] = OrNull(a.site);
  j["title"] = OrNull(a.title);
  j["byline"] = OrNull(a.byline);
  j["published"] = OrNull(a.published);
  j["language"] = OrNull(a.language);
  j["text"] = a.text;
  j["captions"] = a.captions;
  j["archive"] = a.archive ? ToJson(*a.archive) : Json(nullptr);
  Json qs = Json::array(), ds = Json::array(), os = Json::array(), quotes = Json::array();
  for (const auto& q : a.quantities) qs.push_back(ToJson(q));
  for (const auto& d : a.dates) ds.push_back(DateJson(d));
  for (const auto& o : a.officials) os.push_back(OfficialJson(o));
  for (const auto& q : a.quotes) quotes.push_back(QuoteJson(q));
  j["quantities"] = std::move(qs);
  j["dates"] = std::move(ds);
  j["officials"] = std::move(os);
  j["quotes"] = std::move(quotes);
  return j;
}

std::string ToJsonLine(const Article& a) {
  return ToJson(a).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace newsfacts
