#include "factcheck/hit_json.h"

#include <cmath>
#include <optional>

namespace newsfacts::factcheck {
namespace {

nlohmann::ordered_json FigureJson(const Quantity& q) {
  nlohmann::ordered_json j;
  j["text"] = q.text;
  j["span"] = {q.span.start, q.span.end};
  j["value"] = q.value;
  j["unit"] = q.unit;
  j["si_value"] = q.si_value ? nlohmann::ordered_json(*q.si_value) : nlohmann::ordered_json();
  j["si_unit"] = q.si_unit;
  return j;
}

template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

}  // namespace

nlohmann::ordered_json HitJson(const Hit& h, size_t rank) {
  nlohmann::ordered_json j;
  j["rank"] = rank;
  j["verdict"] = VerdictName(h.verdict);
  j["score"] = std::round(h.score * 1000) / 1000;
  j["how"] = h.how;
  j["article_id"] = h.article_id;
  j["url"] = OrNull(h.url);
  j["title"] = OrNull(h.title);
  j["site"] = OrNull(h.site);
  j["published"] = OrNull(h.published);
  j["sentence"] = h.sentence;
  j["sentence_span"] = {h.sentence_span.start, h.sentence_span.end};
  j["figure"] = h.figure ? FigureJson(*h.figure) : nlohmann::ordered_json();
  j["claim_figure"] = h.claim_figure ? FigureJson(*h.claim_figure) : nlohmann::ordered_json();
  j["speaker"] = OrNull(h.speaker);
  j["archive"] = h.archive ? ToJson(*h.archive) : nlohmann::ordered_json();
  return j;
}

}  // namespace newsfacts::factcheck
