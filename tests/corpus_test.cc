// The corpus goldens: every corpus/<NN-slug>/ folder holds page.html and a hand-checked
// expected.json (see corpus/README.md). For each folder this suite runs
//
//   $NEWSFACTS_BIN extract --json --no-db --rules <checkout>/rules --url <url> page.html
//
// and compares the one JSON line it prints with the golden: metadata fields present in the
// golden must be equal, text and captions equal, and each facts list must have the same
// length as the golden's, with every golden item matched (by span; officials by name) to an
// output item whose fields present in the golden are equal. Numbers compare with a relative
// tolerance of 1e-9, mentions as sets of spans, equivalent_of by the span it points at.
//
// Before that, each golden is checked against itself: every span must cut exactly the
// fact's text out of the golden text (code points, as in Python's text[s:e]).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/black_box.h"

namespace newsfacts::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFactKinds[] = {"quantities", "dates", "officials", "quotes"};
constexpr const char* kMetadataFields[] = {"url",    "canonical_url", "site",    "title",
                                           "byline", "published",     "language"};

// Code points of UTF-8 text; an invalid byte becomes U+FFFD so positions stay defined.
std::u32string Decode(const std::string& s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// text[start:end] in code points, or nullopt when the span is not a valid slice.
std::optional<std::string> Slice(const std::u32string& text, const json& span) {
  if (!span.is_array() || span.size() != 2 || !span[0].is_number_integer() ||
      !span[1].is_number_integer()) {
    return std::nullopt;
  }
  const auto start = span[0].get<int64_t>();
  const auto end = span[1].get<int64_t>();
  if (start < 0 || end < start || end > static_cast<int64_t>(text.size())) return std::nullopt;
  return Encode(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
}

std::string Show(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Where two texts first differ, with some context on each side.
std::string DescribeTextDifference(const std::string& expected, const std::string& actual) {
  const std::u32string e = Decode(expected);
  const std::u32string a = Decode(actual);
  size_t i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  const size_t from = i < 40 ? 0 : i - 40;
  auto context = [&](const std::u32string& s) {
    if (from >= s.size()) return std::string("(ends before this point)");
    return json(Encode(s.substr(from, std::min<size_t>(s.size() - from, 100)))).dump();
  };
  std::ostringstream out;
  out << "first difference at code point " << i << " (expected length " << e.size() << ", got "
      << a.size() << ")\n  expected from " << from << ": " << context(e) << "\n  got      from "
      << from << ": " << context(a);
  return out.str();
}

bool NumbersEqual(double expected, double actual) {
  if (expected == actual) return true;
  const double scale = std::max(std::fabs(expected), std::fabs(actual));
  return std::fabs(expected - actual) <= 1e-9 * scale;
}

bool ValuesEqual(const json& expected, const json& actual) {
  if (expected.is_number() && actual.is_number()) {
    return NumbersEqual(expected.get<double>(), actual.get<double>());
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!ValuesEqual(expected[i], actual[i])) return false;
    }
    return true;
  }
  return expected == actual;
}

std::set<std::pair<int64_t, int64_t>> SpanSet(const json& spans) {
  std::set<std::pair<int64_t, int64_t>> out;
  if (!spans.is_array()) return out;
  for (const json& s : spans) {
    if (s.is_array() && s.size() == 2 && s[0].is_number_integer() && s[1].is_number_integer()) {
      out.insert({s[0].get<int64_t>(), s[1].get<int64_t>()});
    }
  }
  return out;
}

std::string ShowSpans(const std::set<std::pair<int64_t, int64_t>>& spans) {
  std::string out = "[";
  for (const auto& [s, e] : spans) {
    if (out.size() > 1) out += ", ";
    out += "[" + std::to_string(s) + ", " + std::to_string(e) + "]";
  }
  return out + "]";
}

struct Fixture {
  std::string name;  // the folder name, e.g. "01-record-fentanyl-seizure"
  fs::path dir;
  std::string label;  // "corpus/<name>/expected.json", for messages
  json expected;
  std::string expected_error;  // why expected.json could not be used, or ""
  RunResult run;
  json output;               // the parsed output line
  std::string output_error;  // why there is no usable output, or ""
};

std::vector<fs::path> CorpusDirs() {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(SourceDir()) / "corpus", ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "page.html") &&
        fs::exists(entry.path() / "expected.json")) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// Runs the program once per folder; doctest re-enters the test case for every subcase,
