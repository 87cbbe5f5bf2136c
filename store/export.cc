// Export of stored articles and facts as JSON Lines or CSV (store.h, Export).
//
// Built on Store::ForEachArticle and ToJson, so an export shows exactly what a reader of the
// store gets, in the same order and with the same field names and number formatting.
//
// CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, a
// quote, CR or LF (quotes doubled) and also when they are an empty string, so that an
// unquoted empty field means null and "" means the empty string (PostgreSQL's convention).
// Spans become <name>_start,<name>_end columns; lists (captions, mentions, parts) are
// JSON text; booleans are true/false; numbers are written as in the JSON.
#include <exception>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/utf8.h"
#include "store/store.h"

namespace newsfacts::store {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Contract keys of each exported kind, in contract order. "span" and "speaker_span" expand
// to two CSV columns each.
const std::vector<std::string>* KeysOf(std::string_view what) {
  static const std::vector<std::string> kArticles = {
      "id",     "url",       "canonical_url", "site", "title",
      "byline", "published", "language",      "text", "captions"};
  static const std::vector<std::string> kQuantities = {
      "text",    "span",   "rule", "value", "unit",    "dimension",    "si_value",
      "si_unit", "approx", "low",  "high",  "subject", "equivalent_of"};
  static const std::vector<std::string> kDates = {"text", "span", "rule",        "kind",
                                                  "from", "to",   "granularity", "duration"};
  static const std::vector<std::string> kOfficials = {"name", "title", "former",  "affiliation",
                                                      "span", "rule",  "mentions"};
  static const std::vector<std::string> kQuotes = {
      "text", "span", "parts", "speaker", "speaker_span", "cue", "via", "partial", "rule"};
  if (what == "articles") return &kArticles;
  if (what == "quantities") return &kQuantities;
  if (what == "dates") return &kDates;
  if (what == "officials") return &kOfficials;
  if (what == "quotes") return &kQuotes;
  return nullptr;
}

bool IsSpanKey(std::string_view key) { return key == "span" || key == "speaker_span"; }

// Writes one JSON value as a CSV field: null -> empty, "" -> "", strings raw (ill-formed
// UTF-8 replaced as in the JSON), everything else as JSON text.
void WriteCsvValue(const Json& v, std::ostream& out) {
  if (v.is_null()) return;
  if (v.is_string()) {
    const std::string s = ScrubUtf8(v.get_ref<const std::string&>());
    WriteCsvField(s, s.empty(), out);
    return;
  }
  WriteCsvField(Dump(v), false, out);
}

void WriteCsvHeader(const std::vector<std::string>& keys, bool with_article_id, std::ostream& out) {
  bool first = true;
  auto column = [&](const std::string& name) {
    if (!first) out << ',';
    first = false;
    WriteCsvField(name, false, out);
  };
  if (with_article_id) column("article_id");
  for (const std::string& key : keys) {
    if (IsSpanKey(key)) {
      column(key + "_start");
      column(key + "_end");
    } else {
      column(key);
    }
  }
  out << "\r\n";
}

void WriteCsvRow(const std::vector<std::string>& keys, const std::string* article_id,
                 const Json& object, std::ostream& out) {
  bool first = true;
  auto separator = [&] {
    if (!first) out << ',';
    first = false;
  };
  if (article_id) {
    separator();
    WriteCsvValue(Json(*article_id), out);
  }
  for (const std::string& key : keys) {
    const auto it = object.find(key);
    const Json value = it == object.end() ? Json(nullptr) : *it;
    if (IsSpanKey(key)) {
      const bool is_span = value.is_array() && value.size() == 2;
      separator();
      if (is_span) WriteCsvValue(value[0], out);
      separator();
      if (is_span) WriteCsvValue(value[1], out);
    } else {
      separator();
      WriteCsvValue(value, out);
    }
  }
  out << "\r\n";
}

}  // namespace

Status Export(const Store& store, ExportFormat format, const std::string& what, std::ostream& out) {
  const std::vector<std::string>* keys = KeysOf(what);
  if (keys == nullptr) {
    return InvalidInput("unknown export \"" + what +
                        "\"; expected articles, quantities, dates, officials or quotes");
  }
  const bool articles = what == "articles";
  const bool csv = format == ExportFormat::kCsv;

  Status status;
  try {
    if (csv) WriteCsvHeader(*keys, !articles, out);
    const Status walk = store.ForEachArticle([&](const Article& article) {
      try {
        if (articles && !csv) {
          out << ToJsonLine(article) << '\n';
        } else {
          const Json json = ToJson(article);
          if (articles) {
            WriteCsvRow(*keys, nullptr, json, out);
          } else {
            for (const Json& fact : json.at(what)) {
              if (csv) {
                WriteCsvRow(*keys, &article.id, fact, out);
              } else {
                Json line;
                line["article_id"] = article.id;
                for (const auto& [key, value] : fact.items()) line[key] = value;
                out << Dump(line) << '\n';
              }
            }
          }
        }
      } catch (const std::exception& e) {
        status =
            InternalError(std::string("exporting article \"") + article.id + "\": " + e.what());
        return false;
      }
      if (!out) {
        status = IoError("writing the " + what + " export failed");
        return false;
      }
      return true;
    });
    if (!walk.ok()) return walk;
  } catch (const std::exception& e) {
    return InternalError(std::string("exporting ") + what + ": " + e.what());
  }
  if (status.ok() && !out.flush()) status = IoError("writing the " + what + " export failed");
  return status;
}

}  // namespace newsfacts::store