// so the results are kept.
const Fixture& LoadFixture(const fs::path& dir) {
  static std::map<std::string, Fixture> cache;
  const std::string key = dir.string();
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;

  Fixture f;
  f.name = dir.filename().string();
  f.dir = dir;
  f.label = "corpus/" + f.name + "/expected.json";
  f.expected = json::parse(ReadFile(dir / "expected.json"), nullptr, false);
  if (f.expected.is_discarded() || !f.expected.is_object()) {
    f.expected_error = "is not a JSON object";
  } else if (!f.expected.contains("url") || !f.expected["url"].is_string()) {
    f.expected_error = "has no \"url\" string";
  }

  if (f.expected_error.empty()) {
    f.run = RunNewsfacts({"extract", "--json", "--no-db", "--rules",
                          (fs::path(SourceDir()) / "rules").string(), "--url",
                          f.expected["url"].get<std::string>(), (dir / "page.html").string()});
    std::vector<std::string> lines = Lines(f.run.out);
    if (!f.run.started || f.run.signaled || f.run.exit_code != 0) {
      f.output_error = "extract failed: " + f.run.Describe();
    } else if (lines.size() != 1) {
      f.output_error = "extract printed " + std::to_string(lines.size()) +
                       " lines on stdout, expected exactly 1";
    } else {
      f.output = json::parse(lines[0], nullptr, false);
      if (f.output.is_discarded() || !f.output.is_object()) {
        f.output = json();
        f.output_error = "extract's stdout is not one JSON object: " + lines[0].substr(0, 300);
      }
    }
  }
  return cache.emplace(key, std::move(f)).first->second;
}

// Problems of the golden with itself: spans that do not cut out the fact's text.
std::vector<std::string> CheckGolden(const json& expected) {
  std::vector<std::string> problems;
  if (!expected.contains("text") || !expected["text"].is_string()) {
    problems.push_back("no \"text\" string");
    return problems;
  }
  const std::u32string text = Decode(expected["text"].get<std::string>());
  for (const char* kind : kFactKinds) {
    if (!expected.contains(kind)) continue;
    const json& items = expected[kind];
    if (!items.is_array()) {
      problems.push_back(std::string(kind) + " is not an array");
      continue;
    }
    for (size_t i = 0; i < items.size(); ++i) {
      const json& item = items[i];
      const std::string where = std::string(kind) + "[" + std::to_string(i) + "]";
      if (item.contains("span")) {
        const auto cut = Slice(text, item["span"]);
        if (!cut) {
          problems.push_back(where + ": span " + Show(item["span"]) + " is not inside text");
        } else if (std::string(kind) != "quotes" &&
                   (!item.contains("text") || json(*cut) != item["text"])) {
          problems.push_back(where + ": text[span] is " + json(*cut).dump() + ", not " +
                             Show(item.value("text", json())));
        }
      } else if (std::string(kind) != "officials") {
        problems.push_back(where + " has no span");
      }
      if (std::string(kind) == "quotes" && item.contains("parts")) {
        std::string joined;
        for (const json& part : item["parts"]) {
          const auto cut = Slice(text, part);
          if (!cut) {
            problems.push_back(where + ": part " + Show(part) + " is not inside text");
            continue;
          }
          if (!joined.empty()) joined += " ";
          joined += *cut;
        }
        if (item.contains("text") && json(joined) != item["text"]) {
          problems.push_back(where + ": parts joined by a space are " + json(joined).dump() +
                             ", not " + Show(item["text"]));
        }
      }
      if (std::string(kind) == "officials" && item.contains("mentions")) {
        for (const json& m : item["mentions"]) {
          if (!Slice(text, m)) {
            problems.push_back(where + ": mention " + Show(m) + " is not inside text");
          }
        }
      }
      if (std::string(kind) == "quantities" && item.contains("equivalent_of") &&
          !item["equivalent_of"].is_null()) {
        const json& eq = item["equivalent_of"];
        if (!eq.is_number_integer() || eq.get<int64_t>() < 0 ||
            eq.get<int64_t>() >= static_cast<int64_t>(items.size())) {
          problems.push_back(where + ": equivalent_of " + Show(eq) + " is not an index");
        }
      }
    }
  }
  return problems;
}

// Finds the output item an expected item describes: by span, or for an item without a
// span (officials) by name. Returns the index or -1.
int FindMatch(const json& expected_item, const json& output_items) {
  if (!output_items.is_array()) return -1;
  for (size_t i = 0; i < output_items.size(); ++i) {
    const json& out = output_items[i];
    if (!out.is_object()) continue;
    if (expected_item.contains("span")) {
      if (out.contains("span") && out["span"] == expected_item["span"]) return static_cast<int>(i);
    } else if (expected_item.contains("name")) {
      if (out.contains("name") && out["name"] == expected_item["name"]) return static_cast<int>(i);
    }
  }
  return -1;
}

// The field-by-field differences between an expected item and its output item.
std::vector<std::string> CompareItem(const std::string& kind, const json& expected_item,
                                     const json& output_item, const json& expected_list,
                                     const json& output_list) {
  std::vector<std::string> diffs;
  for (auto it = expected_item.begin(); it != expected_item.end(); ++it) {
    const std::string& field = it.key();
    const json& want = it.value();
    if (!output_item.contains(field)) {
      diffs.push_back("field \"" + field + "\" is missing (expected " + Show(want) + ")");
      continue;
    }
    const json& got = output_item[field];
    if (kind == "officials" && field == "mentions") {
      const auto want_set = SpanSet(want);
      const auto got_set = SpanSet(got);
      if (want_set != got_set) {
        diffs.push_back("mentions differ: expected " + ShowSpans(want_set) + ", got " +
                        ShowSpans(got_set));
      }
      continue;
    }
    if (kind == "quantities" && field == "equivalent_of") {
      // Indices depend on each list's order; compare the spans they point at.
      if (want.is_null() || got.is_null()) {
        if (want.is_null() != got.is_null()) {
          diffs.push_back("equivalent_of: expected " + Show(want) + ", got " + Show(got));
        }
        continue;
      }
      const json want_span =
          want.is_number_integer() && want.get<int64_t>() >= 0 &&
                  want.get<int64_t>() < static_cast<int64_t>(expected_list.size())
              ? expected_list[want.get<size_t>()].value("span", json())
              : json();
      const json got_span = got.is_number_integer() && got.get<int64_t>() >= 0 &&
                                    got.get<int64_t>() < static_cast<int64_t>(output_list.size())
                                ? output_list[got.get<size_t>()].value("span", json())
                                : json();
      if (want_span.is_null() || want_span != got_span) {
        diffs.push_back("equivalent_of: expected the quantity at " + Show(want_span) +
                        ", got index " + Show(got) + " (the quantity at " + Show(got_span) + ")");
      }
      continue;
    }
    if (!ValuesEqual(want, got)) {
      diffs.push_back("field \"" + field + "\": expected " + Show(want) + ", got " + Show(got));
    }
  }
  return diffs;
}

std::string ItemName(const json& item) {
  std::string out = item.contains("text") ? Show(item["text"]) : Show(item.value("name", json()));
  if (item.contains("span")) out += " at " + Show(item["span"]);
  return out;
}

void CheckFacts(const Fixture& f, const std::string& kind) {
  const json expected_list = f.expected.value(kind, json::array());
  const json output_list = f.output.contains(kind) ? f.output[kind] : json();
  if (!output_list.is_array()) {
    FAIL_CHECK(f.label << ": output has no \"" << kind << "\" array");
    return;
  }
  if (output_list.size() != expected_list.size()) {
    std::string got;
    for (const json& item : output_list) got += "\n    " + ItemName(item);
    std::string want;
    for (const json& item : expected_list) want += "\n    " + ItemName(item);
    FAIL_CHECK(f.label << ": " << kind << ": expected " << expected_list.size() << " items, got "
                       << output_list.size() << "\n  expected:" << want << "\n  got:" << got);
  }
  for (size_t i = 0; i < expected_list.size(); ++i) {
    const json& want = expected_list[i];
    const int match = FindMatch(want, output_list);
    const std::string where =
        f.label + ": " + kind + "[" + std::to_string(i) + "] " + ItemName(want);
    if (match < 0) {
      FAIL_CHECK(where << ": no output item "
                       << (want.contains("span") ? "with this span" : "with this name"));
      continue;
    }
    for (const std::string& diff : CompareItem(kind, want, output_list[static_cast<size_t>(match)],
                                               expected_list, output_list)) {
      FAIL_CHECK(where << ": " << diff);
    }
  }
}

TEST_CASE("corpus goldens") {
  const std::string bin = BinaryPath();
  if (bin.empty()) {
    FAIL(
        "NEWSFACTS_BIN is not set: run through ctest, or set it to the built newsfacts "
        "binary (e.g. NEWSFACTS_BIN=build/newsfacts build/tests_tests)");
  }
  REQUIRE_MESSAGE(std::filesystem::exists(bin), "NEWSFACTS_BIN=" << bin << " does not exist");

  const std::vector<fs::path> dirs = CorpusDirs();
  REQUIRE_MESSAGE(dirs.size() >= 7, "expected at least 7 corpus folders under "
                                        << SourceDir() << "/corpus, found " << dirs.size());

  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    SUBCASE(name.c_str()) {
      const Fixture& f = LoadFixture(dir);
      REQUIRE_MESSAGE(f.expected_error.empty(), f.label << " " << f.expected_error);

      SUBCASE("golden") {
        for (const std::string& problem : CheckGolden(f.expected)) {
          FAIL_CHECK(f.label << " (the golden itself): " << problem);
        }
      }
      SUBCASE("metadata") {
        REQUIRE_MESSAGE(f.output_error.empty(), f.label << ": " << f.output_error);
        for (const char* field : kMetadataFields) {
          if (!f.expected.contains(field)) continue;
          const json got = f.output.contains(field) ? f.output[field] : json();
          CHECK_MESSAGE(got == f.expected[field],
                        f.label << ": " << std::string(field) << ": expected "
                                << Show(f.expected[field]) << ", got " << Show(got));
        }
      }
      SUBCASE("text") {
        REQUIRE_MESSAGE(f.output_error.empty(), f.label << ": " << f.output_error);
        const std::string want = f.expected.value("text", std::string());
        const json got = f.output.contains("text") ? f.output["text"] : json();
        REQUIRE_MESSAGE(got.is_string(), f.label << ": output has no \"text\" string");
        if (got.get<std::string>() != want) {
          FAIL_CHECK(f.label << ": text differs; "
                             << DescribeTextDifference(want, got.get<std::string>()));
        }
      }
      SUBCASE("captions") {
        REQUIRE_MESSAGE(f.output_error.empty(), f.label << ": " << f.output_error);
        if (f.expected.contains("captions")) {
          const json got = f.output.contains("captions") ? f.output["captions"] : json();
          CHECK_MESSAGE(got == f.expected["captions"], f.label << ": captions: expected "
                                                               << Show(f.expected["captions"])
                                                               << ", got " << Show(got));
        }
      }
      for (const char* kind : kFactKinds) {
        SUBCASE(kind) {
          REQUIRE_MESSAGE(f.output_error.empty(), f.label << ": " << f.output_error);
          CheckFacts(f, kind);
        }
      }
    }
  }
}

}  // namespace
}  // namespace newsfacts::testing
